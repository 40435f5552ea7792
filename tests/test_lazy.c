/*
 * tests/test_lazy.c - lazy loading of segment dictionaries and blooms
 * (index.h: jx_index_seg_cols, cursor string reads that walk a dictionary
 * the segment has not loaded, jx_cursor_reset, jx_cursor_postings_or):
 * every answer equals the one of a fully loaded segment; a damaged
 * dictionary fails exactly the reads and queries that need it, with the
 * checksum error naming the file, every time (never a silent 0 or a wrong
 * answer); concurrent loads of different columns of one segment are safe
 * (run under TSan by `make SANITIZE=thread check`); and using a dictionary
 * that was not loaded aborts. Data: one generated chain, segments of
 * several row groups.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#include "exec.h"
#include "filter.h"
#include "gen.h"
#include "index.h"
#include "index_int.h" /* JX_SCAN_PAGES, JX_POST_LIST */
#include "seg_int.h"   /* jx_seg_posting_decode/probe on crafted lists */
#include "ingest.h"
#include "recbuild.h"

#include <xxhash.h>

struct fixture {
    char *tmp;
    char idx[1024];
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    struct jx_gen_opts o;
    struct jx_ingest_opts io;
    struct jx_ingest_stats ist;
    struct jx_errctx err;
    char gdir[1100];
    char *in[1] = {gdir};
    if (!fx || !(fx->tmp = jx_test_tmpdir()))
        return -1;
    snprintf(gdir, sizeof(gdir), "%s/rcv", fx->tmp);
    snprintf(fx->idx, sizeof(fx->idx), "%s/index", fx->tmp);
    jx_gen_opts_init(&o);
    o.outdir = gdir;
    o.entries = 14000;
    o.days = 10;
    o.systems = 2;
    o.receiver_entries = 7000; /* 4 row groups a segment */
    o.seed = 77;
    o.plants = JX_PLANT_ALL;
    o.threads = 2;
    if (mkdir(gdir, 0700) != 0 || jx_gen_run(&o, NULL, &err)) {
        print_error("gen: %s\n", err.msg);
        return -1;
    }
    memset(&io, 0, sizeof(io));
    io.threads = 2;
    io.ro.shape = JX_ESD_AUTO;
    io.ro.ccsid = 37;
    if (jx_ingest(fx->idx, in, 1, &io, &ist, &err)) {
        print_error("ingest: %s\n", err.msg);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    jx_test_rmtree(fx->tmp);
    free(fx->tmp);
    free(fx);
    return 0;
}

static void entry_same(const struct jx_entry *a, const struct jx_entry *b, uint64_t row)
{
    char why[256];
    if (jx_test_entry_diff(a, b, why, sizeof(why)))
        fail_msg("row %llu: %s", (unsigned long long)row, why);
}

/* Rows read through a segment with nothing loaded (the cursor walks the
 * dictionaries itself), in increasing and in scattered order, with one
 * cursor reset from segment to segment, equal the rows of a fully loaded
 * segment; and reading them loads nothing into the segment. */
static void test_lazy_rows_equal_full(void **state)
{
    const struct fixture *fx = *state;
    struct jx_index *lazy, *full;
    struct jx_errctx err;
    struct jx_entry *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
    struct jx_cursor *ca = NULL, *cb;
    assert_int_equal(jx_index_open(fx->idx, &lazy, &err), 0);
    assert_int_equal(jx_index_open(fx->idx, &full, &err), 0);
    assert_true(jx_index_nsegs(lazy) >= 2);
    uint64_t checked = 0;
    for (size_t i = 0; i < jx_index_nsegs(lazy); i++) {
        struct jx_seg *sl, *sf;
        assert_int_equal(jx_index_seg_cols(lazy, i, 0, 0, &sl, &err), 0);
        assert_int_equal(jx_index_seg(full, i, &sf, &err), 0);
        const uint64_t n = jx_seg_nrows(sl);
        assert_true(n > 2048); /* several row groups */
        for (int c = 0; c < JX_COL_COUNT_; c++)
            assert_int_equal(jx_seg_dict_size(sl, c), jx_seg_dict_count(sf, c));
        if (!ca)
            assert_int_equal(jx_cursor_open(sl, &ca), 0);
        else
            jx_cursor_reset(ca, sl);
        assert_int_equal(jx_cursor_open(sf, &cb), 0);
        for (int pass = 0; pass < 2; pass++)
            for (uint64_t k = 0; k < n; k += pass ? 1 : 7) {
                /* pass 0: a scattered walk (ids come in any order) */
                const uint64_t row = pass ? k : (k * 7919u) % n;
                memset(a, 0, sizeof(*a));
                memset(b, 0, sizeof(*b));
                assert_int_equal(jx_cursor_read(ca, row, JX_FM_ALL, a, &err), 0);
                assert_int_equal(jx_cursor_read(cb, row, JX_FM_ALL, b, &err), 0);
                entry_same(a, b, row);
                checked++;
            }
        jx_cursor_close(cb);
    }
    jx_cursor_close(ca);
    assert_true(checked > 14000);
    /* a second open of the lazily used index still loads what it is asked */
    struct jx_seg *s;
    assert_int_equal(jx_index_seg_cols(lazy, 0, JX_DICT(JX_COL_USER), 0, &s, &err), 0);
    assert_true(jx_seg_dict_count(s, JX_COL_USER) > 1);
    jx_index_close(lazy);
    jx_index_close(full);
    free(a);
    free(b);
}

/* Accessors of columns loaded one by one equal the fully loaded ones;
 * postings through a cursor equal jx_seg_postings_or(). */
static void test_lazy_accessors(void **state)
{
    const struct fixture *fx = *state;
    struct jx_index *lazy, *full;
    struct jx_errctx err;
    uint64_t probed[2] = {0, 0}, nhit = 0;
    assert_int_equal(jx_index_open(fx->idx, &lazy, &err), 0);
    assert_int_equal(jx_index_open(fx->idx, &full, &err), 0);
    for (size_t i = 0; i < jx_index_nsegs(lazy); i++) {
        struct jx_seg *sl, *sf;
        struct jx_cursor *cur;
        assert_int_equal(jx_index_seg(full, i, &sf, &err), 0);
        const uint64_t n = jx_seg_nrows(sf);
        const size_t words = (size_t)((n + 63) / 64);
        uint64_t *b1 = calloc(words, 8), *b2 = calloc(words, 8);
        uint32_t *cand = malloc(2 * n * sizeof(uint32_t));
        uint8_t *hit = malloc(2 * n);
        assert_int_equal(jx_index_seg_cols(lazy, i, 0, 0, &sl, &err), 0);
        assert_int_equal(jx_cursor_open(sl, &cur), 0);
        for (int c = JX_COL_COUNT_ - 1; c >= 0; c--) {
            struct jx_seg *again;
            assert_int_equal(jx_index_seg_cols(lazy, i, JX_DICT(c), 0, &again, &err), 0);
            assert_ptr_equal(again, sl);
            const uint32_t nd = jx_seg_dict_count(sl, c);
            assert_int_equal(nd, jx_seg_dict_count(sf, c));
            for (uint32_t v = 0; v < nd; v++) {
                uint32_t id;
                const char *str = jx_seg_dict_str(sl, c, v);
                assert_string_equal(str, jx_seg_dict_str(sf, c, v));
                assert_int_equal(jx_seg_value_rows(sl, c, v), jx_seg_value_rows(sf, c, v));
                assert_int_equal(jx_seg_dict_find(sl, c, str, &id), 0);
                assert_int_equal(id, v);
                uint32_t lo1, hi1, lo2, hi2;
                char pre[4];
                snprintf(pre, sizeof(pre), "%.2s", str);
                jx_seg_dict_prefix(sl, c, pre, &lo1, &hi1);
                jx_seg_dict_prefix(sf, c, pre, &lo2, &hi2);
                assert_int_equal(lo1, lo2);
                assert_int_equal(hi1, hi2);
                if (!jx_col_has_postings(c) || (c != JX_COL_TYPE && v % 5 && v != nd - 1))
                    continue;
                memset(b1, 0, words * 8);
                memset(b2, 0, words * 8);
                assert_int_equal(jx_cursor_postings_or(cur, c, v, b1, &err), 0);
                assert_int_equal(jx_seg_postings_or(sf, c, v, b2, &err), 0);
                assert_memory_equal(b1, b2, words * 8);
                /* a probe finds exactly the candidates the list holds:
                 * sparse (every 37th row and the row of the list after
                 * it), dense (every third row), and every 11th row of the
                 * list alone (one in most runs of eight rows the decoder
                 * takes at once, at every place in the run) */
                for (int mode = 0; mode < 3; mode++) {
                    size_t m = 0, inlist = 0;
                    for (uint64_t r = mode == 1 ? v % 3 : mode == 0 ? (v * 7u) % 37 : 0; r < n;
                         r += mode == 1 ? 3 : mode == 0 ? 37 : 1) {
                        if (mode == 2) {
                            if ((b2[r >> 6] >> (r & 63) & 1) && inlist++ % 11 == v % 11)
                                cand[m++] = (uint32_t)r;
                            continue;
                        }
                        cand[m++] = (uint32_t)r;
                        for (uint64_t q = r + 1; !mode && q < n && q < r + 37; q++)
                            if (b2[q >> 6] >> (q & 63) & 1) {
                                cand[m++] = (uint32_t)q;
                                break;
                            }
                    }
                    const struct jx_probe pr = {cand, m, hit};
                    memset(hit, 0, m);
                    assert_int_equal(jx_cursor_postings_probe(cur, c, v, UINT64_MAX, &pr, &err), 0);
                    for (size_t k = 0; k < m; k++) {
                        assert_int_equal(hit[k], (b2[cand[k] >> 6] >> (cand[k] & 63)) & 1);
                        nhit += hit[k];
                    }
                }
                probed[jx_seg_value_rows(sf, c, v) * 8 >= n] += nhit;
                nhit = 0;
            }
        }
        for (int b = 0; b < JX_BLOOM_COUNT_; b++) {
            struct jx_seg *again;
            assert_int_equal(jx_index_seg_cols(lazy, i, 0, JX_BLOOM(b), &again, &err), 0);
            const enum jx_col c = b == JX_BLOOM_PATH ? JX_COL_PATH : JX_COL_REMOTE_ADDR;
            for (uint32_t v = 0; b != JX_BLOOM_JOB_NUMBER && v < jx_seg_dict_count(sl, c); v++)
                assert_true(jx_seg_bloom_maybe(sl, b, jx_seg_dict_str(sl, c, v)));
            assert_int_equal(jx_seg_bloom_maybe(sl, b, "no/such/value/x"),
                             jx_seg_bloom_maybe(sf, b, "no/such/value/x"));
        }
        jx_cursor_close(cur);
        free(b1);
        free(b2);
        free(cand);
        free(hit);
    }
    /* candidates found in short lists (delta coded) and in lists of an
     * eighth of the rows or more (bitmaps on the default mix) */
    assert_true(probed[0] > 100 && probed[1] > 100);
    jx_index_close(lazy);
    jx_index_close(full);
}

/* Damage the dictionary of column `col` in segment file `path` (format:
 * doc/format.md section 3): one byte of each of its blocks (version 2
 * splits a dictionary into ~4 KB blocks). */
static void damage_dict(const char *path, unsigned col)
{
    FILE *fp = fopen(path, "r+b");
    uint8_t h[256], de[40];
    assert_non_null(fp);
    assert_int_equal(fread(h, 1, 256, fp), 256);
    uint32_t ndir = (uint32_t)h[60] | (uint32_t)h[61] << 8 | (uint32_t)h[62] << 16 |
                    (uint32_t)h[63] << 24;
    uint64_t dir_off = 0;
    for (int k = 7; k >= 0; k--)
        dir_off = dir_off << 8 | h[64 + k];
    unsigned found = 0;
    for (uint32_t i = 0; i < ndir; i++) {
        assert_int_equal(fseek(fp, (long)(dir_off + 40ull * i), SEEK_SET), 0);
        assert_int_equal(fread(de, 1, 40, fp), 40);
        if (de[0] != 11 || de[1] != col)
            continue;
        uint64_t off = 0;
        for (int k = 7; k >= 0; k--)
            off = off << 8 | de[16 + k];
        assert_int_equal(fseek(fp, (long)off + 1, SEEK_SET), 0);
        int ch = fgetc(fp);
        assert_int_equal(fseek(fp, (long)off + 1, SEEK_SET), 0);
        fputc(ch ^ 0x21, fp);
        found++;
    }
    assert_true(found > 0);
    fclose(fp);
}

static int count_rows(const struct jx_entry *e, void *arg)
{
    (void)e;
    ++*(uint64_t *)arg;
    return 0;
}

static struct jx_filter *filter1(const char *name, const char *value)
{
    struct jx_filter *f;
    struct jx_errctx err;
    assert_int_equal(jx_filter_create(&f), 0);
    assert_int_equal(jx_filter_add(f, name, value, &err), 0);
    return f;
}

/* A damaged dictionary: opening the segment and every other column work;
 * loading it, reading its strings, and the queries that need it fail with
 * the checksum error naming the file, each time they are tried. */
static void test_lazy_damaged_dict(void **state)
{
    const struct fixture *fx = *state;
    char *tmp = jx_test_tmpdir();
    char cmd[4096], path[2048], seg[2200], name[64], user[64];
    struct jx_index *ix;
    struct jx_seg *s;
    struct jx_errctx err;
    struct jx_entry *e = malloc(sizeof(*e));
    snprintf(cmd, sizeof(cmd), "cp -r '%s' '%s/copy'", fx->idx, tmp);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof(path), "%s/copy", tmp);
    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    snprintf(name, sizeof(name), "%s", jx_index_seginfo(ix, 0)->file);
    assert_int_equal(jx_index_seg_cols(ix, 0, JX_DICT(JX_COL_USER), 0, &s, &err), 0);
    snprintf(user, sizeof(user), "%s", jx_seg_dict_str(s, JX_COL_USER, 0));
    jx_index_close(ix);
    snprintf(seg, sizeof(seg), "%s/%s", path, name);
    damage_dict(seg, JX_COL_USER);

    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    assert_int_equal(jx_index_seg_cols(ix, 0, JX_DICT(JX_COL_TYPE), 0, &s, &err), 0);
    assert_true(jx_seg_dict_count(s, JX_COL_TYPE) > 0);
    for (int attempt = 0; attempt < 2; attempt++) {
        jx_errctx_clear(&err);
        assert_int_equal(jx_index_seg_cols(ix, 0, JX_DICT(JX_COL_USER), 0, &s, &err),
                         JX_E_CHECKSUM);
        assert_non_null(strstr(err.file, name));
    }
    assert_int_equal(jx_index_seg(ix, 0, &s, &err), JX_E_CHECKSUM);
    /* cursors: the user column fails, the others read */
    assert_int_equal(jx_index_seg_cols(ix, 0, 0, 0, &s, &err), 0);
    struct jx_cursor *c;
    assert_int_equal(jx_cursor_open(s, &c), 0);
    assert_int_equal(jx_cursor_read(c, 5, JX_FM_ALL & ~JX_FM_USER, e, &err), 0);
    jx_errctx_clear(&err);
    assert_int_equal(jx_cursor_read(c, 5, JX_FM_USER, e, &err), JX_E_CHECKSUM);
    assert_non_null(strstr(err.file, name));
    assert_int_equal(jx_cursor_read(c, 6, JX_FM_USER, e, &err), JX_E_CHECKSUM);
    jx_cursor_close(c);
    /* queries: a count by user fails (never 0), a count by type works */
    uint64_t n = 12345;
    struct jx_filter *fu = filter1("user", user), *ft = filter1("type", "ZC");
    struct jx_query_opts qo = {0};
    for (int th = 1; th <= 2; th++) {
        qo.threads = th;
        jx_errctx_clear(&err);
        assert_int_equal(jx_query_count(ix, fu, &qo, &n, NULL, &err), JX_E_CHECKSUM);
        assert_non_null(strstr(err.file, name));
        assert_int_equal(jx_query_count(ix, ft, &qo, &n, NULL, &err), 0);
        assert_true(n > 0);
        /* entries of that segment need the user strings */
        uint64_t rows = 0;
        jx_errctx_clear(&err);
        assert_int_equal(jx_query_entries(ix, ft, &qo, count_rows, &rows, NULL, &err),
                         JX_E_CHECKSUM);
        assert_non_null(strstr(err.file, name));
        struct jx_groups *g = NULL;
        enum jx_field fl = JX_FLD_USER;
        jx_errctx_clear(&err);
        assert_int_equal(jx_query_group(ix, ft, &qo, &fl, 1, 0, &g, NULL, &err),
                         JX_E_CHECKSUM);
        assert_null(g);
    }
    jx_filter_free(fu);
    jx_filter_free(ft);
    jx_index_close(ix);
    jx_test_rmtree(tmp);
    free(tmp);
    free(e);
}

