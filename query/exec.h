/*
 * query/exec.h - the query planner/executor over an index (index/index.h):
 * answers a jx_filter with entries, a count, a group-by or a histogram,
 * reading only segments and rows that can match, in parallel.
 *
 * How: segments are pruned first from the MANIFEST (system, receiver, time
 * and sequence ranges), then from their dictionaries, blooms and per-value
 * row counts (a value absent from a dictionary proves no row holds it).
 * Surviving rows are found by ORing/ANDing posting lists into row bitmaps,
 * narrowed with the id and timestamp columns, and only what is still
 * undecided is read row by row and given to jx_filter_match(). Because
 * pruning never removes a row jx_filter_match() would accept, every answer
 * equals the brute-force scan of the same receivers (tests/test_query.c).
 *
 * Order: entries come in canonical order (system, receiver chain, sequence)
 * or, with `reverse`, in exactly the opposite order.
 *
 * Thread rules: every function here may be called from any thread; a call
 * uses up to `threads` worker threads of its own and joins them before it
 * returns. The callback of jx_query_entries() runs on the CALLING thread,
 * one entry at a time, in order. Results returned as data are owned by the
 * caller and freed with their _free(); _free(NULL) is a no-op.
 */
#ifndef JX_EXEC_H
#define JX_EXEC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "entry.h"
#include "filter.h"
#include "index.h"
#include "jx.h"
#include "output.h"

#define JX_GROUP_MAX 4   /* fields in one --group-by */

struct jx_query_opts {
    uint64_t limit;     /* entries: stop after this many (0: no limit) */
    bool reverse;       /* entries: reverse canonical order (newest first) */
    unsigned mask;      /* entries: JX_FM_* fields the callback reads (0: all) */
    int threads;        /* worker threads (0: every online CPU) */
};

struct jx_query_stats {
    uint64_t segs_total;        /* segments in the index */
    uint64_t segs_manifest;     /* skipped from the MANIFEST (no segment I/O) */
    uint64_t segs_dict;         /* skipped from dictionaries/blooms/counts */
    uint64_t segs_read;         /* segments whose rows were looked at */
    uint64_t rows_total;        /* entries in the index */
    uint64_t rows_counted;      /* answered from dictionary counts, no row access */
    uint64_t rows_col;          /* checked through one id or timestamp column */
    uint64_t rows_read;         /* read row by row for jx_filter_match() */
    uint64_t rows_matched;
    uint64_t blocks, reads, read_bytes; /* I/O of the index during the query */
    int threads;
    double seconds;
};

/* Called once per matching entry, in order, on the calling thread. `e` and
 * its ESD are valid only during the call. Return 0 to go on, non-zero to
 * stop (jx_query_entries() then returns that value). */
typedef int (*jx_query_fn)(const struct jx_entry *e, void *arg);

/*! jx_query_entries() : every entry matching `f` (NULL: all), in order, to
 *  fn. `o` may be NULL (defaults). @return JX_OK, the callback's non-zero
 *  value, or a negative error with err naming the index/segment/block (a
 *  damaged segment fails the query; it is never skipped). `st` may be NULL. */
int jx_query_entries(struct jx_index *ix, const struct jx_filter *f,
                     const struct jx_query_opts *o, jx_query_fn fn, void *arg,
                     struct jx_query_stats *st, struct jx_errctx *err);

/*! jx_query_count() : how many entries match (o->limit is ignored). */
int jx_query_count(struct jx_index *ix, const struct jx_filter *f,
                   const struct jx_query_opts *o, uint64_t *count,
                   struct jx_query_stats *st, struct jx_errctx *err);

/* ---- group-by ------------------------------------------------------------ */
struct jx_group {
    const char *key[JX_GROUP_MAX];  /* jx_field_value() text of each field */
    uint64_t count;
};
struct jx_groups {
    size_t nfields;
    enum jx_field fields[JX_GROUP_MAX];
    struct jx_group *g;             /* count descending, then keys ascending
                                     * (strcmp, field by field) */
    size_t n;                       /* groups kept (after top) */
    size_t ndistinct;               /* groups before top */
    uint64_t total;                 /* matching entries */
    void *priv_;                    /* storage of the key strings */
};

