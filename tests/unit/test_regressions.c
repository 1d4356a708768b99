/* Regression tests: one per bug found in review (unit-test pass of the
 * first version); each failed before its fix, and must keep passing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "diag.h"
#include "driver.h"
#include "program.h"
#include "session.h"
#include "settings.h"
#include "strbuf.h"

static void assert_renders(Session *s, const char *want)
{
    StrBuf sb = STRBUF_INIT;
    RenderOptions plain = {false, COLUMN_CODEPOINT};
    diag_render_human(s, &sb, plain);
    assert_string_equal(strbuf_cstr(&sb), want);
    strbuf_release(&sb);
}

/* strbuf.c strbuf_grow: a freshly allocated buffer is not NUL-terminated,
 * so detaching (or growing) a never-written StrBuf breaks the invariant. */
static void test_strbuf_detach_of_unused_buffer_is_nul_terminated(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    size_t len = 99;
    char *s = strbuf_detach(&sb, &len);
    assert_int_equal(len, 0);
    assert_string_equal(s, "");
    free(s);
}

static void test_strbuf_grow_of_unused_buffer_keeps_cstr_empty(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_grow(&sb, 10);
    assert_string_equal(strbuf_cstr(&sb), "");
    strbuf_release(&sb);
}

/* diag.c render_snippet: "%5u | " widens past 5 digits but the caret line's
 * gutter is a fixed "      | ", so the caret lands one column left. */
static void test_render_gutter_of_six_digit_line_aligns_caret(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    StrBuf t = STRBUF_INIT;
    strbuf_repeat(&t, '\n', 123455);
    strbuf_adds(&t, "abc x");
    uint32_t f = session_add_source(&s, "t.ptl", t.buf, t.len);
    Span sp = {f, 123455 + 4, 123455 + 5};
    diag_report(&s, RULE_SYNTAX, sp, "m");
    assert_renders(&s,
        "t.ptl:123456:5: error[syntax]: m\n"
        "123456 | abc x\n"
        "       |     ^\n");
    strbuf_release(&t);
    session_free(&s);
}

/* diag.c show_line: C1 controls (U+0080..U+009F, e.g. U+009B = CSI) pass
 * through raw, although non-printable characters are to be shown as U+FFFD. */
static void test_render_c1_control_as_its_code_point(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    const char *text = "a\xC2\x9B" "31mX";
    uint32_t f = session_add_source(&s, "t.ptl", text, strlen(text));
    Span sp = {f, 6, 7};
    diag_report(&s, RULE_SYNTAX, sp, "m");
    assert_renders(&s,
        "t.ptl:1:6: error[syntax]: m\n"
        "    1 | a<U+009B>31mX\n"
        "      |             ^\n");
    session_free(&s);
}

/* Runs text through driver_check_loaded and returns the top-level diags.
 * The snippets are minimal tables, not complete indicator trees, so the
 * tree-completeness rules are allowed (tests/golden/tree tests those). */
static void check_text(Session *s, Program *p, const char *text)
{
    session_init(s);
    settings_cli_level(s, "missing-category", SEV_ALLOW);
    settings_cli_level(s, "empty-category", SEV_ALLOW);
    settings_cli_level(s, "no-indicators", SEV_ALLOW);
    session_add_source(s, "t.ptl", text, strlen(text));
    const char *err = NULL;
    assert_true(driver_check_loaded(s, p, NULL, &err));
}

/* check_indicator.c check_bounds: integrality is tested on the written
 * number (1.5) instead of the value in the base unit (15000 人次). */
static void test_fractional_wan_person_times_is_a_whole_count(void **state)
{
    (void)state;
    Session s;
    Program p;
    check_text(&s, &p,
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 万元\n"
        "        nature 基本支出 139.05 万元\n"
        "        nature 项目支出 120 万元\n"
        "    }\n"
        "    indicators {\n"
        "        产出指标 {\n"
        "            数量指标 {\n"
        "                \"服务人次\" >= 1.5 万人次\n"
        "            }\n"
        "        }\n"
        "    }\n"
        "}\n");
    assert_int_equal(s.diags.len, 0);
    program_free(&p);
    session_free(&s);
}

/* check_budget.c check_sums: a line with an unknown name is left out of the
 * sum, but the partial sum is still compared, giving a second, bogus error. */
static void test_unknown_nature_line_does_not_cause_a_bogus_sum_error(void **state)
{
    (void)state;
    Session s;
    Program p;
    check_text(&s, &p,
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 万元\n"
        "        nature 基本开支 139.05 万元\n"
        "        nature 项目支出 120 万元\n"
        "    }\n"
        "}\n");
    assert_int_equal(s.diags.len, 1);
    const Diag *d = s.diags.items[0];
    assert_int_equal(d->rule, RULE_UNKNOWN_BUDGET_LINE);
    program_free(&p);
    session_free(&s);
}

/* check_decls.c compound: a trailing middle dot leaves an empty factor,
 * which is skipped, so "元/人·" resolves like "元/人". */
static void test_compound_unit_with_trailing_dot_is_unknown(void **state)
{
    (void)state;
    Session s;
    Program p;
    check_text(&s, &p, "unit 亩2 area\n");
    assert_null(program_unit(&p, intern_cstr(&s.names, "元/人·")));
    program_free(&p);
    session_free(&s);
}

/* check_decls.c unit_factor: a zero or negative factor is accepted. */
static void test_non_positive_unit_factor_is_rejected(void **state)
{
    (void)state;
    Session s;
    Program p;
    check_text(&s, &p, "unit 负元 money = -1 元\nunit 零元 money = 0 元\n");
    assert_int_equal(s.diags.len, 2);
    program_free(&p);
    session_free(&s);
}

/* check_indicator.c check_bounds: compound units (元/人) have no dimension,
 * so a negative amount per person passes unchecked. */
static void test_negative_money_per_person_is_reported(void **state)
{
    (void)state;
    Session s;
    Program p;
    check_text(&s, &p,
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 万元\n"
        "        nature 基本支出 139.05 万元\n"
        "        nature 项目支出 120 万元\n"
        "    }\n"
        "    indicators {\n"
        "        成本指标 {\n"
        "            经济成本指标 {\n"
        "                \"人均经费\" <= -5 元/人\n"
        "            }\n"
        "        }\n"
        "    }\n"
        "}\n");
    assert_int_equal(s.diags.len, 1);
    const Diag *d = s.diags.items[0];
    assert_int_equal(d->rule, RULE_NEGATIVE_VALUE);
    program_free(&p);
    session_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strbuf_detach_of_unused_buffer_is_nul_terminated),
        cmocka_unit_test(test_strbuf_grow_of_unused_buffer_keeps_cstr_empty),
        cmocka_unit_test(test_render_gutter_of_six_digit_line_aligns_caret),
        cmocka_unit_test(test_render_c1_control_as_its_code_point),
        cmocka_unit_test(test_fractional_wan_person_times_is_a_whole_count),
        cmocka_unit_test(test_unknown_nature_line_does_not_cause_a_bogus_sum_error),
        cmocka_unit_test(test_compound_unit_with_trailing_dot_is_unknown),
        cmocka_unit_test(test_non_positive_unit_factor_is_rejected),
        cmocka_unit_test(test_negative_money_per_person_is_reported),
    };
    return cmocka_run_group_tests_name("regressions", tests, NULL, NULL);
}
