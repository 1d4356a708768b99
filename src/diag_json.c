/* diag_json: one object per diagnostic, sorted like the human output. The
 * format is documented in docs/diagnostics.md. Paths are written in their
 * neutralised form (safetext: \u{1B}, \xFF), the same text the human
 * format shows, so a consumer that prints a path cannot be made to emit an
 * escape sequence and the document is valid UTF-8 whatever the file names. */
#include <string.h>

#include "diag_out.h"
#include "json.h"
#include "notify.h"

static void safe_string(JsonWriter *w, const char *text)
{
    if (!text) {
        jw_null(w);
        return;
    }
    StrBuf sb = STRBUF_INIT;
    notify_safe(&sb, text);
    jw_string(w, strbuf_cstr(&sb), sb.len);
    strbuf_release(&sb);
}

static void position(JsonWriter *w, const SourceFile *f, const char *key, uint32_t off)
{
    uint32_t line, col;
    src_line_col(f, off, &line, &col);
    jw_key(w, key);
    jw_begin_object(w);
    jw_key(w, "line");
    jw_int(w, line);
    jw_key(w, "column");
    jw_int(w, col);
    jw_key(w, "offset");
    jw_int(w, off);
    jw_end_object(w);
}

static void location(JsonWriter *w, const Session *s, Span sp)
{
    const SourceFile *f = session_file(s, sp.file);
    jw_key(w, "file");
    safe_string(w, f ? f->path : NULL);
    if (!f)
        return;
    position(w, f, "start", sp.start);
    position(w, f, "end", sp.end);
}

static void one(JsonWriter *w, const Session *s, const Diag *d)
{
    jw_begin_object(w);
    jw_key(w, "rule");
    jw_cstring(w, d->rule == RULE_COUNT ? NULL : rule_info[d->rule].name);
    jw_key(w, "severity");
    jw_cstring(w, severity_name(d->sev));
    jw_key(w, "message");
    jw_cstring(w, d->msg);
    location(w, s, d->span);
    jw_key(w, "notes");
    jw_begin_array(w);
    for (const Diag *n = d->notes; n; n = n->next_note) {
        jw_begin_object(w);
        jw_key(w, "message");
        jw_cstring(w, n->msg);
        location(w, s, n->span);
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_key(w, "fixes");
    jw_begin_array(w);
    for (const DiagFix *x = d->fixes; x; x = x->next) {
        jw_begin_object(w);
        location(w, s, x->span);
        jw_key(w, "text");
        safe_string(w, x->text);
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_end_object(w);
}

static void notifications(JsonWriter *w, const Session *s)
{
    jw_key(w, "notifications");
    jw_begin_array(w);
    for (size_t i = 0; i < s->notifications.len; i++) {
        const Notification *n = s->notifications.items[i];
        jw_begin_object(w);
        jw_key(w, "severity");
        jw_cstring(w, severity_name(n->sev));
        jw_key(w, "path");
        safe_string(w, n->path);
        jw_key(w, "message");
        safe_string(w, n->msg);
        jw_end_object(w);
    }
    jw_end_array(w);
}

void diag_render_json(Session *s, StrBuf *out)
{
    JsonWriter w;
    jw_init(&w, out);
    diag_sort(s);
    jw_begin_object(&w);
    jw_key(&w, "version");
    jw_int(&w, 1);
    jw_key(&w, "settings");
    safe_string(&w, s->settings_path);
    notifications(&w, s);
    jw_key(&w, "diagnostics");
    jw_begin_array(&w);
    for (size_t i = 0; i < s->diags.len; i++)
        one(&w, s, s->diags.items[i]);
    jw_end_array(&w);
    jw_key(&w, "errors");
    jw_int(&w, (long long)s->counts[SEV_ERROR]);
    jw_key(&w, "warnings");
    jw_int(&w, (long long)s->counts[SEV_WARNING]);
    jw_key(&w, "truncated");
    jw_bool(&w, s->too_many);
    jw_end_object(&w);
}
