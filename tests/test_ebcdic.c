/*
 * tests/test_ebcdic.c - common/ebcdic.c: CCSID tables, EBCDIC <-> UTF-8,
 * trailing blank trimming, UTF-16BE, thread-safe table construction.
 *
 * Reference for the code points below: IBM's own mapping tables as shipped
 * with OpenJDK (make/data/charsetmapping/IBM037.map ... IBM1149.map, each
 * "Generated from IBMnnn.java", the classes IBM contributed). They were also
 * compared with glibc iconv for all 256 bytes of all 20 CCSIDs: glibc agrees
 * except 0x15 (NEL vs LF, irrelevant to names) and three bytes where glibc's
 * base table contradicts both IBM and glibc's own euro variant (see
 * common/ebcdic.c, "corrections"); those three are asserted here too.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "ebcdic.h"
#include "jx.h"

static const int all_ccsids[] = {37, 273, 277, 278, 280, 284, 285, 297, 500, 871,
                                 1140, 1141, 1142, 1143, 1144, 1145, 1146, 1147, 1148, 1149};

/* ---- thread-safe construction (runs first: tables are not built yet) ---- */

static const struct jx_ccsid *seen[8][JX_ARRAY_SIZE(all_ccsids)];

static void *get_all(void *arg)
{
    const size_t t = (size_t)(uintptr_t)arg, n = JX_ARRAY_SIZE(all_ccsids);
    for (size_t k = 0; k < n; k++) {
        size_t i = (k + t * 3) % n; /* each thread in a different order */
        seen[t][i] = jx_ccsid_get(all_ccsids[i]);
    }
    return NULL;
}

static void test_tables_built_once_concurrently(void **state)
{
    (void)state;
    pthread_t th[8];
    for (size_t t = 0; t < 8; t++)
        assert_int_equal(pthread_create(&th[t], NULL, get_all, (void *)(uintptr_t)t), 0);
    for (size_t t = 0; t < 8; t++)
        pthread_join(th[t], NULL);
    for (size_t i = 0; i < JX_ARRAY_SIZE(all_ccsids); i++) {
        const struct jx_ccsid *c = jx_ccsid_get(all_ccsids[i]);
        assert_non_null(c);
        assert_int_equal(c->ccsid, all_ccsids[i]);
        for (size_t t = 0; t < 8; t++)
            assert_ptr_equal(seen[t][i], c); /* one table per CCSID, never rebuilt */
    }
}

static void test_supported_list_and_unsupported(void **state)
{
    (void)state;
    size_t n = 0;
    for (; jx_ccsid_supported[n]; n++)
        assert_int_equal(jx_ccsid_supported[n], all_ccsids[n]);
    assert_int_equal(n, JX_ARRAY_SIZE(all_ccsids));
    const int bad[] = {0, -1, 1, 36, 38, 819, 1047, 1139, 1150, 1200, 13488, 65535, 1208};
    for (size_t i = 0; i < JX_ARRAY_SIZE(bad); i++)
        assert_null(jx_ccsid_get(bad[i]));
}

/* ---- known code points ----------------------------------------------------- */

