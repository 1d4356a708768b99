/* Unit tests for src/json: string escaping (always valid JSON, safe to embed
 * in JavaScript) and the pretty-printing writer's exact layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "json.h"
#include "strbuf.h"

static void assert_escapes_n(const char *s, size_t len, const char *want)
{
    StrBuf sb = STRBUF_INIT;
    jw_escape(&sb, s, len);
    assert_string_equal(strbuf_cstr(&sb), want);
    assert_int_equal(sb.len, strlen(want));
    strbuf_release(&sb);
}

static void assert_escapes(const char *s, const char *want)
{
    assert_escapes_n(s, strlen(s), want);
}

/* ===== jw_escape ===== */

static void test_escape_wraps_plain_text_in_quotes(void **state)
{
    (void)state;
    assert_escapes("", "\"\"");
    assert_escapes("year 2026", "\"year 2026\"");
    assert_escapes("/path/x.ptl", "\"/path/x.ptl\"");
}

static void test_escape_quote_and_backslash(void **state)
{
    (void)state;
    assert_escapes("say \"hi\"", "\"say \\\"hi\\\"\"");
    assert_escapes("a\\b", "\"a\\\\b\"");
    assert_escapes("\\\"", "\"\\\\\\\"\"");
}

static void test_escape_named_control_characters(void **state)
{
    (void)state;
    assert_escapes("a\nb", "\"a\\nb\"");
    assert_escapes("\t", "\"\\t\"");
    assert_escapes("\r\n", "\"\\r\\n\"");
    assert_escapes("\b", "\"\\b\"");
    assert_escapes("\f", "\"\\f\"");
}

static void test_escape_other_control_characters_as_lowercase_u00xx(void **state)
{
    (void)state;
    assert_escapes("\x01", "\"\\u0001\"");
    assert_escapes("\x1b[31m", "\"\\u001b[31m\"");
    assert_escapes("\x1f", "\"\\u001f\"");
    assert_escapes("\x0b", "\"\\u000b\"");
    assert_escapes("\x7f", "\"\\u007f\"");
    assert_escapes_n("a\0b", 3, "\"a\\u0000b\"");
}

static void test_escape_line_and_paragraph_separators(void **state)
{
    (void)state;
    assert_escapes("a\xE2\x80\xA8" "b", "\"a\\u2028b\"");
    assert_escapes("\xE2\x80\xA9", "\"\\u2029\"");
    /* the neighbours are left alone */
    assert_escapes("\xE2\x80\xA7\xE2\x80\xAA", "\"\xE2\x80\xA7\xE2\x80\xAA\"");
}

static void test_escape_keeps_cjk_and_other_unicode_unchanged(void **state)
{
    (void)state;
    assert_escapes("基本支出 139.05 万元", "\"基本支出 139.05 万元\"");
    assert_escapes("≥ ‰ ％ ·", "\"≥ ‰ ％ ·\"");
    assert_escapes("\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\"");
    assert_escapes("\xC2\x80", "\"\xC2\x80\"");
}

static void test_escape_invalid_utf8_bytes_as_ufffd_each(void **state)
{
    (void)state;
    assert_escapes("a\xFF" "b", "\"a\\ufffdb\"");
    assert_escapes("\xC0\x80", "\"\\ufffd\\ufffd\"");
    assert_escapes("\xED\xA0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
    assert_escapes("区\xE5\x8C", "\"区\\ufffd\\ufffd\"");
    assert_escapes("\x80x", "\"\\ufffdx\"");
}

static void test_escape_reads_only_len_bytes(void **state)
{
    (void)state;
    assert_escapes_n("abc\"def", 3, "\"abc\"");
    /* cutting a CJK character short makes its bytes invalid */
    assert_escapes_n("区", 2, "\"\\ufffd\\ufffd\"");
}

static void test_escape_appends_to_existing_content(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "x=");
    jw_escape(&sb, "y", 1);
    assert_string_equal(sb.buf, "x=\"y\"");
    strbuf_release(&sb);
}

/* ===== writer ===== */

static void test_writer_pretty_prints_nested_document(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    JsonWriter w;
    jw_init(&w, &sb);
    jw_begin_object(&w);
    jw_key(&w, "name");
    jw_cstring(&w, "区领导");
    jw_key(&w, "year");
    jw_int(&w, 2026);
    jw_key(&w, "list");
    jw_begin_array(&w);
    jw_int(&w, -1);
    jw_bool(&w, true);
    jw_bool(&w, false);
    jw_null(&w);
    jw_begin_object(&w);
    jw_key(&w, "k");
    jw_string(&w, "a\"b", 3);
    jw_end_object(&w);
    jw_begin_object(&w);
    jw_end_object(&w);
    jw_end_array(&w);
    jw_key(&w, "empty");
    jw_begin_array(&w);
    jw_end_array(&w);
    jw_key(&w, "nested");
    jw_begin_object(&w);
    jw_key(&w, "deeper");
    jw_begin_array(&w);
    jw_begin_array(&w);
    jw_cstring(&w, "x");
    jw_end_array(&w);
    jw_end_array(&w);
    jw_end_object(&w);
    jw_key(&w, "missing");
    jw_cstring(&w, NULL);
    jw_end_object(&w);
    assert_string_equal(sb.buf,
        "{\n"
        "  \"name\": \"区领导\",\n"
        "  \"year\": 2026,\n"
        "  \"list\": [\n"
        "    -1,\n"
        "    true,\n"
        "    false,\n"
        "    null,\n"
        "    {\n"
        "      \"k\": \"a\\\"b\"\n"
        "    },\n"
        "    {}\n"
        "  ],\n"
        "  \"empty\": [],\n"
        "  \"nested\": {\n"
        "    \"deeper\": [\n"
        "      [\n"
        "        \"x\"\n"
        "      ]\n"
        "    ]\n"
        "  },\n"
        "  \"missing\": null\n"
        "}\n");
    assert_int_equal(w.depth, 0);
    strbuf_release(&sb);
}

