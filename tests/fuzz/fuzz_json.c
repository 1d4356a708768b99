/* fuzz_json: the JSON model of any input (first byte: options, fuzz.h),
 * with and without errors; it must parse and be valid UTF-8. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in = fuzz_split(data, size);
    Session s;
    Program p;
    fuzz_check_source(&s, &p, in.text, in.len);
    if (fuzz_emittable(&s, &in)) {
        StrBuf out = STRBUF_INIT;
        emit_json(&p, &in.emit, &out);
        fuzz_assert_json("JSON model", strbuf_cstr(&out), out.len);
        strbuf_release(&out);
    }
    program_free(&p);
    session_free(&s);
    return 0;
}
