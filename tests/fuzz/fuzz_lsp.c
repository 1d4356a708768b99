/* fuzz_lsp: any bytes through ptlc lsp. The first byte picks the mode:
 * with bit 3 set the rest is the server's whole input stream (headers,
 * bodies, garbage — the transport and the dispatch); otherwise the rest is
 * a .ptl text, which the harness wraps in a well-formed session (bit 0:
 * the client offers utf-8, bit 1: a Chinese locale, bit 2: an incremental
 * edit rather than a full one): initialize, didOpen, every request at
 * positions spread over the text, an edit, the requests again, shutdown,
 * exit. The server reads from memory and never touches the disk.
 * Oracles: no crash, no hang (libFuzzer's -timeout); the output is a
 * sequence of Content-Length framed JSON-RPC 2.0 objects, each a response
 * (id with result or error) or a notification (method), in valid UTF-8;
 * and for a wrapped session, one response to every request and exit
 * status 0 (shutdown came before exit). */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lsp.h"

enum { RAW = 8, UTF8 = 1, ZH = 2, INCREMENTAL = 4, POSITIONS = 6 };

/* ===== the wrapped session ===== */

/* The bytes a wrapped session sends, and its last request id. */
typedef struct Script {
    StrBuf in;
    int id;
} Script;

static void add(Script *sc, json_t *msg)
{
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!body)
        fuzz_fail("the harness could not write a message", NULL, 0);
    strbuf_addf(&sc->in, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
    free(body);
}

static void request(Script *sc, const char *method, json_t *params)
{
    json_t *m = json_pack("{s:s, s:i, s:s}", "jsonrpc", "2.0", "id", ++sc->id, "method", method);
    if (params)
        json_object_set_new(m, "params", params);
    add(sc, m);
}

static void notify(Script *sc, const char *method, json_t *params)
{
    json_t *m = json_pack("{s:s, s:s}", "jsonrpc", "2.0", "method", method);
    if (params)
        json_object_set_new(m, "params", params);
    add(sc, m);
}

static json_t *doc(void)
{
    return json_pack("{s:s}", "uri", "file:///fuzz/fuzz.ptl");
}

static json_t *pos(unsigned line, unsigned ch)
{
    return json_pack("{s:i, s:i}", "line", (int)line, "character", (int)ch);
}

/* Positions spread over the text: its line and byte in the line at
 * POSITIONS offsets, and one past the end. */
static void positions(const char *t, size_t n, unsigned line[], unsigned ch[])
{
    for (int k = 0; k < POSITIONS; k++) {
        size_t off = k == POSITIONS - 1 ? n + 7 : n * (size_t)k / (POSITIONS - 1);
        unsigned l = 0, c = 0;
        for (size_t i = 0; i < off && i < n; i++, c++)
            if (t[i] == '\n')
                l++, c = (unsigned)-1;
        line[k] = l + (off > n);
        ch[k] = c;
    }
}

static void requests(Script *in, const unsigned line[], const unsigned ch[])
{
    for (int k = 0; k < POSITIONS; k++) {
        static const char *const at[] = {"textDocument/hover", "textDocument/completion",
                                         "textDocument/definition"};
        for (size_t m = 0; m < 3; m++)
            request(in, at[m], json_pack("{s:o, s:o}", "textDocument", doc(), "position",
                                         pos(line[k], ch[k])));
    }
    request(in, "textDocument/documentSymbol", json_pack("{s:o}", "textDocument", doc()));
    request(in, "textDocument/formatting",
            json_pack("{s:o, s:{s:i, s:b}}", "textDocument", doc(), "options", "tabSize", 4,
                      "insertSpaces", 1));
    request(in, "textDocument/codeAction",
            json_pack("{s:o, s:{s:o, s:o}, s:{s:[]}}", "textDocument", doc(), "range", "start",
                      pos(0, 0), "end", pos(line[POSITIONS - 1], 0), "context", "diagnostics"));
    request(in, "textDocument/codeAction",
            json_pack("{s:o, s:{s:o, s:o}, s:{s:[], s:[s]}}", "textDocument", doc(), "range",
                      "start", pos(0, 0), "end", pos(0, 0), "context", "diagnostics", "only",
                      "source.fixAll"));
}

/* text with each byte that is not UTF-8 made U+FFFD: JSON carries only
 * Unicode text. */
static void utf8_text(StrBuf *out, const char *t, size_t n)
{
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = utf8_decode(t + i, n - i, &cp);
        if (k)
            strbuf_add(out, t + i, k);
        else
            strbuf_adds(out, "\xEF\xBF\xBD"), k = 1;
    }
}

