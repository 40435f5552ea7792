/*
 * tests/test_rcvdec.c - the decoding context (struct jx_rcvdec, ingest/
 * receiver.h) against the context-less decoder, record after record.
 *
 * The context reuses what it validated and converted for the previous
 * record when a field's bytes repeat, and accepts other fields with inline
 * checks that defer every doubt to the full validation. These tests make
 * the caches hit and miss on every field, valid and invalid, and require
 * EXACTLY the context-less results: the same accept/reject decision, the
 * same error (message and byte offset), the same key and entry; and the
 * trusted decode (the ingest build pass) the same entry for every record the
 * validation accepted. Files are small; the whole binary runs in well under
 * a second.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#include "ebcdic.h"
#include "fields.h"
#include "layout.h"
#include "receiver.h"
#include "recbuild.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void) { return jx_test_xorshift(&rng); }


/* Entries whose fields repeat in runs (so that the caches hit) and change
 * now and then (so that they miss): a few jobs, users, programs, days. */
static void fill(struct rb_file *f, const struct rb_fmt *fmt, size_t n)
{
    static const char *jobs[] = {"QPADEV0001", "QZDASOINIT", "BATCH", "QTCPIP"};
    static const char *users[] = {"QSECOFR", "ALICE", "BOB", "QUSER", "CAROL"};
    static const char *pgms[] = {"QCMD", "PAYROLL", "QZDASOINIT", "X"};
    static const char *types[] = {"AF", "PW", "CD", "ZC", "ZR", "SK", "JS"};
    static struct rb_esd d;
    struct rb_entry e;
    uint64_t seq = 999990 + rnd() % 20; /* crosses a 10^6 boundary: prefix changes */
    int64_t ts = jx_ts_make(2024, 2, 28, 23, 59, 0, 0);
    const size_t cap = fmt->reclen - jx_esd_data_off(fmt->shape);
    rb_file_init(f, fmt);
    for (size_t i = 0; i < n; i++) {
        char obj[16];
        rb_entry_init(&e);
        rb_esd_init(&d, fmt->ccsid);
        snprintf(obj, sizeof(obj), "OBJ%u", (unsigned)(rnd() % 7));
        rb_esd_object(&d, (char)('A' + rnd() % 3), obj, "PRODLIB", "*FILE");
        d.len = JX_MIN(cap + (rnd() % 8 == 0 ? 50 : 0), (size_t)40 + (size_t)(rnd() % 120));
        if (d.len > sizeof(d.b))
            d.len = sizeof(d.b);
        e.esd = d.b;
        e.esd_len = d.len;
        seq += 1 + (rnd() % 16 == 0 ? rnd() % 5 : 0);
        ts += (int64_t)(rnd() % 4000000); /* crosses midnight and Feb 29 */
        e.seq = seq;
        e.ts = ts;
        e.type = types[(i / 3 + rnd() % 2) % JX_ARRAY_SIZE(types)];
        e.job = jobs[(i / 5) % JX_ARRAY_SIZE(jobs)];
        e.user = users[(i / 2 + rnd() % 2) % JX_ARRAY_SIZE(users)];
        e.job_user = users[(i / 7) % JX_ARRAY_SIZE(users)];
        e.program = pgms[rnd() % JX_ARRAY_SIZE(pgms)];
        e.job_number = (uint32_t)(100000 + (i / 4) % 3);
        e.remote_port = (uint16_t)(i % 9 < 6 ? 0 : 446 + (i / 9) % 2);
        e.remote_addr = i % 9 < 6 ? NULL : "10.1.2.3";
        e.addr_family = i % 9 < 6 ? '0' : '4';
        e.sysseq = i % 11 < 3 ? 0 : 5000000 + i;
        e.thread = 0x1234 + i % 3;
        rb_file_add(f, &e);
    }
}

/* Put digit string s (EBCDIC) at p. */
static void digits(uint8_t *p, const char *s)
{
    for (size_t i = 0; s[i]; i++)
        p[i] = (uint8_t)(0xF0 + (s[i] - '0'));
}

/* One damage of record r: every field the context caches or checks inline,
 * with values just inside and just outside what the validation accepts. */
