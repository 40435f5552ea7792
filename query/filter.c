/*
 * query/filter.c - parse `jidx query` filters and evaluate them on one
 * entry (jx_filter_match, the reference semantics of every query path).
 *
 * Workload: parsing runs once per query on a few option strings.
 * jx_filter_match() runs once per row that survives index pruning (and
 * once per entry of the whole chain in the brute-force oracle), so it
 * allocates nothing, checks the cheap fields first and searches the ESD
 * text last.
 */
#include "filter_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>

#include "audit.h"
#include "ebcdic.h"
#include "fields.h"
#include "layout.h"

/* ---- options -------------------------------------------------------------
 * One table drives parsing, the CLI's getopt table and --help. */
enum { SPEC_FROM = JX_FK_COUNT_, SPEC_TO, SPEC_SEQ_FROM, SPEC_SEQ_TO, SPEC_SEARCH_OFFSET };

/* opt_key[i] is the enum jx_fkey or SPEC_* of fopts[i]. */
static const struct jx_filter_opt fopts[] = {
    {"type", "TT[,TT...]", "entry type (JOENTT): CP,PW or generic Z*", true},
    {"code", "C[,C...]", "journal code: T (audit) or J (journal operations)", true},
    {"subtype", "C[,C...]", "entry subtype (first ESD byte), e.g. A", true},
    {"audlvl", "*VAL[,*VAL...]",
     "entry types an auditing value writes: *AUTFAIL, *SECURITY, ... (formats doc §4)", true},
    {"user", "NAME[,...]", "current user profile (JOUSPF)", true},
    {"job-user", "NAME[,...]", "user of the job (JOUSER)", true},
    {"target-user", "NAME[,...]", "user the entry is about (PW, CP, CA, JS, PS, JD, RJ)", true},
    {"job", "[[NUM/]USER/]NAME", "qualified job; parts may be generic or *: */QUSER/QZDA*", true},
    {"program", "NAME[,...]", "program (JOPGM)", true},
    {"program-lib", "NAME[,...]", "program library (JOPGMLIB)", true},
    {"object", "NAME[,...]", "object name from the ESD", true},
    {"object-lib", "NAME[,...]", "object library from the ESD", true},
    {"object-type", "*TYPE[,...]", "object type from the ESD: *FILE, *PGM, ...", true},
    {"path", "PATH", "IFS path, exact or prefix /home/* (case-sensitive; no comma list)", true},
    {"receiver", "[LIB/]NAME[,...]", "journal receiver", true},
    {"system", "NAME[,...]", "system name (JOSYNM)", true},
    {"remote-addr", "ADDR[,...]",
     "remote address: exact, CIDR (10.0.0.0/8, fe80::/10) or text prefix 10.0.*", true},
    {"search", "TEXT", "text anywhere in the ESD, case-insensitive (no comma list)", true},
    {"search-offset", "N", "--search only at IBM J5 position N (ESD starts at 610)", false},
    {"from", "TIME", "entries at or after TIME (local time of the system)", false},
    {"to", "TIME", "entries up to TIME, inclusive at its precision (a date: the whole day)", false},
    {"seq-from", "N", "sequence number at least N", false},
    {"seq-to", "N", "sequence number at most N", false},
};
static const int opt_key[] = {
    JX_FK_TYPE, JX_FK_CODE, JX_FK_SUBTYPE, JX_FK_AUDLVL, JX_FK_USER, JX_FK_JOB_USER,
    JX_FK_TARGET_USER, JX_FK_JOB, JX_FK_PROGRAM, JX_FK_PROGRAM_LIB, JX_FK_OBJECT,
    JX_FK_OBJECT_LIB, JX_FK_OBJECT_TYPE, JX_FK_PATH, JX_FK_RECEIVER, JX_FK_SYSTEM,
    JX_FK_REMOTE_ADDR, JX_FK_SEARCH, SPEC_SEARCH_OFFSET, SPEC_FROM, SPEC_TO,
    SPEC_SEQ_FROM, SPEC_SEQ_TO,
};
_Static_assert(sizeof(fopts) / sizeof(fopts[0]) == sizeof(opt_key) / sizeof(opt_key[0]),
               "one key per option");

const struct jx_filter_opt *jx_filter_options(size_t *n)
{
    *n = JX_ARRAY_SIZE(fopts);
    return fopts;
}

