/*
 * common/auditfld.c - full, table-driven decoding of audit entry-specific
 * data (ESD): one table per entry type whose layout the formats doc gives
 * (§3.2, §9.3), each row a field (name, ESD offset from common/layout.h,
 * length, kind, status). jx_audit_fields() walks the table and hands every
 * field present to a callback; the renderers build the "decoded" column of
 * dump/query/report (text and a nested JSON object).
 *
 * Workload: runs only for entries being shown or examined by a report
 * (thousands, not the billions ingest sees), so clarity beats speed; still
 * no allocation and no iconv: about 20 KB of stack per call, thread-safe.
 * Nothing here reads a byte at or past e->esd_avail.
 *
 * Status policy (documented in query/README.md): CONFIRMED fields print
 * plainly; DERIVED ones too (flagged JX_AFF_DERIVED in the API); fields
 * the doc marks UNCONFIRMED are decoded and labelled "(unconfirmed)". Bytes
 * no table describes are left raw (esd_hex).
 */
#include "audit.h"

#include <stdio.h>
#include <string.h>

#include "ebcdic.h"
#include "fields.h"
#include "jx.h"
#include "layout.h"

enum kind {
    K_SUB,     /* J5 610 entry type, meaning from jx_audit_subtype_desc */
    K_CHAR,    /* Char(n) text, trimmed */
    K_CODE,    /* Char(n) code with a meaning table */
    K_FLAG,    /* Char(1) flag (Y/N/...), as is */
    K_ZONED,   /* Zoned(n,0), plain decimal */
    K_DIGITS,  /* Zoned(n,0) shown with n digits (job numbers, times) */
    K_PACKED,  /* Packed(p,0) in n bytes, optional meaning table */
    K_BIN2,    /* Binary(4): 2 bytes, signed */
    K_BIN4,    /* Binary(5): 4 bytes, signed */
    K_HEX,     /* binary bytes (file IDs), upper-case hex */
    K_VARCHAR, /* text whose length is the Binary(4) at `aux` */
    K_VARHEX,  /* bytes whose length is the Binary(4) at `aux` */
    K_NAMEBLK, /* IFS object-name block (§3.1); `name` is a prefix */
    K_PATHBLK, /* path-name block (§3.1, §9.2.1) */
    K_SVNEW,   /* SV new value: 621(250) + 1121(250) + 1621(1000) */
    K_SVOLD,   /* SV old value: 871(250) + 1371(250) + 2621(1000) */
};

/* Status bits a row carries (0 = CONFIRMED). */
#define S_C 0u
#define S_D JX_AFF_DERIVED
#define S_U JX_AFF_UNCONFIRMED

struct kv {
    const char *k, *v;
};
struct codetab {
    bool unconfirmed;     /* the meanings are recollection */
    const struct kv *kv;  /* terminated by {NULL, NULL} */
};

struct fdesc {
    const char *name;
    uint32_t off;         /* ESD offset (0-based) */
    uint32_t len;         /* bytes in the layout */
    uint8_t kind;
    uint8_t st;           /* S_C / S_D / S_U */
    uint32_t aux;         /* K_VAR*: ESD offset of the Binary(4) length */
    const struct codetab *codes;
};

#define F(nm, off, len, kind, st) {nm, (uint32_t)(off), len, kind, st, 0, NULL}
#define C(nm, off, len, tab, st) {nm, (uint32_t)(off), len, K_CODE, st, 0, tab}
#define FLAG(nm, off, st) F(nm, off, 1, K_FLAG, st)
#define SUB F("entry_type", JX_E_SUBTYPE, 1, K_SUB, S_C)
#define OBJ3(a, b, c, st)                                                      \
    F(a, JX_E_OBJ_NAME, JX_E_OBJ_NAME_LEN, K_CHAR, st),                        \
    F(b, JX_E_OBJ_LIB, JX_E_OBJ_LIB_LEN, K_CHAR, st),                          \
    F(c, JX_E_OBJ_TYPE, JX_E_OBJ_TYPE_LEN, K_CHAR, st)
#define OBJ OBJ3("object_name", "object_library", "object_type", S_C)
#define NAMEBLK(prefix, off, st) F(prefix, off, JX_NB_SIZE, K_NAMEBLK, st)
#define PATHBLK(off, st) F("", off, JX_PB_TEXT, K_PATHBLK, st)

/* ---- meaning tables for coded fields other than the entry type -------- */
static const struct codetab cp_cmd = {false, (const struct kv[]){
    {"CRT", "CRTUSRPRF"}, {"CHG", "CHGUSRPRF or CHGEXPSCDE"}, {"RST", "RSTUSRPRF"},
    {"DST", "QSECOFR password reset via DST"}, {"RPA", "QSYRESPA API"},
    {"SQL", "QSYS2.SET_SERVER_SBS_ROUTING"}, {NULL, NULL}}};
static const struct codetab jd_cmd = {false, (const struct kv[]){
    {"CHG", "CHGJOBD"}, {"CRT", "CRTJOBD"}, {NULL, NULL}}};
static const struct codetab or_pgmstate = {false, (const struct kv[]){
    {"I", "inherit state"}, {"Y", "system state"}, {"N", "user state"}, {NULL, NULL}}};
static const struct codetab or_sig = {false, (const struct kv[]){
    {"B", "not IBM i signature format"}, {"E", "signature exists, not verified"},
    {"F", "signature does not match content"}, {"I", "signature ignored"},
    {"N", "unsignable object"}, {"S", "signature valid"}, {"T", "untrusted signature"},
    {NULL, NULL}}};
static const struct codetab sm_access = {false, (const struct kv[]){
    {"A", "add"}, {"C", "change"}, {"D", "delete"}, {"R", "remove"}, {"S", "display"},
    {"T", "retrieve"}, {NULL, NULL}}};
/* §3.2 ZC: "e.g. 1 Add, 7 Change, ... per the shieldadvanced.com note; the
 * full table is UNCONFIRMED" */
static const struct codetab z_access = {true, (const struct kv[]){
    {"1", "add"}, {"4", "apply"}, {"7", "change"}, {"8", "check"}, {"10", "clear"},
    {"14", "create"}, {"17", "delete"}, {"25", "initialize"}, {"30", "open"},
    {"38", "remove"}, {"39", "rename"}, {NULL, NULL}}};

/* ---- per-type field tables (formats doc section in each comment) ------ */

