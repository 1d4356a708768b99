/* emit_xlsx: one sheet per table in the official layout, via libxlsxwriter. */
#include "emit.h"

bool emit_xlsx(const Program *p, const EmitOptions *o, const char *path, const char **err)
{
    (void)p;
    (void)o;
    (void)path;
    *err = "XLSX output is not written yet";
    return false;
}
