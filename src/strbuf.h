/* strbuf: growable byte buffer for output whose size is not known in advance
 * (emitters, diagnostic rendering). Invariant: buf is always NUL-terminated
 * and len excludes the NUL. Ownership: the buffer is heap memory owned by the
 * StrBuf; strbuf_release frees it, strbuf_detach hands it to the caller, who
 * must free() it. */
#ifndef PTL_STRBUF_H
#define PTL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "util.h"

typedef struct StrBuf {
    char *buf;
    size_t len, cap;
} StrBuf;

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_grow(StrBuf *sb, size_t extra);

/* Inline, as the writers of JSON, CSV and HTML add a few bytes at a time
 * (a gigabyte of JSON is some hundred million calls): only a full buffer
 * takes the call to strbuf_grow. */
static inline void strbuf_add(StrBuf *sb, const char *data, size_t len)
{
    if (sb->len + len >= sb->cap)
        strbuf_grow(sb, len);
    if (len)
        memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

static inline void strbuf_adds(StrBuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

static inline void strbuf_addc(StrBuf *sb, char c)
{
    if (sb->len + 1 >= sb->cap)
        strbuf_grow(sb, 1);
    sb->buf[sb->len++] = c;
    sb->buf[sb->len] = '\0';
}

void strbuf_addf(StrBuf *sb, const char *fmt, ...) PTL_PRINTF(2, 3);
void strbuf_vaddf(StrBuf *sb, const char *fmt, va_list ap);
void strbuf_repeat(StrBuf *sb, char c, size_t n);
void strbuf_reset(StrBuf *sb);
char *strbuf_detach(StrBuf *sb, size_t *len);
void strbuf_release(StrBuf *sb);
/* Returns the contents as a C string (never NULL, even when empty). */
const char *strbuf_cstr(const StrBuf *sb);

#endif
