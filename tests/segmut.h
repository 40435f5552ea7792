/*
 * tests/segmut.h - structured mutations of a valid segment file behind
 * valid checksums, and the oracle the readers must satisfy on the result.
 * Shared by tests/test_segfuzz.c (fixed-seed, under `make check`) and the
 * libFuzzer target tests/fuzz/fuzz_segment.c. Needs no cmocka: failures of
 * the oracle come back as SM_VIOLATION with a message.
 *
 * A mutation is 8 bytes: op, a (u8), k (u16 LE), v (u32 LE); sm_apply()
 * applies a list of them to the base segment (header fields, directory
 * entries, stored bytes, decoded block contents re-encoded in their codec,
 * frame tables, bit-packed frames, block order, file size), then lays the
 * file out again and recomputes every hash of doc/format.md (each block's
 * in the directory, the page table and its hash at header 80, the header's
 * at 248; the whole directory's before version 3) and the MANIFEST's
 * record of the segment (its header hash, size, rows, ranges), so that
 * the mutation reaches the structural checks.
 */
#ifndef JX_SEGMUT_H
#define JX_SEGMUT_H

#include <stddef.h>
#include <stdint.h>

#define SM_OP_SIZE 8u
/* Mutation kinds (op byte modulo SM_NOPS); sm_op_name() names them. */
enum sm_op {
    SM_HDR_SET, SM_HDR_ADD, SM_ENT_SET, SM_ENT_ADD, SM_ENT_COPY, SM_STORED_XOR,
    SM_STORED_SET, SM_DEC_MUT, SM_FRAME_FIELD, SM_PACKED, SM_FILE_SIZE, SM_SWAP_ORDER,
    SM_NOPS
};
const char *sm_op_name(unsigned op);

/* Oracle outcomes (sm_oracle()). */
enum { SM_ACCEPTED = 0, SM_DETECTED = 1, SM_VIOLATION = -1 };

struct sm_base;

/*! sm_base_create() : build a small valid index in `dir` (an existing empty
 *  directory): one receiver, one segment of ~1100 rows holding two row
 *  groups, several ESD, dictionary and postings blocks, packed, LZ4 and raw
 *  id frames. @return 0, or -1 with why filled. */
int sm_base_create(const char *dir, struct sm_base **out, char *why, size_t cap);
void sm_base_free(struct sm_base *b);
/* Directory entries of the base segment (for targeting ops). */
uint32_t sm_base_ndir(const struct sm_base *b);
/* Kind byte of directory entry i of the base segment, and its 40 bytes. */
unsigned sm_base_kind(const struct sm_base *b, uint32_t i);
const uint8_t *sm_base_dirent(const struct sm_base *b, uint32_t i);

/*! sm_apply() : write the base segment with the n / SM_OP_SIZE mutations of
 *  ops applied, checksums and MANIFEST made to match. @return 0; 1 if the
 *  ops changed nothing (aimed at a structure the block does not have); -1
 *  on an I/O error of the test itself (why filled). */
int sm_apply(struct sm_base *b, const uint8_t *ops, size_t n, char *why, size_t cap);

/*! sm_oracle() : open the index in b's directory, read everything a
 *  reader can (cursors before and after loading the dictionaries, column
 *  scans, dictionary accessors, searches and postings), then verify.
 *  Checks: every failing call returns JX_E_CORRUPT, JX_E_CHECKSUM or
 *  JX_E_VERSION with a message naming the segment file (open: the
 *  MANIFEST); when verify passes, every read succeeds and the answers agree
 *  with each other (ids, row counts, postings, lookups, sequence order).
 *  @return SM_DETECTED (a call failed, verify among them), SM_ACCEPTED
 *  (all passed), or SM_VIOLATION with why filled. */
int sm_oracle(struct sm_base *b, char *why, size_t cap);

#endif
