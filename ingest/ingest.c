/*
 * ingest/ingest.c - the ingest pipeline: lock the index, open and plan the
 * inputs, drop receivers already indexed, cut the others into segment tasks
 * numbered in plan order, decode and build the segments on a pthread worker
 * pool, and commit receivers in plan order by rewriting the MANIFEST.
 *
 * One pass or two. The plan (canonical order, receivers, pieces) needs every
 * record's key; reading every record twice, once to plan and once to build,
 * cost ~15% of an ingest. So the pipeline first tries the QUICK plan
 * (jx_plan_quick: each file one receiver, judged from its first and last
 * records) and builds from it in one pass, decoding every record VALIDATING
 * and checking the quick plan's assumption on it (same receiver, sequence
 * increasing). Where a record breaks it, that round (the receivers since
 * the last commit point) is rolled back and the rest of the input is
 * planned with the full scan (jx_plan_build) and built in a second pass;
 * see run_plan() for why the result is then the full plan's.
 *
 * Workload: up to ~10^8 entries (tens of GB of input) per run at
 * millions of entries a second. Per entry: one jx_rcvdec_decode() (one
 * pass) or jx_rcvdec_decode_trusted() (after a full plan validated the
 * record; one decoding context per worker) into a per-worker struct and one
 * jx_segbuild_add(); nothing is allocated per entry. Workers never wait for the disk (the main thread fsyncs segments
 * when it adds their receiver) and read the records through their own 2 MB
 * window (pread: cheaper than faulting in the mapping on a VM). Memory is
 * bounded by the number of workers alive at once (each needs
 * jx_segbuild_mem_estimate(JX_SEG_MAX_ROWS) plus its window), which --memory
 * caps.
 *
 * Determinism: a segment's bytes depend only on its entries, and segment
 * numbers and commit points depend only on the plan, so the index is the
 * same byte for byte whatever the thread count or memory limit.
 */
#include "ingest.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chain.h"
#include "receiver.h"
#include "writer.h"

/* Commit after the receiver that brings the uncommitted entries past this
 * many (progress is never lost on a long run; each commit costs an fsync
 * and a MANIFEST rewrite, a few ms). */
#define JX_COMMIT_EVERY_DEFAULT 16000000ull

/* A task abandoned because another one failed (not an error of its own). */
#define TASK_STOPPED 1
/* One pass: a record breaks the quick plan (not an error: the full plan
 * takes over; the task's err says where and why). */
#define TASK_REPLAN 2

struct task {
    uint32_t rcv;            /* plan receiver */
    uint64_t segno;
    size_t piece;            /* first piece, and record offset inside it */
    uint64_t offset;
    uint64_t rows;
    struct jx_segwritten out;
    int rc;
    struct jx_errctx err;
    bool done;
    bool invalid;            /* TASK_REPLAN for an invalid record (not a plan break) */
};

struct rcvjob {
    size_t first_task, ntasks;
    bool skip;
    struct jx_rcvsummary sum;
};

struct pipe {
    const char *dir;
    const struct jx_plan *plan;
    struct task *tasks;
    size_t ntasks, next;
    bool stop;
    bool verify;             /* one pass: plan unverified, check every record */
    size_t replan_at;        /* lowest task that returned TASK_REPLAN */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    uint64_t done_entries;   /* under lock */
};

/* One pass: does record `rec` of f, just decoded into e, keep the quick
 * plan's promise for receiver ri (its system, library and name; a sequence
 * number above the task's previous one)? Else say where and why in err. */
static bool keeps_plan(const struct jx_rcvdec *dec, const struct jx_rcvfile *f, uint64_t rec,
                       const struct jx_entry *e, const struct jx_rcvinfo *ri, bool first,
                       uint64_t prev_seq, struct jx_errctx *err)
{
    /* names_same: the bytes of the previous record, which matched */
    if (!(!first && jx_rcvdec_names_same(dec)) &&
        (strcmp(e->receiver, ri->receiver) || strcmp(e->receiver_lib, ri->receiver_lib) ||
         strcmp(e->system, ri->system))) {
        jx_error(err, JX_E_FORMAT, jx_rcvfile_path(f), (int64_t)rec,
                 (int64_t)(rec * jx_rcvfile_reclen(f)),
                 "entry of receiver %s/%s of system %s in a file whose first and last "
                 "entries are of %s/%s", e->receiver_lib, e->receiver, e->system,
                 ri->receiver_lib, ri->receiver);
        return false;
    }
    if (!first && e->seq <= prev_seq) {
        jx_error(err, JX_E_FORMAT, jx_rcvfile_path(f), (int64_t)rec,
                 (int64_t)(rec * jx_rcvfile_reclen(f)),
                 "sequence number %llu does not follow %llu", (unsigned long long)e->seq,
                 (unsigned long long)prev_seq);
        return false;
    }
    return true;
}

