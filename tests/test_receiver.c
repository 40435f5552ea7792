/*
 * tests/test_receiver.c - ingest/receiver.c: record length and JOESD shape
 * detection, every heading field of formats doc §2.5, truncated ESD (§2.0,
 * §8 item 7), errors that name file + record + byte offset, --on-error skip
 * through jx_plan_build, and a mutation smoke test (thousands of damaged
 * files must give a result or one clear error, never a crash).
 *
 * Records come from tests/recbuild.c, which places fields with the
 * offsets of common/layout.h only; expected offsets in errors are computed
 * from the same constants.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "test.h"
#include "recbuild.h"

#include "chain.h"
#include "ebcdic.h"
#include "fields.h"
#include "jx.h"
#include "layout.h"
#include "receiver.h"



static const enum jx_esd_shape shapes[] = {JX_ESD_FIXED, JX_ESD_VARLEN, JX_ESD_VARLEN608};

static struct jx_rcvfile *open_ok(const char *path, size_t reclen,
                                  enum jx_esd_shape shape, int ccsid)
{
    const struct jx_rcvopts o = {.reclen = reclen, .shape = shape, .ccsid = ccsid};
    struct jx_rcvfile *f = NULL;
    struct jx_errctx e;
    char buf[1400];
    jx_errctx_clear(&e);
    if (jx_rcvfile_open(path, &o, &f, &e) != JX_OK)
        fail_msg("open: %s", jx_errctx_format(&e, buf, sizeof(buf)));
    assert_non_null(f);
    return f;
}

static int open_err(const char *path, size_t reclen, enum jx_esd_shape shape,
                    int ccsid, struct jx_errctx *e)
{
    const struct jx_rcvopts o = {.reclen = reclen, .shape = shape, .ccsid = ccsid};
    struct jx_rcvfile *f = (struct jx_rcvfile *)1;
    jx_errctx_clear(e);
    int rc = jx_rcvfile_open(path, &o, &f, e);
    assert_true(rc < 0);
    assert_null(f);
    assert_int_equal(e->code, rc);
    assert_string_equal(e->file, path);
    assert_true(e->msg[0] != '\0');
    return rc;
}

/* An AF entry of sequence `seq` with an ESD of exactly esd_len bytes. */
static void mk_entry(struct rb_entry *e, struct rb_esd *d, int ccsid, uint64_t seq,
                     size_t esd_len)
{
    char name[16];
    rb_entry_init(e);
    rb_esd_init(d, ccsid);
    snprintf(name, sizeof(name), "OBJ%llu", (unsigned long long)(seq % 1000000));
    rb_esd_object(d, 'A', name, "PRODLIB", "*FILE");
    if (esd_len > d->len)
        rb_esd_char(d, esd_len - 1, 1, "Z");
    d->len = esd_len;
    e->seq = seq;
    e->ts = jx_ts_make(2024, 3, 1, 10, 0, 0, 0) + (int64_t)seq * JX_US_PER_SEC;
    e->job_number = (uint32_t)(seq % 1000000);
    e->esd = d->b;
    e->esd_len = esd_len;
}

/* A file of n AF records (ESD lengths vary, all fit unless too long). */
static char *mk_file(const char *name, const struct rb_fmt *fmt, size_t n,
                     struct rb_file *keep)
{
    struct rb_file f;
    struct rb_entry e;
    static struct rb_esd d;
    const size_t cap = fmt->reclen - jx_esd_data_off(fmt->shape);
    rb_file_init(&f, fmt);
    for (size_t i = 0; i < n; i++) {
        size_t len = JX_MIN(cap, (size_t)30 + (i * 37) % 200);
        mk_entry(&e, &d, fmt->ccsid, 1000 + i, len);
        rb_file_add(&f, &e);
    }
    char *p = rb_file_write(&f, jx_test_dir, name);
    if (keep)
        *keep = f;
    else
        rb_file_free(&f);
    return p;
}

static void decode_ok(const struct jx_rcvfile *f, uint64_t rec, struct jx_entry *e)
{
    struct jx_errctx err;
    char buf[1400];
    jx_errctx_clear(&err);
    if (jx_rcvfile_decode(f, rec, e, &err) != JX_OK)
        fail_msg("decode %llu: %s", (unsigned long long)rec,
                 jx_errctx_format(&err, buf, sizeof(buf)));
}

/* ---- record length and shape detection ------------------------------------ */

static void test_detect_lengths_and_shapes(void **state)
{
    (void)state;
    const size_t lens[] = {612, 700, 911, 1209, 1309, 2048, 4096, 8000, 33375};
    const size_t counts[] = {1, 2, 3, 7, 40};
    for (size_t s = 0; s < JX_ARRAY_SIZE(shapes); s++)
        for (size_t l = 0; l < JX_ARRAY_SIZE(lens); l++)
            for (size_t c = 0; c < JX_ARRAY_SIZE(counts); c++) {
                if (lens[l] > 10000 && counts[c] > 3)
                    continue; /* keep the test fast */
                const struct rb_fmt fmt = {lens[l], shapes[s], 37};
                char *p = mk_file("detect.type5", &fmt, counts[c], NULL);
                struct jx_rcvfile *f = open_ok(p, 0, JX_ESD_AUTO, 37);
                if (jx_rcvfile_reclen(f) != lens[l] || jx_rcvfile_shape(f) != shapes[s])
                    fail_msg("%zu records of %zu bytes %s: detected %zu %s", counts[c],
                             lens[l], jx_esd_shape_name(shapes[s]), jx_rcvfile_reclen(f),
                             jx_esd_shape_name(jx_rcvfile_shape(f)));
                assert_int_equal(jx_rcvfile_count(f), counts[c]);
                assert_int_equal(jx_rcvfile_size(f), counts[c] * lens[l]);
                assert_string_equal(jx_rcvfile_path(f), p);
                struct jx_entry e;
                for (uint64_t r = 0; r < counts[c]; r++) {
                    decode_ok(f, r, &e);
                    assert_true(e.seq == 1000 + r);
                    assert_int_equal(e.subtype, 'A');
                }
                jx_rcvfile_close(f);
                free(p);
            }
    /* the smallest record: heading + 1 ESD byte (fixed) or + empty varlen */
    const struct rb_fmt f610 = {610, JX_ESD_FIXED, 37};
    char *p = mk_file("small.type5", &f610, 5, NULL);
    struct jx_rcvfile *f = open_ok(p, 0, JX_ESD_AUTO, 37);
    assert_int_equal(jx_rcvfile_reclen(f), 610);
    jx_rcvfile_close(f);
    free(p);
}

static void test_detect_one_record_files(void **state)
{
    (void)state;
    /* a one-record file is its own record length, whatever it divides by */
    const size_t lens[] = {610, 1000, 1218, 1300, 2436, 4096};
    for (size_t s = 0; s < JX_ARRAY_SIZE(shapes); s++)
        for (size_t l = 0; l < JX_ARRAY_SIZE(lens); l++) {
            if (lens[l] < jx_esd_data_off(shapes[s]) + 1)
                continue;
            const struct rb_fmt fmt = {lens[l], shapes[s], 500};
            char *p = mk_file("one.type5", &fmt, 1, NULL);
            struct jx_rcvfile *f = open_ok(p, 0, JX_ESD_AUTO, 500);
            assert_int_equal(jx_rcvfile_count(f), 1);
            assert_int_equal(jx_rcvfile_reclen(f), lens[l]);
            jx_rcvfile_close(f);
            free(p);
        }
}

