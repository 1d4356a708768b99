/* Unit tests for the scanner's identifier rule (lex_ident_len in src/lex.c)
 * and the "did you mean" helper (suggest/did_you_mean in src/suggest.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <utf8proc.h>

#include "check.h"
#include "parse_internal.h"
#include "session.h"

static size_t ident_len(const char *s)
{
    return lex_ident_len(s, strlen(s));
}

/* The fast path takes U+4E00..U+9FFF as letters without asking utf8proc:
 * every one of them must be a letter (Lo) to it, and each on its own is a
 * name of three bytes; the characters just outside (U+4DC0, a hexagram,
 * So; U+A000 is Lo, on the slow path) are judged as utf8proc says. */
static void test_ident_len_cjk_fast_path_agrees_with_utf8proc(void **state)
{
    (void)state;
    for (uint32_t cp = 0x4E00; cp <= 0x9FFF; cp++) {
        char s[8] = {(char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)), (char)(0x80 | (cp & 0x3F)), 0};
        if (utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_LO)
            fail_msg("U+%04X is not Lo", (unsigned)cp);
        assert_int_equal(ident_len(s), 3);
    }
    assert_int_equal(ident_len("\xe4\xb7\x80"), 0);    /* U+4DC0 ䷀ */
    assert_int_equal(ident_len("\xe4\xb6\xb5"), 3);    /* U+4DB5, Ext A, Lo */
    assert_int_equal(ident_len("\xea\x80\x80"), 3);    /* U+A000 ꀀ, Lo */
    assert_int_equal(ident_len("名\xe4\xb7\x80"), 3);  /* stops before the hexagram */
}

/* A PtrVec over a fixed list of candidate names. */
static PtrVec candidates(const char **names, size_t n)
{
    PtrVec v = {(void **)names, n, n};
    return v;
}

#define CANDS(arr) candidates((arr), sizeof(arr) / sizeof((arr)[0]))

static const char *units[] = {"元", "万元", "亿元", "人", "次"};

/* ===== lex_ident_len ===== */

static void test_ident_len_stops_at_space_before_brace(void **state)
{
    (void)state;
    assert_int_equal(ident_len("产出指标 {"), strlen("产出指标"));
    assert_int_equal(ident_len("产出指标{"), 12);
}

static void test_ident_len_ascii_names(void **state)
{
    (void)state;
    assert_int_equal(ident_len("_a1"), 3);
    assert_int_equal(ident_len("budget_source x"), 13);
    assert_int_equal(ident_len("Year2026"), 8);
    assert_int_equal(ident_len("a-b"), 1);
    assert_int_equal(ident_len("x.y"), 1);
    assert_int_equal(ident_len("_"), 1);
}

static void test_ident_len_digit_cannot_start_a_name(void **state)
{
    (void)state;
    assert_int_equal(ident_len("1abc"), 0);
    assert_int_equal(ident_len("2026"), 0);
    assert_int_equal(ident_len("甲2乙"), 7);
}

static void test_ident_len_middle_dot_joins_compound_units(void **state)
{
    (void)state;
    assert_int_equal(ident_len("人·月"), strlen("人·月"));
    assert_int_equal(ident_len("人·月"), 8);
    assert_int_equal(ident_len("人\xE3\x83\xBB月"), 9);   /* katakana middle dot U+30FB */
    assert_int_equal(ident_len("·人"), 0);
    assert_int_equal(ident_len("\xE3\x83\xBB人"), 0);
}

static void test_ident_len_symbols_are_not_names(void **state)
{
    (void)state;
    assert_int_equal(ident_len("≥264"), 0);
    assert_int_equal(ident_len("≤5"), 0);
    assert_int_equal(ident_len("‰"), 0);
    assert_int_equal(ident_len("%"), 0);
    assert_int_equal(ident_len("％"), 0);
    assert_int_equal(ident_len("{"), 0);
    assert_int_equal(ident_len("\"x\""), 0);
    assert_int_equal(ident_len(""), 0);
}

static void test_ident_len_stops_at_cjk_punctuation(void **state)
{
    (void)state;
    assert_int_equal(ident_len("网上来信、来访"), strlen("网上来信"));
    assert_int_equal(ident_len("名称（简称）"), 6);
    assert_int_equal(ident_len("甲，乙"), 3);
    assert_int_equal(ident_len("万元/人"), 6);
}

