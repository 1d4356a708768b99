/* check_indicator: a table's indicator tree. First the categories are
 * placed in the table's framework (aliases resolved to canonical names);
 * then each indicator's operator, value and unit are checked against the
 * unit's dimension (integer counts, bounded ratios, non-negative money).
 * A category that cannot be placed is reported once; the indicators inside
 * it are still checked for everything else. */
#include <string.h>

#include "check.h"

typedef struct Ctx {
    Program *p;
    Table *t;
    const Vocabulary *fw;
    PtrMap seen;                /* indicator name -> first Indicator */
    bool mixed;                 /* 成本指标 at both levels: mixed-framework's finding */
    bool flat;                  /* the framework has no categories (a weighted list) */
} Ctx;

static Session *S(Ctx *c)
{
    return c->p->s;
}

/* ===== categories ===== */

static bool blank_text(const char *s, size_t n);

/* Placeholders are a vocabulary (stdlib/rules.ptl); a name or value that
 * contains one was not filled in. */
static bool is_placeholder(Ctx *c, const char *text)
{
    return text && text_has_any(c->p, text, "placeholders");
}

/* A template's "…" row left in as a category is a placeholder, not a
 * category of some other name: said as such, once. */
static bool placeholder_category(Ctx *c, Category *cat)
{
    if (!is_placeholder(c, cat->name.text))
        return false;
    cat->placeholder = true;
    diag_report(S(c), RULE_PLACEHOLDER, cat->name.span,
                "the category '%s' is the template's placeholder row: fill in the category "
                "and its indicators, or leave the row out", cat->name.text);
    return true;
}

/* A placed category: its canonical name, and the 101号 name the rules know
 * it by when the framework maps its names (<framework>_standard: Sichuan's
 * 项目完成指标 is 产出指标). */
static void place(Ctx *c, Category *cat, const char *canon)
{
    cat->canonical = canon;
    const Vocabulary *std = program_standard_of(c->p, c->fw);
    cat->standard = std ? vocab_canonical(std, canon) : NULL;
}

/* The category mixed-framework reports (成本指标 at the other level) is
 * not also called misplaced. */
static bool left_to_mixed_framework(Ctx *c, const char *canon)
{
    return c->mixed && canon && strcmp(canon, "成本指标") == 0;
}

/* A 一级 cell holding a 二级 name over a 二级 of the same name is one cell
 * merged across both columns (006: 社会公众或服务对象满意度指标 spans the 一级
 * and 二级 of its Hunan template): it stands for the 二级's own 一级. */
static const char *merged_parent(Program *p, const Vocabulary *fw, const Category *cat,
                                 const char *canon)
{
    const char *parent = canon ? ptrmap_get(&fw->parent, canon) : NULL;
    bool any = false;
    for (size_t i = 0; parent && i < cat->items.len; i++) {
        const Category *l2 = cat->items.items[i];
        if (l2->kind != NODE_CATEGORY || vocab_canonical_folded(p, fw, l2->name.text) != canon)
            return NULL;
        any = true;
    }
    return any ? parent : NULL;
}

/* The tail of an unknown-category message: when another framework has the
 * name, that is what the table follows (a provincial 效果指标 is not a typo
 * of 效益指标, however close the spelling); else the closest name of this
 * framework, if one is close. */
static const char *elsewhere(Ctx *c, const char *name, RuleId rule, Span at,
                             const PtrVec *candidates)
{
    for (size_t i = 0; i < c->p->framework_names.len; i++) {
        const Vocabulary *fw = ptrmap_get(&c->p->frameworks, c->p->framework_names.items[i]);
        const char *canon = fw && fw != c->fw ? vocab_canonical_folded(c->p, fw, name) : NULL;
        if (!canon)
            continue;
        return i18n_sprintf(S(c), ": it is a %s category of framework '%s' (%s); if "
                            "the table follows that layout, add `framework %s`",
                             ptrmap_get(&fw->is_top, canon) ? "一级" : "二级", fw->name,
                             fw->decl->label.text ? fw->decl->label.text : fw->name, fw->name);
    }
    return did_you_mean(c->p, rule, at, candidates, name);
}

