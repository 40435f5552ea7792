/*
 * index/idxformat.c - small pieces of format 1 shared by the segment writer,
 * the reader and verify: column names and limits, block kind names, Bloom
 * filter probing, segment file names. Cold code except the Bloom probes
 * (a few per segment per query, a few per distinct value per segment build).
 */
#include <stdio.h>
#include <xxhash.h>

#include "index_int.h"

static const char *const col_names[JX_COL_COUNT_] = {
    "type", "user", "job_user", "target_user", "object", "object_lib",
    "object_type", "program", "program_lib", "job", "subtype", "code",
    "remote_addr", "path", "object_type_hdr",
};

bool jx_col_has_postings(enum jx_col c)
{
    return c <= JX_COL_PROGRAM || c == JX_COL_REMOTE_ADDR || c == JX_COL_PATH;
}

const char *jx_col_name(enum jx_col c)
{
    return (unsigned)c < JX_COL_COUNT_ ? col_names[c] : "?";
}

size_t jx_col_cap(enum jx_col c)
{
    switch (c) {
    case JX_COL_TYPE: return 3;
    case JX_COL_SUBTYPE:
    case JX_COL_CODE: return 2;
    case JX_COL_REMOTE_ADDR: return JX_ADDR_SZ;
    case JX_COL_PATH: return JX_PATH_SZ;
    default: return JX_NAME_SZ;
    }
}

const char *jx_blk_kind_name(unsigned kind)
{
    static const char *const n[JX_BK_COUNT_] = {
        "?", "sequence numbers", "timestamps", "system sequence numbers",
        "thread ids", "job numbers", "remote ports", "ESD lengths",
        "flags", "dictionary ids", "ESD bytes", "dictionary", "postings",
        "bloom filter",
    };
    return kind < JX_BK_COUNT_ ? n[kind] : "?";
}

/* Double hashing from one 64-bit xxHash: probe i is h1 + i*h2 (Kirsch and
 * Mitzenmacher), h2 odd so the probes cover the power-of-two table. */
void jx_bloom_add(uint8_t *bits, unsigned log2m, unsigned k, const char *v, size_t n)
{
    const uint64_t h = XXH3_64bits(v, n);
    const uint64_t mask = ((uint64_t)1 << log2m) - 1;
    uint64_t a = h & 0xffffffffu, b = (h >> 32) | 1;
    for (unsigned i = 0; i < k; i++) {
        uint64_t bit = (a + i * b) & mask;
        bits[bit >> 3] |= (uint8_t)(1u << (bit & 7));
    }
}

bool jx_bloom_test(const uint8_t *bits, unsigned log2m, unsigned k, const char *v, size_t n)
{
    const uint64_t h = XXH3_64bits(v, n);
    const uint64_t mask = ((uint64_t)1 << log2m) - 1;
    uint64_t a = h & 0xffffffffu, b = (h >> 32) | 1;
    for (unsigned i = 0; i < k; i++) {
        uint64_t bit = (a + i * b) & mask;
        if (!(bits[bit >> 3] & (1u << (bit & 7))))
            return false;
    }
    return true;
}

void jx_seg_filename(uint64_t segno, char *buf, size_t cap)
{
    snprintf(buf, cap, "S%08llu.jxs", (unsigned long long)segno);
}
