/*
 * index/index.c - the index reader (API in index.h, format in
 * doc/format.md): snapshot open from the MANIFEST, segments opened lazily
 * and cached (thread-safe), dictionaries, postings, Bloom filters, cursors.
 *
 * Workload: queries open a few to thousands of segments and read from a
 * few rows to all of them. Opening a segment reads and checks its header
 * and directory; a dictionary or Bloom filter is loaded the first time a
 * caller asks for it (jx_index_seg_cols(), or a cursor reading strings of
 * that column); everything else is fetched block by block when a cursor or
 * a posting lookup needs it, its xxHash checked before it is decoded.
 * Reading rows in increasing order decompresses each block once per cursor.
 */
#include "index.h"

#include <assert.h>
#include <errno.h>
#include <lz4.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "index_int.h"
#include "layout.h"
#include "seg_int.h"

struct jx_index {
    char *path;
    struct jx_manifest m;
    uint64_t entries;
    pthread_mutex_t lock;
    struct jx_seg **segs;
    struct jx_iostat io;
    struct jx_arena *arena; /* the open segments' directories */
    struct jx_fdcache fdc;  /* the segment files open at once */
    atomic_bool rows_hint;  /* segments opened from now on: read ESD pages with the head */
};

/* ---- index ------------------------------------------------------------- */

/* jx_index_set_max_open(): 0, or the cap of indexes opened from now on */
static _Atomic size_t max_open;

void jx_index_set_max_open(size_t n)
{
    atomic_store(&max_open, n);
}

/* Segment files an index keeps open at once: what the descriptor limit
 * allows, less room for the process's other files (inputs, the MANIFEST,
 * output, another index) */
static size_t fd_cap(void)
{
    static _Atomic size_t lim; /* once a process: two system calls (~20 us here) */
    const size_t set = atomic_load(&max_open);
    if (set)
        return set;
    size_t l = atomic_load(&lim);
    if (!l)
        atomic_store(&lim, l = jx_nofile_limit());
    return l > 256 ? l - 128 : l / 2 + 1;
}

int jx_index_open(const char *dir, struct jx_index **out, struct jx_errctx *err)
{
    struct jx_index *ix = jx_calloc(1, sizeof(*ix));
    int rc;
    *out = NULL;
    if (!ix || !(ix->path = jx_strdup(dir))) {
        jx_free(ix);
        return jx_error(err, JX_E_NOMEM, dir, -1, -1, "out of memory");
    }
    if ((rc = jx_manifest_read(dir, &ix->m, err))) {
        jx_free(ix->path);
        jx_free(ix);
        return rc;
    }
    ix->segs = jx_calloc(ix->m.nseg + 1, sizeof(*ix->segs));
    ix->arena = jx_arena_new();
    if (!ix->segs || !ix->arena) {
        jx_free(ix->segs);
        jx_arena_free(ix->arena);
        jx_manifest_release(&ix->m);
        jx_free(ix->path);
        jx_free(ix);
        return jx_error(err, JX_E_NOMEM, dir, -1, -1, "out of memory");
    }
    for (size_t i = 0; i < ix->m.nrcv; i++)
        ix->entries += ix->m.rcv[i].entries;
    pthread_mutex_init(&ix->lock, NULL);
    jx_fdcache_init(&ix->fdc, fd_cap());
    *out = ix;
    return JX_OK;
}

void jx_index_close(struct jx_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->m.nseg; i++)
        jx_seg_unload(ix->segs[i]);
    jx_fdcache_destroy(&ix->fdc);
    jx_free(ix->segs);
    jx_arena_free(ix->arena);
    pthread_mutex_destroy(&ix->lock);
    jx_manifest_release(&ix->m);
    jx_free(ix->path);
    jx_free(ix);
}

const char *jx_index_path(const struct jx_index *ix) { return ix->path; }
size_t jx_index_nsegs(const struct jx_index *ix) { return ix->m.nseg; }
size_t jx_index_nreceivers(const struct jx_index *ix) { return ix->m.nrcv; }
uint64_t jx_index_entries(const struct jx_index *ix) { return ix->entries; }
uint64_t jx_index_generation(const struct jx_index *ix) { return ix->m.generation; }
unsigned jx_index_format(const struct jx_index *ix) { return ix->m.version; }

void jx_index_io(struct jx_index *ix, uint64_t *blocks, uint64_t *reads, uint64_t *bytes)
{
    *blocks = atomic_load_explicit(&ix->io.blocks, memory_order_relaxed);
    *reads = atomic_load_explicit(&ix->io.reads, memory_order_relaxed);
    *bytes = atomic_load_explicit(&ix->io.bytes, memory_order_relaxed);
}
const struct jx_manifest *jx_index_manifest(const struct jx_index *ix) { return &ix->m; }

const struct jx_seginfo *jx_index_seginfo(const struct jx_index *ix, size_t i)
{
    return i < ix->m.nseg ? &ix->m.seg[i] : NULL;
}

const struct jx_rcvsummary *jx_index_receiver(const struct jx_index *ix, size_t i)
{
    return i < ix->m.nrcv ? &ix->m.rcv[i] : NULL;
}

uint64_t jx_index_disk_bytes(const struct jx_index *ix)
{
    uint64_t n = JX_MF_HDR_SIZE + ix->m.nrcv * JX_MF_RCV_SIZE + ix->m.nseg * JX_MF_SEG_SIZE + 8;
    for (size_t i = 0; i < ix->m.nseg; i++)
        n += ix->m.seg[i].file_bytes;
    return n;
}

int jx_index_seg_cols(struct jx_index *ix, size_t i, uint32_t dict_cols_mask,
                      uint32_t bloom_mask, struct jx_seg **out, struct jx_errctx *err)
{
    struct jx_seg *s;
    int rc;
    *out = NULL;
    if (i >= ix->m.nseg)
        return jx_error(err, JX_E_RANGE, ix->path, -1, -1, "no segment %zu (index has %zu)",
                        i, ix->m.nseg);
    pthread_mutex_lock(&ix->lock);
    s = ix->segs[i];
    pthread_mutex_unlock(&ix->lock);
    if (!s) {
        /* open outside the lock: other threads keep using other segments;
         * if two threads race on the same one, the loser frees its copy */
        if ((rc = jx_seg_load(ix->path, &ix->m.seg[i], ix->m.seg_hdrhash[i], i, ix->arena,
                              atomic_load_explicit(&ix->rows_hint, memory_order_relaxed),
                              &ix->fdc, &s, err)))
            return rc;
        s->io = &ix->io;
        pthread_mutex_lock(&ix->lock);
        if (ix->segs[i]) {
            jx_seg_unload(s);
            s = ix->segs[i];
        } else {
            ix->segs[i] = s;
        }
        pthread_mutex_unlock(&ix->lock);
    }
    if ((rc = jx_seg_load_cols(s, dict_cols_mask, bloom_mask, err)))
        return rc;
    *out = s;
    return JX_OK;
}

