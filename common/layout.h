/*
 * common/layout.h - THE table of byte offsets jidx decodes and the generator
 * writes. Every offset in the code comes from here; nowhere else.
 *
 * Source: ../shared/docs/journal-formats.md ("the formats doc"), cited by
 * section. Status words are the doc's: CONFIRMED, DERIVED, UNCONFIRMED.
 * Heading offsets are 0-based (C); IBM prints 1-based, so each row shows the
 * IBM offset too. ESD offsets are written with JX_J5(n), IBM's 1-based J5
 * offset n, converted to an offset relative to the first ESD byte (J5 610).
 */
#ifndef JX_LAYOUT_H
#define JX_LAYOUT_H

#include <stddef.h>

/* ---- DSPJRN OUTFILFMT(*TYPE5) heading, QJORDJE5 (formats doc §2.5) ------
 *       name              0-based  len    IBM  type            status    */
enum {
    JX_H_ENTL      =   0, JX_H_ENTL_LEN    =  5, /*   1 Zoned(5,0)  CONFIRMED */
    JX_H_SEQN      =   5, JX_H_SEQN_LEN    = 20, /*   6 Char(20) digits CONFIRMED */
    JX_H_CODE      =  25,                        /*  26 Char(1)     CONFIRMED */
    JX_H_ENTT      =  26, JX_H_ENTT_LEN    =  2, /*  27 Char(2)     CONFIRMED */
    JX_H_TSTP      =  28, JX_H_TSTP_LEN    = 26, /*  29 SAA ts      CONFIRMED */
    JX_H_JOB       =  54, JX_H_JOB_LEN     = 10, /*  55 Char(10)    CONFIRMED */
    JX_H_USER      =  64, JX_H_USER_LEN    = 10, /*  65 Char(10)    CONFIRMED */
    JX_H_NBR       =  74, JX_H_NBR_LEN     =  6, /*  75 Zoned(6,0)  CONFIRMED */
    JX_H_PGM       =  80, JX_H_PGM_LEN     = 10, /*  81 Char(10)    CONFIRMED */
    JX_H_PGMLIB    =  90, JX_H_PGMLIB_LEN  = 10, /*  91 Char(10)    CONFIRMED */
    JX_H_PGMDEV    = 100, JX_H_PGMDEV_LEN  = 10, /* 101 Char(10)    CONFIRMED */
    JX_H_PGMASP    = 110, JX_H_PGMASP_LEN  =  5, /* 111 Zoned(5,0)  CONFIRMED */
    JX_H_OBJ       = 115, JX_H_OBJ_LEN     = 10, /* 116 unused for T CONFIRMED */
    JX_H_LIB       = 125, JX_H_LIB_LEN     = 10, /* 126 unused for T CONFIRMED */
    JX_H_MBR       = 135, JX_H_MBR_LEN     = 10, /* 136 unused for T DERIVED */
    JX_H_CTRR      = 145, JX_H_CTRR_LEN    = 20, /* 146 Char(20)    DERIVED */
    JX_H_FLAG      = 165,                        /* 166 Char(1)     DERIVED */
    JX_H_CCID      = 166, JX_H_CCID_LEN    = 20, /* 167 Char(20)    DERIVED */
    JX_H_USPF      = 186, JX_H_USPF_LEN    = 10, /* 187 Char(10) current user DERIVED */
    JX_H_SYNM      = 196, JX_H_SYNM_LEN    =  8, /* 197 Char(8)     DERIVED */
    JX_H_JID       = 204, JX_H_JID_LEN     = 10, /* 205 binary      DERIVED */
    JX_H_RCST      = 214,                        /* 215 '0'/'1'     DERIVED */
    JX_H_TGR       = 215,                        /* 216 '0'/'1'     DERIVED */
    JX_H_INCDAT    = 216,                        /* 217 '0'/'1'     DERIVED */
    JX_H_IGNAPY    = 217,                        /* 218 '0'/'1'     DERIVED */
    JX_H_MINESD    = 218,                        /* 219 '0'/'1'/'2' DERIVED */
    JX_H_OBJIND    = 219,                        /* 220 '0'/'1'/'2' DERIVED */
    JX_H_SYSSEQ    = 220, JX_H_SYSSEQ_LEN  = 20, /* 221 Char(20) digits DERIVED */
    JX_H_RCV       = 240, JX_H_RCV_LEN     = 10, /* 241 Char(10)    DERIVED */
    JX_H_RCVLIB    = 250, JX_H_RCVLIB_LEN  = 10, /* 251 Char(10)    DERIVED */
    JX_H_RCVDEV    = 260, JX_H_RCVDEV_LEN  = 10, /* 261 Char(10)    DERIVED */
    JX_H_RCVASP    = 270, JX_H_RCVASP_LEN  =  5, /* 271 Zoned(5,0)  DERIVED */
    JX_H_ARM       = 275, JX_H_ARM_LEN     =  5, /* 276 Zoned(5,0)  DERIVED */
    JX_H_THD       = 280, JX_H_THD_LEN     =  8, /* 281 Hex(8)      DERIVED (§9.1.2) */
    JX_H_THDX      = 288, JX_H_THDX_LEN    = 16, /* 289 Char(16)    DERIVED (16 vs 8 open, §9.1.2) */
    JX_H_ADF       = 304,                        /* 305 '0'/'4'/'6' DERIVED */
    JX_H_RPORT     = 305, JX_H_RPORT_LEN   =  5, /* 306 Zoned(5,0)  DERIVED */
    JX_H_RADR      = 310, JX_H_RADR_LEN    = 46, /* 311 Char(46)    DERIVED */
    JX_H_LUW       = 356, JX_H_LUW_LEN     = 39, /* 357 Char(39)    DERIVED */
    JX_H_XID       = 395, JX_H_XID_LEN     =140, /* 396 Char(140)   DERIVED */
    JX_H_OBJTYP    = 535, JX_H_OBJTYP_LEN  =  7, /* 536 Char(7)     DERIVED */
    JX_H_FILTYP    = 542,                        /* 543 Char(1)     DERIVED */
    JX_H_CMTLVL    = 543, JX_H_CMTLVL_LEN  =  7, /* 544 Char(7) digits DERIVED */
    JX_H_RES       = 550, JX_H_RES_LEN     = 59, /* 551 JORES+JONVI UNCONFIRMED split (§2.6, §9.1.3) */
    JX_H_LEN       = 609,                        /* heading length; ESD at IBM 610 CONFIRMED */
};

