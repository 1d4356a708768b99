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
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "wordmatch.h"

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
                  ? N_("the 一级 '%s' is here") : N_("'%s' under '产出指标' is here"),
                  right->name.text);
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

static void add_listed(const Ctx *c, StrBuf *sb, size_t i, size_t n, const char *fmt,
                       const char *item)
{
    if (i)
        strbuf_adds(sb, i + 1 == n ? i18n_trc(S(c), "list", " and ")
                                   : i18n_trc(S(c), "list", ", "));
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
        add_listed(c, &all, i, wanted.len, "%s", wanted.items[i]);
    for (size_t i = 0; i < missing.len; i++)
        add_listed(c, &none, i, missing.len, i18n_format(S(c)->lang, "'%s'"), missing.items[i]);
    /* by level (required, recommended), then: the table has none, one list has none, more */
    static const char *const formats[2][3] = {
        {N_("framework '%s' requires indicators under %s, but this table has none"),
         N_("framework '%s' requires indicators under %s, but %s has none"),
         N_("framework '%s' requires indicators under %s, but %s have none")},
        {N_("framework '%s' recommends indicators under %s, but this table has none"),
         N_("framework '%s' recommends indicators under %s, but %s has none"),
         N_("framework '%s' recommends indicators under %s, but %s have none")}};
    int which = missing.len == wanted.len ? 0 : missing.len == 1 ? 1 : 2;
    Diag *d = diag_report_as(S(c), RULE_MISSING_CATEGORY, sev, c->t->field[FIELD_INDICATORS]->key,
                             formats[sev != SEV_ERROR][which], c->fw->name, strbuf_cstr(&all),
                             strbuf_cstr(&none));
    for (size_t i = 0; i < written.len; i++) {
        const Category *w = written.items[i];
        diag_note(S(c), d, w->name.span, "'%s' is written out here, with no indicator in it",
                  w->name.text);
    }
    /* the default is 101号's framework: a table of a year before it, that
       names none, is more likely on an older template than short of a 一级 */
    int year;
    if (sev == SEV_ERROR && c->fw == c->p->default_framework && !c->t->field[FIELD_FRAMEWORK]
        && table_year(c->t, &year) && year < DEFAULT_FRAMEWORK_SINCE)
        diag_note(S(c), d, c->t->field[FIELD_YEAR]->span,
                  "a table of %s, before the budgets of %d, names no framework and so is checked "
                  "against the default '%s' (财预〔2021〕101号): if it is on an older template, say "
                  "which (`framework old`)",
                  c->t->field[FIELD_YEAR]->num.text, DEFAULT_FRAMEWORK_SINCE, c->fw->name);
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
        if (!is_category(l1) || ptrmap_get(&c->reported, l1) || l1->placeholder
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
            if (is_category(l2) && !l2->items.len && !l2->placeholder
                && !diag_any_within(S(c), RULE_SYNTAX, l2->span))
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
    const Vocabulary *fw = c->fw;
    const char *canon = vocab_canonical_folded(c->p, fw, key);
    /* a name of another framework is a category name all the same (社会成本指标
       in a table of the old framework); a flat list has no categories to
       confuse it with, and names its satisfaction row 服务对象满意度 */
    for (size_t i = 0; !canon && fw && fw->top.len && i < c->p->framework_names.len; i++) {
        fw = ptrmap_get(&c->p->frameworks, c->p->framework_names.items[i]);
        canon = fw ? vocab_canonical_folded(c->p, fw, key) : NULL;
    }
    if (!canon)
        return;
    const char *level = ptrmap_get(&fw->is_top, canon) ? "一级" : "二级";
    const char *what = canon == key
        ? i18n_sprintf(S(c), "a %s category", level)
        : i18n_sprintf(S(c), "the %s category '%s'", level, canon);
    diag_report(S(c), RULE_CATEGORY_AS_INDICATOR, ind->name.span,
                "indicator '%s' is named after %s of framework '%s': name what is measured "
                "instead (a count, a rate, an amount)", ind->name.text, what, fw->name);
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
    const Vocabulary *v = PROGRAM_VOCAB(c->p, "placeholder_arithmetic");
    if (!vocab_canonical(v, name(c, sp)))
        return false;
    size_t k = strlen(sp);
    return is_digit_at(text + pos + k, len - pos - k) || digit_before(text, pos);
}

/* Bytes of the leading run of core marks (★★★, *) before more text. */
static size_t core_mark_run(Ctx *c, const char *text)
{
    const Vocabulary *v = PROGRAM_VOCAB(c->p, "core_marks");
    size_t at = 0;
    for (bool more = true; more && v;) {
        more = false;
        for (size_t i = 0; i < v->spellings.len; i++) {
            const char *m = v->spellings.items[i];
            size_t k = strlen(m);
            if (k && strncmp(text + at, m, k) == 0) {
                at += k;
                more = true;
                break;
            }
        }
    }
    /* nothing but marks is a placeholder, and so is "**", the template's
     * blank (a single * marks a core indicator) */
    return text[at] && strncmp(text, "**", 2) != 0 ? at : 0;
}

/* An ellipsis in a template marks what is to be filled in ("负责……",
 * "反映…情况"); in prose it elides ("…提出建议。……(十二)统筹安排…"). Text of
 * PROSE_CPS characters or more besides the ellipses is prose. */
#define PROSE_CPS 20

static bool is_prose(const char *text, const char *sp)
{
    size_t k = strlen(sp), cps = 0;
    for (const char *p = text; *p;) {
        if (strncmp(p, sp, k) == 0) {
            p += k;
            continue;
        }
        cps += ((unsigned char)*p & 0xC0) != 0x80;
        p++;
    }
    return cps >= PROSE_CPS;
}

typedef struct Leftmost {
    Ctx *c;
    const Text *t;
    const PtrVec *words;
    const Vocabulary *elide;
    size_t marks;
    size_t best, best_at, best_len;
} Leftmost;

/* One occurrence of a placeholder: kept when it is further left than the
 * best so far, or as far left and longer (or as long and listed first). */
static bool placeholder_hit(void *ctx, size_t word, size_t pos)
{
    Leftmost *l = ctx;
    const char *sp = l->words->items[word];
    size_t k = strlen(sp);
    if (l->best != SIZE_MAX
        && (pos > l->best_at || (pos == l->best_at
                                 && (k < l->best_len || (k == l->best_len && word > l->best)))))
        return true;
    if (pos + k <= l->marks || is_arithmetic(l->c, l->t->text, l->t->len, pos, sp)
        || (vocab_canonical(l->elide, sp) && is_prose(l->t->text, sp)))
        return true;
    l->best = word;
    l->best_at = pos;
    l->best_len = k;
    return true;
}

/* The leftmost (then longest) placeholder in text: its offset and spelling.
 * A leading core mark (★) is not one, nor an ellipsis in prose. */
static const char *find_placeholder(Ctx *c, const Text *t, size_t *at)
{
    const Vocabulary *v = PROGRAM_VOCAB(c->p, "placeholders");
    *at = 0;
    if (!v || !t->text)
        return NULL;
    Leftmost l = {c, t, &v->spellings, PROGRAM_VOCAB(c->p, "placeholder_elisions"),
                  core_mark_run(c, t->text), SIZE_MAX, 0, 0};
    wordmatch_each(program_matcher(c->p, &v->spellings), t->text, strlen(t->text), placeholder_hit, &l);
    if (l.best == SIZE_MAX)
        return NULL;
    *at = l.best_at;
    return v->spellings.items[l.best];
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

/* The message names the text: what, a phrase, or with who (an indicator
 * name) a format of it ("the 备注 of '%s'"), made only for a finding. */
static void check_placeholder(Ctx *c, const Text *t, const char *what, const char *who)
{
    size_t at;
    const char *sp = t->text ? find_placeholder(c, t, &at) : NULL;
    if (!sp)
        return;
    diag_report(S(c), RULE_PLACEHOLDER, placeholder_span(c, t, at, strlen(sp)),
                "%s contains the template placeholder '%s': fill in the real text",
                who ? i18n_sprintf(S(c), what, who) : i18n_tr(S(c), what), sp);
}

static void check_indicator_placeholders(void *ctx, Indicator *ind, Category *l1, Category *l2)
{
    (void)l1;
    (void)l2;
    Ctx *c = ctx;
    const char *who = ind->name.text ? ind->name.text : "";
    check_placeholder(c, &ind->name, N_("the indicator name '%s'"), who);
    if (ind->value.kind == VAL_TEXT)
        check_placeholder(c, &ind->value.text, ind->op == OP_QUAL ? N_("the 定性 value of '%s'")
                                                                  : N_("the text value of '%s'"),
                          who);
    check_placeholder(c, &ind->explanation, N_("the 指标值说明 of '%s'"), who);
    check_placeholder(c, &ind->more->note, N_("the 备注 of '%s'"), who);
}

static const char *field_what(FieldKind k)
{
    switch (k) {
    case FIELD_DUTY: return N_("the duty (年度履职目标)");
    case FIELD_GOAL: return N_("the goal (本年度绩效目标)");
    case FIELD_FILER: return N_("the filer (填报人)");
    case FIELD_DEPARTMENT: return N_("the department name");
    case FIELD_TASK: return N_("the task name");
    case FIELD_TEXT: return N_("the text");
    case FIELD_ATTRIBUTE: return N_("the attribute");
    case FIELD_ORG: return N_("the organisation");
    case FIELD_PERSON: return N_("the person");
    default: return NULL;
    }
}

/* ===== no-indicators ===== */

/* A table with no indicator at all: said once, and the rules about which
 * categories are missing or empty say nothing more (same cause). */
static bool check_no_indicators(Ctx *c, const Field *f)
{
    if (f && f->root && has_indicator(f->root))
        return false;
    if (diag_any_within(S(c), RULE_SYNTAX, f ? f->span : c->t->span))
        return true;    /* they may be in the text that could not be read */
    const char *kind = check_kind_name(c->p, c->t->kind);
    if (!f)
        diag_report(S(c), RULE_NO_INDICATORS, c->t->name.span,
                    "%s '%s' has no indicators: a 绩效目标表 states its targets as indicators",
                    kind, c->t->name.text);
    else if (f->name.text)
        diag_report(S(c), RULE_NO_INDICATORS, f->key,
                    "%s '%s' has no indicator in its tree '%s': a 绩效目标表 states its targets "
                    "as indicators", kind, c->t->name.text, f->name.text);
    else
        diag_report(S(c), RULE_NO_INDICATORS, f->key,
                    "%s '%s' has no indicator in its tree: a 绩效目标表 states its targets as "
                    "indicators", kind, c->t->name.text);
    return true;
}

/* ===== score-total ===== */

static void add_score(Decimal *sum, bool *ok, Number n)
{
    if (!n.ok || dec_add(*sum, n.dec, sum) != DEC_OK)
        *ok = false;
}

/* When the 一级 categories print their 分值 (产出指标(50分)) or bands
 * ((40-50)分), they add up to score-total (90: the other 10 are 预算执行率's);
 * with bands, score-total must lie between the least and the most. The
 * weights of the indicators under a category with a 分值 add up to it. */
static void check_score_total(Ctx *c)
{
    Decimal lo = {0, 0}, hi = {0, 0};
    bool ok = true, bands = false;
    size_t scored = 0;
    const Category *first = NULL;
    for (size_t i = 0; i < c->root->items.len; i++) {
        const Category *l1 = c->root->items.items[i];
        if (!is_category(l1) || !l1->score.given)
            continue;
        first = first ? first : l1;
        scored++;
        bands = bands || l1->score.lo.span.start != l1->score.hi.span.start;
        add_score(&lo, &ok, l1->score.lo);
        add_score(&hi, &ok, l1->score.hi);
    }
    if (!scored || !ok)
        return;
    Decimal want = check_param(c->p, PARAM_SCORE_TOTAL);
    char lo_s[DEC_BUFSZ], hi_s[DEC_BUFSZ], want_s[DEC_BUFSZ];
    dec_format(lo, lo_s, sizeof lo_s);
    dec_format(hi, hi_s, sizeof hi_s);
    dec_format(want, want_s, sizeof want_s);
    if (!bands && dec_cmp(lo, want) != 0)
        diag_report(S(c), RULE_SCORE_TOTAL, first->score.span,
                    "the 分值 of the 一级 categories add up to %s, but they must add up to %s "
                    "(score-total)", lo_s, want_s);
    else if (bands && (dec_cmp(lo, want) > 0 || dec_cmp(hi, want) < 0))
        diag_report(S(c), RULE_SCORE_TOTAL, first->score.span,
                    "the 分值 bands of the 一级 categories allow %s to %s in all, which cannot "
                    "make %s (score-total)", lo_s, hi_s, want_s);
}

/* Indicator weights under a 一级 with one 分值. */
static void weight_sum(const Category *cat, Decimal *sum, bool *ok, bool *any)
{
    for (size_t i = 0; i < cat->items.len; i++) {
        const Category *item = cat->items.items[i];
        if (is_category(item)) {
            weight_sum(item, sum, ok, any);
            continue;
        }
        const Indicator *ind = (const Indicator *)item;
        if (!ind->more->has_weight) {
            *ok = false;
            continue;
        }
        *any = true;
        add_score(sum, ok, ind->more->weight);
    }
}

static void check_category_weights(Ctx *c)
{
    for (size_t i = 0; i < c->root->items.len; i++) {
        const Category *l1 = c->root->items.items[i];
        if (!is_category(l1) || !l1->score.given
            || l1->score.lo.span.start != l1->score.hi.span.start || !l1->score.lo.ok)
            continue;
        Decimal sum = {0, 0};
        bool ok = true, any = false;
        weight_sum(l1, &sum, &ok, &any);
        if (!any || !ok || dec_cmp(sum, l1->score.lo.dec) == 0
            || diag_any_within(S(c), RULE_SYNTAX, l1->span))
            continue;
        char got[DEC_BUFSZ];
        dec_format(sum, got, sizeof got);
        diag_report(S(c), RULE_SCORE_TOTAL, l1->score.span,
                    "the 分值 of the indicators under '%s' add up to %s, but '%s' is worth %s",
                    l1->name.text, got, l1->name.text, l1->score.lo.text);
    }
}

/* ===== table texts ===== */

static void check_table_placeholders(Ctx *c)
{
    check_placeholder(c, &c->t->name, c->t->kind == TABLE_DEPARTMENT ? N_("the department name")
                                                                      : N_("the project name"),
                      NULL);
    for (size_t i = 0; i < c->t->fields.len; i++) {
        const Field *f = c->t->fields.items[i];
        const char *what = field_what(f->kind);
        if (!what)
            continue;
        check_placeholder(c, &f->text, what, NULL);
        if (f->kind == FIELD_TASK)
            check_placeholder(c, &f->text2, N_("the task content"), NULL);
    }
}

/* ===== entry ===== */

/* The tree in force (check.c runs this once per tree, or once with none). */
void check_structure(Program *p, Table *t)
{
    Ctx c = {p, t, t->framework, NULL, {0}};
    Field *f = t->field[FIELD_INDICATORS];
    if (check_no_indicators(&c, f))
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
    check_score_total(&c);
    check_category_weights(&c);
    ptrmap_free(&c.reported);
}

/* What belongs to the table once, whatever its trees. */
/* ===== repeated-text ===== */

/* Prose this short ("无", "是", "详见附件") is the same in many fields by
 * nature; a copied paragraph is not. In characters. */
enum { REPEAT_MIN_CHARS = 10 };

static size_t char_count(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Two labelled texts (项目概况, 立项依据 ...) or the duty with the same words:
 * one was pasted to fill the other. Goals are not compared: a one-year
 * project's 实施期 and 年度 goals may well agree. */
static void check_repeated_text(Ctx *c)
{
    PtrMap seen = {0};
    for (size_t i = 0; i < c->t->fields.len; i++) {
        const Field *f = c->t->fields.items[i];
        if ((f->kind != FIELD_TEXT && f->kind != FIELD_DUTY) || f->ignored
            || char_count(f->text.text) < REPEAT_MIN_CHARS)
            continue;
        const char *key = intern(&S(c)->names, f->text.text, f->text.len);
        const Field *first = ptrmap_get(&seen, key);
        if (!first) {
            ptrmap_put(&seen, key, (void *)f);
            continue;
        }
        Diag *d = diag_report(S(c), RULE_REPEATED_TEXT, f->text.span,
                              "'%s' is the text of '%s' word for word: each field says its own "
                              "thing", f->name.text ? f->name.text : field_name(f->kind),
                              first->name.text ? first->name.text : field_name(first->kind));
        diag_note(S(c), d, first->text.span, "'%s' is here",
                  first->name.text ? first->name.text : field_name(first->kind));
    }
    ptrmap_free(&seen);
}

/* ===== unfilled-template ===== */

/* A name left as the template wrote it for every county (县(市、区)财政部门):
 * the body filing the table never put in its own. Prose may well speak of
 * 各县(市、区), so only names are read: the table's, an org's, a department's. */
/* text with full-width brackets and enumeration commas made ASCII, so that
 * 县（市、区) matches however its brackets were typed. */
static const char *bracket_fold(Ctx *c, const char *text)
{
    static const struct { const char *from, *to; } forms[] = {{"（", "("}, {"）", ")"}};
    if (!strstr(text, forms[0].from) && !strstr(text, forms[1].from))
        return text;    /* the common case: only compared, so not copied */
    StrBuf sb = STRBUF_INIT;
    for (const char *t = text; *t;) {
        size_t i = 0;
        while (i < ARRAY_LEN(forms) && strncmp(t, forms[i].from, strlen(forms[i].from)) != 0)
            i++;
        if (i < ARRAY_LEN(forms)) {
            strbuf_adds(&sb, forms[i].to);
            t += strlen(forms[i].from);
        } else {
            strbuf_addc(&sb, *t++);
        }
    }
    const char *out = intern_cstr(&S(c)->names, strbuf_cstr(&sb));
    strbuf_release(&sb);
    return out;
}

static void report_template(Ctx *c, const Vocabulary *v, const Text *t, const char *whose)
{
    if (!t->text)
        return;
    const char *folded = bracket_fold(c, program_fold(c->p, t->text));
    for (size_t k = 0; k < v->spellings.len; k++) {
        const char *w = bracket_fold(c, v->spellings.items[k]);
        if (!strstr(folded, w))
            continue;
        diag_report(S(c), RULE_UNFILLED_TEMPLATE, t->span,
                    "%s is \"%s\", the template's wording for any %s: write the body's own "
                    "name", whose, t->text, w);
        return;
    }
}

static void check_unfilled_template(Ctx *c)
{
    const Vocabulary *v = PROGRAM_VOCAB(c->p, "template_wordings");
    if (!v)
        return;
    report_template(c, v, &c->t->name, c->t->kind == TABLE_DEPARTMENT
                                           ? i18n_tr(S(c), "the department name")
                                           : i18n_tr(S(c), "the project name"));
    for (size_t i = 0; i < c->t->fields.len; i++) {
        const Field *f = c->t->fields.items[i];
        if ((f->kind != FIELD_ORG && f->kind != FIELD_DEPARTMENT) || f->ignored)
            continue;
        report_template(c, v, &f->text, f->name.text ? i18n_sprintf(S(c), "'%s'", f->name.text)
                                                     : i18n_tr(S(c), "the department"));
    }
}

void check_structure_table(Program *p, Table *t)
{
    Ctx c = {p, t, t->framework, NULL, {0}};
    check_table_placeholders(&c);
    check_repeated_text(&c);
    check_unfilled_template(&c);
}
