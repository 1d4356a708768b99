/* import_cli: the `ptlc import` command around import_text. The inputs are
 * read as `ptlc check` reads files (fs_collect_inputs), their tables are
 * written one after the other, and the whole is laid out by fmt_file, so an
 * import reads as a hand-written table does; what fmt cannot parse is not
 * written at all. -o replaces its file atomically and never an input. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "fs.h"
#include "import.h"
#include "notify.h"

enum { EXIT_CLEAN = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

const char import_help_text[] = N_(
    "usage: ptlc import FILE... [-o OUT.ptl]\n"
    "\n"
    "Reads text exports of 绩效目标表 (tab-separated text, as a spreadsheet\n"
    "saves it: UTF-8 with or without a BOM, or else UTF-16 with its BOM or\n"
    "GB18030, with a warning) and writes their tables as .ptl,\n"
    "laid out as 'ptlc fmt' lays them out. Tables are found by their titles,\n"
    "columns by their header names (一级指标, 二级指标, 三级指标, 指标值类型,\n"
    "指标值, 度量单位 ...); a blank 一级 or 二级 cell continues the row above,\n"
    "a row the export shifted into another column is re-aligned (a warning),\n"
    "and a line the importer cannot place is reported at FILE:LINE:COL and\n"
    "kept in the output as a comment.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE       write FILE (atomically) instead of standard\n"
    "                          output; an input is never replaced\n"
    "\n"
    "Exit status: 0 written, 1 an input could not be imported (nothing is\n"
    "written), 2 usage or I/O failure.\n");

static int usage_error(const char *fmt, const char *arg, Lang lang)
{
    StrBuf shown = STRBUF_INIT;
    if (arg)
        notify_safe(&shown, arg);
    fprintf(stderr, "ptlc: error: ");
    fprintf(stderr, i18n_format(lang, fmt), strbuf_cstr(&shown));
    fprintf(stderr, "\n%s\n", i18n_gettext(lang, "Try 'ptlc help import' for more information."));
    strbuf_release(&shown);
    return EXIT_USAGE;
}

static int parse_import_args(int argc, char **argv, Lang lang, PtrVec *paths, Arena *a,
                             const char **output)
{
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", arg, lang);
            *output = argv[++i];
        } else if (strncmp(arg, "--output=", 9) == 0) {
            *output = arg + 9;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option '%s' for import (-o)", arg, lang);
        } else {
            ptrvec_push(a, paths, (void *)arg);
        }
    }
    if (paths->len == 0)
        return usage_error("no input: give the text exports to import", NULL, lang);
    return EXIT_CLEAN;
}

/* The imported text laid out by fmt; false when it does not parse (a bug
 * of the importer: its output must always be a table). */
static bool layout(Session *s, const StrBuf *raw, StrBuf *out)
{
    Session fs;
    session_init(&fs);
    fs.lang = s->lang;
    uint32_t id = session_add_source(&fs, "<import>", strbuf_cstr(raw), raw->len);
    FmtOptions opt = {FMT_KEYWORDS_KEEP};
    bool ok = fmt_file(&fs, id, &opt, out) == FMT_OK;
    if (!ok && getenv("PTLC_IMPORT_DEBUG"))
        fwrite(strbuf_cstr(raw), 1, raw->len, stderr);
    session_free(&fs);
    if (!ok)
        notify_report(s, SEV_ERROR, NULL, "not imported: the result does not read as a table "
                                          "(a bug in ptlc import)");
    return ok;
}

static bool write_output(Session *s, const char *output, const StrBuf *text)
{
    const char *err = NULL;
    if (!output || strcmp(output, "-") == 0) {
        fwrite(strbuf_cstr(text), 1, text->len, stdout);
        if (fflush(stdout) == 0 && !ferror(stdout))
            return true;
        notify_report(s, SEV_ERROR, NULL, "cannot write to standard output: %s", strerror(errno));
        return false;
    }
    if (fs_check_not_input(s, output, &err) && fs_write_atomic(s, output, strbuf_cstr(text), text->len, &err))
        return true;
    notify_report(s, SEV_ERROR, NULL, "%s", err);
    return false;
}

static int run_import(Session *s, const PtrVec *paths, const char *output)
{
    Importer *imp = importer_new();
    PtrVec inputs = {0};
    fs_collect_inputs(s, (const char *const *)paths->items, paths->len, &inputs);
    for (size_t i = 0; i < inputs.len; i++)
        fs_read_input(s, inputs.items[i]);
    int rc = notify_count(s, SEV_ERROR) ? EXIT_USAGE : EXIT_CLEAN;
    StrBuf raw = STRBUF_INIT, text = STRBUF_INIT;
    for (size_t i = 0; i < s->files.len && rc == EXIT_CLEAN; i++) {
        const SourceFile *f = session_file(s, (uint32_t)i);
        if (!import_text(imp, s, f->path, f->text, f->len, &raw))
            rc = EXIT_ERRORS;
    }
    if (rc == EXIT_CLEAN && !layout(s, &raw, &text))
        rc = EXIT_ERRORS;
    if (rc == EXIT_CLEAN && !write_output(s, output, &text))
        rc = EXIT_USAGE;
    StrBuf err = STRBUF_INIT;
    notify_render_human(s, &err, (RenderOptions){false});
    fwrite(strbuf_cstr(&err), 1, err.len, stderr);
    strbuf_release(&err);
    strbuf_release(&raw);
    strbuf_release(&text);
    importer_free(imp);
    return rc;
}

int import_command(int argc, char **argv, Lang lang)
{
    Session s;
    session_init(&s);
    s.lang = lang;
    PtrVec paths = {0};
    const char *output = NULL;
    int rc = parse_import_args(argc, argv, lang, &paths, &s.arena, &output);
    if (rc == EXIT_CLEAN)
        rc = run_import(&s, &paths, output);
    session_free(&s);
    return rc;
}
