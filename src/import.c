/* import: the reading of a grid as tables (see import.h). One pass over the
 * rows of each sheet: a title row opens a table, label rows fill its
 * statements, a money block its budget, a header row of 一级指标/二级指标
 * maps the indicator columns by name, and the indicator rows that follow
 * are written as nested blocks as they come. The framework line is written
 * when the table closes, from the categories its trees used. Every step is
 * linear in the input. */
#define _POSIX_C_SOURCE 200809L
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "notify.h"
#include "parse.h"
#include "program.h"
#include "safetext.h"
#include "source.h"
#include "util.h"

struct Importer {
    Session ps;                 /* the stdlib's session: its names and program */
    Program prog;
};

enum {
    COL_L1, COL_L2, COL_L3, COL_OP, COL_VALUE, COL_UNIT, COL_DESC, COL_NOTE, COL_STANDARD,
    COL_SCORING, COL_WEIGHT, COL_ACTUAL, COL_POINTS, COL_SCORED, COL_REASON, COL_COUNT
};
enum { MAX_TREES = 3, MAX_PAIRS = 64, MAX_MONEY_COLS = 16, MAX_FIGURES = 2, MAX_EXTRA = 8 };

typedef enum ImportKind { IMPORT_NONE, IMPORT_DEPARTMENT, IMPORT_PROJECT } ImportKind;

/* One indicator tree of a table (indicators, indicators 长期): its text, the
 * open blocks, and its (一级, 二级) pairs for choosing the framework. */
typedef struct Tree {
    const char *period;         /* NULL: the year's own tree */
    int col[COL_COUNT];         /* its columns in the header row, -1 where absent */
    StrBuf body;
    const char *l1, *l2;        /* the open blocks, or NULL */
    bool l2_implied;            /* l2 opened under the name of its 一级 (a merged cell) */
    const char *pair1[MAX_PAIRS], *pair2[MAX_PAIRS];
    size_t npairs;
    bool flat;                  /* no category columns: leaves at the top */
    const char *leaf[MAX_PAIRS];    /* the first indicators' names, for choosing the framework */
    size_t nleaves;
    int extra_col[MAX_EXTRA];       /* columns with no place in .ptl, kept as comments */
    const char *extra_name[MAX_EXTRA];
    size_t nextra;
    bool shallow;               /* one category column: its cells are 二级 names */
} Tree;

/* One figure of a money block (资金总额 | 当年资金总额: two side by side):
 * its lines, and whether the last source opened a split. */
typedef struct Figure {
    const char *name;           /* 中期, 当年 …; NULL: the year's own */
    const char *hint;           /* the period its total's label starts with (年度预算资金总额) */
    StrBuf lines;
    bool sub;
} Figure;

/* The columns of a 自评表's money block: 年初预算数 | 全年预算数 | 全年执行数 |
 * 分值 | 执行率 | 得分, -1 where absent. */
enum { EX_PLAN, EX_BUDGET, EX_SPENT, EX_POINTS, EX_RATE, EX_SCORED, EX_COUNT };

typedef struct ImportTable {
    ImportKind kind;
    bool eval;                  /* a 绩效自评表: the targets, then the evaluation */
    int ex_col[EX_COUNT];
    bool in_exec;               /* the money block is the evaluation's */
    StrBuf exec, outcome, results;
    const char *name;
    int year;
    const GridRow *title;
    bool has_department;
    const char *money_unit;     /* 单位：万元 */
    StrBuf head, budget, notes, tail;
    Tree tree[MAX_TREES];
    size_t ntrees;
    const char *next_period;    /* 长期绩效指标: the period of the tree a header opens */
    bool in_indicators;
    size_t grid_trees;          /* the first tree of the grid being read */
    int grid_first;             /* the grid's leftmost column */
    int task_name_col, task_text_col;   /* 任务名称 / 主要内容, -1 outside */
    int task_amount_col, task_duty_col; /* 预算金额 / 部门职能, -1 where absent */
    StrBuf pending;             /* a text statement whose value may go on below */
    int pending_col;            /* its value's column */
    StrBuf *pending_to;         /* where it goes; NULL: none held */
    bool pending_table;         /* it is a little table: rows of cells go on with it */
    bool in_section;            /* 项目立项情况 | LABEL | VALUE: rows of pairs follow */
    Figure *row_fig;            /* 项目总投资 | 20万元 | 中央补助安排 | 0 …: the figure the row's sources are of */
    bool row_money;             /* the row gives a budget's total: its sources are labels */
    int money_amount_col, money_share_col;  /* | 当年金额 | 占比: the block's columns, 0: none */
    const char *money_group;    /* 收入构成 / 支出构成: sources or natures below */
    bool money_total_done;
    Figure *money_fig;          /* the figure a named total opened (当年年度预算) */
    int filed_year;             /* of the 填报日期, for a table that prints no year */
    int fund_year;              /* of its latest 资金 document (…指标〔2023〕2-1号), likewise */
    const char *fund_doc;       /* that document's number */
    int budget_nature_col;      /* the first 按支出性质分 column, -1 outside */
    bool budget_names_seen;
    const char *budget_names[16];
    bool in_money;              /* a 资金情况 block: label rows of amounts follow */
    Figure fig[MAX_FIGURES];    /* its figures: the amounts of each pair column */
    StrBuf breakdowns;          /* 854万(高标准农田建设400万元,…): the parts of a line */
    const char *goal_label[MAX_MONEY_COLS];  /* a 总体目标 header: each column's label */
    bool in_goals;
} ImportTable;

typedef struct Import {
    Importer *imp;
    Program *p;
    Session *s;
    const char *path;
    const Grid *g;
    const GridSheet *sh;
    const char *attachment;     /* 附件3-1, above the title it belongs to */
    const char *department;     /* the export's department table's name */
    ImportTable t;
    StrBuf *out;
    size_t skip;                /* rows already read by the row before (a budget grid) */
    StrBuf allocation;          /* an allocation table before its target table: its breakdown */
} Import;

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const char *in_names(Import *im, const char *s)
{
    return intern_cstr(&im->p->s->names, s);
}

/* ===== cells ===== */

static const char *cell(const GridRow *r, int k)
{
    return k >= 0 && (size_t)k < r->n ? r->cell[k] : "";
}

static size_t filled(const GridRow *r)
{
    size_t n = 0;
    for (size_t k = 0; k < r->n; k++)
        n += r->cell[k][0] != '\0';
    return n;
}

static int first_filled(const GridRow *r)
{
    for (size_t k = 0; k < r->n; k++)
        if (r->cell[k][0])
            return (int)k;
    return -1;
}

static int next_filled(const GridRow *r, int k)
{
    for (size_t j = (size_t)k + 1; j < r->n; j++)
        if (r->cell[j][0])
            return (int)j;
    return -1;
}

static int find_cell(const GridRow *r, const char *text)
{
    for (size_t k = 0; k < r->n; k++)
        if (strcmp(r->cell[k], text) == 0)
            return (int)k;
    return -1;
}

static const char *where(Import *im, const GridRow *r, int k)
{
    return grid_where(&im->s->arena, im->path, im->g, im->sh, r, k);
}

/* A label as the vocabularies of stdlib/import.ptl list it: without the
 * marks around it (* or ★ of a required field, : or ： after it),
 * full-width brackets as ASCII ones, traditional characters folded. */
static const char *label_shown(Import *im, const char *c);

static const char *label_key(Import *im, const char *c)
{
    return program_fold(im->p, label_shown(im, c));
}

/* A label as a statement writes it: without the marks around it, in the
 * characters the table prints (a traditional 已實施情況 stays so). */
static const char *label_shown(Import *im, const char *c)
{
    StrBuf b = STRBUF_INIT;
    while (*c == '*' || starts_with(c, "★"))
        c += *c == '*' ? 1 : strlen("★");
    for (const char *p = c; *p;) {
        if (starts_with(p, "（"))
            strbuf_addc(&b, '('), p += strlen("（");
        else if (starts_with(p, "）"))
            strbuf_addc(&b, ')'), p += strlen("）");
        else
            strbuf_addc(&b, *p++);
    }
    while (b.len && b.buf[b.len - 1] == ':')
        b.len--;
    while (b.len >= 3 && memcmp(b.buf + b.len - 3, "：", 3) == 0)
        b.len -= 3;
    static const char *const unit_marks[] = {"(万元)", "(萬元)", "(元)"};
    for (size_t i = 0; i < ARRAY_LEN(unit_marks); i++) {
        size_t n = strlen(unit_marks[i]);
        if (b.len > n && memcmp(b.buf + b.len - n, unit_marks[i], n) == 0)
            b.len -= n;     /* 资金情况(万元): the label, and the unit of its amounts */
    }
    const char *key = intern(&im->p->s->names, b.buf ? b.buf : "", b.len);
    strbuf_release(&b);
    return key;
}

/* The name a statement gives a vocabulary's label: as printed when it is
 * the canonical name in other characters (中央主管部門), else the canonical
 * name it is an alias of (主管部门及编码: 主管部门). */
static const char *role_shown(Import *im, const char *label, const char *canonical)
{
    return strcmp(label_key(im, label), canonical) == 0 ? label_shown(im, label) : canonical;
}

