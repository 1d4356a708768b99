/* grid_xlsx: an .xlsx workbook read as a grid (see grid.h), from memory
 * with libzip and expat. The parts are read in the order their data is
 * needed: _rels/.rels names the workbook part, the workbook lists its
 * sheets (and says whether dates count from 1904), its relationships name
 * each sheet's part, the shared strings and the styles (which give each
 * cell's number format, grid_number.c); then each sheet, in the workbook's
 * order. Each part is inflated 64 KiB at a time straight into the XML
 * parser, so memory follows the cells kept, never the size of a part.
 *
 * Hostile input: a part is capped at 64 MiB inflated and the workbook at
 * 256 MiB, counted while reading (a zip header can lie); a DOCTYPE is
 * refused (OOXML never has one, and entity expansion lives there); cells,
 * rows and laid-out cells are capped (grid_number.h), rows are laid out
 * only up to the last one with text; merged ranges are applied within a
 * work budget, since overlapping ones could cost cells × ranges. */
#include "grid.h"

#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grid_number.h"
#include "libs.h"
#include "notify.h"
#include "strbuf.h"
#include "util.h"

enum {
    PART_MAX_MIB = 64,
    BOOK_MAX_MIB = 256,
    CHUNK = 64 * 1024,
    MERGE_BUDGET = 16 * 1024 * 1024,    /* cells visited applying merged ranges */
    STYLE_MAX = 65536,                  /* Excel's limit is 64000 cell formats */
    TARGET_MAX = 4096,                  /* a relationship's target path */
    NOCASE_MAX = 65536                  /* entries searched ignoring case */
};

typedef struct Rel {
    const char *id, *type, *target;     /* type: the last segment ("worksheet"); target resolved */
} Rel;

typedef struct NumFmt {
    unsigned id;
    const char *code;
} NumFmt;

typedef struct Xf {
    unsigned numfmt;
    bool resolved;
    const GridFormat *fmt;              /* NULL: General */
} Xf;

typedef struct SheetRef {
    const char *name, *rid;
} SheetRef;

typedef struct Cell {
    uint32_t row, col;
    size_t seq;                         /* input order: of two cells at one place the last wins */
    const char *text;
} Cell;

typedef struct Merge {
    uint32_t r1, c1, r2, c2;
} Merge;

/* The sheet being read. */
typedef struct SheetRead {
    const char *name;
    Cell *cells;
    size_t n, cap;
    Merge *merges;
    size_t nm, capm;
    uint32_t row, col;                  /* the current <row>, the last cell's column */
    uint32_t cell_row, cell_col;        /* the open <c> */
    bool in_data, in_cell, in_is, bad_ref_warned;   /* in_data: inside <sheetData> */
    int rph;                            /* depth inside <rPh>: phonetic runs, not shown */
    char type[12];                      /* the cell's t */
    const GridFormat *fmt;
} SheetRead;

typedef struct Book {
    Session *s;
    const char *path;
    zip_t *z;
    XML_Parser xp;                      /* the parser of the part being read */
    const char *part;
    bool failed;                        /* an error was reported: nothing is imported */
    size_t read_total;
    StrBuf text;                        /* character data being collected */
    bool collect;
    bool date1904;
    Rel *rels;
    size_t nrels, caprels;
    const char *base;                   /* the directory relationship targets are relative to */
    SheetRef *sheets;
    size_t nsheets, capsheets;
    NumFmt *fmts;
    size_t nfmts, capfmts;
    Xf *xf;
    size_t nxf, capxf;
    bool in_numfmts, in_xfs, in_si;
    int rph;
    const char **sst;
    size_t nsst, capsst;
    bool sst_warned;
    SheetRead sh;
    size_t cells, rows, slots;          /* over the workbook, for the caps */
    size_t merge_budget;
    bool merge_warned;
} Book;

/* ===== small helpers ===== */

/* Makes room for one more item in a heap array. */
static void *grow(void *items, size_t *cap, size_t len, size_t size)
{
    if (len < *cap)
        return items;
    *cap = *cap ? *cap * 2 : 16;
    return xrealloc(items, *cap * size);
}

static void stop(Book *b)
{
    b->failed = true;
    if (b->xp)
        XML_StopParser(b->xp, XML_FALSE);
}

/* A decimal number (an id, an index, a row) of n bytes; one past 10^9
 * stands for anything larger, which no id, index or row reaches. */
