/*
 * index/segread.c - open one segment file: read and check its header and
 * directory hash, index the directory by stream; load dictionaries and
 * Bloom filters on demand, per column; find and check the block holding a
 * row; the full structural check of a directory (verify); and the
 * block-level decoders shared by cursors, posting lookups and verify.
 * Every block's xxHash is checked before its bytes are parsed, and every
 * directory entry is checked before it is used; damaged data gives
 * JX_E_CHECKSUM or JX_E_CORRUPT naming the file and the block, never a
 * crash.
 *
 * Workload: one open per segment per reader (cached by the index), then a
 * few dictionaries (a selective query needs two or three of the 15) and
 * block reads per cursor block (2K rows) or posting lookup. A selective
 * query over 20 segments of 250K rows must take a few milliseconds in all,
 * so opening a segment must cost tens of microseconds:
 *
 *  - Blocks are read with pread(), not mapped: the kernel maps whole
 *    page-cache folios (up to 2 MB on ext4 with large folios) on the first
 *    touch of a mapping, so a query touching a few KB of each of 20
 *    segments showed ~200 MB of RSS and spent ~15% of its time in page
 *    faults. Reading exactly the stored bytes of a block into a buffer
 *    sized to it keeps a query's memory proportional to what it reads; it
 *    needs one descriptor per open segment (open_seg()). (Re-measured with
 *    format 2: mapping whole segments, with or without MADV_RANDOM, made a
 *    50-row query 10-20% slower than pread.) Syscalls were then half of a
 *    scattered-row query: a cursor reads a run of neighbouring blocks of
 *    one class with one pread (jx_seg_span_read(), format §3.7), each block
 *    still hash-checked on its own when taken from the run.
 *  - The directory (40 B per block, ~160 KB for 250K rows) was read whole
 *    at open until format 3; opening 20 segments then cost a count query
 *    ~1 ms. Format 3 pages it (doc/format.md §3.2a): open reads the head
 *    (dictionaries, postings, blooms: ~13 KB) and the page table with one
 *    pread at the end of the file; a row group's 23 entries or a page of
 *    ESD entries are read when a row needs them (jx_seg_page(), into the
 *    index's huge-page arena, under the segment mutex, published with a
 *    release store), and entries are decoded on use (jx_seg_dirent()).
 *  - At open only the hash, the kind/column bytes (to index the streams)
 *    and the dictionary sizes are looked at; each other entry is checked
 *    when a block is read (jx_seg_stored(), jx_seg_row_block()). The full
 *    check of every rule (jx_seg_check_all()) runs for verify and info.
 */
#include <errno.h>
#include <fcntl.h>
#include <lz4.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "bitpack.h"
#include "layout.h"
#include "seg_int.h"

/* s->dir (verify) holds the entries in their on-disk layout. */
_Static_assert(sizeof(struct jx_dirent) == JX_DIRENT_SIZE, "dirent size");

int jx_seg_fault(const struct jx_seg *s, uint32_t di, int code, const char *what,
                 struct jx_errctx *err)
{
    const struct jx_dirent de_ = jx_seg_dirent(s, di), *de = &de_;
    char where[160] = "";
    if ((de->kind == JX_BK_IDS || de->kind == JX_BK_DICT || de->kind == JX_BK_POST) &&
        de->col < JX_COL_COUNT_)
        snprintf(where, sizeof(where), ", column %s", jx_col_name((enum jx_col)de->col));
    if (de->kind <= JX_BK_ESD)
        snprintf(where + strlen(where), sizeof(where) - strlen(where),
                 ", rows %llu-%llu", (unsigned long long)de->first,
                 (unsigned long long)(de->first + de->nitems - (de->nitems > 0)));
    return jx_error(err, code, s->path, -1, (int64_t)de->off,
                    "segment block %u (%s%s): %s", di, jx_blk_kind_name(de->kind),
                    where, what);
}

static int corrupt(const struct jx_seg *s, int64_t off, const char *what, struct jx_errctx *err)
{
    return jx_error(err, JX_E_CORRUPT, s->path, -1, off, "segment %s", what);
}

/* ---- descriptors (struct jx_fdcache) ----------------------------------- */

void jx_fdcache_init(struct jx_fdcache *c, size_t cap)
{
    pthread_mutex_init(&c->mu, NULL);
    c->mru = c->lru = NULL;
    c->open = 0;
    c->cap = cap ? cap : 1;
}

void jx_fdcache_destroy(struct jx_fdcache *c)
{
    pthread_mutex_destroy(&c->mu);
}

static void fd_unlink(struct jx_fdcache *c, struct jx_seg *s)
{
    if (s->fd_prev) s->fd_prev->fd_next = s->fd_next; else c->mru = s->fd_next;
    if (s->fd_next) s->fd_next->fd_prev = s->fd_prev; else c->lru = s->fd_prev;
    s->fd_prev = s->fd_next = NULL;
}

static void fd_link_mru(struct jx_fdcache *c, struct jx_seg *s)
{
    s->fd_prev = NULL;
    s->fd_next = c->mru;
    if (c->mru) c->mru->fd_prev = s; else c->lru = s;
    c->mru = s;
}

/* Close the least recently used descriptor no read is using (c->mu held).
 * @return false if there is none. */
static bool fd_evict(struct jx_fdcache *c)
{
    for (struct jx_seg *v = c->lru; v; v = v->fd_prev)
        if (!v->fd_users) {
            fd_unlink(c, v);
            close(v->fd);
            v->fd = -1;
            c->open--;
            return true;
        }
    return false;
}

/* Open s's file (c->mu held if s has a cache): the one place that says
 * why a segment file cannot be opened. */
static int fd_open(struct jx_seg *s, struct jx_errctx *err)
{
    struct jx_fdcache *const c = s->fdc;
    while (c && c->open >= c->cap && fd_evict(c))
        ;
    int fd = jx_open_rdonly(s->path);
    /* other indexes or files of this process may hold the rest */
    while (fd < 0 && c && (errno == EMFILE || errno == ENFILE) && fd_evict(c))
        fd = jx_open_rdonly(s->path);
    if (fd < 0)
        return jx_error(err, errno == ENOENT ? JX_E_NOTFOUND : JX_E_IO, s->path, -1, -1,
                        "cannot open segment: %s%s", strerror(errno),
                        errno == EMFILE ? " (raise ulimit -n)" : "");
    s->fd = fd;
    if (c) {
        fd_link_mru(c, s);
        c->open++;
    }
    return JX_OK;
}

/* The descriptor of s for one read, opened if it was closed; every
 * successful call is paired with fd_put(). The state it changes is under
 * fdc->mu, not part of what a const segment promises. */
static int fd_get(const struct jx_seg *cs, int *fd, struct jx_errctx *err)
{
    struct jx_seg *const s = (struct jx_seg *)cs;
    struct jx_fdcache *const c = s->fdc;
    int rc = JX_OK;
    if (!c) {
        *fd = s->fd;
        return JX_OK;
    }
    pthread_mutex_lock(&c->mu);
    if (s->fd < 0) {
        rc = fd_open(s, err);
    } else if (c->mru != s) {
        fd_unlink(c, s);
        fd_link_mru(c, s);
    }
    if (!rc) {
        s->fd_users++;
        *fd = s->fd;
    }
    pthread_mutex_unlock(&c->mu);
    return rc;
}

static void fd_put(const struct jx_seg *cs)
{
    struct jx_seg *const s = (struct jx_seg *)cs;
    if (!s->fdc)
        return;
    pthread_mutex_lock(&s->fdc->mu);
    s->fd_users--;
    pthread_mutex_unlock(&s->fdc->mu);
}

/* Read len bytes at off (short reads and EINTR retried). */
static int seg_pread(const struct jx_seg *s, void *dst, size_t len, uint64_t off,
                     struct jx_errctx *err)
{
    uint8_t *p = dst;
    int fd, rc;
    if (s->io) {
        atomic_fetch_add_explicit(&s->io->reads, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&s->io->bytes, len, memory_order_relaxed);
    }
    if ((rc = fd_get(s, &fd, err)))
        return rc;
    rc = JX_OK;
    while (len && !rc) {
        ssize_t r = pread(fd, p, len, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = jx_error(err, JX_E_IO, s->path, -1, (int64_t)off, "cannot read segment: %s",
                          strerror(errno));
        } else if (r == 0) {
            rc = jx_error(err, JX_E_CORRUPT, s->path, -1, (int64_t)off,
                          "segment file ends early (shortened while open?)");
        } else {
            p += r;
            off += (uint64_t)r;
            len -= (size_t)r;
        }
    }
    fd_put(s);
    return rc;
}

/* Where a block's bytes are and how they are stored. The decoded size is
 * what readers allocate before decoding, so it is held to what the stored
 * bytes can decode to: an LZ4 byte yields at most 255 (a length byte of
 * 255), a framed block at most 64 frames of a u16 size each. */
static bool dirent_bounds_ok(const struct jx_seg *s, const struct jx_dirent *de)
{
    return (de->codec <= JX_CODEC_LZ4 ||
            (de->codec == JX_CODEC_FRAMED && s->version >= 2 && de->kind >= JX_BK_SEQ &&
             de->kind <= JX_BK_IDS)) &&
           de->off >= JX_SEG_HDR_SIZE && de->off <= s->dir_off &&
           de->clen <= s->dir_off - de->off &&
           (de->codec != JX_CODEC_RAW || de->clen == de->ulen) &&
           (de->codec != JX_CODEC_LZ4 || de->ulen <= 255ull * de->clen + 16) &&
           (de->codec != JX_CODEC_FRAMED || de->ulen <= JX_MAX_FRAMES * 65535u) &&
           de->ulen <= (1u << 30);
}