static void damage(struct rb_file *f, size_t r)
{
    uint8_t *p = rb_file_rec(f, r);
    switch (rnd() % 24) {
    case 0: p[JX_H_ENTL + rnd() % 5] = (uint8_t)rnd(); break;
    case 1: jx_put_zoned(p + JX_H_ENTL, JX_H_ENTL_LEN, 600 + (int64_t)(rnd() % 20)); break;
    case 2: p[JX_H_ENTL + 4] = (uint8_t)(0xC0 | (p[JX_H_ENTL + 4] & 0x0F)); break; /* C sign: fine */
    case 3: p[JX_H_ENTL + 4] = (uint8_t)(0xD0 | (p[JX_H_ENTL + 4] & 0x0F)); break; /* negative */
    case 4: p[JX_H_SEQN + rnd() % 20] = (uint8_t)rnd(); break;
    case 5: p[JX_H_SEQN + 19] = (uint8_t)(0xC0 | (p[JX_H_SEQN + 19] & 0x0F)); break;
    case 6: digits(p + JX_H_SEQN, "18446744073709551615"); break; /* the largest */
    case 7: digits(p + JX_H_SEQN, "18446744073709551616"); break; /* one too many */
    case 8: digits(p + JX_H_SEQN, "18446744073709000000"); break; /* prefix at the limit */
    case 9: p[JX_H_TSTP + 11 + rnd() % 15] = (uint8_t)rnd(); break; /* time part */
    case 10: digits(p + JX_H_TSTP + 11, "24"); break;
    case 11: digits(p + JX_H_TSTP + 14, rnd() % 2 ? "60" : "59"); break;
    case 12: p[JX_H_TSTP + rnd() % 11] = (uint8_t)rnd(); break; /* date part */
    case 13: digits(p + JX_H_TSTP, rnd() % 2 ? "2023-02-29" : "2024-02-29"); p[JX_H_TSTP + 4] = 0x60; p[JX_H_TSTP + 7] = 0x60; break;
    case 14: p[JX_H_NBR + rnd() % 6] = (uint8_t)rnd(); break;
    case 15: digits(p + JX_H_NBR, "000000"); p[JX_H_NBR + 5] = 0xD0; break; /* -0: valid */
    case 16: p[JX_H_NBR + 5] = (uint8_t)(0xD0 | (p[JX_H_NBR + 5] & 0x0F)); break;
    case 17: memset(p + JX_H_SYSSEQ, 0, JX_H_SYSSEQ_LEN); p[JX_H_SYSSEQ + 14 + rnd() % 6] = (uint8_t)(rnd() % 3 ? 0 : 0xF1); break;
    case 18: p[JX_H_SYSSEQ + rnd() % 20] = (uint8_t)(rnd() % 2 ? 0 : rnd()); break;
    case 19: digits(p + JX_H_RPORT, rnd() % 2 ? "65535" : "65536"); break;
    case 20: memset(p + JX_H_RPORT, 0, JX_H_RPORT_LEN); p[JX_H_RPORT + rnd() % 5] = (uint8_t)(rnd() % 2 ? 0 : 0xF7); break;
    case 21: p[JX_H_CODE] = (uint8_t)(rnd() % 2 ? 0xC1 + rnd() % 9 : rnd()); break;
    case 22: p[JX_H_ENTT + rnd() % 2] = (uint8_t)(rnd() % 2 ? 0xF0 + rnd() % 10 : rnd()); break;
    default: /* the varlen length, or a text field */
        if (f->fmt.shape != JX_ESD_FIXED)
            jx_put_be16(p + (f->fmt.shape == JX_ESD_VARLEN ? JX_VARLEN_LEN_OFF : JX_VARLEN608_LEN_OFF),
                        (uint16_t)(rnd() % 1200));
        else
            p[(const size_t[]){JX_H_JOB, JX_H_USPF, JX_H_SYNM, JX_H_RADR, JX_H_OBJTYP}[rnd() % 5]] =
                (uint8_t)(rnd() % 2 ? 0 : rnd());
    }
}

static void same_entry(const struct jx_entry *a, const struct jx_entry *b, uint64_t r,
                       const char *what)
{
    char why[256];
    /* the same bytes too (a windowed decoder's ESD is in its window) */
    if (jx_test_entry_diff(a, b, why, sizeof(why)))
        fail_msg("record %llu (%s): %s", (unsigned long long)r, what, why);
}

