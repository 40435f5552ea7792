/*
 * bench/gen.h - the synthetic receiver-chain generator behind `jidx gen`.
 *
 * No public real QAUDJRN export exists, so this generator is the project's
 * test and benchmark data. It writes DSPJRN OUTFILFMT(*TYPE5) files byte for
 * byte per common/layout.h (heading §2.5, ESD §3), one file per receiver per
 * system (DIR/SYSA/AUDRCV0001, ...), with the entry mix, bursts, skew and
 * rhythm of ../shared/docs/realistic-mix.md §6. bench/README.md documents
 * every knob and every assumption.
 *
 * Determinism: the bytes of a receiver depend only on the options and the
 * receiver's (system, index), never on --threads or on which receivers are
 * written: each receiver is generated from its own seeded stream.
 *
 * Two levels of API:
 *  - jx_gen_run(): plan, write every file (optionally in parallel), report.
 *  - jx_gen_create() + jx_gen_rcv_open()/jx_gen_rcv_next(): produce the
 *    records of one receiver in memory, each with the "truth" (the decoded
 *    entry jx_rcvfile_decode() must return for it), for tests.
 *
 * Ownership: objects returned through out-parameters belong to the caller
 * and are released with the matching _free(); _free(NULL) is a no-op.
 * Thread rule: a struct jx_gen is immutable after jx_gen_create() and may be
 * shared by any number of threads; a struct jx_gen_rcv is used by one thread.
 */
#ifndef JX_GEN_H
#define JX_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entry.h"
#include "jx.h"
#include "layout.h"

enum jx_gen_profile {
    JX_GEN_MIMIX_OBJAUD = 0, /* realistic-mix §6 default: object auditing on */
    JX_GEN_ACTION_ONLY,      /* no ZC/ZR/LD, other shares rescaled */
};

/* Planted patterns (--plant), for report tests. Where they land: see
 * bench/README.md and struct jx_gen_plant_loc. */
enum jx_gen_plant {
    JX_PLANT_QSECOFR_PW   = 1 << 0, /* 20 PW P for QSECOFR, one address, ~2 min */
    JX_PLANT_ALLOBJ_GRANT = 1 << 1, /* CD CHGUSRPRF ... SPCAUT(*ALLOBJ) + CP A */
    JX_PLANT_SYSVAL       = 1 << 2, /* SV A QSECURITY 40 -> 30 */
    JX_PLANT_AUDIT_CHANGE = 1 << 3, /* AD U (CHGUSRAUD) */
    JX_PLANT_ALL          = 0xF,
};

/* The names the plants use (fixed, never produced by the background mix). */
#define JX_PLANT_ADMIN      "SECADMIN"  /* runs the grant and the CHGUSRAUD */
#define JX_PLANT_GRANTEE    "APPDEV07"  /* receives *ALLOBJ */
#define JX_PLANT_PW_ADDR    "203.0.113.66"

#define JX_GEN_ENTDTALEN_CALC 0u

struct jx_gen_opts {
    const char *outdir;          /* jx_gen_write(): output directory (borrowed:
                                  * must outlive the struct jx_gen) */
    uint64_t entries;            /* total over all systems (incl. a missing receiver) */
    int days;                    /* time span (default 1095) */
    int64_t start;               /* local µs of the first day's 00:00 (default 2022-01-01) */
    int systems;                 /* 1..26: SYSA, SYSB, ... (default 1) */
    uint64_t receiver_entries;   /* entries per receiver (default 500000) */
    uint64_t seed;               /* default 1 */
    int ccsid;                   /* EBCDIC CCSID of text fields (default 37) */
    uint32_t entdtalen;          /* JOESD capacity; JX_GEN_ENTDTALEN_CALC = longest */
    enum jx_esd_shape shape;     /* FIXED (default), VARLEN, VARLEN608 */
    enum jx_gen_profile profile;
    bool resets;                 /* some receivers restart at sequence 1 */
    bool missing_receiver;       /* do not write one receiver of the first system */
    unsigned plants;             /* enum jx_gen_plant bits */
    int threads;                 /* workers for writing / calc (default 1) */
};

/*! jx_gen_opts_init() : fill `o` with the defaults documented above. */
void jx_gen_opts_init(struct jx_gen_opts *o);

/*! jx_gen_plant_parse() : "qsecofr-pw-burst,allobj-grant,..." or "all" into
 *  enum jx_gen_plant bits. @return JX_OK or JX_E_USAGE naming the bad item. */
int jx_gen_plant_parse(const char *list, unsigned *bits, struct jx_errctx *err);

/* Where a planted pattern landed. */
struct jx_gen_plant_loc {
    char name[32];               /* "qsecofr-pw-burst", ... */
    char system[JX_NAME_SZ];
    char receiver[JX_NAME_SZ];
    uint64_t first_seq, last_seq;
    int64_t first_ts, last_ts;
    char detail[160];
};

