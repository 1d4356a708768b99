/* fmt: the canonical layout, printed from the tokens the grammar received.
 *
 * Why tokens: the grammar sees a file as tokens and statement ends (a line
 * end or ';'), nothing else, so a text that gives the same tokens with the
 * same statement ends reads as the same tables. The formatter reprints every
 * token as written (strings with their escapes, numbers such as 60.00,
 * quoted or bare names), except keywords under --keywords, and decides only
 * the white space: a line break where a statement ends, and nowhere a line
 * break would end one. Every result is parsed again and compared before it
 * is handed out (fmt_file), so a mistake here cannot change a table.
 *
 * The AST is read only for its spans: they say which statements are
 * indicators, budget lines, breakdown parts, execution lines and results,
 * and where their name, operator, value and unit are, so that consecutive
 * lines of one kind in a block are aligned in columns by display width
 * (a CJK character is two columns, as for carets).
 *
 * Comments are not tokens: each is attached to the token before it on its
 * line (trailing) or to the token after it (leading, on lines of its own),
 * and printed there. The layout rules are in docs/language.md, "Formatting
 * (ptlc fmt)". */
#include "fmt.h"

#include <stdlib.h>
#include <string.h>

#include "parse_internal.h"

enum { INDENT = 4, NCELLS = 5 };

typedef struct Comment {
    uint32_t start, end;
    bool line;                  /* '//': the line ends after it */
    bool nl_before;             /* a line break before it (the file start counts) */
    bool blank_before;          /* an empty line before it */
    bool nl_after;              /* a line break after it */
} Comment;

/* The statements whose columns are aligned, each with its own kind. */
typedef enum Class { CLS_NONE, CLS_INDICATOR, CLS_BUDGET, CLS_PART, CLS_EXEC, CLS_RESULT } Class;

/* Where the aligned cells of a statement are: name, operator, value, unit
 * (file SPAN_NO_FILE: absent); every other token is in the last cell. */
typedef struct Cells {
    Class cls;
    Span cell[NCELLS - 1];
} Cells;

typedef struct Tok {
    int kind;
    uint32_t start, end;
    const char *text;           /* as printed */
    size_t len;
    uint32_t line;              /* line breaks before it in the source */
    bool semi_after;            /* a statement ends after it */
    bool blank_before;          /* an empty line between it and what precedes it */
    bool gap2;                  /* two spaces before it: a dimension's next property */
    uint32_t lead, nlead;       /* its leading comments, in Fmt.c */
    uint32_t trail, ntrail;     /* its trailing comments */
    size_t match;               /* '{' and '}': the other one */
    bool oneline, empty;        /* '{': the block is kept on one line; it is { } */
    const Cells *cells;         /* the statement it starts is aligned by these */
} Tok;

typedef struct Fmt {
    Session *s;
    const SourceFile *src;
    const FmtOptions *opt;
    Tok *t;                     /* the tokens, then one for the end of the file */
    size_t n;
    Comment *c;
    size_t nc;
    /* output */
    StrBuf *out;
    const char *eol;
    int indent;                 /* of the next line opened */
    bool line_open;             /* the current line has text */
    bool want_blank;            /* an empty line before the next text */
    bool wrote;
    uint32_t pending, npending; /* trailing comments still to write */
} Fmt;

/* ===== output ===== */

static void put(Fmt *f, const char *s, size_t n)
{
    if (!f->line_open) {
        if (f->want_blank && f->wrote)
            strbuf_adds(f->out, f->eol);
        f->want_blank = false;
        strbuf_repeat(f->out, ' ', (size_t)f->indent * INDENT);
        f->line_open = true;
        f->wrote = true;
    }
    strbuf_add(f->out, s, n);
}

static void puts_(Fmt *f, const char *s)
{
    put(f, s, strlen(s));
}

/* Ends the current line; the next text opens one at indent. */
static void new_line(Fmt *f, int indent)
{
    if (f->line_open)
        strbuf_adds(f->out, f->eol);
    f->line_open = false;
    f->indent = indent;
}

static void put_comment(Fmt *f, const Comment *c)
{
    put(f, f->src->text + c->start, c->end - c->start);
}

static bool pending_ends_line(const Fmt *f)
{
    for (uint32_t i = 0; i < f->npending; i++)
        if (f->c[f->pending + i].line)
            return true;
    return false;
}