/* Threads loading different columns of the same segments in different
 * orders, and reading rows: same answers as one thread (and TSan clean). */
struct tjob {
    struct jx_index *ix;
    int k;
    uint32_t want[64][JX_COL_COUNT_];
    int rc;
};

static void *tload(void *arg)
{
    struct tjob *j = arg;
    struct jx_errctx err;
    struct jx_entry *e = malloc(sizeof(*e));
    struct jx_cursor *cur = NULL;
    const size_t ns = jx_index_nsegs(j->ix);
    for (size_t r = 0; r < ns && !j->rc; r++) {
        const size_t i = (r + (size_t)j->k) % ns;
        for (int c0 = 0; c0 < JX_COL_COUNT_ && !j->rc; c0++) {
            const int c = (c0 * (j->k + 1) + j->k) % JX_COL_COUNT_;
            struct jx_seg *s;
            if ((j->rc = jx_index_seg_cols(j->ix, i, JX_DICT(c), JX_BLOOM(c % 3), &s, &err)))
                break;
            if (jx_seg_dict_count(s, c) != j->want[i][c])
                j->rc = -100;
            if (!cur)
                j->rc = jx_cursor_open(s, &cur);
            else
                jx_cursor_reset(cur, s);
            if (!j->rc)
                j->rc = jx_cursor_read(cur, (uint64_t)(c * 131 + j->k) % jx_seg_nrows(s),
                                       JX_FM_ALL, e, &err);
        }
    }
    jx_cursor_close(cur);
    free(e);
    return NULL;
}

