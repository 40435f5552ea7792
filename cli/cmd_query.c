/* cli/cmd_query.c - placeholder until the 'query' command lands. */
#include <stdio.h>

#include "cli.h"

int jx_cmd_query(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "jidx query: not available in this build yet\n");
    return 2;
}
