/* check_table: the statements of each table — which belong to its kind,
 * which may repeat, which are required — and the names they refer to
 * (framework, project category). Afterwards Table.field[] points at the
 * first statement of each kind, so later passes read fields directly. */
#include <string.h>

#include "check.h"

/* Which statements each kind of table takes. Real tables print a budget
 * block in project tables and an 年度总体目标 in department tables too, so
 * budget and goal belong to both. */
static bool allowed(TableKind k, FieldKind f)
{
    if (k == TABLE_EVALUATION) {
        switch (f) {
        case FIELD_YEAR: case FIELD_FILED: case FIELD_FILER: case FIELD_ORG: case FIELD_PERSON:
        case FIELD_ATTRIBUTE: case FIELD_TEXT: case FIELD_CODE: case FIELD_ALLOW:
        case FIELD_EXECUTION: case FIELD_OUTCOME: case FIELD_RESULTS: case FIELD_SCORED:
        case FIELD_GRADE:
            return true;
        default:
            return false;
        }
    }
    switch (f) {
    case FIELD_EXECUTION: case FIELD_OUTCOME: case FIELD_RESULTS: case FIELD_SCORED:
    case FIELD_GRADE:
        return false;   /* an evaluation's: the year-end 自评表 is its own block */
    case FIELD_DUTY: case FIELD_TASK:
        return k == TABLE_DEPARTMENT;
    case FIELD_DEPARTMENT: case FIELD_AMOUNT: case FIELD_CATEGORY:
    case FIELD_PERIOD: case FIELD_FUNDING:
        return k == TABLE_PROJECT;
    default:
        return true;
    }
}

/* Statements that may repeat with different labels: a budget per figure
 * (年度, 中期 ...), an indicator tree and a goal per period, an org, person,
 * attribute or text per role or label, a breakdown per title. Tasks and
 * allows repeat freely. */
static bool labelled(FieldKind k)
{
    switch (k) {
    case FIELD_BUDGET: case FIELD_INDICATORS: case FIELD_GOAL: case FIELD_ORG:
    case FIELD_PERSON: case FIELD_ATTRIBUTE: case FIELD_TEXT:
        return true;
    default:
        return false;
    }
}

static const char *label_of(const Field *f)
{
    return f->kind == FIELD_BREAKDOWN ? f->text.text : f->name.text;
}

/* The budget, tree or goal the other passes read as "the" one: the one
 * with no figure or period, else the year's (年度, 当年, 本年度), else the
 * first given. */
static bool is_main(Program *p, const Table *t, const Field *f)
{
    const Field *cur = t->field[f->kind];
    if (!cur)
        return true;
    return (f->kind == FIELD_BUDGET || f->kind == FIELD_INDICATORS || f->kind == FIELD_GOAL)
        && !field_is_annual(p, cur) && field_is_annual(p, f);
}

static const char *kind_name(const Program *p, TableKind k)
{
    return check_kind_name(p, k);
}

static void report_duplicate(Program *p, const Table *t, const Field *f, const Field *first)
{
    const char *label = label_of(f);
    Diag *d = label && labelled(f->kind)
        ? diag_report(p->s, RULE_DUPLICATE_FIELD, f->key, "'%s %s' is given twice in %s '%s'",
                      field_name(f->kind), label, kind_name(p, t->kind), t->name.text)
        : diag_report(p->s, RULE_DUPLICATE_FIELD, f->key, "'%s' is given twice in %s '%s'",
                      field_name(f->kind), kind_name(p, t->kind), t->name.text);
    diag_note(p->s, d, first->key, "first given here");
}

/* Fields are keyed by kind and label in one hash map per table, so a table
 * of many labelled statements is indexed in linear time. */
static void index_fields(Program *p, Table *t)
{
    PtrMap seen = {0};
    for (size_t i = 0; i < t->fields.len; i++) {
        Field *f = t->fields.items[i];
        if (!allowed(t->kind, f->kind)) {
            diag_report(p->s, RULE_MISPLACED_FIELD, f->key,
                        "'%s' does not belong in %s", field_name(f->kind),
                        t->kind == TABLE_EVALUATION ? i18n_tr(p->s, "an evaluation")
                        : t->kind == TABLE_DEPARTMENT ? i18n_tr(p->s, "a department table")
                                                      : i18n_tr(p->s, "a project table"));
            f->ignored = true;
            continue;
        }
        if (f->kind == FIELD_TASK || f->kind == FIELD_ALLOW)
            continue;
        const char *label = labelled(f->kind) || f->kind == FIELD_BREAKDOWN ? label_of(f) : NULL;
        const char *key = intern_cstr(&p->s->names, arena_sprintf(&p->s->arena, "%d\x1f%s",
                                                                  (int)f->kind, label ? label : ""));
        const Field *first = ptrmap_get(&seen, key);
        if (first) {
            report_duplicate(p, t, f, first);
            f->ignored = true;
            continue;
        }
        ptrmap_put(&seen, key, f);
        if (is_main(p, t, f))
            t->field[f->kind] = f;
    }
    ptrmap_free(&seen);
}