/* Decode `t`'s rows from the plan's pieces into builder b, then write. */
static int run_task(struct pipe *P, struct task *t, struct jx_segbuild *b,
                    struct jx_entry *e, struct jx_rcvdec *dec, uint8_t *win)
{
    const struct jx_rcvinfo *ri = &P->plan->rcv[t->rcv];
    const size_t ti = (size_t)(t - P->tasks);
    uint64_t left = t->rows, off = t->offset, pending = 0, prev_seq = 0;
    int rc;
    jx_segbuild_begin(b, P->dir, t->segno);
    for (size_t k = t->piece; left && k < ri->npieces; k++, off = 0) {
        const struct jx_piece *pc = &ri->pieces[k];
        const struct jx_rcvfile *f = P->plan->files[pc->file];
        const uint64_t n = JX_MIN(left, pc->count - off);
        jx_rcvdec_init(dec, f);
        jx_rcvdec_window(dec, win, JX_RCV_WINDOW);
        jx_rcvdec_raw_names(dec, true); /* the builder converts each distinct name */
        for (uint64_t r = 0; r < n; r++) {
            const uint64_t rec = pc->first + off + r;
            if (P->verify) {
                /* the one pass validates as it decodes; a record the full
                 * plan would treat differently hands over to it */
                if (jx_rcvdec_decode(dec, rec, e, &t->err)) {
                    t->invalid = true;
                    return TASK_REPLAN;
                }
                if (!keeps_plan(dec, f, rec, e, ri, r == 0 && left == t->rows, prev_seq,
                                &t->err))
                    return TASK_REPLAN;
                prev_seq = e->seq;
            } else if ((rc = jx_rcvdec_decode_trusted(dec, rec, e, &t->err))) {
                return rc; /* the plan validated every record: only a failed read */
            }
            if ((rc = jx_segbuild_add(b, e, &t->err)))
                return rc;
            if (++pending == 65536) {
                pthread_mutex_lock(&P->lock);
                P->done_entries += pending;
                bool stop = P->stop || ti > P->replan_at;
                pthread_mutex_unlock(&P->lock);
                pending = 0;
                if (stop)
                    return TASK_STOPPED;
            }
        }
        left -= n;
    }
    if (left)
        return jx_error(&t->err, JX_E_INTERNAL, ri->receiver, -1, -1,
                        "plan pieces hold fewer entries than planned");
    rc = jx_segbuild_finish(b, &t->out, &t->err);
    pthread_mutex_lock(&P->lock);
    P->done_entries += pending;
    pthread_mutex_unlock(&P->lock);
    return rc;
}

static void *worker(void *arg)
{
    struct pipe *P = arg;
    struct jx_segbuild *b = NULL;
    struct jx_entry *e = jx_malloc(sizeof(*e));
    struct jx_rcvdec *dec = jx_malloc(sizeof(*dec));
    uint8_t *win = jx_huge_alloc(JX_RCV_WINDOW); /* the read window */
    struct jx_errctx cerr;
    int crc = e && dec && win ? jx_segbuild_create(&b, &cerr) : JX_E_NOMEM;
    for (;;) {
        pthread_mutex_lock(&P->lock);
        if (P->stop || P->next >= P->ntasks) {
            pthread_mutex_unlock(&P->lock);
            break;
        }
        const size_t ti = P->next++;
        struct task *t = &P->tasks[ti];
        /* past a task that hands over to the full plan: not needed */
        const bool skip = ti > P->replan_at;
        pthread_mutex_unlock(&P->lock);
        int rc = crc;
        if (skip)
            rc = TASK_STOPPED;
        else if (rc)
            jx_error(&t->err, rc, NULL, -1, -1, "out of memory");
        else
            rc = run_task(P, t, b, e, dec, win);
        pthread_mutex_lock(&P->lock);
        t->rc = rc;
        t->done = true;
        if (rc < 0)
            P->stop = true;
        if (rc == TASK_REPLAN && ti < P->replan_at)
            P->replan_at = ti;
        pthread_cond_broadcast(&P->cond);
        pthread_mutex_unlock(&P->lock);
    }
    jx_segbuild_free(b);
    jx_huge_free(win, JX_RCV_WINDOW);
    jx_free(e);
    jx_free(dec);
    return NULL;
}

