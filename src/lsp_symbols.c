/* lsp_symbols: textDocument/documentSymbol (tables › categories ›
 * indicators, the declarations beside them) and textDocument/definition
 * (a department a project names, a unit, a framework, a category of a
 * user's framework → where it is declared). A declaration in the stdlib
 * has no file an editor can open, so it is no definition. */
#include <string.h>

#include "check.h"
#include "lsp_find.h"
#include "lsp_internal.h"

enum { SK_MODULE = 2, SK_NAMESPACE = 3, SK_ENUM = 10, SK_CONSTANT = 14, SK_FIELD = 8 };

/* A DocumentSymbol; selection must lie within range (an empty or missing
 * one is the range's start), and a name may not be empty. */
static json_t *symbol(LspServer *srv, const char *name, const char *detail, int kind, Span range,
                      Span selection)
{
    if (selection.end <= selection.start || selection.start < range.start || selection.end > range.end)
        selection = (Span){range.file, range.start, range.start};
    json_t *j = json_object();
    json_object_set_new(j, "name", lsp_jstr(name && *name ? name : "?"));
    if (detail && *detail)
        json_object_set_new(j, "detail", lsp_jstr(detail));
    json_object_set_new(j, "kind", json_integer(kind));
    json_object_set_new(j, "range", lsp_range_json(srv, range));
    json_object_set_new(j, "selectionRange", lsp_range_json(srv, selection));
    json_object_set_new(j, "children", json_array());
    return j;
}

static void add_child(json_t *parent, json_t *child)
{
    json_array_append_new(json_object_get(parent, "children"), child);
}

static char *target_text(Arena *a, const Indicator *ind)
{
    const Value *v = &ind->value;
    const char *value = v->kind == VAL_NUMBER || v->kind == VAL_RANGE ? v->lo.text
                        : v->kind == VAL_TEXT || v->kind == VAL_WORD ? v->text.text
                        : v->kind == VAL_DATE || v->kind == VAL_DATES ? v->date.text
                                                                      : "";
    return arena_sprintf(a, "%s %s%s%s", op_symbol(ind->op), value ? value : "",
                         ind->unit.text ? " " : "", ind->unit.text ? ind->unit.text : "");
}

static void tree(LspServer *srv, json_t *parent, const Category *c)
{
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_INDICATOR) {
            const Indicator *ind = (const Indicator *)item;
            add_child(parent, symbol(srv, ind->name.text, target_text(&srv->an->s.arena, ind),
                                     SK_FIELD, ind->span, ind->name.span));
            continue;
        }
        json_t *s = symbol(srv, item->name.text, lsp_text(srv->lang, LT_CATEGORY), SK_NAMESPACE,
                           item->span, item->name.span);
        tree(srv, s, item);
        add_child(parent, s);
    }
}

static json_t *table(LspServer *srv, const Table *t)
{
    json_t *s = symbol(srv, t->name.text, check_kind_name(&srv->an->prog, t->kind), SK_MODULE,
                       t->span, t->name.span);
    for (size_t i = 0; i < t->fields.len; i++) {
        const Field *f = t->fields.items[i];
        if (f->kind != FIELD_INDICATORS || !f->root)
            continue;
        json_t *into = s;
        if (f->name.text) {     /* a tree of its own period (indicators 中期 { }) */
            into = symbol(srv, f->name.text, NULL, SK_NAMESPACE, f->span, f->name.span);
            add_child(s, into);
        }
        tree(srv, into, f->root);
    }
    return s;
}

json_t *lsp_document_symbol(LspServer *srv, json_t *params, LspFail *fail)
{
    LspDoc *doc;
    uint32_t file;
    if (!lsp_param_doc(srv, params, &doc, &file, fail) || file == UINT32_MAX)
        return NULL;
    const AstFile *a = NULL;
    for (size_t i = 0; i < srv->an->prog.files.len && !a; i++)
        if (((const AstFile *)srv->an->prog.files.items[i])->file == file)
            a = srv->an->prog.files.items[i];
    json_t *list = json_array();
    for (size_t i = 0; a && i < a->decls.len; i++) {
        const Decl *d = a->decls.items[i];
        if (d->kind == DECL_TABLE)
            json_array_append_new(list, table(srv, d->u.table));
        else if (d->kind == DECL_UNIT)
            json_array_append_new(list, symbol(srv, d->u.unit->symbol.text,
                                               lsp_text(srv->lang, LT_UNIT), SK_CONSTANT,
                                               d->u.unit->span, d->u.unit->symbol.span));
        else if (d->kind == DECL_VOCAB)
            json_array_append_new(list, symbol(srv, d->u.vocab->name.text,
                                               d->u.vocab->label.text, SK_ENUM, d->u.vocab->span,
                                               d->u.vocab->name.span));
    }
    return list;
}

/* ===== definition ===== */

static void add_location(LspServer *srv, json_t *list, Span sp)
{
    json_t *loc = lsp_location_json(srv, sp);
    if (loc)
        json_array_append_new(list, loc);
}

static void departments(LspServer *srv, json_t *list, const char *name)
{
    const PtrVec *tables = &srv->an->prog.tables;
    for (size_t i = 0; i < tables->len; i++) {
        const Table *t = tables->items[i];
        if (t->kind == TABLE_DEPARTMENT && t->name.text && strcmp(t->name.text, name) == 0)
            add_location(srv, list, t->name.span);
    }
}

/* Where a category of the table's framework is declared (a user's
 * framework; the stdlib's has no file). */
static void category(LspServer *srv, json_t *list, const LspHit *h)
{
    Program *p = &srv->an->prog;
    const Vocabulary *v = h->table && h->table->framework ? h->table->framework : p->default_framework;
    const char *canon = v ? vocab_canonical_folded(p, v, h->cat->name.text) : NULL;
    for (size_t i = 0; canon && v->decl && i < v->decl->items.len; i++) {
        const VocabItem *g = v->decl->items.items[i];
        if (g->name.text == canon)
            add_location(srv, list, g->name.span);
        for (size_t k = 0; g->kind == VOCAB_GROUP && k < g->items.len; k++) {
            const VocabItem *c = g->items.items[k];
            if (c->kind != VOCAB_ALIAS && c->name.text == canon)
                add_location(srv, list, c->name.span);
        }
    }
}

json_t *lsp_definition(LspServer *srv, json_t *params, LspFail *fail)
{
    uint32_t file;
    size_t at;
    if (!lsp_param_at(srv, params, &file, &at, fail))
        return NULL;
    Program *p = &srv->an->prog;
    uint32_t off = (uint32_t)at;
    LspHit h = lsp_find(p, file, off);
    json_t *list = json_array();
    const UnitDef *u;
    const Vocabulary *v;
    if (h.kind == HIT_DEPARTMENT)
        departments(srv, list, h.name);
    else if (h.kind == HIT_UNIT && (u = program_unit(p, h.name)) && u->dim)
        add_location(srv, list, u->span);
    else if (h.kind == HIT_FRAMEWORK && (v = ptrmap_get(&p->frameworks, h.name)) && v->decl)
        add_location(srv, list, v->decl->name.span);
    else if (h.kind == HIT_CATEGORY)
        category(srv, list, &h);
    if (json_array_size(list) == 0) {
        json_decref(list);
        return NULL;
    }
    return list;
}
