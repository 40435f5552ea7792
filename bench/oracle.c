/*
 * bench/oracle.c - the benchmark's ground truth: answers to the query suite
 * computed by brute force from the receivers (jx_plan_scan decodes every
 * entry in canonical order, jx_filter_match selects), with no index code
 * involved, plus a census pass that learns which values really occur so the
 * suite asks about users, objects and addresses that exist.
 *
 * Workload: a handful of full scans of millions of entries (one per query,
 * each timed alone), so the per-entry path does no allocation and hashes
 * a few dozen bytes at most. Memory is bounded whatever the data size:
 * every map refuses keys past a fixed cap.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "bench_int.h"
#include "fields.h"
#include "output.h"

/* ---- string -> count map -------------------------------------------- */

struct jx_strcount {
    uint32_t *slots;         /* 0 empty, else index+1 into keys/vals */
    size_t nslots;           /* power of two */
    size_t *keyoff;          /* offsets into arena, insertion order */
    uint64_t *vals;
    size_t n, cap;
    char *arena;
    size_t alen, acap;
    size_t max_keys;
    uint64_t refused;
};

int jx_strcount_create(size_t max_keys, struct jx_strcount **out)
{
    struct jx_strcount *m = jx_calloc(1, sizeof(*m));
    *out = NULL;
    if (!m)
        return JX_E_NOMEM;
    m->max_keys = max_keys ? max_keys : 1;
    m->nslots = 64;
    if (!(m->slots = jx_calloc(m->nslots, sizeof(*m->slots)))) {
        jx_free(m);
        return JX_E_NOMEM;
    }
    *out = m;
    return JX_OK;
}

void jx_strcount_free(struct jx_strcount *m)
{
    if (!m)
        return;
    jx_free(m->slots);
    jx_free(m->keyoff);
    jx_free(m->vals);
    jx_free(m->arena);
    jx_free(m);
}

static size_t slot_of(const struct jx_strcount *m, const char *key, size_t len)
{
    size_t mask = m->nslots - 1;
    size_t i = (size_t)XXH3_64bits(key, len) & mask;
    for (;;) {
        uint32_t s = m->slots[i];
        if (!s || !strcmp(m->arena + m->keyoff[s - 1], key))
            return i;
        i = (i + 1) & mask;
    }
}

static int rehash(struct jx_strcount *m)
{
    size_t ns = m->nslots * 2;
    uint32_t *slots = jx_calloc(ns, sizeof(*slots));
    if (!slots)
        return JX_E_NOMEM;
    jx_free(m->slots);
    m->slots = slots;
    m->nslots = ns;
    for (size_t k = 0; k < m->n; k++) {
        const char *key = m->arena + m->keyoff[k];
        m->slots[slot_of(m, key, strlen(key))] = (uint32_t)(k + 1);
    }
    return JX_OK;
}

int jx_strcount_add(struct jx_strcount *m, const char *key, uint64_t n)
{
    size_t len = strlen(key);
    size_t i = slot_of(m, key, len);
    if (m->slots[i]) {
        m->vals[m->slots[i] - 1] += n;
        return JX_OK;
    }
    if (m->n >= m->max_keys) {
        m->refused++;
        return JX_E_RANGE;
    }
    if (jx_grow((void **)&m->arena, &m->acap, m->alen + len + 1, 1))
        return JX_E_NOMEM;
    size_t cap = m->cap;
    if (jx_grow((void **)&m->keyoff, &cap, m->n + 1, sizeof(*m->keyoff)))
        return JX_E_NOMEM;
    cap = m->cap;
    if (jx_grow((void **)&m->vals, &cap, m->n + 1, sizeof(*m->vals)))
        return JX_E_NOMEM;
    m->cap = cap;
    memcpy(m->arena + m->alen, key, len + 1);
    m->keyoff[m->n] = m->alen;
    m->vals[m->n] = n;
    m->alen += len + 1;
    m->slots[i] = (uint32_t)(++m->n);
    if (m->n * 2 > m->nslots)
        return rehash(m);
    return JX_OK;
}

uint64_t jx_strcount_get(const struct jx_strcount *m, const char *key)
{
    size_t i = slot_of(m, key, strlen(key));
    return m->slots[i] ? m->vals[m->slots[i] - 1] : 0;
}

size_t jx_strcount_size(const struct jx_strcount *m)
{
    return m->n;
}

const char *jx_strcount_key(const struct jx_strcount *m, size_t i)
{
    return m->arena + m->keyoff[i];
}

uint64_t jx_strcount_val(const struct jx_strcount *m, size_t i)
{
    return m->vals[i];
}

uint64_t jx_strcount_refused(const struct jx_strcount *m)
{
    return m->refused;
}

/* ---- answer digests ------------------------------------------------- */

void jx_bq_rows_init(struct jx_bq_result *r)
{
    memset(r, 0, sizeof(*r));
}

/* Chained hash: the seed of each row's hash is the previous hash, so the
 * digest changes if a row is missing, added, replaced or moved. */
