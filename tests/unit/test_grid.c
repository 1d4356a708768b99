/* Unit tests for the workbook readers (src/grid_xlsx.c, src/grid_xls.c) and
 * what they share (src/grid_number.c): numbers shown as their format shows
 * them, workbooks written here with libxlsxwriter and, for what it cannot
 * write (phonetic runs, absolute targets, hostile parts), by hand into a
 * zip made with libzip; every cell's text and place is asserted.
 *
 * PTL_GRID_SEEDS=DIR build/tests/test_grid also writes each workbook it
 * builds into DIR, and the XML of those written by hand as NAME.parts: the
 * seeds of the grid fuzzer (tests/fuzz/fuzz_grid.c) and the source of
 * tests/import/grid.xls (tests/import/make-grid-xls.sh). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "grid.h"
#include "grid_number.h"
#include "notify.h"
#include "session.h"
#include "strbuf.h"

/* ===== building workbooks ===== */

typedef struct Bytes {
    char *data;
    size_t len;
} Bytes;

static Bytes slurp(const char *path)
{
    Bytes b = {NULL, 0};
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    assert_true(n >= 0);
    fseek(f, 0, SEEK_SET);
    b.len = (size_t)n;
    b.data = malloc(b.len + 1);
    assert_int_equal(fread(b.data, 1, b.len, f), b.len);
    fclose(f);
    return b;
}

/* Writes the workbook into $PTL_GRID_SEEDS/name too, when it is set. */
static void keep(const char *name, const Bytes *b)
{
    const char *dir = getenv("PTL_GRID_SEEDS");
    if (!dir || !dir[0])
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
    fclose(f);
}

/* The fuzzer's XML form of a workbook (tests/fuzz/fuzz_grid.c): the
 * sheet, NUL, the shared strings, NUL, the styles. */
static void keep_parts(const char *name, const char *sheet, const char *sst, const char *styles)
{
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, sheet);
    strbuf_addc(&sb, '\0');
    strbuf_adds(&sb, sst ? sst : "");
    strbuf_addc(&sb, '\0');
    strbuf_adds(&sb, styles ? styles : "");
    Bytes b = {sb.buf, sb.len};
    keep(name, &b);
    strbuf_release(&sb);
}

static char *temp_path(void)
{
    static const char tmpl[] = "/tmp/ptlc-test-grid-XXXXXX";
    char *path = malloc(sizeof tmpl);
    memcpy(path, tmpl, sizeof tmpl);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return path;
}

