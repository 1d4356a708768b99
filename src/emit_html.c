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
    COL_L1, COL_L2, COL_NAME, COL_OP, COL_VALUE, COL_UNIT, COL_UNIT_COLUMN, COL_EXPL,
    COL_SCORING, COL_WEIGHT, COL_STANDARD, COL_NOTE,
    /* an evaluation's (绩效自评表): after 三级指标 */
    COL_TARGET, COL_ACTUAL, COL_POINTS, COL_SCORE, COL_REASON, COL_COUNT
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
    Col cols[COL_COUNT];        /* the indicator grid's columns, left to right */
    size_t ngrid;
    size_t ncols;               /* the whole form: ngrid, or more for a wide budget */
    Pending l1, l2;
    const Table *eval;          /* the evaluation whose grid is laid out, or NULL */
} Html;

static Html html_init(const Program *p, const EmitOptions *o, StrBuf *out)
{
    Html h = {p, o, out, &p->s->arena, {COL_FIRST}, 0, 0, {0}, {0}, NULL};
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

static void add_col(Html *h, Col c)
{
    h->cols[h->ngrid++] = c;
}

/* The seed's columns; 指标值说明 in a project, 计量单位, 评(扣)分标准, 分值
 * and 指标值设定依据 in either, only when some indicator of some tree has
 * one, so no data is dropped and the seed's own layout stays exact.
 * min_width: the budget's width. */
static void choose_columns(Html *h, const Table *t, size_t min_width)
{
    unsigned used = emit_columns_used(t);
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
    if (used & EMIT_USES_UNIT_COLUMN)
        add_col(h, COL_UNIT_COLUMN);
    if (!dept)
        add_col(h, COL_OP);
    if (dept || (used & EMIT_USES_EXPL))
        add_col(h, COL_EXPL);
    if (used & EMIT_USES_SCORING)
        add_col(h, COL_SCORING);
    if (used & EMIT_USES_WEIGHT)
        add_col(h, COL_WEIGHT);
    if (used & EMIT_USES_STANDARD)
        add_col(h, COL_STANDARD);
    add_col(h, COL_NOTE);
    h->ncols = h->ngrid > min_width ? h->ngrid : min_width;
}

static const char *col_label(Col c)
{
    static const char *const labels[] = {
        "本年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "度量单位",
        "计量单位", "指标值说明（指标解释）", "评(扣)分标准", "分值", "指标值设定依据", "备注",
        "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"};
    return labels[c];
}

/* Relative widths: long text gets room, short codes little. */
static size_t col_weight(const Html *h, size_t i)
{
    static const size_t weights[] = {10, 9, 10, 18, 7, 10, 7, 7, 22, 14, 6, 9, 10,
                                     12, 12, 6, 13, 17};
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

/* The name row; with a code (部门预算编码, 项目编码) the code takes the
 * row's last two columns, as the forms print it beside the name. */
static void name_row(Html *h, const Table *t, const char *label)
{
    const Field *code = t->field[FIELD_CODE];
    if (!code) {
        label_row(h, label, text_of(&t->name));
        return;
    }
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1, label);
    td(h, "t", h->ncols - 3, 1, text_of(&t->name));
    th(h, 1, 1, t->kind == TABLE_DEPARTMENT ? "部门预算编码" : "项目编码");
    td(h, NULL, 1, 1, text_of(&code->text));
    strbuf_adds(h->out, "</tr>\n");
}

/* ----- label and value pairs: orgs, people, attributes ----- */

typedef struct Pair {
    const char *label;
    Str value;
} Pair;

typedef struct Pairs {
    Pair *items;
    size_t len, cap;
} Pairs;

static void add_pair(Html *h, Pairs *ps, const char *label, Str value)
{
    if (ps->len == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 8;
        Pair *items = arena_alloc(h->a, cap * sizeof *items);
        if (ps->len)
            memcpy(items, ps->items, ps->len * sizeof *items);
        ps->items = items;
        ps->cap = cap;
    }
    ps->items[ps->len++] = (Pair){label, value};
}

static bool is_pair(const Field *f)
{
    return !f->ignored
        && (f->kind == FIELD_ORG || f->kind == FIELD_PERSON || f->kind == FIELD_ATTRIBUTE);
}

/* 主管部门 | 县民宗委 | 主管部门编码 | [077]; 项目负责人 | 徐德迁 | 联系电话 |
 * 13452649655: an org's code and a person's phone follow them. */
static void field_pairs(Html *h, Pairs *ps, const Field *f)
{
    add_pair(h, ps, f->name.text, text_of(&f->text));
    if (f->kind == FIELD_ORG && f->text2.text)
        add_pair(h, ps, arena_sprintf(h->a, "%s编码", f->name.text), text_of(&f->text2));
    if (f->kind == FIELD_PERSON && f->text2.text)
        add_pair(h, ps, "联系电话", text_of(&f->text2));
}

static Pairs form_pairs(Html *h, const Table *t)
{
    Pairs ps = {NULL, 0, 0};
    for (size_t i = 0; i < t->fields.len; i++)
        if (is_pair(t->fields.items[i]))
            field_pairs(h, &ps, t->fields.items[i]);
    return ps;
}

/* Two pairs a row, as on the forms; a last pair alone spans the row. */
static void pairs_rows(Html *h, Pairs ps)
{
    size_t left = (h->ncols - 2) / 2, right = h->ncols - 2 - left;
    for (size_t i = 0; i < ps.len; i += 2) {
        strbuf_adds(h->out, "<tr>");
        th(h, 1, 1, ps.items[i].label);
        if (i + 1 == ps.len) {
            td(h, "t", h->ncols - 1, 1, ps.items[i].value);
        } else {
            td(h, "t", left, 1, ps.items[i].value);
            th(h, 1, 1, ps.items[i + 1].label);
            td(h, "t", right, 1, ps.items[i + 1].value);
        }
        strbuf_adds(h->out, "</tr>\n");
    }
}

static void pair_rows(Html *h, const Table *t)
{
    pairs_rows(h, form_pairs(h, t));
}

/* text LABEL "...": 项目概况, 立项依据 ..., a labelled row each. */
static void text_rows(Html *h, const Table *t)
{
    const Field *f;
    for (size_t i = 0; (f = emit_next(t, FIELD_TEXT, &i));)
        label_row(h, f->name.text, text_of(&f->text));
}

/* ----- goals ----- */

/* One goal without a period: the form's single row (本年度绩效目标,
 * 年度总体目标). Goals of several periods side by side under 总体目标, as
 * the forms print 中期目标 beside 年度目标. */
static void goal_rows(Html *h, const Table *t, const char *single)
{
    size_t n = emit_count(t, FIELD_GOAL);
    const Field *main = t->field[FIELD_GOAL], *f;
    if (n == 0 && t->kind == TABLE_DEPARTMENT)
        return;
    if (n <= 1 && (!main || !main->name.text)) {
        label_row(h, single, main ? text_of(&main->text) : str(NULL));
        return;
    }
    if (n >= h->ncols) {    /* more periods than columns: a row each */
        for (size_t i = 0; (f = emit_next(t, FIELD_GOAL, &i));)
            label_row(h, arena_sprintf(h->a, "%s目标", emit_period_name(f)), text_of(&f->text));
        return;
    }
    size_t width = (h->ncols - 1) / n, k = 0;
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 2, "总体目标");
    for (size_t i = 0; (f = emit_next(t, FIELD_GOAL, &i)); k++)
        th(h, k + 1 == n ? h->ncols - 1 - width * k : width, 1,
           arena_sprintf(h->a, "%s目标", emit_period_name(f)));
    strbuf_adds(h->out, "</tr>\n<tr>");
    k = 0;
    for (size_t i = 0; (f = emit_next(t, FIELD_GOAL, &i)); k++)
        td(h, "t", k + 1 == n ? h->ncols - 1 - width * k : width, 1, text_of(&f->text));
    strbuf_adds(h->out, "</tr>\n");
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

/* ----- 年度主要任务 ----- */

typedef struct TaskCols {
    size_t n;                   /* tasks */
    size_t duty, name, amount, content;     /* column spans; 0: no such column */
} TaskCols;

/* 部门职能 first when some task serves one, 预算金额 when some task has an
 * amount (the seed's tasks have neither). */
static TaskCols task_cols(const Html *h, const Table *t)
{
    TaskCols c = {0, 0, 3, 0, 0};
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind != FIELD_TASK)
            continue;
        c.n++;
        c.amount |= f->has_q;
        c.duty = f->text3.text ? 2 : c.duty;
    }
    if (c.amount || c.duty)
        c.name = 2;
    c.content = h->ncols - 1 - c.duty - c.name - c.amount;
    return c;
}

