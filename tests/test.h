/*
 * tests/test.h - shared helpers for the cmocka test binaries.
 */
#ifndef JX_TEST_H
#define JX_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Directory of the shared sample chains ($JX_SHARED/data), or NULL. */
const char *jx_test_shared_data(void);
/* A fresh empty temporary directory (removed by jx_test_rmtree). */
char *jx_test_tmpdir(void);
/* xorshift64: the tests' random scenarios, reproducible from the seed in *s. */
uint64_t jx_test_xorshift(uint64_t *s);
void jx_test_rmtree(const char *dir);
/* A cmocka group fixture: jx_test_dir is a fresh temporary directory while
 * the group runs (setup), removed after it (teardown). */
extern char *jx_test_dir;
int jx_test_dir_setup(void **state);
int jx_test_dir_teardown(void **state);
/* Path of the jidx binary ($JIDX), or NULL. */
const char *jx_test_jidx(void);
/* The whole file at path (malloc'd, one spare byte), *n its size; fails the
 * test if it cannot be read. (rb_write() in recbuild.h writes one.) */
uint8_t *jx_test_read_file(const char *path, size_t *n);

struct jx_entry;
/* Do entries a and b differ in any field or ESD byte? 0 when equal; else 1
 * and `why` names the first field that differs, with both values. */
int jx_test_entry_diff(const struct jx_entry *a, const struct jx_entry *b, char *why,
                       size_t cap);

#endif