/* An ESD holding the first bytes of a heading (zoned length, sequence,
 * 'T', type, timestamp) exactly where a shorter record would start. The
 * detector must see that the rest of that "heading" is not one. */
static void test_detect_ignores_heading_mimic(void **state)
{
    (void)state;
    const size_t R = 1300, half = R / 2;
    for (size_t n = 1; n <= 3; n++) {
        struct rb_file f;
        struct rb_entry e;
        static struct rb_esd d;
        const struct rb_fmt fmt = {R, JX_ESD_FIXED, 37};
        uint8_t first[R];
        rb_file_init(&f, &fmt);
        for (size_t i = 0; i < n; i++) {
            mk_entry(&e, &d, 37, 1 + i, R - JX_FIXED_DATA_OFF);
            rb_record(&fmt, &e, first); /* a genuine heading to copy from */
            /* the mimic: bytes 0..JX_H_JOB of a heading, at record offset R/2 */
            rb_esd_bytes(&d, half - JX_FIXED_DATA_OFF, first, JX_H_JOB);
            rb_file_add(&f, &e);
        }
        char *p = rb_file_write(&f, jx_test_dir, "mimic.type5");
        struct jx_rcvfile *rf = open_ok(p, 0, JX_ESD_AUTO, 37);
        if (jx_rcvfile_reclen(rf) != R)
            fail_msg("%zu record(s): detected %zu, want %zu", n, jx_rcvfile_reclen(rf), R);
        assert_int_equal(jx_rcvfile_count(rf), n);
        jx_rcvfile_close(rf);
        /* the override reads it right as well */
        rf = open_ok(p, R, JX_ESD_AUTO, 37);
        assert_int_equal(jx_rcvfile_count(rf), n);
        jx_rcvfile_close(rf);
        rb_file_free(&f);
        free(p);
    }
}

/* One damaged record (even its JOENTL or entry type, which the detector
 * samples) must not hide the record length of the whole file: the file
 * opens, and the damaged record alone fails with its own error. */
static void test_detect_tolerates_one_bad_record(void **state)
{
    (void)state;
    for (size_t s = 0; s < JX_ARRAY_SIZE(shapes); s++) {
        struct rb_file f;
        const struct rb_fmt fmt = {900, shapes[s], 37};
        char *p = mk_file("tol.type5", &fmt, 40, &f);
        rb_file_rec(&f, 5)[JX_H_ENTL + 1] = 0x40;     /* JOENTL not zoned */
        rb_file_rec(&f, 9)[JX_H_ENTT] = 0x40;         /* entry type blank */
        rb_file_rec(&f, 13)[JX_H_CODE] = 0x00;        /* no journal code */
        if (shapes[s] != JX_ESD_FIXED)                 /* impossible length */
            jx_put_be16(rb_file_rec(&f, 17) + (shapes[s] == JX_ESD_VARLEN
                                                    ? JX_VARLEN_LEN_OFF
                                                    : JX_VARLEN608_LEN_OFF), 30000);
        free(p);
        p = rb_file_write(&f, jx_test_dir, "tol.type5");
        struct jx_rcvfile *rf = open_ok(p, 0, JX_ESD_AUTO, 37);
        assert_int_equal(jx_rcvfile_reclen(rf), 900);
        assert_int_equal(jx_rcvfile_shape(rf), shapes[s]);
        struct jx_entry e;
        struct jx_errctx err;
        for (uint64_t r = 0; r < 40; r++) {
            int bad = r == 5 || r == 9 || r == 13 || (r == 17 && shapes[s] != JX_ESD_FIXED);
            int rc = jx_rcvfile_decode(rf, r, &e, &err);
            if (bad) {
                assert_int_equal(rc, JX_E_FORMAT);
                assert_int_equal(err.record, (int64_t)r);
            } else {
                assert_int_equal(rc, JX_OK);
                assert_true(e.seq == 1000 + r);
            }
        }
        jx_rcvfile_close(rf);
        rb_file_free(&f);
        free(p);
    }
}

static void test_detect_failure_message(void **state)
{
    (void)state;
    struct rb_file f;
    const struct rb_fmt fmt = {800, JX_ESD_FIXED, 37};
    char *p = mk_file("odd.type5", &fmt, 3, &f);
    /* 17 stray bytes at the end: no record length divides 2417 */
    uint8_t *buf = malloc(3 * 800 + 17);
    memcpy(buf, f.data, 3 * 800);
    memset(buf + 3 * 800, 0x40, 17);
    rb_write(p, buf, 3 * 800 + 17);
    struct jx_errctx e;
    assert_int_equal(open_err(p, 0, JX_ESD_AUTO, 37, &e), JX_E_FORMAT);
    assert_non_null(strstr(e.msg, "cannot detect the record length"));
    assert_non_null(strstr(e.msg, "2417"));
    assert_non_null(strstr(e.msg, "--reclen"));
    free(buf);
    rb_file_free(&f);
    free(p);
}

/* ---- --reclen / --esd overrides ------------------------------------------- */

static void test_reclen_override_errors(void **state)
{
    (void)state;
    struct rb_file f;
    struct jx_errctx e;
    char buf[1400], want[1400];
    const struct rb_fmt fmt = {800, JX_ESD_FIXED, 37};
    char *p = mk_file("ovr.type5", &fmt, 3, &f);

    /* right length: fine */
    struct jx_rcvfile *rf = open_ok(p, 800, JX_ESD_AUTO, 37);
    assert_int_equal(jx_rcvfile_count(rf), 3);
    jx_rcvfile_close(rf);

    /* not a multiple: names the leftover bytes and where they start */
    assert_int_equal(open_err(p, 700, JX_ESD_AUTO, 37, &e), JX_E_FORMAT);
    assert_int_equal(e.record, 3);
    assert_int_equal(e.offset, 2100);
    assert_non_null(strstr(e.msg, "2400"));
    assert_non_null(strstr(e.msg, "300 bytes left over"));
    snprintf(want, sizeof(want), "'%s': record 4: byte offset 2100: %s", p, e.msg);
    assert_string_equal(jx_errctx_format(&e, buf, sizeof(buf)), want);

    /* longer than the file */
    assert_int_equal(open_err(p, 5000, JX_ESD_AUTO, 37, &e), JX_E_FORMAT);
    assert_non_null(strstr(e.msg, "2400 bytes left over"));

    /* not longer than the heading */
    assert_int_equal(open_err(p, 609, JX_ESD_AUTO, 37, &e), JX_E_USAGE);
    assert_non_null(strstr(e.msg, "609"));
    assert_int_equal(open_err(p, 100, JX_ESD_AUTO, 37, &e), JX_E_USAGE);

    /* varlen forced on records too short to hold a length */
    const struct rb_fmt f610 = {610, JX_ESD_FIXED, 37};
    char *q = mk_file("short.type5", &f610, 2, NULL);
    assert_int_equal(open_err(q, 0, JX_ESD_VARLEN, 37, &e), JX_E_USAGE);
    assert_non_null(strstr(e.msg, "varlen"));

    rb_file_free(&f);
    free(p);
    free(q);
}