static bool parse_uint(const char *s, size_t n, unsigned *out)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!s || s[i] < '0' || s[i] > '9')
            return false;
        v = v > 100000000 ? 1000000001 : v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return s && n > 0;
}

static bool parse_attr_uint(const char *s, unsigned *out)
{
    return s && parse_uint(s, strlen(s), out);
}

typedef enum RefStatus { REF_OK, REF_BAD, REF_BEYOND } RefStatus;

/* "C12" (or "$C$12") from *p, stopping at the end or at ':'. */
static RefStatus parse_ref(const char **p, uint32_t *row, uint32_t *col)
{
    const char *s = *p;
    uint32_t c = 0, r = 0;
    size_t letters = 0, digits = 0;
    if (*s == '$')
        s++;
    for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++, letters++)
        if (c <= GRID_MAX_COL)
            c = c * 26 + (uint32_t)((*s | 0x20) - 'a' + 1);
    if (*s == '$')
        s++;
    for (; *s >= '0' && *s <= '9'; s++, digits++)
        if (r <= GRID_MAX_ROW)
            r = r * 10 + (uint32_t)(*s - '0');
    *p = s;
    if (!letters || !digits || r == 0 || (*s && *s != ':'))
        return REF_BAD;
    *row = r;
    *col = c;
    return r > GRID_MAX_ROW || c > GRID_MAX_COL ? REF_BEYOND : REF_OK;
}

/* ===== XML ===== */

/* Elements and attributes are matched by local name, so a prefixed
 * namespace (x:c) and Strict OOXML's namespaces read alike. */
