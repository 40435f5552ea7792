/*
 * index/writer.c - the index writer: directory creation (0700), the LOCK
 * (flock, exclusive, never waits), orphan cleanup, segment numbering, and
 * commits that publish new receivers by replacing the MANIFEST atomically.
 *
 * Workload: one writer per ingest; a handful of calls per receiver and one
 * commit per batch. Cold code; the hot part of writing is segwrite.c.
 */
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index_int.h"

struct jx_index_writer {
    char *path;
    int lockfd;
    struct jx_manifest m;      /* committed + added since */
    size_t rcv_cap, seg_cap, hash_cap;
    size_t committed_rcv, committed_seg; /* m's prefix the MANIFEST lists */
    bool dirty;
};

const char *jx_writer_path(const struct jx_index_writer *w) { return w->path; }
size_t jx_writer_nreceivers(const struct jx_index_writer *w) { return w->m.nrcv; }
uint64_t jx_writer_generation(const struct jx_index_writer *w) { return w->m.generation; }

uint64_t jx_writer_entries(const struct jx_index_writer *w)
{
    uint64_t n = 0;
    for (size_t i = 0; i < w->m.nrcv; i++)
        n += w->m.rcv[i].entries;
    return n;
}

/* Delete segment files no MANIFEST names: they come from an interrupted
 * ingest. Safe: segments are never removed from a MANIFEST once listed, so
 * no reader's snapshot can name a file the current MANIFEST does not. */
static void remove_orphans(struct jx_index_writer *w)
{
    DIR *d = opendir(w->path);
    struct dirent *de;
    char p[4400];
    if (!d)
        return;
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        size_t l = strlen(n);
        bool seg = l > 5 && n[0] == 'S' && !strcmp(n + l - 4, ".jxs");
        if (!seg && strcmp(n, "MANIFEST.tmp"))
            continue;
        bool live = false;
        for (size_t i = 0; seg && i < w->m.nseg && !live; i++)
            live = !strcmp(w->m.seg[i].file, n);
        if (!live) {
            snprintf(p, sizeof(p), "%s/%s", w->path, n);
            unlink(p);
        }
    }
    closedir(d);
}

int jx_writer_open(const char *dir, struct jx_index_writer **out, struct jx_errctx *err)
{
    struct jx_index_writer *w = NULL;
    char lp[4200];
    int rc = JX_OK;
    struct stat st;

    *out = NULL;
    if (strlen(dir) > 4000)
        return jx_error(err, JX_E_USAGE, dir, -1, -1, "index path too long");
    if (mkdir(dir, 0700) == 0) {
        /* make the new directory's own entry durable too */
        char parent[4100];
        snprintf(parent, sizeof(parent), "%s", dir);
        char *sl = strrchr(parent, '/');
        if (sl == parent)
            sl[1] = '\0';
        else if (sl)
            *sl = '\0';
        else
            snprintf(parent, sizeof(parent), ".");
        int pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (pfd >= 0) {
            (void)fsync(pfd);
            close(pfd);
        }
    } else if (errno != EEXIST) {
        return jx_error(err, JX_E_IO, dir, -1, -1, "cannot create index directory: %s",
                        strerror(errno));
    }
    if (stat(dir, &st) || !S_ISDIR(st.st_mode))
        return jx_error(err, JX_E_USAGE, dir, -1, -1, "not a directory");
    w = jx_calloc(1, sizeof(*w));
    if (!w || !(w->path = jx_strdup(dir))) {
        rc = jx_error(err, JX_E_NOMEM, dir, -1, -1, "out of memory");
        goto out;
    }
    w->lockfd = -1;
    snprintf(lp, sizeof(lp), "%s/LOCK", dir);
    w->lockfd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (w->lockfd < 0) {
        rc = jx_error(err, JX_E_IO, lp, -1, -1, "cannot open lock file: %s", strerror(errno));
        goto out;
    }
    if (flock(w->lockfd, LOCK_EX | LOCK_NB)) {
        if (errno == EWOULDBLOCK)
            rc = jx_error(err, JX_E_LOCKED, dir, -1, -1,
                          "index is locked by another writer (an ingest is running "
                          "on it); try again when it has finished");
        else
            rc = jx_error(err, JX_E_IO, lp, -1, -1, "cannot lock: %s", strerror(errno));
        goto out;
    }
    rc = jx_manifest_read(dir, &w->m, err);
    if (rc == JX_E_NOTFOUND) {
        jx_errctx_clear(err);
        memset(&w->m, 0, sizeof(w->m));
        rc = JX_OK;
    }
    if (rc)
        goto out;
    w->rcv_cap = w->m.nrcv;
    w->seg_cap = w->hash_cap = w->m.nseg;
    w->committed_rcv = w->m.nrcv;
    w->committed_seg = w->m.nseg;
    remove_orphans(w);
    *out = w;
    w = NULL;
out:
    jx_writer_close(w);
    return rc;
}

