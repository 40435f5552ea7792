/*
 * tests/test_golden.c - the generator of the golden receiver files in
 * tests/golden/ (see tests/golden/README.md), and its check: every golden
 * input is rebuilt here with tests/recbuild.c and must equal the committed
 * bytes, so the binaries stay explainable by this source. The expected
 * outputs (*.json, *.err) are hand-checked and compared by
 * tests/e2e/dump.sh, not here.
 *
 *   JX_GOLDEN_WRITE=1 build/tests/test_golden    rewrites the inputs
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test.h"
#include "recbuild.h"

#include "ebcdic.h"
#include "fields.h"
#include "jx.h"
#include "layout.h"

struct buf {
    uint8_t *p;
    size_t n;
};

static void take(struct buf *b, struct rb_file *f)
{
    b->p = f->data;
    b->n = f->n * f->fmt.reclen;
    f->data = NULL;
}

static void base_entry(struct rb_entry *e, uint64_t seq, int sec)
{
    rb_entry_init(e);
    e->seq = seq;
    e->ts = jx_ts_make(2024, 6, 3, 9, 15, sec, 250000);
    e->job = "QPADEV0004";
    e->job_user = "OPER1";
    e->job_number = 482913;
    e->user = "OPER1";
    e->remote_addr = "10.0.7.21";
    e->remote_port = 50123;
    e->thread = 0x1A2B;
}

/* fixed37: CCSID 37, fixed JOESD, 700-byte records: AF, PW, a J entry */
static void g_fixed37(struct buf *b)
{
    const struct rb_fmt fmt = {700, JX_ESD_FIXED, 37};
    struct rb_file f;
    struct rb_entry e;
    static struct rb_esd d;
    rb_file_init(&f, &fmt);

    base_entry(&e, 501, 1);
    rb_esd_init(&d, 37);
    rb_esd_object(&d, 'A', "PAYROLL", "PRODLIB", "*FILE");
    e.type = "AF";
    e.user = "ADM#1";
    e.esd = d.b;
    e.esd_len = d.len;
    rb_file_add(&f, &e);

    base_entry(&e, 502, 2);
    rb_esd_init(&d, 37);
    rb_esd_char(&d, JX_E_SUBTYPE, 1, "P");
    rb_esd_char(&d, JX_PW_USER, JX_PW_USER_LEN, "BAD@USR");
    rb_esd_char(&d, JX_PW_DEVICE, JX_PW_DEVICE_LEN, "QPADEV0009");
    e.type = "PW";
    e.job = "QTVDEVICE";
    e.job_user = "QTCP";
    e.job_number = 7;
    e.user = "QTCP";
    e.esd = d.b;
    e.esd_len = d.len;
    rb_file_add(&f, &e);

    base_entry(&e, 503, 3);
    rb_esd_init(&d, 37);
    rb_esd_char(&d, 0, 20, "JOURNAL ENTRY DATA");
    e.code = 'J';
    e.type = "PR";
    e.remote_addr = NULL;
    e.remote_port = 0;
    e.addr_family = '0';
    e.esd = d.b;
    e.esd_len = d.len;
    rb_file_add(&f, &e);
    take(b, &f);
}

/* varlen273: CCSID 273, varlen JOESD, 700-byte records: CA with a
 * grantee, a truncated SV (ESD 3011 bytes, 89 in the record), CP */
static void g_varlen273(struct buf *b)
{
    const struct rb_fmt fmt = {700, JX_ESD_VARLEN, 273};
    struct rb_file f;
    struct rb_entry e;
    static struct rb_esd d;
    rb_file_init(&f, &fmt);

    base_entry(&e, 9000000000000000001ULL, 10);
    rb_esd_init(&d, 273);
    rb_esd_object(&d, 'A', "LOHN§1", "PERSONAL", "*FILE");
    rb_esd_char(&d, JX_CA_USER, JX_CA_USER_LEN, "MÜLLER$");
    rb_esd_char(&d, JX_CA_OBJEXIST, 1, "Y");
    e.type = "CA";
    e.system = "WERK@2";
    e.user = "ADMIN#";
    e.esd = d.b;
    e.esd_len = d.len;
    rb_file_add(&f, &e);

    base_entry(&e, 9000000000000000002ULL, 11);
    rb_esd_init(&d, 273);
    rb_esd_char(&d, JX_E_SUBTYPE, 1, "A");
    rb_esd_char(&d, JX_SV_NAME, JX_SV_NAME_LEN, "QAUDLVL");
    rb_esd_char(&d, JX_SV_NEW, JX_SV_PART_LEN, "*AUTFAIL *SECURITY");
    rb_esd_char(&d, JX_SV_OLD3 + JX_SV_EXT_LEN - 1, 1, " ");
    e.type = "SV";
    e.system = "WERK@2";
    e.user = "ADMIN#";
    e.esd = d.b;
    e.esd_len = d.len;
    rb_file_add(&f, &e);

    base_entry(&e, 9000000000000000003ULL, 12);
    rb_esd_init(&d, 273);
    rb_esd_object(&d, 'A', "ÄRGER", "QSYS", "*USRPRF");
    rb_esd_char(&d, JX_CP_CMD, JX_CP_CMD_LEN, "CRT");
    e.type = "CP";
    e.system = "WERK@2";
    e.user = "ADMIN#";
    e.esd = d.b;
    e.esd_len = d.len;
    rb_file_add(&f, &e);
    take(b, &f);
}

