/* emit_json: the checked model as JSON (documented in docs/json.md).
 * Amounts and values are JSON strings holding the exact decimal text, since
 * most JSON readers turn numbers into binary doubles (0.1 + 0.2 != 0.3);
 * positions are 1-based lines and columns in code points. Stdlib files are
 * not emitted: the model is the user's tables. */
#include <string.h>

#include "check.h"
#include "emit.h"
#include "json.h"

typedef struct Out {
    const Program *p;
    JsonWriter w;
} Out;

static void position(Out *o, Span sp)
{
    const SourceFile *f = session_file(o->p->s, sp.file);
    uint32_t line = 0, col = 0;
    if (f)
        src_line_col(f, sp.start, &line, &col);
    jw_key(&o->w, "line");
    jw_int(&o->w, line);
    jw_key(&o->w, "column");
    jw_int(&o->w, col);
}

/* Years are whole numbers by the time a model is emitted (invalid-year is an
 * error), so they are JSON integers. */
static void year_member(Out *o, const char *key, const Number *n)
{
    jw_key(&o->w, key);
    if (n && n->ok && dec_is_integer(n->dec))
        jw_int(&o->w, (long long)dec_normalize(n->dec).coef);
    else
        jw_null(&o->w);
}

static void text_member(Out *o, const char *key, const Text *t)
{
    jw_key(&o->w, key);
    if (t->text)
        jw_string(&o->w, t->text, t->len);
    else
        jw_null(&o->w);
}

static void quantity(Out *o, const char *key, const Quantity *q)
{
    jw_key(&o->w, key);
    jw_begin_object(&o->w);
    jw_key(&o->w, "value");
    jw_cstring(&o->w, q->num.text);
    jw_key(&o->w, "unit");
    jw_cstring(&o->w, q->unit.text);
    position(o, q->span);
    jw_end_object(&o->w);
}

/* ===== budget ===== */

/* The legacy arrays (budget.sources, .natures, funding) keep their shape:
 * a blank amount is a cell not written, so it is left out, as before. */
static void legacy_line(Out *o, const BudgetLine *l)
{
    jw_begin_object(&o->w);
    jw_key(&o->w, "name");
    jw_cstring(&o->w, l->canonical ? l->canonical : l->name.text);
    jw_key(&o->w, "written");
    jw_cstring(&o->w, l->name.text);
    jw_key(&o->w, "value");
    jw_cstring(&o->w, l->amount.num.text);
    jw_key(&o->w, "unit");
    jw_cstring(&o->w, l->amount.unit.text);
    position(o, l->span);
    jw_end_object(&o->w);
}

static void budget_lines(Out *o, const Field *b, BudgetLineKind kind, const char *key)
{
    jw_key(&o->w, key);
    jw_begin_array(&o->w);
    for (size_t i = 0; i < b->lines.len; i++) {
        const BudgetLine *l = b->lines.items[i];
        if (l->kind == kind && l->has_amount)
            legacy_line(o, l);
    }
    jw_end_array(&o->w);
}

static void budget(Out *o, const Field *b)
{
    jw_key(&o->w, "budget");
    if (!b) {
        jw_null(&o->w);
        return;
    }
    jw_begin_object(&o->w);
    const BudgetLine *total = budget_total(b);
    if (total && total->has_amount)
        quantity(o, "total", &total->amount);
    budget_lines(o, b, BUDGET_SOURCE, "sources");
    budget_lines(o, b, BUDGET_NATURE, "natures");
    jw_end_object(&o->w);
}

