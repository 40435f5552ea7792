/*
 * tests/test_segfuzz.c - the index readers against segments that are wrong
 * behind valid checksums (a writer bug, a crafted file): a fixed-seed run
 * of structured mutations (tests/segmut.c: header fields, directory
 * entries, frame tables, bit-packed frames, varints and bytes of decoded
 * dictionary, postings, bloom, ESD and row blocks re-encoded in their
 * codec, LZ4 sizes, block order, file size), every hash recomputed, each
 * checked by the oracle of segmut.h: every failure is a JX_E_CORRUPT /
 * JX_E_CHECKSUM / JX_E_VERSION naming the segment file, never a crash; a
 * segment verify passes reads whole and consistently. Plus the minimized
 * cases the libFuzzer target (tests/fuzz/fuzz_segment.c) found. The
 * mutations must mostly be detected: a reader that stopped checking would
 * fail here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include <lz4.h>

#include "seg_int.h"
#include "segmut.h"

static struct sm_base *base;

static int setup(void **state)
{
    char why[512];
    if (jx_test_dir_setup(state))
        return -1;
    if (sm_base_create(jx_test_dir, &base, why, sizeof(why))) {
        fprintf(stderr, "%s\n", why);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    sm_base_free(base);
    base = NULL;
    return jx_test_dir_teardown(state);
}

/* What run_case() says of ops that changed nothing. */
#define SM_NOOP 2

/* Apply ops (n bytes) and run the oracle; fail naming the ops. */
static int run_case(const uint8_t *ops, size_t n)
{
    char why[1024], hex[3 * 64 + 1] = "";
    const int a = sm_apply(base, ops, n, why, sizeof(why));
    if (a < 0)
        fail_msg("%s", why);
    const int r = sm_oracle(base, why, sizeof(why));
    if (r == SM_VIOLATION) {
        for (size_t i = 0; i < n && i < 64; i++)
            snprintf(hex + 3 * i, 4, "%02x ", ops[i]);
        fail_msg("ops %s: %s", hex, why);
    }
    if (a == 1 && r != SM_ACCEPTED)
        fail_msg("the base segment is refused: %s", why);
    return a == 1 ? SM_NOOP : r;
}

/* Op bytes: op, a, k (LE16), v (LE32). */
static void put_op(uint8_t *o, unsigned op, uint8_t a, uint16_t k, uint32_t v)
{
    o[0] = (uint8_t)op;
    o[1] = a;
    jx_le16_put(o + 2, k);
    jx_le32_put(o + 4, v);
}

/* The base segment reads whole; moving its blocks around in the file (the
 * format lets a writer put them anywhere) changes nothing. */
static void test_segfuzz_base(void **state)
{
    (void)state;
    uint8_t ops[4 * SM_OP_SIZE];
    assert_int_equal(run_case(NULL, 0), SM_NOOP);
    const uint32_t nd = sm_base_ndir(base);
    put_op(ops, SM_SWAP_ORDER, 0, 0, nd - 1);
    put_op(ops + 8, SM_SWAP_ORDER, 0, 5, nd / 2);
    put_op(ops + 16, SM_SWAP_ORDER, 0, 30, 31);
    put_op(ops + 24, SM_HDR_SET, 18, 0, 0x1234); /* a reserved header field */
    assert_int_equal(run_case(ops, 8), SM_ACCEPTED);
    assert_int_equal(run_case(ops, 24), SM_ACCEPTED);
    /* reserved fields are ignored when read (format §9) */
    assert_int_equal(run_case(ops + 24, 8), SM_ACCEPTED);
    /* one structural change of each kind is caught */
    put_op(ops, SM_HDR_ADD, 2, 0, 1); /* nrows + 1 */
    assert_int_equal(run_case(ops, 8), SM_DETECTED);
    put_op(ops, SM_ENT_ADD, 4, 0, 1); /* row group 0's sequence block: nitems + 1 */
    assert_int_equal(run_case(ops, 8), SM_DETECTED);
    put_op(ops, SM_FILE_SIZE, 1, 0, 3); /* the file cut short */
    assert_int_equal(run_case(ops, 8), SM_DETECTED);
    /* header fields no reader uses, which verify holds to the format
     * (found by the mutations: a segment number other than the file's, a
     * CCSID no table converts, or past 16 bits, passed verify) */
    put_op(ops, SM_HDR_ADD, 11, 0, 1); /* segment number + 1 */
    assert_int_equal(run_case(ops, 8), SM_DETECTED);
    put_op(ops, SM_HDR_SET, 7, 0, 1234); /* CCSID */
    assert_int_equal(run_case(ops, 8), SM_DETECTED);
    put_op(ops, SM_HDR_SET, 7, 0, 65536 + 37);
    assert_int_equal(run_case(ops, 8), SM_DETECTED);
    put_op(ops, SM_HDR_SET, 7, 0, 273); /* another CCSID it converts: a valid file */
    assert_int_equal(run_case(ops, 8), SM_ACCEPTED);
}