static void progress_line(FILE *o, uint64_t done, uint64_t total, double t0, uint64_t bytes_total)
{
    const double el = jx_now() - t0;
    const double rate = el > 0 ? (double)done / el : 0;
    const double mbs = total ? (double)bytes_total * ((double)done / (double)total) / el / 1e6 : 0;
    const double eta = rate > 0 ? (double)(total - done) / rate : 0;
    fprintf(o, "\r  %llu/%llu entries (%.0f%%), %.2fM entries/s, %.0f MB/s, ETA %.0fs   ",
            (unsigned long long)done, (unsigned long long)total,
            total ? 100.0 * (double)done / (double)total : 100.0, rate / 1e6,
            el > 0 ? mbs : 0.0, eta);
    fflush(o);
}

/* Build and commit the receivers of `plan` (after `st`'s counts so far).
 * One pass (plan->unverified): every record is validated and checked
 * against the plan as it is decoded. If one breaks it, the receivers added
 * since the last commit are rolled back, *replan is set, *kept says how
 * many of the plan's receivers are committed (a prefix, in plan order) and
 * *why where and why the plan broke.
 *
 * Why the index is then the one the full plan gives. Every record of the
 * committed receivers' files was checked: each file holds one receiver,
 * every record valid, sequence rising, exactly what the full plan would
 * have found in those files, so their receivers are the same. Commit points
 * depend only on the plan, and the failure point on the data (the FIRST
 * task in plan order that breaks the plan: tasks after it are abandoned,
 * tasks before it run to the end), so what is committed is the same
 * whatever the thread count. What no pass can foresee: a record of an
 * already committed receiver hidden inside a later file (one whose first
 * and last records name another receiver) is then found by the full plan of
 * the remaining files, and reported and skipped like any receiver already
 * indexed, where a two-pass run would have merged it. */
static int run_plan(struct jx_index_writer *w, const struct jx_plan *plan,
                    const struct jx_ingest_opts *o, struct jx_ingest_stats *st, double t0,
                    bool *replan, size_t *kept, struct jx_errctx *why, bool *why_invalid,
                    struct jx_errctx *err)
{
    struct rcvjob *jobs = NULL;
    struct pipe P;
    pthread_t *tids = NULL;
    int nstarted = 0, rc = JX_OK;
    FILE *log = o->log;
    const char *index_dir = jx_writer_path(w);
    struct jx_ingest_stats at_commit = *st;
    size_t committed_rcv = 0;

    memset(&P, 0, sizeof(P));
    pthread_mutex_init(&P.lock, NULL);
    pthread_cond_init(&P.cond, NULL);
    P.verify = plan->unverified;
    P.replan_at = SIZE_MAX;
    *replan = false;
    *why_invalid = false;
    *kept = 0;
    st->records_skipped += plan->skipped;
    st->duplicates += plan->duplicates;