/* The canonical name of label in the stdlib vocabulary vocab, or NULL. */
static const char *label_in(Import *im, const char *vocab, const char *label)
{
    const Vocabulary *v = program_vocab(im->p, in_names(im, vocab));
    return v && label[0] ? vocab_canonical(v, label_key(im, label)) : NULL;
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
        } else if (in_string && cp == '\n') {
            strbuf_adds(out, "\\n");
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

/* A name after a keyword (org 主管部门, goal 实施期): a Chinese keyword there
 * is read as a name (parse.c), so only an English one must be quoted. */
static void add_name(StrBuf *out, const char *s)
{
    /* 定性 and 定量 are operators wherever they stand (parse.c never reads
     * them as names): quoted, as a string stands in every name position
     * they can reach here (standard 定量) */
    bool op_word = strcmp(s, "定性") == 0 || strcmp(s, "定量") == 0;
    if (bare_word(s) || (lex_is_keyword(s) && (unsigned char)s[0] >= 0x80 && !op_word))
        strbuf_adds(out, s);
    else
        add_string(out, s);
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

/* The length of the number at the start of s (12, 11.376), 0 if none.
 * One point at most: 2026.1.2 is a date, which the scanner reads as one,
 * so the number ends before its second point. */
static size_t number_len(const char *s)
{
    size_t n = 0;
    bool point = false;
    while ((s[n] >= '0' && s[n] <= '9')
           || (s[n] == '.' && n && !point && s[n + 1] >= '0' && s[n + 1] <= '9'))
        point |= s[n++] == '.';
    return n;
}

/* ===== diagnostics ===== */

/* A row that the importer cannot place: reported at its cell, and kept in
 * the table as a comment. */
static void unplaced(Import *im, const GridRow *r, int k)
{
    notify_report(im->s, SEV_WARNING, where(im, r, k),
                  "not imported: the importer cannot tell where this line belongs; it is kept "
                  "as a comment");
    StrBuf *to = im->t.kind == IMPORT_NONE ? im->out : &im->t.notes;
    if (im->g->workbook) {
        strbuf_adds(to, "// import: ");
        add_escaped(to, grid_where(&im->s->arena, "", im->g, im->sh, r, k) + 1, false);
        strbuf_adds(to, " not placed:");
    } else {
        strbuf_addf(to, "// import: line %zu not placed:", r->line);
    }
    for (size_t j = 0; j < r->n; j++)
        if (r->cell[j][0]) {
            strbuf_addc(to, ' ');
            add_escaped(to, r->cell[j], false);
        }
    strbuf_addc(to, '\n');
}

/* ===== values ===== */

static const char *const op_forms[][2] = {
    {">=", ">="}, {"<=", "<="}, {"≥", "≥"}, {"≤", "≤"}, {"＞＝", ">="}, {"＜＝", "<="},
    {"≧", "≥"}, {"≦", "≤"}, {"＞", ">"}, {"＜", "<"}, {"＝", "="}, {">", ">"}, {"<", "<"},
    {"=", "="},
};

/* The operator at the start of s, as written in .ptl; its length in *len. */
static const char *leading_op(const char *s, size_t *len)
{
    for (size_t i = 0; i < ARRAY_LEN(op_forms); i++)
        if (starts_with(s, op_forms[i][0])) {
            *len = strlen(op_forms[i][0]);
            return op_forms[i][1];
        }
    return NULL;
}

static size_t leading_op_len(const char *s)
{
    size_t len = 0;
    return leading_op(s, &len) ? len : 0;
}

/* The 指标值类型 cell as an operator, "" if blank, NULL if it is none. */
static const char *op_cell(const char *c)
{
    size_t len;
    const char *op = leading_op(c, &len);
    if (op && !c[len])
        return op;
    if (!c[0] || strcmp(c, "定性") == 0 || strcmp(c, "定量") == 0)
        return c;
    return NULL;
}

/* A unit the stdlib knows (万元, 辆, 元/亩), or a short run of Latin
 * letters (M, km), which the checker then judges. */
static bool unit_text(Import *im, const char *u)
{
    if (!u[0] || strchr(u, ' '))
        return false;
    if (program_unit(im->p, in_names(im, u)))
        return true;
    /* ≤28.40/株: a per-unit amount whose money unit was left out; written
     * as printed, for the checker to report */
    if (u[0] == '/' && u[1] && program_unit(im->p, in_names(im, u + 1)))
        return true;
    /* 元/人*月, 元/人·月: units joined by / and * or · (the checker reads them) */
    if (strchr(u, '/')) {
        bool all = true;
        for (const char *p = u; *p && all;) {
            size_t n = strcspn(p, "/*");
            const char *dot = strstr(p, "·");
            if (dot && (size_t)(dot - p) < n)
                n = (size_t)(dot - p);
            all = n > 0 && program_unit(im->p, intern(&im->p->s->names, p, n));
            p += n;
            if (*p)
                p += starts_with(p, "·") ? strlen("·") : 1;
            else
                break;
        }
        if (all)
            return true;
    }
    size_t n = strlen(u);
    /* 卷, 万页: a word of one or two Chinese characters after a number is
     * the unit as printed, which the checker then knows or reports */
    if (bare_word(u) && (unsigned char)u[0] >= 0x80 && n <= 6)
        return true;
    for (size_t i = 0; i < n; i++)
        if (!((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' && u[i] <= 'Z')))
            return false;
    return n <= 3;
}

static void add_unit(Import *im, StrBuf *to, const char *u)
{
    (void)im;
    if (strcmp(u, "%") == 0 || strcmp(u, "‰") == 0 || bare_word(u) || strchr(u, '/'))
        strbuf_adds(to, u);
    else
        add_string(to, u);
}

/* 2025年12月 / 2025年12月31日: the year, month and day (0 when absent) and
 * the length read; 0 if s does not start with one. */
static size_t cn_date(const char *s, int *y, int *m, int *d)
{
    int used = 0;
    *d = 0;
    if (sscanf(s, "%4d年%2d月%n", y, m, &used) != 2 || used == 0 || *y < 1900 || *y > 2200 || *m < 1
        || *m > 12)
        return 0;
    int day = 0, more = 0;
    if (sscanf(s + used, "%2d日%n", &day, &more) == 1 && more > 0 && day >= 1 && day <= 31) {
        *d = day;
        used += more;
    }
    return (size_t)used;
}

/* A span of months as a .ptl period (2023-07..2024-01) from 2023.07-2024.01,
 * 202001-202012, 2021年1月-12月 or 2023年4月-2024年2月; false if s is none. */
static bool month_span(const char *s, char *out, size_t size)
{
    int y1, m1, y2, m2, used = 0, d;
    if ((sscanf(s, "%4d.%2d-%4d.%2d%n", &y1, &m1, &y2, &m2, &used) == 4
         || sscanf(s, "%4d%2d-%4d%2d%n", &y1, &m1, &y2, &m2, &used) == 4) && !s[used]) {
        /* read as printed */
    } else {
        size_t k = cn_date(s, &y1, &m1, &d);
        if (!k || d || s[k] != '-')
            return false;
        const char *rest = s + k + 1;
        size_t k2 = cn_date(rest, &y2, &m2, &d);
        if (k2 && !d && !rest[k2]) {
            /* 2023年4月-2024年2月 */
        } else if (sscanf(rest, "%2d月%n", &m2, &used) == 1 && used > 0 && !rest[used]) {
            y2 = y1;
        } else {
            return false;
        }
    }
    if (m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12 || y1 < 1900 || y2 < y1 || y2 > 2200)
        return false;
    snprintf(out, size, "%04d-%02d..%04d-%02d", y1, m1, y2, m2);
    return true;
}

/* ≥ and >= (≤ and <=) are one comparison spelt two ways. */
static bool same_op(const char *a, const char *b)
{
    static const char *const ge[] = {"≥", ">="}, *const le[] = {"≤", "<="};
    bool a_ge = strcmp(a, ge[0]) == 0 || strcmp(a, ge[1]) == 0, b_ge = strcmp(b, ge[0]) == 0 || strcmp(b, ge[1]) == 0;
    bool a_le = strcmp(a, le[0]) == 0 || strcmp(a, le[1]) == 0, b_le = strcmp(b, le[0]) == 0 || strcmp(b, le[1]) == 0;
    return strcmp(a, b) == 0 || (a_ge && b_ge) || (a_le && b_le);
}

/* A value as a number is read: full-width digits, ％ and ． as ASCII, and
 * the thousands separators of 1,200 (or 1，200) dropped; text that is not a
 * number stays as printed. */
static const char *fold_digits(Import *im, const char *v)
{
    StrBuf b = STRBUF_INIT;
    bool changed = false;
    size_t n = strlen(v);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(v + i, n - i, &cp);
        if (len == 0)
            len = 1, cp = (unsigned char)v[i];
        bool digit_before = b.len && b.buf[b.len - 1] >= '0' && b.buf[b.len - 1] <= '9';
        if (cp >= 0xFF10 && cp <= 0xFF19) {
            strbuf_addc(&b, (char)('0' + (cp - 0xFF10)));
            changed = true;
        } else if (cp == 0xFF05) {
            strbuf_addc(&b, '%');
            changed = true;
        } else if (cp == 0xFF0E && digit_before) {
            strbuf_addc(&b, '.');
            changed = true;
        } else if ((cp == ',' || cp == 0xFF0C) && digit_before && i + len + 3 <= n
                   && v[i + len] >= '0' && v[i + len] <= '9' && v[i + len + 1] >= '0' && v[i + len + 1] <= '9'
                   && v[i + len + 2] >= '0' && v[i + len + 2] <= '9'
                   && !(i + len + 3 < n && v[i + len + 3] >= '0' && v[i + len + 3] <= '9')) {
            changed = true;     /* 1,200: a thousands separator */
        } else {
            strbuf_add(&b, v + i, len);
        }
        i += len;
    }
    const char *r = changed ? arena_strndup(&im->s->arena, b.buf, b.len) : v;
    strbuf_release(&b);
    return r;
}

/* One target as the .ptl of its cells: OP VALUE UNIT, and a `unit` the
 * 计量单位 column prints beside a value of its own. False when the cells
 * do not read as a target (the row is then reported, not guessed). */
static bool add_target(Import *im, StrBuf *to, StrBuf *attrs, const char *op, const char *value,
                       const char *unit)
{
    if (!op)
        return false;
    value = fold_digits(im, value);
    size_t oplen = 0;
    const char *lead = leading_op(value, &oplen);
    if (lead && value[oplen] && (!op[0] || strcmp(op, "定量") == 0 || same_op(op, lead))) {
        /* ≥95% alone, or under 定量 (the value says which way), or under
         * the same operator again: the operator once, the value after it */
        if (!op[0] || strcmp(op, "定量") == 0)
            op = lead;
        value += oplen;
        while (*value == ' ')
            value++;
    }
    bool qual = strcmp(op, "定性") == 0;
    if (op[0])
        strbuf_addf(to, " %s", op);
    if (!value[0] && op[0])
        return false;   /* an operator with nothing to compare: not a target */
    if (!value[0]) {
        if (unit[0] && unit_text(im, unit)) {
            strbuf_adds(attrs, " unit ");
            add_unit(im, attrs, unit);
        }
        return true;
    }
    char span[32];
    int y, m, d;
    size_t n = number_len(value);
    const char *rest = value + n;
    while (*rest == ' ')
        rest++;
    if (!qual && n && !*rest) {
        strbuf_addf(to, " %.*s", (int)n, value);
        if (unit[0] && unit_text(im, unit)) {
            strbuf_addc(to, ' ');
            add_unit(im, to, unit);
        } else if (unit[0]) {
            return false;
        }
        return true;
    }
    if (!qual && n && unit_text(im, rest)) {
        strbuf_addf(to, " %.*s ", (int)n, value);
        add_unit(im, to, rest);
        if (unit[0] && unit_text(im, unit)) {
            strbuf_adds(attrs, " unit ");
            add_unit(im, attrs, unit);
        }
        return true;
    }
    if (!qual && month_span(value, span, sizeof span)) {
        strbuf_addf(to, " %s", span);
        return true;
    }
    if (!qual && cn_date(value, &y, &m, &d) == strlen(value)) {
        strbuf_addf(to, " %s", value);
        return true;
    }
    strbuf_addc(to, ' ');
    add_string(to, value);
    if (unit[0] && unit_text(im, unit)) {
        strbuf_adds(attrs, " unit ");
        add_unit(im, attrs, unit);
    }
    return true;
}

/* 10000万元, 854万, 16: an amount and its unit as a budget line writes
 * them; "" when the cell is none. */
static const char *amount_text(Import *im, const char *c)
{
    size_t n = number_len(c);
    if (!n)
        return NULL;
    const char *rest = c + n;
    const char *unit = im->t.money_unit ? im->t.money_unit : "万元";
    if (strcmp(rest, "万元") == 0 || strcmp(rest, "元") == 0 || strcmp(rest, "万") == 0)
        unit = rest;    /* the unit as printed, and nothing after it */
    else if (*rest)
        return NULL;
    return arena_sprintf(&im->s->arena, "%.*s %s", (int)n, c, unit);
}

/* ===== tables ===== */

/* 2018年: a year at the start of p. */
static bool year_of(const char *p, int *year)
{
    int y = 0;
    const char *s = p;
    for (; *s >= '0' && *s <= '9' && y < 100000; s++)
        y = y * 10 + (*s - '0');
    if (s - p == 4 && starts_with(s, "年") && y >= 1900 && y <= 2200) {
        *year = y;
        return true;
    }
    return false;
}

static void close_blocks(Tree *tr, bool level1)
{
    if (tr->l2)
        strbuf_adds(&tr->body, "}\n");
    tr->l2 = NULL;
    if (level1 && tr->l1)
        strbuf_adds(&tr->body, "}\n");
    if (level1)
        tr->l1 = NULL;
}

static int category_level(Import *im, const char *name);

/* How many of the trees' categories fw cannot place, as the checker counts
 * them (check_indicator.c, misplaced_in): a 一级 of it with a 二级 of that
 * 一级, the 一级 again standing for its 二级 (满意度指标 › 满意度指标), a 一级
 * cell merged over a 二级 of its own name standing for that 二级's 一级; a
 * one-level tree must be 二级 names. */
static size_t misplaced(Import *im, const Vocabulary *fw)
{
    ImportTable *t = &im->t;
    size_t bad = 0;
    for (size_t i = 0; i < t->ntrees; i++) {
        const Tree *tr = &t->tree[i];
        for (size_t k = 0; k < tr->npairs; k++) {
            if (!category_level(im, tr->pair1[k]) && !bare_word(tr->pair1[k]))
                continue;   /* "…", the template's row for more: no framework's */
            if (tr->pair2[k] && !category_level(im, tr->pair2[k]) && !bare_word(tr->pair2[k]))
                continue;
            const char *c1 = vocab_canonical_folded(im->p, fw, in_names(im, tr->pair1[k]));
            const char *c2 = tr->pair2[k] ? vocab_canonical_folded(im->p, fw, in_names(im, tr->pair2[k])) : NULL;
            if (tr->shallow) {
                bad += !c1 || !ptrmap_get(&fw->parent, c1);
                continue;
            }
            if (c1 && !ptrmap_get(&fw->is_top, c1) && c2 == c1 && ptrmap_get(&fw->parent, c1))
                continue;
            if (!c1 || !ptrmap_get(&fw->is_top, c1))
                bad++;
            else if (tr->pair2[k])
                bad += !c2 || (ptrmap_get(&fw->parent, c2) != c1 && c2 != c1);
        }
    }
    return bad;
}

/* How many indicators are named after a category of fw before a space
 * ("经济成本指标 资金使用效率": Gansu prints the cost kind in the 三级 cell). */
static size_t named_by(Import *im, const Vocabulary *fw)
{
    size_t n = 0;
    for (size_t i = 0; i < im->t.ntrees; i++)
        for (size_t k = 0; k < im->t.tree[i].nleaves; k++) {
            const char *leaf = im->t.tree[i].leaf[k], *space = strchr(leaf, ' ');
            n += space && space > leaf
                 && vocab_canonical_folded(im->p, fw, intern(&im->p->s->names, leaf, (size_t)(space - leaf)));
        }
    return n;
}

/* Whether each 一级 fw requires (<fw>_required, stdlib/frameworks.ptl) has
 * a category in the trees. */
static bool has_required(Import *im, const Vocabulary *fw)
{
    const Vocabulary *req = program_vocab(im->p, in_names(im, arena_sprintf(&im->s->arena, "%s_required",
                                                                           fw->name)));
    for (size_t r = 0; req && r < req->top.len; r++) {
        bool found = false;
        for (size_t i = 0; i < im->t.ntrees && !found; i++)
            for (size_t k = 0; k < im->t.tree[i].npairs && !found; k++)
                found = vocab_canonical_folded(im->p, fw, in_names(im, im->t.tree[i].pair1[k])) == req->top.items[r];
        if (!found)
            return false;
    }
    return true;
}

/* The framework the trees are written in: the default when it fits, else
 * the first of the stdlib's that does; a flat list is `flat`. NULL: write
 * none (the default, or none fits and the checker says why). */
static const char *choose_framework(Import *im)
{
    ImportTable *t = &im->t;
    bool flat = t->ntrees > 0, cats = false;
    for (size_t i = 0; i < t->ntrees; i++) {
        flat = flat && t->tree[i].flat;
        cats = cats || t->tree[i].npairs;
    }
    const Program *p = im->p;
    if (flat && !cats) {
        for (size_t i = 0; i < p->framework_names.len; i++) {
            const Vocabulary *fw = ptrmap_get(&p->frameworks, p->framework_names.items[i]);
            if (fw && fw->top.len == 0)
                return fw->name;
        }
        return NULL;
    }
    if (!cats)
        return NULL;
    /* of the frameworks that place the whole tree, the default first, then
     * in the stdlib's order. A 绩效自评表 follows the template of
     * 财预〔2020〕10号, older than 101号: there, a framework whose required
     * 一级 are all there comes before one that would report some missing (a
     * 自评表 tree without 成本指标 is old's). A target table keeps the
     * default, and a missing 成本指标 is the checker's to report. A table of
     * a year before 101号 (issued in August 2021, for the budgets of 2022)
     * cannot be in its framework, the default, when an older one places the
     * tree as well (one cut off inside 产出指标). */
    bool before_default = t->year > 0 && t->year < DEFAULT_FRAMEWORK_SINCE;
    const Vocabulary *first = NULL, *named = NULL;
    size_t best = 0;
    for (size_t i = 0; i < p->framework_names.len; i++) {
        /* of those that place the tree, one its indicators are named after */
        const Vocabulary *fw = ptrmap_get(&p->frameworks, p->framework_names.items[i]);
        size_t n = fw && fw->top.len && !misplaced(im, fw) ? named_by(im, fw) : 0;
        if (n > best)
            best = n, named = fw;
    }
    if (named)
        return named == p->default_framework ? NULL : named->name;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i <= p->framework_names.len; i++) {
            const Vocabulary *fw = i == 0 ? p->default_framework
                                          : ptrmap_get(&p->frameworks, p->framework_names.items[i - 1]);
            if (!fw || (i > 0 && fw == p->default_framework) || !fw->top.len || misplaced(im, fw))
                continue;
            if (!first)
                first = fw;
            if (before_default && fw == p->default_framework)
                continue;
            if (pass == 0 && im->t.eval && !has_required(im, fw))
                continue;
            return fw == p->default_framework ? NULL : fw->name;
        }
    return first && first != p->default_framework ? first->name : NULL;
}

static void flush_pending(ImportTable *t);

static void flush_table(Import *im)
{
    ImportTable *t = &im->t;
    flush_pending(t);
    strbuf_release(&t->pending);
    if (t->kind != IMPORT_NONE) {
        for (size_t i = 0; i < t->ntrees; i++)
            close_blocks(&t->tree[i], true);
        if (!t->name) {
            notify_report(im->s, SEV_WARNING, where(im, t->title, -1),
                          "the table's name was not found (部门（单位）名称 or 项目名称): it is "
                          "written \"\"");
        }
        strbuf_adds(im->out, t->kind == IMPORT_DEPARTMENT ? "department " : "project ");
        add_string(im->out, t->name ? t->name : "");
        strbuf_adds(im->out, " {\n");
        strbuf_add(im->out, t->notes.buf ? t->notes.buf : "", t->notes.len);
        if (t->kind == IMPORT_PROJECT && !t->has_department && im->department && t->name) {
            strbuf_adds(im->out, "// department: the export's department table, which names no other\n");
            strbuf_adds(im->out, "department ");
            add_string(im->out, im->department);
            strbuf_addc(im->out, '\n');
        }
        if (!t->year && t->name)
            year_of(t->name, &t->year);     /* 2018年市级专项扶贫资金…: the name says it */
        if (!t->year && t->filed_year) {
            t->year = t->filed_year;
            notify_report(im->s, SEV_WARNING, where(im, t->title, -1),
                          "the table prints no budget year: %d is the year of its 填报日期", t->year);
        }
        if (!t->year && t->fund_year && !t->eval) {
            /* money for year Y comes by documents of Y-1 (提前下达) and of Y;
             * a 自评表 is of the year its money was spent, not one after */
            t->year = t->fund_year;
            notify_report(im->s, SEV_WARNING, where(im, t->title, -1),
                          "the table prints no budget year: %d is the year of its latest funding document (%s)",
                          t->year, t->fund_doc);
        }
        if (t->year)
            strbuf_addf(im->out, "year %d\n", t->year);
        const char *fw = choose_framework(im);
        if (fw)
            strbuf_addf(im->out, "framework %s\n", fw);
        strbuf_add(im->out, t->head.buf ? t->head.buf : "", t->head.len);
        if (t->budget.len) {
            strbuf_adds(im->out, "budget {\n");
            strbuf_add(im->out, t->budget.buf, t->budget.len);
            strbuf_adds(im->out, "}\n");
        }
        bool two = t->fig[1].lines.len > 0;
        for (size_t i = 0; i < MAX_FIGURES; i++) {
            Figure *f = &t->fig[i];
            if (!f->lines.len)
                continue;
            const char *name = f->name ? f->name : !two ? NULL : f->hint ? f->hint
                               : t->fig[1 - i].name ? NULL : i == 0 ? "中期" : "当年";
            strbuf_adds(im->out, "budget ");
            if (name) {
                add_name(im->out, name);
                strbuf_addc(im->out, ' ');
            }
            strbuf_adds(im->out, "{\n");
            strbuf_add(im->out, f->lines.buf, f->lines.len);
            if (f->sub)
                strbuf_adds(im->out, "}\n");
            strbuf_adds(im->out, "}\n");
        }
        strbuf_add(im->out, t->breakdowns.buf ? t->breakdowns.buf : "", t->breakdowns.len);
        for (size_t i = 0; i < t->ntrees; i++) {
            Tree *tr = &t->tree[i];
            strbuf_adds(im->out, "indicators ");
            if (tr->period) {
                add_name(im->out, tr->period);
                strbuf_addc(im->out, ' ');
            }
            strbuf_adds(im->out, "{\n");
            strbuf_add(im->out, tr->body.buf ? tr->body.buf : "", tr->body.len);
            strbuf_adds(im->out, "}\n");
        }
        strbuf_add(im->out, t->tail.buf ? t->tail.buf : "", t->tail.len);
        strbuf_adds(im->out, "}\n\n");
        if (t->eval) {
            strbuf_adds(im->out, "evaluation ");
            add_string(im->out, t->name ? t->name : "");
            strbuf_adds(im->out, " {\n");
            if (t->year)
                strbuf_addf(im->out, "year %d\n", t->year);
            if (t->exec.len) {
                strbuf_adds(im->out, "execution {\n");
                strbuf_add(im->out, t->exec.buf, t->exec.len);
                strbuf_adds(im->out, "}\n");
            }
            strbuf_add(im->out, t->outcome.buf ? t->outcome.buf : "", t->outcome.len);
            if (t->results.len) {
                strbuf_adds(im->out, "results {\n");
                strbuf_add(im->out, t->results.buf, t->results.len);
                strbuf_adds(im->out, "}\n");
            }
            strbuf_adds(im->out, "}\n\n");
        }
    }
    strbuf_release(&t->exec);
    strbuf_release(&t->outcome);
    strbuf_release(&t->results);
    strbuf_release(&t->head);
    strbuf_release(&t->budget);
    for (size_t i = 0; i < MAX_FIGURES; i++)
        strbuf_release(&t->fig[i].lines);
    strbuf_release(&t->breakdowns);
    strbuf_release(&t->notes);
    strbuf_release(&t->tail);
    for (size_t i = 0; i < t->ntrees; i++)
        strbuf_release(&t->tree[i].body);
    memset(t, 0, sizeof *t);
}

/* The text after the table's grid goes after its trees; what comes before
 * it, with the header. */
static StrBuf *statements(ImportTable *t)
{
    return t->ntrees ? &t->tail : &t->head;
}


/* A title: 2026年部门整体支出绩效目标表, 项目支出绩效目标申报表, 绩效目标表. */
static bool title_row(Import *im, const GridRow *r)
{
    int k = first_filled(r);
    if (k < 0)
        return false;
    const char *c = r->cell[k];
    /* 绩效目标表, 绩效目标申报表(基础设施建设类), 绩效自评表, 绩效目标表（2020年度） */
    const char *end = strstr(c, "表");
    while (end && strstr(end + strlen("表"), "表"))
        end = strstr(end + strlen("表"), "表");
    const char *after = end ? end + strlen("表") : NULL;
    bool closes = after && (!*after || starts_with(after, "(") || starts_with(after, "（"));
    if (!closes || !(strstr(c, "绩效目标") || strstr(c, "績效目標") || strstr(c, "绩效自评")
                     || strstr(c, "自评表")))
        return false;
    int more = next_filled(r, k);
    if (more >= 0 && !(starts_with(r->cell[more], "单位") && next_filled(r, more) < 0))
        return false;
    ImportKind kind = strstr(c, "项目") || strstr(c, "項目") || !(strstr(c, "部门") || strstr(c, "部門")
                                                              || strstr(c, "整体") || strstr(c, "整體"))
                      ? IMPORT_PROJECT : IMPORT_DEPARTMENT;
    flush_table(im);
    ImportTable *t = &im->t;
    t->kind = kind;
    t->eval = strstr(c, "自评") != NULL;
    t->title = r;
    t->task_name_col = t->task_text_col = t->budget_nature_col = -1;
    for (const char *p = c; *p; p++)
        if (year_of(p, &t->year))
            break;
    if (more >= 0)
        t->money_unit = NULL;
    if (im->attachment) {
        strbuf_adds(&t->head, "attachment ");
        add_string(&t->head, im->attachment);
        strbuf_addc(&t->head, '\n');
        im->attachment = NULL;
    }
    return true;
}

/* 2026.1.28 (a full stop after it or not), or 2021年1月28日, as a .ptl
 * date; false if it is not one. */
static bool parse_date(const char *s, char *out, size_t size)
{
    int y, m, d, used = 0;
    if (sscanf(s, "%4d.%2d.%2d%n", &y, &m, &d, &used) == 3 && (!s[used] || strcmp(s + used, ".") == 0)) {
        /* dotted */
    } else if (cn_date(s, &y, &m, &d) == strlen(s) && d) {
        /* 年月日 */
    } else {
        return false;
    }
    if (y < 1900 || y > 2200 || d < 1 || !lex_date_valid(y, m, d))
        return false;
    snprintf(out, size, "%04d-%02d-%02d", y, m, d);
    return true;
}

/* （2020年度）, 2021年: the table's year on a line of its own. */
static bool year_row(Import *im, const GridRow *r)
{
    int k = first_filled(r);
    if (k < 0 || filled(r) != 1)
        return false;
    const char *c = r->cell[k];
    if (starts_with(c, "（") || starts_with(c, "("))
        c += starts_with(c, "（") ? strlen("（") : 1;
    int year;
    if (!year_of(c, &year))
        return false;
    const char *rest = c + 4 + strlen("年");
    if (starts_with(rest, "度"))
        rest += strlen("度");
    if (*rest && strcmp(rest, "）") != 0 && strcmp(rest, ")") != 0)
        return false;
    im->t.year = year;
    return true;
}

static void add_statement(StrBuf *to, const char *keyword, const char *label, const char *text)
{
    strbuf_adds(to, keyword);
    if (label) {
        strbuf_addc(to, ' ');
        add_name(to, label);
    }
    strbuf_addc(to, ' ');
    add_string(to, text);
    strbuf_addc(to, '\n');
}

/* [015001]名称 and 219-名称: the name, and its code in *code (NULL if none). */
static const char *split_code(Import *im, const char *v, const char **code)
{
    *code = NULL;
    if (v[0] == '[') {
        const char *close = strchr(v, ']');
        if (close && close > v + 1 && close[1]) {
            *code = arena_strndup(&im->s->arena, v + 1, (size_t)(close - v - 1));
            return close + 1;
        }
    }
    size_t n = 0;
    while (v[n] >= '0' && v[n] <= '9')
        n++;
    if (n && v[n] == '-' && v[n + 1] && !(v[n + 1] >= '0' && v[n + 1] <= '9')) {
        *code = arena_strndup(&im->s->arena, v, n);
        return v + n + 1;
    }
    return v;
}

/* 郭铁梅18932106863, 李宁0557-5788003: the name and the number after it. */
static const char *split_phone(Import *im, const char *v, const char **phone)
{
    const char *p = v;
    while (*p && !(*p >= '0' && *p <= '9'))
        p++;
    size_t digits = 0;
    for (const char *q = p; *q; q++) {
        if (*q >= '0' && *q <= '9')
            digits++;
        else if (*q != '-')
            return *phone = NULL, v;
    }
    if (p == v || digits < 7)
        return *phone = NULL, v;
    *phone = p;
    return arena_strndup(&im->s->arena, v, (size_t)(p - v));
}

static void add_org(Import *im, const char *role, const char *v, const char *code)
{
    StrBuf *to = statements(&im->t);
    strbuf_adds(to, "org ");
    add_name(to, role);
    strbuf_addc(to, ' ');
    add_string(to, v);
    if (code) {
        strbuf_adds(to, " code ");
        add_string(to, code);
    }
    strbuf_addc(to, '\n');
}

/* A note outside the grid, a cell of its own: 附件, the date and the filer
 * (胡心蕊 2026.1.28.), 单位：万元, 填报日期:2021年1月28日, 预算单位:名称, an
 * empty 填报单位（盖章）：. With dry, only whether it is one. */
static bool note_cell(Import *im, const char *c, bool dry)
{
    ImportTable *t = &im->t;
    char date[16];
    /* 填报人：胡心蕊　2026.1.28 (as ptlc's own workbook prints it) reads as
     * the text export's 胡心蕊 2026.1.28 */
    if (starts_with(c, "填报人：") || starts_with(c, "填报人:"))
        c += starts_with(c, "填报人：") ? strlen("填报人：") : strlen("填报人:");
    const char *space = strrchr(c, ' ');
    const char *wide = strstr(c, "　");
    if (wide && (!space || wide > space)) {
        c = arena_sprintf(&im->s->arena, "%.*s %s", (int)(wide - c), c, wide + strlen("　"));
        space = strrchr(c, ' ');
    }
    const char *colon = strstr(c, "：") ? strstr(c, "：") : strchr(c, ':');
    const char *after = colon ? colon + (*colon == ':' ? 1 : strlen("：")) : NULL;
    if (dry) {
        if (starts_with(c, "附件") && !strchr(c, ' '))
            return true;
        if (t->kind == IMPORT_NONE)
            return false;
        if (parse_date(space ? space + 1 : c, date, sizeof date))
            return true;
        if (!after)
            return false;
        const char *label = arena_strndup(&im->s->arena, c, (size_t)(colon - c));
        return strcmp(label_key(im, label), "单位") == 0 || strcmp(label_key(im, label), "填报日期") == 0
               || label_in(im, "import_org", label);
    }
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
               && bare_word(after)) {
        t->money_unit = after;
    } else if (after && !*after && label_in(im, "import_org", c)) {
        /* the stamp's place, blank in an export */
    } else if (t->kind != IMPORT_NONE && after && *after) {
        const char *label = arena_strndup(&im->s->arena, c, (size_t)(colon - c));
        const char *role = label_in(im, "import_org", label);
        if (strcmp(label_key(im, label), "填报日期") == 0 && parse_date(after, date, sizeof date)) {
            strbuf_addf(&t->head, "filed %s\n", date);
            t->filed_year = atoi(date);
        } else if (role && strcmp(after, "(盖章)") != 0 && t->kind == IMPORT_DEPARTMENT && !t->name
                   && label_in(im, "import_department_self", label)) {
            t->name = after;    /* 预算部门:文化部门 over a department's own table */
            im->department = after;
        } else if (role && strcmp(after, "(盖章)") != 0) {
            const char *code;
            const char *name = split_code(im, after, &code);
            add_org(im, role_shown(im, label, role), name, code);
        } else if (role) {
            /* 填报单位:(盖章): a stamp */
        } else {
            return false;
        }
    } else {
        return false;
    }
    return true;
}

/* A line of notes: each filled cell one (填报单位（盖章）： | 2026.1.28 |
 * 单位：万元 in the header row of a workbook). */
static bool note_row(Import *im, const GridRow *r)
{
    int k = first_filled(r);
    if (k < 0 || filled(r) > 4)
        return false;
    for (int j = k; j >= 0; j = next_filled(r, j))
        if (!note_cell(im, r->cell[j], true))
            return false;
    for (int j = k; j >= 0; j = next_filled(r, j))
        note_cell(im, r->cell[j], false);
    return true;
}

static void add_money(ImportTable *t, StrBuf *to, const char *keyword, const char *name, const char *amount)
{
    strbuf_adds(to, keyword);
    if (name) {
        strbuf_addc(to, ' ');
        add_name(to, name);
    }
    strbuf_addf(to, " %s", amount);
    if (t->money_unit)
        strbuf_addf(to, " %s", t->money_unit);
    strbuf_addc(to, '\n');
}

/* Whether every filled cell of r from column 1 is an amount (the amounts
 * row of a budget grid), and there is one. */
static bool amounts_row(Import *im, const GridRow *r)
{
    if (cell(r, 0)[0] || first_filled(r) < 0)
        return false;
    for (int k = next_filled(r, 0); k >= 0; k = next_filled(r, k))
        if (!amount_text(im, r->cell[k]))
            return false;
    return true;
}

/* A budget printed as a grid: a header row of names beside the block's
 * label, maybe a second row of names under them, then a row of amounts
 * (预算情况 | 资金总额 | 一般公共预算 | 基本支出 | 项目支出, then | 86.5 | …; or
 * 总体资金情况 | 预算支出总额 | 基本支出 | | | | 项目支出 …, then | | 合计 |
 * 财政拨款 | 专户资金 | 单位资金 | 合计 …, then the amounts). A name over
 * several columns (a merged cell) is a line whose parts are the names below
 * it; 合计 under it is the line's own amount. Sources and natures by the
 * stdlib's budget vocabularies. Returns the rows read, 0 if r is none. */
static size_t budget_grid(Import *im, size_t index)
{
    ImportTable *t = &im->t;
    const GridSheet *sh = im->sh;
    const GridRow *a = &sh->rows[index];
    if (!label_in(im, "import_money", cell(a, 0)) && strcmp(label_key(im, cell(a, 0)), "预算情况") != 0)
        return 0;
    const GridRow *b = index + 1 < sh->nrows ? &sh->rows[index + 1] : NULL;
    const GridRow *c = index + 2 < sh->nrows ? &sh->rows[index + 2] : NULL;
    bool two = b && c && !amounts_row(im, b) && amounts_row(im, c) && !cell(b, 0)[0];
    for (int k = two ? next_filled(b, 0) : -1; k >= 0; k = next_filled(b, k))
        if (amount_text(im, b->cell[k]))
            return 0;   /* names and amounts mixed (the seed's 预算情况): budget_row reads it */
    const GridRow *amounts = two ? c : b;
    if (!amounts || !amounts_row(im, amounts) || next_filled(a, 0) < 0)
        return 0;
    for (int k = next_filled(a, 0); k >= 0; k = next_filled(a, k))
        if (amount_text(im, a->cell[k]))
            return 0;
    const Vocabulary *natures = program_vocab(im->p, in_names(im, "budget_nature"));
    size_t n = amounts->n > a->n ? amounts->n : a->n;
    if (two && b->n > n)
        n = b->n;
    const char *group = NULL;
    StrBuf *to = &t->budget;
    bool open = false;
    for (size_t k = 1; k < n; k++) {
        const char *top = cell(a, (int)k), *sub = two ? cell(b, (int)k) : "";
        const char *amount = cell(amounts, (int)k)[0] ? amount_text(im, cell(amounts, (int)k)) : NULL;
        if (top[0]) {
            if (open)
                strbuf_adds(to, "}\n");
            open = false;
            group = top;
        }
        const char *name = sub[0] ? sub : top[0] ? top : NULL;
        if (!name)
            continue;
        bool total = label_in(im, "import_money_total", name) || ends_with(name, "资金总额")
                     || ends_with(name, "支出总额");
        if (sub[0] && group && strcmp(label_key(im, sub), "合计") == 0) {
            bool nature = natures && vocab_canonical_folded(im->p, natures, in_names(im, group));
            strbuf_adds(to, nature ? "nature " : "source ");
            add_name(to, group);
            if (amount)
                strbuf_addf(to, " %s", amount);
            strbuf_adds(to, " {\n");
            open = true;
            continue;
        }
        if (total) {
            strbuf_adds(to, "total");
        } else {
            bool nature = !open && natures && vocab_canonical_folded(im->p, natures, in_names(im, name));
            strbuf_adds(to, nature ? "nature " : "source ");
            add_name(to, name);
        }
        if (amount)
            strbuf_addf(to, " %s", amount);
        strbuf_addc(to, '\n');
    }
    if (open)
        strbuf_adds(to, "}\n");
    return two ? 3 : 2;
}

/* breakdown "LABEL" { PARTS total TOTAL } among the table's breakdowns;
 * total NULL: none printed. */
static void add_breakdown(Import *im, const char *label, const StrBuf *parts, const char *total)
{
    StrBuf *b = &im->t.breakdowns;
    strbuf_adds(b, "breakdown ");
    add_string(b, label);
    strbuf_adds(b, " {\n");
    strbuf_add(b, parts->buf ? parts->buf : "", parts->len);
    if (total)
        strbuf_addf(b, "total %s\n", total);
    strbuf_adds(b, "}\n");
}

static const char *money_name(Import *im, const char *c, bool *top_numbered, bool *sub_numbered);

/* An allocation table attached before its target table (附件1 2018年…补助资金安排表
 * | 单位:元, then 单位 | 全年…资金 | 其中:免学费补助 | | | 其中:国家助学金 …,
 * then | | 小计 | 提前下达 | 本次下达 | 小计 …, then a row per recipient): the
 * breakdown of that table's money, one part per row, split by the header's
 * groups (小计 is a group's own amount). It is written in the next table.
 * Returns the rows read, 0 if the row at index is no such title. */
static size_t allocation_table(Import *im, size_t index)
{
    const GridSheet *sh = im->sh;
    const GridRow *t0 = &sh->rows[index];
    int k = first_filled(t0), u = next_filled(t0, k);
    if (k < 0 || (u >= 0 && next_filled(t0, u) >= 0))
        return 0;
    const char *title = label_key(im, t0->cell[k]);
    if (!(ends_with(title, "安排表") || ends_with(title, "分配表")) || strstr(title, "绩效目标"))
        return 0;
    const char *unit = "万元";
    if (u >= 0) {
        const char *uc = label_key(im, t0->cell[u]);
        if (!starts_with(uc, "单位:") && !starts_with(uc, "单位："))
            return 0;
        unit = uc + (starts_with(uc, "单位:") ? strlen("单位:") : strlen("单位："));
        if (!bare_word(unit))
            return 0;   /* no unit ptlc could read (broken bytes, a phrase): the lines stay comments */
    }
    if (index + 2 >= sh->nrows)
        return 0;
    const GridRow *a = &sh->rows[index + 1], *b = &sh->rows[index + 2];
    bool two = !cell(b, 0)[0] && first_filled(b) > 0;
    size_t data = index + (two ? 3 : 2);
    if (next_filled(a, 0) < 0)
        return 0;
    StrBuf parts = STRBUF_INIT;
    size_t end = data;
    for (; end < sh->nrows; end++) {
        const GridRow *r = &sh->rows[end];
        const char *amount = cell(r, 1)[0] ? amount_text(im, fold_digits(im, cell(r, 1))) : NULL;
        if (!cell(r, 0)[0] || !amount)
            break;
        strbuf_adds(&parts, "part ");
        add_string(&parts, cell(r, 0));
        strbuf_addf(&parts, " %.*s %s {\n", (int)number_len(amount), amount, unit);
        bool open = false;
        for (size_t c = 2; c < r->n; c++) {
            const char *group = cell(a, (int)c), *sub = two ? cell(b, (int)c) : "";
            const char *v = cell(r, (int)c)[0] ? amount_text(im, fold_digits(im, cell(r, (int)c))) : NULL;
            bool top, numbered;
            if (group[0]) {
                if (open)
                    strbuf_adds(&parts, "}\n");
                open = false;
            }
            bool own = group[0] && (!sub[0] || strcmp(label_key(im, sub), "小计") == 0);
            const char *name = own ? money_name(im, group, &top, &numbered) : sub;
            if (!name[0])
                continue;
            strbuf_adds(&parts, "part ");
            add_string(&parts, name);
            if (v)
                strbuf_addf(&parts, " %.*s %s", (int)number_len(v), v, unit);
            if (own && sub[0]) {
                strbuf_adds(&parts, " {\n");
                open = true;
            } else {
                strbuf_addc(&parts, '\n');
            }
        }
        if (open)
            strbuf_adds(&parts, "}\n");
        strbuf_adds(&parts, "}\n");
    }
    if (end == data) {
        strbuf_release(&parts);
        return 0;
    }
    const char *name = im->attachment ? arena_sprintf(&im->s->arena, "%s %s", im->attachment, t0->cell[k])
                                      : t0->cell[k];
    im->attachment = NULL;
    strbuf_adds(&im->allocation, "breakdown ");
    add_string(&im->allocation, name);
    strbuf_adds(&im->allocation, " {\n");
    strbuf_add(&im->allocation, parts.buf, parts.len);
    strbuf_adds(&im->allocation, "}\n");
    strbuf_release(&parts);
    return end - index;
}

/* A cost breakdown printed as a grid (see stdlib/import.ptl): 项目预算成本构成 |
 * 金额 | 测算(公式)依据 | 2020年实际执行数 …, then a row per part and 合计.
 * The 金额 column is the breakdown of the block's name, with each part's
 * basis; any other column of amounts is a breakdown named after its header.
 * Returns the rows read, 0 if the row at index opens none. */
static size_t breakdown_grid(Import *im, size_t index)
{
    const GridSheet *sh = im->sh;
    const GridRow *h = &sh->rows[index];
    if (!label_in(im, "import_breakdown", cell(h, 0)))
        return 0;
    enum { MAX_COLS = 8 };
    int amount_col[MAX_COLS], basis = -1;
    const char *title[MAX_COLS];
    size_t ncols = 0;
    for (int k = next_filled(h, 0); k >= 0; k = next_filled(h, k)) {
        if (label_in(im, "import_breakdown_basis", h->cell[k]))
            basis = k;
        else if (ncols < MAX_COLS) {
            title[ncols] = label_in(im, "import_breakdown_amount", h->cell[k]) ? label_key(im, cell(h, 0)) : h->cell[k];
            amount_col[ncols++] = k;
        }
    }
    size_t end = index + 1;
    while (end < sh->nrows && cell(&sh->rows[end], 0)[0] && !label_in(im, "import_money_total", cell(&sh->rows[end], 0))) {
        const GridRow *r = &sh->rows[end];
        bool fits = true;
        for (size_t c = 0; c < ncols; c++)
            fits = fits && (!cell(r, amount_col[c])[0] || amount_text(im, cell(r, amount_col[c])));
        if (!fits)
            break;
        end++;
    }
    bool has_total = end < sh->nrows && label_in(im, "import_money_total", cell(&sh->rows[end], 0));
    if (!ncols || end == index + 1)
        return 0;
    StrBuf part = STRBUF_INIT;
    for (size_t c = 0; c < ncols; c++) {
        StrBuf *b = &part;
        strbuf_reset(b);
        for (size_t i = index + 1; i < end; i++) {
            const GridRow *r = &sh->rows[i];
            const char *amount = cell(r, amount_col[c])[0] ? amount_text(im, cell(r, amount_col[c])) : NULL;
            strbuf_adds(b, "part ");
            add_string(b, cell(r, 0));
            if (amount)
                strbuf_addf(b, " %s", amount);
            if (c == 0 && basis >= 0 && cell(r, basis)[0]) {
                strbuf_addc(b, ' ');
                add_string(b, cell(r, basis));
            }
            strbuf_addc(b, '\n');
        }
        const char *total = has_total && cell(&sh->rows[end], amount_col[c])[0]
                            ? amount_text(im, cell(&sh->rows[end], amount_col[c])) : NULL;
        add_breakdown(im, title[c], b, total);
    }
    strbuf_release(&part);
    return end - index + (has_total ? 1 : 0);
}

/* The 预算情况 block: a header row (资金总额, 按收入性质分 … 按支出性质分),
 * a row of the total and the sources' and natures' names, a row of their
 * amounts; a blank amount is a column the table does not use. */
static bool budget_row(Import *im, const GridRow *r)
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

/* 年度主要任务 | 任务名称 | … | 主要内容 (or 年度履职目标 | 部门职能 |
 * 年度目标任务 | 支出项目名称 | 预算金额), then one row per task. */
static bool task_row(Import *im, const GridRow *r)
{
    ImportTable *t = &im->t;
    const char *c0 = label_key(im, cell(r, 0));
    if (strcmp(c0, "年度主要任务") == 0 || strcmp(c0, "年度履职目标") == 0) {
        t->task_name_col = t->task_text_col = t->task_amount_col = t->task_duty_col = -1;
        for (int k = 1; (size_t)k < r->n; k++) {
            const char *c = label_key(im, r->cell[k]);
            if (strcmp(c, "任务名称") == 0 || strcmp(c, "支出项目名称") == 0)
                t->task_name_col = k;
            else if (strcmp(c, "主要内容") == 0 || strcmp(c, "年度目标任务") == 0)
                t->task_text_col = k;
            else if (starts_with(c, "预算金额"))
                t->task_amount_col = k;
            else if (strcmp(c, "部门职能") == 0)
                t->task_duty_col = k;
        }
        return t->task_name_col > 0 && t->task_text_col > 0;
    }
    if (t->task_name_col < 0 || cell(r, 0)[0] || !cell(r, t->task_name_col)[0])
        return false;
    const char *amount = t->task_amount_col >= 0 ? amount_text(im, cell(r, t->task_amount_col)) : NULL;
    strbuf_adds(&t->head, "task ");
    add_string(&t->head, cell(r, t->task_name_col));
    if (amount)
        strbuf_addf(&t->head, " %s", amount);
    strbuf_addc(&t->head, ' ');
    add_string(&t->head, cell(r, t->task_text_col));
    if (t->task_duty_col >= 0 && cell(r, t->task_duty_col)[0]) {
        strbuf_adds(&t->head, " duty ");
        add_string(&t->head, cell(r, t->task_duty_col));
    }
    strbuf_addc(&t->head, '\n');
    return true;
}

/* A text statement (goal "…") is held back while the rows below may go on
 * with it: a row whose only cell stands in the value's column is its next
 * line (年度总体目标 | 目标1… then | 目标2…). */
static void hold_text(ImportTable *t, StrBuf *to, const char *keyword, const char *label, int col,
                      const char *text)
{
    strbuf_reset(&t->pending);
    strbuf_adds(&t->pending, keyword);
    if (label) {
        strbuf_addc(&t->pending, ' ');
        add_name(&t->pending, label);
    }
    strbuf_adds(&t->pending, " \"");
    add_escaped(&t->pending, text, true);
    t->pending_col = col;
    t->pending_to = to;
    t->pending_table = false;
}

static void flush_pending(ImportTable *t)
{
    if (!t->pending_to)
        return;
    strbuf_adds(t->pending_to, strbuf_cstr(&t->pending));
    strbuf_adds(t->pending_to, "\"\n");
    t->pending_to = NULL;
}

static void add_joined(StrBuf *to, const GridRow *r, int from)
{
    bool first = true;
    for (int k = next_filled(r, from - 1); k >= 0; k = next_filled(r, k)) {
        if (!first)
            strbuf_adds(to, " | ");
        add_escaped(to, r->cell[k], true);
        first = false;
    }
}

static bool continue_pending(ImportTable *t, const GridRow *r)
{
    int k = first_filled(r);
    if (t->pending_to && t->pending_table) {
        if (k <= 0 || filled(r) < 2)
            return false;
        strbuf_adds(&t->pending, "\\n");
        add_joined(&t->pending, r, k);
        return true;
    }
    if (!t->pending_to || k != t->pending_col || k == 0 || next_filled(r, k) >= 0
        || ends_with(r->cell[k], ":") || ends_with(r->cell[k], "："))
        return false;   /* (已實施情況: under a goal is a label of its own) */
    strbuf_adds(&t->pending, "\\n");
    add_escaped(&t->pending, r->cell[k], true);
    return true;
}

/* ===== money blocks: 资金情况(万元) | 年度资金总额: | 16 ===== */

/* A budget line's name as printed, without 其中: before it, the : after it
 * and the numbering of a list ((一), 1、, 二、). *nested: it was numbered
 * 1、 under a (一). */
static const char *money_name(Import *im, const char *c, bool *top_numbered, bool *sub_numbered)
{
    *top_numbered = *sub_numbered = false;
    if (starts_with(c, "其中:") || starts_with(c, "其中："))
        c += starts_with(c, "其中:") ? strlen("其中:") : strlen("其中：");
    static const char *const tops[] = {"(一)", "(二)", "(三)", "(四)", "(五)", "一、", "二、", "三、", "四、", "五、"};
    for (size_t i = 0; i < ARRAY_LEN(tops); i++)
        if (starts_with(c, tops[i])) {
            c += strlen(tops[i]);
            *top_numbered = true;
            break;
        }
    if (c[0] >= '1' && c[0] <= '9' && starts_with(c + 1, "、")) {
        c += 1 + strlen("、");
        *sub_numbered = true;
    }
    size_t n = strlen(c);
    while (n && c[n - 1] == ':')
        n--;
    while (n >= 3 && memcmp(c + n - 3, "：", 3) == 0)
        n -= 3;
    return arena_strndup(&im->s->arena, c, n);
}

/* 上级财政资金:6923.3552万元;本级财政:0万元 (the 其中 of a line, in its
 * brackets): NAME:AMOUNT items, each a source of the line's split; false
 * when the text is not that. */
static bool split_items(Import *im, const char *text, StrBuf *to)
{
    StrBuf out = STRBUF_INIT;
    bool ok = *text != '\0';
    const char *p = text;
    while (ok && *p) {
        const char *end = strstr(p, "；") ? strstr(p, "；") : NULL;
        const char *semi = strchr(p, ';');
        if (!end || (semi && semi < end))
            end = semi;
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *item = arena_strndup(&im->s->arena, p, n);
        const char *colon = strchr(item, ':');
        const char *amount = colon ? amount_text(im, colon + 1) : NULL;
        ok = amount != NULL;
        if (ok) {
            strbuf_adds(&out, "source ");
            add_name(&out, arena_strndup(&im->s->arena, item, (size_t)(colon - item)));
            strbuf_addf(&out, " %s\n", amount);
        }
        p += n;
        if (*p)
            p += *p == ';' ? 1 : strlen("；");
    }
    if (ok)
        strbuf_add(to, out.buf, out.len);
    strbuf_release(&out);
    return ok;
}

/* 高标准农田建设400万元,示范建设295万元 (what a line's amount is made of,
 * in its brackets): a breakdown named after the line, with the line's
 * amount as its total; false when the text is not a list of named amounts. */
static bool breakdown_items(Import *im, const char *label, const char *text, const char *total)
{
    StrBuf out = STRBUF_INIT;
    bool ok = *text != '\0';
    for (const char *p = text; ok && *p;) {
        const char *comma = strchr(p, ',');
        const char *wide = strstr(p, "，");
        const char *end = comma && (!wide || comma < wide) ? comma : wide;
        size_t n = end ? (size_t)(end - p) : strlen(p);
        size_t i = 0;
        while (i < n && !(p[i] >= '0' && p[i] <= '9'))
            i++;
        const char *amount = i && i < n ? amount_text(im, arena_strndup(&im->s->arena, p + i, n - i)) : NULL;
        ok = amount != NULL;
        if (ok) {
            strbuf_adds(&out, "part ");
            add_string(&out, arena_strndup(&im->s->arena, p, i));
            strbuf_addf(&out, " %s\n", amount);
        }
        p += n;
        if (*p)
            p += *p == ',' ? 1 : strlen("，");
    }
    if (ok)
        add_breakdown(im, label, &out, total);
    strbuf_release(&out);
    return ok;
}

/* An amount cell of a money block: 10000万元, 16, and with what it is made
 * of in brackets after it (854万(…), 6923.3552万元(其中:…)); the figure
 * printed twice over (854万854万(…)) is the one figure. NULL: none. */
static const char *money_amount(Import *im, const char *c, const char **paren)
{
    *paren = NULL;
    const char *open = strchr(c, '(');
    const char *wopen = strstr(c, "（");
    if (wopen && (!open || wopen < open))
        open = wopen;
    const char *head = c;
    if (open) {
        const char *inner = open + (*open == '(' ? 1 : strlen("（"));
        size_t n = strlen(inner);
        if (n && inner[n - 1] == ')')
            n--;
        else if (n >= 3 && memcmp(inner + n - 3, "）", 3) == 0)
            n -= 3;
        else
            return NULL;
        *paren = arena_strndup(&im->s->arena, inner, n);
        head = arena_strndup(&im->s->arena, c, (size_t)(open - c));
    }
    const char *amount = amount_text(im, head);
    if (!amount) {
        size_t n = strlen(head);    /* 854万854万: the same figure twice */
        if (n % 2 == 0 && n && memcmp(head, head + n / 2, n / 2) == 0)
            amount = amount_text(im, arena_strndup(&im->s->arena, head, n / 2));
    }
    return amount;
}

/* The figure named name (NULL: the year's own), made on first use. */
static Figure *figure_named(ImportTable *t, const char *name)
{
    for (size_t i = 0; i < MAX_FIGURES; i++)
        if (t->fig[i].lines.len && (t->fig[i].name == name || (name && t->fig[i].name
                                                               && strcmp(t->fig[i].name, name) == 0)))
            return &t->fig[i];
    for (size_t i = 0; i < MAX_FIGURES; i++)
        if (!t->fig[i].lines.len) {
            t->fig[i].name = name;
            return &t->fig[i];
        }
    return &t->fig[MAX_FIGURES - 1];
}

/* One line of a money block in figure f: a name and an amount (blank: the
 * line is printed without one). */
static void money_line(Import *im, size_t f, const char *label, const char *amount, const char *paren)
{
    ImportTable *t = &im->t;
    Figure *fig = t->money_fig ? t->money_fig : &t->fig[f < MAX_FIGURES ? f : MAX_FIGURES - 1];
    bool top, sub;
    const char *name = money_name(im, label, &top, &sub);
    if (!name[0])
        return;
    bool total = label_in(im, "import_money_total", name) != NULL || ends_with(name, "资金总额");
    static const char *const periods[] = {"中期", "年度", "当年", "全年", "年初"};
    for (size_t i = 0; total && !fig->hint && i < ARRAY_LEN(periods); i++)
        if (starts_with(name, periods[i]))
            fig->hint = periods[i];     /* 年度预算资金总额: the figure says which, if there are two */
    if (!sub && fig->sub) {
        strbuf_adds(&fig->lines, "}\n");
        fig->sub = false;
    }
    const Vocabulary *natures = program_vocab(im->p, in_names(im, "budget_nature"));
    const Vocabulary *sources = program_vocab(im->p, in_names(im, "budget_source"));
    bool nature = natures && vocab_canonical_folded(im->p, natures, in_names(im, name))
                  && !(sources && vocab_canonical_folded(im->p, sources, in_names(im, name)));
    StrBuf *to = &fig->lines;
    if (total) {
        strbuf_adds(to, "total");
    } else {
        strbuf_adds(to, nature ? "nature " : "source ");
        add_name(to, name);
    }
    if (amount)
        strbuf_addf(to, " %s", amount);
    StrBuf split = STRBUF_INIT;
    bool of_split = paren && amount && !total
                    && (starts_with(paren, "其中:") || starts_with(paren, "其中："))
                    && split_items(im, paren + (starts_with(paren, "其中:") ? strlen("其中:") : strlen("其中：")),
                                   &split);
    if (paren && amount && !of_split) {
        size_t n = strlen(label);
        while (n && label[n - 1] == ':')
            n--;
        breakdown_items(im, arena_strndup(&im->s->arena, label, n), paren, amount);
    }
    if (of_split) {
        strbuf_adds(to, " {\n");
        strbuf_add(to, split.buf, split.len);
        strbuf_adds(to, "}\n");
    } else if (top && !total && amount) {
        strbuf_adds(to, " {\n");     /* closed by the next line that is not 1、… */
        fig->sub = true;
    } else {
        strbuf_addc(to, '\n');
    }
    strbuf_release(&split);
}

/* Whether a money block's label names a line the stdlib knows: a source, a
 * nature, or a total (当年资金总额, 其中:当年财政拨款, 当年其他资金). */
static bool money_name_known(Import *im, const char *label)
{
    bool top, sub;
    const char *name = money_name(im, label, &top, &sub);
    return label_in(im, "import_money_total", name) || ends_with(name, "资金总额") || ends_with(name, "总额")
           || label_in(im, "budget_source", name) || label_in(im, "budget_nature", name);
}

/* The cells of a money row after its label column: a name and the amount
 * beside it, or one cell holding both (其中:上级资金16, 年度资金总额:16,
 * 总额10606.7522万元); a second pair in the row is a second figure. */
static bool money_cells(Import *im, const GridRow *r, int from)
{
    bool any = false;
    size_t f = 0;
    for (int k = next_filled(r, from - 1); k >= 0; k = next_filled(r, k), f++) {
        const char *c = r->cell[k], *paren = NULL;
        const char *colon = strchr(c, ':');
        if (colon && colon[1] && money_amount(im, colon + 1, &paren)) {
            money_line(im, f, arena_strndup(&im->s->arena, c, (size_t)(colon - c)),
                       money_amount(im, colon + 1, &paren), paren);
            any = true;
            continue;
        }
        size_t i = 0;   /* 总额10606.7522万元, 其中:上级资金16: a name, then its amount */
        while (c[i] && !(c[i] >= '0' && c[i] <= '9'))
            i++;
        if (i && c[i] && !starts_with(c, "(") && money_amount(im, c + i, &paren)) {
            money_line(im, f, arena_strndup(&im->s->arena, c, i), money_amount(im, c + i, &paren), paren);
            any = true;
            continue;
        }
        if (money_amount(im, c, &paren))
            return any;     /* an amount with no name: not a money row */
        const char *next = cell(r, k + 1);
        const char *fig_name = label_in(im, "import_budget_total", c);
        if (fig_name && next[0] && amount_text(im, next)) {
            /* 项目总预算 | 65, 当年年度预算 | 65: the total of a figure; the
             * lines after it in the block are that figure's */
            Figure *fg = figure_named(&im->t, strcmp(fig_name, "总额") == 0 ? NULL : fig_name);
            strbuf_addf(&fg->lines, "total %s\n", amount_text(im, next));
            im->t.money_fig = fg;
            any = true;
            k++;
            continue;
        }

        if (!any && next[0] && !money_amount(im, next, &paren)
            && (strstr(next, "金额") || strstr(next, "万元")))
            return true;    /* 年度资金总额 | 金额(万元): the block's header */
        int sub = next_filled(r, k);
        if (!(next[0] && money_amount(im, next, &paren)) && sub >= 0 && (ends_with(r->cell[sub], ":") || strchr(r->cell[sub], ':'))) {
            /* 地方資金 | 市: | 縣:: the line, and its split beside it */
            Figure *fg = im->t.money_fig ? im->t.money_fig : &im->t.fig[0];
            bool top, numbered;
            strbuf_adds(&fg->lines, "source ");
            add_name(&fg->lines, money_name(im, c, &top, &numbered));
            strbuf_adds(&fg->lines, " {\n");
            for (; sub >= 0; sub = next_filled(r, sub)) {
                const char *sc = r->cell[sub], *sep = strchr(sc, ':');
                const char *sa = sep && sep[1] ? amount_text(im, sep + 1) : NULL;
                strbuf_adds(&fg->lines, "source ");
                add_name(&fg->lines, sep ? arena_strndup(&im->s->arena, sc, (size_t)(sep - sc)) : sc);
                if (sa)
                    strbuf_addf(&fg->lines, " %s", sa);
                strbuf_addc(&fg->lines, '\n');
            }
            strbuf_adds(&fg->lines, "}\n");
            return true;
        }

        if ((any || im->t.in_money) && next[0] && !money_amount(im, next, &paren) && strlen(c) <= 36) {
            /* 财政资金预算分类 | 一般公共预算, 年度预算执行率 | 100%: a fact of the
             * money with no line of its own */
            add_statement(statements(&im->t), "attribute", label_shown(im, c), next);
            k++;
            continue;
        }
        const char *amount = next[0] ? money_amount(im, next, &paren) : NULL;
        if (next[0] && !amount)
            return any;
        if (any && !money_name_known(im, c)) {
            /* 财政资金科目代码 | 21305 beside a line: a fact, not a second figure */
            add_statement(statements(&im->t), "attribute", label_shown(im, c), next);
            k++;
            continue;
        }
        money_line(im, f, c, amount, paren);
        any = true;
        if (amount)
            k++;
    }
    return any;
}

/* Which column of a 自评表's money block a header cell is, or -1. */
static int exec_column(Import *im, const char *c)
{
    const char *k = label_key(im, c);
    static const struct { const char *prefix; int col; } names[] = {
        {"年初预算数", EX_PLAN}, {"全年预算数", EX_BUDGET}, {"全年执行数", EX_SPENT}, {"分值", EX_POINTS},
        {"执行率", EX_RATE}, {"得分", EX_SCORED}};
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (starts_with(k, names[i].prefix))
            return names[i].col;
    return -1;
}

static const char *exec_cell(const GridRow *r, int col)
{
    const char *c = cell(r, col);
    return strcmp(c, "-") == 0 || strcmp(c, "—") == 0 ? "" : c;    /* "-": none */
}

/* A line of a 自评表's money block ( | 年度资金总额: | 30 | 30 | 10 | 100% |
 * 10): the target's budget takes the 年初预算数 (else the 全年预算数, the only
 * budget printed), the evaluation's execution line the 全年执行数 with the
 * 全年预算数 beside it when the 年初 is the target's, its 分值, 执行率, 得分. */
static bool exec_row(Import *im, const GridRow *r)
{
    ImportTable *t = &im->t;
    int k = first_filled(r);
    if (k < 1 || exec_column(im, r->cell[k]) >= 0)
        return false;
    const int *ex = t->ex_col;
    bool top, sub;
    const char *name = money_name(im, r->cell[k], &top, &sub);
    bool total = label_in(im, "import_money_total", name) != NULL || ends_with(name, "资金总额");
    const char *target = exec_cell(r, ex[EX_PLAN] >= 0 ? ex[EX_PLAN] : ex[EX_BUDGET]);
    Figure *f = figure_named(t, ex[EX_PLAN] >= 0 ? "年初" : "全年");
    StrBuf *to[2] = {&f->lines, &t->exec};
    const char *amount[2] = {target[0] ? amount_text(im, target) : NULL, NULL};
    const char *spent = exec_cell(r, ex[EX_SPENT]);
    amount[1] = spent[0] ? amount_text(im, spent) : NULL;
    if ((target[0] && !amount[0]) || (spent[0] && !amount[1]))
        return false;
    for (int i = 0; i < 2; i++) {
        if (total) {
            strbuf_adds(to[i], "total");
        } else {
            strbuf_adds(to[i], "source ");
            add_name(to[i], name);
        }
        if (amount[i])
            strbuf_addf(to[i], " %s", amount[i]);
    }
    strbuf_addc(&f->lines, '\n');
    const char *budget = ex[EX_PLAN] >= 0 ? exec_cell(r, ex[EX_BUDGET]) : "";
    if (budget[0] && amount_text(im, budget))
        strbuf_addf(&t->exec, " budget %s", amount_text(im, budget));
    const char *points = exec_cell(r, ex[EX_POINTS]), *rate = exec_cell(r, ex[EX_RATE]);
    const char *scored = exec_cell(r, ex[EX_SCORED]);
    if (points[0] && is_number(points))
        strbuf_addf(&t->exec, " score %s", points);
    size_t n = number_len(rate);
    if (n && (!rate[n] || strcmp(rate + n, "%") == 0))
        strbuf_addf(&t->exec, " rate %.*s%s", (int)n, rate, rate[n] ? " %" : "");
    if (scored[0] && is_number(scored))
        strbuf_addf(&t->exec, " scored %s", scored);
    strbuf_addc(&t->exec, '\n');
    return true;
}

/* A money block laid out in columns: | 当年金额 | 占比, then rows of a group
 * (收入构成: sources, 支出构成: natures), a name, its amount and its share; the
 * 合计 of each group is the one total. */
static bool money_columns_row(Import *im, const GridRow *r)
{
    ImportTable *t = &im->t;
    int k = first_filled(r);
    if (k > 0 && !t->money_amount_col) {
        int amount = -1, share = -1;
        for (int j = k; j >= 0; j = next_filled(r, j)) {
            const char *c = label_key(im, r->cell[j]);
            if (strstr(c, "金额") && amount < 0)
                amount = j;
            else if (strcmp(c, "占比") == 0 || strcmp(c, "比例") == 0)
                share = j;
            else
                return false;
        }
        if (amount < 0)
            return false;
        t->money_amount_col = amount;
        t->money_share_col = share > 0 ? share : 0;
        return true;
    }
    if (!t->money_amount_col || k < 0)
        return false;
    const char *group = cell(r, 0);
    if (group[0] && !strstr(group, "构成") && !strstr(group, "收入") && !strstr(group, "支出"))
        return false;   /* 部门职能概述 | …: the block is over */
    if (group[0])
        t->money_group = group;
    int name_col = next_filled(r, 0);
    if (name_col <= 0)
        return false;
    /* | 当年金额 | 占比 over | 财政拨款 | 968.1918 | 100%: the header leaves out
     * the names' column, so its columns stand one to the left */
    int shift = name_col >= t->money_amount_col ? name_col + 1 - t->money_amount_col : 0;
    const char *name = r->cell[name_col], *amount_cell = cell(r, t->money_amount_col + shift);
    const char *share = t->money_share_col ? cell(r, t->money_share_col + shift) : "";
    const char *amount = amount_cell[0] ? amount_text(im, amount_cell) : NULL;
    if (amount_cell[0] && !amount)
        return false;
    bool total = label_in(im, "import_money_total", name) != NULL;
    if (total && t->money_total_done)
        return true;    /* the 合计 of the second group: the same total */
    Figure *f = figure_named(t, NULL);
    bool nature = t->money_group && strstr(t->money_group, "支出");
    StrBuf line = STRBUF_INIT;
    if (total) {
        strbuf_adds(&line, "total");
        t->money_total_done = true;
    } else {
        strbuf_adds(&line, nature ? "nature " : "source ");
        add_name(&line, name);
    }
    if (amount)
        strbuf_addf(&line, " %s", amount);
    size_t n = number_len(share);
    if (amount && n && strcmp(share + n, "%") == 0)
        strbuf_addf(&line, " share %.*s %%", (int)n, share);
    strbuf_addc(&line, '\n');
    if (total) {     /* the total heads its budget, as a table reads */
        strbuf_add(&line, f->lines.buf ? f->lines.buf : "", f->lines.len);
        strbuf_reset(&f->lines);
    }
    strbuf_add(&f->lines, line.buf, line.len);
    strbuf_release(&line);
    return true;
}

/* 资金情况(万元) and the rows below it whose first cell is blank. */
static bool money_row(Import *im, const GridRow *r)
{
    ImportTable *t = &im->t;
    const char *c0 = cell(r, 0);
    if (c0[0] && label_in(im, "import_money", c0) && t->eval) {
        /* 资金情况(万元) | | 全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 */
        for (int i = 0; i < EX_COUNT; i++)
            t->ex_col[i] = -1;
        for (int k = next_filled(r, 0); k >= 0; k = next_filled(r, k))
            if (exec_column(im, r->cell[k]) >= 0 && t->ex_col[exec_column(im, r->cell[k])] < 0)
                t->ex_col[exec_column(im, r->cell[k])] = k;
        t->in_exec = t->ex_col[EX_SPENT] >= 0;
        t->in_money = true;
        if (t->in_exec)
            return true;
    }
    if (t->in_exec && t->in_money && !c0[0] && exec_row(im, r))
        return true;
    const char *points = NULL;
    if (c0[0] && !label_in(im, "import_money", c0) && ends_with(c0, "分")) {
        /* 项目资金预算执行10分: the block's label, and the points it carries */
        size_t n = strlen(c0) - strlen("分"), d = n;
        while (d && ((c0[d - 1] >= '0' && c0[d - 1] <= '9') || c0[d - 1] == '.'))
            d--;
        const char *base = d && d < n ? arena_strndup(&im->s->arena, c0, d) : NULL;
        if (base && label_in(im, "import_money", base)) {
            points = c0 + d;
            c0 = base;
        }
    }
    if (c0[0] && label_in(im, "import_money", c0)) {
        if (points)
            add_statement(statements(t), "attribute", label_shown(im, c0), points);
        if (strstr(c0, "万元") || strstr(c0, "萬元"))
            t->money_unit = NULL;   /* amounts in 万元, the default */
        t->in_money = true;
        t->money_amount_col = t->money_share_col = 0;
        t->money_group = NULL;
        t->money_total_done = false;
        t->money_fig = NULL;
        if (next_filled(r, 0) >= 0 && next_filled(r, next_filled(r, 0)) < 0
            && starts_with(label_key(im, cell(r, next_filled(r, 0))), "单位"))
            return true;    /* 部门总体资金情况 | 单位:万元 */
        money_cells(im, r, 1);
        return true;
    }
    if (t->in_money && !t->in_exec && money_columns_row(im, r))
        return true;
    if (!t->in_money || c0[0] || t->in_exec || t->money_amount_col)
        return false;
    return money_cells(im, r, 1);
}

/* The amount written N万元 at p (its digits, and the length read through
 * 万元 in *len), or NULL. */
static const char *wan_at(Import *im, const char *p, size_t *len)
{
    size_t n = number_len(p);
    if (!n || !starts_with(p + n, "万元"))
        return NULL;
    *len = n + strlen("万元");
    return arena_strndup(&im->s->arena, p, n);
}

/* A plan written as prose lists its money: "A需20万元;B需20万元;C需10万元,
 * 合计50万元" or "共申请预算资金90万元。其中:30万元用于A;30万元用于B". When a
 * text names two parts or more and their whole, they are also written as a
 * breakdown named after the text's label (the text stays as printed), so
 * the checker can add them up; prose that is not such a list adds nothing. */
static void prose_breakdown(Import *im, const char *label, const char *text)
{
    StrBuf parts = STRBUF_INIT;
    const char *total = NULL;
    size_t nparts = 0;
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, ";");
        const char *semi = strstr(p, "；"), *stop = strstr(p, "。");
        if (semi && (size_t)(semi - p) < n)
            n = (size_t)(semi - p);
        if (stop && (size_t)(stop - p) < n)
            n = (size_t)(stop - p);
        char *seg = arena_strndup(&im->s->arena, p, n);
        size_t len;
        const char *need = strstr(seg, "需"), *use = strstr(seg, "万元用于");
        const char *sum = strstr(seg, "合计") ? strstr(seg, "合计") : strstr(seg, "共申请预算资金");
        const char *amount;
        if (sum) {
            const char *at = sum + (starts_with(sum, "合计") ? strlen("合计") : strlen("共申请预算资金"));
            if ((amount = wan_at(im, at, &len)))
                total = amount;
            if (sum > seg && (sum[-1] == ',' || starts_with(sum - strlen("，"), "，")))
                *(char *)(sum - (sum[-1] == ',' ? 1 : strlen("，"))) = '\0';   /* "…万元,合计50万元" */
        }
        if (need && (amount = wan_at(im, need + strlen("需"), &len)) && need > seg) {
            strbuf_adds(&parts, "part ");
            add_string(&parts, arena_strndup(&im->s->arena, seg, (size_t)(need - seg)));
            strbuf_addf(&parts, " %s 万元\n", amount);
            nparts++;
        } else if (use && use[strlen("万元用于")]) {
            const char *start = use;
            while (start > seg && ((start[-1] >= '0' && start[-1] <= '9') || start[-1] == '.'))
                start--;
            if (wan_at(im, start, &len) && start + len == use + strlen("万元")) {
                const char *from = starts_with(seg, "其中:") ? seg + strlen("其中:")
                                   : starts_with(seg, "其中：") ? seg + strlen("其中：") : seg;
                if (from == start) {
                    strbuf_adds(&parts, "part ");
                    add_string(&parts, use + strlen("万元用于"));
                    strbuf_addf(&parts, " %.*s 万元\n", (int)(use - start), start);
                    nparts++;
                }
            }
        }
        p += n;
        if (*p)
            p += *p == ';' ? 1 : strlen("；");
    }
    if (nparts >= 2 && total)
        add_breakdown(im, label, &parts, arena_sprintf(&im->s->arena, "%s 万元", total));
    strbuf_release(&parts);
}

