/* prelude_pack: the embedded stdlib's trees in a compact form, written at
 * build time (tools/pack.c) and read back at start-up instead of parsing
 * its 40 KB of .ptl, which was 4.4 of the 5 million instructions of
 * `ptlc check` of an empty file. The stdlib holds only declarations (units,
 * dimensions, vocabularies and frameworks); their spans point into the
 * embedded text, which is still a source of the session, so diagnostics,
 * hover and go-to-definition read it as before. */
#ifndef PTL_PRELUDE_PACK_H
#define PTL_PRELUDE_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "strbuf.h"

/* Appends the trees of files[0..n) (the session's files first..first+n,
 * lengths as their sources have them) to out. False when a tree holds what
 * the stdlib never does (a table, settings), which the pack cannot hold. */
bool prelude_pack_write(const Session *s, AstFile *const *files, size_t n, StrBuf *out);

/* Reads a pack into trees for the session's files first..first+n (already
 * added, with the texts the pack was made from). False, with nothing to
 * use, when the pack is malformed or made from other texts: the caller
 * parses them instead. */
bool prelude_pack_read(Session *s, const unsigned char *data, size_t len, uint32_t first, size_t n,
                       AstFile **out);

#endif
