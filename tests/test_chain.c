/*
 * tests/test_chain.c - ingest/chain.c: receivers in canonical order (system,
 * receivers by first timestamp then name and library, sequence), gaps,
 * sequence resets, duplicates (the same receiver given twice), receivers
 * spread over files and files holding several receivers, out-of-order
 * records, several systems, runs cut by the scan's chunk boundaries, and a
 * differential test against a naive model on random layouts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "recbuild.h"

#include "chain.h"
#include "fields.h"
#include "jx.h"
#include "receiver.h"

static int nfile_seq;


/* One record of a scenario. `mark` goes to JONBR: tells copies apart. */
struct rec {
    const char *sys, *lib, *rcv;
    uint64_t seq;
    int64_t ts;
    uint32_t mark;
};

static int64_t T(int day, int sec)
{
    return jx_ts_make(2024, 5, day, 8, 0, 0, 0) + (int64_t)sec * JX_US_PER_SEC;
}

/* Write recs to a new file; returns the path (freed by caller). */
static char *write_recs(const struct rec *r, size_t n, size_t reclen)
{
    const struct rb_fmt fmt = {reclen, JX_ESD_FIXED, 37};
    struct rb_file f;
    struct rb_entry e;
    char name[64];
    rb_file_init(&f, &fmt);
    for (size_t i = 0; i < n; i++) {
        rb_entry_init(&e);
        e.system = r[i].sys;
        e.receiver_lib = r[i].lib;
        e.receiver = r[i].rcv;
        e.seq = r[i].seq;
        e.ts = r[i].ts;
        e.job_number = r[i].mark;
        rb_file_add(&f, &e);
    }
    snprintf(name, sizeof(name), "f%04d.type5", nfile_seq++);
    char *p = rb_file_write(&f, jx_test_dir, name);
    rb_file_free(&f);
    return p;
}

struct files {
    struct jx_rcvfile *f[256];
    char *path[256];
    size_t n;
};

static void add_file(struct files *fs, const struct rec *r, size_t n)
{
    struct jx_rcvopts o = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = 37};
    struct jx_errctx e;
    char buf[1400];
    assert_true(fs->n < 256);
    fs->path[fs->n] = write_recs(r, n, 640);
    if (jx_rcvfile_open(fs->path[fs->n], &o, &fs->f[fs->n], &e))
        fail_msg("%s", jx_errctx_format(&e, buf, sizeof(buf)));
    fs->n++;
}

static void close_files(struct files *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        jx_rcvfile_close(fs->f[i]);
        unlink(fs->path[i]);
        free(fs->path[i]);
    }
    fs->n = 0;
}

static struct jx_plan *plan_of(struct files *fs, int threads)
{
    struct jx_plan *p = NULL;
    struct jx_plan_opts po = {false, threads, NULL};
    struct jx_errctx e;
    char buf[1400];
    if (jx_plan_build(fs->f, fs->n, &po, &p, &e))
        fail_msg("plan: %s", jx_errctx_format(&e, buf, sizeof(buf)));
    return p;
}

/* The entries of a plan, in jx_plan_scan order. */
struct got {
    struct rec *r;
    size_t n, cap;
    char names[1 << 17][3][JX_NAME_SZ];
};

static int collect(const struct jx_entry *e, void *arg)
{
    struct got *g = arg;
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 256;
        g->r = realloc(g->r, g->cap * sizeof(*g->r));
        assert_non_null(g->r);
    }
    assert_true(g->n < (1 << 17));
    memcpy(g->names[g->n][0], e->system, JX_NAME_SZ);
    memcpy(g->names[g->n][1], e->receiver_lib, JX_NAME_SZ);
    memcpy(g->names[g->n][2], e->receiver, JX_NAME_SZ);
    g->r[g->n] = (struct rec){g->names[g->n][0], g->names[g->n][1], g->names[g->n][2],
                              e->seq, e->ts, e->job_number};
    g->n++;
    return 0;
}

