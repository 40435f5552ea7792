/*
 * tests/test_filter.c - the query filters (query/filter.h): parsing of every
 * filter kind and the reference semantics jx_filter_match() on hand-made
 * entries: generic names, special values, case, negation, OR/AND, time
 * boundaries at every precision, sequence bounds, CIDR v4/v6, ESD search
 * with and without an offset, QAUDLVL expansion, and parse errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebcdic.h"
#include "fields.h"
#include "filter.h"
#include "test.h"

static uint8_t esd_store[8][512];
static int esd_next;

static struct jx_entry mk(const char *type, char sub, const char *user)
{
    struct jx_entry e;
    memset(&e, 0, sizeof(e));
    e.seq = 100;
    e.ts = jx_ts_make(2023, 1, 23, 11, 16, 19, 0);
    e.code = 'T';
    e.subtype = sub;
    snprintf(e.type, sizeof(e.type), "%s", type);
    snprintf(e.user, sizeof(e.user), "%s", user);
    snprintf(e.job, sizeof(e.job), "QZDASOINIT");
    snprintf(e.job_user, sizeof(e.job_user), "QUSER");
    e.job_number = 123456;
    snprintf(e.program, sizeof(e.program), "QCMD");
    snprintf(e.program_lib, sizeof(e.program_lib), "QSYS");
    snprintf(e.system, sizeof(e.system), "SYSA");
    snprintf(e.receiver, sizeof(e.receiver), "AUDRCV0001");
    snprintf(e.receiver_lib, sizeof(e.receiver_lib), "QGPL");
    snprintf(e.remote_addr, sizeof(e.remote_addr), "10.0.1.12");
    e.ccsid = 37;
    return e;
}

/* An entry whose ESD is the EBCDIC (CCSID 37) form of `text`. */
static struct jx_entry mk_esd(const char *text)
{
    struct jx_entry e = mk("CD", 'C', "JSMITH");
    uint8_t *b = esd_store[esd_next++ % 8];
    size_t n = strlen(text);
    jx_u2e(jx_ccsid_get(37), text, b, n);
    e.esd = b;
    e.esd_len = e.esd_avail = (uint32_t)n;
    return e;
}

/* Build a filter from "name=value" pairs (NULL-terminated); fail the test on
 * a parse error. */
static struct jx_filter *F(const char *first, ...)
{
    struct jx_filter *f;
    struct jx_errctx err;
    va_list ap;
    assert_int_equal(jx_filter_create(&f), JX_OK);
    va_start(ap, first);
    for (const char *a = first; a; a = va_arg(ap, const char *)) {
        char name[64];
        const char *eq = strchr(a, '=');
        assert_non_null(eq);
        snprintf(name, sizeof(name), "%.*s", (int)(eq - a), a);
        if (jx_filter_add(f, name, eq + 1, &err) != JX_OK)
            fail_msg("filter %s: %s", a, err.msg);
    }
    va_end(ap);
    assert_int_equal(jx_filter_check(f, &err), JX_OK);
    return f;
}

/* jx_filter_add() must refuse; the message must mention `needle`. */
static void bad(const char *name, const char *value, const char *needle)
{
    struct jx_filter *f;
    struct jx_errctx err;
    jx_errctx_clear(&err);
    assert_int_equal(jx_filter_create(&f), JX_OK);
    int rc = jx_filter_add(f, name, value, &err);
    if (rc != JX_E_USAGE)
        fail_msg("--%s '%s' accepted (rc %d)", name, value, rc);
    if (needle && !strstr(err.msg, needle))
        fail_msg("--%s '%s': message '%s' lacks '%s'", name, value, err.msg, needle);
    jx_filter_free(f);
}

static bool M(struct jx_filter *f, const struct jx_entry *e)
{
    return jx_filter_match(f, e);
}

static void test_filter_empty_matches_all(void **state)
{
    (void)state;
    struct jx_entry e = mk("ZR", 'R', "QSECOFR");
    struct jx_filter *f = F(NULL);
    assert_true(jx_filter_is_empty(f));
    assert_true(M(f, &e));
    assert_true(jx_filter_match(NULL, &e));
    assert_int_equal(jx_filter_needs(f), 0);
    jx_filter_free(f);
    jx_filter_free(NULL);
}

