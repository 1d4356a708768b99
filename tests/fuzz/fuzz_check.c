/* fuzz_check: any bytes as a .ptl file through the scanner, the parser and
 * every check; the diagnostics in all three formats must be safe and
 * well-formed (fuzz.h). (Applying their fixes is fuzz_fix's.) */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Session s;
    Program p;
    fuzz_check_source(&s, &p, (const char *)data, size);
    fuzz_check_diagnostics(&s);
    program_free(&p);
    session_free(&s);
    return 0;
}
