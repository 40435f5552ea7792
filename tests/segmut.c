/*
 * tests/segmut.c - structured mutations of a valid segment behind valid
 * checksums, and the readers' oracle (API and op encoding in segmut.h).
 *
 * Workload: one base segment of ~1100 rows (~90 KB) built once; every case
 * copies its directory, re-encodes the few blocks its ops touch, lays the
 * file out again and rewrites it with the MANIFEST (page cache only, no
 * fsync), then opens and reads everything: a few milliseconds a case, so
 * that a few thousand run under `make check` in seconds.
 */
#include "segmut.h"

#include <fcntl.h>
#include <lz4.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "bitpack.h"
#include "index.h"
#include "index_int.h"
#include "seg_int.h"
#include "writer.h"

#define SM_ROWS 1100u

/* One directory entry of the working copy: its 40 bytes and stored bytes
 * (the base's until an op changes them). */
struct sm_ent {
    uint8_t e[JX_DIRENT_SIZE];
    uint8_t *data;
    size_t len;
    bool own;
};

/* A change applied after layout: header field (ent < 0) or entry field. */
struct sm_fix {
    int64_t ent;
    unsigned off, size;
    uint64_t val;
    bool add;
};

struct sm_base {
    char dir[512], segpath[640], mfpath[640], segfile[64];
    uint8_t *seg, *mf;
    size_t seglen, mflen;
    uint32_t ndir, frame;
    struct sm_ent *base, *w;
    uint32_t *order, *word;
    struct sm_fix fix[64];
    size_t nfix;
    int64_t mf_size_delta; /* MANIFEST's size of the file vs the written one */
    int64_t file_delta;    /* bytes cut (<0) or appended (>0) after layout */
    bool hint;             /* the oracle opens with jx_index_hint_rows() */
    uint8_t *out;
    size_t outcap;
};

const char *sm_op_name(unsigned op)
{
    static const char *const n[SM_NOPS] = {
        "header set", "header add", "entry set", "entry add", "entry copy",
        "stored xor", "stored set", "decoded", "frame table", "packed frame",
        "file size", "block order"};
    return op < SM_NOPS ? n[op] : "?";
}

uint32_t sm_base_ndir(const struct sm_base *b) { return b->ndir; }
unsigned sm_base_kind(const struct sm_base *b, uint32_t i) { return b->base[i].e[0]; }
const uint8_t *sm_base_dirent(const struct sm_base *b, uint32_t i) { return b->base[i].e; }

static int why_set(char *why, size_t cap, const char *fmt, const char *a, const char *m)
{
    snprintf(why, cap, fmt, a, m);
    return -1;
}

/* ---- the base index ----------------------------------------------------- */

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *b = NULL;
    long l;
    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (l = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0 &&
        (b = malloc((size_t)l)) && fread(b, 1, (size_t)l, fp) != (size_t)l) {
        free(b);
        b = NULL;
    } else if (b) {
        *n = (size_t)l;
    }
    fclose(fp);
    return b;
}

/* The rows: several values per column in a pseudo-random mix, a user and an
 * object column of more than 256 values (2-byte ids: bit-packed frames),
 * the object's postings in two blocks,
 * a type column of long runs (bitmap postings, LZ4 frames), long paths
 * (several dictionary blocks), truncated ESDs flagged as such. */
static void make_row(uint32_t r, uint64_t *rng, uint8_t *esd, struct jx_entry *e)
{
    static const char *const types[] = {"AF", "CA", "CD", "CO", "CP", "DO", "GR",
                                         "OW", "PW", "SK", "ZC", "ZR"};
    memset(e, 0, sizeof(*e));
    e->seq = 5000 + 3ull * r;
    e->ts = 1640995200000000ll + (int64_t)r * 1000003;
    e->sysseq = 900000 + r * 7ull;
    e->thread = rnd(rng) % 4096;
    e->job_number = (uint32_t)(rnd(rng) % 1000000);
    e->remote_port = (uint16_t)(r % 5 ? 0 : rnd(rng) % 65536);
    e->ccsid = 37;
    e->code = 'T';
    e->subtype = (char)("ABC"[r % 3]);
    e->addr_family = r % 5 ? '\0' : '4';
    snprintf(e->type, sizeof(e->type), "%s", types[(r / 40) % 12]);
    snprintf(e->job, sizeof(e->job), "JOB%03u", (unsigned)(rnd(rng) % 40));
    snprintf(e->job_user, sizeof(e->job_user), "JU%02u", (unsigned)(rnd(rng) % 20));
    snprintf(e->user, sizeof(e->user), "USR%04u", (unsigned)(rnd(rng) % 300));
    snprintf(e->program, sizeof(e->program), "PGM%02u", (unsigned)(rnd(rng) % 30));
    snprintf(e->program_lib, sizeof(e->program_lib), "LIB%u", (unsigned)(rnd(rng) % 5));
    snprintf(e->system, sizeof(e->system), "SYSA");
    snprintf(e->receiver, sizeof(e->receiver), "AUDRCV0001");
    snprintf(e->receiver_lib, sizeof(e->receiver_lib), "QGPL");
    snprintf(e->object_type_hdr, sizeof(e->object_type_hdr), r % 2 ? "*FILE" : "*PGM");
    if (r % 5 == 0)
        snprintf(e->remote_addr, sizeof(e->remote_addr), "10.0.%u.%u",
                 (unsigned)(rnd(rng) % 4), (unsigned)(rnd(rng) % 30));
    /* nearly one object a row: its postings take two blocks (8 KB each) */
    snprintf(e->object, sizeof(e->object), "OBJ%05u",
             r % 32 ? (unsigned)(r * 7919u % 100000u) : (unsigned)(rnd(rng) % 20));
    snprintf(e->object_lib, sizeof(e->object_lib), "OLIB%u", (unsigned)(rnd(rng) % 8));
    snprintf(e->object_type, sizeof(e->object_type), r % 3 ? "*FILE" : "*DTAARA");
    if (r % 4 == 0)
        snprintf(e->target_user, sizeof(e->target_user), "TGT%02u", (unsigned)(rnd(rng) % 50));
    if (r % 3 == 0)
        snprintf(e->path, sizeof(e->path), "/home/user%02u/projects/file%04u.txt",
                 (unsigned)(rnd(rng) % 40), (unsigned)(rnd(rng) % 200));
    const uint32_t n = 30 + (uint32_t)(rnd(rng) % 60);
    for (uint32_t i = 0; i < n; i++)
        esd[i] = (uint8_t)(0xC1 + rnd(rng) % 9);
    e->esd = esd;
    e->esd_avail = n;
    e->esd_len = n;
    if (r % 50 == 7) {
        e->esd_len = n + 100;
        e->flags |= JX_F_TRUNCATED;
    }
}

