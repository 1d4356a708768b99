/* check_eval: self-evaluations (绩效自评表). An evaluation names its target
 * table (a department or project of the same name and year), gives each of
 * the target's indicators its 实际完成值, and the year's execution of the
 * budget; this pass links them, computes every score as docs/evaluation.md
 * states (财预〔2020〕10号), and compares what the department wrote with it.
 * Every score is rounded once, to 2 decimals, half away from zero; totals
 * add the rounded scores, so they are exact. */
#include <string.h>

#include "check.h"

typedef struct Ev {
    Program *p;
    Table *e;                   /* the evaluation */
    EvalSummary *sum;
    Table *t;                   /* its target */
    bool results_broken;        /* a result was unknown or missing: the total is not whole */
    Diag *first_mismatch;       /* the first finding that changes a written 得分 */
    bool explained;             /* a written 得分 was found wrong (even in the target) */
} Ev;

/* A finding that makes a written 得分 wrong: a written 自评得分 that adds
 * them up is wrong only through it. */
static void score_changed(Ev *c, Diag *d)
{
    c->explained = true;
    if (d && !c->first_mismatch)
        c->first_mismatch = d;
}

#define S(c) ((c)->p->s)

static const char *in(Program *p, const char *s)
{
    return intern_cstr(&p->s->names, s);
}

static const char *fmt_dec(Program *p, Decimal d)
{
    char buf[DEC_BUFSZ];
    dec_format(dec_normalize(d), buf, sizeof buf);
    return arena_sprintf(&p->s->arena, "%s", buf);
}

static Decimal round_to(Decimal d, int32_t scale)
{
    Decimal out;
    return dec_div_round(d, dec_from_int(1), scale, &out) == DEC_OK ? out : d;
}

static const char *year_text(const Table *t)
{
    const Field *y = t->field[FIELD_YEAR];
    return y && y->num.ok ? y->num.text : NULL;
}

static const char *table_key(Program *p, const char *name, const char *year)
{
    return in(p, arena_sprintf(&p->s->arena, "%s\x1f%s", name ? name : "", year ? year : ""));
}

/* A written figure agrees with a computed one when it is that figure as
 * the table rounds it: to its own decimals, but never coarser than one
 * decimal (a 5 for a computed 4.84 is a whole point given away). */
static bool written_agrees(Decimal written, Decimal computed)
{
    int32_t scale = dec_normalize(written).scale;
    if (scale < 1)
        scale = 1;
    if (scale > computed.scale)
        return dec_cmp(written, computed) == 0;
    return dec_cmp(written, round_to(computed, scale)) == 0;
}

/* ===== linking ===== */

static Table *find_target(Ev *c, PtrMap *targets)
{
    const char *key = table_key(c->p, c->e->name.text, year_text(c->e));
    Table *t = ptrmap_get(targets, key);
    if (t || !year_text(c->e) || !c->e->name.text)
        return t;
    PtrVec names = {0};
    for (size_t i = 0; i < c->p->user_tables.len; i++) {
        const Table *u = c->p->user_tables.items[i];
        if (u->name.text && year_text(u) && strcmp(year_text(u), year_text(c->e)) == 0)
            ptrvec_push(&S(c)->arena, &names, (void *)u->name.text);
    }
    const char *s = diag_wanted(S(c), RULE_EVALUATION_TARGET, c->e->name.span)
        ? suggest(&names, c->e->name.text) : NULL;
    diag_report(S(c), RULE_EVALUATION_TARGET, c->e->name.span,
                "no department or project '%s' of %s to evaluate: its target table must be "
                "among the files checked%s", c->e->name.text, year_text(c->e),
                s ? i18n_sprintf(S(c), "; did you mean '%s'?", s) : "");
    return NULL;
}

typedef struct Slot {
    PtrVec inds;                /* Indicator * of one name, in source order */
    PtrVec l1, l2;
    size_t next;                /* the next one a result of that name takes */
} Slot;

typedef struct Linker {
    Ev *c;
    PtrMap by_name;             /* interned name -> Slot * */
    PtrVec names;               /* for suggestions */
    PtrVec order;               /* Indicator *, in source order */
} Linker;

static void collect(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    Linker *k = ctx;
    Arena *a = &S(k->c)->arena;
    const char *name = intern(&S(k->c)->names, ind->name.text ? ind->name.text : "",
                              ind->name.text ? ind->name.len : 0);
    Slot *s = ptrmap_get(&k->by_name, name);
    if (!s) {
        s = arena_alloc(a, sizeof *s);
        ptrmap_put(&k->by_name, name, s);
        ptrvec_push(a, &k->names, (void *)name);
    }
    ptrvec_push(a, &s->inds, ind);
    ptrvec_push(a, &s->l1, l1);
    ptrvec_push(a, &s->l2, l2);
    ptrvec_push(a, &k->order, ind);
}

/* A row the table's template left ("……"), or a target left blank, is
 * already reported on the target; its blank 实际完成值 only follows. */
static bool needs_actual(Program *p, const Indicator *ind)
{
    if (ind->broken || ind->value.kind == VAL_NONE)
        return false;
    const Vocabulary *ph = program_vocab(p, in(p, "placeholders"));
    return !(ind->name.text && vocab_canonical(ph, in(p, ind->name.text)));
}

static void take(Result *r, Slot *s)
{
    r->target = s->inds.items[s->next];
    r->l1 = s->l1.items[s->next];
    r->l2 = s->l2.items[s->next];
    s->next++;
    r->target->result = r;
}

/* A result whose name the target does not have is read as the closest
 * indicator still without one (a typo), so that indicator is not also
 * missing-actual and the points still add up. */