/* ---- QAUDLVL table (formats doc §4) ---------------------------------------
 * THE single place of this mapping. The doc confirms only *ATNEVT, *AUTFAIL
 * (AF, and PW per midrange-l) and the composition of *JOBDTA and *NETCMN;
 * everything else is recollection of IBM's table (UNCONFIRMED). Entries the
 * doc marks with '?' (SK in *NETBAS, DO and X0 in *SECCFG) are left out, and
 * so are DI detail codes (AF, PW, CO, DO, OM), which are not one-character
 * subtypes: DI counts only under *SECDIRSRV and *SYSMGT. */
static const struct jx_audlvl audlvl[] = {
    {"*ATNEVT", "IM:P", "CONFIRMED"},
    {"*AUTFAIL", "AF PW CV:ER GR:F KF:P IP:F VC:R VO:U VN:R VP:P X1:F XD:G",
     "AF CONFIRMED, PW CONFIRMED (midrange-l), rest UNCONFIRMED"},
    {"*CMD", "CD:CLOPSU", "UNCONFIRMED (CD CONFIRMED as the type)"},
    {"*CREATE", "CO:NR XD", "UNCONFIRMED"},
    {"*DELETE", "DO:ACDPR", "UNCONFIRMED"},
    {"*JOBBAS", "JS:-MT", "UNCONFIRMED"},
    {"*JOBCHGUSR", "JS:MT", "UNCONFIRMED"},
    {"*JOBDTA", "*JOBBAS *JOBCHGUSR SG:AP VS", "composition CONFIRMED, SG/VS UNCONFIRMED"},
    {"*NETBAS", "CV IR IS ND NE", "UNCONFIRMED"},
    {"*NETCLU", "CU", "UNCONFIRMED"},
    {"*NETCMN", "*NETBAS *NETCLU *NETFAIL",
     "composition CONFIRMED (the *NETSCK mail/DHCP part is not mapped)"},
    {"*NETFAIL", "SK:P", "UNCONFIRMED"},
    {"*NETSCK", "SK:ACDFRU", "UNCONFIRMED"},
    {"*NETSECURE", "SK:SX", "UNCONFIRMED"},
    {"*NETUDP", "SK:IO", "UNCONFIRMED"},
    {"*OBJMGT", "OM:MR", "UNCONFIRMED"},
    {"*OFCSRV", "ML SD", "UNCONFIRMED"},
    {"*OPTICAL", "O1 O2 O3", "UNCONFIRMED"},
    {"*PGMADP", "AP:SEA", "UNCONFIRMED (AP subtypes CONFIRMED)"},
    {"*PGMFAIL", "AF:BCDER", "UNCONFIRMED"},
    {"*PRTDTA", "PO", "UNCONFIRMED"},
    {"*SAVRST", "OR RA RJ RO RP RQ RU RZ", "UNCONFIRMED"},
    {"*SECCFG", "AD AU CP CQ CY DS EV GR JD KF NA PA SE SO SV VA VU X2", "UNCONFIRMED"},
    {"*SECDIRSRV", "DI", "UNCONFIRMED"},
    {"*SECIPC", "IP", "UNCONFIRMED"},
    {"*SECNAS", "X0", "UNCONFIRMED"},
    {"*SECRUN", "CA OW PG", "UNCONFIRMED"},
    {"*SECSCKD", "GS", "UNCONFIRMED"},
    {"*SECURITY", "*SECCFG *SECDIRSRV *SECIPC *SECNAS *SECRUN *SECSCKD *SECVFY *SECVLDL",
     "UNCONFIRMED"},
    {"*SECVFY", "PS X1", "UNCONFIRMED"},
    {"*SECVLDL", "VO", "UNCONFIRMED"},
    {"*SERVICE", "ST VV", "UNCONFIRMED"},
    {"*SPLFDTA", "SF", "UNCONFIRMED"},
    {"*SYSMGT", "DI SM VL", "UNCONFIRMED"},
};

const struct jx_audlvl *jx_audlvl_table(size_t *n)
{
    *n = JX_ARRAY_SIZE(audlvl);
    return audlvl;
}

/* ---- building ------------------------------------------------------------ */

int jx_filter_create(struct jx_filter **out)
{
    *out = jx_calloc(1, sizeof(**out));
    return *out ? JX_OK : JX_E_NOMEM;
}

static void sterm_free(struct jx_sterm *s)
{
    jx_free(s->s);
    s->s = NULL;
}

static void group_free(struct jx_fgroup *g)
{
    for (size_t i = 0; i < g->n; i++) {
        sterm_free(&g->t[i].str);
        for (int p = 0; p < 3; p++)
            sterm_free(&g->t[i].part[p]);
    }
    jx_free(g->t);
    memset(g, 0, sizeof(*g));
}

