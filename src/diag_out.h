/* diag_out: machine-readable renderings of the diagnostics queue, for CI
 * systems and editors: ptlc's own JSON and SARIF 2.1.0. Both report
 * positions as 1-based lines and columns counted in Unicode code points
 * (SARIF's columnKind "unicodeCodePoints"), end positions exclusive.
 * Ownership: output is appended to a caller-owned StrBuf. */
#ifndef PTL_DIAG_OUT_H
#define PTL_DIAG_OUT_H

#include "session.h"
#include "strbuf.h"

void diag_render_json(Session *s, StrBuf *out);
void diag_render_sarif(Session *s, StrBuf *out);

/* Appends path as a URI reference: bytes outside RFC 3986's unreserved set
 * and '/' are percent-encoded (CJK file names, "<stdlib>"). */
void uri_escape(StrBuf *out, const char *path);

#endif
