/*
 * tests/test_pool.c - common/pool.c: a submitted task runs exactly once or
 * is withdrawn (never both, never twice), from several submitting threads at
 * once; threads are kept and reused (the pool does not grow per task); a
 * task that is running is waited for; a forked child gets a pool of its own.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#include "pool.h"

struct job {
    struct jx_task t;
    atomic_int runs;
    atomic_int *gate;       /* when set: spin until *gate != 0 */
};

static void job_fn(void *arg)
{
    struct job *j = arg;
    if (j->gate)
        while (!atomic_load(j->gate))
            sched_yield();
    atomic_fetch_add(&j->runs, 1);
}

static void job_init(struct job *j, atomic_int *gate)
{
    atomic_init(&j->runs, 0);
    j->gate = gate;
    j->t.fn = job_fn;
    j->t.arg = j;
}

/* Each round submits 3 jobs and finishes them at once: whatever the pool
 * did, a job ran iff finish says so, and exactly once. */
static void *submitter(void *arg)
{
    int *bad = arg;
    for (int round = 0; round < 300; round++) {
        struct job j[3];
        for (int i = 0; i < 3; i++) {
            job_init(&j[i], NULL);
            jx_pool_submit(&j[i].t);
        }
        for (int i = 0; i < 3; i++) {
            const bool ran = jx_pool_finish(&j[i].t);
            if (atomic_load(&j[i].runs) != (ran ? 1 : 0))
                (*bad)++;
        }
    }
    return NULL;
}

static void test_pool_once_or_withdrawn(void **state)
{
    (void)state;
    pthread_t th[4];
    int bad[4] = {0};
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, submitter, &bad[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(bad[i], 0);
    }
    /* threads are kept: 4 x 3 tasks at a time at most, not 3600 threads */
    assert_true(jx_pool_threads() >= 1);
    assert_true(jx_pool_threads() <= 12);
}

/* Two tasks blocked in their function: both get a thread of their own (the
 * pool grows when none is idle), finish waits until they return. */
static void test_pool_waits_for_running(void **state)
{
    (void)state;
    atomic_int gate;
    atomic_init(&gate, 0);
    struct job a, b;
    job_init(&a, &gate);
    job_init(&b, &gate);
    jx_pool_submit(&a.t);
    jx_pool_submit(&b.t);
    /* give the pool time to start both (no timing is asserted: only that
     * finishing a started task waits for it) */
    usleep(20000);
    atomic_store(&gate, 1);
    const bool ra = jx_pool_finish(&a.t), rb = jx_pool_finish(&b.t);
    assert_int_equal(atomic_load(&a.runs), ra ? 1 : 0);
    assert_int_equal(atomic_load(&b.runs), rb ? 1 : 0);
    const int before = jx_pool_threads();
    for (int i = 0; i < 200; i++) {
        struct job j;
        job_init(&j, NULL);
        jx_pool_submit(&j.t);
        jx_pool_finish(&j.t);
    }
    /* one task at a time: the idle threads serve it, none is added */
    assert_int_equal(jx_pool_threads(), before);
}

/* A child forked while the parent has pool threads (none of which exist in
 * the child) runs its tasks on threads of its own. */
static void test_pool_fork(void **state)
{
    (void)state;
    struct job j;
    job_init(&j, NULL);
    jx_pool_submit(&j.t);
    jx_pool_finish(&j.t);
    assert_true(jx_pool_threads() >= 1);
    const pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int ok = jx_pool_threads() == 0;
        atomic_int gate;
        atomic_init(&gate, 1);
        for (int i = 0; i < 50 && ok; i++) {
            struct job c;
            job_init(&c, &gate);
            jx_pool_submit(&c.t);
            ok = atomic_load(&c.runs) <= 1;
            const bool ran = jx_pool_finish(&c.t);
            ok = ok && atomic_load(&c.runs) == (ran ? 1 : 0);
        }
        _exit(ok && jx_pool_threads() >= 1 ? 0 : 1);
    }
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_once_or_withdrawn),
        cmocka_unit_test(test_pool_waits_for_running),
        cmocka_unit_test(test_pool_fork),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