static void link_unknown(Ev *c, Linker *k, Result *r, const char *name)
{
    Slot *s = ptrmap_get(&k->by_name, name);
    c->results_broken = true;
    if (s) {
        diag_report(S(c), RULE_UNKNOWN_RESULT, r->name.span,
                    "'%s' is given a result more often than the target table lists it",
                    r->name.text);
        return;
    }
    const char *best = suggest_in(c->p, &k->names, name);
    Slot *b = best ? ptrmap_get(&k->by_name, best) : NULL;
    if (b && b->next < b->inds.len) {
        take(r, b);
        diag_report(S(c), RULE_UNKNOWN_RESULT, r->name.span,
                    "'%s' is not an indicator of %s '%s'; did you mean '%s'? (read as it)",
                    r->name.text, check_kind_name(c->p, c->t->kind), c->t->name.text, best);
        return;
    }
    diag_report(S(c), RULE_UNKNOWN_RESULT, r->name.span, "'%s' is not an indicator of %s '%s'",
                r->name.text, check_kind_name(c->p, c->t->kind), c->t->name.text);
}

static const char *result_name(Ev *c, const Result *r)
{
    return intern(&S(c)->names, r->name.text ? r->name.text : "", r->name.text ? r->name.len : 0);
}

static void link_results(Ev *c)
{
    Linker k = {c, {0}, {0}, {0}};
    check_each_indicator(c->t, collect, &k);
    Field *res = c->e->field[FIELD_RESULTS];
    for (size_t i = 0; res && i < res->lines.len; i++) {
        Result *r = res->lines.items[i];
        Slot *s = ptrmap_get(&k.by_name, result_name(c, r));
        if (s && s->next < s->inds.len)
            take(r, s);
    }
    for (size_t i = 0; res && i < res->lines.len; i++) {
        Result *r = res->lines.items[i];
        if (!r->target)
            link_unknown(c, &k, r, result_name(c, r));
        if (r->target && r->actual.kind == VAL_NONE && needs_actual(c->p, r->target)) {
            c->results_broken = true;
            diag_report(S(c), RULE_MISSING_ACTUAL, r->actual.span,
                        "'%s' has no 实际完成值 (actual value): write what was achieved after "
                        "its name", r->name.text);
        }
    }
    Span at = res ? res->key : c->e->name.span;
    for (size_t i = 0; i < k.order.len; i++) {
        Indicator *ind = k.order.items[i];
        if (ind->result || !needs_actual(c->p, ind))
            continue;
        c->results_broken = true;
        Diag *d = diag_report(S(c), RULE_MISSING_ACTUAL, at,
                              "'%s' has no 实际完成值 (actual value): every indicator of the "
                              "target is evaluated", ind->name.text);
        diag_note(S(c), d, ind->span, "the target is here");
    }
    ptrmap_free(&k.by_name);
}

/* ===== scoring one result ===== */

typedef enum Band { BAND_ACHIEVED, BAND_PARTIAL, BAND_MISSED } Band;

/* The three grades of a 定性 result (财预〔2020〕10号, 附件 填表说明): the
 * words of stdlib/evaluation.ptl, the milder ones first; any other text is
 * 达成预期指标. */
static Band text_band(Program *p, const char *text)
{
    if (text_has_any(p, program_fold(p, text), "result_missed"))
        return BAND_MISSED;
    if (text_has_any(p, program_fold(p, text), "result_partial"))
        return BAND_PARTIAL;
    return BAND_ACHIEVED;
}

static const char *const band_names[] = {"达成预期指标", "部分达成预期指标", "未达成预期指标"};

static bool pct_of(Decimal max, Decimal pct, Decimal *out)
{
    Decimal m;
    return dec_mul(max, pct, &m) == DEC_OK
        && dec_div_round(m, dec_from_int(100), 2, out) == DEC_OK;
}

static void score_band(Ev *c, Result *r, Band b)
{
    Program *p = c->p;
    Decimal hi_pct = b == BAND_ACHIEVED ? dec_from_int(100)
                     : b == BAND_PARTIAL ? check_param(p, PARAM_BAND_ACHIEVED)
                                         : check_param(p, PARAM_BAND_PARTIAL);
    Decimal lo_pct = b == BAND_ACHIEVED ? check_param(p, PARAM_BAND_ACHIEVED)
                     : b == BAND_PARTIAL ? check_param(p, PARAM_BAND_PARTIAL) : dec_from_int(0);
    if (!pct_of(r->max, lo_pct, &r->band_lo) || !pct_of(r->max, hi_pct, &r->band_hi))
        return;
    r->method = SCORE_BAND;
    r->band = band_names[b];
    r->has_score = true;
    /* where in its band a graded result lies is the evaluator's judgement:
       the written 得分 when it is inside, else the band's floor (full points
       for 达成, as for a quantitative target met) */
    bool inside = r->scored.text && r->scored.ok && dec_cmp(r->scored.dec, r->band_lo) >= 0
        && (b == BAND_ACHIEVED ? dec_cmp(r->scored.dec, r->band_hi) <= 0
                               : dec_cmp(r->scored.dec, r->band_hi) < 0);
    r->score = inside ? r->scored.dec : b == BAND_ACHIEVED ? r->max : r->band_lo;
}

/* max × num / den, rounded once, never above max. */
static bool ratio(Decimal max, Decimal num, Decimal den, Decimal *out)
{
    if (dec_cmp(num, den) >= 0) {
        *out = max;
        return true;
    }
    Decimal m;
    if (dec_sign(den) <= 0 || dec_mul(max, num, &m) != DEC_OK
        || dec_div_round(m, den, 2, out) != DEC_OK)
        return false;
    return true;
}

/* The actual and the target in one unit (the base of their dimension),
 * or false when they cannot be compared (reported). */
