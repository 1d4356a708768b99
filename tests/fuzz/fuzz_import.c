/* fuzz_import: any bytes as a text export through ptlc import. Oracles: no
 * crash; whenever the importer accepts the input, the .ptl it writes
 * parses without syntax errors (fmt_file lays it out: FMT_OK), since
 * whatever it cannot place must become a comment, never broken text. */
#include "fmt.h"
#include "fuzz.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Importer *imp;   /* the stdlib, parsed once for the whole run */
    if (!imp)
        imp = importer_new();
    Session s;
    session_init(&s);
    StrBuf raw = STRBUF_INIT, out = STRBUF_INIT;
    if (import_text(imp, &s, "fuzz.txt", size ? (const char *)data : "", size, &raw)) {
        Session fs;
        session_init(&fs);
        uint32_t id = session_add_source(&fs, "fuzz.ptl", raw.buf ? raw.buf : "", raw.len);
        FmtOptions opt = {FMT_KEYWORDS_KEEP};
        FmtStatus st = fmt_file(&fs, id, &opt, &out);
        session_free(&fs);
        FUZZ_CHECK(st == FMT_OK, "the imported text does not parse", raw.buf, raw.len);
    }
    strbuf_release(&raw);
    strbuf_release(&out);
    session_free(&s);
    return 0;
}
