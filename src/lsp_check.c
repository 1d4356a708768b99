/* lsp_check: one check of the whole workspace and its diagnostics. The
 * session is built as driver_compile builds it — the stdlib, then the
 * settings in force, then every table — but from the documents' texts
 * (an open document's buffer, a folder file's disk text), since
 * driver_check_loaded takes no settings file. Diagnostics are published
 * per document, and only when they changed or the document did: a
 * keystroke in one table need not resend the findings of fifty others. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "driver.h"
#include "lsp_internal.h"
#include "notify.h"
#include "prelude.h"
#include "settings.h"

/* Errors kept per check: the command line stops at 50, but an editor shows
 * every finding of the file being fixed; the cap only bounds a hostile
 * text's thousands of syntax errors. */
#define LSP_MAX_ERRORS 1000

/* Where ptlc's rule documents are installed (`make install` copies
 * docs/rules/RULE.md there), for codeDescription.href. */
#define LSP_RULE_DOCS "file:///usr/local/share/doc/ptlc/rules/"

/* ===== positions in the analysis ===== */

void lsp_analysis_free(LspAnalysis *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nfiles; i++)
        lsp_lines_free(&a->lines[i]);
    free(a->lines);
    free(a->docs);
    program_free(&a->prog);
    session_free(&a->s);
    free(a);
}

uint32_t lsp_file_of(const LspAnalysis *a, const LspDoc *doc)
{
    for (size_t i = 0; a && doc && i < a->nfiles; i++)
        if (a->docs[i] == doc)
            return (uint32_t)i;
    return UINT32_MAX;
}

static const LspLines *lines_of(LspAnalysis *a, uint32_t file)
{
    LspLines *l = &a->lines[file];
    if (l->n == 0) {
        const SourceFile *f = session_file(&a->s, file);
        lsp_lines_build(l, f->text, f->len);
    }
    return l;
}

LspPos lsp_pos_in(LspAnalysis *a, uint32_t file, uint32_t off, LspEncoding enc)
{
    const SourceFile *f = session_file(&a->s, file);
    return lsp_pos_of(lines_of(a, file), f->text, f->len, off, enc);
}

size_t lsp_offset_in(LspAnalysis *a, uint32_t file, LspPos p, LspEncoding enc)
{
    const SourceFile *f = session_file(&a->s, file);
    return lsp_offset_of(lines_of(a, file), f->text, f->len, p, enc);
}

static json_t *pos_json(LspPos p)
{
    json_t *j = json_object();
    json_object_set_new(j, "line", json_integer(p.line));
    json_object_set_new(j, "character", json_integer(p.ch));
    return j;
}

json_t *lsp_range_json(LspServer *srv, Span sp)
{
    json_t *r = json_object();
    json_object_set_new(r, "start", pos_json(lsp_pos_in(srv->an, sp.file, sp.start, srv->enc)));
    json_object_set_new(r, "end", pos_json(lsp_pos_in(srv->an, sp.file, sp.end, srv->enc)));
    return r;
}

json_t *lsp_location_json(LspServer *srv, Span sp)
{
    LspAnalysis *a = srv->an;
    if (!a || sp.file >= a->nfiles || !a->docs[sp.file])
        return NULL;
    json_t *loc = json_object();
    json_object_set_new(loc, "uri", lsp_jstr(a->docs[sp.file]->uri));
    json_object_set_new(loc, "range", lsp_range_json(srv, sp));
    return loc;
}

/* ===== diagnostics ===== */

static int severity(Severity sev)
{
    return sev == SEV_ERROR ? 1 : sev == SEV_WARNING ? 2 : 3;
}