bool jx_seg_dirent_ok(const struct jx_seg *s, const struct jx_dirent *de)
{
    return dirent_bounds_ok(s, de);
}

int jx_seg_stored(const struct jx_seg *s, uint32_t di, uint8_t **buf, size_t *cap,
                  struct jx_dirent *de, struct jx_errctx *err)
{
    return jx_seg_stored_span(s, di, NULL, buf, cap, de, err);
}

int jx_seg_span_class(const struct jx_seg *s, uint32_t di)
{
    const uint8_t k = jx_seg_dent(s, di)[0];
    return k >= JX_BK_SEQ && k <= JX_BK_FLAGS ? JX_SPAN_NUM
           : k == JX_BK_IDS                   ? JX_SPAN_IDS
           : k == JX_BK_DICT                  ? JX_SPAN_DICT
                                              : -1;
}

/* Classes one span may mix: a row group's numeric and id blocks (the
 * writer puts them side by side, format §3.7). */
static int span_family(int cls)
{
    return cls == JX_SPAN_IDS ? JX_SPAN_NUM : cls;
}

/* Do blocks a and b (a directly before b in the directory) belong to one
 * span: same class (numeric and id blocks count as one), same row group for
 * row blocks, b right after a in the file? */
static bool span_next(const struct jx_seg *s, uint32_t a, uint32_t b, int cls)
{
    /* version 3: a neighbour on another directory page may not be loaded
     * (and a row group's blocks share its page anyway) */
    if (jx_seg_page_of(s, a) != jx_seg_page_of(s, b))
        return false;
    const struct jx_dirent da = jx_seg_dirent(s, a), db = jx_seg_dirent(s, b);
    const int ca = jx_seg_span_class(s, a), cb = jx_seg_span_class(s, b);
    return ca >= 0 && cb >= 0 && span_family(ca) == span_family(cls) &&
           span_family(cb) == span_family(cls) && (cls == JX_SPAN_DICT || da.first == db.first) &&
           dirent_bounds_ok(s, &da) && dirent_bounds_ok(s, &db) && da.off + da.clen == db.off;
}

int jx_seg_span_read(const struct jx_seg *s, uint32_t di, size_t max_bytes,
                     struct jx_span *sp, struct jx_errctx *err)
{
    const struct jx_dirent de = jx_seg_dirent(s, di);
    sp->len = 0;
    if (!dirent_bounds_ok(s, &de))
        return corrupt(s, (int64_t)(s->dir_off + (uint64_t)di * JX_DIRENT_SIZE),
                       "directory: bad block entry", err);
    const int cls = jx_seg_span_class(s, di);
    uint64_t lo = de.off, hi = de.off + de.clen;
    if (cls >= 0) {
        /* grow forward first (a fetch usually starts at the first block
         * of the run), then backward, while within max_bytes */
        for (uint32_t i = di; i + 1 < s->ndir && span_next(s, i, i + 1, cls); i++) {
            const struct jx_dirent dn = jx_seg_dirent(s, i + 1);
            if (dn.off + dn.clen - lo > max_bytes)
                break;
            hi = dn.off + dn.clen;
        }
        for (uint32_t i = di; i > 0 && span_next(s, i - 1, i, cls); i--) {
            const struct jx_dirent dp = jx_seg_dirent(s, i - 1);
            if (hi - dp.off > max_bytes)
                break;
            lo = dp.off;
        }
    }
    if (jx_grow((void **)&sp->buf, &sp->cap, (size_t)(hi - lo), 1))
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    int rc = seg_pread(s, sp->buf, (size_t)(hi - lo), lo, err);
    if (rc)
        return rc;
    sp->off = lo;
    sp->len = (size_t)(hi - lo);
    return JX_OK;
}

int jx_seg_stored_span(const struct jx_seg *s, uint32_t di, const struct jx_span *sp,
                       uint8_t **buf, size_t *cap, struct jx_dirent *de,
                       struct jx_errctx *err)
{
    int rc;
    *de = jx_seg_dirent(s, di);
    if (!dirent_bounds_ok(s, de))
        return corrupt(s, (int64_t)(s->dir_off + (uint64_t)di * JX_DIRENT_SIZE),
                       "directory: bad block entry", err);
    const size_t at = de->codec == JX_CODEC_RAW ? 0 : de->ulen;
    if (jx_grow((void **)buf, cap, at + de->clen + 1, 1))
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    if (sp && sp->len && de->off >= sp->off && de->off + de->clen <= sp->off + sp->len)
        memcpy(*buf + at, sp->buf + (de->off - sp->off), de->clen);
    else if ((rc = seg_pread(s, *buf + at, de->clen, de->off, err)))
        return rc;
    if (XXH3_64bits(*buf + at, de->clen) != de->hash)
        return jx_seg_fault(s, di, JX_E_CHECKSUM, "checksum mismatch", err);
    if (s->io)
        atomic_fetch_add_explicit(&s->io->blocks, 1, memory_order_relaxed);
    return JX_OK;
}

bool jx_lz4_offsets_ok(const uint8_t *src, size_t slen, size_t upto)
{
    const uint8_t *p = src, *const end = src + slen;
    size_t out = 0;
    while (p < end && out < upto) {
        const unsigned token = *p++;
        size_t lit = token >> 4, ml = token & 15;
        if (lit == 15) {
            unsigned b;
            do {
                if (p == end)
                    return true; /* truncated: liblz4 refuses it */
                lit += b = *p++;
            } while (b == 255 && lit < slen);
        }
        if (lit >= (size_t)(end - p))
            return true; /* the last literals (or too many: liblz4 refuses) */
        p += lit;
        out += lit;
        if (out >= upto || end - p < 2)
            return true;
        const size_t off = jx_le16(p);
        p += 2;
        if (off == 0 || off > out)
            return false;
        if (ml == 15) {
            unsigned b;
            do {
                if (p == end)
                    return true;
                ml += b = *p++;
            } while (b == 255 && ml < upto);
        }
        out += ml + 4;
    }
    return true;
}

int jx_seg_unpack(const struct jx_seg *s, uint32_t di, const struct jx_dirent *de,
                  const uint8_t *src, uint8_t *dst, struct jx_errctx *err)
{
    if (de->codec == JX_CODEC_RAW) {
        if (src != dst)
            memcpy(dst, src, de->clen);
        return JX_OK;
    }
    const int r = jx_lz4_offsets_ok(src, de->clen, de->ulen)
                      ? LZ4_decompress_safe((const char *)src, (char *)dst, (int)de->clen,
                                            (int)de->ulen)
                      : -1;
    if (r < 0 || (uint32_t)r != de->ulen)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "LZ4 data does not decompress to its size",
                            err);
    return JX_OK;
}

int jx_seg_frame_table(const struct jx_seg *s, uint32_t di, const struct jx_dirent *de,
                       const uint8_t *stored, uint32_t *soff, uint32_t *doff, uint32_t *nf,
                       uint64_t *packed, struct jx_errctx *err)
{
    const uint64_t n = ((uint64_t)de->nitems + s->frame - 1) / s->frame;
    const unsigned width = de->kind == JX_BK_IDS ? de->width : de->kind == JX_BK_FLAGS ? 3 : 0;
    /* version 5: id frames may be bit-packed (flag in the stored size) */
    const bool may_pack = s->version >= 5 && de->kind == JX_BK_IDS;
    uint64_t so = 4ull * n, dof = 0;
    *packed = 0;
    if (de->nitems == 0 || n > JX_MAX_FRAMES || so > de->clen)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "bad frame table", err);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t sl = jx_le16(stored + 4 * i);
        const uint32_t dl = jx_le16(stored + 4 * i + 2);
        if (may_pack && (sl & JX_FRAME_PACKED)) {
            sl &= ~JX_FRAME_PACKED;
            *packed |= (uint64_t)1 << i;
            if (width != 1 && width != 2 && width != 4)
                return jx_seg_fault(s, di, JX_E_CORRUPT, "bad frame table", err);
        }
        const uint32_t rows = JX_MIN(s->frame, de->nitems - i * s->frame);
        if (sl == 0 || sl > dl || (width && dl != rows * width) || dl < rows)
            return jx_seg_fault(s, di, JX_E_CORRUPT, "bad frame table", err);
        soff[i] = (uint32_t)so;
        doff[i] = (uint32_t)dof;
        so += sl;
        dof += dl;
    }
    if (so != de->clen || dof != de->ulen)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "frame sizes do not add up to the block", err);
    soff[n] = (uint32_t)so;
    doff[n] = (uint32_t)dof;
    *nf = (uint32_t)n;
    return JX_OK;
}

int jx_seg_frame_decode(const struct jx_seg *s, uint32_t di, const struct jx_dirent *de,
                        const uint8_t *stored, const uint32_t *soff, const uint32_t *doff,
                        uint64_t packed, uint32_t f, uint8_t *dst, struct jx_errctx *err)
{
    const uint32_t sl = soff[f + 1] - soff[f], dl = doff[f + 1] - doff[f];
    if (packed >> f & 1) {
        /* the frame table checked dl == rows * width */
        if (!jx_unpack_ids(dst + doff[f], stored + soff[f], sl, de->width, dl / de->width))
            return jx_seg_fault(s, di, JX_E_CORRUPT, "bad bit-packed frame", err);
        return JX_OK;
    }
    if (sl == dl) {
        memcpy(dst + doff[f], stored + soff[f], dl);
        return JX_OK;
    }
    const int r = jx_lz4_offsets_ok(stored + soff[f], sl, dl)
                      ? LZ4_decompress_safe((const char *)stored + soff[f],
                                            (char *)dst + doff[f], (int)sl, (int)dl)
                      : -1;
    if (r < 0 || (uint32_t)r != dl)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "LZ4 frame does not decompress to its size",
                            err);
    return JX_OK;
}

