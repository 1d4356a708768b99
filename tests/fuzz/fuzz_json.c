/* fuzz_json: the JSON model of any input (first byte: options, fuzz.h),
 * with and without errors; it must parse and be valid UTF-8. */
#include "fuzz.h"

static void emit(const Program *p, const FuzzInput *in)
{
    StrBuf out = STRBUF_INIT;
    emit_json(p, &in->emit, &out);
    fuzz_assert_json("JSON model", strbuf_cstr(&out), out.len);
    strbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_emit(data, size, emit);
    return 0;
}