static struct got *scan(const struct jx_plan *p)
{
    struct got *g = calloc(1, sizeof(*g));
    struct jx_errctx e;
    assert_non_null(g);
    assert_int_equal(jx_plan_scan(p, collect, g, &e), JX_OK);
    assert_int_equal(g->n, p->entries);
    return g;
}

static void got_free(struct got *g)
{
    free(g->r);
    free(g);
}

static void expect_order(const struct got *g, const struct rec *want, size_t n)
{
    assert_int_equal(g->n, n);
    for (size_t i = 0; i < n; i++) {
        const struct rec *a = &g->r[i], *b = &want[i];
        if (strcmp(a->sys, b->sys) || strcmp(a->lib, b->lib) || strcmp(a->rcv, b->rcv) ||
            a->seq != b->seq || a->ts != b->ts || a->mark != b->mark)
            fail_msg("entry %zu: got %s %s/%s seq %llu mark %u, want %s %s/%s seq %llu mark %u",
                     i, a->sys, a->lib, a->rcv, (unsigned long long)a->seq, a->mark, b->sys,
                     b->lib, b->rcv, (unsigned long long)b->seq, b->mark);
    }
}

/* n records of one receiver, seq first..first+n-1, one second apart. */
static void run(struct rec *out, const char *sys, const char *lib, const char *rcv,
                uint64_t first, size_t n, int64_t ts0, uint32_t mark)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (struct rec){sys, lib, rcv, first + i, ts0 + (int64_t)i * JX_US_PER_SEC, mark};
}

/* ---- scenarios ------------------------------------------------------------ */

static void test_canonical_order(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec a1[5], a2[5], b1[4], b2[4], all[18];
    /* SYSA: ZZRCV is older than AARCV: time decides, not the name */
    run(a1, "SYSA", "QGPL", "ZZRCV", 1, 5, T(1, 0), 0);
    run(a2, "SYSA", "QGPL", "AARCV", 6, 5, T(2, 0), 0);
    run(b1, "SYSB", "QGPL", "AUDRCV0001", 1, 4, T(1, 30), 0);
    run(b2, "SYSB", "QGPL", "AUDRCV0002", 5, 4, T(3, 0), 0);
    /* given in the worst order: SYSB first, newest receivers first */
    add_file(&fs, b2, 4);
    add_file(&fs, a2, 5);
    add_file(&fs, b1, 4);
    add_file(&fs, a1, 5);
    struct jx_plan *p = plan_of(&fs, 2);
    assert_int_equal(p->nsystems, 2);
    assert_int_equal(p->nrcv, 4);
    const char *order[4][2] = {{"SYSA", "ZZRCV"}, {"SYSA", "AARCV"},
                               {"SYSB", "AUDRCV0001"}, {"SYSB", "AUDRCV0002"}};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(p->rcv[i].system, order[i][0]);
        assert_string_equal(p->rcv[i].receiver, order[i][1]);
        assert_int_equal(p->rcv[i].chain, 1);
        assert_false(p->rcv[i].reset);
        assert_int_equal(p->rcv[i].gap_before, 0);
        assert_int_equal(p->rcv[i].npieces, 1);
    }
    assert_true(p->rcv[0].first_seq == 1 && p->rcv[0].last_seq == 5);
    assert_int_equal(p->rcv[0].first_ts, T(1, 0));
    assert_int_equal(p->rcv[0].last_ts, T(1, 4));
    memcpy(all, a1, sizeof(a1));
    memcpy(all + 5, a2, sizeof(a2));
    memcpy(all + 10, b1, sizeof(b1));
    memcpy(all + 14, b2, sizeof(b2));
    struct got *g = scan(p);
    expect_order(g, all, 18);
    got_free(g);
    jx_plan_free(p);
    close_files(&fs);
}

