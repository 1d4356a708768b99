/* main: the command line — options, the pipeline in order, exit codes.
 * 0: no errors; 1: the sources have errors; 2: usage or I/O failure. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "diag_out.h"
#include "driver.h"
#include "emit.h"
#include "explain.h"
#include "fix.h"
#include "fmt.h"
#include "import.h"
#include "lsp.h"
#include "fs.h"
#include "notify.h"
#include "progress.h"
#include "settings.h"
#include "template.h"

enum { EXIT_CLEAN = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

typedef enum Command { CMD_CHECK, CMD_BUILD, CMD_FIX } Command;
typedef enum OutFormat { OUT_JSON, OUT_CSV, OUT_HTML, OUT_XLSX, OUT_JSONL } OutFormat;
typedef enum DiagFormat { DIAG_HUMAN, DIAG_JSON, DIAG_SARIF } DiagFormat;

typedef struct Options {
    Command cmd;
    const char *format;
    const char *output;
    const char *stdlib_dir;
    const char *settings;
    bool no_settings;
    const char *color;
    DiagFormat diagnostics;
    long max_errors;
    long jobs;                  /* --jobs; -1: one per core */
    PtrVec paths;
    OutFormat out_format;
    EmitOptions emit;
    bool allow_errors;
    bool verbose;
    bool write;                 /* fix -w: rewrite the files in place */
    const char *stdin_name;     /* --stdin-filename: what '-' is called */
    ColumnUnit column;          /* --column-unit */
} Options;

/* ===== help texts ===== */

static const char usage_text[] = N_(
    "usage: ptlc check [OPTIONS] PATH...\n"
    "       ptlc build --format json [-o FILE] [OPTIONS] PATH...\n"
    "       ptlc fix [-w] [OPTIONS] PATH...\n"
    "       ptlc fmt [-w | --check] [--keywords zh|en] PATH...\n"
    "       ptlc explain RULE | --list\n"
    "       ptlc new department|project|evaluation [NAME] [-o FILE]\n"
    "       ptlc import FILE... [-o OUT.ptl | -o DIR/] [--keywords zh|en]\n"
    "       ptlc help [COMMAND]\n"
    "       ptlc --help | --version\n"
    "Every command takes --lang zh|en (the language of its messages).\n"
    "\n"
    "Checks .ptl budget performance target tables (绩效目标表) and their year-end\n"
    "self-evaluations (绩效自评表, scored by ptlc), and compiles them.\n"
    "A PATH is a .ptl file or a directory (every .ptl under it); all PATHs are\n"
    "checked together as one program.\n"
    "\n"
    "commands:\n"
    "  check       report every problem in the tables\n"
    "  build       check, then write the model (only if there are no errors)\n"
    "  fix         apply the fixes ptlc is certain of (input-method punctuation,\n"
    "              known names, a missing operator)\n"
    "  fmt         lay the tables out in their one canonical layout, or convert\n"
    "              their keywords to Chinese or English\n"
    "  explain     what a rule checks, why, examples, how to silence it\n"
    "  new         write a table to fill in: a commented template, with an\n"
    "              example of every part\n"
    "  import      read the tables' workbooks (.xlsx, .xls) and text exports as .ptl\n"
    "  lsp         a language server for editors (LSP, on standard input and output)\n"
    "  help        help on a command\n"
    "\n"
    "Run 'ptlc help check' for the options. Exit status: 0 no errors,\n"
    "1 errors found, 2 usage or I/O failure.\n");

static const char check_text[] = N_(
    "usage: ptlc check [OPTIONS] PATH...\n"
    "\n"
    "Checks every table under the PATHs as one program and reports all problems.\n"
    "\n"
    "options:\n"
    "  --allow RULE            do not report RULE\n"
    "  --warn RULE             report RULE as a warning\n"
    "  --deny RULE             report RULE as an error; '--deny warnings' makes\n"
    "                          every warning an error\n"
    "  --settings FILE         read rule levels and thresholds from FILE instead of\n"
    "                          the ptlc.settings found above the first PATH\n"
    "  --no-settings           ignore ptlc.settings files\n"
    "  --diagnostics FORMAT    human (default), json or sarif, on standard error\n"
    "  --max-errors N          stop after N errors (default 50, 0: no limit)\n"
    "  --jobs N                parse and check the files with N threads (default:\n"
    "                          one per core); the report is the same for every N\n"
    "  --color WHEN            auto (default), always or never; NO_COLOR turns auto\n"
    "                          off\n"
    "  --column-unit UNIT      what the column of FILE:LINE:COL counts: codepoint\n"
    "                          (default), byte (Vim's and Emacs' error formats) or\n"
    "                          display (a CJK character is two columns)\n"
    "  --stdin-filename NAME   the name of the table read from '-' (standard input):\n"
    "                          diagnostics name it, and the settings are searched\n"
    "                          from its directory\n"
    "  --stdlib DIR            read the stdlib from DIR instead of the built-in copy\n"
    "  --verbose               name the settings file in use (or say there is none)\n"
    "                          and how many files were read\n"
    "  --lang LANG             messages in zh (Chinese) or en (English); without it,\n"
    "                          Chinese when LC_ALL, LC_MESSAGES or LANG (the first\n"
    "                          one set) starts with zh\n"
    "\n"
    "A PATH '-' is a table read from standard input (an editor's unsaved buffer),\n"
    "checked with the other PATHs.\n"
    "The ptlc.settings is searched for from the first PATH's directory upwards,\n"
    "up to the repository root (the nearest directory holding .git); without\n"
    "one, only in that directory. A directory PATH is walked without leaving it:\n"
    "a symbolic link out of it is not read and is an error; link loops, FIFOs\n"
    "and devices are skipped with a warning. A file that cannot be read is\n"
    "reported, the rest still checked, and the exit status is 2.\n");

