/* source: a loaded source text and the mapping from byte offsets to
 * line/column. Spans are byte offsets (cheap on every token and node); lines
 * and columns are derived only when printing. Columns count Unicode code
 * points from 1; display columns (for carets) count a CJK character as 2.
 * Ownership: a SourceFile and its bytes live in the session arena. */
#ifndef PTL_SOURCE_H
#define PTL_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct Span {
    uint32_t file;          /* index into the session's files; SPAN_NO_FILE if none */
    uint32_t start, end;    /* byte offsets, end exclusive */
} Span;

#define SPAN_NO_FILE UINT32_MAX
#define SPAN_NONE ((Span){SPAN_NO_FILE, 0, 0})
#define SOURCE_MAX_BYTES (1u << 30)  /* 1 GiB: far beyond any table, within int for flex */

typedef struct SourceFile {
    const char *path;       /* as given by the user, for messages */
    const char *text;       /* the bytes, then two NULs (may contain NULs): the
                               scanner reads them in place (parse.c) */
    uint32_t len;
    uint32_t body;          /* offset where content starts: 3 after a BOM, else 0 */
    uint32_t *line_starts;  /* byte offset of each line's first byte */
    bool utf8_valid;        /* known to be valid UTF-8 (the reader checked it) */
    uint32_t nlines;
    struct ColMark {        /* only for files with a very long line (source.c) */
        uint32_t off, cps;
    } *col_marks;
} SourceFile;

/* Builds a SourceFile over a copy of text (held in the arena). len must not
 * exceed SOURCE_MAX_BYTES. */
SourceFile *src_new(Arena *a, const char *path, const char *text, size_t len);

/* The same over text itself, which must live in the arena with two NULs
 * after its len bytes (SRC_SLACK): a file read in is not copied. */
#define SRC_SLACK 2
SourceFile *src_adopt(Arena *a, const char *path, char *text, size_t len);

/* 1-based line and column (code points) of byte offset off. */
void src_line_col(const SourceFile *f, uint32_t off, uint32_t *line, uint32_t *col);

/* The bytes of 1-based line `line` without its line terminator (LF, CR LF
 * or a lone CR). */
void src_line_text(const SourceFile *f, uint32_t line, const char **start, size_t *len);

Span span_join(Span a, Span b);

/* Decodes one UTF-8 sequence at s (n bytes available). Returns its length
 * (1-4) and stores the code point, or returns 0 for an invalid or truncated
 * sequence (overlongs, surrogates and values above U+10FFFF are invalid). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* True when u[i..] starts a well-formed three-byte character whose lead
 * (E1-EC, EE, EF) allows any two continuation bytes: most CJK text, taken
 * without decoding by the fast paths. */
static inline bool utf8_plain3(const unsigned char *u, size_t i, size_t n)
{
    return u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED && i + 2 < n
        && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80;
}

/* The length of the longest prefix of s that is valid UTF-8 (n when all
 * of it is): the check every file gets, eight ASCII bytes a step. */
size_t utf8_valid_len(const char *s, size_t n);

/* Columns a code point occupies on a terminal, from utf8proc: 2 for wide
 * (East Asian Wide and Fullwidth) characters, 0 for combining marks and other
 * zero-width characters (U+200B, C1 controls), else 1; C0 controls count 1
 * because the renderer replaces them with a visible glyph. */
int utf8_cp_width(uint32_t cp);

/* Display width of a UTF-8 string; invalid bytes count one column each. */
size_t utf8_width(const char *s, size_t n);

/* Number of code points in s (an invalid byte counts as one). */
size_t utf8_count(const char *s, size_t n);

#endif
