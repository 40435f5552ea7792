/*
 * index/verify.c - full consistency check of an index (`jidx verify`):
 * every block's checksum, every block decoded, and every structural
 * invariant the reader relies on or the format promises (row counts, sorted
 * dictionaries whose counts match the id columns, postings equal to the id
 * columns, blooms holding every value, sequence order, header min/max,
 * canonical order of the MANIFEST).
 *
 * Workload: reads the whole index once; O(rows) time per segment and
 * O(rows) memory for one segment at a time (ids of one column, a bitmap).
 */
#include <stdlib.h>
#include <string.h>

#include "ebcdic.h"
#include "seg_int.h"

struct vctx {
    const struct jx_seg *s;
    uint8_t *buf;
    size_t cap;
    uint64_t *vals;
    uint32_t *ids, *order, *start;
    uint64_t *bits;
    struct jx_verify_stats *st;
};

static int fetch(struct vctx *v, uint32_t di, const uint8_t **data, size_t *len,
                 struct jx_errctx *err)
{
    return jx_seg_block(v->s, di, &v->buf, &v->cap, data, len, err);
}

/* Numeric streams: decode; sequence strictly increasing, min/max match. */
static int check_numeric(struct vctx *v, struct jx_errctx *err)
{
    const struct jx_seg *s = v->s;
    const uint8_t *data;
    size_t len;
    int rc;
    for (unsigned k = 1; k <= JX_NUM_KINDS; k++) {
        const struct jx_stream *st = &s->st[JX_S_NUM(k)];
        uint64_t prev_seq = 0;
        int64_t tmin = INT64_MAX, tmax = INT64_MIN, tprev = INT64_MIN;
        for (uint32_t b = 0; b < st->n; b++) {
            const uint32_t di = jx_seg_stream_ent(s, JX_S_NUM(k), b);
            const struct jx_dirent *de = &s->dir[di];
            if ((rc = fetch(v, di, &data, &len, err)) ||
                (rc = jx_seg_rows_decode(s, di, data, len, v->vals, err)))
                return rc;
            for (uint32_t i = 0; i < de->nitems; i++) {
                const uint64_t row = de->first + i;
                if (k == JX_BK_SEQ) {
                    if ((row == 0 && v->vals[i] != s->seq_min) || (row && v->vals[i] <= prev_seq))
                        return jx_seg_fault(s, di, JX_E_CORRUPT,
                                            "sequence numbers not strictly increasing from "
                                            "the header's minimum", err);
                    prev_seq = v->vals[i];
                } else if (k == JX_BK_TS) {
                    if ((s->flags & JX_SEGF_TS_SORTED) && (int64_t)v->vals[i] < tprev)
                        return jx_seg_fault(s, di, JX_E_CORRUPT,
                                            "timestamps decrease in a segment marked sorted",
                                            err);
                    tprev = (int64_t)v->vals[i];
                    tmin = JX_MIN(tmin, (int64_t)v->vals[i]);
                    tmax = JX_MAX(tmax, (int64_t)v->vals[i]);
                } else if (k == JX_BK_PORT && v->vals[i] > 65535) {
                    return jx_seg_fault(s, di, JX_E_CORRUPT, "remote port out of range", err);
                } else if ((k == JX_BK_JOBNBR && v->vals[i] > 999999) ||
                           (k == JX_BK_ESDLEN && v->vals[i] > UINT32_MAX)) {
                    return jx_seg_fault(s, di, JX_E_CORRUPT, "value out of range", err);
                }
            }
            v->st->blocks++;
        }
        if (k == JX_BK_SEQ && prev_seq != s->seq_max)
            return jx_error(err, JX_E_CORRUPT, s->path, -1, -1,
                            "segment: last sequence number is not the header's maximum");
        if (k == JX_BK_TS && (tmin != s->ts_min || tmax != s->ts_max))
            return jx_error(err, JX_E_CORRUPT, s->path, -1, -1,
                            "segment: timestamps disagree with the header's range");
    }
    return JX_OK;
}

