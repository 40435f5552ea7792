/*
 * query/exec.c - plan and run a query over the index: segment pruning,
 * posting-list bitmaps, column checks, row checks with jx_filter_match(),
 * and the parallel, order-preserving delivery of the result.
 *
 * Workload: an auditor's query over millions of entries in tens to
 * thousands of segments (up to 2^18 rows each). A selective query (one user
 * and one type) must cost in proportion to what it returns: segments are
 * dropped from the MANIFEST and from dictionaries before any row is
 * touched, candidate rows come from posting lists, and rows are read only
 * when a filter cannot be decided from the columns. Counts and group-bys
 * without row-level filters come from per-value row counts alone. A
 * segment loads only the dictionaries and blooms the filters and group-by
 * name (jx_index_seg_cols(), a bloom before the dictionary it can spare);
 * strings of delivered rows come from the cursor's partial walk of the
 * dictionary blocks, not from loading whole dictionaries.
 *
 * Parallelism: one work unit per surviving segment, taken in order by a
 * pool of worker threads, the calling thread being one of them. Units are
 * independent (a worker owns its cursor, reused from segment to segment,
 * bitmaps and aggregation table); results meet on the calling thread:
 * entries unit by unit in canonical order, their first PREREAD rows read
 * by the worker that found them (workers run at most WINDOW units ahead of
 * delivery, which bounds memory), counts and tables by merging after the
 * join. Shared state is the unit queue under one mutex.
 *
 * Soundness rule for every pruning step: a row may be dropped only if
 * jx_filter_match() would reject it. Dictionary lookups evaluate the very
 * term predicates jx_filter_match() uses (jx_fterm_match_str), on the very
 * strings the cursor would put in the entry.
 */
#include "exec.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xxhash.h>

#include "fields.h"
#include "filter_int.h"
#include "pool.h"

/* Filter needs and cursor masks share their bits. */
#define SAME_BIT(n, m) _Static_assert((unsigned)(n) == (unsigned)(m), #n " must equal " #m)
SAME_BIT(JX_FN_SEQ, JX_FM_SEQ);
SAME_BIT(JX_FN_TS, JX_FM_TS);
SAME_BIT(JX_FN_TYPE, JX_FM_TYPE);
SAME_BIT(JX_FN_CODE, JX_FM_CODE);
SAME_BIT(JX_FN_SUBTYPE, JX_FM_SUBTYPE);
SAME_BIT(JX_FN_USER, JX_FM_USER);
SAME_BIT(JX_FN_JOB, JX_FM_JOB);
SAME_BIT(JX_FN_PROGRAM, JX_FM_PROGRAM);
SAME_BIT(JX_FN_OBJECT, JX_FM_OBJECT);
SAME_BIT(JX_FN_TARGET_USER, JX_FM_TARGET_USER);
SAME_BIT(JX_FN_PATH, JX_FM_PATH);
SAME_BIT(JX_FN_REMOTE, JX_FM_REMOTE);
SAME_BIT(JX_FN_ESD, JX_FM_ESD);
#undef SAME_BIT

/* Rows handled together by column checks: one index row group, so one id
 * or timestamp read decompresses one block. A multiple of 64. */
#define CHUNK 4096u
/* Step 4 probes the other posting lists for the rows of the group with the
 * fewest when that group holds at most 1/JX_PROBE_RATIO of the segment's
 * rows; denser, AND-ing bitmaps word by word costs less. */
#define JX_PROBE_RATIO 64u
/* Ordered delivery: units a worker may finish ahead of the one being
 * delivered, per thread. Bounds the row lists held in memory. */
#define WINDOW_PER_THREAD 2
#define VAL_CAP 8192u

/* ---- a hash table of byte-string keys with counts -------------------------
 * Group-by keys (fields joined by NULs) and histogram buckets (8 bytes).
 * Grows geometrically; one allocation per distinct key, never per row. */
struct kent {
    uint64_t h;
    char *k;            /* NULL: free slot */
    uint32_t klen;
    uint64_t count;
};
struct ktab {
    struct kent *e;
    size_t cap, n;
};

static void ktab_free(struct ktab *t)
{
    for (size_t i = 0; t->e && i < t->cap; i++)
        jx_free(t->e[i].k);
    jx_free(t->e);
    memset(t, 0, sizeof(*t));
}

static int ktab_put(struct ktab *t, uint64_t h, char *k, uint32_t klen, uint64_t count)
{
    size_t m = t->cap - 1, i = h & m;
    while (t->e[i].k)
        i = (i + 1) & m;
    t->e[i].h = h;
    t->e[i].k = k;
    t->e[i].klen = klen;
    t->e[i].count = count;
    t->n++;
    return JX_OK;
}

static int ktab_grow(struct ktab *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 64;
    struct kent *old = t->e;
    size_t ocap = t->cap;
    if (ncap > SIZE_MAX / sizeof(struct kent) / 2)
        return JX_E_NOMEM;
    if (!(t->e = jx_calloc(ncap, sizeof(struct kent)))) {
        t->e = old;
        return JX_E_NOMEM;
    }
    t->cap = ncap;
    t->n = 0;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].k)
            ktab_put(t, old[i].h, old[i].k, old[i].klen, old[i].count);
    jx_free(old);
    return JX_OK;
}

static int ktab_add(struct ktab *t, const void *k, size_t klen, uint64_t count)
{
    if ((t->n + 1) * 2 > t->cap && ktab_grow(t))
        return JX_E_NOMEM;
    uint64_t h = XXH3_64bits(k, klen);
    size_t m = t->cap - 1, i = h & m;
    for (; t->e[i].k; i = (i + 1) & m)
        if (t->e[i].h == h && t->e[i].klen == klen && !memcmp(t->e[i].k, k, klen)) {
            t->e[i].count += count;
            return JX_OK;
        }
    char *c = jx_malloc(klen + 1);
    if (!c)
        return JX_E_NOMEM;
    memcpy(c, k, klen);
    c[klen] = '\0';
    return ktab_put(t, h, c, (uint32_t)klen, count);
}

static int ktab_merge(struct ktab *dst, const struct ktab *src)
{
    for (size_t i = 0; i < src->cap; i++)
        if (src->e[i].k && ktab_add(dst, src->e[i].k, src->e[i].klen, src->e[i].count))
            return JX_E_NOMEM;
    return JX_OK;
}

/* ---- histogram buckets ----------------------------------------------------- */

int jx_hist_unit_parse(const char *s)
{
    static const char *const n[] = {"hour", "day", "week", "month"};
    for (int i = 0; i < 4; i++)
        if (!strcasecmp(s, n[i]))
            return i;
    return -1;
}

static int64_t floor_to(int64_t ts, int64_t unit)
{
    int64_t r = ts % unit;
    return r < 0 ? ts - r - unit : ts - r;
}

int64_t jx_hist_bucket(int64_t ts, enum jx_hist_unit u)
{
    int y, mo, d, h, mi, s, us;
    switch (u) {
    case JX_HIST_HOUR: return floor_to(ts, 3600 * JX_US_PER_SEC);
    case JX_HIST_DAY: return floor_to(ts, JX_US_PER_DAY);
    case JX_HIST_WEEK: {
        int64_t day = floor_to(ts, JX_US_PER_DAY);
        return day - (int64_t)jx_ts_weekday(day) * JX_US_PER_DAY;
    }
    case JX_HIST_MONTH:
        jx_ts_split(ts, &y, &mo, &d, &h, &mi, &s, &us);
        return jx_ts_make(y, mo, 1, 0, 0, 0, 0);
    }
    return ts;
}

int64_t jx_hist_next(int64_t b, enum jx_hist_unit u)
{
    int y, mo, d, h, mi, s, us;
    switch (u) {
    case JX_HIST_HOUR: return b + 3600 * JX_US_PER_SEC;
    case JX_HIST_DAY: return b + JX_US_PER_DAY;
    case JX_HIST_WEEK: return b + 7 * JX_US_PER_DAY;
    case JX_HIST_MONTH:
        jx_ts_split(b, &y, &mo, &d, &h, &mi, &s, &us);
        return mo == 12 ? jx_ts_make(y + 1, 1, 1, 0, 0, 0, 0)
                        : jx_ts_make(y, mo + 1, 1, 0, 0, 0, 0);
    }
    return b + 1;
}

void jx_hist_label(int64_t start, enum jx_hist_unit u, char *buf, size_t cap)
{
    int y, mo, d, h, mi, s, us;
    jx_ts_split(start, &y, &mo, &d, &h, &mi, &s, &us);
    if (u == JX_HIST_HOUR)
        snprintf(buf, cap, "%04d-%02d-%02d %02d:00", y, mo, d, h);
    else if (u == JX_HIST_MONTH)
        snprintf(buf, cap, "%04d-%02d", y, mo);
    else
        snprintf(buf, cap, "%04d-%02d-%02d", y, mo, d);
}

/* ---- results ------------------------------------------------------------- */

struct groups_priv {
    char **keys;
    size_t n;
};

void jx_groups_free(struct jx_groups *g)
{
    if (!g)
        return;
    struct groups_priv *p = g->priv_;
    if (p) {
        for (size_t i = 0; i < p->n; i++)
            jx_free(p->keys[i]);
        jx_free(p->keys);
        jx_free(p);
    }
    jx_free(g->g);
    jx_free(g);
}

void jx_histogram_free(struct jx_histogram *h)
{
    if (!h)
        return;
    jx_free(h->b);
    jx_free(h);
}

static int group_cmp(const void *a, const void *b, void *arg)
{
    const struct jx_group *x = a, *y = b;
    const size_t nf = *(const size_t *)arg;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    for (size_t i = 0; i < nf; i++) {
        int c = strcmp(x->key[i], y->key[i]);
        if (c)
            return c;
    }
    return 0;
}

/* Turn a table of joined keys into sorted groups; takes the key strings. */
static int groups_build(struct ktab *t, const enum jx_field *fields, size_t nf,
                        size_t top, struct jx_groups **out)
{
    struct jx_groups *g = jx_calloc(1, sizeof(*g));
    struct groups_priv *p = jx_calloc(1, sizeof(*p));
    int rc = JX_E_NOMEM;
    if (!g || !p)
        goto fail;
    g->priv_ = p;
    g->nfields = nf;
    memcpy(g->fields, fields, nf * sizeof(*fields));
    if (t->n && (!(g->g = jx_calloc(t->n, sizeof(*g->g))) ||
                 !(p->keys = jx_calloc(t->n, sizeof(char *)))))
        goto fail;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->e[i].k)
            continue;
        struct jx_group *x = &g->g[g->n++];
        char *k = t->e[i].k;
        p->keys[p->n++] = k;
        t->e[i].k = NULL;
        x->count = t->e[i].count;
        g->total += x->count;
        for (size_t f = 0; f < nf; f++) {
            x->key[f] = k;
            k += strlen(k) + 1;
        }
    }
    if (g->n)
        qsort_r(g->g, g->n, sizeof(*g->g), group_cmp, &nf);
    g->ndistinct = g->n;
    if (top && g->n > top)
        g->n = top;
    *out = g;
    return JX_OK;
