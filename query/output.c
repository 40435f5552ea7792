/*
 * query/output.c - table/csv/json rendering of entries and of generic rows.
 * Runs once per output row; cost is formatting, not decoding. Table output
 * buffers at most TABLE_SAMPLE rows to size its columns, so memory stays
 * bounded for any result size.
 */
#include "output.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "ebcdic.h"
#include "fields.h"

#define TABLE_SAMPLE 1000
#define VAL_MAX 8192

static const char *const field_names[JX_FLD_COUNT_] = {
    "timestamp", "seq", "system", "receiver", "receiver_lib", "code", "type",
    "subtype", "user", "qualified_job", "job", "job_user", "job_number",
    "program", "program_lib", "object", "object_name", "object_lib",
    "object_type", "target_user", "path", "remote_addr", "remote_port",
    "esd_length", "truncated", "thread", "sysseq", "detail", "subtype_desc",
    "esd_hex", "decoded",
};

const enum jx_field jx_default_fields[] = {
    JX_FLD_TIMESTAMP, JX_FLD_SEQ, JX_FLD_SYSTEM, JX_FLD_TYPE, JX_FLD_SUBTYPE,
    JX_FLD_USER, JX_FLD_QJOB, JX_FLD_PROGRAM, JX_FLD_OBJECT, JX_FLD_REMOTE_ADDR,
    JX_FLD_DETAIL};
const size_t jx_default_nfields = JX_ARRAY_SIZE(jx_default_fields);

const enum jx_field jx_dump_fields[] = {
    JX_FLD_SYSTEM, JX_FLD_RECEIVER, JX_FLD_SEQ, JX_FLD_CODE, JX_FLD_TYPE,
    JX_FLD_SUBTYPE, JX_FLD_TIMESTAMP, JX_FLD_JOB, JX_FLD_JOB_USER,
    JX_FLD_JOB_NUMBER, JX_FLD_USER, JX_FLD_PROGRAM, JX_FLD_PROGRAM_LIB,
    JX_FLD_OBJECT_NAME, JX_FLD_OBJECT_LIB, JX_FLD_OBJECT_TYPE,
    JX_FLD_TARGET_USER, JX_FLD_PATH, JX_FLD_REMOTE_ADDR, JX_FLD_REMOTE_PORT,
    JX_FLD_ESD_LENGTH, JX_FLD_TRUNCATED, JX_FLD_DETAIL};
const size_t jx_dump_nfields = JX_ARRAY_SIZE(jx_dump_fields);

const char *jx_field_name(enum jx_field f)
{
    return (unsigned)f < JX_FLD_COUNT_ ? field_names[f] : "?";
}

int jx_field_parse(const char *name)
{
    for (int i = 0; i < JX_FLD_COUNT_; i++)
        if (!strcasecmp(name, field_names[i]))
            return i;
    return -1;
}

int jx_fields_parse(const char *list, enum jx_field *fields, size_t n,
                    struct jx_errctx *err)
{
    char buf[64];
    size_t k = 0;
    const char *p = list;
    while (*p) {
        const char *c = strchr(p, ',');
        size_t l = c ? (size_t)(c - p) : strlen(p);
        if (l == 0 || l >= sizeof(buf))
            return jx_error(err, JX_E_USAGE, NULL, -1, -1, "bad field list '%s'", list);
        memcpy(buf, p, l);
        buf[l] = '\0';
        int f = jx_field_parse(buf);
        if (f < 0)
            return jx_error(err, JX_E_USAGE, NULL, -1, -1, "unknown field '%s'", buf);
        if (k >= n)
            return jx_error(err, JX_E_USAGE, NULL, -1, -1, "too many fields");
        fields[k++] = (enum jx_field)f;
        p += l + (c ? 1 : 0);
    }
    if (k == 0)
        return jx_error(err, JX_E_USAGE, NULL, -1, -1, "empty field list");
    return (int)k;
}

int jx_format_parse(const char *s)
{
    if (!strcasecmp(s, "table")) return JX_FMT_TABLE;
    if (!strcasecmp(s, "csv")) return JX_FMT_CSV;
    if (!strcasecmp(s, "json")) return JX_FMT_JSON;
    return -1;
}

static size_t cpy(char *buf, size_t cap, const char *s)
{
    size_t l = strlen(s);
    if (l >= cap)
        l = cap - 1;
    memcpy(buf, s, l);
    buf[l] = '\0';
    return l;
}