void jx_index_hint_rows(struct jx_index *ix, bool rows)
{
    atomic_store_explicit(&ix->rows_hint, rows, memory_order_relaxed);
}

int jx_index_seg(struct jx_index *ix, size_t i, struct jx_seg **out,
                 struct jx_errctx *err)
{
    struct jx_seg *s;
    int rc = jx_index_seg_cols(ix, i, JX_DICT_ALL, JX_BLOOM_ALL, &s, err);
    /* verify relies on every rule of the directory and walks it as an array */
    if (!rc && !(rc = jx_seg_check_all(s, err)))
        *out = s;
    return rc;
}

/* ---- segment: dictionaries, postings, blooms ----------------------------- */

uint64_t jx_seg_nrows(const struct jx_seg *s) { return s->nrows; }
bool jx_seg_ts_sorted(const struct jx_seg *s) { return s->flags & JX_SEGF_TS_SORTED; }
bool jx_seg_dict_loaded(const struct jx_seg *s, enum jx_col c)
{
    return (unsigned)c < JX_COL_COUNT_ && jx_seg_dict_ready(s, c);
}
uint16_t jx_seg_ccsid(const struct jx_seg *s) { return s->ccsid; }
size_t jx_seg_index(const struct jx_seg *s) { return s->idx; }

/* A dictionary or bloom used before jx_index_seg_cols() loaded it is a bug
 * in the caller; these accessors cannot return an error, and a default
 * (0 rows, "absent") would be a silently wrong answer, so stop. */
static void misuse(const struct jx_seg *s, const char *fn, const char *what, unsigned i)
{
    fprintf(stderr, "jidx: internal error: %s() on %s %u of %s, which is not loaded "
            "(jx_index_seg_cols)\n", fn, what, i, s->path);
    assert(!"dictionary or bloom used before it was loaded");
    abort();
}

static const struct jx_sdict *dict_of(const struct jx_seg *s, unsigned c, const char *fn)
{
    if (!jx_seg_dict_ready(s, c))
        misuse(s, fn, "dictionary", c);
    return &s->dict[c];
}

uint32_t jx_seg_dict_size(const struct jx_seg *s, enum jx_col c)
{
    return (unsigned)c < JX_COL_COUNT_ ? s->dict[c].n : 0;
}

uint32_t jx_seg_dict_count(const struct jx_seg *s, enum jx_col c)
{
    return (unsigned)c < JX_COL_COUNT_ ? dict_of(s, c, __func__)->n : 0;
}

const char *jx_seg_dict_str(const struct jx_seg *s, enum jx_col c, uint32_t id)
{
    if ((unsigned)c >= JX_COL_COUNT_)
        return NULL;
    const struct jx_sdict *d = dict_of(s, c, __func__);
    return id < d->n ? jx_sdict_value(d, id, NULL) : NULL;
}

uint64_t jx_seg_value_rows(const struct jx_seg *s, enum jx_col c, uint32_t id)
{
    if ((unsigned)c >= JX_COL_COUNT_)
        return 0;
    const struct jx_sdict *d = dict_of(s, c, __func__);
    uint64_t n = 0;
    if (id < d->n)
        jx_sdict_value(d, id, &n);
    return n;
}

int jx_seg_dict_find(const struct jx_seg *s, enum jx_col c, const char *v, uint32_t *id)
{
    if ((unsigned)c >= JX_COL_COUNT_)
        return JX_E_NOTFOUND;
    const struct jx_sdict *d = dict_of(s, c, __func__);
    uint32_t lo = 0, hi = d->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int r = strcmp(jx_sdict_value(d, mid, NULL), v);
        if (r == 0) {
            *id = mid;
            return JX_OK;
        }
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return JX_E_NOTFOUND;
}

