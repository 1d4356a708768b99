/* fix: applying the fixes of a checked session. Fixes are spans and texts
 * (diag.h); they are gathered per file, sorted by position and applied in
 * one pass over the text, so a file with many costs one copy. */
#include "fix.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct Edit {
    uint32_t start, end;
    const char *text;
    size_t order;               /* report order: the tie-breaker, for a stable result */
} Edit;

static int cmp_edit(const void *pa, const void *pb)
{
    const Edit *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

size_t fix_apply(const Session *s, uint32_t file, StrBuf *out)
{
    const SourceFile *f = session_file(s, file);
    if (!f)
        return 0;
    size_t n = 0, cap = 0;
    Edit *edits = NULL;
    for (size_t i = 0; i < s->diags.len; i++) {
        const Diag *d = s->diags.items[i];
        for (const DiagFix *x = d->fixes; x; x = x->next) {
            if (x->span.file != file || x->span.end > f->len || x->span.start > x->span.end)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                edits = xrealloc(edits, cap * sizeof *edits);
            }
            edits[n] = (Edit){x->span.start, x->span.end, x->text, n};
            n++;
        }
    }
    if (n)
        qsort(edits, n, sizeof *edits, cmp_edit);
    size_t applied = 0;
    uint32_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const Edit *e = &edits[i];
        const Edit *prev = i ? &edits[i - 1] : NULL;
        if (e->start < at || (prev && prev->start == e->start && prev->end == e->end
                              && strcmp(prev->text, e->text) == 0))
            continue;   /* overlaps a fix taken, or repeats one */
        strbuf_add(out, f->text + at, e->start - at);
        strbuf_adds(out, e->text);
        at = e->end;
        applied++;
    }
    strbuf_add(out, f->text + at, f->len - at);
    free(edits);
    return applied;
}