int sm_base_create(const char *dir, struct sm_base **out, char *why, size_t cap)
{
    struct sm_base *b = calloc(1, sizeof(*b));
    struct jx_index_writer *w = NULL;
    struct jx_segbuild *sb = NULL;
    struct jx_entry *e = malloc(sizeof(*e));
    struct jx_segwritten sw;
    struct jx_errctx err;
    struct jx_rcvsummary rs;
    uint8_t esd[128];
    uint64_t rng = 0x5EC5EED;
    int rc = -1;
    *out = NULL;
    if (!b || !e) {
        why_set(why, cap, "%s%s", "out of memory", "");
        goto out;
    }
    snprintf(b->dir, sizeof(b->dir), "%s", dir);
    if (jx_writer_open(dir, &w, &err) || jx_segbuild_create(&sb, &err)) {
        why_set(why, cap, "cannot create the base index: %s%s", err.msg, "");
        goto out;
    }
    jx_segbuild_begin(sb, dir, jx_writer_reserve(w, 1));
    memset(&rs, 0, sizeof(rs));
    for (uint32_t r = 0; r < SM_ROWS; r++) {
        make_row(r, &rng, esd, e);
        if (jx_segbuild_add(sb, e, &err)) {
            why_set(why, cap, "cannot add a row: %s%s", err.msg, "");
            goto out;
        }
        if (r == 0) {
            memcpy(rs.system, e->system, JX_NAME_SZ);
            memcpy(rs.receiver, e->receiver, JX_NAME_SZ);
            memcpy(rs.receiver_lib, e->receiver_lib, JX_NAME_SZ);
            rs.first_seq = e->seq;
            rs.first_ts = e->ts;
        }
        rs.last_seq = e->seq;
        rs.last_ts = e->ts;
    }
    rs.entries = SM_ROWS;
    rs.source_bytes = SM_ROWS * 700ull;
    if (jx_segbuild_finish(sb, &sw, &err) || jx_writer_add_receiver(w, &rs, &sw, 1, &err) ||
        jx_writer_commit(w, &err)) {
        why_set(why, cap, "cannot write the base index: %s%s", err.msg, "");
        goto out;
    }
    snprintf(b->segfile, sizeof(b->segfile), "%s", sw.info.file);
    snprintf(b->segpath, sizeof(b->segpath), "%s/%s", dir, b->segfile);
    snprintf(b->mfpath, sizeof(b->mfpath), "%s/MANIFEST", dir);
    if (!(b->seg = slurp(b->segpath, &b->seglen)) || !(b->mf = slurp(b->mfpath, &b->mflen)) ||
        b->seglen < JX_SEG_HDR_SIZE) {
        why_set(why, cap, "cannot read back '%s'%s", b->segpath, "");
        goto out;
    }
    b->ndir = jx_le32(b->seg + JX_SH_NDIR);
    b->frame = jx_le32(b->seg + JX_SH_FRAME);
    const uint64_t doff = jx_le64(b->seg + JX_SH_DIROFF);
    b->base = calloc(b->ndir, sizeof(*b->base));
    b->w = calloc(b->ndir, sizeof(*b->w));
    b->order = calloc(b->ndir, sizeof(*b->order));
    b->word = calloc(b->ndir, sizeof(*b->word));
    if (!b->base || !b->w || !b->order || !b->word) {
        why_set(why, cap, "%s%s", "out of memory", "");
        goto out;
    }
    for (uint32_t i = 0; i < b->ndir; i++) {
        struct sm_ent *x = &b->base[i];
        memcpy(x->e, b->seg + doff + (size_t)i * JX_DIRENT_SIZE, JX_DIRENT_SIZE);
        x->data = b->seg + jx_le64(x->e + 16);
        x->len = jx_le32(x->e + 24);
        b->order[i] = i;
    }
    /* the base's file order (insertion sort: a few hundred entries) */
    for (uint32_t i = 1; i < b->ndir; i++)
        for (uint32_t j = i; j > 0 && b->base[b->order[j - 1]].data > b->base[b->order[j]].data;
             j--) {
            const uint32_t t = b->order[j];
            b->order[j] = b->order[j - 1];
            b->order[j - 1] = t;
        }
    *out = b;
    b = NULL;
    rc = 0;
out:
    jx_segbuild_free(sb);
    jx_writer_close(w);
    free(e);
    sm_base_free(b);
    return rc;
}

static void work_reset(struct sm_base *b)
{
    for (uint32_t i = 0; b->w && i < b->ndir; i++)
        if (b->w[i].own)
            free(b->w[i].data);
}

void sm_base_free(struct sm_base *b)
{
    if (!b)
        return;
    work_reset(b);
    free(b->base);
    free(b->w);
    free(b->order);
    free(b->word);
    free(b->seg);
    free(b->mf);
    free(b->out);
    free(b);
}

/* ---- mutations ---------------------------------------------------------- */

/* Replace x's stored bytes by the n bytes at p (copied). */
static void ent_set_data(struct sm_ent *x, const uint8_t *p, size_t n)
{
    uint8_t *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, p, n);
    if (x->own)
        free(x->data);
    x->data = d;
    x->len = n;
    x->own = true;
}

/* Mutate a decoded byte string in place (room for 10 more bytes): sub-op
 * `sub`, at `pos`, with byte `by`. @return the new length. */
static size_t mutate_bytes(uint8_t *p, size_t n, unsigned sub, size_t pos, uint8_t by)
{
    if (!n)
        return sub == 2 ? (p[0] = by, 1) : 0;
    pos %= n;
    switch (sub % 6) {
    case 0: p[pos] ^= (uint8_t)(by | 1); return n;
    case 1: p[pos] = by; return n;
    case 2: memmove(p + pos + 1, p + pos, n - pos); p[pos] = by; return n + 1;
    case 3: memmove(p + pos, p + pos + 1, n - pos - 1); return n - 1;
    case 4: { /* a varint far too large, or of 10 bytes with all bits */
        uint8_t vb[10];
        const size_t l = jx_varint_put(vb, by & 1 ? UINT64_MAX : UINT64_MAX >> (by % 60));
        memmove(p + pos + l, p + pos + 1, n - pos - 1);
        memcpy(p + pos, vb, l);
        return n - 1 + l;
    }
    default: p[pos] |= 0x80; return n;
    }
}

/* Frame table of a framed block's stored bytes, as §3.3a lays it out:
 * m = ceil(nitems / F) entries. @return false if it does not fit. */
struct frames {
    uint32_t n, rows[JX_MAX_FRAMES];
    uint32_t sl[JX_MAX_FRAMES], dl[JX_MAX_FRAMES], so[JX_MAX_FRAMES + 1];
    bool packed[JX_MAX_FRAMES];
};

