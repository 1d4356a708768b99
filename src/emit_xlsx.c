/* emit_xlsx: the tables as an Excel workbook (docs/xlsx.md), one worksheet
 * per table laid out like the official form: title, 填报单位 row, the header
 * block, then the indicator grid with merged 一级/二级 cells. Amounts and
 * numeric values are numeric cells; text is always written as a string cell
 * (never a formula, whatever it starts with).
 *
 * A sheet is built in three steps: laid out as a list of cells (what goes
 * where, merged or not), measured (column widths and row heights from the
 * text, since no reader autofits merged or wrapped cells the same way),
 * then written with libxlsxwriter. */
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "check.h"
#include "emit.h"
#include "libs.h"
#include "safetext.h"

/* The workbook's creation time. libxlsxwriter stamps the current time when
 * this is 0, and that would make every build differ: a fixed date keeps
 * re-runs byte-identical (2000-01-01T00:00:00Z). */
#define FIXED_CREATED ((time_t)946684800)

#define CELL_MAX_CHARS 32767    /* Excel's limit for one cell */
#define SHEET_NAME_MAX 31       /* Excel's limit, in UTF-16 code units */
#define TRUNCATED "…（已截断）"     /* ends a cut cell: 6 characters */
#define TRUNCATED_CHARS 6
#define LINE_PT 15              /* one line of 11 pt 宋体, in points */
#define ROW_MIN_PT 20
#define TITLE_PT 36
#define COL_MIN 8
#define COL_MAX 40

typedef enum Style {
    ST_WARN,                    /* the red --allow-errors banner */
    ST_ATTACH,                  /* 附件3-1, above the title */
    ST_TITLE,
    ST_INFO,                    /* 填报单位, 填报人 and date: no border */
    ST_UNIT,                    /* 单位：万元, right-aligned */
    ST_LABEL,                   /* bordered, centred, bold: labels, column heads */
    ST_CENTER,                  /* bordered, centred: categories, operators, units */
    ST_TEXT,                    /* bordered, left: names and prose */
    ST_NUMBER,                  /* bordered, centred, with a number format */
    ST_COUNT
} Style;

typedef struct Cell {
    unsigned row, last_row, col, last_col;
    Style style;
    const char *text;           /* shown text; NULL for a blank or a number */
    const Number *num;          /* ST_NUMBER: the exact value */
    const char *num_format;     /* ST_NUMBER: "0", "0.00", "0.00\" 元\"" ... */
    const char *suffix;         /* ST_NUMBER: the unit shown after the number */
} Cell;

typedef struct Sheet {
    const Program *p;
    const EmitOptions *o;
    Arena *a;
    const Table *t;
    PtrVec cells;               /* Cell *, in layout order */
    unsigned row;               /* the next row to lay out */
    unsigned ncols;
    unsigned head_row;          /* the grid's column heads, repeated on each printed page */
} Sheet;

/* ===== text as a cell shows it ===== */

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Readers decode _xHHHH_ in a cell's XML as the character U+HHHH (that is
 * how control characters are stored), and libxlsxwriter does not escape a
 * literal one: "_x0041_" would come back as "A". _x005F_ is the escaped
 * underscore, so the text survives as written. */
static bool ooxml_escape_at(const char *s, size_t n, size_t i)
{
    if (i + 7 > n || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
        return false;
    return is_hex(s[i + 2]) && is_hex(s[i + 3]) && is_hex(s[i + 4]) && is_hex(s[i + 5]);
}

/* Cuts s (UTF-8) after max code points, on a character boundary. */
static size_t cut_chars(const char *s, size_t n, size_t max)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max)
            return i;
    return n;
}

/* The text of a cell: control and bidi characters shown as <U+0007>
 * (emit_visible_text), _xHHHH_ escaped, and cut visibly at the cell limit. */
static const char *shown(Arena *a, const char *s)
{
    if (!s)
        return NULL;
    StrBuf vis = STRBUF_INIT, out = STRBUF_INIT;
    emit_visible_text(&vis, s, strlen(s));
    for (size_t i = 0; i < vis.len; i++) {
        unsigned char c = (unsigned char)vis.buf[i];
        if (ooxml_escape_at(vis.buf, vis.len, i))
            strbuf_adds(&out, "_x005F");
        strbuf_addc(&out, (char)c);
    }
    size_t keep = cut_chars(out.buf, out.len, CELL_MAX_CHARS - TRUNCATED_CHARS);
    const char *r = keep == out.len ? arena_strndup(a, strbuf_cstr(&out), out.len)
                                    : arena_sprintf(a, "%.*s%s", (int)keep, out.buf, TRUNCATED);
    strbuf_release(&vis);
    strbuf_release(&out);
    return r;
}

/* ===== laying out cells ===== */

static Cell *put(Sheet *s, unsigned r, unsigned c, unsigned lr, unsigned lc, Style st,
                 const char *text)
{
    Cell *cell = arena_alloc(s->a, sizeof *cell);
    *cell = (Cell){r, lr, c, lc, st, shown(s->a, text), NULL, NULL, NULL};
    ptrvec_push(s->a, &s->cells, cell);
    return cell;
}

/* A cell spanning columns c..lc of the current row. */
static void span(Sheet *s, unsigned c, unsigned lc, Style st, const char *text)
{
    put(s, s->row, c, s->row, lc, st, text);
}

/* A bordered row: a label in column 0, text across the rest. */
static void label_row(Sheet *s, const char *label, const char *text)
{
    span(s, 0, 0, ST_LABEL, label);
    span(s, 1, s->ncols - 1, ST_TEXT, text);
    s->row++;
}

/* Digits that carry information: 120.50 has four, 1200 two. */
static int significant_digits(Decimal d)
{
    uint64_t v = d.coef < 0 ? (uint64_t)0 - (uint64_t)d.coef : (uint64_t)d.coef;
    int k = 0;
    while (v && v % 10 == 0)
        v /= 10;
    for (; v; v /= 10)
        k++;
    return k;
}

static const char *number_format(Arena *a, int decimals, const char *suffix)
{
    StrBuf sb = STRBUF_INIT;
    strbuf_addc(&sb, '0');
    if (decimals > 0)
        strbuf_addc(&sb, '.');
    strbuf_repeat(&sb, '0', (size_t)decimals);
    if (suffix) {   /* a quoted literal: drop what would end the quotes */
        strbuf_addc(&sb, '"');
        for (const char *c = suffix; *c; c++)
            if (*c != '"' && *c != '\\')
                strbuf_addc(&sb, *c);
        strbuf_addc(&sb, '"');
    }
    const char *r = arena_strndup(a, strbuf_cstr(&sb), sb.len);
    strbuf_release(&sb);
    return r;
}

/* A numeric cell showing at least min_decimals decimals (never fewer than
 * written, so the display is the exact text) and the unit suffix, if any.
 * A number a double cannot hold to the last digit (more than 15
 * significant digits) or that did not parse is written as its text. */
static void put_number(Sheet *s, unsigned r, unsigned c, unsigned lr, unsigned lc,
                       const Number *n, int min_decimals, const char *suffix)
{
    if (!n->ok || significant_digits(n->dec) > 15) {
        put(s, r, c, lr, lc, ST_CENTER,
            suffix ? arena_sprintf(s->a, "%s%s", n->text, suffix) : n->text);
        return;
    }
    Cell *cell = put(s, r, c, lr, lc, ST_NUMBER, NULL);
    int decimals = n->dec.scale > min_decimals ? n->dec.scale : min_decimals;
    cell->num = n;
    cell->num_format = number_format(s->a, decimals, suffix);
    cell->suffix = suffix;
}

/* An amount in the sheet's unit (万元) shows as 259.05; in any other money
 * unit it carries the unit (1390500.00 元), so no amount is misread. */
static void put_money(Sheet *s, unsigned r, unsigned c, unsigned lr, unsigned lc,
                      const Quantity *q)
{
    const char *u = q->unit.text;
    put_number(s, r, c, lr, lc, &q->num, 2,
               u && strcmp(u, "万元") != 0 ? arena_sprintf(s->a, " %s", u) : NULL);
}

/* ===== the top of every sheet ===== */

/* Every sheet of a workbook built with errors says so in its first row, in
 * red: a printed sheet may be filed on its own (the HTML form's wording). */
