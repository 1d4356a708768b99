/* emit_html: the official table layout (docs/html.md) as self-contained
 * HTML: inline CSS, no script, no external asset, so a reviewer can open,
 * mail or print the file anywhere (A4 landscape, one table per page).
 *
 * Each table is one <table class="form"> whose columns are shared by its
 * header block (<tbody class="head">) and its indicator grid (<tbody
 * class="indicators">), as on the spreadsheet form; 一级 and 二级 cells span
 * their indicators with rowspan, and an empty category keeps a row, as in
 * the seed. Names are shown as written (the table the user filed); only the
 * budget grid's column headings are the form's fixed, canonical ones.
 * Every user text goes through visible(): bidi controls shown as <U+202E>,
 * HTML escaped, line breaks as <br>. Amounts are padded to two decimals but never
 * rounded (emit_money); indicator values are exactly as written. */
#include <string.h>

#include "check.h"
#include "emit.h"

typedef enum Col {
    COL_FIRST,                  /* a project's 本年度绩效指标 column */
    COL_L1, COL_L2, COL_NAME, COL_OP, COL_VALUE, COL_UNIT, COL_EXPL,
    COL_WEIGHT, COL_STANDARD, COL_NOTE
} Col;

typedef struct Str {
    const char *s;              /* NULL: an empty cell */
    size_t n;
} Str;

typedef struct Pending {        /* a 一级/二级 cell waiting for its first row */
    bool set;
    const Category *cat;        /* NULL: a blank cell */
    size_t rows;
} Pending;

typedef struct Html {
    const Program *p;
    const EmitOptions *o;
    StrBuf *out;
    Arena *a;
    Col cols[12];               /* the indicator grid's columns, left to right */
    size_t ngrid;
    size_t ncols;               /* the whole form: ngrid, or more for a wide budget */
    Pending l1, l2;
} Html;

static Html html_init(const Program *p, const EmitOptions *o, StrBuf *out)
{
    Html h = {p, o, out, &p->s->arena, {COL_FIRST}, 0, 0, {0}, {0}};
    return h;
}

/* ===== text ===== */

static Str str(const char *s)
{
    Str r = {s, s ? strlen(s) : 0};
    return r;
}

static Str text_of(const Text *t)
{
    Str r = {t->text, t->text ? t->len : 0};
    return r;
}

/* HTML-escapes s (control characters are already shown as <U+0007> by
 * emit_visible_text). */
static void escaped(StrBuf *out, const char *s, size_t n, const char *newline)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': strbuf_adds(out, "&amp;"); break;
        case '<': strbuf_adds(out, "&lt;"); break;
        case '>': strbuf_adds(out, "&gt;"); break;
        case '"': strbuf_adds(out, "&quot;"); break;
        case '\'': strbuf_adds(out, "&#39;"); break;
        case '\n': strbuf_adds(out, newline); break;
        default:
            strbuf_addc(out, (char)c);
        }
    }
}

/* newline: "<br>" in the body, " " in the <title> (which holds only text). */
static void visible(Html *h, Str t, const char *newline)
{
    if (!t.s)
        return;
    StrBuf v = STRBUF_INIT;
    emit_visible_text(&v, t.s, t.n);
    escaped(h->out, strbuf_cstr(&v), v.len, newline);
    strbuf_release(&v);
}

static void text_n(Html *h, Str t)
{
    visible(h, t, "<br>");
}

static void text(Html *h, const char *s)
{
    text_n(h, str(s));
}

/* ===== values ===== */

/* Amounts in another unit than the form's 万元 say which. */
static Str money(Html *h, const Quantity *q)
{
    if (!q || !q->num.text)
        return str(NULL);
    const char *m = emit_money(h->a, &q->num);
    if (q->unit.text && strcmp(q->unit.text, "万元") != 0)
        m = arena_sprintf(h->a, "%s %s", m, q->unit.text);
    return str(m);
}

/* A range is shown 60～80, the usual way in Chinese documents; each end is
 * exactly as written. */
