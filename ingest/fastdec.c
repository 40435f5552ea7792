/*
 * ingest/fastdec.c - the ingest pipeline's lean decoder: the same result as
 * jx_rcvfile_decode() for records that jx_rcvfile_key() accepted (the plan
 * validated every record once, so the checks are not repeated), but with
 * the conversions of consecutive records shared: a heading text field whose
 * EBCDIC bytes equal the previous record's is copied from the previous
 * conversion, a timestamp on the same day reuses the day's base, the job
 * number, system sequence and remote port reuse their previous parse.
 *
 * Workload: every entry of an ingest (the hot path; profiling showed the
 * byte-by-byte EBCDIC conversion of ~10 heading fields per record, twice
 * validated, as the largest cost). Identity with jx_rcvfile_decode() is
 * tested on every sample and generated record (tests/test_index.c).
 * Offsets come from common/layout.h; the rules mirror ingest/receiver.c
 * (keep both in step: the test fails loudly when they drift).
 */
#include <string.h>

#include "audit.h"
#include "ebcdic.h"
#include "fields.h"
#include "ingest_int.h"
#include "layout.h"

enum { F_JOB, F_USER, F_USPF, F_PGM, F_PGMLIB, F_SYNM, F_RCV, F_RCVLIB, F_OBJTYP, F_RADR };

static const struct {
    uint16_t off, len;
    size_t member, cap;
} fields[JX_FASTDEC_NFIELDS] = {
    {JX_H_JOB, JX_H_JOB_LEN, offsetof(struct jx_entry, job), JX_NAME_SZ},
    {JX_H_USER, JX_H_USER_LEN, offsetof(struct jx_entry, job_user), JX_NAME_SZ},
    {JX_H_USPF, JX_H_USPF_LEN, offsetof(struct jx_entry, user), JX_NAME_SZ},
    {JX_H_PGM, JX_H_PGM_LEN, offsetof(struct jx_entry, program), JX_NAME_SZ},
    {JX_H_PGMLIB, JX_H_PGMLIB_LEN, offsetof(struct jx_entry, program_lib), JX_NAME_SZ},
    {JX_H_SYNM, JX_H_SYNM_LEN, offsetof(struct jx_entry, system), JX_NAME_SZ},
    {JX_H_RCV, JX_H_RCV_LEN, offsetof(struct jx_entry, receiver), JX_NAME_SZ},
    {JX_H_RCVLIB, JX_H_RCVLIB_LEN, offsetof(struct jx_entry, receiver_lib), JX_NAME_SZ},
    {JX_H_OBJTYP, JX_H_OBJTYP_LEN, offsetof(struct jx_entry, object_type_hdr), JX_NAME_SZ},
    {JX_H_RADR, JX_H_RADR_LEN, offsetof(struct jx_entry, remote_addr), JX_ADDR_SZ},
};

/* EBCDIC letters/digits to ASCII (invariant code points), as receiver.c. */
static char ebc_upper(uint8_t b)
{
    if (b >= 0xC1 && b <= 0xC9) return (char)('A' + (b - 0xC1));
    if (b >= 0xD1 && b <= 0xD9) return (char)('J' + (b - 0xD1));
    if (b >= 0xE2 && b <= 0xE9) return (char)('S' + (b - 0xE2));
    return 0;
}
static char ebc_alnum(uint8_t b)
{
    if (b >= 0xF0 && b <= 0xF9) return (char)('0' + (b - 0xF0));
    return ebc_upper(b);
}

/* receiver.c opt_digits(): all X'00' means 0 (field not captured). */
static uint64_t opt_digits(const uint8_t *p, size_t n)
{
    size_t i = 0;
    uint64_t v = 0;
    while (i < n && p[i] == 0)
        i++;
    if (i < n)
        jx_digits_u64(p, n, &v, NULL);
    return v;
}

void jx_fastdec_init(struct jx_fastdec *d, const struct jx_rcvfile *f)
{
    memset(d, 0, sizeof(*d));
    d->f = f;
    d->cc = jx_rcvfile_ccsid(f);
    d->reclen = jx_rcvfile_reclen(f);
    d->shape = jx_rcvfile_shape(f);
    d->count = jx_rcvfile_count(f);
}

/* Equality of n EBCDIC bytes, inlined (the fields are 5 to 46 bytes; a
 * libc memcmp call per field cost more than the compare). */
