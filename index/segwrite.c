/*
 * index/segwrite.c - build one segment file (doc/format.md §3) from the
 * entries of one receiver, in sequence order.
 *
 * Workload: the ingest hot path. Every entry of every receiver passes
 * through jx_segbuild_add() once (millions a second across the workers), so
 * add() allocates nothing in steady state: numeric columns and ESD bytes are
 * encoded and LZ4-compressed as soon as a row group / ESD block fills, and
 * the output is written to the file every 1 MB (the builder holds no whole
 * segment; the disk works while it builds). The 15 string columns go
 * through per-column hash tables keyed by the value's first 16 bytes (a
 * short value IS its key: no byte compare, no library hash) with a "same as
 * the previous row" shortcut; on the generator's interleaved mix ~9 of the
 * 15 change from one row to the next, so these lookups are most of add().
 * Only the dictionary ids (2 bytes per column per row, 4 past 65536
 * values) wait for finish(), because ids are the positions in the SORTED
 * dictionary, known once the segment is complete. One builder per worker
 * thread, reused segment after segment.
 */
#include "writer.h"

#include <errno.h>
#include <fcntl.h>
/* LZ4_compress_fast_extState_fastReset() is in lz4's static-linking-only
 * API (the Makefile links liblz4.a): it reuses the builder's compression
 * state without clearing its 16 KB table on every call, which
 * LZ4_compress_default() does (~200 blocks per 1024 rows, most of them
 * frames of a few hundred bytes). */
#define LZ4_STATIC_LINKING_ONLY
#include <lz4.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "bitpack.h"
#include "ebcdic.h"
#include "index_int.h"

#define NONE UINT32_MAX
/* Room before the bytes of an ESD block for its lengths (one varint a row,
 * the block flushes once lengths + bytes reach JX_ESD_BLOCK_BYTES). */
#define ESD_HEAD (JX_ESD_BLOCK_BYTES + 16u)
/* The segment file is written as it is built, whenever this much output
 * has accumulated: the output buffer stays small (and in cache), and the
 * disk works while the builder does. */
#define OUT_FLUSH (1u << 20)

struct dent {
    uint32_t off, len;      /* string in the arena (NUL-terminated there) */
    uint32_t count;         /* rows holding it (copied from the slot at finish) */
};

/* Hash slot: everything a lookup needs in one place, so that a lookup
 * touches one cache line. The key is the value's first 16 bytes as two
 * words, zero from the end of the string on: for a value of up to 15 bytes
 * (nearly all of them: names, types, codes) the words ARE the value, and
 * equal words mean equal strings without a byte compare; a longer value has
 * no zero byte in its first 16 (a short one always does), so the two kinds
 * never match each other, and a long one is compared in the arena too. On
 * the generator's interleaved mix ~9 of the 15 columns change from one row
 * to the next, so this lookup runs ~9 times a row. */
struct dslot {
    uint64_t hash;          /* 0 = empty (hashes are forced odd) */
    uint64_t w0, w1;        /* key: first 16 bytes, zero-padded */
    uint32_t id, count;
};

struct dict {
    struct dslot *slots;
    uint32_t cap;           /* power of two */
    uint32_t lim;           /* longest value kept: jx_col_cap(column) - 1 */
    struct dent *ents;
    size_t n, ecap;
    char *arena;
    size_t alen, acap;
    uint32_t last;          /* slot of the previous row's value, NONE if none */
    /* provisional id of each row: 16 bits while the dictionary has at most
     * 65536 values (always, on real data: half the memory traffic of the
     * 15 id streams), widened in place to 32 bits past that; the buffer
     * always has room for JX_SEG_MAX_ROWS 32-bit ids */
    void *ids;
    bool wide;
    /* keys are raw EBCDIC names (struct jx_entry.raw) of rawlen bytes, all
     * the same length: equal words mean equal bytes. finish_dict() converts
     * each distinct key once and merges keys that give the same text */
    bool raw;
    uint8_t rawlen;
};

static inline uint32_t dict_id(const struct dict *d, uint64_t row)
{
    return d->wide ? ((const uint32_t *)d->ids)[row] : ((const uint16_t *)d->ids)[row];
}

/* Distinct job numbers (for the bloom): a bitmap over 0..2^20-1 (job
 * numbers are 6 digits, so 128 KB covers them; setting a bit stays in L2,
 * where a hash set missed the cache on most rows), plus a list for any
 * larger value an API caller may pass. */
#define JOBMAP_BITS (1u << 20)
struct jobset {
    uint64_t *map;
    uint32_t *big;
    size_t nbig, capbig;
    uint32_t last;
};

struct buf {
    uint8_t *p;
    size_t len, cap;
};

struct jx_segbuild {
    char dirpath[4096];
    uint64_t segno;
    uint64_t nrows;
    char system[JX_NAME_SZ], receiver[JX_NAME_SZ], receiver_lib[JX_NAME_SZ];
    uint16_t ccsid;
    bool raw_names;          /* the segment's entries carry raw names */
    uint64_t seq_min, seq_max;
    int64_t ts_min, ts_max, ts_last;
    bool ts_sorted;          /* no row's timestamp below the previous row's */
    /* numeric row streams of the current row group, kinds 1..8 */
    struct buf num[JX_NUM_KINDS + 1];
    uint64_t prev[JX_NUM_KINDS + 1];
    uint64_t rg_first;
    /* where each frame of the current row group starts in each numeric
     * stream (deltas restart at 0 there: a frame decodes on its own) */
    uint32_t fo[JX_NUM_KINDS + 1][JX_ROWGROUP / JX_FRAME_ROWS];
    uint32_t nf;
    /* the framed numeric blocks of every full row group, kept until
     * finish() writes each group's next to its id blocks (a row fetch reads
     * both with one pread, doc/format.md §3.7); their directory entries
     * (8 a group, from num_di[g]) hold offsets into numbuf until then */
    struct buf numbuf;
    uint32_t num_di[JX_SEG_MAX_ROWS / JX_ROWGROUP];
    /* ESD block being filled: the bytes go to esd_data after ESD_HEAD bytes
     * of room, where flush_esd() puts the lengths: one LZ4 input, no copy */
    struct buf esd_lens, esd_data;
    uint64_t esd_first;
    uint32_t esd_rows;
    struct dict d[JX_COL_COUNT_];
    struct jobset jobs;
    /* output: header, blocks; directory. out holds what is not written to
     * the file yet; out_base is the file offset of out.p[0] */
    struct buf out;
    uint64_t out_base;
    int fd;                 /* the segment file, open once output was flushed */
    char path[4200];
    struct jx_dirent *dir;
    size_t ndir, dcap;
    struct buf scratch, cbuf, post, tmp, conv;
    uint32_t *perm, *remap, *start, *rows;
    size_t perm_cap, remap_cap, start_cap, rows_cap2;
    uint32_t *offs;
    size_t offs_cap;
    LZ4_stream_t *lz;        /* compression state, reused block after block */
    /* per numeric kind: frames in a row stored raw, and frames seen (see
     * emit_framed; id frames are packed instead) */
    uint8_t raw_run[JX_NUM_KINDS + 1];
    uint32_t frames[JX_NUM_KINDS + 1];
};

static int buf_reserve(struct buf *b, size_t extra)
{
    if (b->len + extra < b->len)
        return JX_E_NOMEM;
    return jx_grow((void **)&b->p, &b->cap, b->len + extra, 1) ? JX_E_NOMEM : JX_OK;
}

static int buf_put(struct buf *b, const void *p, size_t n)
{
    if (!n)
        return JX_OK;
    if (buf_reserve(b, n))
        return JX_E_NOMEM;
    memcpy(b->p + b->len, p, n);
    b->len += n;
    return JX_OK;
}

static inline void buf_varint(struct buf *b, uint64_t v)
{
    /* caller reserved room */
    b->len += jx_varint_put(b->p + b->len, v);
}

#define IDS_BYTES ((size_t)JX_SEG_MAX_ROWS * sizeof(uint32_t))