int jx_seg_block(const struct jx_seg *s, uint32_t di, uint8_t **buf, size_t *cap,
                 const uint8_t **data, size_t *len, struct jx_errctx *err)
{
    struct jx_dirent de;
    int rc = jx_seg_stored(s, di, buf, cap, &de, err);
    if (rc)
        return rc;
    *data = *buf;
    if (de.codec == JX_CODEC_RAW) {
        *len = de.clen;
        return JX_OK;
    }
    if (de.codec == JX_CODEC_FRAMED) {
        uint32_t soff[JX_MAX_FRAMES + 1], doff[JX_MAX_FRAMES + 1], nf;
        uint64_t packed;
        const uint8_t *stored = *buf + de.ulen;
        if ((rc = jx_seg_frame_table(s, di, &de, stored, soff, doff, &nf, &packed, err)))
            return rc;
        for (uint32_t f = 0; f < nf; f++)
            if ((rc = jx_seg_frame_decode(s, di, &de, stored, soff, doff, packed, f, *buf, err)))
                return rc;
        *len = de.ulen;
        return JX_OK;
    }
    if ((rc = jx_seg_unpack(s, di, &de, *buf + de.ulen, *buf, err)))
        return rc;
    *len = de.ulen;
    return JX_OK;
}

/* Version 3: the ESD entry of `row` (the last with first <= row), found by
 * reading as few ESD pages as possible: the blocks are of similar sizes,
 * so the page the row's position points at, then its neighbour, usually
 * settle it; a binary search over the pages otherwise. */
static int esd_find_v3(struct jx_seg *s, uint64_t row, uint32_t *k, struct jx_errctx *err)
{
    const uint32_t nep = s->npages - 1 - s->ngroups;
    uint32_t lo = 0, hi = nep, step = 0, guess = (uint32_t)(row * nep / s->nrows);
    bool up = false;
    int rc;
    while (hi - lo > 1) { /* the page is in [lo, hi): its first entry <= row */
        uint32_t mid = step == 0 ? guess : step == 1 ? (up ? lo + 1 : hi - 1) : lo + (hi - lo) / 2;
        mid = JX_MAX(lo + 1, JX_MIN(mid, hi - 1));
        step++;
        if ((rc = jx_seg_page(s, s->ngroups + mid, err)))
            return rc;
        const uint32_t e0 = s->esd0 + mid * s->esdpage;
        const uint32_t el = JX_MIN(e0 + s->esdpage, s->esd0 + s->nesd) - 1;
        const struct jx_dirent last = jx_seg_dirent(s, el);
        if ((up = jx_seg_dirent(s, e0).first <= row))
            lo = mid;
        else
            hi = mid;
        /* the row lies before this page's last block ends: this page
         * (usually settled by the first probe alone) */
        if (up && (row < last.first || row - last.first < last.nitems))
            hi = mid + 1;
    }
    if ((rc = jx_seg_page(s, s->ngroups + lo, err)))
        return rc;
    uint32_t a = lo * s->esdpage, b = JX_MIN(a + s->esdpage, s->nesd);
    while (b - a > 1) {
        const uint32_t mid = a + (b - a) / 2;
        if (jx_seg_dirent(s, s->esd0 + mid).first <= row)
            a = mid;
        else
            b = mid;
    }
    *k = a;
    return JX_OK;
}

int jx_seg_row_block(struct jx_seg *s, unsigned si, uint64_t row, uint32_t ahead,
                     uint32_t *di, struct jx_errctx *err)
{
    const struct jx_stream *st = &s->st[si];
    uint32_t k;
    int rc;
    if (row >= s->nrows)
        return jx_error(err, JX_E_RANGE, s->path, -1, -1, "row %llu past the %llu rows",
                        (unsigned long long)row, (unsigned long long)s->nrows);
    if (s->version >= 3 && si == JX_S_ESD) {
        if ((rc = esd_find_v3(s, row, &k, err)))
            return rc;
    } else if (s->version >= 3) {
        k = (uint32_t)(row / s->rowgroup); /* < ngroups */
        if ((rc = jx_seg_pages(s, k, ahead, err)))
            return rc;
    } else if (si == JX_S_ESD) {
        uint32_t lo = 0, hi = st->n;
        while (hi - lo > 1) { /* last block with first <= row */
            uint32_t mid = (lo + hi) / 2;
            if (jx_seg_dirent(s, st->ents[mid]).first <= row)
                lo = mid;
            else
                hi = mid;
        }
        k = lo;
    } else {
        k = (uint32_t)(row / s->rowgroup); /* < st->n: counted at open */
    }
    if (k >= st->n)
        return corrupt(s, -1, "directory: a column does not cover every row", err);
    const uint32_t ent = jx_seg_stream_ent(s, si, k);
    const struct jx_dirent de = jx_seg_dirent(s, ent);
    bool ok;
    if (si == JX_S_ESD)
        ok = de.first <= row && row - de.first < de.nitems && de.nitems <= s->nrows;
    else
        ok = de.first == (uint64_t)k * s->rowgroup &&
             de.nitems == JX_MIN((uint64_t)s->rowgroup, s->nrows - de.first) &&
             (si < JX_S_IDS(0) || de.width == s->dict[si - JX_S_IDS(0)].width);
    if (!ok)
        return jx_seg_fault(s, ent, JX_E_CORRUPT,
                            "block does not cover the rows of its place in the column", err);
    *di = ent;
    return JX_OK;
}

int jx_seg_rows_decode(const struct jx_seg *s, uint32_t di, const uint8_t *data,
                       size_t len, uint64_t *vals, struct jx_errctx *err)
{
    const struct jx_dirent de_ = jx_seg_dirent(s, di), *de = &de_;
    const uint8_t *p = data, *end = data + len;
    const uint32_t n = de->nitems;
    uint64_t v, prev = 0;
    switch (de->kind) {
    case JX_BK_FLAGS:
        if (len != (size_t)n * 3)
            return jx_seg_fault(s, di, JX_E_CORRUPT, "flags block has the wrong size", err);
        return JX_OK;
    case JX_BK_IDS:
        if (len != (size_t)n * de->width)
            return jx_seg_fault(s, di, JX_E_CORRUPT, "id block has the wrong size", err);
        return JX_OK;
    case JX_BK_ESD: {
        uint64_t off = 0;
        for (uint32_t i = 0; i < n; i++) {
            if (jx_varint_get(&p, end, &v) || v > JX_ESD_MAX)
                return jx_seg_fault(s, di, JX_E_CORRUPT, "bad ESD length", err);
            vals[i] = off;
            off += v;
        }
        const uint64_t hdr = (uint64_t)(p - data);
        if (off != len - hdr)
            return jx_seg_fault(s, di, JX_E_CORRUPT, "ESD lengths do not add up", err);
        for (uint32_t i = 0; i < n; i++)
            vals[i] += hdr;
        vals[n] = len;
        return JX_OK;
    }
    default:
        for (uint32_t i = 0; i < n; i++) {
            if (i % s->frame == 0)
                prev = 0; /* a frame's deltas start from 0 (format §3.3a) */
            if (jx_varint_get(&p, end, &v))
                return jx_seg_fault(s, di, JX_E_CORRUPT, "truncated value", err);
            prev += (uint64_t)jx_unzigzag(v);
            vals[i] = prev;
        }
        if (p != end)
            return jx_seg_fault(s, di, JX_E_CORRUPT, "trailing bytes after the values", err);
        return JX_OK;
    }
}

/* One row of a posting list: set its bit, or (probing) mark the candidate
 * it is, if any. *j is the first candidate not below the previous row. */
static inline __attribute__((always_inline)) void post_row(uint64_t row, uint64_t *bits,
                                                           const struct jx_probe *pr,
                                                           size_t *j)
{
    if (!pr) {
        bits[row >> 6] |= (uint64_t)1 << (row & 63);
        return;
    }
    while (*j < pr->n && pr->cand[*j] < row)
        (*j)++;
    if (*j < pr->n && pr->cand[*j] == row)
        pr->hit[*j] = 1;
}

/* The walk of value id's list behind jx_seg_posting_decode() (pr NULL: OR
 * into bits) and jx_seg_posting_probe() (mark the candidates in the list);
 * both check the whole list, so a probe is no less careful than a decode. */
