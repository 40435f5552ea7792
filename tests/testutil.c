/*
 * tests/testutil.c - helpers shared by the test binaries (not a test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "test.h"

const char *jx_test_shared_data(void)
{
    static char buf[1024];
    const char *s = getenv("JX_SHARED");
    struct stat st;
    if (s) {
        snprintf(buf, sizeof(buf), "%s/data", s);
        if (stat(buf, &st) == 0)
            return buf;
    }
    const char *cands[] = {"../shared/data", "../../shared/data", "tests/shared/data"};
    for (size_t i = 0; i < sizeof(cands) / sizeof(cands[0]); i++)
        if (stat(cands[i], &st) == 0)
            return cands[i];
    return NULL;
}

char *jx_test_tmpdir(void)
{
    char tmpl[] = "/tmp/jidx-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    return d ? strdup(d) : NULL;
}

void jx_test_rmtree(const char *dir)
{
    char cmd[2048];
    if (!dir || strncmp(dir, "/tmp/jidx-test-", 15) != 0)
        return;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", dir);
}

const char *jx_test_jidx(void)
{
    return getenv("JIDX");
}