static void test_writer_empty_top_level_object_and_array(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    JsonWriter w;
    jw_init(&w, &sb);
    jw_begin_object(&w);
    jw_end_object(&w);
    assert_string_equal(sb.buf, "{}\n");
    strbuf_reset(&sb);
    jw_init(&w, &sb);
    jw_begin_array(&w);
    jw_end_array(&w);
    assert_string_equal(sb.buf, "[]\n");
    strbuf_release(&sb);
}

static void test_writer_top_level_array_of_scalars(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    JsonWriter w;
    jw_init(&w, &sb);
    jw_begin_array(&w);
    jw_int(&w, LLONG_MAX);
    jw_int(&w, LLONG_MIN);
    jw_int(&w, 0);
    jw_end_array(&w);
    assert_string_equal(sb.buf,
        "[\n"
        "  9223372036854775807,\n"
        "  -9223372036854775808,\n"
        "  0\n"
        "]\n");
    strbuf_release(&sb);
}

static void test_writer_escapes_keys(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    JsonWriter w;
    jw_init(&w, &sb);
    jw_begin_object(&w);
    jw_key(&w, "a\"b\n");
    jw_string(&w, "\t\xFF", 2);
    jw_end_object(&w);
    assert_string_equal(sb.buf,
        "{\n"
        "  \"a\\\"b\\n\": \"\\t\\ufffd\"\n"
        "}\n");
    strbuf_release(&sb);
}

static void test_writer_string_keeps_embedded_nul(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    JsonWriter w;
    jw_init(&w, &sb);
    jw_begin_array(&w);
    jw_string(&w, "a\0b", 3);
    jw_string(&w, "", 0);
    jw_end_array(&w);
    assert_string_equal(sb.buf,
        "[\n"
        "  \"a\\u0000b\",\n"
        "  \"\"\n"
        "]\n");
    strbuf_release(&sb);
}

static void test_writer_two_documents_in_sequence(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    JsonWriter w;
    jw_init(&w, &sb);
    jw_begin_object(&w);
    jw_key(&w, "a");
    jw_int(&w, 1);
    jw_end_object(&w);
    jw_init(&w, &sb);
    jw_begin_array(&w);
    jw_null(&w);
    jw_end_array(&w);
    assert_string_equal(sb.buf,
        "{\n"
        "  \"a\": 1\n"
        "}\n"
        "[\n"
        "  null\n"
        "]\n");
    strbuf_release(&sb);
}

static void test_writer_compact_writes_one_line_per_document(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    JsonWriter w;
    jw_init_compact(&w, &sb);
    for (int i = 0; i < 2; i++) {
        jw_begin_object(&w);
        jw_key(&w, "name");
        jw_cstring(&w, "a\tb\n");
        jw_key(&w, "list");
        jw_begin_array(&w);
        jw_int(&w, i);
        jw_begin_object(&w);
        jw_end_object(&w);
        jw_null(&w);
        jw_end_array(&w);
        jw_key(&w, "nested");
        jw_begin_object(&w);
        jw_key(&w, "k");
        jw_bool(&w, true);
        jw_end_object(&w);
        jw_end_object(&w);
    }
    assert_string_equal(sb.buf,
        "{\"name\":\"a\\tb\\n\",\"list\":[0,{},null],\"nested\":{\"k\":true}}\n"
        "{\"name\":\"a\\tb\\n\",\"list\":[1,{},null],\"nested\":{\"k\":true}}\n");
    assert_int_equal(w.depth, 0);
    strbuf_release(&sb);
}

static void test_writer_number_is_written_as_given(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    JsonWriter w;
    jw_init_compact(&w, &sb);
    jw_begin_array(&w);
    jw_number(&w, "26.5");
    jw_number(&w, "-0.125");
    jw_number(&w, "9007199254740992");
    jw_end_array(&w);
    assert_string_equal(sb.buf, "[26.5,-0.125,9007199254740992]\n");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_wraps_plain_text_in_quotes),
        cmocka_unit_test(test_escape_quote_and_backslash),
        cmocka_unit_test(test_escape_named_control_characters),
        cmocka_unit_test(test_escape_other_control_characters_as_lowercase_u00xx),
        cmocka_unit_test(test_escape_line_and_paragraph_separators),
        cmocka_unit_test(test_escape_keeps_cjk_and_other_unicode_unchanged),
        cmocka_unit_test(test_escape_invalid_utf8_bytes_as_ufffd_each),
        cmocka_unit_test(test_escape_reads_only_len_bytes),
        cmocka_unit_test(test_escape_appends_to_existing_content),
        cmocka_unit_test(test_writer_pretty_prints_nested_document),
        cmocka_unit_test(test_writer_empty_top_level_object_and_array),
        cmocka_unit_test(test_writer_top_level_array_of_scalars),
        cmocka_unit_test(test_writer_escapes_keys),
        cmocka_unit_test(test_writer_string_keeps_embedded_nul),
        cmocka_unit_test(test_writer_two_documents_in_sequence),
        cmocka_unit_test(test_writer_compact_writes_one_line_per_document),
        cmocka_unit_test(test_writer_number_is_written_as_given),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
