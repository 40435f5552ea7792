/*
 * tests/test_bench.c - the benchmark harness's own logic (bench/oracle.c,
 * bench/benchsuite.c): the answer digests that decide MISMATCH, the
 * bounded string->count map, and how the suite picks parameters that occur
 * in the data. The whole harness runs end to end in tests/e2e/bench.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "bench_int.h"
#include "fields.h"

static struct jx_entry mk(const char *sys, const char *rcv, uint64_t seq)
{
    struct jx_entry e;
    memset(&e, 0, sizeof(e));
    snprintf(e.system, sizeof(e.system), "%s", sys);
    snprintf(e.receiver, sizeof(e.receiver), "%s", rcv);
    snprintf(e.receiver_lib, sizeof(e.receiver_lib), "QGPL");
    e.seq = seq;
    return e;
}

static void digest_rows(const struct jx_entry *e, const size_t *order, size_t n,
                        struct jx_bq_result *r)
{
    jx_bq_rows_init(r);
    for (size_t i = 0; i < n; i++)
        jx_bq_rows_add(r, &e[order[i]]);
}

static void test_rows_digest_order_and_content(void **state)
{
    (void)state;
    struct jx_entry e[4] = {mk("SYSA", "R1", 1), mk("SYSA", "R1", 2), mk("SYSB", "R1", 1),
                            mk("SYSA", "R2", 1)};
    const size_t in_order[] = {0, 1, 2, 3}, swapped[] = {1, 0, 2, 3}, fewer[] = {0, 1, 2};
    struct jx_bq_result a, b;

    digest_rows(e, in_order, 4, &a);
    digest_rows(e, in_order, 4, &b);
    assert_true(jx_bq_result_equal(&a, &b));
    assert_int_equal(a.matches, 4);

    digest_rows(e, swapped, 4, &b); /* same rows, other order */
    assert_int_equal(b.matches, 4);
    assert_false(jx_bq_result_equal(&a, &b));

    digest_rows(e, fewer, 3, &b);
    assert_false(jx_bq_result_equal(&a, &b));

    /* Same seq, other receiver or system: a different row. */
    struct jx_entry f[4] = {mk("SYSA", "R1", 1), mk("SYSA", "R1", 2), mk("SYSB", "R1", 1),
                            mk("SYSA", "R3", 1)};
    digest_rows(f, in_order, 4, &b);
    assert_false(jx_bq_result_equal(&a, &b));
}

static void test_groups_digest(void **state)
{
    (void)state;
    struct jx_strcount *m1, *m2;
    struct jx_bq_result a, b;

    assert_int_equal(jx_strcount_create(100, &m1), JX_OK);
    assert_int_equal(jx_strcount_create(100, &m2), JX_OK);
    /* Same groups inserted in a different order: same digest. */
    jx_strcount_add(m1, "QSECOFR", 3);
    jx_strcount_add(m1, "BOB", 2);
    jx_strcount_add(m2, "BOB", 1);
    jx_strcount_add(m2, "QSECOFR", 3);
    jx_strcount_add(m2, "BOB", 1);
    assert_int_equal(jx_bq_groups_digest(m1, &a), JX_OK);
    assert_int_equal(jx_bq_groups_digest(m2, &b), JX_OK);
    assert_true(jx_bq_result_equal(&a, &b));
    assert_int_equal(a.matches, 5);
    assert_int_equal(a.groups, 2);
    /* One count moved between groups: same total, different answer. */
    jx_strcount_add(m2, "BOB", 1);
    jx_strcount_free(m1);
    assert_int_equal(jx_strcount_create(100, &m1), JX_OK);
    jx_strcount_add(m1, "QSECOFR", 2);
    jx_strcount_add(m1, "BOB", 3);
    assert_int_equal(jx_bq_groups_digest(m1, &b), JX_OK);
    assert_int_equal(b.matches, 5);
    assert_false(jx_bq_result_equal(&a, &b));
    jx_strcount_free(m1);
    jx_strcount_free(m2);
}

static void test_strcount_grow_and_cap(void **state)
{
    (void)state;
    struct jx_strcount *m;
    char k[32];
    assert_int_equal(jx_strcount_create(5000, &m), JX_OK);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 6000; i++) {
            snprintf(k, sizeof(k), "K%d", i);
            int rc = jx_strcount_add(m, k, (uint64_t)i + 1);
            assert_int_equal(rc, i < 5000 ? JX_OK : JX_E_RANGE);
        }
    assert_int_equal(jx_strcount_size(m), 5000);
    assert_int_equal(jx_strcount_refused(m), 2000);
    assert_int_equal(jx_strcount_get(m, "K0"), 2);
    assert_int_equal(jx_strcount_get(m, "K4999"), 10000);
    assert_int_equal(jx_strcount_get(m, "K5000"), 0);
    assert_string_equal(jx_strcount_key(m, 17), "K17");
    assert_int_equal(jx_strcount_val(m, 17), 36);
    jx_strcount_free(m);
    jx_strcount_free(NULL);
}

