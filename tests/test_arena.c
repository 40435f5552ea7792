/*
 * tests/test_arena.c - common/arena.c: every allocation is aligned, writable
 * to its full size and disjoint from every other, whatever its size (small
 * ones share chunks, big ones get their own mapping), from several threads at
 * once; a failed bookkeeping allocation is reported as NULL, not a crash;
 * a lone huge-page buffer is usable to its full size; the chunk kept from
 * a freed arena serves one later arena at a time.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "jx.h"

#define PER_THREAD 600

struct span {
    uintptr_t lo, hi;
};

static int by_lo(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

struct worker {
    struct jx_arena *a;
    unsigned seed;
    struct span sp[PER_THREAD];
    int failed;
};

/* Sizes from 0 to ~3 MB: most small, some past the private-mapping limit. */
static size_t pick(unsigned *seed, int i)
{
    const unsigned r = (unsigned)rand_r(seed);
    if (i % 97 == 5)
        return (size_t)(1u << 20) + r % (2u << 20);
    return r % (i % 7 == 0 ? 200000u : 3000u);
}

static void *work(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < PER_THREAD; i++) {
        const size_t n = pick(&w->seed, i);
        uint8_t *p = jx_arena_alloc(w->a, n);
        if (!p || (uintptr_t)p % 64) {
            w->failed = 1;
            return NULL;
        }
        /* every byte writable; the first and last mark the allocation and
         * are checked once every thread has ended (no one else wrote them) */
        memset(p, (int)((w->seed + (unsigned)i) & 0xff), n);
        w->sp[i].lo = (uintptr_t)p;
        w->sp[i].hi = (uintptr_t)p + n;
        if (n) {
            p[0] = (uint8_t)i;
            p[n - 1] = (uint8_t)i;
        }
    }
    return NULL;
}

static void test_arena_disjoint_threads(void **state)
{
    (void)state;
    struct jx_arena *a = jx_arena_new();
    assert_non_null(a);
    static struct worker w[4];
    pthread_t t[4];
    for (int k = 0; k < 4; k++) {
        w[k].a = a;
        w[k].seed = 1234u + (unsigned)k * 77u;
        w[k].failed = 0;
        assert_int_equal(pthread_create(&t[k], NULL, work, &w[k]), 0);
    }
    for (int k = 0; k < 4; k++)
        assert_int_equal(pthread_join(t[k], NULL), 0);
    static struct span all[4 * PER_THREAD];
    size_t n = 0;
    for (int k = 0; k < 4; k++) {
        assert_int_equal(w[k].failed, 0);
        for (int i = 0; i < PER_THREAD; i++) {
            const struct span s = w[k].sp[i];
            if (s.hi > s.lo) {
                const uint8_t *p = (const uint8_t *)s.lo;
                assert_int_equal(p[0], (uint8_t)i);
                assert_int_equal(p[s.hi - s.lo - 1], (uint8_t)i);
                all[n++] = s;
            }
        }
    }
    qsort(all, n, sizeof(all[0]), by_lo);
    for (size_t i = 1; i < n; i++)
        assert_true(all[i - 1].hi <= all[i].lo);
    jx_arena_free(a);
}

static void test_arena_alloc_failure(void **state)
{
    (void)state;
    struct jx_arena *a = jx_arena_new();
    assert_non_null(a);
    assert_non_null(jx_arena_alloc(a, 100));
    /* the bookkeeping of a new chunk or big block is a jx_malloc */
    jx_set_alloc_fail_after(0);
    void *big = jx_arena_alloc(a, 5u << 20);
    jx_set_alloc_fail_after(-1);
    assert_null(big);
    uint8_t *p = jx_arena_alloc(a, 5u << 20);
    assert_non_null(p);
    p[(5u << 20) - 1] = 1;
    jx_arena_free(a);
    jx_arena_free(NULL);
}

/* A lone huge-page buffer: writable to its full size, freed with its size. */
static void test_huge_buffer(void **state)
{
    (void)state;
    const size_t n = (3u << 20) + 123;
    uint8_t *p = jx_huge_alloc(n);
    assert_non_null(p);
    memset(p, 0xA5, n);
    assert_int_equal(p[0], 0xA5);
    assert_int_equal(p[n - 1], 0xA5);
    jx_huge_free(p, n);
    jx_huge_free(NULL, n);
}

/* The chunk an arena frees is handed to the next arena (common/arena.c):
 * threads that open, fill, check and free arenas over and over must never
 * see their bytes change under them (a chunk handed to two live arenas at
 * once would mix their patterns). */
static void *churn(void *arg)
{
    unsigned seed = *(unsigned *)arg;
    for (int round = 0; round < 40; round++) {
        struct jx_arena *a = jx_arena_new();
        uint8_t *p[16];
        size_t n[16];
        const unsigned base = seed ^ (unsigned)round;
        if (!a)
            return (void *)1;
        for (int i = 0; i < 16; i++) {
            n[i] = 1 + (size_t)rand_r(&seed) % 60000u;
            if (!(p[i] = jx_arena_alloc(a, n[i])))
                return (void *)1;
            memset(p[i], (int)((base + (unsigned)i) & 0xff), n[i]);
        }
        for (int i = 0; i < 16; i++)
            for (size_t k = 0; k < n[i]; k += 997)
                if (p[i][k] != ((base + (unsigned)i) & 0xff))
                    return (void *)1;
        jx_arena_free(a);
    }
    return NULL;
}

static void test_arena_handover(void **state)
{
    (void)state;
    pthread_t t[4];
    unsigned seeds[4] = {3, 5, 7, 11};
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, churn, &seeds[i]), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        assert_int_equal(pthread_join(t[i], &r), 0);
        assert_null(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_disjoint_threads),
        cmocka_unit_test(test_arena_alloc_failure),
        cmocka_unit_test(test_huge_buffer),
        cmocka_unit_test(test_arena_handover),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
