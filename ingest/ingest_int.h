/*
 * ingest/ingest_int.h - private to ingest/: the pipeline's lean decoder
 * (fastdec.c). Not for other modules: they use jx_rcvfile_decode().
 */
#ifndef JX_INGEST_INT_H
#define JX_INGEST_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entry.h"
#include "layout.h"
#include "receiver.h"

#define JX_FASTDEC_NFIELDS 10

struct jx_fastfield {
    bool valid;
    size_t n;                     /* length of txt */
    uint8_t raw[JX_H_RADR_LEN];   /* EBCDIC bytes last converted */
    char txt[JX_ADDR_SZ];         /* their UTF-8 conversion */
};

struct jx_fastnum {
    uint8_t raw[14];              /* first 14 digits last parsed */
    uint64_t pre;                 /* their value */
};

/* Per-thread decoding state for one input file: what the previous record
 * converted. Plain struct, no allocation; re-init per file. */
struct jx_fastdec {
    const struct jx_rcvfile *f;
    const struct jx_ccsid *cc;
    size_t reclen;
    enum jx_esd_shape shape;
    bool have_day, have_num;
    uint8_t day_raw[10];
    int64_t day_base;
    uint8_t nbr_raw[JX_H_NBR_LEN], port_raw[JX_H_RPORT_LEN], entl_raw[JX_H_ENTL_LEN];
    uint32_t esd_len;
    uint64_t count;
    struct jx_fastnum seq, sysseq;
    uint32_t nbr;
    uint16_t port;
    struct jx_fastfield f_cache[JX_FASTDEC_NFIELDS];
};

void jx_fastdec_init(struct jx_fastdec *d, const struct jx_rcvfile *f);
/*! jx_fastdec_decode() : decode record `rec` of d's file into e exactly as
 *  jx_rcvfile_decode() would. PRECONDITION: jx_rcvfile_key() accepted the
 *  record (no check is repeated here). No allocation. */
void jx_fastdec_decode(struct jx_fastdec *d, uint64_t rec, struct jx_entry *e);

#endif /* JX_INGEST_INT_H */
