/*
 * common/audit.c - audit entry-specific data (ESD): key fields, subtype
 * meanings and one-line details. Offsets come only from common/layout.h.
 *
 * jx_audit_keys() runs once per record during ingest (hot path): a switch on
 * the entry type, a handful of table conversions, no allocation. The detail
 * functions run only for entries being shown (query output, reports).
 */
#include "audit.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ebcdic.h"
#include "fields.h"
#include "jx.h"
#include "layout.h"

#define T2(a, b) (((unsigned)(a) << 8) | (unsigned)(b))

/* Char(n) field at ESD offset `off`, clipped to the bytes present. */
static void fld(const struct jx_entry *e, const struct jx_ccsid *cc, size_t off,
                size_t len, char *dst, size_t cap)
{
    if (off >= e->esd_avail) {
        dst[0] = '\0';
        return;
    }
    if (len > e->esd_avail - off)
        len = e->esd_avail - off;
    jx_e2u(cc, e->esd + off, len, dst, cap);
}

static char ch(const struct jx_entry *e, const struct jx_ccsid *cc, size_t off)
{
    if (off >= e->esd_avail)
        return '\0';
    const char *u = cc->u8[e->esd[off]];
    return cc->u8len[e->esd[off]] == 1 ? u[0] : '?';
}

static int has_object_group(unsigned t)
{
    switch (t) {
    case T2('A', 'D'): case T2('A', 'F'): case T2('A', 'P'): case T2('C', 'A'):
    case T2('C', 'D'): case T2('C', 'O'): case T2('C', 'P'): case T2('D', 'O'):
    case T2('J', 'D'): case T2('O', 'M'): case T2('O', 'R'): case T2('O', 'W'):
    case T2('P', 'A'): case T2('P', 'G'): case T2('R', 'J'): case T2('R', 'O'):
    case T2('R', 'P'): case T2('R', 'U'): case T2('R', 'Z'): case T2('S', 'F'):
    case T2('Z', 'C'): case T2('Z', 'R'):
        return 1;
    }
    return 0;
}

/* Start of the IFS object-name block for the types whose layout gives it
 * (§3.1, §3.2, §9.3); 0 if none. */
static size_t name_block(unsigned t)
{
    switch (t) {
    case T2('Z', 'C'): case T2('Z', 'R'): return JX_Z_NAMEBLK;
    case T2('D', 'O'): case T2('C', 'O'): return JX_DO_NAMEBLK; /* CO: by analogy, UNCONFIRMED */
    case T2('R', 'O'): case T2('R', 'Z'): return JX_RO_NAMEBLK;
    case T2('O', 'W'): return JX_OW_NAMEBLK;
    /* PA: no path. After PA's name block the doc gives SETUID/SETGID at
     * 1225/1226 and is cut (§9.3.2), so the RP-derived path position does
     * not apply */
    case T2('R', 'P'): return JX_RP_NAMEBLK;
    }
    return 0;
}

static void path_of(struct jx_entry *e, const struct jx_ccsid *cc, size_t pb)
{
    e->path[0] = '\0';
    if (pb + JX_PB_TEXT > e->esd_avail)
        return;
    const uint8_t *b = e->esd + pb;
    uint32_t pccsid = jx_be32(b + JX_PB_CCSID);
    size_t len = jx_be16(b + JX_PB_LEN);
    size_t avail = e->esd_avail - pb - JX_PB_TEXT;
    if (len == 0)
        return;
    if (len > JX_PB_TEXT_MAX)
        len = JX_PB_TEXT_MAX;
    if (len > avail)
        len = avail;
    size_t n;
    if (pccsid == 1200 || pccsid == 13488) {
        n = jx_utf16be_to_utf8(b + JX_PB_TEXT, len, e->path, sizeof(e->path));
        if (n + 3 >= sizeof(e->path) && len / 2 > n / 3)
            e->flags |= JX_F_PATH_CUT;
    } else {
        /* 65535 or an EBCDIC CCSID: read with its table if known, else the job's */
        const struct jx_ccsid *pc = jx_ccsid_get((int)pccsid);
        n = jx_e2u(pc ? pc : cc, b + JX_PB_TEXT, len, e->path, sizeof(e->path));
        if (n + 3 >= sizeof(e->path) && len > n / 3)
            e->flags |= JX_F_PATH_CUT;
    }
}

