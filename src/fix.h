/* fix: applies the certain fixes diagnostics carry (diag_fix) to the
 * sources they were reported on — what `ptlc fix` writes. */
#ifndef PTL_FIX_H
#define PTL_FIX_H

#include <stdbool.h>

#include "session.h"
#include "strbuf.h"

/* The text of source file `file` with every fix of the session's reported
 * diagnostics applied, left to right; a fix overlapping one already taken
 * is skipped (the next run finds it again if it still applies). Returns how
 * many were applied; out receives the text even when none was. */
size_t fix_apply(const Session *s, uint32_t file, StrBuf *out);

#endif
