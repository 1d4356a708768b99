/* Unit tests for the scoring of self-evaluations (check_eval.c), through
 * the whole pipeline on in-memory sources: each formula of
 * docs/evaluation.md with the actual value moved across the target, so a
 * changed 实际完成值 is seen to change the score by exactly the formula's
 * amount, rounded once to 2 decimals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "decimal.h"
#include "driver.h"
#include "program.h"
#include "session.h"
#include "settings.h"

typedef struct Fixture {
    Session s;
    Program prog;
    char text[4096];
} Fixture;

/* A target with one indicator `target` under 产出指标 › 数量指标, and its
 * evaluation with one result line `result` and 全年执行数 `spent` of the
 * 30 万元 budget. */
static void check_eval(Fixture *fx, const char *target, const char *result, const char *spent)
{
    snprintf(fx->text, sizeof fx->text,
             "project \"P\" {\n"
             "    year 2020\n"
             "    framework old\n"
             "    budget {\n"
             "        total 30 万元\n"
             "        source 本年财政拨款 30 万元\n"
             "    }\n"
             "    goal \"g\"\n"
             "    indicators {\n"
             "        产出指标 { 数量指标 {\n"
             "            %s\n"
             "        } }\n"
             "    }\n"
             "}\n"
             "evaluation \"P\" {\n"
             "    year 2020\n"
             "    execution {\n"
             "        total %s\n"
             "    }\n"
             "    results {\n"
             "        %s\n"
             "    }\n"
             "}\n",
             target, spent, result);
    session_init(&fx->s);
    session_add_source(&fx->s, "t.ptl", fx->text, strlen(fx->text));
    const char *err = NULL;
    assert_true(driver_check_loaded(&fx->s, &fx->prog, NULL, &err));
    assert_null(err);
    assert_int_equal(fx->prog.evaluations.len, 1);
}

static void release(Fixture *fx)
{
    program_free(&fx->prog);
    session_free(&fx->s);
}

static const Table *evaluation(Fixture *fx)
{
    return fx->prog.evaluations.items[0];
}

static const Result *result(Fixture *fx)
{
    const Field *res = evaluation(fx)->field[FIELD_RESULTS];
    assert_non_null(res);
    assert_int_equal(res->lines.len, 1);
    return res->lines.items[0];
}

static const char *text_of(Decimal d, char buf[DEC_BUFSZ])
{
    dec_format(dec_normalize(d), buf, DEC_BUFSZ);
    return buf;
}

/* The score of one result, as text ("" when not scored). */
static const char *score_of(const char *target, const char *line, ScoreMethod *method)
{
    static char buf[DEC_BUFSZ];
    Fixture fx;
    check_eval(&fx, target, line, "30 万元");
    const Result *r = result(&fx);
    *method = r->method;
    if (r->has_score)
        text_of(r->score, buf);
    else
        buf[0] = '\0';
    release(&fx);
    return buf;
}

static void assert_score(const char *target, const char *line, const char *want,
                         ScoreMethod want_method)
{
    ScoreMethod m;
    assert_string_equal(score_of(target, line, &m), want);
    assert_int_equal(m, want_method);
}

static size_t count_rule(Fixture *fx, RuleId rule)
{
    size_t n = 0;
    for (size_t i = 0; i < fx->s.diags.len; i++)
        n += ((const Diag *)fx->s.diags.items[i])->rule == rule;
    return n;
}

/* ≥: 分值 × actual / target below the target, the full 分值 at or above it
 * (doing better earns no more). */
static void test_at_least_scores_in_proportion_and_caps(void **state)
{
    (void)state;
    const char *t = "\"救助人次\" ≥ 80 人次";
    assert_score(t, "\"救助人次\" 72 人次 score 25", "22.5", SCORE_RATIO);
    /* one more 人次 is 25 / 80 = 0.3125 more, rounded once: 22.8125 */
    assert_score(t, "\"救助人次\" 73 人次 score 25", "22.81", SCORE_RATIO);
    assert_score(t, "\"救助人次\" 80 人次 score 25", "25", SCORE_MET);
    assert_score(t, "\"救助人次\" 200 人次 score 25", "25", SCORE_MET);
    assert_score(t, "\"救助人次\" 0 人次 score 25", "0", SCORE_RATIO);
}

/* ≤: 分值 × target / actual above the target (a smaller actual is better). */
static void test_at_most_scores_inversely(void **state)
{
    (void)state;
    const char *t = "\"户均救助金额\" ≤ 5300 元/户";
    assert_score(t, "\"户均救助金额\" 5830 元/户 score 10", "9.09", SCORE_INVERSE);
    assert_score(t, "\"户均救助金额\" 10600 元/户 score 10", "5", SCORE_INVERSE);
    assert_score(t, "\"户均救助金额\" 5300 元/户 score 10", "10", SCORE_MET);
    assert_score(t, "\"户均救助金额\" 0 元/户 score 10", "10", SCORE_MET);
}