    /* receivers to index and their segment tasks, in plan order */
    jobs = jx_calloc(plan->nrcv + 1, sizeof(*jobs));
    if (!jobs) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    size_t ntasks = 0;
    const uint64_t segrows = o->segment_rows && o->segment_rows < JX_SEG_MAX_ROWS
                                 ? o->segment_rows : JX_SEG_MAX_ROWS;
    for (size_t i = 0; i < plan->nrcv; i++) {
        const struct jx_rcvinfo *ri = &plan->rcv[i];
        const struct jx_rcvsummary *old =
            jx_writer_find_receiver(w, ri->system, ri->receiver_lib, ri->receiver);
        if (old) {
            jobs[i].skip = true;
            st->receivers_skipped++;
            if (ri->reset) st->resets++;     /* the batch's chains, these too */
            if (ri->gap_before) st->gaps++;
            if (log)
                fprintf(log, "jidx ingest: receiver %s/%s of system %s is already indexed "
                             "(%llu entries%s): skipped%s\n", ri->receiver_lib, ri->receiver,
                        ri->system, (unsigned long long)old->entries,
                        old->entries != ri->count || old->first_seq != ri->first_seq ||
                                old->last_seq != ri->last_seq
                            ? "; this input differs: sequence range or count not the same"
                            : "",
                        plan->unverified ? " (same first and last records and count: not read)"
                                         : "");
            continue;
        }
        jobs[i].first_task = ntasks;
        jobs[i].ntasks = (size_t)((ri->count + segrows - 1) / segrows);
        ntasks += jobs[i].ntasks;
    }
    P.tasks = jx_calloc(ntasks + 1, sizeof(*P.tasks));
    if (!P.tasks) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < ntasks; i++)
        P.tasks[i].out.fd = -1;
    P.ntasks = ntasks;
    P.dir = index_dir;
    P.plan = plan;
    uint64_t total = 0, total_bytes = 0;
    for (size_t i = 0; i < plan->nrcv; i++) {
        const struct jx_rcvinfo *ri = &plan->rcv[i];
        struct rcvjob *j = &jobs[i];
        if (j->skip)
            continue;
        const uint64_t segno = jx_writer_reserve(w, j->ntasks);
        /* even split: no tiny last segment */
        const uint64_t base = ri->count / j->ntasks, extra = ri->count % j->ntasks;
        size_t piece = 0;
        uint64_t off = 0;
        for (size_t k = 0; k < j->ntasks; k++) {
            struct task *t = &P.tasks[j->first_task + k];
            t->rcv = (uint32_t)i;
            t->segno = segno + k;
            t->rows = base + (k < extra);
            t->piece = piece;
            t->offset = off;
            for (uint64_t left = t->rows; left;) { /* advance to the next start */
                uint64_t n = JX_MIN(left, ri->pieces[piece].count - off);
                left -= n;
                off += n;
                if (off == ri->pieces[piece].count) {
                    piece++;
                    off = 0;
                }
            }
        }
        struct jx_rcvsummary *s = &j->sum;
        memcpy(s->system, ri->system, JX_NAME_SZ);
        memcpy(s->receiver, ri->receiver, JX_NAME_SZ);
        memcpy(s->receiver_lib, ri->receiver_lib, JX_NAME_SZ);
        s->first_seq = ri->first_seq;
        s->last_seq = ri->last_seq;
        s->first_ts = ri->first_ts;
        s->last_ts = ri->last_ts;
        s->entries = ri->count;
        for (size_t k = 0; k < ri->npieces; k++)
            s->source_bytes += ri->pieces[k].count * jx_rcvfile_reclen(plan->files[ri->pieces[k].file]);
        total += ri->count;
        total_bytes += s->source_bytes;
    }

    /* workers: as many as threads, tasks and the memory bound allow */
    const int threads = o->threads > 0 ? o->threads : jx_cpu_count();
    const size_t mem = o->memory ? o->memory : JX_INGEST_DEFAULT_MEMORY;
    /* each worker: a segment builder and its read window */
    size_t by_mem = mem / (jx_segbuild_mem_estimate(JX_SEG_MAX_ROWS) + JX_RCV_WINDOW);
    int nw = threads;
    if ((size_t)nw > by_mem)
        nw = by_mem ? (int)by_mem : 1;
    if ((size_t)nw > ntasks)
        nw = ntasks ? (int)ntasks : 1;
    if (nw > st->threads)
        st->threads = nw;
    tids = jx_calloc((size_t)nw, sizeof(*tids));
    if (!tids) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    for (int i = 0; i < nw && ntasks; i++) {
        if (pthread_create(&tids[i], NULL, worker, &P))
            break;
        nstarted++;
    }
    if (ntasks && !nstarted) {
        rc = jx_error(err, JX_E_INTERNAL, NULL, -1, -1, "cannot start worker threads");
        goto out;
    }

    /* main thread: add receivers to the writer in plan order as their
     * segments complete; commit at deterministic points */
    const uint64_t every = o->commit_every ? o->commit_every : JX_COMMIT_EVERY_DEFAULT;
    uint64_t uncommitted = 0;
    size_t ri = 0;
    double last_prog = 0;
    pthread_mutex_lock(&P.lock);
    while (ri < plan->nrcv) {
        struct rcvjob *j = &jobs[ri];
        if (j->skip) {
            ri++;
            continue;
        }
        bool ready = true, failed = false;
        const struct task *breaks = NULL;
        for (size_t k = 0; k < j->ntasks; k++) {
            const struct task *t = &P.tasks[j->first_task + k];
            if (!t->done) ready = false;
            else if (t->rc == TASK_REPLAN && !breaks) breaks = t;
            else if (t->rc) failed = true;
        }
        /* one pass: the receiver's segments must also follow each other */
        for (size_t k = 1; ready && !breaks && !failed && P.verify && k < j->ntasks; k++) {
            const struct task *a = &P.tasks[j->first_task + k - 1], *t = a + 1;
            if (t->out.info.seq_min <= a->out.info.seq_max) {
                jx_error(why, JX_E_FORMAT, NULL, -1, -1,
                         "receiver %s/%s: sequence number %llu follows %llu", j->sum.receiver_lib,
                         j->sum.receiver, (unsigned long long)t->out.info.seq_min,
                         (unsigned long long)a->out.info.seq_max);
                *replan = true;
            }
        }
        if (breaks) {
            *why = breaks->err;
            *why_invalid = breaks->invalid;
            *replan = true;
        }
        if (P.stop || failed || *replan)
            break;
        if (!ready) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 200 * 1000000L;
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&P.cond, &P.lock, &ts);
            if (o->progress && log && jx_now() - last_prog >= 0.25) {
                last_prog = jx_now();
                progress_line(log, P.done_entries, total, t0, total_bytes);
            }
            continue;
        }
        pthread_mutex_unlock(&P.lock);
        const struct jx_rcvinfo *rinfo = &plan->rcv[ri];
        struct jx_segwritten *segs = jx_calloc(j->ntasks, sizeof(*segs));
        rc = segs ? JX_OK : jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        for (size_t k = 0; !rc && k < j->ntasks; k++) {
            segs[k] = P.tasks[j->first_task + k].out;
            P.tasks[j->first_task + k].out.fd = -1; /* now segs[k]'s */
            st->segments++;
            st->segment_bytes += segs[k].info.file_bytes;
        }
        if (!rc)
            rc = jx_writer_add_receiver(w, &j->sum, segs, j->ntasks, err);
        jx_free(segs);
        uncommitted += j->sum.entries;
        st->entries += j->sum.entries;
        st->source_bytes += j->sum.source_bytes;
        st->receivers_new++;
        if (rinfo->reset) st->resets++;
        if (rinfo->gap_before) st->gaps++;
        if (!rc && uncommitted >= every) {
            if (!(rc = jx_writer_commit(w, err))) {
                st->commits++;
                at_commit = *st;
                committed_rcv = ri + 1;
            }
            uncommitted = 0;
        }
        pthread_mutex_lock(&P.lock);
        if (rc) {
            P.stop = true;
            break;
        }
        ri++;
    }
    P.stop = P.stop || rc || *replan;
    pthread_mutex_unlock(&P.lock);
    for (int i = 0; i < nstarted; i++)
        pthread_join(tids[i], NULL);
    nstarted = 0;
    if (o->progress && log) {
        progress_line(log, P.done_entries, total, t0, total_bytes);
        fputc('\n', log);
    }
    if (!rc) {
        /* the first failed task in plan order names the error */
        for (size_t i = 0; i < P.ntasks; i++)
            if (P.tasks[i].done && P.tasks[i].rc < 0) {
                rc = P.tasks[i].rc;
                if (err)
                    *err = P.tasks[i].err;
                break;
            }
    }
    if (!rc && *replan) {
        /* the round being built is the full plan's to redo */
        for (size_t i = 0; i < P.ntasks; i++)
            jx_segwritten_close(&P.tasks[i].out);
        jx_writer_rollback(w, P.tasks[jobs[committed_rcv].first_task].segno);
        *st = at_commit;
        *kept = committed_rcv;
        goto out;
    }
    if (!rc && (uncommitted || jx_writer_generation(w) == 0)) {
        if (!(rc = jx_writer_commit(w, err)))
            st->commits++;
    }