static void test_ties_by_name_then_library(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec r[4][2];
    /* same first timestamp: receiver name, then library, decides */
    run(r[0], "SYSA", "LIB2", "RCVB", 1, 2, T(1, 0), 0);
    run(r[1], "SYSA", "LIB1", "RCVB", 3, 2, T(1, 0), 0);
    run(r[2], "SYSA", "LIB9", "RCVA", 5, 2, T(1, 0), 0);
    run(r[3], "SYSA", "LIB0", "RCVC", 7, 2, T(1, 0), 0);
    for (int i = 0; i < 4; i++)
        add_file(&fs, r[i], 2);
    struct jx_plan *p = plan_of(&fs, 1);
    const char *want[4][2] = {{"RCVA", "LIB9"}, {"RCVB", "LIB1"}, {"RCVB", "LIB2"}, {"RCVC", "LIB0"}};
    assert_int_equal(p->nrcv, 4);
    for (int i = 0; i < 4; i++) {
        assert_string_equal(p->rcv[i].receiver, want[i][0]);
        assert_string_equal(p->rcv[i].receiver_lib, want[i][1]);
    }
    jx_plan_free(p);
    close_files(&fs);
}

static void test_gaps(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec r1[10], r2[6], r3[5], r4[4];
    run(r1, "SYSA", "QGPL", "AUDRCV0001", 1, 10, T(1, 0), 0);
    run(r2, "SYSA", "QGPL", "AUDRCV0002", 15, 6, T(2, 0), 0);  /* 11..14 missing */
    run(r3, "SYSA", "QGPL", "AUDRCV0003", 21, 5, T(3, 0), 0);  /* contiguous */
    run(r4, "SYSA", "QGPL", "AUDRCV0004", 1000, 4, T(4, 0), 0);
    r4[2].seq = 1010; /* gaps inside a receiver are normal (§2.0), not reported */
    r4[3].seq = 1011;
    add_file(&fs, r1, 10);
    add_file(&fs, r2, 6);
    add_file(&fs, r3, 5);
    add_file(&fs, r4, 4);
    struct jx_plan *p = plan_of(&fs, 2);
    assert_int_equal(p->nrcv, 4);
    assert_int_equal(p->rcv[0].gap_before, 0);
    assert_int_equal(p->rcv[1].gap_before, 4);
    assert_int_equal(p->rcv[2].gap_before, 0);
    assert_int_equal(p->rcv[3].gap_before, 1000 - 25 - 1);
    for (int i = 0; i < 4; i++) {
        assert_false(p->rcv[i].reset);
        assert_int_equal(p->rcv[i].chain, 1);
    }
    assert_true(p->rcv[3].last_seq == 1011);
    assert_int_equal(p->entries, 25);
    /* the summary names the gap */
    char *txt = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&txt, &len);
    jx_plan_report(p, o);
    fclose(o);
    assert_non_null(strstr(txt, "gap: 4 sequence number(s) missing"));
    assert_non_null(strstr(txt, "4 receiver(s) on 1 system(s), 25 entries"));
    free(txt);
    jx_plan_free(p);
    close_files(&fs);
}

static void test_sequence_reset_new_chain(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec r1[11], r2[5], r3[5], r4[3];
    run(r1, "SYSA", "QGPL", "AUDRCV0001", 100, 11, T(1, 0), 0);
    run(r2, "SYSA", "QGPL", "AUDRCV0002", 1, 5, T(2, 0), 0);   /* CHGJRN SEQOPT(*RESET) */
    run(r3, "SYSA", "QGPL", "AUDRCV0003", 6, 5, T(3, 0), 0);
    run(r4, "SYSA", "QGPL", "AUDRCV0004", 11, 3, T(4, 0), 0);  /* equal to last: reset */
    r4[0].seq = 10;
    add_file(&fs, r3, 5);
    add_file(&fs, r1, 11);
    add_file(&fs, r4, 3);
    add_file(&fs, r2, 5);
    struct jx_plan *p = plan_of(&fs, 2);
    assert_int_equal(p->nrcv, 4);
    assert_int_equal(p->entries, 24); /* overlapping sequence numbers are distinct entries */
    assert_string_equal(p->rcv[0].receiver, "AUDRCV0001");
    assert_int_equal(p->rcv[0].chain, 1);
    assert_string_equal(p->rcv[1].receiver, "AUDRCV0002");
    assert_true(p->rcv[1].reset);
    assert_int_equal(p->rcv[1].chain, 2);
    assert_int_equal(p->rcv[1].gap_before, 0);
    assert_string_equal(p->rcv[2].receiver, "AUDRCV0003");
    assert_false(p->rcv[2].reset);
    assert_int_equal(p->rcv[2].chain, 2);
    assert_true(p->rcv[3].reset); /* first seq 10 <= previous last 10 */
    assert_int_equal(p->rcv[3].chain, 3);
    char *txt = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&txt, &len);
    jx_plan_report(p, o);
    fclose(o);
    assert_non_null(strstr(txt, "sequence reset: new chain"));
    free(txt);
    jx_plan_free(p);
    close_files(&fs);
}

