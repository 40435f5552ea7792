/*
 * tests/test_audit.c - full ESD decoding (common/audit.h jx_audit_fields and
 * its renderers, subtype tables, one-line details).
 *
 * Method: for each entry type with a layout, write an ESD byte by byte at
 * the common/layout.h offsets with the common/ebcdic.h and common/fields.h
 * encoders (through tests/recbuild.h), decode it from a heap copy of exactly
 * esd_avail bytes (so ASan catches any read past the bytes present) and
 * check EVERY field emitted: its value and whether it is labelled
 * UNCONFIRMED. A field the decoder emits that the test did not check fails
 * the test, so nothing is decoded unseen. Also: truncated ESDs, unknown
 * types, invalid numbers, text/JSON rendering. Runs in milliseconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "audit.h"
#include "ebcdic.h"
#include "entry.h"
#include "fields.h"
#include "jx.h"
#include "layout.h"
#include "recbuild.h"

#define MAXF 96

struct got {
    size_t n;
    char name[MAXF][64];
    char value[MAXF][8192];
    unsigned flags[MAXF];
    uint32_t off[MAXF];
    bool checked[MAXF];
};

static struct rb_esd D;
static struct got G;
static struct jx_entry E;
static uint8_t *copy;

static void collect(const struct jx_afield *f, void *arg)
{
    struct got *g = arg;
    assert_true(g->n < MAXF);
    snprintf(g->name[g->n], sizeof(g->name[0]), "%s", f->name);
    snprintf(g->value[g->n], sizeof(g->value[0]), "%s", f->value);
    g->flags[g->n] = f->flags;
    g->off[g->n] = f->offset;
    g->checked[g->n] = false;
    g->n++;
}

static const struct jx_ccsid *cc37(void)
{
    const struct jx_ccsid *cc = jx_ccsid_get(37);
    assert_non_null(cc);
    return cc;
}

static void esd_begin(int ccsid)
{
    rb_esd_init(&D, ccsid);
}

/* Decode D as entry `type`, keeping only `avail` bytes (0 = all). */
static size_t decode_avail(const char *type, size_t avail)
{
    const struct jx_ccsid *cc = jx_ccsid_get(D.ccsid);
    assert_non_null(cc);
    free(copy);
    if (avail == 0)
        avail = D.len;
    copy = malloc(avail);
    assert_non_null(copy);
    memcpy(copy, D.b, avail);
    memset(&E, 0, sizeof(E));
    E.code = 'T';
    E.type[0] = type[0];
    E.type[1] = type[1];
    E.esd = copy;
    E.esd_len = (uint32_t)D.len;
    E.esd_avail = (uint32_t)avail;
    E.ccsid = (uint16_t)D.ccsid;
    if (avail < D.len)
        E.flags |= JX_F_TRUNCATED;
    jx_audit_keys(&E, cc);
    memset(&G, 0, sizeof(G));
    size_t n = jx_audit_fields(&E, cc, collect, &G);
    assert_int_equal(n, G.n);
    return n;
}

static size_t decode(const char *type)
{
    return decode_avail(type, 0);
}

static int find(const char *name)
{
    for (size_t i = 0; i < G.n; i++)
        if (!strcmp(G.name[i], name))
            return (int)i;
    return -1;
}

/* The field is present with this value; UNCONFIRMED label as `unconf`. */
static void chk_(const char *name, const char *value, bool unconf, int line)
{
    int i = find(name);
    if (i < 0)
        fail_msg("line %d: field '%s' not decoded", line, name);
    if (strcmp(G.value[i], value))
        fail_msg("line %d: field '%s' = '%s', expected '%s'", line, name, G.value[i], value);
    if (((G.flags[i] & JX_AFF_UNCONFIRMED) != 0) != unconf)
        fail_msg("line %d: field '%s' unconfirmed flag %d, expected %d", line, name,
                 (G.flags[i] & JX_AFF_UNCONFIRMED) != 0, unconf);
    G.checked[i] = true;
}
#define chk(n, v) chk_(n, v, false, __LINE__)
#define chku(n, v) chk_(n, v, true, __LINE__)

static void absent_(const char *name, int line)
{
    if (find(name) >= 0)
        fail_msg("line %d: field '%s' decoded but should not be", line, name);
}
#define absent(n) absent_(n, __LINE__)

/* Every field the decoder emitted was checked. */
static void all_checked_(int line)
{
    for (size_t i = 0; i < G.n; i++)
        if (!G.checked[i])
            fail_msg("line %d: field '%s' = '%s' decoded but not checked", line, G.name[i],
                     G.value[i]);
}
#define all_checked() all_checked_(__LINE__)

static void ch(size_t off, size_t w, const char *s) { rb_esd_char(&D, off, w, s); }
static void sub(char c) { const char s[2] = {c, 0}; ch(JX_E_SUBTYPE, 1, s); }
static void obj(char c, const char *n, const char *l, const char *t)
{
    rb_esd_object(&D, c, n, l, t);
}
static void bin2(size_t off, uint16_t v)
{
    uint8_t b[2];
    jx_put_be16(b, v);
    rb_esd_bytes(&D, off, b, 2);
}
static void bin4(size_t off, uint32_t v)
{
    uint8_t b[4];
    jx_put_be32(b, v);
    rb_esd_bytes(&D, off, b, 4);
}
static void zoned(size_t off, size_t n, int64_t v)
{
    uint8_t b[32];
    jx_put_zoned(b, n, v);
    rb_esd_bytes(&D, off, b, n);
}
static void packed(size_t off, size_t n, int64_t v)
{
    uint8_t b[16];
    jx_put_packed(b, n, v);
    rb_esd_bytes(&D, off, b, n);
}
static void fid(size_t off, uint8_t first)
{
    uint8_t b[16];
    for (int i = 0; i < 16; i++)
        b[i] = (uint8_t)(first + i);
    rb_esd_bytes(&D, off, b, 16);
}
static const char *fidhex(uint8_t first)
{
    static char s[4][33];
    static int k;
    char *o = s[k++ & 3];
    for (int i = 0; i < 16; i++)
        sprintf(o + 2 * i, "%02X", (unsigned)(uint8_t)(first + i));
    return o;
}

/* IFS object-name block at off: name in the block's CCSID (1200: UTF-16). */
static void nameblk(size_t off, uint32_t ccsid, const char *name)
{
    uint8_t b[JX_NB_NAME_LEN * 2];
    size_t n;
    if (ccsid == 1200)
        n = jx_utf8_to_utf16be(name, b, sizeof(b));
    else
        n = jx_u2e(jx_ccsid_get((int)ccsid), name, b, strlen(name));
    bin2(off + JX_NB_LEN, (uint16_t)n);
    bin4(off + JX_NB_CCSID, ccsid);
    ch(off + JX_NB_CNTRY, 2, "US");
    ch(off + JX_NB_LANG, 3, "ENU");
    fid(off + JX_NB_PFID, 0x01);
    fid(off + JX_NB_OFID, 0x11);
    rb_esd_bytes(&D, off + JX_NB_NAME, b, n);
    D.len = JX_MAX(D.len, off + JX_NB_SIZE);
}
static void chk_nameblk_(const char *prefix, const char *len, const char *ccsid,
                         const char *name, bool unconf, int line)
{
    char nm[64];
#define P(s) (snprintf(nm, sizeof(nm), "%s%s", prefix, s), nm)
    chk_(P("name_length"), len, unconf, line);
    chk_(P("name_ccsid"), ccsid, unconf, line);
    chk_(P("name_country"), "US", unconf, line);
    chk_(P("name_language"), "ENU", unconf, line);
    chk_(P("name_parent_file_id"), fidhex(0x01), unconf, line);
    chk_(P("name_object_file_id"), fidhex(0x11), unconf, line);
    chk_(P("ifs_name"), name, unconf, line);
#undef P
}
#define chk_nameblk(p, l, c, n, u) chk_nameblk_(p, l, c, n, u, __LINE__)

