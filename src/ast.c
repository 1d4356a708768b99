/* ast: node constructors. Each grammar action calls exactly one of these;
 * they only allocate and copy, never judge (that is the checker's job). */
#include "ast.h"

#include <string.h>

#include "parse_internal.h"

const char *op_ascii(Op op)
{
    static const char *const names[] = {
#define X(id, ascii, cjk) ascii,
        OPS(X)
#undef X
    };
    return names[op];
}

const char *op_symbol(Op op)
{
    static const char *const names[] = {
#define X(id, ascii, cjk) cjk,
        OPS(X)
#undef X
    };
    return names[op];
}

const char *field_name(FieldKind k)
{
    static const char *const names[] = {
#define X(id, name) name,
        FIELDS(X)
#undef X
    };
    return k < FIELD_COUNT ? names[k] : "?";
}

static void *node(Parser *p, size_t size)
{
    return arena_alloc(p->arena, size);
}

void ast_push(Parser *p, PtrVec *v, void *item)
{
    if (item)
        ptrvec_push(p->arena, v, item);
}

/* The file and its comments outlive the trees of a file parsed table by
 * table (parse_source_streaming): they are in the session's arena. */
AstFile *ast_file(Parser *p)
{
    AstFile *f = arena_alloc(&p->s->arena, sizeof *f);
    f->file = p->file;
    return f;
}

/* A table taken by the streaming callback is done with once its
 * successor is read: its region is freed then, not at once, since the
 * tokens the grammar looked ahead at were scanned into it. Three regions
 * turn: the one before the table just taken (freed), the table's own, and
 * the next one's, new. */
static void next_region(Parser *p)
{
    size_t k = p->region;
    arena_free(&p->regions[(k + 2) % 3]);
    arena_init(&p->regions[(k + 2) % 3]);
    p->region = k + 1;
    p->arena = &p->regions[(k + 1) % 3];
}

void ast_add_decl(Parser *p, DeclKind kind, void *n)
{
    if (p->on_table && kind == DECL_TABLE && p->on_table(p->on_table_ctx, n)) {
        p->ast->streamed++;
        next_region(p);
        return;
    }
    p->on_table = NULL;     /* a declaration kept: every region is kept from here on */
    Decl *d = node(p, sizeof *d);
    d->kind = kind;
    switch (kind) {
    case DECL_TABLE: d->u.table = n; break;
    case DECL_UNIT: d->u.unit = n; break;
    case DECL_DIMENSION: d->u.dim = n; break;
    case DECL_VOCAB: d->u.vocab = n; break;
    case DECL_SETTINGS: d->u.settings = n; break;
    }
    ptrvec_push(p->arena, &p->ast->decls, d);
}

Table *ast_table(Parser *p, Span span, TableKind kind, Span key, Text name, PtrVec fields)
{
    Table *t = node(p, sizeof *t);
    t->kind = kind;
    t->span = span;
    t->key = key;
    t->name = name;
    t->fields = fields;
    t->file = p->file;
    return t;
}

Field *ast_field(Parser *p, Span span, FieldKind kind, Span key)
{
    Field *f = node(p, sizeof *f);
    f->kind = kind;
    f->span = span;
    f->key = key;
    return f;
}

Field *ast_field_text(Parser *p, Span span, FieldKind kind, Span key, Text text)
{
    Field *f = ast_field(p, span, kind, key);
    f->text = text;
    return f;
}

Field *ast_field_task(Parser *p, Span span, Span key, Text name, const Quantity *q, Text content,
                      const Attrs *attrs)
{
    Field *f = ast_field_text(p, span, FIELD_TASK, key, name);
    f->text2 = content;
    f->text3 = attrs->duty;
    if (q) {
        f->q = *q;
        f->has_q = true;
    }
    return f;
}

Field *ast_field_name(Parser *p, Span span, FieldKind kind, Span key, Name name)
{
    Field *f = ast_field(p, span, kind, key);
    f->name = name;
    return f;
}

Field *ast_field_number(Parser *p, Span span, FieldKind kind, Span key, Number n)
{
    Field *f = ast_field(p, span, kind, key);
    f->num = n;
    return f;
}

Field *ast_field_period(Parser *p, Span span, Span key, Number from, Number to)
{
    Field *f = ast_field(p, span, FIELD_PERIOD, key);
    f->num = from;
    f->num2 = to;
    f->is_range = from.span.start != to.span.start;
    return f;
}