void jx_writer_close(struct jx_index_writer *w)
{
    if (!w)
        return;
    if (w->lockfd >= 0)
        close(w->lockfd); /* releases the flock */
    jx_manifest_release(&w->m);
    jx_free(w->path);
    jx_free(w);
}

const struct jx_rcvsummary *jx_writer_find_receiver(const struct jx_index_writer *w,
                                                    const char *system,
                                                    const char *receiver_lib,
                                                    const char *receiver)
{
    for (size_t i = 0; i < w->m.nrcv; i++) {
        const struct jx_rcvsummary *r = &w->m.rcv[i];
        if (!strcmp(r->receiver, receiver) && !strcmp(r->system, system) &&
            !strcmp(r->receiver_lib, receiver_lib))
            return r;
    }
    return NULL;
}

uint64_t jx_writer_reserve(struct jx_index_writer *w, uint64_t n)
{
    uint64_t first = w->m.next_segno;
    w->m.next_segno += n;
    return first;
}

void jx_segwritten_close(struct jx_segwritten *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
}

int jx_writer_add_receiver(struct jx_index_writer *w, const struct jx_rcvsummary *r,
                           struct jx_segwritten *segs, size_t n,
                           struct jx_errctx *err)
{
    int rc = JX_OK;
    /* durable before any MANIFEST can name them (doc/format.md §5) */
    for (size_t i = 0; i < n; i++) {
        if (segs[i].fd < 0)
            continue;
        if (!rc && (fsync(segs[i].fd) || close(segs[i].fd)))
            rc = jx_error(err, JX_E_IO, segs[i].path, -1, -1, "cannot write segment: %s",
                          strerror(errno));
        else if (rc)
            close(segs[i].fd);
        segs[i].fd = -1;
    }
    if (rc)
        return rc;
    if (jx_grow((void **)&w->m.rcv, &w->rcv_cap, w->m.nrcv + 1, sizeof(*w->m.rcv)))
        return jx_error(err, JX_E_NOMEM, w->path, -1, -1, "out of memory");
    if (jx_grow((void **)&w->m.seg, &w->seg_cap, w->m.nseg + n, sizeof(*w->m.seg)) ||
        jx_grow((void **)&w->m.seg_hdrhash, &w->hash_cap, w->m.nseg + n, sizeof(uint64_t)))
        return jx_error(err, JX_E_NOMEM, w->path, -1, -1, "out of memory");
    const uint32_t ri = (uint32_t)w->m.nrcv;
    w->m.rcv[w->m.nrcv++] = *r;
    for (size_t i = 0; i < n; i++) {
        w->m.seg[w->m.nseg] = segs[i].info;
        w->m.seg[w->m.nseg].receiver_idx = ri;
        w->m.seg_hdrhash[w->m.nseg] = segs[i].hdr_hash;
        w->m.nseg++;
    }
    w->dirty = true;
    return JX_OK;
}

