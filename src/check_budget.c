/* check_budget: a table's budget blocks (预算情况, 项目资金): one per figure
 * the table prints (年度, 当年, 中期 ...), each checked on its own. Every
 * line must be money in a known vocabulary; then 资金总额 = Σ sources and
 * 资金总额 = 基本支出 + 项目支出, a line's own split adds up to the line, and
 * a printed 占比 is the line's share of 资金总额, all exactly. A line the
 * table leaves blank is not given and takes no part in a sum. Amounts are
 * compared in the base unit (元) so 万元 and 元 lines may mix; the message
 * shows the sum in the total's unit when every line uses it. */
#include <string.h>

#include "check.h"

typedef struct Sum {
    StrBuf names;               /* "基本支出 + 项目支出" */
    DecSum base;                /* in the base unit */
    DecSum same;                /* in the whole's unit, valid when all_same */
    bool all_same, ok;
    size_t count;
    PtrVec lines;               /* the BudgetLines added, for notes */
} Sum;

static const Vocabulary *vocab(Program *p, const char *name)
{
    return program_vocab_named(p, name);    /* name: a string literal */
}

static const char *line_name(const BudgetLine *b)
{
    return b->kind == BUDGET_TOTAL ? "资金总额" : b->canonical ? b->canonical : b->name.text;
}

static void resolve_line(Program *p, BudgetLine *b, const Vocabulary *v, const char *what)
{
    b->canonical = vocab_canonical_folded(p, v, b->name.text);
    if (b->canonical || !v)
        return;
    diag_report(p->s, RULE_UNKNOWN_BUDGET_LINE, b->name.span, "unknown %s '%s'%s", what,
                b->name.text, did_you_mean(p, RULE_UNKNOWN_BUDGET_LINE, b->name.span,
                                           &v->spellings, b->name.text));
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

/* Resolves and checks a line and its split, recursively; false when some
 * line could not be resolved or is not usable money (already reported). */
static bool check_line(Program *p, BudgetLine *b)
{
    bool ok = true;
    if (b->kind == BUDGET_SOURCE)
        resolve_line(p, b, vocab(p, "budget_source"),
                     i18n_tr(p->s, "income source (按收入性质分)"));
    else if (b->kind == BUDGET_NATURE)
        resolve_line(p, b, vocab(p, "budget_nature"),
                     i18n_tr(p->s, "expenditure nature (按支出性质分)"));
    if (b->kind != BUDGET_TOTAL && !b->canonical)
        ok = false;
    if (b->has_amount)
        ok = check_money_quantity(p, &b->amount, line_name(b)) && ok;
    for (size_t i = 0; i < b->parts.len; i++)
        ok = check_line(p, b->parts.items[i]) && ok;
    return ok;
}

static void add_to_sum(Program *p, Sum *sum, const BudgetLine *b, const Unit *whole_unit)
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
    strbuf_adds(&sum->names, line_name(b));
    sum->all_same = sum->all_same && b->amount.unit.text == whole_unit->text;
    if (!dec_sum_add(&sum->base, base) || (sum->all_same && !dec_sum_add(&sum->same, b->amount.num.dec))) {
        diag_report(p->s, RULE_ARITHMETIC_OVERFLOW, b->amount.span, "the budget sum overflows");
        sum->ok = false;
    }
}

static Sum sum_new(void)
{
    return (Sum){STRBUF_INIT, DEC_SUM_ZERO, DEC_SUM_ZERO, true, true, 0, {0}};
}

/* The parts in sum against whole (资金总额, or the line they split). */
static void compare_sum(Program *p, Sum *sum, const BudgetLine *whole, RuleId rule)
{
    if (!sum->ok || !sum->count || !whole->has_amount)
        return;     /* a blank line has no amount its parts could differ from */
    const UnitDef *u = program_unit(p, whole->amount.unit.text);
    Decimal tb;
    if (!u || !check_to_base(p, &whole->amount, u, &tb) || dec_sum_cmp(&sum->base, tb) == 0)
        return;
    char buf[DEC_BUFSZ];
    if (sum->all_same)
        dec_sum_format(&sum->same, buf, sizeof buf);
    else
        dec_sum_format(&sum->base, buf, sizeof buf);
    const char *unit = sum->all_same ? whole->amount.unit.text
                                     : i18n_tr(p->s, "元 (in the base unit)");
    Diag *d = rule == RULE_BUDGET_PART_SUM
        ? diag_report(p->s, rule, whole->amount.num.span, "the parts of %s add up to %s %s (%s), but "
                      "%s is %s %s", line_name(whole), buf, unit, strbuf_cstr(&sum->names),
                      line_name(whole), whole->amount.num.text, whole->amount.unit.text)
        : diag_report(p->s, rule, whole->amount.num.span, "%s = %s %s, but 资金总额 is %s %s",
                      strbuf_cstr(&sum->names), buf, unit, whole->amount.num.text,
                      whole->amount.unit.text);
    for (size_t i = 0; i < sum->lines.len; i++) {
        const BudgetLine *b = sum->lines.items[i];
        diag_note(p->s, d, b->amount.span, "%s is %s %s here", line_name(b),
                  b->amount.num.text, b->amount.unit.text);
    }
}