/* Every record of path through the contexts and without: same results. */
static uint64_t compare_file(const char *path, const struct rb_fmt *fmt, uint64_t *rejected)
{
    const struct jx_rcvopts ro = {fmt->reclen, fmt->shape, fmt->ccsid, NULL};
    struct jx_rcvfile *f;
    struct jx_errctx e1, e2;
    struct jx_rcvdec *kd = malloc(sizeof(*kd)), *vd = malloc(sizeof(*vd)),
                     *td = malloc(sizeof(*td)), *rd = malloc(sizeof(*rd));
    struct jx_entry *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b)), *c = malloc(sizeof(*c));
    uint64_t accepted = 0;
    assert_non_null(kd);
    assert_non_null(rd);
    assert_non_null(c);
    if (jx_rcvfile_open(path, &ro, &f, &e1))
        fail_msg("open %s: %s", path, e1.msg);
    /* key and trusted decoders read through windows of 2 and 5 records, as
     * the ingest passes do; the validating one through the mapping */
    const size_t rl = jx_rcvfile_reclen(f);
    uint8_t *kwin = malloc(2 * rl), *twin = malloc(5 * rl + rl / 2), *rwin = malloc(3 * rl);
    assert_non_null(kwin);
    assert_non_null(twin);
    assert_non_null(rwin);
    jx_rcvdec_init(kd, f);
    jx_rcvdec_window(kd, kwin, 2 * rl);
    jx_rcvdec_init(vd, f);
    jx_rcvdec_init(td, f);
    jx_rcvdec_window(td, twin, 5 * rl + rl / 2);
    /* the ingest pipeline's form: validating, raw names, through a window */
    jx_rcvdec_init(rd, f);
    jx_rcvdec_window(rd, rwin, 3 * rl);
    jx_rcvdec_raw_names(rd, true);
    for (uint64_t r = 0; r < jx_rcvfile_count(f); r++) {
        struct jx_rcvkey k1, k2;
        jx_errctx_clear(&e1);
        jx_errctx_clear(&e2);
        const int rk1 = jx_rcvfile_key(f, r, &k1, &e1);
        const int rk2 = jx_rcvdec_key(kd, r, &k2, &e2);
        if (rk1 != rk2)
            fail_msg("record %llu: key rc %d without context, %d with (%s | %s)",
                     (unsigned long long)r, rk1, rk2, e1.msg, e2.msg);
        if (rk1) {
            if (strcmp(e1.msg, e2.msg) || e1.offset != e2.offset || e1.record != e2.record)
                fail_msg("record %llu: errors differ: '%s' @%lld vs '%s' @%lld",
                         (unsigned long long)r, e1.msg, (long long)e1.offset, e2.msg,
                         (long long)e2.offset);
        } else {
            assert_true(k1.seq == k2.seq);
            assert_true(k1.ts == k2.ts);
            assert_int_equal(k1.code, k2.code);
            assert_string_equal(k1.system, k2.system);
            assert_string_equal(k1.receiver, k2.receiver);
            assert_string_equal(k1.receiver_lib, k2.receiver_lib);
        }
        const int rd1 = jx_rcvfile_decode(f, r, a, &e1);
        const int rd2 = jx_rcvdec_decode(vd, r, b, &e2);
        assert_int_equal(rd1, rk1); /* key and decode accept the same records */
        assert_int_equal(rd2, rk1);
        {
            struct jx_errctx e3;
            jx_errctx_clear(&e3);
            memset(c, 0x5A, sizeof(*c));
            const int rd3 = jx_rcvdec_decode(rd, r, c, &e3);
            assert_int_equal(rd3, rk1);
            if (rd3) {
                assert_string_equal(e1.msg, e3.msg);
                assert_true(e1.offset == e3.offset);
            } else {
                /* names left raw, in the record read (the window), their
                 * members empty; converted, the very entry */
                assert_true(c->raw_names);
                const char *names[] = {c->job, c->job_user, c->user, c->program,
                                       c->program_lib, c->object_type_hdr};
                for (unsigned k = 0; k < JX_RN_COUNT_; k++) {
                    assert_string_equal(names[k], "");
                    assert_true(c->raw[k] >= rwin &&
                                c->raw[k] + JX_RAWNAME_READ <= rwin + 3 * rl);
                    assert_int_equal(c->raw_len[k], k == JX_RN_OBJTYPE_HDR ? 7 : 10);
                }
                assert_int_equal(jx_entry_names(c), 0);
                assert_false(c->raw_names);
                same_entry(a, c, r, "raw names, converted");
            }
        }
        if (rd1) {
            assert_string_equal(e1.msg, e2.msg);
            assert_true(e1.offset == e2.offset);
            (*rejected)++;
            continue;
        }
        same_entry(a, b, r, "validating, context");
        assert_true(a->seq == k1.seq && a->ts == k1.ts);
        /* the ingest build pass: only records the plan accepted */
        memset(c, 0x5A, sizeof(*c));
        assert_int_equal(jx_rcvdec_decode_trusted(td, r, c, &e2), 0);
        same_entry(a, c, r, "trusted");
        accepted++;
    }
    jx_rcvfile_close(f);
    free(kwin);
    free(twin);
    free(rwin);
    free(kd);
    free(vd);
    free(td);
    free(rd);
    free(a);
    free(b);
    free(c);
    return accepted;
}