/* ESD blocks decode; lengths consistent with the ESD length column. */
static int check_esd(struct vctx *v, struct jx_errctx *err)
{
    const struct jx_seg *s = v->s;
    const struct jx_stream *st = &s->st[JX_S_ESD];
    uint64_t *full = jx_malloc((size_t)s->nrows * sizeof(uint64_t));
    uint16_t *flags = jx_malloc((size_t)s->nrows * sizeof(uint16_t));
    const uint8_t *data;
    size_t len;
    int rc = JX_OK;
    if (!full || !flags) {
        rc = jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
        goto out;
    }
    /* ESD lengths and flags first (blocks already checked) */
    const struct jx_stream *ls = &s->st[JX_S_NUM(JX_BK_ESDLEN)];
    for (uint32_t b = 0; b < ls->n; b++) {
        const uint32_t di = jx_seg_stream_ent(s, JX_S_NUM(JX_BK_ESDLEN), b);
        const struct jx_dirent *de = &s->dir[di];
        if ((rc = fetch(v, di, &data, &len, err)) ||
            (rc = jx_seg_rows_decode(s, di, data, len, full + de->first, err)))
            goto out;
    }
    const struct jx_stream *fs = &s->st[JX_S_NUM(JX_BK_FLAGS)];
    for (uint32_t b = 0; b < fs->n; b++) {
        const uint32_t di = jx_seg_stream_ent(s, JX_S_NUM(JX_BK_FLAGS), b);
        const struct jx_dirent *de = &s->dir[di];
        if ((rc = fetch(v, di, &data, &len, err)))
            goto out;
        for (uint32_t i = 0; i < de->nitems; i++)
            flags[de->first + i] = jx_le16(data + 3 * i);
    }
    for (uint32_t b = 0; b < st->n; b++) {
        const uint32_t di = jx_seg_stream_ent(s, JX_S_ESD, b);
        const struct jx_dirent *de = &s->dir[di];
        if ((rc = fetch(v, di, &data, &len, err)) ||
            (rc = jx_seg_rows_decode(s, di, data, len, v->vals, err)))
            goto out;
        for (uint32_t i = 0; i < de->nitems; i++) {
            const uint64_t avail = v->vals[i + 1] - v->vals[i], row = de->first + i;
            const bool trunc = flags[row] & JX_F_TRUNCATED;
            if (avail > full[row] || trunc != (avail < full[row])) {
                rc = jx_seg_fault(s, di, JX_E_CORRUPT,
                                  "ESD bytes disagree with the ESD length and flags", err);
                goto out;
            }
        }
        v->st->blocks++;
    }
out:
    jx_free(full);
    jx_free(flags);
    return rc;
}

static int check_column(struct vctx *v, unsigned c, struct jx_errctx *err)
{
    const struct jx_seg *s = v->s;
    const struct jx_sdict *d = &s->dict[c];
    const struct jx_stream *st = &s->st[JX_S_IDS(c)];
    const uint8_t *data;
    size_t len;
    int rc;
    for (uint32_t i = 1; i < d->n; i++)
        if (strcmp(d->str[i - 1], d->str[i]) >= 0)
            return jx_seg_fault(s, d->di, JX_E_CORRUPT, "dictionary not sorted", err);
    v->st->blocks++;
    for (uint32_t b = 0; b < st->n; b++) {
        const uint32_t di = jx_seg_stream_ent(s, JX_S_IDS(c), b);
        const struct jx_dirent *de = &s->dir[di];
        if ((rc = fetch(v, di, &data, &len, err)) ||
            (rc = jx_seg_rows_decode(s, di, data, len, NULL, err)))
            return rc;
        for (uint32_t i = 0; i < de->nitems; i++) {
            const uint8_t *p = data + (size_t)i * de->width;
            const uint32_t id = de->width == 1 ? p[0] : de->width == 2 ? jx_le16(p) : jx_le32(p);
            if (id >= d->n)
                return jx_seg_fault(s, di, JX_E_CORRUPT, "dictionary id out of range", err);
            v->ids[de->first + i] = id;
        }
        v->st->blocks++;
    }
    /* counting sort of rows by id: start[id] .. start[id+1] */
    memset(v->start, 0, ((size_t)d->n + 1) * sizeof(uint32_t));
    for (uint64_t r = 0; r < s->nrows; r++)
        v->start[v->ids[r] + 1]++;
    for (uint32_t i = 0; i < d->n; i++) {
        if (v->start[i + 1] != d->count[i])
            return jx_seg_fault(s, d->di, JX_E_CORRUPT,
                                "dictionary row count disagrees with the id column", err);
        v->start[i + 1] += v->start[i];
    }
    if (!jx_col_has_postings((enum jx_col)c))
        return JX_OK;
    {
        uint32_t *pos = jx_malloc(((size_t)d->n + 1) * sizeof(uint32_t));
        if (!pos)
            return jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
        memcpy(pos, v->start, ((size_t)d->n + 1) * sizeof(uint32_t));
        for (uint64_t r = 0; r < s->nrows; r++)
            v->order[pos[v->ids[r]]++] = (uint32_t)r;
        jx_free(pos);
    }
    const struct jx_stream *ps = &s->st[JX_S_POST(c)];
    for (uint32_t b = 0; b < ps->n; b++) {
        const uint32_t di = ps->ents[b];
        const struct jx_dirent *de = &s->dir[di];
        if ((rc = fetch(v, di, &data, &len, err)))
            return rc;
        for (uint32_t k = 0; k < de->nitems; k++) {
            const uint32_t id = (uint32_t)de->first + k;
            if ((rc = jx_seg_posting_decode(s, di, data, len, id, UINT64_MAX, v->bits, NULL, err)))
                return rc;
            for (uint32_t j = v->start[id]; j < v->start[id + 1]; j++) {
                const uint32_t r = v->order[j];
                if (!(v->bits[r >> 6] & (1ull << (r & 63))))
                    return jx_seg_fault(s, di, JX_E_CORRUPT,
                                        "posting list disagrees with the id column", err);
                v->bits[r >> 6] &= ~(1ull << (r & 63));
            }
        }
        v->st->blocks++;
    }
    for (uint64_t w = 0; w < (s->nrows + 63) / 64; w++)
        if (v->bits[w])
            return jx_error(err, JX_E_CORRUPT, s->path, -1, -1,
                            "segment: postings of column %s list rows of other values",
                            jx_col_name((enum jx_col)c));
    return JX_OK;
}

