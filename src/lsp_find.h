/* lsp_find: what is at a byte offset of a checked file — an indicator's
 * name, a category, a unit, a rule, a department a project names, a
 * framework — found in the AST by its spans, for hover and definition.
 * Ownership: a hit points into the program's arena. */
#ifndef PTL_LSP_FIND_H
#define PTL_LSP_FIND_H

#include "program.h"

typedef enum LspHitKind {
    HIT_NONE,
    HIT_INDICATOR,              /* ind, with l1, l2 */
    HIT_CATEGORY,               /* cat, with l1 (its 一级 when cat is below one) */
    HIT_UNIT,                   /* name: the unit's text */
    HIT_RULE,                   /* name: a rule's name (allow, settings) */
    HIT_DEPARTMENT,             /* name: the department a project or evaluation names */
    HIT_FRAMEWORK,              /* name: a framework named or declared */
    HIT_BUDGET_NAME             /* name: a budget line's source or nature */
} LspHitKind;

typedef struct LspHit {
    LspHitKind kind;
    Span span;                  /* the text the offset is on */
    const char *name;
    Table *table;               /* the table around it, or NULL */
    Category *cat, *l1, *l2;
    Indicator *ind;
    const BudgetLine *line;     /* HIT_BUDGET_NAME */
} LspHit;

/* The innermost thing at off in session file `file` (an offset just past
 * a name counts as on it, where the cursor is after typing it). */
LspHit lsp_find(const Program *p, uint32_t file, uint32_t off);

/* The table of file whose span holds off, or NULL. */
Table *lsp_table_at(const Program *p, uint32_t file, uint32_t off);

#endif