int jx_segbuild_create(struct jx_segbuild **out, struct jx_errctx *err)
{
    struct jx_segbuild *b = jx_calloc(1, sizeof(*b));
    *out = NULL;
    if (!b)
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    b->fd = -1; /* before any goto nomem: jx_segbuild_free() closes it */
    for (int k = 1; k <= JX_NUM_KINDS; k++)
        if (buf_reserve(&b->num[k], JX_ROWGROUP * 10 + 16))
            goto nomem;
    for (int c = 0; c < JX_COL_COUNT_; c++) {
        b->d[c].lim = (uint32_t)jx_col_cap((enum jx_col)c) - 1;
        b->d[c].cap = 1024;
        b->d[c].slots = jx_calloc(b->d[c].cap, sizeof(struct dslot));
        /* room for a full segment from the start, on huge pages: grown
         * by realloc, the 15 arrays were copied ~7 times over and their
         * new 4 KB pages faulted in one by one (~5 us each on the
         * benchmark's VM) while each worker built its first segment.
         * Measured on 10 receivers: 2 threads 2.00 -> 1.90 s, 1 thread
         * 3.54 -> 3.50 s; costs up to 30 MB resident a builder (the
         * memory estimate already counts 4 bytes a row and column) */
        b->d[c].ids = jx_huge_alloc(IDS_BYTES);
        if (!b->d[c].slots || !b->d[c].ids)
            goto nomem;
    }
    if (!(b->jobs.map = jx_calloc(JOBMAP_BITS / 64, sizeof(uint64_t))))
        goto nomem;
    if (buf_reserve(&b->esd_data, ESD_HEAD + JX_ESD_BLOCK_BYTES))
        goto nomem;
    b->esd_data.len = ESD_HEAD;
    if (!(b->lz = LZ4_createStream()))
        goto nomem;
    *out = b;
    return JX_OK;
nomem:
    jx_segbuild_free(b);
    return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
}

void jx_segbuild_free(struct jx_segbuild *b)
{
    if (!b)
        return;
    if (b->fd >= 0)
        close(b->fd); /* an unfinished segment: an orphan file */
    for (int k = 0; k <= JX_NUM_KINDS; k++)
        jx_free(b->num[k].p);
    jx_free(b->esd_lens.p);
    jx_free(b->esd_data.p);
    jx_free(b->numbuf.p);
    for (int c = 0; c < JX_COL_COUNT_; c++) {
        jx_free(b->d[c].slots);
        jx_free(b->d[c].ents);
        jx_free(b->d[c].arena);
        jx_huge_free(b->d[c].ids, IDS_BYTES);
    }
    jx_free(b->jobs.map);
    jx_free(b->jobs.big);
    jx_free(b->out.p);
    jx_free(b->dir);
    jx_free(b->scratch.p);
    jx_free(b->cbuf.p);
    jx_free(b->post.p);
    jx_free(b->tmp.p);
    jx_free(b->conv.p);
    jx_free(b->perm);
    jx_free(b->remap);
    jx_free(b->start);
    jx_free(b->rows);
    jx_free(b->offs);
    LZ4_freeStream(b->lz);
    jx_free(b);
}

size_t jx_segbuild_mem_estimate(uint64_t rows)
{
    /* ids: 15 x 4 bytes; postings scratch 4; dictionary entries and
     * compressed output (~40 bytes a row on typical data, more on random
     * ESDs); the numeric blocks held until finish (~13 bytes a row
     * typically, at most 7 ten-byte varints + 3 + frame tables: 80); fixed
     * buffers ~2 MB. */
    return (size_t)(rows * (JX_COL_COUNT_ * 4 + 4 + 24 + 64 + 80)) + (2u << 20);
}

void jx_segbuild_begin(struct jx_segbuild *b, const char *dir, uint64_t segno)
{
    char name[64];
    snprintf(b->dirpath, sizeof(b->dirpath), "%s", dir);
    b->segno = segno;
    jx_seg_filename(segno, name, sizeof(name));
    snprintf(b->path, sizeof(b->path), "%s/%s", dir, name);
    if (b->fd >= 0)
        close(b->fd); /* the previous segment was abandoned */
    b->fd = -1;
    b->out_base = 0;
    b->nrows = 0;
    b->seq_min = b->seq_max = 0;
    b->ts_min = b->ts_max = 0;
    for (int k = 0; k <= JX_NUM_KINDS; k++) {
        b->num[k].len = 0;
        b->prev[k] = 0;
    }
    b->numbuf.len = 0;
    b->rg_first = 0;
    b->nf = 0;
    b->esd_lens.len = 0;
    b->esd_data.len = ESD_HEAD;
    b->esd_first = 0;
    b->esd_rows = 0;
    for (int c = 0; c < JX_COL_COUNT_; c++) {
        struct dict *d = &b->d[c];
        memset(d->slots, 0, d->cap * sizeof(struct dslot));
        d->n = 0;
        d->alen = 0;
        d->last = NONE;
        d->wide = false;
        d->raw = false;
    }
    memset(b->jobs.map, 0, JOBMAP_BITS / 8);
    b->jobs.nbig = 0;
    b->jobs.last = NONE;
    b->out.len = 0;
    b->ndir = 0;
    memset(b->raw_run, 0, sizeof(b->raw_run));
    memset(b->frames, 0, sizeof(b->frames));
    /* a segment's bytes depend only on its entries, whatever this builder
     * compressed before (byte-identical output for any thread count) */
    LZ4_resetStream(b->lz);
}

/* LZ4 block of src (independent: decodes alone with LZ4_decompress_safe). */
static inline int lz_compress(struct jx_segbuild *b, const void *src, void *dst, int n, int cap)
{
    return LZ4_compress_fast_extState_fastReset(b->lz, src, dst, n, cap, 1);
}

/* Room for `bound` more bytes of output (the first call also reserves the
 * header, written last). */
static int out_room(struct jx_segbuild *b, size_t bound)
{
    if (b->out_base + b->out.len == 0) {
        if (buf_reserve(&b->out, JX_SEG_HDR_SIZE))
            return JX_E_NOMEM;
        memset(b->out.p, 0, JX_SEG_HDR_SIZE);
        b->out.len = JX_SEG_HDR_SIZE;
    }
    return buf_reserve(&b->out, bound);
}

/* The clen stored bytes at the end of the output (reserved, the directory
 * grown by the caller) become a block: directory entry with their hash. */
static void commit_to(struct jx_segbuild *b, struct buf *o, uint64_t base, unsigned kind,
                      unsigned col, uint8_t codec, unsigned width, uint32_t nitems,
                      uint64_t first, size_t clen, size_t ulen)
{
    const uint8_t *const stored = o->p + o->len;
    struct jx_dirent *de = &b->dir[b->ndir++];
    de->kind = (uint8_t)kind;
    de->col = (uint8_t)col;
    de->codec = codec;
    de->width = (uint8_t)width;
    de->nitems = nitems;
    de->first = first;
    de->off = base + o->len;
    de->clen = (uint32_t)clen;
    de->ulen = (uint32_t)ulen;
    de->hash = XXH3_64bits(stored, clen);
    o->len += clen;
}

static void commit_block(struct jx_segbuild *b, unsigned kind, unsigned col, uint8_t codec,
                         unsigned width, uint32_t nitems, uint64_t first, size_t clen,
                         size_t ulen)
{
    commit_to(b, &b->out, b->out_base, kind, col, codec, width, nitems, first, clen, ulen);
}

/* Append one row block of `nitems` rows as frames of JX_FRAME_ROWS rows
 * (format §3.3a): frame i is data[fo[i], fo[i+1]) (the last ends at len).
 *
 * A numeric frame is LZ4-compressed unless that saves less than an eighth
 * (a raw frame costs no decoding: timestamps, thread ids, job numbers and
 * ports hardly compress). A stream whose last RAW_RUN frames all stayed
 * raw is not offered to LZ4 again, but for every RAW_PROBE-th frame:
 * trying cost ~18% of all LZ4 time.
 *
 * An id frame (width > 0) is bit-packed (bitpack.h): its ids in the bit
 * width of their range. LZ4 can only beat that on repeats (runs of one
 * user, one path), so it is tried only on frames where at least a quarter
 * of the ids repeat the one before, and kept only if it saves an eighth
 * more (a packed frame decodes faster); a frame stays raw if neither
 * shrinks it. On the generator's mix: 18.7 -> ~14 bytes a row of ids.
 *
 * Every choice depends only on the segment's own frames, so the output
 * stays the same for any thread count. */
