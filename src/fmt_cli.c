/* fmt_cli: the `ptlc fmt` command around fmt_file. Inputs are found as
 * `ptlc check` finds them (fs_collect_inputs: the same walk, links, FIFOs
 * and devices), each file is formatted in a session of its own (one file's
 * syntax errors do not count against another's --max-errors), and a file
 * is rewritten only when its text changes, atomically (fs_write_atomic). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmt.h"
#include "fs.h"
#include "i18n.h"
#include "notify.h"

enum { EXIT_CLEAN = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

typedef enum FmtMode { MODE_PRINT, MODE_WRITE, MODE_CHECK } FmtMode;

const char fmt_help_text[] = N_(
    "usage: ptlc fmt [-w | --check] [--keywords zh|en] PATH...\n"
    "\n"
    "Prints the tables in their one canonical layout (docs/language.md,\n"
    "\"Formatting\"): 4-space indentation, one statement per line, the columns\n"
    "of consecutive indicator, budget and result lines aligned, comments where\n"
    "they were. Strings, numbers and names stay as written, and every table\n"
    "reads exactly as before. A PATH is a .ptl file, a directory (every .ptl\n"
    "under it, walked as 'ptlc check' walks it) or '-' (standard input, alone).\n"
    "A file with syntax errors is left untouched and its errors are reported\n"
    "(--check only says its layout was not checked). A file that says\n"
    "'ptlc-fmt: off' in a line comment keeps its own layout.\n"
    "\n"
    "options:\n"
    "  -w, --write             rewrite in place each file whose layout changes\n"
    "                          (atomically: a temporary file renamed over it)\n"
    "  --check                 write nothing; name each file whose layout would\n"
    "                          change, and exit 1 if there is one\n"
    "  --keywords zh|en        spell every keyword in Chinese (部门, 年度 ...) or\n"
    "                          in English (department, year ...)\n"
    "\n"
    "Exit status: 0 done (--check: no file would change), 1 a file would\n"
    "change (--check) or has syntax errors (without --check), 2 usage or I/O\n"
    "failure.\n");

typedef struct FmtRun {
    Session *s;                 /* inputs and notifications */
    FmtMode mode;
    FmtOptions opt;
    StrBuf report;              /* syntax errors, in the human format */
    size_t errors;              /* syntax errors reported */
    bool changed;               /* --check: a file would change */
    bool failed;                /* an output could not be written */
    bool too_many;
} FmtRun;

/* The language of the command's messages (the command line's, as in main.c). */
static Lang fmt_lang = LANG_EN;

/* A usage error: fmt with the argument neutralised (a file name may hold
 * escape sequences). */
static int usage_error(const char *fmt, const char *arg)
{
    StrBuf shown = STRBUF_INIT;
    if (arg)
        notify_safe(&shown, arg);
    fprintf(stderr, "ptlc: error: ");
    fprintf(stderr, i18n_format(fmt_lang, fmt), strbuf_cstr(&shown));
    fprintf(stderr, "\n%s\n", i18n_gettext(fmt_lang, "Try 'ptlc help fmt' for more information."));
    strbuf_release(&shown);
    return EXIT_USAGE;
}

