/* lsp_hover: textDocument/hover, in Markdown. An indicator shows its row as
 * the table prints it (一级 | 二级 | 三级 | 指标值) and, under 成本指标, what
 * the tree's costs add up to beside the table's amount, what its unit
 * measures and, when weighted, what the tree's weights add up to; a unit its
 * dimension and factor; a category its place in the framework; a rule (in
 * an allow, settings, or any word that is one) its explanation. Everything
 * is read from the last check, so what hover says is what the checker
 * saw. */
#include <string.h>

#include "check.h"
#include "explain.h"
#include "lsp_find.h"
#include "lsp_internal.h"

/* Text placed in Markdown as itself: the characters Markdown (and a table
 * cell) would read as syntax are escaped. */
static void md(StrBuf *sb, const char *text)
{
    for (const char *c = text ? text : ""; *c; c++) {
        if (strchr("\\`*_[]<>|#", *c))
            strbuf_addc(sb, '\\');
        if (*c == '\n' || *c == '\r')
            strbuf_addc(sb, ' ');
        else
            strbuf_addc(sb, *c);
    }
}

static void value_text(StrBuf *sb, const Indicator *ind)
{
    const Value *v = &ind->value;
    const char *op = op_symbol(ind->op);
    if (*op) {
        strbuf_adds(sb, op);
        strbuf_addc(sb, ' ');
    }
    switch (v->kind) {
    case VAL_NUMBER:
        md(sb, v->lo.text);
        break;
    case VAL_RANGE:
        md(sb, v->lo.text), strbuf_adds(sb, "–"), md(sb, v->hi.text);
        break;
    case VAL_TEXT:
    case VAL_WORD:
        md(sb, v->text.text);
        break;
    case VAL_DATE:
        md(sb, v->date.text);
        break;
    case VAL_DATES:
        md(sb, v->date.text), strbuf_adds(sb, "–"), md(sb, v->date2.text);
        break;
    case VAL_NONE:
        break;
    }
    if (ind->unit.text) {
        strbuf_addc(sb, ' ');
        md(sb, ind->unit.text);
    }
}

static void dec_text(StrBuf *sb, Decimal d)
{
    char buf[DEC_BUFSZ];
    dec_format(dec_normalize(d), buf, sizeof buf);
    strbuf_adds(sb, buf);
}

/* The tree holding the hit's indicator: a table may have more than one
 * (a 长期 and a 年度 one), and each sums on its own. */
static const Field *tree_of(const LspHit *h)
{
    const Field *tree = NULL;
    for (size_t i = 0; h->table && i < h->table->fields.len; i++) {
        const Field *f = h->table->fields.items[i];
        if (f->kind == FIELD_INDICATORS && f->span.start <= h->ind->span.start
            && h->ind->span.end <= f->span.end)
            tree = f;
    }
    return tree;
}

/* ===== 成本指标 sums ===== */

typedef struct CostSum {
    Program *p;
    const Category *cost;       /* the 成本指标 category summed */
    Decimal sum;                /* in the money base unit (元) */
    bool ok;
} CostSum;

static void add_cost(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    CostSum *c = ctx;
    const UnitDef *u;
    Decimal base;
    Quantity q = {ind->value.lo, ind->unit, ind->value.span};
    if ((l1 != c->cost && l2 != c->cost) || ind->value.kind != VAL_NUMBER)
        return;
    if (quantity_base(c->p, &q, &u, &base) && u->dim && strcmp(u->dim->name, "money") == 0)
        c->ok = dec_add(c->sum, base, &c->sum) == DEC_OK && c->ok;
}

static bool is_cost(const Category *c)
{
    return c && ((c->canonical && strcmp(c->canonical, "成本指标") == 0)
                 || (c->standard && strcmp(c->standard, "成本指标") == 0));
}

/* "the 成本指标 of this tree add up to X; the table's amount is Y", both
 * in the amount's unit; nothing when there is no money to compare. */
