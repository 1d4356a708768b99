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
    if (t->kind == TABLE_EVALUATION)   /* the forms print the year below: （2022年度） */
        return arena_sprintf(a, "%s%s%s%s",
                             emit_eval_is_department(t) ? "部门整体支出绩效自评表" : "项目支出绩效自评表",
                             *year ? "（" : "", year, *year ? "年度）" : "");
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

/* ===== statements ===== */

const Field *emit_next(const Table *t, FieldKind k, size_t *i)
{
    while (*i < t->fields.len) {
        const Field *f = t->fields.items[(*i)++];
        if (f->kind == k && !f->ignored)
            return f;
    }
    return NULL;
}

size_t emit_count(const Table *t, FieldKind k)
{
    size_t n = 0;
    for (size_t i = 0; emit_next(t, k, &i);)
        n++;
    return n;
}

const char *emit_period_name(const Field *f)
{
    return f->name.text ? f->name.text : "年度";
}

/* ===== dates and periods ===== */

const char *emit_form_date(Arena *a, const Date *d)
{
    if (!d->ok)
        return d->text;
    if (d->day == 0)
        return arena_sprintf(a, "%d.%d", d->year, d->month);
    return arena_sprintf(a, "%d.%d.%d", d->year, d->month, d->day);
}

const char *emit_iso_date(Arena *a, const Date *d)
{
    if (!d->ok)
        return d->text;
    if (d->day == 0)
        return arena_sprintf(a, "%04d-%02d", d->year, d->month);
    return arena_sprintf(a, "%04d-%02d-%02d", d->year, d->month, d->day);
}

const char *emit_period(Arena *a, const Field *f)
{
    if (!f)
        return NULL;
    if (f->dates)
        return f->is_range ? arena_sprintf(a, "%s—%s", emit_form_date(a, &f->date),
                                           emit_form_date(a, &f->date2))
                           : emit_form_date(a, &f->date);
    if (f->has_q)
        return arena_sprintf(a, "%s%s", f->q.num.text ? f->q.num.text : "",
                             f->q.unit.text ? f->q.unit.text : "");
    if (!f->num.text)
        return NULL;
    if (f->is_range && f->num2.text)
        return arena_sprintf(a, "%s年—%s年", f->num.text, f->num2.text);
    return arena_sprintf(a, "%s年", f->num.text);
}

/* ===== indicator trees ===== */

const char *emit_category_label(Arena *a, const Category *c)
{
    const Score *s = &c->score;
    if (!c->name.text || !s->given || !s->lo.text)
        return c->name.text;
    if (!s->hi.text || s->lo.span.start == s->hi.span.start)
        return arena_sprintf(a, "%s(%s分)", c->name.text, s->lo.text);
    return arena_sprintf(a, "%s(%s-%s分)", c->name.text, s->lo.text, s->hi.text);
}

static unsigned uses_in(const Category *c)
{
    unsigned m = 0;
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_CATEGORY) {
            m |= uses_in(item);
            continue;
        }
        const Indicator *ind = (const Indicator *)item;
        m |= (ind->explanation.text ? EMIT_USES_EXPL : 0u) | (ind->more->has_weight ? EMIT_USES_WEIGHT : 0u)
           | (ind->more->standard.text ? EMIT_USES_STANDARD : 0u)
           | (ind->more->unit_column.text ? EMIT_USES_UNIT_COLUMN : 0u)
           | (ind->more->scoring.text ? EMIT_USES_SCORING : 0u);
    }
    return m;
}

unsigned emit_columns_used(const Table *t)
{
    unsigned m = 0;
    const Field *f;
    for (size_t i = 0; (f = emit_next(t, FIELD_INDICATORS, &i));)
        m |= f->root ? uses_in(f->root) : 0u;
    return m;
}

/* ===== budgets as a list ===== */

typedef struct BudgetNode {
    BudgetLineKind kind;
    const char *name;
    unsigned depth;
    const BudgetLine **line;    /* per figure */
    PtrVec children;            /* BudgetNode *: the split */
    PtrMap index;               /* key -> the last child of that key */
} BudgetNode;

typedef struct BudgetTree {
    Arena *a;
    size_t nfigure;
    BudgetNode roots[3];        /* by BudgetLineKind: their children are the lines */
    size_t nodes;
} BudgetTree;

/* Interned (the canonical name, or the name as written), so a pointer is a
 * key; one key for every 资金总额. */
static const char *line_key(const BudgetLine *l)
{
    static const char total[] = "资金总额";
    if (l->kind == BUDGET_TOTAL)
        return total;
    return l->canonical ? l->canonical : l->name.text ? l->name.text : total;
}

/* A line joins the row of the same line in an earlier figure (当年财政拨款
 * beside 财政拨款: the same canonical name); a name given twice in one
 * figure gets a second row, so nothing written is hidden. A hash per
 * parent keeps a budget of many lines linear. */
