/* cli/cmd_verify.c - placeholder until the 'verify' command lands. */
#include <stdio.h>

#include "cli.h"

int jx_cmd_verify(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "jidx verify: not available in this build yet\n");
    return 2;
}
