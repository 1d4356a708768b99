/* Unit tests for src/diag: queueing (severity from the rule table, error
 * limit, notes), sorting, and the exact human rendering: header, source line
 * behind the gutter, caret line in display columns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ast.h"
#include "diag.h"
#include "session.h"
#include "strbuf.h"

static const RenderOptions plain = {false, COLUMN_CODEPOINT};

static uint32_t add(Session *s, const char *text)
{
    return session_add_source(s, "t.ptl", text, strlen(text));
}

static Span at(uint32_t file, uint32_t start, uint32_t end)
{
    Span sp = {file, start, end};
    return sp;
}

/* Renders the whole queue and compares it with want. */
static void assert_renders(Session *s, const char *want)
{
    StrBuf sb = STRBUF_INIT;
    diag_render_human(s, &sb, plain);
    assert_string_equal(strbuf_cstr(&sb), want);
    strbuf_release(&sb);
}

static void assert_summary(const Session *s, const char *want)
{
    StrBuf sb = STRBUF_INIT;
    diag_render_summary(s, &sb, plain);
    assert_string_equal(strbuf_cstr(&sb), want);
    strbuf_release(&sb);
}

/* ===== rendering one line ===== */

static void test_render_ascii_line_puts_caret_and_tildes_under_span(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "budget {\n    total 12 wan\n}\n");
    diag_report(&s, RULE_UNKNOWN_UNIT, at(f, 22, 25), "unknown unit '%s'", "wan");
    assert_renders(&s,
        "t.ptl:2:14: error[unknown-unit]: unknown unit 'wan'\n"
        "    2 |     total 12 wan\n"
        "      |              ^~~\n");
    session_free(&s);
}

static void test_render_span_at_line_start_has_no_padding(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "year 2026\n");
    diag_report(&s, RULE_SYNTAX, at(f, 0, 4), "msg");
    assert_renders(&s,
        "t.ptl:1:1: error[syntax]: msg\n"
        "    1 | year 2026\n"
        "      | ^~~~\n");
    session_free(&s);
}

static void test_render_one_byte_span_is_a_lone_caret(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "a { b");
    diag_report(&s, RULE_SYNTAX, at(f, 2, 3), "unclosed");
    assert_renders(&s,
        "t.ptl:1:3: error[syntax]: unclosed\n"
        "    1 | a { b\n"
        "      |   ^\n");
    session_free(&s);
}

static void test_render_caret_after_cjk_counts_two_columns_each(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    /* "nature " is 7 bytes, 基本支出 12, then a space: 139.06 is at 20..26 */
    uint32_t f = add(&s, "nature 基本支出 139.06 万元\n");
    diag_report(&s, RULE_UNKNOWN_UNIT, at(f, 20, 26), "msg");
    assert_renders(&s,
        "t.ptl:1:13: error[unknown-unit]: msg\n"
        "    1 | nature 基本支出 139.06 万元\n"
        "      |                 ^~~~~~\n");
    session_free(&s);
}

static void test_render_span_over_cjk_has_tildes_for_its_display_width(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "nature 基本支出 139.06 万元\n");
    diag_report(&s, RULE_UNKNOWN_UNIT, at(f, 27, 33), "unknown unit '万元'");
    assert_renders(&s,
        "t.ptl:1:20: error[unknown-unit]: unknown unit '万元'\n"
        "    1 | nature 基本支出 139.06 万元\n"
        "      |                        ^~~~\n");
    session_free(&s);
}

static void test_render_expands_tabs_to_stops_of_eight(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    /* tab -> col 8, "ab" -> 10, tab -> 16, 'x' at display column 16 */
    uint32_t f = add(&s, "\tab\tx y\n");
    diag_report(&s, RULE_SYNTAX, at(f, 4, 5), "here");
    assert_renders(&s,
        "t.ptl:1:5: error[syntax]: here\n"
        "    1 |         ab      x y\n"
        "      |                 ^\n");
    session_free(&s);
}