static void test_same_receiver_twice(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec r[12], r2[12], part[8];
    run(r, "SYSA", "QGPL", "AUDRCV0001", 1, 12, T(1, 0), 1);
    run(r2, "SYSA", "QGPL", "AUDRCV0001", 1, 12, T(1, 0), 2); /* same content, other mark */
    add_file(&fs, r, 12);
    add_file(&fs, r2, 12);
    struct jx_plan *p = plan_of(&fs, 2);
    assert_int_equal(p->nrcv, 1);
    assert_int_equal(p->entries, 12);
    assert_int_equal(p->duplicates, 12);
    assert_int_equal(p->rcv[0].count, 12);
    assert_int_equal(p->rcv[0].duplicates, 12);
    struct got *g = scan(p);
    expect_order(g, r, 12); /* the copy given first wins (mark 1) */
    got_free(g);
    char *txt = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&txt, &len);
    jx_plan_report(p, o);
    fclose(o);
    assert_non_null(strstr(txt, "12 duplicate record(s) dropped"));
    free(txt);
    jx_plan_free(p);

    /* a third copy overlapping half of it, given first */
    run(part, "SYSA", "QGPL", "AUDRCV0001", 9, 8, T(1, 8), 3); /* seq 9..16 */
    struct files fs2 = {0};
    add_file(&fs2, part, 8);
    fs2.f[1] = fs.f[0];
    fs2.f[2] = fs.f[1];
    fs2.n = 3;
    p = plan_of(&fs2, 3);
    assert_int_equal(p->entries, 16);
    assert_int_equal(p->duplicates, 4 + 12);
    g = scan(p);
    for (size_t i = 0; i < 16; i++) {
        assert_true(g->r[i].seq == i + 1);
        assert_int_equal(g->r[i].mark, i + 1 >= 9 ? 3 : 1);
    }
    got_free(g);
    jx_plan_free(p);
    fs2.n = 1;
    close_files(&fs2);
    close_files(&fs);
}

static void test_one_file_several_receivers(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec r[14];
    run(r, "SYSA", "QGPL", "AUDRCV0001", 1, 5, T(1, 0), 0);
    run(r + 5, "SYSA", "QGPL", "AUDRCV0002", 6, 5, T(2, 0), 0);
    run(r + 10, "SYSB", "QGPL", "AUDRCV0001", 1, 2, T(1, 0), 0);
    run(r + 12, "SYSA", "QGPL", "AUDRCV0003", 11, 2, T(3, 0), 0);
    add_file(&fs, r, 14);
    struct jx_plan *p = plan_of(&fs, 2);
    assert_int_equal(p->nrcv, 4);
    assert_int_equal(p->nsystems, 2);
    const uint64_t firsts[4] = {0, 5, 12, 10};
    const uint64_t counts[4] = {5, 5, 2, 2};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(p->rcv[i].npieces, 1);
        assert_int_equal(p->rcv[i].pieces[0].file, 0);
        assert_int_equal(p->rcv[i].pieces[0].first, firsts[i]);
        assert_int_equal(p->rcv[i].pieces[0].count, counts[i]);
    }
    struct got *g = scan(p);
    struct rec want[14];
    memcpy(want, r, 10 * sizeof(*r));
    memcpy(want + 10, r + 12, 2 * sizeof(*r));
    memcpy(want + 12, r + 10, 2 * sizeof(*r));
    expect_order(g, want, 14);
    got_free(g);
    jx_plan_free(p);
    close_files(&fs);
}