static Str value_of(Html *h, const Value *v)
{
    switch (v->kind) {
    case VAL_NUMBER: return str(v->lo.text);
    case VAL_RANGE: return str(arena_sprintf(h->a, "%s～%s", v->lo.text, v->hi.text));
    case VAL_DATE: return str(v->date.text);
    case VAL_DATES: return str(arena_sprintf(h->a, "%s～%s", v->date.text, v->date2.text));
    case VAL_TEXT:
    case VAL_WORD: return text_of(&v->text);
    case VAL_NONE: return str(NULL);
    }
    return str(NULL);
}

/* 2026-01-28 is shown 2026.1.28, as on the seed's form. */
static const char *date_of(Html *h, const Date *d)
{
    if (!d->ok)
        return d->text;
    if (d->day == 0)
        return arena_sprintf(h->a, "%d.%d", d->year, d->month);
    return arena_sprintf(h->a, "%d.%d.%d", d->year, d->month, d->day);
}

static Str period_of(Html *h, const Field *f)
{
    if (!f || !f->num.text)
        return str(NULL);
    if (f->is_range && f->num2.text)
        return str(arena_sprintf(h->a, "%s年—%s年", f->num.text, f->num2.text));
    return str(arena_sprintf(h->a, "%s年", f->num.text));
}

static const char *year_of(const Table *t)
{
    const Field *y = t->field[FIELD_YEAR];
    return y && y->num.ok ? y->num.text : NULL;
}

static const Quantity *total_amount(const Field *b)
{
    const BudgetLine *l = budget_total(b);
    return l && l->has_amount ? &l->amount : NULL;
}

/* A department's 资金总额, a project's 项目金额 (or its budget's 资金总额). */
static const Quantity *table_total(const Table *t)
{
    const Field *a = t->field[FIELD_AMOUNT];
    if (t->kind == TABLE_DEPARTMENT || !a)
        return total_amount(t->field[FIELD_BUDGET]);
    return &a->q;
}

/* ===== cells ===== */

static void open_cell(Html *h, const char *tag, const char *cls, size_t colspan, size_t rowspan)
{
    strbuf_addf(h->out, "<%s", tag);
    if (cls)
        strbuf_addf(h->out, " class=\"%s\"", cls);
    if (colspan > 1)
        strbuf_addf(h->out, " colspan=\"%zu\"", colspan);
    if (rowspan > 1)
        strbuf_addf(h->out, " rowspan=\"%zu\"", rowspan);
    strbuf_addc(h->out, '>');
}

/* A data cell; cls "t" for running text (left-aligned), "n" for amounts. */
static void td(Html *h, const char *cls, size_t colspan, size_t rowspan, Str s)
{
    open_cell(h, "td", cls, colspan, rowspan);
    text_n(h, s);
    strbuf_adds(h->out, "</td>");
}

static void th(Html *h, size_t colspan, size_t rowspan, const char *label)
{
    open_cell(h, "th", NULL, colspan, rowspan);
    text(h, label);
    strbuf_adds(h->out, "</th>");
}

/* ===== columns ===== */

enum { USES_EXPL = 1, USES_WEIGHT = 2, USES_STANDARD = 4 };

static unsigned attrs_used(const Category *c)
{
    unsigned m = 0;
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_CATEGORY) {
            m |= attrs_used(item);
            continue;
        }
        const Indicator *ind = (const Indicator *)item;
        m |= (ind->explanation.text ? USES_EXPL : 0u) | (ind->has_weight ? USES_WEIGHT : 0u)
           | (ind->standard.text ? USES_STANDARD : 0u);
    }
    return m;
}

static void add_col(Html *h, Col c)
{
    h->cols[h->ngrid++] = c;
}

/* The seed's columns; 指标值说明 in a project, 分值 and 指标值设定依据 in
 * either, only when some indicator has one, so no data is dropped and the
 * seed's own layout stays exact. min_width: the budget grid's width. */
