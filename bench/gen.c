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

/* CD command templates (shapes from realistic-mix §3.3) [assumption: mix] */
static const char *const cd_tmpl[] = {
    "CHKOBJ OBJ(%L/%D) OBJTYPE(*DTAARA)", "DLYJOB DLY(%n)",
    "QSYS/PING RMTSYS(%S) MSGMODE(*QUIET *ESCAPE) NBRPKT(1)", "CALL PGM(%L/%P)",
    "CALL PGM(%L/%P) PARM('%W' '%n')", "SBMJOB CMD(CALL PGM(%L/%P)) JOB(%J) JOBQ(QBATCH)",
    "OVRDBF FILE(%O) TOFILE(%L/%O) SHARE(*YES)", "DLTOVR FILE(*ALL)", "CLRPFM FILE(%L/%O)",
    "CPYF FROMFILE(%L/%O) TOFILE(QTEMP/%O) MBROPT(*REPLACE) CRTFILE(*YES)", "ADDLIBLE LIB(%L)",
    "RMVLIBLE LIB(%L)", "CHGJOB LOG(4 00 *SECLVL) LOGCLPGM(*YES)",
    "SNDPGMMSG MSG('%W %W complete') TOPGMQ(*EXT)", "RTVDTAARA DTAARA(%L/%D) RTNVAR(&%W)",
    "CHGDTAARA DTAARA(%L/%D (1 10)) VALUE('%W')", "WRKACTJOB", "DSPJOBLOG", "SIGNOFF",
    "CRTDUPOBJ OBJ(%O) FROMLIB(%L) OBJTYPE(*FILE) TOLIB(QTEMP)",
    "GRTOBJAUT OBJ(%L/%O) OBJTYPE(*FILE) USER(%U) AUT(*CHANGE)",
    "RVKOBJAUT OBJ(%L/%O) OBJTYPE(*FILE) USER(%U) AUT(*ALL)",
    "CHGUSRPRF USRPRF(%U) STATUS(*ENABLED)", "CHGUSRPRF USRPRF(%U) PASSWORD(*NONE)",
    "CHGUSRPRF USRPRF(%U) SPCAUT(*ALLOBJ)", "CHGUSRPRF USRPRF(%U) SPCAUT(*ALLOBJ *SECADM)",
    "RUNSQLSTM SRCFILE(%L/QSQLSRC) SRCMBR(%O) COMMIT(*NONE)", "STRJRNPF FILE(%L/%O) JRN(%L/QSQJRN)",
    "SAVLIB LIB(%L) DEV(*SAVF) SAVF(QGPL/%W)", "RCLRSC", "WRKSPLF",
    "ENDJOB JOB(%N/%U/%J) OPTION(*IMMED)", "DSPUSRPRF USRPRF(%U)", "STRQSH CMD('ls -l /tmp')"};
static const double cd_tmpl_w[] = {10, 12, 3, 12, 8, 5, 8, 8, 4, 4, 8, 3, 2, 3, 4, 4, 4, 4, 4, 3,
                                   2, 1, 1, 0.5, 0.3, 0.2, 2, 1, 1, 2, 1, 1, 1, 1};
