/*
 * tests/test_gen.c - the synthetic receiver generator (bench/gen.c).
 *
 * Oracle: for every generated record the generator also returns the entry it
 * meant to write (its "truth"); the independent decoder (ingest/receiver.c +
 * common/audit.c) must return exactly that, field by field, from the file on
 * disk, for the three JOESD shapes and several CCSIDs. Plus: determinism
 * (same seed -> same bytes, whatever --threads), truncation (ENTDTALEN),
 * ENTDTALEN calc, the type mix of both profiles, plants, and the chain
 * features (resets, gaps, a missing receiver) seen by the chain planner.
 * Sizes are kept to a few thousand records per case so the suite stays fast
 * under the sanitizers.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit.h"
#include "chain.h"
#include "ebcdic.h"
#include "fields.h"
#include "gen.h"
#include "receiver.h"

/* Temporary directories of this binary, removed by the group teardown even
 * when a test fails half-way. */
static char *tmpdirs[16];
static size_t ntmpdirs;

static char *tmpdir(void)
{
    char *d = jx_test_tmpdir();
    assert_non_null(d);
    if (ntmpdirs < JX_ARRAY_SIZE(tmpdirs))
        tmpdirs[ntmpdirs++] = d;
    return d;
}

static int teardown_group(void **state)
{
    (void)state;
    for (size_t i = 0; i < ntmpdirs; i++) {
        jx_test_rmtree(tmpdirs[i]);
        free(tmpdirs[i]);
    }
    ntmpdirs = 0;
    return 0;
}

static void opts_small(struct jx_gen_opts *o, char *dir)
{
    jx_gen_opts_init(o);
    o->outdir = dir;
    o->entries = 6000;
    o->days = 30;
    o->systems = 2;
    o->receiver_entries = 500;
    o->seed = 42;
}

static int fail_field(uint64_t rec, const char *file, const char *field, const char *want,
                      const char *got)
{
    print_error("%s record %llu: field %s: generator meant '%s', decoder gave '%s'\n", file,
                (unsigned long long)rec, field, want, got);
    return 1;
}

