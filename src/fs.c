/* fs: POSIX file access. Directory listings are sorted with strcmp so the
 * order of files (and so of diagnostics and outputs) does not depend on the
 * file system. Files are identified by (st_dev, st_ino), never by name: a
 * name can be a link, a hard link or a "./" away from another. */
#define _XOPEN_SOURCE 700   /* realpath */
#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "encoding.h"
#include "notify.h"
#include "strbuf.h"

/* Deeper than any real tree of tables; bounds the open directory streams. */
#define WALK_DEPTH_MAX 64
/* Links followed to find what an output path names, as the kernel's own limit. */
#define LINK_HOPS_MAX 40

/* *err = fmt (a message with the path, then why) with the path and errno's
 * message, in the session's language; false. */
static bool fail(Session *s, const char **err, const char *fmt, const char *path)
{
    int e = errno;
    *err = i18n_sprintf(s, fmt, path, i18n_strerror(s->lang, e));
    return false;
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* realpath into the arena; NULL (errno set) when path cannot be resolved. */
static char *real_path(Arena *a, const char *path)
{
    char *r = realpath(path, NULL);
    if (!r)
        return NULL;
    char *copy = arena_strndup(a, r, strlen(r));
    free(r);
    return copy;
}

/* The directory part of path: "." for a bare name, "/" for "/name". */
static char *dir_of(Arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strndup(a, ".", 1);
    return arena_strndup(a, path, slash == path ? 1 : (size_t)(slash - path));
}

static bool is_within(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (strcmp(root, "/") == 0)
        return true;
    return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

static const char *kind_name(const Session *s, mode_t mode)
{
    if (S_ISFIFO(mode))
        return i18n_tr(s, "a FIFO");
    if (S_ISSOCK(mode))
        return i18n_tr(s, "a socket");
    if (S_ISCHR(mode))
        return i18n_tr(s, "a character device");
    if (S_ISBLK(mode))
        return i18n_tr(s, "a block device");
    if (S_ISDIR(mode))
        return i18n_tr(s, "a directory");
    return i18n_tr(s, "not a regular file");
}

bool fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *fs_join(Arena *a, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    return arena_sprintf(a, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names in d (hidden ones skipped: ., .., .git, editor backups), sorted. */
static void list_names(Arena *a, DIR *d, PtrVec *out)
{
    size_t first = out->len;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            ptrvec_push(a, out, arena_strndup(a, e->d_name, strlen(e->d_name)));
    if (out->len - first > 1)
        qsort(out->items + first, out->len - first, sizeof(void *), cmp_str);
}

bool fs_list_dir(Session *s, const char *dir, PtrVec *out, const char **err)
{
    Arena *a = &s->arena;
    DIR *d = opendir(dir);
    if (!d)
        return fail(s, err, N_("cannot open directory '%s': %s"), dir);
    PtrVec names = {0};
    list_names(a, d, &names);
    closedir(d);
    for (size_t i = 0; i < names.len; i++)
        ptrvec_push(a, out, (void *)fs_join(a, dir, names.items[i]));
    return true;
}

/* ===== inputs ===== */

struct FsInput {
    const char *path;       /* as shown in messages */
    const char *open;       /* what is opened: path, or for a link in a walk its real path */
    dev_t dev;              /* the identity seen when it was found; what is */
    ino_t ino;              /* opened must still be it */
    bool walked;            /* found in a walk: a regular file, opened O_NOFOLLOW */
    bool fifo;              /* named FIFO: opened blocking, as a FIFO is meant to be */
    bool dup;               /* the same file named earlier */
    size_t order;
};

static FsInput *new_input(Session *s, const char *path, const char *open, const struct stat *st,
                          bool walked)
{
    FsInput *in = arena_alloc(&s->arena, sizeof *in);
    in->path = path;
    in->open = open;
    in->dev = st->st_dev;
    in->ino = st->st_ino;
    in->walked = walked;
    in->fifo = S_ISFIFO(st->st_mode);
    return in;
}

static void push_input(PtrVec *out, Arena *a, FsInput *in)
{
    in->order = out->len;
    ptrvec_push(a, out, in);
}

static void skipped(Session *s, const char *path, const char *why)
{
    notify_report(s, SEV_WARNING, path, "skipped: %s", i18n_tr(s, why));
}

/* The real path of the link at open when it stays under root; otherwise
 * warns (naming root as root_shown) and returns NULL. */
static const char *follow_within(Session *s, const char *shown, const char *open,
                                 const char *root, const char *root_shown)
{
    char *real = real_path(&s->arena, open);
    if (!real) {
        int e = errno;
        skipped(s, shown, i18n_sprintf(s, "a symbolic link that cannot be followed (%s)",
                                       i18n_strerror(s->lang, e)));
        return NULL;
    }
    if (!is_within(real, root)) {
        /* an error, not a warning: a pull request that replaces a table by
         * such a link must not pass CI with that table simply unchecked */
        notify_report(s, SEV_ERROR, shown,
                      "not read: a symbolic link that leads outside '%s' (name what it leads to "
                      "on the command line to check it)", root_shown);
        return NULL;
    }
    return real;
}

/* A directory walk: the state that spans its recursion. */
typedef struct WalkDir {
    dev_t dev;
    ino_t ino;
    bool active;            /* being walked: an ancestor of the current entry */
} WalkDir;

typedef struct Walk {
    Session *s;
    const char *given;      /* the directory as named, for messages */
    const char *root;       /* its real path: nothing outside it is read */
    PtrVec *out;
    PtrVec dirs;            /* WalkDir *: every directory entered */
    size_t found;           /* files to read, duplicates included */
} Walk;

static WalkDir *find_dir(const Walk *w, const struct stat *st)
{
    for (size_t i = 0; i < w->dirs.len; i++) {
        WalkDir *d = w->dirs.items[i];
        if (d->dev == st->st_dev && d->ino == st->st_ino)
            return d;
    }
    return NULL;
}

static void walk_entry(Walk *w, const char *shown, const char *open, const char *name, int depth);

static void walk_dir(Walk *w, const char *shown, const char *open, const struct stat *st, int depth)
{
    Session *s = w->s;
    const WalkDir *seen = find_dir(w, st);
    if (seen) {
        /* an ancestor is a loop; a directory walked under another name is not news */
        if (seen->active)
            skipped(s, shown,
                    N_("a symbolic link back into a directory that contains it (a loop)"));
        return;
    }
    if (depth > WALK_DEPTH_MAX) {
        notify_report(s, SEV_ERROR, shown, "not read: nested more than %d directories deep",
                      WALK_DEPTH_MAX);
        return;
    }
    DIR *d = opendir(open);
    if (!d) {
        notify_report(s, SEV_ERROR, shown, "cannot read: %s", i18n_strerror(s->lang, errno));
        return;
    }
    struct stat ds;
    if (fstat(dirfd(d), &ds) != 0 || !same_file(&ds, st)) {
        closedir(d);
        notify_report(s, SEV_ERROR, shown, "cannot read: it changed while being read");
        return;
    }
    PtrVec names = {0};
    list_names(&s->arena, d, &names);
    closedir(d);
    WalkDir *me = arena_alloc(&s->arena, sizeof *me);
    *me = (WalkDir){st->st_dev, st->st_ino, true};
    ptrvec_push(&s->arena, &w->dirs, me);
    for (size_t i = 0; i < names.len; i++) {
        const char *name = names.items[i];
        walk_entry(w, fs_join(&s->arena, shown, name), fs_join(&s->arena, open, name), name, depth);
    }
    me->active = false;
}

/* A link in a walk: what it leads to (in *st) and its real path, or NULL
 * when it is skipped. Links that are neither *.ptl nor lead to a directory
 * are not tables and are passed over in silence, as other files are. */
static const char *walk_link(Walk *w, const char *shown, const char *open, bool ptl,
                             struct stat *st)
{
    if (stat(open, st) != 0) {
        if (ptl)
            skipped(w->s, shown, errno == ENOENT ? N_("a symbolic link to nothing")
                                                 : N_("a symbolic link that cannot be followed"));
        return NULL;
    }
    if (!ptl && !S_ISDIR(st->st_mode))
        return NULL;
    return follow_within(w->s, shown, open, w->root, w->given);
}

static void walk_entry(Walk *w, const char *shown, const char *open, const char *name, int depth)
{
    struct stat st;
    if (lstat(open, &st) != 0)
        return;     /* gone since the listing */
    bool ptl = has_suffix(name, ".ptl");
    if (S_ISLNK(st.st_mode)) {
        open = walk_link(w, shown, open, ptl, &st);
        if (!open)
            return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (ptl)
            skipped(w->s, shown, N_("a directory, not a table"));
        else
            walk_dir(w, shown, open, &st, depth + 1);
        return;
    }
    if (!ptl)
        return;
    if (!S_ISREG(st.st_mode)) {
        skipped(w->s, shown, i18n_sprintf(w->s, "%s, not a regular file",
                                          kind_name(w->s, st.st_mode)));
        return;
    }
    w->found++;
    push_input(w->out, &w->s->arena, new_input(w->s, shown, open, &st, true));
}

static void walk_root(Session *s, const char *given, const struct stat *st, PtrVec *out)
{
    Walk w = {s, given, real_path(&s->arena, given), out, {0}, 0};
    if (!w.root) {
        notify_report(s, SEV_ERROR, given, "cannot read: %s", i18n_strerror(s->lang, errno));
        return;
    }
    walk_dir(&w, given, w.root, st, 0);
    if (w.found == 0)
        notify_report(s, SEV_ERROR, given, "no .ptl files to check under this directory");
}

/* Why a named path that is not a directory cannot be read, or NULL. */
static const char *named_refusal(Session *s, const struct stat *st)
{
    if (S_ISREG(st->st_mode) || S_ISFIFO(st->st_mode))
        return NULL;
    return i18n_sprintf(s, "%s is not a table", kind_name(s, st->st_mode));
}

FsInput *fs_named_file(Session *s, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        notify_report(s, SEV_ERROR, path, "cannot read: %s", i18n_strerror(s->lang, errno));
        return NULL;
    }
    const char *why = named_refusal(s, &st);
    if (why) {
        notify_report(s, SEV_ERROR, path, "not read: %s", why);
        return NULL;
    }
    return new_input(s, path, path, &st, false);
}

FsInput *fs_contained_file(Session *s, const char *path, const char *root)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        notify_report(s, SEV_ERROR, path, "cannot read: %s", i18n_strerror(s->lang, errno));
        return NULL;
    }
    const char *open = path;
    if (S_ISLNK(st.st_mode)) {
        if (stat(path, &st) != 0) {
            skipped(s, path, N_("a symbolic link to nothing"));
            return NULL;
        }
        open = follow_within(s, path, path, root, root);
        if (!open)
            return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        skipped(s, path, i18n_sprintf(s, "%s, not a regular file", kind_name(s, st.st_mode)));
        return NULL;
    }
    return new_input(s, path, open, &st, true);
}

static int cmp_identity(const void *a, const void *b)
{
    const FsInput *x = *(FsInput *const *)a, *y = *(FsInput *const *)b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Drops every file named again after its first naming, keeping the order. */
static void dedupe(Arena *a, PtrVec *v)
{
    if (v->len < 2)
        return;
    FsInput **sorted = arena_alloc(a, v->len * sizeof *sorted);
    memcpy(sorted, v->items, v->len * sizeof *sorted);
    qsort(sorted, v->len, sizeof *sorted, cmp_identity);
    for (size_t i = 1; i < v->len; i++)
        sorted[i]->dup = sorted[i]->dev == sorted[i - 1]->dev && sorted[i]->ino == sorted[i - 1]->ino;
    size_t k = 0;
    for (size_t i = 0; i < v->len; i++)
        if (!((FsInput *)v->items[i])->dup)
            v->items[k++] = v->items[i];
    v->len = k;
}

void fs_collect_inputs(Session *s, const char *const *paths, size_t n, PtrVec *out)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            walk_root(s, paths[i], &st, out);
            continue;
        }
        FsInput *in = fs_named_file(s, paths[i]);
        if (in)
            push_input(out, &s->arena, in);
    }
    dedupe(&s->arena, out);
}

