/* suggest: "did you mean". A SuggestIndex holds a list of candidate names
 * decoded once (code points, length, a 64-bit character signature), so a
 * query only runs the edit-distance computation on the few candidates that
 * pass two O(1) filters, and only inside a band of width 2k+1. Every query
 * also spends from the session's budget of candidate visits: past it no
 * more suggestions are made, so no input (3,000 misspelt names against
 * 3,000 departments) can make suggestions quadratic. Ownership: the index
 * is heap memory released by suggest_index_free; the candidate strings are
 * not copied and must outlive it (interned names do). */
#ifndef PTL_SUGGEST_H
#define PTL_SUGGEST_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct SuggestEntry {
    const char *text;
    const uint32_t *cps;        /* in the index's arena; NULL when too long to suggest */
    uint32_t n;                 /* code points */
    uint64_t sig;               /* one bit per hashed code point */
} SuggestEntry;

typedef struct SuggestIndex {
    Arena *arena;
    SuggestEntry *items;
    size_t len, cap;
} SuggestIndex;

#define SUGGEST_MAX_CPS 64
#define SUGGEST_BUDGET ((size_t)20 * 1000 * 1000)

void suggest_index_init(SuggestIndex *ix, Arena *arena);
void suggest_index_add(SuggestIndex *ix, const char *text);
void suggest_index_free(SuggestIndex *ix);

/* The best candidate for word, or NULL: the smallest distance within the
 * word's limit (none for one character, 1 up to 3, 2 up to 6, a third
 * beyond), or a candidate that starts with the word; ties go to the earlier
 * candidate, so the answer depends only on the input. *budget is decreased
 * by the work done; NULL is returned once it is spent. */
const char *suggest_best(const SuggestIndex *ix, const char *word, size_t *budget);

/* For a short list used once (a command-line option, a keyword): builds
 * a throwaway index over candidates[0..n). */
const char *suggest_once(const char *const *candidates, size_t n, const char *word);

#endif
