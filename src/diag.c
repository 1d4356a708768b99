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
#include "i18n.h"
#include "safetext.h"
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

/* ===== message text ===== */

/* Each %s argument is user text or holds some (a name, a unit, a token):
 * it is neutralised (safetext.h) and cut at MAX_ARG_CPS code points, so no
 * message can carry a terminal escape or grow with a 1 MB name. The
 * format itself is ptlc's own (or its translation, which i18n_format
 * allows only with the same arguments) and is copied as is. Arguments may
 * be numbered ("%2$s", as translations reorder them): all are read first,
 * in argument order, then converted where the format places them. */
#define MAX_ARG_CPS 160

typedef union Arg {
    int i;
    unsigned u;
    long l;
    unsigned long ul;
    long long q;
    unsigned long long uq;
    size_t z;
    const char *s;
} Arg;

static void read_args(const char *fmt, va_list ap, Arg *args)
{
    char types[I18N_MAX_ARGS];
    int n = i18n_arg_types(fmt, types);
    if (n < 0)
        BUG("unsupported conversion in a message");
    for (int i = 0; i < n; i++) {
        switch (types[i]) {
        case 'i': args[i].i = va_arg(ap, int); break;
        case 'u': args[i].u = va_arg(ap, unsigned); break;
        case 'l': args[i].l = va_arg(ap, long); break;
        case 'L': args[i].ul = va_arg(ap, unsigned long); break;
        case 'q': args[i].q = va_arg(ap, long long); break;
        case 'Q': args[i].uq = va_arg(ap, unsigned long long); break;
        case 'z': args[i].z = va_arg(ap, size_t); break;
        default: args[i].s = va_arg(ap, const char *); break;
        }
    }
}

/* One numeric conversion, through snprintf with the positions taken out. */
static void add_number(StrBuf *out, const FmtConv *c, const Arg *args)
{
    char spec[40];
    int width = c->width_arg >= 0 ? args[c->width_arg].i : c->width;
    int prec = c->prec_arg >= 0 ? args[c->prec_arg].i : c->prec;
    size_t k = (size_t)snprintf(spec, sizeof spec, "%%%s", c->flags);
    if (width >= 0)
        k += (size_t)snprintf(spec + k, sizeof spec - k, "%d", width);
    if (prec >= 0)
        k += (size_t)snprintf(spec + k, sizeof spec - k, ".%d", prec);
    const Arg *a = &args[c->arg];
    const char *len = strchr("lL", c->kind) ? "l" : strchr("qQ", c->kind) ? "ll"
                      : c->kind == 'z' ? "z" : "";
    snprintf(spec + k, sizeof spec - k, "%s%c", len, c->conv);
    switch (c->kind) {
    case 'l': strbuf_addf(out, spec, a->l); break;
    case 'L': strbuf_addf(out, spec, a->ul); break;
    case 'q': strbuf_addf(out, spec, a->q); break;
    case 'Q': strbuf_addf(out, spec, a->uq); break;
    case 'z': strbuf_addf(out, spec, a->z); break;
    case 'u': strbuf_addf(out, spec, a->u); break;
    default: strbuf_addf(out, spec, a->i); break;
    }
}

static void format_message(StrBuf *out, const char *fmt, va_list ap)
{
    Arg args[I18N_MAX_ARGS];
    read_args(fmt, ap, args);
    int next = 0, positional = -1;
    const char *p = fmt;
    for (const char *pct = strchr(p, '%'); pct; pct = strchr(p, '%')) {
        strbuf_add(out, p, (size_t)(pct - p));
        FmtConv c;
        if (!i18n_conv(pct, &next, &positional, &c))
            BUG("unsupported conversion in a message");
        p = c.end;
        if (c.conv == '%') {
            strbuf_addc(out, '%');
        } else if (c.conv == 's') {
            const char *arg = args[c.arg].s;
            int prec = c.prec_arg >= 0 ? args[c.prec_arg].i : c.prec;
            size_t n = prec >= 0 ? (size_t)prec : SIZE_MAX;
            safe_append_bounded(out, arg ? arg : "(null)", arg ? n : 6, MAX_ARG_CPS);
        } else {
            add_number(out, &c, args);
        }
    }
    strbuf_adds(out, p);
}

/* ===== queueing ===== */

