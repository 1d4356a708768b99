/* lsp_edit: the methods that change the text. textDocument/formatting is
 * fmt_file over the buffer, one edit replacing the whole document (fmt
 * has one layout for a file, so there is nothing to gain from a diff),
 * and none when the buffer has syntax errors. textDocument/codeAction
 * offers, for each diagnostic in the range that carries certain fixes
 * (DiagFix, what `ptlc fix` applies), one quickfix applying them, and,
 * asked for by kind, a source.fixAll applying every fix of the file. */
#include <string.h>

#include "fix.h"
#include "fmt.h"
#include "lsp_internal.h"
#include "safetext.h"

static json_t *text_edit(json_t *range, const char *text, size_t len)
{
    json_t *e = json_object();
    json_object_set_new(e, "range", range);
    json_object_set_new(e, "newText", lsp_jstrn(text, len));
    return e;
}

/* True when text can be sent as a JSON string as itself: UTF-8, and no
 * NUL byte (valid JSON as \u0000, but not in what many clients read from
 * one). */
static bool travels(const StrBuf *text)
{
    if (text->len && memchr(text->buf, '\0', text->len))
        return false;
    json_t *probe = json_stringn(text->len ? text->buf : "", text->len);
    json_decref(probe);
    return probe != NULL;
}

/* One edit replacing the whole of text (len bytes) with now. */
static json_t *whole_text_edit(LspServer *srv, const char *text, size_t len, const StrBuf *now)
{
    LspLines lines;
    lsp_lines_build(&lines, text, len);
    LspPos end = lsp_pos_of(&lines, text, len, len, srv->enc);
    lsp_lines_free(&lines);
    json_t *range = json_pack("{s:{s:i,s:i},s:{s:I,s:I}}", "start", "line", 0, "character", 0,
                              "end", "line", (json_int_t)end.line, "character", (json_int_t)end.ch);
    return text_edit(range, now->len ? now->buf : "", now->len);
}

json_t *lsp_formatting(LspServer *srv, json_t *params, LspFail *fail)
{
    LspDoc *doc;
    uint32_t file;
    if (!lsp_param_doc(srv, params, &doc, &file, fail) || !doc)
        return NULL;
    Session s;
    session_init(&s);
    s.lang = srv->lang;
    uint32_t id = session_add_source(&s, doc->path ? doc->path : doc->uri, doc->text.buf,
                                     doc->text.len);
    FmtOptions opt = {FMT_KEYWORDS_KEEP};
    StrBuf out = STRBUF_INIT;
    FmtStatus st = fmt_file(&s, id, &opt, &out);
    session_free(&s);
    json_t *result = NULL;
    if (st == FMT_OK && travels(&out)) {
        result = json_array();
        if (out.len != doc->text.len || memcmp(out.buf, doc->text.buf, out.len) != 0)
            json_array_append_new(result, whole_text_edit(srv, doc->text.buf, doc->text.len, &out));
    }
    strbuf_release(&out);
    return result;
}

/* ===== code actions ===== */

/* The line-local stretch d's fixes change, before and after: a fix of one
 * edit is that edit; a fix of several (“公用经费” made "公用经费": two
 * quotes) is the text from the first edit to the last with all of them
 * applied. False when the edits are in other files, overlap or cross a
 * line, where no short title can show them. */
static bool fix_region(const SourceFile *f, const DiagFix *fixes, StrBuf *old, StrBuf *now)
{
    uint32_t lo = UINT32_MAX, hi = 0;
    size_t n = 0;
    for (const DiagFix *x = fixes; x; x = x->next, n++) {
        if (x->span.file != fixes->span.file || x->span.end > f->len || x->span.start > x->span.end)
            return false;
        lo = x->span.start < lo ? x->span.start : lo;
        hi = x->span.end > hi ? x->span.end : hi;
    }
    if (n > 8 || memchr(f->text + lo, '\n', hi - lo))
        return false;
    const DiagFix *order[8];
    n = 0;
    for (const DiagFix *x = fixes; x; x = x->next) {  /* insertion sort: a handful at most */
        size_t k = n++;
        while (k && order[k - 1]->span.start > x->span.start)
            order[k] = order[k - 1], k--;
        order[k] = x;
    }
    uint32_t at = lo;
    for (size_t i = 0; i < n; i++) {
        if (order[i]->span.start < at)
            return false;
        strbuf_add(now, f->text + at, order[i]->span.start - at);
        strbuf_adds(now, order[i]->text);
        at = order[i]->span.end;
    }
    strbuf_add(now, f->text + at, hi - at);
    strbuf_add(old, f->text + lo, hi - lo);
    return true;
}

/* "Replace '万人次次' with '万人次'", or Delete, Insert; each text shown at
 * most 30 characters long. */
