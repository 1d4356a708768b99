/* Unit tests for unit resolution and the budget identities, run through the
 * whole pipeline (driver_check_loaded: embedded stdlib + in-memory sources):
 * stdlib units and their exact factors, compound units, user declarations,
 * and the diagnostics a department's budget produces. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "decimal.h"
#include "driver.h"
#include "program.h"
#include "session.h"
#include "settings.h"

typedef struct Fixture {
    Session s;
    Program prog;
} Fixture;

static const char valid_department[] =
    "department \"D\" {\n"
    "    year 2026\n"
    "    budget {\n"
    "        total 259.05 万元\n"
    "        nature 基本支出 139.05 万元\n"
    "        nature 项目支出 120 万元\n"
    "    }\n"
    "}\n";

/* Checks text as the one user file "t.ptl" after the embedded stdlib. The
 * tables here are budgets alone: no-indicators would be said of each. */
static void check_text(Fixture *fx, const char *text)
{
    session_init(&fx->s);
    settings_cli_level(&fx->s, "no-indicators", SEV_ALLOW);
    session_add_source(&fx->s, "t.ptl", text, strlen(text));
    const char *err = NULL;
    assert_true(driver_check_loaded(&fx->s, &fx->prog, NULL, &err));
    assert_null(err);
}

static void release(Fixture *fx)
{
    program_free(&fx->prog);
    session_free(&fx->s);
}

static const UnitDef *unit(Fixture *fx, const char *name)
{
    return program_unit(&fx->prog, intern_cstr(&fx->s.names, name));
}

static void assert_dec_text(Decimal d, const char *want)
{
    char buf[DEC_BUFSZ];
    dec_format(d, buf, sizeof buf);
    assert_string_equal(buf, want);
}

/* A simple unit of dimension dim whose factor to the base unit is factor. */
static const UnitDef *assert_simple_unit(Fixture *fx, const char *name, const char *dim,
                                         const char *factor)
{
    const UnitDef *u = unit(fx, name);
    assert_non_null(u);
    assert_string_equal(u->symbol, name);
    assert_non_null(u->dim);
    assert_string_equal(u->dim->name, dim);
    assert_dec_text(u->factor, factor);
    assert_null(u->num);
    assert_null(u->den);
    return u;
}

/* The index-th top-level diagnostic, after checking there are want_len. */
static const Diag *diag_at(Fixture *fx, size_t want_len, size_t index)
{
    assert_int_equal(fx->s.diags.len, want_len);
    return fx->s.diags.items[index];
}

static uint32_t offset_of(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    assert_non_null(p);
    return (uint32_t)(p - text);
}

static size_t count_notes(const Diag *d)
{
    size_t n = 0;
    for (const Diag *k = d->notes; k; k = k->next_note)
        n++;
    return n;
}

/* ===== the pipeline itself ===== */

static void test_valid_department_has_no_diagnostics(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    assert_int_equal(fx.s.diags.len, 0);
    assert_int_equal(diag_count(&fx.s, SEV_ERROR), 0);
    assert_int_equal(fx.prog.tables.len, 1);
    /* the stdlib files come first, the user file last */
    assert_int_equal(fx.prog.files.len, fx.prog.nstdlib + 1);
    assert_int_equal(fx.s.files.len, fx.prog.nstdlib + 1);
    assert_true(fx.prog.nstdlib >= 1);
    const SourceFile *f = session_file(&fx.s, (uint32_t)fx.prog.nstdlib);
    assert_string_equal(f->path, "t.ptl");
    assert_ptr_equal(fx.prog.s, &fx.s);
    release(&fx);
}

static void test_stdlib_paths_are_marked(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    for (size_t i = 0; i < fx.prog.nstdlib; i++) {
        const SourceFile *f = session_file(&fx.s, (uint32_t)i);
        assert_int_equal(strncmp(f->path, "<stdlib>/", 9), 0);
    }
    release(&fx);
}

/* ===== stdlib units ===== */

