/*
 * tests/test_query.c - differential test of the query executor
 * (query/exec.h) against the brute-force oracle: every entry decoded from
 * the receivers by jx_plan_scan() and tested with jx_filter_match().
 *
 * Data: the three shared sample chains (tests/shared/data, written by an
 * independent implementation) and a generated chain (bench/gen.h) of about
 * 25,000 entries on two systems with resets and planted patterns, each
 * indexed by the real ingest pipeline. On each, MANY random queries drawn
 * from values present in the data (exact and generic names, comma lists,
 * negations, time windows at every precision, sequence bounds, CIDR blocks,
 * ESD search with and without offset, QAUDLVL values, limits, reverse,
 * 1-3 threads) must give: the same entries in the same order (every field
 * and ESD byte compared), the same count, group-by and histogram, and the
 * same formatted output in table, csv and json. Plus pruning checks (no
 * row read where dictionaries decide), early stop with --limit, and a
 * damaged segment named in the error.
 *
 * Set JX_TEST_SEED to replay another random sequence; a failure prints the
 * query as `jidx query` options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "audit.h"
#include "chain.h"
#include "ebcdic.h"
#include "exec.h"
#include "fields.h"
#include "filter.h"
#include "gen.h"
#include "index.h"
#include "ingest.h"
#include "layout.h"
#include "recbuild.h"
#include "receiver.h"
#include "output.h"
#include "test.h"

/* ---- data sets ------------------------------------------------------------ */

#define POOL_MAX 160

struct pool {
    char (*v)[JX_PATH_SZ];
    size_t n;
};

struct dataset {
    const char *name;
    char *tmp;                  /* temp dir: index (and generated receivers) */
    char idx[1024];
    struct jx_index *ix;
    struct jx_rcvfile **files;
    size_t nfiles;
    struct jx_plan *plan;
    struct jx_entry *ents;      /* every entry, canonical order */
    size_t n, cap;
    uint8_t *esd;               /* their ESD bytes (a scan's are valid only in
                                 * its callback); ents[i].esd points here */
    size_t esd_len, esd_cap;
    size_t *esd_at;             /* ents[i]'s offset in esd, until the scan ends */
    /* values present, to draw filters from */
    struct pool pool[16];
    int64_t ts_min, ts_max;
    uint64_t seq_min, seq_max;
};

enum { P_TYPE, P_CODE, P_SUBTYPE, P_USER, P_JOB_USER, P_TARGET_USER, P_PROGRAM,
       P_PROGRAM_LIB, P_OBJECT, P_OBJECT_LIB, P_OBJECT_TYPE, P_PATH, P_REMOTE,
       P_SYSTEM, P_RECEIVER, P_JOB, P_COUNT_ };
static const char *const pool_opt[P_COUNT_] = {
    "type", "code", "subtype", "user", "job-user", "target-user", "program",
    "program-lib", "object", "object-lib", "object-type", "path", "remote-addr",
    "system", "receiver", "job"};

static uint64_t rng_state, rng_seed;
/* how much the random queries exercised (printed per data set) */
static size_t st_queries, st_nonempty, st_rows_read, st_segs_dict, st_segs_manifest, st_col;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static size_t rndn(size_t n) { return n ? (size_t)(rnd() % n) : 0; }

static void pool_add(struct pool *p, const char *v)
{
    if (!v[0] || p->n >= POOL_MAX)
        return;
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->v[i], v))
            return;
    snprintf(p->v[p->n++], JX_PATH_SZ, "%s", v);
}

static int collect(const struct jx_entry *e, void *arg)
{
    struct dataset *d = arg;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 1024;
        d->ents = realloc(d->ents, d->cap * sizeof(*d->ents));
        d->esd_at = realloc(d->esd_at, d->cap * sizeof(*d->esd_at));
        if (!d->ents || !d->esd_at)
            return -1;
    }
    if (d->esd_len + e->esd_avail > d->esd_cap) {
        d->esd_cap = 2 * (d->esd_len + e->esd_avail) + 4096;
        if (!(d->esd = realloc(d->esd, d->esd_cap)))
            return -1;
    }
    memcpy(d->esd + d->esd_len, e->esd, e->esd_avail);
    d->esd_at[d->n] = d->esd_len;
    d->esd_len += e->esd_avail;
    d->ents[d->n++] = *e;
    return 0;
}

/* Point the collected entries at their copied ESD bytes. */
static void collect_done(struct dataset *d)
{
    for (size_t i = 0; i < d->n; i++)
        d->ents[i].esd = d->esd + d->esd_at[i];
}

static void dataset_pools(struct dataset *d)
{
    for (int p = 0; p < P_COUNT_; p++)
        d->pool[p].v = calloc(POOL_MAX, JX_PATH_SZ);
    d->ts_min = INT64_MAX;
    d->ts_max = INT64_MIN;
    d->seq_min = UINT64_MAX;
    d->seq_max = 0;
    /* sample spread over the whole chain so every receiver contributes */
    const size_t step = d->n > 4000 ? d->n / 4000 : 1;
    for (size_t i = 0; i < d->n; i++) {
        const struct jx_entry *e = &d->ents[i];
        d->ts_min = JX_MIN(d->ts_min, e->ts);
        d->ts_max = JX_MAX(d->ts_max, e->ts);
        d->seq_min = JX_MIN(d->seq_min, e->seq);
        d->seq_max = JX_MAX(d->seq_max, e->seq);
        if (i % step && i % 97)
            continue;
        char b[JX_PATH_SZ], c[2] = {e->code, 0}, s[2] = {e->subtype, 0};
        pool_add(&d->pool[P_TYPE], e->type);
        pool_add(&d->pool[P_CODE], c);
        pool_add(&d->pool[P_SUBTYPE], s);
        pool_add(&d->pool[P_USER], e->user);
        pool_add(&d->pool[P_JOB_USER], e->job_user);
        pool_add(&d->pool[P_TARGET_USER], e->target_user);
        pool_add(&d->pool[P_PROGRAM], e->program);
        pool_add(&d->pool[P_PROGRAM_LIB], e->program_lib);
        pool_add(&d->pool[P_OBJECT], e->object);
        pool_add(&d->pool[P_OBJECT_LIB], e->object_lib);
        pool_add(&d->pool[P_OBJECT_TYPE], e->object_type);
        pool_add(&d->pool[P_PATH], e->path);
        pool_add(&d->pool[P_REMOTE], e->remote_addr);
        pool_add(&d->pool[P_SYSTEM], e->system);
        snprintf(b, sizeof(b), "%s/%s", e->receiver_lib, e->receiver);
        pool_add(&d->pool[P_RECEIVER], b);
        snprintf(b, sizeof(b), "%06u/%s/%s", e->job_number, e->job_user, e->job);
        pool_add(&d->pool[P_JOB], b);
    }
}

