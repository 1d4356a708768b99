/* lsp_docs: the documents a language server knows — those the editor has
 * open (their text is the buffer's, kept current by didChange) and the
 * .ptl files of the workspace folder (their text is the disk's until the
 * editor opens them). All of them are checked together as one program.
 * A document is known by its path when its URI is a file://, else by the
 * URI itself. Ownership: LspDocs owns every LspDoc and its strings (heap);
 * lsp_docs_remove and lsp_docs_free release them. */
#ifndef PTL_LSP_DOCS_H
#define PTL_LSP_DOCS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "i18n.h"
#include "lsp_pos.h"
#include "strbuf.h"

typedef struct LspDoc {
    char *uri;                  /* as the client spells it, or built from the path */
    char *path;                 /* the file it is, or NULL (untitled:, another scheme) */
    StrBuf text;
    long long version;          /* the client's, while open */
    bool open;                  /* the editor has it: text is its buffer */
    bool in_folder;             /* found in the workspace folder: the disk's text once closed */
    bool is_settings;           /* named ptlc.settings: read as settings, never as a table */
    uint64_t published;         /* hash of the last non-empty diagnostics sent; 0: none */
    bool republish;             /* changed since: its diagnostics are sent even if the same */
} LspDoc;

typedef struct LspDocs {
    LspDoc **items;
    size_t len, cap;
} LspDocs;

/* The document of uri (matched by path for a file:// URI), or NULL. */
LspDoc *lsp_docs_find(const LspDocs *d, const char *uri);

/* The document of a file path, or NULL. */
LspDoc *lsp_docs_find_path(const LspDocs *d, const char *path);

/* A new, empty document for uri (path from it when it is a file://). */
LspDoc *lsp_docs_add(LspDocs *d, const char *uri);

/* A new, empty document for a file path. */
LspDoc *lsp_docs_add_path(LspDocs *d, const char *path);

/* Names doc by uri from now on (the client's spelling of its path). */
void lsp_doc_set_uri(LspDoc *doc, const char *uri);

void lsp_docs_remove(LspDocs *d, LspDoc *doc);
void lsp_docs_free(LspDocs *d);

/* Replaces the text between positions start and end (a whole change when
 * whole is true) by text[0..len). False, and the document unchanged, when
 * the result would exceed what a source may hold. */
bool lsp_doc_edit(LspDoc *doc, bool whole, LspPos start, LspPos end, const char *text,
                  size_t len, LspEncoding enc);

/* Adds every .ptl file under root as a document (the walk of `ptlc check
 * DIR`: links out of the folder, FIFOs and devices not read), up to
 * max_files; what the walk had to say goes to log (may be NULL). Returns
 * how many files were read. */
size_t lsp_docs_read_folder(LspDocs *d, const char *root, size_t max_files, Lang lang, FILE *log);

/* Reads doc's text from its file again (a closed folder document, the
 * settings), if it is a regular file whose real path is under root (a
 * real path); false when it cannot be read. */
bool lsp_doc_reload(LspDoc *doc, const char *root, Lang lang, FILE *log);

#endif