/* Path-name block at off, UTF-16 (CCSID 1200), absolute. */
static void pathblk(size_t off, const char *path)
{
    uint8_t b[2 * JX_PB_TEXT_MAX];
    size_t n = jx_utf8_to_utf16be(path, b, sizeof(b));
    bin4(off + JX_PB_CCSID, 1200);
    ch(off + JX_PB_CNTRY, 2, "US");
    ch(off + JX_PB_LANG, 3, "ENU");
    bin2(off + JX_PB_LEN, (uint16_t)n);
    ch(off + JX_PB_ABS, 1, "Y");
    fid(off + JX_PB_RELFID, 0x21);
    rb_esd_bytes(&D, off + JX_PB_TEXT, b, n);
}
/* anchor_unconf: CCSID/country; rest_unconf: the rest of the block. */
static void chk_pathblk_(const char *path, bool anchor_unconf, bool rest_unconf, int line)
{
    char len[24];
    snprintf(len, sizeof(len), "%zu", 2 * strlen(path));
    chk_("path_ccsid", "1200", anchor_unconf, line);
    chk_("path_country", "US", anchor_unconf, line);
    chk_("path_language", "ENU", rest_unconf, line);
    chk_("path_length", len, rest_unconf, line);
    chk_("path_absolute", "Y", rest_unconf, line);
    chk_("path_relative_dir_file_id", fidhex(0x21), rest_unconf, line);
    chk_("path_name", path, rest_unconf, line);
}
#define chk_pathblk(p, a, r) chk_pathblk_(p, a, r, __LINE__)

static void chk_obj(const char *n, const char *l, const char *t)
{
    chk("object_name", n);
    chk("object_library", l);
    chk("object_type", t);
}

static int teardown(void **state)
{
    (void)state;
    free(copy);
    copy = NULL;
    return 0;
}

/* ---- one test per entry type ------------------------------------------- */

static void test_fields_af(void **state)
{
    (void)state;
    esd_begin(37);
    obj('C', "PAYROLL", "PRODLIB", "*FILE");
    ch(JX_AF_VALERR, 1, "E");
    ch(JX_AF_JOB, 10, "QPADEV0007");
    ch(JX_AF_USER, 10, "JSMITH");
    zoned(JX_AF_JOBNBR, 6, 4711);
    ch(JX_AF_PGM, 10, "PAYPGM");
    ch(JX_AF_PGMLIB, 10, "PAYLIB");
    ch(JX_AF_USRPRF, 10, "JSMITH2");
    ch(JX_AF_WRKSTN, 10, "WS01");
    zoned(JX_AF_INSTR, 7, 1234);
    ch(JX_AF_FIELD, 10, "SALARY");
    ch(JX_AF_OPVIOL, 3, "AAA");
    assert_int_equal(decode("AF"), 15);
    chk("entry_type", "C (validation failure)");
    chk_obj("PAYROLL", "PRODLIB", "*FILE");
    chk("validation_error_action", "E");
    chku("job_name", "QPADEV0007");
    chku("job_user", "JSMITH");
    chku("job_number", "004711");
    chku("program", "PAYPGM");
    chku("program_library", "PAYLIB");
    chku("user_profile", "JSMITH2");
    chku("workstation", "WS01");
    chku("instruction_number", "1234");
    chku("field_name", "SALARY");
    chk("operation_violation_code", "AAA");
    all_checked();
}

static void test_fields_ad(void **state)
{
    (void)state;
    esd_begin(37);
    obj('U', "JSMITH", "QSYS", "*USRPRF");
    ch(JX_AD_OBJAUD, 10, "*CHANGE");
    const size_t flags[8] = {JX_AD_CMD, JX_AD_CREATE, JX_AD_DELETE, JX_AD_JOBDTA,
                             JX_AD_OBJMGT, JX_AD_OFCSRV, JX_AD_PGMADP, JX_AD_SAVRST};
    for (int i = 0; i < 8; i++)
        ch(flags[i], 1, (i % 2) ? "N" : "Y");
    assert_int_equal(decode("AD"), 13);
    chk("entry_type", "U (user auditing changed)");
    chk_obj("JSMITH", "QSYS", "*USRPRF");
    chk("object_audit_value", "*CHANGE");
    chk("audit_cmd", "Y");
    chk("audit_create", "N");
    chk("audit_delete", "Y");
    chk("audit_jobdta", "N");
    chk("audit_objmgt", "Y");
    chk("audit_ofcsrv", "N");
    chk("audit_pgmadp", "Y");
    chk("audit_savrst", "N");
    all_checked();
    char d[512];
    jx_audit_detail(&E, cc37(), d, sizeof(d));
    assert_string_equal(d, "user auditing changed; object auditing *CHANGE; user auditing "
                           "*CMD *DELETE *OBJMGT *PGMADP");
}

static void test_fields_ap(void **state)
{
    (void)state;
    esd_begin(37);
    obj('S', "ADOPTPGM", "TOOLS", "*PGM");
    ch(JX_AP_OWNER, 10, "QSECOFR");
    fid(JX_AP_OBJFID, 0x30);
    ch(JX_AP_ASPNAME, 10, "IASP1");
    ch(JX_AP_ASPNUM, 5, "00033");
    assert_int_equal(decode("AP"), 8);
    chk("entry_type", "S (adopted authority started)");
    chk_obj("ADOPTPGM", "TOOLS", "*PGM");
    chk("owner", "QSECOFR");
    chk("object_file_id", fidhex(0x30));
    chk("asp_name", "IASP1");
    chk("asp_number", "00033");
    all_checked();
}

static void test_fields_ca(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "PAYROLL", "PRODLIB", "*FILE");
    ch(JX_CA_USER, 10, "JSMITH");
    ch(JX_CA_AUTL, 10, "PAYAUTL");
    const size_t f[13] = {JX_CA_OBJEXIST, JX_CA_OBJMGT, JX_CA_OBJOPR, JX_CA_AUTLMGT,
                          JX_CA_AUTLFLAG, JX_CA_READ, JX_CA_ADD, JX_CA_UPD, JX_CA_DLT,
                          JX_CA_EXCLUDE, JX_CA_EXECUTE, JX_CA_OBJALTER, JX_CA_OBJREF};
    for (int i = 0; i < 13; i++)
        ch(f[i], 1, (i == 0 || i == 5 || i == 6) ? "Y" : "N");
    assert_int_equal(decode("CA"), 19);
    chk("entry_type", "A (authority changed; meaning unconfirmed)");
    chk_obj("PAYROLL", "PRODLIB", "*FILE");
    chk("user_name", "JSMITH");
    chk("authorization_list", "PAYAUTL");
    chk("auth_objexist", "Y");
    chk("auth_objmgt", "N");
    chk("auth_objopr", "N");
    chk("auth_autlmgt", "N");
    chk("auth_autl", "N");
    chk("auth_read", "Y");
    chku("auth_add", "Y");
    chku("auth_upd", "N");
    chku("auth_dlt", "N");
    chku("auth_exclude", "N");
    chku("auth_execute", "N");
    chku("auth_objalter", "N");
    chku("auth_objref", "N");
    all_checked();
    assert_string_equal(E.target_user, "JSMITH");
    char d[512];
    jx_audit_detail(&E, cc37(), d, sizeof(d));
    assert_string_equal(d, "authority changed for JSMITH: *OBJEXIST *READ *ADD; "
                           "authorization list PAYAUTL");
}

static void test_fields_cd(void **state)
{
    (void)state;
    esd_begin(37);
    obj('C', "CHGUSRPRF", "QSYS", "*CMD");
    ch(JX_CD_WHERE, 1, "I");
    ch(JX_CD_CMD, JX_CD_CMD_LEN, "CHGUSRPRF USRPRF(JSMITH) SPCAUT(*ALLOBJ) TEXT('a (b)')");
    ch(JX_CD_ASPNAME, 10, "SYSBASE");
    ch(JX_CD_ASPNUM, 5, "00001");
    assert_int_equal(D.len, (size_t)JX_CD_ESD_LEN);
    assert_int_equal(decode("CD"), 8);
    chk("entry_type", "C (command run; meaning unconfirmed)");
    chk("command_name", "CHGUSRPRF");
    chk("command_library", "QSYS");
    chk("object_type", "*CMD");
    chk("where_run", "I");
    chk("command_string", "CHGUSRPRF USRPRF(JSMITH) SPCAUT(*ALLOBJ) TEXT('a (b)')");
    chk("asp_name", "SYSBASE");
    chk("asp_number", "00001");
    all_checked();
    /* the raw value of text is the text, even when it ends like "x (y)" */
    char v[256];
    assert_int_equal(jx_audit_field(&E, cc37(), "command_string", v, sizeof(v)), 1);
    assert_string_equal(v, "CHGUSRPRF USRPRF(JSMITH) SPCAUT(*ALLOBJ) TEXT('a (b)')");
}

