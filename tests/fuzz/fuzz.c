/* fuzz.c: the shared part of the harnesses (fuzz.h). JSON is parsed with
 * jansson, a well-kept Debian library, so that the oracle is independent
 * of ptlc's own JSON writer. */
#include "fuzz.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_out.h"
#include "safetext.h"
#include "driver.h"
#include "source.h"

void fuzz_fail(const char *what, const char *detail, size_t len)
{
    fprintf(stderr, "fuzz oracle failed: %s\n", what);
    if (detail) {
        fprintf(stderr, "--- output (%zu bytes) ---\n", len);
        fwrite(detail, 1, len > 4000 ? 4000 : len, stderr);
        fprintf(stderr, "\n---\n");
    }
    abort();
}

FuzzInput fuzz_split(const uint8_t *data, size_t size)
{
    FuzzInput in = {0};
    unsigned flags = size ? data[0] : 0;
    in.allow_errors = flags & 1;
    in.emit.bom = flags & 2;
    in.emit.crlf = flags & 4;
    in.emit.csv_table = (CsvTable)((flags >> 3) % CSV_TABLE_COUNT);
    in.text = size ? (const char *)data + 1 : "";
    in.len = size ? size - 1 : 0;
    return in;
}

void fuzz_check_source(Session *s, Program *p, const char *text, size_t len)
{
    fuzz_check_source_batched(s, p, text, len, 0);
}

void fuzz_check_source_batched(Session *s, Program *p, const char *text, size_t len, size_t batch)
{
    session_init(s);
    s->release_batch = batch;
    /* half the inputs (by their length) in Chinese: every translated format,
       numbered arguments and all, meets the same oracles */
    s->lang = len % 2 ? LANG_ZH : LANG_EN;
    uint32_t at = session_add_source(s, "fuzz.ptl", text, len);
    /* as the file reader marks a file it found valid, so that `check` may
       share a large one out in parts (check_release.c) */
    ((SourceFile *)s->files.items[at])->utf8_valid
        = !memchr(text, '\0', len) && utf8_valid_len(text, len) == len;
    const char *err = NULL;
    if (!driver_check_loaded(s, p, NULL, &err))
        fuzz_fail("the embedded stdlib did not load", err, err ? strlen(err) : 0);
}

void fuzz_emit(const uint8_t *data, size_t size, FuzzEmit emit)
{
    FuzzInput in = fuzz_split(data, size);
    Session s;
    Program p;
    fuzz_check_source(&s, &p, in.text, in.len);
    in.emit.with_errors = diag_count(&s, SEV_ERROR) > 0;
    if (!in.emit.with_errors || in.allow_errors)
        emit(&p, &in);
    program_free(&p);
    session_free(&s);
}

void fuzz_assert_utf8(const char *what, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        FUZZ_CHECK(k != 0, what, s, n);
        i += k;
    }
}

void fuzz_assert_json(const char *what, const char *s, size_t n)
{
    fuzz_assert_utf8(what, s, n);
    json_error_t e;
    json_t *j = json_loadb(s, n, JSON_REJECT_DUPLICATES, &e);
    if (!j) {
        fprintf(stderr, "jansson: %s at line %d column %d\n", e.text, e.line, e.column);
        fuzz_fail(what, s, n);
    }
    json_decref(j);
}

/* Newline is the only control byte the human format may print (colour is
 * off); everything else, ESC and CR among them, must have been neutralised. */
void fuzz_assert_terminal_safe(const char *what, const char *s, size_t n)
{
    fuzz_assert_utf8(what, s, n);
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp != '\n' && safe_unsafe_cp(cp))
            fuzz_fail(what, s + i, n - i);
        i += k;
    }
}

void fuzz_check_diagnostics(Session *s)
{
    StrBuf out = STRBUF_INIT;
    diag_render_human(s, &out, (RenderOptions){false, COLUMN_CODEPOINT});
    diag_render_summary(s, &out, (RenderOptions){false, COLUMN_CODEPOINT});
    fuzz_assert_terminal_safe("human diagnostics", out.buf ? out.buf : "", out.len);
    strbuf_reset(&out);
    diag_render_json(s, &out);
    fuzz_assert_json("JSON diagnostics", strbuf_cstr(&out), out.len);
    /* SARIF carries the whole rule catalog (about 100 KB of help text) in
     * every log: rendered for every input it would take most of the time,
     * so one input in eight (by its diagnostics count) gets it */
    if (s->diags.len % 8 == 0) {
        strbuf_reset(&out);
        diag_render_sarif(s, &out);
        fuzz_assert_json("SARIF diagnostics", strbuf_cstr(&out), out.len);
    }
    strbuf_release(&out);
}