size_t jx_field_value(const struct jx_entry *e, enum jx_field f, char *buf,
                      size_t cap)
{
    if (cap == 0)
        return 0;
    switch (f) {
    case JX_FLD_TIMESTAMP: {
        char t[27];
        jx_ts_format_saa(e->ts, t);
        return cpy(buf, cap, t);
    }
    case JX_FLD_SEQ: return (size_t)snprintf(buf, cap, "%" PRIu64, e->seq);
    case JX_FLD_SYSTEM: return cpy(buf, cap, e->system);
    case JX_FLD_RECEIVER: return cpy(buf, cap, e->receiver);
    case JX_FLD_RECEIVER_LIB: return cpy(buf, cap, e->receiver_lib);
    case JX_FLD_CODE: return (size_t)snprintf(buf, cap, "%c", e->code ? e->code : ' ');
    case JX_FLD_TYPE: return cpy(buf, cap, e->type);
    case JX_FLD_SUBTYPE:
        if (!e->subtype) { buf[0] = '\0'; return 0; }
        return (size_t)snprintf(buf, cap, "%c", e->subtype);
    case JX_FLD_USER: return cpy(buf, cap, e->user);
    case JX_FLD_QJOB:
        return (size_t)snprintf(buf, cap, "%06u/%s/%s", e->job_number, e->job_user, e->job);
    case JX_FLD_JOB: return cpy(buf, cap, e->job);
    case JX_FLD_JOB_USER: return cpy(buf, cap, e->job_user);
    case JX_FLD_JOB_NUMBER: return (size_t)snprintf(buf, cap, "%06u", e->job_number);
    case JX_FLD_PROGRAM: return cpy(buf, cap, e->program);
    case JX_FLD_PROGRAM_LIB: return cpy(buf, cap, e->program_lib);
    case JX_FLD_OBJECT:
        if (e->path[0])
            return cpy(buf, cap, e->path);
        if (!e->object[0]) { buf[0] = '\0'; return 0; }
        return (size_t)snprintf(buf, cap, "%s/%s %s", e->object_lib, e->object, e->object_type);
    case JX_FLD_OBJECT_NAME: return cpy(buf, cap, e->object);
    case JX_FLD_OBJECT_LIB: return cpy(buf, cap, e->object_lib);
    case JX_FLD_OBJECT_TYPE: return cpy(buf, cap, e->object_type);
    case JX_FLD_TARGET_USER: return cpy(buf, cap, e->target_user);
    case JX_FLD_PATH: return cpy(buf, cap, e->path);
    case JX_FLD_REMOTE_ADDR: return cpy(buf, cap, e->remote_addr);
    case JX_FLD_REMOTE_PORT: return (size_t)snprintf(buf, cap, "%u", e->remote_port);
    case JX_FLD_ESD_LENGTH: return (size_t)snprintf(buf, cap, "%u", e->esd_len);
    case JX_FLD_TRUNCATED: return cpy(buf, cap, (e->flags & JX_F_TRUNCATED) ? "true" : "false");
    case JX_FLD_THREAD: return (size_t)snprintf(buf, cap, "%016" PRIX64, e->thread);
    case JX_FLD_SYSSEQ: return (size_t)snprintf(buf, cap, "%" PRIu64, e->sysseq);
    case JX_FLD_DETAIL: {
        const struct jx_ccsid *cc = jx_ccsid_get(e->ccsid ? e->ccsid : 37);
        if (!cc) { buf[0] = '\0'; return 0; }
        return jx_audit_detail(e, cc, buf, cap);
    }
    case JX_FLD_SUBTYPE_DESC: {
        const char *d = e->code == 'T' ? jx_audit_subtype_desc(e->type, e->subtype) : NULL;
        return cpy(buf, cap, d ? d : "");
    }
    case JX_FLD_ESD_HEX: {
        size_t o = 0;
        for (uint32_t i = 0; i < e->esd_avail && o + 3 < cap; i++)
            o += (size_t)snprintf(buf + o, cap - o, "%02X", e->esd[i]);
        buf[o] = '\0';
        return o;
    }
    case JX_FLD_DECODED: {
        const struct jx_ccsid *cc = jx_ccsid_get(e->ccsid ? e->ccsid : 37);
        if (!cc) { buf[0] = '\0'; return 0; }
        return jx_audit_decoded_text(e, cc, buf, cap);
    }
    case JX_FLD_COUNT_: break;
    }
    buf[0] = '\0';
    return 0;
}