/* ---- JOESD shapes (formats doc §2.6 and §9.1.3) -------------------------
 * (a) fixed:     ESD data at 0-based 609, no length prefix.
 * (b) varlen:    2-byte big-endian length at 0-based 609, data at 611.
 * (c) varlen608: 2-byte big-endian length at 0-based 607, data at 609.
 * No source decides which QADSPJR5 uses; all three must read right.      */
enum jx_esd_shape { JX_ESD_AUTO = 0, JX_ESD_FIXED, JX_ESD_VARLEN, JX_ESD_VARLEN608 };
enum {
    JX_VARLEN_LEN_OFF    = 609, JX_VARLEN_DATA_OFF    = 611,
    JX_VARLEN608_LEN_OFF = 607, JX_VARLEN608_DATA_OFF = 609,
    JX_FIXED_DATA_OFF    = 609,
    JX_ESD_MAX           = 32766, /* rzakifixlength, §2.7 CONFIRMED */
};
/* Where a shape's ESD data starts in the record, and its length prefix
 * (varlen shapes only). */
static inline size_t jx_esd_data_off(enum jx_esd_shape s)
{
    return s == JX_ESD_VARLEN ? JX_VARLEN_DATA_OFF
           : s == JX_ESD_VARLEN608 ? JX_VARLEN608_DATA_OFF : JX_FIXED_DATA_OFF;
}
static inline size_t jx_esd_len_off(enum jx_esd_shape s)
{
    return s == JX_ESD_VARLEN ? JX_VARLEN_LEN_OFF : JX_VARLEN608_LEN_OFF;
}

/* ---- Audit entry-specific data (formats doc §3), J5 offsets ------------- */
#define JX_J5(n) ((n) - 610)

