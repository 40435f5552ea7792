/* cli/cmd_bench.c - placeholder until the 'bench' command lands. */
#include <stdio.h>

#include "cli.h"

int jx_cmd_bench(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "jidx bench: not available in this build yet\n");
    return 2;
}