struct jx_gen_stats {
    uint64_t entries;            /* records written */
    uint64_t files;
    uint64_t bytes;
    uint64_t truncated;          /* records whose ESD exceeds ENTDTALEN */
    uint32_t max_esd;            /* longest full ESD generated */
    uint32_t entdtalen;          /* JOESD capacity used */
    size_t reclen;
    double seconds;
    size_t nplants;
    struct jx_gen_plant_loc plants[4];
};

struct jx_gen;

/*! jx_gen_create() : validate the options and plan every system and
 *  receiver (sequence numbers, time windows, resets, gaps). With
 *  entdtalen = CALC this generates every entry once (in memory, with
 *  opts->threads workers) to find the longest ESD.
 *  @return JX_OK, JX_E_USAGE (bad option, err says which) or JX_E_NOMEM. */
int jx_gen_create(const struct jx_gen_opts *o, struct jx_gen **out,
                  struct jx_errctx *err);
void jx_gen_free(struct jx_gen *g);

/*! jx_gen_reclen() : the record length, 609 (611 varlen) + ENTDTALEN; 0 with
 *  ENTDTALEN calc (then see jx_gen_rcv_reclen()). */
size_t jx_gen_reclen(const struct jx_gen *g);
uint32_t jx_gen_entdtalen(const struct jx_gen *g);
size_t jx_gen_nsystems(const struct jx_gen *g);
size_t jx_gen_nreceivers(const struct jx_gen *g, size_t sys);

struct jx_gen_rcvinfo {
    char system[JX_NAME_SZ];
    char receiver[JX_NAME_SZ];
    char receiver_lib[JX_NAME_SZ];
    uint64_t count;              /* records */
    uint64_t first_seq;
    bool reset;                  /* starts again at sequence 1 */
    bool missing;                /* planned but not written (--missing-receiver) */
};
/*! jx_gen_receiver() : plan of receiver `rcv` of system `sys`. */
int jx_gen_receiver(const struct jx_gen *g, size_t sys, size_t rcv,
                    struct jx_gen_rcvinfo *out);

/*! jx_gen_write() : write every receiver file (except a missing one) under
 *  opts->outdir, in parallel with opts->threads workers. The directory may
 *  exist but must be empty. Fills `st` (may be NULL).
 *  @return JX_OK, JX_E_IO (file and errno in err), JX_E_USAGE, JX_E_NOMEM. */
int jx_gen_write(const struct jx_gen *g, struct jx_gen_stats *st,
                 struct jx_errctx *err);

/*! jx_gen_write_to() : jx_gen_write() into `dir` with `threads` workers,
 *  whatever the options said. */
int jx_gen_write_to(const struct jx_gen *g, const char *dir, int threads,
                    struct jx_gen_stats *st, struct jx_errctx *err);

/*! jx_gen_run() : jx_gen_create() + jx_gen_write() + jx_gen_free(). */
int jx_gen_run(const struct jx_gen_opts *o, struct jx_gen_stats *st,
               struct jx_errctx *err);

/* ---- record level (tests) ---------------------------------------------- */

/* What the decoder must produce for one generated record. */
struct jx_gen_truth {
    struct jx_entry e;           /* every field jx_rcvfile_decode() fills; e.esd
                                  * points into the caller's record buffer */
    char cd_command[6001];       /* CD: command string present (trimmed) */
    char sv_name[JX_NAME_SZ];    /* SV: system value name present */
    char sv_new[1024], sv_old[1024]; /* SV: values present (trimmed) */
    int plant;                   /* enum jx_gen_plant bit, 0 if background */
};

struct jx_gen_rcv;

/*! jx_gen_rcv_open() : a stream over the records of one receiver (also a
 *  missing one). Allocates its workspace once; next() allocates nothing. */
int jx_gen_rcv_open(const struct jx_gen *g, size_t sys, size_t rcv,
                    struct jx_gen_rcv **out, struct jx_errctx *err);
/*! jx_gen_rcv_next() : write the next record (jx_gen_reclen() bytes) into
 *  `rec` and, if `t` is not NULL, its truth. @return 1 when a record was
 *  produced, 0 at the end of the receiver. */
int jx_gen_rcv_next(struct jx_gen_rcv *r, uint8_t *rec, struct jx_gen_truth *t);
uint64_t jx_gen_rcv_count(const struct jx_gen_rcv *r);
/*! jx_gen_rcv_reclen() : this receiver's record length (with ENTDTALEN
 *  calc each receiver is sized to its own longest ESD, as one DSPJRN
 *  ENTDTALEN(*CALC) run per receiver file would). */
size_t jx_gen_rcv_reclen(const struct jx_gen_rcv *r);
void jx_gen_rcv_free(struct jx_gen_rcv *r);

#endif
