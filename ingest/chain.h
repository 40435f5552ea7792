/*
 * ingest/chain.h - receiver chain planning. Given the exported files of a
 * run, find which receivers they hold (JORCV tells, not the file name), put
 * them in the canonical order, and describe each one: first/last sequence
 * and timestamp, gaps and sequence resets between consecutive receivers,
 * duplicates (the same receiver given twice never doubles the data), and
 * records skipped as invalid.
 *
 * Canonical entry order (what `dump`, `ingest` and `query` all return):
 *   system name, then receivers by (first timestamp, receiver name,
 *   receiver library), then sequence number within the receiver.
 * A sequence reset (CHGJRN SEQOPT(*RESET), formats doc §7) starts a new
 * chain; the key of an entry is (system, receiver library, receiver, seq).
 *
 * Thread rule: jx_plan_build() uses its own worker threads internally; the
 * resulting plan is immutable and may be read by any number of threads.
 */
#ifndef JX_CHAIN_H
#define JX_CHAIN_H

#include <stdio.h>

#include "entry.h"
#include "jx.h"
#include "receiver.h"

/* A run of records of one receiver: `count` consecutive records of file
 * `file` starting at `first`, all valid, sequence strictly increasing. */
struct jx_piece {
    uint32_t file;
    uint64_t first;
    uint64_t count;
};

struct jx_rcvinfo {
    char system[JX_NAME_SZ];
    char receiver[JX_NAME_SZ];
    char receiver_lib[JX_NAME_SZ];
    uint64_t first_seq, last_seq;
    int64_t first_ts, last_ts;
    uint64_t count;          /* entries kept (after dropping duplicates) */
    uint64_t duplicates;     /* records dropped: same (receiver, seq) seen twice */
    uint32_t chain;          /* chain number within the system, from 1 */
    bool reset;              /* sequence went back: this receiver starts a chain */
    uint64_t gap_before;     /* sequence numbers missing since the previous
                              * receiver of the same chain (0 if none) */
    struct jx_piece *pieces; /* in sequence order */
    size_t npieces;
};

struct jx_plan_opts {
    bool skip_bad;           /* --on-error skip: report and skip bad records */
    int threads;             /* 0: number of online CPUs */
    FILE *report;            /* where skipped records are reported (may be NULL) */
};

struct jx_plan {
    struct jx_rcvfile **files;  /* borrowed: owned by the caller */
    size_t nfiles;
    struct jx_rcvinfo *rcv;     /* canonical order */
    size_t nrcv;
    uint64_t entries;           /* total kept */
    uint64_t skipped;           /* invalid records skipped */
    uint64_t duplicates;        /* duplicate records dropped */
    size_t nsystems;
    /* A quick plan (jx_plan_quick): not checked record by record yet. */
    bool unverified;
};

/*! jx_plan_build() : scan every record's key fields (validating each record
 *  completely) in parallel, and plan the canonical order. With skip_bad
 *  false, the first invalid record (lowest file, record) fails the build
 *  with its error. */
int jx_plan_build(struct jx_rcvfile **files, size_t nfiles,
                  const struct jx_plan_opts *opts, struct jx_plan **out,
                  struct jx_errctx *err);
void jx_plan_free(struct jx_plan *p);

/*! jx_chain_counts() : the gaps and sequence resets of the chains that
 *  receivers a[0..na) and b[0..nb) form together (the plan's rule; a
 *  receiver of b with the name of one of a's counts once, as a's). For an
 *  ingest handed over from the one pass to the full plan: its receivers
 *  come from two plans, and a gap may sit between them. */
int jx_chain_counts(const struct jx_rcvinfo *a, size_t na, const struct jx_rcvinfo *b,
                    size_t nb, uint64_t *gaps, uint64_t *resets, struct jx_errctx *err);

/*! jx_plan_quick() : the plan jx_plan_build() gives IF every file holds
 *  only valid records of one receiver in strictly increasing sequence
 *  order, read from each file's first and last records alone (two records
 *  a file instead of all of them). The result is marked `unverified`: the
 *  one-pass ingest checks that assumption on every record as it decodes
 *  them, and falls back to jx_plan_build() where it does not hold. *out is
 *  NULL (and JX_OK returned) when the two records already show that the
 *  full plan is needed: a record that does not validate, two receivers in
 *  one file, a sequence that does not increase, or two files of one
 *  receiver whose sequence ranges overlap. */
int jx_plan_quick(struct jx_rcvfile **files, size_t nfiles, struct jx_plan **out,
                  struct jx_errctx *err);

/*! jx_plan_report() : human summary: systems, receivers with first/last
 *  sequence and time, gaps, resets, duplicates, skipped records. */
void jx_plan_report(const struct jx_plan *p, FILE *out);

/* Iterate the plan's entries in canonical order, decoded (each from scratch,
 * as jx_rcvfile_decode() does: the oracle). The callback returns 0 to
 * continue, non-zero to stop (that value is returned); the entry and its
 * ESD are valid only during the call. */
typedef int (*jx_plan_visit_fn)(const struct jx_entry *e, void *arg);
int jx_plan_scan(const struct jx_plan *p, jx_plan_visit_fn fn, void *arg,
                 struct jx_errctx *err);

/* Open every regular file named or found (recursively, sorted by name)
 * under the given paths. */
int jx_open_inputs(char **paths, size_t npaths, const struct jx_rcvopts *o,
                   struct jx_rcvfile ***files, size_t *nfiles,
                   struct jx_errctx *err);
void jx_close_inputs(struct jx_rcvfile **files, size_t nfiles);

int jx_cpu_count(void);

#endif
