/* fuzz_fix: any bytes as a .ptl file through `ptlc fix`'s steps: checked,
 * the fixes its diagnostics carry applied (fix_apply), then checked and
 * fixed again. Neither round may crash or grow the text without bound
 * (every fix replaces one token by a few bytes), and fixing text that has
 * no fix left must leave it byte for byte as it was. */
#include "fuzz.h"

#include <string.h>

#include "fix.h"

/* Applies the fixes of one checked source; returns how many. */
static size_t fix_once(const char *text, size_t len, StrBuf *out)
{
    Session s;
    Program p;
    fuzz_check_source(&s, &p, text, len);
    size_t n = fix_apply(&s, (uint32_t)p.nstdlib, out);
    if (out->len > 4 * len + 64)
        fuzz_fail("ptlc fix grew the text beyond what its fixes can write", out->buf,
                  out->len > 200 ? 200 : out->len);
    if (n == 0 && (out->len != len || memcmp(out->buf ? out->buf : "", text, len) != 0))
        fuzz_fail("ptlc fix changed a text it had no fix for", out->buf,
                  out->len > 200 ? 200 : out->len);
    program_free(&p);
    session_free(&s);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    StrBuf once = STRBUF_INIT, twice = STRBUF_INIT;
    fix_once((const char *)data, size, &once);
    fix_once(once.buf ? once.buf : "", once.len, &twice);
    strbuf_release(&twice);
    strbuf_release(&once);
    return 0;
}