/* Little-endian fields of the on-disk format (doc/format.md), written
 * here from the spec, not from index/ internals. */
static uint64_t le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int k = n - 1; k >= 0; k--)
        v = v << 8 | p[k];
    return v;
}
static void put_le(uint8_t *p, uint64_t v, int n)
{
    for (int k = 0; k < n; k++, v >>= 8)
        p[k] = (uint8_t)v;
}
/* A copy of the fixture index in tmp/copy (path), the file of its first
 * segment (seg) and that file's name. */
static void copy_index(const struct fixture *fx, const char *tmp, char *path, size_t pcap,
                       char *seg, size_t scap, char *name, size_t ncap)
{
    char cmd[4096];
    struct jx_index *ix;
    struct jx_errctx err;
    snprintf(cmd, sizeof(cmd), "cp -r '%s' '%s/copy'", fx->idx, tmp);
    assert_int_equal(system(cmd), 0);
    snprintf(path, pcap, "%s/copy", tmp);
    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    snprintf(name, ncap, "%s", jx_index_seginfo(ix, 0)->file);
    jx_index_close(ix);
    snprintf(seg, scap, "%s/%s", path, name);
}

/* Point the MANIFEST of index `path` at segment `name`'s new header hash
 * (segment record offset 120; doc/format.md §4) and rehash it. */