/* Writes the trailing comments not yet written, each after a space. */
static void flush_pending(Fmt *f)
{
    for (uint32_t i = 0; i < f->npending; i++) {
        puts_(f, " ");
        put_comment(f, &f->c[f->pending + i]);
    }
    f->npending = 0;
}

static void set_pending(Fmt *f, const Tok *t)
{
    f->pending = t->trail;
    f->npending = t->ntrail;
}

/* ===== reading the source ===== */

/* Line breaks in text[a, b): LF, CR LF and a lone CR count one each. */
static uint32_t breaks(const char *text, uint32_t a, uint32_t b)
{
    uint32_t k = 0;
    for (uint32_t i = a; i < b; i++)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= b || text[i + 1] != '\n')))
            k++;
    return k;
}

/* Between tokens there may only be blanks, line ends, ';' and comments;
 * anything else means the lexer skipped text (always with an error). */
static bool only_blanks(const char *text, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b; i++)
        if (!strchr(" \t\f\v\r\n;", text[i]) || text[i] == '\0')
            return false;
    return true;
}

/* A token is printed as written; a keyword in the language --keywords asks
 * for (lex.c has both spellings). A Chinese keyword the grammar read as a
 * name (预算 年度 { }) is a TOK_IDENT by then, and stays as it is. */
static void set_text(const Fmt *f, Tok *t)
{
    const char *kw = f->opt->keywords == FMT_KEYWORDS_KEEP || t->kind == TOK_IDENT
                         ? NULL : lex_keyword_spelling(t->kind, f->opt->keywords == FMT_KEYWORDS_ZH);
    t->text = kw ? kw : f->src->text + t->start;
    t->len = kw ? strlen(kw) : t->end - t->start;
}

/* The printed tokens (no ';'), each marked where a statement ends after it,
 * then the end of the file. False if the stream holds a supplied '}'
 * (a syntax error, which a caller has already refused). */
static bool read_tokens(Fmt *f, const ParseTokens *log)
{
    f->t = arena_alloc(&f->s->arena, (log->len + 1) * sizeof *f->t);
    for (size_t i = 0; i < log->len; i++) {
        const ParseToken *pt = &log->items[i];
        if (pt->tok == TOK_SEMI) {
            if (f->n > 0)
                f->t[f->n - 1].semi_after = true;
            continue;
        }
        if (pt->tok == TOK_END && i + 1 == log->len)
            break;
        if (pt->inserted || pt->tok == TOK_END)
            return false;
        Tok *t = &f->t[f->n++];
        t->kind = pt->tok;
        t->start = pt->span.start;
        t->end = pt->span.end;
        if (t->end <= t->start || (f->n > 1 && t->start < f->t[f->n - 2].end))
            return false;
        set_text(f, t);
    }
    f->t[f->n] = (Tok){.kind = TOK_END, .start = f->src->len, .end = f->src->len};
    return true;
}

/* Attaches comment ci to the token before it on its line. */
static void attach_trailing(Tok *prev, size_t ci)
{
    if (prev->ntrail == 0)
        prev->trail = (uint32_t)ci;
    prev->ntrail++;
}

/* Walks tokens and comments in source order: line counts, empty lines,
 * and which token each comment belongs to. */
static bool read_gaps(Fmt *f, const AstFile *ast)
{
    f->nc = ast->comments.len;
    f->c = arena_alloc(&f->s->arena, (f->nc + 1) * sizeof *f->c);
    const char *text = f->src->text;
    uint32_t at = f->src->body, line = 0;
    size_t ci = 0;
    Comment *prev_c = NULL;     /* the item just before, when it is a comment */
    Tok *trail_to = NULL;       /* the token a comment on its line trails */
    for (size_t ti = 0; ti <= f->n; ti++) {
        Tok *t = &f->t[ti];
        for (; ci < f->nc && ((Span *)ast->comments.items[ci])->start < t->start; ci++) {
            const Span *sp = ast->comments.items[ci];
            if (sp->start < at || sp->end > t->start || !only_blanks(text, at, sp->start))
                return false;
            uint32_t k = breaks(text, at, sp->start);
            Comment *c = &f->c[ci];
            *c = (Comment){sp->start, sp->end, text[sp->start + 1] == '/',
                           k > 0 || at == f->src->body, k > 1, false};
            if (prev_c)
                prev_c->nl_after = k > 0;
            if (!c->nl_before && trail_to)
                attach_trailing(trail_to, ci);
            else
                trail_to = NULL;
            if (!trail_to && t->nlead++ == 0)
                t->lead = (uint32_t)ci;
            line += k + breaks(text, sp->start, sp->end);
            at = sp->end;
            prev_c = c;
        }
        uint32_t end = ti < f->n ? t->start : f->src->len;
        if (end < at || !only_blanks(text, at, end))
            return false;
        uint32_t k = breaks(text, at, end);
        if (prev_c)
            prev_c->nl_after = k > 0 || ti == f->n;
        t->blank_before = k > 1;
        line += k;
        t->line = line;
        at = t->end;
        prev_c = NULL;
        trail_to = t;
    }
    return ci == f->nc;
}

