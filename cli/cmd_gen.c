/*
 * cli/cmd_gen.c - `jidx gen`: write synthetic receiver chains (DSPJRN
 * OUTFILFMT(*TYPE5) files, one per receiver per system) with the realistic
 * entry mix of bench/gen.c. Test and benchmark data; see bench/README.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fields.h"
#include "gen.h"
#include "receiver.h"

static void help(FILE *o)
{
    fprintf(o,
"usage: jidx gen -o DIR --entries N [OPTIONS]\n"
"Write synthetic QAUDJRN receiver chains as DSPJRN OUTFILFMT(*TYPE5) files:\n"
"DIR/SYSA/AUDRCV0001, AUDRCV0002, ... one file per receiver per system.\n"
"The same options and seed always give the same bytes, whatever --threads.\n\n"
"  -o, --outdir DIR          output directory (created; must be empty)\n"
"  -n, --entries N           entries over all systems (K/M/G suffixes; default 100K)\n"
"      --days D              time span in days (default 1095 = 3 years)\n"
"      --start YYYY-MM-DD    first day, local time (default 2022-01-01)\n"
"      --systems S           systems SYSA, SYSB, ... (1..26, default 1)\n"
"      --receiver-entries R  entries per receiver (default 500K)\n"
"      --seed X              random seed (default 1)\n"
"      --ccsid C             EBCDIC CCSID of text fields (default 37; e.g. 273, 500, 1141)\n"
"      --entdtalen N|calc    JOESD capacity in bytes (default 1024; longer ESD is\n"
"                            truncated and flagged by JOENTL); calc = each receiver\n"
"                            sized to its longest entry, like ENTDTALEN(*CALC)\n"
"      --esd fixed|varlen|varlen608\n"
"                            JOESD shape: no prefix (default), 2-byte length at\n"
"                            0-based 609 with data at 611, or length at 607\n"
"      --profile mimix-objaud|action-only\n"
"                            entry mix (default mimix-objaud: ZC ~62%%)\n"
"      --resets              some receivers restart at sequence 1 (CHGJRN SEQOPT(*RESET))\n"
"      --missing-receiver    do not write one receiver of SYSA (a gap in the chain)\n"
"      --plant LIST          planted patterns in SYSA's first receiver, reported on\n"
"                            stderr: qsecofr-pw-burst, allobj-grant, sysval-change,\n"
"                            audit-change, or all\n"
"      --threads T           receivers written in parallel (default 1)\n"
"  -q, --quiet               no summary on stderr\n"
"  -h, --help                this text\n");
}

static int parse_date(const char *s, int64_t *ts)
{
    int y, m, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1900 || y > 9999 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return -1;
    *ts = jx_ts_make(y, m, d, 0, 0, 0, 0);
    /* reject 2023-02-30 and the like: the day must survive a round trip */
    int yy, mm, dd, h, mi, se, us;
    jx_ts_split(*ts, &yy, &mm, &dd, &h, &mi, &se, &us);
    return yy == y && mm == m && dd == d ? 0 : -1;
}