/* goal "…", goal 中期 "…", or the label and text of another column. */
static void add_goal(Import *im, StrBuf *to, const char *label, const char *text)
{
    const char *period = label_in(im, "import_goal_period", label);
    if (im->t.eval && label_in(im, "import_outcome", label))
        add_statement(&im->t.outcome, "outcome", NULL, text);
    else if (label_in(im, "import_goal", label)) {
        add_statement(to, "goal", NULL, text);
        if (!im->t.eval || !label_in(im, "import_outcome", label))
            prose_breakdown(im, label_shown(im, label), text);
    } else if (period)
        add_statement(to, "goal", period, text);
    else
        add_statement(to, "text", label_shown(im, label), text);
}

static bool goal_label(Import *im, const char *c)
{
    return label_in(im, "import_goal", c) || label_in(im, "import_goal_period", c)
           || label_in(im, "import_outcome", c);
}

/* 中期滚动目标(2019年--2021年): a goal's label with its span in brackets;
 * the label, and the span as an attribute of that name. */
static const char *goal_label_span(Import *im, const char *c, const char **span)
{
    *span = NULL;
    if (goal_label(im, c))
        return c;
    const char *open = strchr(c, '(');
    size_t n = open ? strlen(open) : 0;
    if (!open || open == c || open[n - 1] != ')')
        return NULL;
    const char *base = arena_strndup(&im->s->arena, c, (size_t)(open - c));
    if (!goal_label(im, base))
        return NULL;
    *span = arena_strndup(&im->s->arena, open + 1, n - 2);
    return base;
}