static bool match_braces(Fmt *f)
{
    size_t *stack = xmalloc((f->n + 1) * sizeof *stack), depth = 0;
    bool ok = true;
    for (size_t i = 0; i < f->n && ok; i++) {
        if (f->t[i].kind == TOK_LBRACE) {
            stack[depth++] = i;
        } else if (f->t[i].kind == TOK_RBRACE) {
            ok = depth > 0;
            if (ok) {
                size_t o = stack[--depth];
                f->t[o].match = i;
                f->t[i].match = o;
            }
        }
    }
    ok = ok && depth == 0;
    free(stack);
    return ok;
}

/* ===== statements ===== */

/* The end of the statement that starts at i in a body that ends at to. */
static size_t stmt_end(const Fmt *f, size_t i, size_t to)
{
    for (size_t j = i; j < to; j++) {
        if (f->t[j].kind == TOK_LBRACE)
            j = f->t[j].match;
        if (f->t[j].semi_after)
            return j + 1;
    }
    return to;
}

static size_t count_stmts(const Fmt *f, size_t from, size_t to)
{
    size_t k = 0;
    for (size_t i = from; i < to; i = stmt_end(f, i, to))
        k++;
    return k;
}

static bool trail_ends_line(const Fmt *f, const Tok *t)
{
    for (uint32_t i = 0; i < t->ntrail; i++)
        if (f->c[t->trail + i].line)
            return true;
    return false;
}

/* A block stays on one line when it was written on one line and holds one
 * statement and no comment (gofmt keeps a one-line function body the same
 * way); an empty one is { }. Anything else is one statement per line. */
static void decide_blocks(Fmt *f)
{
    for (size_t j = f->n; j-- > 0;) {     /* inner blocks first */
        Tok *o = &f->t[j];
        if (o->kind != TOK_LBRACE)
            continue;
        const Tok *close = &f->t[o->match];
        bool quiet = !o->nlead && !close->nlead && (j == 0 || !trail_ends_line(f, &f->t[j - 1]));
        for (size_t k = j; k < o->match && quiet; k++) {
            const Tok *t = &f->t[k];
            quiet = (k == j || !t->nlead) && !t->ntrail
                    && (k == j || t->kind != TOK_LBRACE || t->oneline || t->empty);
        }
        o->empty = quiet && o->match == j + 1;
        o->oneline = quiet && !o->empty && o->line == close->line
                     && count_stmts(f, j + 1, o->match) == 1;
    }
}

/* ===== aligned columns ===== */

static Tok *tok_at(Fmt *f, uint32_t start)
{
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->t[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->n && f->t[lo].start == start ? &f->t[lo] : NULL;
}

static void mark(Fmt *f, uint32_t start, Class cls, Span name, Span op, Span value, Span unit)
{
    Tok *t = tok_at(f, start);
    if (!t)
        return;
    Cells *c = arena_alloc(&f->s->arena, sizeof *c);
    *c = (Cells){cls, {name, op, value, unit}};
    t->cells = c;
}

static Span unit_span(const Unit *u)
{
    return u->text ? u->span : SPAN_NONE;
}

static void mark_budget_lines(Fmt *f, const PtrVec *lines)
{
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *b = lines->items[i];
        if (!b)
            continue;
        mark(f, b->key.start, CLS_BUDGET, b->key, b->kind == BUDGET_TOTAL ? SPAN_NONE : b->name.span,
             b->has_amount ? b->amount.num.span : SPAN_NONE,
             b->has_amount ? unit_span(&b->amount.unit) : SPAN_NONE);
        mark_budget_lines(f, &b->parts);
    }
}

