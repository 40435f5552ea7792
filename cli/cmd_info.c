/* cli/cmd_info.c - placeholder until the 'info' command lands. */
#include <stdio.h>

#include "cli.h"

int jx_cmd_info(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "jidx info: not available in this build yet\n");
    return 2;
}