/* Entries of each block kind of the base, to aim ops at. */
struct targets {
    uint32_t *of[JX_BK_COUNT_];
    uint32_t n[JX_BK_COUNT_];
};

static void targets_init(struct targets *t)
{
    const uint32_t nd = sm_base_ndir(base);
    memset(t, 0, sizeof(*t));
    for (unsigned k = 0; k < JX_BK_COUNT_; k++)
        assert_non_null(t->of[k] = calloc(nd, sizeof(uint32_t)));
    for (uint32_t i = 0; i < nd; i++) {
        const unsigned k = sm_base_kind(base, i);
        assert_true(k > 0 && k < JX_BK_COUNT_);
        t->of[k][t->n[k]++] = i;
    }
}

static uint16_t target(const struct targets *t, unsigned kind, uint64_t r)
{
    assert_true(t->n[kind] > 0);
    return (uint16_t)t->of[kind][r % t->n[kind]];
}

/* Kinds the content ops cycle through: every block kind of §3.3. */
static const uint8_t kinds[] = {JX_BK_DICT, JX_BK_POST, JX_BK_IDS,   JX_BK_ESD,
                                JX_BK_BLOOM, JX_BK_SEQ, JX_BK_TS,    JX_BK_ESDLEN,
                                JX_BK_FLAGS, JX_BK_JOBNBR, JX_BK_PORT, JX_BK_THREAD,
                                JX_BK_SYSSEQ};

/* A fixed-seed run of structured mutations, 1 to 3 ops a case, each op
 * aimed at a structure: every op kind in turn, content ops at every block
 * kind in turn. */
