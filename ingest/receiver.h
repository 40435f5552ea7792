/*
 * ingest/receiver.h - one exported receiver file (DSPJRN OUTFILFMT(*TYPE5)
 * or a CPYAUDJRNE QASYxxJ5 outfile moved to Linux in binary): fixed-length
 * EBCDIC records back to back. The file is memory-mapped; records are decoded
 * in place, never copied whole.
 *
 * Thread rule: after jx_rcvfile_open() returns, a jx_rcvfile is immutable;
 * any number of threads may call the decode functions on it at once.
 */
#ifndef JX_RECEIVER_H
#define JX_RECEIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "entry.h"
#include "jx.h"
#include "layout.h"

struct jx_ccsid;

struct jx_rcvopts {
    size_t reclen;              /* 0: detect from content */
    enum jx_esd_shape shape;    /* JX_ESD_AUTO: detect from content */
    int ccsid;                  /* 0: 37 */
    FILE *notes;                /* jx_open_inputs: where to say which files
                                 * found in directories were not receiver
                                 * exports and were passed over (NULL: quiet) */
};

/* The key fields of a record: what chain planning needs (cheap to read). */
struct jx_rcvkey {
    uint64_t seq;
    int64_t ts;
    char code;
    char system[JX_NAME_SZ];
    char receiver[JX_NAME_SZ];
    char receiver_lib[JX_NAME_SZ];
};

struct jx_rcvfile;

/*! jx_rcvfile_open() : map `path`, detect (or check the given) record length
 *  and JOESD shape. Fails with one clear error (file, offset, what) on an
 *  empty file, a size that is not a multiple of the record length, or a first
 *  record that is not a *TYPE5 heading. */
int jx_rcvfile_open(const char *path, const struct jx_rcvopts *opts,
                    struct jx_rcvfile **out, struct jx_errctx *err);
void jx_rcvfile_close(struct jx_rcvfile *f);

uint64_t jx_rcvfile_count(const struct jx_rcvfile *f);
size_t jx_rcvfile_reclen(const struct jx_rcvfile *f);
enum jx_esd_shape jx_rcvfile_shape(const struct jx_rcvfile *f);
const char *jx_rcvfile_path(const struct jx_rcvfile *f);
const struct jx_ccsid *jx_rcvfile_ccsid(const struct jx_rcvfile *f);
uint64_t jx_rcvfile_size(const struct jx_rcvfile *f);
const char *jx_esd_shape_name(enum jx_esd_shape s);
/*! jx_esd_shape_parse() : "fixed", "varlen", "varlen608" or "auto". -1 if bad. */
int jx_esd_shape_parse(const char *s);

/*! jx_rcvfile_key() : validate record `rec` completely (every check
 *  jx_rcvfile_decode() makes) and extract its key. A record that passes here
 *  always decodes. @return JX_OK or JX_E_FORMAT/JX_E_RANGE with err naming
 *  the file, record and byte offset. */
int jx_rcvfile_key(const struct jx_rcvfile *f, uint64_t rec,
                   struct jx_rcvkey *k, struct jx_errctx *err);

/*! jx_rcvfile_decode() : validate and decode every field of record `rec`
 *  into `e` (heading, ESD pointer into the mapping, and the ESD key fields:
 *  subtype, object, target user, path, remote address). No allocation. */
int jx_rcvfile_decode(const struct jx_rcvfile *f, uint64_t rec,
                      struct jx_entry *e, struct jx_errctx *err);

/*! jx_rcvfile_sniff() : 1 if the file at `path` starts with a *TYPE5
 *  heading (the signature record-length detection looks for), 0 if it does
 *  not (text files, empty or short files), -1 if it cannot be read. */
int jx_rcvfile_sniff(const char *path);

/* ---- Decoding context ----------------------------------------------------
 * The one decoder. A struct jx_rcvdec remembers what the previous record it
 * decoded converted: a field whose EBCDIC bytes equal the previous record's
 * is not validated or converted again (consecutive entries mostly share the
 * job, user, program, system, receiver, day of the timestamp, the first 14
 * digits of the sequence numbers...). Results and errors are exactly those
 * of the context-less jx_rcvfile_key()/jx_rcvfile_decode(): a cached value
 * is only reused for the same bytes, and any record the fast checks do not
 * accept at once goes through the full validation, which names the error.
 *
 * Plain struct (about 25 KB) so that callers can keep one per thread or on
 * the stack; its members are private to receiver.c. One context serves one
 * thread at a time; jx_rcvdec_init() binds it to a file (again: rebinds). */
#define JX_RCVDEC_NTEXT 10

struct jx_rcvdec_text {
    uint8_t raw[JX_H_RADR_LEN];     /* EBCDIC bytes last converted */
    char txt[JX_ADDR_SZ];           /* their UTF-8, zero-padded */
};

/* Memo of the conversions of the heading text fields that change from
 * record to record (job, users, program, ...) but take few values, most
 * of them often: direct-mapped on a hash of the field's bytes. */
#define JX_RCVDEC_NMEMO 7
#define JX_RCVDEC_MEMO 64
struct jx_rcvdec_mline {
    uint64_t k0, k1;                /* the field's bytes (see receiver.c) */
    char txt[JX_ADDR_SZ];
};