/* AF §3.2 (rzarlf06): 640..722 UNCONFIRMED, 723 CONFIRMED */
static const struct fdesc t_af[] = {
    SUB, OBJ,
    F("validation_error_action", JX_AF_VALERR, 1, K_CHAR, S_C),
    F("job_name", JX_AF_JOB, 10, K_CHAR, S_U),
    F("job_user", JX_AF_USER, 10, K_CHAR, S_U),
    F("job_number", JX_AF_JOBNBR, 6, K_DIGITS, S_U),
    F("program", JX_AF_PGM, 10, K_CHAR, S_U),
    F("program_library", JX_AF_PGMLIB, 10, K_CHAR, S_U),
    F("user_profile", JX_AF_USRPRF, 10, K_CHAR, S_U),
    F("workstation", JX_AF_WRKSTN, 10, K_CHAR, S_U),
    F("instruction_number", JX_AF_INSTR, 7, K_ZONED, S_U),
    F("field_name", JX_AF_FIELD, 10, K_CHAR, S_U),
    F("operation_violation_code", JX_AF_OPVIOL, JX_AF_OPVIOL_LEN, K_CHAR, S_C),
};
/* AD §3.2 (7.6): flags 649..656 CONFIRMED, the rest of the flags unnamed */
static const struct fdesc t_ad[] = {
    SUB, OBJ,
    F("object_audit_value", JX_AD_OBJAUD, JX_AD_OBJAUD_LEN, K_CHAR, S_C),
    FLAG("audit_cmd", JX_AD_CMD, S_C), FLAG("audit_create", JX_AD_CREATE, S_C),
    FLAG("audit_delete", JX_AD_DELETE, S_C), FLAG("audit_jobdta", JX_AD_JOBDTA, S_C),
    FLAG("audit_objmgt", JX_AD_OBJMGT, S_C), FLAG("audit_ofcsrv", JX_AD_OFCSRV, S_C),
    FLAG("audit_pgmadp", JX_AD_PGMADP, S_C), FLAG("audit_savrst", JX_AD_SAVRST, S_C),
};
/* AP §3.2 (rzarlf07) */
static const struct fdesc t_ap[] = {
    SUB, OBJ,
    F("owner", JX_AP_OWNER, JX_AP_OWNER_LEN, K_CHAR, S_C),
    F("object_file_id", JX_AP_OBJFID, 16, K_HEX, S_C),
    F("asp_name", JX_AP_ASPNAME, 10, K_CHAR, S_C),
    F("asp_number", JX_AP_ASPNUM, 5, K_CHAR, S_C),
};
/* CA §3.2 (rzarlf09): flags 659..664 CONFIRMED, 665..671 UNCONFIRMED */
static const struct fdesc t_ca[] = {
    SUB, OBJ,
    F("user_name", JX_CA_USER, JX_CA_USER_LEN, K_CHAR, S_C),
    F("authorization_list", JX_CA_AUTL, JX_CA_AUTL_LEN, K_CHAR, S_C),
    FLAG("auth_objexist", JX_CA_OBJEXIST, S_C), FLAG("auth_objmgt", JX_CA_OBJMGT, S_C),
    FLAG("auth_objopr", JX_CA_OBJOPR, S_C), FLAG("auth_autlmgt", JX_CA_AUTLMGT, S_C),
    FLAG("auth_autl", JX_CA_AUTLFLAG, S_C), FLAG("auth_read", JX_CA_READ, S_C),
    FLAG("auth_add", JX_CA_ADD, S_U), FLAG("auth_upd", JX_CA_UPD, S_U),
    FLAG("auth_dlt", JX_CA_DLT, S_U), FLAG("auth_exclude", JX_CA_EXCLUDE, S_U),
    FLAG("auth_execute", JX_CA_EXECUTE, S_U), FLAG("auth_objalter", JX_CA_OBJALTER, S_U),
    FLAG("auth_objref", JX_CA_OBJREF, S_U),
};
/* CD §3.2 (rzarlf10, complete) */
static const struct fdesc t_cd[] = {
    SUB, OBJ3("command_name", "command_library", "object_type", S_C),
    F("where_run", JX_CD_WHERE, 1, K_CHAR, S_C),
    F("command_string", JX_CD_CMD, JX_CD_CMD_LEN, K_CHAR, S_C),
    F("asp_name", JX_CD_ASPNAME, 10, K_CHAR, S_C),
    F("asp_number", JX_CD_ASPNUM, 5, K_CHAR, S_C),
};
/* CO §3.2: whole layout UNCONFIRMED ("like DO") */
static const struct fdesc t_co[] = {
    SUB, OBJ3("object_name", "object_library", "object_type", S_U),
    F("object_attribute", JX_CO_ATTR, 10, K_CHAR, S_U),
    NAMEBLK("", JX_DO_NAMEBLK, S_U),
    PATHBLK(JX_DO_NAMEBLK + JX_NB_TO_PATHBLK, S_U),
};
/* CP §3.2 (rzarlf12): 639..649 CONFIRMED, 650..652 UNCONFIRMED */
static const struct fdesc t_cp[] = {
    SUB, OBJ3("user_profile", "library", "object_type", S_C),
    C("command", JX_CP_CMD, JX_CP_CMD_LEN, &cp_cmd, S_C),
    FLAG("password_changed", JX_CP_PWDCHG, S_C), FLAG("password_none", JX_CP_PWDNONE, S_C),
    FLAG("password_expired", JX_CP_PWDEXP, S_C),
    FLAG("special_allobj", JX_CP_ALLOBJ, S_C), FLAG("special_jobctl", JX_CP_JOBCTL, S_C),
    FLAG("special_savsys", JX_CP_SAVSYS, S_C), FLAG("special_secadm", JX_CP_SECADM, S_C),
    FLAG("special_splctl", JX_CP_SPLCTL, S_C), FLAG("special_service", JX_CP_SERVICE, S_U),
    FLAG("special_audit", JX_CP_AUDIT, S_U), FLAG("special_iosyscfg", JX_CP_IOSYSCFG, S_U),
};
/* DO §3.2 (rzarlf18): name block DERIVED, what follows it UNCONFIRMED */
static const struct fdesc t_do[] = {
    SUB, OBJ,
    F("object_attribute", JX_DO_ATTR, JX_DO_ATTR_LEN, K_CHAR, S_C),
    F("office_user", JX_DO_OFCUSR, 10, K_CHAR, S_C),
    F("dlo_name", JX_DO_DLONAME, 12, K_CHAR, S_C),
    F("folder_path", JX_DO_FOLDER, 63, K_CHAR, S_C),
    F("on_behalf_user", JX_DO_ONBEHALF, 10, K_CHAR, S_C),
    NAMEBLK("", JX_DO_NAMEBLK, S_D),
    F("object_file_id", JX_DO_NAMEBLK + JX_NB_SIZE, 16, K_HEX, S_U),
    F("asp_name", JX_DO_NAMEBLK + JX_NB_SIZE + 16, 10, K_CHAR, S_U),
    F("asp_number", JX_DO_NAMEBLK + JX_NB_SIZE + 26, 5, K_CHAR, S_U),
    PATHBLK(JX_DO_NAMEBLK + JX_NB_TO_PATHBLK, S_U),
};
/* DS §3.2 (rzarlf19) */
static const struct fdesc t_ds[] = {
    SUB,
    FLAG("ibm_id_reset", JX_DS_IBMRESET, S_C),
    F("user_id_type", JX_DS_IDTYPE, 10, K_CHAR, S_C),
    F("new_name_char8", JX_DS_NEWNAME8, 8, K_CHAR, S_C),
    FLAG("password_change", JX_DS_PWDCHG, S_C),
    F("new_name", JX_DS_USERID, JX_DS_USERID_LEN, K_CHAR, S_C),
    F("requesting_profile", JX_DS_REQUESTER, JX_DS_REQUESTER_LEN, K_CHAR, S_C),
};
/* GS §3.2 (rzarlf22) */
static const struct fdesc t_gs[] = {
    SUB,
    F("job_name", JX_GS_JOB, 10, K_CHAR, S_C),
    F("job_user", JX_GS_USER, 10, K_CHAR, S_C),
    F("job_number", JX_GS_NBR, 6, K_DIGITS, S_C),
    F("user_profile", JX_GS_USRPRF, 10, K_CHAR, S_C),
    F("juid", JX_GS_JUID, 10, K_CHAR, S_C),
};
/* IR §9.3.5 (rzarlf25) */
static const struct fdesc t_ir[] = {
    SUB,
    F("file_name", JX_IR_FILE, 10, K_CHAR, S_C),
    F("file_library", JX_IR_FILELIB, 10, K_CHAR, S_C),
    NAMEBLK("", JX_IR_NAMEBLK, S_C),
    F("connection_sequence", JX_IR_CONNSEQ, 40, K_CHAR, S_C),
    F("object_file_id", JX_IR_OBJFID, 16, K_HEX, S_C),
    F("asp_name", JX_IR_ASPNAME, 10, K_CHAR, S_C),
    F("asp_number", JX_IR_ASPNUM, 5, K_CHAR, S_C),
    PATHBLK(JX_IR_PATHBLK, S_C),
};
/* JD §3.2 (rzarlf27) */
static const struct fdesc t_jd[] = {
    SUB, OBJ3("jobd_name", "jobd_library", "object_type", S_C),
    C("command_type", JX_JD_CMD, 3, &jd_cmd, S_C),
    F("old_user", JX_JD_OLDUSER, 10, K_CHAR, S_C),
    F("new_user", JX_JD_NEWUSER, 10, K_CHAR, S_C),
    F("asp_name", JX_JD_ASPNAME, 10, K_CHAR, S_C),
    F("asp_number", JX_JD_ASPNUM, 5, K_CHAR, S_C),
};
/* JS §3.2 (rzarlf28): CONFIRMED to 678; the rest has no offsets */
static const struct fdesc t_js[] = {
    SUB,
    F("job_type", JX_JS_JOBTYPE, 1, K_CHAR, S_C),
    F("job_subtype", JX_JS_JOBSUBTYPE, 1, K_CHAR, S_C),
    F("job_name", JX_JS_JOB, 10, K_CHAR, S_C),
    F("job_user", JX_JS_JOBUSER, 10, K_CHAR, S_C),
    F("job_number", JX_JS_JOBNBR, JX_JS_JOBNBR_LEN, K_CHAR, S_C),
    F("device", JX_JS_DEVICE, 10, K_CHAR, S_C),
    F("effective_user", JX_JS_EFFUSER, 10, K_CHAR, S_C),
    F("jobd_name", JX_JS_JOBD, 10, K_CHAR, S_C),
    F("jobd_library", JX_JS_JOBDLIB, 10, K_CHAR, S_C),
};
/* NA §9.3.5 (rzarlf32) */
static const struct fdesc t_na[] = {
    SUB,
    F("attribute", JX_NA_ATTR, 10, K_CHAR, S_C),
    F("new_value", JX_NA_NEW, JX_NA_VALUE_LEN, K_CHAR, S_C),
    F("old_value", JX_NA_OLD, JX_NA_VALUE_LEN, K_CHAR, S_C),
};
/* OM §3.2 (rzarlf35): old-name block 883/885 CONFIRMED, rest DERIVED */
static const struct fdesc t_om[] = {
    SUB, OBJ3("old_object_name", "old_library", "object_type", S_C),
    F("new_object_name", JX_OM_NEWNAME, 10, K_CHAR, S_C),
    F("new_library", JX_OM_NEWLIB, 10, K_CHAR, S_C),
    F("object_attribute", JX_OM_ATTR, 10, K_CHAR, S_C),
    F("office_user", JX_OM_OFCUSR, 10, K_CHAR, S_C),
    F("old_dlo_name", JX_OM_OLDDLO, 12, K_CHAR, S_C),
    F("old_folder_path", JX_OM_OLDFOLDER, 63, K_CHAR, S_C),
    F("new_dlo_name", JX_OM_NEWDLO, 12, K_CHAR, S_C),
    F("new_folder_path", JX_OM_NEWFOLDER, 63, K_CHAR, S_C),
    F("on_behalf_user", JX_OM_ONBEHALF, 10, K_CHAR, S_C),
    NAMEBLK("old_", JX_OM_NAMEBLK, S_D),
};
/* OR §9.3.1 (rzarlf36, CONFIRMED to 664) */
static const struct fdesc t_or[] = {
    SUB, OBJ3("object_name", "object_library", "object_type", S_C),
    F("saved_object_name", JX_OR_SAVNAME, 10, K_CHAR, S_C),
    F("saved_library", JX_OR_SAVLIB, 10, K_CHAR, S_C),
    C("program_state", JX_OR_PGMSTATE, 1, &or_pgmstate, S_C),
    FLAG("system_command", JX_OR_SYSCMD, S_C),
    FLAG("setuid", JX_OR_SETUID, S_C), FLAG("setgid", JX_OR_SETGID, S_C),
    C("signature_status", JX_OR_SIGNATURE, 1, &or_sig, S_C),
    F("scan_attribute", JX_OR_SCANATTR, 1, K_CHAR, S_C),
};
/* OW §3.2 (rzarlf37): block 800..829 CONFIRMED, 830/846 DERIVED; the path
 * block after it UNCONFIRMED (the place jx_audit_keys reads it from) */