static void test_shape_override(void **state)
{
    (void)state;
    struct jx_entry e;
    struct jx_errctx err;
    const struct rb_fmt fv = {900, JX_ESD_VARLEN, 37};
    char *p = mk_file("sv.type5", &fv, 4, NULL);

    /* forced to its own shape: same as detected */
    struct jx_rcvfile *f = open_ok(p, 0, JX_ESD_VARLEN, 37);
    assert_int_equal(jx_rcvfile_shape(f), JX_ESD_VARLEN);
    decode_ok(f, 0, &e);
    assert_int_equal(e.subtype, 'A');
    assert_ptr_equal(e.esd, jx_rcvfile_record(f, 0) + JX_VARLEN_DATA_OFF);
    jx_rcvfile_close(f);

    /* forced fixed: the ESD starts at the length bytes (the user asked) */
    f = open_ok(p, 0, JX_ESD_FIXED, 37);
    assert_int_equal(jx_rcvfile_shape(f), JX_ESD_FIXED);
    decode_ok(f, 0, &e);
    assert_ptr_equal(e.esd, jx_rcvfile_record(f, 0) + JX_FIXED_DATA_OFF);
    assert_int_equal(e.esd[0], 0x00); /* high byte of a small length */
    jx_rcvfile_close(f);
    free(p);

    /* a fixed file forced to varlen: the "length" is ESD text, too large:
     * every record fails with the offset of the length field */
    const struct rb_fmt ff = {900, JX_ESD_FIXED, 37};
    p = mk_file("sf.type5", &ff, 3, NULL);
    f = open_ok(p, 0, JX_ESD_VARLEN608, 37);
    for (uint64_t r = 0; r < 3; r++) {
        assert_int_equal(jx_rcvfile_decode(f, r, &e, &err), JX_E_FORMAT);
        assert_int_equal(err.offset, (int64_t)(r * 900 + JX_VARLEN608_LEN_OFF));
        assert_non_null(strstr(err.msg, "JOESD length"));
    }
    jx_rcvfile_close(f);
    free(p);

    /* names of the shapes */
    assert_int_equal(jx_esd_shape_parse("fixed"), JX_ESD_FIXED);
    assert_int_equal(jx_esd_shape_parse("varlen"), JX_ESD_VARLEN);
    assert_int_equal(jx_esd_shape_parse("varlen608"), JX_ESD_VARLEN608);
    assert_int_equal(jx_esd_shape_parse("auto"), JX_ESD_AUTO);
    assert_int_equal(jx_esd_shape_parse("VARLEN"), -1);
    assert_int_equal(jx_esd_shape_parse(""), -1);
    for (size_t s = 0; s < JX_ARRAY_SIZE(shapes); s++)
        assert_int_equal(jx_esd_shape_parse(jx_esd_shape_name(shapes[s])), shapes[s]);
}

/* ---- heading fields (§2.5) -------------------------------------------------- */

static void test_heading_fields(void **state)
{
    (void)state;
    const int ccsids[] = {37, 273, 1141, 297};
    for (size_t c = 0; c < JX_ARRAY_SIZE(ccsids); c++)
        for (size_t s = 0; s < JX_ARRAY_SIZE(shapes); s++) {
            const struct rb_fmt fmt = {1000, shapes[s], ccsids[c]};
            struct rb_file f;
            struct rb_entry e;
            static struct rb_esd d;
            rb_file_init(&f, &fmt);
            rb_entry_init(&e);
            rb_esd_init(&d, ccsids[c]);
            rb_esd_char(&d, JX_E_SUBTYPE, 1, "P");
            rb_esd_char(&d, JX_PW_USER, JX_PW_USER_LEN, "BAD#USR$@");
            rb_esd_char(&d, JX_PW_DEVICE, JX_PW_DEVICE_LEN, "QPADEV0001");
            e.seq = UINT64_MAX; /* 20 digits: 18446744073709551615 */
            e.type = "PW";
            e.ts = jx_ts_make(2024, 2, 29, 13, 3, 14, 123456);
            e.job = "QZDASOINIT";
            e.job_user = "QUSER";
            e.job_number = 987654;
            e.program = "PGM@1";
            e.program_lib = "LIB#2";
            e.user = "MÜLLER$";
            e.system = "SYS§Ä";
            e.receiver = "AUDRCV0042";
            e.receiver_lib = "AUDLIB";
            e.object_type_hdr = "*STMF";
            e.addr_family = '6';
            e.remote_addr = "2001:db8::17";
            e.remote_port = 65535;
            e.thread = 0x0123456789ABCDEFULL;
            e.sysseq = 12345678901234567890ULL;
            e.incdat = '1';
            e.minesd = '2';
            e.esd = d.b;
            e.esd_len = d.len;
            rb_file_add(&f, &e);
            /* second record: the other flag values, a J entry */
            e.seq = 7;
            e.code = 'J';
            e.type = "PR";
            e.incdat = '0';
            e.minesd = '1';
            e.addr_family = '4';
            e.remote_addr = "10.1.2.3";
            e.remote_port = 0;
            rb_file_add(&f, &e);
            char *p = rb_file_write(&f, jx_test_dir, "fields.type5");
            struct jx_rcvfile *rf = open_ok(p, 0, JX_ESD_AUTO, ccsids[c]);
            assert_int_equal(jx_rcvfile_shape(rf), shapes[s]);
            assert_int_equal(jx_rcvfile_ccsid(rf)->ccsid, ccsids[c]);
            struct jx_entry x;
            decode_ok(rf, 0, &x);
            assert_true(x.seq == UINT64_MAX);
            assert_int_equal(x.code, 'T');
            assert_string_equal(x.type, "PW");
            assert_int_equal(x.ts, jx_ts_make(2024, 2, 29, 13, 3, 14, 123456));
            assert_string_equal(x.job, "QZDASOINIT");
            assert_string_equal(x.job_user, "QUSER");
            assert_int_equal(x.job_number, 987654);
            assert_string_equal(x.program, "PGM@1");
            assert_string_equal(x.program_lib, "LIB#2");
            assert_string_equal(x.user, "MÜLLER$");
            assert_string_equal(x.system, "SYS§Ä");
            assert_string_equal(x.receiver, "AUDRCV0042");
            assert_string_equal(x.receiver_lib, "AUDLIB");
            assert_string_equal(x.object_type_hdr, "*STMF");
            assert_int_equal(x.addr_family, '6');
            assert_string_equal(x.remote_addr, "2001:db8::17");
            assert_int_equal(x.remote_port, 65535);
            assert_true(x.thread == 0x0123456789ABCDEFULL);
            assert_true(x.sysseq == 12345678901234567890ULL);
            assert_int_equal(x.flags, JX_F_INCOMPLETE | JX_F_MINIMIZED);
            assert_int_equal(x.ccsid, ccsids[c]);
            assert_int_equal(x.esd_len, d.len);
            assert_int_equal(x.esd_avail, d.len);
            assert_ptr_equal(x.esd, jx_rcvfile_record(rf, 0) + jx_esd_data_off(shapes[s]));
            assert_int_equal(x.subtype, 'P');
            assert_string_equal(x.target_user, "BAD#USR$@");
            assert_string_equal(x.object, "");
            /* the key agrees with the decode */
            struct jx_rcvkey k;
            struct jx_errctx err;
            assert_int_equal(jx_rcvfile_key(rf, 0, &k, &err), JX_OK);
            assert_true(k.seq == UINT64_MAX);
            assert_int_equal(k.ts, x.ts);
            assert_int_equal(k.code, 'T');
            assert_string_equal(k.system, "SYS§Ä");
            assert_string_equal(k.receiver, "AUDRCV0042");
            assert_string_equal(k.receiver_lib, "AUDLIB");

            decode_ok(rf, 1, &x);
            assert_true(x.seq == 7);
            assert_int_equal(x.code, 'J');
            assert_string_equal(x.type, "PR");
            assert_int_equal(x.flags, JX_F_MINIMIZED);
            assert_int_equal(x.subtype, '\0'); /* not an audit entry */
            assert_string_equal(x.target_user, "");
            assert_int_equal(x.addr_family, '4');
            assert_string_equal(x.remote_addr, "10.1.2.3");
            assert_int_equal(x.remote_port, 0);
            jx_rcvfile_close(rf);
            rb_file_free(&f);
            free(p);
        }
}