static int is_numeric(enum jx_field f)
{
    return f == JX_FLD_SEQ || f == JX_FLD_REMOTE_PORT || f == JX_FLD_ESD_LENGTH ||
           f == JX_FLD_SYSSEQ;
}

void jx_csv_write(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

void jx_json_write_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default:
            if (*p < 0x20)
                fprintf(fp, "\\u%04x", *p);
            else
                fputc(*p, fp);
        }
    }
    fputc('"', fp);
}

struct jx_out {
    FILE *fp;
    enum jx_format fmt;
    size_t ncols;
    enum jx_field fields[JX_FLD_COUNT_ * 2];
    char **headers;          /* generic rows: owned copies */
    bool generic;
    bool header_done;
    /* table sampling */
    char **rows;             /* nrows * ncols strings */
    size_t nrows;
    size_t *width;
    bool streaming;
    char *val;
};

static int out_new(FILE *fp, enum jx_format fmt, size_t ncols, struct jx_out **out)
{
    struct jx_out *o = jx_calloc(1, sizeof(*o));
    if (!o)
        return JX_E_NOMEM;
    o->fp = fp;
    o->fmt = fmt;
    o->ncols = ncols;
    o->width = jx_calloc(ncols ? ncols : 1, sizeof(size_t));
    o->val = jx_malloc(VAL_MAX * (ncols ? ncols : 1));
    o->headers = jx_calloc(ncols ? ncols : 1, sizeof(char *));
    if (!o->width || !o->val || !o->headers) {
        jx_out_finish(o);
        return JX_E_NOMEM;
    }
    *out = o;
    return JX_OK;
}

int jx_out_create(FILE *fp, enum jx_format fmt, const enum jx_field *fields,
                  size_t nfields, struct jx_out **out)
{
    if (nfields > JX_ARRAY_SIZE(((struct jx_out *)0)->fields))
        return JX_E_USAGE;
    int rc = out_new(fp, fmt, nfields, out);
    if (rc)
        return rc;
    memcpy((*out)->fields, fields, nfields * sizeof(*fields));
    for (size_t i = 0; i < nfields; i++)
        if (!((*out)->headers[i] = jx_strdup(jx_field_name(fields[i])))) {
            jx_out_finish(*out);
            return JX_E_NOMEM;
        }
    return JX_OK;
}

int jx_out_rows_create(FILE *fp, enum jx_format fmt, const char *const *headers,
                       size_t ncols, struct jx_out **out)
{
    int rc = out_new(fp, fmt, ncols, out);
    if (rc)
        return rc;
    (*out)->generic = true;
    for (size_t i = 0; i < ncols; i++)
        if (!((*out)->headers[i] = jx_strdup(headers[i]))) {
            jx_out_finish(*out);
            return JX_E_NOMEM;
        }
    return JX_OK;
}

static size_t u8width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void table_line(struct jx_out *o, char *const *vals)
{
    for (size_t c = 0; c < o->ncols; c++) {
        const char *v = vals[c];
        fputs(v, o->fp);
        if (c + 1 < o->ncols) {
            size_t w = u8width(v);
            for (size_t k = w; k < o->width[c] + 2; k++)
                fputc(' ', o->fp);
        }
    }
    fputc('\n', o->fp);
}

static void table_flush(struct jx_out *o)
{
    table_line(o, o->headers);
    for (size_t r = 0; r < o->nrows; r++) {
        table_line(o, o->rows + r * o->ncols);
        for (size_t c = 0; c < o->ncols; c++)
            jx_free(o->rows[r * o->ncols + c]);
    }
    jx_free(o->rows);
    o->rows = NULL;
    o->nrows = 0;
    o->streaming = true;
}

