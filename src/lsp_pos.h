/* lsp_pos: positions as the Language Server Protocol counts them. An LSP
 * position is (line, character) from 0, where a character is a UTF-16 code
 * unit by default or a byte under the "utf-8" position encoding; ptlc's
 * spans are byte offsets. Lines end at LF, CR LF or a lone CR, as the
 * protocol says. A CJK character is 1 UTF-16 unit and 3 UTF-8 bytes, an
 * astral one 2 units and 4 bytes; a byte that is not UTF-8 counts as one
 * of either (an editor shows it as U+FFFD). Positions out of range are
 * clamped, never an error. Ownership: an LspLines owns its heap array,
 * released by lsp_lines_free; the text it indexes stays the caller's. */
#ifndef PTL_LSP_POS_H
#define PTL_LSP_POS_H

#include <stddef.h>
#include <stdint.h>

typedef enum LspEncoding { LSP_UTF16, LSP_UTF8 } LspEncoding;

typedef struct LspPos {
    uint32_t line, ch;
} LspPos;

/* The byte offset where each line of a text starts. */
typedef struct LspLines {
    uint32_t *starts;
    uint32_t n;                 /* at least 1: an empty text has one empty line */
} LspLines;

/* Indexes text[0..len) (len at most UINT32_MAX). */
void lsp_lines_build(LspLines *l, const char *text, size_t len);
void lsp_lines_free(LspLines *l);

/* The position of byte offset off (clamped to len; an offset inside a
 * character or a line break is taken as the position before it). */
LspPos lsp_pos_of(const LspLines *l, const char *text, size_t len, size_t off, LspEncoding enc);

/* The byte offset of position p: a line past the last is the end of the
 * text, a character past the line's end is the line's end, and one inside
 * a character (half a surrogate pair, a byte inside a UTF-8 sequence) is
 * the start of that character. */
size_t lsp_offset_of(const LspLines *l, const char *text, size_t len, LspPos p, LspEncoding enc);

/* The file path a file:// URI names (percent-decoded, heap memory to
 * free), or NULL for another scheme, a remote host or a path with NUL. */
char *lsp_uri_to_path(const char *uri);

/* The file:// URI of an absolute path, percent-encoded (heap, to free). */
char *lsp_path_to_uri(const char *path);

#endif