static int dataset_open(struct dataset *d, char **inputs, size_t ninputs, int ccsid)
{
    struct jx_errctx err;
    struct jx_ingest_opts io;
    struct jx_ingest_stats ist;
    struct jx_rcvopts ro = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = ccsid};
    struct jx_plan_opts po = {false, 2, NULL};

    memset(&io, 0, sizeof(io));
    io.threads = 2;
    io.ro = ro;
    snprintf(d->idx, sizeof(d->idx), "%s/index", d->tmp);
    if (jx_ingest(d->idx, inputs, ninputs, &io, &ist, &err)) {
        print_error("ingest %s: %s\n", d->name, err.msg);
        return -1;
    }
    if (jx_index_open(d->idx, &d->ix, &err)) {
        print_error("open %s: %s\n", d->idx, err.msg);
        return -1;
    }
    if (jx_open_inputs(inputs, ninputs, &ro, &d->files, &d->nfiles, &err) ||
        jx_plan_build(d->files, d->nfiles, &po, &d->plan, &err) ||
        jx_plan_scan(d->plan, collect, d, &err)) {
        print_error("oracle %s: %s\n", d->name, err.msg);
        return -1;
    }
    collect_done(d);
    dataset_pools(d);
    return 0;
}

static void dataset_close(struct dataset *d)
{
    jx_index_close(d->ix);
    jx_plan_free(d->plan);
    jx_close_inputs(d->files, d->nfiles);
    free(d->ents);
    free(d->esd);
    free(d->esd_at);
    for (int p = 0; p < P_COUNT_; p++)
        free(d->pool[p].v);
    jx_test_rmtree(d->tmp);
    free(d->tmp);
    free(d);
}

static int setup_shared(void **state, const char *sub, int ccsid)
{
    const char *data = jx_test_shared_data();
    struct dataset *d = calloc(1, sizeof(*d));
    char a[1024], b[1024];
    char *in[2] = {a, b};
    if (!data || !d || !(d->tmp = jx_test_tmpdir()))
        return -1;
    d->name = sub;
    snprintf(a, sizeof(a), "%s/%s/SYSA", data, sub);
    snprintf(b, sizeof(b), "%s/%s/SYSB", data, sub);
    if (dataset_open(d, in, 2, ccsid))
        return -1;
    *state = d;
    return 0;
}

static int setup_37(void **state) { return setup_shared(state, "ccsid37-fixed", 37); }

/* Copy receiver file src to dst, swapping the timestamps (JOTSTP) of
 * records 7k+3 and 7k+4: timestamps that go back now and then, as after
 * a clock set back (DST). Sequence numbers stay in order. */
static int copy_clock_back(const char *src, const char *dst)
{
    struct jx_rcvopts ro = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = 37};
    struct jx_rcvfile *f;
    struct jx_errctx err;
    if (jx_rcvfile_open(src, &ro, &f, &err))
        return -1;
    const size_t rl = jx_rcvfile_reclen(f), n = (size_t)jx_rcvfile_count(f);
    jx_rcvfile_close(f);
    size_t got;
    uint8_t *buf = jx_test_read_file(src, &got);
    if (got < rl * n) {
        free(buf);
        return -1;
    }
    for (size_t i = 3; i + 1 < n; i += 7) {
        uint8_t t[JX_H_TSTP_LEN];
        memcpy(t, buf + i * rl + JX_H_TSTP, JX_H_TSTP_LEN);
        memcpy(buf + i * rl + JX_H_TSTP, buf + (i + 1) * rl + JX_H_TSTP, JX_H_TSTP_LEN);
        memcpy(buf + (i + 1) * rl + JX_H_TSTP, t, JX_H_TSTP_LEN);
    }
    rb_write(dst, buf, rl * n);
    free(buf);
    return 0;
}

/* The ccsid37 chains with timestamps that go back: segments not marked
 * sorted, so time bounds take the row-by-row path (the generated set has
 * sorted timestamps and takes the binary search). */
static int setup_clock_back(void **state)
{
    const char *data = jx_test_shared_data();
    struct dataset *d = calloc(1, sizeof(*d));
    char dir[1024], src[2048], dst[2048];
    char *in[1] = {dir};
    static const char *const sys[] = {"SYSA", "SYSB"};
    if (!data || !d || !(d->tmp = jx_test_tmpdir()))
        return -1;
    d->name = "ccsid37-clock-back";
    snprintf(dir, sizeof(dir), "%s/rcv", d->tmp);
    if (mkdir(dir, 0700))
        return -1;
    for (int k = 0; k < 2; k++) {
        snprintf(src, sizeof(src), "%s/ccsid37-fixed/%s", data, sys[k]);
        snprintf(dst, sizeof(dst), "%s/%s", dir, sys[k]);
        if (mkdir(dst, 0700))
            return -1;
        char cmd[4200];
        snprintf(cmd, sizeof(cmd), "ls '%s'", src);
        FILE *ls = popen(cmd, "r");
        char name[256];
        while (ls && fgets(name, sizeof(name), ls)) {
            name[strcspn(name, "\n")] = '\0';
            char a[2400], b[2400];
            snprintf(a, sizeof(a), "%s/%s", src, name);
            snprintf(b, sizeof(b), "%s/%s", dst, name);
            if (copy_clock_back(a, b))
                return -1;
        }
        if (ls)
            pclose(ls);
    }
    if (dataset_open(d, in, 1, 37))
        return -1;
    *state = d;
    return 0;
}

/* Which segments the writer marked as having sorted timestamps: the
 * generated data always, the clock-back data never (each of its
 * receivers has a swap). */