static const char *local_name(const XML_Char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static bool is(const XML_Char *name, const char *local)
{
    return strcmp(local_name(name), local) == 0;
}

static const char *attr(const XML_Char **atts, const char *local)
{
    for (; atts[0]; atts += 2)
        if (is(atts[0], local))
            return atts[1];
    return NULL;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    Book *b = ud;
    if (b->collect && !b->failed)
        strbuf_add(&b->text, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    Book *b = ud;
    notify_report(b->s, SEV_ERROR, b->path,
                  "not imported: %s in the workbook has a DOCTYPE, which a workbook never has",
                  b->part);
    stop(b);
}

typedef enum PartStatus { PART_READ, PART_ABSENT, PART_FAILED } PartStatus;

static zip_int64_t locate(Book *b, const char *name)
{
    zip_int64_t i = ZIP(zip_name_locate)(b->z, name, 0);
    /* OPC part names ignore case; libzip's case-blind search is linear */
    if (i < 0 && ZIP(zip_get_num_entries)(b->z, 0) <= NOCASE_MAX)
        i = ZIP(zip_name_locate)(b->z, name, ZIP_FL_NOCASE);
    return i;
}

static void report_xml_error(Book *b)
{
    notify_report(b->s, SEV_ERROR, b->path,
                  "not imported: %s in the workbook is not well-formed XML (line %lu: %s)", b->part,
                  (unsigned long)XML_GetCurrentLineNumber(b->xp),
                  XML_ErrorString(XML_GetErrorCode(b->xp)));
    b->failed = true;
}

/* Feeds the part to the parser, counting what it inflates. */
static void feed(Book *b, zip_file_t *f)
{
    char *buf = xmalloc(CHUNK);
    size_t size = 0;
    for (;;) {
        zip_int64_t n = ZIP(zip_fread)(f, buf, CHUNK);
        if (n < 0) {
            notify_report(b->s, SEV_ERROR, b->path,
                          "not imported: %s in the workbook cannot be read (%s)", b->part,
                          ZIP(zip_file_strerror)(f));
            b->failed = true;
            break;
        }
        size += (size_t)n;
        b->read_total += (size_t)n;
        if (size > (size_t)PART_MAX_MIB << 20) {
            notify_report(b->s, SEV_ERROR, b->path, "not imported: %s in the workbook "
                          "inflates to more than %d MiB", b->part, PART_MAX_MIB);
            b->failed = true;
            break;
        }
        if (b->read_total > (size_t)BOOK_MAX_MIB << 20) {
            notify_report(b->s, SEV_ERROR, b->path, "not imported: the workbook inflates to "
                          "more than %d MiB", BOOK_MAX_MIB);
            b->failed = true;
            break;
        }
        if (XML_Parse(b->xp, buf, (int)n, n == 0) != XML_STATUS_OK) {
            if (!b->failed)
                report_xml_error(b);
            break;
        }
        if (n == 0)
            break;
    }
    free(buf);
}

static PartStatus parse_part(Book *b, const char *name, XML_StartElementHandler start,
                             XML_EndElementHandler end)
{
    zip_int64_t i = locate(b, name);
    if (i < 0)
        return PART_ABSENT;
    b->part = name;
    zip_file_t *f = ZIP(zip_fopen_index)(b->z, (zip_uint64_t)i, 0);
    if (!f) {
        notify_report(b->s, SEV_ERROR, b->path,
                      "not imported: %s in the workbook cannot be read (%s)", name,
                      ZIP(zip_strerror)(b->z));
        b->failed = true;
        return PART_FAILED;
    }
    b->xp = XML_ParserCreateNS(NULL, '|');
    if (!b->xp)
        BUG("expat could not allocate a parser");
    XML_SetUserData(b->xp, b);
    XML_SetElementHandler(b->xp, start, end);
    XML_SetCharacterDataHandler(b->xp, on_text);
    XML_SetStartDoctypeDeclHandler(b->xp, on_doctype);
    XML_SetParamEntityParsing(b->xp, XML_PARAM_ENTITY_PARSING_NEVER);
    strbuf_reset(&b->text);
    b->collect = false;
    feed(b, f);
    XML_ParserFree(b->xp);
    b->xp = NULL;
    ZIP(zip_fclose)(f);
    return b->failed ? PART_FAILED : PART_READ;
}

/* ===== relationships ===== */

/* target relative to base ("xl/"), or absolute ("/xl/worksheets/a.xml"),
 * as a part name: no leading '/', "." and ".." resolved. */
static const char *resolve(Arena *a, const char *base, const char *target)
{
    StrBuf in = STRBUF_INIT, out = STRBUF_INIT;
    if (target[0] != '/' && target[0] != '\\')
        strbuf_adds(&in, base);
    strbuf_adds(&in, target);
    for (char *p = in.buf; p && *p; p++)
        if (*p == '\\')
            *p = '/';
    const char *p = strbuf_cstr(&in);
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            char *last = out.len ? strrchr(out.buf, '/') : NULL;
            out.len = last ? (size_t)(last - out.buf) : 0;
            if (out.buf)
                out.buf[out.len] = '\0';
        } else if (n > 0 && !(n == 1 && p[0] == '.')) {
            if (out.len)
                strbuf_addc(&out, '/');
            strbuf_add(&out, p, n);
        }
        p += n + (slash != NULL);
    }
    const char *name = arena_strndup(a, strbuf_cstr(&out), out.len);
    strbuf_release(&in);
    strbuf_release(&out);
    return name;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Book *b = ud;
    if (b->failed || !is(name, "Relationship"))
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type");
    const char *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");
    if (!id || !target || strlen(target) > TARGET_MAX || (mode && strcmp(mode, "External") == 0))
        return;
    const char *seg = type ? strrchr(type, '/') : NULL;
    Arena *a = &b->s->arena;
    b->rels = grow(b->rels, &b->caprels, b->nrels, sizeof *b->rels);
    b->rels[b->nrels].id = arena_strndup(a, id, strlen(id));
    b->rels[b->nrels].type = seg ? arena_strndup(a, seg + 1, strlen(seg + 1)) : "";
    b->rels[b->nrels].target = resolve(a, b->base, target);
    b->nrels++;
}

static void XMLCALL ignore_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static int rel_cmp(const void *x, const void *y)
{
    return strcmp(((const Rel *)x)->id, ((const Rel *)y)->id);
}

/* Reads the relationships of a part into b->rels (sorted by id), with
 * targets relative to base. */
static bool read_rels(Book *b, const char *part, const char *base)
{
    b->nrels = 0;
    b->base = base;
    if (parse_part(b, part, rels_start, ignore_end) == PART_FAILED)
        return false;
    if (b->nrels)
        qsort(b->rels, b->nrels, sizeof *b->rels, rel_cmp);
    return true;
}

static const Rel *rel_by_id(const Book *b, const char *id)
{
    Rel key = {id, NULL, NULL};
    return id && b->nrels ? bsearch(&key, b->rels, b->nrels, sizeof *b->rels, rel_cmp) : NULL;
}

static const char *rel_by_type(const Book *b, const char *type, const char *fallback)
{
    for (size_t i = 0; i < b->nrels; i++)
        if (strcmp(b->rels[i].type, type) == 0)
            return b->rels[i].target;
    return fallback;
}