static void test_filter_generic_and_case(void **state)
{
    (void)state;
    struct jx_entry a = mk("ZR", 'R', "QSECOFR"), b = mk("ZR", 'R', "QSECADM"),
                    c = mk("ZR", 'R', "QSYS"), d = mk("ZR", 'R', "QSEC");
    struct jx_filter *f = F("user=qsec*", NULL);
    assert_false(jx_filter_is_empty(f));
    assert_true(M(f, &a));
    assert_true(M(f, &b));
    assert_false(M(f, &c));
    assert_true(M(f, &d)); /* the prefix itself is a generic match */
    jx_filter_free(f);

    f = F("user=qsecofr", NULL); /* exact, case-insensitive input */
    assert_true(M(f, &a));
    assert_false(M(f, &b));
    assert_false(M(f, &d));
    jx_filter_free(f);

    f = F("user=*", NULL);
    assert_true(M(f, &a) && M(f, &c));
    jx_filter_free(f);
    f = F("user=*all", NULL);
    assert_true(M(f, &a) && M(f, &c));
    jx_filter_free(f);
}

static void test_filter_special_values(void **state)
{
    (void)state;
    struct jx_entry e = mk("CD", 'C', "JSMITH");
    snprintf(e.object_type, sizeof(e.object_type), "*CMD");
    struct jx_entry g = e;
    snprintf(g.object_type, sizeof(g.object_type), "*CMDX");
    struct jx_filter *f = F("object-type=*cmd", NULL);
    assert_true(M(f, &e));
    assert_false(M(f, &g)); /* a leading '*' is a special value, not generic */
    jx_filter_free(f);
    f = F("object-type=*CMD*", NULL); /* trailing '*' still means generic */
    assert_true(M(f, &e) && M(f, &g));
    jx_filter_free(f);
    bad("user", "Q*SEC", "'*'");
    bad("object", "A*B*", "'*'");
}

static void test_filter_or_and(void **state)
{
    (void)state;
    struct jx_entry cp = mk("CP", 'A', "QSECOFR"), pw = mk("PW", 'P', "JSMITH"),
                    zr = mk("ZR", 'R', "QSECOFR");
    struct jx_filter *f = F("type=CP,pw", NULL);
    assert_true(M(f, &cp) && M(f, &pw));
    assert_false(M(f, &zr));
    jx_filter_free(f);
    f = F("type=CP", "type=PW", NULL); /* repeating = OR too */
    assert_true(M(f, &cp) && M(f, &pw));
    assert_false(M(f, &zr));
    jx_filter_free(f);
    f = F("type=CP,PW", "user=QSECOFR", NULL); /* different filters: AND */
    assert_true(M(f, &cp));
    assert_false(M(f, &pw));
    assert_false(M(f, &zr));
    jx_filter_free(f);
    f = F("type=cp, pw", NULL); /* blanks after commas are tolerated */
    assert_true(M(f, &pw));
    jx_filter_free(f);
}

static void test_filter_negation(void **state)
{
    (void)state;
    struct jx_entry a = mk("ZR", 'R', "QSYS"), b = mk("ZR", 'R', "QSYSOPR"),
                    c = mk("ZR", 'R', "JSMITH"), d = mk("CP", 'A', "JSMITH");
    struct jx_filter *f = F("not-user=QSYS*", NULL);
    assert_false(M(f, &a));
    assert_false(M(f, &b));
    assert_true(M(f, &c));
    jx_filter_free(f);
    f = F("not-type=ZR,PW", "not-user=QSYS", NULL);
    assert_false(M(f, &a));
    assert_false(M(f, &c));
    assert_true(M(f, &d));
    jx_filter_free(f);
    f = F("user=QSYS*", "not-user=QSYSOPR", NULL);
    assert_true(M(f, &a));
    assert_false(M(f, &b));
    assert_false(M(f, &c));
    jx_filter_free(f);
    f = F("not-user=*", NULL); /* rejects everything */
    assert_false(M(f, &c));
    jx_filter_free(f);
    bad("not-from", "2023-01-01", "unknown filter");
    bad("not-seq-to", "5", "unknown filter");
    bad("colour", "red", "unknown filter");
}