static inline __attribute__((always_inline)) int
posting_walk(const struct jx_seg *s, uint32_t di, const uint8_t *data, size_t len,
             uint32_t id, uint64_t expect, uint64_t *bits, const struct jx_probe *pr,
             uint64_t *count, struct jx_errctx *err)
{
    const struct jx_dirent de_ = jx_seg_dirent(s, di), *de = &de_;
    const uint64_t nv = de->nitems;
    const size_t tab = (size_t)(nv + 1) * 4;
    size_t j = 0;
    if (expect == UINT64_MAX && !jx_seg_dict_ready(s, de->col))
        return jx_error(err, JX_E_INTERNAL, s->path, -1, -1,
                        "postings of column %s read before its dictionary was loaded",
                        jx_col_name((enum jx_col)de->col));
    if (id < de->first || id - de->first >= nv || len < tab)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "postings block does not hold the value", err);
    const uint32_t k = (uint32_t)(id - de->first);
    const uint32_t o0 = jx_le32(data + 4 * k), o1 = jx_le32(data + 4 * (k + 1));
    if (o0 > o1 || o1 > len - tab)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "bad postings offset table", err);
    const uint8_t *p = data + tab + o0, *end = data + tab + o1;
    const uint64_t nrows = s->nrows, nwords_all = (nrows + 63) / 64;
    uint64_t v, n = 0;
    if (p >= end)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "empty posting list", err);
    const uint8_t enc = *p++;
    if (enc == JX_POST_LIST) {
        uint64_t cnt, row = 0;
        if (jx_varint_get(&p, end, &cnt))
            return jx_seg_fault(s, di, JX_E_CORRUPT, "truncated posting list", err);
        if (cnt > nrows)
            return jx_seg_fault(s, di, JX_E_CORRUPT, "posting row past the segment", err);
        for (uint64_t i = 0; i < cnt; i++) {
            /* eight one-byte gaps at once (a type's list in a segment, e.g.
             * 7,500 rows for ZR, is mostly that): one check that the last
             * of the eight rows is in the segment covers them all, since
             * rows increase */
            if (i && cnt - i >= 8 && end - p >= 8) {
                uint64_t x;
                memcpy(&x, p, 8);
                if (!(x & 0x8080808080808080ull)) {
                    const uint64_t pair = (x & 0x00ff00ff00ff00ffull) +
                                          ((x >> 8) & 0x00ff00ff00ff00ffull);
                    const uint64_t sum = (pair * 0x0001000100010001ull) >> 48;
                    if (row + sum + 8 >= nrows)
                        return jx_seg_fault(s, di, JX_E_CORRUPT,
                                            "posting row past the segment", err);
                    if (pr && (j == pr->n || pr->cand[j] > row + sum + 8)) {
                        /* no candidate among the eight rows: a probe
                         * against a few candidates skips most groups */
                        row += sum + 8;
                    } else {
                        for (unsigned b = 0; b < 8; b++) {
                            row += ((x >> (8 * b)) & 0xff) + 1;
                            post_row(row, bits, pr, &j);
                        }
                    }
                    p += 8;
                    i += 7;
                    continue;
                }
            }
            /* gaps under 128 rows (one byte) are the rule for any list
             * long enough to matter: no general decoder call for them */
            if (p < end && *p < 0x80)
                v = *p++;
            else if (jx_varint_get(&p, end, &v))
                return jx_seg_fault(s, di, JX_E_CORRUPT, "truncated posting list", err);
            if (v >= nrows || (row = i ? row + v + 1 : v) >= nrows)
                return jx_seg_fault(s, di, JX_E_CORRUPT, "posting row past the segment", err);
            post_row(row, bits, pr, &j);
        }
        n = cnt;
    } else if (enc == JX_POST_BITMAP) {
        uint64_t w0, nw;
        if (jx_varint_get(&p, end, &w0) || jx_varint_get(&p, end, &nw) ||
            nw > nwords_all || w0 > nwords_all - nw || (uint64_t)(end - p) != nw * 8)
            return jx_seg_fault(s, di, JX_E_CORRUPT, "bad posting bitmap", err);
        for (uint64_t i = 0; i < nw; i++) {
            uint64_t w = jx_le64(p + 8 * i);
            if (w0 + i == nwords_all - 1 && (nrows & 63) && (w >> (nrows & 63)))
                return jx_seg_fault(s, di, JX_E_CORRUPT, "posting bitmap past the segment", err);
            if (!pr)
                bits[w0 + i] |= w;
            n += (uint64_t)__builtin_popcountll(w);
        }
        for (size_t c = 0; pr && c < pr->n; c++) {
            const uint64_t r = pr->cand[c];
            if (r >= 64 * w0 && r < 64 * (w0 + nw) &&
                (jx_le64(p + 8 * (r / 64 - w0)) >> (r & 63) & 1))
                pr->hit[c] = 1;
        }
        p = end;
    } else {
        return jx_seg_fault(s, di, JX_E_CORRUPT, "unknown posting encoding", err);
    }
    uint64_t want = expect;
    if (want == UINT64_MAX)
        jx_sdict_value(&s->dict[de->col], id, &want);
    if (p != end || n != want)
        return jx_seg_fault(s, di, JX_E_CORRUPT,
                            "posting list disagrees with the dictionary row count", err);
    if (count)
        *count = n;
    return JX_OK;
}

int jx_seg_posting_decode(const struct jx_seg *s, uint32_t di, const uint8_t *data,
                          size_t len, uint32_t id, uint64_t expect, uint64_t *bits,
                          uint64_t *count, struct jx_errctx *err)
{
    return posting_walk(s, di, data, len, id, expect, bits, NULL, count, err);
}

int jx_seg_posting_probe(const struct jx_seg *s, uint32_t di, const uint8_t *data,
                         size_t len, uint32_t id, uint64_t expect, const struct jx_probe *pr,
                         struct jx_errctx *err)
{
    return posting_walk(s, di, data, len, id, expect, NULL, pr, NULL, err);
}

void jx_seg_unload(struct jx_seg *s)
{
    if (!s)
        return;
    for (int c = 0; c < JX_COL_COUNT_; c++) {
        jx_free(s->dict[c].count); /* str lives in the same allocation */
        jx_free(s->dict[c].buf);
        jx_free(s->dict[c].off);
    }
    for (int b = 0; b < JX_BLOOM_COUNT_; b++)
        jx_free(s->bloom[b].buf);
    jx_free(s->dir);
    if (s->fdc) {
        pthread_mutex_lock(&s->fdc->mu);
        if (s->fd >= 0) {
            fd_unlink(s->fdc, s);
            s->fdc->open--;
            close(s->fd);
        }
        pthread_mutex_unlock(&s->fdc->mu);
    } else if (s->fd >= 0) {
        close(s->fd);
    }
    pthread_mutex_destroy(&s->mu);
    jx_free(s->path);
    jx_free(s);
}

/* Decode block di into dst (room for ulen + 1 bytes), checked. The stored
 * bytes of a compressed block pass through a stack buffer when they fit:
 * the long-lived copy is the decoded one only. */
static int block_into(const struct jx_seg *s, uint32_t di, const struct jx_dirent *de,
                      uint8_t *dst, const struct jx_span *sp, struct jx_errctx *err)
{
    uint8_t stack[16384], *tmp = NULL;
    const bool in_sp = sp && sp->len && de->off >= sp->off &&
                       de->off + de->clen <= sp->off + sp->len;
    uint8_t *src = in_sp ? sp->buf + (de->off - sp->off)
                   : de->codec == JX_CODEC_RAW ? dst
                   : de->clen <= sizeof(stack) ? stack : (tmp = jx_malloc(de->clen));
    int rc = JX_OK;
    if (!src)
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    if (!in_sp && (rc = seg_pread(s, src, de->clen, de->off, err)))
        goto out;
    if (XXH3_64bits(src, de->clen) != de->hash) {
        rc = jx_seg_fault(s, di, JX_E_CHECKSUM, "checksum mismatch", err);
        goto out;
    }
    if (s->io)
        atomic_fetch_add_explicit(&s->io->blocks, 1, memory_order_relaxed);
    rc = jx_seg_unpack(s, di, de, src, dst, err);
out:
    jx_free(tmp);
    return rc;
}

/* Read the stored bytes of dictionary d's blocks, first to last, into sp
 * with one pread (the writer puts them back to back, format §3.7); blocks a
 * hostile directory puts elsewhere are not in the span and block_into()
 * reads them on their own. Nothing read (sp->len 0) when the range is odd. */
static int dict_span(const struct jx_seg *s, const struct jx_sdict *d, struct jx_span *sp,
                     struct jx_errctx *err)
{
    const struct jx_dirent d0 = jx_seg_dirent(s, d->di),
                           dl = jx_seg_dirent(s, d->di + d->nblk - 1);
    sp->len = 0;
    if (!dirent_bounds_ok(s, &d0) || !dirent_bounds_ok(s, &dl) || dl.off < d0.off ||
        dl.off + dl.clen - d0.off > (64u << 20))
        return JX_OK;
    const size_t len = (size_t)(dl.off + dl.clen - d0.off);
    int rc;
    if (jx_grow((void **)&sp->buf, &sp->cap, len, 1))
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    if ((rc = seg_pread(s, sp->buf, len, d0.off, err)))
        return rc;
    sp->off = d0.off;
    sp->len = len;
    return JX_OK;
}

/* Load dictionary c: its blocks decoded back to back in one buffer and the
 * offset of every value in it (4 bytes a value: what stays in memory is
 * what the data needs). Called under s->mu. On failure nothing is kept, so
 * a later call tries again (and fails again). */
