/*
 * ingest/chain.c - plan the canonical order of the entries of many receiver
 * files: a parallel key scan (every record validated once), then grouping
 * into receivers, ordering, gap/reset/duplicate detection.
 *
 * Workload: up to ~10^8 records per run. The scan is O(records) split into
 * chunks of 64K records across the workers; everything after it is
 * O(receivers) except for receivers whose records are out of order or given
 * twice, which are sorted record by record (16 bytes a record, bounded by
 * the receiver's size).
 */
#include "chain.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fields.h"

#define CHUNK_RECS 65536
#define MAX_REPORTED 100

struct run {
    char system[JX_NAME_SZ], receiver[JX_NAME_SZ], receiver_lib[JX_NAME_SZ];
    uint32_t file;
    uint64_t first, count;
    uint64_t first_seq, last_seq;
    int64_t first_ts, last_ts;
    bool monotonic;
};

struct chunk {
    uint32_t file;
    uint64_t start, end;
    struct run *runs;
    size_t nruns, cap;
    uint64_t skipped;
    int rc;                 /* first error when not skipping */
    struct jx_errctx err;
};

struct scan_ctx {
    struct jx_rcvfile **files;
    struct chunk *chunks;
    size_t nchunks;
    atomic_size_t next;
    atomic_size_t fail_at;  /* lowest failing chunk index (stop mode) */
    bool skip_bad;
    pthread_mutex_t rep_lock;
    FILE *report;
    uint64_t reported;
};

int jx_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static int push_run(struct chunk *c, const struct run *r)
{
    if (jx_grow((void **)&c->runs, &c->cap, c->nruns + 1, sizeof(*r)))
        return JX_E_NOMEM;
    c->runs[c->nruns++] = *r;
    return JX_OK;
}

/* A run of one record, rec of file, whose key is k. */
static void run_start(struct run *r, const struct jx_rcvkey *k, uint32_t file, uint64_t rec)
{
    memset(r, 0, sizeof(*r));
    memcpy(r->system, k->system, sizeof(r->system));
    memcpy(r->receiver, k->receiver, sizeof(r->receiver));
    memcpy(r->receiver_lib, k->receiver_lib, sizeof(r->receiver_lib));
    r->file = file;
    r->first = rec;
    r->count = 1;
    r->first_seq = r->last_seq = k->seq;
    r->first_ts = r->last_ts = k->ts;
    r->monotonic = true;
}

static int same_rcv(const struct run *r, const struct jx_rcvkey *k)
{
    return !strcmp(r->receiver, k->receiver) && !strcmp(r->system, k->system) &&
           !strcmp(r->receiver_lib, k->receiver_lib);
}

static void scan_chunk(struct scan_ctx *s, size_t ci, uint8_t *win)
{
    struct chunk *c = &s->chunks[ci];
    const struct jx_rcvfile *f = s->files[c->file];
    struct run cur;
    bool open = false;
    struct jx_rcvkey k;
    struct jx_errctx e;
    struct jx_rcvdec dec;   /* caches shared by the chunk's consecutive records */

    jx_rcvdec_init(&dec, f);
    jx_rcvdec_window(&dec, win, JX_RCV_WINDOW);
    for (uint64_t r = c->start; r < c->end; r++) {
        if (!s->skip_bad && atomic_load_explicit(&s->fail_at, memory_order_relaxed) < ci)
            return; /* an earlier chunk already failed: its error wins */
        int rc = jx_rcvdec_key(&dec, r, &k, &e);
        if (rc) {
            if (!s->skip_bad) {
                c->rc = rc;
                c->err = e;
                size_t cur_fail = atomic_load(&s->fail_at);
                while (ci < cur_fail &&
                       !atomic_compare_exchange_weak(&s->fail_at, &cur_fail, ci))
                    ;
                return;
            }
            c->skipped++;
            if (s->report) {
                pthread_mutex_lock(&s->rep_lock);
                if (s->reported++ < MAX_REPORTED) {
                    char buf[1200];
                    fprintf(s->report, "jidx: skipped %s\n", jx_errctx_format(&e, buf, sizeof(buf)));
                }
                pthread_mutex_unlock(&s->rep_lock);
            }
            if (open && push_run(c, &cur)) goto nomem;
            open = false;
            continue;
        }
        /* names_same: the same name bytes as the previous record (of this
         * run: a failed record closes the run), so no string compare */
        if (open && (jx_rcvdec_names_same(&dec) || same_rcv(&cur, &k))) {
            if (k.seq <= cur.last_seq)
                cur.monotonic = false;
            cur.count++;
            cur.last_seq = k.seq;
            cur.last_ts = k.ts;
            continue;
        }
        if (open && push_run(c, &cur))
            goto nomem;
        run_start(&cur, &k, c->file, r);
        open = true;
    }
    if (open && push_run(c, &cur))
        goto nomem;
    return;
nomem:
    c->rc = jx_error(&c->err, JX_E_NOMEM, jx_rcvfile_path(f), -1, -1, "out of memory");
    size_t cf = atomic_load(&s->fail_at);
    while (ci < cf && !atomic_compare_exchange_weak(&s->fail_at, &cf, ci))
        ;
}

