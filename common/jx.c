/*
 * common/jx.c - error strings, error context and allocation hooks.
 * Cold code: nothing here runs per record on a hot path.
 */
#include "jx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <time.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/resource.h>

const char *jx_strerror(int err)
{
    switch (err) {
    case JX_OK: return "success";
    case JX_E_IO: return "input/output error";
    case JX_E_FORMAT: return "bad input format";
    case JX_E_NOMEM: return "out of memory";
    case JX_E_CHECKSUM: return "checksum mismatch";
    case JX_E_USAGE: return "invalid usage";
    case JX_E_RANGE: return "value out of range";
    case JX_E_LOCKED: return "index is locked by another writer";
    case JX_E_EMPTY: return "empty input";
    case JX_E_CORRUPT: return "index is damaged";
    case JX_E_NOTFOUND: return "not found";
    case JX_E_VERSION: return "unsupported index version";
    case JX_E_INTERNAL: return "internal error";
    }
    return "unknown error";
}

void jx_errctx_clear(struct jx_errctx *e)
{
    if (!e)
        return;
    memset(e, 0, sizeof(*e));
    e->record = -1;
    e->offset = -1;
}

int jx_error(struct jx_errctx *e, int code, const char *file, int64_t record,
             int64_t offset, const char *fmt, ...)
{
    if (!e)
        return code;
    va_list ap;
    e->code = code;
    snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
    e->record = record;
    e->offset = offset;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return code;
}

const char *jx_errctx_format(const struct jx_errctx *e, char *buf, size_t n)
{
    size_t off = 0;
    if (!e || n == 0)
        return "";
    buf[0] = '\0';
    if (e->file[0])
        off += (size_t)snprintf(buf + off, n - off, "'%s': ", e->file);
    if (off < n && e->record >= 0)
        off += (size_t)snprintf(buf + off, n - off, "record %lld: ",
                                (long long)e->record + 1);
    if (off < n && e->offset >= 0)
        off += (size_t)snprintf(buf + off, n - off, "byte offset %lld: ",
                                (long long)e->offset);
    if (off < n)
        snprintf(buf + off, n - off, "%s",
                 e->msg[0] ? e->msg : jx_strerror(e->code));
    return buf;
}

static atomic_long alloc_budget = -1;

void jx_set_alloc_fail_after(long n) { atomic_store(&alloc_budget, n); }

static int alloc_allowed(void)
{
    long b = atomic_load(&alloc_budget);
    while (b >= 0) {
        if (b == 0)
            return 0;
        if (atomic_compare_exchange_weak(&alloc_budget, &b, b - 1))
            return 1;
    }
    return 1;
}

void *jx_malloc(size_t n) { return alloc_allowed() ? malloc(n ? n : 1) : NULL; }
void *jx_calloc(size_t n, size_t s) { return alloc_allowed() ? calloc(n ? n : 1, s ? s : 1) : NULL; }
void *jx_realloc(void *p, size_t n) { return alloc_allowed() ? realloc(p, n ? n : 1) : NULL; }
void jx_free(void *p) { free(p); }

char *jx_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = jx_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int jx_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return JX_OK;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2)
            return JX_E_NOMEM;
        nc *= 2;
    }
    if (size && nc > SIZE_MAX / size)
        return JX_E_NOMEM;
    void *np = jx_realloc(*p, nc * size);
    if (!np)
        return JX_E_NOMEM;
    *p = np;
    *cap = nc;
    return JX_OK;
}

double jx_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int jx_write_all(int fd, const void *buf, size_t n)
{
    const uint8_t *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Raise the soft limit on descriptors to the hard one (once is enough):
 * a query over a large index keeps one descriptor per open segment, and
 * the usual soft limit (1024) is meant to be raised by programs that need
 * more. */
static bool raise_nofile(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= rl.rlim_max)
        return false;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY ? (rlim_t)1 << 20 : rl.rlim_max;
    return setrlimit(RLIMIT_NOFILE, &rl) == 0;
}

size_t jx_nofile_limit(void)
{
    struct rlimit rl;
    (void)raise_nofile();
    if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur == RLIM_INFINITY)
        return (size_t)1 << 20;
    return (size_t)rl.rlim_cur;
}

int jx_open_rdonly(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == EMFILE && raise_nofile())
        fd = open(path, O_RDONLY | O_CLOEXEC);
    return fd;
}
