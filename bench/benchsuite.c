/*
 * bench/benchsuite.c - the fixed suite of auditor questions the benchmark
 * asks, with parameters picked from values that really occur in the data
 * (from the census), so a question never measures an empty lookup by
 * accident. The choice is deterministic: the same data gives the same
 * questions (ties broken by name).
 *
 * Selective questions aim at a few dozen matches (the "<= 100 matches, < 10
 * ms" target); broad ones (one day, count by type, histogram) measure the
 * aggregation paths. Workload: runs once per benchmark, over maps of at
 * most a few hundred thousand keys.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_int.h"

typedef bool (*key_ok_fn)(const char *key);

/* The key whose count is nearest `target` on a log scale (an answer of 40
 * is as near 80 as 160 is); ties go to the smaller key. NULL if none. */
static const char *pick_near(const struct jx_strcount *m, double target,
                             key_ok_fn ok, uint64_t *count)
{
    const char *best = NULL;
    double bd = 0;
    for (size_t i = 0; m && i < jx_strcount_size(m); i++) {
        const char *k = jx_strcount_key(m, i);
        uint64_t v = jx_strcount_val(m, i);
        if (!v || !k[0] || (ok && !ok(k)))
            continue;
        double d = fabs(log((double)v) - log(target));
        if (!best || d < bd || (d == bd && strcmp(k, best) < 0)) {
            best = k;
            bd = d;
            if (count)
                *count = v;
        }
    }
    return best;
}

/* A search term for full-text search: an object name near `target`
 * entries that is not part of any other object name seen (otherwise a
 * "rare" name like APPOBJI would also match every APPOBJIDX entry and the
 * question would not be selective). Checks the 64 best candidates. */
struct cand {
    double d;
    const char *k;
};

static int cand_cmp(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->d != y->d)
        return x->d < y->d ? -1 : 1;
    return strcmp(x->k, y->k);
}

static bool long_name_ok(const char *k);

static const char *pick_search_term(const struct jx_strcount *m, double target)
{
    size_t n = jx_strcount_size(m), nc = 0;
    struct cand *c = jx_malloc((n ? n : 1) * sizeof(*c));
    const char *best = NULL;
    if (!c)
        return pick_near(m, target, long_name_ok, NULL);
    for (size_t i = 0; i < n; i++) {
        const char *k = jx_strcount_key(m, i);
        uint64_t v = jx_strcount_val(m, i);
        if (v && long_name_ok(k))
            c[nc++] = (struct cand){fabs(log((double)v) - log(target)), k};
    }
    qsort(c, nc, sizeof(*c), cand_cmp);
    for (size_t i = 0; i < nc && i < 64 && !best; i++) {
        bool alone = true;
        for (size_t j = 0; j < n && alone; j++) {
            const char *o = jx_strcount_key(m, j);
            alone = o == c[i].k || !strstr(o, c[i].k);
        }
        if (alone)
            best = c[i].k;
    }
    if (!best && nc)
        best = c[0].k;
    jx_free(c);
    return best;
}

static bool user_type_ok(const char *k)
{
    /* Both halves present: "USER\tTYPE". */
    const char *t = strchr(k, '\t');
    return t && t != k && t[1];
}

static bool long_name_ok(const char *k)
{
    /* A search term must be specific: 6+ characters, letters and digits
     * only (no '*' or '%' that would read as something else). */
    size_t n = strlen(k);
    if (n < 6)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((k[i] >= 'A' && k[i] <= 'Z') || (k[i] >= '0' && k[i] <= '9')))
            return false;
    return true;
}