void jx_writer_rollback(struct jx_index_writer *w, uint64_t segno)
{
    /* add_receiver appends after the committed prefix */
    w->m.nrcv = w->committed_rcv;
    w->m.nseg = w->committed_seg;
    for (size_t i = 0; i < w->m.nseg; i++) { /* never below a listed segment */
        unsigned long long n;
        if (sscanf(w->m.seg[i].file, "S%llu", &n) == 1 && n >= segno)
            segno = n + 1;
    }
    if (segno < w->m.next_segno)
        w->m.next_segno = segno;
    w->dirty = false;
    remove_orphans(w);
}

/* Canonical order of receivers: system, first timestamp, name, library
 * (the order of ingest/chain.h, restated here: index/ does not include
 * ingest/). */
static int rcv_cmp(const void *a, const void *b, void *arg)
{
    const struct jx_rcvsummary *rv = arg;
    const struct jx_rcvsummary *x = &rv[*(const uint32_t *)a], *y = &rv[*(const uint32_t *)b];
    int c = strcmp(x->system, y->system);
    if (!c) c = x->first_ts < y->first_ts ? -1 : x->first_ts > y->first_ts;
    if (!c) c = strcmp(x->receiver, y->receiver);
    if (!c) c = strcmp(x->receiver_lib, y->receiver_lib);
    return c;
}

struct segref {
    uint32_t rank;      /* position of its receiver in canonical order */
    uint64_t seq_min;
    size_t i;
};

static int seg_cmp(const void *a, const void *b)
{
    const struct segref *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    return x->seq_min < y->seq_min ? -1 : x->seq_min > y->seq_min;
}

int jx_writer_commit(struct jx_index_writer *w, struct jx_errctx *err)
{
    struct jx_manifest n;
    uint32_t *order = NULL, *rank = NULL;
    struct segref *sr = NULL;
    int rc = JX_OK;
    const struct jx_manifest *m = &w->m;

    memset(&n, 0, sizeof(n));
    order = jx_calloc(m->nrcv + 1, sizeof(*order));
    rank = jx_calloc(m->nrcv + 1, sizeof(*rank));
    sr = jx_calloc(m->nseg + 1, sizeof(*sr));
    n.rcv = jx_calloc(m->nrcv + 1, sizeof(*n.rcv));
    n.seg = jx_calloc(m->nseg + 1, sizeof(*n.seg));
    n.seg_hdrhash = jx_calloc(m->nseg + 1, sizeof(uint64_t));
    if (!order || !rank || !sr || !n.rcv || !n.seg || !n.seg_hdrhash) {
        rc = jx_error(err, JX_E_NOMEM, w->path, -1, -1, "out of memory");
        goto out;
    }
    for (uint32_t i = 0; i < m->nrcv; i++)
        order[i] = i;
    qsort_r(order, m->nrcv, sizeof(*order), rcv_cmp, m->rcv);
    for (uint32_t i = 0; i < m->nrcv; i++) {
        rank[order[i]] = i;
        n.rcv[i] = m->rcv[order[i]];
    }
    for (size_t i = 0; i < m->nseg; i++)
        sr[i] = (struct segref){rank[m->seg[i].receiver_idx], m->seg[i].seq_min, i};
    qsort(sr, m->nseg, sizeof(*sr), seg_cmp);
    for (size_t i = 0; i < m->nseg; i++) {
        n.seg[i] = m->seg[sr[i].i];
        n.seg[i].receiver_idx = sr[i].rank;
        n.seg_hdrhash[i] = m->seg_hdrhash[sr[i].i];
    }
    n.nrcv = m->nrcv;
    n.nseg = m->nseg;
    n.generation = m->generation + 1;
    n.next_segno = m->next_segno;
    if ((rc = jx_manifest_write(w->path, &n, err)))
        goto out;
    jx_manifest_release(&w->m);
    w->m = n;
    w->rcv_cap = n.nrcv + 1;
    w->seg_cap = w->hash_cap = n.nseg + 1;
    w->committed_rcv = n.nrcv;
    w->committed_seg = n.nseg;
    memset(&n, 0, sizeof(n));
    w->dirty = false;
out:
    jx_manifest_release(&n);
    jx_free(order);
    jx_free(rank);
    jx_free(sr);
    return rc;
}
