/*
 * cli/cmd_report.c - `jidx report NAME INDEX [scope] [options]` and
 * `jidx report --list`: the canned security reports of query/report.h,
 * answered from the index alone. Scope options are the filters of
 * `jidx query` (same option table), so --from/--to/--system/... mean the
 * same in both commands.
 *
 * Workload: one report per process; the cost is in the queries. This file
 * parses options and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "filter.h"
#include "index.h"
#include "output.h"
#include "report.h"

enum {
    OPT_FORMAT = 1, OPT_TOP, OPT_LIMIT, OPT_PROFILE, OPT_COMMAND, OPT_BURST_COUNT,
    OPT_BURST_MINUTES, OPT_SECTION, OPT_THREADS, OPT_LIST, OPT_HELP,
};

static void help(FILE *o)
{
    size_t n;
    const struct jx_report_info *ri = jx_report_list(&n);
    fprintf(o,
"usage: jidx report NAME INDEX [SCOPE] [OPTIONS]\n"
"       jidx report --list [--format table|csv|json]\n"
"Canned security reports from an index built by 'jidx ingest' (the receivers\n"
"are never read). Reports:");
    for (size_t i = 0; i < n; i++)
        fprintf(o, "%s%s", i % 4 ? " " : "\n  ", ri[i].name);
    fprintf(o,
"\n'jidx report --list' tells what each one answers, which entry types and\n"
"fields it reads and what rests on UNCONFIRMED layout facts.\n\n"
"Scope: any filter of 'jidx query' narrows every query of the report, e.g.\n"
"  --from TIME --to TIME --system NAME --user NAME --remote-addr CIDR\n"
"(see 'jidx query --help'; --to includes all of what TIME names).\n\n"
"Options:\n"
"  --format table|csv|json  (default table). csv/json rows start with the\n"
"                           section name; --section gives plain CSV\n"
"  --section NAME           print only that section of the report\n"
"  --top N                  count sections: the N largest (summary: default 10)\n"
"  --limit N                list sections: at most N rows\n"
"  --profile NAME[,NAME]    powerful-profiles: profiles to watch (repeatable;\n"
"                           generic QSEC* allowed; default\n"
"                           " JX_REPORT_PROFILES_DEFAULT ")\n"
"  --command NAME[,NAME]    command-usage: only these commands, and list their\n"
"                           command strings (repeatable)\n"
"  --burst-count N          signon-failures: a burst is N failures (default 10)\n"
"  --burst-minutes M        ... of one user within M minutes (default 5)\n"
"  --threads N              query worker threads (default: all cores)\n\n"
"Exit status: 0 done (also when nothing matches), 2 bad option, report or\n"
"index.\n");
}

static int print_list(enum jx_format fmt)
{
    size_t n;
    const struct jx_report_info *ri = jx_report_list(&n);
    if (fmt == JX_FMT_TABLE) {
        for (size_t i = 0; i < n; i++) {
            printf("%s\n  question:    %s\n  types:       %s\n  sections:    %s\n"
                   "  fields:      %s\n",
                   ri[i].name, ri[i].question, ri[i].types, ri[i].sections, ri[i].fields);
            if (ri[i].unconfirmed[0])
                printf("  unconfirmed: %s\n", ri[i].unconfirmed);
            if (i + 1 < n)
                putchar('\n');
        }
        return 0;
    }
    static const char *const h[] = {"name", "question", "types", "sections", "fields",
                                    "unconfirmed"};
    struct jx_out *out = NULL;
    if (jx_out_rows_create(stdout, fmt, h, 6, &out))
        return jx_cli_usage_error("report", "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *v[] = {ri[i].name, ri[i].question, ri[i].types, ri[i].sections,
                           ri[i].fields, ri[i].unconfirmed};
        jx_out_row(out, v);
    }
    jx_out_finish(out);
    return 0;
}

/* Append "a" to a comma list held in a malloc'd string. */
static int list_add(char **list, const char *a)
{
    size_t l = *list ? strlen(*list) : 0;
    char *s = realloc(*list, l + strlen(a) + 2);
    if (!s)
        return -1;
    if (l)
        s[l++] = ',';
    strcpy(s + l, a);
    *list = s;
    return 0;
}

