/* grid: the positions of a grid's cells as diagnostics name them (see
 * grid.h). */
#include "grid.h"

#include <string.h>

#include "util.h"

const char *grid_cell_name(Arena *a, size_t col, size_t row)
{
    char letters[8];
    size_t n = 0;
    for (size_t c = col; c > 0 && n < sizeof letters; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    char name[32];
    size_t k = 0;
    while (n > 0)
        name[k++] = letters[--n];
    name[k] = '\0';
    return arena_sprintf(a, "%s%zu", name, row);
}

/* A sheet name that is not letters, digits and CJK is quoted as Excel
 * quotes it in a reference ('My Sheet'!A1, a quote doubled). */
static bool plain_sheet_name(const char *name)
{
    if (!name[0])
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x80 && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                           || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
            return false;
    return true;
}

const char *grid_where(Arena *a, const char *path, const Grid *g, const GridSheet *sh,
                       const GridRow *r, int k)
{
    size_t col = k >= 0 && (size_t)k < r->n ? r->col[k] : (r->n ? r->col[0] : 1);
    if (!g->workbook)
        return arena_sprintf(a, "%s:%zu:%zu", path, r->line, col);
    const char *cell = grid_cell_name(a, col, r->line);
    const char *name = sh->name ? sh->name : "";
    if (plain_sheet_name(name))
        return arena_sprintf(a, "%s:%s!%s", path, name, cell);
    StrBuf q = STRBUF_INIT;
    for (const char *p = name; *p; p++) {
        if (*p == '\'')
            strbuf_addc(&q, '\'');
        strbuf_addc(&q, *p);
    }
    const char *where = arena_sprintf(a, "%s:'%s'!%s", path, strbuf_cstr(&q), cell);
    strbuf_release(&q);
    return where;
}
