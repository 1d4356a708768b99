/* check_money: the arithmetic of a table beyond its budget block — task
 * amounts against 资金总额, a project's funding sources against 项目金额,
 * cost indicators against the table's amount, unit costs times quantities,
 * indicator weights, and dates against the budget year or 实施期.
 * Every amount is an exact decimal compared in the base unit (元), so 万元
 * and 元 may mix; a sum is shown in the unit its parts share (the usual case),
 * else in 元. A part that is itself wrong (no unit, not money, negative) is
 * reported by the pass that owns it, and the sum it belongs to is skipped:
 * a partial sum would mislead. */
#include <stdint.h>
#include <string.h>

#include "check.h"

/* ===== shared ===== */

typedef struct Item {           /* an indicator with its 一级 and 二级 category */
    Indicator *ind;
    Category *l1, *l2;
} Item;

typedef struct Ctx {
    Program *p;
    Table *t;
    PtrVec items;               /* Item *, in source order */
    bool has_amount;
    const Quantity *aq;         /* the table's amount as written */
    Decimal amount;             /* ... in 元 */
    PtrMap largest;             /* interned unit -> Largest (unit-cost-overrun) */
    Arena tmp;                  /* the items and the rest of this tree's pass, freed after
                                   it: the session's arena keeps what outlives the pass */
} Ctx;

static Session *S(const Ctx *c)
{
    return c->p->s;
}

/* What the amount is called in a message: a 中期 tree is measured against
 * the 中期 budget, not the year's. */
static const char *amount_name(const Ctx *c)
{
    const Field *tree = c->t->field[FIELD_INDICATORS];
    if (tree && !field_is_annual(c->p, tree))
        return arena_sprintf(&S(c)->arena, "%s 资金总额", tree->name.text);
    return c->t->kind == TABLE_DEPARTMENT ? "资金总额" : "项目金额";
}

static bool is_money(const UnitDef *u)
{
    return u && u->dim && strcmp(u->dim->name, "money") == 0;
}

/* "10 万元", or "10" when the unit is missing (reported elsewhere). */
static const char *qty_text(const Ctx *c, const Quantity *q)
{
    return q->unit.text ? arena_sprintf(&S(c)->arena, "%s %s", q->num.text, q->unit.text)
                        : q->num.text;
}

/* The value of q in 元 when it is usable money; reports nothing. */
static bool money_base(const Ctx *c, const Quantity *q, Decimal *base)
{
    const UnitDef *u;
    return quantity_base(c->p, q, &u, base) && is_money(u) && dec_sign(*base) >= 0;
}

static bool is_named(const Category *cat, const char *name)
{
    const char *n = category_name(cat);
    return n && strcmp(n, name) == 0;
}

/* The number of an indicator (the upper end of a range) with its unit, as a
 * quantity; false for text, dates, 定性 and unusable numbers. */
static bool indicator_quantity(const Indicator *ind, Quantity *q)
{
    const Value *v = &ind->value;
    if (ind->op == OP_QUAL || !ind->unit.text || (v->kind != VAL_NUMBER && v->kind != VAL_RANGE))
        return false;
    const Number *n = v->kind == VAL_RANGE ? &v->hi : &v->lo;
    if (!v->lo.ok || !n->ok)
        return false;
    *q = (Quantity){*n, ind->unit, span_join(v->span, ind->unit.span)};
    return true;
}

/* The value as written: "60" or "50..70". */
static const char *value_text(const Ctx *c, const Indicator *ind)
{
    const Value *v = &ind->value;
    return v->kind == VAL_RANGE ? arena_sprintf(&S(c)->arena, "%s..%s", v->lo.text, v->hi.text)
                                : v->lo.text;
}

/* A sum of money quantities, in wide decimals (decimal.h): parts in
 * different units never overflow by being aligned, and a sum that does
 * leave the range is reported, never skipped. */
typedef struct Sum {
    DecSum base;                /* in 元 */
    DecSum same;                /* in `unit`, meaningful while all_same */
    const char *unit;           /* the unit of the first part */
    bool all_same, ok;
    size_t count;
} Sum;

static Sum sum_new(void)
{
    return (Sum){DEC_SUM_ZERO, DEC_SUM_ZERO, NULL, true, true, 0};
}

static void sum_add(const Ctx *c, Sum *sum, const Quantity *q, Decimal base)
{
    if (!sum->ok)
        return;
    if (sum->count++ == 0)
        sum->unit = q->unit.text;
    else if (!q->unit.text || !sum->unit || strcmp(q->unit.text, sum->unit) != 0)
        sum->all_same = false;
    if (!dec_sum_add(&sum->base, base) || (sum->all_same && !dec_sum_add(&sum->same, q->num.dec))) {
        diag_report(S(c), RULE_ARITHMETIC_OVERFLOW, q->span, "the sum overflows at %s",
                    qty_text(c, q));
        sum->ok = false;
    }
}