static void cost_sum(LspServer *srv, StrBuf *sb, const LspHit *h)
{
    Program *p = &srv->an->prog;
    const Category *cost = is_cost(h->l1) ? h->l1 : is_cost(h->l2) ? h->l2 : NULL;
    const Field *tree = cost ? tree_of(h) : NULL;
    const Quantity *amount;
    Decimal total, sum, shown;
    const UnitDef *u;
    if (!tree || !tree_amount(p, h->table, tree, &amount, &total) || !amount->unit.text
        || !(u = program_unit(p, amount->unit.text)))
        return;
    CostSum c = {p, cost, dec_from_int(0), true};
    Table t = *h->table;        /* each_indicator reads the tree in force: this one */
    t.field[FIELD_INDICATORS] = (Field *)tree;
    check_each_indicator(&t, add_cost, &c);
    if (!c.ok || dec_div_round(c.sum, u->factor, 6, &sum) != DEC_OK
        || dec_div_round(total, u->factor, 6, &shown) != DEC_OK)
        return;
    StrBuf a = STRBUF_INIT, b = STRBUF_INIT;
    dec_text(&a, sum), strbuf_addc(&a, ' '), strbuf_adds(&a, amount->unit.text);
    dec_text(&b, shown), strbuf_addc(&b, ' '), strbuf_adds(&b, amount->unit.text);
    strbuf_adds(sb, "\n\n");
    strbuf_addf(sb, lsp_text(srv->lang, LT_COST_SUM), strbuf_cstr(&a), strbuf_cstr(&b));
    strbuf_release(&a);
    strbuf_release(&b);
}

typedef struct WeightSum {
    Decimal sum;
    size_t weighted, all;
    bool ok;
} WeightSum;

static void add_weight(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    WeightSum *w = ctx;
    (void)l1, (void)l2;
    w->all++;
    if (!ind->more->has_weight)
        return;
    w->weighted++;
    w->ok = w->ok && ind->more->weight.ok && dec_add(w->sum, ind->more->weight.dec, &w->sum) == DEC_OK;
}

/* "the weights of this tree add up to X of Y", for a weighted indicator:
 * the sum weights-sum checks, as it stands. */
static void weight_sum(LspServer *srv, StrBuf *sb, const LspHit *h)
{
    const Field *tree = tree_of(h);
    if (!h->ind->more->has_weight || !tree)
        return;
    WeightSum w = {dec_from_int(0), 0, 0, true};
    Table t = *h->table;
    t.field[FIELD_INDICATORS] = (Field *)tree;
    check_each_indicator(&t, add_weight, &w);
    if (!w.ok)
        return;
    bool scored = check_tree_scored(tree);
    StrBuf a = STRBUF_INIT, b = STRBUF_INIT;
    dec_text(&a, w.sum);
    dec_text(&b, check_param(&srv->an->prog, scored ? PARAM_SCORE_TOTAL : PARAM_WEIGHTS_TOTAL));
    strbuf_adds(sb, "\n\n");
    strbuf_addf(sb, lsp_text(srv->lang, scored ? LT_SCORE_SUM : LT_WEIGHT_SUM), strbuf_cstr(&a),
                w.weighted, w.all, strbuf_cstr(&b));
    strbuf_release(&a);
    strbuf_release(&b);
}

/* What unit u measures: its dimension, 金额 (money), or a compound's
 * parts, 元 per 人. */
static void measure(LspServer *srv, StrBuf *out, const UnitDef *u)
{
    if (u->dim)
        strbuf_addf(out, "%s (%s)", u->dim->label ? u->dim->label : u->dim->name, u->dim->name);
    else
        strbuf_addf(out, lsp_text(srv->lang, LT_COMPOUND_UNIT), u->num ? u->num->symbol : "?",
                    u->den ? u->den->symbol : "?");
}

/* What the value measures: its unit's dimension, or 定性 for a judgement. */
static void dimension(LspServer *srv, StrBuf *sb, const Indicator *ind)
{
    StrBuf d = STRBUF_INIT;
    const UnitDef *u = ind->unit.text ? program_unit(&srv->an->prog, ind->unit.text) : NULL;
    if (u)
        measure(srv, &d, u);
    else if (ind->op == OP_QUAL || (!ind->unit.text && (ind->value.kind == VAL_TEXT
                                                        || ind->value.kind == VAL_WORD)))
        strbuf_adds(&d, lsp_text(srv->lang, LT_QUALITATIVE));
    if (d.len) {
        strbuf_adds(sb, "\n\n");
        strbuf_addf(sb, lsp_text(srv->lang, LT_DIMENSION), strbuf_cstr(&d));
    }
    strbuf_release(&d);
}

