/*
 * index/seg_int.h - private to index/: the in-memory form of an open
 * segment (struct jx_seg), shared by the reader (index.c), the segment
 * loader (segread.c) and verify (verify.c).
 */
#ifndef JX_SEG_INT_H
#define JX_SEG_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "index_int.h"

/* Streams: groups of directory entries of the same kind (and column). The
 * row streams (numeric kinds, ids, ESD) come first: a cursor caches one
 * block of each. */
#define JX_S_NUM(kind) ((unsigned)(kind) - 1u)            /* 0..7 */
#define JX_S_IDS(col) (JX_NUM_KINDS + (unsigned)(col))    /* 8..22 */
#define JX_S_ESD (JX_NUM_KINDS + JX_COL_COUNT_)           /* 23 */
#define JX_S_ROWSTREAMS (JX_S_ESD + 1)
#define JX_S_POST(col) (JX_S_ROWSTREAMS + (unsigned)(col)) /* 24..38 */
#define JX_S_COUNT (JX_S_ROWSTREAMS + JX_COL_COUNT_)

struct jx_stream {
    uint32_t *ents;          /* directory indices, in row / id order */
    uint32_t n;
};

/* The segment files of one index that hold a descriptor: at most `cap` at
 * once, the least recently used closed first and reopened on its next read
 * (segments are immutable files: reopening one by name reads the same
 * bytes). Years of data are more segments than a process may have
 * descriptors (a query over all of them opens every one). Its mutex is a
 * leaf: nothing else is locked while it is held. */
struct jx_fdcache {
    pthread_mutex_t mu;
    struct jx_seg *mru, *lru; /* the segments holding a descriptor */
    size_t open, cap;
};
void jx_fdcache_init(struct jx_fdcache *c, size_t cap);
void jx_fdcache_destroy(struct jx_fdcache *c);

struct jx_sdict {
    uint32_t n;
    uint8_t width;           /* bytes per id in the id blocks */
    /* as arrays (sorted by strcmp; rows per value): only after
     * jx_seg_check_all() (verify); readers use jx_sdict_value() */
    const char **str;
    uint64_t *count;
    uint32_t di;             /* directory entry of its first block */
    uint32_t nblk;           /* blocks: entries di .. di+nblk-1, value ids
                              * in order (format §3.4) */
    uint8_t *buf;            /* decompressed block (owned) */
    uint32_t *off;           /* offset in buf of value i (its count) */
};

struct jx_sbloom {
    const uint8_t *bits;
    unsigned log2m, k;
    uint32_t di;
    uint8_t *buf;
};

/* I/O of the segments of one open index (jx_index_io()): blocks taken
 * (hash-checked) and reads made. Relaxed atomics: counts, not ordering. */
struct jx_iostat {
    _Atomic uint64_t blocks, reads, bytes;
};

struct jx_seg {
    char *path;
    struct jx_iostat *io;    /* the index's counters, or NULL */
    size_t idx;              /* position in the index */
    /* blocks are read with pread(), never mapped. With fdc (the index's),
     * fd is -1 while the file is closed, and fd, fd_users (reads in
     * progress: never closed under them) and the list links are under
     * fdc->mu; without, fd stays open from load to unload. */
    int fd;
    struct jx_fdcache *fdc;
    uint32_t fd_users;
    struct jx_seg *fd_prev, *fd_next;
    size_t size;
    uint64_t nrows, seq_min, seq_max, segno;
    int64_t ts_min, ts_max;
    uint16_t ccsid;
    uint32_t version;        /* format version of this file (1 to 5) */
    uint32_t rowgroup;
    uint32_t frame;          /* rows per frame of a FRAMED row block (v1: rowgroup) */
    uint32_t flags;          /* JX_SEGF_* (v1: 0) */
    char system[JX_NAME_SZ], receiver[JX_NAME_SZ], receiver_lib[JX_NAME_SZ];
    /* The directory, decoded on use with jx_seg_dirent(). Versions 1-2:
     * one page, read and checked whole at open. Version 3 (format §3.2a):
     * entries in a fixed order cut into pages, each with its own hash in
     * the page table; the head page (dictionaries, postings, blooms) is
     * read at open, a row group's page or an ESD page when a row needs it
     * (jx_seg_page()). `dir`, the entries as an array, exists only once
     * jx_seg_check_all() ran (jx_index_seg(): verify, info). */
    struct jx_dirent *dir;
    _Atomic(const uint8_t *) *pg; /* npages pages, NULL until read (arena) */
    const uint8_t *pgtab;    /* v3: the page table as stored: XXH3 of each page, 8 B LE */
    uint32_t npages;
    uint32_t ngroups;        /* row groups */
    uint32_t nesd, esdpage;  /* v3: ESD entries and entries per ESD page */
    uint32_t esd0, head0;    /* v3: first ESD entry, first head entry (v1-2: 0, 0) */
    const uint8_t *esdraw;   /* v3: all ESD pages, read with the head (arena), each
                              * checked when first used; NULL: read per page */
    struct jx_arena *arena;  /* the index's: pages are read into it */
    uint32_t *ents;          /* the streams' entry lists (one allocation; arena) */
    uint32_t ndir;
    uint64_t dir_off;
    struct jx_stream st[JX_S_COUNT];
    /* dict[c].n/width/di and bloom[b].di come from the directory at open;
     * the rest of dict[c] / bloom[b] is valid once bit c / b of
     * dict_ready / bloom_ready is set (jx_seg_load_cols, under `mu`) */
    struct jx_sdict dict[JX_COL_COUNT_];
    struct jx_sbloom bloom[JX_BLOOM_COUNT_];
    pthread_mutex_t mu;
    _Atomic uint32_t dict_ready, bloom_ready;
};