enum {
    /* every T entry: entry type / subtype byte, J5 610 (§3.2, all tables) */
    JX_E_SUBTYPE     = JX_J5(610),
    /* "object in a library" group, J5 611/621/631 (§3.1) CONFIRMED for AD AF
     * AP CA CD CP DO JD OM OR OW PA PG RJ RO RP RU RZ SF ZC ZR; CO by analogy
     * with DO (UNCONFIRMED, §3.2 CO) */
    JX_E_OBJ_NAME    = JX_J5(611), JX_E_OBJ_NAME_LEN = 10,
    JX_E_OBJ_LIB     = JX_J5(621), JX_E_OBJ_LIB_LEN  = 10,
    JX_E_OBJ_TYPE    = JX_J5(631), JX_E_OBJ_TYPE_LEN =  8,

    /* AF (§3.2 AF, rzarlf06) */
    JX_AF_VALERR     = JX_J5(639),                  /* Char(1) CONFIRMED */
    JX_AF_OPVIOL     = JX_J5(723), JX_AF_OPVIOL_LEN = 3, /* CONFIRMED */
    /* AD (§3.2 AD) */
    JX_AD_OBJAUD     = JX_J5(639), JX_AD_OBJAUD_LEN = 10, /* CONFIRMED */
    JX_AD_CMD        = JX_J5(649),                  /* *CMD flag, then 7 more; CONFIRMED */
    /* AP (§3.2 AP) */
    JX_AP_OWNER      = JX_J5(639), JX_AP_OWNER_LEN = 10, /* CONFIRMED */
    /* CA (§3.2 CA, rzarlf09) */
    JX_CA_USER       = JX_J5(639), JX_CA_USER_LEN = 10,  /* CONFIRMED */
    JX_CA_AUTL       = JX_J5(649), JX_CA_AUTL_LEN = 10,  /* CONFIRMED */
    JX_CA_OBJEXIST   = JX_J5(659),                  /* 659..664 Y flags CONFIRMED */
    JX_CA_NFLAGS     = 6,
    /* CD (§3.2 CD, rzarlf10, complete) */
    JX_CD_WHERE      = JX_J5(639),                  /* Char(1) CONFIRMED */
    JX_CD_CMD        = JX_J5(640), JX_CD_CMD_LEN = 6000, /* CONFIRMED */
    JX_CD_ASPNAME    = JX_J5(6640),
    JX_CD_ESD_LEN    = JX_J5(6655),                 /* full J5 record 6654 DERIVED */
    /* CP (§3.2 CP, rzarlf12) */
    JX_CP_CMD        = JX_J5(639), JX_CP_CMD_LEN = 3,    /* CONFIRMED */
    JX_CP_PWDCHG     = JX_J5(642),                  /* CONFIRMED */
    JX_CP_PWDNONE    = JX_J5(643),
    JX_CP_PWDEXP     = JX_J5(644),
    JX_CP_ALLOBJ     = JX_J5(645),                  /* 645..649 CONFIRMED */
    JX_CP_JOBCTL     = JX_J5(646),
    JX_CP_SAVSYS     = JX_J5(647),
    JX_CP_SECADM     = JX_J5(648),
    JX_CP_SPLCTL     = JX_J5(649),
    JX_CP_SERVICE    = JX_J5(650),                  /* UNCONFIRMED continuation */
    JX_CP_AUDIT      = JX_J5(651),                  /* UNCONFIRMED continuation */
    JX_CP_IOSYSCFG   = JX_J5(652),                  /* UNCONFIRMED continuation */
    /* DO (§3.2 DO, rzarlf18) */
    JX_DO_ATTR       = JX_J5(639), JX_DO_ATTR_LEN = 10,   /* CONFIRMED */
    JX_DO_NAMEBLK    = JX_J5(780),                  /* object-name block, DERIVED */
    /* DS (§3.2 DS) */
    JX_DS_USERID     = JX_J5(631), JX_DS_USERID_LEN = 10, /* CONFIRMED */
    JX_DS_REQUESTER  = JX_J5(641), JX_DS_REQUESTER_LEN = 10,
    /* GS (§3.2 GS) */
    JX_GS_JOB        = JX_J5(611), JX_GS_USER = JX_J5(621), JX_GS_NBR = JX_J5(631),
    JX_GS_USRPRF     = JX_J5(637),
    /* JD (§3.2 JD, rzarlf27) */
    JX_JD_CMD        = JX_J5(639), JX_JD_OLDUSER = JX_J5(642), JX_JD_NEWUSER = JX_J5(652),
    /* JS (§3.2 JS, rzarlf28) */
    JX_JS_JOBTYPE    = JX_J5(611), JX_JS_JOBSUBTYPE = JX_J5(612),
    JX_JS_JOB        = JX_J5(613), JX_JS_JOBUSER = JX_J5(623),
    JX_JS_JOBNBR     = JX_J5(633), JX_JS_JOBNBR_LEN = 6,
    JX_JS_DEVICE     = JX_J5(639), JX_JS_EFFUSER = JX_J5(649),
    JX_JS_JOBD       = JX_J5(659), JX_JS_JOBDLIB = JX_J5(669),
    JX_JS_ESD_LEN    = JX_J5(679),                  /* end of the CONFIRMED part */
    /* OM (§3.2 OM, rzarlf35) */
    JX_OM_NEWNAME    = JX_J5(639), JX_OM_NEWLIB = JX_J5(649),
    /* OR (§9.3.1, rzarlf36) */
    JX_OR_SAVNAME    = JX_J5(639), JX_OR_SAVLIB = JX_J5(649),
    JX_OR_PGMSTATE   = JX_J5(659), JX_OR_SYSCMD = JX_J5(660),
    JX_OR_SETUID     = JX_J5(661), JX_OR_SETGID = JX_J5(662), JX_OR_SIGNATURE = JX_J5(663),
    JX_OR_ESD_LEN    = JX_J5(665),
    /* OW (§3.2 OW, rzarlf37) */
    JX_OW_OLDOWNER   = JX_J5(639), JX_OW_NEWOWNER = JX_J5(649),
    JX_OW_NAMEBLK    = JX_J5(800),
    /* PA (§9.3.2, rzarlf41) */
    JX_PA_OWNER      = JX_J5(639), JX_PA_NAMEBLK = JX_J5(667),
    /* PG (§9.3.3, rzarlf42) */
    JX_PG_OLDGRP     = JX_J5(639), JX_PG_NEWGRP = JX_J5(649),
    /* PS (§9.3.4, rzarlf44) */
    JX_PS_USER       = JX_J5(611), JX_PS_SRCLOC = JX_J5(621), JX_PS_SRCLOC_LEN = 8,
    JX_PS_ORIGTGT    = JX_J5(629), JX_PS_NEWTGT = JX_J5(639),
    JX_PS_OFFICE     = JX_J5(649), JX_PS_ONBEHALF = JX_J5(659),
    JX_PS_ESD_LEN    = JX_J5(672),
    /* PW (§3.2 PW, rzarlf45) */
    JX_PW_USER       = JX_J5(611), JX_PW_USER_LEN = 10,
    JX_PW_DEVICE     = JX_J5(621), JX_PW_DEVICE_LEN = 40,
    JX_PW_RMTLOC     = JX_J5(661), JX_PW_LCLLOC = JX_J5(669), JX_PW_NETID = JX_J5(677),
    JX_PW_ESD_LEN    = JX_J5(685),
    /* RJ (§3.2 RJ) */
    JX_RJ_USER       = JX_J5(639), JX_RJ_PREVUSER = JX_J5(664),
    /* RO (§3.2 RO, rzarlf48), RZ (§9.3.5): same shape */
    JX_RO_SAVOWNER   = JX_J5(639), JX_RO_RSTOWNER = JX_J5(649),
    JX_RO_NAMEBLK    = JX_J5(780),
    /* RP (§3.2 RP, rzarlf49) */
    JX_RP_OWNER      = JX_J5(639), JX_RP_NAMEBLK = JX_J5(667),
    JX_RP_PATHBLK    = JX_J5(1256),                 /* CONFIRMED anchor */
    /* RU (§9.3.5) */
    JX_RU_AUTRST     = JX_J5(639),
    /* SK (§3.2 SK, rzarlf57) */
    JX_SK_LCLIP4     = JX_J5(611), JX_SK_LCLPORT = JX_J5(626),
    JX_SK_RMTIP4     = JX_J5(631), JX_SK_RMTPORT = JX_J5(646),
    JX_SK_FILTER     = JX_J5(655),
    JX_SK_ADDRFAM    = JX_J5(1181), JX_SK_ADDRFAM_LEN = 10,
    JX_SK_LCLIP      = JX_J5(1191), JX_SK_RMTIP = JX_J5(1237), JX_SK_IP_LEN = 46,
    JX_SK_ESD_LEN    = JX_J5(1283),                 /* through the remote address */
    /* SV (§3.2 SV, rzarlf61, complete) */
    JX_SV_NAME       = JX_J5(611),  JX_SV_NAME_LEN = 10,
    JX_SV_NEW        = JX_J5(621),  JX_SV_OLD      = JX_J5(871),  JX_SV_PART_LEN = 250,
    JX_SV_NEW2       = JX_J5(1121), JX_SV_OLD2     = JX_J5(1371),
    JX_SV_NEW3       = JX_J5(1621), JX_SV_OLD3     = JX_J5(2621), JX_SV_EXT_LEN = 1000,
    JX_SV_ESD_LEN    = JX_J5(3621),                 /* J5 record 3620 DERIVED */
    /* ZC / ZR (§3.2 ZC/ZR, §9.3.5) */
    JX_Z_ACCESS      = JX_J5(639),                  /* Packed(5,0), 3 bytes CONFIRMED */
    JX_Z_ACCDATA     = JX_J5(642), JX_Z_ACCDATA_LEN = 50,
    JX_Z_NAMEBLK     = JX_J5(710),                  /* ZR CONFIRMED, ZC assumed alike */
};

