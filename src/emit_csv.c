/* emit_csv: the tables as CSV for Excel, WPS and other programs
 * (docs/csv.md). RFC 4180 quoting; numbers are written as plain numbers, as
 * written in the source; a text cell that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) is prefixed
 * with an apostrophe, the OWASP-recommended guard. Numeric cells are never
 * guarded: -3 is a number, not a formula. */
#include <string.h>

#include "check.h"
#include "emit.h"

typedef struct Csv {
    const Program *p;
    const EmitOptions *o;
    StrBuf *out;
    bool first;                 /* no cell yet on this row */
} Csv;

/* ===== cells ===== */

static bool needs_quotes(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '"' || s[i] == ',' || s[i] == '\n' || s[i] == '\r')
            return true;
    return n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
}

/* A spreadsheet runs a cell as a formula when it starts with = + - @ (Excel
 * and LibreOffice also after leading blanks, and WPS and Excel treat the
 * full-width ＝ ＋ － ＠ a Chinese input method types the same way), or a
 * tab or CR comes first. */
static bool formula_like(const char *s, size_t n)
{
    static const uint32_t trigger[] = {'=', '+', '-', '@', 0xFF1D, 0xFF0B, 0xFF0D, 0xFF20};
    if (n > 0 && (s[0] == '\t' || s[0] == '\r'))
        return true;
    size_t i = 0;
    uint32_t cp = 0;
    for (size_t k; i < n && (k = utf8_decode(s + i, n - i, &cp)) != 0; i += k)
        if (cp != ' ' && cp != 0x3000 && cp != 0xA0 && cp != '\n' && cp != '\t')
            break;
    if (i >= n)
        return false;
    for (size_t t = 0; t < ARRAY_LEN(trigger); t++)
        if (cp == trigger[t])
            return true;
    return false;
}

/* Appends one field, quoted and guarded as needed. */
static void field(Csv *c, const char *s, bool numeric)
{
    if (!c->first)
        strbuf_addc(c->out, ',');
    c->first = false;
    if (!s)
        return;
    StrBuf cell = STRBUF_INIT;
    if (!numeric && formula_like(s, strlen(s)))
        strbuf_addc(&cell, '\'');
    emit_visible_text(&cell, s, strlen(s));
    if (!needs_quotes(cell.buf, cell.len)) {
        strbuf_add(c->out, strbuf_cstr(&cell), cell.len);
    } else {
        strbuf_addc(c->out, '"');
        for (size_t i = 0; i < cell.len; i++) {
            if (cell.buf[i] == '"')
                strbuf_addc(c->out, '"');
            strbuf_addc(c->out, cell.buf[i]);
        }
        strbuf_addc(c->out, '"');
    }
    strbuf_release(&cell);
}

static void text(Csv *c, const char *s)
{
    field(c, s, false);
}

static void number(Csv *c, const char *s)
{
    field(c, s, true);
}

static void end_row(Csv *c)
{
    strbuf_adds(c->out, c->o->crlf ? "\r\n" : "\n");
    c->first = true;
}

/* The header row, preceded with --allow-errors by a notice row of the same
 * width (strict CSV readers reject rows of differing lengths). */
static void header(Csv *c, const char *const *names, size_t n)
{
    if (c->o->with_errors) {
        text(c, "注意：此文件由含错误的表生成（--allow-errors），数据未经核对");
        for (size_t i = 1; i < n; i++)
            text(c, "");
        end_row(c);
    }
    for (size_t i = 0; i < n; i++)
        text(c, names[i]);
    end_row(c);
}

/* ===== the columns every table shares ===== */

static void where(Csv *c, const Table *t, Span sp)
{
    const SourceFile *f = session_file(c->p->s, t->file);
    uint32_t line, col;
    src_line_col(f, sp.start, &line, &col);
    text(c, f->path);
    number(c, arena_sprintf(&c->p->s->arena, "%u", line));
}

static void owner(Csv *c, const Table *t)
{
    const Field *y = t->field[FIELD_YEAR];
    text(c, t->kind == TABLE_DEPARTMENT ? "部门整体" : "项目");
    text(c, emit_department(t));
    text(c, t->kind == TABLE_PROJECT ? t->name.text : NULL);
    number(c, y && y->num.ok ? y->num.text : NULL);
}

/* ===== indicators ===== */

typedef struct RowCtx {
    Csv *c;
    const Table *t;
    const Field *tree;
} RowCtx;

static const char *value_text(Arena *a, const Value *v)
{
    switch (v->kind) {
    case VAL_NUMBER: return v->lo.text;
    case VAL_RANGE: return arena_sprintf(a, "%s..%s", v->lo.text, v->hi.text);
    case VAL_DATE: return emit_iso_date(a, &v->date);
    case VAL_DATES:
        return arena_sprintf(a, "%s..%s", emit_iso_date(a, &v->date), emit_iso_date(a, &v->date2));
    case VAL_TEXT: case VAL_WORD: return v->text.text;
    case VAL_NONE: return NULL;
    }
    return NULL;
}