/* order500: CCSID 500, JOESD length at 608 (varlen608), 660-byte records:
 * two receivers in one file, the newer one first, records out of order;
 * canonical order differs from file order */
static void g_order500(struct buf *b)
{
    const struct rb_fmt fmt = {660, JX_ESD_VARLEN608, 500};
    struct rb_file f;
    struct rb_entry e;
    static struct rb_esd d;
    const struct {
        const char *rcv;
        uint64_t seq;
        int sec;
    } recs[] = {{"AUDRCV0002", 21, 40}, {"AUDRCV0002", 20, 30}, {"AUDRCV0001", 12, 20},
                {"AUDRCV0001", 10, 0},  {"AUDRCV0001", 11, 10}};
    rb_file_init(&f, &fmt);
    for (size_t i = 0; i < JX_ARRAY_SIZE(recs); i++) {
        base_entry(&e, recs[i].seq, recs[i].sec);
        rb_esd_init(&d, 500);
        if (i % 2) {
            rb_esd_object(&d, 'R', "ORDERS", "SALES!", "*FILE");
            e.type = "ZR";
        } else {
            rb_esd_char(&d, JX_E_SUBTYPE, 1, "S");
            rb_esd_char(&d, JX_JS_JOBTYPE, 1, "B");
            rb_esd_char(&d, JX_JS_EFFUSER, 10, "BATCH[1]");
            e.type = "JS";
        }
        e.receiver = recs[i].rcv;
        e.receiver_lib = "AUDLIB";
        e.system = "HQ";
        e.user = "PAY$CLERK";
        e.esd = d.b;
        e.esd_len = d.len;
        rb_file_add(&f, &e);
    }
    take(b, &f);
}

/* skip37: 4 records, the third has a non-digit job number; read with
 * --on-error skip */
static void g_skip37(struct buf *b)
{
    const struct rb_fmt fmt = {640, JX_ESD_FIXED, 37};
    struct rb_file f;
    struct rb_entry e;
    static struct rb_esd d;
    rb_file_init(&f, &fmt);
    for (int i = 0; i < 4; i++) {
        base_entry(&e, 70 + (uint64_t)i, 50 + i);
        rb_esd_init(&d, 37);
        rb_esd_object(&d, 'A', "QSYSPRT", "QSYS", "*DEVD");
        e.type = "AF";
        e.esd = d.b;
        e.esd_len = d.len;
        rb_file_add(&f, &e);
    }
    rb_file_rec(&f, 2)[JX_H_NBR + 2] = 0x40;
    take(b, &f);
}

/* ---- broken inputs --------------------------------------------------------- */

/* Five good 650-byte fixed records, then `damage` applied to record `rec`. */
static void five(struct buf *b, size_t rec, void (*damage)(uint8_t *))
{
    const struct rb_fmt fmt = {650, JX_ESD_FIXED, 37};
    struct rb_file f;
    struct rb_entry e;
    static struct rb_esd d;
    rb_file_init(&f, &fmt);
    for (int i = 0; i < 5; i++) {
        base_entry(&e, 100 + (uint64_t)i, i);
        rb_esd_init(&d, 37);
        rb_esd_object(&d, 'A', "QAUDJRN", "QSYS", "*JRN");
        e.type = "AF";
        e.esd = d.b;
        e.esd_len = d.len;
        rb_file_add(&f, &e);
    }
    if (damage)
        damage(rb_file_rec(&f, rec));
    take(b, &f);
}

static void dm_nbr(uint8_t *r) { r[JX_H_NBR + 4] = 0x7B; }
static void dm_feb30(uint8_t *r) { r[JX_H_TSTP + 5] = 0xF0; r[JX_H_TSTP + 6] = 0xF2;
                                   r[JX_H_TSTP + 8] = 0xF3; r[JX_H_TSTP + 9] = 0xF0; }
static void dm_code(uint8_t *r) { r[JX_H_CODE] = 0xE7; }
static void dm_entl(uint8_t *r) { jx_put_zoned(r + JX_H_ENTL, JX_H_ENTL_LEN, 400); }
static void dm_seq(uint8_t *r) { memset(r + JX_H_SEQN, 0xF9, JX_H_SEQN_LEN); }
static void dm_varlen(uint8_t *r) { jx_put_be16(r + JX_VARLEN_LEN_OFF, 2000); }