static void test_fields_co(void **state)
{
    (void)state;
    esd_begin(37);
    obj('N', "NEWFILE", "PRODLIB", "*FILE");
    ch(JX_CO_ATTR, 10, "PF");
    nameblk(JX_DO_NAMEBLK, 37, "NEWFILE.FILE");
    pathblk(JX_DO_NAMEBLK + JX_NB_TO_PATHBLK, "/QSYS.LIB/PRODLIB.LIB/NEWFILE.FILE");
    decode("CO");
    chk("entry_type", "N (new object created; meaning unconfirmed)");
    chku("object_name", "NEWFILE");
    chku("object_library", "PRODLIB");
    chku("object_type", "*FILE");
    chku("object_attribute", "PF");
    chk_nameblk("", "12", "37", "NEWFILE.FILE", true);
    chk_pathblk("/QSYS.LIB/PRODLIB.LIB/NEWFILE.FILE", true, true);
    all_checked();
    assert_string_equal(E.path, "/QSYS.LIB/PRODLIB.LIB/NEWFILE.FILE");
}

static void test_fields_cp(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "JSMITH", "QSYS", "*USRPRF");
    ch(JX_CP_CMD, 3, "CHG");
    ch(JX_CP_PWDCHG, 1, "Y");
    ch(JX_CP_PWDNONE, 1, "N");
    ch(JX_CP_PWDEXP, 1, "N");
    ch(JX_CP_ALLOBJ, 1, "Y");
    ch(JX_CP_JOBCTL, 1, "N");
    ch(JX_CP_SAVSYS, 1, "N");
    ch(JX_CP_SECADM, 1, "Y");
    ch(JX_CP_SPLCTL, 1, "N");
    ch(JX_CP_SERVICE, 1, "N");
    ch(JX_CP_AUDIT, 1, "Y");
    ch(JX_CP_IOSYSCFG, 1, "N");
    assert_int_equal(decode("CP"), 16);
    chk("entry_type", "A (user profile changed)");
    chk("user_profile", "JSMITH");
    chk("library", "QSYS");
    chk("object_type", "*USRPRF");
    chk("command", "CHG (CHGUSRPRF or CHGEXPSCDE)");
    chk("password_changed", "Y");
    chk("password_none", "N");
    chk("password_expired", "N");
    chk("special_allobj", "Y");
    chk("special_jobctl", "N");
    chk("special_savsys", "N");
    chk("special_secadm", "Y");
    chk("special_splctl", "N");
    chku("special_service", "N");
    chku("special_audit", "Y");
    chku("special_iosyscfg", "N");
    all_checked();
    /* the bare value of a coded field, for reports */
    char v[64];
    assert_int_equal(jx_audit_field(&E, cc37(), "command", v, sizeof(v)), 1);
    assert_string_equal(v, "CHG");
    assert_int_equal(jx_audit_field(&E, cc37(), "entry_type", v, sizeof(v)), 1);
    assert_string_equal(v, "A");
    assert_int_equal(jx_audit_field(&E, cc37(), "no_such_field", v, sizeof(v)), 0);
    assert_string_equal(v, "");
    char d[512];
    jx_audit_detail(&E, cc37(), d, sizeof(d));
    assert_non_null(strstr(d, "*ALLOBJ"));
    assert_non_null(strstr(d, "*SECADM"));
    assert_non_null(strstr(d, "*AUDIT"));
    assert_null(strstr(d, "*JOBCTL"));
    assert_non_null(strstr(d, "password changed"));
}

static void test_fields_do(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "OLDFILE", "PRODLIB", "*FILE");
    ch(JX_DO_ATTR, 10, "PF");
    ch(JX_DO_OFCUSR, 10, "OFCUSR");
    ch(JX_DO_DLONAME, 12, "DOC1.TXT");
    ch(JX_DO_FOLDER, 63, "FOLDER/SUB");
    ch(JX_DO_ONBEHALF, 10, "BEHALF");
    nameblk(JX_DO_NAMEBLK, 1200, "old.txt");
    fid(JX_DO_NAMEBLK + JX_NB_SIZE, 0x40 + 1);
    ch(JX_DO_NAMEBLK + JX_NB_SIZE + 16, 10, "IASP2");
    ch(JX_DO_NAMEBLK + JX_NB_SIZE + 26, 5, "00034");
    pathblk(JX_DO_NAMEBLK + JX_NB_TO_PATHBLK, "/home/old.txt");
    decode("DO");
    chk("entry_type", "A (object deleted)");
    chk_obj("OLDFILE", "PRODLIB", "*FILE");
    chk("object_attribute", "PF");
    chk("office_user", "OFCUSR");
    chk("dlo_name", "DOC1.TXT");
    chk("folder_path", "FOLDER/SUB");
    chk("on_behalf_user", "BEHALF");
    chk_nameblk("", "14", "1200", "old.txt", false);
    chku("object_file_id", fidhex(0x41));
    chku("asp_name", "IASP2");
    chku("asp_number", "00034");
    chk_pathblk("/home/old.txt", true, true);
    all_checked();
    /* the name block is DERIVED: flagged so in the API */
    assert_true(G.flags[find("ifs_name")] & JX_AFF_DERIVED);
    assert_string_equal(E.path, "/home/old.txt");
}

static void test_fields_ds(void **state)
{
    (void)state;
    esd_begin(37);
    sub('C');
    ch(JX_DS_IBMRESET, 1, "Y");
    ch(JX_DS_IDTYPE, 10, "*SECURITY");
    ch(JX_DS_NEWNAME8, 8, "SSTUSR1");
    ch(JX_DS_PWDCHG, 1, "Y");
    ch(JX_DS_USERID, 10, "SSTUSER01");
    ch(JX_DS_REQUESTER, 10, "QSECOFR");
    assert_int_equal(decode("DS"), 7);
    chk("entry_type", "C (service tools user ID changed)");
    chk("ibm_id_reset", "Y");
    chk("user_id_type", "*SECURITY");
    chk("new_name_char8", "SSTUSR1");
    chk("password_change", "Y");
    chk("new_name", "SSTUSER01");
    chk("requesting_profile", "QSECOFR");
    all_checked();
}

static void test_fields_gs(void **state)
{
    (void)state;
    esd_begin(37);
    sub('G');
    ch(JX_GS_JOB, 10, "QZDASOINIT");
    ch(JX_GS_USER, 10, "QUSER");
    zoned(JX_GS_NBR, 6, 123456);
    ch(JX_GS_USRPRF, 10, "JSMITH");
    ch(JX_GS_JUID, 10, "JUID1");
    assert_int_equal(decode("GS"), 6);
    chk("entry_type", "G (descriptor given; meaning unconfirmed)");
    chk("job_name", "QZDASOINIT");
    chk("job_user", "QUSER");
    chk("job_number", "123456");
    chk("user_profile", "JSMITH");
    chk("juid", "JUID1");
    all_checked();

    /* a job number that is not zoned: shown raw, flagged, never guessed */
    const uint8_t bad[6] = {0xF1, 0xF2, 0x40, 0xC1, 0xF5, 0xF6};
    rb_esd_bytes(&D, JX_GS_NBR, bad, sizeof(bad));
    decode("GS");
    int i = find("job_number");
    assert_true(i >= 0);
    assert_string_equal(G.value[i], "X'F1F240C1F5F6'");
    assert_true(G.flags[i] & JX_AFF_INVALID);
}

static void test_fields_ir(void **state)
{
    (void)state;
    esd_begin(37);
    sub('L');
    ch(JX_IR_FILE, 10, "RULES");
    ch(JX_IR_FILELIB, 10, "QUSRSYS");
    nameblk(JX_IR_NAMEBLK, 37, "RULES.FILE");
    ch(JX_IR_CONNSEQ, 40, "CONN0001");
    fid(JX_IR_OBJFID, 0x50);
    ch(JX_IR_ASPNAME, 10, "SYSBASE");
    ch(JX_IR_ASPNUM, 5, "00001");
    pathblk(JX_IR_PATHBLK, "/QIBM/UserData/rules.txt");
    decode("IR");
    chk("entry_type", "L (IP rules loaded)");
    chk("file_name", "RULES");
    chk("file_library", "QUSRSYS");
    chk_nameblk("", "10", "37", "RULES.FILE", false);
    chk("connection_sequence", "CONN0001");
    chk("object_file_id", fidhex(0x50));
    chk("asp_name", "SYSBASE");
    chk("asp_number", "00001");
    chk_pathblk("/QIBM/UserData/rules.txt", false, false);
    all_checked();
}

