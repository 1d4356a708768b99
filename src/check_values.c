/* check_values: what an indicator's name, operator, value and unit say
 * together, and the precision of every money amount of a table. Runs after
 * check_indicators, so units are known to be declared (an unknown or missing
 * unit was reported there and is skipped here) and the categories that could
 * be placed carry their canonical names. Rules, one function each:
 *   rate-needs-percent     a name ending in 率/占比/比例/… with a unit that is
 *                          not a ratio (% or ‰)
 *   count-not-percent      a name ending in 数/人数/次数/… given in % or ‰
 *   pointless-bound        ≥ the top of a bounded dimension (100 %), ≤ the
 *                          bottom (0): only one value meets it, write =
 *   satisfaction-operator  a satisfaction result not stated with ≥
 *   satisfaction-range     a satisfaction target outside
 *                          satisfaction-min..satisfaction-max
 *   cost-direction         a 成本指标 indicator stated with ≥ or >
 *   vague-qualitative      a 定性 value with a vague word that is not a grade
 *   too-qualitative        too large a share of 定性 indicators in a table
 *   money-precision        an amount finer than one 元 (W) or one fen (E)
 * Every word list is a vocabulary of stdlib/rules-values.ptl; a rule whose
 * list is missing (a replaced stdlib) says nothing. Numbers are compared as
 * exact decimals in the dimension's base unit (元, %). */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "wordmatch.h"

typedef struct Ctx {
    Program *p;
    Table *t;
    size_t indicators;          /* too-qualitative: every indicator ... */
    size_t qualitative;         /* ... and those with 定性 */
} Ctx;

static Session *S(const Ctx *c)
{
    return c->p->s;
}

/* name: a string literal (program_vocab_named) */
static const Vocabulary *vocab(const Ctx *c, const char *name)
{
    return program_vocab_named(c->p, name);
}

typedef struct Longest {
    const PtrVec *words;
    size_t best, best_len;
} Longest;

static bool longer(void *ctx, size_t word, size_t start)
{
    (void)start;
    Longest *l = ctx;
    size_t k = strlen(l->words->items[word]);
    if (k > l->best_len || (k == l->best_len && word < l->best)) {
        l->best = word;
        l->best_len = k;
    }
    return true;
}

/* The longest spelling of vocabulary name that text contains (the first
 * listed of two as long), or NULL. */
static const char *word_in(const Ctx *c, const char *text, const char *name)
{
    const Vocabulary *v = vocab(c, name);
    if (!text || !v)
        return NULL;
    Longest l = {&v->spellings, SIZE_MAX, 0};
    wordmatch_each(program_matcher(c->p, &v->spellings), text, strlen(text), longer, &l);
    return l.best == SIZE_MAX ? NULL : v->spellings.items[l.best];
}

/* The longest spelling of vocabulary name that text ends with, or NULL. */
typedef struct Ending {
    const PtrVec *words;
    size_t n, best, best_len;
} Ending;

static bool longer_at_end(void *ctx, size_t word, size_t start)
{
    Ending *e = ctx;
    size_t k = e->n - start;
    if (start + strlen(e->words->items[word]) == e->n
        && (k > e->best_len || (k == e->best_len && word < e->best))) {
        e->best = word;
        e->best_len = k;
    }
    return true;
}

static const char *ending_in(const Ctx *c, const char *text, const char *name)
{
    const Vocabulary *v = vocab(c, name);
    if (!text || !v)
        return NULL;
    Ending e = {&v->spellings, strlen(text), SIZE_MAX, 0};
    wordmatch_each(program_matcher(c->p, &v->spellings), text, e.n, longer_at_end, &e);
    return e.best == SIZE_MAX ? NULL : v->spellings.items[e.best];
}

/* The longest spelling of vocabulary name that text starts with; its length
 * in bytes, 0 when none. */
static size_t prefix_in(const Ctx *c, const char *text, const char *name)
{
    const Vocabulary *v = vocab(c, name);
    size_t best = 0;
    for (size_t i = 0; v && i < v->spellings.len; i++) {
        const char *w = v->spellings.items[i];
        size_t k = strlen(w);
        if (k > best && strncmp(text, w, k) == 0)
            best = k;
    }
    return best;
}

