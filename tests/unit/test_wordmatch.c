/* Unit tests for src/wordmatch: every occurrence the automaton reports is
 * one strstr finds, and none is missed — on the word lists' own shape
 * (CJK words that share prefixes and suffixes, a word inside another) and
 * on many pseudo-random lists and texts over a small alphabet, where
 * overlaps are the rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "wordmatch.h"

typedef struct Hits {
    size_t n;
    size_t word[256], start[256];
} Hits;

static bool collect(void *ctx, size_t word, size_t start)
{
    Hits *h = ctx;
    assert_true(h->n < 256);
    h->word[h->n] = word;
    h->start[h->n++] = start;
    return true;
}

/* Every (first index of a word, start) strstr finds, against the hits. */
static void assert_same_as_strstr(const PtrVec *words, const char *text)
{
    WordMatch *m = wordmatch_build(words);
    Hits h = {0};
    wordmatch_each(m, text, strlen(text), collect, &h);
    size_t expected = 0;
    bool any = false;
    for (size_t w = 0; w < words->len; w++) {
        const char *word = words->items[w];
        size_t k = strlen(word);
        any |= strstr(text, word) != NULL;
        bool dup = false;
        for (size_t v = 0; v < w; v++)
            dup |= strcmp(words->items[v], word) == 0;
        if (!k || dup)
            continue;
        for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
            size_t start = (size_t)(p - text);
            bool seen = false;
            for (size_t i = 0; i < h.n; i++)
                seen |= h.word[i] == w && h.start[i] == start;
            assert_true(seen);
            expected++;
        }
    }
    assert_int_equal(h.n, expected);
    assert_int_equal(wordmatch_any(m, text, strlen(text)), any);
    wordmatch_free(m);
}

/* The list as a PtrVec of writable copies (PtrVec holds void *). */
static char copies[16][32];
static void *slots[16];

static PtrVec list_of(const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        strcpy(copies[i], words[i]);
        slots[i] = copies[i];
    }
    return (PtrVec){slots, n, n};
}

static void test_cjk_lists(void **state)
{
    (void)state;
    static const char *const placeholders[] = {"XX", "××", "XXX", "某某", "……", "…", "待定", "某"};
    PtrVec v = list_of(placeholders, 8);
    assert_same_as_strstr(&v, "某某单位XXX项目……待定");
    assert_same_as_strstr(&v, "株洲市渌口区信访局");
    assert_same_as_strstr(&v, "");
    static const char *const growth[] = {"增长率", "增长", "长率", "提高率", "提高"};
    PtrVec g = list_of(growth, 5);
    assert_same_as_strstr(&g, "收入增长率提高，增长长率");
}

static void test_order_and_stop(void **state)
{
    (void)state;
    static const char *const words[] = {"ab", "b", "abc", "ab"};
    PtrVec v = list_of(words, 4);
    WordMatch *m = wordmatch_build(&v);
    Hits h = {0};
    wordmatch_each(m, "abcab", 5, collect, &h);
    /* by end: ab@0 then b@1 (end 2), abc@0 (end 3), ab@3 then b@4 (end 5);
       the second "ab" is the first's */
    size_t want_word[] = {0, 1, 2, 0, 1}, want_start[] = {0, 1, 0, 3, 4};
    assert_int_equal(h.n, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(h.word[i], want_word[i]);
        assert_int_equal(h.start[i], want_start[i]);
    }
    wordmatch_free(m);
}

static void test_empty_word(void **state)
{
    (void)state;
    static const char *const words[] = {"", "zz"};
    PtrVec v = list_of(words, 2);
    WordMatch *m = wordmatch_build(&v);
    assert_true(wordmatch_any(m, "abc", 3));    /* strstr(text, "") */
    Hits h = {0};
    wordmatch_each(m, "abc", 3, collect, &h);
    assert_int_equal(h.n, 0);
    wordmatch_free(m);
    PtrVec none = {NULL, 0, 0};
    m = wordmatch_build(&none);
    assert_false(wordmatch_any(m, "abc", 3));
    wordmatch_free(m);
}

static void test_random_against_strstr(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    char pool[40][8];
    char text[64];
    for (int round = 0; round < 3000; round++) {
        size_t n = 1 + (seed = seed * 1103515245u + 12345u) % 12;
        void *items[12];
        for (size_t w = 0; w < n; w++) {
            size_t k = (seed = seed * 1103515245u + 12345u) % 5;
            for (size_t i = 0; i < k; i++)
                pool[w][i] = "ab\xe4\xb8"[(seed = seed * 1103515245u + 12345u) >> 16 & 3];
            pool[w][k] = '\0';
            items[w] = pool[w];
        }
        size_t len = (seed = seed * 1103515245u + 12345u) % 40;
        for (size_t i = 0; i < len; i++)
            text[i] = "ab\xe4\xb8"[(seed = seed * 1103515245u + 12345u) >> 16 & 3];
        text[len] = '\0';
        PtrVec v = {items, n, n};
        assert_same_as_strstr(&v, text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_lists),
        cmocka_unit_test(test_order_and_stop),
        cmocka_unit_test(test_empty_word),
        cmocka_unit_test(test_random_against_strstr),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