static void test_receiver_split_across_files(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec r[10];
    run(r, "SYSA", "QGPL", "AUDRCV0001", 1, 10, T(1, 0), 0);
    add_file(&fs, r + 6, 4); /* the second half given first */
    add_file(&fs, r, 6);
    struct jx_plan *p = plan_of(&fs, 2);
    assert_int_equal(p->nrcv, 1);
    assert_int_equal(p->entries, 10);
    assert_int_equal(p->duplicates, 0);
    assert_int_equal(p->rcv[0].npieces, 2);
    assert_int_equal(p->rcv[0].pieces[0].file, 1);
    assert_int_equal(p->rcv[0].pieces[0].count, 6);
    assert_int_equal(p->rcv[0].pieces[1].file, 0);
    assert_int_equal(p->rcv[0].pieces[1].count, 4);
    assert_int_equal(p->rcv[0].first_ts, T(1, 0));
    assert_int_equal(p->rcv[0].last_ts, T(1, 9));
    struct got *g = scan(p);
    expect_order(g, r, 10);
    got_free(g);
    jx_plan_free(p);
    close_files(&fs);
}

static void test_out_of_order_records(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec r[7], shuffled[7];
    run(r, "SYSA", "QGPL", "AUDRCV0001", 20, 7, T(1, 0), 0);
    const int perm[7] = {4, 0, 6, 2, 1, 5, 3};
    for (int i = 0; i < 7; i++)
        shuffled[i] = r[perm[i]];
    add_file(&fs, shuffled, 7);
    struct jx_plan *p = plan_of(&fs, 1);
    assert_int_equal(p->nrcv, 1);
    assert_true(p->rcv[0].first_seq == 20 && p->rcv[0].last_seq == 26);
    assert_int_equal(p->rcv[0].first_ts, T(1, 0));
    assert_int_equal(p->rcv[0].last_ts, T(1, 6));
    assert_int_equal(p->rcv[0].duplicates, 0);
    struct got *g = scan(p);
    expect_order(g, r, 7);
    got_free(g);
    jx_plan_free(p);
    close_files(&fs);
}

static void test_several_systems(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec a[6], b[6], c[3];
    /* identical receiver names and sequence numbers on three systems */
    run(a, "SYSA", "QGPL", "AUDRCV0001", 1, 6, T(2, 0), 0);
    run(b, "SYSB", "QGPL", "AUDRCV0001", 1, 6, T(1, 0), 0);
    run(c, "PROD", "QGPL", "AUDRCV0001", 1, 3, T(3, 0), 0);
    add_file(&fs, a, 6);
    add_file(&fs, b, 6);
    add_file(&fs, c, 3);
    struct jx_plan *p = plan_of(&fs, 2);
    assert_int_equal(p->nsystems, 3);
    assert_int_equal(p->nrcv, 3);
    assert_int_equal(p->entries, 15);
    assert_int_equal(p->duplicates, 0);
    assert_string_equal(p->rcv[0].system, "PROD");
    assert_string_equal(p->rcv[1].system, "SYSA");
    assert_string_equal(p->rcv[2].system, "SYSB");
    for (int i = 0; i < 3; i++) {
        assert_int_equal(p->rcv[i].chain, 1);
        assert_false(p->rcv[i].reset);
    }
    jx_plan_free(p);
    close_files(&fs);
}

/* A receiver crossing the scan's 64K-record chunk boundary, a receiver
 * change exactly at it, and the whole file given twice. */