static void *scan_worker(void *arg)
{
    struct scan_ctx *s = arg;
    /* the read window; without one (out of memory), the mapping */
    uint8_t *win = jx_huge_alloc(JX_RCV_WINDOW);
    for (;;) {
        size_t i = atomic_fetch_add(&s->next, 1);
        if (i >= s->nchunks)
            break;
        scan_chunk(s, i, win);
    }
    jx_huge_free(win, JX_RCV_WINDOW);
    return NULL;
}

static int run_key_cmp(const void *a, const void *b)
{
    const struct run *x = a, *y = b;
    int c = strcmp(x->system, y->system);
    if (!c) c = strcmp(x->receiver_lib, y->receiver_lib);
    if (!c) c = strcmp(x->receiver, y->receiver);
    if (!c) c = x->first_seq < y->first_seq ? -1 : x->first_seq > y->first_seq;
    if (!c) c = x->file < y->file ? -1 : x->file > y->file;
    if (!c) c = x->first < y->first ? -1 : x->first > y->first;
    return c;
}

struct ref {
    uint64_t seq;
    uint32_t order;  /* position of its run in input order: first given wins */
    uint32_t file;
    uint64_t rec;
};

static int ref_cmp(const void *a, const void *b)
{
    const struct ref *x = a, *y = b;
    if (x->seq != y->seq) return x->seq < y->seq ? -1 : 1;
    if (x->order != y->order) return x->order < y->order ? -1 : 1;
    return x->rec < y->rec ? -1 : x->rec > y->rec;
}

static int rcv_cmp(const void *a, const void *b)
{
    const struct jx_rcvinfo *x = a, *y = b;
    int c = strcmp(x->system, y->system);
    if (!c) c = x->first_ts < y->first_ts ? -1 : x->first_ts > y->first_ts;
    if (!c) c = strcmp(x->receiver, y->receiver);
    if (!c) c = strcmp(x->receiver_lib, y->receiver_lib);
    return c;
}

/* THE chain rule, on receivers in rcv_cmp order: per system, a receiver
 * whose first sequence number is not above the previous one's last starts
 * a new chain (a reset); one that skips numbers has a gap before it.
 * @return the number of systems. */
static size_t link_chains(struct jx_rcvinfo *rcv, size_t n)
{
    size_t nsystems = 0;
    for (size_t i = 0; i < n; i++) {
        struct jx_rcvinfo *r = &rcv[i];
        struct jx_rcvinfo *prev = i && !strcmp(rcv[i - 1].system, r->system) ? &rcv[i - 1] : NULL;
        r->reset = false;
        r->gap_before = 0;
        if (!prev) {
            nsystems++;
            r->chain = 1;
            continue;
        }
        r->chain = prev->chain;
        if (r->first_seq <= prev->last_seq) {
            r->reset = true;
            r->chain++;
        } else if (r->first_seq > prev->last_seq + 1) {
            r->gap_before = r->first_seq - prev->last_seq - 1;
        }
    }
    return nsystems;
}