/* 总体目标 | 中期目标 | 年度目标, then a row of their texts below. */
static bool goal_row(Import *im, const GridRow *r)
{
    ImportTable *t = &im->t;
    int k0 = first_filled(r);
    const char *c0 = cell(r, k0);
    const char *key0 = k0 == 0 ? label_key(im, c0) : "";
    bool head0 = strcmp(key0, "总体目标") == 0 || strcmp(key0, "年度总体目标") == 0 || strcmp(key0, "总体绩效目标") == 0;
    if (t->in_goals && (k0 > 0 || head0)) {   /* the texts, under the labels (总体目标 beside them or not) */
        for (int k = 0; k < MAX_MONEY_COLS; k++)
            if (t->goal_label[k])
                add_goal(im, statements(t), t->goal_label[k], cell(r, k));
        t->in_goals = false;
        for (int k = next_filled(r, head0 ? 0 : -1); k >= 0; k = next_filled(r, k))
            if (k >= MAX_MONEY_COLS || !t->goal_label[k]) {
                unplaced(im, r, k);     /* a text under no label: kept, not guessed */
                break;
            }
        return true;
    }
    t->in_goals = false;
    const char *key = k0 == 0 ? label_key(im, c0) : "";
    bool head = strcmp(key, "总体目标") == 0 || strcmp(key, "年度总体目标") == 0 || strcmp(key, "总体绩效目标") == 0;
    if (!(head || k0 > 0) || filled(r) < 2)
        return false;
    int from = head ? next_filled(r, k0) : k0;
    const char *span;
    for (int k = from; k >= 0; k = next_filled(r, k))
        if (k >= MAX_MONEY_COLS || !goal_label_span(im, r->cell[k], &span))
            return false;
    memset(t->goal_label, 0, sizeof t->goal_label);
    for (int k = from; k >= 0; k = next_filled(r, k)) {
        t->goal_label[k] = goal_label_span(im, r->cell[k], &span);
        if (span)
            add_statement(statements(t), "attribute", label_shown(im, t->goal_label[k]), span);
    }
    t->in_goals = true;
    return true;
}