static void test_fields_jd(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "NIGHTJOBD", "QGPL", "*JOBD");
    ch(JX_JD_CMD, 3, "CHG");
    ch(JX_JD_OLDUSER, 10, "BATCHUSR");
    ch(JX_JD_NEWUSER, 10, "QSECOFR");
    ch(JX_JD_ASPNAME, 10, "SYSBASE");
    ch(JX_JD_ASPNUM, 5, "00001");
    assert_int_equal(decode("JD"), 9);
    chk("entry_type", "A (job description USER changed)");
    chk("jobd_name", "NIGHTJOBD");
    chk("jobd_library", "QGPL");
    chk("object_type", "*JOBD");
    chk("command_type", "CHG (CHGJOBD)");
    chk("old_user", "BATCHUSR");
    chk("new_user", "QSECOFR");
    chk("asp_name", "SYSBASE");
    chk("asp_number", "00001");
    all_checked();
    assert_string_equal(E.target_user, "QSECOFR");
}

static void test_fields_js(void **state)
{
    (void)state;
    esd_begin(37);
    sub('S');
    ch(JX_JS_JOBTYPE, 1, "I");
    ch(JX_JS_JOBSUBTYPE, 1, " ");
    ch(JX_JS_JOB, 10, "QPADEV0001");
    ch(JX_JS_JOBUSER, 10, "QSECOFR");
    ch(JX_JS_JOBNBR, 6, "012345");
    ch(JX_JS_DEVICE, 10, "QPADEV0001");
    ch(JX_JS_EFFUSER, 10, "QSECOFR");
    ch(JX_JS_JOBD, 10, "QDFTJOBD");
    ch(JX_JS_JOBDLIB, 10, "QGPL");
    assert_int_equal(decode("JS"), 10);
    chk("entry_type", "S (job started; meaning unconfirmed)");
    chk("job_type", "I");
    chk("job_subtype", "");
    chk("job_name", "QPADEV0001");
    chk("job_user", "QSECOFR");
    chk("job_number", "012345");
    chk("device", "QPADEV0001");
    chk("effective_user", "QSECOFR");
    chk("jobd_name", "QDFTJOBD");
    chk("jobd_library", "QGPL");
    all_checked();
}

static void test_fields_na(void **state)
{
    (void)state;
    esd_begin(37);
    sub('A');
    ch(JX_NA_ATTR, 10, "ALWADDCLU");
    ch(JX_NA_NEW, 250, "*ANY");
    ch(JX_NA_OLD, 250, "*NONE");
    assert_int_equal(decode("NA"), 4);
    chk("entry_type", "A (network attribute changed)");
    chk("attribute", "ALWADDCLU");
    chk("new_value", "*ANY");
    chk("old_value", "*NONE");
    all_checked();
    char d[256];
    jx_audit_detail(&E, cc37(), d, sizeof(d));
    assert_string_equal(d, "ALWADDCLU: *NONE -> *ANY");
}

static void test_fields_om(void **state)
{
    (void)state;
    esd_begin(37);
    obj('R', "OLDNAME", "OLDLIB", "*PGM");
    ch(JX_OM_NEWNAME, 10, "NEWNAME");
    ch(JX_OM_NEWLIB, 10, "NEWLIB");
    ch(JX_OM_ATTR, 10, "CLLE");
    ch(JX_OM_OFCUSR, 10, "OFC1");
    ch(JX_OM_OLDDLO, 12, "OLD.DOC");
    ch(JX_OM_OLDFOLDER, 63, "OLDFLR");
    ch(JX_OM_NEWDLO, 12, "NEW.DOC");
    ch(JX_OM_NEWFOLDER, 63, "NEWFLR");
    ch(JX_OM_ONBEHALF, 10, "BEHALF");
    nameblk(JX_OM_NAMEBLK, 37, "OLDNAME.PGM");
    decode("OM");
    chk("entry_type", "R (object renamed)");
    chk("old_object_name", "OLDNAME");
    chk("old_library", "OLDLIB");
    chk("object_type", "*PGM");
    chk("new_object_name", "NEWNAME");
    chk("new_library", "NEWLIB");
    chk("object_attribute", "CLLE");
    chk("office_user", "OFC1");
    chk("old_dlo_name", "OLD.DOC");
    chk("old_folder_path", "OLDFLR");
    chk("new_dlo_name", "NEW.DOC");
    chk("new_folder_path", "NEWFLR");
    chk("on_behalf_user", "BEHALF");
    chk_nameblk("old_", "11", "37", "OLDNAME.PGM", false);
    all_checked();
}

static void test_fields_or(void **state)
{
    (void)state;
    esd_begin(37);
    obj('E', "PAYPGM", "PRODLIB", "*PGM");
    ch(JX_OR_SAVNAME, 10, "PAYPGM");
    ch(JX_OR_SAVLIB, 10, "SAVLIB");
    ch(JX_OR_PGMSTATE, 1, "Y");
    ch(JX_OR_SYSCMD, 1, "N");
    ch(JX_OR_SETUID, 1, "N");
    ch(JX_OR_SETGID, 1, "Y");
    ch(JX_OR_SIGNATURE, 1, "F");
    ch(JX_OR_SCANATTR, 1, "X");
    assert_int_equal(decode("OR"), 12);
    chk("entry_type", "E (existing object restored)");
    chk_obj("PAYPGM", "PRODLIB", "*PGM");
    chk("saved_object_name", "PAYPGM");
    chk("saved_library", "SAVLIB");
    chk("program_state", "Y (system state)");
    chk("system_command", "N");
    chk("setuid", "N");
    chk("setgid", "Y");
    chk("signature_status", "F (signature does not match content)");
    chk("scan_attribute", "X");
    all_checked();
    char d[256];
    jx_audit_detail(&E, cc37(), d, sizeof(d));
    assert_string_equal(d, "existing object restored; saved as SAVLIB/PAYPGM; system state");
}

static void test_fields_ow(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "PAYROLL", "PRODLIB", "*FILE");
    ch(JX_OW_OLDOWNER, 10, "QPGMR");
    ch(JX_OW_NEWOWNER, 10, "JSMITH");
    ch(JX_OW_OFCUSR, 10, "OFC1");
    ch(JX_OW_DLONAME, 12, "DLO1");
    ch(JX_OW_FOLDER, 63, "FLR1");
    ch(JX_OW_ONBEHALF, 10, "BEHALF");
    nameblk(JX_OW_NAMEBLK, 37, "PAYROLL.FILE");
    pathblk(JX_OW_NAMEBLK + JX_NB_TO_PATHBLK, "/QSYS.LIB/PRODLIB.LIB/PAYROLL.FILE");
    decode("OW");
    chk("entry_type", "A (ownership changed)");
    chk_obj("PAYROLL", "PRODLIB", "*FILE");
    chk("old_owner", "QPGMR");
    chk("new_owner", "JSMITH");
    chk("office_user", "OFC1");
    chk("dlo_name", "DLO1");
    chk("folder_path", "FLR1");
    chk("on_behalf_user", "BEHALF");
    chk_nameblk("", "12", "37", "PAYROLL.FILE", false);
    chk_pathblk("/QSYS.LIB/PRODLIB.LIB/PAYROLL.FILE", true, true);
    all_checked();
}

static void test_fields_pa(void **state)
{
    (void)state;
    esd_begin(37);
    obj('M', "SETUIDPGM", "TOOLS", "*STMF");
    ch(JX_PA_OWNER, 10, "QSECOFR");
    ch(JX_PA_ISVTX, 1, "Y");
    ch(JX_PA_PREVISVTX, 1, "N");
    ch(JX_PA_PREVSETUID, 1, "N");
    ch(JX_PA_PREVSETGID, 1, "Y");
    nameblk(JX_PA_NAMEBLK, 1200, "tool");
    ch(JX_PA_SETUID, 1, "Y");
    ch(JX_PA_SETGID, 1, "N");
    /* bytes where RP would have its path block: PA's layout is cut after
     * 1226 (§9.3.2), so they must NOT be decoded as a path */
    pathblk(JX_PA_NAMEBLK + JX_NB_TO_PATHBLK, "/usr/bin/tool");
    decode("PA");
    chk("entry_type", "M (SETUID/SETGID/ISVTX mode changed)");
    chk("program_name", "SETUIDPGM");
    chk("program_library", "TOOLS");
    chk("object_type", "*STMF");
    chk("owner", "QSECOFR");
    chk("isvtx", "Y");
    chk("previous_isvtx", "N");
    chk("previous_setuid", "N");
    chk("previous_setgid", "Y");
    chk_nameblk("", "8", "1200", "tool", false);
    chk("setuid", "Y");
    chk("setgid", "N");
    all_checked(); /* fails if any path field was decoded */
}