/* A line with everything written: 占比, a blank amount, its own split. */
static void budget_item(Out *o, const BudgetLine *l)
{
    static const char *const kinds[] = {"total", "source", "nature"};
    jw_begin_object(&o->w);
    jw_key(&o->w, "kind");
    jw_cstring(&o->w, kinds[l->kind]);
    jw_key(&o->w, "name");
    jw_cstring(&o->w, l->kind == BUDGET_TOTAL ? NULL : l->canonical ? l->canonical : l->name.text);
    jw_key(&o->w, "written");
    jw_cstring(&o->w, l->name.text);
    jw_key(&o->w, "value");
    jw_cstring(&o->w, l->has_amount ? l->amount.num.text : NULL);
    jw_key(&o->w, "unit");
    jw_cstring(&o->w, l->has_amount ? l->amount.unit.text : NULL);
    if (!l->has_amount) {
        jw_key(&o->w, "blank");
        jw_bool(&o->w, true);
    }
    jw_key(&o->w, "share");
    jw_cstring(&o->w, l->share.text);
    jw_key(&o->w, "parts");
    jw_begin_array(&o->w);
    for (size_t i = 0; i < l->parts.len; i++)
        budget_item(o, l->parts.items[i]);
    jw_end_array(&o->w);
    position(o, l->span);
    jw_end_object(&o->w);
}

static void budget_items(Out *o, const char *key, const PtrVec *lines)
{
    jw_key(&o->w, key);
    jw_begin_array(&o->w);
    for (size_t i = 0; i < lines->len; i++)
        budget_item(o, lines->items[i]);
    jw_end_array(&o->w);
}

/* Every budget block (年度, 中期 ...); main: the one "budget" shows. */
static void budgets(Out *o, const Table *t)
{
    jw_key(&o->w, "budgets");
    jw_begin_array(&o->w);
    const Field *f;
    for (size_t i = 0; (f = emit_next(t, FIELD_BUDGET, &i));) {
        jw_begin_object(&o->w);
        jw_key(&o->w, "figure");
        jw_cstring(&o->w, f->name.text);
        jw_key(&o->w, "main");
        jw_bool(&o->w, f == t->field[FIELD_BUDGET]);
        budget_items(o, "lines", &f->lines);
        position(o, f->span);
        jw_end_object(&o->w);
    }
    jw_end_array(&o->w);
}

/* ===== breakdowns ===== */

/* The 合计 of a block of parts: its first line without a name. */
static const Part *block_total(const PtrVec *parts)
{
    for (size_t i = 0; i < parts->len; i++) {
        const Part *pt = parts->items[i];
        if (!pt->name.text)
            return pt;
    }
    return NULL;
}

static void part_block(Out *o, const PtrVec *parts);

static void part(Out *o, const Part *pt)
{
    jw_begin_object(&o->w);
    text_member(o, "name", &pt->name);
    jw_key(&o->w, "value");
    jw_cstring(&o->w, pt->has_amount ? pt->amount.num.text : NULL);
    jw_key(&o->w, "unit");
    jw_cstring(&o->w, pt->has_amount ? pt->amount.unit.text : NULL);
    text_member(o, "basis", &pt->basis);
    part_block(o, &pt->parts);
    position(o, pt->span);
    jw_end_object(&o->w);
}

/* "parts" (the named ones) and "total" (the 合计, or null). */
static void part_block(Out *o, const PtrVec *parts)
{
    jw_key(&o->w, "parts");
    jw_begin_array(&o->w);
    for (size_t i = 0; i < parts->len; i++) {
        const Part *pt = parts->items[i];
        if (pt->name.text)
            part(o, pt);
    }
    jw_end_array(&o->w);
    const Part *total = block_total(parts);
    if (total && total->has_amount)
        quantity(o, "total", &total->amount);
    else {
        jw_key(&o->w, "total");
        jw_null(&o->w);
    }
}

static void breakdowns(Out *o, const Table *t)
{
    jw_key(&o->w, "breakdowns");
    jw_begin_array(&o->w);
    const Field *f;
    for (size_t i = 0; (f = emit_next(t, FIELD_BREAKDOWN, &i));) {
        jw_begin_object(&o->w);
        text_member(o, "title", &f->text);
        part_block(o, &f->lines);
        position(o, f->span);
        jw_end_object(&o->w);
    }
    jw_end_array(&o->w);
}

/* ===== indicators ===== */

static const char *value_type(ValueKind k)
{
    static const char *const names[] = {"none", "number", "range", "text", "date", "word", "dates"};
    return names[k];
}

