/*
 * cli/cli.h - the `jidx` subcommands and small helpers they share.
 * Each subcommand lives in cli/cmd_<name>.c and returns the process exit
 * status: 0 success, 1 a fault found (verify) or no result where that is an
 * error, 2 usage or input errors.
 */
#ifndef JX_CLI_H
#define JX_CLI_H

#include <getopt.h>

#include "filter.h"
#include "jx.h"

int jx_cmd_gen(int argc, char **argv);
int jx_cmd_dump(int argc, char **argv);
int jx_cmd_ingest(int argc, char **argv);
int jx_cmd_query(int argc, char **argv);
int jx_cmd_info(int argc, char **argv);
int jx_cmd_verify(int argc, char **argv);
int jx_cmd_report(int argc, char **argv);
int jx_cmd_bench(int argc, char **argv);

/* Print "jidx CMD: <formatted error>" on stderr; return 2. */
int jx_cli_fail(const char *cmd, const struct jx_errctx *e);
/* Print "jidx CMD: msg" on stderr; return 2. */
int jx_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Parse a non-negative integer with optional K/M/G suffix (powers of 1000
 * for counts, 1024 when `binary`). @return 0 or -1. */
int jx_cli_parse_u64(const char *s, uint64_t *out, int binary);

/* Filter options shared by query and report (cli/cli_filter.c): getopt
 * codes JX_CLI_OPT_FILTER + i name filter i, JX_CLI_OPT_NOT + i its --not-
 * form. Commands keep their own option codes below 1000. */
enum { JX_CLI_OPT_FILTER = 1000, JX_CLI_OPT_NOT = 2000 };
struct jx_cli_filteropts {
    struct option *lo;              /* fixed options + filters, 0-terminated */
    char (*notnames)[48];
    const struct jx_filter_opt *fo;
    size_t nf;
};
int jx_cli_filteropts_init(struct jx_cli_filteropts *t, const struct option *fixed,
                           size_t nfixed);
/* The filter name ("user", "not-user") for getopt code c, or NULL. */
const char *jx_cli_filteropts_name(const struct jx_cli_filteropts *t, int c);
void jx_cli_filteropts_release(struct jx_cli_filteropts *t);

#endif