/*! jx_query_group() : count matching entries per distinct value of
 *  fields[0..n) (any output field; 1 <= n <= JX_GROUP_MAX); keep the `top`
 *  first groups (0: all). */
int jx_query_group(struct jx_index *ix, const struct jx_filter *f,
                   const struct jx_query_opts *o, const enum jx_field *fields,
                   size_t nfields, size_t top, struct jx_groups **out,
                   struct jx_query_stats *st, struct jx_errctx *err);
void jx_groups_free(struct jx_groups *g);

/* ---- histogram ----------------------------------------------------------- */
enum jx_hist_unit { JX_HIST_HOUR = 0, JX_HIST_DAY, JX_HIST_WEEK, JX_HIST_MONTH };
struct jx_hbucket {
    int64_t start;      /* first microsecond of the bucket (local time) */
    uint64_t count;
};
struct jx_histogram {
    enum jx_hist_unit unit;
    struct jx_hbucket *b;   /* non-empty buckets, oldest first */
    size_t n;
    uint64_t total;
};

int jx_query_histogram(struct jx_index *ix, const struct jx_filter *f,
                       const struct jx_query_opts *o, enum jx_hist_unit unit,
                       struct jx_histogram **out, struct jx_query_stats *st,
                       struct jx_errctx *err);
void jx_histogram_free(struct jx_histogram *h);

/*! jx_hist_unit_parse() : "hour", "day", "week" (ISO, from Monday),
 *  "month". -1 if unknown. */
int jx_hist_unit_parse(const char *s);
/*! jx_hist_bucket() : the start of the bucket holding ts. */
int64_t jx_hist_bucket(int64_t ts, enum jx_hist_unit u);
/*! jx_hist_next() : the start of the bucket after the one starting at b. */
int64_t jx_hist_next(int64_t b, enum jx_hist_unit u);
/*! jx_hist_label() : "2023-01-23 11:00" (hour), "2023-01-23" (day, and
 *  week: its Monday), "2023-01" (month). */
void jx_hist_label(int64_t start, enum jx_hist_unit u, char *buf, size_t cap);

/* ---- aggregation of entries from any source ------------------------------
 * The same group-by/histogram accumulation for callers that produce
 * entries themselves (the brute-force baseline of the benchmark, reports).
 * Keys are jx_field_value() texts. One thread at a time. */
struct jx_agg;
/* group-by when nfields > 0, histogram of `unit` when nfields == 0 */
int jx_agg_create(const enum jx_field *fields, size_t nfields,
                  enum jx_hist_unit unit, struct jx_agg **out);
int jx_agg_add(struct jx_agg *a, const struct jx_entry *e);
int jx_agg_groups(struct jx_agg *a, size_t top, struct jx_groups **out);
int jx_agg_histogram(struct jx_agg *a, struct jx_histogram **out);
void jx_agg_free(struct jx_agg *a);

/* ---- printing results (query, report) -------------------------------------
 * The same three formats as entries (query/output.h). A count prints as a
 * one-column "count" table. A histogram prints every bucket from the first
 * to the last non-empty one (zeros included, so gaps show) unless that span
 * exceeds 100000 buckets, then only the non-empty ones. */
int jx_count_print(FILE *fp, enum jx_format fmt, uint64_t count);
int jx_groups_print(FILE *fp, enum jx_format fmt, const struct jx_groups *g);
int jx_histogram_print(FILE *fp, enum jx_format fmt, const struct jx_histogram *h);
/*! jx_query_stats_print() : one line of --stats (segments, rows, time). */
void jx_query_stats_print(FILE *fp, const struct jx_query_stats *st);

/*! jx_fields_mask() : the JX_FM_* fields a cursor must fill for
 *  jx_field_value() to render fields[0..n). */
unsigned jx_fields_mask(const enum jx_field *fields, size_t n);

#endif /* JX_EXEC_H */