static void choose_columns(Html *h, const Table *t, size_t min_width)
{
    const Field *f = t->field[FIELD_INDICATORS];
    unsigned used = f && f->root ? attrs_used(f->root) : 0;
    bool dept = t->kind == TABLE_DEPARTMENT;
    h->ngrid = 0;
    if (!dept)
        add_col(h, COL_FIRST);
    add_col(h, COL_L1);
    add_col(h, COL_L2);
    add_col(h, COL_NAME);
    if (dept)
        add_col(h, COL_OP);
    add_col(h, COL_VALUE);
    add_col(h, COL_UNIT);
    if (!dept)
        add_col(h, COL_OP);
    if (dept || (used & USES_EXPL))
        add_col(h, COL_EXPL);
    if (used & USES_WEIGHT)
        add_col(h, COL_WEIGHT);
    if (used & USES_STANDARD)
        add_col(h, COL_STANDARD);
    add_col(h, COL_NOTE);
    h->ncols = h->ngrid > min_width ? h->ngrid : min_width;
}

static const char *col_label(Col c)
{
    static const char *const labels[] = {
        "本年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "度量单位",
        "指标值说明（指标解释）", "分值", "指标值设定依据", "备注"};
    return labels[c];
}

/* Relative widths: long text gets room, short codes little. */
static size_t col_weight(const Html *h, size_t i)
{
    static const size_t weights[] = {10, 9, 10, 18, 7, 10, 7, 22, 6, 9, 10};
    return i < h->ngrid ? weights[h->cols[i]] : 9;
}

/* Percentages in integer hundredths that add up to at most 100%, so the
 * fixed layout never grows wider than the page. */
static void colgroup(Html *h)
{
    size_t total = 0;
    for (size_t i = 0; i < h->ncols; i++)
        total += col_weight(h, i);
    strbuf_adds(h->out, "<colgroup>");
    for (size_t i = 0; i < h->ncols; i++) {
        size_t w = col_weight(h, i) * 10000 / total;
        strbuf_addf(h->out, "<col style=\"width:%zu.%02zu%%\">", w / 100, w % 100);
    }
    strbuf_adds(h->out, "</colgroup>\n");
}

/* The last grid column absorbs the columns a wider budget grid added. */
static size_t col_span(const Html *h, size_t i)
{
    return i + 1 == h->ngrid ? 1 + h->ncols - h->ngrid : 1;
}

/* ===== the header block ===== */

static void label_row(Html *h, const char *label, Str value)
{
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1, label);
    td(h, "t", h->ncols - 1, 1, value);
    strbuf_adds(h->out, "</tr>\n");
}

static Str field_text(const Table *t, FieldKind k)
{
    const Field *f = t->field[k];
    return f ? text_of(&f->text) : str(NULL);
}

/* Several duty statements share the one 年度履职目标 cell, a line each. */
static void duty_row(Html *h, const Table *t)
{
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1, "年度履职目标");
    open_cell(h, "td", "t", h->ncols - 1, 1);
    bool first = true;
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind != FIELD_DUTY)
            continue;
        if (!first)
            strbuf_adds(h->out, "<br>");
        text_n(h, text_of(&f->text));
        first = false;
    }
    strbuf_adds(h->out, "</td></tr>\n");
}

static size_t count_tasks(const Table *t, bool *amounts)
{
    size_t n = 0;
    *amounts = false;
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        n += f->kind == FIELD_TASK;
        *amounts |= f->kind == FIELD_TASK && f->has_q;
    }
    return n;
}

static void task_row(Html *h, const Field *f, size_t name_span, bool amounts)
{
    size_t content_span = h->ncols - 1 - name_span - amounts;
    strbuf_adds(h->out, "<tr>");
    td(h, NULL, name_span, 1, f ? text_of(&f->text) : str(NULL));
    if (amounts)
        td(h, "n", 1, 1, f && f->has_q ? money(h, &f->q) : str(NULL));
    td(h, "t", content_span, 1, f ? text_of(&f->text2) : str(NULL));
    strbuf_adds(h->out, "</tr>\n");
}

/* 年度主要任务: a 预算金额 column only when some task has an amount (the
 * seed's tasks have none); a table without tasks keeps one blank row. */
