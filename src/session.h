/* session: everything one compilation owns. There is no global state: a
 * language server can hold many sessions at once. Ownership: session_free
 * releases the arena (AST, names, diagnostics, sources) and the heap tables. */
#ifndef PTL_SESSION_H
#define PTL_SESSION_H

#include <stdbool.h>

#include "arena.h"
#include "decimal.h"
#include "diag.h"
#include "i18n.h"
#include "intern.h"
#include "source.h"

/* What a long run is doing, for a progress line (progress.h): called with
 * how many of the phase's total are done, from the thread that runs the
 * session (never from a parsing thread). */
typedef enum ProgressPhase {
    PROGRESS_READ, PROGRESS_PARSE, PROGRESS_CHECK,
    PROGRESS_BATCH      /* parse and check, a batch of files at a time (check_release.c) */
} ProgressPhase;
typedef void (*ProgressFn)(void *ctx, ProgressPhase phase, size_t done, size_t total);

struct Session {
    Arena arena;
    Arena *trees;                   /* where parsing puts trees and token text, when not
                                       arena: a check that frees them file by file (check.c) */
    size_t release_batch;           /* check only: past this many bytes in all, check the
                                       files by threads, freeing each file's tree once
                                       checked, and a file larger than it a table at a
                                       time (check_release.c); 0: keep every tree */
    Interner names;
    PtrMap keywords;                /* each keyword spelling (interned) -> its token (lex.c) */
    unsigned jobs;                  /* threads that parse the files (parse_files.c); 0, 1: none */
    ProgressFn progress;            /* NULL: no one is watching */
    void *progress_ctx;
    Lang lang;                      /* the language of every message (LANG_EN by default) */
    PtrVec files;                   /* SourceFile *, indexed by Span.file */
    struct AstFile **preparsed;     /* the trees of files 0..npreparsed-1 when they came */
    size_t npreparsed;              /* ready (the embedded stdlib's pack): not parsed again */
    PtrVec diags;                   /* Diag *, top-level records */
    size_t counts[SEV_ERROR + 1];   /* reported diagnostics by severity */
    size_t seq;
    Severity severity[RULE_COUNT];  /* effective level of each rule */
    bool deny_warnings;             /* --deny warnings: every warning is an error */
    Decimal param[PARAM_COUNT];     /* thresholds, defaults from params.def */
    PtrVec allows;                  /* Allow *: in-file suppressions in force */
    /* command-line levels, applied over the settings file */
    bool cli_set[RULE_COUNT];
    Severity cli_level[RULE_COUNT];
    bool cli_deny_warnings;
    size_t max_errors;              /* 0: unlimited */
    bool too_many;                  /* max_errors reached: stop parsing */
    /* diag.c's indexes, so no check scans the whole queue */
    DiagMarks marks[DIAG_MARKED];   /* where syntax/encoding errors were reported */
    AllowIndex allow_index;         /* the allows, by rule and scope */
    bool diags_sorted;              /* diags is in (file, offset, seq) order */
    Diag *last_parent, *last_note;  /* the last note attached and its parent */
    size_t suggest_budget;          /* candidate visits left for "did you mean" */
    Span offered_span;              /* a fix offered for the next report (diag_offer_fix) */
    const char *offered_fix;
    /* the run itself, apart from the tables */
    PtrVec notifications;           /* Notification * (notify.h), in report order */
    const char *settings_path;      /* the ptlc.settings in use, as shown; NULL: none */
    const char *settings_root;      /* real path where the settings search stopped; NULL: no search */
    size_t inputs_read;             /* tables read (not the stdlib, not settings), for --verbose */
    PtrVec read_files;              /* FsInput * (fs.c): every file opened for reading, so no
                                       output can replace one of them */
};

void session_init(Session *s);
void session_free(Session *s);

/* Adds a source text (copied) and returns its index for Span.file. */
uint32_t session_add_source(Session *s, const char *path, const char *text, size_t len);

/* The same without the copy: text is in s->arena, with SRC_SLACK NULs after
 * its len bytes. */
uint32_t session_adopt_source(Session *s, const char *path, char *text, size_t len);

const SourceFile *session_file(const Session *s, uint32_t index);

/* A session of one of s's threads (parse_files.c, check_release.c): its
 * own arena and diagnostics, s's names through lock, and s's sources,
 * keywords, language, levels, thresholds and limits, which it only reads
 * while the threads run. Its allow index is its own (empty). */
void session_init_thread(Session *w, Session *s, pthread_mutex_t *lock);

static inline void session_progress(Session *s, ProgressPhase phase, size_t done, size_t total)
{
    if (s->progress)
        s->progress(s->progress_ctx, phase, done, total);
}

#endif