static void test_filter_code_subtype_type(void **state)
{
    (void)state;
    struct jx_entry t = mk("AF", 'A', "JSMITH"), j = mk("PR", '\0', "QSYS");
    j.code = 'J';
    struct jx_filter *f = F("code=j", NULL);
    assert_true(M(f, &j));
    assert_false(M(f, &t));
    jx_filter_free(f);
    f = F("subtype=a", NULL);
    assert_true(M(f, &t));
    assert_false(M(f, &j));
    jx_filter_free(f);
    f = F("not-subtype=A", NULL);
    assert_false(M(f, &t));
    assert_true(M(f, &j)); /* no subtype is not 'A' */
    jx_filter_free(f);
    f = F("type=a*", NULL);
    assert_true(M(f, &t));
    assert_false(M(f, &j));
    jx_filter_free(f);
    bad("code", "TJ", "longer");
    bad("subtype", "AB", "longer");
    bad("type", "ABC", "longer");
    bad("type", "", "empty");
    bad("user", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ", "too long");
}

static void test_filter_other_names(void **state)
{
    (void)state;
    struct jx_entry e = mk("ZC", 'C', "JSMITH");
    snprintf(e.target_user, sizeof(e.target_user), "OPS#2");
    snprintf(e.object, sizeof(e.object), "PAYROLL");
    snprintf(e.object_lib, sizeof(e.object_lib), "HRLIB");
    snprintf(e.object_type, sizeof(e.object_type), "*FILE");
    struct jx_filter *f = F("target-user=ops#2", "object=PAY*", "object-lib=hrlib",
                            "object-type=*FILE", "program=qcmd", "program-lib=QSYS",
                            "job-user=QUSER", "system=sys*", NULL);
    assert_true(M(f, &e));
    assert_int_equal(jx_filter_needs(f) &
                         (JX_FN_TARGET_USER | JX_FN_OBJECT | JX_FN_PROGRAM | JX_FN_JOB),
                     JX_FN_TARGET_USER | JX_FN_OBJECT | JX_FN_PROGRAM | JX_FN_JOB);
    jx_filter_free(f);
    const char *miss[] = {"target-user=OPS", "object=PAYROLLX", "object-lib=QGPL",
                          "object-type=*PGM", "program=QCMDEXC", "program-lib=QGPL",
                          "job-user=QSYS", "system=SYSB"};
    for (size_t i = 0; i < sizeof(miss) / sizeof(miss[0]); i++) {
        f = F(miss[i], NULL);
        if (M(f, &e))
            fail_msg("%s matched", miss[i]);
        jx_filter_free(f);
    }
}

static void test_filter_job(void **state)
{
    (void)state;
    struct jx_entry e = mk("JS", 'S', "JSMITH"); /* 123456/QUSER/QZDASOINIT */
    struct jx_entry small = e;
    small.job_number = 12;
    const char *yes[] = {"*/QUSER/QZDA*", "123456/QUSER/QZDASOINIT", "qzdasoinit",
                         "quser/qzdasoinit", "*/*/*", "12*/QUSER/*", "QZDA*"};
    const char *no[] = {"*/QSYS/QZDA*", "123457/QUSER/QZDASOINIT", "QZDASOINIX",
                        "QSYS/QZDASOINIT", "13*/*/*"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        char a[80];
        snprintf(a, sizeof(a), "job=%s", yes[i]);
        struct jx_filter *f = F(a, NULL);
        if (!M(f, &e))
            fail_msg("--job %s did not match", yes[i]);
        jx_filter_free(f);
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        char a[80];
        snprintf(a, sizeof(a), "job=%s", no[i]);
        struct jx_filter *f = F(a, NULL);
        if (M(f, &e))
            fail_msg("--job %s matched", no[i]);
        jx_filter_free(f);
    }
    /* short numbers are the 6-digit job number */
    struct jx_filter *f = F("job=12/QUSER/QZDASOINIT", NULL);
    assert_true(M(f, &small));
    assert_false(M(f, &e));
    jx_filter_free(f);
    f = F("job=000012/*/*", NULL);
    assert_true(M(f, &small));
    jx_filter_free(f);
    f = F("not-job=*/QUSER/*", NULL);
    assert_false(M(f, &e));
    jx_filter_free(f);
    bad("job", "1/2/3/4", "too many");
    bad("job", "ABC/QUSER/X", "job number");
    bad("job", "1234567/QUSER/X", "job number");
    bad("job", "//X", "empty part");
}

static void test_filter_receiver_path(void **state)
{
    (void)state;
    struct jx_entry e = mk("ZC", 'C', "JSMITH");
    snprintf(e.path, sizeof(e.path), "/home/jsmith/.profile");
    struct jx_filter *f = F("receiver=audrcv0001", "path=/home/*", NULL);
    assert_true(M(f, &e));
    jx_filter_free(f);
    f = F("receiver=QGPL/AUDRCV*", "path=/home/jsmith/.profile", NULL);
    assert_true(M(f, &e));
    jx_filter_free(f);
    const char *no[] = {"receiver=QSYS/AUDRCV0001", "receiver=AUDRCV0002", "path=/HOME/*",
                        "path=/home/jsmith", "path=/home/jsmith/.profile2", "not-path=/home/*"};
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        f = F(no[i], NULL);
        if (M(f, &e))
            fail_msg("%s matched", no[i]);
        jx_filter_free(f);
    }
    /* a comma is part of a path, not a list separator */
    snprintf(e.path, sizeof(e.path), "/tmp/a,b");
    f = F("path=/tmp/a,b", NULL);
    assert_true(M(f, &e));
    jx_filter_free(f);
    bad("receiver", "A/B/C", "too many");
}