static void task_rows(Html *h, const Table *t)
{
    bool amounts;
    size_t n = count_tasks(t, &amounts);
    size_t name_span = amounts ? 2 : 3;
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1 + (n ? n : 1), "年度主要任务");
    th(h, name_span, 1, "任务名称");
    if (amounts)
        th(h, 1, 1, "预算金额");
    th(h, h->ncols - 1 - name_span - amounts, 1, "主要内容");
    strbuf_adds(h->out, "</tr>\n");
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind == FIELD_TASK)
            task_row(h, f, name_span, amounts);
    }
    if (!n)
        task_row(h, NULL, name_span, amounts);
}

/* ===== 预算情况 ===== */

typedef struct Budget {
    const Field *f;
    PtrVec src, nat;            /* column headings: the form's, then any other */
} Budget;

static const char *line_name(const BudgetLine *l)
{
    return l->canonical ? l->canonical : l->name.text;
}

static void add_heading(Html *h, PtrVec *v, const char *name)
{
    for (size_t i = 0; i < v->len; i++)
        if (strcmp(v->items[i], name) == 0)
            return;
    ptrvec_push(h->a, v, (void *)name);
}

/* The seed's four income and two expenditure columns are always there
 * (blank when the source gives no line, as the seed leaves them); a line
 * under any other name (国有资本经营预算, 上年结转) gets a column of its own. */
static Budget budget_columns(Html *h, const Table *t)
{
    static const char *const src[] = {"一般公共预算", "政府性基金拨款", "财政专户管理资金", "其他资金"};
    static const char *const nat[] = {"基本支出", "项目支出"};
    Budget b = {t->field[FIELD_BUDGET], {0}, {0}};
    for (size_t i = 0; i < ARRAY_LEN(src); i++)
        add_heading(h, &b.src, src[i]);
    for (size_t i = 0; i < ARRAY_LEN(nat); i++)
        add_heading(h, &b.nat, nat[i]);
    for (size_t i = 0; b.f && i < b.f->lines.len; i++) {
        const BudgetLine *l = b.f->lines.items[i];
        if (l->kind != BUDGET_TOTAL && line_name(l))
            add_heading(h, l->kind == BUDGET_SOURCE ? &b.src : &b.nat, line_name(l));
    }
    return b;
}

static const Quantity *line_amount(const Budget *b, BudgetLineKind k, const char *name)
{
    for (size_t i = 0; b->f && i < b->f->lines.len; i++) {
        const BudgetLine *l = b->f->lines.items[i];
        if (l->kind == k && line_name(l) && strcmp(line_name(l), name) == 0)
            return &l->amount;
    }
    return NULL;
}

/* Headings (th) or amounts (td) of one group of budget columns; the last
 * column absorbs any columns the indicator grid has beyond the budget's. */
static void budget_group(Html *h, const Budget *b, BudgetLineKind k, bool amounts, size_t extra)
{
    const PtrVec *v = k == BUDGET_SOURCE ? &b->src : &b->nat;
    for (size_t i = 0; i < v->len; i++) {
        size_t span = i + 1 == v->len ? 1 + extra : 1;
        if (amounts)
            td(h, "n", span, 1, money(h, line_amount(b, k, v->items[i])));
        else
            th(h, span, 1, v->items[i]);
    }
}

static void budget_rows(Html *h, const Budget *b)
{
    size_t extra = h->ncols - (2 + b->src.len + b->nat.len);
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 3, "预算情况");
    th(h, 1, 1, "资金总额");
    th(h, b->src.len, 1, "按收入性质分");
    th(h, b->nat.len + extra, 1, "按支出性质分");
    strbuf_adds(h->out, "</tr>\n<tr>");
    td(h, "n", 1, 2, money(h, total_amount(b->f)));
    budget_group(h, b, BUDGET_SOURCE, false, 0);
    budget_group(h, b, BUDGET_NATURE, false, extra);
    strbuf_adds(h->out, "</tr>\n<tr>");
    budget_group(h, b, BUDGET_SOURCE, true, 0);
    budget_group(h, b, BUDGET_NATURE, true, extra);
    strbuf_adds(h->out, "</tr>\n");
}

