/* emit_jsonl: the indicators as JSON Lines (docs/jsonl.md), for loading
 * into a database: one object per line, one line per indicator of every
 * indicator tree of every table, then one per result of every
 * self-evaluation, each carrying its table's keys (file, kind, table,
 * department, year, categories), so a line needs no other line to be
 * understood. Every line has the same keys in the same order, null where
 * a key does not apply, so one table definition fits them all.
 *
 * Exactness: values and amounts are JSON strings holding exact decimals, as
 * in the JSON model (most JSON readers, SQLite's among them, turn numbers
 * into binary doubles). A value is also given as a JSON number, but only
 * when a double holds it exactly (264, 98.5); 26.48 is not, so it is null.
 * A money amount is also given in 万元, converted exactly, so a database
 * can add up the money targets of tables written in 元 and 万元 alike.
 *
 * The lines are written by the compact JSON writer (json.h): no line
 * breaks, spaces or tabs outside strings, and every control character
 * inside one escaped, so a line holds no raw tab or line feed; the loading
 * examples of README.md rely on that. */
#include <string.h>

#include "check.h"
#include "emit.h"
#include "json.h"

typedef struct Out {
    const Program *p;
    Program *units;             /* the same program: program_unit caches the
                                   compound units (元/人) it resolves */
    const EmitOptions *o;
    const UnitDef *wan;         /* 万元, or NULL if the stdlib has none */
    JsonWriter w;
} Out;

/* What a line says about where it comes from. */
typedef struct Keys {
    const Table *t;             /* the table, or the evaluation, the line is in */
    const char *department;
    const char *evaluates;      /* an evaluation's line: its target's kind */
    const Field *tree;          /* a target's indicator tree; NULL on an evaluation's line */
} Keys;

/* ===== members ===== */

static void str(Out *o, const char *key, const char *s)
{
    jw_key(&o->w, key);
    jw_cstring(&o->w, s);
}

static void text(Out *o, const char *key, const Text *t)
{
    jw_key(&o->w, key);
    if (t->text)
        jw_string(&o->w, t->text, t->len);
    else
        jw_null(&o->w);
}

static void decimal(Out *o, const char *key, bool has, Decimal d)
{
    str(o, key, has ? emit_decimal(&o->p->s->arena, d) : NULL);
}

/* Whether a binary double holds d exactly: d = c·10^-s = (c/5^s)·2^-s, so
 * when 5^s divides c and the quotient fits in a double's 53-bit
 * significand. */
static bool double_exact(Decimal d)
{
    d = dec_normalize(d);
    int64_t c = d.coef;
    for (int32_t i = 0; i < d.scale; i++) {
        if (c % 5 != 0)
            return false;
        c /= 5;
    }
    uint64_t m = c < 0 ? 0 - (uint64_t)c : (uint64_t)c;
    return m <= (uint64_t)1 << 53;
}

/* A number value as a JSON number when that is exact, else null. */
static void exact_number(Out *o, const char *key, const Value *v)
{
    jw_key(&o->w, key);
    if (v->kind == VAL_NUMBER && v->lo.ok && double_exact(v->lo.dec))
        jw_number(&o->w, emit_decimal(&o->p->s->arena, v->lo.dec));
    else
        jw_null(&o->w);
}

/* a / b exactly, at the fewest decimals that hold it; false when no scale
 * up to 18 does (or b is zero). */
static bool exact_div(Decimal a, Decimal b, Decimal *out)
{
    for (int32_t scale = 0; scale <= DEC_MAX_SCALE; scale++) {
        Decimal back;
        if (dec_div_round(a, b, scale, out) != DEC_OK)
            return false;
        if (dec_mul(*out, b, &back) == DEC_OK && dec_cmp(back, a) == 0)
            return true;
    }
    return false;
}

static const UnitDef *unit_of(Out *o, const char *unit)
{
    return unit ? program_unit(o->units, unit) : NULL;
}

static bool is_money(const UnitDef *u)
{
    return u && u->dim && strcmp(u->dim->name, "money") == 0;
}

/* A number value in its unit's base (元 for money, 人次 for 万人次). */
static bool base_value(const Value *v, const UnitDef *u, Decimal *out)
{
    return v->kind == VAL_NUMBER && v->lo.ok && u && dec_mul(v->lo.dec, u->factor, out) == DEC_OK;
}

/* The amount in 万元 of a money value, exactly, else null. */
static void money(Out *o, const char *key, const Value *v, const UnitDef *u)
{
    Decimal base = {0, 0}, wan = {0, 0};
    bool ok = is_money(u) && o->wan && base_value(v, u, &base) && exact_div(base, o->wan->factor, &wan);
    decimal(o, key, ok, wan);
}

