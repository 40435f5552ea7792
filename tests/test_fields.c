/*
 * tests/test_fields.c - common/fields.c: zoned, Char(20) digit strings,
 * packed decimal and SAA timestamps (formats doc §1). Known values are
 * written out byte by byte here; calendar facts (epoch seconds, weekdays)
 * were checked against `date -u`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "fields.h"
#include "jx.h"

/* Local EBCDIC for the few invariant characters used here (CCSID 37 and
 * every other supported CCSID agree on them), so this test does not depend
 * on common/ebcdic.c. */
static uint8_t ebc(char c)
{
    if (c >= '0' && c <= '9') return (uint8_t)(0xF0 + (c - '0'));
    switch (c) {
    case '-': return 0x60;
    case '.': return 0x4B;
    case ' ': return 0x40;
    case '/': return 0x61;
    case ':': return 0x7A;
    case 'A': return 0xC1;
    }
    fail_msg("ebc: no mapping for '%c'", c);
    return 0;
}

static void to_ebc(const char *s, uint8_t *out)
{
    for (size_t i = 0; s[i]; i++)
        out[i] = ebc(s[i]);
}

/* ---- zoned -------------------------------------------------------------- */

static void test_zoned_signs(void **state)
{
    (void)state;
    int64_t v = 0;
    size_t bad = 99;
    const uint8_t pos_f[] = {0xF1, 0xF2, 0xF3};
    const uint8_t pos_c[] = {0xF1, 0xF2, 0xC3};
    const uint8_t neg_d[] = {0xF1, 0xF2, 0xD3};
    /* -1 in Zoned(10,0) is F0...F0 D1 (formats doc §1) */
    const uint8_t minus1[] = {0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xD1};
    const uint8_t zero_d[] = {0xF0, 0xD0};

    assert_int_equal(jx_zoned(pos_f, 3, &v, &bad), JX_OK);
    assert_int_equal(v, 123);
    assert_int_equal(jx_zoned(pos_c, 3, &v, &bad), JX_OK);
    assert_int_equal(v, 123);
    assert_int_equal(jx_zoned(neg_d, 3, &v, &bad), JX_OK);
    assert_int_equal(v, -123);
    assert_int_equal(jx_zoned(minus1, 10, &v, &bad), JX_OK);
    assert_int_equal(v, -1);
    assert_int_equal(jx_zoned(zero_d, 2, &v, &bad), JX_OK);
    assert_int_equal(v, 0);
    assert_int_equal(bad, 99); /* untouched on success */
}

static void test_zoned_bad_byte_index(void **state)
{
    (void)state;
    uint8_t p[6];
    int64_t v;
    /* each non-digit byte position is reported as the bad index */
    for (size_t i = 0; i < sizeof(p); i++) {
        const uint8_t bads[] = {0x40, 0x00, 0xFA, 0xFF, 0xC1, 0x4B, 0x9F};
        for (size_t k = 0; k < JX_ARRAY_SIZE(bads); k++) {
            size_t bad = 99;
            memset(p, 0xF5, sizeof(p));
            p[i] = bads[k];
            int rc = jx_zoned(p, sizeof(p), &v, &bad);
            /* C1 is a valid last byte (+1): only the last position may carry a sign */
            if (i == sizeof(p) - 1 && bads[k] == 0xC1) {
                assert_int_equal(rc, JX_OK);
                assert_int_equal(v, 555551);
                continue;
            }
            assert_int_equal(rc, JX_E_FORMAT);
            assert_int_equal(bad, i);
        }
    }
    /* sign zones other than F, C, D on the last byte */
    const uint8_t zones[] = {0xA0, 0xB0, 0xE0, 0x00, 0x40 & 0xF0};
    for (size_t k = 0; k < JX_ARRAY_SIZE(zones); k++) {
        size_t bad = 99;
        memset(p, 0xF1, sizeof(p));
        p[5] = (uint8_t)(zones[k] | 0x03);
        assert_int_equal(jx_zoned(p, sizeof(p), &v, &bad), JX_E_FORMAT);
        assert_int_equal(bad, 5);
    }
    /* D or C zone before the last byte is not a digit */
    memset(p, 0xF1, sizeof(p));
    p[2] = 0xD1;
    size_t bad = 99;
    assert_int_equal(jx_zoned(p, sizeof(p), &v, &bad), JX_E_FORMAT);
    assert_int_equal(bad, 2);
    /* NULL bad pointer is allowed */
    assert_int_equal(jx_zoned(p, sizeof(p), &v, NULL), JX_E_FORMAT);
}