static const char *const cd_words[] = {"ORDERS", "DAILY", "INVOICE", "BATCH", "RESULT",
                                       "EXPORT", "STATUS", "TOTAL", "CUSTOMER", "PICKLIST"};

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
    [MX_ZC] = {45, 8, 22, 13, 2, 9, 1},   [MX_ZR] = {45, 15, 10, 20, 2, 7, 1},
    [MX_PS] = {88, 5, 0, 5, 0, 0, 2},     [MX_JS] = {40, 15, 5, 25, 10, 4, 1},
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
    struct alias a_cdtmpl;       /* CD command templates */
    struct nm cmds[8];           /* *CMD objects (AF K, CD) */
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
    snprintf(a->u8, sizeof(a->u8), "%.46s", s);
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
    /* Zipf rank = index: application service profiles lead (host-server
     * clients), people follow; names with $ # @ sit at spread ranks */
    static const struct { uint32_t at; const char *name; } special[] = {
        {0, "WEBSVC"}, {1, "ETLUSER"}, {2, "APIUSER"}, {4, "EDIUSER"}, {6, "DBUSER"},
        {9, "OPS#1"}, {23, "ADM@DEV"}, {57, "$BATCH"}, {131, "EDI$USR"}, {402, "WEB#SVC"},
        {911, "OPS#2"}, {15, "KTANAKA"}};
    for (uint32_t i = 0; i < NUSERS_NAMED; i++) {
        const char *sp = NULL;
        for (size_t k = 0; k < JX_ARRAY_SIZE(special); k++)
            if (special[k].at == i)
                sp = special[k].name;
        if (sp) {
            snprintf(buf, sizeof(buf), "%s", sp);
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
    static const char *const cmdnames[8] = {"CHGUSRPRF", "CRTUSRPRF", "DLTUSRPRF", "CHGSYSVAL",
                                            "STRSST", "PWRDWNSYS", "CHGOBJOWN", "ENDSBS"};
    for (int i = 0; i < 8; i++)
        nm_set(g, &g->cmds[i], cmdnames[i]);
    if (alias_build(&g->a_cdtmpl, cd_tmpl_w, JX_ARRAY_SIZE(cd_tmpl_w)))
        goto out;
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
        for (; k < sizeof(user) - 1 && un[k]; k++)
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
        otw_build(g, T_PG, ot_lib, JX_ARRAY_SIZE(ot_lib)) || otw_build(g, T_RO, ot_ow, JX_ARRAY_SIZE(ot_ow)) ||
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

/* ======================================================================
 * Plan: per system, its receivers (size, first sequence, time window,
 * resets, small sequence gaps, the missing one).
 * ==================================================================== */

#define PLANT_ENTRIES (20 + 2 + 1 + 1)

static int plan_systems(struct jx_gen *g, struct jx_errctx *err)
{
    const struct jx_gen_opts *o = &g->o;
    const uint64_t S = (uint64_t)o->systems, R = o->receiver_entries;
    g->sys = jx_calloc(S, sizeof(struct sysplan));
    if (!g->sys)
        return jx_error(err, JX_E_NOMEM, "", -1, -1, "out of memory");
    double per_day = (double)o->entries / (double)S / o->days;
    double jobs_day = per_day / 300.0;   /* [assumption] 2,000..70,000 jobs a day (§6.4) */
    if (jobs_day < 2000)
        jobs_day = 2000;
    if (jobs_day > 70000)
        jobs_day = 70000;
    g->us_per_job = (int64_t)(86400e6 / jobs_day);
    for (uint64_t s = 0; s < S; s++) {
        struct sysplan *sp = &g->sys[s];
        struct rng r = {hmix3(o->seed, 0x504C414EULL, s)}; /* "PLAN" */
        snprintf(sp->name, sizeof(sp->name), "SYS%c", (char)('A' + s));
        nm_set(g, &sp->nm, sp->name);
        sp->n = o->entries / S + (s < o->entries % S);
        uint64_t nrcv = (sp->n + R - 1) / R;
        if (nrcv > 9999)
            return jx_error(err, JX_E_USAGE, "", -1, -1,
                            "system %s would need %llu receivers (AUDRCV0001..9999 at most): "
                            "raise --receiver-entries", sp->name, (unsigned long long)nrcv);
        sp->nrcv = (uint32_t)nrcv;
        for (int i = 0; i < 10; i++)
            sp->jid[i] = (uint8_t)rnext(&r);
        sp->jobnum_base = rnext(&r) % 999999;
        char ip[64];
        snprintf(ip, sizeof(ip), "10.0.%u.%u", 1 + (unsigned)s, 185 + rbelow(&r, 60));
        addr_set(g, &sp->local4, ip);
        snprintf(ip, sizeof(ip), "fd00:1:%x::185", 1 + (unsigned)s);
        addr_set(g, &sp->local6, ip);
        sp->rcv = jx_calloc(nrcv ? nrcv : 1, sizeof(struct rcvplan));
        if (!sp->rcv)
            return jx_error(err, JX_E_NOMEM, "", -1, -1, "out of memory");
        int64_t missing = -1;
        if (o->missing_receiver && s == 0) {
            if (nrcv < 3)
                return jx_error(err, JX_E_USAGE, "", -1, -1,
                                "--missing-receiver needs at least 3 receivers in %s (has %llu)",
                                sp->name, (unsigned long long)nrcv);
            missing = (int64_t)(nrcv / 2);
        }
        /* resets: about one receiver in 8 (at least one), never the first,
         * the missing one or the one after it (the gap must stay visible) */
        if (o->resets) {
            int any = 0;
            for (uint64_t k = 1; k < nrcv; k++) {
                if ((int64_t)k == missing || (int64_t)k == missing + 1)
                    continue;
                if (hmix3(o->seed, 0x5245534554ULL + s, k) % 8 == 0) {
                    sp->rcv[k].reset = true;
                    any = 1;
                }
            }
            for (uint64_t k = nrcv / 2 + 1; !any && k < nrcv + nrcv / 2 + 1; k++) {
                uint64_t kk = k % nrcv;
                if (kk == 0 || (int64_t)kk == missing || (int64_t)kk == missing + 1)
                    continue;
                sp->rcv[kk].reset = true;
                any = 1;
            }
            if (!any)
                return jx_error(err, JX_E_USAGE, "", -1, -1,
                                "--resets needs a receiver that can start a new chain in %s: "
                                "it has %llu receiver(s)%s; give more entries or a smaller "
                                "--receiver-entries", sp->name, (unsigned long long)nrcv,
                                missing >= 0 ? " and --missing-receiver removes one" : "");
        }
        /* sequence numbers start high: journals run for years [assumption] */
        uint64_t seq = 1 + rnext(&r) % 9000000000ULL;
        uint64_t ssq = 1000000 + rnext(&r) % 1000000000000ULL;
        uint32_t hc = 0;
        for (uint64_t k = 0; k < nrcv; k++) {
            struct rcvplan *rp = &sp->rcv[k];
            struct rng rr = {hmix3(o->seed, 0x474150ULL + s, k)}; /* "GAP" */
            rp->g0 = k * R;
            rp->n = (uint32_t)JX_MIN(R, sp->n - rp->g0);
            rp->missing = (int64_t)k == missing;
            if (rp->reset)
                seq = 1;
            rp->first_seq = seq;
            rp->first_sysseq = ssq;
            snprintf(rp->name, sizeof(rp->name), "AUDRCV%04u", (unsigned)(k + 1));
            /* 0-2 small gaps (internal entries, §2.0) [assumption] */
            uint32_t ng = rbelow(&rr, 3);
            uint64_t total = rp->n;
            for (uint32_t i = 0; i < ng && rp->n > 2; i++) {
                struct gap gp = {1 + rbelow(&rr, rp->n - 1), 1 + rbelow(&rr, 3)};
                uint32_t j = rp->ngaps;
                while (j > 0 && rp->gaps[j - 1].pos > gp.pos) {
                    rp->gaps[j] = rp->gaps[j - 1];
                    j--;
                }
                rp->gaps[j] = gp;
                rp->ngaps++;
                total += gp.size;
            }
            seq += total;
            ssq += total;
            rp->t0 = time_at(g, sp->n, (double)rp->g0, &hc);
            rp->t1 = time_at(g, sp->n, (double)(rp->g0 + rp->n), &hc);
            if (rp->t1 <= rp->t0 + 16)
                rp->t1 = rp->t0 + 16;
        }
        if (o->plants && s == 0 && sp->nrcv && sp->rcv[0].n < PLANT_ENTRIES + 8)
            return jx_error(err, JX_E_USAGE, "", -1, -1,
                            "--plant needs at least %u entries in %s's first receiver",
                            PLANT_ENTRIES + 8, sp->name);
    }
    return JX_OK;
}

/* ======================================================================
 * Receiver streams
 * ==================================================================== */

enum bkind {
    BK_PW, BK_AF, BK_SK, BK_CD, BK_PG, BK_CA, BK_OW, BK_DO, BK_AD,
    BK_PLANT_PW, BK_PLANT_ALLOBJ, BK_PLANT_SV, BK_PLANT_AD
};

struct actor {
    const struct nm *job, *juser, *cuser, *pgm, *plib;
    uint32_t nbr;
    const struct addr *ip;   /* NULL: no remote address (JOADF '0') */
    uint16_t port;
    uint64_t thd;
};

struct tobj {
    const struct nm *name, *lib, *type;
    const struct path *path;
    uint8_t ot;
};

struct burst {
    uint8_t kind;
    uint32_t n;              /* entries */
    uint32_t m;              /* PW storm: attempts before the lockout CP */
    int64_t start, step;
    int64_t late_ts;         /* PW storm: the re-enable CP */
    struct actor a;
    uint32_t user;           /* target user */
    struct tobj o;
    uint32_t lib;
    const struct addr *ip;
    uint32_t extra;
};

struct bent {
    int64_t ts;
    uint32_t b, k;
};

struct tpend {
    char *dst;
    const char *src;
    uint32_t off, len;
};

#define ESD_SCRATCH 8192
#define NTPEND 16

struct jx_gen_rcv {
    const struct jx_gen *g;
    const struct sysplan *sp;
    const struct rcvplan *rp;
    uint32_t sys, idx;
    struct rng r;
    uint32_t emitted;
    uint64_t seq, sysseq;
    uint32_t gi;
    bool has_pr, has_nr, measure;
    uint32_t nbg, bg_done, hc;
    int64_t bg_cur, bg_next;
    struct burst *bursts;
    uint32_t nbursts, nbursts_cap;
    struct bent *be;
    uint32_t nbe, bi;
    int64_t last_ts;
    uint8_t *tmpl;
    uint8_t *esd;
    uint32_t elen;
    size_t reclen;              /* this receiver's record length */
    uint32_t cap, data_off;     /* ESD capacity and offset in a record */
    uint64_t bgseed;
    int64_t bg_next_base;
    struct nm tmpnm;
    uint8_t seqd[20], ssqd[20];  /* EBCDIC digits of seqd_v / ssqd_v */
    uint64_t seqd_v, ssqd_v;
    int64_t ts_day;              /* day whose SAA date part is in ts_date */
    uint8_t ts_date[11];
    /* the entry being built */
    char code, sub, type[3];
    const struct nm *hdr_otype;
    int plant;
    /* truth */
    struct jx_gen_truth *t;
    struct tpend tp[NTPEND];
    uint32_t ntp;
    /* copies of the truth sources: writers pass strings that live on their
     * own stack, and truths are resolved after they return */
    char tpstore[JX_CD_CMD_LEN + 4 * 1024];
    uint32_t tpused;
    const struct path *tpath;
    uint32_t tpath_pb;
    const struct addr *sk_rmt;
    bool sk;
    char cmd[6001];
    char cmdname[16];            /* truth sources must outlive the writer call */
    /* results */
    uint32_t max_esd;
    uint64_t truncated;
    struct jx_gen_plant_loc plants[4];
    uint32_t nplants;
};

/* ---- ESD writing helpers (offsets from layout.h only) ------------------ */

#define TR(f) (s->t ? s->t->e.f : NULL)

static inline void eb(struct jx_gen_rcv *s, uint32_t n)
{
    memset(s->esd, 0x40, n);
    s->elen = n;
}

static inline void ech(struct jx_gen_rcv *s, uint32_t off, char c)
{
    s->esd[off] = s->g->cc->from_latin1[(uint8_t)c];
}

static inline void pend(struct jx_gen_rcv *s, char *dst, const char *src, uint32_t off,
                        uint32_t len)
{
    if (!dst || s->ntp >= NTPEND)
        return;
    size_t n = strnlen(src, len);
    if (s->tpused + n + 1 > sizeof(s->tpstore))
        return; /* cannot happen with the field widths written (<= 6000 + 3 * 250) */
    char *copy = s->tpstore + s->tpused;
    memcpy(copy, src, n);
    copy[n] = '\0';
    s->tpused += (uint32_t)n + 1;
    s->tp[s->ntp++] = (struct tpend){dst, copy, off, len};
}

static inline void enm(struct jx_gen_rcv *s, uint32_t off, const struct nm *n, uint32_t w,
                       char *truth)
{
    memcpy(s->esd + off, n->e, w);
    pend(s, truth, n->u8, off, w);
}

/* ASCII text into a Char(w) field; the caller blanked the ESD first. */
static void estr(struct jx_gen_rcv *s, uint32_t off, const char *str, uint32_t w, char *truth)
{
    const uint8_t *tab = s->g->cc->from_latin1;
    for (uint32_t i = 0; i < w && str[i]; i++)
        s->esd[off + i] = tab[(uint8_t)str[i]];
    pend(s, truth, str, off, w);
}

static void eobj(struct jx_gen_rcv *s, const struct nm *name, const struct nm *lib,
                 const struct nm *type)
{
    enm(s, JX_E_OBJ_NAME, name, JX_E_OBJ_NAME_LEN, TR(object));
    enm(s, JX_E_OBJ_LIB, lib, JX_E_OBJ_LIB_LEN, TR(object_lib));
    enm(s, JX_E_OBJ_TYPE, type, JX_E_OBJ_TYPE_LEN, TR(object_type));
    if (strlen(type->u8) <= JX_H_OBJTYP_LEN)
        s->hdr_otype = type;
}

static void esub(struct jx_gen_rcv *s, char sub)
{
    s->sub = sub;
    ech(s, JX_E_SUBTYPE, sub);
}

/* IFS object-name block at nb and path-name block at pb (§3.1; layout.h
 * DERIVED offsets). The caller sized and blanked the ESD to
 * pb + JX_PB_TEXT + path length. */
static void epath(struct jx_gen_rcv *s, uint32_t nb, uint32_t pb, const struct path *p)
{
    uint8_t *b = s->esd + nb;
    const uint8_t *tab = s->g->cc->from_latin1;
    uint32_t nlen = (uint32_t)(p->u16len - p->base);
    if (nlen > JX_NB_NAME_LEN)
        nlen = JX_NB_NAME_LEN;
    jx_put_be16(b + JX_NB_LEN, (uint16_t)nlen);
    jx_put_be32(b + JX_NB_CCSID, p->ccsid);
    b[JX_NB_CNTRY] = tab['U'];
    b[JX_NB_CNTRY + 1] = tab['S'];
    b[JX_NB_LANG] = tab['E'];
    b[JX_NB_LANG + 1] = tab['N'];
    b[JX_NB_LANG + 2] = tab['U'];
    memset(b + JX_NB_LANG + 3, 0, JX_NB_PFID - JX_NB_LANG - 3);
    memcpy(b + JX_NB_PFID, p->parent, 16);
    memcpy(b + JX_NB_OFID, p->fid, 16);
    memcpy(b + JX_NB_NAME, p->u16 + p->base, nlen);
    memset(b + JX_NB_NAME + nlen, 0, JX_NB_NAME_LEN - nlen);
    /* after the block: object file ID, ASP name (blank), ASP number */
    memcpy(b + JX_NB_POST_OFID, p->fid, 16);
    jx_put_zoned(b + JX_NB_POST_ASPNUM, 5, 1);
    uint8_t *q = s->esd + pb;
    jx_put_be32(q + JX_PB_CCSID, p->ccsid);
    q[JX_PB_CNTRY] = tab['U'];
    q[JX_PB_CNTRY + 1] = tab['S'];
    q[JX_PB_LANG] = tab['E'];
    q[JX_PB_LANG + 1] = tab['N'];
    q[JX_PB_LANG + 2] = tab['U'];
    jx_put_be16(q + JX_PB_LEN, p->u16len);
    q[JX_PB_ABS] = tab['Y'];
    memset(q + JX_PB_RELFID, 0, JX_PB_TEXT - JX_PB_RELFID);
    memcpy(q + JX_PB_TEXT, p->u16, p->u16len);
    s->tpath = p;
    s->tpath_pb = pb;
}

/* ---- choosing actors, objects ------------------------------------------ */

static uint32_t named_user(struct jx_gen_rcv *s)
{
    return U_FIXED + adraw(&s->g->a_users, &s->r);
}

static int off_hours(int64_t ts)
{
    int64_t h = ts / (3600 * JX_US_PER_SEC) % 24;
    return jx_ts_weekday(ts) >= 5 || h < 7 || h >= 19;
}

/* Job instance: the same (key) job keeps its number for `period`, then a new
 * instance starts with the number the system hands out at that time (numbers
 * rise with time and wrap at 999,999, §6.4). */
static uint32_t jobnum(const struct jx_gen_rcv *s, uint64_t key, int64_t ts, int64_t period,
                       uint64_t *inst)
{
    const struct jx_gen *g = s->g;
    int64_t phase = (int64_t)(hmix(key, 17) % (uint64_t)period);
    int64_t p = (ts - g->o.start + phase) / period;
    int64_t st = p * period - phase;
    uint64_t h = hmix3(key, (uint64_t)p, s->sys);
    *inst = h;
    int64_t jn = (int64_t)s->sp->jobnum_base + st / g->us_per_job + (int64_t)(h % 64);
    jn %= 999999;
    if (jn < 0)
        jn += 999999;
    return (uint32_t)jn + 1;
}

static const struct obj *app_pgm(struct jx_gen_rcv *s)
{
    return &s->g->objs[OT_PGM][adraw(&s->g->obj_zipf[OT_PGM], &s->r)];
}

static void actor_make(struct jx_gen_rcv *s, int cls, int64_t ts, struct actor *a)
{
    const struct jx_gen *g = s->g;
    uint64_t inst = 0, key;
    const int64_t H = 3600 * JX_US_PER_SEC;
    uint32_t u, j;
    a->ip = NULL;
    a->port = 0;
    switch (cls) {
    case AC_HOST: {
        j = adraw(&g->a_hostjobs, &s->r);
        key = hmix(1000 + j, rbelow(&s->r, 24));
        a->job = a->pgm = &g->host_jobs[j];
        a->plib = &g->n_qsys;
        a->juser = &g->users[U_QUSER];
        u = rbelow(&s->r, 100);
        a->cuser = u < 88 ? &g->users[named_user(s)]
                 : u < 91 ? &g->users[admin_users[adraw(&g->a_admin, &s->r)]]
                          : &g->users[U_QUSER];
        a->nbr = jobnum(s, key, ts, 4 * H, &inst);
        a->ip = &g->clients[adraw(&g->a_clients, &s->r)];
        a->port = (uint16_t)(49152 + rbelow(&s->r, 16384));
        break;
    }
    case AC_INTER:
    case AC_ADMIN: {
        u = cls == AC_INTER ? named_user(s) : admin_users[adraw(&g->a_admin, &s->r)];
        uint64_t hu = hmix(u, 0x44455643ULL);
        key = hmix(2000, u);
        a->job = &g->devices[hu % NDEVICES];
        a->juser = a->cuser = &g->users[u];
        uint32_t k = rbelow(&s->r, 10);
        if (k < 5 || cls == AC_ADMIN) {
            a->pgm = &g->n_qcmd;
            a->plib = &g->n_qsys;
        } else if (k < 7) {
            a->pgm = &g->n_quicmenu;
            a->plib = &g->n_qsys;
        } else {
            const struct obj *p = app_pgm(s);
            a->pgm = &g->names[p->name];
            a->plib = &g->libs[p->lib];
        }
        a->nbr = jobnum(s, key, ts, 8 * H, &inst);
        a->ip = &g->clients[(hu >> 20) % NCLIENTS];
        a->port = (uint16_t)(49152 + (hmix(inst, 5) % 16384));
        break;
    }
    case AC_MIMIX:
        j = rbelow(&s->r, JX_ARRAY_SIZE(mimix_jobs));
        key = hmix(3000 + j, rbelow(&s->r, 4));
        a->job = &g->mimix_jobs[j];
        a->juser = a->cuser = &g->users[U_MIMIXOWN];
        a->pgm = &g->mimix_pgms[j % JX_ARRAY_SIZE(mimix_pgms)];
        a->plib = &g->n_mimix_lib;
        a->nbr = jobnum(s, key, ts, 168 * H, &inst);
        break;
    case AC_BATCH: {
        static const uint32_t busers[10] = {U_QPGMR, U_QPGMR, U_QPGMR, U_QPGMR, U_QPGMR,
                                            U_SCHEDULE, U_SCHEDULE, U_SCHEDULE, U_RBTUSER, U_QBRMS};
        j = rbelow(&s->r, JX_ARRAY_SIZE(batch_jobs));
        key = hmix(4000, j);
        a->job = &g->batch_jobs[j];
        a->juser = &g->users[busers[hmix(j, 3) % 10]];
        a->cuser = rbelow(&s->r, 10) ? a->juser : &g->users[named_user(s)];
        if (rbelow(&s->r, 10) < 3) {
            a->pgm = &g->n_qcmd;
            a->plib = &g->n_qsys;
        } else {
            const struct obj *p = &g->objs[OT_PGM][hmix(j, rbelow(&s->r, 3)) % g->nobjs[OT_PGM]];
            a->pgm = &g->names[p->name];
            a->plib = &g->libs[p->lib];
        }
        a->nbr = jobnum(s, key, ts, H / 2, &inst);
        break;
    }
    case AC_SYSTEM:
        j = rbelow(&s->r, JX_ARRAY_SIZE(sys_jobs));
        key = hmix(5000, j);
        a->job = &g->sys_jobs[j];
        a->juser = a->cuser = &g->users[U_QSYS];
        a->pgm = &g->sys_pgms[j];
        a->plib = &g->n_qsys;
        a->nbr = jobnum(s, key, ts, 168 * H, &inst);
        break;
    default: { /* AC_NAMED: a user's own batch job */
        u = named_user(s);
        j = (uint32_t)(hmix(u, 9) % JX_ARRAY_SIZE(batch_jobs));
        key = hmix(6000 + u, j);
        a->job = &g->batch_jobs[j];
        a->juser = a->cuser = &g->users[u];
        const struct obj *p = app_pgm(s);
        a->pgm = &g->names[p->name];
        a->plib = &g->libs[p->lib];
        a->nbr = jobnum(s, key, ts, H / 2, &inst);
        break;
    }
    }
    a->thd = 0x10 | (inst & 0x3FF0);
}

static void actor_for(struct jx_gen_rcv *s, int type, int64_t ts, struct actor *a)
{
    const struct alias *al = &s->g->a_class[tdefs[type].mix][off_hours(ts)];
    actor_make(s, (int)adraw(al, &s->r), ts, a);
}

static void pick_obj(struct jx_gen_rcv *s, uint8_t ot, struct tobj *o)
{
    const struct jx_gen *g = s->g;
    o->ot = ot;
    o->type = &g->otype[ot];
    o->path = NULL;
    switch (ot) {
    case OT_STMF:
    case OT_DIR:
        o->name = o->lib = &g->n_blank;
        o->path = &g->paths[adraw(&g->a_paths, &s->r)];
        break;
    case OT_LIB:
        o->name = &g->libs[JX_ARRAY_SIZE(lib_fixed) + rbelow(&s->r, NLIBS - JX_ARRAY_SIZE(lib_fixed))];
        o->lib = &g->n_qsys;
        break;
    case OT_USRPRF:
        o->name = &g->users[named_user(s)];
        o->lib = &g->n_qsys;
        break;
    case OT_CMD:
        o->name = &g->cmds[rbelow(&s->r, JX_ARRAY_SIZE(g->cmds))];
        o->lib = &g->n_qsys;
        break;
    default:
        if (!g->nobjs[ot]) {
            o->ot = OT_FILE;
            o->type = &g->otype[OT_FILE];
            ot = OT_FILE;
        }
        {
            const struct obj *b = &g->objs[ot][adraw(&g->obj_zipf[ot], &s->r)];
            o->name = &g->names[b->name];
            o->lib = &g->libs[b->lib];
        }
    }
}

static void pick_obj_for(struct jx_gen_rcv *s, int type, struct tobj *o)
{
    const struct jx_gen *g = s->g;
    uint8_t ot = g->ot_tab[type] ? g->ot_tab[type][adraw(&g->a_ot[type], &s->r)].t : OT_FILE;
    pick_obj(s, ot, o);
}

/* ---- per-type ESD writers ---------------------------------------------- */

/* Object group, then either nothing more (ESD ends at `end`) or, for IFS
 * objects, the name block at nb and the path block at pb. */
static void w_objpath(struct jx_gen_rcv *s, char sub, const struct tobj *o, uint32_t end,
                      uint32_t nb, uint32_t pb)
{
    if (o->path && nb)
        eb(s, pb + JX_PB_TEXT + o->path->u16len);
    else
        eb(s, end);
    esub(s, sub);
    eobj(s, o->name, o->lib, o->type);
    if (o->path && nb)
        epath(s, nb, pb, o->path);
}

static void w_zc(struct jx_gen_rcv *s, int type, char sub, const struct tobj *o)
{
    w_objpath(s, sub, o, JX_Z_ACCDATA + JX_Z_ACCDATA_LEN, JX_Z_NAMEBLK,
              JX_Z_NAMEBLK + JX_NB_TO_PATHBLK);
    /* access type (numeric codes, §3.2 ZC) [assumption on the mix] */
    static const uint8_t zc_acc[] = {7, 7, 7, 7, 7, 1, 38, 10, 25, 4};
    static const uint8_t zr_acc[] = {30, 30, 30, 30, 8};
    int64_t acc = type == T_ZC ? zc_acc[rbelow(&s->r, sizeof(zc_acc))]
                               : zr_acc[rbelow(&s->r, sizeof(zr_acc))];
    jx_put_packed(s->esd + JX_Z_ACCESS, 3, acc);
    if (o->ot == OT_FILE)   /* access specific data: the member name */
        enm(s, JX_Z_ACCDATA, o->name, 10, NULL);
}

static void w_pw(struct jx_gen_rcv *s, char sub, const struct nm *user, const struct nm *dev)
{
    eb(s, JX_PW_ESD_LEN);
    esub(s, sub);
    enm(s, JX_PW_USER, user, JX_PW_USER_LEN, TR(target_user));
    if (dev)
        enm(s, JX_PW_DEVICE, dev, 10, NULL);
}

/* CP: the eight special-authority flags 645..652 in `spc` bits 0..7. */
static void w_cp(struct jx_gen_rcv *s, char sub, const struct nm *user, const char *cmd,
                 char pchg, char pnone, char pexp, unsigned spc)
{
    const struct jx_gen *g = s->g;
    eb(s, JX_CP_IOSYSCFG + 1);
    esub(s, sub);
    eobj(s, user, &g->n_qsys, &g->otype[OT_USRPRF]);
    pend(s, TR(target_user), user->u8, JX_E_OBJ_NAME, 10);
    estr(s, JX_CP_CMD, cmd, JX_CP_CMD_LEN, NULL);
    ech(s, JX_CP_PWDCHG, pchg);
    ech(s, JX_CP_PWDNONE, pnone);
    ech(s, JX_CP_PWDEXP, pexp);
    static const uint32_t offs[8] = {JX_CP_ALLOBJ, JX_CP_JOBCTL, JX_CP_SAVSYS, JX_CP_SECADM,
                                     JX_CP_SPLCTL, JX_CP_SERVICE, JX_CP_AUDIT, JX_CP_IOSYSCFG};
    for (int i = 0; i < 8; i++)
        ech(s, offs[i], (spc >> i) & 1 ? 'Y' : 'N');
}


/* A command string: a template, then (to follow the lognormal length of
 * realistic-mix §6.2 CD: median ~35, 95th pct ~200) extra text. */
static size_t make_cmd(struct jx_gen_rcv *s, char *buf, size_t cap, char *name, size_t ncap)
{
    const struct jx_gen *g = s->g;
    size_t ti = adraw(&g->a_cdtmpl, &s->r);
    size_t o = 0;
    for (const char *p = cd_tmpl[ti]; *p && o + 40 < cap; p++) {
        if (*p != '%') {
            buf[o++] = *p;
            continue;
        }
        const char *v = "";
        char nb[16];
        const struct obj *ob;
        switch (*++p) {
        case 'L': v = g->libs[JX_ARRAY_SIZE(lib_fixed) + rbelow(&s->r, NLIBS - JX_ARRAY_SIZE(lib_fixed))].u8; break;
        case 'O': ob = &g->objs[OT_FILE][adraw(&g->obj_zipf[OT_FILE], &s->r)]; v = g->names[ob->name].u8; break;
        case 'D': ob = &g->objs[OT_DTAARA][adraw(&g->obj_zipf[OT_DTAARA], &s->r)]; v = g->names[ob->name].u8; break;
        case 'P': ob = app_pgm(s); v = g->names[ob->name].u8; break;
        case 'U': v = g->users[named_user(s)].u8; break;
        case 'S': v = s->sp->name[3] == 'A' ? "SYSB" : "SYSA"; break;
        case 'J': v = g->batch_jobs[rbelow(&s->r, JX_ARRAY_SIZE(batch_jobs))].u8; break;
        case 'W': v = cd_words[rbelow(&s->r, JX_ARRAY_SIZE(cd_words))]; break;
        case 'N': snprintf(nb, sizeof(nb), "%06u", 1 + rbelow(&s->r, 999999)); v = nb; break;
        case 'n': snprintf(nb, sizeof(nb), "%u", 1 + rbelow(&s->r, 300)); v = nb; break;
        default: break;
        }
        size_t l = strlen(v);
        memcpy(buf + o, v, l);
        o += l;
    }
    buf[o] = '\0';
    /* command name: first token, without a QSYS/ qualifier */
    const char *c = buf;
    if (!strncmp(c, "QSYS/", 5))
        c += 5;
    size_t k = 0;
    while (c[k] && c[k] != ' ' && k + 1 < ncap && k < 10) {
        name[k] = c[k];
        k++;
    }
    name[k] = '\0';
    /* lognormal target length; extend by TEXT words when shorter */
    double target = 30.0 * exp(1.0 * rnorm(&s->r));
    if (target > cap - 64)
        target = (double)(cap - 64);
    if ((double)o + 12 < target) {
        o += (size_t)snprintf(buf + o, cap - o, " TEXT('");
        while ((double)o < target - 2 && o + 24 < cap) {
            const char *w = cd_words[rbelow(&s->r, JX_ARRAY_SIZE(cd_words))];
            o += (size_t)snprintf(buf + o, cap - o, "%s ", w);
        }
        if (buf[o - 1] == ' ')
            o--;
        o += (size_t)snprintf(buf + o, cap - o, "')");
    }
    return o;
}

static void w_cd(struct jx_gen_rcv *s, char sub, char where, const char *cmd, size_t len,
                 const char *cmdname)
{
    const struct jx_gen *g = s->g;
    eb(s, JX_CD_CMD + (uint32_t)len);
    esub(s, sub);
    snprintf(s->cmdname, sizeof(s->cmdname), "%.10s", cmdname);
    estr(s, JX_E_OBJ_NAME, s->cmdname, 10, TR(object));
    enm(s, JX_E_OBJ_LIB, &g->n_qsys, 10, TR(object_lib));
    enm(s, JX_E_OBJ_TYPE, &g->otype[OT_CMD], 8, TR(object_type));
    s->hdr_otype = &g->otype[OT_CMD];
    ech(s, JX_CD_WHERE, where);
    const uint8_t *tab = g->cc->from_latin1;
    for (size_t i = 0; i < len; i++)
        s->esd[JX_CD_CMD + i] = tab[(uint8_t)cmd[i]];
    if (s->t) {
        /* cd_command resolves against the bytes present, like an object name */
        pend(s, s->t->cd_command, cmd, JX_CD_CMD, JX_CD_CMD_LEN);
    }
}

static void w_sv(struct jx_gen_rcv *s, char sub, const char *name, const char *nv, const char *ov)
{
    eb(s, JX_SV_ESD_LEN);
    esub(s, sub);
    estr(s, JX_SV_NAME, name, JX_SV_NAME_LEN, s->t ? s->t->sv_name : NULL);
    estr(s, JX_SV_NEW, nv, JX_SV_PART_LEN, s->t ? s->t->sv_new : NULL);
    estr(s, JX_SV_OLD, ov, JX_SV_PART_LEN, s->t ? s->t->sv_old : NULL);
}

static void w_ad(struct jx_gen_rcv *s, char sub, const struct nm *on, const struct nm *ol,
                 const struct nm *ot, const char *objaud, unsigned flags)
{
    eb(s, JX_AD_CMD + 8);
    esub(s, sub);
    eobj(s, on, ol, ot);
    estr(s, JX_AD_OBJAUD, objaud, JX_AD_OBJAUD_LEN, NULL);
    for (int i = 0; i < 8; i++)
        ech(s, JX_AD_CMD + (uint32_t)i, (flags >> i) & 1 ? 'Y' : 'N');
}

static void w_af(struct jx_gen_rcv *s, char sub, const struct tobj *o)
{
    eb(s, sub == 'X' ? (uint32_t)(JX_AF_OPVIOL + JX_AF_OPVIOL_LEN) : (uint32_t)JX_AF_VALERR + 1);
    esub(s, sub);
    eobj(s, o->name, o->lib, o->type);
    if (sub == 'C' || sub == 'H')
        ech(s, JX_AF_VALERR, 'A');
    if (sub == 'X') /* operation violation code [assumption: values] */
        estr(s, JX_AF_OPVIOL, (const char *[]){"AAM", "SAP", "HCA"}[rbelow(&s->r, 3)], 3, NULL);
}

static void put_port(struct jx_gen_rcv *s, uint32_t off, unsigned port)
{
    jx_put_zoned(s->esd + off, 5, port);   /* Char(5) digits */
}

static void w_sk(struct jx_gen_rcv *s, char sub, const struct addr *rmt, unsigned lport,
                 unsigned rport)
{
    const struct addr *lcl = rmt->fam == '6' ? &s->sp->local6 : &s->sp->local4;
    eb(s, JX_SK_ESD_LEN);
    esub(s, sub);
    if (rmt->fam == '4') {
        estr(s, JX_SK_LCLIP4, lcl->u8, 15, NULL);
        estr(s, JX_SK_RMTIP4, rmt->u8, 15, NULL);
    }
    put_port(s, JX_SK_LCLPORT, lport);
    put_port(s, JX_SK_RMTPORT, rport);
    jx_put_be32(s->esd + JX_SK_SOCKDESC, 10 + rbelow(&s->r, 2000));
    jx_put_be16(s->esd + JX_SK_FILTLEN, 0);
    estr(s, JX_SK_ADDRFAM, rmt->fam == '6' ? "*IPV6" : "*IPV4", JX_SK_ADDRFAM_LEN, NULL);
    memcpy(s->esd + JX_SK_LCLIP, lcl->e, JX_SK_IP_LEN);
    memcpy(s->esd + JX_SK_RMTIP, rmt->e, JX_SK_IP_LEN);
    s->sk = true;
    s->sk_rmt = rmt;
}

/* PG, OW, RO, RZ: object, then old and new owner / primary group; OW, RO
 * and RZ carry the IFS name and path blocks for IFS objects. */
static void w_owner(struct jx_gen_rcv *s, int t, char sub, const struct tobj *o,
                    const struct nm *old, const struct nm *new_)
{
    uint32_t nb = t == T_OW ? JX_OW_NAMEBLK : t == T_PG ? 0 : JX_RO_NAMEBLK;
    uint32_t oo = t == T_PG ? JX_PG_OLDGRP : t == T_OW ? JX_OW_OLDOWNER : JX_RO_SAVOWNER;
    uint32_t no = t == T_PG ? JX_PG_NEWGRP : t == T_OW ? JX_OW_NEWOWNER : JX_RO_RSTOWNER;
    w_objpath(s, sub, o, no + 10, nb, nb + JX_NB_TO_PATHBLK);
    enm(s, oo, old, 10, NULL);
    enm(s, no, new_, 10, NULL);
}

static void w_ca(struct jx_gen_rcv *s, char sub, const struct tobj *o, const struct nm *who)
{
    const struct jx_gen *g = s->g;
    eb(s, JX_CA_OBJEXIST + JX_CA_NFLAGS);
    esub(s, sub);
    eobj(s, o->name, o->lib, o->type);
    enm(s, JX_CA_USER, who, 10, TR(target_user));
    if (rbelow(&s->r, 10) == 0) {
        const struct obj *al = &g->objs[OT_AUTL][rbelow(&s->r, g->nobjs[OT_AUTL])];
        enm(s, JX_CA_AUTL, &g->names[al->name], 10, NULL);
    }
    uint32_t fl = rbelow(&s->r, 64);
    for (uint32_t i = 0; i < JX_CA_NFLAGS; i++)
        if ((fl >> i) & 1)
            ech(s, JX_CA_OBJEXIST + i, 'Y');
}

/* JS: the target job is the actor's own job [assumption]. */
static void w_js(struct jx_gen_rcv *s, char sub, const struct actor *a)
{
    const struct jx_gen *g = s->g;
    eb(s, JX_JS_ESD_LEN);
    esub(s, sub);
    int inter = !strncmp(a->job->u8, "QPADEV", 6);
    ech(s, JX_JS_JOBTYPE, inter ? 'I' : a->juser == &g->users[U_QUSER] ? 'P'
                              : a->juser == &g->users[U_QSYS] ? 'S' : 'B');
    enm(s, JX_JS_JOB, a->job, 10, NULL);
    enm(s, JX_JS_JOBUSER, a->juser, 10, NULL);
    jx_put_zoned(s->esd + JX_JS_JOBNBR, JX_JS_JOBNBR_LEN, a->nbr); /* Char(6) digits */
    if (inter)
        enm(s, JX_JS_DEVICE, a->job, 10, NULL);
    enm(s, JX_JS_EFFUSER, a->cuser, 10, TR(target_user));
    enm(s, JX_JS_JOBD, &g->n_qdftjobd, 10, NULL);
    enm(s, JX_JS_JOBDLIB, &g->n_qgpl, 10, NULL);
}

static void w_opaque(struct jx_gen_rcv *s, int type, char sub)
{
    eb(s, tdefs[type].opaque);
    esub(s, sub);
}

/* ---- system values (SV) ---------------------------------------------- */

struct svdef {
    const char *name;
    const char *vals[4];
};
static const struct svdef svdefs[] = {
    {"QSECURITY", {"40", "50", "30", NULL}}, {"QMAXSIGN", {"3", "4", "5", NULL}},
    {"QMAXSGNACN", {"3", "1", "2", NULL}}, {"QPWDEXPITV", {"45", "90", "*NOMAX", "60"}},
    {"QPWDMINLEN", {"8", "10", "6", "15"}},
    {"QAUDLVL", {"*AUTFAIL *CREATE *DELETE *SECURITY *SAVRST *JOBDTA *OBJMGT *NETCMN *PGMFAIL *SPLFDTA *PRTDTA",
                 "*AUTFAIL *SECURITY *SAVRST", "*AUTFAIL *CREATE *DELETE *SECURITY", NULL}},
    {"QAUDCTL", {"*AUDLVL *OBJAUD *NOQTEMP", "*AUDLVL *OBJAUD", "*NONE", NULL}},
    {"QINACTITV", {"60", "30", "*NONE", NULL}}, {"QDSCJOBITV", {"240", "120", NULL, NULL}},
    {"QLMTSECOFR", {"1", "0", NULL, NULL}}, {"QRETSVRSEC", {"1", "0", NULL, NULL}},
    {"QCRTAUT", {"*CHANGE", "*USE", "*EXCLUDE", NULL}},
    {"QALWOBJRST", {"*ALL", "*ALWPTF", "*NONE", NULL}}, {"QPWDLVL", {"3", "2", "0", NULL}},
};

static void gen_sv(struct jx_gen_rcv *s, char sub)
{
    if (sub == 'C') {
        w_sv(s, sub, "QDATETIME", "20240310020000", "20240310030000");
        return;
    }
    const struct svdef *d = &svdefs[rbelow(&s->r, JX_ARRAY_SIZE(svdefs))];
    uint32_t nv = 0;
    while (nv < 4 && d->vals[nv])
        nv++;
    uint32_t a = rbelow(&s->r, nv), b = (a + 1 + rbelow(&s->r, nv - 1)) % nv;
    w_sv(s, sub, d->name, d->vals[a], d->vals[b]);
}

/* ---- one background entry of type t ------------------------------------ */

static void gen_entry(struct jx_gen_rcv *s, int t, int64_t ts, struct actor *a)
{
    const struct jx_gen *g = s->g;
    char sub = g->subs[t][adraw(&g->a_sub[t], &s->r)];
    struct tobj o;
    actor_for(s, t, ts, a);
    switch (t) {
    case T_ZC:
    case T_ZR:
        if (t == T_ZC && rbelow(&s->r, 100) < 23) {
            const struct obj *h = &g->hotzc[rbelow(&s->r, NHOTZC)];
            o = (struct tobj){&g->names[h->name], &g->libs[h->lib], &g->otype[OT_FILE], NULL, OT_FILE};
        } else {
            pick_obj_for(s, t, &o);
        }
        w_zc(s, t, sub, &o);
        break;
    case T_PS:
        eb(s, JX_PS_ESD_LEN);
        esub(s, sub);
        enm(s, JX_PS_USER, a->juser, 10, NULL);
        enm(s, JX_PS_ORIGTGT, a->juser, 10, NULL);
        enm(s, JX_PS_NEWTGT, a->cuser, 10, TR(target_user));
        break;
    case T_JS:
        w_js(s, sub, a);
        break;
    case T_GS: {
        eb(s, JX_GS_USRPRF + 10);
        esub(s, sub);
        enm(s, JX_GS_JOB, a->job, 10, NULL);
        enm(s, JX_GS_USER, a->juser, 10, NULL);
        jx_put_zoned(s->esd + JX_GS_NBR, 6, a->nbr);
        enm(s, JX_GS_USRPRF, a->cuser, 10, NULL);
        break;
    }
    case T_OM: {
        pick_obj_for(s, t, &o);
        eb(s, JX_OM_NEWLIB + 10);
        esub(s, sub);
        eobj(s, o.name, o.lib, o.type);
        if (sub == 'M') {
            enm(s, JX_OM_NEWNAME, o.name, 10, NULL);
            enm(s, JX_OM_NEWLIB, &g->libs[rbelow(&s->r, NLIBS)], 10, NULL);
        } else {
            const struct obj *b = &g->objs[OT_FILE][rbelow(&s->r, g->nobjs[OT_FILE])];
            enm(s, JX_OM_NEWNAME, &g->names[b->name], 10, NULL);
            enm(s, JX_OM_NEWLIB, o.lib, 10, NULL);
        }
        break;
    }
    case T_PG:
    case T_OW:
    case T_RO:
    case T_RZ: {
        pick_obj_for(s, t, &o);
        int grp = t == T_PG || t == T_RZ;
        const struct nm *x = grp ? &g->groups[rbelow(&s->r, JX_ARRAY_SIZE(group_profiles))]
                                 : &g->users[rbelow(&s->r, 3) ? U_QPGMR : named_user(s)];
        const struct nm *y = grp ? &g->groups[rbelow(&s->r, JX_ARRAY_SIZE(group_profiles))]
                                 : &g->users[rbelow(&s->r, 2) ? U_QDFTOWN : named_user(s)];
        w_owner(s, t, sub, &o, x, y);
        break;
    }
    case T_CA: {
        pick_obj_for(s, t, &o);
        const struct nm *who = rbelow(&s->r, 5) == 0 ? &g->n_public : &g->users[named_user(s)];
        w_ca(s, sub, &o, who);
        /* §6.4: effective user differs from the job user on 22% of CA rows */
        if (rbelow(&s->r, 100) < 22 && a->cuser == a->juser)
            a->cuser = &g->users[U_QSECOFR];
        break;
    }
    case T_CO:
    case T_DO: {
        pick_obj_for(s, t, &o);
        w_objpath(s, sub, &o, JX_DO_ATTR + 10, JX_DO_NAMEBLK, JX_DO_NAMEBLK + JX_NB_TO_PATHBLK);
        static const char *const attrs[] = {"PF", "LF", "CLLE", "RPGLE", "SQLRPGLE", "", "PF-DTA"};
        if (!o.path)
            estr(s, JX_DO_ATTR, o.ot == OT_FILE ? attrs[rbelow(&s->r, 2)] : o.ot == OT_PGM ? attrs[2 + rbelow(&s->r, 3)] : "", 10, NULL);
        break;
    }
    case T_AF:
        pick_obj_for(s, t, &o);
        if (sub == 'K') /* special authority violation: a restricted command */
            pick_obj(s, OT_CMD, &o);
        w_af(s, sub, &o);
        break;
    case T_SF: {
        static const char *const prtf[] = {"QSYSPRT", "QPRINT", "QPJOBLOG", "QPDSPJOB", "QPQUPRFIL"};
        eb(s, JX_E_OBJ_TYPE + JX_E_OBJ_TYPE_LEN);
        esub(s, sub);
        estr(s, JX_E_OBJ_NAME, prtf[rbelow(&s->r, JX_ARRAY_SIZE(prtf))], 10, TR(object));
        enm(s, JX_E_OBJ_LIB, &g->n_qsys, 10, TR(object_lib));
        enm(s, JX_E_OBJ_TYPE, &g->otype[OT_FILE], 8, TR(object_type));
        break;
    }
    case T_CD: {
        char name[16];
        size_t len = 0;
        if (rbelow(&s->r, 10) >= 3)   /* §6.2: about 0.3 empty strings */
            len = make_cmd(s, s->cmd, sizeof(s->cmd), name, sizeof(name));
        else {
            s->cmd[0] = '\0';
            snprintf(name, sizeof(name), "%s", (const char *[]){"CALL", "DLYJOB", "CHKOBJ"}[rbelow(&s->r, 3)]);
        }
        if (sub == 'X') {
            snprintf(name, sizeof(name), "QSH");
            len = (size_t)snprintf(s->cmd, sizeof(s->cmd), "QSH CMD('ls /tmp')");
        }
        uint32_t wr = rbelow(&s->r, 100);
        w_cd(s, sub, wr < 55 ? 'E' : wr < 85 ? 'Y' : wr < 95 ? 'B' : 'N', s->cmd, len, name);
        break;
    }
    case T_AD:
        if (sub == 'U') { /* CHGUSRAUD is an administrator's command */
            actor_make(s, AC_ADMIN, ts, a);
            const struct nm *u = &g->users[named_user(s)];
            w_ad(s, sub, u, &g->n_qsys, &g->otype[OT_USRPRF], "*NONE", 1u | (rbelow(&s->r, 4) << 1));
        } else {
            pick_obj(s, OT_FILE, &o);
            w_ad(s, sub, o.name, o.lib, o.type, rbelow(&s->r, 2) ? "*CHANGE" : "*ALL", 0);
        }
        break;
    case T_OR: {
        pick_obj_for(s, t, &o);
        eb(s, JX_OR_ESD_LEN);
        esub(s, sub);
        eobj(s, o.name, o.lib, o.type);
        enm(s, JX_OR_SAVNAME, o.name, 10, NULL);
        enm(s, JX_OR_SAVLIB, o.lib, 10, NULL);
        ech(s, JX_OR_PGMSTATE, o.ot == OT_PGM ? 'N' : ' ');
        ech(s, JX_OR_SYSCMD, 'N');
        ech(s, JX_OR_SETUID, 'N');
        ech(s, JX_OR_SETGID, 'N');
        ech(s, JX_OR_SIGNATURE, o.ot == OT_PGM ? 'N' : ' ');
        break;
    }
    case T_AP:
    case T_PA:
    case T_RP: {
        uint32_t nb = t == T_AP ? 0 : t == T_PA ? JX_PA_NAMEBLK : JX_RP_NAMEBLK;
        uint32_t pb = t == T_RP ? (uint32_t)JX_RP_PATHBLK : nb + JX_NB_TO_PATHBLK;
        /* PA: after its name block the doc has SETUID/SETGID at 1225/1226
         * and is cut there, so no path block position is known: PA is
         * generated for programs only (no IFS path) */
        if (t == T_AP || t == T_PA || rbelow(&s->r, 10) < 7)
            pick_obj(s, OT_PGM, &o);
        else
            pick_obj(s, OT_STMF, &o);
        if (o.path)
            o.type = &g->otype[OT_STMF];
        w_objpath(s, sub, &o, JX_AP_OWNER + 10, nb, pb);
        enm(s, JX_AP_OWNER, &g->users[rbelow(&s->r, 2) ? U_QPGMR : U_QSECOFR], 10, NULL);
        break;
    }
    case T_PW: {
        const struct nm *dev = NULL, *user;
        if (sub == 'U')
            user = &g->bogus[rbelow(&s->r, JX_ARRAY_SIZE(bogus_users))];
        else
            user = &g->users[rbelow(&s->r, 50) ? named_user(s) : U_QSECOFR];
        if (a->juser == &g->users[U_QSYS]) {
            /* 5250 sign-on failure: logged by the subsystem job with the
             * device (realistic-mix §4.1) */
            a->job = &g->sys_jobs[0];
            a->pgm = &g->sys_pgms[0];
            dev = &g->devices[rbelow(&s->r, NDEVICES)];
            a->ip = &g->clients[adraw(&g->a_clients, &s->r)];
            a->port = (uint16_t)(49152 + rbelow(&s->r, 16384));
        } else {
            a->cuser = a->juser;
        }
        w_pw(s, sub, user, dev);
        break;
    }
    case T_CP: {
        const struct nm *u = &g->users[named_user(s)];
        if (a->juser == &g->users[U_QSYS]) {
            /* the system disables a profile at QMAXSIGN (sign-on job) */
            a->job = &g->sys_jobs[0];
            a->pgm = &g->sys_pgms[0];
            sub = 'A';
            w_cp(s, sub, u, "CHG", 'N', 'N', 'N', 0);
        } else if (sub == 'A' && rbelow(&s->r, 2)) {
            w_cp(s, sub, u, "CHG", 'N', 'N', 'N', 0);   /* *DISABLED / *ENABLED flip */
        } else {
            unsigned spc = rbelow(&s->r, 20) == 0 ? 1u << rbelow(&s->r, 8) : 0;
            w_cp(s, sub, u, sub == 'C' ? "CRT" : sub == 'R' ? "RST" : "CHG",
                 rbelow(&s->r, 2) ? 'Y' : 'N', 'N', rbelow(&s->r, 3) ? 'N' : 'Y', spc);
        }
        break;
    }
    case T_RU: {
        const struct nm *u = &g->users[named_user(s)];
        eb(s, JX_RU_AUTRST + 1);
        esub(s, sub);
        eobj(s, u, &g->n_qsys, &g->otype[OT_USRPRF]);
        ech(s, JX_RU_AUTRST, 'Y');
        break;
    }
    case T_RJ:
    case T_JD: {
        pick_obj(s, OT_JOBD, &o);
        const struct nm *nu = &g->users[named_user(s)], *ou = &g->users[U_QPGMR];
        if (t == T_RJ) {
            eb(s, JX_RJ_PREVUSER + 10);
            esub(s, sub);
            eobj(s, o.name, o.lib, o.type);
            enm(s, JX_RJ_USER, nu, 10, TR(target_user));
            enm(s, JX_RJ_PREVUSER, ou, 10, NULL);
        } else {
            eb(s, JX_JD_NEWUSER + 10);
            esub(s, sub);
            eobj(s, o.name, o.lib, o.type);
            estr(s, JX_JD_CMD, rbelow(&s->r, 4) ? "CHG" : "CRT", 3, NULL);
            enm(s, JX_JD_OLDUSER, ou, 10, NULL);
            enm(s, JX_JD_NEWUSER, nu, 10, TR(target_user));
        }
        break;
    }
    case T_DS:
        eb(s, JX_DS_REQUESTER + JX_DS_REQUESTER_LEN);
        esub(s, sub);
        estr(s, JX_DS_USERID, rbelow(&s->r, 2) ? "QSECOFR" : "SRVTOOLS1", JX_DS_USERID_LEN, NULL);
        enm(s, JX_DS_REQUESTER, a->cuser, 10, NULL);
        break;
    case T_SK: {
        uint32_t k = rbelow(&s->r, 100);
        const struct addr *rm = k < 98 ? &g->clients[adraw(&g->a_clients, &s->r)]
                                       : &g->scanners[rbelow(&s->r, NSCANNERS)];
        static const unsigned lports[] = {8470, 8471, 8472, 8473, 8474, 8475, 8476, 9470, 9471,
                                          9472, 9473, 9474, 9475, 9476, 23, 992, 446, 449, 21, 22};
        unsigned lp = lports[rbelow(&s->r, JX_ARRAY_SIZE(lports))];
        unsigned rp = 49152 + rbelow(&s->r, 16384);
        if (sub == 'C') { /* outbound: the remote is the server */
            unsigned t2 = lp;
            lp = rp;
            rp = t2;
        }
        w_sk(s, sub, rm, lp, rp);
        if (a->juser == &g->users[U_QSYS]) { /* the TCP/IP or Telnet server job */
            int tel = lp == 23 || lp == 992;
            a->job = &g->sys_jobs[tel ? 6 : 3];
            a->pgm = &g->sys_pgms[tel ? 6 : 3];
        }
        a->ip = rm;
        a->port = (uint16_t)rp;
        break;
    }
    case T_SV:
        gen_sv(s, sub);
        break;
    default:
        w_opaque(s, t, sub);
        break;
    }
    s->code = 'T';
    memcpy(s->type, tdefs[t].id, 3);
}

/* ======================================================================
 * Bursts (§6.3) and plants: planned when a receiver stream opens, then
 * merged by time with the background entries.
 * ==================================================================== */

struct bspec {
    uint8_t type, kind;
    uint32_t lo, hi;             /* entries per burst */
    int64_t step_lo, step_hi;    /* µs between entries */
};
static const struct bspec bspecs[] = {
    {T_PW, BK_PW, 10, 2000, 1000000, 10000000},  /* retry storm, 1-10 s */
    {T_AF, BK_AF, 20, 2000, 10000, 2000000},     /* one job, one object */
    {T_SK, BK_SK, 50, 2000, 1000, 50000},        /* port scan, SK-P */
    {T_CD, BK_CD, 5, 50, 5000, 100000},          /* a CL program */
    {T_PG, BK_PG, 20, 500, 2000, 20000},         /* authority maintenance */
    {T_CA, BK_CA, 20, 500, 2000, 20000},
    {T_OW, BK_OW, 20, 500, 2000, 20000},
    {T_DO, BK_DO, 3, 30, 200000, 200000},        /* 03:00 receiver purge */
    {T_AD, BK_AD, 1, 10, 10000000, 10000000},    /* MIMIX, hourly */
};

static struct burst *burst_add(struct jx_gen_rcv *s)
{
    if (s->nbursts == s->nbursts_cap) {
        size_t cap = s->nbursts_cap;
        if (jx_grow((void **)&s->bursts, &cap, (size_t)s->nbursts + 1, sizeof(struct burst)))
            return NULL;
        s->nbursts_cap = (uint32_t)cap;
    }
    struct burst *b = &s->bursts[s->nbursts++];
    memset(b, 0, sizeof(*b));
    return b;
}

/* Place a burst of n entries step apart inside the window; at a given
 * time of day (03:00) or hour boundary when asked. */
static void burst_place(struct jx_gen_rcv *s, struct burst *b, int64_t span_extra, int align)
{
    const int64_t t0 = s->rp->t0, t1 = s->rp->t1, W = t1 - t0;
    int64_t dur = b->step * (int64_t)(b->n ? b->n - 1 : 0) + span_extra;
    if (dur > W * 8 / 10) {
        b->step = (W * 8 / 10) / (int64_t)(b->n + 1);
        if (b->step < 1)
            b->step = 1;
        dur = b->step * (int64_t)(b->n ? b->n - 1 : 0);
        span_extra = 0;
    }
    int64_t room = W - dur - 2;
    b->start = t0 + 1 + (room > 0 ? (int64_t)(runif(&s->r) * (double)room) : 0);
    if (align) {
        const int64_t unit = align == 1 ? JX_US_PER_DAY : 3600 * JX_US_PER_SEC;
        const int64_t off = align == 1 ? 3 * 3600 * JX_US_PER_SEC : 0;
        int64_t first = (t0 - off + unit) / unit * unit + off, last = (t1 - dur - 2 - off) / unit * unit + off;
        if (last >= first && last > t0) {
            int64_t k = (last - first) / unit + 1;
            b->start = first + (int64_t)rbelow(&s->r, (uint32_t)JX_MIN(k, (int64_t)UINT32_MAX)) * unit + 1;
        }
    }
}

static int plan_bursts(struct jx_gen_rcv *s, uint32_t nslots, uint32_t *used)
{
    const struct jx_gen *g = s->g;
    const int prof = g->o.profile;
    uint32_t total = 0;
    for (size_t i = 0; i < JX_ARRAY_SIZE(bspecs); i++) {
        const struct bspec *bs = &bspecs[i];
        const struct tdef *td = &tdefs[bs->type];
        double e = td->share[prof] / g->total_share * nslots * td->burst;
        uint64_t budget = (uint64_t)(e + runif(&s->r));
        while (budget >= bs->lo) {
            uint32_t n = rlogu(&s->r, bs->lo, bs->hi);
            if (n > budget)
                n = (uint32_t)budget;
            uint32_t extra = bs->kind == BK_PW ? 2 : 0;
            if (total + n + extra > nslots / 2)
                break;
            budget -= n;
            struct burst *b = burst_add(s);
            if (!b)
                return JX_E_NOMEM;
            b->kind = bs->kind;
            b->n = n;
            b->step = bs->step_lo + (int64_t)(runif(&s->r) * (double)(bs->step_hi - bs->step_lo));
            b->extra = (uint32_t)rnext(&s->r);
            int64_t ts_hint = s->rp->t0 + (s->rp->t1 - s->rp->t0) / 2;
            switch (b->kind) {
            case BK_PW: {
                /* one user, one address, one job: a client retrying a stale
                 * password, then QMAXSIGN disables the profile (CP), and an
                 * admin re-enables it 5 min - 8 h later (§6.3) */
                int host = rbelow(&s->r, 2);
                actor_make(s, host ? AC_HOST : AC_SYSTEM, ts_hint, &b->a);
                if (host) {
                    b->a.job = b->a.pgm = &g->host_jobs[rbelow(&s->r, 2) ? 3 : 0];
                } else {
                    b->a.job = &g->sys_jobs[0];
                    b->a.pgm = &g->sys_pgms[0];
                    b->o.name = &g->devices[rbelow(&s->r, NDEVICES)];
                }
                b->a.cuser = b->a.juser;
                b->a.ip = &g->clients[adraw(&g->a_clients, &s->r)];
                b->user = named_user(s);
                b->m = n;
                b->n = n + 1;
                burst_place(s, b, b->step / 2, 0);
                b->late_ts = b->start + b->step * (int64_t)n + 300 * JX_US_PER_SEC +
                             (int64_t)(runif(&s->r) * 8 * 3600 * JX_US_PER_SEC);
                if (b->late_ts < s->rp->t1 - 2)
                    b->n++;
                break;
            }
            case BK_AF:
                actor_make(s, rbelow(&s->r, 2) ? AC_BATCH : AC_NAMED, ts_hint, &b->a);
                pick_obj_for(s, T_AF, &b->o);
                burst_place(s, b, 0, 0);
                break;
            case BK_SK:
                actor_make(s, AC_SYSTEM, ts_hint, &b->a);
                b->a.job = &g->sys_jobs[3];
                b->a.pgm = &g->sys_pgms[3];
                b->ip = &g->scanners[rbelow(&s->r, NSCANNERS)];
                burst_place(s, b, 0, 0);
                break;
            case BK_CD:
                actor_make(s, rbelow(&s->r, 2) ? AC_BATCH : AC_INTER, ts_hint, &b->a);
                burst_place(s, b, 0, 0);
                break;
            case BK_PG:
            case BK_CA:
            case BK_OW:
                actor_make(s, rbelow(&s->r, 2) ? AC_ADMIN : AC_BATCH, ts_hint, &b->a);
                b->lib = JX_ARRAY_SIZE(lib_fixed) + rbelow(&s->r, NLIBS - JX_ARRAY_SIZE(lib_fixed));
                burst_place(s, b, 0, 0);
                break;
            case BK_DO:
                actor_make(s, AC_MIMIX, ts_hint, &b->a);
                b->a.job = &g->n_jrnmgr;
                b->a.pgm = &g->n_lvsrv03;
                burst_place(s, b, 0, 1);
                break;
            case BK_AD:
                actor_make(s, AC_MIMIX, ts_hint, &b->a);
                b->a.pgm = &g->n_omsrv01;
                burst_place(s, b, 0, 2);
                break;
            }
            total += b->n;
        }
    }
    *used = total;
    return JX_OK;
}

static const char *const plant_names[4] = {"qsecofr-pw-burst", "allobj-grant", "sysval-change",
                                           "audit-change"};

/* Plants: first receiver of the first system, at fixed fractions of its
 * time window (documented in bench/README.md). */
static int plan_plants(struct jx_gen_rcv *s, uint32_t *used)
{
    const struct jx_gen *g = s->g;
    const int64_t t0 = s->rp->t0, W = s->rp->t1 - s->rp->t0;
    static const double at[4] = {0.30, 0.45, 0.60, 0.75};
    uint32_t total = 0;
    for (int i = 0; i < 4; i++) {
        if (!(g->o.plants & (1u << i)))
            continue;
        struct burst *b = burst_add(s);
        if (!b)
            return JX_E_NOMEM;
        b->kind = (uint8_t)(BK_PLANT_PW + i);
        b->start = t0 + (int64_t)(at[i] * (double)W);
        uint64_t inst;
        struct actor *a = &b->a;
        if (i == 0) {
            b->n = 20;
            b->step = JX_MIN((int64_t)6 * JX_US_PER_SEC, W / 10 / 20);
            a->job = a->pgm = &g->host_jobs[3];   /* QZSOSIGN */
            a->plib = &g->n_qsys;
            a->juser = a->cuser = &g->users[U_QUSER];
            a->nbr = jobnum(s, 0x504C414E54ULL, b->start, 4 * 3600 * JX_US_PER_SEC, &inst);
            a->ip = &g->plant_pw_addr;
            a->port = 50112;
            b->user = U_QSECOFR;
        } else {
            b->n = i == 1 ? 2 : 1;
            b->step = JX_MIN((int64_t)80000, W / 100);
            uint32_t u = i == 2 ? U_QSECOFR : U_PLANT_ADMIN;
            a->job = &g->devices[i == 2 ? 0 : 41];
            a->juser = a->cuser = &g->users[u];
            a->pgm = &g->n_qcmd;
            a->plib = &g->n_qsys;
            a->nbr = jobnum(s, 0x504C414E55ULL + u, b->start, 8 * 3600 * JX_US_PER_SEC, &inst);
            a->ip = &g->clients[7];
            a->port = 51023;
        }
        a->thd = 0x10 | (inst & 0x3FF0);
        total += b->n;
    }
    *used = total;
    return JX_OK;
}

static int64_t burst_ts(const struct jx_gen_rcv *s, const struct burst *b, uint32_t bi, uint32_t k)
{
    int64_t ts;
    if (b->kind == BK_PW && k >= b->m)
        ts = k == b->m ? b->start + b->step * (int64_t)(b->m - 1) + b->step / 2 + 1 : b->late_ts;
    else
        ts = b->start + b->step * (int64_t)k +
             (b->step >= 4 ? (int64_t)(hmix3(s->bgseed, bi, k) % (uint64_t)(b->step / 4)) : 0);
    if (ts <= s->rp->t0)
        ts = s->rp->t0 + 1;
    if (ts >= s->rp->t1 - 1)
        ts = s->rp->t1 - 2;
    return ts;
}

static int bent_cmp(const void *a, const void *b)
{
    const struct bent *x = a, *y = b;
    if (x->ts != y->ts)
        return x->ts < y->ts ? -1 : 1;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

static void plant_note(struct jx_gen_rcv *s, int bit, int64_t ts, const char *detail)
{
    int i = 0;
    while ((1 << i) != bit)
        i++;
    struct jx_gen_plant_loc *l = NULL;
    for (uint32_t k = 0; k < s->nplants; k++)
        if (!strcmp(s->plants[k].name, plant_names[i]))
            l = &s->plants[k];
    if (!l) {
        l = &s->plants[s->nplants++];
        memset(l, 0, sizeof(*l));
        snprintf(l->name, sizeof(l->name), "%s", plant_names[i]);
        snprintf(l->system, sizeof(l->system), "%s", s->sp->name);
        snprintf(l->receiver, sizeof(l->receiver), "%s", s->rp->name);
        l->first_seq = s->seq;
        l->first_ts = ts;
        snprintf(l->detail, sizeof(l->detail), "%s", detail);
    }
    l->last_seq = s->seq;
    l->last_ts = ts;
    s->plant = bit;
}

/* One entry of burst b. */
static void gen_burst(struct jx_gen_rcv *s, struct burst *b, uint32_t k, int64_t ts, struct actor *a)
{
    const struct jx_gen *g = s->g;
    struct tobj o;
    int t = T_PW;
    char sub;
    *a = b->a;
    switch (b->kind) {
    case BK_PW:
        if (k < b->m) {
            w_pw(s, 'P', &g->users[b->user], b->o.name);
            a->port = (uint16_t)(49152 + rbelow(&s->r, 16384));
        } else if (k == b->m) {
            t = T_CP; /* QMAXSGNACN: the profile is disabled */
            w_cp(s, 'A', &g->users[b->user], "CHG", 'N', 'N', 'N', 0);
        } else {
            t = T_CP; /* re-enabled by an administrator */
            actor_make(s, AC_ADMIN, ts, a);
            if (rbelow(&s->r, 2)) {
                a->juser = a->cuser = &g->users[U_RBTADMIN];
                a->job = &g->batch_jobs[7];
            }
            w_cp(s, 'A', &g->users[b->user], "CHG", 'N', 'N', 'N', 0);
        }
        break;
    case BK_AF:
        t = T_AF;
        w_af(s, 'A', &b->o);
        break;
    case BK_SK: {
        t = T_SK;
        sub = rbelow(&s->r, 10) ? 'P' : 'A';
        w_sk(s, sub, b->ip, 1 + rbelow(&s->r, 1024), 32768 + rbelow(&s->r, 28000));
        a->ip = b->ip;
        a->port = 40000;
        break;
    }
    case BK_CD: {
        char name[16];
        t = T_CD;
        size_t len = make_cmd(s, s->cmd, sizeof(s->cmd), name, sizeof(name));
        w_cd(s, 'C', 'Y', s->cmd, len, name);
        break;
    }
    case BK_PG:
    case BK_CA:
    case BK_OW: {
        const struct obj *ob = &g->objs[OT_FILE][(b->extra + k * 7) % g->nobjs[OT_FILE]];
        o = (struct tobj){&g->names[ob->name], &g->libs[b->lib], &g->otype[OT_FILE], NULL, OT_FILE};
        if (b->kind == BK_CA) {
            t = T_CA;
            w_ca(s, 'A', &o, &g->groups[b->extra % JX_ARRAY_SIZE(group_profiles)]);
        } else {
            t = b->kind == BK_PG ? T_PG : T_OW;
            const struct nm *x = b->kind == BK_PG ? &g->groups[0] : &g->users[U_QPGMR];
            const struct nm *y = b->kind == BK_PG ? &g->groups[1 + b->extra % 7] : &g->users[U_QDFTOWN];
            w_owner(s, t, 'A', &o, x, y);
        }
        break;
    }
    case BK_DO: {
        char nm[16];
        t = T_DO;
        int64_t num = (int64_t)s->idx + 1 - 10 - (int64_t)k;
        if (num < 1)
            num += 9999;
        snprintf(nm, sizeof(nm), "AUDRCV%04u", (unsigned)num);
        nm_set(g, &s->tmpnm, nm);
        o = (struct tobj){&s->tmpnm, &g->n_rcvlib, &g->otype[OT_JRNRCV], NULL, OT_JRNRCV};
        w_objpath(s, 'A', &o, JX_DO_ATTR + 10, 0, 0);
        break;
    }
    case BK_AD:
        t = T_AD;
        w_ad(s, 'O', &g->n_wmsxtlt[(b->extra + k) % 64], &g->n_mimix_lib, &g->otype[OT_USRSPC],
             "*CHANGE", 0);
        break;
    case BK_PLANT_PW:
        t = T_PW;
        w_pw(s, 'P', &g->users[U_QSECOFR], NULL);
        a->port = (uint16_t)(50112 + 7 * k);
        plant_note(s, JX_PLANT_QSECOFR_PW, ts, "20 PW P for QSECOFR from " JX_PLANT_PW_ADDR);
        break;
    case BK_PLANT_ALLOBJ:
        if (k == 0) {
            static const char cmd[] = "CHGUSRPRF USRPRF(" JX_PLANT_GRANTEE ") SPCAUT(*ALLOBJ)";
            t = T_CD;
            w_cd(s, 'C', 'N', cmd, sizeof(cmd) - 1, "CHGUSRPRF");
        } else {
            t = T_CP;
            w_cp(s, 'A', &g->users[U_PLANT_GRANTEE], "CHG", 'N', 'N', 'N', 1u);
        }
        plant_note(s, JX_PLANT_ALLOBJ_GRANT, ts,
                   "CD CHGUSRPRF USRPRF(" JX_PLANT_GRANTEE ") SPCAUT(*ALLOBJ) by " JX_PLANT_ADMIN
                   ", then CP A *ALLOBJ=Y");
        break;
    case BK_PLANT_SV:
        t = T_SV;
        w_sv(s, 'A', "QSECURITY", "30", "40");
        plant_note(s, JX_PLANT_SYSVAL, ts, "SV A QSECURITY 40 -> 30 by QSECOFR");
        break;
    case BK_PLANT_AD:
        t = T_AD;
        w_ad(s, 'U', &g->users[U_PLANT_ADMIN], &g->n_qsys, &g->otype[OT_USRPRF], "*NONE", 0);
        plant_note(s, JX_PLANT_AUDIT_CHANGE, ts, "AD U (CHGUSRAUD) on " JX_PLANT_ADMIN " by " JX_PLANT_ADMIN);
        break;
    }
    s->code = 'T';
    memcpy(s->type, tdefs[t].id, 3);
}

/* J PR / J NR: receiver boundary entries, written by the MIMIX journal
 * manager that runs CHGJRN (§1.2) [assumption]. No ESD, as in the samples. */
static void gen_journal(struct jx_gen_rcv *s, const char *type, int64_t ts, struct actor *a)
{
    const struct jx_gen *g = s->g;
    uint64_t inst;
    a->job = &g->n_jrnmgr;
    a->juser = a->cuser = &g->users[U_MIMIXOWN];
    a->pgm = &g->n_lvsrv03;
    a->plib = &g->n_mimix_lib;
    a->nbr = jobnum(s, hmix(3000, 0), ts, 168 * 3600 * JX_US_PER_SEC, &inst);
    a->ip = NULL;
    a->port = 0;
    a->thd = 0x10 | (inst & 0x3FF0);
    eb(s, 0);
    s->code = 'J';
    memcpy(s->type, type, 3);
}

/* ======================================================================
 * Encoding a record and its truth
 * ==================================================================== */

static void tmpl_build(struct jx_gen_rcv *s)
{
    const struct jx_gen *g = s->g;
    const uint8_t *tab = g->cc->from_latin1;
    uint8_t *p = s->tmpl;
    struct nm rcv;
    memset(p, 0x40, s->reclen);
    jx_put_zoned(p + JX_H_PGMASP, JX_H_PGMASP_LEN, 1);
    jx_put_digits_u64(p + JX_H_CTRR, JX_H_CTRR_LEN, 0);
    p[JX_H_FLAG] = tab['0'];
    jx_put_digits_u64(p + JX_H_CCID, JX_H_CCID_LEN, 0);
    memcpy(p + JX_H_SYNM, s->sp->nm.e, JX_H_SYNM_LEN);
    memcpy(p + JX_H_JID, s->sp->jid, JX_H_JID_LEN);
    p[JX_H_RCST] = p[JX_H_TGR] = p[JX_H_INCDAT] = p[JX_H_IGNAPY] = tab['0'];
    p[JX_H_MINESD] = p[JX_H_OBJIND] = tab['0'];
    nm_set(g, &rcv, s->rp->name);
    memcpy(p + JX_H_RCV, rcv.e, JX_H_RCV_LEN);
    memcpy(p + JX_H_RCVLIB, g->n_rcvlib.e, JX_H_RCVLIB_LEN);
    jx_put_zoned(p + JX_H_RCVASP, JX_H_RCVASP_LEN, 1);
    jx_put_zoned(p + JX_H_ARM, JX_H_ARM_LEN, 1);
    p[JX_H_ADF] = tab['0'];
    jx_put_zoned(p + JX_H_RPORT, JX_H_RPORT_LEN, 0);
    p[JX_H_FILTYP] = tab['0'];
    jx_put_digits_u64(p + JX_H_CMTLVL, JX_H_CMTLVL_LEN, 0);
}

/* Add k to a string of EBCDIC digits (sequence numbers only grow within a
 * receiver: cheaper than converting 20 digits per record). */
static void digits_add(uint8_t *d, size_t n, uint64_t k)
{
    size_t i = n;
    while (k && i > 0) {
        i--;
        uint64_t v = (uint64_t)(d[i] & 0x0F) + k % 10;
        k /= 10;
        if (v >= 10) {
            v -= 10;
            k++;
        }
        d[i] = (uint8_t)(0xF0 | v);
    }
}

static inline void put2(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(0xF0 + v / 10);
    p[1] = (uint8_t)(0xF0 + v % 10);
}

/* SAA timestamp with the date part cached per day. */
static void put_ts(struct jx_gen_rcv *s, uint8_t *p, int64_t ts)
{
    int64_t day = ts / JX_US_PER_DAY, rem = ts % JX_US_PER_DAY;
    if (rem < 0) {
        rem += JX_US_PER_DAY;
        day--;
    }
    if (day != s->ts_day) {
        uint8_t full[26];
        jx_ts_put_saa(full, day * JX_US_PER_DAY);
        memcpy(s->ts_date, full, 11);
        s->ts_day = day;
    }
    memcpy(p, s->ts_date, 11);
    unsigned secs = (unsigned)(rem / JX_US_PER_SEC), us = (unsigned)(rem % JX_US_PER_SEC);
    put2(p + 11, secs / 3600);
    p[13] = 0x4B;
    put2(p + 14, secs / 60 % 60);
    p[16] = 0x4B;
    put2(p + 17, secs % 60);
    p[19] = 0x4B;
    put2(p + 20, us / 10000);
    put2(p + 22, us / 100 % 100);
    put2(p + 24, us % 100);
}

static void encode(struct jx_gen_rcv *s, uint8_t *rec, int64_t ts, const struct actor *a,
                   uint32_t avail)
{
    const struct jx_gen *g = s->g;
    const uint8_t *tab = g->cc->from_latin1;
    static const char hex[] = "0123456789ABCDEF";
    memcpy(rec, s->tmpl, s->reclen);
    jx_put_zoned(rec + JX_H_ENTL, JX_H_ENTL_LEN, JX_H_LEN + (int64_t)s->elen);
    if (s->seq < s->seqd_v) {   /* never within a receiver; kept safe */
        jx_put_digits_u64(s->seqd, 20, s->seq);
        s->seqd_v = s->seq;
    }
    digits_add(s->seqd, 20, s->seq - s->seqd_v);
    s->seqd_v = s->seq;
    memcpy(rec + JX_H_SEQN, s->seqd, JX_H_SEQN_LEN);
    rec[JX_H_CODE] = tab[(uint8_t)s->code];
    rec[JX_H_ENTT] = tab[(uint8_t)s->type[0]];
    rec[JX_H_ENTT + 1] = tab[(uint8_t)s->type[1]];
    put_ts(s, rec + JX_H_TSTP, ts);
    memcpy(rec + JX_H_JOB, a->job->e, JX_H_JOB_LEN);
    memcpy(rec + JX_H_USER, a->juser->e, JX_H_USER_LEN);
    jx_put_zoned(rec + JX_H_NBR, JX_H_NBR_LEN, a->nbr);
    memcpy(rec + JX_H_PGM, a->pgm->e, JX_H_PGM_LEN);
    memcpy(rec + JX_H_PGMLIB, a->plib->e, JX_H_PGMLIB_LEN);
    memcpy(rec + JX_H_USPF, a->cuser->e, JX_H_USPF_LEN);
    if (s->sysseq < s->ssqd_v) {
        jx_put_digits_u64(s->ssqd, 20, s->sysseq);
        s->ssqd_v = s->sysseq;
    }
    digits_add(s->ssqd, 20, s->sysseq - s->ssqd_v);
    s->ssqd_v = s->sysseq;
    memcpy(rec + JX_H_SYSSEQ, s->ssqd, JX_H_SYSSEQ_LEN);
    jx_put_be64(rec + JX_H_THD, a->thd);
    for (int i = 0; i < 16; i++)
        rec[JX_H_THDX + i] = tab[(uint8_t)hex[(a->thd >> (60 - 4 * i)) & 0xF]];
    if (a->ip) {
        rec[JX_H_ADF] = tab[(uint8_t)a->ip->fam];
        jx_put_zoned(rec + JX_H_RPORT, JX_H_RPORT_LEN, a->port);
        memcpy(rec + JX_H_RADR, a->ip->e, JX_H_RADR_LEN);
    }
    if (s->hdr_otype)
        memcpy(rec + JX_H_OBJTYP, s->hdr_otype->e, JX_H_OBJTYP_LEN);
    switch (g->o.shape) {
    case JX_ESD_VARLEN:
        jx_put_be16(rec + JX_VARLEN_LEN_OFF, (uint16_t)avail);
        break;
    case JX_ESD_VARLEN608:
        jx_put_be16(rec + JX_VARLEN608_LEN_OFF, (uint16_t)avail);
        break;
    default:
        break;
    }
    memcpy(rec + s->data_off, s->esd, avail);
}

/* Char field truth: the bytes present, trailing blanks dropped (what a
 * decoder of Char(n) fields shows). Sources are ASCII: 1 byte = 1 char. */
static void tclip(char *dst, size_t cap, const char *src, uint32_t off, uint32_t w, uint32_t avail)
{
    dst[0] = '\0';
    if (off >= avail)
        return;
    size_t n = strlen(src), room = JX_MIN((size_t)(avail - off), (size_t)w);
    if (n > room)
        n = room;
    if (n > cap - 1)
        n = cap - 1;
    memcpy(dst, src, n);
    while (n > 0 && dst[n - 1] == ' ')
        n--;
    dst[n] = '\0';
}

static void truth_fill(struct jx_gen_rcv *s, uint8_t *rec, int64_t ts, const struct actor *a,
                       uint32_t avail)
{
    const struct jx_gen *g = s->g;
    struct jx_gen_truth *t = s->t;
    struct jx_entry *e = &t->e;
    e->seq = s->seq;
    e->ts = ts;
    e->sysseq = s->sysseq;
    e->thread = a->thd;
    e->esd = rec ? rec + s->data_off : NULL;
    e->esd_len = s->elen;
    e->esd_avail = avail;
    e->job_number = a->nbr;
    e->remote_port = a->ip ? a->port : 0;
    e->flags = avail < s->elen ? JX_F_TRUNCATED : 0;
    e->ccsid = (uint16_t)g->cc->ccsid;
    e->code = s->code;
    e->subtype = s->code == 'T' && avail > 0 ? s->sub : '\0';
    e->addr_family = a->ip ? a->ip->fam : '0';
    memcpy(e->type, s->type, 3);
    snprintf(e->job, sizeof(e->job), "%s", a->job->u8);
    snprintf(e->job_user, sizeof(e->job_user), "%s", a->juser->u8);
    snprintf(e->user, sizeof(e->user), "%s", a->cuser->u8);
    snprintf(e->program, sizeof(e->program), "%s", a->pgm->u8);
    snprintf(e->program_lib, sizeof(e->program_lib), "%s", a->plib->u8);
    snprintf(e->system, sizeof(e->system), "%s", s->sp->name);
    snprintf(e->receiver, sizeof(e->receiver), "%s", s->rp->name);
    snprintf(e->receiver_lib, sizeof(e->receiver_lib), "%s", g->n_rcvlib.u8);
    if (s->hdr_otype)
        snprintf(e->object_type_hdr, sizeof(e->object_type_hdr), "%.7s", s->hdr_otype->u8);
    snprintf(e->remote_addr, sizeof(e->remote_addr), "%s", a->ip ? a->ip->u8 : "");
    for (uint32_t i = 0; i < s->ntp; i++) {
        const struct tpend *p = &s->tp[i];
        size_t cap = p->dst == t->cd_command ? sizeof(t->cd_command)
                   : p->dst == t->sv_new || p->dst == t->sv_old ? sizeof(t->sv_new) : JX_NAME_SZ;
        tclip(p->dst, cap, p->src, p->off, p->len, avail);
    }
    if (s->tpath) {
        /* the decoder reads min(length, bytes present) bytes of UTF-16 */
        const struct path *p = s->tpath;
        uint32_t pb = s->tpath_pb;
        e->path[0] = '\0';
        if (pb + JX_PB_TEXT <= avail) {
            uint32_t bytes = JX_MIN((uint32_t)p->u16len, avail - pb - JX_PB_TEXT);
            uint32_t chars = bytes / 2, n = 0;
            const uint8_t *u = (const uint8_t *)p->u8;
            while (chars > 0 && u[n]) {  /* BMP only: one UTF-8 sequence per unit */
                n += u[n] < 0x80 ? 1 : u[n] < 0xE0 ? 2 : 3;
                chars--;
            }
            memcpy(e->path, p->u8, n);
            e->path[n] = '\0';
        }
    }
    if (s->sk) {
        char x[JX_ADDR_SZ];
        tclip(x, sizeof(x), s->sk_rmt->u8, JX_SK_RMTIP, JX_SK_IP_LEN, avail);
        if (!x[0] && s->sk_rmt->fam == '4')
            tclip(x, sizeof(x), s->sk_rmt->u8, JX_SK_RMTIP4, 15, avail);
        if (x[0])
            memcpy(e->remote_addr, x, sizeof(x));
    }
    t->plant = s->plant;
}

/* ======================================================================
 * Streams: open, next
 * ==================================================================== */

/* Background slot j's time: evenly spread over the receiver's slots, with
 * a jitter that keeps times non-decreasing. */
static void bg_prepare(struct jx_gen_rcv *s)
{
    if (s->bg_done >= s->nbg)
        return;
    const double step = (double)s->rp->n / (s->nbg + 1.0);
    const uint64_t n = s->sp->n;
    int64_t b0 = s->bg_done == 0 ? time_at(s->g, n, s->rp->g0 + step, &s->hc) : s->bg_next_base;
    int64_t b1 = time_at(s->g, n, s->rp->g0 + step * (s->bg_done + 2), &s->hc);
    double u = (double)(hmix(s->bgseed, s->bg_done) >> 11) * 0x1.0p-53;
    s->bg_cur = b0 + (int64_t)(u * 0.9 * (double)(b1 - b0));
    s->bg_next_base = b1;
}

static int rcv_open(const struct jx_gen *g, size_t sys, size_t idx, bool measure,
                    struct jx_gen_rcv **out, struct jx_errctx *err)
{
    struct jx_gen_rcv *s = NULL;
    int rc = JX_E_NOMEM;
    *out = NULL;
    if (sys >= (size_t)g->o.systems || idx >= g->sys[sys].nrcv)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "no receiver %zu in system %zu", idx, sys);
    s = jx_calloc(1, sizeof(*s));
    if (!s)
        goto out;
    s->g = g;
    s->sys = (uint32_t)sys;
    s->idx = (uint32_t)idx;
    s->sp = &g->sys[sys];
    s->rp = &s->sp->rcv[idx];
    s->measure = measure;
    s->r.s = hmix3(g->o.seed ^ 0x5354524DULL, sys, idx);
    s->bgseed = hmix3(g->o.seed ^ 0x424755ULL, sys, idx);
    s->seq = s->seqd_v = s->rp->first_seq;
    s->sysseq = s->ssqd_v = s->rp->first_sysseq;
    jx_put_digits_u64(s->seqd, 20, s->seq);
    jx_put_digits_u64(s->ssqd, 20, s->sysseq);
    s->ts_day = INT64_MIN;
    s->has_pr = idx > 0;
    s->has_nr = idx + 1 < s->sp->nrcv;
    if ((uint32_t)s->has_pr + s->has_nr > s->rp->n)
        s->has_nr = false;
    s->esd = jx_malloc(ESD_SCRATCH);
    if (!s->esd)
        goto out;
    uint32_t fixed = (uint32_t)s->has_pr + s->has_nr, used = 0, pl = 0;
    if (g->o.plants && sys == 0 && idx == 0) {
        if ((rc = plan_plants(s, &pl)) != JX_OK)
            goto out;
        fixed += pl;
    }
    if ((rc = plan_bursts(s, s->rp->n - fixed, &used)) != JX_OK)
        goto out;
    rc = JX_E_NOMEM;
    s->nbe = used + pl;
    s->be = jx_calloc(s->nbe ? s->nbe : 1, sizeof(struct bent));
    if (!s->be)
        goto out;
    uint32_t k = 0;
    for (uint32_t b = 0; b < s->nbursts; b++)
        for (uint32_t j = 0; j < s->bursts[b].n; j++)
            s->be[k++] = (struct bent){burst_ts(s, &s->bursts[b], b, j), b, j};
    qsort(s->be, s->nbe, sizeof(struct bent), bent_cmp);
    s->nbg = s->rp->n - fixed - used;
    bg_prepare(s);
    s->last_ts = s->rp->t0;

    /* record size: fixed ENTDTALEN, or *CALC = this receiver's longest ESD
     * (each receiver file is its own DSPJRN run) */
    uint32_t entdtalen = g->entdtalen;
    if (!measure && entdtalen == JX_GEN_ENTDTALEN_CALC) {
        struct jx_gen_rcv *m = NULL;
        if ((rc = rcv_open(g, sys, idx, true, &m, err)) != JX_OK)
            goto out;
        while (jx_gen_rcv_next(m, NULL, NULL))
            ;
        entdtalen = m->max_esd ? m->max_esd : 1;
        jx_gen_rcv_free(m);
        rc = JX_E_NOMEM;
    }
    if (!measure) {
        s->data_off = jx_esd_data_off(g->o.shape);
        s->cap = entdtalen;
        s->reclen = (size_t)s->data_off + entdtalen;
        s->tmpl = jx_malloc(s->reclen);
        if (!s->tmpl)
            goto out;
        tmpl_build(s);
    }
    *out = s;
    s = NULL;
    rc = JX_OK;
out:
    jx_gen_rcv_free(s);
    if (rc == JX_E_NOMEM)
        jx_error(err, rc, "", -1, -1, "out of memory");
    return rc;
}

int jx_gen_rcv_open(const struct jx_gen *g, size_t sys, size_t rcv, struct jx_gen_rcv **out,
                    struct jx_errctx *err)
{
    return rcv_open(g, sys, rcv, false, out, err);
}

void jx_gen_rcv_free(struct jx_gen_rcv *r)
{
    if (!r)
        return;
    jx_free(r->tmpl);
    jx_free(r->esd);
    jx_free(r->bursts);
    jx_free(r->be);
    jx_free(r);
}

uint64_t jx_gen_rcv_count(const struct jx_gen_rcv *r)
{
    return r->rp->n;
}

size_t jx_gen_rcv_reclen(const struct jx_gen_rcv *r)
{
    return r->reclen;
}

int jx_gen_rcv_next(struct jx_gen_rcv *s, uint8_t *rec, struct jx_gen_truth *t)
{
    const struct jx_gen *g = s->g;
    const struct rcvplan *rp = s->rp;
    struct actor a;
    int64_t ts;
    if (s->emitted >= rp->n)
        return 0;
    s->t = s->measure ? NULL : t;
    if (s->t)
        memset(s->t, 0, sizeof(*s->t));
    s->ntp = 0;
    s->tpused = 0;
    s->tpath = NULL;
    s->sk = false;
    s->hdr_otype = NULL;
    s->plant = 0;
    s->sub = '\0';
    while (s->gi < rp->ngaps && rp->gaps[s->gi].pos == s->emitted) {
        s->seq += rp->gaps[s->gi].size;
        s->sysseq += rp->gaps[s->gi].size;
        s->gi++;
    }
    if (s->emitted == 0 && s->has_pr) {
        ts = rp->t0;
        gen_journal(s, "PR", ts, &a);
    } else if (s->emitted == rp->n - 1 && s->has_nr) {
        ts = JX_MAX(s->last_ts, rp->t1 - 1);
        gen_journal(s, "NR", ts, &a);
    } else if (s->bi < s->nbe && (s->bg_done >= s->nbg || s->be[s->bi].ts < s->bg_cur)) {
        const struct bent *b = &s->be[s->bi++];
        ts = b->ts;
        gen_burst(s, &s->bursts[b->b], b->k, ts, &a);
    } else {
        ts = s->bg_cur;
        gen_entry(s, (int)adraw(&g->a_single[g->o.profile], &s->r), ts, &a);
        s->bg_done++;
        bg_prepare(s);
    }
    if (ts < s->last_ts)
        ts = s->last_ts;
    s->last_ts = ts;
    if (s->elen > s->max_esd)
        s->max_esd = s->elen;
    if (!s->measure) {
        uint32_t avail = JX_MIN(s->elen, s->cap);
        if (avail < s->elen)
            s->truncated++;
        if (rec)
            encode(s, rec, ts, &a, avail);
        if (s->t)
            truth_fill(s, rec, ts, &a, avail);
    }
    s->seq++;
    s->sysseq++;
    s->emitted++;
    return 1;
}

/* ======================================================================
 * Public API: options, create, write
 * ==================================================================== */

void jx_gen_opts_init(struct jx_gen_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->entries = 100000;
    o->days = 1095;
    o->start = jx_ts_make(2022, 1, 1, 0, 0, 0, 0);
    o->systems = 1;
    o->receiver_entries = 500000;
    o->seed = 1;
    o->ccsid = 37;
    o->entdtalen = 1024;
    o->shape = JX_ESD_FIXED;
    o->profile = JX_GEN_MIMIX_OBJAUD;
    o->threads = 1;
}

int jx_gen_plant_parse(const char *list, unsigned *bits, struct jx_errctx *err)
{
    unsigned b = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        int found = 0;
        if (n == 3 && !strncmp(p, "all", 3)) {
            b |= JX_PLANT_ALL;
            found = 1;
        }
        for (int i = 0; i < 4 && !found; i++)
            if (strlen(plant_names[i]) == n && !strncmp(p, plant_names[i], n)) {
                b |= 1u << i;
                found = 1;
            }
        if (!found)
            return jx_error(err, JX_E_USAGE, "", -1, -1,
                            "unknown plant '%.*s' (qsecofr-pw-burst, allobj-grant, "
                            "sysval-change, audit-change, all)", (int)n, p);
        p += n;
        if (*p == ',')
            p++;
    }
    *bits = b;
    return JX_OK;
}

void jx_gen_free(struct jx_gen *g)
{
    if (!g)
        return;
    if (g->sys)
        for (int s = 0; s < g->o.systems; s++)
            jx_free(g->sys[s].rcv);
    jx_free(g->sys);
    jx_free(g->hw);
    jx_free(g->cum);
    jx_free(g->users);
    jx_free(g->libs);
    jx_free(g->names);
    for (int t = 0; t < OT_N; t++) {
        jx_free(g->objs[t]);
        alias_free(&g->obj_zipf[t]);
    }
    if (g->paths)
        for (uint32_t i = 0; i < NPATHS; i++) {
            jx_free(g->paths[i].u8);
            jx_free(g->paths[i].u16);
        }
    jx_free(g->paths);
    alias_free(&g->a_users);
    alias_free(&g->a_clients);
    alias_free(&g->a_paths);
    alias_free(&g->a_hostjobs);
    alias_free(&g->a_admin);
    alias_free(&g->a_cdtmpl);
    for (int m = 0; m < MX_N; m++)
        for (int k = 0; k < 2; k++)
            alias_free(&g->a_class[m][k]);
    for (int t = 0; t < T_N; t++) {
        alias_free(&g->a_sub[t]);
        alias_free(&g->a_ot[t]);
    }
    alias_free(&g->a_single[0]);
    alias_free(&g->a_single[1]);
    jx_free(g);
}

int jx_gen_create(const struct jx_gen_opts *o, struct jx_gen **out, struct jx_errctx *err)
{
    struct jx_gen *g = NULL;
    int rc;
    *out = NULL;
    if (o->entries == 0)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "--entries must be at least 1");
    if (o->systems < 1 || o->systems > 26)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "--systems must be 1..26");
    if ((uint64_t)o->systems > o->entries)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "fewer entries than systems");
    if (o->days < 1 || o->days > 36500)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "--days must be 1..36500");
    if (o->receiver_entries < 8 || o->receiver_entries > UINT32_MAX)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "--receiver-entries must be 8..4294967295");
    if (o->entdtalen > JX_ESD_MAX)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "--entdtalen must be 1..%d or calc",
                        JX_ESD_MAX);
    if (o->shape != JX_ESD_FIXED && o->shape != JX_ESD_VARLEN && o->shape != JX_ESD_VARLEN608)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "--esd must be fixed, varlen or varlen608");
    if (o->profile != JX_GEN_MIMIX_OBJAUD && o->profile != JX_GEN_ACTION_ONLY)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "unknown profile");
    if (o->start < jx_ts_make(1900, 1, 1, 0, 0, 0, 0) ||
        o->start + (int64_t)o->days * JX_US_PER_DAY > jx_ts_make(9999, 12, 31, 0, 0, 0, 0))
        return jx_error(err, JX_E_USAGE, "", -1, -1, "--start/--days outside 1900..9999");
    g = jx_calloc(1, sizeof(*g));
    if (!g)
        return jx_error(err, JX_E_NOMEM, "", -1, -1, "out of memory");
    g->o = *o;   /* outdir is borrowed (see gen.h) */
    g->cc = jx_ccsid_get(o->ccsid);
    if (!g->cc) {
        jx_gen_free(g);
        return jx_error(err, JX_E_USAGE, "", -1, -1, "ccsid %d is not supported", o->ccsid);
    }
    g->entdtalen = o->entdtalen;
    if (g->entdtalen != JX_GEN_ENTDTALEN_CALC) {
        g->cap = g->entdtalen;
        g->data_off = o->shape == JX_ESD_VARLEN ? JX_VARLEN_DATA_OFF : JX_FIXED_DATA_OFF;
        g->reclen = (size_t)g->data_off + g->entdtalen;
    }
    if (build_time(g) || build_world(g))
        goto nomem;
    if ((rc = plan_systems(g, err)) != JX_OK) {
        jx_gen_free(g);
        return rc;
    }
    *out = g;
    return JX_OK;
