/* explain: the long-form documentation of each rule, written in
 * docs/rules/NAME.md and embedded at build time. The same text feeds
 * `ptlc explain`, SARIF help and the generated docs/rules.md, so they cannot
 * drift apart. Ownership: returned strings are static (embedded data or
 * the catalog) or appended to a caller-owned StrBuf; nothing is cached. */
#ifndef PTL_EXPLAIN_H
#define PTL_EXPLAIN_H

#include <stdbool.h>

#include "diag.h"
#include "i18n.h"
#include "strbuf.h"

/* Appends the one-paragraph "Checks:" text of a rule in lang (its
 * **检查 (zh):** paragraph in Chinese), as one line; the summary when the
 * rule has no document. */
void explain_checks(StrBuf *out, Lang lang, RuleId r);

/* The one-line summary of a rule (rules.def) in lang. */
const char *explain_summary(Lang lang, RuleId r);

/* The whole explanation for a terminal, in lang: the document, the default
 * level and how to silence the rule. */
void explain_plain(StrBuf *out, Lang lang, RuleId r);

/* `ptlc explain --list`: every rule with its default level and summary. */
void explain_list(StrBuf *out, Lang lang);

/* docs/rules.md: an index and every rule's explanation. */
void explain_markdown(StrBuf *out);

#endif
