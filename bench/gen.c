/*
 * bench/gen.c - synthetic QAUDJRN receiver chains (`jidx gen`), written as
 * DSPJRN OUTFILFMT(*TYPE5) files byte for byte per common/layout.h.
 *
 * Workload: up to hundreds of millions of records of 609 + ENTDTALEN bytes
 * (1633 by default), generated far faster than ingest can read them (target
 * >= 1 GB/s per core). So: every name is converted to EBCDIC once, when the
 * "world" is built; a record starts as a memcpy of a per-receiver heading
 * template and only the varying fields are patched; random choices are
 * alias-table draws from a splitmix64 stream; output leaves in 4 MB write(2)
 * calls. Nothing is allocated per record.
 *
 * Determinism: each receiver is generated from its own stream, seeded from
 * (seed, system, receiver), after a plan that fixes every receiver's size,
 * first sequence number and time window. Threads only decide which worker
 * writes which receiver, so the bytes never depend on --threads.
 *
 * Realism follows ../shared/docs/realistic-mix.md §6; every number that is
 * not from there is marked [assumption] here and in bench/README.md.
 */
#include "gen.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "ebcdic.h"
#include "fields.h"

/* ======================================================================
 * Random numbers: splitmix64 (fast, 64-bit state, good enough for data),
 * and Vose alias tables for every discrete distribution (O(1) draws).
 * ==================================================================== */

struct rng {
    uint64_t s;
};

static inline uint64_t rnext(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static inline uint32_t rbelow(struct rng *r, uint32_t n)
{
    return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32);
}

static inline double runif(struct rng *r)
{
    return (double)(rnext(r) >> 11) * 0x1.0p-53;
}

static uint64_t hmix(uint64_t a, uint64_t b)
{
    struct rng r = {a * 0xD6E8FEB86659FD93ULL ^ (b + 0x2545F4914F6CDD1DULL)};
    rnext(&r);
    return rnext(&r);
}

static uint64_t hmix3(uint64_t a, uint64_t b, uint64_t c)
{
    return hmix(hmix(a, b), c);
}

/* Log-uniform integer in [lo, hi]. */
static uint32_t rlogu(struct rng *r, uint32_t lo, uint32_t hi)
{
    double v = exp(log((double)lo) + runif(r) * (log((double)hi + 1) - log((double)lo)));
    uint32_t u = (uint32_t)v;
    return u < lo ? lo : u > hi ? hi : u;
}

