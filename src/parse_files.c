/* parse_files: a session's sources parsed by several threads (--jobs).
 * Parsing a file needs nothing from another file, so each thread parses
 * whole files in a session of its own (its own arena and diagnostics, the
 * session's names through one lock, so names still compare by pointer).
 * The threads' diagnostics are then taken in file order, numbered as a
 * serial run numbers them: the output is the same byte for byte.
 *
 * One thing a thread cannot know: a serial run stops parsing at the error
 * past --max-errors, counting the files before. So the files are taken in
 * order while the errors stay within the limit; from the file that would
 * pass it (or one its thread stopped in), the rest are parsed again one
 * after another, in the session itself, as a serial run parses them. That
 * is rare (a run that prints "too many errors") and always right. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "parse_internal.h"

#define MAX_JOBS 64
/* Below this many bytes in all, starting threads costs more than it saves
 * (an empty check parses only the stdlib: 40 KB, 1.5 ms). */
#define PARALLEL_BYTES (512u << 10)

typedef struct Pool Pool;

typedef struct Worker {
    Session w;
    Pool *pool;
    uint32_t index;
} Worker;

/* One file's outcome: its tree, and the range of its diagnostics in the
 * session of the worker that parsed it. */
typedef struct Job {
    AstFile *ast;
    uint32_t worker;
    bool stopped;           /* its thread was past --max-errors */
    DiagRange reported;
} Job;

struct Pool {
    Session *s;             /* the progress line's, from worker 0 alone */
    Job *jobs;
    size_t first, nfiles;   /* jobs[i] is file first + i */
    atomic_size_t next;
    Worker *workers;
};

static void worker_init(Worker *wk, Pool *pool, uint32_t index, Session *s, pthread_mutex_t *lock)
{
    session_init_thread(&wk->w, s, lock);
    wk->w.allow_index = s->allow_index;   /* read only too: parsing never indexes allows */
    wk->pool = pool;
    wk->index = index;
}

/* Frees what the worker's session holds apart from its arena (moved to
 * the session or freed by the caller) and the tables it borrowed. */
static void worker_release(Worker *wk)
{
    for (int i = 0; i < DIAG_MARKED; i++)
        free(wk->w.marks[i].items);
}

static void *work(void *arg)
{
    Worker *wk = arg;
    Pool *pool = wk->pool;
    for (;;) {
        size_t i = atomic_fetch_add(&pool->next, 1);
        if (i >= pool->nfiles)
            break;
        if (wk->index == 0)
            session_progress(pool->s, PROGRESS_PARSE, i, pool->nfiles);
        Job *j = &pool->jobs[i];
        j->worker = wk->index;
        diag_range_start(&wk->w, &j->reported);
        j->ast = parse_source(&wk->w, (uint32_t)(pool->first + i));
        diag_range_end(&wk->w, &j->reported);
        j->stopped = wk->w.too_many;
    }
    return NULL;
}

/* True when a serial run, with the session's errors so far, would parse
 * the job's file exactly as its thread did: no error of it past the limit. */
static bool as_serial(const Session *s, const Job *j)
{
    return !j->stopped && (!s->max_errors || s->counts[SEV_ERROR] + j->reported.errors <= s->max_errors);
}

/* Parses files first.. with jobs threads; returns how many of them it
 * parsed as a serial run would (all of them but in the rare case above). */
static size_t parse_parallel(Session *s, size_t first, size_t n, AstFile **out, unsigned jobs)
{
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    Worker *workers = xcalloc(jobs, sizeof *workers);
    Pool pool = {s, xcalloc(n, sizeof(Job)), first, n, 0, workers};
    for (unsigned i = 0; i < jobs; i++)
        worker_init(&workers[i], &pool, i, s, &lock);
    threads_run(work, workers, sizeof *workers, jobs);     /* the calling thread is worker 0 */
    size_t done = 0;
    for (; done < n && as_serial(s, &pool.jobs[done]); done++) {
        const Job *j = &pool.jobs[done];
        out[done] = j->ast;
        diag_take(s, &workers[j->worker].w, &j->reported);
    }
    /* the trees of the files parsed again stay unused in these arenas */
    for (unsigned i = 0; i < jobs; i++) {
        arena_adopt(&s->arena, &workers[i].w.arena);
        worker_release(&workers[i]);
    }
    free(pool.jobs);
    free(workers);
    pthread_mutex_destroy(&lock);
    return done;
}

void parse_files(Session *s, AstFile **out)
{
    parse_files_range(s, 0, s->files.len, out);
}

void parse_files_range(Session *s, size_t first, size_t end, AstFile **out)
{
    size_t n = end - first;
    unsigned jobs = s->jobs > MAX_JOBS ? MAX_JOBS : s->jobs;
    if (jobs > n)
        jobs = (unsigned)n;
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += session_file(s, (uint32_t)(first + i))->len;
    lex_init_keywords(s);
    size_t done = jobs >= 2 && bytes >= PARALLEL_BYTES && !s->too_many
        ? parse_parallel(s, first, n, out, jobs) : 0;
    for (size_t i = done; i < n; i++) {
        session_progress(s, PROGRESS_PARSE, i, n);
        out[i] = parse_source(s, (uint32_t)(first + i));
    }
}