static void department_head(Html *h, const Table *t, const Budget *b)
{
    strbuf_adds(h->out, "<tbody class=\"head\">\n");
    label_row(h, "部门（单位）名称", text_of(&t->name));
    duty_row(h, t);
    task_rows(h, t);
    budget_rows(h, b);
    strbuf_adds(h->out, "</tbody>\n");
}

/* ===== a project's header block ===== */

static void amount_row(Html *h, const Table *t)
{
    const Field *a = t->field[FIELD_AMOUNT], *c = t->field[FIELD_CATEGORY];
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1, "项目金额");
    td(h, "n", 2, 1, money(h, a ? &a->q : NULL));
    th(h, 1, 1, "项目类别");
    td(h, NULL, h->ncols - 4, 1, str(c ? c->name.text : NULL));
    strbuf_adds(h->out, "</tr>\n");
}

/* 资金来源 (funding), which the seed's form has no row for: one row, the
 * lines as written, so nothing the table says is left out. */
static void funding_row(Html *h, const Field *f)
{
    StrBuf sb = STRBUF_INIT;
    for (size_t i = 0; i < f->lines.len; i++) {
        const BudgetLine *l = f->lines.items[i];
        Str m = money(h, &l->amount);
        strbuf_addf(&sb, "%s%s：%s", i ? "；" : "", l->name.text ? l->name.text : "",
                    m.s ? m.s : "");
    }
    label_row(h, "资金来源", str(arena_strndup(h->a, strbuf_cstr(&sb), sb.len)));
    strbuf_release(&sb);
}

static void project_head(Html *h, const Table *t)
{
    strbuf_adds(h->out, "<tbody class=\"head\">\n");
    label_row(h, "项目名称", text_of(&t->name));
    amount_row(h, t);
    if (t->field[FIELD_FUNDING])
        funding_row(h, t->field[FIELD_FUNDING]);
    label_row(h, "项目支出实施期", period_of(h, t->field[FIELD_PERIOD]));
    label_row(h, "本年度绩效目标", field_text(t, FIELD_GOAL));
    strbuf_adds(h->out, "</tbody>\n");
}

/* ===== the indicator grid ===== */

static size_t max1(size_t n)
{
    return n ? n : 1;
}

/* Rows under a 一级 category: one per indicator, one per empty 二级. */
static size_t level1_rows(const Category *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        n += item->kind == NODE_INDICATOR ? 1 : max1(emit_indicator_count(item));
    }
    return max1(n);
}

static size_t grid_rows(const Category *root)
{
    size_t n = 0;
    for (size_t i = 0; i < root->items.len; i++) {
        const Category *item = root->items.items[i];
        n += item->kind == NODE_INDICATOR ? 1 : level1_rows(item);
    }
    return n;
}

static void grid_header(Html *h, size_t rows)
{
    strbuf_adds(h->out, "<tbody class=\"indicators\">\n<tr>");
    for (size_t i = 0; i < h->ngrid; i++)
        th(h, col_span(h, i), h->cols[i] == COL_FIRST ? rows + 1 : 1, col_label(h->cols[i]));
    strbuf_adds(h->out, "</tr>\n");
}

static void pend(Pending *p, const Category *c, size_t rows)
{
    Pending v = {true, c, rows};
    *p = v;
}

static void pending_cell(Html *h, Pending *p)
{
    if (!p->set)
        return;
    td(h, "cat", 1, p->rows, str(p->cat ? p->cat->name.text : NULL));
    p->set = false;
}

/* Opens a row with the 一级/二级 cells that start on it. */
static void row_begin(Html *h)
{
    strbuf_adds(h->out, "<tr>");
    pending_cell(h, &h->l1);
    pending_cell(h, &h->l2);
}

static bool is_category_col(Col c)
{
    return c == COL_FIRST || c == COL_L1 || c == COL_L2;
}

