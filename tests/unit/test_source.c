/* Unit tests for src/source: the byte offset -> line/column mapping, line
 * text extraction, span joining and the UTF-8 helpers (decoding, display
 * width, code point count). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "source.h"
#include "strbuf.h"

/* A SourceFile over a string literal; the arena is freed by the caller. */
static SourceFile *file_of(Arena *a, const char *text)
{
    return src_new(a, "t.ptl", text, strlen(text));
}

static void assert_line_col(const SourceFile *f, uint32_t off, uint32_t want_line,
                            uint32_t want_col)
{
    uint32_t line = 0, col = 0;
    src_line_col(f, off, &line, &col);
    assert_int_equal(line, want_line);
    assert_int_equal(col, want_col);
}

static void assert_line_text(const SourceFile *f, uint32_t line, const char *want)
{
    const char *start = NULL;
    size_t len = 99;
    src_line_text(f, line, &start, &len);
    assert_non_null(start);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(start, want, len);
}

static size_t decode(const char *s, size_t n, uint32_t *cp)
{
    *cp = 0xDEADBEEF;
    return utf8_decode(s, n, cp);
}

static void assert_decodes(const char *s, size_t want_len, uint32_t want_cp)
{
    uint32_t cp;
    assert_int_equal(decode(s, strlen(s), &cp), want_len);
    assert_int_equal(cp, want_cp);
}

static void assert_invalid(const char *s, size_t n)
{
    uint32_t cp;
    assert_int_equal(decode(s, n, &cp), 0);
}

/* ===== src_new ===== */

static void test_src_new_copies_text_and_path_nul_terminated(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    char text[] = "ab\ncd";
    char path[] = "dir/x.ptl";
    SourceFile *f = src_new(&a, path, text, 5);
    text[0] = 'X';
    path[0] = 'X';
    assert_string_equal(f->text, "ab\ncd");
    assert_string_equal(f->path, "dir/x.ptl");
    assert_int_equal(f->len, 5);
    assert_int_equal(f->body, 0);
    assert_int_equal(f->nlines, 2);
    assert_int_equal(f->line_starts[0], 0);
    assert_int_equal(f->line_starts[1], 3);
    arena_free(&a);
}

static void test_src_new_keeps_embedded_nul_bytes(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = src_new(&a, "t.ptl", "a\0b\n", 4);
    assert_int_equal(f->len, 4);
    assert_memory_equal(f->text, "a\0b\n\0", 5);
    assert_int_equal(f->nlines, 2);
    arena_free(&a);
}

static void test_src_new_empty_file_has_one_empty_line(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = src_new(&a, "t.ptl", "", 0);
    assert_int_equal(f->len, 0);
    assert_int_equal(f->nlines, 1);
    assert_string_equal(f->text, "");
    assert_line_col(f, 0, 1, 1);
    assert_line_text(f, 1, "");
    arena_free(&a);
}

static void test_src_new_records_body_after_bom(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "\xEF\xBB\xBFyear\n");
    assert_int_equal(f->body, 3);
    assert_int_equal(f->line_starts[0], 3);
    assert_int_equal(f->nlines, 2);
    SourceFile *g = file_of(&a, "\xEF\xBB");
    assert_int_equal(g->body, 0);
    arena_free(&a);
}

/* ===== src_line_col ===== */

static void test_span_line_col_at_start_middle_and_end_of_file(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "year 2026\nbudget {\n}\n");
    assert_line_col(f, 0, 1, 1);
    assert_line_col(f, 5, 1, 6);
    assert_line_col(f, 9, 1, 10);     /* the newline itself */
    assert_line_col(f, 10, 2, 1);
    assert_line_col(f, 17, 2, 8);     /* '{' */
    assert_line_col(f, 19, 3, 1);     /* '}' */
    assert_line_col(f, 21, 4, 1);     /* EOF after the final newline */
    arena_free(&a);
}