static Diag *vreport_kept(Session *s, RuleId rule, Severity sev, Span span, const char *fmt,
                          va_list ap);

static Diag *new_diag(Session *s, RuleId rule, Severity sev, Span span,
                      const char *fmt, va_list ap)
{
    Diag *d = arena_alloc(&s->arena, sizeof *d);
    d->rule = rule;
    d->sev = sev;
    d->span = span;
    StrBuf sb = STRBUF_INIT;
    format_message(&sb, i18n_format(s->lang, fmt), ap);
    d->msg = arena_strndup(&s->arena, strbuf_cstr(&sb), sb.len);
    strbuf_release(&sb);
    d->seq = s->seq++;
    return d;
}

static int marked_index(RuleId rule)
{
    return rule == RULE_SYNTAX ? 0 : rule == RULE_ENCODING ? 1 : -1;
}

static void mark(Session *s, RuleId rule, Span span)
{
    int i = marked_index(rule);
    if (i < 0 || span.file == SPAN_NO_FILE)
        return;
    DiagMarks *m = &s->marks[i];
    if (m->len == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->items = xrealloc(m->items, m->cap * sizeof *m->items);
    }
    DiagMark k = {span.file, span.start};
    /* reports mostly come in source order; only a step back needs a sort */
    if (m->len && (m->items[m->len - 1].file > k.file
                   || (m->items[m->len - 1].file == k.file && m->items[m->len - 1].off > k.off)))
        m->sorted = false;
    else if (m->len == 0)
        m->sorted = true;
    m->items[m->len++] = k;
}

static int cmp_mark(const void *pa, const void *pb)
{
    const DiagMark *a = pa, *b = pb;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    return a->off < b->off ? -1 : a->off > b->off;
}

/* The first index of v[0..n) not ordered before (file, off), by before(). */
#define LOWER_BOUND(n, before)              \
    do {                                    \
        size_t lo_ = 0, hi_ = (n);          \
        while (lo_ < hi_) {                 \
            size_t mid = lo_ + (hi_ - lo_) / 2; \
            if (before)                     \
                lo_ = mid + 1;              \
            else                            \
                hi_ = mid;                  \
        }                                   \
        found = lo_;                        \
    } while (0)

bool diag_any_within(Session *s, RuleId rule, Span span)
{
    int i = marked_index(rule);
    if (i < 0)
        BUG("diag_any_within: the rule is not marked");
    DiagMarks *m = &s->marks[i];
    if (!m->sorted && m->len > 1) {
        qsort(m->items, m->len, sizeof *m->items, cmp_mark);
        m->sorted = true;
    }
    size_t found;
    LOWER_BOUND(m->len, m->items[mid].file < span.file
                            || (m->items[mid].file == span.file && m->items[mid].off < span.start));
    return found < m->len && m->items[found].file == span.file
        && m->items[found].off <= span.end;
}

/* ----- allows ----- */

static int cmp_slot(const void *pa, const void *pb)
{
    const Allow *a = ((const AllowSlot *)pa)->allow, *b = ((const AllowSlot *)pb)->allow;
    if (a->scope.file != b->scope.file)
        return a->scope.file < b->scope.file ? -1 : 1;
    if (a->scope.start != b->scope.start)
        return a->scope.start < b->scope.start ? -1 : 1;
    if (a->scope.end != b->scope.end)        /* the enclosing scope first */
        return a->scope.end > b->scope.end ? -1 : 1;
    return a->span.start < b->span.start ? -1 : a->span.start > b->span.start;
}

static bool scope_has(const Allow *a, uint32_t file, uint32_t off)
{
    return a->scope.file == file && off >= a->scope.start && off <= a->scope.end;
}