/* Name order, a's copy (chain 0) before b's (chain 1): for jx_chain_counts(). */
static int rcvname_cmp(const void *x0, const void *y0)
{
    const struct jx_rcvinfo *x = x0, *y = y0;
    int c = strcmp(x->system, y->system);
    if (!c) c = strcmp(x->receiver_lib, y->receiver_lib);
    if (!c) c = strcmp(x->receiver, y->receiver);
    if (!c) c = (x->chain > y->chain) - (x->chain < y->chain);
    return c;
}

int jx_chain_counts(const struct jx_rcvinfo *a, size_t na, const struct jx_rcvinfo *b,
                    size_t nb, uint64_t *gaps, uint64_t *resets, struct jx_errctx *err)
{
    struct jx_rcvinfo *all = jx_calloc(na + nb + 1, sizeof(*all));
    size_t n = 0;
    if (!all)
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < na + nb; i++) {
        all[i] = i < na ? a[i] : b[i - na];
        all[i].pieces = NULL;
        all[i].npieces = 0;
        all[i].chain = i >= na; /* which plan, until link_chains() */
    }
    /* one copy of each receiver (a's first), then the plan's order */
    if (na + nb)
        qsort(all, na + nb, sizeof(*all), rcvname_cmp);
    for (size_t i = 0; i < na + nb; i++) {
        const struct jx_rcvinfo *k = n ? &all[n - 1] : NULL;
        if (!k || strcmp(k->system, all[i].system) || strcmp(k->receiver, all[i].receiver) ||
            strcmp(k->receiver_lib, all[i].receiver_lib))
            all[n++] = all[i];
    }
    if (n)
        qsort(all, n, sizeof(*all), rcv_cmp);
    link_chains(all, n);
    *gaps = *resets = 0;
    for (size_t i = 0; i < n; i++) {
        *gaps += all[i].gap_before != 0;
        *resets += all[i].reset;
    }
    jx_free(all);
    return JX_OK;
}

/* Not a plan error: the one-pass plan does not apply (jx_plan_quick). */
#define NOT_QUICK 1

/* Build one receiver from its runs (sorted by first_seq). In a quick plan
 * (runs = whole files, assumed) only the simple case applies. */
static int build_receiver(struct jx_plan *p, struct run *runs, size_t n, bool quick,
                          struct jx_rcvinfo *ri, struct jx_errctx *err)
{
    bool simple = true;
    memset(ri, 0, sizeof(*ri));
    memcpy(ri->system, runs[0].system, JX_NAME_SZ);
    memcpy(ri->receiver, runs[0].receiver, JX_NAME_SZ);
    memcpy(ri->receiver_lib, runs[0].receiver_lib, JX_NAME_SZ);
    for (size_t i = 0; i < n; i++) {
        if (!runs[i].monotonic || (i && runs[i].first_seq <= runs[i - 1].last_seq))
            simple = false;
    }
    if (simple) {
        ri->pieces = jx_calloc(n, sizeof(*ri->pieces));
        if (!ri->pieces)
            return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        for (size_t i = 0; i < n; i++) {
            ri->pieces[i] = (struct jx_piece){runs[i].file, runs[i].first, runs[i].count};
            ri->count += runs[i].count;
        }
        ri->npieces = n;
        ri->first_seq = runs[0].first_seq;
        ri->first_ts = runs[0].first_ts;
        ri->last_seq = runs[n - 1].last_seq;
        ri->last_ts = runs[n - 1].last_ts;
        return JX_OK;
    }
    if (quick)
        return NOT_QUICK;
    /* Out of order or given twice: sort the records by sequence, keep the
     * first occurrence of each (receiver, sequence). */
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += runs[i].count;
    int rc = JX_OK;
    struct ref *refs = jx_malloc(total * sizeof(*refs));
    /* the runs' records again, read through a window as the scan did */
    struct jx_rcvdec *d = jx_malloc(sizeof(*d));
    uint8_t *win = jx_huge_alloc(JX_RCV_WINDOW);
    size_t k = 0, np = 0, cap = 0;
    struct jx_rcvkey key;
    if (!refs || !d || !win) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        jx_rcvdec_init(d, p->files[runs[i].file]);
        jx_rcvdec_window(d, win, JX_RCV_WINDOW);
        for (uint64_t r = 0; r < runs[i].count; r++) {
            if ((rc = jx_rcvdec_key(d, runs[i].first + r, &key, err)))
                goto out; /* accepted by the scan: only a failed read */
            /* input order: file, then record (runs were sorted by seq) */
            refs[k++] = (struct ref){key.seq, runs[i].file, runs[i].file, runs[i].first + r};
        }
    }
    qsort(refs, total, sizeof(*refs), ref_cmp);
    size_t kept = 0;
    for (size_t i = 0; i < total; i++) {
        if (kept && refs[kept - 1].seq == refs[i].seq) {
            ri->duplicates++;
            continue;
        }
        refs[kept++] = refs[i];
    }
    for (size_t i = 0; i < kept; i++) {
        if (np && ri->pieces[np - 1].file == refs[i].file &&
            ri->pieces[np - 1].first + ri->pieces[np - 1].count == refs[i].rec) {
            ri->pieces[np - 1].count++;
            continue;
        }
        if (jx_grow((void **)&ri->pieces, &cap, np + 1, sizeof(*ri->pieces))) {
            rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
            goto out;
        }
        ri->pieces[np++] = (struct jx_piece){refs[i].file, refs[i].rec, 1};
    }
    ri->npieces = np;
    ri->count = kept;
    ri->first_seq = refs[0].seq;
    ri->last_seq = refs[kept - 1].seq;
    /* two records: through the mapping */
    jx_rcvfile_key(p->files[refs[0].file], refs[0].rec, &key, NULL);
    ri->first_ts = key.ts;
    jx_rcvfile_key(p->files[refs[kept - 1].file], refs[kept - 1].rec, &key, NULL);
    ri->last_ts = key.ts;