static void task_row(Html *h, const Field *f, const TaskCols *c)
{
    strbuf_adds(h->out, "<tr>");
    if (c->duty)
        td(h, "t", c->duty, 1, f ? text_of(&f->text3) : str(NULL));
    td(h, NULL, c->name, 1, f ? text_of(&f->text) : str(NULL));
    if (c->amount)
        td(h, "n", 1, 1, f && f->has_q ? money(h, &f->q) : str(NULL));
    td(h, "t", c->content, 1, f ? text_of(&f->text2) : str(NULL));
    strbuf_adds(h->out, "</tr>\n");
}

/* A table without tasks keeps one blank row. */
static void task_rows(Html *h, const Table *t)
{
    TaskCols c = task_cols(h, t);
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1 + (c.n ? c.n : 1), "年度主要任务");
    if (c.duty)
        th(h, c.duty, 1, "部门职能");
    th(h, c.name, 1, "任务名称");
    if (c.amount)
        th(h, 1, 1, "预算金额");
    th(h, c.content, 1, "主要内容");
    strbuf_adds(h->out, "</tr>\n");
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind == FIELD_TASK)
            task_row(h, f, &c);
    }
    if (!c.n)
        task_row(h, NULL, &c);
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
        if (l->kind == k && l->has_amount && line_name(l) && strcmp(line_name(l), name) == 0)
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

