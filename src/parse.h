/* parse: turns one source text into an AstFile. The only entry point of the
 * front end; no other module includes the generated scanner or parser.
 * Ownership: the returned tree lives in the session arena. It is never NULL:
 * after syntax errors it holds what could be recovered. */
#ifndef PTL_PARSE_H
#define PTL_PARSE_H

#include "ast.h"
#include "session.h"

AstFile *parse_source(Session *s, uint32_t file);

/* parse_source that hands each table to fn as soon as it is read. A table
 * fn takes (returns true for) is not kept: its memory and its tokens' are
 * freed when the next table is read, so a file of any size is parsed in the
 * memory of a few tables; the file counts it in streamed. Once fn refuses
 * one, or the file declares anything else, the rest is kept as usual. */
typedef bool (*ParseTableFn)(void *ctx, Table *t);
AstFile *parse_source_streaming(Session *s, uint32_t file, ParseTableFn fn, void *ctx);

/* The same for the bytes [start, end) of a file found valid UTF-8 when read
 * (start past any byte order mark; end at most its length), which must
 * start and end between statements: a part of a large file, which one
 * thread parses while others parse the rest (flex gets a copy of it). */
AstFile *parse_source_part(Session *s, uint32_t file, uint32_t start, uint32_t end,
                           ParseTableFn fn, void *ctx);

/* Every source of s parsed, into out[i] for file i (out has s->files.len
 * slots): by s->jobs threads when it asks for two or more, with the same
 * trees and diagnostics, in the same order, as parse_source file by file
 * (parse_files.c). */
void parse_files(Session *s, AstFile **out);

/* The same for files first..end-1 alone, into out[0..end-first-1]. */
void parse_files_range(Session *s, size_t first, size_t end, AstFile **out);

/* True when word is a keyword in either spelling (a name that a generated
 * table, ptlc import's, must write as a string instead). */
bool lex_is_keyword(const char *word);

/* True when year-month-day is a day of the calendar (day 0: the month
 * alone), as the scanner accepts a date; a generated table (ptlc import's)
 * writes no other. */
bool lex_date_valid(int year, int month, int day);

#endif