static void test_span_line_col_counts_code_points(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    /* two spaces, three CJK characters, a space: 'x' is the 7th code point */
    SourceFile *f = file_of(&a, "  区领导 x");
    assert_line_col(f, 2, 1, 3);      /* 区 */
    assert_line_col(f, 5, 1, 4);      /* 领 */
    assert_line_col(f, 8, 1, 5);      /* 导 */
    assert_line_col(f, 11, 1, 6);     /* the space */
    assert_line_col(f, 12, 1, 7);     /* x */
    assert_line_col(f, 13, 1, 8);     /* EOF */
    arena_free(&a);
}

static void test_span_line_col_after_crlf_starts_a_new_line(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "ab\r\n区c\r\n");
    assert_int_equal(f->nlines, 3);
    assert_line_col(f, 2, 1, 3);      /* '\r' */
    assert_line_col(f, 3, 1, 4);      /* '\n' */
    assert_line_col(f, 4, 2, 1);      /* 区 */
    assert_line_col(f, 7, 2, 2);      /* c */
    assert_line_col(f, 10, 3, 1);     /* EOF */
    arena_free(&a);
}

static void test_span_line_col_skips_bom(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "\xEF\xBB\xBF" "ab\ncd");
    assert_line_col(f, 3, 1, 1);
    assert_line_col(f, 4, 1, 2);
    assert_line_col(f, 0, 1, 1);      /* inside the BOM: clamped to the body */
    assert_line_col(f, 1, 1, 1);
    assert_line_col(f, 6, 2, 1);
    arena_free(&a);
}

static void test_span_line_col_last_line_without_newline(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "a\n区域");
    assert_int_equal(f->nlines, 2);
    assert_line_col(f, 5, 2, 2);      /* 域 */
    assert_line_col(f, 8, 2, 3);      /* EOF */
    arena_free(&a);
}

static void test_span_line_col_clamps_offset_past_eof(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "ab\ncd");
    assert_line_col(f, 5, 2, 3);
    assert_line_col(f, 6, 2, 3);
    assert_line_col(f, UINT32_MAX, 2, 3);
    arena_free(&a);
}

static void test_span_line_col_counts_invalid_bytes_as_one_column_each(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "a\xFF\xE5\x8C" "b");
    /* a, FF, E5, 8C: each invalid byte is one code point, so b is the 5th */
    assert_line_col(f, 4, 1, 5);
    arena_free(&a);
}

/* ===== src_line_text ===== */

static void test_src_line_text_strips_lf_and_crlf(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "ab\r\ncd\n\n区 last");
    assert_int_equal(f->nlines, 4);
    assert_line_text(f, 1, "ab");
    assert_line_text(f, 2, "cd");
    assert_line_text(f, 3, "");
    assert_line_text(f, 4, "区 last");
    arena_free(&a);
}

static void test_src_line_text_after_final_newline_is_empty(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "x\r\n");
    assert_int_equal(f->nlines, 2);
    assert_line_text(f, 1, "x");
    assert_line_text(f, 2, "");
    arena_free(&a);
}

static void test_src_line_text_excludes_bom(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "\xEF\xBB\xBF" "year 2026\r\nnext");
    assert_line_text(f, 1, "year 2026");
    assert_line_text(f, 2, "next");
    arena_free(&a);
}

static void test_src_line_text_lone_cr_ends_a_line(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    SourceFile *f = file_of(&a, "a\r\r\nb\rc");
    assert_int_equal(f->nlines, 4);
    assert_line_text(f, 1, "a");
    assert_line_text(f, 2, "");
    assert_line_text(f, 3, "b");
    assert_line_text(f, 4, "c");
    assert_line_col(f, 6, 4, 1);    /* 'c' */
    SourceFile *g = file_of(&a, "year\r");
    assert_int_equal(g->nlines, 2);
    assert_line_text(g, 1, "year");
    assert_line_text(g, 2, "");
    arena_free(&a);
}

/* A 20,000-character line: columns from the marks equal a plain count, at
 * block edges, after CJK and invalid bytes, and on a later line. */
