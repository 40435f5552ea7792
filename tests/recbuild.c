/*
 * tests/recbuild.c - *TYPE5 record builder for tests (see recbuild.h).
 * Workload: a few thousand records per test binary; clarity over speed.
 * Offsets: common/layout.h only. Encodings: common/fields.h and
 * common/ebcdic.h only.
 */
#include "recbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "ebcdic.h"
#include "fields.h"
#include "jx.h"

static const struct jx_ccsid *cc_of(int ccsid)
{
    const struct jx_ccsid *cc = jx_ccsid_get(ccsid ? ccsid : 37);
    assert_non_null(cc);
    return cc;
}

void rb_entry_init(struct rb_entry *e)
{
    memset(e, 0, sizeof(*e));
    e->seq = 1;
    e->code = 'T';
    e->type = "AF";
    e->ts = jx_ts_make(2024, 3, 1, 10, 0, 0, 0);
    e->job = "QPADEV0001";
    e->job_user = "QUSER";
    e->user = "QSECOFR";
    e->program = "QCMD";
    e->program_lib = "QSYS";
    e->job_number = 1;
    e->system = "SYSA";
    e->receiver = "AUDRCV0001";
    e->receiver_lib = "QGPL";
    e->addr_family = '4';
    e->remote_addr = "10.0.0.1";
    e->remote_port = 446;
    e->thread = 0x2A;
    e->incdat = '0';
    e->minesd = '0';
}

/* Char(n) field: UTF-8 text converted to the CCSID, blank padded. */
static void put_char(const struct jx_ccsid *cc, uint8_t *p, size_t n, const char *s)
{
    jx_u2e(cc, s ? s : "", p, n);
}

static void put_ch1(const struct jx_ccsid *cc, uint8_t *p, char c)
{
    const char s[2] = {c, '\0'};
    jx_u2e(cc, s, p, 1);
}

void rb_record(const struct rb_fmt *fmt, const struct rb_entry *e, uint8_t *rec)
{
    const struct jx_ccsid *cc = cc_of(fmt->ccsid);
    const size_t rl = fmt->reclen;
    size_t data_off, room;
    char hex[17];

    assert_true(rl > JX_H_LEN);
    memset(rec, 0x40, rl); /* EBCDIC blanks: unused Char fields */

    jx_put_zoned(rec + JX_H_ENTL, JX_H_ENTL_LEN,
                 e->entl > 0 ? e->entl : (int64_t)(JX_H_LEN + e->esd_len));
    jx_put_digits_u64(rec + JX_H_SEQN, JX_H_SEQN_LEN, e->seq);
    put_ch1(cc, rec + JX_H_CODE, e->code);
    put_char(cc, rec + JX_H_ENTT, JX_H_ENTT_LEN, e->type);
    jx_ts_put_saa(rec + JX_H_TSTP, e->ts);
    put_char(cc, rec + JX_H_JOB, JX_H_JOB_LEN, e->job);
    put_char(cc, rec + JX_H_USER, JX_H_USER_LEN, e->job_user);
    jx_put_zoned(rec + JX_H_NBR, JX_H_NBR_LEN, e->job_number);
    put_char(cc, rec + JX_H_PGM, JX_H_PGM_LEN, e->program);
    put_char(cc, rec + JX_H_PGMLIB, JX_H_PGMLIB_LEN, e->program_lib);
    jx_put_zoned(rec + JX_H_PGMASP, JX_H_PGMASP_LEN, 1);
    jx_put_digits_u64(rec + JX_H_CTRR, JX_H_CTRR_LEN, 0);
    put_ch1(cc, rec + JX_H_FLAG, '0');
    jx_put_digits_u64(rec + JX_H_CCID, JX_H_CCID_LEN, 0);
    put_char(cc, rec + JX_H_USPF, JX_H_USPF_LEN, e->user);
    put_char(cc, rec + JX_H_SYNM, JX_H_SYNM_LEN, e->system);
    memset(rec + JX_H_JID, 0, JX_H_JID_LEN);
    put_ch1(cc, rec + JX_H_RCST, '0');
    put_ch1(cc, rec + JX_H_TGR, '0');
    put_ch1(cc, rec + JX_H_INCDAT, e->incdat ? e->incdat : '0');
    put_ch1(cc, rec + JX_H_IGNAPY, '0');
    put_ch1(cc, rec + JX_H_MINESD, e->minesd ? e->minesd : '0');
    put_ch1(cc, rec + JX_H_OBJIND, '0');
    jx_put_digits_u64(rec + JX_H_SYSSEQ, JX_H_SYSSEQ_LEN, e->sysseq);
    put_char(cc, rec + JX_H_RCV, JX_H_RCV_LEN, e->receiver);
    put_char(cc, rec + JX_H_RCVLIB, JX_H_RCVLIB_LEN, e->receiver_lib);
    jx_put_zoned(rec + JX_H_RCVASP, JX_H_RCVASP_LEN, 1);
    jx_put_zoned(rec + JX_H_ARM, JX_H_ARM_LEN, 1);
    jx_put_be64(rec + JX_H_THD, e->thread);
    snprintf(hex, sizeof(hex), "%016llX", (unsigned long long)e->thread);
    put_char(cc, rec + JX_H_THDX, JX_H_THDX_LEN, hex);
    if (e->addr_family)
        put_ch1(cc, rec + JX_H_ADF, e->addr_family);
    jx_put_zoned(rec + JX_H_RPORT, JX_H_RPORT_LEN, e->remote_port);
    if (e->remote_addr)
        put_char(cc, rec + JX_H_RADR, JX_H_RADR_LEN, e->remote_addr);
    else
        memset(rec + JX_H_RADR, 0, JX_H_RADR_LEN);
    put_char(cc, rec + JX_H_OBJTYP, JX_H_OBJTYP_LEN, e->object_type_hdr);
    put_ch1(cc, rec + JX_H_FILTYP, '0');
    jx_put_digits_u64(rec + JX_H_CMTLVL, JX_H_CMTLVL_LEN, 0);
    /* JORES + JONVI (JX_H_RES) stay blank: never a plausible 2-byte length */

    switch (fmt->shape) {
    case JX_ESD_VARLEN: data_off = JX_VARLEN_DATA_OFF; break;
    case JX_ESD_VARLEN608: data_off = JX_VARLEN608_DATA_OFF; break;
    case JX_ESD_FIXED: data_off = JX_FIXED_DATA_OFF; break;
    default: fail_msg("rb_record: shape must be fixed, varlen or varlen608"); return;
    }
    assert_true(rl >= data_off);
    room = JX_MIN(e->esd_len, rl - data_off);
    if (fmt->shape == JX_ESD_VARLEN)
        jx_put_be16(rec + JX_VARLEN_LEN_OFF, (uint16_t)room);
    else if (fmt->shape == JX_ESD_VARLEN608)
        jx_put_be16(rec + JX_VARLEN608_LEN_OFF, (uint16_t)room);
    if (room)
        memcpy(rec + data_off, e->esd, room);
}

