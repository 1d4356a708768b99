/* parse: the driver around the flex scanner and the bison parser, and the
 * token-stream rules that make .ptl line-oriented.
 *
 * Statement ends. A newline ends a statement unless the last token must be
 * followed by more on the same line (an operator, '{', '/', '..'), much as
 * in Go; '}' also ends the statement before it. The grammar therefore only
 * ever sees ';' (SEMI).
 *
 * Unclosed blocks. The driver keeps a stack of open braces with the
 * statement that opened each. At end of file, or when a table keyword starts
 * a line while a block is open, it reports "expected '}' to close 'budget'
 * opened at line 3" once and supplies the missing braces, so the rest of the
 * file still parses instead of drowning in follow-on errors. */
#include "parse.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parse_internal.h"
#include "safetext.h"
#include "ptl.lex.h"

enum { MAX_DEPTH = 64 };

/* ===== error reporting ===== */

Diag *parse_error(Parser *p, Span span, const char *fmt, ...)
{
    if (p->glue_end && span.start >= p->glue_start && span.start < p->glue_end)
        return NULL;    /* a glued name, already reported as one */
    va_list ap;
    va_start(ap, fmt);
    Diag *d = diag_vreport(p->s, RULE_SYNTAX, span, fmt, ap);
    va_end(ap);
    return d;
}

/* How the offending token reads in a message: its text for names, numbers
 * and strings, the grammar's alias otherwise. */
static const char *describe_token(Parser *p, Span at)
{
    const char *t = p->src->text + at.start;
    size_t n = at.end - at.start;
    if (p->last_tok == TOK_SEMI && p->virtual_semi)
        return i18n_trc(p->s, "token", "end of line");
    if (n == 0)
        return i18n_trc(p->s, "token", "end of file");
    StrBuf sb = STRBUF_INIT;
    strbuf_addc(&sb, '\'');
    safe_append_bounded(&sb, t, n, 40);
    strbuf_addc(&sb, '\'');
    const char *d = arena_strndup(&p->s->arena, sb.buf, sb.len);
    strbuf_release(&sb);
    return d;
}

/* "did you mean 'budget'?" for a name where a keyword would fit. */
static const char *keyword_hint(Parser *p, Span at, const char **expected, int n)
{
    if (p->last_tok != TOK_IDENT)
        return NULL;
    char *word = arena_strndup(&p->s->arena, p->src->text + at.start, at.end - at.start);
    const char *kw = lex_suggest_keyword(word);
    if (!kw)
        return NULL;
    const char *quoted = arena_sprintf(&p->s->arena, "'%s'", kw);
    for (int i = 0; i < n; i++)
        if (strcmp(expected[i], quoted) == 0)
            return kw;
    return n == 0 ? kw : NULL;
}

/* The grammar's names of the tokens that are not keywords (ptl.y's
 * aliases), as a message shows them; a keyword is shown as written. */
static const char *token_name(Parser *p, const char *alias)
{
    static const char *const words[] __attribute__((unused)) = {
        NC_("token", "end of file"), NC_("token", "string"), NC_("token", "number"),
        NC_("token", "date"), NC_("token", "name"), NC_("token", "end of line")};
    return alias[0] == '\'' ? alias : i18n_trc(p->s, "token", alias);
}

void parse_syntax_error(Parser *p, Span at, bool at_eof, const char **expected, int nexpected)
{
    StrBuf sb = STRBUF_INIT;
    const char *what = at_eof ? token_name(p, "end of file") : describe_token(p, at);
    const char *kw = at_eof ? NULL : keyword_hint(p, at, expected, nexpected);
    if (kw)
        diag_offer_fix(p->s, at, kw);
    for (int i = 0; !kw && i < nexpected; i++) {
        if (i)
            strbuf_adds(&sb, i == nexpected - 1 ? i18n_trc(p->s, "list", " or ")
                                                : i18n_trc(p->s, "list", ", "));
        strbuf_adds(&sb, token_name(p, expected[i]));
    }
    /* the token and the list are bounded separately (diag.c cuts each
     * argument), so a long token cannot crowd out what was expected */
    if (kw)
        parse_error(p, at, "unexpected %s; did you mean '%s'?", what, kw);
    else if (nexpected)
        parse_error(p, at, "unexpected %s, expected %s", what, strbuf_cstr(&sb));
    else
        parse_error(p, at, "unexpected %s", what);
    strbuf_release(&sb);
}

