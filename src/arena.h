/* arena: bump allocator; one per Session holds the AST, interned names and
 * diagnostic text. Ownership: everything arena_* returns lives until
 * arena_free() and must never be passed to free(). Memory comes back zeroed
 * and aligned for any object type. */
#ifndef PTL_ARENA_H
#define PTL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include "util.h"

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;   /* current block; older blocks are chained behind it */
} Arena;

void arena_init(Arena *a);
void *arena_alloc(Arena *a, size_t size);
char *arena_strndup(Arena *a, const char *s, size_t len);
char *arena_sprintf(Arena *a, const char *fmt, ...) PTL_PRINTF(2, 3);
char *arena_vsprintf(Arena *a, const char *fmt, va_list ap);
void arena_free(Arena *a);
/* Moves every block of from into into (from is left empty): what a parsing
 * thread allocated lives as long as the session that takes it. */
void arena_adopt(Arena *into, Arena *from);

/* Growable arrays of pointers whose storage is in the arena (old storage is
 * abandoned on growth, which is fine: total waste is bounded by 2x). */
typedef struct PtrVec {
    void **items;
    size_t len, cap;
} PtrVec;

void ptrvec_push(Arena *a, PtrVec *v, void *item);

#endif
