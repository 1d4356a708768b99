/* notify: what ptlc says about the run itself rather than about the
 * tables — a file that could not be read, a symbolic link that was not
 * followed, an output that was refused. These are not rule diagnostics: no
 * .ptl text triggers them, no settings level or allow changes them, and
 * they are never sorted into the source order; they come first, in the
 * order they happened. An error notification means an I/O or usage failure
 * (exit status 2). Ownership: records and text live in the session arena;
 * paths are kept as raw bytes (a SARIF uri percent-encodes the real bytes)
 * and neutralised only when shown. */
#ifndef PTL_NOTIFY_H
#define PTL_NOTIFY_H

#include <stddef.h>

#include "diag.h"
#include "session.h"
#include "strbuf.h"

typedef struct Notification {
    Severity sev;           /* SEV_WARNING or SEV_ERROR */
    const char *path;       /* the file concerned, as named; NULL: the run as a whole */
    const char *msg;
} Notification;

void notify_report(Session *s, Severity sev, const char *path, const char *fmt, ...)
    PTL_PRINTF(4, 5);

size_t notify_count(const Session *s, Severity sev);

/* Appends text as it may be shown anywhere (terminal, log, JSON): controls,
 * bidirectional overrides and bytes that are not UTF-8 as escapes. */
void notify_safe(StrBuf *out, const char *text);

/* "PATH: warning: MESSAGE" or "ptlc: error: MESSAGE", one line each. */
void notify_render_human(const Session *s, StrBuf *out, RenderOptions opt);

#endif
