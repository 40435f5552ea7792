/*
 * ingest/receiver.c - map an exported *TYPE5 receiver file, detect its record
 * length and JOESD shape, and validate/decode records in place.
 *
 * Workload: files of up to tens of GB (a million ~1.6 KB records an hour of
 * audit activity), read once per ingest at millions of records per second
 * per core. Decoding touches only the heading fields it needs and the ESD
 * bytes the entry really has; it allocates nothing.
 */
#include "receiver.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "ebcdic.h"
#include "fields.h"

struct jx_rcvfile {
    char *path;
    const uint8_t *map;
    uint64_t size;
    size_t reclen;
    uint64_t count;
    enum jx_esd_shape shape;
    const struct jx_ccsid *cc;
};

/* Valid IBM i journal codes (Journal management, "Journal code finder"):
 * A B C D E F I J L M P Q R S T U. */
static const char journal_codes[] = "ABCDEFIJLMPQRSTU";
/* EBCDIC upper-case letter to ASCII, 0 if not a letter (invariant chars). */
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

/* The repeating heading signature used to find record boundaries (§2.7,
 * §8 item 2): zoned JOENTL, a journal-code letter, an entry type, and the
 * separators of the SAA timestamp. */
static int heading_at(const uint8_t *p)
{
    for (int i = 0; i < JX_H_ENTL_LEN; i++)
        if ((uint8_t)(p[i] - 0xF0) > 9 && !(i == JX_H_ENTL_LEN - 1 && (p[i] >> 4) == 0xC))
            return 0;
    if (!ebc_upper(p[JX_H_CODE]) || !ebc_alnum(p[JX_H_ENTT]) || !ebc_alnum(p[JX_H_ENTT + 1]))
        return 0;
    const uint8_t *t = p + JX_H_TSTP;
    return t[4] == 0x60 && t[7] == 0x60 && t[10] == 0x60 && t[13] == 0x4B &&
           t[16] == 0x4B && t[19] == 0x4B && (uint8_t)(t[0] - 0xF0) <= 9;
}

static int validate(const struct jx_rcvfile *f, const uint8_t *p, uint64_t rec,
                    uint64_t *seq, int64_t *ts, struct jx_errctx *err);

/* A heading that passes every check a record must pass (jx_rcvfile_key),
 * not only the signature: what a mimic inside an ESD rarely manages. */
static int heading_strict(const struct jx_rcvfile *f, const uint8_t *p)
{
    int64_t entl, ts;
    uint64_t seq;
    return heading_at(p) && jx_zoned(p + JX_H_ENTL, JX_H_ENTL_LEN, &entl, NULL) == JX_OK &&
           entl >= JX_H_LEN && validate(f, p, 0, &seq, &ts, NULL) == JX_OK;
}

/* JOENTL of record 0, or -1 if it is not a number. */
static int64_t entl0(const struct jx_rcvfile *f)
{
    int64_t v;
    return jx_zoned(f->map + JX_H_ENTL, JX_H_ENTL_LEN, &v, NULL) == JX_OK ? v : -1;
}

/* Is `r` the record length? Sampled records: the first 32, then 33 spread
 * over the whole file. Accepted when
 *   - at least 3/4 of them pass every record check (heading_strict), or
 *   - at least 3/4 of them carry the heading signature and r does not cut
 *     record 0's own entry (r >= its JOENTL): a heading-like run of bytes
 *     inside an ESD is not a record boundary.
 * Tolerating a quarter of damaged records keeps one bad record from hiding
 * the layout of the whole file: that record then fails alone, with its own
 * error naming it (or is skipped with --on-error skip). */
static int candidate_ok(const struct jx_rcvfile *f, size_t r)
{
    const uint64_t n = f->size / r;
    uint64_t checked = 0, strict = 0, loose = 0;
    for (uint64_t k = 0; k < 32 + 33; k++) {
        uint64_t i = k;
        if (k >= n)
            break;
        if (k >= 32) {
            if (n <= 32)
                break;
            i = (n - 1) * (k - 32) / 32;
            if (i < 32)
                continue; /* already checked */
        }
        const uint8_t *p = f->map + i * r;
        checked++;
        if (!heading_at(p))
            continue;
        loose++;
        if (heading_strict(f, p))
            strict++;
    }
    if (strict * 4 >= checked * 3)
        return 1;
    const int64_t e0 = entl0(f);
    return loose * 4 >= checked * 3 && (e0 < 0 || (uint64_t)e0 <= r);
}