#define RAW_RUN 4u
#define RAW_PROBE 16u
#define PACK_LZ4_REPEATS 4u /* try LZ4 on an id frame when repeats >= rows / 4 */

/* Store the id frame of `rows` ids of `width` bytes at src, whose stats
 * are *st, in dst (room: LZ4_compressBound(rows * width) + 8);
 * *packed = bit-packed. @return the stored size (== rows * width: raw). */
static int id_frame(struct jx_segbuild *b, const uint8_t *src, unsigned width, uint32_t rows,
                    const struct jx_pack_stats *st, uint8_t *dst, bool *packed)
{
    const int flen = (int)(rows * width);
    const size_t psz = jx_pack_size(st, rows);
    *packed = false;
    if (st->repeats * PACK_LZ4_REPEATS >= rows) {
        const int c = lz_compress(b, src, dst, flen, LZ4_compressBound(flen));
        if (c > 0 && (size_t)c < psz - psz / 8 && c < flen)
            return c;
    }
    if (psz < (size_t)flen) {
        *packed = true;
        return (int)jx_pack_ids(dst, src, width, rows, st);
    }
    memcpy(dst, src, (size_t)flen);
    return flen;
}

/* Frames as above; id blocks (width > 0) come with each frame's stats. */
static int emit_framed(struct jx_segbuild *b, unsigned kind, unsigned col, unsigned width,
                       uint32_t nitems, uint64_t first, const uint8_t *data, size_t len,
                       const uint32_t *fo, uint32_t nf, const struct jx_pack_stats *pst)
{
    /* numeric blocks wait in numbuf (offsets relative to it), id blocks
     * go to the output */
    const bool held = kind != JX_BK_IDS;
    struct buf *const o = held ? &b->numbuf : &b->out;
    const size_t bound = 4u * nf + (size_t)LZ4_compressBound((int)len) + 16u * nf;
    if (jx_grow((void **)&b->dir, &b->dcap, b->ndir + 1, sizeof(*b->dir)))
        return JX_E_NOMEM;
    if (held ? buf_reserve(o, bound) : out_room(b, bound))
        return JX_E_NOMEM;
    uint8_t *const dst = o->p + o->len;
    size_t at = 4u * nf;
    for (uint32_t i = 0; i < nf; i++) {
        const size_t lo = fo[i], hi = i + 1 < nf ? fo[i + 1] : len;
        const int flen = (int)(hi - lo);
        if (width) {
            bool packed;
            const int c = id_frame(b, data + lo, width, (uint32_t)flen / width, &pst[i], dst + at,
                                   &packed);
            jx_le16_put(dst + 4 * i, (uint16_t)(c | (packed ? JX_FRAME_PACKED : 0)));
            jx_le16_put(dst + 4 * i + 2, (uint16_t)flen);
            at += (size_t)c;
            continue;
        }
        const bool try = b->raw_run[kind] < RAW_RUN || b->frames[kind] % RAW_PROBE == 0;
        int c = try ? lz_compress(b, data + lo, dst + at, flen, LZ4_compressBound(flen)) : 0;
        b->frames[kind]++;
        if (c <= 0 || c >= flen - flen / 8) {
            memcpy(dst + at, data + lo, (size_t)flen);
            c = flen;
            if (try && b->raw_run[kind] < UINT8_MAX)
                b->raw_run[kind]++;
        } else {
            b->raw_run[kind] = 0;
        }
        jx_le16_put(dst + 4 * i, (uint16_t)c);
        jx_le16_put(dst + 4 * i + 2, (uint16_t)flen);
        at += (size_t)c;
    }
    commit_to(b, o, held ? 0 : b->out_base, kind, col, JX_CODEC_FRAMED, width, nitems, first,
              at, len);
    return JX_OK;
}

/* Append one block: compress `data` (or keep it raw if LZ4 does not shrink
 * it), hash what is stored, add a directory entry. */
static int emit(struct jx_segbuild *b, unsigned kind, unsigned col, unsigned width,
                uint32_t nitems, uint64_t first, const uint8_t *data, size_t len)
{
    if (len > (size_t)LZ4_MAX_INPUT_SIZE)
        return JX_E_INTERNAL;
    if (jx_grow((void **)&b->dir, &b->dcap, b->ndir + 1, sizeof(*b->dir)))
        return JX_E_NOMEM;
    const size_t bound = (size_t)LZ4_compressBound((int)len);
    if (out_room(b, bound))
        return JX_E_NOMEM;
    uint8_t *dst = b->out.p + b->out.len;
    int c = len ? lz_compress(b, data, dst, (int)len, (int)bound) : 0;
    uint8_t codec = JX_CODEC_LZ4;
    size_t clen = (size_t)c;
    if (c <= 0 || clen >= len) {
        if (len)
            memcpy(dst, data, len);
        clen = len;
        codec = JX_CODEC_RAW;
    }
    commit_block(b, kind, col, codec, width, nitems, first, clen, len);
    return JX_OK;
}

/* Write the output accumulated so far to the segment file (opened, mode
 * 0600, at the first call) and start its writeback. */
