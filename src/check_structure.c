/* check_structure: the shape and completeness of a table's indicator tree,
 * and template text left in a table. Runs after check_indicators, so every
 * category that could be placed in the table's framework has its canonical
 * name. Rules, one function each:
 *   mixed-framework        成本指标 both as a 一级 and as a 二级 under 产出指标
 *   missing-category       a required (recommended) 一级 category holds no
 *                          indicator; the lists are stdlib vocabularies named
 *                          <framework>_required and <framework>_recommended
 *   empty-category         a category written out with nothing in it
 *   category-as-indicator  a 三级 indicator named like a category
 *   placeholder            template placeholders (**, XX, ××, ……) left in a
 *                          table's texts (a bare-word value is check_indicator's)
 * The rules that need the framework say nothing when it is unknown (that is
 * already reported). One root cause gets one report: a 一级 category that
 * missing-category reports is not reported again as empty. */
#include <string.h>

#include "check.h"

typedef struct Ctx {
    Program *p;
    Table *t;
    const Vocabulary *fw;       /* NULL when the framework is unknown */
    Category *root;             /* the indicators block */
    PtrMap reported;            /* 一级 Category * reported by missing-category */
} Ctx;

static Session *S(const Ctx *c)
{
    return c->p->s;
}

static const char *name(const Ctx *c, const char *text)
{
    return intern_cstr(&S(c)->names, text);
}

static bool is_category(const void *item)
{
    return ((const Category *)item)->kind == NODE_CATEGORY;
}

static bool has_indicator(const Category *cat)
{
    for (size_t i = 0; i < cat->items.len; i++) {
        const Category *item = cat->items.items[i];
        if (!is_category(item) || has_indicator(item))
            return true;
    }
    return false;
}

/* ===== mixed-framework ===== */

static bool is_named(const Ctx *c, const Category *cat, const char *canonical)
{
    return cat->name.text
           && (cat->name.text == canonical || vocab_canonical(c->fw, cat->name.text) == canonical);
}

/* The table's framework says where 成本指标 belongs; the other place is the
 * mistake, reported once per category there, with a note at the first
 * category in the right place. misplaced-category stays silent on that node
 * (check_indicator.c), so the mix is one message. */
static void check_mixed_framework(Ctx *c)
{
    const char *cost = name(c, "成本指标"), *output = name(c, "产出指标");
    PtrVec tops = {0}, nested = {0};
    for (size_t i = 0; i < c->root->items.len; i++) {
        Category *l1 = c->root->items.items[i];
        if (!is_category(l1))
            continue;
        if (is_named(c, l1, cost))
            ptrvec_push(&S(c)->arena, &tops, l1);
        if (!is_named(c, l1, output))
            continue;
        for (size_t j = 0; j < l1->items.len; j++) {
            Category *l2 = l1->items.items[j];
            if (is_category(l2) && is_named(c, l2, cost))
                ptrvec_push(&S(c)->arena, &nested, l2);
        }
    }
    if (!tops.len || !nested.len || !vocab_canonical(c->fw, cost))
        return;     /* (a framework without 成本指标: unknown-category says it) */
    bool top_is_right = ptrmap_get(&c->fw->is_top, cost) != NULL;
    const PtrVec *wrong = top_is_right ? &nested : &tops;
    const Category *right = (top_is_right ? tops : nested).items[0];
    for (size_t i = 0; i < wrong->len; i++) {
        const Category *w = wrong->items[i];
        Diag *d = top_is_right
            ? diag_report(S(c), RULE_MIXED_FRAMEWORK, w->name.span,
                          "this table mixes frameworks: '%s' under '产出指标' (old) and a 一级 "
                          "'%s' (new); in framework '%s' move these indicators into the 一级 '%s'",
                          w->name.text, right->name.text, c->fw->name, right->name.text)
            : diag_report(S(c), RULE_MIXED_FRAMEWORK, w->name.span,
                          "this table mixes frameworks: a 一级 '%s' (new) and '%s' under "
                          "'产出指标' (old); in framework '%s' move these indicators under "
                          "'产出指标'", w->name.text, right->name.text, c->fw->name);
        diag_note(S(c), d, right->name.span, top_is_right
                  ? "the 一级 '%s' is here" : "'%s' under '产出指标' is here", right->name.text);
    }
}

