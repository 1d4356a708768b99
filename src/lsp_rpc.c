/* lsp_rpc: framing. The reader keeps its own buffer over read(2) rather
 * than a FILE, so that it can tell whether more input is already waiting
 * (lsp_input_pending: a FILE hides what it has buffered). Headers are
 * read leniently — LF alone ends a line, names are case-insensitive,
 * unknown headers are ignored — and a Content-Length found in the middle
 * of a line of garbage is taken, which resynchronises after a client
 * miscounted a body. */
#define _POSIX_C_SOURCE 200809L
#include "lsp_rpc.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "source.h"

enum { CHUNK = 1 << 16 };

void lsp_input_fd(LspInput *in, int fd)
{
    memset(in, 0, sizeof *in);
    in->fd = fd;
}

void lsp_input_mem(LspInput *in, const char *data, size_t len)
{
    memset(in, 0, sizeof *in);
    in->fd = -1;
    in->mem = data;
    in->mem_len = len;
}

void lsp_input_free(LspInput *in)
{
    free(in->buf);
    in->buf = NULL;
}

/* Reads more bytes into the buffer, which every reader below empties
 * before asking for more; false at the end of the input. */
static bool fill(LspInput *in)
{
    if (in->eof)
        return false;
    in->start = in->end = 0;
    if (!in->buf) {
        in->cap = CHUNK;
        in->buf = xmalloc(in->cap);
    }
    ssize_t k;
    if (in->fd < 0) {
        size_t left = in->mem_len - in->mem_pos;
        k = (ssize_t)(left < in->cap ? left : in->cap);
        if (k > 0)
            memcpy(in->buf, in->mem + in->mem_pos, (size_t)k);
        in->mem_pos += (size_t)k;
    } else {
        do
            k = read(in->fd, in->buf, in->cap);
        while (k < 0 && errno == EINTR);
    }
    if (k <= 0) {
        in->eof = true;
        return false;
    }
    in->end = (size_t)k;
    return true;
}

