/* source: line tables are built once per file (O(n)) and searched with a
 * binary search, so mapping an offset costs O(log lines). Display width comes
 * from utf8proc, Debian's maintained Unicode database, rather than a
 * hand-copied table that would go stale with each Unicode version. */
#include "source.h"

#include <string.h>
#include <utf8proc.h>

SourceFile *src_new(Arena *a, const char *path, const char *text, size_t len)
{
    if (len > SOURCE_MAX_BYTES)
        BUG("source too large");
    SourceFile *f = arena_alloc(a, sizeof *f);
    f->path = arena_strndup(a, path, strlen(path));
    f->text = arena_strndup(a, text, len);
    f->len = (uint32_t)len;
    f->body = (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    uint32_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    f->line_starts = arena_alloc(a, n * sizeof(uint32_t));
    f->line_starts[0] = f->body;
    uint32_t k = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            f->line_starts[k++] = (uint32_t)i + 1;
    f->nlines = n;
    return f;
}

static uint32_t line_index(const SourceFile *f, uint32_t off)
{
    uint32_t lo = 0, hi = f->nlines;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (f->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void src_line_col(const SourceFile *f, uint32_t off, uint32_t *line, uint32_t *col)
{
    if (off > f->len)
        off = f->len;
    if (off < f->body)
        off = f->body;
    uint32_t li = line_index(f, off);
    uint32_t start = f->line_starts[li];
    *line = li + 1;
    *col = (uint32_t)utf8_count(f->text + start, off - start) + 1;
}

void src_line_text(const SourceFile *f, uint32_t line, const char **start, size_t *len)
{
    if (line == 0 || line > f->nlines)
        BUG("line out of range");
    uint32_t s = f->line_starts[line - 1];
    uint32_t e = line < f->nlines ? f->line_starts[line] - 1 : f->len;
    if (e > s && f->text[e - 1] == '\r')
        e--;
    *start = f->text + s;
    *len = e - s;
}

Span span_join(Span a, Span b)
{
    if (a.file == SPAN_NO_FILE)
        return b;
    if (b.file == SPAN_NO_FILE)
        return a;
    Span r = a;
    r.start = a.start < b.start ? a.start : b.start;
    r.end = a.end > b.end ? a.end : b.end;
    return r;
}

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)(n < 4 ? n : 4), &c);
    if (k <= 0 || c < 0)
        return 0;
    *cp = (uint32_t)c;
    return (size_t)k;
}

int utf8_cp_width(uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7F)
        return 1;   /* shown as a substitute glyph by the renderer */
    return utf8proc_charwidth((utf8proc_int32_t)cp);
}

size_t utf8_width(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            w += 1;
            i += 1;
            continue;
        }
        w += (size_t)utf8_cp_width(cp);
        i += k;
    }
    return w;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t c = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1;
        c++;
    }
    return c;
}