static void mark_parts(Fmt *f, const PtrVec *parts)
{
    for (size_t i = 0; i < parts->len; i++) {
        const Part *p = parts->items[i];
        mark(f, p->key.start, CLS_PART, p->key, p->name.text ? p->name.span : SPAN_NONE,
             p->has_amount ? p->amount.num.span : SPAN_NONE,
             p->has_amount ? unit_span(&p->amount.unit) : SPAN_NONE);
        mark_parts(f, &p->parts);
    }
}

static void mark_tree(Fmt *f, const Category *cat)
{
    for (size_t i = 0; i < cat->items.len; i++) {
        const Category *sub = cat->items.items[i];
        if (sub->kind == NODE_CATEGORY) {
            mark_tree(f, sub);
            continue;
        }
        const Indicator *ind = cat->items.items[i];
        mark(f, ind->name.span.start, CLS_INDICATOR, ind->name.span,
             ind->op == OP_NONE ? SPAN_NONE : ind->op_span,
             ind->value.kind == VAL_NONE ? SPAN_NONE : ind->value.span, unit_span(&ind->unit));
    }
}

static void mark_field(Fmt *f, const Field *fd)
{
    switch (fd->kind) {
    case FIELD_BUDGET: case FIELD_FUNDING:
        mark_budget_lines(f, &fd->lines);
        break;
    case FIELD_BREAKDOWN:
        mark_parts(f, &fd->lines);
        break;
    case FIELD_INDICATORS:
        if (fd->root)
            mark_tree(f, fd->root);
        break;
    case FIELD_EXECUTION:
        for (size_t i = 0; i < fd->lines.len; i++) {
            const ExecLine *l = fd->lines.items[i];
            mark(f, l->key.start, CLS_EXEC, l->key, l->kind == BUDGET_TOTAL ? SPAN_NONE : l->name.span,
                 l->has_spent ? l->spent.num.span : SPAN_NONE,
                 l->has_spent ? unit_span(&l->spent.unit) : SPAN_NONE);
        }
        break;
    case FIELD_RESULTS:
        for (size_t i = 0; i < fd->lines.len; i++) {
            const Result *r = fd->lines.items[i];
            mark(f, r->name.span.start, CLS_RESULT, r->name.span, SPAN_NONE,
                 r->actual.kind == VAL_NONE ? SPAN_NONE : r->actual.span, unit_span(&r->unit));
        }
        break;
    default:
        break;
    }
}

/* dimension ratio "比率" { min 0  max 100 }: two spaces between properties. */
static void mark_dimension(Fmt *f, const DimDecl *d)
{
    for (size_t i = 1; i < d->props.len; i++) {
        Tok *t = tok_at(f, ((const DimProp *)d->props.items[i])->key.span.start);
        if (t)
            t->gap2 = true;
    }
}

static void read_ast(Fmt *f, const AstFile *ast)
{
    for (size_t i = 0; i < ast->decls.len; i++) {
        const Decl *d = ast->decls.items[i];
        if (d->kind == DECL_DIMENSION)
            mark_dimension(f, d->u.dim);
        if (d->kind != DECL_TABLE)
            continue;
        for (size_t k = 0; k < d->u.table->fields.len; k++)
            mark_field(f, d->u.table->fields.items[k]);
    }
}

/* ===== one line ===== */

static bool is_unit_atom(int kind)
{
    return kind == TOK_IDENT || kind == TOK_PERCENT || kind == TOK_PERMILLE;
}

/* Spaces between token j-1 and token j on a line: none inside a unit
 * (元/人·月) and around '..' (40..50), unless that would make a comment
 * opener ('/' then '/' or '*'); two before a dimension's next property. */
static int sep(const Fmt *f, size_t j)
{
    const Tok *a = &f->t[j - 1], *b = &f->t[j];
    if (b->gap2)
        return 2;
    bool tight = a->kind == TOK_DOTDOT || b->kind == TOK_DOTDOT || a->kind == TOK_SLASH
                 || a->kind == TOK_STAR || b->kind == TOK_STAR
                 || (b->kind == TOK_SLASH && is_unit_atom(a->kind));
    if (!tight)
        return 1;
    char x = a->text[a->len - 1], y = b->text[0];
    return strchr("/*.", x) && strchr("/*.", y) ? 1 : 0;
}