_Static_assert(JX_RG_ENTS == JX_S_ESD, "a row group's page holds one entry per row stream");

/* Page of directory entry di (version 1-2: the one page). */
static inline uint32_t jx_seg_page_of(const struct jx_seg *s, uint32_t di)
{
    if (di >= s->head0)
        return s->npages - 1;
    if (di >= s->esd0)
        return s->ngroups + (di - s->esd0) / s->esdpage;
    return di / JX_RG_ENTS;
}

/* Stored bytes of directory entry di, whose page must be loaded: the
 * caller got di from jx_seg_row_block() or the head (always loaded). */
static inline const uint8_t *jx_seg_dent(const struct jx_seg *s, uint32_t di)
{
    uint32_t base;
    const uint32_t p = jx_seg_page_of(s, di);
    if (di >= s->head0)
        base = s->head0;
    else if (di >= s->esd0)
        base = s->esd0 + (p - s->ngroups) * s->esdpage;
    else
        base = p * JX_RG_ENTS;
    return atomic_load_explicit(&s->pg[p], memory_order_relaxed) +
           (size_t)(di - base) * JX_DIRENT_SIZE;
}

/* Directory entry di (see jx_seg_dent()). Field by field: a struct copy
 * compiles to a slow `rep movs` here. */
static inline struct jx_dirent jx_seg_dirent(const struct jx_seg *s, uint32_t di)
{
    struct jx_dirent de;
    const uint8_t *p = jx_seg_dent(s, di);
    de.kind = p[0];
    de.col = p[1];
    de.codec = p[2];
    de.width = p[3];
    de.nitems = jx_le32(p + 4);
    de.first = jx_le64(p + 8);
    de.off = jx_le64(p + 16);
    de.clen = jx_le32(p + 24);
    de.ulen = jx_le32(p + 28);
    de.hash = jx_le64(p + 32);
    return de;
}

/* Directory entry of block k of stream si (row group k of a numeric or id
 * column, the k-th ESD or postings block): computed in version 3, listed
 * in st[si].ents otherwise. Row streams' pages are not loaded by this. */
static inline uint32_t jx_seg_stream_ent(const struct jx_seg *s, unsigned si, uint32_t k)
{
    if (s->version >= 3 && si < JX_S_ESD)
        return k * JX_RG_ENTS + si;
    if (s->version >= 3 && si == JX_S_ESD)
        return s->esd0 + k;
    return s->st[si].ents[k];
}

/*! jx_seg_page() : make page p of the directory readable (read and hash
 *  checked once; thread-safe). */
int jx_seg_page(struct jx_seg *s, uint32_t p, struct jx_errctx *err);

/*! jx_seg_pages() : jx_seg_page(p), reading with it up to ahead - 1 unread
 *  pages after p of its kind (row-group pages; ESD pages) in the same read:
 *  a column scan needs every row group's page, and one read of 60 KB costs
 *  less than 64 of 1 KB. */
int jx_seg_pages(struct jx_seg *s, uint32_t p, uint32_t ahead, struct jx_errctx *err);

/*! jx_seg_check_all() : check every rule of the directory (what readers
 *  otherwise check block by block on use) and fill s->dir. Once;
 *  thread-safe. */
int jx_seg_check_all(struct jx_seg *s, struct jx_errctx *err);

/* Value id of a loaded dictionary: its string, and its row count if
 * `count` is not NULL. (The varints were checked when it was loaded.) */