/* Clean files (caches hit and miss on valid data), then damaged ones. */
static void test_rcvdec_equals_contextless(void **state)
{
    (void)state;
    static const struct rb_fmt fmts[] = {
        {760, JX_ESD_FIXED, 37}, {700, JX_ESD_VARLEN, 273}, {820, JX_ESD_VARLEN608, 500},
        {650, JX_ESD_FIXED, 1141},
    };
    uint64_t accepted = 0, rejected = 0;
    const char *env = getenv("JX_RCVDEC_ROUNDS");
    const int rounds = env ? atoi(env) : 24;
    for (int round = 0; round < rounds; round++) {
        const struct rb_fmt *fmt = &fmts[round % JX_ARRAY_SIZE(fmts)];
        struct rb_file f;
        fill(&f, fmt, 600);
        if (round >= (int)JX_ARRAY_SIZE(fmts)) {
            /* damage about one record in eight, sometimes several in a row
             * (not record 0: opening the file checks its heading) */
            for (size_t r = 1; r < f.n; r++)
                if (rnd() % 8 == 0)
                    for (int k = 0, nk = 1 + (int)(rnd() % 2); k < nk; k++)
                        damage(&f, r);
        }
        char *p = rb_file_write(&f, jx_test_dir, "rcvdec.type5");
        uint64_t rej = 0;
        accepted += compare_file(p, fmt, &rej);
        if (round < (int)JX_ARRAY_SIZE(fmts))
            assert_int_equal(rej, 0); /* clean files decode whole */
        rejected += rej;
        free(p);
        rb_file_free(&f);
    }
    /* both kinds were exercised, many times */
    assert_true(accepted > 4000);
    assert_true(rejected > 200);
}

/* A file shortened after it was opened: a windowed decoder reports the
 * file, the first record it could not read and its byte offset (a mapping
 * would have raised SIGBUS there), after decoding every record before it. */
static void test_rcvdec_window_short_file(void **state)
{
    (void)state;
    static const struct rb_fmt fmt = {760, JX_ESD_FIXED, 37};
    const struct jx_rcvopts ro = {fmt.reclen, fmt.shape, fmt.ccsid, NULL};
    struct rb_file rf;
    struct jx_rcvfile *f;
    struct jx_errctx e;
    struct jx_rcvdec *d = malloc(sizeof(*d));
    struct jx_entry *ent = malloc(sizeof(*ent));
    uint8_t *win = malloc(4 * fmt.reclen);
    assert_non_null(d);
    assert_non_null(ent);
    assert_non_null(win);
    fill(&rf, &fmt, 40);
    char *path = rb_file_write(&rf, jx_test_dir, "short.type5");
    if (jx_rcvfile_open(path, &ro, &f, &e))
        fail_msg("open %s: %s", path, e.msg);
    assert_int_equal(truncate(path, (off_t)(25 * fmt.reclen + 100)), 0);
    jx_rcvdec_init(d, f);
    jx_rcvdec_window(d, win, 4 * fmt.reclen);
    uint64_t r = 0;
    int rc = 0;
    for (; r < jx_rcvfile_count(f) && !(rc = jx_rcvdec_decode_trusted(d, r, ent, &e)); r++)
        ;
    /* windows of 4 records: the one from record 24 ends past the new end */
    assert_int_equal(rc, JX_E_IO);
    assert_int_equal(r, 24);
    assert_string_equal(e.file, path);
    assert_int_equal(e.record, 25);
    assert_int_equal(e.offset, 25 * (int64_t)fmt.reclen + 100);
    assert_non_null(strstr(e.msg, "shorter than when it was opened"));
    /* the validating pass says the same */
    jx_rcvdec_init(d, f);
    jx_rcvdec_window(d, win, 4 * fmt.reclen);
    struct jx_rcvkey k;
    for (r = 0; r < jx_rcvfile_count(f) && !(rc = jx_rcvdec_key(d, r, &k, &e)); r++)
        ;
    assert_int_equal(rc, JX_E_IO);
    assert_int_equal(r, 24);
    jx_rcvfile_close(f);
    rb_file_free(&rf);
    free(path);
    free(win);
    free(ent);
    free(d);
}