static void test_segfuzz_mutations(void **state)
{
    (void)state;
    enum { CASES = 1600 };
    struct targets t;
    uint64_t rng = 0xF00DFACE5EEDull;
    unsigned det[SM_NOPS] = {0}, acc[SM_NOPS] = {0}, total_det = 0, moved = 0, noop = 0;
    targets_init(&t);
    for (unsigned i = 0; i < CASES; i++) {
        uint8_t ops[3 * SM_OP_SIZE];
        const uint64_t rn = jx_test_xorshift(&rng);
        const unsigned nops = rn % 4 == 3 ? 2 + (unsigned)(rn >> 8) % 2 : 1;
        const unsigned first = i % SM_NOPS;
        for (unsigned j = 0; j < nops; j++) {
            const unsigned op = j ? (unsigned)(jx_test_xorshift(&rng) % SM_NOPS) : first;
            const uint64_t r = jx_test_xorshift(&rng);
            const uint8_t a = (uint8_t)(r >> 8);
            const uint32_t v = (uint32_t)(r >> 32);
            uint16_t k = (uint16_t)(r >> 16);
            const unsigned kind = kinds[(i / SM_NOPS + j) % sizeof(kinds)];
            if (op == SM_FRAME_FIELD || op == SM_PACKED)
                k = target(&t, (i / SM_NOPS) % 3 ? JX_BK_IDS : kind <= JX_BK_IDS ? kind
                                                                                 : JX_BK_TS, r);
            else if (op >= SM_ENT_SET && op <= SM_DEC_MUT)
                k = target(&t, kind, r >> 20);
            /* a block's place given to another of its kind or of any */
            const uint32_t vv = op == SM_ENT_COPY
                                    ? target(&t, r & 1 ? kind : kinds[(r >> 1) % sizeof(kinds)],
                                             r >> 44)
                                    : v;
            put_op(ops + j * SM_OP_SIZE, op, a, k, vv);
        }
        const int res = run_case(ops, nops * SM_OP_SIZE);
        if (res == SM_NOOP) {
            noop++;
        } else if (res == SM_DETECTED) {
            det[first]++;
            total_det++;
            moved += nops == 1 && first == SM_SWAP_ORDER;
        } else {
            acc[first]++;
        }
    }
    for (unsigned op = 0; op < SM_NOPS; op++)
        print_message("segfuzz: %-13s %4u detected %4u accepted\n", sm_op_name(op), det[op],
                      acc[op]);
    print_message("segfuzz: %u of %u mutated segments detected (%u cases changed nothing)\n",
                  total_det, (unsigned)CASES - noop, noop);
    /* most mutations are caught; structural ones nearly always */
    assert_true(total_det * 10 >= (CASES - noop) * 6);
    assert_true(det[SM_FILE_SIZE] * 10 >= (det[SM_FILE_SIZE] + acc[SM_FILE_SIZE]) * 9);
    assert_true(det[SM_ENT_COPY] * 10 >= (det[SM_ENT_COPY] + acc[SM_ENT_COPY]) * 8);
    assert_true(det[SM_FRAME_FIELD] * 10 >= (det[SM_FRAME_FIELD] + acc[SM_FRAME_FIELD]) * 8);
    assert_true(det[SM_PACKED] * 10 >= (det[SM_PACKED] + acc[SM_PACKED]) * 5);
    assert_true(det[SM_DEC_MUT] * 10 >= (det[SM_DEC_MUT] + acc[SM_DEC_MUT]) * 5);
    assert_int_equal(moved, 0); /* blocks moved alone: a valid layout */
    for (unsigned k = 0; k < JX_BK_COUNT_; k++)
        free(t.of[k]);
}

/* Regression (fuzz_segment): an LZ4 match of offset 0. liblz4 1.9.4 takes
 * one; a partial decode (cursors) then leaves the destination's previous
 * bytes as the data while a whole decode (verify) writes zeros, so a cursor
 * read stale memory as the ids of a frame. Here: the packed flag of an id
 * frame cleared, its packed bytes (a bit count of 7, base 0, ...) read as
 * LZ4: token 0x07, offset 0. Readers refuse such a stream before decoding
 * it. */
static void test_segfuzz_lz4_offset0(void **state)
{
    (void)state;
    static const uint8_t ops[] = {0x08, 0x87, 0x14, 0x00, 0x4b, 0xcd, 0x0e, 0x10};
    assert_int_equal(run_case(ops, sizeof(ops)), SM_DETECTED);
    /* the check itself: 16 literals, a match of offset 0, 16 literals */
    uint8_t bad[40], src[64], dst[64];
    size_t n = 0;
    bad[n++] = 0xF4;
    bad[n++] = 1;
    for (int i = 0; i < 16; i++)
        bad[n++] = (uint8_t)(i + 1);
    bad[n++] = 0;
    bad[n++] = 0;
    bad[n++] = 0xF0;
    bad[n++] = 1;
    memset(bad + n, 0xEE, 16);
    n += 16;
    assert_false(jx_lz4_offsets_ok(bad, n, 40));
    assert_false(jx_lz4_offsets_ok(bad, n, 17));
    assert_true(jx_lz4_offsets_ok(bad, n, 16)); /* the literals before it decode */
    bad[18] = 17; /* past the 16 bytes decoded so far */
    assert_false(jx_lz4_offsets_ok(bad, n, 40));
    bad[18] = 16; /* a legal offset: accepted, decodes */
    assert_true(jx_lz4_offsets_ok(bad, n, 40));
    assert_int_equal(LZ4_decompress_safe((const char *)bad, (char *)dst, (int)n, 40), 40);
    /* what the compressor writes is accepted, whatever prefix is asked */
    for (int i = 0; i < 64; i++)
        src[i] = (uint8_t)("ABCAB"[i % 5] + i / 20);
    const int c = LZ4_compress_default((const char *)src, (char *)bad, 64, sizeof(bad));
    assert_true(c > 0 && c < 40);
    for (size_t upto = 0; upto <= 64; upto++)
        assert_true(jx_lz4_offsets_ok(bad, (size_t)c, upto));
}