static void test_money_units_have_exact_factors_to_yuan(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    const UnitDef *yuan = assert_simple_unit(&fx, "元", "money", "1");
    const UnitDef *wan = assert_simple_unit(&fx, "万元", "money", "10000");
    const UnitDef *yi = assert_simple_unit(&fx, "亿元", "money", "100000000");
    assert_ptr_equal(wan->dim, yuan->dim);
    assert_ptr_equal(yi->dim, yuan->dim);
    assert_string_equal(wan->dim->label, "金额");
    assert_false(wan->dim->integer);
    assert_true(wan->dim->has_min);
    assert_dec_text(wan->dim->min, "0");
    assert_false(wan->dim->has_max);
    release(&fx);
}

static void test_permille_is_a_tenth_of_a_percent(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    const UnitDef *pct = assert_simple_unit(&fx, "%", "ratio", "1");
    const UnitDef *pm = assert_simple_unit(&fx, "‰", "ratio", "0.1");
    assert_ptr_equal(pm->dim, pct->dim);
    assert_true(pm->dim->has_max);
    assert_dec_text(pm->dim->max, "100");
    assert_string_equal(pm->dim->label, "比率");
    release(&fx);
}

static void test_people_are_an_integer_count(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    const UnitDef *ren = assert_simple_unit(&fx, "人", "count", "1");
    assert_true(ren->dim->integer);
    assert_string_equal(ren->dim->label, "数量");
    const UnitDef *wrc = assert_simple_unit(&fx, "万人次", "count", "10000");
    assert_ptr_equal(wrc->dim, ren->dim);
    assert_simple_unit(&fx, "次", "count", "1");
    release(&fx);
}

static void test_other_dimensions_reduce_to_their_base(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    assert_simple_unit(&fx, "公里", "length", "1000");
    assert_simple_unit(&fx, "吨", "mass", "1000");
    assert_simple_unit(&fx, "斤", "mass", "0.5");
    assert_simple_unit(&fx, "周", "duration", "7");
    assert_simple_unit(&fx, "年", "duration", "12");
    assert_simple_unit(&fx, "平方公里", "area", "1000000");
    assert_false(unit(&fx, "天")->dim->integer);
    release(&fx);
}

/* The spellings and 万 multiples added for the real tables: each reduces
 * exactly to its dimension's base (亩 is a base of its own: 1 亩 is
 * 10000/15 平方米, not a decimal). */
static void test_real_table_spellings_reduce_exactly(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    assert_simple_unit(&fx, "百分比", "ratio", "1");
    assert_simple_unit(&fx, "个百分点", "ratio", "1");
    assert_simple_unit(&fx, "萬元", "money", "10000");
    assert_simple_unit(&fx, "万人", "count", "10000");
    assert_true(unit(&fx, "万株")->dim->integer);
    assert_simple_unit(&fx, "m²", "area", "1");
    assert_simple_unit(&fx, "平米", "area", "1");
    assert_simple_unit(&fx, "万平方米", "area", "10000");
    assert_simple_unit(&fx, "km²", "area", "1000000");
    assert_simple_unit(&fx, "万亩", "area", "10000");
    assert_simple_unit(&fx, "ha", "area", "15");
    assert_simple_unit(&fx, "M", "length", "1");
    assert_simple_unit(&fx, "万公里", "length", "10000000");
    assert_simple_unit(&fx, "cm", "length", "0.01");
    assert_simple_unit(&fx, "毫米", "length", "0.001");
    assert_simple_unit(&fx, "g", "mass", "0.001");
    assert_simple_unit(&fx, "万吨", "mass", "10000000");
    assert_simple_unit(&fx, "方", "volume", "1");
    assert_simple_unit(&fx, "万方", "volume", "10000");
    assert_simple_unit(&fx, "亿立方米", "volume", "100000000");
    assert_simple_unit(&fx, "mL", "volume", "0.000001");
    assert_simple_unit(&fx, "kW·h", "energy", "1");
    assert_simple_unit(&fx, "万千瓦时", "energy", "10000");
    assert_simple_unit(&fx, "兆瓦", "power", "1000000");
    assert_simple_unit(&fx, "个工作日", "duration", "1");
    /* 10 万亩 is 100000 亩 in the base */
    Decimal ten, base;
    assert_int_equal(dec_parse("10", 2, &ten), DEC_OK);
    assert_int_equal(dec_mul(ten, unit(&fx, "万亩")->factor, &base), DEC_OK);
    assert_dec_text(base, "100000");
    /* the kilowatt-hour's symbol as a denominator: 元 over kW and h */
    const UnitDef *price = unit(&fx, "元/kW·h");
    assert_non_null(price);
    assert_ptr_equal(price->den, unit(&fx, "kW"));
    /* the one-character symbols are units like their spelled-out names */
    assert_simple_unit(&fx, "㎡", "area", "1");
    assert_simple_unit(&fx, "万㎡", "area", "10000");
    assert_simple_unit(&fx, "㎞", "length", "1000");
    assert_simple_unit(&fx, "㎥", "volume", "1");
    /* compound units of one meaning share a base, with their factor */
    assert_ptr_equal(unit(&fx, "元/人/月")->base, unit(&fx, "元/人·月")->base);
    assert_ptr_equal(unit(&fx, "萬元/人")->base, unit(&fx, "元/人"));
    assert_dec_text(unit(&fx, "萬元/人")->factor, "10000");
    assert_ptr_equal(unit(&fx, "元/人・月")->base, unit(&fx, "元/人·月"));
    /* no exact factor (亩 is 1/15 公顷): its own base */
    const UnitDef *per_ha = unit(&fx, "元/公顷");
    assert_ptr_equal(per_ha->base, per_ha);
    release(&fx);
}