/* Reads fd to its end; NULL, or why not. */
static const char *read_fd(int fd, StrBuf *sb)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return strerror(errno);
        if (n == 0)
            return NULL;
        strbuf_add(sb, chunk, (size_t)n);
        if (sb->len > SOURCE_MAX_BYTES)
            return N_("larger than 1 GiB");
    }
}

/* Checks what fd is against what in was when found, into *st; NULL, or
 * why not. */
static const char *check_opened(int fd, const FsInput *in, struct stat *st)
{
    if (fstat(fd, st) != 0)
        return strerror(errno);
    if (st->st_dev != in->dev || st->st_ino != in->ino)
        return N_("it changed while being read");
    if (!S_ISREG(st->st_mode) && !(in->fifo && S_ISFIFO(st->st_mode)))
        return N_("not a regular file");
    if (S_ISREG(st->st_mode) && st->st_size > (off_t)SOURCE_MAX_BYTES)
        return N_("larger than 1 GiB");
    return NULL;
}

/* A table saved as GB18030 or UTF-16 (encoding.h) is checked as its
 * UTF-8 text, with a warning naming the encoding, rather than refused: the
 * encoding is the editor's choice, not a mistake in the table. Text that
 * does not convert whole is added as read, and its bytes are reported. */
/* bytes[0..len) as read; in_arena: they are in s->arena with SRC_SLACK
 * NULs after them, and become the source without a copy. */
