/* check_release: `ptlc check` of many table files, on every core, in
 * memory bounded by a file or two. check_program keeps every tree to the
 * end; but once a table's own checks are done, only the rules across
 * tables still read it, and they read a few fields (its name, kind, year,
 * department, amount and budget lines). So each of --jobs threads takes a
 * file at a time, parses and checks it in a session and program of its own
 * (the stdlib's declarations read by all, the names through one lock),
 * copies each table down to those fields, and frees the tree and its token
 * text. A file larger than Session.release_batch is cut into parts at the
 * lines that start a table, which the threads share, each read a table at
 * a time (a file that is not valid UTF-8 is one part). Then the threads'
 * diagnostics, allows and copies are taken in file order, and the rules
 * across tables run over the copies. A run of less than release_batch in
 * all keeps its trees: there is little to save.
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
#include <pthread.h>
#include <stdatomic.h>
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
        k->streamed = f->decls.len + f->streamed;   /* its tables, counted */
        k->comments = f->comments;  /* in the session's arena (ast_file) */
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
    if (t->kind == TABLE_EVALUATION || broken(s, t->file)) {
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
    ptrmap_free(&p->fold_cache);    /* see work() */
    return true;
}

/* ===== the work: whole files, and large ones a part at a time ===== */

/* A file, or a part of one (whole is false) that starts at a table: the
 * threads take them in turn. */
typedef struct Work {
    uint32_t file, start, end;
    bool whole, first;          /* first: the file's first part */
} Work;

/* Parses and checks a unit a table at a time; false when the result could
 * differ. */
static bool check_streaming(Program *p, const Work *u)
{
    Session *s = p->s;
    Stream st = {p, false};
    AstFile *f = u->whole ? parse_source_streaming(s, u->file, take_table, &st)
                          : parse_source_part(s, u->file, u->start, u->end, take_table, &st);
    size_t f0 = p->files.len, t0 = p->tables.len, u0 = p->user_tables.len;
    ptrvec_push(&s->arena, &p->files, f);
    if (st.failed || f->decls.len || broken(s, u->file))
        return false;
    keep_index(p, f0, t0, u0);
    return true;
}

/* True when a line starts a table (department "…" or project "…", in
 * either keyword language) in its first column. A false start is harmless:
 * a part cut inside a table or a comment ends in a syntax error, and a
 * file with one is checked again whole. */
static bool starts_table(const char *t, const char *end)
{
    static const char *const kw[] = {"department", "project", "部门", "项目"};
    for (size_t k = 0; k < sizeof kw / sizeof *kw; k++) {
        size_t n = strlen(kw[k]);
        if ((size_t)(end - t) > n && memcmp(t, kw[k], n) == 0
            && (t[n] == ' ' || t[n] == '\t' || t[n] == '"'))
            return true;
    }
    return false;
}

/* The units of file i: itself, or parts of about size bytes, each but the
 * first from a table's first line on, for the threads to share. */
static void add_units(Session *s, uint32_t i, size_t size, Work **units, size_t *n, size_t *cap)
{
    const SourceFile *src = session_file(s, i);
    size_t start = src->body;
    if (src->len > s->release_batch && src->utf8_valid) {
        const char *text = src->text, *end = text + src->len;
        for (const char *t = text + start; t < end;) {
            const char *nl = memchr(t, '\n', (size_t)(end - t));
            if (!nl)
                break;
            t = nl + 1;
            if ((size_t)(t - text) - start >= size && starts_table(t, end)) {
                if (*n == *cap)
                    *units = xrealloc(*units, (*cap = *cap * 2 + 16) * sizeof **units);
                (*units)[(*n)++] = (Work){i, (uint32_t)start, (uint32_t)(t - text), false,
                                          start == src->body};
                start = (size_t)(t - text);
            }
        }
    }
    if (*n == *cap)
        *units = xrealloc(*units, (*cap = *cap * 2 + 16) * sizeof **units);
    bool whole = start == src->body;
    (*units)[(*n)++] = (Work){i, (uint32_t)start, src->len, whole, whole};
}

/* ===== the files, by --jobs threads ===== */

#define MAX_JOBS 64

/* What checking one unit left in its thread's session and program: taken
 * over in order once every unit is done. */