fail:
    jx_groups_free(g);
    if (!g)
        jx_free(p);
    return rc;
}

static int hb_cmp(const void *a, const void *b)
{
    const struct jx_hbucket *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int hist_build(const struct ktab *t, enum jx_hist_unit u, struct jx_histogram **out)
{
    struct jx_histogram *h = jx_calloc(1, sizeof(*h));
    if (!h || (t->n && !(h->b = jx_calloc(t->n, sizeof(*h->b))))) {
        jx_free(h);
        return JX_E_NOMEM;
    }
    h->unit = u;
    for (size_t i = 0; i < t->cap; i++)
        if (t->e[i].k) {
            int64_t s;
            memcpy(&s, t->e[i].k, sizeof(s));
            h->b[h->n].start = s;
            h->b[h->n++].count = t->e[i].count;
            h->total += t->e[i].count;
        }
    if (h->n)
        qsort(h->b, h->n, sizeof(*h->b), hb_cmp);
    *out = h;
    return JX_OK;
}

/* ---- aggregation from entries -------------------------------------------- */

struct jx_agg {
    enum jx_field fields[JX_GROUP_MAX];
    size_t nfields;
    enum jx_hist_unit unit;
    struct ktab t;
    char *buf;
};

int jx_agg_create(const enum jx_field *fields, size_t nfields,
                  enum jx_hist_unit unit, struct jx_agg **out)
{
    if (nfields > JX_GROUP_MAX)
        return JX_E_USAGE;
    struct jx_agg *a = jx_calloc(1, sizeof(*a));
    if (!a || !(a->buf = jx_malloc(JX_GROUP_MAX * VAL_CAP))) {
        jx_free(a);
        return JX_E_NOMEM;
    }
    memcpy(a->fields, fields, nfields * sizeof(*fields));
    a->nfields = nfields;
    a->unit = unit;
    *out = a;
    return JX_OK;
}

/* The group key of an entry: each field's text, NUL after each. */
static size_t entry_key(const struct jx_entry *e, const enum jx_field *f, size_t nf,
                        char *buf)
{
    size_t o = 0;
    for (size_t i = 0; i < nf; i++) {
        o += jx_field_value(e, f[i], buf + o, VAL_CAP);
        buf[o++] = '\0';
    }
    return o;
}

int jx_agg_add(struct jx_agg *a, const struct jx_entry *e)
{
    if (!a->nfields) {
        int64_t b = jx_hist_bucket(e->ts, a->unit);
        return ktab_add(&a->t, &b, sizeof(b), 1);
    }
    size_t n = entry_key(e, a->fields, a->nfields, a->buf);
    return ktab_add(&a->t, a->buf, n, 1);
}

int jx_agg_groups(struct jx_agg *a, size_t top, struct jx_groups **out)
{
    int rc = groups_build(&a->t, a->fields, a->nfields, top, out);
    ktab_free(&a->t);
    return rc;
}

int jx_agg_histogram(struct jx_agg *a, struct jx_histogram **out)
{
    return hist_build(&a->t, a->unit, out);
}

void jx_agg_free(struct jx_agg *a)
{
    if (!a)
        return;
    ktab_free(&a->t);
    jx_free(a->buf);
    jx_free(a);
}

/* ---- printing ------------------------------------------------------------ */

int jx_count_print(FILE *fp, enum jx_format fmt, uint64_t count)
{
    static const char *const hdr[] = {"count"};
    struct jx_out *o;
    char n[24];
    const char *v[1] = {n};
    int rc = jx_out_rows_create(fp, fmt, hdr, 1, &o);
    if (rc)
        return rc;
    snprintf(n, sizeof(n), "%" PRIu64, count);
    rc = jx_out_row(o, v);
    jx_out_finish(o);
    return rc;
}

int jx_groups_print(FILE *fp, enum jx_format fmt, const struct jx_groups *g)
{
    const char *hdr[JX_GROUP_MAX + 1], *v[JX_GROUP_MAX + 1];
    char n[24];
    struct jx_out *o;
    for (size_t i = 0; i < g->nfields; i++)
        hdr[i] = jx_field_name(g->fields[i]);
    hdr[g->nfields] = "count";
    int rc = jx_out_rows_create(fp, fmt, hdr, g->nfields + 1, &o);
    for (size_t r = 0; !rc && r < g->n; r++) {
        for (size_t i = 0; i < g->nfields; i++)
            v[i] = g->g[r].key[i];
        snprintf(n, sizeof(n), "%" PRIu64, g->g[r].count);
        v[g->nfields] = n;
        rc = jx_out_row(o, v);
    }
    jx_out_finish(o);
    return rc;
}

int jx_histogram_print(FILE *fp, enum jx_format fmt, const struct jx_histogram *h)
{
    static const char *const units[] = {"hour", "day", "week", "month"};
    const char *hdr[2] = {units[h->unit], "count"};
    char lab[32], n[24];
    const char *v[2] = {lab, n};
    struct jx_out *o;
    int rc = jx_out_rows_create(fp, fmt, hdr, 2, &o);
    bool fill = false;
    if (h->n) {
        size_t span = 0;
        for (int64_t b = h->b[0].start; b <= h->b[h->n - 1].start && span <= 100000;
             b = jx_hist_next(b, h->unit))
            span++;
        fill = span <= 100000;
    }
    for (size_t i = 0; !rc && i < h->n; i++) {
        if (fill && i > 0)
            for (int64_t b = jx_hist_next(h->b[i - 1].start, h->unit); !rc && b < h->b[i].start;
                 b = jx_hist_next(b, h->unit)) {
                jx_hist_label(b, h->unit, lab, sizeof(lab));
                snprintf(n, sizeof(n), "0");
                rc = jx_out_row(o, v);
            }
        jx_hist_label(h->b[i].start, h->unit, lab, sizeof(lab));
        snprintf(n, sizeof(n), "%" PRIu64, h->b[i].count);
        if (!rc)
            rc = jx_out_row(o, v);
    }
    jx_out_finish(o);
    return rc;
}

void jx_query_stats_print(FILE *fp, const struct jx_query_stats *st)
{
    fprintf(fp,
            "stats: segments %" PRIu64 " total, %" PRIu64 " skipped by manifest, %" PRIu64
            " skipped by dictionary/bloom, %" PRIu64 " read; rows %" PRIu64 " indexed, %" PRIu64
            " counted from dictionaries, %" PRIu64 " column-checked, %" PRIu64
            " read, %" PRIu64 " matched; blocks %" PRIu64 " (%" PRIu64 " reads, %.1f KB);"
            " %d thread%s; %.3f ms\n",
            st->segs_total, st->segs_manifest, st->segs_dict, st->segs_read, st->rows_total,
            st->rows_counted, st->rows_col, st->rows_read, st->rows_matched, st->blocks,
            st->reads, (double)st->read_bytes / 1024, st->threads,
            st->threads == 1 ? "" : "s", st->seconds * 1e3);
}

/* ---- fields, columns ----------------------------------------------------- */

unsigned jx_fields_mask(const enum jx_field *fields, size_t n)
{
    unsigned m = 0;
    for (size_t i = 0; i < n; i++) {
        switch (fields[i]) {
        case JX_FLD_TIMESTAMP: m |= JX_FM_TS; break;
        case JX_FLD_SEQ: m |= JX_FM_SEQ; break;
        case JX_FLD_SYSTEM: case JX_FLD_RECEIVER: case JX_FLD_RECEIVER_LIB: break;
        case JX_FLD_CODE: m |= JX_FM_CODE; break;
        case JX_FLD_TYPE: m |= JX_FM_TYPE; break;
        case JX_FLD_SUBTYPE: m |= JX_FM_SUBTYPE; break;
        case JX_FLD_USER: m |= JX_FM_USER; break;
        case JX_FLD_QJOB: case JX_FLD_JOB: case JX_FLD_JOB_USER: case JX_FLD_JOB_NUMBER:
            m |= JX_FM_JOB; break;
        case JX_FLD_PROGRAM: case JX_FLD_PROGRAM_LIB: m |= JX_FM_PROGRAM; break;
        case JX_FLD_OBJECT: m |= JX_FM_OBJECT | JX_FM_PATH; break;
        case JX_FLD_OBJECT_NAME: case JX_FLD_OBJECT_LIB: case JX_FLD_OBJECT_TYPE:
            m |= JX_FM_OBJECT; break;
        case JX_FLD_TARGET_USER: m |= JX_FM_TARGET_USER; break;
        case JX_FLD_PATH: m |= JX_FM_PATH; break;
        case JX_FLD_REMOTE_ADDR: case JX_FLD_REMOTE_PORT: m |= JX_FM_REMOTE; break;
        case JX_FLD_ESD_LENGTH: case JX_FLD_TRUNCATED: m |= JX_FM_ESDLEN; break;
        case JX_FLD_THREAD: case JX_FLD_SYSSEQ: m |= JX_FM_MISC; break;
        case JX_FLD_SUBTYPE_DESC: m |= JX_FM_CODE | JX_FM_TYPE | JX_FM_SUBTYPE; break;
        case JX_FLD_ESD_HEX: m |= JX_FM_ESD; break;
        /* what jx_audit_detail() reads (common/audit.c: code, type, subtype,
         * the ESD and its length and truncation, target user, remote
         * address); tests/test_query.c prints the default columns from
         * entries read with this mask and compares with the oracle's */
        case JX_FLD_DETAIL:
            m |= JX_FM_CODE | JX_FM_TYPE | JX_FM_SUBTYPE | JX_FM_ESD | JX_FM_ESDLEN |
                 JX_FM_TARGET_USER | JX_FM_REMOTE;
            break;
        default: m |= JX_FM_ALL; break;
        }
    }
    return m;
}

/* Where a group-by field's value comes from in a segment. */
enum { GSRC_ROW = -1, GSRC_SYSTEM = -2, GSRC_RECEIVER = -3, GSRC_RCVLIB = -4 };

static int field_source(enum jx_field f)
{
    switch (f) {
    case JX_FLD_TYPE: return JX_COL_TYPE;
    case JX_FLD_CODE: return JX_COL_CODE;
    case JX_FLD_SUBTYPE: return JX_COL_SUBTYPE;
    case JX_FLD_USER: return JX_COL_USER;
    case JX_FLD_JOB: return JX_COL_JOB;
    case JX_FLD_JOB_USER: return JX_COL_JOB_USER;
    case JX_FLD_PROGRAM: return JX_COL_PROGRAM;
    case JX_FLD_PROGRAM_LIB: return JX_COL_PROGRAM_LIB;
    case JX_FLD_OBJECT_NAME: return JX_COL_OBJECT;
    case JX_FLD_OBJECT_LIB: return JX_COL_OBJECT_LIB;
    case JX_FLD_OBJECT_TYPE: return JX_COL_OBJECT_TYPE;
    case JX_FLD_TARGET_USER: return JX_COL_TARGET_USER;
    case JX_FLD_PATH: return JX_COL_PATH;
    case JX_FLD_REMOTE_ADDR: return JX_COL_REMOTE_ADDR;
    case JX_FLD_SYSTEM: return GSRC_SYSTEM;
    case JX_FLD_RECEIVER: return GSRC_RECEIVER;
    case JX_FLD_RECEIVER_LIB: return GSRC_RCVLIB;
    default: return GSRC_ROW;
    }
}

/* Column of a simple filter key; -1 for keys decided per segment. */
static int key_col(enum jx_fkey k)
{
    static const int8_t c[JX_FK_SIMPLE_ + 1] = {
        [JX_FK_TYPE] = JX_COL_TYPE, [JX_FK_CODE] = JX_COL_CODE,
        [JX_FK_SUBTYPE] = JX_COL_SUBTYPE, [JX_FK_USER] = JX_COL_USER,
        [JX_FK_JOB_USER] = JX_COL_JOB_USER, [JX_FK_TARGET_USER] = JX_COL_TARGET_USER,
        [JX_FK_PROGRAM] = JX_COL_PROGRAM, [JX_FK_PROGRAM_LIB] = JX_COL_PROGRAM_LIB,
        [JX_FK_OBJECT] = JX_COL_OBJECT, [JX_FK_OBJECT_LIB] = JX_COL_OBJECT_LIB,
        [JX_FK_OBJECT_TYPE] = JX_COL_OBJECT_TYPE, [JX_FK_PATH] = JX_COL_PATH,
        [JX_FK_REMOTE_ADDR] = JX_COL_REMOTE_ADDR, [JX_FK_SYSTEM] = -1,
    };
    return k <= JX_FK_SIMPLE_ ? c[k] : -1;
}

/* ---- the query run --------------------------------------------------------- */

enum qmode { QM_ENTRIES, QM_COUNT, QM_GROUP, QM_HIST };

struct unit {
    size_t seg;
    bool done;
    int rc;
    struct jx_errctx err;
    uint32_t *rows;         /* QM_ENTRIES: matching rows, delivery order */
    size_t nrows, cap;
    struct jx_entry *ents;  /* QM_ENTRIES: rows [0, npre) read by the worker */
    size_t npre;
    uint8_t *esd;           /* their ESD bytes */
    size_t esd_cap;
};

static void unit_release(struct unit *u)
{
    jx_free(u->rows);
    jx_free(u->ents);
    jx_free(u->esd);
    u->rows = NULL;
    u->ents = NULL;
    u->esd = NULL;
    u->nrows = u->npre = u->cap = u->esd_cap = 0;
}

struct worker;

struct qrun {
    struct jx_index *ix;
    const struct jx_filter *f;
    enum qmode mode;
    uint64_t limit;         /* entries: per unit and in total */
    bool reverse;
    unsigned fmask;         /* fields jx_filter_match() needs */
    unsigned emask;         /* fields delivered entries get */
    bool has_keys;          /* some filter key needs segment I/O */
    /* group-by / histogram */
    enum jx_field gf[JX_GROUP_MAX];
    size_t ngf;
    int gsrc[JX_GROUP_MAX];
    bool grow;              /* some group field needs the row */
    unsigned gmask;
    uint32_t gdicts;        /* JX_DICT() of the group fields read from columns */
    enum jx_hist_unit hu;

    struct unit *u;
    size_t nu;
    struct worker *w;
    int nw;
    struct jx_cursor *dcur; /* delivery (calling thread) */

    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next, delivered, window;
    bool ordered, stop;
};

struct worker {
    struct qrun *r;
    struct jx_task task;    /* workers 1..: this worker's help, on the process's pool */
    struct jx_entry *e;
    uint64_t *bits, *tmp;
    size_t words_cap;
    uint32_t *cand;         /* candidate rows probed for (step 4) */
    uint8_t *hit;           /* per candidate: in the list probed */
    size_t cand_cap;
    uint32_t *ids;          /* CHUNK ids (filter checks) */
    uint32_t *gids;         /* CHUNK ids per group field */
    int64_t *ts;            /* CHUNK timestamps */
    uint64_t *gcount;       /* per dictionary id (one-column group-by) */
    size_t gcount_cap;
    char *keybuf;
    struct ktab kt;
    uint64_t count;
    struct jx_query_stats st;
    struct jx_cursor *cur;  /* reused from segment to segment (its buffers) */
};

/* The cursor *c pointed at s: opened once, then reset (buffers kept). */
static int worker_cursor(struct jx_cursor **c, struct jx_seg *s)
{
    if (*c) {
        jx_cursor_reset(*c, s);
        return JX_OK;
    }
    return jx_cursor_open(s, c);
}

/* One filter key group, planned for one segment. */
enum { GP_POST, GP_IDS, GP_ROW };
struct gplan {
    int kind;
    bool neg, exact;
    enum jx_col col;
    uint32_t *ids;          /* POST: values whose postings to OR */
    uint64_t *rows;         /* their row counts when planned without the
                             * dictionary (plan_lazy), else NULL */
    size_t nids;
    uint64_t *idset;        /* IDS: bitset over dictionary ids */
    uint64_t sum;           /* rows holding those values */
};

/* Bits set in a word. (__builtin_popcountll is a libgcc call for the
 * baseline x86-64 this builds for; the chunk loop counts a lot of words.) */
static inline unsigned popc(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (unsigned)((x * 0x0101010101010101ull) >> 56);
}

static inline bool bit_get(const uint64_t *b, uint64_t i) { return (b[i >> 6] >> (i & 63)) & 1; }
static inline void bit_set(uint64_t *b, uint64_t i) { b[i >> 6] |= 1ull << (i & 63); }

/* Fill in the segment file when the index layer left the context bare. */
static int seg_err(struct qrun *r, size_t seg, int rc, struct jx_errctx *err)
{
    if (err && !err->file[0]) {
        const struct jx_seginfo *si = jx_index_seginfo(r->ix, seg);
        snprintf(err->file, sizeof(err->file), "%s/%s", jx_index_path(r->ix), si->file);
        err->code = rc;
        if (!err->msg[0])
            snprintf(err->msg, sizeof(err->msg), "%s", jx_strerror(rc));
    }
    return rc;
}

/* Segment-level keys (system, receiver): decided from the MANIFEST. */
static bool seg_term(enum jx_fkey k, const struct jx_fterm *t, const struct jx_seginfo *si)
{
    if (k == JX_FK_SYSTEM)
        return jx_fterm_match_str(t, si->system);
    return jx_sterm_match(&t->part[0], si->receiver_lib) &&
           jx_sterm_match(&t->part[1], si->receiver);
}

static bool seg_keys_pass(const struct jx_filter *f, const struct jx_seginfo *si)
{
    static const enum jx_fkey ks[] = {JX_FK_SYSTEM, JX_FK_RECEIVER};
    for (size_t i = 0; i < 2; i++) {
        const enum jx_fkey k = ks[i];
        const struct jx_fgroup *p = &f->pos[k], *n = &f->neg[k];
        bool any = false;
        for (size_t j = 0; j < p->n && !any; j++)
            any = seg_term(k, &p->t[j], si);
        if (p->n && !any)
            return false;
        for (size_t j = 0; j < n->n; j++)
            if (seg_term(k, &n->t[j], si))
                return false;
    }
    return true;
}

static bool manifest_pass(const struct jx_filter *f, const struct jx_seginfo *si)
{
    if (si->nrows == 0)
        return false;
    if (!f)
        return true;
    if ((f->has_from && si->ts_max < f->from) || (f->has_to && si->ts_min >= f->to))
        return false;
    if ((f->has_seq_from && si->seq_max < f->seq_from) ||
        (f->has_seq_to && si->seq_min > f->seq_to))
        return false;
    return seg_keys_pass(f, si);
}

/* Set in `set` the dictionary ids of column c that string term t accepts;
 * @return how many were newly set (sets may be shared by several terms). */
static size_t sterm_ids(const struct jx_seg *s, enum jx_col c, const struct jx_sterm *t,
                        uint64_t *set)
{
    uint32_t lo = 0, hi = jx_seg_dict_count(s, c), id;
    size_t n = 0;
    switch (t->mode) {
    case JX_SM_ANY: break;
    case JX_SM_EXACT:
        if (jx_seg_dict_find(s, c, t->s, &id) != JX_OK)
            return 0;
        lo = id;
        hi = id + 1;
        break;
    case JX_SM_PREFIX:
        jx_seg_dict_prefix(s, c, t->s, &lo, &hi);
        break;
    }
    for (uint32_t i = lo; i < hi; i++)
        if (!bit_get(set, i)) {
            bit_set(set, i);
            n++;
        }
    return n;
}

static size_t fterm_ids(const struct jx_seg *s, enum jx_col c, enum jx_fkey k,
                        const struct jx_fterm *t, uint64_t *set)
{
    if (t->kind == JX_TK_STR) {
        /* an exact path absent from the bloom is absent from the dictionary:
         * skip the dictionary search */
        if (k == JX_FK_PATH && t->str.mode == JX_SM_EXACT &&
            !jx_seg_bloom_maybe(s, JX_BLOOM_PATH, t->str.s))
            return 0;
        return sterm_ids(s, c, &t->str, set);
    }
    /* addresses compare as numbers, so every stored text must be looked at */
    size_t n = 0;
    for (uint32_t i = 0, nd = jx_seg_dict_count(s, c); i < nd; i++)
        if (!bit_get(set, i) && jx_fterm_match_str(t, jx_seg_dict_str(s, c, i))) {
            bit_set(set, i);
            n++;
        }
    return n;
}

static int set_to_list(struct gplan *g, const struct jx_seg *s, uint32_t nd)
{
    size_t k = 0;
    for (uint32_t w = 0; w < (nd + 63) / 64; w++)
        k += (size_t)popc(g->idset[w]);
    if (!(g->ids = jx_malloc((k ? k : 1) * sizeof(uint32_t))))
        return JX_E_NOMEM;
    k = 0;
    g->sum = 0;
    for (uint32_t w = 0; w < (nd + 63) / 64; w++)
        for (uint64_t b = g->idset[w]; b; b &= b - 1) {
            uint32_t id = w * 64 + (uint32_t)__builtin_ctzll(b);
            g->ids[k++] = id;
            g->sum += jx_seg_value_rows(s, g->col, id);
        }
    g->nids = k;
    return JX_OK;
}

static void gplan_free(struct gplan *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        jx_free(g[i].ids);
        jx_free(g[i].rows);
        jx_free(g[i].idset);
    }
}