static void test_zoned_limits(void **state)
{
    (void)state;
    uint8_t p[20];
    int64_t v;
    size_t bad;
    memset(p, 0xF9, sizeof(p));
    assert_int_equal(jx_zoned(p, 0, &v, &bad), JX_E_RANGE);
    assert_int_equal(jx_zoned(p, 18, &v, &bad), JX_OK);
    assert_int_equal(v, 999999999999999999LL);
    p[17] = 0xD9;
    assert_int_equal(jx_zoned(p, 18, &v, &bad), JX_OK);
    assert_int_equal(v, -999999999999999999LL);
    /* 19 digits could overflow int64: refused as out of range */
    assert_int_equal(jx_zoned(p, 19, &v, &bad), JX_E_RANGE);
}

static void test_zoned_roundtrip(void **state)
{
    (void)state;
    const int64_t vals[] = {0, 1, -1, 9, -9, 10, 12345, -12345, 99999, -99999,
                            999999999999999999LL, -999999999999999999LL,
                            123456789012345678LL};
    uint8_t p[18];
    for (size_t i = 0; i < JX_ARRAY_SIZE(vals); i++) {
        for (size_t n = 1; n <= 18; n++) {
            int64_t lim = 1, v = 0;
            for (size_t k = 0; k < n; k++)
                lim *= 10;
            if (vals[i] >= lim || vals[i] <= -lim)
                continue;
            jx_put_zoned(p, n, vals[i]);
            for (size_t k = 0; k + 1 < n; k++)
                assert_true(p[k] >= 0xF0 && p[k] <= 0xF9);
            assert_int_equal(p[n - 1] >> 4, vals[i] < 0 ? 0xD : 0xF);
            assert_int_equal(jx_zoned(p, n, &v, NULL), JX_OK);
            assert_int_equal(v, vals[i]);
        }
    }
    /* encoder layout: right aligned, zero filled */
    jx_put_zoned(p, 6, 42);
    const uint8_t want[6] = {0xF0, 0xF0, 0xF0, 0xF0, 0xF4, 0xF2};
    assert_memory_equal(p, want, 6);
    jx_put_zoned(p, 5, -7);
    const uint8_t wantn[5] = {0xF0, 0xF0, 0xF0, 0xF0, 0xD7};
    assert_memory_equal(p, wantn, 5);
    /* the most negative value: low digits kept, no overflow (UBSan) */
    uint8_t w[19];
    jx_put_zoned(w, 19, INT64_MIN); /* -9223372036854775808 */
    assert_int_equal(w[18], 0xD8);
    assert_int_equal(w[0], 0xF9);
}

/* ---- Char(20) digits ------------------------------------------------------ */

static void digits(const char *s, uint8_t *out)
{
    for (size_t i = 0; s[i]; i++)
        out[i] = (uint8_t)(0xF0 + (s[i] - '0'));
}

static void test_digits_u64_20(void **state)
{
    (void)state;
    uint8_t p[20];
    uint64_t v = 0;
    size_t bad = 99;

    digits("18446744073709551615", p); /* 2^64 - 1 */
    assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_OK);
    assert_true(v == UINT64_MAX);

    digits("18446744073709551616", p); /* 2^64: one too many */
    assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_E_RANGE);
    assert_int_equal(bad, 19);

    digits("99999999999999999999", p);
    assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_E_RANGE);
    assert_int_equal(bad, 19);

    digits("20000000000000000000", p);
    assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_E_RANGE);

    digits("00000000000000001000", p);
    assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_OK);
    assert_true(v == 1000);

    digits("09999999999999999999", p);
    assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_OK);
    assert_true(v == 9999999999999999999ULL);
}