/* "90.5 万元" when every part is in 万元, else "905000 元". */
static const char *sum_text(const Ctx *c, const Sum *sum)
{
    char buf[DEC_BUFSZ];
    if (sum->all_same) {
        dec_sum_format(&sum->same, buf, sizeof buf);
        return arena_sprintf(&S(c)->arena, "%s %s", buf, sum->unit);
    }
    dec_sum_format_normal(&sum->base, buf, sizeof buf);
    return arena_sprintf(&S(c)->arena, "%s 元", buf);
}

static void collect(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    Ctx *c = ctx;
    Item *it = arena_alloc(&c->tmp, sizeof *it);
    *it = (Item){ind, l1, l2};
    ptrvec_push(&c->tmp, &c->items, it);
}

/* ===== task-sum ===== */

/* When any task of a department carries an amount, every task must, and
 * together they must equal 资金总额 exactly. */
static void check_task_sum(Ctx *c)
{
    const Table *t = c->t;
    if (t->kind != TABLE_DEPARTMENT)
        return;
    const Field *with = NULL;
    size_t ntasks = 0;
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind != FIELD_TASK)
            continue;
        ntasks++;
        if (f->has_q && !with)
            with = f;
    }
    if (!with)
        return;
    bool complete = true;
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind != FIELD_TASK || f->has_q)
            continue;
        complete = false;
        diag_report(S(c), RULE_TASK_SUM, f->text.span,
                    "task '%s' has no amount, but task '%s' has %s: when tasks carry amounts, "
                    "every task needs one so that they add up to 资金总额",
                    f->text.text, with->text.text, qty_text(c, &with->q));
    }
    if (!complete || !c->has_amount || diag_any_within(S(c), RULE_SYNTAX, t->span))
        return;     /* a task lost to a syntax error would make any sum wrong */
    Sum sum = sum_new();
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        Decimal base;
        if (f->kind != FIELD_TASK)
            continue;
        if (!money_base(c, &f->q, &base))
            return;     /* reported by check_tables */
        sum_add(c, &sum, &f->q, base);
    }
    if (!sum.ok || dec_sum_cmp(&sum.base, c->amount) == 0)
        return;
    Diag *d = ntasks == 1
        ? diag_report(S(c), RULE_TASK_SUM, c->aq->num.span,
                      "the only task, '%s', has %s, but 资金总额 is %s", with->text.text,
                      sum_text(c, &sum), qty_text(c, c->aq))
        : diag_report(S(c), RULE_TASK_SUM, c->aq->num.span,
                      "the amounts of the %zu tasks add up to %s, but 资金总额 is %s", ntasks,
                      sum_text(c, &sum), qty_text(c, c->aq));
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind == FIELD_TASK)
            diag_note(S(c), d, f->q.span, "task '%s' is %s here", f->text.text,
                      qty_text(c, &f->q));
    }
}

/* ===== project-funding-sum ===== */

/* Resolves a funding line in the funding_source vocabulary; false when it
 * cannot be counted (reported). */
static bool resolve_funding(Ctx *c, const Vocabulary *v, BudgetLine *b)
{
    if (b->kind != BUDGET_SOURCE) {
        diag_report(S(c), RULE_MISPLACED_FIELD, b->key,
                    "'%s' does not belong in funding: list the sources as 'source NAME AMOUNT'; "
                    "they add up to the project's amount",
                    b->kind == BUDGET_TOTAL ? "total" : "nature");
        return false;
    }
    b->canonical = vocab_canonical_folded(c->p, v, b->name.text);
    if (b->canonical)
        return true;
    diag_report(S(c), RULE_UNKNOWN_BUDGET_LINE, b->name.span, "unknown funding source (资金来源) '%s'%s",
                b->name.text, did_you_mean(c->p, RULE_UNKNOWN_BUDGET_LINE, b->name.span, &v->spellings,
                             b->name.text));
    return false;
}

/* The lines of one funding block, indexed: each line's first spelling by
 * canonical name, and each line's group (the line it is a part of), so the
 * sums are one pass over the lines however many there are. */
typedef struct Funding {
    const Vocabulary *v;
    const PtrVec *lines;
    PtrMap first;               /* canonical name -> first BudgetLine with it */
    size_t *group;              /* line index -> index of its group's line, or n: 项目金额 */
    size_t *next;               /* the next member of the same group, or SIZE_MAX */
    size_t *head, *tail;        /* group index (0..n) -> first and last member */
} Funding;