/* ===== a line ===== */

static const char *kind_name(TableKind k)
{
    return k == TABLE_DEPARTMENT ? "department" : k == TABLE_PROJECT ? "project" : "evaluation";
}

static const char *cat_name(const Category *c)
{
    return c ? (c->canonical ? c->canonical : c->name.text) : NULL;
}

/* The table's keys, first on every line; with --allow-errors, led by the
 * count of errors, as the JSON model's "errors" says the model is not
 * checked. */
static void head(Out *o, const Keys *k, Span at)
{
    const SourceFile *f = session_file(o->p->s, k->t->file);
    uint32_t line = 0, col = 0;
    src_line_col(f, at.start, &line, &col);
    jw_begin_object(&o->w);
    if (o->o->with_errors) {
        jw_key(&o->w, "errors");
        jw_int(&o->w, (long long)o->p->s->counts[SEV_ERROR]);
    }
    str(o, "file", f->path);
    jw_key(&o->w, "line");
    jw_int(&o->w, line);
    jw_key(&o->w, "column");
    jw_int(&o->w, col);
    str(o, "kind", kind_name(k->t->kind));
    text(o, "table", &k->t->name);
    str(o, "department", k->department);
    const Field *y = k->t->field[FIELD_YEAR];
    jw_key(&o->w, "year");      /* a whole number once checked (invalid-year is an error) */
    if (y && y->num.ok && dec_is_integer(y->num.dec))
        jw_int(&o->w, (long long)dec_normalize(y->num.dec).coef);
    else
        jw_null(&o->w);
    str(o, "evaluates", k->evaluates);
    str(o, "period", k->tree ? k->tree->name.text : NULL);
    jw_key(&o->w, "main");      /* the tree in force */
    if (k->tree)
        jw_bool(&o->w, k->tree == k->t->field[FIELD_INDICATORS]);
    else
        jw_null(&o->w);
}

static const char *value_type(const Value *v)
{
    static const char *const names[] = {"none", "number", "range", "text", "date", "word", "dates"};
    return names[v->kind];
}

/* A value as the JSON model writes it: the number as written, "85..95"
 * for a range, a date in ISO 8601, a 定性 text; null when blank. */
static void value(Out *o, const char *key, const Value *v)
{
    Arena *a = &o->p->s->arena;
    jw_key(&o->w, key);
    switch (v->kind) {
    case VAL_NUMBER: jw_cstring(&o->w, v->lo.text); break;
    case VAL_RANGE: jw_cstring(&o->w, arena_sprintf(a, "%s..%s", v->lo.text, v->hi.text)); break;
    case VAL_DATE: jw_cstring(&o->w, emit_iso_date(a, &v->date)); break;
    case VAL_DATES:
        jw_cstring(&o->w, arena_sprintf(a, "%s..%s", emit_iso_date(a, &v->date),
                                        emit_iso_date(a, &v->date2)));
        break;
    case VAL_TEXT: case VAL_WORD: jw_string(&o->w, v->text.text, v->text.len); break;
    case VAL_NONE: jw_null(&o->w); break;
    }
}

/* The bounds of a range (of numbers, or of dates in ISO 8601), else null. */
static void bounds(Out *o, const Value *v)
{
    Arena *a = &o->p->s->arena;
    const char *lo = NULL, *hi = NULL;
    if (v->kind == VAL_RANGE)
        lo = v->lo.text, hi = v->hi.text;
    else if (v->kind == VAL_DATES)
        lo = emit_iso_date(a, &v->date), hi = emit_iso_date(a, &v->date2);
    str(o, "low", lo);
    str(o, "high", hi);
}

/* A target's operator and value, and what its unit makes of the value;
 * all null for a result that names no indicator (ind NULL). */
static void target(Out *o, const Indicator *ind)
{
    static const Value none;
    const Value *v = ind ? &ind->value : &none;
    const char *unit = ind ? ind->unit.text : NULL;
    const UnitDef *u = unit_of(o, unit);
    Decimal base = {0, 0};
    str(o, "operator", !ind || ind->op == OP_NONE ? NULL : op_ascii(ind->op));
    str(o, "symbol", ind ? op_symbol(ind->op) : NULL);
    str(o, "value_type", ind ? value_type(v) : NULL);
    value(o, "value", v);
    bounds(o, v);
    exact_number(o, "value_number", v);
    str(o, "unit", unit);
    str(o, "dimension", u && u->dim ? u->dim->name : NULL);
    str(o, "base_unit", u && u->base ? u->base->symbol : NULL);
    decimal(o, "base_value", base_value(v, u, &base), base);
    money(o, "money_wanyuan", v, u);
    str(o, "weight", ind && ind->more->has_weight ? ind->more->weight.text : NULL);
}

