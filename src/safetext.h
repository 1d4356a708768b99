/* safetext: the one definition of text that is unsafe to show on a terminal
 * or in a log, and the one way it is shown instead. Source snippets,
 * messages, notes, file names and report cells all go through here, so an
 * escape sequence (ESC [ 2 J), a carriage return that rewrites the line, or
 * a bidirectional override (Trojan Source) in a table or a file name can
 * never reach the reader's terminal, CI log or spreadsheet as itself.
 * Ownership: everything is appended to a caller-owned StrBuf. */
#ifndef PTL_SAFETEXT_H
#define PTL_SAFETEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* C0 controls, DEL, C1 controls and the invisible bidirectional controls
 * (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069). */
bool safe_unsafe_cp(uint32_t cp);

/* The bidirectional controls alone (the bidi-control rule's set). */
bool safe_bidi_cp(uint32_t cp);

/* Appends the visible form of s[0..n): an unsafe character as <U+001B>
 * (<U+202E>, <U+000A> ...), a byte that is not UTF-8 as <FF>; everything
 * else as is. Returns the display columns appended (CJK 2, the forms their
 * length). */
size_t safe_append(StrBuf *out, const char *s, size_t n);

/* As safe_append, but stops after max_cps code points of s and then
 * appends "…"; stops early at a NUL byte. Never reads past s[n) nor, with
 * max_cps small, far beyond the part shown, so a 1 MB name costs as little
 * as a short one. */
void safe_append_bounded(StrBuf *out, const char *s, size_t n, size_t max_cps);

/* Columns safe_append would use for one character at s (n available);
 * *len receives its length in bytes (1 for an invalid byte). */
size_t safe_cp_width(const char *s, size_t n, size_t *len);

#endif