static void test_digits_u64_signs_and_bad(void **state)
{
    (void)state;
    uint8_t p[20];
    uint64_t v = 0;
    size_t bad = 99;

    digits("00000000000000000042", p);
    p[19] = 0xC2; /* C zone on the last byte: positive */
    assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_OK);
    assert_true(v == 42);
    p[19] = 0xD2; /* negative sequence numbers do not exist */
    assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_E_FORMAT);
    assert_int_equal(bad, 19);
    for (size_t i = 0; i < 20; i++) {
        digits("12345678901234567890", p);
        p[i] = 0x40;
        bad = 99;
        assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_E_FORMAT);
        assert_int_equal(bad, i);
    }
    digits("12345678901234567890", p);
    p[4] = 0xC5; /* a C zone inside the number is not a digit */
    assert_int_equal(jx_digits_u64(p, 20, &v, &bad), JX_E_FORMAT);
    assert_int_equal(bad, 4);
}

static void test_digits_u64_roundtrip(void **state)
{
    (void)state;
    const uint64_t vals[] = {0, 1, 9, 10, 1000, 4294967296ULL, 9999999999ULL,
                             10000000000ULL, 12345678901234567890ULL, UINT64_MAX};
    uint8_t p[20];
    for (size_t i = 0; i < JX_ARRAY_SIZE(vals); i++) {
        uint64_t v = 1;
        jx_put_digits_u64(p, 20, vals[i]);
        for (size_t k = 0; k < 20; k++)
            assert_true(p[k] >= 0xF0 && p[k] <= 0xF9);
        assert_int_equal(jx_digits_u64(p, 20, &v, NULL), JX_OK);
        assert_true(v == vals[i]);
    }
}

/* ---- packed --------------------------------------------------------------- */

static void test_packed_signs(void **state)
{
    (void)state;
    int64_t v = 0;
    uint8_t p[3] = {0x01, 0x23, 0x4C};
    assert_int_equal(jx_packed(p, 3, &v), JX_OK);
    assert_int_equal(v, 1234);
    const uint8_t sign_pos[] = {0xA, 0xC, 0xE, 0xF};
    const uint8_t sign_neg[] = {0xB, 0xD};
    for (size_t i = 0; i < JX_ARRAY_SIZE(sign_pos); i++) {
        p[2] = (uint8_t)(0x40 | sign_pos[i]);
        assert_int_equal(jx_packed(p, 3, &v), JX_OK);
        assert_int_equal(v, 1234);
    }
    for (size_t i = 0; i < JX_ARRAY_SIZE(sign_neg); i++) {
        p[2] = (uint8_t)(0x40 | sign_neg[i]);
        assert_int_equal(jx_packed(p, 3, &v), JX_OK);
        assert_int_equal(v, -1234);
    }
    /* a digit in the sign nibble is not a sign */
    for (uint8_t s = 0; s <= 9; s++) {
        p[2] = (uint8_t)(0x40 | s);
        assert_int_equal(jx_packed(p, 3, &v), JX_E_FORMAT);
    }
    /* Packed(5,0) takes 3 bytes (ZC/ZR access type, formats doc §1) */
    const uint8_t p5[3] = {0x99, 0x99, 0x9F};
    assert_int_equal(jx_packed(p5, 3, &v), JX_OK);
    assert_int_equal(v, 99999);
}