out:
    if (rc) {
        /* the caller frees only receivers it has counted: not this one */
        jx_free(ri->pieces);
        ri->pieces = NULL;
    }
    jx_huge_free(win, JX_RCV_WINDOW);
    jx_free(d);
    jx_free(refs);
    return rc;
}

static int plan_runs(struct jx_plan *p, struct run *all, size_t nall, bool quick,
                     struct jx_errctx *err);

int jx_plan_build(struct jx_rcvfile **files, size_t nfiles,
                  const struct jx_plan_opts *opts, struct jx_plan **out,
                  struct jx_errctx *err)
{
    struct scan_ctx s;
    struct jx_plan *p = NULL;
    struct run *all = NULL;
    size_t nall = 0, capall = 0;
    pthread_t *tids = NULL;
    int nthreads = opts && opts->threads > 0 ? opts->threads : jx_cpu_count();
    int rc = JX_OK;

    memset(&s, 0, sizeof(s));
    pthread_mutex_init(&s.rep_lock, NULL);
    s.files = files;
    s.skip_bad = opts && opts->skip_bad;
    s.report = opts ? opts->report : NULL;
    atomic_init(&s.next, 0);
    atomic_init(&s.fail_at, SIZE_MAX);
    *out = NULL;

    for (size_t f = 0; f < nfiles; f++)
        s.nchunks += (size_t)((jx_rcvfile_count(files[f]) + CHUNK_RECS - 1) / CHUNK_RECS);
    s.chunks = jx_calloc(s.nchunks ? s.nchunks : 1, sizeof(*s.chunks));
    p = jx_calloc(1, sizeof(*p));
    if (!s.chunks || !p) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    p->files = files;
    p->nfiles = nfiles;
    for (size_t f = 0, ci = 0; f < nfiles; f++) {
        uint64_t n = jx_rcvfile_count(files[f]);
        for (uint64_t st = 0; st < n; st += CHUNK_RECS, ci++)
            s.chunks[ci] = (struct chunk){.file = (uint32_t)f, .start = st,
                                          .end = JX_MIN(n, st + CHUNK_RECS)};
    }
    if ((size_t)nthreads > s.nchunks)
        nthreads = s.nchunks ? (int)s.nchunks : 1;
    tids = jx_calloc((size_t)nthreads, sizeof(*tids));
    if (!tids) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    int started = 0;
    for (int t = 1; t < nthreads; t++)
        if (pthread_create(&tids[t], NULL, scan_worker, &s) == 0)
            started = t;
        else
            break;
    scan_worker(&s);
    for (int t = 1; t <= started; t++)
        pthread_join(tids[t], NULL);