void diag_index_allows(Session *s)
{
    AllowIndex *ix = &s->allow_index;
    memset(ix->len, 0, sizeof ix->len);     /* built again when allows were added */
    for (size_t i = 0; i < s->allows.len; i++)
        ix->len[((Allow *)s->allows.items[i])->rule_id]++;
    for (int r = 0; r < RULE_COUNT; r++) {
        free(ix->slots[r]);
        ix->slots[r] = ix->len[r] ? xmalloc(ix->len[r] * sizeof(AllowSlot)) : NULL;
        ix->len[r] = 0;
    }
    for (size_t i = 0; i < s->allows.len; i++) {
        Allow *a = s->allows.items[i];
        ix->slots[a->rule_id][ix->len[a->rule_id]++] = (AllowSlot){a, SIZE_MAX};
    }
    /* scopes are AST spans, so they nest or are apart: a stack finds each
     * one's parent in one pass */
    size_t *stack = xmalloc((s->allows.len + 1) * sizeof *stack);
    for (int r = 0; r < RULE_COUNT; r++) {
        AllowSlot *v = ix->slots[r];
        size_t n = ix->len[r], depth = 0;
        if (n > 1)
            qsort(v, n, sizeof *v, cmp_slot);
        for (size_t i = 0; i < n; i++) {
            const Allow *a = v[i].allow;
            while (depth && !scope_has(v[stack[depth - 1]].allow, a->scope.file, a->scope.start))
                depth--;
            v[i].parent = depth ? stack[depth - 1] : SIZE_MAX;
            stack[depth++] = i;
        }
    }
    free(stack);
    ix->any = s->allows.len > 0;
}

/* The innermost in-file allow of rule whose scope covers span, or NULL. */
static Allow *covering_allow(const Session *s, RuleId rule, Span span)
{
    const AllowIndex *ix = &s->allow_index;
    if (!ix->any || rule == RULE_COUNT || !ix->len[rule])
        return NULL;
    const AllowSlot *v = ix->slots[rule];
    size_t found;
    /* the last scope starting at or before span.start */
    LOWER_BOUND(ix->len[rule], v[mid].allow->scope.file < span.file
                                  || (v[mid].allow->scope.file == span.file
                                      && v[mid].allow->scope.start <= span.start));
    for (size_t i = found ? found - 1 : SIZE_MAX; i != SIZE_MAX; i = v[i].parent)
        if (scope_has(v[i].allow, span.file, span.start))
            return v[i].allow;
    return NULL;
}

void diag_free_indexes(Session *s)
{
    for (int i = 0; i < DIAG_MARKED; i++)
        free(s->marks[i].items);
    for (int r = 0; r < RULE_COUNT; r++)
        free(s->allow_index.slots[r]);
}

/* ----- reporting ----- */

static Severity effective(const Session *s, Severity sev)
{
    return sev == SEV_WARNING && s->deny_warnings ? SEV_ERROR : sev;
}

static bool past_limit(const Session *s, Severity sev)
{
    return sev == SEV_ERROR && s->max_errors && s->counts[SEV_ERROR] >= s->max_errors;
}

static Diag *vreport(Session *s, RuleId rule, Severity sev, Span span, const char *fmt,
                     va_list ap)
{
    const char *offer = s->offered_fix;
    Span at = s->offered_span;
    s->offered_fix = NULL;
    Diag *d = vreport_kept(s, rule, sev, span, fmt, ap);
    if (d && offer && at.file == span.file && at.start >= span.start && at.end <= span.end)
        diag_fix(s, d, at, offer);
    return d;
}

void diag_offer_fix(Session *s, Span span, const char *text)
{
    s->offered_span = span;
    s->offered_fix = text;
}

static Diag *vreport_kept(Session *s, RuleId rule, Severity sev, Span span, const char *fmt,
                          va_list ap)
{
    mark(s, rule, span);
    Allow *a = covering_allow(s, rule, span);
    if (a) {
        a->used = true;
        return NULL;
    }
    if (sev == SEV_ALLOW)
        return NULL;
    sev = effective(s, sev);
    if (past_limit(s, sev)) {
        s->too_many = true;
        return NULL;
    }
    s->counts[sev]++;
    Diag *d = new_diag(s, rule, sev, span, fmt, ap);
    ptrvec_push(&s->arena, &s->diags, d);
    s->diags_sorted = false;
    return d;
}

bool diag_wanted(Session *s, RuleId rule, Span span)
{
    Severity sev = s->severity[rule];
    return sev != SEV_ALLOW && !covering_allow(s, rule, span)
        && !past_limit(s, effective(s, sev));
}

