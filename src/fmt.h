/* fmt: the one canonical layout of .ptl text (ptlc fmt). It works from the
 * token stream the grammar received (so the reformatted file reads as the
 * same tokens, statement ends included) and from the AST's spans (to know
 * which statements are indicators, budget lines ... whose columns are
 * aligned). Comments stay where they were. The layout is documented in
 * docs/language.md, "Formatting (ptlc fmt)". Ownership: fmt_file appends to
 * the caller's StrBuf; everything else lives in the session arena. */
#ifndef PTL_FMT_H
#define PTL_FMT_H

#include <stdbool.h>

#include "i18n.h"
#include "session.h"
#include "strbuf.h"

typedef enum FmtKeywords {
    FMT_KEYWORDS_KEEP,          /* each keyword spelled as written */
    FMT_KEYWORDS_EN,            /* every keyword in English */
    FMT_KEYWORDS_ZH             /* every keyword in Chinese */
} FmtKeywords;

typedef struct FmtOptions {
    FmtKeywords keywords;
} FmtOptions;

typedef enum FmtStatus {
    FMT_OK,                     /* out holds the formatted text */
    FMT_SYNTAX,                 /* the file has syntax (or encoding) errors, in s */
    FMT_INTERNAL                /* the result would not read as the same tokens: a bug */
} FmtStatus;

/* Formats source `file` of s (added with session_add_source), appending the
 * text to out. Only parses: the diagnostics left in s are the parser's.
 * Before FMT_OK is returned the result is parsed again and must give the
 * same tokens and comments without errors; nothing is appended otherwise. */
FmtStatus fmt_file(Session *s, uint32_t file, const FmtOptions *opt, StrBuf *out);

/* The `ptlc fmt` command: argv[1] is "fmt", its messages in lang. Returns
 * the exit status. */
int fmt_command(int argc, char **argv, Lang lang);

/* `ptlc help fmt`, in English (the message id: translate it to show it). */
extern const char fmt_help_text[];

#endif
