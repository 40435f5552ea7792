/*
 * cli/cmd_bench.c - `jidx bench`: generation, ingest and query speed in one
 * run, every query answer checked against a brute-force scan (bench/bench.h,
 * method in bench/README.md). `make bench` runs it with the defaults.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "cli.h"

static void help(FILE *o)
{
    fprintf(o,
"usage: jidx bench [OPTIONS]\n"
"Generate a receiver chain (or reuse one), ingest it with each thread count,\n"
"ask a fixed suite of auditor questions of the index and of a brute-force\n"
"scan of the receivers, check the answers are identical, and print the\n"
"figures next to the targets as a markdown table. Exit status: 0 all\n"
"answers identical, 1 a MISMATCH, 2 the benchmark could not run.\n\n"
"  --entries N      entries to generate (default %llu; K/M/G suffixes)\n"
"  --threads LIST   ingest thread counts, comma separated (default 1,<cores>)\n"
"  --dir DIR        work directory (default: a new $TMPDIR/jidx-bench.XXXXXX);\n"
"                   receivers go to DIR/rcv, indexes to DIR/idx-*\n"
"  --keep           keep the generated receivers and indexes\n"
"  --json FILE      also write the results as JSON to FILE\n"
"  --input DIR      benchmark these receivers instead of generating\n"
"  --runs K         timed warm runs per query, median reported (default %d)\n"
"  --quiet          no progress lines on stderr\n",
            (unsigned long long)JX_BENCH_DEFAULT_ENTRIES, JX_BENCH_DEFAULT_RUNS);
}

static int parse_threads(const char *s, struct jx_bench_opts *o)
{
    char buf[256];
    char *save = NULL, *tok;
    uint64_t v;
    snprintf(buf, sizeof(buf), "%s", s);
    o->nthreads = 0;
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (jx_cli_parse_u64(tok, &v, 0) || v < 1 || v > 1024 ||
            o->nthreads >= JX_BENCH_MAX_THREADS)
            return -1;
        o->threads[o->nthreads++] = (int)v;
    }
    return o->nthreads ? 0 : -1;
}

int jx_cmd_bench(int argc, char **argv)
{
    static const struct option lo[] = {
        {"entries", required_argument, 0, 'n'}, {"threads", required_argument, 0, 't'},
        {"dir", required_argument, 0, 'd'},     {"keep", no_argument, 0, 'k'},
        {"json", required_argument, 0, 'j'},    {"input", required_argument, 0, 'i'},
        {"runs", required_argument, 0, 'r'},    {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    struct jx_bench_opts o;
    struct jx_errctx err;
    uint64_t v;
    int c, rc;

    memset(&o, 0, sizeof(o));
    o.entries = JX_BENCH_DEFAULT_ENTRIES;
    o.out = stdout;
    o.log = stderr;
    jx_errctx_clear(&err);
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (jx_cli_parse_u64(optarg, &v, 0) || v < 1000)
                return jx_cli_usage_error("bench", "bad --entries '%s' (at least 1000)", optarg);
            o.entries = v;
            break;
        case 't':
            if (parse_threads(optarg, &o))
                return jx_cli_usage_error("bench", "bad --threads '%s' (e.g. 1,2,4; at most %d)",
                                          optarg, JX_BENCH_MAX_THREADS);
            break;
        case 'd': o.dir = optarg; break;
        case 'k': o.keep = true; break;
        case 'j': o.json = optarg; break;
        case 'i': o.input = optarg; break;
        case 'r':
            if (jx_cli_parse_u64(optarg, &v, 0) || v < 1 || v > 64)
                return jx_cli_usage_error("bench", "bad --runs '%s' (1 to 64)", optarg);
            o.runs = (int)v;
            break;
        case 'q': o.log = NULL; break;
        case 'h': help(stdout); return 0;
        default: help(stderr); return 2;
        }
    }
    if (optind < argc)
        return jx_cli_usage_error("bench", "unexpected argument '%s'", argv[optind]);
    rc = jx_bench_run(&o, &err);
    if (rc < 0)
        return jx_cli_fail("bench", &err);
    return rc ? 1 : 0;
}