static void value(Out *o, const Value *v)
{
    Arena *a = &o->p->s->arena;
    jw_key(&o->w, "value_type");
    jw_cstring(&o->w, value_type(v->kind));
    jw_key(&o->w, "value");
    switch (v->kind) {
    case VAL_NUMBER: jw_cstring(&o->w, v->lo.text); break;
    case VAL_TEXT:
    case VAL_WORD: jw_string(&o->w, v->text.text, v->text.len); break;
    case VAL_DATE: jw_cstring(&o->w, emit_iso_date(a, &v->date)); break;
    case VAL_NONE: jw_null(&o->w); break;
    case VAL_DATES: {
        const char *lo = emit_iso_date(a, &v->date), *hi = emit_iso_date(a, &v->date2);
        jw_cstring(&o->w, arena_sprintf(a, "%s..%s", lo, hi));
        jw_key(&o->w, "low");
        jw_cstring(&o->w, lo);
        jw_key(&o->w, "high");
        jw_cstring(&o->w, hi);
        break;
    }
    case VAL_RANGE: {
        StrBuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "%s..%s", v->lo.text, v->hi.text);
        jw_cstring(&o->w, strbuf_cstr(&sb));
        strbuf_release(&sb);
        jw_key(&o->w, "low");
        jw_cstring(&o->w, v->lo.text);
        jw_key(&o->w, "high");
        jw_cstring(&o->w, v->hi.text);
        break;
    }
    }
}

static const char *cat_name(const Category *c)
{
    return c ? (c->canonical ? c->canonical : c->name.text) : NULL;
}

static void indicator(Out *o, const Indicator *ind, const Category *l1, const Category *l2)
{
    jw_begin_object(&o->w);
    jw_key(&o->w, "level1");
    jw_cstring(&o->w, cat_name(l1));
    jw_key(&o->w, "level2");
    jw_cstring(&o->w, cat_name(l2));
    text_member(o, "name", &ind->name);
    jw_key(&o->w, "operator");     /* null: a value printed without one */
    jw_cstring(&o->w, ind->op == OP_NONE ? NULL : op_ascii(ind->op));
    jw_key(&o->w, "symbol");
    jw_cstring(&o->w, op_symbol(ind->op));
    value(o, &ind->value);
    jw_key(&o->w, "unit");
    jw_cstring(&o->w, ind->unit.text);
    text_member(o, "explanation", &ind->explanation);
    text_member(o, "note", &ind->more->note);
    jw_key(&o->w, "weight");
    jw_cstring(&o->w, ind->more->has_weight ? ind->more->weight.text : NULL);
    jw_key(&o->w, "standard");
    jw_cstring(&o->w, ind->more->standard.text);
    jw_key(&o->w, "unit_column");
    jw_cstring(&o->w, ind->more->unit_column.text);
    text_member(o, "scoring", &ind->more->scoring);
    position(o, ind->span);
    jw_end_object(&o->w);
}

static void indicators_of(Out *o, const Category *c, int depth, const Category *l1,
                          const Category *l2)
{
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_INDICATOR)
            indicator(o, (const Indicator *)item, l1, l2);
        else
            indicators_of(o, item, depth + 1, depth == 0 ? item : l1, depth == 1 ? item : l2);
    }
}

/* 分值 of a category: {"low": "50", "high": "50"}, or its band 40..50. */
static void score(Out *o, const Score *sc)
{
    jw_key(&o->w, "score");
    if (!sc->given || !sc->lo.text) {
        jw_null(&o->w);
        return;
    }
    jw_begin_object(&o->w);
    jw_key(&o->w, "low");
    jw_cstring(&o->w, sc->lo.text);
    jw_key(&o->w, "high");
    jw_cstring(&o->w, sc->hi.text ? sc->hi.text : sc->lo.text);
    jw_end_object(&o->w);
}

/* The category tree without the indicators, so empty categories (written
 * in the table but holding nothing) stay visible. */
