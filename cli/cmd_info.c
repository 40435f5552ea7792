/*
 * cli/cmd_info.c - `jidx info INDEX`: what an index holds: systems,
 * receivers and chains (recomputed over all receivers of each system in
 * canonical order: gaps, sequence resets), entry counts by type (from the
 * per-segment dictionary counts, no row is read), time span, size on disk
 * and compression against the source records. Text or JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fields.h"
#include "index.h"
#include "output.h"

struct chain {
    uint32_t chain;
    bool reset;
    uint64_t gap;
};

struct tcount {
    char type[8];
    uint64_t n;
};

static int tcount_cmp(const void *a, const void *b)
{
    const struct tcount *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->type, y->type);
}

static void help(FILE *o)
{
    fprintf(o, "usage: jidx info [--format text|json] INDEX\n"
               "Describe an index: systems, receivers and chains (gaps, sequence resets),\n"
               "entry counts by type, time span, size on disk and compression ratio.\n");
}

int jx_cmd_info(int argc, char **argv)
{
    static const struct option lo[] = {{"format", required_argument, 0, 'f'},
                                       {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    struct jx_index *ix = NULL;
    struct jx_errctx err;
    struct chain *ch = NULL;
    struct tcount *tc = NULL;
    size_t ntc = 0, tcap = 0;
    int json = 0, c, rc = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "json")) json = 1;
            else if (!strcmp(optarg, "text") || !strcmp(optarg, "table")) json = 0;
            else return jx_cli_usage_error("info", "unknown format '%s' (text, json)", optarg);
            break;
        case 'h': help(stdout); return 0;
        default: help(stderr); return 2;
        }
    }
    if (optind != argc - 1) {
        help(stderr);
        return 2;
    }
    jx_errctx_clear(&err);
    if (jx_index_open(argv[optind], &ix, &err))
        return jx_cli_fail("info", &err);
    const size_t nr = jx_index_nreceivers(ix), ns = jx_index_nsegs(ix);
    ch = calloc(nr + 1, sizeof(*ch));
    if (!ch) {
        rc = jx_cli_usage_error("info", "out of memory");
        goto out;
    }
    /* chains per system, receivers in canonical order (as in the MANIFEST) */
    size_t nsys = 0, nchains = 0, ngaps = 0, nresets = 0;
    uint64_t missing = 0, source = 0;
    int64_t tmin = INT64_MAX, tmax = INT64_MIN;
    for (size_t i = 0; i < nr; i++) {
        const struct jx_rcvsummary *r = jx_index_receiver(ix, i);
        const struct jx_rcvsummary *p = i ? jx_index_receiver(ix, i - 1) : NULL;
        source += r->source_bytes;
        tmin = JX_MIN(tmin, r->first_ts);
        tmax = JX_MAX(tmax, r->last_ts);
        if (!p || strcmp(p->system, r->system)) {
            nsys++;
            nchains++;
            ch[i].chain = 1;
            continue;
        }
        ch[i].chain = ch[i - 1].chain;
        if (r->first_seq <= p->last_seq) {
            ch[i].reset = true;
            ch[i].chain++;
            nchains++;
            nresets++;
        } else if (r->first_seq > p->last_seq + 1) {
            ch[i].gap = r->first_seq - p->last_seq - 1;
            ngaps++;
            missing += ch[i].gap;
        }
    }
    /* entry counts by type: dictionary counts of every segment */
    for (size_t i = 0; i < ns; i++) {
        struct jx_seg *s;
        if (jx_index_seg(ix, i, &s, &err)) {
            rc = jx_cli_fail("info", &err);
            goto out;
        }
        for (uint32_t v = 0; v < jx_seg_dict_count(s, JX_COL_TYPE); v++) {
            const char *t = jx_seg_dict_str(s, JX_COL_TYPE, v);
            size_t k = 0;
            while (k < ntc && strcmp(tc[k].type, t))
                k++;
            if (k == ntc) {
                if (jx_grow((void **)&tc, &tcap, ntc + 1, sizeof(*tc))) {
                    rc = jx_cli_usage_error("info", "out of memory");
                    goto out;
                }
                memset(&tc[ntc], 0, sizeof(*tc));
                snprintf(tc[ntc].type, sizeof(tc[ntc].type), "%s", t);
                ntc++;
            }
            tc[k].n += jx_seg_value_rows(s, JX_COL_TYPE, v);
        }
    }
    if (ntc)
        qsort(tc, ntc, sizeof(*tc), tcount_cmp);
    const uint64_t entries = jx_index_entries(ix), disk = jx_index_disk_bytes(ix);
    char a[27], b[27];
    if (!nr) {
        tmin = tmax = 0;
    }
    jx_ts_format_saa(tmin, a);
    jx_ts_format_saa(tmax, b);

    if (json) {
        printf("{\"path\": ");
        jx_json_write_string(stdout, jx_index_path(ix));
        printf(", \"format\": %u, \"generation\": %llu, \"systems\": %zu, \"receivers\": %zu, "
               "\"chains\": %zu, \"gaps\": %zu, \"missing_sequence_numbers\": %llu, "
               "\"resets\": %zu, \"segments\": %zu, \"entries\": %llu, \"disk_bytes\": %llu, "
               "\"source_bytes\": %llu, \"first_time\": \"%s\", \"last_time\": \"%s\",\n",
               jx_index_format(ix), (unsigned long long)jx_index_generation(ix), nsys, nr,
               nchains, ngaps, (unsigned long long)missing, nresets, ns,
               (unsigned long long)entries, (unsigned long long)disk,
               (unsigned long long)source, nr ? a : "", nr ? b : "");
        printf(" \"types\": {");
        for (size_t k = 0; k < ntc; k++) {
            printf("%s", k ? ", " : "");
            jx_json_write_string(stdout, tc[k].type);
            printf(": %llu", (unsigned long long)tc[k].n);
        }
        printf("},\n \"receiver_list\": [");
        for (size_t i = 0; i < nr; i++) {
            const struct jx_rcvsummary *r = jx_index_receiver(ix, i);
            jx_ts_format_saa(r->first_ts, a);
            jx_ts_format_saa(r->last_ts, b);
            printf("%s\n  {\"system\": ", i ? "," : "");
            jx_json_write_string(stdout, r->system);
            printf(", \"library\": ");
            jx_json_write_string(stdout, r->receiver_lib);
            printf(", \"receiver\": ");
            jx_json_write_string(stdout, r->receiver);
            printf(", \"chain\": %u, \"first_seq\": %llu, \"last_seq\": %llu, "
                   "\"first_time\": \"%s\", \"last_time\": \"%s\", \"entries\": %llu, "
                   "\"reset\": %s, \"gap_before\": %llu}",
                   ch[i].chain, (unsigned long long)r->first_seq,
                   (unsigned long long)r->last_seq, a, b, (unsigned long long)r->entries,
                   ch[i].reset ? "true" : "false", (unsigned long long)ch[i].gap);
        }
        printf("\n ]}\n");
        goto out;
    }
    printf("index %s (format %u, generation %llu)\n", jx_index_path(ix),
           jx_index_format(ix), (unsigned long long)jx_index_generation(ix));
    printf("  %llu entries in %zu receiver(s) on %zu system(s), %zu chain(s), %zu segment(s)\n",
           (unsigned long long)entries, nr, nsys, nchains, ns);
    if (nr)
        printf("  time span %s .. %s\n", a, b);
    printf("  gaps: %zu (%llu sequence number(s) missing), sequence resets: %zu\n", ngaps,
           (unsigned long long)missing, nresets);
    printf("  size on disk %.1f MB (%.1f bytes/entry); source records %.1f MB: %.1fx "
           "compression\n", (double)disk / 1e6,
           entries ? (double)disk / (double)entries : 0.0, (double)source / 1e6,
           disk ? (double)source / (double)disk : 0.0);
    printf("\n%-8s %-10s %-10s %5s %20s %20s %-26s %-26s %10s  %s\n", "SYSTEM", "LIBRARY",
           "RECEIVER", "CHAIN", "FIRST SEQ", "LAST SEQ", "FIRST TIME", "LAST TIME", "ENTRIES",
           "NOTES");
    for (size_t i = 0; i < nr; i++) {
        const struct jx_rcvsummary *r = jx_index_receiver(ix, i);
        jx_ts_format_saa(r->first_ts, a);
        jx_ts_format_saa(r->last_ts, b);
        printf("%-8s %-10s %-10s %5u %20llu %20llu %-26s %-26s %10llu ", r->system,
               r->receiver_lib, r->receiver, ch[i].chain, (unsigned long long)r->first_seq,
               (unsigned long long)r->last_seq, a, b, (unsigned long long)r->entries);
        if (ch[i].reset)
            printf(" sequence reset: new chain");
        if (ch[i].gap)
            printf(" gap: %llu sequence number(s) missing before this receiver",
                   (unsigned long long)ch[i].gap);
        printf("\n");
    }
    printf("\nentries by type:\n");
    for (size_t k = 0; k < ntc; k++)
        printf("  %-4s %12llu  %5.1f%%\n", tc[k].type, (unsigned long long)tc[k].n,
               entries ? 100.0 * (double)tc[k].n / (double)entries : 0.0);
out:
    free(ch);
    jx_free(tc);
    jx_index_close(ix);
    return rc;
}
