/*
 * query/report.c - the canned security reports of `jidx report` (see
 * report.h and query/README.md "Reports").
 *
 * Every report is a handful of index queries (query/exec.h) restricted to
 * the entry types it needs, so the executor reads only the posting lists
 * and rows of those types; counts that need no ESD come straight from
 * jx_query_group() (dictionary counts). Per-entry work happens only for the
 * matching rows: decoding a few ESD fields (common/audit.h), a hash table of
 * counts with first/last times, a ring of timestamps per user for sign-on
 * bursts, one special-authority mask per profile for CP comparisons.
 *
 * Workload: a report runs once per process; matching rows range from a few
 * (SV, AD) to millions (PW storms in a big index). Memory is bounded by the
 * distinct keys counted (users, objects) and, for the two reports that merge
 * queries (powerful-profiles, special-authority), by their result rows.
 */
#include "report.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "ebcdic.h"
#include "exec.h"
#include "fields.h"
#include "filter.h"
#include "layout.h"

#define VAL 8192 /* one rendered value */

struct rank;
struct fmap;

struct rctx {
    struct jx_index *ix;
    const struct jx_report_opts *o;
    const struct jx_report_sink *sink;
    struct jx_errctx *err;
    struct jx_query_opts qo;
    bool has_from, has_to;
    int64_t from, to;            /* [from, to) of the scope, for CP state */
    struct rank *ranks;          /* receiver -> canonical rank, sorted by key */
    size_t nranks;
    struct fmap *m;              /* scratch: decoded fields of one entry */
    struct jx_audit_sv *sv;      /* scratch: SV values */
};

/* ---- small helpers ----------------------------------------------------- */

static const struct jx_ccsid *ccof(const struct jx_entry *e)
{
    const struct jx_ccsid *cc = jx_ccsid_get(e->ccsid ? e->ccsid : 37);
    return cc ? cc : jx_ccsid_get(37);
}

static void fv(const struct jx_entry *e, enum jx_field f, char *buf, size_t cap)
{
    jx_field_value(e, f, buf, cap);
}

static void u64s(char *buf, size_t cap, uint64_t v)
{
    snprintf(buf, cap, "%llu", (unsigned long long)v);
}

static void tss(char *buf, int64_t ts)
{
    jx_ts_format_saa(ts, buf);
}

/* "S job started" from the entry's type and subtype. */
static void action_of(const struct jx_entry *e, char *buf, size_t cap)
{
    const char *d = jx_audit_subtype_desc(e->type, e->subtype);
    if (!e->subtype)
        snprintf(buf, cap, "%s", d ? d : "");
    else
        snprintf(buf, cap, "%c %s", e->subtype, d ? d : "");
}

/* Decoded ESD fields of one entry, raw values (codes without meanings). */
#define FMAP_MAX 96
struct fmap {
    size_t n, used;
    const char *name[FMAP_MAX];
    const char *val[FMAP_MAX];
    char buf[32768];
};

static void fmap_cb(const struct jx_afield *f, void *arg)
{
    struct fmap *m = arg;
    const size_t ln = strlen(f->name) + 1, lv = strlen(f->raw) + 1;
    if (m->n >= FMAP_MAX || m->used + ln + lv > sizeof(m->buf))
        return;
    char *p = m->buf + m->used;
    memcpy(p, f->name, ln);
    memcpy(p + ln, f->raw, lv);
    m->name[m->n] = p;
    m->val[m->n] = p + ln;
    m->n++;
    m->used += ln + lv;
}

static void fmap_load(struct fmap *m, const struct jx_entry *e)
{
    m->n = m->used = 0;
    jx_audit_fields(e, ccof(e), fmap_cb, m);
}

static const char *fmap_get(const struct fmap *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->name[i], name))
            return m->val[i];
    return "";
}

/* Names of the Y flags among `flags` ({field, label} pairs) into buf. */
struct flagname {
    const char *field, *label;
};
static void flags_of(const struct fmap *m, const struct flagname *fl, size_t n, char *buf,
                     size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!strcmp(fmap_get(m, fl[i].field), "Y") && o + strlen(fl[i].label) + 2 < cap)
            o += (size_t)snprintf(buf + o, cap - o, "%s%s", o ? " " : "", fl[i].label);
}

/* ---- filters, sections, rows ------------------------------------------- */

/* A filter of the scope (without its time bounds when !timed) plus the
 * report's own name/value pairs, ended by ARGS_END (a NULL of the type
 * va_arg reads: a bare NULL may be an int 0 in a variadic call). */
#define ARGS_END ((const char *)NULL)
static int mkfilter(struct rctx *r, bool timed, struct jx_filter **out, ...)
{
    struct jx_filter *f = NULL;
    va_list ap;
    int rc = jx_filter_create(&f);
    if (rc)
        return jx_error(r->err, rc, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < r->o->nscope && !rc; i++) {
        const char *n = r->o->scope[i].name;
        if (!timed && (!strcmp(n, "from") || !strcmp(n, "to")))
            continue;
        rc = jx_filter_add(f, n, r->o->scope[i].value, r->err);
    }
    va_start(ap, out);
    for (const char *n; !rc && (n = va_arg(ap, const char *));) {
        const char *v = va_arg(ap, const char *);
        rc = jx_filter_add(f, n, v, r->err);
    }
    va_end(ap);
    if (!rc)
        rc = jx_filter_check(f, r->err);
    if (rc) {
        jx_filter_free(f);
        return rc;
    }
    *out = f;
    return JX_OK;
}

static int sect(struct rctx *r, const char *name, const char *title, const char *const *h,
                size_t n)
{
    return r->sink->section(r->sink->arg, name, title, h, n);
}

static int row(struct rctx *r, const char *const *v)
{
    return r->sink->row(r->sink->arg, v);
}

/* jx_query_entries() with the report's options: a positive return (the
 * callback stopped at --limit) is success. */
static int entries(struct rctx *r, const struct jx_filter *f, jx_query_fn fn, void *arg)
{
    int rc = jx_query_entries(r->ix, f, &r->qo, fn, arg, NULL, r->err);
    return rc > 0 ? JX_OK : rc;
}

/* A count section straight from the index: group `f` by fields, one row
 * per group; `extra` (may be NULL) adds a column after the keys computed
 * from them (a meaning), named extra_hdr. */
typedef void (*extra_fn)(const char *const *keys, char *buf, size_t cap);
static int group_section(struct rctx *r, const char *name, const char *title,
                         const struct jx_filter *f, const enum jx_field *fields, size_t nf,
                         const char *const *hdr, extra_fn extra, size_t top)
{
    struct jx_groups *g = NULL;
    const char *h[JX_GROUP_MAX + 2], *v[JX_GROUP_MAX + 2];
    char cnt[32], ex[256];
    size_t nc = 0;
    int rc = jx_query_group(r->ix, f, &r->qo, fields, nf, top, &g, NULL, r->err);
    if (rc)
        goto out;
    for (size_t i = 0; i < nf; i++)
        h[nc++] = hdr[i];
    if (extra)
        h[nc++] = hdr[nf];
    h[nc++] = "count";
    if ((rc = sect(r, name, title, h, nc)))
        goto out;
    for (size_t i = 0; i < g->n && !rc; i++) {
        size_t k = 0;
        for (size_t j = 0; j < nf; j++)
            v[k++] = g->g[i].key[j];
        if (extra) {
            extra(g->g[i].key, ex, sizeof(ex));
            v[k++] = ex;
        }
        u64s(cnt, sizeof(cnt), g->g[i].count);
        v[k++] = cnt;
        rc = row(r, v);
    }
out:
    jx_groups_free(g);
    return rc;
}

/* ---- tally: counts with first/last time per key tuple -------------------
 * Open addressing over FNV-1a; keys are the column strings joined with NUL
 * bytes (allocated once per distinct key, never per entry). */
struct titem {
    char *key;
    size_t klen;
    uint64_t count;
    int64_t first, last;
};
struct tally {
    size_t ncols;
    struct titem *it;
    size_t n, cap;
    uint32_t *slot;   /* index + 1, 0 = empty */
    size_t nslot;
};

static uint64_t fnv(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return h;
}

static void tally_free(struct tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        jx_free(t->it[i].key);
    jx_free(t->it);
    jx_free(t->slot);
    memset(t, 0, sizeof(*t));
}

static int tally_rehash(struct tally *t, size_t nslot)
{
    uint32_t *s = jx_calloc(nslot, sizeof(*s));
    if (!s)
        return JX_E_NOMEM;
    for (size_t i = 0; i < t->n; i++) {
        size_t h = (size_t)fnv(t->it[i].key, t->it[i].klen) & (nslot - 1);
        while (s[h])
            h = (h + 1) & (nslot - 1);
        s[h] = (uint32_t)(i + 1);
    }
    jx_free(t->slot);
    t->slot = s;
    t->nslot = nslot;
    return JX_OK;
}