static int load_dict(struct jx_seg *s, unsigned c, struct jx_errctx *err)
{
    struct jx_sdict *d = &s->dict[c];
    uint8_t *buf = NULL;
    uint32_t *off = NULL;
    uint64_t total = 0, ulen = 0, id = 0;
    uint32_t di = d->di;
    struct jx_span sp = {0};
    int rc = JX_OK;
    for (uint32_t k = 0; k < d->nblk; k++) {
        const struct jx_dirent de = jx_seg_dirent(s, d->di + k);
        if (!dirent_bounds_ok(s, &de)) {
            rc = corrupt(s, (int64_t)(s->dir_off + (uint64_t)(d->di + k) * JX_DIRENT_SIZE),
                         "directory: bad block entry", err);
            goto out;
        }
        ulen += de.ulen;
    }
    if (d->nblk > 1 && (rc = dict_span(s, d, &sp, err)))
        goto out;
    if (ulen > ((uint64_t)1 << 31) || !(buf = jx_malloc((size_t)ulen + 1)) ||
        !(off = jx_malloc((size_t)d->n * 4))) {
        rc = jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
        goto out;
    }
    const size_t cap_c = jx_col_cap((enum jx_col)c);
    uint8_t *at = buf;
    for (uint32_t k = 0; k < d->nblk; k++) {
        const struct jx_dirent de = jx_seg_dirent(s, di = d->di + k);
        uint64_t n;
        if ((rc = block_into(s, di, &de, at, &sp, err)))
            goto out;
        const uint8_t *p = at, *const end = at + de.ulen;
        if (jx_varint_get(&p, end, &n) || n != de.nitems) {
            rc = jx_seg_fault(s, di, JX_E_CORRUPT, "bad dictionary size", err);
            goto out;
        }
        for (uint64_t i = 0; i < n; i++, id++) {
            uint64_t cnt;
            off[id] = (uint32_t)(p - buf);
            if (!jx_dict_next(&p, end, cap_c, s->nrows, &cnt))
                goto bad;
            total += cnt;
        }
        if (p != end)
            goto bad;
        at += de.ulen;
    }
    if (total != s->nrows) {
        rc = jx_seg_fault(s, d->di, JX_E_CORRUPT,
                          "dictionary row counts do not add up to the segment rows", err);
        goto out;
    }
    d->buf = buf;
    d->off = off;
    buf = NULL;
    off = NULL;
    goto out;
bad:
    rc = jx_seg_fault(s, di, JX_E_CORRUPT, "bad dictionary value", err);
out:
    jx_free(sp.buf);
    jx_free(buf);
    jx_free(off);
    return rc;
}

/* A dictionary searched without loading it (jx_seg_dict_range): its blocks'
 * stored bytes read once, each block decoded when a probe needs it. */
struct dsearch {
    const struct jx_seg *s;
    unsigned c;
    struct jx_span sp;       /* the dictionary's stored blocks, when back to back */
    uint8_t *blk;            /* decoded block `cur` */
    size_t cap;
    uint32_t cur;            /* UINT32_MAX: none */
    const uint8_t *p, *end;  /* parse position in blk */
    uint32_t at;             /* id of the value at p */
};

/* Decode block k of the dictionary into ds->blk; position on its first value. */
static int ds_block(struct dsearch *ds, uint32_t k, struct jx_errctx *err)
{
    const struct jx_seg *s = ds->s;
    const struct jx_sdict *d = &s->dict[ds->c];
    const uint32_t di = d->di + k;
    const struct jx_dirent de = jx_seg_dirent(s, di);
    uint64_t n;
    int rc;
    if (!dirent_bounds_ok(s, &de))
        return corrupt(s, (int64_t)(s->dir_off + (uint64_t)di * JX_DIRENT_SIZE),
                       "directory: bad block entry", err);
    if (jx_grow((void **)&ds->blk, &ds->cap, (size_t)de.ulen + 1, 1))
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    if ((rc = block_into(s, di, &de, ds->blk, &ds->sp, err)))
        return rc;
    ds->p = ds->blk;
    ds->end = ds->blk + de.ulen;
    if (jx_varint_get(&ds->p, ds->end, &n) || n != de.nitems)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "bad dictionary size", err);
    ds->cur = k;
    ds->at = (uint32_t)de.first;
    return JX_OK;
}

/* The value at the parse position (checked like load_dict() checks it):
 * its string and row count; the position moves to the next value, into
 * the next block when this one ends. *str = NULL past the last value. */
static int ds_next(struct dsearch *ds, const char **str, uint64_t *rows,
                   struct jx_errctx *err)
{
    const struct jx_seg *s = ds->s;
    const struct jx_sdict *d = &s->dict[ds->c];
    int rc;
    while (ds->p == ds->end) {
        /* a block holds exactly its nitems values: the next one starts at
         * the id after its last */
        const bool last = ds->cur + 1 >= d->nblk;
        const uint32_t dc = d->di + ds->cur;
        if (ds->at != (last ? d->n : jx_seg_dirent(s, dc + 1).first))
            return jx_seg_fault(s, dc, JX_E_CORRUPT, "bad dictionary size", err);
        if (last) {
            *str = NULL;
            return JX_OK;
        }
        if ((rc = ds_block(ds, ds->cur + 1, err)))
            return rc;
    }
    const uint32_t di = d->di + ds->cur;
    if (ds->at >= (ds->cur + 1 < d->nblk ? jx_seg_dirent(s, di + 1).first : d->n))
        return jx_seg_fault(s, di, JX_E_CORRUPT, "bad dictionary size", err);
    if (!(*str = jx_dict_next(&ds->p, ds->end, jx_col_cap((enum jx_col)ds->c), s->nrows,
                                rows)))
        return jx_seg_fault(s, di, JX_E_CORRUPT, "bad dictionary value", err);
    ds->at++;
    return JX_OK;
}

int jx_seg_dict_range(const struct jx_seg *s, enum jx_col c, const char *v, bool prefix,
                      uint32_t *lo, uint32_t *hi,
                      void (*each)(void *arg, uint32_t id, uint64_t rows), void *arg,
                      struct jx_errctx *err)
{
    const struct jx_sdict *d = &s->dict[c];
    struct dsearch ds = {.s = s, .c = c, .cur = UINT32_MAX};
    const size_t vl = strlen(v);
    const char *str;
    uint64_t n;
    int rc = JX_OK;
    *lo = *hi = 0;
    if ((unsigned)c >= JX_COL_COUNT_)
        return jx_error(err, JX_E_USAGE, s->path, -1, -1, "no such column");
    if ((rc = dict_span(s, d, &ds.sp, err)))
        goto out;
    /* the last block whose first value is below v (block 0 if none): the
     * first value >= v is in it or starts the next one */
    uint32_t a = 0, b = d->nblk;
    while (b - a > 1) {
        const uint32_t mid = a + (b - a) / 2;
        if ((rc = ds_block(&ds, mid, err)) || (rc = ds_next(&ds, &str, &n, err)))
            goto out;
        if (strcmp(str, v) < 0)
            a = mid;
        else
            b = mid;
    }
    if ((rc = ds_block(&ds, a, err)))
        goto out;
    for (;;) { /* first value >= v */
        const uint32_t id = ds.at;
        if ((rc = ds_next(&ds, &str, &n, err)))
            goto out;
        if (!str) {
            *lo = *hi = d->n;
            goto out;
        }
        if (strcmp(str, v) >= 0) {
            *lo = *hi = id;
            break;
        }
    }
    /* str is value *lo: take it and the next ones while they match */
    while (str && (prefix ? !strncmp(str, v, vl) : !strcmp(str, v))) {
        if (each)
            each(arg, *hi, n);
        (*hi)++;
        if (!prefix || (rc = ds_next(&ds, &str, &n, err)))
            break;
    }
out:
    jx_free(ds.sp.buf);
    jx_free(ds.blk);
    return rc;
}

static int load_bloom(struct jx_seg *s, unsigned b, struct jx_errctx *err)
{
    struct jx_sbloom *f = &s->bloom[b];
    const struct jx_dirent de = jx_seg_dirent(s, f->di);
    uint8_t *buf = NULL;
    int rc;
    if (!dirent_bounds_ok(s, &de)) {
        rc = corrupt(s, (int64_t)(s->dir_off + (uint64_t)f->di * JX_DIRENT_SIZE),
                     "directory: bad block entry", err);
        goto out;
    }
    if (!(buf = jx_malloc((size_t)de.ulen + 1))) {
        rc = jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
        goto out;
    }
    if ((rc = block_into(s, f->di, &de, buf, NULL, err)))
        goto out;
    const uint8_t *data = buf;
    const size_t len = de.ulen;
    if (len < 8 || data[0] < 3 || data[0] > 31 || data[1] == 0 || data[1] > 32 ||
        len != 8 + ((size_t)1 << data[0]) / 8) {
        rc = jx_seg_fault(s, f->di, JX_E_CORRUPT, "bad bloom filter header", err);
        goto out;
    }
    f->log2m = data[0];
    f->k = data[1];
    f->bits = data + 8;
    f->buf = buf;
    buf = NULL;
out:
    jx_free(buf);
    return rc;
}

int jx_seg_load_cols(struct jx_seg *s, uint32_t dict_mask, uint32_t bloom_mask,
                     struct jx_errctx *err)
{
    int rc = JX_OK;
    dict_mask &= JX_DICT_ALL;
    bloom_mask &= JX_BLOOM_ALL;
    /* fast path: acquire pairs with the release below, so what the loader
     * wrote is visible to this thread */
    if ((atomic_load_explicit(&s->dict_ready, memory_order_acquire) & dict_mask) == dict_mask &&
        (atomic_load_explicit(&s->bloom_ready, memory_order_acquire) & bloom_mask) == bloom_mask)
        return JX_OK;
    pthread_mutex_lock(&s->mu);
    const uint32_t dr = atomic_load_explicit(&s->dict_ready, memory_order_relaxed);
    const uint32_t br = atomic_load_explicit(&s->bloom_ready, memory_order_relaxed);
    for (unsigned c = 0; c < JX_COL_COUNT_ && !rc; c++)
        if ((dict_mask & ~dr) & JX_DICT(c) && !(rc = load_dict(s, c, err)))
            atomic_fetch_or_explicit(&s->dict_ready, JX_DICT(c), memory_order_release);
    for (unsigned b = 0; b < JX_BLOOM_COUNT_ && !rc; b++)
        if ((bloom_mask & ~br) & JX_BLOOM(b) && !(rc = load_bloom(s, b, err)))
            atomic_fetch_or_explicit(&s->bloom_ready, JX_BLOOM(b), memory_order_release);
    pthread_mutex_unlock(&s->mu);
    return rc;
}