void jx_seg_dict_prefix(const struct jx_seg *s, enum jx_col c, const char *prefix,
                        uint32_t *lo_out, uint32_t *hi_out)
{
    *lo_out = *hi_out = 0;
    if ((unsigned)c >= JX_COL_COUNT_)
        return;
    const struct jx_sdict *d = dict_of(s, c, __func__);
    const size_t pl = strlen(prefix);
    uint32_t lo = 0, hi = d->n;
    while (lo < hi) { /* first value >= prefix */
        uint32_t mid = lo + (hi - lo) / 2;
        if (strncmp(jx_sdict_value(d, mid, NULL), prefix, pl) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *lo_out = lo;
    hi = d->n;
    while (lo < hi) { /* first value past the prefix range */
        uint32_t mid = lo + (hi - lo) / 2;
        if (strncmp(jx_sdict_value(d, mid, NULL), prefix, pl) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *hi_out = lo;
}

bool jx_seg_bloom_maybe(const struct jx_seg *s, enum jx_bloom b, const char *value)
{
    if ((unsigned)b >= JX_BLOOM_COUNT_)
        return true;
    if (!jx_seg_bloom_ready(s, b))
        misuse(s, __func__, "bloom", b);
    const struct jx_sbloom *f = &s->bloom[b];
    return jx_bloom_test(f->bits, f->log2m, f->k, value, strlen(value));
}

/* Block of postings column c holding value id. */
static uint32_t post_block(const struct jx_seg *s, enum jx_col c, uint32_t id)
{
    const struct jx_stream *st = &s->st[JX_S_POST(c)];
    uint32_t lo = 0, hi = st->n;
    while (hi - lo > 1) { /* last block with first <= id */
        uint32_t mid = (lo + hi) / 2;
        if (jx_seg_dirent(s, st->ents[mid]).first <= id)
            lo = mid;
        else
            hi = mid;
    }
    return st->ents[lo];
}

static int post_check(const struct jx_seg *s, enum jx_col c, uint32_t id, struct jx_errctx *err)
{
    if ((unsigned)c >= JX_COL_COUNT_ || !jx_col_has_postings(c))
        return jx_error(err, JX_E_USAGE, s->path, -1, -1, "column %s has no postings",
                        jx_col_name(c));
    if (!jx_seg_dict_ready(s, c))
        return jx_error(err, JX_E_INTERNAL, s->path, -1, -1,
                        "postings of column %s read before its dictionary was loaded",
                        jx_col_name(c));
    if (id >= s->dict[c].n)
        return jx_error(err, JX_E_RANGE, s->path, -1, -1, "no value id %u in column %s",
                        id, jx_col_name(c));
    return JX_OK;
}

int jx_seg_postings_or(struct jx_seg *s, enum jx_col c, uint32_t id, uint64_t *bits,
                       struct jx_errctx *err)
{
    uint8_t *buf = NULL;
    size_t cap = 0;
    const uint8_t *data;
    size_t len;
    int rc;

    if ((rc = post_check(s, c, id, err)))
        return rc;
    const uint32_t di = post_block(s, c, id);
    if ((rc = jx_seg_block(s, di, &buf, &cap, &data, &len, err)))
        goto out;
    rc = jx_seg_posting_decode(s, di, data, len, id, UINT64_MAX, bits, NULL, err);
out:
    jx_free(buf);
    return rc;
}

/* ---- cursors ------------------------------------------------------------ */

/* A cursor keeps one block of each row stream. It decodes only the prefix
 * of a block that the rows asked for need (LZ4 partial decoding, varints
 * parsed up to the row): reading one row in a 2048-row block costs on
 * average half of it, and reading rows in increasing order still decodes
 * each byte about once (the prefix grows geometrically). */
struct cblk {
    int64_t blk;            /* -1: no block loaded */
    uint32_t di;            /* directory entry */
    struct jx_dirent de;    /* its contents */
    uint8_t *buf;           /* decoded bytes, then (LZ4) the stored ones */
    size_t cap;
    const uint8_t *data;    /* decoded bytes (= buf) */
    size_t have;            /* valid prefix of data */
    uint64_t first;
    uint32_t n;
    /* numeric streams: values parsed so far; ESD: row offsets once the
     * length table is parsed (vals[0..n]) */
    uint64_t *vals;
    size_t vcap;
    uint32_t nvals;
    size_t pos;             /* parse position in data */
    uint64_t prev;
    bool table;             /* ESD: length table parsed */
    uint32_t hits;          /* rows after the first served by this block */
    bool dense;             /* the stream's previous block served several rows */
    /* FRAMED blocks (format 2): frame table; per frame the bytes decoded,
     * and (numeric streams) the values parsed, where, and the last one */
    uint32_t nf;
    uint32_t soff[JX_MAX_FRAMES + 1], doff[JX_MAX_FRAMES + 1];
    uint64_t packed;        /* bit f: frame f is bit-packed (format 5 ids) */
    struct cframe {
        uint32_t have;      /* bytes decoded */
        uint32_t n, pos;    /* values parsed, where the next starts */
        uint64_t prev;      /* the last value parsed */
    } fr[JX_MAX_FRAMES];
};

/* Strings of a column whose dictionary the segment has not loaded: the
 * cursor decodes only the dictionary blocks (~4 KB, format §3.4) holding
 * the values asked for, each once per segment, at its place in a buffer
 * laid out like the whole dictionary. Delivering a few rows then costs a
 * small decode per value, no parse of whole dictionaries, and no memory
 * that outlives the cursor (which a query reuses from segment to segment).
 * (A version 1 segment has one block per dictionary: it is decoded whole
 * on first use.) */
struct cdict {
    bool init;              /* set up for the current segment */
    uint8_t *buf;           /* the decoded blocks, each at its offset */
    size_t bcap;
    uint32_t *off;          /* offset in buf of value i (blocks decoded) */
    size_t ocap;
    struct cdblk {          /* per block of the dictionary */
        uint32_t off;       /* its offset in buf */
        uint32_t first;     /* its first value id */
        uint32_t npar;      /* values parsed so far (once decoded) */
        uint32_t ppos;      /* where the next one starts in buf */
        bool done;          /* decoded */
    } *blk;
    size_t bkcap;
    struct cblk st;         /* stored bytes of the block being decoded */
};

/* Most bytes a span read takes (jx_seg_span_read): a row group's id blocks
 * are ~30 KB and the dictionaries of a segment ~100 KB on the default mix. */
#define JX_SPAN_MAX (256u << 10)

struct jx_cursor {
    struct jx_seg *s;
    /* jx_cursor_read() of several fields reads blocks in spans (format
     * §3.7); column scans (dict_ids, ts) read only the blocks they use */
    bool span_ok;
    /* a column scan (dict_ids, ts) reads the directory pages of the row
     * groups ahead with the one it needs (JX_SCAN_PAGES) */
    bool scan;
    struct jx_span span[JX_SPAN_COUNT_];
    struct cblk b[JX_S_ROWSTREAMS];
    struct cblk post;       /* the last postings block read */
    struct cdict d[JX_COL_COUNT_];
};

int jx_cursor_open(struct jx_seg *s, struct jx_cursor **out)
{
    struct jx_cursor *c = jx_calloc(1, sizeof(*c));
    *out = NULL;
    if (!c)
        return JX_E_NOMEM;
    c->s = s;
    for (int i = 0; i < JX_S_ROWSTREAMS; i++)
        c->b[i].blk = -1;
    c->post.blk = -1;
    *out = c;
    return JX_OK;
}

void jx_cursor_reset(struct jx_cursor *c, struct jx_seg *s)
{
    c->s = s;
    for (int i = 0; i < JX_S_ROWSTREAMS; i++)
        c->b[i].blk = -1;
    c->post.blk = -1;
    for (int i = 0; i < JX_COL_COUNT_; i++)
        c->d[i].init = false;
    for (int i = 0; i < JX_SPAN_COUNT_; i++)
        c->span[i].len = 0;
}

void jx_cursor_close(struct jx_cursor *c)
{
    if (!c)
        return;
    for (int i = 0; i < JX_S_ROWSTREAMS; i++) {
        jx_free(c->b[i].buf);
        jx_free(c->b[i].vals);
    }
    jx_free(c->post.buf);
    for (int i = 0; i < JX_SPAN_COUNT_; i++)
        jx_free(c->span[i].buf);
    for (int i = 0; i < JX_COL_COUNT_; i++) {
        jx_free(c->d[i].buf);
        jx_free(c->d[i].off);
        jx_free(c->d[i].blk);
        jx_free(c->d[i].st.buf);
    }
    jx_free(c);
}

/* Make at least `need` bytes of the current block available. */
static int ensure(struct jx_cursor *c, struct cblk *b, size_t need, struct jx_errctx *err)
{
    const struct jx_seg *s = c->s;
    const struct jx_dirent *de = &b->de;
    if (need <= b->have)
        return JX_OK;
    if (need > de->ulen || de->codec == JX_CODEC_RAW)
        return jx_seg_fault(s, b->di, JX_E_CORRUPT, "block shorter than its rows need", err);
    /* Every partial decode restarts at the beginning of the block: decode
     * just the prefix the first time (one row of a sparse query), and all
     * of it the second time or when the rows come densely (the previous
     * block of the stream served several): at most twice the block, where
     * growing the prefix step by step cost about three times. */
    size_t target = b->have || b->dense ? de->ulen : need;
    if (target > de->ulen - de->ulen / 4)
        target = de->ulen; /* close to the end: take it all */
    const int r = jx_lz4_offsets_ok(b->buf + de->ulen, de->clen, target)
                      ? LZ4_decompress_safe_partial((const char *)b->buf + de->ulen,
                                                    (char *)b->buf, (int)de->clen,
                                                    (int)target, (int)de->ulen)
                      : -1;
    if (r < 0 || (size_t)r < target)
        return jx_seg_fault(s, b->di, JX_E_CORRUPT, "LZ4 data does not decompress to its size",
                            err);
    b->have = (size_t)r;
    return JX_OK;
}

/* Read the stored bytes of block di into b (after the room for the decoded
 * ones when LZ4) and check them; nothing decoded yet. */
static int read_stored(struct jx_cursor *c, struct cblk *b, uint32_t di,
                       struct jx_errctx *err)
{
    const struct jx_seg *s = c->s;
    const struct jx_dirent *de = &b->de;
    const struct jx_span *sp = NULL;
    int rc;
    if (c->span_ok) {
        /* a row fetch: the blocks of this one's class next to it in the
         * file come with it (one read for a row group's ids, its numbers,
         * the dictionaries: format §3.7), unless the span already holds it */
        const int cls = jx_seg_span_class(s, di);
        if (cls >= 0) {
            const struct jx_dirent de0 = jx_seg_dirent(s, di);
            /* a span of another class may hold it too (a row group's
             * numeric blocks are followed by its id blocks) */
            for (int k = 0; k < JX_SPAN_COUNT_ && !sp; k++) {
                const struct jx_span *x = &c->span[k];
                if (x->len && de0.off >= x->off && de0.off + de0.clen <= x->off + x->len)
                    sp = x;
            }
            if (!sp) {
                if ((rc = jx_seg_span_read(s, di, JX_SPAN_MAX, &c->span[cls], err)))
                    return rc;
                sp = &c->span[cls];
            }
        }
    }
    if ((rc = jx_seg_stored_span(s, di, sp, &b->buf, &b->cap, &b->de, err)))
        return rc;
    b->di = di;
    b->data = b->buf;
    b->have = de->codec == JX_CODEC_RAW ? de->clen : 0;
    return JX_OK;
}

/* Make the block of stream `si` holding `row` current (hash checked). */
static int load(struct jx_cursor *c, unsigned si, uint64_t row, struct jx_errctx *err)
{
    struct jx_seg *s = c->s;
    struct cblk *b = &c->b[si];
    if (b->blk >= 0 && row >= b->first && row < b->first + b->n) {
        b->hits++;
        return JX_OK;
    }
    uint32_t di;
    int rc;
    b->dense = b->blk >= 0 && b->hits > 0;
    b->hits = 0;
    b->blk = -1;
    if ((rc = jx_seg_row_block(s, si, row, c->scan ? JX_SCAN_PAGES : 1, &di, err)) ||
        (rc = read_stored(c, b, di, err)))
        return rc;
    const struct jx_dirent *de = &b->de;
    if ((si < JX_S_NUM(JX_BK_FLAGS) || si == JX_S_ESD) &&
        jx_grow((void **)&b->vals, &b->vcap, (size_t)de->nitems + 1, sizeof(uint64_t)))
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    if (de->codec == JX_CODEC_FRAMED &&
        (rc = jx_seg_frame_table(s, di, de, b->buf + de->ulen, b->soff, b->doff, &b->nf,
                                 &b->packed, err)))
        return rc;
    if (de->codec == JX_CODEC_FRAMED) {
        memset(b->fr, 0, b->nf * sizeof(b->fr[0]));
    }
    b->first = de->first;
    b->n = de->nitems;
    b->nvals = 0;
    b->pos = 0;
    b->prev = 0;
    b->table = false;
    b->blk = 0;             /* any value >= 0: first/n say which rows */
    return JX_OK;
}

/* Varint at p with at least 10 readable bytes: bytes used, 0 if longer
 * than a 64-bit value allows. */
static inline unsigned varint10(const uint8_t *p, uint64_t *v)
{
    uint64_t r = p[0];
    if (r < 0x80) {
        *v = r;
        return 1;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* up to 8 bytes without a branch per byte (timestamp deltas take 4):
     * the first byte with its high bit clear ends the varint; the 7-bit
     * groups are then gathered with shifts */
    uint64_t x;
    memcpy(&x, p, 8);
    const uint64_t stop = ~x & 0x8080808080808080ull;
    if (stop) {
        const unsigned n = ((unsigned)__builtin_ctzll(stop) >> 3) + 1;
        if (n < 8)
            x &= (1ull << (8 * n)) - 1;
        *v = (x & 0x7full) | ((x >> 1) & 0x3f80ull) | ((x >> 2) & 0x1fc000ull) |
             ((x >> 3) & 0xfe00000ull) | ((x >> 4) & 0x7f0000000ull) |
             ((x >> 5) & 0x3f800000000ull) | ((x >> 6) & 0x1fc0000000000ull) |
             ((x >> 7) & 0xfe000000000000ull);
        return n;
    }
#endif
    r &= 0x7f;
    for (unsigned i = 1; i < 10; i++) {
        r |= (uint64_t)(p[i] & 0x7f) << (7 * i);
        if (p[i] < 0x80) {
            *v = r;
            return i + 1;
        }
    }
    return 0;
}

/* FRAMED block b: make the bytes of rows [lo, hi] of the block (indices
 * from its first row) decoded. Frames before the last are decoded whole;
 * the last one, if LZ4 and of a fixed-width stream, only through row hi
 * (partial decoding: one row costs half a frame on average; a raw or
 * bit-packed frame is cheap whole). */
static int frames_decode(struct jx_cursor *c, struct cblk *b, uint64_t lo, uint64_t hi,
                         struct jx_errctx *err)
{
    const struct jx_seg *s = c->s;
    const uint32_t fs = s->frame, fl = (uint32_t)(hi / fs);
    const unsigned width = b->de.kind == JX_BK_IDS ? b->de.width
                           : b->de.kind == JX_BK_FLAGS ? 3 : 0;
    const uint8_t *const stored = b->buf + b->de.ulen;
    for (uint32_t f = (uint32_t)(lo / fs); f <= fl; f++) {
        const uint32_t sl = b->soff[f + 1] - b->soff[f], dl = b->doff[f + 1] - b->doff[f];
        uint32_t need = dl;
        if (f == fl && width)
            need = (uint32_t)(hi - (uint64_t)f * fs + 1) * width;
        if (b->fr[f].have >= need)
            continue;
        if (sl == dl || (b->packed >> f & 1)) { /* raw or bit-packed: whole */
            int rc = jx_seg_frame_decode(s, b->di, &b->de, stored, b->soff, b->doff, b->packed,
                                         f, b->buf, err);
            if (rc)
                return rc;
            b->fr[f].have = dl;
            continue;
        }
        /* each partial decode restarts at the frame's start: take it all
         * the second time, or when little is left */
        uint32_t target = b->fr[f].have || need > dl - dl / 4 ? dl : need;
        const int r = jx_lz4_offsets_ok(stored + b->soff[f], sl, target)
                          ? LZ4_decompress_safe_partial((const char *)stored + b->soff[f],
                                                        (char *)b->buf + b->doff[f], (int)sl,
                                                        (int)target, (int)dl)
                          : -1;
        if (r < 0 || (uint32_t)r < target || (target == dl && (uint32_t)r != dl))
            return jx_seg_fault(s, b->di, JX_E_CORRUPT,
                                "LZ4 frame does not decompress to its size", err);
        b->fr[f].have = (uint32_t)r;
    }
    return JX_OK;
}

/* FRAMED numeric block b: the values of rows [lo, hi] parsed into vals,
 * each frame's deltas from 0, a frame parsed only as far as asked (its
 * progress kept for the next row). */
static int frames_parse(struct jx_cursor *c, struct cblk *b, uint64_t lo, uint64_t hi,
                        struct jx_errctx *err)
{
    const uint32_t fs = c->s->frame, fl = (uint32_t)(hi / fs);
    int rc;
    if ((rc = frames_decode(c, b, lo, hi, err)))
        return rc;
    for (uint32_t f = (uint32_t)(lo / fs); f <= fl; f++) {
        const uint32_t r0 = f * fs, rows = JX_MIN(fs, b->n - r0);
        const uint32_t upto = f == fl ? (uint32_t)(hi - r0) + 1 : rows;
        if (b->fr[f].n >= upto)
            continue;
        const uint8_t *p = b->buf + b->doff[f] + b->fr[f].pos;
        const uint8_t *const end = b->buf + b->doff[f + 1];
        uint64_t prev = b->fr[f].prev, v;
        uint64_t *const out = b->vals + r0;
        uint32_t i = b->fr[f].n;
        /* fast loop while a whole varint surely lies before the end */
        for (; i < upto && p + 10 <= end; i++) {
            const unsigned k = varint10(p, &v);
            if (!k)
                return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "bad value", err);
            p += k;
            prev += (uint64_t)jx_unzigzag(v);
            out[i] = prev;
        }
        for (; i < upto; i++) {
            if (jx_varint_get(&p, end, &v))
                return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "truncated value", err);
            prev += (uint64_t)jx_unzigzag(v);
            out[i] = prev;
        }
        if (i == rows && p != end)
            return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "trailing bytes after the values",
                                err);
        b->fr[f].n = i;
        b->fr[f].pos = (uint32_t)(p - (b->buf + b->doff[f]));
        b->fr[f].prev = prev;
    }
    return JX_OK;
}

/* Fixed-width streams (ids, flags): bytes of rows [lo, row] present (lo in
 * the block of row: FRAMED blocks decode only the frames holding them,
 * others a prefix through row). */
static int load_fixed_from(struct jx_cursor *c, unsigned si, uint64_t lo, uint64_t row,
                           size_t width, struct jx_errctx *err)
{
    int rc = load(c, si, row, err);
    if (rc)
        return rc;
    struct cblk *b = &c->b[si];
    if (b->de.codec == JX_CODEC_FRAMED)
        return frames_decode(c, b, JX_MAX(lo, b->first) - b->first, row - b->first, err);
    const size_t need = (size_t)(row - b->first + 1) * width;
    if ((rc = ensure(c, b, need, err)))
        return rc;
    if (need > b->have)
        return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "block shorter than its rows need", err);
    return JX_OK;
}

static int load_fixed(struct jx_cursor *c, unsigned si, uint64_t row, size_t width,
                      struct jx_errctx *err)
{
    return load_fixed_from(c, si, row, row, width, err);
}

/* Numeric stream `kind`: values of rows [lo, row] parsed (lo in the block
 * of row). */
static int load_num_from(struct jx_cursor *c, unsigned kind, uint64_t lo, uint64_t row,
                         struct jx_errctx *err)
{
    const unsigned si = JX_S_NUM(kind);
    int rc = load(c, si, row, err);
    if (rc)
        return rc;
    struct cblk *b = &c->b[si];
    if (b->de.codec == JX_CODEC_FRAMED)
        return frames_parse(c, b, JX_MAX(lo, b->first) - b->first, row - b->first, err);
    const struct jx_dirent *de = &b->de;
    const uint32_t idx = (uint32_t)(row - b->first);
    while (b->nvals <= idx) {
        /* fast loop while a whole varint is surely in the decoded prefix */
        uint32_t n = b->nvals;
        size_t pos = b->pos;
        uint64_t prev = b->prev, v;
        const uint8_t *const data = b->data;
        while (n <= idx && pos + 10 <= b->have) {
            const unsigned k = varint10(data + pos, &v);
            if (!k)
                return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "bad value", err);
            pos += k;
            prev += (uint64_t)jx_unzigzag(v);
            b->vals[n++] = prev;
        }
        b->nvals = n;
        b->pos = pos;
        b->prev = prev;
        if (n > idx)
            break;
        const uint8_t *p = data + pos, *end = data + b->have;
        if (!jx_varint_get(&p, end, &v)) {
            b->prev += (uint64_t)jx_unzigzag(v);
            b->vals[b->nvals++] = b->prev;
            b->pos = (size_t)(p - data);
            continue;
        }
        /* a varint cut by the end of the decoded prefix: decode more */
        if (b->have == de->ulen)
            return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "truncated value", err);
        size_t want = (size_t)((uint64_t)(idx + 1) * de->ulen / de->nitems) + 64;
        want = JX_MAX(want, JX_MAX(b->pos + 64, b->have + 1));
        if ((rc = ensure(c, b, JX_MIN(want, (size_t)de->ulen), err)))
            return rc;
    }
    return JX_OK;
}