static bool is_dim(const UnitDef *u, const char *dim)
{
    return u && u->dim && strcmp(u->dim->name, dim) == 0;
}

/* The indicator's unit when it is written and declared (else reported by
 * check_indicators) and the value is a number or a range compared with an
 * operator; NULL otherwise (定性, text, dates). */
static const UnitDef *numeric_unit(const Ctx *c, const Indicator *ind)
{
    const Value *v = &ind->value;
    if (ind->op == OP_QUAL || (v->kind != VAL_NUMBER && v->kind != VAL_RANGE) || !v->lo.ok
        || (v->kind == VAL_RANGE && !v->hi.ok) || !ind->unit.text)
        return NULL;
    return program_unit(c->p, ind->unit.text);
}

/* The value with its unit as written: "100 %", "50..70 万元". */
static const char *value_text(const Ctx *c, const Indicator *ind)
{
    const Value *v = &ind->value;
    if (v->kind == VAL_RANGE)
        return arena_sprintf(&S(c)->arena, "%s..%s %s", v->lo.text, v->hi.text, ind->unit.text);
    return arena_sprintf(&S(c)->arena, "%s %s", v->lo.text, ind->unit.text);
}

/* "a count unit (数量)"; "a compound unit" for 元/人. */
static const char *unit_kind(const Ctx *c, const UnitDef *u)
{
    return u->dim ? i18n_sprintf(S(c), "a %s unit (%s)", u->dim->name, u->dim->label)
                  : i18n_tr(S(c), "a compound unit");
}

/* ===== names: rates, counts, satisfaction ===== */

static const char *rate_ending(const Ctx *c, const char *name)
{
    const char *end = ending_in(c, name, "rate_suffixes");
    return end && !ending_in(c, name, "rate_exceptions") ? end : NULL;
}

static const char *count_ending(const Ctx *c, const char *name)
{
    const char *end = ending_in(c, name, "count_suffixes");
    return end && !ending_in(c, name, "count_exceptions") ? end : NULL;
}

/* A satisfaction result: the name contains 满意度 or 满意率, is not a
 * dissatisfaction (不满意率), and does not end in a count or another rate
 * (满意度调查次数, 满意度调查覆盖率 are about the survey). */
static bool is_satisfaction(const Ctx *c, const char *name)
{
    if (!word_in(c, name, "satisfaction_words") || word_in(c, name, "satisfaction_exceptions"))
        return false;
    if (count_ending(c, name))
        return false;
    return !rate_ending(c, name) || ending_in(c, name, "satisfaction_words");
}

/* ===== rate-needs-percent ===== */

/* A rate given as words, with no 定性 to say so and no % in them (成本控制率
 * "不超预算"); a 定性 rate is the author's choice ("高于市平均值"). */
static bool rate_in_words(const Indicator *ind)
{
    const char *t = ind->value.text.text;
    return ind->op == OP_NONE && ind->value.kind == VAL_TEXT && t && !value_malformed(ind)
           && !strchr(t, '%') && !strstr(t, "％") && !strstr(t, "百分");
}

static void check_rate_needs_percent(Ctx *c, const Indicator *ind)
{
    const char *end = rate_ending(c, ind->key);
    const UnitDef *u = numeric_unit(c, ind);
    if (end && rate_in_words(ind)) {
        diag_report(S(c), RULE_RATE_NEEDS_PERCENT, ind->value.span,
                    "'%s' ends in '%s', so it is a rate, but its target is the text \"%s\": "
                    "give the rate in %%, or mark the target 定性", ind->name.text, end,
                    ind->value.text.text);
        return;
    }
    if (!end || !u || is_dim(u, "ratio"))
        return;
    diag_report(S(c), RULE_RATE_NEEDS_PERCENT, ind->unit.span,
                "'%s' ends in '%s', so it is a rate, but its value %s is in %s: give a rate "
                "in %% or ‰", ind->name.text, end, value_text(c, ind), unit_kind(c, u));
}

