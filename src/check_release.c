/* check_release: `ptlc check` of many table files in memory bounded by a
 * batch of them. check_program keeps every tree to the end; but once a
 * table's own checks are done, only the rules across tables still read it,
 * and they read a few fields (its name, kind, year, department, amount and
 * budget lines). So the files are parsed and checked a batch at a time
 * (BATCH_BYTES, parsed by --jobs threads), each table is copied down to
 * those fields, and the batch's trees and token text are freed. A run of
 * one batch keeps its trees: freeing them at the end saves nothing.
 *
 * The result must be check_program's, byte for byte. That holds when the
 * user files declare nothing (every declaration is in force before any
 * table is checked) and hold no self-evaluation (it is scored against its
 * target's whole tree), when the error limit is not reached (a serial run
 * counts every file's syntax errors before any table's findings), and when
 * the "did you mean" budget lasts. The first two are read from the text
 * before anything is parsed, cheaply and conservatively, and confirmed by
 * each file's tree; the others are watched. Whatever fails on the way, the
 * session is put back as it was and check_program runs as usual: a rare
 * case pays twice, and is never different. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "parse.h"
#include "settings.h"

/* True when no line of the file starts, in its first column, with a
 * keyword that can begin a declaration, a settings block or a
 * self-evaluation. A statement inside a table starts indented in any
 * table ptlc, import or fmt writes; a file that does not is only checked
 * as check_program checks it. The tree confirms it (declares_only_tables). */
static bool only_tables(const SourceFile *src)
{
    static const char *const starts[] = {"unit", "dimension", "vocabulary", "framework",
                                         "settings", "evaluation", "计量单位", "量纲", "词表",
                                         "指标体系", "设置", "自评"};
    size_t len[sizeof starts / sizeof *starts];
    for (size_t k = 0; k < sizeof starts / sizeof *starts; k++)
        len[k] = strlen(starts[k]);
    const char *t = src->text + src->body, *end = src->text + src->len;
    while (t < end) {
        unsigned char c = (unsigned char)*t;
        /* a line that starts with a blank, a brace, a quote or a comment
           (nearly all of them) is decided by its first byte */
        if (c >= 'd')
            for (size_t k = 0; k < sizeof starts / sizeof *starts; k++)
                if ((size_t)(end - t) >= len[k] && memcmp(t, starts[k], len[k]) == 0)
                    return false;
        const char *nl = memchr(t, '\n', (size_t)(end - t));
        if (!nl)
            break;
        t = nl + 1;
    }
    return true;
}

static bool declares_only_tables(const AstFile *f)
{
    for (size_t i = 0; i < f->decls.len; i++) {
        const Decl *d = f->decls.items[i];
        if (d->kind != DECL_TABLE || d->u.table->kind == TABLE_EVALUATION)
            return false;
    }
    return true;
}

/* ===== what the rules across tables read ===== */

static const char *keep_text(Arena *a, const char *t)
{
    return t ? arena_strndup(a, t, strlen(t)) : NULL;
}

static void keep_number(Arena *a, Number *n)
{
    n->text = keep_text(a, n->text);
}

static Field *keep_field(Arena *a, const Field *f)
{
    if (!f)
        return NULL;
    Field *k = arena_alloc(a, sizeof *k);
    *k = *f;
    k->text.text = keep_text(a, f->text.text);
    k->text2 = k->text3 = (Text){0};
    k->date = k->date2 = (Date){0};
    keep_number(a, &k->num);
    keep_number(a, &k->num2);
    keep_number(a, &k->q.num);
    k->lines = (PtrVec){0};
    k->allow = NULL;
    k->root = NULL;
    if (f->kind != FIELD_BUDGET)
        return k;
    for (size_t i = 0; i < f->lines.len; i++) {
        BudgetLine *l = arena_alloc(a, sizeof *l);
        *l = *(const BudgetLine *)f->lines.items[i];
        keep_number(a, &l->amount.num);
        keep_number(a, &l->share);
        l->parts = (PtrVec){0};
        ptrvec_push(a, &k->lines, l);
    }
    return k;
}

static Table *keep_table(Arena *a, const Table *t)
{
    static const FieldKind read[] = {FIELD_YEAR, FIELD_DEPARTMENT, FIELD_AMOUNT, FIELD_BUDGET};
    Table *k = arena_alloc(a, sizeof *k);
    k->kind = t->kind;
    k->span = t->span;
    k->key = t->key;
    k->name = t->name;
    k->name.text = keep_text(a, t->name.text);
    k->file = t->file;
    k->framework = t->framework;
    for (size_t i = 0; i < sizeof read / sizeof *read; i++)
        k->field[read[i]] = keep_field(a, t->field[read[i]]);
    return k;
}