static void check_level1(Ctx *c, Category *cat)
{
    const char *canon = vocab_canonical_folded(c->p, c->fw, cat->name.text);
    if (left_to_mixed_framework(c, canon))
        return;
    if (canon && ptrmap_get(&c->fw->is_top, canon)) {
        place(c, cat, canon);
        return;
    }
    const char *merged = merged_parent(c->p, c->fw, cat, canon);
    if (merged) {
        place(c, cat, merged);
        return;
    }
    const char *parent = canon ? ptrmap_get(&c->fw->parent, canon) : NULL;
    if (parent) {
        diag_report(S(c), RULE_MISPLACED_CATEGORY, cat->name.span,
                    "'%s' is a 二级 category; it belongs under '%s'", cat->name.text, parent);
        cat->misplaced_as = canon;
        return;
    }
    if (placeholder_category(c, cat))
        return;
    diag_report(S(c), RULE_UNKNOWN_CATEGORY, cat->name.span,
                "unknown 一级 category '%s' in framework '%s'%s", cat->name.text, c->fw->name,
                elsewhere(c, cat->name.text, RULE_UNKNOWN_CATEGORY, cat->name.span, &c->fw->top));
}

/* The 二级 spellings under l1, built once per framework: the list must
 * live as long as the program for its suggestion index (check.h). */
static const PtrVec *children_of(Ctx *c, const char *l1)
{
    Vocabulary *fw = (Vocabulary *)c->fw;
    PtrVec *v = ptrmap_get(&fw->children, l1);
    if (v)
        return v;
    v = arena_alloc(&S(c)->arena, sizeof *v);
    for (size_t i = 0; i < fw->spellings.len; i++) {
        const char *sp = fw->spellings.items[i];
        const char *canon = vocab_canonical(fw, sp);
        if (ptrmap_get(&fw->parent, canon) == l1)
            ptrvec_push(&S(c)->arena, v, (void *)sp);
    }
    ptrmap_put(&fw->children, l1, v);
    return v;
}

/* The one 二级 of l1, or NULL when it has none or several. */
static const char *only_child(Ctx *c, const char *l1)
{
    const PtrVec *v = children_of(c, l1);
    const char *only = NULL;
    for (size_t i = 0; i < v->len; i++) {
        const char *canon = vocab_canonical(c->fw, v->items[i]);
        if (only && canon != only)
            return NULL;
        only = canon;
    }
    return only;
}

static void check_level2(Ctx *c, const Category *l1, Category *cat)
{
    const char *canon = vocab_canonical_folded(c->p, c->fw, cat->name.text);
    const char *parent = canon ? ptrmap_get(&c->fw->parent, canon) : NULL;
    if (parent && parent == l1->canonical) {
        place(c, cat, canon);
        return;
    }
    /* Templates that merge the 一级 and 二级 cells print 满意度指标 ›
       满意度指标: the 一级 named again stands for its only 二级. */
    const char *only = canon && canon == l1->canonical ? only_child(c, canon) : NULL;
    if (only) {
        place(c, cat, only);
        return;
    }
    if (left_to_mixed_framework(c, canon))
        return;
    if (parent) {
        diag_report(S(c), RULE_MISPLACED_CATEGORY, cat->name.span,
                    "'%s' does not belong under '%s'; it belongs under '%s'", cat->name.text,
                    l1->name.text, parent);
    } else if (canon) {
        diag_report(S(c), RULE_MISPLACED_CATEGORY, cat->name.span,
                    "'%s' is a 一级 category; it cannot be nested under '%s'", cat->name.text,
                    l1->name.text);
    } else if (!placeholder_category(c, cat)) {
        diag_report(S(c), RULE_UNKNOWN_CATEGORY, cat->name.span,
                    "unknown 二级 category '%s' under '%s'%s", cat->name.text, l1->name.text,
                    elsewhere(c, cat->name.text, RULE_UNKNOWN_CATEGORY, cat->name.span,
                              children_of(c, l1->canonical)));
    }
}

/* ===== values ===== */