static void test_packed_bad_nibbles(void **state)
{
    (void)state;
    int64_t v;
    uint8_t p[3];
    for (size_t byte = 0; byte < 3; byte++)
        for (int hi = 0; hi < 2; hi++)
            for (uint8_t nib = 0xA; nib <= 0xF; nib++) {
                if (byte == 2 && !hi)
                    continue; /* that nibble is the sign */
                p[0] = 0x12; p[1] = 0x34; p[2] = 0x5F;
                if (hi)
                    p[byte] = (uint8_t)((p[byte] & 0x0F) | (nib << 4));
                else
                    p[byte] = (uint8_t)((p[byte] & 0xF0) | nib);
                assert_int_equal(jx_packed(p, 3, &v), JX_E_FORMAT);
            }
    assert_int_equal(jx_packed(p, 0, &v), JX_E_FORMAT);
    uint8_t big[10] = {0};
    big[9] = 0x0F;
    assert_int_equal(jx_packed(big, 10, &v), JX_E_FORMAT); /* > 18 digits */
}

static void test_packed_roundtrip(void **state)
{
    (void)state;
    const int64_t vals[] = {0, 1, -1, 7, -7, 42, -42, 99999, -99999, 123456789,
                            -987654321, 99999999999999999LL, -99999999999999999LL};
    uint8_t p[9];
    for (size_t i = 0; i < JX_ARRAY_SIZE(vals); i++)
        for (size_t n = 1; n <= 9; n++) {
            int64_t lim = 1, v = 0;
            for (size_t k = 0; k < 2 * n - 1; k++)
                lim *= 10;
            if (vals[i] >= lim || vals[i] <= -lim)
                continue;
            jx_put_packed(p, n, vals[i]);
            assert_int_equal(p[n - 1] & 0xF, vals[i] < 0 ? 0xD : 0xF);
            assert_int_equal(jx_packed(p, n, &v), JX_OK);
            assert_int_equal(v, vals[i]);
        }
    jx_put_packed(p, 3, -12345);
    const uint8_t want[3] = {0x12, 0x34, 0x5D};
    assert_memory_equal(p, want, 3);
}

/* ---- SAA timestamps ------------------------------------------------------- */

static int parse(const char *s, int64_t *ts, size_t *bad)
{
    uint8_t b[26];
    assert_int_equal(strlen(s), 26);
    to_ebc(s, b);
    return jx_ts_parse_saa(b, ts, bad);
}

static void test_ts_known_values(void **state)
{
    (void)state;
    int64_t ts = 0;
    size_t bad = 99;
    /* epoch seconds from `date -u -d '2024-02-29 13:03:14' +%s` */
    assert_int_equal(parse("2024-02-29-13.03.14.123456", &ts, &bad), JX_OK);
    assert_int_equal(ts, 1709211794LL * JX_US_PER_SEC + 123456);
    assert_int_equal(parse("2000-01-01-00.00.00.000000", &ts, &bad), JX_OK);
    assert_int_equal(ts, 946684800LL * JX_US_PER_SEC);
    assert_int_equal(parse("1970-01-01-00.00.00.000000", &ts, &bad), JX_OK);
    assert_int_equal(ts, 0);
    assert_int_equal(parse("1900-01-01-00.00.00.000000", &ts, &bad), JX_OK);
    assert_int_equal(ts, -2208988800LL * JX_US_PER_SEC);
    assert_int_equal(parse("9999-12-31-23.59.59.999999", &ts, &bad), JX_OK);
    assert_int_equal(ts, 253402300799LL * JX_US_PER_SEC + 999999);
    assert_int_equal(parse("2038-01-19-03.14.08.000001", &ts, &bad), JX_OK);
    assert_int_equal(ts, 2147483648LL * JX_US_PER_SEC + 1);
    assert_int_equal(ts, jx_ts_make(2038, 1, 19, 3, 14, 8, 1));
    assert_int_equal(bad, 99);
}