static void banner(Sheet *s)
{
    size_t errors, warnings;
    emit_table_diags(s->p, s->t, &errors, &warnings);
    span(s, 0, s->ncols - 1, ST_WARN,
         errors ? arena_sprintf(s->a,
                                "本表含有错误，未通过 ptlc 检查（%zu 个错误） / this table "
                                "has errors: it did not pass ptlc check (%zu error%s)",
                                errors, errors, errors == 1 ? "" : "s")
                : "本表所在的程序含有错误，未通过 ptlc 检查 / the tables built with this one have "
                  "errors: they did not pass ptlc check");
    s->row++;
}

static const char *filer_and_date(Sheet *s)
{
    const Field *filer = s->t->field[FIELD_FILER], *filed = s->t->field[FIELD_FILED];
    return arena_sprintf(s->a, "%s%s%s%s", filer ? "填报人：" : "", filer ? filer->text.text : "",
                         filer && filed ? "　" : "", filed ? emit_form_date(s->a, &filed->date) : "");
}

/* Above the form: the attachment label, the title, then 填报单位（盖章）
 * (left blank for the stamp, as in the seed), the filer and date, and the
 * unit. */
static void top(Sheet *s)
{
    const Field *att = s->t->field[FIELD_ATTACHMENT];
    if (s->o->with_errors)
        banner(s);
    if (att) {
        span(s, 0, 0, ST_ATTACH, att->text.text);
        s->row++;
    }
    span(s, 0, s->ncols - 1, ST_TITLE, emit_title(s->a, s->t));
    s->row++;
    span(s, 0, 2, ST_INFO, "填报单位（盖章）：");
    span(s, 3, s->ncols - 3, ST_INFO, filer_and_date(s));
    span(s, s->ncols - 2, s->ncols - 1, ST_UNIT, "单位：万元");
    s->row++;
}

/* ===== the indicator grid ===== */

typedef struct GridRow {
    const Category *l1, *l2;
    const Indicator *ind;       /* NULL: an empty category's row */
} GridRow;

typedef struct Grid {
    GridRow *rows;
    size_t len, cap;
    Arena *a;
} Grid;

static void grid_add(Grid *g, const Category *l1, const Category *l2, const Indicator *ind)
{
    if (g->len == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 32;
        GridRow *rows = arena_alloc(g->a, cap * sizeof *rows);
        if (g->len)
            memcpy(rows, g->rows, g->len * sizeof *rows);
        g->rows = rows;
        g->cap = cap;
    }
    g->rows[g->len++] = (GridRow){l1, l2, ind};
}

/* Indicators below a 二级 category, deeper levels (an error) flattened. */
static size_t grid_below(Grid *g, const Category *l1, const Category *l2, const Category *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_INDICATOR)
            grid_add(g, l1, l2, (const Indicator *)item), n++;
        else
            n += grid_below(g, l1, l2, item);
    }
    return n;
}

/* One row per indicator; an empty category keeps a row of its own, as the
 * official form shows 经济效益 with nothing beside it. */
static void grid_level1(Grid *g, const Category *l1)
{
    if (l1->items.len == 0)
        grid_add(g, l1, NULL, NULL);
    for (size_t i = 0; i < l1->items.len; i++) {
        const Category *item = l1->items.items[i];
        if (item->kind == NODE_INDICATOR)
            grid_add(g, l1, NULL, (const Indicator *)item);
        else if (grid_below(g, l1, item, item) == 0)
            grid_add(g, l1, item, NULL);
    }
}

static Grid grid_rows(Arena *a, const Field *tree)
{
    Grid g = {NULL, 0, 0, a};
    const Category *root = tree ? tree->root : NULL;
    for (size_t i = 0; root && i < root->items.len; i++) {
        const Category *item = root->items.items[i];
        if (item->kind == NODE_INDICATOR)
            grid_add(&g, NULL, NULL, (const Indicator *)item);
        else
            grid_level1(&g, item);
    }
    return g;
}

/* The grid's columns, in order. A department's are the seed's eight; a
 * project's are the seed's seven (after the 本年度绩效指标 column), plus
 * 指标值说明 when some indicator has one. 计量单位, 评(扣)分标准, 分值 and
 * 指标值设定依据 appear in either only when some indicator of some tree has
 * one, so nothing written is dropped and the seed's own layout stays exact
 * (as in the HTML form); every tree of a table shares them. */
typedef enum GridCol {
    GC_L1, GC_L2, GC_NAME, GC_OP, GC_VALUE, GC_UNIT, GC_UNIT_COLUMN, GC_EXPL, GC_SCORING,
    GC_WEIGHT, GC_STANDARD, GC_NOTE, GC_COUNT
} GridCol;

typedef struct Columns {
    GridCol col[GC_COUNT];
    unsigned n;
    unsigned first;             /* the sheet column of the grid's first column */
} Columns;

static void add_col(Columns *c, GridCol k)
{
    c->col[c->n++] = k;
}

static Columns grid_columns(const Table *t)
{
    bool dept = t->kind == TABLE_DEPARTMENT;
    unsigned used = emit_columns_used(t);
    Columns c = {{GC_L1}, 0, dept ? 0 : 1};
    add_col(&c, GC_L1);
    add_col(&c, GC_L2);
    add_col(&c, GC_NAME);
    if (dept)
        add_col(&c, GC_OP);
    add_col(&c, GC_VALUE);
    add_col(&c, GC_UNIT);
    if (used & EMIT_USES_UNIT_COLUMN)
        add_col(&c, GC_UNIT_COLUMN);
    if (!dept)
        add_col(&c, GC_OP);
    if (dept || (used & EMIT_USES_EXPL))
        add_col(&c, GC_EXPL);
    if (used & EMIT_USES_SCORING)
        add_col(&c, GC_SCORING);
    if (used & EMIT_USES_WEIGHT)
        add_col(&c, GC_WEIGHT);
    if (used & EMIT_USES_STANDARD)
        add_col(&c, GC_STANDARD);
    add_col(&c, GC_NOTE);
    return c;
}

static bool is_money_unit(const Program *p, const char *unit)
{
    const UnitDef *u = unit ? program_unit((Program *)p, unit) : NULL;
    return u && u->dim && strcmp(u->dim->name, "money") == 0;
}

/* A numeric value shows exactly as written (264, 30.5), an amount in a
 * money unit with at least two decimals, like every amount. */
static void value_cell(Sheet *s, unsigned c, unsigned lc, const Indicator *ind)
{
    const Value *v = &ind->value;
    unsigned r = s->row;
    switch (v->kind) {
    case VAL_NUMBER:
        put_number(s, r, c, r, lc, &v->lo, is_money_unit(s->p, ind->unit.text) ? 2 : 0, NULL);
        return;
    case VAL_RANGE:
        put(s, r, c, r, lc, ST_CENTER, arena_sprintf(s->a, "%s～%s", v->lo.text, v->hi.text));
        return;
    case VAL_DATE: put(s, r, c, r, lc, ST_CENTER, v->date.text); return;
    case VAL_DATES:
        put(s, r, c, r, lc, ST_CENTER, arena_sprintf(s->a, "%s～%s", v->date.text, v->date2.text));
        return;
    case VAL_TEXT:
    case VAL_WORD: put(s, r, c, r, lc, ST_CENTER, v->text.text); return;
    case VAL_NONE: put(s, r, c, r, lc, ST_CENTER, NULL); return;
    }
}

static const char *col_label(GridCol k)
{
    static const char *const labels[GC_COUNT] = {
        "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "度量单位", "计量单位",
        "指标值说明（指标解释）", "评(扣)分标准", "分值", "指标值设定依据", "备注"};
    return labels[k];
}

/* The i-th grid column's cell on the current row; the last runs to the
 * sheet's last column. ind NULL: an empty category's row. */
