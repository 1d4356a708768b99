/* util: allocation funnel, and the one way threads are started. Out of
 * memory is not a recoverable condition for a command-line compiler, so we
 * report it once and exit with the I/O code. */
#include "util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void oom(size_t size)
{
    fprintf(stderr, "ptlc: out of memory (requested %zu bytes)\n", size);
    exit(2);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        oom(size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        oom(size);
    return q;
}

void bug_at(const char *file, int line, const char *msg)
{
    fprintf(stderr, "ptlc: internal error at %s:%d: %s\n", file, line, msg);
    abort();
}

void threads_run(void *(*fn)(void *), void *items, size_t size, unsigned n)
{
    pthread_t *t = xcalloc(n ? n : 1, sizeof *t);
    unsigned started = 1;
    for (unsigned i = 1; i < n; i++)
        if (pthread_create(&t[i], NULL, fn, (char *)items + i * size) == 0)
            started = i + 1;
        else
            break;
    if (n)
        fn(items);
    for (unsigned i = 1; i < started; i++)
        pthread_join(t[i], NULL);
    free(t);
}
