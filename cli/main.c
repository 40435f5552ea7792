/*
 * cli/main.c - the single `jidx` binary: dispatch to subcommands.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <malloc.h>

#include "cli.h"
#include "index.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
} cmds[] = {
    {"gen", jx_cmd_gen, "write synthetic receiver chains (*TYPE5 files)"},
    {"dump", jx_cmd_dump, "decode receiver files and print their entries"},
    {"ingest", jx_cmd_ingest, "index receiver files (parallel, incremental)"},
    {"query", jx_cmd_query, "answer filters from an index"},
    {"info", jx_cmd_info, "describe an index: receivers, chains, counts, size"},
    {"verify", jx_cmd_verify, "check every checksum and invariant of an index"},
    {"report", jx_cmd_report, "canned security reports from an index"},
    {"bench", jx_cmd_bench, "benchmark gen, ingest and queries against a scan"},
};

static void usage(FILE *o)
{
    fprintf(o, "usage: jidx COMMAND [OPTIONS] ...\n\n"
               "Index IBM i security audit journal (QAUDJRN) exports and query them.\n\n"
               "commands:\n");
    for (size_t i = 0; i < JX_ARRAY_SIZE(cmds); i++)
        fprintf(o, "  %-8s %s\n", cmds[i].name, cmds[i].help);
    fprintf(o, "\n'jidx COMMAND --help' describes each command.\n");
}

int jx_cli_fail(const char *cmd, const struct jx_errctx *e)
{
    char buf[1400];
    fprintf(stderr, "jidx %s: %s\n", cmd, jx_errctx_format(e, buf, sizeof(buf)));
    return 2;
}

int jx_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "jidx %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    return 2;
}

int jx_cli_parse_u64(const char *s, uint64_t *out, int binary)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    uint64_t mul = 1, k = binary ? 1024 : 1000;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': mul = k; end++; break;
    case 'm': case 'M': mul = k * k; end++; break;
    case 'g': case 'G': mul = k * k * k; end++; break;
    default: return -1;
    }
    if (*end || (v && mul > UINT64_MAX / v))
        return -1;
    *out = (uint64_t)v * mul;
    return 0;
}

/* Keep freed heap memory instead of returning it to the kernel at once.
 * A query allocates and frees a few MB of block buffers (cursors, spans,
 * bitmaps); with glibc's defaults the heap top is trimmed after each one
 * and its pages are faulted in again by the next (with two threads the
 * trim's TLB flush also interrupts the other CPU). On the benchmark VM a
 * fault costs ~10 us: a 50-row query paid 80-100 of them, ~0.5 ms of
 * 1.5-2 ms, in the repeated queries of `jidx report` and `jidx bench`.
 * 32 MB of slack per malloc arena at most; blocks of 1 MB and more are
 * still mapped and unmapped on their own. */
static void tune_malloc(void)
{
#if defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

int main(int argc, char **argv)
{
    tune_malloc();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("jidx 0.1 (index format %d)\n", JX_INDEX_FORMAT_VERSION);
        return 0;
    }
    for (size_t i = 0; i < JX_ARRAY_SIZE(cmds); i++)
        if (!strcmp(argv[1], cmds[i].name))
            return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "jidx: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