/* ===== the workbook part ===== */

static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Book *b = ud;
    if (b->failed)
        return;
    if (is(name, "workbookPr")) {
        const char *d = attr(atts, "date1904");
        b->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (is(name, "sheet")) {
        if (b->nsheets == GRID_MAX_SHEETS) {
            notify_report(b->s, SEV_ERROR, b->path, "not imported: the workbook has more than %d "
                                                    "sheets", GRID_MAX_SHEETS);
            stop(b);
            return;
        }
        const char *sheet = attr(atts, "name"), *rid = attr(atts, "id");
        Arena *a = &b->s->arena;
        b->sheets = grow(b->sheets, &b->capsheets, b->nsheets, sizeof *b->sheets);
        b->sheets[b->nsheets].name = grid_clean_text(a, sheet ? sheet : "", sheet ? strlen(sheet) : 0);
        b->sheets[b->nsheets].rid = rid ? arena_strndup(a, rid, strlen(rid)) : NULL;
        b->nsheets++;
    }
}

/* ===== styles: each cell format's number format ===== */

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Book *b = ud;
    unsigned id;
    if (b->failed)
        return;
    if (is(name, "numFmts")) {
        b->in_numfmts = true;
    } else if (is(name, "cellXfs")) {
        b->in_xfs = true;
    } else if (is(name, "numFmt") && b->in_numfmts && b->nfmts < STYLE_MAX
               && parse_attr_uint(attr(atts, "numFmtId"), &id)) {
        const char *code = attr(atts, "formatCode");
        b->fmts = grow(b->fmts, &b->capfmts, b->nfmts, sizeof *b->fmts);
        b->fmts[b->nfmts].id = id;
        b->fmts[b->nfmts].code = code ? arena_strndup(&b->s->arena, code, strlen(code)) : NULL;
        b->nfmts++;
    } else if (is(name, "xf") && b->in_xfs && b->nxf < STYLE_MAX) {
        if (!parse_attr_uint(attr(atts, "numFmtId"), &id))
            id = 0;
        b->xf = grow(b->xf, &b->capxf, b->nxf, sizeof *b->xf);
        b->xf[b->nxf++] = (Xf){id, false, NULL};
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    Book *b = ud;
    if (is(name, "numFmts"))
        b->in_numfmts = false;
    else if (is(name, "cellXfs"))
        b->in_xfs = false;
}

static int fmt_cmp(const void *x, const void *y)
{
    unsigned a = ((const NumFmt *)x)->id, c = ((const NumFmt *)y)->id;
    return (a > c) - (a < c);
}

/* The number format of style index s (a cell's s="…"; none is style 0),
 * parsed on first use. */
static const GridFormat *cell_format(Book *b, const char *s)
{
    unsigned i = 0;
    if ((s && !parse_attr_uint(s, &i)) || i >= b->nxf)
        return NULL;
    Xf *x = &b->xf[i];
    if (!x->resolved) {
        NumFmt key = {x->numfmt, NULL};
        const NumFmt *custom = b->nfmts ? bsearch(&key, b->fmts, b->nfmts, sizeof *b->fmts,
                                                  fmt_cmp) : NULL;
        const char *code = custom ? custom->code : grid_format_builtin(x->numfmt);
        x->fmt = grid_format_parse(&b->s->arena, code);
        x->resolved = true;
    }
    return x->fmt;
}

/* ===== shared strings ===== */

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The code point of an _xHHHH_ escape at s (n bytes left), or -1. */
static long escape_at(const char *s, size_t n)
{
    if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
        return -1;
    long cp = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = hex(s[k]);
        if (h < 0)
            return -1;
        cp = cp * 16 + h;
    }
    return cp >= 0xD800 && cp < 0xE000 ? -1 : cp;     /* a lone surrogate is no character */
}

/* OOXML writes a character XML cannot hold as _xHHHH_ (a newline typed
 * in a cell is _x000D_ beside its LF); _x005F_ is the underscore itself. */
