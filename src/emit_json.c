/* emit_json: the checked model as JSON (documented in docs/json.md).
 * Amounts and values are JSON strings holding the exact decimal text, since
 * most JSON readers turn numbers into binary doubles (0.1 + 0.2 != 0.3);
 * positions are 1-based lines and columns in code points. Stdlib files are
 * not emitted: the model is the user's tables. */
#include <string.h>

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
    json_key(&o->w, "line");
    json_int(&o->w, line);
    json_key(&o->w, "column");
    json_int(&o->w, col);
}

/* Years are whole numbers by the time a model is emitted (invalid-year is an
 * error), so they are JSON integers. */
static void year_member(Out *o, const char *key, const Number *n)
{
    json_key(&o->w, key);
    if (n && n->ok && dec_is_integer(n->dec))
        json_int(&o->w, (long long)dec_normalize(n->dec).coef);
    else
        json_null(&o->w);
}

static void text_member(Out *o, const char *key, const Text *t)
{
    json_key(&o->w, key);
    if (t->text)
        json_string(&o->w, t->text, t->len);
    else
        json_null(&o->w);
}

static void quantity(Out *o, const char *key, const Quantity *q)
{
    json_key(&o->w, key);
    json_begin_object(&o->w);
    json_key(&o->w, "value");
    json_cstring(&o->w, q->num.text);
    json_key(&o->w, "unit");
    json_cstring(&o->w, q->unit.text);
    position(o, q->span);
    json_end_object(&o->w);
}

/* ===== budget ===== */

static void budget_lines(Out *o, const Field *b, BudgetLineKind kind, const char *key)
{
    json_key(&o->w, key);
    json_begin_array(&o->w);
    for (size_t i = 0; i < b->lines.len; i++) {
        const BudgetLine *l = b->lines.items[i];
        if (l->kind != kind)
            continue;
        json_begin_object(&o->w);
        json_key(&o->w, "name");
        json_cstring(&o->w, l->canonical ? l->canonical : l->name.text);
        json_key(&o->w, "written");
        json_cstring(&o->w, l->name.text);
        json_key(&o->w, "value");
        json_cstring(&o->w, l->amount.num.text);
        json_key(&o->w, "unit");
        json_cstring(&o->w, l->amount.unit.text);
        position(o, l->span);
        json_end_object(&o->w);
    }
    json_end_array(&o->w);
}

static void budget(Out *o, const Field *b)
{
    json_key(&o->w, "budget");
    if (!b) {
        json_null(&o->w);
        return;
    }
    json_begin_object(&o->w);
    for (size_t i = 0; i < b->lines.len; i++) {
        const BudgetLine *l = b->lines.items[i];
        if (l->kind == BUDGET_TOTAL) {
            quantity(o, "total", &l->amount);
            break;
        }
    }
    budget_lines(o, b, BUDGET_SOURCE, "sources");
    budget_lines(o, b, BUDGET_NATURE, "natures");
    json_end_object(&o->w);
}

/* ===== indicators ===== */

static const char *value_type(ValueKind k)
{
    static const char *const names[] = {"none", "number", "range", "text", "date", "word", "dates"};
    return names[k];
}

static void value(Out *o, const Value *v)
{
    json_key(&o->w, "value_type");
    json_cstring(&o->w, value_type(v->kind));
    json_key(&o->w, "value");
    switch (v->kind) {
    case VAL_NUMBER: json_cstring(&o->w, v->lo.text); break;
    case VAL_TEXT:
    case VAL_WORD: json_string(&o->w, v->text.text, v->text.len); break;
    case VAL_DATE: json_cstring(&o->w, v->date.text); break;
    case VAL_NONE: json_null(&o->w); break;
    case VAL_DATES: {
        StrBuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "%s..%s", v->date.text, v->date2.text);
        json_cstring(&o->w, strbuf_cstr(&sb));
        strbuf_release(&sb);
        json_key(&o->w, "low");
        json_cstring(&o->w, v->date.text);
        json_key(&o->w, "high");
        json_cstring(&o->w, v->date2.text);
        break;
    }
    case VAL_RANGE: {
        StrBuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "%s..%s", v->lo.text, v->hi.text);
        json_cstring(&o->w, strbuf_cstr(&sb));
        strbuf_release(&sb);
        json_key(&o->w, "low");
        json_cstring(&o->w, v->lo.text);
        json_key(&o->w, "high");
        json_cstring(&o->w, v->hi.text);
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
    json_begin_object(&o->w);
    json_key(&o->w, "level1");
    json_cstring(&o->w, cat_name(l1));
    json_key(&o->w, "level2");
    json_cstring(&o->w, cat_name(l2));
    text_member(o, "name", &ind->name);
    json_key(&o->w, "operator");
    json_cstring(&o->w, op_ascii(ind->op));
    json_key(&o->w, "symbol");
    json_cstring(&o->w, op_symbol(ind->op));
    value(o, &ind->value);
    json_key(&o->w, "unit");
    json_cstring(&o->w, ind->unit.text);
    text_member(o, "explanation", &ind->explanation);
    text_member(o, "note", &ind->note);
    json_key(&o->w, "weight");
    json_cstring(&o->w, ind->has_weight ? ind->weight.text : NULL);
    json_key(&o->w, "standard");
    json_cstring(&o->w, ind->standard.text);
    position(o, ind->span);
    json_end_object(&o->w);
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

/* The category tree without the indicators, so empty categories (written
 * in the table but holding nothing) stay visible. */
static void categories(Out *o, const Category *c)
{
    json_begin_array(&o->w);
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind != NODE_CATEGORY)
            continue;
        json_begin_object(&o->w);
        json_key(&o->w, "name");
        json_cstring(&o->w, cat_name(item));
        json_key(&o->w, "written");
        json_cstring(&o->w, item->name.text);
        json_key(&o->w, "indicator_count");
        json_int(&o->w, (long long)emit_indicator_count(item));
        position(o, item->span);
        json_key(&o->w, "children");
        categories(o, item);
        json_end_object(&o->w);
    }
    json_end_array(&o->w);
}