static void add_read(Session *s, const char *path, char *bytes, size_t len, bool in_arena,
                     bool decode)
{
    /* a table that is valid UTF-8 is checked so once, here: the parser
       is told, and does not check it again. NULs are valid UTF-8 but the
       mark of UTF-16 (its ASCII), which encoding_detect tells apart. */
    bool valid = decode && !memchr(bytes, '\0', len) && utf8_valid_len(bytes, len) == len;
    Encoding e = decode && !valid ? encoding_detect(bytes, len) : ENC_UTF8;
    size_t n = 0;
    char *text = e == ENC_UTF8 ? NULL : encoding_to_utf8(&s->arena, e, bytes, len, &n);
    if (text)
        notify_report(s, SEV_WARNING, path, "read as %s: the file is not UTF-8 text; it is checked "
                                            "as converted to UTF-8", encoding_name(e));
    uint32_t at = text ? session_add_source(s, path, text, n)
                  : in_arena ? session_adopt_source(s, path, bytes, len)
                             : session_add_source(s, path, bytes, len);
    ((SourceFile *)s->files.items[at])->utf8_valid = valid;
}

/* A regular file of size bytes read straight into the arena, with the
 * NULs a source ends with: the one copy of its text. NULL, or why not. */
static const char *read_regular(int fd, Arena *a, size_t size, char **out)
{
    char *buf = arena_alloc(a, size + SRC_SLACK);
    size_t got = 0;
    for (;;) {
        /* one byte more than fstat said, to see the file grow meanwhile */
        ssize_t n = read(fd, buf + got, size + 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return strerror(errno);
        if (n == 0)
            break;
        got += (size_t)n;
        if (got > size)
            return N_("it changed while being read");
    }
    if (got != size)
        return N_("it changed while being read");
    buf[size] = '\0';
    *out = buf;
    return NULL;
}

/* Opens and reads in as a source; NULL, or why not. Only a named FIFO may
 * block on open: anything else is opened O_NONBLOCK, so a FIFO or device
 * swapped in after the walk's check cannot hang the run, and then refused
 * by check_opened. */
static const char *load(Session *s, FsInput *in, bool decode)
{
    int flags = O_RDONLY | O_CLOEXEC | (in->fifo ? 0 : O_NONBLOCK) | (in->walked ? O_NOFOLLOW : 0);
    int fd = open(in->open, flags);
    if (fd < 0)
        return strerror(errno);
    struct stat st;
    const char *why = check_opened(fd, in, &st);
    if (!why && S_ISREG(st.st_mode)) {
        ptrvec_push(&s->arena, &s->read_files, in);
        char *bytes = NULL;
        why = read_regular(fd, &s->arena, (size_t)st.st_size, &bytes);
        if (!why)
            add_read(s, in->path, bytes, (size_t)st.st_size, true, decode);
    } else if (!why) {
        ptrvec_push(&s->arena, &s->read_files, in);
        StrBuf sb = STRBUF_INIT;
        why = read_fd(fd, &sb);
        if (!why)
            add_read(s, in->path, sb.buf ? sb.buf : (char *)"", sb.len, false, decode);
        strbuf_release(&sb);
    }
    if (why)
        why = arena_strndup(&s->arena, why, strlen(why));   /* strerror's buffer is not ours */
    close(fd);
    return why;
}

static bool read_input(Session *s, FsInput *in, bool decode)
{
    const char *why = load(s, in, decode);
    if (why)
        notify_report(s, SEV_ERROR, in->path, "cannot read: %s", i18n_tr(s, why));
    return !why;
}

bool fs_read_input(Session *s, FsInput *in)
{
    return read_input(s, in, false);
}

bool fs_read_source(Session *s, FsInput *in)
{
    return read_input(s, in, true);
}

bool fs_read_stdin_source(Session *s, const char *name)
{
    StrBuf sb = STRBUF_INIT;
    const char *why = read_fd(STDIN_FILENO, &sb);
    if (why)
        notify_report(s, SEV_ERROR, name, "cannot read standard input: %s", i18n_tr(s, why));
    else
        add_read(s, arena_strndup(&s->arena, name, strlen(name)), sb.buf ? sb.buf : (char *)"",
                 sb.len, false, true);
    strbuf_release(&sb);
    return !why;
}

bool fs_add_source(Session *s, const char *path, const char **err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return fail(s, err, N_("cannot read '%s': %s"), path);
    const char *why = S_ISREG(st.st_mode) ? load(s, new_input(s, path, path, &st, false), false)
                                           : N_("not a regular file");
    if (why)
        *err = i18n_sprintf(s, "cannot read '%s': %s", path, i18n_tr(s, why));
    return !why;
}

/* ===== temporary files and signals ===== */

/* Process-level by nature: a signal handler sees only static storage, and a
 * signal ends the process, not one session. Each used slot names a temp
 * file that exists right now; the handler unlinks them (unlink is
 * async-signal-safe), restores the default action and re-raises, so the
 * run still ends by the signal. The main line blocks these signals while
 * it creates, renames or removes a temp file, so a slot is never half
 * written when the handler reads it. */
#define LIVE_MAX 4
static char live_name[LIVE_MAX][PATH_MAX];
static volatile sig_atomic_t live_used[LIVE_MAX];
static bool handlers_installed;
/* SIGPIPE too: a reader of a FIFO target that goes away mid-copy */
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

static void on_signal(int sig)
{
    for (int i = 0; i < LIVE_MAX; i++)
        if (live_used[i])
            unlink(live_name[i]);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);     /* delivered, with the default action, when the handler returns */
}

