/*
 * common/ebcdic.c - CCSID tables. Built once per CCSID at first use by
 * asking iconv for each of the 256 byte values (cold path: 256 iconv calls
 * per CCSID per process); every conversion afterwards is table lookups.
 * Thread rule: tables are published under a mutex and immutable afterwards.
 */
#include "ebcdic.h"

#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "entry.h"
#include "jx.h"

const int jx_ccsid_supported[] = {37, 273, 277, 278, 280, 284, 285, 297, 500,
                                  871, 1140, 1141, 1142, 1143, 1144, 1145,
                                  1146, 1147, 1148, 1149, 0};

static struct jx_ccsid *tables[JX_ARRAY_SIZE(jx_ccsid_supported)];
static pthread_mutex_t tables_lock = PTHREAD_MUTEX_INITIALIZER;

static int utf8_decode1(const char *s, size_t n, uint32_t *cp)
{
    const uint8_t *u = (const uint8_t *)s;
    if (n >= 1 && u[0] < 0x80) { *cp = u[0]; return 1; }
    if (n >= 2 && (u[0] & 0xE0) == 0xC0) {
        *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (n >= 3 && (u[0] & 0xF0) == 0xE0) {
        *cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    }
    if (n >= 4 && (u[0] & 0xF8) == 0xF0) {
        *cp = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
              ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

/* Corrections to glibc's iconv tables. IBM defines CCSIDs 1140-1149 as the
 * ten base CCSIDs with the euro sign in place of the currency sign, and
 * nothing else changed; glibc's base tables for 278, 285 and 871 differ from
 * its own 1143, 1146 and 1149 in more bytes than that. In each case the euro
 * table agrees with IBM's mapping tables as shipped with OpenJDK
 * (make/data/charsetmapping/IBM278.map, IBM285.map, IBM871.map), so the
 * base tables are corrected to match (tests/test_ebcdic.c checks all of
 * this). The same values are right if a future iconv fixes its tables. */
static const struct {
    int ccsid;
    uint8_t byte;
    uint32_t cp;
} corrections[] = {
    {278, 0x71, 0x005C}, {278, 0xE0, 0x00C9}, /* glibc: swapped '\' and 'É' */
    {285, 0xA1, 0x00AF},                      /* glibc: U+203E overline */
    {871, 0x4A, 0x00DE}, {871, 0xC0, 0x00FE}, /* glibc: swapped 'Þ' and 'þ' */
};

static size_t utf8_encode1(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static struct jx_ccsid *build_table(int ccsid)
{
    char name[32];
    snprintf(name, sizeof(name), "IBM%03d", ccsid);
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return NULL;
    struct jx_ccsid *t = jx_calloc(1, sizeof(*t));
    if (!t) {
        iconv_close(cd);
        return NULL;
    }
    t->ccsid = ccsid;
    memset(t->from_latin1, 0x3F, sizeof(t->from_latin1));
    for (int b = 0; b < 256; b++) {
        char in[1] = {(char)b}, out[8];
        char *ip = in, *op = out;
        size_t il = 1, ol = sizeof(out);
        iconv(cd, NULL, NULL, NULL, NULL);
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        size_t len = sizeof(out) - ol;
        for (size_t k = 0; k < JX_ARRAY_SIZE(corrections); k++)
            if (corrections[k].ccsid == ccsid && corrections[k].byte == b) {
                len = utf8_encode1(corrections[k].cp, out);
                r = 0;
            }
        if (r == (size_t)-1 || len == 0 || len > 3) {
            /* unmapped byte: show U+FFFD so nothing is silently dropped */
            memcpy(t->u8[b], "\xEF\xBF\xBD", 3);
            t->u8len[b] = 3;
            continue;
        }
        memcpy(t->u8[b], out, len);
        t->u8len[b] = (uint8_t)len;
        if (len == 1)
            t->ascii[b] = out[0]; /* 0 for U+0000: the general loop writes it */
        uint32_t cp;
        utf8_decode1(out, len, &cp);
        if (cp < 256 && t->from_latin1[cp] == 0x3F)
            t->from_latin1[cp] = (uint8_t)b;
        if (cp == 0x20AC)
            t->euro = (uint8_t)b;
    }
    t->from_latin1[0x3F] = t->from_latin1['?'];
    iconv_close(cd);
    return t;
}

const struct jx_ccsid *jx_ccsid_get(int ccsid)
{
    size_t i;
    for (i = 0; jx_ccsid_supported[i]; i++)
        if (jx_ccsid_supported[i] == ccsid)
            break;
    if (!jx_ccsid_supported[i])
        return NULL;
    pthread_mutex_lock(&tables_lock);
    if (!tables[i])
        tables[i] = build_table(ccsid);
    struct jx_ccsid *t = tables[i];
    pthread_mutex_unlock(&tables_lock);
    return t;
}

/* Hot path: every text field of every record during ingest (heading names,
 * ESD object names, paths). Trailing padding goes 8 bytes at a time; the
 * characters that are one UTF-8 byte (letters, digits, most punctuation:
 * nearly all of a name) are copied by a tight loop; the general loop takes
 * over at the first other character, with the same result byte for byte. */
size_t jx_e2u(const struct jx_ccsid *t, const uint8_t *src, size_t n,
              char *dst, size_t cap)
{
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, src + n - 8, 8);
        if (w & ~0x4040404040404040ull) /* a byte other than X'00'/X'40' */
            break;
        n -= 8;
    }
    while (n > 0 && (src[n - 1] == 0x40 || src[n - 1] == 0x00))
        n--;
    size_t o = 0;
    if (cap == 0)
        return 0;
    size_t i = 0;
    const size_t lim = n < cap - 1 ? n : cap - 1;
    for (; i < lim; i++) {
        const char c = t->ascii[src[i]];
        if (!c)
            break;
        dst[i] = c;
    }
    o = i;
    for (; i < n; i++) {
        unsigned l = t->u8len[src[i]];
        if (o + l >= cap)
            break;
        memcpy(dst + o, t->u8[src[i]], l); /* l, not 4: never write past cap */
        o += l;
    }
    dst[o] = '\0';
    return o;
}

size_t jx_u2e(const struct jx_ccsid *t, const char *s, uint8_t *dst, size_t n)
{
    size_t o = 0, sl = strlen(s), i = 0;
    while (i < sl && o < n) {
        uint32_t cp;
        i += (size_t)utf8_decode1(s + i, sl - i, &cp);
        if (cp < 256)
            dst[o++] = t->from_latin1[cp];
        else if (cp == 0x20AC && t->euro)
            dst[o++] = t->euro;
        else
            dst[o++] = 0x3F;
    }
    size_t used = o;
    if (o < n)
        memset(dst + o, 0x40, n - o);
    return used;
}

size_t jx_utf16be_to_utf8(const uint8_t *src, size_t n, char *dst, size_t cap)
{
    size_t o = 0;
    n &= ~(size_t)1;
    while (n >= 2 && ((src[n - 2] == 0 && (src[n - 1] == 0x20 || src[n - 1] == 0))))
        n -= 2;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t cp = jx_be16(src + i);
        if (cp < 0x80) { /* ASCII: most of a path */
            if (o + 1 >= cap)
                break;
            dst[o++] = (char)cp;
            continue;
        }
        if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < n) {
            uint32_t lo = jx_be16(src + i + 2);
            if (lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        /* an unpaired surrogate has no UTF-8 form: show U+FFFD */
        if (cp >= 0xD800 && cp < 0xE000)
            cp = 0xFFFD;
        char b[4];
        size_t l = utf8_encode1(cp, b);
        if (o + l >= cap)
            break;
        memcpy(dst + o, b, l);
        o += l;
    }
    dst[o] = '\0';
    return o;
}

size_t jx_utf8_to_utf16be(const char *s, uint8_t *dst, size_t cap)
{
    size_t sl = strlen(s), i = 0, o = 0;
    while (i < sl) {
        uint32_t cp;
        i += (size_t)utf8_decode1(s + i, sl - i, &cp);
        if (cp >= 0x10000) {
            if (o + 4 > cap)
                break;
            cp -= 0x10000;
            jx_put_be16(dst + o, (uint16_t)(0xD800 + (cp >> 10)));
            jx_put_be16(dst + o + 2, (uint16_t)(0xDC00 + (cp & 0x3FF)));
            o += 4;
        } else {
            if (o + 2 > cap)
                break;
            jx_put_be16(dst + o, (uint16_t)cp);
            o += 2;
        }
    }
    return o;
}

size_t jx_entry_name(const struct jx_ccsid *cc, const uint8_t *src, size_t len, char *dst)
{
    memset(dst, 0, JX_NAME_SZ);
    return jx_e2u(cc, src, len, dst, JX_NAME_SZ);
}

int jx_entry_names(struct jx_entry *e)
{
    if (!e->raw_names)
        return JX_OK;
    const struct jx_ccsid *cc = jx_ccsid_get(e->ccsid);
    if (!cc)
        return JX_E_NOTFOUND;
    char *const dst[JX_RN_COUNT_] = {
        [JX_RN_JOB] = e->job, [JX_RN_JOB_USER] = e->job_user, [JX_RN_USER] = e->user,
        [JX_RN_PROGRAM] = e->program, [JX_RN_PROGRAM_LIB] = e->program_lib,
        [JX_RN_OBJTYPE_HDR] = e->object_type_hdr,
    };
    for (unsigned k = 0; k < JX_RN_COUNT_; k++)
        jx_entry_name(cc, e->raw[k], e->raw_len[k], dst[k]);
    e->raw_names = false;
    return JX_OK;
}