static char *title(LspServer *srv, const Diag *d)
{
    Arena *a = &srv->an->s.arena;
    const SourceFile *f = session_file(&srv->an->s, d->fixes->span.file);
    StrBuf raw_old = STRBUF_INIT, raw_now = STRBUF_INIT;
    if (!f || !fix_region(f, d->fixes, &raw_old, &raw_now)) {
        strbuf_release(&raw_old);
        strbuf_release(&raw_now);
        return arena_sprintf(a, "%s", lsp_text(srv->lang, LT_APPLY_FIXES));
    }
    StrBuf old = STRBUF_INIT, now = STRBUF_INIT;
    safe_append_bounded(&old, raw_old.buf ? raw_old.buf : "", raw_old.len, 30);
    safe_append_bounded(&now, raw_now.buf ? raw_now.buf : "", raw_now.len, 30);
    char *t = !old.len ? arena_sprintf(a, lsp_text(srv->lang, LT_INSERT), strbuf_cstr(&now))
              : !now.len ? arena_sprintf(a, lsp_text(srv->lang, LT_DELETE), strbuf_cstr(&old))
                         : arena_sprintf(a, lsp_text(srv->lang, LT_REPLACE), strbuf_cstr(&old),
                                         strbuf_cstr(&now));
    strbuf_release(&raw_old);
    strbuf_release(&raw_now);
    strbuf_release(&old);
    strbuf_release(&now);
    return t;
}

/* {"changes": {uri: [TextEdit …]}} of d's fixes, each in its document. */
static json_t *workspace_edit(LspServer *srv, const Diag *d)
{
    json_t *changes = json_object();
    for (const DiagFix *x = d->fixes; x; x = x->next) {
        json_t *loc = lsp_location_json(srv, x->span);
        if (!loc)
            continue;
        const char *uri = json_string_value(json_object_get(loc, "uri"));
        json_t *edits = json_object_get(changes, uri);
        if (!edits) {
            edits = json_array();
            json_object_set_new(changes, uri, edits);
        }
        json_t *range = json_object_get(loc, "range");
        json_incref(range);
        json_array_append_new(edits, text_edit(range, x->text, strlen(x->text)));
        json_decref(loc);
    }
    json_t *edit = json_object();
    json_object_set_new(edit, "changes", changes);
    return edit;
}

/* True when context.only asks for actions of kind: absent, it asks for
 * all; a kind asked for takes in its sub-kinds (source takes in
 * source.fixAll). */
static bool wants(json_t *params, const char *kind)
{
    json_t *only = json_object_get(json_object_get(params, "context"), "only");
    if (!json_is_array(only))
        return true;
    for (size_t i = 0; i < json_array_size(only); i++) {
        const char *k = json_string_value(json_array_get(only, i));
        size_t n = k ? strlen(k) : 0;
        if (k && (n == 0 || (strncmp(kind, k, n) == 0 && (kind[n] == '\0' || kind[n] == '.'))))
            return true;
    }
    return false;
}

/* Every fix of the file at once, as `ptlc fix` applies them (an editor's
 * fix-on-save): one edit of the whole text. Only when asked for by kind,
 * so that it never crowds a quick-fix menu. */
static json_t *fix_all(LspServer *srv, uint32_t file, const char *uri, json_t *params)
{
    json_t *only = json_object_get(json_object_get(params, "context"), "only");
    const SourceFile *f = session_file(&srv->an->s, file);
    if (!json_is_array(only) || !wants(params, "source.fixAll") || !f || !uri)
        return NULL;
    StrBuf out = STRBUF_INIT;
    json_t *act = NULL;
    /* a text that cannot travel (a NUL byte) gets no whole-text edit, as it
     * gets no formatting; its quick fixes stay */
    if (fix_apply(&srv->an->s, file, &out) && travels(&out)) {
        json_t *edits = json_array();
        json_array_append_new(edits, whole_text_edit(srv, f->text, f->len, &out));
        act = json_pack("{s:s, s:s, s:{s:{s:o}}}", "title", lsp_text(srv->lang, LT_FIX_ALL),
                        "kind", "source.fixAll", "edit", "changes", uri, edits);
    }
    strbuf_release(&out);
    return act;
}

json_t *lsp_code_action(LspServer *srv, json_t *params, LspFail *fail)
{
    LspDoc *doc;
    uint32_t file;
    LspPos start, end;
    json_t *range = json_object_get(params, "range");
    if (!lsp_param_doc(srv, params, &doc, &file, fail) || !lsp_param_pos(range, "start", &start, fail)
        || !lsp_param_pos(range, "end", &end, fail))
        return NULL;
    json_t *list = json_array();
    if (file == UINT32_MAX)
        return list;
    size_t a = lsp_offset_in(srv->an, file, start, srv->enc);
    size_t b = lsp_offset_in(srv->an, file, end, srv->enc);
    if (b < a) {
        size_t t = a;
        a = b, b = t;
    }
    for (size_t i = 0; wants(params, "quickfix") && i < srv->an->s.diags.len; i++) {
        const Diag *d = srv->an->s.diags.items[i];
        if (d->span.file != file || !d->fixes || d->span.start > b || d->span.end < a)
            continue;
        json_t *act = json_object(), *diags = json_array();
        json_object_set_new(act, "title", lsp_jstr(title(srv, d)));
        json_object_set_new(act, "kind", lsp_jstr("quickfix"));
        json_array_append_new(diags, lsp_diagnostic_json(srv, d));
        json_object_set_new(act, "diagnostics", diags);
        json_object_set_new(act, "isPreferred", json_true());
        json_object_set_new(act, "edit", workspace_edit(srv, d));
        json_array_append_new(list, act);
    }
    json_t *all = fix_all(srv, file, json_string_value(json_object_get(
                              json_object_get(params, "textDocument"), "uri")), params);
    if (all)
        json_array_append_new(list, all);
    return list;
}
