/*
 * tests/test_shared.c - the decoder against sample receivers written by an
 * independent implementation (tests/shared/data, see its README.md): every
 * entry of the three chains, field for field, in file order, against
 * expected.jsonl; record length, JOESD shape, CCSID and entry count against
 * the README table; the chain facts the README states (two systems, five
 * receivers each, SYSA's sequence reset at AUDRCV0004).
 *
 * expected.jsonl holds one flat JSON object per line; a tiny reader for
 * exactly that (strings, integers, booleans) lives here, no dependency.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "chain.h"
#include "fields.h"
#include "jx.h"
#include "receiver.h"

/* ---- flat JSON ------------------------------------------------------------ */

#define MAXKV 32

struct kv {
    char key[32];
    char val[256];
    int is_str;
};

struct obj {
    struct kv kv[MAXKV];
    int n;
};

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

/* Append code point cp as UTF-8. */
static size_t put_u8(char *o, size_t cap, size_t n, unsigned cp)
{
    char b[4];
    size_t l;
    if (cp < 0x80) { b[0] = (char)cp; l = 1; }
    else if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); l = 2; }
    else { b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[2] = (char)(0x80 | (cp & 0x3F)); l = 3; }
    if (n + l >= cap)
        return n;
    memcpy(o + n, b, l);
    return n + l;
}

/* A JSON string at *pp (after the opening quote): into o, NUL-terminated.
 * @return 0 or -1 on a syntax error. */
static int json_str(const char **pp, char *o, size_t cap)
{
    const char *p = *pp;
    size_t n = 0;
    while (*p && *p != '"') {
        if (*p == '\\') {
            p++;
            unsigned cp;
            switch (*p) {
            case '"': case '\\': case '/': cp = (unsigned char)*p; break;
            case 'n': cp = '\n'; break;
            case 't': cp = '\t'; break;
            case 'r': cp = '\r'; break;
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'u':
                if (sscanf(p + 1, "%4x", &cp) != 1)
                    return -1;
                p += 4;
                break;
            default: return -1;
            }
            n = put_u8(o, cap, n, cp);
            p++;
            continue;
        }
        if (n + 1 < cap)
            o[n++] = *p;
        p++;
    }
    if (*p != '"')
        return -1;
    o[n] = '\0';
    *pp = p + 1;
    return 0;
}

/* One flat object per line: {"k": "v", "n": 12, "b": true}. */
static int json_obj(const char *line, struct obj *ob)
{
    const char *p = skip_ws(line);
    ob->n = 0;
    if (*p++ != '{')
        return -1;
    p = skip_ws(p);
    if (*p == '}')
        return 0;
    for (;;) {
        struct kv *kv;
        if (ob->n == MAXKV)
            return -1;
        kv = &ob->kv[ob->n++];
        p = skip_ws(p);
        if (*p++ != '"' || json_str(&p, kv->key, sizeof(kv->key)))
            return -1;
        p = skip_ws(p);
        if (*p++ != ':')
            return -1;
        p = skip_ws(p);
        if (*p == '"') {
            p++;
            if (json_str(&p, kv->val, sizeof(kv->val)))
                return -1;
            kv->is_str = 1;
        } else {
            size_t n = 0;
            while (*p && (isalnum((unsigned char)*p) || *p == '-' || *p == '.' || *p == '+'))
                if (n + 1 < sizeof(kv->val))
                    kv->val[n++] = *p++;
                else
                    return -1;
            if (n == 0)
                return -1;
            kv->val[n] = '\0';
            kv->is_str = 0;
        }
        p = skip_ws(p);
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '}')
            return 0;
        return -1;
    }
}

static const struct kv *get(const struct obj *ob, const char *key)
{
    for (int i = 0; i < ob->n; i++)
        if (!strcmp(ob->kv[i].key, key))
            return &ob->kv[i];
    return NULL;
}

static void test_json_reader(void **state)
{
    (void)state;
    struct obj ob;
    assert_int_equal(json_obj("{\"a\": \"x\\\"y\\u00e9\", \"n\": 1234, \"b\": false, "
                              "\"e\": \"\"}", &ob), 0);
    assert_int_equal(ob.n, 4);
    assert_string_equal(get(&ob, "a")->val, "x\"yé");
    assert_string_equal(get(&ob, "n")->val, "1234");
    assert_false(get(&ob, "n")->is_str);
    assert_string_equal(get(&ob, "b")->val, "false");
    assert_string_equal(get(&ob, "e")->val, "");
    assert_null(get(&ob, "zz"));
    assert_int_equal(json_obj("{}", &ob), 0);
    assert_int_equal(ob.n, 0);
    assert_int_equal(json_obj("{\"a\" 1}", &ob), -1);
    assert_int_equal(json_obj("{\"a\": \"open", &ob), -1);
    assert_int_equal(json_obj("[1]", &ob), -1);
}

/* ---- README table ------------------------------------------------------------ */

struct chain_desc {
    char folder[64];
    int ccsid;
    enum jx_esd_shape shape;
    size_t reclen;
    unsigned entries;
};

