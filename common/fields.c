/*
 * common/fields.c - zoned, packed and timestamp codecs. Hot path: called for
 * every record during ingest, so branch-light loops and no library calls.
 */
#include "fields.h"

#include <string.h>

#include "jx.h"

int jx_zoned(const uint8_t *p, size_t n, int64_t *out, size_t *bad)
{
    int64_t v = 0;
    if (n == 0 || n > 18)
        return JX_E_RANGE;
    for (size_t i = 0; i + 1 < n; i++) {
        if ((uint8_t)(p[i] - 0xF0) > 9) {
            if (bad) *bad = i;
            return JX_E_FORMAT;
        }
        v = v * 10 + (p[i] - 0xF0);
    }
    uint8_t last = p[n - 1], zone = last >> 4, dig = last & 0x0F;
    if (dig > 9 || (zone != 0xF && zone != 0xC && zone != 0xD)) {
        if (bad) *bad = n - 1;
        return JX_E_FORMAT;
    }
    v = v * 10 + dig;
    *out = zone == 0xD ? -v : v;
    return JX_OK;
}

int jx_digits_u64(const uint8_t *p, size_t n, uint64_t *out, size_t *bad)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = p[i];
        unsigned d;
        if ((uint8_t)(b - 0xF0) <= 9)
            d = b - 0xF0u;
        else if (i == n - 1 && ((b >> 4) == 0xC) && (b & 0xF) <= 9)
            d = b & 0xFu;
        else {
            if (bad) *bad = i;
            return JX_E_FORMAT;
        }
        if (v > (UINT64_MAX - d) / 10) {
            if (bad) *bad = i;
            return JX_E_RANGE;
        }
        v = v * 10 + d;
    }
    *out = v;
    return JX_OK;
}

int jx_packed(const uint8_t *p, size_t n, int64_t *out)
{
    int64_t v = 0;
    if (n == 0 || n > 9)
        return JX_E_FORMAT;
    for (size_t i = 0; i < n; i++) {
        unsigned hi = p[i] >> 4, lo = p[i] & 0xF;
        if (hi > 9)
            return JX_E_FORMAT;
        v = v * 10 + hi;
        if (i + 1 < n) {
            if (lo > 9)
                return JX_E_FORMAT;
            v = v * 10 + lo;
        } else if (lo == 0xD || lo == 0xB) {
            v = -v;
        } else if (lo < 0xA) {
            return JX_E_FORMAT;
        }
    }
    *out = v;
    return JX_OK;
}

