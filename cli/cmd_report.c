/* cli/cmd_report.c - placeholder until the 'report' command lands. */
#include <stdio.h>

#include "cli.h"

int jx_cmd_report(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "jidx report: not available in this build yet\n");
    return 2;
}
