/*
 * tests/test_report.c - `jidx report` (query/report.h) against the
 * brute-force oracle. A small chain is generated with every planted pattern
 * (bench/gen.h --plant), ingested, and every report is run through a
 * capturing sink; its rows are checked against counts computed by scanning
 * the receivers directly (jx_plan_scan) and decoding the few ESD bytes
 * needed at the common/layout.h offsets with jx_e2u (not through the
 * decoder the reports use). Each report must also FIND its planted
 * pattern: the QSECOFR sign-on burst from one address, the *ALLOBJ grant,
 * QSECURITY 40 -> 30, the CHGUSRAUD. Runs in about a second.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test.h"

#include "chain.h"
#include "ebcdic.h"
#include "fields.h"
#include "filter.h"
#include "gen.h"
#include "index.h"
#include "ingest.h"
#include "layout.h"
#include "output.h"
#include "recbuild.h"
#include "report.h"

/* ---- the oracle: every entry, the fields the checks need ---------------- */
struct oent {
    char type[3], sub;
    char system[JX_NAME_SZ], user[JX_NAME_SZ], target[JX_NAME_SZ], objname[JX_NAME_SZ];
    char object[512], addr[JX_ADDR_SZ], dev[64];
    int64_t ts;
    uint64_t seq;
    bool cp_allobj;           /* CP: byte at JX_CP_ALLOBJ is 'Y' */
    char *cmd;                /* CD: command string */
    char *sv;                 /* SV: "NAME old new" */
};
struct world {
    char *tmp, rcv[1024], idx[1024];
    struct jx_index *ix;
    struct oent *e;
    size_t n, cap;
};
static struct world W;

static void fld(const struct jx_entry *e, size_t off, size_t len, char *dst, size_t cap)
{
    const struct jx_ccsid *cc = jx_ccsid_get(e->ccsid ? e->ccsid : 37);
    dst[0] = '\0';
    if (off < e->esd_avail)
        jx_e2u(cc, e->esd + off, JX_MIN(len, (size_t)e->esd_avail - off), dst, cap);
}

static int collect(const struct jx_entry *e, void *arg)
{
    (void)arg;
    if (W.n == W.cap) {
        W.cap = W.cap ? 2 * W.cap : 4096;
        W.e = realloc(W.e, W.cap * sizeof(*W.e));
        assert_non_null(W.e);
    }
    struct oent *o = &W.e[W.n++];
    memset(o, 0, sizeof(*o));
    memcpy(o->type, e->type, 3);
    o->sub = e->subtype;
    snprintf(o->system, sizeof(o->system), "%s", e->system);
    snprintf(o->user, sizeof(o->user), "%s", e->user);
    snprintf(o->target, sizeof(o->target), "%s", e->target_user);
    snprintf(o->objname, sizeof(o->objname), "%s", e->object);
    snprintf(o->addr, sizeof(o->addr), "%s", e->remote_addr);
    jx_field_value(e, JX_FLD_OBJECT, o->object, sizeof(o->object));
    o->ts = e->ts;
    o->seq = e->seq;
    if (e->code != 'T')
        return 0;
    if (!strcmp(e->type, "PW"))
        fld(e, JX_PW_DEVICE, JX_PW_DEVICE_LEN, o->dev, sizeof(o->dev));
    if (!strcmp(e->type, "CP")) {
        char y[8];
        fld(e, JX_CP_ALLOBJ, 1, y, sizeof(y));
        o->cp_allobj = !strcmp(y, "Y");
    }
    if (!strcmp(e->type, "CD")) {
        char c[8000];
        fld(e, JX_CD_CMD, JX_CD_CMD_LEN, c, sizeof(c));
        o->cmd = strdup(c);
    }
    if (!strcmp(e->type, "SV")) {
        char n[32], a[300], b[300], s[700];
        fld(e, JX_SV_NAME, JX_SV_NAME_LEN, n, sizeof(n));
        fld(e, JX_SV_OLD, JX_SV_PART_LEN, a, sizeof(a));
        fld(e, JX_SV_NEW, JX_SV_PART_LEN, b, sizeof(b));
        snprintf(s, sizeof(s), "%s %s %s", n, a, b);
        o->sv = strdup(s);
    }
    return 0;
}

