/*
 * ingest/ingest.c - the ingest pipeline: lock the index, open and plan the
 * inputs (jx_plan_build validates every record once and fixes the canonical
 * order), drop receivers already indexed, cut the others into segment tasks
 * numbered in plan order, decode and build the segments on a pthread worker
 * pool, and commit receivers in plan order by rewriting the MANIFEST.
 *
 * Workload: up to ~10^8 entries (tens of GB of input) per run at
 * millions of entries a second. Per entry: one jx_rcvdec_decode_trusted()
 * (the plan validated the record; one decoding context per worker) into a
 * per-worker struct and one jx_segbuild_add(); nothing is allocated per
 * entry. Workers never wait for the disk (the main thread fsyncs segments
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
    pthread_mutex_t lock;
    pthread_cond_t cond;
    uint64_t done_entries;   /* under lock */
};

/* Decode `t`'s rows from the plan's pieces into builder b, then write. */
static int run_task(struct pipe *P, struct task *t, struct jx_segbuild *b,
                    struct jx_entry *e, struct jx_rcvdec *dec, uint8_t *win)
{
    const struct jx_rcvinfo *ri = &P->plan->rcv[t->rcv];
    uint64_t left = t->rows, off = t->offset, pending = 0;
    int rc;
    jx_segbuild_begin(b, P->dir, t->segno);
    for (size_t k = t->piece; left && k < ri->npieces; k++, off = 0) {
        const struct jx_piece *pc = &ri->pieces[k];
        const struct jx_rcvfile *f = P->plan->files[pc->file];
        const uint64_t n = JX_MIN(left, pc->count - off);
        jx_rcvdec_init(dec, f);
        jx_rcvdec_window(dec, win, JX_RCV_WINDOW);
        for (uint64_t r = 0; r < n; r++) {
            /* the plan validated every record: decode it trusted */
            if ((rc = jx_rcvdec_decode_trusted(dec, pc->first + off + r, e, &t->err)) ||
                (rc = jx_segbuild_add(b, e, &t->err)))
                return rc;
            if (++pending == 65536) {
                pthread_mutex_lock(&P->lock);
                P->done_entries += pending;
                bool stop = P->stop;
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
        struct task *t = &P->tasks[P->next++];
        pthread_mutex_unlock(&P->lock);
        int rc = crc;
        if (rc)
            jx_error(&t->err, rc, NULL, -1, -1, "out of memory");
        else
            rc = run_task(P, t, b, e, dec, win);
        pthread_mutex_lock(&P->lock);
        t->rc = rc;
        t->done = true;
        if (rc < 0)
            P->stop = true;
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

int jx_ingest(const char *index_dir, char **inputs, size_t ninputs,
              const struct jx_ingest_opts *o, struct jx_ingest_stats *st,
              struct jx_errctx *err)
{
    struct jx_index_writer *w = NULL;
    struct jx_rcvfile **files = NULL;
    size_t nfiles = 0;
    struct jx_plan *plan = NULL;
    struct rcvjob *jobs = NULL;
    struct pipe P;
    pthread_t *tids = NULL;
    int nstarted = 0, rc;
    const double t0 = jx_now();
    FILE *log = o->log;

    memset(st, 0, sizeof(*st));
    memset(&P, 0, sizeof(P));
    pthread_mutex_init(&P.lock, NULL);
    pthread_cond_init(&P.cond, NULL);

    /* lock first: a second writer fails at once, before any scanning */
    if ((rc = jx_writer_open(index_dir, &w, err)))
        goto out;
    if ((rc = jx_open_inputs(inputs, ninputs, &o->ro, &files, &nfiles, err)))
        goto out;
    for (size_t i = 0; i < nfiles; i++)
        st->input_bytes += jx_rcvfile_size(files[i]);
    const int threads = o->threads > 0 ? o->threads : jx_cpu_count();
    struct jx_plan_opts po = {o->skip_bad, threads, o->report};
    if ((rc = jx_plan_build(files, nfiles, &po, &plan, err)))
        goto out;
    st->plan_seconds = jx_now() - t0;
    st->records_skipped = plan->skipped;
    st->duplicates = plan->duplicates;

    /* receivers to index and their segment tasks, in plan order */
    jobs = jx_calloc(plan->nrcv + 1, sizeof(*jobs));
    if (!jobs) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    size_t ntasks = 0;
    for (size_t i = 0; i < plan->nrcv; i++) {
        const struct jx_rcvinfo *ri = &plan->rcv[i];
        const struct jx_rcvsummary *old =
            jx_writer_find_receiver(w, ri->system, ri->receiver_lib, ri->receiver);
        if (ri->reset) st->resets++;
        if (ri->gap_before) st->gaps++;
        if (old) {
            jobs[i].skip = true;
            st->receivers_skipped++;
            if (log)
                fprintf(log, "jidx ingest: receiver %s/%s of system %s is already indexed "
                             "(%llu entries%s): skipped\n", ri->receiver_lib, ri->receiver,
                        ri->system, (unsigned long long)old->entries,
                        old->entries != ri->count || old->first_seq != ri->first_seq ||
                                old->last_seq != ri->last_seq
                            ? "; this input differs: sequence range or count not the same"
                            : "");
            continue;
        }
        jobs[i].first_task = ntasks;
        jobs[i].ntasks = (size_t)((ri->count + JX_SEG_MAX_ROWS - 1) / JX_SEG_MAX_ROWS);
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
    uint64_t total = 0;
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
            s->source_bytes += ri->pieces[k].count * jx_rcvfile_reclen(files[ri->pieces[k].file]);
        total += ri->count;
        st->source_bytes += s->source_bytes;
        st->receivers_new++;
    }

    /* workers: as many as threads, tasks and the memory bound allow */
    const size_t mem = o->memory ? o->memory : JX_INGEST_DEFAULT_MEMORY;
    /* each worker: a segment builder and its read window */
    size_t by_mem = mem / (jx_segbuild_mem_estimate(JX_SEG_MAX_ROWS) + JX_RCV_WINDOW);
    int nw = threads;
    if ((size_t)nw > by_mem)
        nw = by_mem ? (int)by_mem : 1;
    if ((size_t)nw > ntasks)
        nw = ntasks ? (int)ntasks : 1;
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
        for (size_t k = 0; k < j->ntasks; k++) {
            const struct task *t = &P.tasks[j->first_task + k];
            if (!t->done) ready = false;
            else if (t->rc) failed = true;
        }
        if (P.stop || failed)
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
                progress_line(log, P.done_entries, total, t0, st->source_bytes);
            }
            continue;
        }
        pthread_mutex_unlock(&P.lock);
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
        if (!rc && uncommitted >= every) {
            if (!(rc = jx_writer_commit(w, err)))
                st->commits++;
            uncommitted = 0;
        }
        pthread_mutex_lock(&P.lock);
        if (rc) {
            P.stop = true;
            break;
        }
        ri++;
    }
    P.stop = P.stop || rc;
    pthread_mutex_unlock(&P.lock);
    for (int i = 0; i < nstarted; i++)
        pthread_join(tids[i], NULL);
    nstarted = 0;
    if (o->progress && log) {
        progress_line(log, P.done_entries, total, t0, st->source_bytes);
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
    if (!rc && (uncommitted || jx_writer_generation(w) == 0)) {
        if (!(rc = jx_writer_commit(w, err)))
            st->commits++;
    }
    st->index_entries = jx_writer_entries(w);
out:
    if (nstarted) {
        pthread_mutex_lock(&P.lock);
        P.stop = true;
        pthread_mutex_unlock(&P.lock);
        for (int i = 0; i < nstarted; i++)
            pthread_join(tids[i], NULL);
    }
    st->seconds = jx_now() - t0;
    jx_free(tids);
    for (size_t i = 0; P.tasks && i < P.ntasks; i++)
        jx_segwritten_close(&P.tasks[i].out); /* segments never added */
    jx_free(P.tasks);
    jx_free(jobs);
    jx_plan_free(plan);
    jx_close_inputs(files, nfiles);
    jx_writer_close(w);
    pthread_cond_destroy(&P.cond);
    pthread_mutex_destroy(&P.lock);
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
        fprintf(o, "  %.2f s (plan %.2f s), %.0f entries/s, %.0f MB/s of input, %d worker(s); ",
                st->seconds, st->plan_seconds, (double)st->entries / s,
                (double)st->input_bytes / s / 1e6, st->threads);
    } else {
        /* nothing new: rates over an empty ingest would only mislead */
        fprintf(o, "  nothing written; %.2f s (plan %.2f s); ", st->seconds, st->plan_seconds);
    }
    fprintf(o, "index now holds %llu entries\n",
            (unsigned long long)st->index_entries);
}