static bool comparable(Ev *c, Result *r, Decimal *actual, Decimal *target, Decimal *hi)
{
    const Indicator *ind = r->target;
    *actual = r->actual.lo.dec;
    *target = ind->value.lo.dec;
    *hi = ind->value.kind == VAL_RANGE ? ind->value.hi.dec : ind->value.lo.dec;
    const char *au = r->unit.text ? r->unit.text : ind->unit.text;
    const char *tu = ind->unit.text;
    if (!au || !tu || au == tu)
        return true;
    const UnitDef *ua = program_unit(c->p, au), *ut = program_unit(c->p, tu);
    if (!ut)
        return false;   /* the target's unit is reported there */
    if (!ua) {
        diag_report(S(c), RULE_UNKNOWN_UNIT, r->unit.span, "unknown unit '%s'%s", au,
                    did_you_mean(c->p, RULE_UNKNOWN_UNIT, r->unit.span, &c->p->unit_names, au));
        return false;
    }
    if (ua->base != ut->base) {     /* 万元 and 元 share one; 人 and 次 do not */
        diag_report(S(c), RULE_ACTUAL_UNIT, r->unit.span,
                    "the 实际完成值 of '%s' is in %s, which cannot be compared with its target "
                    "in %s", r->name.text, au, tu);
        return false;
    }
    return dec_mul(*actual, ua->factor, actual) == DEC_OK
        && dec_mul(*target, ut->factor, target) == DEC_OK
        && dec_mul(*hi, ut->factor, hi) == DEC_OK;
}

static bool is_numeric(ValueKind k)
{
    return k == VAL_NUMBER || k == VAL_RANGE;
}

/* "≥ 100 %", "95 %", "100": the words that are there, one space apart (a
 * target with no operator, a value with no unit). */
static const char *words(Ev *c, const char *op, const char *value, const char *unit)
{
    return arena_sprintf(&S(c)->arena, "%s%s%s%s%s", op, op[0] ? " " : "", value,
                         unit && unit[0] ? " " : "", unit ? unit : "");
}

/* The formula as the message shows it. */

static const char *formula(Ev *c, const Result *r)
{
    Program *p = c->p;
    const Indicator *ind = r->target;
    const char *a = r->actual.lo.text, *t = ind->value.lo.text;
    if (r->method == SCORE_INVERSE)
        t = ind->value.kind == VAL_RANGE ? ind->value.hi.text : t;
    return r->method == SCORE_INVERSE
        ? i18n_sprintf(p->s, "分值 × target / actual = %s × %s / %s", fmt_dec(p, r->max), t, a)
        : i18n_sprintf(p->s, "分值 × actual / target = %s × %s / %s", fmt_dec(p, r->max), a, t);
}

static void score_numbers(Ev *c, Result *r, Op op)
{
    Decimal a, t, hi;
    if (!comparable(c, r, &a, &t, &hi))
        return;
    if (dec_sign(t) < 0 || dec_cmp(t, hi) > 0)
        return;     /* negative-value's or inverted-range's finding on the target */
    if (dec_sign(a) < 0) {
        diag_report(S(c), RULE_NEGATIVE_VALUE, r->actual.span,
                    "the 实际完成值 %s of '%s' is negative", r->actual.lo.text, r->name.text);
        return;
    }
    bool ok;
    r->method = SCORE_RATIO;
    if (r->target->value.kind == VAL_RANGE) {
        if (dec_cmp(a, t) < 0)
            ok = ratio(r->max, a, t, &r->score);
        else if (dec_cmp(a, hi) > 0)
            r->method = SCORE_INVERSE, ok = ratio(r->max, hi, a, &r->score);
        else
            ok = true, r->score = r->max;
    } else if (op == OP_LE || op == OP_LT) {
        r->method = SCORE_INVERSE;
        ok = dec_sign(a) == 0 ? (r->score = r->max, true) : ratio(r->max, t, a, &r->score);
    } else if (op == OP_EQ && dec_cmp(a, t) > 0) {
        r->method = SCORE_INVERSE;
        ok = ratio(r->max, t, a, &r->score);
    } else {
        ok = dec_sign(t) == 0 ? (r->score = r->max, true) : ratio(r->max, a, t, &r->score);
    }
    if (!ok) {
        r->method = SCORE_NONE;
        diag_report(S(c), RULE_ARITHMETIC_OVERFLOW, r->actual.span,
                    "the score of '%s' is too large to compute exactly", r->name.text);
        return;
    }
    if (dec_cmp(r->score, r->max) == 0)
        r->method = SCORE_MET;
    r->has_score = true;
}

/* -1, 0 or 1 as date a is before, in or after b; a date of month
 * precision (2026-11) stands for its whole month. */
static int date_cmp(const Date *a, const Date *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    if (!a->day || !b->day || a->day == b->day)
        return 0;
    return a->day < b->day ? -1 : 1;
}

/* A 时效 date: met by the date (≤, <, =, or ≥ for "not before"), full
 * points; missed, no proportion means anything (a day late is not 99 %),
 * so it is graded like a 定性 result not reached: the written 得分 below
 * the full 分值 stands, none is 0. */
static void score_date(Ev *c, Result *r, Op op)
{
    (void)c;
    const Date *a = &r->actual.date, *t = &r->target->value.date;
    if (!a->ok || !t->ok)
        return;
    int k = date_cmp(a, t);
    bool met = op == OP_GE || op == OP_GT ? k >= 0 : op == OP_EQ ? k == 0 : k <= 0;
    r->has_score = true;
    if (met) {
        r->method = SCORE_MET;
        r->score = r->max;
        return;
    }
    r->method = SCORE_BAND;
    r->band = "未按期完成";
    r->band_lo = dec_from_int(0);
    r->band_hi = r->max;
    bool inside = r->scored.text && r->scored.ok && dec_sign(r->scored.dec) >= 0
        && dec_cmp(r->scored.dec, r->max) < 0;
    r->score = inside ? r->scored.dec : dec_from_int(0);
}

