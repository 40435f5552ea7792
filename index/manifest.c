/*
 * index/manifest.c - the MANIFEST (doc/format.md §4): the list of receivers
 * and live segment files of an index, read once by every reader and
 * replaced atomically by the writer (temp file, fsync, rename, fsync dir).
 *
 * Workload: one small file (a few hundred bytes per segment) read at every
 * jx_index_open() and written at every commit; cold code.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "index_int.h"

#define MF_MAX_BYTES (1ull << 31)

void jx_manifest_release(struct jx_manifest *m)
{
    if (!m)
        return;
    jx_free(m->rcv);
    jx_free(m->seg);
    jx_free(m->seg_hdrhash);
    memset(m, 0, sizeof(*m));
}

/* Copy a fixed NUL-padded name field; false if it is not NUL-terminated. */
static bool get_name(char *dst, const uint8_t *p, size_t n)
{
    if (!memchr(p, 0, n))
        return false;
    memcpy(dst, p, n);
    return true;
}

static bool valid_segfile(const char *f)
{
    size_t n = strlen(f);
    return n > 5 && f[0] == 'S' && !strchr(f, '/') && !strcmp(f + n - 4, ".jxs");
}

int jx_manifest_read(const char *dir, struct jx_manifest *m, struct jx_errctx *err)
{
    char path[4200];
    uint8_t *buf = NULL;
    int fd = -1, rc = JX_OK;
    struct stat st;

    memset(m, 0, sizeof(*m));
    snprintf(path, sizeof(path), "%s/MANIFEST", dir);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        struct stat ds;
        if (errno == ENOENT)
            return jx_error(err, JX_E_NOTFOUND, dir, -1, -1, "%s",
                            stat(dir, &ds) ? "no such index directory"
                                           : "not a jidx index (no MANIFEST)");
        return jx_error(err, JX_E_IO, path, -1, -1, "cannot open: %s", strerror(errno));
    }
    if (fstat(fd, &st) || st.st_size < (off_t)(JX_MF_HDR_SIZE + 8) ||
        (uint64_t)st.st_size > MF_MAX_BYTES) {
        rc = jx_error(err, JX_E_CORRUPT, path, -1, -1,
                      "MANIFEST has an impossible size (%lld bytes)", (long long)st.st_size);
        goto out;
    }
    const size_t size = (size_t)st.st_size;
    if (!(buf = jx_malloc(size))) {
        rc = jx_error(err, JX_E_NOMEM, path, -1, -1, "out of memory");
        goto out;
    }
    for (size_t got = 0; got < size;) {
        ssize_t r = pread(fd, buf + got, size - got, (off_t)got);
        if (r <= 0) {
            rc = jx_error(err, JX_E_IO, path, -1, (int64_t)got, "cannot read: %s",
                          r ? strerror(errno) : "file shrank");
            goto out;
        }
        got += (size_t)r;
    }
    if (memcmp(buf, JX_MF_MAGIC, 8)) {
        rc = jx_error(err, JX_E_CORRUPT, path, -1, 0, "not a jidx MANIFEST (bad magic)");
        goto out;
    }
    if (jx_le32(buf + 8) < JX_INDEX_FORMAT_OLDEST || jx_le32(buf + 8) > JX_INDEX_FORMAT_VERSION) {
        rc = jx_error(err, JX_E_VERSION, path, -1, 8,
                      "index format version %u, this jidx reads versions %d to %d",
                      jx_le32(buf + 8), JX_INDEX_FORMAT_OLDEST, JX_INDEX_FORMAT_VERSION);
        goto out;
    }
    if (XXH3_64bits(buf, size - 8) != jx_le64(buf + size - 8)) {
        rc = jx_error(err, JX_E_CHECKSUM, path, -1, (int64_t)(size - 8),
                      "MANIFEST checksum mismatch");
        goto out;
    }
    const uint32_t nrcv = jx_le32(buf + 32), nseg = jx_le32(buf + 36);
    if (jx_le32(buf + 12) != JX_MF_HDR_SIZE || jx_le32(buf + 48) != JX_MF_RCV_SIZE ||
        jx_le32(buf + 52) != JX_MF_SEG_SIZE ||
        (uint64_t)JX_MF_HDR_SIZE + (uint64_t)nrcv * JX_MF_RCV_SIZE +
                (uint64_t)nseg * JX_MF_SEG_SIZE + 8 != size) {
        rc = jx_error(err, JX_E_CORRUPT, path, -1, -1,
                      "MANIFEST sizes do not add up (%u receivers, %u segments, %zu bytes)",
                      nrcv, nseg, size);
        goto out;
    }
    m->version = jx_le32(buf + 8);
    m->generation = jx_le64(buf + 16);
    m->next_segno = jx_le64(buf + 24);
    m->rcv = jx_calloc(nrcv ? nrcv : 1, sizeof(*m->rcv));
    m->seg = jx_calloc(nseg ? nseg : 1, sizeof(*m->seg));
    m->seg_hdrhash = jx_calloc(nseg ? nseg : 1, sizeof(uint64_t));
    if (!m->rcv || !m->seg || !m->seg_hdrhash) {
        rc = jx_error(err, JX_E_NOMEM, path, -1, -1, "out of memory");
        goto out;
    }
    const uint8_t *p = buf + JX_MF_HDR_SIZE;
    uint64_t total = 0;
    for (uint32_t i = 0; i < nrcv; i++, p += JX_MF_RCV_SIZE) {
        struct jx_rcvsummary *r = &m->rcv[i];
        if (!get_name(r->system, p, 32) || !get_name(r->receiver, p + 32, 32) ||
            !get_name(r->receiver_lib, p + 64, 32)) {
            rc = jx_error(err, JX_E_CORRUPT, path, -1, p - buf,
                          "receiver %u: name not terminated", i);
            goto out;
        }
        r->first_seq = jx_le64(p + 96);
        r->last_seq = jx_le64(p + 104);
        r->first_ts = (int64_t)jx_le64(p + 112);
        r->last_ts = (int64_t)jx_le64(p + 120);
        r->entries = jx_le64(p + 128);
        r->source_bytes = jx_le64(p + 136);
        total += r->entries;
    }
    m->nrcv = nrcv;
    uint64_t segrows = 0;
    for (uint32_t i = 0; i < nseg; i++, p += JX_MF_SEG_SIZE) {
        struct jx_seginfo *s = &m->seg[i];
        if (!get_name(s->file, p, 64) || !valid_segfile(s->file)) {
            rc = jx_error(err, JX_E_CORRUPT, path, -1, p - buf,
                          "segment %u: bad file name", i);
            goto out;
        }
        s->nrows = jx_le64(p + 64);
        s->seq_min = jx_le64(p + 72);
        s->seq_max = jx_le64(p + 80);
        s->ts_min = (int64_t)jx_le64(p + 88);
        s->ts_max = (int64_t)jx_le64(p + 96);
        s->receiver_idx = jx_le32(p + 104);
        s->file_bytes = jx_le64(p + 112);
        m->seg_hdrhash[i] = jx_le64(p + 120);
        if (s->receiver_idx >= nrcv || s->nrows == 0 || s->seq_min > s->seq_max) {
            rc = jx_error(err, JX_E_CORRUPT, path, -1, p - buf,
                          "segment %u (%s): bad receiver index or row count", i, s->file);
            goto out;
        }
        const struct jx_rcvsummary *r = &m->rcv[s->receiver_idx];
        memcpy(s->system, r->system, JX_NAME_SZ);
        memcpy(s->receiver, r->receiver, JX_NAME_SZ);
        memcpy(s->receiver_lib, r->receiver_lib, JX_NAME_SZ);
        segrows += s->nrows;
    }
    m->nseg = nseg;
    if (segrows != total || total != jx_le64(buf + 40)) {
        rc = jx_error(err, JX_E_CORRUPT, path, -1, -1,
                      "MANIFEST entry counts disagree (receivers %llu, segments %llu)",
                      (unsigned long long)total, (unsigned long long)segrows);
        goto out;
    }