static void test_query_ts_sorted_flag(void **state)
{
    struct dataset *d = *state;
    struct jx_errctx err;
    size_t sorted = 0, nseg = jx_index_nsegs(d->ix);
    for (size_t i = 0; i < nseg; i++) {
        struct jx_seg *s;
        assert_int_equal(jx_index_seg_cols(d->ix, i, 0, 0, &s, &err), 0);
        sorted += jx_seg_ts_sorted(s);
    }
    assert_true(nseg > 0);
    if (!strcmp(d->name, "generated"))
        assert_int_equal(sorted, nseg);
    else
        assert_int_equal(sorted, 0);
}
static int setup_273(void **state) { return setup_shared(state, "ccsid273-varlen", 273); }
static int setup_500(void **state) { return setup_shared(state, "ccsid500-varlen608", 500); }

/* Sanitized builds run 5-30 times slower: they look for memory and thread
 * errors, which a fraction of the queries finds as well as all of them. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define QUERY_SCALE 5
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define QUERY_SCALE 5
#endif
#endif
#ifndef QUERY_SCALE
#define QUERY_SCALE 1
#endif

static int setup_gen(void **state)
{
    struct dataset *d = calloc(1, sizeof(*d));
    struct jx_gen_opts o;
    struct jx_errctx err;
    char gdir[1024];
    char *in[1] = {gdir};
    if (!d || !(d->tmp = jx_test_tmpdir()))
        return -1;
    d->name = "generated";
    snprintf(gdir, sizeof(gdir), "%s/rcv", d->tmp);
    jx_gen_opts_init(&o);
    o.outdir = gdir;
    o.entries = QUERY_SCALE > 1 ? 15000 : 36000;
    o.days = 12;
    o.systems = 2;
    o.receiver_entries = 6000;
    o.seed = 20240611;
    o.resets = true;
    o.plants = JX_PLANT_ALL;
    o.threads = 2;
    if (mkdir(gdir, 0700) != 0 || jx_gen_run(&o, NULL, &err)) {
        print_error("gen: %s\n", err.msg);
        return -1;
    }
    if (dataset_open(d, in, 1, 37))
        return -1;
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    if (*state)
        dataset_close(*state);
    return 0;
}

/* ---- queries ---------------------------------------------------------------- */

struct qspec {
    char name[8][32];
    char val[8][260];
    size_t n;
    struct jx_query_opts o;
};

static void qs_add(struct qspec *q, const char *name, const char *val)
{
    if (q->n >= 8)
        return;
    snprintf(q->name[q->n], sizeof(q->name[0]), "%s", name);
    snprintf(q->val[q->n], sizeof(q->val[0]), "%s", val);
    q->n++;
}

static void qs_print(const struct qspec *q, const char *what)
{
    print_error("failing query (%s): jidx query INDEX", what);
    for (size_t i = 0; i < q->n; i++)
        print_error(" --%s '%s'", q->name[i], q->val[i]);
    if (q->o.limit)
        print_error(" --limit %llu", (unsigned long long)q->o.limit);
    if (q->o.reverse)
        print_error(" --reverse");
    print_error(" --threads %d  (replay: JX_TEST_SEED=%llu)\n", q->o.threads,
                (unsigned long long)rng_seed);
}

static void fmt_time(int64_t ts, char *buf, size_t cap)
{
    int y, mo, d, h, mi, s, us;
    jx_ts_split(ts, &y, &mo, &d, &h, &mi, &s, &us);
    switch (rndn(8)) {
    case 0: snprintf(buf, cap, "%04d-%02d-%02d", y, mo, d); break;
    case 1: snprintf(buf, cap, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi); break;
    case 2: snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s); break;
    case 3: snprintf(buf, cap, "%04d-%02d-%02d %02d", y, mo, d, h); break;
    default: jx_ts_format_saa(ts, buf); break;
    }
}

/* A value for a simple name filter: present, generic, a list, or absent. */
static void pick_value(const struct dataset *d, int p, char *out, size_t cap)
{
    const struct pool *pl = &d->pool[p];
    if (!pl->n) {
        snprintf(out, cap, "NOSUCH");
        return;
    }
    const char *v = pl->v[rndn(pl->n)];
    const size_t r = rndn(10), len = strlen(v);
    if (p == P_REMOTE) {
        unsigned a, b, c, x;
        if (r < 4 && sscanf(v, "%u.%u.%u.%u", &a, &b, &c, &x) == 4) {
            int bits = (int)(8 + 8 * rndn(3));
            snprintf(out, cap, "%u.%u.%u.0/%d", a, bits >= 16 ? b : 0, bits >= 24 ? c : 0, bits);
        } else if (r < 6) {
            snprintf(out, cap, "%.*s*", (int)JX_MAX(len / 2, (size_t)1), v);
        } else {
            snprintf(out, cap, "%s", v);
        }
        return;
    }
    if (p == P_PATH) {
        const char *slash = strrchr(v, '/');
        if (r < 5 && slash && slash > v)
            snprintf(out, cap, "%.*s*", (int)(slash - v + 1), v);
        else
            snprintf(out, cap, "%s", v);
        return;
    }
    if (p == P_JOB) {
        unsigned num;
        char u[JX_NAME_SZ], j[JX_NAME_SZ];
        if (sscanf(v, "%6u/%31[^/]/%31s", &num, u, j) != 3) {
            snprintf(out, cap, "%s", v);
            return;
        }
        switch (r % 5) {
        case 0: snprintf(out, cap, "%s", v); break;
        case 1:
            snprintf(out, cap, "*/%s/%.*s*", u, (int)JX_MAX(strlen(j) / 2, (size_t)1), j);
            break;
        case 2: snprintf(out, cap, "%s", j); break;
        case 3: snprintf(out, cap, "%s/%s", u, j); break;
        default: snprintf(out, cap, "%u/*/*", num); break;
        }
        return;
    }
    if (p == P_RECEIVER) {
        const char *slash = strchr(v, '/');
        if (r < 3 && slash)
            snprintf(out, cap, "%s", slash + 1);
        else if (r < 6 && slash)
            snprintf(out, cap, "%.*s/AUDRCV*", (int)(slash - v), v);
        else
            snprintf(out, cap, "%s", v);
        return;
    }
    if (r < 5 || (len <= 1 && r < 8)) {
        snprintf(out, cap, "%s", v);
    } else if (r < 8) {
        snprintf(out, cap, "%.*s*", (int)(1 + rndn(len - 1)), v);
    } else if (r < 9) {
        snprintf(out, cap, "%s,%s", v, pl->v[rndn(pl->n)]);
    } else {
        snprintf(out, cap, p == P_CODE || p == P_SUBTYPE ? "Q" : p == P_TYPE ? "QQ" : "NOSUCH");
    }
}

