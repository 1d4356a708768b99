/* import: the reading of a text export (see import.h). One pass over the
 * lines: each line is split at its tabs into cells, a title line opens a
 * table, a label row fills one of its statements, a header row of
 * 一级指标/二级指标/三级指标 maps the indicator columns by name, and the
 * indicator rows that follow are written as nested blocks as they come.
 * Every step is linear in the input. */
#define _POSIX_C_SOURCE 200809L
#include "import.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"
#include "parse.h"
#include "safetext.h"
#include "source.h"
#include "util.h"

/* One line of the export, split at its tabs. */
typedef struct Row {
    size_t line;                /* 1-based line number in the export */
    size_t n;                   /* cells */
    const char **cell;          /* trimmed, NUL-terminated, in the arena */
    size_t *col;                /* 1-based byte column of each cell */
} Row;

enum { COL_L1, COL_L2, COL_L3, COL_OP, COL_VALUE, COL_UNIT, COL_DESC, COL_NOTE, COL_COUNT };

typedef enum ImportKind { IMPORT_NONE, IMPORT_DEPARTMENT, IMPORT_PROJECT } ImportKind;

/* The table being read: its statements, its indicator blocks (written as
 * the rows come, so the open 一级/二级 are remembered) and the comments of
 * what could not be placed. */
typedef struct ImportTable {
    ImportKind kind;
    const char *name;
    int year;                   /* from the title: 2026年…绩效目标表 */
    size_t title_line;
    bool has_department;        /* a project table that names its department */
    const char *money_unit;     /* 单位：万元 */
    StrBuf head, budget, body, notes;
    const char *l1, *l2;        /* the open blocks, or NULL */
    int col[COL_COUNT];         /* header columns, -1 where absent */
    bool in_indicators;
    int task_name_col, task_text_col;   /* 任务名称 / 主要内容, -1 outside */
    int budget_nature_col;      /* the first 按支出性质分 column, -1 outside */
    bool budget_names_seen;
    const char *budget_names[16];
} ImportTable;

typedef struct Import {
    Session *s;
    const char *path;
    const char *attachment;     /* 附件3-1, above the title it belongs to */
    const char *department;     /* the export's department table's name */
    ImportTable t;
    StrBuf *out;
} Import;

static const char *const level1_names[] = {"产出指标", "效益指标", "满意度指标", "满意度", "成本指标"};
static const char *const level2_names[] = {
    "数量指标", "质量指标", "时效指标", "经济效益", "经济效益指标", "社会效益", "社会效益指标",
    "生态效益", "生态效益指标", "可持续影响", "可持续影响指标", "服务对象满意度",
    "服务对象满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标"};

static bool in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return true;
    return false;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ===== cells ===== */

/* Spaces (ASCII and the ideographic U+3000) around a cell are the export's
 * padding, not its content. */