static inline const char *jx_sdict_value(const struct jx_sdict *d, uint32_t id,
                                         uint64_t *count)
{
    const uint8_t *p = d->buf + d->off[id];
    uint64_t v = 0;
    unsigned sh = 0;
    while (*p & 0x80) {
        v |= (uint64_t)(*p++ & 0x7f) << sh;
        sh += 7;
    }
    v |= (uint64_t)*p++ << sh;
    if (count)
        *count = v;
    while (*p++ & 0x80)      /* the length */
        ;
    return (const char *)p;
}

/* Is dictionary c / bloom b of s loaded? (acquire: what the loader wrote
 * is visible to the caller once this says yes) */
static inline bool jx_seg_dict_ready(const struct jx_seg *s, unsigned c)
{
    return (atomic_load_explicit(&s->dict_ready, memory_order_acquire) >> c) & 1u;
}
static inline bool jx_seg_bloom_ready(const struct jx_seg *s, unsigned b)
{
    return (atomic_load_explicit(&s->bloom_ready, memory_order_acquire) >> b) & 1u;
}

/* The MANIFEST an open index read (verify). */
const struct jx_manifest *jx_index_manifest(const struct jx_index *ix);

/*! jx_seg_load() : open and check segment `info` of the index in `dir`
 *  (header and directory, their hashes and structure); its descriptor is
 *  one of fdc's (NULL: held open until jx_seg_unload()). With esd_pages, a
 *  version 3 segment's ESD directory pages come with the head (one read,
 *  for queries that fetch rows: one pread a row less). Dictionaries and
 *  blooms are loaded later, on demand, by jx_seg_load_cols(). The directory
 *  and its index live in `arena` (the index's: freed when it closes). */
int jx_seg_load(const char *dir, const struct jx_seginfo *info, uint64_t hdr_hash,
                size_t idx, struct jx_arena *arena, bool esd_pages, struct jx_fdcache *fdc,
                struct jx_seg **out, struct jx_errctx *err);
/*! jx_seg_load_cols() : load (once; thread-safe) the dictionaries of the
 *  columns in dict_mask and the blooms in bloom_mask (JX_DICT(c) /
 *  JX_BLOOM(b) bits), every hash checked. */
int jx_seg_load_cols(struct jx_seg *s, uint32_t dict_mask, uint32_t bloom_mask,
                     struct jx_errctx *err);
void jx_seg_unload(struct jx_seg *s);
/*! jx_seg_stored() : check directory entry `di` (into *de), read the
 *  stored bytes of its block into *buf (grown as needed: at offset ulen
 *  for LZ4, leaving room to decode in front, else at 0) and check their
 *  hash. */
int jx_seg_stored(const struct jx_seg *s, uint32_t di, uint8_t **buf, size_t *cap,
                  struct jx_dirent *de, struct jx_errctx *err);

/* A run of blocks read from the file at once (jx_seg_span_read()). */
struct jx_span {
    uint8_t *buf;
    size_t cap;
    uint64_t off;            /* file offset of buf[0] */
    size_t len;              /* bytes held; 0: none */
};
/* Span classes: the blocks a row fetch reads together. */
enum { JX_SPAN_NUM, JX_SPAN_IDS, JX_SPAN_DICT, JX_SPAN_COUNT_ };
/*! jx_seg_span_read() : read into sp the file bytes of block di and of the
 *  directory neighbours of its class that lie next to it in the file (the
 *  numeric blocks of its row group, the id blocks of its row group, or the
 *  dictionary blocks: format §3.7), at most max_bytes in all; *cls gets
 *  the class, -1 if the block has none (only its own bytes are read).
 *  Nothing is checked but the bounds: jx_seg_stored_span() checks each
 *  block's entry and hash when it is taken from the span. */
int jx_seg_span_read(const struct jx_seg *s, uint32_t di, size_t max_bytes,
                     struct jx_span *sp, struct jx_errctx *err);
/*! jx_seg_span_class() : the span class of block di, -1 if none. */
int jx_seg_span_class(const struct jx_seg *s, uint32_t di);
/*! jx_seg_stored_span() : jx_seg_stored(), taking the stored bytes from
 *  sp when it holds them (else reading them). */
int jx_seg_stored_span(const struct jx_seg *s, uint32_t di, const struct jx_span *sp,
                       uint8_t **buf, size_t *cap, struct jx_dirent *de,
                       struct jx_errctx *err);
/*! jx_seg_row_block() : the directory entry of the block of row stream si
 *  holding `row`, checked against its place in the stream (its directory
 *  page read first if need be, with up to ahead - 1 pages after it:
 *  jx_seg_pages()). */
