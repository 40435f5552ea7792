/*
 * common/entry.h - one decoded journal entry, the unit every layer exchanges:
 * ingest fills it from receiver records, the index stores its columns, the
 * query layer rebuilds it from columns and filters it, and the brute-force
 * oracle filters the very same struct straight from the receivers.
 *
 * Fixed-size arrays, no pointers to heap: decoding allocates nothing per
 * record. Names are UTF-8, trailing blanks removed, as IBM i shows them
 * (upper case). `esd` points into memory owned by whoever filled the entry
 * (the receiver mapping, or an index block cache) and lives as long as it.
 */
#ifndef JX_ENTRY_H
#define JX_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JX_NAME_SZ 32   /* Char(10) in UTF-8 (up to 3 bytes a char) + NUL */
#define JX_ADDR_SZ 48   /* Char(46) remote address + NUL */
#define JX_PATH_SZ 1024 /* IFS path kept in the entry (longer: cut, flagged) */

/* The heading names a decoder may leave in EBCDIC (struct jx_entry.raw). */
enum jx_rawname {
    JX_RN_JOB, JX_RN_JOB_USER, JX_RN_USER, JX_RN_PROGRAM, JX_RN_PROGRAM_LIB,
    JX_RN_OBJTYPE_HDR, JX_RN_COUNT_
};
/* Readable bytes at each raw name (its own bytes and what follows them in
 * the record), so that a key can be loaded as two 8-byte words. */
#define JX_RAWNAME_READ 16

enum jx_entry_flags {
    JX_F_TRUNCATED  = 1 << 0, /* ESD longer than the record holds (JOENTL) */
    JX_F_INCOMPLETE = 1 << 1, /* JOINCDAT = '1' */
    JX_F_MINIMIZED  = 1 << 2, /* JOMINESD = '1' or '2' */
    JX_F_PATH_CUT   = 1 << 3, /* path longer than JX_PATH_SZ-1 bytes */
};

struct jx_entry {
    uint64_t seq;           /* JOSEQN */
    int64_t ts;             /* JOTSTP as microseconds since 1970-01-01 of the
                             * system's LOCAL clock (no zone is recorded) */
    uint64_t sysseq;        /* JOSYSSEQ, 0 if not captured */
    uint64_t thread;        /* JOTHD */
    const uint8_t *esd;     /* raw EBCDIC ESD bytes present (not owned) */
    uint32_t esd_len;       /* full ESD length = JOENTL - 609 */
    uint32_t esd_avail;     /* bytes present at `esd` (< esd_len if truncated) */
    uint32_t job_number;    /* JONBR */
    uint16_t remote_port;   /* JORPORT */
    uint16_t flags;         /* enum jx_entry_flags */
    uint16_t ccsid;         /* CCSID the EBCDIC text was converted with */
    char code;              /* JOCODE: 'T' for audit entries */
    char subtype;           /* first ESD byte for T entries, '\0' if none */
    char addr_family;       /* JOADF: '0', '4', '6' (or '\0') */
    char type[3];           /* JOENTT */
    char job[JX_NAME_SZ];
    char job_user[JX_NAME_SZ];
    char user[JX_NAME_SZ];        /* JOUSPF: current user profile */
    char program[JX_NAME_SZ];
    char program_lib[JX_NAME_SZ];
    char system[JX_NAME_SZ];      /* JOSYNM */
    char receiver[JX_NAME_SZ];    /* JORCV */
    char receiver_lib[JX_NAME_SZ];/* JORCVLIB */
    char object_type_hdr[JX_NAME_SZ]; /* JOOBJTYP (heading) */
    char remote_addr[JX_ADDR_SZ]; /* JORADR, or the SK remote address */
    /* from the ESD (audit entries), empty when the type has no such field */
    char object[JX_NAME_SZ];
    char object_lib[JX_NAME_SZ];
    char object_type[JX_NAME_SZ];
    char target_user[JX_NAME_SZ]; /* PW/CP user, CA grantee, JS effective user... */
    char path[JX_PATH_SZ];        /* IFS path (object-name / path-name block) */
    /* Names left in EBCDIC. Normally raw_names is false and raw[] unused.
     * A decoder asked to (jx_rcvdec_raw_names()) instead sets raw_names and
     * leaves job, job_user, user, program, program_lib and object_type_hdr
     * EMPTY: raw[k] points at the name's raw_len[k] (<= 16) blank-padded
     * bytes in CCSID `ccsid`, with JX_RAWNAME_READ bytes readable there,
     * owned like esd. The index builder then converts each distinct value
     * once a segment instead of once a row (ingest/README.md "Session 9");
     * jx_entry_names() converts them in place. */
    bool raw_names;
    uint8_t raw_len[JX_RN_COUNT_];
    const uint8_t *raw[JX_RN_COUNT_];
};

struct jx_ccsid;
/*! jx_entry_name() : THE conversion of a heading name (raw EBCDIC, `len`
 *  bytes) to the text an entry holds: dst (JX_NAME_SZ bytes) zero-filled,
 *  then jx_e2u(). @return strlen(dst). */
size_t jx_entry_name(const struct jx_ccsid *cc, const uint8_t *src, size_t len, char *dst);

/*! jx_entry_names() : if e->raw_names, convert the raw names into their
 *  members (as a decoder without raw names would have) and clear
 *  raw_names. @return JX_OK, or JX_E_NOTFOUND if e->ccsid has no table. */
int jx_entry_names(struct jx_entry *e);

#endif