/* Standard normal (Box-Muller); cold paths only (CD lengths). */
static double rnorm(struct rng *r)
{
    double u1 = runif(r), u2 = runif(r);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

struct alias {
    uint32_t n;
    uint32_t *prob;   /* threshold on the low 32 bits of a draw */
    uint32_t *alias;
};

static int alias_build(struct alias *a, const double *w, uint32_t n)
{
    double sum = 0, *p = NULL;
    uint32_t *small = NULL, *large = NULL, ns = 0, nl = 0;
    int rc = JX_E_NOMEM;
    a->n = n;
    a->prob = jx_calloc(n, sizeof(uint32_t));
    a->alias = jx_calloc(n, sizeof(uint32_t));
    p = jx_calloc(n, sizeof(double));
    small = jx_calloc(n, sizeof(uint32_t));
    large = jx_calloc(n, sizeof(uint32_t));
    if (!a->prob || !a->alias || !p || !small || !large)
        goto out;
    for (uint32_t i = 0; i < n; i++)
        sum += w[i] > 0 ? w[i] : 0;
    for (uint32_t i = 0; i < n; i++) {
        p[i] = sum > 0 ? (w[i] > 0 ? w[i] : 0) * n / sum : 1.0;
        if (p[i] < 1.0)
            small[ns++] = i;
        else
            large[nl++] = i;
    }
    while (ns && nl) {
        uint32_t s = small[--ns], l = large[--nl];
        a->prob[s] = (uint32_t)(p[s] * 4294967296.0);
        a->alias[s] = l;
        p[l] = (p[l] + p[s]) - 1.0;
        if (p[l] < 1.0)
            small[ns++] = l;
        else
            large[nl++] = l;
    }
    while (nl) {
        uint32_t l = large[--nl];
        a->prob[l] = 0xFFFFFFFFu;
        a->alias[l] = l;
    }
    while (ns) {
        uint32_t s = small[--ns];
        a->prob[s] = 0xFFFFFFFFu;
        a->alias[s] = s;
    }
    rc = JX_OK;
out:
    jx_free(p);
    jx_free(small);
    jx_free(large);
    return rc;
}

static void alias_free(struct alias *a)
{
    jx_free(a->prob);
    jx_free(a->alias);
    a->prob = a->alias = NULL;
}

static inline uint32_t adraw(const struct alias *a, struct rng *r)
{
    uint64_t x = rnext(r);
    uint32_t i = (uint32_t)(((x >> 32) * (uint64_t)a->n) >> 32);
    return (uint32_t)x < a->prob[i] ? i : a->alias[i];
}

/* Zipf(s) weights over n ranks into w. */
static void zipf_weights(double *w, uint32_t n, double s)
{
    for (uint32_t i = 0; i < n; i++)
        w[i] = 1.0 / pow((double)(i + 1), s);
}

/* ======================================================================
 * The world: every name, address and path the entries use, in UTF-8 and
 * already converted to the run's CCSID (Char(10) blank padded).
 * ==================================================================== */

struct nm {
    char u8[JX_NAME_SZ];
    uint8_t e[10];
};

struct addr {
    char u8[JX_ADDR_SZ];
    uint8_t e[46];
    char fam;        /* '4' or '6' */
};

struct path {
    char *u8;        /* NUL-terminated, no spaces */
    uint8_t *u16;    /* UTF-16BE */
    uint16_t u16len; /* bytes */
    uint16_t nchars; /* UTF-16 code units (BMP only) */
    uint16_t base;   /* byte offset in u16 of the last component */
    uint8_t fid[16], parent[16];
    uint32_t ccsid;  /* 1200 or 13488 */
};

enum objtype {
    OT_FILE, OT_PGM, OT_SRVPGM, OT_USRSPC, OT_DTAARA, OT_DTAQ, OT_CMD, OT_LIB,
    OT_USRPRF, OT_OUTQ, OT_JOBD, OT_JRNRCV, OT_STMF, OT_DIR, OT_MSGQ, OT_AUTL,
    OT_N
};
static const char *const objtype_names[OT_N] = {
    "*FILE", "*PGM", "*SRVPGM", "*USRSPC", "*DTAARA", "*DTAQ", "*CMD", "*LIB",
    "*USRPRF", "*OUTQ", "*JOBD", "*JRNRCV", "*STMF", "*DIR", "*MSGQ", "*AUTL"};
#define IS_IFS(t) ((t) == OT_STMF || (t) == OT_DIR)

/* An object of a library-based type: indexes into names[] and libs[]. */
struct obj {
    uint32_t name, lib;
};

/* Actor classes (realistic-mix §6.4 header job user table). */
enum actor_class {
    AC_HOST, AC_INTER, AC_MIMIX, AC_BATCH, AC_SYSTEM, AC_NAMED, AC_ADMIN, AC_N
};

/* Fixed profiles; named users follow them in users[]. */
enum {
    U_QSECOFR, U_QSYS, U_QUSER, U_QPGMR, U_MIMIXOWN, U_SCHEDULE, U_QBRMS,
    U_RBTUSER, U_RBTADMIN, U_QSYSOPR, U_QTCP, U_QDFTOWN, U_SYSADM1, U_SYSADM2,
    U_SECAUDIT, U_IOPTOWNER, U_QSRV, U_PLANT_ADMIN, U_PLANT_GRANTEE, U_FIXED
};
static const char *const fixed_users[U_FIXED] = {
    "QSECOFR", "QSYS", "QUSER", "QPGMR", "MIMIXOWN", "SCHEDULE", "QBRMS",
    "RBTUSER", "RBTADMIN", "QSYSOPR", "QTCP", "QDFTOWN", "SYSADM1", "SYSADM2",
    "SECAUDIT", "IOPTOWNER", "QSRV", JX_PLANT_ADMIN, JX_PLANT_GRANTEE};
/* Admin pool for the ADMIN class (never the plant admin). */
static const uint32_t admin_users[] = {U_QSECOFR, U_SYSADM1, U_SYSADM2, U_RBTADMIN,
                                       U_SECAUDIT, U_IOPTOWNER};
static const double admin_w[] = {30, 20, 15, 10, 15, 10};

#define NUSERS_NAMED 1500  /* realistic-mix §6.4: defined profiles */
#define NLIBS 518          /* xtl400 */
#define NCLIENTS 400       /* §6.4 client IPs */
#define NSCANNERS 5
#define NPATHS 4000        /* [assumption] distinct IFS paths in use */
#define NDEVICES 200       /* QPADEVxxxx */
#define NHOTZC 2           /* §6.4: 2 objects = 23% of ZC */

/* Job-name vocabularies (realistic-mix §3.1, §1.2). */
static const char *const host_jobs[] = {"QZDASOINIT", "QZRCSRVS", "QPWFSERVSO", "QZSOSIGN",
                                        "QZSCSRVS", "QZHQSSRV", "QNPSERVS", "QRWTSRVR",
                                        "QZDASSINIT", "QPWFSERVSS"};
static const double host_jobs_w[] = {45, 12, 10, 5, 8, 5, 5, 5, 3, 2};
static const char *const mimix_jobs[] = {"JRNMGR", "RCV_RUNCMD", "WMS_OBJRTV", "DMAPPLY",
                                         "ICC_DBAPYA", "OBJRTV", "MXAUDIT", "SYNCMGR"};
static const char *const mimix_pgms[] = {"LVSRV03", "OMSRV01", "DMAPPLY", "DMOBJRTV",
                                         "ICC_DBAPYA", "LVSRV01"};
static const char *const batch_jobs[] = {
    "DAILYBAT", "NIGHTLY", "ORDPOST", "INVUPD", "GLCLOSE", "BKUPDLY", "QBRMSYNC",
    "RBTSYSMON", "EDIIN", "EDIOUT", "PAYCALC", "WMSPICK", "WMSREPL", "ARAGING",
    "APCHECKS", "CUSTSYNC", "PRICEUPD", "STATSRUN", "PURGEHST", "RCLSPLF",
    "CLNUPLOG", "SHIPCONF", "LOTTRACE", "CYCLECNT", "MRPRUN", "FTPPUT", "FTPGET",
    "SQLETL", "RPTDAILY", "RPTWEEKLY", "QRYSALES", "BALCHECK", "IDDIRPRC",
    "RMTSYSTEM", "MDPUSH1", "BFI_HW", "CYBAGENT", "ROBOTRPT", "ARCHIVE", "JRNCLNUP"};
static const char *const sys_jobs[] = {"QBASE", "QINTER", "QSYSARB", "QTCPIP", "SCPF",
                                       "QSYSWRK", "QTVTELNET", "QSPLMAINT"};
static const char *const sys_pgms[] = {"QWTMCMNL", "QWTMCMNL", "QWTSYSARB", "QTOCTCPIP",
                                       "QWCSCPF", "QWCSYSWRK", "QTVTELNET", "QSPLMAINT"};
static const char *const group_profiles[] = {"DEPTACCT", "DEPTFIN", "PRODGRP", "DEVGRP",
                                             "OPSGRP", "WMSGRP", "HRGRP", "EDIGRP"};
/* PW subtype U: names that do not exist (Kisco, realistic-mix §4.2). */
static const char *const bogus_users[] = {"ADMIN", "ADMINSTRA", "REMOTE", "SCANNER", "SYS",
                                          "BACKUPEXEC", "WWW-DATA", "ANONYMOUS", "FTP",
                                          "ROOT", "TEST", "GUEST", "ORACLE", "USER1"};
static const char *const surnames[] = {
    "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS",
    "RODRIGUEZ", "MARTINEZ", "LOPEZ", "WILSON", "ANDERSON", "THOMAS", "TAYLOR", "MOORE",
    "JACKSON", "MARTIN", "LEE", "THOMPSON", "WHITE", "HARRIS", "CLARK", "LEWIS",
    "ROBINSON", "WALKER", "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "HILL", "GREEN",
    "ADAMS", "BAKER", "NELSON", "CARTER", "MITCHELL", "ROBERTS", "TURNER", "PHILLIPS",
    "CAMPBELL", "PARKER", "EVANS", "EDWARDS", "COLLINS", "STEWART", "MORRIS", "MURPHY",
    "COOK", "ROGERS", "MORGAN", "COOPER", "PETERSON", "REED", "BAILEY", "BELL", "KELLY",
    "HOWARD", "WARD", "COX", "RICHARDSON", "WOOD", "WATSON", "BROOKS", "BENNETT", "GRAY",
    "MUELLER", "SCHMIDT", "SCHNEIDER", "FISCHER", "WEBER", "MEYER", "WAGNER", "BECKER",
    "TANAKA", "SATO", "SUZUKI", "NGUYEN", "TRAN", "KOWALSKI", "NOVAK", "ROSSI", "BIANCHI",
    "DUBOIS", "LAURENT", "SILVA", "SANTOS", "PEREIRA", "OLSEN", "HANSEN", "JENSEN"};
static const char *const obj_pre[] = {"ORD", "CUS", "INV", "ITM", "PRT", "GL", "AP", "AR",
                                      "WMS", "PAY", "EMP", "SHP", "PO", "SO", "LOC", "BIN",
                                      "LOT", "VEN", "PRC", "TAX", "CRD", "ACC", "EDI", "HR"};
static const char *const obj_mid[] = {"HDR", "DTL", "MST", "HST", "TRN", "LOG", "CTL", "WRK",
                                      "SUM", "XRF", "AUD", "IDX"};
static const char *const obj_suf[] = {"", "L1", "L2", "P", "R", "01", "02", "LF", "PF", "C",
                                      "SVC", "X"};
static const char *const lib_fixed[] = {"QSYS", "QGPL", "QUSRSYS", "MIMIX", "ROBOTLIB",
                                        "PRODLIB", "WMSPROD", "WMSDATA", "FINLIB", "HRLIB",
                                        "EDILIB", "QSYS2", "SYSTOOLS", "QIWS", "QRPLOBJ"};
static const char *const lib_pre[] = {"PRD", "DEV", "TST", "QA", "APP", "WMS", "FIN", "HR",
                                      "EDI", "ORD", "INV", "CUS", "PAY", "GL", "MFG", "WEB"};
static const char *const lib_suf[] = {"LIB", "DTA", "OBJ", "SRC", "", "2", "01", "PGM",
                                      "FIL", "ARC"};
static const char *const path_roots[] = {
    "/home/%u/%w%n.%x", "/QIBM/UserData/OS/%w/%w%n.%x", "/www/%a/htdocs/%w/%w%n.html",
    "/tmp/%w%n.%x", "/mimix/%a/%w%n.dat", "/data/%d/%y/%w%n.csv",
    "/home/%u/Berichte/Übersicht%n.txt", "/data/finanzas/año%y/%w%n.csv",
    "/QOpenSys/pkgs/lib/%w%n.so", "/edi/inbound/%a/%w%n.edi", "/edi/outbound/%a/%w%n.xml",
    "/logs/%a/%y/%w%n.log", "/QIBM/ProdData/OS/%w/%w%n.jar", "/home/%u/.ssh/%w%n",
    "/data/%d/%y/Projekt_Lösung/%w%n.xlsx"};
static const double path_roots_w[] = {25, 6, 10, 10, 6, 12, 2, 2, 4, 5, 5, 6, 3, 2, 2};
static const char *const path_words[] = {"orders", "invoice", "export", "import", "report",
                                         "backup", "config", "stock", "payroll", "labels",
                                         "manifest", "archive", "daily", "weekly", "upload"};
static const char *const path_exts[] = {"txt", "csv", "pdf", "xml", "json", "dat", "zip"};
static const char *const depts[] = {"sales", "finance", "hr", "warehouse", "it", "edi"};
static const char *const apps[] = {"shop", "portal", "wms", "edi", "api", "intranet"};

/* ======================================================================
 * Entry types and profiles (realistic-mix §6.1, §6.2)
 * ==================================================================== */

enum etype {
    T_ZC, T_ZR, T_PS, T_JS, T_GS, T_IP, T_LD, T_OM, T_PO, T_SG, T_SO, T_PG, T_GR,
    T_SK, T_CA, T_CO, T_DO, T_AF, T_SF, T_OW, T_CD, T_AD, T_OR, T_AP, T_PA, T_PW,
    T_CP, T_RA, T_RO, T_RZ, T_RP, T_RU, T_RJ, T_VA, T_VU, T_X0, T_JD, T_DS, T_NA,
    T_SV, T_PU, T_PF, T_N
};

enum mixid {
    MX_ZC, MX_ZR, MX_PS, MX_JS, MX_GS, MX_IP, MX_LD, MX_OBJ, MX_BATCH, MX_DEF,
    MX_HOST, MX_SK, MX_AF, MX_CD, MX_AD, MX_ADMIN, MX_ADMINB, MX_PW, MX_N
};
/* Actor-class weights per mix: HOST INTER MIMIX BATCH SYSTEM NAMED ADMIN.
 * [assumption], tuned so the whole mix lands near §6.4's header-user table. */
static const double mix_w[MX_N][AC_N] = {
    [MX_ZC] = {35, 8, 30, 17, 2, 7, 1},   [MX_ZR] = {45, 15, 10, 20, 2, 7, 1},
    [MX_PS] = {85, 5, 0, 5, 3, 0, 2},     [MX_JS] = {40, 15, 5, 25, 10, 4, 1},
    [MX_GS] = {90, 0, 0, 0, 10, 0, 0},    [MX_IP] = {30, 10, 20, 30, 10, 0, 0},
    [MX_LD] = {60, 10, 10, 15, 0, 5, 0},  [MX_OBJ] = {25, 15, 15, 20, 5, 15, 5},
    [MX_BATCH] = {10, 15, 5, 55, 5, 10, 0}, [MX_DEF] = {45, 10, 15, 15, 4, 10, 1},
    [MX_HOST] = {80, 5, 0, 5, 5, 5, 0},   [MX_SK] = {20, 0, 0, 0, 80, 0, 0},
    [MX_AF] = {40, 20, 0, 25, 0, 15, 0},  [MX_CD] = {20, 30, 10, 25, 0, 10, 5},
    [MX_AD] = {0, 0, 60, 20, 0, 0, 20},   [MX_ADMIN] = {5, 10, 0, 20, 20, 0, 45},
    [MX_ADMINB] = {0, 0, 10, 50, 0, 0, 40}, [MX_PW] = {50, 0, 0, 0, 50, 0, 0},
};
/* Off hours (nights, weekends): interactive work drops (§6.5) [assumption]. */
static const double offhours_mul[AC_N] = {0.6, 0.25, 1.0, 2.0, 1.0, 0.5, 0.3};

struct tdef {
    char id[3];
    double share[2];      /* ‰ per profile: mimix-objaud, action-only */
    const char *subs;     /* "C:90,U:10" subtype weights */
    uint8_t mix;
    double burst;         /* share delivered in bursts (§6.3) [assumption] */
    uint16_t opaque;      /* ESD length for types without a layout, else 0 */
};

/* §6.1 shares; group rows split evenly: AP/PA 0.5, restore variants 0.2 (6
 * types), rare *SECURITY 0.1 (6 types), PU/PF 0.02. Opaque lengths are an
 * [assumption]: those layouts were not obtained, so only the sub-type byte
 * is written, followed by blanks up to a plausible length. */
static const struct tdef tdefs[T_N] = {
    [T_ZC] = {"ZC", {615, 0}, "C:90,U:10", MX_ZC, 0, 0},
    [T_ZR] = {"ZR", {30, 0}, "R:1", MX_ZR, 0, 0},
    [T_PS] = {"PS", {90, 280}, "A:50,H:40,E:1,I:1,M:1,P:2,R:1,S:1,T:1,U:0.5,V:0.5", MX_PS, 0, 0},
    [T_JS] = {"JS", {80, 250}, "P:350,S:180,E:180,M:100,B:60,C:70,T:30,H:8,R:7,N:10,A:5", MX_JS, 0, 0},
    [T_GS] = {"GS", {40, 125}, "G:50,R:49,U:1", MX_GS, 0, 0},
    [T_IP] = {"IP", {35, 105}, "C:30,D:30,G:34,A:5,F:1", MX_IP, 0, 80},
    [T_LD] = {"LD", {35, 0}, "K:85,L:8,U:7", MX_LD, 0, 600},
    [T_OM] = {"OM", {10, 32}, "R:70,M:30", MX_OBJ, 0, 0},
    [T_PO] = {"PO", {10, 32}, "S:80,D:10,R:10", MX_BATCH, 0, 250},
    [T_SG] = {"SG", {5, 15}, "A:1", MX_DEF, 0, 60},
    [T_SO] = {"SO", {4, 12}, "T:90,A:4,C:4,R:2", MX_HOST, 0, 200},
    [T_PG] = {"PG", {0.05, 0.15}, "A:1", MX_OBJ, 0.9, 0},
    [T_GR] = {"GR", {15, 48}, "F:80,A:10,D:5,R:5", MX_DEF, 0, 350},
    [T_SK] = {"SK", {8, 27}, "A:55,C:35,U:5,P:4,F:0.5,D:0.5", MX_SK, 0.2, 0},
    [T_CA] = {"CA", {5, 17}, "A:1", MX_OBJ, 0.3, 0},
    [T_CO] = {"CO", {4, 13}, "N:80,R:20", MX_OBJ, 0, 0},
    [T_DO] = {"DO", {4, 13}, "A:97,C:1,D:1,P:0.5,R:0.5", MX_OBJ, 0.3, 0},
    [T_AF] = {"AF", {3, 9}, "A:75,K:10,D:5,J:3,T:3,X:2,C:1,B:0.5,S:0.5", MX_AF, 0.6, 0},
    [T_SF] = {"SF", {1.5, 4.5}, "A:45,C:25,D:20,H:3,R:3,U:2,V:2", MX_BATCH, 0, 0},
    [T_OW] = {"OW", {1.5, 4.5}, "A:1", MX_OBJ, 0.3, 0},
    [T_CD] = {"CD", {1, 3}, "C:90,X:6,S:3,O:0.5,P:0.2,L:0.2,U:0.1", MX_CD, 0.5, 0},
    [T_AD] = {"AD", {1, 3}, "O:70,U:20,D:5,S:5", MX_AD, 0.5, 0},
    [T_OR] = {"OR", {0.5, 1.5}, "E:70,N:30", MX_ADMINB, 0, 0},
    [T_AP] = {"AP", {0.25, 0.75}, "S:45,E:45,A:10", MX_DEF, 0, 0},
    [T_PA] = {"PA", {0.25, 0.75}, "A:80,J:10,M:10", MX_ADMIN, 0, 0},
    [T_PW] = {"PW", {0.5, 1.5}, "P:75,U:12,Q:6,R:5,C:2", MX_PW, 0.6, 0},
    [T_CP] = {"CP", {0.3, 1}, "A:90,C:5,D:4,R:1", MX_ADMIN, 0, 0},
    [T_RA] = {"RA", {0.2 / 6, 0.6 / 6}, "A:1", MX_ADMINB, 0, 100},
    [T_RO] = {"RO", {0.2 / 6, 0.6 / 6}, "A:1", MX_ADMINB, 0, 0},
    [T_RZ] = {"RZ", {0.2 / 6, 0.6 / 6}, "A:1", MX_ADMINB, 0, 0},
    [T_RP] = {"RP", {0.2 / 6, 0.6 / 6}, "A:1", MX_ADMINB, 0, 0},
    [T_RU] = {"RU", {0.2 / 6, 0.6 / 6}, "A:1", MX_ADMINB, 0, 0},
    [T_RJ] = {"RJ", {0.2 / 6, 0.6 / 6}, "A:1", MX_ADMINB, 0, 0},
    [T_VA] = {"VA", {0.1 / 6, 0.3 / 6}, "S:90,F:10", MX_ADMIN, 0, 300},
    [T_VU] = {"VU", {0.1 / 6, 0.3 / 6}, "G:30,M:10,U:60", MX_ADMIN, 0, 120},
    [T_X0] = {"X0", {0.1 / 6, 0.3 / 6}, "1:60,5:20,A:20", MX_HOST, 0, 400},
    [T_JD] = {"JD", {0.1 / 6, 0.3 / 6}, "A:1", MX_ADMIN, 0, 0},
    [T_DS] = {"DS", {0.1 / 6, 0.3 / 6}, "A:40,C:30,P:30", MX_ADMIN, 0, 0},
    [T_NA] = {"NA", {0.1 / 6, 0.3 / 6}, "A:70,T:30", MX_ADMIN, 0, 511},
    [T_SV] = {"SV", {0.02, 0.06}, "A:90,C:5,B:2,F:3", MX_ADMIN, 0, 0},
    [T_PU] = {"PU", {0.01, 0.03}, "A:1", MX_ADMINB, 0, 600},
    [T_PF] = {"PF", {0.01, 0.03}, "A:1", MX_ADMINB, 0, 100},
};

/* Object types per entry type (§6.2; others [assumption]). */
struct otw {
    uint8_t t;
    double w;
};
#define OTW_MAX 8
static const struct otw ot_zc[] = {{OT_FILE, 75}, {OT_USRSPC, 10}, {OT_DTAARA, 8}, {OT_DTAQ, 4},
                                   {OT_STMF, 2}, {OT_PGM, 0.5}, {OT_DIR, 0.5}};
static const struct otw ot_zr[] = {{OT_FILE, 80}, {OT_PGM, 10}, {OT_STMF, 6}, {OT_DIR, 2},
                                   {OT_DTAARA, 2}};
static const struct otw ot_ca[] = {{OT_FILE, 40}, {OT_STMF, 18}, {OT_DIR, 7}, {OT_PGM, 10},
                                   {OT_LIB, 10}, {OT_DTAARA, 7}, {OT_OUTQ, 4}, {OT_SRVPGM, 4}};
static const struct otw ot_co[] = {{OT_FILE, 40}, {OT_PGM, 15}, {OT_STMF, 20}, {OT_DIR, 5},
                                   {OT_DTAARA, 10}, {OT_USRSPC, 10}};
static const struct otw ot_ow[] = {{OT_FILE, 50}, {OT_STMF, 20}, {OT_PGM, 10}, {OT_LIB, 10},
                                   {OT_DTAARA, 10}};
static const struct otw ot_om[] = {{OT_FILE, 60}, {OT_PGM, 15}, {OT_DTAARA, 10},
                                   {OT_SRVPGM, 10}, {OT_USRSPC, 5}};
static const struct otw ot_af[] = {{OT_FILE, 45}, {OT_PGM, 20}, {OT_DTAARA, 10}, {OT_CMD, 10},
                                   {OT_LIB, 10}, {OT_OUTQ, 5}};
static const struct otw ot_lib[] = {{OT_FILE, 55}, {OT_PGM, 25}, {OT_SRVPGM, 10},
                                    {OT_DTAARA, 10}};

/* ======================================================================
 * The generator object
 * ==================================================================== */

struct gap {
    uint32_t pos;     /* record index within the receiver */
    uint32_t size;    /* sequence numbers skipped before it */
};

struct rcvplan {
    uint64_t g0;          /* global index of the first slot in the system */
    uint32_t n;           /* records */
    uint64_t first_seq, first_sysseq;
    int64_t t0, t1;       /* time window: [t0, t1) */
    bool reset, missing;
    uint8_t ngaps;
    struct gap gaps[3];
    char name[11];
};

struct sysplan {
    char name[9];
    struct nm nm;         /* EBCDIC Char(8) in e[0..7] */
    uint64_t n;           /* entries planned */
    uint32_t nrcv;
    struct rcvplan *rcv;
    uint8_t jid[10];
    uint64_t jobnum_base;
    struct addr local4, local6;
};

struct jx_gen {
    struct jx_gen_opts o;
    const struct jx_ccsid *cc;
    size_t reclen;
    uint32_t entdtalen, cap;     /* cap: ESD bytes a record holds */
    uint32_t data_off;           /* ESD data offset in the record */

    /* time model */
    uint32_t nhours;
    double *hw, *cum;            /* weight per hour, cumulative (nhours+1) */
    int64_t us_per_job;

    struct sysplan *sys;

    /* world */
    struct nm *users;            /* U_FIXED fixed + NUSERS_NAMED named */
    uint32_t nusers;
    struct nm *libs;
    struct nm *names;            /* object names (all library types) */
    uint32_t nnames;
    struct obj *objs[OT_N];      /* per library type */
    uint32_t nobjs[OT_N];
    struct alias obj_zipf[OT_N];
    struct obj hotzc[NHOTZC];
    struct nm otype[OT_N];
    struct nm host_jobs[JX_ARRAY_SIZE(host_jobs)], mimix_jobs[JX_ARRAY_SIZE(mimix_jobs)];
    struct nm mimix_pgms[JX_ARRAY_SIZE(mimix_pgms)], batch_jobs[JX_ARRAY_SIZE(batch_jobs)];
    struct nm sys_jobs[JX_ARRAY_SIZE(sys_jobs)], sys_pgms[JX_ARRAY_SIZE(sys_pgms)];
    struct nm groups[JX_ARRAY_SIZE(group_profiles)], bogus[JX_ARRAY_SIZE(bogus_users)];
    struct nm devices[NDEVICES];
    struct nm n_qcmd, n_quicmenu, n_qsys, n_qgpl, n_mimix, n_blank, n_mimix_lib;
    struct nm n_qdftjobd, n_public, n_rcvlib, n_jrnmgr, n_omsrv01, n_lvsrv03;
    struct nm n_wmsxtlt[64];
    struct addr clients[NCLIENTS], scanners[NSCANNERS], plant_pw_addr;
    struct path *paths;
    struct alias a_users, a_clients, a_paths, a_hostjobs, a_admin;
    struct alias a_class[MX_N][2];
    struct alias a_sub[T_N];
    char subs[T_N][32];          /* subtype letters, index = alias draw */
    struct alias a_single[2];    /* background type mix per profile */
    struct alias a_ot[T_N];      /* object type per entry type (some types) */
    const struct otw *ot_tab[T_N];
    double total_share;
};

/* ---- small helpers on names -------------------------------------------- */

static void nm_set(const struct jx_gen *g, struct nm *n, const char *s)
{
    snprintf(n->u8, sizeof(n->u8), "%.10s", s);
    jx_u2e(g->cc, n->u8, n->e, 10);
}

static void addr_set(const struct jx_gen *g, struct addr *a, const char *s)
{
    snprintf(a->u8, sizeof(a->u8), "%s", s);
    jx_u2e(g->cc, a->u8, a->e, 46);
    a->fam = strchr(s, ':') ? '6' : '4';
}

static const char *const b36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* Expand a path template; returns into buf. */
static void path_expand(struct rng *r, const char *tmpl, const char *user, char *buf, size_t cap)
{
    size_t o = 0;
    for (const char *p = tmpl; *p && o + 40 < cap; p++) {
        if (*p != '%') {
            buf[o++] = *p;
            continue;
        }
        p++;
        switch (*p) {
        case 'u': o += (size_t)snprintf(buf + o, cap - o, "%s", user); break;
        case 'w': o += (size_t)snprintf(buf + o, cap - o, "%s",
                                        path_words[rbelow(r, JX_ARRAY_SIZE(path_words))]); break;
        case 'n': o += (size_t)snprintf(buf + o, cap - o, "%u", rbelow(r, 1000)); break;
        case 'x': o += (size_t)snprintf(buf + o, cap - o, "%s",
                                        path_exts[rbelow(r, JX_ARRAY_SIZE(path_exts))]); break;
        case 'd': o += (size_t)snprintf(buf + o, cap - o, "%s",
                                        depts[rbelow(r, JX_ARRAY_SIZE(depts))]); break;
        case 'a': o += (size_t)snprintf(buf + o, cap - o, "%s",
                                        apps[rbelow(r, JX_ARRAY_SIZE(apps))]); break;
        case 'y': o += (size_t)snprintf(buf + o, cap - o, "%u", 2018 + rbelow(r, 8)); break;
        default: buf[o++] = *p; break;
        }
    }
    buf[o] = '\0';
    /* a long tail of deep paths (some longer than a 1024-byte JOESD holds) */
    if (rbelow(r, 100) < 3) {
        char *dot = strrchr(buf, '/');
        if (dot && o + 200 < cap) {
            char tail[1024];
            snprintf(tail, sizeof(tail), "%s", dot);
            size_t at = (size_t)(dot - buf);
            int depth = 4 + (int)rbelow(r, 12);
            for (int i = 0; i < depth && at + 60 < cap; i++) {
                const char *wd = path_words[rbelow(r, JX_ARRAY_SIZE(path_words))];
                at += (size_t)snprintf(buf + at, cap - at, "/%s_%u", wd, rbelow(r, 100));
            }
            snprintf(buf + at, cap - at, "%s", tail);
        }
    }
}

static int path_build(struct path *pa, const char *u8, struct rng *r)
{
    size_t l = strlen(u8);
    pa->u8 = jx_malloc(l + 1);
    pa->u16 = jx_malloc(2 * l + 2);
    if (!pa->u8 || !pa->u16)
        return JX_E_NOMEM;
    memcpy(pa->u8, u8, l + 1);
    size_t n = jx_utf8_to_utf16be(u8, pa->u16, 2 * l + 2);
    pa->u16len = (uint16_t)n;
    pa->nchars = (uint16_t)(n / 2);
    pa->base = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        if (pa->u16[i] == 0 && pa->u16[i + 1] == '/')
            pa->base = (uint16_t)(i + 2);
    for (int i = 0; i < 16; i++) {
        pa->fid[i] = (uint8_t)rnext(r);
        pa->parent[i] = (uint8_t)rnext(r);
    }
    pa->ccsid = rbelow(r, 10) == 0 ? 13488 : 1200;
    return JX_OK;
}

/* "C:90,U:10" into letters + weights, and an alias table. */
static int subs_build(struct jx_gen *g, int t)
{
    double w[32];
    int n = 0;
    const char *p = tdefs[t].subs;
    while (*p && n < 31) {
        g->subs[t][n] = *p;
        w[n] = strtod(p + 2, (char **)&p);
        n++;
        if (*p == ',')
            p++;
    }
    g->subs[t][n] = '\0';
    return alias_build(&g->a_sub[t], w, (uint32_t)n);
}

static int otw_build(struct jx_gen *g, int t, const struct otw *tab, size_t n)
{
    double w[OTW_MAX];
    for (size_t i = 0; i < n; i++)
        w[i] = tab[i].w;
    g->ot_tab[t] = tab;
    return alias_build(&g->a_ot[t], w, (uint32_t)n);
}

static int build_world(struct jx_gen *g)
{
    struct rng r = {hmix(g->o.seed, 0x574F524C44ULL)}; /* "WORLD" */
    double *w = NULL;
    char buf[2048];
    int rc = JX_E_NOMEM;
    const uint32_t wmax = 8192;

    w = jx_calloc(wmax, sizeof(double));
    if (!w)
        goto out;
    for (int i = 0; i < OT_N; i++)
        nm_set(g, &g->otype[i], objtype_names[i]);

    /* users: fixed profiles, then named ones (initial + surname, a few with
     * the variant characters $ # @ whose code points differ by CCSID) */
    g->nusers = U_FIXED + NUSERS_NAMED;
    g->users = jx_calloc(g->nusers, sizeof(struct nm));
    if (!g->users)
        goto out;
    for (int i = 0; i < U_FIXED; i++)
        nm_set(g, &g->users[i], fixed_users[i]);
    static const char *const special[] = {"OPS#1", "OPS#2", "ADM@DEV", "$BATCH", "EDI$USR",
                                          "WEB#SVC", "WEBSVC", "EDIUSER", "ETLUSER", "APIUSER",
                                          "DBUSER", "KTANAKA"};
    for (uint32_t i = 0; i < NUSERS_NAMED; i++) {
        if (i < JX_ARRAY_SIZE(special)) {
            snprintf(buf, sizeof(buf), "%s", special[i]);
        } else {
            const char *sn = surnames[rbelow(&r, JX_ARRAY_SIZE(surnames))];
            char ini = (char)('A' + rbelow(&r, 26));
            if (i % 7 == 0)
                snprintf(buf, sizeof(buf), "%c%c%.8s", ini, (char)('A' + rbelow(&r, 26)), sn);
            else
                snprintf(buf, sizeof(buf), "%c%.9s", ini, sn);
            if (i % 11 == 0) {
                size_t l = strlen(buf);
                if (l > 8)
                    l = 8;
                snprintf(buf + l, sizeof(buf) - l, "%u", 1 + rbelow(&r, 9));
            }
            if (!strcmp(buf, JX_PLANT_ADMIN) || !strcmp(buf, JX_PLANT_GRANTEE))
                buf[0] = 'Z';
        }
        nm_set(g, &g->users[U_FIXED + i], buf);
    }
    zipf_weights(w, NUSERS_NAMED, 1.1);
    if (alias_build(&g->a_users, w, NUSERS_NAMED) || alias_build(&g->a_admin, admin_w, 6))
        goto out;

    /* libraries */
    g->libs = jx_calloc(NLIBS, sizeof(struct nm));
    if (!g->libs)
        goto out;
    for (uint32_t i = 0; i < NLIBS; i++) {
        if (i < JX_ARRAY_SIZE(lib_fixed))
            snprintf(buf, sizeof(buf), "%s", lib_fixed[i]);
        else {
            char tail[2] = {i % 3 ? '\0' : b36[rbelow(&r, 36)], '\0'};
            const char *pre = lib_pre[rbelow(&r, JX_ARRAY_SIZE(lib_pre))];
            snprintf(buf, sizeof(buf), "%s%s%s", pre,
                     lib_suf[rbelow(&r, JX_ARRAY_SIZE(lib_suf))], tail);
        }
        nm_set(g, &g->libs[i], buf);
    }

    /* objects of library types: Zipf(1.2) within each type (§6.4) */
    static const uint32_t pool[OT_N] = {
        [OT_FILE] = 6000, [OT_PGM] = 2500, [OT_SRVPGM] = 400, [OT_USRSPC] = 500,
        [OT_DTAARA] = 800, [OT_DTAQ] = 300, [OT_CMD] = 0, [OT_LIB] = 0, [OT_USRPRF] = 0,
        [OT_OUTQ] = 60, [OT_JOBD] = 120, [OT_JRNRCV] = 0, [OT_STMF] = 0, [OT_DIR] = 0,
        [OT_MSGQ] = 100, [OT_AUTL] = 40};
    uint32_t total = 0;
    for (int t = 0; t < OT_N; t++)
        total += pool[t];
    g->names = jx_calloc(total + 64, sizeof(struct nm));
    if (!g->names)
        goto out;
    for (int t = 0; t < OT_N; t++) {
        if (!pool[t])
            continue;
        g->objs[t] = jx_calloc(pool[t], sizeof(struct obj));
        if (!g->objs[t])
            goto out;
        g->nobjs[t] = pool[t];
        for (uint32_t i = 0; i < pool[t]; i++) {
            switch (t) {
            case OT_OUTQ: snprintf(buf, sizeof(buf), "PRT%02u%s", i, i % 2 ? "OUTQ" : ""); break;
            case OT_JOBD: snprintf(buf, sizeof(buf), "%sJOBD%u", obj_pre[i % JX_ARRAY_SIZE(obj_pre)], i / 24); break;
            case OT_MSGQ: snprintf(buf, sizeof(buf), "%sMSGQ%u", obj_pre[i % JX_ARRAY_SIZE(obj_pre)], i / 24); break;
            case OT_AUTL: snprintf(buf, sizeof(buf), "%sAUTL%u", obj_pre[i % JX_ARRAY_SIZE(obj_pre)], i / 24); break;
            default: {
                /* one draw per statement: argument evaluation order is unspecified */
                static const char *const pgm_suf[] = {"R", "C", "P", "SVC", "01"};
                const char *pre = obj_pre[rbelow(&r, JX_ARRAY_SIZE(obj_pre))];
                const char *mid = obj_mid[rbelow(&r, JX_ARRAY_SIZE(obj_mid))];
                const char *suf = t == OT_FILE ? obj_suf[rbelow(&r, JX_ARRAY_SIZE(obj_suf))]
                                  : t == OT_PGM ? pgm_suf[rbelow(&r, 5)]
                                  : t == OT_USRSPC ? "SPC" : t == OT_DTAARA ? "DA" : "Q";
                snprintf(buf, sizeof(buf), "%s%s%s", pre, mid, suf);
            }
            }
            nm_set(g, &g->names[g->nnames], buf);
            g->objs[t][i].name = g->nnames++;
            /* libraries: application libraries mostly, skewed */
            uint32_t lib = JX_ARRAY_SIZE(lib_fixed) + (uint32_t)(pow(runif(&r), 2.0) * (NLIBS - JX_ARRAY_SIZE(lib_fixed)));
            if (rbelow(&r, 10) == 0)
                lib = 1 + rbelow(&r, JX_ARRAY_SIZE(lib_fixed) - 1);
            g->objs[t][i].lib = lib < NLIBS ? lib : NLIBS - 1;
        }
        zipf_weights(w, pool[t], 1.2);
        if (alias_build(&g->obj_zipf[t], w, pool[t]))
            goto out;
    }
    /* two continuously rewritten configuration files (xtl400: 23% of ZC) */
    static const char *const hot[NHOTZC][2] = {{"MXCFGDTA", "MIMIX"}, {"WMSCTLF", "WMSPROD"}};
    for (int i = 0; i < NHOTZC; i++) {
        nm_set(g, &g->names[g->nnames], hot[i][0]);
        g->hotzc[i].name = g->nnames++;
        for (uint32_t l = 0; l < NLIBS; l++)
            if (!strcmp(g->libs[l].u8, hot[i][1]))
                g->hotzc[i].lib = l;
    }

    for (size_t i = 0; i < JX_ARRAY_SIZE(host_jobs); i++)
        nm_set(g, &g->host_jobs[i], host_jobs[i]);
    for (size_t i = 0; i < JX_ARRAY_SIZE(mimix_jobs); i++)
        nm_set(g, &g->mimix_jobs[i], mimix_jobs[i]);
    for (size_t i = 0; i < JX_ARRAY_SIZE(mimix_pgms); i++)
        nm_set(g, &g->mimix_pgms[i], mimix_pgms[i]);
    for (size_t i = 0; i < JX_ARRAY_SIZE(batch_jobs); i++)
        nm_set(g, &g->batch_jobs[i], batch_jobs[i]);
    for (size_t i = 0; i < JX_ARRAY_SIZE(sys_jobs); i++) {
        nm_set(g, &g->sys_jobs[i], sys_jobs[i]);
        nm_set(g, &g->sys_pgms[i], sys_pgms[i]);
    }
    for (size_t i = 0; i < JX_ARRAY_SIZE(group_profiles); i++)
        nm_set(g, &g->groups[i], group_profiles[i]);
    for (size_t i = 0; i < JX_ARRAY_SIZE(bogus_users); i++)
        nm_set(g, &g->bogus[i], bogus_users[i]);
    for (uint32_t i = 0; i < NDEVICES; i++) {
        uint32_t v = i + 1;
        snprintf(buf, sizeof(buf), "QPADEV%c%c%c%c", b36[v / 46656 % 36], b36[v / 1296 % 36],
                 b36[v / 36 % 36], b36[v % 36]);
        nm_set(g, &g->devices[i], buf);
    }
    for (uint32_t i = 0; i < 64; i++) {
        snprintf(buf, sizeof(buf), "WMSXTLT%03u", i);
        nm_set(g, &g->n_wmsxtlt[i], buf);
    }
    nm_set(g, &g->n_qcmd, "QCMD");
    nm_set(g, &g->n_quicmenu, "QUICMENU");
    nm_set(g, &g->n_qsys, "QSYS");
    nm_set(g, &g->n_qgpl, "QGPL");
    nm_set(g, &g->n_mimix, "MIMIX");
    nm_set(g, &g->n_mimix_lib, "MIMIX");
    nm_set(g, &g->n_blank, "");
    nm_set(g, &g->n_qdftjobd, "QDFTJOBD");
    nm_set(g, &g->n_public, "*PUBLIC");
    nm_set(g, &g->n_rcvlib, "AUDRCVLIB");
    nm_set(g, &g->n_jrnmgr, "JRNMGR");
    nm_set(g, &g->n_omsrv01, "OMSRV01");
    nm_set(g, &g->n_lvsrv03, "LVSRV03");

    /* client addresses: 10/8 and 192.168/16, ~15% IPv6 [assumption] */
    for (uint32_t i = 0; i < NCLIENTS; i++) {
        uint32_t k = rbelow(&r, 100), a1 = rbelow(&r, 8), a2 = rbelow(&r, 256);
        uint32_t a3 = 1 + rbelow(&r, 0xfff), a4 = 1 + rbelow(&r, 254);
        if (k < 15)
            snprintf(buf, sizeof(buf), "fd00:%x:%x::%x", 0x10 + a1, a2, a3);
        else if (k < 60)
            snprintf(buf, sizeof(buf), "10.%u.%u.%u", a1 % 4, a2, a4);
        else
            snprintf(buf, sizeof(buf), "192.168.%u.%u", a2 % 64, a4);
        addr_set(g, &g->clients[i], buf);
    }
    static const char *const scan[NSCANNERS] = {"198.51.100.23", "203.0.113.145", "2001:db8:bad:1::66",
                                                "198.51.100.201", "203.0.113.9"};
    for (int i = 0; i < NSCANNERS; i++)
        addr_set(g, &g->scanners[i], scan[i]);
    addr_set(g, &g->plant_pw_addr, JX_PLANT_PW_ADDR);
    zipf_weights(w, NCLIENTS, 1.0);
    if (alias_build(&g->a_clients, w, NCLIENTS) || alias_build(&g->a_hostjobs, host_jobs_w, JX_ARRAY_SIZE(host_jobs)))
        goto out;

    /* IFS paths, Zipf(1.0) [assumption] */
    g->paths = jx_calloc(NPATHS, sizeof(struct path));
    if (!g->paths)
        goto out;
    if (alias_build(&g->a_paths, path_roots_w, JX_ARRAY_SIZE(path_roots)))
        goto out;
    for (uint32_t i = 0; i < NPATHS; i++) {
        char user[16];
        const char *un = g->users[U_FIXED + 12 + rbelow(&r, 300)].u8;
        size_t k = 0;
        for (; un[k] && k < sizeof(user) - 1; k++)
            user[k] = (char)((un[k] >= 'A' && un[k] <= 'Z') ? un[k] + 32 : un[k] == '#' || un[k] == '@' || un[k] == '$' ? '_' : un[k]);
        user[k] = '\0';
        path_expand(&r, path_roots[adraw(&g->a_paths, &r)], user, buf, sizeof(buf));
        if ((rc = path_build(&g->paths[i], buf, &r)) != JX_OK)
            goto out;
    }
    alias_free(&g->a_paths);
    zipf_weights(w, NPATHS, 1.0);
    rc = JX_E_NOMEM;
    if (alias_build(&g->a_paths, w, NPATHS))
        goto out;

    /* actor-class tables, business hours [0] and off hours [1] */
    for (int m = 0; m < MX_N; m++)
        for (int off = 0; off < 2; off++) {
            double cw[AC_N];
            for (int c = 0; c < AC_N; c++)
                cw[c] = mix_w[m][c] * (off ? offhours_mul[c] : 1.0);
            if (alias_build(&g->a_class[m][off], cw, AC_N))
                goto out;
        }
    for (int t = 0; t < T_N; t++)
        if (subs_build(g, t))
            goto out;
    if (otw_build(g, T_ZC, ot_zc, JX_ARRAY_SIZE(ot_zc)) || otw_build(g, T_ZR, ot_zr, JX_ARRAY_SIZE(ot_zr)) ||
        otw_build(g, T_CA, ot_ca, JX_ARRAY_SIZE(ot_ca)) || otw_build(g, T_CO, ot_co, JX_ARRAY_SIZE(ot_co)) ||
        otw_build(g, T_DO, ot_co, JX_ARRAY_SIZE(ot_co)) || otw_build(g, T_OW, ot_ow, JX_ARRAY_SIZE(ot_ow)) ||
        otw_build(g, T_OM, ot_om, JX_ARRAY_SIZE(ot_om)) || otw_build(g, T_AF, ot_af, JX_ARRAY_SIZE(ot_af)) ||
        otw_build(g, T_PG, ot_ow, JX_ARRAY_SIZE(ot_ow)) || otw_build(g, T_RO, ot_ow, JX_ARRAY_SIZE(ot_ow)) ||
        otw_build(g, T_RZ, ot_ow, JX_ARRAY_SIZE(ot_ow)) || otw_build(g, T_OR, ot_lib, JX_ARRAY_SIZE(ot_lib)) ||
        otw_build(g, T_AP, ot_lib, JX_ARRAY_SIZE(ot_lib)))
        goto out;

    /* background ("single") type mix per profile: the bursty share moves to
     * bursts (§6.3) */
    for (int p = 0; p < 2; p++) {
        double tw[T_N];
        for (int t = 0; t < T_N; t++)
            tw[t] = tdefs[t].share[p] * (1.0 - tdefs[t].burst);
        if (alias_build(&g->a_single[p], tw, T_N))
            goto out;
    }
    g->total_share = 0;
    for (int t = 0; t < T_N; t++)
        g->total_share += tdefs[t].share[g->o.profile];
    rc = JX_OK;
out:
    jx_free(w);
    return rc;
}

/* ======================================================================
 * Time model (§6.5): weight per hour; entry k of a system sits where the
 * cumulative weight reaches k/n of the total.
 * ==================================================================== */

static double hour_weight(int64_t day_start, int hour)
{
    static const double wk[24] = {0.8, 0.8, 0.8, 0.8, 0.8, 0.6, 0.6, 1.35, 1.35, 1.35, 1.35, 1.35,
                                  1.35, 1.35, 1.35, 1.35, 1.35, 1.35, 1.35, 0.8, 0.8, 0.8, 0.9, 0.9};
    int wd = jx_ts_weekday(day_start);
    double m = wk[hour];
    if (wd >= 5)
        return 0.5 * m;
    /* month-end: the last business day runs at 2x */
    int y, mo, d, h, mi, s, us;
    int64_t next = day_start + JX_US_PER_DAY * (wd == 4 ? 3 : 1);
    jx_ts_split(day_start, &y, &mo, &d, &h, &mi, &s, &us);
    int mo2;
    jx_ts_split(next, &y, &mo2, &d, &h, &mi, &s, &us);
    return mo2 != mo ? 2.0 * m : m;
}

static int build_time(struct jx_gen *g)
{
    g->nhours = (uint32_t)g->o.days * 24;
    g->hw = jx_calloc(g->nhours, sizeof(double));
    g->cum = jx_calloc(g->nhours + 1, sizeof(double));
    if (!g->hw || !g->cum)
        return JX_E_NOMEM;
    for (uint32_t h = 0; h < g->nhours; h++) {
        g->hw[h] = hour_weight(g->o.start + (int64_t)(h / 24) * JX_US_PER_DAY, (int)(h % 24));
        g->cum[h + 1] = g->cum[h] + g->hw[h];
    }
    return JX_OK;
}

/* Time of fractional slot `x` (0..n) of a system with n entries; *hc is a
 * cursor that makes a forward walk O(1). */
static int64_t time_at(const struct jx_gen *g, uint64_t n, double x, uint32_t *hc)
{
    double c = x / (double)n * g->cum[g->nhours];
    uint32_t h = *hc;
    if (h >= g->nhours || g->cum[h] > c) {
        uint32_t lo = 0, hi = g->nhours;
        while (hi - lo > 1) {
            uint32_t mid = (lo + hi) / 2;
            if (g->cum[mid] <= c)
                lo = mid;
            else
                hi = mid;
        }
        h = lo;
    }
    while (h + 1 < g->nhours && g->cum[h + 1] <= c)
        h++;
    *hc = h;
    double f = (c - g->cum[h]) / g->hw[h];
    if (f < 0)
        f = 0;
    if (f > 1)
        f = 1;
    return g->o.start + (int64_t)h * 3600 * JX_US_PER_SEC + (int64_t)(f * 3600.0 * 1e6);
}