static void test_src_line_col_on_a_long_line(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "\xEF\xBB\xBF");
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&sb, i % 7 == 0 ? "\xFF" : i % 3 ? "预" : "a");
    strbuf_adds(&sb, "\nxy");
    SourceFile *f = src_new(&a, "t.ptl", sb.buf, sb.len);
    assert_non_null(f->col_marks);
    for (uint32_t off = 3; off < f->line_starts[1]; off++) {
        uint32_t line, col;
        if ((((unsigned char)f->text[off]) & 0xC0) == 0x80 && (unsigned char)f->text[off - 1] != 0xFF)
            continue;   /* not a character boundary */
        src_line_col(f, off, &line, &col);
        assert_int_equal(line, 1);
        assert_int_equal(col, utf8_count(f->text + 3, off - 3) + 1);
    }
    assert_line_col(f, f->line_starts[1] + 1, 2, 2);
    strbuf_release(&sb);
    arena_free(&a);
}

/* ===== span_join ===== */

static void test_span_join_covers_both_spans(void **state)
{
    (void)state;
    Span a = {2, 10, 14}, b = {2, 3, 7};
    Span j = span_join(a, b);
    assert_int_equal(j.file, 2);
    assert_int_equal(j.start, 3);
    assert_int_equal(j.end, 14);
    j = span_join(b, a);
    assert_int_equal(j.start, 3);
    assert_int_equal(j.end, 14);
    Span inner = {2, 11, 12};
    j = span_join(a, inner);
    assert_int_equal(j.start, 10);
    assert_int_equal(j.end, 14);
}

static void test_span_join_with_no_file_returns_the_other(void **state)
{
    (void)state;
    Span a = {1, 5, 9};
    Span j = span_join(SPAN_NONE, a);
    assert_int_equal(j.file, 1);
    assert_int_equal(j.start, 5);
    assert_int_equal(j.end, 9);
    j = span_join(a, SPAN_NONE);
    assert_int_equal(j.file, 1);
    assert_int_equal(j.start, 5);
    assert_int_equal(j.end, 9);
    j = span_join(SPAN_NONE, SPAN_NONE);
    assert_int_equal(j.file, SPAN_NO_FILE);
}

/* ===== utf8_decode ===== */

static void test_utf8_decode_accepts_one_to_four_byte_sequences(void **state)
{
    (void)state;
    assert_decodes("A", 1, 0x41);
    assert_decodes("\x7F", 1, 0x7F);
    assert_decodes("\xC2\x80", 2, 0x80);
    assert_decodes("\xC3\xA9", 2, 0xE9);            /* é */
    assert_decodes("\xDF\xBF", 2, 0x7FF);
    assert_decodes("\xE0\xA0\x80", 3, 0x800);
    assert_decodes("区", 3, 0x533A);
    assert_decodes("\xEF\xBC\x85", 3, 0xFF05);      /* ％ */
    assert_decodes("\xEF\xBF\xBF", 3, 0xFFFF);
    assert_decodes("\xF0\x90\x80\x80", 4, 0x10000);
    assert_decodes("\xF0\x9F\x98\x80", 4, 0x1F600); /* 😀 */
    assert_decodes("\xF4\x8F\xBF\xBF", 4, 0x10FFFF);
}

/* utf8_valid_len agrees with utf8_decode over every prefix it judges: the
 * fast paths (eight ASCII bytes, a three-byte character) take nothing the
 * decoder refuses. */
