/* emit: the output formats. Each emitter renders the checked program into a
 * caller-owned StrBuf (the caller writes it atomically) and runs only when
 * the program has no errors. Output is deterministic: declaration order, one
 * number format (the exact decimal text as written), no timestamps. */
#ifndef PTL_EMIT_H
#define PTL_EMIT_H

#include "program.h"
#include "strbuf.h"

void emit_json(const Program *p, StrBuf *out);

#endif