/* ===== count-not-percent ===== */

static void check_count_not_percent(Ctx *c, const Indicator *ind)
{
    const char *end = count_ending(c, ind->key);
    const UnitDef *u = numeric_unit(c, ind);
    if (!end || !is_dim(u, "ratio"))
        return;
    diag_report(S(c), RULE_COUNT_NOT_PERCENT, ind->unit.span,
                "'%s' ends in '%s', so it counts things, but its value %s is a ratio: give "
                "the count in its unit (人, 次, 个 …), or name the share (…率, …占比)",
                ind->name.text, end, value_text(c, ind));
}

/* ===== pointless-bound ===== */

/* ≥ the largest value of a bounded dimension (100 %, 1000 ‰) or ≤ its
 * smallest (0 of money, counts, ratios ...; unit costs such as 元/人 cannot
 * be negative either): only the bound itself meets it. A change (growth_words,
 * change_words) may leave 0..100 %, and satisfaction has rules of its own. */
static void check_pointless_bound(Ctx *c, const Indicator *ind)
{
    const UnitDef *u = numeric_unit(c, ind);
    const Number *n = &ind->value.lo;
    Decimal base;
    if (!u || ind->value.kind != VAL_NUMBER || (ind->op != OP_GE && ind->op != OP_LE)
        || dec_mul(n->dec, u->factor, &base) != DEC_OK || is_satisfaction(c, ind->key)
        || text_has_any(c->p, ind->key, "growth_words")
        || text_has_any(c->p, ind->key, "change_words"))
        return;
    const Dimension *d = u->dim;
    bool at_max = ind->op == OP_GE && d && d->has_max && dec_cmp(base, d->max) == 0;
    bool at_min = ind->op == OP_LE
                  && (d ? d->has_min && dec_cmp(base, d->min) == 0 : dec_sign(base) == 0);
    if (!at_max && !at_min)
        return;
    diag_report(S(c), RULE_POINTLESS_BOUND, ind->op_span,
                "'%s' %s %s %s can only be met by exactly %s %s (%s): write = %s %s",
                ind->name.text, op_symbol(ind->op), n->text, u->symbol, n->text, u->symbol,
                at_max ? i18n_tr(S(c), "nothing is more than the whole")
                       : i18n_tr(S(c), "it cannot be negative"),
                n->text, u->symbol);
}

/* ===== satisfaction-operator ===== */

static void check_satisfaction_operator(Ctx *c, const Indicator *ind)
{
    if (ind->op == OP_GE || ind->op == OP_NONE || ind->op == OP_QUANT
        || !is_satisfaction(c, ind->key))
        return;     /* (no operator at all: missing-operator's finding) */
    if (ind->op == OP_QUAL) {
        diag_report(S(c), RULE_SATISFACTION_OPERATOR, ind->op_span,
                    "satisfaction '%s' is 定性, but satisfaction is a surveyed share: state the "
                    "lowest acceptable result with ≥ in %%", ind->name.text);
        return;
    }
    const char *why = i18n_tr(S(c), ind->op == OP_EQ   ? N_("asks for one exact survey result")
                                    : ind->op == OP_GT ? N_("leaves the bound itself out")
                                                       : N_("caps satisfaction from above"));
    if (numeric_unit(c, ind))
        diag_report(S(c), RULE_SATISFACTION_OPERATOR, ind->op_span,
                    "satisfaction '%s' %s %s %s: a satisfaction target is the lowest acceptable "
                    "result, write ≥ %s %s", ind->name.text, op_symbol(ind->op),
                    value_text(c, ind), why, ind->value.lo.text, ind->unit.text);
    else
        diag_report(S(c), RULE_SATISFACTION_OPERATOR, ind->op_span,
                    "satisfaction '%s' uses %s, which %s: a satisfaction target is the lowest "
                    "acceptable result, stated with ≥", ind->name.text, op_symbol(ind->op), why);
}

/* ===== satisfaction-range ===== */