static void rebind_manifest(const char *path, const char *name, uint64_t hdr_hash)
{
    char man[2200];
    size_t n;
    snprintf(man, sizeof(man), "%s/MANIFEST", path);
    uint8_t *m = jx_test_read_file(man, &n);
    const uint64_t nrcv = le(m + 32, 4), nseg = le(m + 36, 4);
    bool found = false;
    for (uint64_t i = 0; i < nseg; i++) {
        uint8_t *r = m + 64 + 160 * nrcv + 128 * i;
        if (!strcmp((const char *)r, name)) {
            put_le(r + 120, hdr_hash, 8);
            found = true;
        }
    }
    assert_true(found);
    put_le(m + n - 8, XXH3_64bits(m, n - 8), 8);
    rb_write(man, m, n);
    free(m);
}

/* A framed block whose frame table lies, with every hash recomputed (what
 * a buggy or hostile writer could leave): the checksums pass, so the frame
 * rules themselves must catch it. verify and a query reading that column
 * fail with JX_E_CORRUPT naming the segment file and the block; other
 * columns of the segment still read. */
static void test_lazy_bad_frame_table(void **state)
{
    const struct fixture *fx = *state;
    char *tmp = jx_test_tmpdir();
    char path[2048], seg[2200], name[64];
    struct jx_index *ix;
    struct jx_errctx err;
    copy_index(fx, tmp, path, sizeof(path), seg, sizeof(seg), name, sizeof(name));

    size_t n;
    uint8_t *f = jx_test_read_file(seg, &n);
    assert_true(le(f + 8, 4) >= 3); /* format 3 or later: the paged directory */
    const uint64_t ndir = le(f + 60, 4), doff = le(f + 64, 8), dlen = le(f + 72, 8);
    uint8_t *de = NULL;
    uint64_t at = 0;
    for (uint64_t i = 0; i < ndir && !de; i++) {
        uint8_t *d = f + doff + 40 * i;
        /* the user column's id block of the second row group, framed */
        if (d[0] == 9 && d[1] == JX_COL_USER && d[2] == 2 && le(d + 8, 8) > 0)
            de = d, at = i;
    }
    assert_non_null(de);
    const uint64_t off = le(de + 16, 8), clen = le(de + 24, 4);
    put_le(f + off, 0, 2);                                  /* frame 0: stored size 0 */
    put_le(de + 32, XXH3_64bits(f + off, clen), 8);         /* block hash */
    /* its directory page (row group g: entries 23g..23g+22, §3.2a), whose
     * hash is in the page table after the entries, hashed in the header */
    uint8_t *tab = f + doff + 40 * ndir;
    const uint64_t g = at / 23, ntab = (dlen - 40 * ndir) / 8;
    assert_true(at % 23 == 8 + JX_COL_USER && g < ntab);
    put_le(tab + 8 * g, XXH3_64bits(f + doff + 40 * 23 * g, 40 * 23), 8);
    put_le(f + 80, XXH3_64bits(tab, 8 * ntab), 8);          /* page table hash */
    const uint64_t hh = XXH3_64bits(f, 248);
    put_le(f + 248, hh, 8);                                 /* header hash */
    rb_write(seg, f, n);
    free(f);
    rebind_manifest(path, name, hh);

    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    struct jx_verify_stats vs;
    memset(&vs, 0, sizeof(vs));
    jx_errctx_clear(&err);
    assert_int_equal(jx_index_verify_seg(ix, 0, &vs, &err), JX_E_CORRUPT);
    assert_non_null(strstr(err.file, name));
    assert_non_null(strstr(err.msg, "frame"));
    assert_non_null(strstr(err.msg, "column user"));
    /* a query printing users reads that block: it fails, naming it */
    struct jx_filter *ft;
    assert_int_equal(jx_filter_create(&ft), 0);
    struct jx_query_opts qo = {0};
    uint64_t rows = 0;
    qo.mask = JX_FM_USER | JX_FM_SEQ;
    jx_errctx_clear(&err);
    assert_int_equal(jx_query_entries(ix, ft, &qo, count_rows, &rows, NULL, &err),
                     JX_E_CORRUPT);
    assert_non_null(strstr(err.file, name));
    /* one without the user column reads every row */
    qo.mask = JX_FM_TYPE | JX_FM_SEQ;
    rows = 0;
    assert_int_equal(jx_query_entries(ix, ft, &qo, count_rows, &rows, NULL, &err), 0);
    assert_int_equal(rows, jx_index_entries(ix));
    jx_filter_free(ft);
    jx_index_close(ix);
    jx_test_rmtree(tmp);
    free(tmp);
}