static int setup(void **state)
{
    struct jx_gen_opts o;
    struct jx_errctx err;
    struct jx_ingest_opts io;
    struct jx_ingest_stats ist;
    struct jx_rcvopts ro = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = 37};
    struct jx_plan_opts po = {false, 2, NULL};
    struct jx_rcvfile **files = NULL;
    size_t nfiles = 0;
    struct jx_plan *plan = NULL;
    char *in[1] = {W.rcv};
    (void)state;
    memset(&W, 0, sizeof(W));
    if (!(W.tmp = jx_test_tmpdir()))
        return -1;
    snprintf(W.rcv, sizeof(W.rcv), "%s/rcv", W.tmp);
    snprintf(W.idx, sizeof(W.idx), "%s/idx", W.tmp);
    jx_gen_opts_init(&o);
    o.outdir = W.rcv;
    o.entries = 24000;
    o.days = 10;
    o.systems = 2;
    o.receiver_entries = 4000;
    o.seed = 424242;
    o.resets = true;
    o.plants = JX_PLANT_ALL;
    o.threads = 2;
    if (mkdir(W.rcv, 0700) != 0 || jx_gen_run(&o, NULL, &err)) {
        print_error("gen: %s\n", err.msg);
        return -1;
    }
    memset(&io, 0, sizeof(io));
    io.threads = 2;
    io.ro = ro;
    if (jx_ingest(W.idx, in, 1, &io, &ist, &err) || jx_index_open(W.idx, &W.ix, &err)) {
        print_error("ingest: %s\n", err.msg);
        return -1;
    }
    if (jx_open_inputs(in, 1, &ro, &files, &nfiles, &err) ||
        jx_plan_build(files, nfiles, &po, &plan, &err) || jx_plan_scan(plan, collect, NULL, &err)) {
        print_error("oracle: %s\n", err.msg);
        return -1;
    }
    jx_plan_free(plan);
    jx_close_inputs(files, nfiles);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jx_index_close(W.ix);
    for (size_t i = 0; i < W.n; i++) {
        free(W.e[i].cmd);
        free(W.e[i].sv);
    }
    free(W.e);
    jx_test_rmtree(W.tmp);
    free(W.tmp);
    return 0;
}

/* ---- a sink that keeps every section and row ------------------------------ */
struct csect {
    char name[64];
    size_t ncols;
    char **hdr;
    char ***rows;
    size_t nrows, cap;
};
struct capture {
    struct csect s[16];
    size_t n;
};

static int cap_section(void *arg, const char *name, const char *title, const char *const *h,
                       size_t n)
{
    struct capture *c = arg;
    (void)title;
    assert_true(c->n < 16);
    struct csect *s = &c->s[c->n++];
    memset(s, 0, sizeof(*s));
    snprintf(s->name, sizeof(s->name), "%s", name);
    s->ncols = n;
    s->hdr = calloc(n, sizeof(char *));
    for (size_t i = 0; i < n; i++)
        s->hdr[i] = strdup(h[i]);
    return 0;
}

static int cap_row(void *arg, const char *const *v)
{
    struct capture *c = arg;
    assert_true(c->n > 0);
    struct csect *s = &c->s[c->n - 1];
    if (s->nrows == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->rows = realloc(s->rows, s->cap * sizeof(*s->rows));
    }
    char **r = calloc(s->ncols, sizeof(char *));
    for (size_t i = 0; i < s->ncols; i++)
        r[i] = strdup(v[i]);
    s->rows[s->nrows++] = r;
    return 0;
}

static void cap_free(struct capture *c)
{
    for (size_t k = 0; k < c->n; k++) {
        struct csect *s = &c->s[k];
        for (size_t r = 0; r < s->nrows; r++) {
            for (size_t i = 0; i < s->ncols; i++)
                free(s->rows[r][i]);
            free(s->rows[r]);
        }
        for (size_t i = 0; i < s->ncols; i++)
            free(s->hdr[i]);
        free(s->hdr);
        free(s->rows);
    }
    c->n = 0;
}

static struct capture C;

static void run(const char *name, const struct jx_report_opts *o)
{
    struct jx_report_opts def;
    struct jx_errctx err;
    struct jx_report_sink sink = {cap_section, cap_row, &C};
    if (!o) {
        memset(&def, 0, sizeof(def));
        def.threads = 2;
        o = &def;
    }
    cap_free(&C);
    jx_errctx_clear(&err);
    int rc = jx_report_run(W.ix, name, o, &sink, &err);
    if (rc)
        fail_msg("report %s: %d %s", name, rc, err.msg);
}

static struct csect *sec(const char *name)
{
    for (size_t i = 0; i < C.n; i++)
        if (!strcmp(C.s[i].name, name))
            return &C.s[i];
    fail_msg("no section '%s'", name);
    return NULL;
}

static size_t col(const struct csect *s, const char *h)
{
    for (size_t i = 0; i < s->ncols; i++)
        if (!strcmp(s->hdr[i], h))
            return i;
    fail_msg("section '%s' has no column '%s'", s->name, h);
    return 0;
}

static uint64_t sum_col(const struct csect *s, const char *h)
{
    size_t c = col(s, h);
    uint64_t t = 0;
    for (size_t r = 0; r < s->nrows; r++)
        t += strtoull(s->rows[r][c], NULL, 10);
    return t;
}