int jx_cmd_report(int argc, char **argv)
{
    static const struct option fixed[] = {
        {"format", required_argument, 0, OPT_FORMAT}, {"top", required_argument, 0, OPT_TOP},
        {"limit", required_argument, 0, OPT_LIMIT}, {"profile", required_argument, 0, OPT_PROFILE},
        {"command", required_argument, 0, OPT_COMMAND},
        {"burst-count", required_argument, 0, OPT_BURST_COUNT},
        {"burst-minutes", required_argument, 0, OPT_BURST_MINUTES},
        {"section", required_argument, 0, OPT_SECTION},
        {"threads", required_argument, 0, OPT_THREADS}, {"list", no_argument, 0, OPT_LIST},
        {"help", no_argument, 0, OPT_HELP},
    };
    const size_t nfixed = sizeof(fixed) / sizeof(fixed[0]);
    struct jx_cli_filteropts fo;
    struct jx_filter *check = NULL;
    struct jx_index *ix = NULL;
    struct jx_report_printer *pr = NULL;
    struct jx_report_opts ro;
    struct jx_errctx err;
    char *profiles = NULL, *commands = NULL;
    const char *section = NULL;
    int fmt = JX_FMT_TABLE, rc = 0, c;
    bool list = false;
    uint64_t v;

    memset(&ro, 0, sizeof(ro));
    jx_errctx_clear(&err);
    if (jx_cli_filteropts_init(&fo, fixed, nfixed) || jx_filter_create(&check)) {
        rc = jx_cli_usage_error("report", "out of memory");
        goto out;
    }
    optind = 1;
    opterr = 1;
    while ((c = getopt_long(argc, argv, "h", fo.lo, NULL)) != -1) {
        const char *name = jx_cli_filteropts_name(&fo, c);
        if (name) {
            /* checked here so a bad value is reported against its option */
            if (jx_filter_add(check, name, optarg, &err)) {
                rc = jx_cli_fail("report", &err);
                goto out;
            }
            if (ro.nscope >= JX_REPORT_SCOPE_MAX) {
                rc = jx_cli_usage_error("report", "too many scope options (at most %d)",
                                        JX_REPORT_SCOPE_MAX);
                goto out;
            }
            ro.scope[ro.nscope].name = name;
            ro.scope[ro.nscope++].value = optarg;
            continue;
        }
        switch (c) {
        case OPT_FORMAT:
            if ((fmt = jx_format_parse(optarg)) < 0) {
                rc = jx_cli_usage_error("report", "unknown format '%s' (table, csv, json)", optarg);
                goto out;
            }
            break;
        case OPT_TOP:
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0) {
                rc = jx_cli_usage_error("report", "bad --top '%s' (a positive number)", optarg);
                goto out;
            }
            ro.top = (size_t)v;
            break;
        case OPT_LIMIT:
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0) {
                rc = jx_cli_usage_error("report", "bad --limit '%s' (a positive number)", optarg);
                goto out;
            }
            ro.limit = v;
            break;
        case OPT_PROFILE: case OPT_COMMAND:
            if (list_add(c == OPT_PROFILE ? &profiles : &commands, optarg)) {
                rc = jx_cli_usage_error("report", "out of memory");
                goto out;
            }
            break;
        case OPT_BURST_COUNT: case OPT_BURST_MINUTES:
            if (jx_cli_parse_u64(optarg, &v, 0) || v < (c == OPT_BURST_COUNT ? 2u : 1u) ||
                v > 100000) {
                rc = jx_cli_usage_error("report", "bad --%s '%s' (%s)",
                                        c == OPT_BURST_COUNT ? "burst-count" : "burst-minutes",
                                        optarg, c == OPT_BURST_COUNT ? "2..100000" : "1..100000");
                goto out;
            }
            if (c == OPT_BURST_COUNT)
                ro.burst_count = (unsigned)v;
            else
                ro.burst_minutes = (unsigned)v;
            break;
        case OPT_SECTION: section = optarg; break;
        case OPT_THREADS:
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0 || v > 1024) {
                rc = jx_cli_usage_error("report", "bad --threads '%s'", optarg);
                goto out;
            }
            ro.threads = (int)v;
            break;
        case OPT_LIST: list = true; break;
        case OPT_HELP: case 'h':
            help(stdout);
            goto out;
        default:
            fprintf(stderr, "jidx report: see 'jidx report --help'\n");
            rc = 2;
            goto out;
        }
    }
    if (list) {
        rc = print_list((enum jx_format)fmt);
        goto out;
    }
    if (argc - optind != 2) {
        rc = jx_cli_usage_error("report", argc - optind < 2
                                              ? "missing NAME or INDEX (see 'jidx report --help')"
                                              : "unexpected argument '%s'",
                                argc - optind < 2 ? "" : argv[optind + 2]);
        goto out;
    }
    if (jx_filter_check(check, &err)) {
        rc = jx_cli_fail("report", &err);
        goto out;
    }
    const char *name = argv[optind];
    size_t nr;
    const struct jx_report_info *ri = jx_report_list(&nr);
    bool known = false;
    for (size_t i = 0; i < nr; i++)
        if (!strcmp(ri[i].name, name))
            known = true;
    if (!known) {
        rc = jx_cli_usage_error("report", "unknown report '%s' (see 'jidx report --list')", name);
        goto out;
    }
    ro.profiles = profiles;
    ro.commands = commands;
    if (jx_index_open(argv[optind + 1], &ix, &err)) {
        rc = jx_cli_fail("report", &err);
        goto out;
    }
    if (jx_report_printer_create(stdout, (enum jx_format)fmt, section, &pr)) {
        rc = jx_cli_usage_error("report", "out of memory");
        goto out;
    }
    const struct jx_report_sink sink = jx_report_printer_sink(pr);
    int q = jx_report_run(ix, name, &ro, &sink, &err);
    /* what was printed before an error stays, then the error */
    int w = jx_report_printer_finish(pr);
    pr = NULL;
    if (q) {
        if (!err.msg[0] && !err.file[0])
            jx_error(&err, q, NULL, -1, -1, "%s", jx_strerror(q));
        rc = jx_cli_fail("report", &err);
    } else if (w || fflush(stdout) != 0) {
        rc = jx_cli_usage_error("report", "cannot write the output");
    }
out:
    jx_report_printer_finish(pr);
    jx_index_close(ix);
    jx_filter_free(check);
    free(profiles);
    free(commands);
    jx_cli_filteropts_release(&fo);
    return rc;
}