nomem:
    jx_gen_free(g);
    return jx_error(err, JX_E_NOMEM, "", -1, -1, "out of memory");
}

size_t jx_gen_reclen(const struct jx_gen *g) { return g->reclen; }
uint32_t jx_gen_entdtalen(const struct jx_gen *g) { return g->entdtalen; }
size_t jx_gen_nsystems(const struct jx_gen *g) { return (size_t)g->o.systems; }

size_t jx_gen_nreceivers(const struct jx_gen *g, size_t sys)
{
    return sys < (size_t)g->o.systems ? g->sys[sys].nrcv : 0;
}

int jx_gen_receiver(const struct jx_gen *g, size_t sys, size_t rcv, struct jx_gen_rcvinfo *out)
{
    if (sys >= (size_t)g->o.systems || rcv >= g->sys[sys].nrcv)
        return JX_E_NOTFOUND;
    const struct rcvplan *rp = &g->sys[sys].rcv[rcv];
    memset(out, 0, sizeof(*out));
    snprintf(out->system, sizeof(out->system), "%s", g->sys[sys].name);
    snprintf(out->receiver, sizeof(out->receiver), "%s", rp->name);
    snprintf(out->receiver_lib, sizeof(out->receiver_lib), "%s", g->n_rcvlib.u8);
    out->count = rp->n;
    out->first_seq = rp->first_seq;
    out->reset = rp->reset;
    out->missing = rp->missing;
    return JX_OK;
}