static void check_qualitative(Ctx *c, const Indicator *ind)
{
    if (ind->value.kind == VAL_NONE)
        return;     /* a blank target is missing-value's */
    if (ind->op == OP_QUAL) {
        if (ind->value.kind != VAL_TEXT)
            diag_report(S(c), RULE_QUALITATIVE_WITH_UNIT, ind->value.span,
                        "a 定性 (qualitative) target is text, e.g. 定性 \"达到\"; "
                        "for a number use >=, <= or =");
        else if (ind->unit.text)
            diag_report(S(c), RULE_QUALITATIVE_WITH_UNIT, ind->unit.span,
                        "a 定性 (qualitative) value takes no unit, but '%s' is given",
                        ind->unit.text);
        else if (ind->more->unit_column.text)
            diag_report(S(c), RULE_QUALITATIVE_WITH_UNIT, ind->more->unit_column.span,
                        "a 定性 (qualitative) value takes no unit, but its 计量单位 is '%s'",
                        ind->more->unit_column.text);
    } else if (ind->value.kind == VAL_TEXT && ind->op != OP_NONE && ind->op != OP_QUANT
               && !value_malformed(ind)) {
        /* (without an operator it is missing-operator's, under 定量
         * quant-not-number's finding) */
        diag_report(S(c), RULE_QUALITATIVE_WITH_UNIT, ind->op_span,
                    "'%s' compares numbers, but the value \"%s\" is text; write 定性 \"%s\" "
                    "for a qualitative target", op_ascii(ind->op), ind->value.text.text,
                    ind->value.text.text);
    }
}

static const UnitDef *indicator_unit(Ctx *c, const Indicator *ind)
{
    if (!ind->unit.text) {
        diag_report(S(c), RULE_MISSING_UNIT, ind->value.span,
                    "the value %s of '%s' has no unit (e.g. 人, 次, %%, 万元)",
                    ind->value.lo.text, ind->name.text);
        return NULL;
    }
    const UnitDef *u = program_unit(c->p, ind->unit.text);
    if (!u && ind->unit.text[0] == '/')
        diag_report(S(c), RULE_UNKNOWN_UNIT, ind->unit.span,
                    "unit '%s' has no numerator: a unit cost is money per something, e.g. 元%s",
                    ind->unit.text, ind->unit.text);
    else if (!u)
        diag_report(S(c), RULE_UNKNOWN_UNIT, ind->unit.span, "unknown unit '%s'%s",
                    ind->unit.text, did_you_mean(c->p, RULE_UNKNOWN_UNIT, ind->unit.span,
                                                 &c->p->unit_names, ind->unit.text));
    return u;
}

static void check_bounds(Ctx *c, const Indicator *ind, const UnitDef *u, const Number *n)
{
    const Dimension *d = u->dim;
    Decimal base;
    if (!n->ok)
        return;
    if (dec_mul(n->dec, u->factor, &base) != DEC_OK) {
        diag_report(S(c), RULE_ARITHMETIC_OVERFLOW, n->span,
                    "%s %s is too large to convert exactly", n->text, u->symbol);
        return;
    }
    if (!d) {   /* a unit cost such as 元/人: never below zero */
        if (dec_sign(n->dec) < 0)
            diag_report(S(c), RULE_NEGATIVE_VALUE, n->span, "%s %s is below zero; a unit cost "
                        "cannot be negative", n->text, u->symbol);
        return;
    }
    if (d->integer && !dec_is_integer(base))   /* 1.5 万人次 is 15000 人次 */
        diag_report(S(c), RULE_NON_INTEGER_COUNT, n->span,
                    "'%s' counts whole %s, but the value is %s", ind->name.text, u->symbol, n->text);
    if (d->has_min && ind->op == OP_LT && dec_cmp(base, d->min) <= 0) {
        diag_report(S(c), RULE_NEGATIVE_VALUE, ind->op_span, "'< %s %s' cannot be met: %s "
                    "is never below %s", n->text, u->symbol, d->label, n->text);
        return;
    }
    if (d->has_max && ind->op == OP_GT && dec_cmp(base, d->max) >= 0) {
        diag_report(S(c), RULE_RATIO_OUT_OF_RANGE, ind->op_span, "'> %s %s' cannot be met: "
                    "nothing is more than the whole", n->text, u->symbol);
        return;
    }
    if (d->has_min && dec_cmp(base, d->min) < 0) {
        diag_report(S(c), RULE_NEGATIVE_VALUE, n->span, "%s %s is below zero; %s cannot be negative",
                    n->text, u->symbol, d->label);
        return;
    }
    if (!d->has_max || dec_cmp(base, d->max) <= 0)
        return;
    bool growth = text_has_any(c->p, ind->key, "growth_words");
    if (growth)
        diag_report_as(S(c), RULE_RATIO_OUT_OF_RANGE, SEV_WARNING, n->span,
                       "%s %s is outside 0..100 %% (allowed for growth, but check it)", n->text,
                       u->symbol);
    else
        diag_report_as(S(c), RULE_RATIO_OUT_OF_RANGE, SEV_ERROR, n->span,
                       "%s %s is outside 0..100 %%", n->text, u->symbol);
}