static const struct fdesc t_ow[] = {
    SUB, OBJ,
    F("old_owner", JX_OW_OLDOWNER, 10, K_CHAR, S_C),
    F("new_owner", JX_OW_NEWOWNER, 10, K_CHAR, S_C),
    F("office_user", JX_OW_OFCUSR, 10, K_CHAR, S_C),
    F("dlo_name", JX_OW_DLONAME, 12, K_CHAR, S_C),
    F("folder_path", JX_OW_FOLDER, 63, K_CHAR, S_C),
    F("on_behalf_user", JX_OW_ONBEHALF, 10, K_CHAR, S_C),
    NAMEBLK("", JX_OW_NAMEBLK, S_D),
    PATHBLK(JX_OW_NAMEBLK + JX_NB_TO_PATHBLK, S_U),
};
/* PA §9.3.2 (rzarlf41 7.3) */
static const struct fdesc t_pa[] = {
    SUB, OBJ3("program_name", "program_library", "object_type", S_C),
    F("owner", JX_PA_OWNER, 10, K_CHAR, S_C),
    FLAG("isvtx", JX_PA_ISVTX, S_C), FLAG("previous_isvtx", JX_PA_PREVISVTX, S_C),
    FLAG("previous_setuid", JX_PA_PREVSETUID, S_C),
    FLAG("previous_setgid", JX_PA_PREVSETGID, S_C),
    NAMEBLK("", JX_PA_NAMEBLK, S_C),
    FLAG("setuid", JX_PA_SETUID, S_C), FLAG("setgid", JX_PA_SETGID, S_C),
    /* no path block: the doc is cut after 1226 (§9.3.2) */
};
/* PF §9.3.5 (rzarlf82, J5 only, cut after 646) */
static const struct fdesc t_pf[] = {
    SUB,
    F("entry_action", JX_PF_ENTACT, 4, K_CHAR, S_C),
    F("ipl_action", JX_PF_IPLACT, 4, K_CHAR, S_C),
    F("product_id", JX_PF_PRODID, 7, K_CHAR, S_C),
    F("vrm", JX_PF_VRM, 6, K_CHAR, S_C),
    F("ptf_id", JX_PF_PTFID, 7, K_CHAR, S_C),
    F("option", JX_PF_OPTION, 4, K_CHAR, S_C),
    F("load", JX_PF_LOAD, 4, K_CHAR, S_C),
};
/* PG §9.3.3 (rzarlf42, CONFIRMED to 691) */
static const struct fdesc t_pg[] = {
    SUB, OBJ,
    F("old_group", JX_PG_OLDGRP, 10, K_CHAR, S_C),
    F("new_group", JX_PG_NEWGRP, 10, K_CHAR, S_C),
    FLAG("auth_objexist", JX_PG_OBJEXIST, S_C), FLAG("auth_objmgt", JX_PG_OBJMGT, S_C),
    FLAG("auth_objopr", JX_PG_OBJOPR, S_C), FLAG("auth_objalter", JX_PG_OBJALTER, S_C),
    FLAG("auth_objref", JX_PG_OBJREF, S_C), FLAG("auth_autlmgt", JX_PG_AUTLMGT, S_C),
    FLAG("auth_read", JX_PG_READ, S_C), FLAG("auth_add", JX_PG_ADD, S_C),
    FLAG("auth_upd", JX_PG_UPD, S_C), FLAG("auth_dlt", JX_PG_DLT, S_C),
    FLAG("auth_execute", JX_PG_EXECUTE, S_C), FLAG("auth_exclude", JX_PG_EXCLUDE, S_C),
    FLAG("revoke_old_group", JX_PG_REVOKE, S_C),
};
/* PS §9.3.4 (rzarlf44) */
static const struct fdesc t_ps[] = {
    SUB,
    F("user_profile", JX_PS_USER, 10, K_CHAR, S_C),
    F("source_location", JX_PS_SRCLOC, JX_PS_SRCLOC_LEN, K_CHAR, S_C),
    F("original_target_user", JX_PS_ORIGTGT, 10, K_CHAR, S_C),
    F("new_target_user", JX_PS_NEWTGT, 10, K_CHAR, S_C),
    F("office_user", JX_PS_OFFICE, 10, K_CHAR, S_C),
    F("on_behalf_user", JX_PS_ONBEHALF, 10, K_CHAR, S_C),
    F("token_type", JX_PS_TOKTYPE, 1, K_CHAR, S_C),
    F("token_timeout", JX_PS_TOKTIMEOUT, 2, K_BIN2, S_C),
    F("port", JX_PS_PORT, 5, K_CHAR, S_C),
};
/* PU §9.3.5 (rzarlf83, J5 only): name block 748..757 CONFIRMED, rest DERIVED */
static const struct fdesc t_pu[] = {
    SUB,
    F("entry_action", JX_PU_ENTACT, 1, K_CHAR, S_C),
    F("ptf_operation", JX_PU_PTFOP, 1, K_CHAR, S_C),
    F("product_id", JX_PU_PRODID, 7, K_CHAR, S_C),
    F("vrm", JX_PU_VRM, 6, K_CHAR, S_C),
    F("ptf_id", JX_PU_PTFID, 7, K_CHAR, S_C),
    F("option", JX_PU_OPTION, 4, K_CHAR, S_C),
    F("load", JX_PU_LOAD, 4, K_CHAR, S_C),
    F("min_level", JX_PU_MINLVL, 2, K_CHAR, S_C),
    F("max_level", JX_PU_MAXLVL, 2, K_CHAR, S_C),
    F("product_library", JX_PU_PRODLIB, 10, K_CHAR, S_C),
    F("object_name", JX_PU_OBJ, 10, K_CHAR, S_C),
    F("object_library", JX_PU_OBJLIB, 10, K_CHAR, S_C),
    F("object_type", JX_PU_OBJTYPE, 7, K_CHAR, S_C),
    F("ru_name", JX_PU_RUNAME, 8, K_CHAR, S_C),
    NAMEBLK("", JX_PU_NAMEBLK, S_D),
};
/* PW §3.2 (rzarlf45, 7.3 and 7.6) */
static const struct fdesc t_pw[] = {
    SUB,
    F("user_name", JX_PW_USER, JX_PW_USER_LEN, K_CHAR, S_C),
    F("device", JX_PW_DEVICE, JX_PW_DEVICE_LEN, K_CHAR, S_C),
    F("remote_location", JX_PW_RMTLOC, 8, K_CHAR, S_C),
    F("local_location", JX_PW_LCLLOC, 8, K_CHAR, S_C),
    F("network_id", JX_PW_NETID, 8, K_CHAR, S_C),
    F("object_name", JX_PW_OBJ, 10, K_CHAR, S_C),
    F("object_library", JX_PW_OBJLIB, 10, K_CHAR, S_C),
};
/* RA §3.2: layout UNCONFIRMED; only the usual object group, labelled */
static const struct fdesc t_ra[] = {
    SUB, OBJ3("object_name", "object_library", "object_type", S_U),
};
/* RJ §3.2 (7.6) */
static const struct fdesc t_rj[] = {
    SUB, OBJ3("jobd_name", "jobd_library", "object_type", S_C),
    F("user_name", JX_RJ_USER, 10, K_CHAR, S_C),
    F("asp_name", JX_RJ_ASPNAME, 10, K_CHAR, S_C),
    F("asp_number", JX_RJ_ASPNUM, 5, K_CHAR, S_C),
    F("previous_user", JX_RJ_PREVUSER, 10, K_CHAR, S_C),
};
/* RO §3.2 (rzarlf48) and §9.3.5: CONFIRMED to the name, FID at 1338 */
static const struct fdesc t_ro[] = {
    SUB, OBJ,
    F("saved_owner", JX_RO_SAVOWNER, 10, K_CHAR, S_C),
    F("restored_owner", JX_RO_RSTOWNER, 10, K_CHAR, S_C),
    F("dlo_name", JX_RO_DLONAME, 12, K_CHAR, S_C),
    F("folder_path", JX_RO_FOLDER, 63, K_CHAR, S_C),
    NAMEBLK("", JX_RO_NAMEBLK, S_C),
    F("object_file_id", JX_RO_OBJFID, 16, K_HEX, S_C),
};
/* RP §3.2 (rzarlf49): path block at the CONFIRMED anchor 1256 */
static const struct fdesc t_rp[] = {
    SUB, OBJ3("program_name", "program_library", "object_type", S_C),
    F("owner", JX_RP_OWNER, 10, K_CHAR, S_C),
    NAMEBLK("", JX_RP_NAMEBLK, S_C),
    F("object_file_id", JX_RP_OBJFID, 16, K_HEX, S_C),
    F("asp_name", JX_RP_ASPNAME, 10, K_CHAR, S_C),
    F("asp_number", JX_RP_ASPNUM, 5, K_CHAR, S_C),
    PATHBLK(JX_RP_PATHBLK, S_C),
};
/* RU §9.3.5 (rzarlf51) */
static const struct fdesc t_ru[] = {
    SUB, OBJ3("user_name", "library", "object_type", S_C),
    F("authority_restored", JX_RU_AUTRST, 1, K_CHAR, S_C),
};
/* RZ §9.3.5 (rzarlf52): RO's shape; block past 782 DERIVED, FID UNCONFIRMED */
static const struct fdesc t_rz[] = {
    SUB, OBJ,
    F("saved_group", JX_RO_SAVOWNER, 10, K_CHAR, S_C),
    F("restored_group", JX_RO_RSTOWNER, 10, K_CHAR, S_C),
    F("dlo_name", JX_RO_DLONAME, 12, K_CHAR, S_C),
    F("folder_path", JX_RO_FOLDER, 63, K_CHAR, S_C),
    NAMEBLK("", JX_RO_NAMEBLK, S_D),
    F("object_file_id", JX_RO_OBJFID, 16, K_HEX, S_U),
};
/* SF §9.3.5 (rzarlf55, cut after 683) */
static const struct fdesc t_sf[] = {
    SUB, OBJ3("file_name", "library", "object_type", S_C),
    F("member", JX_SF_MBR, 10, K_CHAR, S_C),
    F("spooled_file", JX_SF_SPLF, 10, K_CHAR, S_C),
    F("spooled_file_number", JX_SF_SPLNBR, 4, K_CHAR, S_C),
    F("output_queue", JX_SF_OUTQ, 10, K_CHAR, S_C),
    F("output_queue_library", JX_SF_OUTQLIB, 10, K_CHAR, S_C),
};
/* SK §3.2 (rzarlf57, complete to 1570) */
static const struct fdesc t_sk[] = {
    SUB,
    F("local_ipv4", JX_SK_LCLIP4, 15, K_CHAR, S_C),
    F("local_port", JX_SK_LCLPORT, 5, K_CHAR, S_C),
    F("remote_ipv4", JX_SK_RMTIP4, 15, K_CHAR, S_C),
    F("remote_port", JX_SK_RMTPORT, 5, K_CHAR, S_C),
    F("socket_descriptor", JX_SK_SOCKDESC, 4, K_BIN4, S_C),
    F("filter_description", JX_SK_FILTER, 10, K_CHAR, S_C),
    F("filter_data_length", JX_SK_FILTLEN, 2, K_BIN2, S_C),
    {"filter_data", JX_SK_FILTDATA, JX_SK_FILTDATA_LEN, K_VARCHAR, S_C, JX_SK_FILTLEN, NULL},
    F("address_family", JX_SK_ADDRFAM, JX_SK_ADDRFAM_LEN, K_CHAR, S_C),
    F("local_ip", JX_SK_LCLIP, JX_SK_IP_LEN, K_CHAR, S_C),
    F("remote_ip", JX_SK_RMTIP, JX_SK_IP_LEN, K_CHAR, S_C),
    F("mac_address", JX_SK_MAC, 32, K_CHAR, S_C),
    F("host_name", JX_SK_HOST, 255, K_CHAR, S_C),
    F("secure_version", JX_SK_SECVER, 10, K_CHAR, S_C),
};
/* SM §3.2 (rzarlf58) */
static const struct fdesc t_sm[] = {
    SUB,
    C("access_type", JX_SM_ACCESS, 1, &sm_access, S_C),
    F("sequence_number", JX_SM_SEQNBR, 4, K_CHAR, S_C),
    F("message_id", JX_SM_MSGID, 7, K_CHAR, S_C),
    F("rdb_name", JX_SM_RDB, 18, K_CHAR, S_C),
    F("file_system", JX_SM_FILESYS, 10, K_CHAR, S_C),
    F("backup_option", JX_SM_BKUOPT, 10, K_CHAR, S_C),
    F("backup_list", JX_SM_BKULIST, 10, K_CHAR, S_C),
    F("network_file", JX_SM_NETFILE, 10, K_CHAR, S_C),
    F("network_file_member", JX_SM_NETMBR, 10, K_CHAR, S_C),
    F("network_file_number", JX_SM_NETNBR, 6, K_ZONED, S_C),
    F("owner", JX_SM_OWNER, 10, K_CHAR, S_C),
    F("originating_user", JX_SM_ORIGUSER, 8, K_CHAR, S_C),
    F("originating_address", JX_SM_ORIGADDR, 8, K_CHAR, S_C),
};
/* SO §3.2 (rzarlf59): user ID text read with the length at 826 */
static const struct fdesc t_so[] = {
    SUB,
    F("user_profile", JX_SO_USER, 10, K_CHAR, S_C),
    F("info_type", JX_SO_INFOTYPE, 1, K_CHAR, S_C),
    F("password_stored", JX_SO_PWDSTORED, 1, K_CHAR, S_C),
    F("server_name", JX_SO_SERVER, JX_SO_SERVER_LEN, K_CHAR, S_C),
    F("user_id_length", JX_SO_UIDLEN, 2, K_BIN2, S_C),
    {"user_id", JX_SO_UID, JX_SO_UID_LEN, K_VARCHAR, S_C, JX_SO_UIDLEN, NULL},
};
/* SV §3.2 (rzarlf61, complete): values joined from their three parts */
static const struct fdesc t_sv[] = {
    SUB,
    F("system_value", JX_SV_NAME, JX_SV_NAME_LEN, K_CHAR, S_C),
    F("new_value", JX_SV_NEW, JX_SV_PART_LEN, K_SVNEW, S_C),
    F("old_value", JX_SV_OLD, JX_SV_PART_LEN, K_SVOLD, S_C),
};
/* VO §3.2 (rzarlf67) */
static const struct fdesc t_vo[] = {
    SUB,
    F("unsuccessful_type", JX_VO_UNSUCC, 1, K_CHAR, S_C),
    F("validation_list", JX_VO_VLDL, 10, K_CHAR, S_C),
    F("validation_list_library", JX_VO_VLDLLIB, 10, K_CHAR, S_C),
    F("encrypted_data", JX_VO_ENCDATA, 1, K_CHAR, S_C),
    F("entry_data_indicator", JX_VO_ENTDATA, 1, K_CHAR, S_C),
    F("entry_id_length", JX_VO_IDLEN, 2, K_BIN2, S_C),
    F("entry_data_length", JX_VO_DATALEN, 2, K_BIN2, S_C),
    F("encrypted_data_attr", JX_VO_ENCATTR, 1, K_CHAR, S_C),
    F("x509_attr", JX_VO_X509, 1, K_CHAR, S_C),
    {"entry_id", JX_VO_ENTRYID, JX_VO_ENTRYID_LEN, K_VARHEX, S_C, JX_VO_IDLEN, NULL},
    {"entry_data", JX_VO_ENTRYDATA, JX_VO_ENTRYDATA_LEN, K_VARHEX, S_C, JX_VO_DATALEN, NULL},
    F("asp_name", JX_VO_ASPNAME, 10, K_CHAR, S_C),
    F("asp_number", JX_VO_ASPNUM, 5, K_CHAR, S_C),
};
/* VP §3.2 (rzarlf68) */
static const struct fdesc t_vp[] = {
    SUB,
    F("server_name", JX_VP_SERVER, 10, K_CHAR, S_C),
    F("server_date", JX_VP_DATE, 6, K_CHAR, S_C),
    F("server_time", JX_VP_TIME, 6, K_DIGITS, S_C),
    F("computer_name", JX_VP_COMPUTER, 8, K_CHAR, S_C),
    F("user", JX_VP_USER, 10, K_CHAR, S_C),
    F("long_computer_name", JX_VP_LONGNAME, 46, K_CHAR, S_C),
};
/* ZC / ZR §3.2 and §9.3.5: ZR's 692 reserved + name block at 710
 * (710..719 CONFIRMED for ZR, DERIVED past; ZC "likely alike": UNCONFIRMED) */