static void indicator_cell(Sheet *s, const Columns *gc, unsigned i, const Indicator *ind)
{
    unsigned c = gc->first + i, lc = i + 1 == gc->n ? s->ncols - 1 : c, r = s->row;
    switch (ind ? gc->col[i] : GC_COUNT) {
    case GC_L1:
    case GC_L2: return;    /* category_cell's */
    case GC_NAME: span(s, c, lc, ST_TEXT, ind->name.text); return;
    case GC_OP: span(s, c, lc, ST_CENTER, op_symbol(ind->op)); return;
    case GC_VALUE: value_cell(s, c, lc, ind); return;
    case GC_UNIT: span(s, c, lc, ST_CENTER, ind->unit.text); return;
    case GC_UNIT_COLUMN: span(s, c, lc, ST_CENTER, ind->more->unit_column.text); return;
    case GC_EXPL: span(s, c, lc, ST_TEXT, ind->explanation.text); return;
    case GC_SCORING: span(s, c, lc, ST_TEXT, ind->more->scoring.text); return;
    case GC_WEIGHT:
        if (ind->more->has_weight)
            put_number(s, r, c, r, lc, &ind->more->weight, 0, NULL);
        else
            span(s, c, lc, ST_CENTER, NULL);
        return;
    case GC_STANDARD: span(s, c, lc, ST_CENTER, ind->more->standard.text); return;
    case GC_NOTE: span(s, c, lc, ST_TEXT, ind->more->note.text); return;
    case GC_COUNT: if (i >= 2) span(s, c, lc, ST_CENTER, NULL); return;
    }
}

/* How many rows from i on share the category that key picks. */
static size_t run_length(const Grid *g, size_t i, bool level2)
{
    size_t k = i + 1;
    while (k < g->len && g->rows[k].l1 == g->rows[i].l1
           && (!level2 || g->rows[k].l2 == g->rows[i].l2))
        k++;
    return k - i;
}

/* The 一级 (or 二级) cell at the first row of its run, merged down over the
 * run; a row without that level gets a blank bordered cell of its own.
 * Categories as written (满意度, not 满意度指标), with their 分值: the sheet
 * is the table the user filed; the JSON and CSV give the canonical names. */
static void category_cell(Sheet *s, const Grid *g, size_t i, unsigned col, bool level2)
{
    const GridRow *row = &g->rows[i];
    const Category *c = level2 ? row->l2 : row->l1;
    bool starts = i == 0 || (level2 ? g->rows[i - 1].l2 != c || g->rows[i - 1].l1 != row->l1
                                    : g->rows[i - 1].l1 != c);
    if (!c)
        span(s, col, col, ST_CENTER, NULL);
    else if (starts)
        put(s, s->row, col, s->row + (unsigned)run_length(g, i, level2) - 1, col, ST_CENTER,
            emit_category_label(s->a, c));
}

/* The first grid's heading row is the one repeated on each printed page. */
static void grid(Sheet *s, const Columns *gc, const Grid *g)
{
    if (!s->head_row)
        s->head_row = s->row;
    for (unsigned i = 0; i < gc->n; i++)
        span(s, gc->first + i, i + 1 == gc->n ? s->ncols - 1 : gc->first + i, ST_LABEL,
             col_label(gc->col[i]));
    s->row++;
    for (size_t i = 0; i < g->len; i++) {
        category_cell(s, g, i, gc->first, false);
        category_cell(s, g, i, gc->first + 1, true);
        for (unsigned k = 0; k < gc->n; k++)
            indicator_cell(s, gc, k, g->rows[i].ind);
        s->row++;
    }
}

/* title: a row above a department's grid (长期绩效指标); first: a project's
 * column A, merged down the grid (本年度绩效指标, 长期绩效指标). */
static void tree_grid(Sheet *s, const Columns *gc, const Field *tree, const char *title,
                      const char *first)
{
    Grid g = grid_rows(s->a, tree);
    if (title) {
        span(s, 0, s->ncols - 1, ST_LABEL, title);
        s->row++;
    }
    if (gc->first)
        put(s, s->row, 0, s->row + (unsigned)g.len, 0, ST_LABEL, first);
    grid(s, gc, &g);
}

/* The year's tree, then each other one (长期, 中期 ...) below it, titled. */
static void grids(Sheet *s, const Columns *gc)
{
    const Table *t = s->t;
    const Field *main = t->field[FIELD_INDICATORS], *f;
    bool dept = t->kind == TABLE_DEPARTMENT, several = emit_count(t, FIELD_INDICATORS) > 1;
    tree_grid(s, gc, main, dept && several ? "年度绩效指标" : NULL, "本年度绩效指标");
    for (size_t i = 0; (f = emit_next(t, FIELD_INDICATORS, &i));) {
        if (f == main)
            continue;
        const char *title = arena_sprintf(s->a, "%s绩效指标", emit_period_name(f));
        tree_grid(s, gc, f, dept ? title : NULL, title);
    }
}

/* ===== the header block: what both kinds may print ===== */

/* The name row; with a code (部门预算编码, 项目编码) the code takes the
 * row's last two columns, as the forms print it beside the name. */
static void name_row(Sheet *s, const char *label)
{
    const Field *code = s->t->field[FIELD_CODE];
    if (!code) {
        label_row(s, label, s->t->name.text);
        return;
    }
    span(s, 0, 0, ST_LABEL, label);
    span(s, 1, s->ncols - 3, ST_TEXT, s->t->name.text);
    span(s, s->ncols - 2, s->ncols - 2, ST_LABEL,
         s->t->kind == TABLE_DEPARTMENT ? "部门预算编码" : "项目编码");
    span(s, s->ncols - 1, s->ncols - 1, ST_CENTER, code->text.text);
    s->row++;
}

/* Two label and value pairs a row (主管部门 | 县民宗委 | 主管部门编码 |
 * [077]); a last pair alone spans the row. */
static void pair_row(Sheet *s, const char *const *pair, bool alone)
{
    unsigned left = (s->ncols - 2) / 2, last = s->ncols - 1;
    span(s, 0, 0, ST_LABEL, pair[0]);
    span(s, 1, alone ? last : left, ST_TEXT, pair[1]);
    if (!alone) {
        span(s, left + 1, left + 1, ST_LABEL, pair[2]);
        span(s, left + 2, last, ST_TEXT, pair[3]);
    }
    s->row++;
}

static bool is_pair(const Field *f)
{
    return !f->ignored
        && (f->kind == FIELD_ORG || f->kind == FIELD_PERSON || f->kind == FIELD_ATTRIBUTE);
}

/* Pairs waiting for a row: two make one. */
typedef struct PairQueue {
    const char *item[4];
    size_t n;
} PairQueue;

/* An org with its code, a person with the phone, an attribute. */
static void queue_pairs(Sheet *s, PairQueue *q, const Field *f)
{
    const char *items[4] = {f->name.text, f->text.text, NULL, f->text2.text};
    size_t k = 2;
    if (f->kind == FIELD_ORG && f->text2.text)
        items[2] = arena_sprintf(s->a, "%s编码", f->name.text), k = 4;
    if (f->kind == FIELD_PERSON && f->text2.text)
        items[2] = "联系电话", k = 4;
    for (size_t j = 0; j < k; j++) {
        q->item[q->n++] = items[j];
        if (q->n == 4) {
            pair_row(s, q->item, false);
            q->n = 0;
        }
    }
}

static void flush_pairs(Sheet *s, PairQueue *q)
{
    if (q->n)
        pair_row(s, q->item, true);
    q->n = 0;
}

/* orgs with their code, people with their phone, attributes, in source
 * order, as in the HTML form. */
static void pair_rows(Sheet *s)
{
    PairQueue q = {{NULL}, 0};
    for (size_t i = 0; i < s->t->fields.len; i++)
        if (is_pair(s->t->fields.items[i]))
            queue_pairs(s, &q, s->t->fields.items[i]);
    flush_pairs(s, &q);
}

static void text_rows(Sheet *s)
{
    const Field *f;
    for (size_t i = 0; (f = emit_next(s->t, FIELD_TEXT, &i));)
        label_row(s, f->name.text, f->text.text);
}

/* One goal without a period: the form's single row (本年度绩效目标,
 * 年度总体目标); goals of several periods side by side under 总体目标. */