/* Tokens [a, b) on one line, with their one-line blocks (no comments). */
static void render_inline(const Fmt *f, size_t a, size_t b, StrBuf *sb)
{
    for (size_t j = a; j < b; j++) {
        if (j > a)
            strbuf_repeat(sb, ' ', (size_t)sep(f, j));
        const Tok *t = &f->t[j];
        if (t->kind == TOK_LBRACE) {
            if (t->empty) {
                strbuf_adds(sb, "{ }");
            } else {
                strbuf_adds(sb, "{ ");
                render_inline(f, j + 1, t->match, sb);
                strbuf_adds(sb, " }");
            }
            j = t->match;
            continue;
        }
        strbuf_add(sb, t->text, t->len);
    }
}

/* ===== printing ===== */

typedef struct Stmt {
    size_t from, to;            /* its tokens */
    size_t head;                /* the '{' of a block it ends with that takes lines, else to */
} Stmt;

static void print_body(Fmt *f, size_t from, size_t to, int indent);
static size_t print_block(Fmt *f, size_t j, int indent);

/* Comments on lines of their own before token t, at indent. Returns with
 * the line open when t follows the last comment on its line. */
static void print_leading(Fmt *f, const Tok *t, int indent, bool first)
{
    for (uint32_t i = 0; i < t->nlead; i++) {
        const Comment *c = &f->c[t->lead + i];
        if (c->nl_before || i == 0) {
            new_line(f, indent);
            if (c->blank_before && !(first && i == 0))
                f->want_blank = true;
        } else {
            puts_(f, " ");
        }
        put_comment(f, c);
    }
    if (t->nlead == 0) {
        new_line(f, indent);
        f->want_blank = t->blank_before && !first;
        return;
    }
    const Comment *last = &f->c[t->lead + t->nlead - 1];
    if (last->line || last->nl_after) {
        new_line(f, indent);
        f->want_blank = t->blank_before && t->kind != TOK_RBRACE && t->kind != TOK_END;
    } else {
        puts_(f, " ");
    }
}

/* Before token j inside a statement: the comments still to write, then a
 * line break (continuing the statement one level deeper) where a line
 * comment ends the line, else the separator. */
static void before_token(Fmt *f, size_t j, int indent)
{
    const Tok *t = &f->t[j];
    bool ends = pending_ends_line(f), wrote = f->npending > 0;
    if (t->kind == TOK_LBRACE && ends) {
        puts_(f, " ");          /* the comment goes after the '{' */
        return;
    }
    flush_pending(f);
    if (ends)
        new_line(f, indent + 1);
    if (t->nlead && t->kind != TOK_LBRACE) {
        for (uint32_t i = 0; i < t->nlead; i++) {
            const Comment *c = &f->c[t->lead + i];
            if (c->nl_before)
                new_line(f, indent + 1);
            else
                puts_(f, " ");
            put_comment(f, c);
        }
        const Comment *last = &f->c[t->lead + t->nlead - 1];
        if (last->line || last->nl_after)
            new_line(f, indent + 1);
        else
            puts_(f, " ");
        return;
    }
    if (f->line_open) {
        int k = sep(f, j);
        strbuf_repeat(f->out, ' ', (size_t)(wrote && k == 0 ? 1 : k));
    }
}

/* Tokens [a, b) of a statement whose first token is already placed. */
static void print_run(Fmt *f, size_t a, size_t b, int indent, bool first)
{
    for (size_t j = a; j < b; j++) {
        if (j > a || !first)
            before_token(f, j, indent);
        if (f->t[j].kind == TOK_LBRACE) {
            j = print_block(f, j, indent);
            continue;
        }
        put(f, f->t[j].text, f->t[j].len);
        set_pending(f, &f->t[j]);
    }
}