/* ===== missing-category ===== */

/* The 一级 category a root-level category stands for: its canonical name when
 * placed; else the 一级 a misplaced 二级 belongs to, or the closest 一级 name
 * to an unknown one (the placement diagnostics already say so). */
static const char *meant_top(const Ctx *c, const Category *cat)
{
    if (cat->canonical || !cat->name.text)
        return cat->canonical;
    const char *canon = vocab_canonical(c->fw, cat->name.text);
    const char *parent = canon ? ptrmap_get(&c->fw->parent, canon) : NULL;
    if (parent)
        return parent;
    return canon ? canon : suggest_in(c->p, &c->fw->top, cat->name.text);
}

static const Vocabulary *framework_list(const Ctx *c, const char *suffix)
{
    char *key = arena_sprintf(&S(c)->arena, "%s_%s", c->fw->name, suffix);
    return program_vocab(c->p, name(c, key));
}

/* Whether a root-level category standing for the 一级 category want holds an
 * indicator; *written is the first one written out for it. */
static bool category_filled(const Ctx *c, const char *want, Category **written)
{
    *written = NULL;
    for (size_t i = 0; i < c->root->items.len; i++) {
        Category *l1 = c->root->items.items[i];
        if (!is_category(l1) || meant_top(c, l1) != want)
            continue;
        if (has_indicator(l1))
            return true;
        if (!*written)
            *written = l1;
    }
    return false;
}

static void add_listed(StrBuf *sb, size_t i, size_t n, const char *fmt, const char *item)
{
    if (i)
        strbuf_adds(sb, i + 1 == n ? " and " : ", ");
    strbuf_addf(sb, fmt, item);
}

/* One report for all the 一级 categories of a list that hold no indicator,
 * at the `indicators` keyword, with a note at each one written out empty
 * (empty-category then says nothing about it: same root cause). */
static void check_missing_category(Ctx *c, const Vocabulary *list, Severity sev)
{
    PtrVec wanted = {0}, missing = {0}, written = {0};
    for (size_t i = 0; list && i < list->top.len; i++) {
        const char *want = vocab_canonical(c->fw, list->top.items[i]);
        if (!want || !ptrmap_get(&c->fw->is_top, want))
            continue;   /* the list names no 一级 category of this framework */
        ptrvec_push(&S(c)->arena, &wanted, (void *)want);
        Category *w;
        if (category_filled(c, want, &w))
            continue;
        ptrvec_push(&S(c)->arena, &missing, (void *)want);
        if (w) {
            ptrvec_push(&S(c)->arena, &written, w);
            ptrmap_put(&c->reported, w, w);
        }
    }
    if (!missing.len)
        return;
    StrBuf all = STRBUF_INIT, none = STRBUF_INIT;
    for (size_t i = 0; i < wanted.len; i++)
        add_listed(&all, i, wanted.len, "%s", wanted.items[i]);
    for (size_t i = 0; i < missing.len; i++)
        add_listed(&none, i, missing.len, "'%s'", missing.items[i]);
    Diag *d = diag_report_as(S(c), RULE_MISSING_CATEGORY, sev, c->t->field[FIELD_INDICATORS]->key,
                             "framework '%s' %s indicators under %s, but %s %s none", c->fw->name,
                             sev == SEV_ERROR ? "requires" : "recommends", strbuf_cstr(&all),
                             missing.len == wanted.len ? "this table" : strbuf_cstr(&none),
                             missing.len == wanted.len || missing.len == 1 ? "has" : "have");
    for (size_t i = 0; i < written.len; i++) {
        const Category *w = written.items[i];
        diag_note(S(c), d, w->name.span, "'%s' is written out here, with no indicator in it",
                  w->name.text);
    }
    strbuf_release(&all);
    strbuf_release(&none);
}

