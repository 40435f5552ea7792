/*
 * bench/bench.c - `jidx bench`: the whole benchmark in one run.
 *
 *   generate (or reuse) receivers -> read them once (warm page cache)
 *   -> for each thread count: ingest into a fresh index in a forked child
 *      (elapsed time, peak RSS of that child alone, index size)
 *   -> plan the receivers, census the values that occur, pick the suite
 *   -> for each question: brute-force scan (timed once) and the index
 *      (one warm-up, then --runs timed runs, median), answers compared
 *   -> markdown report with the targets, optional JSON.
 *
 * Workload: the default (`make bench`) is 5M entries (~6 GB of receivers)
 * on a 2-core machine in about 5 minutes; 100M entries must run in bounded
 * memory: the generator and ingest stream, the census and oracle keep
 * bounded maps, and nothing here holds entries. A wrong answer is never
 * reported as a speed: it prints MISMATCH and makes the run fail.
 */
#include "bench.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_int.h"
#include "chain.h"
#include "exec.h"
#include "fields.h"
#include "gen.h"
#include "index.h"
#include "ingest.h"

/* ---- targets (README "Benchmark figures"; the issue that set them) ---- */
#define TGT_INGEST_PER_CORE 2e6  /* entries/s per core */
#define TGT_SCALING_2T 1.8       /* 2 threads vs 1 */
#define TGT_BYTES_PER_ENTRY 64.0 /* index bytes per entry */
#define TGT_SPEEDUP 1000.0       /* selective query vs brute-force scan */
#define TGT_SELECTIVE_MS 10.0    /* selective query, warm median */
#define SELECTIVE_MATCHES 100    /* "selective": at most this many matches */

#define MAX_QUERIES 16

struct machine {
    char cpu[160];
    int cores;
    char compiler[96];
    char kernel[320];
    char date[32];
};

struct gen_res {
    bool generated;
    uint64_t entries, bytes, files;
    size_t reclen;
    double secs;
    int days, systems;
    int64_t start;
};

struct ing_res {
    int threads;
    bool made;              /* its index directory is ours to remove */
    int rc;                 /* JX_OK or the child's error */
    char msg[1200];
    double secs;            /* median of the runs */
    double secs_min, secs_max;
    uint64_t entries;       /* entries the index holds afterwards */
    uint64_t idx_bytes;     /* files in the index directory */
    long hwm_kb;            /* the child's VmHWM (peak resident set) */
    long base_kb;           /* the child's VmRSS when the ingest started */
    long anon_kb;           /* peak RssAnon sampled every 10 ms */
};

struct q_res {
    struct jx_bq q;
    struct jx_bq_result idx, scan;
    double med_ms, min_ms, scan_secs;
    bool match;
    char why[160];
};

struct bench {
    const struct jx_bench_opts *o;
    FILE *log;
    struct machine m;
    char workdir[1024];
    bool made_workdir;
    char rcvdir[1200];      /* generated receivers ("" if --input) */
    const char *input;
    struct gen_res gen;
    uint64_t raw_bytes, raw_files; /* the receiver files (as opened) */
    uint64_t warm_bytes;           /* everything read to warm the cache */
    double warm_secs;
    struct ing_res ing[JX_BENCH_MAX_THREADS];
    size_t ning;
    const char *qindex;     /* index the queries run against */
    uint64_t plan_entries;
    size_t nrcv, nsystems;
    double plan_secs, census_secs;
    long self_anon_kb;      /* this process's peak RssAnon (checkpoints) */
    struct q_res q[MAX_QUERIES];
    size_t nq;
    int mismatches;
};

static long status_kb(const char *file, const char *field);

/* The harness's own anonymous memory, sampled at checkpoints (after the
 * census, after each query): shows that it holds no entries. */
static void self_mem(struct bench *b)
{
    long a = status_kb("/proc/self/status", "RssAnon");
    if (a > b->self_anon_kb)
        b->self_anon_kb = a;
}

static void logf_(struct bench *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(struct bench *b, const char *fmt, ...)
{
    va_list ap;
    if (!b->log)
        return;
    va_start(ap, fmt);
    fprintf(b->log, "bench: ");
    vfprintf(b->log, fmt, ap);
    fprintf(b->log, "\n");
    fflush(b->log);
    va_end(ap);
}

/* ---- machine ----------------------------------------------------------- */

static void machine_info(struct machine *m)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    struct utsname u;
    time_t now = time(NULL);
    struct tm tm;

    snprintf(m->cpu, sizeof(m->cpu), "unknown CPU");
    while (f && fgets(line, sizeof(line), f)) {
        if (!strncmp(line, "model name", 10)) {
            const char *v = strchr(line, ':');
            if (v) {
                v++;
                while (*v == ' ' || *v == '\t')
                    v++;
                snprintf(m->cpu, sizeof(m->cpu), "%s", v);
                m->cpu[strcspn(m->cpu, "\n")] = '\0';
            }
            break;
        }
    }
    if (f)
        fclose(f);
    m->cores = jx_cpu_count();
#if defined(__clang__)
    snprintf(m->compiler, sizeof(m->compiler), "clang %s", __clang_version__);
#elif defined(__GNUC__)
    snprintf(m->compiler, sizeof(m->compiler), "gcc %s", __VERSION__);
#else
    snprintf(m->compiler, sizeof(m->compiler), "unknown compiler");
#endif
#if !defined(__OPTIMIZE__)
    strncat(m->compiler, " (not optimised)", sizeof(m->compiler) - strlen(m->compiler) - 1);
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    strncat(m->compiler, " (sanitizer build)", sizeof(m->compiler) - strlen(m->compiler) - 1);
#endif
    if (uname(&u) == 0)
        snprintf(m->kernel, sizeof(m->kernel), "%s %s", u.sysname, u.release);
    else
        snprintf(m->kernel, sizeof(m->kernel), "unknown");
    localtime_r(&now, &tm);
    strftime(m->date, sizeof(m->date), "%Y-%m-%d", &tm);
}

/* ---- files ------------------------------------------------------------- */

/* nftw() callbacks take no context argument: these accumulators are used
 * by the main thread only, one walk at a time. */
