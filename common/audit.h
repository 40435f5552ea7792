/*
 * common/audit.h - the audit (journal code T) entry model: which ESD fields
 * each entry type carries (offsets in common/layout.h), the meanings of the
 * subtype codes, and a one-line human detail. Shared by ingest (to fill the
 * indexed key fields) and query (to render and search entries) so both read
 * the ESD the same way. Pure functions over bytes; thread-safe.
 */
#ifndef JX_AUDIT_H
#define JX_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/*! jx_audit_subtype_confirmed() : true if the formats doc CONFIRMS the
 *  meaning jx_audit_subtype_desc() gives for (type, sub); false for the
 *  meanings kept from recollection (JS, CD, CO, GS, SF, ZR R, CP C/D/R, ...)
 *  and for unknown codes. */
bool jx_audit_subtype_confirmed(const char *type, char sub);

/* ---- Full ESD decoding ----------------------------------------------------
 * Every entry type whose layout the formats doc gives (§3.2, §9.3) has a
 * table of fields: name, ESD offset (common/layout.h), length and kind.
 * jx_audit_fields() walks it and calls `fn` once per field whose bytes are
 * present, in table (offset) order:
 *  - only bytes below e->esd_avail are read. A text or hex field cut by the
 *    end of the bytes present is given with what is there and JX_AFF_CUT; a
 *    cut number or flag is left out. When the record truncated the ESD
 *    (esd_avail < esd_len), a last pseudo-field "esd_truncated" (JX_AFF_NOTE)
 *    says how many bytes were present.
 *  - fields the doc marks UNCONFIRMED are decoded and flagged
 *    JX_AFF_UNCONFIRMED (renderers label them "(unconfirmed)"); DERIVED
 *    offsets are flagged JX_AFF_DERIVED.
 *  - bytes the table does not describe are never interpreted: an entry type
 *    without a table gives only "entry_type" (J5 610, common to every T
 *    entry); its raw bytes stay available as esd_hex.
 * Values are UTF-8. Char fields are trimmed ("" when blank); codes carry
 * their meaning ("P (password not valid)"); numbers are decimal; binary IDs
 * are upper-case hex ("" when all X'00' or all X'40'); bytes that do not
 * follow their type are shown as X'..' with JX_AFF_INVALID.
 * Pure, no allocation (about 20 KB of stack), thread-safe. */
enum jx_afield_flags {
    JX_AFF_UNCONFIRMED = 1u << 0, /* offset/meaning UNCONFIRMED in the doc */
    JX_AFF_DERIVED     = 1u << 1, /* offset DERIVED (arithmetic on anchors) */
    JX_AFF_CUT         = 1u << 2, /* field runs past the bytes present */
    JX_AFF_INVALID     = 1u << 3, /* bytes do not follow the type: shown raw */
    JX_AFF_NOTE        = 1u << 4, /* not a layout field: a note by jidx */
};
struct jx_afield {
    const char *name;    /* stable snake_case name, e.g. "violation_type" */
    const char *value;   /* UTF-8, NUL-terminated; valid during the call */
    const char *raw;     /* the value without a code's " (meaning)": "CHG"
                          * for "CHG (CHGUSRPRF ...)"; else == value */
    unsigned flags;      /* enum jx_afield_flags */
    uint32_t offset;     /* 0-based ESD offset of the field's first byte */
    uint32_t length;     /* bytes the field spans in the layout */
};
typedef void (*jx_afield_fn)(const struct jx_afield *f, void *arg);

/*! jx_audit_fields() : decode every field of e's ESD the layout gives (see
 *  above). @return the number of fields emitted (0 for non-T entries). */
size_t jx_audit_fields(const struct jx_entry *e, const struct jx_ccsid *cc,
                       jx_afield_fn fn, void *arg);

/*! jx_audit_field() : the raw value (a code without its meaning) of
 *  decoded field `name` into buf ("" if absent). @return 1 if the field
 *  was present, 0 if not. */
int jx_audit_field(const struct jx_entry *e, const struct jx_ccsid *cc,
                   const char *name, char *buf, size_t cap);

/*! jx_audit_has_layout() : true if entry type `type` has a decoder table. */
bool jx_audit_has_layout(const char *type);

/*! jx_audit_decoded_text() : all decoded fields with a value, as
 *  "name=value; name=value", UNCONFIRMED ones as "name(unconfirmed)=value".
 *  Cut at a field boundary to fit cap (then ends with "; ..."). @return
 *  length written. */
size_t jx_audit_decoded_text(const struct jx_entry *e, const struct jx_ccsid *cc,
                             char *buf, size_t cap);

/*! jx_audit_decoded_json() : the same as one JSON object, {"name": "value",
 *  ...} (keys of UNCONFIRMED fields are "name(unconfirmed)"). Always valid
 *  JSON: fields that do not fit in cap are left out and "_cut": true is
 *  added. cap must be at least 16. @return length written. */
size_t jx_audit_decoded_json(const struct jx_entry *e, const struct jx_ccsid *cc,
                             char *buf, size_t cap);

#endif