static int emit(struct jx_out *o, const char *const *vals, const bool *numeric)
{
    size_t c;
    switch (o->fmt) {
    case JX_FMT_CSV:
        if (!o->header_done) {
            for (c = 0; c < o->ncols; c++) {
                if (c) fputc(',', o->fp);
                jx_csv_write(o->fp, o->headers[c]);
            }
            fputs("\r\n", o->fp);
            o->header_done = true;
        }
        for (c = 0; c < o->ncols; c++) {
            if (c) fputc(',', o->fp);
            jx_csv_write(o->fp, vals[c]);
        }
        fputs("\r\n", o->fp);
        return JX_OK;
    case JX_FMT_JSON:
        fputc('{', o->fp);
        for (c = 0; c < o->ncols; c++) {
            if (c) fputs(", ", o->fp);
            jx_json_write_string(o->fp, o->headers[c]);
            fputs(": ", o->fp);
            if (numeric && numeric[c] && vals[c][0])
                fputs(vals[c], o->fp);
            else
                jx_json_write_string(o->fp, vals[c]);
        }
        fputs("}\n", o->fp);
        return JX_OK;
    case JX_FMT_TABLE:
        if (!o->header_done) {
            for (c = 0; c < o->ncols; c++)
                o->width[c] = u8width(o->headers[c]);
            o->header_done = true;
        }
        if (o->streaming) {
            table_line(o, (char *const *)vals);
            return JX_OK;
        }
        if (!o->rows && !(o->rows = jx_calloc(TABLE_SAMPLE * o->ncols, sizeof(char *))))
            return JX_E_NOMEM;
        for (c = 0; c < o->ncols; c++) {
            size_t w = u8width(vals[c]);
            if (w > o->width[c])
                o->width[c] = JX_MIN(w, (size_t)60);
            if (!(o->rows[o->nrows * o->ncols + c] = jx_strdup(vals[c])))
                return JX_E_NOMEM;
        }
        if (++o->nrows == TABLE_SAMPLE)
            table_flush(o);
        return JX_OK;
    }
    return JX_E_USAGE;
}

int jx_out_entry(struct jx_out *o, const struct jx_entry *e)
{
    char *vals[JX_ARRAY_SIZE(o->fields)];
    bool numeric[JX_ARRAY_SIZE(o->fields)];
    /* every value gets its own slice of the scratch buffer made at create */
    char *store = o->val;
    const size_t per = VAL_MAX;
    for (size_t c = 0; c < o->ncols; c++) {
        vals[c] = store + c * per;
        numeric[c] = is_numeric(o->fields[c]) || o->fields[c] == JX_FLD_TRUNCATED;
        if (o->fmt == JX_FMT_JSON && o->fields[c] == JX_FLD_DECODED) {
            /* a nested object, written verbatim like a number: always
             * valid JSON, "{}" when nothing is decoded */
            const struct jx_ccsid *cc = jx_ccsid_get(e->ccsid ? e->ccsid : 37);
            if (!cc || !jx_audit_decoded_json(e, cc, vals[c], per))
                snprintf(vals[c], per, "{}");
            numeric[c] = true;
            continue;
        }
        jx_field_value(e, o->fields[c], vals[c], per);
    }
    return emit(o, (const char *const *)vals, numeric);
}

/* A JSON number as the grammar allows it: -?(0|[1-9][0-9]*)(.[0-9]+)?.
 * Anything else ("012345" job numbers, "10.0.0.1" addresses, "-") stays
 * a string, so json output is always valid. */
static bool json_number(const char *v)
{
    const char *p = v;
    if (*p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return false;
    if (*p == '0' && isdigit((unsigned char)p[1]))
        return false;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

int jx_out_row(struct jx_out *o, const char *const *values)
{
    bool numeric[256] = {0};
    for (size_t c = 0; c < o->ncols && c < 256; c++)
        numeric[c] = json_number(values[c]);
    return emit(o, values, numeric);
}

int jx_out_finish(struct jx_out *o)
{
    if (!o)
        return JX_OK;
    if (o->fmt == JX_FMT_TABLE && !o->streaming && (o->nrows || o->header_done))
        table_flush(o);
    else if (o->fmt == JX_FMT_CSV && !o->header_done && o->headers) {
        for (size_t c = 0; c < o->ncols; c++) {
            if (c) fputc(',', o->fp);
            jx_csv_write(o->fp, o->headers[c]);
        }
        fputs("\r\n", o->fp);
    }
    for (size_t r = 0; r < o->nrows * o->ncols; r++)
        jx_free(o->rows[r]);
    jx_free(o->rows);
    for (size_t c = 0; o->headers && c < o->ncols; c++)
        jx_free(o->headers[c]);
    jx_free(o->headers);
    jx_free(o->width);
    jx_free(o->val);
    jx_free(o);
    return JX_OK;
}