void jx_audit_keys(struct jx_entry *e, const struct jx_ccsid *cc)
{
    e->object[0] = e->object_lib[0] = e->object_type[0] = '\0';
    e->target_user[0] = e->path[0] = '\0';
    e->subtype = '\0';
    if (e->code != 'T' || e->esd_avail == 0)
        return;
    e->subtype = ch(e, cc, JX_E_SUBTYPE);
    const unsigned t = T2(e->type[0], e->type[1]);
    if (has_object_group(t)) {
        fld(e, cc, JX_E_OBJ_NAME, JX_E_OBJ_NAME_LEN, e->object, sizeof(e->object));
        fld(e, cc, JX_E_OBJ_LIB, JX_E_OBJ_LIB_LEN, e->object_lib, sizeof(e->object_lib));
        fld(e, cc, JX_E_OBJ_TYPE, JX_E_OBJ_TYPE_LEN, e->object_type, sizeof(e->object_type));
    }
    switch (t) {
    case T2('P', 'W'): fld(e, cc, JX_PW_USER, 10, e->target_user, JX_NAME_SZ); break;
    case T2('C', 'P'): fld(e, cc, JX_E_OBJ_NAME, 10, e->target_user, JX_NAME_SZ); break;
    case T2('C', 'A'): fld(e, cc, JX_CA_USER, 10, e->target_user, JX_NAME_SZ); break;
    case T2('J', 'S'): fld(e, cc, JX_JS_EFFUSER, 10, e->target_user, JX_NAME_SZ); break;
    case T2('P', 'S'): fld(e, cc, JX_PS_NEWTGT, 10, e->target_user, JX_NAME_SZ); break;
    case T2('J', 'D'): fld(e, cc, JX_JD_NEWUSER, 10, e->target_user, JX_NAME_SZ); break;
    case T2('R', 'J'): fld(e, cc, JX_RJ_USER, 10, e->target_user, JX_NAME_SZ); break;
    case T2('S', 'K'): {
        char a[JX_ADDR_SZ];
        fld(e, cc, JX_SK_RMTIP, JX_SK_IP_LEN, a, sizeof(a));
        if (!a[0])
            fld(e, cc, JX_SK_RMTIP4, 15, a, sizeof(a));
        if (a[0])
            memcpy(e->remote_addr, a, sizeof(a));
        break;
    }
    }
    size_t nb = name_block(t);
    if (nb)
        path_of(e, cc, t == T2('R', 'P') ? (size_t)JX_RP_PATHBLK : nb + JX_NB_TO_PATHBLK);
}

/* ---- code tables --------------------------------------------------------
 * Status per table (formats doc): AF, PW, SK, SV, DO, OM, OR, OW, PG, RO,
 * RP, RZ, RJ, JD, PS, PA, AP, AD, IR, NA, SM, SO, DS, VP, ZC: CONFIRMED.
 * JS, CD, CO, GS, SF, GR, IP, LD, X0, RA, RU, VA, CA 'A', CP C/D/R and
 * the ZR type: UNCONFIRMED (recollection), shown all the same because a
 * label helps; jx_audit_subtype_confirmed() tells them apart and the
 * decoded output and `jidx report --list` mark them. */
struct code_desc {
    char type[3];
    char code;
    const char *desc;
};