/* The whole file as one record: only if nothing follows record 0's entry
 * but blanks or X'00' (bytes from JOENTL + 2, room for a varlen prefix).
 * Otherwise it is several records plus stray bytes, and taking it as one
 * would silently lose all but the first. */
static int single_ok(const struct jx_rcvfile *f)
{
    const int64_t e0 = entl0(f);
    if (e0 < 0)
        return 0;
    for (uint64_t o = (uint64_t)e0 + 2; o < f->size; o++)
        if (f->map[o] != 0x40 && f->map[o] != 0x00)
            return 0;
    return 1;
}

static int detect_reclen(const struct jx_rcvfile *f, size_t *out,
                         struct jx_errctx *err)
{
    const uint64_t lim = JX_MIN(f->size, (uint64_t)JX_VARLEN_DATA_OFF + JX_ESD_MAX);
    for (uint64_t r = JX_H_LEN + 1; r <= lim; r++) {
        if (f->size % r != 0)
            continue;
        if (r < f->size ? candidate_ok(f, (size_t)r) : single_ok(f)) {
            *out = (size_t)r;
            return JX_OK;
        }
    }
    return jx_error(err, JX_E_FORMAT, f->path, -1, -1,
                    "cannot detect the record length: no length up to %u bytes "
                    "divides the file size %llu with a *TYPE5 heading at the "
                    "start of most sampled records (give --reclen N)",
                    (unsigned)lim, (unsigned long long)f->size);
}

static int entl_of(const uint8_t *p, int64_t *v)
{
    return jx_zoned(p + JX_H_ENTL, JX_H_ENTL_LEN, v, NULL);
}

/* §2.6 rule: a plausible 2-byte length consistent with JOENTL (the full
 * ESD length, or the room left in the record when truncated) means that
 * VARLEN shape; otherwise the ESD is fixed. At least half of the sampled
 * records must agree, not all: one damaged length must fail as that record's
 * error, not turn the whole file into silently misread fixed records. A
 * fixed file never fits by chance: its first ESD byte is a letter or digit
 * (>= X'81', a length > 32766), and JONVI at 607 holds blanks or '0'/'1'. */
static int shape_fits(const struct jx_rcvfile *f, size_t len_off, size_t data_off)
{
    const uint64_t n = f->count;
    const size_t cap = f->reclen - data_off;
    uint64_t checked = 0, fits = 0;
    for (uint64_t k = 0; k < 64 && k < n; k++) {
        uint64_t i = n <= 64 ? k : (n - 1) * k / 63;
        const uint8_t *p = f->map + i * f->reclen;
        int64_t entl;
        if (entl_of(p, &entl) || entl < JX_H_LEN)
            continue;
        uint64_t full = (uint64_t)entl - JX_H_LEN;
        uint64_t l = jx_be16(p + len_off);
        checked++;
        if (l <= cap && l <= full && (l == full || l == cap))
            fits++;
    }
    return fits > 0 && fits * 2 >= checked;
}

const char *jx_esd_shape_name(enum jx_esd_shape s)
{
    switch (s) {
    case JX_ESD_FIXED: return "fixed";
    case JX_ESD_VARLEN: return "varlen";
    case JX_ESD_VARLEN608: return "varlen608";
    default: return "auto";
    }
}

int jx_esd_shape_parse(const char *s)
{
    if (!strcmp(s, "auto")) return JX_ESD_AUTO;
    if (!strcmp(s, "fixed")) return JX_ESD_FIXED;
    if (!strcmp(s, "varlen")) return JX_ESD_VARLEN;
    if (!strcmp(s, "varlen608")) return JX_ESD_VARLEN608;
    return -1;
}

