/*
 * tests/fuzz/fuzz_segment.c - libFuzzer target for the index readers
 * (index/segread.c, index/index.c, index/verify.c, index/bitpack.h) on
 * segments that are structurally wrong behind valid checksums. Not part of
 * `make`; build and run with clang:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *       -std=c11 -D_GNU_SOURCE \
 *       -Icommon -Iindex -Itests tests/fuzz/fuzz_segment.c tests/segmut.c \
 *       common/[a-z]*.c index/[a-z]*.c -l:liblz4.a -lxxhash -lm -pthread \
 *       -o /tmp/fuzz_segment
 *   mkdir -p /tmp/segcorpus
 *   /tmp/fuzz_segment -max_len=64 -max_total_time=600 /tmp/segcorpus
 *
 * Init builds a small valid index (one segment of 1100 rows: two row
 * groups, several ESD, dictionary and postings blocks, bit-packed, LZ4 and
 * raw id frames) through the writer, in $TMPDIR (or /tmp)/segfuzz-PID.
 * Input: a list of 8-byte structured mutations (tests/segmut.h: op, a, k,
 * v), applied to that segment: header fields, directory entries, stored
 * bytes, decoded block contents re-encoded in their codec, frame tables,
 * bit-packed frames, block order, file size. Then every hash the format
 * defines is recomputed (blocks, page table, header; the MANIFEST's record
 * of the segment follows its header), so the mutation reaches the
 * structural checks.
 *
 * Oracle (sm_oracle()): no crash, hang or sanitizer report, and
 *   - every failing call (index open, segment open, cursor reads of every
 *     row before and after the dictionaries are loaded, column scans,
 *     dictionary searches and loads, blooms, postings, verify) returns
 *     JX_E_CORRUPT, JX_E_CHECKSUM or JX_E_VERSION with a message naming
 *     the segment file;
 *   - if jx_index_verify_seg() passes, every one of those calls succeeded
 *     and their answers agree (rows in sequence order, strings = their
 *     ids' values, row counts = id column = postings, lookups and searches
 *     find every value, blooms hold every value).
 * tests/test_segfuzz.c runs a fixed-seed version of this under `make check`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "segmut.h"

static struct sm_base *base;
static char dir[512];

static void cleanup(void)
{
    char cmd[600];
    sm_base_free(base);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char why[512];
    const char *t = getenv("TMPDIR");
    (void)argc;
    (void)argv;
    snprintf(dir, sizeof(dir), "%s/segfuzz-%ld", t && *t ? t : "/tmp", (long)getpid());
    if (mkdir(dir, 0700) || sm_base_create(dir, &base, why, sizeof(why))) {
        fprintf(stderr, "fuzz_segment: cannot build the base index in %s\n", dir);
        abort();
    }
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char why[1024];
    if (sm_apply(base, data, size, why, sizeof(why)) < 0) {
        fprintf(stderr, "fuzz_segment: %s\n", why);
        abort();
    }
    if (sm_oracle(base, why, sizeof(why)) == SM_VIOLATION) {
        fprintf(stderr, "oracle failed: %s\n", why);
        abort();
    }
    return 0;
}