/* =: in proportion below, inversely above; a range: against its nearer end. */
static void test_exact_and_range_targets(void **state)
{
    (void)state;
    assert_score("\"培训次数\" = 100 次", "\"培训次数\" 90 次 score 10", "9", SCORE_RATIO);
    assert_score("\"培训次数\" = 100 次", "\"培训次数\" 110 次 score 10", "9.09", SCORE_INVERSE);
    assert_score("\"培训次数\" = 100 次", "\"培训次数\" 100 次 score 10", "10", SCORE_MET);
    assert_score("\"培训次数\" = 80..90 次", "\"培训次数\" 70 次 score 10", "8.75", SCORE_RATIO);
    assert_score("\"培训次数\" = 80..90 次", "\"培训次数\" 95 次 score 10", "9.47", SCORE_INVERSE);
    assert_score("\"培训次数\" = 80..90 次", "\"培训次数\" 85 次 score 10", "10", SCORE_MET);
}

/* Half away from zero, once: 25 × 1 / 8 = 3.125 is 3.13. */
static void test_rounding_is_half_away_from_zero(void **state)
{
    (void)state;
    assert_score("\"建成项目\" ≥ 8 个", "\"建成项目\" 1 个 score 25", "3.13", SCORE_RATIO);
    assert_score("\"建成项目\" ≥ 8 个", "\"建成项目\" 3 个 score 25", "9.38", SCORE_RATIO);
}

/* Units of one base convert exactly; no unit means the target's. */
static void test_actual_in_another_unit_is_converted(void **state)
{
    (void)state;
    assert_score("\"带动增收\" ≥ 10 万元", "\"带动增收\" 50000 元 score 10", "5", SCORE_RATIO);
    assert_score("\"带动增收\" ≥ 10 万元", "\"带动增收\" 5 score 10", "5", SCORE_RATIO);
    Fixture fx;
    check_eval(&fx, "\"救助人次\" ≥ 80 人次", "\"救助人次\" 80 人 score 10", "30 万元");
    assert_false(result(&fx)->has_score);
    assert_int_equal(count_rule(&fx, RULE_ACTUAL_UNIT), 1);
    release(&fx);
}

/* No operator printed: the one missing-operator names (≤ for what should fall). */
static void test_missing_operator_scores_with_the_likely_one(void **state)
{
    (void)state;
    assert_score("\"种植面积\" 29.5 亩", "\"种植面积\" 20 亩 score 10", "6.78", SCORE_RATIO);
    assert_score("\"投诉率\" 4 %", "\"投诉率\" 5 % score 10", "8", SCORE_INVERSE);
}

/* 定性: 达成 full unless a 得分 inside 80–100 % is written; 部分达成 the
 * written one inside 60–80 %, else 60 %; 未达成 0 unless written below 60 %. */
static void test_qualitative_bands(void **state)
{
    (void)state;
    const char *t = "\"制度执行情况\" 定性 \"严格执行\"";
    assert_score(t, "\"制度执行情况\" \"达成预期指标\" score 10", "10", SCORE_BAND);
    assert_score(t, "\"制度执行情况\" \"达成预期指标\" score 10 scored 8.5", "8.5", SCORE_BAND);
    assert_score(t, "\"制度执行情况\" \"部分达成\" score 10 scored 7", "7", SCORE_BAND);
    assert_score(t, "\"制度执行情况\" \"部分达成\" score 10", "6", SCORE_BAND);
    assert_score(t, "\"制度执行情况\" \"未完成\" score 10", "0", SCORE_BAND);
    Fixture fx;
    check_eval(&fx, t, "\"制度执行情况\" \"部分达成\" score 10 scored 9", "30 万元");
    assert_int_equal(count_rule(&fx, RULE_SCORE_MISMATCH), 1);
    char buf[DEC_BUFSZ];
    assert_string_equal(text_of(result(&fx)->band_lo, buf), "6");
    assert_string_equal(text_of(result(&fx)->band_hi, buf), "8");
    release(&fx);
}

/* A 时效 date: met by the date, full points; missed, the written 得分 below
 * full stands, none is 0. */
static void test_date_targets(void **state)
{
    (void)state;
    const char *t = "\"完工时间\" ≤ 2026-11-30";
    assert_score(t, "\"完工时间\" 2026-11-20 score 10", "10", SCORE_MET);
    assert_score(t, "\"完工时间\" 2026-11-30 score 10", "10", SCORE_MET);
    assert_score(t, "\"完工时间\" 2026-12-05 score 10", "0", SCORE_BAND);
    assert_score(t, "\"完工时间\" 2026-12-05 score 10 scored 6 reason \"汛期停工\"", "6", SCORE_BAND);
    assert_score("\"完工时间\" ≤ 2026-11", "\"完工时间\" 2026-11-30 score 10", "10", SCORE_MET);
}

/* 分值 from the target's weight when the result writes none; no 分值 at
 * all: not scored. */
static void test_points_come_from_the_result_or_the_weight(void **state)
{
    (void)state;
    assert_score("\"救助人次\" ≥ 80 人次 weight 20", "\"救助人次\" 40 人次", "10", SCORE_RATIO);
    assert_score("\"救助人次\" ≥ 80 人次", "\"救助人次\" 40 人次", "", SCORE_NONE);
}