int jx_rcvfile_open(const char *path, const struct jx_rcvopts *opts,
                    struct jx_rcvfile **out, struct jx_errctx *err)
{
    static const struct jx_rcvopts defaults = {0, JX_ESD_AUTO, 37, NULL};
    struct jx_rcvfile *f = NULL;
    int fd = -1, rc = JX_OK;
    struct stat st;

    if (!opts)
        opts = &defaults;
    *out = NULL;
    f = jx_calloc(1, sizeof(*f));
    if (!f || !(f->path = jx_strdup(path))) {
        rc = jx_error(err, JX_E_NOMEM, path, -1, -1, "out of memory");
        goto out;
    }
    f->cc = jx_ccsid_get(opts->ccsid ? opts->ccsid : 37);
    if (!f->cc) {
        rc = jx_error(err, JX_E_USAGE, path, -1, -1, "ccsid %d is not supported",
                      opts->ccsid);
        goto out;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0) {
        rc = jx_error(err, JX_E_IO, path, -1, -1, "cannot open: %s", strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = jx_error(err, JX_E_FORMAT, path, -1, -1, "not a regular file");
        goto out;
    }
    f->size = (uint64_t)st.st_size;
    if (f->size == 0) {
        rc = jx_error(err, JX_E_EMPTY, path, -1, -1, "empty file: no records");
        goto out;
    }
    if (f->size <= JX_H_LEN) {
        rc = jx_error(err, JX_E_FORMAT, path, -1, 0,
                      "file of %llu bytes is smaller than one *TYPE5 heading (609 bytes)",
                      (unsigned long long)f->size);
        goto out;
    }
    f->map = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (f->map == MAP_FAILED) {
        f->map = NULL;
        rc = jx_error(err, JX_E_IO, path, -1, -1, "cannot map: %s", strerror(errno));
        goto out;
    }
    if (!heading_at(f->map)) {
        rc = jx_error(err, JX_E_FORMAT, path, 0, 0,
                      "not a DSPJRN *TYPE5 record: no zoned entry length, journal "
                      "code and SAA timestamp where the heading has them (binary "
                      "transfer required; save files are not supported)");
        goto out;
    }
    if (opts->reclen) {
        if (opts->reclen <= JX_H_LEN) {
            rc = jx_error(err, JX_E_USAGE, path, -1, -1,
                          "record length %zu is not larger than the 609-byte heading",
                          opts->reclen);
            goto out;
        }
        if (f->size % opts->reclen) {
            rc = jx_error(err, JX_E_FORMAT, path, (int64_t)(f->size / opts->reclen),
                          (int64_t)(f->size - f->size % opts->reclen),
                          "file size %llu is not a multiple of the record length %zu "
                          "(%llu bytes left over)", (unsigned long long)f->size,
                          opts->reclen, (unsigned long long)(f->size % opts->reclen));
            goto out;
        }
        f->reclen = opts->reclen;
    } else if ((rc = detect_reclen(f, &f->reclen, err)) != JX_OK) {
        goto out;
    }
    f->count = f->size / f->reclen;
    f->shape = opts->shape;
    if (f->shape == JX_ESD_AUTO) {
        if (f->reclen > JX_VARLEN608_DATA_OFF &&
            shape_fits(f, JX_VARLEN608_LEN_OFF, JX_VARLEN608_DATA_OFF))
            f->shape = JX_ESD_VARLEN608;
        else if (f->reclen > JX_VARLEN_DATA_OFF &&
                 shape_fits(f, JX_VARLEN_LEN_OFF, JX_VARLEN_DATA_OFF))
            f->shape = JX_ESD_VARLEN;
        else
            f->shape = JX_ESD_FIXED;
    } else if (f->shape == JX_ESD_VARLEN && f->reclen < JX_VARLEN_DATA_OFF) {
        rc = jx_error(err, JX_E_USAGE, path, -1, -1,
                      "record length %zu too short for a varlen JOESD", f->reclen);
        goto out;
    }
    madvise((void *)f->map, f->size, MADV_SEQUENTIAL);
    *out = f;
    f = NULL;
out:
    if (fd >= 0)
        close(fd);
    jx_rcvfile_close(f);
    return rc;
}

int jx_rcvfile_sniff(const char *path)
{
    uint8_t head[JX_H_TSTP + JX_H_TSTP_LEN];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, head, sizeof(head));
    close(fd);
    if (n < 0)
        return -1;
    return n == (ssize_t)sizeof(head) && heading_at(head);
}

