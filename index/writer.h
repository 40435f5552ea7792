/*
 * index/writer.h - the writing side of the jidx index (format spec:
 * doc/format.md). Two objects:
 *
 *  - struct jx_segbuild: turns the entries of ONE receiver (a run of
 *    consecutive entries, in sequence order, at most JX_SEG_MAX_ROWS) into
 *    one immutable segment file. Pure function of its input: the same
 *    entries give the same bytes, whatever thread builds them. One per
 *    worker thread; reusable (begin/add/finish, again), so steady-state
 *    ingest allocates nothing per segment either.
 *  - struct jx_index_writer: holds the index LOCK, knows which receivers are
 *    already indexed, hands out segment numbers, and commits: writes the
 *    MANIFEST atomically (temp file, fsync, rename, fsync directory).
 *    Segment files written but not yet committed are invisible to readers;
 *    a crash leaves them as orphans, removed by the next writer.
 *
 * Thread rules: a jx_segbuild belongs to one thread at a time. A
 * jx_index_writer belongs to one thread (the pipeline's main thread);
 * segment builders never touch it. Ownership: out-parameters transfer
 * ownership; _free/_close(NULL) are no-ops.
 */
#ifndef JX_WRITER_H
#define JX_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entry.h"
#include "index.h"
#include "jx.h"

/* Rows per segment at most. Bigger segments amortise per-segment
 * dictionaries and blooms (fewer bytes a row), and a query opens fewer
 * files, looks up fewer dictionaries and posting lists; but they raise the
 * writer's working set and coarsen ingest and query parallelism
 * (doc/format.md §8). 2^19 instead of 2^18 (format 4; session 6, the
 * benchmark's 5M entries, in-process loops): a one-user-one-type question
 * returning 50 rows 1.40 -> 1.03 ms, an IFS prefix one 1.29 -> 1.05 ms,
 * failed sign-ons of QSECOFR 0.80 -> 0.55 ms; 61.4 -> 61.1 B/entry. */
#define JX_SEG_MAX_ROWS (1u << 19)
/* ... and in files of format 1 to 3, which readers still hold to it. */
#define JX_SEG_MAX_ROWS_V3 (1u << 18)

/* What a finished segment reports to the writer (goes into the MANIFEST). */
struct jx_segwritten {
    struct jx_seginfo info;     /* receiver_idx is set by the writer */
    uint64_t hdr_hash;          /* hash of the segment header */
    uint16_t ccsid;
    int fd;                     /* the segment file, written, its writeback
                                 * started but not yet waited for; -1 once
                                 * made durable or closed */
    char path[4200];            /* for the error of the deferred fsync */
};

/*! jx_segwritten_close() : close s->fd if open (a segment that will not be
 *  added: it stays an orphan). Idempotent. */
void jx_segwritten_close(struct jx_segwritten *s);

struct jx_segbuild;

int jx_segbuild_create(struct jx_segbuild **out, struct jx_errctx *err);
void jx_segbuild_free(struct jx_segbuild *b);
/*! jx_segbuild_begin() : start segment number `segno`, to be written as
 *  jx_seg_filename(segno) inside directory `dir` (which must exist). */
void jx_segbuild_begin(struct jx_segbuild *b, const char *dir, uint64_t segno);
/*! jx_segbuild_add() : append one entry. Entries must all come from the same
 *  system/receiver/library/CCSID, in strictly increasing sequence order;
 *  at most JX_SEG_MAX_ROWS. No allocation in steady state. Either every
 *  entry of a segment has raw names (struct jx_entry.raw, each name the
 *  same length in every row) or none: the segment's bytes are the same
 *  either way (each distinct raw name is converted once, at finish, by
 *  jx_entry_name(), and names that convert alike are one value).
 *  @return JX_OK, JX_E_INTERNAL if those rules are broken, JX_E_NOMEM. */
int jx_segbuild_add(struct jx_segbuild *b, const struct jx_entry *e,
                    struct jx_errctx *err);
/*! jx_segbuild_finish() : encode dictionaries, ids, postings and blooms,
 *  write the segment file (mode 0600) and start its writeback. The fsync is
 *  left to jx_writer_add_receiver() (out->fd stays open), so that a worker
 *  does not wait for the disk: by the time the main thread adds the
 *  receiver the data is mostly written. A caller that does not add the
 *  segment closes it with jx_segwritten_close(). */
int jx_segbuild_finish(struct jx_segbuild *b, struct jx_segwritten *out,
                       struct jx_errctx *err);
/*! jx_segbuild_mem_estimate() : bytes a builder needs for `rows` rows
 *  (for the ingest memory bound). */
size_t jx_segbuild_mem_estimate(uint64_t rows);

struct jx_index_writer;

/*! jx_writer_open() : open (creating it, mode 0700, if missing) the index
 *  directory `dir`, take its LOCK (JX_E_LOCKED at once if another writer
 *  holds it: never waits), read the current MANIFEST (none: empty index),
 *  and delete orphan segment files left by an interrupted ingest. */
int jx_writer_open(const char *dir, struct jx_index_writer **out,
                   struct jx_errctx *err);
/*! jx_writer_close() : release the lock. Receivers added since the last
 *  commit are forgotten (their segment files become orphans). */
void jx_writer_close(struct jx_index_writer *w);
const char *jx_writer_path(const struct jx_index_writer *w);
/*! jx_writer_find_receiver() : the summary of an already indexed (committed
 *  or added) receiver, or NULL. */
const struct jx_rcvsummary *jx_writer_find_receiver(const struct jx_index_writer *w,
                                                    const char *system,
                                                    const char *receiver_lib,
                                                    const char *receiver);
/*! jx_writer_reserve() : reserve n consecutive segment numbers. */
uint64_t jx_writer_reserve(struct jx_index_writer *w, uint64_t n);
/*! jx_writer_add_receiver() : make segments segs[0..n) durable (fsync
 *  and close each open segs[i].fd, even on failure) and record receiver r
 *  made of them for the next commit. Copies. */
int jx_writer_add_receiver(struct jx_index_writer *w, const struct jx_rcvsummary *r,
                           struct jx_segwritten *segs, size_t n,
                           struct jx_errctx *err);
/*! jx_writer_rollback() : forget the receivers added since the last commit,
 *  delete every segment file the MANIFEST does not list (theirs, and any a
 *  builder left unfinished), and hand out segment numbers from `segno` on
 *  again (the caller's first number not committed; never one at or below a
 *  listed segment's): a retry numbers its segments as a first attempt
 *  would have. Call only when no builder is writing into the directory. */
void jx_writer_rollback(struct jx_index_writer *w, uint64_t segno);

/*! jx_writer_commit() : publish everything added so far: MANIFEST written
 *  to a temp file, fsynced, renamed over MANIFEST, directory fsynced. A
 *  crash at any point leaves either the old or the new MANIFEST. Test hook:
 *  with JX_TEST_ABORT_BEFORE_MANIFEST=1 in the environment the process
 *  aborts just before the rename. */
int jx_writer_commit(struct jx_index_writer *w, struct jx_errctx *err);
/* MANIFEST generation read at open or written by the last commit (0: the
 * index had no MANIFEST yet). */
uint64_t jx_writer_generation(const struct jx_index_writer *w);
/* Receivers / entries committed or added so far. */
size_t jx_writer_nreceivers(const struct jx_index_writer *w);
uint64_t jx_writer_entries(const struct jx_index_writer *w);

#endif /* JX_WRITER_H */
