/* check: the semantic passes over a parsed program. Each pass visits
 * everything and reports every problem through diag; nothing stops at the
 * first finding. Passes, in order: declarations (units, dimensions,
 * vocabularies) -> tables (fields) -> budgets -> indicators -> cross-table.
 * Each rule is checked in exactly one function named after it. */
#ifndef PTL_CHECK_H
#define PTL_CHECK_H

#include "program.h"

/* Parses the session's sources (stdlib first, as added) and checks them.
 * nstdlib: how many of the session's first files are the stdlib. With
 * s->release_batch, the trees may be freed batch by batch as checked
 * (check_release.c): prog->released says whether they were. */
void check_program(Program *prog, Session *s, size_t nstdlib, uint32_t settings_file);

/* The steps check_program takes, for check_release.c: the declarations and
 * tables of prog->files[from..], all checked; the rules across tables,
 * once every table is; the empty-file finding of one file. */
void check_files(Program *prog, size_t from);
void check_table_passes(Program *prog, Table *t);   /* a table's own, after check_tables */
void check_across(Program *prog);
void check_empty_file(Program *prog, const AstFile *f);
/* The same from what a user file held, once its tree is gone. */
void check_empty_source(Program *prog, uint32_t file, bool decls, bool comments);

/* check_program in bounded memory when every user file holds only tables:
 * false (and the session as it was) when it cannot, or found on the way
 * that the result would differ from check_program's. */
bool check_releasing(Program *prog);

/* ===== passes (one file each) ===== */
/* check_decls: the declarations of p->files[from..], and their tables
 * added to p->tables and p->evaluations; check_tables: the fields of the
 * tables from those indexes on. */
void check_decls(Program *p, size_t from);
void check_tables(Program *p, size_t from_table, size_t from_eval);
void check_budget(Program *p, Table *t);
void check_indicators(Program *p, Table *t);
void check_cross_table(Program *p);
void check_structure(Program *p, Table *t);     /* check_structure.c: the tree in force */
void check_structure_table(Program *p, Table *t);   /* check_structure.c: once per table */
void check_values(Program *p, Table *t);        /* check_values.c: the tree in force */
void check_values_table(Program *p, Table *t);  /* check_values.c: once per table */
void check_money(Program *p, Table *t);         /* check_money.c: the tree in force */
void check_money_table(Program *p, Table *t);   /* check_money.c: once per table */

void check_evaluations(Program *p);          /* check_eval.c: after every table */

/* The operator a target printed without one most likely means (check_indicator.c). */
Op likely_op(Program *p, const Indicator *ind, const Category *l1, const Category *l2);

/* ===== shared helpers (check.c) ===== */

/* Checks that a money quantity has a known money unit; false if unusable. */
bool check_money_quantity(Program *p, const Quantity *q, const char *what);

/* Calls fn for every indicator of t, depth first in source order, with its
 * 一级 and 二级 categories (NULL where absent; Category.canonical is NULL
 * where the checker could not place the category). */
typedef void (*IndicatorVisit)(void *ctx, Indicator *ind, Category *l1, Category *l2);
void check_each_indicator(const Table *t, IndicatorVisit fn, void *ctx);

/* True when a 一级 category of the indicator tree prints its 分值
 * (产出指标 score 50): its weights then make score-total, not
 * weights-total (weights-sum). */
bool check_tree_scored(const Field *tree);

/* The value of q in its dimension's base unit (元 for money), without
 * reporting anything: false when the number or unit is unusable. */
bool quantity_base(Program *p, const Quantity *q, const UnitDef **unit, Decimal *base);

/* Length of the next denominator factor of a compound unit's rest (after
 * its '/'): up to '/', '·' or '・'; *sep receives the separator's length
 * (0 at the end). */
size_t unit_factor_len(const char *rest, size_t *sep);

/* The 'total' line of a budget block, or NULL. */
const BudgetLine *budget_total(const Field *budget);

/* The table's whole amount: a department's 资金总额, a project's 项目金额
 * (its 'amount', else its budget's 资金总额).
 * False when absent or unusable (already reported). */
bool table_amount(Program *p, const Table *t, const Quantity **q, Decimal *base);

/* True when a budget, tree or goal is the year's own: unlabelled, or
 * labelled with an annual_figures name (年度, 当年, 本年度). */
bool field_is_annual(Program *p, const Field *f);

/* The amount an indicator tree is measured against: the total of the budget
 * of the same figure (indicators 中期 against budget 中期), else, for the
 * year's tree, the table's amount. False when there is none to compare
 * with: a 中期 tree is not held to the year's money. */
bool tree_amount(Program *p, const Table *t, const Field *tree, const Quantity **q,
                 Decimal *base);

/* True when an indicator's text value is a number garbled by an export
 * (%=99百分比, 二100百分比): malformed-value's finding, which no rule about
 * text or operators judges again. */
bool value_malformed(const Indicator *ind);

/* True when text contains any spelling of the stdlib vocabulary vocab (a
 * string literal: program_vocab_named). */
bool text_has_any(Program *p, const char *text, const char *vocab);

/* A number that is a year, 1900 to 2200 (invalid-year reports any other),
 * into *year; and the table's budget year, when it has one. */
bool year_number(const Number *n, int *year);
bool table_year(const Table *t, int *year);

/* The canonical category name (or NULL) of a category node. */
const char *category_name(const Category *c);

/* A threshold from params.def, as configured. */
Decimal check_param(const Program *p, ParamId id);

/* Converts q to the dimension's base unit; false on overflow (reported). */
bool check_to_base(Program *p, const Quantity *q, const UnitDef *u, Decimal *out);

/* Closest spelling to word among candidates (PtrVec of char *), or NULL,
 * for a short list used once (keywords, command-line names). */
const char *suggest(const PtrVec *candidates, const char *word);

/* The same over a list that lives as long as the program and only grows
 * (a vocabulary's spellings, p->unit_names ...): its index is built once
 * and extended as the list grows; the session's budget applies. */
const char *suggest_in(Program *p, const PtrVec *candidates, const char *word);

/* "department", "project" or "evaluation", in the session's language. */
const char *check_kind_name(const Program *p, TableKind k);

/* "; did you mean 'X'?" or "", computed only when a report of rule at span
 * would be kept (not past --max-errors, not allowed). */
const char *did_you_mean(Program *p, RuleId rule, Span span, const PtrVec *candidates,
                         const char *word);

#endif
