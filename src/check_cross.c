/* check_cross: rules that look across tables and files — duplicate tables
 * and a department's 项目支出 against its projects. Tables are bucketed by
 * (interned name, year) in a hash map, so the pass is linear in the number
 * of tables, whatever the number of files. */
#include <string.h>

#include "check.h"

typedef struct Entry {
    Table *table;
    const Quantity *amount;     /* its 项目金额, or its budget's 资金总额 */
    struct Entry *next;
} Entry;

static Arena *arena(Program *p)
{
    return &p->s->arena;
}

static const char *year_key(Program *p, const Table *t, const char *name)
{
    const Field *y = t->field[FIELD_YEAR];
    const char *year = y && y->num.ok ? y->num.text : "?";
    return intern_cstr(&p->s->names, arena_sprintf(arena(p), "%s\x1f%s", name, year));
}

static const char *table_key(Program *p, const Table *t)
{
    return year_key(p, t, t->name.text ? t->name.text : "");
}

static void check_duplicate_table(Program *p, PtrMap *by_key, Table *t)
{
    const char *key = table_key(p, t);
    PtrMap *m = &by_key[t->kind];
    const Table *first = ptrmap_get(m, key);
    if (!first) {
        ptrmap_put(m, key, t);
        return;
    }
    Diag *d = diag_report(p->s, RULE_DUPLICATE_TABLE, t->name.span,
                          "%s '%s' is defined twice for the same year",
                          check_kind_name(p, t->kind), t->name.text);
    diag_note(p->s, d, first->name.span, "first defined here");
}

static const BudgetLine *project_line(Program *p, const Table *dept)
{
    const Field *b = dept->field[FIELD_BUDGET];
    const char *want = intern_cstr(&p->s->names, "项目支出");
    for (size_t i = 0; b && i < b->lines.len; i++) {
        const BudgetLine *l = b->lines.items[i];
        if (l->kind == BUDGET_NATURE && l->canonical == want)
            return l;
    }
    return NULL;
}

static bool base_amount(Program *p, const Quantity *q, Decimal *out)
{
    const UnitDef *u = q->num.ok && q->unit.text ? program_unit(p, q->unit.text) : NULL;
    if (!u || !u->dim || strcmp(u->dim->name, "money") != 0 || dec_sign(q->num.dec) < 0)
        return false;   /* reported by the table checks */
    return check_to_base(p, q, u, out);
}

/* Sums the projects that name this department, in the line's unit when they
 * all use it (the message should read like the table). */
static void check_project_sum(Program *p, const Table *dept, const Entry *projects)
{
    const BudgetLine *line = project_line(p, dept);
    Decimal want;
    DecSum got = DEC_SUM_ZERO, same = DEC_SUM_ZERO;
    if (!line || !projects || !line->has_amount || !base_amount(p, &line->amount, &want)
        || diag_any_within(p->s, RULE_SYNTAX, dept->span))
        return;
    for (const Entry *e = projects; e; e = e->next)
        if (diag_any_within(p->s, RULE_SYNTAX, e->table->span))
            return;     /* a project that lost a line may have lost its amount's context */
    bool all_same = true;
    size_t n = 0;
    for (const Entry *e = projects; e; e = e->next, n++) {
        const Quantity *q = e->amount;
        Decimal b;
        if (!base_amount(p, q, &b))
            return;     /* reported by the project's own checks */
        all_same = all_same && q->unit.text == line->amount.unit.text;
        if (!dec_sum_add(&got, b) || (all_same && !dec_sum_add(&same, q->num.dec))) {
            diag_report(p->s, RULE_ARITHMETIC_OVERFLOW, q->span,
                        "the projects of '%s' overflow when added up, at project '%s' (%s %s)",
                        dept->name.text, e->table->name.text, q->num.text, q->unit.text);
            return;
        }
    }
    int cmp = dec_sum_cmp(&got, want);
    if (cmp == 0)
        return;
    char buf[DEC_BUFSZ];
    if (all_same)
        dec_sum_format(&same, buf, sizeof buf);
    else
        dec_sum_format_normal(&got, buf, sizeof buf);
    const char *unit = all_same ? line->amount.unit.text : "元";
    Diag *d = cmp > 0
        ? diag_report_as(p->s, RULE_PROJECT_SUM, SEV_ERROR, line->amount.num.span,
                         "the projects of '%s' (%zu) add up to %s %s, more than its 项目支出 of "
                         "%s %s", dept->name.text, n, buf, unit, line->amount.num.text,
                         line->amount.unit.text)
        : diag_report_as(p->s, RULE_PROJECT_SUM, SEV_WARNING, line->amount.num.span,
                         "the projects of '%s' (%zu) add up to %s %s, less than its 项目支出 of "
                         "%s %s (fine if some projects have no table)", dept->name.text, n, buf,
                         unit, line->amount.num.text, line->amount.unit.text);
    for (const Entry *e = projects; e; e = e->next)
        diag_note(p->s, d, e->amount->span, "project '%s' is counted here",
                  e->table->name.text);
}