    for (size_t ci = 0; ci < s.nchunks; ci++) {
        struct chunk *c = &s.chunks[ci];
        if (c->rc) {
            if (err)
                *err = c->err;
            rc = c->rc;
            goto out;
        }
        p->skipped += c->skipped;
        for (size_t r = 0; r < c->nruns; r++) {
            struct run *cr = &c->runs[r];
            struct run *last = nall ? &all[nall - 1] : NULL;
            /* stitch runs cut by chunk boundaries */
            if (last && last->file == cr->file && last->first + last->count == cr->first &&
                !strcmp(last->system, cr->system) && !strcmp(last->receiver, cr->receiver) &&
                !strcmp(last->receiver_lib, cr->receiver_lib)) {
                last->monotonic = last->monotonic && cr->monotonic && cr->first_seq > last->last_seq;
                last->count += cr->count;
                last->last_seq = cr->last_seq;
                last->last_ts = cr->last_ts;
                continue;
            }
            if (jx_grow((void **)&all, &capall, nall + 1, sizeof(*all))) {
                rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
                goto out;
            }
            all[nall++] = *cr;
        }
    }
    rc = plan_runs(p, all, nall, false, err);
    if (!rc) {
        *out = p;
        p = NULL;
    }
out:
    for (size_t ci = 0; s.chunks && ci < s.nchunks; ci++)
        jx_free(s.chunks[ci].runs);
    jx_free(s.chunks);
    jx_free(tids);
    jx_free(all);
    pthread_mutex_destroy(&s.rep_lock);
    jx_plan_free(p);
    return rc;
}

/* Receivers of plan p from the runs of every file: grouped by receiver,
 * each built from its runs, in canonical order, with chains, resets and
 * gaps. Sorts `all`. @return JX_OK, NOT_QUICK (quick only), or an error. */
static int plan_runs(struct jx_plan *p, struct run *all, size_t nall, bool quick,
                     struct jx_errctx *err)
{
    int rc = JX_OK;
    if (nall)
        qsort(all, nall, sizeof(*all), run_key_cmp);
    size_t cap = 0;
    for (size_t i = 0; i < nall;) {
        size_t j = i + 1;
        while (j < nall && !strcmp(all[j].system, all[i].system) &&
               !strcmp(all[j].receiver_lib, all[i].receiver_lib) &&
               !strcmp(all[j].receiver, all[i].receiver))
            j++;
        if (jx_grow((void **)&p->rcv, &cap, p->nrcv + 1, sizeof(*p->rcv)))
            return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        if ((rc = build_receiver(p, all + i, j - i, quick, &p->rcv[p->nrcv], err)))
            return rc;
        p->entries += p->rcv[p->nrcv].count;
        p->duplicates += p->rcv[p->nrcv].duplicates;
        p->nrcv++;
        i = j;
    }
    if (p->nrcv)
        qsort(p->rcv, p->nrcv, sizeof(*p->rcv), rcv_cmp);
    p->nsystems = link_chains(p->rcv, p->nrcv);
    return JX_OK;
}

int jx_plan_quick(struct jx_rcvfile **files, size_t nfiles, struct jx_plan **out,
                  struct jx_errctx *err)
{
    struct jx_plan *p = jx_calloc(1, sizeof(*p));
    struct run *all = jx_calloc(nfiles ? nfiles : 1, sizeof(*all));
    int rc = JX_OK;
    *out = NULL;
    if (!p || !all) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    p->files = files;
    p->nfiles = nfiles;
    p->unverified = true;
    for (size_t f = 0; f < nfiles; f++) {
        const uint64_t n = jx_rcvfile_count(files[f]);
        struct jx_rcvkey a, z;
        /* two records through the mapping; any failure: the full plan
         * finds and reports it in its place */
        if (n == 0 || jx_rcvfile_key(files[f], 0, &a, NULL) ||
            jx_rcvfile_key(files[f], n - 1, &z, NULL) || strcmp(a.system, z.system) ||
            strcmp(a.receiver, z.receiver) || strcmp(a.receiver_lib, z.receiver_lib) ||
            (n > 1 && a.seq >= z.seq))
            goto out;
        /* the whole file, as the scan would find it if the promise holds */
        struct run *r = &all[f];
        run_start(r, &a, (uint32_t)f, 0);
        r->count = n;
        r->last_seq = z.seq;
        r->last_ts = z.ts;
    }
    rc = plan_runs(p, all, nfiles, true, err);
    if (rc == NOT_QUICK) {
        rc = JX_OK;
        goto out;
    }
    if (rc)
        goto out;
    *out = p;
    p = NULL;
out:
    jx_free(all);
    jx_plan_free(p);
    return rc;
}