/* Replaces the batch's files and tables (from these indexes on) by what
 * outlives their trees. */
static void keep_index(Program *p, size_t from_file, size_t from_table, size_t from_user)
{
    Arena *a = &p->s->arena;
    for (size_t i = from_file; i < p->files.len; i++) {
        const AstFile *f = p->files.items[i];
        AstFile *k = arena_alloc(a, sizeof *k);
        k->file = f->file;
        k->is_stdlib = f->is_stdlib;
        p->files.items[i] = k;
    }
    for (size_t i = from_table; i < p->tables.len; i++)
        p->tables.items[i] = keep_table(a, p->tables.items[i]);
    /* the user tables are the same tables, in the same order */
    size_t u = from_user;
    for (size_t i = from_table; i < p->tables.len && u < p->user_tables.len; i++)
        if (((Table *)p->tables.items[i])->file >= p->nstdlib)
            p->user_tables.items[u++] = p->tables.items[i];
}

/* ===== the session as it was, for check_program ===== */

typedef struct Saved {
    size_t diags, allows, marks[DIAG_MARKED], counts[SEV_ERROR + 1], seq, suggest_budget;
    bool too_many, deny_warnings;
    Severity severity[RULE_COUNT];
    Decimal param[PARAM_COUNT];
} Saved;

static void save(const Session *s, Saved *v)
{
    v->diags = s->diags.len;
    v->allows = s->allows.len;
    for (int i = 0; i < DIAG_MARKED; i++)
        v->marks[i] = s->marks[i].len;
    memcpy(v->counts, s->counts, sizeof v->counts);
    v->seq = s->seq;
    v->suggest_budget = s->suggest_budget;
    v->too_many = s->too_many;
    v->deny_warnings = s->deny_warnings;
    memcpy(v->severity, s->severity, sizeof v->severity);
    memcpy(v->param, s->param, sizeof v->param);
}

static void restore(Session *s, const Saved *v, Program *p)
{
    s->diags.len = v->diags;
    s->allows.len = v->allows;
    for (int i = 0; i < DIAG_MARKED; i++) {
        s->marks[i].len = v->marks[i];
        s->marks[i].sorted = false;
    }
    memcpy(s->counts, v->counts, sizeof v->counts);
    s->seq = v->seq;
    s->suggest_budget = v->suggest_budget;
    s->too_many = v->too_many;
    s->deny_warnings = v->deny_warnings;
    memcpy(s->severity, v->severity, sizeof v->severity);
    memcpy(s->param, v->param, sizeof v->param);
    s->diags_sorted = false;
    s->last_parent = s->last_note = NULL;
    s->offered_fix = NULL;
    /* the allows of the batches were indexed: check_program indexes its own */
    for (int r = 0; r < RULE_COUNT; r++) {
        free(s->allow_index.slots[r]);
        s->allow_index.slots[r] = NULL;
        s->allow_index.len[r] = 0;
    }
    s->allow_index.any = false;
    size_t nstdlib = p->nstdlib;
    uint32_t settings_file = p->settings_file;
    program_free(p);
    memset(p, 0, sizeof *p);
    p->s = s;
    p->nstdlib = nstdlib;
    p->settings_file = settings_file;
}

/* ===== a file larger than a batch, a table at a time ===== */

typedef struct Stream {
    Program *p;
    bool failed;            /* the result could differ from check_program's */
} Stream;

/* A table of a file with a syntax error anywhere is checked knowing it
 * (a finding that only follows from the error is left out), and the
 * error may come after the table: such a file is checked whole. */
static bool broken(Session *s, uint32_t file)
{
    Span whole = {file, 0, session_file(s, file)->len};
    return diag_any_within(s, RULE_SYNTAX, whole) || diag_any_within(s, RULE_ENCODING, whole);
}

/* check_files of one table, as the parser hands it over, then its copy. */
static bool take_table(void *ctx, Table *t)
{
    Stream *st = ctx;
    Program *p = st->p;
    Session *s = p->s;
    if (t->kind == TABLE_EVALUATION || s->too_many || broken(s, t->file)) {
        st->failed = true;
        return false;
    }
    size_t t0 = p->tables.len, e0 = p->evaluations.len, a0 = s->allows.len;
    ptrvec_push(&s->arena, &p->tables, t);
    ptrvec_push(&s->arena, &p->user_tables, t);
    settings_register_allows(p, t0, e0);
    if (s->allows.len != a0)
        diag_index_allows(s);
    check_tables(p, t0, e0);
    check_table_passes(p, t);
    Table *k = keep_table(&s->arena, t);
    p->tables.items[t0] = k;
    p->user_tables.items[p->user_tables.len - 1] = k;
    ptrmap_free(&p->fold_cache);    /* see check_batches */
    return true;
}