struct rng_acc {
    uint32_t next;
    uint64_t rows;
    bool order_ok;
};
static void acc_each(void *arg, uint32_t id, uint64_t rows)
{
    struct rng_acc *a = arg;
    a->order_ok &= a->next == UINT32_MAX || id == a->next; /* consecutive ids */
    a->next = id + 1;
    a->rows += rows;
}


/* Row `row` of segment 0 of `ix` with every field: 0 or the error. */
static int read_row(struct jx_index *ix, uint64_t row, struct jx_errctx *err)
{
    struct jx_seg *s;
    struct jx_cursor *c;
    struct jx_entry *e = malloc(sizeof(*e));
    int rc = jx_index_seg_cols(ix, 0, 0, 0, &s, err);
    assert_non_null(e);
    if (!rc && !(rc = jx_cursor_open(s, &c))) {
        rc = jx_cursor_read(c, row, JX_FM_ALL, e, err);
        jx_cursor_close(c);
    }
    free(e);
    return rc;
}

/* Timestamps of rows [lo, lo + n) of segment 0 read as a column scan
 * (jx_cursor_ts): 0 or the error; the reads it took in *reads. */
static int scan_ts(struct jx_index *ix, uint64_t lo, uint32_t n, uint64_t *reads,
                   struct jx_errctx *err)
{
    struct jx_seg *s;
    struct jx_cursor *c;
    int64_t *ts = malloc(n * sizeof(*ts));
    uint64_t b0, r0, y0, b1, r1, y1;
    int rc = jx_index_seg_cols(ix, 0, 0, 0, &s, err);
    assert_non_null(ts);
    jx_index_io(ix, &b0, &r0, &y0);
    if (!rc && !(rc = jx_cursor_open(s, &c))) {
        rc = jx_cursor_ts(c, lo, n, ts, err);
        jx_cursor_close(c);
    }
    jx_index_io(ix, &b1, &r1, &y1);
    *reads = r1 - r0;
    free(ts);
    return rc;
}

/* The paged directory (format 3, doc/format.md §3.2a): a damaged page of
 * row group 1 fails the rows of that group only (checksum, naming the
 * file and the page), and verify; a page whose hash is right but whose
 * entries are of the wrong kinds for their places is refused as corrupt.
 * The file size: a segment longer than the MANIFEST says still answers
 * (what is read is hash-checked) but fails verify; a shorter one fails at
 * open, naming the file. */
