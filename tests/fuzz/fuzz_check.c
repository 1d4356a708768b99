/* fuzz_check: any bytes as a .ptl file through the scanner, the parser and
 * every check; the diagnostics in all three formats must be safe and
 * well-formed (fuzz.h). (Applying their fixes is fuzz_fix's.) And the same
 * bytes checked table by table, each table freed once checked, as `ptlc
 * check` does a file larger than its batch (check_release.c): the report
 * must be the same, byte for byte. */
#include <string.h>

#include "fuzz.h"

static void render(Session *s, StrBuf *out)
{
    diag_render_human(s, out, (RenderOptions){false, COLUMN_CODEPOINT});
    diag_render_summary(s, out, (RenderOptions){false, COLUMN_CODEPOINT});
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Session s, t;
    Program p, q;
    fuzz_check_source(&s, &p, (const char *)data, size);
    fuzz_check_diagnostics(&s);
    fuzz_check_source_batched(&t, &q, (const char *)data, size, 1);
    StrBuf kept = STRBUF_INIT, batched = STRBUF_INIT;
    render(&s, &kept);
    render(&t, &batched);
    FUZZ_CHECK(strcmp(strbuf_cstr(&kept), strbuf_cstr(&batched)) == 0,
               "checked table by table, the report differs", strbuf_cstr(&batched), batched.len);
    strbuf_release(&kept);
    strbuf_release(&batched);
    program_free(&q);
    session_free(&t);
    program_free(&p);
    session_free(&s);
    return 0;
}