/* The seed's grid: 资金总额, then a column per income and spending line. */
static void budget_grid(Html *h, const Budget *b)
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

/* ----- the budget as a list: a row per line, a column per figure ----- */

static size_t list_amount_cols(const EmitBudgets *eb)
{
    size_t n = 0;
    for (size_t k = 0; k < eb->nfigure; k++)
        n += 1 + eb->shares[k];
    return n;
}

/* The list's columns: label, group, name, then the figures' amounts. */
static size_t list_width(const EmitBudgets *eb)
{
    return 3 + list_amount_cols(eb);
}

static const char *figure_heading(const EmitBudgets *eb, size_t k)
{
    const Field *f = eb->figure[k];
    return eb->nfigure == 1 && !f->name.text ? "金额" : emit_period_name(f);
}

static void list_row(Html *h, const EmitBudgets *eb, size_t r, size_t name_span)
{
    const EmitBudgetRow *row = &eb->row[r];
    strbuf_adds(h->out, "<tr>");
    if (row->kind == BUDGET_TOTAL)
        th(h, 1 + name_span, 1, "资金总额");
    else {
        if (r == 0 || eb->row[r - 1].kind != row->kind)
            th(h, 1, emit_budget_group_rows(eb, r),
               row->kind == BUDGET_SOURCE ? "按收入性质分" : "按支出性质分");
        td(h, "t", name_span, 1, str(emit_part_label(h->a, row->name, row->depth)));
    }
    for (size_t k = 0; k < eb->nfigure; k++) {
        const BudgetLine *l = row->line[k];
        td(h, "n", 1, 1, money(h, l && l->has_amount ? &l->amount : NULL));
        if (eb->shares[k])
            td(h, "n", 1, 1, str(l && l->share.text ? arena_sprintf(h->a, "%s%%", l->share.text)
                                                   : NULL));
    }
    strbuf_adds(h->out, "</tr>\n");
}

/* Every figure (年度, 中期 ...) side by side, with its 占比 and each line's
 * own split (其中) below it, as the forms that print those lay them out. */
static void budget_list(Html *h, const Table *t)
{
    EmitBudgets eb = emit_budgets(h->a, t);
    if (!eb.nfigure)
        return;
    size_t name_span = h->ncols - 2 - list_amount_cols(&eb);
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1 + eb.nrow, t->kind == TABLE_DEPARTMENT ? "预算情况" : "项目资金");
    th(h, 1 + name_span, 1, "资金构成");
    for (size_t k = 0; k < eb.nfigure; k++) {
        th(h, 1, 1, figure_heading(&eb, k));
        if (eb.shares[k])
            th(h, 1, 1, "占比");
    }
    strbuf_adds(h->out, "</tr>\n");
    for (size_t r = 0; r < eb.nrow; r++)
        list_row(h, &eb, r, name_span);
}

/* ----- breakdowns: 项目预算成本构成 and the like ----- */

static void breakdown(Html *h, const Field *f)
{
    EmitPartRow *rows;
    size_t n = emit_part_rows(h->a, f, &rows);
    size_t name_span = (h->ncols - 2) / 2, basis_span = h->ncols - 2 - name_span;
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1 + n, f->text.text);
    th(h, name_span, 1, "名称");
    th(h, 1, 1, "金额");
    th(h, basis_span, 1, "测算依据");
    strbuf_adds(h->out, "</tr>\n");
    for (size_t i = 0; i < n; i++) {
        const Part *pt = rows[i].part;
        strbuf_adds(h->out, "<tr>");
        td(h, "t", name_span, 1, str(emit_part_label(h->a, pt->name.text, rows[i].depth)));
        td(h, "n", 1, 1, money(h, pt->has_amount ? &pt->amount : NULL));
        td(h, "t", basis_span, 1, text_of(&pt->basis));
        strbuf_adds(h->out, "</tr>\n");
    }
}

static void breakdowns(Html *h, const Table *t)
{
    const Field *f;
    for (size_t i = 0; (f = emit_next(t, FIELD_BREAKDOWN, &i));)
        breakdown(h, f);
}