static void exec_of(const char *spent, const char *want_rate, const char *want_score)
{
    Fixture fx;
    char buf[DEC_BUFSZ];
    check_eval(&fx, "\"救助人次\" ≥ 80 人次", "\"救助人次\" 80 人次 score 90", spent);
    const EvalSummary *e = evaluation(&fx)->eval;
    assert_true(e->has_rate);
    assert_string_equal(text_of(e->rate, buf), want_rate);
    assert_string_equal(text_of(e->exec_score, buf), want_score);
    release(&fx);
}

/* 执行率 = 全年执行数 / 全年预算数 in %, and 分值 × 执行率, capped. */
static void test_execution_rate_and_its_points(void **state)
{
    (void)state;
    exec_of("27 万元", "90", "9");
    exec_of("30 万元", "100", "10");
    exec_of("31 万元", "103.33", "10");
    exec_of("29.99 万元", "99.97", "10");     /* 9.9966… rounds to 10.00 */
    exec_of("20 万元", "66.67", "6.67");
    exec_of("100000 元", "33.33", "3.33");
}

/* An execution block of source rows alone: 资金总额 is their sum. */
static void test_execution_from_the_sources_alone(void **state)
{
    (void)state;
    Fixture fx;
    char buf[DEC_BUFSZ];
    snprintf(fx.text, sizeof fx.text,
             "project \"P\" {\n year 2020\n framework old\n budget {\n total 30 万元\n"
             " source 本年财政拨款 30 万元\n }\n goal \"g\"\n indicators {\n"
             " 产出指标 { 数量指标 { \"救助人次\" ≥ 80 人次 } }\n }\n}\n"
             "evaluation \"P\" {\n year 2020\n execution {\n source 本年财政拨款 24 万元\n }\n"
             " results { \"救助人次\" 80 人次 score 90 }\n}\n");
    session_init(&fx.s);
    session_add_source(&fx.s, "t.ptl", fx.text, strlen(fx.text));
    const char *err = NULL;
    assert_true(driver_check_loaded(&fx.s, &fx.prog, NULL, &err));
    const EvalSummary *e = evaluation(&fx)->eval;
    assert_true(e->has_rate);
    assert_string_equal(text_of(e->rate, buf), "80");
    assert_string_equal(text_of(e->exec_score, buf), "8");
    release(&fx);
}

/* The total adds the rounded scores; the grade follows it. */
static void test_total_and_grade(void **state)
{
    (void)state;
    Fixture fx;
    char buf[DEC_BUFSZ];
    check_eval(&fx, "\"救助人次\" ≥ 80 人次", "\"救助人次\" 72 人次 score 90", "27 万元");
    const EvalSummary *e = evaluation(&fx)->eval;
    assert_true(e->has_total);
    assert_string_equal(text_of(e->total, buf), "90");    /* 9 + 90 × 72 / 80 = 81 */
    assert_string_equal(e->grade, "优");
    release(&fx);
    check_eval(&fx, "\"救助人次\" ≥ 80 人次", "\"救助人次\" 71 人次 score 90", "27 万元");
    e = evaluation(&fx)->eval;
    assert_string_equal(text_of(e->total, buf), "88.88");   /* 9 + 79.875 → 79.88 */
    assert_string_equal(e->grade, "良");
    release(&fx);
}

/* 019's arithmetic: a written 得分 of 5 for 5 × 4604 / 4754 = 4.84. */
static void test_written_score_is_checked(void **state)
{
    (void)state;
    Fixture fx;
    check_eval(&fx, "\"特困人员救助供养人数\" ≥ 4754 人",
               "\"特困人员救助供养人数\" 4604 人 score 5 scored 5 reason \"动态管理\"", "30 万元");
    assert_int_equal(count_rule(&fx, RULE_SCORE_MISMATCH), 1);
    char buf[DEC_BUFSZ];
    assert_string_equal(text_of(result(&fx)->score, buf), "4.84");
    release(&fx);
    /* the same score written to one decimal agrees */
    check_eval(&fx, "\"特困人员救助供养人数\" ≥ 4754 人",
               "\"特困人员救助供养人数\" 4604 人 score 5 scored 4.8 reason \"动态管理\"", "30 万元");
    assert_int_equal(count_rule(&fx, RULE_SCORE_MISMATCH), 0);
    release(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_at_least_scores_in_proportion_and_caps),
        cmocka_unit_test(test_at_most_scores_inversely),
        cmocka_unit_test(test_exact_and_range_targets),
        cmocka_unit_test(test_rounding_is_half_away_from_zero),
        cmocka_unit_test(test_actual_in_another_unit_is_converted),
        cmocka_unit_test(test_missing_operator_scores_with_the_likely_one),
        cmocka_unit_test(test_qualitative_bands),
        cmocka_unit_test(test_points_come_from_the_result_or_the_weight),
        cmocka_unit_test(test_date_targets),
        cmocka_unit_test(test_execution_from_the_sources_alone),
        cmocka_unit_test(test_execution_rate_and_its_points),
        cmocka_unit_test(test_total_and_grade),
        cmocka_unit_test(test_written_score_is_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
