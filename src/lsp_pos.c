/* lsp_pos: byte offsets <-> LSP positions, and file URIs. A line is found
 * by binary search in the line index; the character is counted from the
 * line's start, one code point at a time, so the cost is the length of one
 * line, whatever the size of the document. */
#include "lsp_pos.h"

#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "util.h"

static int is_break(const char *text, size_t len, size_t i)
{
    return text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
}

void lsp_lines_build(LspLines *l, const char *text, size_t len)
{
    uint32_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += (uint32_t)is_break(text, len, i);
    l->starts = xmalloc(n * sizeof *l->starts);
    l->starts[0] = 0;
    l->n = 1;
    for (size_t i = 0; i < len; i++)
        if (is_break(text, len, i))
            l->starts[l->n++] = (uint32_t)(i + 1);
}

void lsp_lines_free(LspLines *l)
{
    free(l->starts);
    l->starts = NULL;
    l->n = 0;
}

/* The code point at s (n > 0 bytes left): its length in bytes (*adv) and
 * in the encoding's units. */
static uint32_t units_at(const char *s, size_t n, size_t *adv, LspEncoding enc)
{
    uint32_t cp;
    size_t k = utf8_decode(s, n, &cp);
    if (k == 0) {
        *adv = 1;
        return 1;
    }
    *adv = k;
    if (enc == LSP_UTF8)
        return (uint32_t)k;
    return cp >= 0x10000 ? 2 : 1;
}

static int at_line_end(const char *text, size_t len, size_t i)
{
    return i >= len || text[i] == '\n' || text[i] == '\r';
}

LspPos lsp_pos_of(const LspLines *l, const char *text, size_t len, size_t off, LspEncoding enc)
{
    if (off > len)
        off = len;
    uint32_t lo = 0, hi = l->n;     /* the last line starting at or before off */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (l->starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    LspPos p = {lo, 0};
    for (size_t i = l->starts[lo], adv; i < off && !at_line_end(text, len, i); i += adv) {
        uint32_t u = units_at(text + i, len - i, &adv, enc);
        if (i + adv > off)
            break;
        p.ch += u;
    }
    return p;
}

size_t lsp_offset_of(const LspLines *l, const char *text, size_t len, LspPos p, LspEncoding enc)
{
    if (p.line >= l->n)
        return len;
    size_t i = l->starts[p.line], adv;
    for (uint32_t ch = 0; !at_line_end(text, len, i); i += adv) {
        uint32_t u = units_at(text + i, len - i, &adv, enc);
        if (ch + u > p.ch)
            break;
        ch += u;
    }
    return i;
}

/* ===== URIs (RFC 8089: file:///path or file://localhost/path) ===== */

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

char *lsp_uri_to_path(const char *uri)
{
    static const char scheme[] = "file://";
    if (strncmp(uri, scheme, sizeof scheme - 1) != 0)
        return NULL;
    const char *p = uri + sizeof scheme - 1;
    if (strncmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return NULL;            /* file://host/...: not a file of this machine */
    size_t n = strlen(p);
    char *out = xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        int h1, h2;
        if (p[i] == '%' && i + 2 < n && (h1 = hex(p[i + 1])) >= 0 && (h2 = hex(p[i + 2])) >= 0) {
            *o = (char)(h1 * 16 + h2);
            i += 2;
        } else {
            *o = p[i];
        }
        if (*o++ == '\0') {     /* %00: no file has that name */
            free(out);
            return NULL;
        }
    }
    *o = '\0';
    return out;
}

char *lsp_path_to_uri(const char *path)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *out = xmalloc(sizeof "file://" + 3 * n), *o = out;
    memcpy(o, "file://", 7);
    o += 7;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || strchr("/-._~", c)) {
            *o++ = (char)c;
        } else {
            *o++ = '%';
            *o++ = digits[c >> 4];
            *o++ = digits[c & 15];
        }
    }
    *o = '\0';
    return out;
}