/* ===== compound units ===== */

static void test_compound_unit_resolves_to_numerator_over_denominator(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    const UnitDef *u = unit(&fx, "元/人");
    assert_non_null(u);
    assert_string_equal(u->symbol, "元/人");
    assert_null(u->dim);
    assert_ptr_equal(u->num, unit(&fx, "元"));
    assert_ptr_equal(u->den, unit(&fx, "人"));
    assert_dec_text(u->factor, "1");
    /* resolved once, then found again */
    assert_ptr_equal(unit(&fx, "元/人"), u);
    release(&fx);
}

static void test_compound_unit_with_middle_dot_denominator(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    const UnitDef *u = unit(&fx, "万元/人·月");
    assert_non_null(u);
    assert_ptr_equal(u->num, unit(&fx, "万元"));
    assert_ptr_equal(u->den, unit(&fx, "人"));
    release(&fx);
}

static void test_unknown_units_resolve_to_null(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    assert_null(unit(&fx, "万圆"));
    assert_null(unit(&fx, "坪"));
    assert_null(unit(&fx, ""));
    assert_null(unit(&fx, "元/人民"));
    assert_null(unit(&fx, "圆/人"));
    assert_null(unit(&fx, "/人"));
    assert_null(unit(&fx, "元/"));
    assert_null(unit(&fx, "元/人·坪"));
    release(&fx);
}

static void test_unit_lookup_is_by_interned_name(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, valid_department);
    char copy[] = "万元";
    assert_null(program_unit(&fx.prog, copy));
    assert_non_null(program_unit(&fx.prog, intern_cstr(&fx.s.names, copy)));
    release(&fx);
}

/* ===== user declarations ===== */

static void test_user_unit_declaration_becomes_resolvable(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, "unit 亩2 area\nunit 大亩 area = 2.5 亩2\n");
    assert_int_equal(fx.s.diags.len, 0);
    const UnitDef *u = assert_simple_unit(&fx, "亩2", "area", "1");
    assert_ptr_equal(u->dim, unit(&fx, "平方米")->dim);
    assert_simple_unit(&fx, "大亩", "area", "2.5");
    uint32_t user = (uint32_t)fx.prog.nstdlib;
    assert_int_equal(u->span.file, user);
    assert_int_equal(u->span.start, 5);
    assert_int_equal(u->span.end, 5 + strlen("亩2"));
    const UnitDef *c = unit(&fx, "元/亩2");
    assert_non_null(c);
    assert_ptr_equal(c->den, u);
    release(&fx);
}