static void session(Script *in, unsigned flags, const char *t, size_t n)
{
    StrBuf text = STRBUF_INIT;
    utf8_text(&text, t, n);
    unsigned line[POSITIONS], ch[POSITIONS];
    positions(text.buf, text.len, line, ch);
    json_t *caps = json_pack("{s:{s:[s]}}", "general", "positionEncodings",
                             flags & UTF8 ? "utf-8" : "utf-16");
    request(in, "initialize", json_pack("{s:o, s:s}", "capabilities", caps, "locale",
                                        flags & ZH ? "zh-CN" : "en"));
    notify(in, "initialized", json_object());
    notify(in, "textDocument/didOpen",
           json_pack("{s:{s:s, s:s, s:i, s:s%}}", "textDocument", "uri", "file:///fuzz/fuzz.ptl",
                     "languageId", "ptl", "version", 1, "text", strbuf_cstr(&text), text.len));
    requests(in, line, ch);
    json_t *change = json_pack("{s:s}", "text", "x\n");
    if (flags & INCREMENTAL)
        json_object_set_new(change, "range", json_pack("{s:o, s:o}", "start", pos(line[1], ch[1]),
                                                      "end", pos(line[3], ch[3])));
    notify(in, "textDocument/didChange",
           json_pack("{s:{s:s, s:i}, s:[o]}", "textDocument", "uri", "file:///fuzz/fuzz.ptl",
                     "version", 2, "contentChanges", change));
    requests(in, line, ch);
    request(in, "shutdown", NULL);
    notify(in, "exit", NULL);
    strbuf_release(&text);
}

/* ===== the output oracle ===== */

/* Reads each frame of out; returns how many responses it holds, each id
 * counted in seen[id] when it is a small integer. */
static int check_frames(const char *out, size_t n, int seen[], int nseen)
{
    int responses = 0;
    size_t i = 0;
    while (i < n) {
        size_t len = 0;
        int used = 0;
        FUZZ_CHECK(sscanf(out + i, "Content-Length: %zu\r\n\r\n%n", &len, &used) == 1 && used > 0,
                   "a frame without its header", out + i, n - i);
        i += (size_t)used;
        FUZZ_CHECK(len <= n - i, "a frame longer than the output", out, n);
        fuzz_assert_json("a frame's body is not JSON", out + i, len);
        json_error_t e;
        json_t *m = json_loadb(out + i, len, 0, &e);
        json_t *id = json_object_get(m, "id");
        const char *v = json_string_value(json_object_get(m, "jsonrpc"));
        FUZZ_CHECK(json_is_object(m) && v && strcmp(v, "2.0") == 0, "not a JSON-RPC 2.0 message",
                   out + i, len);
        bool response = id && (json_object_get(m, "result") || json_object_get(m, "error"))
                        && !json_object_get(m, "method");
        bool note = !id && json_is_string(json_object_get(m, "method"));
        FUZZ_CHECK(response != note, "neither a response nor a notification", out + i, len);
        if (response && json_is_integer(id) && json_integer_value(id) > 0
            && json_integer_value(id) < nseen)
            seen[json_integer_value(id)]++;
        responses += response;
        json_decref(m);
        i += len;
    }
    return responses;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned flags = size ? data[0] : 0;
    const char *rest = size ? (const char *)data + 1 : "";
    size_t n = size ? size - 1 : 0;
    Script sc = {STRBUF_INIT, 0};
    if (flags & RAW)
        strbuf_add(&sc.in, rest, n);
    else
        session(&sc, flags, rest, n);
    char *out = NULL;
    size_t out_len = 0;
    FILE *sink = open_memstream(&out, &out_len);
    if (!sink)
        fuzz_fail("open_memstream failed", NULL, 0);
    LspOptions opt = {LANG_EN, false, NULL};
    int rc = lsp_serve(-1, strbuf_cstr(&sc.in), sc.in.len, sink, NULL, &opt);
    fclose(sink);
    enum { IDS = 64 };
    int seen[IDS] = {0};
    check_frames(out, out_len, seen, IDS);
    FUZZ_CHECK(rc == 0 || rc == 1, "an exit status that is neither 0 nor 1", NULL, 0);
    if (!(flags & RAW)) {
        FUZZ_CHECK(rc == 0, "a session that shut down and exited did not exit 0", out, out_len);
        for (int id = 1; id <= sc.id && id < IDS; id++)
            FUZZ_CHECK(seen[id] == 1, "a request without exactly one response", out, out_len);
    }
    free(out);
    strbuf_release(&sc.in);
    return 0;
}
