/* encoding: detection and conversion (see encoding.h). */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"

static bool utf16_bom(const unsigned char *u, size_t len, Encoding *e)
{
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        *e = ENC_UTF16LE;
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        *e = ENC_UTF16BE;
    else
        return false;
    return true;
}

Encoding encoding_detect(const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    Encoding e;
    if (utf16_bom(u, len, &e))
        return e;
    size_t nul_even = 0, nul_odd = 0;
    /* every table is read through here: a text without NUL (the usual
     * one) skips the byte-by-byte count */
    for (size_t i = memchr(text, '\0', len) ? 0 : len; i < len; i++)
        if (u[i] == 0)
            *(i % 2 ? &nul_odd : &nul_even) += 1;
    size_t nuls = nul_even + nul_odd;
    /* a stray NUL in a UTF-8 file is one byte; UTF-16 text of lines and
     * cells has one in every ASCII character, all on the same side */
    if (len % 2 == 0 && nuls >= 2 && nuls * 16 >= len) {
        if (nul_even * 10 <= nuls)
            return ENC_UTF16LE;
        if (nul_odd * 10 <= nuls)
            return ENC_UTF16BE;
    }
    if (utf8_valid_len(text, len) == len)
        return ENC_UTF8;    /* every table that is fine, at once */
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(text + i, len - i, &cp);
        if (k)
            good++;
        else
            bad++;
        i += k ? k : 1;
    }
    return bad > good ? ENC_GB18030 : ENC_UTF8;
}

const char *encoding_name(Encoding e)
{
    switch (e) {
    case ENC_UTF8: return "UTF-8";
    case ENC_UTF16LE:
    case ENC_UTF16BE: return "UTF-16";
    case ENC_GB18030: return "GB18030";
    case ENC_UNKNOWN: break;
    }
    return "?";
}

char *encoding_to_utf8(Arena *a, Encoding e, const char *text, size_t len, size_t *out_len)
{
    const char *from = e == ENC_UTF16LE ? "UTF-16LE" : e == ENC_UTF16BE ? "UTF-16BE" : "GB18030";
    Encoding bom;
    if ((e == ENC_UTF16LE || e == ENC_UTF16BE) && utf16_bom((const unsigned char *)text, len, &bom))
        text += 2, len -= 2;
    *out_len = 0;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16, used = 0;
    char *buf = malloc(cap);
    char *in = (char *)text;
    size_t in_left = len;
    bool ok = buf != NULL;
    while (ok && in_left > 0) {
        char *out = buf + used;
        size_t left = cap - used;
        size_t rc = iconv(cd, &in, &in_left, &out, &left);
        used = cap - left;
        if (rc != (size_t)-1)
            continue;
        char *bigger = errno == E2BIG ? realloc(buf, cap * 2) : NULL;
        ok = bigger != NULL;
        if (ok) {
            buf = bigger;
            cap *= 2;
        }
    }
    iconv_close(cd);
    ok = ok && memchr(buf, '\0', used) == NULL;
    char *r = ok ? arena_strndup(a, buf, used) : NULL;
    if (ok)
        *out_len = used;
    free(buf);
    return r;
}