void jx_rcvfile_close(struct jx_rcvfile *f)
{
    if (!f)
        return;
    if (f->map)
        munmap((void *)f->map, f->size);
    jx_free(f->path);
    jx_free(f);
}

uint64_t jx_rcvfile_count(const struct jx_rcvfile *f) { return f->count; }
size_t jx_rcvfile_reclen(const struct jx_rcvfile *f) { return f->reclen; }
enum jx_esd_shape jx_rcvfile_shape(const struct jx_rcvfile *f) { return f->shape; }
const char *jx_rcvfile_path(const struct jx_rcvfile *f) { return f->path; }
const struct jx_ccsid *jx_rcvfile_ccsid(const struct jx_rcvfile *f) { return f->cc; }
uint64_t jx_rcvfile_size(const struct jx_rcvfile *f) { return f->size; }

const uint8_t *jx_rcvfile_record(const struct jx_rcvfile *f, uint64_t rec)
{
    return f->map + rec * f->reclen;
}

void jx_rcvfile_advise(const struct jx_rcvfile *f, uint64_t first, uint64_t n)
{
    if (first >= f->count)
        return;
    if (n > f->count - first)
        n = f->count - first;
    uintptr_t a = (uintptr_t)(f->map + first * f->reclen) & ~(uintptr_t)4095;
    uintptr_t e = (uintptr_t)(f->map + (first + n) * f->reclen);
    madvise((void *)a, e - a, MADV_WILLNEED);
}

/* A numeric field that may hold X'00' placeholders when its FIXLENDTA value
 * was off (§2.5 content notes): all zero bytes mean 0. */
static int opt_digits(const uint8_t *p, size_t n, uint64_t *v, size_t *bad)
{
    size_t i = 0;
    while (i < n && p[i] == 0)
        i++;
    if (i == n) {
        *v = 0;
        return JX_OK;
    }
    return jx_digits_u64(p, n, v, bad);
}

/* ESD bytes present in the record; shared by key and decode. */
static int esd_span(const struct jx_rcvfile *f, const uint8_t *p, uint64_t rec,
                    uint32_t *full, uint32_t *avail, const uint8_t **data,
                    struct jx_errctx *err)
{
    int64_t entl;
    size_t bad = 0;
    uint64_t base = rec * f->reclen;
    int rc = jx_zoned(p + JX_H_ENTL, JX_H_ENTL_LEN, &entl, &bad);
    if (rc)
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_ENTL + bad),
                        "JOENTL (entry length) is not zoned decimal: byte X'%02X'",
                        p[JX_H_ENTL + bad]);
    if (entl < JX_H_LEN)
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec, (int64_t)base,
                        "JOENTL %lld is smaller than the 609-byte heading",
                        (long long)entl);
    *full = (uint32_t)(entl - JX_H_LEN);
    switch (f->shape) {
    case JX_ESD_VARLEN:
    case JX_ESD_VARLEN608: {
        size_t lo = f->shape == JX_ESD_VARLEN ? JX_VARLEN_LEN_OFF : JX_VARLEN608_LEN_OFF;
        size_t dof = f->shape == JX_ESD_VARLEN ? JX_VARLEN_DATA_OFF : JX_VARLEN608_DATA_OFF;
        uint32_t l = jx_be16(p + lo);
        if (l > f->reclen - dof || l > *full)
            return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                            (int64_t)(base + lo),
                            "JOESD length %u does not fit: record holds %zu bytes of "
                            "ESD and JOENTL says %u", l, f->reclen - dof, *full);
        *avail = l;
        *data = p + dof;
        break;
    }
    default:
        *avail = (uint32_t)JX_MIN((uint64_t)*full, (uint64_t)(f->reclen - JX_FIXED_DATA_OFF));
        *data = p + JX_FIXED_DATA_OFF;
    }
    return JX_OK;
}

