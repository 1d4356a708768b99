/* emit_html: the official table layout as one self-contained HTML file. */
#include "emit.h"

void emit_html(const Program *p, const EmitOptions *o, StrBuf *out)
{
    (void)p;
    (void)o;
    strbuf_adds(out, "<!doctype html>\n");
}

void emit_html_table(const Program *p, const Table *t, const EmitOptions *o, StrBuf *out)
{
    (void)p;
    (void)t;
    (void)o;
    strbuf_adds(out, "<!doctype html>\n");
}

void emit_html_index(const Program *p, const EmitOptions *o, const char *const *hrefs,
                     StrBuf *out)
{
    (void)p;
    (void)o;
    (void)hrefs;
    strbuf_adds(out, "<!doctype html>\n");
}
