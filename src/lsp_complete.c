/* lsp_complete: textDocument/completion. What fits at the cursor is read
 * from the text before it, not from the AST: while a line is being typed
 * the file rarely parses, but its braces still say where the cursor is. A
 * small scanner (strings and comments skipped) keeps, for each open '{',
 * the first and last words of the statement it opens (department "X" {,
 * indicators {, 产出指标 {, budget {), and the words typed so far on the
 * cursor's statement. Then:
 *   after allow/warn/deny          rule names
 *   after framework                framework names
 *   after a number                 units (money ones in a budget)
 *   after source / nature          the budget vocabularies' names
 *   in indicators { }              the framework's 一级
 *   in a 一级 { }                  its 二级
 *   in budget { }                  total, source, nature
 *   in a table, at the top level   the keywords that may stand there, in
 *                                  the file's keyword language */
#include <string.h>

#include "explain.h"
#include "lsp_find.h"
#include "lsp_internal.h"
#include "parse.h"

enum { DEPTH_MAX = 32, WORDS_MAX = 3 };

typedef struct Word {
    const char *at;
    size_t len;
} Word;

typedef struct Context {
    Word first[DEPTH_MAX], last[DEPTH_MAX];     /* of each open block's statement */
    int depth;                                  /* open blocks (may exceed DEPTH_MAX) */
    Word words[WORDS_MAX];                      /* the statement's words before the cursor, last first */
    int nwords;
    Word stmt_first;                            /* the statement's first word */
    bool in_text;                               /* the cursor is in a string or a comment */
    size_t partial;                             /* where the word being typed starts */
} Context;

enum { K_EN = 0, K_ZH = 1 };
typedef const char *const Keyword[2];

static Keyword top_keywords[] = {
    {"department", "部门"}, {"project", "项目"}, {"evaluation", "自评"}, {"unit", "计量单位"},
    {"dimension", "量纲"}, {"vocabulary", "词表"}, {"framework", "指标体系"}, {"settings", "设置"},
};
static Keyword table_keywords[] = {
    {"year", "年度"}, {"filed", "填报日期"}, {"filer", "填报人"}, {"attachment", "附件"},
    {"duty", "履职目标"}, {"task", "任务"}, {"budget", "预算"}, {"indicators", "绩效指标"},
    {"department", "部门"}, {"amount", "项目金额"}, {"category", "项目类别"}, {"period", "实施期"},
    {"goal", "绩效目标"}, {"framework", "指标体系"}, {"allow", "豁免"}, {"funding", "资金来源"},
    {"org", "机构"}, {"person", "人员"}, {"attribute", "属性"}, {"text", "文字"},
    {"code", "编码"}, {"breakdown", "明细"}, {"execution", "预算执行"}, {"outcome", "完成情况"},
    {"results", "实际完成值"}, {"scored", "得分"}, {"grade", "等级"},
};
static Keyword budget_keywords[] = {{"total", "资金总额"}, {"source", "收入"}, {"nature", "支出"}};
static Keyword settings_keywords[] = {
    {"allow", "豁免"}, {"warn", "警告"}, {"deny", "禁止"}, {"set", "设定"}};

/* ===== the scanner ===== */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Ends a word (strchr would also stop at a NUL byte, which a text may
 * hold, and never move on). */
static bool is_stop(char c)
{
    return c == '{' || c == '}' || c == '"';
}

static bool word_is(Word w, Keyword k)
{
    return (w.len == strlen(k[K_EN]) && memcmp(w.at, k[K_EN], w.len) == 0)
           || (w.len == strlen(k[K_ZH]) && memcmp(w.at, k[K_ZH], w.len) == 0);
}

/* A string's length from its opening quote (to the closing one, or to
 * the end of the line); *open is set when it is still open at end. */
static size_t string_len(const char *t, size_t i, size_t end, bool *open)
{
    size_t k = i + 1;
    while (k < end && t[k] != '"' && t[k] != '\n') {
        if (t[k] == '\\' && k + 1 < end)
            k++;
        k++;
    }
    *open = k >= end;
    return (k < end && t[k] == '"' ? k + 1 : k) - i;
}

static size_t comment_len(const char *t, size_t i, size_t end, bool *open)
{
    size_t k = i + 2;
    if (t[i + 1] == '/') {
        while (k < end && t[k] != '\n')
            k++;
        *open = k >= end;
        return k - i;
    }
    while (k + 1 < end && !(t[k] == '*' && t[k + 1] == '/'))
        k++;
    *open = k + 1 >= end;
    return (k + 1 < end ? k + 2 : end) - i;
}

static void open_block(Context *c)
{
    if (c->depth < DEPTH_MAX) {
        c->last[c->depth] = c->nwords ? c->words[0] : (Word){"", 0};
        c->first[c->depth] = c->nwords ? c->stmt_first : (Word){"", 0};
    }
    c->depth++;
    c->nwords = 0;
}