out:
    if (nstarted) {
        pthread_mutex_lock(&P.lock);
        P.stop = true;
        pthread_mutex_unlock(&P.lock);
        for (int i = 0; i < nstarted; i++)
            pthread_join(tids[i], NULL);
    }
    jx_free(tids);
    for (size_t i = 0; P.tasks && i < P.ntasks; i++)
        jx_segwritten_close(&P.tasks[i].out); /* segments never added */
    jx_free(P.tasks);
    jx_free(jobs);
    pthread_cond_destroy(&P.cond);
    pthread_mutex_destroy(&P.lock);
    return rc;
}

/* Is the quick plan's receiver ri the one the index holds as old: the same
 * first and last sequence numbers and timestamps, and as many records as
 * it has entries? Then its files are not read again (see jx_ingest()). */
static bool same_as_indexed(const struct jx_rcvsummary *old, const struct jx_rcvinfo *ri)
{
    return old->first_seq == ri->first_seq && old->last_seq == ri->last_seq &&
           old->first_ts == ri->first_ts && old->last_ts == ri->last_ts &&
           old->entries == ri->count;
}

int jx_ingest(const char *index_dir, char **inputs, size_t ninputs,
              const struct jx_ingest_opts *o, struct jx_ingest_stats *st,
              struct jx_errctx *err)
{
    struct jx_index_writer *w = NULL;
    struct jx_rcvfile **files = NULL, **rest = NULL;
    size_t nfiles = 0, nrest = 0;
    struct jx_plan *plan = NULL;
    struct jx_rcvinfo *committed = NULL; /* receivers committed before a hand-over */
    size_t ncommitted = 0;
    int rc;
    const double t0 = jx_now();
    FILE *log = o->log;