static bool frames_of(const struct sm_base *b, const struct sm_ent *x, struct frames *f)
{
    const uint32_t nitems = jx_le32(x->e + 4);
    const uint64_t n = b->frame ? ((uint64_t)nitems + b->frame - 1) / b->frame : 0;
    if (x->e[2] != JX_CODEC_FRAMED || !n || n > JX_MAX_FRAMES || 4 * n > x->len)
        return false;
    f->n = (uint32_t)n;
    uint64_t so = 4 * n;
    for (uint32_t i = 0; i < n; i++) {
        const uint16_t s = jx_le16(x->data + 4 * i);
        f->packed[i] = x->e[0] == JX_BK_IDS && (s & JX_FRAME_PACKED);
        f->sl[i] = f->packed[i] ? s & ~JX_FRAME_PACKED : s;
        f->dl[i] = jx_le16(x->data + 4 * i + 2);
        f->rows[i] = JX_MIN(b->frame, nitems - i * b->frame);
        f->so[i] = (uint32_t)so;
        so += f->sl[i];
    }
    f->so[n] = (uint32_t)so;
    return so <= x->len;
}

/* Decode frame i to dst (room 65536 + 16). @return its length, -1 if it
 * does not decode. */
static long frame_decode(const struct sm_ent *x, const struct frames *f, uint32_t i,
                         uint8_t *dst)
{
    const uint8_t *src = x->data + f->so[i];
    if (f->packed[i]) {
        const unsigned w = x->e[3];
        if ((w != 1 && w != 2 && w != 4) || f->dl[i] % w ||
            !jx_unpack_ids(dst, src, f->sl[i], w, f->dl[i] / w))
            return -1;
        return f->dl[i];
    }
    if (f->sl[i] == f->dl[i]) {
        memcpy(dst, src, f->dl[i]);
        return f->dl[i];
    }
    const int r = LZ4_decompress_safe((const char *)src, (char *)dst, (int)f->sl[i],
                                      (int)f->dl[i]);
    return r == (int)f->dl[i] ? r : -1;
}

/* Rebuild x's framed bytes with frame i's stored bytes replaced by
 * (st, sl) and its sizes by (sl | flag, dl). */
static void frame_replace(struct sm_ent *x, const struct frames *f, uint32_t i,
                          const uint8_t *st, uint32_t sl, uint32_t dl, bool packed)
{
    const size_t oldsl = f->sl[i];
    const size_t n = x->len - oldsl + sl;
    uint8_t *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, x->data, f->so[i]);
    memcpy(d + f->so[i], st, sl);
    memcpy(d + f->so[i] + sl, x->data + f->so[i] + oldsl, x->len - f->so[i] - oldsl);
    jx_le16_put(d + 4 * i, (uint16_t)(sl | (packed ? JX_FRAME_PACKED : 0)));
    jx_le16_put(d + 4 * i + 2, (uint16_t)dl);
    /* the block's decoded size is the sum of its frames' */
    jx_le32_put(x->e + 28, jx_le32(x->e + 28) - f->dl[i] + dl);
    if (x->own)
        free(x->data);
    x->data = d;
    x->len = n;
    x->own = true;
}

/* Encode decoded frame bytes p[0..n) the way the frame was stored (packed
 * when the ids allow, LZ4 when it shrinks, else raw) into frame i. */
static void frame_encode(struct sm_ent *x, const struct frames *f, uint32_t i, const uint8_t *p,
                         uint32_t n)
{
    static uint8_t enc[LZ4_COMPRESSBOUND(65536) + 16];
    const unsigned w = x->e[3];
    if (f->packed[i] && (w == 1 || w == 2 || w == 4) && n % w == 0 && n) {
        struct jx_pack_stats st = {UINT32_MAX, 0, 0};
        for (uint32_t k = 0; k < n / w; k++) {
            const uint32_t id = jx_pack_id_at(p, w, k);
            st.lo = JX_MIN(st.lo, id);
            st.hi = JX_MAX(st.hi, id);
        }
        const size_t sl = jx_pack_ids(enc, p, w, n / w, &st);
        if (sl < n && sl < JX_FRAME_PACKED) {
            frame_replace(x, f, i, enc, (uint32_t)sl, n, true);
            return;
        }
    }
    if (f->sl[i] != f->dl[i] && !f->packed[i]) {
        const int c = LZ4_compress_default((const char *)p, (char *)enc, (int)n, (int)sizeof(enc));
        if (c > 0 && (uint32_t)c < n) {
            frame_replace(x, f, i, enc, (uint32_t)c, n, false);
            return;
        }
    }
    frame_replace(x, f, i, p, n, n, false);
}

static void op_decoded(struct sm_base *b, struct sm_ent *x, uint8_t a, uint32_t v)
{
    static uint8_t buf[(1u << 20) + 64], enc[LZ4_COMPRESSBOUND(1u << 20) + 64];
    const unsigned sub = a % 6;
    const uint8_t by = (uint8_t)(v >> 16);
    if (x->e[2] == JX_CODEC_FRAMED) {
        struct frames f;
        if (!frames_of(b, x, &f))
            return;
        const uint32_t i = (v >> 24) % f.n;
        const long l = frame_decode(x, &f, i, buf);
        if (l < 0 || l > 65000)
            return;
        const size_t n = mutate_bytes(buf, (size_t)l, sub, v & 0xffff, by);
        frame_encode(x, &f, i, buf, (uint32_t)n);
        return;
    }
    if (x->e[2] == JX_CODEC_RAW) {
        if (x->len > sizeof(buf) - 16)
            return;
        memcpy(buf, x->data, x->len);
        const size_t n = mutate_bytes(buf, x->len, sub, v, by);
        ent_set_data(x, buf, n);
        jx_le32_put(x->e + 28, (uint32_t)n);
        return;
    }
    const uint32_t ulen = jx_le32(x->e + 28);
    if (x->e[2] != JX_CODEC_LZ4 || ulen > sizeof(buf) - 16 ||
        LZ4_decompress_safe((const char *)x->data, (char *)buf, (int)x->len, (int)ulen) !=
            (int)ulen)
        return;
    const size_t n = mutate_bytes(buf, ulen, sub, v & 0xfffff, by);
    const int c = LZ4_compress_default((const char *)buf, (char *)enc, (int)n, (int)sizeof(enc));
    if (c <= 0)
        return;
    ent_set_data(x, enc, (size_t)c);
    jx_le32_put(x->e + 28, (uint32_t)n);
}

/* Frame table fields of a framed block: a stored or decoded size, the
 * packed flag, a small change of a stored size. */
static void op_frame_field(struct sm_base *b, struct sm_ent *x, uint8_t a, uint32_t v)
{
    struct frames f;
    if (x->e[2] != JX_CODEC_FRAMED || x->len < 4)
        return;
    const uint32_t nf = frames_of(b, x, &f) ? f.n : 1;
    const uint32_t i = a % nf;
    ent_set_data(x, x->data, x->len);
    uint8_t *t = x->data + 4 * i;
    switch ((v >> 16) % 4) {
    case 0: jx_le16_put(t, (uint16_t)v); break;
    case 1: jx_le16_put(t + 2, (uint16_t)v); break;
    case 2: jx_le16_put(t, jx_le16(t) ^ JX_FRAME_PACKED); break;
    default: jx_le16_put(t, (uint16_t)(jx_le16(t) + (int8_t)v)); break;
    }
}