static void test_ts_format(void **state)
{
    (void)state;
    char s[27];
    int64_t ts = jx_ts_make(2024, 2, 29, 13, 3, 14, 123456);
    jx_ts_format_saa(ts, s);
    assert_string_equal(s, "2024-02-29-13.03.14.123456");
    jx_ts_format_iso(ts, s);
    assert_string_equal(s, "2024-02-29 13:03:14.123456");
    jx_ts_format_saa(-1, s); /* one microsecond before the epoch */
    assert_string_equal(s, "1969-12-31-23.59.59.999999");
    jx_ts_format_saa(jx_ts_make(1900, 1, 1, 0, 0, 0, 7), s);
    assert_string_equal(s, "1900-01-01-00.00.00.000007");

    uint8_t b[26], want[26];
    jx_ts_put_saa(b, ts);
    to_ebc("2024-02-29-13.03.14.123456", want);
    assert_memory_equal(b, want, 26);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static void test_ts_roundtrip_random(void **state)
{
    (void)state;
    const int64_t lo = jx_ts_make(1900, 1, 1, 0, 0, 0, 0);
    const int64_t hi = jx_ts_make(9999, 12, 31, 23, 59, 59, 999999);
    for (int i = 0; i < 20000; i++) {
        int64_t ts = lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1)), back = 0;
        int y, mo, d, h, mi, s, us;
        uint8_t b[26];
        char str[27];
        jx_ts_put_saa(b, ts);
        assert_int_equal(jx_ts_parse_saa(b, &back, NULL), JX_OK);
        assert_int_equal(back, ts);
        jx_ts_split(ts, &y, &mo, &d, &h, &mi, &s, &us);
        assert_int_equal(jx_ts_make(y, mo, d, h, mi, s, us), ts);
        jx_ts_format_saa(ts, str);
        char want[40];
        snprintf(want, sizeof(want), "%04d-%02d-%02d-%02d.%02d.%02d.%06d", y, mo, d, h,
                 mi, s, us);
        assert_string_equal(str, want);
    }
}

static void test_ts_invalid(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t bad;
    } cases[] = {
        {"2023-02-29-00.00.00.000000", 8},  /* 2023 is not a leap year */
        {"1900-02-29-00.00.00.000000", 8},  /* century, not leap */
        {"2100-02-29-12.00.00.000000", 8},
        {"2024-02-30-00.00.00.000000", 8},
        {"2024-04-31-00.00.00.000000", 8},
        {"2024-06-31-00.00.00.000000", 8},
        {"2024-01-32-00.00.00.000000", 8},
        {"2024-01-00-00.00.00.000000", 8},
        {"2024-13-01-00.00.00.000000", 5},  /* month 13 */
        {"2024-00-01-00.00.00.000000", 5},
        {"2024-01-01-24.00.00.000000", 11}, /* hour 24 */
        {"2024-01-01-23.60.00.000000", 14},
        {"2024-01-01-23.59.60.000000", 17}, /* no leap seconds */
        {"1899-12-31-23.59.59.999999", 0},  /* before any IBM i journal */
        {"0000-01-01-00.00.00.000000", 0},
        /* separators: '-' at 4, 7, 10 and '.' at 13, 16, 19 */
        {"2024/01-01-00.00.00.000000", 4},
        {"2024-01/01-00.00.00.000000", 7},
        {"2024-01-01 00.00.00.000000", 10},
        {"2024-01-01-00:00.00.000000", 13},
        {"2024-01-01-00.00:00.000000", 16},
        {"2024-01-01-00.00.00:000000", 19},
        {"2024-01-01-00.00.00-000000", 19},
        {"2024.01.01.00.00.00.000000", 4},
        /* non-digits */
        {"A024-01-01-00.00.00.000000", 0},
        {"2024-0A-01-00.00.00.000000", 6},
        {"2024-01-01-00.00.00.00000A", 25},
        {"2024-01-01-00.00.00. 00000", 20},
    };
    for (size_t i = 0; i < JX_ARRAY_SIZE(cases); i++) {
        int64_t ts = 12345;
        size_t bad = 99;
        int rc = parse(cases[i].s, &ts, &bad);
        if (rc != JX_E_FORMAT || bad != cases[i].bad)
            fail_msg("'%s': rc %d bad %zu, want JX_E_FORMAT at %zu", cases[i].s, rc,
                     bad, cases[i].bad);
        assert_int_equal(ts, 12345); /* output untouched on error */
    }
    /* bad may be NULL */
    uint8_t b[26];
    int64_t ts;
    to_ebc("2024-13-01-00.00.00.000000", b);
    assert_int_equal(jx_ts_parse_saa(b, &ts, NULL), JX_E_FORMAT);
}

