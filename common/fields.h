/*
 * common/fields.h - field-level decoders and encoders for IBM i data types:
 * zoned decimal, Char(20) digit strings, packed decimal, SAA timestamps.
 * Pure functions, no allocation, safe from any thread.
 */
#ifndef JX_FIELDS_H
#define JX_FIELDS_H

#include <stddef.h>
#include <stdint.h>

/*! jx_zoned() : Zoned(n,0). Every byte X'F0'-X'F9' except the last, whose zone
 *  nibble is the sign (F or C positive, D negative) and digit nibble 0-9.
 *  @return JX_OK, JX_E_FORMAT (bad byte; *bad = its index) or JX_E_RANGE. */
int jx_zoned(const uint8_t *p, size_t n, int64_t *out, size_t *bad);

/*! jx_digits_u64() : unsigned zoned/Char(20) digits into 64 bits. Accepts the
 *  same sign zones (a D sign zone is an error here: sequences are never
 *  negative). @return JX_OK, JX_E_FORMAT (*bad set) or JX_E_RANGE when the
 *  value exceeds 2^64-1 (20 digits can). */
int jx_digits_u64(const uint8_t *p, size_t n, uint64_t *out, size_t *bad);

/*! jx_packed() : Packed(p,0) in `n` bytes, sign in the low nibble of the last
 *  byte. @return JX_OK or JX_E_FORMAT. */
int jx_packed(const uint8_t *p, size_t n, int64_t *out);

/* Encoders (generator): right-aligned, zero-filled, F zones. */
void jx_put_zoned(uint8_t *p, size_t n, int64_t v);
void jx_put_digits_u64(uint8_t *p, size_t n, uint64_t v);
void jx_put_packed(uint8_t *p, size_t n, int64_t v);

/* Timestamps: int64 microseconds since 1970-01-01T00:00:00 of a clock with
 * no zone (IBM i local time). */
int64_t jx_ts_make(int y, int mo, int d, int h, int mi, int s, int us);
void jx_ts_split(int64_t ts, int *y, int *mo, int *d, int *h, int *mi, int *s,
                 int *us);
/*! jx_ts_parse_saa() : EBCDIC SAA Char(26) "YYYY-MM-DD-HH.MM.SS.ffffff".
 *  Validates every digit and the calendar (leap years included).
 *  @return JX_OK or JX_E_FORMAT (*bad = index of the first wrong byte). */
int jx_ts_parse_saa(const uint8_t *p, int64_t *out, size_t *bad);
/*! jx_ts_format_saa() : "YYYY-MM-DD-HH.MM.SS.ffffff" + NUL (27 bytes). */
void jx_ts_format_saa(int64_t ts, char out[27]);
/*! jx_ts_format_iso() : "YYYY-MM-DD HH:MM:SS.ffffff" + NUL (27 bytes). */
void jx_ts_format_iso(int64_t ts, char out[27]);
/*! jx_ts_put_saa() : encode into 26 EBCDIC bytes (generator). */
void jx_ts_put_saa(uint8_t *p, int64_t ts);
/* Day of week 0=Monday..6=Sunday, hour 0..23. */
int jx_ts_weekday(int64_t ts);

#define JX_US_PER_SEC 1000000LL
#define JX_US_PER_DAY (86400LL * JX_US_PER_SEC)

#endif