void jx_bq_rows_add(struct jx_bq_result *r, const struct jx_entry *e)
{
    char buf[3 * JX_NAME_SZ + 8];
    size_t n = 0, l;
    l = strlen(e->system) + 1;
    memcpy(buf + n, e->system, l);
    n += l;
    l = strlen(e->receiver_lib) + 1;
    memcpy(buf + n, e->receiver_lib, l);
    n += l;
    l = strlen(e->receiver) + 1;
    memcpy(buf + n, e->receiver, l);
    n += l;
    memcpy(buf + n, &e->seq, 8);
    n += 8;
    r->hash = XXH3_64bits_withSeed(buf, n, r->hash);
    r->matches++;
}

static int key_cmp(const void *a, const void *b, void *map)
{
    const struct jx_strcount *m = map;
    return strcmp(jx_strcount_key(m, *(const size_t *)a), jx_strcount_key(m, *(const size_t *)b));
}

int jx_bq_groups_digest(const struct jx_strcount *m, struct jx_bq_result *r)
{
    size_t n = jx_strcount_size(m);
    size_t *ord = jx_malloc((n ? n : 1) * sizeof(*ord));
    memset(r, 0, sizeof(*r));
    if (!ord)
        return JX_E_NOMEM;
    for (size_t i = 0; i < n; i++)
        ord[i] = i;
    qsort_r(ord, n, sizeof(*ord), key_cmp, (void *)m); /* glibc, _GNU_SOURCE */
    for (size_t i = 0; i < n; i++) {
        const char *k = jx_strcount_key(m, ord[i]);
        uint64_t v = jx_strcount_val(m, ord[i]);
        r->hash = XXH3_64bits_withSeed(k, strlen(k) + 1, r->hash);
        r->hash = XXH3_64bits_withSeed(&v, sizeof(v), r->hash);
        r->matches += v;
    }
    r->groups = n;
    jx_free(ord);
    return JX_OK;
}

void jx_bq_day_key(int64_t ts, char out[16])
{
    char iso[27];
    jx_ts_format_iso(ts, iso);
    memcpy(out, iso, 10);
    out[10] = '\0';
}

size_t jx_bq_group_key(const struct jx_entry *e, const char *group, char *buf,
                       size_t cap)
{
    int f = jx_field_parse(group);
    if (f < 0) {
        if (cap)
            buf[0] = '\0';
        return 0;
    }
    return jx_field_value(e, (enum jx_field)f, buf, cap);
}

bool jx_bq_result_equal(const struct jx_bq_result *a, const struct jx_bq_result *b)
{
    return a->matches == b->matches && a->groups == b->groups && a->hash == b->hash;
}

int jx_bq_filter_build(const struct jx_bq *q, struct jx_filter **out,
                       struct jx_errctx *err)
{
    struct jx_filter *f = NULL;
    int rc = jx_filter_create(&f);
    *out = NULL;
    if (rc)
        return jx_error(err, rc, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < q->nf && !rc; i++)
        rc = jx_filter_add(f, q->f[i].name, q->f[i].value, err);
    if (!rc)
        rc = jx_filter_check(f, err);
    if (rc) {
        jx_filter_free(f);
        return rc;
    }
    *out = f;
    return JX_OK;
}

/* ---- census --------------------------------------------------------- */

/* Caps: a few hundred thousand keys at most (tens of MB), whatever the
 * number of entries. Object names have the widest universe (~220k per
 * system in the profile); a refused key only narrows the choice. */
#define CAP_SMALL 4096
#define CAP_MED 65536
#define CAP_BIG 262144

void jx_census_free(struct jx_census *c)
{
    if (!c)
        return;
    jx_strcount_free(c->user_type);
    jx_strcount_free(c->pw_target);
    jx_strcount_free(c->cd_object);
    jx_strcount_free(c->day);
    jx_strcount_free(c->obj_prefix);
    jx_strcount_free(c->object);
    jx_strcount_free(c->path_prefix);
    jx_strcount_free(c->remote);
    jx_strcount_free(c->type);
    jx_free(c);
}

/* Map adds whose only possible failure that matters is NOMEM: a full map
 * is fine for a census (JX_E_RANGE is ignored). */
static int cadd(struct jx_strcount *m, const char *k)
{
    int rc = jx_strcount_add(m, k, 1);
    return rc == JX_E_NOMEM ? rc : JX_OK;
}