Field *ast_field_date(Parser *p, Span span, Span key, Date d)
{
    Field *f = ast_field(p, span, FIELD_FILED, key);
    f->date = d;
    return f;
}

Field *ast_field_quantity(Parser *p, Span span, FieldKind kind, Span key, Quantity q)
{
    Field *f = ast_field(p, span, kind, key);
    f->q = q;
    f->has_q = true;
    return f;
}

Field *ast_field_budget(Parser *p, Span span, Span key, Name figure, PtrVec lines)
{
    Field *f = ast_field(p, span, FIELD_BUDGET, key);
    f->name = figure;
    f->lines = lines;
    return f;
}

Field *ast_field_indicators(Parser *p, Span span, Span key, Name period, PtrVec items)
{
    Field *f = ast_field(p, span, FIELD_INDICATORS, key);
    f->name = period;
    f->root = ast_category(p, span, (Name){0}, NULL, items);
    return f;
}

/* A blank amount has no number text; a split block that was written holds
 * at least the NULL the grammar pushes for an empty one, dropped here. */
BudgetLine *ast_budget_line(Parser *p, Span span, BudgetLineKind kind, Span key, Name name,
                            Quantity q, Number share, PtrVec parts)
{
    BudgetLine *b = node(p, sizeof *b);
    b->kind = kind;
    b->span = span;
    b->key = key;
    b->name = name;
    b->amount = q;
    b->has_amount = q.num.text != NULL;
    if (!b->has_amount)
        b->amount.span = b->amount.num.span = b->amount.unit.span =
            (Span){p->file, span.end, span.end};
    b->share = share;
    b->has_parts = parts.len > 0;
    for (size_t i = 0; i < parts.len; i++)
        if (parts.items[i])
            ptrvec_push(p->arena, &b->parts, parts.items[i]);
    return b;
}

Part *ast_part(Parser *p, Span span, Span key, Text name, Quantity q, Text basis, PtrVec parts,
               bool has_parts)
{
    Part *t = node(p, sizeof *t);
    t->span = span;
    t->key = key;
    t->name = name;
    t->amount = q;
    t->has_amount = q.num.text != NULL;
    t->basis = basis;
    t->parts = parts;
    t->has_parts = has_parts;
    return t;
}

Field *ast_field_breakdown(Parser *p, Span span, Span key, Text title, PtrVec parts)
{
    Field *f = ast_field_text(p, span, FIELD_BREAKDOWN, key, title);
    f->lines = parts;
    return f;
}

Field *ast_field_labelled(Parser *p, Span span, FieldKind kind, Span key, Name label, Text value,
                          Text extra)
{
    Field *f = ast_field_text(p, span, kind, key, value);
    f->name = label;
    f->text2 = extra;
    return f;
}

Field *ast_field_goal(Parser *p, Span span, Span key, Name period, Text goal)
{
    Field *f = ast_field_text(p, span, FIELD_GOAL, key, goal);
    f->name = period;
    return f;
}

Field *ast_field_duration(Parser *p, Span span, Span key, Quantity q)
{
    return ast_field_quantity(p, span, FIELD_PERIOD, key, q);
}

Field *ast_field_period_dates(Parser *p, Span span, Span key, Date from, Date to)
{
    Field *f = ast_field(p, span, FIELD_PERIOD, key);
    f->date = from;
    f->date2 = to;
    f->dates = true;
    f->is_range = from.span.start != to.span.start;
    return f;
}

Category *ast_category(Parser *p, Span span, Name name, const Score *score, PtrVec items)
{
    Category *c = node(p, sizeof *c);
    c->kind = NODE_CATEGORY;
    c->span = span;
    c->name = name;
    c->items = items;
    if (score)
        c->score = *score;
    return c;
}

