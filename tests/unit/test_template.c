/* Unit tests for src/template.c (`ptlc new`): every template, in both
 * keyword languages, named and unnamed, checked through the whole pipeline
 * on in-memory sources reports exactly the findings its comments document
 * (tests/check-new.sh holds the comments to the same list); both languages
 * make the same tables; a name is always one .ptl string, whatever it
 * holds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "program.h"
#include "session.h"
#include "template.h"

/* "error[rule] warning[rule] " for each finding of checking the sources,
 * in report order ("" when there is none). */
static void findings(const char *const *texts, size_t n, char *out, size_t cap)
{
    Session s;
    Program prog;
    session_init(&s);
    for (size_t i = 0; i < n; i++) {
        char path[32];
        snprintf(path, sizeof path, "t%zu.ptl", i);
        session_add_source(&s, path, texts[i], strlen(texts[i]));
    }
    const char *err = NULL;
    assert_true(driver_check_loaded(&s, &prog, NULL, &err));
    assert_null(err);
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < s.diags.len; i++) {
        const Diag *d = s.diags.items[i];
        if (d->sev < SEV_WARNING)
            continue;
        len += (size_t)snprintf(out + len, cap - len, "%s[%s] ",
                                d->sev == SEV_ERROR ? "error" : "warning", rule_info[d->rule].name);
        assert_true(len < cap);
    }
    program_free(&prog);
    session_free(&s);
}

static char *render(TemplateKind k, Lang lang, const char *name)
{
    StrBuf sb = STRBUF_INIT;
    assert_true(template_render(k, lang, name, 2026, &sb));
    return strbuf_detach(&sb, NULL);
}

static void assert_findings(const char *const *texts, size_t n, const char *want)
{
    char got[1024];
    findings(texts, n, got, sizeof got);
    assert_string_equal(got, want);
}

static const Lang langs[] = {LANG_ZH, LANG_EN};

/* The findings each template's comments promise. */
static void test_named_tables_check_clean(void **state)
{
    (void)state;
    for (size_t l = 0; l < ARRAY_LEN(langs); l++) {
        char *d = render(TEMPLATE_DEPARTMENT, langs[l], "示例单位");
        char *p = render(TEMPLATE_PROJECT, langs[l], "示例项目");
        char *e = render(TEMPLATE_EVALUATION, langs[l], "示例项目");
        assert_findings((const char *const[]){d}, 1, "");
        assert_findings((const char *const[]){p}, 1, "");
        assert_findings((const char *const[]){p, e}, 2, "");
        assert_findings((const char *const[]){e}, 1, "error[evaluation-target] ");
        free(d), free(p), free(e);
    }
}

static void test_unnamed_tables_report_the_placeholder(void **state)
{
    (void)state;
    for (size_t l = 0; l < ARRAY_LEN(langs); l++) {
        char *d = render(TEMPLATE_DEPARTMENT, langs[l], NULL);
        char *p = render(TEMPLATE_PROJECT, langs[l], NULL);
        char *e = render(TEMPLATE_EVALUATION, langs[l], NULL);
        assert_findings((const char *const[]){d}, 1, "error[placeholder] ");
        assert_findings((const char *const[]){p}, 1, "error[placeholder] ");
        assert_findings((const char *const[]){e}, 1, "error[evaluation-target] ");
        assert_non_null(strstr(d, " \"××单位\" {\n"));
        assert_non_null(strstr(p, " \"××项目\" {\n"));
        free(d), free(p), free(e);
    }
}

/* Every mark is replaced, and exactly one of each @named/@unnamed pair
 * of lines is kept. */
static void test_no_mark_is_left(void **state)
{
    (void)state;
    for (int k = 0; k < TEMPLATE_KIND_COUNT; k++)
        for (size_t l = 0; l < ARRAY_LEN(langs); l++)
            for (int named = 0; named < 2; named++) {
                char *t = render((TemplateKind)k, langs[l], named ? "名称" : NULL);
                assert_null(strchr(t, '@'));
                assert_non_null(strstr(t, " 2026"));
                free(t);
            }
}

static void test_zh_and_en_differ_only_in_keywords_and_comments(void **state)
{
    (void)state;
    char *zh = render(TEMPLATE_PROJECT, LANG_ZH, "示例项目");
    char *en = render(TEMPLATE_PROJECT, LANG_EN, "示例项目");
    assert_non_null(strstr(zh, "项目 \"示例项目\" {\n    年度 2026"));
    assert_non_null(strstr(en, "project \"示例项目\" {\n    year 2026"));
    assert_null(strstr(zh, "indicators {"));
    assert_null(strstr(en, "绩效指标 {"));
    free(zh), free(en);
}

static void test_name_is_one_string(void **state)
{
    (void)state;
    char *t = render(TEMPLATE_PROJECT, LANG_EN, "a\"b\\c\nd\te\x1b[2J\u202ef");
    assert_non_null(strstr(t, "project \"a\\\"b\\\\c\\nd\\te\\u{1B}[2J\\u{202E}f\" {\n"));
    free(t);
    /* and it checks as that one name: no syntax error */
    t = render(TEMPLATE_PROJECT, LANG_ZH, "培训\"项目\"\n二期");
    assert_findings((const char *const[]){t}, 1, "");
    free(t);
}

static void test_name_that_is_not_utf8_is_refused(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    assert_false(template_render(TEMPLATE_DEPARTMENT, LANG_ZH, "\xff\xfe", 2026, &sb));
    assert_int_equal(sb.len, 0);
    strbuf_release(&sb);
}

static void test_kind_words(void **state)
{
    (void)state;
    static const struct { const char *word; TemplateKind kind; bool zh; } cases[] = {
        {"department", TEMPLATE_DEPARTMENT, false}, {"部门", TEMPLATE_DEPARTMENT, true},
        {"project", TEMPLATE_PROJECT, false},       {"项目", TEMPLATE_PROJECT, true},
        {"evaluation", TEMPLATE_EVALUATION, false}, {"自评", TEMPLATE_EVALUATION, true},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        TemplateKind k;
        bool zh;
        assert_true(template_kind_parse(cases[i].word, &k, &zh));
        assert_int_equal(k, cases[i].kind);
        assert_int_equal(zh, cases[i].zh);
    }
    TemplateKind k;
    assert_false(template_kind_parse("Project", &k, NULL));
    assert_false(template_kind_parse("", &k, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_named_tables_check_clean),
        cmocka_unit_test(test_unnamed_tables_report_the_placeholder),
        cmocka_unit_test(test_no_mark_is_left),
        cmocka_unit_test(test_zh_and_en_differ_only_in_keywords_and_comments),
        cmocka_unit_test(test_name_is_one_string),
        cmocka_unit_test(test_name_that_is_not_utf8_is_refused),
        cmocka_unit_test(test_kind_words),
    };
    return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