/* The width the budget needs: the seed's grid, or the list. */
static size_t budget_width(Arena *a, const Table *t, const Budget *b)
{
    if (emit_budget_fits_grid(t))
        return 2 + b->src.len + b->nat.len;
    EmitBudgets eb = emit_budgets(a, t);
    return eb.nfigure ? list_width(&eb) : 0;
}

static void department_head(Html *h, const Table *t, const Budget *b)
{
    strbuf_adds(h->out, "<tbody class=\"head\">\n");
    name_row(h, t, "部门（单位）名称");
    pair_rows(h, t);
    duty_row(h, t);
    goal_rows(h, t, "年度总体目标");
    text_rows(h, t);
    task_rows(h, t);
    if (emit_budget_fits_grid(t))
        budget_grid(h, b);
    else
        budget_list(h, t);
    breakdowns(h, t);
    strbuf_adds(h->out, "</tbody>\n");
}

/* ===== a project's header block ===== */

/* 项目金额: the amount, else its budget's 资金总额 (what the checker reads). */
static void amount_row(Html *h, const Table *t)
{
    const Field *c = t->field[FIELD_CATEGORY];
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1, "项目金额");
    td(h, "n", 2, 1, money(h, table_total(t)));
    th(h, 1, 1, "项目类别");
    td(h, NULL, h->ncols - 4, 1, str(c ? c->name.text : NULL));
    strbuf_adds(h->out, "</tr>\n");
}

/* 一般公共预算：15.00；上年结转：5.00 — a line's 占比 and its own split
 * (其中) follow it in brackets. */
static void funding_text(Html *h, StrBuf *sb, const PtrVec *lines)
{
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *l = lines->items[i];
        Str m = money(h, l->has_amount ? &l->amount : NULL);
        strbuf_addf(sb, "%s%s：%s", i ? "；" : "", l->name.text ? l->name.text : "",
                    m.s ? m.s : "");
        if (l->share.text)
            strbuf_addf(sb, "（占比%s%%）", l->share.text);
        if (l->parts.len) {
            strbuf_adds(sb, "（其中：");
            funding_text(h, sb, &l->parts);
            strbuf_adds(sb, "）");
        }
    }
}

/* 资金来源 (funding), which the seed's form has no row for: one row, the
 * lines as written, so nothing the table says is left out. */
static void funding_row(Html *h, const Field *f)
{
    StrBuf sb = STRBUF_INIT;
    funding_text(h, &sb, &f->lines);
    label_row(h, "资金来源", str(arena_strndup(h->a, strbuf_cstr(&sb), sb.len)));
    strbuf_release(&sb);
}