static void test_ts_leap_years(void **state)
{
    (void)state;
    /* Feb 29 exists exactly in the Gregorian leap years */
    for (int y = 1900; y <= 2400; y++) {
        char s[27];
        int64_t ts;
        size_t bad = 99;
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        snprintf(s, sizeof(s), "%04d-02-29-12.00.00.000000", y);
        int rc = parse(s, &ts, &bad);
        assert_int_equal(rc, leap ? JX_OK : JX_E_FORMAT);
        if (leap) {
            /* the day after Feb 28 */
            assert_int_equal(ts - jx_ts_make(y, 2, 28, 12, 0, 0, 0), JX_US_PER_DAY);
            assert_int_equal(jx_ts_make(y, 3, 1, 12, 0, 0, 0) - ts, JX_US_PER_DAY);
        } else {
            assert_int_equal(bad, 8);
            assert_int_equal(jx_ts_make(y, 3, 1, 12, 0, 0, 0) -
                                 jx_ts_make(y, 2, 28, 12, 0, 0, 0), JX_US_PER_DAY);
        }
        /* year length */
        assert_int_equal(jx_ts_make(y + 1, 1, 1, 0, 0, 0, 0) - jx_ts_make(y, 1, 1, 0, 0, 0, 0),
                         (leap ? 366 : 365) * JX_US_PER_DAY);
    }
    /* 2000-02-29 exists (divisible by 400) */
    int64_t ts;
    assert_int_equal(parse("2000-02-29-00.00.00.000000", &ts, NULL), JX_OK);
}

static void test_ts_weekday(void **state)
{
    (void)state;
    /* weekdays from `date -u +%A`; 0 = Monday */
    assert_int_equal(jx_ts_weekday(0), 3);                                   /* Thu 1970-01-01 */
    assert_int_equal(jx_ts_weekday(jx_ts_make(2024, 2, 29, 13, 3, 14, 0)), 3); /* Thu */
    assert_int_equal(jx_ts_weekday(jx_ts_make(2000, 1, 1, 0, 0, 0, 0)), 5);    /* Sat */
    assert_int_equal(jx_ts_weekday(jx_ts_make(1900, 1, 1, 0, 0, 0, 0)), 0);    /* Mon */
    assert_int_equal(jx_ts_weekday(jx_ts_make(9999, 12, 31, 23, 59, 59, 0)), 4); /* Fri */
    assert_int_equal(jx_ts_weekday(jx_ts_make(2038, 1, 19, 3, 14, 8, 0)), 1);  /* Tue */
    assert_int_equal(jx_ts_weekday(-1), 2);                                  /* Wed 1969-12-31 */
    /* consecutive days step through the week, across the epoch */
    int64_t t = jx_ts_make(1969, 1, 1, 23, 59, 59, 999999);
    int w = jx_ts_weekday(t);
    for (int i = 0; i < 1000; i++) {
        t += JX_US_PER_DAY;
        int n = jx_ts_weekday(t);
        assert_int_equal(n, (w + 1) % 7);
        w = n;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zoned_signs),
        cmocka_unit_test(test_zoned_bad_byte_index),
        cmocka_unit_test(test_zoned_limits),
        cmocka_unit_test(test_zoned_roundtrip),
        cmocka_unit_test(test_digits_u64_20),
        cmocka_unit_test(test_digits_u64_signs_and_bad),
        cmocka_unit_test(test_digits_u64_roundtrip),
        cmocka_unit_test(test_packed_signs),
        cmocka_unit_test(test_packed_bad_nibbles),
        cmocka_unit_test(test_packed_roundtrip),
        cmocka_unit_test(test_ts_known_values),
        cmocka_unit_test(test_ts_format),
        cmocka_unit_test(test_ts_roundtrip_random),
        cmocka_unit_test(test_ts_invalid),
        cmocka_unit_test(test_ts_leap_years),
        cmocka_unit_test(test_ts_weekday),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
