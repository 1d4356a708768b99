/* arena: a linked list of blocks. Small requests are carved from the head
 * block; a request larger than a quarter block gets a block of its own so one
 * big string does not waste the rest of a block.
 *
 * Built with -DPTL_ARENA_EACH (the fuzzers, `make sanitize`, `make
 * valgrind`), every request gets a block of its own of exactly the size
 * asked, so AddressSanitizer and valgrind see an overflow from one object
 * into the next, which objects carved from one block would hide. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

void arena_init(Arena *a)
{
    a->head = NULL;
}

static ArenaBlock *new_block(size_t cap)
{
    ArenaBlock *b = xmalloc(sizeof(ArenaBlock) + cap);
    b->next = NULL;
    b->used = 0;
    b->cap = cap;
    return b;
}

/* Links the chain first..last in behind a's head, which stays the block
 * small requests are carved from. */
static void insert_behind_head(Arena *a, ArenaBlock *first, ArenaBlock *last)
{
    if (a->head) {
        last->next = a->head->next;
        a->head->next = first;
    } else {
        a->head = first;
    }
}

void *arena_alloc(Arena *a, size_t size)
{
#ifdef PTL_ARENA_EACH
    ArenaBlock *own = new_block(size);
    own->used = size;
    own->next = a->head;
    a->head = own;
    memset(own->data, 0, size);
    return own->data;
#endif
    size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size > BLOCK_SIZE / 4) {
        ArenaBlock *big = new_block(size);
        insert_behind_head(a, big, big);
        big->used = size;
        memset(big->data, 0, size);
        return big->data;
    }
    if (!a->head || a->head->cap - a->head->used < size) {
        ArenaBlock *b = new_block(BLOCK_SIZE);
        b->next = a->head;
        a->head = b;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *d = arena_alloc(a, len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *arena_vsprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        BUG("bad format string");
    char *d = arena_alloc(a, (size_t)n + 1);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    return d;
}

char *arena_sprintf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *d = arena_vsprintf(a, fmt, ap);
    va_end(ap);
    return d;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void arena_adopt(Arena *into, Arena *from)
{
    ArenaBlock *first = from->head;
    if (!first)
        return;
    ArenaBlock *last = first;
    while (last->next)
        last = last->next;
    insert_behind_head(into, first, last);
    from->head = NULL;
}

void ptrvec_push(Arena *a, PtrVec *v, void *item)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 8;
        void **items = arena_alloc(a, cap * sizeof(void *));
        if (v->len)
            memcpy(items, v->items, v->len * sizeof(void *));
        v->items = items;
        v->cap = cap;
    }
    v->items[v->len++] = item;
}