static void unescape(StrBuf *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        long cp = escape_at(s + i, n - i);
        if (cp < 0) {
            strbuf_addc(o, s[i++]);
            continue;
        }
        if (cp < 0x80) {
            strbuf_addc(o, (char)cp);
        } else if (cp < 0x800) {
            strbuf_addc(o, (char)(0xC0 | cp >> 6));
            strbuf_addc(o, (char)(0x80 | (cp & 0x3F)));
        } else {
            strbuf_addc(o, (char)(0xE0 | cp >> 12));
            strbuf_addc(o, (char)(0x80 | (cp >> 6 & 0x3F)));
            strbuf_addc(o, (char)(0x80 | (cp & 0x3F)));
        }
        i += 7;
    }
}

static const char *string_text(Arena *a, const StrBuf *raw)
{
    StrBuf u = STRBUF_INIT;
    unescape(&u, strbuf_cstr(raw), raw->len);
    const char *text = grid_clean_text(a, strbuf_cstr(&u), u.len);
    strbuf_release(&u);
    return text;
}

/* <si> is a string: its <t>, or the <t> of each rich-text run <r>; the
 * <t> of a phonetic run <rPh> is a reading aid, not shown. */
static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    Book *b = ud;
    if (b->failed)
        return;
    if (is(name, "si")) {
        b->in_si = true;
        b->rph = 0;
        strbuf_reset(&b->text);
    } else if (is(name, "rPh")) {
        b->rph++;
    } else if (is(name, "t")) {
        b->collect = b->in_si && b->rph == 0;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    Book *b = ud;
    if (b->failed)
        return;
    if (is(name, "t")) {
        b->collect = false;
    } else if (is(name, "rPh")) {
        b->rph--;
    } else if (is(name, "si") && b->in_si) {
        b->in_si = false;
        if (b->nsst < GRID_MAX_CELLS) {
            b->sst = grow(b->sst, &b->capsst, b->nsst, sizeof *b->sst);
            b->sst[b->nsst++] = string_text(&b->s->arena, &b->text);
        }
    }
}

/* ===== a sheet's cells ===== */

static void cell_start(Book *b, SheetRead *r, const XML_Char **atts)
{
    const char *ref = attr(atts, "r"), *t = attr(atts, "t");
    uint32_t row = r->row ? r->row : 1, col = r->col + 1;
    RefStatus st = ref ? parse_ref(&ref, &row, &col) : REF_OK;
    if (st == REF_BEYOND || col > GRID_MAX_COL) {
        notify_report(b->s, SEV_ERROR, b->path, "not imported: sheet '%s' has a cell past "
                      "Excel's last row (%d) or column (XFD)", r->name, GRID_MAX_ROW);
        stop(b);
        return;
    }
    if (st == REF_BAD) {
        if (!r->bad_ref_warned)
            notify_report(b->s, SEV_WARNING, b->path, "sheet '%s' has a cell whose reference "
                          "is not a cell's; it is read as the cell after the one before it",
                          r->name);
        r->bad_ref_warned = true;
        row = r->row ? r->row : 1;
        col = r->col + 1;
    }
    r->in_cell = true;
    r->cell_row = row;
    r->cell_col = r->col = col;
    snprintf(r->type, sizeof r->type, "%s", t ? t : "n");
    r->fmt = cell_format(b, attr(atts, "s"));
    strbuf_reset(&b->text);
}

static void row_start(Book *b, SheetRead *r, const XML_Char **atts)
{
    unsigned n;
    const char *ref = attr(atts, "r");
    if (!parse_attr_uint(ref, &n) || n == 0)
        n = r->row + 1;
    if (n > GRID_MAX_ROW) {
        notify_report(b->s, SEV_ERROR, b->path, "not imported: sheet '%s' has a row past "
                      "Excel's last row (%d)", r->name, GRID_MAX_ROW);
        stop(b);
        return;
    }
    r->row = (uint32_t)n;
    r->col = 0;
}

