/* suggest: "did you mean" by edit distance over code points (not bytes, so
 * 万圆 -> 万元 is one edit, as a reader counts it). The threshold grows with
 * the word: none for a single character, one edit for short CJK names, about a third of the length for
 * longer ones; a candidate that starts with the word also qualifies
 * (数量 -> 数量指标). */
#include <stdlib.h>
#include <string.h>

#include "check.h"

enum { MAX_CP = 64 };

static size_t to_cps(const char *s, uint32_t *out)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < MAX_CP) {
        uint32_t cp = 0xFFFD;
        size_t k = utf8_decode(s + i, len - i, &cp);
        out[n++] = cp;
        i += k ? k : 1;
    }
    return n;
}

static size_t min2(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Optimal string alignment distance: insertions, deletions, substitutions
 * and swaps of neighbours ("nwe" -> "new") each cost one. */
static size_t distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
    static const size_t W = MAX_CP + 1;
    size_t d[(MAX_CP + 1) * (MAX_CP + 1)];
    for (size_t i = 0; i <= n; i++)
        d[i * W] = i;
    for (size_t j = 0; j <= m; j++)
        d[j] = j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            size_t best = d[(i - 1) * W + j - 1] + (a[i - 1] != b[j - 1]);
            best = min2(best, d[(i - 1) * W + j] + 1);
            best = min2(best, d[i * W + j - 1] + 1);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = min2(best, d[(i - 2) * W + j - 2] + 1);
            d[i * W + j] = best;
        }
    }
    return d[n * W + m];
}

const char *suggest(const PtrVec *candidates, const char *word)
{
    uint32_t w[MAX_CP], c[MAX_CP];
    size_t n = to_cps(word, w);
    /* a one-character name is too short for an edit to mean anything */
    size_t limit = n <= 1 ? 0 : n <= 3 ? 1 : n <= 6 ? 2 : n / 3;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < candidates->len; i++) {
        const char *cand = candidates->items[i];
        size_t m = to_cps(cand, c);
        size_t d = distance(w, n, c, m);
        bool prefix = n > 0 && m > n && strncmp(cand, word, strlen(word)) == 0;
        if ((d <= limit || prefix) && d < best_d) {
            best = cand;
            best_d = d;
        }
    }
    return best;
}

const char *did_you_mean(Program *p, const PtrVec *candidates, const char *word)
{
    const char *s = suggest(candidates, word);
    return s ? arena_sprintf(&p->s->arena, "; did you mean '%s'?", s) : "";
}
