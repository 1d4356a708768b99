/* check: the pass driver and the helpers several passes share. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "wordmatch.h"
#include "suggest.h"
#include "settings.h"

/* The tree passes read t->field[FIELD_INDICATORS]: it is pointed at each of
 * the table's trees (年度, 长期 ...) in turn, then back at the year's. A
 * table without a tree is passed once, so the rules that need one say so. */
static void check_trees(Program *prog, Table *t)
{
    Field *main = t->field[FIELD_INDICATORS];
    /* each tree starts from the framework the table declares: a tree that
       fits another one switches it for itself only, so two trees of two
       frameworks do not get fixes that contradict each other */
    const Vocabulary *declared = t->framework, *main_fw = declared;
    bool any = false;
    for (size_t i = 0; i < t->fields.len; i++) {
        Field *f = t->fields.items[i];
        if (f->kind != FIELD_INDICATORS || f->ignored)
            continue;
        any = true;
        t->field[FIELD_INDICATORS] = f;
        t->framework = declared;
        check_indicators(prog, t);
        check_structure(prog, t);
        check_values(prog, t);
        check_money(prog, t);
        if (f == main)
            main_fw = t->framework;
    }
    t->framework = main_fw;
    t->field[FIELD_INDICATORS] = main;
    if (!any) {
        check_indicators(prog, t);
        check_structure(prog, t);
        check_values(prog, t);
        check_money(prog, t);
    }
}

void check_files(Program *prog, size_t from)
{
    Session *s = prog->s;
    size_t t0 = prog->tables.len, e0 = prog->evaluations.len, a0 = s->allows.len;
    check_decls(prog, from);
    settings_register_allows(prog, t0, e0);
    if (from == 0 || s->allows.len != a0)
        diag_index_allows(s);
    check_tables(prog, t0, e0);
    for (size_t i = t0; i < prog->tables.len; i++) {
        session_progress(s, PROGRESS_CHECK, i, prog->tables.len);
        check_table_passes(prog, prog->tables.items[i]);
    }
}

void check_table_passes(Program *prog, Table *t)
{
    check_budget(prog, t);
    check_trees(prog, t);
    check_structure_table(prog, t);
    check_values_table(prog, t);
    check_money_table(prog, t);
}

void check_empty_file(Program *prog, const AstFile *f)
{
    if (!f->is_stdlib)
        check_empty_source(prog, f->file, f->decls.len > 0 || f->streamed, f->comments.len > 0);
}

void check_empty_source(Program *prog, uint32_t file, bool decls, bool comments)
{
    if (file == prog->settings_file)
        return;
    const SourceFile *src = session_file(prog->s, file);
    Span whole = {file, 0, src->len};
    if (decls || prog->s->too_many || diag_any_within(prog->s, RULE_SYNTAX, whole)
        || diag_any_within(prog->s, RULE_ENCODING, whole))
        return;
    Span at = {file, src->len, src->len};
    if (comments)
        diag_report(prog->s, RULE_EMPTY_FILE, at,
                    "this file holds only comments: no table or declaration");
    else
        diag_report(prog->s, RULE_EMPTY_FILE, at, "this file is empty: no table or declaration");
}

void check_program(Program *prog, Session *s, size_t nstdlib, uint32_t settings_file)
{
    memset(prog, 0, sizeof *prog);
    prog->s = s;
    prog->nstdlib = nstdlib;
    prog->settings_file = settings_file;
    if (s->release_batch && check_releasing(prog))
        return;
    AstFile **parsed = xcalloc(s->files.len ? s->files.len : 1, sizeof *parsed);
    parse_files(s, parsed);
    for (uint32_t i = 0; i < s->files.len; i++) {
        parsed[i]->is_stdlib = i < nstdlib;
        ptrvec_push(&s->arena, &prog->files, parsed[i]);
    }
    free(parsed);
    settings_apply(prog);
    check_files(prog, 0);
    check_across(prog);
    for (size_t i = 0; i < prog->files.len; i++)
        check_empty_file(prog, prog->files.items[i]);
}

void check_across(Program *prog)
{
    check_cross_table(prog);
    check_evaluations(prog);
    settings_report_unused(prog);
}

typedef struct VocabMatcher {
    WordMatch *m;
    size_t len;                 /* the list's length when m was built */
} VocabMatcher;

