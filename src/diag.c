/* diag: queueing and rendering. Rendering follows gcc/rustc: a header line,
 * the source line behind a line-number gutter, and a caret under the first
 * character of the span with tildes under the rest. Columns on screen are
 * display columns (a CJK character takes two), tabs are expanded to stops of
 * 8, and bytes that are not printable UTF-8 are shown as U+FFFD so a broken
 * file cannot garble the terminal. */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "session.h"

const RuleInfo rule_info[RULE_COUNT] = {
#define RULE(id, name, sev, summary) {name, sev, summary},
#include "rules.def"
#undef RULE
};

const ParamInfo param_info[PARAM_COUNT] = {
#define PARAM(id, name, dflt, meaning) {name, dflt, meaning},
#include "params.def"
#undef PARAM
};

ParamId param_lookup(const char *name)
{
    for (int i = 0; i < PARAM_COUNT; i++)
        if (strcmp(param_info[i].name, name) == 0)
            return (ParamId)i;
    return PARAM_COUNT;
}

RuleId rule_lookup(const char *name)
{
    for (int r = 0; r < RULE_COUNT; r++)
        if (strcmp(rule_info[r].name, name) == 0)
            return (RuleId)r;
    return RULE_COUNT;
}

const char *severity_name(Severity sev)
{
    switch (sev) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_NOTE: return "note";
    case SEV_ALLOW: return "allow";
    }
    return "?";
}

/* ===== queueing ===== */

static Diag *new_diag(Session *s, RuleId rule, Severity sev, Span span,
                      const char *fmt, va_list ap)
{
    Diag *d = arena_alloc(&s->arena, sizeof *d);
    d->rule = rule;
    d->sev = sev;
    d->span = span;
    d->msg = arena_vsprintf(&s->arena, fmt, ap);
    d->seq = s->seq++;
    return d;
}

/* An in-file `allow` covers the diagnostics of its rule inside its scope. */
static bool suppressed(Session *s, RuleId rule, Span span)
{
    for (size_t i = 0; i < s->allows.len; i++) {
        Allow *a = s->allows.items[i];
        if (a->rule_id == (int)rule && a->scope.file == span.file
            && span.start >= a->scope.start && span.start <= a->scope.end) {
            a->used = true;
            return true;
        }
    }
    return false;
}

static Diag *vreport(Session *s, RuleId rule, Severity sev, Span span, const char *fmt,
                     va_list ap)
{
    if (rule != RULE_COUNT && suppressed(s, rule, span))
        return NULL;
    if (sev == SEV_ALLOW)
        return NULL;
    if (sev == SEV_WARNING && s->deny_warnings)
        sev = SEV_ERROR;
    if (sev == SEV_ERROR && s->max_errors && s->counts[SEV_ERROR] >= s->max_errors) {
        s->too_many = true;
        return NULL;
    }
    s->counts[sev]++;
    Diag *d = new_diag(s, rule, sev, span, fmt, ap);
    ptrvec_push(&s->arena, &s->diags, d);
    return d;
}

Diag *diag_report(Session *s, RuleId rule, Span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Diag *d = vreport(s, rule, s->severity[rule], span, fmt, ap);
    va_end(ap);
    return d;
}

Diag *diag_report_as(Session *s, RuleId rule, Severity wanted, Span span, const char *fmt, ...)
{
    Severity configured = s->severity[rule];
    Severity sev = wanted;
    if (configured == SEV_ALLOW || configured > rule_info[rule].default_severity)
        sev = configured;
    va_list ap;
    va_start(ap, fmt);
    Diag *d = vreport(s, rule, sev, span, fmt, ap);
    va_end(ap);
    return d;
}

void diag_note(Session *s, Diag *parent, Span span, const char *fmt, ...)
{
    if (!parent)
        return;
    va_list ap;
    va_start(ap, fmt);
    Diag *n = new_diag(s, RULE_COUNT, SEV_NOTE, span, fmt, ap);
    va_end(ap);
    Diag **tail = &parent->notes;
    while (*tail)
        tail = &(*tail)->next_note;
    *tail = n;
}

