/*
 * cli/cmd_dump.c - `jidx dump`: decode exported receivers and print every
 * entry, like DSPAUDJRNE on the system. The first thing a user runs to see
 * that an export reads right: record length, JOESD shape, CCSID and chain.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "cli.h"
#include "ebcdic.h"
#include "output.h"

static void help(FILE *o)
{
    fprintf(o,
"usage: jidx dump [OPTIONS] FILE|DIR...\n"
"Decode DSPJRN OUTFILFMT(*TYPE5) / QASYxxJ5 exports and print their entries\n"
"in canonical order (system, receiver chain, sequence).\n\n"
"  --format table|csv|json  output format (default table)\n"
"  --fields LIST            columns, comma separated (default: all heading\n"
"                           and key ESD fields); see 'jidx query --help'\n"
"  --reclen N               record length (default: detected)\n"
"  --esd fixed|varlen|varlen608|auto  JOESD shape (default: detected)\n"
"  --ccsid N                EBCDIC CCSID of the export (default 37)\n"
"  --on-error stop|skip     stop at the first bad record (default) or report\n"
"                           it on stderr, skip it and go on\n"
"  --file-order             print in file order instead of canonical order\n"
"  --limit N                print at most N entries\n"
"  --summary                print the receiver/chain summary (stderr) too\n"
"  --info                   print only the detected format and the summary\n");
}

struct dump_ctx {
    struct jx_out *out;
    uint64_t limit, n;
};

static int visit(const struct jx_entry *e, void *arg)
{
    struct dump_ctx *d = arg;
    if (d->limit && d->n >= d->limit)
        return 1;
    d->n++;
    return jx_out_entry(d->out, e) ? -1 : 0;
}

int jx_cmd_dump(int argc, char **argv)
{
    static const struct option lo[] = {
        {"format", required_argument, 0, 'f'}, {"fields", required_argument, 0, 'F'},
        {"reclen", required_argument, 0, 'r'}, {"esd", required_argument, 0, 'e'},
        {"ccsid", required_argument, 0, 'c'}, {"on-error", required_argument, 0, 'o'},
        {"file-order", no_argument, 0, 'O'}, {"limit", required_argument, 0, 'l'},
        {"summary", no_argument, 0, 's'}, {"info", no_argument, 0, 'i'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    struct jx_rcvopts ro = {0, JX_ESD_AUTO, 37, stderr};
    struct jx_plan_opts po = {false, 0, stderr};
    enum jx_field fields[64];
    int nfields = (int)jx_dump_nfields;
    int fmt = JX_FMT_TABLE, file_order = 0, summary = 0, info_only = 0, c, rc = 0;
    uint64_t v, limit = 0;
    struct jx_errctx err;
    struct jx_rcvfile **files = NULL;
    size_t nfiles = 0;
    struct jx_plan *plan = NULL;
    struct dump_ctx d = {0};

    jx_errctx_clear(&err);
    memcpy(fields, jx_dump_fields, jx_dump_nfields * sizeof(*fields));
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (c) {
        case 'f':
            if ((fmt = jx_format_parse(optarg)) < 0)
                return jx_cli_usage_error("dump", "unknown format '%s' (table, csv, json)", optarg);
            break;
        case 'F':
            if ((nfields = jx_fields_parse(optarg, fields, 64, &err)) < 0)
                return jx_cli_fail("dump", &err);
            break;
        case 'r':
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0)
                return jx_cli_usage_error("dump", "bad --reclen '%s'", optarg);
            ro.reclen = (size_t)v;
            break;
        case 'e':
            if ((c = jx_esd_shape_parse(optarg)) < 0)
                return jx_cli_usage_error("dump", "bad --esd '%s' (fixed, varlen, varlen608, auto)", optarg);
            ro.shape = (enum jx_esd_shape)c;
            break;
        case 'c':
            if (jx_cli_parse_u64(optarg, &v, 0) || !jx_ccsid_get((int)v))
                return jx_cli_usage_error("dump", "unsupported --ccsid '%s'", optarg);
            ro.ccsid = (int)v;
            break;
        case 'o':
            if (!strcmp(optarg, "skip")) po.skip_bad = true;
            else if (!strcmp(optarg, "stop")) po.skip_bad = false;
            else return jx_cli_usage_error("dump", "bad --on-error '%s' (stop, skip)", optarg);
            break;
        case 'O': file_order = 1; break;
        case 'l':
            if (jx_cli_parse_u64(optarg, &limit, 0))
                return jx_cli_usage_error("dump", "bad --limit '%s'", optarg);
            break;
        case 's': summary = 1; break;
        case 'i': info_only = 1; break;
        case 'h': help(stdout); return 0;
        default: help(stderr); return 2;
        }
    }
    if (optind >= argc) {
        help(stderr);
        return 2;
    }
    if (jx_open_inputs(argv + optind, (size_t)(argc - optind), &ro, &files, &nfiles, &err))
        return jx_cli_fail("dump", &err);
    if (info_only || summary)
        for (size_t i = 0; i < nfiles; i++)
            fprintf(info_only ? stdout : stderr,
                    "%s: %llu records of %zu bytes, JOESD %s, CCSID %d\n",
                    jx_rcvfile_path(files[i]), (unsigned long long)jx_rcvfile_count(files[i]),
                    jx_rcvfile_reclen(files[i]), jx_esd_shape_name(jx_rcvfile_shape(files[i])),
                    ro.ccsid);
    if (jx_plan_build(files, nfiles, &po, &plan, &err)) {
        rc = jx_cli_fail("dump", &err);
        goto out;
    }
    if (info_only) {
        jx_plan_report(plan, stdout);
        goto out;
    }
    if (jx_out_create(stdout, (enum jx_format)fmt, fields, (size_t)nfields, &d.out)) {
        rc = jx_cli_usage_error("dump", "out of memory");
        goto out;
    }
    d.limit = limit;
    if (file_order) {
        struct jx_entry *e = jx_malloc(sizeof(*e));
        for (size_t f = 0; e && f < nfiles && !rc; f++)
            for (uint64_t r = 0; r < jx_rcvfile_count(files[f]); r++) {
                if (limit && d.n >= limit)
                    break;
                if (jx_rcvfile_decode(files[f], r, e, &err)) {
                    if (!po.skip_bad) {
                        rc = jx_cli_fail("dump", &err);
                        break;
                    }
                    continue;
                }
                visit(e, &d);
            }
        jx_free(e);
    } else {
        int r = jx_plan_scan(plan, visit, &d, &err);
        if (r < 0 && r != -1)
            rc = jx_cli_fail("dump", &err);
    }
    jx_out_finish(d.out);
    if (summary)
        jx_plan_report(plan, stderr);
out:
    jx_plan_free(plan);
    jx_close_inputs(files, nfiles);
    return rc;
}