static void free_vocabularies(PtrMap *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        Vocabulary *v = m->keys[i] ? m->vals[i] : NULL;
        if (v) {
            ptrmap_free(&v->canonical);
            ptrmap_free(&v->parent);
            ptrmap_free(&v->is_top);
            ptrmap_free(&v->children);
        }
    }
    ptrmap_free(m);
}

void program_free(Program *p)
{
    ptrmap_free(&p->dims);
    ptrmap_free(&p->units);
    free_vocabularies(&p->vocabs);
    free_vocabularies(&p->frameworks);
    for (size_t i = 0; i < p->suggest_cache.cap; i++)
        if (p->suggest_cache.keys[i])
            suggest_index_free(p->suggest_cache.vals[i]);
    ptrmap_free(&p->suggest_cache);
    ptrmap_free(&p->fold_cache);
    for (size_t i = 0; i < p->matchers.cap; i++)
        if (p->matchers.keys[i]) {
            VocabMatcher *m = p->matchers.vals[i];
            wordmatch_free(m->m);
            free(m);
        }
    ptrmap_free(&p->matchers);
    ptrmap_free(&p->named);
    ptrmap_free(&p->fold_forms);
    ptrmap_free(&p->standard_of);
}

const WordMatch *program_matcher(Program *p, const PtrVec *words)
{
    VocabMatcher *m = ptrmap_get(&p->matchers, words);
    if (!m) {
        m = xcalloc(1, sizeof *m);
        ptrmap_put(&p->matchers, words, m);
    }
    if (!m->m || m->len != words->len) {
        wordmatch_free(m->m);
        m->m = wordmatch_build(words);
        m->len = words->len;
    }
    return m->m;
}

/* ===== traditional characters ===== */

/* Each character traditional_forms folds (as a code point) -> its simplified
 * form, built once: looking each character of a text up by name interned
 * it first, and most texts have none to fold. */
static const PtrMap *fold_forms(Program *p)
{
    if (p->fold_forms_built)
        return &p->fold_forms;
    p->fold_forms_built = true;
    const Vocabulary *v = PROGRAM_VOCAB(p, "traditional_forms");
    for (size_t i = 0; v && i < v->spellings.len; i++) {
        const char *sp = v->spellings.items[i];
        uint32_t cp;
        size_t k = utf8_decode(sp, strlen(sp), &cp);
        const char *simple = vocab_canonical(v, sp);
        if (k > 1 && !sp[k] && simple && strcmp(simple, sp) != 0) {
            ptrmap_put(&p->fold_forms, (void *)(uintptr_t)cp, (void *)simple);
            if (cp < 0x10000)
                p->fold_bmp[cp >> 6] |= 1ull << (cp & 63);
        }
    }
    return &p->fold_forms;
}

const char *program_fold(Program *p, const char *text)
{
    if (!text)
        return NULL;
    const char *done = ptrmap_get(&p->fold_cache, text);
    if (done)
        return done;
    const PtrMap *forms = fold_forms(p);
    StrBuf out = STRBUF_INIT;
    bool changed = false;
    size_t n = strlen(text);
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = utf8_decode(text + i, n - i, &cp);
        if (k == 0)
            k = 1;
        /* a bit test rules out nearly every character before the table */
        bool maybe = k > 1 && (cp >= 0x10000 || (p->fold_bmp[cp >> 6] >> (cp & 63) & 1));
        const char *simple = maybe ? ptrmap_get(forms, (void *)(uintptr_t)cp) : NULL;
        if (simple && !changed) {
            strbuf_add(&out, text, i);     /* what came before, unchanged */
            changed = true;
        }
        if (simple)
            strbuf_adds(&out, simple);
        else if (changed)
            strbuf_add(&out, text + i, k);
    }
    done = changed ? intern_cstr(&p->s->names, strbuf_cstr(&out)) : text;
    strbuf_release(&out);
    ptrmap_put(&p->fold_cache, text, (void *)done);
    return done;
}

const char *vocab_canonical_folded(Program *p, const Vocabulary *v, const char *name)
{
    const char *c = vocab_canonical(v, name);
    if (c || !v || !name)
        return c;
    const char *folded = program_fold(p, name);
    return folded != name ? vocab_canonical(v, intern_cstr(&p->s->names, folded)) : NULL;
}

/* ===== suggestions ===== */

