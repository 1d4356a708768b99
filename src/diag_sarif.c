/* diag_sarif: SARIF 2.1.0, as code-scanning services read it. Every rule
 * of the catalog is listed in tool.driver.rules (so a service can show its
 * help even for rules that did not fire), results refer to them by id and
 * index, and notes become relatedLocations. The run's own notifications
 * are the invocation's toolExecutionNotifications, and the settings file
 * in use is an artifact with the role userSpecifiedConfiguration (a
 * configuration file supplied by the user, not by the tool's vendor). Every
 * uri is percent-encoded from the path's bytes; message texts are
 * neutralised as in the human format. */
#include <stdio.h>
#include <string.h>

#include "diag_out.h"
#include "explain.h"
#include "json.h"
#include "notify.h"

void uri_escape(StrBuf *out, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                     || strchr("-._~/", c);
        if (plain && c) {
            strbuf_addc(out, (char)c);
        } else {
            strbuf_addc(out, '%');
            strbuf_addc(out, hex[c >> 4]);
            strbuf_addc(out, hex[c & 15]);
        }
    }
}

static const char *sarif_level(Severity sev)
{
    switch (sev) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_NOTE: return "note";
    case SEV_ALLOW: return "none";
    }
    return "none";
}

static void text_object(JsonWriter *w, const char *key, const char *text)
{
    json_key(w, key);
    json_begin_object(w);
    json_key(w, "text");
    json_cstring(w, text);
    json_end_object(w);
}

static void safe_text_object(JsonWriter *w, const char *key, const char *text)
{
    StrBuf sb = STRBUF_INIT;
    notify_safe(&sb, text);
    text_object(w, key, strbuf_cstr(&sb));
    strbuf_release(&sb);
}

/* "artifactLocation": {"uri": ...} for path. */
static void artifact_location(JsonWriter *w, const char *path)
{
    json_key(w, "artifactLocation");
    json_begin_object(w);
    StrBuf uri = STRBUF_INIT;
    uri_escape(&uri, path);
    json_key(w, "uri");
    json_cstring(w, strbuf_cstr(&uri));
    strbuf_release(&uri);
    json_end_object(w);
}

static void rules(JsonWriter *w, Lang lang)
{
    json_key(w, "rules");
    json_begin_array(w);
    for (int r = 0; r < RULE_COUNT; r++) {
        StrBuf help = STRBUF_INIT;
        explain_plain(&help, lang, (RuleId)r);
        StrBuf full = STRBUF_INIT;
        explain_checks(&full, lang, (RuleId)r);
        json_begin_object(w);
        json_key(w, "id");
        json_cstring(w, rule_info[r].name);
        text_object(w, "shortDescription", explain_summary(lang, (RuleId)r));
        text_object(w, "fullDescription", strbuf_cstr(&full));
        text_object(w, "help", strbuf_cstr(&help));
        json_key(w, "defaultConfiguration");
        json_begin_object(w);
        json_key(w, "level");
        json_cstring(w, sarif_level(rule_info[r].default_severity));
        json_end_object(w);
        json_end_object(w);
        strbuf_release(&help);
        strbuf_release(&full);
    }
    json_end_array(w);
}

static void region(JsonWriter *w, const SourceFile *f, Span sp, bool insertion);

static void physical(JsonWriter *w, const Session *s, Span sp)
{
    const SourceFile *f = session_file(s, sp.file);
    json_key(w, "physicalLocation");
    json_begin_object(w);
    artifact_location(w, f->path);
    json_key(w, "region");
    region(w, f, sp, false);
    json_end_object(w);
}

/* "region" of sp. A location's region is never empty (an empty span shows
 * its next character); a replacement's may be: that is an insertion. */
static void region(JsonWriter *w, const SourceFile *f, Span sp, bool insertion)
{
    uint32_t l1, c1, l2, c2;
    src_line_col(f, sp.start, &l1, &c1);
    src_line_col(f, sp.end, &l2, &c2);
    json_begin_object(w);
    json_key(w, "startLine");
    json_int(w, l1);
    json_key(w, "startColumn");
    json_int(w, c1);
    json_key(w, "endLine");
    json_int(w, l2);
    json_key(w, "endColumn");
    json_int(w, c2 > c1 || l2 > l1 || insertion ? c2 : c1 + 1);
    json_end_object(w);
}

/* result.fixes: one fix per DiagFix, each a replacement in its file. */
static void fixes(JsonWriter *w, const Session *s, const Diag *d)
{
    if (!d->fixes)
        return;
    json_key(w, "fixes");
    json_begin_array(w);
    for (const DiagFix *x = d->fixes; x; x = x->next) {
        const SourceFile *f = session_file(s, x->span.file);
        if (!f)
            continue;
        json_begin_object(w);
        text_object(w, "description", x->text[0] ? x->text : d->msg);
        json_key(w, "artifactChanges");
        json_begin_array(w);
        json_begin_object(w);
        artifact_location(w, f->path);
        json_key(w, "replacements");
        json_begin_array(w);
        json_begin_object(w);
        json_key(w, "deletedRegion");
        region(w, f, x->span, true);
        if (x->text[0]) {
            json_key(w, "insertedContent");
            json_begin_object(w);
            json_key(w, "text");
            json_cstring(w, x->text);
            json_end_object(w);
        }
        json_end_object(w);
        json_end_array(w);
        json_end_object(w);
        json_end_array(w);
        json_end_object(w);
    }
    json_end_array(w);
}

