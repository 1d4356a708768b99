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

typedef enum CsvTable {
    CSV_INDICATORS, CSV_BUDGET, CSV_TABLES, CSV_BREAKDOWNS, CSV_EVALUATIONS, CSV_EVALUATION_TOTALS,
    CSV_TABLE_COUNT
} CsvTable;

typedef struct EmitOptions {
    CsvTable csv_table;         /* which CSV table: --table */
    bool bom;                   /* CSV: begin with a UTF-8 BOM (--bom) */
    bool crlf;                  /* CSV: CRLF line ends (--crlf) */
    bool with_errors;           /* --allow-errors and the program has errors */
} EmitOptions;

void emit_json(const Program *p, const EmitOptions *o, StrBuf *out);
/* JSON Lines: one object per indicator, then per result of a
 * self-evaluation, each with its table's keys (docs/jsonl.md). */
void emit_jsonl(const Program *p, const EmitOptions *o, StrBuf *out);
void emit_csv(const Program *p, const EmitOptions *o, StrBuf *out);

/* All tables in one self-contained HTML document. */
void emit_html(const Program *p, const EmitOptions *o, StrBuf *out);
/* One table (or evaluation) per document, for a directory build. */
void emit_html_table(const Program *p, const Table *t, const EmitOptions *o, StrBuf *out);
/* The directory's index.html: hrefs[i] is the file of the i-th page, the
 * tables' (emit_table) then the evaluations' (emit_evaluation). */
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

/* A table's title as on the official form: 2026年部门整体支出绩效目标表;
 * an evaluation's 项目支出绩效自评表（2022年度）. */
const char *emit_title(Arena *a, const Table *t);

/* The statements of kind k the checker kept (a duplicate or a misplaced one
 * is not read), in source order, from *i on; NULL after the last:
 *     for (size_t i = 0; (f = emit_next(t, FIELD_ORG, &i));)  */
const Field *emit_next(const Table *t, FieldKind k, size_t *i);
size_t emit_count(const Table *t, FieldKind k);

/* The figure of a budget, the period of a goal or an indicator tree, as
 * written; "年度" for one written without (the year's). */
const char *emit_period_name(const Field *f);

/* A date as the forms print it: 2026.1.28, 2026.12 (as written if invalid). */
const char *emit_form_date(Arena *a, const Date *d);

/* A date as ISO 8601: 2026-01-28, 2026-12 (a Chinese 2026年1月 too). */
const char *emit_iso_date(Arena *a, const Date *d);

/* 项目支出实施期 as the forms print it: 2026年, 2026年—2028年, 2023.4—2024.2,
 * 3年; NULL without a period. */
const char *emit_period(Arena *a, const Field *period);

/* A category as the form prints it, with its 分值: 产出指标(50分),
 * 成本指标(0-20分); the name alone without one. */
const char *emit_category_label(Arena *a, const Category *c);

/* The indicator trees use these optional columns (EMIT_USES_*), over every
 * tree of the table, so all its grids share their columns. */
enum {
    EMIT_USES_EXPL = 1, EMIT_USES_WEIGHT = 2, EMIT_USES_STANDARD = 4, EMIT_USES_UNIT_COLUMN = 8,
    EMIT_USES_SCORING = 16
};
unsigned emit_columns_used(const Table *t);

/* ----- budgets as a list: one row per line, one column per figure ----- */

/* A line of the budget list: the same line (kind, canonical name, place in
 * its parent's split) of every figure side by side. */
typedef struct EmitBudgetRow {
    BudgetLineKind kind;        /* of the top line: a split is grouped with its line */
    const char *name;           /* as written in the first figure that has it; NULL: 资金总额 */
    unsigned depth;             /* 0 for a line, 1 for its split (其中), ... */
    const BudgetLine **line;    /* per figure: the line, or NULL where it has none */
} EmitBudgetRow;

typedef struct EmitBudgets {
    const Field **figure;       /* the budget blocks, in source order */
    bool *shares;               /* per figure: some line of it has a 占比 */
    size_t nfigure;
    EmitBudgetRow *row;         /* 资金总额, then income, then spending lines */
    size_t nrow;
} EmitBudgets;

EmitBudgets emit_budgets(Arena *a, const Table *t);

/* How many rows from row `from` on are of its kind (按收入性质分, 按支出性质分):
 * the rows its group heading spans. */
size_t emit_budget_group_rows(const EmitBudgets *eb, size_t from);

/* The seed's one-row budget grid shows a department's budget whole: one
 * figure, no 占比, no line split. */
bool emit_budget_fits_grid(const Table *t);

/* ----- breakdowns: one row per part, depth first ----- */

typedef struct EmitPartRow {
    const Part *part;           /* name NULL: a 合计 */
    unsigned depth;             /* 0 at the top */
    const char *path;           /* its names from the top, joined by " › " */
} EmitPartRow;

size_t emit_part_rows(Arena *a, const Field *breakdown, EmitPartRow **rows);

/* A row's name as a form prints it: 合计 for the total, 其中：X one level
 * down, indented by a full-width space per level below that. */
const char *emit_part_label(Arena *a, const char *name, unsigned depth);