const char *suggest_in(Program *p, const PtrVec *candidates, const char *word)
{
    SuggestIndex *ix = ptrmap_get(&p->suggest_cache, candidates);
    if (!ix) {
        ix = arena_alloc(&p->s->arena, sizeof *ix);
        suggest_index_init(ix, &p->s->arena);
        ptrmap_put(&p->suggest_cache, candidates, ix);
    }
    while (ix->len < candidates->len)
        suggest_index_add(ix, candidates->items[ix->len]);
    return suggest_best(ix, word, &p->s->suggest_budget);
}

const char *did_you_mean(Program *p, RuleId rule, Span span, const PtrVec *candidates,
                         const char *word)
{
    if (!diag_wanted(p->s, rule, span))
        return "";
    const char *s = suggest_in(p, candidates, word);
    if (!s)
        return "";
    /* a quoted name is replaced by the suggestion quoted */
    const SourceFile *f = session_file(p->s, span.file);
    bool quoted = f && span.start < f->len && f->text[span.start] == '"';
    diag_offer_fix(p->s, span, quoted ? arena_sprintf(&p->s->arena, "\"%s\"", s) : s);
    return i18n_sprintf(p->s, "; did you mean '%s'?", s);
}

const char *check_kind_name(const Program *p, TableKind k)
{
    return k == TABLE_DEPARTMENT ? i18n_trc(p->s, "table kind", "department")
           : k == TABLE_PROJECT  ? i18n_trc(p->s, "table kind", "project")
                                 : i18n_trc(p->s, "table kind", "evaluation");
}

const Vocabulary *program_vocab(const Program *p, const char *name)
{
    return ptrmap_get(&p->vocabs, name);
}

/* What program_standard_of keeps for a framework without one (most). */
static const Vocabulary absent;

/* Only a vocabulary found is kept: the checks run after every declaration
 * is read, but one that is not there yet would stay absent. */
const Vocabulary *program_vocab_named(Program *p, const char *literal)
{
    const Vocabulary *v = ptrmap_get(&p->named, literal);
    if (!v && (v = program_vocab(p, intern_cstr(&p->s->names, literal))) != NULL)
        ptrmap_put(&p->named, literal, (void *)v);
    return v;
}

const Vocabulary *program_standard_of(Program *p, const Vocabulary *fw)
{
    const Vocabulary *v = ptrmap_get(&p->standard_of, fw);
    if (v)
        return v == &absent ? NULL : v;
    const char *key = arena_sprintf(&p->s->arena, "%s_standard", fw->name);
    v = program_vocab(p, intern_cstr(&p->s->names, key));
    ptrmap_put(&p->standard_of, fw, (void *)(v ? v : &absent));
    return v;
}

const char *vocab_canonical(const Vocabulary *v, const char *name)
{
    return v && name ? ptrmap_get(&v->canonical, name) : NULL;
}

bool check_money_quantity(Program *p, const Quantity *q, const char *what)
{
    if (!q->num.ok)
        return false;
    if (!q->unit.text) {
        diag_report(p->s, RULE_MISSING_UNIT, q->num.span,
                    "%s %s has no unit; write it in 万元 (or 元, 亿元)", what, q->num.text);
        return false;
    }
    const UnitDef *u = program_unit(p, q->unit.text);
    if (!u) {
        diag_report(p->s, RULE_UNKNOWN_UNIT, q->unit.span, "unknown unit '%s'%s",
                    q->unit.text, did_you_mean(p, RULE_UNKNOWN_UNIT, q->unit.span,
                                               &p->unit_names, q->unit.text));
        return false;
    }
    if (!u->dim || strcmp(u->dim->name, "money") != 0) {
        diag_report(p->s, RULE_UNIT_DIMENSION, q->unit.span,
                    "%s must be money (万元, 元, 亿元), but '%s' is %s", what, q->unit.text,
                    u->dim ? u->dim->label : i18n_tr(p->s, "a compound unit"));
        return false;
    }
    if (dec_sign(q->num.dec) < 0) {
        diag_report(p->s, RULE_NEGATIVE_VALUE, q->num.span, "%s %s %s is negative",
                    what, q->num.text, q->unit.text);
        return false;
    }
    Decimal base;
    return check_to_base(p, q, u, &base);   /* every later sum works in 元 */
}

bool check_to_base(Program *p, const Quantity *q, const UnitDef *u, Decimal *out)
{
    if (dec_mul(q->num.dec, u->factor, out) == DEC_OK)
        return true;
    diag_report(p->s, RULE_ARITHMETIC_OVERFLOW, q->span,
                "%s %s is too large to convert exactly", q->num.text, q->unit.text);
    return false;
}

