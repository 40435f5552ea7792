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

#endif /* JX_LAYOUT_H */