static int load_num(struct jx_cursor *c, unsigned kind, uint64_t row, struct jx_errctx *err)
{
    return load_num_from(c, kind, row, row, err);
}

/* ESD: the length table parsed and the bytes of row `row` present. */
static int load_esd(struct jx_cursor *c, uint64_t row, struct jx_errctx *err)
{
    int rc = load(c, JX_S_ESD, row, err);
    if (rc)
        return rc;
    struct cblk *b = &c->b[JX_S_ESD];
    const struct jx_dirent *de = &b->de;
    if (!b->table) {
        /* the table holds one varint (1-3 bytes) per row; the row's bytes
         * are about as far into the rest as the row is into the block:
         * one decode covers both, usually */
        const uint64_t idx = row - b->first;
        size_t want = (size_t)JX_MIN((uint64_t)de->nitems * 3 + 16 +
                                         (idx + 1) * de->ulen / de->nitems + de->ulen / 16,
                                     (uint64_t)de->ulen);
        for (;;) {
            if ((rc = ensure(c, b, want, err)))
                return rc;
            const uint8_t *p = b->data, *end = b->data + b->have;
            uint64_t off = 0, v;
            uint32_t i = 0;
            for (; i < de->nitems && !jx_varint_get(&p, end, &v); i++) {
                if (v > JX_ESD_MAX)
                    return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "bad ESD length", err);
                b->vals[i] = off;
                off += v;
            }
            if (i < de->nitems) {
                if (b->have == de->ulen)
                    return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "bad ESD length", err);
                want = JX_MIN(b->have * 2, (size_t)de->ulen);
                continue;
            }
            const uint64_t hdr = (uint64_t)(p - b->data);
            if (off != de->ulen - hdr)
                return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "ESD lengths do not add up", err);
            for (uint32_t k = 0; k < de->nitems; k++)
                b->vals[k] += hdr;
            b->vals[de->nitems] = de->ulen;
            b->table = true;
            break;
        }
    }
    const size_t need = (size_t)b->vals[row - b->first + 1];
    if ((rc = ensure(c, b, need, err)))
        return rc;
    return JX_OK;
}

