/* emit: what several emitters need to agree on — which tables are the
 * user's, how amounts are shown, how a table is titled. */
#include "emit.h"

#include <string.h>

#include "safetext.h"

size_t emit_table_count(const Program *p)
{
    return p->user_tables.len;
}

const Table *emit_table(const Program *p, size_t i)
{
    if (i >= p->user_tables.len)
        BUG("table index out of range");
    return p->user_tables.items[i];
}

/* The sorted queue is searched for the table's first diagnostic, so counting
 * every table's is O(tables log diagnostics), not a scan per table. */
void emit_table_diags(const Program *p, const Table *t, size_t *errors, size_t *warnings)
{
    *errors = *warnings = 0;
    diag_sort(p->s);
    const PtrVec *v = &p->s->diags;
    size_t lo = 0, hi = v->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const Diag *d = v->items[mid];
        if (d->span.file < t->file || (d->span.file == t->file && d->span.start < t->span.start))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < v->len; i++) {
        const Diag *d = v->items[i];
        if (d->span.file != t->file || d->span.start > t->span.end)
            break;
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

void emit_visible_text(StrBuf *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, len - i, &cp);
        /* tab and line feed are text; a cell may hold several lines */
        if (k && safe_unsafe_cp(cp) && cp != '\t' && cp != '\n')
            strbuf_addf(out, "<U+%04X>", (unsigned)cp);
        else
            strbuf_add(out, s + i, k ? k : 1);
        i += k ? k : 1;
    }
}