static void budget_insert(BudgetTree *bt, BudgetNode *parent, const BudgetLine *l,
                          unsigned depth, size_t fig)
{
    const char *key = line_key(l);
    BudgetNode *n = ptrmap_get(&parent->index, key);
    if (!n || n->kind != l->kind || n->line[fig]) {
        n = arena_alloc(bt->a, sizeof *n);
        n->kind = l->kind;
        n->name = l->kind == BUDGET_TOTAL ? NULL : l->name.text;
        n->depth = depth;
        n->line = arena_alloc(bt->a, bt->nfigure * sizeof *n->line);
        ptrvec_push(bt->a, &parent->children, n);
        ptrmap_put(&parent->index, key, n);
        bt->nodes++;
    }
    n->line[fig] = l;
    for (size_t i = 0; i < l->parts.len; i++)
        budget_insert(bt, n, l->parts.items[i], depth + 1, fig);
}

/* Depth first; the hashes are freed on the way. */
static void budget_flatten(EmitBudgets *b, BudgetNode *parent, BudgetLineKind group)
{
    ptrmap_free(&parent->index);
    for (size_t i = 0; i < parent->children.len; i++) {
        BudgetNode *n = parent->children.items[i];
        b->row[b->nrow++] = (EmitBudgetRow){group, n->name, n->depth, n->line};
        budget_flatten(b, n, group);
    }
}

static bool any_share(const PtrVec *lines)
{
    for (size_t i = 0; i < lines->len; i++) {
        const BudgetLine *l = lines->items[i];
        if (l->share.text || any_share(&l->parts))
            return true;
    }
    return false;
}

size_t emit_budget_group_rows(const EmitBudgets *eb, size_t from)
{
    size_t k = from;
    while (k < eb->nrow && eb->row[k].kind == eb->row[from].kind)
        k++;
    return k - from;
}

EmitBudgets emit_budgets(Arena *a, const Table *t)
{
    EmitBudgets b = {NULL, NULL, emit_count(t, FIELD_BUDGET), NULL, 0};
    BudgetTree bt = {a, b.nfigure, {{0}}, 0};
    b.figure = arena_alloc(a, (b.nfigure + 1) * sizeof *b.figure);
    b.shares = arena_alloc(a, b.nfigure + 1);
    const Field *f;
    size_t fig = 0;
    for (size_t i = 0; (f = emit_next(t, FIELD_BUDGET, &i)); fig++) {
        b.figure[fig] = f;
        b.shares[fig] = any_share(&f->lines);
        for (size_t k = 0; k < f->lines.len; k++) {
            const BudgetLine *l = f->lines.items[k];
            budget_insert(&bt, &bt.roots[l->kind], l, 0, fig);
        }
    }
    b.row = arena_alloc(a, (bt.nodes + 1) * sizeof *b.row);
    for (size_t k = 0; k < ARRAY_LEN(bt.roots); k++)
        budget_flatten(&b, &bt.roots[k], (BudgetLineKind)k);
    return b;
}

static bool any_split(const PtrVec *lines)
{
    for (size_t i = 0; i < lines->len; i++)
        if (((const BudgetLine *)lines->items[i])->has_parts)
            return true;
    return false;
}

bool emit_budget_fits_grid(const Table *t)
{
    const Field *b = t->field[FIELD_BUDGET];
    if (t->kind != TABLE_DEPARTMENT || emit_count(t, FIELD_BUDGET) > 1)
        return false;
    return !b || (!b->name.text && !any_share(&b->lines) && !any_split(&b->lines));
}

/* ===== breakdowns ===== */

static void part_rows(Arena *a, PtrVec *out, const PtrVec *parts, unsigned depth,
                      const char *prefix)
{
    for (size_t i = 0; i < parts->len; i++) {
        const Part *pt = parts->items[i];
        EmitPartRow *r = arena_alloc(a, sizeof *r);
        const char *name = pt->name.text ? pt->name.text : "合计";
        r->part = pt;
        r->depth = depth;
        r->path = prefix ? arena_sprintf(a, "%s › %s", prefix, name) : name;
        ptrvec_push(a, out, r);
        part_rows(a, out, &pt->parts, depth + 1, r->path);
    }
}

size_t emit_part_rows(Arena *a, const Field *breakdown, EmitPartRow **rows)
{
    PtrVec v = {0};
    part_rows(a, &v, &breakdown->lines, 0, NULL);
    *rows = arena_alloc(a, (v.len + 1) * sizeof **rows);
    for (size_t i = 0; i < v.len; i++)
        (*rows)[i] = *(EmitPartRow *)v.items[i];
    return v.len;
}

const char *emit_part_label(Arena *a, const char *name, unsigned depth)
{
    if (!name)
        return "合计";
    if (depth == 0)
        return name;
    StrBuf sb = STRBUF_INIT;
    for (unsigned i = 1; i < depth; i++)
        strbuf_adds(&sb, "　");
    strbuf_addf(&sb, "其中：%s", name);
    const char *r = arena_strndup(a, strbuf_cstr(&sb), sb.len);
    strbuf_release(&sb);
    return r;
}
