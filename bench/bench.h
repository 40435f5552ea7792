/*
 * bench/bench.h - the benchmark harness behind `jidx bench`: in one run,
 * generate (or reuse) a receiver chain, ingest it with each thread count
 * into a fresh index, ask a fixed suite of auditor questions of the index
 * and of a brute-force scan of the receivers, check that every answer is
 * identical, and report the figures next to the project's targets as a
 * markdown table (and JSON). Method and caveats: bench/README.md.
 *
 * Thread rule: jx_bench_run() is called from one thread; it starts its own
 * workers (generator, ingest, queries) and forks one child process per
 * ingest run to measure that run's peak memory alone.
 */
#ifndef JX_BENCH_H
#define JX_BENCH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "jx.h"

#define JX_BENCH_MAX_THREADS 16          /* thread counts in one run */
#define JX_BENCH_DEFAULT_ENTRIES 5000000 /* `make bench`: ~5 min on 2 cores */
/* Ingest runs per thread count, alternating between the counts; the median
 * is reported (session 7: single runs of the same build on the VM gave
 * 1.06M and 1.33M entries/s on one thread, and 1.70x and 2.18x scaling). */
#define JX_BENCH_INGEST_RUNS 3
#define JX_BENCH_DEFAULT_RUNS 15 /* medians of 5 moved by up to 0.3 ms between runs on the VM */

struct jx_bench_opts {
    uint64_t entries;          /* entries to generate (0: default) */
    int threads[JX_BENCH_MAX_THREADS]; /* ingest thread counts */
    size_t nthreads;           /* 0: {1, online CPUs} */
    const char *dir;           /* work directory (NULL: a new /tmp/jidx-bench.*) */
    bool keep;                 /* keep generated receivers and indexes */
    const char *json;          /* also write results as JSON here (NULL: no) */
    const char *input;         /* reuse these receivers instead of generating */
    int runs;                  /* timed warm runs per query (0: default) */
    FILE *out;                 /* the report (markdown); NULL: stdout */
    FILE *log;                 /* progress lines; NULL: none */
};

/*! jx_bench_run() : run the whole benchmark.
 *  @return JX_OK when every check passed; 1 when at least one query answer
 *  differed from the brute-force scan (a "MISMATCH" line was printed for
 *  each) or an ingest lost entries; a negative error (err filled) when the
 *  benchmark could not run. Test hook: JX_BENCH_CORRUPT=<query id>[,<id>...]
 *  in the environment perturbs those queries' index answers, to prove the
 *  check. */
int jx_bench_run(const struct jx_bench_opts *o, struct jx_errctx *err);

#endif /* JX_BENCH_H */