Indicator *ast_indicator(Parser *p, Span span, Text name, const IndValue *v, const Attrs *attrs)
{
    Indicator *i = node(p, sizeof *i);
    i->kind = NODE_INDICATOR;
    i->span = span;
    i->name = name;
    i->op = v->op;
    i->op_span = v->op_span.file == SPAN_NO_FILE ? (Span){p->file, name.span.end, name.span.end}
                                                 : v->op_span;
    i->value = v->value;
    if (v->value.kind == VAL_NONE)
        i->value.span = (Span){p->file, name.span.end, name.span.end};
    i->unit = v->unit;
    i->explanation = v->explanation;
    /* A number printed bare with its unit in the 计量单位 column is in that
       unit (100 with 斤 beside it); text and dates take none, so a column
       filled in for them is not read into the value. */
    if (!i->unit.text && (i->value.kind == VAL_NUMBER || i->value.kind == VAL_RANGE))
        i->unit = attrs->unit_column;
    static const IndicatorMore none;
    i->more = &none;
    if (attrs->unit_column.text || attrs->scoring.text || attrs->note.text || attrs->has_weight
        || attrs->weight.text || attrs->standard.text || attrs->allows.len) {
        IndicatorMore *m = arena_alloc(p->arena, sizeof *m);
        m->unit_column = attrs->unit_column;
        m->scoring = attrs->scoring;
        m->note = attrs->note;
        m->weight = attrs->weight;
        m->has_weight = attrs->has_weight;
        m->standard = attrs->standard;
        m->allows = attrs->allows;
        i->more = m;
    }
    for (size_t k = 0; k < i->more->allows.len; k++)
        ((Allow *)i->more->allows.items[k])->scope = span;
    return i;
}

/* An indicator line with a syntax error keeps its name (and so its place in
 * the tree): duplicate, placeholder and category rules still see it; the
 * value is absent, and no rule takes that for a blank cell. */
Indicator *ast_broken_indicator(Parser *p, Span span, Text name)
{
    Attrs none = {0};
    IndValue v = {OP_NONE, SPAN_NONE, {0}, {0}, {0}};
    Indicator *i = ast_indicator(p, span, name, &v, &none);
    i->broken = true;
    return i;
}

/* A repeated attribute keeps the first value: the checker's duplicate-field
 * rule sees none of these, so they are reported here as syntax. */
void ast_attr_note(Parser *p, Attrs *a, Text note)
{
    if (a->note.text)
        parse_error(p, note.span, "an indicator takes one 'note'");
    else
        a->note = note;
}

void ast_attr_weight(Parser *p, Attrs *a, Span key, Number w)
{
    if (a->has_weight) {
        parse_error(p, key, "an indicator takes one 'weight'");
        return;
    }
    a->weight = w;
    a->has_weight = true;
    a->weight_span = span_join(key, w.span);
}

void ast_attr_unit(Parser *p, Attrs *a, Span key, Unit u)
{
    if (a->unit_column.text)
        parse_error(p, key, "an indicator takes one 'unit' column");
    else
        a->unit_column = u;
}

void ast_attr_scoring(Parser *p, Attrs *a, Text t)
{
    if (a->scoring.text)
        parse_error(p, t.span, "an indicator takes one 'scoring'");
    else
        a->scoring = t;
}

void ast_attr_duty(Parser *p, Attrs *a, Text t)
{
    if (a->duty.text)
        parse_error(p, t.span, "a task takes one 'duty'");
    else
        a->duty = t;
}

void ast_attr_standard(Parser *p, Attrs *a, Span key, Name standard)
{
    if (a->standard.text)
        parse_error(p, key, "an indicator takes one 'standard'");
    else
        a->standard = standard;
}

static Allow *new_allow(Parser *p, Span span, Name rule, Text reason)
{
    /* in the session's arena, not the tree's: a check that frees each
       file's tree still reports the allows that silenced nothing */
    Allow *al = arena_alloc(&p->s->arena, sizeof *al);
    al->span = span;
    al->rule = rule;
    al->reason = reason;
    al->rule_id = -1;
    return al;
}

void ast_attr_allow(Parser *p, Attrs *a, Span key, Name rule, Text reason)
{
    ast_push(p, &a->allows, new_allow(p, span_join(key, reason.span), rule, reason));
}

Field *ast_field_funding(Parser *p, Span span, Span key, PtrVec lines)
{
    Field *f = ast_field(p, span, FIELD_FUNDING, key);
    f->lines = lines;
    return f;
}

Field *ast_field_allow(Parser *p, Span span, Span key, Name rule, Text reason)
{
    Field *f = ast_field(p, span, FIELD_ALLOW, key);
    f->allow = new_allow(p, span, rule, reason);
    return f;
}

Value ast_value_word(Parser *p, Name word)
{
    (void)p;
    Text t = {word.text, strlen(word.text), word.span};
    return (Value){.kind = VAL_WORD, .text = t, .span = word.span};
}