/* Result of planning a group in a segment. */
enum { PL_KEEP, PL_DROP /* no constraint here */, PL_SKIP /* no row can match */ };

/* Start planning a group on column col of a dictionary of nd values: an
 * empty id set. */
static int gplan_start(struct gplan *g, enum jx_col col, bool neg, uint32_t nd)
{
    memset(g, 0, sizeof(*g));
    g->neg = neg;
    g->col = col;
    return (g->idset = jx_calloc((nd + 63) / 64 + 1, sizeof(uint64_t))) ? JX_OK : JX_E_NOMEM;
}

/* A simple group's verdict from its values and their rows. */
static int simple_verdict(const struct gplan *g, uint64_t nrows)
{
    if (g->nids == 0)
        return g->neg ? PL_DROP : PL_SKIP;
    if (g->sum >= nrows)
        return g->neg ? PL_SKIP : PL_DROP;
    return PL_KEEP;
}

static int plan_simple(const struct jx_seg *s, enum jx_fkey k, const struct jx_fgroup *grp,
                       bool neg, uint64_t nrows, struct gplan *g, int *verdict)
{
    const enum jx_col c = (enum jx_col)key_col(k);
    const uint32_t nd = jx_seg_dict_count(s, c);
    if (gplan_start(g, c, neg, nd))
        return JX_E_NOMEM;
    g->exact = true;
    for (size_t i = 0; i < grp->n; i++)
        g->nids += fterm_ids(s, c, k, &grp->t[i], g->idset);
    if (set_to_list(g, s, nd))
        return JX_E_NOMEM;
    g->kind = jx_col_has_postings(c) ? GP_POST : GP_IDS;
    *verdict = simple_verdict(g, nrows);
    return JX_OK;
}