static const char build_text[] = N_(
    "usage: ptlc build --format json|jsonl|csv|html|xlsx [-o FILE|DIR] [OPTIONS]\n"
    "                  PATH...\n"
    "\n"
    "Checks like 'ptlc check' (same options), then writes the tables, and each\n"
    "self-evaluation as its 绩效自评表 with the 得分, 自评得分 and grade ptlc\n"
    "computed. Nothing is written when there are errors, unless --allow-errors,\n"
    "nor when an input could not be read.\n"
    "\n"
    "A file is replaced atomically (a temporary file renamed over it), so a\n"
    "failed or interrupted run leaves the old one untouched; it keeps its\n"
    "permissions. A symbolic link is written through (the file it leads to is\n"
    "replaced and the link stays a link) when it leads to a place inside the\n"
    "working directory; one that leads out of it is refused. A device or FIFO\n"
    "(/dev/null, /dev/stdout, a pipe) is written into, never replaced. An output\n"
    "that is one of the inputs or the settings file is refused, and nothing is\n"
    "written.\n"
    "\n"
    "options:\n"
    "  --format FORMAT         json (the checked model), jsonl (a line per\n"
    "                          indicator, for databases), csv (for Excel/WPS),\n"
    "                          html (the official layout), xlsx (a workbook)\n"
    "  -o, --output FILE|DIR   the output ('-': standard output, the default);\n"
    "                          for html a directory (ending in '/' or existing)\n"
    "                          gets one page per table and per evaluation and an\n"
    "                          index.html; the pages of an earlier build that\n"
    "                          this one did not write (NN-department.html,\n"
    "                          NN-project.html, NN-evaluation.html) are removed,\n"
    "                          nothing else in the directory\n"
    "  --table WHICH           csv: indicators (default), budget, tables,\n"
    "                          breakdowns, evaluations (a row per result of a\n"
    "                          绩效自评表) or evaluation-totals (a row per\n"
    "                          自评表: 执行率, 自评得分, grade)\n"
    "  --bom                   csv: begin with a UTF-8 byte order mark (Excel, WPS)\n"
    "  --crlf                  csv: end lines with CR LF (Excel on Windows)\n"
    "  --allow-errors          write the output even when there are errors; it\n"
    "                          says so in the output, and the exit status stays 1\n");

static const char fix_text[] = N_(
    "usage: ptlc fix [-w] [OPTIONS] PATH...\n"
    "\n"
    "Checks like 'ptlc check' (same options), applies every fix a diagnostic\n"
    "carries (the line under its caret shows it: full-width and input-method\n"
    "punctuation, ≧ and ≦, curly quotes, 1，000, a unit, category or keyword ptlc\n"
    "knows a close spelling of, a missing operator made explicit), checks the\n"
    "result again and fixes what the first round could not see, lays each fixed\n"
    "file out as 'ptlc fmt' does, and prints each file. What is left is\n"
    "reported as 'ptlc check' reports it; the exit status is that of checking\n"
    "the fixed text.\n"
    "\n"
    "options:\n"
    "  -w, --write             rewrite the files in place (atomically) instead of\n"
    "                          printing them\n");

static const char explain_text[] = N_(
    "usage: ptlc explain RULE\n"
    "       ptlc explain --list\n"
    "       ptlc explain --markdown\n"
    "\n"
    "Prints what RULE checks, why a reviewer cares (in Chinese and English), a\n"
    "failing and a passing example, its default level and how to silence it.\n"
    "--list lists every rule with its default level; --markdown prints\n"
    "docs/rules.md.\n");

static const char new_text[] = N_(
    "usage: ptlc new department|project|evaluation [NAME] [OPTIONS]\n"
    "\n"
    "Writes a table to fill in: a department's 部门整体支出绩效目标表 (department\n"
    "or 部门), a project's 项目支出绩效目标表 (project or 项目), or a project's\n"
    "绩效自评表 (evaluation or 自评: NAME is then the name of the table it\n"
    "evaluates). It has an example of every part (a budget whose sums hold, an\n"
    "indicator in each category of the 财预〔2021〕101号 framework) and comments\n"
    "saying what to write where, and what 'ptlc check' reports on it as it is:\n"
    "nothing when NAME is given (an evaluation: when checked with its table).\n"
    "Without NAME the table is named ××单位 or ××项目, a placeholder that\n"
    "'ptlc check' reports until the real name is written there.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE       write the table to FILE instead of standard output;\n"
    "                          a FILE that exists is never replaced (choose another\n"
    "                          name, or remove it first), so typing the command\n"
    "                          twice cannot lose a table filled in since\n"
    "  --keywords zh|en        keywords and comments in Chinese (部门, 年度,\n"
    "                          预算 ...) or in English (department, year, budget\n"
    "                          ...); by default Chinese when the kind is written\n"
    "                          in Chinese or the messages are (--lang zh, or the\n"
    "                          locale), else English\n"
    "  --year YEAR             the budget year (default: this year, or the year of\n"
    "                          SOURCE_DATE_EPOCH when that is set)\n");

/* ===== the language ===== */

/* The language of everything ptlc prints: --lang, else the locale. It is
 * the command line's, so it is main's alone; the library takes it from
 * each Session (s.lang), never from here. */
static Lang cli_lang = LANG_EN;

static const char *cli_tr(const char *msgid)
{
    return i18n_gettext(cli_lang, msgid);
}

/* ===== usage errors ===== */

/* The argument (if any) is neutralised (safetext): a file name from a pull
 * request may be passed on, and may hold escape sequences. */
static int usage_error(const char *fmt, const char *arg)
{
    StrBuf shown = STRBUF_INIT;
    if (arg)
        notify_safe(&shown, arg);
    fprintf(stderr, "ptlc: error: ");
    fprintf(stderr, i18n_format(cli_lang, fmt), strbuf_cstr(&shown));
    fprintf(stderr, "\n%s\n", cli_tr("Try 'ptlc help' for more information."));
    strbuf_release(&shown);
    return EXIT_USAGE;
}