static bool funding_duplicate(Ctx *c, Funding *fu, const BudgetLine *b)
{
    const BudgetLine *first = ptrmap_get(&fu->first, b->canonical);
    if (!first) {
        ptrmap_put(&fu->first, b->canonical, (void *)b);
        return false;
    }
    Diag *d = diag_report(S(c), RULE_DUPLICATE_FIELD, b->key,
                          "'%s' is given twice in the funding", b->canonical);
    diag_note(S(c), d, first->key, "first given here");
    return true;
}

/* The line b is a part of: its group (财政拨款) or a group above it, when
 * given; n (项目金额) when b is a direct part of the amount. */
static size_t given_group(const Funding *fu, const BudgetLine *b, const PtrMap *index_of)
{
    for (const char *up = ptrmap_get(&fu->v->parent, b->canonical); up;
         up = ptrmap_get(&fu->v->parent, up)) {
        void *i = ptrmap_get(index_of, up);
        if (i)
            return (size_t)(uintptr_t)i - 1;
    }
    return fu->lines->len;
}

static void index_groups(Ctx *c, Funding *fu)
{
    size_t n = fu->lines->len;
    Arena *a = &S(c)->arena;
    PtrMap index_of = {0};      /* canonical -> line index + 1 */
    fu->group = arena_alloc(a, (n + 1) * sizeof *fu->group);
    fu->next = arena_alloc(a, (n + 1) * sizeof *fu->next);
    fu->head = arena_alloc(a, (n + 1) * sizeof *fu->head);
    fu->tail = arena_alloc(a, (n + 1) * sizeof *fu->tail);
    for (size_t i = 0; i < n; i++)
        ptrmap_put(&index_of, ((const BudgetLine *)fu->lines->items[i])->canonical,
                   (void *)(uintptr_t)(i + 1));
    for (size_t g = 0; g <= n; g++)
        fu->head[g] = fu->tail[g] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t g = given_group(fu, fu->lines->items[i], &index_of);
        fu->group[i] = g;
        fu->next[i] = SIZE_MAX;
        if (fu->tail[g] == SIZE_MAX)
            fu->head[g] = i;
        else
            fu->next[fu->tail[g]] = i;
        fu->tail[g] = i;
    }
    ptrmap_free(&index_of);
}

/* The parts of group g (n: the top-level parts) against the group's amount
 * (项目金额 for n). */
static void funding_sum(Ctx *c, const Funding *fu, size_t g)
{
    const PtrVec *lines = fu->lines;
    const BudgetLine *group = g < lines->len ? lines->items[g] : NULL;
    Sum sum = sum_new();
    StrBuf names = STRBUF_INIT;
    for (size_t i = fu->head[g]; i != SIZE_MAX; i = fu->next[i]) {
        const BudgetLine *b = lines->items[i];
        Decimal base;
        if (!money_base(c, &b->amount, &base))
            continue;
        if (sum.count)
            strbuf_adds(&names, " + ");
        strbuf_adds(&names, b->name.text);
        sum_add(c, &sum, &b->amount, base);
    }
    Decimal target = c->amount;
    const Quantity *tq = group ? &group->amount : c->aq;
    if (sum.ok && sum.count && (!group || money_base(c, tq, &target))
        && dec_sum_cmp(&sum.base, target) != 0) {
        Diag *d = group
            ? diag_report(S(c), RULE_PROJECT_FUNDING_SUM, tq->num.span, "%s = %s, but %s is %s",
                          strbuf_cstr(&names), sum_text(c, &sum), group->name.text,
                          qty_text(c, tq))
            : diag_report(S(c), RULE_PROJECT_FUNDING_SUM, tq->num.span,
                          "funding %s = %s, but 项目金额 is %s", strbuf_cstr(&names),
                          sum_text(c, &sum), qty_text(c, tq));
        for (size_t i = fu->head[g]; i != SIZE_MAX; i = fu->next[i]) {
            const BudgetLine *b = lines->items[i];
            diag_note(S(c), d, b->amount.span, "%s is %s here", b->name.text,
                      qty_text(c, &b->amount));
        }
    }
    strbuf_release(&names);
}

/* The top-level sources (财政拨款, 上年结转, 其他资金 ...; a member such as
 * 一般公共预算 stands for 财政拨款 when that is not given) add up to 项目金额;
 * when 财政拨款 and its members are both given, the members add up to it. */
