/* parse_internal: what the scanner (grammar/ptl.l), the grammar
 * (grammar/ptl.y), the AST constructors and the token-stream driver share.
 * Nothing outside the front end includes this header or the generated ones. */
#ifndef PTL_PARSE_INTERNAL_H
#define PTL_PARSE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "parse.h"
#include "intern.h"
#include "session.h"
#include "strbuf.h"
#include "ptl.tab.h"

/* A token as the grammar received it, for the formatter (fmt.c): inserted
 * is set for the ';' and '}' the token stream supplied (a line end, a
 * forgotten brace), which have an empty span. */
typedef struct ParseToken {
    int tok;
    Span span;
    bool inserted;
} ParseToken;

typedef struct ParseTokens {    /* heap array: release with parse_tokens_free */
    ParseToken *items;
    size_t len, cap;
} ParseTokens;

typedef struct Brace {
    Span open;                  /* the '{' */
    Span opener;                /* first token of the statement that opened it */
    int indent;                 /* the opener line's indentation, -1 if not at a line start */
    int inner;                  /* its first statement's, -2 until seen, -1 if unknown */
} Brace;

struct Parser {
    Session *s;
    Arena *arena;               /* the tree's: s->trees, else the session's, or a region */
    /* parse_source_streaming: each table is handed to on_table as read;
       one it takes is freed with its region (ast.c) */
    ParseTableFn on_table;
    void *on_table_ctx;
    Arena regions[3];
    size_t region;
    uint32_t file;
    const SourceFile *src;
    AstFile *ast;
    uint32_t offset;            /* byte offset of the scanner's next byte */

    /* raw scanner state */
    bool newline;               /* a line ended since the last token */
    uint32_t str_start;         /* offset of the open quote of the current string */
    uint32_t comment_start;
    StrBuf str;                 /* decoded text of the current string */
    StrBuf unit_text;           /* the compound unit being read (ast.c) */
    bool unit_starred;          /* it was written with '*' for '·' (reported at its end) */
    Diag *bad_run;              /* the last report of bytes that are not UTF-8 */
    const char *bad_where;
    bool zh_keyword;            /* the last word was a Chinese keyword */
    size_t names_depth;         /* inside a vocabulary or framework block at this depth, or 0 */

    /* the parts of the one indicator, result or task being read (ptl.y's
       EMPTY and KEEP: the stack holds pointers to these) */
    Attrs ind_attrs, task_attrs;
    IndValue ind_value;
    Value value;
    ResultAttrs result_attrs;

    /* token stream shaping (parse.c) */
    int last_tok;               /* last token handed to the grammar */
    Span last_span;
    int held_tok;               /* a real token held back behind an inserted one */
    YYSTYPE held_val;
    Span held_span;
    bool have_held;
    /* a name glued to punctuation (数量指标(或建筑规模指标)) was read as one
       name after one error: the scanner's tokens in [glue_from, glue_end)
       are dropped, and their own errors not reported, nor the parser's at
       the name itself (quoting it is the fix) */
    uint32_t glue_start, glue_from, glue_end;
    bool virtual_semi;          /* the last SEMI was inserted, not written */
    Span stmt_first;            /* first token of the current statement */
    bool at_stmt_start;
    Brace *braces;              /* open '{' stack (heap) */
    size_t depth, braces_cap;
    uint32_t reported_close;    /* 1 + offset of the token an unclosed block was reported at */
    bool stopped;               /* too deep or too many errors: read no further */
    ParseTokens *log;           /* when set, every token handed to the grammar */
};

/* parse_source, also recording in *log (emptied first) every token the
 * grammar received, in order: the formatter's view of the file. */
AstFile *parse_source_tokens(Session *s, uint32_t file, ParseTokens *log);
void parse_tokens_free(ParseTokens *log);

/* Reports a lexical or syntax error (rule "syntax") at span. */
Diag *parse_error(Parser *p, Span span, const char *fmt, ...) PTL_PRINTF(3, 4);

/* Called by the grammar on a syntax error with the expected tokens. */
void parse_syntax_error(Parser *p, Span at, bool at_eof, const char **expected, int nexpected);
void parse_internal_error(Parser *p, Span at, const char *msg);

/* The raw flex scanner. */
int ptl_raw_lex(YYSTYPE *lval, Span *lloc, void *scanner);

/* Bytes of the longest identifier at s (n available), 0 if none starts there. */
size_t lex_ident_len(const char *s, size_t n);

/* The length of the name at start when it runs on through punctuation that
 * names contain (、，：and brackets of both widths) into more of the name;
 * n (the name's own length) when it does not. */
size_t lex_glued_len(const Parser *p, uint32_t start, size_t n);

/* Reads the glued name at start, g bytes, as one name after one error that
 * says how to write it. */
int lex_glued_word(Parser *p, uint32_t start, size_t n, size_t g, Name *out);

/* Handles a run the identifier pattern matched whose first character cannot
 * start a name (≥, ≤, ‰, full-width ASCII, punctuation). Returns a token to
 * hand on, or 0 to skip; *used is set to the bytes consumed. */
int lex_symbol(Parser *p, const char *s, size_t n, uint32_t at, size_t *used, YYSTYPE *lval);

/* Registers the keywords in s->keywords, once per session. */
void lex_init_keywords(Session *s);

/* The keyword closest to a misspelt word, or NULL. */
const char *lex_suggest_keyword(const char *word);

/* Builds the semantic value of a number, date or identifier token. */
Number lex_number(Parser *p, const char *s, size_t n, Span span);
Date lex_date(Parser *p, const char *s, size_t n, Span span, bool dotted);
Date lex_cn_date(Parser *p, const char *s, size_t n, Span span);
int lex_word(Parser *p, const char *s, size_t n, Span span, Name *out);

/* 1,000 or 1，000 (a thousands separator, often typed by an input method):
 * one error with the fix, read as the number 1000. */
Number lex_grouped_number(Parser *p, const char *s, size_t n, Span span);

/* Digits typed partly or wholly full-width (6０, ９０): one error with the
 * fix, read as the number they spell. */
Number lex_fullwidth_digits(Parser *p, const char *s, size_t n, Span span);

/* The English or Chinese spelling of a keyword token, or NULL. */
const char *lex_keyword_spelling(int tok, bool zh);

/* Reports the byte that is not UTF-8 at offset off, merging it into the
 * report of the bytes just before it; where: "" or " in string". */
void lex_bad_byte(Parser *p, uint32_t off, const char *where);

/* Reports what must not hide in text, for one run of a string or comment
 * (s[0..n) at offset at): invalid UTF-8, NUL, bidirectional controls (they
 * reorder how the surrounding text displays: Trojan Source,
 * CVE-2021-42574) and other control characters. */
void lex_check_text(Parser *p, const char *s, size_t n, uint32_t at);

/* The same for a control byte written literally in a string, and for the
 * character an escape \u{...} stands for. */
void lex_check_control(Parser *p, uint32_t cp, Span sp);
void lex_check_escaped(Parser *p, uint32_t cp, Span sp);

#endif