static void goal_rows(Sheet *s, const char *single)
{
    const Table *t = s->t;
    size_t n = emit_count(t, FIELD_GOAL);
    const Field *main = t->field[FIELD_GOAL], *f;
    if (n == 0 && t->kind == TABLE_DEPARTMENT)
        return;
    if (n <= 1 && (!main || !main->name.text)) {
        label_row(s, single, main ? main->text.text : NULL);
        return;
    }
    if (n >= s->ncols) {    /* more periods than columns: a row each */
        for (size_t i = 0; (f = emit_next(t, FIELD_GOAL, &i));)
            label_row(s, arena_sprintf(s->a, "%s目标", emit_period_name(f)), f->text.text);
        return;
    }
    unsigned width = (unsigned)((s->ncols - 1) / n), c = 1, r = s->row;
    put(s, r, 0, r + 1, 0, ST_LABEL, "总体目标");
    for (size_t i = 0, k = 0; (f = emit_next(t, FIELD_GOAL, &i)); k++, c += width) {
        unsigned lc = k + 1 == n ? s->ncols - 1 : c + width - 1;
        put(s, r, c, r, lc, ST_LABEL, arena_sprintf(s->a, "%s目标", emit_period_name(f)));
        put(s, r + 1, c, r + 1, lc, ST_TEXT, f->text.text);
    }
    s->row += 2;
}

/* ----- breakdowns: 项目预算成本构成 and the like ----- */

static void breakdown(Sheet *s, const Field *f)
{
    EmitPartRow *rows;
    size_t n = emit_part_rows(s->a, f, &rows);
    unsigned name_last = (s->ncols - 2) / 2, amount = name_last + 1, last = s->ncols - 1;
    put(s, s->row, 0, s->row + (unsigned)n, 0, ST_LABEL, f->text.text);
    span(s, 1, name_last, ST_LABEL, "名称");
    span(s, amount, amount, ST_LABEL, "金额");
    span(s, amount + 1, last, ST_LABEL, "测算依据");
    s->row++;
    for (size_t i = 0; i < n; i++) {
        const Part *pt = rows[i].part;
        span(s, 1, name_last, ST_TEXT, emit_part_label(s->a, pt->name.text, rows[i].depth));
        if (pt->has_amount)
            put_money(s, s->row, amount, s->row, amount, &pt->amount);
        else
            span(s, amount, amount, ST_CENTER, NULL);
        span(s, amount + 1, last, ST_TEXT, pt->basis.text);
        s->row++;
    }
}

static void breakdowns(Sheet *s)
{
    const Field *f;
    for (size_t i = 0; (f = emit_next(s->t, FIELD_BREAKDOWN, &i));)
        breakdown(s, f);
}

/* ----- the budget as a list: a row per line, a column per figure ----- */

static unsigned list_amount_cols(const EmitBudgets *eb)
{
    unsigned n = 0;
    for (size_t k = 0; k < eb->nfigure; k++)
        n += 1u + eb->shares[k];
    return n;
}

/* label, group, name, then each figure's amount (and 占比) */
static unsigned list_width(Arena *a, const Table *t)
{
    EmitBudgets eb = emit_budgets(a, t);
    return eb.nfigure ? 3 + list_amount_cols(&eb) : 0;
}

static void list_row(Sheet *s, const EmitBudgets *eb, size_t i, unsigned name_last)
{
    const EmitBudgetRow *row = &eb->row[i];
    unsigned r = s->row, c = name_last + 1;
    if (row->kind == BUDGET_TOTAL)
        span(s, 1, name_last, ST_LABEL, "资金总额");
    else {
        if (i == 0 || eb->row[i - 1].kind != row->kind)
            put(s, r, 1, r + (unsigned)emit_budget_group_rows(eb, i) - 1, 1, ST_LABEL,
                row->kind == BUDGET_SOURCE ? "按收入性质分" : "按支出性质分");
        span(s, 2, name_last, ST_TEXT, emit_part_label(s->a, row->name, row->depth));
    }
    for (size_t k = 0; k < eb->nfigure; k++) {
        const BudgetLine *l = row->line[k];
        if (l && l->has_amount)
            put_money(s, r, c, r, c, &l->amount);
        else
            span(s, c, c, ST_CENTER, NULL);
        c++;
        if (!eb->shares[k])
            continue;
        if (l && l->share.text)
            put_number(s, r, c, r, c, &l->share, 0, "%");
        else
            span(s, c, c, ST_CENTER, NULL);
        c++;
    }
    s->row++;
}

/* Every figure (年度, 中期 ...) side by side, with its 占比 and each line's
 * own split (其中) below it, as in the HTML form. */
static void budget_list(Sheet *s)
{
    EmitBudgets eb = emit_budgets(s->a, s->t);
    if (!eb.nfigure)
        return;
    unsigned name_last = s->ncols - 1 - list_amount_cols(&eb), c = name_last + 1;
    put(s, s->row, 0, s->row + (unsigned)eb.nrow, 0, ST_LABEL,
        s->t->kind == TABLE_DEPARTMENT ? "预算情况" : "项目资金");
    span(s, 1, name_last, ST_LABEL, "资金构成");
    for (size_t k = 0; k < eb.nfigure; k++) {
        const Field *f = eb.figure[k];
        span(s, c, c, ST_LABEL, eb.nfigure == 1 && !f->name.text ? "金额" : emit_period_name(f));
        c++;
        if (eb.shares[k]) {
            span(s, c, c, ST_LABEL, "占比");
            c++;
        }
    }
    s->row++;
    for (size_t i = 0; i < eb.nrow; i++)
        list_row(s, &eb, i, name_last);
}

/* ===== a department's header block ===== */

static const char *duties(Sheet *s)
{
    StrBuf sb = STRBUF_INIT;
    for (size_t i = 0; i < s->t->fields.len; i++) {
        const Field *f = s->t->fields.items[i];
        if (f->kind == FIELD_DUTY)
            strbuf_addf(&sb, "%s%s", sb.len ? "\n" : "", f->text.text);
    }
    const char *r = sb.len ? arena_strndup(s->a, sb.buf, sb.len) : NULL;
    strbuf_release(&sb);
    return r;
}

/* 年度主要任务: 任务名称 and 主要内容 as in the seed; a 部门职能 column first
 * when some task serves one, a 预算金额 column when some task has an amount
 * (the spans as in the HTML form). */
typedef struct TaskCols {
    size_t n;                   /* tasks */
    unsigned duty, name, amount;    /* column spans; 0: no such column */
} TaskCols;

static TaskCols task_cols(const Table *t)
{
    TaskCols c = {0, 0, 3, 0};
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
    return c;
}

/* f NULL: the heading row. */
static void task_row(Sheet *s, const Field *f, const TaskCols *tc)
{
    unsigned c = 1, last = s->ncols - 1;
    Style text = f ? ST_TEXT : ST_LABEL;
    if (tc->duty) {
        span(s, c, c + tc->duty - 1, text, f ? f->text3.text : "部门职能");
        c += tc->duty;
    }
    span(s, c, c + tc->name - 1, text, f ? f->text.text : "任务名称");
    c += tc->name;
    if (tc->amount && f && f->has_q)
        put_money(s, s->row, c, s->row, c, &f->q);
    else if (tc->amount)
        span(s, c, c, f ? ST_CENTER : ST_LABEL, f ? NULL : "预算金额");
    c += tc->amount;
    span(s, c, last, text, f ? f->text2.text : "主要内容");
    s->row++;
}

static void tasks(Sheet *s)
{
    TaskCols tc = task_cols(s->t);
    Field blank = {0};
    put(s, s->row, 0, s->row + (unsigned)(tc.n ? tc.n : 1), 0, ST_LABEL, "年度主要任务");
    task_row(s, NULL, &tc);
    for (size_t i = 0; i < s->t->fields.len; i++) {
        const Field *f = s->t->fields.items[i];
        if (f->kind == FIELD_TASK)
            task_row(s, f, &tc);
    }
    if (tc.n == 0)
        task_row(s, &blank, &tc);
}

/* ----- 预算情况: 资金总额, then the official source and nature columns ----- */

typedef struct BudgetCol {
    const char *name;
    const BudgetLine *line;     /* NULL: a blank column of the form */
} BudgetCol;

typedef struct BudgetCols {
    BudgetCol *cols;
    size_t nsrc, len;
} BudgetCols;

static const char *const official_sources[] = {"一般公共预算", "政府性基金拨款", "财政专户管理资金",
                                               "其他资金"};
static const char *const official_natures[] = {"基本支出", "项目支出"};