/* Slot of an entry from its kind and column bytes: a stream
 * (0..JX_S_COUNT-1), a dictionary (SL_DICT + col), a bloom (SL_BLOOM +
 * col), or SL_BAD if the pair is not allowed. A table: the directory scan
 * at open looks up every entry, and the kinds interleave. */
enum { SL_DICT = JX_S_COUNT, SL_BLOOM = JX_S_COUNT + JX_COL_COUNT_,
       SL_N = JX_S_COUNT + JX_COL_COUNT_ + JX_BLOOM_COUNT_, SL_BAD = 255 };
_Static_assert(SL_N < SL_BAD, "slots fit a byte");
static uint8_t slot_tab[JX_BK_COUNT_][32];
static pthread_once_t slot_once = PTHREAD_ONCE_INIT;

static void slot_init(void)
{
    memset(slot_tab, SL_BAD, sizeof(slot_tab));
    for (unsigned k = 1; k <= JX_NUM_KINDS; k++)
        slot_tab[k][0] = (uint8_t)JX_S_NUM(k);
    slot_tab[JX_BK_ESD][0] = JX_S_ESD;
    for (unsigned c = 0; c < JX_COL_COUNT_; c++) {
        slot_tab[JX_BK_IDS][c] = (uint8_t)JX_S_IDS(c);
        slot_tab[JX_BK_DICT][c] = (uint8_t)(SL_DICT + c);
        if (jx_col_has_postings((enum jx_col)c))
            slot_tab[JX_BK_POST][c] = (uint8_t)JX_S_POST(c);
    }
    for (unsigned b = 0; b < JX_BLOOM_COUNT_; b++)
        slot_tab[JX_BK_BLOOM][b] = (uint8_t)(SL_BLOOM + b);
}

static inline unsigned slot_of(const uint8_t *p)
{
    return p[0] < JX_BK_COUNT_ && p[1] < 32 ? slot_tab[p[0]][p[1]] : SL_BAD;
}

/* Open-time directory work: the entry lists of the streams (directory
 * order; the rules on their contents are checked on use), one dictionary
 * per column with its size, one bloom per kind, one block per row group in
 * every fixed row stream. Reads two bytes of most entries, once. Version
 * 3: only the head (entries head0..ndir-1) is here; the row streams' entries
 * are computed (jx_seg_stream_ent()) and their pages read on use. */
static int index_dir(struct jx_seg *s, struct jx_arena *arena, struct jx_errctx *err)
{
    uint32_t cnt[SL_N] = {0};
    const uint32_t nh = s->ndir - s->head0; /* entries indexed here */
    const bool v3 = s->version >= 3;
    uint8_t stack[8192], *slots = nh <= sizeof(stack) ? stack : jx_malloc(nh);
    uint32_t *ents = NULL;
    int rc = JX_OK;
    if (!slots)
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    pthread_once(&slot_once, slot_init);
    /* The fixed row streams (numbers, ids) have one block per row group:
     * their entry lists have known places at the front of `ents` and are
     * filled in the same pass that reads the slots; the others (ESD,
     * postings) are placed after it. */
    const uint64_t groups = s->ngroups;
    if (!v3 && groups * JX_S_ESD > s->ndir) {
        rc = corrupt(s, -1, "directory: a column does not have one block per row group", err);
        goto out;
    }
    if (!(ents = s->ents = jx_arena_alloc(arena, ((size_t)nh + 1) * sizeof(uint32_t)))) {
        rc = jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
        goto out;
    }
    const uint8_t *p = jx_seg_dent(s, s->head0);
    for (uint32_t i = 0; i < nh; i++, p += JX_DIRENT_SIZE) {
        const uint32_t di = s->head0 + i;
        const unsigned sl = slot_of(p);
        if (v3 && sl <= JX_S_ESD) {
            rc = corrupt(s, (int64_t)(s->dir_off + (uint64_t)di * JX_DIRENT_SIZE),
                         "directory: a row block entry among the dictionaries", err);
            goto out;
        }
        if (sl < JX_S_ESD) {
            if (cnt[sl] == groups) {
                rc = corrupt(s, -1,
                             "directory: a column does not have one block per row group", err);
                goto out;
            }
            ents[sl * groups + cnt[sl]++] = di;
            slots[i] = SL_BAD; /* placed */
            continue;
        }
        if (sl == SL_BAD) {
            rc = corrupt(s, (int64_t)(s->dir_off + (uint64_t)di * JX_DIRENT_SIZE),
                         "directory: bad block entry", err);
            goto out;
        }
        slots[i] = (uint8_t)sl;
        if (sl >= SL_BLOOM) {
            s->bloom[sl - SL_BLOOM].di = di;
        } else if (sl >= SL_DICT) {
            /* a dictionary's blocks are consecutive entries */
            if (!cnt[sl])
                s->dict[sl - SL_DICT].di = di;
            else if (s->dict[sl - SL_DICT].di + cnt[sl] != di) {
                rc = corrupt(s, (int64_t)(s->dir_off + (uint64_t)di * JX_DIRENT_SIZE),
                             "directory: dictionary blocks not consecutive", err);
                goto out;
            }
        }
        cnt[sl]++;
    }
    for (int c = 0; c < JX_COL_COUNT_; c++)
        if (!cnt[SL_DICT + c] || (s->version < 2 && cnt[SL_DICT + c] != 1)) {
            rc = corrupt(s, -1, "directory: a column has no single dictionary", err);
            goto out;
        }
    for (int b = 0; b < JX_BLOOM_COUNT_; b++)
        if (cnt[SL_BLOOM + b] != 1) {
            rc = corrupt(s, -1, "directory: a bloom filter is missing", err);
            goto out;
        }
    /* a dictionary holds at least one value, so a column with postings has
     * at least one postings block (a lookup searches its blocks by id) */
    for (unsigned c = 0; c < JX_COL_COUNT_; c++)
        if (jx_col_has_postings((enum jx_col)c) && !cnt[JX_S_POST(c)]) {
            rc = corrupt(s, -1, "directory: a column has no postings", err);
            goto out;
        }
    for (unsigned si = 0; !v3 && si < JX_S_ESD; si++)
        if (cnt[si] != groups) {
            rc = corrupt(s, -1, "directory: a column does not have one block per row group",
                         err);
            goto out;
        }
    if (!v3 && !cnt[JX_S_ESD]) {
        rc = corrupt(s, -1, "directory: a column does not cover every row", err);
        goto out;
    }
    for (int i = 0; i < JX_S_COUNT; i++) {
        s->st[i].ents = ents;
        if (i < JX_S_ESD)
            s->st[i].n = cnt[i];
        ents += cnt[i];
    }
    for (uint32_t i = 0; i < nh; i++)
        if (slots[i] >= JX_S_ESD && slots[i] < JX_S_COUNT) {
            struct jx_stream *st = &s->st[slots[i]];
            st->ents[st->n++] = s->head0 + i;
        }
    if (v3) { /* computed entries (jx_seg_stream_ent()) */
        for (unsigned si = 0; si < JX_S_ESD; si++)
            s->st[si].n = s->ngroups;
        s->st[JX_S_ESD].n = s->nesd;
    }
    /* dictionary sizes (and so id widths) are known from the directory:
     * id columns read without loading the dictionary */
    for (unsigned c = 0; c < JX_COL_COUNT_; c++) {
        struct jx_sdict *d = &s->dict[c];
        uint64_t n = 0;
        d->nblk = cnt[SL_DICT + c];
        for (uint32_t k = 0; k < d->nblk; k++) {
            const struct jx_dirent de = jx_seg_dirent(s, d->di + k);
            /* v1: one block, first 0; v2: blocks continue each other */
            if (de.nitems == 0 || de.first != n || n + de.nitems > s->nrows) {
                rc = jx_seg_fault(s, d->di + k, JX_E_CORRUPT, "bad dictionary size", err);
                goto out;
            }
            n += de.nitems;
        }
        d->n = (uint32_t)n;
        d->width = n <= 256 ? 1 : n <= 65536 ? 2 : 4;
    }
out:
    if (slots != stack)
        jx_free(slots);
    return rc;
}

/* Version 3: where page p's entries are and how many. */
static void page_span(const struct jx_seg *s, uint32_t p, uint32_t *first, uint32_t *n)
{
    if (p == s->npages - 1) {
        *first = s->head0;
        *n = s->ndir - s->head0;
    } else if (p >= s->ngroups) {
        *first = s->esd0 + (p - s->ngroups) * s->esdpage;
        *n = JX_MIN(s->esdpage, s->esd0 + s->nesd - *first);
    } else {
        *first = p * JX_RG_ENTS;
        *n = JX_RG_ENTS;
    }
}

