/*
 * common/arena.c - a bump allocator backed by transparent huge pages.
 *
 * Why: on the virtual machines jidx is measured on, the first touch of a
 * fresh 4 KB anonymous page costs ~10 us (a hypervisor exit per fault),
 * while a 2 MB huge page costs ~75 us for 512 pages' worth. Memory that a
 * short-lived reader fills once and keeps until it closes (segment
 * directories, their indexes) is therefore carved from 2 MB-aligned chunks
 * advised MADV_HUGEPAGE. Where THP is off the advice is ignored and this is
 * an ordinary lazily-backed mapping.
 *
 * A process that opens and closes indexes again and again (`jidx report`
 * runs a query per section, `jidx bench` times repeated queries, a
 * service) would pay that first touch at every open: the first chunk an
 * arena frees is kept (one, process-wide: 4 MB at most) and handed to the
 * next arena, its pages already backed. Memory is therefore not zeroed.
 *
 * Under AddressSanitizer every allocation is a separate jx_malloc() so the
 * sanitizer still sees each buffer's bounds.
 */
#include "jx.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define JX_ARENA_PLAIN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JX_ARENA_PLAIN 1
#endif
#endif

#define HUGE_SZ ((size_t)2 << 20)
#define CHUNK_SZ ((size_t)4 << 20)
#define ALIGN 64u

struct jx_mapping {
    struct jx_mapping *next;
    void *p;       /* the mapping (or, plain, the jx_malloc'ed block) */
    size_t len;
};

struct jx_arena {
    pthread_mutex_t mu;
    struct jx_mapping *maps;
    uint8_t *cur;  /* free space of the current chunk */
    size_t left;
};

/* The chunk kept for the next arena (process-wide). */
static pthread_mutex_t spare_mu = PTHREAD_MUTEX_INITIALIZER;
static void *spare;

struct jx_arena *jx_arena_new(void)
{
    struct jx_arena *a = jx_calloc(1, sizeof(*a));
    if (a)
        pthread_mutex_init(&a->mu, NULL);
    return a;
}

/* A 2 MB-aligned mapping of `len` (a multiple of 2 MB) bytes, advised for
 * huge pages. */
static void *map_huge(size_t len)
{
    uint8_t *p = mmap(NULL, len + HUGE_SZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uint8_t *al = (uint8_t *)(((uintptr_t)p + HUGE_SZ - 1) & ~(uintptr_t)(HUGE_SZ - 1));
    if (al > p)
        munmap(p, (size_t)(al - p));
    if (al + len < p + len + HUGE_SZ)
        munmap(al + len, (size_t)(p + len + HUGE_SZ - (al + len)));
    (void)madvise(al, len, MADV_HUGEPAGE); /* advice only: fine if refused */
    return al;
}

static int remember(struct jx_arena *a, void *p, size_t len)
{
    struct jx_mapping *m = jx_malloc(sizeof(*m));
    if (!m)
        return -1;
    m->p = p;
    m->len = len;
    m->next = a->maps;
    a->maps = m;
    return 0;
}

void *jx_arena_alloc(struct jx_arena *a, size_t n)
{
    void *r = NULL;
    n = n ? (n + ALIGN - 1) & ~(size_t)(ALIGN - 1) : ALIGN;
    pthread_mutex_lock(&a->mu);
#ifdef JX_ARENA_PLAIN
    /* the same 64-byte alignment: over-allocate, remember the block */
    uint8_t *raw = jx_malloc(n + ALIGN - 1);
    if (raw && remember(a, raw, 0)) {
        jx_free(raw);
        raw = NULL;
    }
    if (raw)
        r = (void *)(((uintptr_t)raw + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1));
#else
    if (n <= a->left) {
        r = a->cur;
        a->cur += n;
        a->left -= n;
    } else if (n >= CHUNK_SZ / 4) {
        /* big: its own mapping, the current chunk keeps its free space */
        const size_t len = (n + HUGE_SZ - 1) & ~(HUGE_SZ - 1);
        if ((r = map_huge(len)) && remember(a, r, len)) {
            munmap(r, len);
            r = NULL;
        }
    } else {
        pthread_mutex_lock(&spare_mu);
        uint8_t *c = spare;
        spare = NULL;
        pthread_mutex_unlock(&spare_mu);
        if (!c)
            c = map_huge(CHUNK_SZ);
        if (c && remember(a, c, CHUNK_SZ)) {
            munmap(c, CHUNK_SZ);
            c = NULL;
        }
        if (c) {
            r = c;
            a->cur = c + n;
            a->left = CHUNK_SZ - n;
        }
    }
#endif
    pthread_mutex_unlock(&a->mu);
    return r;
}

void *jx_huge_alloc(size_t n)
{
#ifdef JX_ARENA_PLAIN
    return jx_malloc(n);
#else
    return n ? map_huge((n + HUGE_SZ - 1) & ~(HUGE_SZ - 1)) : NULL;
#endif
}

void jx_huge_free(void *p, size_t n)
{
#ifdef JX_ARENA_PLAIN
    (void)n;
    jx_free(p);
#else
    if (p)
        munmap(p, (n + HUGE_SZ - 1) & ~(HUGE_SZ - 1));
#endif
}

void jx_arena_free(struct jx_arena *a)
{
    if (!a)
        return;
    for (struct jx_mapping *m = a->maps, *next; m; m = next) {
        next = m->next;
        bool kept = false;
        if (m->len == CHUNK_SZ) {
            pthread_mutex_lock(&spare_mu);
            if (!spare)
                spare = m->p, kept = true;
            pthread_mutex_unlock(&spare_mu);
        }
        if (kept)
            ;
        else if (m->len)
            munmap(m->p, m->len);
        else
            jx_free(m->p);
        jx_free(m);
    }
    pthread_mutex_destroy(&a->mu);
    jx_free(a);
}