/* The target of a satisfaction result in % (or ‰, compared in %) stated as
 * a lower bound or an exact value: its lowest end (the low end of a range)
 * must lie in satisfaction-min..satisfaction-max. An upper bound (≤, <) is
 * satisfaction-operator's finding alone. */
static void check_satisfaction_range(Ctx *c, const Indicator *ind)
{
    const UnitDef *u = numeric_unit(c, ind);
    const Number *n = &ind->value.lo;
    Decimal base;
    if (!is_dim(u, "ratio") || ind->op == OP_LE || ind->op == OP_LT
        || !is_satisfaction(c, ind->key) || dec_mul(n->dec, u->factor, &base) != DEC_OK)
        return;
    Decimal lo = check_param(c->p, PARAM_SATISFACTION_MIN);
    Decimal hi = check_param(c->p, PARAM_SATISFACTION_MAX);
    bool low = dec_cmp(base, lo) < 0, high = dec_cmp(base, hi) > 0;
    if (!low && !high)
        return;
    char lo_s[DEC_BUFSZ], hi_s[DEC_BUFSZ], base_s[DEC_BUFSZ];
    dec_format(lo, lo_s, sizeof lo_s);
    dec_format(hi, hi_s, sizeof hi_s);
    dec_format(dec_normalize(base), base_s, sizeof base_s);
    const char *in_pct = strcmp(u->symbol, "%") == 0
                             ? ""
                             : i18n_sprintf(S(c), " (%s %%)", base_s);
    if (high)
        diag_report(S(c), RULE_SATISFACTION_RANGE, n->span,
                    "satisfaction '%s' %s %s %s%s is above %s %% (satisfaction-max): a single "
                    "dissatisfied respondent would miss it, so it cannot be planned for",
                    ind->name.text, op_symbol(ind->op), n->text, u->symbol, in_pct, hi_s);
    else
        diag_report(S(c), RULE_SATISFACTION_RANGE, n->span,
                    "satisfaction '%s' %s %s %s%s is below %s %% (satisfaction-min): a target "
                    "this low accepts that many service users are dissatisfied", ind->name.text,
                    op_symbol(ind->op), n->text, u->symbol, in_pct, lo_s);
}

/* ===== cost-direction ===== */

static bool is_named(const Category *cat, const char *name)
{
    const char *n = category_name(cat);
    return n && strcmp(n, name) == 0;
}

/* Under 成本指标 (a 一级 category in the new framework, a 二级 one in the
 * old), ≥ or > sets a floor on spending. A saving (成本节约率 ≥ 5 %) is a
 * lower bound and is left alone. */
/* A cost is money or money per something; a rate under 成本指标 (预算执行率
 * >= 95 %) is a lower bound by nature and is not a cost target. 定性 and
 * unit-less values are judged by the operator alone. */
static bool costs_money(Ctx *c, const Indicator *ind)
{
    if (!ind->unit.text)
        return true;
    const UnitDef *u = program_unit(c->p, ind->unit.text);
    if (!u)
        return true;
    const UnitDef *money = u->dim ? u : u->num;
    return money && money->dim && strcmp(money->dim->name, "money") == 0;
}

static void check_cost_direction(Ctx *c, const Indicator *ind, const Category *l1,
                                 const Category *l2)
{
    if ((ind->op != OP_GE && ind->op != OP_GT)
        || !(is_named(l1, "成本指标") || is_named(l2, "成本指标"))
        || text_has_any(c->p, ind->key, "cost_saving_words")
        || !costs_money(c, ind))
        return;
    if (numeric_unit(c, ind))
        diag_report(S(c), RULE_COST_DIRECTION, ind->op_span,
                    "cost '%s' %s %s sets a floor on spending, but a cost target is an upper "
                    "bound (the most that may be spent): write ≤ %s", ind->name.text,
                    op_symbol(ind->op), value_text(c, ind), value_text(c, ind));
    else
        diag_report(S(c), RULE_COST_DIRECTION, ind->op_span,
                    "cost '%s' uses %s, which sets a floor on spending, but a cost target is an "
                    "upper bound (the most that may be spent): use ≤", ind->name.text,
                    op_symbol(ind->op));
}