/* The document numbers money comes by (宁财(农)指标[2022]605号;
 * 同财农(农)指标〔2023〕2-1号): the latest year among them, and its number,
 * for a table that prints no year of its own. */
static void fund_documents(Import *im, const char *docs)
{
    static const char *const open[] = {"〔", "[", "［"}, *const close[] = {"〕", "]", "］"};
    const char *start = docs;
    for (const char *p = docs; *p; p++) {
        if (*p == ';' || starts_with(p, "；")) {
            start = p + (*p == ';' ? 1 : strlen("；"));
            continue;
        }
        for (size_t k = 0; k < ARRAY_LEN(open); k++) {
            if (!starts_with(p, open[k]))
                continue;
            const char *y = p + strlen(open[k]), *q = y;
            while (*q >= '0' && *q <= '9')
                q++;
            if (q - y != 4 || !starts_with(q, close[k]))
                continue;
            q += strlen(close[k]);
            while ((*q >= '0' && *q <= '9') || *q == '-')
                q++;
            if (q == y + 4 + strlen(close[k]) || !starts_with(q, "号"))
                continue;
            int year = atoi(y);
            if (year > im->t.fund_year) {
                while (*start == ' ')
                    start++;
                im->t.fund_year = year;
                im->t.fund_doc = arena_strndup(&im->s->arena, start, (size_t)(q + strlen("号") - start));
            }
        }
    }
}