static void test_fields_pf(void **state)
{
    (void)state;
    esd_begin(37);
    sub('P');
    ch(JX_PF_ENTACT, 4, "LOAD");
    ch(JX_PF_IPLACT, 4, "IMM");
    ch(JX_PF_PRODID, 7, "5770SS1");
    ch(JX_PF_VRM, 6, "V7R4M0");
    ch(JX_PF_PTFID, 7, "SI12345");
    ch(JX_PF_OPTION, 4, "0000");
    ch(JX_PF_LOAD, 4, "5050");
    assert_int_equal(decode("PF"), 8);
    chk("entry_type", "P");
    chk("entry_action", "LOAD");
    chk("ipl_action", "IMM");
    chk("product_id", "5770SS1");
    chk("vrm", "V7R4M0");
    chk("ptf_id", "SI12345");
    chk("option", "0000");
    chk("load", "5050");
    all_checked();
}

static void test_fields_pg(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "PAYROLL", "PRODLIB", "*FILE");
    ch(JX_PG_OLDGRP, 10, "OLDGRP");
    ch(JX_PG_NEWGRP, 10, "NEWGRP");
    const size_t f[13] = {JX_PG_OBJEXIST, JX_PG_OBJMGT, JX_PG_OBJOPR, JX_PG_OBJALTER,
                          JX_PG_OBJREF, JX_PG_AUTLMGT, JX_PG_READ, JX_PG_ADD, JX_PG_UPD,
                          JX_PG_DLT, JX_PG_EXECUTE, JX_PG_EXCLUDE, JX_PG_REVOKE};
    for (int i = 0; i < 13; i++)
        ch(f[i], 1, (i % 3) ? " " : "Y");
    decode("PG");
    chk("entry_type", "A (primary group changed)");
    chk_obj("PAYROLL", "PRODLIB", "*FILE");
    chk("old_group", "OLDGRP");
    chk("new_group", "NEWGRP");
    chk("auth_objexist", "Y");
    chk("auth_objmgt", "");
    chk("auth_objopr", "");
    chk("auth_objalter", "Y");
    chk("auth_objref", "");
    chk("auth_autlmgt", "");
    chk("auth_read", "Y");
    chk("auth_add", "");
    chk("auth_upd", "");
    chk("auth_dlt", "Y");
    chk("auth_execute", "");
    chk("auth_exclude", "");
    chk("revoke_old_group", "Y");
    all_checked();
}

static void test_fields_ps(void **state)
{
    (void)state;
    esd_begin(37);
    sub('T');
    ch(JX_PS_USER, 10, "QTCP");
    ch(JX_PS_SRCLOC, 8, "LOC1");
    ch(JX_PS_ORIGTGT, 10, "QUSER");
    ch(JX_PS_NEWTGT, 10, "JSMITH");
    ch(JX_PS_OFFICE, 10, "OFC1");
    ch(JX_PS_ONBEHALF, 10, "BEHALF");
    ch(JX_PS_TOKTYPE, 1, "M");
    bin2(JX_PS_TOKTIMEOUT, 3600);
    ch(JX_PS_PORT, 5, "00023");
    assert_int_equal(decode("PS"), 10);
    chk("entry_type", "T (Telnet exit program profile swap)");
    chk("user_profile", "QTCP");
    chk("source_location", "LOC1");
    chk("original_target_user", "QUSER");
    chk("new_target_user", "JSMITH");
    chk("office_user", "OFC1");
    chk("on_behalf_user", "BEHALF");
    chk("token_type", "M");
    chk("token_timeout", "3600");
    chk("port", "00023");
    all_checked();
}

static void test_fields_pu(void **state)
{
    (void)state;
    esd_begin(37);
    sub('P');
    ch(JX_PU_ENTACT, 1, "A");
    ch(JX_PU_PTFOP, 1, "L");
    ch(JX_PU_PRODID, 7, "5770SS1");
    ch(JX_PU_VRM, 6, "V7R4M0");
    ch(JX_PU_PTFID, 7, "SI12345");
    ch(JX_PU_OPTION, 4, "0001");
    ch(JX_PU_LOAD, 4, "5050");
    ch(JX_PU_MINLVL, 2, "AA");
    ch(JX_PU_MAXLVL, 2, "ZZ");
    ch(JX_PU_PRODLIB, 10, "QSYS");
    ch(JX_PU_OBJ, 10, "QWCPGM");
    ch(JX_PU_OBJLIB, 10, "QSYS");
    ch(JX_PU_OBJTYPE, 7, "*PGM");
    ch(JX_PU_RUNAME, 8, "RU1");
    nameblk(JX_PU_NAMEBLK, 37, "QWCPGM.PGM");
    decode("PU");
    chk("entry_type", "P");
    chk("entry_action", "A");
    chk("ptf_operation", "L");
    chk("product_id", "5770SS1");
    chk("vrm", "V7R4M0");
    chk("ptf_id", "SI12345");
    chk("option", "0001");
    chk("load", "5050");
    chk("min_level", "AA");
    chk("max_level", "ZZ");
    chk("product_library", "QSYS");
    chk("object_name", "QWCPGM");
    chk("object_library", "QSYS");
    chk("object_type", "*PGM");
    chk("ru_name", "RU1");
    chk_nameblk("", "10", "37", "QWCPGM.PGM", false);
    all_checked();
}

static void test_fields_pw(void **state)
{
    (void)state;
    esd_begin(37);
    sub('P');
    ch(JX_PW_USER, 10, "QSECOFR");
    ch(JX_PW_DEVICE, 40, "QPADEV0003");
    ch(JX_PW_RMTLOC, 8, "RMTLOC");
    ch(JX_PW_LCLLOC, 8, "LCLLOC");
    ch(JX_PW_NETID, 8, "APPN");
    ch(JX_PW_OBJ, 10, "ENCTBL");
    ch(JX_PW_OBJLIB, 10, "SQLLIB");
    assert_int_equal(decode("PW"), 8);
    chk("entry_type", "P (password not valid)");
    chk("user_name", "QSECOFR");
    chk("device", "QPADEV0003");
    chk("remote_location", "RMTLOC");
    chk("local_location", "LCLLOC");
    chk("network_id", "APPN");
    chk("object_name", "ENCTBL");
    chk("object_library", "SQLLIB");
    all_checked();
    assert_string_equal(E.target_user, "QSECOFR");
}

static void test_fields_ra(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "PAYROLL", "PRODLIB", "*FILE");
    decode("RA");
    chk("entry_type", "A (authority changed during restore; meaning unconfirmed)");
    chku("object_name", "PAYROLL");
    chku("object_library", "PRODLIB");
    chku("object_type", "*FILE");
    all_checked();
}

static void test_fields_rj(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "NIGHTJOBD", "QGPL", "*JOBD");
    ch(JX_RJ_USER, 10, "QSECOFR");
    ch(JX_RJ_ASPNAME, 10, "SYSBASE");
    ch(JX_RJ_ASPNUM, 5, "00001");
    ch(JX_RJ_PREVUSER, 10, "BATCHUSR");
    decode("RJ");
    chk("entry_type", "A (job description restored)");
    chk("jobd_name", "NIGHTJOBD");
    chk("jobd_library", "QGPL");
    chk("object_type", "*JOBD");
    chk("user_name", "QSECOFR");
    chk("asp_name", "SYSBASE");
    chk("asp_number", "00001");
    chk("previous_user", "BATCHUSR");
    all_checked();
}