static size_t count_type(const char *type)
{
    size_t n = 0;
    for (size_t i = 0; i < W.n; i++)
        n += !strcmp(W.e[i].type, type);
    return n;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_list(void **state)
{
    (void)state;
    size_t n;
    const struct jx_report_info *ri = jx_report_list(&n);
    const char *want[] = {"summary", "powerful-profiles", "signon-failures", "authority-failures",
                          "profile-changes", "special-authority", "sysval-changes",
                          "command-usage", "object-deletes", "restores", "adopted-authority",
                          "audit-changes", "ownership", "authority-changes"};
    assert_int_equal(n, JX_ARRAY_SIZE(want));
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(ri[i].name, want[i]);
        assert_true(strlen(ri[i].question) > 10);
        assert_true(ri[i].types[0] && ri[i].fields[0] && ri[i].sections[0]);
    }
    struct jx_report_opts o;
    struct jx_errctx err;
    struct jx_report_sink sink = {cap_section, cap_row, &C};
    memset(&o, 0, sizeof(o));
    assert_int_equal(jx_report_run(W.ix, "no-such-report", &o, &sink, &err), JX_E_USAGE);
    assert_non_null(strstr(err.msg, "no-such-report"));
}

static void test_signon_failures(void **state)
{
    (void)state;
    run("signon-failures", NULL);
    struct csect *s = sec("by-user");
    const size_t cu = col(s, "user"), ct = col(s, "violation_type"), cd = col(s, "device"),
                 ca = col(s, "remote_addr"), cc = col(s, "count"), cm = col(s, "meaning");
    /* every (user, type, device, address) count equals the oracle's */
    uint64_t total = 0;
    for (size_t r = 0; r < s->nrows; r++) {
        uint64_t n = 0;
        for (size_t i = 0; i < W.n; i++) {
            const struct oent *e = &W.e[i];
            n += !strcmp(e->type, "PW") && !strcmp(e->target, s->rows[r][cu]) &&
                 e->sub == s->rows[r][ct][0] && !strcmp(e->dev, s->rows[r][cd]) &&
                 !strcmp(e->addr, s->rows[r][ca]);
        }
        assert_int_equal(strtoull(s->rows[r][cc], NULL, 10), n);
        assert_true(n > 0);
        total += n;
        if (s->rows[r][ct][0] == 'P')
            assert_string_equal(s->rows[r][cm], "password not valid");
    }
    assert_int_equal(total, count_type("PW"));
    /* the planted burst: 20 failures of QSECOFR from one address */
    struct csect *b = sec("bursts");
    bool found = false;
    for (size_t r = 0; r < b->nrows; r++) {
        if (strcmp(b->rows[r][col(b, "user")], "QSECOFR"))
            continue;
        found = true;
        assert_true(strtoull(b->rows[r][col(b, "failures")], NULL, 10) >= 20);
        assert_non_null(strstr(b->rows[r][col(b, "remote_addrs")], JX_PLANT_PW_ADDR));
    }
    assert_true(found);
    /* no burst for a user with fewer than 10 failures in all */
    for (size_t r = 0; r < b->nrows; r++) {
        size_t n = 0;
        for (size_t i = 0; i < W.n; i++)
            n += !strcmp(W.e[i].type, "PW") && !strcmp(W.e[i].target, b->rows[r][col(b, "user")]);
        assert_true(n >= 10);
        assert_true(strtoull(b->rows[r][col(b, "failures")], NULL, 10) <= n);
    }

    /* a stricter burst rule (25 in 5 minutes) no longer flags the 20 */
    struct jx_report_opts o;
    memset(&o, 0, sizeof(o));
    o.burst_count = 25;
    run("signon-failures", &o);
    b = sec("bursts");
    for (size_t r = 0; r < b->nrows; r++)
        assert_string_not_equal(b->rows[r][col(b, "remote_addrs")], JX_PLANT_PW_ADDR);

    /* scope: a time window and a system narrow the counts exactly; the
     * window is taken from the data: the day of the middle PW entry and
     * the two days after it */
    size_t npw = 0, k = 0, mid = SIZE_MAX;
    for (size_t i = 0; i < W.n; i++)
        npw += !strcmp(W.e[i].type, "PW");
    for (size_t i = 0; i < W.n && mid == SIZE_MAX; i++)
        if (!strcmp(W.e[i].type, "PW") && k++ == npw / 2)
            mid = i;
    assert_true(mid != SIZE_MAX);
    int y, mo, d, h, mi, sec_, us;
    char day0[16], day2[16];
    jx_ts_split(W.e[mid].ts, &y, &mo, &d, &h, &mi, &sec_, &us);
    snprintf(day0, sizeof(day0), "%04d-%02d-%02d", y, mo, d);
    jx_ts_split(W.e[mid].ts + 2 * JX_US_PER_DAY, &y, &mo, &d, &h, &mi, &sec_, &us);
    snprintf(day2, sizeof(day2), "%04d-%02d-%02d", y, mo, d);
    memset(&o, 0, sizeof(o));
    o.scope[0].name = "from";
    o.scope[0].value = day0;
    o.scope[1].name = "to";
    o.scope[1].value = day2;
    o.scope[2].name = "system";
    o.scope[2].value = W.e[mid].system;
    o.nscope = 3;
    run("signon-failures", &o);
    int64_t from, to, x;
    struct jx_errctx err;
    assert_int_equal(jx_time_parse(day0, &from, &x, &err), 0);
    assert_int_equal(jx_time_parse(day2, &x, &to, &err), 0);
    size_t want = 0;
    for (size_t i = 0; i < W.n; i++)
        want += !strcmp(W.e[i].type, "PW") && !strcmp(W.e[i].system, W.e[mid].system) &&
                W.e[i].ts >= from && W.e[i].ts < to;
    assert_true(want > 0);
    assert_true(want < npw || npw == 1);
    assert_int_equal(sum_col(sec("by-user"), "count"), want);
}