static int tally_add(struct tally *t, const char *const *vals, int64_t ts)
{
    char key[4 * VAL];
    size_t kl = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        size_t l = strlen(vals[c]);
        if (kl + l + 1 > sizeof(key))
            l = sizeof(key) - kl - 1;
        memcpy(key + kl, vals[c], l);
        kl += l;
        key[kl++] = '\0';
    }
    if ((t->n + 1) * 10 >= t->nslot * 7) {
        int rc = tally_rehash(t, t->nslot ? t->nslot * 2 : 256);
        if (rc)
            return rc;
    }
    size_t h = (size_t)fnv(key, kl) & (t->nslot - 1);
    for (; t->slot[h]; h = (h + 1) & (t->nslot - 1)) {
        struct titem *it = &t->it[t->slot[h] - 1];
        if (it->klen == kl && !memcmp(it->key, key, kl)) {
            it->count++;
            if (ts < it->first)
                it->first = ts;
            if (ts > it->last)
                it->last = ts;
            return JX_OK;
        }
    }
    if (t->n == UINT32_MAX - 1)
        return JX_E_NOMEM;
    if (jx_grow((void **)&t->it, &t->cap, t->n + 1, sizeof(*t->it)))
        return JX_E_NOMEM;
    char *k = jx_malloc(kl);
    if (!k)
        return JX_E_NOMEM;
    memcpy(k, key, kl);
    t->it[t->n] = (struct titem){k, kl, 1, ts, ts};
    t->slot[h] = (uint32_t)(++t->n);
    return JX_OK;
}

static int titem_cmp(const void *a, const void *b)
{
    const struct titem *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    /* keys field by field: NUL-joined strings compare right with memcmp
     * up to the shorter length, then the shorter one first */
    size_t l = JX_MIN(x->klen, y->klen);
    int c = memcmp(x->key, y->key, l);
    if (c)
        return c;
    return x->klen < y->klen ? -1 : x->klen > y->klen;
}

/* Print a tally: key columns, optional extra column, count, first, last. */
static int tally_section(struct rctx *r, struct tally *t, const char *name, const char *title,
                         const char *const *hdr, extra_fn extra, size_t top)
{
    const char *h[16], *v[16];
    char cnt[32], f[27], l[27], ex[256];
    size_t nc = 0;
    int rc;
    for (size_t i = 0; i < t->ncols; i++)
        h[nc++] = hdr[i];
    if (extra)
        h[nc++] = hdr[t->ncols];
    h[nc++] = "count";
    h[nc++] = "first";
    h[nc++] = "last";
    if ((rc = sect(r, name, title, h, nc)))
        return rc;
    if (t->n)
        qsort(t->it, t->n, sizeof(*t->it), titem_cmp);
    for (size_t i = 0; i < t->n && (!top || i < top) && !rc; i++) {
        const struct titem *it = &t->it[i];
        const char *p = it->key;
        size_t k = 0;
        for (size_t c = 0; c < t->ncols; c++) {
            v[k++] = p;
            p += strlen(p) + 1;
        }
        if (extra) {
            extra(v, ex, sizeof(ex));
            v[k++] = ex;
        }
        u64s(cnt, sizeof(cnt), it->count);
        tss(f, it->first);
        tss(l, it->last);
        v[k++] = cnt;
        v[k++] = f;
        v[k++] = l;
        rc = row(r, v);
    }
    return rc;
}

/* ---- collected rows, merged in canonical order --------------------------
 * For reports that join several queries: rows are kept with the entry's
 * canonical position (receiver rank, sequence) and sorted before printing. */
struct rank {
    char key[3 * JX_NAME_SZ];
    uint32_t rank;
};

static int rank_cmp(const void *a, const void *b)
{
    return strcmp(((const struct rank *)a)->key, ((const struct rank *)b)->key);
}

static void rank_key(char *k, const char *sys, const char *lib, const char *rcv)
{
    snprintf(k, 3 * JX_NAME_SZ, "%s/%s/%s", sys, lib, rcv);
}

/* Segments are in canonical order and hold one receiver each, so the
 * order in which receivers first appear is their canonical rank. */
