/* session: construction and teardown of one compilation's state. */
#include "session.h"

#include <string.h>

#include "suggest.h"

void session_init(Session *s)
{
    memset(s, 0, sizeof *s);
    arena_init(&s->arena);
    intern_init(&s->names, &s->arena);
    for (int r = 0; r < RULE_COUNT; r++)
        s->severity[r] = rule_info[r].default_severity;
    s->max_errors = 50;
    s->suggest_budget = SUGGEST_BUDGET;
    for (int i = 0; i < PARAM_COUNT; i++) {
        const char *t = param_info[i].default_text;
        if (dec_parse(t, strlen(t), &s->param[i]) != DEC_OK)
            BUG("bad default in params.def");
    }
}

void session_free(Session *s)
{
    diag_free_indexes(s);
    ptrmap_free(&s->keywords);
    intern_free(&s->names);
    arena_free(&s->arena);
}

uint32_t session_add_source(Session *s, const char *path, const char *text, size_t len)
{
    SourceFile *f = src_new(&s->arena, path, text, len);
    ptrvec_push(&s->arena, &s->files, f);
    return (uint32_t)(s->files.len - 1);
}

uint32_t session_adopt_source(Session *s, const char *path, char *text, size_t len)
{
    SourceFile *f = src_adopt(&s->arena, path, text, len);
    ptrvec_push(&s->arena, &s->files, f);
    return (uint32_t)(s->files.len - 1);
}

const SourceFile *session_file(const Session *s, uint32_t index)
{
    if (index >= s->files.len)
        return NULL;
    return s->files.items[index];
}

void session_init_thread(Session *w, Session *s, pthread_mutex_t *lock)
{
    memset(w, 0, sizeof *w);
    arena_init(&w->arena);
    intern_init_shared(&w->names, &s->names, lock);
    w->keywords = s->keywords;
    w->files = s->files;
    w->lang = s->lang;
    memcpy(w->severity, s->severity, sizeof w->severity);
    memcpy(w->param, s->param, sizeof w->param);
    w->deny_warnings = s->deny_warnings;
    w->max_errors = s->max_errors;
    w->suggest_budget = s->suggest_budget;
    w->release_batch = s->release_batch;
}
