/* check_decls: builds the program's vocabularies from `dimension`, `unit`,
 * `vocabulary` and `framework` declarations, the stdlib's and the user's
 * alike, in file order. A unit's factor is reduced to the dimension's base
 * unit at declaration, so any later conversion is one exact multiplication. */
#include <string.h>

#include "check.h"

static Arena *arena(Program *p)
{
    return &p->s->arena;
}

static const char *name_or(const char *s, const char *dflt)
{
    return s ? s : dflt;
}

/* ===== dimensions ===== */

static void apply_prop(Program *p, Dimension *d, const DimProp *pr)
{
    const char *k = pr->key.text;
    if (strcmp(k, "integer") == 0 && !pr->has_value) {
        d->integer = true;
    } else if (strcmp(k, "min") == 0 && pr->has_value && pr->value.ok) {
        d->has_min = true;
        d->min = pr->value.dec;
    } else if (strcmp(k, "max") == 0 && pr->has_value && pr->value.ok) {
        d->has_max = true;
        d->max = pr->value.dec;
    } else if (pr->value.ok || !pr->has_value) {
        diag_report(p->s, RULE_SYNTAX, pr->key.span,
                    "unknown dimension property '%s': use 'integer', 'min N' or 'max N'", k);
    }
}

static void declare_dimension(Program *p, const DimDecl *dd)
{
    Diag *d;
    const Dimension *old = ptrmap_get(&p->dims, dd->name.text);
    if (old) {
        d = diag_report(p->s, RULE_DUPLICATE_DECLARATION, dd->name.span,
                        "dimension '%s' is declared twice", dd->name.text);
        diag_note(p->s, d, old->decl->name.span, "first declared here");
        return;
    }
    Dimension *dim = arena_alloc(arena(p), sizeof *dim);
    dim->name = dd->name.text;
    dim->label = name_or(dd->label.text, dd->name.text);
    dim->decl = dd;
    for (size_t i = 0; i < dd->props.len; i++)
        apply_prop(p, dim, dd->props.items[i]);
    ptrmap_put(&p->dims, dim->name, dim);
    ptrvec_push(arena(p), &p->dim_names, (void *)dim->name);
}

/* ===== units ===== */

static bool unit_factor(Program *p, const UnitDecl *ud, const Dimension *dim, Decimal *out)
{
    if (!ud->has_factor) {
        *out = dec_from_int(1);
        return true;
    }
    const UnitDef *base = ptrmap_get(&p->units, ud->base.text);
    if (!base) {
        diag_report(p->s, RULE_UNKNOWN_UNIT, ud->base.span,
                    "unit '%s' must be declared before '%s' is defined from it",
                    ud->base.text, ud->symbol.text);
        return false;
    }
    if (base->dim != dim) {
        diag_report(p->s, RULE_UNIT_DIMENSION, ud->base.span, "'%s' is %s, not %s",
                    ud->base.text, base->dim ? base->dim->label : i18n_tr(p->s, "compound"),
                    dim->label);
        return false;
    }
    if (!ud->factor.ok)
        return false;
    if (dec_sign(ud->factor.dec) <= 0) {
        diag_report(p->s, RULE_UNIT_DIMENSION, ud->factor.span,
                    "the factor of unit '%s' must be positive, not %s", ud->symbol.text,
                    ud->factor.text);
        return false;
    }
    if (dec_mul(ud->factor.dec, base->factor, out) != DEC_OK) {
        diag_report(p->s, RULE_ARITHMETIC_OVERFLOW, ud->factor.span, "factor too large");
        return false;
    }
    return true;
}

static void declare_unit(Program *p, const UnitDecl *ud)
{
    const UnitDef *old = ptrmap_get(&p->units, ud->symbol.text);
    if (old) {
        Diag *d = diag_report(p->s, RULE_DUPLICATE_DECLARATION, ud->symbol.span,
                              "unit '%s' is declared twice", ud->symbol.text);
        diag_note(p->s, d, old->span, "first declared here");
        return;
    }
    const Dimension *dim = ptrmap_get(&p->dims, ud->dimension.text);
    if (!dim) {
        diag_report(p->s, RULE_UNKNOWN_DIMENSION, ud->dimension.span, "unknown dimension '%s'%s",
                    ud->dimension.text, did_you_mean(p, RULE_UNKNOWN_DIMENSION, ud->dimension.span,
                                                     &p->dim_names, ud->dimension.text));
        return;
    }
    UnitDef *u = arena_alloc(arena(p), sizeof *u);
    u->symbol = ud->symbol.text;
    u->dim = dim;
    u->span = ud->symbol.span;
    const UnitDef *from = ud->has_factor ? ptrmap_get(&p->units, ud->base.text) : NULL;
    u->base = from && from->base ? from->base : u;
    if (unit_factor(p, ud, dim, &u->factor)) {
        ptrmap_put(&p->units, u->symbol, u);
        ptrvec_push(arena(p), &p->unit_names, (void *)u->symbol);
    }
}

/* Length of the next denominator factor of rest: up to '/', '·' or the
 * katakana middle dot '・' that Japanese-style input methods type; *sep is
 * the length of the separator found (0 at the end). */