static void merge_cell(SheetRead *r, const char *ref)
{
    Merge m;
    if (!ref || parse_ref(&ref, &m.r1, &m.c1) == REF_BAD || *ref != ':')
        return;
    ref++;
    if (parse_ref(&ref, &m.r2, &m.c2) == REF_BAD || *ref)
        return;
    if (m.r1 > m.r2) {
        uint32_t t = m.r1;
        m.r1 = m.r2, m.r2 = t;
    }
    if (m.c1 > m.c2) {
        uint32_t t = m.c1;
        m.c1 = m.c2, m.c2 = t;
    }
    r->merges = grow(r->merges, &r->capm, r->nm, sizeof *r->merges);
    r->merges[r->nm++] = m;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Book *b = ud;
    SheetRead *r = &b->sh;
    if (b->failed)
        return;
    const char *n = local_name(name);
    if (strcmp(n, "sheetData") == 0)
        r->in_data = true;
    else if (strcmp(n, "mergeCell") == 0)
        merge_cell(r, attr(atts, "ref"));
    else if (!r->in_data)
        return;
    else if (strcmp(n, "row") == 0)
        row_start(b, r, atts);
    else if (strcmp(n, "c") == 0)
        cell_start(b, r, atts);
    else if (strcmp(n, "v") == 0)
        b->collect = r->in_cell;
    else if (strcmp(n, "is") == 0)
        r->in_is = r->in_cell;
    else if (strcmp(n, "rPh") == 0)
        r->rph++;
    else if (strcmp(n, "t") == 0)
        b->collect = r->in_is && r->rph == 0;
}

/* "2024-03-05T10:30:00" (t="d") as a date format shows it. */
static const char *iso_date(Arena *a, const char *v)
{
    size_t n = strlen(v);
    if (n >= 16 && v[10] == 'T' && strncmp(v + 11, "00:00:00", n >= 19 ? 8 : 5) != 0)
        return arena_sprintf(a, "%.10s %.5s", v, v + 11);
    return arena_strndup(a, v, n < 10 ? n : 10);
}

static const char *shared_string(Book *b, SheetRead *r, const char *v, size_t n)
{
    unsigned i;
    if (parse_uint(v, n, &i) && i < b->nsst)
        return b->sst[i];
    if (!b->sst_warned)
        notify_report(b->s, SEV_WARNING, b->path, "cell %s of sheet '%s' names a shared string "
                      "that does not exist; it is read as blank (and so is any other such cell)",
                      grid_cell_name(&b->s->arena, r->cell_col, r->cell_row), r->name);
    b->sst_warned = true;
    return "";
}

/* The text the cell shows, by its type t. */
static const char *cell_text(Book *b, SheetRead *r)
{
    Arena *a = &b->s->arena;
    const char *t = r->type;
    if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0)
        return string_text(a, &b->text);
    const char *v = strbuf_cstr(&b->text);
    size_t n = b->text.len;
    for (; n && strchr(" \t\r\n", v[n - 1]); n--)
        ;
    for (; n && strchr(" \t\r\n", v[0]); v++, n--)
        ;
    if (n == 0)
        return "";
    if (strcmp(t, "s") == 0)
        return shared_string(b, r, v, n);
    if (strcmp(t, "b") == 0 && n == 1 && (v[0] == '0' || v[0] == '1'))
        return v[0] == '1' ? "TRUE" : "FALSE";
    if (strcmp(t, "d") == 0)
        return iso_date(a, grid_clean_text(a, v, n));
    const char *shown = strcmp(t, "n") == 0
                            ? grid_number_show(a, v, n, r->fmt, b->date1904) : NULL;
    /* t="e": the error as shown (#DIV/0!); a number that is not one, as written */
    return shown ? shown : grid_clean_text(a, v, n);
}

static void cell_end(Book *b, SheetRead *r)
{
    r->in_cell = r->in_is = false;
    b->collect = false;
    const char *text = cell_text(b, r);
    if (!text[0])
        return;
    if (b->cells + r->n >= GRID_MAX_CELLS) {
        notify_report(b->s, SEV_ERROR, b->path, "not imported: the workbook has more than %d "
                                                "cells", GRID_MAX_CELLS);
        stop(b);
        return;
    }
    r->cells = grow(r->cells, &r->cap, r->n, sizeof *r->cells);
    r->cells[r->n] = (Cell){r->cell_row, r->cell_col, r->n, text};
    r->n++;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    Book *b = ud;
    SheetRead *r = &b->sh;
    if (b->failed)
        return;
    const char *n = local_name(name);
    if (strcmp(n, "sheetData") == 0)
        r->in_data = false;
    else if (strcmp(n, "c") == 0 && r->in_cell)
        cell_end(b, r);
    else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
        b->collect = false;
    else if (strcmp(n, "is") == 0)
        r->in_is = false;
    else if (strcmp(n, "rPh") == 0)
        r->rph--;
}

/* ===== laying a sheet out as rows ===== */

static int cell_cmp(const void *x, const void *y)
{
    const Cell *a = x, *c = y;
    if (a->row != c->row)
        return a->row < c->row ? -1 : 1;
    if (a->col != c->col)
        return a->col < c->col ? -1 : 1;
    return (a->seq > c->seq) - (a->seq < c->seq);
}