/* Prints fmt ("unknown option '%s'") with shown, then "; did you mean 'x'?"
 * for a usage error, matching word against names; short lists are offered
 * in full instead. */
static int unknown_word(const char *fmt, const char *shown, const char *word,
                        const char *const *names, size_t n)
{
    PtrVec v = {(void **)names, n, n};
    const char *best = suggest(&v, word);
    StrBuf safe = STRBUF_INIT;
    notify_safe(&safe, shown);
    fprintf(stderr, "ptlc: error: ");
    fprintf(stderr, i18n_format(cli_lang, fmt), strbuf_cstr(&safe));
    strbuf_release(&safe);
    if (best) {
        fprintf(stderr, i18n_format(cli_lang, "; did you mean '%s'?"), best);
    } else if (n <= 10) {   /* a short list is shown whole: the commands */
        StrBuf list = STRBUF_INIT;
        for (size_t i = 0; i < n; i++) {
            if (i)
                strbuf_adds(&list, i18n_pgettext(cli_lang, "list", ", "));
            strbuf_adds(&list, names[i]);
        }
        fprintf(stderr, i18n_format(cli_lang, " (one of: %s)"), strbuf_cstr(&list));
        strbuf_release(&list);
    }
    fprintf(stderr, "\n%s\n", cli_tr("Try 'ptlc help' for more information."));
    return EXIT_USAGE;
}

static int unknown_option(const char *arg)
{
    static const char *const names[] = {
        "--format", "--output", "--max-errors", "--color", "--stdlib", "--allow", "--warn",
        "--deny", "--settings", "--no-settings", "--diagnostics", "--table", "--bom", "--crlf",
        "--allow-errors", "--verbose", "--lang", "--jobs", "--column-unit", "--stdin-filename",
        "--help", "--version"};
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)strcspn(arg, "="), arg);
    return unknown_word(N_("unknown option '%s'"), arg, word, names, ARRAY_LEN(names));
}

static int unknown_rule(const char *name)
{
    const char *names[RULE_COUNT];
    for (int r = 0; r < RULE_COUNT; r++)
        names[r] = rule_info[r].name;
    return unknown_word(N_("unknown rule '%s'"), name, name, names, RULE_COUNT);
}

/* ===== options ===== */

/* Matches "--name VALUE" and "--name=VALUE"; advances *i past a separate value. */
static bool option_value(int argc, char **argv, int *i, const char *name, const char **out)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return false;
    if (a[n] == '=') {
        *out = a + n + 1;
        return true;
    }
    if (a[n] != '\0')
        return false;
    *out = *i + 1 < argc ? argv[++*i] : NULL;
    return true;
}

static int set_level(Session *s, const char *name, Severity level)
{
    if (settings_cli_level(s, name, level))
        return EXIT_CLEAN;
    if (rule_lookup(name) != RULE_COUNT)
        return usage_error("rule '%s' cannot be changed", name);
    return unknown_rule(name);
}

static int value_option(Session *s, Options *o, const char *arg, const char *name,
                        const char *v)
{
    if (!v)
        return usage_error("option '%s' needs a value", arg);
    if (strcmp(name, "--allow") == 0)
        return set_level(s, v, SEV_ALLOW);
    if (strcmp(name, "--warn") == 0)
        return set_level(s, v, SEV_WARNING);
    if (strcmp(name, "--deny") == 0)
        return set_level(s, v, SEV_ERROR);
    if (strcmp(name, "--color") == 0) {
        o->color = v;
        if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
            return usage_error("--color takes auto, always or never, not '%s'", v);
    } else if (strcmp(name, "--diagnostics") == 0) {
        static const char *const fmts[] = {"human", "json", "sarif"};
        for (o->diagnostics = DIAG_HUMAN; o->diagnostics <= DIAG_SARIF; o->diagnostics++)
            if (strcmp(v, fmts[o->diagnostics]) == 0)
                return EXIT_CLEAN;
        return usage_error("--diagnostics takes human, json or sarif, not '%s'", v);
    } else if (strcmp(name, "--column-unit") == 0) {
        static const char *const units[] = {"codepoint", "byte", "display"};
        for (size_t i = 0; i < ARRAY_LEN(units); i++)
            if (strcmp(v, units[i]) == 0) {
                o->column = (ColumnUnit)i;
                return EXIT_CLEAN;
            }
        return usage_error("--column-unit takes codepoint, byte or display, not '%s'", v);
    } else if (strcmp(name, "--stdin-filename") == 0) {
        o->stdin_name = v;
    } else if (strcmp(name, "--max-errors") == 0) {
        char *end = NULL;
        o->max_errors = strtol(v, &end, 10);
        if (!*v || *end || o->max_errors < 0)
            return usage_error("--max-errors takes a whole number, not '%s'", v);
    } else if (strcmp(name, "--jobs") == 0) {
        char *end = NULL;
        o->jobs = strtol(v, &end, 10);
        if (!*v || *end || o->jobs < 1 || o->jobs > 64)
            return usage_error("--jobs takes a number of threads from 1 to 64, not '%s'", v);
    }
    return EXIT_CLEAN;
}

static bool parse_table(Options *o, const char *v)
{
    static const char *const names[CSV_TABLE_COUNT] = {
        "indicators", "budget", "tables", "breakdowns", "evaluations", "evaluation-totals"};
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (strcmp(v, names[i]) == 0) {
            o->emit.csv_table = (CsvTable)i;
            return true;
        }
    return false;
}