static const struct code_desc codes[] = {
    {"AF", 'A', "not authorized to object"}, {"AF", 'B', "restricted instruction"},
    {"AF", 'C', "validation failure"}, {"AF", 'D', "unsupported interface / object domain failure"},
    {"AF", 'E', "hardware storage protection error"}, {"AF", 'F', "ICAPI authorization error"},
    {"AF", 'G', "ICAPI authentication error"}, {"AF", 'H', "scan exit program action"},
    {"AF", 'I', "system Java inheritance not allowed"}, {"AF", 'J', "submit job profile error"},
    {"AF", 'K', "special authority violation"}, {"AF", 'N', "profile token not regenerable"},
    {"AF", 'O', "optical object authority failure"}, {"AF", 'P', "profile swap error"},
    {"AF", 'R', "hardware protection error"}, {"AF", 'S', "default sign-on attempt"},
    {"AF", 'T', "not authorized to TCP/IP port"}, {"AF", 'U', "user permission request not valid"},
    {"AF", 'V', "profile token not valid for generating new token"},
    {"AF", 'W', "profile token not valid for swap"}, {"AF", 'X', "system violation"},
    {"AF", 'Y', "not authorized to current JUID during clear"},
    {"AF", 'Z', "not authorized to current JUID during set"},
    {"PW", 'A', "APPC bind failure"}, {"PW", 'C', "CHKPWD failed"},
    {"PW", 'D', "service tools user ID name not valid"},
    {"PW", 'E', "service tools user ID password not valid"},
    {"PW", 'F', "service tools TOTP or recovery key not valid"},
    {"PW", 'G', "authentication exit program returned failure"},
    {"PW", 'K', "CHKTOTP password not valid"}, {"PW", 'O', "CHKTOTP TOTP not valid"},
    {"PW", 'P', "password not valid"}, {"PW", 'Q', "sign-on failed, profile disabled"},
    {"PW", 'R', "sign-on failed, password expired"}, {"PW", 'S', "SQL decryption password not valid"},
    {"PW", 'T', "TOTP or recovery key not valid"}, {"PW", 'U', "user name not valid"},
    {"PW", 'X', "service tools user ID disabled"}, {"PW", 'Y', "service tools user ID not valid"},
    {"PW", 'Z', "service tools user ID password not valid"},
    {"JS", 'A', "ENDJOBABN"}, {"JS", 'B', "job submitted"}, {"JS", 'C', "job changed (CHGJOB)"},
    {"JS", 'E', "job ended"}, {"JS", 'H', "job held"}, {"JS", 'I', "job disconnected"},
    {"JS", 'M', "thread user profile changed"}, {"JS", 'N', "ENDJOB"},
    {"JS", 'P', "program start request attached to prestart job"},
    {"JS", 'Q', "query attributes changed"}, {"JS", 'R', "job released"},
    {"JS", 'S', "job started"}, {"JS", 'T', "profile changed using a profile token"},
    {"JS", 'U', "CHGUSRTRC"}, {"JS", 'V', "virtual device changed"},
    {"CP", 'A', "user profile changed"}, {"CP", 'C', "user profile created"},
    {"CP", 'D', "user profile deleted"}, {"CP", 'R', "user profile restored"},
    {"CD", 'C', "command run"}, {"CD", 'L', "S/36E OCL statement"},
    {"CD", 'O', "operator control command"}, {"CD", 'P', "S/36E procedure"},
    {"CD", 'S', "command run after substitution"}, {"CD", 'U', "utility control statement"},
    {"CD", 'X', "proxy command"},
    {"SV", 'A', "system value changed"}, {"SV", 'B', "service attribute changed"},
    {"SV", 'C', "system clock changed"}, {"SV", 'D', "UTC adjustment"},
    {"SV", 'E', "option changed"}, {"SV", 'F', "system-wide journal attribute changed"},
    {"DO", 'A', "object deleted"}, {"DO", 'C', "pending delete committed"},
    {"DO", 'D', "pending create rolled back"}, {"DO", 'I', "environment variable space initialized"},
    {"DO", 'P', "delete pending"}, {"DO", 'R', "pending delete rolled back"},
    {"CO", 'N', "new object created"}, {"CO", 'R', "object replaced"},
    {"OM", 'M', "object moved"}, {"OM", 'R', "object renamed"},
    {"OR", 'N', "new object restored"}, {"OR", 'E', "existing object restored"},
    {"OW", 'A', "ownership changed"}, {"CA", 'A', "authority changed"},
    {"PG", 'A', "primary group changed"}, {"RA", 'A', "authority changed during restore"},
    {"RO", 'A', "owner changed during restore"}, {"RP", 'A', "adopting program restored"},
    {"RZ", 'A', "primary group changed during restore"}, {"RJ", 'A', "job description restored"},
    {"RU", 'A', "user profile authority restored"},
    {"JD", 'A', "job description USER changed"},
    {"AP", 'S', "adopted authority started"}, {"AP", 'E', "adopted authority ended"},
    {"AP", 'A', "adopted authority used at activation"},
    {"PA", 'A', "program changed to adopt owner authority"},
    {"PA", 'J', "Java program adopts owner authority"},
    {"PA", 'M', "SETUID/SETGID/ISVTX mode changed"},
    {"AD", 'D', "DLO auditing changed"}, {"AD", 'O', "object auditing changed"},
    {"AD", 'S', "scan attribute changed"}, {"AD", 'U', "user auditing changed"},
    {"PS", 'A', "profile swap"}, {"PS", 'E', "end work on behalf"},
    {"PS", 'H', "profile handle generated"}, {"PS", 'I', "all profile tokens invalidated"},
    {"PS", 'M', "maximum profile tokens generated"}, {"PS", 'P', "profile token generated"},
    {"PS", 'R', "all profile tokens removed"}, {"PS", 'S', "start work on behalf"},
    {"PS", 'T', "Telnet exit program profile swap"}, {"PS", 'U', "exit program profile override"},
    {"PS", 'V', "user profile authenticated"},
    {"SK", 'A', "accept"}, {"SK", 'C', "connect"}, {"SK", 'D', "DHCP address assigned"},
    {"SK", 'F', "filtered mail"}, {"SK", 'I', "inbound UDP"}, {"SK", 'O', "outbound UDP"},
    {"SK", 'P', "port unavailable"}, {"SK", 'R', "reject mail"},
    {"SK", 'S', "successful secure connection"}, {"SK", 'U', "DHCP address not assigned"},
    {"SK", 'X', "failed secure connection"},
    {"ZC", 'C', "object changed"}, {"ZC", 'U', "open access upgraded"},
    {"ZR", 'R', "object read"},
    {"GS", 'G', "descriptor given"}, {"GS", 'R', "descriptor received"},
    {"GS", 'U', "unable to use descriptor"},
    {"LD", 'L', "link directory"}, {"LD", 'U', "unlink directory"}, {"LD", 'K', "look up directory"},
    {"IP", 'A', "IPC ownership or authority changed"}, {"IP", 'C', "IPC object created"},
    {"IP", 'D', "IPC object deleted"}, {"IP", 'F', "IPC authority failure"},
    {"IP", 'G', "IPC object obtained"}, {"IP", 'Z', "IPC normal"},
    {"GR", 'A', "exit program added"}, {"GR", 'D', "exit program removed"},
    {"GR", 'F', "function registration operation"}, {"GR", 'R', "exit program replaced"},
    {"IR", 'L', "IP rules loaded"}, {"IR", 'N', "IP rules unloaded for connection"},
    {"IR", 'P', "IP rules loaded for connection"}, {"IR", 'R', "IP rules read"},
    {"IR", 'U', "IP rules unloaded"},
    {"NA", 'A', "network attribute changed"}, {"NA", 'T', "TCP/IP attribute changed"},
    {"SO", 'A', "server user info added"}, {"SO", 'C', "server user info changed"},
    {"SO", 'R', "server user info removed"}, {"SO", 'T', "server user info retrieved"},
    {"DS", 'A', "service tools user ID password reset"},
    {"DS", 'C', "service tools user ID changed"},
    {"DS", 'P', "service tools user ID password changed"},
    {"VP", 'P', "network password error"}, {"VP", 'D', "NetServer user disabled"},
    {"SF", 'A', "spooled file read"}, {"SF", 'C', "spooled file created"},
    {"SF", 'D', "spooled file deleted"}, {"SF", 'H', "spooled file held"},
    {"SF", 'R', "spooled file released"}, {"SF", 'U', "spooled file changed"},
    {"SF", 'V', "spooled file attributes changed"},
    /* SM §3.2 (rzarlf58) CONFIRMED */
    {"SM", 'B', "backup list changed"}, {"SM", 'C', "automatic cleanup options changed"},
    {"SM", 'D', "DRDA change"}, {"SM", 'F', "HFS file system change"},
    {"SM", 'N', "network file operation"}, {"SM", 'O', "backup options changed"},
    {"SM", 'P', "power on/off schedule changed"}, {"SM", 'S', "system reply list changed"},
    {"SM", 'T', "access path recovery times changed"},
    /* VA §3.2: S/F given, meanings UNCONFIRMED */
    {"VA", 'S', "access control list changed"}, {"VA", 'F', "access control list change failed"},
};

