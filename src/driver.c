/* driver: the stdlib must come first in the session's file list (its
 * declarations are visible to every user file), so user files are read
 * after it; an in-memory session is rebuilt with the stdlib in front. */
#include "driver.h"

#include <string.h>

#include "check.h"
#include "fs.h"
#include "notify.h"
#include "prelude.h"
#include "settings.h"

void driver_run_checks(Session *s, Program *prog, size_t nstdlib, uint32_t settings_file)
{
    check_program(prog, s, nstdlib, settings_file);
}

/* The directory the settings search starts from: the first path if it is
 * a directory, else the directory it is in. */
static const char *search_start(Session *s, const char *first)
{
    if (fs_is_dir(first))
        return first;
    const char *slash = strrchr(first, '/');
    return slash ? arena_strndup(&s->arena, first, (size_t)(slash - first + 1)) : ".";
}

/* The settings file to read: the named one (which must be readable), or
 * the project's, when it is safe to read (else a warning, and none). */
static FsInput *settings_input(Session *s, const DriverInput *in, bool *ok)
{
    *ok = true;
    if (in->no_settings)
        return NULL;
    if (in->settings_path) {
        FsInput *f = fs_named_file(s, in->settings_path);
        *ok = f != NULL;
        return f;
    }
    const char *root = NULL;
    const char *first = strcmp(in->paths[0], "-") == 0 ? (in->stdin_name ? in->stdin_name : "./") : in->paths[0];
    const char *path = settings_find(&s->arena, search_start(s, first), &root);
    s->settings_root = root;
    return path ? fs_contained_file(s, path, root) : NULL;
}

/* Reads the settings file into the session; false when a file the run
 * depends on could not be read: checking without it would report what its
 * levels silence, or miss what they deny. */
static bool load_settings(Session *s, const DriverInput *in, uint32_t *index)
{
    bool ok;
    FsInput *f = settings_input(s, in, &ok);
    if (!f)
        return ok;
    uint32_t at = (uint32_t)s->files.len;
    if (!fs_read_input(s, f))
        return false;
    *index = at;
    s->settings_path = session_file(s, at)->path;
    return true;
}

bool driver_compile(Session *s, Program *prog, const DriverInput *in)
{
    memset(prog, 0, sizeof *prog);
    PtrVec files = {0}, paths = {0};
    bool from_stdin = false;
    for (size_t i = 0; i < in->npaths; i++) {
        if (strcmp(in->paths[i], "-") == 0)
            from_stdin = true;     /* read once, after the files, however often it is named */
        else
            ptrvec_push(&s->arena, &paths, (void *)in->paths[i]);
    }
    fs_collect_inputs(s, (const char *const *)paths.items, paths.len, &files);
    const char *err = NULL;
    if (!prelude_load(s, in->stdlib_dir, &err)) {
        notify_report(s, SEV_ERROR, NULL, "%s", err);
        return false;
    }
    size_t nstdlib = s->files.len;
    uint32_t settings_file = UINT32_MAX;
    if (!load_settings(s, in, &settings_file))
        return false;
    for (size_t i = 0; i < files.len; i++) {
        session_progress(s, PROGRESS_READ, i, files.len);
        if (fs_read_source(s, files.items[i]))
            s->inputs_read++;
    }
    if (from_stdin && fs_read_stdin_source(s, in->stdin_name ? in->stdin_name : "<stdin>"))
        s->inputs_read++;
    driver_run_checks(s, prog, nstdlib, settings_file);
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
        uint32_t at = session_add_source(s, f->path, f->text, f->len);
        ((SourceFile *)s->files.items[at])->utf8_valid = f->utf8_valid;
    }
    driver_run_checks(s, prog, nstdlib, UINT32_MAX);
    return true;
}