static void test_render_tab_inside_span_widens_the_tildes(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    /* span "a\tb": a at 0, tab to 8, b at 8: 9 columns */
    uint32_t f = add(&s, "a\tb");
    diag_report(&s, RULE_SYNTAX, at(f, 0, 3), "m");
    assert_renders(&s,
        "t.ptl:1:1: error[syntax]: m\n"
        "    1 | a       b\n"
        "      | ^~~~~~~~~\n");
    session_free(&s);
}

static void test_render_clips_span_to_end_of_its_first_line(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "total 12 wan\nnext line\n");
    diag_report(&s, RULE_UNKNOWN_UNIT, at(f, 9, 20), "msg");
    assert_renders(&s,
        "t.ptl:1:10: error[unknown-unit]: msg\n"
        "    1 | total 12 wan\n"
        "      |          ^~~\n");
    session_free(&s);
}

static void test_render_clips_span_past_eof(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "ab\r\ncd");
    diag_report(&s, RULE_SYNTAX, at(f, 5, 500), "msg");
    assert_renders(&s,
        "t.ptl:2:2: error[syntax]: msg\n"
        "    2 | cd\n"
        "      |  ^\n");
    session_free(&s);
}

static void test_render_crlf_line_hides_the_cr(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "year 2026\r\nbudget\r\n");
    diag_report(&s, RULE_SYNTAX, at(f, 11, 17), "msg");
    assert_renders(&s,
        "t.ptl:2:1: error[syntax]: msg\n"
        "    2 | budget\n"
        "      | ^~~~~~\n");
    session_free(&s);
}

static void test_render_zero_width_span_at_eof_without_newline(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "year 2026");
    diag_report(&s, RULE_SYNTAX, at(f, 9, 9), "expected '}'");
    assert_renders(&s,
        "t.ptl:1:10: error[syntax]: expected '}'\n"
        "    1 | year 2026\n"
        "      |          ^\n");
    session_free(&s);
}

static void test_render_zero_width_span_at_eof_after_newline_shows_empty_line(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "year 2026\n");
    diag_report(&s, RULE_EMPTY_FILE, at(f, 10, 10), "empty");
    assert_renders(&s,
        "t.ptl:2:1: error[empty-file]: empty\n"
        "    2 | \n"
        "      | ^\n");
    session_free(&s);
}

static void test_render_zero_width_span_in_empty_file(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "");
    diag_report(&s, RULE_EMPTY_FILE, at(f, 0, 0), "this file is empty");
    assert_renders(&s,
        "t.ptl:1:1: error[empty-file]: this file is empty\n"
        "    1 | \n"
        "      | ^\n");
    session_free(&s);
}

static void test_render_invalid_utf8_byte_as_its_hex_value(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "ab\xFF" "cd x\n");
    diag_report(&s, RULE_ENCODING, at(f, 6, 7), "msg");
    assert_renders(&s,
        "t.ptl:1:7: error[encoding]: msg\n"
        "    1 | ab<FF>cd x\n"
        "      |          ^\n");
    session_free(&s);
}

static void test_render_invalid_byte_itself_gets_the_caret(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "区\xC0\x80z");
    diag_report(&s, RULE_ENCODING, at(f, 3, 4), "invalid UTF-8 byte 0xC0");
    assert_renders(&s,
        "t.ptl:1:2: error[encoding]: invalid UTF-8 byte 0xC0\n"
        "    1 | 区<C0><80>z\n"
        "      |   ^~~~\n");
    session_free(&s);
}

static void test_render_control_characters_as_code_points(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "a\x01" "b\x7F" "c");
    diag_report(&s, RULE_SYNTAX, at(f, 4, 5), "msg");
    assert_renders(&s,
        "t.ptl:1:5: error[syntax]: msg\n"
        "    1 | a<U+0001>b<U+007F>c\n"
        "      |                   ^\n");
    session_free(&s);
}

