/* intern: string interning, so names compare by pointer. Open addressing
 * with a word-at-a-time hash keeps lookups O(1) on the scanner's hot path.
 * Ownership: interned strings live in the arena given to intern_init; the
 * table itself is heap memory released by intern_free. */
#ifndef PTL_INTERN_H
#define PTL_INTERN_H

#include <pthread.h>
#include <stddef.h>

#include "arena.h"

typedef struct Interner {
    Arena *arena;
    const char **slots;
    size_t *lens;
    size_t cap, count;
    /* a parsing thread's interner hands every name to the session's, under
       its lock, so names from every thread still compare by pointer */
    struct Interner *shared;
    pthread_mutex_t *lock;
} Interner;

void intern_init(Interner *in, Arena *arena);
/* An interner that only forwards to shared, holding lock while it does;
 * shared must outlive it, and intern_free of it frees nothing. */
void intern_init_shared(Interner *in, Interner *shared, pthread_mutex_t *lock);
const char *intern(Interner *in, const char *s, size_t len);
const char *intern_cstr(Interner *in, const char *s);
void intern_free(Interner *in);

/* A pointer-keyed hash map (keys are interned names or any stable pointer).
 * Ownership: heap table released by ptrmap_free; values are not owned. */
typedef struct PtrMap {
    const void **keys;
    void **vals;
    size_t cap, count;
} PtrMap;

void *ptrmap_get(const PtrMap *m, const void *key);
void ptrmap_put(PtrMap *m, const void *key, void *val);
void ptrmap_free(PtrMap *m);

#endif