static void test_fields_ro_rz(void **state)
{
    (void)state;
    for (int rz = 0; rz < 2; rz++) {
        esd_begin(37);
        obj('A', "PAYROLL", "PRODLIB", "*FILE");
        ch(JX_RO_SAVOWNER, 10, "OLDOWN");
        ch(JX_RO_RSTOWNER, 10, "NEWOWN");
        ch(JX_RO_DLONAME, 12, "DLO1");
        ch(JX_RO_FOLDER, 63, "FLR1");
        nameblk(JX_RO_NAMEBLK, 37, "PAYROLL.FILE");
        fid(JX_RO_OBJFID, 0x60);
        decode(rz ? "RZ" : "RO");
        chk("entry_type", rz ? "A (primary group changed during restore)"
                             : "A (owner changed during restore)");
        chk_obj("PAYROLL", "PRODLIB", "*FILE");
        chk(rz ? "saved_group" : "saved_owner", "OLDOWN");
        chk(rz ? "restored_group" : "restored_owner", "NEWOWN");
        chk("dlo_name", "DLO1");
        chk("folder_path", "FLR1");
        chk_nameblk("", "12", "37", "PAYROLL.FILE", false);
        if (rz)
            chku("object_file_id", fidhex(0x60));
        else
            chk("object_file_id", fidhex(0x60));
        all_checked();
    }
}

static void test_fields_rp(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "ADOPTPGM", "TOOLS", "*PGM");
    ch(JX_RP_OWNER, 10, "QSECOFR");
    nameblk(JX_RP_NAMEBLK, 37, "ADOPTPGM.PGM");
    fid(JX_RP_OBJFID, 0x70);
    ch(JX_RP_ASPNAME, 10, "SYSBASE");
    ch(JX_RP_ASPNUM, 5, "00001");
    pathblk(JX_RP_PATHBLK, "/QSYS.LIB/TOOLS.LIB/ADOPTPGM.PGM");
    decode("RP");
    chk("entry_type", "A (adopting program restored)");
    chk("program_name", "ADOPTPGM");
    chk("program_library", "TOOLS");
    chk("object_type", "*PGM");
    chk("owner", "QSECOFR");
    chk_nameblk("", "12", "37", "ADOPTPGM.PGM", false);
    chk("object_file_id", fidhex(0x70));
    chk("asp_name", "SYSBASE");
    chk("asp_number", "00001");
    chk_pathblk("/QSYS.LIB/TOOLS.LIB/ADOPTPGM.PGM", false, false);
    all_checked();
    assert_true(G.flags[find("path_name")] & JX_AFF_DERIVED);
    assert_false(G.flags[find("path_ccsid")] & JX_AFF_DERIVED);
    char d[256];
    jx_audit_detail(&E, cc37(), d, sizeof(d));
    assert_string_equal(d, "adopting program restored; owner QSECOFR");
}

static void test_fields_ru(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "JSMITH", "QSYS", "*USRPRF");
    ch(JX_RU_AUTRST, 1, "A");
    assert_int_equal(decode("RU"), 5);
    chk("entry_type", "A (user profile authority restored; meaning unconfirmed)");
    chk("user_name", "JSMITH");
    chk("library", "QSYS");
    chk("object_type", "*USRPRF");
    chk("authority_restored", "A");
    all_checked();
}

static void test_fields_sf(void **state)
{
    (void)state;
    esd_begin(37);
    obj('A', "QPRINT", "QSYS", "*FILE");
    ch(JX_SF_MBR, 10, "MBR1");
    ch(JX_SF_SPLF, 10, "QSYSPRT");
    ch(JX_SF_SPLNBR, 4, "0012");
    ch(JX_SF_OUTQ, 10, "PRT01");
    ch(JX_SF_OUTQLIB, 10, "QUSRSYS");
    assert_int_equal(decode("SF"), 9);
    chk("entry_type", "A (spooled file read; meaning unconfirmed)");
    chk("file_name", "QPRINT");
    chk("library", "QSYS");
    chk("object_type", "*FILE");
    chk("member", "MBR1");
    chk("spooled_file", "QSYSPRT");
    chk("spooled_file_number", "0012");
    chk("output_queue", "PRT01");
    chk("output_queue_library", "QUSRSYS");
    all_checked();
}

static void test_fields_sk(void **state)
{
    (void)state;
    esd_begin(37);
    sub('A');
    ch(JX_SK_LCLIP4, 15, "10.0.0.5");
    ch(JX_SK_LCLPORT, 5, "00023");
    ch(JX_SK_RMTIP4, 15, "192.168.1.9");
    ch(JX_SK_RMTPORT, 5, "51234");
    bin4(JX_SK_SOCKDESC, 77);
    ch(JX_SK_FILTER, 10, "FILTER1");
    bin2(JX_SK_FILTLEN, 6);
    ch(JX_SK_FILTDATA, JX_SK_FILTDATA_LEN, "ABCDEFGHIJ");
    ch(JX_SK_ADDRFAM, 10, "*IPV4");
    ch(JX_SK_LCLIP, 46, "10.0.0.5");
    ch(JX_SK_RMTIP, 46, "192.168.1.9");
    ch(JX_SK_MAC, 32, "00:11:22:33:44:55");
    ch(JX_SK_HOST, 255, "client.example.com");
    ch(JX_SK_SECVER, 10, "TLSV1.3");
    assert_int_equal(decode("SK"), 15);
    chk("entry_type", "A (accept)");
    chk("local_ipv4", "10.0.0.5");
    chk("local_port", "00023");
    chk("remote_ipv4", "192.168.1.9");
    chk("remote_port", "51234");
    chk("socket_descriptor", "77");
    chk("filter_description", "FILTER1");
    chk("filter_data_length", "6");
    chk("filter_data", "ABCDEF"); /* only the 6 bytes the length gives */
    chk("address_family", "*IPV4");
    chk("local_ip", "10.0.0.5");
    chk("remote_ip", "192.168.1.9");
    chk("mac_address", "00:11:22:33:44:55");
    chk("host_name", "client.example.com");
    chk("secure_version", "TLSV1.3");
    all_checked();
    assert_string_equal(E.remote_addr, "192.168.1.9");
}

static void test_fields_sm(void **state)
{
    (void)state;
    esd_begin(37);
    sub('S');
    ch(JX_SM_ACCESS, 1, "C");
    ch(JX_SM_SEQNBR, 4, "0010");
    ch(JX_SM_MSGID, 7, "CPA0701");
    ch(JX_SM_RDB, 18, "RDB1");
    ch(JX_SM_FILESYS, 10, "QOPENSYS");
    ch(JX_SM_BKUOPT, 10, "*DAILY");
    ch(JX_SM_BKULIST, 10, "LIST1");
    ch(JX_SM_NETFILE, 10, "NETF");
    ch(JX_SM_NETMBR, 10, "NETM");
    zoned(JX_SM_NETNBR, 6, 42);
    ch(JX_SM_OWNER, 10, "QSECOFR");
    ch(JX_SM_ORIGUSER, 8, "ORIG");
    ch(JX_SM_ORIGADDR, 8, "ADDR");
    assert_int_equal(decode("SM"), 14);
    chk("entry_type", "S (system reply list changed)");
    chk("access_type", "C (change)");
    chk("sequence_number", "0010");
    chk("message_id", "CPA0701");
    chk("rdb_name", "RDB1");
    chk("file_system", "QOPENSYS");
    chk("backup_option", "*DAILY");
    chk("backup_list", "LIST1");
    chk("network_file", "NETF");
    chk("network_file_member", "NETM");
    chk("network_file_number", "42");
    chk("owner", "QSECOFR");
    chk("originating_user", "ORIG");
    chk("originating_address", "ADDR");
    all_checked();
}

static void test_fields_so(void **state)
{
    (void)state;
    esd_begin(37);
    sub('A');
    ch(JX_SO_USER, 10, "JSMITH");
    ch(JX_SO_INFOTYPE, 1, "U");
    ch(JX_SO_PWDSTORED, 1, "Y");
    ch(JX_SO_SERVER, JX_SO_SERVER_LEN, "QDDMDRDASERVER");
    bin2(JX_SO_UIDLEN, 5);
    ch(JX_SO_UID, 20, "jsmithXXXX");
    decode("SO");
    chk("entry_type", "A (server user info added)");
    chk("user_profile", "JSMITH");
    chk("info_type", "U");
    chk("password_stored", "Y");
    chk("server_name", "QDDMDRDASERVER");
    chk("user_id_length", "5");
    chk("user_id", "jsmit");
    all_checked();

    /* a length beyond the field: read to the field's end, flagged */
    bin2(JX_SO_UIDLEN, 5000);
    decode("SO");
    int i = find("user_id");
    assert_true(i >= 0);
    assert_true(G.flags[i] & JX_AFF_INVALID);
    assert_string_equal(G.value[i], "jsmithXXXX");
}