/* Every %s argument: controls and bidi characters as <U+...>, bad bytes as
 * <FF>, cut after 160 code points; numbers and the format itself as is. */
static void test_message_arguments_are_neutralised_and_bounded(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "x\n");
    StrBuf long_name = STRBUF_INIT;
    for (int i = 0; i < 1000; i++)
        strbuf_adds(&long_name, "预");
    Diag *d = diag_report(&s, RULE_UNKNOWN_UNIT, at(f, 0, 1), "unit '%s' and '%.*s', %zu/%d %04X%%",
                          "\x1B[2J\xE2\x80\xAE\xFF", 2, "ab\x07", (size_t)7, -3, 0x2Au);
    assert_string_equal(d->msg, "unit '<U+001B>[2J<U+202E><FF>' and 'ab', 7/-3 002A%");
    d = diag_report(&s, RULE_UNKNOWN_UNIT, at(f, 0, 1), "'%s'", long_name.buf);
    StrBuf want = STRBUF_INIT;
    strbuf_addc(&want, '\'');
    for (int i = 0; i < 160; i++)
        strbuf_adds(&want, "预");
    strbuf_adds(&want, "…'");
    assert_string_equal(d->msg, want.buf);
    strbuf_release(&want);
    strbuf_release(&long_name);
    session_free(&s);
}

static void test_file_name_is_neutralised(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = session_add_source(&s, "a\x1B[31m\xFF.ptl", "x\n", 2);
    diag_report(&s, RULE_SYNTAX, at(f, 0, 1), "msg");
    assert_renders(&s,
        "a<U+001B>[31m<FF>.ptl:1:1: error[syntax]: msg\n"
        "    1 | x\n"
        "      | ^\n");
    session_free(&s);
}

/* A diagnostic near the start of a 1 MB line shows a window around it. */
static void test_long_line_window_costs_no_full_scan(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    StrBuf line = STRBUF_INIT;
    strbuf_adds(&line, "ab ");
    strbuf_repeat(&line, 'x', 1 << 20);
    uint32_t f = session_add_source(&s, "t.ptl", line.buf, line.len);
    diag_report(&s, RULE_SYNTAX, at(f, 3, 4), "msg");
    StrBuf out = STRBUF_INIT;
    diag_render_human(&s, &out, (RenderOptions){false, COLUMN_CODEPOINT});
    const char *second = strchr(out.buf, '\n') + 1;
    assert_true(strncmp(second, "    1 | ab xxxx", 15) == 0);
    assert_true(strstr(second, "...\n") != NULL);
    assert_true(out.len < 400);
    strbuf_release(&out);
    strbuf_release(&line);
    session_free(&s);
}

/* A table's allow and an indicator's allow of the same rule: the
 * indicator's, the innermost, silences a finding inside the indicator. */
static void test_innermost_allow_is_used(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "0123456789012345678901234567890123456789\n");
    Allow table = {0}, ind = {0}, other = {0};
    table.scope = (Span){f, 0, 30};
    ind.scope = (Span){f, 10, 20};
    other.scope = (Span){f, 22, 25};
    table.rule_id = ind.rule_id = other.rule_id = RULE_EMPTY_CATEGORY;
    ptrvec_push(&s.arena, &s.allows, &table);
    ptrvec_push(&s.arena, &s.allows, &ind);
    ptrvec_push(&s.arena, &s.allows, &other);
    diag_index_allows(&s);
    assert_null(diag_report(&s, RULE_EMPTY_CATEGORY, at(f, 15, 16), "in the indicator"));
    assert_true(ind.used);
    assert_false(table.used);
    assert_null(diag_report(&s, RULE_EMPTY_CATEGORY, at(f, 21, 22), "between"));
    assert_true(table.used);
    assert_false(other.used);
    assert_non_null(diag_report(&s, RULE_EMPTY_CATEGORY, at(f, 31, 32), "outside"));
    assert_non_null(diag_report(&s, RULE_SYNTAX, at(f, 15, 16), "another rule"));
    session_free(&s);
}

