/*
 * cli/cmd_verify.c - `jidx verify INDEX`: re-check every checksum and
 * structural invariant of an index (index/verify.c does the work; segments
 * are checked in parallel). Exit 0 with a summary when clean, 1 naming the
 * segment file and block of every fault found, 2 on usage errors or when
 * the index cannot be opened at all.
 */
#include <dirent.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "cli.h"
#include "index.h"

#define MAX_REPORTED 50

struct vjob {
    struct jx_index *ix;
    pthread_mutex_t lock;
    size_t next, nsegs, faults;
    struct jx_verify_stats st;
    bool quiet;
};

static void *vworker(void *arg)
{
    struct vjob *j = arg;
    struct jx_verify_stats st;
    memset(&st, 0, sizeof(st));
    for (;;) {
        pthread_mutex_lock(&j->lock);
        size_t i = j->next++;
        pthread_mutex_unlock(&j->lock);
        if (i >= j->nsegs)
            break;
        struct jx_errctx err;
        jx_errctx_clear(&err);
        if (jx_index_verify_seg(j->ix, i, &st, &err)) {
            char buf[1400];
            pthread_mutex_lock(&j->lock);
            if (j->faults++ < MAX_REPORTED)
                fprintf(stderr, "jidx verify: FAULT %s\n", jx_errctx_format(&err, buf, sizeof(buf)));
            pthread_mutex_unlock(&j->lock);
        }
    }
    pthread_mutex_lock(&j->lock);
    j->st.segments += st.segments;
    j->st.blocks += st.blocks;
    j->st.rows += st.rows;
    j->st.bytes += st.bytes;
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

static void help(FILE *o)
{
    fprintf(o, "usage: jidx verify [-j THREADS] [--quiet] INDEX\n"
               "Re-check every checksum and structural invariant of an index.\n"
               "Exit status 0: clean; 1: faults found (each named: segment file and\n"
               "block); 2: the index cannot be opened or bad usage.\n");
}

int jx_cmd_verify(int argc, char **argv)
{
    static const struct option lo[] = {{"threads", required_argument, 0, 'j'},
                                       {"quiet", no_argument, 0, 'q'},
                                       {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    struct vjob j;
    struct jx_errctx err;
    int threads = jx_cpu_count(), c;
    uint64_t v;
    bool quiet = false;

    memset(&j, 0, sizeof(j));
    optind = 1;
    while ((c = getopt_long(argc, argv, "j:qh", lo, NULL)) != -1) {
        switch (c) {
        case 'j':
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0 || v > 1024)
                return jx_cli_usage_error("verify", "bad --threads '%s'", optarg);
            threads = (int)v;
            break;
        case 'q': quiet = true; break;
        case 'h': help(stdout); return 0;
        default: help(stderr); return 2;
        }
    }
    if (optind != argc - 1) {
        help(stderr);
        return 2;
    }
    const char *dir = argv[optind];
    jx_errctx_clear(&err);
    if (jx_index_open(dir, &j.ix, &err)) {
        jx_cli_fail("verify", &err);
        /* a MANIFEST that exists but is damaged is a fault found, not usage */
        return err.code == JX_E_CHECKSUM || err.code == JX_E_CORRUPT ? 1 : 2;
    }
    const double t0 = jx_now();
    if (jx_index_verify_manifest(j.ix, &err)) {
        char buf[1400];
        fprintf(stderr, "jidx verify: FAULT %s\n", jx_errctx_format(&err, buf, sizeof(buf)));
        j.faults++;
    }
    j.nsegs = jx_index_nsegs(j.ix);
    pthread_mutex_init(&j.lock, NULL);
    if ((size_t)threads > j.nsegs)
        threads = j.nsegs ? (int)j.nsegs : 1;
    pthread_t *t = calloc((size_t)threads, sizeof(*t));
    int started = 0;
    for (int i = 1; t && i < threads; i++)
        if (!pthread_create(&t[i], NULL, vworker, &j))
            started = i;
        else
            break;
    vworker(&j);
    for (int i = 1; i <= started; i++)
        pthread_join(t[i], NULL);
    free(t);
    pthread_mutex_destroy(&j.lock);

    /* files the MANIFEST does not name: an interrupted ingest (harmless,
     * removed by the next ingest) */
    size_t orphans = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".jxs"))
            continue;
        bool live = false;
        for (size_t i = 0; i < j.nsegs && !live; i++)
            live = !strcmp(jx_index_seginfo(j.ix, i)->file, de->d_name);
        orphans += !live;
    }
    if (d)
        closedir(d);
    if (orphans && !quiet)
        fprintf(stderr, "jidx verify: note: %zu segment file(s) not in the MANIFEST (left by "
                        "an interrupted ingest; the next ingest removes them)\n", orphans);
    if (j.faults) {
        fprintf(stderr, "jidx verify: %s: %zu fault(s) found\n", dir, j.faults);
        jx_index_close(j.ix);
        return 1;
    }
    if (!quiet)
        printf("%s: ok: %llu segment(s), %llu block(s), %llu entries, %.1f MB verified "
               "in %.2f s\n", dir, (unsigned long long)j.st.segments,
               (unsigned long long)j.st.blocks, (unsigned long long)j.st.rows,
               (double)j.st.bytes / 1e6, jx_now() - t0);
    jx_index_close(j.ix);
    return 0;
}