static uint64_t tree_bytes_acc;
static uint64_t tree_files_acc;

static int tree_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (type == FTW_F && S_ISREG(st->st_mode)) {
        tree_bytes_acc += (uint64_t)st->st_size;
        tree_files_acc++;
    }
    return 0;
}

/* Bytes of the regular files under `dir` (single-threaded use only). */
static uint64_t tree_bytes(const char *dir, uint64_t *files)
{
    tree_bytes_acc = tree_files_acc = 0;
    nftw(dir, tree_visit, 16, FTW_PHYS);
    if (files)
        *files = tree_files_acc;
    return tree_bytes_acc;
}

static int rm_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    remove(path);
    return 0;
}

static void rm_tree(const char *dir)
{
    nftw(dir, rm_visit, 16, FTW_DEPTH | FTW_PHYS);
}

static uint64_t warm_acc;

static int warm_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    static char buf[1 << 20];
    (void)ftw;
    if (type != FTW_F || !S_ISREG(st->st_mode))
        return 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        warm_acc += (uint64_t)n;
    close(fd);
    return 0;
}

/* Read every input file once so the page cache holds them: ingest and
 * scan are then timed on warm data (the case a 2nd run of either sees). */
static uint64_t warm_cache(const char *dir)
{
    warm_acc = 0;
    nftw(dir, warm_visit, 16, FTW_PHYS);
    return warm_acc;
}

/* ---- /proc ------------------------------------------------------------- */

static long status_kb(const char *file, const char *field)
{
    FILE *f = fopen(file, "r");
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof(line), f))
        if (!strncmp(line, field, n) && line[n] == ':') {
            v = strtol(line + n + 1, NULL, 10);
            break;
        }
    if (f)
        fclose(f);
    return v;
}

/* ---- generation -------------------------------------------------------- */

static int do_generate(struct bench *b, struct jx_errctx *err)
{
    struct jx_gen_opts g;
    struct jx_gen_stats st;
    int rc;

    jx_gen_opts_init(&g);
    g.outdir = b->rcvdir;
    g.entries = b->o->entries;
    g.systems = 2;           /* at least two systems: several chains */
    g.threads = b->m.cores;
    g.plants = JX_PLANT_ALL; /* QSECOFR PW burst, CHGUSRPRF grant, ... */
    memset(&st, 0, sizeof(st));
    logf_(b, "generating %llu entries (%d systems, %d days) into %s",
          (unsigned long long)g.entries, g.systems, g.days, b->rcvdir);
    if ((rc = jx_gen_run(&g, &st, err)))
        return rc;
    b->gen.generated = true;
    b->gen.entries = st.entries;
    b->gen.bytes = st.bytes;
    b->gen.files = st.files;
    b->gen.reclen = st.reclen;
    b->gen.secs = st.seconds;
    b->gen.days = g.days;
    b->gen.systems = g.systems;
    b->gen.start = g.start;
    logf_(b, "generated %llu entries, %llu files, %.1f MB in %.1f s",
          (unsigned long long)st.entries, (unsigned long long)st.files,
          (double)st.bytes / 1e6, st.seconds);
    return JX_OK;
}

/* ---- ingest in a child process ------------------------------------------ */

struct ing_msg {
    int rc;
    double secs;
    long hwm_kb, base_kb;
    char msg[1200];
};

/* The child: ingest, report through the pipe, exit. Its peak resident set
 * is its own (the parent holds nothing big at this point). */
__attribute__((noreturn)) static void ingest_child(const char *input, const char *idxdir, int threads, int wfd)
{
    struct ing_msg m;
    struct jx_errctx err;
    struct jx_ingest_opts io;
    struct jx_ingest_stats st;
    char *inputs[1];

    memset(&m, 0, sizeof(m));
    memset(&io, 0, sizeof(io));
    memset(&st, 0, sizeof(st));
    jx_errctx_clear(&err);
    inputs[0] = (char *)input;
    io.threads = threads;
    io.ro.shape = JX_ESD_AUTO;
    io.ro.ccsid = 37;
    m.base_kb = status_kb("/proc/self/status", "VmRSS");
    double t0 = jx_now();
    m.rc = jx_ingest(idxdir, inputs, 1, &io, &st, &err);
    m.secs = jx_now() - t0;
    m.hwm_kb = status_kb("/proc/self/status", "VmHWM");
    if (m.rc)
        jx_errctx_format(&err, m.msg, sizeof(m.msg));
    if (write(wfd, &m, sizeof(m)) != (ssize_t)sizeof(m))
        _exit(3);
    _exit(0);
}

static int do_ingest(struct bench *b, int threads, const char *idxdir, struct ing_res *r,
                     struct jx_errctx *err)
{
    int pfd[2];
    pid_t pid;
    struct ing_msg m;
    size_t got = 0;
    char procf[64];
    int status = 0;

