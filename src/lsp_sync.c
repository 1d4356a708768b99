/* lsp_sync: the documents kept as the editor has them. didOpen takes the
 * buffer (a folder file's disk text gives way to it), didChange applies
 * each change in order — a whole text, or a range in the negotiated
 * position encoding — didClose gives a folder file its disk text back and
 * forgets any other, and a watched .ptl of a folder that was created,
 * changed or deleted is read again or forgotten. Every one of them marks
 * the server dirty: the check runs once the input is drained. */
#define _XOPEN_SOURCE 700     /* realpath */
#include <stdlib.h>
#include <string.h>

#include "lsp_internal.h"

/* A change to the set of documents: the analysis may point at a document
 * that is gone, so it goes too. */
static void forget_analysis(LspServer *srv)
{
    lsp_analysis_free(srv->an);
    srv->an = NULL;
    srv->dirty = true;
}

static LspDoc *doc_of(LspServer *srv, json_t *params)
{
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    return uri ? lsp_docs_find(&srv->docs, uri) : NULL;
}

/* The folder document an opened file is, when the client names it by
 * another path than the walk found (through a symbolic link). */
static LspDoc *find_real(LspServer *srv, const char *uri)
{
    char *path = srv->opt.use_disk ? lsp_uri_to_path(uri) : NULL;
    char *real = path ? realpath(path, NULL) : NULL;
    LspDoc *doc = real ? lsp_docs_find_path(&srv->docs, real) : NULL;
    free(real);
    free(path);
    return doc;
}

void lsp_did_open(LspServer *srv, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    json_t *uri = json_object_get(td, "uri"), *text = json_object_get(td, "text");
    if (!json_is_string(uri) || !json_is_string(text))
        return;
    LspDoc *doc = lsp_docs_find(&srv->docs, json_string_value(uri));
    if (!doc)
        doc = find_real(srv, json_string_value(uri));
    if (!doc) {
        doc = lsp_docs_add(&srv->docs, json_string_value(uri));
        forget_analysis(srv);
    } else if (strcmp(doc->uri, json_string_value(uri)) != 0) {
        lsp_doc_set_uri(doc, json_string_value(uri));  /* published as the client spells it */
    }
    LspPos none = {0, 0};
    lsp_doc_edit(doc, true, none, none, json_string_value(text), json_string_length(text), srv->enc);
    doc->open = true;
    doc->version = json_integer_value(json_object_get(td, "version"));
    doc->republish = true;
    srv->dirty = true;
}

void lsp_did_change(LspServer *srv, json_t *params)
{
    LspDoc *doc = doc_of(srv, params);
    json_t *changes = json_object_get(params, "contentChanges");
    if (!doc || !doc->open)
        return;
    for (size_t i = 0; i < json_array_size(changes); i++) {
        json_t *c = json_array_get(changes, i), *text = json_object_get(c, "text");
        json_t *range = json_object_get(c, "range");
        LspPos a = {0, 0}, b = {0, 0};
        LspFail fail;
        if (!json_is_string(text) || (range && (!lsp_param_pos(range, "start", &a, &fail)
                                                || !lsp_param_pos(range, "end", &b, &fail))))
            continue;
        if (!lsp_doc_edit(doc, !range, a, b, json_string_value(text), json_string_length(text),
                          srv->enc) && srv->log)
            fprintf(srv->log, "ptlc lsp: %s: a change would make it too large; ignored\n", doc->uri);
    }
    json_t *version = json_object_get(json_object_get(params, "textDocument"), "version");
    if (json_is_integer(version))
        doc->version = json_integer_value(version);
    doc->republish = true;
    srv->dirty = true;
}

static const char *root_of(const LspServer *srv, const char *path)
{
    for (size_t i = 0; path && i < srv->nroots; i++) {
        size_t n = strlen(srv->roots[i]);
        if (strncmp(path, srv->roots[i], n) == 0 && path[n] == '/')
            return srv->roots[i];
    }
    return NULL;
}

/* A closed folder document is the disk's again; any other is forgotten. */
void lsp_did_close(LspServer *srv, json_t *params)
{
    LspDoc *doc = doc_of(srv, params);
    if (!doc || !doc->open)
        return;
    doc->open = false;
    srv->dirty = true;
    doc->republish = true;
    if (doc->in_folder && lsp_doc_reload(doc, root_of(srv, doc->path), srv->lang, srv->log))
        return;
    lsp_clear_published(srv, doc);
    forget_analysis(srv);
    lsp_docs_remove(&srv->docs, doc);
}

/* A .ptl of a folder created, changed (type 1, 2: read again unless the
 * editor has it open) or deleted (3). */
static void watched(LspServer *srv, const char *path, json_int_t type)
{
    const char *root = root_of(srv, path);
    size_t n = strlen(path);
    LspDoc *doc = lsp_docs_find_path(&srv->docs, path);
    if (!root || n < 4 || strcmp(path + n - 4, ".ptl") != 0 || (doc && doc->open))
        return;
    if (type != 3 && !doc)
        doc = lsp_docs_add_path(&srv->docs, path);
    if (type != 3 && lsp_doc_reload(doc, root, srv->lang, srv->log)) {
        doc->in_folder = true;
        return;
    }
    if (doc) {
        lsp_clear_published(srv, doc);
        forget_analysis(srv);
        lsp_docs_remove(&srv->docs, doc);
    }
}

void lsp_did_change_watched(LspServer *srv, json_t *params)
{
    json_t *changes = json_object_get(params, "changes");
    for (size_t i = 0; i < json_array_size(changes); i++) {
        json_t *c = json_array_get(changes, i);
        const char *uri = json_string_value(json_object_get(c, "uri"));
        char *path = uri ? lsp_uri_to_path(uri) : NULL;
        if (path)
            watched(srv, path, json_integer_value(json_object_get(c, "type")));
        free(path);
        srv->dirty = true;      /* a ptlc.settings is read again at each check */
    }
}
