/* intern: linear probing at load factor <= 1/2. Strings may contain NUL
 * bytes (the scanner never produces such names, but the API stays honest by
 * keying on <ptr, len>). */
#include "intern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Eight bytes a step: names are mostly CJK, three bytes a character, and
 * FNV-1a's byte a step was most of the interner's time. Each word is mixed
 * by a multiply and its high half folded back, as in wyhash and murmur. */
static uint64_t mix(uint64_t h, uint64_t w)
{
    h ^= w;
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0x243F6A8885A308D3ull ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = mix(h, w);
    }
    uint64_t tail = 0;
    for (size_t k = 0; i < len; i++, k += 8)
        tail |= (uint64_t)(unsigned char)s[i] << k;
    h = mix(h, tail);
    return mix(h, h >> 32);
}

void intern_init(Interner *in, Arena *arena)
{
    in->shared = NULL;
    in->lock = NULL;
    in->arena = arena;
    in->cap = 256;
    in->count = 0;
    in->slots = xcalloc(in->cap, sizeof *in->slots);
    in->lens = xcalloc(in->cap, sizeof *in->lens);
}

static size_t probe(const Interner *in, const char *s, size_t len)
{
    size_t i = (size_t)hash_bytes(s, len) & (in->cap - 1);
    while (in->slots[i]) {
        if (in->lens[i] == len && memcmp(in->slots[i], s, len) == 0)
            return i;
        i = (i + 1) & (in->cap - 1);
    }
    return i;
}

static void grow(Interner *in)
{
    const char **old = in->slots;
    size_t *oldlens = in->lens;
    size_t oldcap = in->cap;
    in->cap *= 2;
    in->slots = xcalloc(in->cap, sizeof *in->slots);
    in->lens = xcalloc(in->cap, sizeof *in->lens);
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i])
            continue;
        size_t j = probe(in, old[i], oldlens[i]);
        in->slots[j] = old[i];
        in->lens[j] = oldlens[i];
    }
    free(old);
    free(oldlens);
}

void intern_init_shared(Interner *in, Interner *shared, pthread_mutex_t *lock)
{
    *in = (Interner){0};
    in->shared = shared;
    in->lock = lock;
}

const char *intern(Interner *in, const char *s, size_t len)
{
    if (in->shared) {
        pthread_mutex_lock(in->lock);
        const char *r = intern(in->shared, s, len);
        pthread_mutex_unlock(in->lock);
        return r;
    }
    size_t i = probe(in, s, len);
    if (in->slots[i])
        return in->slots[i];
    if ((in->count + 1) * 2 > in->cap) {
        grow(in);
        i = probe(in, s, len);
    }
    in->slots[i] = arena_strndup(in->arena, s, len);
    in->lens[i] = len;
    in->count++;
    return in->slots[i];
}

const char *intern_cstr(Interner *in, const char *s)
{
    return intern(in, s, strlen(s));
}

void intern_free(Interner *in)
{
    free(in->slots);
    free(in->lens);
    in->slots = NULL;
    in->lens = NULL;
    in->cap = in->count = 0;
}

/* ===== pointer map ===== */

static size_t ptr_slot(const PtrMap *m, const void *key)
{
    /* the product's high half folded down: its low bits alone depend only
       on the key's low bits, which cluster (aligned pointers, the code
       points of the traditional-character table) */
    uint64_t h = (uint64_t)(uintptr_t)key * 11400714819323198485ull;
    size_t i = (size_t)(h ^ h >> 32) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

void *ptrmap_get(const PtrMap *m, const void *key)
{
    if (!m->cap)
        return NULL;
    size_t i = ptr_slot(m, key);
    return m->keys[i] ? m->vals[i] : NULL;
}

static void ptrmap_grow(PtrMap *m)
{
    PtrMap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->count = 0;
    m->keys = xcalloc(m->cap, sizeof *m->keys);
    m->vals = xcalloc(m->cap, sizeof *m->vals);
    for (size_t i = 0; i < old.cap; i++)
        if (old.keys[i])
            ptrmap_put(m, old.keys[i], old.vals[i]);
    free(old.keys);
    free(old.vals);
}

void ptrmap_put(PtrMap *m, const void *key, void *val)
{
    if ((m->count + 1) * 2 > m->cap)
        ptrmap_grow(m);
    size_t i = ptr_slot(m, key);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->count++;
    }
    m->vals[i] = val;
}

void ptrmap_free(PtrMap *m)
{
    free(m->keys);
    free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->count = 0;
}
