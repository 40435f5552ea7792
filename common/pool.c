/*
 * common/pool.c - helper threads kept for the life of the process (pool.h).
 *
 * One mutex guards a FIFO of queued tasks and the thread counts; pool
 * threads sleep on `work` and callers on `done`. Threads are detached and
 * never exit: at process exit they are blocked in a condition wait.
 *
 * fork(): the child has only the forking thread, so a child handler forgets
 * the parent's threads and queue (a child that queries starts its own).
 */
#include "pool.h"

#include <pthread.h>
#include <stddef.h>

enum { T_QUEUED = 1, T_RUNNING, T_DONE, T_WITHDRAWN };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct jx_task *head, *tail;
static int nthreads, nidle, nstarting; /* nstarting: created, not yet waiting */

static void *pool_main(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&mu);
    nstarting--;
    for (;;) {
        while (!head) {
            nidle++;
            pthread_cond_wait(&work, &mu);
            nidle--;
        }
        struct jx_task *t = head;
        head = t->next;
        if (!head)
            tail = NULL;
        t->state = T_RUNNING;
        pthread_mutex_unlock(&mu);
        t->fn(t->arg);
        pthread_mutex_lock(&mu);
        t->state = T_DONE;
        pthread_cond_broadcast(&done);
    }
    return NULL;
}

static void after_fork_child(void)
{
    pthread_mutex_init(&mu, NULL);
    pthread_cond_init(&work, NULL);
    pthread_cond_init(&done, NULL);
    head = tail = NULL;
    nthreads = nidle = nstarting = 0;
}

static void pool_init(void)
{
    pthread_atfork(NULL, NULL, after_fork_child);
}

void jx_pool_submit(struct jx_task *t)
{
    pthread_once(&once, pool_init);
    pthread_mutex_lock(&mu);
    t->next = NULL;
    t->state = T_QUEUED;
    if (tail)
        tail->next = t;
    else
        head = t;
    tail = t;
    /* queued tasks beyond the idle threads (and those about to be): one
     * more thread, if allowed */
    int queued = 0;
    for (const struct jx_task *q = head; q; q = q->next)
        queued++;
    if (queued > nidle + nstarting && nthreads < JX_POOL_MAX) {
        pthread_attr_t at;
        pthread_t th;
        pthread_attr_init(&at);
        pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&th, &at, pool_main, NULL) == 0) {
            nthreads++;
            nstarting++;
        }
        pthread_attr_destroy(&at);
    }
    pthread_cond_signal(&work);
    pthread_mutex_unlock(&mu);
}

bool jx_pool_finish(struct jx_task *t)
{
    bool ran = true;
    pthread_mutex_lock(&mu);
    if (t->state == T_QUEUED) {
        /* not started: unlink it */
        struct jx_task **pp = &head, *prev = NULL;
        while (*pp != t) {
            prev = *pp;
            pp = &(*pp)->next;
        }
        *pp = t->next;
        if (tail == t)
            tail = prev;
        t->state = T_WITHDRAWN;
        ran = false;
    }
    while (t->state == T_RUNNING)
        pthread_cond_wait(&done, &mu);
    pthread_mutex_unlock(&mu);
    return ran;
}

int jx_pool_threads(void)
{
    pthread_mutex_lock(&mu);
    const int n = nthreads;
    pthread_mutex_unlock(&mu);
    return n;
}