static bool parse_format(Options *o)
{
    static const char *const names[] = {"json", "csv", "html", "xlsx", "jsonl"};
    for (size_t i = 0; o->format && i < ARRAY_LEN(names); i++)
        if (strcmp(o->format, names[i]) == 0) {
            o->out_format = (OutFormat)i;
            return true;
        }
    return false;
}

/* "-" is standard output, never a directory. */
static bool is_dir_target(const char *path)
{
    size_t n = strlen(path);
    return strcmp(path, "-") != 0 && ((n > 0 && path[n - 1] == '/') || fs_is_dir(path));
}

static int parse_args(Session *s, int argc, char **argv, Options *o)
{
    static const char *const valued[] = {"--allow", "--warn", "--deny", "--color",
                                         "--diagnostics", "--max-errors", "--column-unit",
                                         "--stdin-filename", "--jobs"};
    for (int i = 2; i < argc; i++) {
        const char *v = NULL, *arg = argv[i];
        bool matched = false;
        for (size_t k = 0; k < ARRAY_LEN(valued) && !matched; k++) {
            if (!option_value(argc, argv, &i, valued[k], &v))
                continue;
            matched = true;
            int rc = value_option(s, o, arg, valued[k], v);
            if (rc != EXIT_CLEAN)
                return rc;
        }
        if (matched)
            continue;
        if (option_value(argc, argv, &i, "--format", &v))
            o->format = v;
        else if (option_value(argc, argv, &i, "--output", &v) || option_value(argc, argv, &i, "-o", &v))
            o->output = v;
        else if (option_value(argc, argv, &i, "--stdlib", &v))
            o->stdlib_dir = v;
        else if (option_value(argc, argv, &i, "--settings", &v))
            o->settings = v;
        else if (strcmp(arg, "--no-settings") == 0)
            o->no_settings = true, v = arg;
        else if (strcmp(arg, "--bom") == 0)
            o->emit.bom = true, v = arg;
        else if (strcmp(arg, "--crlf") == 0)
            o->emit.crlf = true, v = arg;
        else if (strcmp(arg, "--allow-errors") == 0)
            o->allow_errors = true, v = arg;
        else if (strcmp(arg, "--verbose") == 0)
            o->verbose = true, v = arg;
        else if (o->cmd == CMD_FIX && (strcmp(arg, "-w") == 0 || strcmp(arg, "--write") == 0))
            o->write = true, v = arg;
        else if (option_value(argc, argv, &i, "--table", &v)) {
            if (v && !parse_table(o, v))
                return usage_error("--table takes indicators, budget, tables, breakdowns, "
                                   "evaluations or evaluation-totals, not '%s'", v);
        }
        else if (arg[0] == '-' && arg[1] != '\0')
            return unknown_option(arg);
        else
            ptrvec_push(&s->arena, &o->paths, (void *)arg), v = arg;
        if (!v)
            return usage_error("option '%s' needs a value", arg);
    }
    if (o->paths.len == 0)
        return usage_error("no input: give .ptl files or directories", NULL);
    if (o->cmd == CMD_BUILD && !parse_format(o))
        return usage_error("build needs --format json, jsonl, csv, html or xlsx (got '%s')",
                           o->format ? o->format : "");
    if (o->out_format == OUT_XLSX && (!o->output || strcmp(o->output, "-") == 0))
        return usage_error("--format xlsx needs -o FILE (a workbook is not text)", NULL);
    if (o->cmd == CMD_BUILD && o->output && o->out_format != OUT_HTML && is_dir_target(o->output))
        return usage_error("-o '%s' is a directory, but only --format html writes a directory; "
                           "name a file", o->output);
    return EXIT_CLEAN;
}

/* ===== running ===== */

static bool use_color(const char *when)
{
    if (when && strcmp(when, "always") == 0)
        return true;
    if (when && strcmp(when, "never") == 0)
        return false;
    const char *no = getenv("NO_COLOR");
    return (!no || !*no) && isatty(STDERR_FILENO);
}

/* --verbose: which settings were used, and how much was read. */
static void render_verbose(const Session *s, const Options *o, StrBuf *out)
{
    StrBuf path = STRBUF_INIT;
    if (s->settings_path) {
        notify_safe(&path, s->settings_path);
        strbuf_addf(out, i18n_format(s->lang, "ptlc: using settings from %s"), strbuf_cstr(&path));
    } else if (o->no_settings) {
        strbuf_adds(out, i18n_tr(s, "ptlc: no settings file (--no-settings)"));
    } else if (s->settings_root) {
        notify_safe(&path, s->settings_root);
        strbuf_addf(out, i18n_format(s->lang, "ptlc: no settings file (searched up to %s)"),
                    strbuf_cstr(&path));
    } else {
        strbuf_adds(out, i18n_tr(s, "ptlc: no settings file"));
    }
    strbuf_release(&path);
    strbuf_addc(out, '\n');
    strbuf_addf(out, i18n_ngettext(s->lang, "ptlc: read %zu file\n", "ptlc: read %zu files\n",
                                   s->inputs_read), s->inputs_read);
}

/* Everything ptlc has to say, on standard error: in the human format the
 * notifications about the run come before the diagnostics about the tables;
 * JSON and SARIF carry both (and --verbose's facts) in their document. */
static void print_report(Session *s, const Options *o)
{
    StrBuf sb = STRBUF_INIT;
    RenderOptions ro = {use_color(o->color), o->column};
    if (o->diagnostics == DIAG_JSON) {
        diag_render_json(s, &sb);
    } else if (o->diagnostics == DIAG_SARIF) {
        diag_render_sarif(s, &sb);
    } else {
        if (o->verbose)
            render_verbose(s, o, &sb);
        notify_render_human(s, &sb, ro);
        diag_render_human(s, &sb, ro);
        diag_render_summary(s, &sb, ro);
    }
    fwrite(sb.buf ? sb.buf : "", 1, sb.len, stderr);
    strbuf_release(&sb);
}

