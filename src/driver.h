/* driver: the whole pipeline as a library call — load the stdlib, read the
 * inputs, parse, check — so the CLI, tests and a future language server run
 * exactly the same steps. Ownership: results live in the caller's Session
 * and Program; release with program_free and session_free. */
#ifndef PTL_DRIVER_H
#define PTL_DRIVER_H

#include <stdbool.h>

#include "program.h"
#include "session.h"

typedef struct DriverInput {
    const char *const *paths;   /* files or directories */
    size_t npaths;
    const char *stdlib_dir;     /* NULL: the embedded stdlib */
    const char *settings_path;  /* NULL: search upwards from the first input */
    bool no_settings;           /* ignore every ptlc.settings */
    const char *stdin_name;     /* a path "-" is standard input, named so ("<stdin>" if NULL) */
} DriverInput;

/* Runs the pipeline. An input that cannot be read is an error notification
 * (notify.h) and the others are still checked; returns false only when
 * nothing could be checked (the stdlib or the settings failed to load),
 * with the reason as a notification too. Diagnostics about the sources are
 * in the session either way; s->settings_path names the settings used. */
bool driver_compile(Session *s, Program *prog, const DriverInput *in);

/* The checks of a program whose sources are in s: the stdlib's first
 * nstdlib files, then the settings file at settings_file (UINT32_MAX:
 * none) and the tables; the language server composes its session itself
 * and checks it so, as `ptlc check` does. */
void driver_run_checks(Session *s, Program *prog, size_t nstdlib, uint32_t settings_file);

/* Checks sources the caller already added to s (in-memory buffers, e.g. an
 * editor's unsaved text); the stdlib is added in front of them. */
bool driver_check_loaded(Session *s, Program *prog, const char *stdlib_dir, const char **err);

#endif
