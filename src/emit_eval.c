/* emit_eval: what every emitter needs to agree on for a self-evaluation
 * (绩效自评表): which evaluations are the user's, how a computed score and
 * a written one are shown side by side, and the rows of its 项目资金 grid
 * (the evaluation's execution lines joined with the target's budget). The
 * scores themselves are the checker's (check_eval.c); nothing here rounds
 * but a source's 执行率, the same way the checker rounds the total's. */
#include <string.h>

#include "check.h"
#include "emit.h"

size_t emit_evaluation_count(const Program *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->evaluations.len; i++)
        n += ((const Table *)p->evaluations.items[i])->file >= p->nstdlib;
    return n;
}

/* Evaluations of the stdlib are not the user's (there are none, but the
 * emitters never show the stdlib's tables either). */
const Table *emit_evaluation(const Program *p, size_t i)
{
    for (size_t k = 0; k < p->evaluations.len; k++) {
        const Table *e = p->evaluations.items[k];
        if (e->file >= p->nstdlib && i-- == 0)
            return e;
    }
    BUG("evaluation index out of range");
}

const EvalSummary *emit_eval_summary(const Table *e)
{
    static const EvalSummary none = {0};
    return e->eval ? e->eval : &none;
}

const Table *emit_eval_target(const Table *e)
{
    return emit_eval_summary(e)->target;
}

bool emit_eval_is_department(const Table *e)
{
    const Table *t = emit_eval_target(e);
    return t && t->kind == TABLE_DEPARTMENT;
}

/* ===== figures ===== */

const char *emit_decimal(Arena *a, Decimal d)
{
    char buf[DEC_BUFSZ];
    dec_format(dec_normalize(d), buf, sizeof buf);
    return arena_strndup(a, buf, strlen(buf));
}

Number emit_number(Arena *a, Decimal d)
{
    Number n = {dec_normalize(d), emit_decimal(a, d), {0, 0, 0}, true};
    return n;
}

const char *emit_score_method(ScoreMethod m)
{
    static const char *const names[] = {"none", "met", "ratio", "inverse", "band"};
    return names[m];
}

const char *emit_score_method_zh(const Result *r)
{
    switch (r->has_score ? r->method : SCORE_NONE) {
    case SCORE_MET: return "达成目标";
    case SCORE_RATIO: return "实际/目标";
    case SCORE_INVERSE: return "目标/实际";
    case SCORE_BAND: return r->band;
    case SCORE_NONE: return NULL;
    }
    return NULL;
}

/* A written figure that is there and is not the computed one (by value:
 * 10 and 10.00 agree); one too large to read is shown as it is. */
static bool written_differs(const Number *written, Decimal computed)
{
    return written->text && (!written->ok || dec_cmp(written->dec, computed) != 0);
}

const char *emit_written_mark(Arena *a, const Number *written, const char *suffix,
                              Decimal computed, bool computed_known)
{
    if (!written || !written->text
        || (computed_known && !written_differs(written, computed)))
        return "";
    return arena_sprintf(a, "（填报 %s%s）", written->text, suffix ? suffix : "");
}

const char *emit_grade_mark(const Program *p, const Table *e)
{
    const EvalSummary *sum = emit_eval_summary(e);
    const Field *f = e->field[FIELD_GRADE];
    if (!f || !f->name.text)
        return "";
    const Vocabulary *v = program_vocab(p, intern_cstr(&p->s->names, "eval_grades"));
    const char *g = vocab_canonical_folded((Program *)p, v, f->name.text);
    if (sum->has_total && strcmp(g ? g : f->name.text, sum->grade) == 0)
        return "";
    return arena_sprintf(&p->s->arena, "（填报 %s）", f->name.text);
}

bool emit_rate_percent(const ExecLine *l, Decimal *out)
{
    if (!l->rate.text || !l->rate.ok)
        return false;
    if (l->rate_percent) {
        *out = l->rate.dec;
        return true;
    }
    return dec_mul(l->rate.dec, dec_from_int(100), out) == DEC_OK;
}

const char *emit_rate_mark(Arena *a, const ExecLine *l, Decimal rate)
{
    Decimal pct;
    if (!l || !l->rate.text || (emit_rate_percent(l, &pct) && dec_cmp(pct, rate) == 0))
        return "";
    return arena_sprintf(a, "（填报 %s%s）", l->rate.text, l->rate_percent ? "%" : "");
}

/* ===== values as the 自评表 prints them ===== */

