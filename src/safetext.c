/* safetext: the forms are clang's (<U+001B> for a character, <D6> for a
 * byte that is not UTF-8) and the report emitters' (<U+202E>): plain ASCII
 * that no terminal or log viewer interprets, that tells the reader what is
 * really in the file, and that cannot be mistaken for a \u{1B} escape
 * written in the source. */
#include "safetext.h"

#include <stdio.h>

#include "source.h"

bool safe_bidi_cp(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E
        || cp == 0x200F || cp == 0x061C;
}

bool safe_unsafe_cp(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || safe_bidi_cp(cp);
}

/* The visible form of an unsafe character into buf (at least 12 bytes). */
static size_t escape_of(uint32_t cp, char *buf, size_t cap)
{
    return (size_t)snprintf(buf, cap, "<U+%04X>", (unsigned)cp);
}

size_t safe_cp_width(const char *s, size_t n, size_t *len)
{
    uint32_t cp;
    size_t k = utf8_decode(s, n, &cp);
    char buf[16];
    if (k == 0) {
        *len = 1;
        return 4;                       /* <FF> */
    }
    *len = k;
    if (safe_unsafe_cp(cp))
        return escape_of(cp, buf, sizeof buf);
    return (size_t)utf8_cp_width(cp);
}

/* Appends one character at s; returns its columns, *len its bytes. */
static size_t append_one(StrBuf *out, const char *s, size_t n, size_t *len)
{
    uint32_t cp;
    size_t k = utf8_decode(s, n, &cp);
    char buf[16];
    if (k == 0) {
        *len = 1;
        strbuf_addf(out, "<%02X>", (unsigned)(unsigned char)s[0]);
        return 4;
    }
    *len = k;
    if (safe_unsafe_cp(cp)) {
        size_t w = escape_of(cp, buf, sizeof buf);
        strbuf_add(out, buf, w);
        return w;
    }
    strbuf_add(out, s, k);
    return (size_t)utf8_cp_width(cp);
}

size_t safe_append(StrBuf *out, const char *s, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        /* runs of printable ASCII, the common case, are copied at once */
        size_t j = i;
        while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F)
            j++;
        if (j > i) {
            strbuf_add(out, s + i, j - i);
            w += j - i;
            i = j;
            continue;
        }
        size_t len;
        w += append_one(out, s + i, n - i, &len);
        i += len;
    }
    return w;
}

void safe_append_bounded(StrBuf *out, const char *s, size_t n, size_t max_cps)
{
    size_t i = 0, cps = 0;
    while (i < n && s[i] != '\0') {
        if (cps == max_cps) {
            strbuf_adds(out, "…");
            return;
        }
        size_t len;
        append_one(out, s + i, n - i, &len);
        i += len;
        cps++;
    }
}