/* An output failure is a notification like an input's: it is shown with
 * the others, in every diagnostics format. */
static bool io_error(Session *s, const char *err)
{
    notify_report(s, SEV_ERROR, NULL, "%s", err);
    return false;
}

static bool not_an_input(Session *s, const char *path)
{
    const char *err = NULL;
    return fs_check_not_input(s, path, &err) || io_error(s, err);
}

static bool write_text(Session *s, const char *path, const StrBuf *sb)
{
    const char *err = NULL;
    return fs_write_atomic(s, path, strbuf_cstr(sb), sb->len, &err) || io_error(s, err);
}

/* The names write_html_dir gives pages: NN-department.html, NN-project.html,
 * NN-evaluation.html (two or more digits). Only these are ever removed from
 * a directory. */
static bool is_page_name(const char *name)
{
    size_t digits = strspn(name, "0123456789");
    return digits >= 2
           && (strcmp(name + digits, "-department.html") == 0
               || strcmp(name + digits, "-project.html") == 0
               || strcmp(name + digits, "-evaluation.html") == 0);
}

static bool written_now(const char *name, const char *const *hrefs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, hrefs[i]) == 0)
            return true;
    return false;
}

/* Pages of an earlier build with more tables would still be there, and
 * still look current: they go, once the new pages and index are in place.
 * An input is never removed, whatever its name. */
static bool remove_stale_pages(Session *s, const char *dir, const char *const *hrefs, size_t n)
{
    PtrVec entries = {0};
    const char *err = NULL;
    if (!fs_list_dir(s, dir, &entries, &err))
        return io_error(s, err);
    bool ok = true;
    for (size_t i = 0; i < entries.len; i++) {
        const char *path = entries.items[i];
        const char *name = strrchr(path, '/') + 1;
        if (!is_page_name(name) || written_now(name, hrefs, n)
            || !fs_check_not_input(s, path, &err))
            continue;
        if (!fs_remove_file(s, path, &err))
            ok = io_error(s, err);
    }
    return ok;
}

/* The i-th page: the tables, then the evaluations. */
static const Table *page_table(const Program *prog, size_t i)
{
    size_t n = emit_table_count(prog);
    return i < n ? emit_table(prog, i) : emit_evaluation(prog, i - n);
}

static const char *page_kind(const Table *t)
{
    return t->kind == TABLE_DEPARTMENT ? "department"
           : t->kind == TABLE_PROJECT  ? "project" : "evaluation";
}

/* A directory of pages: NN-kind.html per table and per evaluation, then
 * index.html (written last, so it never links to a page that is not
 * there). Every page path is checked against the inputs before anything is
 * written. */
static bool write_html_dir(Session *s, const Program *prog, const Options *o)
{
    size_t n = emit_table_count(prog) + emit_evaluation_count(prog);
    const char **hrefs = arena_alloc(&s->arena, (n + 1) * sizeof *hrefs);
    const char **paths = arena_alloc(&s->arena, (n + 1) * sizeof *paths);
    for (size_t i = 0; i < n; i++) {
        hrefs[i] = arena_sprintf(&s->arena, "%02zu-%s.html", i + 1,
                                 page_kind(page_table(prog, i)));
        paths[i] = fs_join(&s->arena, o->output, hrefs[i]);
    }
    paths[n] = fs_join(&s->arena, o->output, "index.html");
    for (size_t i = 0; i <= n; i++)
        if (!not_an_input(s, paths[i]))
            return false;
    const char *err = NULL;
    if (!fs_make_dir(s, o->output, &err))
        return io_error(s, err);
    for (size_t i = 0; i < n; i++) {
        StrBuf sb = STRBUF_INIT;
        emit_html_table(prog, page_table(prog, i), &o->emit, &sb);
        bool ok = write_text(s, paths[i], &sb);
        strbuf_release(&sb);
        if (!ok)
            return false;
    }
    StrBuf sb = STRBUF_INIT;
    emit_html_index(prog, &o->emit, hrefs, &sb);
    bool ok = write_text(s, paths[n], &sb);
    strbuf_release(&sb);
    return ok && remove_stale_pages(s, o->output, hrefs, n);
}

static bool write_xlsx(Session *s, const Program *prog, const Options *o)
{
    const char *err = NULL;
    FsOutput *out = fs_output_begin(s, o->output, &err);
    if (!out)
        return io_error(s, err);
    if (!emit_xlsx(prog, &o->emit, fs_output_temp(out), &err)) {
        fs_output_discard(out);
        return io_error(s, err);
    }
    return fs_output_commit(s, out, &err) || io_error(s, err);
}

static bool write_output(Session *s, const Program *prog, const Options *o)
{
    const char *path = o->output ? o->output : "-";
    if (o->out_format == OUT_HTML && is_dir_target(path))
        return write_html_dir(s, prog, o);
    if (!not_an_input(s, path))
        return false;
    if (o->out_format == OUT_XLSX)
        return write_xlsx(s, prog, o);
    StrBuf sb = STRBUF_INIT;
    if (o->out_format == OUT_CSV)
        emit_csv(prog, &o->emit, &sb);
    else if (o->out_format == OUT_JSONL)
        emit_jsonl(prog, &o->emit, &sb);
    else if (o->out_format == OUT_HTML)
        emit_html(prog, &o->emit, &sb);
    else
        emit_json(prog, &o->emit, &sb);
    bool ok = write_text(s, path, &sb);
    strbuf_release(&sb);
    return ok;
}

/* A fixed text in the canonical layout (ptlc fmt), or as it is when it
 * does not parse cleanly: fmt never touches a file with syntax errors. */