/* A label this importer knows: it takes a value, blank or not. */
static bool known_label(Import *im, const char *c)
{
    static const char *const vocabs[] = {
        "import_department_name", "import_project_name", "import_org", "import_code",
        "import_org_code", "import_person", "import_phone", "import_attribute", "import_goal",
        "import_goal_period", "import_duty", "import_period", "import_amount", "import_budget_total",
        "import_budget_source"};
    if (!c[0])
        return false;
    for (size_t i = 0; i < ARRAY_LEN(vocabs); i++)
        if (label_in(im, vocabs[i], c))
            return true;
    return label_in(im, "import_period_start", c) || label_in(im, "import_period_end", c);
}

/* A label of a budget source (中央补助安排 | 0) in a row that gives a
 * budget's total: a source of that figure when an amount follows it. */
static bool source_label(Import *im, const GridRow *r, int k)
{
    return im->t.row_money && label_in(im, "budget_source", r->cell[k])
           && amount_text(im, cell(r, next_filled(r, k)));
}

/* 202001-202012, 2021, 2026年, 2023.07-2024.01, 1年: a project's period. */
static bool add_period(Import *im, const char *v)
{
    StrBuf *to = statements(&im->t);
    char span[32];
    int year;
    size_t n = number_len(v);
    if (month_span(v, span, sizeof span))
        strbuf_addf(to, "period %s\n", span);
    else if (n == 4 && (!v[4] || (year_of(v, &year) && !v[4 + strlen("年")])))
        strbuf_addf(to, "period %.4s\n", v);
    else if (n && n < 3 && (strcmp(v + n, "年") == 0 || strcmp(v + n, "个月") == 0))
        strbuf_addf(to, "period %.*s %s\n", (int)n, v, v + n);
    else
        return false;
    return true;
}

/* One label and its value: the statement it becomes. False when the label
 * is not one this importer knows. */
static bool label_value(Import *im, const char *label, const char *v, int col, const char *phone_after)
{
    ImportTable *t = &im->t;
    StrBuf *to = statements(t);
    const char *key = label_key(im, label);
    const char *role, *code, *phone;
    if (label_in(im, "import_department_name", label) && t->kind == IMPORT_DEPARTMENT) {
        t->name = v;
        im->department = v;
    } else if (label_in(im, "import_department_name", label)) {
        add_statement(to, "department", NULL, v);
        t->has_department = true;
    } else if (label_in(im, "import_project_name", label) && t->kind == IMPORT_PROJECT) {
        t->name = v;
    } else if ((role = label_in(im, "import_org", label))) {
        const char *name = split_code(im, v, &code);
        add_org(im, role_shown(im, label, role), name, code);
    } else if (label_in(im, "import_code", label)) {
        add_statement(to, "code", NULL, v);
    } else if ((role = label_in(im, "import_person", label))) {
        const char *name = split_phone(im, v, &phone);
        strbuf_adds(to, "person ");
        add_name(to, role_shown(im, label, role));
        strbuf_addc(to, ' ');
        add_string(to, name);
        if (phone || phone_after) {
            strbuf_adds(to, " phone ");
            add_string(to, phone ? phone : phone_after);
        }
        strbuf_addc(to, '\n');
    } else if (label_in(im, "import_attribute", label)) {
        if (strcmp(key, "项目类别") == 0 && bare_word(v) && strstr(v, "类"))
            strbuf_addf(to, "category %s\n", v);
        else
            add_statement(to, "attribute", label_shown(im, label), v);
    } else if (label_in(im, "import_duty", label)) {
        hold_text(t, to, "duty", NULL, col, v);
    } else if (label_in(im, "import_goal", label)) {
        hold_text(t, to, "goal", NULL, col, v);
    } else if (label_in(im, "import_goal_period", label)) {
        hold_text(t, to, "goal", label_in(im, "import_goal_period", label), col, v);
    } else if (label_in(im, "import_period", label) && add_period(im, v)) {
        /* written */
    } else if ((role = label_in(im, "import_budget_total", label)) && (!v[0] || amount_text(im, v))) {
        Figure *f = figure_named(t, strcmp(role, "总额") == 0 ? NULL : role);
        t->row_fig = f;
        strbuf_adds(&f->lines, "total");
        if (v[0])
            strbuf_addf(&f->lines, " %s", amount_text(im, v));
        strbuf_addc(&f->lines, '\n');
    } else if ((role = label_in(im, "import_budget_source", label)) && amount_text(im, v)) {
        Figure *f = figure_named(t, NULL);
        strbuf_adds(&f->lines, "source ");
        add_name(&f->lines, role);
        strbuf_addf(&f->lines, " %s\n", amount_text(im, v));
    } else if (t->row_fig && label_in(im, "budget_source", label) && amount_text(im, v)) {
        strbuf_adds(&t->row_fig->lines, "source ");
        add_name(&t->row_fig->lines, label_shown(im, label));
        strbuf_addf(&t->row_fig->lines, " %s\n", amount_text(im, v));
    } else if (label_in(im, "import_amount", label) && amount_text(im, v)) {
        strbuf_addf(to, "amount %s\n", amount_text(im, v));
    } else if (label_in(im, "import_amount", label) && strchr(v, '(') && ends_with(v, ")")
               && amount_text(im, arena_strndup(&im->s->arena, v, strcspn(v, " (")))) {
        /* 资金 | 50万元 (宁财(农)指标[2022]605号; …): the amount, and the 文号 it comes by */
        size_t n = strcspn(v, " (");
        strbuf_addf(to, "amount %s\n", amount_text(im, arena_strndup(&im->s->arena, v, n)));
        const char *open = strchr(v, '(');
        const char *docs = arena_strndup(&im->s->arena, open + 1, strlen(open + 1) - 1);
        add_statement(to, "attribute", label_shown(im, label), docs);
        fund_documents(im, docs);
    } else {
        return false;
    }
    return true;
}

/* A row of labels, each with the value after it (项目名称 | X | 项目类别 |
 * Y); a label followed by another label has a blank value. A 联系电话 is the
 * phone of the person before it. */
/* 填表人: 宋云花 | 联系电话:16607326331 | 填报日期: | 单位负责人签字: — labels
 * with their values in the same cell: the row as label and value cells. A
 * label of nothing (a date or a signature left blank) is left out. */
static const GridRow *split_colon_cells(Import *im, const GridRow *r)
{
    bool any = false;
    for (size_t k = 0; k < r->n && !any; k++) {
        const char *colon = strchr(r->cell[k], ':');
        const char *label = colon ? arena_strndup(&im->s->arena, r->cell[k], (size_t)(colon - r->cell[k])) : "";
        any = colon && (known_label(im, label) || strcmp(label_key(im, label), "金额单位") == 0);
    }
    if (!any)
        return r;
    GridRow *m = arena_alloc(&im->s->arena, sizeof *m);
    m->line = r->line;
    m->cell = arena_alloc(&im->s->arena, 2 * r->n * sizeof *m->cell);
    m->col = arena_alloc(&im->s->arena, 2 * r->n * sizeof *m->col);
    m->n = 0;
    for (size_t k = 0; k < r->n; k++) {
        const char *c = r->cell[k], *colon = strchr(c, ':');
        const char *label = colon ? arena_strndup(&im->s->arena, c, (size_t)(colon - c)) : NULL;
        if (colon && colon[1] && (strcmp(label_key(im, label), "金额单位") == 0 || strcmp(label_key(im, label), "单位") == 0)
            && bare_word(colon + 1)) {
            im->t.money_unit = strcmp(colon + 1, "万元") == 0 ? NULL : colon + 1;   /* 金额单位:万元 */
            continue;
        }
        if (colon && known_label(im, label)) {
            const char *v = colon + 1;
            while (*v == ' ')
                v++;
            m->cell[m->n] = label, m->col[m->n++] = r->col[k];
            m->cell[m->n] = v, m->col[m->n++] = r->col[k];
        } else if (!(colon && !colon[1])) {
            m->cell[m->n] = c, m->col[m->n++] = r->col[k];
        }
    }
    return m;
}

static bool label_pairs_from(Import *im, const GridRow *r, int k);

static bool label_pairs(Import *im, const GridRow *r)
{
    r = split_colon_cells(im, r);
    im->t.row_fig = NULL;
    int k = first_filled(r);
    if (k < 0 || !known_label(im, r->cell[k]))
        return false;
    for (int j = k; j >= 0 && !im->t.row_money; j = next_filled(r, j))
        im->t.row_money = label_in(im, "import_budget_total", r->cell[j]) != NULL;
    bool ok = label_pairs_from(im, r, k);
    im->t.row_fig = NULL;
    im->t.row_money = false;
    return ok;
}

/* A date as a period's end: 2023-12-31 as printed, 2023.12.31 in ISO. */
static const char *period_date(Import *im, const char *v)
{
    char date[16];
    /* 2023-01-01 as it is, when it is a day (2023-00-01 is not) */
    bool iso = strlen(v) == 10 && v[4] == '-' && v[7] == '-';
    for (int i = 0; iso && i < 10; i++)
        iso = i == 4 || i == 7 || (v[i] >= '0' && v[i] <= '9');
    if (iso) {
        int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
        return d >= 1 && lex_date_valid(y, m, d) ? v : NULL;
    }
    return parse_date(v, date, sizeof date) ? arena_strndup(&im->s->arena, date, strlen(date)) : NULL;
}

