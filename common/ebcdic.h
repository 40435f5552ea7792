/*
 * common/ebcdic.h - EBCDIC to UTF-8 conversion by CCSID, through 256-entry
 * tables built once per CCSID (from iconv) and then used lock-free by any
 * number of threads. Never call iconv per record: these tables exist so the
 * hot path is one table load per byte.
 */
#ifndef JX_EBCDIC_H
#define JX_EBCDIC_H

#include <stddef.h>
#include <stdint.h>

struct jx_ccsid {
    int ccsid;
    uint8_t u8len[256];     /* UTF-8 length of each EBCDIC byte (1..3) */
    char u8[256][4];        /* UTF-8 bytes of each EBCDIC byte */
    char ascii[256];        /* the one UTF-8 byte of an EBCDIC byte that has one
                             * (not X'00'), else 0: jx_e2u()'s fast loop */
    uint8_t from_latin1[256]; /* Unicode U+0000..U+00FF -> EBCDIC (0x3F = SUB if none) */
    uint8_t euro;           /* EBCDIC byte of U+20AC, 0 if the CCSID has none */
};

/* The CCSIDs jidx supports, 0-terminated. */
extern const int jx_ccsid_supported[];

/*! jx_ccsid_get() : the table for `ccsid`, built on first use (thread-safe).
 *  @return NULL if the CCSID is not supported or iconv lacks it. */
const struct jx_ccsid *jx_ccsid_get(int ccsid);

/*! jx_e2u() : convert n EBCDIC bytes to NUL-terminated UTF-8 in dst (cap
 *  bytes incl. NUL), dropping trailing blanks (X'40') and X'00' bytes, as
 *  Char(n) fields are blank padded. Output is cut at a character boundary if
 *  cap is too small. @return the UTF-8 length written (excluding NUL). */
size_t jx_e2u(const struct jx_ccsid *t, const uint8_t *src, size_t n,
              char *dst, size_t cap);

/*! jx_u2e() : encode UTF-8 `s` into EBCDIC field dst of width n, blank
 *  padded (X'40'); characters outside the CCSID become X'3F'. Truncates at n.
 *  @return the number of EBCDIC bytes used before padding. */
size_t jx_u2e(const struct jx_ccsid *t, const char *s, uint8_t *dst, size_t n);

/*! jx_utf16be_to_utf8() : convert n bytes of UTF-16BE (CCSID 1200/13488) to
 *  NUL-terminated UTF-8, trailing blanks and NULs dropped. @return length. */
size_t jx_utf16be_to_utf8(const uint8_t *src, size_t n, char *dst, size_t cap);
/*! jx_utf8_to_utf16be() : inverse, for the generator. @return bytes written. */
size_t jx_utf8_to_utf16be(const char *s, uint8_t *dst, size_t cap);

#endif
