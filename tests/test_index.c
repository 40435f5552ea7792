/*
 * tests/test_index.c - the index writer/reader and the ingest pipeline
 * against the brute-force oracle: every entry read back through cursors
 * must equal, field for field and in canonical order, what jx_plan_scan()
 * decodes straight from the receivers. Plus: byte-identical output for 1
 * and N threads, append and re-ingest, dictionaries/postings/blooms against
 * brute-force counts, lock, permissions, corruption detection, and the
 * abort-before-MANIFEST hook. Data: the shared sample chains (600 entries
 * each), and a generated chain when `jidx gen` is available.
 */
#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "recbuild.h"

#include "chain.h"
#include "fields.h"
#include "gen.h"
#include "index.h"
#include "ingest.h"
#include "writer.h"
#include "seg_int.h" /* test_index_raw_probe reads frame tables */
#include "bitpack.h"

static const char *const sets[] = {"ccsid37-fixed", "ccsid273-varlen", "ccsid500-varlen608"};
static const int set_ccsid[] = {37, 273, 500};

/* ---- helpers ------------------------------------------------------------ */

static void set_dirs(size_t k, const char *sys, char *a, char *b, size_t cap)
{
    const char *d = jx_test_shared_data();
    assert_non_null(d);
    snprintf(a, cap, "%s/%s/%s", d, sets[k], sys ? sys : "SYSA");
    snprintf(b, cap, "%s/%s/SYSB", d, sets[k]);
}

static int do_ingest(const char *ix, char **in, size_t n, int ccsid, int threads,
                     struct jx_ingest_stats *st, struct jx_errctx *err)
{
    struct jx_ingest_opts o;
    memset(&o, 0, sizeof(o));
    o.threads = threads;
    o.ro.shape = JX_ESD_AUTO;
    o.ro.ccsid = ccsid;
    o.commit_every = 150; /* exercise intermediate commits on small data */
    return jx_ingest(ix, in, n, &o, st, err);
}

static int entry_equal(const struct jx_entry *a, const struct jx_entry *b, char *why,
                       size_t cap)
{
    return !jx_test_entry_diff(a, b, why, cap);
}

/* Walks the index in lockstep with jx_plan_scan(). */
struct lockstep {
    struct jx_index *ix;
    size_t seg;
    uint64_t row, n;
    struct jx_seg *s;
    struct jx_cursor *c;
    struct jx_entry *e;
    char why[256];
};

static int lockstep_visit(const struct jx_entry *want, void *arg)
{
    struct lockstep *L = arg;
    struct jx_errctx err;
    while (!L->s || L->row == jx_seg_nrows(L->s)) {
        jx_cursor_close(L->c);
        L->c = NULL;
        if (L->s)
            L->seg++;
        if (L->seg >= jx_index_nsegs(L->ix)) {
            snprintf(L->why, sizeof(L->why), "index has fewer entries than the oracle");
            return 1;
        }
        if (jx_index_seg(L->ix, L->seg, &L->s, &err) || jx_cursor_open(L->s, &L->c)) {
            snprintf(L->why, sizeof(L->why), "segment %zu: %.200s", L->seg, err.msg);
            return 1;
        }
        L->row = 0;
    }
    memset(L->e, 0x5a, sizeof(*L->e));
    if (jx_cursor_read(L->c, L->row, JX_FM_ALL, L->e, &err)) {
        snprintf(L->why, sizeof(L->why), "read: %.200s", err.msg);
        return 1;
    }
    char w[200];
    if (!entry_equal(want, L->e, w, sizeof(w))) {
        snprintf(L->why, sizeof(L->why), "entry %llu (segment %zu row %llu): %s",
                 (unsigned long long)L->n, L->seg, (unsigned long long)L->row, w);
        return 1;
    }
    L->row++;
    L->n++;
    return 0;
}

/* Every entry of `ixdir` equals the oracle over `in`, in order. */
static void check_oracle(const char *ixdir, char **in, size_t n, int ccsid)
{
    struct jx_rcvopts ro = {0, JX_ESD_AUTO, ccsid, NULL};
    struct jx_rcvfile **files;
    size_t nfiles;
    struct jx_plan *plan;
    struct jx_plan_opts po = {false, 1, NULL};
    struct jx_errctx err;
    struct lockstep L;
    memset(&L, 0, sizeof(L));
    assert_int_equal(jx_open_inputs(in, n, &ro, &files, &nfiles, &err), 0);
    assert_int_equal(jx_plan_build(files, nfiles, &po, &plan, &err), 0);
    assert_int_equal(jx_index_open(ixdir, &L.ix, &err), 0);
    L.e = malloc(sizeof(*L.e));
    int rc = jx_plan_scan(plan, lockstep_visit, &L, &err);
    if (rc)
        fail_msg("oracle mismatch: %s", L.why);
    assert_int_equal(L.n, plan->entries);
    assert_int_equal(jx_index_entries(L.ix), plan->entries);
    /* and nothing left over */
    if (L.s)
        assert_int_equal(L.row, jx_seg_nrows(L.s));
    assert_int_equal(L.seg + 1, jx_index_nsegs(L.ix));
    /* receivers in the MANIFEST match the plan */
    assert_int_equal(jx_index_nreceivers(L.ix), plan->nrcv);
    for (size_t i = 0; i < plan->nrcv; i++) {
        const struct jx_rcvsummary *r = jx_index_receiver(L.ix, i);
        assert_string_equal(r->receiver, plan->rcv[i].receiver);
        assert_string_equal(r->system, plan->rcv[i].system);
        assert_int_equal(r->first_seq, plan->rcv[i].first_seq);
        assert_int_equal(r->last_seq, plan->rcv[i].last_seq);
        assert_int_equal(r->entries, plan->rcv[i].count);
    }
    jx_cursor_close(L.c);
    free(L.e);
    jx_index_close(L.ix);
    jx_plan_free(plan);
    jx_close_inputs(files, nfiles);
}

static void verify_all(const char *ixdir)
{
    struct jx_index *ix;
    struct jx_errctx err;
    struct jx_verify_stats vs;
    memset(&vs, 0, sizeof(vs));
    assert_int_equal(jx_index_open(ixdir, &ix, &err), 0);
    if (jx_index_verify_manifest(ix, &err))
        fail_msg("verify manifest: %s", err.msg);
    for (size_t i = 0; i < jx_index_nsegs(ix); i++)
        if (jx_index_verify_seg(ix, i, &vs, &err))
            fail_msg("verify %s: %s", err.file, err.msg);
    assert_int_equal(vs.rows, jx_index_entries(ix));
    jx_index_close(ix);
}


/* The two index directories hold the same files with the same bytes. */
static void assert_same_dirs(const char *a, const char *b)
{
    DIR *d = opendir(a);
    struct dirent *de;
    size_t na = 0, nb = 0;
    assert_non_null(d);
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char pa[1200], pb[1200];
        size_t la, lb;
        snprintf(pa, sizeof(pa), "%s/%s", a, de->d_name);
        snprintf(pb, sizeof(pb), "%s/%s", b, de->d_name);
        uint8_t *x = jx_test_read_file(pa, &la), *y = jx_test_read_file(pb, &lb);
        if (la != lb || memcmp(x, y, la))
            fail_msg("%s differs between the two indexes", de->d_name);
        free(x);
        free(y);
        na++;
    }
    closedir(d);
    d = opendir(b);
    while ((de = readdir(d)))
        nb += de->d_name[0] != '.';
    closedir(d);
    assert_int_equal(na, nb);
}

/* ---- tests --------------------------------------------------------------- */

static void test_index_oracle_threads(void **state)
{
    (void)state;
    for (size_t k = 0; k < JX_ARRAY_SIZE(sets); k++) {
        char a[600], b[600], i1[700], i3[700];
        char *in[2] = {a, b};
        struct jx_ingest_stats st;
        struct jx_errctx err;
        char *tmp = jx_test_tmpdir();
        set_dirs(k, NULL, a, b, sizeof(a));
        snprintf(i1, sizeof(i1), "%s/one", tmp);
        snprintf(i3, sizeof(i3), "%s/three", tmp);
        if (do_ingest(i1, in, 2, set_ccsid[k], 1, &st, &err))
            fail_msg("ingest: %s", err.msg);
        assert_int_equal(st.entries, 600);
        assert_int_equal(st.receivers_new, 10);
        assert_true(st.commits >= 2); /* commit_every 150: intermediate commits */
        if (do_ingest(i3, in, 2, set_ccsid[k], 3, &st, &err))
            fail_msg("ingest: %s", err.msg);
        assert_same_dirs(i1, i3);
        check_oracle(i1, in, 2, set_ccsid[k]);
        verify_all(i1);
        jx_test_rmtree(tmp);
        free(tmp);
    }
}