/* Reads t[0..end) into c. */
static void scan(Context *c, const char *t, size_t end)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < end;) {
        char ch = t[i];
        if (ch == '/' && i + 1 < end && (t[i + 1] == '/' || t[i + 1] == '*')) {
            i += comment_len(t, i, end, &c->in_text);
        } else if (ch == '\n' || ch == '{' || ch == '}') {
            if (ch == '{')
                open_block(c);
            else if (ch == '}' && c->depth > 0)
                c->depth--;
            c->nwords = 0;
            i++;
        } else if (is_space(ch)) {
            i++;
        } else {
            size_t n = 0;
            if (ch == '"')
                n = string_len(t, i, end, &c->in_text);
            else
                while (i + n < end && !is_space(t[i + n]) && !is_stop(t[i + n]))
                    n++;
            if (i + n >= end && ch != '"')
                break;          /* the word being typed */
            if (!c->nwords)
                c->stmt_first = (Word){t + i, n};
            memmove(c->words + 1, c->words, (WORDS_MAX - 1) * sizeof *c->words);
            c->words[0] = (Word){t + i, n};
            c->nwords += c->nwords < WORDS_MAX;
            i += n;
        }
    }
    size_t k = end;
    while (k > 0 && !is_space(t[k - 1]) && !is_stop(t[k - 1]))
        k--;
    c->partial = k;
}

/* ===== items ===== */

typedef struct Items {
    LspServer *srv;
    json_t *list;
    json_t *range;              /* of the word being typed, for each textEdit */
} Items;

enum { CIK_MODULE = 9, CIK_UNIT = 11, CIK_VALUE = 12, CIK_KEYWORD = 14, CIK_CONSTANT = 21 };

static void item(Items *it, const char *label, int kind, const char *detail)
{
    for (size_t i = 0; i < json_array_size(it->list); i++)     /* aliases may repeat a name */
        if (strcmp(json_string_value(json_object_get(json_array_get(it->list, i), "label")),
                   label) == 0)
            return;
    json_t *j = json_object(), *edit = json_object();
    json_object_set_new(j, "label", lsp_jstr(label));
    json_object_set_new(j, "kind", json_integer(kind));
    if (detail)
        json_object_set_new(j, "detail", lsp_jstr(detail));
    json_object_set(edit, "range", it->range);
    json_object_set_new(edit, "newText", lsp_jstr(label));
    json_object_set_new(j, "textEdit", edit);
    json_array_append_new(it->list, j);
}

static void keywords(Items *it, Keyword *list, size_t n, bool zh)
{
    for (size_t i = 0; i < n; i++)      /* a keyword the scanner no longer has is not offered */
        if (lex_is_keyword(list[i][K_EN]) && lex_is_keyword(list[i][K_ZH]))
            item(it, list[i][zh ? K_ZH : K_EN], CIK_KEYWORD, lsp_text(it->srv->lang, LT_KEYWORD));
}

static void units(Items *it, bool money_only)
{
    Program *p = &it->srv->an->prog;
    for (size_t i = 0; i < p->unit_names.len; i++) {
        const UnitDef *u = program_unit(p, p->unit_names.items[i]);
        if (!u || (money_only && (!u->dim || strcmp(u->dim->name, "money") != 0)))
            continue;
        item(it, u->symbol, CIK_UNIT, u->dim ? (u->dim->label ? u->dim->label : u->dim->name) : NULL);
    }
}

static void rules(Items *it)
{
    for (int r = 0; r < RULE_COUNT; r++)
        item(it, rule_info[r].name, CIK_CONSTANT, explain_summary(it->srv->lang, (RuleId)r));
}

static void vocabulary(Items *it, const char *name, LspText what)
{
    Program *p = &it->srv->an->prog;
    const Vocabulary *v = program_vocab(p, intern_cstr(&p->s->names, name));
    for (size_t i = 0; v && i < v->spellings.len; i++) {
        const char *sp = v->spellings.items[i];
        if (vocab_canonical(v, sp) == sp)
            item(it, sp, CIK_VALUE, lsp_text(it->srv->lang, what));
    }
}

/* The 一级 of the framework, or the 二级 of the 一级 named top. */
static void categories(Items *it, const Vocabulary *v, Word top)
{
    Program *p = &it->srv->an->prog;
    if (!v)
        return;
    if (!top.len) {
        for (size_t i = 0; i < v->top.len; i++)
            item(it, v->top.items[i], CIK_MODULE, lsp_text(it->srv->lang, LT_LEVEL1));
        return;
    }
    size_t n = top.len;
    if (top.at[0] == '"' && n >= 2)
        top.at++, n -= 2;
    const char *canon = vocab_canonical_folded(p, v, intern(&p->s->names, top.at, n));
    for (size_t i = 0; canon && v->decl && i < v->decl->items.len; i++) {
        const VocabItem *g = v->decl->items.items[i];
        if (g->kind != VOCAB_GROUP || g->name.text != canon)
            continue;
        char *detail = arena_sprintf(&p->s->arena, lsp_text(it->srv->lang, LT_LEVEL2), canon);
        for (size_t k = 0; k < g->items.len; k++) {
            const VocabItem *c = g->items.items[k];
            if (c->kind != VOCAB_ALIAS)
                item(it, c->name.text, CIK_MODULE, detail);
        }
    }
}