void jx_filter_free(struct jx_filter *f)
{
    if (!f)
        return;
    for (int k = 0; k < JX_FK_COUNT_; k++) {
        group_free(&f->pos[k]);
        group_free(&f->neg[k]);
    }
    jx_free(f);
}

static int group_push(struct jx_fgroup *g, const struct jx_fterm *t)
{
    if (jx_grow((void **)&g->t, &g->cap, g->n + 1, sizeof(*g->t)))
        return JX_E_NOMEM;
    g->t[g->n++] = *t;
    return JX_OK;
}

static int usage(struct jx_errctx *err, const char *fmt, const char *opt,
                 const char *val)
{
    return jx_error(err, JX_E_USAGE, NULL, -1, -1, fmt, opt, val);
}

/* A name, a special value or a generic name into `t`. `upper`: IBM names
 * are upper case (paths and address text are kept as written). `star_mid`:
 * '*' inside the value is a plain character (paths). */
static int parse_sterm(const char *opt, const char *v, size_t len, bool upper,
                       bool star_mid, size_t maxlen, struct jx_sterm *t,
                       struct jx_errctx *err)
{
    char buf[JX_PATH_SZ];
    memset(t, 0, sizeof(*t));
    if (len >= sizeof(buf) || len > maxlen)
        return jx_error(err, JX_E_USAGE, NULL, -1, -1,
                        "--%s: value '%.*s' is too long (at most %zu characters)",
                        opt, (int)JX_MIN(len, (size_t)64), v, maxlen);
    for (size_t i = 0; i < len; i++)
        buf[i] = upper ? (char)toupper((unsigned char)v[i]) : v[i];
    buf[len] = '\0';
    if (!strcmp(buf, "*") || !strcmp(buf, "*ALL")) {
        t->mode = JX_SM_ANY;
        return JX_OK;
    }
    bool generic = len > 1 && buf[len - 1] == '*';
    if (generic)
        buf[--len] = '\0';
    if (!star_mid)
        for (size_t i = 1; i < len; i++)
            if (buf[i] == '*')
                return usage(err, "--%s: '%s': '*' may only end a generic name "
                             "(QSEC*) or start a special value (*CMD)", opt, v);
    t->mode = generic ? JX_SM_PREFIX : JX_SM_EXACT;
    t->len = len;
    if (!(t->s = jx_strdup(buf)))
        return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    return JX_OK;
}

/* Lenient IPv4 (leading zeros allowed, as some exports pad octets) or IPv6.
 * v4-mapped IPv6 (::ffff:a.b.c.d) is folded to IPv4. */
static bool parse_ip(const char *s, size_t len, int *family, uint8_t addr[16])
{
    char buf[64];
    if (len == 0 || len >= sizeof(buf))
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (!strchr(buf, ':')) {
        const char *p = buf;
        for (int i = 0; i < 4; i++) {
            unsigned v = 0, nd = 0;
            while (isdigit((unsigned char)*p) && nd < 4) {
                v = v * 10 + (unsigned)(*p++ - '0');
                nd++;
            }
            if (nd == 0 || nd > 3 || v > 255)
                return false;
            addr[i] = (uint8_t)v;
            if (i < 3 && *p++ != '.')
                return false;
        }
        if (*p)
            return false;
        *family = 4;
        return true;
    }
    struct in6_addr a6;
    if (inet_pton(AF_INET6, buf, &a6) != 1)
        return false;
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (!memcmp(a6.s6_addr, mapped, 12)) {
        memcpy(addr, a6.s6_addr + 12, 4);
        *family = 4;
    } else {
        memcpy(addr, a6.s6_addr, 16);
        *family = 6;
    }
    return true;
}

static int parse_addr(const char *opt, const char *v, size_t len,
                      struct jx_fterm *t, struct jx_errctx *err)
{
    char val[128];
    snprintf(val, sizeof(val), "%.*s", (int)JX_MIN(len, (size_t)100), v);
    if (len > 1 && v[len - 1] == '*') {
        t->kind = JX_TK_STR;
        return parse_sterm(opt, v, len, false, false, JX_ADDR_SZ - 1, &t->str, err);
    }
    const char *slash = memchr(v, '/', len);
    size_t alen = slash ? (size_t)(slash - v) : len;
    t->kind = JX_TK_IP;
    if (!parse_ip(v, alen, &t->family, t->addr))
        return usage(err, "--%s: '%s' is not an IPv4/IPv6 address or CIDR block", opt, val);
    int maxbits = t->family == 4 ? 32 : 128;
    t->bits = maxbits;
    if (slash) {
        const char *p = slash + 1, *end = v + len;
        int b = 0;
        if (p == end || end - p > 3)
            return usage(err, "--%s: '%s': bad CIDR prefix length", opt, val);
        for (; p < end; p++) {
            if (!isdigit((unsigned char)*p))
                return usage(err, "--%s: '%s': bad CIDR prefix length", opt, val);
            b = b * 10 + (*p - '0');
        }
        /* a v4-mapped v6 block keeps its meaning on the folded address */
        if (t->family == 4 && memchr(v, ':', alen))
            b -= 96;
        if (b < 0 || b > maxbits)
            return usage(err, "--%s: '%s': CIDR prefix length out of range", opt, val);
        t->bits = b;
    }
    return JX_OK;
}

