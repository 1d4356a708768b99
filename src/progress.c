/* progress: the terminal's progress line (progress.h). */
#define _POSIX_C_SOURCE 200809L   /* clock_gettime, fileno */
#include "progress.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void update(void *ctx, ProgressPhase phase, size_t done, size_t total)
{
    ProgressLine *pl = ctx;
    double t = now();
    if (t - pl->start < pl->after || (pl->shown && phase == pl->phase && t - pl->last < 0.1))
        return;
    static const char *const what[] = {
        [PROGRESS_READ] = N_("ptlc: reading %zu/%zu files"),
        [PROGRESS_PARSE] = N_("ptlc: parsing %zu/%zu files"),
        [PROGRESS_CHECK] = N_("ptlc: checking %zu/%zu tables"),
        [PROGRESS_BATCH] = N_("ptlc: parsing and checking %zu/%zu files"),
    };
    fputs("\r\033[K", pl->out);
    fprintf(pl->out, i18n_format(pl->lang, what[phase]), done, total);
    fflush(pl->out);
    pl->shown = true;
    pl->phase = phase;
    pl->last = t;
}

bool progress_line_start(ProgressLine *pl, Session *s, FILE *out)
{
    const char *term = getenv("TERM");
    if (!isatty(fileno(out)) || (term && strcmp(term, "dumb") == 0))
        return false;
    const char *after = getenv("PTLC_PROGRESS_AFTER");
    char *end = NULL;
    double a = after && *after ? strtod(after, &end) : 1.0;
    *pl = (ProgressLine){out, s->lang, now(), 0, end && *end ? 1.0 : a, false, PROGRESS_READ};
    s->progress = update;
    s->progress_ctx = pl;
    return true;
}

void progress_line_end(ProgressLine *pl, Session *s)
{
    if (s->progress != update)
        return;
    if (pl->shown) {
        fputs("\r\033[K", pl->out);
        fflush(pl->out);
    }
    s->progress = NULL;
    s->progress_ctx = NULL;
}