static const struct fdesc t_zr[] = {
    SUB, OBJ,
    {"access_type", JX_Z_ACCESS, 3, K_PACKED, S_C, 0, &z_access},
    F("access_specific_data", JX_Z_ACCDATA, JX_Z_ACCDATA_LEN, K_CHAR, S_C),
    NAMEBLK("", JX_Z_NAMEBLK, S_D),
    PATHBLK(JX_Z_NAMEBLK + JX_NB_TO_PATHBLK, S_U),
};
static const struct fdesc t_zc[] = {
    SUB, OBJ,
    {"access_type", JX_Z_ACCESS, 3, K_PACKED, S_C, 0, &z_access},
    F("access_specific_data", JX_Z_ACCDATA, JX_Z_ACCDATA_LEN, K_CHAR, S_C),
    NAMEBLK("", JX_Z_NAMEBLK, S_U),
    PATHBLK(JX_Z_NAMEBLK + JX_NB_TO_PATHBLK, S_U),
};

static const struct {
    char type[3];
    const struct fdesc *f;
    size_t n;
} layouts[] = {
#define L(t, tab) {t, tab, JX_ARRAY_SIZE(tab)}
    L("AD", t_ad), L("AF", t_af), L("AP", t_ap), L("CA", t_ca), L("CD", t_cd),
    L("CO", t_co), L("CP", t_cp), L("DO", t_do), L("DS", t_ds), L("GS", t_gs),
    L("IR", t_ir), L("JD", t_jd), L("JS", t_js), L("NA", t_na), L("OM", t_om),
    L("OR", t_or), L("OW", t_ow), L("PA", t_pa), L("PF", t_pf), L("PG", t_pg),
    L("PS", t_ps), L("PU", t_pu), L("PW", t_pw), L("RA", t_ra), L("RJ", t_rj),
    L("RO", t_ro), L("RP", t_rp), L("RU", t_ru), L("RZ", t_rz), L("SF", t_sf),
    L("SK", t_sk), L("SM", t_sm), L("SO", t_so), L("SV", t_sv), L("VO", t_vo),
    L("VP", t_vp), L("ZC", t_zc), L("ZR", t_zr),
#undef L
};