int jx_cmd_gen(int argc, char **argv)
{
    static const struct option lo[] = {
        {"outdir", required_argument, 0, 'o'}, {"entries", required_argument, 0, 'n'},
        {"days", required_argument, 0, 'd'}, {"start", required_argument, 0, 'S'},
        {"systems", required_argument, 0, 's'}, {"receiver-entries", required_argument, 0, 'R'},
        {"seed", required_argument, 0, 'x'}, {"ccsid", required_argument, 0, 'c'},
        {"entdtalen", required_argument, 0, 'l'}, {"esd", required_argument, 0, 'e'},
        {"profile", required_argument, 0, 'p'}, {"resets", no_argument, 0, 'r'},
        {"missing-receiver", no_argument, 0, 'm'}, {"plant", required_argument, 0, 'P'},
        {"threads", required_argument, 0, 't'}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    struct jx_gen_opts o;
    struct jx_gen_stats st;
    struct jx_errctx err;
    uint64_t v;
    int c, quiet = 0, rc;

    jx_errctx_clear(&err);
    jx_gen_opts_init(&o);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:n:qh", lo, NULL)) != -1) {
        switch (c) {
        case 'o': o.outdir = optarg; break;
        case 'n':
            if (jx_cli_parse_u64(optarg, &o.entries, 0) || o.entries == 0)
                return jx_cli_usage_error("gen", "bad --entries '%s'", optarg);
            break;
        case 'd':
            if (jx_cli_parse_u64(optarg, &v, 0) || v < 1 || v > 36500)
                return jx_cli_usage_error("gen", "bad --days '%s' (1..36500)", optarg);
            o.days = (int)v;
            break;
        case 'S':
            if (parse_date(optarg, &o.start))
                return jx_cli_usage_error("gen", "bad --start '%s' (YYYY-MM-DD)", optarg);
            break;
        case 's':
            if (jx_cli_parse_u64(optarg, &v, 0) || v < 1 || v > 26)
                return jx_cli_usage_error("gen", "bad --systems '%s' (1..26)", optarg);
            o.systems = (int)v;
            break;
        case 'R':
            if (jx_cli_parse_u64(optarg, &o.receiver_entries, 0) || o.receiver_entries < 8)
                return jx_cli_usage_error("gen", "bad --receiver-entries '%s' (at least 8)", optarg);
            break;
        case 'x':
            if (jx_cli_parse_u64(optarg, &o.seed, 0))
                return jx_cli_usage_error("gen", "bad --seed '%s'", optarg);
            break;
        case 'c':
            if (jx_cli_parse_u64(optarg, &v, 0) || v > 65535)
                return jx_cli_usage_error("gen", "bad --ccsid '%s'", optarg);
            o.ccsid = (int)v;
            break;
        case 'l':
            if (!strcmp(optarg, "calc"))
                o.entdtalen = JX_GEN_ENTDTALEN_CALC;
            else if (jx_cli_parse_u64(optarg, &v, 0) || v < 1 || v > JX_ESD_MAX)
                return jx_cli_usage_error("gen", "bad --entdtalen '%s' (1..%d or calc)", optarg,
                                          JX_ESD_MAX);
            else
                o.entdtalen = (uint32_t)v;
            break;
        case 'e': {
            int sh = jx_esd_shape_parse(optarg);
            if (sh != JX_ESD_FIXED && sh != JX_ESD_VARLEN && sh != JX_ESD_VARLEN608)
                return jx_cli_usage_error("gen", "bad --esd '%s' (fixed, varlen, varlen608)", optarg);
            o.shape = (enum jx_esd_shape)sh;
            break;
        }
        case 'p':
            if (!strcmp(optarg, "mimix-objaud"))
                o.profile = JX_GEN_MIMIX_OBJAUD;
            else if (!strcmp(optarg, "action-only"))
                o.profile = JX_GEN_ACTION_ONLY;
            else
                return jx_cli_usage_error("gen", "bad --profile '%s' (mimix-objaud, action-only)", optarg);
            break;
        case 'r': o.resets = true; break;
        case 'm': o.missing_receiver = true; break;
        case 'P':
            if (jx_gen_plant_parse(optarg, &o.plants, &err))
                return jx_cli_fail("gen", &err);
            break;
        case 't':
            if (jx_cli_parse_u64(optarg, &v, 0) || v < 1 || v > 256)
                return jx_cli_usage_error("gen", "bad --threads '%s' (1..256)", optarg);
            o.threads = (int)v;
            break;
        case 'q': quiet = 1; break;
        case 'h': help(stdout); return 0;
        default: help(stderr); return 2;
        }
    }
    if (optind < argc)
        return jx_cli_usage_error("gen", "unexpected argument '%s'", argv[optind]);
    if (!o.outdir)
        return jx_cli_usage_error("gen", "missing -o DIR (see 'jidx gen --help')");
    if ((rc = jx_gen_run(&o, &st, &err)) != JX_OK)
        return jx_cli_fail("gen", &err);
    for (size_t i = 0; i < st.nplants; i++) {
        const struct jx_gen_plant_loc *p = &st.plants[i];
        char t0[27], t1[27];
        jx_ts_format_saa(p->first_ts, t0);
        jx_ts_format_saa(p->last_ts, t1);
        fprintf(stderr, "planted %s: system %s receiver %s seq %llu..%llu time %s..%s: %s\n",
                p->name, p->system, p->receiver, (unsigned long long)p->first_seq,
                (unsigned long long)p->last_seq, t0, t1, p->detail);
    }
    if (!quiet)
        fprintf(stderr,
                "jidx gen: %llu entries in %llu files, %.1f MB (record %zu bytes, ENTDTALEN %u%s, "
                "%llu truncated) in %.2f s = %.2f GB/s\n",
                (unsigned long long)st.entries, (unsigned long long)st.files, st.bytes / 1e6,
                st.reclen, st.entdtalen, o.entdtalen == JX_GEN_ENTDTALEN_CALC ? " max, calc" : "",
                (unsigned long long)st.truncated, st.seconds,
                st.seconds > 0 ? st.bytes / st.seconds / 1e9 : 0.0);
    return 0;
}