static void test_filter_time_bounds(void **state)
{
    (void)state;
    struct jx_entry e = mk("ZR", 'R', "X");
    struct { const char *from, *to; int64_t ts; bool want; } c[] = {
        /* a date-only --to includes that whole day */
        {NULL, "2023-01-23", jx_ts_make(2023, 1, 23, 23, 59, 59, 999999), true},
        {NULL, "2023-01-23", jx_ts_make(2023, 1, 24, 0, 0, 0, 0), false},
        {"2023-01-23", NULL, jx_ts_make(2023, 1, 23, 0, 0, 0, 0), true},
        {"2023-01-23", NULL, jx_ts_make(2023, 1, 22, 23, 59, 59, 999999), false},
        {"2023-01-23", "2023-01-23", jx_ts_make(2023, 1, 23, 12, 0, 0, 0), true},
        /* minute precision: --to includes the whole minute */
        {NULL, "2023-01-23 11:16", jx_ts_make(2023, 1, 23, 11, 16, 59, 999999), true},
        {NULL, "2023-01-23 11:16", jx_ts_make(2023, 1, 23, 11, 17, 0, 0), false},
        {"2023-01-23T11:16", NULL, jx_ts_make(2023, 1, 23, 11, 15, 59, 999999), false},
        {"2023-01-23T11:16", NULL, jx_ts_make(2023, 1, 23, 11, 16, 0, 0), true},
        /* seconds, fractions, the IBM form */
        {NULL, "2023-01-23T11:16:19", jx_ts_make(2023, 1, 23, 11, 16, 19, 999999), true},
        {NULL, "2023-01-23T11:16:19", jx_ts_make(2023, 1, 23, 11, 16, 20, 0), false},
        {NULL, "2023-01-23 11:16:19.5", jx_ts_make(2023, 1, 23, 11, 16, 19, 599999), true},
        {NULL, "2023-01-23 11:16:19.5", jx_ts_make(2023, 1, 23, 11, 16, 19, 600000), false},
        {NULL, "2023-01-23-11.16.19.000000", jx_ts_make(2023, 1, 23, 11, 16, 19, 0), true},
        {NULL, "2023-01-23-11.16.19.000000", jx_ts_make(2023, 1, 23, 11, 16, 19, 1), false},
        {"2023-01-23-11.16.19.000001", NULL, jx_ts_make(2023, 1, 23, 11, 16, 19, 0), false},
        {"2023-01-23-11.16.19.000001", NULL, jx_ts_make(2023, 1, 23, 11, 16, 19, 1), true},
        {"2023-01-23-11.16", "2023-01-23-11.16", jx_ts_make(2023, 1, 23, 11, 16, 30, 0), true},
        {"2024-02-29", "2024-02-29", jx_ts_make(2024, 2, 29, 8, 0, 0, 0), true},
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        char a[80], b[80];
        snprintf(a, sizeof(a), "from=%s", c[i].from ? c[i].from : "");
        snprintf(b, sizeof(b), "to=%s", c[i].to ? c[i].to : "");
        struct jx_filter *f = c[i].from && c[i].to ? F(a, b, NULL)
                              : c[i].from          ? F(a, NULL)
                                                   : F(b, NULL);
        e.ts = c[i].ts;
        if (M(f, &e) != c[i].want)
            fail_msg("case %zu (from %s, to %s) gave %d", i, c[i].from ? c[i].from : "-",
                     c[i].to ? c[i].to : "-", !c[i].want);
        assert_true(jx_filter_needs(f) & JX_FN_TS);
        jx_filter_free(f);
    }
    int64_t s, t;
    assert_int_equal(jx_time_parse("2023-01-23 11", &s, &t, NULL), JX_OK);
    assert_true(s == jx_ts_make(2023, 1, 23, 11, 0, 0, 0) && t - s == 3600 * JX_US_PER_SEC);
    assert_int_equal(jx_time_parse("2023-01-23-11.16.19.123456", &s, &t, NULL), JX_OK);
    assert_true(s == jx_ts_make(2023, 1, 23, 11, 16, 19, 123456) && t == s + 1);
    bad("from", "2023-02-29", "no such day");
    bad("from", "2023-13-01", "no such day");
    bad("from", "2023-1-5", "bad date");
    bad("to", "yesterday", "bad date");
    bad("to", "2023-01-23Z", "time zone");
    bad("to", "2023-01-23T11:16:19+01:00", "time zone");
    bad("to", "2023-01-23T25:00", "out of range");
    bad("to", "2023-01-23T11:16:19.", "bad time");
    bad("to", "2023-01-23 11:16 junk", "bad time");
    struct jx_filter *f = F("to=2023-01-01", NULL);
    struct jx_errctx err;
    assert_int_equal(jx_filter_add(f, "from", "2023-01-02", &err), JX_E_USAGE);
    assert_non_null(strstr(err.msg, "after"));
    assert_int_equal(jx_filter_add(f, "to", "2023-01-05", &err), JX_E_USAGE);
    assert_non_null(strstr(err.msg, "twice"));
    jx_filter_free(f);
}