json_t *lsp_diagnostic_json(LspServer *srv, const Diag *d)
{
    json_t *j = json_object(), *related = json_array();
    json_object_set_new(j, "range", lsp_range_json(srv, d->span));
    json_object_set_new(j, "severity", json_integer(severity(d->sev)));
    if (d->rule < RULE_COUNT) {
        const char *name = rule_info[d->rule].name;
        json_object_set_new(j, "code", lsp_jstr(name));
        char *href = arena_sprintf(&srv->an->s.arena, LSP_RULE_DOCS "%s.md", name);
        json_t *desc = json_object();
        json_object_set_new(desc, "href", lsp_jstr(href));
        json_object_set_new(j, "codeDescription", desc);
    }
    json_object_set_new(j, "source", lsp_jstr("ptlc"));
    StrBuf msg = STRBUF_INIT;
    strbuf_adds(&msg, d->msg);
    for (const Diag *n = d->notes; n; n = n->next_note) {
        json_t *loc = lsp_location_json(srv, n->span);
        if (!loc) {             /* a note with no place in a document: part of the message */
            strbuf_addc(&msg, '\n');
            strbuf_adds(&msg, n->msg);
            continue;
        }
        json_t *info = json_object();
        json_object_set_new(info, "location", loc);
        json_object_set_new(info, "message", lsp_jstr(n->msg));
        json_array_append_new(related, info);
    }
    json_object_set_new(j, "message", lsp_jstrn(msg.buf, msg.len));
    strbuf_release(&msg);
    if (json_array_size(related))
        json_object_set_new(j, "relatedInformation", related);
    else
        json_decref(related);
    return j;
}

static uint64_t hash_json(const json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT);
    uint64_t h = 14695981039346656037u;
    for (const char *c = text ? text : ""; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211u;
    free(text);
    return h ? h : 1;
}

static void publish(LspServer *srv, LspDoc *doc, json_t *list)
{
    uint64_t h = json_array_size(list) ? hash_json(list) : 0;
    if (h == doc->published && !doc->republish) {
        json_decref(list);
        return;
    }
    doc->published = h;
    doc->republish = false;
    json_t *p = json_object();
    json_object_set_new(p, "uri", lsp_jstr(doc->uri));
    if (doc->open)
        json_object_set_new(p, "version", json_integer(doc->version));
    json_object_set_new(p, "diagnostics", list);
    if (!lsp_send_notification(srv->out, "textDocument/publishDiagnostics", p))
        srv->output_failed = true;
}

void lsp_clear_published(LspServer *srv, LspDoc *doc)
{
    doc->republish = false;
    if (doc->published)
        publish(srv, doc, json_array());
}

static void publish_all(LspServer *srv)
{
    LspAnalysis *a = srv->an;
    json_t **lists = xcalloc(a->nfiles + 1, sizeof *lists);
    for (size_t i = 0; i < a->s.diags.len; i++) {
        const Diag *d = a->s.diags.items[i];
        if (d->span.file < a->nfiles && a->docs[d->span.file]) {
            json_t **l = &lists[d->span.file];
            if (!*l)
                *l = json_array();
            json_array_append_new(*l, lsp_diagnostic_json(srv, d));
        }
    }
    for (size_t i = 0; i < srv->docs.len; i++) {
        LspDoc *doc = srv->docs.items[i];
        uint32_t f = lsp_file_of(a, doc);
        json_t *list = f != UINT32_MAX && lists[f] ? lists[f] : json_array();
        if (f != UINT32_MAX)
            lists[f] = NULL;
        publish(srv, doc, list);
    }
    for (size_t i = 0; i < a->nfiles; i++)
        json_decref(lists[i]);
    free(lists);
}

/* ===== the check ===== */

/* The directory the settings are searched from: the first workspace
 * folder, else the first open document's. */
static const char *settings_dir(LspServer *srv, Arena *a)
{
    if (srv->nroots)
        return srv->roots[0];
    for (size_t i = 0; i < srv->docs.len; i++) {
        const char *p = srv->docs.items[i]->path;
        const char *slash = p ? strrchr(p, '/') : NULL;
        if (slash)
            return arena_strndup(a, p, (size_t)(slash - p + 1));
    }
    return NULL;
}

/* The document holding the ptlc.settings in force, its text current, or
 * NULL. From the disk, it is found as `ptlc check` finds it; without the
 * disk, an open ptlc.settings is the one. */
