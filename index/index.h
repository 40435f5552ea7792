/*
 * index/index.h - the public API of the jidx index: a directory holding
 * immutable segment files and a MANIFEST listing the live ones. Format spec:
 * doc/format.md (versioned).
 *
 * CONTRACT (query/ and cli/ are written against this; do not change the
 * meaning of anything here without updating every caller):
 *
 *  - An index is a directory. Writers take an exclusive lock (one ingest at
 *    a time; a second gets JX_E_LOCKED). Readers never lock and never
 *    block: jx_index_open() reads the current MANIFEST once and sees that
 *    snapshot until jx_index_close(), whatever writers do meanwhile.
 *  - Segments appear in CANONICAL ORDER: system, then receivers by (first
 *    timestamp, receiver name, receiver library), then sequence. Each
 *    segment holds consecutive entries (by sequence) of exactly ONE
 *    receiver. Rows inside a segment are in sequence order (row 0 first).
 *    Iterating segments 0..n-1 and rows 0..nrows-1 gives every entry in the
 *    same order jx_plan_scan() gives for the same receivers.
 *  - Every block is checked against its xxHash before use; a mismatch is
 *    JX_E_CHECKSUM with the segment file and block named in the errctx.
 *
 * Thread rules: a jx_index may be shared by any number of threads once
 * open. jx_index_seg() and jx_index_seg_cols() are thread-safe (segments
 * are opened once, cached in the index, owned by it, freed by
 * jx_index_close()). A jx_seg is shareable; what it holds never changes
 * once loaded (columns are added under its own mutex). A jx_cursor belongs
 * to one thread.
 */
#ifndef JX_INDEX_H
#define JX_INDEX_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "entry.h"
#include "jx.h"

/* The format this jidx writes, and the oldest it reads (doc/format.md §9:
 * version 1 had one dictionary block per column, version 2 one directory
 * read whole at open, version 3 segments of at most 2^18 rows). */
#define JX_INDEX_FORMAT_VERSION 5
#define JX_INDEX_FORMAT_OLDEST 1

/* ---- columns ---------------------------------------------------------- */
/* Dictionary-encoded string columns. Per segment, each has a dictionary
 * sorted by strcmp() (ids 0..n-1 in that order) and a row count per value.
 * The ones marked P also have posting lists (row ids per value). */
enum jx_col {
    JX_COL_TYPE = 0,      /* P  entry type "ZC" */
    JX_COL_USER,          /* P  JOUSPF current user */
    JX_COL_JOB_USER,      /* P  JOUSER */
    JX_COL_TARGET_USER,   /* P  user the entry is about ("" if none) */
    JX_COL_OBJECT,        /* P  object name from the ESD */
    JX_COL_OBJECT_LIB,    /* P  object library */
    JX_COL_OBJECT_TYPE,   /* P  object type "*FILE" */
    JX_COL_PROGRAM,       /* P  JOPGM */
    JX_COL_PROGRAM_LIB,   /*    JOPGMLIB */
    JX_COL_JOB,           /*    JOJOB job name */
    JX_COL_SUBTYPE,       /*    one-char string, "" if none */
    JX_COL_CODE,          /*    journal code, one-char string */
    JX_COL_REMOTE_ADDR,   /* P  remote address ("" if none); also Bloom */
    JX_COL_PATH,          /* P  IFS path ("" if none); also Bloom */
    JX_COL_OBJTYPE_HDR,   /*    JOOBJTYP */
    JX_COL_COUNT_
};
bool jx_col_has_postings(enum jx_col c);
const char *jx_col_name(enum jx_col c);

/* Bloom filters per segment for high-cardinality exact lookups. A false
 * answer is definite; true means "maybe". */
enum jx_bloom { JX_BLOOM_JOB_NUMBER = 0, JX_BLOOM_REMOTE_ADDR, JX_BLOOM_PATH, JX_BLOOM_COUNT_ };

