/* prelude_pack: see prelude_pack.h. The format, all numbers as unsigned
 * LEB128 (signed ones zigzagged):
 *   "PTLP" VERSION, the file count, then each file: its text's length, its
 *   declarations (count, then kind and fields), its comments' spans.
 *   A span is start and end (its file is the tree's); a string is its
 *   length + 1 and its bytes, 0 for none.
 * Every field of the declarations is written: the size checks below fail
 * the build when a field is added and not packed. */
#include "prelude_pack.h"

#include <stdint.h>
#include <string.h>

#include "session.h"

#define PACK_MAGIC "PTLP"
#define PACK_VERSION 1

#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(UnitDecl) == 136, "a UnitDecl field is not packed (prelude_pack.c)");
_Static_assert(sizeof(DimDecl) == 96, "a DimDecl field is not packed (prelude_pack.c)");
_Static_assert(sizeof(DimProp) == 72, "a DimProp field is not packed (prelude_pack.c)");
_Static_assert(sizeof(VocabDecl) == 96, "a VocabDecl field is not packed (prelude_pack.c)");
_Static_assert(sizeof(VocabItem) == 88, "a VocabItem field is not packed (prelude_pack.c)");
/* AstFile.streamed is not packed: the stdlib is never parsed table by table */
_Static_assert(sizeof(AstFile) == 72, "an AstFile field is not packed (prelude_pack.c)");
#endif

/* ===== writing ===== */

static void put_u(StrBuf *o, uint64_t v)
{
    do {
        unsigned char b = (unsigned char)(v & 0x7F);
        v >>= 7;
        strbuf_addc(o, (char)(b | (v ? 0x80 : 0)));
    } while (v);
}

