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
    jw_key(w, key);
    jw_begin_object(w);
    jw_key(w, "text");
    jw_cstring(w, text);
    jw_end_object(w);
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
    jw_key(w, "artifactLocation");
    jw_begin_object(w);
    StrBuf uri = STRBUF_INIT;
    uri_escape(&uri, path);
    jw_key(w, "uri");
    jw_cstring(w, strbuf_cstr(&uri));
    strbuf_release(&uri);
    jw_end_object(w);
}

static void rules(JsonWriter *w, Lang lang)
{
    jw_key(w, "rules");
    jw_begin_array(w);
    for (int r = 0; r < RULE_COUNT; r++) {
        StrBuf help = STRBUF_INIT;
        explain_plain(&help, lang, (RuleId)r);
        StrBuf full = STRBUF_INIT;
        explain_checks(&full, lang, (RuleId)r);
        jw_begin_object(w);
        jw_key(w, "id");
        jw_cstring(w, rule_info[r].name);
        text_object(w, "shortDescription", explain_summary(lang, (RuleId)r));
        text_object(w, "fullDescription", strbuf_cstr(&full));
        text_object(w, "help", strbuf_cstr(&help));
        jw_key(w, "defaultConfiguration");
        jw_begin_object(w);
        jw_key(w, "level");
        jw_cstring(w, sarif_level(rule_info[r].default_severity));
        jw_end_object(w);
        jw_end_object(w);
        strbuf_release(&help);
        strbuf_release(&full);
    }
    jw_end_array(w);
}

static void region(JsonWriter *w, const SourceFile *f, Span sp, bool insertion);

static void physical(JsonWriter *w, const Session *s, Span sp)
{
    const SourceFile *f = session_file(s, sp.file);
    jw_key(w, "physicalLocation");
    jw_begin_object(w);
    artifact_location(w, f->path);
    jw_key(w, "region");
    region(w, f, sp, false);
    jw_end_object(w);
}

/* "region" of sp. A location's region is never empty (an empty span shows
 * its next character); a replacement's may be: that is an insertion. */
static void region(JsonWriter *w, const SourceFile *f, Span sp, bool insertion)
{
    uint32_t l1, c1, l2, c2;
    src_line_col(f, sp.start, &l1, &c1);
    src_line_col(f, sp.end, &l2, &c2);
    jw_begin_object(w);
    jw_key(w, "startLine");
    jw_int(w, l1);
    jw_key(w, "startColumn");
    jw_int(w, c1);
    jw_key(w, "endLine");
    jw_int(w, l2);
    jw_key(w, "endColumn");
    jw_int(w, c2 > c1 || l2 > l1 || insertion ? c2 : c1 + 1);
    jw_end_object(w);
}

/* result.fixes: one fix per DiagFix, each a replacement in its file. */
static void fixes(JsonWriter *w, const Session *s, const Diag *d)
{
    if (!d->fixes)
        return;
    jw_key(w, "fixes");
    jw_begin_array(w);
    for (const DiagFix *x = d->fixes; x; x = x->next) {
        const SourceFile *f = session_file(s, x->span.file);
        if (!f)
            continue;
        jw_begin_object(w);
        text_object(w, "description", x->text[0] ? x->text : d->msg);
        jw_key(w, "artifactChanges");
        jw_begin_array(w);
        jw_begin_object(w);
        artifact_location(w, f->path);
        jw_key(w, "replacements");
        jw_begin_array(w);
        jw_begin_object(w);
        jw_key(w, "deletedRegion");
        region(w, f, x->span, true);
        if (x->text[0]) {
            jw_key(w, "insertedContent");
            jw_begin_object(w);
            jw_key(w, "text");
            jw_cstring(w, x->text);
            jw_end_object(w);
        }
        jw_end_object(w);
        jw_end_array(w);
        jw_end_object(w);
        jw_end_array(w);
        jw_end_object(w);
    }
    jw_end_array(w);
}