/* Fields a cursor can fill (bit mask over struct jx_entry members). */
enum jx_fieldmask {
    JX_FM_SEQ = 1u << 0, JX_FM_TS = 1u << 1, JX_FM_TYPE = 1u << 2,
    JX_FM_CODE = 1u << 3, JX_FM_SUBTYPE = 1u << 4, JX_FM_USER = 1u << 5,
    JX_FM_JOB = 1u << 6,          /* job name, job user, job number */
    JX_FM_PROGRAM = 1u << 7,      /* program, program library */
    JX_FM_OBJECT = 1u << 8,       /* object, object lib, object type */
    JX_FM_TARGET_USER = 1u << 9, JX_FM_PATH = 1u << 10,
    JX_FM_REMOTE = 1u << 11,      /* remote addr, port, addr family */
    JX_FM_MISC = 1u << 12,        /* thread, sysseq, objtype hdr */
    JX_FM_ESD = 1u << 13,         /* esd, esd_avail (points into cursor memory) */
    JX_FM_ESDLEN = 1u << 14,      /* esd_len, flags (truncated) */
    JX_FM_ALL = (1u << 15) - 1,
    /* system, receiver, receiver_lib and ccsid are always filled */
};

/* ---- snapshot reader --------------------------------------------------- */
struct jx_index;
struct jx_seg;
struct jx_cursor;

struct jx_seginfo {            /* from the MANIFEST: no segment I/O needed */
    uint64_t nrows;
    uint64_t seq_min, seq_max;
    int64_t ts_min, ts_max;
    char system[JX_NAME_SZ];
    char receiver[JX_NAME_SZ];
    char receiver_lib[JX_NAME_SZ];
    uint32_t receiver_idx;     /* into jx_index_receiver() */
    uint64_t file_bytes;
    char file[64];             /* segment file name inside the index dir */
};

struct jx_rcvsummary {         /* one indexed receiver (MANIFEST) */
    char system[JX_NAME_SZ];
    char receiver[JX_NAME_SZ];
    char receiver_lib[JX_NAME_SZ];
    uint64_t first_seq, last_seq;
    int64_t first_ts, last_ts;
    uint64_t entries;
    uint64_t source_bytes;     /* bytes of receiver records it came from */
};

int jx_index_open(const char *dir, struct jx_index **out, struct jx_errctx *err);
void jx_index_close(struct jx_index *ix);
const char *jx_index_path(const struct jx_index *ix);
size_t jx_index_nsegs(const struct jx_index *ix);
const struct jx_seginfo *jx_index_seginfo(const struct jx_index *ix, size_t i);
size_t jx_index_nreceivers(const struct jx_index *ix);
const struct jx_rcvsummary *jx_index_receiver(const struct jx_index *ix, size_t i);
uint64_t jx_index_entries(const struct jx_index *ix);

/*! jx_index_set_max_open() : at most n segment files open at once in each
 *  index opened from now on; 0 (the default): the descriptor limit (raised
 *  to the hard one) less 128. Past it, the least recently read segment's
 *  file is closed and reopened when next read: an index may hold more
 *  segments than a process may have descriptors. Thread-safe. */
void jx_index_set_max_open(size_t n);

/*! jx_index_seg() : segment i, header and directory verified, every
 *  dictionary and bloom loaded. Owned by the index. Thread-safe. */
int jx_index_seg(struct jx_index *ix, size_t i, struct jx_seg **out,
                 struct jx_errctx *err);

/* ---- additions (query engineer): lazy loading ---------------------------
 * A query needs a few of the 15 dictionaries and 3 blooms of a segment;
 * loading them all costs more than a selective query itself. */
#define JX_DICT(c) (1u << (c))                       /* bit of enum jx_col */
#define JX_DICT_ALL ((1u << JX_COL_COUNT_) - 1u)
#define JX_BLOOM(b) (1u << (b))                      /* bit of enum jx_bloom */
#define JX_BLOOM_ALL ((1u << JX_BLOOM_COUNT_) - 1u)
/*! jx_index_seg_cols() : segment i (header and directory verified) with at
 *  least the dictionaries of dict_cols_mask and the blooms of bloom_mask
 *  loaded, every hash checked. May be called again for more columns; each
 *  is loaded once, under a per-segment mutex. Thread-safe.
 *  The dictionary accessors below (jx_seg_dict_*, jx_seg_value_rows,
 *  jx_seg_postings_or) and jx_seg_bloom_maybe() may only be used on loaded
 *  columns / blooms: anything else is a programming error that aborts (or
 *  gives JX_E_INTERNAL where an error can be returned), never a wrong
 *  answer. Cursors need nothing loaded: they load what they read. */
int jx_index_seg_cols(struct jx_index *ix, size_t i, uint32_t dict_cols_mask,
                      uint32_t bloom_mask, struct jx_seg **out, struct jx_errctx *err);
