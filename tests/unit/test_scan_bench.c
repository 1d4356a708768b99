/* Unit tests for src/scan_bench: ptl_scan_only counts the tokens ptlc's
 * scanner hands out, as build/bench/scan reports them beside bench/dfa's
 * count (so the two scan benchmarks can be seen to read the same tokens). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "scan_bench.h"

/* a copy with the two NULs the scanner wants after it, which must come
   back as it was */
static size_t scan(const char *text)
{
    size_t n = strlen(text);
    char *buf = calloc(1, n + 2);
    memcpy(buf, text, n);
    size_t tokens = ptl_scan_only(buf, n);
    assert_memory_equal(buf, text, n);
    assert_int_equal(buf[n], 0);
    free(buf);
    return tokens;
}

static void test_scan_only_counts_no_token_in_blanks_and_comments(void **state)
{
    (void)state;
    assert_int_equal(scan(""), 0);
    assert_int_equal(scan(" \t\n\r\n// 注释\n/* 块\n注释 */\n"), 0);
}

static void test_scan_only_counts_each_token_of_an_indicator(void **state)
{
    (void)state;
    /* "name" ≥ 264 天 "explanation": string, ≥, number, unit, string */
    assert_int_equal(scan("\"区领导坐班接访\" ≥ 264 天 \"反映情况\"\n"), 5);
    /* a number glued to its unit is two tokens; a date is one */
    assert_int_equal(scan("100% 2026-12-31 2026年11月"), 4);
}

static void test_scan_only_counts_keywords_and_braces(void **state)
{
    (void)state;
    /* department, string, {, year, 2026, } */
    assert_int_equal(scan("department \"某局\" {\n    year 2026\n}\n"), 6);
    assert_int_equal(scan("部门 \"某局\" { 年度 2026 }"), 6);
}

static void test_scan_only_skips_a_byte_order_mark(void **state)
{
    (void)state;
    assert_int_equal(scan("\xEF\xBB\xBFyear 2026"), 2);
}

static void test_scan_only_goes_on_after_a_lexical_error(void **state)
{
    (void)state;
    /* the invalid byte is reported (and dropped), the rest still counted */
    assert_int_equal(scan("year \xFF 2026"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan_only_counts_no_token_in_blanks_and_comments),
        cmocka_unit_test(test_scan_only_counts_each_token_of_an_indicator),
        cmocka_unit_test(test_scan_only_counts_keywords_and_braces),
        cmocka_unit_test(test_scan_only_skips_a_byte_order_mark),
        cmocka_unit_test(test_scan_only_goes_on_after_a_lexical_error),
    };
    return cmocka_run_group_tests_name("scan_bench", tests, NULL, NULL);
}
