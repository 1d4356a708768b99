/* import_cli: the `ptlc import` command around import_grid. The inputs are
 * read as `ptlc check` reads files (fs_collect_inputs), each as the grid its
 * bytes say it is (a zip is .xlsx, an OLE2 compound file .xls, anything
 * else text); their tables are written one after the other, or one .ptl per
 * input with -o DIR/, and laid out by fmt_file, so an import reads as a
 * hand-written table does; what fmt cannot parse is not written at all. -o
 * replaces its file atomically and never an input. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmt.h"
#include "fs.h"
#include "import.h"
#include "notify.h"

enum { EXIT_CLEAN = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

const char import_help_text[] = N_(
    "usage: ptlc import FILE... [-o OUT.ptl | -o DIR/] [--keywords zh|en]\n"
    "\n"
    "Reads 绩效目标表 and 绩效自评表 as officials have them: workbooks (.xlsx,\n"
    "and the older .xls), CSV and tab-separated text (UTF-8 with or without a\n"
    "BOM, or else GB18030 or UTF-16, with a warning naming the encoding), and\n"
    "writes their tables as .ptl, laid out as 'ptlc fmt' lays them out.\n"
    "Tables are found by their titles, header blocks by their labels\n"
    "(stdlib/import.ptl), indicator columns by their header names (一级指标,\n"
    "二级指标, 三级指标, 指标值类型, 指标值, 度量单位 ...); a blank 一级 or 二级\n"
    "cell continues the row above, a row the export shifted into another\n"
    "column is re-aligned (a warning), values fused with their operator and\n"
    "unit (≥90%, 10辆) are taken apart, and the framework is the one the\n"
    "tree's categories belong to. What the importer cannot place is reported\n"
    "at FILE:LINE:COL (FILE:SHEET!C12 in a workbook) and kept in the output as\n"
    "a comment.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE       write FILE (atomically) instead of standard\n"
    "                          output; an input is never replaced\n"
    "  -o DIR/                 write one DIR/NAME.ptl for each input NAME.*\n"
    "  --keywords zh|en        spell the keywords in Chinese or English (as\n"
    "                          'ptlc fmt --keywords'); default English\n"
    "\n"
    "Exit status: 0 written, 1 an input could not be imported (nothing is\n"
    "written), 2 usage or I/O failure.\n");

typedef struct ImportArgs {
    PtrVec paths;
    const char *output;
    FmtKeywords keywords;
} ImportArgs;

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

static int parse_import_args(int argc, char **argv, Lang lang, ImportArgs *a, Arena *arena)
{
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        const char *kw = NULL;
        if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", arg, lang);
            a->output = argv[++i];
        } else if (strncmp(arg, "--output=", 9) == 0) {
            a->output = arg + 9;
        } else if (strcmp(arg, "--keywords") == 0 || strncmp(arg, "--keywords=", 11) == 0) {
            if (arg[10] == '=')
                kw = arg + 11;
            else if (i + 1 < argc)
                kw = argv[++i];
            else
                return usage_error("option '%s' needs a value", arg, lang);
            if (strcmp(kw, "zh") != 0 && strcmp(kw, "en") != 0)
                return usage_error("--keywords takes zh or en, not '%s'", kw, lang);
            a->keywords = kw[0] == 'z' ? FMT_KEYWORDS_ZH : FMT_KEYWORDS_EN;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option '%s' for import (-o, --keywords)", arg, lang);
        } else {
            ptrvec_push(arena, &a->paths, (void *)arg);
        }
    }
    if (a->paths.len == 0)
        return usage_error("no input: give the workbooks or text exports to import", NULL, lang);
    return EXIT_CLEAN;
}

/* The imported text laid out by fmt; false when it does not parse (a bug
 * of the importer: its output must always be a table). */
