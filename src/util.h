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

#if defined(__GNUC__)
#define PTL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PTL_PRINTF(f, a)
#endif

#endif