/* Descriptors of the process (entries of /proc/self/fd). */
static size_t open_fds(void)
{
    size_t n = 0;
    DIR *d = opendir("/proc/self/fd");
    assert_non_null(d);
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

struct fdcap_arg {
    struct jx_index *ix;
    const struct jx_entry *want; /* every row of every segment, in order */
    size_t bad;
};

/* Read every row of every segment, a few rows of one segment then the next
 * (round robin: each segment's file closed and reopened many times). */
static void *fdcap_reader(void *arg)
{
    struct fdcap_arg *A = arg;
    const size_t nseg = jx_index_nsegs(A->ix);
    struct jx_cursor **c = calloc(nseg, sizeof(*c));
    uint64_t *base = calloc(nseg, sizeof(*base)), *rows = calloc(nseg, sizeof(*rows)), left = 0;
    struct jx_entry *e = malloc(sizeof(*e));
    struct jx_errctx err;
    char why[256];
    for (size_t i = 0; i < nseg; i++) {
        struct jx_seg *s;
        if (jx_index_seg_cols(A->ix, i, 0, 0, &s, &err) || jx_cursor_open(s, &c[i])) {
            A->bad++;
            continue;
        }
        base[i] = left;
        rows[i] = jx_seg_nrows(s);
        left += rows[i];
    }
    for (uint64_t r = 0; r < 64; r += 7)
        for (size_t i = 0; i < nseg; i++) {
            for (uint64_t k = r; c[i] && k < r + 7 && k < rows[i]; k++)
                if (jx_cursor_read(c[i], k, JX_FM_ALL, e, &err) ||
                    jx_test_entry_diff(&A->want[base[i] + k], e, why, sizeof(why)))
                    A->bad++;
        }
    for (size_t i = 0; i < nseg; i++)
        jx_cursor_close(c[i]);
    free(c);
    free(base);
    free(rows);
    free(e);
    return NULL;
}

/* An index of more segments than it may keep files open
 * (jx_index_set_max_open): every row still reads back as the oracle and as
 * with all files open, from 1 and 4 threads at once, verify passes, and
 * the process never holds more descriptors than the cap allows. */
static void test_index_fd_cap(void **state)
{
    (void)state;
    char a[600], b[600], ixd[700];
    char *in[2] = {a, b};
    struct jx_ingest_stats st;
    struct jx_errctx err;
    struct jx_ingest_opts o;
    char *tmp = jx_test_tmpdir();
    set_dirs(0, NULL, a, b, sizeof(a));
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    memset(&o, 0, sizeof(o));
    o.threads = 2;
    o.ro.shape = JX_ESD_AUTO;
    o.ro.ccsid = 37;
    o.segment_rows = 20; /* 600 entries: 30+ segments */
    assert_int_equal(jx_ingest(ixd, in, 2, &o, &st, &err), 0);
    assert_true(st.segments >= 30);

    /* every row with all files open: the reference */
    struct jx_index *ix;
    assert_int_equal(jx_index_open(ixd, &ix, &err), 0);
    const size_t nseg = jx_index_nsegs(ix);
    struct jx_entry *want = calloc(jx_index_entries(ix), sizeof(*want));
    uint64_t at = 0;
    for (size_t i = 0; i < nseg; i++) {
        struct jx_seg *s;
        struct jx_cursor *c;
        assert_int_equal(jx_index_seg_cols(ix, i, 0, 0, &s, &err), 0);
        assert_int_equal(jx_cursor_open(s, &c), 0);
        for (uint64_t r = 0; r < jx_seg_nrows(s); r++, at++) {
            assert_int_equal(jx_cursor_read(c, r, JX_FM_ALL, &want[at], &err), 0);
            uint8_t *esd = malloc(want[at].esd_avail + 1); /* the cursor's is not ours */
            memcpy(esd, want[at].esd, want[at].esd_avail);
            want[at].esd = esd;
        }
        jx_cursor_close(c);
    }
    jx_index_close(ix);

    const size_t fds0 = open_fds();
    jx_index_set_max_open(3);
    check_oracle(ixd, in, 2, 37);
    verify_all(ixd);
    for (int threads = 1; threads <= 4; threads += 3) {
        assert_int_equal(jx_index_open(ixd, &ix, &err), 0);
        pthread_t t[4];
        struct fdcap_arg A[4];
        for (int k = 0; k < threads; k++) {
            A[k] = (struct fdcap_arg){ix, want, 0};
            assert_int_equal(pthread_create(&t[k], NULL, fdcap_reader, &A[k]), 0);
        }
        for (int k = 0; k < threads; k++) {
            pthread_join(t[k], NULL);
            assert_int_equal(A[k].bad, 0);
        }
        /* at most 3 files open (one more per thread while reads are in
         * flight; none now) */
        assert_true(open_fds() <= fds0 + 3);
        jx_index_close(ix);
        assert_int_equal(open_fds(), fds0);
    }
    jx_index_set_max_open(0);
    for (uint64_t i = 0; i < at; i++)
        free((void *)want[i].esd);
    free(want);
    jx_test_rmtree(tmp);
    free(tmp);
}

/* Dictionaries, counts, postings and blooms against brute force. */
static void test_index_dict_postings(void **state)
{
    (void)state;
    char a[600], b[600], ixd[700];
    char *in[2] = {a, b};
    struct jx_ingest_stats st;
    struct jx_errctx err;
    struct jx_index *ix;
    char *tmp = jx_test_tmpdir();
    set_dirs(0, NULL, a, b, sizeof(a));
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    assert_int_equal(do_ingest(ixd, in, 2, 37, 2, &st, &err), 0);
    assert_int_equal(jx_index_open(ixd, &ix, &err), 0);
    for (size_t i = 0; i < jx_index_nsegs(ix); i++) {
        struct jx_seg *s;
        struct jx_cursor *c;
        assert_int_equal(jx_index_seg(ix, i, &s, &err), 0);
        assert_int_equal(jx_cursor_open(s, &c), 0);
        const uint64_t n = jx_seg_nrows(s);
        uint32_t *ids = calloc(n, sizeof(uint32_t));
        uint64_t *bits = calloc((n + 63) / 64, 8), *want = calloc((n + 63) / 64, 8);
        for (int col = 0; col < JX_COL_COUNT_; col++) {
            const uint32_t nd = jx_seg_dict_count(s, col);
            assert_true(nd >= 1);
            for (uint32_t v = 1; v < nd; v++)
                assert_true(strcmp(jx_seg_dict_str(s, col, v - 1), jx_seg_dict_str(s, col, v)) < 0);
            assert_int_equal(jx_cursor_dict_ids(c, col, 0, (uint32_t)n, ids, &err), 0);
            for (uint32_t v = 0; v < nd; v++) {
                uint64_t cnt = 0;
                memset(want, 0, (n + 63) / 64 * 8);
                for (uint64_t r = 0; r < n; r++)
                    if (ids[r] == v) {
                        cnt++;
                        want[r / 64] |= 1ull << (r % 64);
                    }
                assert_int_equal(cnt, jx_seg_value_rows(s, col, v));
                uint32_t found = UINT32_MAX;
                assert_int_equal(jx_seg_dict_find(s, col, jx_seg_dict_str(s, col, v), &found), 0);
                assert_int_equal(found, v);
                if (jx_col_has_postings(col)) {
                    memset(bits, 0, (n + 63) / 64 * 8);
                    assert_int_equal(jx_seg_postings_or(s, col, v, bits, &err), 0);
                    assert_memory_equal(bits, want, (n + 63) / 64 * 8);
                }
            }
            uint32_t dummy;
            assert_int_equal(jx_seg_dict_find(s, col, "\x7f no such value", &dummy), JX_E_NOTFOUND);
            /* a prefix range holds exactly the values with that prefix */
            const char *first = jx_seg_dict_str(s, col, 0);
            char pre[3] = {first[0], 0, 0};
            uint32_t lo, hi, m = 0;
            jx_seg_dict_prefix(s, col, pre, &lo, &hi);
            for (uint32_t v = 0; v < nd; v++)
                if (!strncmp(jx_seg_dict_str(s, col, v), pre, strlen(pre))) {
                    assert_true(v >= lo && v < hi);
                    m++;
                }
            assert_int_equal(m, hi - lo);
        }
        /* blooms: every present value says maybe */
        struct jx_entry *e = malloc(sizeof(*e));
        for (uint64_t r = 0; r < n; r++) {
            char jn[16];
            assert_int_equal(jx_cursor_read(c, r, JX_FM_ALL, e, &err), 0);
            snprintf(jn, sizeof(jn), "%06u", e->job_number);
            assert_true(jx_seg_bloom_maybe(s, JX_BLOOM_JOB_NUMBER, jn));
            assert_true(jx_seg_bloom_maybe(s, JX_BLOOM_REMOTE_ADDR, e->remote_addr));
            assert_true(jx_seg_bloom_maybe(s, JX_BLOOM_PATH, e->path));
        }
        /* and mostly no for absent ones */
        int maybe = 0;
        for (int t = 0; t < 200; t++) {
            char v[32];
            snprintf(v, sizeof(v), "absent-%d", t);
            maybe += jx_seg_bloom_maybe(s, JX_BLOOM_PATH, v);
        }
        assert_true(maybe < 20);
        free(e);
        free(ids);
        free(bits);
        free(want);
        jx_cursor_close(c);
    }
    jx_index_close(ix);
    jx_test_rmtree(tmp);
    free(tmp);
}

static void test_index_append_reingest(void **state)
{
    (void)state;
    char a[600], b[600], ixd[700];
    char *in[2] = {a, b};
    struct jx_ingest_stats st;
    struct jx_errctx err;
    char *tmp = jx_test_tmpdir();
    set_dirs(1, NULL, a, b, sizeof(a));
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    /* SYSB first, then SYSA: SYSA's segments must come first afterwards */
    assert_int_equal(do_ingest(ixd, in + 1, 1, 273, 2, &st, &err), 0);
    assert_int_equal(st.receivers_new, 5);
    assert_int_equal(do_ingest(ixd, in, 1, 273, 2, &st, &err), 0);
    assert_int_equal(st.receivers_new, 5);
    assert_int_equal(st.index_entries, 600);
    check_oracle(ixd, in, 2, 273);
    /* again, everything: nothing new, said so, and the files are unchanged */
    char mf[800];
    size_t l1, l2;
    snprintf(mf, sizeof(mf), "%s/MANIFEST", ixd);
    uint8_t *before = jx_test_read_file(mf, &l1);
    assert_int_equal(do_ingest(ixd, in, 2, 273, 2, &st, &err), 0);
    assert_int_equal(st.receivers_new, 0);
    assert_int_equal(st.receivers_skipped, 10);
    assert_int_equal(st.entries, 0);
    assert_int_equal(st.index_entries, 600);
    uint8_t *after = jx_test_read_file(mf, &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(before, after, l1);
    free(before);
    free(after);
    check_oracle(ixd, in, 2, 273);
    verify_all(ixd);
    jx_test_rmtree(tmp);
    free(tmp);
}

static void test_index_lock(void **state)
{
    (void)state;
    char a[600], b[600], ixd[700];
    char *in[1] = {a};
    struct jx_ingest_stats st;
    struct jx_errctx err;
    struct jx_index_writer *w1, *w2;
    char *tmp = jx_test_tmpdir();
    set_dirs(0, NULL, a, b, sizeof(a));
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    assert_int_equal(jx_writer_open(ixd, &w1, &err), 0);
    assert_int_equal(jx_writer_open(ixd, &w2, &err), JX_E_LOCKED);
    assert_non_null(strstr(err.msg, "locked"));
    assert_int_equal(do_ingest(ixd, in, 1, 37, 1, &st, &err), JX_E_LOCKED);
    jx_writer_close(w1);
    assert_int_equal(do_ingest(ixd, in, 1, 37, 1, &st, &err), 0);
    /* readers never lock */
    assert_int_equal(jx_writer_open(ixd, &w1, &err), 0);
    struct jx_index *ix;
    assert_int_equal(jx_index_open(ixd, &ix, &err), 0);
    jx_index_close(ix);
    jx_writer_close(w1);
    jx_test_rmtree(tmp);
    free(tmp);
}

static void test_index_permissions(void **state)
{
    (void)state;
    char a[600], b[600], ixd[700];
    char *in[1] = {a};
    struct jx_ingest_stats st;
    struct jx_errctx err;
    char *tmp = jx_test_tmpdir();
    set_dirs(0, NULL, a, b, sizeof(a));
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    mode_t old = umask(0);   /* even with a permissive umask */
    int rc = do_ingest(ixd, in, 1, 37, 1, &st, &err);
    umask(old);
    assert_int_equal(rc, 0);
    struct stat sb;
    assert_int_equal(stat(ixd, &sb), 0);
    assert_int_equal(sb.st_mode & 077, 0);
    DIR *d = opendir(ixd);
    struct dirent *de;
    int n = 0;
    while ((de = readdir(d))) {
        char p[1200];
        if (de->d_name[0] == '.')
            continue;
        snprintf(p, sizeof(p), "%s/%s", ixd, de->d_name);
        assert_int_equal(stat(p, &sb), 0);
        if (sb.st_mode & 077)
            fail_msg("%s is readable by others (mode %o)", p, sb.st_mode & 0777);
        n++;
    }
    closedir(d);
    assert_true(n >= 3);
    jx_test_rmtree(tmp);
    free(tmp);
}

/* "block N " for the directory entry of the block stored at file offset
 * `at` of segment file `path` (doc/format.md §3.1-3.2: ndir at 60, the
 * directory's offset at 64, 40-byte entries with the offset at 16). */
static void block_name_at(const char *path, uint64_t at, char *buf, size_t cap)
{
    size_t n;
    uint8_t *f = jx_test_read_file(path, &n);
    assert_non_null(f);
    uint64_t ndir = 0, doff = 0, off;
    for (int k = 3; k >= 0; k--)
        ndir = ndir << 8 | f[60 + k];
    for (int k = 7; k >= 0; k--)
        doff = doff << 8 | f[64 + k];
    buf[0] = '\0';
    for (uint64_t i = 0; i < ndir; i++) {
        off = 0;
        for (int k = 7; k >= 0; k--)
            off = off << 8 | f[doff + 40 * i + 16 + k];
        if (off == at)
            snprintf(buf, cap, "block %llu ", (unsigned long long)i);
    }
    assert_true(buf[0] != '\0');
    free(f);
}

/* Flip one byte inside a data block: verify and the cursor both catch it,
 * naming the segment file and the block. */
static void test_index_corruption(void **state)
{
    (void)state;
    char a[600], b[600], ixd[700], seg[900];
    char *in[1] = {a};
    struct jx_ingest_stats st;
    struct jx_errctx err;
    struct jx_index *ix;
    struct jx_seg *s;
    char *tmp = jx_test_tmpdir();
    set_dirs(0, NULL, a, b, sizeof(a));
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    assert_int_equal(do_ingest(ixd, in, 1, 37, 1, &st, &err), 0);
    assert_int_equal(jx_index_open(ixd, &ix, &err), 0);
    snprintf(seg, sizeof(seg), "%s/%s", ixd, jx_index_seginfo(ix, 0)->file);
    jx_index_close(ix);
    int fd = open(seg, O_RDWR);
    assert_true(fd >= 0);
    uint8_t byte;
    const off_t at = 256 + 3; /* inside the first block */
    char bname[64];
    block_name_at(seg, 256, bname, sizeof(bname));
    assert_int_equal(pread(fd, &byte, 1, at), 1);
    byte ^= 0x40;
    assert_int_equal(pwrite(fd, &byte, 1, at), 1);
    close(fd);
    assert_int_equal(jx_index_open(ixd, &ix, &err), 0);
    struct jx_verify_stats vs;
    memset(&vs, 0, sizeof(vs));
    assert_int_equal(jx_index_verify_seg(ix, 0, &vs, &err), JX_E_CHECKSUM);
    assert_non_null(strstr(err.file, jx_index_seginfo(ix, 0)->file));
    assert_non_null(strstr(err.msg, bname));
    assert_int_equal(jx_index_verify_seg(ix, 1, &vs, &err), 0);
    assert_int_equal(jx_index_seg(ix, 0, &s, &err), 0); /* header is intact */
    struct jx_cursor *c;
    struct jx_entry *e = malloc(sizeof(*e));
    assert_int_equal(jx_cursor_open(s, &c), 0);
    /* reading the damaged column fails with the checksum error; the other
     * columns still read */
    int bad = 0, good = 0;
    for (unsigned m = 1; m < JX_FM_ALL; m <<= 1) {
        int r0 = 0;
        for (uint64_t r = 0; r < jx_seg_nrows(s) && !r0; r++)
            r0 = jx_cursor_read(c, r, m, e, &err);
        if (r0) {
            assert_int_equal(r0, JX_E_CHECKSUM);
            assert_non_null(strstr(err.msg, "checksum"));
            assert_non_null(strstr(err.msg, bname));
            bad++;
        } else {
            good++;
        }
    }
    assert_int_equal(bad, 1);
    assert_true(good >= 10);
    jx_cursor_close(c);
    free(e);
    jx_index_close(ix);
    /* a damaged header is caught at open */
    fd = open(seg, O_RDWR);
    assert_int_equal(pwrite(fd, "X", 1, 20), 1);
    close(fd);
    assert_int_equal(jx_index_open(ixd, &ix, &err), 0);
    assert_int_equal(jx_index_seg(ix, 0, &s, &err), JX_E_CHECKSUM);
    jx_index_close(ix);
    jx_test_rmtree(tmp);
    free(tmp);
}

/* A writer killed between the segment writes and the MANIFEST rename leaves
 * the previous index valid; the next writer removes the orphans. */
static void test_index_abort_hook(void **state)
{
    (void)state;
    char a[600], b[600], ixd[700];
    char *in[2] = {a, b};
    struct jx_ingest_stats st;
    struct jx_errctx err;
    char *tmp = jx_test_tmpdir();
    set_dirs(2, NULL, a, b, sizeof(a));
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    assert_int_equal(do_ingest(ixd, in, 1, 500, 2, &st, &err), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("JX_TEST_ABORT_BEFORE_MANIFEST", "1", 1);
        freopen("/dev/null", "w", stderr);
        struct jx_ingest_opts o;
        memset(&o, 0, sizeof(o));
        o.ro.ccsid = 500;
        o.threads = 2;
        jx_ingest(ixd, in + 1, 1, &o, &st, &err);
        _exit(0); /* not reached if the hook works */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
    /* the previous index is intact and complete */
    check_oracle(ixd, in, 1, 500);
    verify_all(ixd);
    /* the aborted run left orphan segments; the next ingest cleans up */
    DIR *d = opendir(ixd);
    struct dirent *de;
    int files_before = 0;
    while ((de = readdir(d)))
        files_before += strstr(de->d_name, ".jxs") != NULL;
    closedir(d);
    assert_true(files_before > 5);
    assert_int_equal(do_ingest(ixd, in, 2, 500, 2, &st, &err), 0);
    assert_int_equal(st.receivers_new, 5);
    assert_int_equal(st.receivers_skipped, 5);
    check_oracle(ixd, in, 2, 500);
    verify_all(ixd);
    d = opendir(ixd);
    int files = 0;
    while ((de = readdir(d)))
        files += strstr(de->d_name, ".jxs") != NULL || !strcmp(de->d_name, "MANIFEST.tmp");
    closedir(d);
    assert_int_equal(files, 10);
    jx_test_rmtree(tmp);
    free(tmp);
}

static void test_index_errors(void **state)
{
    (void)state;
    struct jx_index *ix;
    struct jx_errctx err;
    char *tmp = jx_test_tmpdir();
    char p[700];
    snprintf(p, sizeof(p), "%s/none", tmp);
    assert_int_equal(jx_index_open(p, &ix, &err), JX_E_NOTFOUND);
    assert_int_equal(jx_index_open(tmp, &ix, &err), JX_E_NOTFOUND);
    assert_non_null(strstr(err.msg, "MANIFEST"));
    /* a damaged MANIFEST */
    snprintf(p, sizeof(p), "%s/MANIFEST", tmp);
    FILE *f = fopen(p, "wb");
    char junk[200];
    memset(junk, 'x', sizeof(junk));
    memcpy(junk, "JIDXMAN\0\1\0\0\0", 12);
    fwrite(junk, 1, sizeof(junk), f);
    fclose(f);
    int rc = jx_index_open(tmp, &ix, &err);
    assert_true(rc == JX_E_CHECKSUM || rc == JX_E_CORRUPT);
    jx_test_rmtree(tmp);
    free(tmp);
}


/* Rows read in random order with random field masks equal the rows read
 * in order (exercises the cursor's partial block decoding both ways). */
static void check_random_access(const char *ixdir)
{
    struct jx_index *ix;
    struct jx_errctx err;
    struct jx_entry *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
    char why[256];
    unsigned seed = 12345;
    assert_int_equal(jx_index_open(ixdir, &ix, &err), 0);
    for (size_t i = 0; i < jx_index_nsegs(ix); i++) {
        struct jx_seg *s;
        struct jx_cursor *ca, *cb;
        assert_int_equal(jx_index_seg(ix, i, &s, &err), 0);
        assert_int_equal(jx_cursor_open(s, &cb), 0);
        const uint64_t n = jx_seg_nrows(s);
        for (int k = 0; k < 300; k++) {
            seed = seed * 1103515245u + 12345u;
            const uint64_t row = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            const unsigned mask = ((seed >> 4) & JX_FM_ALL) | JX_FM_SEQ;
            assert_int_equal(jx_cursor_open(s, &ca), 0);
            /* ca stays open until the comparison: a->esd points into it */
            assert_int_equal(jx_cursor_read(ca, row, JX_FM_ALL, a, &err), 0);
            *b = *a;
            b->seq = 0;
            b->ts = 0;
            b->job_number = 0;
            b->remote_port = 0;
            b->esd_avail = 0;
            b->user[0] = 0;
            if (jx_cursor_read(cb, row, mask, b, &err))
                fail_msg("random read: %s", err.msg);
            if (!(mask & JX_FM_TS)) b->ts = a->ts;
            if (!(mask & JX_FM_JOB)) b->job_number = a->job_number;
            if (!(mask & JX_FM_REMOTE)) b->remote_port = a->remote_port;
            if (!(mask & JX_FM_ESD)) b->esd_avail = a->esd_avail;
            if (!(mask & JX_FM_USER)) strcpy(b->user, a->user);
            if (!entry_equal(a, b, why, sizeof(why)))
                fail_msg("segment %zu row %llu mask %x: %s", i, (unsigned long long)row, mask, why);
            jx_cursor_close(ca);
        }
        /* batch readers agree with row reads */
        uint32_t ids[700];
        int64_t ts[700];
        const uint32_t m = (uint32_t)JX_MIN(n, (uint64_t)700);
        const uint64_t from = n - m;
        assert_int_equal(jx_cursor_dict_ids(cb, JX_COL_USER, from, m, ids, &err), 0);
        assert_int_equal(jx_cursor_ts(cb, from, m, ts, &err), 0);
        for (uint32_t r = 0; r < m; r += 37) {
            assert_int_equal(jx_cursor_read(cb, from + r, JX_FM_USER | JX_FM_TS, a, &err), 0);
            assert_string_equal(a->user, jx_seg_dict_str(s, JX_COL_USER, ids[r]));
            assert_int_equal(a->ts, ts[r]);
        }
        assert_int_equal(jx_cursor_read(cb, n, JX_FM_SEQ, a, &err), JX_E_RANGE);
        jx_cursor_close(cb);
    }
    jx_index_close(ix);
    free(a);
    free(b);
}

/* The ingest build pass's decoder (jx_rcvdec_decode_trusted, one context
 * carried from record to record as in a worker) gives exactly what the
 * context-less jx_rcvfile_decode() gives, record after record; so does the
 * validating form with a context (jx_rcvdec_decode), and jx_rcvdec_key()
 * agrees with jx_rcvfile_key() on every field and on every error. The
 * trusted and key decoders read through windows (as ingest does) of 3 and
 * of 1 record(s), so every record also crosses a window boundary. */
static void check_fastdec(char **in, size_t n, const struct jx_rcvopts *ro)
{
    struct jx_rcvfile **files;
    size_t nfiles;
    struct jx_errctx err, err2;
    struct jx_entry *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b)), *c = malloc(sizeof(*c));
    struct jx_rcvdec *td = malloc(sizeof(*td)), *vd = malloc(sizeof(*vd)), *kd = malloc(sizeof(*kd));
    char why[256];
    uint64_t checked = 0;
    uint8_t *twin = NULL, *kwin = NULL;
    assert_int_equal(jx_open_inputs(in, n, ro, &files, &nfiles, &err), 0);
    for (size_t f = 0; f < nfiles; f++) {
        const size_t rl = jx_rcvfile_reclen(files[f]);
        twin = realloc(twin, 3 * rl + 17);
        kwin = realloc(kwin, rl);
        assert_non_null(twin);
        assert_non_null(kwin);
        jx_rcvdec_init(td, files[f]);
        jx_rcvdec_window(td, twin, 3 * rl + 17);
        jx_rcvdec_init(vd, files[f]);
        jx_rcvdec_init(kd, files[f]);
        jx_rcvdec_window(kd, kwin, rl);
        memset(b, 0x33, sizeof(*b));
        memset(c, 0x55, sizeof(*c));
        for (uint64_t r = 0; r < jx_rcvfile_count(files[f]); r++) {
            struct jx_rcvkey k1, k2;
            int rc = jx_rcvfile_decode(files[f], r, a, &err);
            assert_int_equal(jx_rcvdec_decode(vd, r, c, &err2), rc);
            int rk = jx_rcvfile_key(files[f], r, &k1, &err2);
            assert_int_equal(rk, rc);
            assert_int_equal(jx_rcvdec_key(kd, r, &k2, &err2), rc);
            if (rc) {
                assert_string_equal(err.msg, err2.msg);
                assert_int_equal(err.offset, err2.offset);
                continue;
            }
            assert_true(k1.seq == k2.seq && k1.ts == k2.ts && k1.code == k2.code);
            assert_string_equal(k1.system, k2.system);
            assert_string_equal(k1.receiver, k2.receiver);
            assert_string_equal(k1.receiver_lib, k2.receiver_lib);
            assert_true(k1.seq == a->seq && k1.ts == a->ts);
            if (!entry_equal(a, c, why, sizeof(why)))
                fail_msg("%s record %llu (validating, context): %s", jx_rcvfile_path(files[f]),
                         (unsigned long long)r, why);
            assert_int_equal(jx_rcvdec_decode_trusted(td, r, b, &err2), 0);
            assert_ptr_equal(a->esd, c->esd);
            /* b's ESD is in the window: the same bytes */
            assert_true(b->esd != a->esd && b->esd_avail == a->esd_avail &&
                        !memcmp(b->esd, a->esd, a->esd_avail));
            if (!entry_equal(a, b, why, sizeof(why)))
                fail_msg("%s record %llu (trusted): %s", jx_rcvfile_path(files[f]),
                         (unsigned long long)r, why);
            checked++;
        }
    }
    assert_true(checked > 0);
    jx_close_inputs(files, nfiles);
    free(twin);
    free(kwin);
    free(a);
    free(b);
    free(c);
    free(td);
    free(vd);
    free(kd);
}

static void test_index_fastdec_shared(void **state)
{
    (void)state;
    for (size_t k = 0; k < JX_ARRAY_SIZE(sets); k++) {
        char a[600], b[600];
        char *in[2] = {a, b};
        struct jx_rcvopts ro = {0, JX_ESD_AUTO, set_ccsid[k], NULL};
        set_dirs(k, NULL, a, b, sizeof(a));
        check_fastdec(in, 2, &ro);
    }
}

/* A generated chain (two systems, resets, a missing receiver, several
 * segments per receiver is not needed: 9000-entry receivers), in two
 * export shapes: lean decoder identity, -j1 = -j3 bytes, oracle, verify. */
static void test_index_generated(void **state)
{
    (void)state;
    static const struct { int ccsid; enum jx_esd_shape shape; uint32_t entdtalen; } v[] = {
        {37, JX_ESD_FIXED, 1024}, {273, JX_ESD_VARLEN, 300}};
    for (size_t k = 0; k < JX_ARRAY_SIZE(v); k++) {
        struct jx_gen_opts go;
        struct jx_gen *g;
        struct jx_gen_stats gs;
        struct jx_errctx err;
        struct jx_ingest_stats st;
        char gdir[700], i1[700], i3[700];
        char *tmp = jx_test_tmpdir();
        snprintf(gdir, sizeof(gdir), "%s/g", tmp);
        snprintf(i1, sizeof(i1), "%s/one", tmp);
        snprintf(i3, sizeof(i3), "%s/three", tmp);
        jx_gen_opts_init(&go);
        go.outdir = gdir;
        go.entries = 40000;
        go.systems = 2;
        go.receiver_entries = 4000;
        go.days = 3;
        go.resets = true;
        go.missing_receiver = true;
        go.seed = 11 + k;
        go.ccsid = v[k].ccsid;
        go.shape = v[k].shape;
        go.entdtalen = v[k].entdtalen;
        if (jx_gen_create(&go, &g, &err) || jx_gen_write(g, &gs, &err))
            fail_msg("gen: %s", err.msg);
        jx_gen_free(g);
        char *in[1] = {gdir};
        struct jx_rcvopts ro = {0, JX_ESD_AUTO, v[k].ccsid, NULL};
        check_fastdec(in, 1, &ro);
        if (do_ingest(i1, in, 1, v[k].ccsid, 1, &st, &err))
            fail_msg("ingest: %s", err.msg);
        assert_int_equal(st.entries, gs.entries);
        if (do_ingest(i3, in, 1, v[k].ccsid, 3, &st, &err))
            fail_msg("ingest: %s", err.msg);
        assert_same_dirs(i1, i3);
        check_oracle(i1, in, 1, v[k].ccsid);
        check_random_access(i1);
        verify_all(i1);
        jx_test_rmtree(tmp);
        free(tmp);
    }
}

/* ---- one pass against two passes ---------------------------------------- */

/* One record of a one-pass scenario; bad: its JOENTL is not zoned. */
struct orec {
    const char *sys, *rcv;
    uint64_t seq;
    int64_t ts;
    bool bad;
};

struct oscen {
    struct orec r[64][80];   /* file f: r[f][0..n[f]) */
    size_t n[64], nfiles;
    bool bad;                /* some record is invalid */
};

static uint64_t op_rng = 0x9E3779B97F4A7C15ull;
static uint64_t op_rnd(void) { return jx_test_xorshift(&op_rng); }

/* Write the scenario's files into dir (named in input order). */
static void op_write(const struct oscen *sc, const char *dir)
{
    static const char *const users[] = {"QSECOFR", "AGRAY", "BWHITE"};
    static const char *const types[] = {"AF", "CD", "PW", "ZR"};
    const struct rb_fmt fmt = {640, JX_ESD_FIXED, 37};
    for (size_t f = 0; f < sc->nfiles; f++) {
        struct rb_file rf;
        struct rb_entry e;
        char name[32];
        rb_file_init(&rf, &fmt);
        for (size_t i = 0; i < sc->n[f]; i++) {
            const struct orec *o = &sc->r[f][i];
            rb_entry_init(&e);
            e.system = o->sys;
            e.receiver = o->rcv;
            e.seq = o->seq;
            e.ts = o->ts;
            e.user = users[o->seq % 3];
            e.type = types[o->seq % 4];
            e.job_number = (uint32_t)(f * 100 + i);
            const size_t k = rb_file_add(&rf, &e);
            if (o->bad)
                rb_file_rec(&rf, k)[JX_H_ENTL] = 0x40;
        }
        snprintf(name, sizeof(name), "F%03zu", f);
        free(rb_file_write(&rf, dir, name));
        rb_file_free(&rf);
    }
}

/* A random scenario: receivers of one or two systems, in files as exported
 * (one a file, or split in two), then some of the things the quick plan
 * cannot see from a file's first and last records. */
static void op_scenario(struct oscen *sc)
{
    static const char *const rcvs[] = {"AUDRCV0001", "AUDRCV0002", "AUDRCV0003",
                                       "AUDRCV0004"};
    static const char *const guests[] = {"G01", "G02", "G03", "G04", "G05", "G06"};
    size_t nguest = 0;
    memset(sc, 0, sizeof(*sc));
    const size_t nsys = 1 + op_rnd() % 2;
    for (size_t s = 0; s < nsys; s++) {
        const char *sys = s ? "SYSB" : "SYSA";
        uint64_t seq = 1 + op_rnd() % 100;
        int64_t ts = jx_ts_make(2024, 5, 1, 8, 0, 0, 0);
        const size_t nr = 1 + op_rnd() % 4;
        for (size_t k = 0; k < nr; k++) {
            const size_t n = 2 + op_rnd() % 40;
            const size_t split = op_rnd() % 5 == 0 ? 1 + op_rnd() % (n - 1) : n;
            if (op_rnd() % 6 == 0)
                seq = 1 + op_rnd() % 5;       /* reset */
            else if (op_rnd() % 4 == 0)
                seq += 1 + op_rnd() % 9;      /* gap */
            for (size_t i = 0; i < n; i++) {
                const size_t f = sc->nfiles + (i >= split);
                sc->r[f][sc->n[f]++] = (struct orec){sys, rcvs[k], seq++, ts, false};
                ts += JX_US_PER_SEC;
            }
            sc->nfiles += split < n ? 2 : 1;
        }
    }
    const size_t nf = sc->nfiles;
    for (size_t m = op_rnd() % 3; m > 0; m--) {
        const size_t f = (size_t)(op_rnd() % nf), n = sc->n[f];
        struct orec *r = sc->r[f];
        switch (op_rnd() % 6) {
        case 0: /* two records out of order */
            if (n >= 2) {
                const size_t i = (size_t)(op_rnd() % (n - 1));
                const struct orec t = r[i];
                r[i] = r[i + 1];
                r[i + 1] = t;
            }
            break;
        case 1: /* an invalid record */
            r[op_rnd() % n].bad = sc->bad = true;
            break;
        case 2: /* a record of a receiver found nowhere else, inside the file */
            if (n >= 2 && n < 80 && nguest < JX_ARRAY_SIZE(guests)) {
                const size_t at = 1 + (size_t)(op_rnd() % (n - 1));
                memmove(r + at + 1, r + at, (n - at) * sizeof(*r));
                r[at].rcv = guests[nguest++];
                sc->n[f]++;
            }
            break;
        case 3: /* the same file given twice */
            if (sc->nfiles < 64) {
                memcpy(sc->r[sc->nfiles], r, n * sizeof(*r));
                sc->n[sc->nfiles++] = n;
            }
            break;
        case 4: /* two receivers' files as one */
            if (f + 1 < sc->nfiles && n + sc->n[f + 1] <= 80) {
                memcpy(r + n, sc->r[f + 1], sc->n[f + 1] * sizeof(*r));
                sc->n[f] += sc->n[f + 1];
                sc->n[f + 1] = 0;
            }
            break;
        default: /* the last record repeats a sequence number */
            if (n >= 2)
                r[n - 1].seq = r[n - 2].seq;
            break;
        }
    }
    /* drop emptied files */
    size_t k = 0;
    for (size_t f = 0; f < sc->nfiles; f++)
        if (sc->n[f]) {
            if (k != f) {
                memcpy(sc->r[k], sc->r[f], sc->n[f] * sizeof(struct orec));
                sc->n[k] = sc->n[f];
            }
            k++;
        }
    sc->nfiles = k;
}

static int op_ingest(const char *ix, const char *in, bool two_pass, int threads, bool skip,
                     uint64_t every, uint64_t segrows, FILE *log, struct jx_ingest_stats *st,
                     struct jx_errctx *err)
{
    struct jx_ingest_opts o;
    char *inv[1] = {(char *)in};
    memset(&o, 0, sizeof(o));
    o.threads = threads;
    o.ro.shape = JX_ESD_AUTO;
    o.ro.ccsid = 37;
    o.skip_bad = skip;
    o.commit_every = every;
    o.segment_rows = segrows;
    o.two_pass = two_pass;
    o.log = log;
    jx_errctx_clear(err);
    return jx_ingest(ix, inv, 1, &o, st, err);
}

/* Random scenarios ingested in one pass (1 and 3 threads) and in two: the
 * same outcome, the same index byte for byte (segment numbers included),
 * and the oracle's entries. Intermediate commits after every receiver or
 * every few, receivers of several segments, --on-error skip and stop. */
static void test_index_one_pass_differential(void **state)
{
    (void)state;
    struct oscen *sc = malloc(sizeof(*sc));
    size_t n_one = 0, n_replan = 0, n_full = 0, n_err = 0, n_commit_before = 0;
    for (int round = 0; round < 120; round++) {
        char *tmp = jx_test_tmpdir();
        char in[700], a[700], b[700], c[700], ea[1400], eb[1400], ec[1400];
        struct jx_ingest_stats sa, sb, s3;
        struct jx_errctx err;
        snprintf(in, sizeof(in), "%s/in", tmp);
        snprintf(a, sizeof(a), "%s/one", tmp);
        snprintf(b, sizeof(b), "%s/two", tmp);
        snprintf(c, sizeof(c), "%s/one3", tmp);
        assert_int_equal(mkdir(in, 0700), 0);
        op_scenario(sc);
        op_write(sc, in);
        const bool skip = op_rnd() % 2;
        const uint64_t every = (uint64_t[]){1, 1, 25, 0}[op_rnd() % 4];
        const uint64_t segrows = (uint64_t[]){0, 4, 9}[op_rnd() % 3];
        const int ra = op_ingest(a, in, false, 1, skip, every, segrows, NULL, &sa, &err);
        jx_errctx_format(&err, ea, sizeof(ea));
        const int rb = op_ingest(b, in, true, 1, skip, every, segrows, NULL, &sb, &err);
        jx_errctx_format(&err, eb, sizeof(eb));
        const int rc3 = op_ingest(c, in, false, 3, skip, every, segrows, NULL, &s3, &err);
        jx_errctx_format(&err, ec, sizeof(ec));
        if (ra != rb || ra != rc3)
            fail_msg("round %d: one pass %d (%s), two passes %d (%s), 3 threads %d", round,
                     ra, ea, rb, eb, rc3);
        if (ra) {
            /* the same error (the first bad record in input order); receivers
             * the one pass committed before reaching it stay, valid */
            assert_string_equal(ea, eb);
            assert_string_equal(ea, ec);
            if (!sc->bad) /* stop mode, or a file too damaged to detect */
                fail_msg("round %d: %s", round, ea);
            char mf[800];
            snprintf(mf, sizeof(mf), "%s/MANIFEST", a);
            if (access(mf, F_OK) == 0)
                verify_all(a);
            assert_same_dirs(a, c);
            n_err++;
        } else {
            assert_same_dirs(a, b);
            assert_same_dirs(a, c);
            assert_int_equal(sa.entries, sb.entries);
            assert_int_equal(sa.records_skipped, sb.records_skipped);
            assert_int_equal(sa.duplicates, sb.duplicates);
            assert_int_equal(sa.receivers_new, sb.receivers_new);
            assert_int_equal(sa.segments, sb.segments);
            assert_int_equal(sa.one_pass, s3.one_pass);
            assert_false(sb.one_pass);
            /* the batch's chains, across a hand-over too */
            assert_int_equal(sa.gaps, sb.gaps);
            assert_int_equal(sa.resets, sb.resets);
            assert_int_equal(s3.gaps, sb.gaps);
            assert_int_equal(s3.resets, sb.resets);
            if (!sc->bad) {
                char *inv[1] = {in};
                check_oracle(a, inv, 1, 37);
            }
            verify_all(a);
            assert_int_equal(sa.replanned, s3.replanned);
            assert_int_equal(sa.one_pass_receivers, s3.one_pass_receivers);
            n_one += sa.one_pass;
            n_replan += sa.replanned;
            n_commit_before += sa.one_pass_receivers > 0;
            n_full += !sa.one_pass && !sa.replanned;
        }
        jx_test_rmtree(tmp);
        free(tmp);
    }
    free(sc);
    /* the scenarios reached every path */
    print_message("one pass %zu, handed over %zu (after commits %zu), full plan %zu, "
                  "errors %zu\n", n_one, n_replan, n_commit_before, n_full, n_err);
    assert_true(n_one >= 10);
    assert_true(n_replan >= 10);
    assert_true(n_commit_before >= 3);
    assert_true(n_full >= 5);
    assert_true(n_err >= 5);
}

/* What the one pass cannot foresee (ingest.c, run_plan): a record of a
 * receiver already committed, inside a later file whose first and last
 * records name another receiver. It is reported and skipped as a receiver
 * already indexed: never indexed twice, never silently. */
static void test_index_one_pass_hidden_record(void **state)
{
    (void)state;
    struct oscen *sc = calloc(1, sizeof(*sc));
    char *tmp = jx_test_tmpdir();
    char in[700], a[700], *log = NULL;
    size_t loglen = 0;
    struct jx_ingest_stats st;
    struct jx_errctx err;
    snprintf(in, sizeof(in), "%s/in", tmp);
    snprintf(a, sizeof(a), "%s/one", tmp);
    assert_int_equal(mkdir(in, 0700), 0);
    const int64_t t0 = jx_ts_make(2024, 5, 1, 8, 0, 0, 0);
    for (size_t i = 0; i < 10; i++) /* AUDRCV0001: 1..10 */
        sc->r[0][i] = (struct orec){"SYSA", "AUDRCV0001", 1 + i, t0 + (int64_t)i, false};
    for (size_t i = 0; i < 10; i++) /* AUDRCV0002: 11..20, 0001's 11 inside */
        sc->r[1][i] = (struct orec){"SYSA", "AUDRCV0002", 11 + i, t0 + 100 + (int64_t)i, false};
    sc->r[1][4] = (struct orec){"SYSA", "AUDRCV0001", 11, t0 + 10, false};
    sc->n[0] = sc->n[1] = 10;
    sc->nfiles = 2;
    op_write(sc, in);
    FILE *lf = open_memstream(&log, &loglen);
    assert_int_equal(op_ingest(a, in, false, 2, false, 1, 0, lf, &st, &err), 0);
    fclose(lf);
    assert_true(st.replanned);
    assert_int_equal(st.one_pass_receivers, 1);
    assert_int_equal(st.receivers_skipped, 1);
    assert_int_equal(st.index_entries, 19);
    assert_non_null(strstr(log, "F001"));
    assert_non_null(strstr(log, "record 5"));
    assert_non_null(strstr(log, "AUDRCV0001 of system SYSA is already indexed (10 entries; "
                                "this input differs"));
    /* the index holds 0001's own ten and 0002's nine, and verifies */
    struct jx_index *ix;
    assert_int_equal(jx_index_open(a, &ix, &err), 0);
    assert_int_equal(jx_index_nreceivers(ix), 2);
    assert_int_equal(jx_index_receiver(ix, 0)->entries, 10);
    assert_int_equal(jx_index_receiver(ix, 1)->entries, 9);
    jx_index_close(ix);
    verify_all(a);
    free(log);
    free(sc);
    jx_test_rmtree(tmp);
    free(tmp);
}

/* An invalid record met in the one pass: the note that hands over to the
 * full plan does not repeat it; the skip report (or the error) names it,
 * once. */
static void test_index_replan_note(void **state)
{
    (void)state;
    struct oscen *sc = calloc(1, sizeof(*sc));
    char *tmp = jx_test_tmpdir();
    char in[700], a[700], b[700], *log = NULL;
    size_t loglen = 0;
    struct jx_ingest_stats st;
    struct jx_errctx err;
    snprintf(in, sizeof(in), "%s/in", tmp);
    snprintf(a, sizeof(a), "%s/skip", tmp);
    snprintf(b, sizeof(b), "%s/stop", tmp);
    assert_int_equal(mkdir(in, 0700), 0);
    const int64_t t0 = jx_ts_make(2024, 5, 1, 8, 0, 0, 0);
    for (size_t f = 0; f < 2; f++) {
        for (size_t i = 0; i < 10; i++)
            sc->r[f][i] = (struct orec){"SYSA", f ? "AUDRCV0002" : "AUDRCV0001",
                                        1 + 10 * f + i, t0 + (int64_t)(10 * f + i), false};
        sc->n[f] = 10;
    }
    sc->r[1][3].bad = true;
    sc->nfiles = 2;
    op_write(sc, in);
    for (int skip = 1; skip >= 0; skip--) {
        FILE *lf = open_memstream(&log, &loglen);
        struct jx_ingest_opts o;
        char *inv[1] = {in};
        memset(&o, 0, sizeof(o));
        o.threads = 2;
        o.ro.shape = JX_ESD_AUTO;
        o.ro.ccsid = 37;
        o.skip_bad = skip;
        o.log = lf;
        o.report = lf;
        jx_errctx_clear(&err);
        const int rc = jx_ingest(skip ? a : b, inv, 1, &o, &st, &err);
        fclose(lf);
        assert_non_null(strstr(log, "jidx ingest: an invalid record: planning the remaining "
                                    "2 file(s) with a full scan"));
        const char *at = strstr(log, "record 4"), *again = at ? strstr(at + 1, "record 4") : NULL;
        if (skip) {
            assert_int_equal(rc, 0);
            assert_int_equal(st.records_skipped, 1);
            assert_non_null(at); /* the skip report, once */
            assert_null(again);
            assert_non_null(strstr(at - 30 > log ? at - 30 : log, "F001"));
        } else {
            assert_int_not_equal(rc, 0);
            assert_null(at); /* the error, not the log, names it */
            assert_int_equal(err.record, 3);
            assert_non_null(strstr(err.file, "F001"));
        }
        free(log);
        log = NULL;
    }
    free(sc);
    jx_test_rmtree(tmp);
    free(tmp);
}

/* Re-running ingest over inputs that hold receivers already indexed: when a
 * file's first and last records and its record count are the ones indexed,
 * it is skipped without being read (one pass, said so, no bytes read);
 * when any of these differ, the run takes the full plan, which reads every
 * file and says how the input differs. Either way nothing is indexed twice
 * and the index equals the oracle over the original files. */
static void test_index_reingest_unread(void **state)
{
    (void)state;
    struct oscen *sc = calloc(1, sizeof(*sc));
    char *tmp = jx_test_tmpdir();
    char in2[700], in3[700], ixd[700], mf[800], *log = NULL;
    size_t loglen = 0, l1, l2;
    struct jx_ingest_stats st;
    struct jx_errctx err;
    snprintf(in2, sizeof(in2), "%s/in2", tmp);
    snprintf(in3, sizeof(in3), "%s/in3", tmp);
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    snprintf(mf, sizeof(mf), "%s/MANIFEST", ixd);
    assert_int_equal(mkdir(in2, 0700), 0);
    assert_int_equal(mkdir(in3, 0700), 0);
    static const char *const rcvs[] = {"AUDRCV0001", "AUDRCV0002", "AUDRCV0003"};
    const int64_t t0 = jx_ts_make(2024, 5, 1, 8, 0, 0, 0);
    for (size_t f = 0; f < 3; f++) {
        for (size_t i = 0; i < 20; i++)
            sc->r[f][i] = (struct orec){"SYSA", rcvs[f], 1 + 20 * f + i,
                                        t0 + (int64_t)(20 * f + i), false};
        sc->n[f] = 20;
    }
    sc->nfiles = 2;
    op_write(sc, in2); /* F000, F001 */
    sc->nfiles = 3;
    op_write(sc, in3); /* the same two and F002 */
    assert_int_equal(op_ingest(ixd, in2, false, 2, false, 0, 0, NULL, &st, &err), 0);
    assert_int_equal(st.receivers_new, 2);

    /* the archive again, with one new receiver: the old files are not read */
    FILE *lf = open_memstream(&log, &loglen);
    assert_int_equal(op_ingest(ixd, in3, false, 2, false, 0, 0, lf, &st, &err), 0);
    fclose(lf);
    assert_true(st.one_pass);
    assert_int_equal(st.receivers_new, 1);
    assert_int_equal(st.receivers_skipped, 2);
    assert_int_equal(st.entries, 20);
    assert_int_equal(st.read_bytes, st.source_bytes); /* F002's records only */
    assert_int_equal(st.read_bytes, 20u * 640u);
    assert_non_null(strstr(log, "AUDRCV0001 of system SYSA is already indexed (20 entries): "
                                "skipped (same first and last records and count: not read)"));
    assert_null(strstr(log, "differs"));
    free(log);
    log = NULL;
    char *inv[1] = {in3};
    check_oracle(ixd, inv, 1, 37);

    /* AUDRCV0002's file now ends one record early: read, and said so */
    uint8_t *before = jx_test_read_file(mf, &l1);
    sc->n[1] = 19;
    jx_test_rmtree(in3);
    assert_int_equal(mkdir(in3, 0700), 0);
    op_write(sc, in3);
    lf = open_memstream(&log, &loglen);
    assert_int_equal(op_ingest(ixd, in3, false, 2, false, 0, 0, lf, &st, &err), 0);
    fclose(lf);
    assert_false(st.one_pass);
    assert_int_equal(st.receivers_new, 0);
    assert_int_equal(st.receivers_skipped, 3);
    assert_int_equal(st.read_bytes, st.input_bytes); /* the full plan read every file */
    assert_non_null(strstr(log, "AUDRCV0002 of system SYSA is already indexed (20 entries; "
                                "this input differs"));
    assert_null(strstr(log, "not read"));
    uint8_t *after = jx_test_read_file(mf, &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(before, after, l1);
    free(before);
    free(after);
    verify_all(ixd);
    free(log);
    free(sc);
    jx_test_rmtree(tmp);
    free(tmp);
}

/* The writer stops offering a stream's frames to LZ4 after a run of frames
 * that stayed raw, but keeps probing: thread ids random for the first 12
 * frames (never compressible), then one value (a delta of 0 a row). Every
 * frame of the random part is raw, and at most 16 frames (the probe
 * period) after the change are: the rest compress again. */
static void test_index_raw_probe(void **state)
{
    (void)state;
    enum { ROWS = 8192, SWITCH = 12 * 128, PROBE = 16 };
    char *tmp = jx_test_tmpdir();
    char ixd[700], *in[1];
    const struct rb_fmt fmt = {640, JX_ESD_FIXED, 37};
    struct rb_file rf;
    struct rb_entry e;
    struct jx_ingest_stats st;
    struct jx_errctx err;
    uint64_t rng = 12345;
    rb_file_init(&rf, &fmt);
    rb_entry_init(&e);
    for (uint64_t r = 0; r < ROWS; r++) {
        e.seq = 1 + r;
        e.ts += 1000;
        e.thread = r < SWITCH ? jx_test_xorshift(&rng) : 7;
        rb_file_add(&rf, &e);
    }
    in[0] = rb_file_write(&rf, tmp, "AUDRCV0001");
    rb_file_free(&rf);
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    assert_int_equal(do_ingest(ixd, in, 1, 37, 1, &st, &err), 0);
    struct jx_index *ix;
    struct jx_seg *s;
    assert_int_equal(jx_index_open(ixd, &ix, &err), 0);
    assert_int_equal(jx_index_nsegs(ix), 1);
    assert_int_equal(jx_index_seg(ix, 0, &s, &err), 0);
    uint8_t *buf = NULL;
    size_t cap = 0, raw_after = 0, frames = 0;
    assert_int_equal(jx_seg_check_all(s, &err), 0); /* every directory page read */
    for (uint32_t di = 0; di < s->ndir; di++) {
        struct jx_dirent de = jx_seg_dirent(s, di);
        if (de.kind != JX_BK_THREAD)
            continue;
        assert_int_equal(jx_seg_stored(s, di, &buf, &cap, &de, &err), 0);
        assert_int_equal(de.codec, JX_CODEC_FRAMED);
        const uint8_t *st8 = buf + de.ulen; /* jx_seg_stored(): after room to decode */
        for (uint32_t f = 0; f * 128 < de.nitems; f++) {
            const uint64_t row = de.first + 128u * f;
            const bool raw = jx_le16(st8 + 4 * f) == jx_le16(st8 + 4 * f + 2);
            if (row < SWITCH)
                assert_true(raw);
            else
                raw_after += raw;
            frames++;
        }
    }
    assert_int_equal(frames, ROWS / 128);
    assert_true(raw_after <= PROBE);
    free(buf);
    jx_index_close(ix);
    free(in[0]);
    jx_test_rmtree(tmp);
    free(tmp);
}

/* A frame's stats as bitpack.h defines them, computed apart from the
 * writer's lay_ids(). */
static void pack_stats(const uint8_t *src, unsigned width, uint32_t n, struct jx_pack_stats *st)
{
    uint32_t lo = UINT32_MAX, hi = 0, rep = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint32_t v = jx_pack_id_at(src, width, i);
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        rep += i && v == jx_pack_id_at(src, width, i - 1);
    }
    st->lo = n ? lo : 0;
    st->hi = hi;
    st->repeats = rep;
}

/* bitpack.h on its own: every width, bit count and range packs to the
 * planned size and unpacks to the same ids; damaged frames are refused. */
static void test_index_bitpack(void **state)
{
    (void)state;
    enum { N = 128 };
    uint8_t src[N * 4], dst[N * 4], packed[N * 4 + 16];
    uint64_t rng = 99;
    for (unsigned width = 1; width <= 4; width *= 2) {
        const uint64_t wmax = width == 4 ? UINT32_MAX : ((uint64_t)1 << (8 * width)) - 1;
        for (unsigned span_bits = 0; span_bits <= 8 * width; span_bits++) {
            for (uint32_t n = 1; n <= N; n += n < 4 ? 1 : 41) {
                const uint64_t span = span_bits ? ((uint64_t)1 << span_bits) - 1 : 0;
                const uint64_t base = (wmax - span) / 3; /* not 0: base is stored */
                for (uint32_t i = 0; i < n; i++) {
                    /* the ends of the range always present, random between */
                    uint64_t v = base + (i == 0 ? 0 : i == 1 ? span
                                         : span ? jx_test_xorshift(&rng) % (span + 1) : 0);
                    if (width == 1) src[i] = (uint8_t)v;
                    else if (width == 2) jx_le16_put(src + 2 * i, (uint16_t)v);
                    else jx_le32_put(src + 4 * i, (uint32_t)v);
                }
                struct jx_pack_stats ps;
                pack_stats(src, width, n, &ps);
                const size_t psz = jx_pack_size(&ps, n);
                assert_int_equal(ps.lo, base);
                assert_int_equal(jx_pack_bits(&ps), n == 1 ? 0 : span_bits);
                memset(packed, 0x55, sizeof(packed)); /* every byte written */
                assert_int_equal(jx_pack_ids(packed, src, width, n, &ps), psz);
                memset(dst, 0xAA, sizeof(dst));
                assert_true(jx_unpack_ids(dst, packed, psz, width, n));
                assert_memory_equal(dst, src, (size_t)n * width);
                /* a byte short or a byte too many: refused */
                assert_false(jx_unpack_ids(dst, packed, psz - 1, width, n));
                packed[psz] = 0;
                assert_false(jx_unpack_ids(dst, packed, psz + 1, width, n));
            }
        }
    }
    /* repeats counted */
    const uint8_t runs[8] = {5, 5, 5, 7, 7, 5, 5, 9};
    struct jx_pack_stats ps;
    pack_stats(runs, 1, 8, &ps);
    assert_int_equal(ps.repeats, 4);
    assert_int_equal(ps.lo, 5);
    assert_int_equal(ps.hi, 9);
    assert_int_equal(jx_pack_bits(&ps), 3);
    /* packed: 0, 0, 0, 2, 2, 0, 0, 4 in 3 bits, least significant first */
    assert_int_equal(jx_pack_ids(packed, runs, 1, 8, &ps), 5);
    const uint8_t want[5] = {3, 5, 0x00, 0x24, 0x80};
    assert_memory_equal(packed, want, 5);
    /* damaged: more bits than the width */
    const uint8_t wide[] = {9, 0, 0xFF, 0x01};
    assert_false(jx_unpack_ids(dst, wide, sizeof(wide), 1, 1));
    /* an id past the width: base 250 (varint FA 01) + 7 > 255 */
    const uint8_t over[] = {3, 0xFA, 0x01, 0x07};
    assert_false(jx_unpack_ids(dst, over, sizeof(over), 1, 1));
    const uint8_t fits[] = {3, 0xFA, 0x01, 0x05};
    assert_true(jx_unpack_ids(dst, fits, sizeof(fits), 1, 1));
    assert_int_equal(dst[0], 255);
    /* a base past the width, a truncated base, no bytes, a bad width */
    const uint8_t bigbase[] = {0, 0x80, 0x80, 0x04};
    assert_false(jx_unpack_ids(dst, bigbase, sizeof(bigbase), 2, 4));
    assert_true(jx_unpack_ids(dst, bigbase, sizeof(bigbase), 4, 4));
    assert_int_equal(jx_le32(dst + 12), 0x10000);
    const uint8_t cut[] = {0, 0x80};
    assert_false(jx_unpack_ids(dst, cut, sizeof(cut), 4, 1));
    assert_false(jx_unpack_ids(dst, cut, 1, 4, 1));
    assert_false(jx_unpack_ids(dst, fits, sizeof(fits), 3, 1));
}

/* Format 5 id frames through the writer and both readers: a receiver whose
 * user column has a frame of many users (bit-packed), a frame of one user
 * (packed in 0 bits), a frame of long runs (LZ4), and whose program
 * library column (256 values: 1-byte ids) has a frame spanning all 8 bits
 * (raw). Every entry reads back as the scan decodes it; verify passes; the
 * frame table marks the frames as expected and is refused as version 4
 * (where the flag cannot be set); a damaged packed frame is refused. */
static void test_index_packed_frames(void **state)
{
    (void)state;
    enum { ROWS = 1024 };
    char *tmp = jx_test_tmpdir();
    char ixd[700], *in[1];
    static char users[ROWS][12], libs[ROWS][12];
    const struct rb_fmt fmt = {640, JX_ESD_FIXED, 37};
    struct rb_file rf;
    struct rb_entry e;
    struct jx_ingest_stats st;
    struct jx_errctx err;
    uint64_t rng = 777;
    rb_file_init(&rf, &fmt);
    rb_entry_init(&e);
    for (uint32_t r = 0; r < ROWS; r++) {
        const uint32_t f = r / 128, i = r % 128;
        uint32_t u = (uint32_t)(jx_test_xorshift(&rng) % 2000);
        if (f == 1)
            u = 42;
        else if (f == 2)
            u = (i / 16) * 250; /* 8 runs of 16 */
        snprintf(users[r], sizeof(users[r]), "U%04u", u);
        uint32_t l = 0;
        if (f == 3)
            l = i == 0 ? 0 : i == 1 ? 255 : (uint32_t)(jx_test_xorshift(&rng) % 256);
        else if (f >= 4)
            l = r % 256;
        snprintf(libs[r], sizeof(libs[r]), "L%03u", l);
        e.seq = 1 + r;
        e.ts += 1000;
        e.user = users[r];
        e.program_lib = libs[r];
        rb_file_add(&rf, &e);
    }
    in[0] = rb_file_write(&rf, tmp, "AUDRCV0001");
    rb_file_free(&rf);
    snprintf(ixd, sizeof(ixd), "%s/ix", tmp);
    assert_int_equal(do_ingest(ixd, in, 1, 37, 1, &st, &err), 0);
    check_oracle(ixd, in, 1, 37);
    verify_all(ixd);

    struct jx_index *ix;
    struct jx_seg *s;
    assert_int_equal(jx_index_open(ixd, &ix, &err), 0);
    assert_int_equal(jx_index_nsegs(ix), 1);
    assert_int_equal(jx_index_seg(ix, 0, &s, &err), 0);
    assert_int_equal(s->version, 5);
    assert_int_equal(jx_seg_check_all(s, &err), 0);
    uint8_t *buf = NULL;
    size_t cap = 0;
    unsigned seen = 0;
    for (uint32_t di = 0; di < s->ndir; di++) {
        struct jx_dirent de = jx_seg_dirent(s, di);
        if (de.kind != JX_BK_IDS || (de.col != JX_COL_USER && de.col != JX_COL_PROGRAM_LIB))
            continue;
        assert_int_equal(jx_seg_stored(s, di, &buf, &cap, &de, &err), 0);
        assert_int_equal(de.codec, JX_CODEC_FRAMED);
        uint8_t *const stored = buf + de.ulen;
        uint32_t soff[JX_MAX_FRAMES + 1], doff[JX_MAX_FRAMES + 1], nf;
        uint64_t packed;
        assert_int_equal(jx_seg_frame_table(s, di, &de, stored, soff, doff, &nf, &packed, &err),
                         0);
        assert_int_equal(nf, ROWS / 128);
        if (de.col == JX_COL_USER) {
            assert_int_equal(de.width, 2);
            /* frames 0, 1 and 3-7 packed; frame 2 (runs) LZ4 */
            assert_int_equal(packed, 0xFFu & ~4u);
            assert_true(soff[3] - soff[2] < doff[3] - doff[2]);
            assert_true(soff[2] - soff[1] <= 4); /* bits 0: the bit count and the base */
            seen |= 1;
            /* as version 4 the flag makes the stored size impossible */
            s->version = 4;
            assert_int_equal(jx_seg_frame_table(s, di, &de, stored, soff, doff, &nf, &packed,
                                                &err), JX_E_CORRUPT);
            assert_non_null(strstr(err.msg, "bad frame table"));
            s->version = 5;
            assert_int_equal(jx_seg_frame_table(s, di, &de, stored, soff, doff, &nf, &packed,
                                                &err), 0);
            /* a bit count past the width: refused, naming the block */
            stored[soff[0]] = 17;
            assert_int_equal(jx_seg_frame_decode(s, di, &de, stored, soff, doff, packed, 0, buf,
                                                 &err), JX_E_CORRUPT);
            assert_non_null(strstr(err.msg, "bit-packed"));
        } else {
            assert_int_equal(de.width, 1);
            /* frame 3 spans all 8 bits: raw; frames 0-2 one value */
            assert_false(packed >> 3 & 1);
            assert_int_equal(soff[4] - soff[3], 128);
            assert_int_equal(packed & 7u, 7u);
            seen |= 2;
        }
    }
    assert_int_equal(seen, 3);
    free(buf);
    jx_index_close(ix);
    free(in[0]);
    jx_test_rmtree(tmp);
    free(tmp);
}

/* Raw names (ingest's form: jx_rcvdec_raw_names) against converted ones:
 * the builder must give the same segment bytes. The names include what
 * converts alike from different bytes (blank or X'00' padding, an all-X'00'
 * field and an all-blank one), characters of more than one UTF-8 byte, and
 * more distinct values than a 16-bit id holds. Mixing the two forms in one
 * segment, or raw names of another length, is refused. */
static void test_index_raw_names(void **state)
{
    (void)state;
    enum { ROWS = 70000 };
    static const char *users[] = {"QSECOFR", "MÜLLER", "ÅSE", "BOB", ""};
    static const char *pgms[] = {"QCMD", "", "PAYROLL", "X"};
    char *tmp = jx_test_tmpdir();
    char path[2][4200];
    const struct rb_fmt fmt = {640, JX_ESD_FIXED, 273};
    struct rb_file rf;
    struct rb_entry e;
    struct jx_errctx err;
    uint64_t rng = 99;
    rb_file_init(&rf, &fmt);
    rb_entry_init(&e);
    for (uint64_t r = 0; r < ROWS; r++) {
        char job[16];
        snprintf(job, sizeof(job), "J%05u", (unsigned)(r % 66000)); /* > 65536 values */
        e.seq = 1 + r;
        e.ts += 1000;
        e.job = job;
        e.user = users[jx_test_xorshift(&rng) % JX_ARRAY_SIZE(users)];
        e.job_user = users[r % JX_ARRAY_SIZE(users)];
        e.program = pgms[jx_test_xorshift(&rng) % JX_ARRAY_SIZE(pgms)];
        e.object_type_hdr = r % 3 ? "*FILE" : "";
        rb_file_add(&rf, &e);
        uint8_t *p = rb_file_rec(&rf, r);
        const uint64_t x = jx_test_xorshift(&rng);
        if (x % 3 == 0) /* X'00' padding instead of blanks */
            for (size_t i = 0; i < JX_H_JOB_LEN; i++)
                if (p[JX_H_JOB + i] == 0x40)
                    p[JX_H_JOB + i] = 0x00;
        if (x % 5 == 0 && !e.program[0]) /* all X'00' instead of all blanks */
            memset(p + JX_H_PGM, 0, JX_H_PGM_LEN);
        if (x % 7 == 0) /* a trailing X'00' after a blank-padded type */
            p[JX_H_OBJTYP + JX_H_OBJTYP_LEN - 1] = 0x00;
    }
    char *in = rb_file_write(&rf, tmp, "AUDRCV0001");
    rb_file_free(&rf);
    const struct jx_rcvopts ro = {fmt.reclen, fmt.shape, fmt.ccsid, NULL};
    struct jx_rcvfile *f;
    assert_int_equal(jx_rcvfile_open(in, &ro, &f, &err), 0);
    struct jx_rcvdec *d = malloc(sizeof(*d));
    struct jx_entry *en = malloc(sizeof(*en));
    struct jx_segbuild *b;
    assert_non_null(d);
    assert_non_null(en);
    assert_int_equal(jx_segbuild_create(&b, &err), 0);
    for (int raw = 0; raw < 2; raw++) {
        char dir[700];
        struct jx_segwritten w;
        snprintf(dir, sizeof(dir), "%s/%s", tmp, raw ? "raw" : "text");
        assert_int_equal(mkdir(dir, 0700), 0);
        jx_rcvdec_init(d, f);
        jx_rcvdec_raw_names(d, raw);
        jx_segbuild_begin(b, dir, 0);
        for (uint64_t r = 0; r < ROWS; r++) {
            assert_int_equal(jx_rcvdec_decode(d, r, en, &err), 0);
            assert_int_equal(en->raw_names, raw);
            if (jx_segbuild_add(b, en, &err))
                fail_msg("row %llu: %s", (unsigned long long)r, err.msg);
        }
        assert_int_equal(jx_segbuild_finish(b, &w, &err), 0);
        snprintf(path[raw], sizeof(path[raw]), "%s", w.path);
        jx_segwritten_close(&w);
    }
    size_t na, nb;
    uint8_t *ba = jx_test_read_file(path[0], &na), *bb = jx_test_read_file(path[1], &nb);
    assert_non_null(ba);
    assert_non_null(bb);
    assert_true(na == nb && !memcmp(ba, bb, na));
    free(ba);
    free(bb);

    /* the rules: one form a segment, raw names of one length */
    jx_segbuild_begin(b, tmp, 9);
    jx_rcvdec_init(d, f);
    jx_rcvdec_raw_names(d, true);
    assert_int_equal(jx_rcvdec_decode(d, 0, en, &err), 0);
    assert_int_equal(jx_segbuild_add(b, en, &err), 0);
    jx_rcvdec_raw_names(d, false);
    assert_int_equal(jx_rcvdec_decode(d, 1, en, &err), 0);
    assert_int_equal(jx_segbuild_add(b, en, &err), JX_E_INTERNAL);
    assert_non_null(strstr(err.msg, "with and without raw names"));
    jx_rcvdec_raw_names(d, true);
    assert_int_equal(jx_rcvdec_decode(d, 2, en, &err), 0);
    en->raw_len[JX_RN_PROGRAM] = 9;
    assert_int_equal(jx_segbuild_add(b, en, &err), JX_E_INTERNAL);
    assert_non_null(strstr(err.msg, "different lengths"));

    jx_segbuild_free(b);
    jx_rcvfile_close(f);
    free(d);
    free(en);
    free(in);
    jx_test_rmtree(tmp);
    free(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_oracle_threads),
        cmocka_unit_test(test_index_dict_postings),
        cmocka_unit_test(test_index_append_reingest),
        cmocka_unit_test(test_index_lock),
        cmocka_unit_test(test_index_permissions),
        cmocka_unit_test(test_index_corruption),
        cmocka_unit_test(test_index_abort_hook),
        cmocka_unit_test(test_index_errors),
        cmocka_unit_test(test_index_fastdec_shared),
        cmocka_unit_test(test_index_generated),
        cmocka_unit_test(test_index_one_pass_differential),
        cmocka_unit_test(test_index_one_pass_hidden_record),
        cmocka_unit_test(test_index_reingest_unread),
        cmocka_unit_test(test_index_replan_note),
        cmocka_unit_test(test_index_raw_probe),
        cmocka_unit_test(test_index_raw_names),
        cmocka_unit_test(test_index_fd_cap),
        cmocka_unit_test(test_index_bitpack),
        cmocka_unit_test(test_index_packed_frames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