static void random_query(const struct dataset *d, struct qspec *q)
{
    char v[256];
    bool have_time = false, have_seq = false, have_off = false;
    memset(q, 0, sizeof(*q));
    const size_t nf = rndn(4);
    for (size_t i = 0; i < nf; i++) {
        size_t kind = rndn(20);
        if ((kind >= 11 && kind < 14 && have_time) || (kind == 14 && have_seq))
            kind = 0;
        if (kind < 11) {
            int p = (int)rndn(P_COUNT_);
            pick_value(d, p, v, sizeof(v));
            char name[32];
            const bool neg = rndn(5) == 0;
            snprintf(name, sizeof(name), "%s%s", neg ? "not-" : "", pool_opt[p]);
            qs_add(q, name, v);
        } else if (kind < 14) {
            /* bounds at entries' own timestamps (sometimes one microsecond
             * before) so the inclusive/exclusive edges are really hit */
            int64_t a = d->ents[rndn(d->n)].ts;
            int64_t b = d->ents[rndn(d->n)].ts - (rndn(3) == 0);
            if (rndn(4) == 0)
                a = d->ts_min + (int64_t)(rnd() % (uint64_t)(d->ts_max - d->ts_min + 1));
            char ta[40], tb[40];
            int64_t s1, e1, s2, e2;
            fmt_time(JX_MIN(a, b), ta, sizeof(ta));
            fmt_time(JX_MAX(a, b), tb, sizeof(tb));
            jx_time_parse(ta, &s1, &e1, NULL);
            jx_time_parse(tb, &s2, &e2, NULL);
            const size_t w = rndn(3);
            have_time = true;
            if (w != 1)
                qs_add(q, "from", ta);
            if (w != 0 && (w == 1 || s1 < e2))
                qs_add(q, "to", tb);
        } else if (kind < 15) {
            have_seq = true;
            uint64_t a = d->seq_min + rnd() % (d->seq_max - d->seq_min + 1);
            uint64_t b = d->seq_min + rnd() % (d->seq_max - d->seq_min + 1);
            snprintf(v, sizeof(v), "%llu", (unsigned long long)JX_MIN(a, b));
            if (rndn(2))
                qs_add(q, "seq-from", v);
            snprintf(v, sizeof(v), "%llu", (unsigned long long)JX_MAX(a, b));
            if (rndn(2))
                qs_add(q, "seq-to", v);
        } else if (kind < 17) {
            size_t n;
            const struct jx_audlvl *t = jx_audlvl_table(&n);
            const char *names[] = {"*AUTFAIL", "*SECURITY", "*JOBDTA", "*NETSCK", "*CMD",
                                   "*DELETE", "*SECCFG", "*JOBBAS", "*PGMFAIL"};
            (void)t;
            snprintf(v, sizeof(v), "%s", names[rndn(sizeof(names) / sizeof(names[0]))]);
            qs_add(q, rndn(4) ? "audlvl" : "not-audlvl", v);
        } else {
            /* text from some entry's ESD */
            for (int tries = 0; tries < 20; tries++) {
                const struct jx_entry *e = &d->ents[rndn(d->n)];
                if (e->esd_avail < 12)
                    continue;
                char text[JX_ESD_MAX + 1];
                const struct jx_ccsid *cc = jx_ccsid_get(e->ccsid ? e->ccsid : 37);
                size_t tl = jx_audit_esd_text(e, cc, text, sizeof(text));
                size_t len = 3 + rndn(6), off = rndn(tl - len);
                memcpy(v, text + off, len);
                v[len] = '\0';
                qs_add(q, rndn(5) ? "search" : "not-search", v);
                if (!have_off && rndn(3) == 0) {
                    have_off = true;
                    snprintf(v, sizeof(v), "%zu", off + 610);
                    qs_add(q, "search-offset", v);
                }
                break;
            }
        }
    }
    q->o.limit = rndn(3) == 0 ? 1 + rndn(40) : 0;
    q->o.reverse = rndn(3) == 0;
    q->o.threads = 1 + (int)rndn(3);
}

static struct jx_filter *qs_filter(const struct qspec *q)
{
    struct jx_filter *f;
    struct jx_errctx err;
    assert_int_equal(jx_filter_create(&f), JX_OK);
    for (size_t i = 0; i < q->n; i++)
        if (jx_filter_add(f, q->name[i], q->val[i], &err)) {
            qs_print(q, err.msg);
            fail();
        }
    if (jx_filter_check(f, &err)) {
        /* e.g. a --search-offset whose --search was not drawn: drop it */
        jx_filter_free(f);
        return NULL;
    }
    return f;
}

/* ---- comparison ------------------------------------------------------------ */

struct cmp_ctx {
    const struct dataset *d;
    const size_t *want;         /* oracle: indexes into d->ents, delivery order */
    size_t nwant, got;
    const char *bad;
    size_t bad_at;
    struct jx_out *out;
    char why[256];              /* what differed (bad points here) */
};

static int out_visit(const struct jx_entry *e, void *arg)
{
    jx_out_entry(arg, e);
    return 0;
}

static int cmp_visit(const struct jx_entry *e, void *arg)
{
    struct cmp_ctx *c = arg;
    if (c->got >= c->nwant) {
        c->bad = "more entries than the oracle";
        c->bad_at = c->got;
        return 1;
    }
    if (jx_test_entry_diff(e, &c->d->ents[c->want[c->got]], c->why, sizeof(c->why))) {
        c->bad = c->why;
        c->bad_at = c->got;
        return 1;
    }
    if (c->out)
        jx_out_entry(c->out, e);
    c->got++;
    return 0;
}

/* Oracle group-by: sort the match keys, count runs, order like the
 * executor promises (count descending, then the keys field by field). */
struct okey {
    char *k;
    size_t len;
    uint64_t count;
    const char *f[JX_GROUP_MAX];
};
static size_t okey_nf;