static void test_filter_seq(void **state)
{
    (void)state;
    struct jx_entry e = mk("ZR", 'R', "X");
    struct jx_filter *f = F("seq-from=100", "seq-to=200", NULL);
    e.seq = 100;
    assert_true(M(f, &e));
    e.seq = 200;
    assert_true(M(f, &e));
    e.seq = 99;
    assert_false(M(f, &e));
    e.seq = 201;
    assert_false(M(f, &e));
    assert_true(jx_filter_needs(f) & JX_FN_SEQ);
    jx_filter_free(f);
    f = F("seq-from=18446744073709551615", NULL);
    e.seq = UINT64_MAX;
    assert_true(M(f, &e));
    jx_filter_free(f);
    bad("seq-from", "-1", "bad sequence");
    bad("seq-to", "12x", "bad sequence");
    bad("seq-to", "18446744073709551616", "bad sequence");
    f = F("seq-from=10", NULL);
    struct jx_errctx err;
    assert_int_equal(jx_filter_add(f, "seq-to", "9", &err), JX_E_USAGE);
    jx_filter_free(f);
}

static bool addr_match(const char *filter, const char *addr)
{
    char a[96];
    snprintf(a, sizeof(a), "remote-addr=%s", filter);
    struct jx_filter *f = F(a, NULL);
    struct jx_entry e = mk("SK", 'A', "X");
    snprintf(e.remote_addr, sizeof(e.remote_addr), "%s", addr);
    bool r = M(f, &e);
    jx_filter_free(f);
    return r;
}

static void test_filter_cidr(void **state)
{
    (void)state;
    assert_true(addr_match("10.0.0.0/8", "10.1.2.3"));
    assert_false(addr_match("10.0.0.0/8", "11.0.0.1"));
    assert_true(addr_match("10.0.1.12", "10.0.1.12"));
    assert_true(addr_match("10.0.1.12/32", "10.0.1.12"));
    assert_false(addr_match("10.0.1.12", "10.0.1.13"));
    assert_true(addr_match("192.168.7.128/25", "192.168.7.135"));
    assert_false(addr_match("192.168.7.128/25", "192.168.7.127"));
    assert_true(addr_match("0.0.0.0/0", "8.8.8.8"));
    assert_false(addr_match("0.0.0.0/0", "::1"));       /* families differ */
    assert_true(addr_match("10.0.1.12", "010.000.001.012")); /* padded export */
    assert_false(addr_match("10.0.0.0/8", ""));
    assert_true(addr_match("fe80::/10", "fe80::1"));
    assert_true(addr_match("FE80::/10", "fe80:0:0:0:0:0:0:abcd"));
    assert_false(addr_match("fe80::/10", "fec0::1"));
    assert_true(addr_match("::1", "0:0:0:0:0:0:0:1"));
    assert_true(addr_match("2001:db8::/32", "2001:DB8:1::5"));
    assert_false(addr_match("2001:db8::/33", "2001:db8:8000::5"));
    assert_true(addr_match("::ffff:10.0.0.1", "10.0.0.1"));  /* v4-mapped */
    assert_true(addr_match("::ffff:10.0.0.0/104", "10.200.0.1"));
    assert_true(addr_match("10.0.0.1", "::ffff:10.0.0.1"));
    assert_true(addr_match("10.0.*", "10.0.3.4"));            /* text prefix */
    assert_false(addr_match("10.0.*", "10.1.3.4"));
    assert_true(addr_match("10.9.9.9,10.0.1.12", "10.0.1.12"));
    bad("remote-addr", "10.0.0.0/33", "prefix length");
    bad("remote-addr", "10.0.0", "not an IPv4");
    bad("remote-addr", "300.1.1.1", "not an IPv4");
    bad("remote-addr", "fe80::/129", "prefix length");
    bad("remote-addr", "banana", "not an IPv4");
    bad("remote-addr", "10.0.0.0/x", "prefix length");
}

