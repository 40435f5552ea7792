/*
 * tests/testutil.c - helpers shared by the test binaries (not a test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "test.h"

#include "entry.h"

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

uint64_t jx_test_xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
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

char *jx_test_dir;

int jx_test_dir_setup(void **state)
{
    (void)state;
    jx_test_dir = jx_test_tmpdir();
    return jx_test_dir ? 0 : -1;
}

int jx_test_dir_teardown(void **state)
{
    (void)state;
    jx_test_rmtree(jx_test_dir);
    free(jx_test_dir);
    jx_test_dir = NULL;
    return 0;
}

const char *jx_test_jidx(void)
{
    return getenv("JIDX");
}

uint8_t *jx_test_read_file(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open '%s'", path);
    if (fseek(fp, 0, SEEK_END) != 0)
        fail_msg("cannot seek '%s'", path);
    const long l = ftell(fp);
    rewind(fp);
    uint8_t *b = l >= 0 ? malloc((size_t)l + 1) : NULL;
    if (!b || fread(b, 1, (size_t)l, fp) != (size_t)l)
        fail_msg("cannot read '%s'", path);
    fclose(fp);
    *n = (size_t)l;
    return b;
}

int jx_test_entry_diff(const struct jx_entry *a, const struct jx_entry *b, char *why,
                       size_t cap)
{
#define NUM(f) if (a->f != b->f) { snprintf(why, cap, #f " %llu != %llu", \
        (unsigned long long)a->f, (unsigned long long)b->f); return 1; }
#define STR(f) if (strcmp(a->f, b->f)) { snprintf(why, cap, #f " '%.60s' != '%.60s'", a->f, b->f); return 1; }
    NUM(raw_names) NUM(seq) NUM(ts) NUM(sysseq) NUM(thread) NUM(esd_len) NUM(esd_avail)
    NUM(job_number) NUM(remote_port) NUM(flags) NUM(ccsid) NUM(code) NUM(subtype)
    NUM(addr_family)
    STR(type) STR(job) STR(job_user) STR(user) STR(program) STR(program_lib)
    STR(system) STR(receiver) STR(receiver_lib) STR(object_type_hdr) STR(remote_addr)
    STR(object) STR(object_lib) STR(object_type) STR(target_user) STR(path)
#undef NUM
#undef STR
    if (a->esd_avail && memcmp(a->esd, b->esd, a->esd_avail)) {
        snprintf(why, cap, "esd bytes differ");
        return 1;
    }
    return 0;
}
