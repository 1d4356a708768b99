/* lsp_internal: what the language server's files share — the server's
 * state, the analysis (the last check of every document, one Session and
 * one Program) and the helpers the method handlers use to read positions
 * from params and write ranges into results. Not for use outside
 * src/lsp*.c. Ownership: the server owns its documents and its analysis;
 * an analysis is freed and replaced by the next check, so nothing a
 * handler takes from it outlives the request. json_t results returned by
 * the handlers are new references the caller sends. */
#ifndef PTL_LSP_INTERNAL_H
#define PTL_LSP_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "lsp.h"
#include "lsp_docs.h"
#include "lsp_pos.h"
#include "lsp_rpc.h"
#include "program.h"
#include "session.h"

/* The check every request reads: the documents' texts as they were then
 * (copied into the session), so positions are converted against the text
 * the spans point into. */
typedef struct LspAnalysis {
    Session s;
    Program prog;
    bool ok;                    /* the stdlib loaded and the program was checked */
    size_t nfiles;              /* s.files.len */
    LspDoc **docs;              /* the document of each session file; NULL for the stdlib */
    LspLines *lines;            /* each file's line index, built on first use (n == 0) */
} LspAnalysis;

typedef struct LspServer {
    LspInput *in;               /* what the client sends */
    FILE *out, *log;            /* log may be NULL */
    LspOptions opt;
    Lang lang;                  /* the client's locale, else opt.lang */
    LspEncoding enc;            /* the negotiated positionEncoding */
    bool initialized, shut_down;
    bool output_failed;         /* the client is gone: stop */
    char **roots;               /* workspace folders, as real paths */
    size_t nroots;
    LspDocs docs;
    LspAnalysis *an;            /* the last check, or NULL */
    bool dirty;                 /* a document changed since: check before answering */
    uint64_t notified;          /* hash of the run's notifications last logged */
    bool settings_unreadable;   /* the last check could not read the ptlc.settings found */
} LspServer;

/* A handler's failure: code 0 is success. */
typedef struct LspFail {
    int code;
    const char *message;
} LspFail;

/* ===== lsp_check.c ===== */

/* Checks every document as one program (the settings in force) into a new
 * analysis, replacing srv->an, and publishes the diagnostics that changed
 * (and those of every document marked republish). */
void lsp_check_and_publish(LspServer *srv);

/* Brings srv->an up to date when a document changed. */
void lsp_ensure_checked(LspServer *srv);

void lsp_analysis_free(LspAnalysis *a);

/* Sends an empty diagnostics list for doc if it had findings (before the
 * document is forgotten). */
void lsp_clear_published(LspServer *srv, LspDoc *doc);

/* The session file of doc in the analysis, or UINT32_MAX. */
uint32_t lsp_file_of(const LspAnalysis *a, const LspDoc *doc);

LspPos lsp_pos_in(LspAnalysis *a, uint32_t file, uint32_t off, LspEncoding enc);
size_t lsp_offset_in(LspAnalysis *a, uint32_t file, LspPos p, LspEncoding enc);

/* {"start": …, "end": …} of a span (its file must be a session file). */
json_t *lsp_range_json(LspServer *srv, Span sp);

/* {"uri": …, "range": …} of a span in a document, or NULL when its file is
 * not one (the stdlib). */
json_t *lsp_location_json(LspServer *srv, Span sp);

/* The LSP Diagnostic of d: range, severity, rule as code with a link to
 * its explanation, source, message, notes as relatedInformation. */
json_t *lsp_diagnostic_json(LspServer *srv, const Diag *d);

/* ===== params (lsp.c) ===== */

/* The document named by params.textDocument.uri and its file in the
 * (checked) analysis; false with *fail set when params are malformed. A
 * document the server does not know is *doc NULL, not a failure. */
bool lsp_param_doc(LspServer *srv, json_t *params, LspDoc **doc, uint32_t *file, LspFail *fail);

/* obj[key] as a position; false with *fail set when it is not one. */
bool lsp_param_pos(json_t *obj, const char *key, LspPos *p, LspFail *fail);

/* The file and byte offset a TextDocumentPositionParams names (hover,
 * completion, definition); false when the params are malformed (*fail
 * set) or the document is not in the analysis (no failure: no answer). */
bool lsp_param_at(LspServer *srv, json_t *params, uint32_t *file, size_t *off, LspFail *fail);

/* ===== text synchronisation (lsp_sync.c), notifications ===== */

void lsp_did_open(LspServer *srv, json_t *params);
void lsp_did_change(LspServer *srv, json_t *params);
void lsp_did_close(LspServer *srv, json_t *params);
void lsp_did_change_watched(LspServer *srv, json_t *params);

/* ===== the methods (one file each) ===== */

json_t *lsp_hover(LspServer *srv, json_t *params, LspFail *fail);            /* lsp_hover.c */
json_t *lsp_completion(LspServer *srv, json_t *params, LspFail *fail);       /* lsp_complete.c */
json_t *lsp_document_symbol(LspServer *srv, json_t *params, LspFail *fail);  /* lsp_symbols.c */
json_t *lsp_definition(LspServer *srv, json_t *params, LspFail *fail);       /* lsp_symbols.c */
json_t *lsp_formatting(LspServer *srv, json_t *params, LspFail *fail);       /* lsp_edit.c */
json_t *lsp_code_action(LspServer *srv, json_t *params, LspFail *fail);      /* lsp_edit.c */

/* ===== texts of the server's own (lsp_text.c) ===== */

/* The server's own words (hover headings, action titles) in lang. They are
 * kept beside their Chinese here rather than in po/, whose template
 * covers the command line's messages. */
typedef enum LspText {
    LT_REPLACE,                 /* Replace '%s' with '%s' */
    LT_DELETE,                  /* Delete '%s' */
    LT_INSERT,                  /* Insert '%s' */
    LT_APPLY_FIXES,             /* Apply ptlc's fixes */
    LT_FIX_ALL,                 /* Apply every fix of the file */
    LT_LEVEL1,                  /* 一级指标 (level 1 category) */
    LT_LEVEL2,                  /* 二级指标 under %s */
    LT_OF_FRAMEWORK,            /* framework %s */
    LT_NOT_IN_FRAMEWORK,        /* not a category of framework %s */
    LT_ALIAS_OF,                /* written for %s */
    LT_PART_OF,                 /* part of %s */
    LT_ITS_LEVEL2,              /* its 二级: */
    LT_UNIT_OF,                 /* a unit of %s */
    LT_COMPOUND_UNIT,           /* %s per %s */
    LT_WHOLE_NUMBERS,           /* whole numbers only */
    LT_COST_SUM,                /* the cost indicators add up to %s, the amount is %s */
    LT_WEIGHT_SUM,              /* the weights add up to %s (%zu of %zu), weights-total %s */
    LT_SCORE_SUM,               /* the same, against score-total */
    LT_DIMENSION,               /* measures %s */
    LT_QUALITATIVE,             /* 定性, no unit */
    LT_CATEGORY,                /* category */
    LT_TABLE,                   /* table */
    LT_UNIT,                    /* unit */
    LT_KEYWORD,                 /* keyword */
    LT_SOURCE,                  /* income source */
    LT_NATURE,                  /* spending nature */
    LT_RULE,                    /* rule */
    LT_FRAMEWORK,               /* framework */
    LT_COUNT
} LspText;

const char *lsp_text(Lang lang, LspText t);

#endif
