/* import: `ptlc import`, a text export of the forms (the tab-separated text
 * a spreadsheet or a PDF converter writes for 绩效目标表) read back as .ptl.
 * The importer automates the judgements a hand transcription makes
 * (examples/xinfang-*.ptl): tables found by their titles, columns by their
 * header names, merged cells exported as blanks carried from the row above,
 * a row the export shifted into the wrong column re-aligned (with a
 * warning), and anything it cannot place kept as a comment and reported at
 * FILE:LINE:COL, never dropped. Ownership: the text is appended to the
 * caller's StrBuf; notifications go to the session. */
#ifndef PTL_IMPORT_H
#define PTL_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"
#include "session.h"
#include "strbuf.h"

/* Appends the .ptl text read from the export text (len bytes) named path:
 * unformatted, one statement a line. False (an error notification, and
 * nothing usable in out) when the text is not UTF-8. */
bool import_text(Session *s, const char *path, const char *text, size_t len, StrBuf *out);

/* The `ptlc import` command: argv[1] is "import". Returns the exit status. */
int import_command(int argc, char **argv, Lang lang);

/* `ptlc help import`, in English (the message id). */
extern const char import_help_text[];

#endif