static void check_project_funding_sum(Ctx *c)
{
    Field *f = c->t->field[FIELD_FUNDING];
    const Vocabulary *v = PROGRAM_VOCAB(c->p, "funding_source");
    if (!f || !v || c->t->kind != TABLE_PROJECT)
        return;
    Funding fu = {v, &f->lines, {0}, NULL, NULL, NULL, NULL};
    bool usable = true;
    for (size_t i = 0; i < f->lines.len; i++) {
        BudgetLine *b = f->lines.items[i];
        if (!resolve_funding(c, v, b)) {
            usable = false;
            continue;
        }
        usable = check_money_quantity(c->p, &b->amount, b->name.text) && usable;
        usable = !funding_duplicate(c, &fu, b) && usable;
    }
    if (usable && !diag_any_within(S(c), RULE_SYNTAX, f->span)) {
        index_groups(c, &fu);
        if (c->has_amount)
            funding_sum(c, &fu, f->lines.len);
        for (size_t i = 0; i < f->lines.len; i++)
            funding_sum(c, &fu, i);
    }
    ptrmap_free(&fu.first);
}

/* ===== cost-exceeds-budget, cost-equals-budget ===== */

/* Under 成本指标: a 一级 category in the new framework, a 二级 one in the old. */
static bool is_cost(const Item *it)
{
    return is_named(it->l1, "成本指标") || is_named(it->l2, "成本指标");
}

/* 经济成本: 经济成本指标 in the new framework; the old one has no finer split,
 * so everything under its 成本指标. */
static bool is_economic_cost(const Item *it)
{
    return is_named(it->l2, "经济成本指标") || is_named(it->l2, "成本指标");
}

static bool cost_money(const Ctx *c, const Item *it, Quantity *q, Decimal *base)
{
    return is_cost(it) && indicator_quantity(it->ind, q) && money_base(c, q, base);
}

/* A money cost indicator above the table's amount; else the 经济成本 money
 * indicators together above it. A single indicator over the amount already
 * makes the sum exceed it, so the sum is reported only when none of its
 * parts is over on its own. */
static void check_cost_exceeds_budget(Ctx *c)
{
    if (!c->has_amount)
        return;
    Sum sum = sum_new();
    bool part_over = false;
    const Item *first = NULL;
    for (size_t i = 0; i < c->items.len; i++) {
        const Item *it = c->items.items[i];
        Quantity q;
        Decimal base;
        if (!cost_money(c, it, &q, &base))
            continue;
        bool over = dec_cmp(base, c->amount) > 0;
        if (over)
            diag_report(S(c), RULE_COST_EXCEEDS_BUDGET, q.num.span,
                        "cost '%s' %s %s %s exceeds the whole %s of %s", it->ind->name.text,
                        op_symbol(it->ind->op), value_text(c, it->ind), q.unit.text,
                        amount_name(c), qty_text(c, c->aq));
        if (!is_economic_cost(it))
            continue;
        part_over = part_over || over;
        first = first ? first : it;
        sum_add(c, &sum, &q, base);
    }
    if (part_over || !sum.ok || sum.count < 2 || dec_sum_cmp(&sum.base, c->amount) <= 0)
        return;
    Diag *d = diag_report(S(c), RULE_COST_EXCEEDS_BUDGET, first->l2->name.span,
                          "the %s indicators add up to %s, more than the whole %s of %s",
                          category_name(first->l2), sum_text(c, &sum), amount_name(c),
                          qty_text(c, c->aq));
    for (size_t i = 0; i < c->items.len; i++) {
        const Item *it = c->items.items[i];
        Quantity q;
        Decimal base;
        if (is_economic_cost(it) && cost_money(c, it, &q, &base))
            diag_note(S(c), d, q.span, "'%s' is %s here", it->ind->name.text, qty_text(c, &q));
    }
}

/* A single cost indicator whose value is exactly the table's amount restates
 * the budget. Ranges are left alone: a range is a real target. */
static void check_cost_equals_budget(Ctx *c)
{
    if (!c->has_amount)
        return;
    for (size_t i = 0; i < c->items.len; i++) {
        const Item *it = c->items.items[i];
        Quantity q;
        Decimal base;
        if (it->ind->value.kind != VAL_NUMBER || !cost_money(c, it, &q, &base)
            || dec_cmp(base, c->amount) != 0)
            continue;
        diag_report(S(c), RULE_COST_EQUALS_BUDGET, q.num.span,
                    "cost '%s' %s %s restates the whole %s of %s: it says nothing about cost "
                    "control (break the cost down by what the money buys, or give a unit cost "
                    "such as 元/人)", it->ind->name.text, op_symbol(it->ind->op),
                    qty_text(c, &q), amount_name(c), qty_text(c, c->aq));
    }
}

/* ===== unit-cost-overrun ===== */

/* For each unit, the indicator of the table with the largest number in
 * exactly that unit, and how many indicators use it; built once per table
 * (c->largest), so a table of many unit costs stays linear. Benefits and
 * satisfaction (受益群众人数) are outcomes, not the quantity the money buys,
 * so only outputs count. */
typedef struct Largest {
    const Item *it;
    Quantity q;
    size_t count;
} Largest;