static void categories(Out *o, const Category *c)
{
    jw_begin_array(&o->w);
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind != NODE_CATEGORY)
            continue;
        jw_begin_object(&o->w);
        jw_key(&o->w, "name");
        jw_cstring(&o->w, cat_name(item));
        jw_key(&o->w, "written");
        jw_cstring(&o->w, item->name.text);
        jw_key(&o->w, "indicator_count");
        jw_int(&o->w, (long long)emit_indicator_count(item));
        score(o, &item->score);
        position(o, item->span);
        jw_key(&o->w, "children");
        categories(o, item);
        jw_end_object(&o->w);
    }
    jw_end_array(&o->w);
}

/* ===== tables ===== */

static void prose(Out *o, const Table *t)
{
    jw_key(&o->w, "duties");
    jw_begin_array(&o->w);
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind == FIELD_DUTY)
            jw_string(&o->w, f->text.text, f->text.len);
    }
    jw_end_array(&o->w);
    jw_key(&o->w, "tasks");
    jw_begin_array(&o->w);
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind != FIELD_TASK)
            continue;
        jw_begin_object(&o->w);
        text_member(o, "name", &f->text);
        text_member(o, "content", &f->text2);
        if (f->has_q)
            quantity(o, "amount", &f->q);
        else {
            jw_key(&o->w, "amount");
            jw_null(&o->w);
        }
        text_member(o, "duty", &f->text3);
        position(o, f->span);
        jw_end_object(&o->w);
    }
    jw_end_array(&o->w);
}

static void field_text(Out *o, const Table *t, FieldKind k, const char *key)
{
    const Field *f = t->field[k];
    Text none = {0};
    text_member(o, key, f ? &f->text : &none);
}

/* 项目实施期 in the shape it was written: years {from, to}, dates {start,
 * end} or a duration {duration: quantity}. */
static void period(Out *o, const Field *pd)
{
    jw_key(&o->w, "period");
    if (!pd) {
        jw_null(&o->w);
        return;
    }
    Arena *a = &o->p->s->arena;
    jw_begin_object(&o->w);
    if (pd->dates) {
        jw_key(&o->w, "start");
        jw_cstring(&o->w, emit_iso_date(a, &pd->date));
        jw_key(&o->w, "end");
        jw_cstring(&o->w, emit_iso_date(a, &pd->date2));
    } else if (pd->has_q) {
        quantity(o, "duration", &pd->q);
    } else {
        year_member(o, "from", &pd->num);
        year_member(o, "to", &pd->num2);
    }
    jw_end_object(&o->w);
}

/* The flat legacy array: a line's own split follows it, as the parts of 财政
 *拨款 did when written as lines of their own; "funding_lines" has them nested. */
static void funding_flat(Out *o, const PtrVec *lines)
{
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *l = lines->items[i];
        if (l->has_amount)
            legacy_line(o, l);
        funding_flat(o, &l->parts);
    }
}

static void funding(Out *o, const Field *fund)
{
    jw_key(&o->w, "funding");
    if (!fund) {
        jw_null(&o->w);
        jw_key(&o->w, "funding_lines");
        jw_null(&o->w);
        return;
    }
    jw_begin_array(&o->w);
    funding_flat(o, &fund->lines);
    jw_end_array(&o->w);
    budget_items(o, "funding_lines", &fund->lines);
}

static void project_fields(Out *o, const Table *t)
{
    field_text(o, t, FIELD_DEPARTMENT, "department");
    const Field *a = t->field[FIELD_AMOUNT];
    if (a)
        quantity(o, "amount", &a->q);
    const Field *c = t->field[FIELD_CATEGORY];
    const Vocabulary *cats = program_vocab(o->p, intern_cstr(&o->p->s->names, "project_category"));
    const char *canon = c ? vocab_canonical(cats, c->name.text) : NULL;
    jw_key(&o->w, "category");
    jw_cstring(&o->w, canon ? canon : c ? c->name.text : NULL);
    jw_key(&o->w, "category_written");
    jw_cstring(&o->w, c ? c->name.text : NULL);
    period(o, t->field[FIELD_PERIOD]);
    field_text(o, t, FIELD_GOAL, "goal");
    funding(o, t->field[FIELD_FUNDING]);
    budget(o, t->field[FIELD_BUDGET]);
}