static void test_authority_failures(void **state)
{
    (void)state;
    run("authority-failures", NULL);
    struct csect *s = sec("by-type");
    assert_int_equal(sum_col(s, "count"), count_type("AF"));
    for (size_t r = 0; r < s->nrows; r++) {
        size_t n = 0;
        for (size_t i = 0; i < W.n; i++)
            n += !strcmp(W.e[i].type, "AF") && W.e[i].sub == s->rows[r][0][0];
        assert_int_equal(strtoull(s->rows[r][col(s, "count")], NULL, 10), n);
    }
    s = sec("by-user-object");
    assert_int_equal(sum_col(s, "count"), count_type("AF"));
    for (size_t r = 0; r < s->nrows; r++) {
        size_t n = 0;
        for (size_t i = 0; i < W.n; i++)
            n += !strcmp(W.e[i].type, "AF") && W.e[i].sub == s->rows[r][0][0] &&
                 !strcmp(W.e[i].user, s->rows[r][col(s, "user")]) &&
                 !strcmp(W.e[i].object, s->rows[r][col(s, "object")]);
        assert_int_equal(strtoull(s->rows[r][col(s, "count")], NULL, 10), n);
    }
    /* --top keeps the largest groups */
    struct jx_report_opts o;
    memset(&o, 0, sizeof(o));
    o.top = 2;
    run("authority-failures", &o);
    assert_true(sec("by-type")->nrows <= 2);
    assert_true(sec("by-user-object")->nrows <= 2);
}

static void test_special_authority(void **state)
{
    (void)state;
    run("special-authority", NULL);
    struct csect *s = sec("grants");
    bool cp = false, cd = false;
    for (size_t r = 0; r < s->nrows; r++) {
        if (strcmp(s->rows[r][col(s, "profile")], JX_PLANT_GRANTEE) ||
            strcmp(s->rows[r][col(s, "authority")], "*ALLOBJ"))
            continue;
        assert_string_equal(s->rows[r][col(s, "changed_by")], JX_PLANT_ADMIN);
        if (!strcmp(s->rows[r][col(s, "source")], "CP"))
            cp = true;
        if (!strcmp(s->rows[r][col(s, "source")], "CD")) {
            cd = true;
            assert_non_null(strstr(s->rows[r][col(s, "detail")], "SPCAUT(*ALLOBJ)"));
        }
    }
    assert_true(cp);
    assert_true(cd);
    /* CD rows: one per CRTUSRPRF/CHGUSRPRF naming *ALLOBJ, *SECADM or *AUDIT */
    size_t want = 0, got = 0;
    for (size_t i = 0; i < W.n; i++) {
        const char *c = W.e[i].cmd;
        if (!c || (strcmp(W.e[i].objname, "CHGUSRPRF") && strcmp(W.e[i].objname, "CRTUSRPRF")))
            continue;
        char sp[256];
        jx_report_spcaut(c, sp, sizeof(sp), NULL, 0);
        want += (strstr(sp, "*ALLOBJ") != NULL) + (strstr(sp, "*SECADM") != NULL) +
                (strstr(sp, "*AUDIT") != NULL);
    }
    for (size_t r = 0; r < s->nrows; r++)
        got += !strcmp(s->rows[r][col(s, "source")], "CD");
    assert_int_equal(got, want);
    /* rows are in canonical order: the CD precedes the CP it caused */
    size_t icd = SIZE_MAX, icp = SIZE_MAX;
    for (size_t r = 0; r < s->nrows; r++)
        if (!strcmp(s->rows[r][col(s, "profile")], JX_PLANT_GRANTEE)) {
            if (!strcmp(s->rows[r][col(s, "source")], "CD") && icd == SIZE_MAX)
                icd = r;
            if (!strcmp(s->rows[r][col(s, "source")], "CP") && icp == SIZE_MAX)
                icp = r;
        }
    assert_true(icd < icp);
}