    memset(st, 0, sizeof(*st));
    /* lock first: a second writer fails at once, before any scanning */
    if ((rc = jx_writer_open(index_dir, &w, err)))
        goto out;
    if ((rc = jx_open_inputs(inputs, ninputs, &o->ro, &files, &nfiles, err)))
        goto out;
    for (size_t i = 0; i < nfiles; i++)
        st->input_bytes += jx_rcvfile_size(files[i]);
    rest = files;
    nrest = nfiles;

    /* one pass, when the quick plan holds. A receiver the index already
     * holds is skipped without reading its files when its first and last
     * records and its record count are the ones indexed: re-running ingest
     * over a whole archive (the nightly way) then reads only the new
     * receivers' files, not years of old ones. Any other difference, or
     * --two-pass, sends the run to the full plan, which reads every file
     * and reports how the input differs. What this cannot see, and the
     * full plan can: a file that keeps the indexed receiver's first and
     * last records and count but holds a record of another receiver in
     * place of one of its own (not a file DSPJRN writes). */
    if (!o->two_pass && (rc = jx_plan_quick(files, nfiles, &plan, err)))
        goto out;
    for (size_t i = 0; plan && i < plan->nrcv; i++) {
        const struct jx_rcvsummary *old = jx_writer_find_receiver(
            w, plan->rcv[i].system, plan->rcv[i].receiver_lib, plan->rcv[i].receiver);
        if (old && !same_as_indexed(old, &plan->rcv[i])) {
            jx_plan_free(plan);
            plan = NULL;
        }
    }
    st->plan_seconds = jx_now() - t0;
    if (plan) {
        bool replan;
        size_t kept;
        struct jx_errctx why;
        bool why_invalid = false;
        jx_errctx_clear(&why);
        if ((rc = run_plan(w, plan, o, st, t0, &replan, &kept, &why, &why_invalid, err)))
            goto out;
        st->one_pass = !replan;
        /* the files of the receivers indexed (or committed before the
         * hand-over) were read; a skipped receiver's were not */
        st->read_bytes = st->source_bytes;
        if (!replan)
            goto done;
        st->replanned = true;
        st->one_pass_receivers = kept;
        /* the files of the receivers not committed, in input order */
        bool *use = jx_calloc(nfiles + 1, sizeof(bool));
        rest = jx_calloc(nfiles + 1, sizeof(*rest));
        if (!use || !rest) {
            jx_free(use);
            rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
            goto out;
        }
        nrest = 0;
        for (size_t i = kept; i < plan->nrcv; i++)
            for (size_t k = 0; k < plan->rcv[i].npieces; k++)
                use[plan->rcv[i].pieces[k].file] = true;
        for (size_t f = 0; f < nfiles; f++)
            if (use[f])
                rest[nrest++] = files[f];
        jx_free(use);
        if (log) {
            /* an invalid record is the full plan's to report (skipped) or
             * fail on (stop), once; a plan break only this note names */
            char b[1200];
            if (why_invalid)
                snprintf(b, sizeof(b), "an invalid record");
            else
                jx_errctx_format(&why, b, sizeof(b));
            fprintf(log, "jidx ingest: %s: planning the remaining %zu file(s) with a full "
                         "scan (%zu of %zu receivers committed in one pass)\n",
                    b, nrest, kept, plan->nrcv);
        }
        /* their part of the batch's chains, for the gap and reset counts */
        if (kept && !(committed = jx_calloc(kept, sizeof(*committed)))) {
            rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
            goto out;
        }
        for (size_t i = 0; i < kept; i++) {
            committed[i] = plan->rcv[i];
            committed[i].pieces = NULL;
        }
        ncommitted = kept;
        jx_plan_free(plan);
        plan = NULL;
    }
    const double tp = jx_now();
    const int threads = o->threads > 0 ? o->threads : jx_cpu_count();
    struct jx_plan_opts po = {o->skip_bad, threads, o->report};
    for (size_t i = 0; i < nrest; i++)
        st->read_bytes += jx_rcvfile_size(rest[i]);
    if ((rc = jx_plan_build(rest, nrest, &po, &plan, err)))
        goto out;
    st->plan_seconds += jx_now() - tp;
    bool replan;
    size_t kept;
    bool why_invalid;
    if ((rc = run_plan(w, plan, o, st, t0, &replan, &kept, NULL, &why_invalid, err)))
        goto out;
    /* after a hand-over the batch's chains run across both plans: a gap or
     * a reset between the last receiver committed in one pass and the
     * first of the full plan is in neither plan's counts */
    if (st->replanned && (rc = jx_chain_counts(committed, ncommitted, plan->rcv, plan->nrcv,
                                               &st->gaps, &st->resets, err)))
        goto out;
done:
    st->index_entries = jx_writer_entries(w);
out:
    st->seconds = jx_now() - t0;
    jx_plan_free(plan);
    jx_free(committed);
    if (rest != files)
        jx_free(rest);
    jx_close_inputs(files, nfiles);
    jx_writer_close(w);
    return rc;
}