/* orgs, people, attributes, texts: a label and a value, and for an org its
 * code, for a person the phone. */
static void labelled(Out *o, const Table *t, FieldKind k, const char *key, const char *label,
                     const char *value, const char *extra)
{
    jw_key(&o->w, key);
    jw_begin_array(&o->w);
    const Field *f;
    for (size_t i = 0; (f = emit_next(t, k, &i));) {
        jw_begin_object(&o->w);
        jw_key(&o->w, label);
        jw_cstring(&o->w, f->name.text);
        text_member(o, value, &f->text);
        if (extra)
            text_member(o, extra, &f->text2);
        position(o, f->span);
        jw_end_object(&o->w);
    }
    jw_end_array(&o->w);
}

static void goals(Out *o, const Table *t)
{
    jw_key(&o->w, "goals");
    jw_begin_array(&o->w);
    const Field *f;
    for (size_t i = 0; (f = emit_next(t, FIELD_GOAL, &i));) {
        jw_begin_object(&o->w);
        jw_key(&o->w, "period");
        jw_cstring(&o->w, f->name.text);
        jw_key(&o->w, "main");
        jw_bool(&o->w, f == t->field[FIELD_GOAL]);
        text_member(o, "text", &f->text);
        position(o, f->span);
        jw_end_object(&o->w);
    }
    jw_end_array(&o->w);
}

/* What real tables print besides the seed's form, for both kinds. */
static void form_fields(Out *o, const Table *t)
{
    field_text(o, t, FIELD_CODE, "code");
    labelled(o, t, FIELD_ORG, "orgs", "role", "name", "code");
    labelled(o, t, FIELD_PERSON, "people", "role", "name", "phone");
    labelled(o, t, FIELD_ATTRIBUTE, "attributes", "label", "value", NULL);
    labelled(o, t, FIELD_TEXT, "texts", "label", "text", NULL);
    goals(o, t);
    budgets(o, t);
    breakdowns(o, t);
}

static void tree(Out *o, const Category *root, const char *categories_key,
                 const char *indicators_key)
{
    jw_key(&o->w, categories_key);
    categories(o, root);
    jw_key(&o->w, indicators_key);
    jw_begin_array(&o->w);
    indicators_of(o, root, 0, NULL, NULL);
    jw_end_array(&o->w);
}

/* Every tree (年度, 长期, 中期 ...); main: the one "indicators" shows. */
static void trees(Out *o, const Table *t)
{
    jw_key(&o->w, "indicator_trees");
    jw_begin_array(&o->w);
    const Field *f;
    for (size_t i = 0; (f = emit_next(t, FIELD_INDICATORS, &i));) {
        jw_begin_object(&o->w);
        jw_key(&o->w, "period");
        jw_cstring(&o->w, f->name.text);
        jw_key(&o->w, "main");
        jw_bool(&o->w, f == t->field[FIELD_INDICATORS]);
        tree(o, f->root, "categories", "indicators");
        position(o, f->span);
        jw_end_object(&o->w);
    }
    jw_end_array(&o->w);
}

