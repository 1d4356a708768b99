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
        json_null(w);
        return;
    }
    StrBuf sb = STRBUF_INIT;
    notify_safe(&sb, text);
    json_string(w, strbuf_cstr(&sb), sb.len);
    strbuf_release(&sb);
}

static void position(JsonWriter *w, const SourceFile *f, const char *key, uint32_t off)
{
    uint32_t line, col;
    src_line_col(f, off, &line, &col);
    json_key(w, key);
    json_begin_object(w);
    json_key(w, "line");
    json_int(w, line);
    json_key(w, "column");
    json_int(w, col);
    json_key(w, "offset");
    json_int(w, off);
    json_end_object(w);
}

static void location(JsonWriter *w, const Session *s, Span sp)
{
    const SourceFile *f = session_file(s, sp.file);
    json_key(w, "file");
    safe_string(w, f ? f->path : NULL);
    if (!f)
        return;
    position(w, f, "start", sp.start);
    position(w, f, "end", sp.end);
}

static void one(JsonWriter *w, const Session *s, const Diag *d)
{
    json_begin_object(w);
    json_key(w, "rule");
    json_cstring(w, d->rule == RULE_COUNT ? NULL : rule_info[d->rule].name);
    json_key(w, "severity");
    json_cstring(w, severity_name(d->sev));
    json_key(w, "message");
    json_cstring(w, d->msg);
    location(w, s, d->span);
    json_key(w, "notes");
    json_begin_array(w);
    for (const Diag *n = d->notes; n; n = n->next_note) {
        json_begin_object(w);
        json_key(w, "message");
        json_cstring(w, n->msg);
        location(w, s, n->span);
        json_end_object(w);
    }
    json_end_array(w);
    json_key(w, "fixes");
    json_begin_array(w);
    for (const DiagFix *x = d->fixes; x; x = x->next) {
        json_begin_object(w);
        location(w, s, x->span);
        json_key(w, "text");
        safe_string(w, x->text);
        json_end_object(w);
    }
    json_end_array(w);
    json_end_object(w);
}

static void notifications(JsonWriter *w, const Session *s)
{
    json_key(w, "notifications");
    json_begin_array(w);
    for (size_t i = 0; i < s->notifications.len; i++) {
        const Notification *n = s->notifications.items[i];
        json_begin_object(w);
        json_key(w, "severity");
        json_cstring(w, severity_name(n->sev));
        json_key(w, "path");
        safe_string(w, n->path);
        json_key(w, "message");
        safe_string(w, n->msg);
        json_end_object(w);
    }
    json_end_array(w);
}

void diag_render_json(Session *s, StrBuf *out)
{
    JsonWriter w;
    json_init(&w, out);
    diag_sort(s);
    json_begin_object(&w);
    json_key(&w, "version");
    json_int(&w, 1);
    json_key(&w, "settings");
    safe_string(&w, s->settings_path);
    notifications(&w, s);
    json_key(&w, "diagnostics");
    json_begin_array(&w);
    for (size_t i = 0; i < s->diags.len; i++)
        one(&w, s, s->diags.items[i]);
    json_end_array(&w);
    json_key(&w, "errors");
    json_int(&w, (long long)s->counts[SEV_ERROR]);
    json_key(&w, "warnings");
    json_int(&w, (long long)s->counts[SEV_WARNING]);
    json_key(&w, "truncated");
    json_bool(&w, s->too_many);
    json_end_object(&w);
}