static void test_lazy_dir_pages(void **state)
{
    const struct fixture *fx = *state;
    char *tmp = jx_test_tmpdir();
    char cmd[4096], path[2048], seg[2200], name[64];
    struct jx_index *ix;
    struct jx_errctx err;
    struct jx_verify_stats vs;
    copy_index(fx, tmp, path, sizeof(path), seg, sizeof(seg), name, sizeof(name));
    size_t n;
    uint8_t *orig = jx_test_read_file(seg, &n), *f = malloc(n + 8);
    assert_non_null(f);
    const uint64_t ndir = le(orig + 60, 4), doff = le(orig + 64, 8);
    const uint64_t R = le(orig + 192, 4); /* rows per row group */
    assert_true(le(orig + 16, 8) > 2 * R); /* nrows: three row groups at least */
    assert_int_equal(le(orig + 8, 4), JX_INDEX_FORMAT_VERSION);
    assert_true(ndir > 2 * 23);

    /* 1. one byte of entry 23 + 2 (row group 1, third numeric stream) */
    memcpy(f, orig, n);
    f[doff + 40 * (23 + 2) + 20] ^= 0x10;
    rb_write(seg, f, n);
    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    assert_int_equal(read_row(ix, 5, &err), 0);
    assert_int_equal(read_row(ix, R * 2 + 5, &err), 0);
    jx_errctx_clear(&err);
    assert_int_equal(read_row(ix, R + 5, &err), JX_E_CHECKSUM);
    assert_non_null(strstr(err.file, name));
    assert_non_null(strstr(err.msg, "directory page 1 "));
    memset(&vs, 0, sizeof(vs));
    assert_int_equal(jx_index_verify_seg(ix, 0, &vs, &err), JX_E_CHECKSUM);
    jx_index_close(ix);

    /* 2. entries 23 and 24 swapped, the page hash recomputed */
    memcpy(f, orig, n);
    uint8_t tmpe[40];
    memcpy(tmpe, f + doff + 40 * 23, 40);
    memcpy(f + doff + 40 * 23, f + doff + 40 * 24, 40);
    memcpy(f + doff + 40 * 24, tmpe, 40);
    put_le(f + doff + 40 * ndir + 8, XXH3_64bits(f + doff + 40 * 23, 40 * 23), 8);
    const uint64_t ntab = (le(f + 72, 8) - 40 * ndir) / 8;
    put_le(f + 80, XXH3_64bits(f + doff + 40 * ndir, 8 * ntab), 8);
    /* the header hash changed: the MANIFEST binds it (segment record +120) */
    put_le(f + 248, XXH3_64bits(f, 248), 8);
    rb_write(seg, f, n);
    rebind_manifest(path, name, le(f + 248, 8));
    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    assert_int_equal(read_row(ix, 5, &err), 0);
    jx_errctx_clear(&err);
    assert_int_equal(read_row(ix, R + 5, &err), JX_E_CORRUPT);
    assert_non_null(strstr(err.file, name));
    assert_non_null(strstr(err.msg, "wrong kind"));
    jx_index_close(ix);

    /* 3. the original bytes plus 8: answers, fails verify */
    memcpy(f, orig, n);
    memset(f + n, 0, 8);
    rb_write(seg, f, n + 8);
    snprintf(cmd, sizeof(cmd), "cp '%s/MANIFEST' '%s/MANIFEST.keep'", fx->idx, tmp);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof(cmd), "cp '%s/MANIFEST.keep' '%s/MANIFEST'", tmp, path);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    assert_int_equal(read_row(ix, R + 5, &err), 0);
    memset(&vs, 0, sizeof(vs));
    jx_errctx_clear(&err);
    assert_int_equal(jx_index_verify_seg(ix, 0, &vs, &err), JX_E_CORRUPT);
    assert_non_null(strstr(err.file, name));
    assert_non_null(strstr(err.msg, "MANIFEST says"));
    jx_index_close(ix);

    /* 4. 8 bytes short: the directory cannot be read */
    rb_write(seg, orig, n - 8);
    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    jx_errctx_clear(&err);
    assert_int_equal(read_row(ix, 5, &err), JX_E_CORRUPT);
    assert_non_null(strstr(err.file, name));
    assert_non_null(strstr(err.msg, "ends early"));
    jx_index_close(ix);

    /* 5. the ESD pages read with the head (jx_index_hint_rows(), for row
     * fetches) save exactly the read of row 5's ESD page; a damaged byte
     * of the first ESD entry (page G, G = row groups) fails that row with
     * a checksum error naming the page, read either way */
    const uint64_t groups = (le(orig + 16, 8) + R - 1) / R;
    uint64_t reads[2];
    rb_write(seg, orig, n);
    for (int hint = 0; hint < 2; hint++) {
        uint64_t b0, r0, y0, b1, r1, y1;
        assert_int_equal(jx_index_open(path, &ix, &err), 0);
        jx_index_hint_rows(ix, hint);
        jx_index_io(ix, &b0, &r0, &y0);
        assert_int_equal(read_row(ix, 5, &err), 0);
        jx_index_io(ix, &b1, &r1, &y1);
        reads[hint] = r1 - r0;
        jx_index_close(ix);
    }
    assert_int_equal(reads[1] + 1, reads[0]);

    /* 6. a column scan reads the row groups' pages JX_SCAN_PAGES at a time
     * (one read each), then one read a block; a damaged page read ahead
     * fails only a scan that reaches its row group */
    const uint64_t nrows = le(orig + 16, 8);
    uint64_t nr;
    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    assert_int_equal(scan_ts(ix, 0, (uint32_t)nrows, &nr, &err), 0);
    assert_int_equal(nr, groups + (groups + JX_SCAN_PAGES - 1) / JX_SCAN_PAGES);
    jx_index_close(ix);
    memcpy(f, orig, n);
    f[doff + 40 * (23 * 2 + 1) + 20] ^= 0x10; /* page 2 */
    rb_write(seg, f, n);
    assert_int_equal(jx_index_open(path, &ix, &err), 0);
    assert_int_equal(scan_ts(ix, 0, (uint32_t)R, &nr, &err), 0);
    assert_int_equal(nr, 2); /* pages 0-1 (2 is bad: not kept) and one block */
    assert_int_equal(scan_ts(ix, R, (uint32_t)R, &nr, &err), 0);
    assert_int_equal(nr, 1); /* page 1 was read ahead */
    jx_errctx_clear(&err);
    assert_int_equal(scan_ts(ix, 0, (uint32_t)nrows, &nr, &err), JX_E_CHECKSUM);
    assert_non_null(strstr(err.file, name));
    assert_non_null(strstr(err.msg, "directory page 2 "));
    jx_index_close(ix);
    rb_write(seg, orig, n);
    memcpy(f, orig, n);
    f[doff + 40 * (23 * groups) + 20] ^= 0x10;
    rb_write(seg, f, n);
    for (int hint = 0; hint < 2; hint++) {
        char want[64];
        assert_int_equal(jx_index_open(path, &ix, &err), 0);
        jx_index_hint_rows(ix, hint);
        jx_errctx_clear(&err);
        assert_int_equal(read_row(ix, 5, &err), JX_E_CHECKSUM);
        assert_non_null(strstr(err.file, name));
        snprintf(want, sizeof(want), "directory page %llu ", (unsigned long long)groups);
        assert_non_null(strstr(err.msg, want));
        jx_index_close(ix);
    }
    free(orig);
    free(f);
    jx_test_rmtree(tmp);
    free(tmp);
}