/* Every IBM i journal code decodes; other letters are refused. */
static void test_journal_codes(void **state)
{
    (void)state;
    const char *valid = "ABCDEFIJLMPQRSTU", *invalid = "GHKNOVWXYZ";
    const struct rb_fmt fmt = {700, JX_ESD_FIXED, 37};
    struct rb_file f;
    struct rb_entry e;
    rb_file_init(&f, &fmt);
    rb_entry_init(&e);
    for (size_t i = 0; valid[i]; i++) {
        e.code = valid[i];
        e.seq = 1 + i;
        rb_file_add(&f, &e);
    }
    for (size_t i = 0; invalid[i]; i++) {
        e.code = invalid[i];
        e.seq = 100 + i;
        rb_file_add(&f, &e);
    }
    char *p = rb_file_write(&f, jx_test_dir, "codes.type5");
    struct jx_rcvfile *rf = open_ok(p, 0, JX_ESD_AUTO, 37);
    struct jx_entry x;
    struct jx_errctx err;
    const size_t nv = strlen(valid);
    for (size_t i = 0; i < f.n; i++) {
        int rc = jx_rcvfile_decode(rf, i, &x, &err);
        if (i < nv) {
            assert_int_equal(rc, JX_OK);
            assert_int_equal(x.code, valid[i]);
        } else {
            assert_int_equal(rc, JX_E_FORMAT);
            assert_int_equal(err.offset, (int64_t)(i * 700 + JX_H_CODE));
            assert_non_null(strstr(err.msg, "unknown journal code"));
        }
    }
    jx_rcvfile_close(rf);
    rb_file_free(&f);
    free(p);
}

/* FIXLENDTA placeholders (§2.5 content notes): X'00' in JOSYSSEQ, JORPORT,
 * JORADR, JOTHD mean "not captured", i.e. 0 / empty. */
static void test_placeholders(void **state)
{
    (void)state;
    const struct rb_fmt fmt = {700, JX_ESD_FIXED, 37};
    struct rb_file f;
    struct rb_entry e;
    rb_file_init(&f, &fmt);
    rb_entry_init(&e);
    e.remote_addr = NULL;
    e.job = "*OMITTED";
    e.job_user = NULL;
    e.job_number = 0;
    rb_file_add(&f, &e);
    uint8_t *r = rb_file_rec(&f, 0);
    memset(r + JX_H_SYSSEQ, 0, JX_H_SYSSEQ_LEN);
    memset(r + JX_H_RPORT, 0, JX_H_RPORT_LEN);
    memset(r + JX_H_THD, 0, JX_H_THD_LEN);
    r[JX_H_ADF] = 0x00;
    char *p = rb_file_write(&f, jx_test_dir, "ph.type5");
    struct jx_rcvfile *rf = open_ok(p, 0, JX_ESD_AUTO, 37);
    struct jx_entry x;
    decode_ok(rf, 0, &x);
    assert_true(x.sysseq == 0);
    assert_int_equal(x.remote_port, 0);
    assert_string_equal(x.remote_addr, "");
    assert_true(x.thread == 0);
    assert_int_equal(x.addr_family, '\0');
    assert_string_equal(x.job, "*OMITTED");
    assert_string_equal(x.job_user, "");
    assert_int_equal(x.job_number, 0);
    jx_rcvfile_close(rf);
    rb_file_free(&f);
    free(p);
}

/* ---- truncated ESD ------------------------------------------------------------ */

static void test_truncated_esd(void **state)
{
    (void)state;
    for (size_t s = 0; s < JX_ARRAY_SIZE(shapes); s++) {
        const size_t reclen = 700, cap = reclen - jx_esd_data_off(shapes[s]);
        const struct rb_fmt fmt = {reclen, shapes[s], 273};
        struct rb_file f;
        struct rb_entry e;
        static struct rb_esd d;
        rb_file_init(&f, &fmt);
        /* SV with a 3011-byte ESD: name at 611, values far past the record */
        rb_entry_init(&e);
        rb_esd_init(&d, 273);
        rb_esd_char(&d, JX_E_SUBTYPE, 1, "A");
        rb_esd_char(&d, JX_SV_NAME, JX_SV_NAME_LEN, "QAUDLVL");
        rb_esd_char(&d, JX_SV_OLD3 + JX_SV_EXT_LEN - 1, 1, "X");
        e.type = "SV";
        e.esd = d.b;
        e.esd_len = d.len;
        rb_file_add(&f, &e);
        /* exactly full: not truncated */
        mk_entry(&e, &d, 273, 2, cap);
        rb_file_add(&f, &e);
        /* one byte more than fits */
        mk_entry(&e, &d, 273, 3, cap + 1);
        rb_file_add(&f, &e);
        char *p = rb_file_write(&f, jx_test_dir, "trunc.type5");
        struct jx_rcvfile *rf = open_ok(p, 0, JX_ESD_AUTO, 273);
        assert_int_equal(jx_rcvfile_shape(rf), shapes[s]);
        struct jx_entry x;
        const uint8_t *rec0 = jx_rcvfile_record(rf, 0);

        decode_ok(rf, 0, &x);
        assert_int_equal(x.esd_len, JX_SV_OLD3 + JX_SV_EXT_LEN);
        assert_int_equal(x.esd_avail, cap);
        assert_true(x.flags & JX_F_TRUNCATED);
        assert_ptr_equal(x.esd + x.esd_avail, rec0 + reclen); /* ends at the record end */
        assert_int_equal(x.subtype, 'A');

        decode_ok(rf, 1, &x);
        assert_int_equal(x.esd_len, cap);
        assert_int_equal(x.esd_avail, cap);
        assert_false(x.flags & JX_F_TRUNCATED);

        decode_ok(rf, 2, &x);
        assert_int_equal(x.esd_len, cap + 1);
        assert_int_equal(x.esd_avail, cap);
        assert_true(x.flags & JX_F_TRUNCATED);
        jx_rcvfile_close(rf);
        rb_file_free(&f);
        free(p);
    }
}

/* A truncated entry cut inside its object fields: the decoder keeps what is
 * present and never reads past the record. The file is exactly one page, so
 * an over-read of the last record would leave the mapping. */
