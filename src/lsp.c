/* lsp: the server's loop and its lifecycle. Each message is parsed by
 * jansson and dispatched by method; a request always gets one response
 * (a result or an error), a notification none. Malformed input is
 * answered, never fatal: a header without a length, a body that is not
 * JSON or not an object, a method the server does not have, params of the
 * wrong type — each gets its JSON-RPC error and the next message is read.
 * A check runs when a document changed and no further message is already
 * waiting, so a burst of keystrokes costs one check, not one per key; a
 * request that reads the analysis checks first if it is stale. */
#define _XOPEN_SOURCE 700     /* realpath */
#include "lsp.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_internal.h"

/* Tables read from a workspace folder at most: a folder opened by mistake
 * ($HOME) must not stall the editor. */
#define LSP_FOLDER_FILES_MAX 2000

const char lsp_help_text[] = N_(
    "usage: ptlc lsp [--stdio] [--stdlib DIR]\n"
    "\n"
    "Runs a language server (LSP 3.17) for editors, on standard input and\n"
    "output. It checks the open tables together with every .ptl of the\n"
    "workspace folder, with its ptlc.settings, as 'ptlc check DIR' does, and\n"
    "shows the diagnostics as the editor's; it answers hover, completion,\n"
    "formatting (as 'ptlc fmt'), outline, go to definition and quick fixes\n"
    "(as 'ptlc fix'). Messages are in the editor's language (its locale zh*:\n"
    "Chinese). Logs go to standard error.\n"
    "\n"
    "options:\n"
    "  --stdio                 talk on standard input and output (the default;\n"
    "                          editors' clients pass it)\n"
    "  --stdlib DIR            read the stdlib from DIR instead of the built-in copy\n");

/* ===== params ===== */

bool lsp_param_doc(LspServer *srv, json_t *params, LspDoc **doc, uint32_t *file, LspFail *fail)
{
    json_t *uri = json_object_get(json_object_get(params, "textDocument"), "uri");
    if (!json_is_string(uri)) {
        *fail = (LspFail){LSP_INVALID_PARAMS, "textDocument.uri must be a string"};
        return false;
    }
    *doc = lsp_docs_find(&srv->docs, json_string_value(uri));
    *file = lsp_file_of(srv->an, *doc);
    return true;
}

static uint32_t clamp_u32(json_int_t v)
{
    return v < 0 ? 0 : v > (json_int_t)UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

bool lsp_param_pos(json_t *obj, const char *key, LspPos *p, LspFail *fail)
{
    json_t *pos = json_object_get(obj, key);
    json_t *line = json_object_get(pos, "line"), *ch = json_object_get(pos, "character");
    if (!json_is_integer(line) || !json_is_integer(ch)) {
        *fail = (LspFail){LSP_INVALID_PARAMS, "a position needs integer line and character"};
        return false;
    }
    *p = (LspPos){clamp_u32(json_integer_value(line)), clamp_u32(json_integer_value(ch))};
    return true;
}

bool lsp_param_at(LspServer *srv, json_t *params, uint32_t *file, size_t *off, LspFail *fail)
{
    LspDoc *doc;
    LspPos pos;
    if (!lsp_param_doc(srv, params, &doc, file, fail) || !lsp_param_pos(params, "position", &pos, fail)
        || *file == UINT32_MAX)
        return false;
    *off = lsp_offset_in(srv->an, *file, pos, srv->enc);
    return true;
}

/* ===== initialize ===== */

static bool offers(json_t *list, const char *what)
{
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *s = json_string_value(json_array_get(list, i));
        if (s && strcmp(s, what) == 0)
            return true;
    }
    return false;
}

static void add_root(LspServer *srv, const char *uri)
{
    char *path = uri ? lsp_uri_to_path(uri) : NULL;
    char *real = path && srv->opt.use_disk ? realpath(path, NULL) : NULL;
    free(path);
    if (!real)
        return;
    srv->roots = xrealloc(srv->roots, (srv->nroots + 1) * sizeof *srv->roots);
    srv->roots[srv->nroots++] = real;
}

/* workspaceFolders, else rootUri, else the deprecated rootPath. */
static void read_roots(LspServer *srv, json_t *params)
{
    json_t *folders = json_object_get(params, "workspaceFolders");
    for (size_t i = 0; i < json_array_size(folders); i++)
        add_root(srv, json_string_value(json_object_get(json_array_get(folders, i), "uri")));
    const char *root_uri = json_string_value(json_object_get(params, "rootUri"));
    const char *root_path = json_string_value(json_object_get(params, "rootPath"));
    if (!srv->nroots && root_uri)
        add_root(srv, root_uri);
    if (!srv->nroots && root_path && root_path[0] == '/') {
        char *uri = lsp_path_to_uri(root_path);
        add_root(srv, uri);
        free(uri);
    }
    for (size_t i = 0; i < srv->nroots; i++) {
        size_t n = lsp_docs_read_folder(&srv->docs, srv->roots[i], LSP_FOLDER_FILES_MAX, srv->lang,
                                        srv->log);
        if (srv->log)
            fprintf(srv->log, "ptlc lsp: %zu tables in %s\n", n, srv->roots[i]);
    }
}