/* ---- Full ESD decoding (common/audit.c jx_audit_fields) ------------------
 * Added for the table-driven decoder and the security reports. Offsets named
 * above are reused, not repeated. Each row: J5 offset, formats doc section,
 * status (CONFIRMED unless the row says otherwise). Char(n) lengths are in
 * the decoder table, as the doc gives them.                               */
enum {
    /* AF §3.2: job/program block, UNCONFIRMED (recollection; fits the
     * CONFIRMED anchors 639 and 723) */
    JX_AF_JOB        = JX_J5(640),  /* Char(10)   UNCONFIRMED */
    JX_AF_USER       = JX_J5(650),  /* Char(10)   UNCONFIRMED */
    JX_AF_JOBNBR     = JX_J5(660),  /* Zoned(6,0) UNCONFIRMED */
    JX_AF_PGM        = JX_J5(666),  /* Char(10)   UNCONFIRMED */
    JX_AF_PGMLIB     = JX_J5(676),  /* Char(10)   UNCONFIRMED */
    JX_AF_USRPRF     = JX_J5(686),  /* Char(10)   UNCONFIRMED */
    JX_AF_WRKSTN     = JX_J5(696),  /* Char(10)   UNCONFIRMED */
    JX_AF_INSTR      = JX_J5(706),  /* Zoned(7,0) UNCONFIRMED */
    JX_AF_FIELD      = JX_J5(713),  /* Char(10)   UNCONFIRMED */
    /* AD §3.2: one Y flag per CHGUSRAUD value, 649 (*CMD, JX_AD_CMD)..656 */
    JX_AD_CREATE     = JX_J5(650), JX_AD_DELETE = JX_J5(651), JX_AD_JOBDTA = JX_J5(652),
    JX_AD_OBJMGT     = JX_J5(653), JX_AD_OFCSRV = JX_J5(654), JX_AD_PGMADP = JX_J5(655),
    JX_AD_SAVRST     = JX_J5(656),
    /* AP §3.2 */
    JX_AP_OBJFID     = JX_J5(649),  /* Char(16) binary */
    JX_AP_ASPNAME    = JX_J5(665), JX_AP_ASPNUM = JX_J5(675), /* Char(10), Char(5) */
    /* CA §3.2: 659..664 CONFIRMED (JX_CA_OBJEXIST + 0..5); 665..671 follow
     * the doc's listed order of Char(1) flags: UNCONFIRMED offsets */
    JX_CA_OBJMGT     = JX_J5(660), JX_CA_OBJOPR = JX_J5(661), JX_CA_AUTLMGT = JX_J5(662),
    JX_CA_AUTLFLAG   = JX_J5(663), JX_CA_READ   = JX_J5(664),
    JX_CA_ADD        = JX_J5(665), JX_CA_UPD    = JX_J5(666), JX_CA_DLT = JX_J5(667),
    JX_CA_EXCLUDE    = JX_J5(668), JX_CA_EXECUTE = JX_J5(669), JX_CA_OBJALTER = JX_J5(670),
    JX_CA_OBJREF     = JX_J5(671),  /* 665..671 UNCONFIRMED */
    /* CD §3.2 */
    JX_CD_ASPNUM     = JX_J5(6650), /* Char(5) */
    /* CO §3.2: the whole layout UNCONFIRMED ("like DO") */
    JX_CO_ATTR       = JX_J5(639),  /* Char(10) UNCONFIRMED */
    /* DO §3.2 */
    JX_DO_OFCUSR     = JX_J5(659), JX_DO_DLONAME = JX_J5(669), /* Char(10), Char(12) */
    JX_DO_FOLDER     = JX_J5(689), JX_DO_ONBEHALF = JX_J5(752), /* Char(63), Char(10) */
    /* DS §3.2 (rzarlf19) */
    JX_DS_IBMRESET   = JX_J5(611), JX_DS_IDTYPE = JX_J5(612), /* Char(1), Char(10) */
    JX_DS_NEWNAME8   = JX_J5(622), JX_DS_PWDCHG = JX_J5(630), /* Char(8), Char(1) */
    /* GS §3.2 */
    JX_GS_JUID       = JX_J5(647),  /* Char(10) */
    /* IR §9.3.5 (rzarlf25, J4/J5 only) */
    JX_IR_FILE       = JX_J5(611), JX_IR_FILELIB = JX_J5(621),
    JX_IR_NAMEBLK    = JX_J5(649),  /* object-name block of the rules file */
    JX_IR_CONNSEQ    = JX_J5(1207), /* Char(40) */
    JX_IR_OBJFID     = JX_J5(1247), JX_IR_ASPNAME = JX_J5(1263), JX_IR_ASPNUM = JX_J5(1273),
    JX_IR_PATHBLK    = JX_J5(1278), /* CCSID and country CONFIRMED anchors */
    /* JD §3.2 */
    JX_JD_ASPNAME    = JX_J5(662), JX_JD_ASPNUM = JX_J5(672),
    /* NA §9.3.5 (rzarlf32) */
    JX_NA_ATTR       = JX_J5(611), JX_NA_NEW = JX_J5(621), JX_NA_OLD = JX_J5(871),
    JX_NA_VALUE_LEN  = 250,
    /* OM §3.2 (rzarlf35) */
    JX_OM_ATTR       = JX_J5(659), JX_OM_OFCUSR = JX_J5(679),
    JX_OM_OLDDLO     = JX_J5(689), JX_OM_OLDFOLDER = JX_J5(709),
    JX_OM_NEWDLO     = JX_J5(772), JX_OM_NEWFOLDER = JX_J5(792),
    JX_OM_ONBEHALF   = JX_J5(855),
    JX_OM_NAMEBLK    = JX_J5(883),  /* old-name block: 883/885 CONFIRMED, rest DERIVED */
    /* OR §9.3.1 */
    JX_OR_SCANATTR   = JX_J5(664),  /* Char(1) */
    /* OW §3.2 */
    JX_OW_OFCUSR     = JX_J5(679), JX_OW_DLONAME = JX_J5(689),
    JX_OW_FOLDER     = JX_J5(709), JX_OW_ONBEHALF = JX_J5(772),
    /* PA §9.3.2 (7.3) */
    JX_PA_ISVTX      = JX_J5(649), JX_PA_PREVISVTX = JX_J5(650),
    JX_PA_PREVSETUID = JX_J5(651), JX_PA_PREVSETGID = JX_J5(652),
    JX_PA_SETUID     = JX_J5(1225), JX_PA_SETGID = JX_J5(1226),
    /* PF §9.3.5 (rzarlf82, J5 only) */
    JX_PF_ENTACT     = JX_J5(611), JX_PF_IPLACT = JX_J5(615), /* Char(4) each */
    JX_PF_PRODID     = JX_J5(619), JX_PF_VRM = JX_J5(626), JX_PF_PTFID = JX_J5(632),
    JX_PF_OPTION     = JX_J5(639), JX_PF_LOAD = JX_J5(643),
    /* PG §9.3.3 (rzarlf42): Y flags */
    JX_PG_OBJEXIST   = JX_J5(659), JX_PG_OBJMGT = JX_J5(660), JX_PG_OBJOPR = JX_J5(661),
    JX_PG_OBJALTER   = JX_J5(662), JX_PG_OBJREF = JX_J5(663), JX_PG_AUTLMGT = JX_J5(674),
    JX_PG_READ       = JX_J5(675), JX_PG_ADD = JX_J5(676), JX_PG_UPD = JX_J5(677),
    JX_PG_DLT        = JX_J5(678), JX_PG_EXECUTE = JX_J5(679), JX_PG_EXCLUDE = JX_J5(690),
    JX_PG_REVOKE     = JX_J5(691),
    /* PS §9.3.4 */
    JX_PS_TOKTYPE    = JX_J5(669), JX_PS_TOKTIMEOUT = JX_J5(670), /* Char(1), Binary(4) */
    JX_PS_PORT       = JX_J5(672),  /* Char(5), types T/U */
    /* PU §9.3.5 (rzarlf83, J5 only) */
    JX_PU_ENTACT     = JX_J5(611), JX_PU_PTFOP = JX_J5(612), JX_PU_PRODID = JX_J5(613),
    JX_PU_VRM        = JX_J5(620), JX_PU_PTFID = JX_J5(626), JX_PU_OPTION = JX_J5(633),
    JX_PU_LOAD       = JX_J5(637), JX_PU_MINLVL = JX_J5(641), JX_PU_MAXLVL = JX_J5(643),
    JX_PU_PRODLIB    = JX_J5(645), JX_PU_OBJ = JX_J5(655), JX_PU_OBJLIB = JX_J5(665),
    JX_PU_OBJTYPE    = JX_J5(675),  /* Char(7) */
    JX_PU_RUNAME     = JX_J5(682),  /* Char(8) */
    JX_PU_NAMEBLK    = JX_J5(748),  /* 748/750/754 CONFIRMED, rest DERIVED */
    /* PW §3.2 (7.6) */
    JX_PW_OBJ        = JX_J5(685), JX_PW_OBJLIB = JX_J5(695),
    /* RJ §3.2 */
    JX_RJ_ASPNAME    = JX_J5(649), JX_RJ_ASPNUM = JX_J5(659),
    /* RO §3.2 and RZ §9.3.5 (same shape) */
    JX_RO_DLONAME    = JX_J5(679), JX_RO_FOLDER = JX_J5(699),
    JX_RO_OBJFID     = JX_J5(1338), /* RO CONFIRMED (§9.3.5); RZ by the same shape */
    /* RP §3.2 */
    JX_RP_OBJFID     = JX_J5(1225), JX_RP_ASPNAME = JX_J5(1241), JX_RP_ASPNUM = JX_J5(1251),
    /* SF §9.3.5 (rzarlf55) */
    JX_SF_MBR        = JX_J5(649), JX_SF_SPLF = JX_J5(659), JX_SF_SPLNBR = JX_J5(669),
    JX_SF_OUTQ       = JX_J5(673), JX_SF_OUTQLIB = JX_J5(683),
    /* SK §3.2 */
    JX_SK_SOCKDESC   = JX_J5(651),  /* Bin(5), 4 bytes */
    JX_SK_FILTLEN    = JX_J5(665), JX_SK_FILTDATA = JX_J5(667), JX_SK_FILTDATA_LEN = 514,
    JX_SK_MAC        = JX_J5(1283), JX_SK_HOST = JX_J5(1315), JX_SK_SECVER = JX_J5(1570),
    /* SM §3.2 (rzarlf58) */
    JX_SM_ACCESS     = JX_J5(611), JX_SM_SEQNBR = JX_J5(612), JX_SM_MSGID = JX_J5(616),
    JX_SM_RDB        = JX_J5(623), JX_SM_FILESYS = JX_J5(641), JX_SM_BKUOPT = JX_J5(651),
    JX_SM_BKULIST    = JX_J5(661), JX_SM_NETFILE = JX_J5(671), JX_SM_NETMBR = JX_J5(681),
    JX_SM_NETNBR     = JX_J5(691), JX_SM_OWNER = JX_J5(697), JX_SM_ORIGUSER = JX_J5(707),
    JX_SM_ORIGADDR   = JX_J5(715),
    /* SO §3.2 (rzarlf59) */
    JX_SO_USER       = JX_J5(611), JX_SO_INFOTYPE = JX_J5(621), JX_SO_PWDSTORED = JX_J5(622),
    JX_SO_SERVER     = JX_J5(623), JX_SO_SERVER_LEN = 200,
    JX_SO_UIDLEN     = JX_J5(826), JX_SO_UID = JX_J5(848), JX_SO_UID_LEN = 1002,
    /* VO §3.2 (rzarlf67) */
    JX_VO_UNSUCC     = JX_J5(611), JX_VO_VLDL = JX_J5(612), JX_VO_VLDLLIB = JX_J5(622),
    JX_VO_ENCDATA    = JX_J5(632), JX_VO_ENTDATA = JX_J5(633),
    JX_VO_IDLEN      = JX_J5(634), JX_VO_DATALEN = JX_J5(636),
    JX_VO_ENCATTR    = JX_J5(638), JX_VO_X509 = JX_J5(639),
    JX_VO_ENTRYID    = JX_J5(668), JX_VO_ENTRYID_LEN = 100,
    JX_VO_ENTRYDATA  = JX_J5(768), JX_VO_ENTRYDATA_LEN = 1000,
    JX_VO_ASPNAME    = JX_J5(1768), JX_VO_ASPNUM = JX_J5(1778),
    /* VP §3.2 (rzarlf68) */
    JX_VP_SERVER     = JX_J5(611), JX_VP_DATE = JX_J5(621), JX_VP_TIME = JX_J5(627),
    JX_VP_COMPUTER   = JX_J5(633), JX_VP_USER = JX_J5(641), JX_VP_LONGNAME = JX_J5(651),
};