static void indicator_cell(Html *h, const Indicator *ind, Col c, size_t span)
{
    switch (c) {
    case COL_NAME: td(h, "t", span, 1, text_of(&ind->name)); break;
    case COL_OP: td(h, NULL, span, 1, str(op_symbol(ind->op))); break;
    case COL_VALUE: td(h, NULL, span, 1, value_of(h, &ind->value)); break;
    case COL_UNIT: td(h, NULL, span, 1, str(ind->unit.text)); break;
    case COL_EXPL: td(h, "t", span, 1, text_of(&ind->explanation)); break;
    case COL_WEIGHT: td(h, NULL, span, 1, str(ind->has_weight ? ind->weight.text : NULL)); break;
    case COL_STANDARD: td(h, NULL, span, 1, str(ind->standard.text)); break;
    case COL_NOTE: td(h, "t", span, 1, text_of(&ind->note)); break;
    default: break;
    }
}

/* ind NULL: the row of an empty category, blank after its name. */
static void indicator_row(Html *h, const Indicator *ind)
{
    row_begin(h);
    for (size_t i = 0; i < h->ngrid; i++) {
        if (is_category_col(h->cols[i]))
            continue;
        if (ind)
            indicator_cell(h, ind, h->cols[i], col_span(h, i));
        else
            td(h, NULL, col_span(h, i), 1, str(NULL));
    }
    strbuf_adds(h->out, "</tr>\n");
}

/* Categories below 二级 (a misplaced-category error) are flattened into
 * their 二级 cell, as in the JSON model. */
static void deep_rows(Html *h, const Category *c)
{
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_INDICATOR)
            indicator_row(h, (const Indicator *)item);
        else
            deep_rows(h, item);
    }
}

static void level2(Html *h, const Category *c)
{
    size_t n = emit_indicator_count(c);
    pend(&h->l2, c, max1(n));
    if (n)
        deep_rows(h, c);
    else
        indicator_row(h, NULL);
}

static void level1(Html *h, const Category *c)
{
    pend(&h->l1, c, level1_rows(c));
    if (!c->items.len) {
        pend(&h->l2, NULL, 1);
        indicator_row(h, NULL);
    }
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_CATEGORY) {
            level2(h, item);
            continue;
        }
        pend(&h->l2, NULL, 1);      /* an indicator right under its 一级 */
        indicator_row(h, (const Indicator *)item);
    }
}

static void grid(Html *h, const Table *t)
{
    const Field *f = t->field[FIELD_INDICATORS];
    Category none = {0};
    const Category *root = f && f->root ? f->root : &none;
    grid_header(h, grid_rows(root));
    for (size_t i = 0; i < root->items.len; i++) {
        const Category *item = root->items.items[i];
        if (item->kind == NODE_CATEGORY) {
            level1(h, item);
            continue;
        }
        pend(&h->l1, NULL, 1);      /* an indicator outside any category */
        pend(&h->l2, NULL, 1);
        indicator_row(h, (const Indicator *)item);
    }
    strbuf_adds(h->out, "</tbody>\n");
}

/* ===== a table ===== */

static void banner(Html *h, const char *zh, const char *en, size_t errors)
{
    strbuf_adds(h->out, "<div class=\"banner\" role=\"alert\">");
    text(h, zh);
    if (errors)
        strbuf_addf(h->out, "（%zu 个错误）", errors);
    strbuf_adds(h->out, " / ");
    text(h, en);
    if (errors)
        strbuf_addf(h->out, " (%zu error%s)", errors, errors == 1 ? "" : "s");
    strbuf_adds(h->out, "</div>\n");
}

/* Every page of a build with errors says so, in red: a printed page may
 * be filed on its own. */
static void table_banner(Html *h, const Table *t)
{
    size_t errors, warnings;
    if (!h->o->with_errors)
        return;
    emit_table_diags(h->p, t, &errors, &warnings);
    if (errors)
        banner(h, "本表含有错误，未通过 ptlc 检查", "this table has errors: it did not pass ptlc check",
               errors);
    else
        banner(h, "本表所在的程序含有错误，未通过 ptlc 检查",
               "the tables built with this one have errors: they did not pass ptlc check", 0);
}

/* Above the grid, as on the form: the attachment label, the title, then
 * the stamp space, the filer and date, and the unit. */
