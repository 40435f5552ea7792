/*
 * query/filter.h - the filters of `jidx query`: parsing from option text and
 * the reference semantics jx_filter_match() over one decoded entry.
 *
 * jx_filter_match() is THE definition of what a filter selects. The
 * brute-force oracle applies it to every entry decoded from the receivers;
 * the index path (query/exec.h) only prunes segments and rows that provably
 * cannot match and applies it to every surviving row. Both paths therefore
 * return the same entries by construction.
 *
 * Combination: values of one filter (repeated option or comma list) are
 * ORed; different filters are ANDed; a negated filter (--not-user ...)
 * rejects an entry matching ANY of its values. Names are case-insensitive
 * on input and compared upper case; a trailing '*' makes a generic name
 * (QSEC*), a leading '*' is a special value kept as is (*CMD). Semantics in
 * detail: query/README.md.
 *
 * Ownership: jx_filter_create() gives the caller a filter freed with
 * jx_filter_free(). Thread rule: building a filter is single-threaded; once
 * built, a filter is immutable and jx_filter_match() may be called from any
 * number of threads at once.
 */
#ifndef JX_FILTER_H
#define JX_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entry.h"
#include "jx.h"

struct jx_filter;

int jx_filter_create(struct jx_filter **out);
void jx_filter_free(struct jx_filter *f);

/*! jx_filter_add() : add one filter given by its option name without the
 *  dashes ("user", "not-user", "from", "search-offset", ...; see
 *  jx_filter_options()) and its value text. Values split on ',' except for
 *  path and search (repeat the option instead). Repeating from/to/seq-from/
 *  seq-to/search-offset is an error.
 *  @return JX_OK, or JX_E_USAGE with err->msg saying what is wrong (unknown
 *  filter, bad date, bad CIDR, misplaced '*', value too long, ...). */
int jx_filter_add(struct jx_filter *f, const char *name, const char *value,
                  struct jx_errctx *err);

/*! jx_filter_check() : cross-filter checks once every filter is added
 *  (--search-offset needs --search). @return JX_OK or JX_E_USAGE. */
int jx_filter_check(const struct jx_filter *f, struct jx_errctx *err);

/*! jx_filter_match() : true if entry `e` satisfies every filter. Reads only
 *  the entry fields the filter names (see jx_filter_needs()). Pure, no
 *  allocation, thread-safe. A NULL filter matches everything. */
bool jx_filter_match(const struct jx_filter *f, const struct jx_entry *e);

/*! jx_filter_is_empty() : true if the filter selects every entry. */
bool jx_filter_is_empty(const struct jx_filter *f);

/* Entry fields jx_filter_match() reads, as bits of enum jx_filter_need. */
enum jx_filter_need {
    JX_FN_SEQ = 1u << 0, JX_FN_TS = 1u << 1, JX_FN_TYPE = 1u << 2,
    JX_FN_CODE = 1u << 3, JX_FN_SUBTYPE = 1u << 4, JX_FN_USER = 1u << 5,
    JX_FN_JOB = 1u << 6, JX_FN_PROGRAM = 1u << 7, JX_FN_OBJECT = 1u << 8,
    JX_FN_TARGET_USER = 1u << 9, JX_FN_PATH = 1u << 10,
    JX_FN_REMOTE = 1u << 11, JX_FN_ESD = 1u << 13,
    /* system, receiver and receiver library are always available */
};
unsigned jx_filter_needs(const struct jx_filter *f);

/* The filter options, for the CLI (getopt table, --help). `negatable`
 * options also exist as "not-NAME". */
struct jx_filter_opt {
    const char *name;   /* "user" */
    const char *arg;    /* "NAME[,NAME...]" */
    const char *help;   /* one line */
    bool negatable;
};
const struct jx_filter_opt *jx_filter_options(size_t *n);

/*! jx_time_parse() : a time bound: "2023-01-23", "2023-01-23 11:16",
 *  "2023-01-23T11:16:19", "...:19.5", IBM "2023-01-23-11.16.19.000000"
 *  (also without fraction or seconds). Sets [*start, *end) to the unit the
 *  text names at its precision: a whole day for a date, a minute for
 *  HH:MM, one microsecond for a full fraction. Zones are refused: journal
 *  timestamps are the system's local time. @return JX_OK or JX_E_USAGE. */
int jx_time_parse(const char *s, int64_t *start, int64_t *end,
                  struct jx_errctx *err);

/* QAUDLVL / AUDLVL values and the entry types they produce (formats doc
 * §4). `spec` lists "TT" (every subtype), "TT:ABC" (those subtypes),
 * "TT:-MT" (all but those) and "*VALUE" (everything that value holds). */
struct jx_audlvl {
    const char *name;    /* "*AUTFAIL" */
    const char *spec;
    const char *status;  /* "CONFIRMED", "UNCONFIRMED", or which part is */
};
const struct jx_audlvl *jx_audlvl_table(size_t *n);

#endif /* JX_FILTER_H */
