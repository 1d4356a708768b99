/* template: the embedded templates, rendered. A template is a table with
 * three kinds of mark, so one file serves the named and the unnamed table:
 *   @NAME@      the table's name, as the content of a .ptl string
 *   @YEAR@      the budget year
 *   @named      at the start of a line: the line is kept (without the mark)
 *   @unnamed    only when a name is given, resp. only when none is
 * The comments that say what check reports differ between the two, and
 * tests/check-new.sh holds each to what check does report. */
#include "template.h"

#include <stdio.h>
#include <string.h>

#include "embedded.h"
#include "safetext.h"
#include "source.h"

static const EmbeddedFile templates[] = {
#include "templates.inc"
};

static const char *const kind_names[TEMPLATE_KIND_COUNT][2] = {
    [TEMPLATE_DEPARTMENT] = {"department", "部门"},
    [TEMPLATE_PROJECT] = {"project", "项目"},
    [TEMPLATE_EVALUATION] = {"evaluation", "自评"},
};

/* A name still to be filled in: ×× is in the stdlib's placeholders, so
 * check reports it (placeholder) wherever the table's name is read. */
static const char *const placeholder_names[TEMPLATE_KIND_COUNT] = {
    [TEMPLATE_DEPARTMENT] = "××单位",
    [TEMPLATE_PROJECT] = "××项目",
    [TEMPLATE_EVALUATION] = "××项目",
};

bool template_kind_parse(const char *word, TemplateKind *out, bool *chinese)
{
    for (int k = 0; k < TEMPLATE_KIND_COUNT; k++)
        for (int zh = 0; zh < 2; zh++)
            if (strcmp(word, kind_names[k][zh]) == 0) {
                *out = (TemplateKind)k;
                if (chinese)
                    *chinese = zh;
                return true;
            }
    return false;
}

static const EmbeddedFile *find(TemplateKind kind, Lang lang)
{
    char want[64];
    snprintf(want, sizeof want, "%s.%s.ptl.in", kind_names[kind][0],
             lang == LANG_ZH ? "zh" : "en");
    for (size_t i = 0; i < ARRAY_LEN(templates); i++)
        if (strcmp(templates[i].name, want) == 0)
            return &templates[i];
    BUG("a template is not embedded");
}

/* The name as the content of a .ptl string: the two characters a string
 * gives a meaning to escaped, and every character that is unsafe to show
 * (controls, line breaks, bidi controls) written as an escape, so that no
 * name can end the string, the line or the comment it stands in, nor make
 * the table read otherwise than it shows. */
static bool escape_name(const char *name, StrBuf *out)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(name + i, n - i, &cp);
        if (len == 0)
            return false;
        if (cp == '"' || cp == '\\') {
            strbuf_addc(out, '\\');
            strbuf_addc(out, (char)cp);
        } else if (cp == '\n') {
            strbuf_adds(out, "\\n");
        } else if (cp == '\t') {
            strbuf_adds(out, "\\t");
        } else if (safe_unsafe_cp(cp)) {
            strbuf_addf(out, "\\u{%X}", (unsigned)cp);
        } else {
            strbuf_add(out, name + i, len);
        }
        i += len;
    }
    return true;
}

static bool take_mark(const char **p, const char *end, const char *mark)
{
    size_t n = strlen(mark);
    if ((size_t)(end - *p) < n || memcmp(*p, mark, n) != 0)
        return false;
    *p += n;
    return true;
}

/* One line of the template (without its line end), its marks replaced. */
static void render_line(const char *p, const char *end, const StrBuf *name, const char *year,
                        StrBuf *out)
{
    while (p < end) {
        const char *at = memchr(p, '@', (size_t)(end - p));
        if (!at) {
            strbuf_add(out, p, (size_t)(end - p));
            return;
        }
        strbuf_add(out, p, (size_t)(at - p));
        p = at;
        if (take_mark(&p, end, "@NAME@"))
            strbuf_adds(out, strbuf_cstr(name));
        else if (take_mark(&p, end, "@YEAR@"))
            strbuf_adds(out, year);
        else
            strbuf_addc(out, *p++);
    }
}

bool template_render(TemplateKind kind, Lang lang, const char *name, int year, StrBuf *out)
{
    StrBuf shown = STRBUF_INIT;
    if (!escape_name(name ? name : placeholder_names[kind], &shown)) {
        strbuf_release(&shown);
        return false;
    }
    char year_text[16];
    snprintf(year_text, sizeof year_text, "%d", year);
    const EmbeddedFile *t = find(kind, lang);
    const char *p = (const char *)t->bytes, *end = p + t->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        bool keep = true;
        if (take_mark(&p, eol, "@named"))
            keep = name != NULL;
        else if (take_mark(&p, eol, "@unnamed"))
            keep = name == NULL;
        if (keep) {
            render_line(p, eol, &shown, year_text, out);
            if (nl)
                strbuf_addc(out, '\n');
        }
        p = nl ? nl + 1 : end;
    }
    strbuf_release(&shown);
    return true;
}
