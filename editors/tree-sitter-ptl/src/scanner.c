/* The external scanner of tree-sitter-ptl: where a line break ends a
 * statement.
 *
 * ptlc's rule (src/parse.c, shape() and ends_statement()): a line break ends
 * the statement unless the last token must be followed by more (an
 * operator, '..', '/', '=', '{', ';'), and a '{' on the next line still
 * opens the block (Allman style). A block comment that spans a line break
 * counts as a line break.
 *
 * Tree-sitter tells the scanner which tokens the parser can take, and so
 * where it stands: after '{' or ';' or a whole statement, a _newline can
 * come (an empty statement, or the end of one); after an operator, '..',
 * '/' or '=' the grammar's _continuation marker can, and the line break is
 * skipped like a space. Anywhere else (after a keyword, inside a statement)
 * the line break still ends the statement, as in ptlc: the _newline is
 * produced where the parser cannot take it, and so is a syntax error
 * (`year` then `2026` on the next line). The scanner keeps no state. */
#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>

enum TokenType { NEWLINE, COMMENT_BREAK, CONTINUATION, SCAN, IN_STRING };

void *tree_sitter_ptl_external_scanner_create(void) { return NULL; }
void tree_sitter_ptl_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_ptl_external_scanner_serialize(void *payload, char *buffer)
{
    (void)payload;
    (void)buffer;
    return 0;
}

void tree_sitter_ptl_external_scanner_deserialize(void *payload, const char *buffer, unsigned length)
{
    (void)payload;
    (void)buffer;
    (void)length;
}

static bool is_blank(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0xFEFF;
}

static bool is_line_break(int32_t c) { return c == '\n' || c == '\r'; }

/* Past the '*' of a comment's opening: consumes the comment up to its
 * closing star and slash; sets *spans when it holds a line break. Returns
 * false for a comment never closed (ptlc's error; the grammar's comment
 * token does not match it either, so it is an ERROR node). */
static bool skip_block_comment(TSLexer *lexer, bool *spans)
{
    lexer->advance(lexer, false);
    while (!lexer->eof(lexer)) {
        int32_t c = lexer->lookahead;
        lexer->advance(lexer, false);
        if (is_line_break(c)) {
            *spans = true;
        } else if (c == '*' && lexer->lookahead == '/') {
            lexer->advance(lexer, false);
            return true;
        }
    }
    return false;
}

/* How far past a line break the scanner looks for a '{' (through blank
 * lines and comments): a bound, so that a long run of comment lines costs
 * linear time, not quadratic. A '{' further than this after a statement is
 * taken to start a new one (ptlc would still let it open the block). */
enum { LOOKAHEAD = 4096 };

/* Whether the next token, past blanks, line breaks and comments, is '{'
 * (looked at without becoming part of the token: mark_end was called). */
static bool lbrace_follows(TSLexer *lexer)
{
    for (unsigned n = 0; n < LOOKAHEAD; n++) {
        int32_t c = lexer->lookahead;
        if (lexer->eof(lexer))
            return false;
        if (is_blank(c) || is_line_break(c)) {
            lexer->advance(lexer, false);
        } else if (c == '/') {
            lexer->advance(lexer, false);
            if (lexer->lookahead == '/') {
                while (!lexer->eof(lexer) && !is_line_break(lexer->lookahead) && n++ < LOOKAHEAD)
                    lexer->advance(lexer, false);
            } else if (lexer->lookahead == '*') {
                lexer->advance(lexer, false);
                while (!lexer->eof(lexer) && n++ < LOOKAHEAD) {
                    int32_t d = lexer->lookahead;
                    lexer->advance(lexer, false);
                    if (d == '*' && lexer->lookahead == '/') {
                        lexer->advance(lexer, false);
                        break;
                    }
                }
            } else {
                return false;
            }
        } else {
            return c == '{';
        }
    }
    return false;
}

bool tree_sitter_ptl_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid)
{
    (void)payload;
    /* After an operator, '..', '/' or '=' a line break is a space, and in a
       string there is nothing to do ("/*" is text there). (In error
       recovery every token is valid; a line break then ends a statement.) */
    if ((valid[CONTINUATION] || valid[IN_STRING]) && !valid[NEWLINE])
        return false;
    while (is_blank(lexer->lookahead))
        lexer->advance(lexer, true);

    if (is_line_break(lexer->lookahead)) {
        /* one line end: CRLF, LF or a lone CR (tests/golden/input/lone-cr.ptl) */
        bool cr = lexer->lookahead == '\r';
        lexer->advance(lexer, false);
        if (cr && lexer->lookahead == '\n')
            lexer->advance(lexer, false);
        lexer->mark_end(lexer);
        if (lbrace_follows(lexer))
            return false;   /* skipped as whitespace; the '{' opens the block */
        lexer->result_symbol = NEWLINE;
        return true;
    }

    if (lexer->lookahead == '/') {
        lexer->advance(lexer, false);
        if (lexer->lookahead != '*')
            return false;
        bool spans = false;
        if (!skip_block_comment(lexer, &spans))
            return false;
        lexer->mark_end(lexer);
        /* a comment on one line is only a comment (the grammar's extra) */
        if (!spans || lbrace_follows(lexer))
            return false;
        lexer->result_symbol = COMMENT_BREAK;
        return true;
    }
    return false;
}