static inline uint32_t id_at(const struct cblk *b, unsigned width, uint64_t row)
{
    const uint8_t *p = b->data + (row - b->first) * width;
    return width == 1 ? p[0] : width == 2 ? jx_le16(p) : jx_le32(p);
}

static int get_id(struct jx_cursor *c, enum jx_col col, uint64_t row, uint32_t *id,
                  struct jx_errctx *err)
{
    const unsigned width = c->s->dict[col].width;
    int rc = load_fixed(c, JX_S_IDS(col), row, width, err);
    if (rc)
        return rc;
    const struct cblk *b = &c->b[JX_S_IDS(col)];
    *id = id_at(b, width, row);
    if (*id >= c->s->dict[col].n)
        return jx_seg_fault(c->s, b->di, JX_E_CORRUPT, "dictionary id out of range", err);
    return JX_OK;
}


/* Set up the cursor's view of dictionary col of its segment. */
static int cdict_init(struct jx_cursor *c, enum jx_col col, struct jx_errctx *err)
{
    const struct jx_seg *s = c->s;
    const struct jx_sdict *sd = &s->dict[col];
    struct cdict *d = &c->d[col];
    uint64_t total = 0;
    if (jx_grow((void **)&d->blk, &d->bkcap, sd->nblk, sizeof(*d->blk)) ||
        jx_grow((void **)&d->off, &d->ocap, sd->n, sizeof(uint32_t)))
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    for (uint32_t k = 0; k < sd->nblk; k++) {
        const struct jx_dirent de = jx_seg_dirent(s, sd->di + k);
        /* the room is the blocks' decoded sizes: bounded first */
        if (!jx_seg_dirent_ok(s, &de))
            return jx_seg_fault(s, sd->di + k, JX_E_CORRUPT, "bad block entry", err);
        d->blk[k] = (struct cdblk){.off = (uint32_t)total, .first = (uint32_t)de.first};
        total += de.ulen;
        if (total > ((uint64_t)1 << 31))
            return jx_seg_fault(s, sd->di + k, JX_E_CORRUPT, "dictionary too large", err);
    }
    if (jx_grow((void **)&d->buf, &d->bcap, (size_t)total + 1, 1))
        return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
    d->init = true;
    return JX_OK;
}

