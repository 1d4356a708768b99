/* diag_json: one object per diagnostic, sorted like the human output. The
 * format is documented in docs/diagnostics.md. */
#include <string.h>

#include "diag_out.h"
#include "json.h"

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
    json_cstring(w, f ? f->path : NULL);
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
    json_end_object(w);
}

void diag_render_json(Session *s, StrBuf *out)
{
    JsonWriter w;
    json_init(&w, out);
    diag_sort(s);
    json_begin_object(&w);
    json_key(&w, "version");
    json_int(&w, 1);
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
