/* source: line tables are built once per file (O(n)) and searched with a
 * binary search, so mapping an offset costs O(log lines). Display width comes
 * from utf8proc, Debian's maintained Unicode database, rather than a
 * hand-copied table that would go stale with each Unicode version. */
#include "source.h"

#include <string.h>
#include <utf8proc.h>

/* A line ends at LF, CR LF, or a CR alone (files from old Mac software and
 * some exports); the scanner agrees (grammar/ptl.l). */
static bool ends_line(const char *text, size_t len, size_t i)
{
    return text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
}

/* Columns are counted in code points from the line's start. On a long line
 * (a 1 MB table on one line) counting from the start for each of thousands
 * of diagnostics or report rows is quadratic, so such files get marks: the
 * first character boundary at or after every COL_BLOCK bytes and the code
 * points before it, from which any column is one short count away. */
#define COL_BLOCK 1024u
#define LONG_LINE 4096u

static void build_col_marks(Arena *a, SourceFile *f)
{
    uint32_t nblocks = f->len / COL_BLOCK + 1;
    f->col_marks = arena_alloc(a, nblocks * sizeof *f->col_marks);
    uint32_t i = f->body, cps = 0, b = 0;
    while (b < nblocks) {
        while (b < nblocks && (b * COL_BLOCK <= i || i >= f->len)) {
            f->col_marks[b].off = i;
            f->col_marks[b++].cps = cps;
        }
        if (i >= f->len)
            break;
        uint32_t cp;
        size_t k = utf8_decode(f->text + i, f->len - i, &cp);
        i += k ? (uint32_t)k : 1;
        cps++;
    }
}

SourceFile *src_new(Arena *a, const char *path, const char *text, size_t len)
{
    if (len > SOURCE_MAX_BYTES)
        BUG("source too large");
    char *copy = arena_alloc(a, len + SRC_SLACK);     /* zeroed: the NULs after it */
    memcpy(copy, text, len);
    return src_adopt(a, path, copy, len);
}

SourceFile *src_adopt(Arena *a, const char *path, char *text, size_t len)
{
    if (len > SOURCE_MAX_BYTES || text[len] || text[len + 1])
        BUG("source too large, or without its two NULs");
    SourceFile *f = arena_alloc(a, sizeof *f);
    f->path = arena_strndup(a, path, strlen(path));
    f->text = text;
    f->len = (uint32_t)len;
    f->body = (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    /* without a CR (most files) a line ends at each LF, which memchr finds
       far faster than a test of every byte */
    bool lf_only = !memchr(text, '\r', len);
    uint32_t n = 1;
    if (lf_only)
        for (const char *p = text, *end = text + len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
            n++;
    else
        for (size_t i = 0; i < len; i++)
            n += ends_line(text, len, i);
    f->line_starts = arena_alloc(a, n * sizeof(uint32_t));
    f->line_starts[0] = f->body;
    uint32_t k = 1, longest = 0;
    for (size_t i = 0; i < len; i++) {
        if (lf_only) {
            const char *nl = memchr(text + i, '\n', len - i);
            if (!nl)
                break;
            i = (size_t)(nl - text);
        } else if (!ends_line(text, len, i)) {
            continue;
        }
        uint32_t next = (uint32_t)i + 1;
        if (next - f->line_starts[k - 1] > longest)
            longest = next - f->line_starts[k - 1];
        f->line_starts[k++] = next;
    }
    if (f->len - f->line_starts[k - 1] > longest)
        longest = f->len - f->line_starts[k - 1];
    f->nlines = n;
    if (longest > LONG_LINE)
        build_col_marks(a, f);
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

/* Code points in text[body..off), off a character boundary. */
static uint32_t cps_before(const SourceFile *f, uint32_t off)
{
    uint32_t b = off / COL_BLOCK;
    if (b > 0 && f->col_marks[b].off > off)
        b--;
    const struct ColMark *m = &f->col_marks[b];
    if (m->off > off)
        return 0;       /* off is inside the BOM */
    return m->cps + (uint32_t)utf8_count(f->text + m->off, off - m->off);
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
    if (f->col_marks && off - start > COL_BLOCK)
        *col = cps_before(f, off) - cps_before(f, start) + 1;
    else
        *col = (uint32_t)utf8_count(f->text + start, off - start) + 1;
}

void src_line_text(const SourceFile *f, uint32_t line, const char **start, size_t *len)
{
    if (line == 0 || line > f->nlines)
        BUG("line out of range");
    uint32_t s = f->line_starts[line - 1];
    uint32_t e = line < f->nlines ? f->line_starts[line] - 1 : f->len;
    if (line < f->nlines && f->text[e] == '\n' && e > s && f->text[e - 1] == '\r')
        e--;    /* CR LF */
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

/* By hand rather than utf8proc_iterate: every byte of every file passes
 * through here (encoding detection, the scanner's checks), and the call
 * into the library cost more than the decoding. Accepts exactly what
 * utf8proc does and what grammar/ptl.l's U2, U3 and U4 match. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    unsigned char c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2 || c > 0xF4)
        return 0;                       /* a continuation byte, an overlong lead, past U+10FFFF */
    if (c < 0xE0) {
        if (n < 2 || (u[1] & 0xC0) != 0x80)
            return 0;
        *cp = (uint32_t)(c & 0x1F) << 6 | (u[1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80
            || (c == 0xE0 && u[1] < 0xA0)           /* overlong */
            || (c == 0xED && u[1] > 0x9F))          /* a surrogate */
            return 0;
        *cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
        return 3;
    }
    if (n < 4 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80 || (u[3] & 0xC0) != 0x80
        || (c == 0xF0 && u[1] < 0x90)               /* overlong */
        || (c == 0xF4 && u[1] > 0x8F))              /* past U+10FFFF */
        return 0;
    *cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6
        | (u[3] & 0x3F);
    return 4;
}

size_t utf8_valid_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (!(w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        if (utf8_plain3(u, i, n)) {
            i += 3;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (!k)
            return i;
        i += k;
    }
    return n;
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
