/* fs: POSIX file access. Directory listings are sorted with strcmp so the
 * order of files (and so of diagnostics and outputs) does not depend on the
 * file system. */
#define _POSIX_C_SOURCE 200809L
#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

static bool fail(Arena *a, const char **err, const char *what, const char *path)
{
    *err = arena_sprintf(a, "cannot %s '%s': %s", what, path, strerror(errno));
    return false;
}

bool fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fs_add_source(Session *s, const char *path, const char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(&s->arena, err, "read", path);
    StrBuf sb = STRBUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        strbuf_add(&sb, chunk, n);
        if (sb.len > SOURCE_MAX_BYTES)
            break;
    }
    bool bad = ferror(f) != 0;
    int saved = errno;
    fclose(f);
    if (bad) {
        errno = saved;
        strbuf_release(&sb);
        return fail(&s->arena, err, "read", path);
    }
    if (sb.len > SOURCE_MAX_BYTES) {
        strbuf_release(&sb);
        *err = arena_sprintf(&s->arena, "cannot read '%s': larger than 1 GiB", path);
        return false;
    }
    session_add_source(s, path, strbuf_cstr(&sb), sb.len);
    strbuf_release(&sb);
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool fs_list_dir(Arena *a, const char *dir, PtrVec *out, const char **err)
{
    DIR *d = opendir(dir);
    if (!d)
        return fail(a, err, "open directory", dir);
    size_t first = out->len;
    size_t dl = strlen(dir);
    const char *sep = dl && dir[dl - 1] == '/' ? "" : "/";
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;   /* ., .., and hidden files such as editor backups */
        ptrvec_push(a, out, arena_sprintf(a, "%s%s%s", dir, sep, e->d_name));
    }
    closedir(d);
    if (out->len - first > 1)
        qsort(out->items + first, out->len - first, sizeof(void *), cmp_str);
    return true;
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

static bool collect(Arena *a, const char *path, PtrVec *out, const char **err, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return fail(a, err, "read", path);
    if (!S_ISDIR(st.st_mode)) {
        ptrvec_push(a, out, arena_strndup(a, path, strlen(path)));
        return true;
    }
    if (depth > 64) {
        *err = arena_sprintf(a, "directory '%s' is nested more than 64 levels deep", path);
        return false;
    }
    PtrVec entries = {0};
    if (!fs_list_dir(a, path, &entries, err))
        return false;
    for (size_t i = 0; i < entries.len; i++) {
        const char *e = entries.items[i];
        struct stat es;
        if (stat(e, &es) != 0)
            continue;   /* a dangling link is not a table */
        if (S_ISDIR(es.st_mode) || has_suffix(e, ".ptl"))
            if (!collect(a, e, out, err, depth + 1))
                return false;
    }
    return true;
}

bool fs_collect_ptl(Arena *a, const char *path, PtrVec *out, const char **err)
{
    return collect(a, path, out, err, 0);
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        len -= (size_t)w;
    }
    return true;
}

bool fs_write_atomic(Arena *a, const char *path, const char *data, size_t len, const char **err)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return fail(a, err, "write", "standard output");
        return true;
    }
    char *tmp = arena_sprintf(a, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return fail(a, err, "write", path);
    bool ok = write_all(fd, data, len) && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok) {
        /* mkstemp makes the file 0600; a report is meant to be read */
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmp, 0666 & ~mask);
        ok = rename(tmp, path) == 0;
        saved = errno;
    }
    if (!ok) {
        unlink(tmp);
        errno = saved;
        return fail(a, err, "write", path);
    }
    return true;
}

bool fs_make_dir(Arena *a, const char *dir, const char **err)
{
    char *path = arena_strndup(a, dir, strlen(dir));
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return fail(a, err, "create directory", path);
        *p = '/';
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return fail(a, err, "create directory", path);
    if (!fs_is_dir(path))
        return fail(a, err, "write into", path);
    return true;
}

const char *fs_join(Arena *a, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    return arena_sprintf(a, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

bool fs_temp_beside(Arena *a, const char *path, const char **tmp, const char **err)
{
    char *t = arena_sprintf(a, "%s.XXXXXX", path);
    int fd = mkstemp(t);
    if (fd < 0)
        return fail(a, err, "write", path);
    close(fd);
    *tmp = t;
    return true;
}

bool fs_commit(Arena *a, const char *tmp, const char *path, const char **err)
{
    mode_t mask = umask(0);
    umask(mask);
    chmod(tmp, 0666 & ~mask);
    if (rename(tmp, path) == 0)
        return true;
    int saved = errno;
    unlink(tmp);
    errno = saved;
    return fail(a, err, "write", path);
}

void fs_discard(const char *tmp)
{
    unlink(tmp);
}