static void result(JsonWriter *w, const Session *s, const Diag *d)
{
    json_begin_object(w);
    json_key(w, "ruleId");
    json_cstring(w, rule_info[d->rule].name);
    json_key(w, "ruleIndex");
    json_int(w, d->rule);
    json_key(w, "level");
    json_cstring(w, sarif_level(d->sev));
    text_object(w, "message", d->msg);
    json_key(w, "locations");
    json_begin_array(w);
    if (session_file(s, d->span.file)) {
        json_begin_object(w);
        physical(w, s, d->span);
        json_end_object(w);
    }
    json_end_array(w);
    if (d->notes) {
        json_key(w, "relatedLocations");
        json_begin_array(w);
        int id = 1;
        for (const Diag *n = d->notes; n; n = n->next_note) {
            if (!session_file(s, n->span.file))
                continue;
            json_begin_object(w);
            json_key(w, "id");
            json_int(w, id++);
            physical(w, s, n->span);
            text_object(w, "message", n->msg);
            json_end_object(w);
        }
        json_end_array(w);
    }
    fixes(w, s, d);
    json_end_object(w);
}

/* invocations[0]: whether the run could do its work (no I/O or usage
 * failure; errors in the tables are results, not a failed execution) and
 * what it had to say about itself. */
static void invocation(JsonWriter *w, const Session *s)
{
    json_key(w, "invocations");
    json_begin_array(w);
    json_begin_object(w);
    json_key(w, "executionSuccessful");
    json_bool(w, notify_count(s, SEV_ERROR) == 0);
    json_key(w, "toolExecutionNotifications");
    json_begin_array(w);
    for (size_t i = 0; i < s->notifications.len; i++) {
        const Notification *n = s->notifications.items[i];
        json_begin_object(w);
        json_key(w, "level");
        json_cstring(w, sarif_level(n->sev));
        safe_text_object(w, "message", n->msg);
        if (n->path) {
            json_key(w, "locations");
            json_begin_array(w);
            json_begin_object(w);
            json_key(w, "physicalLocation");
            json_begin_object(w);
            artifact_location(w, n->path);
            json_end_object(w);
            json_end_object(w);
            json_end_array(w);
        }
        json_end_object(w);
    }
    json_end_array(w);
    json_end_object(w);
    json_end_array(w);
}

static void artifacts(JsonWriter *w, const Session *s)
{
    if (!s->settings_path)
        return;
    json_key(w, "artifacts");
    json_begin_array(w);
    json_begin_object(w);
    json_key(w, "location");
    json_begin_object(w);
    StrBuf uri = STRBUF_INIT;
    uri_escape(&uri, s->settings_path);
    json_key(w, "uri");
    json_cstring(w, strbuf_cstr(&uri));
    strbuf_release(&uri);
    json_end_object(w);
    json_key(w, "roles");
    json_begin_array(w);
    json_cstring(w, "userSpecifiedConfiguration");
    json_end_array(w);
    json_end_object(w);
    json_end_array(w);
}

void diag_render_sarif(Session *s, StrBuf *out)
{
    JsonWriter w;
    json_init(&w, out);
    diag_sort(s);
    json_begin_object(&w);
    json_key(&w, "$schema");
    json_cstring(&w, "https://json.schemastore.org/sarif-2.1.0.json");
    json_key(&w, "version");
    json_cstring(&w, "2.1.0");
    json_key(&w, "runs");
    json_begin_array(&w);
    json_begin_object(&w);
    json_key(&w, "tool");
    json_begin_object(&w);
    json_key(&w, "driver");
    json_begin_object(&w);
    json_key(&w, "name");
    json_cstring(&w, "ptlc");
    json_key(&w, "version");
    json_cstring(&w, PTLC_VERSION);
    rules(&w, s->lang);
    json_end_object(&w);
    json_end_object(&w);
    /* the messages' language; absent, SARIF reads en-US */
    if (s->lang == LANG_ZH) {
        json_key(&w, "language");
        json_cstring(&w, "zh-CN");
    }
    invocation(&w, s);
    artifacts(&w, s);
    json_key(&w, "columnKind");
    json_cstring(&w, "unicodeCodePoints");
    json_key(&w, "results");
    json_begin_array(&w);
    for (size_t i = 0; i < s->diags.len; i++)
        result(&w, s, s->diags.items[i]);
    json_end_array(&w);
    json_end_object(&w);
    json_end_array(&w);
    json_end_object(&w);
}