static LspDoc *settings_doc(LspServer *srv, Session *s)
{
    if (!srv->opt.use_disk) {
        for (size_t i = 0; i < srv->docs.len; i++)
            if (srv->docs.items[i]->is_settings && srv->docs.items[i]->open)
                return srv->docs.items[i];
        return NULL;
    }
    const char *dir = settings_dir(srv, &s->arena), *root = NULL;
    const char *path = dir ? settings_find(&s->arena, dir, &root) : NULL;
    if (!path)
        return NULL;
    LspDoc *doc = lsp_docs_find_path(&srv->docs, path);
    if (!doc)
        doc = lsp_docs_add_path(&srv->docs, path);
    bool ok = doc->open || lsp_doc_reload(doc, root, srv->lang, NULL);
    if (!ok && !srv->settings_unreadable && srv->log)    /* said once, not at every check */
        fprintf(srv->log, "ptlc lsp: %s cannot be read: checking without it\n", path);
    srv->settings_unreadable = !ok;
    return ok ? doc : NULL;
}

static uint32_t add_doc(LspAnalysis *a, PtrVec *docs, LspDoc *doc)
{
    uint32_t at = session_add_source(&a->s, doc->path ? doc->path : doc->uri, doc->text.buf,
                                     doc->text.len);
    while (docs->len < at)
        ptrvec_push(&a->s.arena, docs, NULL);
    ptrvec_push(&a->s.arena, docs, doc);
    return at;
}

static LspAnalysis *analyze(LspServer *srv)
{
    LspAnalysis *a = xcalloc(1, sizeof *a);
    session_init(&a->s);
    a->s.lang = srv->lang;
    a->s.max_errors = LSP_MAX_ERRORS;
    const char *err = NULL;
    if (!prelude_load(&a->s, srv->opt.stdlib_dir, &err)) {
        if (srv->log)
            fprintf(srv->log, "ptlc lsp: %s\n", err);
        return a;
    }
    size_t nstdlib = a->s.files.len;
    PtrVec docs = {0};
    uint32_t settings = UINT32_MAX;
    LspDoc *sd = settings_doc(srv, &a->s);
    if (sd)
        settings = add_doc(a, &docs, sd);
    for (size_t i = 0; i < srv->docs.len; i++) {
        LspDoc *doc = srv->docs.items[i];
        if (!doc->is_settings && (doc->open || doc->in_folder))
            add_doc(a, &docs, doc);
    }
    driver_run_checks(&a->s, &a->prog, nstdlib, settings);
    diag_sort(&a->s);
    a->nfiles = a->s.files.len;
    a->docs = xcalloc(a->nfiles, sizeof *a->docs);
    if (docs.len)
        memcpy(a->docs, docs.items, docs.len * sizeof *a->docs);
    a->lines = xcalloc(a->nfiles, sizeof *a->lines);
    a->ok = true;
    return a;
}

/* What the run itself had to say (a settings file not read, say) goes to
 * the log when it differs from the last check's. */
static void log_notifications(LspServer *srv)
{
    StrBuf sb = STRBUF_INIT;
    notify_render_human(&srv->an->s, &sb, (RenderOptions){false, COLUMN_CODEPOINT});
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < sb.len; i++)
        h = (h ^ (unsigned char)sb.buf[i]) * 1099511628211u;
    if (h != srv->notified && srv->log)
        fputs(strbuf_cstr(&sb), srv->log);
    srv->notified = h;
    strbuf_release(&sb);
}

void lsp_check_and_publish(LspServer *srv)
{
    lsp_analysis_free(srv->an);
    srv->an = analyze(srv);
    srv->dirty = false;
    if (!srv->an->ok)
        return;
    log_notifications(srv);
    publish_all(srv);
}

void lsp_ensure_checked(LspServer *srv)
{
    if (srv->dirty || !srv->an)
        lsp_check_and_publish(srv);
}
