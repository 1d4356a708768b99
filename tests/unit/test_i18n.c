/* Unit tests for src/i18n: the language a locale asks for, lookups in the
 * embedded catalog, the argument check that guards every translated format,
 * and the diagnostics formatter reading numbered arguments. Two sessions in
 * two languages live side by side: nothing is process-wide. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "session.h"
#include "strbuf.h"

/* ===== choosing the language ===== */

static void test_lang_follows_the_first_locale_variable_set(void **state)
{
    (void)state;
    assert_int_equal(i18n_lang_from_env(NULL, NULL, "zh_CN.UTF-8"), LANG_ZH);
    assert_int_equal(i18n_lang_from_env(NULL, NULL, "en_US.UTF-8"), LANG_EN);
    assert_int_equal(i18n_lang_from_env(NULL, "zh_CN.UTF-8", "C"), LANG_ZH);
    assert_int_equal(i18n_lang_from_env("C", "zh_CN.UTF-8", "zh_CN.UTF-8"), LANG_EN);
    assert_int_equal(i18n_lang_from_env("zh_TW.UTF-8", "C", "C"), LANG_ZH);
}

static void test_lang_skips_empty_variables_and_defaults_to_english(void **state)
{
    (void)state;
    assert_int_equal(i18n_lang_from_env("", "", "zh_CN.UTF-8"), LANG_ZH);
    assert_int_equal(i18n_lang_from_env(NULL, NULL, NULL), LANG_EN);
    assert_int_equal(i18n_lang_from_env(NULL, NULL, "POSIX"), LANG_EN);
    assert_int_equal(i18n_lang_from_env(NULL, NULL, "z"), LANG_EN);
}

static void test_lang_parse_takes_zh_and_en_only(void **state)
{
    (void)state;
    Lang l = LANG_EN;
    assert_true(i18n_lang_parse("zh", &l));
    assert_int_equal(l, LANG_ZH);
    assert_true(i18n_lang_parse("en", &l));
    assert_int_equal(l, LANG_EN);
    assert_false(i18n_lang_parse("zh_CN", &l));
    assert_false(i18n_lang_parse("", &l));
}

/* ===== lookups ===== */

static void test_gettext_translates_into_chinese_and_leaves_english(void **state)
{
    (void)state;
    const char *id = "first given here";
    assert_string_equal(i18n_gettext(LANG_ZH, id), "第一次填在这里");
    assert_ptr_equal(i18n_gettext(LANG_EN, id), id);
}

static void test_gettext_returns_an_unknown_id_and_never_the_header(void **state)
{
    (void)state;
    const char *id = "no such message in the catalog";
    assert_ptr_equal(i18n_gettext(LANG_ZH, id), id);
    assert_string_equal(i18n_gettext(LANG_ZH, ""), "");
}

static void test_pgettext_tells_contexts_apart(void **state)
{
    (void)state;
    assert_string_equal(i18n_pgettext(LANG_ZH, "table kind", "project"), "项目");
    assert_string_equal(i18n_pgettext(LANG_ZH, "list", ", "), "、");
    /* the same id without its context is another message */
    assert_string_equal(i18n_gettext(LANG_ZH, "project"), "project");
}

static void test_ngettext_chooses_the_english_form_by_count(void **state)
{
    (void)state;
    assert_string_equal(i18n_ngettext(LANG_EN, "%zu error", "%zu errors", 1), "%zu error");
    assert_string_equal(i18n_ngettext(LANG_EN, "%zu error", "%zu errors", 2), "%zu errors");
    assert_string_equal(i18n_ngettext(LANG_ZH, "%zu error", "%zu errors", 2), "%zu 个错误");
}

static void test_strerror_is_translated_by_its_words(void **state)
{
    (void)state;
    assert_string_equal(i18n_strerror(LANG_ZH, ENOENT), "没有那个文件或目录");
    assert_string_equal(i18n_strerror(LANG_EN, ENOENT), "No such file or directory");
}

/* ===== the argument check ===== */

static void test_same_arguments_allows_reordering_by_number(void **state)
{
    (void)state;
    assert_true(i18n_same_arguments("%s is %zu", "%2$zu 是 %1$s"));
    assert_true(i18n_same_arguments("'%.*s' (U+%04X)", "“%.*s”（U+%04X）"));
    assert_true(i18n_same_arguments("%.*s and %s", "%3$s 和 %2$.*1$s"));
    assert_true(i18n_same_arguments("100 %%", "百分之百 %%"));
    assert_false(i18n_same_arguments("%1$s; %1$s", "%s; %s"));
}

