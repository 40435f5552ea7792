/*
 * cli/cmd_ingest.c - `jidx ingest`: index exported receivers (parallel,
 * incremental: receivers already in the index are skipped). Option parsing
 * and reporting only; the pipeline is ingest/ingest.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ebcdic.h"
#include "ingest.h"

static void help(FILE *o)
{
    fprintf(o,
"usage: jidx ingest -o INDEX [OPTIONS] FILE|DIR...\n"
"Index DSPJRN OUTFILFMT(*TYPE5) / QASYxxJ5 exports into INDEX (a directory,\n"
"created if missing). Receivers already in the index are reported and skipped\n"
"(without reading their files again when their first and last records and\n"
"record count are the ones indexed; --two-pass reads every file).\n\n"
"  -o, --output INDEX       index directory (required)\n"
"  -j, --threads N          worker threads (default: number of CPUs)\n"
"      --memory MB          working-memory bound in MB (default %u)\n"
"      --quiet              no progress line, no summary\n"
"      --reclen N           record length (default: detected)\n"
"      --esd fixed|varlen|varlen608|auto  JOESD shape (default: detected)\n"
"      --ccsid N            EBCDIC CCSID of the export (default 37)\n"
"      --on-error stop|skip stop at the first bad record (default) or report\n"
"                           it, skip it and go on\n"
"      --two-pass           plan from a scan of every record, then build (by\n"
"                           default each file is taken as one receiver, from\n"
"                           its first and last records, and checked record by\n"
"                           record as it is built; where that does not hold,\n"
"                           the rest is planned so: the same index either way)\n",
            (unsigned)(JX_INGEST_DEFAULT_MEMORY >> 20));
}

int jx_cmd_ingest(int argc, char **argv)
{
    static const struct option lo[] = {
        {"output", required_argument, 0, 'o'}, {"threads", required_argument, 0, 'j'},
        {"memory", required_argument, 0, 'm'}, {"quiet", no_argument, 0, 'q'},
        {"reclen", required_argument, 0, 'r'}, {"esd", required_argument, 0, 'e'},
        {"ccsid", required_argument, 0, 'c'}, {"on-error", required_argument, 0, 'E'},
        {"two-pass", no_argument, 0, 'T'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    struct jx_ingest_opts o;
    struct jx_ingest_stats st;
    struct jx_errctx err;
    const char *out = NULL;
    bool quiet = false;
    uint64_t v;
    int c;

    memset(&o, 0, sizeof(o));
    o.ro.shape = JX_ESD_AUTO;
    o.ro.ccsid = 37;
    o.ro.notes = stderr;
    jx_errctx_clear(&err);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:qh", lo, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'j':
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0 || v > 1024)
                return jx_cli_usage_error("ingest", "bad --threads '%s' (1..1024)", optarg);
            o.threads = (int)v;
            break;
        case 'm':
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0 || v > (1ull << 40))
                return jx_cli_usage_error("ingest", "bad --memory '%s' (megabytes)", optarg);
            o.memory = (size_t)(v << 20);
            break;
        case 'q': quiet = true; break;
        case 'r':
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0 || v > 1u << 20)
                return jx_cli_usage_error("ingest", "bad --reclen '%s'", optarg);
            o.ro.reclen = (size_t)v;
            break;
        case 'e':
            if ((c = jx_esd_shape_parse(optarg)) < 0)
                return jx_cli_usage_error("ingest", "bad --esd '%s' (fixed, varlen, varlen608, auto)", optarg);
            o.ro.shape = (enum jx_esd_shape)c;
            break;
        case 'c':
            if (jx_cli_parse_u64(optarg, &v, 0) || v > 65535 || !jx_ccsid_get((int)v))
                return jx_cli_usage_error("ingest", "unsupported --ccsid '%s'", optarg);
            o.ro.ccsid = (int)v;
            break;
        case 'E':
            if (!strcmp(optarg, "skip")) o.skip_bad = true;
            else if (!strcmp(optarg, "stop")) o.skip_bad = false;
            else return jx_cli_usage_error("ingest", "bad --on-error '%s' (stop, skip)", optarg);
            break;
        case 'T': o.two_pass = true; break;
        case 'h': help(stdout); return 0;
        default: help(stderr); return 2;
        }
    }
    if (!out)
        return jx_cli_usage_error("ingest", "no index given (-o INDEX)");
    if (optind >= argc)
        return jx_cli_usage_error("ingest", "no input files given");
    o.log = quiet ? NULL : stderr;
    o.report = stderr; /* skipped invalid records are always reported */
    o.progress = !quiet && isatty(STDERR_FILENO);
    if (jx_ingest(out, argv + optind, (size_t)(argc - optind), &o, &st, &err))
        return jx_cli_fail("ingest", &err);
    if (!quiet)
        jx_ingest_summary(&st, stderr);
    return 0;
}