static int okey_bytes(const void *a, const void *b)
{
    const struct okey *x = a, *y = b;
    size_t l = JX_MIN(x->len, y->len);
    int c = memcmp(x->k, y->k, l);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int okey_order(const void *a, const void *b)
{
    const struct okey *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    for (size_t i = 0; i < okey_nf; i++) {
        int c = strcmp(x->f[i], y->f[i]);
        if (c)
            return c;
    }
    return 0;
}

static void check_groups(const struct dataset *d, const struct qspec *q,
                         const struct jx_filter *f, const size_t *m, size_t nm)
{
    static const enum jx_field pool[] = {
        JX_FLD_TYPE, JX_FLD_SUBTYPE, JX_FLD_CODE, JX_FLD_USER, JX_FLD_JOB_USER,
        JX_FLD_TARGET_USER, JX_FLD_OBJECT_LIB, JX_FLD_OBJECT_TYPE, JX_FLD_OBJECT_NAME,
        JX_FLD_PROGRAM, JX_FLD_PROGRAM_LIB, JX_FLD_SYSTEM, JX_FLD_RECEIVER,
        JX_FLD_RECEIVER_LIB, JX_FLD_REMOTE_ADDR, JX_FLD_PATH, JX_FLD_JOB,
        JX_FLD_QJOB, JX_FLD_OBJECT, JX_FLD_JOB_NUMBER};
    enum jx_field fl[2];
    size_t nf = 1 + rndn(2), top = rndn(2) ? 0 : 1 + rndn(8);
    for (size_t i = 0; i < nf; i++)
        fl[i] = pool[rndn(sizeof(pool) / sizeof(pool[0]))];
    struct jx_groups *g = NULL;
    struct jx_errctx err;
    int rc = jx_query_group(d->ix, f, &q->o, fl, nf, top, &g, NULL, &err);
    if (rc) {
        qs_print(q, err.msg);
        fail();
    }
    struct okey *k = calloc(nm ? nm : 1, sizeof(*k));
    char *buf = malloc(2 * 8192);
    for (size_t i = 0; i < nm; i++) {
        size_t o = 0;
        for (size_t j = 0; j < nf; j++) {
            o += jx_field_value(&d->ents[m[i]], fl[j], buf + o, 8192);
            buf[o++] = '\0';
        }
        k[i].k = malloc(o);
        memcpy(k[i].k, buf, o);
        k[i].len = o;
    }
    qsort(k, nm, sizeof(*k), okey_bytes);
    size_t nd = 0;
    for (size_t i = 0; i < nm; i++) {
        if (nd && !okey_bytes(&k[nd - 1], &k[i])) {
            k[nd - 1].count++;
            free(k[i].k);
            continue;
        }
        k[nd] = k[i];
        k[nd].count = 1;
        const char *p = k[nd].k;
        for (size_t j = 0; j < nf; j++) {
            k[nd].f[j] = p;
            p += strlen(p) + 1;
        }
        nd++;
    }
    okey_nf = nf;
    qsort(k, nd, sizeof(*k), okey_order);
    char what[128];
    snprintf(what, sizeof(what), "group-by %s%s%s top %zu", jx_field_name(fl[0]),
             nf > 1 ? "," : "", nf > 1 ? jx_field_name(fl[1]) : "", top);
    size_t keep = top && nd > top ? top : nd;
    if (g->ndistinct != nd || g->n != keep || g->total != nm) {
        qs_print(q, what);
        fail_msg("groups: %zu distinct (oracle %zu), %zu kept (%zu), total %llu (%zu)",
                 g->ndistinct, nd, g->n, keep, (unsigned long long)g->total, nm);
    }
    for (size_t i = 0; i < keep; i++) {
        bool same = g->g[i].count == k[i].count;
        for (size_t j = 0; j < nf; j++)
            same = same && !strcmp(g->g[i].key[j], k[i].f[j]);
        if (!same) {
            qs_print(q, what);
            fail_msg("group %zu: '%s' %llu, oracle '%s' %llu", i, g->g[i].key[0],
                     (unsigned long long)g->g[i].count, k[i].f[0],
                     (unsigned long long)k[i].count);
        }
    }
    /* printed the same in every format */
    if (keep <= 2000) {
        struct jx_groups og = {0};
        og.nfields = nf;
        memcpy(og.fields, fl, nf * sizeof(*fl));
        og.g = calloc(keep ? keep : 1, sizeof(*og.g));
        og.n = keep;
        for (size_t i = 0; i < keep; i++) {
            og.g[i].count = k[i].count;
            for (size_t j = 0; j < nf; j++)
                og.g[i].key[j] = k[i].f[j];
        }
        for (int fmt = 0; fmt < 3; fmt++) {
            char *a = NULL, *b = NULL;
            size_t al = 0, bl = 0;
            FILE *fa = open_memstream(&a, &al), *fb = open_memstream(&b, &bl);
            jx_groups_print(fa, (enum jx_format)fmt, g);
            jx_groups_print(fb, (enum jx_format)fmt, &og);
            fclose(fa);
            fclose(fb);
            if (al != bl || memcmp(a, b, al)) {
                qs_print(q, what);
                fail_msg("group output differs in format %d", fmt);
            }
            free(a);
            free(b);
        }
        free(og.g);
    }
    for (size_t i = 0; i < nd; i++)
        free(k[i].k);
    free(k);
    free(buf);
    jx_groups_free(g);
}

static int i64cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void check_histogram(const struct dataset *d, const struct qspec *q,
                            const struct jx_filter *f, const size_t *m, size_t nm)
{
    const enum jx_hist_unit u = (enum jx_hist_unit)rndn(4);
    struct jx_histogram *h = NULL;
    struct jx_errctx err;
    if (jx_query_histogram(d->ix, f, &q->o, u, &h, NULL, &err)) {
        qs_print(q, err.msg);
        fail();
    }
    int64_t *b = malloc((nm ? nm : 1) * sizeof(int64_t));
    for (size_t i = 0; i < nm; i++)
        b[i] = jx_hist_bucket(d->ents[m[i]].ts, u);
    qsort(b, nm, sizeof(*b), i64cmp);
    struct jx_histogram oh = {0};
    oh.unit = u;
    oh.b = calloc(nm ? nm : 1, sizeof(*oh.b));
    for (size_t i = 0; i < nm; i++) {
        if (oh.n && oh.b[oh.n - 1].start == b[i]) {
            oh.b[oh.n - 1].count++;
            continue;
        }
        oh.b[oh.n].start = b[i];
        oh.b[oh.n++].count = 1;
    }
    oh.total = nm;
    bool same = h->n == oh.n && h->total == nm && h->unit == u;
    for (size_t i = 0; same && i < oh.n; i++)
        same = h->b[i].start == oh.b[i].start && h->b[i].count == oh.b[i].count;
    if (!same) {
        qs_print(q, "histogram");
        fail_msg("histogram unit %d: %zu buckets (oracle %zu), total %llu (%zu)", (int)u,
                 h->n, oh.n, (unsigned long long)h->total, nm);
    }
    const int fmt = (int)rndn(3);
    char *x = NULL, *y = NULL;
    size_t xl = 0, yl = 0;
    FILE *fx = open_memstream(&x, &xl), *fy = open_memstream(&y, &yl);
    jx_histogram_print(fx, (enum jx_format)fmt, h);
    jx_histogram_print(fy, (enum jx_format)fmt, &oh);
    fclose(fx);
    fclose(fy);
    if (xl != yl || memcmp(x, y, xl)) {
        qs_print(q, "histogram output");
        fail();
    }
    free(x);
    free(y);
    free(oh.b);
    free(b);
    jx_histogram_free(h);
}

/* One random query through both paths, every result kind. */
static void run_one(const struct dataset *d, size_t *m, int with_output)
{
    struct qspec q;
    struct jx_filter *f;
    struct jx_errctx err;
    do {
        random_query(d, &q);
    } while (!(f = qs_filter(&q)));

    size_t nm = 0;
    for (size_t i = 0; i < d->n; i++)
        if (jx_filter_match(f, &d->ents[i]))
            m[nm++] = i;
    /* delivery order: reversed, then cut */
    size_t *want = malloc((nm ? nm : 1) * sizeof(*want));
    for (size_t i = 0; i < nm; i++)
        want[i] = q.o.reverse ? m[nm - 1 - i] : m[i];
    size_t nwant = q.o.limit && nm > q.o.limit ? q.o.limit : nm;

    /* entries, field by field, and printed */
    struct cmp_ctx c = {.d = d, .want = want, .nwant = nwant};
    const int fmt = (int)rndn(3);
    char *a = NULL, *b = NULL;
    size_t al = 0, bl = 0;
    FILE *fa = NULL, *fb = NULL;
    struct jx_out *ob = NULL;
    const bool print = with_output && nwant <= 3000;
    if (print) {
        fa = open_memstream(&a, &al);
        fb = open_memstream(&b, &bl);
        assert_int_equal(jx_out_create(fa, (enum jx_format)fmt, jx_default_fields,
                                       jx_default_nfields, &c.out), JX_OK);
        assert_int_equal(jx_out_create(fb, (enum jx_format)fmt, jx_default_fields,
                                       jx_default_nfields, &ob), JX_OK);
    }
    struct jx_query_stats st;
    int rc = jx_query_entries(d->ix, f, &q.o, cmp_visit, &c, &st, &err);
    if (rc < 0) {
        qs_print(&q, err.msg);
        fail();
    }
    if (c.bad || c.got != nwant) {
        qs_print(&q, "entries");
        fail_msg("%s at result %zu; got %zu entries, oracle %zu", c.bad ? c.bad : "count",
                 c.bad_at, c.got, nwant);
    }
    st_queries++;
    st_nonempty += nm > 0;
    st_rows_read += st.rows_read > 0;
    st_col += st.rows_col > 0;
    st_segs_dict += st.segs_dict > 0;
    st_segs_manifest += st.segs_manifest > 0;
    if (st.rows_matched != nwant) {
        qs_print(&q, "stats");
        fail_msg("stats say %llu matched, %zu delivered", (unsigned long long)st.rows_matched,
                 nwant);
    }
    if (print) {
        for (size_t i = 0; i < nwant; i++)
            jx_out_entry(ob, &d->ents[want[i]]);
        jx_out_finish(c.out);
        jx_out_finish(ob);
        fclose(fa);
        fclose(fb);
        if (al != bl || memcmp(a, b, al)) {
            qs_print(&q, "formatted output");
            fail_msg("format %d output differs (%zu vs %zu bytes)", fmt, al, bl);
        }
        /* the same with only the fields the default columns need read
         * (jx_fields_mask(): what `jidx query` asks the cursors for), every
         * other query: the detail column must not miss a field it uses */
        if (st_queries % 2 == 0) {
            struct jx_query_opts mo = q.o;
            char *mb = NULL;
            size_t ml = 0;
            FILE *fm = open_memstream(&mb, &ml);
            struct jx_out *om;
            mo.mask = jx_fields_mask(jx_default_fields, jx_default_nfields);
            assert_int_equal(jx_out_create(fm, (enum jx_format)fmt, jx_default_fields,
                                           jx_default_nfields, &om), JX_OK);
            assert_int_equal(jx_query_entries(d->ix, f, &mo, out_visit, om, NULL, &err), 0);
            jx_out_finish(om);
            fclose(fm);
            if (ml != bl || memcmp(mb, b, ml)) {
                qs_print(&q, "formatted output, default fields' mask");
                fail_msg("format %d output differs (%zu vs %zu bytes)", fmt, ml, bl);
            }
            free(mb);
        }
        free(a);
        free(b);
    }

    /* count */
    uint64_t n = 0;
    if (jx_query_count(d->ix, f, &q.o, &n, &st, &err)) {
        qs_print(&q, err.msg);
        fail();
    }
    if (n != nm) {
        qs_print(&q, "count");
        fail_msg("count %llu, oracle %zu", (unsigned long long)n, nm);
    }
    check_groups(d, &q, f, m, nm);
    check_histogram(d, &q, f, m, nm);
    free(want);
    jx_filter_free(f);
}

static void run_many(void **state, size_t nq)
{
    const struct dataset *d = *state;
    size_t *m = malloc((d->n ? d->n : 1) * sizeof(*m));
    assert_non_null(m);
    assert_true(d->n > 0);
    assert_int_equal(jx_index_entries(d->ix), d->n);
    st_queries = st_nonempty = st_rows_read = st_segs_dict = st_segs_manifest = st_col = 0;
    for (size_t i = 0; i < nq; i++)
        run_one(d, m, (int)(i % 3 == 0));
    print_message("%s: %zu entries, %zu segments; %zu queries: %zu non-empty, %zu read rows, "
                  "%zu column checks, %zu pruned by dictionary, %zu by MANIFEST\n",
                  d->name, d->n, jx_index_nsegs(d->ix), st_queries, st_nonempty, st_rows_read,
                  st_col, st_segs_dict, st_segs_manifest);
    /* the random mix must exercise every path, or the test proves little */
    assert_true(st_nonempty > nq / 4);
    assert_true(st_rows_read > 0 && st_col > 0 && st_segs_dict > 0 && st_segs_manifest > 0);
    free(m);
}

static void test_query_shared_random(void **state) { run_many(state, 250 / QUERY_SCALE); }
static void test_query_gen_random(void **state) { run_many(state, 120 / QUERY_SCALE); }

/* ---- targeted checks ---------------------------------------------------------- */

static int count_visit(const struct jx_entry *e, void *arg)
{
    (void)e;
    (*(size_t *)arg)++;
    return 0;
}

static struct jx_filter *mkf(const char *name, const char *value)
{
    struct jx_filter *f;
    struct jx_errctx err;
    assert_int_equal(jx_filter_create(&f), JX_OK);
    if (name)
        assert_int_equal(jx_filter_add(f, name, value, &err), JX_OK);
    return f;
}

/* Dictionaries and counts decide without reading rows. */
static void test_query_pruning(void **state)
{
    const struct dataset *d = *state;
    struct jx_query_stats st;
    struct jx_errctx err;
    uint64_t n;
    size_t got = 0;
    const size_t nsegs = jx_index_nsegs(d->ix);

    struct jx_filter *f = mkf("system", "NOSUCH");
    assert_int_equal(jx_query_entries(d->ix, f, NULL, count_visit, &got, &st, &err), JX_OK);
    assert_int_equal(got, 0);
    assert_int_equal(st.segs_total, nsegs);
    assert_int_equal(st.segs_manifest, nsegs);
    /* decided from the MANIFEST: no block read */
    assert_int_equal(st.blocks + st.reads + st.read_bytes, 0);
    jx_filter_free(f);

    f = mkf("user", "NOSUCHUSER");
    assert_int_equal(jx_query_entries(d->ix, f, NULL, count_visit, &got, &st, &err), JX_OK);
    assert_int_equal(got, 0);
    assert_int_equal(st.segs_dict, nsegs);
    assert_int_equal(st.rows_read + st.rows_col, 0);
    jx_filter_free(f);

    /* a count on one indexed value: from the dictionaries' row counts */
    f = mkf("type", d->pool[P_TYPE].v[0]);
    assert_int_equal(jx_query_count(d->ix, f, NULL, &n, &st, &err), JX_OK);
    assert_true(n > 0);
    assert_int_equal(st.rows_read + st.rows_col, 0);
    jx_filter_free(f);
    assert_int_equal(jx_query_count(d->ix, NULL, NULL, &n, &st, &err), JX_OK);
    assert_int_equal(n, d->n);
    assert_int_equal(st.rows_read + st.rows_col, 0);

    /* group-by one indexed column without filters: counts only */
    struct jx_groups *g;
    const enum jx_field fu = JX_FLD_USER, fs = JX_FLD_SYSTEM;
    assert_int_equal(jx_query_group(d->ix, NULL, NULL, &fu, 1, 3, &g, &st, &err), JX_OK);
    assert_int_equal(g->total, d->n);
    assert_true(g->n <= 3);
    assert_int_equal(st.rows_read + st.rows_col, 0);
    jx_groups_free(g);
    assert_int_equal(jx_query_group(d->ix, NULL, NULL, &fs, 1, 0, &g, &st, &err), JX_OK);
    assert_int_equal(g->total, d->n);
    assert_int_equal(st.rows_read + st.rows_col, 0);
    jx_groups_free(g);

    /* a user and a type: rows come from postings; only matches are read */
    f = mkf("user", d->ents[d->n / 2].user);
    struct jx_errctx e2;
    assert_int_equal(jx_filter_add(f, "type", d->ents[d->n / 2].type, &e2), JX_OK);
    got = 0;
    assert_int_equal(jx_query_entries(d->ix, f, NULL, count_visit, &got, &st, &err), JX_OK);
    assert_true(got >= 1);
    assert_int_equal(st.rows_read, 0); /* decided from postings alone */
    /* rows were fetched: blocks were handed out, each read brought at
     * least one of them (or a dictionary/bloom loaded earlier served) */
    assert_true(st.blocks > 0 && st.reads > 0 && st.read_bytes >= st.reads);
    jx_filter_free(f);
}

/* --limit stops early: only the first units are looked at. */
static void test_query_limit_early(void **state)
{
    const struct dataset *d = *state;
    struct jx_query_stats st;
    struct jx_errctx err;
    struct jx_query_opts o = {0};
    size_t got = 0;
    o.limit = 1;
    o.threads = 1;
    assert_int_equal(jx_query_entries(d->ix, NULL, &o, count_visit, &got, &st, &err), JX_OK);
    assert_int_equal(got, 1);
    assert_int_equal(st.segs_read, 1);
    o.reverse = true;
    assert_int_equal(jx_query_entries(d->ix, NULL, &o, count_visit, &got, &st, &err), JX_OK);
    assert_int_equal(st.segs_read, 1);
}

/* Callback's non-zero value stops the query and comes back. */
static int stop_at_3(const struct jx_entry *e, void *arg)
{
    (void)e;
    return ++*(size_t *)arg == 3 ? 42 : 0;
}

static void test_query_callback_stop(void **state)
{
    const struct dataset *d = *state;
    struct jx_errctx err;
    struct jx_query_opts o = {0};
    for (int t = 1; t <= 3; t++) {
        size_t n = 0;
        o.threads = t;
        assert_int_equal(jx_query_entries(d->ix, NULL, &o, stop_at_3, &n, NULL, &err), 42);
        assert_int_equal(n, 3);
    }
}

static void test_query_hist_buckets(void **state)
{
    (void)state;
    const int64_t t = jx_ts_make(2023, 1, 25, 11, 16, 19, 5); /* a Wednesday */
    assert_true(jx_hist_bucket(t, JX_HIST_HOUR) == jx_ts_make(2023, 1, 25, 11, 0, 0, 0));
    assert_true(jx_hist_bucket(t, JX_HIST_DAY) == jx_ts_make(2023, 1, 25, 0, 0, 0, 0));
    assert_true(jx_hist_bucket(t, JX_HIST_WEEK) == jx_ts_make(2023, 1, 23, 0, 0, 0, 0));
    assert_true(jx_hist_bucket(t, JX_HIST_MONTH) == jx_ts_make(2023, 1, 1, 0, 0, 0, 0));
    assert_true(jx_hist_next(jx_ts_make(2023, 12, 1, 0, 0, 0, 0), JX_HIST_MONTH) ==
                jx_ts_make(2024, 1, 1, 0, 0, 0, 0));
    char lab[32];
    jx_hist_label(jx_ts_make(2023, 1, 25, 11, 0, 0, 0), JX_HIST_HOUR, lab, sizeof(lab));
    assert_string_equal(lab, "2023-01-25 11:00");
    jx_hist_label(jx_ts_make(2023, 1, 1, 0, 0, 0, 0), JX_HIST_MONTH, lab, sizeof(lab));
    assert_string_equal(lab, "2023-01");
    assert_int_equal(jx_hist_unit_parse("WEEK"), JX_HIST_WEEK);
    assert_int_equal(jx_hist_unit_parse("fortnight"), -1);
    /* printing fills the gaps between non-empty buckets with zeros */
    struct jx_hbucket b[2] = {{jx_ts_make(2023, 1, 1, 0, 0, 0, 0), 2},
                              {jx_ts_make(2023, 1, 4, 0, 0, 0, 0), 1}};
    struct jx_histogram h = {JX_HIST_DAY, b, 2, 3};
    char *s = NULL;
    size_t sl = 0;
    FILE *fp = open_memstream(&s, &sl);
    jx_histogram_print(fp, JX_FMT_CSV, &h);
    fclose(fp);
    assert_string_equal(
        s, "day,count\r\n2023-01-01,2\r\n2023-01-02,0\r\n2023-01-03,0\r\n2023-01-04,1\r\n");
    free(s);
}

/* A damaged segment fails the query with its file named, never skipped. */
static void test_query_damaged_segment(void **state)
{
    const struct dataset *d = *state;
    char *tmp = jx_test_tmpdir();
    char cmd[4096], path[2048];
    struct jx_index *ix;
    struct jx_errctx err;
    assert_non_null(tmp);
    snprintf(cmd, sizeof(cmd), "cp -r '%s' '%s/copy'", d->idx, tmp);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof(path), "%s/copy", tmp);
    assert_int_equal(jx_index_open(path, &ix, &err), JX_OK);
    const size_t victim = jx_index_nsegs(ix) / 2;
    const struct jx_seginfo *si = jx_index_seginfo(ix, victim);
    char seg[2200], name[64];
    snprintf(name, sizeof(name), "%s", si->file);
    snprintf(seg, sizeof(seg), "%s/%s", path, name);
    jx_index_close(ix);
    /* flip one byte in every 256 past the header: every block is hit */
    FILE *fp = fopen(seg, "r+b");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    for (long off = 300; off < size; off += 256) {
        fseek(fp, off, SEEK_SET);
        int ch = fgetc(fp);
        fseek(fp, off, SEEK_SET);
        fputc(ch ^ 0x5A, fp);
    }
    fclose(fp);
    assert_int_equal(jx_index_open(path, &ix, &err), JX_OK);
    size_t got = 0;
    jx_errctx_clear(&err);
    int rc = jx_query_entries(ix, NULL, NULL, count_visit, &got, NULL, &err);
    assert_true(rc < 0);
    if (!strstr(err.file, name) && !strstr(err.msg, name))
        fail_msg("error does not name segment %s: file '%s' msg '%s'", name, err.file, err.msg);
    uint64_t n;
    jx_errctx_clear(&err);
    struct jx_filter *all = mkf(NULL, NULL);
    rc = jx_query_count(ix, all, NULL, &n, NULL, &err);
    jx_filter_free(all);
    /* a plain count comes from the MANIFEST and needs no segment */
    assert_int_equal(rc, JX_OK);
    jx_index_close(ix);
    jx_test_rmtree(tmp);
    free(tmp);
}