/* A bare word where a value belongs: a placeholder left from the template,
 * a forgotten number before the unit, or text without quotes. */
static void check_word_value(Ctx *c, const Indicator *ind)
{
    const Value *v = &ind->value;
    if (is_placeholder(c, v->text.text))
        diag_report(S(c), RULE_PLACEHOLDER, v->span,
                    "the value '%s' is a template placeholder: fill in the target", v->text.text);
    else if (program_unit(c->p, v->text.text))
        diag_report(S(c), RULE_SYNTAX, v->span, "the value is missing: '%s' is a unit",
                    v->text.text);
    else
        diag_report(S(c), RULE_SYNTAX, v->span, "text must be quoted: write \"%s\"", v->text.text);
}

static void check_value(Ctx *c, const Indicator *ind)
{
    const Value *v = &ind->value;
    if (v->kind == VAL_WORD) {
        check_word_value(c, ind);
        return;
    }
    check_qualitative(c, ind);
    if (v->kind == VAL_DATE || v->kind == VAL_DATES) {
        if (ind->unit.text)
            diag_report(S(c), RULE_UNIT_DIMENSION, ind->unit.span, "a date takes no unit");
        return;
    }
    if (v->kind == VAL_TEXT || v->kind == VAL_NONE)
        return;
    if (v->kind == VAL_RANGE && v->lo.ok && v->hi.ok && dec_cmp(v->lo.dec, v->hi.dec) > 0)
        diag_report(S(c), RULE_INVERTED_RANGE, v->span, "range %s..%s runs backwards: write %s..%s",
                    v->lo.text, v->hi.text, v->hi.text, v->lo.text);
    if (ind->op == OP_QUAL)
        return;
    const UnitDef *u = indicator_unit(c, ind);
    if (!u)
        return;
    check_bounds(c, ind, u, &v->lo);
    if (v->kind == VAL_RANGE)
        check_bounds(c, ind, u, &v->hi);
}

/* Only a number (009's "88", "-1", full-width "８８"): a template's row
 * number or score, not a name. */
static bool numeric_name(const char *s)
{
    bool digit = false;
    size_t n = s ? strlen(s) : 0;
    uint32_t cp;
    for (size_t i = 0, k; i < n; i += k) {
        k = utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            return false;
        if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
            digit = true;
        else if (cp != '.' && cp != ' ' && cp != '-' && cp != 0xFF0E && cp != 0x3000)
            return false;
    }
    return digit;
}

static void check_numeric_name(Ctx *c, const Indicator *ind)
{
    if (!numeric_name(ind->name.text))
        return;
    diag_report(S(c), RULE_NUMERIC_INDICATOR_NAME, ind->name.span,
                "indicator '%s' is named by a number: name what is measured (三级指标)",
                ind->name.text);
}

/* Rows without a real name (blank, "……", "88") are not the same indicator
 * twice: each is reported for its name already. */
static void check_duplicate_indicator(Ctx *c, Indicator *ind)
{
    if (blank_text(ind->name.text, ind->name.len) || is_placeholder(c, ind->name.text)
        || numeric_name(ind->name.text))
        return;
    const char *key = intern(&S(c)->names, ind->name.text, ind->name.len);
    const Indicator *first = ptrmap_get(&c->seen, key);
    if (!first) {
        ptrmap_put(&c->seen, key, ind);
        return;
    }
    Diag *d = diag_report(S(c), RULE_DUPLICATE_INDICATOR, ind->name.span,
                          "indicator '%s' appears twice in '%s'", ind->name.text, c->t->name.text);
    diag_note(S(c), d, first->name.span, "first given here");
}

/* ===== tree walk ===== */

static bool is_cost(Ctx *c, const Category *cat)
{
    const char *canon = vocab_canonical_folded(c->p, c->fw, cat->name.text);
    return canon && strcmp(canon, "成本指标") == 0;
}

