/* driver: the stdlib must come first in the session's file list (its
 * declarations are visible to every user file), so user files are read
 * after it; an in-memory session is rebuilt with the stdlib in front. */
#include "driver.h"

#include <string.h>

#include "check.h"
#include "fs.h"
#include "prelude.h"
#include "settings.h"

static bool collect_inputs(Session *s, const DriverInput *in, PtrVec *files, const char **err)
{
    for (size_t i = 0; i < in->npaths; i++) {
        size_t before = files->len;
        if (!fs_collect_ptl(&s->arena, in->paths[i], files, err))
            return false;
        if (files->len == before) {
            *err = arena_sprintf(&s->arena, "no .ptl files under '%s'", in->paths[i]);
            return false;
        }
    }
    return true;
}

static void check_empty_files(Program *prog)
{
    for (size_t i = prog->nstdlib; i < prog->files.len; i++) {
        const AstFile *f = prog->files.items[i];
        if (f->file == prog->settings_file)
            continue;
        const SourceFile *src = session_file(prog->s, f->file);
        Span whole = {f->file, 0, src->len};
        if (f->decls.len > 0 || prog->s->too_many || diag_any_within(prog->s, RULE_SYNTAX, whole)
            || diag_any_within(prog->s, RULE_ENCODING, whole))
            continue;
        Span at = {f->file, src->len, src->len};
        diag_report(prog->s, RULE_EMPTY_FILE, at, "%s",
                    f->comments.len ? "this file holds only comments: no table or declaration"
                                    : "this file is empty: no table or declaration");
    }
}

static void run_checks(Session *s, Program *prog, size_t nstdlib, uint32_t settings_file)
{
    check_program(prog, s, nstdlib, settings_file);
    check_empty_files(prog);
}

/* The settings file of the project the first input belongs to. */
static const char *settings_path(Session *s, const DriverInput *in)
{
    if (in->no_settings)
        return NULL;
    if (in->settings_path)
        return in->settings_path;
    const char *first = in->paths[0];
    const char *dir = first;
    if (!fs_is_dir(first)) {
        const char *slash = strrchr(first, '/');
        dir = slash ? arena_strndup(&s->arena, first, (size_t)(slash - first + 1)) : ".";
    }
    return settings_find(&s->arena, dir);
}

bool driver_compile(Session *s, Program *prog, const DriverInput *in, const char **err)
{
    memset(prog, 0, sizeof *prog);
    PtrVec files = {0};
    if (!collect_inputs(s, in, &files, err))
        return false;
    if (!prelude_load(s, in->stdlib_dir, err))
        return false;
    size_t nstdlib = s->files.len;
    uint32_t settings_file = UINT32_MAX;
    const char *sp = settings_path(s, in);
    if (sp) {
        settings_file = (uint32_t)s->files.len;
        if (!fs_add_source(s, sp, err))
            return false;
    }
    for (size_t i = 0; i < files.len; i++)
        if (!fs_add_source(s, files.items[i], err))
            return false;
    run_checks(s, prog, nstdlib, settings_file);
    return true;
}

bool driver_check_loaded(Session *s, Program *prog, const char *stdlib_dir, const char **err)
{
    memset(prog, 0, sizeof *prog);
    PtrVec user = s->files;
    s->files = (PtrVec){0};
    if (!prelude_load(s, stdlib_dir, err))
        return false;
    size_t nstdlib = s->files.len;
    for (size_t i = 0; i < user.len; i++) {
        const SourceFile *f = user.items[i];
        session_add_source(s, f->path, f->text, f->len);
    }
    run_checks(s, prog, nstdlib, UINT32_MAX);
    return true;
}