/* Named edge values, each right after a valid record whose bytes prime the
 * caches: the fast path must accept exactly what the validation accepts. */
static void test_rcvdec_edges(void **state)
{
    (void)state;
    static const struct rb_fmt fmt = {700, JX_ESD_VARLEN, 37};
    static const struct {
        size_t off;
        const char *digits; /* written as EBCDIC digits at off */
        int last_zone;      /* 0: keep F; else the last byte's zone nibble */
        int ok;
    } edges[] = {
        {JX_H_SEQN, "18446744073709551615", 0, 1},
        {JX_H_SEQN, "18446744073709551616", 0, 0},
        {JX_H_SEQN, "18446744073709551615", 0xC, 1},
        {JX_H_SEQN, "18446744073709551615", 0xD, 0},
        {JX_H_SEQN, "99999999999999999999", 0, 0},
        {JX_H_SYSSEQ, "18446744073709551616", 0, 0},
        {JX_H_SYSSEQ, "00000000000000000001", 0xC, 1},
        {JX_H_NBR, "000000", 0xD, 1},  /* -0 */
        {JX_H_NBR, "000001", 0xD, 0},  /* -1 */
        {JX_H_NBR, "123456", 0xC, 1},
        {JX_H_RPORT, "65535", 0, 1},
        {JX_H_RPORT, "65536", 0, 0},
        {JX_H_RPORT, "00080", 0xC, 1},
        {JX_H_RPORT, "00080", 0xD, 0},
        {JX_H_ENTL, "00609", 0, 1},
        {JX_H_ENTL, "00608", 0, 0},
        {JX_H_ENTL, "00700", 0xD, 0},
        {JX_H_TSTP + 11, "23", 0, 1},
        {JX_H_TSTP + 11, "24", 0, 0},
        {JX_H_TSTP + 17, "60", 0, 0},
    };
    struct rb_file f;
    struct rb_entry e;
    rb_file_init(&f, &fmt);
    for (size_t i = 0; i < JX_ARRAY_SIZE(edges); i++) {
        for (int k = 0; k < 3; k++) { /* valid neighbours, same bytes mostly */
            rb_entry_init(&e);
            e.seq = 18446744073709000000ull + 10 * i + (uint64_t)k;
            e.sysseq = 7;
            e.remote_port = 80;
            rb_file_add(&f, &e);
        }
        uint8_t *p = rb_file_rec(&f, rb_file_add(&f, &e));
        digits(p + edges[i].off, edges[i].digits);
        if (edges[i].last_zone) {
            uint8_t *z = p + edges[i].off + strlen(edges[i].digits) - 1;
            *z = (uint8_t)((edges[i].last_zone << 4) | (*z & 0x0F));
        }
    }
    /* the two "00000000000000000000" forms of an optional field */
    rb_entry_init(&e);
    e.seq = 1;
    uint8_t *p = rb_file_rec(&f, rb_file_add(&f, &e));
    memset(p + JX_H_SYSSEQ, 0, JX_H_SYSSEQ_LEN);
    p = rb_file_rec(&f, rb_file_add(&f, &e));
    memset(p + JX_H_SYSSEQ, 0, JX_H_SYSSEQ_LEN - 1);
    char *path = rb_file_write(&f, jx_test_dir, "edges.type5");
    uint64_t rej = 0;
    const uint64_t acc = compare_file(path, &fmt, &rej);
    size_t want_bad = 1; /* the partly X'00' JOSYSSEQ */
    for (size_t i = 0; i < JX_ARRAY_SIZE(edges); i++)
        want_bad += !edges[i].ok;
    /* the decoders agree with each other (above) and with the table */
    assert_int_equal(rej, want_bad);
    assert_int_equal(acc + rej, f.n);
    free(path);
    rb_file_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rcvdec_equals_contextless),
        cmocka_unit_test(test_rcvdec_edges),
        cmocka_unit_test(test_rcvdec_window_short_file),
    };
    return cmocka_run_group_tests(tests, jx_test_dir_setup, jx_test_dir_teardown);
}