static void g_zoned_bad(struct buf *b) { five(b, 1, dm_nbr); }
static void g_timestamp_bad(struct buf *b) { five(b, 2, dm_feb30); }
static void g_code_bad(struct buf *b) { five(b, 3, dm_code); }
static void g_entl_bad(struct buf *b) { five(b, 4, dm_entl); }
static void g_seq_bad(struct buf *b) { five(b, 1, dm_seq); }

static void g_varlen_bad(struct buf *b)
{
    const struct rb_fmt fmt = {700, JX_ESD_VARLEN, 37};
    struct rb_file f;
    struct rb_entry e;
    static struct rb_esd d;
    rb_file_init(&f, &fmt);
    for (int i = 0; i < 4; i++) {
        base_entry(&e, 1 + (uint64_t)i, i);
        rb_esd_init(&d, 37);
        rb_esd_char(&d, JX_E_SUBTYPE, 1, "P");
        rb_esd_char(&d, JX_PW_USER, JX_PW_USER_LEN, "GUEST");
        e.type = "PW";
        e.esd = d.b;
        e.esd_len = d.len;
        rb_file_add(&f, &e);
    }
    dm_varlen(rb_file_rec(&f, 2));
    take(b, &f);
}

static void g_empty_bad(struct buf *b)
{
    b->p = malloc(1);
    b->n = 0;
}

static void g_short_bad(struct buf *b)
{
    struct buf full;
    five(&full, 0, NULL);
    b->n = 300; /* a cut transfer: less than one heading */
    b->p = full.p;
}

static void g_size_bad(struct buf *b)
{
    five(b, 0, NULL);
    b->n = 2 * 650 + 17; /* two records and 17 stray bytes */
}

static void g_reclen_bad(struct buf *b) { five(b, 0, NULL); } /* read with --reclen 700 */

static void g_text_bad(struct buf *b)
{
    /* an ASCII (text-mode) transfer of a record: the layout is gone */
    static const char line[] = "00650000000000000000100TAF2024-06-03-09.15.00.250000"
                               "QPADEV0004OPER1     482913";
    b->n = 1300;
    b->p = malloc(b->n);
    for (size_t i = 0; i < b->n; i++)
        b->p[i] = (uint8_t)(i % 650 < sizeof(line) - 1 ? line[i % 650] : ' ');
}

static const struct {
    const char *name;
    void (*gen)(struct buf *);
} goldens[] = {
    {"fixed37.type5", g_fixed37},
    {"varlen273.type5", g_varlen273},
    {"order500.type5", g_order500},
    {"skip37.type5", g_skip37},
    {"empty.bad.type5", g_empty_bad},
    {"short.bad.type5", g_short_bad},
    {"size.bad.type5", g_size_bad},
    {"reclen.bad.type5", g_reclen_bad},
    {"text.bad.type5", g_text_bad},
    {"zoned.bad.type5", g_zoned_bad},
    {"timestamp.bad.type5", g_timestamp_bad},
    {"code.bad.type5", g_code_bad},
    {"entl.bad.type5", g_entl_bad},
    {"seq.bad.type5", g_seq_bad},
    {"varlen.bad.type5", g_varlen_bad},
};

static const char *golden_dir(void)
{
    static char dir[1024];
    const char *t = getenv("JX_TESTS");
    snprintf(dir, sizeof(dir), "%s/golden", t ? t : "tests");
    return dir;
}

static void test_golden_inputs_match_generator(void **state)
{
    (void)state;
    const char *dir = golden_dir();
    const int write = getenv("JX_GOLDEN_WRITE") != NULL;
    for (size_t i = 0; i < JX_ARRAY_SIZE(goldens); i++) {
        struct buf b = {0};
        char *path = rb_path(dir, goldens[i].name);
        goldens[i].gen(&b);
        if (write)
            rb_write(path, b.p, b.n);
        FILE *fp = fopen(path, "rb");
        if (!fp)
            fail_msg("missing golden input '%s' (JX_GOLDEN_WRITE=1 writes it)", path);
        uint8_t *have = malloc(b.n + 1);
        size_t got = fread(have, 1, b.n + 1, fp);
        fclose(fp);
        if (got != b.n || memcmp(have, b.p, b.n))
            fail_msg("'%s' differs from what tests/test_golden.c generates", path);
        /* every input has its expected output */
        char exp[1200];
        struct stat st;
        size_t l = strlen(path) - strlen(".type5");
        snprintf(exp, sizeof(exp), "%.*s.%s", (int)l, path,
                 strstr(goldens[i].name, ".bad.") ? "err" : "json");
        if (!write && stat(exp, &st) != 0)
            fail_msg("golden input '%s' has no expected output '%s'", path, exp);
        free(have);
        free(b.p);
        free(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_inputs_match_generator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