static int check_blooms(struct vctx *v, struct jx_errctx *err)
{
    const struct jx_seg *s = v->s;
    const uint8_t *data;
    size_t len;
    int rc;
    const struct jx_stream *st = &s->st[JX_S_NUM(JX_BK_JOBNBR)];
    for (uint32_t b = 0; b < st->n; b++) {
        const uint32_t di = jx_seg_stream_ent(s, JX_S_NUM(JX_BK_JOBNBR), b);
        const struct jx_dirent *de = &s->dir[di];
        if ((rc = fetch(v, di, &data, &len, err)) ||
            (rc = jx_seg_rows_decode(s, di, data, len, v->vals, err)))
            return rc;
        for (uint32_t i = 0; i < de->nitems; i++) {
            char t[24];
            snprintf(t, sizeof(t), "%06llu", (unsigned long long)v->vals[i]);
            if (!jx_seg_bloom_maybe(s, JX_BLOOM_JOB_NUMBER, t))
                return jx_seg_fault(s, s->bloom[JX_BLOOM_JOB_NUMBER].di, JX_E_CORRUPT,
                                    "bloom filter misses a job number", err);
        }
    }
    static const struct { enum jx_bloom b; enum jx_col c; } m[] = {
        {JX_BLOOM_REMOTE_ADDR, JX_COL_REMOTE_ADDR}, {JX_BLOOM_PATH, JX_COL_PATH}};
    for (size_t k = 0; k < JX_ARRAY_SIZE(m); k++)
        for (uint32_t i = 0; i < s->dict[m[k].c].n; i++)
            if (!jx_seg_bloom_maybe(s, m[k].b, s->dict[m[k].c].str[i]))
                return jx_seg_fault(s, s->bloom[m[k].b].di, JX_E_CORRUPT,
                                    "bloom filter misses a value", err);
    v->st->blocks += JX_BLOOM_COUNT_;
    return JX_OK;
}