size_t unit_factor_len(const char *rest, size_t *sep)
{
    static const char dot[] = "·", kdot[] = "・";
    size_t i = 0;
    /* one scan to the first separator: searching for each kind separately
     * would rescan a long unit for every factor */
    while (rest[i] && rest[i] != '/' && strncmp(rest + i, dot, sizeof dot - 1) != 0
           && strncmp(rest + i, kdot, sizeof kdot - 1) != 0)
        i++;
    *sep = !rest[i] ? 0 : rest[i] == '/' ? 1
         : strncmp(rest + i, dot, sizeof dot - 1) == 0 ? sizeof dot - 1 : sizeof kdot - 1;
    return i;
}

/* Two spellings of one compound (元/人·月 and 元/人/月, 万元/人 and 萬元/人)
 * share a base: the compound of the parts' base units, 元/人·月, with the
 * factor between them (万元/人 is 10000 元/人). When that factor is not an
 * exact decimal (元/公顷 against 元/亩) the unit stays its own base: no
 * equivalence is claimed that cannot be computed exactly. */
static void compound_base(Program *p, UnitDef *u, const PtrVec *parts)
{
    StrBuf key = STRBUF_INIT;
    Decimal den = dec_from_int(1), back;
    bool exact = true;
    strbuf_adds(&key, u->num->base ? u->num->base->symbol : u->num->symbol);
    for (size_t i = 0; i < parts->len; i++) {
        const UnitDef *part = parts->items[i];
        strbuf_adds(&key, i ? "·" : "/");
        strbuf_adds(&key, part->base ? part->base->symbol : part->symbol);
        exact = exact && dec_mul(den, part->factor, &den) == DEC_OK;
    }
    bool found = false;
    /* the fewest decimals that divide exactly: a fixed large scale would
       overflow for 万元 (10000 at 18 decimals) */
    for (int32_t scale = 0; exact && !found && scale <= DEC_MAX_SCALE; scale++) {
        if (dec_sign(den) <= 0 || dec_div_round(u->num->factor, den, scale, &u->factor) != DEC_OK)
            break;
        found = dec_mul(u->factor, den, &back) == DEC_OK && dec_cmp(back, u->num->factor) == 0;
    }
    exact = exact && found;
    const char *canon = intern_cstr(&p->s->names, strbuf_cstr(&key));
    strbuf_release(&key);
    if (!exact || canon == u->symbol) {
        u->factor = exact ? u->factor : dec_from_int(1);
        u->base = u;
        return;
    }
    u->factor = dec_normalize(u->factor);
    const UnitDef *b = program_unit(p, canon);
    u->base = b ? b : u;
}

/* 元/人·月: a known money numerator over known factors. */
static const UnitDef *compound(Program *p, const char *name)
{
    const char *slash = strchr(name, '/');
    if (!slash || slash == name)
        return NULL;
    const char *num = intern(&p->s->names, name, (size_t)(slash - name));
    const UnitDef *n = ptrmap_get(&p->units, num);
    if (n && (!n->dim || (strcmp(n->dim->name, "money") != 0 && strcmp(n->dim->name, "count") != 0)))
        return NULL;    /* money per something (元/人) or a frequency (次/月), not %/人 */
    const char *rest = slash + 1;
    PtrVec parts = {0};
    /* the denominator's factors are joined by '·' or '/': 元/人·月, 元/人/月 */
    while (n && *rest) {
        size_t sep;
        size_t len = unit_factor_len(rest, &sep);
        if (len == 0 || (sep && rest[len + sep] == '\0'))
            return NULL;    /* 元/·人 or 元/人·: an empty factor */
        const UnitDef *part = program_unit(p, intern(&p->s->names, rest, len));
        if (!part || !part->dim)
            return NULL;
        ptrvec_push(arena(p), &parts, (void *)part);
        rest += len + sep;
    }
    if (!n || !parts.len)
        return NULL;
    UnitDef *u = arena_alloc(arena(p), sizeof *u);
    u->symbol = name;
    u->num = n;
    u->den = parts.items[0];
    u->base = u;
    /* registered before its base is looked up, so a unit that is its own
       canonical spelling is found, not built again */
    ptrmap_put(&p->units, name, u);
    compound_base(p, u, &parts);
    return u;
}

const UnitDef *program_unit(Program *p, const char *name)
{
    if (!name)
        return NULL;    /* a quantity written without a unit */
    const UnitDef *u = ptrmap_get(&p->units, name);
    return u ? u : compound(p, name);
}

/* ===== vocabularies and frameworks ===== */

static void add_spelling(Program *p, Vocabulary *v, const Name *n, const char *canonical,
                         const char *what)
{
    const char *old = ptrmap_get(&v->canonical, n->text);
    if (old) {
        diag_report(p->s, RULE_DUPLICATE_DECLARATION, n->span, "'%s' appears twice in %s '%s'",
                    n->text, what, v->name);
        return;
    }
    ptrmap_put(&v->canonical, n->text, (void *)canonical);
    ptrvec_push(arena(p), &v->spellings, (void *)n->text);
}