static void test_truncated_never_reads_past_record(void **state)
{
    (void)state;
    const long pg = sysconf(_SC_PAGESIZE);
    for (size_t s = 0; s < JX_ARRAY_SIZE(shapes); s++) {
        const size_t reclen = (size_t)pg / 4;
        const struct rb_fmt fmt = {reclen, shapes[s], 37};
        struct rb_file f;
        struct rb_entry e;
        static struct rb_esd d;
        rb_file_init(&f, &fmt);
        for (int i = 0; i < 3; i++) {
            mk_entry(&e, &d, 37, 10 + (uint64_t)i, 40);
            rb_file_add(&f, &e);
        }
        /* the last record claims 30000 ESD bytes: far past the record and
         * the end of the file (JOENTL 30609) */
        size_t cap = reclen - jx_esd_data_off(shapes[s]);
        assert_true(cap > JX_E_OBJ_TYPE + JX_E_OBJ_TYPE_LEN);
        mk_entry(&e, &d, 37, 99, 30000);
        rb_file_add(&f, &e);
        char *p = rb_file_write(&f, jx_test_dir, "page.type5");
        struct jx_rcvfile *rf = open_ok(p, 0, JX_ESD_AUTO, 37);
        assert_int_equal(jx_rcvfile_size(rf), (uint64_t)pg);
        struct jx_entry x;
        decode_ok(rf, 3, &x);
        assert_true(x.flags & JX_F_TRUNCATED);
        assert_int_equal(x.esd_len, 30000);
        assert_int_equal(x.esd_avail, cap);
        assert_true(x.esd >= jx_rcvfile_record(rf, 3));
        assert_ptr_equal(x.esd + x.esd_avail, jx_rcvfile_record(rf, 3) + reclen);
        assert_string_equal(x.object_lib, "PRODLIB");
        jx_rcvfile_close(rf);
        rb_file_free(&f);
        free(p);
    }
    /* cut inside a field: only the bytes present are read */
    const struct rb_fmt fmt = {JX_FIXED_DATA_OFF + JX_E_OBJ_LIB + 4, JX_ESD_FIXED, 37};
    struct rb_file f;
    struct rb_entry e;
    static struct rb_esd d;
    rb_file_init(&f, &fmt);
    mk_entry(&e, &d, 37, 1, 200);
    rb_esd_char(&d, JX_E_OBJ_NAME, JX_E_OBJ_NAME_LEN, "ABCDEFGHIJ");
    rb_esd_char(&d, JX_E_OBJ_LIB, JX_E_OBJ_LIB_LEN, "PRODLIB");
    rb_file_add(&f, &e);
    char *p = rb_file_write(&f, jx_test_dir, "cut.type5");
    struct jx_rcvfile *rf = open_ok(p, 0, JX_ESD_AUTO, 37);
    struct jx_entry x;
    decode_ok(rf, 0, &x);
    assert_int_equal(x.esd_avail, JX_E_OBJ_LIB + 4);
    assert_string_equal(x.object, "ABCDEFGHIJ");
    assert_string_equal(x.object_lib, "PROD");
    assert_string_equal(x.object_type, "");
    jx_rcvfile_close(rf);
    rb_file_free(&f);
    free(p);
}

/* ---- errors: file + record + byte offset ------------------------------------- */

struct bad_case {
    const char *name;
    enum jx_esd_shape shape;
    void (*damage)(uint8_t *rec);
    int code;
    size_t off;             /* offset within the record */
    const char *msg;        /* expected message (prefix) */
};

static void d_nbr(uint8_t *r) { r[JX_H_NBR + 3] = 0x40; }
static void d_nbr_neg(uint8_t *r) { r[JX_H_NBR + JX_H_NBR_LEN - 1] = 0xD5; }
static void d_seq(uint8_t *r) { r[JX_H_SEQN + 7] = 0xC1; }
static void d_seq_big(uint8_t *r)
{
    const char *s = "18446744073709551616";
    for (int i = 0; i < 20; i++)
        r[JX_H_SEQN + i] = (uint8_t)(0xF0 + s[i] - '0');
}
static void d_feb30(uint8_t *r)
{
    jx_ts_put_saa(r + JX_H_TSTP, jx_ts_make(2024, 2, 28, 1, 2, 3, 4));
    r[JX_H_TSTP + 8] = 0xF3;
    r[JX_H_TSTP + 9] = 0xF0;
}
static void d_hour24(uint8_t *r) { r[JX_H_TSTP + 11] = 0xF2; r[JX_H_TSTP + 12] = 0xF4; }
static void d_tssep(uint8_t *r) { r[JX_H_TSTP + 16] = 0x7A; }
static void d_code(uint8_t *r) { r[JX_H_CODE] = 0xE7; }        /* 'X' */
static void d_code_lower(uint8_t *r) { r[JX_H_CODE] = 0xA3; }  /* 't' */
static void d_type(uint8_t *r) { r[JX_H_ENTT + 1] = 0x4B; }
static void d_entl(uint8_t *r) { r[JX_H_ENTL + 2] = 0x7B; }
static void d_entl_small(uint8_t *r) { jx_put_zoned(r + JX_H_ENTL, JX_H_ENTL_LEN, 500); }
static void d_port(uint8_t *r) { r[JX_H_RPORT + 2] = 0x40; }
static void d_port_big(uint8_t *r) { jx_put_zoned(r + JX_H_RPORT, JX_H_RPORT_LEN, 70000); }
static void d_sysseq(uint8_t *r) { r[JX_H_SYSSEQ + 19] = 0x61; }
static void d_varlen(uint8_t *r) { jx_put_be16(r + JX_VARLEN_LEN_OFF, 9999); }
static void d_varlen608(uint8_t *r) { jx_put_be16(r + JX_VARLEN608_LEN_OFF, 300); }
static void d_varlen_entl(uint8_t *r) { jx_put_be16(r + JX_VARLEN_LEN_OFF, 100); } /* JOENTL says 80 */

static const struct bad_case bad_cases[] = {
    {"job number", JX_ESD_FIXED, d_nbr, JX_E_FORMAT, JX_H_NBR + 3,
     "JONBR (job number) is not zoned decimal"},
    {"negative job number", JX_ESD_FIXED, d_nbr_neg, JX_E_FORMAT, JX_H_NBR + JX_H_NBR_LEN - 1,
     "JONBR (job number) is negative"},
    {"sequence digit", JX_ESD_FIXED, d_seq, JX_E_FORMAT, JX_H_SEQN + 7,
     "JOSEQN (sequence number) has a non-digit byte X'C1'"},
    {"sequence > 2^64", JX_ESD_FIXED, d_seq_big, JX_E_RANGE, JX_H_SEQN,
     "JOSEQN (sequence number) 18446744073709551616 exceeds 18446744073709551615"},
    {"Feb 30", JX_ESD_FIXED, d_feb30, JX_E_FORMAT, JX_H_TSTP + 8,
     "JOTSTP is not a valid SAA timestamp"},
    {"hour 24", JX_ESD_VARLEN, d_hour24, JX_E_FORMAT, JX_H_TSTP + 11,
     "JOTSTP is not a valid SAA timestamp"},
    {"timestamp separator", JX_ESD_VARLEN608, d_tssep, JX_E_FORMAT, JX_H_TSTP + 16,
     "JOTSTP is not a valid SAA timestamp"},
    {"journal code", JX_ESD_FIXED, d_code, JX_E_FORMAT, JX_H_CODE,
     "unknown journal code X'E7'"},
    {"lower-case journal code", JX_ESD_FIXED, d_code_lower, JX_E_FORMAT, JX_H_CODE,
     "unknown journal code X'A3'"},
    {"entry type", JX_ESD_FIXED, d_type, JX_E_FORMAT, JX_H_ENTT,
     "entry type X'C14B' is not two letters or digits"},
    {"JOENTL digit", JX_ESD_VARLEN, d_entl, JX_E_FORMAT, JX_H_ENTL + 2,
     "JOENTL (entry length) is not zoned decimal: byte X'7B'"},
    {"JOENTL < heading", JX_ESD_FIXED, d_entl_small, JX_E_FORMAT, JX_H_ENTL,
     "JOENTL 500 is smaller than the 609-byte heading"},
    {"remote port digit", JX_ESD_FIXED, d_port, JX_E_FORMAT, JX_H_RPORT + 2,
     "JORPORT (remote port) is not a port number"},
    {"remote port > 65535", JX_ESD_FIXED, d_port_big, JX_E_FORMAT, JX_H_RPORT,
     "JORPORT (remote port) is not a port number"},
    {"system sequence digit", JX_ESD_FIXED, d_sysseq, JX_E_FORMAT, JX_H_SYSSEQ + 19,
     "JOSYSSEQ (system sequence) has a non-digit byte"},
    {"varlen length > record", JX_ESD_VARLEN, d_varlen, JX_E_FORMAT, JX_VARLEN_LEN_OFF,
     "JOESD length 9999 does not fit"},
    {"varlen608 length > record", JX_ESD_VARLEN608, d_varlen608, JX_E_FORMAT,
     JX_VARLEN608_LEN_OFF, "JOESD length 300 does not fit"},
    {"varlen length > JOENTL", JX_ESD_VARLEN, d_varlen_entl, JX_E_FORMAT, JX_VARLEN_LEN_OFF,
     "JOESD length 100 does not fit"},
};

