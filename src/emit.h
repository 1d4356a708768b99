/* emit: the output formats. Each emitter renders the checked program into a
 * caller-owned StrBuf (the caller writes it atomically) or, for XLSX, into
 * a file it is given (the caller renames it into place). They run only
 * when the program has no errors, unless --allow-errors asked otherwise,
 * in which case every format says so visibly. Output is deterministic:
 * declaration order, the exact decimal text as written, no timestamps. */
#ifndef PTL_EMIT_H
#define PTL_EMIT_H

#include <stdbool.h>

#include "program.h"
#include "strbuf.h"

typedef enum CsvTable { CSV_INDICATORS, CSV_BUDGET, CSV_TABLES } CsvTable;

typedef struct EmitOptions {
    CsvTable csv_table;         /* which CSV table: --table */
    bool bom;                   /* CSV: begin with a UTF-8 BOM (--bom) */
    bool crlf;                  /* CSV: CRLF line ends (--crlf) */
    bool with_errors;           /* --allow-errors and the program has errors */
} EmitOptions;

void emit_json(const Program *p, const EmitOptions *o, StrBuf *out);
void emit_csv(const Program *p, const EmitOptions *o, StrBuf *out);

/* All tables in one self-contained HTML document. */
void emit_html(const Program *p, const EmitOptions *o, StrBuf *out);
/* One table per document, for a directory build. */
void emit_html_table(const Program *p, const Table *t, const EmitOptions *o, StrBuf *out);
/* The directory's index.html: hrefs[i] is the file of the i-th emitted table. */
void emit_html_index(const Program *p, const EmitOptions *o, const char *const *hrefs,
                     StrBuf *out);

/* Writes the workbook to path (a temporary file the caller renames). */
bool emit_xlsx(const Program *p, const EmitOptions *o, const char *path, const char **err);

/* ===== shared by the emitters (emit.c) ===== */

/* The user's tables (not the stdlib's), in file and source order. */
size_t emit_table_count(const Program *p);
const Table *emit_table(const Program *p, size_t i);

/* Errors and warnings reported inside table t. */
void emit_table_diags(const Program *p, const Table *t, size_t *errors, size_t *warnings);

/* The indicators under c, at any depth. */
size_t emit_indicator_count(const Category *c);

/* The department a table belongs to: its own name, or a project's owner. */
const char *emit_department(const Table *t);

/* A money amount for display: the exact text, padded to two decimals
 * (120 -> 120.00) but never rounded (26.485 stays 26.485). */
const char *emit_money(Arena *a, const Number *n);

/* A table's title as on the official form: 2026年部门整体支出绩效目标表. */
const char *emit_title(Arena *a, const Table *t);

/* Control characters but tab and line feed (C0, DEL, C1) and bidirectional
 * controls are shown as <U+001B> / <U+202E>, never passed on: in a report
 * they would hide text or reorder what the reader sees (safetext.h decides
 * which are unsafe, for every output). */
void emit_visible_text(StrBuf *out, const char *s, size_t len);

#endif
