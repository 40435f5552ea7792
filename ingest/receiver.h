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

#include <stdint.h>
#include <stddef.h>
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

/* Raw record bytes (read-only view into the mapping). */
const uint8_t *jx_rcvfile_record(const struct jx_rcvfile *f, uint64_t rec);

/*! jx_rcvfile_advise() : hint the kernel that records [first, first+n) will
 *  be read soon, sequentially (madvise WILLNEED). Optional. */
void jx_rcvfile_advise(const struct jx_rcvfile *f, uint64_t first, uint64_t n);

#endif