/* |v| without the undefined -INT64_MIN */
static uint64_t mag(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

void jx_put_zoned(uint8_t *p, size_t n, int64_t v)
{
    int neg = v < 0;
    uint64_t u = mag(v);
    for (size_t i = n; i-- > 0;) {
        p[i] = (uint8_t)(0xF0 | (u % 10));
        u /= 10;
    }
    if (neg)
        p[n - 1] = (uint8_t)(0xD0 | (p[n - 1] & 0x0F));
}

void jx_put_digits_u64(uint8_t *p, size_t n, uint64_t v)
{
    for (size_t i = n; i-- > 0;) {
        p[i] = (uint8_t)(0xF0 | (v % 10));
        v /= 10;
    }
}

void jx_put_packed(uint8_t *p, size_t n, int64_t v)
{
    int neg = v < 0;
    uint64_t u = mag(v);
    p[n - 1] = (uint8_t)(((u % 10) << 4) | (neg ? 0xD : 0xF));
    u /= 10;
    for (size_t i = n - 1; i-- > 0;) {
        uint8_t lo = (uint8_t)(u % 10);
        u /= 10;
        p[i] = (uint8_t)(((u % 10) << 4) | lo);
        u /= 10;
    }
}

/* Howard Hinnant's days-from-civil: exact for the proleptic Gregorian
 * calendar, no tables, no libc time zone machinery. */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int64_t jx_ts_make(int y, int mo, int d, int h, int mi, int s, int us)
{
    return (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) *
               JX_US_PER_SEC + us;
}

void jx_ts_split(int64_t ts, int *y, int *mo, int *d, int *h, int *mi, int *s,
                 int *us)
{
    int64_t days = ts / JX_US_PER_DAY, rem = ts % JX_US_PER_DAY;
    if (rem < 0) {
        rem += JX_US_PER_DAY;
        days--;
    }
    civil_from_days(days, y, mo, d);
    int64_t secs = rem / JX_US_PER_SEC;
    *us = (int)(rem % JX_US_PER_SEC);
    *h = (int)(secs / 3600);
    *mi = (int)(secs / 60 % 60);
    *s = (int)(secs % 60);
}

int jx_ts_weekday(int64_t ts)
{
    int64_t days = ts / JX_US_PER_DAY;
    if (ts % JX_US_PER_DAY < 0)
        days--;
    /* 1970-01-01 was a Thursday (3 with Monday = 0) */
    int64_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int mdays(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : md[m - 1];
}

/* digits of the SAA form, as (position, count) pairs */
static int num(const uint8_t *p, size_t at, size_t n, int *v, size_t *bad)
{
    int r = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = p[at + i];
        if ((uint8_t)(b - 0xF0) > 9) {
            if (bad) *bad = at + i;
            return JX_E_FORMAT;
        }
        r = r * 10 + (b - 0xF0);
    }
    *v = r;
    return JX_OK;
}

int jx_ts_parse_saa(const uint8_t *p, int64_t *out, size_t *bad)
{
    int y, mo, d, h, mi, s, us;
    /* separators: '-' X'60' at 4,7,10; '.' X'4B' at 13,16,19 */
    static const uint8_t sep_pos[6] = {4, 7, 10, 13, 16, 19};
    static const uint8_t sep_val[6] = {0x60, 0x60, 0x60, 0x4B, 0x4B, 0x4B};
    for (int i = 0; i < 6; i++)
        if (p[sep_pos[i]] != sep_val[i]) {
            if (bad) *bad = sep_pos[i];
            return JX_E_FORMAT;
        }
    if (num(p, 0, 4, &y, bad) || num(p, 5, 2, &mo, bad) || num(p, 8, 2, &d, bad) ||
        num(p, 11, 2, &h, bad) || num(p, 14, 2, &mi, bad) ||
        num(p, 17, 2, &s, bad) || num(p, 20, 6, &us, bad))
        return JX_E_FORMAT;
    if (mo < 1 || mo > 12) { if (bad) *bad = 5; return JX_E_FORMAT; }
    if (d < 1 || d > mdays(y, mo)) { if (bad) *bad = 8; return JX_E_FORMAT; }
    if (h > 23) { if (bad) *bad = 11; return JX_E_FORMAT; }
    if (mi > 59) { if (bad) *bad = 14; return JX_E_FORMAT; }
    if (s > 59) { if (bad) *bad = 17; return JX_E_FORMAT; }
    if (y < 1900) { if (bad) *bad = 0; return JX_E_FORMAT; }
    *out = jx_ts_make(y, mo, d, h, mi, s, us);
    return JX_OK;
}

static void put2(char *o, int v) { o[0] = (char)('0' + v / 10); o[1] = (char)('0' + v % 10); }

static void format_ts(int64_t ts, char out[27], char dsep, char tsep, char hsep)
{
    int y, mo, d, h, mi, s, us;
    jx_ts_split(ts, &y, &mo, &d, &h, &mi, &s, &us);
    if (y < 0 || y > 9999) {
        memcpy(out, "0000-00-00-00.00.00.000000", 27);
        return;
    }
    out[0] = (char)('0' + y / 1000); out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10); out[3] = (char)('0' + y % 10);
    out[4] = '-'; put2(out + 5, mo); out[7] = '-'; put2(out + 8, d);
    out[10] = dsep; put2(out + 11, h); out[13] = tsep; put2(out + 14, mi);
    out[16] = tsep; put2(out + 17, s); out[19] = hsep;
    for (int i = 25; i >= 20; i--) { out[i] = (char)('0' + us % 10); us /= 10; }
    out[26] = '\0';
}

void jx_ts_format_saa(int64_t ts, char out[27]) { format_ts(ts, out, '-', '.', '.'); }
void jx_ts_format_iso(int64_t ts, char out[27]) { format_ts(ts, out, ' ', ':', '.'); }

void jx_ts_put_saa(uint8_t *p, int64_t ts)
{
    char s[27];
    jx_ts_format_saa(ts, s);
    for (int i = 0; i < 26; i++)
        p[i] = s[i] == '-' ? 0x60 : s[i] == '.' ? 0x4B : (uint8_t)(0xF0 + (s[i] - '0'));
}
