/* Unit tests for the suggestion index (src/suggest.c): its filters and
 * banded distance must never change an answer, only its cost. A plain
 * full-matrix distance over the same rules is the reference. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "strbuf.h"
#include "suggest.h"

/* ===== the reference ===== */

static size_t cps_of(const char *s, uint32_t *out)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len) {
        uint32_t cp = 0xFFFD;
        size_t k = utf8_decode(s + i, len - i, &cp);
        out[n++] = cp;
        i += k ? k : 1;
    }
    return n;
}

static size_t osa(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
    size_t d[70][70];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
                && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

static const char *reference(const char *const *cands, size_t nc, const char *word)
{
    uint32_t w[70], c[70];
    size_t n = cps_of(word, w);
    size_t limit = n <= 1 ? 0 : n <= 3 ? 1 : n <= 6 ? 2 : n / 3;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < nc; i++) {
        size_t m = cps_of(cands[i], c);
        size_t d = osa(w, n, c, m);
        bool prefix = n > 0 && m > n && strncmp(cands[i], word, strlen(word)) == 0;
        if ((d <= limit || prefix) && d < best_d) {
            best = cands[i];
            best_d = d;
        }
    }
    return best;
}

/* ===== tests ===== */

/* Random words over a small alphabet (so near misses, swaps and shared
 * prefixes are common), CJK and ASCII mixed, 1 to 20 characters. */
static unsigned next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

static void random_word(StrBuf *sb, unsigned *seed)
{
    static const char *const alpha[] = {"a", "b", "c", "数", "量", "指", "标", "质"};
    strbuf_reset(sb);
    size_t n = 1 + (size_t)(next_random(seed) % 20);
    for (size_t i = 0; i < n; i++)
        strbuf_adds(sb, alpha[next_random(seed) % 8]);
}

static void test_index_agrees_with_the_full_distance(void **state)
{
    (void)state;
    unsigned seed = 20261201;
    enum { NC = 60, QUERIES = 3000 };
    char *cands[NC];
    StrBuf sb = STRBUF_INIT;
    Arena a;
    arena_init(&a);
    SuggestIndex ix;
    suggest_index_init(&ix, &a);
    for (size_t i = 0; i < NC; i++) {
        random_word(&sb, &seed);
        cands[i] = arena_strndup(&a, sb.buf, sb.len);
        suggest_index_add(&ix, cands[i]);
    }
    size_t agreed = 0, found = 0;
    for (size_t q = 0; q < QUERIES; q++) {
        random_word(&sb, &seed);
        if (q % 3 == 0) {       /* a near miss of a candidate */
            strbuf_reset(&sb);
            strbuf_adds(&sb, cands[q % NC]);
            if (sb.len > 1)
                sb.buf[sb.len / 2] = 'z';
        }
        size_t budget = SUGGEST_BUDGET;
        const char *got = suggest_best(&ix, sb.buf, &budget);
        const char *want = reference((const char *const *)cands, NC, sb.buf);
        if (got == want)
            agreed++;
        else
            print_error("word '%s': index says '%s', reference '%s'\n", sb.buf,
                        got ? got : "(none)", want ? want : "(none)");
        found += want != NULL;
    }
    assert_int_equal(agreed, QUERIES);
    assert_true(found > QUERIES / 4);   /* the test exercises real matches */
    suggest_index_free(&ix);
    arena_free(&a);
    strbuf_release(&sb);
}

static void test_budget_spent_means_no_suggestion(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SuggestIndex ix;
    suggest_index_init(&ix, &a);
    for (int i = 0; i < 100; i++)
        suggest_index_add(&ix, arena_sprintf(&a, "部门%d", i));
    suggest_index_add(&ix, "株洲市渌口区信访局");
    size_t budget = 50;         /* less than one pass over the candidates */
    assert_null(suggest_best(&ix, "株洲市渌口区信仿局", &budget));
    assert_int_equal(budget, 0);
    budget = SUGGEST_BUDGET;
    assert_string_equal(suggest_best(&ix, "株洲市渌口区信仿局", &budget), "株洲市渌口区信访局");
    assert_true(budget < SUGGEST_BUDGET && budget >= SUGGEST_BUDGET - 200);
    suggest_index_free(&ix);
    arena_free(&a);
}

static void test_names_longer_than_the_limit_are_never_matched(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    StrBuf longer = STRBUF_INIT;
    for (int i = 0; i < SUGGEST_MAX_CPS + 1; i++)
        strbuf_adds(&longer, "元");
    SuggestIndex ix;
    suggest_index_init(&ix, &a);
    suggest_index_add(&ix, longer.buf);
    suggest_index_add(&ix, "元");
    size_t budget = SUGGEST_BUDGET;
    /* a 65-character word is not compared by its first 64 */
    assert_null(suggest_best(&ix, longer.buf, &budget));
    assert_string_equal(suggest_once((const char *const[]){"万元", "元/人"}, 2, "万圆"), "万元");
    suggest_index_free(&ix);
    arena_free(&a);
    strbuf_release(&longer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_agrees_with_the_full_distance),
        cmocka_unit_test(test_budget_spent_means_no_suggestion),
        cmocka_unit_test(test_names_longer_than_the_limit_are_never_matched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
