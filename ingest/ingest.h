/*
 * ingest/ingest.h - the ingest pipeline: exported receiver files in, new
 * segments and a new MANIFEST out (`jidx ingest`). Ties the receiver layer
 * (receiver.h, chain.h) to the index writer (index/writer.h); see
 * ingest/README.md for the thread rules and the memory bound.
 *
 * Guarantees: the index files are identical byte for byte whatever the
 * thread count and memory limit; receivers already indexed (same system,
 * library and receiver) are skipped and reported, never duplicated; an
 * interrupted or failed ingest leaves the last committed index intact.
 */
#ifndef JX_INGEST_H
#define JX_INGEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "jx.h"
#include "receiver.h"

/* Default --memory: each worker is budgeted jx_segbuild_mem_estimate() of
 * a whole segment (~120 MB at 2^19 rows, a bound: ~45 MB is typical) plus
 * its read window, so this admits 4 workers. */
#define JX_INGEST_DEFAULT_MEMORY (512u << 20)

struct jx_ingest_opts {
    int threads;             /* 0: number of online CPUs */
    size_t memory;           /* working-memory bound in bytes, 0: default */
    bool skip_bad;           /* --on-error skip */
    bool progress;           /* progress line on `log` (caller checks a tty) */
    FILE *log;               /* messages (skipped receivers, progress); may be NULL */
    FILE *report;            /* invalid records skipped (--on-error skip); may be NULL */
    struct jx_rcvopts ro;    /* record length, ESD shape, CCSID */
    uint64_t commit_every;   /* entries between intermediate commits, 0: default */
    uint64_t segment_rows;   /* rows per segment at most, 0: JX_SEG_MAX_ROWS
                              * (smaller: receivers of many segments in tests) */
    bool two_pass;           /* plan with a full scan first, never one pass
                              * (--two-pass: for comparison; same index) */
};

struct jx_ingest_stats {
    uint64_t entries;            /* new entries indexed */
    uint64_t receivers_new, receivers_skipped;
    uint64_t records_skipped;    /* invalid records (--on-error skip) */
    uint64_t duplicates;         /* duplicate records dropped */
    uint64_t gaps, resets;       /* in the batch's chains */
    uint64_t source_bytes;       /* bytes of the records indexed */
    uint64_t input_bytes;        /* bytes of all input files */
    uint64_t read_bytes;         /* bytes of the input files read in full (not
                                  * those of receivers skipped unread) */
    uint64_t segments;           /* segment files written */
    uint64_t segment_bytes;      /* their size */
    uint64_t index_entries;      /* entries in the index afterwards */
    uint64_t commits;
    int threads;                 /* workers used */
    double seconds, plan_seconds;
    bool one_pass;               /* every record read once: the quick plan held */
    bool replanned;              /* the one pass handed over to the full plan */
    uint64_t one_pass_receivers; /* ... after committing this many receivers */
};

/*! jx_ingest() : index the receivers found in `inputs` (files or
 *  directories) into the index directory `index_dir` (created if missing).
 *  Blocks until done. @return JX_OK, or the first error (JX_E_LOCKED if
 *  another writer holds the index). */
int jx_ingest(const char *index_dir, char **inputs, size_t ninputs,
              const struct jx_ingest_opts *o, struct jx_ingest_stats *st,
              struct jx_errctx *err);

/*! jx_ingest_summary() : the human summary printed at the end. */
void jx_ingest_summary(const struct jx_ingest_stats *st, FILE *out);

#endif /* JX_INGEST_H */
