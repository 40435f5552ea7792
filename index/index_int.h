/*
 * index/index_int.h - private to index/: on-disk constants of format 1
 * (doc/format.md is the normative text; this header mirrors it), the
 * tunables that shape segments, and little-endian / varint helpers shared
 * by the segment writer, the reader, the manifest code and verify.
 *
 * Everything on disk is little-endian. Nothing here is part of the public
 * API; query/ and cli/ use index.h and writer.h only.
 */
#ifndef JX_INDEX_INT_H
#define JX_INDEX_INT_H

#include <stdint.h>
#include <string.h>

#include "index.h"
#include "writer.h"

/* ---- tunables (trade-offs in doc/format.md §8 and index/README.md) ------ */
/* Rows per segment: JX_SEG_MAX_ROWS in writer.h. */
/* Rows per row group: the numeric and id columns are cut into blocks of this
 * many rows, and a row fetch reads and hash-checks its row group's blocks
 * (one span, format §3.7). Since frames (format 2) and directory pages
 * (format 3) the row group is what a row fetch reads, not what it decodes:
 * on the benchmark's 5M entries (session 6, in-process loops) 1024 instead
 * of 2048 took a 50-row question from 1.40 to 1.15 ms (512: 1.07) for
 * 60.9 -> 61.4 B/entry (512: 62.3), and a per-day histogram of all rows
 * (one block read per row group) from 25 to 28 ms (512: 35). */
#define JX_ROWGROUP 1024u
/* Rows per frame of a row block (format 2): reading one row decodes one
 * frame (at most a few KB) and parses at most this many varints, instead
 * of half the block on average. Smaller frames compress worse; the frame
 * table costs 4 bytes a frame. 128 instead of 512 (session 5, same 5M
 * entries): a 50-row query -17% (user-type) to -23% (ifs-prefix), mostly
 * fewer LZ4 bytes and varints per row; index 58.1 -> 60.9 B/entry; 256
 * gave -5% for 59.4. Readers take any F the header allows. */
#define JX_FRAME_ROWS 128u
_Static_assert(JX_ROWGROUP % JX_FRAME_ROWS == 0 && JX_ROWGROUP / JX_FRAME_ROWS <= 64,
               "a row group is at most 64 whole frames");
_Static_assert(JX_FRAME_ROWS * 10u <= 65535u, "a frame's sizes fit u16");
/* Uncompressed target size of an ESD block (rows vary). LZ4's window is
 * 64 KB: 64 KB blocks gave 17.3 B/entry of ESD, 32 KB 19.4, for half the
 * bytes decoded per row fetched. */
#define JX_ESD_BLOCK_BYTES 32768u
/* Uncompressed target size of a dictionary block (a run of sorted values).
 * A query delivering a few rows per segment needs a few values of each
 * column it prints; with one block per dictionary it decoded most of each
 * (an object dictionary is ~50 KB a segment on the default mix): 4 KB
 * blocks bound that to one small block per value. */
#define JX_DICT_BLOCK_BYTES 1024u
/* Uncompressed target size of a postings block (a run of value ids). */
#define JX_POST_BLOCK_BYTES 8192u
/* Bloom filters: bits per distinct value and probes (about 1% false hits). */
#define JX_BLOOM_BITS_PER_VALUE 10u
#define JX_BLOOM_K 7u

/* ---- segment file (doc/format.md §3) ----------------------------------- */
#define JX_SEG_MAGIC "JIDXSEG\0"
#define JX_SEG_HDR_SIZE 256u
#define JX_DIRENT_SIZE 40u

enum {                       /* header field offsets */
    JX_SH_MAGIC = 0, JX_SH_VERSION = 8, JX_SH_HDRSIZE = 12, JX_SH_NROWS = 16,
    JX_SH_SEQMIN = 24, JX_SH_SEQMAX = 32, JX_SH_TSMIN = 40, JX_SH_TSMAX = 48,
    JX_SH_CCSID = 56, JX_SH_NDIR = 60, JX_SH_DIROFF = 64, JX_SH_DIRLEN = 72,
    JX_SH_DIRHASH = 80, JX_SH_SEGNO = 88, JX_SH_SYSTEM = 96,
    JX_SH_RECEIVER = 128, JX_SH_RCVLIB = 160, JX_SH_ROWGROUP = 192,
    JX_SH_NCOLS = 196, JX_SH_FRAME = 200, JX_SH_FLAGS = 204,
    JX_SH_NESD = 208, JX_SH_ESDPAGE = 212, /* version 3 (paged directory) */
    JX_SH_HASH = 248,
};