/* The block whose '{' is token j; returns the index of its '}'. */
static size_t print_block(Fmt *f, size_t j, int indent)
{
    const Tok *o = &f->t[j];
    size_t m = o->match;
    if (o->empty || o->oneline) {
        flush_pending(f);
        StrBuf sb = STRBUF_INIT;
        render_inline(f, j, m + 1, &sb);
        put(f, sb.buf, sb.len);
        strbuf_release(&sb);
        set_pending(f, &f->t[m]);
        return m;
    }
    puts_(f, "{");
    flush_pending(f);
    set_pending(f, o);
    flush_pending(f);
    if (o->nlead) {
        Tok lead = *o;
        lead.kind = TOK_RBRACE;     /* no empty line after these */
        print_leading(f, &lead, indent + 1, true);
    }
    print_body(f, j + 1, m, indent + 1);
    new_line(f, indent);
    puts_(f, "}");
    set_pending(f, &f->t[m]);
    return m;
}

static Stmt make_stmt(const Fmt *f, size_t from, size_t to)
{
    Stmt s = {from, to, to};
    const Tok *last = &f->t[to - 1];
    if (last->kind == TOK_RBRACE && !f->t[last->match].oneline && !f->t[last->match].empty)
        s.head = last->match;
    return s;
}

/* The cell of each token of s's head, as ranges [at[k], at[k+1]) of
 * tokens; false when they are not in order (then s is not aligned). */
static bool cell_ranges(const Fmt *f, const Stmt *s, size_t at[NCELLS + 1])
{
    const Cells *c = f->t[s->from].cells;
    int cur = 0;
    at[0] = s->from;
    for (size_t j = s->from; j < s->head; j++) {
        int k = NCELLS - 1;
        for (int i = 0; i < NCELLS - 1; i++)
            if (c->cell[i].file != SPAN_NO_FILE && f->t[j].start >= c->cell[i].start
                && f->t[j].start < c->cell[i].end)
                k = i;
        if (k < cur)
            return false;
        for (; cur < k; cur++)
            at[cur + 1] = j;
        if (f->t[j].kind == TOK_LBRACE)
            j = f->t[j].match;
    }
    for (; cur < NCELLS; cur++)
        at[cur + 1] = s->head;
    return true;
}

/* A statement is aligned with its neighbours when it has cells, no comment
 * inside its line (one after it is fine), and no block taking lines but a
 * last one. */
static bool alignable(const Fmt *f, const Stmt *s)
{
    const Tok *first = &f->t[s->from];
    if (!first->cells || first->cells->cls == CLS_NONE)
        return false;
    if (first->nlead) {
        const Comment *last = &f->c[first->lead + first->nlead - 1];
        if (!last->line && !last->nl_after)
            return false;
    }
    for (size_t j = s->from; j < s->head; j++) {
        const Tok *t = &f->t[j];
        if ((j > s->from && t->nlead) || (t->ntrail && !(j + 1 == s->to && s->head == s->to)))
            return false;
        if (t->kind == TOK_LBRACE && !t->oneline && !t->empty)
            return false;
    }
    size_t at[NCELLS + 1];
    return cell_ranges(f, s, at);
}

static size_t cell_width(const StrBuf *sb)
{
    return utf8_width(sb->buf ? sb->buf : "", sb->len);
}

/* The columns' widths. A line without a unit lets its value run on into
 * the unit column ("高于市平均值" beside 100 %), so a text value does not
 * push the numbers' units away. */
static void column_widths(const StrBuf *cells, size_t n, size_t w[NCELLS])
{
    size_t spill = 0;
    for (size_t i = 0; i < n; i++) {
        const StrBuf *row = &cells[i * NCELLS];
        for (size_t k = 0; k < NCELLS; k++) {
            size_t cw = cell_width(&row[k]);
            if (k == 2 && row[3].len == 0)
                spill = cw > spill ? cw : spill;
            else if (cw > w[k])
                w[k] = cw;
        }
    }
    if (w[3] == 0)
        w[2] = spill > w[2] ? spill : w[2];
    else if (spill > w[2] + 1 + w[3])
        w[3] = spill - w[2] - 1;
}

/* One aligned line: each cell padded to its column when more follows. */
static void print_row(Fmt *f, const StrBuf *row, const size_t w[NCELLS])
{
    size_t last = 0;
    for (size_t k = 0; k < NCELLS; k++)
        if (row[k].len)
            last = k;
    bool any = false;
    for (size_t k = 0; k <= last; k++) {
        bool spill = k == 2 && row[3].len == 0;
        size_t width = spill && w[3] ? w[2] + 1 + w[3] : w[k];
        if (width == 0)
            continue;
        if (any)
            puts_(f, " ");
        put(f, strbuf_cstr(&row[k]), row[k].len);
        if (k < last)
            strbuf_repeat(f->out, ' ', width - cell_width(&row[k]));
        any = true;
        k += spill;
    }
}

