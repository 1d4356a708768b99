/* check: the semantic passes over a parsed program. Each pass visits
 * everything and reports every problem through diag; nothing stops at the
 * first finding. Passes, in order: declarations (units, dimensions,
 * vocabularies) -> tables (fields) -> budgets -> indicators -> cross-table.
 * Each rule is checked in exactly one function named after it. */
#ifndef PTL_CHECK_H
#define PTL_CHECK_H

#include "program.h"

/* Parses the session's sources (stdlib first, as added) and checks them.
 * nstdlib: how many of the session's first files are the stdlib. */
void check_program(Program *prog, Session *s, size_t nstdlib);

/* ===== passes (one file each) ===== */
void check_decls(Program *p);
void check_tables(Program *p);
void check_budget(Program *p, Table *t);
void check_indicators(Program *p, Table *t);
void check_cross_table(Program *p);

/* ===== shared helpers (check.c) ===== */

/* Checks that a money quantity has a known money unit; false if unusable. */
bool check_money(Program *p, const Quantity *q, const char *what);

/* Converts q to the dimension's base unit; false on overflow (reported). */
bool check_to_base(Program *p, const Quantity *q, const UnitDef *u, Decimal *out);

/* Closest spelling to word among candidates (PtrVec of char *), or NULL. */
const char *suggest(const PtrVec *candidates, const char *word);

/* " did you mean 'X'?" or "" */
const char *did_you_mean(Program *p, const PtrVec *candidates, const char *word);

#endif