static const char *formatted(const char *path, const char *text, Arena *a)
{
    Session fs;
    session_init(&fs);
    uint32_t f = session_add_source(&fs, path, text, strlen(text));
    StrBuf out = STRBUF_INIT;
    FmtOptions opt = {FMT_KEYWORDS_KEEP};
    const char *result = text;
    if (fmt_file(&fs, f, &opt, &out) == FMT_OK && strcmp(strbuf_cstr(&out), text) != 0)
        result = arena_strndup(a, out.buf, out.len);
    strbuf_release(&out);
    session_free(&fs);
    return result;
}

/* One round of `ptlc fix`: the fixes of session s applied to its user
 * files (from index first on), the texts replaced in place. */
static size_t fix_round(const Session *s, uint32_t first, uint32_t skip, PtrVec *texts,
                        Arena *a)
{
    size_t total = 0;
    for (size_t k = 0; k < texts->len; k++) {
        uint32_t i = first + (uint32_t)k;
        if (i >= skip)
            i++;
        StrBuf out = STRBUF_INIT;
        size_t n = fix_apply(s, i, &out);
        if (n)
            texts->items[k] = arena_strndup(a, out.buf, out.len);
        total += n;
        strbuf_release(&out);
    }
    return total;
}

/* ptlc fix: the certain fixes applied, then the result checked again and
 * fixed again (a line a syntax error hid shows its own slips once read),
 * up to a few rounds; each file is printed, or with -w rewritten
 * atomically, and what is left is reported as `ptlc check` would. Later
 * rounds check the texts in memory with the command line's levels. */
static int run_fix(Session *s, Options *o, Program *prog)
{
    enum { ROUNDS = 4 };
    PtrVec paths = {0}, texts = {0}, originals = {0};
    uint32_t skip = prog->settings_file;
    for (uint32_t i = (uint32_t)prog->nstdlib; i < s->files.len; i++) {
        if (i == skip)
            continue;
        const SourceFile *f = session_file(s, i);
        ptrvec_push(&s->arena, &paths, (void *)f->path);
        ptrvec_push(&s->arena, &texts, (void *)f->text);
        ptrvec_push(&s->arena, &originals, (void *)f->text);
    }
    size_t total = fix_round(s, (uint32_t)prog->nstdlib, skip, &texts, &s->arena);
    Session *cur = s;
    Program last;
    bool have_last = false;
    for (int round = 1; round < ROUNDS && total && cur->diags.len; round++) {
        Session *next = xmalloc(sizeof *next);
        session_init(next);
        next->lang = s->lang;
        next->max_errors = s->max_errors;
        memcpy(next->cli_set, s->cli_set, sizeof next->cli_set);
        memcpy(next->cli_level, s->cli_level, sizeof next->cli_level);
        next->cli_deny_warnings = s->cli_deny_warnings;
        for (size_t k = 0; k < texts.len; k++)
            session_add_source(next, paths.items[k], texts.items[k], strlen(texts.items[k]));
        Program p2;
        const char *err = NULL;
        if (!driver_check_loaded(next, &p2, o->stdlib_dir, &err)) {
            session_free(next);
            free(next);
            break;
        }
        size_t n = fix_round(next, (uint32_t)p2.nstdlib, UINT32_MAX, &texts, &s->arena);
        if (have_last)
            program_free(&last);
        if (cur != s) {
            session_free(cur);
            free(cur);
        }
        cur = next, last = p2, have_last = true, skip = UINT32_MAX;
        total += n;
        if (!n)
            break;
    }
    bool failed = false;
    for (size_t k = 0; k < texts.len; k++) {
        const char *err = NULL;
        if (texts.items[k] != originals.items[k])   /* a fixed file, laid out as fmt does */
            texts.items[k] = (void *)formatted(paths.items[k], texts.items[k], &s->arena);
        if (!o->write)
            fputs(texts.items[k], stdout);
        else if (texts.items[k] != originals.items[k]
                 && !fs_write_atomic(s, paths.items[k], texts.items[k],
                                     strlen(texts.items[k]), &err)) {
            notify_report(s, SEV_ERROR, NULL, "cannot write %s: %s", (const char *)paths.items[k],
                          err);
            failed = true;
        }
    }
    if (o->write)
        fprintf(stderr, i18n_ngettext(s->lang, "ptlc: %zu fix applied\n",
                                      "ptlc: %zu fixes applied\n", total), total);
    else
        fprintf(stderr, i18n_ngettext(s->lang, "ptlc: %zu fix shown (run with -w to apply them)\n",
                                      "ptlc: %zu fixes shown (run with -w to apply them)\n",
                                      total), total);
    int rc = failed || notify_count(s, SEV_ERROR) > 0 ? EXIT_USAGE
             : diag_count(cur, SEV_ERROR) > 0 ? EXIT_ERRORS : EXIT_CLEAN;
    if (failed)
        print_report(s, o);
    else
        print_report(cur, o);   /* what is left after the fixes */
    if (have_last)
        program_free(&last);
    if (cur != s) {
        session_free(cur);
        free(cur);
    }
    return rc;
}

/* Past this many bytes `check` frees each file's tree once checked, and a
 * file larger than it is checked a table at a time (check_release.c): a
 * tree of 8 MiB takes about 70 MiB. PTLC_TEST_BATCH_BYTES sets it for the
 * tests, which run every golden again with 1 (every file a table at a
 * time): the output must not change. */
static size_t release_batch(void)
{
    const char *v = getenv("PTLC_TEST_BATCH_BYTES");
    char *end = NULL;
    unsigned long long n = v && *v ? strtoull(v, &end, 10) : 0;
    return end && !*end && n ? (size_t)n : (size_t)8 << 20;
}

/* The cores this process may run on, for --jobs' default. */
static unsigned cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

/* The output is written before the report is printed, so a failure to
 * write is in the report, in every format. */