/* The first cell at or after (row, col) in the sorted cells. */
static size_t lower_bound(const SheetRead *r, size_t lo, uint32_t row, uint32_t col)
{
    size_t hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const Cell *c = &r->cells[mid];
        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A text export shows a merged range's text once, in its top-left cell. */
static void apply_merge(Book *b, SheetRead *r, const Merge *m)
{
    size_t i = lower_bound(r, 0, m->r1, m->c1);
    while (i < r->n && r->cells[i].row <= m->r2) {
        if (b->merge_budget == 0) {
            if (!b->merge_warned)
                notify_report(b->s, SEV_WARNING, b->path, "sheet '%s' has more merged ranges "
                              "than can be applied; text in cells they cover is kept", r->name);
            b->merge_warned = true;
            return;
        }
        b->merge_budget--;
        Cell *c = &r->cells[i];
        if (c->col < m->c1) {
            i = lower_bound(r, i, c->row, m->c1);
        } else if (c->col > m->c2) {
            i = lower_bound(r, i, c->row + 1, m->c1);
        } else {
            if (c->row != m->r1 || c->col != m->c1)
                c->text = "";
            i++;
        }
    }
}

/* Sorts the cells, keeps the last of two at one place, applies merges. */
static void settle(Book *b, SheetRead *r)
{
    if (r->n)
        qsort(r->cells, r->n, sizeof *r->cells, cell_cmp);
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (k > 0 && r->cells[k - 1].row == r->cells[i].row && r->cells[k - 1].col == r->cells[i].col)
            k--;
        r->cells[k++] = r->cells[i];
    }
    r->n = k;
    for (size_t i = 0; i < r->nm && !b->merge_warned; i++)
        apply_merge(b, r, &r->merges[i]);
}

/* The widths of the rows (their last cell with text), checked against the
 * caps; false (reported) when the workbook would lay out too much. */
static bool measure(Book *b, const SheetRead *r, size_t *nrows, size_t *slots)
{
    *nrows = *slots = 0;
    for (size_t i = 0; i < r->n;) {
        size_t width = 0, j = i;
        for (; j < r->n && r->cells[j].row == r->cells[i].row; j++)
            if (r->cells[j].text[0])
                width = r->cells[j].col;
        if (width)
            *nrows = r->cells[i].row;
        *slots += width;
        i = j;
    }
    if (b->rows + *nrows <= GRID_MAX_ROWS && b->slots + *slots <= GRID_MAX_SLOTS)
        return true;
    notify_report(b->s, SEV_ERROR, b->path, "not imported: the workbook lays out as more than "
                  "%d rows or %d cells", GRID_MAX_ROWS, GRID_MAX_SLOTS);
    b->failed = true;
    return false;
}

static void lay_out(Book *b, SheetRead *r, GridSheet *sh)
{
    settle(b, r);
    size_t nrows, slots;
    if (!measure(b, r, &nrows, &slots))
        return;
    b->rows += nrows;
    b->slots += slots;
    b->cells += r->n;
    Arena *a = &b->s->arena;
    sh->nrows = nrows;
    sh->rows = nrows ? arena_alloc(a, nrows * sizeof *sh->rows) : NULL;
    for (size_t i = 0; i < nrows; i++)
        sh->rows[i].line = i + 1;
    for (size_t i = 0; i < r->n;) {
        size_t width = 0, j = i;
        for (; j < r->n && r->cells[j].row == r->cells[i].row; j++)
            if (r->cells[j].text[0])
                width = r->cells[j].col;
        if (width > 0) {
            GridRow *row = &sh->rows[r->cells[i].row - 1];
            row->n = width;
            row->cell = arena_alloc(a, width * sizeof *row->cell);
            row->col = arena_alloc(a, width * sizeof *row->col);
            for (size_t k = 0; k < width; k++) {
                row->cell[k] = "";
                row->col[k] = k + 1;
            }
            for (size_t k = i; k < j && r->cells[k].col <= width; k++)
                row->cell[r->cells[k].col - 1] = r->cells[k].text;
        }
        i = j;
    }
}

/* ===== the workbook ===== */