/* 成本指标 as a 一级 category and as a 二级 one in the same table. */
static bool cost_at_both_levels(Ctx *c, const Category *root)
{
    bool top = false, nested = false;
    for (size_t i = 0; i < root->items.len; i++) {
        const Category *l1 = root->items.items[i];
        if (l1->kind != NODE_CATEGORY)
            continue;
        top = top || is_cost(c, l1);
        for (size_t k = 0; k < l1->items.len; k++) {
            const Category *l2 = l1->items.items[k];
            nested = nested || (l2->kind == NODE_CATEGORY && is_cost(c, l2));
        }
    }
    return top && nested;
}

/* ===== the target: operator, value, name ===== */

/* Blank or only spaces (ASCII, or the full-width U+3000). */
static bool blank_text(const char *s, size_t n)
{
    for (size_t i = 0, k; s && i < n; i += k) {
        uint32_t cp;
        k = utf8_decode(s + i, n - i, &cp);
        /* the spaces an export leaves: no-break (U+00A0), the typographic
           and zero-width ones, the full-width U+3000, a stray BOM */
        if (k == 0 || (cp != ' ' && cp != '\t' && cp != 0x3000 && cp != 0xA0 && cp != 0xFEFF
                       && !(cp >= 0x2000 && cp <= 0x200B) && cp != 0x202F && cp != 0x205F))
            return false;
    }
    return true;
}

static bool is_named_cat(const Category *cat, const char *name)
{
    return cat && cat->canonical && strcmp(cat->canonical, name) == 0;
}

/* The operator a value printed without one most likely means: 定性 for
 * text, ≤ for a cost or for what should fall (投诉率, 误差率), else ≥ (a
 * count, a rate, a satisfaction to reach at least). */
Op likely_op(Program *p, const Indicator *ind, const Category *l1, const Category *l2)
{
    if (ind->value.kind == VAL_TEXT || ind->value.kind == VAL_WORD)
        return OP_QUAL;
    if (ind->value.kind == VAL_DATE)
        return OP_LE;   /* a deadline: by then */
    if (ind->value.kind == VAL_DATES || ind->value.kind == VAL_RANGE)
        return OP_EQ;   /* within the range, or the period itself */
    if (is_named_cat(l1, "成本指标") || is_named_cat(l2, "成本指标")
        || text_has_any(p, ind->key, "lower_is_better_words"))
        return OP_LE;
    return OP_GE;
}

static const char *likely_operator(Ctx *c, const Indicator *ind, const Category *l1,
                                   const Category *l2)
{
    return op_symbol(likely_op(c->p, ind, l1, l2));
}

/* missing-operator: a target printed without its 指标值类型, or with only
 * 定量, which says a number is measured but not in which direction. (定量
 * with text is quant-not-number's.) */
static void check_missing_operator(Ctx *c, const Indicator *ind, const Category *l1,
                                   const Category *l2)
{
    if (ind->value.kind == VAL_NONE)
        return;
    if (ind->op == OP_QUANT && ind->value.kind != VAL_TEXT && ind->value.kind != VAL_WORD) {
        const char *op = likely_operator(c, ind, l1, l2);
        Diag *d = diag_report(S(c), RULE_MISSING_OPERATOR, ind->op_span,
                              "'%s' is only 定量 (quantitative): write %s instead, or = when "
                              "exactly this value is meant", ind->name.text, op);
        diag_fix(S(c), d, ind->op_span, op);
        return;
    }
    if (ind->op != OP_NONE || value_malformed(ind))
        return;
    const char *op = likely_operator(c, ind, l1, l2);
    Diag *d = strcmp(op, "=") == 0
        ? diag_report(S(c), RULE_MISSING_OPERATOR, ind->value.span,
                      "the target of '%s' has no operator (指标值类型): write = before it",
                      ind->name.text)
        : diag_report(S(c), RULE_MISSING_OPERATOR, ind->value.span,
                      "the target of '%s' has no operator (指标值类型): write %s before it, or = "
                      "when exactly this value is meant", ind->name.text, op);
    /* the likely operator, written out: what the table means in almost every case */
    diag_fix(S(c), d, (Span){ind->value.span.file, ind->value.span.start, ind->value.span.start},
             arena_sprintf(&S(c)->arena, "%s ", op));
}