static const struct fdesc *layout_of(const char *type, size_t *n)
{
    for (size_t i = 0; i < JX_ARRAY_SIZE(layouts); i++)
        if (layouts[i].type[0] == type[0] && layouts[i].type[1] == type[1]) {
            *n = layouts[i].n;
            return layouts[i].f;
        }
    *n = 0;
    return NULL;
}

bool jx_audit_has_layout(const char *type)
{
    size_t n;
    return layout_of(type, &n) != NULL;
}

/* ---- the walk ----------------------------------------------------------- */

/* One call's state: the entry, the callback, the value scratch (big enough
 * for the largest field: 6000 EBCDIC bytes of CD command at up to 3 UTF-8
 * bytes each) and the bare-code scratch. */
#define VAL_CAP (3 * JX_CD_CMD_LEN + 64)
struct walk {
    const struct jx_entry *e;
    const struct jx_ccsid *cc;
    jx_afield_fn fn;
    void *arg;
    size_t count;
    bool truncated;          /* esd_avail < esd_len: the record cut the ESD */
    char val[VAL_CAP];
};

static void put_raw(struct walk *w, const char *name, const char *value, const char *raw,
                    unsigned flags, size_t off, size_t len)
{
    const struct jx_afield f = {name, value, raw, flags, (uint32_t)off, (uint32_t)len};
    w->fn(&f, w->arg);
    w->count++;
}