/* Check page p's bytes (at file offset off) against its hash in the table
 * and that its entries are of the kinds its place says: a row group's 8
 * numeric kinds then 15 id columns; ESD blocks. Then publish it. Called
 * under s->mu. */
static int check_page(struct jx_seg *s, uint32_t p, const uint8_t *buf, uint64_t off,
                      struct jx_errctx *err)
{
    uint32_t first, n;
    page_span(s, p, &first, &n);
    if (XXH3_64bits(buf, (size_t)n * JX_DIRENT_SIZE) != jx_le64(s->pgtab + 8ull * p))
        return jx_error(err, JX_E_CHECKSUM, s->path, -1, (int64_t)off,
                        "segment directory page %u (entries %u-%u) checksum mismatch", p,
                        first, first + n - 1);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = buf + (size_t)i * JX_DIRENT_SIZE;
        const bool ok = p >= s->ngroups ? e[0] == JX_BK_ESD && e[1] == 0
                        : i < JX_NUM_KINDS ? e[0] == i + 1 && e[1] == 0
                                           : e[0] == JX_BK_IDS && e[1] == i - JX_NUM_KINDS;
        if (!ok)
            return corrupt(s, (int64_t)(off + (uint64_t)i * JX_DIRENT_SIZE),
                           "directory: entry of the wrong kind for its place", err);
    }
    atomic_store_explicit(&s->pg[p], buf, memory_order_release);
    return JX_OK;
}

/* Read pages [p, p + n) (not the head, read at open; all unread; all
 * row-group pages or all ESD pages: their entries are consecutive) with one
 * read, then check each. Called under s->mu. */
static int read_pages(struct jx_seg *s, uint32_t p, uint32_t n, struct jx_errctx *err)
{
    uint32_t first, cnt, pf, pn;
    page_span(s, p, &first, &cnt);
    page_span(s, p + n - 1, &pf, &pn);
    const uint64_t off = s->dir_off + (uint64_t)first * JX_DIRENT_SIZE;
    const size_t len = (size_t)(pf + pn - first) * JX_DIRENT_SIZE;
    const bool pre = p >= s->ngroups && s->esdraw;
    uint8_t *buf = pre ? (uint8_t *)s->esdraw + (size_t)(first - s->esd0) * JX_DIRENT_SIZE
                       : jx_arena_alloc(s->arena, len);
    int rc;
    if (!buf)
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    if (!pre && (rc = seg_pread(s, buf, len, off, err)))
        return rc;
    if ((rc = check_page(s, p, buf, off, err)))
        return rc;
    for (uint32_t i = 1; i < n; i++) {
        /* a damaged page read ahead is not this caller's fault: left
         * unread, it fails the read that needs it */
        struct jx_errctx ahead;
        page_span(s, p + i, &pf, &pn);
        const size_t at = (size_t)(pf - first) * JX_DIRENT_SIZE;
        if (check_page(s, p + i, buf + at, off + at, &ahead))
            break;
    }
    return JX_OK;
}

int jx_seg_page(struct jx_seg *s, uint32_t p, struct jx_errctx *err)
{
    return jx_seg_pages(s, p, 1, err);
}

int jx_seg_pages(struct jx_seg *s, uint32_t p, uint32_t ahead, struct jx_errctx *err)
{
    int rc = JX_OK;
    if (atomic_load_explicit(&s->pg[p], memory_order_acquire))
        return JX_OK;
    pthread_mutex_lock(&s->mu);
    if (!atomic_load_explicit(&s->pg[p], memory_order_relaxed)) {
        /* p and the unread pages after it, of p's kind (row group or ESD) */
        const uint32_t end = p < s->ngroups ? s->ngroups : s->npages - 1;
        uint32_t n = 1;
        while (n < ahead && p + n < end &&
               !atomic_load_explicit(&s->pg[p + n], memory_order_relaxed))
            n++;
        rc = read_pages(s, p, n, err);
    }
    pthread_mutex_unlock(&s->mu);
    return rc;
}

/* Check that row stream si covers rows [0, nrows) in order (fixed row
 * groups unless `any`, the ESD stream's free-size blocks). */
static int check_rows(const struct jx_seg *s, unsigned si, bool any, struct jx_errctx *err)
{
    const struct jx_stream *st = &s->st[si];
    uint64_t next = 0;
    if (!any && st->n != (s->nrows + s->rowgroup - 1) / s->rowgroup)
        return corrupt(s, -1, "directory: a column does not have one block per row group", err);
    for (uint32_t k = 0; k < st->n; k++) {
        const uint32_t di = jx_seg_stream_ent(s, si, k);
        const struct jx_dirent de_ = jx_seg_dirent(s, di), *de = &de_;
        uint64_t want = any ? de->nitems : JX_MIN((uint64_t)s->rowgroup, s->nrows - next);
        if (de->first != next || de->nitems != want || de->nitems == 0)
            return jx_seg_fault(s, di, JX_E_CORRUPT,
                                "block does not continue the previous one", err);
        next += de->nitems;
    }
    if (next != s->nrows)
        return corrupt(s, -1, "directory: a column does not cover every row", err);
    return JX_OK;
}

/* Every rule of the directory at once (verify relies on all of them). */
static int check_dir(const struct jx_seg *s, struct jx_errctx *err)
{
    int rc;
    for (uint32_t i = 0; i < s->ndir; i++) {
        const struct jx_dirent de = jx_seg_dirent(s, i);
        if (!dirent_bounds_ok(s, &de))
            return corrupt(s, (int64_t)(s->dir_off + (uint64_t)i * JX_DIRENT_SIZE),
                           "directory: bad block entry", err);
    }
    for (unsigned k = 1; k <= JX_NUM_KINDS; k++)
        if ((rc = check_rows(s, JX_S_NUM(k), false, err)))
            return rc;
    for (unsigned c = 0; c < JX_COL_COUNT_; c++) {
        if ((rc = check_rows(s, JX_S_IDS(c), false, err)))
            return rc;
        const struct jx_stream *ps = &s->st[JX_S_IDS(c)];
        for (uint32_t k = 0; k < ps->n; k++)
            if (jx_seg_dirent(s, jx_seg_stream_ent(s, JX_S_IDS(c), k)).width != s->dict[c].width)
                return jx_seg_fault(s, jx_seg_stream_ent(s, JX_S_IDS(c), k), JX_E_CORRUPT,
                                    "id width does not fit the dictionary size", err);
        const struct jx_stream *pp = &s->st[JX_S_POST(c)];
        uint64_t next = 0;
        for (uint32_t k = 0; k < pp->n; k++) {
            const struct jx_dirent de_ = jx_seg_dirent(s, pp->ents[k]), *de = &de_;
            if (de->first != next || de->nitems == 0)
                return jx_seg_fault(s, pp->ents[k], JX_E_CORRUPT,
                                    "postings block does not continue the previous one", err);
            next += de->nitems;
        }
        if (jx_col_has_postings((enum jx_col)c) && next != s->dict[c].n)
            return corrupt(s, -1, "directory: postings do not cover the dictionary", err);
    }
    return check_rows(s, JX_S_ESD, true, err);
}

/* The loaded dictionaries as arrays of strings and counts (verify). */
static int dict_arrays(struct jx_seg *s, struct jx_errctx *err)
{
    for (unsigned c = 0; c < JX_COL_COUNT_; c++) {
        struct jx_sdict *d = &s->dict[c];
        if (d->count || !jx_seg_dict_ready(s, c))
            continue;
        uint64_t *count = jx_malloc((size_t)d->n * (sizeof(*count) + sizeof(char *)));
        if (!count)
            return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
        const char **str = (const char **)(count + d->n);
        for (uint32_t i = 0; i < d->n; i++)
            str[i] = jx_sdict_value(d, i, &count[i]);
        d->str = str;
        d->count = count;
    }
    return JX_OK;
}

int jx_seg_check_all(struct jx_seg *s, struct jx_errctx *err)
{
    int rc = JX_OK, fd;
    struct stat st;
    if ((rc = fd_get(s, &fd, err)))
        return rc;
    const int frc = fstat(fd, &st);
    fd_put(s);
    if (frc)
        return jx_error(err, JX_E_IO, s->path, -1, -1, "cannot stat segment: %s",
                        strerror(errno));
    if ((uint64_t)st.st_size != s->size)
        return jx_error(err, JX_E_CORRUPT, s->path, -1, -1,
                        "segment file is %lld bytes, the MANIFEST says %llu",
                        (long long)st.st_size, (unsigned long long)s->size);
    for (uint32_t p = 0; p < s->npages; p++) /* version 3: every page */
        if ((rc = jx_seg_pages(s, p, JX_SCAN_PAGES, err)))
            return rc;
    pthread_mutex_lock(&s->mu);
    rc = dict_arrays(s, err);
    if (!rc && !s->dir && !(rc = check_dir(s, err))) {
        struct jx_dirent *d = jx_malloc(((size_t)s->ndir + 1) * sizeof(*d));
        if (d) {
            for (uint32_t i = 0; i < s->ndir; i++)
                d[i] = jx_seg_dirent(s, i);
            s->dir = d;
        } else {
            rc = jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
        }
    }
    pthread_mutex_unlock(&s->mu);
    return rc;
}

int jx_seg_load(const char *dir, const struct jx_seginfo *info, uint64_t hdr_hash,
                size_t idx, struct jx_arena *arena, bool esd_pages, struct jx_fdcache *fdc,
                struct jx_seg **out, struct jx_errctx *err)
{
    struct jx_seg *s = jx_calloc(1, sizeof(*s));
    size_t plen = strlen(dir) + strlen(info->file) + 2;
    uint8_t h[JX_SEG_HDR_SIZE];
    int rc = JX_OK;