static const struct {
    int ccsid;
    uint8_t b;
    const char *u8;
} known[] = {
    /* 37 (US): the variant characters of user and object names */
    {37, 0x7C, "@"}, {37, 0x7B, "#"}, {37, 0x5B, "$"}, {37, 0x4A, "¢"},
    {37, 0x5A, "!"}, {37, 0x4F, "|"}, {37, 0xBA, "["}, {37, 0xBB, "]"},
    {37, 0x5F, "¬"}, {37, 0xE0, "\\"}, {37, 0x9F, "¤"}, {37, 0x6D, "_"},
    /* 273 (Germany/Austria) */
    {273, 0xB5, "@"}, {273, 0x7C, "§"}, {273, 0x7B, "#"}, {273, 0x5B, "$"},
    {273, 0x4A, "Ä"}, {273, 0xE0, "Ö"}, {273, 0x5A, "Ü"}, {273, 0xC0, "ä"},
    {273, 0x6A, "ö"}, {273, 0xD0, "ü"}, {273, 0xA1, "ß"}, {273, 0x4F, "!"},
    {273, 0x63, "["}, {273, 0xFC, "]"}, {273, 0xEC, "\\"}, {273, 0x9F, "¤"},
    /* 277 (Denmark/Norway) */
    {277, 0x80, "@"}, {277, 0x4A, "#"}, {277, 0x67, "$"}, {277, 0x7B, "Æ"},
    {277, 0x7C, "Ø"}, {277, 0x5B, "Å"}, {277, 0x5A, "¤"}, {277, 0x9E, "["},
    /* 278 (Finland/Sweden) */
    {278, 0xEC, "@"}, {278, 0x63, "#"}, {278, 0x67, "$"}, {278, 0x7B, "Ä"},
    {278, 0x7C, "Ö"}, {278, 0x5B, "Å"}, {278, 0x4A, "§"}, {278, 0x5A, "¤"},
    {278, 0x79, "é"}, {278, 0x71, "\\"}, {278, 0xE0, "É"}, /* glibc IBM278 swaps these two */
    /* 280 (Italy) */
    {280, 0xB5, "@"}, {280, 0xB1, "#"}, {280, 0x5B, "$"}, {280, 0x7B, "£"},
    {280, 0x7C, "§"}, {280, 0xC0, "à"}, {280, 0x5A, "é"}, {280, 0xE0, "ç"},
    /* 284 (Spain/Latin America) */
    {284, 0x7C, "@"}, {284, 0x69, "#"}, {284, 0x5B, "$"}, {284, 0x7B, "Ñ"},
    {284, 0x6A, "ñ"}, {284, 0x4A, "["}, {284, 0x5A, "]"}, {284, 0xBB, "!"},
    /* 285 (United Kingdom) */
    {285, 0x7C, "@"}, {285, 0x7B, "#"}, {285, 0x4A, "$"}, {285, 0x5B, "£"},
    {285, 0xB1, "["}, {285, 0xBB, "]"}, {285, 0xA1, "¯"}, /* glibc IBM285: U+203E */
    /* 297 (France) */
    {297, 0x44, "@"}, {297, 0xB1, "#"}, {297, 0x5B, "$"}, {297, 0x7B, "£"},
    {297, 0x7C, "à"}, {297, 0xC0, "é"}, {297, 0xE0, "ç"}, {297, 0x5A, "§"},
    /* 500 (International) */
    {500, 0x7C, "@"}, {500, 0x7B, "#"}, {500, 0x5B, "$"}, {500, 0x4F, "!"},
    {500, 0x4A, "["}, {500, 0x5A, "]"}, {500, 0xBB, "|"}, {500, 0xBA, "¬"},
    /* 871 (Iceland) */
    {871, 0xAC, "@"}, {871, 0x7B, "#"}, {871, 0x5B, "$"}, {871, 0x7C, "Ð"},
    {871, 0x5A, "Æ"}, {871, 0xA1, "ö"},
    {871, 0x4A, "Þ"}, {871, 0xC0, "þ"}, /* glibc IBM871 swaps these two */
    /* euro variants: the euro replaces the currency sign ¤ of the base */
    {1140, 0x9F, "€"}, {1141, 0x9F, "€"}, {1142, 0x5A, "€"}, {1143, 0x5A, "€"},
    {1144, 0x9F, "€"}, {1145, 0x9F, "€"}, {1146, 0x9F, "€"}, {1147, 0x9F, "€"},
    {1148, 0x9F, "€"}, {1149, 0x9F, "€"},
    {1141, 0xB5, "@"}, {1141, 0x7C, "§"}, {1140, 0x7C, "@"}, {1149, 0x4A, "Þ"},
};

