/* encoding: text that is not UTF-8 read as what it most likely is. Chinese
 * Windows saves text as GB18030 (GBK, GB2312) and Excel's "Unicode text" is
 * UTF-16, with or without a byte order mark; budget staff hand ptlc both.
 * One detector for `check` and `import`, so a file reads the same in each.
 * Ownership: a converted text lives in the arena. */
#ifndef PTL_ENCODING_H
#define PTL_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum Encoding { ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE, ENC_GB18030, ENC_UNKNOWN } Encoding;

/* What text (len bytes) is. UTF-16 is recognised by its byte order mark or,
 * without one, by the NUL high bytes of its ASCII (tabs, newlines, digits)
 * all on one side, so it is never taken for GBK; a text is GB18030 only
 * when more of its byte sequences fail as UTF-8 than read as UTF-8 (a UTF-8
 * file with a few damaged bytes stays UTF-8, and its bytes are reported). */
Encoding encoding_detect(const char *text, size_t len);

/* "UTF-16" or "GB18030", as a message names the encoding. */
const char *encoding_name(Encoding e);

/* text converted to UTF-8 (its byte order mark dropped), in the arena, with
 * its length in *out_len; NULL when it does not convert whole to text
 * without NUL. Uses glibc's iconv. */
char *encoding_to_utf8(Arena *a, Encoding e, const char *text, size_t len, size_t *out_len);

#endif
