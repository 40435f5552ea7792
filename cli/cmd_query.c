/*
 * cli/cmd_query.c - `jidx query INDEX [filters] [output]`: answer an
 * auditor's question from the index alone (query/exec.h), never reading the
 * receivers. Filters come from query/filter.h's option table, so the
 * options, their --not- forms and --help can never drift apart.
 *
 * Workload: one query per process; the cost is in the executor. This file
 * only parses options and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "exec.h"
#include "filter.h"
#include "index.h"
#include "output.h"

enum {
    OPT_FORMAT = 1, OPT_FIELDS, OPT_LIMIT, OPT_REVERSE, OPT_COUNT, OPT_GROUP,
    OPT_TOP, OPT_HIST, OPT_STATS, OPT_THREADS, OPT_HELP,
};

static void help(FILE *o)
{
    size_t n;
    const struct jx_filter_opt *fo = jx_filter_options(&n);
    fprintf(o,
"usage: jidx query INDEX [FILTERS] [OUTPUT]\n"
"Answer filters from an index built by 'jidx ingest', in canonical order\n"
"(system, receiver chain, sequence). Only segments and rows that can match\n"
"are read; the receivers are never read.\n\n"
"Filters: a repeated filter or a comma list means OR, different filters AND.\n"
"Names are case-insensitive; QSEC* is a generic name, *CMD a special value,\n"
"* or *ALL any value. Every filter marked ! also exists as --not-NAME,\n"
"which rejects entries matching any of its values.\n");
    for (size_t i = 0; i < n; i++) {
        char left[64];
        snprintf(left, sizeof(left), "--%s %s", fo[i].name, fo[i].arg);
        fprintf(o, " %c%-29s %s\n", fo[i].negatable ? '!' : ' ', left, fo[i].help);
    }
    fprintf(o,
"\nTIME: 2023-01-23 | 2023-01-23 11:16[:19[.123456]] | 2023-01-23T11:16:19 |\n"
"IBM 2023-01-23-11.16.19.000000. --from is the start of what TIME names,\n"
"--to includes all of it: '--to 2023-01-23' ends at the end of that day,\n"
"'--to \"2023-01-23 11:16\"' at 11:16:59.999999. Local time of the system;\n"
"zones are refused.\n"
"--audlvl values:");
    size_t na;
    const struct jx_audlvl *al = jx_audlvl_table(&na);
    for (size_t i = 0; i < na; i++)
        fprintf(o, "%s%s", i % 8 ? " " : "\n  ", al[i].name);
    fprintf(o,
"\n  (formats doc §4; the mapping is UNCONFIRMED past *AUTFAIL)\n\n"
"Output:\n"
"  --format table|csv|json   (default table)\n"
"  --fields LIST             columns, comma separated (default: timestamp,seq,\n"
"                            system,type,subtype,user,qualified_job,program,\n"
"                            object,remote_addr,detail)\n"
"  --limit N                 at most N entries, stops early\n"
"  --reverse                 newest first (exact reverse of canonical order)\n"
"  --count                   only the number of matching entries\n"
"  --group-by FIELD[,FIELD]  counts per distinct value (up to %d fields),\n"
"                            by count descending, then value\n"
"  --top N                   with --group-by: the N largest groups\n"
"  --histogram hour|day|week|month  counts per period (weeks from Monday)\n"
"  --stats                   segments skipped/read, rows, time (on stderr)\n"
"  --threads N               worker threads (default: all cores)\n\n"
"FIELDS:", JX_GROUP_MAX);
    for (int i = 0; i < JX_FLD_COUNT_; i++)
        fprintf(o, "%s%s", i % 8 ? " " : "\n  ", jx_field_name((enum jx_field)i));
    fprintf(o, "\n\nExit status: 0 done (also when nothing matches), 2 bad option,\n"
               "filter or index.\n");
}

struct emit_ctx {
    struct jx_out *out;
};

static int emit(const struct jx_entry *e, void *arg)
{
    struct emit_ctx *c = arg;
    return jx_out_entry(c->out, e) ? JX_E_IO : 0;
}

int jx_cmd_query(int argc, char **argv)
{
    static const struct option fixed[] = {
        {"format", required_argument, 0, OPT_FORMAT}, {"fields", required_argument, 0, OPT_FIELDS},
        {"limit", required_argument, 0, OPT_LIMIT}, {"reverse", no_argument, 0, OPT_REVERSE},
        {"count", no_argument, 0, OPT_COUNT}, {"group-by", required_argument, 0, OPT_GROUP},
        {"top", required_argument, 0, OPT_TOP}, {"histogram", required_argument, 0, OPT_HIST},
        {"stats", no_argument, 0, OPT_STATS}, {"threads", required_argument, 0, OPT_THREADS},
        {"help", no_argument, 0, OPT_HELP},
    };
    const size_t nfixed = sizeof(fixed) / sizeof(fixed[0]);
    struct jx_cli_filteropts fo;
    struct jx_filter *f = NULL;
    struct jx_index *ix = NULL;
    struct jx_errctx err;
    struct jx_query_opts qo = {0};
    struct jx_query_stats st;
    enum jx_field fields[64], gfields[JX_GROUP_MAX];
    int nfields = (int)jx_default_nfields, ngf = 0, fmt = JX_FMT_TABLE, hist = -1;
    bool count = false, stats = false;
    uint64_t v, top = 0;
    int rc = 0, c;

    jx_errctx_clear(&err);
    memset(&st, 0, sizeof(st));
    memcpy(fields, jx_default_fields, jx_default_nfields * sizeof(*fields));
    if (jx_cli_filteropts_init(&fo, fixed, nfixed) || jx_filter_create(&f)) {
        rc = jx_cli_usage_error("query", "out of memory");
        goto out;
    }
    optind = 1;
    opterr = 1;
    while ((c = getopt_long(argc, argv, "h", fo.lo, NULL)) != -1) {
        const char *fname = jx_cli_filteropts_name(&fo, c);
        if (fname) {
            if (jx_filter_add(f, fname, optarg, &err)) {
                rc = jx_cli_fail("query", &err);
                goto out;
            }
            continue;
        }
        switch (c) {
        case OPT_FORMAT:
            if ((fmt = jx_format_parse(optarg)) < 0) {
                rc = jx_cli_usage_error("query", "unknown format '%s' (table, csv, json)", optarg);
                goto out;
            }
            break;
        case OPT_FIELDS:
            if ((nfields = jx_fields_parse(optarg, fields, 64, &err)) < 0) {
                rc = jx_cli_fail("query", &err);
                goto out;
            }
            break;
        case OPT_LIMIT:
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0) {
                rc = jx_cli_usage_error("query", "bad --limit '%s' (a positive number)", optarg);
                goto out;
            }
            qo.limit = v;
            break;
        case OPT_REVERSE: qo.reverse = true; break;
        case OPT_COUNT: count = true; break;
        case OPT_GROUP:
            if ((ngf = jx_fields_parse(optarg, gfields, JX_GROUP_MAX, &err)) < 0) {
                rc = jx_cli_fail("query", &err);
                goto out;
            }
            break;
        case OPT_TOP:
            if (jx_cli_parse_u64(optarg, &top, 0) || top == 0) {
                rc = jx_cli_usage_error("query", "bad --top '%s' (a positive number)", optarg);
                goto out;
            }
            break;
        case OPT_HIST:
            if ((hist = jx_hist_unit_parse(optarg)) < 0) {
                rc = jx_cli_usage_error("query", "bad --histogram '%s' (hour, day, week, month)",
                                        optarg);
                goto out;
            }
            break;
        case OPT_STATS: stats = true; break;
        case OPT_THREADS:
            if (jx_cli_parse_u64(optarg, &v, 0) || v == 0 || v > 1024) {
                rc = jx_cli_usage_error("query", "bad --threads '%s'", optarg);
                goto out;
            }
            qo.threads = (int)v;
            break;
        case OPT_HELP: case 'h':
            help(stdout);
            goto out;
        default:
            fprintf(stderr, "jidx query: see 'jidx query --help'\n");
            rc = 2;
            goto out;
        }
    }
    if (optind >= argc) {
        rc = jx_cli_usage_error("query", "missing INDEX (see 'jidx query --help')");
        goto out;
    }
    if (argc - optind > 1) {
        rc = jx_cli_usage_error("query", "unexpected argument '%s' (one INDEX only)",
                                argv[optind + 1]);
        goto out;
    }
    if ((count ? 1 : 0) + (ngf > 0) + (hist >= 0) > 1) {
        rc = jx_cli_usage_error("query", "--count, --group-by and --histogram exclude each other");
        goto out;
    }
    if (top && ngf <= 0) {
        rc = jx_cli_usage_error("query", "--top needs --group-by");
        goto out;
    }
    if (jx_filter_check(f, &err)) {
        rc = jx_cli_fail("query", &err);
        goto out;
    }
    if (jx_index_open(argv[optind], &ix, &err)) {
        rc = jx_cli_fail("query", &err);
        goto out;
    }

    int q;
    if (count) {
        uint64_t n = 0;
        if (!(q = jx_query_count(ix, f, &qo, &n, &st, &err)))
            q = jx_count_print(stdout, (enum jx_format)fmt, n);
    } else if (ngf > 0) {
        struct jx_groups *g = NULL;
        if (!(q = jx_query_group(ix, f, &qo, gfields, (size_t)ngf, (size_t)top, &g, &st, &err)))
            q = jx_groups_print(stdout, (enum jx_format)fmt, g);
        jx_groups_free(g);
    } else if (hist >= 0) {
        struct jx_histogram *h = NULL;
        if (!(q = jx_query_histogram(ix, f, &qo, (enum jx_hist_unit)hist, &h, &st, &err)))
            q = jx_histogram_print(stdout, (enum jx_format)fmt, h);
        jx_histogram_free(h);
    } else {
        struct emit_ctx ec = {0};
        qo.mask = jx_fields_mask(fields, (size_t)nfields);
        if (jx_out_create(stdout, (enum jx_format)fmt, fields, (size_t)nfields, &ec.out)) {
            rc = jx_cli_usage_error("query", "out of memory");
            goto out;
        }
        q = jx_query_entries(ix, f, &qo, emit, &ec, &st, &err);
        /* what was found before an error still prints, then the error */
        jx_out_finish(ec.out);
    }
    if (q) {
        if (!err.msg[0] && !err.file[0])
            jx_error(&err, q, NULL, -1, -1, "%s", jx_strerror(q));
        rc = jx_cli_fail("query", &err);
    }
    if (fflush(stdout) != 0 && !rc)
        rc = jx_cli_usage_error("query", "cannot write the output");
    if (stats)
        jx_query_stats_print(stderr, &st);
out:
    jx_index_close(ix);
    jx_filter_free(f);
    jx_cli_filteropts_release(&fo);
    return rc;
}
