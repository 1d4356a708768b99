/* json: a streaming JSON writer with deterministic layout (2-space indent,
 * or compact: a document on one line, for JSON Lines), keys in the order
 * written, used by every JSON output. Ownership: the writer appends to a
 * caller-owned StrBuf and allocates nothing else. */
#ifndef PTL_JSON_H
#define PTL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

typedef struct JsonWriter {
    StrBuf *out;
    int depth;
    bool first;                 /* no member written yet at this depth */
    bool after_key;             /* a key was written; the value follows inline */
    bool compact;               /* no line breaks or spaces inside a document */
} JsonWriter;

void jw_init(JsonWriter *w, StrBuf *out);
/* As jw_init, but each top-level document is written on one line (',' and
 * ':' with no space after them), ended by a line feed: a JSON Lines record. */
void jw_init_compact(JsonWriter *w, StrBuf *out);
void jw_begin_object(JsonWriter *w);
void jw_end_object(JsonWriter *w);
void jw_begin_array(JsonWriter *w);
void jw_end_array(JsonWriter *w);
void jw_key(JsonWriter *w, const char *key);
void jw_string(JsonWriter *w, const char *s, size_t len);
void jw_cstring(JsonWriter *w, const char *s);     /* NULL writes null */
void jw_int(JsonWriter *w, long long v);
/* A number literal written as given: the caller passes valid JSON number
 * text ("-12.5"), such as dec_format writes. */
void jw_number(JsonWriter *w, const char *text);
void jw_bool(JsonWriter *w, bool v);
void jw_null(JsonWriter *w);

/* Appends s as a JSON string literal: quotes, \" \\ \n \t \r \b \f, other
 * control characters as \u00XX, U+2028/2029 escaped (they break JavaScript
 * embedding); invalid UTF-8 bytes become U+FFFD so the output is valid. */
void jw_escape(StrBuf *out, const char *s, size_t len);

#endif