/* ===== vague-qualitative ===== */

/* A graded value (分级分档): nothing but grade_words, with grade_separators
 * between them ("基本达到", "好/较好/一般/差"). */
static bool is_graded(const Ctx *c, const char *text)
{
    bool any = false;
    while (*text) {
        size_t k = prefix_in(c, text, "grade_words");
        if (k) {
            any = true;
        } else if ((k = prefix_in(c, text, "grade_separators")) == 0) {
            return false;
        }
        text += k;
    }
    return any;
}

static void check_vague_qualitative(Ctx *c, const Indicator *ind)
{
    const char *text = ind->value.text.text, *key = ind->value_key;
    /* a text printed without 定性 is a qualitative target all the same */
    if ((ind->op != OP_QUAL && ind->op != OP_NONE) || ind->value.kind != VAL_TEXT || !text
        || value_malformed(ind))
        return;
    const char *vague = word_in(c, key, "vague_words");
    if (!vague || is_graded(c, key))
        return;
    diag_report(S(c), RULE_VAGUE_QUALITATIVE, ind->value.span,
                "'%s'%s \"%s\" is vague: '%s' cannot be checked at the end of the year; "
                "give a number, or a graded value (达到/基本达到/未达到, 好/较好/一般/差, 是/否)",
                ind->name.text, ind->op == OP_QUAL ? " 定性" : "", text, vague);
}

/* ===== too-qualitative ===== */

/* q of n as a percentage: exact when it has at most two decimals
 * ("62.5 %"), else rounded to one decimal and marked ("≈ 66.7 %"). */
static const char *share_text(const Ctx *c, size_t q, size_t n)
{
    uint64_t hundredths = (uint64_t)q * 10000;
    char buf[DEC_BUFSZ];
    if (hundredths % n == 0) {
        dec_format(dec_normalize((Decimal){(int64_t)(hundredths / n), 2}), buf, sizeof buf);
        return arena_sprintf(&S(c)->arena, "%s %%", buf);
    }
    uint64_t tenths = ((uint64_t)q * 2000 + n) / (2 * (uint64_t)n);
    dec_format((Decimal){(int64_t)tenths, 1}, buf, sizeof buf);
    return arena_sprintf(&S(c)->arena, "≈ %s %%", buf);
}

static void count_qualitative(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    Ctx *c = ctx;
    (void)l1;
    (void)l2;
    c->indicators++;
    if ((ind->op == OP_QUAL
         || (ind->op == OP_NONE && (ind->value.kind == VAL_TEXT || ind->value.kind == VAL_WORD)))
        && !value_malformed(ind))
        c->qualitative++;   /* a text printed without 定性 is qualitative too */
}

/* 100 q > share n, exactly: more than too-qualitative-share percent of the
 * table's indicators are 定性. Reported once, at the indicators keyword. */
static void check_too_qualitative(Ctx *c)
{
    const Field *f = c->t->field[FIELD_INDICATORS];
    Decimal share = check_param(c->p, PARAM_QUALITATIVE_SHARE), limit;
    check_each_indicator(c->t, count_qualitative, c);
    size_t n = c->indicators, q = c->qualitative;
    if (!f || n == 0 || dec_mul(share, dec_from_int((int64_t)n), &limit) != DEC_OK
        || dec_cmp(dec_from_int((int64_t)q * 100), limit) <= 0)
        return;
    char share_s[DEC_BUFSZ];
    dec_format(share, share_s, sizeof share_s);
    diag_report(S(c), RULE_TOO_QUALITATIVE, f->key,
                "%zu of %zu indicators of '%s' are 定性 (%s), more than %s %% "
                "(too-qualitative-share): state targets as numbers wherever they can be measured",
                q, n, c->t->name.text, share_text(c, q, n), share_s);
}

/* ===== money-precision ===== */

