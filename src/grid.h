/* grid: a spreadsheet as the importer reads it, whatever file it came
 * from: sheets of rows of cells, each cell the text the spreadsheet shows
 * (trimmed of the padding spaces around it), a blank "" where the sheet
 * has nothing, including every cell a merged range covers but its
 * top-left one (as a text export leaves them). Every row and cell keeps
 * its place in the input, so a diagnostic can name it: FILE:LINE:COL for
 * text, FILE:SHEET!C12 for a workbook. Ownership: everything lives in the
 * session's arena. */
#ifndef PTL_GRID_H
#define PTL_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"

typedef struct GridRow {
    size_t line;                /* text: 1-based line; workbook: 1-based row number */
    size_t n;                   /* cells (trailing blank cells may be absent) */
    const char **cell;          /* NUL-terminated UTF-8, "" when blank */
    size_t *col;                /* text: 1-based byte column; workbook: 1-based column */
} GridRow;

typedef struct GridSheet {
    const char *name;           /* the sheet's name; NULL for a text export */
    size_t nrows;
    GridRow *rows;              /* in order; blank rows of a workbook are present, n == 0 */
} GridSheet;

typedef struct Grid {
    bool workbook;              /* positions are SHEET!A1, not LINE:COL */
    size_t nsheets;
    GridSheet *sheets;
} Grid;

/* The readers. Each reports what it cannot read as a notification naming
 * path (notify_report) and returns false when nothing usable was read;
 * a workbook's sheets come in the workbook's order. */
bool grid_read_text(Session *s, const char *path, const char *data, size_t len, Grid *out);
bool grid_read_xlsx(Session *s, const char *path, const char *data, size_t len, Grid *out);
bool grid_read_xls(Session *s, const char *path, const char *data, size_t len, Grid *out);

/* "C12" of a workbook's column and row (both 1-based), in the arena. */
const char *grid_cell_name(Arena *a, size_t col, size_t row);

/* Where cell k of row r is, as a diagnostic names it: "path:12:5" or
 * "path:Sheet1!C12"; k < 0 names the row's first column. */
const char *grid_where(Arena *a, const char *path, const Grid *g, const GridSheet *sh,
                       const GridRow *r, int k);

#endif
