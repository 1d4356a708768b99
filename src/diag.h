/* diag: the one place every stage reports through. Diagnostics are queued,
 * not printed: the driver sorts them by (file, offset) and renders them all at
 * once, so syntax and semantic findings come out in source order. Severity is
 * looked up from the session's rule table, so a rule's level is configured in
 * one place. Ownership: Diag records and their text live in the session arena. */
#ifndef PTL_DIAG_H
#define PTL_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "source.h"
#include "strbuf.h"
#include "util.h"

typedef enum Severity { SEV_ALLOW, SEV_NOTE, SEV_WARNING, SEV_ERROR } Severity;

typedef enum RuleId {
#define RULE(id, name, sev, summary) RULE_##id,
#include "rules.def"
#undef RULE
    RULE_COUNT
} RuleId;

typedef enum ParamId {
#define PARAM(id, name, dflt, meaning) PARAM_##id,
#include "params.def"
#undef PARAM
    PARAM_COUNT
} ParamId;

typedef struct ParamInfo {
    const char *name;
    const char *default_text;
    const char *meaning;
} ParamInfo;

extern const ParamInfo param_info[PARAM_COUNT];

/* Returns the threshold called name, or PARAM_COUNT when there is none. */
ParamId param_lookup(const char *name);

typedef struct RuleInfo {
    const char *name;
    Severity default_severity;
    const char *summary;
} RuleInfo;

extern const RuleInfo rule_info[RULE_COUNT];

/* Returns the rule called name, or RULE_COUNT when there is none. */
RuleId rule_lookup(const char *name);
const char *severity_name(Severity sev);

/* A certain fix: replace the bytes of span with text ("" deletes, an empty
 * span inserts). Applied by `ptlc fix`, shown under the caret, written as
 * `fixes` in JSON and SARIF. */
typedef struct DiagFix DiagFix;
struct DiagFix {
    Span span;
    const char *text;
    DiagFix *next;
};

typedef struct Diag Diag;
struct Diag {
    RuleId rule;            /* RULE_COUNT for notes */
    Severity sev;
    Span span;
    const char *msg;
    Diag *notes;            /* chained through next_note, in report order */
    Diag *next_note;
    size_t seq;             /* report order, the tie-breaker when sorting */
    DiagFix *fixes;         /* in the order attached */
};

typedef struct Session Session;

/* Where errors of the rules a check may need to stay quiet about were
 * reported (syntax, encoding): every report is marked, even one dropped
 * past --max-errors, so a table that lost text is never checked as if
 * whole. Sorted on demand, searched in O(log n). */
enum { DIAG_MARKED = 2 };

typedef struct DiagMark {
    uint32_t file, off;
} DiagMark;

typedef struct DiagMarks {
    DiagMark *items;
    size_t len, cap;
    bool sorted;
} DiagMarks;

/* The in-file allows of one rule, sorted by (file, scope start), each with
 * the index of the allow whose scope encloses it (scopes nest: a table's
 * encloses its indicators'), so the innermost allow covering an offset is
 * found by one binary search and a walk up at most the nesting depth. */
typedef struct AllowSlot {
    struct Allow *allow;
    size_t parent;              /* index of the enclosing slot, or SIZE_MAX */
} AllowSlot;

typedef struct AllowIndex {
    AllowSlot *slots[RULE_COUNT];
    size_t len[RULE_COUNT];
    bool any;
} AllowIndex;

/* Reports a finding of rule at span. Returns the record (for attaching
 * notes), or NULL when the rule is allowed or the error limit was reached. */
Diag *diag_report(Session *s, RuleId rule, Span span, const char *fmt, ...) PTL_PRINTF(4, 5);

/* Reports a milder (or stricter) variant of rule at level wanted, e.g. a
 * project-sum shortfall as a warning. The wanted level applies unless the
 * user allowed the rule or set it stricter than its default. */
Diag *diag_report_as(Session *s, RuleId rule, Severity wanted, Span span, const char *fmt, ...)
    PTL_PRINTF(5, 6);

/* As diag_report, with the arguments in a va_list. */
Diag *diag_vreport(Session *s, RuleId rule, Span span, const char *fmt, va_list ap);

/* True when a report of rule at span would be kept (not allowed, not
 * silenced in the file, not past --max-errors): lets a caller skip work
 * such as a suggestion that nobody would see. */
bool diag_wanted(Session *s, RuleId rule, Span span);

/* Releases the indexes above (session_free calls it). */
void diag_free_indexes(Session *s);

/* Builds the allow index from s->allows; call once the allows are all
 * registered (or again when more were: a check that frees its trees
 * registers them file by file). Reports made before it are never silenced
 * by an allow. */
void diag_index_allows(Session *s);

/* Attaches a certain fix to d (ignored when d is NULL): replace span by
 * text. Only for a fix that cannot be wrong; a guess is a note. */
void diag_fix(Session *s, Diag *d, Span span, const char *text);

/* Offers a fix to the next report whose span covers span: a "did you mean"
 * is computed while the message's arguments are, before the report exists.
 * Any report withdraws the offer. */
void diag_offer_fix(Session *s, Span span, const char *text);

/* Attaches a note to parent (ignored when parent is NULL). */
void diag_note(Session *s, Diag *parent, Span span, const char *fmt, ...) PTL_PRINTF(4, 5);

size_t diag_count(const Session *s, Severity sev);

/* True when an error of rule (RULE_SYNTAX or RULE_ENCODING) was reported
 * inside span, kept or not: lets a check stay quiet about a table whose
 * text could not be fully parsed. */
bool diag_any_within(Session *s, RuleId rule, Span span);

/* Sorts the queue by file, offset and report order (once: later calls
 * cost nothing until something new is reported). */
void diag_sort(Session *s);

/* What a session reported between two moments: diag_range_start, some
 * reports, diag_range_end. */
typedef struct DiagRange {
    size_t diags[2];
    size_t marks[DIAG_MARKED][2];
    size_t errors;
} DiagRange;

void diag_range_start(const Session *s, DiagRange *r);
void diag_range_end(const Session *s, DiagRange *r);

/* Takes what another session (a parsing thread's) reported in range r,
 * in its order, as if reported here now: this session numbers and counts
 * the diagnostics and keeps the syntax and encoding marks. Their memory
 * stays in from's arena, which the caller moves over with arena_adopt. */
void diag_take(Session *to, const Session *from, const DiagRange *r);

/* What the column of file:line:col counts (gcc's -fdiagnostics-column-unit):
 * code points (the default, as the JSON and the language server's UTF-32
 * would), bytes (Vim's and Emacs' compile modes count bytes), or display
 * columns (a CJK character two, a tab to the next stop of 8). */
typedef enum ColumnUnit { COLUMN_CODEPOINT, COLUMN_BYTE, COLUMN_DISPLAY } ColumnUnit;

typedef struct RenderOptions {
    bool color;
    ColumnUnit column;
} RenderOptions;

/* Renders every queued diagnostic (sorted first) in the human format:
 * file:line:col: severity[rule]: message, the source line and a caret line. */
void diag_render_human(Session *s, StrBuf *out, RenderOptions opt);

/* Renders one diagnostic; exposed for unit tests. */
void diag_render_one(const Session *s, const Diag *d, StrBuf *out, RenderOptions opt);

/* "N errors, M warnings" summary line, or nothing when the queue is empty. */
void diag_render_summary(const Session *s, StrBuf *out, RenderOptions opt);

#endif