static void test_fields_sv(void **state)
{
    (void)state;
    char nv[1600], ov[1600];
    esd_begin(37);
    sub('A');
    ch(JX_SV_NAME, 10, "QSECURITY");
    ch(JX_SV_NEW, 250, "30");
    ch(JX_SV_OLD, 250, "40");
    assert_int_equal(decode("SV"), 4);
    chk("entry_type", "A (system value changed)");
    chk("system_value", "QSECURITY");
    chk("new_value", "30");
    chk("old_value", "40");
    all_checked();

    /* a value continued over all three parts: joined, inner blanks kept */
    esd_begin(37);
    sub('A');
    ch(JX_SV_NAME, 10, "QALWOBJRST");
    memset(nv, 'N', 250);
    memset(nv + 250, 'M', 250);
    memcpy(nv + 500, "END ", 4);
    nv[504] = '\0';
    memset(ov, 'O', 249);
    ov[249] = ' '; /* a blank at the end of part 1 stays inside the value */
    memcpy(ov + 250, "X", 2);
    {
        char p1[251], p2[251];
        memcpy(p1, nv, 250); p1[250] = 0;
        memcpy(p2, nv + 250, 250); p2[250] = 0;
        ch(JX_SV_NEW, 250, p1);
        ch(JX_SV_NEW2, 250, p2);
        ch(JX_SV_NEW3, 1000, "END");
        memcpy(p1, ov, 250); p1[250] = 0;
        ch(JX_SV_OLD, 250, p1);
        ch(JX_SV_OLD2, 250, "X");
        ch(JX_SV_OLD3, 1000, "");
    }
    assert_int_equal(D.len, (size_t)JX_SV_ESD_LEN);
    decode("SV");
    nv[503] = '\0';
    chk("new_value", nv);
    chk("old_value", ov);
    char d[4096];
    jx_audit_detail(&E, cc37(), d, sizeof(d));
    assert_non_null(strstr(d, "QALWOBJRST: "));
    assert_non_null(strstr(d, "END"));
}

static void test_fields_vo(void **state)
{
    (void)state;
    esd_begin(37);
    sub('A');
    ch(JX_VO_UNSUCC, 1, "F");
    ch(JX_VO_VLDL, 10, "VLDL1");
    ch(JX_VO_VLDLLIB, 10, "QUSRSYS");
    ch(JX_VO_ENCDATA, 1, "Y");
    ch(JX_VO_ENTDATA, 1, "Y");
    bin2(JX_VO_IDLEN, 3);
    bin2(JX_VO_DATALEN, 2);
    ch(JX_VO_ENCATTR, 1, "1");
    ch(JX_VO_X509, 1, "0");
    const uint8_t id[3] = {0xDE, 0xAD, 0x01}, data[2] = {0xBE, 0xEF};
    rb_esd_bytes(&D, JX_VO_ENTRYID, id, 3);
    rb_esd_bytes(&D, JX_VO_ENTRYDATA, data, 2);
    ch(JX_VO_ASPNAME, 10, "SYSBASE");
    ch(JX_VO_ASPNUM, 5, "00001");
    assert_int_equal(decode("VO"), 14);
    chk("entry_type", "A");
    chk("unsuccessful_type", "F");
    chk("validation_list", "VLDL1");
    chk("validation_list_library", "QUSRSYS");
    chk("encrypted_data", "Y");
    chk("entry_data_indicator", "Y");
    chk("entry_id_length", "3");
    chk("entry_data_length", "2");
    chk("encrypted_data_attr", "1");
    chk("x509_attr", "0");
    chk("entry_id", "DEAD01");
    chk("entry_data", "BEEF");
    chk("asp_name", "SYSBASE");
    chk("asp_number", "00001");
    all_checked();
}

static void test_fields_vp(void **state)
{
    (void)state;
    esd_begin(37);
    sub('P');
    ch(JX_VP_SERVER, 10, "*NETSERVER");
    ch(JX_VP_DATE, 6, "240301");
    zoned(JX_VP_TIME, 6, 93015);
    ch(JX_VP_COMPUTER, 8, "PC01");
    ch(JX_VP_USER, 10, "JSMITH");
    ch(JX_VP_LONGNAME, 46, "192.168.7.7");
    assert_int_equal(decode("VP"), 7);
    chk("entry_type", "P (network password error)");
    chk("server_name", "*NETSERVER");
    chk("server_date", "240301");
    chk("server_time", "093015");
    chk("computer_name", "PC01");
    chk("user", "JSMITH");
    chk("long_computer_name", "192.168.7.7");
    all_checked();
}

static void test_fields_zc_zr(void **state)
{
    (void)state;
    for (int zr = 0; zr < 2; zr++) {
        esd_begin(37);
        obj(zr ? 'R' : 'C', "ORDERS", "PRODLIB", "*FILE");
        packed(JX_Z_ACCESS, 3, zr ? 30 : 7);
        ch(JX_Z_ACCDATA, JX_Z_ACCDATA_LEN, "ORDERS");
        nameblk(JX_Z_NAMEBLK, 37, "ORDERS.FILE");
        pathblk(JX_Z_NAMEBLK + JX_NB_TO_PATHBLK, "/QSYS.LIB/PRODLIB.LIB/ORDERS.FILE");
        decode(zr ? "ZR" : "ZC");
        chk("entry_type", zr ? "R (object read; meaning unconfirmed)" : "C (object changed)");
        chk_obj("ORDERS", "PRODLIB", "*FILE");
        chk("access_type", zr ? "30 (open; meaning unconfirmed)"
                              : "7 (change; meaning unconfirmed)");
        chk("access_specific_data", "ORDERS");
        chk_nameblk("", "11", "37", "ORDERS.FILE", !zr);
        chk_pathblk("/QSYS.LIB/PRODLIB.LIB/ORDERS.FILE", true, true);
        all_checked();
    }
    /* an access code without a known meaning: the number only */
    packed(JX_Z_ACCESS, 3, 99);
    decode("ZR");
    chk("access_type", "99");
}

/* ---- truncation, unknown types, rendering -------------------------------- */

static void test_truncated_esd(void **state)
{
    (void)state;
    /* CD cut in the middle of the command string (ENTDTALEN too small) */
    esd_begin(37);
    obj('C', "CHGUSRPRF", "QSYS", "*CMD");
    ch(JX_CD_WHERE, 1, "I");
    ch(JX_CD_CMD, JX_CD_CMD_LEN, "CHGUSRPRF USRPRF(JSMITH) STATUS(*ENABLED)");
    ch(JX_CD_ASPNAME, 10, "SYSBASE");
    ch(JX_CD_ASPNUM, 5, "00001");
    decode_avail("CD", JX_CD_CMD + 9);
    chk("entry_type", "C (command run; meaning unconfirmed)");
    chk("command_name", "CHGUSRPRF");
    chk("command_library", "QSYS");
    chk("object_type", "*CMD");
    chk("where_run", "I");
    chk("command_string", "CHGUSRPRF");
    assert_true(G.flags[find("command_string")] & JX_AFF_CUT);
    absent("asp_name");
    absent("asp_number");
    char note[64];
    snprintf(note, sizeof(note), "%u of %zu bytes present", (unsigned)(JX_CD_CMD + 9), D.len);
    chk("esd_truncated", note);
    assert_true(G.flags[find("esd_truncated")] & JX_AFF_NOTE);
    all_checked();
    char t[512];
    jx_audit_decoded_text(&E, cc37(), t, sizeof(t));
    assert_non_null(strstr(t, "command_string(cut)=CHGUSRPRF"));
    assert_non_null(strstr(t, "esd_truncated="));

    /* a number cut by the end of the bytes present is left out, not guessed */
    esd_begin(37);
    obj('R', "ORDERS", "PRODLIB", "*FILE");
    packed(JX_Z_ACCESS, 3, 30);
    ch(JX_Z_ACCDATA, JX_Z_ACCDATA_LEN, "MBR");
    decode_avail("ZR", JX_Z_ACCESS + 2);
    absent("access_type");
    absent("access_specific_data");
    assert_true(find("object_type") >= 0);

    /* a 1-byte ESD: only the entry type */
    decode_avail("ZR", 1);
    assert_int_equal(G.n, 2);
    chk("entry_type", "R (object read; meaning unconfirmed)");
    assert_true(find("esd_truncated") >= 0);

    /* an ESD that simply ends early (no truncation): no note, no cut flag */
    esd_begin(37);
    obj('A', "PAYROLL", "PRODLIB", "*FILE");
    ch(JX_CA_USER, 5, "JSMIT"); /* the ESD ends inside user_name */
    decode("CA");
    absent("esd_truncated");
    chk("user_name", "JSMIT");
    assert_false(G.flags[find("user_name")] & JX_AFF_CUT);
    absent("authorization_list");

    /* SV cut inside the new value (the shared ccsid273 sample does this) */
    esd_begin(37);
    sub('A');
    ch(JX_SV_NAME, 10, "QSECURITY");
    ch(JX_SV_NEW, 250, "30");
    ch(JX_SV_OLD, 250, "40");
    decode_avail("SV", JX_SV_NEW + 1);
    chk("new_value", "3");
    assert_true(G.flags[find("new_value")] & JX_AFF_CUT);
    absent("old_value");

    /* a name block cut inside its text */
    esd_begin(37);
    obj('A', "X", "Y", "*STMF");
    ch(JX_RP_OWNER, 10, "QSECOFR");
    nameblk(JX_RP_NAMEBLK, 37, "ABCDEFGH");
    decode_avail("RP", JX_RP_NAMEBLK + JX_NB_NAME + 3);
    chk_nameblk("", "8", "37", "ABC", false);
    assert_true(G.flags[find("ifs_name")] & JX_AFF_CUT);
    absent("object_file_id");
}

