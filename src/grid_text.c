/* grid_text: a text export read as a grid (see grid.h). A spreadsheet saves
 * its text with tabs between cells ("Text (Tab delimited)", "Unicode
 * text"), or as CSV with commas and quotes; the file says which: a line
 * with a tab is tab-separated, else commas are read as RFC 4180. Text that
 * is not UTF-8 is read as what encoding_detect says it is, with a warning
 * naming the encoding. */
#include "grid.h"

#include <string.h>

#include "encoding.h"
#include "notify.h"
#include "source.h"
#include "strbuf.h"

/* Spaces (ASCII and the ideographic U+3000) around a cell are the export's
 * padding, not its content. */
static size_t trim(const char **p, size_t n)
{
    for (;;) {
        if (n && (**p == ' ' || **p == '\r'))
            (*p)++, n--;
        else if (n >= 3 && memcmp(*p, "\xe3\x80\x80", 3) == 0)
            *p += 3, n -= 3;
        else
            break;
    }
    for (;;) {
        if (n && ((*p)[n - 1] == ' ' || (*p)[n - 1] == '\r'))
            n--;
        else if (n >= 3 && memcmp(*p + n - 3, "\xe3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    return n;
}

typedef struct RowBuild {
    PtrVec cells, cols;         /* const char *, and the column as a pointer-sized number */
} RowBuild;

/* Columns count code points, as the checker's do by default: a position
 * names the same character in both. */
static size_t code_points(const char *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)p[i] & 0xC0) != 0x80;
    return k;
}

/* A cell of n bytes at p, whose first character is at column col. */
static void add_cell(Arena *a, RowBuild *b, const char *p, size_t n, size_t col)
{
    const char *c = p;
    n = trim(&c, n);
    ptrvec_push(a, &b->cells, arena_strndup(a, c, n));
    ptrvec_push(a, &b->cols, (void *)(uintptr_t)(col + code_points(p, (size_t)(c - p))));
}

static GridRow finish_row(Arena *a, RowBuild *b, size_t line)
{
    GridRow r = {line, b->cells.len, NULL, NULL};
    r.cell = arena_alloc(a, (r.n ? r.n : 1) * sizeof *r.cell);
    r.col = arena_alloc(a, (r.n ? r.n : 1) * sizeof *r.col);
    for (size_t k = 0; k < r.n; k++) {
        r.cell[k] = b->cells.items[k];
        r.col[k] = (size_t)(uintptr_t)b->cols.items[k];
    }
    b->cells.len = b->cols.len = 0;
    return r;
}

/* Tab-separated: a line is a row, a tab ends a cell; no quoting (Excel
 * writes a cell with a tab or newline in quotes only in CSV). */
static void read_tabbed(Arena *a, const char *text, size_t len, PtrVec *rows)
{
    RowBuild b = {{0}, {0}};
    size_t line = 1;
    for (size_t i = 0; i <= len; line++) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t start = i, col = 1;
        for (;;) {
            const char *tab = memchr(text + start, '\t', end - start);
            size_t stop = tab ? (size_t)(tab - text) : end;
            add_cell(a, &b, text + start, stop - start, col);
            if (!tab)
                break;
            col += code_points(text + start, stop - start) + 1;
            start = stop + 1;
        }
        GridRow *r = arena_alloc(a, sizeof *r);
        *r = finish_row(a, &b, line);
        ptrvec_push(a, rows, r);
        i = end + 1;
    }
}

/* RFC 4180: a quoted cell may hold commas, doubled quotes and line breaks
 * (read as one space: a cell of the grid is one line); the row is where
 * its first line is. */
static void read_csv(Arena *a, const char *text, size_t len, PtrVec *rows)
{
    RowBuild b = {{0}, {0}};
    StrBuf cell = STRBUF_INIT;
    size_t line = 1, row_line = 1, line_start = 0;
    size_t i = 0, counted = 0, col = 1;     /* col: the column of byte counted */
    while (i <= len) {
        if (counted < line_start)
            counted = line_start, col = 1;  /* a quoted cell went on to a new line */
        col += code_points(text + counted, i - counted);
        counted = i;
        strbuf_reset(&cell);
        if (i < len && text[i] == '"') {
            for (i++; i < len; i++) {
                if (text[i] == '"' && i + 1 < len && text[i + 1] == '"') {
                    strbuf_addc(&cell, '"');
                    i++;
                } else if (text[i] == '"') {
                    i++;
                    break;
                } else if (text[i] == '\n' || text[i] == '\r') {
                    if (text[i] == '\n')
                        line++, line_start = i + 1;
                    if (cell.len && cell.buf[cell.len - 1] != ' ')
                        strbuf_addc(&cell, ' ');
                } else {
                    strbuf_addc(&cell, text[i]);
                }
            }
        }
        size_t start = i;
        while (i < len && text[i] != ',' && text[i] != '\n')
            i++;
        strbuf_add(&cell, text + start, i - start);   /* text after a closing quote, as Excel keeps it */
        add_cell(a, &b, strbuf_cstr(&cell), cell.len, col + (counted < len && text[counted] == '"'));   /* after a quote */
        if (i < len && text[i] == ',') {
            i++;
            continue;
        }
        GridRow *r = arena_alloc(a, sizeof *r);
        *r = finish_row(a, &b, row_line);
        ptrvec_push(a, rows, r);
        if (i >= len)
            break;
        i++;    /* the newline */
        line++;
        line_start = i;
        row_line = line;
    }
    strbuf_release(&cell);
}

bool grid_read_text(Session *s, const char *path, const char *data, size_t len, Grid *out)
{
    memset(out, 0, sizeof *out);
    Encoding e = encoding_detect(data, len);
    if (e != ENC_UTF8) {
        size_t n = 0;
        char *text = encoding_to_utf8(&s->arena, e, data, len, &n);
        if (!text) {
            notify_report(s, SEV_ERROR, path, "not imported: the export is neither UTF-8, UTF-16 "
                                              "nor GB18030 text");
            return false;
        }
        notify_report(s, SEV_WARNING, path, "read as %s: the export is not UTF-8 text",
                      encoding_name(e));
        data = text;
        len = n;
    } else if (memchr(data, '\0', len)) {
        notify_report(s, SEV_ERROR, path, "not imported: the export is neither UTF-8, UTF-16 "
                                          "nor GB18030 text");
        return false;
    }
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        data += 3, len -= 3;    /* a BOM says UTF-8 and is not content */
    PtrVec rows = {0};
    if (memchr(data, '\t', len) || !memchr(data, ',', len))
        read_tabbed(&s->arena, data, len, &rows);
    else
        read_csv(&s->arena, data, len, &rows);
    GridSheet *sh = arena_alloc(&s->arena, sizeof *sh);
    sh->nrows = rows.len;
    sh->rows = arena_alloc(&s->arena, (rows.len ? rows.len : 1) * sizeof *sh->rows);
    for (size_t i = 0; i < rows.len; i++)
        sh->rows[i] = *(GridRow *)rows.items[i];
    out->nsheets = 1;
    out->sheets = sh;
    return true;
}