/* Validate the heading: every check that can fail lives here, so that a
 * record accepted by jx_rcvfile_key() never fails in jx_rcvfile_decode(). */
static int validate(const struct jx_rcvfile *f, const uint8_t *p, uint64_t rec,
                    uint64_t *seq, int64_t *ts, struct jx_errctx *err)
{
    const uint64_t base = rec * f->reclen;
    size_t bad = 0;
    int64_t v;
    uint64_t u;
    int rc;
    char code = ebc_upper(p[JX_H_CODE]);
    if (!code || !strchr(journal_codes, code))
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_CODE),
                        "unknown journal code X'%02X'", p[JX_H_CODE]);
    if (!ebc_alnum(p[JX_H_ENTT]) || !ebc_alnum(p[JX_H_ENTT + 1]))
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_ENTT),
                        "entry type X'%02X%02X' is not two letters or digits",
                        p[JX_H_ENTT], p[JX_H_ENTT + 1]);
    rc = jx_digits_u64(p + JX_H_SEQN, JX_H_SEQN_LEN, seq, &bad);
    if (rc == JX_E_RANGE) {
        char d[JX_H_SEQN_LEN + 1];
        for (int i = 0; i < JX_H_SEQN_LEN; i++)
            d[i] = (char)('0' + (p[JX_H_SEQN + i] & 0x0F));
        d[JX_H_SEQN_LEN] = '\0';
        return jx_error(err, JX_E_RANGE, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_SEQN),
                        "JOSEQN (sequence number) %s exceeds 18446744073709551615 "
                        "(64 bits)", d);
    }
    if (rc)
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_SEQN + bad),
                        "JOSEQN (sequence number) has a non-digit byte X'%02X'",
                        p[JX_H_SEQN + bad]);
    if (jx_ts_parse_saa(p + JX_H_TSTP, ts, &bad))
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_TSTP + bad),
                        "JOTSTP is not a valid SAA timestamp YYYY-MM-DD-HH.MM.SS.ffffff");
    if (jx_zoned(p + JX_H_NBR, JX_H_NBR_LEN, &v, &bad))
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_NBR + bad),
                        "JONBR (job number) is not zoned decimal: byte X'%02X'",
                        p[JX_H_NBR + bad]);
    if (v < 0)
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_NBR + JX_H_NBR_LEN - 1),
                        "JONBR (job number) is negative (sign zone X'D')");
    rc = opt_digits(p + JX_H_SYSSEQ, JX_H_SYSSEQ_LEN, &u, &bad);
    if (rc == JX_E_RANGE)
        return jx_error(err, JX_E_RANGE, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_SYSSEQ),
                        "JOSYSSEQ (system sequence) exceeds 18446744073709551615");
    if (rc)
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_SYSSEQ + bad),
                        "JOSYSSEQ (system sequence) has a non-digit byte X'%02X'",
                        p[JX_H_SYSSEQ + bad]);
    rc = opt_digits(p + JX_H_RPORT, JX_H_RPORT_LEN, &u, &bad);
    if (rc || u > 65535)
        return jx_error(err, JX_E_FORMAT, f->path, (int64_t)rec,
                        (int64_t)(base + JX_H_RPORT + (rc ? bad : 0)),
                        "JORPORT (remote port) is not a port number (0-65535)");
    return JX_OK;
}

int jx_rcvfile_key(const struct jx_rcvfile *f, uint64_t rec,
                   struct jx_rcvkey *k, struct jx_errctx *err)
{
    const uint8_t *p = f->map + rec * f->reclen, *d;
    uint32_t full, avail;
    int rc = esd_span(f, p, rec, &full, &avail, &d, err);
    if (rc)
        return rc;
    if ((rc = validate(f, p, rec, &k->seq, &k->ts, err)))
        return rc;
    k->code = ebc_upper(p[JX_H_CODE]);
    jx_e2u(f->cc, p + JX_H_SYNM, JX_H_SYNM_LEN, k->system, sizeof(k->system));
    jx_e2u(f->cc, p + JX_H_RCV, JX_H_RCV_LEN, k->receiver, sizeof(k->receiver));
    jx_e2u(f->cc, p + JX_H_RCVLIB, JX_H_RCVLIB_LEN, k->receiver_lib,
           sizeof(k->receiver_lib));
    return JX_OK;
}