static const BudgetLine *take_line(const Field *b, BudgetLineKind k, const char *name, bool *used)
{
    for (size_t i = 0; b && i < b->lines.len; i++) {
        const BudgetLine *l = b->lines.items[i];
        bool named = !name || (l->canonical && strcmp(l->canonical, name) == 0);
        if (!used[i] && l->kind == k && named) {
            used[i] = true;
            return l;
        }
    }
    return NULL;
}

/* The form's columns, then every other line of that kind in source order
 * (another source such as 上年结转, or a line the checker could not place). */
static void budget_group(BudgetCols *bc, const Field *b, BudgetLineKind k,
                         const char *const *names, size_t n, bool *used)
{
    for (size_t i = 0; i < n; i++)
        bc->cols[bc->len++] = (BudgetCol){names[i], take_line(b, k, names[i], used)};
    const BudgetLine *l;
    while ((l = take_line(b, k, NULL, used)))
        bc->cols[bc->len++] = (BudgetCol){l->canonical ? l->canonical : l->name.text, l};
}

static BudgetCols budget_cols(Arena *a, const Table *t)
{
    const Field *b = t->kind == TABLE_DEPARTMENT ? t->field[FIELD_BUDGET] : NULL;
    size_t nlines = b ? b->lines.len : 0;
    bool *used = arena_alloc(a, nlines + 1);
    BudgetCols bc = {arena_alloc(a, (nlines + 6) * sizeof(BudgetCol)), 0, 0};
    budget_group(&bc, b, BUDGET_SOURCE, official_sources, ARRAY_LEN(official_sources), used);
    bc.nsrc = bc.len;
    budget_group(&bc, b, BUDGET_NATURE, official_natures, ARRAY_LEN(official_natures), used);
    return bc;
}

/* Three rows: the group heads, the line names, the amounts (资金总额 is
 * merged over the last two, as on the form). The last column runs to the
 * sheet's end when the indicator grid is wider. */
static void budget(Sheet *s, const BudgetCols *bc)
{
    unsigned r = s->row, last = s->ncols - 1, nat = (unsigned)(2 + bc->nsrc);
    const BudgetLine *total = budget_total(s->t->field[FIELD_BUDGET]);
    put(s, r, 0, r + 2, 0, ST_LABEL, "预算情况");
    put(s, r, 1, r, 1, ST_LABEL, "资金总额");
    if (total && total->has_amount)
        put_money(s, r + 1, 1, r + 2, 1, &total->amount);
    else
        put(s, r + 1, 1, r + 2, 1, ST_CENTER, NULL);
    put(s, r, 2, r, nat - 1, ST_LABEL, "按收入性质分");
    put(s, r, nat, r, last, ST_LABEL, "按支出性质分");
    for (size_t i = 0; i < bc->len; i++) {
        unsigned c = (unsigned)(2 + i), lc = i + 1 == bc->len ? last : c;
        const BudgetLine *l = bc->cols[i].line;
        put(s, r + 1, c, r + 1, lc, ST_LABEL, bc->cols[i].name);
        if (l && l->has_amount)
            put_money(s, r + 2, c, r + 2, lc, &l->amount);
        else
            put(s, r + 2, c, r + 2, lc, ST_CENTER, NULL);
    }
    s->row += 3;
}

static unsigned max_u(unsigned a, unsigned b)
{
    return a > b ? a : b;
}

/* The seed's grid when it shows the budget whole, else the list. */
static void department(Sheet *s)
{
    BudgetCols bc = budget_cols(s->a, s->t);
    Columns gc = grid_columns(s->t);
    bool fits = emit_budget_fits_grid(s->t);
    s->ncols = max_u(fits ? (unsigned)(2 + bc.len) : list_width(s->a, s->t), gc.n);
    top(s);
    name_row(s, "部门（单位）名称");
    pair_rows(s);
    label_row(s, "年度履职目标", duties(s));
    goal_rows(s, "年度总体目标");
    text_rows(s);
    tasks(s);
    if (fits)
        budget(s, &bc);
    else
        budget_list(s);
    breakdowns(s);
    grids(s, &gc);
}

/* ===== a project's header block ===== */

/* 项目金额: the amount, else its budget's 资金总额 (what the checker reads). */
static void amount_row(Sheet *s)
{
    const Field *amount = s->t->field[FIELD_AMOUNT], *cat = s->t->field[FIELD_CATEGORY];
    const BudgetLine *total = budget_total(s->t->field[FIELD_BUDGET]);
    span(s, 0, 0, ST_LABEL, "项目金额");
    if (amount)
        put_money(s, s->row, 1, s->row, 2, &amount->q);
    else if (total && total->has_amount)
        put_money(s, s->row, 1, s->row, 2, &total->amount);
    else
        span(s, 1, 2, ST_CENTER, NULL);
    span(s, 3, 3, ST_LABEL, "项目类别");
    span(s, 4, s->ncols - 1, ST_TEXT, cat ? cat->name.text : NULL);
    s->row++;
}

static unsigned funding_count(const PtrVec *lines)
{
    unsigned n = 0;
    for (size_t i = 0; i < lines->len; i++)
        n += 1 + funding_count(&((const BudgetLine *)lines->items[i])->parts);
    return n;
}

/* A row per line, its own split (其中) below it, its 占比 after its name. */
static void funding_lines(Sheet *s, const PtrVec *lines, unsigned depth)
{
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *l = lines->items[i];
        const char *name = emit_part_label(s->a, l->name.text ? l->name.text : "", depth);
        span(s, 1, 3, ST_TEXT,
             l->share.text ? arena_sprintf(s->a, "%s（占比%s%%）", name, l->share.text) : name);
        if (l->has_amount)
            put_money(s, s->row, 4, s->row, s->ncols - 1, &l->amount);
        else
            span(s, 4, s->ncols - 1, ST_CENTER, NULL);
        s->row++;
        funding_lines(s, &l->parts, depth + 1);
    }
}

/* 资金来源 (funding), which the seed's form has no row for: one row per
 * line, names as written, so nothing the table says is left out. */
static void funding(Sheet *s)
{
    const Field *f = s->t->field[FIELD_FUNDING];
    if (!f || f->lines.len == 0)
        return;
    put(s, s->row, 0, s->row + funding_count(&f->lines) - 1, 0, ST_LABEL, "资金来源");
    funding_lines(s, &f->lines, 0);
}

static void project(Sheet *s)
{
    Columns gc = grid_columns(s->t);
    s->ncols = max_u(gc.first + gc.n, list_width(s->a, s->t));
    top(s);
    name_row(s, "项目名称");
    pair_rows(s);
    amount_row(s);
    funding(s);
    label_row(s, "项目支出实施期", emit_period(s->a, s->t->field[FIELD_PERIOD]));
    budget_list(s);
    text_rows(s);
    breakdowns(s);
    goal_rows(s, "本年度绩效目标");
    grids(s, &gc);
}

/* ===== a self-evaluation (绩效自评表) ===== */

/* The layout of the HTML form (008's 项目支出绩效自评表): a label column,
 * then 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
 * 偏差原因分析及改进措施, which the 项目资金 grid above shares. */
#define EVAL_NCOLS 9


/* 219-池州市贵池区棠溪镇人民政府, as 008 prints an org with its code. */
static const char *org_text(Sheet *s, const Field *org)
{
    if (!org || !org->text2.text)
        return org ? org->text.text : NULL;
    return arena_sprintf(s->a, "%s%s%s", org->text2.text, org->text2.text[0] == '[' ? "" : "-",
                         org->text.text);
}


/* The other orgs, people and attributes, two pairs a row: the
 * evaluation's, then the target's it does not restate. */
static void eval_pairs(Sheet *s, const Table *t)
{
    PairQueue q = {{NULL}, 0};
    for (size_t i = 0; i < s->t->fields.len; i++)
        if (is_pair(s->t->fields.items[i]) && !emit_fixed_org(s->t->fields.items[i]))
            queue_pairs(s, &q, s->t->fields.items[i]);
    for (size_t i = 0; t && i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (is_pair(f) && !emit_fixed_org(f) && !emit_labelled_field(s->t, f->kind, f->name.text))
            queue_pairs(s, &q, f);
    }
    flush_pairs(s, &q);
}

/* 项目名称 (部门（单位）名称), with its code: the evaluation's, else the
 * target's. */