static void heading(Html *h, const Table *t)
{
    const Field *att = t->field[FIELD_ATTACHMENT], *filer = t->field[FIELD_FILER];
    const Field *filed = t->field[FIELD_FILED];
    if (att) {
        strbuf_adds(h->out, "<p class=\"attachment\">");
        text_n(h, text_of(&att->text));
        strbuf_adds(h->out, "</p>\n");
    }
    strbuf_adds(h->out, "<h1>");
    text(h, emit_title(h->a, t));
    strbuf_adds(h->out, "</h1>\n<div class=\"meta\"><span>填报单位（盖章）：</span><span class=\"filed\">");
    if (filer) {
        strbuf_adds(h->out, "填报人：");
        text_n(h, text_of(&filer->text));
        strbuf_adds(h->out, filed ? "　" : "");
    }
    if (filed)
        text(h, date_of(h, &filed->date));
    strbuf_adds(h->out, "</span><span>单位：万元</span></div>\n");
}

static void sheet(Html *h, const Table *t)
{
    bool dept = t->kind == TABLE_DEPARTMENT;
    Budget b = dept ? budget_columns(h, t) : (Budget){0};
    strbuf_addf(h->out, "<section class=\"sheet %s\">\n", dept ? "department" : "project");
    table_banner(h, t);
    heading(h, t);
    choose_columns(h, t, dept ? 2 + b.src.len + b.nat.len : 0);
    strbuf_adds(h->out, "<table class=\"form\">\n");
    colgroup(h);
    if (dept)
        department_head(h, t, &b);
    else
        project_head(h, t);
    grid(h, t);
    strbuf_adds(h->out, "</table>\n</section>\n");
}

/* ===== documents ===== */

/* Split in lines: ISO C limits a string literal's length. */
static const char *const css[] = {
    "@page { size: A4 landscape; margin: 12mm 10mm; }\n",
    "* { box-sizing: border-box; }\n",
    "html { color: #000; background: #fff; }\n",
    "body { margin: 0 auto; padding: 8px; max-width: 277mm; font-size: 10.5pt; line-height: 1.4;\n",
    "  font-family: \"SimSun\", \"宋体\", \"Songti SC\", \"Noto Serif CJK SC\", \"Source Han Serif SC\",\n",
    "    \"Noto Sans CJK SC\", \"WenQuanYi Zen Hei\", serif; overflow-wrap: anywhere; }\n",
    "h1, .attachment, th { font-family: \"SimHei\", \"黑体\", \"Heiti SC\", \"Noto Sans CJK SC\",\n",
    "  \"Source Han Sans SC\", \"Microsoft YaHei\", \"WenQuanYi Zen Hei\", sans-serif; }\n",
    "h1 { text-align: center; font-size: 18pt; margin: 4px 0 12px; }\n",
    ".attachment { margin: 0; font-size: 12pt; }\n",
    ".meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 24px;\n",
    "  margin: 0 0 4px; }\n",
    "table { width: 100%; border-collapse: collapse; table-layout: fixed; }\n",
    "th, td { border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle;\n",
    "  overflow-wrap: anywhere; word-break: break-word; }\n",
    "th { font-weight: bold; }\n",
    "td.t { text-align: left; }\n",
    "td.n { font-variant-numeric: tabular-nums; }\n",
    ".index td.n { text-align: right; }\n",
    ".banner { border: 3px solid #c00; background: #fee; color: #b00; font-weight: bold;\n",
    "  padding: 8px 12px; margin: 0 0 12px; }\n",
    "tr.errors td { color: #b00; font-weight: bold; }\n",
    ".sheet + .sheet { break-before: page; page-break-before: always; }\n",
    "@media screen { .sheet { margin-bottom: 32px; } }\n",
    "@media print { body { padding: 0; max-width: none; font-size: 9pt; line-height: 1.25; }\n",
    "  h1 { font-size: 15pt; margin: 0 0 6px; } th, td { padding: 1px 3px; }\n",
    "  tr { break-inside: avoid; }\n",
    "  .banner, tr.errors td { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }\n",
};

/* No script may run even if some text escaped its escaping: the policy
 * allows the inline style and nothing else. */