static void indicator(LspServer *srv, StrBuf *sb, const LspHit *h)
{
    const Indicator *ind = h->ind;
    strbuf_adds(sb, "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|\n| ");
    md(sb, h->l1 ? h->l1->name.text : "");
    strbuf_adds(sb, " | ");
    md(sb, h->l2 ? h->l2->name.text : "");
    strbuf_adds(sb, " | ");
    md(sb, ind->name.text);
    strbuf_adds(sb, " | ");
    value_text(sb, ind);
    strbuf_adds(sb, " |");
    if (ind->explanation.text) {
        strbuf_adds(sb, "\n\n指标值说明: ");
        md(sb, ind->explanation.text);
    }
    if (ind->more->has_weight) {
        strbuf_adds(sb, "\n\n权重: ");
        md(sb, ind->more->weight.text);
    }
    if (ind->more->note.text) {
        strbuf_adds(sb, "\n\n备注: ");
        md(sb, ind->more->note.text);
    }
    dimension(srv, sb, ind);
    cost_sum(srv, sb, h);
    weight_sum(srv, sb, h);
}

static void unit(LspServer *srv, StrBuf *sb, const char *name)
{
    const UnitDef *u = program_unit(&srv->an->prog, name);
    if (!u)
        return;
    strbuf_adds(sb, "**"), md(sb, name), strbuf_adds(sb, "**: ");
    if (!u->dim) {
        measure(srv, sb, u);
        return;
    }
    StrBuf dim = STRBUF_INIT;
    measure(srv, &dim, u);
    strbuf_addf(sb, lsp_text(srv->lang, LT_UNIT_OF), strbuf_cstr(&dim));
    strbuf_release(&dim);
    if (u->base && u->base != u) {
        strbuf_adds(sb, "\n\n1 "), md(sb, u->symbol), strbuf_adds(sb, " = ");
        dec_text(sb, u->factor);
        strbuf_addc(sb, ' '), md(sb, u->base->symbol);
    }
    if (u->dim->integer)
        strbuf_adds(sb, "\n\n"), strbuf_adds(sb, lsp_text(srv->lang, LT_WHOLE_NUMBERS));
}

static const Vocabulary *framework_of(LspServer *srv, const Table *t)
{
    return t && t->framework ? t->framework : srv->an->prog.default_framework;
}

static void framework_line(LspServer *srv, StrBuf *sb, const Vocabulary *v)
{
    StrBuf name = STRBUF_INIT;
    strbuf_adds(&name, v->name);
    if (v->decl && v->decl->label.text)
        strbuf_addf(&name, " (%s)", v->decl->label.text);
    strbuf_addf(sb, lsp_text(srv->lang, LT_OF_FRAMEWORK), strbuf_cstr(&name));
    strbuf_release(&name);
}

/* The canonical 二级 of a 一级, from its declaration, joined by spaces. */
static void children(const Vocabulary *v, const char *top, StrBuf *out)
{
    for (size_t i = 0; v->decl && i < v->decl->items.len; i++) {
        const VocabItem *g = v->decl->items.items[i];
        if (g->kind != VOCAB_GROUP || g->name.text != top)
            continue;
        for (size_t k = 0; k < g->items.len; k++) {
            const VocabItem *c = g->items.items[k];
            if (c->kind != VOCAB_ALIAS)
                strbuf_addf(out, "%s%s", out->len ? " " : "", c->name.text);
        }
    }
}

static void category(LspServer *srv, StrBuf *sb, const LspHit *h)
{
    Program *p = &srv->an->prog;
    const Vocabulary *v = framework_of(srv, h->table);
    const char *name = h->cat->name.text;
    strbuf_adds(sb, "**"), md(sb, name), strbuf_adds(sb, "**: ");
    if (!v)
        return;
    const char *canon = vocab_canonical_folded(p, v, name);
    if (!canon) {
        strbuf_addf(sb, lsp_text(srv->lang, LT_NOT_IN_FRAMEWORK), v->name);
        return;
    }
    const char *parent = ptrmap_get(&v->parent, canon);
    if (ptrmap_get(&v->is_top, canon))
        strbuf_adds(sb, lsp_text(srv->lang, LT_LEVEL1));
    else
        strbuf_addf(sb, lsp_text(srv->lang, LT_LEVEL2), parent ? parent : "?");
    if (canon != name)
        strbuf_adds(sb, ", "), strbuf_addf(sb, lsp_text(srv->lang, LT_ALIAS_OF), canon);
    strbuf_adds(sb, " · ");
    framework_line(srv, sb, v);
    StrBuf kids = STRBUF_INIT;
    children(v, canon, &kids);
    if (kids.len) {
        strbuf_adds(sb, "\n\n");
        strbuf_addf(sb, lsp_text(srv->lang, LT_ITS_LEVEL2), strbuf_cstr(&kids));
    }
    strbuf_release(&kids);
}

