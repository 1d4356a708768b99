/* import: `ptlc import`, the tables of a spreadsheet (a workbook, or the
 * text a spreadsheet or a PDF converter writes for 绩效目标表) read back as
 * .ptl. The importer automates the judgements a hand transcription makes
 * (the files of tests/real): tables found by their titles, header blocks by their
 * labels (stdlib/import.ptl), indicator columns by their header names,
 * merged cells exported as blanks carried from the row above, a row the
 * export shifted into the wrong column re-aligned (with a warning), values
 * fused with their operator and unit taken apart, the framework chosen as
 * the one the tree's categories belong to (stdlib/frameworks.ptl), and
 * anything it cannot place kept as a comment and reported at its cell,
 * never dropped. Ownership: the text is appended to the caller's StrBuf;
 * notifications go to the caller's session. */
#ifndef PTL_IMPORT_H
#define PTL_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"
#include "i18n.h"
#include "session.h"
#include "strbuf.h"

/* The stdlib the importer reads its labels, units and frameworks from,
 * parsed once for any number of imports. */
typedef struct Importer Importer;

Importer *importer_new(void);
void importer_free(Importer *im);

/* Appends the .ptl text of the grid read from path: unformatted, one
 * statement a line. */
void import_grid(Importer *im, Session *s, const char *path, const Grid *g, StrBuf *out);

/* grid_read_text then import_grid. False (an error notification, nothing in
 * out) when the text cannot be read. */
bool import_text(Importer *im, Session *s, const char *path, const char *text, size_t len, StrBuf *out);

/* The `ptlc import` command: argv[1] is "import". Returns the exit status. */
int import_command(int argc, char **argv, Lang lang);

/* `ptlc help import`, in English (the message id). */
extern const char import_help_text[];

#endif
