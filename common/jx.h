/*
 * common/jx.h - error codes, error context, allocation hooks and small
 * byte helpers shared by every layer (ingest, index, query, bench, cli).
 *
 * Ownership rule for the whole project: a function that returns a pointer
 * through an out-parameter transfers ownership to the caller, who releases
 * it with the matching _free()/_close(); _free(NULL) is always a no-op.
 */
#ifndef JX_H
#define JX_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* One negative error enum for the whole project; 0 is success. */
enum jx_err {
    JX_OK = 0,
    JX_E_IO = -1,        /* read/write/open/mmap failed (errno in context) */
    JX_E_FORMAT = -2,    /* input bytes do not follow the layout */
    JX_E_NOMEM = -3,     /* allocation failed */
    JX_E_CHECKSUM = -4,  /* an index block failed its xxHash check */
    JX_E_USAGE = -5,     /* bad command-line argument or filter */
    JX_E_RANGE = -6,     /* a value does not fit (e.g. sequence > 2^64-1) */
    JX_E_LOCKED = -7,    /* another writer holds the index lock */
    JX_E_EMPTY = -8,     /* empty input file */
    JX_E_CORRUPT = -9,   /* index structure invariant violated */
    JX_E_NOTFOUND = -10, /* no such index / file / value */
    JX_E_VERSION = -11,  /* index format version not supported */
    JX_E_INTERNAL = -12, /* a bug: an invariant of our own code failed */
};

/*! jx_strerror() : static text for an error code; never NULL. */
const char *jx_strerror(int err);

/*
 * Error context: where a failure happened. Parsers fill it so the user sees
 * one line naming the file, the record (0-based internally, printed 1-based)
 * and the byte offset. Functions that take a `struct jx_errctx *` accept NULL.
 */
struct jx_errctx {
    int code;              /* enum jx_err */
    char file[512];        /* file or index path, "" if none */
    int64_t record;        /* 0-based record number, -1 if none */
    int64_t offset;        /* byte offset in file, -1 if none */
    char msg[512];         /* what was wrong, lower case, no full stop */
};

void jx_errctx_clear(struct jx_errctx *e);
/*! jx_error() : fill `e` (may be NULL) and return `code`. printf-style msg. */
int jx_error(struct jx_errctx *e, int code, const char *file, int64_t record,
             int64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/*! jx_errctx_format() : "file 'F': record N (byte O): msg" into buf. */
const char *jx_errctx_format(const struct jx_errctx *e, char *buf, size_t n);

/* Allocation hooks: everything allocates through these so tests can inject
 * failures (jx_set_alloc_fail_after). They never abort. */
void *jx_malloc(size_t n);
void *jx_calloc(size_t n, size_t size);
void *jx_realloc(void *p, size_t n);
void jx_free(void *p);
char *jx_strdup(const char *s);
/* After `n` more successful allocations, fail every allocation (tests). -1 off. */
void jx_set_alloc_fail_after(long n);
/*! jx_open_rdonly() : open(path, O_RDONLY | O_CLOEXEC); on EMFILE the soft
 *  descriptor limit is raised to the hard one (once) and the open retried:
 *  an index keeps a descriptor per open segment (up to its cap), an ingest one per input
 *  file. -1 with errno set on failure. */
int jx_open_rdonly(const char *path);
/*! jx_nofile_limit() : the soft limit on descriptors, raised to the hard
 *  one first (once is enough). */
size_t jx_nofile_limit(void);

/* A bump allocator for memory that lives until one owner closes (an open
 * index's segment directories): 2 MB chunks advised as transparent huge
 * pages, because first touches of fresh 4 KB pages are expensive on VMs.
 * Thread-safe; 64-byte aligned; NOT zeroed; freed all at once (the last
 * freed chunk is kept for the next arena of the process: common/arena.c). */
struct jx_arena;
struct jx_arena *jx_arena_new(void);
void *jx_arena_alloc(struct jx_arena *a, size_t n);
void jx_arena_free(struct jx_arena *a);
/* One buffer of n bytes on the same huge pages, for a thread's lifetime (a
 * read window); NULL if out of memory. Free with the same n. */
void *jx_huge_alloc(size_t n);
void jx_huge_free(void *p, size_t n);
/* Grow *cap geometrically to hold `need` elements of `size`; overflow-safe. */
int jx_grow(void **p, size_t *cap, size_t need, size_t size);

/* Big-endian readers/writers (IBM i binary fields are big-endian). */
static inline uint16_t jx_be16(const uint8_t *p)
{ return (uint16_t)((p[0] << 8) | p[1]); }
static inline uint32_t jx_be32(const uint8_t *p)
{ return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3]; }
static inline uint64_t jx_be64(const uint8_t *p)
{ return ((uint64_t)jx_be32(p) << 32) | jx_be32(p + 4); }
static inline void jx_put_be16(uint8_t *p, uint16_t v)
{ p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void jx_put_be32(uint8_t *p, uint32_t v)
{ p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }
static inline void jx_put_be64(uint8_t *p, uint64_t v)
{ jx_put_be32(p, (uint32_t)(v >> 32)); jx_put_be32(p + 4, (uint32_t)v); }

#define JX_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define JX_MIN(a, b) ((a) < (b) ? (a) : (b))
#define JX_MAX(a, b) ((a) > (b) ? (a) : (b))

/*! jx_write_all() : write all n bytes to fd, retrying short writes and
 *  EINTR. @return 0, or -1 with errno set. */
int jx_write_all(int fd, const void *p, size_t n);

/* Monotonic clock in seconds (benchmarks, progress). */
double jx_now(void);

#endif /* JX_H */