/* A project whose department is not among the program's department tables
 * is probably misspelt; checking a projects file alone (no departments) is
 * legitimate and stays quiet. */
typedef struct Departments {
    PtrMap by_key;              /* (name, year) -> first department Table */
    PtrMap names;               /* interned name -> the name, any year */
    PtrVec list;                /* the distinct names, in order: suggestions */
} Departments;

static void check_unknown_department(Program *p, const Departments *depts, const Table *t)
{
    const Field *dep = t->field[FIELD_DEPARTMENT];
    if (!depts->by_key.count || !dep || !dep->text.text
        || ptrmap_get(&depts->by_key, year_key(p, t, dep->text.text)))
        return;
    bool other_year = ptrmap_get(&depts->names, intern_cstr(&p->s->names, dep->text.text));
    const Field *y = t->field[FIELD_YEAR];
    const char *year = y && y->num.ok ? y->num.text : i18n_tr(p->s, "this year");
    if (other_year)
        diag_report(p->s, RULE_UNKNOWN_DEPARTMENT, dep->text.span,
                    "department '%s' has a table, but not for %s", dep->text.text, year);
    else
        diag_report(p->s, RULE_UNKNOWN_DEPARTMENT, dep->text.span,
                    "no department table '%s' for %s in this program%s", dep->text.text, year,
                    did_you_mean(p, RULE_UNKNOWN_DEPARTMENT, dep->text.span, &depts->list,
                                 dep->text.text));
}

/* Links each project to its department by (department name, year). */
static void link_projects(Program *p, PtrMap *by_dept)
{
    for (size_t i = p->tables.len; i-- > 0;) {
        Table *t = p->tables.items[i];
        const Field *dep = t->field[FIELD_DEPARTMENT];
        const Quantity *amount = NULL;
        Decimal base;
        if (t->kind != TABLE_PROJECT || !dep || !dep->text.text)
            continue;
        if (t->field[FIELD_AMOUNT])
            amount = &t->field[FIELD_AMOUNT]->q;
        else if (!table_amount(p, t, &amount, &base))
            continue;
        const char *key = year_key(p, t, dep->text.text);
        Entry *e = arena_alloc(arena(p), sizeof *e);
        e->table = t;
        e->amount = amount;
        e->next = ptrmap_get(by_dept, key);
        ptrmap_put(by_dept, key, e);
    }
}

void check_cross_table(Program *p)
{
    PtrMap by_key[2] = {{0}, {0}};
    PtrMap by_dept = {0};
    Departments depts = {{0}, {0}, {0}};
    for (size_t i = 0; i < p->tables.len; i++)
        check_duplicate_table(p, by_key, p->tables.items[i]);
    depts.by_key = by_key[0];
    for (size_t i = 0; i < p->tables.len; i++) {
        const Table *d = p->tables.items[i];
        if (d->kind != TABLE_DEPARTMENT || !d->name.text)
            continue;
        const char *name = intern_cstr(&p->s->names, d->name.text);
        if (!ptrmap_get(&depts.names, name)) {
            ptrmap_put(&depts.names, name, (void *)name);
            ptrvec_push(arena(p), &depts.list, (void *)name);
        }
    }
    for (size_t i = 0; i < p->tables.len; i++)
        if (((Table *)p->tables.items[i])->kind == TABLE_PROJECT)
            check_unknown_department(p, &depts, p->tables.items[i]);
    link_projects(p, &by_dept);
    for (size_t i = 0; i < p->tables.len; i++) {
        Table *t = p->tables.items[i];
        if (t->kind == TABLE_DEPARTMENT && ptrmap_get(&by_key[0], table_key(p, t)) == t)
            check_project_sum(p, t, ptrmap_get(&by_dept, table_key(p, t)));
    }
    ptrmap_free(&by_key[0]);
    ptrmap_free(&by_key[1]);
    ptrmap_free(&by_dept);
    ptrmap_free(&depts.names);
}