bool lsp_input_pending(LspInput *in)
{
    if (in->start < in->end)
        return true;
    if (in->eof)
        return false;
    if (in->fd < 0)
        return in->mem_pos < in->mem_len;
    struct pollfd p = {in->fd, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

/* One header line into line, without its CR LF or LF, cut at
 * LSP_HEADER_LINE_MAX (*cut set). False at the end of the input. */
static bool read_line(LspInput *in, StrBuf *line, bool *cut)
{
    strbuf_reset(line);
    *cut = false;
    for (;;) {
        if (in->start == in->end && !fill(in))
            return line->len > 0 || *cut;
        char *nl = memchr(in->buf + in->start, '\n', in->end - in->start);
        size_t n = nl ? (size_t)(nl - (in->buf + in->start)) : in->end - in->start;
        size_t keep = n;
        if (line->len + keep > LSP_HEADER_LINE_MAX) {
            keep = LSP_HEADER_LINE_MAX - line->len;
            *cut = true;
        }
        strbuf_add(line, in->buf + in->start, keep);
        in->start += n + (nl ? 1 : 0);
        if (nl)
            break;
    }
    if (line->len && line->buf[line->len - 1] == '\r')
        line->buf[--line->len] = '\0';
    return true;
}

/* The Content-Length in a header line, anywhere in it: 1 when found (in
 * *n, saturated above LSP_MESSAGE_MAX), 0 when the line has none, -1 when
 * its value is not a number. *at tells where it was found. */
static int content_length(const char *line, size_t *n, size_t *at)
{
    static const char name[] = "content-length:";
    const char *p = line;
    for (; *p; p++)
        if (strncasecmp(p, name, sizeof name - 1) == 0)
            break;
    if (!*p)
        return 0;
    *at = (size_t)(p - line);
    p += sizeof name - 1;
    p += strspn(p, " \t");
    if (*p < '0' || *p > '9')
        return -1;
    size_t v = 0;
    for (; *p >= '0' && *p <= '9'; p++)
        v = v > LSP_MESSAGE_MAX ? v : v * 10 + (size_t)(*p - '0');
    p += strspn(p, " \t");
    if (*p)
        return -1;
    *n = v;
    return 1;
}

bool lsp_input_skip(LspInput *in, size_t n)
{
    while (n > 0) {
        if (in->start == in->end && !fill(in))
            return false;
        size_t k = in->end - in->start < n ? in->end - in->start : n;
        in->start += k;
        n -= k;
    }
    return true;
}

static bool read_body(LspInput *in, StrBuf *body, size_t n)
{
    while (body->len < n) {
        if (in->start == in->end && !fill(in))
            return false;
        size_t k = in->end - in->start;
        if (k > n - body->len)
            k = n - body->len;
        strbuf_add(body, in->buf + in->start, k);
        in->start += k;
    }
    return true;
}

LspRead lsp_read_message(LspInput *in, StrBuf *body, bool *garbage, size_t *too_large)
{
    StrBuf line = STRBUF_INIT;
    bool have = false, bad = false, cut;
    size_t n = 0, lines = 0;
    LspRead r = LSP_READ_EOF;
    *garbage = false;
    strbuf_reset(body);
    while (read_line(in, &line, &cut)) {
        if (line.len == 0 && !cut) {
            if (lines == 0)
                continue;       /* stray blank lines between messages */
            if (!have || bad) {
                r = LSP_READ_BAD_HEADER;
            } else if (n > LSP_MESSAGE_MAX) {
                r = LSP_READ_TOO_LARGE;
                *too_large = n;
            } else {
                r = read_body(in, body, n) ? LSP_READ_OK : LSP_READ_EOF;
            }
            break;
        }
        lines++;
        size_t at = 0, v = 0;
        int found = cut ? 0 : content_length(line.buf, &v, &at);
        if (found > 0) {
            have = true, bad = false, n = v;
            *garbage = *garbage || at > 0;
        } else if (found < 0) {
            bad = true;
        } else if (cut || !memchr(line.buf, ':', line.len)) {
            *garbage = true;    /* not a header: skipped until one comes */
        }
    }
    strbuf_release(&line);
    return r;
}

/* ===== JSON strings ===== */

json_t *lsp_jstrn(const char *text, size_t len)
{
    json_t *j = json_stringn(text ? text : "", text ? len : 0);
    if (j)
        return j;
    StrBuf sb = STRBUF_INIT;    /* not UTF-8: each bad byte shown as U+FFFD */
    for (size_t i = 0, k; i < len; i += k) {
        uint32_t cp;
        k = utf8_decode(text + i, len - i, &cp);
        if (k)
            strbuf_add(&sb, text + i, k);
        else
            strbuf_adds(&sb, "\xEF\xBF\xBD"), k = 1;
    }
    j = json_stringn(strbuf_cstr(&sb), sb.len);
    strbuf_release(&sb);
    return j ? j : json_stringn("", 0);
}

json_t *lsp_jstr(const char *text)
{
    return lsp_jstrn(text, text ? strlen(text) : 0);
}

json_t *lsp_jnull(void)
{
    return json_pack("n");
}

/* ===== writing ===== */

bool lsp_send(FILE *out, json_t *msg)
{
    char *text = msg ? json_dumps(msg, JSON_COMPACT) : NULL;
    json_decref(msg);
    if (!text)
        return false;
    size_t n = strlen(text);
    bool ok = fprintf(out, "Content-Length: %zu\r\n\r\n", n) > 0 && fwrite(text, 1, n, out) == n
              && fflush(out) == 0;
    free(text);
    return ok;
}

static json_t *envelope(json_t *id)
{
    json_t *m = json_object();
    json_object_set_new(m, "jsonrpc", lsp_jstr("2.0"));
    json_object_set(m, "id", id ? id : lsp_jnull());
    return m;
}

bool lsp_send_result(FILE *out, json_t *id, json_t *result)
{
    json_t *m = envelope(id);
    json_object_set_new(m, "result", result ? result : lsp_jnull());
    return lsp_send(out, m);
}

bool lsp_send_error(FILE *out, json_t *id, int code, const char *message)
{
    json_t *m = envelope(id), *e = json_object();
    json_object_set_new(e, "code", json_integer(code));
    json_object_set_new(e, "message", lsp_jstr(message));
    json_object_set_new(m, "error", e);
    return lsp_send(out, m);
}

bool lsp_send_notification(FILE *out, const char *method, json_t *params)
{
    json_t *m = json_object();
    json_object_set_new(m, "jsonrpc", lsp_jstr("2.0"));
    json_object_set_new(m, "method", lsp_jstr(method));
    json_object_set_new(m, "params", params ? params : json_object());
    return lsp_send(out, m);
}