static void test_chunk_boundaries(void **state)
{
    (void)state;
    const size_t n = 65536 + 700;
    struct rec *r = malloc(n * sizeof(*r));
    assert_non_null(r);
    /* AUDRCV0002 holds records 65500..65835, across the boundary at 65536 */
    run(r, "SYSA", "QGPL", "AUDRCV0001", 1, 65500, T(1, 0), 0);
    run(r + 65500, "SYSA", "QGPL", "AUDRCV0002", 65501, 336, T(5, 0), 0);
    run(r + 65836, "SYSA", "QGPL", "AUDRCV0003", 70000, 400, T(6, 0), 0);
    struct files fs = {0};
    struct jx_rcvopts o = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = 37};
    struct jx_errctx e;
    fs.path[0] = write_recs(r, n, 610);
    assert_int_equal(jx_rcvfile_open(fs.path[0], &o, &fs.f[0], &e), JX_OK);
    fs.n = 1;
    struct jx_plan *p = plan_of(&fs, 2);
    assert_int_equal(p->nrcv, 3);
    assert_int_equal(p->rcv[0].count, 65500);
    assert_int_equal(p->rcv[0].npieces, 1);
    assert_int_equal(p->rcv[1].npieces, 1); /* the two halves are stitched */
    assert_int_equal(p->rcv[1].pieces[0].first, 65500);
    assert_int_equal(p->rcv[1].pieces[0].count, 336);
    assert_int_equal(p->rcv[1].count, 336);
    assert_int_equal(p->rcv[2].gap_before, 70000 - 65836 - 1);
    jx_plan_free(p);
    /* twice: every record is a duplicate once */
    fs.f[1] = fs.f[0];
    fs.n = 2;
    p = plan_of(&fs, 2);
    assert_int_equal(p->entries, n);
    assert_int_equal(p->duplicates, n);
    assert_int_equal(p->rcv[0].npieces, 1);
    struct got *g = scan(p);
    for (size_t i = 0; i < n; i++)
        assert_true(g->r[i].seq == r[i].seq);
    got_free(g);
    jx_plan_free(p);
    fs.n = 1;
    close_files(&fs);
    free(r);
}

/* ---- differential test against a naive model --------------------------------- */

static uint64_t rng = 0xD1B54A32D192ED03ULL;
static uint64_t rnd(void) { return jx_test_xorshift(&rng); }

static const char *syss[] = {"SYSA", "SYSB", "HQ"};
static const char *libs[] = {"QGPL", "AUDLIB"};
static const char *rcvs[] = {"AUDRCV0001", "AUDRCV0002", "AUDRCV0003", "AUDRCV0004", "X"};

static int key_cmp(const struct rec *a, const struct rec *b)
{
    int c = strcmp(a->sys, b->sys);
    if (!c) c = strcmp(a->lib, b->lib);
    if (!c) c = strcmp(a->rcv, b->rcv);
    if (!c) c = a->seq < b->seq ? -1 : a->seq > b->seq;
    return c;
}

struct mrec {
    struct rec r;
    size_t order; /* input position: the first copy given wins */
    int64_t rcv_first_ts;
};

static int model_dedupe_cmp(const void *x, const void *y)
{
    const struct mrec *a = x, *b = y;
    int c = key_cmp(&a->r, &b->r);
    if (!c) c = a->order < b->order ? -1 : a->order > b->order;
    return c;
}

static int model_order_cmp(const void *x, const void *y)
{
    const struct mrec *a = x, *b = y;
    int c = strcmp(a->r.sys, b->r.sys);
    if (!c) c = a->rcv_first_ts < b->rcv_first_ts ? -1 : a->rcv_first_ts > b->rcv_first_ts;
    if (!c) c = strcmp(a->r.rcv, b->r.rcv);
    if (!c) c = strcmp(a->r.lib, b->r.lib);
    if (!c) c = a->r.seq < b->r.seq ? -1 : a->r.seq > b->r.seq;
    return c;
}