void jx_plan_free(struct jx_plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nrcv; i++)
        jx_free(p->rcv[i].pieces);
    jx_free(p->rcv);
    jx_free(p);
}

void jx_plan_report(const struct jx_plan *p, FILE *o)
{
    char a[27], b[27];
    fprintf(o, "%zu receiver(s) on %zu system(s), %llu entries", p->nrcv,
            p->nsystems, (unsigned long long)p->entries);
    if (p->duplicates)
        fprintf(o, ", %llu duplicate record(s) dropped", (unsigned long long)p->duplicates);
    if (p->skipped)
        fprintf(o, ", %llu invalid record(s) skipped", (unsigned long long)p->skipped);
    fprintf(o, "\n");
    fprintf(o, "%-8s %-10s %-10s %5s %20s %20s %-26s %-26s %10s  %s\n", "SYSTEM",
            "LIBRARY", "RECEIVER", "CHAIN", "FIRST SEQ", "LAST SEQ", "FIRST TIME",
            "LAST TIME", "ENTRIES", "NOTES");
    for (size_t i = 0; i < p->nrcv; i++) {
        const struct jx_rcvinfo *r = &p->rcv[i];
        jx_ts_format_saa(r->first_ts, a);
        jx_ts_format_saa(r->last_ts, b);
        fprintf(o, "%-8s %-10s %-10s %5u %20llu %20llu %-26s %-26s %10llu ",
                r->system, r->receiver_lib, r->receiver, r->chain,
                (unsigned long long)r->first_seq, (unsigned long long)r->last_seq,
                a, b, (unsigned long long)r->count);
        if (r->reset)
            fprintf(o, " sequence reset: new chain");
        if (r->gap_before)
            fprintf(o, " gap: %llu sequence number(s) missing before this receiver",
                    (unsigned long long)r->gap_before);
        if (r->duplicates)
            fprintf(o, " %llu duplicate(s) dropped (receiver given more than once)",
                    (unsigned long long)r->duplicates);
        fprintf(o, "\n");
    }
}

int jx_plan_scan(const struct jx_plan *p, jx_plan_visit_fn fn, void *arg,
                 struct jx_errctx *err)
{
    struct jx_entry *e = jx_malloc(sizeof(*e));
    struct jx_rcvdec *d = jx_malloc(sizeof(*d));
    /* read through a window as the ingest passes do (the same I/O), but
     * decode every record from scratch, as jx_rcvfile_decode() does */
    uint8_t *win = jx_huge_alloc(JX_RCV_WINDOW);
    int rc = JX_OK;
    if (!e || !d || !win) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < p->nrcv && !rc; i++)
        for (size_t k = 0; k < p->rcv[i].npieces && !rc; k++) {
            const struct jx_piece *pc = &p->rcv[i].pieces[k];
            jx_rcvdec_init(d, p->files[pc->file]);
            jx_rcvdec_window(d, win, JX_RCV_WINDOW);
            for (uint64_t r = 0; r < pc->count; r++) {
                jx_rcvdec_forget(d);
                if ((rc = jx_rcvdec_decode(d, pc->first + r, e, err)))
                    break;
                if ((rc = fn(e, arg)) != 0)
                    break;
            }
        }
out:
    jx_huge_free(win, JX_RCV_WINDOW);
    jx_free(d);
    jx_free(e);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect regular files under `path` (recursively), sorted per directory. */