static void put(struct walk *w, const char *name, const char *value, unsigned flags,
                size_t off, size_t len)
{
    put_raw(w, name, value, value, flags, off, len);
}

/* Bytes [off, off+len) present? Sets *have to what is there. */
static bool span(const struct walk *w, size_t off, size_t len, size_t *have)
{
    if (off >= w->e->esd_avail) {
        *have = 0;
        return false;
    }
    *have = JX_MIN(len, (size_t)w->e->esd_avail - off);
    return true;
}

/* Flags for a variable-size value: CUT only when the record cut the ESD,
 * not when the entry's own ESD simply ends early (shorter layouts of older
 * releases, or a generator writing only the fields it uses). */
static unsigned cutflag(const struct walk *w, size_t have, size_t len)
{
    return (have < len && w->truncated) ? JX_AFF_CUT : 0;
}

static bool all_bytes(const uint8_t *p, size_t n, uint8_t b)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != b)
            return false;
    return true;
}

static void hex(const uint8_t *p, size_t n, char *dst, size_t cap)
{
    static const char d[] = "0123456789ABCDEF";
    size_t o = 0;
    for (size_t i = 0; i < n && o + 2 < cap; i++) {
        dst[o++] = d[p[i] >> 4];
        dst[o++] = d[p[i] & 15];
    }
    dst[o] = '\0';
}

/* X'..' for bytes that do not follow their declared type. */
static void rawhex(const uint8_t *p, size_t n, char *dst, size_t cap)
{
    if (cap < 5) {
        dst[0] = '\0';
        return;
    }
    dst[0] = 'X';
    dst[1] = '\'';
    hex(p, n, dst + 2, cap - 3);
    size_t l = strlen(dst);
    dst[l] = '\'';
    dst[l + 1] = '\0';
}

/* Text in a given CCSID: UTF-16 for 1200/13488, else the EBCDIC table of
 * that CCSID when jidx has it, else the job's (65535 = "as the job"). */
static size_t text_in(const struct walk *w, uint32_t ccsid, const uint8_t *p, size_t n,
                      char *dst, size_t cap)
{
    if (ccsid == 1200 || ccsid == 13488)
        return jx_utf16be_to_utf8(p, n, dst, cap);
    const struct jx_ccsid *t = (ccsid && ccsid != 65535) ? jx_ccsid_get((int)ccsid) : NULL;
    return jx_e2u(t ? t : w->cc, p, n, dst, cap);
}

static const char *code_meaning(const struct codetab *t, const char *code)
{
    for (const struct kv *k = t->kv; k->k; k++)
        if (!strcmp(k->k, code))
            return k->v;
    return NULL;
}

/* "CODE (meaning)" / "CODE (meaning; meaning unconfirmed)" / "CODE". */
static void with_meaning(char *dst, size_t cap, const char *code, const char *m,
                         bool unconfirmed)
{
    if (!code[0] || !m)
        snprintf(dst, cap, "%s", code);
    else
        snprintf(dst, cap, "%s (%s%s)", code, m, unconfirmed ? "; meaning unconfirmed" : "");
}

/* SV: join the parts of a value (250 + 250 + 1000), trimming blanks at the
 * end only (§3.2 SV): blanks inside a long value are kept. */
static void sv_field(struct walk *w, const struct fdesc *d)
{
    const bool isnew = d->kind == K_SVNEW;
    const size_t offs[3] = {isnew ? JX_SV_NEW : JX_SV_OLD, isnew ? JX_SV_NEW2 : JX_SV_OLD2,
                            isnew ? JX_SV_NEW3 : JX_SV_OLD3};
    const size_t lens[3] = {JX_SV_PART_LEN, JX_SV_PART_LEN, JX_SV_EXT_LEN};
    const struct jx_entry *e = w->e;
    size_t o = 0, have;
    unsigned flags = d->st;
    if (!span(w, offs[0], lens[0], &have))
        return;
    for (int i = 0; i < 3; i++) {
        if (!span(w, offs[i], lens[i], &have))
            break;
        flags |= cutflag(w, have, lens[i]);
        for (size_t k = 0; k < have && o + 4 < sizeof(w->val); k++) {
            const uint8_t b = e->esd[offs[i] + k];
            memcpy(w->val + o, w->cc->u8[b], w->cc->u8len[b]);
            o += w->cc->u8len[b];
        }
    }
    while (o > 0 && (w->val[o - 1] == ' ' || w->val[o - 1] == '\0'))
        o--;
    w->val[o] = '\0';
    put(w, d->name, w->val, flags, offs[0], lens[0]);
}

/* Binary(4)/(5) at off, big-endian signed. false if not present. */
static bool bin_at(const struct walk *w, size_t off, size_t n, long *v)
{
    size_t have;
    if (!span(w, off, n, &have) || have < n)
        return false;
    const uint8_t *p = w->e->esd + off;
    *v = n == 2 ? (long)(int16_t)jx_be16(p) : (long)(int32_t)jx_be32(p);
    return true;
}

static void num_field(struct walk *w, const char *name, size_t off, size_t n, unsigned st)
{
    long v;
    if (bin_at(w, off, n, &v)) {
        snprintf(w->val, sizeof(w->val), "%ld", v);
        put(w, name, w->val, st, off, n);
    }
}