static void test_day_key(void **state)
{
    (void)state;
    char k[16];
    jx_bq_day_key(jx_ts_make(2023, 1, 23, 23, 59, 59, 999999), k);
    assert_string_equal(k, "2023-01-23");
    jx_bq_day_key(jx_ts_make(2023, 1, 24, 0, 0, 0, 0), k);
    assert_string_equal(k, "2023-01-24");
}

static struct jx_census *census(void)
{
    struct jx_census *c = jx_calloc(1, sizeof(*c));
    assert_non_null(c);
    struct jx_strcount **maps[] = {&c->user_type, &c->pw_target,   &c->cd_object,
                                   &c->day,       &c->obj_prefix,  &c->object,
                                   &c->path_prefix, &c->remote,    &c->type};
    for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
        assert_int_equal(jx_strcount_create(1000, maps[i]), JX_OK);
    return c;
}

static const struct jx_bq *find(const struct jx_bq *qs, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(qs[i].id, id))
            return &qs[i];
    return NULL;
}

static const char *fval(const struct jx_bq *q, const char *name)
{
    for (size_t i = 0; q && i < q->nf; i++)
        if (!strcmp(q->f[i].name, name))
            return q->f[i].value;
    return NULL;
}

static void test_suite_picks_values_that_occur(void **state)
{
    (void)state;
    struct jx_census *c = census();
    struct jx_bq qs[16];

    jx_strcount_add(c->user_type, "ALICE\tZC", 100000);
    jx_strcount_add(c->user_type, "BOB\tCD", 45);
    jx_strcount_add(c->user_type, "CAROL\tAF", 7);
    jx_strcount_add(c->user_type, "DAVE\tAF", 900);
    jx_strcount_add(c->pw_target, "JOE", 500);
    jx_strcount_add(c->pw_target, "ANN", 30);
    jx_strcount_add(c->day, "2022-01-03", 10);
    jx_strcount_add(c->day, "2022-01-01", 10);
    jx_strcount_add(c->day, "2022-01-02", 10);
    jx_strcount_add(c->obj_prefix, "PRT", 60);
    jx_strcount_add(c->obj_prefix, "QSY", 9000);
    jx_strcount_add(c->object, "APPOBJ", 30);   /* inside APPOBJIDX: not selective */
    jx_strcount_add(c->object, "APPOBJIDX", 5000);
    jx_strcount_add(c->object, "PAYROLL1", 25);
    jx_strcount_add(c->path_prefix, "/home/al/", 48);
    jx_strcount_add(c->path_prefix, "/QIBM/ProdData/", 90000);
    jx_strcount_add(c->remote, "10.1.1.1", 19);
    jx_strcount_add(c->remote, "10.1.1.2", 4000);
    size_t n = jx_bench_suite(c, qs, 16);
    assert_true(n >= 10);

    const struct jx_bq *q = find(qs, n, "user-type");
    assert_non_null(q);
    assert_string_equal(fval(q, "user"), "BOB");
    assert_string_equal(fval(q, "type"), "CD");
    /* No QSECOFR PW in this data: the most frequent PW target instead. */
    assert_string_equal(fval(find(qs, n, "pw-qsecofr"), "target-user"), "JOE");
    assert_string_equal(fval(find(qs, n, "one-day"), "from"), "2022-01-02");
    assert_string_equal(fval(find(qs, n, "one-day"), "to"), "2022-01-02");
    assert_string_equal(fval(find(qs, n, "generic-object"), "object"), "PRT*");
    assert_string_equal(fval(find(qs, n, "ifs-prefix"), "path"), "/home/al/*");
    assert_string_equal(fval(find(qs, n, "remote-addr"), "remote-addr"), "10.1.1.1");
    assert_string_equal(fval(find(qs, n, "search"), "search"), "PAYROLL1");
    assert_string_equal(fval(find(qs, n, "af-count"), "user"), "DAVE");
    assert_int_equal(find(qs, n, "af-count")->kind, JX_BQ_COUNT);
    assert_string_equal(find(qs, n, "count-by-type")->group, "type");
    assert_int_equal(find(qs, n, "per-day")->kind, JX_BQ_HIST_DAY);

    /* With QSECOFR PW and ORD* objects present, the suite asks for them. */
    jx_strcount_add(c->pw_target, "QSECOFR", 2);
    jx_strcount_add(c->obj_prefix, "ORD", 100000);
    n = jx_bench_suite(c, qs, 16);
    assert_string_equal(fval(find(qs, n, "pw-qsecofr"), "target-user"), "QSECOFR");
    assert_string_equal(fval(find(qs, n, "generic-object"), "object"), "ORD*");

    /* Every question's filter is valid for the filter parser. */
    for (size_t i = 0; i < n; i++) {
        struct jx_filter *f = NULL;
        struct jx_errctx err;
        jx_errctx_clear(&err);
        assert_int_equal(jx_bq_filter_build(&qs[i], &f, &err), JX_OK);
        jx_filter_free(f);
        assert_true(qs[i].question[0] != '\0');
    }
    jx_census_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_digest_order_and_content),
        cmocka_unit_test(test_groups_digest),
        cmocka_unit_test(test_strcount_grow_and_cap),
        cmocka_unit_test(test_day_key),
        cmocka_unit_test(test_suite_picks_values_that_occur),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
