/* notify: the human form copies the diagnostics' header colours (bold
 * location, red error, magenta warning) so both read as one report. */
#include "notify.h"

#include <stdarg.h>
#include <string.h>

#include "safetext.h"

void notify_report(Session *s, Severity sev, const char *path, const char *fmt, ...)
{
    Notification *n = arena_alloc(&s->arena, sizeof *n);
    n->sev = sev;
    n->path = path ? arena_strndup(&s->arena, path, strlen(path)) : NULL;
    va_list ap;
    va_start(ap, fmt);
    n->msg = arena_vsprintf(&s->arena, i18n_format(s->lang, fmt), ap);
    va_end(ap);
    ptrvec_push(&s->arena, &s->notifications, n);
}

size_t notify_count(const Session *s, Severity sev)
{
    size_t k = 0;
    for (size_t i = 0; i < s->notifications.len; i++)
        k += ((const Notification *)s->notifications.items[i])->sev == sev;
    return k;
}

void notify_safe(StrBuf *out, const char *text)
{
    safe_append(out, text, strlen(text));
}

static void paint(StrBuf *out, bool color, const char *code)
{
    if (color)
        strbuf_adds(out, code);
}

void notify_render_human(const Session *s, StrBuf *out, RenderOptions opt)
{
    for (size_t i = 0; i < s->notifications.len; i++) {
        const Notification *n = s->notifications.items[i];
        paint(out, opt.color, "\033[1m");
        notify_safe(out, n->path ? n->path : "ptlc");
        strbuf_adds(out, ": ");
        paint(out, opt.color, "\033[0m");
        paint(out, opt.color, n->sev == SEV_ERROR ? "\033[1;31m" : "\033[1;35m");
        strbuf_adds(out, severity_name(n->sev));
        paint(out, opt.color, "\033[0m");
        strbuf_adds(out, ": ");
        notify_safe(out, n->msg);
        strbuf_addc(out, '\n');
    }
}