/* Paged directory (version 3, doc/format.md §3.2a). The entries are in a
 * fixed order so that a reader computes where an entry is instead of
 * indexing the whole directory at open: row group g's 23 row blocks (8
 * numeric kinds, then the 15 id columns) are entries 23g..23g+22, then the
 * ESD blocks in row order, then the "head" (dictionaries, postings,
 * blooms). Each row group's entries, each run of JX_ESD_PAGE ESD entries
 * and the head are a page with its own hash, so opening a segment reads
 * and checks the head (~13 KB on the default mix) instead of ~160 KB, and
 * a row fetch one 920-byte page. */
#define JX_RG_ENTS 23u       /* row-block entries per row group */
#define JX_ESD_PAGE 32u      /* ESD entries per page (written; readers take the header's) */
/* Pages a column scan reads at once (jx_seg_pages()): it needs the page of
 * every row group it reads a block of; 64 pages are ~60 KB. */
#define JX_SCAN_PAGES 64u

/* Block kinds (directory entry byte 0). */
enum jx_blk_kind {
    JX_BK_SEQ = 1,       /* u64 first + varint deltas */
    JX_BK_TS = 2,        /* i64 first + zigzag varint deltas */
    JX_BK_SYSSEQ = 3,    /* zigzag varint deltas from the previous row */
    JX_BK_THREAD = 4,    /* same */
    JX_BK_JOBNBR = 5,    /* same */
    JX_BK_PORT = 6,      /* same */
    JX_BK_ESDLEN = 7,    /* same */
    JX_BK_FLAGS = 8,     /* 3 bytes a row: flags u16 LE, addr_family u8 */
    JX_BK_IDS = 9,       /* col: dictionary ids, `width` bytes a row, LE */
    JX_BK_ESD = 10,      /* varint avail per row, then the bytes */
    JX_BK_DICT = 11,     /* col: sorted values with row counts */
    JX_BK_POST = 12,     /* col: posting lists of ids [first, first+n) */
    JX_BK_BLOOM = 13,    /* col = enum jx_bloom */
    JX_BK_COUNT_
};
#define JX_NUM_KINDS 8   /* kinds 1..8 are the numeric row streams */

/* Codecs (directory entry byte 2). FRAMED (version 2, row blocks kinds
 * 1-9): the block's rows are cut into frames of JX_SH_FRAME rows, each
 * stored on its own (LZ4 or raw): a table of nframes (stored u16, decoded
 * u16) sizes, then the frames (doc/format.md §3.3a). */
enum { JX_CODEC_RAW = 0, JX_CODEC_LZ4 = 1, JX_CODEC_FRAMED = 2 };
/* Segment header flags (JX_SH_FLAGS, version 2). TS_SORTED: the rows'
 * timestamps never decrease (journals nearly always; not after a clock set
 * back), so a time bound is a row range found by binary search. */
enum { JX_SEGF_TS_SORTED = 1u };
enum { JX_POST_LIST = 0, JX_POST_BITMAP = 1 };

struct jx_dirent {
    uint8_t kind, col, codec, width;
    uint32_t nitems;     /* rows (row blocks), values (dict/postings), k (bloom) */
    uint64_t first;      /* first row (row blocks), first id (postings) */
    uint64_t off;        /* file offset of the stored bytes */
    uint32_t clen, ulen; /* stored and uncompressed lengths */
    uint64_t hash;       /* XXH3_64bits of the stored bytes */
};

/* ---- MANIFEST (doc/format.md §4) --------------------------------------- */
#define JX_MF_MAGIC "JIDXMAN\0"
#define JX_MF_HDR_SIZE 64u
#define JX_MF_RCV_SIZE 160u
#define JX_MF_SEG_SIZE 128u