static void cleanup_set(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < ARRAY_LEN(cleanup_signals); i++)
        sigaddset(set, cleanup_signals[i]);
}

static void install_handlers(void)
{
    if (handlers_installed)
        return;
    handlers_installed = true;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    cleanup_set(&sa.sa_mask);
    for (size_t i = 0; i < ARRAY_LEN(cleanup_signals); i++) {
        struct sigaction old;
        /* an ignored signal stays ignored: nohup, a shell's background job */
        if (sigaction(cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

static void block_cleanup(sigset_t *old)
{
    sigset_t set;
    cleanup_set(&set);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void restore_mask(const sigset_t *old, int saved_errno)
{
    sigprocmask(SIG_SETMASK, old, NULL);
    errno = saved_errno;
}

/* mkstemp on template (ending in XXXXXX), the file registered for removal
 * on a signal. Returns the descriptor (or -1, errno set), its name and slot. */
static int temp_create(Arena *a, const char *template, const char **name, int *slot)
{
    size_t n = strlen(template);
    if (n >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    install_handlers();
    sigset_t old;
    block_cleanup(&old);
    int i = 0;
    while (i < LIVE_MAX && live_used[i])
        i++;
    if (i == LIVE_MAX)
        BUG("more live temporary files than LIVE_MAX");
    memcpy(live_name[i], template, n + 1);
    int fd = mkstemp(live_name[i]);
    if (fd >= 0)
        live_used[i] = 1;
    restore_mask(&old, errno);
    if (fd >= 0) {
        *name = arena_strndup(a, live_name[i], n);
        *slot = i;
    }
    return fd;
}

static bool temp_rename(int slot, const char *to)
{
    sigset_t old;
    block_cleanup(&old);
    bool ok = rename(live_name[slot], to) == 0;
    if (ok)
        live_used[slot] = 0;
    restore_mask(&old, errno);
    return ok;
}

static void temp_remove(int slot)
{
    sigset_t old;
    block_cleanup(&old);
    unlink(live_name[slot]);
    live_used[slot] = 0;
    restore_mask(&old, errno);
}

/* ===== outputs ===== */

typedef enum TargetKind {
    TARGET_CREATE,          /* nothing there yet: a new file */
    TARGET_REPLACE,         /* a regular file, replaced by rename */
    TARGET_DIRECT,          /* a device, FIFO or socket, opened and written */
    TARGET_STREAM           /* our own standard output or error */
} TargetKind;

typedef struct Target {
    TargetKind kind;
    const char *shown;      /* as named, for messages */
    const char *file;       /* CREATE, REPLACE, DIRECT: links resolved */
    struct stat old;        /* REPLACE: whose mode and owner the new file keeps */
    FILE *stream;           /* STREAM */
} Target;

static bool target_fail(Session *s, const Target *t, const char **err)
{
    if (t->kind == TARGET_STREAM && t->stream == stdout)
        return fail(s, err, N_("cannot write '%s': %s"), i18n_tr(s, "standard output"));
    return fail(s, err, N_("cannot write '%s': %s"), t->shown);
}

/* True when the link at path lives in /proc, whose links (/proc/self/fd/1,
 * what /dev/stdout leads to) are handles on open files, not names to
 * resolve and replace. */
static bool is_handle(Arena *a, const char *path)
{
    const char *dir = real_path(a, dir_of(a, path));
    return dir && (strcmp(dir, "/proc") == 0 || strncmp(dir, "/proc/", 6) == 0);
}

/* What the link at path names, relative to the link's own directory. */
static const char *link_target(Arena *a, const char *path, const struct stat *st)
{
    size_t cap = st->st_size > 0 ? (size_t)st->st_size + 1 : PATH_MAX;
    char *buf = arena_alloc(a, cap);
    ssize_t n = readlink(path, buf, cap - 1);
    if (n < 0)
        return NULL;
    buf[n] = '\0';
    return buf[0] == '/' ? buf : fs_join(a, dir_of(a, path), buf);
}

/* A /proc handle: our standard output or error is written as such (so a
 * redirection's O_APPEND and offset hold); anything else is opened. */
static bool resolve_handle(Session *s, const char *p, Target *t, const char **err)
{
    struct stat st, own;
    if (stat(p, &st) != 0)
        return target_fail(s, t, err);
    if (fstat(STDOUT_FILENO, &own) == 0 && same_file(&st, &own)) {
        t->kind = TARGET_STREAM;
        t->stream = stdout;
    } else if (fstat(STDERR_FILENO, &own) == 0 && same_file(&st, &own)) {
        t->kind = TARGET_STREAM;
        t->stream = stderr;
    } else if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return target_fail(s, t, err);
    } else {
        t->kind = TARGET_DIRECT;
        t->file = p;
        t->old = st;
    }
    return true;
}

/* A link the output path went through must not lead out of the working
 * directory: in CI the working directory is the checkout of a pull request,
 * which could plant out/report.json -> ~/.bashrc where the build writes. */
static bool link_stays_inside(Session *s, const Target *t, const char **err)
{
    Arena *a = &s->arena;
    const char *cwd = real_path(a, ".");
    const char *dir = real_path(a, dir_of(a, t->file));
    if (cwd && dir && is_within(dir, cwd))
        return true;
    *err = i18n_sprintf(s, "refusing to write '%s': it is a symbolic link that leads out of "
                           "the working directory (to '%s')", t->shown, t->file);
    return false;
}

/* Follows path's links to what an output must do there. A link is written
 * through (its target is created or replaced, and the link stays a link)
 * when it leads to a place inside the working directory. */
static bool resolve_target(Session *s, const char *path, Target *t, const char **err)
{
    Arena *a = &s->arena;
    memset(t, 0, sizeof *t);
    t->shown = path;
    if (strcmp(path, "-") == 0) {
        t->kind = TARGET_STREAM;
        t->stream = stdout;
        return true;
    }
    const char *p = path;
    for (int hop = 0; hop <= LINK_HOPS_MAX; hop++) {
        struct stat st;
        if (lstat(p, &st) != 0) {
            if (errno != ENOENT)
                return target_fail(s, t, err);
            t->kind = TARGET_CREATE;
            t->file = p;
            return hop == 0 || link_stays_inside(s, t, err);
        }
        if (S_ISLNK(st.st_mode) && is_handle(a, p))
            return resolve_handle(s, p, t, err);
        if (S_ISLNK(st.st_mode)) {
            if (!(p = link_target(a, p, &st)))
                return target_fail(s, t, err);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            return target_fail(s, t, err);
        }
        t->kind = S_ISREG(st.st_mode) ? TARGET_REPLACE : TARGET_DIRECT;
        t->file = p;
        t->old = st;
        return hop == 0 || link_stays_inside(s, t, err);
    }
    errno = ELOOP;
    return target_fail(s, t, err);
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return false;
        }
        data += w;
        len -= (size_t)w;
    }
    return true;
}

/* Into a device, FIFO or stream: no temp file, nothing replaced. A handle
 * on someone's regular file is truncated first, so no old tail remains. */
static bool write_direct(Session *s, const Target *t, const char *data, size_t len,
                         const char **err)
{
    if (t->kind == TARGET_STREAM) {
        if (fwrite(data, 1, len, t->stream) != len || fflush(t->stream) != 0)
            return target_fail(s, t, err);
        return true;
    }
    int fd = open(t->file, O_WRONLY | O_CLOEXEC | (S_ISREG(t->old.st_mode) ? O_TRUNC : 0));
    if (fd < 0)
        return target_fail(s, t, err);
    bool ok = write_all(fd, data, len);
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (!ok)
        errno = saved;
    return ok || target_fail(s, t, err);
}

/* A replaced report keeps its mode (and owner and group, as root, where
 * the kernel allows: EPERM in a user namespace is not a failure); a new
 * one is 0666 & ~umask, as any file the user creates. */
static bool set_mode(int fd, const Target *t)
{
    if (t->kind == TARGET_REPLACE) {
        if (geteuid() == 0 && fchown(fd, t->old.st_uid, t->old.st_gid) != 0 && errno != EPERM
            && errno != EINVAL)
            return false;
        return fchmod(fd, t->old.st_mode & 07777) == 0;
    }
    mode_t mask = umask(0);
    umask(mask);
    return fchmod(fd, 0666 & ~mask) == 0;
}

static bool beside(const Target *t)
{
    return t->kind == TARGET_CREATE || t->kind == TARGET_REPLACE;
}

static const char *temp_template(Arena *a, const Target *t)
{
    if (beside(t))
        return arena_sprintf(a, "%s.XXXXXX", t->file);
    const char *dir = getenv("TMPDIR");
    return fs_join(a, dir && *dir ? dir : "/tmp", "ptlc-XXXXXX");
}

static bool exists_fail(Session *s, const Target *t, const char **err)
{
    *err = i18n_sprintf(s, "not writing '%s': it already exists, and is kept as it is (choose "
                           "another name, or remove the file first)", t->shown);
    return false;
}

/* Puts the finished temp file at t->file. A new file that must not replace
 * one is linked there, which fails when the name exists even if it was
 * created a moment ago, and the temp name removed; rename would replace it.
 * Where the file system has no hard links (FAT, some network mounts), the
 * name is looked at once more and the temp file renamed: the moment
 * between the two is the only one another file could be lost in. */
static bool temp_place(Session *s, int slot, const Target *t, bool keep_existing,
                       const char **err)
{
    if (!keep_existing)
        return temp_rename(slot, t->file) || target_fail(s, t, err);
    if (link(live_name[slot], t->file) == 0) {
        temp_remove(slot);
        return true;
    }
    int e = errno;
    struct stat st;
    if (e == EEXIST || lstat(t->file, &st) == 0) {
        temp_remove(slot);
        return exists_fail(s, t, err);
    }
    if (e != EPERM && e != ENOTSUP && e != EOPNOTSUPP && e != EMLINK && e != ENOSYS) {
        temp_remove(slot);
        errno = e;
        return target_fail(s, t, err);
    }
    return temp_rename(slot, t->file) || target_fail(s, t, err);
}

static bool write_file(Session *s, const char *path, const char *data, size_t len,
                       bool keep_existing, const char **err)
{
    Arena *a = &s->arena;
    Target t;
    if (!resolve_target(s, path, &t, err))
        return false;
    if (keep_existing && t.kind == TARGET_REPLACE)
        return exists_fail(s, &t, err);
    if (!beside(&t))
        return write_direct(s, &t, data, len, err);
    const char *tmp;
    int slot;
    int fd = temp_create(a, temp_template(a, &t), &tmp, &slot);
    if (fd < 0)
        return target_fail(s, &t, err);
    bool ok = set_mode(fd, &t) && write_all(fd, data, len) && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (!ok) {
        temp_remove(slot);
        errno = saved;
        return target_fail(s, &t, err);
    }
    if (!temp_place(s, slot, &t, keep_existing, err)) {
        if (live_used[slot])
            temp_remove(slot);
        return false;
    }
    return true;
}

bool fs_write_atomic(Session *s, const char *path, const char *data, size_t len,
                     const char **err)
{
    return write_file(s, path, data, len, false, err);
}

bool fs_write_new(Session *s, const char *path, const char *data, size_t len, const char **err)
{
    return write_file(s, path, data, len, true, err);
}

struct FsOutput {
    Target target;
    const char *tmp;
    int slot;
};

FsOutput *fs_output_begin(Session *s, const char *path, const char **err)
{
    Arena *a = &s->arena;
    FsOutput *o = arena_alloc(a, sizeof *o);
    if (!resolve_target(s, path, &o->target, err))
        return NULL;
    int fd = temp_create(a, temp_template(a, &o->target), &o->tmp, &o->slot);
    if (fd < 0) {
        target_fail(s, &o->target, err);
        return NULL;
    }
    close(fd);
    return o;
}

const char *fs_output_temp(const FsOutput *o)
{
    return o->tmp;
}

/* The finished temp file gets its mode only now: the writer reopens it by
 * name, which a read-only mode (0444 kept from the old file) would forbid. */
static bool finish_temp(const char *path, const Target *t)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = set_mode(fd, t) && fsync(fd) == 0;
    int saved = errno;
    close(fd);
    errno = saved;
    return ok;
}

/* A device or stream target: the finished temp file's bytes, copied in. */
static bool copy_into(Session *s, const FsOutput *o, const char **err)
{
    int fd = open(o->tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return target_fail(s, &o->target, err);
    StrBuf sb = STRBUF_INIT;
    const char *why = read_fd(fd, &sb);
    close(fd);
    bool ok = !why;
    if (why)
        *err = i18n_sprintf(s, "cannot write '%s': %s", o->target.shown, i18n_tr(s, why));
    else
        ok = write_direct(s, &o->target, strbuf_cstr(&sb), sb.len, err);
    strbuf_release(&sb);
    return ok;
}

bool fs_output_commit(Session *s, FsOutput *o, const char **err)
{
    if (!beside(&o->target)) {
        bool ok = copy_into(s, o, err);
        temp_remove(o->slot);
        return ok;
    }
    if (finish_temp(o->tmp, &o->target) && temp_rename(o->slot, o->target.file))
        return true;
    int saved = errno;
    temp_remove(o->slot);
    errno = saved;
    return target_fail(s, &o->target, err);
}

void fs_output_discard(FsOutput *o)
{
    temp_remove(o->slot);
}

bool fs_check_not_input(Session *s, const char *path, const char **err)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
        return true;
    for (size_t i = 0; i < s->read_files.len; i++) {
        const FsInput *in = s->read_files.items[i];
        if (in->dev == st.st_dev && in->ino == st.st_ino) {
            *err = i18n_sprintf(s, "refusing to write '%s': it is the input '%s'", path,
                                in->path);
            return false;
        }
    }
    return true;
}

bool fs_make_dir(Session *s, const char *dir, const char **err)
{
    char *path = arena_strndup(&s->arena, dir, strlen(dir));
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return fail(s, err, N_("cannot create directory '%s': %s"), path);
        *p = '/';
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return fail(s, err, N_("cannot create directory '%s': %s"), path);
    if (!fs_is_dir(path))
        return fail(s, err, N_("cannot write into '%s': %s"), path);
    return true;
}

bool fs_remove_file(Session *s, const char *path, const char **err)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT || fail(s, err, N_("cannot remove '%s': %s"), path);
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
        return true;
    if (unlink(path) != 0 && errno != ENOENT)
        return fail(s, err, N_("cannot remove '%s': %s"), path);
    return true;
}