static void check_missing_categories(Ctx *c)
{
    check_missing_category(c, framework_list(c, "required"), SEV_ERROR);
    check_missing_category(c, framework_list(c, "recommended"), SEV_WARNING);
}

/* ===== empty-category ===== */

/* An empty 一级 is reported at its name; in a 一级 with 二级 categories each
 * empty 二级 is reported, and never the 一级 as well. */
static void check_empty_category(Ctx *c)
{
    for (size_t i = 0; i < c->root->items.len; i++) {
        const Category *l1 = c->root->items.items[i];
        if (!is_category(l1) || ptrmap_get(&c->reported, l1)
            || diag_any_within(S(c), RULE_SYNTAX, l1->span))
            continue;
        if (!l1->items.len) {
            diag_report(S(c), RULE_EMPTY_CATEGORY, l1->name.span,
                        "category '%s' is written out with no indicators in it: add one or leave "
                        "the category out", l1->name.text);
            continue;
        }
        for (size_t j = 0; j < l1->items.len; j++) {
            const Category *l2 = l1->items.items[j];
            if (is_category(l2) && !l2->items.len && !diag_any_within(S(c), RULE_SYNTAX, l2->span))
                diag_report(S(c), RULE_EMPTY_CATEGORY, l2->name.span,
                            "category '%s' under '%s' is written out with no indicators in it: "
                            "add one or leave the category out", l2->name.text, l1->name.text);
        }
    }
}

/* ===== category-as-indicator ===== */

static void check_category_as_indicator(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    (void)l1;
    (void)l2;
    Ctx *c = ctx;
    if (!ind->name.text)
        return;
    const char *key = intern(&S(c)->names, ind->name.text, ind->name.len);
    const char *canon = vocab_canonical(c->fw, key);
    if (!canon)
        return;
    const char *level = ptrmap_get(&c->fw->is_top, canon) ? "一级" : "二级";
    const char *what = canon == key
        ? arena_sprintf(&S(c)->arena, "a %s category", level)
        : arena_sprintf(&S(c)->arena, "the %s category '%s'", level, canon);
    diag_report(S(c), RULE_CATEGORY_AS_INDICATOR, ind->name.span,
                "indicator '%s' is named after %s of framework '%s': name what is measured "
                "instead (a count, a rate, an amount)", ind->name.text, what, c->fw->name);
}

/* ===== placeholder ===== */

static bool is_digit_at(const char *s, size_t n)
{
    uint32_t cp;
    size_t k = n ? utf8_decode(s, n, &cp) : 0;
    return k && ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19));   /* ０..９ */
}

static bool digit_before(const char *text, size_t pos)
{
    size_t start = pos;
    while (start > 0 && pos - start < 4) {
        start--;
        if (((unsigned char)text[start] & 0xC0) != 0x80)
            return is_digit_at(text + start, pos - start);
    }
    return false;
}

/* A lone multiplication sign next to a digit is a formula
 * (完成率=完成数/计划数×100%), not a placeholder. */
static bool is_arithmetic(Ctx *c, const char *text, size_t len, size_t pos, const char *sp)
{
    const Vocabulary *v = program_vocab(c->p, name(c, "placeholder_arithmetic"));
    if (!vocab_canonical(v, name(c, sp)))
        return false;
    size_t k = strlen(sp);
    return is_digit_at(text + pos + k, len - pos - k) || digit_before(text, pos);
}

/* The leftmost (then longest) placeholder in text: its offset and spelling. */
static const char *find_placeholder(Ctx *c, const Text *t, size_t *at)
{
    const Vocabulary *v = program_vocab(c->p, name(c, "placeholders"));
    const char *best = NULL;
    size_t best_at = 0;
    for (size_t i = 0; v && t->text && i < v->spellings.len; i++) {
        const char *sp = v->spellings.items[i];
        size_t k = strlen(sp);
        for (const char *hit = k ? strstr(t->text, sp) : NULL; hit; hit = strstr(hit + 1, sp)) {
            size_t pos = (size_t)(hit - t->text);
            if (best && (pos > best_at || (pos == best_at && k <= strlen(best))))
                break;
            if (is_arithmetic(c, t->text, t->len, pos, sp))
                continue;
            best = sp;
            best_at = pos;
            break;
        }
    }
    *at = best_at;
    return best;
}