/* Decode and parse block k of dictionary col into the cursor's view. */
static int cdict_block(struct jx_cursor *c, enum jx_col col, uint32_t k,
                       struct jx_errctx *err)
{
    const struct jx_seg *s = c->s;
    const struct jx_sdict *sd = &s->dict[col];
    struct cdict *d = &c->d[col];
    const uint32_t di = sd->di + k;
    int rc;
    if ((rc = read_stored(c, &d->st, di, err)))
        return rc;
    const struct jx_dirent *de = &d->st.de;
    uint8_t *const at = d->buf + d->blk[k].off;
    /* read_stored() put LZ4 bytes after room for the decoded ones, raw at 0 */
    if ((rc = jx_seg_unpack(s, di, de, d->st.buf + (de->codec == JX_CODEC_RAW ? 0 : de->ulen),
                            at, err)))
        return rc;
    const uint8_t *p = at, *const end = at + de->ulen;
    uint64_t n;
    if (jx_varint_get(&p, end, &n) || n != de->nitems)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "bad dictionary size", err);
    d->blk[k].npar = 0;
    d->blk[k].ppos = (uint32_t)(p - d->buf);
    d->blk[k].done = true;
    return JX_OK;
}

/* Parse block k (decoded) of dictionary col through its value `rel`
 * (relative to the block's first id), from where the last parse stopped:
 * a lookup walks half a block on average. */
static int cdict_parse(struct jx_cursor *c, enum jx_col col, uint32_t k, uint32_t rel,
                       struct jx_errctx *err)
{
    const struct jx_seg *s = c->s;
    const struct jx_sdict *sd = &s->dict[col];
    struct cdict *d = &c->d[col];
    const struct jx_dirent de = jx_seg_dirent(s, sd->di + k);
    const size_t cap_c = jx_col_cap(col);
    const uint8_t *p = d->buf + d->blk[k].ppos, *const end = d->buf + d->blk[k].off + de.ulen;
    uint32_t i = d->blk[k].npar;
    uint64_t cnt;
    for (; i <= rel; i++) {
        const uint32_t pos = (uint32_t)(p - d->buf);
        if (!jx_dict_next(&p, end, cap_c, s->nrows, &cnt))
            return jx_seg_fault(s, sd->di + k, JX_E_CORRUPT, "bad dictionary value", err);
        d->off[de.first + i] = pos;
    }
    if (i == de.nitems && p != end)
        return jx_seg_fault(s, sd->di + k, JX_E_CORRUPT, "bad dictionary value", err);
    d->blk[k].npar = i;
    d->blk[k].ppos = (uint32_t)(p - d->buf);
    return JX_OK;
}