static void test_filter_search(void **state)
{
    (void)state;
    struct jx_entry e = mk_esd("CCHGUSRPRF USRPRF(JSMITH) STATUS(*ENABLED)");
    struct jx_entry nothing = mk("ZR", 'R', "X"); /* no ESD */
    struct jx_filter *f = F("search=usrprf(jsmith)", NULL);
    assert_true(M(f, &e)); /* anywhere, case-insensitive */
    assert_false(M(f, &nothing));
    assert_true(jx_filter_needs(f) & JX_FN_ESD);
    jx_filter_free(f);
    f = F("search=*DISABLED", NULL);
    assert_false(M(f, &e));
    jx_filter_free(f);
    /* at a J5 position: 610 is the first ESD byte, 611 the second */
    f = F("search=CHGUSRPRF", "search-offset=611", NULL);
    assert_true(M(f, &e));
    jx_filter_free(f);
    f = F("search=CHGUSRPRF", "search-offset=610", NULL);
    assert_false(M(f, &e));
    jx_filter_free(f);
    f = F("search=(*ENABLED)", "search-offset=642", NULL);
    assert_true(M(f, &e)); /* ends exactly at the last ESD byte */
    jx_filter_free(f);
    f = F("search=(*ENABLED)X", "search-offset=642", NULL);
    assert_false(M(f, &e)); /* would run past the ESD */
    jx_filter_free(f);
    f = F("search=X", "search-offset=5000", NULL);
    assert_false(M(f, &e));
    jx_filter_free(f);
    f = F("search=CHGUSRPRF", "search=nomatch", NULL); /* OR */
    assert_true(M(f, &e));
    jx_filter_free(f);
    f = F("not-search=jsmith", NULL);
    assert_false(M(f, &e));
    assert_true(M(f, &nothing));
    jx_filter_free(f);
    /* truncated ESD: only the bytes present are searched */
    e.esd_avail = 10;
    f = F("search=JSMITH", NULL);
    assert_false(M(f, &e));
    jx_filter_free(f);
    bad("search", "", "empty");
    bad("search-offset", "1", "J5 position");
    bad("search-offset", "609", "J5 position");
    struct jx_filter *g;
    struct jx_errctx err;
    assert_int_equal(jx_filter_create(&g), JX_OK);
    assert_int_equal(jx_filter_add(g, "search-offset", "700", &err), JX_OK);
    assert_int_equal(jx_filter_check(g, &err), JX_E_USAGE);
    jx_filter_free(g);
}