/* jx_seg_dict_range() (the dictionary searched block by block, not loaded)
 * agrees with the loaded dictionary's binary searches for every value of
 * every column, every prefix of them, and strings just around them: same
 * id range, ids reported in order, same row counts. */
static void test_lazy_dict_range(void **state)
{
    const struct fixture *fx = *state;
    struct jx_index *ix;
    struct jx_errctx err;
    size_t checked = 0, multi_block_cols = 0;
    assert_int_equal(jx_index_open(fx->idx, &ix, &err), 0);
    for (size_t si = 0; si < jx_index_nsegs(ix); si++) {
        struct jx_seg *lazy;
        /* a fresh index: the lazy search runs on a segment without dictionaries */
        assert_int_equal(jx_index_seg_cols(ix, si, 0, 0, &lazy, &err), 0);
        for (int c = 0; c < JX_COL_COUNT_; c++) {
            assert_false(jx_seg_dict_loaded(lazy, (enum jx_col)c));
            uint32_t lo, hi;
            struct rng_acc a = {UINT32_MAX, 0, true};
            assert_int_equal(jx_seg_dict_range(lazy, (enum jx_col)c, "", true, &lo, &hi,
                                               acc_each, &a, &err), 0);
            assert_int_equal(lo, 0);
            assert_int_equal(hi, jx_seg_dict_size(lazy, (enum jx_col)c));
            assert_int_equal(a.rows, jx_seg_nrows(lazy));
            multi_block_cols += hi > 100;
        }
    }
    jx_index_close(ix);
    /* now with the dictionaries loaded, as the reference */
    assert_int_equal(jx_index_open(fx->idx, &ix, &err), 0);
    for (size_t si = 0; si < jx_index_nsegs(ix); si++) {
        struct jx_seg *s;
        assert_int_equal(jx_index_seg(ix, si, &s, &err), 0);
        for (int ci = 0; ci < JX_COL_COUNT_; ci++) {
            const enum jx_col c = (enum jx_col)ci;
            const uint32_t nd = jx_seg_dict_count(s, c);
            for (uint32_t id = 0; id < nd; id += 1 + id % 3) {
                char v[JX_PATH_SZ + 2];
                snprintf(v, sizeof(v), "%s", jx_seg_dict_str(s, c, id));
                const size_t vl = strlen(v);
                for (int variant = 0; variant < 5; variant++) {
                    char q[JX_PATH_SZ + 2];
                    snprintf(q, sizeof(q), "%s", v);
                    if (variant == 1 && vl > 1)
                        q[vl / 2] = '\0';               /* a prefix */
                    else if (variant == 2 && vl)
                        q[vl - 1] = '\0';               /* a longer prefix */
                    else if (variant == 3)
                        snprintf(q, sizeof(q), "%s!", v); /* just past v */
                    else if (variant == 4 && vl)
                        q[vl - 1] = (char)(q[vl - 1] - 1); /* just before v */
                    for (int prefix = 0; prefix < 2; prefix++) {
                        uint32_t elo, ehi, lo, hi, fid;
                        uint64_t erows = 0;
                        if (prefix) {
                            jx_seg_dict_prefix(s, c, q, &elo, &ehi);
                        } else if (jx_seg_dict_find(s, c, q, &fid) == JX_OK) {
                            elo = fid;
                            ehi = fid + 1;
                        } else {
                            elo = ehi = 0;
                        }
                        for (uint32_t k = elo; k < ehi; k++)
                            erows += jx_seg_value_rows(s, c, k);
                        struct rng_acc a = {UINT32_MAX, 0, true};
                        assert_int_equal(jx_seg_dict_range(s, c, q, prefix, &lo, &hi, acc_each,
                                                           &a, &err), 0);
                        if (ehi == elo) { /* empty: only the count matters */
                            assert_int_equal(hi, lo);
                        } else {
                            assert_int_equal(lo, elo);
                            assert_int_equal(hi, ehi);
                        }
                        assert_true(a.order_ok);
                        assert_true(hi == lo || a.next == hi);
                        assert_int_equal(a.rows, erows);
                        checked++;
                    }
                }
            }
        }
    }
    jx_index_close(ix);
    print_message("dict_range: %zu lookups checked, %zu columns of 100+ values\n", checked,
                  multi_block_cols);
    assert_true(checked > 1000 && multi_block_cols > 0);
}

static void test_lazy_threads(void **state)
{
    const struct fixture *fx = *state;
    struct jx_index *full, *ix;
    struct jx_errctx err;
    static struct tjob jobs[4];
    pthread_t th[4];
    assert_int_equal(jx_index_open(fx->idx, &full, &err), 0);
    assert_int_equal(jx_index_open(fx->idx, &ix, &err), 0);
    assert_true(jx_index_nsegs(full) <= 64);
    for (int k = 0; k < 4; k++) {
        jobs[k].ix = ix;
        jobs[k].k = k;
        jobs[k].rc = 0;
        for (size_t i = 0; i < jx_index_nsegs(full); i++) {
            struct jx_seg *s;
            assert_int_equal(jx_index_seg(full, i, &s, &err), 0);
            for (int c = 0; c < JX_COL_COUNT_; c++)
                jobs[k].want[i][c] = jx_seg_dict_count(s, c);
        }
    }
    for (int k = 0; k < 4; k++)
        assert_int_equal(pthread_create(&th[k], NULL, tload, &jobs[k]), 0);
    for (int k = 0; k < 4; k++) {
        pthread_join(th[k], NULL);
        assert_int_equal(jobs[k].rc, 0);
    }
    jx_index_close(ix);
    jx_index_close(full);
}

/* A dictionary used before it was loaded is a bug of the caller: the
 * process stops rather than answer 0. */