static void score_result(Ev *c, Result *r)
{
    Program *p = c->p;
    const Indicator *ind = r->target;
    if (r->points.text && r->points.ok)
        r->max = r->points.dec, r->has_max = true;
    else if (ind->more->has_weight && ind->more->weight.ok)
        r->max = ind->more->weight.dec, r->has_max = true;
    if (r->has_max && dec_sign(r->max) < 0) {
        diag_report(S(c), RULE_NEGATIVE_VALUE, r->points.text ? r->points.span : ind->more->weight.span,
                    "the 分值 %s of '%s' is negative", fmt_dec(p, r->max), r->name.text);
        r->has_max = false;
    }
    if (!r->has_max || r->actual.kind == VAL_NONE)
        return;
    if (r->scored.text && r->scored.ok && dec_cmp(r->scored.dec, r->max) > 0) {
        diag_report(S(c), RULE_SCORE_ABOVE_POINTS, r->scored.span,
                    "'%s' scores %s, above its 分值 %s", r->name.text, r->scored.text,
                    fmt_dec(p, r->max));
        r->score = r->max;
        r->has_score = true;
        return;
    }
    if (ind->value.kind == VAL_DATE && r->actual.kind == VAL_DATE && ind->op != OP_QUAL) {
        score_date(c, r, ind->op == OP_NONE || ind->op == OP_QUANT
                             ? likely_op(p, ind, r->l1, r->l2) : ind->op);
    } else if (is_numeric(ind->value.kind) && r->actual.kind == VAL_NUMBER && ind->op != OP_QUAL) {
        Op op = ind->op == OP_NONE || ind->op == OP_QUANT ? likely_op(p, ind, r->l1, r->l2)
                                                          : ind->op;
        score_numbers(c, r, op);
    } else if (r->actual.kind == VAL_TEXT || r->actual.kind == VAL_WORD) {
        score_band(c, r, text_band(p, r->actual.text.text));
    }
    if (!r->has_score)
        return;
    r->shortfall = dec_cmp(r->score, r->max) < 0;
    if (!r->scored.text || !r->scored.ok)
        return;
    Diag *d = NULL;
    bool wrong = r->method == SCORE_BAND ? dec_cmp(r->score, r->scored.dec) != 0
                                         : !written_agrees(r->scored.dec, r->score);
    if (r->method == SCORE_BAND) {
        if (wrong)
            d = diag_report(S(c), RULE_SCORE_MISMATCH, r->scored.span,
                            "'%s' is graded %s, which scores %s to %s of its %s 分值; %s is "
                            "outside the band", r->name.text, r->band, fmt_dec(p, r->band_lo),
                            fmt_dec(p, r->band_hi), fmt_dec(p, r->max), r->scored.text);
    } else if (wrong) {
        d = r->method == SCORE_MET
            ? diag_report(S(c), RULE_SCORE_MISMATCH, r->scored.span,
                          "'%s' meets its target and scores its full %s, not %s", r->name.text,
                          fmt_dec(p, r->max), r->scored.text)
            : diag_report(S(c), RULE_SCORE_MISMATCH, r->scored.span,
                          "'%s' scores %s, not %s: its target %s is not met (%s), so it scores %s",
                          r->name.text, fmt_dec(p, r->score), r->scored.text,
                          words(c, op_symbol(ind->op), ind->value.lo.text, ind->unit.text),
                          words(c, "", r->actual.lo.text, r->unit.text ? r->unit.text : ind->unit.text),
                          formula(c, r));
    }
    /* allowed or not, a wrong 得分 is what a total adding it up follows from */
    r->mismatch = wrong;
    if (wrong)
        score_changed(c, d);
    /* the shortfall the department did not see is this finding's, not also
       missing-reason's */
    if (d && r->shortfall && !r->reason.text)
        diag_note(S(c), d, r->span, "a shortfall needs its 偏差原因 (reason \"…\")");
}

static void check_missing_reason(Ev *c, const Result *r)
{
    if (!r->has_score || !r->shortfall || r->reason.text || r->mismatch)
        return;
    diag_report(S(c), RULE_MISSING_REASON, r->name.span,
                "'%s' falls short of its target (scores %s of %s) and gives no 偏差原因: "
                "say why and what will change (reason \"…\")", r->name.text,
                fmt_dec(c->p, r->score), fmt_dec(c->p, r->max));
}

/* ===== points ===== */

/* The default weight of a 一级 (财预〔2020〕10号): 成本指标 of the 101号
 * framework shares 产出指标's. */
static const char *weight_group(Program *p, const Category *l1)
{
    const char *n = category_name(l1);
    if (!n)
        return NULL;
    return in(p, strcmp(n, "成本指标") == 0 ? "产出指标" : n);
}

static bool default_weight(Program *p, const char *group, Decimal *w)
{
    if (!group)
        return false;
    if (strcmp(group, "产出指标") == 0)
        *w = check_param(p, PARAM_WEIGHT_OUTPUT);
    else if (strcmp(group, "效益指标") == 0)
        *w = check_param(p, PARAM_WEIGHT_OUTCOME);
    else if (strcmp(group, "满意度指标") == 0)
        *w = check_param(p, PARAM_WEIGHT_SATISFACTION);
    else
        return false;
    return true;
}