struct idrows {
    uint32_t id;
    uint64_t rows;
};

static int idrows_cmp(const void *a, const void *b)
{
    const uint32_t x = ((const struct idrows *)a)->id, y = ((const struct idrows *)b)->id;
    return x < y ? -1 : x > y;
}

/* Collects the (id, rows) pairs of plan_lazy()'s ranges. */
struct lazy_acc {
    struct gplan *g;
    size_t cap;
    int overlap;
    bool nomem;
};

static void lazy_add(void *arg, uint32_t id, uint64_t rows)
{
    struct lazy_acc *a = arg;
    struct gplan *g = a->g;
    if (a->nomem)
        return;
    if (bit_get(g->idset, id)) {
        a->overlap = 1;
        return;
    }
    bit_set(g->idset, id);
    if (g->nids == a->cap) {
        size_t c1 = a->cap, c2 = a->cap;
        if (jx_grow((void **)&g->ids, &c1, g->nids + 1, sizeof(uint32_t)) ||
            jx_grow((void **)&g->rows, &c2, g->nids + 1, sizeof(uint64_t))) {
            a->nomem = true;
            return;
        }
        a->cap = JX_MIN(c1, c2);
    }
    g->ids[g->nids] = id;
    g->rows[g->nids++] = rows;
    g->sum += rows;
}

/* plan_simple() for a group of exact or generic names on a column with
 * postings, without loading its dictionary: each term's id range and row
 * count from jx_seg_dict_range() (a few small blocks instead of the whole
 * dictionary: most of a selective query's time per segment). Returns
 * PLAN_FULL, having planned nothing, when the group does not qualify or
 * two terms' ranges overlap (their rows would count twice); a negative
 * error otherwise. */
#define PLAN_FULL 1
static int plan_lazy(const struct jx_seg *s, enum jx_fkey k, const struct jx_fgroup *grp,
                     bool neg, uint64_t nrows, struct gplan *g, int *verdict,
                     struct jx_errctx *err)
{
    const enum jx_col c = (enum jx_col)key_col(k);
    if (k > JX_FK_SIMPLE_ || k == JX_FK_SYSTEM || !jx_col_has_postings(c) ||
        jx_seg_dict_loaded(s, c))
        return PLAN_FULL;
    for (size_t i = 0; i < grp->n; i++)
        if (grp->t[i].kind != JX_TK_STR ||
            (grp->t[i].str.mode != JX_SM_EXACT && grp->t[i].str.mode != JX_SM_PREFIX))
            return PLAN_FULL;
    const uint32_t nd = jx_seg_dict_size(s, c);
    struct lazy_acc acc = {g, 0, 0, false};
    if (gplan_start(g, c, neg, nd))
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    g->exact = true;
    g->kind = GP_POST;
    for (size_t i = 0; i < grp->n; i++) {
        uint32_t lo, hi;
        int rc = jx_seg_dict_range(s, c, grp->t[i].str.s, grp->t[i].str.mode == JX_SM_PREFIX,
                                   &lo, &hi, lazy_add, &acc, err);
        if (rc)
            return rc;
        if (acc.nomem)
            return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        if (acc.overlap)
            return PLAN_FULL;
    }
    /* in id order, as plan_simple() lists them (each term's range comes
     * in order; terms may not) */
    bool sorted = true;
    for (size_t a = 1; a < g->nids && sorted; a++)
        sorted = g->ids[a - 1] < g->ids[a];
    if (!sorted) {
        struct idrows *t = jx_malloc(g->nids * sizeof(*t));
        if (!t)
            return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        for (size_t a = 0; a < g->nids; a++)
            t[a] = (struct idrows){g->ids[a], g->rows[a]};
        qsort(t, g->nids, sizeof(*t), idrows_cmp);
        for (size_t a = 0; a < g->nids; a++) {
            g->ids[a] = t[a].id;
            g->rows[a] = t[a].rows;
        }
        jx_free(t);
    }
    *verdict = simple_verdict(g, nrows);
    return JX_OK;
}

/* Does column c hold a value sterm t accepts? (no allocation) */
static bool sterm_any(const struct jx_seg *s, enum jx_col c, const struct jx_sterm *t)
{
    uint32_t lo, hi, id;
    switch (t->mode) {
    case JX_SM_ANY: return true;
    case JX_SM_EXACT: return jx_seg_dict_find(s, c, t->s, &id) == JX_OK;
    case JX_SM_PREFIX:
        jx_seg_dict_prefix(s, c, t->s, &lo, &hi);
        return lo < hi;
    }
    return true;
}

/* Qualified job: a term can match only if every part can. Rows: the
 * postings of the job users when every possible term names one. */
static int plan_job(const struct jx_seg *s, const struct jx_fgroup *grp, bool neg,
                    struct gplan *g, int *verdict)
{
    const uint32_t nd = jx_seg_dict_count(s, JX_COL_JOB_USER);
    bool any = false, all_users = true;
    if (gplan_start(g, JX_COL_JOB_USER, neg, nd))
        return JX_E_NOMEM;
    g->kind = GP_ROW;
    for (size_t i = 0; i < grp->n; i++) {
        const struct jx_fterm *t = &grp->t[i];
        if (t->part[0].mode == JX_SM_EXACT &&
            !jx_seg_bloom_maybe(s, JX_BLOOM_JOB_NUMBER, t->part[0].s))
            continue;
        if (!sterm_any(s, JX_COL_JOB, &t->part[2]) || !sterm_any(s, JX_COL_JOB_USER, &t->part[1]))
            continue;
        any = true;
        if (t->part[1].mode == JX_SM_ANY)
            all_users = false;
        else
            sterm_ids(s, JX_COL_JOB_USER, &t->part[1], g->idset);
    }
    if (!any) {
        *verdict = neg ? PL_DROP : PL_SKIP;
        return JX_OK;
    }
    *verdict = PL_KEEP;
    if (!neg && all_users) {
        g->kind = GP_POST;   /* a superset: the row check decides */
        g->exact = false;
        return set_to_list(g, s, nd);
    }
    return JX_OK;
}

/* Audit levels: (type, subtypes) pairs. Postings of the types found; exact
 * when no term found restricts the subtype. */
static int plan_audlvl(const struct jx_seg *s, const struct jx_fgroup *grp, bool neg,
                       uint64_t nrows, struct gplan *g, int *verdict)
{
    const uint32_t nd = jx_seg_dict_count(s, JX_COL_TYPE);
    bool found = false, restricted = false;
    if (gplan_start(g, JX_COL_TYPE, neg, nd))
        return JX_E_NOMEM;
    g->kind = GP_POST;
    for (size_t i = 0; i < grp->n; i++) {
        const struct jx_fterm *t = &grp->t[i];
        uint32_t id;
        if (jx_seg_dict_find(s, JX_COL_TYPE, t->type, &id) != JX_OK)
            continue;
        found = true;
        if (t->subs[0])
            restricted = true;
        /* a negative group may only remove rows that certainly match */
        if (!neg || !t->subs[0])
            bit_set(g->idset, id);
    }
    if (set_to_list(g, s, nd))
        return JX_E_NOMEM;
    g->exact = !restricted;
    if (!found)
        *verdict = neg ? PL_DROP : PL_SKIP;
    else if (neg && g->sum >= nrows)
        *verdict = PL_SKIP;
    else if (!neg && g->exact && g->sum >= nrows)
        *verdict = PL_DROP;
    else
        *verdict = PL_KEEP;
    if (*verdict == PL_KEEP && g->nids == 0)
        g->kind = GP_ROW;    /* negative, only restricted terms present */
    return JX_OK;
}

/* ---- what a key group needs loaded ------------------------------------------
 * Segments load dictionaries and blooms on demand (jx_index_seg_cols): a
 * query pays only for the columns its filters and group-by name. */

static uint32_t group_dicts(enum jx_fkey k)
{
    if (k <= JX_FK_SIMPLE_)
        return key_col(k) >= 0 ? JX_DICT(key_col(k)) : 0;
    if (k == JX_FK_JOB)
        return JX_DICT(JX_COL_JOB) | JX_DICT(JX_COL_JOB_USER);
    if (k == JX_FK_AUDLVL)
        return JX_DICT(JX_COL_TYPE);
    return 0;
}

/* Blooms worth reading before the dictionary: exact paths, job numbers. */
static uint32_t group_blooms(enum jx_fkey k, const struct jx_fgroup *grp)
{
    for (size_t i = 0; i < grp->n; i++) {
        const struct jx_fterm *t = &grp->t[i];
        if (k == JX_FK_PATH && t->kind == JX_TK_STR && t->str.mode == JX_SM_EXACT)
            return JX_BLOOM(JX_BLOOM_PATH);
        if (k == JX_FK_JOB && t->part[0].mode == JX_SM_EXACT)
            return JX_BLOOM(JX_BLOOM_JOB_NUMBER);
    }
    return 0;
}

/* True when every term of the group names an exact value that the
 * segment's bloom proves absent: no row holds any of them. */