/* A money amount in 元 with a fraction: finer than one fen is an error (no
 * payment is smaller); finer than one 元 is a warning for amounts written in
 * 万元 or 亿元 (published amounts are 万元 with 2 or 4 decimals), while 12.50 元
 * written in 元 is a deliberate price. what names the amount: "资金总额",
 * "task '信访工作'". Amounts that are not usable money are reported elsewhere. */
static void money_precision(Ctx *c, const Number *n, Unit unit, const char *what)
{
    const UnitDef *u;
    Decimal base;
    Quantity q = {*n, unit, n->span};
    if (!quantity_base(c->p, &q, &u, &base) || !is_dim(u, "money"))
        return;
    Decimal exact = dec_normalize(base);
    bool in_yuan_already = dec_cmp(u->factor, dec_from_int(1)) == 0;
    if (exact.scale == 0 || (exact.scale <= 2 && in_yuan_already))
        return;
    char buf[DEC_BUFSZ];
    dec_format(exact, buf, sizeof buf);
    const char *in_yuan = strcmp(u->symbol, "元") == 0
                              ? ""
                              : arena_sprintf(&S(c)->arena, " = %s 元", buf);
    if (exact.scale > 2)
        diag_report_as(S(c), RULE_MONEY_PRECISION, SEV_ERROR, n->span,
                       "%s %s %s%s is finer than one fen (0.01 元): no amount is paid in less; "
                       "check the number", what, n->text, u->symbol, in_yuan);
    else
        diag_report(S(c), RULE_MONEY_PRECISION, n->span,
                    "%s %s %s%s is finer than one 元: amounts are stated to the 元 at most "
                    "(万元 with up to 4 decimals)", what, n->text, u->symbol, in_yuan);
}

static void money_lines(Ctx *c, const PtrVec *lines)
{
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *b = lines->items[i];
        const char *what = b->kind == BUDGET_TOTAL ? "资金总额" : b->name.text;
        if (what && b->has_amount)
            money_precision(c, &b->amount.num, b->amount.unit, what);
        money_lines(c, &b->parts);
    }
}

static void money_parts(Ctx *c, const PtrVec *parts)
{
    for (size_t i = 0; i < parts->len; i++) {
        const Part *pt = parts->items[i];
        if (pt->has_amount)
            money_precision(c, &pt->amount.num, pt->amount.unit,
                            pt->name.text ? i18n_sprintf(S(c), "'%s'", pt->name.text)
                                          : "合计");
        money_parts(c, &pt->parts);
    }
}

/* Money indicators: both ends of a range. */
static void money_indicator(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    Ctx *c = ctx;
    (void)l1;
    (void)l2;
    const UnitDef *u = numeric_unit(c, ind);
    if (!is_dim(u, "money"))
        return;
    const char *what = i18n_sprintf(S(c), "'%s'", ind->name.text);
    money_precision(c, &ind->value.lo, ind->unit, what);
    if (ind->value.kind == VAL_RANGE)
        money_precision(c, &ind->value.hi, ind->unit, what);
}

/* Budget lines, funding lines, 项目金额, task amounts and breakdowns: once a
 * table (check_values_table). */
static void check_money_precision(Ctx *c)
{
    for (size_t i = 0; i < c->t->fields.len; i++) {
        const Field *f = c->t->fields.items[i];
        if (f->ignored)
            continue;
        if (f->kind == FIELD_BUDGET || f->kind == FIELD_FUNDING)
            money_lines(c, &f->lines);
        else if (f->kind == FIELD_BREAKDOWN)
            money_parts(c, &f->lines);
        else if (f->kind == FIELD_AMOUNT)
            money_precision(c, &f->q.num, f->q.unit, "项目金额");
        else if (f->kind == FIELD_TASK && f->has_q)
            money_precision(c, &f->q.num, f->q.unit,
                            i18n_sprintf(S(c), "task '%s'", f->text.text));
    }
}

/* ===== cost-not-money ===== */

/* An economic cost (经济成本指标, or 成本指标 of the old framework) is an
 * amount or a unit cost; 社会成本 and 生态环境成本 are not money by nature. */
