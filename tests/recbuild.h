/*
 * tests/recbuild.h - build DSPJRN OUTFILFMT(*TYPE5) records in memory, field
 * by field, for tests (a helper linked into every test binary, not a test).
 *
 * Every byte position comes from common/layout.h and every encoding from the
 * encoders of common/fields.h and common/ebcdic.h: nothing here knows an
 * offset of its own, so a record built here is exactly what layout.h says a
 * record is. All three JOESD shapes (fixed, varlen, varlen608) and every
 * supported CCSID.
 *
 * Typical use:
 *     struct rb_fmt fmt = {800, JX_ESD_FIXED, 37};
 *     struct rb_entry e;
 *     struct rb_esd d;
 *     struct rb_file f;
 *     rb_entry_init(&e);
 *     rb_esd_init(&d, 37);
 *     rb_esd_object(&d, 'A', "PAYROLL", "PRODLIB", "*FILE");
 *     e.type = "AF"; e.esd = d.b; e.esd_len = d.len;
 *     rb_file_init(&f, &fmt);
 *     rb_file_add(&f, &e);               (then change e.seq... and add more)
 *     char *path = rb_file_write(&f, dir, "AUDRCV0001.type5");
 *
 * Helpers fail the running cmocka test on misuse or I/O failure.
 */
#ifndef JX_RECBUILD_H
#define JX_RECBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "layout.h"

/* The shape of every record of one file. */
struct rb_fmt {
    size_t reclen;           /* > JX_H_LEN (609) */
    enum jx_esd_shape shape; /* JX_ESD_FIXED, JX_ESD_VARLEN or JX_ESD_VARLEN608 */
    int ccsid;               /* 0: 37 */
};

/* One entry's heading values and its ESD. Text is UTF-8 and is converted to
 * the file's CCSID; NULL text leaves the Char field blank. */
struct rb_entry {
    uint64_t seq;              /* JOSEQN */
    char code;                 /* JOCODE ('T') */
    const char *type;          /* JOENTT, 2 characters */
    int64_t ts;                /* JOTSTP, jx_ts_make() microseconds */
    const char *job, *job_user, *user, *program, *program_lib;
    uint32_t job_number;       /* JONBR, 0..999999 */
    const char *system;        /* JOSYNM */
    const char *receiver, *receiver_lib; /* JORCV, JORCVLIB */
    const char *object_type_hdr; /* JOOBJTYP */
    char addr_family;          /* JOADF character ('0', '4', '6') */
    const char *remote_addr;   /* JORADR; NULL: X'00' placeholders */
    uint16_t remote_port;      /* JORPORT */
    uint64_t thread;           /* JOTHD (and JOTHDX as hex text) */
    uint64_t sysseq;           /* JOSYSSEQ */
    char incdat, minesd;       /* JOINCDAT, JOMINESD characters */
    const uint8_t *esd;        /* the entry's full ESD (EBCDIC), may be NULL */
    size_t esd_len;            /* its length; JOENTL = 609 + esd_len */
    long entl;                 /* > 0: write this JOENTL instead */
};

/*! rb_entry_init() : plausible defaults: a T/AF entry, sequence 1, job
 *  000001/QUSER/QPADEV0001, user QSECOFR, system SYSA, receiver
 *  QGPL/AUDRCV0001, 2024-03-01-10.00.00.000000, no ESD. */
void rb_entry_init(struct rb_entry *e);

/*! rb_record() : write one record of fmt->reclen bytes at rec. An ESD longer
 *  than the record holds is cut (truncated entry: JOENTL still counts it). */
void rb_record(const struct rb_fmt *fmt, const struct rb_entry *e, uint8_t *rec);

/* ESD under construction (EBCDIC bytes, blank filled). Offsets are ESD
 * offsets, i.e. the JX_E_* / JX_xx_* values of layout.h. */
struct rb_esd {
    uint8_t b[JX_ESD_MAX];
    size_t len;
    int ccsid;
};
void rb_esd_init(struct rb_esd *d, int ccsid);
/* Char(width) text at off (blank padded); extends len to off + width. */
void rb_esd_char(struct rb_esd *d, size_t off, size_t width, const char *utf8);
/* Raw bytes at off; extends len. */
void rb_esd_bytes(struct rb_esd *d, size_t off, const void *p, size_t n);
/* Entry type/subtype byte at JX_E_SUBTYPE plus the "object in a library"
 * group (JX_E_OBJ_NAME/LIB/TYPE), as AF, CA, CD, CP, DO, ZR... carry it. */
void rb_esd_object(struct rb_esd *d, char subtype, const char *name,
                   const char *lib, const char *type);

/* A file of records being built. */
struct rb_file {
    struct rb_fmt fmt;
    uint8_t *data;
    size_t n, cap;           /* records */
};
void rb_file_init(struct rb_file *f, const struct rb_fmt *fmt);
/*! rb_file_add() : append one record built from e; @return its index. */
size_t rb_file_add(struct rb_file *f, const struct rb_entry *e);
/* Record i, writable (to corrupt it on purpose). */
uint8_t *rb_file_rec(struct rb_file *f, size_t i);
/*! rb_file_write() : write all records to dir/name. @return the path
 *  (malloc'd, caller frees). */
char *rb_file_write(const struct rb_file *f, const char *dir, const char *name);
void rb_file_free(struct rb_file *f);

/*! rb_write() : write n bytes to path (created or truncated). */
void rb_write(const char *path, const void *data, size_t n);
/*! rb_path() : dir/name, malloc'd. */
char *rb_path(const char *dir, const char *name);

#endif