/*! jx_index_hint_rows() : whether the caller will fetch rows (cursors) from
 *  the segments it opens next. When true, opening a segment also reads the
 *  directory entries of its ESD blocks (format 3: ~36 KB on a 250K-row
 *  segment, in the same read as the head) instead of one page per row
 *  later; a count or group-by does not need them. Only a hint: answers are
 *  the same either way. Thread-safe. */
void jx_index_hint_rows(struct jx_index *ix, bool rows);
/*! jx_seg_dict_size() : number of values of column c's dictionary, known
 *  from the directory whether the dictionary is loaded or not (ids read by
 *  jx_cursor_dict_ids() are below it). */
uint32_t jx_seg_dict_size(const struct jx_seg *s, enum jx_col c);
uint64_t jx_seg_nrows(const struct jx_seg *s);
/*! jx_seg_ts_sorted() : true when the segment's timestamps never decrease
 *  from row to row (recorded by the writer; checked by verify), so rows
 *  within a time range form one row range. */
bool jx_seg_ts_sorted(const struct jx_seg *s);

/* Dictionaries (every enum jx_col). Strings live in the mapping. */
uint32_t jx_seg_dict_count(const struct jx_seg *s, enum jx_col c);
const char *jx_seg_dict_str(const struct jx_seg *s, enum jx_col c, uint32_t id);
/* Rows holding value id (from the dictionary, no posting I/O). */
uint64_t jx_seg_value_rows(const struct jx_seg *s, enum jx_col c, uint32_t id);
/* Exact lookup: JX_OK and *id, or JX_E_NOTFOUND. */
int jx_seg_dict_find(const struct jx_seg *s, enum jx_col c, const char *v,
                     uint32_t *id);
/* Ids [*lo, *hi) of the values starting with `prefix` ("" = all). */
/*! jx_seg_dict_range() : without loading dictionary c (any segment, loaded
 *  or not): the value ids [*lo, *hi) equal to v (prefix false: none or one)
 *  or starting with v (prefix true); each(arg, id, rows) is called for each
 *  of them with its row count (each may be NULL).
 *  Reads the dictionary's blocks with one read and decodes only those a
 *  binary search over the blocks and the range itself need, each checked
 *  as a full load checks it. Thread-safe; nothing is kept. On an error
 *  (damaged block) err names the segment and block. */
int jx_seg_dict_range(const struct jx_seg *s, enum jx_col c, const char *v, bool prefix,
                      uint32_t *lo, uint32_t *hi,
                      void (*each)(void *arg, uint32_t id, uint64_t rows), void *arg,
                      struct jx_errctx *err);
/*! jx_seg_dict_loaded() : is dictionary c of s loaded (jx_index_seg_cols)? */
bool jx_seg_dict_loaded(const struct jx_seg *s, enum jx_col c);
void jx_seg_dict_prefix(const struct jx_seg *s, enum jx_col c,
                        const char *prefix, uint32_t *lo, uint32_t *hi);

/*! jx_seg_postings_or() : OR the rows holding value `id` of column `c`
 *  (which must have postings) into `bits`, a bitmap of nrows bits
 *  (uint64_t words, bit r of word r/64). Checksum verified. */
int jx_seg_postings_or(struct jx_seg *s, enum jx_col c, uint32_t id,
                       uint64_t *bits, struct jx_errctx *err);

/*! jx_seg_bloom_maybe() : false if `value` is certainly absent from the
 *  segment. JOB_NUMBER values are the 6-digit decimal text "012345". */
bool jx_seg_bloom_maybe(const struct jx_seg *s, enum jx_bloom b,
                        const char *value);

/* Rows: a cursor decompresses the blocks it needs and keeps the last block
 * of each column, so reading rows in increasing order is cheap. */
int jx_cursor_open(struct jx_seg *s, struct jx_cursor **out);
void jx_cursor_close(struct jx_cursor *c);
/*! jx_cursor_reset() : (addition) point the cursor at segment s (may be
 *  another segment of any open index), keeping its buffers: a query
 *  visiting many segments allocates them once. */
void jx_cursor_reset(struct jx_cursor *c, struct jx_seg *s);
/*! jx_cursor_read() : fill the `mask` fields of `e` for row `row` (others
 *  left as they were, except system/receiver/ccsid, always set). e->esd
 *  stays valid until the next read on this cursor. */
