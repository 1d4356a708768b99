/* explain: the long-form documentation of each rule, written in
 * docs/rules/NAME.md and embedded at build time. The same text feeds
 * `ptlc explain`, SARIF help and the generated docs/rules.md, so they cannot
 * drift apart. Ownership: returned strings are static (embedded data) or
 * appended to a caller-owned StrBuf. */
#ifndef PTL_EXPLAIN_H
#define PTL_EXPLAIN_H

#include <stdbool.h>

#include "diag.h"
#include "strbuf.h"

/* The one-paragraph "Checks:" text of a rule (its summary when the rule has
 * no document). */
const char *explain_checks(RuleId r);

/* The whole explanation for a terminal: the document, the default level and
 * how to silence the rule. */
void explain_plain(StrBuf *out, RuleId r);

/* `ptlc explain --list`: every rule with its default level and summary. */
void explain_list(StrBuf *out);

/* docs/rules.md: an index and every rule's explanation. */
void explain_markdown(StrBuf *out);

#endif