/* The string of value `id` of column col, from the cursor's decode of the
 * dictionary block holding it (the segment has not loaded that
 * dictionary). */
static int cdict_value(struct jx_cursor *c, enum jx_col col, uint32_t id, const char **out,
                       struct jx_errctx *err)
{
    const struct jx_seg *s = c->s;
    const struct jx_sdict *sd = &s->dict[col];
    struct cdict *d = &c->d[col];
    int rc;
    if (!d->init && (rc = cdict_init(c, col, err)))
        return rc;
    /* the block holding id: blocks cover consecutive ids (checked at open) */
    uint32_t lo = 0, hi = sd->nblk;
    while (hi - lo > 1) {
        const uint32_t mid = lo + (hi - lo) / 2;
        if (d->blk[mid].first <= id)
            lo = mid;
        else
            hi = mid;
    }
    if (!d->blk[lo].done && (rc = cdict_block(c, col, lo, err)))
        return rc;
    const uint32_t rel = id - d->blk[lo].first;
    if (rel >= d->blk[lo].npar && (rc = cdict_parse(c, col, lo, rel, err)))
        return rc;
    const uint8_t *p = d->buf + d->off[id];
    while (*p++ & 0x80) /* the row count */
        ;
    while (*p++ & 0x80) /* the length */
        ;
    *out = (const char *)p;
    return JX_OK;
}

static int get_str(struct jx_cursor *c, enum jx_col col, uint64_t row, char *dst,
                   size_t cap, struct jx_errctx *err)
{
    uint32_t id;
    const char *v = "";
    int rc = get_id(c, col, row, &id, err);
    if (rc)
        return rc;
    if (jx_seg_dict_ready(c->s, col))
        v = jx_sdict_value(&c->s->dict[col], id, NULL);
    else if ((rc = cdict_value(c, col, id, &v, err)))
        return rc;
    jx_strlcpy(dst, v, cap);
    return JX_OK;
}

static int get_num(struct jx_cursor *c, unsigned kind, uint64_t row, uint64_t *v,
                   struct jx_errctx *err)
{
    int rc = load_num(c, kind, row, err);
    if (!rc)
        *v = c->b[JX_S_NUM(kind)].vals[row - c->b[JX_S_NUM(kind)].first];
    return rc;
}

int jx_cursor_read(struct jx_cursor *c, uint64_t row, unsigned mask,
                   struct jx_entry *e, struct jx_errctx *err)
{
    const struct jx_seg *s = c->s;
    uint64_t v;
    int rc = JX_OK;
    char one[2];

    /* several fields of a row: read their blocks in spans */
    c->span_ok = __builtin_popcount(mask & JX_FM_ALL) >= 4;
    c->scan = false;
    memcpy(e->system, s->system, JX_NAME_SZ);
    memcpy(e->receiver, s->receiver, JX_NAME_SZ);
    memcpy(e->receiver_lib, s->receiver_lib, JX_NAME_SZ);
    e->ccsid = s->ccsid;
    e->raw_names = false; /* names come from the dictionaries, as text */
    if (row >= s->nrows)
        return jx_error(err, JX_E_RANGE, s->path, -1, -1, "row %llu past the %llu rows",
                        (unsigned long long)row, (unsigned long long)s->nrows);
#define TRY(x) do { if ((rc = (x))) return rc; } while (0)
    if (mask & JX_FM_SEQ) {
        TRY(get_num(c, JX_BK_SEQ, row, &v, err));
        e->seq = v;
    }
    if (mask & JX_FM_TS) {
        TRY(get_num(c, JX_BK_TS, row, &v, err));
        e->ts = (int64_t)v;
    }
    if (mask & JX_FM_TYPE)
        TRY(get_str(c, JX_COL_TYPE, row, e->type, sizeof(e->type), err));
    if (mask & JX_FM_CODE) {
        TRY(get_str(c, JX_COL_CODE, row, one, sizeof(one), err));
        e->code = one[0];
    }
    if (mask & JX_FM_SUBTYPE) {
        TRY(get_str(c, JX_COL_SUBTYPE, row, one, sizeof(one), err));
        e->subtype = one[0];
    }
    if (mask & JX_FM_USER)
        TRY(get_str(c, JX_COL_USER, row, e->user, sizeof(e->user), err));
    if (mask & JX_FM_JOB) {
        TRY(get_str(c, JX_COL_JOB, row, e->job, sizeof(e->job), err));
        TRY(get_str(c, JX_COL_JOB_USER, row, e->job_user, sizeof(e->job_user), err));
        TRY(get_num(c, JX_BK_JOBNBR, row, &v, err));
        e->job_number = (uint32_t)v;
    }
    if (mask & JX_FM_PROGRAM) {
        TRY(get_str(c, JX_COL_PROGRAM, row, e->program, sizeof(e->program), err));
        TRY(get_str(c, JX_COL_PROGRAM_LIB, row, e->program_lib, sizeof(e->program_lib), err));
    }
    if (mask & JX_FM_OBJECT) {
        TRY(get_str(c, JX_COL_OBJECT, row, e->object, sizeof(e->object), err));
        TRY(get_str(c, JX_COL_OBJECT_LIB, row, e->object_lib, sizeof(e->object_lib), err));
        TRY(get_str(c, JX_COL_OBJECT_TYPE, row, e->object_type, sizeof(e->object_type), err));
    }
    if (mask & JX_FM_TARGET_USER)
        TRY(get_str(c, JX_COL_TARGET_USER, row, e->target_user, sizeof(e->target_user), err));
    if (mask & JX_FM_PATH)
        TRY(get_str(c, JX_COL_PATH, row, e->path, sizeof(e->path), err));
    if (mask & (JX_FM_REMOTE | JX_FM_ESDLEN)) {
        TRY(load_fixed(c, JX_S_NUM(JX_BK_FLAGS), row, 3, err));
        const struct cblk *b = &c->b[JX_S_NUM(JX_BK_FLAGS)];
        const uint8_t *p = b->data + (row - b->first) * 3;
        if (mask & JX_FM_REMOTE)
            e->addr_family = (char)p[2];
        if (mask & JX_FM_ESDLEN)
            e->flags = jx_le16(p);
    }
    if (mask & JX_FM_REMOTE) {
        TRY(get_str(c, JX_COL_REMOTE_ADDR, row, e->remote_addr, sizeof(e->remote_addr), err));
        TRY(get_num(c, JX_BK_PORT, row, &v, err));
        e->remote_port = (uint16_t)v;
    }
    if (mask & JX_FM_MISC) {
        TRY(get_num(c, JX_BK_THREAD, row, &v, err));
        e->thread = v;
        TRY(get_num(c, JX_BK_SYSSEQ, row, &v, err));
        e->sysseq = v;
        TRY(get_str(c, JX_COL_OBJTYPE_HDR, row, e->object_type_hdr,
                    sizeof(e->object_type_hdr), err));
    }
    if (mask & JX_FM_ESDLEN) {
        TRY(get_num(c, JX_BK_ESDLEN, row, &v, err));
        e->esd_len = (uint32_t)v;
    }
    if (mask & JX_FM_ESD) {
        TRY(load_esd(c, row, err));
        const struct cblk *b = &c->b[JX_S_ESD];
        /* vals[0..n] are the byte offsets of the rows in the block */
        const uint64_t i = row - b->first;
        e->esd = b->data + b->vals[i];
        e->esd_avail = (uint32_t)(b->vals[i + 1] - b->vals[i]);
    }
#undef TRY
    return JX_OK;
}