static int parse_fmt_args(int argc, char **argv, FmtRun *r, PtrVec *paths)
{
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-w") == 0 || strcmp(a, "--write") == 0) {
            r->mode = r->mode == MODE_CHECK ? (FmtMode)-1 : MODE_WRITE;
        } else if (strcmp(a, "--check") == 0) {
            r->mode = r->mode == MODE_WRITE ? (FmtMode)-1 : MODE_CHECK;
        } else if (strncmp(a, "--keywords", 10) == 0 && (a[10] == '=' || a[10] == '\0')) {
            const char *v = a[10] == '=' ? a + 11 : i + 1 < argc ? argv[++i] : NULL;
            if (!v)
                return usage_error("option '%s' needs a value", "--keywords");
            if (strcmp(v, "zh") && strcmp(v, "en"))
                return usage_error("--keywords takes zh or en, not '%s'", v);
            r->opt.keywords = v[0] == 'z' ? FMT_KEYWORDS_ZH : FMT_KEYWORDS_EN;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option '%s' for fmt (-w, --check or --keywords)", a);
        } else {
            ptrvec_push(&r->s->arena, paths, (void *)a);
        }
        if ((int)r->mode == -1)
            return usage_error("-w and --check cannot be used together", NULL);
    }
    if (paths->len == 0)
        return usage_error("no input: give .ptl files or directories, or '-' for standard input", NULL);
    for (size_t i = 0; i < paths->len; i++)
        if (strcmp(paths->items[i], "-") == 0 && paths->len > 1)
            return usage_error("'-' (standard input) cannot be given with other paths", NULL);
        else if (strcmp(paths->items[i], "-") == 0 && r->mode == MODE_WRITE)
            return usage_error("-w cannot rewrite standard input", NULL);
    return EXIT_CLEAN;
}

/* Reads standard input as the session's next source, shown as <stdin>. */
static bool read_stdin(Session *s)
{
    StrBuf sb = STRBUF_INIT;
    char chunk[65536];
    const char *why = NULL;
    for (;;) {
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            why = n < 0 ? strerror(errno) : NULL;
            break;
        }
        strbuf_add(&sb, chunk, (size_t)n);
        if (sb.len > SOURCE_MAX_BYTES) {
            why = "larger than 1 GiB";
            break;
        }
    }
    if (why)
        notify_report(s, SEV_ERROR, "<stdin>", "cannot read: %s", why);
    else
        session_add_source(s, "<stdin>", strbuf_cstr(&sb), sb.len);
    strbuf_release(&sb);
    return !why;
}

/* The syntax (and encoding) errors of a file that was left untouched. */
static void report_syntax(FmtRun *r, Session *fs)
{
    RenderOptions ro = {false, COLUMN_CODEPOINT};
    const char *nc = getenv("NO_COLOR");
    ro.color = (!nc || !*nc) && isatty(STDERR_FILENO);
    diag_sort(fs);
    for (size_t i = 0; i < fs->diags.len; i++) {
        const Diag *d = fs->diags.items[i];
        if (d->rule != RULE_SYNTAX && d->rule != RULE_ENCODING)
            continue;
        diag_render_one(fs, d, &r->report, ro);
        r->errors++;
    }
    r->too_many |= fs->too_many;
}

/* -w rewrites only regular files (a link is written through to one). */
static void rewrite(FmtRun *r, const char *path, const StrBuf *text)
{
    struct stat st;
    const char *err = NULL;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        notify_report(r->s, SEV_ERROR, path, "not rewritten: -w rewrites regular files only");
        r->failed = true;
    } else if (!fs_write_atomic(r->s, path, strbuf_cstr(text), text->len, &err)) {
        notify_report(r->s, SEV_ERROR, NULL, "%s", err);
        r->failed = true;
    }
}

/* A file may keep its own layout: `ptlc-fmt: off` in a line comment of it (a test of the parser on an unusual layout, a table laid out as its
 * form is printed), as `// clang-format off` does for C. */
static bool layout_kept(const SourceFile *src)
{
    static const char mark[] = "ptlc-fmt: off";
    size_t n = sizeof mark - 1;
    for (size_t i = 0, line = 0; i + n <= src->len; i++) {
        char c = src->text[i];
        if (c == '\n' || c == '\r')
            line = i + 1;
        else if (c == 'p' && memcmp(src->text + i, mark, n) == 0)
            for (size_t k = line; k + 1 < i; k++)
                if (src->text[k] == '/' && src->text[k + 1] == '/')
                    return true;    /* in a line comment */
    }
    return false;
}