/* Regression (fuzz_segment): a dictionary block's decoded size set to
 * 1.7 GB made a cursor allocate it (cdict_init() summed the blocks' sizes
 * unchecked) before anything refused the entry. The decoded size an entry
 * may claim is now what its stored bytes can decode to (LZ4: 255 bytes a
 * byte), checked before any allocation: 200 MB is refused as a bad entry
 * by the loader, the cursor and the search, not by a failed LZ4 decode
 * after the allocation. */
static void test_segfuzz_ulen_bound(void **state)
{
    (void)state;
    uint8_t ops[SM_OP_SIZE];
    uint32_t di = 0;
    while (sm_base_kind(base, di) != JX_BK_DICT || sm_base_dirent(base, di)[2] != JX_CODEC_LZ4)
        di++;
    const unsigned col = sm_base_dirent(base, di)[1];
    put_op(ops, SM_ENT_SET, 8, (uint16_t)di, 200000000u); /* ulen */
    assert_int_equal(run_case(ops, sizeof(ops)), SM_DETECTED);
    struct jx_index *ix;
    struct jx_seg *s;
    struct jx_cursor *c;
    struct jx_errctx err;
    struct jx_entry *e = malloc(sizeof(*e));
    uint32_t lo, hi;
    assert_non_null(e);
    assert_int_equal(jx_index_open(jx_test_dir, &ix, &err), 0);
    assert_int_equal(jx_index_seg_cols(ix, 0, 0, 0, &s, &err), 0);
    assert_int_equal(jx_cursor_open(s, &c), 0);
    int rc = 0;
    for (uint64_t r = 0; r < jx_seg_nrows(s) && !rc; r++)
        rc = jx_cursor_read(c, r, JX_FM_ALL, e, &err);
    assert_int_equal(rc, JX_E_CORRUPT);
    assert_non_null(strstr(err.msg, "bad block entry"));
    assert_int_equal(jx_seg_dict_range(s, (enum jx_col)col, "~", false, &lo, &hi, NULL, NULL,
                                       &err), JX_E_CORRUPT);
    assert_non_null(strstr(err.msg, "bad block entry"));
    assert_int_equal(jx_index_seg_cols(ix, 0, JX_DICT(col), 0, &s, &err), JX_E_CORRUPT);
    assert_non_null(strstr(err.msg, "bad block entry"));
    jx_cursor_close(c);
    jx_index_close(ix);
    free(e);
}

/* Directory entry of the base holding kind `kind` of column `col`. */
static uint16_t entry_of(unsigned kind, unsigned col)
{
    for (uint32_t i = 0; i < sm_base_ndir(base); i++)
        if (sm_base_dirent(base, i)[0] == kind && sm_base_dirent(base, i)[1] == col)
            return (uint16_t)i;
    fail_msg("no block of kind %u column %u", kind, col);
    return 0;
}

/* Regression (found reading the cursor's postings path for the fuzz
 * oracle): a postings block whose offset table (nitems + 1 entries) is
 * longer than the block. The cursor read the value's table entries past
 * the decoded bytes (heap-buffer-overflow under ASan) before anything
 * compared the table with the block. Here the object column's postings
 * entry points at the object type column's block (2 values, 306 bytes)
 * and keeps its 1,081 values. */