typedef struct Group {
    const char *name;           /* the weight group, or the category's own name */
    const Category *l1;         /* a category with a printed 分值, or NULL */
    DecSum sum;
    const Result *first;
    bool printed, unprinted;
} Group;

static void check_points(Ev *c)
{
    Program *p = c->p;
    Field *res = c->e->field[FIELD_RESULTS];
    if (!res)
        return;
    /* per printed category, and per weight group of categories that print none */
    PtrMap by = {0};
    PtrVec groups = {0};
    DecSum all = DEC_SUM_ZERO;
    bool any = false;
    for (size_t i = 0; i < res->lines.len; i++) {
        const Result *r = res->lines.items[i];
        if (!r->target || !r->has_max)
            continue;
        any = true;
        dec_sum_add(&all, r->max);
        if (!r->l1)
            continue;   /* a flat tree: only the whole is held to a total */
        bool printed = r->l1->score.given;
        const void *key = printed ? (const void *)r->l1 : (const void *)weight_group(p, r->l1);
        if (!key)
            continue;
        Group *g = ptrmap_get(&by, key);
        if (!g) {
            g = arena_alloc(&S(c)->arena, sizeof *g);
            g->name = printed ? category_name(r->l1) : (const char *)key;
            g->l1 = printed ? r->l1 : NULL;
            g->first = r;
            ptrmap_put(&by, key, g);
            ptrvec_push(&S(c)->arena, &groups, g);
        }
        dec_sum_add(&g->sum, r->max);
    }
    bool wrong = false;
    for (size_t i = 0; i < groups.len; i++) {
        Group *g = groups.items[i];
        char buf[DEC_BUFSZ];
        dec_sum_format_normal(&g->sum, buf, sizeof buf);
        if (g->l1) {
            const Score *s = &g->l1->score;
            if (!s->lo.ok || !s->hi.ok)
                continue;
            if (dec_sum_cmp(&g->sum, s->lo.dec) >= 0 && dec_sum_cmp(&g->sum, s->hi.dec) <= 0)
                continue;
            wrong = true;
            Diag *d = diag_report(S(c), RULE_POINTS_TOTAL, g->first->span,
                                  "the 分值 of the results under '%s' add up to %s, not its "
                                  "%s分", g->l1->name.text, buf,
                                  s->lo.text == s->hi.text || dec_cmp(s->lo.dec, s->hi.dec) == 0
                                      ? s->lo.text
                                      : arena_sprintf(&S(c)->arena, "%s–%s", s->lo.text,
                                                      s->hi.text));
            diag_note(S(c), d, g->l1->score.span, "the category's 分值 is printed here");
            continue;
        }
        Decimal w;
        if (!default_weight(p, g->name, &w) || dec_sum_cmp(&g->sum, w) == 0)
            continue;
        wrong = true;
        diag_report(S(c), RULE_POINTS_TOTAL, g->first->span,
                    "the 分值 of the results under '%s' add up to %s, not the %s its weight is "
                    "(财预〔2020〕10号; set weight-%s in ptlc.settings for another)", g->name,
                    buf, fmt_dec(p, w),
                    strcmp(g->name, "产出指标") == 0 ? "output"
                    : strcmp(g->name, "效益指标") == 0 ? "outcome" : "satisfaction");
    }
    ptrmap_free(&by);
    if (!any || wrong || c->results_broken)
        return;
    /* the whole: 预算执行率 plus every indicator, against the table's total */
    bool all_printed = true;
    for (size_t i = 0; i < groups.len; i++)
        all_printed = all_printed && ((Group *)groups.items[i])->l1;
    if (all_printed && groups.len)
        return;     /* the printed 分值 are score-total's to judge */
    if (c->sum->has_exec)
        dec_sum_add(&all, c->sum->exec_max);
    Decimal total = check_param(p, PARAM_EVAL_TOTAL);
    if (dec_sum_cmp(&all, total) == 0)
        return;
    char buf[DEC_BUFSZ];
    dec_sum_format_normal(&all, buf, sizeof buf);
    diag_report(S(c), RULE_POINTS_TOTAL, res->key,
                "the 分值 of the evaluation add up to %s (预算执行率 %s and the indicators), not %s",
                buf, c->sum->has_exec ? fmt_dec(p, c->sum->exec_max) : "0", fmt_dec(p, total));
}

/* ===== budget execution ===== */

static const Field *adjusted_budget(Ev *c)
{
    const Vocabulary *v = program_vocab(c->p, in(c->p, "adjusted_figures"));
    for (size_t i = 0; i < c->t->fields.len; i++) {
        const Field *f = c->t->fields.items[i];
        if (f->kind == FIELD_BUDGET && !f->ignored && f->name.text
            && vocab_canonical(v, f->name.text))
            return f;
    }
    return c->t->field[FIELD_BUDGET];
}

static const BudgetLine *budget_line_for(const Field *budget, const ExecLine *l)
{
    for (size_t i = 0; budget && i < budget->lines.len; i++) {
        const BudgetLine *b = budget->lines.items[i];
        if (b->kind == l->kind && (l->kind == BUDGET_TOTAL || (b->canonical
                                                                && b->canonical == l->canonical)))
            return b;
    }
    return NULL;
}

/* A money quantity in 万元 (exact: 元 has the decimals of 万元 plus four),
 * or false; unusable ones are reported by check_money_quantity. */
static bool quiet_wan(Program *p, const Quantity *q, Decimal *out)
{
    const UnitDef *u;
    Decimal base;
    const UnitDef *wan = program_unit(p, in(p, "万元"));
    if (!quantity_base(p, q, &u, &base) || !wan || !u->dim || strcmp(u->dim->name, "money"))
        return false;
    int32_t scale = base.scale + 4 > DEC_MAX_SCALE ? DEC_MAX_SCALE : base.scale + 4;
    if (dec_div_round(base, wan->factor, scale, out) != DEC_OK)
        return false;
    *out = dec_normalize(*out);
    return true;
}