static int out_flush(struct jx_segbuild *b)
{
    if (b->fd < 0) {
        b->fd = open(b->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (b->fd < 0)
            return JX_E_IO;
    }
    if (b->out.len && jx_write_all(b->fd, b->out.p, b->out.len))
        return JX_E_IO;
    (void)sync_file_range(b->fd, (off64_t)b->out_base, (off64_t)b->out.len,
                          SYNC_FILE_RANGE_WRITE);
    b->out_base += b->out.len;
    b->out.len = 0;
    return JX_OK;
}

static int flush_rowgroup(struct jx_segbuild *b)
{
    uint32_t n = (uint32_t)(b->nrows - b->rg_first);
    int rc;
    if (!n)
        return JX_OK;
    b->num_di[b->rg_first / JX_ROWGROUP] = (uint32_t)b->ndir;
    for (unsigned k = 1; k <= JX_NUM_KINDS; k++) {
        if ((rc = emit_framed(b, k, 0, 0, n, b->rg_first, b->num[k].p, b->num[k].len,
                              b->fo[k], b->nf, NULL)))
            return rc;
        b->num[k].len = 0;
        b->prev[k] = 0;
    }
    b->rg_first = b->nrows;
    b->nf = 0;
    return JX_OK;
}

static int flush_esd(struct jx_segbuild *b)
{
    int rc;
    if (!b->esd_rows)
        return JX_OK;
    const size_t nl = b->esd_lens.len, nd = b->esd_data.len - ESD_HEAD;
    const uint8_t *blk;
    if (nl <= ESD_HEAD) {
        uint8_t *at = b->esd_data.p + ESD_HEAD - nl;
        memcpy(at, b->esd_lens.p, nl);
        blk = at;
    } else { /* more lengths than room (cannot happen: a block flushes at
              * JX_ESD_BLOCK_BYTES of lengths + bytes): copy */
        b->scratch.len = 0;
        if (buf_put(&b->scratch, b->esd_lens.p, nl) ||
            buf_put(&b->scratch, b->esd_data.p + ESD_HEAD, nd))
            return JX_E_NOMEM;
        blk = b->scratch.p;
    }
    if ((rc = emit(b, JX_BK_ESD, 0, 0, b->esd_rows, b->esd_first, blk, nl + nd)))
        return rc;
    b->esd_lens.len = 0;
    b->esd_data.len = ESD_HEAD;
    b->esd_rows = 0;
    b->esd_first = b->nrows;
    return JX_OK;
}

static int dict_grow(struct dict *d)
{
    const uint32_t ncap = d->cap * 2;
    struct dslot *ns = jx_calloc(ncap, sizeof(*ns));
    if (!ns)
        return JX_E_NOMEM;
    for (uint32_t i = 0; i < d->cap; i++) {
        if (!d->slots[i].hash)
            continue;
        uint32_t k = (uint32_t)d->slots[i].hash & (ncap - 1);
        while (ns[k].hash)
            k = (k + 1) & (ncap - 1);
        ns[k] = d->slots[i];
    }
    jx_free(d->slots);
    d->slots = ns;
    d->cap = ncap;
    d->last = NONE;
    return JX_OK;
}

/* Hash of a short key (both words): multiply-xorshift, every output bit
 * depends on every input bit (the table index takes the low bits). */
static inline uint64_t mix16(uint64_t a, uint64_t b)
{
    uint64_t h = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return h;
}

/* The key of string s (at most lim bytes taken): its first 16 bytes as two
 * words, zero from byte *n on; *n = strnlen(s, lim). Reads 16 bytes at s:
 * every value comes from a struct jx_entry member (followed by more of the
 * struct when shorter) or a 16-byte local. */
static inline void key_of(const char *s, size_t lim, uint64_t *w0, uint64_t *w1, size_t *n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t a, b, z;
    size_t len;
    memcpy(&a, s, 8);
    memcpy(&b, s + 8, 8);
    if ((z = (a - ones) & ~a & highs)) /* lowest flagged byte: the first zero */
        len = (size_t)__builtin_ctzll(z) >> 3;
    else if ((z = (b - ones) & ~b & highs))
        len = 8 + ((size_t)__builtin_ctzll(z) >> 3);
    else
        len = lim > 16 ? 16 + strnlen(s + 16, lim - 16) : 16;
    if (len > lim)
        len = lim;
    if (len < 8) {
        a &= len ? ~0ull >> (64 - 8 * len) : 0;
        b = 0;
    } else if (len < 16) {
        b &= len > 8 ? ~0ull >> (64 - 8 * (len - 8)) : 0;
    }
    *w0 = a;
    *w1 = b;
    *n = len;
#else
    char k[16] = {0};
    const size_t len = strnlen(s, lim);
    memcpy(k, s, JX_MIN(len, sizeof(k)));
    memcpy(w0, k, 8);
    memcpy(w1, k + 8, 8);
    *n = len;
#endif
}

/* Is slot sl the value (w0, w1, s, n)? */
static inline bool slot_is(const struct dict *d, const struct dslot *sl, uint64_t w0,
                           uint64_t w1, const char *s, size_t n)
{
    if (sl->w0 != w0 || sl->w1 != w1)
        return false;
    if (n < 16)
        return true;
    const struct dent *e = &d->ents[sl->id];
    return e->len == n && !memcmp(d->arena + e->off, s, n);
}

/* Row `row` holds the value of key (w0, w1) = the n bytes at s (see
 * key_of()): its provisional id, the value added if new. */
static inline int dict_put(struct dict *d, uint64_t w0, uint64_t w1, const char *s, size_t n,
                           uint64_t row)
{
    struct dslot *sl;
    if (d->last != NONE && slot_is(d, sl = &d->slots[d->last], w0, w1, s, n))
        goto found;
    const uint64_t h = (n < 16 ? mix16(w0, w1) : XXH3_64bits(s, n)) | 1;
    uint32_t k = (uint32_t)h & (d->cap - 1);
    for (;;) {
        sl = &d->slots[k];
        if (!sl->hash)
            break;
        if (sl->hash == h && slot_is(d, sl, w0, w1, s, n))
            goto found_k;
        k = (k + 1) & (d->cap - 1);
    }
    if (jx_grow((void **)&d->ents, &d->ecap, d->n + 1, sizeof(*d->ents)) ||
        jx_grow((void **)&d->arena, &d->acap, d->alen + n + 1, 1))
        return JX_E_NOMEM;
    const uint32_t id = (uint32_t)d->n++;
    d->ents[id] = (struct dent){(uint32_t)d->alen, (uint32_t)n, 0};
    memcpy(d->arena + d->alen, s, n);
    d->arena[d->alen + n] = '\0';
    d->alen += n + 1;
    sl->hash = h;
    sl->w0 = w0;
    sl->w1 = w1;
    sl->id = id;
    sl->count = 0;
    if (d->n * 2 > d->cap) {
        if (dict_grow(d))
            return JX_E_NOMEM;
        /* find the slot again in the new table */
        k = (uint32_t)h & (d->cap - 1);
        while (d->slots[k].id != id || !d->slots[k].hash)
            k = (k + 1) & (d->cap - 1);
        sl = &d->slots[k];
    }
found_k:
    d->last = k;
found:
    sl->count++;
    if (!d->wide) {
        if (sl->id <= UINT16_MAX) {
            ((uint16_t *)d->ids)[row] = (uint16_t)sl->id;
            return JX_OK;
        }
        /* widen rows [0, row) in place, from the end */
        uint16_t *n16 = d->ids;
        uint32_t *n32 = d->ids;
        for (uint64_t r = row; r-- > 0;)
            n32[r] = n16[r];
        d->wide = true;
    }
    ((uint32_t *)d->ids)[row] = sl->id;
    return JX_OK;
}

/* Provisional id of string value s, adding it if new. */
static inline int dict_add(struct dict *d, const char *s, uint64_t row)
{
    uint64_t w0, w1;
    size_t n;
    key_of(s, d->lim, &w0, &w1, &n);
    return dict_put(d, w0, w1, s, n, row);
}

/* The same for a raw name: its d->rawlen bytes at p, JX_RAWNAME_READ
 * readable (struct jx_entry.raw), as the key. No conversion per row: the
 * bytes are the key (~10% of ingest time, ingest/README.md "Session 9"). */
static inline int dict_add_raw(struct dict *d, const uint8_t *p, uint64_t row)
{
    uint64_t w0, w1;
    const unsigned n = d->rawlen;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&w0, p, 8);
    memcpy(&w1, p + 8, 8);
    if (n < 8) {
        w0 &= ~0ull >> (64 - 8 * n);
        w1 = 0;
    } else if (n < 16) {
        w1 &= n > 8 ? ~0ull >> (64 - 8 * (n - 8)) : 0;
    }
#else
    uint8_t k[16] = {0};
    memcpy(k, p, n);
    memcpy(&w0, k, 8);
    memcpy(&w1, k + 8, 8);
#endif
    return dict_put(d, w0, w1, (const char *)p, n, row);
}