typedef struct Done {
    uint32_t worker;
    DiagRange reported;
    size_t allows[2];           /* its allows: the range of the thread's s->allows */
    size_t tables[2];           /* its tables' copies: the range of the thread's tables */
    AstFile *file;              /* its index */
    bool decls, comments;       /* what it held, for the empty-file finding */
} Done;

typedef struct Pool Pool;

/* A thread's own session (its arena, diagnostics and allows; the names
 * through the session's, under a lock) and program (the stdlib's
 * declarations, its own caches), so the threads share nothing they write. */
typedef struct Worker {
    Session w;
    Program p;
    Arena trees;
    Pool *pool;
    uint32_t index;
} Worker;

struct Pool {
    Session *s;
    Program *p;
    const Work *units;
    Done *done;
    size_t first, n;            /* the user files from first; n units */
    atomic_size_t next;
    atomic_bool failed;         /* the result could differ: every thread stops */
    ProgressFn progress;        /* the calling thread's alone */
};

static void worker_init(Worker *wk, Pool *pool, uint32_t index, pthread_mutex_t *lock)
{
    Session *w = &wk->w;
    session_init_thread(w, pool->s, lock);     /* the settings already applied */
    arena_init(&wk->trees);
    w->trees = &wk->trees;
    Program *p = &wk->p;
    memset(p, 0, sizeof *p);
    p->s = w;
    p->nstdlib = pool->p->nstdlib;
    p->settings_file = pool->p->settings_file;
    /* the stdlib's trees are read, never written, by the declarations */
    for (size_t i = 0; i < p->nstdlib; i++)
        ptrvec_push(&w->arena, &p->files, pool->p->files.items[i]);
    check_decls(p, 0);
    wk->pool = pool;
    wk->index = index;
}

static void worker_release(Worker *wk)
{
    program_free(&wk->p);
    arena_free(&wk->trees);
    diag_free_indexes(&wk->w);
}

/* File i parsed whole, checked and freed; false when the result could
 * differ. */
static bool check_whole(Program *p, uint32_t i)
{
    Session *s = p->s;
    AstFile *f = parse_source(s, i);
    if (!declares_only_tables(f))
        return false;
    size_t f0 = p->files.len, t0 = p->tables.len, u0 = p->user_tables.len;
    ptrvec_push(&s->arena, &p->files, f);
    check_files(p, f0);
    keep_index(p, f0, t0, u0);
    return true;
}

static void *work(void *arg)
{
    Worker *wk = arg;
    Pool *pool = wk->pool;
    Session *w = &wk->w;
    Program *p = &wk->p;
    for (;;) {
        size_t k = atomic_fetch_add(&pool->next, 1);
        if (k >= pool->n || atomic_load(&pool->failed))
            break;
        const Work *u = &pool->units[k];
        if (wk->index == 0 && pool->progress)
            pool->progress(pool->s->progress_ctx, PROGRESS_BATCH, u->file - pool->first,
                           w->files.len - pool->first);
        Done *d = &pool->done[k];
        d->worker = wk->index;
        d->allows[0] = w->allows.len;
        d->tables[0] = p->tables.len;
        diag_range_start(w, &d->reported);
        /* a file larger than the batch is read a table at a time */
        bool ok = u->whole && session_file(w, u->file)->len <= w->release_batch
                      ? check_whole(p, u->file) : check_streaming(p, u);
        const AstFile *f = p->files.items[p->files.len - 1];
        d->decls = f->decls.len || f->streamed;
        d->comments = f->comments.len > 0;
        arena_free(&wk->trees);
        arena_init(&wk->trees);
        /* keyed by the texts' addresses, which the next file reuses */
        ptrmap_free(&p->fold_cache);
        diag_range_end(w, &d->reported);
        d->allows[1] = w->allows.len;
        d->tables[1] = p->tables.len;
        d->file = p->files.items[p->files.len - 1];
        if (!ok || w->too_many)
            atomic_store(&pool->failed, true);
    }
    return NULL;
}

/* Takes over what the threads left, in file order, as if checked here:
 * false when a serial run would have ended otherwise: past the error limit
 * (it reports every table's field findings before any tree's, so its first
 * errors are others), or with the suggestions' budget spent. */
typedef struct Empty {
    uint32_t file;
    bool decls, comments;
} Empty;