static void eval_name_row(Sheet *s, const Table *t)
{
    const Table *e = s->t;
    bool dept = emit_eval_is_department(e);
    const Field *code = e->field[FIELD_CODE] ? e->field[FIELD_CODE] : t ? t->field[FIELD_CODE] : NULL;
    const char *label = dept ? "部门（单位）名称" : "项目名称";
    if (!code) {
        label_row(s, label, e->name.text);
        return;
    }
    span(s, 0, 0, ST_LABEL, label);
    span(s, 1, s->ncols - 3, ST_TEXT, e->name.text);
    span(s, s->ncols - 2, s->ncols - 2, ST_LABEL, dept ? "部门预算编码" : "项目编码");
    span(s, s->ncols - 1, s->ncols - 1, ST_CENTER, code->text.text);
    s->row++;
}

/* 主管部门 | 实施单位: always for a project (its department when no org
 * names the 主管部门), for a department when one of them is given. */
static void eval_org_row(Sheet *s, const Table *t)
{
    const Table *e = s->t;
    const Field *boss = emit_stated(e, t, FIELD_ORG, "主管部门"), *unit = emit_stated(e, t, FIELD_ORG, "实施单位");
    const Field *owner = t ? t->field[FIELD_DEPARTMENT] : NULL;
    if (emit_eval_is_department(e) && !boss && !unit)
        return;
    span(s, 0, 0, ST_LABEL, "主管部门");
    span(s, 1, 3, ST_TEXT, boss || !owner ? org_text(s, boss) : owner->text.text);
    span(s, 4, 4, ST_LABEL, "实施单位");
    span(s, 5, s->ncols - 1, ST_TEXT, org_text(s, unit));
    s->row++;
}

static const Number *number_of(Sheet *s, Decimal d)
{
    Number *n = arena_alloc(s->a, sizeof *n);
    *n = emit_number(s->a, d);
    return n;
}

/* A figure the checker computed, a numeric cell whose display carries the
 * unit and the written one when that differs ("9.78（填报 10）": the value
 * stays 9.78); else a figure as printed, a number; else blank. */
static void put_figure(Sheet *s, unsigned c, bool has, Decimal d, const char *unit,
                       const Number *printed, const char *mark)
{
    unsigned r = s->row;
    const char *suffix = arena_sprintf(s->a, "%s%s", unit ? unit : "", mark ? mark : "");
    if (has)
        put_number(s, r, c, r, c, number_of(s, d), 0, *suffix ? suffix : NULL);
    else if (printed && printed->text)
        put_number(s, r, c, r, c, printed, 0, NULL);
    else
        put(s, r, c, r, c, ST_CENTER, NULL);
}

/* A computed 得分 with the written one beside it where it differs, or the
 * written one alone, marked as such, where nothing could be computed. */
static void put_scored(Sheet *s, unsigned c, bool has, Decimal d, const Number *written)
{
    const char *mark = emit_written_mark(s->a, written, NULL, d, has);
    if (has)
        put_figure(s, c, true, d, NULL, NULL, mark);
    else
        span(s, c, c, ST_CENTER, *mark ? mark : NULL);
}

static void put_amount(Sheet *s, unsigned c, const Quantity *q)
{
    if (q && q->num.text)
        put_money(s, s->row, c, s->row, c, q);
    else
        span(s, c, c, ST_CENTER, NULL);
}

static void exec_row(Sheet *s, const EmitExecution *x, size_t i, unsigned name_last)
{
    const EmitExecRow *r = &x->row[i];
    const ExecLine *l = r->line;
    unsigned c = name_last + 1;
    const char *name = emit_exec_label(s->a, x, i);
    span(s, 1, name_last, ST_TEXT, name);
    if (x->initial)
        put_amount(s, c++, r->initial);
    put_amount(s, c++, r->budget);
    put_amount(s, c++, l && l->has_spent ? &l->spent : NULL);
    put_figure(s, c++, r->has_score, r->points, NULL, l ? &l->points : NULL, NULL);
    if (r->has_rate || r->kind != BUDGET_TOTAL || !l || !l->rate.text)
        put_figure(s, c, r->has_rate, r->rate, "%", l ? &l->rate : NULL,
                   r->has_rate ? emit_rate_mark(s->a, l, r->rate) : NULL);
    else    /* the total's rate, printed but not computable */
        span(s, c, c, ST_CENTER, emit_rate_mark(s->a, l, r->rate));
    c++;
    /* a source's 得分 is only ever as printed (013 prints them) */
    if (r->kind == BUDGET_TOTAL)
        put_scored(s, c, r->has_score, r->score, l ? &l->scored : NULL);
    else
        put_figure(s, c, false, r->score, NULL, l ? &l->scored : NULL, NULL);
    s->row++;
}

/* 项目资金（万元）: a row per line (年初预算数 only when there is one,
 * emit_execution). */
static void eval_exec(Sheet *s)
{
    static const char *const heads[] = {"全年预算数", "全年执行数", "分值", "执行率", "得分"};
    EmitExecution x = emit_execution(s->p, s->t);
    unsigned name_last = s->ncols - 1 - (unsigned)ARRAY_LEN(heads) - (x.initial != NULL);
    unsigned c = name_last + 1;
    put(s, s->row, 0, s->row + (unsigned)x.nrow, 0, ST_LABEL,
        emit_eval_is_department(s->t) ? "预算执行情况（万元）" : "项目资金（万元）");
    span(s, 1, name_last, ST_LABEL, NULL);
    if (x.initial) {
        span(s, c, c, ST_LABEL, "年初预算数");
        c++;
    }
    for (size_t i = 0; i < ARRAY_LEN(heads); i++, c++)
        span(s, c, c, ST_LABEL, heads[i]);
    s->row++;
    for (size_t i = 0; i < x.nrow; i++)
        exec_row(s, &x, i, name_last);
}

/* 年度总体目标: 预期目标 (the target's goal) | 实际完成情况 (the outcome). */
static void eval_goal(Sheet *s, const Table *t)
{
    const Field *goal = t ? t->field[FIELD_GOAL] : NULL, *outcome = s->t->field[FIELD_OUTCOME];
    unsigned r = s->row, mid = (s->ncols - 1) / 2, last = s->ncols - 1;
    put(s, r, 0, r + 1, 0, ST_LABEL, "年度总体目标");
    put(s, r, 1, r, mid, ST_LABEL, "预期目标");
    put(s, r, mid + 1, r, last, ST_LABEL, "实际完成情况");
    put(s, r + 1, 1, r + 1, mid, ST_TEXT, goal ? goal->text.text : NULL);
    put(s, r + 1, mid + 1, r + 1, last, ST_TEXT, outcome ? outcome->text.text : NULL);
    s->row += 2;
}

/* The cells of a result after 三级指标; ind NULL for a result that names
 * no indicator of the target, r NULL for an indicator without a result. */
static void result_cells(Sheet *s, const Indicator *ind, const Result *r)
{
    unsigned row = s->row;
    span(s, 4, 4, ST_CENTER, ind ? emit_target_text(s->a, ind) : NULL);
    if (r && r->actual.kind == VAL_NUMBER)
        put_number(s, row, 5, row, 5, &r->actual.lo,
                   is_money_unit(s->p, r->unit.text) ? 2 : 0, r->unit.text);
    else
        span(s, 5, 5, ST_CENTER, r ? emit_actual_text(s->a, r) : NULL);
    put_figure(s, 6, r && r->has_max, r ? r->max : (Decimal){0, 0}, NULL, r ? &r->points : NULL,
               NULL);
    put_scored(s, 7, r && r->has_score, r ? r->score : (Decimal){0, 0}, r ? &r->scored : NULL);
    const char *reason = r ? r->reason.text : NULL;
    if (r && r->note.text)
        reason = arena_sprintf(s->a, "%s%s备注：%s", reason ? reason : "", reason ? "\n" : "",
                               r->note.text);
    span(s, 8, s->ncols - 1, ST_TEXT, reason);
}

/* The target's whole tree, in its order, each indicator with its result;
 * results that name no indicator after it, with blank categories. */