static void test_spcaut_parse(void **state)
{
    (void)state;
    char sp[128], prof[32];
    jx_report_spcaut("CHGUSRPRF USRPRF(APPDEV07) SPCAUT(*ALLOBJ *JOBCTL) TEXT('a (b)')", sp,
                     sizeof(sp), prof, sizeof(prof));
    assert_string_equal(sp, "*ALLOBJ *JOBCTL");
    assert_string_equal(prof, "APPDEV07");
    jx_report_spcaut("crtusrprf usrprf(bob) spcaut(*secadm)", sp, sizeof(sp), prof, sizeof(prof));
    assert_string_equal(sp, "*SECADM");
    assert_string_equal(prof, "BOB");
    jx_report_spcaut("CHGUSRPRF USRPRF(X) XSPCAUT(*ALLOBJ) TEXT('SPCAUT(*AUDIT)')", sp,
                     sizeof(sp), prof, sizeof(prof));
    assert_string_equal(sp, "");
    jx_report_spcaut("CHGUSRPRF USRPRF(X) STATUS(*ENABLED)", sp, sizeof(sp), NULL, 0);
    assert_string_equal(sp, "");
}

static void test_profile_changes(void **state)
{
    (void)state;
    run("profile-changes", NULL);
    struct csect *s = sec("entries");
    assert_int_equal(s->nrows, count_type("CP"));
    bool grantee = false;
    for (size_t r = 0; r < s->nrows; r++)
        if (!strcmp(s->rows[r][col(s, "profile")], JX_PLANT_GRANTEE)) {
            grantee = true;
            assert_non_null(strstr(s->rows[r][col(s, "special_authorities")], "*ALLOBJ"));
        }
    assert_true(grantee);
    /* oracle: CP rows whose special authorities include *ALLOBJ */
    size_t want = 0, got = 0;
    for (size_t i = 0; i < W.n; i++)
        want += !strcmp(W.e[i].type, "CP") && W.e[i].cp_allobj;
    for (size_t r = 0; r < s->nrows; r++)
        got += strstr(s->rows[r][col(s, "special_authorities")], "*ALLOBJ") != NULL;
    assert_int_equal(got, want);
}

static void test_sysval_changes(void **state)
{
    (void)state;
    run("sysval-changes", NULL);
    struct csect *s = sec("entries");
    assert_int_equal(s->nrows, count_type("SV"));
    bool planted = false;
    for (size_t r = 0; r < s->nrows; r++) {
        char want[700];
        snprintf(want, sizeof(want), "%s %s %s", s->rows[r][col(s, "system_value")],
                 s->rows[r][col(s, "old_value")], s->rows[r][col(s, "new_value")]);
        /* the same entry of the oracle (the r-th SV in canonical order) */
        size_t k = 0, i;
        for (i = 0; i < W.n; i++)
            if (!strcmp(W.e[i].type, "SV") && k++ == r)
                break;
        assert_true(i < W.n);
        assert_string_equal(want, W.e[i].sv);
        if (!strcmp(want, "QSECURITY 40 30"))
            planted = true;
    }
    assert_true(planted);
}

static void test_command_usage(void **state)
{
    (void)state;
    run("command-usage", NULL);
    struct csect *s = sec("by-user-command");
    assert_int_equal(sum_col(s, "count"), count_type("CD"));
    for (size_t r = 0; r < s->nrows; r++) {
        size_t n = 0;
        for (size_t i = 0; i < W.n; i++)
            n += !strcmp(W.e[i].type, "CD") && !strcmp(W.e[i].user, s->rows[r][0]) &&
                 !strcmp(W.e[i].objname, s->rows[r][1]);
        assert_int_equal(strtoull(s->rows[r][col(s, "count")], NULL, 10), n);
    }
    for (size_t i = 0; i < C.n; i++)
        assert_string_not_equal(C.s[i].name, "entries"); /* only with --command */

    struct jx_report_opts o;
    memset(&o, 0, sizeof(o));
    o.commands = "CHGUSRPRF";
    run("command-usage", &o);
    s = sec("entries");
    size_t want = 0;
    for (size_t i = 0; i < W.n; i++)
        want += !strcmp(W.e[i].type, "CD") && !strcmp(W.e[i].objname, "CHGUSRPRF");
    assert_int_equal(s->nrows, want);
    bool planted = false;
    for (size_t r = 0; r < s->nrows; r++) {
        assert_string_equal(s->rows[r][col(s, "command")], "CHGUSRPRF");
        if (strstr(s->rows[r][col(s, "command_string")], "SPCAUT(*ALLOBJ)") &&
            !strcmp(s->rows[r][col(s, "user")], JX_PLANT_ADMIN))
            planted = true;
    }
    assert_true(planted);
    assert_int_equal(sum_col(sec("by-user-command"), "count"), want);
    /* --limit caps list sections */
    o.limit = 1;
    run("command-usage", &o);
    assert_true(sec("entries")->nrows <= 1);
}