/* ===== helpers for the rule passes ===== */

static void each_in(Category *c, int depth, Category *l1, Category *l2, IndicatorVisit fn,
                    void *ctx)
{
    for (size_t i = 0; i < c->items.len; i++) {
        Category *item = c->items.items[i];
        if (item->kind == NODE_INDICATOR)
            fn(ctx, (Indicator *)item, l1, l2);
        else if (depth == 0 && item->misplaced_as)  /* a 二级 with no 一级 above it */
            each_in(item, 2, NULL, item, fn, ctx);
        else    /* a category below the 二级 (misplaced, already reported) stands in
                 * for it, so no rule judges its indicators by the wrong 二级 */
            each_in(item, depth + 1, depth == 0 ? item : l1, depth >= 1 ? item : l2, fn, ctx);
    }
}

void check_each_indicator(const Table *t, IndicatorVisit fn, void *ctx)
{
    Field *f = t->field[FIELD_INDICATORS];
    if (f)
        each_in(f->root, 0, NULL, NULL, fn, ctx);
}

bool quantity_base(Program *p, const Quantity *q, const UnitDef **unit, Decimal *base)
{
    const UnitDef *u = q->num.ok && q->unit.text ? program_unit(p, q->unit.text) : NULL;
    if (unit)
        *unit = u;
    return u && dec_mul(q->num.dec, u->factor, base) == DEC_OK;
}

const BudgetLine *budget_total(const Field *budget)
{
    for (size_t i = 0; budget && i < budget->lines.len; i++) {
        const BudgetLine *l = budget->lines.items[i];
        if (l->kind == BUDGET_TOTAL)
            return l;
    }
    return NULL;
}

static bool is_money_unit(const UnitDef *u)
{
    return u && u->dim && strcmp(u->dim->name, "money") == 0;
}

/* The income sources of a budget block added up, as a quantity in their
 * common unit (元 when they mix units); false when a line is unusable or
 * none has an amount. Blank lines add nothing. */
static bool sources_sum(Program *p, const Field *budget, Quantity *out, Decimal *base)
{
    DecSum in_base = DEC_SUM_ZERO, same = DEC_SUM_ZERO;
    const BudgetLine *first = NULL;
    bool all_same = true;
    for (size_t i = 0; budget && i < budget->lines.len; i++) {
        const BudgetLine *b = budget->lines.items[i];
        const UnitDef *u;
        Decimal v;
        if (b->kind != BUDGET_SOURCE || !b->has_amount)
            continue;
        if (!b->canonical || !quantity_base(p, &b->amount, &u, &v) || !is_money_unit(u)
            || !dec_sum_add(&in_base, v))
            return false;
        if (!first)
            first = b;
        all_same = all_same && b->amount.unit.text == first->amount.unit.text;
        if (all_same && !dec_sum_add(&same, b->amount.num.dec))
            all_same = false;
    }
    char buf[DEC_BUFSZ];
    if (!first)
        return false;
    dec_sum_format_normal(&in_base, buf, sizeof buf);
    if (dec_parse(buf, strlen(buf), base) != DEC_OK)
        return false;
    *out = first->amount;
    if (all_same) {
        dec_sum_format_normal(&same, buf, sizeof buf);
        if (dec_parse(buf, strlen(buf), &out->num.dec) != DEC_OK)
            return false;
    } else {
        out->num.dec = *base;
        out->unit.text = intern_cstr(&p->s->names, "元");
    }
    out->num.text = arena_sprintf(&p->s->arena, "%s", buf);
    return true;
}

bool table_amount(Program *p, const Table *t, const Quantity **q, Decimal *base)
{
    const Quantity *found = NULL;
    const Field *budget = t->field[FIELD_BUDGET];
    const BudgetLine *total = budget_total(budget);
    Quantity *sum = arena_alloc(&p->s->arena, sizeof *sum);
    Decimal sum_base;
    bool has_sum = sources_sum(p, budget, sum, &sum_base);
    bool from_total = false;
    if (t->kind == TABLE_PROJECT && t->field[FIELD_AMOUNT])
        found = &t->field[FIELD_AMOUNT]->q;
    else if (total && total->has_amount)
        found = &total->amount, from_total = true;
    const UnitDef *u;
    if (found && quantity_base(p, found, &u, base) && is_money_unit(u)) {
        /* A 资金总额 its own sources contradict (budget-source-sum's finding)
           is not what is funded: the sources are (008 prints 0 beside 90). */
        if (from_total && has_sum && dec_cmp(sum_base, *base) != 0) {
            found = sum;
            *base = sum_base;
        }
    } else if (!found && has_sum) {
        found = sum;    /* no 资金总额 printed: what the sources provide */
        *base = sum_base;
    } else {
        return false;
    }
    if (q)
        *q = found;
    return true;
}