    *out = NULL;
    if (!s || !(s->path = jx_malloc(plen))) {
        jx_free(s);
        return jx_error(err, JX_E_NOMEM, dir, -1, -1, "out of memory");
    }
    s->fd = -1;
    pthread_mutex_init(&s->mu, NULL);
    atomic_init(&s->dict_ready, 0);
    atomic_init(&s->bloom_ready, 0);
    snprintf(s->path, plen, "%s/%s", dir, info->file);
    s->idx = idx;
    /* opened now, so that a missing file is the open's error */
    s->fdc = fdc;
    if (fdc)
        pthread_mutex_lock(&fdc->mu);
    rc = fd_open(s, err);
    if (fdc)
        pthread_mutex_unlock(&fdc->mu);
    if (rc)
        goto out;
    /* The MANIFEST's size, not an fstat() per segment (a syscall is ~2 us
     * on a VM; a query opens every segment): a shorter file fails the
     * first read past its end, as a file shortened later does; a longer
     * one is reported by verify (jx_seg_check_all()). Everything read is
     * hash-checked either way. */
    s->size = (size_t)info->file_bytes;
    if (s->size < JX_SEG_HDR_SIZE) {
        rc = jx_error(err, JX_E_CORRUPT, s->path, -1, -1,
                      "the MANIFEST gives segment file %llu bytes, less than a header",
                      (unsigned long long)info->file_bytes);
        goto out;
    }
    if ((rc = seg_pread(s, h, sizeof(h), 0, err)))
        goto out;
    if (XXH3_64bits(h, JX_SH_HASH) != jx_le64(h + JX_SH_HASH)) {
        rc = jx_error(err, JX_E_CHECKSUM, s->path, -1, 0, "segment header checksum mismatch");
        goto out;
    }
    if (memcmp(h, JX_SEG_MAGIC, 8) || jx_le32(h + JX_SH_HDRSIZE) != JX_SEG_HDR_SIZE) {
        rc = corrupt(s, 0, "header: bad magic", err);
        goto out;
    }
    s->version = jx_le32(h + JX_SH_VERSION);
    if (s->version < JX_INDEX_FORMAT_OLDEST || s->version > JX_INDEX_FORMAT_VERSION) {
        rc = jx_error(err, JX_E_VERSION, s->path, -1, JX_SH_VERSION,
                      "segment format version %u, this jidx reads versions %d to %d",
                      s->version, JX_INDEX_FORMAT_OLDEST, JX_INDEX_FORMAT_VERSION);
        goto out;
    }
    if (jx_le64(h + JX_SH_HASH) != hdr_hash) {
        rc = corrupt(s, 0, "header does not match the MANIFEST (file replaced?)", err);
        goto out;
    }
    s->nrows = jx_le64(h + JX_SH_NROWS);
    s->seq_min = jx_le64(h + JX_SH_SEQMIN);
    s->seq_max = jx_le64(h + JX_SH_SEQMAX);
    s->ts_min = (int64_t)jx_le64(h + JX_SH_TSMIN);
    s->ts_max = (int64_t)jx_le64(h + JX_SH_TSMAX);
    s->ccsid = (uint16_t)jx_le32(h + JX_SH_CCSID);
    s->ndir = jx_le32(h + JX_SH_NDIR);
    s->dir_off = jx_le64(h + JX_SH_DIROFF);
    s->segno = jx_le64(h + JX_SH_SEGNO);
    s->rowgroup = jx_le32(h + JX_SH_ROWGROUP);
    /* version 1 has no frames: one frame per row group */
    s->frame = s->version >= 2 ? jx_le32(h + JX_SH_FRAME) : s->rowgroup;
    s->flags = s->version >= 2 ? jx_le32(h + JX_SH_FLAGS) : 0;
    if (jx_le32(h + JX_SH_CCSID) > 65535u) { /* a CCSID is 16 bits: held as such */
        rc = corrupt(s, JX_SH_CCSID, "header: bad CCSID", err);
        goto out;
    }
    if (s->flags & ~(uint32_t)JX_SEGF_TS_SORTED) {
        rc = corrupt(s, JX_SH_FLAGS, "header: unknown flags", err);
        goto out;
    }
    if (s->rowgroup == 0 || s->frame == 0 || s->frame > s->rowgroup ||
        s->frame > 65535u / 10u || (s->rowgroup + s->frame - 1) / s->frame > JX_MAX_FRAMES) {
        rc = corrupt(s, JX_SH_ROWGROUP, "header: bad row group or frame size", err);
        goto out;
    }
    const uint64_t dir_len = jx_le64(h + JX_SH_DIRLEN);
    if (!memchr(h + JX_SH_SYSTEM, 0, 32) || !memchr(h + JX_SH_RECEIVER, 0, 32) ||
        !memchr(h + JX_SH_RCVLIB, 0, 32) || s->rowgroup == 0 || s->nrows == 0 ||
        s->nrows > (s->version >= 4 ? JX_SEG_MAX_ROWS : JX_SEG_MAX_ROWS_V3) ||
        jx_le32(h + JX_SH_NCOLS) != JX_COL_COUNT_ ||
        s->nrows != info->nrows || s->seq_min != info->seq_min ||
        s->seq_max != info->seq_max || s->ts_min != info->ts_min || s->ts_max != info->ts_max) {
        rc = corrupt(s, 0, "header disagrees with the MANIFEST", err);
        goto out;
    }
    memcpy(s->system, h + JX_SH_SYSTEM, 32);
    memcpy(s->receiver, h + JX_SH_RECEIVER, 32);
    memcpy(s->receiver_lib, h + JX_SH_RCVLIB, 32);
    if (strcmp(s->system, info->system) || strcmp(s->receiver, info->receiver) ||
        strcmp(s->receiver_lib, info->receiver_lib)) {
        rc = corrupt(s, 0, "header names another receiver than the MANIFEST", err);
        goto out;
    }
    s->ngroups = (uint32_t)((s->nrows + s->rowgroup - 1) / s->rowgroup);
    s->npages = 1; /* versions 1-2: the whole directory is the head */
    if (s->version >= 3) {
        s->nesd = jx_le32(h + JX_SH_NESD);
        s->esdpage = jx_le32(h + JX_SH_ESDPAGE);
        s->esd0 = s->ngroups * JX_RG_ENTS;
        if (s->nesd == 0 || s->nesd > s->nrows || s->esdpage == 0 ||
            (uint64_t)s->esd0 + s->nesd >= s->ndir) {
            rc = corrupt(s, JX_SH_NESD, "header: bad directory page sizes", err);
            goto out;
        }
        s->head0 = s->esd0 + s->nesd;
        s->npages = s->ngroups + (s->nesd + s->esdpage - 1) / s->esdpage + 1;
    }
    const uint64_t tab_len = s->version >= 3 ? 8ull * s->npages : 0;
    if (s->ndir == 0 || s->dir_off < JX_SEG_HDR_SIZE ||
        dir_len != (uint64_t)s->ndir * JX_DIRENT_SIZE + tab_len ||
        s->dir_off + dir_len != s->size) {
        rc = corrupt(s, JX_SH_DIROFF, "header: directory out of the file", err);
        goto out;
    }
    /* The head (all of a version 1-2 directory) and the page table, which
     * end the file, with one read into the index's huge-page arena, not
     * mapped: on a VM, faulting in ~40 pages of a mapping (or of fresh
     * heap) and unmapping them costs several times the copy. */
    const size_t head_len = (size_t)(s->ndir - s->head0) * JX_DIRENT_SIZE;
    const uint64_t head_off = s->dir_off + (uint64_t)s->head0 * JX_DIRENT_SIZE;
    /* the ESD pages lie just before the head: the same read can take them */
    const size_t esd_len = esd_pages && s->version >= 3 ? (size_t)s->nesd * JX_DIRENT_SIZE : 0;
    uint8_t *head;
    s->arena = arena;
    if (!(s->pg = jx_arena_alloc(arena, (size_t)s->npages * sizeof(*s->pg))) ||
        !(head = jx_arena_alloc(arena, esd_len + head_len + (size_t)tab_len))) {
        rc = jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
        goto out;
    }
    for (uint32_t p = 0; p < s->npages; p++)
        atomic_init(&s->pg[p], NULL);
    if ((rc = seg_pread(s, head, esd_len + head_len + (size_t)tab_len, head_off - esd_len,
                        err)))
        goto out;
    if (esd_len) {
        s->esdraw = head;
        head += esd_len;
    }
    s->pgtab = head + head_len;
    if (s->version >= 3 ? XXH3_64bits(s->pgtab, (size_t)tab_len) != jx_le64(h + JX_SH_DIRHASH) ||
                              XXH3_64bits(head, head_len) !=
                                  jx_le64(s->pgtab + 8ull * (s->npages - 1))
                        : XXH3_64bits(head, head_len) != jx_le64(h + JX_SH_DIRHASH)) {
        rc = jx_error(err, JX_E_CHECKSUM, s->path, -1, (int64_t)head_off,
                      "segment directory checksum mismatch");
        goto out;
    }
    atomic_init(&s->pg[s->npages - 1], head);
    if ((rc = index_dir(s, arena, err)))
        goto out;
    *out = s;
    s = NULL;
out:
    jx_seg_unload(s);
    return rc;
}