static json_t *capabilities(const LspServer *srv)
{
    return json_pack("{s:s, s:{s:b, s:i, s:{s:b}}, s:b, s:{s:[s], s:b}, s:b, s:b, s:b,"
                     " s:{s:[s,s]}, s:{s:{s:b}}}",
                     "positionEncoding", srv->enc == LSP_UTF8 ? "utf-8" : "utf-16",
                     "textDocumentSync", "openClose", 1, "change", 2, "save", "includeText", 0,
                     "hoverProvider", 1,
                     "completionProvider", "triggerCharacters", " ", "resolveProvider", 0,
                     "documentFormattingProvider", 1, "documentSymbolProvider", 1,
                     "definitionProvider", 1,
                     "codeActionProvider", "codeActionKinds", "quickfix", "source.fixAll",
                     "workspace", "workspaceFolders", "supported", 1);
}

static json_t *initialize(LspServer *srv, json_t *params, LspFail *fail)
{
    if (srv->initialized) {
        *fail = (LspFail){LSP_INVALID_REQUEST, "initialize may be sent only once"};
        return NULL;
    }
    if (!json_is_object(params)) {
        *fail = (LspFail){LSP_INVALID_PARAMS, "initialize needs params"};
        return NULL;
    }
    json_t *encodings = json_object_get(
        json_object_get(json_object_get(params, "capabilities"), "general"), "positionEncodings");
    srv->enc = offers(encodings, "utf-8") ? LSP_UTF8 : LSP_UTF16;
    const char *locale = json_string_value(json_object_get(params, "locale"));
    if (locale)
        srv->lang = strncmp(locale, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
    read_roots(srv, params);
    srv->initialized = true;
    srv->dirty = true;          /* the folder's findings, once the client has the result */
    json_t *r = json_object();
    json_object_set_new(r, "capabilities", capabilities(srv));
    json_object_set_new(r, "serverInfo", json_pack("{s:s, s:s}", "name", "ptlc", "version",
                                                   PTLC_VERSION));
    return r;
}

static json_t *shutdown_request(LspServer *srv, json_t *params, LspFail *fail)
{
    (void)params, (void)fail;
    srv->shut_down = true;
    return NULL;
}

/* ===== dispatch ===== */

typedef json_t *(*Handler)(LspServer *srv, json_t *params, LspFail *fail);

static const struct {
    const char *method;
    Handler fn;
    bool reads_analysis;        /* the check must be current first */
} requests[] = {
    {"initialize", initialize, false},
    {"shutdown", shutdown_request, false},
    {"textDocument/hover", lsp_hover, true},
    {"textDocument/completion", lsp_completion, true},
    {"textDocument/formatting", lsp_formatting, false},
    {"textDocument/documentSymbol", lsp_document_symbol, true},
    {"textDocument/definition", lsp_definition, true},
    {"textDocument/codeAction", lsp_code_action, true},
};

static void request(LspServer *srv, json_t *id, const char *method, json_t *params)
{
    size_t i = 0;
    while (i < ARRAY_LEN(requests) && strcmp(requests[i].method, method) != 0)
        i++;
    LspFail fail = {0, NULL};
    json_t *result = NULL;
    if (!srv->initialized && i != 0)
        fail = (LspFail){LSP_SERVER_NOT_INITIALIZED, "the server is not initialized yet"};
    else if (srv->shut_down)
        fail = (LspFail){LSP_INVALID_REQUEST, "the server is shutting down"};
    else if (i == ARRAY_LEN(requests))
        fail = (LspFail){LSP_METHOD_NOT_FOUND, "ptlc lsp has no such method"};
    /* "params": null is what Emacs' jsonrpc sends for a request without
     * any (shutdown): read as no params, which JSON-RPC allows */
    else if (params && !json_is_null(params) && !json_is_object(params) && !json_is_array(params))
        fail = (LspFail){LSP_INVALID_PARAMS, "params must be an object or an array"};
    if (!fail.code && requests[i].reads_analysis) {
        lsp_ensure_checked(srv);
        if (!srv->an->ok)
            fail = (LspFail){LSP_REQUEST_FAILED, "the stdlib could not be loaded"};
    }
    if (!fail.code)
        result = requests[i].fn(srv, params, &fail);
    bool sent;
    if (fail.code) {
        json_decref(result);
        sent = lsp_send_error(srv->out, id, fail.code, fail.message);
    } else {
        sent = lsp_send_result(srv->out, id, result);
    }
    srv->output_failed = srv->output_failed || !sent;
}

/* Returns the exit status when the message was exit, else -1. */
static int notification(LspServer *srv, const char *method, json_t *params)
{
    if (strcmp(method, "exit") == 0)
        return srv->shut_down ? 0 : 1;
    if (!srv->initialized || srv->shut_down)
        return -1;              /* dropped, as the protocol says */
    if (strcmp(method, "textDocument/didOpen") == 0)
        lsp_did_open(srv, params);
    else if (strcmp(method, "textDocument/didChange") == 0)
        lsp_did_change(srv, params);
    else if (strcmp(method, "textDocument/didClose") == 0)
        lsp_did_close(srv, params);
    else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0)
        lsp_did_change_watched(srv, params);
    return -1;                  /* initialized, didSave, $/…: nothing to do */
}