static inline bool same(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y)
            return false;
    }
    for (; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* A 20-digit field (sequence numbers) whose first 14 digits rarely change:
 * their value is reused while their bytes do not. Valid input only (the
 * plan checked it): all digits, the last byte possibly C-zoned (its low
 * nibble is the digit), or, for optional fields, all X'00' (value 0, which
 * the same arithmetic gives). The whole value was checked to fit 64 bits,
 * so prefix * 10^6 + last6 cannot wrap. */
_Static_assert(JX_H_SEQN_LEN == 20 && JX_H_SYSSEQ_LEN == 20, "digits20() reads 20 digits");
static inline uint64_t digits20(struct jx_fastnum *c, const uint8_t *p, bool have)
{
    if (!have || !same(c->raw, p, 14)) {
        uint64_t pre = 0;
        for (int i = 0; i < 14; i++)
            pre = pre * 10 + (p[i] & 0x0F);
        c->pre = pre;
        memcpy(c->raw, p, 14);
    }
    uint64_t last6 = 0;
    for (int i = 14; i < 20; i++)
        last6 = last6 * 10 + (p[i] & 0x0F);
    return c->pre * 1000000u + last6;
}

static inline int two(const uint8_t *p)
{
    return (p[0] - 0xF0) * 10 + (p[1] - 0xF0);
}

void jx_fastdec_decode(struct jx_fastdec *d, uint64_t rec, struct jx_entry *e)
{
    const uint8_t *p = jx_rcvfile_record(d->f, rec);
    const struct jx_ccsid *cc = d->cc;
    int64_t v;

    /* records are read in order, but the fields at scattered offsets of a
     * 1-2 KB record defeat the hardware prefetcher: ask for the heading of
     * the record after next (prefetches never fault past the mapping) */
    if (rec + 2 < d->count) {
        const uint8_t *q = p + 2 * d->reclen;
        for (size_t o = 0; o < JX_H_LEN + 128; o += 64)
            __builtin_prefetch(q + o);
    }

    /* ESD span (receiver.c esd_span) */
    if (!d->have_num || !same(d->entl_raw, p + JX_H_ENTL, JX_H_ENTL_LEN)) {
        jx_zoned(p + JX_H_ENTL, JX_H_ENTL_LEN, &v, NULL);
        d->esd_len = (uint32_t)(v - JX_H_LEN);
        memcpy(d->entl_raw, p + JX_H_ENTL, JX_H_ENTL_LEN);
    }
    e->esd_len = d->esd_len;
    if (d->shape == JX_ESD_VARLEN || d->shape == JX_ESD_VARLEN608) {
        const size_t lo = d->shape == JX_ESD_VARLEN ? JX_VARLEN_LEN_OFF : JX_VARLEN608_LEN_OFF;
        const size_t dof = d->shape == JX_ESD_VARLEN ? JX_VARLEN_DATA_OFF : JX_VARLEN608_DATA_OFF;
        e->esd_avail = jx_be16(p + lo);
        e->esd = p + dof;
        /* checked by the plan; the clamp only guards against a file changed
         * under the mapping since (never read past the record) */
        if (e->esd_avail > d->reclen - dof)
            e->esd_avail = (uint32_t)(d->reclen - dof);
    } else {
        e->esd_avail = (uint32_t)JX_MIN((uint64_t)e->esd_len,
                                        (uint64_t)(d->reclen - JX_FIXED_DATA_OFF));
        e->esd = p + JX_FIXED_DATA_OFF;
    }
    e->seq = digits20(&d->seq, p + JX_H_SEQN, d->have_num);

    /* timestamp: "YYYY-MM-DD-HH.MM.SS.ffffff"; the day's base is reused */
    const uint8_t *t = p + JX_H_TSTP;
    const int64_t tod = ((int64_t)two(t + 11) * 3600 + two(t + 14) * 60 + two(t + 17)) *
                            1000000 +
                        (int64_t)two(t + 20) * 10000 + two(t + 22) * 100 + two(t + 24);
    if (!d->have_day || !same(d->day_raw, t, sizeof(d->day_raw))) {
        int64_t full;
        jx_ts_parse_saa(t, &full, NULL);
        d->day_base = full - tod;
        memcpy(d->day_raw, t, sizeof(d->day_raw));
        d->have_day = true;
    }
    e->ts = d->day_base + tod;

    e->code = ebc_upper(p[JX_H_CODE]);
    e->type[0] = ebc_alnum(p[JX_H_ENTT]);
    e->type[1] = ebc_alnum(p[JX_H_ENTT + 1]);
    e->type[2] = '\0';
    if (!d->have_num || !same(d->nbr_raw, p + JX_H_NBR, JX_H_NBR_LEN)) {
        jx_zoned(p + JX_H_NBR, JX_H_NBR_LEN, &v, NULL);
        d->nbr = (uint32_t)v;
        memcpy(d->nbr_raw, p + JX_H_NBR, JX_H_NBR_LEN);
    }
    e->job_number = d->nbr;
    e->sysseq = digits20(&d->sysseq, p + JX_H_SYSSEQ, d->have_num);
    if (!d->have_num || !same(d->port_raw, p + JX_H_RPORT, JX_H_RPORT_LEN)) {
        d->port = (uint16_t)opt_digits(p + JX_H_RPORT, JX_H_RPORT_LEN);
        memcpy(d->port_raw, p + JX_H_RPORT, JX_H_RPORT_LEN);
    }
    d->have_num = true;
    e->remote_port = d->port;
    e->thread = jx_be64(p + JX_H_THD);
    e->flags = 0;
    if (e->esd_avail < e->esd_len)
        e->flags |= JX_F_TRUNCATED;
    if (p[JX_H_INCDAT] == 0xF1)
        e->flags |= JX_F_INCOMPLETE;
    if (p[JX_H_MINESD] == 0xF1 || p[JX_H_MINESD] == 0xF2)
        e->flags |= JX_F_MINIMIZED;
    e->ccsid = (uint16_t)cc->ccsid;
    const uint8_t adf = p[JX_H_ADF];
    e->addr_family = (adf >= 0xF0 && adf <= 0xF9) ? (char)('0' + adf - 0xF0) : '\0';

    /* heading text: convert only what changed since the previous record */
    for (int i = 0; i < JX_FASTDEC_NFIELDS; i++) {
        const uint8_t *src = p + fields[i].off;
        char *dst = (char *)e + fields[i].member;
        struct jx_fastfield *c = &d->f_cache[i];
        if (!c->valid || !same(c->raw, src, fields[i].len)) {
            if (i == F_RADR && src[0] != 0x40 && src[0] != 0x00)
                c->n = jx_e2u(cc, src, fields[i].len, c->txt, fields[i].cap);
            else if (i == F_RADR) /* X'00' when FIXLENDTA(*RMTADR) was off */
                c->txt[c->n = 0] = '\0';
            else
                c->n = jx_e2u(cc, src, fields[i].len, c->txt, fields[i].cap);
            memcpy(c->raw, src, fields[i].len);
            c->valid = true;
        }
        memcpy(dst, c->txt, c->n + 1);
    }
    jx_audit_keys(e, cc);
}