static void test_filter_audlvl(void **state)
{
    (void)state;
    struct jx_entry af_a = mk("AF", 'A', "X"), af_b = mk("AF", 'B', "X"),
                    pw = mk("PW", 'P', "X"), js_s = mk("JS", 'S', "X"),
                    js_m = mk("JS", 'M', "X"), cp = mk("CP", 'A', "X"),
                    ca = mk("CA", 'A', "X"), zr = mk("ZR", 'R', "X"),
                    sk_a = mk("SK", 'A', "X"), sk_p = mk("SK", 'P', "X");
    struct jx_filter *f = F("audlvl=*autfail", NULL);
    assert_true(M(f, &af_a) && M(f, &af_b) && M(f, &pw));
    assert_false(M(f, &cp) || M(f, &zr) || M(f, &js_s));
    jx_filter_free(f);
    f = F("audlvl=PGMFAIL", NULL); /* the asterisk may be left out */
    assert_true(M(f, &af_b));
    assert_false(M(f, &af_a));
    jx_filter_free(f);
    f = F("audlvl=*JOBBAS", NULL);
    assert_true(M(f, &js_s));
    assert_false(M(f, &js_m));
    jx_filter_free(f);
    f = F("audlvl=*JOBCHGUSR", NULL);
    assert_true(M(f, &js_m));
    assert_false(M(f, &js_s));
    jx_filter_free(f);
    f = F("audlvl=*JOBDTA", NULL); /* composite */
    assert_true(M(f, &js_m) && M(f, &js_s));
    jx_filter_free(f);
    f = F("audlvl=*SECURITY,*NETFAIL", NULL);
    assert_true(M(f, &cp) && M(f, &ca) && M(f, &sk_p));
    assert_false(M(f, &af_a) || M(f, &zr) || M(f, &sk_a));
    jx_filter_free(f);
    f = F("not-audlvl=*AUTFAIL", NULL);
    assert_false(M(f, &af_a) || M(f, &pw));
    assert_true(M(f, &cp));
    jx_filter_free(f);
    f = F("audlvl=*AUTFAIL", "type=PW", NULL);
    assert_true(M(f, &pw));
    assert_false(M(f, &af_a));
    jx_filter_free(f);
    /* every row of the table expands */
    size_t n;
    const struct jx_audlvl *t = jx_audlvl_table(&n);
    assert_true(n > 20);
    for (size_t i = 0; i < n; i++) {
        char a[64];
        snprintf(a, sizeof(a), "audlvl=%s", t[i].name);
        f = F(a, NULL);
        assert_false(jx_filter_is_empty(f));
        assert_non_null(t[i].status);
        jx_filter_free(f);
    }
    bad("audlvl", "*NOSUCH", "unknown auditing value");
}

static void test_filter_options_table(void **state)
{
    (void)state;
    size_t n;
    const struct jx_filter_opt *o = jx_filter_options(&n);
    const char *want[] = {"type", "code", "subtype", "audlvl", "user", "job-user", "target-user",
                          "job", "program", "program-lib", "object", "object-lib", "object-type",
                          "path", "from", "to", "seq-from", "seq-to", "receiver", "system",
                          "remote-addr", "search", "search-offset"};
    for (size_t w = 0; w < sizeof(want) / sizeof(want[0]); w++) {
        bool found = false;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(o[i].name, want[w])) {
                found = true;
                assert_non_null(o[i].help);
                assert_non_null(o[i].arg);
            }
        if (!found)
            fail_msg("option --%s missing", want[w]);
    }
    bad("user", NULL, "needs a value");
}

static void test_filter_alloc_failure(void **state)
{
    (void)state;
    /* every allocation failure is reported, never a crash or a leak */
    for (long k = 0; k < 12; k++) {
        struct jx_filter *f = NULL;
        struct jx_errctx err;
        jx_set_alloc_fail_after(k);
        int rc = jx_filter_create(&f);
        if (rc == JX_OK) {
            rc = jx_filter_add(f, "user", "QSEC*,JSMITH,A,B,C,D,E,F,G", &err);
            if (rc == JX_OK)
                rc = jx_filter_add(f, "audlvl", "*SECURITY", &err);
        }
        jx_set_alloc_fail_after(-1);
        assert_true(rc == JX_OK || rc == JX_E_NOMEM);
        jx_filter_free(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_empty_matches_all),
        cmocka_unit_test(test_filter_generic_and_case),
        cmocka_unit_test(test_filter_special_values),
        cmocka_unit_test(test_filter_or_and),
        cmocka_unit_test(test_filter_negation),
        cmocka_unit_test(test_filter_code_subtype_type),
        cmocka_unit_test(test_filter_other_names),
        cmocka_unit_test(test_filter_job),
        cmocka_unit_test(test_filter_receiver_path),
        cmocka_unit_test(test_filter_time_bounds),
        cmocka_unit_test(test_filter_seq),
        cmocka_unit_test(test_filter_cidr),
        cmocka_unit_test(test_filter_search),
        cmocka_unit_test(test_filter_audlvl),
        cmocka_unit_test(test_filter_options_table),
        cmocka_unit_test(test_filter_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