static void test_known_code_points(void **state)
{
    (void)state;
    for (size_t i = 0; i < JX_ARRAY_SIZE(known); i++) {
        const struct jx_ccsid *c = jx_ccsid_get(known[i].ccsid);
        char out[8];
        uint8_t back[2];
        assert_non_null(c);
        size_t l = strlen(known[i].u8);
        if (c->u8len[known[i].b] != l || memcmp(c->u8[known[i].b], known[i].u8, l) != 0)
            fail_msg("CCSID %d X'%02X': want '%s', table has '%.*s'", known[i].ccsid,
                     known[i].b, known[i].u8, (int)c->u8len[known[i].b], c->u8[known[i].b]);
        assert_int_equal(jx_e2u(c, &known[i].b, 1, out, sizeof(out)), l);
        assert_string_equal(out, known[i].u8);
        assert_int_equal(jx_u2e(c, known[i].u8, back, 2), 1);
        if (back[0] != known[i].b)
            fail_msg("CCSID %d: '%s' encodes to X'%02X', want X'%02X'", known[i].ccsid,
                     known[i].u8, back[0], known[i].b);
        assert_int_equal(back[1], 0x40);
    }
}

/* Characters every supported CCSID places alike (the EBCDIC invariant set
 * plus blank), which the decoder's letter/digit checks rely on. */
static void test_invariant_characters(void **state)
{
    (void)state;
    for (size_t i = 0; i < JX_ARRAY_SIZE(all_ccsids); i++) {
        const struct jx_ccsid *c = jx_ccsid_get(all_ccsids[i]);
        for (int k = 0; k < 26; k++) {
            uint8_t up = (uint8_t)(k < 9 ? 0xC1 + k : k < 18 ? 0xD1 + k - 9 : 0xE2 + k - 18);
            assert_int_equal(c->u8len[up], 1);
            assert_int_equal(c->u8[up][0], 'A' + k);
            assert_int_equal(c->u8[up - 0x40][0], 'a' + k);
        }
        for (int k = 0; k < 10; k++)
            assert_int_equal(c->u8[0xF0 + k][0], '0' + k);
        const char *inv = " .<(+&*);-/,%_>?:'=\"";
        const uint8_t invb[] = {0x40, 0x4B, 0x4C, 0x4D, 0x4E, 0x50, 0x5C, 0x5D, 0x5E, 0x60,
                                0x61, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x7A, 0x7D, 0x7E, 0x7F};
        for (size_t k = 0; k < sizeof(invb); k++) {
            assert_int_equal(c->u8len[invb[k]], 1);
            if (c->u8[invb[k]][0] != inv[k])
                fail_msg("CCSID %d X'%02X' is '%c', want '%c'", all_ccsids[i], invb[k],
                         c->u8[invb[k]][0], inv[k]);
        }
    }
}