int jx_rcvfile_decode(const struct jx_rcvfile *f, uint64_t rec,
                      struct jx_entry *e, struct jx_errctx *err)
{
    const uint8_t *p = f->map + rec * f->reclen;
    const struct jx_ccsid *cc = f->cc;
    int64_t v;
    uint64_t u;
    int rc = esd_span(f, p, rec, &e->esd_len, &e->esd_avail, &e->esd, err);
    if (rc)
        return rc;
    if ((rc = validate(f, p, rec, &e->seq, &e->ts, err)))
        return rc;
    e->code = ebc_upper(p[JX_H_CODE]);
    e->type[0] = ebc_alnum(p[JX_H_ENTT]);
    e->type[1] = ebc_alnum(p[JX_H_ENTT + 1]);
    e->type[2] = '\0';
    jx_zoned(p + JX_H_NBR, JX_H_NBR_LEN, &v, NULL);
    e->job_number = (uint32_t)v;
    opt_digits(p + JX_H_SYSSEQ, JX_H_SYSSEQ_LEN, &e->sysseq, NULL);
    opt_digits(p + JX_H_RPORT, JX_H_RPORT_LEN, &u, NULL);
    e->remote_port = (uint16_t)u;
    e->thread = jx_be64(p + JX_H_THD);
    e->flags = 0;
    if (e->esd_avail < e->esd_len)
        e->flags |= JX_F_TRUNCATED;
    if (p[JX_H_INCDAT] == 0xF1)
        e->flags |= JX_F_INCOMPLETE;
    if (p[JX_H_MINESD] == 0xF1 || p[JX_H_MINESD] == 0xF2)
        e->flags |= JX_F_MINIMIZED;
    e->ccsid = (uint16_t)cc->ccsid;
    uint8_t adf = p[JX_H_ADF];
    e->addr_family = (adf >= 0xF0 && adf <= 0xF9) ? (char)('0' + adf - 0xF0) : '\0';
    jx_e2u(cc, p + JX_H_JOB, JX_H_JOB_LEN, e->job, sizeof(e->job));
    jx_e2u(cc, p + JX_H_USER, JX_H_USER_LEN, e->job_user, sizeof(e->job_user));
    jx_e2u(cc, p + JX_H_USPF, JX_H_USPF_LEN, e->user, sizeof(e->user));
    jx_e2u(cc, p + JX_H_PGM, JX_H_PGM_LEN, e->program, sizeof(e->program));
    jx_e2u(cc, p + JX_H_PGMLIB, JX_H_PGMLIB_LEN, e->program_lib, sizeof(e->program_lib));
    jx_e2u(cc, p + JX_H_SYNM, JX_H_SYNM_LEN, e->system, sizeof(e->system));
    jx_e2u(cc, p + JX_H_RCV, JX_H_RCV_LEN, e->receiver, sizeof(e->receiver));
    jx_e2u(cc, p + JX_H_RCVLIB, JX_H_RCVLIB_LEN, e->receiver_lib, sizeof(e->receiver_lib));
    jx_e2u(cc, p + JX_H_OBJTYP, JX_H_OBJTYP_LEN, e->object_type_hdr,
           sizeof(e->object_type_hdr));
    /* JORADR holds X'00' when FIXLENDTA(*RMTADR) was off (§2.5 notes) */
    if (p[JX_H_RADR] != 0x00 && p[JX_H_RADR] != 0x40)
        jx_e2u(cc, p + JX_H_RADR, JX_H_RADR_LEN, e->remote_addr, sizeof(e->remote_addr));
    else
        e->remote_addr[0] = '\0';
    jx_audit_keys(e, cc);
    return JX_OK;
}
