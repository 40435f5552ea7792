/* cli/cmd_ingest.c - placeholder until the 'ingest' command lands. */
#include <stdio.h>

#include "cli.h"

int jx_cmd_ingest(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "jidx ingest: not available in this build yet\n");
    return 2;
}