int jx_index_verify_seg(struct jx_index *ix, size_t i, struct jx_verify_stats *stats,
                        struct jx_errctx *err)
{
    struct jx_seg *s;
    struct vctx v;
    int rc;
    if ((rc = jx_index_seg(ix, i, &s, err)))
        return rc;
    /* Header fields no reader needs, held to the format here: the segment
     * number is the file name's, and the CCSID one the ESD text can be
     * shown in (0: written before the CCSID was recorded, read as 37). A
     * segment breaking them reads, but says something false. */
    char name[64];
    jx_seg_filename(s->segno, name, sizeof(name));
    if (strcmp(name, jx_index_seginfo(ix, i)->file))
        return jx_error(err, JX_E_CORRUPT, s->path, -1, JX_SH_SEGNO,
                        "segment header: segment number %llu is not the file's",
                        (unsigned long long)s->segno);
    if (s->ccsid && !jx_ccsid_get(s->ccsid))
        return jx_error(err, JX_E_CORRUPT, s->path, -1, JX_SH_CCSID,
                        "segment header: CCSID %u is not one this jidx converts",
                        (unsigned)s->ccsid);
    memset(&v, 0, sizeof(v));
    v.s = s;
    v.st = stats;
    uint32_t maxd = 0;
    for (unsigned c = 0; c < JX_COL_COUNT_; c++)
        maxd = JX_MAX(maxd, s->dict[c].n);
    const size_t n = (size_t)s->nrows;
    v.vals = jx_malloc((JX_MAX((size_t)s->rowgroup, n) + 1) * sizeof(uint64_t));
    v.ids = jx_malloc(n * sizeof(uint32_t));
    v.order = jx_malloc(n * sizeof(uint32_t));
    v.start = jx_malloc(((size_t)maxd + 2) * sizeof(uint32_t));
    v.bits = jx_calloc((n + 63) / 64, sizeof(uint64_t));
    if (!v.vals || !v.ids || !v.order || !v.start || !v.bits) {
        rc = jx_error(err, JX_E_NOMEM, s->path, -1, -1, "out of memory");
        goto out;
    }
    if ((rc = check_numeric(&v, err)) || (rc = check_esd(&v, err)))
        goto out;
    for (unsigned c = 0; c < JX_COL_COUNT_; c++)
        if ((rc = check_column(&v, c, err)))
            goto out;
    if ((rc = check_blooms(&v, err)))
        goto out;
    stats->segments++;
    stats->rows += s->nrows;
    stats->bytes += s->size;
out:
    jx_free(v.buf);
    jx_free(v.vals);
    jx_free(v.ids);
    jx_free(v.order);
    jx_free(v.start);
    jx_free(v.bits);
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int jx_index_verify_manifest(const struct jx_index *ix, struct jx_errctx *err)
{
    const struct jx_manifest *m = jx_index_manifest(ix);
    const char *path = jx_index_path(ix);
    for (size_t i = 1; i < m->nrcv; i++) {
        const struct jx_rcvsummary *a = &m->rcv[i - 1], *b = &m->rcv[i];
        int c = strcmp(a->system, b->system);
        if (!c) c = a->first_ts < b->first_ts ? -1 : a->first_ts > b->first_ts;
        if (!c) c = strcmp(a->receiver, b->receiver);
        if (!c) c = strcmp(a->receiver_lib, b->receiver_lib);
        if (c >= 0)
            return jx_error(err, JX_E_CORRUPT, path, -1, -1,
                            "MANIFEST: receivers %zu and %zu (%s/%s, %s/%s) not in canonical "
                            "order or duplicated", i - 1, i, a->system, a->receiver,
                            b->system, b->receiver);
    }
    size_t s = 0;
    for (size_t r = 0; r < m->nrcv; r++) {
        const struct jx_rcvsummary *rv = &m->rcv[r];
        uint64_t rows = 0, prev = 0;
        const size_t first = s;
        for (; s < m->nseg && m->seg[s].receiver_idx == r; s++) {
            const struct jx_seginfo *g = &m->seg[s];
            if ((s > first && g->seq_min <= prev) || (s == first && g->seq_min != rv->first_seq))
                return jx_error(err, JX_E_CORRUPT, path, -1, -1,
                                "MANIFEST: segment %s does not continue receiver %s's "
                                "sequence", g->file, rv->receiver);
            prev = g->seq_max;
            rows += g->nrows;
        }
        if (s == first || prev != rv->last_seq || rows != rv->entries)
            return jx_error(err, JX_E_CORRUPT, path, -1, -1,
                            "MANIFEST: the segments of receiver %s/%s (%s) do not hold its "
                            "%llu entries, sequence %llu-%llu", rv->receiver_lib,
                            rv->receiver, rv->system, (unsigned long long)rv->entries,
                            (unsigned long long)rv->first_seq,
                            (unsigned long long)rv->last_seq);
    }
    if (s != m->nseg)
        return jx_error(err, JX_E_CORRUPT, path, -1, -1,
                        "MANIFEST: segments not grouped by receiver in canonical order");
    const char **names = jx_calloc(m->nseg + 1, sizeof(*names));
    if (!names)
        return jx_error(err, JX_E_NOMEM, path, -1, -1, "out of memory");
    for (size_t i = 0; i < m->nseg; i++)
        names[i] = m->seg[i].file;
    qsort(names, m->nseg, sizeof(*names), cmp_name);
    for (size_t i = 1; i < m->nseg; i++)
        if (!strcmp(names[i - 1], names[i])) {
            int rc = jx_error(err, JX_E_CORRUPT, path, -1, -1,
                              "MANIFEST: segment file %s listed twice", names[i]);
            jx_free(names);
            return rc;
        }
    jx_free(names);
    return JX_OK;
}
