/* fuzz_fmt: any bytes through ptlc fmt. The first byte picks --keywords
 * (bits 0-1: 0 or 3 as written, 1 en, 2 zh), the rest is the file.
 * Oracles: no crash; fmt_file never finds that its own result reads
 * differently (FMT_INTERNAL: its output must parse without errors to the
 * same tokens and comments); a file with syntax errors gets no output; the
 * output is formatted already (fmt(fmt(x)) == fmt(x)); and the keywords
 * convert both ways (en(zh(x)) == en(x)). */
#include <string.h>

#include "fmt.h"
#include "fuzz.h"

/* fmt of text under opt into out; the status. */
static FmtStatus format(const char *text, size_t len, FmtKeywords kw, StrBuf *out)
{
    Session s;
    session_init(&s);
    uint32_t id = session_add_source(&s, "fuzz.ptl", text, len);
    FmtOptions opt = {kw};
    strbuf_reset(out);
    FmtStatus st = fmt_file(&s, id, &opt, out);
    session_free(&s);
    FUZZ_CHECK(st != FMT_INTERNAL, "fmt would change how the file reads", text, len);
    FUZZ_CHECK(st == FMT_OK || out->len == 0, "fmt wrote text for a file with syntax errors",
               out->buf, out->len);
    return st;
}

static bool same(const StrBuf *a, const StrBuf *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->buf, b->buf, a->len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const FmtKeywords modes[4] = {FMT_KEYWORDS_KEEP, FMT_KEYWORDS_EN, FMT_KEYWORDS_ZH,
                                         FMT_KEYWORDS_KEEP};
    FmtKeywords kw = modes[size ? data[0] & 3 : 0];
    const char *text = size ? (const char *)data + 1 : "";
    size_t len = size ? size - 1 : 0;
    StrBuf once = STRBUF_INIT, twice = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
    if (format(text, len, kw, &once) == FMT_OK) {
        FUZZ_CHECK(format(once.buf ? once.buf : "", once.len, kw, &twice) == FMT_OK,
                   "the formatted text has syntax errors", once.buf, once.len);
        FUZZ_CHECK(same(&once, &twice), "fmt is not idempotent", twice.buf, twice.len);
        if (kw == FMT_KEYWORDS_ZH) {
            format(text, len, FMT_KEYWORDS_EN, &a);
            format(once.buf ? once.buf : "", once.len, FMT_KEYWORDS_EN, &b);
            FUZZ_CHECK(same(&a, &b), "English keywords from Chinese differ", b.buf, b.len);
        }
    }
    strbuf_release(&once);
    strbuf_release(&twice);
    strbuf_release(&a);
    strbuf_release(&b);
    return 0;
}