/* Subtype meanings the formats doc does NOT confirm (recollection), as
 * "TT" + the codes ("" = every code of the type). Everything else in
 * codes[] is CONFIRMED (§3.2, §9.2.1). CP: only A ("change") is given by
 * the doc; create/restore are told apart by the CONFIRMED command name. */
static const struct { char t[3]; const char *subs; } unconfirmed_subs[] = {
    {"JS", ""}, {"CD", ""}, {"CO", ""}, {"GS", ""}, {"SF", ""}, {"GR", ""},
    {"IP", ""}, {"LD", ""}, {"X0", ""}, {"RA", ""}, {"RU", ""}, {"VA", ""},
    {"CA", "A"}, {"CP", "CDR"}, {"ZR", "R"},
};

bool jx_audit_subtype_confirmed(const char *type, char sub)
{
    if (!jx_audit_subtype_desc(type, sub))
        return false;
    for (size_t i = 0; i < JX_ARRAY_SIZE(unconfirmed_subs); i++)
        if (unconfirmed_subs[i].t[0] == type[0] && unconfirmed_subs[i].t[1] == type[1])
            return unconfirmed_subs[i].subs[0] != '\0' && !strchr(unconfirmed_subs[i].subs, sub);
    return true;
}

const char *jx_audit_subtype_desc(const char *type, char sub)
{
    for (size_t i = 0; i < JX_ARRAY_SIZE(codes); i++)
        if (codes[i].code == sub && codes[i].type[0] == type[0] &&
            codes[i].type[1] == type[1])
            return codes[i].desc;
    return NULL;
}