size_t diag_count(const Session *s, Severity sev)
{
    return s->counts[sev];
}

bool diag_any_within(const Session *s, RuleId rule, Span span)
{
    for (size_t i = 0; i < s->diags.len; i++) {
        const Diag *d = s->diags.items[i];
        if (d->rule == rule && d->span.file == span.file && d->span.start >= span.start
            && d->span.start <= span.end)
            return true;
    }
    return false;
}

static int cmp_diag(const void *pa, const void *pb)
{
    const Diag *a = *(const Diag *const *)pa;
    const Diag *b = *(const Diag *const *)pb;
    if (a->span.file != b->span.file)
        return a->span.file < b->span.file ? -1 : 1;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_sort(Session *s)
{
    if (s->diags.len > 1)
        qsort(s->diags.items, s->diags.len, sizeof(void *), cmp_diag);
}

/* ===== rendering ===== */

#define TABSTOP 8
#define MAX_SHOWN 100       /* columns of a long line shown around the span */
#define CONTEXT_BEFORE 30

static const char *color_of(Severity sev)
{
    switch (sev) {
    case SEV_ERROR: return "\033[1;31m";
    case SEV_WARNING: return "\033[1;35m";
    default: return "\033[1;36m";
    }
}

static void paint(StrBuf *out, bool color, const char *code)
{
    if (color)
        strbuf_adds(out, code);
}

/* Control characters (C0, DEL, C1) and bidirectional overrides would let a
 * source file recolour the terminal or reorder what the reader sees. */
static bool unsafe_to_show(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
}

/* Appends the visible form of one source line and, when caret is non-NULL,
 * computes the display columns [*from, *to) of the byte range [a, b). */
static void show_line(StrBuf *out, const char *p, size_t n, size_t a, size_t b,
                      size_t *from, size_t *to)
{
    size_t col = 0, i = 0;
    *from = *to = (size_t)-1;
    while (i <= n) {
        if (i >= a && *from == (size_t)-1)
            *from = col;
        if (i >= b && *to == (size_t)-1)
            *to = col;
        if (i == n)
            break;
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k && cp == '\t') {
            size_t w = TABSTOP - col % TABSTOP;
            strbuf_repeat(out, ' ', w);
            col += w;
        } else if (k == 0 || unsafe_to_show(cp)) {
            strbuf_adds(out, "\xEF\xBF\xBD");
            col += 1;
            k = k ? k : 1;
        } else {
            strbuf_add(out, p + i, k);
            col += (size_t)utf8_cp_width(cp);
        }
        i += k;
    }
    if (*to == (size_t)-1)
        *to = col;
}

/* Byte offset of the code point before i (or 0). */
static size_t prev_cp(const char *p, size_t i)
{
    while (i > 0 && ((unsigned char)p[--i] & 0xC0) == 0x80)
        ;
    return i;
}

static size_t cp_width_at(const char *p, size_t n, size_t i, size_t *len)
{
    uint32_t cp;
    size_t k = utf8_decode(p + i, n - i, &cp);
    *len = k ? k : 1;
    return k && !unsafe_to_show(cp) ? (size_t)utf8_cp_width(cp) : 1;
}

/* Chooses the bytes [*ws, *we) of a long line to show: some context before
 * the span start a, then as much as fits in MAX_SHOWN columns. */
static void window(const char *p, size_t n, size_t a, size_t *ws, size_t *we)
{
    size_t i = a, w = 0, len;
    while (i > 0 && w < CONTEXT_BEFORE) {
        i = prev_cp(p, i);
        w += cp_width_at(p, n, i, &len);
    }
    *ws = i;
    for (w = 0; i < n && w < MAX_SHOWN; i += len)
        w += cp_width_at(p, n, i, &len);
    *we = i;
}