/* Parses and checks file i alone, a table at a time; false when the
 * result could differ. */
static bool check_streaming(Program *p, uint32_t i)
{
    Session *s = p->s;
    Stream st = {p, false};
    AstFile *f = parse_source_streaming(s, i, take_table, &st);
    size_t f0 = p->files.len, t0 = p->tables.len, u0 = p->user_tables.len;
    ptrvec_push(&s->arena, &p->files, f);
    if (st.failed || f->decls.len || broken(s, i))
        return false;
    check_empty_file(p, f);
    keep_index(p, f0, t0, u0);
    return true;
}

/* ===== the batches ===== */

/* Files i..end-1 parsed (by --jobs threads), checked and freed; false when
 * the result could differ. */
static bool check_batch(Program *p, size_t i, size_t end, AstFile **parsed, Arena *trees)
{
    Session *s = p->s;
    parse_files_range(s, i, end, parsed + i);
    size_t f0 = p->files.len, t0 = p->tables.len, u0 = p->user_tables.len;
    for (size_t k = i; k < end; k++) {
        if (!declares_only_tables(parsed[k]))
            return false;
        ptrvec_push(&s->arena, &p->files, parsed[k]);
    }
    check_files(p, f0);
    for (size_t k = f0; k < p->files.len; k++)
        check_empty_file(p, p->files.items[k]);
    keep_index(p, f0, t0, u0);
    arena_free(trees);
    arena_init(trees);
    /* keyed by the texts' addresses, which the next batch reuses */
    ptrmap_free(&p->fold_cache);
    return true;
}

/* The batches' checks; false as soon as the result could differ. */
static bool check_batches(Program *p, AstFile **parsed, size_t first, Arena *trees,
                          ProgressFn progress)
{
    Session *s = p->s;
    size_t n = s->files.len;
    for (size_t i = first; i < n;) {
        size_t end = i, bytes = 0;
        do
            bytes += session_file(s, (uint32_t)end++)->len;
        while (end < n && bytes + session_file(s, (uint32_t)end)->len <= s->release_batch);
        if (progress)
            progress(s->progress_ctx, PROGRESS_BATCH, i - first, n - first);
        /* a file larger than a batch is a batch of its own */
        if (bytes > s->release_batch ? !check_streaming(p, (uint32_t)i)
                                     : !check_batch(p, i, end, parsed, trees))
            return false;
        if (s->too_many || s->suggest_budget == 0)
            return false;
        i = end;
    }
    return true;
}

bool check_releasing(Program *p)
{
    Session *s = p->s;
    size_t n = s->files.len, first = p->nstdlib;
    if (p->settings_file == first)
        first++;
    if ((p->settings_file != UINT32_MAX && p->settings_file > first) || first >= n)
        return false;
    size_t bytes = 0;
    for (size_t i = first; i < n; i++)
        bytes += session_file(s, (uint32_t)i)->len;
    if (bytes <= s->release_batch)
        return false;
    for (size_t i = first; i < n; i++)
        if (!only_tables(session_file(s, (uint32_t)i)))
            return false;
    Saved saved;
    save(s, &saved);
    AstFile **parsed = xcalloc(n, sizeof *parsed);
    parse_files_range(s, 0, first, parsed);
    for (size_t i = 0; i < first; i++) {
        parsed[i]->is_stdlib = i < p->nstdlib;
        ptrvec_push(&s->arena, &p->files, parsed[i]);
    }
    settings_apply(p);
    check_files(p, 0);
    Arena trees;
    arena_init(&trees);
    s->trees = &trees;
    /* the batches' parse phases would restart the progress line: it counts
       the files of the batches done instead */
    ProgressFn progress = s->progress;
    s->progress = NULL;
    bool ok = check_batches(p, parsed, first, &trees, progress);
    s->progress = progress;
    s->trees = NULL;
    arena_free(&trees);
    free(parsed);
    if (!ok) {
        restore(s, &saved, p);
        return false;
    }
    p->released = true;
    check_across(p);
    return true;
}
