/* fuzz_html: the HTML of any input (first byte: options, fuzz.h): the
 * single document, one table's (or evaluation's) page and the directory
 * index. Oracles:
 * valid UTF-8, and the markup holds only the emitter's own elements and
 * attributes, with quoted values that cannot break out (so no input can
 * add a script, an event handler or a link of its own); text between tags
 * holds no raw '<' or '>'. The <style> block is the emitter's constant. */
#include "fuzz.h"

#include <string.h>

static const char *const tags[] = {
    "!doctype", "html", "head", "meta", "title", "style", "body", "section", "div", "h1",
    "p", "span", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "a", "br"};
static const char *const attrs[] = {
    "lang", "charset", "http-equiv", "content", "name", "class", "colspan", "rowspan", "style",
    "href", "role"};

static bool listed(const char *const *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '!';
}

/* The value of an attribute: "..." with no quote, '<' or '>' inside. */
static size_t attr_value(const char *s, size_t n, size_t i, const char *all, size_t total)
{
    FUZZ_CHECK(i < n && s[i] == '"', "an unquoted HTML attribute value", all, total);
    for (i++; i < n && s[i] != '"'; i++)
        FUZZ_CHECK(s[i] != '<' && s[i] != '>', "'<' or '>' inside an attribute value", all, total);
    FUZZ_CHECK(i < n, "an attribute value that never closes", all, total);
    return i + 1;
}

static size_t tag(const char *s, size_t n, size_t i, bool *style)
{
    size_t start = ++i;
    bool closing = i < n && s[i] == '/';
    i += closing;
    size_t name = i;
    while (i < n && name_char(s[i]))
        i++;
    FUZZ_CHECK(listed(tags, sizeof tags / sizeof *tags, s + name, i - name),
               "an element the emitter does not write", s + start - 1, i - start + 1);
    *style = !closing && i - name == 5 && memcmp(s + name, "style", 5) == 0;
    while (i < n && s[i] != '>') {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        size_t a = i;
        while (i < n && name_char(s[i]))
            i++;
        bool bare = i - a == 4 && memcmp(s + a, "html", 4) == 0;   /* <!doctype html> */
        FUZZ_CHECK(bare || listed(attrs, sizeof attrs / sizeof *attrs, s + a, i - a),
                   "an attribute the emitter does not write", s + a, n - a < 80 ? n - a : 80);
        FUZZ_CHECK(i > a, "a stray character inside a tag", s + a, n - a < 80 ? n - a : 80);
        if (!bare) {
            FUZZ_CHECK(i < n && s[i] == '=', "an attribute without a value", s + a, 40);
            i = attr_value(s, n, i + 1, s, n);
        }
    }
    FUZZ_CHECK(i < n, "a tag that never closes", s, n);
    return i + 1;
}

static void check_html(const char *s, size_t n)
{
    fuzz_assert_utf8("HTML", s, n);
    for (size_t i = 0; i < n;) {
        if (s[i] == '<') {
            bool style = false;
            i = tag(s, n, i, &style);
            if (style) {
                const char *end = strstr(s + i, "</style>");
                FUZZ_CHECK(end != NULL, "a style block that never closes", s, n);
                i = (size_t)(end - s);
            }
            continue;
        }
        FUZZ_CHECK(s[i] != '>', "a raw '>' in HTML text", s + i, n - i < 80 ? n - i : 80);
        i++;
    }
}

static void emit(const Program *p, const FuzzInput *in)
{
    StrBuf out = STRBUF_INIT;
    emit_html(p, &in->emit, &out);
    check_html(strbuf_cstr(&out), out.len);
    size_t ntables = emit_table_count(p), n = ntables + emit_evaluation_count(p);
    Arena *a = &p->s->arena;
    const char **hrefs = arena_alloc(a, (n + 1) * sizeof *hrefs);
    for (size_t i = 0; i < n; i++) {
        hrefs[i] = arena_sprintf(a, "%02zu-page.html", i + 1);
        /* a few pages of each kind are enough to reach every path */
        if (i < 3 || (i >= ntables && i < ntables + 3)) {
            strbuf_reset(&out);
            emit_html_table(p, i < ntables ? emit_table(p, i) : emit_evaluation(p, i - ntables),
                            &in->emit, &out);
            check_html(strbuf_cstr(&out), out.len);
        }
    }
    strbuf_reset(&out);
    emit_html_index(p, &in->emit, hrefs, &out);
    check_html(strbuf_cstr(&out), out.len);
    strbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_emit(data, size, emit);
    return 0;
}