static bool label_pairs_from(Import *im, const GridRow *r, int k)
{
    for (; k >= 0;) {
        const char *label = r->cell[k];
        int v = next_filled(r, k);
        const char *value = "";
        if (v >= 0 && !known_label(im, r->cell[v]) && !source_label(im, r, v)) {
            value = r->cell[v];
            /* 项目属性 | 新增项目□ | 延续项目√: the value's cells up to the next label */
            for (int w = next_filled(r, v); w >= 0 && !known_label(im, r->cell[w]) && !source_label(im, r, w);
                 w = next_filled(r, w)) {
                value = arena_sprintf(&im->s->arena, "%s %s", value, r->cell[w]);
                v = w;
            }
        } else {
            v = k;
        }
        int after = next_filled(r, v);
        const char *phone = NULL;
        if (after >= 0 && label_in(im, "import_period_start", label) && label_in(im, "import_period_end", r->cell[after])) {
            /* 项目开始日期 | 2023-01-01 | 项目完成日期 | 2023-12-31 */
            int ev = next_filled(r, after);
            const char *start = period_date(im, value), *end = ev >= 0 ? period_date(im, r->cell[ev]) : NULL;
            if (start && end) {
                strbuf_addf(statements(&im->t), "period %s..%s\n", start, end);
                k = next_filled(r, ev);
                continue;
            }
        }
        if (after >= 0 && label_in(im, "import_org_code", r->cell[after]) && label_in(im, "import_org", label)) {
            /* 主管部门 | 坝塘镇 | 主管部门编码 | …: the org's code, blank or not */
            int cv = next_filled(r, after);
            const char *code = cv >= 0 && !known_label(im, r->cell[cv]) ? r->cell[cv] : "";
            const char *c2;
            const char *name = split_code(im, value, &c2);
            add_org(im, role_shown(im, label, label_in(im, "import_org", label)), name, c2 ? c2 : code);
            k = next_filled(r, code[0] ? cv : after);
            continue;
        }
        if (after >= 0 && label_in(im, "import_phone", r->cell[after]) && label_in(im, "import_person", label)) {
            int pv = next_filled(r, after);
            phone = pv >= 0 && !known_label(im, r->cell[pv]) ? r->cell[pv] : "";
            v = phone[0] ? pv : after;
        }
        if ((!known_label(im, label) && !source_label(im, r, k)) || !label_value(im, label, value, v, phone)) {
            if (!value[0] && label_in(im, "import_org_code", label)) {
                /* 主管部门编码, blank: the org before it */
            } else {
                unplaced(im, r, k);
                return true;
            }
        }
        k = next_filled(r, v);
    }
    return true;
}

/* A label of a section in the first column and its contents beside it:
 * pairs (项目立项情况 | 项目立项的依据 | …, then | 项目申报的可行性 | … on the
 * rows below), each a statement as a label row makes it, else a `text`;
 * or a little table (项目实施进度计划 | 项目实施内容 | 开始时间 | 完成时间,
 * then its rows), kept whole as one `text`, a row a line. */
static bool section_row(Import *im, const GridRow *r)
{
    ImportTable *t = &im->t;
    int k = first_filled(r);
    size_t n = filled(r);
    if (k > 0 && t->in_section && n == 2) {
        int v = next_filled(r, k);
        if (!known_label(im, r->cell[k]) || !label_value(im, r->cell[k], r->cell[v], v, NULL))
            add_statement(statements(t), "text", label_shown(im, r->cell[k]), r->cell[v]);
        return true;
    }
    t->in_section = false;
    const char *label = cell(r, k);
    if (k != 0 || n < 3 || known_label(im, label) || strchr(label, ':') || strstr(label, "："))
        return false;
    for (const char *p = label; *p; p++)
        if (*p >= '0' && *p <= '9')
            return false;
    int a = next_filled(r, 0), b = next_filled(r, a);
    if (n == 3) {
        if (!known_label(im, r->cell[a]) || !label_value(im, r->cell[a], r->cell[b], b, NULL))
            add_statement(statements(t), "text", label_shown(im, r->cell[a]), r->cell[b]);
        t->in_section = true;
        return true;
    }
    bool pairs = true;  /* 项目实施计划 | 组织实施单位 | X | 监督管理单位 | Y */
    int cells = 0;
    for (int j = a; j >= 0; j = next_filled(r, j), cells++)
        if (cells % 2 == 0 && !known_label(im, r->cell[j]))
            pairs = false;
    if (pairs && cells % 2 == 0)
        return label_pairs_from(im, r, a);
    strbuf_reset(&t->pending);
    strbuf_adds(&t->pending, "text ");
    add_name(&t->pending, label_shown(im, label));
    strbuf_adds(&t->pending, " \"");
    add_joined(&t->pending, r, a);
    t->pending_to = statements(t);
    t->pending_table = true;
    return true;
}

/* LABEL | VALUE (or LABEL alone): a text of the table, labelled as
 * printed; 注:… a note of its own. A value on the rows below, in the same
 * column, continues it. */
static bool text_row(Import *im, const GridRow *r)
{
    ImportTable *t = &im->t;
    int k = first_filled(r);
    const char *label = cell(r, k);
    int v = next_filled(r, k);
    if (k >= 0 && v < 0 && (ends_with(label, ":") || ends_with(label, "：")) && strlen(label) <= 48) {
        add_statement(statements(t), "text", label_shown(im, label), "");   /* 已實施情況: left blank */
        return true;
    }
    if (k != 0 || (v >= 0 && next_filled(r, v) >= 0))
        return false;
    if (v < 0 && (starts_with(label, "注:") || starts_with(label, "注："))) {
        add_statement(statements(t), "text", "注", label + (label[3] == ':' ? 4 : 3 + strlen("：")));
        return true;
    }
    if (strlen(label) > 48)
        return false;
    for (const char *p = label; *p; p++)
        if (*p >= '0' && *p <= '9')
            return false;
    if (v < 0 && (starts_with(label, "注:") || starts_with(label, "注："))) {
        add_statement(statements(t), "text", "注", label + (label[3] == ':' ? 4 : 3 + strlen("：")));
        return true;
    }
    if (strchr(label, ':') || strstr(label, "："))
        return false;   /* 审核人：某某: a label and a value of its own, not a label */
    if (v < 0 && !bare_word(label_key(im, label)))
        return false;   /* a free line (--- 说明 ---), not a label left blank: reported */
    add_statement(statements(t), "text", label_shown(im, label), v >= 0 ? r->cell[v] : "");
    if (v >= 0)
        prose_breakdown(im, label_shown(im, label), r->cell[v]);
    return true;
}

/* ===== the indicator grid ===== */

/* The column a header cell names, or -1. */
static const char *column_period(Import *im, const char *c);
static const char *category_score(Import *im, const char *name, const char **score);

static int column_kind(Import *im, const char *c)
{
    const char *k = label_key(im, c);
    const char *period = column_period(im, c);
    if (period)     /* 二级指标(长期): the column of its tree */
        k = arena_strndup(&im->s->arena, k, strlen(k) - strlen(period) - 2);
    static const struct { const char *name; int col; bool prefix; } names[] = {
        {"一级指标", COL_L1, false}, {"一级目标", COL_L1, false}, {"二级指标", COL_L2, false},
        {"三级指标", COL_L3, false}, {"指标内容", COL_L3, false}, {"指标名称", COL_L3, false},
        {"指标值类型", COL_OP, false}, {"指标性质", COL_OP, false}, {"度量单位", COL_UNIT, false},
        {"计量单位", COL_UNIT, false}, {"指标值说明", COL_DESC, true}, {"指标解释", COL_DESC, false},
        {"绩效标准", COL_STANDARD, false}, {"评价标准", COL_STANDARD, false}, {"备注", COL_NOTE, false},
        {"评(扣)分标准", COL_SCORING, false}, {"指标权重", COL_WEIGHT, false},
        {"指标值", COL_VALUE, true}, {"目标值", COL_VALUE, false}, {"指标目标值", COL_VALUE, false},
        {"当年预期实现值", COL_VALUE, false}, {"年度指标值", COL_VALUE, false},
        {"计划指标值", COL_VALUE, true}, {"实际完成值", COL_ACTUAL, false},
        {"全年实际值", COL_ACTUAL, false}, {"分值", COL_POINTS, false}, {"得分", COL_SCORED, false},
        {"偏差原因分析及改进措施", COL_REASON, false}, {"未完成原因及拟采取的改进措施", COL_REASON, false},
        {"偏差原因", COL_REASON, true},
    };
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (names[i].prefix ? starts_with(k, names[i].name) : strcmp(k, names[i].name) == 0)
            return names[i].col;
    return -1;
}

/* (长期), (年度), (中期) after a column's name: the tree it belongs to. */
static const char *column_period(Import *im, const char *c)
{
    const char *k = label_key(im, c);
    static const char *const periods[] = {"长期", "中期", "年度"};
    for (size_t i = 0; i < ARRAY_LEN(periods); i++) {
        char suffix[32];
        snprintf(suffix, sizeof suffix, "(%s)", periods[i]);
        if (ends_with(k, suffix))
            return periods[i];
    }
    return NULL;
}

static Tree *new_tree(ImportTable *t, const char *period)
{
    if (t->ntrees == MAX_TREES)
        return NULL;
    Tree *tr = &t->tree[t->ntrees++];
    memset(tr, 0, sizeof *tr);
    tr->period = period;
    for (int c = 0; c < COL_COUNT; c++)
        tr->col[c] = -1;
    return tr;
}

/* 一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 度量单位 | …: the
 * columns of the rows that follow, by their names, in whatever order. A
 * second 二级指标, or names marked (长期)/(年度), start a second tree beside
 * the first; a 一级指标 printed once is shared. */
static bool header_row(Import *im, const GridRow *r)
{
    int l1 = -1, l2 = -1, l3 = -1;
    for (size_t k = 0; k < r->n; k++) {
        int kind = r->cell[k][0] ? column_kind(im, r->cell[k]) : -1;
        if (kind == COL_L1 && l1 < 0)
            l1 = (int)k;
        if (kind == COL_L2 && l2 < 0)
            l2 = (int)k;
        if (kind == COL_L3 && l3 < 0)
            l3 = (int)k;
    }
    bool flat = l1 < 0 && l2 < 0 && l3 >= 0 && find_cell(r, "指标名称") >= 0;
    if (!flat && (l1 < 0 || l2 < 0))
        return false;
    ImportTable *t = &im->t;
    if (t->kind == IMPORT_NONE)
        return false;
    for (size_t i = 0; i < t->ntrees; i++)
        close_blocks(&t->tree[i], true);
    const char *lead_points;
    const char *lead = first_filled(r) >= 0 && column_kind(im, r->cell[first_filled(r)]) < 0
                       ? category_score(im, r->cell[first_filled(r)], &lead_points) : NULL;
    if (lead && lead_points)    /* 年度绩效目标(90分) | 一级指标 …: the points of the whole */
        add_statement(statements(t), "attribute", label_shown(im, lead), arena_sprintf(&im->s->arena, "%s分", lead_points));
    size_t first = t->ntrees;
    Tree *tr = NULL;
    int shared_l1 = -1;
    t->grid_first = -1;
    for (size_t k = 0; k < r->n; k++) {
        if (!r->cell[k][0])
            continue;
        int kind = column_kind(im, r->cell[k]);
        if (kind < 0)
            continue;
        if (t->grid_first < 0)
            t->grid_first = (int)k;
        const char *period = column_period(im, r->cell[k]);
        bool fresh = !tr || (tr->col[kind] >= 0 && kind != COL_L1)
                     || (period && tr->period != period && !(strcmp(period, "年度") == 0 && !tr->period));
        if (kind == COL_L1 && !tr) {
            shared_l1 = (int)k;
            continue;
        }
        if (fresh) {
            tr = new_tree(t, period && strcmp(period, "年度") != 0 ? period : NULL);
            if (!tr)
                break;
            tr->col[COL_L1] = shared_l1;
            if (t->ntrees - first == 1 && t->next_period) {
                tr->period = t->next_period;
                t->next_period = NULL;
            }
        }
        if (tr->col[kind] < 0)
            tr->col[kind] = (int)k;
    }
    /* two trees side by side: the first is the longer term's, the second the year's */
    if (t->ntrees - first == 2 && !t->tree[first].period && !t->tree[first + 1].period) {
        bool same = false;
        for (size_t i = 0; i < first; i++)
            same = same || t->tree[i].period == NULL;
        if (!same)
            t->tree[first].period = "中期";
    }
    /* a column .ptl has no place for (评分规则, 资金来源 …): its cells are kept
     * as comments after their indicators, and said once, at its header */
    for (size_t k = t->grid_first >= 0 ? (size_t)t->grid_first : r->n; k < r->n; k++) {
        if (!r->cell[k][0] || column_kind(im, r->cell[k]) >= 0)
            continue;
        Tree *owner = NULL;
        for (size_t i = first; i < t->ntrees; i++) {
            int from = -1;
            for (int c = 0; c < COL_COUNT; c++)
                if (t->tree[i].col[c] >= 0 && (from < 0 || t->tree[i].col[c] < from))
                    from = t->tree[i].col[c];
            if (from >= 0 && (size_t)from <= k)
                owner = &t->tree[i];
        }
        if (!owner || owner->nextra == MAX_EXTRA)
            continue;
        owner->extra_col[owner->nextra] = (int)k;
        owner->extra_name[owner->nextra++] = r->cell[k];
        notify_report(im->s, SEV_WARNING, where(im, r, (int)k),
                      "not imported: the column '%s' has no place in .ptl; its cells are kept as comments "
                      "after their indicators", r->cell[k]);
    }
    for (size_t i = first; i < t->ntrees; i++) {
        Tree *x = &t->tree[i];
        x->flat = flat;
        if (!flat && x->col[COL_L3] < 0) {
            x->col[COL_L3] = x->col[COL_L2];
            x->col[COL_L2] = -1;
            x->shallow = true;
        }
    }
    t->in_indicators = t->ntrees > first;
    t->grid_trees = first;
    return true;
}

/* A category name of the stdlib's frameworks: 1 a 一级 in every framework
 * that knows it, 2 a 二级 in every one, 3 either (成本指标), 0 none. */
static int category_level(Import *im, const char *name)
{
    const Program *p = im->p;
    const char *n = in_names(im, name);
    int level = 0;
    for (size_t i = 0; i < p->framework_names.len && level != 3; i++) {
        const Vocabulary *fw = ptrmap_get(&p->frameworks, p->framework_names.items[i]);
        const char *c = fw ? vocab_canonical_folded(im->p, fw, n) : NULL;
        if (c && ptrmap_get(&fw->is_top, c))
            level |= 1;
        else if (c && ptrmap_get(&fw->parent, c))
            level |= 2;
    }
    return level;
}

/* The export shifts a row whose merged cells it lost: 时效指标 (a 二级指标)
 * in the 一级指标 column, and the cells after it one column to the left
 * too. A row that starts with a known category name standing in another
 * category column, alone or with the next column filled, is moved to its
 * own, with a warning; a 一级 cell with a blank 二级 beside it is a merged
 * cell of the two, not a shift. */
static GridRow realign(Import *im, Tree *tr, const GridRow *r)
{
    int k = first_filled(r);
    if (k < 0 || tr->shallow || tr->flat || (next_filled(r, k) >= 0 && next_filled(r, k) != k + 1)
        || im->t.ntrees - im->t.grid_trees > 1)     /* trees side by side: the template's columns */
        return *r;
    const char *c = r->cell[k];
    int level = category_level(im, c);
    int want = level == 1 ? tr->col[COL_L1] : level == 2 ? tr->col[COL_L2] : k;
    if (want <= k)      /* only a move to the right: what the export loses is a merged cell before it */
        return *r;
    int shift = want - k;
    notify_report(im->s, SEV_WARNING, where(im, r, k),
                  "row shifted by the export: '%s' stands %d column(s) from its own; re-aligned",
                  c, shift);
    GridRow m = {r->line, 0, NULL, NULL};
    size_t n = shift > 0 ? r->n + (size_t)shift : r->n - (size_t)-shift;
    m.cell = arena_alloc(&im->s->arena, (n ? n : 1) * sizeof *m.cell);
    m.col = arena_alloc(&im->s->arena, (n ? n : 1) * sizeof *m.col);
    for (size_t j = 0; j < n; j++) {
        long from = (long)j - shift;
        bool in = from >= 0 && (size_t)from < r->n;
        m.cell[j] = in ? r->cell[from] : "";
        m.col[j] = in ? r->col[from] : r->col[0];
    }
    m.n = n;
    return m;
}

/* 产出指标(50分): the category's name, and its score in *score (NULL if
 * none is printed). */
static const char *category_score(Import *im, const char *name, const char **score)
{
    *score = NULL;
    const char *open = strrchr(name, '(');
    size_t n = open ? number_len(open + 1) : 0;
    if (!open || open == name || !n)
        return name;
    const char *rest = open + 1 + n;
    size_t m = rest[0] == '-' ? number_len(rest + 1) : 0;
    if (strcmp(rest, "分)") == 0) {
        *score = arena_strndup(&im->s->arena, open + 1, n);
    } else if (m && (strcmp(rest + 1 + m, "分)") == 0 || strcmp(rest + 1 + m, ")分") == 0)) {
        /* 成本指标(0-20)分: a band of the score */
        *score = arena_sprintf(&im->s->arena, "%.*s..%.*s", (int)n, open + 1, (int)m, rest + 1);
    } else {
        return name;
    }
    return arena_strndup(&im->s->arena, name, (size_t)(open - name));
}