/* Rows of the README table: | folder | CCSID | JOESD | ENTDTALEN | reclen | entries | */
static size_t read_readme(const char *dir, struct chain_desc *out, size_t max)
{
    char path[1024], line[1024];
    size_t n = 0;
    snprintf(path, sizeof(path), "%s/README.md", dir);
    FILE *fp = fopen(path, "r");
    if (!fp)
        fail_msg("cannot open '%s'", path);
    while (fgets(line, sizeof(line), fp) && n < max) {
        char *cols[8];
        int nc = 0;
        if (strncmp(line, "| ccsid", 7))
            continue;
        for (char *s = strtok(line + 1, "|"); s && nc < 8; s = strtok(NULL, "|"))
            cols[nc++] = s;
        assert_true(nc >= 6);
        struct chain_desc *c = &out[n++];
        assert_int_equal(sscanf(cols[0], " %63s", c->folder), 1);
        c->ccsid = atoi(cols[1]);
        /* "fixed (ESD at 1-based 610)", "... length at 610, data at 612",
         * "... length at 608, data at 610" (1-based, formats doc §2.6) */
        if (strstr(cols[2], "fixed"))
            c->shape = JX_ESD_FIXED;
        else if (strstr(cols[2], "length at 610"))
            c->shape = JX_ESD_VARLEN;
        else if (strstr(cols[2], "length at 608"))
            c->shape = JX_ESD_VARLEN608;
        else
            fail_msg("README: unknown JOESD description '%s'", cols[2]);
        c->reclen = (size_t)atol(cols[4]);
        c->entries = (unsigned)atoi(cols[5]);
        assert_true(c->ccsid > 0 && c->reclen > 609 && c->entries > 0);
    }
    fclose(fp);
    return n;
}

/* ---- comparison ---------------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files of dir, sorted by name. */
static size_t list_files(const char *dir, char **names, size_t max)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t n = 0;
    if (!d)
        fail_msg("cannot open directory '%s'", dir);
    while ((de = readdir(d)) && n < max)
        if (de->d_name[0] != '.')
            names[n++] = strdup(de->d_name);
    closedir(d);
    qsort(names, n, sizeof(char *), name_cmp);
    return n;
}

static void expect_str(const struct obj *ob, const char *key, const char *got,
                       const char *where)
{
    const struct kv *kv = get(ob, key);
    const char *want = kv ? kv->val : ""; /* absent: the entry has no such field */
    if (kv && !kv->is_str)
        fail_msg("%s: expected.jsonl '%s' is not a string", where, key);
    if (strcmp(want, got))
        fail_msg("%s: %s is '%s', expected.jsonl says '%s'", where, key, got, want);
}

static void expect_num(const struct obj *ob, const char *key, uint64_t got,
                       const char *where)
{
    const struct kv *kv = get(ob, key);
    if (!kv || kv->is_str)
        fail_msg("%s: expected.jsonl has no number '%s'", where, key);
    char *end;
    unsigned long long want = strtoull(kv->val, &end, 10);
    if (*end || want != got)
        fail_msg("%s: %s is %llu, expected.jsonl says %s", where, key,
                 (unsigned long long)got, kv->val);
}

static void compare(const struct obj *ob, const struct jx_entry *e, const char *where)
{
    static const char *known[] = {"system", "receiver", "seq", "code", "type", "timestamp",
                                  "job", "job_user", "job_number", "user", "esd_length",
                                  "truncated", "subtype", "object", "object_lib",
                                  "object_type", "target_user"};
    char buf[64];
    /* every key of the line is one we check: nothing silently ignored */
    for (int i = 0; i < ob->n; i++) {
        size_t k;
        for (k = 0; k < JX_ARRAY_SIZE(known); k++)
            if (!strcmp(ob->kv[i].key, known[k]))
                break;
        if (k == JX_ARRAY_SIZE(known))
            fail_msg("%s: unknown key '%s' in expected.jsonl", where, ob->kv[i].key);
    }
    expect_str(ob, "system", e->system, where);
    expect_str(ob, "receiver", e->receiver, where);
    expect_num(ob, "seq", e->seq, where);
    snprintf(buf, sizeof(buf), "%c", e->code);
    expect_str(ob, "code", buf, where);
    expect_str(ob, "type", e->type, where);
    jx_ts_format_saa(e->ts, buf);
    expect_str(ob, "timestamp", buf, where);
    expect_str(ob, "job", e->job, where);
    expect_str(ob, "job_user", e->job_user, where);
    snprintf(buf, sizeof(buf), "%06u", e->job_number);
    expect_str(ob, "job_number", buf, where);
    expect_str(ob, "user", e->user, where);
    expect_num(ob, "esd_length", e->esd_len, where);
    const struct kv *tr = get(ob, "truncated");
    if (!tr || tr->is_str || (strcmp(tr->val, "true") && strcmp(tr->val, "false")))
        fail_msg("%s: expected.jsonl has no boolean 'truncated'", where);
    if (!strcmp(tr->val, "true") != !!(e->flags & JX_F_TRUNCATED))
        fail_msg("%s: truncated is %s, expected.jsonl says %s", where,
                 (e->flags & JX_F_TRUNCATED) ? "true" : "false", tr->val);
    buf[0] = e->subtype;
    buf[1] = '\0';
    expect_str(ob, "subtype", buf, where);
    expect_str(ob, "object", e->object, where);
    expect_str(ob, "object_lib", e->object_lib, where);
    expect_str(ob, "object_type", e->object_type, where);
    expect_str(ob, "target_user", e->target_user, where);
}