static void test_errors_name_file_record_offset(void **state)
{
    (void)state;
    for (size_t i = 0; i < JX_ARRAY_SIZE(bad_cases); i++) {
        const struct bad_case *bc = &bad_cases[i];
        const size_t reclen = 850;
        const struct rb_fmt fmt = {reclen, bc->shape, 37};
        struct rb_file f;
        struct rb_entry e;
        static struct rb_esd d;
        rb_file_init(&f, &fmt);
        for (uint64_t r = 0; r < 5; r++) {
            mk_entry(&e, &d, 37, 1 + r, 80);
            rb_file_add(&f, &e);
        }
        bc->damage(rb_file_rec(&f, 2));
        char *p = rb_file_write(&f, jx_test_dir, "bad.type5");
        struct jx_rcvfile *rf = open_ok(p, 0, JX_ESD_AUTO, 37);
        if (jx_rcvfile_shape(rf) != bc->shape || jx_rcvfile_reclen(rf) != reclen)
            fail_msg("%s: detected %zu %s", bc->name, jx_rcvfile_reclen(rf),
                     jx_esd_shape_name(jx_rcvfile_shape(rf)));
        struct jx_entry x;
        struct jx_rcvkey k;
        struct jx_errctx e1, e2;
        char buf[1400], want[1400];
        jx_errctx_clear(&e1);
        jx_errctx_clear(&e2);
        int rc1 = jx_rcvfile_key(rf, 2, &k, &e1);
        int rc2 = jx_rcvfile_decode(rf, 2, &x, &e2);
        if (rc1 != bc->code || rc2 != bc->code)
            fail_msg("%s: key %d decode %d, want %d", bc->name, rc1, rc2, bc->code);
        assert_string_equal(e1.file, p);
        assert_int_equal(e1.record, 2);
        if (e1.offset != (int64_t)(2 * reclen + bc->off))
            fail_msg("%s: offset %lld, want %zu", bc->name, (long long)e1.offset,
                     2 * reclen + bc->off);
        if (strncmp(e1.msg, bc->msg, strlen(bc->msg)))
            fail_msg("%s: message '%s', want '%s...'", bc->name, e1.msg, bc->msg);
        /* key and decode report the very same error */
        assert_int_equal(e1.code, e2.code);
        assert_int_equal(e1.offset, e2.offset);
        assert_string_equal(e1.msg, e2.msg);
        snprintf(want, sizeof(want), "'%s': record 3: byte offset %zu: %s", p,
                 2 * reclen + bc->off, e1.msg);
        assert_string_equal(jx_errctx_format(&e1, buf, sizeof(buf)), want);
        /* the neighbours are fine */
        for (uint64_t r = 0; r < 5; r++)
            if (r != 2)
                decode_ok(rf, r, &x);
        /* plan, stop mode: the same error */
        struct jx_plan *plan = NULL;
        struct jx_plan_opts po = {false, 2, NULL};
        struct jx_errctx e3;
        jx_errctx_clear(&e3);
        assert_int_equal(jx_plan_build(&rf, 1, &po, &plan, &e3), bc->code);
        assert_null(plan);
        assert_int_equal(e3.offset, e1.offset);
        assert_string_equal(e3.msg, e1.msg);
        /* plan, skip mode: one skipped, four kept */
        po.skip_bad = true;
        assert_int_equal(jx_plan_build(&rf, 1, &po, &plan, &e3), JX_OK);
        assert_int_equal(plan->skipped, 1);
        assert_int_equal(plan->entries, 4);
        jx_plan_free(plan);
        jx_rcvfile_close(rf);
        rb_file_free(&f);
        free(p);
    }
}

static void test_errors_open(void **state)
{
    (void)state;
    struct jx_errctx e;
    char buf[1400], want[1400];
    char *p = rb_path(jx_test_dir, "empty.type5");
    rb_write(p, "", 0);
    assert_int_equal(open_err(p, 0, JX_ESD_AUTO, 37, &e), JX_E_EMPTY);
    assert_non_null(strstr(e.msg, "empty file"));
    snprintf(want, sizeof(want), "'%s': empty file: no records", p);
    assert_string_equal(jx_errctx_format(&e, buf, sizeof(buf)), want);
    free(p);

    p = rb_path(jx_test_dir, "tiny.type5");
    rb_write(p, "0123456789", 10);
    assert_int_equal(open_err(p, 0, JX_ESD_AUTO, 37, &e), JX_E_FORMAT);
    assert_non_null(strstr(e.msg, "smaller than one *TYPE5 heading"));
    free(p);

    /* text, not EBCDIC records (an ASCII transfer, a CSV, a save file) */
    p = rb_path(jx_test_dir, "text.type5");
    char text[2000];
    for (size_t i = 0; i < sizeof(text); i++)
        text[i] = "00123T AF 2024-01-01-00.00.00.000000\n"[i % 37];
    rb_write(p, text, sizeof(text));
    assert_int_equal(open_err(p, 0, JX_ESD_AUTO, 37, &e), JX_E_FORMAT);
    assert_int_equal(e.record, 0);
    assert_int_equal(e.offset, 0);
    assert_non_null(strstr(e.msg, "not a DSPJRN *TYPE5 record"));
    free(p);

    p = rb_path(jx_test_dir, "missing.type5");
    assert_int_equal(open_err(p, 0, JX_ESD_AUTO, 37, &e), JX_E_IO);
    assert_non_null(strstr(e.msg, "cannot open"));
    free(p);

    assert_int_equal(open_err(jx_test_dir, 0, JX_ESD_AUTO, 37, &e), JX_E_FORMAT);
    assert_non_null(strstr(e.msg, "not a regular file"));

    const struct rb_fmt fmt = {700, JX_ESD_FIXED, 37};
    p = mk_file("ok.type5", &fmt, 2, NULL);
    assert_int_equal(open_err(p, 0, JX_ESD_AUTO, 1047, &e), JX_E_USAGE);
    assert_non_null(strstr(e.msg, "1047"));
    free(p);
}

/* ---- --on-error skip through jx_plan_build -------------------------------------- */