/* A bit-packed frame with its size rule kept: another bit count (payload
 * resized to match, filled from v), another base, or a bit count with the
 * payload left as it was. */
static void op_packed(struct sm_base *b, struct sm_ent *x, uint8_t a, uint32_t v)
{
    static uint8_t st[65536 + 32];
    struct frames f;
    if (!frames_of(b, x, &f))
        return;
    uint32_t i = a % f.n, k = 0;
    while (k < f.n && !f.packed[(i + k) % f.n])
        k++;
    if (k == f.n)
        return;
    i = (i + k) % f.n;
    const uint8_t *src = x->data + f.so[i];
    const uint8_t *p = src + 1, *end = src + f.sl[i];
    uint64_t base;
    if (f.sl[i] < 2 || jx_varint_get(&p, end, &base))
        return;
    unsigned bits = src[0];
    size_t payload = (size_t)(end - p), sl;
    const unsigned sub = (v >> 24) % 3;
    uint64_t s = v | 1;
    if (sub == 1)
        base = (v >> 23) & 1 ? (uint64_t)UINT32_MAX - (v & 0xff) : v & 0xffffff;
    else
        bits = v % 40;
    st[0] = (uint8_t)bits;
    sl = 1 + jx_varint_put(st + 1, base);
    if (sub == 0) {
        const size_t want = ((size_t)f.rows[i] * bits + 7) / 8;
        for (size_t j = 0; j < want && sl + j < sizeof(st); j++)
            st[sl + j] = j < payload ? p[j] : (uint8_t)rnd(&s);
        payload = want;
    } else {
        memcpy(st + sl, p, payload);
    }
    sl += payload;
    if (sl >= JX_FRAME_PACKED)
        return;
    frame_replace(x, &f, i, st, (uint32_t)sl, f.dl[i], true);
}

/* Header fields an op may change (offset, size). */
static const struct { uint8_t off, size; } hdr_fields[] = {
    {JX_SH_VERSION, 4}, {JX_SH_HDRSIZE, 4}, {JX_SH_NROWS, 8},   {JX_SH_SEQMIN, 8},
    {JX_SH_SEQMAX, 8},  {JX_SH_TSMIN, 8},   {JX_SH_TSMAX, 8},   {JX_SH_CCSID, 4},
    {JX_SH_NDIR, 4},    {JX_SH_DIROFF, 8},  {JX_SH_DIRLEN, 8},  {JX_SH_SEGNO, 8},
    {JX_SH_ROWGROUP, 4}, {JX_SH_NCOLS, 4},  {JX_SH_FRAME, 4},   {JX_SH_FLAGS, 4},
    {JX_SH_NESD, 4},    {JX_SH_ESDPAGE, 4}, {216, 8},           {JX_SH_DIRHASH, 8},
};
/* Directory entry fields (offset, size). */
static const struct { uint8_t off, size; } ent_fields[] = {
    {0, 1}, {1, 1}, {2, 1}, {3, 1}, {4, 4}, {8, 8}, {16, 8}, {24, 4}, {28, 4},
};

static void add_fix(struct sm_base *b, int64_t ent, unsigned off, unsigned size, uint64_t val,
                    bool add)
{
    if (b->nfix < JX_ARRAY_SIZE(b->fix))
        b->fix[b->nfix++] = (struct sm_fix){ent, off, size, val, add};
}

static void apply_op(struct sm_base *b, const uint8_t *o)
{
    const unsigned op = o[0] % SM_NOPS;
    const uint8_t a = o[1];
    const uint16_t k = jx_le16(o + 2);
    const uint32_t v = jx_le32(o + 4);
    struct sm_ent *x = &b->w[k % b->ndir];
    /* a small signed change most of the time, any 32-bit one sometimes */
    const int64_t delta = v & 0x100 ? (int32_t)v : (int8_t)(v & 0xff);
    switch (op) {
    case SM_HDR_SET:
    case SM_HDR_ADD: {
        const unsigned f = (a & 0x7f) % JX_ARRAY_SIZE(hdr_fields);
        uint64_t val = a & 0x80 ? v % 8 : v;
        if (op == SM_HDR_SET && hdr_fields[f].size == 8 && (k & 1))
            val = ~(uint64_t)v; /* near 2^64 */
        add_fix(b, -1, hdr_fields[f].off, hdr_fields[f].size,
                op == SM_HDR_ADD ? (uint64_t)delta : val, op == SM_HDR_ADD);
        break;
    }
    case SM_ENT_SET:
    case SM_ENT_ADD: {
        const unsigned f = a % JX_ARRAY_SIZE(ent_fields);
        uint64_t val = (a & 0x80) ? v % 16 : v;
        if (op == SM_ENT_SET && ent_fields[f].size == 8 && (a & 0x40))
            val = ~(uint64_t)v;
        add_fix(b, k % b->ndir, ent_fields[f].off, ent_fields[f].size,
                op == SM_ENT_ADD ? (uint64_t)delta : val, op == SM_ENT_ADD);
        break;
    }
    case SM_ENT_COPY: /* entry k takes entry v's place in the file */
        add_fix(b, k % b->ndir, 0xffff, 0, v % b->ndir, a & 1);
        break;
    case SM_STORED_XOR:
    case SM_STORED_SET:
        if (!x->len)
            break;
        ent_set_data(x, x->data, x->len);
        if (op == SM_STORED_XOR)
            x->data[v % x->len] ^= (uint8_t)(a | 1);
        else
            x->data[v % x->len] = a;
        break;
    case SM_DEC_MUT: op_decoded(b, x, a, v); break;
    case SM_FRAME_FIELD: op_frame_field(b, x, a, v); break;
    case SM_PACKED: op_packed(b, x, a, v); break;
    case SM_FILE_SIZE:
        if (a % 4 == 0)
            b->mf_size_delta += delta ? delta : 1;
        else
            b->file_delta = a % 4 == 1 ? -(int64_t)(1 + v % 64) : (int64_t)(1 + v % 64);
        if (a % 4 == 1 || a % 4 == 3) /* the MANIFEST keeps the size laid out */
            b->mf_size_delta -= b->file_delta;
        break;
    default: { /* swap two blocks' places in the file (readers must not care) */
        const uint32_t i = k % b->ndir, j = v % b->ndir, t = b->word[i];
        b->word[i] = b->word[j];
        b->word[j] = t;
        break;
    }
    }
}

static void put_field(uint8_t *p, unsigned size, uint64_t val, bool add)
{
    switch (size) {
    case 1: p[0] = (uint8_t)(add ? p[0] + val : val); break;
    case 4: jx_le32_put(p, (uint32_t)(add ? jx_le32(p) + val : val)); break;
    default: jx_le64_put(p, add ? jx_le64(p) + val : val); break;
    }
}