static void test_user_unit_with_unknown_dimension_is_reported(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, "unit 亩2 aera\n");
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_UNKNOWN_DIMENSION);
    assert_string_equal(d->msg, "unknown dimension 'aera'; did you mean 'area'?");
    assert_int_equal(d->span.start, offset_of("unit 亩2 aera\n", "aera"));
    assert_null(unit(&fx, "亩2"));
    release(&fx);
}

static void test_redeclared_stdlib_unit_is_reported_with_note(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, "unit 万元 money\n");
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_DUPLICATE_DECLARATION);
    assert_int_equal(d->sev, SEV_ERROR);
    assert_string_equal(d->msg, "unit '万元' is declared twice");
    assert_int_equal(d->span.file, (uint32_t)fx.prog.nstdlib);
    assert_int_equal(count_notes(d), 1);
    assert_string_equal(d->notes->msg, "first declared here");
    assert_true(d->notes->span.file < (uint32_t)fx.prog.nstdlib);
    /* the stdlib's definition stands */
    assert_simple_unit(&fx, "万元", "money", "10000");
    release(&fx);
}

static void test_unit_factor_from_unknown_base_is_reported(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, "unit 大亩 area = 2 小亩\n");
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_UNKNOWN_UNIT);
    assert_string_equal(d->msg, "unit '小亩' must be declared before '大亩' is defined from it");
    assert_null(unit(&fx, "大亩"));
    release(&fx);
}

static void test_unit_factor_from_other_dimension_is_reported(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, "unit 大亩 area = 2 公里\n");
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_UNIT_DIMENSION);
    assert_string_equal(d->msg, "'公里' is 长度, not 面积");
    assert_null(unit(&fx, "大亩"));
    release(&fx);
}

/* ===== budget diagnostics ===== */

static void test_nature_sum_mismatch_is_one_error_with_notes(void **state)
{
    (void)state;
    static const char text[] =
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 万元\n"
        "        nature 基本支出 139.06 万元\n"
        "        nature 项目支出 120 万元\n"
        "    }\n"
        "}\n";
    Fixture fx;
    check_text(&fx, text);
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_BUDGET_NATURE_SUM);
    assert_int_equal(d->sev, SEV_ERROR);
    assert_string_equal(d->msg, "基本支出 + 项目支出 = 259.06 万元, but 资金总额 is 259.05 万元");
    assert_int_equal(d->span.file, (uint32_t)fx.prog.nstdlib);
    assert_int_equal(d->span.start, offset_of(text, "259.05"));
    assert_int_equal(d->span.end, offset_of(text, "259.05") + 6);
    assert_int_equal(count_notes(d), 2);
    assert_string_equal(d->notes->msg, "基本支出 is 139.06 万元 here");
    assert_string_equal(d->notes->next_note->msg, "项目支出 is 120 万元 here");
    assert_int_equal(d->notes->span.start, offset_of(text, "139.06"));
    assert_int_equal(diag_count(&fx.s, SEV_ERROR), 1);
    release(&fx);
}

static void test_nature_sum_across_units_is_compared_in_yuan(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx,
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 万元\n"
        "        nature 基本支出 1390500 元\n"
        "        nature 项目支出 120 万元\n"
        "    }\n"
        "}\n");
    assert_int_equal(fx.s.diags.len, 0);
    release(&fx);
}

static void test_nature_sum_mismatch_across_units_is_shown_in_yuan(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx,
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 万元\n"
        "        nature 基本支出 1390600 元\n"
        "        nature 项目支出 120 万元\n"
        "    }\n"
        "}\n");
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_BUDGET_NATURE_SUM);
    assert_string_equal(d->msg,
        "基本支出 + 项目支出 = 2590600 元 (in the base unit), but 资金总额 is 259.05 万元");
    release(&fx);
}

static void test_source_sum_uses_canonical_names(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx,
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 万元\n"
        "        source 一般公共预算拨款 200 万元\n"
        "        source 其他收入 59 万元\n"
        "        nature 基本支出 139.05 万元\n"
        "        nature 项目支出 120 万元\n"
        "    }\n"
        "}\n");
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_BUDGET_SOURCE_SUM);
    assert_string_equal(d->msg,
        "一般公共预算 + 其他资金 = 259 万元, but 资金总额 is 259.05 万元");
    assert_int_equal(count_notes(d), 2);
    assert_string_equal(d->notes->msg, "一般公共预算 is 200 万元 here");
    assert_string_equal(d->notes->next_note->msg, "其他资金 is 59 万元 here");
    release(&fx);
}

