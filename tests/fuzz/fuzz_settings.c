/* fuzz_settings: any bytes as the project's ptlc.settings, beside a valid
 * table: the settings file may only change levels and thresholds, so
 * whatever it holds, no table of its own may reach the program. */
#include "fuzz.h"

#include <string.h>

#include "prelude.h"

static const char table[] =
    "department \"株洲市渌口区信访局\" {\n"
    "    year 2026\n"
    "    budget { total 259.05 万元 }\n"
    "}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Session s;
    session_init(&s);
    const char *err = NULL;
    if (!prelude_load(&s, NULL, &err))
        fuzz_fail("the embedded stdlib did not load", err, 0);
    size_t nstdlib = s.files.len;
    uint32_t settings = session_add_source(&s, "ptlc.settings", (const char *)data, size);
    session_add_source(&s, "t.ptl", table, strlen(table));
    Program p;
    check_program(&p, &s, nstdlib, settings);
    FUZZ_CHECK(emit_table_count(&p) <= 1, "a table of the settings file reached the program",
               NULL, 0);
    for (size_t i = 0; i < emit_table_count(&p); i++)
        FUZZ_CHECK(emit_table(&p, i)->file != settings, "a settings table was read", NULL, 0);
    fuzz_check_diagnostics(&s);
    program_free(&p);
    session_free(&s);
    return 0;
}