static int write_file(const char *path, const uint8_t *p, size_t n)
{
    const int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    const int r = jx_write_all(fd, p, n);
    close(fd);
    return r;
}

int sm_apply(struct sm_base *b, const uint8_t *ops, size_t n, char *why, size_t cap)
{
    work_reset(b);
    memcpy(b->w, b->base, b->ndir * sizeof(*b->w));
    memcpy(b->word, b->order, b->ndir * sizeof(*b->word));
    b->nfix = 0;
    b->mf_size_delta = b->file_delta = 0;
    b->hint = n && (XXH3_64bits(ops, n) & 1);
    for (size_t i = 0; i + SM_OP_SIZE <= n; i += SM_OP_SIZE)
        apply_op(b, ops + i);

    /* lay the blocks out in their (possibly swapped) order */
    size_t total = JX_SEG_HDR_SIZE;
    for (uint32_t i = 0; i < b->ndir; i++)
        total += b->w[i].len;
    const uint32_t ndir_max = b->ndir + 256;
    /* directory, a page table of up to 2^20 pages, what an op appends */
    const size_t need = total + (size_t)ndir_max * JX_DIRENT_SIZE + (8u << 20) + 128;
    if (need > b->outcap) {
        free(b->out);
        if (!(b->out = calloc(1, need)))
            return why_set(why, cap, "%s%s", "out of memory", "");
        b->outcap = need;
    }
    uint8_t *const out = b->out, *const h = out;
    size_t pos = JX_SEG_HDR_SIZE;
    for (uint32_t j = 0; j < b->ndir; j++) {
        struct sm_ent *x = &b->w[b->word[j]];
        jx_le64_put(x->e + 16, pos);
        jx_le32_put(x->e + 24, (uint32_t)x->len);
        if (x->e[2] == JX_CODEC_RAW)
            jx_le32_put(x->e + 28, (uint32_t)x->len);
        memcpy(out + pos, x->data, x->len);
        pos += x->len;
    }
    const size_t dir_off = pos;
    memcpy(h, b->seg, JX_SEG_HDR_SIZE);
    jx_le32_put(h + JX_SH_NDIR, b->ndir);
    jx_le64_put(h + JX_SH_DIROFF, dir_off);

    /* changes after layout: entry fields, entry places, header fields */
    bool hdr_set[JX_SEG_HDR_SIZE] = {false};
    for (size_t i = 0; i < b->nfix; i++) {
        const struct sm_fix *f = &b->fix[i];
        if (f->ent < 0) {
            put_field(h + f->off, f->size, f->val, f->add);
            hdr_set[f->off] = true;
        } else if (f->off == 0xffff) {
            uint8_t *d = b->w[f->ent].e;
            const uint8_t *s = b->w[f->val].e;
            memcpy(d + 16, s + 16, 16); /* off, clen, ulen */
            if (f->add)
                d[2] = s[2]; /* and its codec */
        } else {
            put_field(b->w[f->ent].e + f->off, f->size, f->val, f->add);
        }
    }
    /* every block's hash over the bytes its entry points at */
    for (uint32_t i = 0; i < b->ndir; i++) {
        uint8_t *e = b->w[i].e;
        const uint64_t off = jx_le64(e + 16), cl = jx_le32(e + 24);
        if (off <= dir_off && cl <= dir_off - off)
            jx_le64_put(e + 32, XXH3_64bits(out + off, (size_t)cl));
    }

    /* the directory as the (final) header describes it */
    const uint32_t version = jx_le32(h + JX_SH_VERSION);
    const uint32_t ndh = jx_le32(h + JX_SH_NDIR);
    const uint32_t nd = ndh <= ndir_max ? ndh : b->ndir;
    uint8_t *const dir = out + dir_off;
    memset(dir, 0, (size_t)nd * JX_DIRENT_SIZE);
    for (uint32_t i = 0; i < JX_MIN(nd, b->ndir); i++)
        memcpy(dir + (size_t)i * JX_DIRENT_SIZE, b->w[i].e, JX_DIRENT_SIZE);
    size_t dlen = (size_t)nd * JX_DIRENT_SIZE;
    uint64_t dirhash = XXH3_64bits(dir, dlen);
    if (version >= 3) {
        /* pages per the reader's rules (format §3.2a), from the header */
        const uint64_t nrows = jx_le64(h + JX_SH_NROWS);
        const uint32_t rg = jx_le32(h + JX_SH_ROWGROUP);
        const uint32_t nesd = jx_le32(h + JX_SH_NESD), ep = jx_le32(h + JX_SH_ESDPAGE);
        const uint64_t ng = rg ? (nrows + rg - 1) / rg : 0;
        const uint64_t esd0 = ng * JX_RG_ENTS;
        uint64_t np = ep ? ng + (nesd + (uint64_t)ep - 1) / ep + 1 : 0;
        if (!rg || !ep || np > (1u << 20) || esd0 + nesd >= nd)
            np = 0; /* the reader refuses such a header before the pages */
        uint8_t *const tab = dir + dlen;
        for (uint64_t p = 0; p < np; p++) {
            uint64_t first, cnt;
            if (p == np - 1) {
                first = esd0 + nesd;
                cnt = nd - first;
            } else if (p >= ng) {
                first = esd0 + (p - ng) * ep;
                cnt = JX_MIN((uint64_t)ep, esd0 + nesd - first);
            } else {
                first = p * JX_RG_ENTS;
                cnt = JX_RG_ENTS;
            }
            if (first > nd)
                first = cnt = 0;
            cnt = JX_MIN(cnt, nd - first);
            jx_le64_put(tab + 8 * p, XXH3_64bits(dir + first * JX_DIRENT_SIZE,
                                                 (size_t)cnt * JX_DIRENT_SIZE));
        }
        dirhash = XXH3_64bits(tab, (size_t)np * 8);
        dlen += (size_t)np * 8;
    }
    if (!hdr_set[JX_SH_DIRLEN])
        jx_le64_put(h + JX_SH_DIRLEN, dlen);
    if (!hdr_set[JX_SH_DIRHASH])
        jx_le64_put(h + JX_SH_DIRHASH, dirhash);
    const uint64_t hh = XXH3_64bits(h, JX_SH_HASH);
    jx_le64_put(h + JX_SH_HASH, hh);
    size_t flen = dir_off + dlen;
    if (b->file_delta < 0)
        flen -= JX_MIN(flen - JX_SEG_HDR_SIZE, (size_t)-b->file_delta);
    else if (b->file_delta > 0) {
        memset(out + flen, 0xA5, (size_t)b->file_delta);
        flen += (size_t)b->file_delta;
    }

    /* the MANIFEST's record of the segment, and of its receiver, follow */
    uint8_t *mf = malloc(b->mflen);
    if (!mf)
        return why_set(why, cap, "%s%s", "out of memory", "");
    memcpy(mf, b->mf, b->mflen);
    const uint32_t nrcv = jx_le32(mf + 32);
    uint8_t *rv = mf + JX_MF_HDR_SIZE, *sg = rv + (size_t)nrcv * JX_MF_RCV_SIZE;
    const uint64_t nrows = jx_le64(h + JX_SH_NROWS);
    jx_le64_put(sg + 64, nrows);
    memcpy(sg + 72, h + JX_SH_SEQMIN, 32); /* seq min/max, ts min/max */
    jx_le64_put(sg + 112, (uint64_t)((int64_t)flen + b->mf_size_delta));
    jx_le64_put(sg + 120, hh);
    memcpy(rv + 96, h + JX_SH_SEQMIN, 32);
    jx_le64_put(rv + 128, nrows);
    jx_le64_put(mf + 40, nrows);
    jx_le64_put(mf + b->mflen - 8, XXH3_64bits(mf, b->mflen - 8));
    /* 1: the ops changed nothing (an op aimed at a structure the block
     * does not have) */
    int rc = flen == b->seglen && !memcmp(out, b->seg, flen) && !memcmp(mf, b->mf, b->mflen);
    if (write_file(b->segpath, out, flen) || write_file(b->mfpath, mf, b->mflen))
        rc = why_set(why, cap, "cannot write '%s'%s", b->dir, "");
    free(mf);
    return rc;
}