/* Statements st[0..n) aligned cell by cell. */
static void print_aligned(Fmt *f, const Stmt *st, size_t n, int indent, bool first)
{
    StrBuf *cells = xcalloc(n * NCELLS, sizeof *cells);
    size_t w[NCELLS] = {0};
    for (size_t i = 0; i < n; i++) {
        size_t at[NCELLS + 1];
        cell_ranges(f, &st[i], at);
        for (size_t k = 0; k < NCELLS; k++)
            render_inline(f, at[k], at[k + 1], &cells[i * NCELLS + k]);
    }
    column_widths(cells, n, w);
    for (size_t i = 0; i < n; i++) {
        print_leading(f, &f->t[st[i].from], indent, first && i == 0);
        print_row(f, &cells[i * NCELLS], w);
        set_pending(f, &f->t[st[i].head - 1]);
        if (st[i].head < st[i].to)
            print_run(f, st[i].head, st[i].to, indent, false);
        flush_pending(f);
    }
    for (size_t i = 0; i < n * NCELLS; i++)
        strbuf_release(&cells[i]);
    free(cells);
}

static void print_stmt(Fmt *f, const Stmt *s, int indent, bool first)
{
    print_leading(f, &f->t[s->from], indent, first);
    print_run(f, s->from, s->to, indent, true);
    flush_pending(f);
}

/* How many statements from st[0] are aligned together: consecutive, of the
 * same kind, with no empty line or comment line between them; a statement
 * that ends with a block taking lines ends its group. */
static size_t group_len(const Fmt *f, const Stmt *st, size_t n)
{
    if (!alignable(f, &st[0]))
        return 1;
    Class cls = f->t[st[0].from].cells->cls;
    size_t k = 1;
    while (k < n && st[k - 1].head == st[k - 1].to && alignable(f, &st[k])
           && f->t[st[k].from].cells->cls == cls && !f->t[st[k].from].nlead
           && !f->t[st[k].from].blank_before)
        k++;
    return k;
}

/* The statements of tokens [from, to), then the comments before to (the
 * block's '}' or the end of the file). */
static void print_body(Fmt *f, size_t from, size_t to, int indent)
{
    size_t n = 0, cap = 8;
    Stmt *st = xmalloc(cap * sizeof *st);
    for (size_t i = from; i < to;) {
        size_t e = stmt_end(f, i, to);
        if (n == cap)
            st = xrealloc(st, (cap *= 2) * sizeof *st);
        st[n++] = make_stmt(f, i, e);
        i = e;
    }
    for (size_t i = 0; i < n;) {
        size_t g = group_len(f, st + i, n - i);
        if (g > 1 || alignable(f, &st[i]))
            print_aligned(f, st + i, g, indent, i == 0);
        else
            print_stmt(f, &st[i], indent, i == 0);
        i += g;
    }
    free(st);
    const Tok *close = &f->t[to];
    if (close->nlead) {
        print_leading(f, close, indent, n == 0);
        new_line(f, indent);
    }
}

/* ===== checking the result ===== */

/* The tokens as the grammar reads them: ';' only where it ends a
 * statement that has something in it. */
static size_t next_significant(const ParseTokens *log, size_t i, int *prev)
{
    for (; i < log->len; i++) {
        int k = log->items[i].tok;
        if (k == TOK_SEMI && (*prev == TOK_SEMI || *prev == TOK_LBRACE || *prev == -1))
            continue;
        *prev = k;
        return i;
    }
    return i;
}

static bool same_text(const SourceFile *a, Span x, const SourceFile *b, Span y)
{
    return x.end - x.start == y.end - y.start
           && memcmp(a->text + x.start, b->text + y.start, x.end - x.start) == 0;
}

