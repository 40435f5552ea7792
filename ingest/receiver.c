/*
 * ingest/receiver.c - map an exported *TYPE5 receiver file, detect its record
 * length and JOESD shape, and validate/decode records in place.
 *
 * Workload: files of up to tens of GB (a million ~1.6 KB records an hour of
 * audit activity), read once per ingest at millions of records per second
 * per core. Decoding touches only the heading fields it needs and the ESD
 * bytes the entry really has; it allocates nothing. THE decoder: one set of
 * rules (esd_span/validate for the checks and their errors, the text field
 * table, nums_of/fill_entry for the values), used validating by the plan
 * and the context-less API and trusted by the ingest build pass, through a
 * per-thread struct jx_rcvdec whose caches skip what repeats from record to
 * record (see "The decoder" below).
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
    int fd;                 /* kept open: windowed decoders pread() from it */
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
    if (f)
        f->fd = -1;
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
    fd = f->fd = jx_open_rdonly(path);
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
    *out = f;
    f = NULL;
out:
    jx_rcvfile_close(f); /* and its descriptor */
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
    if (f->fd >= 0)
        close(f->fd);
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
        const size_t lo = jx_esd_len_off(f->shape), dof = jx_esd_data_off(f->shape);
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

/* ---- The decoder ---------------------------------------------------------
 * One set of rules, two modes. VALIDATING (jx_rcvfile_key/decode and their
 * jx_rcvdec_ forms) accepts exactly what esd_span() + validate() accept;
 * TRUSTED (jx_rcvdec_decode_trusted, the ingest build pass) decodes records
 * the plan already accepted and checks nothing.
 *
 * Fast path, both modes: a field whose bytes equal those the context cached
 * from an earlier record reuses the cached value (validated when cached).
 * Other fields are tested inline by checks that can only ACCEPT; a record
 * they do not accept at once goes through esd_span() + validate(), the slow
 * path that owns every error message. So a cache or a fast check can never
 * change a result or an error, only skip work.
 *
 * Workload: the plan validates every record (jx_rcvdec_key), the build
 * decodes every record again (trusted); consecutive records of a receiver
 * mostly share the job, users, program, system/receiver names, the day of
 * the timestamp and the first 14 of the 20 sequence digits. */

enum {
    C_ENTL = 1u << 0, C_SEQ = 1u << 1, C_DAY = 1u << 2, C_NBR = 1u << 3,
    C_SYS = 1u << 4, C_PORT = 1u << 5, C_CODE = 1u << 6, C_TYPE = 1u << 7,
    C_TEXT0 = 1u << 8, /* C_TEXT0 << i: heading text field i */
};

/* The heading text fields and their place in struct jx_entry. */
enum { TX_JOB, TX_USER, TX_USPF, TX_PGM, TX_PGMLIB, TX_SYNM, TX_RCV, TX_RCVLIB,
       TX_OBJTYP, TX_RADR };
static const struct {
    uint16_t off, len, member, cap;
} text_fields[JX_RCVDEC_NTEXT] = {
    [TX_JOB] = {JX_H_JOB, JX_H_JOB_LEN, offsetof(struct jx_entry, job), JX_NAME_SZ},
    [TX_USER] = {JX_H_USER, JX_H_USER_LEN, offsetof(struct jx_entry, job_user), JX_NAME_SZ},
    [TX_USPF] = {JX_H_USPF, JX_H_USPF_LEN, offsetof(struct jx_entry, user), JX_NAME_SZ},
    [TX_PGM] = {JX_H_PGM, JX_H_PGM_LEN, offsetof(struct jx_entry, program), JX_NAME_SZ},
    [TX_PGMLIB] = {JX_H_PGMLIB, JX_H_PGMLIB_LEN, offsetof(struct jx_entry, program_lib),
                   JX_NAME_SZ},
    [TX_SYNM] = {JX_H_SYNM, JX_H_SYNM_LEN, offsetof(struct jx_entry, system), JX_NAME_SZ},
    [TX_RCV] = {JX_H_RCV, JX_H_RCV_LEN, offsetof(struct jx_entry, receiver), JX_NAME_SZ},
    [TX_RCVLIB] = {JX_H_RCVLIB, JX_H_RCVLIB_LEN, offsetof(struct jx_entry, receiver_lib),
                   JX_NAME_SZ},
    [TX_OBJTYP] = {JX_H_OBJTYP, JX_H_OBJTYP_LEN, offsetof(struct jx_entry, object_type_hdr),
                   JX_NAME_SZ},
    /* X'00' or blank first byte: no address (FIXLENDTA(*RMTADR) off, §2.5) */
    [TX_RADR] = {JX_H_RADR, JX_H_RADR_LEN, offsetof(struct jx_entry, remote_addr), JX_ADDR_SZ},
};
_Static_assert(JX_H_RADR_LEN <= sizeof(((struct jx_rcvdec_text *)0)->raw) &&
               JX_NAME_SZ <= JX_ADDR_SZ, "text cache too small");