#define CMPS(f)                                                                       \
    do {                                                                              \
        if (strcmp(w->f, d->f))                                                       \
            bad |= fail_field(rec, path, #f, w->f, d->f);                             \
    } while (0)
#define CMPN(f)                                                                       \
    do {                                                                              \
        if ((uint64_t)w->f != (uint64_t)d->f) {                                       \
            char a_[32], b_[32];                                                      \
            snprintf(a_, sizeof(a_), "%llu", (unsigned long long)w->f);               \
            snprintf(b_, sizeof(b_), "%llu", (unsigned long long)d->f);               \
            bad |= fail_field(rec, path, #f, a_, b_);                                 \
        }                                                                             \
    } while (0)

/* Compare one decoded entry with the generator's truth. */
static int compare(const char *path, uint64_t rec, const struct jx_entry *w,
                   const struct jx_entry *d)
{
    int bad = 0;
    CMPN(seq); CMPN(ts); CMPN(sysseq); CMPN(thread); CMPN(esd_len); CMPN(esd_avail);
    CMPN(job_number); CMPN(remote_port); CMPN(flags); CMPN(ccsid); CMPN(code);
    CMPN(subtype); CMPN(addr_family);
    CMPS(type); CMPS(job); CMPS(job_user); CMPS(user); CMPS(program); CMPS(program_lib);
    CMPS(system); CMPS(receiver); CMPS(receiver_lib); CMPS(object_type_hdr);
    CMPS(remote_addr); CMPS(object); CMPS(object_lib); CMPS(object_type);
    CMPS(target_user); CMPS(path);
    if (w->esd_avail == d->esd_avail && memcmp(w->esd, d->esd, w->esd_avail))
        bad |= fail_field(rec, path, "esd bytes", "(generated)", "(differs)");
    return bad;
}

struct rt_counts {
    uint64_t records, truncated, paths, sk, cd, sv, plants, ipv6, jentries;
};

/* Every receiver of every system: decode the file and compare with a fresh
 * stream's records (bytes) and truths (fields). */
static void roundtrip_dir(const struct jx_gen_opts *o, const char *dir, struct rt_counts *c)
{
    struct jx_gen *g = NULL;
    struct jx_errctx err;
    struct jx_gen_truth *t = malloc(sizeof(*t));
    struct jx_entry *d = malloc(sizeof(*d));
    uint8_t *rec = malloc(JX_VARLEN_DATA_OFF + JX_ESD_MAX);
    char buf[8192];
    assert_non_null(t);
    assert_non_null(d);
    assert_non_null(rec);
    memset(c, 0, sizeof(*c));
    assert_int_equal(jx_gen_create(o, &g, &err), JX_OK);
    for (size_t s = 0; s < jx_gen_nsystems(g); s++)
        for (size_t r = 0; r < jx_gen_nreceivers(g, s); r++) {
            struct jx_gen_rcvinfo ri;
            struct jx_gen_rcv *st = NULL;
            struct jx_rcvfile *f = NULL;
            struct jx_rcvopts ro = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = o->ccsid};
            char path[2200];
            assert_int_equal(jx_gen_receiver(g, s, r, &ri), JX_OK);
            snprintf(path, sizeof(path), "%s/%s/%s", dir, ri.system, ri.receiver);
            struct stat sb;
            if (ri.missing) {
                assert_int_not_equal(stat(path, &sb), 0);
                continue;
            }
            if (jx_rcvfile_open(path, &ro, &f, &err)) {
                print_error("%s\n", err.msg);
                fail();
            }
            assert_int_equal(jx_gen_rcv_open(g, s, r, &st, &err), JX_OK);
            /* the decoder detects the record length and the JOESD shape */
            assert_int_equal(jx_rcvfile_reclen(f), jx_gen_rcv_reclen(st));
            assert_int_equal(jx_rcvfile_shape(f), o->shape);
            assert_int_equal(jx_rcvfile_count(f), ri.count);
            assert_int_equal(jx_gen_rcv_count(st), ri.count);
            int bad = 0;
            uint64_t i = 0;
            while (jx_gen_rcv_next(st, rec, t)) {
                assert_true(i < jx_rcvfile_count(f));
                if (memcmp(rec, jx_rcvfile_record(f, i), jx_rcvfile_reclen(f))) {
                    print_error("%s record %llu: bytes differ from a fresh stream\n", path,
                                (unsigned long long)i);
                    fail();
                }
                if (jx_rcvfile_decode(f, i, d, &err)) {
                    print_error("%s record %llu: %s\n", path, (unsigned long long)i, err.msg);
                    fail();
                }
                /* point the truth at the file's bytes for the ESD compare */
                t->e.esd = d->esd;
                bad |= compare(path, i, &t->e, d);
                const struct jx_ccsid *cc = jx_rcvfile_ccsid(f);
                if (t->e.type[0] == 'C' && t->e.type[1] == 'D' && t->e.code == 'T') {
                    jx_audit_cd_command(d, cc, buf, sizeof(buf));
                    if (strcmp(buf, t->cd_command))
                        bad |= fail_field(i, path, "cd_command", t->cd_command, buf);
                    c->cd++;
                }
                if (t->e.type[0] == 'S' && t->e.type[1] == 'V') {
                    struct jx_audit_sv *sv = malloc(sizeof(*sv));
                    assert_non_null(sv);
                    assert_int_equal(jx_audit_sv(d, cc, sv), JX_OK);
                    if (strcmp(sv->name, t->sv_name))
                        bad |= fail_field(i, path, "sv_name", t->sv_name, sv->name);
                    if (strcmp(sv->new_value, t->sv_new))
                        bad |= fail_field(i, path, "sv_new", t->sv_new, sv->new_value);
                    if (strcmp(sv->old_value, t->sv_old))
                        bad |= fail_field(i, path, "sv_old", t->sv_old, sv->old_value);
                    free(sv);
                    c->sv++;
                }
                c->records++;
                c->truncated += (t->e.flags & JX_F_TRUNCATED) != 0;
                c->paths += t->e.path[0] != '\0';
                c->sk += t->e.type[0] == 'S' && t->e.type[1] == 'K';
                c->plants += t->plant != 0;
                c->ipv6 += t->e.addr_family == '6';
                c->jentries += t->e.code == 'J';
                if (bad)
                    fail();
                i++;
            }
            assert_int_equal(i, jx_rcvfile_count(f));
            jx_gen_rcv_free(st);
            jx_rcvfile_close(f);
        }
    jx_gen_free(g);
    free(rec);
    free(d);
    free(t);
}

static void roundtrip_case(int ccsid, enum jx_esd_shape shape, uint32_t entdtalen,
                           struct rt_counts *c)
{
    struct jx_gen_opts o;
    struct jx_gen_stats st;
    struct jx_errctx err;
    char *tmp = tmpdir();
    char dir[1024];
    snprintf(dir, sizeof(dir), "%s/rcv", tmp);
    opts_small(&o, dir);
    o.ccsid = ccsid;
    o.shape = shape;
    o.entdtalen = entdtalen;
    o.resets = true;
    o.plants = JX_PLANT_ALL;
    if (jx_gen_run(&o, &st, &err)) {
        print_error("gen: %s\n", err.msg);
        fail();
    }
    assert_int_equal(st.files, 12);
    assert_int_equal(st.entries, 6000);
    assert_int_equal(st.nplants, 4);
    roundtrip_dir(&o, dir, c);
    assert_int_equal(c->records, 6000);
    assert_int_equal(c->truncated, st.truncated);
    assert_int_equal(c->plants, 20 + 2 + 1 + 1);
    if (entdtalen == JX_GEN_ENTDTALEN_CALC || entdtalen >= 800)
        assert_true(c->paths > 0); /* ZC path text starts at ESD byte 717 */
    assert_true(c->sk > 0);
    assert_true(c->ipv6 > 0);
    assert_true(c->jentries >= 2 * 2 * (12 / 2 - 1));
}

static void test_gen_roundtrip_fixed_37(void **state)
{
    struct rt_counts c;
    (void)state;
    roundtrip_case(37, JX_ESD_FIXED, 1024, &c);
}

/* A small ENTDTALEN truncates SV (3011 bytes), IFS paths and SK: the clipped
 * fields must read as the bytes present. */
static void test_gen_roundtrip_varlen_273_truncating(void **state)
{
    struct rt_counts c;
    (void)state;
    roundtrip_case(273, JX_ESD_VARLEN, 300, &c);
    assert_true(c.truncated > 0);
}

static void test_gen_roundtrip_varlen608_1141(void **state)
{
    struct rt_counts c;
    (void)state;
    roundtrip_case(1141, JX_ESD_VARLEN608, 800, &c); /* paths cut mid-way */
}

/* ENTDTALEN calc: every file sized to its own longest ESD, nothing cut. */
static void test_gen_entdtalen_calc(void **state)
{
    struct rt_counts c;
    (void)state;
    roundtrip_case(500, JX_ESD_FIXED, JX_GEN_ENTDTALEN_CALC, &c);
    assert_int_equal(c.truncated, 0);
    assert_true(c.sv > 0); /* the 3011-byte SV entries were there and fit */
}

/* Truncation is flagged exactly when the full ESD exceeds ENTDTALEN. */
static void test_gen_truncation_flag(void **state)
{
    struct jx_gen_opts o;
    struct jx_gen *g = NULL;
    struct jx_gen_rcv *s = NULL;
    struct jx_errctx err;
    struct jx_gen_truth *t = malloc(sizeof(*t));
    uint8_t *rec = malloc(609 + 200);
    uint64_t cut = 0, n = 0;
    (void)state;
    assert_non_null(t);
    assert_non_null(rec);
    opts_small(&o, NULL);
    o.entries = 3000;
    o.systems = 1;
    o.receiver_entries = 3000;
    o.entdtalen = 200;
    o.plants = JX_PLANT_SYSVAL;
    assert_int_equal(jx_gen_create(&o, &g, &err), JX_OK);
    assert_int_equal(jx_gen_reclen(g), 809);
    assert_int_equal(jx_gen_rcv_open(g, 0, 0, &s, &err), JX_OK);
    while (jx_gen_rcv_next(s, rec, t)) {
        int64_t entl = 0;
        n++;
        assert_int_equal(jx_zoned(rec, 5, &entl, NULL), JX_OK);
        assert_int_equal((uint64_t)entl, 609 + t->e.esd_len);
        assert_int_equal((t->e.flags & JX_F_TRUNCATED) != 0, t->e.esd_len > 200);
        assert_int_equal(t->e.esd_avail, t->e.esd_len > 200 ? 200 : t->e.esd_len);
        cut += t->e.esd_len > 200;
    }
    assert_int_equal(n, 3000);
    assert_true(cut > 0);  /* the planted SV alone is 3011 bytes */
    jx_gen_rcv_free(s);
    jx_gen_free(g);
    free(rec);
    free(t);
}

static int files_equal(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int eq = fa && fb;
    while (eq) {
        int ca = fgetc(fa), cb = fgetc(fb);
        if (ca != cb)
            eq = 0;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return eq;
}

/* Same seed: identical bytes with 1 and 3 threads; another seed differs. */
static void test_gen_determinism(void **state)
{
    struct jx_gen_opts o;
    struct jx_errctx err;
    char *tmp = tmpdir();
    char d1[1024], d2[1024], d3[1024], a[1100], b[1100];
    (void)state;
    snprintf(d1, sizeof(d1), "%s/t1", tmp);
    snprintf(d2, sizeof(d2), "%s/t3", tmp);
    snprintf(d3, sizeof(d3), "%s/s2", tmp);
    opts_small(&o, d1);
    o.resets = o.missing_receiver = true;
    o.plants = JX_PLANT_ALL;
    o.threads = 1;
    assert_int_equal(jx_gen_run(&o, NULL, &err), JX_OK);
    o.outdir = d2;
    o.threads = 3;
    assert_int_equal(jx_gen_run(&o, NULL, &err), JX_OK);
    o.outdir = d3;
    o.seed = 43;
    assert_int_equal(jx_gen_run(&o, NULL, &err), JX_OK);
    for (int s = 0; s < 2; s++)
        for (int r = 1; r <= 6; r++) {
            if (s == 0 && r == 4) /* the missing receiver (index 6 / 2) */
                continue;
            snprintf(a, sizeof(a), "%s/SYS%c/AUDRCV%04d", d1, 'A' + s, r);
            snprintf(b, sizeof(b), "%s/SYS%c/AUDRCV%04d", d2, 'A' + s, r);
            assert_true(files_equal(a, b));
            snprintf(b, sizeof(b), "%s/SYS%c/AUDRCV%04d", d3, 'A' + s, r);
            assert_false(files_equal(a, b));
        }
    /* writing into a non-empty directory is refused */
    o.outdir = d1;
    assert_int_equal(jx_gen_run(&o, NULL, &err), JX_E_USAGE);
}

/* Entry-type shares follow realistic-mix §6.1 (within a tolerance). */
static void count_types(int profile, uint64_t n, uint64_t counts[26][36])
{
    struct jx_gen_opts o;
    struct jx_gen *g = NULL;
    struct jx_errctx err;
    uint8_t *rec = malloc(609 + 1024);
    assert_non_null(rec);
    opts_small(&o, NULL);
    o.entries = n;
    o.systems = 1;
    o.receiver_entries = 50000;
    o.profile = (enum jx_gen_profile)profile;
    assert_int_equal(jx_gen_create(&o, &g, &err), JX_OK);
    memset(counts, 0, sizeof(uint64_t) * 26 * 36);
    for (size_t r = 0; r < jx_gen_nreceivers(g, 0); r++) {
        struct jx_gen_rcv *s = NULL;
        assert_int_equal(jx_gen_rcv_open(g, 0, r, &s, &err), JX_OK);
        const struct jx_ccsid *cc = jx_ccsid_get(37);
        while (jx_gen_rcv_next(s, rec, NULL)) {  /* no truth: read the heading */
            char ty[2] = {cc->u8[rec[JX_H_ENTT]][0], cc->u8[rec[JX_H_ENTT + 1]][0]};
            if (cc->u8[rec[JX_H_CODE]][0] != 'T')
                continue;
            int i0 = ty[0] - 'A', i1 = ty[1] >= 'A' ? ty[1] - 'A' : 26 + ty[1] - '0';
            assert_true(i0 >= 0 && i0 < 26 && i1 >= 0 && i1 < 36);
            counts[i0][i1]++;
        }
        jx_gen_rcv_free(s);
    }
    jx_gen_free(g);
    free(rec);
}

#define CNT(c, a, b) (c)[(a) - 'A'][(b) >= 'A' ? (b) - 'A' : 26 + (b) - '0']

static void test_gen_type_mix(void **state)
{
    static uint64_t c[26][36];
    const double n = 100000;
    (void)state;
    count_types(JX_GEN_MIMIX_OBJAUD, 100000, c);
    /* ZC 615 per 1000 (of 1000.2), PS 90, JS 80 */
    assert_true(CNT(c, 'Z', 'C') / n > 0.59 && CNT(c, 'Z', 'C') / n < 0.64);
    assert_true(CNT(c, 'P', 'S') / n > 0.08 && CNT(c, 'P', 'S') / n < 0.10);
    assert_true(CNT(c, 'J', 'S') / n > 0.07 && CNT(c, 'J', 'S') / n < 0.09);
    int types = 0;
    for (int i = 0; i < 26; i++)
        for (int j = 0; j < 36; j++)
            types += c[i][j] > 0;
    assert_true(types >= 30);
    count_types(JX_GEN_ACTION_ONLY, 30000, c);
    assert_int_equal(CNT(c, 'Z', 'C') + CNT(c, 'Z', 'R') + CNT(c, 'L', 'D'), 0);
    assert_true(CNT(c, 'P', 'S') / 30000.0 > 0.25 && CNT(c, 'P', 'S') / 30000.0 < 0.31);
}

/* The chain planner sees the resets, the gap left by the missing receiver,
 * and the plants where the stats say. */
static void test_gen_chain_features(void **state)
{
    struct jx_gen_opts o;
    struct jx_gen_stats st;
    struct jx_errctx err;
    struct jx_rcvfile **files = NULL;
    size_t nfiles = 0;
    struct jx_plan *plan = NULL;
    struct jx_plan_opts po = {false, 2, NULL};
    struct jx_rcvopts ro = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = 37};
    char *tmp = tmpdir();
    char dir[1024];
    char *in[1] = {dir};
    (void)state;
    snprintf(dir, sizeof(dir), "%s/rcv", tmp);
    opts_small(&o, dir);
    o.resets = o.missing_receiver = true;
    o.plants = JX_PLANT_ALL;
    o.threads = 2;
    assert_int_equal(jx_gen_run(&o, &st, &err), JX_OK);
    assert_int_equal(st.files, 11);
    assert_int_equal(st.entries, 5500);
    assert_int_equal(jx_open_inputs(in, 1, &ro, &files, &nfiles, &err), JX_OK);
    assert_int_equal(nfiles, 11);
    assert_int_equal(jx_plan_build(files, nfiles, &po, &plan, &err), JX_OK);
    assert_int_equal(plan->nsystems, 2);
    assert_int_equal(plan->entries, 5500);
    int resets = 0, gaps = 0;
    for (size_t i = 0; i < plan->nrcv; i++) {
        const struct jx_rcvinfo *ri = &plan->rcv[i];
        resets += ri->reset;
        if (!strcmp(ri->system, "SYSA") && !strcmp(ri->receiver, "AUDRCV0005")) {
            assert_false(ri->reset);
            assert_true(ri->gap_before >= 500); /* AUDRCV0004 is missing */
            gaps++;
        }
    }
    assert_true(resets >= 2); /* at least one per system */
    assert_int_equal(gaps, 1);
    for (size_t i = 0; i < st.nplants; i++) {
        assert_string_equal(st.plants[i].system, "SYSA");
        assert_string_equal(st.plants[i].receiver, "AUDRCV0001");
        assert_true(st.plants[i].last_seq >= st.plants[i].first_seq);
    }
    assert_int_equal(st.plants[0].last_seq - st.plants[0].first_seq + 1 >= 20, 1);
    assert_true(st.plants[0].last_ts - st.plants[0].first_ts <= 130 * 1000000LL);
    jx_plan_free(plan);
    jx_close_inputs(files, nfiles);
}

static void test_gen_bad_options(void **state)
{
    struct jx_gen_opts o;
    struct jx_gen *g = NULL;
    struct jx_errctx err;
    unsigned bits;
    (void)state;
    opts_small(&o, NULL);
    o.ccsid = 1234;
    assert_int_equal(jx_gen_create(&o, &g, &err), JX_E_USAGE);
    opts_small(&o, NULL);
    o.missing_receiver = true;
    o.receiver_entries = 5000; /* 2 receivers per system: too few */
    assert_int_equal(jx_gen_create(&o, &g, &err), JX_E_USAGE);
    assert_null(g);
    assert_int_equal(jx_gen_plant_parse("allobj-grant,nope", &bits, &err), JX_E_USAGE);
    assert_int_equal(jx_gen_plant_parse("sysval-change,audit-change", &bits, &err), JX_OK);
    assert_int_equal(bits, JX_PLANT_SYSVAL | JX_PLANT_AUDIT_CHANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gen_roundtrip_fixed_37),
        cmocka_unit_test(test_gen_roundtrip_varlen_273_truncating),
        cmocka_unit_test(test_gen_roundtrip_varlen608_1141),
        cmocka_unit_test(test_gen_entdtalen_calc),
        cmocka_unit_test(test_gen_truncation_flag),
        cmocka_unit_test(test_gen_determinism),
        cmocka_unit_test(test_gen_type_mix),
        cmocka_unit_test(test_gen_chain_features),
        cmocka_unit_test(test_gen_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, teardown_group);
}