static void table(Out *o, const Table *t)
{
    const SourceFile *f = session_file(o->p->s, t->file);
    jw_begin_object(&o->w);
    jw_key(&o->w, "kind");
    jw_cstring(&o->w, t->kind == TABLE_DEPARTMENT ? "department" : "project");
    text_member(o, "name", &t->name);
    jw_key(&o->w, "file");
    jw_cstring(&o->w, f->path);
    position(o, t->span);
    const Field *y = t->field[FIELD_YEAR];
    year_member(o, "year", y ? &y->num : NULL);
    const Field *fd = t->field[FIELD_FILED];
    jw_key(&o->w, "filed");
    jw_cstring(&o->w, fd ? emit_iso_date(&o->p->s->arena, &fd->date) : NULL);
    field_text(o, t, FIELD_FILER, "filer");
    field_text(o, t, FIELD_ATTACHMENT, "attachment");
    jw_key(&o->w, "framework");
    jw_cstring(&o->w, t->framework ? t->framework->name : NULL);
    if (t->kind == TABLE_DEPARTMENT) {
        prose(o, t);
        budget(o, t->field[FIELD_BUDGET]);
        field_text(o, t, FIELD_GOAL, "goal");
    } else {
        project_fields(o, t);
    }
    form_fields(o, t);
    const Field *ind = t->field[FIELD_INDICATORS];
    Category empty = {0};
    tree(o, ind ? ind->root : &empty, "categories", "indicators");
    trees(o, t);
    jw_end_object(&o->w);
}

/* ===== self-evaluations ===== */

/* A computed figure (exact, rounded once by the checker), or null. */
static void decimal_member(Out *o, const char *key, bool has, Decimal d)
{
    jw_key(&o->w, key);
    jw_cstring(&o->w, has ? emit_decimal(&o->p->s->arena, d) : NULL);
}

static void number_member(Out *o, const char *key, const Number *n)
{
    jw_key(&o->w, key);
    jw_cstring(&o->w, n->text);
}

static void target_ref(Out *o, const Table *t)
{
    jw_key(&o->w, "target");
    if (!t) {
        jw_null(&o->w);
        return;
    }
    jw_begin_object(&o->w);
    jw_key(&o->w, "kind");
    jw_cstring(&o->w, t->kind == TABLE_DEPARTMENT ? "department" : "project");
    text_member(o, "name", &t->name);
    const Field *y = t->field[FIELD_YEAR];
    year_member(o, "year", y ? &y->num : NULL);
    jw_end_object(&o->w);
}

/* A 全年预算数: the evaluation's own (stated) or its target's, which is in
 * another table (so no position). */
static void budget_amount(Out *o, const EmitExecRow *r)
{
    jw_key(&o->w, "budget");
    if (!r->budget) {
        jw_null(&o->w);
        return;
    }
    jw_begin_object(&o->w);
    jw_key(&o->w, "value");
    jw_cstring(&o->w, r->budget->num.text);
    jw_key(&o->w, "unit");
    jw_cstring(&o->w, r->budget->unit.text);
    jw_key(&o->w, "stated");
    jw_bool(&o->w, r->budget_stated);
    jw_end_object(&o->w);
}

static void exec_line(Out *o, const EmitExecRow *r)
{
    const ExecLine *l = r->line;
    jw_begin_object(&o->w);
    jw_key(&o->w, "kind");
    jw_cstring(&o->w, l->kind == BUDGET_TOTAL    ? "total"
                        : l->kind == BUDGET_SOURCE ? "source" : "nature");
    jw_key(&o->w, "name");
    jw_cstring(&o->w, l->kind == BUDGET_TOTAL ? NULL : l->canonical ? l->canonical : l->name.text);
    jw_key(&o->w, "written");
    jw_cstring(&o->w, l->kind == BUDGET_TOTAL ? NULL : l->name.text);
    if (l->has_spent)
        quantity(o, "spent", &l->spent);
    else {
        jw_key(&o->w, "spent");
        jw_null(&o->w);
    }
    budget_amount(o, r);
    number_member(o, "points", &l->points);
    number_member(o, "rate", &l->rate);
    jw_key(&o->w, "rate_percent");
    if (l->rate.text)
        jw_bool(&o->w, l->rate_percent);
    else
        jw_null(&o->w);
    number_member(o, "scored", &l->scored);
    decimal_member(o, "computed_rate", r->has_rate, r->rate);
    decimal_member(o, "computed_points", r->has_score, r->points);
    decimal_member(o, "computed_score", r->has_score, r->score);
    position(o, l->span);
    jw_end_object(&o->w);
}

/* The grid's row of line l; a line the grid does not show (a second
 * total, not read) gets one with what it writes alone. */