static const char *value_text(Arena *a, const Value *v)
{
    switch (v->kind) {
    case VAL_NUMBER: return v->lo.text;
    case VAL_RANGE: return arena_sprintf(a, "%s～%s", v->lo.text, v->hi.text);
    case VAL_DATE: return v->date.text;
    case VAL_DATES: return arena_sprintf(a, "%s～%s", v->date.text, v->date2.text);
    case VAL_TEXT:
    case VAL_WORD: return v->text.text;
    case VAL_NONE: return NULL;
    }
    return NULL;
}

static bool is_comparison(Op op)
{
    return op == OP_GE || op == OP_LE || op == OP_EQ || op == OP_GT || op == OP_LT;
}

const char *emit_target_text(Arena *a, const Indicator *ind)
{
    const char *v = value_text(a, &ind->value);
    if (!v)
        return NULL;
    return arena_sprintf(a, "%s%s%s", is_comparison(ind->op) ? op_symbol(ind->op) : "", v,
                         ind->unit.text ? ind->unit.text : "");
}

const char *emit_actual_text(Arena *a, const Result *r)
{
    const char *v = value_text(a, &r->actual);
    if (!v || !r->unit.text)
        return v;
    return arena_sprintf(a, "%s%s", v, r->unit.text);
}

/* ===== results ===== */

const Result *emit_result_of(const Table *e, const Indicator *ind)
{
    /* only the first evaluation of a table is linked to it (a second is
       duplicate-table's), and only that one has a target */
    return emit_eval_target(e) ? ind->result : NULL;
}

size_t emit_unmatched_results(Arena *a, const Table *e, const Result ***out)
{
    const Field *res = e->field[FIELD_RESULTS];
    size_t n = 0, len = res ? res->lines.len : 0;
    *out = arena_alloc(a, (len + 1) * sizeof **out);
    for (size_t i = 0; i < len; i++) {
        const Result *r = res->lines.items[i];
        if (!r->target)
            (*out)[n++] = r;
    }
    return n;
}

/* ===== the 项目资金 grid ===== */