static int run(Session *s, Options *o)
{
    Program prog;
    DriverInput in = {(const char *const *)o->paths.items, o->paths.len, o->stdlib_dir,
                      o->settings, o->no_settings, o->stdin_name};
    if (o->max_errors >= 0)
        s->max_errors = (size_t)o->max_errors;
    s->jobs = o->jobs > 0 ? (unsigned)o->jobs : cores();
    s->release_batch = o->cmd == CMD_CHECK ? release_batch() : 0;   /* nothing reads the trees after */
    ProgressLine line = {0};
    if (o->diagnostics == DIAG_HUMAN)
        progress_line_start(&line, s, stderr);
    bool ok = driver_compile(s, &prog, &in);
    progress_line_end(&line, s);
    if (ok && o->cmd == CMD_FIX) {
        int rc = run_fix(s, o, &prog);
        program_free(&prog);
        return rc;
    }
    bool errors = diag_count(s, SEV_ERROR) > 0;
    if (ok && o->cmd == CMD_BUILD && (!errors || o->allow_errors)) {
        if (notify_count(s, SEV_ERROR) > 0) {
            notify_report(s, SEV_ERROR, NULL, "nothing written: not every input could be read");
        } else {
            o->emit.with_errors = errors;
            write_output(s, &prog, o);
        }
    }
    print_report(s, o);
    program_free(&prog);
    if (notify_count(s, SEV_ERROR) > 0)
        return EXIT_USAGE;
    return errors ? EXIT_ERRORS : EXIT_CLEAN;
}

static int run_explain(int argc, char **argv)
{
    if (argc != 3)
        return usage_error("explain takes one rule name, --list or --markdown", NULL);
    StrBuf sb = STRBUF_INIT;
    const char *what = argv[2];
    RuleId r = rule_lookup(what);
    if (strcmp(what, "--list") == 0)
        explain_list(&sb, cli_lang);
    else if (strcmp(what, "--markdown") == 0)
        explain_markdown(&sb);
    else if (r != RULE_COUNT)
        explain_plain(&sb, cli_lang, r);
    else
        return unknown_rule(what);
    fputs(strbuf_cstr(&sb), stdout);
    strbuf_release(&sb);
    return EXIT_CLEAN;
}

static int run_help(int argc, char **argv)
{
    const char *topic = argc > 2 ? argv[2] : NULL;
    static const char *const topics[] = {"check", "build", "fix", "fmt", "import", "lsp", "explain", "new", "help"};
    const char *text = usage_text;
    if (topic && strcmp(topic, "check") == 0)
        text = check_text;
    else if (topic && strcmp(topic, "build") == 0)
        text = build_text;
    else if (topic && strcmp(topic, "explain") == 0)
        text = explain_text;
    else if (topic && strcmp(topic, "fix") == 0)
        text = fix_text;
    else if (topic && strcmp(topic, "fmt") == 0)
        text = fmt_help_text;
    else if (topic && strcmp(topic, "new") == 0)
        text = new_text;
    else if (topic && strcmp(topic, "import") == 0)
        text = import_help_text;
    else if (topic && strcmp(topic, "lsp") == 0)
        text = lsp_help_text;
    else if (topic && strcmp(topic, "help") != 0)
        return unknown_word(N_("unknown command '%s'"), topic, topic, topics, ARRAY_LEN(topics));
    fputs(cli_tr(text), stdout);
    return EXIT_CLEAN;
}

/* ===== ptlc new ===== */

/* The default budget year: this year, or SOURCE_DATE_EPOCH's (the
 * reproducible-builds convention, for output that must not change with the
 * day it is made: the tests and the tutorial's). */
static int default_year(int *year)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    struct tm tm;
    if (epoch && *epoch) {
        char *end = NULL;
        long long t = strtoll(epoch, &end, 10);
        time_t tt = (time_t)t;
        if (*end || t < 0 || !gmtime_r(&tt, &tm))
            return usage_error("SOURCE_DATE_EPOCH is not a number of seconds: '%s'", epoch);
    } else {
        time_t now = time(NULL);
        if (!localtime_r(&now, &tm))
            return usage_error("cannot tell this year: give --year", NULL);
    }
    *year = tm.tm_year + 1900;
    if (*year < TEMPLATE_YEAR_MIN || *year > TEMPLATE_YEAR_MAX)
        return usage_error("the year of the clock is not a budget year: give --year", NULL);
    return EXIT_CLEAN;
}

static int parse_year(const char *v, int *year)
{
    char *end = NULL;
    long y = strtol(v, &end, 10);
    if (!*v || *end || y < TEMPLATE_YEAR_MIN || y > TEMPLATE_YEAR_MAX)
        return usage_error("--year takes a year from 1900 to 2200, not '%s'", v);
    *year = (int)y;
    return EXIT_CLEAN;
}

/* The file is created, never replaced (fs_write_new): a new user who types
 * the command again must not lose the table filled in since. */
static int write_new(const char *path, const StrBuf *text, TemplateKind kind)
{
    Session s;
    session_init(&s);
    s.lang = cli_lang;
    const char *err = NULL;
    int rc = EXIT_CLEAN;
    StrBuf sb = STRBUF_INIT;
    if (fs_write_new(&s, path, strbuf_cstr(text), text->len, &err)) {
        StrBuf shown = STRBUF_INIT;
        notify_safe(&shown, path);
        /* one call per message, so that xgettext sees both */
        const char *fmt = kind == TEMPLATE_EVALUATION
            ? i18n_format(cli_lang, "ptlc: wrote %1$s; fill it in, then check it with the "
                                    "table it evaluates: ptlc check TABLE.ptl %1$s\n")
            : i18n_format(cli_lang, "ptlc: wrote %1$s; fill it in, then run: ptlc check %1$s\n");
        strbuf_addf(&sb, fmt, strbuf_cstr(&shown));
        strbuf_release(&shown);
    } else {
        notify_report(&s, SEV_ERROR, NULL, "%s", err);
        notify_render_human(&s, &sb, (RenderOptions){use_color(NULL), COLUMN_CODEPOINT});
        rc = EXIT_USAGE;
    }
    fputs(strbuf_cstr(&sb), stderr);
    strbuf_release(&sb);
    session_free(&s);
    return rc;
}