/* ---- the oracle ------------------------------------------------------------ */

struct octx {
    const struct sm_base *b;
    char *why;
    size_t cap;
    int fails;               /* calls that failed (correctly) */
    const char *first;       /* the first of them */
    char firstmsg[512];
    bool bad;                /* a rule of the oracle was broken */
};

/* A call failed with rc: check that it failed the way a damaged segment
 * must (segment errors name the segment file). */
static void failed(struct octx *o, const char *what, int rc, const struct jx_errctx *e,
                   bool seg)
{
    if (o->bad)
        return;
    if (!o->fails++) {
        o->first = what;
        snprintf(o->firstmsg, sizeof(o->firstmsg), "%s", e->msg);
    }
    if (rc >= 0 || (rc != JX_E_CORRUPT && rc != JX_E_CHECKSUM && rc != JX_E_VERSION)) {
        snprintf(o->why, o->cap, "%s: error %d (%s): %s", what, rc, jx_strerror(rc), e->msg);
        o->bad = true;
    } else if (!e->msg[0] || e->code != rc) {
        snprintf(o->why, o->cap, "%s: error %d without a message", what, rc);
        o->bad = true;
    } else if (seg && !strstr(e->file, o->b->segfile)) {
        snprintf(o->why, o->cap, "%s: error '%s' names '%s', not the segment file", what,
                 e->msg, e->file);
        o->bad = true;
    }
}

static void broken(struct octx *o, const char *what, uint64_t at)
{
    if (o->bad)
        return;
    snprintf(o->why, o->cap, "verify passed but %s (at %llu)", what, (unsigned long long)at);
    o->bad = true;
}

/* The string fields of struct jx_entry by column (type..objtype_hdr). */
static const char *col_field(const struct jx_entry *e, unsigned c, char one[2])
{
    switch (c) {
    case JX_COL_TYPE: return e->type;
    case JX_COL_USER: return e->user;
    case JX_COL_JOB_USER: return e->job_user;
    case JX_COL_TARGET_USER: return e->target_user;
    case JX_COL_OBJECT: return e->object;
    case JX_COL_OBJECT_LIB: return e->object_lib;
    case JX_COL_OBJECT_TYPE: return e->object_type;
    case JX_COL_PROGRAM: return e->program;
    case JX_COL_PROGRAM_LIB: return e->program_lib;
    case JX_COL_JOB: return e->job;
    case JX_COL_SUBTYPE: one[0] = e->subtype; one[1] = 0; return one;
    case JX_COL_CODE: one[0] = e->code; one[1] = 0; return one;
    case JX_COL_REMOTE_ADDR: return e->remote_addr;
    case JX_COL_PATH: return e->path;
    default: return e->object_type_hdr;
    }
}

/* One number per row for everything a cursor read of all fields gives. */
static uint64_t row_digest(const struct jx_entry *e)
{
    char one[2];
    uint64_t h = XXH3_64bits_withSeed(e->esd, e->esd_avail, e->seq);
    const uint64_t nums[] = {(uint64_t)e->ts, e->sysseq, e->thread, e->esd_len,
                             e->job_number, e->remote_port, e->flags,
                             (uint64_t)(uint8_t)e->addr_family};
    h ^= XXH3_64bits_withSeed(nums, sizeof(nums), h);
    for (unsigned c = 0; c < JX_COL_COUNT_; c++) {
        const char *s = col_field(e, c, one);
        h = XXH3_64bits_withSeed(s, strlen(s) + 1, h);
    }
    return h;
}

struct range_acc {
    uint64_t rows, calls;
    uint64_t *per;           /* rows of each id, if not NULL (room: hi) */
};

static void range_each(void *arg, uint32_t id, uint64_t rows)
{
    struct range_acc *r = arg;
    r->rows += rows;
    r->calls++;
    if (r->per)
        r->per[id] = rows;
}

/* Forget the last error before a call, so that one returned without a
 * message shows (jx_errctx_clear() clears 1 KB: too slow per row). */
static void err_reset(struct jx_errctx *e)
{
    e->code = 0;
    e->file[0] = e->msg[0] = '\0';
}

/* Read every row with a cursor, all fields (spans), the digest of each into
 * dig (compare: against it instead); then two fields of every 7th row
 * backwards (no spans, ESD searches from the end). */
static void read_rows(struct octx *o, struct jx_seg *s, struct jx_entry *e, uint64_t *dig,
                      bool compare, const char *what)
{
    struct jx_errctx err;
    struct jx_cursor *c;
    const uint64_t nrows = jx_seg_nrows(s);
    if (jx_cursor_open(s, &c))
        abort();
    for (uint64_t r = 0; r < nrows && !o->bad; r++) {
        err_reset(&err);
        e->esd = NULL;
        e->esd_avail = 0;
        const int rc = jx_cursor_read(c, r, JX_FM_ALL, e, &err);
        if (rc) {
            failed(o, what, rc, &err, true);
            break;
        }
        const uint64_t d = row_digest(e);
        if (compare && dig && dig[r] != d)
            broken(o, "a row reads differently once the dictionaries are loaded", r);
        else if (dig)
            dig[r] = d;
    }
    /* every 7th row: each row group, ESD block and frame, fetched alone */
    jx_cursor_reset(c, s);
    for (uint64_t r = nrows; r > 0 && !o->bad;) {
        r = r > 7 ? r - 7 : 0;
        err_reset(&err);
        int rc = jx_cursor_read(c, r, JX_FM_ESD | JX_FM_SEQ, e, &err);
        if (!rc)
            rc = jx_cursor_read(c, r, JX_FM_PATH, e, &err);
        if (rc) {
            failed(o, what, rc, &err, true);
            break;
        }
    }
    jx_cursor_close(c);
}