static int ranks_build(struct rctx *r)
{
    const size_t ns = jx_index_nsegs(r->ix);
    size_t cap = 0;
    char last[3 * JX_NAME_SZ] = "";
    uint32_t next = 0;
    for (size_t i = 0; i < ns; i++) {
        const struct jx_seginfo *si = jx_index_seginfo(r->ix, i);
        char k[3 * JX_NAME_SZ];
        rank_key(k, si->system, si->receiver_lib, si->receiver);
        if (!strcmp(k, last))
            continue;
        snprintf(last, sizeof(last), "%s", k);
        if (jx_grow((void **)&r->ranks, &cap, r->nranks + 1, sizeof(*r->ranks)))
            return jx_error(r->err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        memcpy(r->ranks[r->nranks].key, k, sizeof(k));
        r->ranks[r->nranks++].rank = next++;
    }
    if (r->nranks)
        qsort(r->ranks, r->nranks, sizeof(*r->ranks), rank_cmp);
    return JX_OK;
}

static uint32_t rank_of(const struct rctx *r, const struct jx_entry *e)
{
    struct rank k;
    rank_key(k.key, e->system, e->receiver_lib, e->receiver);
    const struct rank *f = r->nranks ? bsearch(&k, r->ranks, r->nranks, sizeof(k), rank_cmp)
                                     : NULL;
    return f ? f->rank : UINT32_MAX;
}

struct crow {
    uint32_t rank;
    uint64_t seq;
    uint32_t sub;   /* order of rows made from the same entry */
    char **v;
};
struct crows {
    size_t ncols;
    struct crow *r;
    size_t n, cap;
};

static int crows_add(struct rctx *r, struct crows *c, const struct jx_entry *e, uint32_t sub,
                     const char *const *vals)
{
    if (jx_grow((void **)&c->r, &c->cap, c->n + 1, sizeof(*c->r)))
        return JX_E_NOMEM;
    char **v = jx_calloc(c->ncols, sizeof(char *));
    if (!v)
        return JX_E_NOMEM;
    for (size_t i = 0; i < c->ncols; i++)
        if (!(v[i] = jx_strdup(vals[i]))) {
            for (size_t j = 0; j < i; j++)
                jx_free(v[j]);
            jx_free(v);
            return JX_E_NOMEM;
        }
    c->r[c->n++] = (struct crow){rank_of(r, e), e->seq, sub, v};
    return JX_OK;
}

static int crow_cmp(const void *a, const void *b)
{
    const struct crow *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return (x->sub > y->sub) - (x->sub < y->sub);
}

static void crows_free(struct crows *c)
{
    for (size_t i = 0; i < c->n; i++) {
        for (size_t j = 0; j < c->ncols; j++)
            jx_free(c->r[i].v[j]);
        jx_free(c->r[i].v);
    }
    jx_free(c->r);
    memset(c, 0, sizeof(*c));
}

static int crows_print(struct rctx *r, struct crows *c)
{
    int rc = JX_OK;
    if (c->n)
        qsort(c->r, c->n, sizeof(*c->r), crow_cmp);
    for (size_t i = 0; i < c->n && !rc; i++) {
        if (r->o->limit && i >= r->o->limit)
            break;
        rc = row(r, (const char *const *)c->r[i].v);
    }
    return rc;
}

/* ---- list sections: one row per matching entry, streamed ---------------- */
typedef void (*row_fn)(struct rctx *r, const struct jx_entry *e, char **v);
struct listctx {
    struct rctx *r;
    row_fn fn;
    size_t ncols;
    char **v;
    uint64_t n;
    int rc;
};

static int list_cb(const struct jx_entry *e, void *arg)
{
    struct listctx *l = arg;
    if (l->r->o->limit && l->n >= l->r->o->limit)
        return 1;
    for (size_t i = 0; i < l->ncols; i++)
        l->v[i][0] = '\0';
    l->fn(l->r, e, l->v);
    l->n++;
    if ((l->rc = row(l->r, (const char *const *)l->v)))
        return 1;
    return 0;
}

static int list_section(struct rctx *r, const char *name, const char *title,
                        const char *const *hdr, size_t ncols, const struct jx_filter *f,
                        row_fn fn)
{
    struct listctx l = {r, fn, ncols, NULL, 0, 0};
    int rc = sect(r, name, title, hdr, ncols);
    if (rc)
        return rc;
    char *store = jx_malloc(ncols * VAL);
    l.v = jx_calloc(ncols, sizeof(char *));
    if (!store || !l.v) {
        rc = jx_error(r->err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < ncols; i++)
        l.v[i] = store + i * VAL;
    rc = entries(r, f, list_cb, &l);
    if (!rc)
        rc = l.rc;
out:
    jx_free(l.v);
    jx_free(store);
    return rc;
}

/* Common columns of list rows. */
static void put_common(const struct jx_entry *e, char **v, size_t *k)
{
    fv(e, JX_FLD_TIMESTAMP, v[(*k)++], VAL);
    fv(e, JX_FLD_SYSTEM, v[(*k)++], VAL);
    fv(e, JX_FLD_USER, v[(*k)++], VAL);
}

static void meaning_of_sub(const char *type, const char *const *keys, char *buf, size_t cap)
{
    const char *d = keys[0][0] ? jx_audit_subtype_desc(type, keys[0][0]) : NULL;
    snprintf(buf, cap, "%s%s", d ? d : "",
             d && !jx_audit_subtype_confirmed(type, keys[0][0]) ? " (unconfirmed)" : "");
}
static void meaning_af(const char *const *k, char *b, size_t c) { meaning_of_sub("AF", k, b, c); }
static void meaning_pw(const char *const *k, char *b, size_t c)
{
    meaning_of_sub("PW", k + 1, b, c); /* keys: user, type, ... */
}
static void meaning_af2(const char *const *k, char *b, size_t c)
{
    meaning_of_sub("AF", k, b, c); /* keys: type, user, object */
}
static void type_desc(const char *const *k, char *b, size_t c)
{
    const char *d = jx_audit_type_desc(k[0]);
    snprintf(b, c, "%s", d ? d : "");
}

/* =========================================================================
 * The reports
 * ========================================================================= */

/* ---- powerful-profiles ---------------------------------------------------- */
struct ppctx {
    struct rctx *r;
    struct crows rows;
    struct tally t;
    bool by_target;   /* query 1: matched on the effective user */
    int rc;
};

static int pp_cb(const struct jx_entry *e, void *arg)
{
    struct ppctx *p = arg;
    struct fmap *m = p->r->m;
    char ts[27], act[128], job[64];
    fmap_load(m, e);
    tss(ts, e->ts);
    action_of(e, act, sizeof(act));
    snprintf(job, sizeof(job), "%s/%s/%s", fmap_get(m, "job_number"), fmap_get(m, "job_user"),
             fmap_get(m, "job_name"));
    const char *prof = p->by_target ? e->target_user : e->user;
    const char *v[] = {ts, e->system, prof, act, e->target_user, e->user, job,
                       fmap_get(m, "device"), e->remote_addr, e->program};
    const char *kv[] = {prof, act};
    p->rc = crows_add(p->r, &p->rows, e, 0, v);
    if (!p->rc)
        p->rc = tally_add(&p->t, kv, e->ts);
    return p->rc ? 1 : 0;
}

static int rep_powerful(struct rctx *r)
{
    static const char *const hl[] = {"timestamp", "system", "profile", "action",
                                     "effective_user", "current_user", "job", "device",
                                     "remote_addr", "program"};
    static const char *const hc[] = {"profile", "action"};
    const char *prof = r->o->profiles ? r->o->profiles : JX_REPORT_PROFILES_DEFAULT;
    struct ppctx p = {r, {JX_ARRAY_SIZE(hl), NULL, 0, 0}, {2, NULL, 0, 0, NULL, 0}, false, 0};
    struct jx_filter *f1 = NULL, *f2 = NULL;
    int rc;
    if ((rc = ranks_build(r)))
        goto out;
    if ((rc = mkfilter(r, true, &f1, "type", "JS", "target-user", prof, ARGS_END)) ||
        (rc = mkfilter(r, true, &f2, "type", "JS", "user", prof, "not-target-user", prof, ARGS_END)))
        goto out;
    p.by_target = true;
    if ((rc = entries(r, f1, pp_cb, &p)) || (rc = p.rc))
        goto out;
    p.by_target = false;
    if ((rc = entries(r, f2, pp_cb, &p)) || (rc = p.rc))
        goto out;
    if ((rc = tally_section(r, &p.t, "by-profile", "Job actions by powerful profile", hc, NULL,
                            r->o->top)))
        goto out;
    if ((rc = sect(r, "entries", "Job actions (JS) of powerful profiles", hl, JX_ARRAY_SIZE(hl))))
        goto out;
    rc = crows_print(r, &p.rows);
out:
    if (rc == JX_E_NOMEM && !r->err->msg[0])
        jx_error(r->err, rc, NULL, -1, -1, "out of memory");
    crows_free(&p.rows);
    tally_free(&p.t);
    jx_filter_free(f1);
    jx_filter_free(f2);
    return rc;
}

/* ---- signon-failures ------------------------------------------------------ */
#define BURST_ADDRS 4
/* An open-addressing index over an array of records that each hold a
 * NUL-terminated key at the same offset (per-user burst and profile
 * states): slots hold record index + 1, 0 = empty; load factor <= 0.7. */
struct keyidx {
    uint32_t *slot;
    size_t nslot;
};

static const char *ki_key(const void *base, size_t stride, size_t koff, size_t i)
{
    return (const char *)base + i * stride + koff;
}

/*! ki_lookup() : the record holding `key` (its index), or -1 with *slotp the
 *  slot to claim for a new record n (the table is grown first if needed).
 *  @return -2 if out of memory. */
static long ki_lookup(struct keyidx *k, const void *base, size_t stride, size_t koff,
                      size_t n, const char *key, size_t *slotp)
{
    if ((n + 1) * 10 >= k->nslot * 7) {
        size_t ns = k->nslot ? k->nslot * 2 : 256;
        uint32_t *sl = jx_calloc(ns, sizeof(*sl));
        if (!sl)
            return -2;
        for (size_t i = 0; i < n; i++) {
            const char *ik = ki_key(base, stride, koff, i);
            size_t h = (size_t)fnv(ik, strlen(ik)) & (ns - 1);
            while (sl[h])
                h = (h + 1) & (ns - 1);
            sl[h] = (uint32_t)(i + 1);
        }
        jx_free(k->slot);
        k->slot = sl;
        k->nslot = ns;
    }
    size_t h = (size_t)fnv(key, strlen(key)) & (k->nslot - 1);
    for (; k->slot[h]; h = (h + 1) & (k->nslot - 1))
        if (!strcmp(ki_key(base, stride, koff, k->slot[h] - 1), key))
            return (long)(k->slot[h] - 1);
    *slotp = h;
    return -1;
}

struct bstate {           /* per (system, user) */
    char key[2 * JX_NAME_SZ + 2];
    int64_t *ring;         /* last burst_count failure times */
    char (*aring)[JX_ADDR_SZ]; /* and their remote addresses */
    size_t head, size;
    bool in;               /* inside a burst */
    int64_t start, last;
    uint64_t count;
    char addr[BURST_ADDRS][JX_ADDR_SZ];
    size_t naddr;
    bool more;
    char system[JX_NAME_SZ], user[JX_NAME_SZ];
};
struct burst {
    char system[JX_NAME_SZ], user[JX_NAME_SZ];
    int64_t start, last;
    uint64_t count;
    char addrs[BURST_ADDRS * JX_ADDR_SZ + 16];
};
struct sfctx {
    struct rctx *r;
    struct tally t;
    struct bstate *st;
    size_t nst, capst;
    struct keyidx idx;
    struct burst *b;
    size_t nb, capb;
    unsigned bn;
    int64_t bwin;
    int rc;
};

static struct bstate *bstate_of(struct sfctx *s, const struct jx_entry *e)
{
    char key[2 * JX_NAME_SZ + 2];
    size_t h = 0;
    snprintf(key, sizeof(key), "%s/%s", e->system, e->target_user);
    long i = ki_lookup(&s->idx, s->st, sizeof(*s->st), offsetof(struct bstate, key), s->nst,
                       key, &h);
    if (i >= 0)
        return &s->st[i];
    if (i == -2 || jx_grow((void **)&s->st, &s->capst, s->nst + 1, sizeof(*s->st)))
        return NULL;
    struct bstate *b = &s->st[s->nst];
    memset(b, 0, sizeof(*b));
    if (!(b->ring = jx_calloc(s->bn, sizeof(int64_t))) ||
        !(b->aring = jx_calloc(s->bn, JX_ADDR_SZ))) {
        jx_free(b->ring);
        b->ring = NULL;
        return NULL;
    }
    snprintf(b->key, sizeof(b->key), "%s", key);
    snprintf(b->system, sizeof(b->system), "%s", e->system);
    snprintf(b->user, sizeof(b->user), "%s", e->target_user);
    s->idx.slot[h] = (uint32_t)(++s->nst);
    return b;
}

static void burst_addr(struct bstate *b, const char *a)
{
    for (size_t i = 0; i < b->naddr; i++)
        if (!strcmp(b->addr[i], a))
            return;
    if (b->naddr < BURST_ADDRS)
        snprintf(b->addr[b->naddr++], JX_ADDR_SZ, "%s", a);
    else
        b->more = true;
}

static int burst_close(struct sfctx *s, struct bstate *b)
{
    if (!b->in)
        return JX_OK;
    if (jx_grow((void **)&s->b, &s->capb, s->nb + 1, sizeof(*s->b)))
        return JX_E_NOMEM;
    struct burst *o = &s->b[s->nb++];
    memset(o, 0, sizeof(*o));
    snprintf(o->system, sizeof(o->system), "%s", b->system);
    snprintf(o->user, sizeof(o->user), "%s", b->user);
    o->start = b->start;
    o->last = b->last;
    o->count = b->count;
    size_t k = 0;
    for (size_t i = 0; i < b->naddr; i++)
        k += (size_t)snprintf(o->addrs + k, sizeof(o->addrs) - k, "%s%s", i ? " " : "",
                              b->addr[i][0] ? b->addr[i] : "-");
    if (b->more)
        snprintf(o->addrs + k, sizeof(o->addrs) - k, " ...");
    b->in = false;
    b->size = b->head = 0;
    b->naddr = 0;
    b->more = false;
    return JX_OK;
}

/* Sliding window: the failure `ts` is in a burst when it and the N-1
 * failures of the same user before it lie within M minutes. A burst runs
 * while that holds; its count is every failure from the first of the
 * window that opened it to the last one that kept it open. */
static int burst_add(struct sfctx *s, struct bstate *b, const struct jx_entry *e)
{
    const int64_t ts = e->ts;
    const size_t n = s->bn;
    b->ring[(b->head + b->size) % n] = ts;
    snprintf(b->aring[(b->head + b->size) % n], JX_ADDR_SZ, "%s", e->remote_addr);
    if (b->size < n)
        b->size++;
    else
        b->head = (b->head + 1) % n;
    const bool full = b->size == n;
    const int64_t oldest = b->ring[b->head];
    const bool hot = full && ts - oldest <= s->bwin;
    if (b->in && hot) {
        b->count++;
        b->last = ts;
        burst_addr(b, e->remote_addr);
        return JX_OK;
    }
    if (b->in) {
        /* the window cooled: close the burst and start over from ts */
        int rc = burst_close(s, b);
        if (rc)
            return rc;
        b->ring[0] = ts;
        snprintf(b->aring[0], JX_ADDR_SZ, "%s", e->remote_addr);
        b->head = 0;
        b->size = 1;
        return JX_OK;
    }
    if (hot) {
        b->in = true;
        b->start = oldest;
        b->last = ts;
        b->count = n;
        b->naddr = 0;
        for (size_t i = 0; i < n; i++)
            burst_addr(b, b->aring[(b->head + i) % n]);
    }
    return JX_OK;
}

static int sf_cb(const struct jx_entry *e, void *arg)
{
    struct sfctx *s = arg;
    char dev[64], sub[2] = {e->subtype, '\0'};
    jx_audit_field(e, ccof(e), "device", dev, sizeof(dev));
    const char *kv[] = {e->target_user, sub, dev, e->remote_addr};
    if ((s->rc = tally_add(&s->t, kv, e->ts)))
        return 1;
    struct bstate *b = bstate_of(s, e);
    if (!b || (s->rc = burst_add(s, b, e))) {
        if (!s->rc)
            s->rc = JX_E_NOMEM;
        return 1;
    }
    return 0;
}

static int burst_cmp(const void *a, const void *b)
{
    const struct burst *x = a, *y = b;
    int c = strcmp(x->system, y->system);
    if (c)
        return c;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return strcmp(x->user, y->user);
}

static int rep_signon(struct rctx *r)
{
    static const char *const hu[] = {"user", "violation_type", "device", "remote_addr",
                                     "meaning"};
    static const char *const hb[] = {"system", "user", "failures", "first", "last", "minutes",
                                     "remote_addrs"};
    struct sfctx s;
    struct jx_filter *f = NULL;
    char title[128];
    int rc;
    memset(&s, 0, sizeof(s));
    s.r = r;
    s.t.ncols = 4;
    s.bn = r->o->burst_count ? r->o->burst_count : 10;
    s.bwin = (int64_t)(r->o->burst_minutes ? r->o->burst_minutes : 5) * 60 * JX_US_PER_SEC;
    if (s.bn < 2)
        return jx_error(r->err, JX_E_USAGE, NULL, -1, -1, "--burst-count must be at least 2");
    if ((rc = mkfilter(r, true, &f, "type", "PW", ARGS_END)))
        goto out;
    if ((rc = entries(r, f, sf_cb, &s)) || (rc = s.rc))
        goto out;
    for (size_t i = 0; i < s.nst && !rc; i++)
        rc = burst_close(&s, &s.st[i]);
    if (rc)
        goto out;
    if ((rc = tally_section(r, &s.t, "by-user",
                            "Failed sign-ons (PW) by user, violation type, device, address",
                            hu, meaning_pw, r->o->top)))
        goto out;
    snprintf(title, sizeof(title), "Bursts: at least %u failures of one user within %u minutes",
             s.bn, r->o->burst_minutes ? r->o->burst_minutes : 5);
    if ((rc = sect(r, "bursts", title, hb, JX_ARRAY_SIZE(hb))))
        goto out;
    if (s.nb)
        qsort(s.b, s.nb, sizeof(*s.b), burst_cmp);
    for (size_t i = 0; i < s.nb && !rc; i++) {
        char n[32], a[27], b[27], mins[32];
        const struct burst *x = &s.b[i];
        u64s(n, sizeof(n), x->count);
        tss(a, x->start);
        tss(b, x->last);
        snprintf(mins, sizeof(mins), "%.1f", (double)(x->last - x->start) / (60.0 * JX_US_PER_SEC));
        const char *v[] = {x->system, x->user, n, a, b, mins, x->addrs};
        rc = row(r, v);
    }
out:
    if (rc == JX_E_NOMEM && !r->err->msg[0])
        jx_error(r->err, rc, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < s.nst; i++) {
        jx_free(s.st[i].ring);
        jx_free(s.st[i].aring);
    }
    jx_free(s.st);
    jx_free(s.idx.slot);
    jx_free(s.b);
    tally_free(&s.t);
    jx_filter_free(f);
    return rc;
}

/* A tally filled by an entry callback (authority-failures, adopted-authority). */
struct tctx {
    struct tally t;
    int rc;
};

/* ---- authority-failures ---------------------------------------------------- */
static int af_cb(const struct jx_entry *e, void *arg)
{
    struct tctx *c = arg;
    char obj[VAL], sub[2] = {e->subtype, '\0'};
    fv(e, JX_FLD_OBJECT, obj, sizeof(obj));
    const char *kv[] = {sub, e->user, obj};
    return (c->rc = tally_add(&c->t, kv, e->ts)) ? 1 : 0;
}

static int rep_authfail(struct rctx *r)
{
    static const enum jx_field gf[] = {JX_FLD_SUBTYPE};
    static const char *const hg[] = {"violation_type", "meaning"};
    static const char *const ht[] = {"violation_type", "user", "object", "meaning"};
    struct tctx c = {{3, NULL, 0, 0, NULL, 0}, 0};
    struct jx_filter *f = NULL;
    int rc;
    if ((rc = mkfilter(r, true, &f, "type", "AF", ARGS_END)))
        goto out;
    if ((rc = group_section(r, "by-type", "Authority failures (AF) by violation type", f, gf, 1,
                            hg, meaning_af, r->o->top)))
        goto out;
    if ((rc = entries(r, f, af_cb, &c)) || (rc = c.rc))
        goto out;
    rc = tally_section(r, &c.t, "by-user-object",
                       "Authority failures by violation type, user (JOUSPF) and object", ht,
                       meaning_af2, r->o->top);
out:
    if (rc == JX_E_NOMEM && !r->err->msg[0])
        jx_error(r->err, rc, NULL, -1, -1, "out of memory");
    tally_free(&c.t);
    jx_filter_free(f);
    return rc;
}

/* ---- profile-changes and special-authority --------------------------------- */
/* CP special-authority flags: 645..649 CONFIRMED, 650..652 UNCONFIRMED. */
static const struct flagname cp_spec[] = {
    {"special_allobj", "*ALLOBJ"}, {"special_jobctl", "*JOBCTL"}, {"special_savsys", "*SAVSYS"},
    {"special_secadm", "*SECADM"}, {"special_splctl", "*SPLCTL"}, {"special_service", "*SERVICE"},
    {"special_audit", "*AUDIT"}, {"special_iosyscfg", "*IOSYSCFG"}};
/* the three the special-authority report watches, as bits of cp_spec */
#define WATCH_MASK ((1u << 0) | (1u << 3) | (1u << 6))

struct pstate {
    char key[2 * JX_NAME_SZ + 2];
    unsigned mask;
    uint64_t seq;
    int64_t ts;
};
struct cpctx {
    struct rctx *r;
    bool special;            /* special-authority: else profile-changes */
    struct crows rows;       /* special-authority rows */
    char **v;                /* profile-changes: row being streamed */
    struct pstate *ps;
    size_t nps, capps;
    struct keyidx idx;
    uint64_t nrows;
    int rc;
};

static struct pstate *pstate_of(struct cpctx *c, const char *key)
{
    size_t h = 0;
    long i = ki_lookup(&c->idx, c->ps, sizeof(*c->ps), offsetof(struct pstate, key), c->nps,
                       key, &h);
    if (i >= 0)
        return &c->ps[i];
    if (i == -2 || jx_grow((void **)&c->ps, &c->capps, c->nps + 1, sizeof(*c->ps)))
        return NULL;
    struct pstate *p = &c->ps[c->nps];
    memset(p, 0, sizeof(*p));
    snprintf(p->key, sizeof(p->key), "%s", key);
    p->seq = UINT64_MAX; /* no CP entry with known flags yet */
    c->idx.slot[h] = (uint32_t)(++c->nps);
    return p;
}

static void mask_names(unsigned m, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < JX_ARRAY_SIZE(cp_spec); i++)
        if (m & (1u << i))
            o += (size_t)snprintf(buf + o, cap - o, "%s%s", o ? " " : "", cp_spec[i].label);
}

/* What a CP entry did: from the CONFIRMED command name, else the subtype
 * (whose C/D/R meanings are UNCONFIRMED). */
static const char *cp_action(const char *cmd, char sub)
{
    if (!strcmp(cmd, "CRT")) return "create";
    if (!strcmp(cmd, "CHG")) return "change";
    if (!strcmp(cmd, "RST")) return "restore";
    if (!strcmp(cmd, "DST")) return "DST password reset";
    if (!strcmp(cmd, "RPA")) return "QSYRESPA";
    if (!strcmp(cmd, "SQL")) return "SQL routing";
    switch (sub) {
    case 'C': return "create";
    case 'D': return "delete";
    case 'R': return "restore";
    case 'A': return "change";
    }
    return "";
}

static bool in_time(const struct rctx *r, int64_t ts)
{
    return (!r->has_from || ts >= r->from) && (!r->has_to || ts < r->to);
}

static int cp_cb(const struct jx_entry *e, void *arg)
{
    struct cpctx *c = arg;
    struct rctx *r = c->r;
    struct fmap *m = r->m;
    char key[2 * JX_NAME_SZ + 2], cur[128], gr[128], rm[128], pw[64], cmp[96], ts[27];
    fmap_load(m, e);
    /* flags known when any of them is Y or N (blank: not written) */
    unsigned mask = 0;
    bool known = false;
    for (size_t i = 0; i < JX_ARRAY_SIZE(cp_spec); i++) {
        const char *v = fmap_get(m, cp_spec[i].field);
        if (!strcmp(v, "Y"))
            mask |= 1u << i;
        if (!strcmp(v, "Y") || !strcmp(v, "N"))
            known = true;
    }
    const char *action = cp_action(fmap_get(m, "command"), e->subtype);
    snprintf(key, sizeof(key), "%s/%s", e->system, e->target_user);
    struct pstate *p = pstate_of(c, key);
    if (!p) {
        c->rc = JX_E_NOMEM;
        return 1;
    }
    const bool prev = p->seq != UINT64_MAX;
    const bool create = !strcmp(action, "create");
    unsigned granted = 0, removed = 0;
    if (known && prev) {
        granted = mask & ~p->mask;
        removed = p->mask & ~mask;
    } else if (known && create) {
        granted = mask;
    }
    tss(ts, e->ts);
    if (in_time(r, e->ts) && !c->special) {
        if (!r->o->limit || c->nrows < r->o->limit) {
            char t2[27];
            mask_names(mask, cur, sizeof(cur));
            mask_names(granted, gr, sizeof(gr));
            mask_names(removed, rm, sizeof(rm));
            size_t o = 0;
            pw[0] = '\0';
            if (!strcmp(fmap_get(m, "password_changed"), "Y"))
                o += (size_t)snprintf(pw + o, sizeof(pw) - o, "changed");
            if (!strcmp(fmap_get(m, "password_none"), "Y"))
                o += (size_t)snprintf(pw + o, sizeof(pw) - o, "%s*NONE", o ? " " : "");
            if (!strcmp(fmap_get(m, "password_expired"), "Y"))
                snprintf(pw + o, sizeof(pw) - o, "%sexpired", o ? " " : "");
            if (!known)
                snprintf(cmp, sizeof(cmp), "special authorities not recorded");
            else if (prev) {
                tss(t2, p->ts);
                snprintf(cmp, sizeof(cmp), "seq %llu (%s)", (unsigned long long)p->seq, t2);
            } else
                snprintf(cmp, sizeof(cmp), create ? "created" : "no earlier CP entry");
            const char *v[] = {ts, e->system, e->user, e->target_user, action,
                               known ? cur : "", gr, rm, pw, cmp};
            c->nrows++;
            if ((c->rc = row(r, v)))
                return 1;
        }
    }
    if (in_time(r, e->ts) && c->special && known) {
        uint32_t sub = 0;
        for (size_t i = 0; i < JX_ARRAY_SIZE(cp_spec) && !c->rc; i++) {
            if (!((WATCH_MASK & mask) & (1u << i)))
                continue;
            char basis[96], det[192];
            if (prev && (granted & (1u << i)))
                snprintf(basis, sizeof(basis), "not held at seq %llu", (unsigned long long)p->seq);
            else if (!prev && create)
                snprintf(basis, sizeof(basis), "created with it");
            else if (!prev)
                snprintf(basis, sizeof(basis), "held; no earlier CP entry to compare");
            else
                continue; /* held before: not a grant */
            mask_names(mask, cur, sizeof(cur));
            snprintf(det, sizeof(det), "CP %s; now %s", fmap_get(m, "command"), cur);
            const char *v[] = {ts, e->system, e->user, e->target_user, cp_spec[i].label,
                               "CP", basis, det};
            c->rc = crows_add(r, &c->rows, e, sub++, v);
        }
    }
    if (known) {
        p->mask = mask;
        p->seq = e->seq;
        p->ts = e->ts;
    }
    return c->rc ? 1 : 0;
}

static int cd_spec_cb(const struct jx_entry *e, void *arg)
{
    struct cpctx *c = arg;
    char cmd[3 * JX_CD_CMD_LEN + 8], sp[256], prof[JX_NAME_SZ], ts[27];
    jx_audit_cd_command(e, ccof(e), cmd, sizeof(cmd));
    jx_report_spcaut(cmd, sp, sizeof(sp), prof, sizeof(prof));
    uint32_t sub = 1000; /* after any CP rows of the same entry (none) */
    tss(ts, e->ts);
    char *save = NULL;
    for (char *t = strtok_r(sp, " ", &save); t && !c->rc; t = strtok_r(NULL, " ", &save)) {
        if (strcmp(t, "*ALLOBJ") && strcmp(t, "*SECADM") && strcmp(t, "*AUDIT"))
            continue;
        const char *v[] = {ts, e->system, e->user, prof, t, "CD", "requested by command", cmd};
        c->rc = crows_add(c->r, &c->rows, e, sub++, v);
    }
    return c->rc ? 1 : 0;
}

static void cpctx_free(struct cpctx *c)
{
    crows_free(&c->rows);
    jx_free(c->ps);
    jx_free(c->idx.slot);
}

static int rep_profile_changes(struct rctx *r)
{
    static const char *const h[] = {"timestamp", "system", "changed_by", "profile", "action",
                                    "special_authorities", "granted", "removed", "password",
                                    "compared_with"};
    struct cpctx c;
    struct jx_filter *f = NULL;
    int rc;
    memset(&c, 0, sizeof(c));
    c.r = r;
    /* no time bounds: the entry before --from is what a change compares to */
    if ((rc = mkfilter(r, false, &f, "type", "CP", ARGS_END)))
        goto out;
    if ((rc = sect(r, "entries",
                   "User profile changes (CP): special authorities granted/removed, passwords",
                   h, JX_ARRAY_SIZE(h))))
        goto out;
    rc = entries(r, f, cp_cb, &c);
    if (!rc)
        rc = c.rc;
out:
    if (rc == JX_E_NOMEM && !r->err->msg[0])
        jx_error(r->err, rc, NULL, -1, -1, "out of memory");
    cpctx_free(&c);
    jx_filter_free(f);
    return rc;
}

static int rep_special(struct rctx *r)
{
    static const char *const h[] = {"timestamp", "system", "changed_by", "profile", "authority",
                                    "source", "basis", "detail"};
    struct cpctx c;
    struct jx_filter *f = NULL, *fc = NULL;
    int rc;
    memset(&c, 0, sizeof(c));
    c.r = r;
    c.special = true;
    c.rows.ncols = JX_ARRAY_SIZE(h);
    if ((rc = ranks_build(r)))
        goto out;
    if ((rc = mkfilter(r, false, &f, "type", "CP", ARGS_END)) ||
        (rc = mkfilter(r, true, &fc, "type", "CD", "object", "CRTUSRPRF,CHGUSRPRF", ARGS_END)))
        goto out;
    if ((rc = entries(r, f, cp_cb, &c)) || (rc = c.rc))
        goto out;
    if ((rc = entries(r, fc, cd_spec_cb, &c)) || (rc = c.rc))
        goto out;
    if ((rc = sect(r, "grants", "Grants of *ALLOBJ, *SECADM, *AUDIT (CP compared; CD commands)",
                   h, JX_ARRAY_SIZE(h))))
        goto out;
    rc = crows_print(r, &c.rows);
out:
    if (rc == JX_E_NOMEM && !r->err->msg[0])
        jx_error(r->err, rc, NULL, -1, -1, "out of memory");
    cpctx_free(&c);
    jx_filter_free(f);
    jx_filter_free(fc);
    return rc;
}

/* ---- sysval-changes -------------------------------------------------------- */
static void sv_row(struct rctx *r, const struct jx_entry *e, char **v)
{
    struct jx_audit_sv *s = r->sv;
    size_t k = 0;
    put_common(e, v, &k);
    action_of(e, v[k++], VAL);
    if (jx_audit_sv(e, ccof(e), s) == JX_OK) {
        snprintf(v[4], VAL, "%s", s->name);
        snprintf(v[5], VAL, "%s", s->old_value);
        snprintf(v[6], VAL, "%s", s->new_value);
    }
    fv(e, JX_FLD_QJOB, v[7], VAL);
    if (e->flags & JX_F_TRUNCATED)
        snprintf(v[8], VAL, "ESD truncated: %u of %u bytes present", e->esd_avail, e->esd_len);
}

static int rep_sysval(struct rctx *r)
{
    static const char *const h[] = {"timestamp", "system", "user", "action", "system_value",
                                    "old_value", "new_value", "job", "note"};
    struct jx_filter *f = NULL;
    int rc = mkfilter(r, true, &f, "type", "SV", ARGS_END);
    if (!rc)
        rc = list_section(r, "entries", "System value changes (SV), full old and new values", h,
                          JX_ARRAY_SIZE(h), f, sv_row);
    jx_filter_free(f);
    return rc;
}

/* ---- command-usage --------------------------------------------------------- */
static void cd_row(struct rctx *r, const struct jx_entry *e, char **v)
{
    size_t k = 0;
    (void)r;
    put_common(e, v, &k);
    snprintf(v[k++], VAL, "%s", e->object);
    jx_audit_cd_command(e, ccof(e), v[k++], VAL);
    fv(e, JX_FLD_QJOB, v[k++], VAL);
}

static int rep_commands(struct rctx *r)
{
    static const enum jx_field gf[] = {JX_FLD_USER, JX_FLD_OBJECT_NAME};
    static const char *const hg[] = {"user", "command"};
    static const char *const hl[] = {"timestamp", "system", "user", "command", "command_string",
                                     "job"};
    struct jx_filter *f = NULL;
    int rc = r->o->commands ? mkfilter(r, true, &f, "type", "CD", "object", r->o->commands, ARGS_END)
                            : mkfilter(r, true, &f, "type", "CD", ARGS_END);
    if (rc)
        return rc;
    rc = group_section(r, "by-user-command", "Commands run (CD) by user", f, gf, 2, hg, NULL,
                       r->o->top);
    if (!rc && r->o->commands)
        rc = list_section(r, "entries", "Command strings", hl, JX_ARRAY_SIZE(hl), f, cd_row);
    jx_filter_free(f);
    return rc;
}

/* ---- object-deletes, restores, ownership, authority-changes, audit-changes,
 * adopted-authority: a count section from the index and a list ---------- */
static void do_row(struct rctx *r, const struct jx_entry *e, char **v)
{
    struct fmap *m = r->m;
    size_t k = 0;
    put_common(e, v, &k);
    action_of(e, v[k++], VAL);
    fv(e, JX_FLD_OBJECT, v[k++], VAL);
    fmap_load(m, e);
    snprintf(v[k++], VAL, "%s", fmap_get(m, "object_attribute"));
    fv(e, JX_FLD_QJOB, v[k++], VAL);
}

static int rep_deletes(struct rctx *r)
{
    static const enum jx_field gf[] = {JX_FLD_USER, JX_FLD_OBJECT_TYPE};
    static const char *const hg[] = {"user", "object_type"};
    static const char *const hl[] = {"timestamp", "system", "user", "action", "object",
                                     "attribute", "job"};
    struct jx_filter *f = NULL;
    int rc = mkfilter(r, true, &f, "type", "DO", ARGS_END);
    if (!rc)
        rc = group_section(r, "by-user", "Objects deleted (DO) by user and object type", f, gf,
                           2, hg, NULL, r->o->top);
    if (!rc)
        rc = list_section(r, "entries", "Objects deleted", hl, JX_ARRAY_SIZE(hl), f, do_row);
    jx_filter_free(f);
    return rc;
}

static void detail_row(struct rctx *r, const struct jx_entry *e, char **v)
{
    size_t k = 0;
    (void)r;
    put_common(e, v, &k);
    snprintf(v[k++], VAL, "%s", e->type);
    action_of(e, v[k++], VAL);
    fv(e, JX_FLD_OBJECT, v[k++], VAL);
    jx_audit_detail(e, ccof(e), v[k++], VAL);
    fv(e, JX_FLD_QJOB, v[k++], VAL);
}

static int rep_restores(struct rctx *r)
{
    static const enum jx_field gf[] = {JX_FLD_TYPE, JX_FLD_USER};
    static const char *const hg[] = {"type", "user", "description"};
    static const char *const hl[] = {"timestamp", "system", "user", "type", "action", "object",
                                     "detail", "job"};
    struct jx_filter *f = NULL;
    int rc = mkfilter(r, true, &f, "type", "OR,RA,RO,RP,RZ,RJ", ARGS_END);
    if (!rc)
        rc = group_section(r, "by-type-user", "Restores by entry type and user", f, gf, 2, hg,
                           type_desc, r->o->top);
    if (!rc)
        rc = list_section(r, "entries", "Restores (OR, RA, RO, RP, RZ, RJ)", hl,
                          JX_ARRAY_SIZE(hl), f, detail_row);
    jx_filter_free(f);
    return rc;
}

static int ap_cb(const struct jx_entry *e, void *arg)
{
    struct tctx *c = arg;
    char pgm[VAL], owner[JX_NAME_SZ];
    fv(e, JX_FLD_OBJECT, pgm, sizeof(pgm));
    jx_audit_field(e, ccof(e), "owner", owner, sizeof(owner));
    const char *kv[] = {pgm, owner, e->user};
    return (c->rc = tally_add(&c->t, kv, e->ts)) ? 1 : 0;
}

static void pa_row(struct rctx *r, const struct jx_entry *e, char **v)
{
    size_t k = 0;
    (void)r;
    put_common(e, v, &k);
    action_of(e, v[k++], VAL);
    fv(e, JX_FLD_OBJECT, v[k++], VAL);
    jx_audit_field(e, ccof(e), "owner", v[k++], VAL);
    fv(e, JX_FLD_QJOB, v[k++], VAL);
}

static int rep_adopt(struct rctx *r)
{
    static const char *const ht[] = {"program", "owner", "user"};
    static const char *const hl[] = {"timestamp", "system", "user", "action", "program",
                                     "owner", "job"};
    struct tctx c = {{3, NULL, 0, 0, NULL, 0}, 0};
    struct jx_filter *fa = NULL, *fp = NULL;
    int rc;
    if ((rc = mkfilter(r, true, &fa, "type", "AP", ARGS_END)) ||
        (rc = mkfilter(r, true, &fp, "type", "PA", ARGS_END)))
        goto out;
    if ((rc = entries(r, fa, ap_cb, &c)) || (rc = c.rc))
        goto out;
    if ((rc = tally_section(r, &c.t, "by-program",
                            "Adopted authority used (AP) by program, owner and user", ht, NULL,
                            r->o->top)))
        goto out;
    rc = list_section(r, "adopt-changes", "Programs changed to adopt authority (PA)", hl,
                      JX_ARRAY_SIZE(hl), fp, pa_row);
out:
    if (rc == JX_E_NOMEM && !r->err->msg[0])
        jx_error(r->err, rc, NULL, -1, -1, "out of memory");
    tally_free(&c.t);
    jx_filter_free(fa);
    jx_filter_free(fp);
    return rc;
}

static const struct flagname ad_flags[] = {
    {"audit_cmd", "*CMD"}, {"audit_create", "*CREATE"}, {"audit_delete", "*DELETE"},
    {"audit_jobdta", "*JOBDTA"}, {"audit_objmgt", "*OBJMGT"}, {"audit_ofcsrv", "*OFCSRV"},
    {"audit_pgmadp", "*PGMADP"}, {"audit_savrst", "*SAVRST"}};

static void ad_row(struct rctx *r, const struct jx_entry *e, char **v)
{
    struct fmap *m = r->m;
    size_t k = 0;
    put_common(e, v, &k);
    action_of(e, v[k++], VAL);
    fv(e, JX_FLD_OBJECT, v[k++], VAL);
    fmap_load(m, e);
    snprintf(v[k++], VAL, "%s", fmap_get(m, "object_audit_value"));
    flags_of(m, ad_flags, JX_ARRAY_SIZE(ad_flags), v[k++], VAL);
    fv(e, JX_FLD_QJOB, v[k++], VAL);
}

static int rep_audit_changes(struct rctx *r)
{
    static const enum jx_field gf[] = {JX_FLD_USER, JX_FLD_SUBTYPE};
    static const char *const hg[] = {"user", "subtype", "meaning"};
    static const char *const hl[] = {"timestamp", "system", "changed_by", "action", "object",
                                     "object_audit_value", "user_audit_values", "job"};
    struct jx_filter *f = NULL;
    int rc = mkfilter(r, true, &f, "type", "AD", ARGS_END);
    if (!rc)
        rc = list_section(r, "entries",
                          "Auditing changes (AD): CHGOBJAUD, CHGDLOAUD, CHGUSRAUD", hl,
                          JX_ARRAY_SIZE(hl), f, ad_row);
    if (!rc) {
        struct jx_groups *g = NULL;
        /* by user and subtype, meaning from the subtype */
        const char *h[] = {hg[0], hg[1], hg[2], "count"};
        rc = jx_query_group(r->ix, f, &r->qo, gf, 2, r->o->top, &g, NULL, r->err);
        if (!rc)
            rc = sect(r, "by-user", "Auditing changes by user", h, 4);
        for (size_t i = 0; !rc && g && i < g->n; i++) {
            char cnt[32], mean[128];
            const char *k1[] = {g->g[i].key[1]};
            meaning_of_sub("AD", k1, mean, sizeof(mean));
            u64s(cnt, sizeof(cnt), g->g[i].count);
            const char *v[] = {g->g[i].key[0], g->g[i].key[1], mean, cnt};
            rc = row(r, v);
        }
        jx_groups_free(g);
    }
    jx_filter_free(f);
    return rc;
}

static void ow_row(struct rctx *r, const struct jx_entry *e, char **v)
{
    size_t k = 0;
    (void)r;
    put_common(e, v, &k);
    fv(e, JX_FLD_OBJECT, v[k++], VAL);
    jx_audit_field(e, ccof(e), "old_owner", v[k++], VAL);
    jx_audit_field(e, ccof(e), "new_owner", v[k++], VAL);
    fv(e, JX_FLD_QJOB, v[k++], VAL);
}

static int rep_ownership(struct rctx *r)
{
    static const enum jx_field gf[] = {JX_FLD_USER};
    static const char *const hg[] = {"user"};
    static const char *const hl[] = {"timestamp", "system", "user", "object", "old_owner",
                                     "new_owner", "job"};
    struct jx_filter *f = NULL;
    int rc = mkfilter(r, true, &f, "type", "OW", ARGS_END);
    if (!rc)
        rc = group_section(r, "by-user", "Ownership changes (OW) by user", f, gf, 1, hg, NULL,
                           r->o->top);
    if (!rc)
        rc = list_section(r, "entries", "Ownership changes", hl, JX_ARRAY_SIZE(hl), f, ow_row);
    jx_filter_free(f);
    return rc;
}

/* CA authority flags: 659..664 CONFIRMED, 665..671 UNCONFIRMED. */
static const struct flagname ca_flags[] = {
    {"auth_objexist", "*OBJEXIST"}, {"auth_objmgt", "*OBJMGT"}, {"auth_objopr", "*OBJOPR"},
    {"auth_autlmgt", "*AUTLMGT"}, {"auth_autl", "*AUTL"}, {"auth_read", "*READ"},
    {"auth_add", "*ADD"}, {"auth_upd", "*UPD"}, {"auth_dlt", "*DLT"},
    {"auth_exclude", "*EXCLUDE"}, {"auth_execute", "*EXECUTE"},
    {"auth_objalter", "*OBJALTER"}, {"auth_objref", "*OBJREF"}};

static void ca_row(struct rctx *r, const struct jx_entry *e, char **v)
{
    struct fmap *m = r->m;
    size_t k = 0;
    put_common(e, v, &k);
    fv(e, JX_FLD_OBJECT, v[k++], VAL);
    snprintf(v[k++], VAL, "%s", e->target_user);
    fmap_load(m, e);
    flags_of(m, ca_flags, JX_ARRAY_SIZE(ca_flags), v[k++], VAL);
    snprintf(v[k++], VAL, "%s", fmap_get(m, "authorization_list"));
    fv(e, JX_FLD_QJOB, v[k++], VAL);
}

static int rep_authority_changes(struct rctx *r)
{
    static const enum jx_field gf[] = {JX_FLD_USER, JX_FLD_TARGET_USER};
    static const char *const hg[] = {"changed_by", "grantee"};
    static const char *const hl[] = {"timestamp", "system", "changed_by", "object", "grantee",
                                     "authorities", "authorization_list", "job"};
    struct jx_filter *f = NULL;
    int rc = mkfilter(r, true, &f, "type", "CA", ARGS_END);
    if (!rc)
        rc = group_section(r, "by-user", "Authority changes (CA) by user and grantee", f, gf, 2,
                           hg, NULL, r->o->top);
    if (!rc)
        rc = list_section(r, "entries", "Authority changes", hl, JX_ARRAY_SIZE(hl), f, ca_row);
    jx_filter_free(f);
    return rc;
}

/* ---- summary ----------------------------------------------------------------- */
static int rep_summary(struct rctx *r)
{
    static const enum jx_field ft[] = {JX_FLD_TYPE};
    static const enum jx_field fu[] = {JX_FLD_USER};
    static const enum jx_field fs[] = {JX_FLD_SYSTEM};
    static const enum jx_field fpw[] = {JX_FLD_TARGET_USER};
    static const char *const ht[] = {"type", "description"};
    static const char *const hu[] = {"user"};
    static const char *const hs[] = {"system"};
    static const char *const hpw[] = {"user"};
    const size_t top = r->o->top ? r->o->top : 10;
    struct jx_filter *f = NULL, *fp = NULL;
    struct jx_histogram *h = NULL;
    int rc;
    if ((rc = mkfilter(r, true, &f, ARGS_END)) || (rc = mkfilter(r, true, &fp, "type", "PW", NULL)))
        goto out;
    if ((rc = group_section(r, "by-system", "Entries by system", f, fs, 1, hs, NULL, 0)))
        goto out;
    if ((rc = group_section(r, "by-type", "Entries by type", f, ft, 1, ht, type_desc, 0)))
        goto out;
    if ((rc = jx_query_histogram(r->ix, f, &r->qo, JX_HIST_DAY, &h, NULL, r->err)))
        goto out;
    {
        static const char *const hd[] = {"day", "count"};
        if ((rc = sect(r, "by-day", "Entries by day (local time of the system)", hd, 2)))
            goto out;
        for (size_t i = 0; i < h->n && !rc; i++) {
            char d[32], c[32];
            jx_hist_label(h->b[i].start, JX_HIST_DAY, d, sizeof(d));
            u64s(c, sizeof(c), h->b[i].count);
            const char *v[] = {d, c};
            rc = row(r, v);
        }
        if (rc)
            goto out;
    }
    if ((rc = group_section(r, "top-users", "Top users (JOUSPF)", f, fu, 1, hu, NULL, top)))
        goto out;
    rc = group_section(r, "top-failed-signons", "Top failed sign-ons (PW) by user", fp, fpw, 1,
                       hpw, NULL, top);
out:
    jx_histogram_free(h);
    jx_filter_free(f);
    jx_filter_free(fp);
    return rc;
}

/* =========================================================================
 * The table of reports (also `jidx report --list` and query/README.md)
 * ========================================================================= */
static const struct jx_report_info infos[] = {
    {"summary", "What does the journal hold: entries by system, type and day, top users, "
                 "top failed sign-ons (a one-screen overview)",
      "all", "by-system by-type by-day top-users top-failed-signons",
      "JOENTT, JOSYNM, JOTSTP, JOUSPF; PW user at ESD 611 (--top N, default 10 for the top "
      "sections)", ""},
    {"powerful-profiles",
      "When did QSECOFR or other powerful profiles start, submit, end, hold or change jobs, "
      "from which job, device and address?",
      "JS", "by-profile entries",
      "JS effective user (ESD 649) or current user JOUSPF in --profile (default "
      JX_REPORT_PROFILES_DEFAULT "); target job 613/623/633, device 639; JORADR",
      "JS action meanings (the subtype codes) are UNCONFIRMED; the JS fields used are CONFIRMED"},
    {"signon-failures",
      "Who fails to sign on, how, from which device and address; which users see bursts of "
      "failures (--burst-count N within --burst-minutes M, default 10 in 5)?",
      "PW", "by-user bursts",
      "PW user (ESD 611), violation type (610) and meaning, device (621); remote address from "
      "the heading JORADR (only with FIXLENDTA(*RMTADR))",
      ""},
    {"authority-failures",
      "Which authority failures occur, by whom and on which objects?", "AF",
      "by-type by-user-object",
      "AF violation type (610) and meaning, object 611/621/631 or IFS path, current user JOUSPF",
      ""},
    {"profile-changes",
      "Which user profiles were created, changed or restored, with special authorities "
      "granted or removed and password changes?",
      "CP", "entries",
      "CP profile (611), command CRT/CHG/RST/... (639), password flags (642-644), special "
      "authorities (645-652) compared with the previous CP entry of the same profile (canonical "
      "order, before --from too); changed_by = JOUSPF",
      "*SERVICE, *AUDIT, *IOSYSCFG flags (650-652) are UNCONFIRMED offsets; subtypes C/D/R are "
      "UNCONFIRMED (the command name decides when present)"},
    {"special-authority",
      "Who was given *ALLOBJ, *SECADM or *AUDIT?", "CP, CD",
      "grants",
      "CP special-authority flags compared as in profile-changes; CD CRTUSRPRF/CHGUSRPRF "
      "command strings (ESD 640) with SPCAUT(...) and USRPRF(...)",
      "*AUDIT at CP 651 is an UNCONFIRMED offset (the CD command string is CONFIRMED)"},
    {"sysval-changes",
      "Which system values changed, from what to what?", "SV", "entries",
      "SV name (611), new value 621+1121+1621, old value 871+1371+2621 (joined, complete)",
      ""},
    {"command-usage",
      "Who ran which commands how often (e.g. --command CHGUSRPRF), with the command strings?",
      "CD", "by-user-command entries (entries only with --command)",
      "CD command name (611), command string (640), JOUSPF",
      "CD subtype meanings are UNCONFIRMED (not used for counting)"},
    {"object-deletes", "Who deleted which objects?", "DO", "by-user entries",
      "DO object 611/621/631 or IFS path, attribute (639), JOUSPF",
      "the DO path block after the name block is at an UNCONFIRMED place"},
    {"restores", "What was restored, by whom (objects, owners, groups, adopting programs, "
                  "job descriptions)?",
      "OR RA RO RP RZ RJ", "by-type-user entries",
      "object 611/621/631, saved/restored owner or group, owner, job description user",
      "RA layout is UNCONFIRMED (object group only); RZ past 782 is DERIVED"},
    {"adopted-authority",
      "Which programs ran with adopted authority, owned by whom, for which users; which "
      "programs were changed to adopt?",
      "AP, PA", "by-program adopt-changes",
      "AP/PA program 611/621/631, owner (639), JOUSPF", ""},
    {"audit-changes",
      "Who changed object or user auditing (CHGOBJAUD, CHGDLOAUD, CHGUSRAUD)?", "AD",
      "entries by-user",
      "AD object or user (611), object audit value (639), CHGUSRAUD values (649-656), JOUSPF",
      "user audit values past *SAVRST (656) are not decoded (UNCONFIRMED)"},
    {"ownership", "Whose objects changed owner, from whom to whom?", "OW", "by-user entries",
      "OW object 611/621/631, old owner (639), new owner (649), JOUSPF", ""},
    {"authority-changes",
      "Who granted or revoked which authorities to whom on which objects?", "CA",
      "by-user entries",
      "CA object, grantee (639), authorization list (649), authority flags (659-671), JOUSPF",
      "authority flags 665-671 (*ADD ... *OBJREF) are UNCONFIRMED offsets; whether an entry "
      "grants or revokes is not decoded (no offset in the doc)"},
};
/* the function of each report, in the order of infos[] */
static int (*const report_fns[])(struct rctx *r) = {
    rep_summary, rep_powerful, rep_signon, rep_authfail, rep_profile_changes,
    rep_special, rep_sysval, rep_commands, rep_deletes, rep_restores,
    rep_adopt, rep_audit_changes, rep_ownership, rep_authority_changes,
};
_Static_assert(JX_ARRAY_SIZE(infos) == JX_ARRAY_SIZE(report_fns), "one function per report");

const struct jx_report_info *jx_report_list(size_t *n)
{
    *n = JX_ARRAY_SIZE(infos);
    return infos;
}

int jx_report_run(struct jx_index *ix, const char *name, const struct jx_report_opts *o,
                  const struct jx_report_sink *sink, struct jx_errctx *err)
{
    struct rctx r;
    int (*fn)(struct rctx *) = NULL;
    int rc;
    memset(&r, 0, sizeof(r));
    for (size_t i = 0; i < JX_ARRAY_SIZE(infos); i++)
        if (!strcmp(infos[i].name, name))
            fn = report_fns[i];
    if (!fn)
        return jx_error(err, JX_E_USAGE, NULL, -1, -1,
                        "unknown report '%s' (see 'jidx report --list')", name);
    r.ix = ix;
    r.o = o;
    r.sink = sink;
    r.err = err;
    r.qo.threads = o->threads;
    r.qo.mask = JX_FM_ALL;
    for (size_t i = 0; i < o->nscope; i++) {
        int64_t a, b;
        const bool isfrom = !strcmp(o->scope[i].name, "from");
        if (!isfrom && strcmp(o->scope[i].name, "to"))
            continue;
        if ((rc = jx_time_parse(o->scope[i].value, &a, &b, err)))
            return rc;
        if (isfrom) {
            r.has_from = true;
            r.from = a;
        } else {
            r.has_to = true;
            r.to = b;
        }
    }
    r.m = jx_malloc(sizeof(*r.m));
    r.sv = jx_malloc(sizeof(*r.sv));
    if (!r.m || !r.sv)
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    else
        rc = fn(&r);
    jx_free(r.m);
    jx_free(r.sv);
    jx_free(r.ranks);
    return rc;
}

/* ---- SPCAUT(...) of a CL command ------------------------------------------ */

/* The text inside KEYWORD( ... ) with nested parentheses and quotes
 * respected, upper case; NULL if the keyword is absent. */
static const char *kw_value(const char *cmd, const char *kw, char *buf, size_t cap)
{
    const size_t kl = strlen(kw);
    bool inq = false;
    for (const char *p = cmd; *p; p++) {
        /* a keyword inside a quoted string (TEXT('SPCAUT(...)')) is text */
        if (*p == '\'')
            inq = !inq;
        if (inq || strncasecmp(p, kw, kl) || p[kl] != '(')
            continue;
        if (p > cmd && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        int depth = 0;
        bool quote = false;
        size_t o = 0;
        for (const char *q = p + kl; *q; q++) {
            if (*q == '\'')
                quote = !quote;
            if (!quote && *q == '(')
                depth++;
            else if (!quote && *q == ')' && --depth == 0)
                break;
            if (q > p + kl && o + 1 < cap)
                buf[o++] = (char)toupper((unsigned char)*q);
        }
        buf[o] = '\0';
        return buf;
    }
    return NULL;
}

void jx_report_spcaut(const char *cmd, char *buf, size_t cap, char *profile, size_t pcap)
{
    char v[1024];
    size_t o = 0;
    if (cap)
        buf[0] = '\0';
    if (profile && pcap) {
        profile[0] = '\0';
        if (kw_value(cmd, "USRPRF", v, sizeof(v))) {
            size_t i = 0;
            const char *p = v;
            while (*p == ' ')
                p++;
            for (; *p && *p != ' ' && i + 1 < pcap; p++)
                profile[i++] = *p;
            profile[i] = '\0';
        }
    }
    if (!cap || !kw_value(cmd, "SPCAUT", v, sizeof(v)))
        return;
    for (char *p = v; *p;) {
        while (*p == ' ')
            p++;
        char *s = p;
        while (*p && *p != ' ')
            p++;
        const size_t l = (size_t)(p - s);
        if (l && o + l + 2 < cap) {
            if (o)
                buf[o++] = ' ';
            memcpy(buf + o, s, l);
            o += l;
            buf[o] = '\0';
        }
    }
}

/* ---- the printer sink ------------------------------------------------------ */
struct jx_report_printer {
    FILE *fp;
    enum jx_format fmt;
    char *only;
    struct jx_out *out;
    bool skip;
    bool any;        /* a section was printed */
    uint64_t nrows;
    char name[64];
    const char **vals;
    size_t ncols;
    int err;
};

static void pr_close(struct jx_report_printer *p)
{
    if (p->out) {
        jx_out_finish(p->out);
        p->out = NULL;
        if (p->fmt == JX_FMT_TABLE && p->nrows == 0)
            fputs("(none)\n", p->fp);
    }
}

static int pr_section(void *arg, const char *name, const char *title,
                      const char *const *headers, size_t ncols)
{
    struct jx_report_printer *p = arg;
    const char *h[64];
    int rc;
    pr_close(p);
    p->skip = p->only && strcmp(p->only, name);
    if (p->skip)
        return JX_OK;
    if (ncols + 1 > JX_ARRAY_SIZE(h))
        return JX_E_INTERNAL;
    snprintf(p->name, sizeof(p->name), "%s", name);
    p->nrows = 0;
    p->ncols = ncols;
    if (p->any && p->fmt != JX_FMT_JSON)
        fputc('\n', p->fp);
    p->any = true;
    if (p->fmt == JX_FMT_TABLE) {
        fprintf(p->fp, "== %s ==\n", title);
        rc = jx_out_rows_create(p->fp, p->fmt, headers, ncols, &p->out);
    } else {
        h[0] = "section";
        memcpy(h + 1, headers, ncols * sizeof(*h));
        rc = jx_out_rows_create(p->fp, p->fmt, h, ncols + 1, &p->out);
    }
    return rc;
}

static int pr_row(void *arg, const char *const *values)
{
    struct jx_report_printer *p = arg;
    const char *v[64];
    if (p->skip)
        return JX_OK;
    if (!p->out)
        return JX_E_INTERNAL;
    p->nrows++;
    if (p->fmt == JX_FMT_TABLE)
        return jx_out_row(p->out, values);
    v[0] = p->name;
    memcpy(v + 1, values, p->ncols * sizeof(*v));
    return jx_out_row(p->out, v);
}

int jx_report_printer_create(FILE *fp, enum jx_format fmt, const char *only,
                             struct jx_report_printer **out)
{
    struct jx_report_printer *p = jx_calloc(1, sizeof(*p));
    if (!p)
        return JX_E_NOMEM;
    p->fp = fp;
    p->fmt = fmt;
    if (only && !(p->only = jx_strdup(only))) {
        jx_free(p);
        return JX_E_NOMEM;
    }
    *out = p;
    return JX_OK;
}

struct jx_report_sink jx_report_printer_sink(struct jx_report_printer *p)
{
    struct jx_report_sink s = {pr_section, pr_row, p};
    return s;
}

int jx_report_printer_finish(struct jx_report_printer *p)
{
    if (!p)
        return JX_OK;
    pr_close(p);
    int rc = ferror(p->fp) ? JX_E_IO : JX_OK;
    jx_free(p->only);
    jx_free(p);
    return rc;
}
