/*
 * cli/cli_filter.c - the getopt table shared by every command that takes
 * query filters (query, report): the command's own options followed by one
 * option per filter of query/filter.h and its --not- form, so the options,
 * their negations and --help can never drift apart between commands.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int jx_cli_filteropts_init(struct jx_cli_filteropts *t, const struct option *fixed,
                           size_t nfixed)
{
    memset(t, 0, sizeof(*t));
    t->fo = jx_filter_options(&t->nf);
    t->lo = jx_calloc(nfixed + 2 * t->nf + 1, sizeof(*t->lo));
    t->notnames = jx_calloc(t->nf ? t->nf : 1, sizeof(*t->notnames));
    if (!t->lo || !t->notnames) {
        jx_cli_filteropts_release(t);
        return JX_E_NOMEM;
    }
    memcpy(t->lo, fixed, nfixed * sizeof(*fixed));
    size_t k = nfixed;
    for (size_t i = 0; i < t->nf; i++) {
        t->lo[k++] = (struct option){t->fo[i].name, required_argument, 0,
                                     JX_CLI_OPT_FILTER + (int)i};
        if (t->fo[i].negatable) {
            snprintf(t->notnames[i], sizeof(t->notnames[i]), "not-%s", t->fo[i].name);
            t->lo[k++] = (struct option){t->notnames[i], required_argument, 0,
                                         JX_CLI_OPT_NOT + (int)i};
        }
    }
    return JX_OK;
}

const char *jx_cli_filteropts_name(const struct jx_cli_filteropts *t, int c)
{
    if (c >= JX_CLI_OPT_FILTER && c < JX_CLI_OPT_FILTER + (int)t->nf)
        return t->fo[c - JX_CLI_OPT_FILTER].name;
    if (c >= JX_CLI_OPT_NOT && c < JX_CLI_OPT_NOT + (int)t->nf)
        return t->notnames[c - JX_CLI_OPT_NOT];
    return NULL;
}

void jx_cli_filteropts_release(struct jx_cli_filteropts *t)
{
    jx_free(t->lo);
    jx_free(t->notnames);
    t->lo = NULL;
    t->notnames = NULL;
}