static void project_head(Html *h, const Table *t)
{
    strbuf_adds(h->out, "<tbody class=\"head\">\n");
    name_row(h, t, "项目名称");
    pair_rows(h, t);
    amount_row(h, t);
    if (t->field[FIELD_FUNDING])
        funding_row(h, t->field[FIELD_FUNDING]);
    label_row(h, "项目支出实施期", str(emit_period(h->a, t->field[FIELD_PERIOD])));
    budget_list(h, t);
    text_rows(h, t);
    breakdowns(h, t);
    goal_rows(h, t, "本年度绩效目标");
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

/* title: a row above the heads (a department's 长期绩效指标); first: the
 * text of a project's first column (本年度绩效指标, 长期绩效指标). */
static void grid_header(Html *h, size_t rows, const char *title, const char *first)
{
    strbuf_adds(h->out, "<tbody class=\"indicators\">\n");
    if (title) {
        strbuf_adds(h->out, "<tr class=\"title\">");
        th(h, h->ncols, 1, title);
        strbuf_adds(h->out, "</tr>\n");
    }
    strbuf_adds(h->out, "<tr>");
    for (size_t i = 0; i < h->ngrid; i++)
        th(h, col_span(h, i), h->cols[i] == COL_FIRST ? rows + 1 : 1,
           h->cols[i] == COL_FIRST ? first : col_label(h->cols[i]));
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
    td(h, "cat", 1, p->rows, str(p->cat ? emit_category_label(h->a, p->cat) : NULL));
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

/* ----- an evaluation's columns: 年度指标值 … 偏差原因 ----- */

/* The computed 得分, and the written one beside it when it differs:
 * "9.78（填报 10）". */
static Str score_text(Html *h, const Result *r)
{
    const char *mark = emit_written_mark(h->a, &r->scored, NULL, r->score, r->has_score);
    if (!r->has_score)
        return str(*mark ? mark : NULL);
    return str(arena_sprintf(h->a, "%s%s", emit_decimal(h->a, r->score), mark));
}

/* 偏差原因分析及改进措施, and a note below it (the form has no 备注). */
static Str reason_text(Html *h, const Result *r)
{
    if (!r->note.text)
        return text_of(&r->reason);
    return str(arena_sprintf(h->a, "%s%s备注：%s", r->reason.text ? r->reason.text : "",
                             r->reason.text ? "\n" : "", r->note.text));
}

/* r NULL: an indicator the evaluation gives no result (blank cells). */
static void eval_cell(Html *h, Col c, size_t span, const Indicator *ind, const Result *r)
{
    switch (c) {
    case COL_TARGET: td(h, NULL, span, 1, str(ind ? emit_target_text(h->a, ind) : NULL)); return;
    case COL_ACTUAL: td(h, NULL, span, 1, str(r ? emit_actual_text(h->a, r) : NULL)); return;
    case COL_POINTS:
        td(h, "n", span, 1, str(!r ? NULL : r->has_max ? emit_decimal(h->a, r->max) : r->points.text));
        return;
    case COL_SCORE: td(h, "n", span, 1, r ? score_text(h, r) : str(NULL)); return;
    case COL_REASON: td(h, "t", span, 1, r ? reason_text(h, r) : str(NULL)); return;
    default: return;
    }
}

static void indicator_cell(Html *h, const Indicator *ind, Col c, size_t span)
{
    switch (c) {
    case COL_NAME: td(h, "t", span, 1, text_of(&ind->name)); break;
    case COL_OP: td(h, NULL, span, 1, str(op_symbol(ind->op))); break;
    case COL_VALUE: td(h, NULL, span, 1, value_of(h, &ind->value)); break;
    case COL_UNIT: td(h, NULL, span, 1, str(ind->unit.text)); break;
    case COL_UNIT_COLUMN: td(h, NULL, span, 1, str(ind->more->unit_column.text)); break;
    case COL_EXPL: td(h, "t", span, 1, text_of(&ind->explanation)); break;
    case COL_SCORING: td(h, "t", span, 1, text_of(&ind->more->scoring)); break;
    case COL_WEIGHT: td(h, NULL, span, 1, str(ind->more->has_weight ? ind->more->weight.text : NULL)); break;
    case COL_STANDARD: td(h, NULL, span, 1, str(ind->more->standard.text)); break;
    case COL_NOTE: td(h, "t", span, 1, text_of(&ind->more->note)); break;
    case COL_TARGET: case COL_ACTUAL: case COL_POINTS: case COL_SCORE: case COL_REASON:
        eval_cell(h, c, span, ind, emit_result_of(h->eval, ind));
        break;
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

static void grid(Html *h, const Field *tree, const char *title, const char *first)
{
    Category none = {0};
    const Category *root = tree && tree->root ? tree->root : &none;
    grid_header(h, grid_rows(root), title, first);
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

/* The year's tree, then each other one (长期, 中期 ...) as a grid of its
 * own below it, titled, as the forms print 长期绩效指标 apart. */
static void grids(Html *h, const Table *t)
{
    const Field *main = t->field[FIELD_INDICATORS], *f;
    bool dept = t->kind == TABLE_DEPARTMENT, several = emit_count(t, FIELD_INDICATORS) > 1;
    grid(h, main, dept && several ? "年度绩效指标" : NULL, col_label(COL_FIRST));
    for (size_t i = 0; (f = emit_next(t, FIELD_INDICATORS, &i));) {
        if (f == main)
            continue;
        const char *title = arena_sprintf(h->a, "%s绩效指标", emit_period_name(f));
        grid(h, f, dept ? title : NULL, title);
    }
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
        text(h, emit_form_date(h->a, &filed->date));
    strbuf_adds(h->out, "</span><span>单位：万元</span></div>\n");
}

static void sheet(Html *h, const Table *t)
{
    bool dept = t->kind == TABLE_DEPARTMENT;
    Budget b = dept ? budget_columns(h, t) : (Budget){0};   /* the seed's grid */
    strbuf_addf(h->out, "<section class=\"sheet %s\">\n", dept ? "department" : "project");
    table_banner(h, t);
    heading(h, t);
    choose_columns(h, t, budget_width(h->a, t, &b));
    strbuf_adds(h->out, "<table class=\"form\">\n");
    colgroup(h);
    if (dept)
        department_head(h, t, &b);
    else
        project_head(h, t);
    grids(h, t);
    strbuf_adds(h->out, "</table>\n</section>\n");
}

/* ===== self-evaluations (绩效自评表) ===== */

/* The form of 财预〔2020〕10号 as the provinces print it (008, 019): the
 * header rows, 项目资金, 年度总体目标, then the indicator grid with the
 * actual values and scores beside the targets, and the 总分. Its columns:
 * a label column, then the grid's eight. */
static void eval_columns(Html *h)
{
    static const Col cols[] = {COL_FIRST, COL_L1, COL_L2, COL_NAME, COL_TARGET, COL_ACTUAL,
                               COL_POINTS, COL_SCORE, COL_REASON};
    h->ngrid = 0;
    for (size_t i = 0; i < ARRAY_LEN(cols); i++)
        add_col(h, cols[i]);
    h->ncols = h->ngrid;
}


/* 219-池州市贵池区棠溪镇人民政府, as 008 prints an org with its code. */
static Str org_text(Html *h, const Field *org)
{
    if (!org || !org->text2.text)
        return org ? text_of(&org->text) : str(NULL);
    return str(arena_sprintf(h->a, "%s%s%s", org->text2.text,
                             org->text2.text[0] == '[' ? "" : "-", org->text.text));
}


/* 项目名称 (部门（单位）名称), with its code: the evaluation's, else the
 * target's. */
static void eval_name_row(Html *h, const Table *e, const Table *t)
{
    bool dept = emit_eval_is_department(e);
    const Field *code = e->field[FIELD_CODE] ? e->field[FIELD_CODE] : t ? t->field[FIELD_CODE] : NULL;
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1, dept ? "部门（单位）名称" : "项目名称");
    td(h, "t", code ? h->ncols - 3 : h->ncols - 1, 1, text_of(&e->name));
    if (code) {
        th(h, 1, 1, dept ? "部门预算编码" : "项目编码");
        td(h, NULL, 1, 1, text_of(&code->text));
    }
    strbuf_adds(h->out, "</tr>\n");
}

/* 主管部门 | 实施单位, which the form always prints for a project (主管部门
 * is the project's department when no org says it); a department's only
 * when one of them is given. */
static void eval_org_row(Html *h, const Table *e, const Table *t)
{
    const Field *boss = emit_stated(e, t, FIELD_ORG, "主管部门"), *unit = emit_stated(e, t, FIELD_ORG, "实施单位");
    const Field *owner = t ? t->field[FIELD_DEPARTMENT] : NULL;
    if (emit_eval_is_department(e) && !boss && !unit)
        return;
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1, "主管部门");
    td(h, "t", 3, 1, boss || !owner ? org_text(h, boss) : text_of(&owner->text));
    th(h, 1, 1, "实施单位");
    td(h, "t", h->ncols - 5, 1, org_text(h, unit));
    strbuf_adds(h->out, "</tr>\n");
}

/* The other orgs, people and attributes: the evaluation's, then the
 * target's it does not restate. */
static void eval_pairs(Html *h, const Table *e, const Table *t)
{
    Pairs ps = {NULL, 0, 0};
    for (size_t i = 0; i < e->fields.len; i++)
        if (is_pair(e->fields.items[i]) && !emit_fixed_org(e->fields.items[i]))
            field_pairs(h, &ps, e->fields.items[i]);
    for (size_t i = 0; t && i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (is_pair(f) && !emit_fixed_org(f) && !emit_labelled_field(e, f->kind, f->name.text))
            field_pairs(h, &ps, f);
    }
    pairs_rows(h, ps);
}

/* A figure the checker computed, with what the table wrote beside it when
 * that differs, or alone, marked, when nothing could be computed. */
static Str computed(Html *h, bool has, Decimal d, const Number *written)
{
    const char *mark = emit_written_mark(h->a, written, NULL, d, has);
    if (!has)
        return str(*mark ? mark : NULL);
    return str(arena_sprintf(h->a, "%s%s", emit_decimal(h->a, d), mark));
}

static Str exec_rate(Html *h, const EmitExecRow *r)
{
    const ExecLine *l = r->line;
    if (r->has_rate)
        return str(arena_sprintf(h->a, "%s%%%s", emit_decimal(h->a, r->rate),
                                 emit_rate_mark(h->a, l, r->rate)));
    if (!l || !l->rate.text)
        return str(NULL);
    const char *printed = arena_sprintf(h->a, "%s%s", l->rate.text, l->rate_percent ? "%" : "");
    return str(r->kind == BUDGET_TOTAL ? arena_sprintf(h->a, "（填报 %s）", printed) : printed);
}

static void exec_row(Html *h, const EmitExecution *x, size_t i, size_t name_span)
{
    const EmitExecRow *r = &x->row[i];
    const ExecLine *l = r->line;
    const char *name = emit_exec_label(h->a, x, i);
    strbuf_adds(h->out, "<tr>");
    td(h, "t", name_span, 1, str(name));
    if (x->initial)
        td(h, "n", 1, 1, money(h, r->initial));
    td(h, "n", 1, 1, money(h, r->budget));
    td(h, "n", 1, 1, money(h, l && l->has_spent ? &l->spent : NULL));
    /* a source's 分值 and 得分 are only ever as printed (013 prints them) */
    bool total = r->kind == BUDGET_TOTAL;
    td(h, "n", 1, 1, r->has_score ? str(emit_decimal(h->a, r->points))
                                  : str(l ? l->points.text : NULL));
    td(h, "n", 1, 1, exec_rate(h, r));
    td(h, "n", 1, 1, total ? computed(h, r->has_score, r->score, l ? &l->scored : NULL)
                           : str(l ? l->scored.text : NULL));
    strbuf_adds(h->out, "</tr>\n");
}

/* 项目资金（万元）: a row per line, the figures of 008's form in columns
 * (年初预算数 only when there is one, emit_execution). */
static void exec_grid(Html *h, const Table *e)
{
    static const char *const heads[] = {"全年预算数", "全年执行数", "分值", "执行率", "得分"};
    EmitExecution x = emit_execution(h->p, e);
    size_t name_span = h->ncols - 1 - ARRAY_LEN(heads) - (x.initial != NULL);
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 1 + x.nrow, emit_eval_is_department(e) ? "预算执行情况（万元）" : "项目资金（万元）");
    th(h, name_span, 1, NULL);
    if (x.initial)
        th(h, 1, 1, "年初预算数");
    for (size_t i = 0; i < ARRAY_LEN(heads); i++)
        th(h, 1, 1, heads[i]);
    strbuf_adds(h->out, "</tr>\n");
    for (size_t i = 0; i < x.nrow; i++)
        exec_row(h, &x, i, name_span);
}

/* 年度总体目标: 预期目标 (the target's goal) | 实际完成情况 (the outcome). */
static void eval_goal(Html *h, const Table *e, const Table *t)
{
    const Field *goal = t ? t->field[FIELD_GOAL] : NULL, *outcome = e->field[FIELD_OUTCOME];
    size_t left = (h->ncols - 1) / 2, right = h->ncols - 1 - left;
    strbuf_adds(h->out, "<tr>");
    th(h, 1, 2, "年度总体目标");
    th(h, left, 1, "预期目标");
    th(h, right, 1, "实际完成情况");
    strbuf_adds(h->out, "</tr>\n<tr>");
    td(h, "t", left, 1, goal ? text_of(&goal->text) : str(NULL));
    td(h, "t", right, 1, outcome ? text_of(&outcome->text) : str(NULL));
    strbuf_adds(h->out, "</tr>\n");
}

/* A result that names no indicator of the target (only with
 * --allow-errors): after the tree, with blank categories. */
static void orphan_row(Html *h, const Result *r)
{
    pend(&h->l1, NULL, 1);
    pend(&h->l2, NULL, 1);
    row_begin(h);
    td(h, "t", 1, 1, text_of(&r->name));
    for (size_t i = 0; i < h->ngrid; i++)
        if (h->cols[i] >= COL_TARGET)
            eval_cell(h, h->cols[i], 1, NULL, r);
    strbuf_adds(h->out, "</tr>\n");
}

/* The target's whole tree, in its order, each indicator with its result. */
static void eval_grid(Html *h, const Table *e, const Table *t)
{
    const Field *tree = t ? t->field[FIELD_INDICATORS] : NULL;
    Category none = {0};
    const Category *root = tree && tree->root ? tree->root : &none;
    const Result **orphans;
    size_t n = emit_unmatched_results(h->a, e, &orphans);
    grid_header(h, grid_rows(root) + n, NULL, "绩效指标");
    for (size_t i = 0; i < root->items.len; i++) {
        const Category *item = root->items.items[i];
        if (item->kind == NODE_CATEGORY) {
            level1(h, item);
            continue;
        }
        pend(&h->l1, NULL, 1);
        pend(&h->l2, NULL, 1);
        indicator_row(h, (const Indicator *)item);
    }
    for (size_t i = 0; i < n; i++)
        orphan_row(h, orphans[i]);
    strbuf_adds(h->out, "</tbody>\n");
}

/* 总分: the 分值 and the 自评得分 under their columns, then the grade; the
 * written ones beside them where they differ. */
static void eval_total(Html *h, const Table *e)
{
    const EvalSummary *sum = emit_eval_summary(e);
    const Field *scored = e->field[FIELD_SCORED];
    Decimal all = sum->indicator_max;
    bool has_all = sum->has_exec && dec_add(sum->indicator_max, sum->exec_max, &all) == DEC_OK;
    const char *g = sum->has_total ? sum->grade : NULL;
    strbuf_adds(h->out, "<tbody class=\"total\">\n<tr>");
    th(h, h->ncols - 3, 1, "总分（自评得分）");
    td(h, "n", 1, 1, str(has_all ? emit_decimal(h->a, all) : NULL));
    td(h, "n", 1, 1, computed(h, sum->has_total, sum->total, scored ? &scored->num : NULL));
    td(h, NULL, 1, 1,
       str(arena_sprintf(h->a, "评价等级：%s%s", g ? g : "", emit_grade_mark(h->p, e))));
    strbuf_adds(h->out, "</tr>\n</tbody>\n");
}

static void eval_sheet(Html *h, const Table *e)
{
    const Table *t = emit_eval_target(e);
    h->eval = e;
    strbuf_adds(h->out, "<section class=\"sheet evaluation\">\n");
    table_banner(h, e);
    heading(h, e);
    eval_columns(h);
    strbuf_adds(h->out, "<table class=\"form\">\n");
    colgroup(h);
    strbuf_adds(h->out, "<tbody class=\"head\">\n");
    eval_name_row(h, e, t);
    eval_org_row(h, e, t);
    eval_pairs(h, e, t);
    text_rows(h, e);
    exec_grid(h, e);
    eval_goal(h, e, t);
    strbuf_adds(h->out, "</tbody>\n");
    eval_grid(h, e, t);
    eval_total(h, e);
    strbuf_adds(h->out, "</table>\n</section>\n");
    h->eval = NULL;
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
    size_t n = emit_table_count(p), m = emit_evaluation_count(p);
    doc_begin(&h, m ? arena_sprintf(h.a, "绩效目标表（%zu 张）、绩效自评表（%zu 张）", n, m)
                    : arena_sprintf(h.a, "绩效目标表（%zu 张）", n));
    program_banner(&h);
    for (size_t i = 0; i < n; i++)
        sheet(&h, emit_table(p, i));
    for (size_t i = 0; i < m; i++)
        eval_sheet(&h, emit_evaluation(p, i));
    if (!n && !m)
        strbuf_adds(out, "<p>没有绩效目标表 / no tables</p>\n");
    doc_end(&h);
}

void emit_html_table(const Program *p, const Table *t, const EmitOptions *o, StrBuf *out)
{
    Html h = html_init(p, o, out);
    doc_begin(&h, arena_sprintf(h.a, "%s %s", t->name.text ? t->name.text : "",
                                emit_title(h.a, t)));
    if (t->kind == TABLE_EVALUATION)
        eval_sheet(&h, t);
    else
        sheet(&h, t);
    doc_end(&h);
}

/* ===== index.html ===== */

static const char *index_kind(const Table *t)
{
    if (t->kind == TABLE_EVALUATION)
        return emit_eval_is_department(t) ? "部门整体支出自评" : "项目支出自评";
    return t->kind == TABLE_DEPARTMENT ? "部门整体支出" : "项目支出";
}

/* A table's 资金总额 or 项目金额; an evaluation's 全年执行数. */
static Str index_amount(Html *h, const Table *t)
{
    const EvalSummary *sum = emit_eval_summary(t);
    char buf[DEC_BUFSZ];
    if (t->kind != TABLE_EVALUATION)
        return money(h, table_total(t));
    if (!sum->has_exec)
        return str(NULL);
    dec_format_min_scale(dec_normalize(sum->spent_total), 2, buf, sizeof buf);
    return str(arena_strndup(h->a, buf, strlen(buf)));
}

static void index_row(Html *h, size_t i, const Table *t, const char *href)
{
    const Table *owner = t->kind == TABLE_EVALUATION ? emit_eval_target(t) : t;
    size_t errors, warnings;
    emit_table_diags(h->p, t, &errors, &warnings);
    strbuf_adds(h->out, errors ? "<tr class=\"errors\">" : "<tr>");
    td(h, NULL, 1, 1, str(arena_sprintf(h->a, "%zu", i + 1)));
    td(h, NULL, 1, 1, str(index_kind(t)));
    strbuf_adds(h->out, "<td class=\"t\"><a href=\"");
    text(h, href);
    strbuf_adds(h->out, "\">");
    text_n(h, t->name.text ? text_of(&t->name) : str("（无名称）"));
    strbuf_adds(h->out, "</a></td>");
    td(h, "t", 1, 1, str(owner ? emit_department(owner) : NULL));
    td(h, NULL, 1, 1, str(year_of(t)));
    td(h, "n", 1, 1, index_amount(h, t));
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
    size_t n = emit_table_count(p);
    for (size_t i = 0; i < n; i++)
        index_row(&h, i, emit_table(p, i), hrefs[i]);
    for (size_t i = 0; i < emit_evaluation_count(p); i++)
        index_row(&h, n + i, emit_evaluation(p, i), hrefs[n + i]);
    strbuf_adds(out, "</tbody>\n</table>\n");
    doc_end(&h);
}
