/* grid_number: what the two workbook readers (grid_xlsx.c, grid_xls.c)
 * share: a stored number shown as its cell's number format shows it, the
 * one cleaning of a cell's text, and the limits that keep hostile workbooks
 * bounded. Numbers are handled as decimal digits, never printed from a
 * double, so that 0.125 in "0.00" is 0.13 as Excel shows it. Ownership:
 * every returned string and format lives in the arena passed in. */
#ifndef PTL_GRID_NUMBER_H
#define PTL_GRID_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Excel's own sheet size, and what a workbook may hold before the readers
 * refuse it: no budget table comes near, and each cap bounds memory (a
 * GridRow is 32 bytes, a laid-out cell 16). */
enum {
    GRID_MAX_ROW = 1048576,     /* a sheet's last row */
    GRID_MAX_COL = 16384,       /* a sheet's last column, XFD */
    GRID_MAX_CELLS = 2000000,   /* cells with text, over the workbook */
    GRID_MAX_ROWS = 2097152,    /* rows laid out, blank ones included, over the workbook */
    GRID_MAX_SLOTS = 4194304,   /* cells laid out, blank padding included, over the workbook */
    GRID_MAX_SHEETS = 4096
};

/* A parsed number format code (its sections and placeholders). */
typedef struct GridFormat GridFormat;

/* The format a code stands for; NULL for General (code NULL, "General",
 * or what is not supported: scientific, fractions, conditions, a code
 * longer than Excel's 255 characters). Never fails. */
const GridFormat *grid_format_parse(Arena *a, const char *code);

/* The code of built-in numFmtId id (ECMA-376 18.8.30; the ids whose code
 * depends on the locale as zh-CN defines them), or NULL for General and
 * for an id that is not built in. */
const char *grid_format_builtin(unsigned id);

/* stored (len bytes) is a number as a workbook stores it ("0.125",
 * "11.375999999999999", "1E-3"). Returns it as format f (NULL: General)
 * shows it, dates from the 1904 date system when date1904; NULL when
 * stored is not a number a cell can hold. */
const char *grid_number_show(Arena *a, const char *stored, size_t len, const GridFormat *f,
                             bool date1904);

/* A double as General shows it (rounded to 15 significant digits). */
const char *grid_number_double(Arena *a, double v);

/* A cell's text as the grid holds it: bytes that are not UTF-8 become
 * U+FFFD, each run of CR and LF one space, every other control character a
 * space, and the spaces, CR, LF and U+3000 around it are trimmed. */
const char *grid_clean_text(Arena *a, const char *text, size_t len);

#endif