static void test_render_line_after_bom_omits_the_bom(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "\xEF\xBB\xBF" "year x\n");
    diag_report(&s, RULE_SYNTAX, at(f, 8, 9), "msg");
    assert_renders(&s,
        "t.ptl:1:6: error[syntax]: msg\n"
        "    1 | year x\n"
        "      |      ^\n");
    session_free(&s);
}

static void test_render_gutter_right_aligns_line_number(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    StrBuf text = STRBUF_INIT;
    strbuf_repeat(&text, '\n', 1233);
    strbuf_adds(&text, "x");
    uint32_t f = session_add_source(&s, "t.ptl", text.buf, text.len);
    diag_report(&s, RULE_SYNTAX, at(f, 1233, 1234), "msg");
    assert_renders(&s,
        "t.ptl:1234:1: error[syntax]: msg\n"
        " 1234 | x\n"
        "      | ^\n");
    strbuf_release(&text);
    session_free(&s);
}

static void test_render_without_file_has_no_snippet(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    diag_report(&s, RULE_SYNTAX, SPAN_NONE, "no input");
    assert_renders(&s, "ptlc: error[syntax]: no input\n");
    session_free(&s);
}

static void test_render_uses_the_file_path_of_the_span(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    session_add_source(&s, "a.ptl", "one\n", 4);
    uint32_t f = session_add_source(&s, "dir/b.ptl", "two\n", 4);
    assert_int_equal(f, 1);
    diag_report(&s, RULE_SYNTAX, at(f, 0, 3), "msg");
    assert_renders(&s,
        "dir/b.ptl:1:1: error[syntax]: msg\n"
        "    1 | two\n"
        "      | ^~~\n");
    session_free(&s);
}

static void test_render_color_wraps_parts_in_ansi_codes(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "ab\n");
    diag_report(&s, RULE_DUPLICATE_INDICATOR, at(f, 0, 2), "msg");
    StrBuf sb = STRBUF_INIT;
    RenderOptions color = {true, COLUMN_CODEPOINT};
    diag_render_human(&s, &sb, color);
    assert_string_equal(strbuf_cstr(&sb),
        "\033[1mt.ptl:1:1: \033[0m\033[1;35mwarning[duplicate-indicator]\033[0m: msg\n"
        "    1 | ab\n"
        "      | \033[1;32m^~\033[0m\n");
    strbuf_release(&sb);
    session_free(&s);
}

/* ===== order and notes ===== */

static void test_render_sorts_by_offset_not_report_order(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "first\nsecond\n");
    diag_report(&s, RULE_SYNTAX, at(f, 6, 12), "later");
    diag_report(&s, RULE_SYNTAX, at(f, 0, 5), "earlier");
    assert_renders(&s,
        "t.ptl:1:1: error[syntax]: earlier\n"
        "    1 | first\n"
        "      | ^~~~~\n"
        "t.ptl:2:1: error[syntax]: later\n"
        "    2 | second\n"
        "      | ^~~~~~\n");
    session_free(&s);
}

static void test_sort_orders_by_file_then_offset_then_report_order(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f0 = add(&s, "abc\n");
    uint32_t f1 = add(&s, "xyz\n");
    Diag *a = diag_report(&s, RULE_SYNTAX, at(f1, 0, 1), "a");
    Diag *b = diag_report(&s, RULE_SYNTAX, SPAN_NONE, "b");
    Diag *c = diag_report(&s, RULE_SYNTAX, at(f0, 2, 3), "c");
    Diag *d = diag_report(&s, RULE_SYNTAX, at(f0, 1, 2), "d");
    Diag *e = diag_report(&s, RULE_SYNTAX, at(f0, 1, 3), "e");
    diag_sort(&s);
    assert_int_equal(s.diags.len, 5);
    assert_ptr_equal(s.diags.items[0], d);
    assert_ptr_equal(s.diags.items[1], e);
    assert_ptr_equal(s.diags.items[2], c);
    assert_ptr_equal(s.diags.items[3], a);
    assert_ptr_equal(s.diags.items[4], b);
    session_free(&s);
}