static inline int jobs_add(struct jobset *s, uint32_t v)
{
    if (v == s->last)
        return JX_OK;
    s->last = v;
    if (v < JOBMAP_BITS) {
        s->map[v >> 6] |= (uint64_t)1 << (v & 63);
        return JX_OK;
    }
    if (jx_grow((void **)&s->big, &s->capbig, s->nbig + 1, sizeof(uint32_t)))
        return JX_E_NOMEM;
    s->big[s->nbig++] = v;
    return JX_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    const uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sort and dedupe the big job numbers; @return the distinct count. */
static uint64_t jobs_distinct(struct jobset *s)
{
    uint64_t n = 0;
    for (uint32_t w = 0; w < JOBMAP_BITS / 64; w++)
        n += (uint64_t)__builtin_popcountll(s->map[w]);
    if (s->nbig) {
        qsort(s->big, s->nbig, sizeof(uint32_t), cmp_u32);
        size_t k = 1;
        for (size_t i = 1; i < s->nbig; i++)
            if (s->big[i] != s->big[k - 1])
                s->big[k++] = s->big[i];
        s->nbig = k;
    }
    return n + s->nbig;
}

/* "%06u" without printf (hot at finish: one call per distinct job, about
 * one per row on the generator's data): pairs of digits from a table. */
static size_t fmt_jobnr(uint32_t v, char *t)
{
    static const char d2[201] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    if (v < 1000000) {
        memcpy(t, d2 + 2 * (v / 10000), 2);
        memcpy(t + 2, d2 + 2 * (v / 100 % 100), 2);
        memcpy(t + 4, d2 + 2 * (v % 100), 2);
        return 6;
    }
    char tmp[12];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        t[i] = tmp[n - 1 - i];
    return n;
}

/* strcmp(a, b) == 0 for two JX_NAME_SZ arrays holding strings, 8 bytes
 * at a time (three names are checked on every row). */
static inline bool name_eq(const char *a, const char *b)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (size_t i = 0; i < JX_NAME_SZ; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        const uint64_t z = (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
        if (z) /* bytes up to a's NUL must match, the rest do not count */
            return ((x ^ y) & (((z & (0 - z)) << 1) - 1)) == 0;
        if (x != y)
            return false;
    }
    return true;
#else
    return !strcmp(a, b);
#endif
}

/* The column of each raw name (struct jx_entry.raw). */
static const uint8_t raw_col[JX_RN_COUNT_] = {
    [JX_RN_JOB] = JX_COL_JOB, [JX_RN_JOB_USER] = JX_COL_JOB_USER, [JX_RN_USER] = JX_COL_USER,
    [JX_RN_PROGRAM] = JX_COL_PROGRAM, [JX_RN_PROGRAM_LIB] = JX_COL_PROGRAM_LIB,
    [JX_RN_OBJTYPE_HDR] = JX_COL_OBJTYPE_HDR,
};

static inline void put_delta(struct jx_segbuild *b, unsigned k, uint64_t v)
{
    struct buf *nb = &b->num[k];
    nb->len += jx_varint_put(nb->p + nb->len, jx_zigzag((int64_t)(v - b->prev[k])));
    b->prev[k] = v;
}

int jx_segbuild_add(struct jx_segbuild *b, const struct jx_entry *e,
                    struct jx_errctx *err)
{
    const uint64_t row = b->nrows;
    if (row == 0) {
        jx_strlcpy(b->system, e->system, sizeof(b->system));
        jx_strlcpy(b->receiver, e->receiver, sizeof(b->receiver));
        jx_strlcpy(b->receiver_lib, e->receiver_lib, sizeof(b->receiver_lib));
        b->ccsid = e->ccsid;
        b->raw_names = e->raw_names;
        if (e->raw_names)
            for (unsigned k = 0; k < JX_RN_COUNT_; k++) {
                struct dict *d = &b->d[raw_col[k]];
                if (e->raw_len[k] == 0 || e->raw_len[k] > JX_RAWNAME_READ)
                    return jx_error(err, JX_E_INTERNAL, b->receiver, -1, -1,
                                    "raw name of %u bytes", e->raw_len[k]);
                d->raw = true;
                d->rawlen = e->raw_len[k];
            }
        b->seq_min = e->seq;
        b->ts_min = b->ts_max = b->ts_last = e->ts;
        b->ts_sorted = true;
    } else {
        if (e->seq <= b->seq_max)
            return jx_error(err, JX_E_INTERNAL, b->receiver, -1, -1,
                            "segment entries out of sequence order (%llu after %llu)",
                            (unsigned long long)e->seq, (unsigned long long)b->seq_max);
        if (e->raw_names != b->raw_names)
            return jx_error(err, JX_E_INTERNAL, b->receiver, -1, -1,
                            "entries with and without raw names in one segment");
        if (row >= JX_SEG_MAX_ROWS || e->ccsid != b->ccsid ||
            !name_eq(e->receiver, b->receiver) || !name_eq(e->system, b->system) ||
            !name_eq(e->receiver_lib, b->receiver_lib))
            return jx_error(err, JX_E_INTERNAL, b->receiver, -1, -1,
                            "segment entries must come from one receiver, at most %u",
                            JX_SEG_MAX_ROWS);
    }
    b->seq_max = e->seq;
    if (e->ts < b->ts_last) b->ts_sorted = false;
    b->ts_last = e->ts;
    if (e->ts < b->ts_min) b->ts_min = e->ts;
    if (e->ts > b->ts_max) b->ts_max = e->ts;
    /* numeric streams: zigzag varint of the difference with the previous
     * row of the frame (JX_BK_SEQ..JX_BK_ESDLEN) */
    if ((row - b->rg_first) % JX_FRAME_ROWS == 0) {
        for (unsigned k = 1; k <= JX_NUM_KINDS; k++) {
            b->fo[k][b->nf] = (uint32_t)b->num[k].len;
            b->prev[k] = 0;
        }
        b->nf++;
    }
    put_delta(b, JX_BK_SEQ, e->seq);
    put_delta(b, JX_BK_TS, (uint64_t)e->ts);
    put_delta(b, JX_BK_SYSSEQ, e->sysseq);
    put_delta(b, JX_BK_THREAD, e->thread);
    put_delta(b, JX_BK_JOBNBR, e->job_number);
    put_delta(b, JX_BK_PORT, e->remote_port);
    put_delta(b, JX_BK_ESDLEN, e->esd_len);
    struct buf *fb = &b->num[JX_BK_FLAGS];
    jx_le16_put(fb->p + fb->len, e->flags);
    fb->p[fb->len + 2] = (uint8_t)e->addr_family;
    fb->len += 3;

    /* string columns (key_of() reads 16 bytes of each value) */
    const char sub[16] = {e->subtype, 0}, code[16] = {e->code, 0};
    const char *v[JX_COL_COUNT_] = {
        [JX_COL_TYPE] = e->type, [JX_COL_USER] = e->user,
        [JX_COL_JOB_USER] = e->job_user, [JX_COL_TARGET_USER] = e->target_user,
        [JX_COL_OBJECT] = e->object, [JX_COL_OBJECT_LIB] = e->object_lib,
        [JX_COL_OBJECT_TYPE] = e->object_type, [JX_COL_PROGRAM] = e->program,
        [JX_COL_PROGRAM_LIB] = e->program_lib, [JX_COL_JOB] = e->job,
        [JX_COL_SUBTYPE] = sub, [JX_COL_CODE] = code,
        [JX_COL_REMOTE_ADDR] = e->remote_addr, [JX_COL_PATH] = e->path,
        [JX_COL_OBJTYPE_HDR] = e->object_type_hdr,
    };
    if (b->raw_names) {
        for (unsigned k = 0; k < JX_RN_COUNT_; k++) {
            struct dict *d = &b->d[raw_col[k]];
            if (e->raw_len[k] != d->rawlen)
                return jx_error(err, JX_E_INTERNAL, b->receiver, -1, -1,
                                "raw names of different lengths in one segment");
            if (dict_add_raw(d, e->raw[k], row))
                return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
            v[raw_col[k]] = NULL;
        }
    }
    for (int c = 0; c < JX_COL_COUNT_; c++)
        if (v[c] && dict_add(&b->d[c], v[c], row))
            return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    if (jobs_add(&b->jobs, e->job_number))
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");

    /* ESD bytes */
    if (buf_reserve(&b->esd_lens, 10) || buf_put(&b->esd_data, e->esd, e->esd_avail))
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    buf_varint(&b->esd_lens, e->esd_avail);
    b->esd_rows++;
    b->nrows++;
    int rc = JX_OK;
    if (b->esd_lens.len + b->esd_data.len - ESD_HEAD >= JX_ESD_BLOCK_BYTES)
        rc = flush_esd(b);
    if (!rc && b->nrows - b->rg_first == JX_ROWGROUP)
        rc = flush_rowgroup(b);
    if (!rc && b->out.len >= OUT_FLUSH)
        rc = out_flush(b);
    if (rc == JX_E_IO)
        return jx_error(err, rc, b->path, -1, -1, "cannot write segment: %s", strerror(errno));
    if (rc)
        return jx_error(err, rc, NULL, -1, -1, "out of memory");
    return JX_OK;
}

static int cmp_str(const void *a, const void *b, void *arg)
{
    const struct dict *d = arg;
    const uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return strcmp(d->arena + d->ents[x].off, d->arena + d->ents[y].off);
}

static int grow32(uint32_t **p, size_t *cap, size_t need)
{
    return jx_grow((void **)p, cap, need ? need : 1, sizeof(uint32_t)) ? JX_E_NOMEM : JX_OK;
}

/* Encode one value's rows [r, r+n) as a delta list or a bitmap range,
 * whichever is smaller, appending to b->post. */
static int encode_posting(struct jx_segbuild *b, const uint32_t *r, uint32_t n)
{
    struct buf *t = &b->tmp;
    t->len = 0;
    if (buf_reserve(t, (size_t)n * 5 + 16))
        return JX_E_NOMEM;
    t->p[t->len++] = JX_POST_LIST;
    buf_varint(t, n);
    uint32_t prev = 0;
    for (uint32_t i = 0; i < n; i++) {
        buf_varint(t, i ? r[i] - prev - 1 : r[i]);
        prev = r[i];
    }
    const uint64_t w0 = r[0] / 64, w1 = r[n - 1] / 64, nw = w1 - w0 + 1;
    const size_t bm = 1 + 10 + 10 + nw * 8;
    if (bm >= t->len)
        return buf_put(&b->post, t->p, t->len);
    if (buf_reserve(&b->post, bm))
        return JX_E_NOMEM;
    struct buf *o = &b->post;
    o->p[o->len++] = JX_POST_BITMAP;
    buf_varint(o, w0);
    buf_varint(o, nw);
    uint8_t *words = o->p + o->len;
    memset(words, 0, nw * 8);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t bit = r[i] - (uint32_t)(w0 * 64);
        words[bit >> 3] |= (uint8_t)(1u << (bit & 7));
    }
    o->len += nw * 8;
    return JX_OK;
}

