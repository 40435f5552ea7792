/*
 * tests/fuzz/fuzz_receiver.c - libFuzzer target for the *TYPE5 decoder
 * (ingest/receiver.c) and chain planning (ingest/chain.c). Not part of
 * `make`; build and run with clang:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 -D_GNU_SOURCE \
 *       -Icommon -Iingest tests/fuzz/fuzz_receiver.c common/[a-z]*.c \
 *       ingest/receiver.c ingest/chain.c -pthread -o /tmp/fuzz_receiver
 *   mkdir -p /tmp/seeds && for f in tests/golden/[a-z]*.type5; do \
 *       (printf '\0\0\0'; cat "$f") > /tmp/seeds/$(basename "$f"); done
 *   /tmp/fuzz_receiver -max_len=70000 /tmp/seeds
 *
 * Input: byte 0 picks the CCSID and the JOESD shape, bytes 1-2 an optional
 * --reclen (0 = detect); the rest is the file.
 *
 * Oracle: no crash, hang or sanitizer report, and
 *   - open either succeeds or fails with a negative code and a message;
 *   - jx_rcvfile_key() accepts exactly the records jx_rcvfile_decode()
 *     accepts, and every error names that record and a byte inside it;
 *   - a decoded entry's ESD lies inside its record, esd_avail <= esd_len,
 *     every text field is NUL-terminated within its array;
 *   - with skip_bad the plan always builds, entries + skipped + duplicates
 *     = records, and jx_plan_scan() visits exactly `entries` entries.
 * tests/test_receiver.c runs a fixed-seed version of this under `make check`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "chain.h"
#include "receiver.h"

static int count(const struct jx_entry *e, void *arg)
{
    (void)e;
    (*(uint64_t *)arg)++;
    return 0;
}

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "oracle failed: %s\n", #c); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int ccsids[] = {37, 273, 500, 1141, 277, 871, 285, 1149};
    char path[64];
    int fd;
    if (size < 3)
        return 0;
    struct jx_rcvopts o = {(size_t)((data[1] << 8) | data[2]),
                           (enum jx_esd_shape)((data[0] >> 3) % 4), ccsids[data[0] & 7]};
    data += 3;
    size -= 3;
    fd = memfd_create("rcv", 0);
    if (fd < 0)
        return 0;
    if (size && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);

    struct jx_rcvfile *f = NULL;
    struct jx_errctx e;
    jx_errctx_clear(&e);
    int rc = jx_rcvfile_open(path, &o, &f, &e);
    if (rc) {
        CHECK(rc < 0 && f == NULL && e.code == rc && e.msg[0]);
        close(fd);
        return 0;
    }
    const size_t rl = jx_rcvfile_reclen(f);
    for (uint64_t r = 0; r < jx_rcvfile_count(f); r++) {
        struct jx_entry x;
        struct jx_rcvkey k;
        int r1 = jx_rcvfile_key(f, r, &k, &e);
        int r2 = jx_rcvfile_decode(f, r, &x, &e);
        CHECK(r1 == r2);
        if (r2) {
            CHECK(e.record == (int64_t)r && e.msg[0]);
            CHECK(e.offset >= (int64_t)(r * rl) && e.offset < (int64_t)((r + 1) * rl));
            continue;
        }
        const uint8_t *rec = jx_rcvfile_record(f, r);
        CHECK(x.esd_avail <= x.esd_len);
        CHECK(x.esd >= rec && x.esd + x.esd_avail <= rec + rl);
        CHECK(memchr(x.job, 0, sizeof(x.job)) && memchr(x.user, 0, sizeof(x.user)));
        CHECK(memchr(x.remote_addr, 0, sizeof(x.remote_addr)) && memchr(x.path, 0, sizeof(x.path)));
        CHECK(memchr(x.object, 0, sizeof(x.object)) && memchr(x.target_user, 0, sizeof(x.target_user)));
    }
    struct jx_plan *p = NULL;
    struct jx_plan_opts po = {true, 1, NULL};
    CHECK(jx_plan_build(&f, 1, &po, &p, &e) == JX_OK);
    CHECK(p->entries + p->skipped + p->duplicates == jx_rcvfile_count(f));
    uint64_t n = 0;
    CHECK(jx_plan_scan(p, count, &n, &e) == JX_OK && n == p->entries);
    jx_plan_free(p);
    jx_rcvfile_close(f);
    close(fd);
    return 0;
}