static void test_render_notes_follow_their_parent(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "unit x count\nunit x count\nzzz\n");
    Diag *d = diag_report(&s, RULE_DUPLICATE_DECLARATION, at(f, 18, 19),
                          "unit '%s' is declared twice", "x");
    diag_report(&s, RULE_SYNTAX, at(f, 26, 29), "other");
    diag_note(&s, d, at(f, 5, 6), "first declared here");
    diag_note(&s, d, at(f, 0, 4), "second note");
    assert_renders(&s,
        "t.ptl:2:6: error[duplicate-declaration]: unit 'x' is declared twice\n"
        "    2 | unit x count\n"
        "      |      ^\n"
        "t.ptl:1:6: note: first declared here\n"
        "    1 | unit x count\n"
        "      |      ^\n"
        "t.ptl:1:1: note: second note\n"
        "    1 | unit x count\n"
        "      | ^~~~\n"
        "t.ptl:3:1: error[syntax]: other\n"
        "    3 | zzz\n"
        "      | ^~~\n");
    assert_int_equal(s.diags.len, 2);
    assert_int_equal(diag_count(&s, SEV_NOTE), 0);
    session_free(&s);
}

static void test_note_on_null_parent_is_ignored(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    diag_note(&s, NULL, SPAN_NONE, "nothing");
    assert_int_equal(s.diags.len, 0);
    assert_renders(&s, "");
    session_free(&s);
}

static void test_render_one_renders_record_and_notes_only(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "ab\n");
    Diag *d = diag_report(&s, RULE_SYNTAX, at(f, 1, 2), "m");
    diag_note(&s, d, SPAN_NONE, "n");
    diag_report(&s, RULE_SYNTAX, at(f, 0, 1), "not this one");
    StrBuf sb = STRBUF_INIT;
    diag_render_one(&s, d, &sb, plain);
    assert_string_equal(strbuf_cstr(&sb),
        "t.ptl:1:2: error[syntax]: m\n"
        "    1 | ab\n"
        "      |  ^\n"
        "ptlc: note: n\n");
    strbuf_release(&sb);
    session_free(&s);
}

/* ===== severities, counts, summary ===== */

static void test_report_records_rule_severity_and_message(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    Diag *d = diag_report(&s, RULE_BUDGET_NATURE_SUM, SPAN_NONE, "%s = %d", "x", 42);
    assert_non_null(d);
    assert_int_equal(d->rule, RULE_BUDGET_NATURE_SUM);
    assert_int_equal(d->sev, SEV_ERROR);
    assert_string_equal(d->msg, "x = 42");
    assert_null(d->notes);
    Diag *w = diag_report(&s, RULE_DUPLICATE_INDICATOR, SPAN_NONE, "w");
    assert_int_equal(w->sev, SEV_WARNING);
    assert_int_equal(diag_count(&s, SEV_ERROR), 1);
    assert_int_equal(diag_count(&s, SEV_WARNING), 1);
    session_free(&s);
}

static void test_summary_counts_errors_and_warnings(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    assert_summary(&s, "");
    diag_report(&s, RULE_SYNTAX, SPAN_NONE, "e");
    assert_summary(&s, "1 error generated.\n");
    diag_report(&s, RULE_DUPLICATE_INDICATOR, SPAN_NONE, "w");
    assert_summary(&s, "1 error, 1 warning generated.\n");
    diag_report(&s, RULE_SYNTAX, SPAN_NONE, "e");
    diag_report(&s, RULE_DUPLICATE_INDICATOR, SPAN_NONE, "w");
    assert_summary(&s, "2 errors, 2 warnings generated.\n");
    session_free(&s);
}

static void test_summary_with_only_warnings(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    for (int i = 0; i < 3; i++)
        diag_report(&s, RULE_DUPLICATE_INDICATOR, SPAN_NONE, "w");
    assert_summary(&s, "3 warnings generated.\n");
    session_free(&s);
}