static void doc_begin(Html *h, const char *title)
{
    strbuf_adds(h->out, "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "style-src 'unsafe-inline'\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"generator\" content=\"ptlc " PTLC_VERSION "\">\n<title>");
    visible(h, str(title), " ");
    strbuf_adds(h->out, "</title>\n<style>\n");
    for (size_t i = 0; i < ARRAY_LEN(css); i++)
        strbuf_adds(h->out, css[i]);
    strbuf_adds(h->out, "</style>\n</head>\n<body>\n");
}

static void doc_end(Html *h)
{
    strbuf_adds(h->out, "</body>\n</html>\n");
}

static void program_banner(Html *h)
{
    if (h->o->with_errors)
        banner(h, "本文件含有错误，未通过 ptlc 检查", "this file has errors: it did not pass ptlc check",
               h->p->s->counts[SEV_ERROR]);
}

void emit_html(const Program *p, const EmitOptions *o, StrBuf *out)
{
    Html h = html_init(p, o, out);
    size_t n = emit_table_count(p);
    doc_begin(&h, arena_sprintf(h.a, "绩效目标表（%zu 张）", n));
    program_banner(&h);
    for (size_t i = 0; i < n; i++)
        sheet(&h, emit_table(p, i));
    if (!n)
        strbuf_adds(out, "<p>没有绩效目标表 / no tables</p>\n");
    doc_end(&h);
}

void emit_html_table(const Program *p, const Table *t, const EmitOptions *o, StrBuf *out)
{
    Html h = html_init(p, o, out);
    doc_begin(&h, arena_sprintf(h.a, "%s %s", t->name.text ? t->name.text : "",
                                emit_title(h.a, t)));
    sheet(&h, t);
    doc_end(&h);
}

/* ===== index.html ===== */

static void index_row(Html *h, size_t i, const char *href)
{
    const Table *t = emit_table(h->p, i);
    size_t errors, warnings;
    emit_table_diags(h->p, t, &errors, &warnings);
    strbuf_adds(h->out, errors ? "<tr class=\"errors\">" : "<tr>");
    td(h, NULL, 1, 1, str(arena_sprintf(h->a, "%zu", i + 1)));
    td(h, NULL, 1, 1, str(t->kind == TABLE_DEPARTMENT ? "部门整体支出" : "项目支出"));
    strbuf_adds(h->out, "<td class=\"t\"><a href=\"");
    text(h, href);
    strbuf_adds(h->out, "\">");
    text_n(h, t->name.text ? text_of(&t->name) : str("（无名称）"));
    strbuf_adds(h->out, "</a></td>");
    td(h, "t", 1, 1, str(emit_department(t)));
    td(h, NULL, 1, 1, str(year_of(t)));
    td(h, "n", 1, 1, money(h, table_total(t)));
    td(h, "n", 1, 1, str(arena_sprintf(h->a, "%zu", errors)));
    td(h, "n", 1, 1, str(arena_sprintf(h->a, "%zu", warnings)));
    strbuf_adds(h->out, "</tr>\n");
}

void emit_html_index(const Program *p, const EmitOptions *o, const char *const *hrefs,
                     StrBuf *out)
{
    static const char *const cols[] = {"序号", "表", "名称", "部门", "年度", "金额（万元）",
                                       "错误", "警告"};
    static const unsigned widths[] = {6, 11, 32, 21, 7, 11, 6, 6};    /* percent */
    Html h = html_init(p, o, out);
    doc_begin(&h, "绩效目标表目录");
    program_banner(&h);
    strbuf_adds(out, "<h1>绩效目标表目录</h1>\n<table class=\"index\">\n<colgroup>");
    for (size_t i = 0; i < ARRAY_LEN(widths); i++)
        strbuf_addf(out, "<col style=\"width:%u%%\">", widths[i]);
    strbuf_adds(out, "</colgroup>\n<thead><tr>");
    for (size_t i = 0; i < ARRAY_LEN(cols); i++)
        th(&h, 1, 1, cols[i]);
    strbuf_adds(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < emit_table_count(p); i++)
        index_row(&h, i, hrefs[i]);
    strbuf_adds(out, "</tbody>\n</table>\n");
    doc_end(&h);
}