static EmitExecRow row_of(const EmitExecution *x, const ExecLine *l)
{
    for (size_t k = 0; k < x->nrow; k++)
        if (x->row[k].line == l)
            return x->row[k];
    EmitExecRow r;
    memset(&r, 0, sizeof r);
    r.kind = l->kind;
    r.line = l;
    r.budget = l->has_budget ? &l->budget : NULL;
    r.budget_stated = l->has_budget;
    return r;
}

/* Every line as written, in source order; the computed figures are those
 * of the grid the forms print. */
static void execution(Out *o, const Table *e)
{
    EmitExecution x = emit_execution(o->p, e);
    const Field *ex = e->field[FIELD_EXECUTION];
    jw_key(&o->w, "budget_figure");
    jw_cstring(&o->w, x.figure ? emit_period_name(x.figure) : NULL);
    jw_key(&o->w, "execution");
    jw_begin_array(&o->w);
    for (size_t i = 0; ex && i < ex->lines.len; i++) {
        EmitExecRow r = row_of(&x, ex->lines.items[i]);
        exec_line(o, &r);
    }
    jw_end_array(&o->w);
}

static void result_target(Out *o, const Indicator *ind)
{
    jw_key(&o->w, "target");
    if (!ind) {
        jw_null(&o->w);
        return;
    }
    jw_begin_object(&o->w);
    jw_key(&o->w, "operator");
    jw_cstring(&o->w, ind->op == OP_NONE ? NULL : op_ascii(ind->op));
    jw_key(&o->w, "symbol");
    jw_cstring(&o->w, op_symbol(ind->op));
    value(o, &ind->value);
    jw_key(&o->w, "unit");
    jw_cstring(&o->w, ind->unit.text);
    jw_key(&o->w, "weight");
    jw_cstring(&o->w, ind->more->has_weight ? ind->more->weight.text : NULL);
    jw_end_object(&o->w);
}

static void actual(Out *o, const Result *r)
{
    jw_key(&o->w, "actual");
    jw_begin_object(&o->w);
    value(o, &r->actual);
    jw_key(&o->w, "unit");
    jw_cstring(&o->w, r->unit.text);
    jw_end_object(&o->w);
}

static void band(Out *o, const Result *r)
{
    jw_key(&o->w, "band");
    if (!r->has_score || r->method != SCORE_BAND) {
        jw_null(&o->w);
        return;
    }
    jw_begin_object(&o->w);
    jw_key(&o->w, "name");
    jw_cstring(&o->w, r->band);
    decimal_member(o, "low", true, r->band_lo);
    decimal_member(o, "high", true, r->band_hi);
    jw_end_object(&o->w);
}

/* The 分值 in force as written: the result's own, else its target's weight. */
static const char *points_in_force(const Result *r)
{
    if (!r->has_max)
        return NULL;
    return r->points.text && r->points.ok ? r->points.text : r->target->more->weight.text;
}

static void result(Out *o, const Result *r)
{
    jw_begin_object(&o->w);
    text_member(o, "name", &r->name);
    jw_key(&o->w, "level1");
    jw_cstring(&o->w, cat_name(r->l1));
    jw_key(&o->w, "level2");
    jw_cstring(&o->w, cat_name(r->l2));
    result_target(o, r->target);
    actual(o, r);
    jw_key(&o->w, "points");
    jw_cstring(&o->w, points_in_force(r));
    number_member(o, "points_written", &r->points);
    number_member(o, "scored", &r->scored);
    decimal_member(o, "score", r->has_score, r->score);
    jw_key(&o->w, "method");
    jw_cstring(&o->w, emit_score_method(r->has_score ? r->method : SCORE_NONE));
    band(o, r);
    jw_key(&o->w, "shortfall");
    jw_bool(&o->w, r->has_score && r->shortfall);
    text_member(o, "reason", &r->reason);
    text_member(o, "note", &r->note);
    position(o, r->span);
    jw_end_object(&o->w);
}