static void test_allowed_rule_is_not_recorded(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    s.severity[RULE_DUPLICATE_INDICATOR] = SEV_ALLOW;
    assert_null(diag_report(&s, RULE_DUPLICATE_INDICATOR, SPAN_NONE, "w"));
    assert_int_equal(s.diags.len, 0);
    assert_int_equal(diag_count(&s, SEV_WARNING), 0);
    assert_summary(&s, "");
    session_free(&s);
}

static void test_configured_severity_applies_to_report(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    s.severity[RULE_DUPLICATE_INDICATOR] = SEV_ERROR;
    Diag *d = diag_report(&s, RULE_DUPLICATE_INDICATOR, SPAN_NONE, "dup");
    assert_int_equal(d->sev, SEV_ERROR);
    assert_renders(&s, "ptlc: error[duplicate-indicator]: dup\n");
    session_free(&s);
}

static void test_max_errors_drops_the_rest_and_says_so(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    s.max_errors = 1;
    uint32_t f = add(&s, "ab\n");
    assert_non_null(diag_report(&s, RULE_SYNTAX, at(f, 0, 1), "first"));
    assert_null(diag_report(&s, RULE_SYNTAX, at(f, 1, 2), "second"));
    assert_true(s.too_many);
    assert_int_equal(s.diags.len, 1);
    /* counts are of the diagnostics shown, so the summary agrees with the list */
    assert_int_equal(diag_count(&s, SEV_ERROR), 1);
    assert_renders(&s,
        "t.ptl:1:1: error[syntax]: first\n"
        "    1 | ab\n"
        "      | ^\n"
        "ptlc: too many errors; stopped after the first 1 (see --max-errors)\n");
    assert_summary(&s, "1 error generated.\n");
    session_free(&s);
}

static void test_max_errors_does_not_limit_warnings(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    s.max_errors = 1;
    diag_report(&s, RULE_SYNTAX, SPAN_NONE, "e");
    assert_non_null(diag_report(&s, RULE_DUPLICATE_INDICATOR, SPAN_NONE, "w1"));
    assert_non_null(diag_report(&s, RULE_DUPLICATE_INDICATOR, SPAN_NONE, "w2"));
    assert_false(s.too_many);
    assert_int_equal(s.diags.len, 3);
    session_free(&s);
}

static void test_max_errors_zero_is_unlimited(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    assert_int_equal(s.max_errors, 50);
    s.max_errors = 0;
    for (int i = 0; i < 60; i++)
        assert_non_null(diag_report(&s, RULE_SYNTAX, SPAN_NONE, "e%d", i));
    assert_false(s.too_many);
    assert_int_equal(s.diags.len, 60);
    session_free(&s);
}

static void test_report_as_downgrades_to_the_wanted_level(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f = add(&s, "\"增长率\" >= 120 %\n");
    Diag *d = diag_report_as(&s, RULE_RATIO_OUT_OF_RANGE, SEV_WARNING, at(f, 15, 18),
                             "%s %% is outside 0..100 %%", "120");
    assert_non_null(d);
    assert_int_equal(d->sev, SEV_WARNING);
    assert_int_equal(diag_count(&s, SEV_WARNING), 1);
    assert_int_equal(diag_count(&s, SEV_ERROR), 0);
    assert_renders(&s,
        "t.ptl:1:10: warning[ratio-out-of-range]: 120 % is outside 0..100 %\n"
        "    1 | \"增长率\" >= 120 %\n"
        "      |             ^~~\n");
    session_free(&s);
}