static void index_largest(Ctx *c)
{
    for (size_t i = 0; i < c->items.len; i++) {
        const Item *it = c->items.items[i];
        Quantity q;
        if (!indicator_quantity(it->ind, &q) || dec_sign(q.num.dec) < 0
            || is_named(it->l1, "效益指标") || is_named(it->l1, "满意度指标"))
            continue;
        const char *unit = intern_cstr(&S(c)->names, q.unit.text);
        Largest *l = ptrmap_get(&c->largest, unit);
        if (!l) {
            l = arena_alloc(&c->tmp, sizeof *l);
            ptrmap_put(&c->largest, unit, l);
        }
        l->count++;
        if (!l->it || dec_cmp(q.num.dec, l->q.num.dec) > 0) {
            l->it = it;
            l->q = q;
        }
    }
}

static const Item *largest_in(const Ctx *c, const char *unit, Quantity *best, size_t *count)
{
    const Largest *l = ptrmap_get(&c->largest, unit);
    if (!l)
        return NULL;
    *best = l->q;
    *count = l->count;
    return l->it;
}

/* The next factor of a denominator 人·月 (or 人/月) starting at *rest,
 * interned; NULL at the end. */
static const char *next_factor(const Ctx *c, const char **rest)
{
    const char *s = *rest;
    size_t sep, len;
    if (!*s)
        return NULL;
    len = unit_factor_len(s, &sep);
    *rest = s + len + sep;
    return intern(&S(c)->names, s, len);
}

/* cost (in unit u = money/den·den...) times the largest quantity of each
 * denominator factor; silent when some factor has no matching quantity. */
static void unit_cost_overrun(Ctx *c, const Item *it, const Quantity *cost, const UnitDef *u)
{
    const char *rest = strchr(u->symbol, '/') + 1;
    StrBuf expr = STRBUF_INIT;
    PtrVec used = {0};
    Decimal product = cost->num.dec, base;
    strbuf_addf(&expr, "%s %s", cost->num.text, u->symbol);
    for (const char *factor; (factor = next_factor(c, &rest)) != NULL;) {
        Quantity q;
        size_t n;
        const Item *m = largest_in(c, factor, &q, &n);
        const UnitDef *fu = m ? NULL : program_unit(c->p, factor);
        if (!m && fu && fu->dim && strcmp(fu->dim->name, "duration") == 0) {
            /* a rate per month or year is paid for one at least: a lower bound */
            strbuf_addf(&expr, i18n_format(S(c)->lang, " × 1 %s (at least)"), factor);
            continue;
        }
        if (!m)
            goto done;
        if (dec_mul(product, q.num.dec, &product) != DEC_OK) {
            diag_report(S(c), RULE_ARITHMETIC_OVERFLOW, cost->num.span,
                        "%s times its quantities overflows", qty_text(c, cost));
            goto done;
        }
        strbuf_addf(&expr, " × %s %s", q.num.text, factor);
        if (n > 1)
            strbuf_addf(&expr, i18n_format(S(c)->lang, " (the largest of %zu indicators in %s)"), n,
                        factor);
        ptrvec_push(&c->tmp, &used, (void *)m);
    }
    if (dec_mul(product, u->num->factor, &base) != DEC_OK) {
        diag_report(S(c), RULE_ARITHMETIC_OVERFLOW, cost->num.span,
                    "%s times its quantities overflows", qty_text(c, cost));
        goto done;
    }
    if (dec_cmp(base, c->amount) > 0) {
        char buf[DEC_BUFSZ];
        dec_format(dec_normalize(product), buf, sizeof buf);
        Diag *d = diag_report(S(c), RULE_UNIT_COST_OVERRUN, cost->num.span,
                              "'%s': %s = %s %s, more than the whole %s of %s",
                              it->ind->name.text, strbuf_cstr(&expr), buf, u->num->symbol,
                              amount_name(c), qty_text(c, c->aq));
        for (size_t i = 0; i < used.len; i++) {
            const Item *m = used.items[i];
            Quantity q;
            indicator_quantity(m->ind, &q);
            diag_note(S(c), d, q.span, "'%s' is %s here", m->ind->name.text, qty_text(c, &q));
        }
    }
done:
    strbuf_release(&expr);
}

/* A unit cost (元/人, 万元/亩, 元/人·月) times the table's quantity in each
 * unit of its denominator (the largest, when several indicators use it)
 * above the table's amount. Benefits and satisfaction are not spending (人均
 * 增收 2000 元/人 is income), so only the other categories are looked at. */
static void check_unit_cost_overrun(Ctx *c)
{
    if (!c->has_amount)
        return;
    index_largest(c);
    for (size_t i = 0; i < c->items.len; i++) {
        const Item *it = c->items.items[i];
        Quantity q;
        const UnitDef *u;
        if (is_named(it->l1, "效益指标") || is_named(it->l1, "满意度指标")
            || !indicator_quantity(it->ind, &q) || dec_sign(q.num.dec) < 0)
            continue;
        u = program_unit(c->p, q.unit.text);
        if (u && !u->dim && is_money(u->num) && strchr(u->symbol, '/'))
            unit_cost_overrun(c, it, &q, u);
    }
}