/* ---- little-endian and varint helpers ---------------------------------- */
static inline void jx_le16_put(uint8_t *p, uint16_t v)
{ p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void jx_le32_put(uint8_t *p, uint32_t v)
{ for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i)); }
static inline void jx_le64_put(uint8_t *p, uint64_t v)
{ for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i)); }
static inline uint16_t jx_le16(const uint8_t *p)
{ return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t jx_le32(const uint8_t *p)
{ return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24); }
static inline uint64_t jx_le64(const uint8_t *p)
{ return (uint64_t)jx_le32(p) | ((uint64_t)jx_le32(p + 4) << 32); }

static inline uint64_t jx_zigzag(int64_t v)
{ return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static inline int64_t jx_unzigzag(uint64_t v)
{ return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

/* Append varint v at p (room for 10 bytes assumed). @return bytes written. */
/* Is there a NUL in p[0..l)? (a word at a time: dictionary values are
 * short and this runs for every value a walk passes) */
static inline bool jx_has_nul(const uint8_t *p, size_t l)
{
    size_t i = 0;
    for (; i + 8 <= l; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)
            return true;
    }
    for (; i < l; i++)
        if (!p[i])
            return true;
    return false;
}

static inline size_t jx_varint_put(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}
/* Read a varint from [*p, end). @return 0, or -1 if truncated or too long
 * (damaged data never reads past `end`). */
static inline int jx_varint_get(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
    uint64_t r = 0;
    unsigned shift = 0;
    const uint8_t *q = *p;
    while (q < end && shift < 64) {
        uint8_t b = *q++;
        r |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *p = q;
            *v = r;
            return 0;
        }
        shift += 7;
    }
    return -1;
}

/* One dictionary value at *p (format §3.4: varint row count, varint length
 * l, l bytes, NUL), checked as every reader checks it: 1 <= count <=
 * max_rows (the segment's rows: a count past them is damage, and the sum
 * of the counts cannot wrap), l below the column's capacity `cap`, the NUL
 * in place, none inside, all before end. @return the string (*p past it,
 * *rows its row count), or NULL when a rule is broken. One-byte varints,
 * the rule, skip the general decoder. */
static inline const char *jx_dict_next(const uint8_t **pp, const uint8_t *end, size_t cap,
                                       uint64_t max_rows, uint64_t *rows)
{
    const uint8_t *p = *pp;
    uint64_t l;
    if (p < end && *p < 0x80)
        *rows = *p++;
    else if (jx_varint_get(&p, end, rows))
        return NULL;
    if (p < end && *p < 0x80)
        l = *p++;
    else if (jx_varint_get(&p, end, &l))
        return NULL;
    if (*rows == 0 || *rows > max_rows || l >= cap || (uint64_t)(end - p) < l + 1 || p[l] != 0 ||
        jx_has_nul(p, (size_t)l))
        return NULL;
    *pp = p + l + 1;
    return (const char *)p;
}

/* Bounded string copy for the fixed arrays of struct jx_entry. */
static inline void jx_strlcpy(char *dst, const char *src, size_t cap)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Human name of a block kind, for error messages. */
const char *jx_blk_kind_name(unsigned kind);
/* Size limit of the UTF-8 text of dictionary column c (incl. NUL). */
size_t jx_col_cap(enum jx_col c);
/* Bloom probe positions and helpers (shared by writer and reader). */
void jx_bloom_add(uint8_t *bits, unsigned log2m, unsigned k, const char *v, size_t n);
bool jx_bloom_test(const uint8_t *bits, unsigned log2m, unsigned k, const char *v, size_t n);

/* Segment file name of segment number n: "S00000012.jxs". */
void jx_seg_filename(uint64_t segno, char *buf, size_t cap);

/* Manifest contents, shared by reader (index.c) and writer (writer.c). */
struct jx_manifest {
    uint32_t version;        /* format version of the MANIFEST read (written: current) */
    uint64_t generation;
    uint64_t next_segno;
    struct jx_rcvsummary *rcv;
    size_t nrcv;
    struct jx_seginfo *seg;
    uint64_t *seg_hdrhash;   /* header hash of each segment file */
    size_t nseg;
};
int jx_manifest_read(const char *dir, struct jx_manifest *m, struct jx_errctx *err);
int jx_manifest_write(const char *dir, const struct jx_manifest *m,
                      struct jx_errctx *err);
void jx_manifest_release(struct jx_manifest *m);

#endif /* JX_INDEX_INT_H */