static bool layout(Session *s, const StrBuf *raw, FmtKeywords keywords, StrBuf *out)
{
    Session fs;
    session_init(&fs);
    fs.lang = s->lang;
    uint32_t id = session_add_source(&fs, "<import>", strbuf_cstr(raw), raw->len);
    FmtOptions opt = {keywords};
    bool ok = fmt_file(&fs, id, &opt, out) == FMT_OK;
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

/* What the bytes are: a workbook is a zip (.xlsx) or an OLE2 compound file
 * (.xls) whatever its name says; anything else is read as text. */
static bool read_grid(Session *s, const SourceFile *f, Grid *g)
{
    const unsigned char *u = (const unsigned char *)f->text;
    if (f->len >= 4 && memcmp(u, "PK\x03\x04", 4) == 0)
        return grid_read_xlsx(s, f->path, f->text, f->len, g);
    if (f->len >= 8 && memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return grid_read_xls(s, f->path, f->text, f->len, g);
    return grid_read_text(s, f->path, f->text, f->len, g);
}

/* -o DIR/ (or an existing directory): one .ptl per input. */
static bool output_dir(const char *output)
{
    struct stat st;
    size_t n = output ? strlen(output) : 0;
    return n && (output[n - 1] == '/' || (stat(output, &st) == 0 && S_ISDIR(st.st_mode)));
}

/* DIR/NAME.ptl for the input DIR0/NAME.EXT. */
static const char *output_for(Session *s, const char *dir, const char *input)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    size_t d = strlen(dir);
    return arena_sprintf(&s->arena, "%.*s/%.*s.ptl", (int)(d && dir[d - 1] == '/' ? d - 1 : d), dir,
                         (int)n, base);
}

/* Imports, lays out and writes what raw holds; false after an error. */
static int finish(Session *s, const StrBuf *raw, const ImportArgs *a, const char *output)
{
    StrBuf text = STRBUF_INIT;
    int rc = layout(s, raw, a->keywords, &text) ? EXIT_CLEAN : EXIT_ERRORS;
    if (rc == EXIT_CLEAN && !write_output(s, output, &text))
        rc = EXIT_USAGE;
    strbuf_release(&text);
    return rc;
}

static int run_import(Session *s, const ImportArgs *a)
{
    Importer *imp = importer_new();
    PtrVec inputs = {0};
    fs_collect_inputs(s, (const char *const *)a->paths.items, a->paths.len, &inputs);
    for (size_t i = 0; i < inputs.len; i++)
        fs_read_input(s, inputs.items[i]);
    int rc = notify_count(s, SEV_ERROR) ? EXIT_USAGE : EXIT_CLEAN;
    bool per_file = output_dir(a->output);
    if (rc == EXIT_CLEAN && per_file && mkdir(a->output, 0777) != 0 && errno != EEXIST) {
        notify_report(s, SEV_ERROR, a->output, "cannot create the directory: %s", strerror(errno));
        rc = EXIT_USAGE;
    }
    StrBuf raw = STRBUF_INIT;
    for (size_t i = 0; i < s->files.len && rc == EXIT_CLEAN; i++) {
        const SourceFile *f = session_file(s, (uint32_t)i);
        Grid g;
        if (!read_grid(s, f, &g)) {
            rc = EXIT_ERRORS;
            break;
        }
        import_grid(imp, s, f->path, &g, &raw);
        if (per_file) {
            rc = finish(s, &raw, a, output_for(s, a->output, f->path));
            strbuf_reset(&raw);
        }
    }
    if (rc == EXIT_CLEAN && !per_file)
        rc = finish(s, &raw, a, a->output);
    StrBuf err = STRBUF_INIT;
    notify_render_human(s, &err, (RenderOptions){false, COLUMN_CODEPOINT});
    fwrite(strbuf_cstr(&err), 1, err.len, stderr);
    strbuf_release(&err);
    strbuf_release(&raw);
    importer_free(imp);
    return rc;
}

int import_command(int argc, char **argv, Lang lang)
{
    Session s;
    session_init(&s);
    s.lang = lang;
    ImportArgs a = {{0}, NULL, FMT_KEYWORDS_KEEP};
    int rc = parse_import_args(argc, argv, lang, &a, &s.arena);
    if (rc == EXIT_CLEAN)
        rc = run_import(&s, &a);
    session_free(&s);
    return rc;
}
