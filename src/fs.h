/* fs: the file system edge. Reading whole files, walking directories in a
 * stable (sorted) order, and writing outputs atomically (temp file + rename)
 * so a failed run never leaves a truncated report. Errors come back as
 * arena text for the caller to print; nothing here exits. */
#ifndef PTL_FS_H
#define PTL_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "session.h"

/* True when path names a directory. */
bool fs_is_dir(const char *path);

/* Reads path into the session as a source. */
bool fs_add_source(Session *s, const char *path, const char **err);

/* Appends the paths (dir/name) of the entries of dir, sorted by name. */
bool fs_list_dir(Arena *a, const char *dir, PtrVec *out, const char **err);

/* Appends every .ptl file under path (a file is taken as is; a directory
 * is searched recursively, hidden entries skipped), sorted. */
bool fs_collect_ptl(Arena *a, const char *path, PtrVec *out, const char **err);

/* Writes len bytes to path atomically: a temp file in the same directory,
 * fsync, rename. path "-" means standard output. */
bool fs_write_atomic(Arena *a, const char *path, const char *data, size_t len, const char **err);

/* Creates dir (and its parents) if missing. */
bool fs_make_dir(Arena *a, const char *dir, const char **err);

/* dir/name, without doubling a trailing slash. */
const char *fs_join(Arena *a, const char *dir, const char *name);

/* For writers that need a path (libxlsxwriter): creates an empty temporary
 * file beside path and returns its name; fs_commit renames it over path,
 * fs_discard removes it. */
bool fs_temp_beside(Arena *a, const char *path, const char **tmp, const char **err);
bool fs_commit(Arena *a, const char *tmp, const char *path, const char **err);
void fs_discard(const char *tmp);

#endif