static int census_visit(const struct jx_entry *e, void *arg)
{
    struct jx_census *c = arg;
    char key[2 * JX_NAME_SZ + 8];
    int rc = JX_OK;

    if (!c->entries || e->ts < c->ts_min)
        c->ts_min = e->ts;
    if (!c->entries || e->ts > c->ts_max)
        c->ts_max = e->ts;
    c->entries++;
    snprintf(key, sizeof(key), "%s\t%s", e->user, e->type);
    rc |= cadd(c->user_type, key);
    rc |= cadd(c->type, e->type);
    jx_bq_day_key(e->ts, key);
    rc |= cadd(c->day, key);
    if (!strcmp(e->type, "PW") && e->target_user[0])
        rc |= cadd(c->pw_target, e->target_user);
    if (!strcmp(e->type, "CD") && e->object[0])
        rc |= cadd(c->cd_object, e->object);
    if (e->object[0]) {
        size_t n = strlen(e->object);
        /* Only names long enough for a 3-character prefix to be generic. */
        if (n > 3) {
            memcpy(key, e->object, 3);
            key[3] = '\0';
            rc |= cadd(c->obj_prefix, key);
        }
        rc |= cadd(c->object, e->object);
    }
    if (e->path[0] == '/') {
        /* "/a/b/" : the first two components, only when more follows. */
        const char *p = strchr(e->path + 1, '/');
        if (p)
            p = strchr(p + 1, '/');
        if (p && p[1] && (size_t)(p - e->path) + 2 < sizeof(key)) {
            size_t n = (size_t)(p - e->path) + 1;
            memcpy(key, e->path, n);
            key[n] = '\0';
            rc |= cadd(c->path_prefix, key);
        }
    }
    if (e->remote_addr[0])
        rc |= cadd(c->remote, e->remote_addr);
    return rc ? JX_E_NOMEM : 0;
}

int jx_census_build(const struct jx_plan *p, struct jx_census **out,
                    struct jx_errctx *err)
{
    struct jx_census *c = jx_calloc(1, sizeof(*c));
    int rc = JX_OK;
    *out = NULL;
    if (!c)
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    if (jx_strcount_create(CAP_MED, &c->user_type) ||
        jx_strcount_create(CAP_SMALL, &c->pw_target) ||
        jx_strcount_create(CAP_SMALL, &c->cd_object) ||
        jx_strcount_create(CAP_MED, &c->day) ||
        jx_strcount_create(CAP_MED, &c->obj_prefix) ||
        jx_strcount_create(CAP_BIG, &c->object) ||
        jx_strcount_create(CAP_MED, &c->path_prefix) ||
        jx_strcount_create(CAP_MED, &c->remote) ||
        jx_strcount_create(CAP_SMALL, &c->type)) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    rc = jx_plan_scan(p, census_visit, c, err);
    if (rc == JX_E_NOMEM)
        jx_error(err, rc, NULL, -1, -1, "out of memory in the census");
out:
    if (rc) {
        jx_census_free(c);
        return rc;
    }
    *out = c;
    return JX_OK;
}

/* ---- brute-force answers -------------------------------------------- */

struct oracle_ctx {
    const struct jx_bq *q;
    const struct jx_filter *f;
    struct jx_bq_result r;
    struct jx_strcount *groups;
};

static int oracle_visit(const struct jx_entry *e, void *arg)
{
    struct oracle_ctx *o = arg;
    char key[JX_PATH_SZ];
    if (!jx_filter_match(o->f, e))
        return 0;
    switch (o->q->kind) {
    case JX_BQ_ROWS:
        jx_bq_rows_add(&o->r, e);
        return 0;
    case JX_BQ_COUNT:
        o->r.matches++;
        return 0;
    case JX_BQ_GROUP:
        jx_bq_group_key(e, o->q->group, key, sizeof(key));
        break;
    case JX_BQ_HIST_DAY:
        jx_bq_day_key(e->ts, key);
        break;
    }
    /* A group-by's groups are bounded by the values of one field; the
     * oracle must not drop any, so its map is effectively unbounded. */
    return jx_strcount_add(o->groups, key, 1) ? JX_E_NOMEM : 0;
}

int jx_oracle_run(const struct jx_plan *p, const struct jx_bq *q,
                  struct jx_bq_result *r, double *secs, struct jx_errctx *err)
{
    struct oracle_ctx o;
    struct jx_filter *f = NULL;
    int rc;
    double t0;

    memset(&o, 0, sizeof(o));
    memset(r, 0, sizeof(*r));
    *secs = 0;
    if ((rc = jx_bq_filter_build(q, &f, err)))
        return rc;
    if ((q->kind == JX_BQ_GROUP || q->kind == JX_BQ_HIST_DAY) &&
        jx_strcount_create(SIZE_MAX / 2, &o.groups)) {
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        goto out;
    }
    o.q = q;
    o.f = f;
    jx_bq_rows_init(&o.r);
    t0 = jx_now();
    rc = jx_plan_scan(p, oracle_visit, &o, err);
    *secs = jx_now() - t0;
    if (rc == JX_E_NOMEM)
        jx_error(err, rc, NULL, -1, -1, "out of memory in the brute-force scan");
    if (rc)
        goto out;
    if (o.groups)
        rc = jx_bq_groups_digest(o.groups, &o.r);
    if (!rc)
        *r = o.r;
out:
    jx_strcount_free(o.groups);
    jx_filter_free(f);
    return rc;
}