static const char *cat(const Category *c)
{
    return !c ? NULL : c->canonical ? c->canonical : c->name.text;
}

static void indicator_row(const RowCtx *r, const Indicator *ind, const Category *l1,
                          const Category *l2)
{
    Csv *c = r->c;
    where(c, r->t, ind->span);
    owner(c, r->t);
    text(c, cat(l1));
    text(c, cat(l2));
    text(c, ind->name.text);
    text(c, op_symbol(ind->op));
    field(c, value_text(&c->p->s->arena, &ind->value), ind->value.kind == VAL_NUMBER);
    text(c, ind->unit.text);
    text(c, ind->explanation.text);
    text(c, ind->more->note.text);
    text(c, emit_period_name(r->tree));
    text(c, ind->more->unit_column.text);
    text(c, ind->more->scoring.text);
    end_row(c);
}

/* Depth first in source order; a category below 二级 (an error) is
 * flattened into its 二级, as in the JSON model. */
static void indicators_in(const RowCtx *r, const Category *c, int depth, const Category *l1,
                          const Category *l2)
{
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_INDICATOR)
            indicator_row(r, (const Indicator *)item, l1, l2);
        else
            indicators_in(r, item, depth + 1, depth == 0 ? item : l1, depth == 1 ? item : l2);
    }
}

static void indicators(Csv *c)
{
    static const char *const cols[] = {
        "文件", "行", "表类型", "部门", "项目", "年度", "一级指标", "二级指标", "三级指标",
        "指标值类型", "指标值", "度量单位", "指标值说明", "备注", "指标期间", "计量单位",
        "评(扣)分标准"};
    header(c, cols, ARRAY_LEN(cols));
    for (size_t i = 0; i < emit_table_count(c->p); i++) {
        RowCtx r = {c, emit_table(c->p, i), NULL};
        for (size_t k = 0; (r.tree = emit_next(r.t, FIELD_INDICATORS, &k));)
            indicators_in(&r, r.tree->root, 0, NULL, NULL);
    }
}

/* ===== budget lines ===== */

/* figure, share and parent: the three columns after 单位 (empty for an
 * amount that is not a budget line). */
typedef struct MoneyRow {
    const char *group, *name;
    const Quantity *q;          /* NULL: a blank amount */
    const char *figure, *share, *parent;
} MoneyRow;

static void money_row(Csv *c, const Table *t, Span at, const MoneyRow *m)
{
    where(c, t, at);
    owner(c, t);
    text(c, m->group);
    text(c, m->name);
    number(c, m->q ? m->q->num.text : NULL);
    text(c, m->q ? m->q->unit.text : NULL);
    text(c, m->figure);
    number(c, m->share);
    text(c, m->parent);
    end_row(c);
}

static const char *line_group(BudgetLineKind k, FieldKind f)
{
    if (f == FIELD_FUNDING)
        return "资金来源";
    return k == BUDGET_TOTAL ? "资金总额" : k == BUDGET_SOURCE ? "按收入性质分" : "按支出性质分";
}

/* Each line, then its own split (其中) with the line as its parent. */
static void lines_of(Csv *c, const Table *t, const Field *f, const PtrVec *lines,
                     const char *parent)
{
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *l = lines->items[i];
        const char *name = l->kind == BUDGET_TOTAL ? "资金总额" : l->canonical ? l->canonical : l->name.text;
        MoneyRow m = {line_group(l->kind, f->kind), name, l->has_amount ? &l->amount : NULL,
                      f->kind == FIELD_BUDGET ? emit_period_name(f) : NULL, l->share.text, parent};
        money_row(c, t, l->span, &m);
        lines_of(c, t, f, &l->parts, name);
    }
}

static void budget_rows(Csv *c, const Table *t)
{
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->ignored)
            continue;
        if (f->kind == FIELD_BUDGET || f->kind == FIELD_FUNDING)
            lines_of(c, t, f, &f->lines, NULL);
        else if (f->kind == FIELD_AMOUNT)
            money_row(c, t, f->span, &(MoneyRow){"项目金额", "项目金额", &f->q, NULL, NULL, NULL});
        else if (f->kind == FIELD_TASK && f->has_q)
            money_row(c, t, f->span, &(MoneyRow){"年度主要任务", f->text.text, &f->q, NULL, NULL, NULL});
    }
}

static void budget(Csv *c)
{
    static const char *const cols[] = {"文件", "行", "表类型", "部门", "项目", "年度",
                                       "类别", "名称", "金额", "单位", "资金口径", "占比",
                                       "上级"};
    header(c, cols, ARRAY_LEN(cols));
    for (size_t i = 0; i < emit_table_count(c->p); i++)
        budget_rows(c, emit_table(c->p, i));
}

