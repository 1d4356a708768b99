/* util: the one allocation funnel and invariant checks.
 * Every heap allocation in ptlc goes through xmalloc/xcalloc/xrealloc, which
 * never return NULL (they print and exit 2 on exhaustion), so callers need no
 * failure paths and a fault-injection hook can live here later.
 * BUG() marks a broken invariant: it aborts with file:line. */
#ifndef PTL_UTIL_H
#define PTL_UTIL_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);

_Noreturn void bug_at(const char *file, int line, const char *msg);
#define BUG(msg) bug_at(__FILE__, __LINE__, (msg))

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Runs fn on each of n items of size bytes, item 0 on the calling thread
 * and each other on a thread of its own, and returns when all are done. A
 * thread that cannot be started leaves its item out: fn must share the
 * work out itself (parse_files.c and check_release.c take the next file
 * from a common counter), so the others do its share. */
void threads_run(void *(*fn)(void *), void *items, size_t size, unsigned n);

#if defined(__GNUC__)
#define PTL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PTL_PRINTF(f, a)
#endif

#endif