static void test_utf8_valid_len_stops_at_the_first_bad_byte(void **state)
{
    (void)state;
    static const struct { const char *s; size_t valid; } cases[] = {
        {"plain ASCII text, longer than eight bytes", 41},
        {"株洲市渌口区信访局", 27},
        {"ab\xE0\x80\x80" "cd", 2},          /* overlong three-byte */
        {"abcdefgh\xED\xA0\x80", 8},      /* a surrogate after eight ASCII bytes */
        {"局\xE5\xB1", 3},                 /* truncated at the end */
        {"\xF0\x9F\x98\x80x", 5},           /* four bytes */
        {"\xF4\x90\x80\x80", 0},            /* past U+10FFFF */
        {"\xC0\xAF", 0},
        {"\xE2\x80\xAE", 3},               /* a bidi control is valid UTF-8 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(utf8_valid_len(cases[i].s, strlen(cases[i].s)), cases[i].valid);
    /* against the decoder on every 3-byte lead with edge continuations */
    for (unsigned lead = 0xE0; lead <= 0xEF; lead++)
        for (unsigned c1 = 0x70; c1 <= 0xC0; c1 += 0x10) {
            char b[3] = {(char)lead, (char)c1, (char)0x80};
            uint32_t cp;
            size_t k = utf8_decode(b, 3, &cp);
            assert_int_equal(utf8_valid_len(b, 3), k == 3 ? 3 : 0);
        }
}

static void test_utf8_decode_reads_one_sequence_only(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(decode("区域", 6, &cp), 3);
    assert_int_equal(cp, 0x533A);
    assert_int_equal(decode("ab", 2, &cp), 1);
    assert_int_equal(cp, 'a');
}

static void test_utf8_decode_nul_byte_is_a_code_point(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(decode("\0", 1, &cp), 1);
    assert_int_equal(cp, 0);
}

static void test_utf8_decode_rejects_overlong_forms(void **state)
{
    (void)state;
    assert_invalid("\xC0\x80", 2);
    assert_invalid("\xC1\xBF", 2);
    assert_invalid("\xE0\x80\x80", 3);
    assert_invalid("\xE0\x9F\xBF", 3);
    assert_invalid("\xF0\x80\x80\x80", 4);
    assert_invalid("\xF0\x8F\xBF\xBF", 4);
}

static void test_utf8_decode_rejects_surrogates(void **state)
{
    (void)state;
    assert_invalid("\xED\xA0\x80", 3);  /* U+D800 */
    assert_invalid("\xED\xBF\xBF", 3);  /* U+DFFF */
    uint32_t cp;
    assert_int_equal(decode("\xED\x9F\xBF", 3, &cp), 3);
    assert_int_equal(cp, 0xD7FF);
}

static void test_utf8_decode_rejects_values_above_10ffff(void **state)
{
    (void)state;
    assert_invalid("\xF4\x90\x80\x80", 4);
    assert_invalid("\xF5\x80\x80\x80", 4);
    assert_invalid("\xF7\xBF\xBF\xBF", 4);
    assert_invalid("\xF8\x88\x80\x80", 4);
    assert_invalid("\xFE", 1);
    assert_invalid("\xFF", 1);
}

static void test_utf8_decode_rejects_stray_and_missing_continuations(void **state)
{
    (void)state;
    assert_invalid("\x80", 1);
    assert_invalid("\xBF", 1);
    assert_invalid("\xC3" "A", 2);
    assert_invalid("\xE5\x8C" "A", 3);
    assert_invalid("\xF0\x9F\x98" "A", 4);
}

static void test_utf8_decode_rejects_truncated_sequences(void **state)
{
    (void)state;
    assert_invalid("\xC3", 1);
    assert_invalid("\xE5\x8C", 2);
    assert_invalid("\xF0\x9F\x98", 3);
    /* the bytes are there, but n says they are not available */
    assert_invalid("区", 2);
    assert_invalid("\xF0\x9F\x98\x80", 3);
    assert_invalid("A", 0);
}

/* ===== widths and counts ===== */

static void test_utf8_cp_width_of_narrow_wide_and_combining(void **state)
{
    (void)state;
    assert_int_equal(utf8_cp_width('a'), 1);
    assert_int_equal(utf8_cp_width(' '), 1);
    assert_int_equal(utf8_cp_width(0x533A), 2);    /* 区 */
    assert_int_equal(utf8_cp_width(0x3001), 2);    /* 、 */
    assert_int_equal(utf8_cp_width(0xFF05), 2);    /* ％ full-width */
    assert_int_equal(utf8_cp_width(0x1F600), 2);   /* 😀 */
    assert_int_equal(utf8_cp_width(0x0301), 0);    /* combining acute */
    assert_int_equal(utf8_cp_width(0x00B7), 1);    /* · */
    assert_int_equal(utf8_cp_width(0x2265), 1);    /* ≥ */
}

static void test_utf8_cp_width_of_c0_controls_is_one(void **state)
{
    (void)state;
    assert_int_equal(utf8_cp_width(0), 1);
    assert_int_equal(utf8_cp_width('\t'), 1);
    assert_int_equal(utf8_cp_width(0x1F), 1);
    assert_int_equal(utf8_cp_width(0x7F), 1);
}

static void test_utf8_width_of_mixed_text(void **state)
{
    (void)state;
    assert_int_equal(utf8_width("", 0), 0);
    assert_int_equal(utf8_width("year", 4), 4);
    assert_int_equal(utf8_width("区领导", 9), 6);
    /* a + 区 + e + U+0301 + ％ */
    const char *mixed = "a区e\xCC\x81\xEF\xBC\x85";
    assert_int_equal(utf8_width(mixed, strlen(mixed)), 6);
    assert_int_equal(utf8_width("259.05 万元", strlen("259.05 万元")), 11);
}

static void test_utf8_width_counts_each_invalid_byte_as_one(void **state)
{
    (void)state;
    assert_int_equal(utf8_width("a\xFF" "b", 3), 3);
    assert_int_equal(utf8_width("区\xE5\x8C", 5), 4);
    assert_int_equal(utf8_width("\xC0\x80", 2), 2);
    /* n cuts 区 short: its two available bytes are two invalid columns */
    assert_int_equal(utf8_width("区", 2), 2);
}

static void test_utf8_count_of_mixed_text(void **state)
{
    (void)state;
    assert_int_equal(utf8_count("", 0), 0);
    assert_int_equal(utf8_count("year", 4), 4);
    const char *mixed = "a区e\xCC\x81\xEF\xBC\x85";
    assert_int_equal(utf8_count(mixed, strlen(mixed)), 5);
    assert_int_equal(utf8_count("\xF0\x9F\x98\x80!", 5), 2);
    assert_int_equal(utf8_count("a\xFF" "b", 3), 3);
    assert_int_equal(utf8_count("区\xE5\x8C", 5), 3);
    assert_int_equal(utf8_count("a\0b", 3), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_src_new_copies_text_and_path_nul_terminated),
        cmocka_unit_test(test_src_new_keeps_embedded_nul_bytes),
        cmocka_unit_test(test_src_new_empty_file_has_one_empty_line),
        cmocka_unit_test(test_src_new_records_body_after_bom),
        cmocka_unit_test(test_span_line_col_at_start_middle_and_end_of_file),
        cmocka_unit_test(test_span_line_col_counts_code_points),
        cmocka_unit_test(test_span_line_col_after_crlf_starts_a_new_line),
        cmocka_unit_test(test_span_line_col_skips_bom),
        cmocka_unit_test(test_span_line_col_last_line_without_newline),
        cmocka_unit_test(test_span_line_col_clamps_offset_past_eof),
        cmocka_unit_test(test_span_line_col_counts_invalid_bytes_as_one_column_each),
        cmocka_unit_test(test_src_line_text_strips_lf_and_crlf),
        cmocka_unit_test(test_src_line_text_after_final_newline_is_empty),
        cmocka_unit_test(test_src_line_text_excludes_bom),
        cmocka_unit_test(test_src_line_text_lone_cr_ends_a_line),
        cmocka_unit_test(test_src_line_col_on_a_long_line),
        cmocka_unit_test(test_span_join_covers_both_spans),
        cmocka_unit_test(test_span_join_with_no_file_returns_the_other),
        cmocka_unit_test(test_utf8_decode_accepts_one_to_four_byte_sequences),
        cmocka_unit_test(test_utf8_decode_reads_one_sequence_only),
        cmocka_unit_test(test_utf8_valid_len_stops_at_the_first_bad_byte),
        cmocka_unit_test(test_utf8_decode_nul_byte_is_a_code_point),
        cmocka_unit_test(test_utf8_decode_rejects_overlong_forms),
        cmocka_unit_test(test_utf8_decode_rejects_surrogates),
        cmocka_unit_test(test_utf8_decode_rejects_values_above_10ffff),
        cmocka_unit_test(test_utf8_decode_rejects_stray_and_missing_continuations),
        cmocka_unit_test(test_utf8_decode_rejects_truncated_sequences),
        cmocka_unit_test(test_utf8_cp_width_of_narrow_wide_and_combining),
        cmocka_unit_test(test_utf8_cp_width_of_c0_controls_is_one),
        cmocka_unit_test(test_utf8_width_of_mixed_text),
        cmocka_unit_test(test_utf8_width_counts_each_invalid_byte_as_one),
        cmocka_unit_test(test_utf8_count_of_mixed_text),
    };
    return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
