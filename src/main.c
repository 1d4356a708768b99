/* main: the command line — options, the pipeline in order, exit codes.
 * 0: no errors; 1: the sources have errors; 2: usage or I/O failure. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "driver.h"
#include "emit.h"
#include "fs.h"

enum { EXIT_CLEAN = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

typedef enum Command { CMD_CHECK, CMD_BUILD } Command;

typedef struct Options {
    Command cmd;
    const char *format;
    const char *output;
    const char *stdlib_dir;
    const char *color;
    long max_errors;
    PtrVec paths;
} Options;

static const char usage_text[] =
    "usage: ptlc check [OPTIONS] PATH...\n"
    "       ptlc build --format json [-o FILE] [OPTIONS] PATH...\n"
    "       ptlc --help | --version\n"
    "\n"
    "Checks .ptl budget performance target tables and compiles them.\n"
    "A PATH is a .ptl file or a directory (every .ptl under it); all PATHs\n"
    "are checked together as one program.\n"
    "\n"
    "commands:\n"
    "  check                 report every problem in the tables\n"
    "  build                 check, then write the model (if there are no errors)\n"
    "\n"
    "options:\n"
    "  --format json         output format of build (json)\n"
    "  -o, --output FILE     write the output to FILE atomically ('-': stdout, the default)\n"
    "  --max-errors N        stop after N errors (default 50, 0: no limit)\n"
    "  --color WHEN          auto (default), always or never; NO_COLOR disables auto\n"
    "  --stdlib DIR          read the stdlib from DIR instead of the built-in copy\n"
    "  -h, --help            show this help\n"
    "  --version             show the version\n"
    "\n"
    "exit status: 0 no errors, 1 errors found, 2 usage or I/O failure\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "ptlc: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'ptlc --help' for more information.\n");
    return EXIT_USAGE;
}

static int unknown_option(const char *arg)
{
    static const char *const names[] = {"--format", "--output", "--max-errors", "--color",
                                        "--stdlib", "--help", "--version"};
    size_t n = strcspn(arg, "=");
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)(n < 63 ? n : 63), arg);
    PtrVec v = {(void **)names, ARRAY_LEN(names), ARRAY_LEN(names)};
    const char *best = suggest(&v, word);
    fprintf(stderr, "ptlc: error: unknown option '%s'", arg);
    if (best)
        fprintf(stderr, "; did you mean '%s'?", best);
    fprintf(stderr, "\nTry 'ptlc --help' for more information.\n");
    return EXIT_USAGE;
}

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

static int parse_args(Arena *a, int argc, char **argv, Options *o)
{
    for (int i = 2; i < argc; i++) {
        const char *v = NULL;
        const char *arg = argv[i];
        if (option_value(argc, argv, &i, "--format", &v)) {
            o->format = v;
        } else if (option_value(argc, argv, &i, "--output", &v) || option_value(argc, argv, &i, "-o", &v)) {
            o->output = v;
        } else if (option_value(argc, argv, &i, "--stdlib", &v)) {
            o->stdlib_dir = v;
        } else if (option_value(argc, argv, &i, "--color", &v)) {
            o->color = v;
            if (v && strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
                return usage_error("--color takes auto, always or never, not '%s'", v);
        } else if (option_value(argc, argv, &i, "--max-errors", &v)) {
            char *end = NULL;
            o->max_errors = v ? strtol(v, &end, 10) : -1;
            if (!v || *end || o->max_errors < 0)
                return usage_error("--max-errors takes a whole number, not '%s'", v ? v : "");
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return unknown_option(arg);
        } else {
            ptrvec_push(a, &o->paths, (void *)arg);
            continue;
        }
        if (!v)
            return usage_error("option '%s' needs a value", arg);
    }
    if (o->paths.len == 0)
        return usage_error("%s", "no input: give .ptl files or directories");
    if (o->cmd == CMD_BUILD && (!o->format || strcmp(o->format, "json") != 0))
        return usage_error("build needs --format json (got '%s')", o->format ? o->format : "");
    return EXIT_CLEAN;
}

static bool use_color(const char *when)
{
    if (when && strcmp(when, "always") == 0)
        return true;
    if (when && strcmp(when, "never") == 0)
        return false;
    const char *no = getenv("NO_COLOR");
    return (!no || !*no) && isatty(STDERR_FILENO);
}

static void print_diagnostics(Session *s, const Options *o)
{
    StrBuf sb = STRBUF_INIT;
    RenderOptions ro = {use_color(o->color)};
    diag_render_human(s, &sb, ro);
    diag_render_summary(s, &sb, ro);
    fputs(strbuf_cstr(&sb), stderr);
    strbuf_release(&sb);
}

static int write_output(Session *s, const Program *prog, const Options *o)
{
    StrBuf sb = STRBUF_INIT;
    emit_json(prog, &sb);
    const char *err = NULL;
    bool ok = fs_write_atomic(&s->arena, o->output ? o->output : "-", sb.buf, sb.len, &err);
    strbuf_release(&sb);
    if (!ok) {
        fprintf(stderr, "ptlc: error: %s\n", err);
        return EXIT_USAGE;
    }
    return EXIT_CLEAN;
}

static int run(Session *s, Options *o)
{
    Program prog;
    DriverInput in = {(const char *const *)o->paths.items, o->paths.len, o->stdlib_dir, NULL, false};
    const char *err = NULL;
    if (o->max_errors >= 0)
        s->max_errors = (size_t)o->max_errors;
    bool ok = driver_compile(s, &prog, &in, &err);
    print_diagnostics(s, o);
    int rc = EXIT_CLEAN;
    if (!ok) {
        fprintf(stderr, "ptlc: error: %s\n", err);
        rc = EXIT_USAGE;
    } else if (diag_count(s, SEV_ERROR) > 0) {
        rc = EXIT_ERRORS;
    } else if (o->cmd == CMD_BUILD) {
        rc = write_output(s, &prog, o);
    }
    program_free(&prog);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("ptlc %s\n", PTLC_VERSION);
        return EXIT_CLEAN;
    }
    Options o = {0};
    o.max_errors = -1;
    if (strcmp(cmd, "check") == 0)
        o.cmd = CMD_CHECK;
    else if (strcmp(cmd, "build") == 0)
        o.cmd = CMD_BUILD;
    else
        return usage_error("unknown command '%s' (use check or build)", cmd);
    Session s;
    session_init(&s);
    int rc = parse_args(&s.arena, argc, argv, &o);
    if (rc == EXIT_CLEAN)
        rc = run(&s, &o);
    session_free(&s);
    return rc;
}