/* IFS object-name block (§3.1), relative to its start. CONFIRMED order. */
enum {
    JX_NB_LEN = 0, JX_NB_CCSID = 2, JX_NB_CNTRY = 6, JX_NB_LANG = 8,
    JX_NB_PFID = 14, JX_NB_OFID = 30, JX_NB_NAME = 46, JX_NB_NAME_LEN = 512,
    JX_NB_SIZE = 558,
    /* After the block: object file ID (16), ASP name (10), ASP number (5),
     * then the path-name block. DERIVED from RP (713+512=1225 FID, 1241 ASP
     * name, 1251 ASP number, 1256 path block) and consistent with RO's 1338
     * object FID anchor (826+512=1338). */
    JX_NB_TO_PATHBLK = JX_NB_SIZE + 16 + 10 + 5,
};

/* Path-name block (§3.1, §9.2.1), relative to its start. Members and types
 * CONFIRMED; order past +6 DERIVED. jidx reads the text at +28 with its
 * length from +9 (no separate varlen prefix); that choice is UNCONFIRMED. */
enum {
    JX_PB_CCSID = 0, JX_PB_CNTRY = 4, JX_PB_LANG = 6, JX_PB_LEN = 9,
    JX_PB_ABS = 11, JX_PB_RELFID = 12, JX_PB_TEXT = 28, JX_PB_TEXT_MAX = 5000,
};

/* ---- Added for the generator (bench/gen.c): fields it writes that the
 * decoder does not read. Same sources and status words as above. ------- */
enum {
    /* after the IFS object-name block (see JX_NB_TO_PATHBLK): DERIVED from
     * RP 1225 / 1241 / 1251 (§3.2 RP) */
    JX_NB_POST_OFID    = JX_NB_SIZE,        /* object file ID, 16 bytes binary */
    JX_NB_POST_ASPNAME = JX_NB_SIZE + 16,   /* ASP name Char(10) */
    JX_NB_POST_ASPNUM  = JX_NB_SIZE + 26,   /* ASP number Char(5) */
};

#endif /* JX_LAYOUT_H */