void rb_esd_init(struct rb_esd *d, int ccsid)
{
    memset(d->b, 0x40, sizeof(d->b));
    d->len = 0;
    d->ccsid = ccsid ? ccsid : 37;
}

void rb_esd_char(struct rb_esd *d, size_t off, size_t width, const char *utf8)
{
    assert_true(off + width <= sizeof(d->b));
    put_char(cc_of(d->ccsid), d->b + off, width, utf8);
    d->len = JX_MAX(d->len, off + width);
}

void rb_esd_bytes(struct rb_esd *d, size_t off, const void *p, size_t n)
{
    assert_true(off + n <= sizeof(d->b));
    memcpy(d->b + off, p, n);
    d->len = JX_MAX(d->len, off + n);
}

void rb_esd_object(struct rb_esd *d, char subtype, const char *name,
                   const char *lib, const char *type)
{
    const char s[2] = {subtype, '\0'};
    rb_esd_char(d, JX_E_SUBTYPE, 1, s);
    rb_esd_char(d, JX_E_OBJ_NAME, JX_E_OBJ_NAME_LEN, name);
    rb_esd_char(d, JX_E_OBJ_LIB, JX_E_OBJ_LIB_LEN, lib);
    rb_esd_char(d, JX_E_OBJ_TYPE, JX_E_OBJ_TYPE_LEN, type);
}

void rb_file_init(struct rb_file *f, const struct rb_fmt *fmt)
{
    memset(f, 0, sizeof(*f));
    f->fmt = *fmt;
}

size_t rb_file_add(struct rb_file *f, const struct rb_entry *e)
{
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 16;
        uint8_t *p = realloc(f->data, nc * f->fmt.reclen);
        assert_non_null(p);
        f->data = p;
        f->cap = nc;
    }
    rb_record(&f->fmt, e, f->data + f->n * f->fmt.reclen);
    return f->n++;
}

uint8_t *rb_file_rec(struct rb_file *f, size_t i)
{
    assert_true(i < f->n);
    return f->data + i * f->fmt.reclen;
}

char *rb_path(const char *dir, const char *name)
{
    size_t l = strlen(dir) + strlen(name) + 2;
    char *p = malloc(l);
    assert_non_null(p);
    snprintf(p, l, "%s/%s", dir, name);
    return p;
}

void rb_write(const char *path, const void *data, size_t n)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        fail_msg("cannot create '%s'", path);
    if (n && fwrite(data, 1, n, fp) != n) {
        fclose(fp);
        fail_msg("cannot write '%s'", path);
    }
    if (fclose(fp) != 0)
        fail_msg("cannot write '%s'", path);
}

char *rb_file_write(const struct rb_file *f, const char *dir, const char *name)
{
    char *p = rb_path(dir, name);
    rb_write(p, f->data, f->n * f->fmt.reclen);
    return p;
}

void rb_file_free(struct rb_file *f)
{
    free(f->data);
    memset(f, 0, sizeof(*f));
}
