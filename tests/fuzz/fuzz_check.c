/* fuzz_check: any bytes as a .ptl file through the scanner, the parser and
 * every check; the diagnostics in all three formats must be safe and
 * well-formed (fuzz.h). Then `ptlc fix`'s step: the fixes the diagnostics
 * carry are applied, and the result is checked and fixed again, which must
 * neither crash nor grow without bound (every fix replaces a token). */
#include "fuzz.h"

#include "fix.h"

static void fix_twice(const Session *s, const Program *p, size_t len)
{
    StrBuf once = STRBUF_INIT;
    fix_apply(s, (uint32_t)p->nstdlib, &once);
    if (once.len > 4 * len + 64)
        fuzz_fail("ptlc fix grew the text beyond what its fixes can write", once.buf,
                  once.len > 200 ? 200 : once.len);
    Session s2;
    Program p2;
    fuzz_check_source(&s2, &p2, once.buf ? once.buf : "", once.len);
    StrBuf twice = STRBUF_INIT;
    fix_apply(&s2, (uint32_t)p2.nstdlib, &twice);
    if (twice.len > 4 * once.len + 64)
        fuzz_fail("a second round of ptlc fix grew the text", twice.buf,
                  twice.len > 200 ? 200 : twice.len);
    strbuf_release(&twice);
    program_free(&p2);
    session_free(&s2);
    strbuf_release(&once);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Session s;
    Program p;
    fuzz_check_source(&s, &p, (const char *)data, size);
    fuzz_check_diagnostics(&s);
    fix_twice(&s, &p, size);
    program_free(&p);
    session_free(&s);
    return 0;
}