static void test_differential_random(void **state)
{
    (void)state;
    for (int round = 0; round < 25; round++) {
        /* receivers: a random subset of (system, library, name), each with
         * a sequence range and a start time */
        struct rec pool[400];
        size_t np = 0;
        for (size_t s = 0; s < 3; s++)
            for (size_t l = 0; l < 2; l++)
                for (size_t k = 0; k < 5; k++) {
                    if (rnd() % 3)
                        continue;
                    uint64_t first = rnd() % 4 ? 1 + rnd() % 50 : UINT64_MAX - 40;
                    size_t cnt = 1 + rnd() % 12;
                    int64_t ts0 = T(1 + (int)(rnd() % 4), (int)(rnd() % 3) * 100);
                    for (size_t i = 0; i < cnt && np < 400; i++) {
                        uint64_t sq = first + i * (1 + rnd() % 3);
                        /* timestamps follow sequence within a receiver */
                        pool[np++] = (struct rec){syss[s], libs[l], rcvs[k], sq,
                                                  ts0 + (int64_t)(sq - first) * JX_US_PER_SEC, 0};
                    }
                }
        if (np == 0)
            continue;
        /* scatter over files: random order, random splits, duplicates */
        struct files fs = {0};
        struct mrec *given = malloc(4 * 400 * sizeof(*given));
        size_t ng = 0;
        size_t nfiles = 1 + rnd() % 6;
        for (size_t fi = 0; fi < nfiles; fi++) {
            struct rec buf[400];
            size_t nb = 0;
            for (size_t i = 0; i < np; i++)
                if (rnd() % nfiles == fi || rnd() % 7 == 0) {
                    buf[nb] = pool[i];
                    buf[nb].mark = (uint32_t)(fi * 1000 + nb);
                    nb++;
                }
            if (rnd() % 3 == 0)
                for (size_t i = nb; i > 1; i--) { /* shuffle */
                    size_t j = (size_t)(rnd() % i);
                    struct rec t = buf[i - 1];
                    buf[i - 1] = buf[j];
                    buf[j] = t;
                }
            if (nb == 0)
                continue;
            for (size_t i = 0; i < nb; i++)
                given[ng++] = (struct mrec){buf[i], fs.n * 100000 + i, 0};
            add_file(&fs, buf, nb);
        }
        if (fs.n == 0) {
            free(given);
            continue;
        }
        /* the model: dedupe by key (first given wins), receivers ordered by
         * (system, first timestamp, name, library), entries by sequence */
        qsort(given, ng, sizeof(*given), model_dedupe_cmp);
        size_t nk = 0;
        for (size_t i = 0; i < ng; i++)
            if (!nk || key_cmp(&given[nk - 1].r, &given[i].r))
                given[nk++] = given[i];
        size_t dups = ng - nk;
        for (size_t i = 0; i < nk;) {
            size_t j = i;
            while (j < nk && !strcmp(given[j].r.sys, given[i].r.sys) &&
                   !strcmp(given[j].r.lib, given[i].r.lib) &&
                   !strcmp(given[j].r.rcv, given[i].r.rcv))
                j++;
            for (size_t k = i; k < j; k++)
                given[k].rcv_first_ts = given[i].r.ts; /* lowest sequence */
            i = j;
        }
        qsort(given, nk, sizeof(*given), model_order_cmp);
        struct rec *want = malloc(nk * sizeof(*want));
        for (size_t i = 0; i < nk; i++)
            want[i] = given[i].r;

        struct jx_plan *p1 = plan_of(&fs, 1), *p4 = plan_of(&fs, 4);
        assert_int_equal(p1->duplicates, dups);
        assert_int_equal(p1->entries, nk);
        struct got *g1 = scan(p1), *g4 = scan(p4);
        expect_order(g1, want, nk);
        expect_order(g4, want, nk);
        /* receivers: chains and resets as the model says */
        assert_int_equal(p1->nrcv, p4->nrcv);
        for (size_t i = 0; i < p1->nrcv; i++) {
            const struct jx_rcvinfo *a = &p1->rcv[i], *b = &p4->rcv[i];
            assert_string_equal(a->receiver, b->receiver);
            assert_int_equal(a->count, b->count);
            assert_int_equal(a->chain, b->chain);
            if (i && !strcmp(p1->rcv[i - 1].system, a->system)) {
                const struct jx_rcvinfo *pr = &p1->rcv[i - 1];
                assert_int_equal(a->reset, a->first_seq <= pr->last_seq);
                assert_int_equal(a->chain, pr->chain + (a->reset ? 1 : 0));
                if (!a->reset)
                    assert_true(a->gap_before == a->first_seq - pr->last_seq - 1);
            }
        }
        got_free(g1);
        got_free(g4);
        jx_plan_free(p1);
        jx_plan_free(p4);
        free(want);
        free(given);
        close_files(&fs);
    }
}