bool field_is_annual(Program *p, const Field *f)
{
    return !f->name.text
        || vocab_canonical(PROGRAM_VOCAB(p, "annual_figures"),
                           f->name.text);
}

static bool money_total(Program *p, const Field *budget, const Quantity **q, Decimal *base)
{
    const BudgetLine *total = budget_total(budget);
    const UnitDef *u;
    if (!total || !total->has_amount || !quantity_base(p, &total->amount, &u, base) || !u->dim
        || strcmp(u->dim->name, "money") != 0)
        return false;
    if (q)
        *q = &total->amount;
    return true;
}

bool tree_amount(Program *p, const Table *t, const Field *tree, const Quantity **q,
                 Decimal *base)
{
    bool annual = !tree || field_is_annual(p, tree);
    for (size_t i = 0; tree && !annual && i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind == FIELD_BUDGET && !f->ignored && f->name.text == tree->name.text)
            return money_total(p, f, q, base);
    }
    return annual && table_amount(p, t, q, base);
}

/* An ASCII or a full-width digit (０..９): an export writes either. */
static bool is_digit_cp(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool has_digit(const char *s, size_t n)
{
    uint32_t cp;
    for (size_t i = 0, k; i < n && (k = utf8_decode(s + i, n - i, &cp)) > 0; i += k)
        if (is_digit_cp(cp))
            return true;
    return false;
}

/* A Chinese numeral (二, 十, 两 ...) glued to an ASCII number is two
 * numbers in one cell; a unit sign or an operator before the number
 * (%=99) is a cell whose parts were shuffled. Neither occurs in a phrase
 * someone wrote ("±3%以内", "12月底到位", "1000元/人"). */
bool value_malformed(const Indicator *ind)
{
    static const uint32_t numerals[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                                        0x4E03, 0x516B, 0x4E5D, 0x5341, 0x4E24};
    static const uint32_t leading[] = {'%', 0x2030, 0xFF05, '=', 0xFF1D, 0x2265, 0x2264,
                                       '>', '<', 0xFF1E, 0xFF1C};
    const char *s = ind->value.text.text;
    if (ind->value.kind != VAL_TEXT || !s)
        return false;
    size_t n = ind->value.text.len, i = 0, k;
    uint32_t cp;
    bool numeral = false;
    while (i < n && s[i] == ' ')
        i++;
    if (i < n && (k = utf8_decode(s + i, n - i, &cp)) > 0) {
        for (size_t j = 0; j < ARRAY_LEN(leading); j++)
            if (cp == leading[j] && has_digit(s + i, n - i))
                return true;
    }
    for (; i < n && (k = utf8_decode(s + i, n - i, &cp)) > 0; i += k) {
        if (is_digit_cp(cp) && numeral)
            return true;
        numeral = false;
        for (size_t j = 0; j < ARRAY_LEN(numerals); j++)
            numeral = numeral || cp == numerals[j];
    }
    return false;
}

bool text_has_any(Program *p, const char *text, const char *vocab)
{
    const Vocabulary *v = program_vocab_named(p, vocab);
    return text && v && wordmatch_any(program_matcher(p, &v->spellings), text, strlen(text));
}

bool year_number(const Number *n, int *year)
{
    if (!n->ok || n->dec.scale != 0 || n->dec.coef < 1900 || n->dec.coef > 2200)
        return false;
    *year = (int)n->dec.coef;
    return true;
}

bool table_year(const Table *t, int *year)
{
    const Field *y = t->field[FIELD_YEAR];
    return y && year_number(&y->num, year);
}

const char *category_name(const Category *c)
{
    return !c ? NULL : c->standard ? c->standard : c->canonical ? c->canonical : c->misplaced_as;
}

Decimal check_param(const Program *p, ParamId id)
{
    return p->s->param[id];
}