static void test_plan_skip_semantics(void **state)
{
    (void)state;
    struct rb_file f1, f2;
    const struct rb_fmt fmt = {760, JX_ESD_VARLEN, 37};
    char *p1 = mk_file("skipA.type5", &fmt, 10, &f1);
    char *p2 = mk_file("skipB.type5", &fmt, 10, &f2);
    /* two receivers: file 2 is AUDRCV0002 continuing the sequence */
    for (size_t i = 0; i < 10; i++) {
        uint8_t *r = rb_file_rec(&f2, i);
        jx_u2e(jx_ccsid_get(37), "AUDRCV0002", r + JX_H_RCV, JX_H_RCV_LEN);
        jx_put_digits_u64(r + JX_H_SEQN, JX_H_SEQN_LEN, 2000 + i);
        jx_ts_put_saa(r + JX_H_TSTP, jx_ts_make(2024, 3, 2, 0, 0, (int)i, 0));
    }
    d_nbr(rb_file_rec(&f1, 3));
    d_feb30(rb_file_rec(&f1, 7));
    d_varlen(rb_file_rec(&f2, 0));
    free(p1);
    free(p2);
    p1 = rb_file_write(&f1, jx_test_dir, "skipA.type5");
    p2 = rb_file_write(&f2, jx_test_dir, "skipB.type5");
    struct jx_rcvfile *rf[2] = {open_ok(p1, 0, JX_ESD_AUTO, 37), open_ok(p2, 0, JX_ESD_AUTO, 37)};
    struct jx_plan *plan = NULL;
    struct jx_errctx e;
    char *rep = NULL;
    size_t replen = 0;
    FILE *report = open_memstream(&rep, &replen);
    struct jx_plan_opts po = {true, 2, report};
    assert_int_equal(jx_plan_build(rf, 2, &po, &plan, &e), JX_OK);
    fclose(report);
    assert_int_equal(plan->skipped, 3);
    assert_int_equal(plan->entries, 17);
    assert_int_equal(plan->nrcv, 2);
    assert_int_equal(plan->rcv[0].count, 8);
    assert_int_equal(plan->rcv[0].npieces, 3); /* 0-2, 4-6, 8-9 */
    assert_int_equal(plan->rcv[1].count, 9);
    /* one report line per skipped record, each naming file, record, offset */
    int lines = 0;
    for (char *s = rep; (s = strstr(s, "jidx: skipped ")) != NULL; s++)
        lines++;
    assert_int_equal(lines, 3);
    char want[1400];
    snprintf(want, sizeof(want), "'%s': record 4: byte offset %d: JONBR", p1,
             3 * 760 + JX_H_NBR + 3);
    assert_non_null(strstr(rep, want));
    snprintf(want, sizeof(want), "'%s': record 1: byte offset %d: JOESD length", p2,
             JX_VARLEN_LEN_OFF);
    assert_non_null(strstr(rep, want));
    free(rep);
    /* the kept entries, in order */
    uint64_t seen[32];
    size_t n = 0;
    for (size_t i = 0; i < plan->nrcv; i++)
        for (size_t k = 0; k < plan->rcv[i].npieces; k++)
            for (uint64_t r = 0; r < plan->rcv[i].pieces[k].count; r++) {
                struct jx_rcvkey key;
                const struct jx_piece *pc = &plan->rcv[i].pieces[k];
                assert_int_equal(jx_rcvfile_key(rf[pc->file], pc->first + r, &key, NULL), JX_OK);
                seen[n++] = key.seq;
            }
    const uint64_t want_seq[] = {1000, 1001, 1002, 1004, 1005, 1006, 1008, 1009,
                                 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009};
    assert_int_equal(n, JX_ARRAY_SIZE(want_seq));
    for (size_t i = 0; i < n; i++)
        assert_true(seen[i] == want_seq[i]);
    jx_plan_free(plan);

    /* stop mode: the first bad record in (file, record) order wins */
    po.skip_bad = false;
    po.report = NULL;
    assert_int_equal(jx_plan_build(rf, 2, &po, &plan, &e), JX_E_FORMAT);
    assert_string_equal(e.file, p1);
    assert_int_equal(e.record, 3);
    struct jx_rcvfile *rev[2] = {rf[1], rf[0]};
    assert_int_equal(jx_plan_build(rev, 2, &po, &plan, &e), JX_E_FORMAT);
    assert_string_equal(e.file, p2);
    assert_int_equal(e.record, 0);
    jx_rcvfile_close(rf[0]);
    jx_rcvfile_close(rf[1]);
    rb_file_free(&f1);
    rb_file_free(&f2);
    free(p1);
    free(p2);
}

/* ---- concurrency: a jx_rcvfile is immutable after open ---------------------------- */

struct dec_arg {
    const struct jx_rcvfile *f;
    uint64_t sum;
};

static void *decode_all(void *arg)
{
    struct dec_arg *a = arg;
    struct jx_entry e;
    for (int rep = 0; rep < 3; rep++)
        for (uint64_t r = 0; r < jx_rcvfile_count(a->f); r++)
            if (jx_rcvfile_decode(a->f, r, &e, NULL) == JX_OK)
                a->sum += e.seq + e.job_number + (uint64_t)e.esd_avail;
    return NULL;
}

