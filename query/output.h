/*
 * query/output.h - rendering entries as table (aligned, for a person), csv
 * (RFC 4180 with a header line) or json (one object per line), with a
 * chosen list of fields. Used by `dump`, `query` and `report`.
 *
 * Thread rule: a jx_out is used by one thread at a time.
 */
#ifndef JX_OUTPUT_H
#define JX_OUTPUT_H

#include <stdio.h>

#include "entry.h"
#include "jx.h"

enum jx_format { JX_FMT_TABLE = 0, JX_FMT_CSV, JX_FMT_JSON };

enum jx_field {
    JX_FLD_TIMESTAMP, JX_FLD_SEQ, JX_FLD_SYSTEM, JX_FLD_RECEIVER,
    JX_FLD_RECEIVER_LIB, JX_FLD_CODE, JX_FLD_TYPE, JX_FLD_SUBTYPE,
    JX_FLD_USER, JX_FLD_QJOB, JX_FLD_JOB, JX_FLD_JOB_USER, JX_FLD_JOB_NUMBER,
    JX_FLD_PROGRAM, JX_FLD_PROGRAM_LIB, JX_FLD_OBJECT, JX_FLD_OBJECT_NAME,
    JX_FLD_OBJECT_LIB, JX_FLD_OBJECT_TYPE, JX_FLD_TARGET_USER, JX_FLD_PATH,
    JX_FLD_REMOTE_ADDR, JX_FLD_REMOTE_PORT, JX_FLD_ESD_LENGTH,
    JX_FLD_TRUNCATED, JX_FLD_THREAD, JX_FLD_SYSSEQ, JX_FLD_DETAIL,
    JX_FLD_SUBTYPE_DESC, JX_FLD_ESD_HEX,
    JX_FLD_DECODED,   /* every decoded ESD field (common/audit.h): text
                       * "name=value; ..." in table/csv, a nested object
                       * in json; needs the ESD bytes */
    JX_FLD_COUNT_
};

/*! jx_field_name() : the column name ("timestamp", "job_user", ...). */
const char *jx_field_name(enum jx_field f);
/*! jx_field_parse() : field by name (case-insensitive). -1 if unknown. */
int jx_field_parse(const char *name);
/*! jx_fields_parse() : comma list into fields[] (max n). @return count, or
 *  JX_E_USAGE with err naming the unknown field. */
int jx_fields_parse(const char *list, enum jx_field *fields, size_t n,
                    struct jx_errctx *err);
/*! jx_format_parse() : "table", "csv", "json". -1 if unknown. */
int jx_format_parse(const char *s);

/*! jx_field_value() : the field's text for entry e (UTF-8, NUL-terminated,
 *  cut to cap). Numbers as decimal; seq as full 64-bit decimal. */
size_t jx_field_value(const struct jx_entry *e, enum jx_field f, char *buf,
                      size_t cap);

extern const enum jx_field jx_default_fields[];
extern const size_t jx_default_nfields;
extern const enum jx_field jx_dump_fields[];
extern const size_t jx_dump_nfields;

struct jx_out;
int jx_out_create(FILE *fp, enum jx_format fmt, const enum jx_field *fields,
                  size_t nfields, struct jx_out **out);
/* Write one entry (table output is buffered up to 1000 rows to size the
 * columns, then streamed). */
int jx_out_entry(struct jx_out *o, const struct jx_entry *e);
/* Flush and free. NULL is a no-op. */
int jx_out_finish(struct jx_out *o);

/* Generic rows of text (group-by, histogram and report tables): the same
 * three formats with caller-given headers. */
int jx_out_rows_create(FILE *fp, enum jx_format fmt, const char *const *headers,
                       size_t ncols, struct jx_out **out);
int jx_out_row(struct jx_out *o, const char *const *values);

/* RFC 4180 / JSON string escaping helpers. */
void jx_csv_write(FILE *fp, const char *s);
void jx_json_write_string(FILE *fp, const char *s);

#endif