/* Each line's own split, recursively. */
static void check_parts(Program *p, const BudgetLine *line)
{
    Sum sum = sum_new();
    for (size_t i = 0; i < line->parts.len; i++) {
        const BudgetLine *b = line->parts.items[i];
        if (b->has_amount)
            add_to_sum(p, &sum, b, &line->amount.unit);
        check_parts(p, b);
    }
    compare_sum(p, &sum, line, RULE_BUDGET_PART_SUM);
    strbuf_release(&sum.names);
}

static void check_sums(Program *p, const PtrVec *lines, const BudgetLine *total)
{
    Sum src = sum_new(), nat = sum_new();
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *b = lines->items[i];
        check_parts(p, b);
        if (!b->has_amount)
            continue;
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

/* b's share of whole in %, rounded to scale decimals; false beyond the
 * exact range (then nothing is said). */
static bool share_of(Program *p, const BudgetLine *b, const BudgetLine *whole, int32_t scale,
                     Decimal *out)
{
    Decimal amount, w, pct;
    if (scale > DEC_MAX_SCALE)
        scale = DEC_MAX_SCALE;
    return whole && whole->has_amount && quantity_base(p, &b->amount, NULL, &amount)
           && quantity_base(p, &whole->amount, NULL, &w) && dec_sign(w) > 0
           && dec_mul(amount, dec_from_int(100), &pct) == DEC_OK
           && dec_div_round(pct, w, scale, out) == DEC_OK;
}

/* A printed 占比 is the line's share of 资金总额, rounded to the decimals
 * printed: 724.2318 of 968.1918 万元 is 74.80 %, so 74.8 % holds, 75 % too
 * (rounded to a whole per cent), 74.9 % does not. A line of a split may
 * print its share of 资金总额 or of the line it splits: either holds. */
static void check_share(Program *p, const BudgetLine *b, const BudgetLine *total,
                        const BudgetLine *parent)
{
    const Number *s = &b->share;
    Decimal shown, of_parent, finer;
    if (!s->text || !s->ok || !b->has_amount || !share_of(p, b, total, s->dec.scale, &shown))
        return;
    if (dec_cmp(shown, s->dec) == 0)
        return;
    bool has_parent = parent && share_of(p, b, parent, s->dec.scale, &of_parent);
    if (has_parent && dec_cmp(of_parent, s->dec) == 0)
        return;
    char buf[DEC_BUFSZ], pbuf[DEC_BUFSZ];
    if (!share_of(p, b, total, s->dec.scale + 2, &finer))
        finer = shown;
    dec_format(finer, buf, sizeof buf);
    if (has_parent && share_of(p, b, parent, s->dec.scale + 2, &finer))
        dec_format(finer, pbuf, sizeof pbuf);
    if (has_parent)
        diag_report(p->s, RULE_BUDGET_SHARE, s->span,
                    "%s is %s %s of 资金总额 %s %s, that is %s %% (and %s %% of %s), not %s %%",
                    line_name(b), b->amount.num.text, b->amount.unit.text,
                    total->amount.num.text, total->amount.unit.text, buf, pbuf,
                    line_name(parent), s->text);
    else
        diag_report(p->s, RULE_BUDGET_SHARE, s->span,
                    "%s is %s %s of 资金总额 %s %s, that is %s %%, not %s %%", line_name(b),
                    b->amount.num.text, b->amount.unit.text, total->amount.num.text,
                    total->amount.unit.text, buf, s->text);
}

/* The shares of lines and of their splits, recursively. */
static void check_shares(Program *p, const PtrVec *lines, const BudgetLine *total,
                         const BudgetLine *parent)
{
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *b = lines->items[i];
        check_share(p, b, total, parent);
        check_shares(p, &b->parts, total, b);
    }
}

static void check_block(Program *p, Field *f)
{
    PtrMap seen[3] = {{0}, {0}, {0}};
    const BudgetLine *total = NULL;
    bool usable = true;
    for (size_t i = 0; i < f->lines.len; i++) {
        BudgetLine *b = f->lines.items[i];
        usable = check_line(p, b) && usable;
        check_duplicate_line(p, seen, b);
        if (b->kind == BUDGET_TOTAL && !total)
            total = b;
    }
    for (int k = 0; k < 3; k++)
        ptrmap_free(&seen[k]);
    if (total && !total->has_amount && f->name.text)
        diag_report(p->s, RULE_BLANK_TOTAL, total->key, "the 资金总额 of the '%s' budget is "
                    "blank: fill in the amount (0 万元 when there is none)", f->name.text);
    else if (total && !total->has_amount)
        diag_report(p->s, RULE_BLANK_TOTAL, total->key, "the 资金总额 of the year's budget is "
                    "blank: fill in the amount (0 万元 when there is none)");
    if (!usable || diag_any_within(p->s, RULE_SYNTAX, f->span))
        return;     /* a line lost or unusable: a partial sum would mislead */
    check_shares(p, &f->lines, total, NULL);
    if (total)
        check_sums(p, &f->lines, total);
    else
        for (size_t i = 0; i < f->lines.len; i++)
            check_parts(p, f->lines.items[i]);
}

void check_budget(Program *p, Table *t)
{
    for (size_t i = 0; i < t->fields.len; i++) {
        Field *f = t->fields.items[i];
        if (f->kind == FIELD_BUDGET && !f->ignored)
            check_block(p, f);
    }
}