static void test_concurrent_decode(void **state)
{
    (void)state;
    const struct rb_fmt fmt = {900, JX_ESD_VARLEN608, 1141};
    char *p = mk_file("conc.type5", &fmt, 200, NULL);
    struct jx_rcvfile *f = open_ok(p, 0, JX_ESD_AUTO, 1141);
    pthread_t th[4];
    struct dec_arg a[4];
    for (int i = 0; i < 4; i++) {
        a[i] = (struct dec_arg){f, 0};
        assert_int_equal(pthread_create(&th[i], NULL, decode_all, &a[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    for (int i = 1; i < 4; i++)
        assert_true(a[i].sum == a[0].sum);
    assert_true(a[0].sum > 0);
    jx_rcvfile_close(f);
    free(p);
}

/* ---- allocation failures ------------------------------------------------------------ */

static void test_allocation_failures(void **state)
{
    (void)state;
    const struct rb_fmt fmt = {700, JX_ESD_VARLEN, 273};
    struct rb_file rf;
    char *sub = rb_path(jx_test_dir, "oom");
    assert_int_equal(mkdir(sub, 0700), 0);
    char *q1 = mk_file("oom1.type5", &fmt, 5, &rf);
    char *p1 = rb_file_write(&rf, sub, "a.type5");
    char *p2 = rb_file_write(&rf, sub, "b.type5");
    rb_file_free(&rf);
    struct jx_rcvopts o = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = 273};
    char *paths[1] = {sub};
    assert_non_null(jx_ccsid_get(273)); /* tables are process-wide, built once */
    int ok = 0;
    for (long n = 0; n < 100 && !ok; n++) {
        struct jx_rcvfile *f = NULL, **fs = NULL;
        size_t nf = 0;
        struct jx_errctx e;
        jx_set_alloc_fail_after(n);
        int rc = jx_rcvfile_open(p1, &o, &f, &e);
        int rc2 = jx_open_inputs(paths, 1, &o, &fs, &nf, &e);
        jx_set_alloc_fail_after(-1);
        assert_true(rc == JX_OK || rc == JX_E_NOMEM);
        assert_true(rc2 == JX_OK || rc2 == JX_E_NOMEM);
        if (rc)
            assert_null(f);
        if (rc2) {
            assert_null(fs);
            assert_int_equal(e.code, JX_E_NOMEM);
        } else {
            assert_int_equal(nf, 2);
            ok = rc == JX_OK;
        }
        jx_rcvfile_close(f);
        jx_close_inputs(fs, nf);
    }
    assert_true(ok);
    jx_rcvfile_close(NULL);
    unlink(p1);
    unlink(p2);
    rmdir(sub);
    free(p1);
    free(p2);
    free(q1);
    free(sub);
}

/* ---- mutation smoke test ------------------------------------------------------------ */

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint64_t rnd(void) { return jx_test_xorshift(&rng); }

static int visit_count(const struct jx_entry *e, void *arg)
{
    (void)e;
    (*(uint64_t *)arg)++;
    return 0;
}

static void check_entry(const struct jx_rcvfile *f, uint64_t r, const struct jx_entry *e)
{
    const uint8_t *rec = jx_rcvfile_record(f, r);
    assert_true(e->esd_avail <= e->esd_len);
    assert_true(e->esd >= rec + JX_H_LEN);
    assert_true(e->esd + e->esd_avail <= rec + jx_rcvfile_reclen(f));
    assert_true(e->job_number <= 999999);
    assert_true(strlen(e->job) < JX_NAME_SZ && strlen(e->user) < JX_NAME_SZ);
    assert_true(strlen(e->remote_addr) < JX_ADDR_SZ && strlen(e->path) < JX_PATH_SZ);
    assert_true(strlen(e->type) == 2);
}

static void test_mutations_never_crash(void **state)
{
    (void)state;
    const char *env = getenv("JX_FUZZ_ITERS");
    const long iters = env ? atol(env) : 3000;
    struct rb_file base[3];
    const struct rb_fmt fmts[3] = {{700, JX_ESD_FIXED, 37}, {760, JX_ESD_VARLEN, 273},
                                   {820, JX_ESD_VARLEN608, 500}};
    for (int b = 0; b < 3; b++) {
        struct rb_entry e;
        static struct rb_esd d;
        rb_file_init(&base[b], &fmts[b]);
        for (int i = 0; i < 4; i++) {
            mk_entry(&e, &d, fmts[b].ccsid, 50 + (uint64_t)i, 20 + 40 * (size_t)i);
            e.type = (const char *[]){"AF", "PW", "CD", "SV"}[i];
            rb_file_add(&base[b], &e);
        }
    }
    char *p = rb_path(jx_test_dir, "fuzz.type5");
    uint8_t *buf = malloc(4 * 820 * 2 + 4096);
    long opened = 0, decoded = 0, errors = 0;
    for (long it = 0; it < iters; it++) {
        const struct rb_file *bf = &base[rnd() % 3];
        size_t len = bf->n * bf->fmt.reclen;
        memcpy(buf, bf->data, len);
        int nmut = 1 + (int)(rnd() % 8);
        for (int m = 0; m < nmut; m++) {
            size_t at = (size_t)(rnd() % len);
            switch (rnd() % 8) {
            case 0: buf[at] ^= (uint8_t)(1u << (rnd() % 8)); break;
            case 1: buf[at] = (uint8_t)rnd(); break;
            case 2: buf[at] = (const uint8_t[]){0x00, 0x40, 0xF0, 0xF9, 0xFF, 0xC1, 0x60, 0x4B}[rnd() % 8]; break;
            case 3: /* damage a heading field of some record */
                at = (size_t)(rnd() % bf->n) * bf->fmt.reclen +
                     (const size_t[]){JX_H_ENTL, JX_H_SEQN, JX_H_CODE, JX_H_TSTP, JX_H_NBR,
                                      JX_H_SYSSEQ, JX_H_RPORT, JX_VARLEN_LEN_OFF,
                                      JX_VARLEN608_LEN_OFF, JX_H_TSTP + 8}[rnd() % 10] +
                     (size_t)(rnd() % 3);
                buf[at] = (uint8_t)rnd();
                break;
            case 4: /* cut or extend the file */
                if (rnd() % 2)
                    len = (size_t)(rnd() % len) + 1;
                else if (len + 2000 <= 4 * 820 * 2 + 4096) {
                    memset(buf + len, (int)(rnd() & 0xFF), 2000);
                    len += (size_t)(rnd() % 2000);
                }
                break;
            case 5: /* a big JOENTL */
                jx_put_zoned(buf + (size_t)(rnd() % bf->n) * bf->fmt.reclen + JX_H_ENTL,
                             JX_H_ENTL_LEN, (int64_t)(rnd() % 100000));
                break;
            case 6: /* a varlen length anywhere from 0 to 65535 */
                jx_put_be16(buf + (size_t)(rnd() % bf->n) * bf->fmt.reclen +
                                (rnd() % 2 ? JX_VARLEN_LEN_OFF : JX_VARLEN608_LEN_OFF),
                            (uint16_t)rnd());
                break;
            default: /* swap in a digit run (looks like a heading field) */
                for (size_t k = 0; k < 20 && at + k < len; k++)
                    buf[at + k] = (uint8_t)(0xF0 + rnd() % 10);
            }
        }
        rb_write(p, buf, len);
        struct jx_rcvopts o = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = bf->fmt.ccsid};
        if (rnd() % 4 == 0)
            o.reclen = bf->fmt.reclen;
        if (rnd() % 4 == 0)
            o.shape = (enum jx_esd_shape)(1 + rnd() % 3);
        struct jx_rcvfile *f = NULL;
        struct jx_errctx e;
        jx_errctx_clear(&e);
        int rc = jx_rcvfile_open(p, &o, &f, &e);
        if (rc) {
            assert_true(rc < 0);
            assert_null(f);
            assert_int_equal(e.code, rc);
            assert_true(e.msg[0] != '\0');
            errors++;
            continue;
        }
        opened++;
        for (uint64_t r = 0; r < jx_rcvfile_count(f); r++) {
            struct jx_entry x;
            struct jx_rcvkey k;
            jx_errctx_clear(&e);
            int r1 = jx_rcvfile_key(f, r, &k, &e);
            int r2 = jx_rcvfile_decode(f, r, &x, &e);
            assert_int_equal(r1, r2); /* key accepts exactly what decode accepts */
            if (r2) {
                assert_true(r2 < 0);
                assert_true(e.msg[0] != '\0');
                assert_int_equal(e.record, (int64_t)r);
                assert_true(e.offset >= (int64_t)(r * jx_rcvfile_reclen(f)) &&
                            e.offset < (int64_t)((r + 1) * jx_rcvfile_reclen(f)));
                errors++;
            } else {
                check_entry(f, r, &x);
                decoded++;
            }
        }
        struct jx_plan *plan = NULL;
        struct jx_plan_opts po = {rnd() % 2 == 0, 1, NULL};
        rc = jx_plan_build(&f, 1, &po, &plan, &e);
        if (rc == JX_OK) {
            uint64_t n = 0;
            assert_int_equal(jx_plan_scan(plan, visit_count, &n, &e), JX_OK);
            assert_true(n == plan->entries);
            assert_true(plan->entries + plan->skipped + plan->duplicates == jx_rcvfile_count(f));
        } else {
            assert_false(po.skip_bad);
            assert_true(e.msg[0] != '\0');
        }
        jx_plan_free(plan);
        jx_rcvfile_close(f);
    }
    /* the mutations must exercise both outcomes */
    assert_true(opened > iters / 10);
    assert_true(decoded > 0 && errors > 0);
    free(buf);
    free(p);
    for (int b = 0; b < 3; b++)
        rb_file_free(&base[b]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect_lengths_and_shapes),
        cmocka_unit_test(test_detect_one_record_files),
        cmocka_unit_test(test_detect_ignores_heading_mimic),
        cmocka_unit_test(test_detect_tolerates_one_bad_record),
        cmocka_unit_test(test_detect_failure_message),
        cmocka_unit_test(test_reclen_override_errors),
        cmocka_unit_test(test_shape_override),
        cmocka_unit_test(test_heading_fields),
        cmocka_unit_test(test_journal_codes),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_truncated_esd),
        cmocka_unit_test(test_truncated_never_reads_past_record),
        cmocka_unit_test(test_errors_name_file_record_offset),
        cmocka_unit_test(test_errors_open),
        cmocka_unit_test(test_plan_skip_semantics),
        cmocka_unit_test(test_concurrent_decode),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_mutations_never_crash),
    };
    return cmocka_run_group_tests(tests, jx_test_dir_setup, jx_test_dir_teardown);
}
