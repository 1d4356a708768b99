/* check_budget: a department's 预算情况. Every line must be money in a
 * known vocabulary; then the two identities 资金总额 = Σ sources and
 * 资金总额 = 基本支出 + 项目支出 are checked exactly. Amounts are compared in
 * the base unit (元) so 万元 and 元 lines may mix; the message shows the sum in
 * the total's unit when every line uses it, which is the usual case. */
#include <string.h>

#include "check.h"

typedef struct Sum {
    StrBuf names;               /* "基本支出 + 项目支出" */
    DecSum base;                /* in the base unit */
    DecSum same;                /* in the total's unit, valid when all_same */
    bool all_same, ok;
    size_t count;
    PtrVec lines;               /* the BudgetLines added, for notes */
} Sum;

static const Vocabulary *vocab(Program *p, const char *name)
{
    return program_vocab(p, intern_cstr(&p->s->names, name));
}

static void resolve_line(Program *p, BudgetLine *b, const Vocabulary *v, const char *what)
{
    b->canonical = vocab_canonical(v, b->name.text);
    if (b->canonical || !v)
        return;
    diag_report(p->s, RULE_UNKNOWN_BUDGET_LINE, b->name.span, "unknown %s '%s'%s", what,
                b->name.text, did_you_mean(p, RULE_UNKNOWN_BUDGET_LINE, b->name.span, &v->spellings, b->name.text));
}

/* seen[kind]: canonical name (any key for the total) -> first line. */
static void check_duplicate_line(Program *p, PtrMap seen[3], BudgetLine *b)
{
    if (b->kind != BUDGET_TOTAL && !b->canonical)
        return;
    const void *key = b->kind == BUDGET_TOTAL ? (const void *)p : b->canonical;
    const BudgetLine *first = ptrmap_get(&seen[b->kind], key);
    if (!first) {
        ptrmap_put(&seen[b->kind], key, b);
        return;
    }
    Diag *d = b->kind == BUDGET_TOTAL
        ? diag_report(p->s, RULE_DUPLICATE_FIELD, b->key, "'total' (资金总额) is given twice")
        : diag_report(p->s, RULE_DUPLICATE_FIELD, b->key, "'%s' is given twice in the budget",
                      b->canonical);
    diag_note(p->s, d, first->key, "first given here");
}

static void add_to_sum(Program *p, Sum *sum, const BudgetLine *b, const Unit *total_unit)
{
    const UnitDef *u = program_unit(p, b->amount.unit.text);
    Decimal base;
    if (!sum->ok || !u || !check_to_base(p, &b->amount, u, &base)) {
        sum->ok = false;
        return;
    }
    ptrvec_push(&p->s->arena, &sum->lines, (void *)b);
    if (sum->count++)
        strbuf_adds(&sum->names, " + ");
    strbuf_adds(&sum->names, b->canonical);
    sum->all_same = sum->all_same && b->amount.unit.text == total_unit->text;
    if (!dec_sum_add(&sum->base, base) || (sum->all_same && !dec_sum_add(&sum->same, b->amount.num.dec))) {
        diag_report(p->s, RULE_ARITHMETIC_OVERFLOW, b->amount.span, "the budget sum overflows");
        sum->ok = false;
    }
}

static void compare_sum(Program *p, Sum *sum, const BudgetLine *total, RuleId rule)
{
    const UnitDef *u = program_unit(p, total->amount.unit.text);
    Decimal tb;
    if (!sum->ok || !sum->count || !check_to_base(p, &total->amount, u, &tb))
        return;
    if (dec_sum_cmp(&sum->base, tb) == 0)
        return;
    char buf[DEC_BUFSZ];
    if (sum->all_same)
        dec_sum_format(&sum->same, buf, sizeof buf);
    else
        dec_sum_format(&sum->base, buf, sizeof buf);
    const char *unit = sum->all_same ? total->amount.unit.text : "元 (in the base unit)";
    Diag *d = diag_report(p->s, rule, total->amount.num.span, "%s = %s %s, but 资金总额 is %s %s",
                          strbuf_cstr(&sum->names), buf, unit, total->amount.num.text,
                          total->amount.unit.text);
    for (size_t i = 0; i < sum->lines.len; i++) {
        const BudgetLine *b = sum->lines.items[i];
        diag_note(p->s, d, b->amount.span, "%s is %s %s here", b->canonical,
                  b->amount.num.text, b->amount.unit.text);
    }
}

static void check_sums(Program *p, PtrVec *lines, const BudgetLine *total)
{
    Sum src = {STRBUF_INIT, DEC_SUM_ZERO, DEC_SUM_ZERO, true, true, 0, {0}};
    Sum nat = {STRBUF_INIT, DEC_SUM_ZERO, DEC_SUM_ZERO, true, true, 0, {0}};
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *b = lines->items[i];
        Sum *sum = b->kind == BUDGET_SOURCE ? &src : b->kind == BUDGET_NATURE ? &nat : NULL;
        if (sum && !b->canonical) {
            sum->ok = false;    /* already reported; a partial sum would mislead */
            continue;
        }
        if (b->kind == BUDGET_SOURCE)
            add_to_sum(p, &src, b, &total->amount.unit);
        else if (b->kind == BUDGET_NATURE)
            add_to_sum(p, &nat, b, &total->amount.unit);
    }
    compare_sum(p, &src, total, RULE_BUDGET_SOURCE_SUM);
    compare_sum(p, &nat, total, RULE_BUDGET_NATURE_SUM);
    strbuf_release(&src.names);
    strbuf_release(&nat.names);
}

void check_budget(Program *p, Table *t)
{
    Field *f = t->field[FIELD_BUDGET];
    if (!f)
        return;
    const Vocabulary *src = vocab(p, "budget_source"), *nat = vocab(p, "budget_nature");
    PtrMap seen[3] = {{0}, {0}, {0}};
    const BudgetLine *total = NULL;
    bool usable = true;
    for (size_t i = 0; i < f->lines.len; i++) {
        BudgetLine *b = f->lines.items[i];
        if (b->kind == BUDGET_SOURCE)
            resolve_line(p, b, src, "income source (按收入性质分)");
        else if (b->kind == BUDGET_NATURE)
            resolve_line(p, b, nat, "expenditure nature (按支出性质分)");
        usable = check_money_quantity(p, &b->amount, b->kind == BUDGET_TOTAL ? "资金总额" : b->name.text)
                 && usable;
        check_duplicate_line(p, seen, b);
        if (b->kind == BUDGET_TOTAL && !total)
            total = b;
    }
    for (int k = 0; k < 3; k++)
        ptrmap_free(&seen[k]);
    if (total && usable)
        check_sums(p, &f->lines, total);
}