static const struct { char t[3]; const char *d; } types[] = {
    {"AD", "auditing change"}, {"AF", "authority failure"}, {"AP", "adopted authority"},
    {"AU", "attribute change"}, {"AX", "row and column access control"},
    {"CA", "authority change"}, {"CD", "command string"}, {"CO", "create object"},
    {"CP", "user profile change"}, {"CQ", "*CRQD change"}, {"CU", "cluster operation"},
    {"CV", "connection verification"}, {"CY", "cryptographic configuration"},
    {"DI", "directory server"}, {"DO", "delete object"}, {"DS", "DST password reset"},
    {"EV", "environment variable"}, {"GR", "generic record"}, {"GS", "socket descriptor given"},
    {"IM", "intrusion monitor"}, {"IP", "interprocess communication"}, {"IR", "IP rules"},
    {"IS", "internet security management"}, {"JD", "job description USER change"},
    {"JS", "job action"}, {"KF", "key ring file"}, {"LD", "link/unlink/look up directory"},
    {"ML", "mail action"}, {"NA", "network attribute change"}, {"ND", "APPN directory filter"},
    {"NE", "APPN end point filter"}, {"OM", "object move or rename"}, {"OR", "object restore"},
    {"OW", "ownership change"}, {"O1", "optical access"}, {"O2", "optical access"},
    {"O3", "optical volume access"}, {"PA", "program adopt change"}, {"PF", "PTF operation"},
    {"PG", "primary group change"}, {"PO", "printed output"}, {"PS", "profile swap"},
    {"PU", "PTF object change"}, {"PW", "invalid password or user"},
    {"RA", "authority change on restore"}, {"RJ", "job description restore"},
    {"RO", "owner change on restore"}, {"RP", "adopting program restore"},
    {"RQ", "*CRQD restore"}, {"RU", "user authority restore"},
    {"RZ", "primary group change on restore"}, {"SD", "distribution directory change"},
    {"SE", "routing entry change"}, {"SF", "spooled file action"}, {"SG", "asynchronous signal"},
    {"SK", "socket connection"}, {"SM", "systems management change"},
    {"SO", "server security user info"}, {"ST", "service tools"}, {"SV", "system value change"},
    {"VA", "access control list change"}, {"VC", "connection start/end"},
    {"VF", "server file close"}, {"VL", "account limit exceeded"}, {"VN", "network logon/off"},
    {"VO", "validation list action"}, {"VP", "network password error"},
    {"VR", "network resource access"}, {"VS", "server session"}, {"VU", "network profile change"},
    {"VV", "service status change"}, {"X0", "network authentication"}, {"X1", "identity token"},
    {"X2", "query manager profile change"}, {"XD", "directory server extension"},
    {"YC", "DLO change"}, {"YR", "DLO read"}, {"ZC", "object change"}, {"ZM", "SOM method access"},
    {"ZR", "object read"},
};

const char *jx_audit_type_desc(const char *type)
{
    for (size_t i = 0; i < JX_ARRAY_SIZE(types); i++)
        if (types[i].t[0] == type[0] && types[i].t[1] == type[1])
            return types[i].d;
    return NULL;
}

size_t jx_audit_cd_command(const struct jx_entry *e, const struct jx_ccsid *cc,
                           char *buf, size_t cap)
{
    fld(e, cc, JX_CD_CMD, JX_CD_CMD_LEN, buf, cap);
    return strlen(buf);
}

/* Join the parts of an SV value (250 + 250 + 1000 bytes), trimming blanks
 * at the end only, as the doc's §3.2 SV note says. */
static void sv_join(const struct jx_entry *e, const struct jx_ccsid *cc,
                    size_t a, size_t b, size_t c, char *dst, size_t cap)
{
    char part[3 * 1000 + 1];
    size_t o = 0;
    const size_t offs[3] = {a, b, c}, lens[3] = {JX_SV_PART_LEN, JX_SV_PART_LEN, JX_SV_EXT_LEN};
    dst[0] = '\0';
    for (int i = 0; i < 3; i++) {
        if (offs[i] >= e->esd_avail)
            break;
        /* keep interior blanks between parts: convert the part untrimmed
         * unless it is the last one present */
        size_t len = JX_MIN(lens[i], (size_t)(e->esd_avail - offs[i]));
        size_t n = 0;
        for (size_t k = 0; k < len && n + 4 < sizeof(part); k++) {
            uint8_t byte = e->esd[offs[i] + k];
            memcpy(part + n, cc->u8[byte], 4);
            n += cc->u8len[byte];
        }
        part[n] = '\0';
        if (o + n >= cap)
            n = cap - o - 1;
        memcpy(dst + o, part, n);
        o += n;
        dst[o] = '\0';
    }
    while (o > 0 && (dst[o - 1] == ' ' || dst[o - 1] == '\0'))
        dst[--o] = '\0';
}