static uint32_t cp_of(const struct jx_ccsid *c, int b)
{
    const uint8_t *u = (const uint8_t *)c->u8[b];
    switch (c->u8len[b]) {
    case 1: return u[0];
    case 2: return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    default: return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
}

/* IBM defines CCSIDs 1140-1149 as 37, 273, 277, 278, 280, 284, 285, 297,
 * 500, 871 with the euro sign in place of the currency sign: the tables
 * must differ in exactly that one byte. */
static void test_euro_variants_differ_in_one_byte(void **state)
{
    (void)state;
    for (size_t i = 0; i < 10; i++) {
        const struct jx_ccsid *base = jx_ccsid_get(all_ccsids[i]);
        const struct jx_ccsid *eur = jx_ccsid_get(all_ccsids[i + 10]);
        int diff = 0, where = -1;
        for (int b = 0; b < 256; b++)
            if (cp_of(base, b) != cp_of(eur, b)) {
                diff++;
                where = b;
            }
        if (diff != 1)
            fail_msg("CCSID %d vs %d: %d bytes differ (want 1)", base->ccsid, eur->ccsid, diff);
        assert_int_equal(cp_of(base, where), 0xA4);
        assert_int_equal(cp_of(eur, where), 0x20AC);
        assert_int_equal(eur->euro, where);
        assert_int_equal(base->euro, 0);
        assert_int_equal(base->from_latin1[0xA4], where);
        assert_int_equal(eur->from_latin1[0xA4], 0x3F); /* ¤ gone from 114x */
    }
}

/* Every table maps 256 bytes to 256 distinct code points. */
static void test_tables_are_bijective(void **state)
{
    (void)state;
    for (size_t i = 0; i < JX_ARRAY_SIZE(all_ccsids); i++) {
        const struct jx_ccsid *c = jx_ccsid_get(all_ccsids[i]);
        static uint8_t hit[0x10000];
        memset(hit, 0, sizeof(hit));
        for (int b = 0; b < 256; b++) {
            uint32_t cp = cp_of(c, b);
            assert_true(cp != 0xFFFD);
            if (hit[cp])
                fail_msg("CCSID %d: U+%04X appears twice", c->ccsid, cp);
            hit[cp] = 1;
        }
    }
}

/* ---- round trips ------------------------------------------------------------ */

static size_t put_utf8(uint32_t cp, char *o)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

static void test_roundtrip_printable_latin1(void **state)
{
    (void)state;
    for (size_t i = 0; i < JX_ARRAY_SIZE(all_ccsids); i++) {
        const struct jx_ccsid *c = jx_ccsid_get(all_ccsids[i]);
        const int is_euro = all_ccsids[i] >= 1140;
        for (uint32_t cp = 0x20; cp <= 0xFF; cp++) {
            if (cp >= 0x7F && cp < 0xA0)
                continue;
            /* "A<ch>A": the inner character survives blank trimming */
            char s[8], out[16];
            uint8_t e[3];
            size_t l = 0;
            s[l++] = 'A';
            uint32_t want_cp = is_euro && cp == 0xA4 ? 0x20AC : cp;
            l += put_utf8(want_cp, s + l);
            s[l++] = 'A';
            s[l] = '\0';
            assert_int_equal(jx_u2e(c, s, e, 3), 3);
            assert_int_not_equal(e[1], 0x3F);
            assert_int_equal(jx_e2u(c, e, 3, out, sizeof(out)), l);
            if (strcmp(out, s))
                fail_msg("CCSID %d U+%04X: round trip gives '%s'", c->ccsid, want_cp, out);
        }
        /* every byte round trips too (table is a bijection over these) */
        for (int b = 0x41; b < 256; b++) {
            char out[8];
            const uint8_t eb = (uint8_t)b;
            uint8_t back;
            uint32_t cp = cp_of(c, b);
            if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
                continue; /* controls */
            jx_e2u(c, &eb, 1, out, sizeof(out));
            assert_int_equal(jx_u2e(c, out, &back, 1), 1);
            assert_int_equal(back, eb);
        }
    }
}

static void test_u2e_unmapped_pad_truncate(void **state)
{
    (void)state;
    const struct jx_ccsid *c37 = jx_ccsid_get(37), *c1140 = jx_ccsid_get(1140);
    uint8_t e[8];
    /* characters outside the CCSID become SUB X'3F' */
    assert_int_equal(jx_u2e(c37, "AΩ€B", e, 8), 4);
    const uint8_t w1[8] = {0xC1, 0x3F, 0x3F, 0xC2, 0x40, 0x40, 0x40, 0x40};
    assert_memory_equal(e, w1, 8);
    assert_int_equal(jx_u2e(c1140, "€", e, 2), 1);
    assert_int_equal(e[0], 0x9F);
    /* truncation at the field width */
    assert_int_equal(jx_u2e(c37, "ABCDEFGHIJKL", e, 4), 4);
    const uint8_t w2[4] = {0xC1, 0xC2, 0xC3, 0xC4};
    assert_memory_equal(e, w2, 4);
    /* empty string: all blanks */
    memset(e, 0, sizeof(e));
    assert_int_equal(jx_u2e(c37, "", e, 8), 0);
    for (int i = 0; i < 8; i++)
        assert_int_equal(e[i], 0x40);
    /* a cut multi-byte sequence does not read past the string */
    assert_int_equal(jx_u2e(c37, "A\xC3", e, 4), 2);
    assert_int_equal(e[1], 0x3F);
}

/* ---- e2u trimming and capacity ---------------------------------------------- */

static void test_e2u_trims_trailing_blanks_and_nuls(void **state)
{
    (void)state;
    const struct jx_ccsid *c = jx_ccsid_get(37);
    char out[32];
    const uint8_t a[] = {0xC1, 0xC2, 0xC3, 0x40, 0x40, 0x40};
    assert_int_equal(jx_e2u(c, a, sizeof(a), out, sizeof(out)), 3);
    assert_string_equal(out, "ABC");
    const uint8_t b[] = {0x40, 0xC1, 0x40, 0xC2, 0x00, 0x40, 0x00};
    assert_int_equal(jx_e2u(c, b, sizeof(b), out, sizeof(out)), 4);
    assert_string_equal(out, " A B"); /* leading and inner blanks kept */
    const uint8_t blank[10] = {0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40};
    assert_int_equal(jx_e2u(c, blank, sizeof(blank), out, sizeof(out)), 0);
    assert_string_equal(out, "");
    assert_int_equal(jx_e2u(c, blank, 0, out, sizeof(out)), 0);
    assert_string_equal(out, "");
    const uint8_t zero[4] = {0};
    assert_int_equal(jx_e2u(c, zero, sizeof(zero), out, sizeof(out)), 0);
    /* an inner X'00' is not trimmed (it is data); it maps through the table */
    const uint8_t inner[] = {0xC1, 0x00, 0xC2};
    assert_int_equal(jx_e2u(c, inner, 3, out, sizeof(out)), 3);
    assert_int_equal(out[1], '\0');
    assert_int_equal(out[2], 'B');
}

static void test_e2u_capacity_never_overflows(void **state)
{
    (void)state;
    const struct jx_ccsid *c = jx_ccsid_get(273);
    /* "ÄÖÜABC" in 273: 2-byte UTF-8 letters then ASCII */
    const uint8_t s[] = {0x4A, 0xE0, 0x5A, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7};
    for (size_t cap = 0; cap <= 20; cap++) {
        char buf[32];
        memset(buf, 0x55, sizeof(buf));
        size_t n = jx_e2u(c, s, sizeof(s), buf, cap);
        if (cap == 0) {
            assert_int_equal(n, 0);
            assert_int_equal((unsigned char)buf[0], 0x55);
        } else {
            assert_true(n < cap);
            assert_int_equal(buf[n], '\0');
            assert_int_equal(strlen(buf), n);
        }
        /* nothing written at or past cap */
        for (size_t k = cap; k < sizeof(buf); k++)
            if ((unsigned char)buf[k] != 0x55)
                fail_msg("cap %zu: byte %zu overwritten", cap, k);
        /* cut only at character boundaries: a prefix of the full text
         * ending after a whole character (Ä, Ö, Ü take 2 bytes each) */
        assert_memory_equal(buf, "ÄÖÜABCDEFG", n);
        assert_true(n == 0 || n == 2 || n == 4 || n >= 6);
    }
    char full[32];
    assert_int_equal(jx_e2u(c, s, sizeof(s), full, sizeof(full)), 13);
    assert_string_equal(full, "ÄÖÜABCDEFG");
    char b4[4];
    assert_int_equal(jx_e2u(c, s, sizeof(s), b4, sizeof(b4)), 2); /* "Ä" + NUL; "Ö" would not fit */
    assert_string_equal(b4, "Ä");
}

/* ---- UTF-16BE ------------------------------------------------------------------ */

static void test_utf16be(void **state)
{
    (void)state;
    char out[64];
    const uint8_t a[] = {0x00, 'A', 0x00, 0xE9, 0x20, 0xAC, 0x00, 0x20, 0x00, 0x00};
    assert_int_equal(jx_utf16be_to_utf8(a, sizeof(a), out, sizeof(out)), 6);
    assert_string_equal(out, "Aé€");
    /* surrogate pair: U+1F600 */
    const uint8_t sp[] = {0xD8, 0x3D, 0xDE, 0x00, 0x00, 'x'};
    assert_int_equal(jx_utf16be_to_utf8(sp, sizeof(sp), out, sizeof(out)), 5);
    assert_string_equal(out, "\xF0\x9F\x98\x80x");
    /* U+10FFFF: DBFF DFFF */
    const uint8_t mx[] = {0xDB, 0xFF, 0xDF, 0xFF};
    assert_int_equal(jx_utf16be_to_utf8(mx, sizeof(mx), out, sizeof(out)), 4);
    assert_string_equal(out, "\xF4\x8F\xBF\xBF");
    /* unpaired surrogates become U+FFFD, never invalid UTF-8 */
    const uint8_t lone_hi[] = {0xD8, 0x00, 0x00, 'B'};
    assert_int_equal(jx_utf16be_to_utf8(lone_hi, sizeof(lone_hi), out, sizeof(out)), 4);
    assert_string_equal(out, "\xEF\xBF\xBD" "B");
    const uint8_t lone_lo[] = {0x00, 'C', 0xDC, 0x00};
    assert_int_equal(jx_utf16be_to_utf8(lone_lo, sizeof(lone_lo), out, sizeof(out)), 4);
    assert_string_equal(out, "C\xEF\xBF\xBD");
    const uint8_t hi_end[] = {0x00, 'D', 0xDB, 0xFF};
    assert_int_equal(jx_utf16be_to_utf8(hi_end, sizeof(hi_end), out, sizeof(out)), 4);
    assert_string_equal(out, "D\xEF\xBF\xBD");
    /* odd trailing byte ignored; all-blank gives "" */
    const uint8_t odd[] = {0x00, 'E', 0x00};
    assert_int_equal(jx_utf16be_to_utf8(odd, sizeof(odd), out, sizeof(out)), 1);
    assert_string_equal(out, "E");
    const uint8_t blanks[] = {0x00, 0x20, 0x00, 0x20};
    assert_int_equal(jx_utf16be_to_utf8(blanks, sizeof(blanks), out, sizeof(out)), 0);
    assert_string_equal(out, "");
    /* capacity: cut at a character boundary, nothing past cap */
    char small[8];
    memset(small, 0x55, sizeof(small));
    assert_int_equal(jx_utf16be_to_utf8(a, sizeof(a), small, 4), 3); /* "Aé" */
    assert_string_equal(small, "Aé");
    for (size_t k = 4; k < sizeof(small); k++)
        assert_int_equal((unsigned char)small[k], 0x55);
}

static void test_utf16be_roundtrip(void **state)
{
    (void)state;
    const char *s = "/home/Jörg/€uro/\xF0\x9F\x98\x80/ÆØÅ/x";
    uint8_t u16[128];
    char back[128];
    size_t n = jx_utf8_to_utf16be(s, u16, sizeof(u16));
    assert_true(n > 0 && n % 2 == 0);
    assert_int_equal(jx_utf16be_to_utf8(u16, n, back, sizeof(back)), strlen(s));
    assert_string_equal(back, s);
    /* the encoder never writes past cap, and never half a surrogate pair */
    uint8_t tiny[6];
    memset(tiny, 0x55, sizeof(tiny));
    assert_int_equal(jx_utf8_to_utf16be("ab\xF0\x9F\x98\x80", tiny, 5), 4);
    assert_int_equal(tiny[4], 0x55);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_built_once_concurrently),
        cmocka_unit_test(test_supported_list_and_unsupported),
        cmocka_unit_test(test_known_code_points),
        cmocka_unit_test(test_invariant_characters),
        cmocka_unit_test(test_euro_variants_differ_in_one_byte),
        cmocka_unit_test(test_tables_are_bijective),
        cmocka_unit_test(test_roundtrip_printable_latin1),
        cmocka_unit_test(test_u2e_unmapped_pad_truncate),
        cmocka_unit_test(test_e2u_trims_trailing_blanks_and_nuls),
        cmocka_unit_test(test_e2u_capacity_never_overflows),
        cmocka_unit_test(test_utf16be),
        cmocka_unit_test(test_utf16be_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