int sm_oracle(struct sm_base *b, char *why, size_t cap)
{
    struct octx o = {.b = b, .why = why, .cap = cap};
    struct jx_errctx err;
    struct jx_index *ix = NULL;
    struct jx_seg *s = NULL;
    struct jx_cursor *c = NULL;
    struct jx_entry *e = malloc(sizeof(*e));
    uint64_t *dig = NULL, *bits = NULL;
    uint32_t *ids = NULL;
    int64_t *ts = NULL;
    bool verified = false;
    int rc;
    if (!e)
        abort();
    err_reset(&err);
    if ((rc = jx_index_open(b->dir, &ix, &err))) {
        failed(&o, "index open", rc, &err, false);
        goto out;
    }
    /* every other case opens the segment as a query fetching rows does:
     * its ESD directory pages read with the head */
    jx_index_hint_rows(ix, b->hint);
    err_reset(&err);
    if ((rc = jx_index_verify_manifest(ix, &err)))
        failed(&o, "MANIFEST check", rc, &err, false);
    err_reset(&err);
    if ((rc = jx_index_seg_cols(ix, 0, 0, 0, &s, &err))) {
        failed(&o, "segment open", rc, &err, true);
        /* verify fails the same way */
        struct jx_verify_stats vs = {0};
        err_reset(&err);
        if (!(rc = jx_index_verify_seg(ix, 0, &vs, &err)))
            broken(&o, "the segment does not open", 0);
        else
            failed(&o, "verify", rc, &err, true);
        goto out;
    }
    const uint64_t nrows = jx_seg_nrows(s);
    /* the MANIFEST's row count bounds it (1 .. 2^19): no huge buffers */
    dig = calloc(nrows, sizeof(*dig));
    ids = calloc((size_t)nrows * JX_COL_COUNT_, sizeof(*ids));
    ts = calloc(nrows, sizeof(*ts));
    bits = calloc((nrows + 63) / 64, sizeof(*bits));
    if (!dig || !ids || !ts || !bits)
        abort();

    /* rows, before any dictionary is loaded (the cursor's own decoding) */
    read_rows(&o, s, e, dig, false, "cursor read (dictionaries not loaded)");
    /* column scans */
    if (jx_cursor_open(s, &c))
        abort();
    for (unsigned col = 0; col < JX_COL_COUNT_ && !o.bad; col++) {
        err_reset(&err);
        if ((rc = jx_cursor_dict_ids(c, (enum jx_col)col, 0, (uint32_t)nrows,
                                     ids + (size_t)col * nrows, &err)))
            failed(&o, "column scan of ids", rc, &err, true);
    }
    err_reset(&err);
    if (!o.bad && (rc = jx_cursor_ts(c, 0, (uint32_t)nrows, ts, &err)))
        failed(&o, "column scan of timestamps", rc, &err, true);
    /* searches without loading a dictionary */
    bool all_ok = true;
    for (unsigned col = 0; col < JX_COL_COUNT_ && !o.bad; col++) {
        const enum jx_col cc = (enum jx_col)col;
        uint32_t lo, hi;
        uint64_t *per = calloc((size_t)jx_seg_dict_size(s, cc) + 1, sizeof(*per));
        struct range_acc ra = {0, 0, per};
        if (!per)
            abort();
        err_reset(&err);
        if ((rc = jx_seg_dict_range(s, cc, "", true, &lo, &hi, range_each, &ra, &err))) {
            failed(&o, "dictionary search", rc, &err, true);
            free(per);
            continue;
        }
        if (hi - lo != ra.calls || lo > hi || hi > jx_seg_dict_size(s, cc))
            broken(&o, "a dictionary search gives a range outside the dictionary", col);
        /* judged once verify has spoken: the whole dictionary, every row */
        all_ok &= lo == 0 && hi == jx_seg_dict_size(s, cc) && ra.rows == nrows;
        /* the query planner's path: postings of the values found, with the
         * row counts the search gave, no dictionary loaded */
        for (uint32_t i = lo; i < hi && jx_col_has_postings(cc) && !o.bad; i++) {
            err_reset(&err);
            if ((rc = jx_cursor_postings_or_n(c, cc, i, per[i], bits, &err)))
                failed(&o, "postings (search's row count)", rc, &err, true);
        }
        free(per);
        /* a few searches a query makes: exact names, prefixes, none */
        static const char *const probes[] = {"USR0150", "OBJ0", "/home/user1", "~", "ZR"};
        for (size_t k = 0; k < JX_ARRAY_SIZE(probes) && !o.bad; k++) {
            err_reset(&err);
            if ((rc = jx_seg_dict_range(s, cc, probes[k], k % 2, &lo, &hi, NULL, NULL, &err)))
                failed(&o, "dictionary search", rc, &err, true);
            else if (lo > hi || hi > jx_seg_dict_size(s, cc))
                broken(&o, "a dictionary search gives a range outside the dictionary", col);
        }
    }
    /* each dictionary and bloom loaded on its own */
    uint32_t loaded = 0;
    for (unsigned col = 0; col < JX_COL_COUNT_ && !o.bad; col++) {
        struct jx_seg *s2;
        err_reset(&err);
        if ((rc = jx_index_seg_cols(ix, 0, JX_DICT(col), 0, &s2, &err)))
            failed(&o, "dictionary load", rc, &err, true);
        else
            loaded |= JX_DICT(col);
    }
    bool blooms = !o.bad;
    for (unsigned bl = 0; bl < JX_BLOOM_COUNT_ && blooms; bl++) {
        struct jx_seg *s2;
        err_reset(&err);
        if ((rc = jx_index_seg_cols(ix, 0, 0, JX_BLOOM(bl), &s2, &err))) {
            failed(&o, "bloom load", rc, &err, true);
            blooms = false;
        }
    }
    for (unsigned bl = 0; bl < JX_BLOOM_COUNT_ && blooms; bl++) {
        static const char *const v[] = {"", "012345", "10.0.1.2", "/home/user01/x"};
        for (size_t k = 0; k < JX_ARRAY_SIZE(v); k++)
            (void)jx_seg_bloom_maybe(s, (enum jx_bloom)bl, v[k]);
    }
    /* the accessors of the loaded dictionaries, postings through both paths */
    for (unsigned col = 0; col < JX_COL_COUNT_ && !o.bad; col++) {
        if (!(loaded & JX_DICT(col)))
            continue;
        const enum jx_col cc = (enum jx_col)col;
        const uint32_t n = jx_seg_dict_count(s, cc);
        uint64_t sum = 0;
        uint32_t lo, hi, id;
        if (n != jx_seg_dict_size(s, cc))
            broken(&o, "a loaded dictionary's size differs from the directory's", col);
        for (uint32_t i = 0; i < n; i++) {
            const char *v = jx_seg_dict_str(s, cc, i);
            if (!v || jx_seg_dict_find(s, cc, v, &id) < JX_E_NOTFOUND)
                broken(&o, "a dictionary accessor fails", i);
            sum += jx_seg_value_rows(s, cc, i);
        }
        jx_seg_dict_prefix(s, cc, "", &lo, &hi);
        if (jx_seg_dict_str(s, cc, n) || lo > hi || hi > n)
            broken(&o, "a dictionary accessor answers past the dictionary", col);
        (void)sum;
        if (!jx_col_has_postings(cc))
            continue;
        for (uint32_t i = 0; i < n && !o.bad; i++) {
            err_reset(&err);
            memset(bits, 0, (nrows + 63) / 64 * sizeof(*bits));
            if ((rc = jx_cursor_postings_or(c, cc, i, bits, &err)))
                failed(&o, "postings", rc, &err, true);
            if (i == 0 || i == n - 1 || i % 64 == 1) {
                static const uint32_t cand[] = {0, 1, 2, 100, 500, 1023, 1024, 1099};
                uint8_t hit[JX_ARRAY_SIZE(cand)] = {0};
                const struct jx_probe pr = {cand, nrows >= 1100 ? JX_ARRAY_SIZE(cand) : 1, hit};
                err_reset(&err);
                if ((rc = jx_seg_postings_or(s, cc, i, bits, &err)))
                    failed(&o, "postings (segment)", rc, &err, true);
                err_reset(&err);
                if ((rc = jx_cursor_postings_probe(c, cc, i, UINT64_MAX, &pr, &err)))
                    failed(&o, "postings probe", rc, &err, true);
            }
        }
    }
    /* rows again, with every dictionary that loads loaded */
    if (!o.bad)
        read_rows(&o, s, e, loaded == JX_DICT_ALL ? dig : NULL, true,
                  "cursor read (dictionaries loaded)");

    if (!o.bad) {
        struct jx_verify_stats vs = {0};
        err_reset(&err);
        if ((rc = jx_index_verify_seg(ix, 0, &vs, &err)))
            failed(&o, "verify", rc, &err, true);
        else
            verified = true;
    }
    if (o.bad || !verified)
        goto out;

    /* verify passed: everything above must have worked, and agree */
    if (o.fails) {
        snprintf(why, cap, "verify passed but %s failed: %s", o.first, o.firstmsg);
        o.bad = true;
        goto out;
    }
    if (!blooms || loaded != JX_DICT_ALL)
        broken(&o, "a dictionary or bloom does not load", 0);
    if (!all_ok)
        broken(&o, "a search for every value misses some", 0);
    /* whole rows: sequence strictly increasing inside the header's range,
     * timestamps as scanned, strings as their ids say */
    jx_cursor_reset(c, s);
    uint64_t prev = 0;
    for (uint64_t r = 0; r < nrows && !o.bad; r++) {
        char one[2];
        err_reset(&err);
        if ((rc = jx_cursor_read(c, r, JX_FM_ALL, e, &err))) {
            broken(&o, "a row does not read", r);
            break;
        }
        if ((r && e->seq <= prev) || e->ts != ts[r])
            broken(&o, "rows out of sequence or timestamps disagree", r);
        prev = e->seq;
        if (!jx_seg_bloom_maybe(s, JX_BLOOM_REMOTE_ADDR, e->remote_addr) ||
            !jx_seg_bloom_maybe(s, JX_BLOOM_PATH, e->path))
            broken(&o, "a bloom filter misses a row's value", r);
        for (unsigned col = 0; col < JX_COL_COUNT_; col++) {
            const char *v = jx_seg_dict_str(s, (enum jx_col)col, ids[(size_t)col * nrows + r]);
            char want[JX_PATH_SZ];
            jx_strlcpy(want, v ? v : "?", sizeof(want));
            if (col == JX_COL_CODE || col == JX_COL_SUBTYPE)
                want[1] = '\0';
            if (strcmp(col_field(e, col, one), want))
                broken(&o, "a row's string is not its id's value", r);
        }
    }
    /* per value: row counts, lookups, searches, postings = the id column */
    for (unsigned col = 0; col < JX_COL_COUNT_ && !o.bad; col++) {
        const enum jx_col cc = (enum jx_col)col;
        const uint32_t n = jx_seg_dict_count(s, cc), *cid = ids + (size_t)col * nrows;
        uint64_t *cnt = calloc((size_t)n + 1, sizeof(*cnt)), sum = 0;
        if (!cnt)
            abort();
        for (uint64_t r = 0; r < nrows; r++)
            cnt[cid[r]]++;
        for (uint32_t i = 0; i < n && !o.bad; i++) {
            const char *v = jx_seg_dict_str(s, cc, i);
            uint32_t id = UINT32_MAX, lo, hi;
            struct range_acc ra = {0, 0, NULL};
            sum += jx_seg_value_rows(s, cc, i);
            if (cnt[i] != jx_seg_value_rows(s, cc, i))
                broken(&o, "a value's row count differs from its id column", i);
            if (i && strcmp(jx_seg_dict_str(s, cc, i - 1), v) >= 0)
                broken(&o, "a dictionary is not sorted", i);
            if (jx_seg_dict_find(s, cc, v, &id) || id != i)
                broken(&o, "a value is not found at its id", i);
            err_reset(&err);
            /* a search reads the dictionary: a sample of the values */
            if ((i % 16 == 0 || i == n - 1) &&
                (jx_seg_dict_range(s, cc, v, false, &lo, &hi, range_each, &ra, &err) ||
                 lo != i || hi != i + 1 || ra.rows != cnt[i]))
                broken(&o, "a dictionary search misses a value", i);
            if (!jx_col_has_postings(cc))
                continue;
            memset(bits, 0, (nrows + 63) / 64 * sizeof(*bits));
            err_reset(&err);
            if (jx_cursor_postings_or_n(c, cc, i, cnt[i], bits, &err)) {
                broken(&o, "a posting list does not read", i);
                break;
            }
            uint64_t got = 0;
            for (uint64_t w = 0; w < (nrows + 63) / 64; w++)
                for (uint64_t x = bits[w]; x; x &= x - 1) {
                    const uint64_t r = 64 * w + (uint64_t)__builtin_ctzll(x);
                    got++;
                    if (r >= nrows || cid[r] != i)
                        broken(&o, "a posting list holds a row of another value", r);
                }
            if (got != cnt[i])
                broken(&o, "a posting list misses rows", i);
        }
        if (!o.bad && sum != nrows)
            broken(&o, "the row counts of a dictionary do not add up", col);
        free(cnt);
    }
out:
    jx_cursor_close(c);
    jx_index_close(ix);
    free(e);
    free(dig);
    free(ids);
    free(ts);
    free(bits);
    if (o.bad)
        return SM_VIOLATION;
    return verified ? SM_ACCEPTED : SM_DETECTED;
}