static void test_report_as_keeps_user_allow_and_stricter_levels(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    s.severity[RULE_RATIO_OUT_OF_RANGE] = SEV_ALLOW;
    assert_null(diag_report_as(&s, RULE_RATIO_OUT_OF_RANGE, SEV_WARNING, SPAN_NONE, "x"));
    s.severity[RULE_DUPLICATE_INDICATOR] = SEV_ERROR;   /* default: warning */
    Diag *d = diag_report_as(&s, RULE_DUPLICATE_INDICATOR, SEV_NOTE, SPAN_NONE, "y");
    assert_int_equal(d->sev, SEV_ERROR);
    s.severity[RULE_PROJECT_SUM] = SEV_ERROR;           /* the default itself */
    d = diag_report_as(&s, RULE_PROJECT_SUM, SEV_WARNING, SPAN_NONE, "z");
    assert_int_equal(d->sev, SEV_WARNING);
    assert_int_equal(s.diags.len, 2);
    session_free(&s);
}

static void test_any_within_matches_rule_file_and_start_offset(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    uint32_t f0 = add(&s, "department \"D\" { year }\n");
    uint32_t f1 = add(&s, "other\n");
    diag_report(&s, RULE_SYNTAX, at(f0, 20, 21), "expected a number");
    diag_report(&s, RULE_ENCODING, at(f1, 0, 5), "u");
    assert_true(diag_any_within(&s, RULE_SYNTAX, at(f0, 0, 23)));
    assert_true(diag_any_within(&s, RULE_SYNTAX, at(f0, 20, 20)));
    /* the end is inclusive: an error at the very end (EOF) still counts */
    assert_true(diag_any_within(&s, RULE_SYNTAX, at(f0, 0, 20)));
    assert_false(diag_any_within(&s, RULE_SYNTAX, at(f0, 0, 19)));
    assert_false(diag_any_within(&s, RULE_SYNTAX, at(f0, 21, 30)));
    assert_false(diag_any_within(&s, RULE_SYNTAX, at(f1, 0, 30)));
    assert_false(diag_any_within(&s, RULE_ENCODING, at(f0, 0, 30)));
    assert_true(diag_any_within(&s, RULE_ENCODING, at(f1, 0, 30)));
    session_free(&s);
}

/* Past --max-errors a syntax error is dropped from the list but still
 * marked, so the checks stay quiet about the table it broke; reports that
 * arrive out of order are found too. */
static void test_any_within_sees_errors_past_the_limit(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    s.max_errors = 1;
    uint32_t f0 = add(&s, "0123456789012345678901234567890123456789\n");
    assert_non_null(diag_report(&s, RULE_SYNTAX, at(f0, 30, 31), "kept"));
    assert_null(diag_report(&s, RULE_SYNTAX, at(f0, 5, 6), "dropped"));
    assert_true(s.too_many);
    assert_true(diag_any_within(&s, RULE_SYNTAX, at(f0, 0, 10)));
    assert_true(diag_any_within(&s, RULE_SYNTAX, at(f0, 25, 35)));
    assert_false(diag_any_within(&s, RULE_SYNTAX, at(f0, 10, 25)));
    session_free(&s);
}

/* ===== rule table ===== */

static void test_rule_lookup_finds_names_and_rejects_unknown(void **state)
{
    (void)state;
    assert_int_equal(rule_lookup("budget-nature-sum"), RULE_BUDGET_NATURE_SUM);
    assert_int_equal(rule_lookup("syntax"), RULE_SYNTAX);
    assert_int_equal(rule_lookup("unknown-dimension"), RULE_UNKNOWN_DIMENSION);
    assert_int_equal(rule_lookup("no-such-rule"), RULE_COUNT);
    assert_int_equal(rule_lookup(""), RULE_COUNT);
    assert_int_equal(rule_lookup("Syntax"), RULE_COUNT);
    assert_int_equal(rule_lookup("budget_nature_sum"), RULE_COUNT);
}

static void test_rule_info_names_round_trip_through_lookup(void **state)
{
    (void)state;
    for (int r = 0; r < RULE_COUNT; r++)
        assert_int_equal(rule_lookup(rule_info[r].name), r);
    assert_string_equal(rule_info[RULE_UNKNOWN_UNIT].name, "unknown-unit");
    assert_int_equal(rule_info[RULE_DUPLICATE_INDICATOR].default_severity, SEV_WARNING);
}