static void framework(LspServer *srv, StrBuf *sb, const char *name)
{
    const Vocabulary *v = ptrmap_get(&srv->an->prog.frameworks, name);
    if (!v)
        return;
    framework_line(srv, sb, v);
    strbuf_adds(sb, "\n\n");
    for (size_t i = 0; i < v->top.len; i++) {
        StrBuf kids = STRBUF_INIT;
        children(v, v->top.items[i], &kids);
        strbuf_addf(sb, "- **%s**: %s\n", (const char *)v->top.items[i], strbuf_cstr(&kids));
        strbuf_release(&kids);
    }
}

/* A budget line's source or nature: its vocabulary, the name it stands
 * for, the group it is part of (一般公共预算 of 财政拨款). */
static void budget_name(LspServer *srv, StrBuf *sb, const LspHit *h)
{
    Program *p = &srv->an->prog;
    bool source = h->line->kind == BUDGET_SOURCE;
    const Vocabulary *v = program_vocab(
        p, intern_cstr(&p->s->names, source ? "budget_source" : "budget_nature"));
    strbuf_adds(sb, "**"), md(sb, h->name), strbuf_adds(sb, "**: ");
    strbuf_adds(sb, lsp_text(srv->lang, source ? LT_SOURCE : LT_NATURE));
    const char *canon = v ? vocab_canonical_folded(p, v, h->name) : NULL;
    const char *group = canon ? ptrmap_get(&v->parent, canon) : NULL;
    if (canon && canon != h->name)
        strbuf_adds(sb, ", "), strbuf_addf(sb, lsp_text(srv->lang, LT_ALIAS_OF), canon);
    if (group)
        strbuf_adds(sb, ", "), strbuf_addf(sb, lsp_text(srv->lang, LT_PART_OF), group);
}

/* The ASCII word around off (letters, digits, '-', '_'), for a rule named
 * anywhere: in a comment, a string, a settings line the parser lost. */
static Span word_at(const SourceFile *f, uint32_t file, uint32_t off)
{
#define WORDCH(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') \
                   || ((c) >= '0' && (c) <= '9') || (c) == '-' || (c) == '_')
    uint32_t a = off, b = off;
    while (a > 0 && WORDCH(f->text[a - 1]))
        a--;
    while (b < f->len && WORDCH(f->text[b]))
        b++;
#undef WORDCH
    return (Span){file, a, b};
}

static void rule(LspServer *srv, StrBuf *sb, RuleId r)
{
    explain_plain(sb, srv->lang, r);
}

json_t *lsp_hover(LspServer *srv, json_t *params, LspFail *fail)
{
    uint32_t file;
    size_t at;
    if (!lsp_param_at(srv, params, &file, &at, fail))
        return NULL;
    uint32_t off = (uint32_t)at;
    LspHit h = lsp_find(&srv->an->prog, file, off);
    StrBuf sb = STRBUF_INIT;
    char name[96];
    RuleId r;
    if (h.kind == HIT_NONE) {
        const SourceFile *f = session_file(&srv->an->s, file);
        h.span = word_at(f, file, off);
        snprintf(name, sizeof name, "%.*s", (int)(h.span.end - h.span.start), f->text + h.span.start);
        if (h.span.end - h.span.start < sizeof name && (r = rule_lookup(name)) != RULE_COUNT)
            rule(srv, &sb, r);
    } else if (h.kind == HIT_INDICATOR) {
        indicator(srv, &sb, &h);
    } else if (h.kind == HIT_UNIT) {
        unit(srv, &sb, h.name);
    } else if (h.kind == HIT_CATEGORY) {
        category(srv, &sb, &h);
    } else if (h.kind == HIT_RULE && (r = rule_lookup(h.name)) != RULE_COUNT) {
        rule(srv, &sb, r);
    } else if (h.kind == HIT_FRAMEWORK) {
        framework(srv, &sb, h.name);
    } else if (h.kind == HIT_BUDGET_NAME) {
        budget_name(srv, &sb, &h);
    }
    json_t *result = NULL;
    if (sb.len) {
        json_t *contents = json_object();
        json_object_set_new(contents, "kind", lsp_jstr("markdown"));
        json_object_set_new(contents, "value", lsp_jstrn(sb.buf, sb.len));
        result = json_object();
        json_object_set_new(result, "contents", contents);
        json_object_set_new(result, "range", lsp_range_json(srv, h.span));
    }
    strbuf_release(&sb);
    return result;
}