/* ===== tables ===== */

static void prose(Out *o, const Table *t)
{
    json_key(&o->w, "duties");
    json_begin_array(&o->w);
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind == FIELD_DUTY)
            json_string(&o->w, f->text.text, f->text.len);
    }
    json_end_array(&o->w);
    json_key(&o->w, "tasks");
    json_begin_array(&o->w);
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind != FIELD_TASK)
            continue;
        json_begin_object(&o->w);
        text_member(o, "name", &f->text);
        text_member(o, "content", &f->text2);
        if (f->has_q)
            quantity(o, "amount", &f->q);
        else {
            json_key(&o->w, "amount");
            json_null(&o->w);
        }
        position(o, f->span);
        json_end_object(&o->w);
    }
    json_end_array(&o->w);
}

static void field_text(Out *o, const Table *t, FieldKind k, const char *key)
{
    const Field *f = t->field[k];
    Text none = {0};
    text_member(o, key, f ? &f->text : &none);
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
    json_key(&o->w, "category");
    json_cstring(&o->w, canon ? canon : c ? c->name.text : NULL);
    json_key(&o->w, "category_written");
    json_cstring(&o->w, c ? c->name.text : NULL);
    const Field *pd = t->field[FIELD_PERIOD];
    json_key(&o->w, "period");
    if (pd) {
        json_begin_object(&o->w);
        year_member(o, "from", &pd->num);
        year_member(o, "to", &pd->num2);
        json_end_object(&o->w);
    } else {
        json_null(&o->w);
    }
    field_text(o, t, FIELD_GOAL, "goal");
    const Field *fund = t->field[FIELD_FUNDING];
    if (fund)
        budget_lines(o, fund, BUDGET_SOURCE, "funding");
    else {
        json_key(&o->w, "funding");
        json_null(&o->w);
    }
}

static void table(Out *o, const Table *t)
{
    const SourceFile *f = session_file(o->p->s, t->file);
    json_begin_object(&o->w);
    json_key(&o->w, "kind");
    json_cstring(&o->w, t->kind == TABLE_DEPARTMENT ? "department" : "project");
    text_member(o, "name", &t->name);
    json_key(&o->w, "file");
    json_cstring(&o->w, f->path);
    position(o, t->span);
    const Field *y = t->field[FIELD_YEAR];
    year_member(o, "year", y ? &y->num : NULL);
    const Field *fd = t->field[FIELD_FILED];
    json_key(&o->w, "filed");
    json_cstring(&o->w, fd ? fd->date.text : NULL);
    field_text(o, t, FIELD_FILER, "filer");
    field_text(o, t, FIELD_ATTACHMENT, "attachment");
    json_key(&o->w, "framework");
    json_cstring(&o->w, t->framework ? t->framework->name : NULL);
    if (t->kind == TABLE_DEPARTMENT) {
        prose(o, t);
        budget(o, t->field[FIELD_BUDGET]);
    } else {
        project_fields(o, t);
    }
    const Field *ind = t->field[FIELD_INDICATORS];
    Category empty = {0};
    const Category *root = ind ? ind->root : &empty;
    json_key(&o->w, "categories");
    categories(o, root);
    json_key(&o->w, "indicators");
    json_begin_array(&o->w);
    indicators_of(o, root, 0, NULL, NULL);
    json_end_array(&o->w);
    json_end_object(&o->w);
}

void emit_json(const Program *p, const EmitOptions *opt, StrBuf *out)
{
    Out o = {p, {0}};
    json_init(&o.w, out);
    json_begin_object(&o.w);
    json_key(&o.w, "ptlc");
    json_cstring(&o.w, PTLC_VERSION);
    json_key(&o.w, "format");
    json_int(&o.w, 1);
    if (opt->with_errors) {     /* only with --allow-errors: say the model is not checked */
        json_key(&o.w, "errors");
        json_int(&o.w, (long long)p->s->counts[SEV_ERROR]);
    }
    json_key(&o.w, "tables");
    json_begin_array(&o.w);
    for (size_t i = 0; i < p->tables.len; i++) {
        const Table *t = p->tables.items[i];
        if (t->file >= p->nstdlib)
            table(&o, t);
    }
    json_end_array(&o.w);
    json_end_object(&o.w);
}