/* ===== weights-sum ===== */

bool check_tree_scored(const Field *tree)
{
    for (size_t i = 0; tree && i < tree->root->items.len; i++) {
        const Category *l1 = tree->root->items.items[i];
        if (l1->kind == NODE_CATEGORY && l1->score.given)
            return true;
    }
    return false;
}

/* When one indicator carries a weight, all must (the first one without is
 * reported), and the weights add up to weights-total. With a weight missing
 * the sum is reported only when it is already too large, since the missing
 * weight can only add to it. */
static void check_weights_sum(Ctx *c)
{
    const Item *first = NULL, *missing = NULL;
    Decimal sum = {0, 0};
    bool ok = true;
    for (size_t i = 0; i < c->items.len; i++) {
        const Item *it = c->items.items[i];
        const Indicator *ind = it->ind;
        if (!ind->more->has_weight) {
            missing = missing ? missing : it;
            continue;
        }
        first = first ? first : it;
        if (!ind->more->weight.ok) {
            ok = false;
        } else if (ok && dec_add(sum, ind->more->weight.dec, &sum) != DEC_OK) {
            diag_report(S(c), RULE_ARITHMETIC_OVERFLOW, ind->more->weight.span,
                        "the sum of the weights overflows");
            ok = false;
        }
    }
    if (!first)
        return;
    if (missing)
        diag_report(S(c), RULE_WEIGHTS_SUM, missing->ind->name.span,
                    "'%s' has no weight, but '%s' has weight %s: when indicators carry weights, "
                    "every indicator needs one", missing->ind->name.text, first->ind->name.text,
                    first->ind->more->weight.text);
    const Field *f = c->t->field[FIELD_INDICATORS];
    bool scored = check_tree_scored(f);
    /* a tree whose 一级 categories print their 分值 scores to score-total
     * (100 less 预算执行率's 10), not weights-total; a category with one 分值
     * whose indicators miss it is score-total's finding, and the whole sum
     * then misses too for the same reason */
    if (scored && !ok)
        return;
    for (size_t i = 0; scored && f && i < f->root->items.len; i++) {
        const Category *l1 = f->root->items.items[i];
        Decimal part = {0, 0};
        if (l1->kind != NODE_CATEGORY || !l1->score.given || !l1->score.lo.ok
            || dec_cmp(l1->score.lo.dec, l1->score.hi.dec) != 0)
            continue;
        for (size_t k = 0; k < c->items.len; k++) {
            const Item *it = c->items.items[k];
            if (it->l1 == l1 && it->ind->more->has_weight && dec_add(part, it->ind->more->weight.dec, &part) != DEC_OK)
                return;
        }
        if (dec_cmp(part, l1->score.lo.dec) != 0)
            return;
    }
    Decimal want = check_param(c->p, scored ? PARAM_SCORE_TOTAL : PARAM_WEIGHTS_TOTAL);
    int cmp = dec_cmp(sum, want);
    if (!ok || cmp == 0 || (missing && cmp < 0) || diag_any_within(S(c), RULE_SYNTAX, f->span))
        return;
    char got[DEC_BUFSZ], total[DEC_BUFSZ];
    dec_format(sum, got, sizeof got);
    dec_format(want, total, sizeof total);
    const char *setting = scored
        ? i18n_tr(S(c), "score-total: the 一级 categories print their 分值") : "weights-total";
    if (missing)
        diag_report(S(c), RULE_WEIGHTS_SUM, f->key,
                    "the weights of the indicators of '%s' add up to %s already, but must add "
                    "up to %s (%s)", c->t->name.text, got, total, setting);
    else
        diag_report(S(c), RULE_WEIGHTS_SUM, f->key,
                    "the weights of the indicators of '%s' add up to %s, but must add up to %s "
                    "(%s)", c->t->name.text, got, total, setting);
}

/* ===== date-out-of-period ===== */

/* Indicator dates must fall in the table's span: a project's 实施期 when
 * given, else the budget year. The span is whole years, so comparing a
 * month-precision date (2026-12) by its month is comparing its year. */