/* ptlc new KIND [NAME] [--keywords zh|en] [--year YEAR] [-o FILE] */
static int run_new(int argc, char **argv)
{
    const char *kind_word = NULL, *name = NULL, *output = NULL, *keywords = NULL;
    int year = 0, rc;
    bool positional_only = false;
    for (int i = 2; i < argc; i++) {
        const char *v = NULL, *arg = argv[i];
        if (!positional_only && strcmp(arg, "--") == 0) {
            positional_only = true;
            continue;
        }
        if (positional_only || arg[0] != '-' || arg[1] == '\0') {
            if (!kind_word)
                kind_word = arg;
            else if (!name)
                name = arg;
            else
                return usage_error("new takes a kind of table and one name, and '%s' is one "
                                   "more (quote a name that has spaces)", arg);
            continue;
        }
        if (option_value(argc, argv, &i, "--keywords", &v))
            keywords = v;
        else if (option_value(argc, argv, &i, "--output", &v)
                 || option_value(argc, argv, &i, "-o", &v))
            output = v;
        else if (option_value(argc, argv, &i, "--year", &v)) {
            if (v && (rc = parse_year(v, &year)) != EXIT_CLEAN)
                return rc;
        } else {
            static const char *const names[] = {"--keywords", "--output", "--year", "--lang",
                                                "--help"};
            char word[64];
            snprintf(word, sizeof word, "%.*s", (int)strcspn(arg, "="), arg);
            return unknown_word(N_("unknown option '%s'"), arg, word, names, ARRAY_LEN(names));
        }
        if (!v)
            return usage_error("option '%s' needs a value", arg);
    }
    TemplateKind kind;
    bool chinese = false;
    if (!kind_word)
        return usage_error("new needs the kind of table: department (部门), project (项目) or "
                           "evaluation (自评)", NULL);
    if (!template_kind_parse(kind_word, &kind, &chinese))
        return usage_error("unknown kind of table '%s': write department (部门), project (项目) "
                           "or evaluation (自评)", kind_word);
    if (name && !*name)
        return usage_error("the name is empty: give the table's name, or leave it out for a "
                           "placeholder", NULL);
    Lang lang = chinese ? LANG_ZH : cli_lang;
    if (keywords && !i18n_lang_parse(keywords, &lang))
        return usage_error("--keywords takes zh or en, not '%s'", keywords);
    if (!year && (rc = default_year(&year)) != EXIT_CLEAN)
        return rc;
    StrBuf text = STRBUF_INIT;
    if (!template_render(kind, lang, name, year, &text))
        return usage_error("the name '%s' is not UTF-8 text", name);
    if (output && strcmp(output, "-") != 0) {
        rc = write_new(output, &text, kind);
    } else {
        fwrite(strbuf_cstr(&text), 1, text.len, stdout);
        rc = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_CLEAN
             : usage_error("cannot write the table to standard output", NULL);
    }
    strbuf_release(&text);
    return rc;
}

/* --lang zh|en, anywhere on the command line, taken out of argv before
 * the command reads its arguments. */
static int take_lang(int *argc, char **argv)
{
    int k = 1;
    for (int i = 1; i < *argc; i++) {
        const char *v = NULL;
        if (!option_value(*argc, argv, &i, "--lang", &v)) {
            argv[k++] = argv[i];
            continue;
        }
        if (!v)
            return usage_error("option '%s' needs a value", "--lang");
        if (!i18n_lang_parse(v, &cli_lang))
            return usage_error("--lang takes zh or en, not '%s'", v);
    }
    *argc = k;
    argv[k] = NULL;
    return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    cli_lang = i18n_lang_from_env(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"));
    if (take_lang(&argc, argv) != EXIT_CLEAN)
        return EXIT_USAGE;
    if (argc < 2)
        return usage_error("no command given", NULL);
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
        return run_help(argc, argv);
    if (strcmp(cmd, "--version") == 0) {
        printf("ptlc %s\n", PTLC_VERSION);
        return EXIT_CLEAN;
    }
    /* ptlc check --help, as every command-line tool answers it */
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            char *help_argv[] = {argv[0], (char *)"help", (char *)cmd, NULL};
            return run_help(3, help_argv);
        }
    if (strcmp(cmd, "explain") == 0)
        return run_explain(argc, argv);
    if (strcmp(cmd, "fmt") == 0)
        return fmt_command(argc, argv, cli_lang);
    if (strcmp(cmd, "new") == 0)
        return run_new(argc, argv);
    if (strcmp(cmd, "import") == 0)
        return import_command(argc, argv, cli_lang);
    if (strcmp(cmd, "lsp") == 0)
        return lsp_command(argc, argv, cli_lang);
    Options o = {0};
    o.max_errors = -1;
    o.jobs = -1;
    if (strcmp(cmd, "check") == 0) {
        o.cmd = CMD_CHECK;
    } else if (strcmp(cmd, "build") == 0) {
        o.cmd = CMD_BUILD;
    } else if (strcmp(cmd, "fix") == 0) {
        o.cmd = CMD_FIX;
    } else {
        static const char *const cmds[] = {"check", "build", "fix", "fmt", "import", "lsp", "explain", "new", "help"};
        return unknown_word(N_("unknown command '%s'"), cmd, cmd, cmds, ARRAY_LEN(cmds));
    }
    Session s;
    session_init(&s);
    s.lang = cli_lang;
    int rc = parse_args(&s, argc, argv, &o);
    if (rc == EXIT_CLEAN)
        rc = run(&s, &o);
    session_free(&s);
    return rc;
}