/* The caret goes under the placeholder itself when the literal has no escape
 * sequences (its source bytes are the text between the quotes), else under
 * the whole literal. */
static Span placeholder_span(const Ctx *c, const Text *t, size_t at, size_t k)
{
    const SourceFile *f = session_file(S(c), t->span.file);
    size_t whole = t->span.end - t->span.start;
    if (!f || whole < t->len || (whole - t->len) % 2)
        return t->span;
    size_t quote = (whole - t->len) / 2;
    if (memcmp(f->text + t->span.start + quote, t->text, t->len) != 0)
        return t->span;
    uint32_t start = t->span.start + (uint32_t)(quote + at);
    return (Span){t->span.file, start, start + (uint32_t)k};
}

/* The message names the text: what, then who (an indicator name) if given. */
static void check_placeholder(Ctx *c, const Text *t, const char *what, const char *who)
{
    size_t at;
    const char *sp = t->text ? find_placeholder(c, t, &at) : NULL;
    if (!sp)
        return;
    diag_report(S(c), RULE_PLACEHOLDER, placeholder_span(c, t, at, strlen(sp)),
                "%s%s%s%s contains the template placeholder '%s': fill in the real text", what,
                who ? " '" : "", who ? who : "", who ? "'" : "", sp);
}

static void check_indicator_placeholders(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    (void)l1;
    (void)l2;
    Ctx *c = ctx;
    const char *who = ind->name.text ? ind->name.text : "";
    check_placeholder(c, &ind->name, "the indicator name", who);
    if (ind->value.kind == VAL_TEXT)
        check_placeholder(c, &ind->value.text,
                          ind->op == OP_QUAL ? "the 定性 value of" : "the text value of", who);
    check_placeholder(c, &ind->explanation, "the 指标值说明 of", who);
    check_placeholder(c, &ind->note, "the 备注 of", who);
}

static const char *field_what(FieldKind k)
{
    switch (k) {
    case FIELD_DUTY: return "the duty (年度履职目标)";
    case FIELD_GOAL: return "the goal (本年度绩效目标)";
    case FIELD_FILER: return "the filer (填报人)";
    case FIELD_DEPARTMENT: return "the department name";
    case FIELD_TASK: return "the task name";
    default: return NULL;
    }
}

static void check_table_placeholders(Ctx *c)
{
    check_placeholder(c, &c->t->name,
                      c->t->kind == TABLE_DEPARTMENT ? "the department name" : "the project name",
                      NULL);
    for (size_t i = 0; i < c->t->fields.len; i++) {
        const Field *f = c->t->fields.items[i];
        const char *what = field_what(f->kind);
        if (!what)
            continue;
        check_placeholder(c, &f->text, what, NULL);
        if (f->kind == FIELD_TASK)
            check_placeholder(c, &f->text2, "the task content", NULL);
    }
}

/* ===== entry ===== */

void check_structure(Program *p, Table *t)
{
    Ctx c = {p, t, t->framework, NULL, {0}};
    check_table_placeholders(&c);
    Field *f = t->field[FIELD_INDICATORS];
    if (!f || !f->root)
        return;
    c.root = f->root;
    check_each_indicator(t, check_indicator_placeholders, &c);
    if (c.fw) {
        check_mixed_framework(&c);
        if (!diag_any_within(p->s, RULE_SYNTAX, f->span))   /* not all of it was read */
            check_missing_categories(&c);
        check_each_indicator(t, check_category_as_indicator, &c);
    }
    check_empty_category(&c);
    ptrmap_free(&c.reported);
}