static void eval_grid(Sheet *s, const Table *t)
{
    static const char *const heads[] = {"一级指标", "二级指标", "三级指标", "年度指标值",
                                        "实际完成值", "分值", "得分", "偏差原因分析及改进措施"};
    Grid g = grid_rows(s->a, t ? t->field[FIELD_INDICATORS] : NULL);
    const Result **orphans;
    size_t n = emit_unmatched_results(s->a, s->t, &orphans);
    put(s, s->row, 0, s->row + (unsigned)(g.len + n), 0, ST_LABEL, "绩效指标");
    s->head_row = s->row;
    for (unsigned i = 0; i < ARRAY_LEN(heads); i++)
        span(s, 1 + i, 1 + i, ST_LABEL, heads[i]);
    s->row++;
    for (size_t i = 0; i < g.len; i++) {
        const Indicator *ind = g.rows[i].ind;
        category_cell(s, &g, i, 1, false);
        category_cell(s, &g, i, 2, true);
        span(s, 3, 3, ST_TEXT, ind ? ind->name.text : NULL);
        result_cells(s, ind, ind ? emit_result_of(s->t, ind) : NULL);
        s->row++;
    }
    for (size_t i = 0; i < n; i++) {
        span(s, 1, 1, ST_CENTER, NULL);
        span(s, 2, 2, ST_CENTER, NULL);
        span(s, 3, 3, ST_TEXT, orphans[i]->name.text);
        result_cells(s, NULL, orphans[i]);
        s->row++;
    }
}

/* 总分: the 分值 and the 自评得分 under their columns, then the grade. */
static void eval_total(Sheet *s)
{
    const EvalSummary *sum = emit_eval_summary(s->t);
    const Field *scored = s->t->field[FIELD_SCORED];
    Decimal all = sum->indicator_max;
    bool has_all = sum->has_exec && dec_add(sum->indicator_max, sum->exec_max, &all) == DEC_OK;
    const char *g = sum->has_total ? sum->grade : NULL;
    span(s, 0, 5, ST_LABEL, "总分（自评得分）");
    put_figure(s, 6, has_all, all, NULL, NULL, NULL);
    put_scored(s, 7, sum->has_total, sum->total, scored ? &scored->num : NULL);
    span(s, 8, s->ncols - 1, ST_CENTER,
         arena_sprintf(s->a, "评价等级：%s%s", g ? g : "", emit_grade_mark(s->p, s->t)));
    s->row++;
}

static void evaluation(Sheet *s)
{
    const Table *t = emit_eval_target(s->t);
    s->ncols = EVAL_NCOLS;
    top(s);
    eval_name_row(s, t);
    eval_org_row(s, t);
    eval_pairs(s, t);
    text_rows(s);
    eval_exec(s);
    eval_goal(s, t);
    eval_grid(s, t);
    eval_total(s);
}

/* ===== measuring ===== */

/* The widest line of a cell's text, in columns (CJK counts two). */
static unsigned text_width(const Cell *c)
{
    const char *s = c->text;
    if (c->num)     /* as shown: perhaps two more decimals, then the unit */
        return (unsigned)(strlen(c->num->text) + 3
                          + (c->suffix ? utf8_width(c->suffix, strlen(c->suffix)) : 0));
    unsigned best = 0;
    while (s && *s) {
        size_t n = strcspn(s, "\n");
        unsigned w = (unsigned)utf8_width(s, n);
        best = w > best ? w : best;
        s += n + (s[n] == '\n');
    }
    return best;
}

static bool bordered(Style st)
{
    return st >= ST_LABEL;
}

/* Each column fits its widest single-column cell, within COL_MIN..COL_MAX;
 * longer text wraps. Unbordered cells (title, 填报单位) do not count. */
static unsigned *column_widths(const Sheet *s)
{
    unsigned *w = arena_alloc(s->a, s->ncols * sizeof *w);
    for (unsigned c = 0; c < s->ncols; c++)
        w[c] = COL_MIN;
    for (size_t i = 0; i < s->cells.len; i++) {
        const Cell *c = s->cells.items[i];
        unsigned need = text_width(c) + 2;
        if (c->col == c->last_col && bordered(c->style) && need > w[c->col])
            w[c->col] = need < COL_MAX ? need : COL_MAX;
    }
    return w;
}

/* Lines a cell needs when its text wraps in its width. */
static unsigned cell_lines(const Cell *c, const unsigned *w)
{
    unsigned avail = 0, lines = 0;
    for (unsigned k = c->col; k <= c->last_col; k++)
        avail += w[k];
    avail = avail > 3 ? avail - 2 : 1;
    const char *s = c->text;
    while (s && *s) {
        size_t n = strcspn(s, "\n");
        unsigned tw = (unsigned)utf8_width(s, n);
        lines += tw ? (tw + avail - 1) / avail : 1;
        s += n + (s[n] == '\n');
    }
    return lines ? lines : 1;
}

static unsigned cell_height(const Cell *c, const unsigned *w)
{
    if (c->style == ST_TITLE)
        return TITLE_PT;
    unsigned h = cell_lines(c, w) * LINE_PT + 5;
    return h > ROW_MIN_PT ? h : ROW_MIN_PT;
}

/* Single-row cells first; a cell merged over several rows then spreads what
 * it still lacks evenly over them (no reader autofits merged cells). */
static unsigned *row_heights(const Sheet *s, const unsigned *w)
{
    unsigned *h = arena_alloc(s->a, (s->row + 1) * sizeof *h);
    for (unsigned r = 0; r < s->row; r++)
        h[r] = ROW_MIN_PT;
    for (size_t i = 0; i < s->cells.len; i++) {
        const Cell *c = s->cells.items[i];
        unsigned need = cell_height(c, w);
        if (c->row == c->last_row && need > h[c->row])
            h[c->row] = need;
    }
    for (size_t i = 0; i < s->cells.len; i++) {
        const Cell *c = s->cells.items[i];
        unsigned need = cell_height(c, w), have = 0, n = c->last_row - c->row + 1;
        for (unsigned r = c->row; r <= c->last_row; r++)
            have += h[r];
        for (unsigned r = c->row; have < need && r <= c->last_row; r++)
            h[r] += (need - have + n - 1) / n;
    }
    return h;
}

/* ===== writing ===== */

typedef struct NumFormat {
    const char *code;
    lxw_format *f;
} NumFormat;

typedef struct Book {
    lxw_workbook *wb;
    lxw_format *style[ST_COUNT];
    PtrVec numfmts;             /* NumFormat *, made on first use */
    Arena *a;
    lxw_error err;              /* the first failure */
    const char *too_big;        /* a table that does not fit a worksheet, located */
} Book;

static void note_error(Book *b, lxw_error e)
{
    if (b->err == LXW_NO_ERROR)
        b->err = e;
}

static lxw_format *new_format(Book *b, Style st)
{
    lxw_format *f = XLSX(workbook_add_format)(b->wb);
    XLSX(format_set_font_name)(f, "宋体");
    XLSX(format_set_font_size)(f, st == ST_TITLE ? 16 : 11);
    XLSX(format_set_align)(f, LXW_ALIGN_VERTICAL_CENTER);
    XLSX(format_set_text_wrap)(f);
    if (bordered(st))
        XLSX(format_set_border)(f, LXW_BORDER_THIN);
    if (st == ST_TITLE || st == ST_LABEL || st == ST_WARN)
        XLSX(format_set_bold)(f);
    if (st == ST_WARN)
        XLSX(format_set_font_color)(f, LXW_COLOR_RED);
    static const uint8_t align[ST_COUNT] = {
        [ST_WARN] = LXW_ALIGN_LEFT,     [ST_ATTACH] = LXW_ALIGN_LEFT, [ST_TITLE] = LXW_ALIGN_CENTER,
        [ST_INFO] = LXW_ALIGN_LEFT,     [ST_UNIT] = LXW_ALIGN_RIGHT,  [ST_LABEL] = LXW_ALIGN_CENTER,
        [ST_CENTER] = LXW_ALIGN_CENTER, [ST_TEXT] = LXW_ALIGN_LEFT,
        [ST_NUMBER] = LXW_ALIGN_CENTER};
    XLSX(format_set_align)(f, align[st]);
    return f;
}

static lxw_format *number_style(Book *b, const char *code)
{
    for (size_t i = 0; i < b->numfmts.len; i++) {
        NumFormat *nf = b->numfmts.items[i];
        if (strcmp(nf->code, code) == 0)
            return nf->f;
    }
    NumFormat *nf = arena_alloc(b->a, sizeof *nf);
    nf->code = code;
    nf->f = new_format(b, ST_NUMBER);
    XLSX(format_set_num_format)(nf->f, code);
    ptrvec_push(b->a, &b->numfmts, nf);
    return nf->f;
}