static bool is_economic_cost(const Category *l1, const Category *l2)
{
    (void)l1;
    return is_named(l2, "经济成本指标") || is_named(l2, "成本指标");
}

/* The category a 三级 cell names before its text, when the template puts the
 * kind there ("社会成本指标 对当地文物保护影响" under Gansu's 成本指标), or NULL. */
static const char *kind_in_name(Ctx *c, const Indicator *ind)
{
    const char *name = ind->key, *sp = name ? strchr(name, ' ') : NULL;
    const char *wide = name ? strstr(name, "\u3000") : NULL;
    if (wide && (!sp || wide < sp))
        sp = wide;
    if (!sp || sp == name || !c->t->framework)
        return NULL;
    const char *prefix = intern(&S(c)->names, name, (size_t)(sp - name));
    return vocab_canonical(c->t->framework, prefix);
}

static void check_cost_not_money(Ctx *c, const Indicator *ind, const Category *l1,
                                 const Category *l2)
{
    const char *kind = kind_in_name(c, ind);
    if (!is_economic_cost(l1, l2) || ind->value.kind == VAL_NONE
        || (kind && strcmp(kind, "经济成本指标") != 0 && strcmp(kind, "成本指标") != 0)
        || text_has_any(c->p, ind->key, "cost_saving_words"))
        return;     /* a saving (成本节约率 ≥ 5 %) measures cost control as a share */
    const UnitDef *u = numeric_unit(c, ind);
    if (u) {
        if (!costs_money(c, ind))
            diag_report(S(c), RULE_COST_NOT_MONEY, ind->unit.span,
                        "cost '%s' is %s, not money: an economic cost is an amount (万元) or a "
                        "unit cost (元/人)", ind->name.text, value_text(c, ind));
        return;
    }
    if (ind->value.kind == VAL_TEXT || ind->value.kind == VAL_WORD)
        diag_report_as(S(c), RULE_COST_NOT_MONEY, SEV_WARNING, ind->value.span,
                       "cost '%s' is stated as text (\"%s\"): an economic cost is an amount "
                       "(万元) or a unit cost (元/人) that can be checked against the budget",
                       ind->name.text, ind->value.text.text);
}

/* ===== category-unit-mismatch ===== */

static bool is_time_name(Ctx *c, const char *name)
{
    return text_has_any(c->p, name, "time_words") && !rate_ending(c, name);
}

static void check_category_unit(Ctx *c, const Indicator *ind, const Category *l1,
                                const Category *l2)
{
    const UnitDef *u = numeric_unit(c, ind);
    const char *why = NULL;
    if (is_named(l2, "数量指标") && is_dim(u, "money"))
        why = N_("an amount of money under 数量指标: money belongs under 成本指标 (or name the "
                 "quantity it buys)");
    else if (is_named(l2, "数量指标") && is_dim(u, "ratio") && !count_ending(c, ind->key)
             && !is_satisfaction(c, ind->key))
        /* (a count in % is count-not-percent's finding) */
        /* xgettext:no-c-format */
        why = N_("a share in % under 数量指标: a 数量指标 counts what is delivered (人, 次, 个 …); "
                 "a share belongs under 质量指标");
    else if (is_named(l2, "时效指标") && is_dim(u, "ratio") && is_time_name(c, ind->key))
        /* xgettext:no-c-format */
        why = N_("a time given in %: a 时效指标 that names a time or a deadline takes a date or "
                 "a duration (2026-12, 30 天)");
    if (why) {
        diag_report(S(c), RULE_CATEGORY_UNIT_MISMATCH, ind->unit.span, "'%s' is %s: %s",
                    ind->name.text, value_text(c, ind), i18n_tr(S(c), why));
        return;
    }
    bool in_satisfaction = (l1 && category_name(l1) && strstr(category_name(l1), "满意"))
                           || (l2 && category_name(l2) && strstr(category_name(l2), "满意"));
    if (l1 && category_name(l1) && !in_satisfaction && is_satisfaction(c, ind->key))
        diag_report(S(c), RULE_CATEGORY_UNIT_MISMATCH, ind->name.span,
                    "'%s' is a satisfaction result, but it stands under '%s': satisfaction "
                    "belongs under 满意度指标", ind->name.text,
                    l2 && category_name(l2) ? category_name(l2) : category_name(l1));
}