/* Control characters but tab and line feed (C0, DEL, C1) and bidirectional
 * controls are shown as <U+001B> / <U+202E>, never passed on: in a report
 * they would hide text or reorder what the reader sees (safetext.h decides
 * which are unsafe, for every output). */
void emit_visible_text(StrBuf *out, const char *s, size_t len);

/* ----- self-evaluations (绩效自评表, emit_eval.c) ----- */

/* The user's evaluations, in file and source order. */
size_t emit_evaluation_count(const Program *p);
const Table *emit_evaluation(const Program *p, size_t i);

/* What the checker computed for evaluation e; all zero (nothing computed)
 * when it never got that far. */
const EvalSummary *emit_eval_summary(const Table *e);

/* The table an evaluation evaluates, or NULL. */
const Table *emit_eval_target(const Table *e);

/* The first kept statement of kind k labelled role (an org's 主管部门 ...),
 * or NULL; and the one an evaluation states, else the one its target does. */
const Field *emit_labelled_field(const Table *t, FieldKind k, const char *role);
const Field *emit_stated(const Table *e, const Table *t, FieldKind k, const char *role);

/* An org the 自评表's header rows print in their own cells (主管部门,
 * 实施单位), not among the other label/value pairs. */
bool emit_fixed_org(const Field *f);

/* Whether e evaluates a department (部门整体支出绩效自评表) rather than a
 * project; a project's form when the target is unknown. */
bool emit_eval_is_department(const Table *e);

/* A computed figure (a score, a rate) as text, trailing zeros dropped:
 * 9.10 -> "9.1", 100.00 -> "100". Exact: the checker rounded it once. */
const char *emit_decimal(Arena *a, Decimal d);

/* The same as a Number, for the emitters that take one (XLSX cells). */
Number emit_number(Arena *a, Decimal d);

/* "none", "met", "ratio", "inverse", "band". */
const char *emit_score_method(ScoreMethod m);

/* How the 得分 was found, as the CSV says it: 达成目标, 实际/目标,
 * 目标/实际, the 定性 band's name; NULL when not scored. */
const char *emit_score_method_zh(const Result *r);

/* A target as the 自评表 prints it in 年度指标值: ≥50个, 85～95%, the text
 * of a 定性 target; NULL for a blank one. */
const char *emit_target_text(Arena *a, const Indicator *ind);

/* The 实际完成值 as written, with its unit when it has one: 4604人,
 * 达成预期指标; NULL when blank. */
const char *emit_actual_text(Arena *a, const Result *r);

/* The written figure beside a computed one that differs: "（填报 10）";
 * "" when it agrees or nothing is written (written NULL or without text). */
const char *emit_written_mark(Arena *a, const Number *written, const char *suffix,
                              Decimal computed, bool computed_known);

/* The written grade beside the computed one when they differ (优秀 is 优,
 * as the checker reads it): "（填报 良）"; "" otherwise. */
const char *emit_grade_mark(const Program *p, const Table *e);

/* A written 执行率 in %, exactly (rate 0.95 without % is 95). */
bool emit_rate_percent(const ExecLine *l, Decimal *out);

/* The written 执行率 beside a computed one (in %) that differs, as printed:
 * "（填报 96%）", "（填报 0.95）"; "" when it agrees or none is written. */
const char *emit_rate_mark(Arena *a, const ExecLine *l, Decimal rate);

/* The rows of the 项目资金 (资金情况) grid: 资金总额, then each source the
 * evaluation gives and the target's sources it does not, then the same of
 * the natures (基本支出, 项目支出) when it gives any, with their
 * 年初预算数 (the target's own budget, when the 全年预算数 are another
 * figure: the target's 全年 budget, or restated by the evaluation),
 * 全年预算数 (restated, else the target's) and 执行率. */
typedef struct EmitExecRow {
    BudgetLineKind kind;
    const char *name;           /* as written; NULL: 资金总额 */
    const ExecLine *line;       /* NULL: a line only the target's budget has */
    const Quantity *initial;    /* 年初预算数, or NULL */
    const Quantity *budget;     /* 全年预算数, or NULL */
    bool budget_stated;         /* restated in the evaluation (`budget Q`) */
    bool has_rate;
    Decimal rate;               /* 执行率 in %, 2 decimals, computed */
    bool has_score;             /* 资金总额: 预算执行率's 分值 and 得分 */
    Decimal points, score;
} EmitExecRow;

typedef struct EmitExecution {
    const Field *figure;        /* the target's budget the 全年预算数 come from, or NULL */
    const Field *initial;       /* the target's budget printed as 年初预算数, or NULL */
    EmitExecRow *row;           /* 资金总额 first, then sources, then natures */
    size_t nrow;
} EmitExecution;

/* The label of row i: 年度资金总额, and 其中：X for the first of each kind. */
const char *emit_exec_label(Arena *a, const EmitExecution *x, size_t i);

EmitExecution emit_execution(const Program *p, const Table *e);

/* The result that indicator ind of e's target received, or NULL. */
const Result *emit_result_of(const Table *e, const Indicator *ind);

/* The results of e that name no indicator of its target (only built with
 * --allow-errors), in source order; the count is returned. */
size_t emit_unmatched_results(Arena *a, const Table *e, const Result ***out);

#endif