static bool alnum_prefix_ok(const char *k)
{
    for (; *k; k++)
        if (!((*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9')))
            return false;
    return true;
}

static void add_filter(struct jx_bq *q, const char *name, const char *value)
{
    if (q->nf >= JX_BQ_MAXF)
        return;
    snprintf(q->f[q->nf].name, sizeof(q->f[q->nf].name), "%s", name);
    snprintf(q->f[q->nf].value, sizeof(q->f[q->nf].value), "%s", value);
    q->nf++;
}

/* The equivalent `jidx query` options, for the report. */
static void render_args(struct jx_bq *q)
{
    size_t n = 0;
    q->args[0] = '\0';
    for (size_t i = 0; i < q->nf && n < sizeof(q->args); i++) {
        const char *v = q->f[i].value;
        /* Quote for a POSIX shell when anything but the safe set is in it
         * ('$' and '#' are common in IBM i names). */
        bool quote = v[strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                 "0123456789._/:,@-")] != '\0';
        n += (size_t)snprintf(q->args + n, sizeof(q->args) - n, "%s--%s %s%s%s",
                              n ? " " : "", q->f[i].name, quote ? "'" : "", v,
                              quote ? "'" : "");
    }
    if (n >= sizeof(q->args))
        return;
    switch (q->kind) {
    case JX_BQ_ROWS: break;
    case JX_BQ_COUNT:
        snprintf(q->args + n, sizeof(q->args) - n, "%s--count", n ? " " : "");
        break;
    case JX_BQ_GROUP:
        snprintf(q->args + n, sizeof(q->args) - n, "%s--group-by %s", n ? " " : "",
                 q->group);
        break;
    case JX_BQ_HIST_DAY:
        snprintf(q->args + n, sizeof(q->args) - n, "%s--histogram day", n ? " " : "");
        break;
    }
}

static struct jx_bq *next_q(struct jx_bq *qs, size_t cap, size_t *n, const char *id,
                            enum jx_bq_kind kind)
{
    if (*n >= cap)
        return NULL;
    struct jx_bq *q = &qs[(*n)++];
    memset(q, 0, sizeof(*q));
    snprintf(q->id, sizeof(q->id), "%s", id);
    q->kind = kind;
    return q;
}

/* The middle day of those that hold entries (sorted by date). */
static const char *middle_day(const struct jx_strcount *m)
{
    size_t n = jx_strcount_size(m), below;
    for (size_t i = 0; i < n; i++) {
        const char *k = jx_strcount_key(m, i);
        below = 0;
        for (size_t j = 0; j < n; j++)
            below += strcmp(jx_strcount_key(m, j), k) < 0;
        if (below == n / 2)
            return k;
    }
    return NULL;
}

size_t jx_bench_suite(const struct jx_census *c, struct jx_bq *qs, size_t cap)
{
    size_t n = 0;
    struct jx_bq *q;
    const char *k;
    char buf[256];
    uint64_t cnt = 0;

    /* 1. One user and one type over all data. */
    if ((k = pick_near(c->user_type, 50, user_type_ok, &cnt)) &&
        (q = next_q(qs, cap, &n, "user-type", JX_BQ_ROWS))) {
        snprintf(buf, sizeof(buf), "%s", k);
        char *t = strchr(buf, '\t');
        *t++ = '\0';
        add_filter(q, "user", buf);
        add_filter(q, "type", t);
        snprintf(q->question, sizeof(q->question),
                 "every %s entry of user %s, all years", t, buf);
    }

    /* 2. Failed sign-ons for QSECOFR (or, if the data has none, the
     * profile with the most PW entries). */
    if ((q = next_q(qs, cap, &n, "pw-qsecofr", JX_BQ_ROWS))) {
        k = jx_strcount_get(c->pw_target, "QSECOFR") ? "QSECOFR"
                                                      : pick_near(c->pw_target, 1e12, NULL, NULL);
        k = k ? k : "QSECOFR";
        add_filter(q, "type", "PW");
        add_filter(q, "target-user", k);
        snprintf(q->question, sizeof(q->question), "failed sign-ons (PW) for %s", k);
    }

    /* 3. Who ran CHGUSRPRF, by user. */
    if ((q = next_q(qs, cap, &n, "chgusrprf-by-user", JX_BQ_GROUP))) {
        add_filter(q, "type", "CD");
        add_filter(q, "object", "CHGUSRPRF");
        snprintf(q->group, sizeof(q->group), "user");
        snprintf(q->question, sizeof(q->question), "who ran CHGUSRPRF (CD), by user");
    }

    /* 4. Everything on one day. */
    if ((k = middle_day(c->day)) && (q = next_q(qs, cap, &n, "one-day", JX_BQ_ROWS))) {
        add_filter(q, "from", k);
        add_filter(q, "to", k);
        snprintf(q->question, sizeof(q->question), "every entry of %s", k);
    }

    /* 5. A generic object name. */
    if ((q = next_q(qs, cap, &n, "generic-object", JX_BQ_ROWS))) {
        k = jx_strcount_get(c->obj_prefix, "ORD") ? "ORD"
                                                  : pick_near(c->obj_prefix, 50, alnum_prefix_ok, NULL);
        snprintf(buf, sizeof(buf), "%s*", k ? k : "ORD");
        add_filter(q, "object", buf);
        snprintf(q->question, sizeof(q->question), "entries about objects named %s", buf);
    }

    /* 6. An IFS path prefix. */
    if ((k = pick_near(c->path_prefix, 50, NULL, NULL)) &&
        (q = next_q(qs, cap, &n, "ifs-prefix", JX_BQ_ROWS))) {
        snprintf(buf, sizeof(buf), "%s*", k);
        add_filter(q, "path", buf);
        snprintf(q->question, sizeof(q->question), "entries under IFS path %s", buf);
    }

    /* 7. One remote address. */
    if ((k = pick_near(c->remote, 20, NULL, NULL)) &&
        (q = next_q(qs, cap, &n, "remote-addr", JX_BQ_ROWS))) {
        add_filter(q, "remote-addr", k);
        snprintf(q->question, sizeof(q->question), "entries from remote address %s", k);
    }

    /* 8. Full-text search of the ESD for a rare name. */
    if ((k = pick_search_term(c->object, 30)) &&
        (q = next_q(qs, cap, &n, "search", JX_BQ_ROWS))) {
        add_filter(q, "search", k);
        /* jidx keeps no text index: --search decompresses and reads the
         * ESD of every row of the segments the other filters leave */
        q->scan_bound = true;
        snprintf(q->question, sizeof(q->question), "entries whose ESD text contains '%s'", k);
    }

    /* 9. Count by type, all data. */
    if ((q = next_q(qs, cap, &n, "count-by-type", JX_BQ_GROUP))) {
        snprintf(q->group, sizeof(q->group), "type");
        snprintf(q->question, sizeof(q->question), "number of entries of each type");
    }

    /* 10. Entries per day, all data. */
    if ((q = next_q(qs, cap, &n, "per-day", JX_BQ_HIST_DAY)))
        snprintf(q->question, sizeof(q->question), "number of entries per day");

    /* 11. Authority failures of one user, counted. */
    if ((q = next_q(qs, cap, &n, "af-count", JX_BQ_COUNT))) {
        const char *u = NULL;
        uint64_t best = 0;
        /* The user with the most AF entries. */
        for (size_t i = 0; i < jx_strcount_size(c->user_type); i++) {
            const char *key = jx_strcount_key(c->user_type, i);
            const char *t = strchr(key, '\t');
            uint64_t v = jx_strcount_val(c->user_type, i);
            if (t && t != key && !strcmp(t + 1, "AF") &&
                (v > best || (v == best && u && strcmp(key, u) < 0))) {
                u = key;
                best = v;
            }
        }
        add_filter(q, "type", "AF");
        if (u) {
            snprintf(buf, sizeof(buf), "%.*s", (int)(strchr(u, '\t') - u), u);
            add_filter(q, "user", buf);
            snprintf(q->question, sizeof(q->question),
                     "how many authority failures (AF) for user %s", buf);
        } else {
            snprintf(q->question, sizeof(q->question), "how many authority failures (AF)");
        }
    }

    /* 12. Failed sign-ons per day. */
    if ((q = next_q(qs, cap, &n, "pw-per-day", JX_BQ_HIST_DAY))) {
        add_filter(q, "type", "PW");
        snprintf(q->question, sizeof(q->question), "failed sign-ons (PW) per day");
    }

    for (size_t i = 0; i < n; i++)
        render_args(&qs[i]);
    return n;
}
