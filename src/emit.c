/* emit: what several emitters need to agree on — which tables are the
 * user's, how amounts are shown, how a table is titled. */
#include "emit.h"

#include <string.h>

size_t emit_table_count(const Program *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->tables.len; i++)
        n += ((const Table *)p->tables.items[i])->file >= p->nstdlib;
    return n;
}

const Table *emit_table(const Program *p, size_t i)
{
    for (size_t k = 0; k < p->tables.len; k++) {
        const Table *t = p->tables.items[k];
        if (t->file < p->nstdlib)
            continue;
        if (i-- == 0)
            return t;
    }
    BUG("table index out of range");
}

void emit_table_diags(const Program *p, const Table *t, size_t *errors, size_t *warnings)
{
    *errors = *warnings = 0;
    for (size_t i = 0; i < p->s->diags.len; i++) {
        const Diag *d = p->s->diags.items[i];
        if (d->span.file != t->file || d->span.start < t->span.start || d->span.start > t->span.end)
            continue;
        *errors += d->sev == SEV_ERROR;
        *warnings += d->sev == SEV_WARNING;
    }
}

size_t emit_indicator_count(const Category *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        n += item->kind == NODE_INDICATOR ? 1 : emit_indicator_count(item);
    }
    return n;
}

const char *emit_department(const Table *t)
{
    if (t->kind == TABLE_DEPARTMENT)
        return t->name.text;
    const Field *d = t->field[FIELD_DEPARTMENT];
    return d ? d->text.text : NULL;
}

const char *emit_money(Arena *a, const Number *n)
{
    char buf[DEC_BUFSZ];
    if (!n->ok)
        return n->text;
    dec_format_min_scale(n->dec, 2, buf, sizeof buf);
    return arena_strndup(a, buf, strlen(buf));
}

const char *emit_title(Arena *a, const Table *t)
{
    const Field *y = t->field[FIELD_YEAR];
    const char *year = y && y->num.ok ? y->num.text : "";
    return arena_sprintf(a, "%s%s%s", year, *year ? "年" : "",
                         t->kind == TABLE_DEPARTMENT ? "部门整体支出绩效目标表" : "项目支出绩效目标表");
}

static bool bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E
        || cp == 0x200F || cp == 0x061C;
}

void emit_visible_text(StrBuf *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, len - i, &cp);
        if (k && bidi_control(cp))
            strbuf_addf(out, "<U+%04X>", (unsigned)cp);
        else
            strbuf_add(out, s + i, k ? k : 1);
        i += k ? k : 1;
    }
}