static void char_field(struct walk *w, const char *name, size_t off, size_t len,
                       unsigned st)
{
    size_t have;
    if (!span(w, off, len, &have))
        return;
    jx_e2u(w->cc, w->e->esd + off, have, w->val, sizeof(w->val));
    put(w, name, w->val, st | cutflag(w, have, len), off, len);
}

static void hex_field(struct walk *w, const char *name, size_t off, size_t len,
                      unsigned st)
{
    size_t have;
    if (!span(w, off, len, &have))
        return;
    const uint8_t *p = w->e->esd + off;
    if (all_bytes(p, have, 0x00) || all_bytes(p, have, 0x40))
        w->val[0] = '\0';
    else
        hex(p, have, w->val, sizeof(w->val));
    put(w, name, w->val, st | cutflag(w, have, len), off, len);
}

/* IFS object-name block (§3.1): length, CCSID, country, language, reserved,
 * parent FID, object FID, name (length bytes of Char(512) in that CCSID).
 * A block whose first 6 bytes are all blank or all zero is absent. */
static void name_block(struct walk *w, const struct fdesc *d)
{
    const size_t b = d->off;
    char nm[64];
    size_t have;
    long len = 0, ccsid = 0;
    if (!span(w, b, JX_NB_CNTRY, &have) || have < JX_NB_CNTRY)
        return;
    if (all_bytes(w->e->esd + b, JX_NB_CNTRY, 0x40) ||
        all_bytes(w->e->esd + b, JX_NB_CNTRY, 0x00))
        return;
#define NM(s) (snprintf(nm, sizeof(nm), "%s%s", d->name, s), nm)
    bin_at(w, b + JX_NB_LEN, 2, &len);
    bin_at(w, b + JX_NB_CCSID, 4, &ccsid);
    const bool badlen = len < 0 || len > JX_NB_NAME_LEN;
    snprintf(w->val, sizeof(w->val), "%ld", len);
    put(w, NM("name_length"), w->val, d->st | (badlen ? JX_AFF_INVALID : 0), b + JX_NB_LEN, 2);
    num_field(w, NM("name_ccsid"), b + JX_NB_CCSID, 4, d->st);
    char_field(w, NM("name_country"), b + JX_NB_CNTRY, 2, d->st);
    char_field(w, NM("name_language"), b + JX_NB_LANG, 3, d->st);
    hex_field(w, NM("name_parent_file_id"), b + JX_NB_PFID, 16, d->st);
    hex_field(w, NM("name_object_file_id"), b + JX_NB_OFID, 16, d->st);
    const size_t want = badlen ? JX_NB_NAME_LEN : (size_t)len;
    if (span(w, b + JX_NB_NAME, want ? want : 1, &have)) {
        if (!want)
            w->val[0] = '\0';
        else
            text_in(w, (uint32_t)ccsid, w->e->esd + b + JX_NB_NAME, have, w->val,
                    sizeof(w->val));
        put(w, NM("ifs_name"), w->val, d->st | cutflag(w, have, want),
            b + JX_NB_NAME, JX_NB_NAME_LEN);
    }
#undef NM
}

/* Path-name block (§3.1, §9.2.1): +0 CCSID and +4 country at CONFIRMED
 * anchors (when the block's place is), the order past +6 DERIVED; the text
 * at +28 with its length from +9 (jidx's reading, see layout.h). A block
 * whose first 11 bytes are all blank or all zero is absent. */
static void path_block(struct walk *w, const struct fdesc *d)
{
    const size_t b = d->off;
    const unsigned anchor = d->st, rest = d->st == S_U ? S_U : S_D;
    size_t have;
    long len = 0, ccsid = 0;
    if (!span(w, b, JX_PB_ABS, &have) || have < JX_PB_ABS)
        return;
    if (all_bytes(w->e->esd + b, JX_PB_ABS, 0x40) || all_bytes(w->e->esd + b, JX_PB_ABS, 0x00))
        return;
    bin_at(w, b + JX_PB_CCSID, 4, &ccsid);
    bin_at(w, b + JX_PB_LEN, 2, &len);
    num_field(w, "path_ccsid", b + JX_PB_CCSID, 4, anchor);
    char_field(w, "path_country", b + JX_PB_CNTRY, 2, anchor);
    char_field(w, "path_language", b + JX_PB_LANG, 3, rest);
    const bool badlen = len < 0 || len > JX_PB_TEXT_MAX;
    snprintf(w->val, sizeof(w->val), "%ld", len);
    put(w, "path_length", w->val, rest | (badlen ? JX_AFF_INVALID : 0), b + JX_PB_LEN, 2);
    char_field(w, "path_absolute", b + JX_PB_ABS, 1, rest);
    hex_field(w, "path_relative_dir_file_id", b + JX_PB_RELFID, 16, rest);
    const size_t want = badlen ? JX_PB_TEXT_MAX : (size_t)len;
    if (span(w, b + JX_PB_TEXT, want ? want : 1, &have)) {
        if (!want)
            w->val[0] = '\0';
        else
            text_in(w, (uint32_t)ccsid, w->e->esd + b + JX_PB_TEXT, have, w->val,
                    sizeof(w->val));
        put(w, "path_name", w->val, rest | cutflag(w, have, want), b + JX_PB_TEXT,
            JX_PB_TEXT_MAX);
    }
}

static void one(struct walk *w, const struct fdesc *d)
{
    const struct jx_entry *e = w->e;
    const uint8_t *p = e->esd + d->off;
    size_t have;
    char code[16];

    switch ((enum kind)d->kind) {
    case K_NAMEBLK: name_block(w, d); return;
    case K_PATHBLK: path_block(w, d); return;
    case K_SVNEW: case K_SVOLD: sv_field(w, d); return;
    case K_CHAR: char_field(w, d->name, d->off, d->len, d->st); return;
    case K_HEX: hex_field(w, d->name, d->off, d->len, d->st); return;
    case K_BIN2: num_field(w, d->name, d->off, 2, d->st); return;
    case K_BIN4: num_field(w, d->name, d->off, 4, d->st); return;
    default: break;
    }
    /* the rest are whole-or-nothing: a cut number or code is left out */
    if (!span(w, d->off, d->len, &have) || have < d->len) {
        if (d->kind != K_VARCHAR && d->kind != K_VARHEX)
            return;
    }
    switch ((enum kind)d->kind) {
    case K_SUB: {
        code[0] = e->subtype ? e->subtype : ' ';
        code[1] = '\0';
        if (code[0] == ' ')
            code[0] = '\0';
        with_meaning(w->val, sizeof(w->val), code, jx_audit_subtype_desc(e->type, e->subtype),
                     !jx_audit_subtype_confirmed(e->type, e->subtype));
        put_raw(w, d->name, w->val, code, d->st, d->off, d->len);
        return;
    }
    case K_CODE:
        jx_e2u(w->cc, p, d->len, code, sizeof(code));
        with_meaning(w->val, sizeof(w->val), code, code_meaning(d->codes, code),
                     d->codes->unconfirmed);
        put_raw(w, d->name, w->val, code, d->st, d->off, d->len);
        return;
    case K_FLAG:
        jx_e2u(w->cc, p, 1, w->val, sizeof(w->val));
        put(w, d->name, w->val, d->st, d->off, d->len);
        return;
    case K_ZONED: case K_DIGITS: case K_PACKED: {
        int64_t v;
        size_t bad;
        int rc;
        if (all_bytes(p, d->len, 0x40) || (d->kind == K_PACKED && all_bytes(p, d->len, 0))) {
            put(w, d->name, "", d->st, d->off, d->len);
            return;
        }
        rc = d->kind == K_PACKED ? jx_packed(p, d->len, &v) : jx_zoned(p, d->len, &v, &bad);
        if (rc != JX_OK) {
            rawhex(p, d->len, w->val, sizeof(w->val));
            put(w, d->name, w->val, d->st | JX_AFF_INVALID, d->off, d->len);
            return;
        }
        if (d->kind == K_DIGITS && v >= 0)
            snprintf(code, sizeof(code), "%0*lld", (int)d->len, (long long)v);
        else
            snprintf(code, sizeof(code), "%lld", (long long)v);
        if (d->codes)
            with_meaning(w->val, sizeof(w->val), code, code_meaning(d->codes, code),
                         d->codes->unconfirmed);
        else
            snprintf(w->val, sizeof(w->val), "%s", code);
        put_raw(w, d->name, w->val, code, d->st, d->off, d->len);
        return;
    }
    case K_VARCHAR: case K_VARHEX: {
        long l;
        unsigned fl = d->st;
        if (!bin_at(w, d->aux, 2, &l))
            return;
        if (l < 0 || (size_t)l > d->len) {
            fl |= JX_AFF_INVALID;
            l = (long)d->len;
        }
        if (l == 0) {
            if (d->off < e->esd_avail)
                put(w, d->name, "", fl, d->off, d->len);
            return;
        }
        if (!span(w, d->off, (size_t)l, &have))
            return;
        fl |= cutflag(w, have, (size_t)l);
        if (d->kind == K_VARHEX)
            hex(p, have, w->val, sizeof(w->val));
        else
            jx_e2u(w->cc, p, have, w->val, sizeof(w->val));
        put(w, d->name, w->val, fl, d->off, d->len);
        return;
    }
    default:
        return;
    }
}