/* Emit the postings of column c: values [lo, hi) per block, as an offset
 * table ((hi-lo+1) u32 LE, relative to the end of the table) + payloads. */
static int flush_postings(struct jx_segbuild *b, unsigned c, uint32_t lo, uint32_t hi)
{
    const uint32_t nv = hi - lo;
    b->scratch.len = 0;
    if (buf_reserve(&b->scratch, (size_t)(nv + 1) * 4 + b->post.len))
        return JX_E_NOMEM;
    for (uint32_t i = 0; i <= nv; i++)
        jx_le32_put(b->scratch.p + 4 * i, b->offs[i]);
    b->scratch.len = (size_t)(nv + 1) * 4;
    memcpy(b->scratch.p + b->scratch.len, b->post.p, b->post.len);
    b->scratch.len += b->post.len;
    b->post.len = 0;
    return emit(b, JX_BK_POST, c, 0, nv, lo, b->scratch.p, b->scratch.len);
}

/* A raw column's values become text, as a decoder converts the name
 * (jx_entry_name(): one rule), the key then cut like key_of() cuts a value
 * of an entry. The arena is replaced by the texts'. */
static int convert_raw(struct jx_segbuild *b, struct dict *d)
{
    const struct jx_ccsid *cc = jx_ccsid_get(b->ccsid);
    if (!cc)
        return JX_E_INTERNAL; /* the decoder that gave the raw names had it */
    /* one column's texts at a time (a few KB to tens of KB on real data:
     * values a segment, not rows), in the dictionary share of
     * jx_segbuild_mem_estimate() */
    struct buf *t = &b->conv;
    t->len = 0;
    if (buf_reserve(t, d->n * (size_t)(d->lim + 1)))
        return JX_E_NOMEM;
    for (size_t i = 0; i < d->n; i++) {
        struct dent *e = &d->ents[i];
        char txt[JX_NAME_SZ];
        jx_entry_name(cc, (const uint8_t *)d->arena + e->off, e->len, txt);
        const size_t n = strnlen(txt, JX_MIN((size_t)d->lim, sizeof(txt) - 1));
        memcpy(t->p + t->len, txt, n);
        t->p[t->len + n] = '\0';
        e->off = (uint32_t)t->len;
        e->len = (uint32_t)n;
        t->len += n + 1;
    }
    /* swap: the texts become the arena, the raw bytes' buffer is reused */
    char *const old = d->arena;
    const size_t ocap = d->acap;
    d->arena = (char *)t->p;
    d->acap = t->cap;
    d->alen = t->len;
    t->p = (uint8_t *)old;
    t->cap = ocap;
    t->len = 0;
    return JX_OK;
}

/* Column c, first step: counts, raw names converted, the sorted order
 * (values that convert alike merged), the rows' ids rewritten in place to
 * sorted ids (no larger, so the same width), the dictionary entries put in
 * sorted order, and the dictionary blocks emitted.
 * Dictionary blocks of all columns are written one after another, so a
 * reader fetching a few rows reads them in one go (doc/format.md §3.7). */
static int finish_dict(struct jx_segbuild *b, unsigned c)
{
    struct dict *d = &b->d[c];
    int rc;
    for (uint32_t i = 0; i < d->cap; i++)
        if (d->slots[i].hash)
            d->ents[d->slots[i].id].count = d->slots[i].count;
    if (d->raw && (rc = convert_raw(b, d)))
        return rc;
    const uint32_t n0 = (uint32_t)d->n;
    if (grow32(&b->perm, &b->perm_cap, n0) || grow32(&b->remap, &b->remap_cap, n0))
        return JX_E_NOMEM;
    for (uint32_t i = 0; i < n0; i++)
        b->perm[i] = i;
    qsort_r(b->perm, n0, sizeof(uint32_t), cmp_str, d);
    b->tmp.len = 0;
    if (buf_reserve(&b->tmp, (size_t)n0 * sizeof(struct dent)))
        return JX_E_NOMEM;
    /* sorted ids; values equal as text (raw keys that convert alike, e.g.
     * blank or X'00' padding) merge into one, their rows counted together */
    struct dent *const sorted = (struct dent *)(void *)b->tmp.p;
    uint32_t n = 0;
    for (uint32_t i = 0; i < n0; i++) {
        const struct dent *e = &d->ents[b->perm[i]];
        if (d->raw && n && e->len == sorted[n - 1].len &&
            !memcmp(d->arena + e->off, d->arena + sorted[n - 1].off, e->len)) {
            sorted[n - 1].count += e->count;
        } else {
            sorted[n++] = *e;
        }
        b->remap[b->perm[i]] = n - 1;
    }
    memcpy(d->ents, sorted, (size_t)n * sizeof(struct dent));
    d->n = n;
    if (d->wide)
        for (uint64_t r = 0; r < b->nrows; r++)
            ((uint32_t *)d->ids)[r] = b->remap[((uint32_t *)d->ids)[r]];
    else
        for (uint64_t r = 0; r < b->nrows; r++)
            ((uint16_t *)d->ids)[r] = (uint16_t)b->remap[((uint16_t *)d->ids)[r]];

    /* dictionary (sorted), in blocks of about JX_DICT_BLOCK_BYTES: each
     * the number of its values, then per value: rows, length, bytes, NUL.
     * A reader that needs a few values decodes the blocks holding them,
     * not the whole dictionary (format §3.4) */
    uint32_t lo = 0;
    while (lo < n) {
        b->scratch.len = 0;
        if (buf_reserve(&b->scratch, 10))
            return JX_E_NOMEM;
        b->scratch.len = 5; /* room for the count, moved into place below */
        uint32_t i = lo;
        for (; i < n && (i == lo || b->scratch.len < JX_DICT_BLOCK_BYTES); i++) {
            const struct dent *e = &d->ents[i];
            if (buf_reserve(&b->scratch, 20 + (size_t)e->len + 1))
                return JX_E_NOMEM;
            buf_varint(&b->scratch, e->count);
            buf_varint(&b->scratch, e->len);
            memcpy(b->scratch.p + b->scratch.len, d->arena + e->off, e->len + 1);
            b->scratch.len += e->len + 1;
        }
        uint8_t cnt[10];
        const size_t cl = jx_varint_put(cnt, i - lo);
        uint8_t *const start = b->scratch.p + 5 - cl;
        memcpy(start, cnt, cl);
        if ((rc = emit(b, JX_BK_DICT, c, 0, i - lo, lo, start, b->scratch.len - (5 - cl))))
            return rc;
        lo = i;
    }
    return JX_OK;
}

/* The id block of column c for the row group starting at row g, in the
 * narrowest width that holds n-1. finish() emits the id blocks row group by
 * row group (all columns of a group side by side): a row's ids are then
 * one contiguous read (doc/format.md §3.7). */
/* Lay out the m ids of a row group (32-bit if wide, else 16-bit) at src as
 * `width`-byte ids at p, with each frame's stats (bitpack.h). Inlined with
 * constant wide and width (emit_ids()), so no id pays a branch on them. */
static inline __attribute__((always_inline)) void
lay_ids(uint8_t *p, const void *src, bool wide, unsigned width, uint32_t m,
        struct jx_pack_stats *st)
{
    for (uint32_t f0 = 0, k = 0; f0 < m; f0 += JX_FRAME_ROWS, k++) {
        const uint32_t f1 = JX_MIN(m, f0 + JX_FRAME_ROWS);
        uint32_t lo = UINT32_MAX, hi = 0, rep = 0, prev = 0;
        for (uint32_t i = f0; i < f1; i++) {
            const uint32_t v = wide ? ((const uint32_t *)src)[i] : ((const uint16_t *)src)[i];
            if (width == 1)
                p[i] = (uint8_t)v;
            else if (width == 2)
                jx_le16_put(p + 2 * i, (uint16_t)v);
            else
                jx_le32_put(p + 4 * i, v);
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
            rep += i > f0 && v == prev;
            prev = v;
        }
        st[k] = (struct jx_pack_stats){lo, hi, rep};
    }
}