static void open_block(Import *im, Tree *tr, const char *cell_text)
{
    const char *score;
    const char *name = category_score(im, cell_text, &score);
    if (bare_word(name) && category_level(im, name))
        strbuf_adds(&tr->body, name);
    else
        add_string(&tr->body, name);
    if (score)
        strbuf_addf(&tr->body, " score %s", score);
    strbuf_adds(&tr->body, " {\n");
}

static void note_pair(Import *im, Tree *tr, const char *l1, const char *l2)
{
    const char *score;
    l1 = category_score(im, l1, &score);
    if (l2)
        l2 = category_score(im, l2, &score);
    if (tr->npairs < MAX_PAIRS) {
        tr->pair1[tr->npairs] = l1;
        tr->pair2[tr->npairs] = l2;
        tr->npairs++;
    }
}

/* The 三级指标 cell. The corpus of real tables writes "(no name)" where the
 * source printed a value with no name beside it (011): the name printed is
 * none. */
static const char *name_cell(const GridRow *r, const Tree *tr)
{
    const char *name = cell(r, tr->col[COL_L3]);
    return strcmp(name, "(no name)") == 0 ? "" : name;
}

/* The result of an indicator in a 自评表: "三级指标" ACTUAL score 分值 scored
 * 得分 reason "…", when the row prints any of them. */
static void add_result(Import *im, Tree *tr, const GridRow *r)
{
    const char *actual = cell(r, tr->col[COL_ACTUAL]), *points = cell(r, tr->col[COL_POINTS]);
    const char *scored = cell(r, tr->col[COL_SCORED]), *reason = cell(r, tr->col[COL_REASON]);
    if (!actual[0] && !points[0] && !scored[0] && !reason[0])
        return;
    StrBuf line = STRBUF_INIT, attrs = STRBUF_INIT;
    add_string(&line, name_cell(r, tr));
    bool ok = !actual[0] || (leading_op_len(actual) == 0 && add_target(im, &line, &attrs, "", actual, ""));
    ok = ok && (!points[0] || is_number(points)) && (!scored[0] || is_number(scored));
    if (ok && points[0])
        strbuf_addf(&line, " score %s", points);
    if (ok && scored[0])
        strbuf_addf(&line, " scored %s", scored);
    if (ok && reason[0]) {
        strbuf_adds(&line, " reason ");
        add_string(&line, reason);
    }
    if (ok) {
        strbuf_add(&im->t.results, line.buf, line.len);
        strbuf_addc(&im->t.results, '\n');
    } else {
        strbuf_adds(&im->t.results, "// import: the result of this row is not placed: ");
        add_escaped(&im->t.results, cell(r, tr->col[COL_L3]), false);
        strbuf_addc(&im->t.results, '\n');
        notify_report(im->s, SEV_WARNING, where(im, r, tr->col[COL_ACTUAL]),
                      "not imported: this result's cells do not read as 实际完成值, 分值 and 得分; "
                      "they are kept as a comment");
    }
    strbuf_release(&line);
    strbuf_release(&attrs);
}

/* One indicator: "三级指标" OP VALUE UNIT "指标值说明" standard … note …. */
static bool add_indicator(Import *im, Tree *tr, const GridRow *r)
{
    StrBuf line = STRBUF_INIT, attrs = STRBUF_INIT;
    const char *name = name_cell(r, tr);
    if (name != cell(r, tr->col[COL_L3]))
        notify_report(im->s, SEV_WARNING, where(im, r, tr->col[COL_L3]),
                      "\"(no name)\" marks a name the source left empty: the indicator is written with none");
    add_string(&line, name);
    bool ok = add_target(im, &line, &attrs, op_cell(cell(r, tr->col[COL_OP])), cell(r, tr->col[COL_VALUE]),
                         cell(r, tr->col[COL_UNIT]));
    const char *desc = cell(r, tr->col[COL_DESC]), *standard = cell(r, tr->col[COL_STANDARD]);
    const char *weight = cell(r, tr->col[COL_WEIGHT]);
    if (!weight[0] && !im->t.eval)
        weight = cell(r, tr->col[COL_POINTS]);  /* a target table's 分值: the indicator's weight */
    if (ok && desc[0]) {
        strbuf_addc(&line, ' ');
        add_string(&line, desc);
    }
    if (ok && weight[0] && is_number(weight))
        strbuf_addf(&line, " weight %s", weight);
    else if (weight[0])
        ok = false;
    if (ok && attrs.len)    /* the 计量单位 column: after the explanation, as the grammar has it */
        strbuf_add(&line, attrs.buf, attrs.len);
    strbuf_release(&attrs);
    if (ok && standard[0]) {
        strbuf_adds(&line, " standard ");
        add_name(&line, standard);
    }
    if (ok && cell(r, tr->col[COL_NOTE])[0]) {
        strbuf_adds(&line, " note ");
        add_string(&line, cell(r, tr->col[COL_NOTE]));
    }
    if (ok && cell(r, tr->col[COL_SCORING])[0]) {
        strbuf_adds(&line, " scoring ");
        add_string(&line, cell(r, tr->col[COL_SCORING]));
    }
    if (ok) {
        strbuf_add(&tr->body, line.buf, line.len);
        strbuf_addc(&tr->body, '\n');
        for (size_t i = 0; i < tr->nextra; i++)
            if (cell(r, tr->extra_col[i])[0]) {
                strbuf_adds(&tr->body, "// import: ");
                add_escaped(&tr->body, tr->extra_name[i], false);
                strbuf_adds(&tr->body, ": ");
                add_escaped(&tr->body, cell(r, tr->extra_col[i]), false);
                strbuf_addc(&tr->body, '\n');
            }
        if (tr->nleaves < MAX_PAIRS)
            tr->leaf[tr->nleaves++] = cell(r, tr->col[COL_L3]);
    }
    strbuf_release(&line);
    if (ok && im->t.eval)
        add_result(im, tr, r);
    return ok;
}

/* Whether the row has anything in the tree's indicator columns. */
static bool has_leaf(const Tree *tr, const GridRow *r)
{
    for (int c = COL_L3; c < COL_COUNT; c++)
        if (cell(r, tr->col[c])[0])
            return true;
    return false;
}

/* A row of the indicator grid, for one tree. A blank 一级 or 二级 cell is a
 * merged cell of the row above: the open block continues. False when the
 * row cannot be placed. */
static bool tree_row(Import *im, Tree *tr, const GridRow *raw)
{
    GridRow r = realign(im, tr, raw);
    const char *l1 = cell(&r, tr->col[COL_L1]), *l2 = cell(&r, tr->col[COL_L2]);
    bool leaf = has_leaf(tr, &r);
    if (tr->flat)
        return leaf ? add_indicator(im, tr, &r) : true;
    if (l1[0] && (!tr->l1 || strcmp(l1, tr->l1) != 0)) {
        close_blocks(tr, true);
        open_block(im, tr, l1);
        tr->l1 = l1;
        if (tr->shallow)
            note_pair(im, tr, l1, NULL);
    }
    if (tr->shallow)
        return !leaf || (tr->l1 && add_indicator(im, tr, &r));
    if (l2[0] && tr->l1 && (!tr->l2 || strcmp(l2, tr->l2) != 0 || tr->l2_implied)) {
        close_blocks(tr, false);
        open_block(im, tr, l2);
        tr->l2 = l2;
        tr->l2_implied = false;
        note_pair(im, tr, tr->l1, l2);
    } else if (l1[0] && !l2[0] && leaf) {
        /* 一级 and 二级 merged into one cell: the 二级 of the same name */
        close_blocks(tr, false);
        open_block(im, tr, l1);
        tr->l2 = l1;
        tr->l2_implied = true;
        note_pair(im, tr, l1, l1);
    } else if (l1[0] && !l2[0]) {
        note_pair(im, tr, l1, NULL);
    }
    if (!leaf)
        return tr->l1 != NULL;
    return tr->l2 && add_indicator(im, tr, &r);
}

/* A row of the grid: each tree takes its columns of it. False when the row
 * is not one of the grid (it ends the grid). */
static bool indicator_row(Import *im, const GridRow *r)
{
    ImportTable *t = &im->t;
    int k = first_filled(r);
    if (k < t->grid_first && !(k >= 0 && next_filled(r, k) < 0 && category_level(im, r->cell[k])))
        return false;
    const char *points, *lone = k >= 0 && next_filled(r, k) < 0 ? category_score(im, r->cell[k], &points) : NULL;
    if (lone && !category_level(im, lone) && !ends_with(lone, "指标") && !ends_with(lone, "指標")
        && strcmp(lone, "…") != 0 && strcmp(lone, "……") != 0)
        return false;   /* a line of its own that is no category (--- original prose ---): the grid is over */
    bool placed = true;
    for (size_t i = t->grid_trees; i < t->ntrees; i++) {
        Tree *tr = &t->tree[i];
        if (tr->col[COL_L3] < 0)
            continue;
        /* a row ends at its last cell with text in a workbook: a lone
         * category name left of the grid is the tree's (to be re-aligned) */
        bool mine = k >= 0 && next_filled(r, k) < 0 && category_level(im, r->cell[k]) && k < tr->col[COL_L2];
        for (int c = 0; c < COL_COUNT; c++)
            mine = mine || (tr->col[c] >= 0 && (size_t)tr->col[c] < r->n);
        if (mine && !tree_row(im, tr, r))
            placed = false;
    }
    if (!placed)
        unplaced(im, r, k);
    return true;
}

/* 长期绩效指标 / 年度绩效指标 on a line of its own: the tree the next header
 * opens. */
static bool tree_title(Import *im, const GridRow *r)
{
    int k = first_filled(r);
    if (k == 0 && filled(r) > 1 && strcmp(label_key(im, r->cell[0]), "绩效指标") == 0 && !im->t.in_indicators) {
        /* 绩效指标 | 保障绩效目标实现措施: the heading of the indicators, and
         * beside it columns of their own the table leaves blank */
        for (int j = next_filled(r, 0); j >= 0; j = next_filled(r, j))
            if (column_kind(im, r->cell[j]) >= 0)
                return false;
        for (int j = next_filled(r, 0); j >= 0; j = next_filled(r, j))
            add_statement(statements(&im->t), "text", label_shown(im, r->cell[j]), "");
        return true;
    }
    if (k < 0 || filled(r) != 1)
        return false;
    const char *c = label_key(im, r->cell[k]);
    if (strcmp(c, "长期绩效指标") == 0 || strcmp(c, "中期绩效指标") == 0) {
        im->t.next_period = strcmp(c, "长期绩效指标") == 0 ? "长期" : "中期";
        return true;
    }
    return strcmp(c, "年度绩效指标") == 0 || strcmp(c, "绩效指标") == 0 || strcmp(c, "绩效项目指标表") == 0
           || strcmp(c, "绩效指标表") == 0;
}

/* ===== the grid ===== */

/* A page or a PDF cut short ends inside a cell, marked "[excerpt truncated
 * here]" in the corpus of real tables, and said once. In the indicator grid
 * the cell is read as blank (a name or a value cut short is not that name
 * or value); outside it, a text cut short keeps what it printed before the
 * cut (a goal, a 部门职能概述). */
static const GridRow *cut_cells(Import *im, const GridRow *r)
{
    static const char mark[] = "[excerpt truncated here]";
    int cut = -1;
    for (size_t k = 0; k < r->n && cut < 0; k++)
        if (strstr(r->cell[k], mark))
            cut = (int)k;
    if (cut < 0)
        return r;
    GridRow *m = arena_alloc(&im->s->arena, sizeof *m);
    *m = *r;
    m->cell = arena_alloc(&im->s->arena, r->n * sizeof *m->cell);
    memcpy(m->cell, r->cell, r->n * sizeof *m->cell);
    const char *c = r->cell[cut];
    size_t n = (size_t)(strstr(c, mark) - c);
    if (n >= strlen("…") && memcmp(c + n - strlen("…"), "…", strlen("…")) == 0)
        n -= strlen("…");
    bool keep = !im->t.in_indicators && n > 0;
    notify_report(im->s, SEV_WARNING, where(im, r, cut),
                  keep ? "the export is cut off here: what this cell held after it is lost"
                       : "the export is cut off here: what this cell held is lost, and it is read as blank");
    m->cell[cut] = keep ? arena_strndup(&im->s->arena, c, n) : "";
    return m;
}

static void import_row(Import *im, const GridRow *r, size_t index)
{
    ImportTable *t = &im->t;
    r = cut_cells(im, r);
    if (filled(r) == 0) {
        t->in_indicators = false;   /* a blank line ends the grid */
        t->in_money = t->in_exec = false;
        return;
    }
    if (continue_pending(t, r))
        return;
    flush_pending(t);
    size_t alloc = t->in_indicators ? 0 : allocation_table(im, index);
    if (alloc) {
        im->skip = alloc - 1;
        return;
    }
    if (title_row(im, r)) {
        /* an allocation table read before it is this table's breakdown */
        strbuf_add(&t->breakdowns, im->allocation.buf ? im->allocation.buf : "", im->allocation.len);
        strbuf_reset(&im->allocation);
        return;
    }
    if (t->in_indicators && (header_row(im, r) || tree_title(im, r) || indicator_row(im, r)))
        return;
    size_t grid_rows = t->kind == IMPORT_NONE || t->in_indicators ? 0 : budget_grid(im, index);
    if (!grid_rows && t->kind != IMPORT_NONE && !t->in_indicators)
        grid_rows = breakdown_grid(im, index);
    if (grid_rows) {
        im->skip = grid_rows - 1;
        return;
    }
    t->in_indicators = false;
    if (year_row(im, r) || note_row(im, r) || header_row(im, r))
        return;
    if (t->kind == IMPORT_NONE && first_filled(r) == 0
        && (label_in(im, "import_project_name", r->cell[0]) || label_in(im, "import_department_name", r->cell[0]))) {
        /* a table copied without its title row: its name's label opens it */
        t->kind = label_in(im, "import_project_name", r->cell[0]) ? IMPORT_PROJECT : IMPORT_DEPARTMENT;
        t->title = r;
        t->task_name_col = t->task_text_col = t->budget_nature_col = -1;
        if (t->kind == IMPORT_PROJECT)
            notify_report(im->s, SEV_WARNING, where(im, r, 0),
                          "no title row above this table: it is read as a project's table from its name");
        else
            notify_report(im->s, SEV_WARNING, where(im, r, 0),
                          "no title row above this table: it is read as a department's table from its name");
    }
    if (t->kind == IMPORT_NONE) {
        unplaced(im, r, first_filled(r));
        return;
    }
    if (tree_title(im, r))
        return;
    if (money_row(im, r))
        return;
    t->in_money = t->in_exec = false;
    if (budget_row(im, r) || task_row(im, r) || goal_row(im, r) || label_pairs(im, r) || section_row(im, r)
        || text_row(im, r))
        return;
    unplaced(im, r, first_filled(r));
}

void import_grid(Importer *imp, Session *s, const char *path, const Grid *g, StrBuf *out)
{
    Import im = {0};
    im.imp = imp;
    im.p = &imp->prog;
    im.s = s;
    im.path = path;
    im.g = g;
    im.out = out;
    for (size_t i = 0; i < g->nsheets; i++) {
        im.sh = &g->sheets[i];
        for (size_t k = 0; k < im.sh->nrows; k++) {
            if (im.skip) {
                im.skip--;
                continue;
            }
            import_row(&im, &im.sh->rows[k], k);
        }
        flush_table(&im);   /* a table does not run on into the next sheet */
    }
    if (im.allocation.len) {    /* no table came after it: kept, as a comment */
        strbuf_adds(out, "/* import: an allocation table with no target table after it:\n");
        for (const char *p = strbuf_cstr(&im.allocation); *p; p++)
            strbuf_addc(out, p[0] == '*' && p[1] == '/' ? '_' : *p);
        strbuf_adds(out, "*/\n");
    }
    strbuf_release(&im.allocation);
}

bool import_text(Importer *imp, Session *s, const char *path, const char *text, size_t len, StrBuf *out)
{
    Grid g;
    if (!grid_read_text(s, path, text, len, &g))
        return false;
    import_grid(imp, s, path, &g, out);
    return true;
}

Importer *importer_new(void)
{
    Importer *im = calloc(1, sizeof *im);
    if (!im)
        return NULL;
    session_init(&im->ps);
    const char *err = NULL;
    if (!driver_check_loaded(&im->ps, &im->prog, NULL, &err))
        BUG("the embedded stdlib does not load");
    return im;
}

void importer_free(Importer *im)
{
    if (!im)
        return;
    program_free(&im->prog);
    session_free(&im->ps);
    free(im);
}