static void result(JsonWriter *w, const Session *s, const Diag *d)
{
    jw_begin_object(w);
    jw_key(w, "ruleId");
    jw_cstring(w, rule_info[d->rule].name);
    jw_key(w, "ruleIndex");
    jw_int(w, d->rule);
    jw_key(w, "level");
    jw_cstring(w, sarif_level(d->sev));
    text_object(w, "message", d->msg);
    jw_key(w, "locations");
    jw_begin_array(w);
    if (session_file(s, d->span.file)) {
        jw_begin_object(w);
        physical(w, s, d->span);
        jw_end_object(w);
    }
    jw_end_array(w);
    if (d->notes) {
        jw_key(w, "relatedLocations");
        jw_begin_array(w);
        int id = 1;
        for (const Diag *n = d->notes; n; n = n->next_note) {
            if (!session_file(s, n->span.file))
                continue;
            jw_begin_object(w);
            jw_key(w, "id");
            jw_int(w, id++);
            physical(w, s, n->span);
            text_object(w, "message", n->msg);
            jw_end_object(w);
        }
        jw_end_array(w);
    }
    fixes(w, s, d);
    jw_end_object(w);
}

/* invocations[0]: whether the run could do its work (no I/O or usage
 * failure; errors in the tables are results, not a failed execution) and
 * what it had to say about itself. */
static void invocation(JsonWriter *w, const Session *s)
{
    jw_key(w, "invocations");
    jw_begin_array(w);
    jw_begin_object(w);
    jw_key(w, "executionSuccessful");
    jw_bool(w, notify_count(s, SEV_ERROR) == 0);
    jw_key(w, "toolExecutionNotifications");
    jw_begin_array(w);
    for (size_t i = 0; i < s->notifications.len; i++) {
        const Notification *n = s->notifications.items[i];
        jw_begin_object(w);
        jw_key(w, "level");
        jw_cstring(w, sarif_level(n->sev));
        safe_text_object(w, "message", n->msg);
        if (n->path) {
            jw_key(w, "locations");
            jw_begin_array(w);
            jw_begin_object(w);
            jw_key(w, "physicalLocation");
            jw_begin_object(w);
            artifact_location(w, n->path);
            jw_end_object(w);
            jw_end_object(w);
            jw_end_array(w);
        }
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_end_object(w);
    jw_end_array(w);
}

static void artifacts(JsonWriter *w, const Session *s)
{
    if (!s->settings_path)
        return;
    jw_key(w, "artifacts");
    jw_begin_array(w);
    jw_begin_object(w);
    jw_key(w, "location");
    jw_begin_object(w);
    StrBuf uri = STRBUF_INIT;
    uri_escape(&uri, s->settings_path);
    jw_key(w, "uri");
    jw_cstring(w, strbuf_cstr(&uri));
    strbuf_release(&uri);
    jw_end_object(w);
    jw_key(w, "roles");
    jw_begin_array(w);
    jw_cstring(w, "userSpecifiedConfiguration");
    jw_end_array(w);
    jw_end_object(w);
    jw_end_array(w);
}

void diag_render_sarif(Session *s, StrBuf *out)
{
    JsonWriter w;
    jw_init(&w, out);
    diag_sort(s);
    jw_begin_object(&w);
    jw_key(&w, "$schema");
    jw_cstring(&w, "https://json.schemastore.org/sarif-2.1.0.json");
    jw_key(&w, "version");
    jw_cstring(&w, "2.1.0");
    jw_key(&w, "runs");
    jw_begin_array(&w);
    jw_begin_object(&w);
    jw_key(&w, "tool");
    jw_begin_object(&w);
    jw_key(&w, "driver");
    jw_begin_object(&w);
    jw_key(&w, "name");
    jw_cstring(&w, "ptlc");
    jw_key(&w, "version");
    jw_cstring(&w, PTLC_VERSION);
    rules(&w, s->lang);
    jw_end_object(&w);
    jw_end_object(&w);
    /* the messages' language; absent, SARIF reads en-US */
    if (s->lang == LANG_ZH) {
        jw_key(&w, "language");
        jw_cstring(&w, "zh-CN");
    }
    invocation(&w, s);
    artifacts(&w, s);
    jw_key(&w, "columnKind");
    jw_cstring(&w, "unicodeCodePoints");
    jw_key(&w, "results");
    jw_begin_array(&w);
    for (size_t i = 0; i < s->diags.len; i++)
        result(&w, s, s->diags.items[i]);
    jw_end_array(&w);
    jw_end_object(&w);
    jw_end_array(&w);
    jw_end_object(&w);
}