static bool bloom_rules_out(const struct jx_seg *s, enum jx_fkey k, const struct jx_fgroup *grp)
{
    for (size_t i = 0; i < grp->n; i++) {
        const struct jx_fterm *t = &grp->t[i];
        if (k == JX_FK_PATH) {
            if (t->kind != JX_TK_STR || t->str.mode != JX_SM_EXACT ||
                jx_seg_bloom_maybe(s, JX_BLOOM_PATH, t->str.s))
                return false;
        } else if (k == JX_FK_JOB) {
            if (t->part[0].mode != JX_SM_EXACT ||
                jx_seg_bloom_maybe(s, JX_BLOOM_JOB_NUMBER, t->part[0].s))
                return false;
        } else {
            return false;
        }
    }
    return grp->n > 0;
}

static int ensure_words(struct worker *w, size_t words)
{
    if (words <= w->words_cap)
        return JX_OK;
    jx_free(w->bits);
    jx_free(w->tmp);
    w->bits = jx_malloc(words * sizeof(uint64_t));
    w->tmp = jx_malloc(words * sizeof(uint64_t));
    if (!w->bits || !w->tmp) {
        jx_free(w->bits);
        jx_free(w->tmp);
        w->bits = w->tmp = NULL;
        w->words_cap = 0;
        return JX_E_NOMEM;
    }
    w->words_cap = words;
    return JX_OK;
}

static int postings_bits(struct jx_cursor *cur, const struct gplan *g, uint64_t *bits,
                         size_t words, struct jx_errctx *err)
{
    memset(bits, 0, words * sizeof(uint64_t));
    for (size_t i = 0; i < g->nids; i++) {
        int rc = g->rows ? jx_cursor_postings_or_n(cur, g->col, g->ids[i], g->rows[i], bits, err)
                         : jx_cursor_postings_or(cur, g->col, g->ids[i], bits, err);
        if (rc)
            return rc;
    }
    return JX_OK;
}

static int ensure_cand(struct worker *w, size_t n)
{
    if (n <= w->cand_cap && w->cand)
        return JX_OK;
    n = n ? n : 1;
    uint32_t *c = jx_realloc(w->cand, n * sizeof(uint32_t));
    if (c)
        w->cand = c;
    uint8_t *h = c ? jx_realloc(w->hit, n) : NULL;
    if (h)
        w->hit = h;
    if (!c || !h)
        return JX_E_NOMEM;
    w->cand_cap = n;
    return JX_OK;
}

/* Which of the n candidates in w->cand group g's values hold: w->hit. */
static int postings_probe(struct jx_cursor *cur, const struct gplan *g, struct worker *w,
                          size_t n, struct jx_errctx *err)
{
    const struct jx_probe pr = {w->cand, n, w->hit};
    memset(w->hit, 0, n);
    for (size_t i = 0; i < g->nids && n; i++) {
        int rc = jx_cursor_postings_probe(cur, g->col, g->ids[i],
                                          g->rows ? g->rows[i] : UINT64_MAX, &pr, err);
        if (rc)
            return rc;
    }
    return JX_OK;
}

