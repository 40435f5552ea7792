/*
 * common/pool.h - helper threads kept for the life of the process.
 *
 * A query spreads its segments over a few threads for a millisecond or
 * two. Starting and ending those threads per query cost more than the
 * work on the benchmark VM: the thread's creation, its stack's first
 * touch, and at its exit glibc's MADV_DONTNEED of the stack, whose TLB
 * shootdown interrupts the other CPU (~8% of a selective count query).
 * The pool keeps the threads: they wait for tasks between queries.
 *
 * A task is "help with this job": the caller always does the work itself
 * too, so a task that never starts (no thread could be created, or all
 * are busy with another caller's tasks) costs parallelism, not progress.
 * jx_pool_finish() therefore withdraws a task that has not started.
 */
#ifndef JX_POOL_H
#define JX_POOL_H

#include <stdbool.h>

struct jx_task {
    void (*fn)(void *arg);
    void *arg;
    /* private to pool.c */
    struct jx_task *next;
    int state;
};

/* Maximum pool threads (tasks beyond wait for a free one). */
#define JX_POOL_MAX 256

/* Queue t (fn and arg set) to run on a pool thread, starting one when no
 * thread is idle. Never fails: when no thread can be started the task
 * waits for one, and jx_pool_finish() withdraws it if none came. */
void jx_pool_submit(struct jx_task *t);

/* Return once t is done: true if it ran, false if it had not started and
 * is withdrawn (it never will). Every submitted task must be finished
 * before its memory is reused. */
bool jx_pool_finish(struct jx_task *t);

/* Pool threads started so far (tests). */
int jx_pool_threads(void);

#endif