static void require(Program *p, Table *t, FieldKind f, const char *hint)
{
    if (t->field[f])
        return;
    diag_report(p->s, RULE_MISSING_FIELD, t->name.span, "%s '%s' has no '%s'%s",
                kind_name(p, t->kind), t->name.text, field_name(f), i18n_tr(p->s, hint));
}

static bool has_total(const Table *t)
{
    return budget_total(t->field[FIELD_BUDGET]) != NULL;
}

/* Whether a table states its money somewhere other than a 项目金额 line: a
 * budget of any figure with a line, a funding block, a breakdown (005 has
 * only its cost breakdown, 006 two source lines, the 自评表 年初/全年). */
static bool states_money(const Table *t)
{
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if ((f->kind == FIELD_BUDGET || f->kind == FIELD_FUNDING || f->kind == FIELD_BREAKDOWN)
            && !f->ignored && f->lines.len)
            return true;
    }
    return false;
}

static void check_missing_field(Program *p, Table *t)
{
    if (diag_any_within(p->s, RULE_SYNTAX, t->span))
        return;     /* the field may be in the text that could not be parsed */
    if (!t->name.text || !*t->name.text)
        diag_report(p->s, RULE_MISSING_FIELD, t->name.span, "the %s has no name",
                    kind_name(p, t->kind));
    require(p, t, FIELD_YEAR, N_(" (the budget year, e.g. 'year 2026')"));
    if (t->kind == TABLE_EVALUATION)
        return;
    if (t->kind == TABLE_DEPARTMENT) {
        if (!t->field[FIELD_BUDGET])
            require(p, t, FIELD_BUDGET, N_(" (资金总额 and its splits)"));
        else if (!has_total(t))
            diag_report(p->s, RULE_MISSING_FIELD, t->field[FIELD_BUDGET]->key,
                        "budget of '%s' has no 'total' (资金总额)", t->name.text);
    } else {
        if (!has_total(t) && !states_money(t))  /* a 资金总额 is the project's amount too */
            require(p, t, FIELD_AMOUNT, N_(" (项目金额, e.g. 'amount 60 万元')"));
        require(p, t, FIELD_GOAL, N_(" (本年度绩效目标)"));
    }
}

static bool plausible_year(const Number *n)
{
    int year;
    return year_number(n, &year);
}

static void check_invalid_year(Program *p, Table *t)
{
    const Field *y = t->field[FIELD_YEAR];
    if (y && y->num.ok && !plausible_year(&y->num))
        diag_report(p->s, RULE_INVALID_YEAR, y->num.span, "'%s' is not a year", y->num.text);
    const Field *pd = t->field[FIELD_PERIOD];
    if (!pd || !pd->num.ok || !pd->num2.ok)
        return;
    if (!plausible_year(&pd->num) || !plausible_year(&pd->num2))
        diag_report(p->s, RULE_INVALID_YEAR, pd->span, "a period is a year or a range of years (2026..2028)");
    else if (dec_cmp(pd->num.dec, pd->num2.dec) > 0)
        diag_report(p->s, RULE_INVERTED_RANGE, pd->span, "period %s..%s ends before it starts",
                    pd->num.text, pd->num2.text);
}

static void resolve_framework(Program *p, Table *t)
{
    const Field *f = t->field[FIELD_FRAMEWORK];
    t->framework = p->default_framework;
    if (!f)
        return;
    const Vocabulary *fw = ptrmap_get(&p->frameworks, f->name.text);
    if (fw) {
        t->framework = fw;
        return;
    }
    diag_report(p->s, RULE_UNKNOWN_FRAMEWORK, f->name.span, "unknown framework '%s'%s",
                f->name.text, did_you_mean(p, RULE_UNKNOWN_FRAMEWORK, f->name.span,
                                           &p->framework_names, f->name.text));
    t->framework = NULL;    /* categories cannot be judged against a guess */
}

static void check_project_category(Program *p, Table *t)
{
    const Field *f = t->field[FIELD_CATEGORY];
    const Vocabulary *v = PROGRAM_VOCAB(p, "project_category");
    if (!f || !v || vocab_canonical(v, f->name.text))
        return;
    diag_report(p->s, RULE_UNKNOWN_CATEGORY, f->name.span, "unknown project category '%s'%s",
                f->name.text, did_you_mean(p, RULE_UNKNOWN_CATEGORY, f->name.span, &v->spellings,
                             f->name.text));
}

static void check_amount(Program *p, Table *t)
{
    const Field *a = t->field[FIELD_AMOUNT];
    if (a)
        check_money_quantity(p, &a->q, "项目金额");
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind == FIELD_TASK && f->has_q)
            check_money_quantity(p, &f->q, i18n_tr(p->s, "the task amount"));
    }
}

void check_tables(Program *p, size_t from_table, size_t from_eval)
{
    for (size_t i = from_eval; i < p->evaluations.len; i++) {
        Table *e = p->evaluations.items[i];
        index_fields(p, e);
        check_missing_field(p, e);
        check_invalid_year(p, e);
    }
    for (size_t i = from_table; i < p->tables.len; i++) {
        Table *t = p->tables.items[i];
        index_fields(p, t);
        check_missing_field(p, t);
        check_invalid_year(p, t);
        resolve_framework(p, t);
        check_project_category(p, t);
        check_amount(p, t);
    }
}