/* ===== one row per table ===== */

typedef struct Counts {
    size_t all, qualitative;
} Counts;

static void count(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    Counts *n = ctx;
    (void)l1;
    (void)l2;
    n->all++;
    n->qualitative += ind->op == OP_QUAL;
}

/* 2026, 2026..2028, 2023-04..2024-02, 3年: as written, dates in ISO. */
static const char *period_text(Arena *a, const Field *pd)
{
    if (!pd)
        return NULL;
    if (pd->dates)
        return pd->is_range ? arena_sprintf(a, "%s..%s", emit_iso_date(a, &pd->date),
                                            emit_iso_date(a, &pd->date2))
                            : emit_iso_date(a, &pd->date);
    if (pd->has_q)
        return emit_period(a, pd);
    return pd->is_range ? arena_sprintf(a, "%s..%s", pd->num.text, pd->num2.text) : pd->num.text;
}

static void table_row(Csv *c, const Table *t)
{
    const Quantity *amount = NULL;
    Decimal base;
    Counts n = {0, 0};
    check_each_indicator(t, count, &n);
    table_amount((Program *)c->p, t, &amount, &base);
    const Field *cat_f = t->field[FIELD_CATEGORY], *period = t->field[FIELD_PERIOD];
    Arena *a = &c->p->s->arena;
    where(c, t, t->span);
    owner(c, t);
    text(c, emit_title(a, t));
    number(c, amount ? amount->num.text : NULL);
    text(c, amount ? amount->unit.text : NULL);
    text(c, cat_f ? cat_f->name.text : NULL);
    text(c, period_text(a, period));
    number(c, arena_sprintf(a, "%zu", n.all));
    number(c, arena_sprintf(a, "%zu", n.qualitative));
    end_row(c);
}

static void tables(Csv *c)
{
    static const char *const cols[] = {"文件", "行", "表类型", "部门", "项目", "年度", "表名",
                                       "金额", "单位", "项目类别", "实施期", "指标数",
                                       "定性指标数"};
    header(c, cols, ARRAY_LEN(cols));
    for (size_t i = 0; i < emit_table_count(c->p); i++)
        table_row(c, emit_table(c->p, i));
}

/* ===== breakdowns: one row per part ===== */

static void breakdown_rows(Csv *c, const Table *t, const Field *f)
{
    Arena *a = &c->p->s->arena;
    EmitPartRow *rows;
    size_t n = emit_part_rows(a, f, &rows);
    for (size_t i = 0; i < n; i++) {
        const Part *pt = rows[i].part;
        where(c, t, pt->span);
        owner(c, t);
        text(c, f->text.text);
        text(c, rows[i].path);
        number(c, arena_sprintf(a, "%u", rows[i].depth + 1));
        text(c, pt->name.text ? pt->name.text : "合计");
        number(c, pt->has_amount ? pt->amount.num.text : NULL);
        text(c, pt->has_amount ? pt->amount.unit.text : NULL);
        text(c, pt->basis.text);
        end_row(c);
    }
}

static void breakdowns(Csv *c)
{
    static const char *const cols[] = {"文件", "行", "表类型", "部门", "项目", "年度", "构成",
                                       "路径", "层级", "名称", "金额", "单位", "测算依据"};
    header(c, cols, ARRAY_LEN(cols));
    for (size_t i = 0; i < emit_table_count(c->p); i++) {
        const Table *t = emit_table(c->p, i);
        const Field *f;
        for (size_t k = 0; (f = emit_next(t, FIELD_BREAKDOWN, &k));)
            breakdown_rows(c, t, f);
    }
}

/* ===== self-evaluations: a row per result, a row per evaluation ===== */

/* The six shared columns of an evaluation's rows: the form (项目自评,
 * 部门整体自评), then the target's department and project, as the tables'
 * rows give them; a target the checker did not find leaves its department
 * empty and names the evaluation as the project. */
static void eval_owner(Csv *c, const Table *e, Span at)
{
    const Table *t = emit_eval_target(e);
    const Field *y = e->field[FIELD_YEAR];
    where(c, e, at);
    text(c, !t ? "自评" : t->kind == TABLE_DEPARTMENT ? "部门整体自评" : "项目自评");
    text(c, t ? emit_department(t) : NULL);
    text(c, !t ? e->name.text : t->kind == TABLE_PROJECT ? t->name.text : NULL);
    number(c, y && y->num.ok ? y->num.text : NULL);
}

static void decimal_cell(Csv *c, bool has, Decimal d)
{
    number(c, has ? emit_decimal(&c->p->s->arena, d) : NULL);
}