/* missing-value: the value cell is blank. */
static void check_missing_value(Ctx *c, const Indicator *ind)
{
    if (ind->value.kind != VAL_NONE || ind->broken)
        return;     /* (a line the parser could not read is syntax's finding) */
    diag_report(S(c), RULE_MISSING_VALUE, ind->name.span,
                "indicator '%s' has no target value: fill in what is to be reached",
                ind->name.text);
}

static void check_empty_name(Ctx *c, const Indicator *ind)
{
    if (!blank_text(ind->name.text, ind->name.len))
        return;
    diag_report(S(c), RULE_EMPTY_INDICATOR_NAME, ind->name.span,
                "an indicator with no name: name what is measured (三级指标)");
}

static void check_malformed_value(Ctx *c, const Indicator *ind)
{
    if (!value_malformed(ind))
        return;
    diag_report(S(c), RULE_MALFORMED_VALUE, ind->value.span,
                "the target of '%s' is \"%s\", which reads as neither a number with its unit "
                "nor a text target (garbled in the export?): write it as the source table "
                "means it, e.g. ≥ 99 %%", ind->name.text, ind->value.text.text);
}

/* quant-not-number: 定量 says a number is measured, but the value is text. */
static void check_quant_not_number(Ctx *c, const Indicator *ind)
{
    if (ind->op != OP_QUANT || (ind->value.kind != VAL_TEXT && ind->value.kind != VAL_WORD)
        || value_malformed(ind))
        return;
    diag_report(S(c), RULE_QUANT_NOT_NUMBER, ind->value.span,
                "'%s' is 定量 (quantitative), but its value \"%s\" is not a number: give the "
                "number to reach, or mark it 定性", ind->name.text, ind->value.text.text);
}

/* unit-column-mismatch: the value carries one unit, the 计量单位 column
 * another (28.8萬元 with % in the column). Units that are the same unit
 * under two spellings agree. */
static void check_unit_column(Ctx *c, const Indicator *ind)
{
    const char *col = ind->more->unit_column.text, *own = ind->unit.text;
    if (!col || !own || col == own)
        return;
    const UnitDef *a = program_unit(c->p, col), *b = program_unit(c->p, own);
    if (!a && col[0] != '/') {
        diag_report(S(c), RULE_UNKNOWN_UNIT, ind->more->unit_column.span,
                    "unknown unit '%s' in the 计量单位 of '%s'%s", col, ind->name.text,
                    did_you_mean(c->p, RULE_UNKNOWN_UNIT, ind->more->unit_column.span,
                                 &c->p->unit_names, col));
        return;
    }
    if (a && b && a->base == b->base && dec_cmp(a->factor, b->factor) == 0)
        return;
    Diag *d = diag_report(S(c), RULE_UNIT_COLUMN_MISMATCH, ind->more->unit_column.span,
                          "the 计量单位 of '%s' is '%s', but its value is in '%s': one of them "
                          "is wrong", ind->name.text, col, own);
    diag_note(S(c), d, ind->unit.span, "the value's unit is here");
}

static void visit(Ctx *c, Category *cat, int depth, const Category *l1);

static void visit_item(Ctx *c, void *item, int depth, const Category *l1, const Category *l2)
{
    if (((Category *)item)->kind == NODE_CATEGORY) {
        visit(c, item, depth + 1, l1);
        return;
    }
    Indicator *ind = item;
    /* 定性 "" is a blank cell quoted: no target, like one left empty */
    if (ind->value.kind == VAL_TEXT && blank_text(ind->value.text.text, ind->value.text.len))
        ind->value.kind = VAL_NONE;
    ind->key = program_fold(c->p, ind->name.text);
    ind->value_key = program_fold(c->p, ind->value.text.text);
    bool placed_parent = depth == 0 || !c->fw || (l1 && l1->canonical);
    if (depth < 2 && placed_parent && !c->flat && l1)
        diag_report(S(c), RULE_MISPLACED_CATEGORY, ind->name.span,
                    "indicator '%s' must sit inside a 二级 category of '%s'", ind->name.text,
                    l1->name.text);
    else if (depth < 2 && placed_parent && !c->flat)
        diag_report(S(c), RULE_MISPLACED_CATEGORY, ind->name.span,
                    "indicator '%s' must sit inside a 二级 category", ind->name.text);
    check_empty_name(c, ind);
    check_numeric_name(c, ind);
    check_duplicate_indicator(c, ind);
    check_missing_value(c, ind);
    check_missing_operator(c, ind, l1, l2);
    check_quant_not_number(c, ind);
    check_malformed_value(c, ind);
    check_unit_column(c, ind);
    check_value(c, ind);
}