static void put_i(StrBuf *o, int64_t v)
{
    put_u(o, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

static void put_str(StrBuf *o, const char *s, size_t len)
{
    put_u(o, s ? (uint64_t)len + 1 : 0);
    if (s)
        strbuf_add(o, s, len);
}

static void put_span(StrBuf *o, Span sp)
{
    put_u(o, sp.start);
    put_u(o, sp.end);
}

static void put_name(StrBuf *o, const Name *n)
{
    put_str(o, n->text, n->text ? strlen(n->text) : 0);
    put_span(o, n->span);
}

static void put_text(StrBuf *o, const Text *t)
{
    put_str(o, t->text, t->len);
    put_span(o, t->span);
}

static void put_number(StrBuf *o, const Number *n)
{
    put_i(o, n->dec.coef);
    put_i(o, n->dec.scale);
    put_str(o, n->text, n->text ? strlen(n->text) : 0);
    put_span(o, n->span);
    put_u(o, n->ok);
}

static void put_items(StrBuf *o, const PtrVec *items)
{
    put_u(o, items->len);
    for (size_t i = 0; i < items->len; i++) {
        const VocabItem *it = items->items[i];
        put_u(o, it->kind);
        put_span(o, it->span);
        put_name(o, &it->name);
        put_name(o, &it->target);
        put_items(o, &it->items);
    }
}

static bool put_decl(StrBuf *o, const Decl *d)
{
    put_u(o, d->kind);
    switch (d->kind) {
    case DECL_UNIT: {
        const UnitDecl *u = d->u.unit;
        put_span(o, u->span);
        put_name(o, &u->symbol);
        put_name(o, &u->dimension);
        put_u(o, u->has_factor);
        put_number(o, &u->factor);
        put_name(o, &u->base);
        return true;
    }
    case DECL_DIMENSION: {
        const DimDecl *dim = d->u.dim;
        put_span(o, dim->span);
        put_name(o, &dim->name);
        put_text(o, &dim->label);
        put_u(o, dim->props.len);
        for (size_t i = 0; i < dim->props.len; i++) {
            const DimProp *pr = dim->props.items[i];
            put_name(o, &pr->key);
            put_number(o, &pr->value);
            put_u(o, pr->has_value);
        }
        return true;
    }
    case DECL_VOCAB: {
        const VocabDecl *v = d->u.vocab;
        put_span(o, v->span);
        put_u(o, v->is_framework);
        put_u(o, v->is_default);
        put_name(o, &v->name);
        put_text(o, &v->label);
        put_items(o, &v->items);
        return true;
    }
    case DECL_TABLE:
    case DECL_SETTINGS:
        break;
    }
    return false;
}

bool prelude_pack_write(const Session *s, AstFile *const *files, size_t n, StrBuf *out)
{
    strbuf_adds(out, PACK_MAGIC);
    put_u(out, PACK_VERSION);
    put_u(out, n);
    for (size_t i = 0; i < n; i++) {
        const AstFile *f = files[i];
        put_u(out, session_file(s, f->file)->len);
        put_u(out, f->decls.len);
        for (size_t k = 0; k < f->decls.len; k++)
            if (!put_decl(out, f->decls.items[k]))
                return false;
        put_u(out, f->comments.len);
        for (size_t k = 0; k < f->comments.len; k++)
            put_span(out, *(const Span *)f->comments.items[k]);
    }
    return true;
}

/* ===== reading ===== */

typedef struct Reader {
    Session *s;
    const unsigned char *p, *end;
    uint32_t file;
    uint32_t len;           /* the file's text: no span may pass it */
    bool ok;
} Reader;

static uint64_t get_u(Reader *r)
{
    uint64_t v = 0;
    for (unsigned shift = 0; r->ok; shift += 7) {
        if (r->p == r->end || shift > 63) {
            r->ok = false;
            break;
        }
        unsigned char b = *r->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            return v;
    }
    return 0;
}

static int64_t get_i(Reader *r)
{
    uint64_t v = get_u(r);
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* A count of things each at least one byte long: never more than remain. */
static size_t get_count(Reader *r)
{
    uint64_t n = get_u(r);
    if (n > (uint64_t)(r->end - r->p))
        r->ok = false;
    return r->ok ? (size_t)n : 0;
}

static const char *get_str(Reader *r, size_t *len)
{
    uint64_t n = get_u(r);
    *len = 0;
    if (n == 0 || !r->ok)
        return NULL;
    if (n - 1 > (uint64_t)(r->end - r->p)) {
        r->ok = false;
        return NULL;
    }
    *len = (size_t)(n - 1);
    const char *s = intern(&r->s->names, (const char *)r->p, *len);
    r->p += *len;
    return s;
}

static Span get_span(Reader *r)
{
    uint64_t start = get_u(r), end = get_u(r);
    if (start > end || end > r->len)
        r->ok = false;
    return r->ok ? (Span){r->file, (uint32_t)start, (uint32_t)end} : SPAN_NONE;
}

static Name get_name(Reader *r)
{
    size_t len;
    Name n;
    n.text = get_str(r, &len);
    n.span = get_span(r);
    return n;
}

static Text get_text(Reader *r)
{
    Text t;
    t.text = get_str(r, &t.len);
    t.span = get_span(r);
    return t;
}

static Number get_number(Reader *r)
{
    Number n;
    size_t len;
    n.dec.coef = get_i(r);
    n.dec.scale = (int32_t)get_i(r);
    n.text = get_str(r, &len);
    n.span = get_span(r);
    n.ok = get_u(r) != 0;
    return n;
}

static void *alloc(Reader *r, size_t size)
{
    return arena_alloc(&r->s->arena, size);
}

/* Group members nest as deep as the text's braces did: a bound keeps a
 * damaged pack from recursing without end. */
static PtrVec get_items(Reader *r, int depth)
{
    PtrVec v = {0};
    size_t n = get_count(r);
    if (depth > 8)
        r->ok = false;
    for (size_t i = 0; i < n && r->ok; i++) {
        VocabItem *it = alloc(r, sizeof *it);
        uint64_t kind = get_u(r);
        if (kind > VOCAB_ALIAS)
            r->ok = false;
        it->kind = (VocabItemKind)kind;
        it->span = get_span(r);
        it->name = get_name(r);
        it->target = get_name(r);
        it->items = get_items(r, depth + 1);
        ptrvec_push(&r->s->arena, &v, it);
    }
    return v;
}

static Decl *get_decl(Reader *r)
{
    Decl *d = alloc(r, sizeof *d);
    uint64_t kind = get_u(r);
    d->kind = (DeclKind)kind;
    if (kind == DECL_UNIT) {
        UnitDecl *u = alloc(r, sizeof *u);
        u->span = get_span(r);
        u->symbol = get_name(r);
        u->dimension = get_name(r);
        u->has_factor = get_u(r) != 0;
        u->factor = get_number(r);
        u->base = get_name(r);
        d->u.unit = u;
    } else if (kind == DECL_DIMENSION) {
        DimDecl *dim = alloc(r, sizeof *dim);
        dim->span = get_span(r);
        dim->name = get_name(r);
        dim->label = get_text(r);
        size_t n = get_count(r);
        for (size_t i = 0; i < n && r->ok; i++) {
            DimProp *pr = alloc(r, sizeof *pr);
            pr->key = get_name(r);
            pr->value = get_number(r);
            pr->has_value = get_u(r) != 0;
            ptrvec_push(&r->s->arena, &dim->props, pr);
        }
        d->u.dim = dim;
    } else if (kind == DECL_VOCAB) {
        VocabDecl *v = alloc(r, sizeof *v);
        v->span = get_span(r);
        v->is_framework = get_u(r) != 0;
        v->is_default = get_u(r) != 0;
        v->name = get_name(r);
        v->label = get_text(r);
        v->items = get_items(r, 0);
        d->u.vocab = v;
    } else {
        r->ok = false;
    }
    return d;
}

bool prelude_pack_read(Session *s, const unsigned char *data, size_t len, uint32_t first, size_t n,
                       AstFile **out)
{
    Reader r = {s, data, data + len, first, 0, true};
    if (len < strlen(PACK_MAGIC) || memcmp(data, PACK_MAGIC, strlen(PACK_MAGIC)) != 0)
        return false;
    r.p += strlen(PACK_MAGIC);
    if (get_u(&r) != PACK_VERSION || get_u(&r) != n || !r.ok)
        return false;
    for (size_t i = 0; i < n && r.ok; i++) {
        r.file = first + (uint32_t)i;
        r.len = session_file(s, r.file)->len;
        if (get_u(&r) != r.len)
            return false;   /* made from another text */
        AstFile *f = alloc(&r, sizeof *f);
        f->file = r.file;
        size_t ndecls = get_count(&r);
        for (size_t k = 0; k < ndecls && r.ok; k++)
            ptrvec_push(&s->arena, &f->decls, get_decl(&r));
        size_t ncomments = get_count(&r);
        for (size_t k = 0; k < ncomments && r.ok; k++) {
            Span *sp = alloc(&r, sizeof *sp);
            *sp = get_span(&r);
            ptrvec_push(&s->arena, &f->comments, sp);
        }
        out[i] = f;
    }
    return r.ok && r.p == r.end;
}
