/* lsp_find: a descent through the one declaration whose span holds the
 * offset, then through its fields, trees and lines; the first leaf whose
 * span holds it is the hit. Leaves are tested before their containers, so
 * a unit inside an indicator's line is the unit, not the indicator. */
#include "lsp_find.h"

#include <string.h>

typedef struct Finder {
    uint32_t off;
    LspHit hit;
} Finder;

static bool within(const Finder *f, Span sp)
{
    return sp.file != SPAN_NO_FILE && sp.start <= f->off && f->off <= sp.end && sp.end > sp.start;
}

static bool leaf(Finder *f, LspHitKind kind, Span sp, const char *name)
{
    if (!name || !within(f, sp))
        return false;
    f->hit.kind = kind;
    f->hit.span = sp;
    f->hit.name = name;
    return true;
}

static bool unit(Finder *f, const Unit *u)
{
    return leaf(f, HIT_UNIT, u->span, u->text);
}

static bool allows(Finder *f, const PtrVec *v)
{
    for (size_t i = 0; i < v->len; i++) {
        const Allow *a = v->items[i];
        if (leaf(f, HIT_RULE, a->rule.span, a->rule.text))
            return true;
    }
    return false;
}

static bool indicator(Finder *f, Indicator *ind, Category *l1, Category *l2)
{
    if (unit(f, &ind->unit) || unit(f, &ind->more->unit_column) || allows(f, &ind->more->allows))
        return true;
    if (!leaf(f, HIT_INDICATOR, ind->name.span, ind->name.text ? ind->name.text : ""))
        return false;
    f->hit.ind = ind, f->hit.l1 = l1, f->hit.l2 = l2;
    return true;
}

/* depth 0 is the tree's root; its items are 一级, theirs 二级. */
static bool tree(Finder *f, Category *c, int depth, Category *l1, Category *l2)
{
    for (size_t i = 0; i < c->items.len; i++) {
        Category *item = c->items.items[i];
        if (item->kind == NODE_INDICATOR) {
            if (indicator(f, (Indicator *)item, l1, l2))
                return true;
            continue;
        }
        if (!within(f, item->span))
            continue;
        if (leaf(f, HIT_CATEGORY, item->name.span, item->name.text)) {
            f->hit.cat = item, f->hit.l1 = depth >= 1 ? l1 : NULL;
            return true;
        }
        Category *n1 = depth == 0 ? item : l1, *n2 = depth >= 1 ? item : l2;
        if (tree(f, item, depth + 1, n1, n2))
            return true;
    }
    return false;
}

static bool budget_lines(Finder *f, const PtrVec *lines)
{
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *l = lines->items[i];
        if (unit(f, &l->amount.unit) || budget_lines(f, &l->parts))
            return true;
        if (leaf(f, HIT_BUDGET_NAME, l->name.span, l->name.text)) {
            f->hit.line = l;
            return true;
        }
    }
    return false;
}

static bool parts(Finder *f, const PtrVec *v)
{
    for (size_t i = 0; i < v->len; i++) {
        const Part *p = v->items[i];
        if (unit(f, &p->amount.unit) || parts(f, &p->parts))
            return true;
    }
    return false;
}

static bool lines(Finder *f, const Field *fd)
{
    for (size_t i = 0; i < fd->lines.len; i++) {
        if (fd->kind == FIELD_EXECUTION) {
            const ExecLine *l = fd->lines.items[i];
            if (unit(f, &l->spent.unit) || unit(f, &l->budget.unit))
                return true;
        } else if (fd->kind == FIELD_RESULTS) {
            const Result *r = fd->lines.items[i];
            if (unit(f, &r->unit) || allows(f, &r->allows))
                return true;
        }
    }
    return false;
}

static bool field(Finder *f, Field *fd)
{
    if (!within(f, fd->span))
        return false;
    if (fd->has_q && unit(f, &fd->q.unit))
        return true;
    switch (fd->kind) {
    case FIELD_DEPARTMENT:
        return leaf(f, HIT_DEPARTMENT, fd->text.span, fd->text.text);
    case FIELD_FRAMEWORK:
        return leaf(f, HIT_FRAMEWORK, fd->name.span, fd->name.text);
    case FIELD_ALLOW:
        return fd->allow && leaf(f, HIT_RULE, fd->allow->rule.span, fd->allow->rule.text);
    case FIELD_BUDGET:
    case FIELD_FUNDING:
        return budget_lines(f, &fd->lines);
    case FIELD_BREAKDOWN:
        return parts(f, &fd->lines);
    case FIELD_EXECUTION:
    case FIELD_RESULTS:
        return lines(f, fd);
    case FIELD_INDICATORS:
        return fd->root && tree(f, fd->root, 0, NULL, NULL);
    default:
        return false;
    }
}

static bool decl(Finder *f, const Decl *d)
{
    switch (d->kind) {
    case DECL_TABLE:
        if (!within(f, d->u.table->span))
            return false;
        f->hit.table = d->u.table;
        for (size_t i = 0; i < d->u.table->fields.len; i++)
            if (field(f, d->u.table->fields.items[i]))
                return true;
        return false;
    case DECL_UNIT:
        return leaf(f, HIT_UNIT, d->u.unit->symbol.span, d->u.unit->symbol.text)
               || leaf(f, HIT_UNIT, d->u.unit->base.span, d->u.unit->base.text);
    case DECL_VOCAB:
        return d->u.vocab->is_framework
               && leaf(f, HIT_FRAMEWORK, d->u.vocab->name.span, d->u.vocab->name.text);
    case DECL_SETTINGS:
        for (size_t i = 0; i < d->u.settings->items.len; i++) {
            const SettingItem *it = d->u.settings->items.items[i];
            if (rule_lookup(it->name.text ? it->name.text : "") != RULE_COUNT
                && leaf(f, HIT_RULE, it->name.span, it->name.text))
                return true;
        }
        return false;
    default:
        return false;
    }
}

static const AstFile *ast_of(const Program *p, uint32_t file)
{
    for (size_t i = 0; i < p->files.len; i++) {
        const AstFile *a = p->files.items[i];
        if (a->file == file)
            return a;
    }
    return NULL;
}

LspHit lsp_find(const Program *p, uint32_t file, uint32_t off)
{
    Finder f = {off, {0}};
    const AstFile *a = ast_of(p, file);
    for (size_t i = 0; a && i < a->decls.len; i++) {
        f.hit.table = NULL;
        if (decl(&f, a->decls.items[i]))
            return f.hit;
    }
    LspHit none = {0};
    none.table = lsp_table_at(p, file, off);
    return none;
}

Table *lsp_table_at(const Program *p, uint32_t file, uint32_t off)
{
    const AstFile *a = ast_of(p, file);
    for (size_t i = 0; a && i < a->decls.len; i++) {
        const Decl *d = a->decls.items[i];
        if (d->kind == DECL_TABLE && d->u.table->span.start <= off && off <= d->u.table->span.end)
            return d->u.table;
    }
    return NULL;
}