static void test_audit_changes(void **state)
{
    (void)state;
    run("audit-changes", NULL);
    struct csect *s = sec("entries");
    assert_int_equal(s->nrows, count_type("AD"));
    bool planted = false;
    for (size_t r = 0; r < s->nrows; r++)
        if (!strcmp(s->rows[r][col(s, "changed_by")], JX_PLANT_ADMIN) &&
            s->rows[r][col(s, "action")][0] == 'U')
            planted = true;
    assert_true(planted);
    assert_int_equal(sum_col(sec("by-user"), "count"), count_type("AD"));
}

/* List reports: one row per entry of their types, in canonical order. */
static void check_list(const char *report, const char *section, const char *const *types)
{
    run(report, NULL);
    struct csect *s = sec(section);
    size_t r = 0;
    const size_t ct = col(s, "timestamp");
    for (size_t i = 0; i < W.n; i++) {
        bool want = false;
        for (const char *const *t = types; *t; t++)
            want |= !strcmp(W.e[i].type, *t);
        if (!want)
            continue;
        assert_true(r < s->nrows);
        char ts[27];
        jx_ts_format_saa(W.e[i].ts, ts);
        assert_string_equal(s->rows[r][ct], ts);
        assert_string_equal(s->rows[r][col(s, "system")], W.e[i].system);
        r++;
    }
    assert_int_equal(r, s->nrows);
}

static void test_list_reports(void **state)
{
    (void)state;
    check_list("object-deletes", "entries", (const char *const[]){"DO", NULL});
    assert_int_equal(sum_col(sec("by-user"), "count"), count_type("DO"));
    check_list("ownership", "entries", (const char *const[]){"OW", NULL});
    assert_int_equal(sum_col(sec("by-user"), "count"), count_type("OW"));
    check_list("authority-changes", "entries", (const char *const[]){"CA", NULL});
    assert_int_equal(sum_col(sec("by-user"), "count"), count_type("CA"));
    check_list("restores", "entries",
               (const char *const[]){"OR", "RA", "RO", "RP", "RZ", "RJ", NULL});
    check_list("adopted-authority", "adopt-changes", (const char *const[]){"PA", NULL});
    assert_int_equal(sum_col(sec("by-program"), "count"), count_type("AP"));
}

static void test_powerful_profiles(void **state)
{
    (void)state;
    static const char *const P[] = {"QSECOFR", "QSYS", "QSRV", "QSRVBAS", "QLPAUTO",
                                    "QLPINSTALL", NULL};
    run("powerful-profiles", NULL);
    struct csect *s = sec("entries");
    size_t r = 0;
    for (size_t i = 0; i < W.n; i++) {
        if (strcmp(W.e[i].type, "JS"))
            continue;
        bool m = false;
        for (const char *const *p = P; *p; p++)
            m |= !strcmp(W.e[i].target, *p) || !strcmp(W.e[i].user, *p);
        if (!m)
            continue;
        /* merged from two queries, still in canonical order */
        assert_true(r < s->nrows);
        char ts[27];
        jx_ts_format_saa(W.e[i].ts, ts);
        assert_string_equal(s->rows[r][col(s, "timestamp")], ts);
        assert_string_equal(s->rows[r][col(s, "effective_user")], W.e[i].target);
        assert_string_equal(s->rows[r][col(s, "current_user")], W.e[i].user);
        r++;
    }
    assert_true(r > 0);
    assert_int_equal(r, s->nrows);
    assert_int_equal(sum_col(sec("by-profile"), "count"), r);

    /* --profile narrows to the given list */
    struct jx_report_opts o;
    memset(&o, 0, sizeof(o));
    o.profiles = "QSECOFR";
    run("powerful-profiles", &o);
    s = sec("entries");
    for (size_t k = 0; k < s->nrows; k++)
        assert_string_equal(s->rows[k][col(s, "profile")], "QSECOFR");
}

static void test_summary(void **state)
{
    (void)state;
    run("summary", NULL);
    struct csect *s = sec("by-type");
    assert_int_equal(sum_col(s, "count"), W.n);
    for (size_t r = 0; r < s->nrows; r++)
        assert_int_equal(strtoull(s->rows[r][col(s, "count")], NULL, 10),
                         count_type(s->rows[r][0]));
    assert_int_equal(sum_col(sec("by-day"), "count"), W.n);
    assert_int_equal(sum_col(sec("by-system"), "count"), W.n);
    assert_true(sec("top-users")->nrows <= 10);
    /* top failed sign-ons: exact counts, and nobody left out has more
     * failures than the last row kept */
    s = sec("top-failed-signons");
    assert_true(s->nrows > 0 && s->nrows <= 10);
    uint64_t last = UINT64_MAX;
    for (size_t r = 0; r < s->nrows; r++) {
        size_t q = 0;
        for (size_t i = 0; i < W.n; i++)
            q += !strcmp(W.e[i].type, "PW") && !strcmp(W.e[i].target, s->rows[r][0]);
        assert_int_equal(strtoull(s->rows[r][col(s, "count")], NULL, 10), q);
        assert_true(q <= last);
        last = q;
    }
    for (size_t i = 0; i < W.n; i++) {
        if (strcmp(W.e[i].type, "PW"))
            continue;
        bool listed = false;
        for (size_t r = 0; r < s->nrows; r++)
            listed |= !strcmp(W.e[i].target, s->rows[r][0]);
        if (listed)
            continue;
        size_t q = 0;
        for (size_t j = 0; j < W.n; j++)
            q += !strcmp(W.e[j].type, "PW") && !strcmp(W.e[j].target, W.e[i].target);
        assert_true(q <= last);
    }
}

