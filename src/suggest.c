/* suggest: edit distance over code points (not bytes, so 万圆 -> 万元 is
 * one edit, as a reader counts it), optimal string alignment (a swap of
 * neighbours, "nwe" -> "new", is one edit).
 *
 * The filters are exact, never losing a candidate the distance would
 * accept: a candidate within k edits differs in length by at most k, and
 * lacks at most k of the word's distinct characters (each deletion or
 * substitution removes one occurrence; a swap removes none), so at most k
 * of the word's signature bits can be missing from the candidate's, and
 * the other way round. */
#define _POSIX_C_SOURCE 200809L
#include "suggest.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "source.h"

/* Code points of s (at most SUGGEST_MAX_CPS); returns SUGGEST_MAX_CPS + 1
 * when s is longer. */
static uint32_t to_cps(const char *s, uint32_t *out)
{
    uint32_t n = 0;
    size_t len = strnlen(s, 4 * SUGGEST_MAX_CPS + 4), i = 0;
    while (i < len) {
        if (n == SUGGEST_MAX_CPS)
            return SUGGEST_MAX_CPS + 1;
        uint32_t cp = 0xFFFD;
        size_t k = utf8_decode(s + i, len - i, &cp);
        out[n++] = cp;
        i += k ? k : 1;
    }
    return s[len] ? SUGGEST_MAX_CPS + 1 : n;
}

static uint64_t signature(const uint32_t *cps, uint32_t n)
{
    uint64_t sig = 0;
    for (uint32_t i = 0; i < n; i++)
        sig |= 1ull << ((cps[i] * 2654435761u) >> 26 & 63);
    return sig;
}

void suggest_index_init(SuggestIndex *ix, Arena *arena)
{
    memset(ix, 0, sizeof *ix);
    ix->arena = arena;
}

void suggest_index_add(SuggestIndex *ix, const char *text)
{
    if (ix->len == ix->cap) {
        ix->cap = ix->cap ? ix->cap * 2 : 16;
        ix->items = xrealloc(ix->items, ix->cap * sizeof *ix->items);
    }
    SuggestEntry *e = &ix->items[ix->len++];
    uint32_t cps[SUGGEST_MAX_CPS];
    e->text = text;
    e->n = to_cps(text, cps);
    e->cps = NULL;
    e->sig = 0;
    if (e->n > SUGGEST_MAX_CPS)
        return;
    uint32_t *copy = arena_alloc(ix->arena, (e->n ? e->n : 1) * sizeof *copy);
    memcpy(copy, cps, e->n * sizeof *copy);
    e->cps = copy;
    e->sig = signature(cps, e->n);
}

void suggest_index_free(SuggestIndex *ix)
{
    free(ix->items);
    ix->items = NULL;
    ix->len = ix->cap = 0;
}

static uint32_t min2(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* The distance between a and b when it is at most k, else k + 1: only the
 * band |i - j| <= k is computed (each row's neighbours just outside the
 * band are set to k + 1), and a row whose every cell exceeds k ends the
 * computation. */
static uint32_t distance_within(const uint32_t *a, uint32_t n, const uint32_t *b, uint32_t m,
                                uint32_t k)
{
    enum { W = SUGGEST_MAX_CPS + 2 };
    uint32_t d[(SUGGEST_MAX_CPS + 1) * W];
    const uint32_t far = k + 1;
    for (uint32_t j = 0; j <= m && j <= k + 1; j++)
        d[j] = min2(j, far);
    for (uint32_t i = 1; i <= n; i++) {
        uint32_t lo = i > k ? i - k : 1, hi = min2(m, i + k), row_min = far;
        d[i * W + lo - 1] = lo == 1 ? min2(i, far) : far;
        for (uint32_t j = lo; j <= hi; j++) {
            uint32_t best = d[(i - 1) * W + j - 1] + (a[i - 1] != b[j - 1]);
            best = min2(best, d[(i - 1) * W + j] + 1);
            best = min2(best, d[i * W + j - 1] + 1);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = min2(best, d[(i - 2) * W + j - 2] + 1);
            d[i * W + j] = min2(best, far);
            row_min = min2(row_min, d[i * W + j]);
        }
        d[i * W + hi + 1] = far;        /* read by the next row */
        if (row_min > k && !(lo == 1 && i <= k))
            return far;
    }
    return n + k < m || m + k < n ? far : d[n * W + m];
}

static bool starts_with(const SuggestEntry *e, const uint32_t *w, uint32_t n)
{
    return e->n > n && memcmp(e->cps, w, n * sizeof *w) == 0;
}

const char *suggest_best(const SuggestIndex *ix, const char *word, size_t *budget)
{
    uint32_t w[SUGGEST_MAX_CPS];
    uint32_t n = to_cps(word, w);
    if (n == 0 || n > SUGGEST_MAX_CPS)
        return NULL;
    /* a one-character name is too short for an edit to mean anything */
    uint32_t limit = n <= 1 ? 0 : n <= 3 ? 1 : n <= 6 ? 2 : n / 3;
    uint64_t sig = signature(w, n);
    const char *best = NULL;
    uint32_t best_d = UINT32_MAX;
    for (size_t i = 0; i < ix->len; i++) {
        if (*budget == 0)
            return NULL;
        --*budget;
        const SuggestEntry *e = &ix->items[i];
        if (!e->cps)
            continue;
        uint32_t d;
        if (starts_with(e, w, n)) {
            d = e->n - n;               /* insertions at the end, nothing shorter */
        } else {
            uint32_t k = min2(limit, best_d == UINT32_MAX ? limit : best_d - 1);
            if (best_d == 0 || (e->n > n ? e->n - n : n - e->n) > k
                || (uint32_t)__builtin_popcountll(sig & ~e->sig) > k
                || (uint32_t)__builtin_popcountll(e->sig & ~sig) > k)
                continue;
            *budget -= *budget < n ? *budget : n;   /* a band of n rows */
            d = distance_within(w, n, e->cps, e->n, k);
            if (d > k)
                continue;
        }
        if (d < best_d) {
            best = e->text;
            best_d = d;
        }
    }
    return best;
}

const char *suggest_once(const char *const *candidates, size_t n, const char *word)
{
    Arena a;
    arena_init(&a);
    SuggestIndex ix;
    suggest_index_init(&ix, &a);
    for (size_t i = 0; i < n; i++)
        suggest_index_add(&ix, candidates[i]);
    size_t budget = SUGGEST_BUDGET;
    const char *best = suggest_best(&ix, word, &budget);
    suggest_index_free(&ix);
    arena_free(&a);
    return best;
}

const char *suggest(const PtrVec *candidates, const char *word)
{
    return suggest_once((const char *const *)candidates->items, candidates->len, word);
}