/* ---- writing: workers pull receivers from a shared counter ------------- */

#define WBUF (4u << 20)

struct wjob {
    uint32_t sys, rcv;
    /* results */
    int rc;
    struct jx_errctx err;
    uint64_t entries, bytes, truncated;
    uint32_t max_esd, entdtalen;
    size_t reclen;
    uint32_t nplants;
    struct jx_gen_plant_loc plants[4];
};

struct wctx {
    const struct jx_gen *g;
    const char *dir;
    struct wjob *jobs;
    size_t njobs;
    atomic_size_t next;
    atomic_int failed;
};

static void write_receiver(struct wctx *c, struct wjob *j, uint8_t *buf)
{
    const struct jx_gen *g = c->g;
    struct jx_gen_rcv *s = NULL;
    char path[4096];
    int fd = -1;
    snprintf(path, sizeof(path), "%s/%s/%s", c->dir, g->sys[j->sys].name,
             g->sys[j->sys].rcv[j->rcv].name);
    if ((j->rc = jx_gen_rcv_open(g, j->sys, j->rcv, &s, &j->err)) != JX_OK)
        goto out;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        j->rc = jx_error(&j->err, JX_E_IO, path, -1, -1, "cannot create: %s", strerror(errno));
        goto out;
    }
    const size_t per = JX_MAX((size_t)1, WBUF / s->reclen);
    size_t n = 0;
    for (;;) {
        int more = jx_gen_rcv_next(s, buf + n * s->reclen, NULL);
        if (more)
            n++;
        if (n == per || (!more && n)) {
            if (jx_write_all(fd, buf, n * s->reclen)) {
                j->rc = jx_error(&j->err, JX_E_IO, path, (int64_t)j->entries, -1,
                                 "write failed: %s", strerror(errno));
                goto out;
            }
            j->entries += n;
            j->bytes += n * s->reclen;
            n = 0;
        }
        if (!more)
            break;
        if ((j->entries & 0xFFFF) == 0 && atomic_load(&c->failed))
            goto out;
    }
    if (close(fd) != 0) {
        fd = -1;
        j->rc = jx_error(&j->err, JX_E_IO, path, -1, -1, "close failed: %s", strerror(errno));
        goto out;
    }
    fd = -1;
    j->truncated = s->truncated;
    j->max_esd = s->max_esd;
    j->entdtalen = s->cap;
    j->reclen = s->reclen;
    j->nplants = s->nplants;
    memcpy(j->plants, s->plants, sizeof(j->plants));