/* ===== what fits where ===== */

static bool is_number(Word w)
{
    bool digit = false;
    for (size_t i = 0; i < w.len; i++) {
        if (!strchr("0123456789.,-", w.at[i]) || !w.at[i])
            return false;
        digit = digit || (w.at[i] >= '0' && w.at[i] <= '9');
    }
    return digit;
}

/* Chinese keywords when the file's first word is one (部门 "…" {). */
static bool uses_zh(const char *t, size_t len)
{
    Context c;
    size_t end = 0;
    while (end < len && t[end] != '{')
        end++;
    scan(&c, t, end < len ? end + 1 : len);
    return c.depth > 0 && c.first[0].len && (unsigned char)c.first[0].at[0] >= 0x80;
}

/* Inside a 成本指标 block (or one of its 二级, 经济成本指标 …): a target
 * there is money. */
static bool in_cost(const Context *c, int d)
{
    static const char cost[] = "成本指标";
    for (int i = 2; i < d; i++) {
        Word w = c->last[i];
        if (w.len >= sizeof cost - 1 && memcmp(w.at + w.len - (sizeof cost - 1), cost, sizeof cost - 1) == 0)
            return true;
    }
    return false;
}

static void fill(Items *it, const Context *c, const Vocabulary *fw, bool zh)
{
    static Keyword allow[] = {{"allow", "豁免"}, {"warn", "警告"}, {"deny", "禁止"}};
    static Keyword framework = {"framework", "指标体系"}, source = {"source", "收入"},
                   nature = {"nature", "支出"}, indicators = {"indicators", "绩效指标"},
                   budget = {"budget", "预算"}, funding = {"funding", "资金来源"},
                   settings = {"settings", "设置"};
    Word prev = c->nwords ? c->words[0] : (Word){"", 0};
    int d = c->depth < DEPTH_MAX ? c->depth : DEPTH_MAX;
    bool in_budget = d >= 2 && (word_is(c->first[1], budget) || word_is(c->first[1], funding));
    if (c->in_text)
        return;                 /* a name or a comment is being written */
    for (size_t i = 0; i < ARRAY_LEN(allow); i++)
        if (word_is(prev, allow[i])) {
            rules(it);
            return;
        }
    if (word_is(prev, framework)) {
        const PtrVec *names = &it->srv->an->prog.framework_names;
        for (size_t i = 0; i < names->len; i++)
            item(it, names->items[i], CIK_MODULE, lsp_text(it->srv->lang, LT_FRAMEWORK));
        return;
    }
    if (is_number(prev))
        units(it, in_budget || in_cost(c, d));
    else if (in_budget && word_is(prev, source))
        vocabulary(it, "budget_source", LT_SOURCE);
    else if (in_budget && word_is(prev, nature))
        vocabulary(it, "budget_nature", LT_NATURE);
    else if (c->nwords)
        return;                 /* inside a statement: nothing else fits */
    else if (d == 0)
        keywords(it, top_keywords, ARRAY_LEN(top_keywords), zh);
    else if (d == 1 && word_is(c->first[0], settings))
        keywords(it, settings_keywords, ARRAY_LEN(settings_keywords), zh);
    else if (d == 1)
        keywords(it, table_keywords, ARRAY_LEN(table_keywords), zh);
    else if (in_budget)
        keywords(it, budget_keywords, ARRAY_LEN(budget_keywords), zh);
    else if (d == 2 && word_is(c->first[1], indicators))
        categories(it, fw, (Word){"", 0});
    else if (d == 3 && word_is(c->first[1], indicators))
        categories(it, fw, c->last[2]);
}

json_t *lsp_completion(LspServer *srv, json_t *params, LspFail *fail)
{
    uint32_t file;
    size_t off;
    if (!lsp_param_at(srv, params, &file, &off, fail))
        return NULL;
    const SourceFile *f = session_file(&srv->an->s, file);
    Context c;
    scan(&c, f->text, off);
    Table *t = lsp_table_at(&srv->an->prog, file, (uint32_t)off);
    const Vocabulary *fw = t && t->framework ? t->framework : srv->an->prog.default_framework;
    Span typed = {file, (uint32_t)c.partial, (uint32_t)off};
    Items it = {srv, json_array(), lsp_range_json(srv, typed)};
    fill(&it, &c, fw, uses_zh(f->text, f->len));
    json_decref(it.range);
    json_t *result = json_object();
    json_object_set_new(result, "isIncomplete", json_false());
    json_object_set_new(result, "items", it.list);
    return result;
}