/* A value's cell: numeric only for a number, as in the indicators table. */
static void value_cell(Csv *c, const Value *v)
{
    field(c, value_text(&c->p->s->arena, v), v->kind == VAL_NUMBER);
}

static void result_row(Csv *c, const Table *e, const Result *r)
{
    const Indicator *ind = r->target;
    eval_owner(c, e, r->span);
    text(c, cat(r->l1));
    text(c, cat(r->l2));
    text(c, r->name.text);
    text(c, ind ? op_symbol(ind->op) : NULL);
    if (ind)
        value_cell(c, &ind->value);
    else
        text(c, NULL);
    text(c, ind ? ind->unit.text : NULL);
    value_cell(c, &r->actual);
    text(c, r->unit.text ? r->unit.text : ind && r->actual.kind == VAL_NUMBER ? ind->unit.text : NULL);
    decimal_cell(c, r->has_max, r->max);
    decimal_cell(c, r->has_score, r->score);
    number(c, r->scored.text);
    text(c, emit_score_method_zh(r));
    text(c, r->reason.text);
    text(c, r->note.text);
    end_row(c);
}

static void evaluations(Csv *c)
{
    static const char *const cols[] = {
        "文件", "行", "表类型", "部门", "项目", "年度", "一级指标", "二级指标", "三级指标",
        "指标值类型", "年度指标值", "度量单位", "实际完成值", "实际完成值单位", "分值", "得分",
        "填报得分", "计分方式", "偏差原因分析及改进措施", "备注"};
    header(c, cols, ARRAY_LEN(cols));
    for (size_t i = 0; i < emit_evaluation_count(c->p); i++) {
        const Table *e = emit_evaluation(c->p, i);
        const Field *res = e->field[FIELD_RESULTS];
        for (size_t k = 0; res && k < res->lines.len; k++)
            result_row(c, e, res->lines.items[k]);
    }
}

/* The first total line of the execution block, or NULL. */
static const ExecLine *exec_total_line(const Table *e)
{
    const Field *ex = e->field[FIELD_EXECUTION];
    for (size_t i = 0; ex && i < ex->lines.len; i++)
        if (((const ExecLine *)ex->lines.items[i])->kind == BUDGET_TOTAL)
            return ex->lines.items[i];
    return NULL;
}

static void totals_row(Csv *c, const Table *e)
{
    Arena *a = &c->p->s->arena;
    const EvalSummary *sum = emit_eval_summary(e);
    const ExecLine *l = exec_total_line(e);
    const Field *scored = e->field[FIELD_SCORED], *grade = e->field[FIELD_GRADE];
    Decimal rate;
    eval_owner(c, e, e->span);
    decimal_cell(c, sum->has_exec, sum->budget_total);
    decimal_cell(c, sum->has_exec, sum->spent_total);
    text(c, sum->has_exec ? "万元" : NULL);
    decimal_cell(c, sum->has_rate, sum->rate);
    decimal_cell(c, sum->has_exec, sum->exec_max);
    decimal_cell(c, sum->has_exec, sum->exec_score);
    decimal_cell(c, sum->target != NULL, sum->indicator_max);
    decimal_cell(c, sum->target != NULL, sum->indicator_score);
    decimal_cell(c, sum->has_total, sum->total);
    text(c, sum->has_total ? sum->grade : NULL);
    number(c, l && emit_rate_percent(l, &rate) ? emit_decimal(a, rate) : NULL);
    number(c, l ? l->scored.text : NULL);
    number(c, scored ? scored->num.text : NULL);
    text(c, grade ? grade->name.text : NULL);
    end_row(c);
}

static void evaluation_totals(Csv *c)
{
    static const char *const cols[] = {
        "文件", "行", "表类型", "部门", "项目", "年度", "全年预算数", "全年执行数", "单位",
        "执行率", "预算执行率分值", "预算执行率得分", "指标分值", "指标得分", "自评得分",
        "评价等级", "填报执行率", "填报预算执行率得分", "填报自评得分", "填报评价等级"};
    header(c, cols, ARRAY_LEN(cols));
    for (size_t i = 0; i < emit_evaluation_count(c->p); i++)
        totals_row(c, emit_evaluation(c->p, i));
}

void emit_csv(const Program *p, const EmitOptions *o, StrBuf *out)
{
    Csv c = {p, o, out, true};
    if (o->bom)
        strbuf_adds(out, "\xEF\xBB\xBF");
    if (o->csv_table == CSV_BUDGET)
        budget(&c);
    else if (o->csv_table == CSV_TABLES)
        tables(&c);
    else if (o->csv_table == CSV_BREAKDOWNS)
        breakdowns(&c);
    else if (o->csv_table == CSV_EVALUATIONS)
        evaluations(&c);
    else if (o->csv_table == CSV_EVALUATION_TOTALS)
        evaluation_totals(&c);
    else
        indicators(&c);
}