static void test_ident_len_combining_marks_and_wide_digits_only_after_first(void **state)
{
    (void)state;
    assert_int_equal(ident_len("e\xCC\x81x"), 4);   /* e + U+0301 + x */
    assert_int_equal(ident_len("\xCC\x81x"), 0);
    assert_int_equal(ident_len("a\xEF\xBC\x91"), 4);  /* a + full-width 1 */
    assert_int_equal(ident_len("\xEF\xBC\x91"), 0);
}

static void test_ident_len_stops_at_invalid_utf8(void **state)
{
    (void)state;
    assert_int_equal(ident_len("ab\xFF" "cd"), 2);
    assert_int_equal(ident_len("区\xE5\x8C"), 3);
    assert_int_equal(ident_len("\xC0\x80"), 0);
}

static void test_ident_len_reads_only_n_bytes(void **state)
{
    (void)state;
    assert_int_equal(lex_ident_len("abcdef", 2), 2);
    assert_int_equal(lex_ident_len("区域", 4), 3);    /* 域 is cut short */
    assert_int_equal(lex_ident_len("区域", 0), 0);
}

/* ===== lex_suggest_keyword ===== */

static void test_suggest_keyword_fixes_misspelt_keywords(void **state)
{
    (void)state;
    assert_string_equal(lex_suggest_keyword("budgte"), "budget");
    assert_string_equal(lex_suggest_keyword("nautre"), "nature");
    assert_string_equal(lex_suggest_keyword("yaer"), "year");
    assert_string_equal(lex_suggest_keyword("totl"), "total");
    assert_string_equal(lex_suggest_keyword("fild"), "filed");
    assert_string_equal(lex_suggest_keyword("indicator"), "indicators");
    assert_string_equal(lex_suggest_keyword("定"), "定性");
    assert_string_equal(lex_suggest_keyword("年份"), "年度");
    assert_string_equal(lex_suggest_keyword("绩效指"), "绩效指标");
}

static void test_suggest_keyword_returns_null_for_unrelated_words(void **state)
{
    (void)state;
    assert_null(lex_suggest_keyword("xyz"));
    assert_null(lex_suggest_keyword("产出指标"));   /* a category, two characters off 绩效指标 */
    assert_null(lex_suggest_keyword("效益指标"));
}

/* ===== suggest ===== */

static void test_suggest_counts_edits_in_code_points(void **state)
{
    (void)state;
    PtrVec v = CANDS(units);
    assert_string_equal(suggest(&v, "万圆"), "万元");
    assert_string_equal(suggest(&v, "亿圆"), "亿元");
}

static void test_suggest_gives_no_edit_suggestion_for_a_single_character(void **state)
{
    (void)state;
    PtrVec v = CANDS(units);
    assert_null(suggest(&v, "圆"));
    assert_null(suggest(&v, "x"));
    /* a prefix still counts: 万 starts 万元 */
    assert_string_equal(suggest(&v, "万"), "万元");
}

static void test_suggest_counts_a_swap_of_neighbours_as_one_edit(void **state)
{
    (void)state;
    static const char *money[] = {"亿元", "万元"};
    PtrVec v = CANDS(money);
    assert_string_equal(suggest(&v, "元万"), "万元");
    static const char *kw[] = {"budget", "nature", "total"};
    PtrVec k = CANDS(kw);
    assert_string_equal(suggest(&k, "ntaure"), "nature");
    assert_string_equal(suggest(&k, "ttoal"), "total");
}

static void test_suggest_returns_null_when_nothing_is_close(void **state)
{
    (void)state;
    PtrVec v = CANDS(units);
    assert_null(suggest(&v, "xyz"));
    assert_null(suggest(&v, "公里每小时"));
    PtrVec none = {NULL, 0, 0};
    assert_null(suggest(&none, "万元"));
}

static void test_suggest_exact_match_is_its_own_suggestion(void **state)
{
    (void)state;
    PtrVec v = CANDS(units);
    assert_string_equal(suggest(&v, "人"), "人");
    assert_string_equal(suggest(&v, "亿元"), "亿元");
}