/* A zip of the given parts (name, text; NULL-terminated pairs). */
static Bytes zip_parts(const char *name, const char *const *parts)
{
    char *path = temp_path();
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; parts[i]; i += 2) {
        zip_source_t *src = zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, parts[i], src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    Bytes b = slurp(path);
    unlink(path);
    free(path);
    keep(name, &b);
    return b;
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
    "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

static const char one_sheet_book[] =
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char one_sheet_rels[] =
    "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
    "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

/* A workbook of one sheet S whose part is sheet (and shared strings sst,
 * when not NULL). */
static Bytes one_sheet(const char *name, const char *sheet, const char *sst)
{
    const char *parts[] = {"_rels/.rels", root_rels, "xl/workbook.xml", one_sheet_book,
                           "xl/_rels/workbook.xml.rels", one_sheet_rels,
                           "xl/worksheets/sheet1.xml", sheet,
                           sst ? "xl/sharedStrings.xml" : NULL, sst, NULL};
    char xml[256];
    snprintf(xml, sizeof xml, "%s.parts", name);
    keep_parts(xml, sheet, sst, NULL);
    return zip_parts(name, parts);
}

/* ===== reading them ===== */

typedef struct Read {
    Session s;
    Grid g;
    bool ok;
} Read;

static void read_xlsx(Read *r, Bytes b)
{
    session_init(&r->s);
    r->ok = grid_read_xlsx(&r->s, "t.xlsx", b.data, b.len, &r->g);
    free(b.data);
}

static const char *first_message(const Read *r, Severity sev)
{
    for (size_t i = 0; i < r->s.notifications.len; i++) {
        const Notification *n = r->s.notifications.items[i];
        if (n->sev == sev)
            return n->msg;
    }
    return "";
}

/* Row line of sheet sh is exactly the cells given (NULL-terminated), in
 * columns 1, 2, 3 … */
static void expect_row_v(const GridSheet *sh, size_t line, va_list ap)
{
    assert_true(line >= 1 && line <= sh->nrows);
    const GridRow *row = &sh->rows[line - 1];
    assert_int_equal(row->line, line);
    size_t k = 0;
    for (const char *want = va_arg(ap, const char *); want; want = va_arg(ap, const char *), k++) {
        assert_true(k < row->n);
        assert_string_equal(row->cell[k], want);
        assert_int_equal(row->col[k], k + 1);
    }
    assert_int_equal(row->n, k);
}

static void expect_row(const GridSheet *sh, size_t line, ...)
{
    va_list ap;
    va_start(ap, line);
    expect_row_v(sh, line, ap);
    va_end(ap);
}

/* ===== numbers as their format shows them ===== */

static void expect_shown(const char *stored, const char *code, const char *want)
{
    Arena a;
    arena_init(&a);
    const GridFormat *f = grid_format_parse(&a, code);
    const char *got = grid_number_show(&a, stored, strlen(stored), f, false);
    if (!want)
        assert_null(got);
    else
        assert_string_equal(got ? got : "(not a number)", want);
    arena_free(&a);
}

static void test_general_is_fifteen_significant_digits(void **state)
{
    (void)state;
    expect_shown("11.375999999999999", NULL, "11.376");
    expect_shown("10000", NULL, "10000");
    expect_shown("10000", "General", "10000");
    expect_shown("-2.5", NULL, "-2.5");
    expect_shown("0.1000000000000000055511151231257827", NULL, "0.1");
    expect_shown("123456789012345", NULL, "123456789012345");
    expect_shown("99999999999999.99", NULL, "100000000000000");
    expect_shown("1E-3", NULL, "0.001");
    expect_shown("0.0001", NULL, "0.0001");
    expect_shown("0.00001", NULL, "1E-05");
    expect_shown("1234567890123456", NULL, "1.23456789012346E+15");
    expect_shown("1.5e300", NULL, "1.5E+300");
    expect_shown("0", NULL, "0");
    expect_shown("-0", NULL, "0");
    expect_shown("007.50", NULL, "7.5");
    expect_shown(" 3 ", NULL, "3");
    expect_shown("1,234", NULL, NULL);
    expect_shown("abc", NULL, NULL);
    expect_shown("1e99999999999", NULL, NULL);
    expect_shown("", NULL, NULL);
}

static void test_fixed_decimals_round_half_away_from_zero(void **state)
{
    (void)state;
    expect_shown("0.125", "0.00", "0.13");
    expect_shown("-0.125", "0.00", "-0.13");
    expect_shown("2.675", "0.00", "2.68");
    expect_shown("1.005", "0.00", "1.01");
    expect_shown("999.995", "0.00", "1000.00");
    expect_shown("0.5", "0", "1");
    expect_shown("2.5", "0", "3");
    expect_shown("0.4", "0", "0");
    expect_shown("-0.001", "0.00", "-0.00");   /* as Excel: the sign is the value's */
    expect_shown("5", "0.00", "5.00");
    expect_shown("10000", "#,##0.00", "10,000.00");
    expect_shown("1234567.891", "#,##0", "1,234,568");
    expect_shown("-1234567.891", "#,##0.00", "-1,234,567.89");
    expect_shown("999", "#,##0", "999");
    expect_shown("0.5", "#.00", ".50");
    expect_shown("0", "#", "");
    expect_shown("7", "000", "007");
    expect_shown("1.5", "0.0#", "1.5");
    expect_shown("1.25", "0.0#", "1.25");
    expect_shown("1234567", "#,##0,", "1,235");
    /* a stored double beside its 15 digits */
    expect_shown("11.375999999999999", "0.00", "11.38");
    expect_shown("0.28499999999999998", "0.00", "0.29");
}

static void test_builtin_fixed_and_percent_ids(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    struct { unsigned id; const char *stored, *want; } cases[] = {
        {1, "2.5", "3"}, {2, "0.125", "0.13"}, {3, "10000", "10,000"},
        {4, "10000", "10,000.00"}, {9, "0.9", "90%"}, {10, "0.12345", "12.35%"},
        {14, "45356", "2024-03-05"}, {22, "45356.6041666667", "2024-03-05 14:30"},
        {20, "0.75", "18:00"}, {21, "0.7500115740740741", "18:00:01"},
        {31, "45356", "2024-03-05"}, {11, "1234.5", "1234.5"}, {49, "7", "7"},
        {0, "11.375999999999999", "11.376"}, {163, "1.5", "1.5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const GridFormat *f = grid_format_parse(&a, grid_format_builtin(cases[i].id));
        const char *got = grid_number_show(&a, cases[i].stored, strlen(cases[i].stored), f, false);
        assert_string_equal(got, cases[i].want);
    }
    arena_free(&a);
}

static void test_percent_literal_text_and_sections(void **state)
{
    (void)state;
    expect_shown("0.9", "0%", "90%");
    expect_shown("0.1234", "0.0%", "12.3%");
    expect_shown("0.005", "0%", "1%");
    expect_shown("259.05", "0.00\"万元\"", "259.05万元");
    expect_shown("12", "0\"人\"", "12人");
    expect_shown("12", "0\\元", "12元");
    expect_shown("12", "[$¥-804]#,##0.00", "¥12.00");
    expect_shown("1234", "General\"元\"", "1234元");
    expect_shown("-5", "0.00;(0.00)", "(5.00)");
    expect_shown("-5", "0.00;[Red]-0.00", "-5.00");
    expect_shown("-5", "0.00", "-5.00");
    expect_shown("0", "0.00;-0.00;\"-\"", "-");
    expect_shown("3", "0.00;-0.00;\"-\"", "3.00");
    expect_shown("1234", "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)", "1,234.00");
    expect_shown("0", "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)", "-");
    expect_shown("-1234", "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)", "(1,234.00)");
    expect_shown("5", "0.00;@", "5.00");
}

static void test_unsupported_codes_show_general(void **state)
{
    (void)state;
    expect_shown("1234.5", "0.00E+00", "1234.5");
    expect_shown("1.5", "# ?/?", "1.5");
    expect_shown("1234", "[>100]0.0;0", "1234");
    expect_shown("0.1", "@", "0.1");
    expect_shown("2.5", "[Red]0", "3");
    char longcode[300];
    memset(longcode, '0', sizeof longcode - 1);
    longcode[sizeof longcode - 1] = '\0';
    expect_shown("1.5", longcode, "1.5");
}

static void test_dates_from_serials(void **state)
{
    (void)state;
    expect_shown("45356", "yyyy-mm-dd", "2024-03-05");
    expect_shown("45356", "yyyy\"年\"m\"月\"d\"日\"", "2024-03-05");
    expect_shown("45356", "m/d/yy", "2024-03-05");
    expect_shown("45356.5", "yyyy/m/d h:mm", "2024-03-05 12:00");
    expect_shown("45356.5", "yyyy/m/d h:mm:ss", "2024-03-05 12:00:00");
    expect_shown("1", "yyyy-mm-dd", "1900-01-01");
    expect_shown("59", "yyyy-mm-dd", "1900-02-28");
    expect_shown("60", "yyyy-mm-dd", "1900-02-29");   /* Excel's (and Lotus's) leap day */
    expect_shown("61", "yyyy-mm-dd", "1900-03-01");
    expect_shown("0", "yyyy-mm-dd", "1900-01-00");
    expect_shown("2958465", "yyyy-mm-dd", "9999-12-31");
    expect_shown("2958466", "yyyy-mm-dd", "2958466");
    expect_shown("-1", "yyyy-mm-dd", "-1");
    expect_shown("0.75", "h:mm", "18:00");
    expect_shown("0.999999999", "h:mm:ss", "00:00:00");
    expect_shown("1.5", "[h]:mm", "36:00");
    expect_shown("0.5", "上午/下午h\"时\"mm\"分\"", "12:00");
    expect_shown("45356", "0.00\"d\"", "45356.00d");
    Arena a;
    arena_init(&a);
    const GridFormat *f = grid_format_parse(&a, "yyyy-mm-dd");
    assert_string_equal(grid_number_show(&a, "0", 1, f, true), "1904-01-01");
    assert_string_equal(grid_number_show(&a, "43894", 5, f, true), "2024-03-05");
    arena_free(&a);
}

static void test_double_shows_as_general(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    assert_string_equal(grid_number_double(&a, 0.1), "0.1");
    assert_string_equal(grid_number_double(&a, 11.376), "11.376");
    assert_string_equal(grid_number_double(&a, 259.05), "259.05");
    assert_string_equal(grid_number_double(&a, -2.5), "-2.5");
    assert_string_equal(grid_number_double(&a, 1e300), "1E+300");
    arena_free(&a);
}

static void test_clean_text_trims_and_flattens(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    assert_string_equal(grid_clean_text(&a, "  a  ", 5), "a");
    assert_string_equal(grid_clean_text(&a, "\xe3\x80\x80x\xe3\x80\x80", 7), "x");
    assert_string_equal(grid_clean_text(&a, "a\r\n\r\nb", 6), "a b");
    assert_string_equal(grid_clean_text(&a, "a\nb\rc", 5), "a b c");
    assert_string_equal(grid_clean_text(&a, "a\tb\x01" "c\x7f", 7), "a b c");
    assert_string_equal(grid_clean_text(&a, "\xc2\x9b" "x", 3), "x");
    assert_string_equal(grid_clean_text(&a, "\xff" "x", 2), "\xef\xbf\xbdx");
    assert_string_equal(grid_clean_text(&a, "\r\n \t", 4), "");
    assert_string_equal(grid_clean_text(&a, "a\0b", 3), "a b");
    arena_free(&a);
}

/* ===== .xlsx written by libxlsxwriter ===== */

static lxw_format *num_format(lxw_workbook *wb, const char *code)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_num_format(f, code);
    return f;
}

static void write_budget_sheet(lxw_workbook *wb)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "预算表");
    worksheet_write_string(ws, 0, 0, "部门（单位）名称", NULL);
    worksheet_write_string(ws, 0, 1, "  株洲市渌口区信访局\xe3\x80\x80", NULL);
    worksheet_write_number(ws, 1, 0, 11.376, NULL);
    worksheet_write_number(ws, 1, 1, 0.125, num_format(wb, "0.00"));
    worksheet_write_number(ws, 1, 2, 10000, num_format(wb, "#,##0.00"));
    worksheet_write_number(ws, 1, 3, 0.9, num_format(wb, "0%"));
    worksheet_write_number(ws, 1, 4, 0.1234, num_format(wb, "0.0%"));
    worksheet_write_number(ws, 1, 5, 259.05, num_format(wb, "0.00\"万元\""));
    worksheet_write_number(ws, 1, 6, 12, num_format(wb, "0\"人\""));
    lxw_datetime day = {2024, 3, 5, 0, 0, 0}, when = {2024, 3, 5, 14, 30, 0};
    worksheet_write_datetime(ws, 1, 7, &day, num_format(wb, "yyyy-mm-dd"));
    worksheet_write_datetime(ws, 1, 8, &when, num_format(wb, "yyyy/m/d h:mm"));
    worksheet_write_number(ws, 1, 9, 10000, NULL);
    worksheet_write_number(ws, 1, 10, -5, num_format(wb, "0.00;(0.00)"));
    worksheet_write_number(ws, 1, 11, 1234567.891, num_format(wb, "#,##0"));
    /* row 3 blank; a merged range with text in a cell it covers */
    worksheet_merge_range(ws, 3, 0, 5, 0, "产出指标", NULL);
    worksheet_write_string(ws, 4, 0, "covered", NULL);
    worksheet_merge_range(ws, 3, 1, 3, 2, "数量指标", NULL);
    worksheet_write_string(ws, 3, 2, "covered too", NULL);
    worksheet_write_string(ws, 4, 1, "第一行\n第二行", NULL);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    char first[] = "产出", second[] = "指标";   /* the tuple's string is not const */
    lxw_rich_string_tuple f1 = {bold, first}, f2 = {NULL, second};
    lxw_rich_string_tuple *rich[] = {&f1, &f2, NULL};
    worksheet_write_rich_string(ws, 5, 1, rich, NULL);
    worksheet_write_formula_str(ws, 6, 0, "=\"a\"&\"b\"", NULL, "ab");
    worksheet_write_boolean(ws, 6, 1, 1, NULL);
    worksheet_write_number(ws, 6, 2, 0, num_format(wb, "0.00;-0.00;\"-\""));
}