/* First row in [lo, hi) whose sequence is >= v (rows are in sequence order). */
static int seq_lower(struct jx_cursor *c, uint64_t lo, uint64_t hi, uint64_t v,
                     struct jx_entry *e, uint64_t *out, struct jx_errctx *err)
{
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        int rc = jx_cursor_read(c, mid, JX_FM_SEQ, e, err);
        if (rc)
            return rc;
        if (e->seq < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    *out = lo;
    return JX_OK;
}

/* First row in [lo, hi) whose timestamp is >= v (the segment's timestamps
 * never decrease: jx_seg_ts_sorted()). */
static int ts_lower(struct jx_cursor *c, uint64_t lo, uint64_t hi, int64_t v, uint64_t *out,
                    struct jx_errctx *err)
{
    while (lo < hi) {
        const uint64_t mid = lo + (hi - lo) / 2;
        int64_t t;
        int rc = jx_cursor_ts(c, mid, 1, &t, err);
        if (rc)
            return rc;
        if (t < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    *out = lo;
    return JX_OK;
}

static int unit_push(struct unit *u, uint32_t row)
{
    if (u->nrows == u->cap && jx_grow((void **)&u->rows, &u->cap, u->nrows + 1, sizeof(uint32_t)))
        return JX_E_NOMEM;
    u->rows[u->nrows++] = row;
    return JX_OK;
}

/* Group-by key of a row from the column ids of its chunk and the segment. */
static size_t col_key(const struct qrun *r, const struct worker *w, const struct jx_seg *s,
                      const struct jx_seginfo *si, size_t rel, char *buf)
{
    size_t o = 0;
    for (size_t i = 0; i < r->ngf; i++) {
        const char *v;
        switch (r->gsrc[i]) {
        case GSRC_SYSTEM: v = si->system; break;
        case GSRC_RECEIVER: v = si->receiver; break;
        case GSRC_RCVLIB: v = si->receiver_lib; break;
        default:
            v = jx_seg_dict_str(s, (enum jx_col)r->gsrc[i], w->gids[i * CHUNK + rel]);
            /* jx_field_value() shows a missing journal code as a blank */
            if (r->gf[i] == JX_FLD_CODE && !*v)
                v = " ";
        }
        size_t l = strlen(v);
        if (l > VAL_CAP - 1)
            l = VAL_CAP - 1;
        memcpy(buf + o, v, l);
        o += l;
        buf[o++] = '\0';
    }
    return o;
}

/* Entries: rows read ahead by the worker that found them, so the rows of a
 * selective query are read by every worker at once; the calling thread
 * only hands them over (and reads the rows of a unit past PREREAD itself,
 * which bounds what units waiting for delivery hold). */
#define PREREAD 256

static int preread(const struct qrun *r, struct unit *u, struct jx_cursor *cur,
                   struct jx_errctx *err)
{
    const size_t n = JX_MIN(u->nrows, (size_t)PREREAD);
    size_t eoff[PREREAD], used = 0;
    int rc;
    if (!(u->ents = jx_malloc(n * sizeof(*u->ents))))
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < n; i++) {
        struct jx_entry *e = &u->ents[i];
        memset(e, 0, sizeof(*e));
        if ((rc = jx_cursor_read(cur, u->rows[i], r->emask, e, err)))
            return rc;
        /* the row was selected from the columns; the full entry must agree */
        if (!jx_filter_match(r->f, e))
            return jx_error(err, JX_E_CORRUPT, NULL, (int64_t)u->rows[i], -1,
                            "row data disagrees with the segment's dictionaries or postings");
        eoff[i] = used;
        if (e->esd_avail) {
            if (jx_grow((void **)&u->esd, &u->esd_cap, used + e->esd_avail, 1))
                return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
            memcpy(u->esd + used, e->esd, e->esd_avail);
            used += e->esd_avail;
        }
    }
    /* the ESD copies may have moved while growing: point at them now */
    for (size_t i = 0; i < n; i++)
        u->ents[i].esd = u->ents[i].esd_avail ? u->esd + eoff[i] : NULL;
    u->npre = n;
    return JX_OK;
}

/* Timestamps of the rows of a chunk [lo, lo+n) whose bit is set in cb (bit
 * i = row base + i; pop of them): ts[row - lo]. Few rows: each on its own
 * (a frame decode and at most a frame of varints each, format §3.3a);
 * many: the whole chunk in one pass. Other entries of ts are left as they
 * are. */
static int chunk_ts(struct jx_cursor *cur, uint64_t lo, uint32_t n, uint64_t base,
                    const uint64_t *cb, size_t cw, uint64_t pop, int64_t *ts,
                    struct jx_errctx *err)
{
    if (pop * 16 >= n)
        return jx_cursor_ts(cur, lo, n, ts, err);
    for (size_t k = 0; k < cw; k++)
        for (uint64_t b = cb[k]; b; b &= b - 1) {
            const uint64_t row = base + k * 64 + (uint64_t)__builtin_ctzll(b);
            int rc = jx_cursor_ts(cur, row, 1, ts + (row - lo), err);
            if (rc)
                return rc;
        }
    return JX_OK;
}

/* Process one segment: everything that needs no ordering. */
static int process_unit(struct worker *w, struct unit *u)
{
    struct qrun *r = w->r;
    const struct jx_filter *f = r->f;
    const struct jx_seginfo *si = jx_index_seginfo(r->ix, u->seg);
    struct jx_seg *s = NULL;
    struct jx_cursor *cur = NULL;
    struct gplan gp[2 * JX_FK_COUNT_];
    size_t ngp = 0;
    struct jx_errctx *err = &u->err;
    int rc = JX_OK;
    const uint64_t nrows = si->nrows;
    bool ts_check =
        f && ((f->has_from && si->ts_min < f->from) || (f->has_to && si->ts_max >= f->to));
    bool seq_cut = f && ((f->has_seq_from && si->seq_min < f->seq_from) ||
                         (f->has_seq_to && si->seq_max > f->seq_to));

    jx_errctx_clear(err);
    /* Answers from the MANIFEST alone: no segment I/O at all. */
    if (!r->has_keys && !ts_check && !seq_cut) {
        bool seg_only = r->mode == QM_COUNT;
        if (r->mode == QM_GROUP) {
            seg_only = true;
            for (size_t i = 0; i < r->ngf; i++)
                seg_only &= r->gsrc[i] <= GSRC_SYSTEM;
        }
        if (seg_only) {
            w->st.segs_read++;
            w->st.rows_counted += nrows;
            w->st.rows_matched += nrows;
            if (r->mode == QM_COUNT) {
                w->count += nrows;
                return JX_OK;
            }
            size_t n = col_key(r, w, NULL, si, 0, w->keybuf);
            return ktab_add(&w->kt, w->keybuf, n, nrows)
                       ? jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory")
                       : JX_OK;
        }
    }
    if (nrows > UINT32_MAX)
        return seg_err(r, u->seg, jx_error(err, JX_E_CORRUPT, NULL, -1, -1,
                                           "segment has %" PRIu64 " rows", nrows), err);
    if ((rc = jx_index_seg_cols(r->ix, u->seg, 0, 0, &s, err)) != 0)
        return seg_err(r, u->seg, rc, err);
    if (jx_seg_nrows(s) != nrows)
        return seg_err(r, u->seg, jx_error(err, JX_E_CORRUPT, NULL, -1, -1,
                       "segment holds %" PRIu64 " rows, the MANIFEST says %" PRIu64,
                       jx_seg_nrows(s), nrows), err);
    /* load more columns of this segment (s stays valid on failure) */
#define NEED(dm, bm)                                                                     \
    do {                                                                                 \
        struct jx_seg *s2_;                                                              \
        if ((rc = jx_index_seg_cols(r->ix, u->seg, (dm), (bm), &s2_, err)) != 0)         \
            goto fail;                                                                   \
    } while (0)

    /* 1. Dictionaries: prove absence, or turn each key group into values. */
    bool skip = false;
    for (int k = 0; f && k < JX_FK_COUNT_ && !skip; k++) {
        for (int neg = 0; neg < 2 && !skip; neg++) {
            const struct jx_fgroup *grp = neg ? &f->neg[k] : &f->pos[k];
            if (!grp->n || k == JX_FK_SYSTEM || k == JX_FK_RECEIVER)
                continue;
            struct gplan *g = &gp[ngp];
            int verdict = PL_KEEP;
            /* a bloom may prove absence without the (bigger) dictionary */
            const uint32_t bm = group_blooms((enum jx_fkey)k, grp);
            if (bm) {
                NEED(0, bm);
                if (bloom_rules_out(s, (enum jx_fkey)k, grp)) {
                    skip = !neg;
                    continue;
                }
            }
            memset(g, 0, sizeof(*g));
            rc = plan_lazy(s, (enum jx_fkey)k, grp, neg, nrows, g, &verdict, err);
            if (rc < 0) {
                gplan_free(g, 1);
                goto fail;
            }
            const bool lazy = rc == JX_OK;
            if (!lazy) {
                gplan_free(g, 1);
                memset(g, 0, sizeof(*g));
                rc = JX_OK;
                NEED(group_dicts((enum jx_fkey)k), 0);
            }
            if (lazy)
                ; /* planned from the dictionary's blocks */
            else if (k <= JX_FK_SIMPLE_)
                rc = plan_simple(s, (enum jx_fkey)k, grp, neg, nrows, g, &verdict);
            else if (k == JX_FK_JOB)
                rc = plan_job(s, grp, neg, g, &verdict);
            else if (k == JX_FK_AUDLVL)
                rc = plan_audlvl(s, grp, neg, nrows, g, &verdict);
            else {
                memset(g, 0, sizeof(*g));
                g->kind = GP_ROW;
                g->neg = neg;
            }
            ngp++;
            if (rc) {
                rc = jx_error(err, rc, NULL, -1, -1, "out of memory");
                goto out;
            }
            if (verdict == PL_SKIP)
                skip = true;
            else if (verdict == PL_DROP)
                gplan_free(&gp[--ngp], 1);
        }
    }
    if (skip) {
        w->st.segs_dict++;
        goto out;
    }

    /* 2. The rows the sequence bounds allow: a range, rows being in order. */
    uint64_t r0 = 0, r1 = nrows;
    /* a cursor (buffers for every column) only when rows or columns are read */
#define OPEN_CURSOR()                                                                    \
    do {                                                                                 \
        if (!cur && (rc = worker_cursor(&w->cur, s)) != 0) {                             \
            rc = seg_err(r, u->seg, jx_error(err, rc, NULL, -1, -1, "cannot open a cursor"), err); \
            goto out;                                                                    \
        }                                                                                \
        cur = w->cur;                                                                    \
    } while (0)
    if (ts_check && jx_seg_ts_sorted(s)) {
        /* timestamps in row order: the time bounds are a row range too
         * (a frame decode per probe) and the rows left need no check */
        OPEN_CURSOR();
        if (f->has_from && (rc = ts_lower(cur, 0, nrows, f->from, &r0, err)))
            goto fail;
        if (f->has_to && (rc = ts_lower(cur, r0, nrows, f->to, &r1, err)))
            goto fail;
        ts_check = false;
        if (r0 >= r1) {
            w->st.segs_dict++;
            goto out;
        }
    }
    if (seq_cut) {
        OPEN_CURSOR();
        uint64_t q0 = 0, q1 = nrows;
        if (f->has_seq_from && (rc = seq_lower(cur, 0, nrows, f->seq_from, w->e, &q0, err)))
            goto fail;
        if (f->has_seq_to && f->seq_to < UINT64_MAX &&
            (rc = seq_lower(cur, q0, nrows, f->seq_to + 1, w->e, &q1, err)))
            goto fail;
        r0 = JX_MAX(r0, q0);
        r1 = JX_MIN(r1, q1);
        if (r0 >= r1) {
            w->st.segs_dict++;
            goto out;
        }
    }
    w->st.segs_read++;

    bool exact = true, has_post = false;
    size_t nfilters = 0;
    for (size_t i = 0; i < ngp; i++) {
        exact &= gp[i].kind != GP_ROW && gp[i].exact;
        has_post |= gp[i].kind == GP_POST;
        nfilters++;
    }
    const bool full = r0 == 0 && r1 == nrows;

    /* 3. Counts straight from the dictionaries' row counts. */
    if (exact && !ts_check && full) {
        if (r->mode == QM_COUNT && nfilters <= 1) {
            uint64_t n = nfilters == 0 ? nrows : gp[0].neg ? nrows - gp[0].sum : gp[0].sum;
            w->count += n;
            w->st.rows_counted += nrows;
            w->st.rows_matched += n;
            goto out;
        }
        if (r->mode == QM_GROUP && nfilters == 0 && r->ngf == 1 && r->gsrc[0] >= 0) {
            const enum jx_col c = (enum jx_col)r->gsrc[0];
            NEED(JX_DICT(c), 0);
            for (uint32_t id = 0, nd = jx_seg_dict_count(s, c); id < nd; id++) {
                uint64_t n = jx_seg_value_rows(s, c, id);
                const char *v = jx_seg_dict_str(s, c, id);
                if (r->gf[0] == JX_FLD_CODE && !*v)
                    v = " ";
                if (n && ktab_add(&w->kt, v, strlen(v) + 1, n)) {
                    rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
                    goto out;
                }
            }
            w->st.rows_counted += nrows;
            w->st.rows_matched += nrows;
            goto out;
        }
    }

    /* 4. Posting lists into a row bitmap: AND of the positive groups, minus
     *    the rows the negative groups certainly hold. The group with the
     *    fewest rows comes first; when it has few, its rows become
     *    candidates that the other groups' lists are probed for (no
     *    bitmap of a long list, and its walk skips what holds no
     *    candidate), else bitmaps are AND-ed word by word. */
    const size_t words = (size_t)((nrows + 63) / 64);
    if (has_post) {
        OPEN_CURSOR();
        if ((rc = ensure_words(w, words))) {
            rc = jx_error(err, rc, NULL, -1, -1, "out of memory");
            goto out;
        }
        size_t lead = ngp;
        for (size_t i = 0; i < ngp; i++)
            if (gp[i].kind == GP_POST && !gp[i].neg && (lead == ngp || gp[i].sum < gp[lead].sum))
                lead = i;
        if (lead == ngp) {
            memset(w->bits, 0xFF, words * sizeof(uint64_t));
        } else if ((rc = postings_bits(cur, &gp[lead], w->bits, words, err))) {
            goto fail;
        }
        size_t ncand = 0;
        const bool probe = lead != ngp && gp[lead].sum <= nrows / JX_PROBE_RATIO;
        if (probe) {
            if ((rc = ensure_cand(w, (size_t)gp[lead].sum))) {
                rc = jx_error(err, rc, NULL, -1, -1, "out of memory");
                goto out;
            }
            for (size_t k = 0; k < words; k++)
                for (uint64_t x = w->bits[k]; x; x &= x - 1)
                    if (ncand < gp[lead].sum) /* the list was checked to hold sum rows */
                        w->cand[ncand++] = (uint32_t)(64 * k + (unsigned)__builtin_ctzll(x));
        }
        for (size_t i = 0; i < ngp; i++) {
            if (gp[i].kind != GP_POST || i == lead)
                continue;
            if (probe) {
                if ((rc = postings_probe(cur, &gp[i], w, ncand, err)))
                    goto fail;
                /* keep the candidates a positive group holds, drop those a
                 * negative one holds */
                size_t m = 0;
                for (size_t k = 0; k < ncand; k++)
                    if (w->hit[k] != gp[i].neg)
                        w->cand[m++] = w->cand[k];
                ncand = m;
                continue;
            }
            if ((rc = postings_bits(cur, &gp[i], w->tmp, words, err)))
                goto fail;
            if (gp[i].neg)
                for (size_t k = 0; k < words; k++)
                    w->bits[k] &= ~w->tmp[k];
            else
                for (size_t k = 0; k < words; k++)
                    w->bits[k] &= w->tmp[k];
        }
        if (probe) {
            memset(w->bits, 0, words * sizeof(uint64_t));
            for (size_t k = 0; k < ncand; k++)
                bit_set(w->bits, w->cand[k]);
        }
    }

    /* 5. Chunk by chunk: id and timestamp columns, then rows. */
    const bool rowcheck = !exact;
    const bool grouprow = r->mode == QM_GROUP && r->grow;
    const bool groupcol = r->mode == QM_GROUP && !r->grow;
    const unsigned rmask = (rowcheck ? r->fmask : 0) | (grouprow ? r->gmask : 0) |
                           (r->mode == QM_HIST ? JX_FM_TS : 0);
    bool single_col = groupcol && r->ngf == 1 && r->gsrc[0] >= 0;
    uint64_t matched = 0;
    bool gloaded = false;   /* group dictionaries (strings of the keys) */
    if (single_col) {
        size_t nd = jx_seg_dict_size(s, (enum jx_col)r->gsrc[0]);
        if (nd > w->gcount_cap) {
            jx_free(w->gcount);
            w->gcount_cap = 0;
            if (!(w->gcount = jx_malloc(nd * sizeof(uint64_t)))) {
                rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
                goto out;
            }
            w->gcount_cap = nd;
        }
        memset(w->gcount, 0, nd * sizeof(uint64_t));
    }
    bool has_ids = false;
    for (size_t i = 0; i < ngp; i++)
        has_ids |= gp[i].kind == GP_IDS;
    if (has_ids || ts_check || rowcheck || r->mode == QM_GROUP || r->mode == QM_HIST)
        OPEN_CURSOR();
#undef OPEN_CURSOR
    const uint64_t c_first = r0 / CHUNK, c_last = (r1 - 1) / CHUNK;
    bool done = false;
    for (uint64_t ci = 0; ci <= c_last - c_first && !done; ci++) {
        const uint64_t c = r->reverse ? c_last - ci : c_first + ci;
        const uint64_t base = c * CHUNK;
        const uint64_t lo = JX_MAX(base, r0), hi = JX_MIN(base + CHUNK, r1);
        const uint32_t n = (uint32_t)(hi - lo);
        uint64_t cb[CHUNK / 64];
        const size_t cw = (size_t)((hi - base + 63) / 64);
        /* cb: bit i = row base + i */
        if (has_post)
            memcpy(cb, w->bits + base / 64, cw * sizeof(uint64_t));
        else
            memset(cb, 0xFF, cw * sizeof(uint64_t));
        for (uint64_t i = base; i < lo; i++)
            cb[(i - base) >> 6] &= ~(1ull << ((i - base) & 63));
        if ((hi - base) & 63)
            cb[cw - 1] &= (1ull << ((hi - base) & 63)) - 1;
        uint64_t any = 0;   /* selective queries: most chunks are empty */
        for (size_t k = 0; k < cw; k++)
            any |= cb[k];
        if (!any)
            continue;
        uint64_t pop = 0;
        for (size_t k = 0; k < cw; k++)
            pop += (uint64_t)popc(cb[k]);
        if (!pop)
            continue;

        /* id columns of the IDS groups */
        for (size_t g = 0; g < ngp && pop; g++) {
            if (gp[g].kind != GP_IDS)
                continue;
            if ((rc = jx_cursor_dict_ids(cur, gp[g].col, lo, n, w->ids, err)))
                goto fail;
            w->st.rows_col += pop;
            pop = 0;
            for (size_t k = 0; k < cw; k++)
                for (uint64_t b = cb[k]; b; b &= b - 1) {
                    const uint64_t rel = k * 64 + (uint64_t)__builtin_ctzll(b);
                    const bool in = bit_get(gp[g].idset, w->ids[base + rel - lo]);
                    if (in == gp[g].neg)
                        cb[k] &= ~(1ull << (rel & 63));
                }
            for (size_t k = 0; k < cw; k++)
                pop += (uint64_t)popc(cb[k]);
        }
        /* timestamps */
        bool have_ts = false;
        if (pop && (ts_check || r->mode == QM_HIST)) {
            if ((rc = chunk_ts(cur, lo, n, base, cb, cw, pop, w->ts, err)))
                goto fail;
            have_ts = true;
            if (ts_check) {
                w->st.rows_col += pop;
                pop = 0;
                for (size_t k = 0; k < cw; k++) {
                    for (uint64_t b = cb[k]; b; b &= b - 1) {
                        const uint64_t rel = k * 64 + (uint64_t)__builtin_ctzll(b);
                        const int64_t t = w->ts[base + rel - lo];
                        if ((f->has_from && t < f->from) || (f->has_to && t >= f->to))
                            cb[k] &= ~(1ull << (rel & 63));
                    }
                    pop += (uint64_t)popc(cb[k]);
                }
            }
        }
        if (!pop)
            continue;
        /* rows, in delivery order; the limit counts here */
        const bool per_row = rowcheck || grouprow || r->mode == QM_ENTRIES;
        if (per_row) {
            /* the set bits only, in delivery order (a selective query has
             * a row or two in a 4096-row chunk) */
            for (size_t kk = 0; kk < cw; kk++) {
                const size_t k = r->reverse ? cw - 1 - kk : kk;
                for (uint64_t bw = cb[k]; bw;) {
                    unsigned bit;
                    if (r->reverse) {
                        bit = 63u - (unsigned)__builtin_clzll(bw);
                        bw &= ~(1ull << bit);
                    } else {
                        bit = (unsigned)__builtin_ctzll(bw);
                        bw &= bw - 1;
                    }
                    const uint64_t rel = (uint64_t)k * 64 + bit;
                    const uint64_t row = base + rel;
                    if (done) {
                        cb[rel >> 6] &= ~(1ull << (rel & 63));
                        continue;
                    }
                    if (rowcheck || grouprow) {
                        if ((rc = jx_cursor_read(cur, row, rmask, w->e, err)))
                            goto fail;
                        w->st.rows_read++;
                        if (rowcheck && !jx_filter_match(f, w->e)) {
                            cb[rel >> 6] &= ~(1ull << (rel & 63));
                            continue;
                        }
                        if (grouprow) {
                            size_t kl = entry_key(w->e, r->gf, r->ngf, w->keybuf);
                            if (ktab_add(&w->kt, w->keybuf, kl, 1)) {
                                rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
                                goto out;
                            }
                        }
                    }
                    matched++;
                    if (r->mode == QM_ENTRIES) {
                        if (unit_push(u, (uint32_t)row)) {
                            rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
                            goto out;
                        }
                        if (r->limit && u->nrows >= r->limit)
                            done = true;
                    }
                }
            }
        } else {
            matched += pop;
        }
        if (r->mode == QM_COUNT) {
            uint64_t m = 0;
            for (size_t k = 0; k < cw; k++)
                m += (uint64_t)popc(cb[k]);
            w->count += m;
        } else if (groupcol) {
            if (!single_col && !gloaded) {
                NEED(r->gdicts, 0);
                gloaded = true;
            }
            for (size_t g = 0; g < r->ngf; g++)
                if (r->gsrc[g] >= 0 &&
                    (rc = jx_cursor_dict_ids(cur, (enum jx_col)r->gsrc[g], lo, n,
                                             w->gids + g * CHUNK, err)))
                    goto fail;
            for (size_t k = 0; k < cw; k++)
                for (uint64_t b = cb[k]; b; b &= b - 1) {
                    const uint64_t rel = k * 64 + (uint64_t)__builtin_ctzll(b);
                    if (single_col) {
                        w->gcount[w->gids[base + rel - lo]]++;
                        continue;
                    }
                    size_t kl = col_key(r, w, s, si, base + rel - lo, w->keybuf);
                    if (ktab_add(&w->kt, w->keybuf, kl, 1)) {
                        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
                        goto out;
                    }
                }
        } else if (r->mode == QM_HIST) {
            if (!have_ts && (rc = chunk_ts(cur, lo, n, base, cb, cw, pop, w->ts, err)))
                goto fail;
            int64_t lastb = 0, nextb = 0; /* the current bucket [lastb, nextb) */
            uint64_t run = 0;
            for (size_t k = 0; k < cw; k++)
                for (uint64_t b = cb[k]; b; b &= b - 1) {
                    const uint64_t rel = k * 64 + (uint64_t)__builtin_ctzll(b);
                    const int64_t t = w->ts[base + rel - lo];
                    /* rows come in time order mostly: most fall in the
                     * bucket of the previous one, no division needed */
                    if (run && t >= lastb && t < nextb) {
                        run++;
                        continue;
                    }
                    if (run && ktab_add(&w->kt, &lastb, sizeof(lastb), run)) {
                        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
                        goto out;
                    }
                    lastb = jx_hist_bucket(t, r->hu);
                    nextb = jx_hist_next(lastb, r->hu);
                    run = 1;
                }
            if (run && ktab_add(&w->kt, &lastb, sizeof(lastb), run)) {
                rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
                goto out;
            }
        }
    }
    w->st.rows_matched += matched;
    if (single_col && matched) {
        const enum jx_col c = (enum jx_col)r->gsrc[0];
        NEED(JX_DICT(c), 0);
        for (uint32_t id = 0, nd = jx_seg_dict_count(s, c); id < nd; id++) {
            if (!w->gcount[id])
                continue;
            const char *v = jx_seg_dict_str(s, c, id);
            if (r->gf[0] == JX_FLD_CODE && !*v)
                v = " ";
            if (ktab_add(&w->kt, v, strlen(v) + 1, w->gcount[id])) {
                rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
                goto out;
            }
        }
    }
    if (r->mode == QM_ENTRIES && u->nrows) {
        if (!cur && (rc = worker_cursor(&w->cur, s)) != 0) {
            rc = seg_err(r, u->seg, jx_error(err, rc, NULL, -1, -1, "cannot open a cursor"), err);
            goto out;
        }
        if ((rc = preread(r, u, w->cur, err)))
            goto fail;
    }
    goto out;
#undef NEED
fail:
    rc = seg_err(r, u->seg, rc, err);
out:
    gplan_free(gp, ngp);
    return rc;
}

/* Deliver one unit's rows to the callback (calling thread). */
static int deliver(struct qrun *r, struct unit *u, struct jx_entry *e, uint64_t *sent,
                   jx_query_fn fn, void *arg, struct jx_errctx *err)
{
    struct jx_seg *s;
    struct jx_cursor *cur = NULL;
    int rc = JX_OK;
    for (size_t i = 0; i < u->nrows; i++) {
        if (r->limit && *sent >= r->limit)
            break;
        const struct jx_entry *ce = e;
        if (i < u->npre) {
            ce = &u->ents[i];
        } else {
            if (!cur) {
                if ((rc = jx_index_seg_cols(r->ix, u->seg, 0, 0, &s, err)) != 0)
                    return seg_err(r, u->seg, rc, err);
                if ((rc = worker_cursor(&r->dcur, s)) != 0)
                    return seg_err(r, u->seg,
                                   jx_error(err, rc, NULL, -1, -1, "cannot open a cursor"), err);
                cur = r->dcur;
                memset(e, 0, sizeof(*e));
            }
            if ((rc = jx_cursor_read(cur, u->rows[i], r->emask, e, err)) != 0) {
                rc = seg_err(r, u->seg, rc, err);
                break;
            }
            /* the row was selected from the columns; the full entry must agree */
            if (!jx_filter_match(r->f, e)) {
                rc = seg_err(r, u->seg, jx_error(err, JX_E_CORRUPT, NULL, (int64_t)u->rows[i],
                             -1, "row data disagrees with the segment's dictionaries or "
                             "postings"), err);
                break;
            }
        }
        (*sent)++;
        if ((rc = fn(ce, arg)) != 0)
            break;
    }
    return rc;
}

/* Process the next unit if there is one and the delivery window allows it.
 * Called and returns with r->mu held. */
static bool run_next(struct worker *w)
{
    struct qrun *r = w->r;
    if (r->stop || r->next >= r->nu || (r->ordered && r->next >= r->delivered + r->window))
        return false;
    struct unit *u = &r->u[r->next++];
    pthread_mutex_unlock(&r->mu);
    int rc = process_unit(w, u);
    pthread_mutex_lock(&r->mu);
    u->rc = rc;
    u->done = true;
    if (rc && !r->ordered)
        r->stop = true;
    pthread_cond_broadcast(&r->cv);
    return true;
}

static void worker_main(void *arg)
{
    struct worker *w = arg;
    struct qrun *r = w->r;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        if (run_next(w))
            continue;
        if (r->stop || r->next >= r->nu)
            break;
        pthread_cond_wait(&r->cv, &r->mu);
    }
    pthread_mutex_unlock(&r->mu);
}

static int worker_init(struct worker *w, struct qrun *r)
{
    memset(w, 0, sizeof(*w));
    w->r = r;
    w->e = jx_calloc(1, sizeof(*w->e));
    w->ids = jx_malloc(CHUNK * sizeof(uint32_t));
    w->gids = jx_malloc(CHUNK * JX_GROUP_MAX * sizeof(uint32_t));
    w->ts = jx_malloc(CHUNK * sizeof(int64_t));
    w->keybuf = jx_malloc(JX_GROUP_MAX * VAL_CAP);
    return w->e && w->ids && w->gids && w->ts && w->keybuf ? JX_OK : JX_E_NOMEM;
}

static void worker_release(struct worker *w)
{
    jx_cursor_close(w->cur);
    jx_free(w->e);
    jx_free(w->bits);
    jx_free(w->tmp);
    jx_free(w->cand);
    jx_free(w->hit);
    jx_free(w->ids);
    jx_free(w->gids);
    jx_free(w->ts);
    jx_free(w->gcount);
    jx_free(w->keybuf);
    ktab_free(&w->kt);
}

static int online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* Plan (MANIFEST pruning), run the units on the pool, deliver or merge. */
static int query_run(struct qrun *r, const struct jx_query_opts *o, jx_query_fn fn,
                     void *arg, struct jx_query_stats *st, struct jx_errctx *err)
{
    const double t0 = jx_now();
    const size_t nsegs = jx_index_nsegs(r->ix);
    struct jx_query_stats total;
    struct jx_entry *de = NULL;
    uint64_t sent = 0;
    int rc = JX_OK;
    bool mutex_ready = false;

    memset(&total, 0, sizeof(total));
    jx_errctx_clear(err ? err : &(struct jx_errctx){0});
    r->limit = o ? o->limit : 0;
    r->reverse = o && o->reverse;
    r->fmask = jx_filter_needs(r->f);
    r->emask = ((o && o->mask) ? o->mask : JX_FM_ALL) | r->fmask;
    r->has_keys = false;
    for (int k = 0; r->f && k < JX_FK_COUNT_; k++)
        if ((r->f->pos[k].n || r->f->neg[k].n) && k != JX_FK_SYSTEM && k != JX_FK_RECEIVER)
            r->has_keys = true;
    r->ordered = r->mode == QM_ENTRIES;

    total.segs_total = nsegs;
    total.rows_total = jx_index_entries(r->ix);
    jx_index_hint_rows(r->ix, r->mode == QM_ENTRIES);
    uint64_t io0[3];
    jx_index_io(r->ix, &io0[0], &io0[1], &io0[2]);
    if (!(r->u = jx_calloc(nsegs ? nsegs : 1, sizeof(*r->u))))
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < nsegs; i++) {
        const size_t seg = r->reverse ? nsegs - 1 - i : i;
        if (manifest_pass(r->f, jx_index_seginfo(r->ix, seg)))
            r->u[r->nu++].seg = seg;
        else
            total.segs_manifest++;
    }