static void test_unknown_unit_in_budget_suggests_and_skips_the_sum(void **state)
{
    (void)state;
    static const char text[] =
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 万圆\n"
        "        nature 基本支出 1 万元\n"
        "    }\n"
        "}\n";
    Fixture fx;
    check_text(&fx, text);
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_UNKNOWN_UNIT);
    assert_string_equal(d->msg, "unknown unit '万圆'; did you mean '万元'?");
    assert_int_equal(d->span.start, offset_of(text, "万圆"));
    assert_int_equal(d->span.end, offset_of(text, "万圆") + strlen("万圆"));
    release(&fx);
}

static void test_budget_line_in_a_count_unit_is_reported(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx,
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 人\n"
        "    }\n"
        "}\n");
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_UNIT_DIMENSION);
    assert_string_equal(d->msg, "资金总额 must be money (万元, 元, 亿元), but '人' is 数量");
    release(&fx);
}

static void test_unknown_nature_name_is_reported_with_suggestion(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx,
        "department \"D\" {\n"
        "    year 2026\n"
        "    budget {\n"
        "        total 259.05 万元\n"
        "        nature 基本开支 259.05 万元\n"
        "    }\n"
        "}\n");
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_UNKNOWN_BUDGET_LINE);
    assert_string_equal(d->msg,
        "unknown expenditure nature (按支出性质分) '基本开支'; did you mean '基本支出'?");
    release(&fx);
}

static void test_empty_user_file_is_reported_at_its_end(void **state)
{
    (void)state;
    Fixture fx;
    check_text(&fx, "// nothing here\n");
    const Diag *d = diag_at(&fx, 1, 0);
    assert_int_equal(d->rule, RULE_EMPTY_FILE);
    assert_string_equal(d->msg, "this file holds only comments: no table or declaration");
    assert_int_equal(d->span.start, 16);
    assert_int_equal(d->span.end, 16);
    release(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_department_has_no_diagnostics),
        cmocka_unit_test(test_stdlib_paths_are_marked),
        cmocka_unit_test(test_money_units_have_exact_factors_to_yuan),
        cmocka_unit_test(test_permille_is_a_tenth_of_a_percent),
        cmocka_unit_test(test_people_are_an_integer_count),
        cmocka_unit_test(test_other_dimensions_reduce_to_their_base),
        cmocka_unit_test(test_real_table_spellings_reduce_exactly),
        cmocka_unit_test(test_compound_unit_resolves_to_numerator_over_denominator),
        cmocka_unit_test(test_compound_unit_with_middle_dot_denominator),
        cmocka_unit_test(test_unknown_units_resolve_to_null),
        cmocka_unit_test(test_unit_lookup_is_by_interned_name),
        cmocka_unit_test(test_user_unit_declaration_becomes_resolvable),
        cmocka_unit_test(test_user_unit_with_unknown_dimension_is_reported),
        cmocka_unit_test(test_redeclared_stdlib_unit_is_reported_with_note),
        cmocka_unit_test(test_unit_factor_from_unknown_base_is_reported),
        cmocka_unit_test(test_unit_factor_from_other_dimension_is_reported),
        cmocka_unit_test(test_nature_sum_mismatch_is_one_error_with_notes),
        cmocka_unit_test(test_nature_sum_across_units_is_compared_in_yuan),
        cmocka_unit_test(test_nature_sum_mismatch_across_units_is_shown_in_yuan),
        cmocka_unit_test(test_source_sum_uses_canonical_names),
        cmocka_unit_test(test_unknown_unit_in_budget_suggests_and_skips_the_sum),
        cmocka_unit_test(test_budget_line_in_a_count_unit_is_reported),
        cmocka_unit_test(test_unknown_nature_name_is_reported_with_suggestion),
        cmocka_unit_test(test_empty_user_file_is_reported_at_its_end),
    };
    return cmocka_run_group_tests_name("units", tests, NULL, NULL);
}
