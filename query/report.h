/*
 * query/report.h - canned security reports (`jidx report`): each one a
 * documented set of index queries (query/exec.h: posting lists, dictionary
 * counts, never the receivers) plus grouping and a little per-entry logic
 * (bursts of failed sign-ons, special authorities compared between
 * consecutive CP entries of a profile). query/README.md, section "Reports",
 * documents every report: its question, entry types, fields and what rests
 * on UNCONFIRMED layout facts.
 *
 * Output goes to a sink as sections of rows of text. A section has a name
 * ("by-user"), a title and column headers; a report has one or more.
 * jx_report_printer_*() is the sink `jidx report` uses (table, csv, json);
 * tests capture rows with their own sink.
 *
 * Thread rules: jx_report_run() may be called from any thread; the queries
 * it runs use up to o->threads workers of their own and join them; the sink
 * is called on the calling thread only. Ownership: a printer made by
 * jx_report_printer_create() is freed by jx_report_printer_finish().
 */
#ifndef JX_REPORT_H
#define JX_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "index.h"
#include "jx.h"
#include "output.h"

struct jx_report_info {
    const char *name;        /* "signon-failures" */
    const char *question;    /* what it answers, one line */
    const char *types;       /* entry types read, "PW" */
    const char *sections;    /* section names, "by-user bursts" */
    const char *fields;      /* fields used, and where they come from */
    const char *unconfirmed; /* what rests on UNCONFIRMED layout facts ("" if nothing) */
};
/*! jx_report_list() : every report, in `jidx report --list` order. */
const struct jx_report_info *jx_report_list(size_t *n);

/* Where the rows go. section() opens a section (the previous one is then
 * complete); row() adds a row with as many values as the section has
 * columns. Both return 0 or a negative jx_err to stop the report. */
struct jx_report_sink {
    int (*section)(void *arg, const char *name, const char *title,
                   const char *const *headers, size_t ncols);
    int (*row)(void *arg, const char *const *values);
    void *arg;
};

#define JX_REPORT_SCOPE_MAX 32
#define JX_REPORT_PROFILES_DEFAULT "QSECOFR,QSYS,QSRV,QSRVBAS,QLPAUTO,QLPINSTALL"

struct jx_report_opts {
    /* Scope: `jidx query` filters (option name without dashes, value) that
     * narrow every query of the report, e.g. {"from", "2024-01-01"},
     * {"system", "SYSA"}. Added to the report's own filters (AND). */
    struct { const char *name, *value; } scope[JX_REPORT_SCOPE_MAX];
    size_t nscope;
    size_t top;              /* count sections: the N largest (0: report default) */
    uint64_t limit;          /* list sections: at most N rows (0: all) */
    const char *profiles;    /* powerful-profiles: comma list (NULL: default) */
    const char *commands;    /* command-usage: command names, comma list (NULL: all) */
    unsigned burst_count;    /* signon-failures: N failures ... (0: 10) */
    unsigned burst_minutes;  /* ... of one user within M minutes (0: 5) */
    int threads;             /* query workers (0: every online CPU) */
};

/*! jx_report_run() : run report `name` (see jx_report_list()) over the open
 *  index and give its sections and rows to `sink`, in order. Lists are in
 *  canonical order (system, receiver chain, sequence); count sections by
 *  count descending, then key. @return JX_OK, JX_E_USAGE (unknown report or
 *  bad option, err says which), the sink's error, or a query error with err
 *  naming the index/segment. */
int jx_report_run(struct jx_index *ix, const char *name, const struct jx_report_opts *o,
                  const struct jx_report_sink *sink, struct jx_errctx *err);

/* ---- the printer sink ------------------------------------------------------
 * table: "== title ==" then an aligned table per section ("(none)" when it
 * has no rows), sections separated by a blank line. csv: per section a
 * header line and rows, first column "section"; sections separated by a
 * blank line. json: one object per row with "section" first. `only` (NULL:
 * all) keeps one section, which gives plain CSV. */
struct jx_report_printer;
int jx_report_printer_create(FILE *fp, enum jx_format fmt, const char *only,
                             struct jx_report_printer **out);
/*! jx_report_printer_sink() : the sink writing through printer p. */
struct jx_report_sink jx_report_printer_sink(struct jx_report_printer *p);
/*! jx_report_printer_finish() : flush the last section and free; NULL is a
 *  no-op. @return JX_OK or JX_E_IO if writing failed. */
int jx_report_printer_finish(struct jx_report_printer *p);

/*! jx_report_spcaut() : the special authorities a CL command string gives
 *  in SPCAUT(...) (CRTUSRPRF/CHGUSRPRF), as "*ALLOBJ *SECADM" in command
 *  order, upper case; "" if none. Also finds USRPRF(...) into `profile`
 *  when not NULL. Exposed for the tests. */
void jx_report_spcaut(const char *cmd, char *buf, size_t cap, char *profile,
                      size_t pcap);

#endif /* JX_REPORT_H */