static void format_one(FmtRun *r, const SourceFile *src)
{
    if (layout_kept(src)) {
        if (r->mode == MODE_PRINT && fwrite(src->text, 1, src->len, stdout) != src->len)
            r->failed = true;
        return;
    }
    Session fs;
    session_init(&fs);
    fs.lang = fmt_lang;
    uint32_t id = session_add_source(&fs, src->path, src->text, src->len);
    StrBuf out = STRBUF_INIT;
    FmtStatus st = fmt_file(&fs, id, &r->opt, &out);
    bool same = st == FMT_OK && out.len == src->len && memcmp(out.buf ? out.buf : "", src->text, src->len) == 0;
    if (st == FMT_SYNTAX && r->mode == MODE_CHECK) {
        /* a file that does not parse is never changed by fmt: --check says
           so once and leaves its errors to ptlc check */
        notify_report(r->s, SEV_WARNING, src->path,
                      "layout not checked: the file has syntax errors ('ptlc check' shows them)");
    } else if (st == FMT_SYNTAX) {
        report_syntax(r, &fs);
    } else if (st == FMT_INTERNAL) {
        notify_report(r->s, SEV_ERROR, src->path,
                      "not formatted: ptlc could not lay it out without changing how it reads "
                      "(a bug in ptlc fmt; the file is left as it is)");
    } else if (r->mode == MODE_PRINT) {
        if (fwrite(out.buf ? out.buf : "", 1, out.len, stdout) != out.len)
            r->failed = true;
    } else if (!same && r->mode == MODE_CHECK) {
        StrBuf name = STRBUF_INIT;
        notify_safe(&name, src->path);
        printf("%s\n", strbuf_cstr(&name));
        strbuf_release(&name);
        r->changed = true;
    } else if (!same) {
        rewrite(r, src->path, &out);
    }
    strbuf_release(&out);
    session_free(&fs);
}

static int run_fmt(FmtRun *r, const PtrVec *paths)
{
    if (strcmp(paths->items[0], "-") == 0) {
        read_stdin(r->s);
    } else {
        PtrVec inputs = {0};
        fs_collect_inputs(r->s, (const char *const *)paths->items, paths->len, &inputs);
        for (size_t i = 0; i < inputs.len; i++)
            fs_read_input(r->s, inputs.items[i]);
    }
    for (size_t i = 0; i < r->s->files.len; i++)
        format_one(r, session_file(r->s, (uint32_t)i));
    if (fflush(stdout) != 0 || ferror(stdout)) {
        notify_report(r->s, SEV_ERROR, NULL, "cannot write to standard output: %s", strerror(errno));
        r->failed = true;
    }
    StrBuf err = STRBUF_INIT;
    RenderOptions ro = {false, COLUMN_CODEPOINT};
    notify_render_human(r->s, &err, ro);
    strbuf_add(&err, r->report.buf ? r->report.buf : "", r->report.len);
    if (r->too_many)
        strbuf_adds(&err, i18n_gettext(fmt_lang, "ptlc: too many errors in a file; the rest of it was not read\n"));
    if (r->errors)
        strbuf_addf(&err, i18n_ngettext(fmt_lang, "%zu error generated; a file with syntax errors is left untouched.\n",
                                        "%zu errors generated; a file with syntax errors is left untouched.\n",
                                        r->errors), r->errors);
    fwrite(err.buf ? err.buf : "", 1, err.len, stderr);
    strbuf_release(&err);
    if (r->failed || notify_count(r->s, SEV_ERROR) > 0)
        return EXIT_USAGE;
    return r->errors || r->changed ? EXIT_ERRORS : EXIT_CLEAN;
}

int fmt_command(int argc, char **argv, Lang lang)
{
    fmt_lang = lang;
    Session s;
    session_init(&s);
    s.lang = lang;
    FmtRun r = {0};
    r.s = &s;
    PtrVec paths = {0};
    int rc = parse_fmt_args(argc, argv, &r, &paths);
    if (rc == EXIT_CLEAN)
        rc = run_fmt(&r, &paths);
    strbuf_release(&r.report);
    session_free(&s);
    return rc;
}