static int emit_ids(struct jx_segbuild *b, unsigned c, uint64_t g)
{
    const struct dict *d = &b->d[c];
    const uint32_t n = (uint32_t)d->n;
    const unsigned width = n <= 256 ? 1 : n <= 65536 ? 2 : 4;
    const uint32_t m = (uint32_t)JX_MIN((uint64_t)JX_ROWGROUP, b->nrows - g);
    b->scratch.len = 0;
    if (buf_reserve(&b->scratch, (size_t)m * width))
        return JX_E_NOMEM;
    uint8_t *p = b->scratch.p;
    struct jx_pack_stats st[JX_ROWGROUP / JX_FRAME_ROWS];
    if (d->wide) {
        /* (a raw column's values can merge to fewer at finish: any width) */
        const uint32_t *src = (const uint32_t *)d->ids + g;
        if (width == 1)
            lay_ids(p, src, true, 1, m, st);
        else if (width == 2)
            lay_ids(p, src, true, 2, m, st);
        else
            lay_ids(p, src, true, 4, m, st);
    } else {
        const uint16_t *src = (const uint16_t *)d->ids + g;
        if (width == 1)
            lay_ids(p, src, false, 1, m, st);
        else if (width == 2)
            lay_ids(p, src, false, 2, m, st);
        else
            lay_ids(p, src, false, 4, m, st);
    }
    uint32_t fo[JX_ROWGROUP / JX_FRAME_ROWS], nf = 0;
    for (uint32_t i = 0; i < m; i += JX_FRAME_ROWS)
        fo[nf++] = i * width;
    return emit_framed(b, JX_BK_IDS, c, width, m, g, p, (size_t)m * width, fo, nf, st);
}

/* Move the numeric blocks of the row group starting at row g from numbuf to
 * the output, where its id blocks follow (their entries get file offsets). */
static int place_numbers(struct jx_segbuild *b, uint64_t g)
{
    struct jx_dirent *const de = &b->dir[b->num_di[g / JX_ROWGROUP]];
    const uint64_t lo = de[0].off, hi = de[JX_NUM_KINDS - 1].off + de[JX_NUM_KINDS - 1].clen;
    for (unsigned k = 0; k < JX_NUM_KINDS; k++)
        if (de[k].kind != k + 1 || de[k].first != g || de[k].off < lo ||
            de[k].off + de[k].clen > hi || hi > b->numbuf.len)
            return JX_E_INTERNAL;
    if (out_room(b, (size_t)(hi - lo)))
        return JX_E_NOMEM;
    memcpy(b->out.p + b->out.len, b->numbuf.p + lo, (size_t)(hi - lo));
    for (unsigned k = 0; k < JX_NUM_KINDS; k++)
        de[k].off += b->out_base + b->out.len - lo;
    b->out.len += (size_t)(hi - lo);
    return JX_OK;
}

/* Column c's postings (after finish_dict(): sorted ids and entries). */
static int finish_postings(struct jx_segbuild *b, unsigned c)
{
    const struct dict *d = &b->d[c];
    const uint32_t n = (uint32_t)d->n;
    int rc;
    if (!jx_col_has_postings((enum jx_col)c))
        return JX_OK;
    /* counting sort of the rows by sorted id */
    if (grow32(&b->start, &b->start_cap, (size_t)n + 1) ||
        grow32(&b->rows, &b->rows_cap2, b->nrows) ||
        grow32(&b->offs, &b->offs_cap, (size_t)n + 1))
        return JX_E_NOMEM;
    uint32_t acc = 0;
    for (uint32_t i = 0; i < n; i++) {
        b->start[i] = acc;
        acc += d->ents[i].count;
    }
    b->start[n] = acc;
    for (uint64_t r = 0; r < b->nrows; r++)
        b->rows[b->start[dict_id(d, r)]++] = (uint32_t)r;
    for (uint32_t i = n; i > 0; i--)   /* undo the ++: start[i] = begin of i */
        b->start[i] = b->start[i - 1];
    b->start[0] = 0;
    b->post.len = 0;
    uint32_t lo = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (b->post.len >= JX_POST_BLOCK_BYTES && i > lo) {
            b->offs[i - lo] = (uint32_t)b->post.len;
            if ((rc = flush_postings(b, c, lo, i)))
                return rc;
            lo = i;
        }
        b->offs[i - lo] = (uint32_t)b->post.len;
        if ((rc = encode_posting(b, b->rows + b->start[i], b->start[i + 1] - b->start[i])))
            return rc;
    }
    b->offs[n - lo] = (uint32_t)b->post.len;
    return flush_postings(b, c, lo, n);
}

static int emit_bloom(struct jx_segbuild *b, unsigned which, uint64_t distinct)
{
    unsigned log2m = 9; /* 512 bits at least */
    while (((uint64_t)1 << log2m) < distinct * JX_BLOOM_BITS_PER_VALUE && log2m < 31)
        log2m++;
    const size_t nb = ((size_t)1 << log2m) / 8;
    b->scratch.len = 0;
    if (buf_reserve(&b->scratch, nb + 8))
        return JX_E_NOMEM;
    uint8_t *p = b->scratch.p;
    memset(p, 0, nb + 8);
    p[0] = (uint8_t)log2m;
    p[1] = JX_BLOOM_K;
    uint8_t *bits = p + 8;
    if (which == JX_BLOOM_JOB_NUMBER) {
        char t[16];
        for (uint32_t w = 0; w < JOBMAP_BITS / 64; w++)
            for (uint64_t m = b->jobs.map[w]; m; m &= m - 1) {
                const uint32_t v = w * 64 + (uint32_t)__builtin_ctzll(m);
                jx_bloom_add(bits, log2m, JX_BLOOM_K, t, fmt_jobnr(v, t));
            }
        for (size_t i = 0; i < b->jobs.nbig; i++)
            jx_bloom_add(bits, log2m, JX_BLOOM_K, t, fmt_jobnr(b->jobs.big[i], t));
    } else {
        const struct dict *d = &b->d[which == JX_BLOOM_PATH ? JX_COL_PATH : JX_COL_REMOTE_ADDR];
        for (size_t i = 0; i < d->n; i++)
            jx_bloom_add(bits, log2m, JX_BLOOM_K, d->arena + d->ents[i].off, d->ents[i].len);
    }
    return emit(b, JX_BK_BLOOM, which, 0, (uint32_t)distinct, 0, p, nb + 8);
}


int jx_segbuild_finish(struct jx_segbuild *b, struct jx_segwritten *out,
                       struct jx_errctx *err)
{
    char name[64];
    uint8_t h[JX_SEG_HDR_SIZE];
    int rc = JX_OK;

    bool bad_dir = false;
    out->fd = -1;
    jx_seg_filename(b->segno, name, sizeof(name));
    if (b->nrows == 0)
        return jx_error(err, JX_E_INTERNAL, b->path, -1, -1, "empty segment");
    if ((rc = flush_esd(b)) || (rc = flush_rowgroup(b)))
        goto fail;
    /* file order: dictionaries, id blocks by row group, postings by column
     * (doc/format.md §3.7) */
    for (unsigned c = 0; c < JX_COL_COUNT_; c++)
        if ((rc = finish_dict(b, c)) || (b->out.len >= OUT_FLUSH && (rc = out_flush(b))))
            goto fail;
    for (uint64_t g = 0; g < b->nrows; g += JX_ROWGROUP) {
        if ((rc = place_numbers(b, g)))
            goto fail;
        for (unsigned c = 0; c < JX_COL_COUNT_; c++)
            if ((rc = emit_ids(b, c, g)))
                goto fail;
        if (b->out.len >= OUT_FLUSH && (rc = out_flush(b)))
            goto fail;
    }
    for (unsigned c = 0; c < JX_COL_COUNT_; c++)
        if ((rc = finish_postings(b, c)) || (b->out.len >= OUT_FLUSH && (rc = out_flush(b))))
            goto fail;
    if ((rc = emit_bloom(b, JX_BLOOM_JOB_NUMBER, jobs_distinct(&b->jobs))) ||
        (rc = emit_bloom(b, JX_BLOOM_REMOTE_ADDR, b->d[JX_COL_REMOTE_ADDR].n)) ||
        (rc = emit_bloom(b, JX_BLOOM_PATH, b->d[JX_COL_PATH].n)))
        goto fail;