static void indicator_dates(Ctx *c, bool has_year, int year)
{
    const Field *pd = c->t->field[FIELD_PERIOD];
    int from = year, to = year;
    const char *span;
    if (c->t->kind == TABLE_PROJECT && pd && pd->dates && pd->date.ok && pd->date2.ok
        && pd->date.year <= pd->date2.year) {
        from = pd->date.year;
        to = pd->date2.year;
        span = i18n_sprintf(S(c), "the 实施期 %s..%s", pd->date.text, pd->date2.text);
    } else if (c->t->kind == TABLE_PROJECT && pd && !pd->dates && !pd->has_q
               && year_number(&pd->num, &from) && year_number(&pd->num2, &to) && from <= to)
        span = from == to ? i18n_sprintf(S(c), "the 实施期 %d", from)
                          : i18n_sprintf(S(c), "the 实施期 %d..%d", from, to);
    else if (has_year)
        span = i18n_sprintf(S(c), "the budget year %d", year), from = to = year;
    else
        return;
    for (size_t i = 0; i < c->items.len; i++) {
        const Indicator *ind = ((const Item *)c->items.items[i])->ind;
        const Date *ends[2] = {&ind->value.date, &ind->value.date2};
        for (int e = 0; e < (ind->value.kind == VAL_DATES ? 2 : 1); e++) {
            const Date *d = ends[e];
            if ((ind->value.kind != VAL_DATE && ind->value.kind != VAL_DATES) || !d->ok
                || (d->year >= from && d->year <= to))
                continue;
            diag_report(S(c), RULE_DATE_OUT_OF_PERIOD, d->span, "the date %s of '%s' is outside %s",
                        d->text, ind->name.text, span);
        }
    }
}

/* The filing date departs from rules.md's literal "outside the table's year":
 * a table is drawn up with the budget, so a 2026 table is normally filed late
 * in 2025 (预算编制) or early in 2026 (the seed: 2026-01-28). The budget year
 * and the year before it are accepted; a filing after the budget year or more
 * than a year before it is a warning. */
static void filing_date(Ctx *c, bool has_year, int year)
{
    const Field *fd = c->t->field[FIELD_FILED];
    if (!fd || !fd->date.ok || !has_year)
        return;
    if (fd->date.year > year)
        diag_report(S(c), RULE_DATE_OUT_OF_PERIOD, fd->date.span,
                    "the filing date %s is after the budget year %d", fd->date.text, year);
    else if (fd->date.year < year - 1)
        diag_report(S(c), RULE_DATE_OUT_OF_PERIOD, fd->date.span,
                    "the filing date %s is more than a year before the budget year %d (a table "
                    "is filed in %d or %d)", fd->date.text, year, year - 1, year);
}

/* ===== breakdown-sum ===== */

/* The parts of a breakdown (or of a part) against its whole: the 合计 line,
 * or the part they split. */
static void breakdown_sum(Ctx *c, const PtrVec *parts, const Quantity *whole, const char *what)
{
    Sum sum = sum_new();
    StrBuf names = STRBUF_INIT;
    bool usable = true;
    for (size_t i = 0; i < parts->len; i++) {
        const Part *pt = parts->items[i];
        Decimal base;
        if (!pt->name.text || !pt->has_amount)
            continue;       /* the 合计, or a blank cell */
        if (!money_base(c, &pt->amount, &base)) {
            usable = false;
            continue;
        }
        if (sum.count)
            strbuf_adds(&names, " + ");
        strbuf_adds(&names, pt->name.text);
        sum_add(c, &sum, &pt->amount, base);
    }
    Decimal target;
    if (usable && sum.ok && sum.count && whole && money_base(c, whole, &target)
        && dec_sum_cmp(&sum.base, target) != 0) {
        Diag *d = diag_report(S(c), RULE_BREAKDOWN_SUM, whole->num.span,
                              "the parts of %s add up to %s (%s), but it is %s", what,
                              sum_text(c, &sum), strbuf_cstr(&names), qty_text(c, whole));
        for (size_t i = 0; i < parts->len; i++) {
            const Part *pt = parts->items[i];
            if (pt->name.text && pt->has_amount)
                diag_note(S(c), d, pt->amount.span, "'%s' is %s here", pt->name.text,
                          qty_text(c, &pt->amount));
        }
    }
    strbuf_release(&names);
    for (size_t i = 0; i < parts->len; i++) {
        const Part *pt = parts->items[i];
        if (pt->has_parts)
            breakdown_sum(c, &pt->parts, pt->has_amount ? &pt->amount : NULL,
                          i18n_sprintf(S(c), "'%s'", pt->name.text));
    }
}

/* Each part's amount is money (reported once, here); then the sums. */
static bool breakdown_money(Ctx *c, const PtrVec *parts)
{
    bool ok = true;
    for (size_t i = 0; i < parts->len; i++) {
        const Part *pt = parts->items[i];
        if (pt->has_amount)
            ok = check_money_quantity(c->p, &pt->amount, pt->name.text ? pt->name.text : "合计")
                 && ok;
        ok = breakdown_money(c, &pt->parts) && ok;
    }
    return ok;
}