SettingsDecl *ast_settings(Parser *p, Span span, PtrVec items)
{
    SettingsDecl *s = node(p, sizeof *s);
    s->span = span;
    s->items = items;
    return s;
}

SettingItem *ast_setting(Parser *p, Span span, SettingKind kind, Name name, const Number *value)
{
    SettingItem *it = node(p, sizeof *it);
    it->kind = kind;
    it->span = span;
    it->name = name;
    if (value)
        it->value = *value;
    return it;
}

Value ast_value_number(Number n)
{
    return (Value){.kind = VAL_NUMBER, .lo = n, .hi = n, .span = n.span};
}

Value ast_value_range(Span span, Number lo, Number hi)
{
    return (Value){.kind = VAL_RANGE, .lo = lo, .hi = hi, .span = span};
}

Value ast_value_text(Text t)
{
    return (Value){.kind = VAL_TEXT, .text = t, .span = t.span};
}

Value ast_value_date(Date d)
{
    return (Value){.kind = VAL_DATE, .date = d, .span = d.span};
}

Value ast_value_dates(Span span, Date from, Date to)
{
    return (Value){.kind = VAL_DATES, .date = from, .date2 = to, .span = span};
}

IndValue ast_ind_value(Op op, Span op_span, Value v, Unit unit, Text expl)
{
    return (IndValue){op, op_span, v, unit, expl};
}

Score *ast_score(Parser *p, Span span, Number lo, Number hi)
{
    Score *s = node(p, sizeof *s);
    *s = (Score){lo, hi, true, span};
    return s;
}

Unit ast_unit_symbol(Parser *p, Span span, const char *symbol)
{
    return (Unit){intern_cstr(&p->s->names, symbol), span};
}

/* 元/人 is kept as one interned unit name spelled as written (without
 * spaces), so lookups and output see the same text the user typed. The
 * parts are appended to p->unit_text as they are read (text NULL until
 * ast_unit_finish), never re-copied per part. */
Unit ast_unit_begin(Parser *p, Unit atom)
{
    strbuf_reset(&p->unit_text);
    strbuf_adds(&p->unit_text, atom.text ? atom.text : "");
    p->unit_starred = false;
    return atom;
}

/* sep '*': 元/人*月 is what a keyboard without · makes of 元/人·月; it is read
 * as that, with a warning that says so. */
Unit ast_unit_extend(Parser *p, Unit so_far, Unit atom, char sep)
{
    Span whole = span_join(so_far.span, atom.span);
    if (sep == '*') {
        strbuf_adds(&p->unit_text, "·");
        strbuf_adds(&p->unit_text, atom.text ? atom.text : "");
        p->unit_starred = true;
    } else {
        strbuf_addc(&p->unit_text, '/');
        strbuf_adds(&p->unit_text, atom.text ? atom.text : "");
    }
    return (Unit){NULL, whole};
}

/* "/株" (≤28.40/株): a unit cost printed without its money unit; kept as
 * written so the checker can say what is missing. */
Unit ast_unit_per(Parser *p, Span slash, Unit atom)
{
    strbuf_reset(&p->unit_text);
    strbuf_addc(&p->unit_text, '/');
    strbuf_adds(&p->unit_text, atom.text ? atom.text : "");
    p->unit_starred = false;
    return (Unit){NULL, span_join(slash, atom.span)};
}

/* A unit written with '*' is reported once, when all of it has been read,
   with the reading of the whole unit. */
Unit ast_unit_finish(Parser *p, Span span, Unit u)
{
    if (u.text)
        return u;       /* a single atom */
    if (p->unit_starred)
        diag_report(p->s, RULE_UNIT_SPELLING, span,
                    "'*' in a unit is read as the middle dot: '%s'; write '·' for '*'",
                    strbuf_cstr(&p->unit_text));
    p->unit_starred = false;
    return (Unit){intern(&p->s->names, p->unit_text.buf, p->unit_text.len), span};
}

Quantity ast_quantity(Span span, Number n, Unit u)
{
    return (Quantity){n, u, span};
}

UnitDecl *ast_unit_decl(Parser *p, Span span, Name sym, Name dim, const Number *factor, Name base)
{
    UnitDecl *u = node(p, sizeof *u);
    u->span = span;
    u->symbol = sym;
    u->dimension = dim;
    if (factor) {
        u->has_factor = true;
        u->factor = *factor;
    }
    u->base = base;
    return u;
}