static bool in_wan(Program *p, const Quantity *q, Decimal *out)
{
    return check_money_quantity(p, q, "全年执行数") && quiet_wan(p, q, out);
}

static const ExecLine *exec_total(const Field *ex)
{
    for (size_t i = 0; ex && i < ex->lines.len; i++)
        if (((const ExecLine *)ex->lines.items[i])->kind == BUDGET_TOTAL)
            return ex->lines.items[i];
    return NULL;
}

static bool rate_agrees(const ExecLine *l, Decimal pct)
{
    Decimal written = l->rate.dec;
    if (!l->rate_percent && dec_mul(written, dec_from_int(100), &written) != DEC_OK)
        return false;
    int32_t scale = dec_normalize(written).scale;
    return dec_cmp(written, round_to(pct, scale > 2 ? 2 : scale)) == 0;
}

/* A source or nature line that prints its own 执行率, 分值 and 得分 (013
 * repeats 资金总额's on 财政拨款): each held to the line's own figures. */
static void check_part_rate(Ev *c, const ExecLine *l, const Quantity *bq)
{
    Program *p = c->p;
    Decimal sp, bud, m, pct, score;
    if (!l->has_spent || !bq || !quiet_wan(p, &l->spent, &sp) || !quiet_wan(p, bq, &bud)
        || dec_sign(bud) <= 0 || dec_mul(sp, dec_from_int(100), &m) != DEC_OK
        || dec_div_round(m, bud, 2, &pct) != DEC_OK)
        return;
    if (l->rate.text && l->rate.ok && !rate_agrees(l, pct)) {
        diag_report(S(c), RULE_EXECUTION_RATE, l->rate.span,
                    "执行率 of %s is %s %%, not %s: 全年执行数 / 全年预算数 = %s / %s",
                    l->name.text, fmt_dec(p, pct), l->rate.text, l->spent.num.text,
                    bq->num.text);
        return;
    }
    if (l->points.text && l->points.ok && l->scored.text && l->scored.ok
        && ratio(l->points.dec, sp, bud, &score) && !written_agrees(l->scored.dec, score))
        diag_report(S(c), RULE_SCORE_MISMATCH, l->scored.span,
                    "%s's 预算执行率 scores %s, not %s: 分值 × 执行率 = %s × %s %%", l->name.text,
                    fmt_dec(p, score), l->scored.text, l->points.text, fmt_dec(p, pct));
}

/* What the lines of kind k are called in a message about their sum. */
static const char *parts_name(Ev *c, int k)
{
    return k == BUDGET_SOURCE ? i18n_tr(S(c), "sources") : i18n_tr(S(c), "基本支出 and 项目支出");
}

