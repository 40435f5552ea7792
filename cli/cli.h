/*
 * cli/cli.h - the `jidx` subcommands and small helpers they share.
 * Each subcommand lives in cli/cmd_<name>.c and returns the process exit
 * status: 0 success, 1 a fault found (verify) or no result where that is an
 * error, 2 usage or input errors.
 */
#ifndef JX_CLI_H
#define JX_CLI_H

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

#endif