out:
    if (fd >= 0)
        close(fd);
    if (j->rc)
        atomic_store(&c->failed, 1);
    jx_gen_rcv_free(s);
}

static void *worker(void *arg)
{
    struct wctx *c = arg;
    size_t cap = WBUF + JX_VARLEN_DATA_OFF + JX_ESD_MAX;
    uint8_t *buf = jx_malloc(cap);
    for (;;) {
        size_t i = atomic_fetch_add(&c->next, 1);
        if (i >= c->njobs || atomic_load(&c->failed))
            break;
        if (!buf) {
            c->jobs[i].rc = jx_error(&c->jobs[i].err, JX_E_NOMEM, "", -1, -1, "out of memory");
            atomic_store(&c->failed, 1);
            break;
        }
        write_receiver(c, &c->jobs[i], buf);
    }
    jx_free(buf);
    return NULL;
}

static int mkdir_p(const char *d, struct jx_errctx *err)
{
    char p[4096];
    snprintf(p, sizeof(p), "%s", d);
    for (char *q = p + 1; *q; q++)
        if (*q == '/') {
            *q = '\0';
            if (mkdir(p, 0755) != 0 && errno != EEXIST)
                return jx_error(err, JX_E_IO, p, -1, -1, "cannot create directory: %s", strerror(errno));
            *q = '/';
        }
    if (mkdir(p, 0755) != 0 && errno != EEXIST)
        return jx_error(err, JX_E_IO, p, -1, -1, "cannot create directory: %s", strerror(errno));
    return JX_OK;
}