static void test_query_missing_index(void **state)
{
    (void)state;
    struct jx_index *ix = NULL;
    struct jx_errctx err;
    assert_true(jx_index_open("/tmp/jidx-test-no-such-index", &ix, &err) < 0);
    assert_null(ix);
}

int main(void)
{
    const char *seed = getenv("JX_TEST_SEED");
    rng_state = seed ? strtoull(seed, NULL, 10) : 0x9E3779B97F4A7C15ull;
    if (!rng_state)
        rng_state = 1;
    rng_seed = rng_state;
    const struct CMUnitTest plain[] = {
        cmocka_unit_test(test_query_hist_buckets),
        cmocka_unit_test(test_query_missing_index),
        cmocka_unit_test_setup_teardown(test_query_shared_random, setup_273, teardown),
        cmocka_unit_test_setup_teardown(test_query_shared_random, setup_500, teardown),
    };
    /* data sets built once per group: ingest and oracle decoding are the
     * expensive part under the sanitizers */
    const struct CMUnitTest on37[] = {
        cmocka_unit_test(test_query_shared_random),
        cmocka_unit_test(test_query_pruning),
        cmocka_unit_test(test_query_limit_early),
        cmocka_unit_test(test_query_callback_stop),
        cmocka_unit_test(test_query_damaged_segment),
    };
    const struct CMUnitTest onclock[] = {
        cmocka_unit_test(test_query_ts_sorted_flag),
        cmocka_unit_test(test_query_shared_random),
    };
    const struct CMUnitTest ongen[] = {
        cmocka_unit_test(test_query_ts_sorted_flag),
        cmocka_unit_test(test_query_gen_random),
        cmocka_unit_test(test_query_pruning),
        cmocka_unit_test(test_query_limit_early),
    };
    int failed = cmocka_run_group_tests_name("query", plain, NULL, NULL);
    failed += cmocka_run_group_tests_name("query-ccsid37", on37, setup_37, teardown);
    failed += cmocka_run_group_tests_name("query-clock-back", onclock, setup_clock_back,
                                          teardown);
    failed += cmocka_run_group_tests_name("query-generated", ongen, setup_gen, teardown);
    return failed ? 1 : 0;
}
