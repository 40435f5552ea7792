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
        if (r == (size_t)-1 || len == 0 || len > 3) {
            /* unmapped byte: show U+FFFD so nothing is silently dropped */
            memcpy(t->u8[b], "\xEF\xBF\xBD", 3);
            t->u8len[b] = 3;
            continue;
        }
        memcpy(t->u8[b], out, len);
        t->u8len[b] = (uint8_t)len;
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

size_t jx_e2u(const struct jx_ccsid *t, const uint8_t *src, size_t n,
              char *dst, size_t cap)
{
    while (n > 0 && (src[n - 1] == 0x40 || src[n - 1] == 0x00))
        n--;
    size_t o = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned l = t->u8len[src[i]];
        if (o + l >= cap)
            break;
        memcpy(dst + o, t->u8[src[i]], 4);
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
        if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < n) {
            uint32_t lo = jx_be16(src + i + 2);
            if (lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        char b[4];
        size_t l;
        if (cp < 0x80) { b[0] = (char)cp; l = 1; }
        else if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); l = 2; }
        else if (cp < 0x10000) { b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[2] = (char)(0x80 | (cp & 0x3F)); l = 3; }
        else { b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F)); b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F)); l = 4; }
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