static int dir_empty(const char *d, struct jx_errctx *err)
{
    DIR *dp = opendir(d);
    struct dirent *de;
    if (!dp)
        return jx_error(err, JX_E_IO, d, -1, -1, "cannot open directory: %s", strerror(errno));
    while ((de = readdir(dp)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
            closedir(dp);
            return jx_error(err, JX_E_USAGE, d, -1, -1,
                            "output directory is not empty (gen never mixes chains): remove it "
                            "or choose another");
        }
    closedir(dp);
    return JX_OK;
}

int jx_gen_write_to(const struct jx_gen *g, const char *dir, int threads,
                    struct jx_gen_stats *st, struct jx_errctx *err)
{
    struct wctx c;
    pthread_t *tids = NULL;
    int rc = JX_OK, nt = threads < 1 ? 1 : threads, started = 0;
    double t0 = jx_now();
    struct jx_gen_stats dummy;
    if (!st)
        st = &dummy;
    memset(st, 0, sizeof(*st));
    memset(&c, 0, sizeof(c));
    if (!dir || !*dir)
        return jx_error(err, JX_E_USAGE, "", -1, -1, "no output directory (-o DIR)");
    if ((rc = mkdir_p(dir, err)) || (rc = dir_empty(dir, err)))
        return rc;
    for (int s = 0; s < g->o.systems; s++) {
        char p[4096];
        snprintf(p, sizeof(p), "%s/%s", dir, g->sys[s].name);
        if ((rc = mkdir_p(p, err)))
            return rc;
        c.njobs += g->sys[s].nrcv;
    }
    c.g = g;
    c.dir = dir;
    c.jobs = jx_calloc(c.njobs ? c.njobs : 1, sizeof(struct wjob));
    tids = jx_calloc((size_t)nt, sizeof(pthread_t));
    if (!c.jobs || !tids) {
        rc = jx_error(err, JX_E_NOMEM, "", -1, -1, "out of memory");
        goto out;
    }
    c.njobs = 0;
    for (int s = 0; s < g->o.systems; s++)
        for (uint32_t r = 0; r < g->sys[s].nrcv; r++)
            if (!g->sys[s].rcv[r].missing) {
                c.jobs[c.njobs].sys = (uint32_t)s;
                c.jobs[c.njobs].rcv = r;
                c.njobs++;
            }
    atomic_init(&c.next, 0);
    atomic_init(&c.failed, 0);
    if (nt > (int)c.njobs)
        nt = c.njobs ? (int)c.njobs : 1;
    for (int i = 1; i < nt; i++) {
        if (pthread_create(&tids[i], NULL, worker, &c) != 0)
            break;
        started++;
    }
    worker(&c);
    for (int i = 1; i <= started; i++)
        pthread_join(tids[i], NULL);
    for (size_t i = 0; i < c.njobs; i++) {
        const struct wjob *j = &c.jobs[i];
        if (j->rc) {
            if (err)
                *err = j->err;
            rc = j->rc;
            goto out;
        }
        st->entries += j->entries;
        st->bytes += j->bytes;
        st->truncated += j->truncated;
        st->files++;
        st->max_esd = JX_MAX(st->max_esd, j->max_esd);
        st->entdtalen = JX_MAX(st->entdtalen, j->entdtalen);
        st->reclen = JX_MAX(st->reclen, j->reclen);
        for (uint32_t k = 0; k < j->nplants && st->nplants < 4; k++)
            st->plants[st->nplants++] = j->plants[k];
    }
    /* a failed job may have been skipped after another failed: report the
     * first failure in job order (deterministic) */
    if (atomic_load(&c.failed) && rc == JX_OK)
        rc = jx_error(err, JX_E_INTERNAL, dir, -1, -1, "a writer stopped without an error");
out:
    st->seconds = jx_now() - t0;
    jx_free(c.jobs);
    jx_free(tids);
    return rc;
}

int jx_gen_write(const struct jx_gen *g, struct jx_gen_stats *st, struct jx_errctx *err)
{
    return jx_gen_write_to(g, g->o.outdir, g->o.threads, st, err);
}

int jx_gen_run(const struct jx_gen_opts *o, struct jx_gen_stats *st, struct jx_errctx *err)
{
    struct jx_gen *g = NULL;
    int rc = jx_gen_create(o, &g, err);
    if (rc == JX_OK)
        rc = jx_gen_write(g, st, err);
    jx_gen_free(g);
    return rc;
}