static void test_segfuzz_postings_table(void **state)
{
    (void)state;
    uint8_t ops[SM_OP_SIZE];
    const uint16_t obj = entry_of(JX_BK_POST, JX_COL_OBJECT);
    put_op(ops, SM_ENT_COPY, 1, obj, entry_of(JX_BK_POST, JX_COL_OBJECT_TYPE));
    assert_int_equal(run_case(ops, sizeof(ops)), SM_DETECTED);
    struct jx_index *ix;
    struct jx_seg *s;
    struct jx_cursor *c;
    struct jx_errctx err;
    uint64_t bits[(1100 + 63) / 64];
    assert_int_equal(jx_index_open(jx_test_dir, &ix, &err), 0);
    assert_int_equal(jx_index_seg_cols(ix, 0, JX_DICT(JX_COL_OBJECT), 0, &s, &err), 0);
    assert_true(jx_seg_dict_count(s, JX_COL_OBJECT) > 1000);
    assert_int_equal(jx_cursor_open(s, &c), 0);
    for (uint32_t id = 1000; id > 0; id /= 2) {
        assert_int_equal(jx_cursor_postings_or(c, JX_COL_OBJECT, id, bits, &err), JX_E_CORRUPT);
        assert_non_null(strstr(err.msg, "does not hold the value"));
        assert_int_equal(jx_cursor_postings_or_n(c, JX_COL_OBJECT, id, 1, bits, &err),
                         JX_E_CORRUPT);
        assert_int_equal(jx_seg_postings_or(s, JX_COL_OBJECT, id, bits, &err), JX_E_CORRUPT);
    }
    jx_cursor_close(c);
    jx_index_close(ix);
}

/* Regression (fuzz_segment): a postings entry moved to another column
 * (its column byte changed) left the user column without postings; the
 * directory was accepted at open and a lookup of a user took the first
 * entry of an empty list (SEGV). A column with postings must have at least
 * one postings block: checked at open. */
static void test_segfuzz_no_postings(void **state)
{
    (void)state;
    uint8_t ops[SM_OP_SIZE];
    put_op(ops, SM_ENT_SET, 1, entry_of(JX_BK_POST, JX_COL_USER), JX_COL_TYPE);
    assert_int_equal(run_case(ops, sizeof(ops)), SM_DETECTED);
    struct jx_index *ix;
    struct jx_seg *s;
    struct jx_errctx err;
    assert_int_equal(jx_index_open(jx_test_dir, &ix, &err), 0);
    assert_int_equal(jx_index_seg_cols(ix, 0, 0, 0, &s, &err), JX_E_CORRUPT);
    assert_non_null(strstr(err.msg, "has no postings"));
    assert_non_null(strstr(err.file, ".jxs"));
    jx_index_close(ix);
}

/* Regression (fuzz_segment): a dictionary value whose row count is
 * 2^64 - 1. A search without loading the dictionary handed it to the
 * caller, and a postings lookup with that count (the query planner's path)
 * took it for "the loaded dictionary's count" (UINT64_MAX) and failed with
 * JX_E_INTERNAL; summed, such counts can also wrap to the segment's rows.
 * Every reader now holds a value's row count to the segment's rows. */
static void test_segfuzz_dict_count(void **state)
{
    (void)state;
    uint8_t ops[SM_OP_SIZE];
    const uint16_t di = entry_of(JX_BK_DICT, JX_COL_PATH);
    /* decoded byte 1 (the first value's count) replaced by the varint of
     * 2^64 - 1 (sub-op 4, odd byte) */
    put_op(ops, SM_DEC_MUT, 4, di, 1u | (1u << 16));
    assert_int_equal(run_case(ops, sizeof(ops)), SM_DETECTED);
    struct jx_index *ix;
    struct jx_seg *s;
    struct jx_errctx err;
    uint32_t lo, hi;
    assert_int_equal(jx_index_open(jx_test_dir, &ix, &err), 0);
    assert_int_equal(jx_index_seg_cols(ix, 0, 0, 0, &s, &err), 0);
    assert_int_equal(jx_seg_dict_range(s, JX_COL_PATH, "", true, &lo, &hi, NULL, NULL, &err),
                     JX_E_CORRUPT);
    assert_non_null(strstr(err.msg, "bad dictionary value"));
    assert_int_equal(jx_index_seg_cols(ix, 0, JX_DICT(JX_COL_PATH), 0, &s, &err), JX_E_CORRUPT);
    assert_non_null(strstr(err.msg, "bad dictionary value"));
    jx_index_close(ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segfuzz_base),
        cmocka_unit_test(test_segfuzz_lz4_offset0),
        cmocka_unit_test(test_segfuzz_ulen_bound),
        cmocka_unit_test(test_segfuzz_postings_table),
        cmocka_unit_test(test_segfuzz_no_postings),
        cmocka_unit_test(test_segfuzz_dict_count),
        cmocka_unit_test(test_segfuzz_mutations),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
