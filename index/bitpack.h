/*
 * index/bitpack.h - bit-packed id frames (doc/format.md §3.3a, version 5).
 *
 * An id frame holds one dictionary id per row, fixed width 1, 2 or 4 bytes
 * little-endian. Bit-packed, it is stored as
 *
 *     u8 bits | varint base | ceil(n * bits / 8) bytes
 *
 * value i = base + the bits [i*bits, (i+1)*bits) of the packed bytes, least
 * significant bit first. On the generator's mix most id frames are values
 * of a dictionary of a few hundred to a few thousand entries in no order,
 * which LZ4 cannot shrink (they were stored raw: 16 bits a row for 9-12
 * bits of information) and which this stores in their bit width.
 *
 * The frame's stats, the packing and the checked unpacking live here so
 * that writer and readers share one definition (the writer gathers the
 * stats while it lays the frame out: segwrite.c lay_ids()). No
 * allocation; callers give room.
 */
#ifndef JX_BITPACK_H
#define JX_BITPACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "index_int.h"

/* Flag in a frame's stored size (u16, frame table of §3.3a): the frame is
 * bit-packed. An id frame decodes to at most 4F <= 26214 bytes, so the
 * bit was always 0 before version 5. */
#define JX_FRAME_PACKED 0x8000u

#define JX_PACK_INLINE static inline __attribute__((always_inline))

/* The id at index i of a frame of `width`-byte ids. */
JX_PACK_INLINE uint32_t jx_pack_id_at(const uint8_t *src, unsigned width, uint32_t i)
{
    return width == 1 ? src[i] : width == 2 ? jx_le16(src + 2 * i) : jx_le32(src + 4 * i);
}

/* What packing a frame needs to know of its ids: the smallest, the
 * largest, and how many equal the id before them (LZ4 may beat packing
 * only when there are many). The writer gathers them while it lays the
 * frame out (segwrite.c lay_ids()). */
struct jx_pack_stats {
    uint32_t lo, hi, repeats;
};

/* The bit count of a frame with these stats, and its packed size. */
static inline unsigned jx_pack_bits(const struct jx_pack_stats *st)
{
    return st->hi > st->lo ? 32u - (unsigned)__builtin_clz(st->hi - st->lo) : 0u;
}
static inline size_t jx_pack_size(const struct jx_pack_stats *st, uint32_t n)
{
    uint8_t vb[10];
    return 1 + jx_varint_put(vb, st->lo) + ((size_t)n * jx_pack_bits(st) + 7) / 8;
}

/* jx_pack_ids() for one width (a constant once inlined: no per-id
 * branch on it). Whole 32-bit words leave the accumulator, then the last
 * bytes: the packed size is ceil(n * bits / 8) either way. */
JX_PACK_INLINE size_t jx_pack_w(uint8_t *dst, const uint8_t *src, unsigned width, uint32_t n,
                                uint32_t base, unsigned bits)
{
    uint8_t *o = dst;
    *o++ = (uint8_t)bits;
    o += jx_varint_put(o, base);
    if (!bits)
        return (size_t)(o - dst);
    uint64_t acc = 0;
    unsigned nb = 0;
    for (uint32_t i = 0; i < n; i++) {
        acc |= (uint64_t)(jx_pack_id_at(src, width, i) - base) << nb;
        nb += bits;
        if (nb >= 32) {
            jx_le32_put(o, (uint32_t)acc);
            o += 4;
            acc >>= 32;
            nb -= 32;
        }
    }
    for (; nb > 0; nb = nb > 8 ? nb - 8 : 0) {
        *o++ = (uint8_t)acc;
        acc >>= 8;
    }
    return (size_t)(o - dst);
}

/* Pack the n ids of `width` bytes at src to dst, with the frame's stats
 * (room: jx_pack_size()). @return the bytes written: jx_pack_size(). */
static inline size_t jx_pack_ids(uint8_t *dst, const uint8_t *src, unsigned width, uint32_t n,
                                 const struct jx_pack_stats *st)
{
    const unsigned bits = jx_pack_bits(st);
    switch (width) {
    case 1: return jx_pack_w(dst, src, 1, n, st->lo, bits);
    case 2: return jx_pack_w(dst, src, 2, n, st->lo, bits);
    default: return jx_pack_w(dst, src, 4, n, st->lo, bits);
    }
}

/* Unpack a frame of n ids of `width` bytes stored in the sl bytes at src
 * to dst (n * width bytes). Checks everything a damaged frame can get
 * wrong: the bit count, the base, the exact size and that every id fits
 * the width. @return true if the frame was well-formed. */
static inline bool jx_unpack_ids(uint8_t *dst, const uint8_t *src, size_t sl, unsigned width,
                                 uint32_t n)
{
    const uint8_t *p = src, *const end = src + sl;
    uint64_t base;
    if (sl < 2 || (width != 1 && width != 2 && width != 4))
        return false;
    const unsigned bits = *p++;
    const uint64_t max = width == 4 ? UINT32_MAX : ((uint64_t)1 << (8 * width)) - 1;
    if (bits > 8 * width || jx_varint_get(&p, end, &base) || base > max ||
        (size_t)(end - p) != ((size_t)n * bits + 7) / 8)
        return false;
    const uint64_t mask = bits ? (((uint64_t)1 << bits) - 1) : 0;
    uint64_t acc = 0;
    unsigned nb = 0;
    for (uint32_t i = 0; i < n; i++) {
        while (nb < bits) {
            acc |= (uint64_t)*p++ << nb;
            nb += 8;
        }
        const uint64_t v = base + (acc & mask);
        acc >>= bits;
        nb -= bits;
        if (v > max)
            return false;
        if (width == 1)
            dst[i] = (uint8_t)v;
        else if (width == 2)
            jx_le16_put(dst + 2 * i, (uint16_t)v);
        else
            jx_le32_put(dst + 4 * i, (uint32_t)v);
    }
    return true;
}

#endif /* JX_BITPACK_H */