static int parse_qual(const char *opt, const char *v, size_t len, int nparts,
                      struct jx_fterm *t, struct jx_errctx *err)
{
    char val[128];
    snprintf(val, sizeof(val), "%.*s", (int)JX_MIN(len, (size_t)100), v);
    const char *p[3];
    size_t l[3];
    int n = 1;
    for (size_t i = 0; i < len; i++)
        n += v[i] == '/';
    if (n > nparts)
        return usage(err,
                     nparts == 3 ? "--%s: '%s': too many '/' parts, expected [[NUMBER/]USER/]NAME"
                                 : "--%s: '%s': too many '/' parts, expected [LIBRARY/]NAME",
                     opt, val);
    const char *s = v, *end = v + len;
    for (int i = 0; i < n; i++) {
        const char *c = memchr(s, '/', (size_t)(end - s));
        p[i] = s;
        l[i] = c ? (size_t)(c - s) : (size_t)(end - s);
        s = c ? c + 1 : end;
    }
    t->kind = JX_TK_QUAL;
    /* parts given fill from the right: NAME, USER/NAME, NUMBER/USER/NAME */
    for (int i = 0; i < n; i++) {
        int slot = nparts - n + i;
        if (l[i] == 0)
            return usage(err, "--%s: '%s': empty part", opt, val);
        if (nparts == 3 && slot == 0) {
            /* job number: up to 6 digits, compared as the 6-digit text */
            size_t nd = l[i];
            bool gen = nd > 1 && p[i][nd - 1] == '*';
            if (nd == 1 && p[i][0] == '*')
                continue;
            if (gen)
                nd--;
            if (nd == 0 || nd > 6)
                return usage(err, "--%s: '%s': job number has 1 to 6 digits", opt, val);
            for (size_t k = 0; k < nd; k++)
                if (!isdigit((unsigned char)p[i][k]))
                    return usage(err, "--%s: '%s': job number has 1 to 6 digits", opt, val);
            char num[8];
            if (gen)
                snprintf(num, sizeof(num), "%.*s*", (int)nd, p[i]);
            else
                snprintf(num, sizeof(num), "%06lu", strtoul(p[i], NULL, 10));
            int rc = parse_sterm(opt, num, strlen(num), false, false, 6, &t->part[0], err);
            if (rc)
                return rc;
            continue;
        }
        int rc = parse_sterm(opt, p[i], l[i], true, false, JX_NAME_SZ - 1, &t->part[slot], err);
        if (rc)
            return rc;
    }
    return JX_OK;
}