/* The printer: table/csv/json shapes, --section. */
static void test_printer(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    struct jx_report_opts o;
    struct jx_errctx err;
    memset(&o, 0, sizeof(o));
    for (int fmt = JX_FMT_TABLE; fmt <= JX_FMT_JSON; fmt++) {
        FILE *fp = open_memstream(&buf, &len);
        struct jx_report_printer *p = NULL;
        assert_non_null(fp);
        assert_int_equal(jx_report_printer_create(fp, (enum jx_format)fmt, NULL, &p), 0);
        struct jx_report_sink sink = jx_report_printer_sink(p);
        assert_int_equal(jx_report_run(W.ix, "sysval-changes", &o, &sink, &err), 0);
        assert_int_equal(jx_report_printer_finish(p), 0);
        fclose(fp);
        if (fmt == JX_FMT_TABLE) {
            assert_non_null(strstr(buf, "== System value changes"));
            assert_non_null(strstr(buf, "QSECURITY"));
        } else if (fmt == JX_FMT_CSV) {
            assert_memory_equal(buf, "section,timestamp,system,user,action,system_value", 49);
            assert_non_null(strstr(buf, "\r\nentries,"));
        } else {
            assert_memory_equal(buf, "{\"section\": \"entries\", \"timestamp\": ", 36);
            assert_non_null(strstr(buf, "\"old_value\": 40, \"new_value\": 30"));
        }
        free(buf);
        buf = NULL;
    }
    /* --section keeps one section only */
    FILE *fp = open_memstream(&buf, &len);
    struct jx_report_printer *p = NULL;
    assert_int_equal(jx_report_printer_create(fp, JX_FMT_CSV, "bursts", &p), 0);
    struct jx_report_sink sink = jx_report_printer_sink(p);
    assert_int_equal(jx_report_run(W.ix, "signon-failures", &o, &sink, &err), 0);
    jx_report_printer_finish(p);
    fclose(fp);
    assert_memory_equal(buf, "section,system,user,failures", 28);
    assert_null(strstr(buf, "by-user"));
    assert_non_null(strstr(buf, JX_PLANT_PW_ADDR));
    free(buf);
}