struct jx_rcvdec {
    const struct jx_rcvfile *f;
    const uint8_t *map;
    uint8_t *win;                   /* jx_rcvdec_window(): records [wfirst, +wn) */
    size_t wcap;
    uint64_t wfirst, wn;
    size_t reclen;
    uint64_t count;
    const struct jx_ccsid *cc;
    enum jx_esd_shape shape;
    uint32_t valid;                 /* which caches below hold a value */
    bool names_same;                /* see jx_rcvdec_names_same() */
    bool no_memo;                   /* one-record context: memo not worth filling */
    bool raw_names;                 /* see jx_rcvdec_raw_names() */
    uint8_t code_raw, type_raw[2];
    char type[2];
    uint8_t entl_raw[JX_H_ENTL_LEN];
    uint8_t nbr_raw[JX_H_NBR_LEN];
    uint8_t port_raw[JX_H_RPORT_LEN];
    uint8_t day_raw[11];            /* "YYYY-MM-DD-" of JOTSTP */
    uint8_t seq_raw[14], sys_raw[14]; /* first 14 of 20 digits */
    uint32_t esd_full, nbr;
    uint16_t port;
    bool sys_zero;                  /* JOSYSSEQ prefix is X'00' (not captured) */
    int64_t day_base;               /* JOTSTP of day_raw at 00:00:00 */
    uint64_t seq_pre, sys_pre;      /* value of the 14-digit prefixes */
    struct jx_rcvdec_text text[JX_RCVDEC_NTEXT];
    uint64_t memo_valid[JX_RCVDEC_NMEMO]; /* bit per line */
    struct jx_rcvdec_mline memo[JX_RCVDEC_NMEMO][JX_RCVDEC_MEMO];
};

/*! jx_rcvdec_init() : bind d to file f, caches empty. Never fails. */
void jx_rcvdec_init(struct jx_rcvdec *d, const struct jx_rcvfile *f);

/* The window passes over many records read through (2 MB: one huge page,
 * ~1200 records of 1.6 KB; a larger one measured no faster). */
#define JX_RCV_WINDOW ((size_t)2 << 20)

/*! jx_rcvdec_window() : after jx_rcvdec_init(), read records through the
 *  caller's buffer (cap bytes, at least one record; NULL: the mapping
 *  again) with pread(), as many whole records at a time as fit, instead of
 *  through the file's mapping. For passes over long runs of records: on a
 *  VM, faulting in mapped page-cache pages costs ~10x the copy (ingest/
 *  README.md). Entries decoded then point into the buffer: valid until
 *  the next decode through d. */
void jx_rcvdec_window(struct jx_rcvdec *d, uint8_t *buf, size_t cap);

/*! jx_rcvdec_forget() : drop every cached value, keep the file and window:
 *  the next record decodes exactly as jx_rcvfile_decode() would, with no
 *  cache (the brute-force oracle stays independent of the caches while
 *  reading through a window). */
void jx_rcvdec_forget(struct jx_rcvdec *d);

/*! jx_rcvdec_key() : jx_rcvfile_key() of record `rec` of d's file, with
 *  d's caches. Same result, same errors. */
int jx_rcvdec_key(struct jx_rcvdec *d, uint64_t rec, struct jx_rcvkey *k,
                  struct jx_errctx *err);

/*! jx_rcvdec_names_same() : after a successful jx_rcvdec_key() or
 *  jx_rcvdec_decode(), true when that record's system, receiver and
 *  receiver library bytes are those of the record of the previous
 *  successful call on d (so the names are equal without comparing them). */
static inline bool jx_rcvdec_names_same(const struct jx_rcvdec *d) { return d->names_same; }

/*! jx_rcvdec_raw_names() : from now on, entries decoded through d leave
 *  the heading names job, job user, user, program, program library and
 *  object type in EBCDIC (struct jx_entry.raw, pointing into the record:
 *  valid as long as e->esd), their members empty; everything else, errors
 *  included, is unchanged. For the index builder, which converts each
 *  distinct value once a segment: ~10% of ingest time on the generator's
 *  mix. jx_entry_names() gives the converted entry. */
static inline void jx_rcvdec_raw_names(struct jx_rcvdec *d, bool on) { d->raw_names = on; }

/*! jx_rcvdec_decode() : jx_rcvfile_decode() of record `rec`, with d's
 *  caches. Same result, same errors. */
int jx_rcvdec_decode(struct jx_rcvdec *d, uint64_t rec, struct jx_entry *e,
                     struct jx_errctx *err);

/*! jx_rcvdec_decode_trusted() : the same entry as jx_rcvdec_decode() for a
 *  record that jx_rcvfile_key() ACCEPTED (the ingest plan validated every
 *  record once): no check is repeated. PRECONDITION: every record decoded
 *  through d since jx_rcvdec_init() was accepted; otherwise the entry is
 *  unspecified (but nothing is read outside the record). No allocation.
 *  @return JX_OK, or JX_E_IO when a window read fails (file shortened or
 *  unreadable since it was opened). */
int jx_rcvdec_decode_trusted(struct jx_rcvdec *d, uint64_t rec, struct jx_entry *e,
                             struct jx_errctx *err);

/* Raw record bytes (read-only view into the mapping). */
const uint8_t *jx_rcvfile_record(const struct jx_rcvfile *f, uint64_t rec);

#endif