/* Append the terms of one QAUDLVL value (recursively for composites). */
static int audlvl_expand(const char *opt, const char *name, struct jx_fgroup *g,
                         int depth, struct jx_errctx *err)
{
    const struct jx_audlvl *a = NULL;
    for (size_t i = 0; i < JX_ARRAY_SIZE(audlvl); i++)
        if (!strcmp(audlvl[i].name, name))
            a = &audlvl[i];
    if (!a || depth > 4) {
        char known[1024];
        size_t o = 0;
        for (size_t i = 0; i < JX_ARRAY_SIZE(audlvl) && o < sizeof(known) - 16; i++)
            o += (size_t)snprintf(known + o, sizeof(known) - o, "%s%s", i ? " " : "",
                                  audlvl[i].name);
        return jx_error(err, JX_E_USAGE, NULL, -1, -1, "--%s: unknown auditing value '%s' "
                        "(known: %s)", opt, name, known);
    }
    const char *s = a->spec;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t l = strcspn(s, " ");
        char tok[24];
        snprintf(tok, sizeof(tok), "%.*s", (int)JX_MIN(l, sizeof(tok) - 1), s);
        s += l;
        if (tok[0] == '*') {
            int rc = audlvl_expand(opt, tok, g, depth + 1, err);
            if (rc)
                return rc;
            continue;
        }
        struct jx_fterm t;
        memset(&t, 0, sizeof(t));
        t.kind = JX_TK_AUDLVL;
        memcpy(t.type, tok, 2);
        if (tok[2] == ':') {
            const char *sub = tok + 3;
            if (*sub == '-') {
                t.subs_except = true;
                sub++;
            }
            snprintf(t.subs, sizeof(t.subs), "%s", sub);
        }
        if (group_push(g, &t))
            return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    }
    return JX_OK;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (!*s || !isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

/* One value of a keyed filter into a term pushed on group g. */
static int add_value(const char *opt, enum jx_fkey k, const char *v, size_t len,
                     struct jx_fgroup *g, struct jx_errctx *err)
{
    struct jx_fterm t;
    char val[128];
    int rc;
    memset(&t, 0, sizeof(t));
    snprintf(val, sizeof(val), "%.*s", (int)JX_MIN(len, (size_t)100), v);
    switch (k) {
    case JX_FK_AUDLVL: {
        char name[40];
        if (len == 0 || len > 30)
            return usage(err, "--%s: bad auditing value '%s'", opt, val);
        size_t o = 0;
        if (v[0] != '*')
            name[o++] = '*';
        for (size_t i = 0; i < len; i++)
            name[o++] = (char)toupper((unsigned char)v[i]);
        name[o] = '\0';
        return audlvl_expand(opt, name, g, 0, err);
    }
    case JX_FK_JOB:
        rc = parse_qual(opt, v, len, 3, &t, err);
        break;
    case JX_FK_RECEIVER:
        rc = parse_qual(opt, v, len, 2, &t, err);
        break;
    case JX_FK_REMOTE_ADDR:
        if (len == 0)
            return usage(err, "--%s: empty value%s", opt, "");
        rc = parse_addr(opt, v, len, &t, err);
        break;
    case JX_FK_SEARCH: {
        if (len == 0)
            return usage(err, "--%s: empty value%s", opt, "");
        if (len > JX_ESD_MAX)
            return usage(err, "--%s: text longer than an ESD%s", opt, "");
        t.kind = JX_TK_SEARCH;
        t.str.mode = JX_SM_EXACT;
        t.str.len = len;
        if (!(t.str.s = jx_malloc(len + 1)))
            return jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
        for (size_t i = 0; i < len; i++)
            t.str.s[i] = (char)tolower((unsigned char)v[i]);
        t.str.s[len] = '\0';
        rc = JX_OK;
        break;
    }
    case JX_FK_PATH:
        if (len == 0)
            return usage(err, "--%s: empty value%s", opt, "");
        rc = parse_sterm(opt, v, len, false, true, JX_PATH_SZ - 1, &t.str, err);
        break;
    default: {
        if (len == 0)
            return usage(err, "--%s: empty value in '%s'", opt, val);
        size_t maxlen = (k == JX_FK_CODE || k == JX_FK_SUBTYPE) ? 1
                        : k == JX_FK_TYPE ? 2 : JX_NAME_SZ - 1;
        rc = parse_sterm(opt, v, len, true, false, JX_NAME_SZ - 1, &t.str, err);
        if (!rc && t.str.mode == JX_SM_EXACT && t.str.len > maxlen) {
            sterm_free(&t.str);
            return jx_error(err, JX_E_USAGE, NULL, -1, -1,
                            "--%s: '%s' is longer than %zu character%s", opt, val,
                            maxlen, maxlen == 1 ? "" : "s");
        }
        break;
    }
    }
    if (!rc && group_push(g, &t))
        rc = jx_error(err, JX_E_NOMEM, NULL, -1, -1, "out of memory");
    if (rc) {
        sterm_free(&t.str);
        for (int p = 0; p < 3; p++)
            sterm_free(&t.part[p]);
    }
    return rc;
}

int jx_filter_add(struct jx_filter *f, const char *name, const char *value,
                  struct jx_errctx *err)
{
    bool neg = !strncmp(name, "not-", 4);
    const char *base = neg ? name + 4 : name;
    int key = -1;
    for (size_t i = 0; i < JX_ARRAY_SIZE(fopts); i++)
        if (!strcmp(fopts[i].name, base) && (!neg || fopts[i].negatable))
            key = opt_key[i];
    if (key < 0)
        return jx_error(err, JX_E_USAGE, NULL, -1, -1, "unknown filter '--%s'", name);
    if (!value)
        return jx_error(err, JX_E_USAGE, NULL, -1, -1, "--%s needs a value", name);

    int64_t a, b;
    uint64_t u;
    int rc;
    switch (key) {
    case SPEC_FROM:
    case SPEC_TO:
        if ((key == SPEC_FROM && f->has_from) || (key == SPEC_TO && f->has_to))
            return jx_error(err, JX_E_USAGE, NULL, -1, -1, "--%s given twice", name);
        if ((rc = jx_time_parse(value, &a, &b, err)) != 0) {
            if (err) {
                char m[sizeof(err->msg)];
                memcpy(m, err->msg, sizeof(m));
                snprintf(err->msg, sizeof(err->msg), "--%s: %.480s", name, m);
            }
            return rc;
        }
        if (key == SPEC_FROM) {
            f->has_from = true;
            f->from = a;
        } else {
            f->has_to = true;
            f->to = b;
        }
        if (f->has_from && f->has_to && f->from >= f->to)
            return jx_error(err, JX_E_USAGE, NULL, -1, -1, "--from is after --to");
        return JX_OK;
    case SPEC_SEQ_FROM:
    case SPEC_SEQ_TO:
        if (parse_u64(value, &u))
            return usage(err, "--%s: bad sequence number '%s'", name, value);
        if ((key == SPEC_SEQ_FROM && f->has_seq_from) || (key == SPEC_SEQ_TO && f->has_seq_to))
            return jx_error(err, JX_E_USAGE, NULL, -1, -1, "--%s given twice", name);
        if (key == SPEC_SEQ_FROM) {
            f->has_seq_from = true;
            f->seq_from = u;
        } else {
            f->has_seq_to = true;
            f->seq_to = u;
        }
        if (f->has_seq_from && f->has_seq_to && f->seq_from > f->seq_to)
            return jx_error(err, JX_E_USAGE, NULL, -1, -1, "--seq-from is after --seq-to");
        return JX_OK;
    case SPEC_SEARCH_OFFSET:
        if (f->has_search_offset)
            return jx_error(err, JX_E_USAGE, NULL, -1, -1, "--%s given twice", name);
        if (parse_u64(value, &u) || u < 610 || u >= 610 + (uint64_t)JX_ESD_MAX)
            return usage(err, "--%s: '%s' is not an ESD position: give the IBM J5 position "
                         "(610 = first ESD byte) as IBM's QASYxxJ5 layouts print it",
                         name, value);
        f->has_search_offset = true;
        f->search_offset = (uint32_t)(u - 610);
        return JX_OK;
    default:
        break;
    }

    const enum jx_fkey k = (enum jx_fkey)key;
    struct jx_fgroup *g = neg ? &f->neg[k] : &f->pos[k];
    if (k == JX_FK_PATH || k == JX_FK_SEARCH)
        return add_value(name, k, value, strlen(value), g, err);
    const char *p = value;
    for (;;) {
        size_t l = strcspn(p, ",");
        while (l && p[l - 1] == ' ')
            l--;
        if ((rc = add_value(name, k, p, l, g, err)) != 0)
            return rc;
        p += strcspn(p, ",");
        if (!*p)
            break;
        p++;
        while (*p == ' ')
            p++;
    }
    return JX_OK;
}

int jx_filter_check(const struct jx_filter *f, struct jx_errctx *err)
{
    if (f->has_search_offset && !f->pos[JX_FK_SEARCH].n && !f->neg[JX_FK_SEARCH].n)
        return jx_error(err, JX_E_USAGE, NULL, -1, -1, "--search-offset needs --search");
    return JX_OK;
}

bool jx_filter_is_empty(const struct jx_filter *f)
{
    if (!f)
        return true;
    if (f->has_from || f->has_to || f->has_seq_from || f->has_seq_to)
        return false;
    for (int k = 0; k < JX_FK_COUNT_; k++)
        if (f->pos[k].n || f->neg[k].n)
            return false;
    return true;
}

unsigned jx_fkey_needs(enum jx_fkey k)
{
    switch (k) {
    case JX_FK_TYPE: return JX_FN_TYPE;
    case JX_FK_CODE: return JX_FN_CODE;
    case JX_FK_SUBTYPE: return JX_FN_SUBTYPE;
    case JX_FK_USER: return JX_FN_USER;
    case JX_FK_JOB_USER: case JX_FK_JOB: return JX_FN_JOB;
    case JX_FK_TARGET_USER: return JX_FN_TARGET_USER;
    case JX_FK_PROGRAM: case JX_FK_PROGRAM_LIB: return JX_FN_PROGRAM;
    case JX_FK_OBJECT: case JX_FK_OBJECT_LIB: case JX_FK_OBJECT_TYPE: return JX_FN_OBJECT;
    case JX_FK_PATH: return JX_FN_PATH;
    case JX_FK_REMOTE_ADDR: return JX_FN_REMOTE;
    case JX_FK_AUDLVL: return JX_FN_TYPE | JX_FN_SUBTYPE;
    case JX_FK_SEARCH: return JX_FN_ESD;
    case JX_FK_SYSTEM: case JX_FK_RECEIVER: case JX_FK_COUNT_: break;
    }
    return 0;
}

unsigned jx_filter_needs(const struct jx_filter *f)
{
    unsigned m = 0;
    if (!f)
        return 0;
    if (f->has_from || f->has_to)
        m |= JX_FN_TS;
    if (f->has_seq_from || f->has_seq_to)
        m |= JX_FN_SEQ;
    for (int k = 0; k < JX_FK_COUNT_; k++)
        if (f->pos[k].n || f->neg[k].n)
            m |= jx_fkey_needs((enum jx_fkey)k);
    return m;
}

/* ---- matching ------------------------------------------------------------ */

const char *jx_fkey_str(const struct jx_entry *e, enum jx_fkey k, char tmp[2])
{
    switch (k) {
    case JX_FK_TYPE: return e->type;
    case JX_FK_CODE: tmp[0] = e->code; tmp[1] = '\0'; return tmp;
    case JX_FK_SUBTYPE: tmp[0] = e->subtype; tmp[1] = '\0'; return tmp;
    case JX_FK_USER: return e->user;
    case JX_FK_JOB_USER: return e->job_user;
    case JX_FK_TARGET_USER: return e->target_user;
    case JX_FK_PROGRAM: return e->program;
    case JX_FK_PROGRAM_LIB: return e->program_lib;
    case JX_FK_OBJECT: return e->object;
    case JX_FK_OBJECT_LIB: return e->object_lib;
    case JX_FK_OBJECT_TYPE: return e->object_type;
    case JX_FK_PATH: return e->path;
    case JX_FK_REMOTE_ADDR: return e->remote_addr;
    case JX_FK_SYSTEM: return e->system;
    default: break;
    }
    return "";
}

bool jx_sterm_match(const struct jx_sterm *t, const char *s)
{
    switch (t->mode) {
    case JX_SM_ANY: return true;
    case JX_SM_EXACT: return !strcmp(s, t->s);
    case JX_SM_PREFIX: return !strncmp(s, t->s, t->len);
    }
    return false;
}

bool jx_fterm_match_str(const struct jx_fterm *t, const char *s)
{
    if (t->kind == JX_TK_STR)
        return jx_sterm_match(&t->str, s);
    if (t->kind == JX_TK_IP) {
        int fam;
        uint8_t a[16];
        if (!parse_ip(s, strlen(s), &fam, a) || fam != t->family)
            return false;
        int full = t->bits / 8, rest = t->bits % 8;
        if (memcmp(a, t->addr, (size_t)full))
            return false;
        if (rest) {
            uint8_t m = (uint8_t)(0xFF << (8 - rest));
            return (a[full] & m) == (t->addr[full] & m);
        }
        return true;
    }
    return false;
}

static bool search_match(const struct jx_filter *f, const struct jx_fterm *t,
                         const struct jx_entry *e)
{
    char text[JX_ESD_MAX + 1];
    if (!e->esd || e->esd_avail == 0)
        return false;
    const struct jx_ccsid *cc = jx_ccsid_get(e->ccsid ? e->ccsid : 37);
    if (!cc)
        return false;
    if (f->has_search_offset) {
        /* only the bytes from the offset matter: convert just those */
        uint32_t off = f->search_offset;
        if (off >= e->esd_avail || t->str.len > e->esd_avail - off)
            return false;
        size_t n =
            jx_audit_esd_text(e, cc, text, JX_MIN(sizeof(text), (size_t)off + t->str.len + 1));
        if (n < off + t->str.len)
            return false;
        return !strncasecmp(text + off, t->str.s, t->str.len);
    }
    size_t n = jx_audit_esd_text(e, cc, text, sizeof(text));
    for (size_t i = 0; i < n; i++)
        text[i] = (char)tolower((unsigned char)text[i]);
    return memmem(text, n, t->str.s, t->str.len) != NULL;
}

bool jx_fterm_match(const struct jx_filter *f, enum jx_fkey k,
                    const struct jx_fterm *t, const struct jx_entry *e)
{
    char tmp[2], num[12];
    switch (t->kind) {
    case JX_TK_STR:
    case JX_TK_IP:
        return jx_fterm_match_str(t, jx_fkey_str(e, k, tmp));
    case JX_TK_QUAL:
        if (k == JX_FK_JOB) {
            if (t->part[0].mode != JX_SM_ANY) {
                snprintf(num, sizeof(num), "%06u", e->job_number);
                if (!jx_sterm_match(&t->part[0], num))
                    return false;
            }
            return jx_sterm_match(&t->part[1], e->job_user) &&
                   jx_sterm_match(&t->part[2], e->job);
        }
        return jx_sterm_match(&t->part[0], e->receiver_lib) &&
               jx_sterm_match(&t->part[1], e->receiver);
    case JX_TK_AUDLVL: {
        if (strcmp(e->type, t->type))
            return false;
        if (!t->subs[0])
            return true;
        bool in = e->subtype && strchr(t->subs, e->subtype);
        return t->subs_except ? !in : in;
    }
    case JX_TK_SEARCH:
        return search_match(f, t, e);
    }
    return false;
}

static bool group_match(const struct jx_filter *f, enum jx_fkey k,
                        const struct jx_fgroup *g, const struct jx_entry *e)
{
    for (size_t i = 0; i < g->n; i++)
        if (jx_fterm_match(f, k, &g->t[i], e))
            return true;
    return false;
}

bool jx_filter_match(const struct jx_filter *f, const struct jx_entry *e)
{
    if (!f)
        return true;
    if ((f->has_seq_from && e->seq < f->seq_from) || (f->has_seq_to && e->seq > f->seq_to))
        return false;
    if ((f->has_from && e->ts < f->from) || (f->has_to && e->ts >= f->to))
        return false;
    /* keys in enum order: simple strings first, the ESD search last */
    for (int k = 0; k < JX_FK_COUNT_; k++) {
        if (f->pos[k].n && !group_match(f, (enum jx_fkey)k, &f->pos[k], e))
            return false;
        if (f->neg[k].n && group_match(f, (enum jx_fkey)k, &f->neg[k], e))
            return false;
    }
    return true;
}

/* ---- time bounds --------------------------------------------------------- */

/* Read exactly n digits at *p. */
static int digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

int jx_time_parse(const char *s, int64_t *start, int64_t *end,
                  struct jx_errctx *err)
{
    static const char *const forms =
        "use 2023-01-23, 2023-01-23 11:16[:19[.123456]], 2023-01-23T11:16:19 "
        "or 2023-01-23-11.16.19.000000";
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0, us = 0;
    int64_t unit = JX_US_PER_DAY;
    if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
        digits(&p, 2, &d))
        return jx_error(err, JX_E_USAGE, NULL, -1, -1, "bad date '%s': %s", s, forms);
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
        return jx_error(err, JX_E_USAGE, NULL, -1, -1, "bad date '%s': no such day", s);
    if (*p == 'Z' || *p == 'z' || *p == '+')
        goto zone;
    if (*p) {
        /* IBM form separates with '-' and '.', ISO with ' '/'T' and ':' */
        bool ibm = *p == '-';
        char tsep = ibm ? '.' : ':';
        if (*p != '-' && *p != ' ' && *p != 'T' && *p != 't')
            goto bad;
        p++;
        if (digits(&p, 2, &h))
            goto bad;
        unit = 3600 * JX_US_PER_SEC;
        if (*p == tsep) {
            p++;
            if (digits(&p, 2, &mi))
                goto bad;
            unit = 60 * JX_US_PER_SEC;
            if (*p == tsep) {
                p++;
                if (digits(&p, 2, &sec))
                    goto bad;
                unit = JX_US_PER_SEC;
                if (*p == '.' || (!ibm && *p == ',')) {
                    p++;
                    int n = 0;
                    while (isdigit((unsigned char)*p) && n < 6) {
                        us = us * 10 + (*p++ - '0');
                        unit /= 10;
                        n++;
                    }
                    if (n == 0)
                        goto bad;
                    for (int k = n; k < 6; k++)
                        us *= 10;
                }
            }
        }
        if (*p == 'Z' || *p == 'z' || *p == '+' || (*p == '-' && !ibm))
            goto zone;
        if (*p)
            goto bad;
        if (h > 23 || mi > 59 || sec > 59)
            return jx_error(err, JX_E_USAGE, NULL, -1, -1, "bad time '%s': out of range", s);
    }
    *start = jx_ts_make(y, mo, d, h, mi, sec, us);
    *end = *start + unit;
    return JX_OK;
bad:
    return jx_error(err, JX_E_USAGE, NULL, -1, -1, "bad time '%s': %s", s, forms);
zone:
    return jx_error(err, JX_E_USAGE, NULL, -1, -1,
                    "bad time '%s': time zones are not supported (journal "
                    "timestamps are the system's local time)", s);
}