/* The 实际完成值 of a result, in its unit: the one written, else for a
 * number the target's (Result.unit), as the CSV gives it; all null on a
 * target's line (r NULL). */
static void actual(Out *o, const Result *r)
{
    static const Value none;
    const Value *v = r ? &r->actual : &none;
    const char *unit = !r ? NULL : r->unit.text ? r->unit.text
                     : r->target && v->kind == VAL_NUMBER ? r->target->unit.text : NULL;
    str(o, "actual_type", r ? value_type(v) : NULL);
    value(o, "actual", v);
    exact_number(o, "actual_number", v);
    str(o, "actual_unit", unit);
    money(o, "actual_money_wanyuan", v, unit_of(o, unit));
}

/* The scoring of a result: the 分值 in force, the 得分 ptlc computed and
 * the one written, and how it was found. */
static void scoring(Out *o, const Result *r)
{
    decimal(o, "points", r && r->has_max, r ? r->max : dec_from_int(0));
    decimal(o, "score", r && r->has_score, r ? r->score : dec_from_int(0));
    str(o, "scored", r ? r->scored.text : NULL);
    str(o, "method", r ? emit_score_method(r->has_score ? r->method : SCORE_NONE) : NULL);
    jw_key(&o->w, "reason");
    if (r && r->reason.text)
        jw_string(&o->w, r->reason.text, r->reason.len);
    else
        jw_null(&o->w);
}

static void indicator_line(Out *o, const Keys *k, const Indicator *ind, const Category *l1,
                           const Category *l2)
{
    head(o, k, ind->span);
    str(o, "level1", cat_name(l1));
    str(o, "level2", cat_name(l2));
    text(o, "name", &ind->name);
    target(o, ind);
    text(o, "explanation", &ind->explanation);
    text(o, "note", &ind->more->note);
    actual(o, NULL);
    scoring(o, NULL);
    jw_end_object(&o->w);
}

/* A result line: its target's columns (as the 自评表 prints 年度指标值),
 * then what was achieved; note is the result's own. */
static void result_line(Out *o, const Keys *k, const Result *r)
{
    const Indicator *ind = r->target;
    head(o, k, r->span);
    str(o, "level1", cat_name(r->l1));
    str(o, "level2", cat_name(r->l2));
    text(o, "name", &r->name);
    target(o, ind);
    jw_key(&o->w, "explanation");
    if (ind && ind->explanation.text)
        jw_string(&o->w, ind->explanation.text, ind->explanation.len);
    else
        jw_null(&o->w);
    text(o, "note", &r->note);
    actual(o, r);
    scoring(o, r);
    jw_end_object(&o->w);
}

/* ===== the tables ===== */

/* Depth first in source order; a category below the 二级 (an error) is
 * flattened into its 二级, as in the JSON model and the CSV. */
static void indicators_in(Out *o, const Keys *k, const Category *c, int depth,
                          const Category *l1, const Category *l2)
{
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_INDICATOR)
            indicator_line(o, k, (const Indicator *)item, l1, l2);
        else
            indicators_in(o, k, item, depth + 1, depth == 0 ? item : l1, depth == 1 ? item : l2);
    }
}

static void table(Out *o, const Table *t)
{
    Keys k = {t, emit_department(t), NULL, NULL};
    for (size_t i = 0; (k.tree = emit_next(t, FIELD_INDICATORS, &i));)
        indicators_in(o, &k, k.tree->root, 0, NULL, NULL);
}

static void evaluation(Out *o, const Table *e)
{
    const Table *t = emit_eval_target(e);
    Keys k = {e, t ? emit_department(t) : NULL, t ? kind_name(t->kind) : NULL, NULL};
    const Field *res = e->field[FIELD_RESULTS];
    for (size_t i = 0; res && i < res->lines.len; i++)
        result_line(o, &k, res->lines.items[i]);
}

void emit_jsonl(const Program *p, const EmitOptions *opt, StrBuf *out)
{
    Program *units = (Program *)p;
    Out o = {p, units, opt, program_unit(units, intern_cstr(&p->s->names, "万元")), {0}};
    jw_init_compact(&o.w, out);
    for (size_t i = 0; i < emit_table_count(p); i++)
        table(&o, emit_table(p, i));
    for (size_t i = 0; i < emit_evaluation_count(p); i++)
        evaluation(&o, emit_evaluation(p, i));
}