DimDecl *ast_dim_decl(Parser *p, Span span, Name name, Text label, PtrVec props)
{
    DimDecl *d = node(p, sizeof *d);
    d->span = span;
    d->name = name;
    d->label = label;
    d->props = props;
    return d;
}

DimProp *ast_dim_prop(Parser *p, Name key, const Number *value)
{
    DimProp *d = node(p, sizeof *d);
    d->key = key;
    if (value) {
        d->has_value = true;
        d->value = *value;
    }
    return d;
}

VocabDecl *ast_vocab_decl(Parser *p, Span span, bool framework, bool is_default, Name name,
                          Text label, PtrVec items)
{
    VocabDecl *v = node(p, sizeof *v);
    v->span = span;
    v->is_framework = framework;
    v->is_default = is_default;
    v->name = name;
    v->label = label;
    v->items = items;
    return v;
}

VocabItem *ast_vocab_item(Parser *p, Span span, VocabItemKind kind, Name name, Name target,
                          PtrVec items)
{
    VocabItem *v = node(p, sizeof *v);
    v->kind = kind;
    v->span = span;
    v->name = name;
    v->target = target;
    v->items = items;
    return v;
}

Name ast_name_of_text(Parser *p, Text t)
{
    return (Name){intern(&p->s->names, t.text ? t.text : "", t.len), t.span};
}

/* ===== self-evaluation ===== */

Field *ast_field_lines(Parser *p, Span span, FieldKind kind, Span key, PtrVec lines)
{
    Field *f = ast_field(p, span, kind, key);
    f->lines = lines;
    return f;
}

ExecLine *ast_exec_line(Parser *p, Span span, BudgetLineKind kind, Span key, Name name,
                        Quantity spent)
{
    ExecLine *l = node(p, sizeof *l);
    l->kind = kind;
    l->span = span;
    l->key = key;
    l->name = name;
    l->spent = spent;
    l->has_spent = spent.num.text != NULL;
    if (!l->has_spent)
        l->spent.span = l->spent.num.span = l->spent.unit.span =
            (Span){p->file, name.text ? name.span.end : key.end, name.text ? name.span.end : key.end};
    return l;
}

/* As with an indicator's attributes, a repeated one keeps the first value. */
void ast_exec_budget(Parser *p, ExecLine *l, Span key, Quantity q)
{
    if (l->has_budget) {
        parse_error(p, key, "an execution line takes one 'budget'");
        return;
    }
    l->budget = q;
    l->has_budget = true;
}


void ast_exec_rate(Parser *p, ExecLine *l, Span key, Number n, bool percent)
{
    if (l->rate.text) {
        parse_error(p, key, "an execution line takes one 'rate'");
        return;
    }
    l->rate = n;
    l->rate_percent = percent;
}

/* what names the attribute for the message: "a result takes one 'score'" */
void ast_result_number(Parser *p, Number *slot, Span key, Number n, const char *what)
{
    if (slot->text)
        parse_error(p, key, "%s", i18n_tr(p->s, what));
    else
        *slot = n;
}

void ast_result_text(Parser *p, Text *slot, Span key, Text t, const char *what)
{
    if (slot->text)
        parse_error(p, key, "%s", i18n_tr(p->s, what));
    else
        *slot = t;
}

void ast_result_allow(Parser *p, ResultAttrs *a, Span key, Name rule, Text reason)
{
    ast_push(p, &a->allows, new_allow(p, span_join(key, reason.span), rule, reason));
}

Result *ast_result(Parser *p, Span span, Text name, Value actual, Unit unit,
                   const ResultAttrs *attrs)
{
    Result *r = node(p, sizeof *r);
    r->span = span;
    r->name = name;
    r->actual = actual;
    if (actual.kind == VAL_NONE)
        r->actual.span = (Span){p->file, name.span.end, name.span.end};
    r->unit = unit;
    r->points = attrs->points;
    r->scored = attrs->scored;
    r->reason = attrs->reason;
    r->note = attrs->note;
    r->allows = attrs->allows;
    for (size_t k = 0; k < r->allows.len; k++)
        ((Allow *)r->allows.items[k])->scope = span;
    return r;
}