static bool take_over(Pool *pool, Worker *workers, unsigned jobs, PtrVec *empties)
{
    Session *s = pool->s;
    Program *p = pool->p;
    size_t errors = s->counts[SEV_ERROR], spent = 0;
    for (size_t k = 0; k < pool->n; k++)
        errors += pool->done[k].reported.errors;
    for (unsigned j = 0; j < jobs; j++)
        spent += s->suggest_budget - workers[j].w.suggest_budget;
    if ((s->max_errors && errors > s->max_errors) || spent >= s->suggest_budget)
        return false;
    for (size_t k = 0; k < pool->n; k++) {
        const Done *d = &pool->done[k];
        Worker *wk = &workers[d->worker];
        diag_take(s, &wk->w, &d->reported);
        for (size_t a = d->allows[0]; a < d->allows[1]; a++)
            ptrvec_push(&s->arena, &s->allows, wk->w.allows.items[a]);
        for (size_t t = d->tables[0]; t < d->tables[1]; t++) {
            Table *copy = wk->p.tables.items[t];
            /* the framework, as the calling program declared it */
            if (copy->framework)
                copy->framework = ptrmap_get(&p->frameworks, copy->framework->name);
            ptrvec_push(&s->arena, &p->tables, copy);
            ptrvec_push(&s->arena, &p->user_tables, copy);
        }
        if (pool->units[k].first)
            ptrvec_push(&s->arena, &p->files, d->file);
        /* a part starts with a table: one without has a syntax error */
        if (pool->units[k].whole) {
            Empty *e = arena_alloc(&s->arena, sizeof *e);
            *e = (Empty){pool->units[k].file, d->decls, d->comments};
            ptrvec_push(&s->arena, empties, e);
        }
    }
    s->suggest_budget -= spent;
    diag_index_allows(s);
    return true;
}

/* The user files checked unit by unit by jobs threads; false when the
 * result could differ. */
static bool check_parallel(Program *p, size_t first, ProgressFn progress, PtrVec *empties)
{
    Session *s = p->s;
    size_t n = 0, cap = 0;
    Work *units = NULL;
    /* parts of half a batch: two threads share a file of two batches */
    size_t part = s->release_batch / 2 ? s->release_batch / 2 : 1;
    for (size_t i = first; i < s->files.len; i++)
        add_units(s, (uint32_t)i, part, &units, &n, &cap);
    unsigned jobs = s->jobs > MAX_JOBS ? MAX_JOBS : s->jobs ? s->jobs : 1;
    if (jobs > n)
        jobs = (unsigned)n;
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    Worker *workers = xcalloc(jobs, sizeof *workers);
    Pool pool = {s, p, units, xcalloc(n, sizeof(Done)), first, n, 0, false, progress};
    for (unsigned j = 0; j < jobs; j++)
        worker_init(&workers[j], &pool, j, &lock);
    threads_run(work, workers, sizeof *workers, jobs);     /* the calling thread is worker 0 */
    bool ok = !atomic_load(&pool.failed) && take_over(&pool, workers, jobs, empties);
    for (unsigned j = 0; j < jobs; j++) {
        worker_release(&workers[j]);
        arena_adopt(&s->arena, &workers[j].w.arena);
    }
    free(pool.done);
    free(units);
    free(workers);
    pthread_mutex_destroy(&lock);
    return ok;
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
    AstFile **parsed = xcalloc(first, sizeof *parsed);
    parse_files_range(s, 0, first, parsed);
    for (size_t i = 0; i < first; i++) {
        parsed[i]->is_stdlib = i < p->nstdlib;
        ptrvec_push(&s->arena, &p->files, parsed[i]);
    }
    free(parsed);
    settings_apply(p);
    check_files(p, 0);
    /* the threads' parse phases would restart the progress line: it counts
       the files done instead */
    ProgressFn progress = s->progress;
    s->progress = NULL;
    PtrVec empties = {0};
    bool ok = !s->too_many && check_parallel(p, first, progress, &empties);
    s->progress = progress;
    if (!ok) {
        restore(s, &saved, p);
        return false;
    }
    if (progress)
        progress(s->progress_ctx, PROGRESS_BATCH, n - first, n - first);
    p->released = true;
    check_across(p);
    /* last, as check_program reports them */
    for (size_t k = 0; k < empties.len; k++) {
        const Empty *e = empties.items[k];
        check_empty_source(p, e->file, e->decls, e->comments);
    }
    return true;
}