static bool same_tokens(const Fmt *f, const ParseTokens *a, const SourceFile *sb, const ParseTokens *b)
{
    int pa = -1, pb = -1;
    size_t i = 0, j = 0;
    for (;;) {
        i = next_significant(a, i, &pa);
        j = next_significant(b, j, &pb);
        if (i == a->len || j == b->len)
            return i == a->len && j == b->len;
        const ParseToken *x = &a->items[i++], *y = &b->items[j++];
        if (x->tok != y->tok || (y->inserted && y->tok != TOK_SEMI))
            return false;
        bool kw = lex_keyword_spelling(x->tok, false) && x->tok != TOK_IDENT;
        if (x->tok != TOK_SEMI && x->tok != TOK_END && (!kw || f->opt->keywords == FMT_KEYWORDS_KEEP)
            && !same_text(f->src, x->span, sb, y->span))
            return false;
    }
}

static bool same_comments(const Fmt *f, const AstFile *a, const SourceFile *sb, const AstFile *b)
{
    if (a->comments.len != b->comments.len)
        return false;
    for (size_t i = 0; i < a->comments.len; i++)
        if (!same_text(f->src, *(Span *)a->comments.items[i], sb, *(Span *)b->comments.items[i]))
            return false;
    return true;
}

static bool has_syntax_errors(Session *s, uint32_t file)
{
    Span whole = {file, 0, session_file(s, file)->len};
    return diag_any_within(s, RULE_SYNTAX, whole) || diag_any_within(s, RULE_ENCODING, whole);
}

/* Parses file with only its syntax and encoding errors counted: what the
 * lexer also finds (control characters, long numbers) is the checker's
 * business, and must not stop the parse at --max-errors, leaving a text
 * that looks complete but is not. */
static const AstFile *parse_syntax(Session *s, uint32_t file, ParseTokens *log)
{
    Severity saved[RULE_COUNT];
    memcpy(saved, s->severity, sizeof saved);
    for (int r = 0; r < RULE_COUNT; r++)
        if (r != RULE_SYNTAX && r != RULE_ENCODING)
            s->severity[r] = SEV_ALLOW;
    const AstFile *ast = parse_source_tokens(s, file, log);
    memcpy(s->severity, saved, sizeof saved);
    return ast;
}

/* The formatted text, parsed on its own, must read as the original did. */
static bool reads_the_same(const Fmt *f, const ParseTokens *log, const AstFile *ast, const StrBuf *text)
{
    Session v;
    session_init(&v);
    uint32_t id = session_add_source(&v, f->src->path, strbuf_cstr(text), text->len);
    ParseTokens log2 = {0};
    const AstFile *ast2 = parse_syntax(&v, id, &log2);
    bool ok = !has_syntax_errors(&v, id) && same_tokens(f, log, session_file(&v, id), &log2)
              && same_comments(f, ast, session_file(&v, id), ast2);
    parse_tokens_free(&log2);
    session_free(&v);
    return ok;
}

/* ===== entry ===== */

/* Lines end as the file's first line does (CR LF or LF), so a file edited
 * on Windows stays as it was; a byte order mark is kept. */
static const char *line_end(const SourceFile *src)
{
    const char *nl = memchr(src->text, '\n', src->len);
    return nl && nl > src->text && nl[-1] == '\r' ? "\r\n" : "\n";
}

FmtStatus fmt_file(Session *s, uint32_t file, const FmtOptions *opt, StrBuf *out)
{
    ParseTokens log = {0};
    const AstFile *ast = parse_syntax(s, file, &log);
    if (has_syntax_errors(s, file)) {
        parse_tokens_free(&log);
        return FMT_SYNTAX;
    }
    Fmt f = {0};
    f.s = s;
    f.src = session_file(s, file);
    f.opt = opt;
    StrBuf text = STRBUF_INIT;
    f.out = &text;
    f.eol = line_end(f.src);
    FmtStatus st = FMT_INTERNAL;
    if (read_tokens(&f, &log) && read_gaps(&f, ast) && match_braces(&f)) {
        decide_blocks(&f);
        read_ast(&f, ast);
        strbuf_add(&text, f.src->text, f.src->body);     /* the byte order mark */
        print_body(&f, 0, f.n, 0);
        new_line(&f, 0);
        if (reads_the_same(&f, &log, ast, &text)) {
            strbuf_add(out, text.buf ? text.buf : "", text.len);
            st = FMT_OK;
        }
    }
    strbuf_release(&text);
    parse_tokens_free(&log);
    return st;
}