static void visit(Ctx *c, Category *cat, int depth, const Category *l1)
{
    if (depth == 1 && c->fw)
        check_level1(c, cat);
    else if (depth == 2 && c->fw && l1->canonical)
        check_level2(c, l1, cat);
    else if (depth == 3)    /* deeper levels are the same mistake again */
        diag_report(S(c), RULE_MISPLACED_CATEGORY, cat->name.span,
                    "'%s' is nested too deep: indicator trees have two category levels "
                    "(一级 › 二级) above the indicators", cat->name.text);
    for (size_t i = 0; i < cat->items.len; i++)
        visit_item(c, cat->items.items[i], depth, depth == 1 ? cat : l1, depth == 2 ? cat : NULL);
}

/* ===== framework-mismatch ===== */

/* How many categories of the tree fw cannot place (a 一级 that is not one of
 * its 一级, a 二级 not under its 一级); a flat framework places none. */
static size_t misplaced_in(Program *p, const Vocabulary *fw, const Category *root)
{
    size_t bad = 0;
    for (size_t i = 0; i < root->items.len; i++) {
        const Category *l1 = root->items.items[i];
        if (l1->kind != NODE_CATEGORY)
            continue;
        const char *c1 = vocab_canonical_folded(p, fw, l1->name.text);
        if (c1 && !ptrmap_get(&fw->is_top, c1) && merged_parent(p, fw, l1, c1))
            c1 = merged_parent(p, fw, l1, c1);
        if (!c1 || !ptrmap_get(&fw->is_top, c1)) {
            bad++;
            continue;
        }
        for (size_t k = 0; k < l1->items.len; k++) {
            const Category *l2 = l1->items.items[k];
            if (l2->kind != NODE_CATEGORY)
                continue;
            const char *c2 = vocab_canonical_folded(p, fw, l2->name.text);
            /* (满意度指标 › 满意度指标: the 一级 again stands for its 二级) */
            bad += !c2 || (ptrmap_get(&fw->parent, c2) != c1 && c2 != c1);
        }
    }
    return bad;
}

static bool has_categories(const Category *root)
{
    for (size_t i = 0; i < root->items.len; i++)
        if (((const Category *)root->items.items[i])->kind == NODE_CATEGORY)
            return true;
    return false;
}

/* A tree that the framework in force cannot place but another framework
 * places whole is that framework's: said once, with the fix, and the tree is
 * then checked against it (instead of one unknown-category per category). */
static void check_framework_fit(Program *p, Table *t, const Field *f)
{
    const Vocabulary *fw = t->framework;
    if (!fw || !has_categories(f->root) || misplaced_in(p, fw, f->root) == 0
        || diag_any_within(p->s, RULE_SYNTAX, f->span))
        return;
    for (size_t i = 0; i < p->framework_names.len; i++) {
        const Vocabulary *other = ptrmap_get(&p->frameworks, p->framework_names.items[i]);
        if (!other || other == fw || other->top.len == 0 || misplaced_in(p, other, f->root))
            continue;
        const char *title = other->decl->label.text ? other->decl->label.text : other->name;
        diag_report(p->s, RULE_FRAMEWORK_MISMATCH, f->key,
                    "this tree is framework '%s' (%s), not '%s': add `framework %s` to the "
                    "table", other->name, title, fw->name, other->name);
        t->framework = other;
        return;
    }
}

void check_indicators(Program *p, Table *t)
{
    Field *f = t->field[FIELD_INDICATORS];
    if (!f)
        return;
    check_framework_fit(p, t, f);
    Ctx c = {p, t, t->framework, {0}, false, false};
    c.flat = c.fw && c.fw->top.len == 0;
    c.mixed = c.fw && cost_at_both_levels(&c, f->root);
    visit(&c, f->root, 0, NULL);
    ptrmap_free(&c.seen);
}