out:
    if (fd >= 0)
        close(fd);
    jx_free(buf);
    if (rc)
        jx_manifest_release(m);
    return rc;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = fsync(fd);
    close(fd);
    return r;
}

int jx_manifest_write(const char *dir, const struct jx_manifest *m,
                      struct jx_errctx *err)
{
    char tmp[4200], path[4200];
    const size_t size = JX_MF_HDR_SIZE + m->nrcv * JX_MF_RCV_SIZE +
                        m->nseg * JX_MF_SEG_SIZE + 8;
    uint8_t *buf = jx_calloc(1, size);
    int fd = -1, rc = JX_OK;
    uint64_t total = 0;

    snprintf(tmp, sizeof(tmp), "%s/MANIFEST.tmp", dir);
    snprintf(path, sizeof(path), "%s/MANIFEST", dir);
    if (!buf)
        return jx_error(err, JX_E_NOMEM, path, -1, -1, "out of memory");
    memcpy(buf, JX_MF_MAGIC, 8);
    jx_le32_put(buf + 8, JX_INDEX_FORMAT_VERSION);
    jx_le32_put(buf + 12, JX_MF_HDR_SIZE);
    jx_le64_put(buf + 16, m->generation);
    jx_le64_put(buf + 24, m->next_segno);
    jx_le32_put(buf + 32, (uint32_t)m->nrcv);
    jx_le32_put(buf + 36, (uint32_t)m->nseg);
    jx_le32_put(buf + 48, JX_MF_RCV_SIZE);
    jx_le32_put(buf + 52, JX_MF_SEG_SIZE);
    uint8_t *p = buf + JX_MF_HDR_SIZE;
    for (size_t i = 0; i < m->nrcv; i++, p += JX_MF_RCV_SIZE) {
        const struct jx_rcvsummary *r = &m->rcv[i];
        memcpy(p, r->system, strnlen(r->system, 31));
        memcpy(p + 32, r->receiver, strnlen(r->receiver, 31));
        memcpy(p + 64, r->receiver_lib, strnlen(r->receiver_lib, 31));
        jx_le64_put(p + 96, r->first_seq);
        jx_le64_put(p + 104, r->last_seq);
        jx_le64_put(p + 112, (uint64_t)r->first_ts);
        jx_le64_put(p + 120, (uint64_t)r->last_ts);
        jx_le64_put(p + 128, r->entries);
        jx_le64_put(p + 136, r->source_bytes);
        total += r->entries;
    }
    jx_le64_put(buf + 40, total);
    for (size_t i = 0; i < m->nseg; i++, p += JX_MF_SEG_SIZE) {
        const struct jx_seginfo *s = &m->seg[i];
        memcpy(p, s->file, strnlen(s->file, 63));
        jx_le64_put(p + 64, s->nrows);
        jx_le64_put(p + 72, s->seq_min);
        jx_le64_put(p + 80, s->seq_max);
        jx_le64_put(p + 88, (uint64_t)s->ts_min);
        jx_le64_put(p + 96, (uint64_t)s->ts_max);
        jx_le32_put(p + 104, s->receiver_idx);
        jx_le64_put(p + 112, s->file_bytes);
        jx_le64_put(p + 120, m->seg_hdrhash[i]);
    }
    jx_le64_put(p, XXH3_64bits(buf, size - 8));

    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        rc = jx_error(err, JX_E_IO, tmp, -1, -1, "cannot create: %s", strerror(errno));
        goto out;
    }
    for (size_t off = 0; off < size;) {
        ssize_t w = write(fd, buf + off, size - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            rc = jx_error(err, JX_E_IO, tmp, -1, (int64_t)off, "cannot write: %s",
                          strerror(errno));
            goto out;
        }
        off += (size_t)w;
    }
    if (fsync(fd) || close(fd)) {
        fd = -1;
        rc = jx_error(err, JX_E_IO, tmp, -1, -1, "cannot sync: %s", strerror(errno));
        goto out;
    }
    fd = -1;
    /* segment files were fsynced by their builders; make their directory
     * entries durable before the MANIFEST that names them */
    if (fsync_dir(dir)) {
        rc = jx_error(err, JX_E_IO, dir, -1, -1, "cannot sync directory: %s", strerror(errno));
        goto out;
    }
    {
        const char *hook = getenv("JX_TEST_ABORT_BEFORE_MANIFEST");
        if (hook && !strcmp(hook, "1")) {
            fprintf(stderr, "jidx: JX_TEST_ABORT_BEFORE_MANIFEST set: aborting before the "
                            "MANIFEST rename\n");
            abort();
        }
    }
    if (rename(tmp, path) || fsync_dir(dir)) {
        rc = jx_error(err, JX_E_IO, path, -1, -1, "cannot replace MANIFEST: %s",
                      strerror(errno));
        goto out;
    }
out:
    if (fd >= 0)
        close(fd);
    if (rc)
        unlink(tmp);
    jx_free(buf);
    return rc;
}