int jx_cursor_dict_ids(struct jx_cursor *c, enum jx_col col, uint64_t row, uint32_t n,
                       uint32_t *ids, struct jx_errctx *err)
{
    if ((unsigned)col >= JX_COL_COUNT_)
        return jx_error(err, JX_E_USAGE, c->s->path, -1, -1, "no such column");
    const struct jx_sdict *d = &c->s->dict[col];
    c->span_ok = false; /* a column scan: only this column's blocks */
    c->scan = true;
    if (row > c->s->nrows || n > c->s->nrows - row)
        return jx_error(err, JX_E_RANGE, c->s->path, -1, -1, "rows %llu+%u past the %llu rows",
                        (unsigned long long)row, n, (unsigned long long)c->s->nrows);
    for (uint32_t i = 0; i < n;) {
        int rc = load(c, JX_S_IDS(col), row + i, err);
        if (rc)
            return rc;
        const struct cblk *b = &c->b[JX_S_IDS(col)];
        const uint64_t end = JX_MIN(b->first + b->n, row + n);
        if ((rc = load_fixed_from(c, JX_S_IDS(col), row + i, end - 1, d->width, err)))
            return rc;
        for (uint64_t r = row + i; r < end; r++, i++) {
            ids[i] = id_at(b, d->width, r);
            if (ids[i] >= d->n)
                return jx_seg_fault(c->s, b->di,
                                    JX_E_CORRUPT, "dictionary id out of range", err);
        }
    }
    return JX_OK;
}

int jx_cursor_ts(struct jx_cursor *c, uint64_t row, uint32_t n, int64_t *ts,
                 struct jx_errctx *err)
{
    c->span_ok = false; /* a column scan: only this column's blocks */
    c->scan = true;
    if (row > c->s->nrows || n > c->s->nrows - row)
        return jx_error(err, JX_E_RANGE, c->s->path, -1, -1, "rows %llu+%u past the %llu rows",
                        (unsigned long long)row, n, (unsigned long long)c->s->nrows);
    for (uint32_t i = 0; i < n;) {
        int rc = load(c, JX_S_NUM(JX_BK_TS), row + i, err);
        if (rc)
            return rc;
        const struct cblk *b = &c->b[JX_S_NUM(JX_BK_TS)];
        const uint64_t end = JX_MIN(b->first + b->n, row + n);
        if ((rc = load_num_from(c, JX_BK_TS, row + i, end - 1, err)))
            return rc;
        for (uint64_t r = row + i; r < end; r++, i++)
            ts[i] = (int64_t)b->vals[r - b->first];
    }
    return JX_OK;
}

int jx_cursor_postings_or(struct jx_cursor *c, enum jx_col col, uint32_t id,
                          uint64_t *bits, struct jx_errctx *err)
{
    return jx_cursor_postings_or_n(c, col, id, UINT64_MAX, bits, err);
}

/* OR value id's rows into bits, or (pr) probe its list for pr's rows. */
static int cursor_postings(struct jx_cursor *c, enum jx_col col, uint32_t id, uint64_t rows,
                           uint64_t *bits, const struct jx_probe *pr, struct jx_errctx *err)
{
    const struct jx_seg *s = c->s;
    struct cblk *b = &c->post;
    const uint64_t expect = rows;
    int rc;
    if (rows == UINT64_MAX) {
        if ((rc = post_check(s, col, id, err)))
            return rc;
    } else if ((unsigned)col >= JX_COL_COUNT_ || !jx_col_has_postings(col) ||
               id >= s->dict[col].n) {
        return jx_error(err, JX_E_USAGE, s->path, -1, -1, "no postings for value %u of column %s",
                        id, (unsigned)col < JX_COL_COUNT_ ? jx_col_name(col) : "?");
    }
    const uint32_t di = post_block(s, col, id);
    if (b->blk < 0 || b->di != di) {
        b->blk = -1;
        if ((rc = read_stored(c, b, di, err)))
            return rc;
        b->blk = 0;
    }
    /* the offset table, then the value's list: a prefix of the block */
    const struct jx_dirent *de = &b->de;
    const size_t tab = ((size_t)de->nitems + 1) * 4;
    /* the offset table must lie in the block: the value's entries are read
     * from the decoded prefix below, which ensure() bounds by ulen */
    if (id < de->first || id - de->first >= de->nitems || tab > de->ulen)
        return jx_seg_fault(s, di, JX_E_CORRUPT, "postings block does not hold the value", err);
    const uint32_t k = (uint32_t)(id - de->first);
    /* the table and about as far into the lists as k is into the values */
    const uint64_t est = tab + ((uint64_t)k + 1) * (de->ulen - JX_MIN(tab, (size_t)de->ulen)) /
                                   de->nitems;
    if ((rc = ensure(c, b, (size_t)JX_MIN(est + est / 8 + 64, (uint64_t)de->ulen), err)))
        return rc;
    const size_t end = tab + (size_t)jx_le32(b->data + 4 * (k + 1));
    if ((rc = ensure(c, b, end, err)))
        return rc;
    return pr ? jx_seg_posting_probe(s, di, b->data, b->have, id, expect, pr, err)
              : jx_seg_posting_decode(s, di, b->data, b->have, id, expect, bits, NULL, err);
}

int jx_cursor_postings_or_n(struct jx_cursor *c, enum jx_col col, uint32_t id, uint64_t rows,
                            uint64_t *bits, struct jx_errctx *err)
{
    return cursor_postings(c, col, id, rows, bits, NULL, err);
}

int jx_cursor_postings_probe(struct jx_cursor *c, enum jx_col col, uint32_t id, uint64_t rows,
                             const struct jx_probe *pr, struct jx_errctx *err)
{
    return cursor_postings(c, col, id, rows, NULL, pr, err);
}