static void add_names(Program *p, Vocabulary *v, const PtrVec *items, const char *parent,
                      const char *what)
{
    for (size_t i = 0; i < items->len; i++) {
        const VocabItem *it = items->items[i];
        if (it->kind == VOCAB_ALIAS)
            continue;
        add_spelling(p, v, &it->name, it->name.text, what);
        if (parent) {
            ptrmap_put(&v->parent, it->name.text, (void *)parent);
        } else {
            ptrvec_push(arena(p), &v->top, (void *)it->name.text);
            ptrmap_put(&v->is_top, it->name.text, (void *)it->name.text);
        }
        if (it->kind == VOCAB_GROUP)
            add_names(p, v, &it->items, it->name.text, what);
    }
}

static void add_aliases(Program *p, Vocabulary *v, const PtrVec *items, const char *what)
{
    for (size_t i = 0; i < items->len; i++) {
        const VocabItem *it = items->items[i];
        if (it->kind == VOCAB_GROUP)
            add_aliases(p, v, &it->items, what);
        if (it->kind != VOCAB_ALIAS)
            continue;
        const char *target = ptrmap_get(&v->canonical, it->target.text);
        if (!target) {
            diag_report(p->s, RULE_UNKNOWN_CATEGORY, it->target.span,
                        "alias target '%s' is not a name of %s '%s'%s", it->target.text, what,
                        v->name, did_you_mean(p, RULE_UNKNOWN_CATEGORY, it->target.span, &v->spellings,
                                     it->target.text));
            continue;
        }
        add_spelling(p, v, &it->name, target, what);
    }
}

static void declare_vocab(Program *p, const VocabDecl *vd)
{
    PtrMap *map = vd->is_framework ? &p->frameworks : &p->vocabs;
    const char *what = vd->is_framework ? i18n_tr(p->s, "framework")
                                        : i18n_tr(p->s, "vocabulary");
    const Vocabulary *old = ptrmap_get(map, vd->name.text);
    if (old) {
        Diag *d = diag_report(p->s, RULE_DUPLICATE_DECLARATION, vd->name.span,
                              "%s '%s' is declared twice", what, vd->name.text);
        diag_note(p->s, d, old->decl->name.span, "first declared here");
        return;
    }
    Vocabulary *v = arena_alloc(arena(p), sizeof *v);
    v->name = vd->name.text;
    v->decl = vd;
    add_names(p, v, &vd->items, NULL, what);
    add_aliases(p, v, &vd->items, what);
    ptrmap_put(map, v->name, v);
    if (vd->is_framework)
        ptrvec_push(arena(p), &p->framework_names, (void *)v->name);
    if (vd->is_default && p->default_framework) {
        Diag *d = diag_report(p->s, RULE_DUPLICATE_DECLARATION, vd->name.span,
                              "a second default framework '%s'", v->name);
        diag_note(p->s, d, p->default_framework->decl->name.span, "'%s' is already the default",
                  p->default_framework->name);
    } else if (vd->is_default) {
        p->default_framework = v;
    }
}

/* A ptlc.settings file is found by walking up from the checked files, so
 * whoever can write it is not necessarily the author of the tables: it may
 * hold settings only, and anything else in it is reported and not read. */
static bool in_settings_file(Program *p, const AstFile *af, const Decl *d)
{
    if (af->file != p->settings_file || d->kind == DECL_SETTINGS)
        return false;
    static const char *const what[] = {N_("a table"), N_("a unit declaration"),
                                       N_("a dimension declaration"),
                                       N_("a vocabulary or framework declaration")};
    Span at = d->kind == DECL_TABLE ? d->u.table->key
              : d->kind == DECL_UNIT ? d->u.unit->span
              : d->kind == DECL_DIMENSION ? d->u.dim->span : d->u.vocab->span;
    diag_report(p->s, RULE_NOT_A_SETTING, at,
                "%s in a settings file is not read: %s holds only a settings block "
                "(put tables and declarations in .ptl files)", i18n_tr(p->s, what[d->kind]),
                "ptlc.settings");
    return true;
}

void check_decls(Program *p, size_t from)
{
    for (size_t f = from; f < p->files.len; f++) {
        const AstFile *af = p->files.items[f];
        for (size_t i = 0; i < af->decls.len; i++) {
            const Decl *d = af->decls.items[i];
            if (in_settings_file(p, af, d))
                continue;
            if (d->kind == DECL_DIMENSION)
                declare_dimension(p, d->u.dim);
            else if (d->kind == DECL_UNIT)
                declare_unit(p, d->u.unit);
            else if (d->kind == DECL_VOCAB)
                declare_vocab(p, d->u.vocab);
            else if (d->kind == DECL_TABLE && d->u.table->kind == TABLE_EVALUATION) {
                ptrvec_push(arena(p), &p->evaluations, d->u.table);
            } else if (d->kind == DECL_TABLE) {
                ptrvec_push(arena(p), &p->tables, d->u.table);
                if (f >= p->nstdlib)
                    ptrvec_push(arena(p), &p->user_tables, d->u.table);
            }
        }
    }
}