void parse_internal_error(Parser *p, Span at, const char *msg)
{
    if (strcmp(msg, "memory exhausted") == 0)
        parse_error(p, at, "input nested too deeply to parse");
    else
        parse_error(p, at, "%s", msg);
}

/* ===== token stream ===== */

/* Only a token that always continues on the same line (an opening brace,
 * an operator, a separator) lets a statement run past a newline; a keyword
 * left at the end of a line is a statement cut short, and is better
 * reported there than on the next line. */
static bool ends_statement(int tok)
{
    switch (tok) {
    case TOK_LBRACE: case TOK_SEMI: case TOK_SLASH: case TOK_DOTDOT:
    case TOK_GE: case TOK_LE: case TOK_GT: case TOK_LT: case TOK_EQ: case TOK_QUAL:
    case TOK_END:
        return false;
    default:
        return true;
    }
}

static uint32_t line_of(Parser *p, uint32_t off)
{
    uint32_t line, col;
    src_line_col(p->src, off, &line, &col);
    return line;
}

static const char *span_text(Parser *p, Span sp)
{
    size_t n = sp.end - sp.start;
    return arena_strndup(&p->s->arena, p->src->text + sp.start, n > 40 ? 40 : n);
}

static int line_indent(const Parser *p, uint32_t off);

static void push_brace(Parser *p, Span open)
{
    if (p->depth == p->braces_cap) {
        p->braces_cap = p->braces_cap ? p->braces_cap * 2 : 16;
        p->braces = xrealloc(p->braces, p->braces_cap * sizeof *p->braces);
    }
    p->braces[p->depth++] = (Brace){open, p->stmt_first, line_indent(p, p->stmt_first.start), -2};
}

static void report_unclosed(Parser *p, Span at, const char *why)
{
    Brace *b = &p->braces[p->depth - 1];
    Diag *d = diag_report(p->s, RULE_SYNTAX, at, "expected '}' to close '%s' opened at line %u%s",
                          span_text(p, b->opener), line_of(p, b->open.start),
                          i18n_tr(p->s, why));
    diag_note(p->s, d, b->open, "the block opened here");
}

/* A table keyword at the very start of a line while a block is open almost
 * always means a '}' was forgotten above it. */
static bool opened_by_project(const Parser *p, const Brace *b)
{
    for (int zh = 0; zh < 2; zh++) {
        const char *kw = lex_keyword_spelling(TOK_PROJECT, zh);
        size_t n = strlen(kw);
        if (b->opener.end - b->opener.start == n
            && memcmp(p->src->text + b->opener.start, kw, n) == 0)
            return true;
    }
    return false;
}

static bool table_starts_line(Parser *p, int tok, Span sp)
{
    if (tok != TOK_DEPARTMENT && tok != TOK_PROJECT)
        return false;
    /* 'department' (部门) directly inside a project (项目) is its owner */
    if (tok == TOK_DEPARTMENT && p->depth == 1 && opened_by_project(p, &p->braces[0]))
        return false;
    return p->depth > 0 && (sp.start == 0 || p->src->text[sp.start - 1] == '\n'
                            || sp.start == p->src->body);
}

static int next_raw(Parser *p, void *scanner, YYSTYPE *lval, Span *lloc)
{
    if (p->have_held) {
        p->have_held = false;
        *lval = p->held_val;
        *lloc = p->held_span;
        return p->held_tok;
    }
    for (;;) {
        int tok = ptl_raw_lex(lval, lloc, scanner);
        /* the end of input comes with the last token's span, which may lie
           inside a glued name running to the end: it is never dropped */
        if (tok == 0 || lloc->start < p->glue_from || lloc->start >= p->glue_end)
            return tok;     /* (the rest of a glued name is dropped) */
    }
}

static void hold(Parser *p, int tok, const YYSTYPE *lval, Span lloc)
{
    p->held_tok = tok;
    p->held_val = *lval;
    p->held_span = lloc;
    p->have_held = true;
}

/* The indentation (in columns, a tab to the next multiple of 8) of the line
 * that holds off, when only blanks precede off on it; -1 otherwise. The scan
 * back stops at the first other character, so statements on one long line
 * cost their indentation, not the line (hostile: a 100 MB line). */