/* ===== name-contradicts-value ===== */

/* The unit a template names after its placeholder: (≥**元/人·月) -> 元/人·月. */
static const char *named_unit(Ctx *c, const char *name)
{
    const char *stars = strstr(name, "**");
    if (!stars)
        return NULL;
    const char *s = stars + 2, *e = s;
    while (*e && *e != ')' && strncmp(e, "）", 3) != 0 && *e != ' ')
        e++;
    if (e == s || (e - s == 1 && *s == '%'))
        return NULL;
    return intern(&S(c)->names, s, (size_t)(e - s));
}

/* The percentage a name states (…达标率100%), or NULL; *n receives it. */
static bool named_percent(const char *name, Decimal *n, const char **text, size_t *len)
{
    static const char *const signs[] = {"%", "％"};
    for (size_t s = 0; s < 2; s++)
        for (const char *pct = strstr(name, signs[s]); pct; pct = strstr(pct + 1, signs[s])) {
            const char *b = pct;
            while (b > name && ((b[-1] >= '0' && b[-1] <= '9') || b[-1] == '.'))
                b--;
            if (b < pct && dec_parse(b, (size_t)(pct - b), n) == DEC_OK) {
                *text = b;
                *len = (size_t)(pct - b);
                return true;
            }
        }
    return false;
}

/* The same unit, or the same one at another scale (株 and 万株): a template's
 * unit is not contradicted by a multiple of it. */
static bool same_unit(Ctx *c, const char *a, const char *b)
{
    if (a == b)
        return true;
    const UnitDef *x = program_unit(c->p, a), *y = program_unit(c->p, b);
    return x && y && x->base == y->base;
}

static void check_name_contradicts_value(Ctx *c, const Indicator *ind)
{
    const UnitDef *u = numeric_unit(c, ind);
    if (!u || !ind->name.text)
        return;
    const char *nu = named_unit(c, ind->name.text);
    if (nu && program_unit(c->p, nu) && !same_unit(c, nu, ind->unit.text)) {
        diag_report(S(c), RULE_NAME_CONTRADICTS_VALUE, ind->unit.span,
                    "'%s' asks for a value in %s, but the target is %s: one of them is wrong",
                    ind->name.text, nu, value_text(c, ind));
        return;
    }
    Decimal named, base;
    const char *at;
    size_t len;
    if (is_dim(u, "ratio") && ind->value.kind == VAL_NUMBER
        && named_percent(ind->name.text, &named, &at, &len)
        && dec_mul(ind->value.lo.dec, u->factor, &base) == DEC_OK && dec_cmp(named, base) != 0)
        diag_report(S(c), RULE_NAME_CONTRADICTS_VALUE, ind->value.span,
                    "'%s' says %.*s%%, but the target is %s: the name and the value disagree",
                    ind->name.text, (int)len, at, value_text(c, ind));
}

/* ===== driver ===== */

static void visit(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    Ctx *c = ctx;
    check_cost_not_money(c, ind, l1, l2);
    check_category_unit(c, ind, l1, l2);
    check_name_contradicts_value(c, ind);
    check_rate_needs_percent(c, ind);
    check_count_not_percent(c, ind);
    check_pointless_bound(c, ind);
    check_satisfaction_operator(c, ind);
    check_satisfaction_range(c, ind);
    check_cost_direction(c, ind, l1, l2);
    check_vague_qualitative(c, ind);
}

/* The tree in force (check.c runs this once per tree). */
void check_values(Program *p, Table *t)
{
    Ctx c = {p, t, 0, 0};
    check_each_indicator(t, visit, &c);
    check_too_qualitative(&c);
    check_each_indicator(t, money_indicator, &c);
}

/* What belongs to the table once, whatever its trees. */
void check_values_table(Program *p, Table *t)
{
    Ctx c = {p, t, 0, 0};
    check_money_precision(&c);
}
