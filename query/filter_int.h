/*
 * query/filter_int.h - the inside of a jx_filter, shared by filter.c (which
 * builds and evaluates it) and exec.c (which reads it to prune segments and
 * rows). Nothing outside query/ includes this file.
 *
 * Shape: for every filter key, a group of positive terms (entry must match
 * at least one when the group is not empty) and a group of negative terms
 * (entry must match none); plus half-open time and closed sequence bounds.
 */
#ifndef JX_FILTER_INT_H
#define JX_FILTER_INT_H

#include "filter.h"

enum jx_fkey {
    JX_FK_TYPE = 0, JX_FK_CODE, JX_FK_SUBTYPE, JX_FK_USER, JX_FK_JOB_USER,
    JX_FK_TARGET_USER, JX_FK_PROGRAM, JX_FK_PROGRAM_LIB, JX_FK_OBJECT,
    JX_FK_OBJECT_LIB, JX_FK_OBJECT_TYPE, JX_FK_PATH, JX_FK_REMOTE_ADDR,
    JX_FK_SYSTEM,
    JX_FK_SIMPLE_ = JX_FK_SYSTEM, /* keys up to here: one string per entry */
    JX_FK_RECEIVER,               /* qualified LIB/NAME */
    JX_FK_JOB,                    /* qualified NUMBER/USER/NAME */
    JX_FK_AUDLVL,                 /* (type, subtypes) pairs */
    JX_FK_SEARCH,                 /* text in the ESD */
    JX_FK_COUNT_
};

/* How one string is compared (names, paths, qualified-name parts). */
enum jx_smode { JX_SM_ANY = 0, JX_SM_EXACT, JX_SM_PREFIX };
struct jx_sterm {
    enum jx_smode mode;
    char *s;            /* exact value or prefix (owned); NULL for ANY */
    size_t len;
};

enum jx_tkind { JX_TK_STR = 0, JX_TK_IP, JX_TK_QUAL, JX_TK_AUDLVL, JX_TK_SEARCH };

struct jx_fterm {
    enum jx_tkind kind;
    struct jx_sterm str;         /* STR; SEARCH: the needle, lower case */
    /* IP: address (IPv4 as 4 bytes, v4-mapped IPv6 folded to IPv4) and the
     * number of leading bits that must agree (32/128 for one address) */
    int family;                  /* 4 or 6 */
    uint8_t addr[16];
    int bits;
    /* QUAL: job = {number, user, name}; receiver = {library, name} */
    struct jx_sterm part[3];
    /* AUDLVL: entry type, and the subtypes (all when subs[0] == '\0';
     * all but these when subs_except) */
    char type[3];
    char subs[28];
    bool subs_except;
};

struct jx_fgroup {
    struct jx_fterm *t;
    size_t n, cap;
};

struct jx_filter {
    struct jx_fgroup pos[JX_FK_COUNT_];
    struct jx_fgroup neg[JX_FK_COUNT_];
    bool has_from, has_to, has_seq_from, has_seq_to;
    int64_t from, to;            /* ts in [from, to) */
    uint64_t seq_from, seq_to;   /* seq in [seq_from, seq_to] */
    bool has_search_offset;
    uint32_t search_offset;      /* 0-based in the ESD */
};

/* The string an entry holds for a simple key (JX_FK_TYPE..JX_FK_SYSTEM);
 * `tmp` holds one-character fields (code, subtype). */
const char *jx_fkey_str(const struct jx_entry *e, enum jx_fkey k, char tmp[2]);
/* Compare one string with a term of a simple key (STR or IP). */
bool jx_fterm_match_str(const struct jx_fterm *t, const char *s);
bool jx_sterm_match(const struct jx_sterm *t, const char *s);
/* One term against an entry (any kind). */
bool jx_fterm_match(const struct jx_filter *f, enum jx_fkey k,
                    const struct jx_fterm *t, const struct jx_entry *e);
/* Entry fields one key needs (JX_FN_*). */
unsigned jx_fkey_needs(enum jx_fkey k);

#endif /* JX_FILTER_INT_H */