static void results(Out *o, const Table *e)
{
    const Field *res = e->field[FIELD_RESULTS];
    jw_key(&o->w, "results");
    jw_begin_array(&o->w);
    for (size_t i = 0; res && i < res->lines.len; i++)
        result(o, res->lines.items[i]);
    jw_end_array(&o->w);
}

static void summary(Out *o, const Table *e)
{
    const EvalSummary *sum = emit_eval_summary(e);
    const Field *scored = e->field[FIELD_SCORED], *grade = e->field[FIELD_GRADE];
    jw_key(&o->w, "summary");
    jw_begin_object(&o->w);
    decimal_member(o, "budget_total", sum->has_exec, sum->budget_total);
    decimal_member(o, "spent_total", sum->has_exec, sum->spent_total);
    decimal_member(o, "execution_rate", sum->has_rate, sum->rate);
    decimal_member(o, "execution_points", sum->has_exec, sum->exec_max);
    decimal_member(o, "execution_score", sum->has_exec, sum->exec_score);
    decimal_member(o, "indicator_points", sum->target != NULL, sum->indicator_max);
    decimal_member(o, "indicator_score", sum->target != NULL, sum->indicator_score);
    decimal_member(o, "total", sum->has_total, sum->total);
    jw_key(&o->w, "grade");
    jw_cstring(&o->w, sum->has_total ? sum->grade : NULL);
    jw_key(&o->w, "written_total");
    jw_cstring(&o->w, scored ? scored->num.text : NULL);
    jw_key(&o->w, "written_grade");
    jw_cstring(&o->w, grade ? grade->name.text : NULL);
    jw_end_object(&o->w);
}

static void evaluation(Out *o, const Table *e)
{
    const SourceFile *f = session_file(o->p->s, e->file);
    jw_begin_object(&o->w);
    text_member(o, "name", &e->name);
    jw_key(&o->w, "file");
    jw_cstring(&o->w, f->path);
    position(o, e->span);
    const Field *y = e->field[FIELD_YEAR], *fd = e->field[FIELD_FILED];
    year_member(o, "year", y ? &y->num : NULL);
    jw_key(&o->w, "filed");
    jw_cstring(&o->w, fd ? emit_iso_date(&o->p->s->arena, &fd->date) : NULL);
    field_text(o, e, FIELD_FILER, "filer");
    field_text(o, e, FIELD_CODE, "code");
    target_ref(o, emit_eval_target(e));
    labelled(o, e, FIELD_ORG, "orgs", "role", "name", "code");
    labelled(o, e, FIELD_PERSON, "people", "role", "name", "phone");
    labelled(o, e, FIELD_ATTRIBUTE, "attributes", "label", "value", NULL);
    labelled(o, e, FIELD_TEXT, "texts", "label", "text", NULL);
    execution(o, e);
    field_text(o, e, FIELD_OUTCOME, "outcome");
    results(o, e);
    summary(o, e);
    jw_end_object(&o->w);
}

void emit_json(const Program *p, const EmitOptions *opt, StrBuf *out)
{
    Out o = {p, {0}};
    jw_init(&o.w, out);
    jw_begin_object(&o.w);
    jw_key(&o.w, "ptlc");
    jw_cstring(&o.w, PTLC_VERSION);
    jw_key(&o.w, "format");
    jw_int(&o.w, 1);
    if (opt->with_errors) {     /* only with --allow-errors: say the model is not checked */
        jw_key(&o.w, "errors");
        jw_int(&o.w, (long long)p->s->counts[SEV_ERROR]);
    }
    jw_key(&o.w, "tables");
    jw_begin_array(&o.w);
    for (size_t i = 0; i < p->tables.len; i++) {
        const Table *t = p->tables.items[i];
        if (t->file >= p->nstdlib)
            table(&o, t);
    }
    jw_end_array(&o.w);
    jw_key(&o.w, "evaluations");
    jw_begin_array(&o.w);
    for (size_t i = 0; i < emit_evaluation_count(p); i++)
        evaluation(&o, emit_evaluation(p, i));
    jw_end_array(&o.w);
    jw_end_object(&o.w);
}