static void check_execution(Ev *c)
{
    Program *p = c->p;
    EvalSummary *sum = c->sum;
    const Field *ex = c->e->field[FIELD_EXECUTION];
    if (!ex) {
        diag_report(S(c), RULE_MISSING_FIELD, c->e->name.span,
                    "evaluation '%s' has no 'execution' (资金情况: 全年执行数 of 资金总额)",
                    c->e->name.text);
        return;
    }
    sum->budget = adjusted_budget(c);
    const ExecLine *total = NULL;
    /* the parts of 资金总额 by kind: income sources, expenditure natures */
    struct { DecSum spent, budget; bool any, ok; } parts[3] = {
        {DEC_SUM_ZERO, DEC_SUM_ZERO, false, true}, {DEC_SUM_ZERO, DEC_SUM_ZERO, false, true},
        {DEC_SUM_ZERO, DEC_SUM_ZERO, false, true}};
    for (size_t i = 0; i < ex->lines.len; i++) {
        ExecLine *l = ex->lines.items[i];
        if (l->kind == BUDGET_TOTAL) {
            if (!total)
                total = l;
            continue;
        }
        bool source = l->kind == BUDGET_SOURCE;
        const Vocabulary *v = program_vocab(p, in(p, source ? "budget_source" : "budget_nature"));
        l->canonical = vocab_canonical_folded(p, v, l->name.text);
        if (!l->canonical) {
            diag_report(S(c), RULE_UNKNOWN_BUDGET_LINE, l->name.span, "unknown %s '%s'%s",
                        source ? i18n_tr(S(c), "income source")
                               : i18n_tr(S(c), "expenditure nature"), l->name.text,
                        v ? did_you_mean(p, RULE_UNKNOWN_BUDGET_LINE, l->name.span,
                                         &v->spellings, l->name.text) : "");
            parts[l->kind].ok = false;
            continue;
        }
        Decimal val;
        if (l->has_spent) {
            parts[l->kind].any = true;
            parts[l->kind].ok = in_wan(p, &l->spent, &val)
                && dec_sum_add(&parts[l->kind].spent, val) && parts[l->kind].ok;
        }
        const BudgetLine *b = budget_line_for(sum->budget, l);
        const Quantity *bq = l->has_budget ? &l->budget : b && b->has_amount ? &b->amount : NULL;
        if (bq && quiet_wan(p, bq, &val))
            dec_sum_add(&parts[l->kind].budget, val);
        check_part_rate(c, l, bq);
    }
    /* a table that prints only its sources' rows: 资金总额 is their sum */
    ExecLine implicit = {0};
    int only = parts[BUDGET_SOURCE].any ? BUDGET_SOURCE : BUDGET_NATURE;
    if (!total && !parts[only].any)
        return;
    if (!total) {
        implicit.kind = BUDGET_TOTAL;
        implicit.span = implicit.key = ex->key;
        total = &implicit;
    }
    const BudgetLine *tb = budget_line_for(sum->budget, total);
    const Quantity *bq = total->has_budget ? &total->budget
                         : tb && tb->has_amount ? &tb->amount : NULL;
    Decimal ignored;
    if (!bq && !tb)
        table_amount(p, c->t, &bq, &ignored);   /* a project with only its 项目金额 */
    Decimal spent, budget;
    bool has_spent = total->has_spent && in_wan(p, &total->spent, &spent);
    char buf[DEC_BUFSZ];
    if (total == &implicit && parts[only].ok) {
        dec_sum_format_normal(&parts[only].spent, buf, sizeof buf);
        has_spent = dec_parse(buf, strlen(buf), &spent) == DEC_OK;
    }
    bool has_budget = bq && quiet_wan(p, bq, &budget);
    Diag *sum_diag = NULL;
    /* a 资金总额 its own parts contradict is not what was spent or budgeted:
       the parts are (008 prints 0 beside 89.974), sources before natures */
    bool budget_contradicted = false;
    Diag *budget_diag = NULL;
    for (int k = BUDGET_SOURCE; k <= BUDGET_NATURE; k++) {
        if (!parts[k].any || !parts[k].ok)
            continue;
        if (has_spent && !sum_diag && dec_sum_cmp(&parts[k].spent, spent) != 0) {
            dec_sum_format_normal(&parts[k].spent, buf, sizeof buf);
            sum_diag = diag_report(S(c), RULE_EXECUTION_SUM, total->spent.span,
                                   "全年执行数 of 资金总额 is %s 万元, but its %s add up to %s 万元",
                                   fmt_dec(p, spent),
                                   parts_name(c, k), buf);
            has_spent = dec_parse(buf, strlen(buf), &spent) == DEC_OK;
        }
        DecSum z = DEC_SUM_ZERO;
        if (has_budget && !budget_contradicted && dec_sum_cmp(&parts[k].budget, budget) != 0
            && memcmp(&parts[k].budget, &z, sizeof z) != 0) {
            dec_sum_format_normal(&parts[k].budget, buf, sizeof buf);
            /* the target's own contradiction is reported there; a 全年预算数
               the evaluation states is this block's */
            if (total->has_budget)
                budget_diag = diag_report(S(c), k == BUDGET_SOURCE ? RULE_BUDGET_SOURCE_SUM
                                                                   : RULE_BUDGET_NATURE_SUM,
                                          total->budget.span,
                                          "全年预算数 of 资金总额 is %s 万元, but its %s add up to %s 万元",
                                          fmt_dec(p, budget),
                                          parts_name(c, k), buf);
            has_budget = dec_parse(buf, strlen(buf), &budget) == DEC_OK;
            budget_contradicted = true;
        }
    }
    if (!has_spent || !has_budget)
        return;
    sum->spent_total = spent;
    sum->budget_total = budget;
    sum->exec_max = total->points.text && total->points.ok ? total->points.dec
                                                            : check_param(p, PARAM_WEIGHT_EXECUTION);
    if (dec_sign(budget) <= 0)
        return;
    Decimal m;
    if (dec_mul(spent, dec_from_int(100), &m) != DEC_OK
        || dec_div_round(m, budget, 2, &sum->rate) != DEC_OK
        || !ratio(sum->exec_max, spent, budget, &sum->exec_score))
        return;
    sum->has_rate = sum->has_exec = true;
    bool rate_wrong = total->rate.text && total->rate.ok && !rate_agrees(total, sum->rate);
    bool score_wrong = total->scored.text && total->scored.ok
        && !written_agrees(total->scored.dec, sum->exec_score);
    if (!sum_diag)
        sum_diag = budget_diag;
    if (sum_diag || budget_contradicted) {
        if (sum_diag && score_wrong)
            diag_note(S(c), sum_diag, total->span,
                      "counted from its parts, 执行率 is %s %% and 预算执行率 scores %s, not %s",
                      fmt_dec(p, sum->rate), fmt_dec(p, sum->exec_score), total->scored.text);
        else if (sum_diag && rate_wrong)
            diag_note(S(c), sum_diag, total->span, "counted from its parts, 执行率 is %s %%, not %s",
                      fmt_dec(p, sum->rate), total->rate.text);
        if (score_wrong)
            score_changed(c, sum_diag);
        return;     /* the written rate follows from the contradicted 资金总额 */
    }
    Diag *d = NULL;
    if (rate_wrong) {
        d = diag_report(S(c), RULE_EXECUTION_RATE, total->rate.span,
                        "执行率 is %s %%, not %s: 全年执行数 / 全年预算数 = %s / %s",
                        fmt_dec(p, sum->rate), total->rate.text, total->spent.num.text,
                        bq->num.text);
        if (score_wrong)
            diag_note(S(c), d, total->scored.span, "so 预算执行率 scores %s, not %s",
                      fmt_dec(p, sum->exec_score), total->scored.text);
    } else if (score_wrong) {
        d = diag_report(S(c), RULE_SCORE_MISMATCH, total->scored.span,
                        "预算执行率 scores %s, not %s: 分值 × 执行率 = %s × %s %%",
                        fmt_dec(p, sum->exec_score), total->scored.text,
                        fmt_dec(p, sum->exec_max), fmt_dec(p, sum->rate));
    }
    if (score_wrong)
        score_changed(c, d);
}

/* ===== the whole ===== */

static const char *grade_of(Program *p, Decimal total)
{
    if (dec_cmp(total, check_param(p, PARAM_GRADE_EXCELLENT)) >= 0)
        return "优";
    if (dec_cmp(total, check_param(p, PARAM_GRADE_GOOD)) >= 0)
        return "良";
    if (dec_cmp(total, check_param(p, PARAM_GRADE_PASS)) >= 0)
        return "中";
    return "差";
}