    /* directory (format §3.2a): row group g's 23 row blocks at 23g + their
     * stream, then the ESD blocks, then the head (dictionaries, postings,
     * blooms, in file order); then the hash of each page */
    const uint64_t dir_off = b->out_base + b->out.len;
    const uint32_t groups = (uint32_t)((b->nrows + JX_ROWGROUP - 1) / JX_ROWGROUP);
    uint32_t nesd = 0;
    for (size_t i = 0; i < b->ndir; i++)
        nesd += b->dir[i].kind == JX_BK_ESD;
    const uint32_t esd0 = groups * JX_RG_ENTS, head0 = esd0 + nesd;
    const uint32_t npages = groups + (nesd + JX_ESD_PAGE - 1) / JX_ESD_PAGE + 1;
    const size_t ents_len = b->ndir * JX_DIRENT_SIZE, dir_len = ents_len + 8u * npages;
    if (b->ndir <= head0 || buf_reserve(&b->out, dir_len)) {
        rc = b->ndir <= head0 ? JX_E_INTERNAL : JX_E_NOMEM;
        bad_dir = b->ndir <= head0;
        goto fail;
    }
    uint8_t *const dir = b->out.p + b->out.len;
    memset(dir, 0, ents_len);
    uint32_t next_esd = esd0, next_head = head0;
    for (size_t i = 0; i < b->ndir; i++) {
        const struct jx_dirent *de = &b->dir[i];
        size_t at;
        if (de->kind >= JX_BK_SEQ && de->kind <= JX_BK_IDS)
            at = (size_t)(de->first / JX_ROWGROUP) * JX_RG_ENTS +
                 (de->kind == JX_BK_IDS ? JX_NUM_KINDS + (unsigned)de->col : de->kind - 1u);
        else
            at = de->kind == JX_BK_ESD ? next_esd++ : next_head++;
        uint8_t *p = dir + at * JX_DIRENT_SIZE;
        if (at >= b->ndir || p[0]) { /* every place is taken once */
            rc = JX_E_INTERNAL;
            bad_dir = true;
            goto fail;
        }
        p[0] = de->kind;
        p[1] = de->col;
        p[2] = de->codec;
        p[3] = de->width;
        jx_le32_put(p + 4, de->nitems);
        jx_le64_put(p + 8, de->first);
        jx_le64_put(p + 16, de->off);
        jx_le32_put(p + 24, de->clen);
        jx_le32_put(p + 28, de->ulen);
        jx_le64_put(p + 32, de->hash);
    }
    uint8_t *const tab = dir + ents_len;
    for (uint32_t pg = 0; pg < npages; pg++) {
        const uint32_t first = pg == npages - 1 ? head0
                               : pg >= groups   ? esd0 + (pg - groups) * JX_ESD_PAGE
                                                : pg * JX_RG_ENTS;
        const uint32_t n = pg == npages - 1 ? (uint32_t)b->ndir - head0
                           : pg >= groups   ? JX_MIN(JX_ESD_PAGE, head0 - first)
                                            : JX_RG_ENTS;
        jx_le64_put(tab + 8u * pg, XXH3_64bits(dir + (size_t)first * JX_DIRENT_SIZE,
                                               (size_t)n * JX_DIRENT_SIZE));
    }
    const uint64_t dir_hash = XXH3_64bits(tab, 8u * npages);
    b->out.len += dir_len;
    const uint64_t file_bytes = b->out_base + b->out.len;

    /* header */
    memset(h, 0, JX_SEG_HDR_SIZE);
    memcpy(h + JX_SH_MAGIC, JX_SEG_MAGIC, 8);
    jx_le32_put(h + JX_SH_VERSION, JX_INDEX_FORMAT_VERSION);
    jx_le32_put(h + JX_SH_HDRSIZE, JX_SEG_HDR_SIZE);
    jx_le64_put(h + JX_SH_NROWS, b->nrows);
    jx_le64_put(h + JX_SH_SEQMIN, b->seq_min);
    jx_le64_put(h + JX_SH_SEQMAX, b->seq_max);
    jx_le64_put(h + JX_SH_TSMIN, (uint64_t)b->ts_min);
    jx_le64_put(h + JX_SH_TSMAX, (uint64_t)b->ts_max);
    jx_le32_put(h + JX_SH_CCSID, b->ccsid);
    jx_le32_put(h + JX_SH_NDIR, (uint32_t)b->ndir);
    jx_le64_put(h + JX_SH_DIROFF, dir_off);
    jx_le64_put(h + JX_SH_DIRLEN, dir_len);
    jx_le64_put(h + JX_SH_DIRHASH, dir_hash);
    jx_le64_put(h + JX_SH_SEGNO, b->segno);
    memcpy(h + JX_SH_SYSTEM, b->system, strlen(b->system));
    memcpy(h + JX_SH_RECEIVER, b->receiver, strlen(b->receiver));
    memcpy(h + JX_SH_RCVLIB, b->receiver_lib, strlen(b->receiver_lib));
    jx_le32_put(h + JX_SH_ROWGROUP, JX_ROWGROUP);
    jx_le32_put(h + JX_SH_FRAME, JX_FRAME_ROWS);
    jx_le32_put(h + JX_SH_FLAGS, b->ts_sorted ? JX_SEGF_TS_SORTED : 0);
    jx_le32_put(h + JX_SH_NCOLS, JX_COL_COUNT_);
    jx_le32_put(h + JX_SH_NESD, nesd);
    jx_le32_put(h + JX_SH_ESDPAGE, JX_ESD_PAGE);
    const uint64_t hdr_hash = XXH3_64bits(h, JX_SH_HASH);
    jx_le64_put(h + JX_SH_HASH, hdr_hash);

    /* the rest of the file, then the header in its place at offset 0 (in
     * the buffer still when nothing was written yet) */
    const bool hdr_in_buf = b->out_base == 0;
    if (hdr_in_buf)
        memcpy(b->out.p, h, JX_SEG_HDR_SIZE);
    if ((rc = out_flush(b)))
        goto fail;
    if (!hdr_in_buf) {
        ssize_t w;
        while ((w = pwrite(b->fd, h, JX_SEG_HDR_SIZE, 0)) < 0 && errno == EINTR)
            ;
        if (w != (ssize_t)JX_SEG_HDR_SIZE) {
            if (w >= 0)
                errno = EIO;
            rc = JX_E_IO;
            goto fail;
        }
        (void)sync_file_range(b->fd, 0, JX_SEG_HDR_SIZE, SYNC_FILE_RANGE_WRITE);
    }
    /* jx_writer_add_receiver() waits for the writeback (fsync) */
    memset(out, 0, sizeof(*out));
    out->fd = b->fd;
    b->fd = -1;
    snprintf(out->path, sizeof(out->path), "%s", b->path);
    out->info.nrows = b->nrows;
    out->info.seq_min = b->seq_min;
    out->info.seq_max = b->seq_max;
    out->info.ts_min = b->ts_min;
    out->info.ts_max = b->ts_max;
    memcpy(out->info.system, b->system, sizeof(b->system));
    memcpy(out->info.receiver, b->receiver, sizeof(b->receiver));
    memcpy(out->info.receiver_lib, b->receiver_lib, sizeof(b->receiver_lib));
    out->info.file_bytes = file_bytes;
    snprintf(out->info.file, sizeof(out->info.file), "%s", name);
    out->hdr_hash = hdr_hash;
    out->ccsid = b->ccsid;
    return JX_OK;
fail:
    if (rc == JX_E_IO)
        return jx_error(err, rc, b->path, -1, -1, "cannot write segment: %s", strerror(errno));
    return jx_error(err, rc, b->path, -1, -1, "%s",
                    rc == JX_E_NOMEM ? "out of memory building the segment"
                    : bad_dir        ? "directory without one block per row group and stream"
                                     : "block too large to compress");
}