    int nt = (o && o->threads > 0) ? o->threads : online_cpus();
    if ((size_t)nt > r->nu)
        nt = r->nu ? (int)r->nu : 1;
    r->nw = nt;
    total.threads = nt;
    if (!(r->w = jx_calloc((size_t)nt, sizeof(*r->w))) ||
        (r->ordered && !(de = jx_malloc(sizeof(*de))))) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    for (int i = 0; i < nt; i++)
        if (worker_init(&r->w[i], r)) {
            r->nw = i + 1;
            rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
            goto out;
        }
    r->window = (size_t)nt * WINDOW_PER_THREAD;

    if (nt == 1) {
        /* one thread: no pool, process and deliver in turn */
        for (size_t i = 0; i < r->nu && !rc; i++) {
            rc = process_unit(&r->w[0], &r->u[i]);
            if (rc) {
                if (err)
                    *err = r->u[i].err;
                break;
            }
            if (r->ordered) {
                rc = deliver(r, &r->u[i], de, &sent, fn, arg, err);
                unit_release(&r->u[i]);
                if (r->limit && sent >= r->limit)
                    break;
            }
        }
    } else {
        pthread_mutex_init(&r->mu, NULL);
        pthread_cond_init(&r->cv, NULL);
        mutex_ready = true;
        /* the calling thread is worker 0; nt - 1 helpers from the pool (a
         * helper that never starts only means less parallelism: worker 0
         * takes every unit no one else took) */
        for (int i = 1; i < nt; i++) {
            r->w[i].task.fn = worker_main;
            r->w[i].task.arg = &r->w[i];
            jx_pool_submit(&r->w[i].task);
        }
        if (!r->ordered && !rc)
            worker_main(&r->w[0]);
        if (r->ordered && !rc) {
            for (size_t i = 0; i < r->nu; i++) {
                struct unit *u = &r->u[i];
                /* waiting for unit i: process units meanwhile (unit i is
                 * taken by someone: units go in order, and the window
                 * admits it) */
                pthread_mutex_lock(&r->mu);
                while (!u->done)
                    if (!run_next(&r->w[0]))
                        pthread_cond_wait(&r->cv, &r->mu);
                pthread_mutex_unlock(&r->mu);
                if (u->rc) {
                    rc = u->rc;
                    if (err)
                        *err = u->err;
                } else {
                    rc = deliver(r, u, de, &sent, fn, arg, err);
                }
                unit_release(u);
                pthread_mutex_lock(&r->mu);
                r->delivered = i + 1;
                if (rc || (r->limit && sent >= r->limit))
                    r->stop = true;
                pthread_cond_broadcast(&r->cv);
                pthread_mutex_unlock(&r->mu);
                if (r->stop)
                    break;
            }
        }
        for (int i = 1; i < nt; i++)
            jx_pool_finish(&r->w[i].task);
        if (!r->ordered && !rc)
            for (size_t i = 0; i < r->nu; i++)
                if (r->u[i].done && r->u[i].rc) {
                    rc = r->u[i].rc;
                    if (err)
                        *err = r->u[i].err;
                    break;
                }
    }
    for (int i = 0; i < r->nw; i++) {
        const struct jx_query_stats *s = &r->w[i].st;
        total.segs_dict += s->segs_dict;
        total.segs_read += s->segs_read;
        total.rows_counted += s->rows_counted;
        total.rows_col += s->rows_col;
        total.rows_read += s->rows_read;
        total.rows_matched += s->rows_matched;
    }
    if (r->ordered)
        total.rows_matched = sent;
out:
    total.seconds = jx_now() - t0;
    {
        uint64_t io1[3];
        jx_index_io(r->ix, &io1[0], &io1[1], &io1[2]);
        total.blocks = io1[0] - io0[0];
        total.reads = io1[1] - io0[1];
        total.read_bytes = io1[2] - io0[2];
    }
    if (st)
        *st = total;
    if (mutex_ready) {
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->cv);
    }
    for (size_t i = 0; r->u && i < r->nu; i++)
        unit_release(&r->u[i]);
    jx_free(r->u);
    r->u = NULL;
    jx_free(de);
    return rc;
}

