/* fs: the file system edge, where a table's author (anyone who can open a
 * pull request) meets the CI machine that checks it. Inputs cannot escape:
 * a directory walk reads only regular files whose real path stays inside
 * the directory given, follows no link loop, never blocks on a FIFO, and
 * reads each file once. Outputs cannot destroy: a report replaces a regular
 * file atomically (temp file + rename, keeping its mode), is written
 * straight into a device or FIFO, writes through a symbolic link, never
 * replaces an input, and leaves no temp file behind when the run is
 * interrupted. Problems with one input are notifications (notify.h) and
 * the others are still read; output errors come back as text in the
 * session's arena and language for the caller to print. Nothing here
 * exits. */
#ifndef PTL_FS_H
#define PTL_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "session.h"

/* ===== inputs ===== */

/* A file to read, as found by fs_collect_inputs or named for settings. */
typedef struct FsInput FsInput;

/* True when path names a directory (links followed). */
bool fs_is_dir(const char *path);

/* Appends to out (FsInput *) the files the command-line paths stand for,
 * in order and each file once (the first naming wins): a file is taken as
 * named (links followed, a FIFO read), a directory is walked (sorted,
 * hidden entries skipped, see above). Devices, sockets, unreadable and
 * missing paths are error notifications; skipped walk entries warnings. */
void fs_collect_inputs(Session *s, const char *const *paths, size_t n, PtrVec *out);

/* A file named by the user (--settings FILE): links followed, a FIFO read,
 * anything else but a regular file refused (an error notification, NULL). */
FsInput *fs_named_file(Session *s, const char *path);

/* A file found by searching (ptlc.settings): used only if it is a regular
 * file whose real path lies under root (a real path); otherwise a warning
 * notification says why not, and NULL. */
FsInput *fs_contained_file(Session *s, const char *path, const char *root);

/* Reads in as the session's next source. False after an error notification. */
bool fs_read_input(Session *s, FsInput *in);

/* fs_read_input for a table to check: GB18030 or UTF-16 text is decoded
 * to UTF-8, with a warning naming the encoding (encoding.h). */
bool fs_read_source(Session *s, FsInput *in);

/* Standard input read whole as a table to check, named name (decoded as
 * fs_read_source decodes). False after an error notification. */
bool fs_read_stdin_source(Session *s, const char *name);

/* Reads path (a regular file) into the session as a source; for the
 * stdlib directory, whose failures stop the run (message in *err). */
bool fs_add_source(Session *s, const char *path, const char **err);

/* Appends the paths (dir/name) of the entries of dir, sorted by name. */
bool fs_list_dir(Session *s, const char *dir, PtrVec *out, const char **err);

/* ===== outputs ===== */

/* Refuses (false, *err naming both) when path is, or links to, a file the
 * session has read: an input table, the settings file, a stdlib file. */
bool fs_check_not_input(Session *s, const char *path, const char **err);

/* Writes len bytes to path. "-" is standard output. A regular file (the
 * file a symbolic link leads to, for a link) is replaced atomically: a temp
 * file beside it, fsync, rename; it keeps the old file's mode (and owner
 * and group, as root), a new file gets 0666 & ~umask. A device, FIFO or
 * socket is opened and written, never replaced; /dev/stdout and the like
 * write to the descriptor they stand for. A directory is an error. */
bool fs_write_atomic(Session *s, const char *path, const char *data, size_t len, const char **err);

/* As fs_write_atomic, but never replaces a file: when a regular file is at
 * path (or where its link leads), nothing is written and *err says so. The
 * new file appears whole or not at all, and one that another process
 * creates meanwhile is not replaced either. For `ptlc new`, so that typing
 * the command twice cannot lose the table filled in after the first. */
bool fs_write_new(Session *s, const char *path, const char *data, size_t len, const char **err);

/* For writers that need a file name (libxlsxwriter): fs_output_begin makes
 * an empty temp file — beside the target, or in $TMPDIR when the target is
 * a device or FIFO — whose name fs_output_temp gives; fs_output_commit
 * puts it in place as fs_write_atomic would (rename, or copy its bytes into
 * the device), fs_output_discard removes it. */
typedef struct FsOutput FsOutput;
FsOutput *fs_output_begin(Session *s, const char *path, const char **err);
const char *fs_output_temp(const FsOutput *o);
bool fs_output_commit(Session *s, FsOutput *o, const char **err);
void fs_output_discard(FsOutput *o);

/* Creates dir (and its parents) if missing. */
bool fs_make_dir(Session *s, const char *dir, const char **err);

/* Removes path if it is a regular file or a symbolic link (never a
 * directory); a path that is already gone is fine. */
bool fs_remove_file(Session *s, const char *path, const char **err);

/* dir/name, without doubling a trailing slash. */
const char *fs_join(Arena *a, const char *dir, const char *name);

#endif