static size_t trim_len(const char **p, size_t n)
{
    for (;;) {
        if (n && (**p == ' ' || **p == '\r'))
            (*p)++, n--;
        else if (n >= 3 && memcmp(*p, "\xe3\x80\x80", 3) == 0)
            *p += 3, n -= 3;
        else
            break;
    }
    for (;;) {
        if (n && ((*p)[n - 1] == ' ' || (*p)[n - 1] == '\r'))
            n--;
        else if (n >= 3 && memcmp(*p + n - 3, "\xe3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    return n;
}

static Row split_row(Arena *a, const char *p, size_t n, size_t line)
{
    Row r = {line, 1, NULL, NULL};
    for (size_t i = 0; i < n; i++)
        r.n += p[i] == '\t';
    r.cell = arena_alloc(a, r.n * sizeof *r.cell);
    r.col = arena_alloc(a, r.n * sizeof *r.col);
    size_t start = 0;
    for (size_t k = 0; k < r.n; k++) {
        const char *tab = memchr(p + start, '\t', n - start);
        size_t end = tab ? (size_t)(tab - p) : n;
        const char *c = p + start;
        size_t len = trim_len(&c, end - start);
        r.cell[k] = arena_strndup(a, c, len);
        r.col[k] = (size_t)(c - p) + 1;
        start = end + 1;
    }
    return r;
}

static const char *cell(const Row *r, int k)
{
    return k >= 0 && (size_t)k < r->n ? r->cell[k] : "";
}

static size_t filled(const Row *r)
{
    size_t n = 0;
    for (size_t k = 0; k < r->n; k++)
        n += r->cell[k][0] != '\0';
    return n;
}

static int first_filled(const Row *r)
{
    for (size_t k = 0; k < r->n; k++)
        if (r->cell[k][0])
            return (int)k;
    return -1;
}

static int find_cell(const Row *r, const char *text)
{
    for (size_t k = 0; k < r->n; k++)
        if (strcmp(r->cell[k], text) == 0)
            return (int)k;
    return -1;
}

/* The next non-blank cell after k (a label's value: merged cells leave
 * blanks between the two), or "". */
static const char *value_after(const Row *r, int k, int *at)
{
    for (size_t j = (size_t)k + 1; j < r->n; j++)
        if (r->cell[j][0]) {
            if (at)
                *at = (int)j;
            return r->cell[j];
        }
    return "";
}

/* ===== .ptl text ===== */

/* Text as the content of a .ptl string or comment: quotes and backslashes
 * escaped, and every character unsafe to show written as an escape, so no
 * cell can end the string or make the table read otherwise than it shows. */
static void add_escaped(StrBuf *out, const char *s, bool in_string)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            len = 1, cp = 0xFFFD;
        if (in_string && (cp == '"' || cp == '\\')) {
            strbuf_addc(out, '\\');
            strbuf_addc(out, (char)cp);
        } else if (cp < 0x20 || cp == 0x7F || safe_unsafe_cp(cp) || cp == 0xFFFD) {
            strbuf_addf(out, in_string ? "\\u{%X}" : "U+%04X", (unsigned)cp);
        } else {
            strbuf_add(out, s + i, len);
        }
        i += len;
    }
}

static void add_string(StrBuf *out, const char *s)
{
    strbuf_addc(out, '"');
    add_escaped(out, s, true);
    strbuf_addc(out, '"');
}

/* A name written bare (a category, a unit) must be letters of a script:
 * anything else is written as a string, which the grammar takes there too
 * or reports, rather than a token stream that reads otherwise. */
static bool bare_word(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0 || !(cp >= 0x4E00 ? cp <= 0x9FFF : (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')))
            return false;
        i += len;
    }
    return !lex_is_keyword(s);
}

static bool is_number(const char *s)
{
    size_t i = 0, digits = 0, dots = 0;
    for (; s[i]; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && digits && !dots)
            dots++;
        else
            return false;
    }
    return digits > 0 && s[i - 1] != '.';
}

static bool is_op(const char *s)
{
    static const char *const ops[] = {"≥", "≤", "=", ">", "<", ">=", "<=", "＝", "定性", "定量"};
    return in_list(s, ops, ARRAY_LEN(ops));
}

/* ===== diagnostics ===== */

/* A line that the importer cannot place: reported at the export's line and
 * column, and kept in the table as a comment. */
static void unplaced(Import *im, const Row *r, int k)
{
    size_t col = k >= 0 ? r->col[k] : 1;
    char *where = arena_sprintf(&im->s->arena, "%s:%zu:%zu", im->path, r->line, col);
    notify_report(im->s, SEV_WARNING, where, "not imported: the importer cannot tell where this "
                                             "line belongs; it is kept as a comment");
    StrBuf *to = im->t.kind == IMPORT_NONE ? im->out : &im->t.notes;
    strbuf_addf(to, "// import: line %zu not placed:", r->line);
    for (size_t j = 0; j < r->n; j++)
        if (r->cell[j][0]) {
            strbuf_addc(to, ' ');
            add_escaped(to, r->cell[j], false);
        }
    strbuf_addc(to, '\n');
}

/* ===== tables ===== */

static void close_blocks(ImportTable *t, bool level1)
{
    if (t->l2)
        strbuf_adds(&t->body, "}\n");
    t->l2 = NULL;
    if (level1 && t->l1)
        strbuf_adds(&t->body, "}\n");
    if (level1)
        t->l1 = NULL;
}

static void flush_table(Import *im)
{
    ImportTable *t = &im->t;
    if (t->kind != IMPORT_NONE) {
        close_blocks(t, true);
        if (!t->name) {
            char *where = arena_sprintf(&im->s->arena, "%s:%zu:1", im->path, t->title_line);
            notify_report(im->s, SEV_WARNING, where, "the table's name was not found (部门（单位）"
                                                     "名称 or 项目名称): it is written \"\"");
        }
        strbuf_adds(im->out, t->kind == IMPORT_DEPARTMENT ? "department " : "project ");
        add_string(im->out, t->name ? t->name : "");
        strbuf_adds(im->out, " {\n");
        strbuf_add(im->out, t->notes.buf ? t->notes.buf : "", t->notes.len);
        if (t->kind == IMPORT_PROJECT && !t->has_department && im->department) {
            strbuf_adds(im->out, "// department: the export's department table, which names no other\n");
            strbuf_adds(im->out, "department ");
            add_string(im->out, im->department);
            strbuf_addc(im->out, '\n');
        }
        if (t->year)
            strbuf_addf(im->out, "year %d\n", t->year);
        strbuf_add(im->out, t->head.buf ? t->head.buf : "", t->head.len);
        if (t->budget.len) {
            strbuf_adds(im->out, "budget {\n");
            strbuf_add(im->out, t->budget.buf, t->budget.len);
            strbuf_adds(im->out, "}\n");
        }
        if (t->body.len) {
            strbuf_adds(im->out, "indicators {\n");
            strbuf_add(im->out, t->body.buf, t->body.len);
            strbuf_adds(im->out, "}\n");
        }
        strbuf_adds(im->out, "}\n\n");
    }
    strbuf_release(&t->head);
    strbuf_release(&t->budget);
    strbuf_release(&t->body);
    strbuf_release(&t->notes);
    memset(t, 0, sizeof *t);
}

/* 2026年部门整体支出绩效目标表: a table of its own kind, with its year. */
static bool title_row(Import *im, const Row *r)
{
    int k = first_filled(r);
    if (k < 0 || filled(r) != 1 || !strstr(r->cell[k], "绩效目标表"))
        return false;
    ImportKind kind = strstr(r->cell[k], "部门") ? IMPORT_DEPARTMENT
                     : strstr(r->cell[k], "项目") ? IMPORT_PROJECT : IMPORT_NONE;
    if (kind == IMPORT_NONE)
        return false;
    flush_table(im);
    im->t.kind = kind;
    im->t.title_line = r->line;
    for (int c = 0; c < COL_COUNT; c++)
        im->t.col[c] = -1;
    im->t.task_name_col = im->t.task_text_col = im->t.budget_nature_col = -1;
    const char *p = r->cell[k];
    int year = 0;
    for (; *p >= '0' && *p <= '9' && year < 100000; p++)
        year = year * 10 + (*p - '0');
    if (starts_with(p, "年") && year >= 1900 && year <= 2200)
        im->t.year = year;
    if (im->attachment) {
        strbuf_adds(&im->t.head, "attachment ");
        add_string(&im->t.head, im->attachment);
        strbuf_addc(&im->t.head, '\n');
        im->attachment = NULL;
    }
    return true;
}

/* 2026.1.28 (a full stop after it or not) as a .ptl date; false if it is
 * not one. */
static bool parse_date(const char *s, char *out, size_t size)
{
    int y, m, d, used = 0;
    if (sscanf(s, "%4d.%2d.%2d%n", &y, &m, &d, &used) != 3 || y < 1900 || y > 2200 || m < 1
        || m > 12 || d < 1 || d > 31)
        return false;
    if (s[used] && strcmp(s + used, ".") != 0)
        return false;
    snprintf(out, size, "%04d-%02d-%02d", y, m, d);
    return true;
}

/* A line of one cell above a table's grid: 附件, the date and the filer
 * (胡心蕊 2026.1.28.), 单位：万元, an empty 填报单位（盖章）：. */
static bool note_row(Import *im, const Row *r)
{
    int k = first_filled(r);
    if (k < 0 || filled(r) != 1)
        return false;
    const char *c = r->cell[k];
    ImportTable *t = &im->t;
    char date[16];
    const char *space = strrchr(c, ' ');
    if (starts_with(c, "附件") && !strchr(c, ' ')) {
        im->attachment = c;
    } else if (t->kind != IMPORT_NONE && parse_date(space ? space + 1 : c, date, sizeof date)) {
        strbuf_addf(&t->head, "filed %s\n", date);
        if (space) {
            strbuf_adds(&t->head, "filer ");
            add_string(&t->head, arena_strndup(&im->s->arena, c, (size_t)(space - c)));
            strbuf_addc(&t->head, '\n');
        }
    } else if (t->kind != IMPORT_NONE && (starts_with(c, "单位：") || starts_with(c, "单位:"))
               && bare_word(c + (c[6] == ':' ? 7 : 9))) {
        t->money_unit = c + (c[6] == ':' ? 7 : 9);
    } else if (strcmp(c, "填报单位（盖章）：") == 0 || strcmp(c, "填报单位（盖章）") == 0) {
        /* the stamp's place, blank in an export */
    } else {
        return false;
    }
    return true;
}

static void add_statement(ImportTable *t, const char *keyword, const char *text)
{
    strbuf_adds(&t->head, keyword);
    strbuf_addc(&t->head, ' ');
    add_string(&t->head, text);
    strbuf_addc(&t->head, '\n');
}

static void add_money(ImportTable *t, StrBuf *to, const char *keyword, const char *name, const char *amount)
{
    strbuf_adds(to, keyword);
    if (name) {
        strbuf_addc(to, ' ');
        if (bare_word(name))
            strbuf_adds(to, name);
        else
            add_string(to, name);
    }
    strbuf_addf(to, " %s", amount);
    if (t->money_unit)
        strbuf_addf(to, " %s", t->money_unit);
    strbuf_addc(to, '\n');
}

/* The 预算情况 block: a header row (资金总额, 按收入性质分 … 按支出性质分),
 * a row of the total and the sources' and natures' names, a row of their
 * amounts; a blank amount is a column the table does not use. */
static bool budget_row(Import *im, const Row *r)
{
    ImportTable *t = &im->t;
    if (t->kind != IMPORT_DEPARTMENT)
        return false;
    if (strcmp(cell(r, 0), "预算情况") == 0) {
        t->budget_nature_col = find_cell(r, "按支出性质分");
        t->budget_names_seen = false;
        if (t->budget_nature_col < 0)
            t->budget_nature_col = (int)r->n;
        return true;
    }
    if (t->budget_nature_col < 0 || cell(r, 0)[0])
        return false;
    for (size_t k = 1; k < r->n && k < ARRAY_LEN(t->budget_names); k++) {
        const char *c = r->cell[k];
        if (!c[0])
            continue;
        if (!t->budget_names_seen && k > 1 && !is_number(c))
            t->budget_names[k] = c;
        else if (k == 1 && !t->budget_names_seen && is_number(c))
            add_money(t, &t->budget, "total", NULL, c);
        else if (t->budget_names_seen && t->budget_names[k] && is_number(c))
            add_money(t, &t->budget, (int)k >= t->budget_nature_col ? "nature" : "source",
                      t->budget_names[k], c);
        else
            return false;
    }
    if (t->budget_names_seen)
        t->budget_nature_col = -1;  /* the amounts row ends the block */
    t->budget_names_seen = true;
    return true;
}

/* 年度主要任务 | 任务名称 | … | 主要内容, then one row per task. */
static bool task_row(Import *im, const Row *r)
{
    ImportTable *t = &im->t;
    if (strcmp(cell(r, 0), "年度主要任务") == 0) {
        t->task_name_col = find_cell(r, "任务名称");
        t->task_text_col = find_cell(r, "主要内容");
        return t->task_name_col > 0 && t->task_text_col > 0;
    }
    if (t->task_name_col < 0 || cell(r, 0)[0] || !cell(r, t->task_name_col)[0])
        return false;
    strbuf_adds(&t->head, "task ");
    add_string(&t->head, cell(r, t->task_name_col));
    strbuf_addc(&t->head, ' ');
    add_string(&t->head, cell(r, t->task_text_col));
    strbuf_addc(&t->head, '\n');
    return true;
}

/* 2026年: four digits and 年, nothing else. */
static bool year_cell(const char *v)
{
    for (int i = 0; i < 4; i++)
        if (v[i] < '0' || v[i] > '9')
            return false;
    return strcmp(v + 4, "年") == 0;
}

/* A label and its value anywhere in a row (项目金额 | 60 | 项目类别 |
 * 特定目标类): each label known here takes the next non-blank cell. */
static bool label_pairs(Import *im, const Row *r)
{
    ImportTable *t = &im->t;
    bool any = false;
    for (size_t k = 0; k < r->n; k++) {
        const char *c = r->cell[k];
        int at = (int)k;
        const char *v = c[0] ? value_after(r, (int)k, &at) : "";
        if (!v[0])
            continue;
        bool ok = true;
        if (strcmp(c, "部门（单位）名称") == 0 || strcmp(c, "单位名称") == 0 || strcmp(c, "部门名称") == 0) {
            if (t->kind == IMPORT_DEPARTMENT) {
                t->name = v;
                im->department = v;
            } else {
                add_statement(t, "department", v);
                t->has_department = true;
            }
        } else if (strcmp(c, "项目名称") == 0 && t->kind == IMPORT_PROJECT) {
            t->name = v;
        } else if (strcmp(c, "年度履职目标") == 0) {
            add_statement(t, "duty", v);
        } else if (strcmp(c, "本年度绩效目标") == 0 || strcmp(c, "年度绩效目标") == 0) {
            add_statement(t, "goal", v);
        } else if (strcmp(c, "项目金额") == 0 && is_number(v)) {
            add_money(t, &t->head, "amount", NULL, v);
        } else if (strcmp(c, "项目类别") == 0 && bare_word(v)) {
            strbuf_addf(&t->head, "category %s\n", v);
        } else if (strcmp(c, "项目支出实施期") == 0 && year_cell(v)) {
            strbuf_addf(&t->head, "period %.4s\n", v);
        } else {
            ok = false;
        }
        if (ok) {
            any = true;
            k = (size_t)at;
        } else if (k == 0) {
            return false;       /* not a label row: placed elsewhere or reported */
        }
    }
    return any;
}

/* 一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 度量单位 | …: the
 * columns of the rows that follow, by their names, in whatever order. */
static bool header_row(Import *im, const Row *r)
{
    if (find_cell(r, "一级指标") < 0 || find_cell(r, "二级指标") < 0)
        return false;
    ImportTable *t = &im->t;
    for (int c = 0; c < COL_COUNT; c++)
        t->col[c] = -1;
    for (size_t k = 0; k < r->n; k++) {
        const char *c = r->cell[k];
        int which = strcmp(c, "一级指标") == 0 ? COL_L1 : strcmp(c, "二级指标") == 0 ? COL_L2
                    : strcmp(c, "三级指标") == 0 ? COL_L3 : strcmp(c, "指标值类型") == 0 ? COL_OP
                    : strcmp(c, "指标值") == 0 ? COL_VALUE
                    : strcmp(c, "度量单位") == 0 || strcmp(c, "计量单位") == 0 ? COL_UNIT
                    : starts_with(c, "指标值说明") ? COL_DESC : strcmp(c, "备注") == 0 ? COL_NOTE : -1;
        if (which >= 0 && t->col[which] < 0)
            t->col[which] = (int)k;
    }
    t->in_indicators = t->kind != IMPORT_NONE;
    return true;
}

/* ===== indicator rows ===== */

/* The export shifts a row whose merged cells it lost: 时效指标 (a 二级指标)
 * written in the 一级指标 column. A row whose first cell is a known 一级 or
 * 二级 name is moved to that name's column, with a warning. */
static Row realign(Import *im, const Row *r)
{
    int k = first_filled(r);
    const char *c = cell(r, k);
    int want = in_list(c, level1_names, ARRAY_LEN(level1_names)) ? im->t.col[COL_L1]
               : in_list(c, level2_names, ARRAY_LEN(level2_names)) ? im->t.col[COL_L2] : k;
    if (k < 0 || want < 0 || want == k)
        return *r;
    int shift = want - k;
    char *where = arena_sprintf(&im->s->arena, "%s:%zu:%zu", im->path, r->line, r->col[k]);
    notify_report(im->s, SEV_WARNING, where,
                  "row shifted by the export: '%s' stands %d column(s) from its own; re-aligned",
                  c, shift);
    Row m = {r->line, 0, NULL, NULL};
    size_t n = shift > 0 ? r->n + (size_t)shift : r->n - (size_t)-shift;
    m.cell = arena_alloc(&im->s->arena, n * sizeof *m.cell);
    m.col = arena_alloc(&im->s->arena, n * sizeof *m.col);
    for (size_t j = 0; j < n; j++) {
        long from = (long)j - shift;
        bool in = from >= 0 && (size_t)from < r->n;
        m.cell[j] = in ? r->cell[from] : "";
        m.col[j] = in ? r->col[from] : r->col[0];
    }
    m.n = n;
    return m;
}

static void open_block(ImportTable *t, const char *name)
{
    if (bare_word(name) && (in_list(name, level1_names, ARRAY_LEN(level1_names))
                            || in_list(name, level2_names, ARRAY_LEN(level2_names))))
        strbuf_adds(&t->body, name);
    else
        add_string(&t->body, name);
    strbuf_adds(&t->body, " {\n");
}

static bool unit_word(const char *u)
{
    return strcmp(u, "%") == 0 || strcmp(u, "‰") == 0 || bare_word(u);
}

/* ≥90% in one cell: the operator, the number and the unit apart. */
static void split_fused(Arena *a, const char **op, const char **value, const char **unit)
{
    static const char *const ops[] = {"≥", "≤", ">=", "<=", "=", ">", "<"};
    const char *v = *value;
    if (!(*op)[0])
        for (size_t i = 0; i < ARRAY_LEN(ops); i++)
            if (starts_with(v, ops[i])) {
                *op = ops[i];
                v += strlen(ops[i]);
                while (*v == ' ')
                    v++;
                break;
            }
    size_t n = 0;
    while ((v[n] >= '0' && v[n] <= '9') || (v[n] == '.' && n))
        n++;
    const char *rest = v + n + (v[n] == ' ');
    if (n && v[n] && !(*unit)[0] && unit_word(rest)) {
        *unit = rest;
        *value = arena_strndup(a, v, n);
    } else {
        *value = v;
    }
}

/* One indicator: "三级指标" OP VALUE UNIT "指标值说明" note "备注". */
static bool add_indicator(Import *im, const Row *r)
{
    ImportTable *t = &im->t;
    const char *op = cell(r, t->col[COL_OP]), *value = cell(r, t->col[COL_VALUE]);
    const char *unit = cell(r, t->col[COL_UNIT]);
    split_fused(&im->s->arena, &op, &value, &unit);
    if (!value[0] || (op[0] && !is_op(op)) || (unit[0] && !unit_word(unit)))
        return false;
    if (strcmp(op, "＝") == 0)
        op = "=";
    add_string(&t->body, cell(r, t->col[COL_L3]));
    if (op[0])
        strbuf_addf(&t->body, " %s", op);
    if (is_number(value) && strcmp(op, "定性") != 0) {
        strbuf_addf(&t->body, " %s", value);
        if (unit[0])
            strbuf_addf(&t->body, " %s", unit);
    } else {
        strbuf_addc(&t->body, ' ');
        add_string(&t->body, value);
    }
    if (cell(r, t->col[COL_DESC])[0]) {
        strbuf_addc(&t->body, ' ');
        add_string(&t->body, cell(r, t->col[COL_DESC]));
    }
    if (cell(r, t->col[COL_NOTE])[0]) {
        strbuf_adds(&t->body, " note ");
        add_string(&t->body, cell(r, t->col[COL_NOTE]));
    }
    strbuf_addc(&t->body, '\n');
    return true;
}

/* A row of the indicator grid. A blank 一级 or 二级 cell is a merged cell
 * of the row above: the open block continues. */
static void indicator_row(Import *im, const Row *raw)
{
    ImportTable *t = &im->t;
    Row r = realign(im, raw);
    const char *l1 = cell(&r, t->col[COL_L1]), *l2 = cell(&r, t->col[COL_L2]);
    const char *l3 = cell(&r, t->col[COL_L3]);
    if (l1[0] && (!t->l1 || strcmp(l1, t->l1) != 0)) {
        close_blocks(t, true);
        open_block(t, l1);
        t->l1 = l1;
    }
    if (l2[0] && t->l1 && (!t->l2 || strcmp(l2, t->l2) != 0)) {
        close_blocks(t, false);
        open_block(t, l2);
        t->l2 = l2;
    }
    bool placed = (l1[0] || l2[0]) && !l3[0] && t->l1 && (!l2[0] || t->l2);
    if (l3[0] && t->l2)
        placed = add_indicator(im, &r);
    if (!placed)
        unplaced(im, raw, first_filled(raw));
}

/* ===== the export ===== */

static void import_row(Import *im, const Row *r)
{
    if (filled(r) == 0) {
        im->t.in_indicators = false;    /* a blank line ends the grid */
        return;
    }
    if (title_row(im, r) || note_row(im, r) || header_row(im, r))
        return;
    if (im->t.kind == IMPORT_NONE) {
        unplaced(im, r, first_filled(r));
        return;
    }
    if (im->t.in_indicators) {
        indicator_row(im, r);
        return;
    }
    if (!budget_row(im, r) && !task_row(im, r) && !label_pairs(im, r))
        unplaced(im, r, first_filled(r));
}

static bool valid_utf8(const char *text, size_t len, size_t *bad)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(text + i, len - i, &cp);
        if (n == 0 || cp == 0) {
            *bad = i;
            return false;
        }
        i += n;
    }
    return true;
}