static void read_sheet(Book *b, const SheetRef *ref, size_t index, const char *dir, GridSheet *sh)
{
    const Rel *rel = rel_by_id(b, ref->rid);
    const char *part = rel ? rel->target
                           : arena_sprintf(&b->s->arena, "%sworksheets/sheet%zu.xml", dir, index + 1);
    SheetRead *r = &b->sh;
    memset(r, 0, sizeof *r);
    r->name = ref->name;
    sh->name = ref->name;
    PartStatus st = parse_part(b, part, sheet_start, sheet_end);
    if (st == PART_ABSENT)
        notify_report(b->s, SEV_WARNING, b->path, "sheet '%s' is not in the workbook (no %s); it "
                      "is read as empty", ref->name, part);
    if (st == PART_READ)
        lay_out(b, r, sh);
    free(r->cells);
    free(r->merges);
    memset(r, 0, sizeof *r);
}

/* The workbook part and its directory ("xl/"), from _rels/.rels. */
static const char *workbook_part(Book *b, const char **dir)
{
    const char *part = "xl/workbook.xml";
    if (read_rels(b, "_rels/.rels", ""))
        part = rel_by_type(b, "officeDocument", part);
    const char *slash = strrchr(part, '/');
    *dir = arena_strndup(&b->s->arena, part, slash ? (size_t)(slash - part + 1) : 0);
    return part;
}

static bool read_book(Book *b, Grid *out)
{
    const char *dir;
    const char *part = workbook_part(b, &dir);
    PartStatus st = b->failed ? PART_FAILED : parse_part(b, part, book_start, ignore_end);
    if (st == PART_ABSENT)
        notify_report(b->s, SEV_ERROR, b->path, "not imported: not an .xlsx workbook (it has no "
                      "%s)", part);
    if (st != PART_READ)
        return false;
    if (b->nsheets == 0) {
        notify_report(b->s, SEV_ERROR, b->path, "not imported: the workbook has no sheets");
        return false;
    }
    const char *name = part + strlen(dir);
    if (!read_rels(b, arena_sprintf(&b->s->arena, "%s_rels/%s.rels", dir, name), dir))
        return false;
    const char *styles = rel_by_type(b, "styles", arena_sprintf(&b->s->arena, "%sstyles.xml", dir));
    const char *strings = rel_by_type(b, "sharedStrings",
                                      arena_sprintf(&b->s->arena, "%ssharedStrings.xml", dir));
    if (parse_part(b, styles, styles_start, styles_end) == PART_FAILED
        || parse_part(b, strings, sst_start, sst_end) == PART_FAILED)
        return false;
    if (b->nfmts)
        qsort(b->fmts, b->nfmts, sizeof *b->fmts, fmt_cmp);
    GridSheet *sheets = arena_alloc(&b->s->arena, b->nsheets * sizeof *sheets);
    for (size_t i = 0; i < b->nsheets && !b->failed; i++)
        read_sheet(b, &b->sheets[i], i, dir, &sheets[i]);
    if (b->failed)
        return false;
    out->nsheets = b->nsheets;
    out->sheets = sheets;
    return true;
}

bool grid_read_xlsx(Session *s, const char *path, const char *data, size_t len, Grid *out)
{
    memset(out, 0, sizeof *out);
    out->workbook = true;
    const char *why;
    if (!libs_zip(&why)) {
        notify_report(s, SEV_ERROR, path, "not imported: reading a workbook needs libzip, which cannot be "
                                          "loaded (%s)", why);
        return false;
    }
    zip_error_t ze;
    ZIP(zip_error_init)(&ze);
    zip_source_t *src = ZIP(zip_source_buffer_create)(len ? data : NULL, len, 0, &ze);
    zip_t *z = src ? ZIP(zip_open_from_source)(src, ZIP_RDONLY, &ze) : NULL;
    if (!z) {
        notify_report(s, SEV_ERROR, path, "not imported: not an .xlsx workbook (not a zip "
                                          "archive: %s)", ZIP(zip_error_strerror)(&ze));
        ZIP(zip_source_free)(src);
        ZIP(zip_error_fini)(&ze);
        return false;
    }
    ZIP(zip_error_fini)(&ze);
    Book b = {0};
    b.s = s;
    b.path = path;
    b.z = z;
    b.merge_budget = MERGE_BUDGET;
    bool ok = read_book(&b, out);
    ZIP(zip_discard)(z);
    strbuf_release(&b.text);
    free(b.rels);
    free(b.sheets);
    free(b.fmts);
    free(b.xf);
    free(b.sst);
    return ok;
}