_Static_assert(JX_H_SEQN_LEN == 20 && JX_H_SYSSEQ_LEN == 20, "20-digit fields");

#define DEC_INLINE static inline __attribute__((always_inline))

static inline uint64_t ld64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}
static inline uint32_t ld32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Equality of n bytes, n a constant at every call site (1 to 46): word
 * compares, the last word overlapping, no library call. */
DEC_INLINE bool same_bytes(const uint8_t *a, const uint8_t *b, size_t n)
{
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8)
            if (ld64(a + i) != ld64(b + i))
                return false;
        return ld64(a + n - 8) == ld64(b + n - 8);
    }
    if (n >= 4)
        return ld32(a) == ld32(b) && ld32(a + n - 4) == ld32(b + n - 4);
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* The 8 bytes at p as a number whose byte k is p[k] (a plain load on a
 * little-endian CPU): what the SWAR helpers below work on. */
static inline uint64_t ld64le(const uint8_t *p)
{
    uint64_t v = ld64(p);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

#define HI8 0xF0F0F0F0F0F0F0F0ull
#define LO8 0x0F0F0F0F0F0F0F0Full

/* Every byte of x that mask m selects is X'F0'-X'F9'. */
static inline bool digits_in(uint64_t x, uint64_t m)
{
    return (x & HI8 & m) == (HI8 & m) && (((x & LO8) + 0x0606060606060606ull) & HI8 & m) == 0;
}
/* Every byte of the word is X'F0'-X'F9' (whatever the byte order). */
static inline bool digits8(uint64_t x) { return digits_in(x, ~0ull); }

/* The number written by the low nibbles of the 8 bytes of ld64le() word v,
 * byte 0 the most significant digit: three multiply-add steps, pairs, then
 * fours, then eights (nibbles above 9 never occur: the bytes were checked,
 * or come from a record the plan checked). */
static inline uint64_t swar8(uint64_t v)
{
    v &= LO8;
    v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFull;
    v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFull;
    return (v * 10000 + (v >> 32)) & 0xFFFFFFFFull;
}

/* Values of digit runs of a 20-digit field s: its first 14 digits, its
 * last 6 (bytes 14..19; reads stay inside the field). */
static inline uint64_t pre14(const uint8_t *s)
{
    return swar8(ld64le(s)) * 1000000u + swar8(ld64le(s + 6) & ~0xFFFFull);
}
static inline uint64_t last6(const uint8_t *s) { return swar8(ld64le(s + 12) & ~0xFFFFull); }

/* A 14-digit prefix below this cannot make a 20-digit value exceed 64 bits:
 * (18446744073709 - 1) * 10^6 + 999999 < 2^64 - 1. */
#define PRE_LIMIT 18446744073709ull

/* The last 6 bytes of a 20-digit field as jx_digits_u64() accepts them:
 * digits, the very last one possibly C-zoned. */
static inline bool last6_ok(const uint8_t *s)
{
    const uint64_t x = ld64le(s + 12);
    const unsigned z = (unsigned)(x >> 56);
    return digits_in(x, 0x00FFFFFFFFFF0000ull) && (z & 0x0F) <= 9 &&
           ((z >> 4) == 0xF || (z >> 4) == 0xC);
}

/* Zoned(n,0), 2 <= n <= 8, as jx_zoned() accepts it with a positive sign
 * (zone F or C on the last byte), or, for an optional field (opt_digits()),
 * as jx_digits_u64() accepts it (the same bytes). False for anything else,
 * negative values included: the slow path decides those. Reads 8 bytes at
 * p (every use has them inside the record). */
DEC_INLINE bool zoned_pos(const uint8_t *p, size_t n, uint64_t *v)
{
    const uint64_t x = ld64le(p);
    const unsigned z = (unsigned)(x >> (8 * (n - 1))) & 0xFF;
    if (!digits_in(x, (1ull << (8 * (n - 1))) - 1) || (z & 0x0F) > 9 ||
        ((z >> 4) != 0xF && (z >> 4) != 0xC))
        return false;
    *v = swar8(x << (64 - 8 * n)); /* leading zero digits in front */
    return true;
}

static inline int two(const uint8_t *p) { return (p[0] & 0x0F) * 10 + (p[1] & 0x0F); }

/* "HH.MM.SS.ffffff" (JOTSTP bytes 11..25) as jx_ts_parse_saa() accepts it:
 * two words, "HH.MM.SS" and "S.ffffff", separators swapped for digits. */
static inline bool tod_ok(const uint8_t *t)
{
    const uint64_t w1 = ld64le(t + 11), w2 = ld64le(t + 18);
    const uint64_t m1 = 0x0000FF0000FF0000ull, m2 = 0xFF00ull; /* the '.' bytes */
    return (w1 & m1) == (0x4B4B4B4B4B4B4B4Bull & m1) && (w2 & m2) == 0x4B00ull &&
           digits8((w1 & ~m1) | (HI8 & m1)) && digits8((w2 & ~m2) | (HI8 & m2)) &&
           two(t + 11) <= 23 && two(t + 14) <= 59 && two(t + 17) <= 59;
}

/* Microseconds since midnight of valid "HH.MM.SS.ffffff" at t + 11. */
static inline int64_t tod_of(const uint8_t *t)
{
    return ((int64_t)two(t + 11) * 3600 + two(t + 14) * 60 + two(t + 17)) * JX_US_PER_SEC +
           (int64_t)last6(t + 6); /* digits t[20..25] */
}

/* What the numeric part of the heading decodes to. */
struct nums {
    uint64_t seq, sysseq;
    int64_t ts;
    const uint8_t *esd;
    uint32_t esd_full, esd_avail, nbr;
    uint16_t port;
    char type[2];
};

void jx_rcvdec_init(struct jx_rcvdec *d, const struct jx_rcvfile *f)
{
    d->f = f;
    d->map = f->map;
    d->win = NULL;
    d->wcap = 0;
    d->wfirst = d->wn = 0;
    d->reclen = f->reclen;
    d->count = f->count;
    d->cc = f->cc;
    d->shape = f->shape;
    d->valid = 0;
    d->names_same = false;
    d->no_memo = false;
    d->raw_names = false;
    memset(d->memo_valid, 0, sizeof(d->memo_valid));
}

void jx_rcvdec_window(struct jx_rcvdec *d, uint8_t *buf, size_t cap)
{
    d->win = buf && cap >= d->reclen ? buf : NULL;
    d->wcap = d->win ? cap : 0;
    d->wfirst = d->wn = 0;
}

void jx_rcvdec_forget(struct jx_rcvdec *d)
{
    d->valid = 0;
    d->names_same = false;
    d->no_memo = true;
}

/* Fill the window from record `rec` on. */
static int window_fill(struct jx_rcvdec *d, uint64_t rec, struct jx_errctx *err)
{
    const uint64_t n = JX_MIN((uint64_t)(d->wcap / d->reclen), d->count - rec);
    const size_t len = (size_t)n * d->reclen;
    size_t got = 0;
    d->wn = 0;
    while (got < len) {
        const ssize_t r = pread(d->f->fd, d->win + got, len - got,
                                (off_t)(rec * d->reclen + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return jx_error(err, JX_E_IO, d->f->path, (int64_t)(rec + got / d->reclen),
                            (int64_t)(rec * d->reclen + got), "cannot read: %s",
                            r < 0 ? strerror(errno) : "file shorter than when it was opened");
        got += (size_t)r;
    }
    d->wfirst = rec;
    d->wn = n;
    return JX_OK;
}

/* Record `rec` (< count): in the mapping, or in the window (read first if
 * outside it); NULL on a failed read, err set. */
DEC_INLINE const uint8_t *rec_at(struct jx_rcvdec *d, uint64_t rec, struct jx_errctx *err)
{
    if (!d->win)
        return d->map + rec * d->reclen;
    if (rec - d->wfirst >= d->wn && window_fill(d, rec, err))
        return NULL;
    return d->win + (rec - d->wfirst) * d->reclen;
}

static int nums_trusted(struct jx_rcvdec *d, const uint8_t *p, uint64_t rec,
                        struct nums *n, struct jx_errctx *err);

/* The numeric heading fields of record `rec` at p, through d's caches.
 * VALIDATING: every check of esd_span() and validate(), in effect. */
DEC_INLINE int nums_of(struct jx_rcvdec *d, const uint8_t *p, uint64_t rec, bool validating,
                       struct nums *n, struct jx_errctx *err)
{
    uint32_t v = d->valid;

    /* JOENTL, then the ESD span (esd_span) */
    if (!(v & C_ENTL) || !same_bytes(p + JX_H_ENTL, d->entl_raw, JX_H_ENTL_LEN)) {
        uint64_t entl = JX_H_LEN;
        if (!zoned_pos(p + JX_H_ENTL, JX_H_ENTL_LEN, &entl) || entl < JX_H_LEN) {
            if (validating)
                goto slow;
            entl = JX_H_LEN; /* broken precondition: read no ESD, never crash */
        }
        d->esd_full = (uint32_t)(entl - JX_H_LEN);
        memcpy(d->entl_raw, p + JX_H_ENTL, JX_H_ENTL_LEN);
        v |= C_ENTL;
    }
    n->esd_full = d->esd_full;
    if (d->shape == JX_ESD_VARLEN || d->shape == JX_ESD_VARLEN608) {
        const size_t lo = jx_esd_len_off(d->shape), dof = jx_esd_data_off(d->shape);
        uint32_t l = jx_be16(p + lo);
        if (l > d->reclen - dof || l > n->esd_full) {
            if (validating)
                goto slow;
            l = (uint32_t)JX_MIN((uint64_t)l, (uint64_t)(d->reclen - dof));
        }
        n->esd_avail = l;
        n->esd = p + dof;
    } else {
        n->esd_avail =
            (uint32_t)JX_MIN((uint64_t)n->esd_full, (uint64_t)(d->reclen - JX_FIXED_DATA_OFF));
        n->esd = p + JX_FIXED_DATA_OFF;
    }

    /* journal code, entry type */
    if (!(v & C_CODE) || p[JX_H_CODE] != d->code_raw) {
        const char c = ebc_upper(p[JX_H_CODE]);
        if (validating && (!c || !strchr(journal_codes, c)))
            goto slow;
        d->code_raw = p[JX_H_CODE];
        v |= C_CODE;
    }
    if (!(v & C_TYPE) || !same_bytes(p + JX_H_ENTT, d->type_raw, 2)) {
        const char t0 = ebc_alnum(p[JX_H_ENTT]), t1 = ebc_alnum(p[JX_H_ENTT + 1]);
        if (validating && (!t0 || !t1))
            goto slow; /* (a cache is only ever overwritten with checked values) */
        d->type[0] = t0;
        d->type[1] = t1;
        memcpy(d->type_raw, p + JX_H_ENTT, 2);
        v |= C_TYPE;
    }
    n->type[0] = d->type[0];
    n->type[1] = d->type[1];

    /* JOSEQN: 20 digits, the first 14 rarely change */
    const uint8_t *s = p + JX_H_SEQN;
    if (!(v & C_SEQ) || !same_bytes(s, d->seq_raw, 14)) {
        if (validating && (!digits8(ld64(s)) || !digits8(ld64(s + 6))))
            goto slow;
        d->seq_pre = pre14(s);
        if (d->seq_pre < PRE_LIMIT) {
            memcpy(d->seq_raw, s, 14);
            v |= C_SEQ;
        } else { /* might not fit 64 bits: the slow path decides, and a
                  * prefix this large is never reused unchecked */
            v &= ~(uint32_t)C_SEQ;
            if (validating)
                goto slow;
        }
    }
    if (validating && !last6_ok(s))
        goto slow;
    n->seq = d->seq_pre * 1000000u + last6(s);

    /* JOTSTP: the day is parsed (and its calendar checked) once */
    const uint8_t *t = p + JX_H_TSTP;
    if (validating && !tod_ok(t))
        goto slow;
    const int64_t tod = tod_of(t);
    if (!(v & C_DAY) || !same_bytes(t, d->day_raw, sizeof(d->day_raw))) {
        int64_t full = 0;
        if (jx_ts_parse_saa(t, &full, NULL) && validating)
            goto slow;
        d->day_base = full - tod;
        memcpy(d->day_raw, t, sizeof(d->day_raw));
        v |= C_DAY;
    }
    n->ts = d->day_base + tod;

    /* JONBR: zoned, not negative */
    if (!(v & C_NBR) || !same_bytes(p + JX_H_NBR, d->nbr_raw, JX_H_NBR_LEN)) {
        uint64_t nbr = 0;
        if (!zoned_pos(p + JX_H_NBR, JX_H_NBR_LEN, &nbr) && validating)
            goto slow; /* bad, or negative: an error; or -0 (D zone, value 0) */
        d->nbr = (uint32_t)nbr;
        memcpy(d->nbr_raw, p + JX_H_NBR, JX_H_NBR_LEN);
        v |= C_NBR;
    }
    n->nbr = d->nbr;

    /* JOSYSSEQ: 20 digits, or all X'00' (not captured) */
    s = p + JX_H_SYSSEQ;
    if (!(v & C_SYS) || !same_bytes(s, d->sys_raw, 14)) {
        if (!ld64(s) && !ld64(s + 6)) {
            d->sys_zero = true;
            d->sys_pre = 0;
        } else {
            if (validating && (!digits8(ld64(s)) || !digits8(ld64(s + 6))))
                goto slow;
            d->sys_zero = false;
            d->sys_pre = pre14(s);
        }
        if (d->sys_pre < PRE_LIMIT) {
            memcpy(d->sys_raw, s, 14);
            v |= C_SYS;
        } else { /* as JOSEQN */
            v &= ~(uint32_t)C_SYS;
            if (validating)
                goto slow;
        }
    }
    if (d->sys_zero) {
        if (validating && (ld32(s + 14) || s[18] || s[19]))
            goto slow;
        n->sysseq = 0;
    } else {
        if (validating && !last6_ok(s))
            goto slow;
        n->sysseq = d->sys_pre * 1000000u + last6(s);
    }

    /* JORPORT: a port, or all X'00' */
    if (!(v & C_PORT) || !same_bytes(p + JX_H_RPORT, d->port_raw, JX_H_RPORT_LEN)) {
        uint64_t u = 0;
        const uint8_t *q = p + JX_H_RPORT;
        if (!(ld32(q) == 0 && q[4] == 0) && (!zoned_pos(q, JX_H_RPORT_LEN, &u) || u > 65535)) {
            if (validating)
                goto slow;
            u = 0;
        }
        d->port = (uint16_t)u;
        memcpy(d->port_raw, p + JX_H_RPORT, JX_H_RPORT_LEN);
        v |= C_PORT;
    }
    n->port = d->port;
    d->valid = v;
    return JX_OK;

slow:
    /* A check above did not accept at once: the full validation names the
     * error, or accepts (a value near 2^64): then decode it trusted. */
    d->valid = v;
    {
        uint32_t full, avail;
        const uint8_t *data;
        uint64_t seq;
        int64_t ts;
        int rc = esd_span(d->f, p, rec, &full, &avail, &data, err);
        if (!rc)
            rc = validate(d->f, p, rec, &seq, &ts, err);
        if (rc)
            return rc;
    }
    return nums_trusted(d, p, rec, n, err);
}

static int nums_trusted(struct jx_rcvdec *d, const uint8_t *p, uint64_t rec,
                        struct nums *n, struct jx_errctx *err)
{
    return nums_of(d, p, rec, false, n, err);
}

/* Memo line set of each text field (-1: none: the system and receiver
 * names change too seldom to need one). */
static const int8_t memo_of[JX_RCVDEC_NTEXT] = {
    [TX_JOB] = 0, [TX_USER] = 1, [TX_USPF] = 2, [TX_PGM] = 3, [TX_PGMLIB] = 4,
    [TX_SYNM] = -1, [TX_RCV] = -1, [TX_RCVLIB] = -1, [TX_OBJTYP] = 5, [TX_RADR] = 6,
};
_Static_assert(JX_H_JOB_LEN == 10 && JX_H_USER_LEN == 10 && JX_H_USPF_LEN == 10 &&
               JX_H_PGM_LEN == 10 && JX_H_PGMLIB_LEN == 10 && JX_H_OBJTYP_LEN == 7 &&
               JX_H_RADR_LEN == 46, "memo keys");
/* raw names (jx_rcvdec_raw_names): JX_RAWNAME_READ bytes readable at each,
 * inside the heading every record holds */
_Static_assert(JX_H_JOB + JX_RAWNAME_READ <= JX_H_LEN && JX_H_USER + JX_RAWNAME_READ <= JX_H_LEN &&
               JX_H_USPF + JX_RAWNAME_READ <= JX_H_LEN && JX_H_PGM + JX_RAWNAME_READ <= JX_H_LEN &&
               JX_H_PGMLIB + JX_RAWNAME_READ <= JX_H_LEN &&
               JX_H_OBJTYP + JX_RAWNAME_READ <= JX_H_LEN, "raw names readable");
_Static_assert((JX_RCVDEC_MEMO & (JX_RCVDEC_MEMO - 1)) == 0 && JX_RCVDEC_MEMO <= 64,
               "memo size");

/* The memo key of a text field of n bytes (a constant): all of its bytes,
 * as two words; a JORADR address only when the key holds it all (its last
 * 30 bytes are padding, which the conversion drops: then the conversion
 * depends on the first 16 bytes alone). @return false: no key. */
DEC_INLINE bool memo_key(const uint8_t *src, size_t n, uint64_t *k0, uint64_t *k1)
{
    if (n == 10) {
        *k0 = ld64(src);
        *k1 = ld64(src + 2);
    } else if (n == 7) {
        *k0 = ((uint64_t)ld32(src + 3) << 32) | ld32(src);
        *k1 = 0;
    } else {
        const uint64_t pad = ~0x4040404040404040ull; /* bits outside X'00'/X'40' */
        if ((ld64(src + 16) | ld64(src + 24) | ld64(src + 32) | ld64(src + n - 8)) & pad)
            return false;
        *k0 = ld64(src);
        *k1 = ld64(src + 8);
    }
    return true;
}

/* Heading text field i (a constant) of p into dst (its whole capacity
 * written): the previous record's conversion when the bytes repeat, else
 * the memo's, else converted (and remembered). @return true if the bytes
 * were the previous record's. */
DEC_INLINE bool text_of(struct jx_rcvdec *d, const uint8_t *p, int i, char *dst)
{
    const uint8_t *src = p + text_fields[i].off;
    const size_t len = text_fields[i].len, cap = text_fields[i].cap;
    struct jx_rcvdec_text *c = &d->text[i];
    bool hit = (d->valid & (C_TEXT0 << i)) && same_bytes(src, c->raw, len);
    if (!hit) {
        const int m = memo_of[i];
        uint64_t k0, k1;
        struct jx_rcvdec_mline *ml = NULL;
        if (m >= 0 && !d->no_memo && memo_key(src, len, &k0, &k1)) {
            const uint64_t h = (k0 * 0x9E3779B97F4A7C15ull) ^ (k1 * 0xC2B2AE3D27D4EB4Full);
            const unsigned at = (unsigned)(h >> 58) & (JX_RCVDEC_MEMO - 1);
            ml = &d->memo[m][at];
            if ((d->memo_valid[m] >> at & 1) && ml->k0 == k0 && ml->k1 == k1) {
                memcpy(c->txt, ml->txt, cap);
                goto have;
            }
            d->memo_valid[m] |= (uint64_t)1 << at;
            ml->k0 = k0;
            ml->k1 = k1;
        }
        if (i == TX_RADR) {
            memset(c->txt, 0, cap);
            if (src[0] != 0x00 && src[0] != 0x40)
                jx_e2u(d->cc, src, len, c->txt, cap);
        } else {
            jx_entry_name(d->cc, src, len, c->txt); /* the rule jx_segbuild shares */
        }
        if (ml)
            memcpy(ml->txt, c->txt, cap);
    have:
        memcpy(c->raw, src, len);
        d->valid |= C_TEXT0 << i;
    }
    memcpy(dst, c->txt, cap);
    return hit;
}

/* Records are read in order, but the fields at scattered offsets of a
 * 1-2 KB record defeat the hardware prefetcher, and the page cache is far
 * out of the CPU caches: ask for the lines a pass reads of the record
 * PF_AHEAD records ahead (a prefetch never faults; it is dropped on a page
 * not mapped yet). The plan reads the heading's key fields; the build also
 * the names, thread, address, object type and the start of the ESD. */
#define PF_AHEAD 4     /* build pass (measured best of 2, 4, 8, 16) */
#define PF_AHEAD_KEY 4 /* plan pass (likewise) */
static const uint16_t pf_key[] = {JX_H_ENTL, JX_H_TSTP + JX_H_TSTP_LEN - 1, JX_H_NBR + JX_H_NBR_LEN - 1,
                                  JX_H_SYNM, JX_H_RCVLIB + JX_H_RCVLIB_LEN - 1,
                                  JX_H_RPORT + JX_H_RPORT_LEN - 1};
static const uint16_t pf_all[] = {JX_H_ENTL, JX_H_TSTP + JX_H_TSTP_LEN - 1, JX_H_PGM,
                                  JX_H_PGMLIB + JX_H_PGMLIB_LEN - 1, JX_H_USPF,
                                  JX_H_SYNM + JX_H_SYNM_LEN, JX_H_RCVLIB + JX_H_RCVLIB_LEN - 1,
                                  JX_H_THD, JX_H_RADR, JX_H_RADR + JX_H_RADR_LEN - 1,
                                  JX_H_OBJTYP, JX_H_OBJTYP + JX_H_OBJTYP_LEN - 1,
                                  JX_FIXED_DATA_OFF, JX_VARLEN_DATA_OFF + 64};
DEC_INLINE void prefetch_ahead(const struct jx_rcvdec *d, const uint8_t *p, uint64_t rec,
                               bool all)
{
    const uint64_t ahead = all ? PF_AHEAD : PF_AHEAD_KEY;
    /* never past the window (the pointer would leave its buffer) */
    if (d->win ? rec - d->wfirst + ahead < d->wn : rec + ahead < d->count) {
        const uint8_t *q = p + ahead * d->reclen;
        if (all)
            for (size_t i = 0; i < JX_ARRAY_SIZE(pf_all); i++)
                __builtin_prefetch(q + pf_all[i]);
        else {
            for (size_t i = 0; i < JX_ARRAY_SIZE(pf_key); i++)
                __builtin_prefetch(q + pf_key[i]);
            if (d->shape != JX_ESD_FIXED)
                __builtin_prefetch(q + JX_VARLEN608_LEN_OFF);
        }
    }
}

int jx_rcvdec_key(struct jx_rcvdec *d, uint64_t rec, struct jx_rcvkey *k,
                  struct jx_errctx *err)
{
    const uint8_t *p = rec_at(d, rec, err);
    struct nums n;
    if (!p)
        return JX_E_IO;
    prefetch_ahead(d, p, rec, false);
    int rc = nums_of(d, p, rec, true, &n, err);
    if (rc)
        return rc;
    k->seq = n.seq;
    k->ts = n.ts;
    k->code = ebc_upper(p[JX_H_CODE]);
    _Static_assert(sizeof(k->system) == JX_NAME_SZ && sizeof(k->receiver) == JX_NAME_SZ &&
                   sizeof(k->receiver_lib) == JX_NAME_SZ, "text_of() writes JX_NAME_SZ");
    bool same = text_of(d, p, TX_SYNM, k->system);
    same &= text_of(d, p, TX_RCV, k->receiver);
    same &= text_of(d, p, TX_RCVLIB, k->receiver_lib);
    d->names_same = same;
    return JX_OK;
}

DEC_INLINE void fill_entry(struct jx_rcvdec *d, const uint8_t *p, const struct nums *n,
                           struct jx_entry *e)
{
    e->seq = n->seq;
    e->ts = n->ts;
    e->esd = n->esd;
    e->esd_len = n->esd_full;
    e->esd_avail = n->esd_avail;
    e->code = ebc_upper(p[JX_H_CODE]);
    e->type[0] = n->type[0];
    e->type[1] = n->type[1];
    e->type[2] = '\0';
    e->job_number = n->nbr;
    e->sysseq = n->sysseq;
    e->remote_port = n->port;
    e->thread = jx_be64(p + JX_H_THD);
    e->flags = 0;
    if (e->esd_avail < e->esd_len)
        e->flags |= JX_F_TRUNCATED;
    if (p[JX_H_INCDAT] == 0xF1)
        e->flags |= JX_F_INCOMPLETE;
    if (p[JX_H_MINESD] == 0xF1 || p[JX_H_MINESD] == 0xF2)
        e->flags |= JX_F_MINIMIZED;
    e->ccsid = (uint16_t)d->cc->ccsid;
    const uint8_t adf = p[JX_H_ADF];
    e->addr_family = (adf >= 0xF0 && adf <= 0xF9) ? (char)('0' + adf - 0xF0) : '\0';
    /* every heading text field, where the table puts it (one call per field
     * so that each is compiled with its own constant offset and length) */
#define TEXT_FIELD(i) text_of(d, p, i, (char *)e + text_fields[i].member)
#define RAW_NAME(k, i) (e->raw[k] = p + text_fields[i].off, e->raw_len[k] = text_fields[i].len, \
                        ((char *)e + text_fields[i].member)[0] = '\0')
    e->raw_names = d->raw_names;
    if (d->raw_names) {
        RAW_NAME(JX_RN_JOB, TX_JOB);
        RAW_NAME(JX_RN_JOB_USER, TX_USER);
        RAW_NAME(JX_RN_USER, TX_USPF);
        RAW_NAME(JX_RN_PROGRAM, TX_PGM);
        RAW_NAME(JX_RN_PROGRAM_LIB, TX_PGMLIB);
        RAW_NAME(JX_RN_OBJTYPE_HDR, TX_OBJTYP);
    } else {
        TEXT_FIELD(TX_JOB);
        TEXT_FIELD(TX_USER);
        TEXT_FIELD(TX_USPF);
        TEXT_FIELD(TX_PGM);
        TEXT_FIELD(TX_PGMLIB);
        TEXT_FIELD(TX_OBJTYP);
    }
#undef RAW_NAME
    bool same = TEXT_FIELD(TX_SYNM);
    same &= TEXT_FIELD(TX_RCV);
    same &= TEXT_FIELD(TX_RCVLIB);
    d->names_same = same;
    TEXT_FIELD(TX_RADR);
#undef TEXT_FIELD
    _Static_assert(TX_RADR + 1 == JX_RCVDEC_NTEXT, "a text field is not decoded");
    jx_audit_keys(e, d->cc);
}

int jx_rcvdec_decode(struct jx_rcvdec *d, uint64_t rec, struct jx_entry *e,
                     struct jx_errctx *err)
{
    const uint8_t *p = rec_at(d, rec, err);
    struct nums n;
    if (!p)
        return JX_E_IO;
    prefetch_ahead(d, p, rec, true);
    int rc = nums_of(d, p, rec, true, &n, err);
    if (rc)
        return rc;
    fill_entry(d, p, &n, e);
    return JX_OK;
}

int jx_rcvdec_decode_trusted(struct jx_rcvdec *d, uint64_t rec, struct jx_entry *e,
                             struct jx_errctx *err)
{
    const uint8_t *p = rec_at(d, rec, err);
    struct nums n;
    if (!p)
        return JX_E_IO;
    prefetch_ahead(d, p, rec, true);
    nums_of(d, p, rec, false, &n, NULL);
    fill_entry(d, p, &n, e);
    return JX_OK;
}

int jx_rcvfile_key(const struct jx_rcvfile *f, uint64_t rec,
                   struct jx_rcvkey *k, struct jx_errctx *err)
{
    struct jx_rcvdec d;
    jx_rcvdec_init(&d, f);
    d.no_memo = true;
    return jx_rcvdec_key(&d, rec, k, err);
}

int jx_rcvfile_decode(const struct jx_rcvfile *f, uint64_t rec,
                      struct jx_entry *e, struct jx_errctx *err)
{
    struct jx_rcvdec d;
    jx_rcvdec_init(&d, f);
    d.no_memo = true;
    return jx_rcvdec_decode(&d, rec, e, err);
}