    bool made = r->made;
    memset(r, 0, sizeof(*r));
    r->threads = threads;
    r->made = made;
    if (pipe(pfd))
        return jx_error(err, JX_E_IO, NULL, -1, -1, "cannot create a pipe: %s", strerror(errno));
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        close(pfd[0]);
        close(pfd[1]);
        return jx_error(err, JX_E_IO, NULL, -1, -1, "cannot fork: %s", strerror(errno));
    }
    if (pid == 0) {
        close(pfd[0]);
        ingest_child(b->input, idxdir, threads, pfd[1]);
    }
    close(pfd[1]);
    snprintf(procf, sizeof(procf), "/proc/%d/status", (int)pid);
    memset(&m, 0, sizeof(m));
    /* Sample the child's anonymous memory while waiting for its report:
     * VmHWM counts mapped receiver pages too; RssAnon is what the pipeline
     * itself allocated. */
    for (;;) {
        struct pollfd p = {pfd[0], POLLIN, 0};
        long a = status_kb(procf, "RssAnon");
        if (a > r->anon_kb)
            r->anon_kb = a;
        int pr = poll(&p, 1, 10);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0)
            continue;
        ssize_t n = read(pfd[0], (char *)&m + got, sizeof(m) - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
        if (got == sizeof(m))
            break;
    }
    close(pfd[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (got != sizeof(m) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        r->rc = JX_E_INTERNAL;
        snprintf(r->msg, sizeof(r->msg), "ingest child died (%s %d)",
                 WIFSIGNALED(status) ? "signal" : "status",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        return JX_OK;
    }
    r->rc = m.rc;
    r->secs = m.secs;
    r->hwm_kb = m.hwm_kb;
    r->base_kb = m.base_kb;
    snprintf(r->msg, sizeof(r->msg), "%s", m.msg);
    if (r->rc)
        return JX_OK;
    struct jx_index *ix = NULL;
    struct jx_errctx e2;
    if (jx_index_open(idxdir, &ix, &e2) == JX_OK) {
        r->entries = jx_index_entries(ix);
        jx_index_close(ix);
    } else {
        r->rc = e2.code;
        jx_errctx_format(&e2, r->msg, sizeof(r->msg));
    }
    r->idx_bytes = tree_bytes(idxdir, NULL);
    return JX_OK;
}

/* ---- index side of a query ---------------------------------------------- */

/* The test hook JX_BENCH_CORRUPT=<query id>: make that answer wrong the
 * way a buggy engine would (rows out of order, a count or a group off by
 * one), to prove that the comparison catches it. */
static bool corrupt_this(const struct jx_bq *q)
{
    const char *ids = getenv("JX_BENCH_CORRUPT"); /* "id[,id...]" */
    size_t n = strlen(q->id);
    for (const char *p = ids; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
        if (!strncmp(p, q->id, n) && (p[n] == ',' || p[n] == '\0'))
            return true;
    return false;
}

struct rows_ctx {
    struct jx_bq_result r;
    bool corrupt;           /* test hook: swap rows 1 and 2 (or lose row 1) */
    uint64_t seen;
    struct jx_entry held;
};

static int rows_visit(const struct jx_entry *e, void *arg)
{
    struct rows_ctx *c = arg;
    if (c->corrupt && c->seen++ < 2) {
        /* Same rows, same count, wrong order: only the hash tells. */
        if (c->seen == 1) {
            c->held = *e;
            c->held.esd = NULL;
            return 0;
        }
        jx_bq_rows_add(&c->r, e);
        jx_bq_rows_add(&c->r, &c->held);
        return 0;
    }
    jx_bq_rows_add(&c->r, e);
    return 0;
}

int jx_bench_index_query(const char *dir, const struct jx_bq *q, struct jx_bq_result *r,
                         struct jx_errctx *err)
{
    struct jx_index *ix = NULL;
    struct jx_filter *f = NULL;
    struct jx_groups *g = NULL;
    struct jx_histogram *h = NULL;
    struct jx_strcount *m = NULL;
    struct jx_query_opts qo;
    int rc;

    memset(r, 0, sizeof(*r));
    memset(&qo, 0, sizeof(qo));
    /* The fields `jidx query` prints by default: what a user waits for. */
    qo.mask = jx_fields_mask(jx_default_fields, jx_default_nfields) | JX_FM_SEQ;
    if ((rc = jx_bq_filter_build(q, &f, err)))
        return rc;
    if ((rc = jx_index_open(dir, &ix, err)))
        goto out;
    switch (q->kind) {
    case JX_BQ_ROWS: {
        struct rows_ctx *c = jx_calloc(1, sizeof(*c));
        if (!c) {
            rc = JX_E_NOMEM;
            break;
        }
        jx_bq_rows_init(&c->r);
        c->corrupt = corrupt_this(q);
        rc = jx_query_entries(ix, f, &qo, rows_visit, c, NULL, err);
        if (!rc)
            *r = c->r;
        jx_free(c);
        break;
    }
    case JX_BQ_COUNT:
        rc = jx_query_count(ix, f, &qo, &r->matches, NULL, err);
        if (!rc && corrupt_this(q))
            r->matches++;
        break;
    case JX_BQ_GROUP: {
        int fld = jx_field_parse(q->group);
        enum jx_field fl = (enum jx_field)fld;
        if (fld < 0) {
            rc = jx_error(err, JX_E_INTERNAL, NULL, -1, -1, "unknown group field '%s'", q->group);
            break;
        }
        if ((rc = jx_query_group(ix, f, &qo, &fl, 1, 0, &g, NULL, err)))
            break;
        if ((rc = jx_strcount_create(SIZE_MAX / 2, &m)))
            break;
        for (size_t i = 0; i < g->n && !rc; i++) {
            /* The engine promises count descending, then key ascending:
             * an order violation is a wrong answer too. */
            if (i && (g->g[i].count > g->g[i - 1].count ||
                      (g->g[i].count == g->g[i - 1].count &&
                       strcmp(g->g[i].key[0], g->g[i - 1].key[0]) <= 0))) {
                rc = jx_error(err, JX_E_CORRUPT, NULL, -1, -1, "group %zu out of order", i);
                break;
            }
            rc = jx_strcount_add(m, g->g[i].key[0], g->g[i].count + (!i && corrupt_this(q)));
        }
        if (!rc)
            rc = jx_bq_groups_digest(m, r);
        if (!rc && !corrupt_this(q) && (r->matches != g->total || g->n != g->ndistinct))
            rc = jx_error(err, JX_E_CORRUPT, NULL, -1, -1,
                          "group total %llu / %zu groups disagree with the groups",
                          (unsigned long long)g->total, g->ndistinct);
        break;
    }
    case JX_BQ_HIST_DAY:
        if ((rc = jx_query_histogram(ix, f, &qo, JX_HIST_DAY, &h, NULL, err)))
            break;
        if ((rc = jx_strcount_create(SIZE_MAX / 2, &m)))
            break;
        for (size_t i = 0; i < h->n && !rc; i++) {
            char key[16];
            if (i && h->b[i].start <= h->b[i - 1].start) {
                rc = jx_error(err, JX_E_CORRUPT, NULL, -1, -1, "bucket %zu out of order", i);
                break;
            }
            jx_bq_day_key(h->b[i].start, key);
            rc = jx_strcount_add(m, key, h->b[i].count + (!i && corrupt_this(q)));
        }
        if (!rc)
            rc = jx_bq_groups_digest(m, r);
        if (!rc && !corrupt_this(q) && (r->groups != h->n || r->matches != h->total))
            rc = jx_error(err, JX_E_CORRUPT, NULL, -1, -1,
                          "histogram buckets are not distinct days or the total disagrees");
        break;
    }
    if (rc == JX_E_NOMEM)
        jx_error(err, rc, NULL, -1, -1, "out of memory");
out:
    jx_strcount_free(m);
    jx_groups_free(g);
    jx_histogram_free(h);
    jx_index_close(ix);
    jx_filter_free(f);
    return rc;
}

static int dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int run_query(struct bench *b, const struct jx_plan *plan, struct q_res *qr,
                     struct jx_errctx *err)
{
    double t[64];
    int runs = b->o->runs > 0 ? b->o->runs : JX_BENCH_DEFAULT_RUNS;
    struct jx_bq_result r;
    int rc;

    if (runs > (int)JX_ARRAY_SIZE(t))
        runs = (int)JX_ARRAY_SIZE(t);
    if ((rc = jx_oracle_run(plan, &qr->q, &qr->scan, &qr->scan_secs, err)))
        return rc;
    /* Warm-up: the first run after ingest may fault pages of the index
     * into memory; the figures are warm. Its answer is the one checked. */
    if ((rc = jx_bench_index_query(b->qindex, &qr->q, &qr->idx, err)))
        return rc;
    for (int i = 0; i < runs; i++) {
        double t0 = jx_now();
        if ((rc = jx_bench_index_query(b->qindex, &qr->q, &r, err)))
            return rc;
        t[i] = (jx_now() - t0) * 1e3;
        if (!jx_bq_result_equal(&r, &qr->idx)) {
            snprintf(qr->why, sizeof(qr->why), "run %d gave a different answer", i + 2);
            qr->match = false;
        }
    }
    qsort(t, (size_t)runs, sizeof(double), dcmp);
    qr->med_ms = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    qr->min_ms = t[0];
    if (!qr->why[0]) {
        qr->match = jx_bq_result_equal(&qr->idx, &qr->scan);
        if (!qr->match)
            snprintf(qr->why, sizeof(qr->why),
                     "index %llu matches/%llu groups/hash %016llx, scan %llu/%llu/%016llx",
                     (unsigned long long)qr->idx.matches, (unsigned long long)qr->idx.groups,
                     (unsigned long long)qr->idx.hash, (unsigned long long)qr->scan.matches,
                     (unsigned long long)qr->scan.groups, (unsigned long long)qr->scan.hash);
    }
    return JX_OK;
}

/* ---- targets -------------------------------------------------------------- */

struct target {
    char name[96];
    char measured[96];
    int met;                /* 1 yes, 0 no, -1 not measured */
};

static double ing_rate(const struct ing_res *r)
{
    return r->secs > 0 ? (double)r->entries / r->secs : 0;
}

static const struct ing_res *ing_with(const struct bench *b, int threads)
{
    for (size_t i = 0; i < b->ning; i++)
        if (b->ing[i].threads == threads && !b->ing[i].rc)
            return &b->ing[i];
    return NULL;
}

static bool q_selective(const struct q_res *q)
{
    return (q->q.kind == JX_BQ_ROWS || q->q.kind == JX_BQ_COUNT) &&
           q->scan.matches <= SELECTIVE_MATCHES && !q->q.scan_bound;
}

static double q_speedup(const struct q_res *q)
{
    return q->med_ms > 0 ? q->scan_secs * 1e3 / q->med_ms : 0;
}

static size_t make_targets(const struct bench *b, struct target *t)
{
    size_t n = 0;
    const struct ing_res *one = ing_with(b, 1), *two = ing_with(b, 2);

    snprintf(t[n].name, sizeof(t[n].name), "ingest >= 2M entries/s per core (1 thread)");
    if (one) {
        snprintf(t[n].measured, sizeof(t[n].measured), "%.2fM", ing_rate(one) / 1e6);
        t[n].met = ing_rate(one) >= TGT_INGEST_PER_CORE;
    } else {
        snprintf(t[n].measured, sizeof(t[n].measured), "not measured");
        t[n].met = -1;
    }
    n++;
    snprintf(t[n].name, sizeof(t[n].name), "ingest scaling >= 1.8x on 2 threads");
    if (one && two && ing_rate(one) > 0) {
        double s = ing_rate(two) / ing_rate(one);
        snprintf(t[n].measured, sizeof(t[n].measured), "%.2fx", s);
        t[n].met = s >= TGT_SCALING_2T;
    } else {
        snprintf(t[n].measured, sizeof(t[n].measured), "not measured");
        t[n].met = -1;
    }
    n++;
    snprintf(t[n].name, sizeof(t[n].name), "index <= 64 bytes per entry");
    const struct ing_res *last = NULL;
    for (size_t i = 0; i < b->ning; i++)
        if (!b->ing[i].rc)
            last = &b->ing[i];
    if (last && last->entries) {
        double bpe = (double)last->idx_bytes / (double)last->entries;
        snprintf(t[n].measured, sizeof(t[n].measured), "%.1f", bpe);
        t[n].met = bpe <= TGT_BYTES_PER_ENTRY;
    } else {
        snprintf(t[n].measured, sizeof(t[n].measured), "not measured");
        t[n].met = -1;
    }
    n++;

    size_t nsel = 0, fast = 0, quick = 0;
    double worst_su = 0, worst_ms = 0;
    const char *worst_su_id = "", *worst_ms_id = "";
    for (size_t i = 0; i < b->nq; i++) {
        const struct q_res *q = &b->q[i];
        if (!q_selective(q))
            continue;
        double su = q_speedup(q);
        if (!nsel || su < worst_su) {
            worst_su = su;
            worst_su_id = q->q.id;
        }
        if (!nsel || q->med_ms > worst_ms) {
            worst_ms = q->med_ms;
            worst_ms_id = q->q.id;
        }
        nsel++;
        fast += su >= TGT_SPEEDUP;
        quick += q->med_ms < TGT_SELECTIVE_MS;
    }
    snprintf(t[n].name, sizeof(t[n].name),
             "selective indexed queries (<= 100 matches) >= 1000x faster than the scan");
    if (nsel) {
        snprintf(t[n].measured, sizeof(t[n].measured), "%zu of %zu; slowest %.0fx (%s)", fast,
                 nsel, worst_su, worst_su_id);
        t[n].met = fast == nsel;
    } else {
        snprintf(t[n].measured, sizeof(t[n].measured), "no selective query");
        t[n].met = -1;
    }
    n++;
    snprintf(t[n].name, sizeof(t[n].name), "selective indexed queries < 10 ms warm (median)");
    if (nsel) {
        snprintf(t[n].measured, sizeof(t[n].measured), "%zu of %zu; slowest %.2f ms (%s)", quick,
                 nsel, worst_ms, worst_ms_id);
        t[n].met = quick == nsel;
    } else {
        snprintf(t[n].measured, sizeof(t[n].measured), "no selective query");
        t[n].met = -1;
    }
    n++;
    size_t same = 0;
    for (size_t i = 0; i < b->nq; i++)
        same += b->q[i].match;
    snprintf(t[n].name, sizeof(t[n].name), "every answer equals the brute-force scan");
    snprintf(t[n].measured, sizeof(t[n].measured), "%zu of %zu", same, b->nq);
    t[n].met = same == b->nq && b->mismatches == 0;
    n++;
    return n;
}

static const char *met_text(int met)
{
    return met > 0 ? "yes" : met == 0 ? "**no**" : "n/a";
}

/* ---- markdown ----------------------------------------------------------- */

static const char *kind_name(enum jx_bq_kind k)
{
    switch (k) {
    case JX_BQ_ROWS: return "rows";
    case JX_BQ_COUNT: return "count";
    case JX_BQ_GROUP: return "group-by";
    case JX_BQ_HIST_DAY: return "histogram";
    }
    return "?";
}

/* "|" would break a markdown table cell. */
static void md_cell(FILE *f, const char *s)
{
    for (; *s; s++)
        if (*s == '|')
            fputs("\\|", f);
        else
            fputc(*s, f);
}

static void report_md(const struct bench *b, FILE *f)
{
    struct target t[8];
    size_t nt = make_targets(b, t);
    char d0[27] = "";
    const struct ing_res *one = ing_with(b, 1);

    const bool big = b->raw_bytes >= 1000000000u;

    fprintf(f, "## jidx benchmark, %s\n\n", b->m.date);
    fprintf(f, "- Machine: %s, %d cores online; %s; %s\n", b->m.cpu, b->m.cores, b->m.compiler,
            b->m.kernel);
    if (b->gen.generated) {
        jx_ts_format_iso(b->gen.start, d0);
        d0[10] = '\0';
        fprintf(f,
                "- Dataset: %llu entries generated (`jidx gen` default profile mimix-objaud, "
                "planted patterns on), %zu systems, %zu receivers, %d days from %s, "
                "%.2f %s of *TYPE5 records (%zu bytes each)\n",
                (unsigned long long)b->plan_entries, b->nsystems, b->nrcv, b->gen.days, d0,
                (double)b->raw_bytes / (big ? 1e9 : 1e6), big ? "GB" : "MB", b->gen.reclen);
    } else {
        fprintf(f, "- Dataset: %llu entries from `%s`, %zu systems, %zu receivers, %.2f %s\n",
                (unsigned long long)b->plan_entries, b->input, b->nsystems, b->nrcv,
                (double)b->raw_bytes / (big ? 1e9 : 1e6), big ? "GB" : "MB");
    }
    fprintf(f,
            "- Method: page cache warm (inputs read once first, %.1f GB/s); each ingest in a "
            "fresh index, in its own process, median of %d runs alternating between the "
            "thread counts; queries: median of %d warm runs (open index, "
            "query, close) against one brute-force scan of the receivers (bench/README.md)\n\n",
            b->warm_secs > 0 ? (double)b->warm_bytes / b->warm_secs / 1e9 : 0.0,
            JX_BENCH_INGEST_RUNS, b->o->runs > 0 ? b->o->runs : JX_BENCH_DEFAULT_RUNS);

    if (b->gen.generated) {
        fprintf(f, "### Generation\n\n");
        fprintf(f, "| entries | files | MB | seconds | entries/s | MB/s |\n");
        fprintf(f, "|---:|---:|---:|---:|---:|---:|\n");
        fprintf(f, "| %llu | %llu | %.0f | %.2f | %.2fM | %.0f |\n\n",
                (unsigned long long)b->gen.entries, (unsigned long long)b->gen.files,
                (double)b->gen.bytes / 1e6, b->gen.secs,
                b->gen.secs > 0 ? (double)b->gen.entries / b->gen.secs / 1e6 : 0.0,
                b->gen.secs > 0 ? (double)b->gen.bytes / b->gen.secs / 1e6 : 0.0);
    }

    fprintf(f, "### Ingest\n\n");
    fprintf(f, "| threads | seconds (median) | runs s | entries/s | per core (target 2M) | MB/s | "
               "scaling vs 1 (target 1.8x at 2) | peak RSS MB | peak anon MB | index MB | "
               "bytes/entry (target 64) | index/raw |\n");
    fprintf(f, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (size_t i = 0; i < b->ning; i++) {
        const struct ing_res *r = &b->ing[i];
        double rate = ing_rate(r);
        if (r->rc) {
            fprintf(f, "| %d | FAILED: ", r->threads);
            md_cell(f, r->msg);
            fprintf(f, " ||||||||||\n");
            continue;
        }
        fprintf(f, "| %d | %.2f | %.2f-%.2f | %.2fM | %.2fM %s | %.0f | ", r->threads, r->secs,
                r->secs_min, r->secs_max, rate / 1e6,
                rate / r->threads / 1e6, rate / r->threads >= TGT_INGEST_PER_CORE ? "met" : "not met",
                r->secs > 0 ? (double)b->raw_bytes / r->secs / 1e6 : 0.0);
        if (one && ing_rate(one) > 0)
            fprintf(f, "%.2fx%s", rate / ing_rate(one),
                    r->threads == 2 ? (rate / ing_rate(one) >= TGT_SCALING_2T ? " met" : " not met")
                                    : "");
        else
            fprintf(f, "-");
        double bpe = r->entries ? (double)r->idx_bytes / (double)r->entries : 0;
        fprintf(f, " | %.0f | %.0f | %.1f | %.1f %s | %.3f |\n", (double)r->hwm_kb / 1024,
                (double)r->anon_kb / 1024, (double)r->idx_bytes / 1e6, bpe,
                bpe <= TGT_BYTES_PER_ENTRY ? "met" : "not met",
                b->raw_bytes ? (double)r->idx_bytes / (double)b->raw_bytes : 0.0);
    }
    fprintf(f, "\n");

    fprintf(f, "### Queries\n\n");
    fprintf(f, "Brute-force scan: every entry decoded from the receivers "
               "(`jx_plan_scan` + `jx_filter_match`), one thread, timed once. "
               "Selective (<= 100 matches, answered by indexed filters) targets: >= 1000x the scan and < 10 ms. A full-text search reads every ESD (no text index) and is reported without a target.\n\n");
    fprintf(f, "| query | question | kind | matches | index median ms | index min ms | "
               "scan ms | speed-up | target | answer |\n");
    fprintf(f, "|---|---|---|---:|---:|---:|---:|---:|---|---|\n");
    for (size_t i = 0; i < b->nq; i++) {
        const struct q_res *q = &b->q[i];
        fprintf(f, "| %s | ", q->q.id);
        md_cell(f, q->q.question);
        fprintf(f, " | %s | %llu", kind_name(q->q.kind), (unsigned long long)q->scan.matches);
        if (q->q.kind == JX_BQ_GROUP || q->q.kind == JX_BQ_HIST_DAY)
            fprintf(f, " in %llu groups", (unsigned long long)q->scan.groups);
        fprintf(f, " | %.2f | %.2f | %.1f | %.*fx | ", q->med_ms, q->min_ms, q->scan_secs * 1e3,
                q_speedup(q) < 10 ? 1 : 0, q_speedup(q));
        if (q_selective(q))
            fprintf(f, "%s", q_speedup(q) >= TGT_SPEEDUP && q->med_ms < TGT_SELECTIVE_MS
                                 ? "met"
                                 : "**not met**");
        else
            fprintf(f, "%s", q->q.scan_bound ? "scan-bound (no text index)" : "-");
        fprintf(f, " | %s |\n", q->match ? "same as scan" : "**MISMATCH**");
    }
    fprintf(f, "\n");

    fprintf(f, "### Targets\n\n| target | measured | met |\n|---|---|---|\n");
    for (size_t i = 0; i < nt; i++)
        fprintf(f, "| %s | %s | %s |\n", t[i].name, t[i].measured, met_text(t[i].met));
    fprintf(f, "\n");
    fprintf(f, "Not in the figures: planning the receivers %.2f s, census %.2f s; "
               "the harness's own peak anonymous memory %.0f MB.\n",
            b->plan_secs, b->census_secs, (double)b->self_anon_kb / 1024);
}

/* ---- JSON --------------------------------------------------------------- */

static void jstr(FILE *f, const char *k, const char *v, bool comma)
{
    fprintf(f, "\"%s\": ", k);
    jx_json_write_string(f, v);
    if (comma)
        fputs(", ", f);
}

static int report_json(const struct bench *b, const char *path, struct jx_errctx *err)
{
    FILE *f = fopen(path, "w");
    struct target t[8];
    size_t nt = make_targets(b, t);
    const struct ing_res *one = ing_with(b, 1);

    if (!f)
        return jx_error(err, JX_E_IO, path, -1, -1, "cannot create: %s", strerror(errno));
    fprintf(f, "{");
    jstr(f, "date", b->m.date, true);
    fprintf(f, "\"machine\": {");
    jstr(f, "cpu", b->m.cpu, true);
    fprintf(f, "\"cores\": %d, ", b->m.cores);
    jstr(f, "compiler", b->m.compiler, true);
    jstr(f, "kernel", b->m.kernel, false);
    fprintf(f, "},\n \"dataset\": {\"entries\": %llu, \"systems\": %zu, \"receivers\": %zu, "
               "\"bytes\": %llu, \"files\": %llu, \"generated\": %s, \"days\": %d, "
               "\"reclen\": %zu},\n",
            (unsigned long long)b->plan_entries, b->nsystems, b->nrcv,
            (unsigned long long)b->raw_bytes, (unsigned long long)b->raw_files,
            b->gen.generated ? "true" : "false", b->gen.days, b->gen.reclen);
    if (b->gen.generated)
        fprintf(f, " \"generation\": {\"entries\": %llu, \"bytes\": %llu, \"seconds\": %.4f, "
                   "\"entries_per_s\": %.0f, \"mb_per_s\": %.1f},\n",
                (unsigned long long)b->gen.entries, (unsigned long long)b->gen.bytes, b->gen.secs,
                b->gen.secs > 0 ? (double)b->gen.entries / b->gen.secs : 0.0,
                b->gen.secs > 0 ? (double)b->gen.bytes / b->gen.secs / 1e6 : 0.0);
    fprintf(f, " \"warm_read\": {\"bytes\": %llu, \"seconds\": %.4f},\n",
            (unsigned long long)b->warm_bytes, b->warm_secs);
    fprintf(f, " \"setup\": {\"plan_s\": %.4f, \"census_s\": %.4f, \"harness_anon_kb\": %ld},\n",
            b->plan_secs, b->census_secs, b->self_anon_kb);
    fprintf(f, " \"ingest\": [");
    for (size_t i = 0; i < b->ning; i++) {
        const struct ing_res *r = &b->ing[i];
        double rate = ing_rate(r);
        fprintf(f, "%s\n  {\"threads\": %d, \"ok\": %s, ", i ? "," : "", r->threads,
                r->rc ? "false" : "true");
        jstr(f, "error", r->msg, true);
        fprintf(f, "\"seconds\": %.4f, \"entries\": %llu, \"entries_per_s\": %.0f, "
                   "\"entries_per_s_per_core\": %.0f, \"mb_per_s\": %.1f, \"scaling_vs_1\": %.3f, "
                   "\"peak_rss_kb\": %ld, \"start_rss_kb\": %ld, \"peak_anon_kb\": %ld, "
                   "\"index_bytes\": %llu, \"bytes_per_entry\": %.2f, \"index_to_raw\": %.4f}",
                r->secs, (unsigned long long)r->entries, rate, rate / r->threads,
                r->secs > 0 ? (double)b->raw_bytes / r->secs / 1e6 : 0.0,
                one && ing_rate(one) > 0 ? rate / ing_rate(one) : 0.0, r->hwm_kb, r->base_kb,
                r->anon_kb, (unsigned long long)r->idx_bytes,
                r->entries ? (double)r->idx_bytes / (double)r->entries : 0.0,
                b->raw_bytes ? (double)r->idx_bytes / (double)b->raw_bytes : 0.0);
    }
    fprintf(f, "],\n \"queries\": [");
    for (size_t i = 0; i < b->nq; i++) {
        const struct q_res *q = &b->q[i];
        fprintf(f, "%s\n  {", i ? "," : "");
        jstr(f, "id", q->q.id, true);
        jstr(f, "question", q->q.question, true);
        jstr(f, "args", q->q.args, true);
        jstr(f, "kind", kind_name(q->q.kind), true);
        fprintf(f, "\"matches\": %llu, \"groups\": %llu, \"index_median_ms\": %.4f, "
                   "\"index_min_ms\": %.4f, \"scan_s\": %.4f, \"speedup\": %.1f, "
                   "\"selective\": %s, \"same_as_scan\": %s}",
                (unsigned long long)q->scan.matches, (unsigned long long)q->scan.groups,
                q->med_ms, q->min_ms, q->scan_secs, q_speedup(q),
                q_selective(q) ? "true" : "false", q->match ? "true" : "false");
    }
    fprintf(f, "],\n \"targets\": [");
    for (size_t i = 0; i < nt; i++) {
        fprintf(f, "%s\n  {", i ? "," : "");
        jstr(f, "target", t[i].name, true);
        jstr(f, "measured", t[i].measured, true);
        fprintf(f, "\"met\": %s}", t[i].met > 0 ? "true" : t[i].met == 0 ? "false" : "null");
    }
    fprintf(f, "],\n \"mismatches\": %d, \"ok\": %s}\n", b->mismatches,
            b->mismatches ? "false" : "true");
    if (fclose(f))
        return jx_error(err, JX_E_IO, path, -1, -1, "cannot write: %s", strerror(errno));
    return JX_OK;
}

/* ---- the run ------------------------------------------------------------ */

/* Create a directory that must not exist yet: the benchmark only ever
 * removes what it created, never a user's files of the same name. */
static int make_new_dir(const char *d, struct jx_errctx *err)
{
    if (mkdir(d, 0700) == 0)
        return JX_OK;
    if (errno == EEXIST)
        return jx_error(err, JX_E_USAGE, d, -1, -1,
                        "already exists (left by an earlier --keep run?): remove it, or "
                        "reuse receivers with --input");
    return jx_error(err, JX_E_IO, d, -1, -1, "cannot create directory: %s", strerror(errno));
}

static void idx_dir(const struct bench *b, size_t i, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/idx-%zu-t%d", b->workdir, i + 1, b->ing[i].threads);
}

int jx_bench_run(const struct jx_bench_opts *o, struct jx_errctx *err)
{
    struct bench *b = jx_calloc(1, sizeof(*b));
    struct jx_rcvfile **files = NULL;
    size_t nfiles = 0;
    struct jx_plan *plan = NULL;
    struct jx_census *census = NULL;
    struct jx_rcvopts ro = {0, JX_ESD_AUTO, 37, NULL};
    struct jx_plan_opts po = {.skip_bad = false, .threads = 0, .report = NULL};
    FILE *out = o->out ? o->out : stdout;
    char buf[1200];
    int rc = JX_OK;
    double t0;

    if (!b)
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    b->o = o;
    b->log = o->log;
    machine_info(&b->m);

    /* Work directory: the one given (created if missing), or a new one. */
    if (o->dir) {
        snprintf(b->workdir, sizeof(b->workdir), "%s", o->dir);
        if (mkdir(b->workdir, 0700) == 0)
            b->made_workdir = true;
        else if (errno != EEXIST) {
            rc = jx_error(err, JX_E_IO, b->workdir, -1, -1, "cannot create directory: %s",
                          strerror(errno));
            goto out;
        }
    } else {
        const char *tmp = getenv("TMPDIR");
        snprintf(b->workdir, sizeof(b->workdir), "%s/jidx-bench.XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(b->workdir)) {
            rc = jx_error(err, JX_E_IO, b->workdir, -1, -1, "cannot create directory: %s",
                          strerror(errno));
            goto out;
        }
        b->made_workdir = true;
    }
    logf_(b, "work directory %s", b->workdir);

    /* 1. Receivers. */
    if (o->input) {
        b->input = o->input;
    } else {
        snprintf(buf, sizeof(buf), "%s/rcv", b->workdir);
        if ((rc = make_new_dir(buf, err)))
            goto out;
        snprintf(b->rcvdir, sizeof(b->rcvdir), "%s", buf);
        b->input = b->rcvdir;
        if ((rc = do_generate(b, err)))
            goto out;
    }
    /* The generator leaves gigabytes of dirty pages: written back by kernel
     * threads during the timed ingests, they would take CPU from the runs
     * that use every core (and disk bandwidth from their commits). */
    t0 = jx_now();
    sync();
    logf_(b, "sync: %.1f s", jx_now() - t0);
    t0 = jx_now();
    b->warm_bytes = warm_cache(b->input);
    b->warm_secs = jx_now() - t0;
    logf_(b, "read %.1f MB once to warm the page cache (%.1f s)", (double)b->warm_bytes / 1e6,
          b->warm_secs);

    /* 2. Ingest, one fresh index per thread count, before this process
     * maps anything (so a child inherits little). */
    b->ning = o->nthreads;
    if (!b->ning) {
        b->ing[0].threads = 1;
        b->ning = 1;
        if (b->m.cores > 1)
            b->ing[b->ning++].threads = b->m.cores;
    } else {
        for (size_t i = 0; i < b->ning; i++)
            b->ing[i].threads = o->threads[i];
    }
    /* JX_BENCH_INGEST_RUNS rounds over the thread counts (1, 2, 1, 2, ...:
     * a slow phase of the machine hits both), each run a fresh index; the
     * median time is reported, peak memory is the largest of the runs */
    double isecs[JX_ARRAY_SIZE(b->ing)][JX_BENCH_INGEST_RUNS];
    for (int run = 0; run < JX_BENCH_INGEST_RUNS; run++)
        for (size_t i = 0; i < b->ning; i++) {
            const int th = b->ing[i].threads;
            idx_dir(b, i, buf, sizeof(buf));
            if (run)
                rm_tree(buf);
            if ((rc = make_new_dir(buf, err))) /* a fresh, empty index */
                goto out;
            b->ing[i].made = true;
            struct ing_res r = b->ing[i];
            logf_(b, "ingest with %d thread%s into %s (run %d of %d)", th, th > 1 ? "s" : "",
                  buf, run + 1, JX_BENCH_INGEST_RUNS);
            if ((rc = do_ingest(b, th, buf, &r, err)))
                goto out;
            if (r.rc) {
                rc = jx_error(err, r.rc, NULL, -1, -1, "ingest with %d threads failed: %s", th,
                              r.msg);
                goto out;
            }
            logf_(b, "  %.2f s, %.2fM entries/s, peak RSS %ld MB, index %.1f MB", r.secs,
                  ing_rate(&r) / 1e6, r.hwm_kb / 1024, (double)r.idx_bytes / 1e6);
            isecs[i][run] = r.secs;
            r.hwm_kb = JX_MAX(r.hwm_kb, b->ing[i].hwm_kb);
            r.anon_kb = JX_MAX(r.anon_kb, b->ing[i].anon_kb);
            b->ing[i] = r;
        }
    for (size_t i = 0; i < b->ning; i++) {
        qsort(isecs[i], JX_BENCH_INGEST_RUNS, sizeof(double), dcmp);
        b->ing[i].secs = isecs[i][JX_BENCH_INGEST_RUNS / 2];
        b->ing[i].secs_min = isecs[i][0];
        b->ing[i].secs_max = isecs[i][JX_BENCH_INGEST_RUNS - 1];
        /* Keep only the last index (the queries use it) unless --keep. */
        if (i + 1 < b->ning && !o->keep) {
            idx_dir(b, i, buf, sizeof(buf));
            rm_tree(buf);
        }
    }
    char qdir[1200];
    idx_dir(b, b->ning - 1, qdir, sizeof(qdir));
    b->qindex = qdir;

    /* 3. The receivers as the oracle sees them. */
    t0 = jx_now();
    {
        char *in[1] = {(char *)b->input};
        if ((rc = jx_open_inputs(in, 1, &ro, &files, &nfiles, err)))
            goto out;
    }
    /* Raw size = the receiver files themselves (other files under --input
     * are passed over by ingest too). */
    for (size_t i = 0; i < nfiles; i++)
        b->raw_bytes += jx_rcvfile_size(files[i]);
    b->raw_files = nfiles;
    if ((rc = jx_plan_build(files, nfiles, &po, &plan, err)))
        goto out;
    b->plan_secs = jx_now() - t0;
    b->plan_entries = plan->entries;
    b->nrcv = plan->nrcv;
    b->nsystems = plan->nsystems;
    for (size_t i = 0; i < b->ning; i++)
        if (b->ing[i].entries != plan->entries) {
            b->mismatches++;
            snprintf(buf, sizeof(buf), "MISMATCH ingest-t%d: index holds %llu entries, receivers %llu",
                     b->ing[i].threads, (unsigned long long)b->ing[i].entries,
                     (unsigned long long)plan->entries);
            fprintf(out, "%s\n", buf);
            if (b->log && b->log != out)
                fprintf(b->log, "%s\n", buf);
        }

    logf_(b, "census of %llu entries", (unsigned long long)plan->entries);
    t0 = jx_now();
    if ((rc = jx_census_build(plan, &census, err)))
        goto out;
    b->census_secs = jx_now() - t0;
    self_mem(b);

    /* 4. Queries. */
    {
        struct jx_bq qs[MAX_QUERIES];
        b->nq = jx_bench_suite(census, qs, MAX_QUERIES);
        for (size_t i = 0; i < b->nq; i++) {
            struct q_res *q = &b->q[i];
            q->q = qs[i];
            logf_(b, "query %s: %s", q->q.id, q->q.args);
            if ((rc = run_query(b, plan, q, err)))
                goto out;
            self_mem(b);
            logf_(b, "  %llu matches, index %.2f ms (median), scan %.2f s: %s",
                  (unsigned long long)q->scan.matches, q->med_ms, q->scan_secs,
                  q->match ? "same answer" : "MISMATCH");
            if (!q->match) {
                b->mismatches++;
                snprintf(buf, sizeof(buf), "MISMATCH %s (%s): %s", q->q.id, q->q.args, q->why);
                fprintf(out, "%s\n", buf);
                if (b->log && b->log != out)
                    fprintf(b->log, "%s\n", buf);
            }
        }
    }

    /* 5. Report. */
    report_md(b, out);
    if (b->mismatches)
        fprintf(out, "\n%d MISMATCH(ES): the index gave answers different from the "
                     "brute-force scan; the figures above are NOT valid.\n",
                b->mismatches);
    fflush(out);
    if (o->json && (rc = report_json(b, o->json, err)))
        goto out;
    rc = b->mismatches ? 1 : JX_OK;

out:
    jx_census_free(census);
    jx_plan_free(plan);
    jx_close_inputs(files, nfiles);
    if (b->workdir[0] && !o->keep) {
        for (size_t i = 0; i < b->ning; i++) {
            if (!b->ing[i].made)
                continue;
            idx_dir(b, i, buf, sizeof(buf));
            rm_tree(buf);
        }
        if (b->rcvdir[0])
            rm_tree(b->rcvdir);
        if (b->made_workdir)
            rmdir(b->workdir);
    } else if (b->workdir[0]) {
        logf_(b, "kept %s", b->workdir);
    }
    jx_free(b);
    return rc;
}