static void check_chain(const char *data, const struct chain_desc *c)
{
    char dir[1024], path[1200], line[4096], where[1400];
    const char *systems[] = {"SYSA", "SYSB"};
    struct jx_rcvfile *files[64];
    size_t nfiles = 0;
    unsigned lineno = 0;
    struct obj ob;

    snprintf(path, sizeof(path), "%s/%s/expected.jsonl", data, c->folder);
    FILE *fp = fopen(path, "r");
    if (!fp)
        fail_msg("cannot open '%s'", path);
    for (size_t s = 0; s < 2; s++) {
        char *names[64];
        snprintf(dir, sizeof(dir), "%s/%s/%s", data, c->folder, systems[s]);
        size_t nn = list_files(dir, names, 64);
        assert_int_equal(nn, 5); /* AUDRCV0001..0005, one file per receiver */
        for (size_t i = 0; i < nn; i++) {
            struct jx_rcvopts o = {.reclen = 0, .shape = JX_ESD_AUTO, .ccsid = c->ccsid};
            struct jx_errctx err;
            struct jx_rcvfile *f;
            char eb[1400];
            snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
            free(names[i]);
            if (jx_rcvfile_open(path, &o, &f, &err))
                fail_msg("%s", jx_errctx_format(&err, eb, sizeof(eb)));
            if (jx_rcvfile_reclen(f) != c->reclen || jx_rcvfile_shape(f) != c->shape)
                fail_msg("%s: detected %zu bytes %s, README says %zu %s", path,
                         jx_rcvfile_reclen(f), jx_esd_shape_name(jx_rcvfile_shape(f)),
                         c->reclen, jx_esd_shape_name(c->shape));
            for (uint64_t r = 0; r < jx_rcvfile_count(f); r++) {
                struct jx_entry e;
                if (jx_rcvfile_decode(f, r, &e, &err))
                    fail_msg("%s", jx_errctx_format(&err, eb, sizeof(eb)));
                if (!fgets(line, sizeof(line), fp))
                    fail_msg("%s: more records than lines in expected.jsonl", path);
                lineno++;
                snprintf(where, sizeof(where), "%s record %llu (expected.jsonl line %u)",
                         path, (unsigned long long)r + 1, lineno);
                if (json_obj(line, &ob))
                    fail_msg("%s: expected.jsonl line is not a flat JSON object", where);
                compare(&ob, &e, where);
            }
            files[nfiles++] = f;
        }
    }
    if (fgets(line, sizeof(line), fp))
        fail_msg("%s: expected.jsonl has more lines than the files have records", c->folder);
    fclose(fp);
    assert_int_equal(lineno, c->entries);

    /* the chain facts of the README: 2 systems x 5 receivers, nothing lost
     * or doubled, SYSA's AUDRCV0004 restarts at sequence 1 (a new chain) */
    struct jx_plan *plan;
    struct jx_plan_opts po = {false, 2, NULL};
    struct jx_errctx err;
    assert_int_equal(jx_plan_build(files, nfiles, &po, &plan, &err), JX_OK);
    assert_int_equal(plan->nsystems, 2);
    assert_int_equal(plan->nrcv, 10);
    assert_int_equal(plan->entries, c->entries);
    assert_int_equal(plan->duplicates, 0);
    assert_int_equal(plan->skipped, 0);
    int resets = 0;
    for (size_t i = 0; i < plan->nrcv; i++) {
        const struct jx_rcvinfo *r = &plan->rcv[i];
        if (r->reset) {
            resets++;
            assert_string_equal(r->system, "SYSA");
            assert_string_equal(r->receiver, "AUDRCV0004");
            assert_true(r->first_seq == 1);
            assert_int_equal(r->chain, 2);
        }
    }
    assert_int_equal(resets, 1);
    jx_plan_free(plan);
    for (size_t i = 0; i < nfiles; i++)
        jx_rcvfile_close(files[i]);
}

static void test_shared_chains(void **state)
{
    (void)state;
    const char *data = jx_test_shared_data();
    struct chain_desc c[8];
    if (!data)
        fail_msg("shared sample data not found (set JX_SHARED)");
    size_t n = read_readme(data, c, 8);
    assert_int_equal(n, 3);
    /* the three JOESD shapes are all covered */
    int seen = 0;
    for (size_t i = 0; i < n; i++)
        seen |= 1 << c[i].shape;
    assert_int_equal(seen, (1 << JX_ESD_FIXED) | (1 << JX_ESD_VARLEN) | (1 << JX_ESD_VARLEN608));
    for (size_t i = 0; i < n; i++)
        check_chain(data, &c[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_reader),
        cmocka_unit_test(test_shared_chains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