/* Crafted posting lists (format §3.5) through the decoder and the probe,
 * which share one walk: a delta list of one-byte gaps (the eight-at-a-time
 * path) that ends exactly on the last row is read right; one whose run of
 * eight passes the last row, one whose single gap does, and one that holds
 * fewer rows than the count expected are refused as corrupt, naming the
 * segment file, whatever the candidates. The dirent is a real postings
 * block's (for its value range); the bytes are the test's. */
static void put_varint(uint8_t **p, uint64_t v)
{
    while (v >= 0x80) {
        *(*p)++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *(*p)++ = (uint8_t)v;
}

static void test_lazy_crafted_postings(void **state)
{
    const struct fixture *fx = *state;
    struct jx_index *ix;
    struct jx_seg *s;
    struct jx_errctx err;
    assert_int_equal(jx_index_open(fx->idx, &ix, &err), 0);
    assert_int_equal(jx_index_seg(ix, 0, &s, &err), 0);
    const uint64_t nrows = jx_seg_nrows(s);
    uint32_t di = UINT32_MAX;
    for (uint32_t i = s->head0; i < s->ndir && di == UINT32_MAX; i++)
        if (jx_seg_dirent(s, i).kind == JX_BK_POST)
            di = i;
    assert_true(di != UINT32_MAX);
    const struct jx_dirent de = jx_seg_dirent(s, di);
    const uint32_t id = (uint32_t)de.first, nv = de.nitems;
    const size_t words = (size_t)((nrows + 63) / 64), tab = 4u * (nv + 1);
    uint64_t *bits = calloc(words, 8);
    uint8_t *buf = calloc(tab + 64, 1), hit[4];
    assert_non_null(bits);
    assert_non_null(buf);
    /* kind 0: 17 rows, gaps of 2 (one byte: 1), the last row = nrows - 1;
     * 1: the same shifted one row on (the eight-row run passes the end);
     * 2: one row, absolute, = nrows; 3: 17 rows announced, 16 present */
    for (int kind = 0; kind < 4; kind++) {
        uint8_t *p = buf + tab;
        const uint64_t first = kind == 1 ? nrows - 32 : nrows - 33;
        *p++ = JX_POST_LIST;
        put_varint(&p, kind == 2 ? 1 : 17);
        put_varint(&p, kind == 2 ? nrows : first);
        for (int g = 0; g < 16 - (kind == 3) && kind != 2; g++)
            *p++ = 1; /* row - previous - 1 */
        const uint32_t len = (uint32_t)(p - (buf + tab));
        for (uint32_t v = 0; v <= nv; v++) /* only value `first` has a list */
            jx_le32_put(buf + 4 * v, v == 0 ? 0 : len);
        const uint32_t cand[4] = {(uint32_t)first, (uint32_t)first + 1, (uint32_t)nrows - 3,
                                  (uint32_t)nrows - 1};
        const struct jx_probe pr = {cand, 4, hit};
        memset(bits, 0, words * 8);
        memset(hit, 0, sizeof(hit));
        jx_errctx_clear(&err);
        const int rd = jx_seg_posting_decode(s, di, buf, tab + len, id, 17, bits, NULL, &err);
        if (kind == 0) {
            assert_int_equal(rd, 0);
            for (uint64_t r = 0; r < nrows; r++)
                assert_int_equal((bits[r >> 6] >> (r & 63)) & 1,
                                 r >= first && (r - first) % 2 == 0);
        } else {
            assert_int_equal(rd, JX_E_CORRUPT);
            assert_non_null(strstr(err.file, ".jxs"));
        }
        jx_errctx_clear(&err);
        const int rp = jx_seg_posting_probe(s, di, buf, tab + len, id, kind == 2 ? 1 : 17, &pr,
                                            &err);
        assert_int_equal(rp, rd);
        if (kind == 0) { /* first, nrows - 3 and nrows - 1 are in the list */
            assert_int_equal(hit[0] + 2 * hit[1] + 4 * hit[2] + 8 * hit[3], 1 + 4 + 8);
        } else {
            assert_non_null(strstr(err.msg, kind == 3 ? "truncated" : "past the segment"));
        }
    }
    free(bits);
    free(buf);
    jx_index_close(ix);
}

static void test_lazy_misuse_aborts(void **state)
{
    const struct fixture *fx = *state;
    struct jx_index *ix;
    struct jx_seg *s;
    struct jx_errctx err;
    assert_int_equal(jx_index_open(fx->idx, &ix, &err), 0);
    assert_int_equal(jx_index_seg_cols(ix, 0, JX_DICT(JX_COL_TYPE), 0, &s, &err), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(3);
        (void)jx_seg_dict_count(s, JX_COL_PATH);
        _exit(0);
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st));
    assert_int_equal(WTERMSIG(st), SIGABRT);
    /* postings of an unloaded column: an error, not an abort */
    struct jx_cursor *c;
    uint64_t bits[8];
    assert_int_equal(jx_cursor_open(s, &c), 0);
    assert_int_equal(jx_cursor_postings_or(c, JX_COL_USER, 0, bits, &err), JX_E_INTERNAL);
    jx_cursor_close(c);
    jx_index_close(ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lazy_rows_equal_full),
        cmocka_unit_test(test_lazy_accessors),
        cmocka_unit_test(test_lazy_damaged_dict),
        cmocka_unit_test(test_lazy_bad_frame_table),
        cmocka_unit_test(test_lazy_dir_pages),
        cmocka_unit_test(test_lazy_dict_range),
        cmocka_unit_test(test_lazy_threads),
        cmocka_unit_test(test_lazy_crafted_postings),
        cmocka_unit_test(test_lazy_misuse_aborts),
    };
    return cmocka_run_group_tests_name("lazy", tests, setup, teardown);
}