static void test_severity_names(void **state)
{
    (void)state;
    assert_string_equal(severity_name(SEV_ERROR), "error");
    assert_string_equal(severity_name(SEV_WARNING), "warning");
    assert_string_equal(severity_name(SEV_NOTE), "note");
    assert_string_equal(severity_name(SEV_ALLOW), "allow");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_ascii_line_puts_caret_and_tildes_under_span),
        cmocka_unit_test(test_render_span_at_line_start_has_no_padding),
        cmocka_unit_test(test_render_one_byte_span_is_a_lone_caret),
        cmocka_unit_test(test_render_caret_after_cjk_counts_two_columns_each),
        cmocka_unit_test(test_render_span_over_cjk_has_tildes_for_its_display_width),
        cmocka_unit_test(test_render_expands_tabs_to_stops_of_eight),
        cmocka_unit_test(test_render_tab_inside_span_widens_the_tildes),
        cmocka_unit_test(test_render_clips_span_to_end_of_its_first_line),
        cmocka_unit_test(test_render_clips_span_past_eof),
        cmocka_unit_test(test_render_crlf_line_hides_the_cr),
        cmocka_unit_test(test_render_zero_width_span_at_eof_without_newline),
        cmocka_unit_test(test_render_zero_width_span_at_eof_after_newline_shows_empty_line),
        cmocka_unit_test(test_render_zero_width_span_in_empty_file),
        cmocka_unit_test(test_render_invalid_utf8_byte_as_its_hex_value),
        cmocka_unit_test(test_render_invalid_byte_itself_gets_the_caret),
        cmocka_unit_test(test_render_control_characters_as_code_points),
        cmocka_unit_test(test_message_arguments_are_neutralised_and_bounded),
        cmocka_unit_test(test_file_name_is_neutralised),
        cmocka_unit_test(test_long_line_window_costs_no_full_scan),
        cmocka_unit_test(test_innermost_allow_is_used),
        cmocka_unit_test(test_render_line_after_bom_omits_the_bom),
        cmocka_unit_test(test_render_gutter_right_aligns_line_number),
        cmocka_unit_test(test_render_without_file_has_no_snippet),
        cmocka_unit_test(test_render_uses_the_file_path_of_the_span),
        cmocka_unit_test(test_render_color_wraps_parts_in_ansi_codes),
        cmocka_unit_test(test_render_sorts_by_offset_not_report_order),
        cmocka_unit_test(test_sort_orders_by_file_then_offset_then_report_order),
        cmocka_unit_test(test_render_notes_follow_their_parent),
        cmocka_unit_test(test_note_on_null_parent_is_ignored),
        cmocka_unit_test(test_render_one_renders_record_and_notes_only),
        cmocka_unit_test(test_report_records_rule_severity_and_message),
        cmocka_unit_test(test_summary_counts_errors_and_warnings),
        cmocka_unit_test(test_summary_with_only_warnings),
        cmocka_unit_test(test_allowed_rule_is_not_recorded),
        cmocka_unit_test(test_configured_severity_applies_to_report),
        cmocka_unit_test(test_max_errors_drops_the_rest_and_says_so),
        cmocka_unit_test(test_max_errors_does_not_limit_warnings),
        cmocka_unit_test(test_max_errors_zero_is_unlimited),
        cmocka_unit_test(test_report_as_downgrades_to_the_wanted_level),
        cmocka_unit_test(test_report_as_keeps_user_allow_and_stricter_levels),
        cmocka_unit_test(test_any_within_matches_rule_file_and_start_offset),
        cmocka_unit_test(test_any_within_sees_errors_past_the_limit),
        cmocka_unit_test(test_rule_lookup_finds_names_and_rejects_unknown),
        cmocka_unit_test(test_rule_info_names_round_trip_through_lookup),
        cmocka_unit_test(test_severity_names),
    };
    return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