/* text converted from the encoding from to UTF-8, in the arena; NULL when
 * it does not convert whole (glibc's iconv: no extra dependency). */
static char *convert(Arena *a, const char *from, const char *text, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16, used = 0;
    char *buf = malloc(cap);
    char *in = (char *)text;
    size_t in_left = len;
    bool ok = buf != NULL;
    while (ok && in_left > 0) {
        char *out = buf + used;
        size_t left = cap - used;
        size_t rc = iconv(cd, &in, &in_left, &out, &left);
        used = cap - left;
        if (rc != (size_t)-1)
            continue;
        char *bigger = errno == E2BIG ? realloc(buf, cap * 2) : NULL;
        ok = bigger != NULL;
        if (ok) {
            buf = bigger;
            cap *= 2;
        }
    }
    iconv_close(cd);
    char *r = ok ? arena_strndup(a, buf, used) : NULL;
    *out_len = ok ? used : 0;
    free(buf);
    return r;
}

/* A UTF-16 export (as Excel's "Unicode text" is) starts with its byte
 * order mark; one that is not UTF-8 is most often GB18030 (GBK, GB2312),
 * as Chinese Windows saves text. Either is converted with a warning naming
 * the encoding, since a wrong guess reads as wrong names. */
static const char *decode(Session *s, const char *path, const char *text, size_t *len)
{
    const char *from = NULL;
    if (*len >= 2 && ((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE))
        from = "UTF-16LE";
    else if (*len >= 2 && ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF))
        from = "UTF-16BE";
    size_t bad = 0;
    if (!from && valid_utf8(text, *len, &bad))
        return text;
    const char *skip = from ? text + 2 : text;
    size_t n = from ? *len - 2 : *len, out_len = 0;
    const char *name = from ? "UTF-16" : "GB18030";
    char *out = convert(&s->arena, from ? from : "GB18030", skip, n, &out_len);
    if (!out || !valid_utf8(out, out_len, &bad)) {
        notify_report(s, SEV_ERROR, path, "not imported: the export is neither UTF-8, UTF-16 "
                                          "nor GB18030 text");
        return NULL;
    }
    notify_report(s, SEV_WARNING, path, "read as %s: the export is not UTF-8 text", name);
    *len = out_len;
    return out;
}

bool import_text(Session *s, const char *path, const char *text, size_t len, StrBuf *out)
{
    text = decode(s, path, text, &len);
    if (!text)
        return false;
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        text += 3, len -= 3;    /* a BOM says UTF-8 and is not content */
    Import im = {s, path, NULL, NULL, {0}, out};
    size_t line = 1;
    for (size_t i = 0; i <= len; line++) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        Row r = split_row(&s->arena, text + i, end - i, line);
        import_row(&im, &r);
        i = end + 1;
    }
    flush_table(&im);
    return true;
}
