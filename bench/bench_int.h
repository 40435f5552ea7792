/*
 * bench/bench_int.h - internals of the benchmark harness shared by
 * bench/bench.c (orchestration, timing, memory, report), bench/benchsuite.c
 * (the auditor questions and how their parameters are picked from the data)
 * and bench/oracle.c (census and brute-force answers from the receivers).
 * Not part of any public API.
 *
 * A query answer is reduced to a small digest (struct jx_bq_result) that
 * both paths compute the same way, so comparing two answers is comparing
 * three integers:
 *  - row queries: number of rows and a hash chained over the key
 *    (system, receiver library, receiver, sequence) of every row IN ORDER;
 *  - counts: the number;
 *  - group-bys and histograms: number of groups, the total, and a hash over
 *    the (key, count) pairs sorted by key.
 */
#ifndef JX_BENCH_INT_H
#define JX_BENCH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chain.h"
#include "entry.h"
#include "filter.h"
#include "jx.h"

/* ---- string -> count map (census, group-by oracle) ------------------- */
/* Open addressing, keys copied into one growing arena. Bounded: past
 * `max_keys` distinct keys, new keys are refused (JX_E_RANGE), so a census
 * over 100M entries cannot grow without limit. */
struct jx_strcount;

int jx_strcount_create(size_t max_keys, struct jx_strcount **out);
void jx_strcount_free(struct jx_strcount *m);
/*! jx_strcount_add() : add `n` to the count of `key`. @return JX_OK,
 *  JX_E_RANGE (new key refused: map full) or JX_E_NOMEM. */
int jx_strcount_add(struct jx_strcount *m, const char *key, uint64_t n);
uint64_t jx_strcount_get(const struct jx_strcount *m, const char *key);
size_t jx_strcount_size(const struct jx_strcount *m);
/* Iterate: i in [0, jx_strcount_size()), insertion order. */
const char *jx_strcount_key(const struct jx_strcount *m, size_t i);
uint64_t jx_strcount_val(const struct jx_strcount *m, size_t i);
/* Keys refused because the map was full (census completeness). */
uint64_t jx_strcount_refused(const struct jx_strcount *m);

/* ---- the query suite ------------------------------------------------- */
enum jx_bq_kind {
    JX_BQ_ROWS = 0,  /* matching entries, canonical order */
    JX_BQ_COUNT,     /* number of matching entries */
    JX_BQ_GROUP,     /* count per value of one field */
    JX_BQ_HIST_DAY,  /* count per local calendar day */
};

#define JX_BQ_MAXF 4
struct jx_bq_filter {
    char name[24];   /* filter option name without dashes ("user") */
    char value[256];
};

struct jx_bq {
    char id[24];             /* short stable name: "user-type" */
    char question[400];      /* the auditor's question with its parameters */
    char args[400];          /* the same as `jidx query` options */
    enum jx_bq_kind kind;
    char group[24];          /* JX_BQ_GROUP: field name ("user", "type") */
    bool scan_bound;         /* no index can answer it: it reads every row
                              * (full-text search of the ESD), so the
                              * selective-query targets do not apply */
    size_t nf;
    struct jx_bq_filter f[JX_BQ_MAXF];
};

struct jx_bq_result {
    uint64_t matches;        /* rows, the count, or the sum over groups */
    uint64_t groups;         /* group-by/histogram: number of groups */
    uint64_t hash;           /* see the file comment; 0 for counts */
};

/*! jx_bq_filter_build() : the query's filter as a struct jx_filter. */
int jx_bq_filter_build(const struct jx_bq *q, struct jx_filter **out,
                       struct jx_errctx *err);

/* Row digest: start with jx_bq_rows_init(), feed every row in order. */
void jx_bq_rows_init(struct jx_bq_result *r);
void jx_bq_rows_add(struct jx_bq_result *r, const struct jx_entry *e);
/* Group digest from a key -> count map (sorted by key here). */
int jx_bq_groups_digest(const struct jx_strcount *m, struct jx_bq_result *r);
/* The histogram key of a timestamp: "YYYY-MM-DD" (local day). */
void jx_bq_day_key(int64_t ts, char out[16]);
/* The group-by key of an entry for field name `group` ("" if unknown). */
size_t jx_bq_group_key(const struct jx_entry *e, const char *group, char *buf,
                       size_t cap);
bool jx_bq_result_equal(const struct jx_bq_result *a, const struct jx_bq_result *b);

/* ---- census: what values occur (to pick real parameters) ------------- */
struct jx_census {
    uint64_t entries;
    int64_t ts_min, ts_max;
    struct jx_strcount *user_type;    /* "USER\tTYPE" */
    struct jx_strcount *pw_target;    /* PW target user */
    struct jx_strcount *cd_object;    /* CD command object (CHGUSRPRF...) */
    struct jx_strcount *day;          /* "YYYY-MM-DD" */
    struct jx_strcount *obj_prefix;   /* first 3 characters of ESD object names */
    struct jx_strcount *object;       /* object names (bounded) */
    struct jx_strcount *path_prefix;  /* "/a/b/" first two path components */
    struct jx_strcount *remote;       /* remote addresses */
    struct jx_strcount *type;         /* entry types */
};

/*! jx_census_build() : one brute-force pass over the plan. */
int jx_census_build(const struct jx_plan *p, struct jx_census **out,
                    struct jx_errctx *err);
void jx_census_free(struct jx_census *c);

/*! jx_bench_suite() : fill qs[0..cap) with the auditor questions, their
 *  parameters picked from the census. @return the number of queries. */
size_t jx_bench_suite(const struct jx_census *c, struct jx_bq *qs, size_t cap);

/*! jx_oracle_run() : answer `q` by a brute-force scan of the receivers
 *  (jx_plan_scan + jx_filter_match); *secs = time of the scan alone. */
int jx_oracle_run(const struct jx_plan *p, const struct jx_bq *q,
                  struct jx_bq_result *r, double *secs, struct jx_errctx *err);

/*! jx_bench_index_query() : answer `q` from the index at `dir` with the
 *  query engine: open the index, run, close (what one `jidx query` does,
 *  minus process start). */
int jx_bench_index_query(const char *dir, const struct jx_bq *q,
                         struct jx_bq_result *r, struct jx_errctx *err);

#endif /* JX_BENCH_INT_H */
