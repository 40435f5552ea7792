/*
 * common/audit.h - the audit (journal code T) entry model: which ESD fields
 * each entry type carries (offsets in common/layout.h), the meanings of the
 * subtype codes, and a one-line human detail. Shared by ingest (to fill the
 * indexed key fields) and query (to render and search entries) so both read
 * the ESD the same way. Pure functions over bytes; thread-safe.
 */
#ifndef JX_AUDIT_H
#define JX_AUDIT_H

#include <stddef.h>

#include "entry.h"

struct jx_ccsid;

/*! jx_audit_keys() : from e->esd/e->esd_avail and e->code/e->type, fill
 *  e->subtype, object, object_lib, object_type, target_user, path and (SK)
 *  remote_addr. Fields a type lacks become "". Reads only bytes present. */
void jx_audit_keys(struct jx_entry *e, const struct jx_ccsid *cc);

/*! jx_audit_subtype_desc() : meaning of subtype `sub` of entry type `type`
 *  ("AF", 'A' -> "not authorized to object"), or NULL if unknown. Status of
 *  each table (CONFIRMED/UNCONFIRMED) is noted in audit.c. */
const char *jx_audit_subtype_desc(const char *type, char sub);

/*! jx_audit_type_desc() : description of an entry type (formats doc §3.3). */
const char *jx_audit_type_desc(const char *type);

/*! jx_audit_detail() : one line (UTF-8, NUL-terminated, cut to cap) saying
 *  what the entry records: the command string of CD, "NAME old -> new" of
 *  SV, the violation meaning of AF/PW, special authorities of CP, ...
 *  @return length written. */
size_t jx_audit_detail(const struct jx_entry *e, const struct jx_ccsid *cc,
                       char *buf, size_t cap);

/*! jx_audit_esd_text() : the whole ESD present, converted to UTF-8 with
 *  binary bytes shown as '.', for full-text search at any offset: byte i of
 *  the ESD maps to character i of the result (one byte per ESD byte;
 *  non-ASCII characters also become '.'). @return length (= esd_avail,
 *  capped at cap-1). */
size_t jx_audit_esd_text(const struct jx_entry *e, const struct jx_ccsid *cc,
                         char *buf, size_t cap);

/* Decoded fields for reports (all "" / 0 when absent). */
struct jx_audit_sv {
    char name[JX_NAME_SZ];
    char new_value[4096];
    char old_value[4096];
};
int jx_audit_sv(const struct jx_entry *e, const struct jx_ccsid *cc,
                struct jx_audit_sv *out);
/*! jx_audit_cd_command() : CD command string (trimmed). @return length. */
size_t jx_audit_cd_command(const struct jx_entry *e, const struct jx_ccsid *cc,
                           char *buf, size_t cap);

#endif