static void test_same_arguments_rejects_other_types_counts_and_mixes(void **state)
{
    (void)state;
    assert_false(i18n_same_arguments("%s", "%d"));
    assert_false(i18n_same_arguments("%s %s", "%s"));
    assert_false(i18n_same_arguments("%zu", "%u"));
    assert_false(i18n_same_arguments("%s %s", "%1$s %s"));
    assert_false(i18n_same_arguments("%s %s", "%2$s"));
    assert_false(i18n_same_arguments("%s", "%f"));
}

static void test_format_falls_back_to_english_for_a_wrong_translation(void **state)
{
    (void)state;
    /* every translation in the catalog passes; an id with none is itself */
    const char *id = "%s %s is too large to convert exactly";
    assert_true(i18n_same_arguments(id, i18n_format(LANG_ZH, id)));
    assert_string_not_equal(i18n_format(LANG_ZH, id), id);
    assert_ptr_equal(i18n_format(LANG_ZH, "%s and %d, untranslated"), "%s and %d, untranslated");
}

/* ===== messages of a session ===== */

static void test_two_sessions_report_in_their_own_languages(void **state)
{
    (void)state;
    Session zh, en;
    session_init(&zh);
    session_init(&en);
    zh.lang = LANG_ZH;
    Span none = {SPAN_NO_FILE, 0, 0};
    const char *fmt = "the value %s of '%s' has no unit (e.g. 人, 次, %%, 万元)";
    Diag *a = diag_report(&zh, RULE_MISSING_UNIT, none, fmt, "30.5", "走访群众");
    Diag *b = diag_report(&en, RULE_MISSING_UNIT, none, fmt, "30.5", "走访群众");
    /* the Chinese puts the name first: %2$s, then %1$s */
    assert_string_equal(a->msg, "“走访群众”的值 30.5 没有单位（例如 人、次、%、万元）");
    assert_string_equal(b->msg, "the value 30.5 of '走访群众' has no unit (e.g. 人, 次, %, 万元)");
    session_free(&zh);
    session_free(&en);
}

static void test_numbered_arguments_are_neutralised_and_bounded(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    s.lang = LANG_ZH;
    Span none = {SPAN_NO_FILE, 0, 0};
    Diag *d = diag_report(&s, RULE_MISSING_UNIT, none,
                          "the value %s of '%s' has no unit (e.g. 人, 次, %%, 万元)", "1",
                          "a\033[31mb");
    assert_non_null(strstr(d->msg, "<U+001B>"));
    assert_null(strchr(d->msg, '\033'));
    session_free(&s);
}

static void test_summary_line_in_chinese(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    s.lang = LANG_ZH;
    Span none = {SPAN_NO_FILE, 0, 0};
    diag_report(&s, RULE_MISSING_UNIT, none, "x");
    diag_report(&s, RULE_EMPTY_CATEGORY, none, "y");
    diag_report(&s, RULE_EMPTY_CATEGORY, none, "z");
    StrBuf sb = STRBUF_INIT;
    RenderOptions plain = {false, COLUMN_CODEPOINT};
    diag_render_summary(&s, &sb, plain);
    assert_string_equal(strbuf_cstr(&sb), "共 1 个错误、2 个警告。\n");
    strbuf_release(&sb);
    s.lang = LANG_EN;
    diag_render_summary(&s, &sb, plain);
    assert_string_equal(strbuf_cstr(&sb), "1 error, 2 warnings generated.\n");
    strbuf_release(&sb);
    session_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lang_follows_the_first_locale_variable_set),
        cmocka_unit_test(test_lang_skips_empty_variables_and_defaults_to_english),
        cmocka_unit_test(test_lang_parse_takes_zh_and_en_only),
        cmocka_unit_test(test_gettext_translates_into_chinese_and_leaves_english),
        cmocka_unit_test(test_gettext_returns_an_unknown_id_and_never_the_header),
        cmocka_unit_test(test_pgettext_tells_contexts_apart),
        cmocka_unit_test(test_ngettext_chooses_the_english_form_by_count),
        cmocka_unit_test(test_strerror_is_translated_by_its_words),
        cmocka_unit_test(test_same_arguments_allows_reordering_by_number),
        cmocka_unit_test(test_same_arguments_rejects_other_types_counts_and_mixes),
        cmocka_unit_test(test_format_falls_back_to_english_for_a_wrong_translation),
        cmocka_unit_test(test_two_sessions_report_in_their_own_languages),
        cmocka_unit_test(test_numbered_arguments_are_neutralised_and_bounded),
        cmocka_unit_test(test_summary_line_in_chinese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
