/* lsp_docs: a plain array of documents, searched linearly: a workspace
 * holds tens of tables, and every search is dwarfed by the check that
 * follows it. Files are read through fs.h in a scratch session, so a
 * folder is walked and decoded (GB18030, UTF-16) exactly as `ptlc check`
 * walks and decodes it. */
#include "lsp_docs.h"

#include <stdlib.h>
#include <string.h>

#include "fs.h"
#include "notify.h"
#include "session.h"

static bool is_settings_path(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash && strcmp(slash + 1, "ptlc.settings") == 0;
}

LspDoc *lsp_docs_find_path(const LspDocs *d, const char *path)
{
    for (size_t i = 0; path && i < d->len; i++)
        if (d->items[i]->path && strcmp(d->items[i]->path, path) == 0)
            return d->items[i];
    return NULL;
}

LspDoc *lsp_docs_find(const LspDocs *d, const char *uri)
{
    char *path = lsp_uri_to_path(uri);
    LspDoc *found = lsp_docs_find_path(d, path);
    free(path);
    for (size_t i = 0; !found && i < d->len; i++)
        if (strcmp(d->items[i]->uri, uri) == 0)
            found = d->items[i];
    return found;
}

static LspDoc *add(LspDocs *d, char *uri, char *path)
{
    if (d->len == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 16;
        d->items = xrealloc(d->items, d->cap * sizeof *d->items);
    }
    LspDoc *doc = xcalloc(1, sizeof *doc);
    doc->uri = uri;
    doc->path = path;
    doc->is_settings = is_settings_path(path);
    strbuf_adds(&doc->text, "");
    d->items[d->len++] = doc;
    return doc;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

LspDoc *lsp_docs_add(LspDocs *d, const char *uri)
{
    return add(d, dup(uri), lsp_uri_to_path(uri));
}

LspDoc *lsp_docs_add_path(LspDocs *d, const char *path)
{
    return add(d, lsp_path_to_uri(path), dup(path));
}

void lsp_doc_set_uri(LspDoc *doc, const char *uri)
{
    free(doc->uri);
    doc->uri = dup(uri);
}

static void doc_free(LspDoc *doc)
{
    free(doc->uri);
    free(doc->path);
    strbuf_release(&doc->text);
    free(doc);
}

void lsp_docs_remove(LspDocs *d, LspDoc *doc)
{
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i] == doc) {
            memmove(d->items + i, d->items + i + 1, (d->len - i - 1) * sizeof *d->items);
            d->len--;
            doc_free(doc);
            return;
        }
}

void lsp_docs_free(LspDocs *d)
{
    for (size_t i = 0; i < d->len; i++)
        doc_free(d->items[i]);
    free(d->items);
    memset(d, 0, sizeof *d);
}

bool lsp_doc_edit(LspDoc *doc, bool whole, LspPos start, LspPos end, const char *text,
                  size_t len, LspEncoding enc)
{
    StrBuf *t = &doc->text;
    size_t a = 0, b = t->len;
    if (!whole) {
        LspLines lines;
        lsp_lines_build(&lines, t->buf, t->len);
        a = lsp_offset_of(&lines, t->buf, t->len, start, enc);
        b = lsp_offset_of(&lines, t->buf, t->len, end, enc);
        lsp_lines_free(&lines);
        if (b < a) {            /* a reversed range: the text between its ends */
            size_t x = a;
            a = b, b = x;
        }
    }
    if (t->len - (b - a) + len > SOURCE_MAX_BYTES)
        return false;
    if (len > b - a)
        strbuf_grow(t, len - (b - a));
    memmove(t->buf + a + len, t->buf + b, t->len - b);
    if (len)
        memcpy(t->buf + a, text, len);
    t->len = t->len - (b - a) + len;
    t->buf[t->len] = '\0';
    return true;
}

/* ===== reading files ===== */

static void log_notifications(const Session *s, FILE *log)
{
    if (!log || !s->notifications.len)
        return;
    StrBuf sb = STRBUF_INIT;
    notify_render_human(s, &sb, (RenderOptions){false, COLUMN_CODEPOINT});
    fputs(strbuf_cstr(&sb), log);
    strbuf_release(&sb);
}

static void set_text(LspDoc *doc, const SourceFile *f)
{
    strbuf_reset(&doc->text);
    strbuf_add(&doc->text, f->text, f->len);
}

size_t lsp_docs_read_folder(LspDocs *d, const char *root, size_t max_files, Lang lang, FILE *log)
{
    Session s;
    session_init(&s);
    s.lang = lang;
    PtrVec inputs = {0};
    fs_collect_inputs(&s, &root, 1, &inputs);
    size_t nread = 0;
    for (size_t i = 0; i < inputs.len && nread < max_files; i++) {
        uint32_t at = (uint32_t)s.files.len;
        if (!fs_read_source(&s, inputs.items[i]))
            continue;
        const SourceFile *f = session_file(&s, at);
        LspDoc *doc = lsp_docs_find_path(d, f->path);
        if (!doc)
            doc = lsp_docs_add_path(d, f->path);
        doc->in_folder = true;
        if (!doc->open)
            set_text(doc, f);
        nread++;
    }
    if (log && inputs.len > max_files)
        fprintf(log, "ptlc lsp: %s: only the first %zu of %zu tables are read\n", root,
                max_files, inputs.len);
    log_notifications(&s, log);
    session_free(&s);
    return nread;
}

bool lsp_doc_reload(LspDoc *doc, const char *root, Lang lang, FILE *log)
{
    if (!doc->path || !root)
        return false;
    Session s;
    session_init(&s);
    s.lang = lang;
    FsInput *in = fs_contained_file(&s, doc->path, root);
    bool ok = in && fs_read_source(&s, in);
    if (ok)
        set_text(doc, session_file(&s, (uint32_t)s.files.len - 1));
    log_notifications(&s, log);
    session_free(&s);
    return ok;
}