static void run_free(struct qrun *r)
{
    jx_cursor_close(r->dcur);
    r->dcur = NULL;
    for (int i = 0; r->w && i < r->nw; i++)
        worker_release(&r->w[i]);
    jx_free(r->w);
    r->w = NULL;
}

int jx_query_entries(struct jx_index *ix, const struct jx_filter *f,
                     const struct jx_query_opts *o, jx_query_fn fn, void *arg,
                     struct jx_query_stats *st, struct jx_errctx *err)
{
    struct qrun r;
    memset(&r, 0, sizeof(r));
    r.ix = ix;
    r.f = f;
    r.mode = QM_ENTRIES;
    int rc = query_run(&r, o, fn, arg, st, err);
    run_free(&r);
    return rc;
}

int jx_query_count(struct jx_index *ix, const struct jx_filter *f,
                   const struct jx_query_opts *o, uint64_t *count,
                   struct jx_query_stats *st, struct jx_errctx *err)
{
    struct qrun r;
    struct jx_query_opts oo = o ? *o : (struct jx_query_opts){0};
    oo.limit = 0;
    oo.reverse = false;
    memset(&r, 0, sizeof(r));
    r.ix = ix;
    r.f = f;
    r.mode = QM_COUNT;
    *count = 0;
    int rc = query_run(&r, &oo, NULL, NULL, st, err);
    for (int i = 0; !rc && i < r.nw; i++)
        *count += r.w[i].count;
    if (st && !rc)
        st->rows_matched = *count;
    run_free(&r);
    return rc;
}

/* Merge the workers' tables into the first one. */
static int merge_tables(struct qrun *r, struct jx_errctx *err)
{
    for (int i = 1; i < r->nw; i++) {
        if (ktab_merge(&r->w[0].kt, &r->w[i].kt))
            return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        ktab_free(&r->w[i].kt);
    }
    return JX_OK;
}

int jx_query_group(struct jx_index *ix, const struct jx_filter *f,
                   const struct jx_query_opts *o, const enum jx_field *fields,
                   size_t nfields, size_t top, struct jx_groups **out,
                   struct jx_query_stats *st, struct jx_errctx *err)
{
    struct qrun r;
    struct jx_query_opts oo = o ? *o : (struct jx_query_opts){0};
    oo.limit = 0;
    oo.reverse = false;
    *out = NULL;
    if (nfields < 1 || nfields > JX_GROUP_MAX)
        return jx_error(err, JX_E_USAGE, NULL, -1, -1, "group by 1 to %d fields", JX_GROUP_MAX);
    memset(&r, 0, sizeof(r));
    r.ix = ix;
    r.f = f;
    r.mode = QM_GROUP;
    r.ngf = nfields;
    memcpy(r.gf, fields, nfields * sizeof(*fields));
    for (size_t i = 0; i < nfields; i++) {
        r.gsrc[i] = field_source(fields[i]);
        r.grow |= r.gsrc[i] == GSRC_ROW;
        if (r.gsrc[i] >= 0)
            r.gdicts |= JX_DICT(r.gsrc[i]);
    }
    r.gmask = jx_fields_mask(fields, nfields);
    int rc = query_run(&r, &oo, NULL, NULL, st, err);
    if (!rc && r.nw)
        rc = merge_tables(&r, err);
    if (!rc) {
        struct ktab empty = {0};
        rc = groups_build(r.nw ? &r.w[0].kt : &empty, fields, nfields, top, out);
        if (rc)
            jx_error(err, rc, NULL, -1, -1, "out of memory");
    }
    run_free(&r);
    return rc;
}

int jx_query_histogram(struct jx_index *ix, const struct jx_filter *f,
                       const struct jx_query_opts *o, enum jx_hist_unit unit,
                       struct jx_histogram **out, struct jx_query_stats *st,
                       struct jx_errctx *err)
{
    struct qrun r;
    struct jx_query_opts oo = o ? *o : (struct jx_query_opts){0};
    oo.limit = 0;
    oo.reverse = false;
    *out = NULL;
    memset(&r, 0, sizeof(r));
    r.ix = ix;
    r.f = f;
    r.mode = QM_HIST;
    r.hu = unit;
    int rc = query_run(&r, &oo, NULL, NULL, st, err);
    if (!rc && r.nw)
        rc = merge_tables(&r, err);
    if (!rc) {
        struct ktab empty = {0};
        rc = hist_build(r.nw ? &r.w[0].kt : &empty, unit, out);
        if (rc)
            jx_error(err, rc, NULL, -1, -1, "out of memory");
    }
    run_free(&r);
    return rc;
}