static int line_indent(const Parser *p, uint32_t off)
{
    uint32_t start = off;
    while (start > p->src->body && (p->src->text[start - 1] == ' ' || p->src->text[start - 1] == '\t'))
        start--;
    if (start > p->src->body && p->src->text[start - 1] != '\n' && p->src->text[start - 1] != '\r')
        return -1;
    int col = 0;
    for (uint32_t i = start; i < off; i++)
        col = p->src->text[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
    return col;
}

/* A '}' that starts its line at the indentation of an outer block's opener,
 * left of the innermost block's, closes that outer block: the innermost one
 * lacks its '}', and says so where its text ends (rustc does the same), not
 * at the end of the file after a cascade of errors. */
static bool brace_missing_inside(const Parser *p, Span rbrace)
{
    if (p->depth < 2)
        return false;
    int at = line_indent(p, rbrace.start);
    int inner = p->braces[p->depth - 1].indent;
    if (at < 0 || inner < 0 || at >= inner)
        return false;
    for (size_t k = p->depth - 1; k-- > 0;)
        if (p->braces[k].indent == at)
            return true;
    return false;
}

/* In an indented block (its first statement deeper than its opener), a
 * statement that starts a line no deeper than the opener is not in it: the
 * block lacks its '}'. A file written flush left never has an indented
 * block, so this never fires there. */
static bool statement_outside(const Parser *p, int tok, Span sp)
{
    if (p->depth < 2 || !p->at_stmt_start || tok == TOK_RBRACE || tok == TOK_SEMI
        || tok == TOK_END)
        return false;
    const Brace *b = &p->braces[p->depth - 1];
    int at = line_indent(p, sp.start);
    return b->indent >= 0 && b->inner > b->indent && at >= 0 && at <= b->indent;
}

/* Decides whether something must be inserted before the real token tok. */
static int shape(Parser *p, int tok, YYSTYPE *lval, Span *lloc)
{
    Span after_last = {p->file, p->last_span.end, p->last_span.end};
    bool closing = tok == TOK_END || table_starts_line(p, tok, *lloc);
    /* a '{' on the next line still opens the block (Allman style) */
    bool newline_ends = p->newline && tok != TOK_LBRACE;
    if ((newline_ends || tok == TOK_RBRACE || closing) && ends_statement(p->last_tok)) {
        hold(p, tok, lval, *lloc);
        *lloc = after_last;
        return TOK_SEMI;
    }
    if (!p->stopped && ((tok == TOK_RBRACE && brace_missing_inside(p, *lloc))
                        || statement_outside(p, tok, *lloc))) {
        report_unclosed(p, after_last, "");
        hold(p, tok, lval, *lloc);
        *lloc = after_last;
        return TOK_RBRACE;
    }
    if (closing && p->depth > 0) {
        if (p->reported_close != lloc->start + 1 && !p->stopped) {
            report_unclosed(p, tok == TOK_END ? after_last : *lloc,
                            tok == TOK_END ? "" : N_(" before the next table"));
            p->reported_close = lloc->start + 1;
        }
        hold(p, tok, lval, *lloc);
        *lloc = after_last;
        return TOK_RBRACE;
    }
    return tok;
}

static void track(Parser *p, int tok, Span sp)
{
    if (p->at_stmt_start && tok != TOK_SEMI) {
        p->stmt_first = sp;
        p->at_stmt_start = false;
        if (p->depth && p->braces[p->depth - 1].inner == -2 && tok != TOK_RBRACE)
            p->braces[p->depth - 1].inner = line_indent(p, sp.start);
    }
    if (tok == TOK_LBRACE) {
        push_brace(p, sp);
        p->at_stmt_start = true;
    } else if (tok == TOK_RBRACE) {
        if (p->depth > 0)
            p->depth--;
        p->at_stmt_start = true;
    } else if (tok == TOK_SEMI) {
        p->at_stmt_start = true;
    }
}

/* After too many errors or too deep a nesting the rest of the input is
 * treated as absent: the open blocks are closed and parsing ends cleanly. */
static int next_token(Parser *p, void *scanner, YYSTYPE *lval, Span *lloc)
{
    if (p->s->too_many)
        p->stopped = true;
    if (p->stopped && !p->have_held) {
        *lloc = (Span){p->file, p->last_span.end, p->last_span.end};
        return TOK_END;
    }
    return next_raw(p, scanner, lval, lloc);
}

/* Where the grammar wants a name, a Chinese keyword is that name: 年度 in
 * `budget 年度 { }` or `goal 年度 "…"`, 支出 as a source, any word of a
 * vocabulary or framework block (the stdlib lists 年度 in annual_figures).
 * English keywords stay reserved, as they always were. */
static bool wants_name(const Parser *p)
{
    if (p->names_depth && p->depth >= p->names_depth)
        return true;    /* (别名 at a statement's start is kept: yylex) */
    switch (p->last_tok) {
    case TOK_BUDGET: case TOK_INDICATORS: case TOK_GOAL: case TOK_SOURCE: case TOK_NATURE:
    case TOK_ORG: case TOK_PERSON: case TOK_ATTRIBUTE: case TOK_TEXT: case TOK_CATEGORY:
    case TOK_FRAMEWORK: case TOK_STANDARD: case TOK_GRADE: case TOK_DIMENSION:
    case TOK_VOCABULARY: case TOK_ALIAS: case TOK_SLASH: case TOK_STAR:
        return true;
    default:
        return false;
    }
}

static void track_names_block(Parser *p, int tok)
{
    if (p->depth == 0 && (tok == TOK_VOCABULARY || tok == TOK_FRAMEWORK))
        p->names_depth = 1;     /* its '{' opens depth 1 */
    else if (p->names_depth && p->depth < p->names_depth && tok != TOK_LBRACE
             && tok != TOK_IDENT && tok != TOK_STRING)
        p->names_depth = 0;     /* closed, or a framework field of a table */
}

static void log_token(ParseTokens *log, int tok, Span span, bool inserted)
{
    if (log->len == log->cap) {
        log->cap = log->cap ? log->cap * 2 : 256;
        log->items = xrealloc(log->items, log->cap * sizeof *log->items);
    }
    log->items[log->len++] = (ParseToken){tok, span, inserted};
}

void parse_tokens_free(ParseTokens *log)
{
    free(log->items);
    *log = (ParseTokens){0};
}

int yylex(YYSTYPE *lval, Span *lloc, void *scanner, Parser *p)
{
    for (;;) {
        int tok = next_token(p, scanner, lval, lloc);
        /* 别名 starting a line is the alias statement, also after a line
         * of names: the line end (p->newline) is made a ';' by shape() only
         * after this, so at_stmt_start alone would miss it */
        if (p->zh_keyword && tok != TOK_IDENT && tok != TOK_QUAL && tok != TOK_QUANT
            && !(tok == TOK_ALIAS && (p->at_stmt_start || p->newline)) && wants_name(p))
            tok = TOK_IDENT;
        p->zh_keyword = false;
        track_names_block(p, tok);
        if (tok == TOK_RBRACE && p->depth == 0) {
            parse_error(p, *lloc, "unmatched '}': no block is open here");
            continue;
        }
        int out = shape(p, tok, lval, lloc);
        p->virtual_semi = out != tok && out == TOK_SEMI;
        if (out == tok)
            p->newline = false;
        track(p, out, *lloc);
        if (p->log)
            log_token(p->log, out, *lloc, out != tok);
        p->last_tok = out;
        p->last_span = *lloc;
        if (out == TOK_LBRACE && p->depth > MAX_DEPTH && !p->stopped) {
            parse_error(p, *lloc, "blocks nested more than %d deep; the rest of the file is not read",
                        MAX_DEPTH);
            p->stopped = true;
        }
        return out;
    }
}

/* ===== driver ===== */

enum { MANY_BAD_BYTES = 8 };

/* A file in another encoding (GBK from an old spreadsheet export) has
 * invalid UTF-8 everywhere; one clear error beats hundreds of byte errors,
 * and parsing it would only add noise. */
static bool not_utf8(Session *s, const SourceFile *src, uint32_t file)
{
    size_t bad = 0, first = 0, i = src->body;
    if (src->utf8_valid || utf8_valid_len(src->text + i, src->len - i) == src->len - i)
        return false;
    uint32_t cp;
    while (i < src->len && bad < MANY_BAD_BYTES) {
        if ((unsigned char)src->text[i] < 0x80) {   /* the common case, kept cheap */
            i++;
            continue;
        }
        size_t k = utf8_decode(src->text + i, src->len - i, &cp);
        if (k == 0 && bad++ == 0)
            first = i;
        i += k ? k : 1;
    }
    if (bad < MANY_BAD_BYTES)
        return false;
    Span at = {file, (uint32_t)first, (uint32_t)first + 1};
    diag_report(s, RULE_ENCODING, at,
                "this file is not UTF-8 text (it may be GBK or GB18030 from a spreadsheet "
                "export); convert it, e.g. iconv -f GB18030 -t UTF-8 '%s'", src->path);
    return true;
}

/* The part [start, end) of the file (UINT32_MAX: to its end). */
typedef struct Range {
    uint32_t start, end;
} Range;
#define WHOLE ((Range){0, UINT32_MAX})

static AstFile *parse(Session *s, uint32_t file, Range r, ParseTokens *log, ParseTableFn fn,
                      void *ctx);

AstFile *parse_source(Session *s, uint32_t file)
{
    if (file < s->npreparsed && s->preparsed[file])
        return s->preparsed[file];
    return parse(s, file, WHOLE, NULL, NULL, NULL);
}

AstFile *parse_source_tokens(Session *s, uint32_t file, ParseTokens *log)
{
    return parse(s, file, WHOLE, log, NULL, NULL);
}

AstFile *parse_source_streaming(Session *s, uint32_t file, ParseTableFn fn, void *ctx)
{
    return parse(s, file, WHOLE, NULL, fn, ctx);
}

AstFile *parse_source_part(Session *s, uint32_t file, uint32_t start, uint32_t end,
                           ParseTableFn fn, void *ctx)
{
    return parse(s, file, (Range){start, end}, NULL, fn, ctx);
}

static AstFile *parse(Session *s, uint32_t file, Range r, ParseTokens *log, ParseTableFn fn,
                      void *ctx)
{
    Parser p = {0};
    p.s = s;
    p.arena = s->trees ? s->trees : &s->arena;
    p.on_table = fn;
    p.on_table_ctx = ctx;
    if (fn) {
        for (int i = 0; i < 3; i++)
            arena_init(&p.regions[i]);
        p.arena = &p.regions[0];
    }
    p.log = log;
    if (log)
        log->len = 0;
    p.file = file;
    p.src = session_file(s, file);
    bool part = r.start || r.end != UINT32_MAX;
    if (r.start < p.src->body)
        r.start = p.src->body;
    if (r.end > p.src->len)
        r.end = p.src->len;
    p.offset = r.start;
    p.at_stmt_start = true;
    p.last_tok = TOK_SEMI;
    p.ast = ast_file(&p);
    /* a part of a file is of one found valid as it was read */
    if ((!part || !p.src->utf8_valid) && not_utf8(s, p.src, file))
        return p.ast;
    lex_init_keywords(s);

    yyscan_t scanner;
    if (ptlyylex_init_extra(&p, &scanner) != 0)
        BUG("cannot initialise the scanner");
    size_t n = r.end - r.start;
    /* in place, over the NULs every source ends with: flex writes a NUL
       after each match, and the scanner's every action puts the byte back
       before anything else reads the text (YY_USER_ACTION in ptl.l). A
       part is copied: another thread may be reading the text around it. */
    char *copy = NULL, *text = (char *)p.src->text + r.start;
    if (part) {
        copy = xmalloc(n + SRC_SLACK);
        memcpy(copy, text, n);
        copy[n] = copy[n + 1] = '\0';
        text = copy;
    }
    YY_BUFFER_STATE buf = ptlyy_scan_buffer(text, n + SRC_SLACK, scanner);
    if (!buf)
        BUG("a source without its two NULs");
    yyparse(scanner, &p);    /* every outcome has been reported through diag */
    ptlyy_delete_buffer(buf, scanner);
    ptlyylex_destroy(scanner);
    free(copy);
    free(p.braces);
    strbuf_release(&p.str);
    strbuf_release(&p.unit_text);
    /* what was kept lives as long as a tree parsed the usual way */
    for (int i = 0; fn && i < 3; i++)
        arena_adopt(s->trees ? s->trees : &s->arena, &p.regions[i]);
    return p.ast;
}