static int collect(const char *path, char ***list, size_t *n, size_t *cap,
                   struct jx_errctx *err, int depth, FILE *notes)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return jx_error(err, JX_E_IO, path, -1, -1, "cannot open: %s", strerror(errno));
    if (S_ISREG(st.st_mode)) {
        /* A file named on the command line must be a receiver export (its
         * errors are the user's to see); one found in a directory may be a
         * README or a checksum list kept beside the receivers: pass it over,
         * and say so. */
        if (depth > 0) {
            int sn = jx_rcvfile_sniff(path);
            if (sn < 0)
                return jx_error(err, JX_E_IO, path, -1, -1, "cannot read: %s", strerror(errno));
            if (sn == 0) {
                if (notes)
                    fprintf(notes, "jidx: '%s': not a *TYPE5 receiver export (no "
                                   "heading at byte 0), passed over\n", path);
                return JX_OK;
            }
        }
        if (jx_grow((void **)list, cap, *n + 1, sizeof(char *)))
            return jx_error(err, JX_E_NOMEM, path, -1, -1, "out of memory");
        if (!((*list)[*n] = jx_strdup(path)))
            return jx_error(err, JX_E_NOMEM, path, -1, -1, "out of memory");
        (*n)++;
        return JX_OK;
    }
    if (!S_ISDIR(st.st_mode) || depth > 64)
        return depth ? JX_OK : jx_error(err, JX_E_FORMAT, path, -1, -1,
                                        "not a regular file or directory");
    DIR *d = opendir(path);
    if (!d)
        return jx_error(err, JX_E_IO, path, -1, -1, "cannot open directory: %s", strerror(errno));
    char **names = NULL;
    size_t nn = 0, nc = 0;
    struct dirent *de;
    int rc = JX_OK;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue; /* ., .., and hidden files such as editor backups */
        size_t l = strlen(path) + strlen(de->d_name) + 2;
        char *full = jx_malloc(l);
        if (!full || jx_grow((void **)&names, &nc, nn + 1, sizeof(char *))) {
            jx_free(full);
            rc = jx_error(err, JX_E_NOMEM, path, -1, -1, "out of memory");
            break;
        }
        snprintf(full, l, "%s/%s", path, de->d_name);
        names[nn++] = full;
    }
    closedir(d);
    if (nn)
        qsort(names, nn, sizeof(char *), name_cmp);
    for (size_t i = 0; i < nn; i++) {
        if (!rc)
            rc = collect(names[i], list, n, cap, err, depth + 1, notes);
        jx_free(names[i]);
    }
    jx_free(names);
    return rc;
}

int jx_open_inputs(char **paths, size_t npaths, const struct jx_rcvopts *o,
                   struct jx_rcvfile ***files, size_t *nfiles,
                   struct jx_errctx *err)
{
    char **list = NULL;
    size_t n = 0, cap = 0;
    int rc = JX_OK;
    *files = NULL;
    *nfiles = 0;
    for (size_t i = 0; i < npaths && !rc; i++)
        rc = collect(paths[i], &list, &n, &cap, err, 0, o ? o->notes : NULL);
    if (!rc && n == 0)
        rc = jx_error(err, JX_E_EMPTY, npaths ? paths[0] : NULL, -1, -1,
                      "no input files found");
    struct jx_rcvfile **fs = rc ? NULL : jx_calloc(n, sizeof(*fs));
    if (!rc && !fs)
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < n && !rc; i++)
        rc = jx_rcvfile_open(list[i], o, &fs[i], err);
    if (rc && err && (strstr(err->msg, "Too many open files") ||
                      strstr(err->msg, "Cannot allocate memory"))) {
        /* every input stays open (and mapped) for the run: say what to do */
        const size_t l = strlen(err->msg);
        snprintf(err->msg + l, sizeof(err->msg) - l,
                 " (%zu input files, each kept open: raise ulimit -n, or give them in "
                 "batches: ingest appends)", n);
    }
    for (size_t i = 0; i < n; i++)
        jx_free(list[i]);
    jx_free(list);
    if (rc) {
        jx_close_inputs(fs, n);
        return rc;
    }
    *files = fs;
    *nfiles = n;
    return JX_OK;
}

void jx_close_inputs(struct jx_rcvfile **files, size_t n)
{
    if (!files)
        return;
    for (size_t i = 0; i < n; i++)
        jx_rcvfile_close(files[i]);
    jx_free(files);
}