/* Every allocation failure gives JX_E_NOMEM (never a crash or a leak:
 * LeakSanitizer checks the sanitizer builds) and the next build works. */
static void test_allocation_failures(void **state)
{
    (void)state;
    struct files fs = {0};
    struct rec a[6], b[6];
    run(a, "SYSA", "QGPL", "AUDRCV0001", 1, 6, T(1, 0), 0);
    run(b, "SYSA", "QGPL", "AUDRCV0001", 4, 6, T(1, 3), 0);
    b[2].seq = 2; /* out of order and overlapping: the sorting path */
    add_file(&fs, a, 6);
    add_file(&fs, b, 6);
    add_file(&fs, a, 6);
    /* AUDRCV0002: odd sequence numbers in one file, even in the other: 40
     * one-record pieces, so the piece array grows several times */
    struct rec odd[20], even[20];
    run(odd, "SYSA", "QGPL", "AUDRCV0002", 100, 20, T(2, 0), 0);
    run(even, "SYSA", "QGPL", "AUDRCV0002", 100, 20, T(2, 0), 0);
    for (int i = 0; i < 20; i++) {
        odd[i].seq = 101 + 2 * (uint64_t)i;
        even[i].seq = 100 + 2 * (uint64_t)i;
        odd[i].ts = T(2, 1 + 2 * i);
        even[i].ts = T(2, 2 * i);
    }
    add_file(&fs, odd, 20);
    add_file(&fs, even, 20);
    int ok = 0;
    for (long n = 0; n < 400 && !ok; n++) {
        struct jx_plan *p = NULL;
        struct jx_plan_opts po = {n % 2 == 0, 1 + (int)(n % 3), NULL};
        struct jx_errctx e;
        jx_set_alloc_fail_after(n);
        int rc = jx_plan_build(fs.f, fs.n, &po, &p, &e);
        jx_set_alloc_fail_after(-1);
        if (rc == JX_OK) {
            assert_int_equal(p->entries, 9 + 40); /* 1..9, 100..139 */
            assert_int_equal(p->rcv[1].npieces, 40);
            ok = 1;
        } else {
            assert_int_equal(rc, JX_E_NOMEM);
            assert_null(p);
        }
        jx_plan_free(p);
    }
    assert_true(ok);
    close_files(&fs);
}

static void test_empty_plan(void **state)
{
    (void)state;
    struct jx_plan *p = NULL;
    struct jx_plan_opts po = {false, 0, NULL};
    struct jx_errctx e;
    assert_int_equal(jx_plan_build(NULL, 0, &po, &p, &e), JX_OK);
    assert_int_equal(p->nrcv, 0);
    assert_int_equal(p->entries, 0);
    struct got *g = scan(p);
    assert_int_equal(g->n, 0);
    got_free(g);
    jx_plan_free(p);
    jx_plan_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_order),
        cmocka_unit_test(test_ties_by_name_then_library),
        cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_sequence_reset_new_chain),
        cmocka_unit_test(test_same_receiver_twice),
        cmocka_unit_test(test_one_file_several_receivers),
        cmocka_unit_test(test_receiver_split_across_files),
        cmocka_unit_test(test_out_of_order_records),
        cmocka_unit_test(test_several_systems),
        cmocka_unit_test(test_chunk_boundaries),
        cmocka_unit_test(test_differential_random),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_empty_plan),
    };
    return cmocka_run_group_tests(tests, jx_test_dir_setup, jx_test_dir_teardown);
}
