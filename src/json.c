/* json: the writer tracks only "first member at this depth", which is all
 * pretty-printing needs; nesting errors are programming errors (BUG). */
#include "json.h"

#include <string.h>

#include "source.h"

void jw_init(JsonWriter *w, StrBuf *out)
{
    w->out = out;
    w->depth = 0;
    w->first = true;
    w->after_key = false;
    w->compact = false;
}

void jw_init_compact(JsonWriter *w, StrBuf *out)
{
    jw_init(w, out);
    w->compact = true;
}

static void newline(JsonWriter *w)
{
    if (w->compact)
        return;
    strbuf_addc(w->out, '\n');
    strbuf_repeat(w->out, ' ', (size_t)w->depth * 2);
}

/* Separator and indentation before a value or a key. */
static void before_item(JsonWriter *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        if (!w->first)
            strbuf_addc(w->out, ',');
        newline(w);
    }
    w->first = false;
}

static void open_container(JsonWriter *w, char c)
{
    before_item(w);
    strbuf_addc(w->out, c);
    w->depth++;
    w->first = true;
}

static void close_container(JsonWriter *w, char c)
{
    if (w->depth <= 0)
        BUG("unbalanced JSON writer");
    bool empty = w->first;
    w->depth--;
    if (!empty)
        newline(w);
    strbuf_addc(w->out, c);
    w->first = false;
    if (w->depth == 0)
        strbuf_addc(w->out, '\n');
}

void jw_begin_object(JsonWriter *w) { open_container(w, '{'); }
void jw_end_object(JsonWriter *w) { close_container(w, '}'); }
void jw_begin_array(JsonWriter *w) { open_container(w, '['); }
void jw_end_array(JsonWriter *w) { close_container(w, ']'); }

void jw_key(JsonWriter *w, const char *key)
{
    before_item(w);
    jw_escape(w->out, key, strlen(key));
    strbuf_adds(w->out, w->compact ? ":" : ": ");
    w->after_key = true;
}

void jw_string(JsonWriter *w, const char *s, size_t len)
{
    before_item(w);
    jw_escape(w->out, s, len);
}

void jw_cstring(JsonWriter *w, const char *s)
{
    if (s)
        jw_string(w, s, strlen(s));
    else
        jw_null(w);
}

void jw_int(JsonWriter *w, long long v)
{
    before_item(w);
    strbuf_addf(w->out, "%lld", v);
}

void jw_number(JsonWriter *w, const char *text)
{
    before_item(w);
    strbuf_adds(w->out, text);
}

void jw_bool(JsonWriter *w, bool v)
{
    before_item(w);
    strbuf_adds(w->out, v ? "true" : "false");
}

void jw_null(JsonWriter *w)
{
    before_item(w);
    strbuf_adds(w->out, "null");
}

/* The length of the run at s[i..] that is copied as it is: ASCII but
 * control characters, quotes and backslashes, and the well-formed
 * three-byte characters of CJK text but U+2028 and U+2029 (escaped: a
 * JavaScript string cannot hold them). */
static size_t plain_run(const char *s, size_t i, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t j = i;
    while (j < len) {
        unsigned char c = u[j];
        if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\' && c != 0x7F)
            j++;
        else if (c >= 0x80 && utf8_plain3(u, j, len)
                 && !(c == 0xE2 && u[j + 1] == 0x80 && (u[j + 2] == 0xA8 || u[j + 2] == 0xA9)))
            j += 3;
        else
            break;
    }
    return j - i;
}

void jw_escape(StrBuf *out, const char *s, size_t len)
{
    strbuf_addc(out, '"');
    size_t i = 0;
    while (i < len) {
        /* nearly every string has nothing to escape: its runs of plain
           bytes are copied whole; the rest is decoded a character at a time */
        size_t run = plain_run(s, i, len);
        strbuf_add(out, s + i, run);
        if ((i += run) >= len)
            break;
        uint32_t cp;
        size_t k = utf8_decode(s + i, len - i, &cp);
        if (k == 0) {
            strbuf_adds(out, "\\ufffd");
            i++;
            continue;
        }
        switch (cp) {
        case '"': strbuf_adds(out, "\\\""); break;
        case '\\': strbuf_adds(out, "\\\\"); break;
        case '\n': strbuf_adds(out, "\\n"); break;
        case '\t': strbuf_adds(out, "\\t"); break;
        case '\r': strbuf_adds(out, "\\r"); break;
        case '\b': strbuf_adds(out, "\\b"); break;
        case '\f': strbuf_adds(out, "\\f"); break;
        default:
            if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029)
                strbuf_addf(out, "\\u%04x", (unsigned)cp);
            else
                strbuf_add(out, s + i, k);
        }
        i += k;
    }
    strbuf_addc(out, '"');
}