int jx_audit_sv(const struct jx_entry *e, const struct jx_ccsid *cc,
                struct jx_audit_sv *out)
{
    if (e->type[0] != 'S' || e->type[1] != 'V')
        return JX_E_NOTFOUND;
    fld(e, cc, JX_SV_NAME, JX_SV_NAME_LEN, out->name, sizeof(out->name));
    sv_join(e, cc, JX_SV_NEW, JX_SV_NEW2, JX_SV_NEW3, out->new_value, sizeof(out->new_value));
    sv_join(e, cc, JX_SV_OLD, JX_SV_OLD2, JX_SV_OLD3, out->old_value, sizeof(out->old_value));
    return JX_OK;
}

static size_t app(char *buf, size_t cap, size_t o, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static size_t app(char *buf, size_t cap, size_t o, const char *fmt, ...)
{
    if (o >= cap)
        return o;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + o, cap - o, fmt, ap);
    va_end(ap);
    if (n < 0)
        return o;
    return (size_t)n >= cap - o ? cap - 1 : o + (size_t)n;
}

size_t jx_audit_detail(const struct jx_entry *e, const struct jx_ccsid *cc,
                       char *buf, size_t cap)
{
    size_t o = 0;
    char a[JX_ADDR_SZ * 2], b[JX_ADDR_SZ * 2];
    if (cap == 0)
        return 0;
    buf[0] = '\0';
    if (e->code != 'T')
        return 0;
    const unsigned t = T2(e->type[0], e->type[1]);
    const char *sd = jx_audit_subtype_desc(e->type, e->subtype);
    switch (t) {
    case T2('C', 'D'): {
        char where = ch(e, cc, JX_CD_WHERE);
        if (where && where != ' ')
            o = app(buf, cap, o, "[%c] ", where);
        fld(e, cc, JX_CD_CMD, JX_CD_CMD_LEN, buf + o, cap - o);
        o += strlen(buf + o);
        break;
    }
    case T2('S', 'V'): {
        struct jx_audit_sv s;
        jx_audit_sv(e, cc, &s);
        o = app(buf, cap, o, "%s: %s -> %s", s.name, s.old_value, s.new_value);
        break;
    }
    case T2('P', 'W'):
        fld(e, cc, JX_PW_DEVICE, JX_PW_DEVICE_LEN, a, sizeof(a));
        o = app(buf, cap, o, "%s", sd ? sd : "sign-on failure");
        if (a[0])
            o = app(buf, cap, o, "; device %s", a);
        break;
    case T2('A', 'F'):
        o = app(buf, cap, o, "%s", sd ? sd : "authority failure");
        if (e->subtype == 'X') {
            fld(e, cc, JX_AF_OPVIOL, JX_AF_OPVIOL_LEN, a, sizeof(a));
            o = app(buf, cap, o, " %s", a);
        }
        break;
    case T2('C', 'P'): {
        static const struct { size_t off; const char *name; } sp[] = {
            {JX_CP_ALLOBJ, "*ALLOBJ"}, {JX_CP_JOBCTL, "*JOBCTL"}, {JX_CP_SAVSYS, "*SAVSYS"},
            {JX_CP_SECADM, "*SECADM"}, {JX_CP_SPLCTL, "*SPLCTL"}, {JX_CP_SERVICE, "*SERVICE"},
            {JX_CP_AUDIT, "*AUDIT"}, {JX_CP_IOSYSCFG, "*IOSYSCFG"}};
        fld(e, cc, JX_CP_CMD, JX_CP_CMD_LEN, a, sizeof(a));
        o = app(buf, cap, o, "%s %s", a[0] ? a : "?", e->target_user);
        int first = 1;
        for (size_t i = 0; i < JX_ARRAY_SIZE(sp); i++)
            if (ch(e, cc, sp[i].off) == 'Y') {
                o = app(buf, cap, o, "%s%s", first ? " special " : " ", sp[i].name);
                first = 0;
            }
        if (ch(e, cc, JX_CP_PWDCHG) == 'Y')
            o = app(buf, cap, o, "; password changed");
        if (ch(e, cc, JX_CP_PWDNONE) == 'Y')
            o = app(buf, cap, o, "; password *NONE");
        if (ch(e, cc, JX_CP_PWDEXP) == 'Y')
            o = app(buf, cap, o, "; password expired");
        break;
    }
    case T2('J', 'S'):
        fld(e, cc, JX_JS_JOB, 10, a, sizeof(a));
        fld(e, cc, JX_JS_JOBUSER, 10, b, sizeof(b));
        {
            char nbr[16];
            fld(e, cc, JX_JS_JOBNBR, JX_JS_JOBNBR_LEN, nbr, sizeof(nbr));
            o = app(buf, cap, o, "%s; job %s/%s/%s", sd ? sd : "job action", nbr, b, a);
        }
        fld(e, cc, JX_JS_DEVICE, 10, a, sizeof(a));
        if (a[0])
            o = app(buf, cap, o, "; device %s", a);
        if (e->target_user[0])
            o = app(buf, cap, o, "; user %s", e->target_user);
        break;
    case T2('S', 'K'): {
        char lp[8], rp[8];
        fld(e, cc, JX_SK_LCLIP, JX_SK_IP_LEN, a, sizeof(a));
        if (!a[0])
            fld(e, cc, JX_SK_LCLIP4, 15, a, sizeof(a));
        fld(e, cc, JX_SK_LCLPORT, 5, lp, sizeof(lp));
        fld(e, cc, JX_SK_RMTPORT, 5, rp, sizeof(rp));
        o = app(buf, cap, o, "%s %s:%s <- %s:%s", sd ? sd : "socket", a, lp,
                e->remote_addr, rp);
        break;
    }
    case T2('C', 'A'): {
        /* 659..664 CONFIRMED; 665..671 UNCONFIRMED (layout.h) */
        static const struct { size_t off; const char *name; } au[] = {
            {JX_CA_OBJEXIST, "*OBJEXIST"}, {JX_CA_OBJMGT, "*OBJMGT"}, {JX_CA_OBJOPR, "*OBJOPR"},
            {JX_CA_AUTLMGT, "*AUTLMGT"}, {JX_CA_AUTLFLAG, "*AUTL"}, {JX_CA_READ, "*READ"},
            {JX_CA_ADD, "*ADD"}, {JX_CA_UPD, "*UPD"}, {JX_CA_DLT, "*DLT"},
            {JX_CA_EXCLUDE, "*EXCLUDE"}, {JX_CA_EXECUTE, "*EXECUTE"},
            {JX_CA_OBJALTER, "*OBJALTER"}, {JX_CA_OBJREF, "*OBJREF"}};
        o = app(buf, cap, o, "%s for %s", sd ? sd : "authority change", e->target_user);
        int first = 1;
        for (size_t i = 0; i < JX_ARRAY_SIZE(au); i++)
            if (ch(e, cc, au[i].off) == 'Y') {
                o = app(buf, cap, o, "%s%s", first ? ": " : " ", au[i].name);
                first = 0;
            }
        fld(e, cc, JX_CA_AUTL, JX_CA_AUTL_LEN, a, sizeof(a));
        if (a[0])
            o = app(buf, cap, o, "; authorization list %s", a);
        break;
    }
    case T2('A', 'D'): {
        static const struct { size_t off; const char *name; } av[] = {
            {JX_AD_CMD, "*CMD"}, {JX_AD_CREATE, "*CREATE"}, {JX_AD_DELETE, "*DELETE"},
            {JX_AD_JOBDTA, "*JOBDTA"}, {JX_AD_OBJMGT, "*OBJMGT"}, {JX_AD_OFCSRV, "*OFCSRV"},
            {JX_AD_PGMADP, "*PGMADP"}, {JX_AD_SAVRST, "*SAVRST"}};
        o = app(buf, cap, o, "%s", sd ? sd : "auditing changed");
        fld(e, cc, JX_AD_OBJAUD, JX_AD_OBJAUD_LEN, a, sizeof(a));
        if (a[0])
            o = app(buf, cap, o, "; object auditing %s", a);
        int first = 1;
        for (size_t i = 0; i < JX_ARRAY_SIZE(av); i++)
            if (ch(e, cc, av[i].off) == 'Y') {
                o = app(buf, cap, o, "%s%s", first ? "; user auditing " : " ", av[i].name);
                first = 0;
            }
        break;
    }
    case T2('D', 'O'):
        o = app(buf, cap, o, "%s", sd ? sd : "delete");
        fld(e, cc, JX_DO_ATTR, JX_DO_ATTR_LEN, a, sizeof(a));
        if (a[0])
            o = app(buf, cap, o, "; attribute %s", a);
        break;
    case T2('O', 'R'): {
        char st = ch(e, cc, JX_OR_PGMSTATE);
        fld(e, cc, JX_OR_SAVNAME, 10, a, sizeof(a));
        fld(e, cc, JX_OR_SAVLIB, 10, b, sizeof(b));
        o = app(buf, cap, o, "%s", sd ? sd : "object restored");
        if (a[0])
            o = app(buf, cap, o, "; saved as %s/%s", b, a);
        if (st == 'Y')
            o = app(buf, cap, o, "; system state");
        else if (st == 'I')
            o = app(buf, cap, o, "; inherit state");
        break;
    }
    case T2('R', 'O'): case T2('R', 'Z'):
        fld(e, cc, JX_RO_SAVOWNER, 10, a, sizeof(a));
        fld(e, cc, JX_RO_RSTOWNER, 10, b, sizeof(b));
        o = app(buf, cap, o, "%s: %s -> %s", sd ? sd : "restore", a, b);
        break;
    case T2('R', 'P'): case T2('A', 'P'): case T2('P', 'A'):
        /* owner at J5 639 in all three (§3.2 RP/AP, §9.3.2 PA) */
        fld(e, cc, JX_RP_OWNER, 10, a, sizeof(a));
        o = app(buf, cap, o, "%s", sd ? sd : "adopted authority");
        if (a[0])
            o = app(buf, cap, o, "; owner %s", a);
        break;
    case T2('R', 'J'):
        fld(e, cc, JX_RJ_PREVUSER, 10, a, sizeof(a));
        o = app(buf, cap, o, "%s; USER %s", sd ? sd : "job description restored",
                e->target_user);
        if (a[0])
            o = app(buf, cap, o, " (was %s)", a);
        break;
    case T2('P', 'G'):
        fld(e, cc, JX_PG_OLDGRP, 10, a, sizeof(a));
        fld(e, cc, JX_PG_NEWGRP, 10, b, sizeof(b));
        o = app(buf, cap, o, "primary group %s -> %s", a[0] ? a : "*NONE", b[0] ? b : "*NONE");
        break;
    case T2('N', 'A'): {
        char nv[256], ov[256];
        fld(e, cc, JX_NA_ATTR, 10, a, sizeof(a));
        fld(e, cc, JX_NA_NEW, JX_NA_VALUE_LEN, nv, sizeof(nv));
        fld(e, cc, JX_NA_OLD, JX_NA_VALUE_LEN, ov, sizeof(ov));
        o = app(buf, cap, o, "%s: %s -> %s", a, ov, nv);
        break;
    }
    case T2('V', 'P'):
        fld(e, cc, JX_VP_USER, 10, a, sizeof(a));
        fld(e, cc, JX_VP_LONGNAME, 46, b, sizeof(b));
        o = app(buf, cap, o, "%s", sd ? sd : "network password error");
        if (a[0])
            o = app(buf, cap, o, "; user %s", a);
        if (b[0])
            o = app(buf, cap, o, " from %s", b);
        break;
    case T2('O', 'W'):
        fld(e, cc, JX_OW_OLDOWNER, 10, a, sizeof(a));
        fld(e, cc, JX_OW_NEWOWNER, 10, b, sizeof(b));
        o = app(buf, cap, o, "owner %s -> %s", a, b);
        break;
    case T2('O', 'M'):
        fld(e, cc, JX_OM_NEWNAME, 10, a, sizeof(a));
        fld(e, cc, JX_OM_NEWLIB, 10, b, sizeof(b));
        o = app(buf, cap, o, "%s -> %s/%s", sd ? sd : "moved", b, a);
        break;
    case T2('J', 'D'):
        fld(e, cc, JX_JD_OLDUSER, 10, a, sizeof(a));
        o = app(buf, cap, o, "USER %s -> %s", a, e->target_user);
        break;
    case T2('P', 'S'):
        fld(e, cc, JX_PS_USER, 10, a, sizeof(a));
        o = app(buf, cap, o, "%s: %s -> %s", sd ? sd : "profile swap", a, e->target_user);
        break;
    case T2('Z', 'C'): case T2('Z', 'R'): {
        int64_t acc = 0;
        if (JX_Z_ACCESS + 3 <= e->esd_avail && jx_packed(e->esd + JX_Z_ACCESS, 3, &acc) == JX_OK)
            o = app(buf, cap, o, "%s; access %lld", sd ? sd : "object access", (long long)acc);
        else
            o = app(buf, cap, o, "%s", sd ? sd : "object access");
        fld(e, cc, JX_Z_ACCDATA, JX_Z_ACCDATA_LEN, a, sizeof(a));
        if (a[0])
            o = app(buf, cap, o, " %s", a);
        break;
    }
    default:
        if (sd)
            o = app(buf, cap, o, "%s", sd);
    }
    if (e->flags & JX_F_TRUNCATED)
        o = app(buf, cap, o, " [ESD truncated: %u of %u bytes]", e->esd_avail, e->esd_len);
    return o;
}

size_t jx_audit_esd_text(const struct jx_entry *e, const struct jx_ccsid *cc,
                         char *buf, size_t cap)
{
    size_t n = JX_MIN((size_t)e->esd_avail, cap ? cap - 1 : 0);
    for (size_t i = 0; i < n; i++) {
        uint8_t b = e->esd[i];
        char c = cc->u8len[b] == 1 ? cc->u8[b][0] : '.';
        buf[i] = (c >= 0x20 && c < 0x7F) ? c : '.';
    }
    if (cap)
        buf[n] = '\0';
    return n;
}