static void render_snippet(const SourceFile *f, Span sp, uint32_t line,
                           StrBuf *out, RenderOptions opt)
{
    const char *p;
    size_t n;
    src_line_text(f, line, &p, &n);
    size_t ls = (size_t)(p - f->text);
    size_t a = sp.start > ls ? sp.start - ls : 0;
    size_t b = sp.end > ls ? sp.end - ls : 0;
    if (a > n)
        a = n;
    if (b > n)
        b = n;  /* clip to the first line */
    size_t ws = 0, we = n, from, to;
    if (utf8_width(p, n) > MAX_SHOWN)
        window(p, n, a, &ws, &we);
    if (b > we)
        b = we;
    int gutter = line > 99999 ? snprintf(NULL, 0, "%u", line) : 5;
    strbuf_addf(out, "%*u | ", gutter, line);
    size_t lead = ws > 0 ? 3 : 0;
    if (lead)
        strbuf_adds(out, "...");
    show_line(out, p + ws, we - ws, a - ws, b - ws, &from, &to);
    if (we < n)
        strbuf_adds(out, "...");
    strbuf_addc(out, '\n');
    strbuf_repeat(out, ' ', (size_t)gutter + 1);
    strbuf_adds(out, "| ");
    strbuf_repeat(out, ' ', from + lead);
    paint(out, opt.color, "\033[1;32m");
    strbuf_addc(out, '^');
    if (to > from + 1)
        strbuf_repeat(out, '~', to - from - 1);
    paint(out, opt.color, "\033[0m");
    strbuf_addc(out, '\n');
}

static void render_header(const Session *s, const Diag *d, StrBuf *out,
                          RenderOptions opt, uint32_t *line)
{
    const SourceFile *f = session_file(s, d->span.file);
    paint(out, opt.color, "\033[1m");
    if (f) {
        uint32_t col;
        src_line_col(f, d->span.start, line, &col);
        strbuf_addf(out, "%s:%u:%u: ", f->path, *line, col);
    } else {
        strbuf_adds(out, "ptlc: ");
    }
    paint(out, opt.color, "\033[0m");
    paint(out, opt.color, color_of(d->sev));
    strbuf_adds(out, severity_name(d->sev));
    if (d->rule != RULE_COUNT)
        strbuf_addf(out, "[%s]", rule_info[d->rule].name);
    paint(out, opt.color, "\033[0m");
    strbuf_addf(out, ": %s\n", d->msg);
}

static void render_record(const Session *s, const Diag *d, StrBuf *out, RenderOptions opt)
{
    uint32_t line = 0;
    render_header(s, d, out, opt, &line);
    const SourceFile *f = session_file(s, d->span.file);
    if (f)
        render_snippet(f, d->span, line, out, opt);
}

void diag_render_one(const Session *s, const Diag *d, StrBuf *out, RenderOptions opt)
{
    render_record(s, d, out, opt);
    for (const Diag *n = d->notes; n; n = n->next_note)
        render_record(s, n, out, opt);
}

void diag_render_human(Session *s, StrBuf *out, RenderOptions opt)
{
    diag_sort(s);
    for (size_t i = 0; i < s->diags.len; i++)
        diag_render_one(s, s->diags.items[i], out, opt);
    if (s->too_many)
        strbuf_addf(out, "ptlc: too many errors; stopped after the first %zu (see --max-errors)\n",
                    s->max_errors);
}

void diag_render_summary(const Session *s, StrBuf *out, RenderOptions opt)
{
    size_t e = s->counts[SEV_ERROR], w = s->counts[SEV_WARNING];
    if (!e && !w)
        return;
    (void)opt;
    if (e)
        strbuf_addf(out, "%zu error%s", e, e == 1 ? "" : "s");
    if (e && w)
        strbuf_adds(out, ", ");
    if (w)
        strbuf_addf(out, "%zu warning%s", w, w == 1 ? "" : "s");
    strbuf_adds(out, " generated.\n");
}