static void check_breakdown_sum(Ctx *c)
{
    for (size_t i = 0; i < c->t->fields.len; i++) {
        const Field *f = c->t->fields.items[i];
        if (f->kind != FIELD_BREAKDOWN || f->ignored || !breakdown_money(c, &f->lines)
            || diag_any_within(S(c), RULE_SYNTAX, f->span))
            continue;
        const Quantity *total = NULL;
        for (size_t k = 0; k < f->lines.len && !total; k++) {
            const Part *pt = f->lines.items[k];
            if (!pt->name.text && pt->has_amount)
                total = &pt->amount;
        }
        breakdown_sum(c, &f->lines, total,
                      i18n_sprintf(S(c), "'%s'", f->text.text ? f->text.text : ""));
    }
}

/* ===== breakdown-budget ===== */

/* The money figures a table states: its 项目金额 and each budget's 资金总额
 * (or its sources' sum when it prints none). False when it states none. */
static bool largest_figure(Ctx *c, Decimal *largest, const Quantity **q)
{
    bool any = false;
    Decimal v;
    const Quantity *aq;
    if (table_amount(c->p, c->t, &aq, &v)) {
        *largest = v, *q = aq, any = true;
    }
    for (size_t i = 0; i < c->t->fields.len; i++) {
        const Field *f = c->t->fields.items[i];
        if (f->kind != FIELD_BUDGET || f->ignored)
            continue;
        const BudgetLine *total = budget_total(f);
        if (total && total->has_amount && money_base(c, &total->amount, &v)
            && (!any || dec_cmp(v, *largest) > 0))
            *largest = v, *q = &total->amount, any = true;
    }
    return any;
}

/* A plan or cost breakdown that costs more than any money the table has
 * cannot be what it is financed by: whichever figure it explains, one of
 * them is wrong (017: 20 + 20 + 10 = 50 万元 against a 年度预算 of 25). */
static void check_breakdown_budget(Ctx *c)
{
    Decimal most, total;
    const Quantity *mq = NULL;
    bool have = false;
    for (size_t i = 0; i < c->t->fields.len; i++) {
        const Field *f = c->t->fields.items[i];
        const Quantity *tq = NULL;
        if (f->kind != FIELD_BREAKDOWN || f->ignored)
            continue;
        for (size_t k = 0; k < f->lines.len && !tq; k++) {
            const Part *pt = f->lines.items[k];
            if (!pt->name.text && pt->has_amount)
                tq = &pt->amount;
        }
        if (!tq || !money_base(c, tq, &total))
            continue;
        if (!have && !(have = largest_figure(c, &most, &mq)))
            return;
        if (dec_cmp(total, most) > 0)
            diag_report(S(c), RULE_BREAKDOWN_BUDGET, tq->num.span,
                        "'%s' adds up to %s, more than any money figure of the table (the "
                        "largest is %s): the plan and the budget disagree",
                        f->text.text ? f->text.text : "", qty_text(c, tq), qty_text(c, mq));
    }
}

/* The indicator tree being checked (check.c runs this once per tree). The
 * sums over a tree that lost a line to a syntax error would mislead. */
void check_money(Program *p, Table *t)
{
    Ctx c = {p, t, {0}, false, NULL, {0, 0}, {0}, {0}};
    arena_init(&c.tmp);
    const Field *tree = t->field[FIELD_INDICATORS];
    c.has_amount = tree_amount(p, t, tree, &c.aq, &c.amount) && dec_sign(c.amount) >= 0;
    check_each_indicator(t, collect, &c);
    bool whole = !tree || !diag_any_within(p->s, RULE_SYNTAX, tree->span);
    if (whole)
        check_cost_exceeds_budget(&c);
    check_cost_equals_budget(&c);
    if (whole)
        check_unit_cost_overrun(&c);
    check_weights_sum(&c);
    int year;
    /* a 中期 tree's dates run past the budget year: only a 实施期 bounds them */
    bool has_year = table_year(c.t, &year) && (!tree || field_is_annual(p, tree));
    indicator_dates(&c, has_year, year);
    ptrmap_free(&c.largest);
    arena_free(&c.tmp);
}

/* What belongs to the table once, whatever its trees. */
void check_money_table(Program *p, Table *t)
{
    Ctx c = {p, t, {0}, false, NULL, {0, 0}, {0}, {0}};
    arena_init(&c.tmp);
    c.has_amount = table_amount(p, t, &c.aq, &c.amount) && dec_sign(c.amount) >= 0;
    check_task_sum(&c);
    check_project_funding_sum(&c);
    check_breakdown_sum(&c);
    check_breakdown_budget(&c);
    int year;
    bool has_year = table_year(c.t, &year);
    filing_date(&c, has_year, year);
    arena_free(&c.tmp);
}