static void reply_error(LspServer *srv, json_t *id, int code, const char *message)
{
    if (!lsp_send_error(srv->out, id, code, message))
        srv->output_failed = true;
}

/* One message; the exit status when it was exit, else -1. */
static int handle(LspServer *srv, const StrBuf *body)
{
    json_error_t e;
    json_t *msg = json_loadb(body->buf ? body->buf : "", body->len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
    if (!msg) {
        reply_error(srv, NULL, LSP_PARSE_ERROR, "the message is not JSON");
        return -1;
    }
    json_t *id = json_object_get(msg, "id"), *method = json_object_get(msg, "method");
    int rc = -1;
    if (!json_is_object(msg))
        reply_error(srv, NULL, LSP_INVALID_REQUEST, "a message must be a JSON object");
    else if (id && !json_is_integer(id) && !json_is_string(id))
        reply_error(srv, NULL, LSP_INVALID_REQUEST, "an id must be a number or a string");
    else if (!json_is_string(method) && !(id && !method))
        reply_error(srv, id, LSP_INVALID_REQUEST, "method must be a string");
    else if (!method)
        ;                       /* a response: the server sends no requests */
    else if (id)
        request(srv, id, json_string_value(method), json_object_get(msg, "params"));
    else
        rc = notification(srv, json_string_value(method), json_object_get(msg, "params"));
    json_decref(msg);
    return rc;
}

/* One framing failure, answered with an error of no id (JSON-RPC's way
 * when the request cannot be told). */
static void framing_error(LspServer *srv, LspRead r)
{
    if (r == LSP_READ_BAD_HEADER)
        reply_error(srv, NULL, LSP_PARSE_ERROR, "a header without a valid Content-Length");
    else if (r == LSP_READ_TOO_LARGE)
        reply_error(srv, NULL, LSP_INVALID_REQUEST, "a message larger than 64 MiB: skipped");
}

int lsp_serve(int fd, const char *data, size_t len, FILE *out, FILE *log, const LspOptions *opt)
{
    LspInput in;
    if (fd >= 0)
        lsp_input_fd(&in, fd);
    else
        lsp_input_mem(&in, data, len);
    LspServer srv = {0};
    srv.in = &in, srv.out = out, srv.log = log, srv.opt = *opt, srv.lang = opt->lang;
    StrBuf body = STRBUF_INIT;
    int rc = -1;
    while (rc < 0 && !srv.output_failed) {
        if (srv.dirty && srv.initialized && !srv.shut_down && !lsp_input_pending(&in))
            lsp_check_and_publish(&srv);
        bool garbage;
        size_t skip = 0;
        LspRead r = lsp_read_message(&in, &body, &garbage, &skip);
        if (garbage)
            reply_error(&srv, NULL, LSP_PARSE_ERROR, "bytes that are not a message were skipped");
        if (r == LSP_READ_EOF)
            break;
        if (r == LSP_READ_OK)
            rc = handle(&srv, &body);
        else
            framing_error(&srv, r);
        if (r == LSP_READ_TOO_LARGE && !lsp_input_skip(&in, skip))
            break;
    }
    if (rc < 0)
        rc = srv.shut_down && !srv.output_failed ? 0 : 1;
    strbuf_release(&body);
    lsp_analysis_free(srv.an);
    lsp_docs_free(&srv.docs);
    for (size_t i = 0; i < srv.nroots; i++)
        free(srv.roots[i]);
    free(srv.roots);
    lsp_input_free(&in);
    return rc;
}

int lsp_command(int argc, char **argv, Lang lang)
{
    LspOptions opt = {lang, true, NULL};
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--stdio") == 0)
            continue;
        if (strcmp(argv[i], "--stdlib") == 0 && i + 1 < argc) {
            opt.stdlib_dir = argv[++i];
            continue;
        }
        fprintf(stderr, "ptlc lsp: unknown argument '%s' (see 'ptlc help lsp')\n", argv[i]);
        return 2;
    }
    /* a client that goes away must end the server with an error, not a signal */
    signal(SIGPIPE, SIG_IGN);
    return lsp_serve(0, NULL, 0, stdout, stderr, &opt);
}