static void check_total(Ev *c)
{
    Program *p = c->p;
    EvalSummary *sum = c->sum;
    Field *res = c->e->field[FIELD_RESULTS];
    DecSum all = DEC_SUM_ZERO, max = DEC_SUM_ZERO;
    bool whole = !c->results_broken && sum->has_exec;
    for (size_t i = 0; res && i < res->lines.len; i++) {
        const Result *r = res->lines.items[i];
        if (!r->has_max)
            continue;
        if (!r->has_score)
            whole = false;
        else
            dec_sum_add(&all, r->score);
        dec_sum_add(&max, r->max);
    }
    char buf[DEC_BUFSZ];
    dec_sum_format(&max, buf, sizeof buf);
    dec_parse(buf, strlen(buf), &sum->indicator_max);
    dec_sum_format(&all, buf, sizeof buf);
    dec_parse(buf, strlen(buf), &sum->indicator_score);
    const Field *grade = c->e->field[FIELD_GRADE];
    const Vocabulary *grades = program_vocab(p, in(p, "eval_grades"));
    const char *g = grade && grade->name.text
        ? vocab_canonical_folded(p, grades, grade->name.text) : NULL;
    if (grade && grade->name.text && !g)
        diag_report(S(c), RULE_GRADE_MISMATCH, grade->name.span,
                    "unknown grade '%s': a 自评 is graded 优, 良, 中 or 差", grade->name.text);
    if (!whole || all.overflow)
        return;
    if (dec_add(sum->indicator_score, sum->exec_score, &sum->total) != DEC_OK)
        return;
    sum->has_total = true;
    sum->grade = grade_of(p, sum->total);
    /* a 自评得分 that adds up the 得分 as written is wrong only through them
       (score-mismatch's findings): their first says what the total becomes */
    DecSum written = DEC_SUM_ZERO;
    const ExecLine *et = exec_total(c->e->field[FIELD_EXECUTION]);
    dec_sum_add(&written, et && et->scored.text && et->scored.ok ? et->scored.dec : sum->exec_score);
    for (size_t i = 0; res && i < res->lines.len; i++) {
        const Result *r = res->lines.items[i];
        if (r->has_score)
            dec_sum_add(&written, r->scored.text && r->scored.ok ? r->scored.dec : r->score);
    }
    const Field *scored = c->e->field[FIELD_SCORED];
    bool follows = scored && scored->num.ok && c->explained
        && dec_sum_cmp(&written, scored->num.dec) == 0;
    if (c->first_mismatch)
        diag_note(S(c), c->first_mismatch, scored ? scored->num.span : c->e->name.span,
                  "with the computed scores, 自评得分 is %s (%s)", fmt_dec(p, sum->total),
                  sum->grade);
    if (follows)
        return;
    if (scored && scored->num.ok && !written_agrees(scored->num.dec, sum->total))
        diag_report(S(c), RULE_GRADE_MISMATCH, scored->num.span,
                    "自评得分 is %s, not %s: 预算执行率 %s + the indicators' %s",
                    fmt_dec(p, sum->total), scored->num.text, fmt_dec(p, sum->exec_score),
                    fmt_dec(p, sum->indicator_score));
    if (g && strcmp(g, sum->grade) != 0)
        diag_report(S(c), RULE_GRADE_MISMATCH, grade->name.span,
                    "a 自评得分 of %s is graded %s, not %s (优 ≥ %s, 良 ≥ %s, 中 ≥ %s)",
                    fmt_dec(p, sum->total), sum->grade, grade->name.text,
                    fmt_dec(p, check_param(p, PARAM_GRADE_EXCELLENT)),
                    fmt_dec(p, check_param(p, PARAM_GRADE_GOOD)),
                    fmt_dec(p, check_param(p, PARAM_GRADE_PASS)));
}

void check_evaluations(Program *p)
{
    PtrMap targets = {0}, evaluated = {0};
    for (size_t i = 0; i < p->user_tables.len; i++) {
        Table *t = p->user_tables.items[i];
        const char *key = table_key(p, t->name.text, year_text(t));
        if (!ptrmap_get(&targets, key))
            ptrmap_put(&targets, key, t);
    }
    for (size_t i = 0; i < p->evaluations.len; i++) {
        Table *e = p->evaluations.items[i];
        Ev c = {p, e, arena_alloc(&p->s->arena, sizeof(EvalSummary)), NULL, false, NULL, false};
        memset(c.sum, 0, sizeof *c.sum);
        e->eval = c.sum;
        c.t = find_target(&c, &targets);
        if (!c.t)
            continue;
        const Table *first = ptrmap_get(&evaluated, c.t);
        if (first) {
            Diag *d = diag_report(p->s, RULE_DUPLICATE_TABLE, e->name.span,
                                  "'%s' of %s is evaluated twice", e->name.text, year_text(e));
            diag_note(p->s, d, first->name.span, "first evaluated here");
            continue;
        }
        ptrmap_put(&evaluated, c.t, e);
        c.sum->target = c.t;
        link_results(&c);
        Field *res = e->field[FIELD_RESULTS];
        for (size_t k = 0; res && k < res->lines.len; k++) {
            Result *r = res->lines.items[k];
            if (r->target)
                score_result(&c, r);
        }
        for (size_t k = 0; res && k < res->lines.len; k++)
            check_missing_reason(&c, res->lines.items[k]);
        check_execution(&c);
        check_points(&c);
        check_total(&c);
    }
    ptrmap_free(&targets);
    ptrmap_free(&evaluated);
}