Diag *diag_vreport(Session *s, RuleId rule, Span span, const char *fmt, va_list ap)
{
    return vreport(s, rule, s->severity[rule], span, fmt, ap);
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

void diag_fix(Session *s, Diag *d, Span span, const char *text)
{
    if (!d)
        return;
    DiagFix *f = arena_alloc(&s->arena, sizeof *f);
    f->span = span;
    f->text = arena_strndup(&s->arena, text, strlen(text));
    f->next = NULL;
    DiagFix **tail = &d->fixes;
    while (*tail)
        tail = &(*tail)->next;
    *tail = f;
}

void diag_note(Session *s, Diag *parent, Span span, const char *fmt, ...)
{
    if (!parent)
        return;
    va_list ap;
    va_start(ap, fmt);
    Diag *n = new_diag(s, RULE_COUNT, SEV_NOTE, span, fmt, ap);
    va_end(ap);
    /* notes come in bursts for one parent: appending after the cached tail
     * keeps a note per project of a department linear */
    Diag **tail = s->last_parent == parent ? &s->last_note->next_note : &parent->notes;
    while (*tail)
        tail = &(*tail)->next_note;
    *tail = n;
    s->last_note = n;
    s->last_parent = parent;
}

size_t diag_count(const Session *s, Severity sev)
{
    return s->counts[sev];
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
    if (!s->diags_sorted && s->diags.len > 1)
        qsort(s->diags.items, s->diags.len, sizeof(void *), cmp_diag);
    s->diags_sorted = true;
}

void diag_range_start(const Session *s, DiagRange *r)
{
    r->diags[0] = s->diags.len;
    r->errors = s->counts[SEV_ERROR];
    for (int i = 0; i < DIAG_MARKED; i++)
        r->marks[i][0] = s->marks[i].len;
}

void diag_range_end(const Session *s, DiagRange *r)
{
    r->diags[1] = s->diags.len;
    r->errors = s->counts[SEV_ERROR] - r->errors;
    for (int i = 0; i < DIAG_MARKED; i++)
        r->marks[i][1] = s->marks[i].len;
}

void diag_take(Session *to, const Session *from, const DiagRange *r)
{
    for (size_t i = r->diags[0]; i < r->diags[1]; i++) {
        Diag *d = from->diags.items[i];
        d->seq = to->seq++;
        to->counts[d->sev]++;
        ptrvec_push(&to->arena, &to->diags, d);
    }
    if (r->diags[1] > r->diags[0])
        to->diags_sorted = false;
    static const RuleId marked[DIAG_MARKED] = {RULE_SYNTAX, RULE_ENCODING};
    for (int i = 0; i < DIAG_MARKED; i++)
        for (size_t k = r->marks[i][0]; k < r->marks[i][1]; k++) {
            const DiagMark *m = &from->marks[i].items[k];
            mark(to, marked[i], (Span){m->file, m->off, m->off});
        }
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

/* Appends the visible form of one source line (safetext.h: control and
 * bidirectional characters as their escapes, bad bytes as \xFF, tabs
 * expanded) and computes the display columns [*from, *to) of the byte
 * range [a, b). */
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
        size_t len;
        if (p[i] == '\t') {
            size_t w = TABSTOP - col % TABSTOP;
            strbuf_repeat(out, ' ', w);
            col += w;
            len = 1;
        } else {
            safe_cp_width(p + i, n - i, &len);
            col += safe_append(out, p + i, len);
        }
        i += len;
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

/* True when the line is wider than limit columns; reads no further than
 * needed, so a 100 MB line costs no more than a short one. */
static bool wider_than(const char *p, size_t n, size_t limit)
{
    size_t w = 0, len;
    for (size_t i = 0; i < n; i += len) {
        w += p[i] == '\t' ? TABSTOP : safe_cp_width(p + i, n - i, &len);
        if (p[i] == '\t')
            len = 1;
        if (w > limit)
            return true;
    }
    return false;
}

/* Chooses the bytes [*ws, *we) of a long line to show: some context before
 * the span start a, then as much as fits in MAX_SHOWN columns. */
static void window(const char *p, size_t n, size_t a, size_t *ws, size_t *we)
{
    size_t i = a, w = 0, len;
    while (i > 0 && w < CONTEXT_BEFORE) {
        i = prev_cp(p, i);
        w += safe_cp_width(p + i, n - i, &len);
    }
    *ws = i;
    for (w = 0; i < n && w < MAX_SHOWN; i += len)
        w += safe_cp_width(p + i, n - i, &len);
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
    if (wider_than(p, n, MAX_SHOWN))
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

/* The column of off on its line, in the unit asked for (1-based). */
static uint32_t column_in(const SourceFile *f, uint32_t off, uint32_t line, uint32_t col, ColumnUnit unit)
{
    if (unit == COLUMN_CODEPOINT || line == 0 || line > f->nlines)
        return col;
    const char *start;
    size_t len;
    src_line_text(f, line, &start, &len);
    size_t upto = (size_t)(f->text + off - start);
    if (upto > len)
        upto = len;
    if (unit == COLUMN_BYTE)
        return (uint32_t)upto + 1;
    size_t w = 0;
    for (size_t i = 0, k; i < upto; i += k)
        w += start[i] == '\t' ? (k = 1, TABSTOP - w % TABSTOP) : safe_cp_width(start + i, upto - i, &k);
    return (uint32_t)w + 1;
}

static void render_header(const Session *s, const Diag *d, StrBuf *out,
                          RenderOptions opt, uint32_t *line)
{
    const SourceFile *f = session_file(s, d->span.file);
    paint(out, opt.color, "\033[1m");
    if (f) {
        uint32_t col;
        src_line_col(f, d->span.start, line, &col);
        col = column_in(f, d->span.start, *line, col, opt.column);
        safe_append(out, f->path, strlen(f->path));
        strbuf_addf(out, ":%u:%u: ", *line, col);
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

/* The fixes on the shown line are printed under the caret at their
 * columns, on one line, as clang prints fix-its: the text to write there (a
 * deletion shows no text; the message says what to delete). */
static void render_fixes(const SourceFile *f, const Diag *d, uint32_t line, StrBuf *out,
                         RenderOptions opt)
{
    const char *p;
    size_t n;
    src_line_text(f, line, &p, &n);
    size_t ls = (size_t)(p - f->text), col = 0;
    if (wider_than(p, n, MAX_SHOWN))
        return;     /* a windowed line has no stable columns to point at */
    bool any = false;
    int gutter = line > 99999 ? snprintf(NULL, 0, "%u", line) : 5;
    for (const DiagFix *x = d->fixes; x; x = x->next) {     /* attached left to right */
        if (x->span.file != d->span.file || x->span.start < ls || x->span.start > ls + n
            || !x->text[0])
            continue;
        StrBuf ignored = STRBUF_INIT;
        size_t from, to;
        show_line(&ignored, p, n, x->span.start - ls, x->span.start - ls, &from, &to);
        strbuf_release(&ignored);
        if (!any) {
            strbuf_repeat(out, ' ', (size_t)gutter + 1);
            strbuf_adds(out, "| ");
            any = true;
        }
        if (from < col)
            from = col + 1;     /* overlapping texts stay apart */
        strbuf_repeat(out, ' ', from - col);
        paint(out, opt.color, "\033[32m");
        col = from + safe_append(out, x->text, strlen(x->text));
        paint(out, opt.color, "\033[0m");
    }
    if (any)
        strbuf_addc(out, '\n');
}

static void render_record(const Session *s, const Diag *d, StrBuf *out, RenderOptions opt)
{
    uint32_t line = 0;
    render_header(s, d, out, opt, &line);
    const SourceFile *f = session_file(s, d->span.file);
    if (f) {
        render_snippet(f, d->span, line, out, opt);
        render_fixes(f, d, line, out, opt);
    }
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
        strbuf_addf(out, i18n_format(s->lang, "ptlc: too many errors; stopped after the first %zu "
                                              "(see --max-errors)\n"), s->max_errors);
}

void diag_render_summary(const Session *s, StrBuf *out, RenderOptions opt)
{
    size_t e = s->counts[SEV_ERROR], w = s->counts[SEV_WARNING];
    if (!e && !w)
        return;
    (void)opt;
    StrBuf errs = STRBUF_INIT, warns = STRBUF_INIT;
    strbuf_addf(&errs, i18n_ngettext(s->lang, "%zu error", "%zu errors", e), e);
    strbuf_addf(&warns, i18n_ngettext(s->lang, "%zu warning", "%zu warnings", w), w);
    if (e && w)
        strbuf_addf(out, i18n_format(s->lang, "%s, %s generated.\n"), strbuf_cstr(&errs),
                    strbuf_cstr(&warns));
    else
        strbuf_addf(out, i18n_format(s->lang, "%s generated.\n"),
                    e ? strbuf_cstr(&errs) : strbuf_cstr(&warns));
    strbuf_release(&errs);
    strbuf_release(&warns);
}