/* The workbook of the tests and of tests/import/grid.xls: three sheets. */
static Bytes formats_workbook(void)
{
    char *path = temp_path();
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    write_budget_sheet(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet2");
    worksheet_write_string(ws, 0, 0, "second", NULL);
    worksheet_write_number(ws, 2, 2, 3, NULL);
    workbook_add_worksheet(wb, "空");
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    Bytes b = slurp(path);
    unlink(path);
    free(path);
    keep("formats.xlsx", &b);
    return b;
}

static void expect_budget_sheet(const GridSheet *sh)
{
    assert_string_equal(sh->name, "预算表");
    assert_int_equal(sh->nrows, 7);
    expect_row(sh, 1, "部门（单位）名称", "株洲市渌口区信访局", NULL);
    expect_row(sh, 2, "11.376", "0.13", "10,000.00", "90%", "12.3%", "259.05万元", "12人",
               "2024-03-05", "2024-03-05 14:30", "10000", "(5.00)", "1,234,568", NULL);
    expect_row(sh, 3, NULL);
    expect_row(sh, 4, "产出指标", "数量指标", NULL);
    expect_row(sh, 5, "", "第一行 第二行", NULL);
    expect_row(sh, 6, "", "产出指标", NULL);
    expect_row(sh, 7, "ab", "TRUE", "-", NULL);
}

/* A text export's columns count code points (as check's do), from 1, after
 * the padding a cell is trimmed of, and after a CSV cell's opening quote;
 * a quoted cell that goes on to the next line leaves the next cell's column
 * counted on that line. */
static void test_text_columns_count_code_points(void **state)
{
    (void)state;
    static const char tabbed[] = "名称\t  指标值\t≥90%\n";
    static const char csv[] = "名称,\"甲,乙\",丙\n\"两\n行\",末\n";
    struct { const char *text; size_t len; size_t line, n; size_t col[3]; } cases[] = {
        {tabbed, sizeof tabbed - 1, 1, 3, {1, 6, 10}},
        {csv, sizeof csv - 1, 1, 3, {1, 5, 10}},
        {csv, sizeof csv - 1, 2, 2, {2, 4, 0}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Read r;
        session_init(&r.s);
        assert_true(grid_read_text(&r.s, "t.txt", cases[i].text, cases[i].len, &r.g));
        const GridRow *row = &r.g.sheets[0].rows[cases[i].line - 1];
        assert_int_equal(row->n, cases[i].n);
        for (size_t k = 0; k < cases[i].n; k++)
            assert_int_equal(row->col[k], cases[i].col[k]);
        session_free(&r.s);
    }
}

static void test_xlsx_cells_as_the_sheet_shows_them(void **state)
{
    (void)state;
    Read r;
    read_xlsx(&r, formats_workbook());
    assert_true(r.ok);
    assert_int_equal(r.s.notifications.len, 0);
    assert_true(r.g.workbook);
    assert_int_equal(r.g.nsheets, 3);
    expect_budget_sheet(&r.g.sheets[0]);
    const GridSheet *two = &r.g.sheets[1];
    assert_string_equal(two->name, "Sheet2");
    assert_int_equal(two->nrows, 3);
    expect_row(two, 1, "second", NULL);
    expect_row(two, 2, NULL);
    expect_row(two, 3, "", "", "3", NULL);
    assert_string_equal(r.g.sheets[2].name, "空");
    assert_int_equal(r.g.sheets[2].nrows, 0);
    session_free(&r.s);
}

/* ===== .xlsx written by hand: what libxlsxwriter never writes ===== */

static const char hand_book[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><workbookPr date1904=\"1\"/>"
    "<sheets><sheet name=\"B\" sheetId=\"2\" r:id=\"rId2\"/>"
    "<sheet name=\"A&amp;'x'\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"gone\" sheetId=\"3\" r:id=\"rId9\"/></sheets></workbook>";

static const char hand_rels[] =
    "<Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/worksheet\" "
    "Target=\"worksheets/../worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_REL "/sharedStrings\" Target=\"strings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"" NS_REL "/hyperlink\" Target=\"http://x\" "
    "TargetMode=\"External\"/></Relationships>";

static const char hand_sst[] =
    "<sst xmlns=\"" NS_MAIN "\" count=\"999999999\" uniqueCount=\"999999999\">"
    "<si><t>plain</t></si>"
    "<si><r><t>产出</t></r><r><rPr><b/></rPr><t>指标</t></r>"
    "<rPh sb=\"0\" eb=\"2\"><t>ちゃんしゅつ</t></rPh><phoneticPr fontId=\"1\"/></si>"
    "<si><t>a_x000D_&#10;b</t></si>"
    "<si><t xml:space=\"preserve\">  x_x005F_x000D_ </t></si></sst>";

static const char hand_styles[] =
    "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"2\">"
    "<numFmt numFmtId=\"164\" formatCode=\"0.00&quot;万元&quot;\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00_);[Red]\\(#,##0.00\\)\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"10\"/></cellStyleXfs>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"9\"/></cellXfs>"
    "<dxfs><dxf><numFmt numFmtId=\"164\" formatCode=\"0.0\"/></dxf></dxfs></styleSheet>";

static const char hand_sheet2[] =
    "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
    "<dimension ref=\"A1:XFD1048576\"/><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>11.375999999999999</v></c><c r=\"B2\" s=\"1\"><v>259.05</v></c>"
    "<c r=\"C2\" s=\"2\"><v>0</v></c><c r=\"D2\" s=\"3\"><v>-1234.5</v></c>"
    "<c s=\"4\"><v>0.9</v></c><c t=\"e\"><f>1/0</f><v>#DIV/0!</v></c><c t=\"b\"><v>0</v></c>"
    "<c t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r></is></c>"
    "<c t=\"str\"><f>A1</f><v>plain</v></c><c s=\"1\"/><c t=\"d\"><v>2024-03-05T00:00:00</v></c>"
    "</row>"
    "<row><c><v>1</v></c><c r=\"C3\"><v>  3 </v></c></row>"
    "<row r=\"5\" spans=\"1:3\"><c r=\"B5\" s=\"7\"><v>5</v></c><c r=\"C5\"><f>B5</f></c></row>"
    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"E4:D3\"/></mergeCells></worksheet>";

/* prefixed elements; a merged range that blanks the only cell of row 2 */
static const char hand_sheet1[] =
    "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData>"
    "<x:row r=\"2\"><x:c r=\"B2\"><x:v>2</x:v></x:c></x:row>"
    "<x:row r=\"3\"><x:c r=\"A3\"><x:v>3</x:v></x:c></x:row>"
    "</x:sheetData><x:mergeCells><x:mergeCell ref=\"A1:B2\"/></x:mergeCells></x:worksheet>";

static void test_xlsx_written_by_hand(void **state)
{
    (void)state;
    const char *parts[] = {"_rels/.rels", root_rels, "xl/workbook.xml", hand_book,
                           "xl/_rels/workbook.xml.rels", hand_rels,
                           "xl/strings.xml", hand_sst, "xl/styles.xml", hand_styles,
                           "xl/worksheets/sheet1.xml", hand_sheet1,
                           "XL/Worksheets/Sheet2.xml", hand_sheet2, NULL};
    keep_parts("hand.parts", hand_sheet2, hand_sst, hand_styles);
    Read r;
    read_xlsx(&r, zip_parts("hand.xlsx", parts));
    assert_true(r.ok);
    assert_int_equal(r.g.nsheets, 3);
    const GridSheet *b = &r.g.sheets[0];
    assert_string_equal(b->name, "B");
    assert_int_equal(b->nrows, 5);
    expect_row(b, 1, "plain", "产出指标", "a b", "x_x000D_", NULL);
    expect_row(b, 2, "11.376", "259.05万元", "1904-01-01", "(1,234.50)", "90%", "#DIV/0!",
               "FALSE", "inline", "plain", "", "2024-03-05", NULL);
    expect_row(b, 3, "1", "", "3", NULL);
    expect_row(b, 4, NULL);
    expect_row(b, 5, "", "5", NULL);
    const GridSheet *a = &r.g.sheets[1];
    assert_string_equal(a->name, "A&'x'");
    assert_int_equal(a->nrows, 3);
    expect_row(a, 1, NULL);
    expect_row(a, 2, NULL);
    expect_row(a, 3, "3", NULL);
    /* a sheet whose part is missing is read as empty, with a warning */
    assert_string_equal(r.g.sheets[2].name, "gone");
    assert_int_equal(r.g.sheets[2].nrows, 0);
    assert_int_equal(notify_count(&r.s, SEV_ERROR), 0);
    assert_int_equal(notify_count(&r.s, SEV_WARNING), 1);
    assert_non_null(strstr(first_message(&r, SEV_WARNING), "'gone'"));
    session_free(&r.s);
}

/* ===== hostile .xlsx ===== */

static void expect_refused(Bytes b, const char *why)
{
    Read r;
    read_xlsx(&r, b);
    assert_false(r.ok);
    assert_int_equal(r.g.nsheets, 0);
    assert_int_equal(notify_count(&r.s, SEV_ERROR), 1);
    const char *msg = first_message(&r, SEV_ERROR);
    if (!strstr(msg, why))
        fail_msg("'%s' does not say '%s'", msg, why);
    session_free(&r.s);
}

static Bytes copy_of(const char *text, size_t len)
{
    Bytes b = {malloc(len + 1), len};
    memcpy(b.data, text, len);
    return b;
}

static void test_xlsx_refuses_what_is_not_a_zip(void **state)
{
    (void)state;
    expect_refused(copy_of("PK\x03\x04 not a zip at all", 22), "not a zip archive");
    /* libzip reads no bytes as an empty archive */
    expect_refused(copy_of("", 0), "no xl/workbook.xml");
}

static void test_xlsx_refuses_a_zip_without_workbook(void **state)
{
    (void)state;
    const char *parts[] = {"hello.txt", "hello", NULL};
    expect_refused(zip_parts("no-workbook.zip", parts), "no xl/workbook.xml");
    const char *empty[] = {"xl/workbook.xml", "<workbook xmlns=\"" NS_MAIN "\"/>", NULL};
    expect_refused(zip_parts("no-sheets.xlsx", empty), "no sheets");
}

static void test_xlsx_refuses_doctype_and_broken_xml(void **state)
{
    (void)state;
    clock_t t0 = clock();
    expect_refused(one_sheet("doctype.xlsx",
                             "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                             "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                             "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                             "]><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol3;"
                             "</t></is></c></row></sheetData></worksheet>", NULL),
                   "DOCTYPE");
    expect_refused(one_sheet("broken.xlsx", "<worksheet><sheetData><row>", NULL),
                   "not well-formed XML");
    expect_refused(one_sheet("unbound.xlsx", "<x:worksheet/>", NULL), "not well-formed XML");
    assert_true(clock() - t0 < 2 * CLOCKS_PER_SEC);
}

static void test_xlsx_cell_at_the_last_row_and_column(void **state)
{
    (void)state;
    clock_t t0 = clock();
    Read r;
    read_xlsx(&r, one_sheet("xfd1048576.xlsx", "<worksheet><sheetData><row r=\"1048576\">"
                            "<c r=\"XFD1048576\"><v>1</v></c></row></sheetData></worksheet>",
                            NULL));
    assert_true(r.ok);
    const GridSheet *sh = &r.g.sheets[0];
    assert_int_equal(sh->nrows, GRID_MAX_ROW);
    assert_int_equal(sh->rows[0].n, 0);
    assert_int_equal(sh->rows[GRID_MAX_ROW - 2].n, 0);
    const GridRow *last = &sh->rows[GRID_MAX_ROW - 1];
    assert_int_equal(last->line, GRID_MAX_ROW);
    assert_int_equal(last->n, GRID_MAX_COL);
    assert_string_equal(last->cell[GRID_MAX_COL - 1], "1");
    assert_string_equal(last->cell[0], "");
    assert_int_equal(last->col[GRID_MAX_COL - 1], GRID_MAX_COL);
    session_free(&r.s);
    assert_true(clock() - t0 < 10 * CLOCKS_PER_SEC);
}

static void test_xlsx_refuses_cells_past_the_last_row_or_column(void **state)
{
    (void)state;
    expect_refused(one_sheet("xfe1.xlsx", "<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c>"
                             "</row></sheetData></worksheet>", NULL), "past Excel's last row");
    expect_refused(one_sheet("a1048577.xlsx", "<worksheet><sheetData><row r=\"1048577\">"
                             "<c><v>1</v></c></row></sheetData></worksheet>", NULL),
                   "past Excel's last row");
    expect_refused(one_sheet("a99999999999.xlsx", "<worksheet><sheetData><row>"
                             "<c r=\"A99999999999\"><v>1</v></c></row></sheetData></worksheet>",
                             NULL), "past Excel's last row");
    /* the column after XFD, by a cell without r */
    expect_refused(one_sheet("xfd-next.xlsx", "<worksheet><sheetData><row><c r=\"XFD1\"/><c>"
                             "<v>1</v></c></row></sheetData></worksheet>", NULL),
                   "past Excel's last row");
}

static void test_xlsx_shared_string_out_of_range_is_blank(void **state)
{
    (void)state;
    Read r;
    read_xlsx(&r, one_sheet("sst-range.xlsx",
                            "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c>"
                            "<c t=\"s\"><v>1</v></c><c t=\"s\"><v>4294967296</v></c>"
                            "<c t=\"s\"><v>x</v></c><c><v>9</v></c></row></sheetData></worksheet>",
                            "<sst><si><t>only</t></si></sst>"));
    assert_true(r.ok);
    expect_row(&r.g.sheets[0], 1, "only", "", "", "", "9", NULL);
    assert_int_equal(notify_count(&r.s, SEV_WARNING), 1);
    assert_non_null(strstr(first_message(&r, SEV_WARNING), "cell B1 of sheet 'S'"));
    session_free(&r.s);
}

static void test_xlsx_bad_reference_reads_as_the_next_cell(void **state)
{
    (void)state;
    Read r;
    read_xlsx(&r, one_sheet("bad-ref.xlsx",
                            "<worksheet><sheetData><row r=\"2\"><c r=\"B2\"><v>1</v></c>"
                            "<c r=\"2B\"><v>2</v></c><c r=\"\"><v>3</v></c></row>"
                            "<row r=\"1\"><c r=\"A1\"><v>0</v></c><c r=\"A1\"><v>again</v></c>"
                            "</row></sheetData></worksheet>", NULL));
    assert_true(r.ok);
    expect_row(&r.g.sheets[0], 1, "again", NULL);
    expect_row(&r.g.sheets[0], 2, "", "1", "2", "3", NULL);
    assert_int_equal(notify_count(&r.s, SEV_WARNING), 1);
    session_free(&r.s);
}

/* A part that inflates past 64 MiB is refused while it is read. */
static void test_xlsx_refuses_a_part_past_its_cap(void **state)
{
    (void)state;
    size_t n = ((size_t)65 << 20);
    char *sheet = malloc(n + 32);
    strcpy(sheet, "<worksheet>");
    memset(sheet + 11, ' ', n);
    strcpy(sheet + 11 + n, "</worksheet>");
    const char *parts[] = {"_rels/.rels", root_rels, "xl/workbook.xml", one_sheet_book,
                           "xl/_rels/workbook.xml.rels", one_sheet_rels,
                           "xl/worksheets/sheet1.xml", sheet, NULL};
    char *saved = getenv("PTL_GRID_SEEDS") ? strdup(getenv("PTL_GRID_SEEDS")) : NULL;
    unsetenv("PTL_GRID_SEEDS");     /* not a seed: the fuzzer's inputs are small */
    Bytes b = zip_parts("big.xlsx", parts);
    if (saved)
        setenv("PTL_GRID_SEEDS", saved, 1);
    free(saved);
    free(sheet);
    expect_refused(b, "inflates to more than 64 MiB");
}

static void test_xlsx_overlapping_merges_stay_bounded(void **state)
{
    (void)state;
    StrBuf x = STRBUF_INIT;
    strbuf_adds(&x, "<worksheet><sheetData>");
    for (int row = 1; row <= 200; row++)
        strbuf_addf(&x, "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c><c r=\"B%d\"><v>1</v></c></row>",
                    row, row, row, row);
    strbuf_adds(&x, "</sheetData><mergeCells>");
    for (int k = 0; k < 50000; k++)
        strbuf_adds(&x, "<mergeCell ref=\"A1:XFD1048576\"/>");
    strbuf_adds(&x, "</mergeCells></worksheet>");
    clock_t t0 = clock();
    Read r;
    read_xlsx(&r, one_sheet("merges.xlsx", strbuf_cstr(&x), NULL));
    strbuf_release(&x);
    assert_true(r.ok);
    /* the first range blanks all but A1; each visits every cell, and the
       work budget ends them before the last */
    expect_row(&r.g.sheets[0], 1, "1", NULL);
    assert_int_equal(r.g.sheets[0].nrows, 1);
    assert_int_equal(notify_count(&r.s, SEV_WARNING), 1);
    assert_non_null(strstr(first_message(&r, SEV_WARNING), "more merged ranges"));
    assert_true(clock() - t0 < 10 * CLOCKS_PER_SEC);
    session_free(&r.s);
}

/* ===== .xls, by FreeXL ===== */

static void test_xls_fixture_sheets_and_cells(void **state)
{
    (void)state;
    Read r;
    Bytes b = slurp("tests/import/grid.xls");
    session_init(&r.s);
    r.ok = grid_read_xls(&r.s, "grid.xls", b.data, b.len, &r.g);
    free(b.data);
    assert_true(r.ok);
    assert_int_equal(r.s.notifications.len, 0);
    assert_true(r.g.workbook);
    assert_int_equal(r.g.nsheets, 3);
    const GridSheet *sh = &r.g.sheets[0];
    assert_string_equal(sh->name, "预算表");
    assert_int_equal(sh->nrows, 7);
    expect_row(sh, 1, "部门（单位）名称", "株洲市渌口区信访局", NULL);
    /* FreeXL gives no number formats: numbers are General, dates ISO */
    expect_row(sh, 2, "11.376", "0.125", "10000", "0.9", "0.1234", "259.05", "12",
               "2024-03-05", "2024-03-05 14:30:00", "10000", "-5", "1234567.891", NULL);
    expect_row(sh, 3, NULL);
    /* FreeXL gives no merged ranges, and LibreOffice keeps covered text */
    expect_row(sh, 4, "产出指标", "数量指标", "covered too", NULL);
    expect_row(sh, 5, "covered", "第一行 第二行", NULL);
    expect_row(sh, 6, "", "产出指标", NULL);
    /* nor a formula's text result, nor a boolean: FreeXL 1.0.6 skips both */
    expect_row(sh, 7, "", "", "0", NULL);
    const GridSheet *two = &r.g.sheets[1];
    assert_string_equal(two->name, "Sheet2");
    expect_row(two, 1, "second", NULL);
    expect_row(two, 2, NULL);
    expect_row(two, 3, "", "", "3", NULL);
    assert_string_equal(r.g.sheets[2].name, "空");
    assert_int_equal(r.g.sheets[2].nrows, 0);
    session_free(&r.s);
}

static void test_xls_refuses_what_is_not_one(void **state)
{
    (void)state;
    Session s;
    session_init(&s);
    Grid g;
    assert_false(grid_read_xls(&s, "t.xls", "not an xls", 10, &g));
    assert_int_equal(g.nsheets, 0);
    assert_int_equal(notify_count(&s, SEV_ERROR), 1);
    const Notification *n = s.notifications.items[0];
    assert_non_null(strstr(n->msg, "not an .xls workbook"));
    assert_false(grid_read_xls(&s, "t.xls", "", 0, &g));
    session_free(&s);
}

/* The fixture with every sheet's DIMENSION record saying 65536 × 256
 * cells: FreeXL would allocate 268 MB a sheet at open; its child process
 * is refused the memory, or the reader the cells, in bounded time. */
static void test_xls_with_huge_dimensions_is_refused(void **state)
{
    (void)state;
    Bytes b = slurp("tests/import/grid.xls");
    size_t patched = 0;
    for (size_t i = 0; i + 18 <= b.len; i++) {
        if (memcmp(b.data + i, "\x00\x02\x0e\x00", 4) != 0)
            continue;
        uint32_t rows = 65536, first = 0;
        uint16_t cols = 256, c0 = 0;
        memcpy(b.data + i + 4, &first, 4);
        memcpy(b.data + i + 8, &rows, 4);
        memcpy(b.data + i + 12, &c0, 2);
        memcpy(b.data + i + 14, &cols, 2);
        patched++;
    }
    assert_int_equal(patched, 3);
    keep("dimensions.xls", &b);
    clock_t t0 = clock();
    Session s;
    session_init(&s);
    Grid g;
    assert_false(grid_read_xls(&s, "t.xls", b.data, b.len, &g));
    assert_int_equal(g.nsheets, 0);
    assert_int_equal(notify_count(&s, SEV_ERROR), 1);
    session_free(&s);
    free(b.data);
    assert_true(clock() - t0 < 5 * CLOCKS_PER_SEC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_columns_count_code_points),
        cmocka_unit_test(test_general_is_fifteen_significant_digits),
        cmocka_unit_test(test_fixed_decimals_round_half_away_from_zero),
        cmocka_unit_test(test_builtin_fixed_and_percent_ids),
        cmocka_unit_test(test_percent_literal_text_and_sections),
        cmocka_unit_test(test_unsupported_codes_show_general),
        cmocka_unit_test(test_dates_from_serials),
        cmocka_unit_test(test_double_shows_as_general),
        cmocka_unit_test(test_clean_text_trims_and_flattens),
        cmocka_unit_test(test_xlsx_cells_as_the_sheet_shows_them),
        cmocka_unit_test(test_xlsx_written_by_hand),
        cmocka_unit_test(test_xlsx_refuses_what_is_not_a_zip),
        cmocka_unit_test(test_xlsx_refuses_a_zip_without_workbook),
        cmocka_unit_test(test_xlsx_refuses_doctype_and_broken_xml),
        cmocka_unit_test(test_xlsx_cell_at_the_last_row_and_column),
        cmocka_unit_test(test_xlsx_refuses_cells_past_the_last_row_or_column),
        cmocka_unit_test(test_xlsx_shared_string_out_of_range_is_blank),
        cmocka_unit_test(test_xlsx_bad_reference_reads_as_the_next_cell),
        cmocka_unit_test(test_xlsx_refuses_a_part_past_its_cap),
        cmocka_unit_test(test_xlsx_overlapping_merges_stay_bounded),
        cmocka_unit_test(test_xls_fixture_sheets_and_cells),
        cmocka_unit_test(test_xls_refuses_what_is_not_one),
        cmocka_unit_test(test_xls_with_huge_dimensions_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