static void test_unknown_and_non_audit(void **state)
{
    (void)state;
    esd_begin(37);
    sub('K');
    ch(JX_E_OBJ_NAME, 30, "SOME BYTES NOBODY DESCRIBED");
    assert_int_equal(decode("X0"), 1);
    chk("entry_type", "K");
    all_checked();
    assert_false(jx_audit_has_layout("X0"));
    assert_true(jx_audit_has_layout("SV"));
    char t[256];
    jx_audit_decoded_text(&E, cc37(), t, sizeof(t));
    assert_string_equal(t, "entry_type=K");

    /* a journal-code J entry has no audit ESD */
    E.code = 'J';
    memset(&G, 0, sizeof(G));
    assert_int_equal(jx_audit_fields(&E, cc37(), collect, &G), 0);
    jx_audit_decoded_text(&E, cc37(), t, sizeof(t));
    assert_string_equal(t, "");
    jx_audit_decoded_json(&E, cc37(), t, sizeof(t));
    assert_string_equal(t, "{}");

    /* no ESD bytes at all */
    E.code = 'T';
    E.esd_avail = 0;
    assert_int_equal(jx_audit_fields(&E, cc37(), collect, &G), 0);
}

static void test_blank_blocks_absent(void **state)
{
    (void)state;
    /* a DO ESD long enough for the blocks, but they were never written:
     * blanks must not decode as a length of 16448 or a path */
    esd_begin(37);
    obj('A', "OLDFILE", "PRODLIB", "*FILE");
    ch(JX_DO_NAMEBLK + JX_NB_TO_PATHBLK + JX_PB_TEXT, 10, "");
    decode("DO");
    absent("name_length");
    absent("ifs_name");
    absent("path_ccsid");
    absent("path_name");
    chku("object_file_id", ""); /* all blank: no ID */
}

static void test_ccsid_273_names(void **state)
{
    (void)state;
    /* variant characters @ # $ sit at other code points in CCSID 273 */
    esd_begin(273);
    obj('P', "", "", "");
    ch(JX_PW_USER, 10, "OPS#2");
    ch(JX_PW_DEVICE, 40, "DEV@$1");
    decode("PW");
    chk("user_name", "OPS#2");
    chk("device", "DEV@$1");
    char d[256];
    jx_audit_detail(&E, jx_ccsid_get(273), d, sizeof(d));
    assert_string_equal(d, "password not valid; device DEV@$1");
}

static void test_render_text_json(void **state)
{
    (void)state;
    char buf[4096];
    esd_begin(37);
    obj('C', "PAYROLL", "PRODLIB", "*FILE");
    ch(JX_AF_VALERR, 1, "E");
    ch(JX_AF_JOB, 10, "QPADEV\"7");
    ch(JX_AF_OPVIOL, 3, "AAA");
    decode("AF");
    size_t n = jx_audit_decoded_text(&E, cc37(), buf, sizeof(buf));
    assert_int_equal(n, strlen(buf));
    assert_string_equal(buf, "entry_type=C (validation failure); object_name=PAYROLL; "
                             "object_library=PRODLIB; object_type=*FILE; "
                             "validation_error_action=E; job_name(unconfirmed)=QPADEV\"7; "
                             "operation_violation_code=AAA");
    n = jx_audit_decoded_json(&E, cc37(), buf, sizeof(buf));
    assert_int_equal(n, strlen(buf));
    assert_string_equal(buf, "{\"entry_type\": \"C (validation failure)\", \"object_name\": "
                             "\"PAYROLL\", \"object_library\": \"PRODLIB\", \"object_type\": "
                             "\"*FILE\", \"validation_error_action\": \"E\", "
                             "\"job_name(unconfirmed)\": \"QPADEV\\\"7\", "
                             "\"operation_violation_code\": \"AAA\"}");

    /* small buffers: cut at a field boundary, JSON still closed */
    const size_t full_text = jx_audit_decoded_text(&E, cc37(), buf, sizeof(buf));
    for (size_t cap = 16; cap <= full_text; cap += 7) {
        n = jx_audit_decoded_json(&E, cc37(), buf, cap);
        assert_true(n < cap);
        assert_int_equal(buf[0], '{');
        assert_int_equal(buf[n - 1], '}');
        assert_non_null(strstr(buf, "\"_cut\": true"));
        n = jx_audit_decoded_text(&E, cc37(), buf, cap);
        assert_true(n < cap);
        if (!strstr(buf, "..."))
            fail_msg("cap %zu: '%s'", cap, buf);
    }
}

static void test_subtype_status(void **state)
{
    (void)state;
    assert_true(jx_audit_subtype_confirmed("PW", 'P'));
    assert_true(jx_audit_subtype_confirmed("AF", 'X'));
    assert_true(jx_audit_subtype_confirmed("CP", 'A'));
    assert_false(jx_audit_subtype_confirmed("CP", 'C'));
    assert_false(jx_audit_subtype_confirmed("JS", 'S'));
    assert_true(jx_audit_subtype_confirmed("ZC", 'C'));
    assert_false(jx_audit_subtype_confirmed("ZR", 'R'));
    assert_true(jx_audit_subtype_confirmed("PS", 'U'));
    assert_false(jx_audit_subtype_confirmed("PW", 'L')); /* unknown code */
    assert_string_equal(jx_audit_subtype_desc("SM", 'T'), "access path recovery times changed");
    assert_null(jx_audit_subtype_desc("AF", 'L'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_teardown(f, teardown)
        T(test_fields_af), T(test_fields_ad), T(test_fields_ap), T(test_fields_ca),
        T(test_fields_cd), T(test_fields_co), T(test_fields_cp), T(test_fields_do),
        T(test_fields_ds), T(test_fields_gs), T(test_fields_ir), T(test_fields_jd),
        T(test_fields_js), T(test_fields_na), T(test_fields_om), T(test_fields_or),
        T(test_fields_ow), T(test_fields_pa), T(test_fields_pf), T(test_fields_pg),
        T(test_fields_ps), T(test_fields_pu), T(test_fields_pw), T(test_fields_ra),
        T(test_fields_rj), T(test_fields_ro_rz), T(test_fields_rp), T(test_fields_ru),
        T(test_fields_sf), T(test_fields_sk), T(test_fields_sm), T(test_fields_so),
        T(test_fields_sv), T(test_fields_vo), T(test_fields_vp), T(test_fields_zc_zr),
        T(test_truncated_esd), T(test_unknown_and_non_audit), T(test_blank_blocks_absent),
        T(test_ccsid_273_names), T(test_render_text_json), T(test_subtype_status),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