/* The one place a value becomes binary floating point: a spreadsheet cell
 * stores every number as a double, whatever writes it. Only numbers of at
 * most 15 significant digits get here (put_number), and a double holds
 * those so that the 2-decimal (or as-written) display is the exact text.
 * strtod reads the canonical text dec_format writes ("-123.45"); ptlc never
 * calls setlocale, so the decimal point is '.' (the C locale). */
static double cell_double(const Number *n)
{
    char buf[DEC_BUFSZ];
    dec_format(n->dec, buf, sizeof buf);
    return strtod(buf, NULL);
}

static void write_cell(Book *b, lxw_worksheet *ws, const Cell *c)
{
    lxw_format *f = c->num ? number_style(b, c->num_format) : b->style[c->style];
    lxw_row_t r = c->row;
    lxw_col_t col = (lxw_col_t)c->col;
    if (c->row != c->last_row || c->col != c->last_col)
        note_error(b, XLSX(worksheet_merge_range)(ws, r, col, c->last_row, (lxw_col_t)c->last_col,
                                            c->text ? c->text : "", f));
    if (c->num)
        note_error(b, XLSX(worksheet_write_number)(ws, r, col, cell_double(c->num), f));
    else if (c->text)
        note_error(b, XLSX(worksheet_write_string)(ws, r, col, c->text, f));
    else
        note_error(b, XLSX(worksheet_write_blank)(ws, r, col, f));
}

static void page_setup(Book *b, lxw_worksheet *ws, const Sheet *s)
{
    XLSX(worksheet_set_paper)(ws, 9);         /* A4 */
    XLSX(worksheet_set_landscape)(ws);
    XLSX(worksheet_fit_to_pages)(ws, 1, 0);   /* one page wide, as many pages tall as needed */
    XLSX(worksheet_center_horizontally)(ws);
    if (s->head_row)
        note_error(b, XLSX(worksheet_repeat_rows)(ws, s->head_row, s->head_row));
}

static void write_sheet(Book *b, lxw_worksheet *ws, const Sheet *s)
{
    const unsigned *w = column_widths(s);
    const unsigned *h = row_heights(s, w);
    for (unsigned c = 0; c < s->ncols; c++)
        note_error(b, XLSX(worksheet_set_column)(ws, (lxw_col_t)c, (lxw_col_t)c, (double)w[c], NULL));
    for (unsigned r = 0; r < s->row; r++)
        note_error(b, XLSX(worksheet_set_row)(ws, r, (double)h[r], NULL));
    for (size_t i = 0; i < s->cells.len; i++)
        write_cell(b, ws, s->cells.items[i]);
    page_setup(b, ws, s);
}

/* ===== sheet names ===== */

static bool sheet_name_char_ok(uint32_t cp)
{
    if (cp >= 0x80)
        return true;
    return cp >= 0x20 && cp != 0x7F && !strchr("[]:*?/\\", (int)cp);
}

/* "1 部门整体 株洲市渌口区信访局": the number keeps names unique; characters
 * Excel forbids become '_', and the name is cut at 31 UTF-16 units. */
static const char *sheet_name(Arena *a, size_t i, const Table *t)
{
    StrBuf vis = STRBUF_INIT, out = STRBUF_INIT;
    strbuf_addf(&vis, "%zu %s ", i + 1,
                t->kind == TABLE_DEPARTMENT ? "部门整体" : t->kind == TABLE_PROJECT ? "项目" : "自评");
    emit_visible_text(&vis, t->name.text, strlen(t->name.text));
    size_t units = 0;
    for (size_t k = 0, n; k < vis.len; k += n) {
        uint32_t cp = '_';
        n = utf8_decode(vis.buf + k, vis.len - k, &cp);
        n = n ? n : 1;
        units += cp > 0xFFFF ? 2 : 1;
        if (units > SHEET_NAME_MAX)
            break;
        if (sheet_name_char_ok(cp))
            strbuf_add(&out, vis.buf + k, n);
        else
            strbuf_addc(&out, '_');
    }
    while (out.len && (out.buf[out.len - 1] == ' ' || out.buf[out.len - 1] == '\''))
        out.len--;      /* Excel rejects a name ending in an apostrophe */
    const char *r = arena_strndup(a, strbuf_cstr(&out), out.len);
    strbuf_release(&vis);
    strbuf_release(&out);
    return r;
}

/* ===== the workbook ===== */

/* Sheet i: the tables, then the evaluations. */
static void add_table(Book *b, const Program *p, const EmitOptions *o, size_t i)
{
    size_t ntables = emit_table_count(p);
    const Table *t = i < ntables ? emit_table(p, i) : emit_evaluation(p, i - ntables);
    Sheet s = {p, o, b->a, t, {0}, 0, 8, 0};
    const char *name = sheet_name(b->a, i, s.t);
    lxw_error bad = XLSX(workbook_validate_sheet_name)(b->wb, name);
    lxw_worksheet *ws = bad ? NULL : XLSX(workbook_add_worksheet)(b->wb, name);
    if (!ws) {
        note_error(b, bad ? bad : LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    if (s.t->kind == TABLE_DEPARTMENT)
        department(&s);
    else if (s.t->kind == TABLE_PROJECT)
        project(&s);
    else
        evaluation(&s);
    /* checked before anything is written: libxlsxwriter would refuse each
     * cell past the edge with an error that says nowhere which table */
    if ((s.row > LXW_ROW_MAX || s.ncols > LXW_COL_MAX) && !b->too_big) {
        const SourceFile *f = session_file(p->s, s.t->file);
        uint32_t line, col;
        src_line_col(f, s.t->key.start, &line, &col);
        StrBuf where = STRBUF_INIT;
        safe_append(&where, f->path, strlen(f->path));
        b->too_big = i18n_sprintf(p->s, "%s:%u:%u: table '%s' needs %u rows and %u columns; a "
                                  "worksheet holds at most %u rows and %u columns (build it "
                                  "as CSV instead)", where.buf, line, col, sheet_name(b->a, i, s.t),
                                   s.row, s.ncols, (unsigned)LXW_ROW_MAX, (unsigned)LXW_COL_MAX);
        strbuf_release(&where);
    }
    if (!b->too_big)
        write_sheet(b, ws, &s);
}

/* A workbook needs a sheet: an empty program gets one that says so. */
static void add_empty(Book *b)
{
    lxw_worksheet *ws = XLSX(workbook_add_worksheet)(b->wb, "ptlc");
    if (ws)
        note_error(b, XLSX(worksheet_write_string)(ws, 0, 0, "没有绩效目标表", b->style[ST_INFO]));
}

bool emit_xlsx(const Program *p, const EmitOptions *o, const char *path, const char **err)
{
    const char *why;
    if (!libs_xlsx(&why)) {
        *err = i18n_sprintf(p->s, "cannot write the workbook '%s': libxlsxwriter cannot be loaded (%s)",
                            path, why);
        return false;
    }
    Book b = {XLSX(workbook_new)(path), {NULL}, {0}, &p->s->arena, LXW_NO_ERROR, NULL};
    if (!b.wb) {
        *err = i18n_sprintf(p->s, "cannot create the workbook '%s'", path);
        return false;
    }
    char title[] = "绩效目标表", comments[] = "ptlc " PTLC_VERSION;
    lxw_doc_properties props = {.title = title, .comments = comments, .created = FIXED_CREATED};
    note_error(&b, XLSX(workbook_set_properties)(b.wb, &props));
    for (int st = 0; st < ST_COUNT; st++)
        b.style[st] = new_format(&b, (Style)st);
    size_t n = emit_table_count(p) + emit_evaluation_count(p);
    for (size_t i = 0; i < n; i++)
        add_table(&b, p, o, i);
    if (n == 0)
        add_empty(&b);
    lxw_error closed = XLSX(workbook_close)(b.wb);
    note_error(&b, closed);
    if (b.too_big) {
        *err = b.too_big;
        return false;
    }
    if (b.err == LXW_NO_ERROR)
        return true;
    *err = i18n_sprintf(p->s, "cannot write the workbook '%s': %s", path, XLSX(lxw_strerror)(b.err));
    return false;
}