size_t jx_audit_fields(const struct jx_entry *e, const struct jx_ccsid *cc,
                       jx_afield_fn fn, void *arg)
{
    struct walk *w;
    struct walk local;
    size_t n = 0;
    if (e->code != 'T' || e->esd_avail == 0 || !e->esd)
        return 0;
    w = &local;
    w->e = e;
    w->cc = cc;
    w->fn = fn;
    w->arg = arg;
    w->count = 0;
    w->truncated = e->esd_avail < e->esd_len;
    const struct fdesc *t = layout_of(e->type, &n);
    if (!t) {
        /* no layout: only the byte every T entry shares (J5 610) */
        static const struct fdesc sub = SUB;
        one(w, &sub);
    }
    for (size_t i = 0; i < n; i++)
        one(w, &t[i]);
    if (w->truncated) {
        snprintf(w->val, sizeof(w->val), "%u of %u bytes present", e->esd_avail, e->esd_len);
        put(w, "esd_truncated", w->val, JX_AFF_NOTE, e->esd_avail, e->esd_len - e->esd_avail);
    }
    return w->count;
}

/* ---- single-field lookup and the renderers ------------------------------ */

struct find {
    const char *name;
    char *buf;
    size_t cap;
    int found;
};

static void find_cb(const struct jx_afield *f, void *arg)
{
    struct find *s = arg;
    if (s->found || strcmp(f->name, s->name))
        return;
    s->found = 1;
    snprintf(s->buf, s->cap, "%s", f->raw);
}

int jx_audit_field(const struct jx_entry *e, const struct jx_ccsid *cc,
                   const char *name, char *buf, size_t cap)
{
    struct find s = {name, buf, cap, 0};
    if (cap)
        buf[0] = '\0';
    if (cap)
        jx_audit_fields(e, cc, find_cb, &s);
    return s.found;
}

/* "name", "name(unconfirmed)", "name(cut)", "name(unconfirmed, cut)". */
static void label(const struct jx_afield *f, char *dst, size_t cap)
{
    const bool u = f->flags & JX_AFF_UNCONFIRMED, c = f->flags & JX_AFF_CUT;
    snprintf(dst, cap, "%s%s%s%s%s", f->name, (u || c) ? "(" : "", u ? "unconfirmed" : "",
             (u && c) ? ", " : "", c ? "cut)" : (u ? ")" : ""));
}

struct render {
    char *buf;
    size_t cap, len;
    bool full;     /* a field did not fit: nothing more is added */
};

static void text_cb(const struct jx_afield *f, void *arg)
{
    struct render *r = arg;
    char lab[96];
    if (r->full || !f->value[0])
        return;
    label(f, lab, sizeof(lab));
    const size_t need = (r->len ? 2 : 0) + strlen(lab) + 1 + strlen(f->value);
    /* keep room for the "; ..." that marks a cut line */
    if (r->len + need + 6 > r->cap) {
        r->full = true;
        return;
    }
    r->len += (size_t)snprintf(r->buf + r->len, r->cap - r->len, "%s%s=%s",
                               r->len ? "; " : "", lab, f->value);
}

size_t jx_audit_decoded_text(const struct jx_entry *e, const struct jx_ccsid *cc,
                             char *buf, size_t cap)
{
    struct render r = {buf, cap, 0, false};
    if (cap == 0)
        return 0;
    buf[0] = '\0';
    if (cap < 8)
        return 0;
    jx_audit_fields(e, cc, text_cb, &r);
    if (r.full)
        r.len += (size_t)snprintf(buf + r.len, cap - r.len, "%s...", r.len ? "; " : "");
    return r.len;
}

/* JSON string escaping into a buffer. @return bytes needed (written only
 * when they fit in cap, NUL included). */
static size_t json_str(const char *s, char *dst, size_t cap)
{
    size_t o = 0;
    char tmp[8];
#define OUT(c) do { if (o + 1 < cap) dst[o] = (c); o++; } while (0)
    OUT('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (*p < 0x20) {
                snprintf(tmp, sizeof(tmp), "\\u%04x", *p);
                esc = tmp;
            }
        }
        if (esc)
            for (; *esc; esc++)
                OUT(*esc);
        else
            OUT((char)*p);
    }
    OUT('"');
#undef OUT
    if (o < cap)
        dst[o] = '\0';
    return o;
}

#define JSON_TAIL 16 /* room kept for ", \"_cut\": true}" */

static void json_cb(const struct jx_afield *f, void *arg)
{
    struct render *r = arg;
    char lab[96];
    if (r->full || !f->value[0])
        return;
    label(f, lab, sizeof(lab));
    const size_t start = r->len;
    const size_t room = r->cap - JSON_TAIL;
    size_t o = start;
    if (o > 1) {
        if (o + 2 >= room)
            goto full;
        memcpy(r->buf + o, ", ", 2);
        o += 2;
    }
    o += json_str(lab, r->buf + o, room - o);
    if (o + 2 >= room)
        goto full;
    memcpy(r->buf + o, ": ", 2);
    o += 2;
    o += json_str(f->value, r->buf + o, room - o);
    if (o >= room)
        goto full;
    r->len = o;
    r->buf[o] = '\0';
    return;
full:
    r->full = true;
    r->buf[start] = '\0';
}

size_t jx_audit_decoded_json(const struct jx_entry *e, const struct jx_ccsid *cc,
                             char *buf, size_t cap)
{
    struct render r = {buf, cap, 1, false};
    if (cap < JSON_TAIL) {
        if (cap)
            buf[0] = '\0';
        return 0;
    }
    buf[0] = '{';
    buf[1] = '\0';
    jx_audit_fields(e, cc, json_cb, &r);
    if (r.full)
        r.len += (size_t)snprintf(buf + r.len, cap - r.len, "%s\"_cut\": true",
                                  r.len > 1 ? ", " : "");
    r.len += (size_t)snprintf(buf + r.len, cap - r.len, "}");
    return r.len;
}
