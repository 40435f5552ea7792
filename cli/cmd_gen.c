/* cli/cmd_gen.c - placeholder until the 'gen' command lands. */
#include <stdio.h>

#include "cli.h"

int jx_cmd_gen(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "jidx gen: not available in this build yet\n");
    return 2;
}