int jx_seg_row_block(struct jx_seg *s, unsigned si, uint64_t row, uint32_t ahead,
                     uint32_t *di, struct jx_errctx *err);
/* Most frames a row block may have (a bitmask of them fits a word). */
#define JX_MAX_FRAMES 64u
/*! jx_seg_dirent_ok() : is directory entry de in bounds (its stored bytes
 *  inside the blocks, its codec allowed for its kind, its decoded size one
 *  its stored bytes can decode to)? Every reader checks an entry with it
 *  before it allocates for or reads the block. */
bool jx_seg_dirent_ok(const struct jx_seg *s, const struct jx_dirent *de);
/*! jx_lz4_offsets_ok() : do the LZ4 sequences of the sl bytes at src that
 *  produce the first `upto` decoded bytes copy their matches from bytes
 *  already decoded (offset 1 .. bytes so far)? Checked before every LZ4
 *  decode of a block or frame: liblz4 (1.9.4) takes a match of offset 0,
 *  which the LZ4 block format calls invalid and no compressor writes, and
 *  "copies" the destination's previous bytes (stale memory), so a partial
 *  decode (cursors) and a whole one (verify) of such data disagree. Only the
 *  offsets: lengths and bounds are liblz4's to check. */
bool jx_lz4_offsets_ok(const uint8_t *src, size_t sl, size_t upto);
/*! jx_seg_unpack() : decode the stored bytes src of block di (entry de,
 *  hash already checked) to dst (room for ulen): a copy when raw (none when
 *  src == dst), else LZ4 to exactly ulen bytes. */
int jx_seg_unpack(const struct jx_seg *s, uint32_t di, const struct jx_dirent *de,
                  const uint8_t *src, uint8_t *dst, struct jx_errctx *err);
/*! jx_seg_frame_table() : check the frame table of FRAMED block di (its
 *  stored bytes at `stored`); soff[i] / doff[i] = start of frame i in the
 *  stored / decoded bytes, i <= *nf (room: JX_MAX_FRAMES + 1); bit i of
 *  *packed: frame i is bit-packed (version 5 id blocks, bitpack.h). */
int jx_seg_frame_table(const struct jx_seg *s, uint32_t di, const struct jx_dirent *de,
                       const uint8_t *stored, uint32_t *soff, uint32_t *doff, uint32_t *nf,
                       uint64_t *packed, struct jx_errctx *err);
/*! jx_seg_frame_decode() : decode frame f of block di (entry de) to
 *  dst + doff[f] (whole). */
int jx_seg_frame_decode(const struct jx_seg *s, uint32_t di, const struct jx_dirent *de,
                        const uint8_t *stored, const uint32_t *soff, const uint32_t *doff,
                        uint64_t packed, uint32_t f, uint8_t *dst, struct jx_errctx *err);
/*! jx_seg_block() : read block `di`, verify its hash and decode it into
 *  *buf (grown as needed, caller frees); *data points into *buf. */
int jx_seg_block(const struct jx_seg *s, uint32_t di, uint8_t **buf, size_t *cap,
                 const uint8_t **data, size_t *len, struct jx_errctx *err);
/*! jx_seg_rows_decode() : check a row block's bytes and decode it: numeric
 *  streams into vals[0..n), ESD into row offsets vals[0..n]; flags and ids
 *  blocks are only checked (vals may be NULL). */
int jx_seg_rows_decode(const struct jx_seg *s, uint32_t di, const uint8_t *data,
                       size_t len, uint64_t *vals, struct jx_errctx *err);
/*! jx_seg_posting_decode() : OR the rows of value `id` from postings block
 *  `di` into bits; *count gets their number (may be NULL). Checks the rows
 *  against nrows and the value's row count: `expect`, or when that is
 *  UINT64_MAX the loaded dictionary's. */
int jx_seg_posting_decode(const struct jx_seg *s, uint32_t di, const uint8_t *data,
                          size_t len, uint32_t id, uint64_t expect, uint64_t *bits,
                          uint64_t *count, struct jx_errctx *err);
/*! jx_seg_posting_probe() : jx_seg_posting_decode() marking pr's
 *  candidates the list holds instead of OR-ing bits (same checks). */
int jx_seg_posting_probe(const struct jx_seg *s, uint32_t di, const uint8_t *data,
                         size_t len, uint32_t id, uint64_t expect, const struct jx_probe *pr,
                         struct jx_errctx *err);
/*! jx_seg_fault() : fill err naming the segment file and block di. */
int jx_seg_fault(const struct jx_seg *s, uint32_t di, int code, const char *what,
                 struct jx_errctx *err);

#endif /* JX_SEG_INT_H */