void jx_ingest_summary(const struct jx_ingest_stats *st, FILE *o)
{
    const double s = st->seconds > 0 ? st->seconds : 1e-9;
    fprintf(o, "ingested %llu entries from %llu new receiver(s)",
            (unsigned long long)st->entries, (unsigned long long)st->receivers_new);
    if (st->receivers_skipped)
        fprintf(o, "; %llu receiver(s) already indexed, skipped",
                (unsigned long long)st->receivers_skipped);
    fprintf(o, "\n");
    fprintf(o, "  records skipped as invalid: %llu, duplicates dropped: %llu, "
               "gaps: %llu, sequence resets: %llu\n",
            (unsigned long long)st->records_skipped, (unsigned long long)st->duplicates,
            (unsigned long long)st->gaps, (unsigned long long)st->resets);
    if (st->entries) {
        fprintf(o, "  %llu segment(s), %.1f MB written (%.1f bytes/entry, %.1fx smaller than "
                   "the %.1f MB of records)\n",
                (unsigned long long)st->segments, (double)st->segment_bytes / 1e6,
                (double)st->segment_bytes / (double)st->entries,
                st->segment_bytes ? (double)st->source_bytes / (double)st->segment_bytes : 0.0,
                (double)st->source_bytes / 1e6);
        char how[64];
        if (st->one_pass)
            snprintf(how, sizeof(how), "one pass");
        else
            snprintf(how, sizeof(how), "plan %.2f s", st->plan_seconds);
        fprintf(o, "  %.2f s (%s), %.0f entries/s, %.0f MB/s of input, %d worker(s); ",
                st->seconds, how, (double)st->entries / s,
                (double)st->read_bytes / s / 1e6, st->threads);
    } else {
        /* nothing new: rates over an empty ingest would only mislead */
        fprintf(o, "  nothing written; %.2f s (plan %.2f s); ", st->seconds, st->plan_seconds);
    }
    fprintf(o, "index now holds %llu entries\n",
            (unsigned long long)st->index_entries);
}