/* Burst rule on hand-made data: exact rows. */
static void test_bursts_exact(void **state)
{
    (void)state;
    struct rb_fmt fmt = {900, JX_ESD_FIXED, 37};
    struct rb_file f;
    struct rb_entry e;
    struct rb_esd d;
    struct jx_errctx err;
    struct jx_ingest_opts io;
    struct jx_ingest_stats ist;
    struct jx_index *ix = NULL;
    char *dir = jx_test_tmpdir(), rdir[1100], idx[1100];
    const int64_t t0 = jx_ts_make(2024, 5, 6, 9, 0, 0, 0), sec_ = JX_US_PER_SEC;
    struct ev { const char *user, *addr; int64_t at; } ev[64];
    size_t n = 0;
    assert_non_null(dir);
    /* ALICE: 12 failures 10 s apart from two addresses: one burst of 12 */
    for (int i = 0; i < 12; i++)
        ev[n++] = (struct ev){"ALICE", i % 2 ? "10.9.9.2" : "10.9.9.1", t0 + i * 10 * sec_};
    /* BOB: 9 failures in a minute: under the count */
    for (int i = 0; i < 9; i++)
        ev[n++] = (struct ev){"BOB", "10.9.9.3", t0 + 5 * sec_ + i * 5 * sec_};
    /* CAROL: 10 failures 40 s apart (6 minutes): too slow */
    for (int i = 0; i < 10; i++)
        ev[n++] = (struct ev){"CAROL", "10.9.9.4", t0 + 7 * sec_ + i * 40 * sec_};
    /* DAVE: 10 fast, an hour of quiet, 11 fast: two bursts */
    for (int i = 0; i < 21; i++)
        ev[n++] = (struct ev){"DAVE", "10.9.9.5",
                                  t0 + 9 * sec_ + i * sec_ + (i >= 10 ? 3600 * sec_ : 0)};
    /* time order, as a journal has it */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && ev[j].at < ev[j - 1].at; j--) {
            struct ev t = ev[j];
            ev[j] = ev[j - 1];
            ev[j - 1] = t;
        }
    rb_file_init(&f, &fmt);
    for (size_t i = 0; i < n; i++) {
        rb_entry_init(&e);
        rb_esd_init(&d, 37);
        rb_esd_char(&d, JX_E_SUBTYPE, 1, "P");
        rb_esd_char(&d, JX_PW_USER, JX_PW_USER_LEN, ev[i].user);
        rb_esd_char(&d, JX_PW_DEVICE, JX_PW_DEVICE_LEN, "QPADEV0001");
        e.type = "PW";
        e.seq = 100 + i;
        e.ts = ev[i].at;
        e.remote_addr = ev[i].addr;
        e.esd = d.b;
        e.esd_len = d.len;
        rb_file_add(&f, &e);
    }
    snprintf(rdir, sizeof(rdir), "%s/rcv", dir);
    snprintf(idx, sizeof(idx), "%s/idx", dir);
    assert_int_equal(mkdir(rdir, 0700), 0);
    free(rb_file_write(&f, rdir, "AUDRCV0001"));
    rb_file_free(&f);
    char *in[1] = {rdir};
    memset(&io, 0, sizeof(io));
    io.threads = 1;
    io.ro.ccsid = 37;
    assert_int_equal(jx_ingest(idx, in, 1, &io, &ist, &err), 0);
    assert_int_equal(jx_index_open(idx, &ix, &err), 0);

    struct jx_report_opts o;
    struct jx_report_sink sink = {cap_section, cap_row, &C};
    memset(&o, 0, sizeof(o));
    cap_free(&C);
    assert_int_equal(jx_report_run(ix, "signon-failures", &o, &sink, &err), 0);
    struct csect *b = sec("bursts");
    assert_int_equal(b->nrows, 3);
    char t1[27], t2[27];
    /* sorted by system, then start */
    assert_string_equal(b->rows[0][col(b, "user")], "ALICE");
    assert_string_equal(b->rows[0][col(b, "failures")], "12");
    jx_ts_format_saa(t0, t1);
    jx_ts_format_saa(t0 + 110 * sec_, t2);
    assert_string_equal(b->rows[0][col(b, "first")], t1);
    assert_string_equal(b->rows[0][col(b, "last")], t2);
    assert_string_equal(b->rows[0][col(b, "remote_addrs")], "10.9.9.1 10.9.9.2");
    assert_string_equal(b->rows[1][col(b, "user")], "DAVE");
    assert_string_equal(b->rows[1][col(b, "failures")], "10");
    assert_string_equal(b->rows[2][col(b, "user")], "DAVE");
    assert_string_equal(b->rows[2][col(b, "failures")], "11");
    jx_ts_format_saa(t0 + 9 * sec_ + 10 * sec_ + 3600 * sec_, t1);
    assert_string_equal(b->rows[2][col(b, "first")], t1);
    /* by-user counts */
    struct csect *u = sec("by-user");
    assert_int_equal(sum_col(u, "count"), n);
    assert_string_equal(u->rows[0][col(u, "user")], "DAVE");
    assert_string_equal(u->rows[0][col(u, "count")], "21");

    /* 5 in 1 minute: CAROL still too slow (40 s apart: 5 take 160 s) but
     * BOB's 9 in 40 s burst; ALICE 12 in 110 s: hot from her 5th on? her
     * 5 failures take 40 s, so all 12 are one burst */
    o.burst_count = 5;
    o.burst_minutes = 1;
    cap_free(&C);
    assert_int_equal(jx_report_run(ix, "signon-failures", &o, &sink, &err), 0);
    b = sec("bursts");
    bool bob = false, carol = false;
    for (size_t r = 0; r < b->nrows; r++) {
        bob |= !strcmp(b->rows[r][col(b, "user")], "BOB") &&
               !strcmp(b->rows[r][col(b, "failures")], "9");
        carol |= !strcmp(b->rows[r][col(b, "user")], "CAROL");
        if (!strcmp(b->rows[r][col(b, "user")], "ALICE"))
            assert_string_equal(b->rows[r][col(b, "failures")], "12");
    }
    assert_true(bob);
    assert_false(carol);
    jx_index_close(ix);
    jx_test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_spcaut_parse),
        cmocka_unit_test(test_signon_failures),
        cmocka_unit_test(test_authority_failures),
        cmocka_unit_test(test_special_authority),
        cmocka_unit_test(test_profile_changes),
        cmocka_unit_test(test_sysval_changes),
        cmocka_unit_test(test_command_usage),
        cmocka_unit_test(test_audit_changes),
        cmocka_unit_test(test_list_reports),
        cmocka_unit_test(test_powerful_profiles),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_printer),
        cmocka_unit_test(test_bursts_exact),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    cap_free(&C);
    return rc;
}