static bool same_name(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static const BudgetLine *line_in(const Field *budget, BudgetLineKind kind, const char *canonical)
{
    for (size_t i = 0; budget && i < budget->lines.len; i++) {
        const BudgetLine *b = budget->lines.items[i];
        if (b->kind == kind && (kind == BUDGET_TOTAL || same_name(b->canonical, canonical)))
            return b;
    }
    return NULL;
}

static const Quantity *amount_of(const BudgetLine *b)
{
    return b && b->has_amount ? &b->amount : NULL;
}

/* 全年执行数 / 全年预算数 in %, rounded once to 2 decimals as the checker
 * rounds the total's. */
static bool source_rate(const Program *p, const EmitExecRow *r, Decimal *out)
{
    Decimal spent, budget, m;
    if (!r->line || !r->line->has_spent || !r->budget
        || !quantity_base((Program *)p, &r->line->spent, NULL, &spent)
        || !quantity_base((Program *)p, r->budget, NULL, &budget) || dec_sign(budget) <= 0)
        return false;
    return dec_mul(spent, dec_from_int(100), &m) == DEC_OK
        && dec_div_round(m, budget, 2, out) == DEC_OK;
}

typedef struct Rows {
    const Program *p;
    EmitExecution *x;
    const EvalSummary *sum;
} Rows;

static EmitExecRow *add_row(Rows *rs, BudgetLineKind kind, const char *name, const char *canonical)
{
    EmitExecRow *r = &rs->x->row[rs->x->nrow++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->name = name;
    r->budget = amount_of(line_in(rs->x->figure, kind, canonical));
    r->initial = amount_of(line_in(rs->x->initial, kind, canonical));
    return r;
}

static void exec_row(Rows *rs, const ExecLine *l)
{
    EmitExecRow *r = add_row(rs, l->kind, l->kind == BUDGET_TOTAL ? NULL : l->name.text,
                             l->canonical);
    r->line = l;
    if (l->has_budget) {
        r->budget = &l->budget;
        r->budget_stated = true;
    }
    if (l->kind != BUDGET_TOTAL) {
        r->has_rate = source_rate(rs->p, r, &r->rate);
        return;
    }
    /* the total's are the checker's: it may have counted the sources where
       资金总额 contradicts them (008) */
    r->has_rate = rs->sum->has_rate;
    r->rate = rs->sum->rate;
    r->has_score = rs->sum->has_exec;
    r->points = rs->sum->exec_max;
    r->score = rs->sum->exec_score;
}

static bool given(const Field *ex, const BudgetLine *b)
{
    for (size_t i = 0; ex && i < ex->lines.len; i++) {
        const ExecLine *l = ex->lines.items[i];
        if (l->kind == b->kind && (b->kind == BUDGET_TOTAL || same_name(l->canonical, b->canonical)))
            return true;
    }
    return false;
}

static bool gives_kind(const Field *ex, BudgetLineKind kind)
{
    for (size_t i = 0; ex && i < ex->lines.len; i++)
        if (((const ExecLine *)ex->lines.items[i])->kind == kind)
            return true;
    return false;
}

/* The first total of the execution block (a second is not read). */
static const ExecLine *first_total(const Field *ex)
{
    for (size_t i = 0; ex && i < ex->lines.len; i++)
        if (((const ExecLine *)ex->lines.items[i])->kind == BUDGET_TOTAL)
            return ex->lines.items[i];
    return NULL;
}

/* The lines of one kind: the evaluation's, then those of the target's
 * budget it leaves out (the form prints every source, blank where nothing
 * was spent), when it gives that kind at all (a project's 自评表 has no
 * 基本支出 row). */
static void kind_rows(Rows *rs, const Field *ex, BudgetLineKind kind)
{
    for (size_t i = 0; ex && i < ex->lines.len; i++) {
        const ExecLine *l = ex->lines.items[i];
        if (l->kind == kind)
            exec_row(rs, l);
    }
    const Field *fig = rs->x->figure;
    for (size_t i = 0; gives_kind(ex, kind) && fig && i < fig->lines.len; i++) {
        const BudgetLine *b = fig->lines.items[i];
        if (b->kind == kind && !given(ex, b))
            add_row(rs, kind, b->name.text, b->canonical)->budget = amount_of(b);
    }
}

static bool restates(const Field *ex)
{
    for (size_t i = 0; ex && i < ex->lines.len; i++)
        if (((const ExecLine *)ex->lines.items[i])->has_budget)
            return true;
    return false;
}

/* A target table's budget is the money its targets were set with, the
 * 年初预算数: it is shown beside the 全年预算数 when those are another
 * figure, the target's 全年 budget or the evaluation's own (008). */
static const Field *initial_figure(const EvalSummary *sum, const Field *ex)
{
    const Field *year = sum->target ? sum->target->field[FIELD_BUDGET] : NULL;
    if (!sum->target || !sum->budget)
        return NULL;
    return year != sum->budget ? year : restates(ex) ? sum->budget : NULL;
}

EmitExecution emit_execution(const Program *p, const Table *e)
{
    Arena *a = &p->s->arena;
    const EvalSummary *sum = emit_eval_summary(e);
    const Field *ex = e->field[FIELD_EXECUTION];
    EmitExecution x = {sum->target ? sum->budget : NULL, NULL, NULL, 0};
    x.initial = initial_figure(sum, ex);
    size_t cap = 1 + (ex ? ex->lines.len : 0) + (x.figure ? x.figure->lines.len : 0);
    x.row = arena_alloc(a, cap * sizeof *x.row);
    Rows rs = {p, &x, sum};
    const ExecLine *total = first_total(ex);
    if (total)
        exec_row(&rs, total);
    else
        add_row(&rs, BUDGET_TOTAL, NULL, NULL);
    kind_rows(&rs, ex, BUDGET_SOURCE);
    kind_rows(&rs, ex, BUDGET_NATURE);
    return x;
}

const char *emit_exec_label(Arena *a, const EmitExecution *x, size_t i)
{
    const EmitExecRow *r = &x->row[i];
    if (r->kind == BUDGET_TOTAL)
        return "年度资金总额";
    if (i > 0 && x->row[i - 1].kind == r->kind)
        return r->name;
    return arena_sprintf(a, "其中：%s", r->name ? r->name : "");
}

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

const Field *emit_labelled_field(const Table *t, FieldKind k, const char *role)
{
    const Field *f;
    for (size_t i = 0; t && (f = emit_next(t, k, &i));)
        if (same(f->name.text, role))
            return f;
    return NULL;
}

const Field *emit_stated(const Table *e, const Table *t, FieldKind k, const char *role)
{
    const Field *f = emit_labelled_field(e, k, role);
    return f ? f : emit_labelled_field(t, k, role);
}

bool emit_fixed_org(const Field *f)
{
    return f->kind == FIELD_ORG && (same(f->name.text, "主管部门") || same(f->name.text, "实施单位"));
}