static void test_suggest_accepts_a_prefix_of_a_longer_candidate(void **state)
{
    (void)state;
    static const char *l2[] = {"数量指标", "质量指标"};
    PtrVec v = CANDS(l2);
    assert_string_equal(suggest(&v, "数量"), "数量指标");
    assert_string_equal(suggest(&v, "质量"), "质量指标");
    static const char *top[] = {"成本指标", "产出指标", "效益指标", "满意度指标"};
    PtrVec t = CANDS(top);
    assert_string_equal(suggest(&t, "满意度"), "满意度指标");
    static const char *longer[] = {"abcdefgh"};
    PtrVec l = CANDS(longer);
    assert_string_equal(suggest(&l, "ab"), "abcdefgh");
    assert_null(suggest(&l, "ac"));
}

static void test_suggest_threshold_grows_with_word_length(void **state)
{
    (void)state;
    static const char *names[] = {"服务对象满意度指标", "产出指标"};
    PtrVec v = CANDS(names);
    /* 4 code points: two edits allowed */
    assert_string_equal(suggest(&v, "产品指示"), "产出指标");
    /* 3 code points: one edit only */
    assert_null(suggest(&v, "产品示"));
    /* 9 code points: three edits allowed */
    assert_string_equal(suggest(&v, "服务对像满意程度指"), "服务对象满意度指标");
}

static void test_suggest_prefers_the_closest_then_the_first(void **state)
{
    (void)state;
    static const char *names[] = {"数量指标", "质量指标", "数据指标"};
    PtrVec v = CANDS(names);
    assert_string_equal(suggest(&v, "数据指标"), "数据指标");
    assert_string_equal(suggest(&v, "数值指标"), "数量指标");
    /* a closer candidate wins over an earlier one */
    static const char *later[] = {"质量指标", "数量指标"};
    PtrVec l = CANDS(later);
    assert_string_equal(suggest(&l, "数值指标"), "数量指标");
    /* on a tie the first candidate wins */
    static const char *rev[] = {"数据指标", "数量指标"};
    PtrVec r = CANDS(rev);
    assert_string_equal(suggest(&r, "数值指标"), "数据指标");
}

static void test_did_you_mean_formats_the_hint(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    Program p;
    memset(&p, 0, sizeof p);
    p.s = &s;
    PtrVec v = CANDS(units);
    Span at = {0, 0, 1};
    assert_string_equal(did_you_mean(&p, RULE_UNKNOWN_UNIT, at, &v, "万圆"), "; did you mean '万元'?");
    assert_string_equal(did_you_mean(&p, RULE_UNKNOWN_UNIT, at, &v, "xyz"), "");
    /* past --max-errors nobody sees the hint, so none is computed */
    s.max_errors = 1;
    s.counts[SEV_ERROR] = 1;
    assert_string_equal(did_you_mean(&p, RULE_UNKNOWN_UNIT, at, &v, "万圆"), "");
    program_free(&p);
    session_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ident_len_stops_at_space_before_brace),
        cmocka_unit_test(test_ident_len_ascii_names),
        cmocka_unit_test(test_ident_len_cjk_fast_path_agrees_with_utf8proc),
        cmocka_unit_test(test_ident_len_digit_cannot_start_a_name),
        cmocka_unit_test(test_ident_len_middle_dot_joins_compound_units),
        cmocka_unit_test(test_ident_len_symbols_are_not_names),
        cmocka_unit_test(test_ident_len_stops_at_cjk_punctuation),
        cmocka_unit_test(test_ident_len_combining_marks_and_wide_digits_only_after_first),
        cmocka_unit_test(test_ident_len_stops_at_invalid_utf8),
        cmocka_unit_test(test_ident_len_reads_only_n_bytes),
        cmocka_unit_test(test_suggest_keyword_fixes_misspelt_keywords),
        cmocka_unit_test(test_suggest_keyword_returns_null_for_unrelated_words),
        cmocka_unit_test(test_suggest_counts_edits_in_code_points),
        cmocka_unit_test(test_suggest_gives_no_edit_suggestion_for_a_single_character),
        cmocka_unit_test(test_suggest_counts_a_swap_of_neighbours_as_one_edit),
        cmocka_unit_test(test_suggest_returns_null_when_nothing_is_close),
        cmocka_unit_test(test_suggest_exact_match_is_its_own_suggestion),
        cmocka_unit_test(test_suggest_accepts_a_prefix_of_a_longer_candidate),
        cmocka_unit_test(test_suggest_threshold_grows_with_word_length),
        cmocka_unit_test(test_suggest_prefers_the_closest_then_the_first),
        cmocka_unit_test(test_did_you_mean_formats_the_hint),
    };
    return cmocka_run_group_tests_name("lex_suggest", tests, NULL, NULL);
}