int jx_cursor_read(struct jx_cursor *c, uint64_t row, unsigned mask,
                   struct jx_entry *e, struct jx_errctx *err);
/*! jx_cursor_dict_ids() : the dictionary id of column `col` for `n` rows
 *  starting at `row` (fast path for group-by and filters on ids). */
int jx_cursor_dict_ids(struct jx_cursor *c, enum jx_col col, uint64_t row,
                       uint32_t n, uint32_t *ids, struct jx_errctx *err);
/*! jx_cursor_ts() : timestamps of n rows from `row` (time filters). */
int jx_cursor_ts(struct jx_cursor *c, uint64_t row, uint32_t n, int64_t *ts,
                 struct jx_errctx *err);
/*! jx_cursor_postings_or() : jx_seg_postings_or() through the cursor: the
 *  postings block stays cached (several values of one block cost one read)
 *  and only the prefix of it holding the value is decompressed. The
 *  column's dictionary must be loaded. */
int jx_cursor_postings_or(struct jx_cursor *c, enum jx_col col, uint32_t id,
                          uint64_t *bits, struct jx_errctx *err);
/*! jx_cursor_postings_or_n() : the same for a value whose row count the
 *  caller knows from jx_seg_dict_range() (`rows`, checked against the
 *  list): the dictionary need not be loaded. */
int jx_cursor_postings_or_n(struct jx_cursor *c, enum jx_col col, uint32_t id, uint64_t rows,
                            uint64_t *bits, struct jx_errctx *err);
/* Rows to look up in posting lists: cand[0..n) increasing; a probe sets
 * hit[i] to 1 for each cand[i] the list holds (and leaves the others). */
struct jx_probe {
    const uint32_t *cand;
    size_t n;
    uint8_t *hit;
};
/*! jx_cursor_postings_probe() : which of pr's candidate rows value id of
 *  column col holds (rows: as for jx_cursor_postings_or_n(), UINT64_MAX when
 *  the dictionary is loaded). The list is read and checked whole, as for
 *  an OR, but writes no bitmap: AND-ing a short list with a long one costs
 *  the long one's walk, skipping groups of rows without a candidate. */
int jx_cursor_postings_probe(struct jx_cursor *c, enum jx_col col, uint32_t id, uint64_t rows,
                             const struct jx_probe *pr, struct jx_errctx *err);

/* ---- additions (index engineer): info and verify ------------------------ */
/* MANIFEST generation (+1 per commit), bytes on disk (segments + MANIFEST),
 * CCSID of a segment's text, position of a segment in its index. */
uint64_t jx_index_generation(const struct jx_index *ix);
/*! jx_index_format() : format version of the index's MANIFEST (its last
 *  writer's; older segments keep their own, doc/format.md §9). */
unsigned jx_index_format(const struct jx_index *ix);
/*! jx_index_io() : since open, the blocks the index's segments handed out
 *  (each hash-checked), the reads (pread) made and their bytes; for
 *  `--stats` (a query takes the difference). Segment headers and the
 *  mapped directories are not counted. */
void jx_index_io(struct jx_index *ix, uint64_t *blocks, uint64_t *reads, uint64_t *bytes);
uint64_t jx_index_disk_bytes(const struct jx_index *ix);
uint16_t jx_seg_ccsid(const struct jx_seg *s);
size_t jx_seg_index(const struct jx_seg *s);

struct jx_verify_stats {
    uint64_t segments, blocks, rows, bytes;
};
/*! jx_index_verify_seg() : re-check segment i completely: every block's
 *  checksum, every block decoded, row counts, sorted dictionaries whose row
 *  counts match the id columns, postings equal to the id columns, blooms
 *  holding every value, sequence strictly increasing, header min/max.
 *  @return JX_OK or the first fault (JX_E_CHECKSUM / JX_E_CORRUPT) with the
 *  segment file and block named in err. Thread-safe (one call per segment). */
int jx_index_verify_seg(struct jx_index *ix, size_t i, struct jx_verify_stats *st,
                        struct jx_errctx *err);
/*! jx_index_verify_manifest() : structural rules of the MANIFEST: canonical
 *  order of receivers and segments, each receiver's segments contiguous,
 *  sequence ranges consecutive and entry counts summing up. */
int jx_index_verify_manifest(const struct jx_index *ix, struct jx_errctx *err);

#endif /* JX_INDEX_H */
