/* grid_xls: an old binary .xls workbook (BIFF5/BIFF8) read as a grid (see
 * grid.h) with FreeXL, which reads its text as UTF-8 whatever code page
 * the file was saved in.
 *
 * FreeXL runs in a child process with limits, because its work is not
 * bounded by the file: at open it allocates every sheet's declared size
 * (65536 × 256 cells, 268 MB, per sheet of an 8 KB file), it turns a date
 * serial into a date one day at a time (a serial of 2e9 costs seconds of
 * CPU, per cell), and crafted files have overflowed its heap before
 * (CVE-2017-2923, CVE-2018-7435 and others). The child reads the
 * workbook and sends its cells back through a pipe as length-prefixed
 * records; the parent reads at most 256 MiB of them, checks each against
 * the limits of grid_number.h and builds the Grid. A child that dies,
 * runs out of its CPU seconds or its memory is an error, never a crash or
 * a hang of ptlc. (fork, not threads: ptlc is single-threaded, and glibc's
 * malloc is usable in a forked child.)
 *
 * FreeXL opens a path, not memory: the bytes go to a private temporary
 * file (mkstemp: mode 0600, a name no other process chooses), unlinked as
 * soon as FreeXL has it open and again by the parent, on every path; a
 * memfd would need /proc, which a sandbox may not mount.
 *
 * What FreeXL does not give, this reader cannot show: merged ranges (text
 * in a covered cell stays), number formats (numbers show as General; only
 * dates are recognised, and FreeXL writes them as ISO text), a formula's
 * text result and booleans (FreeXL 1.0.6 skips those records). */
#define _POSIX_C_SOURCE 200809L
#include "grid.h"

#include <errno.h>
#include <freexl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grid_number.h"
#include "i18n.h"
#include "notify.h"
#include "strbuf.h"

enum {
    CHILD_CPU_SECONDS = 10,
    CHILD_MEMORY_MIB = 512,         /* address space the child may add to what it inherits:
                                       a whole BIFF8 sheet (268 MB in FreeXL) fits */
    STREAM_MAX_MIB = 256,
    CHUNK = 64 * 1024
};

/* Cells asked of FreeXL over the workbook: a sheet's dimensions are the
 * file's word (a BIFF8 sheet has at most 65536 × 256 cells). */
#define CELL_VISITS ((size_t)32 << 20)

/* The child's records: a tag byte, then native 32-bit numbers and bytes.
 *   S len name       a sheet begins
 *   R line n         a row with text, n cells follow
 *   C len text       a cell
 *   T nrows          the sheet ends, nrows laid out (its last row with text)
 *   F failure arg    the child could not read the workbook
 *   E                the end: the stream is whole */
typedef enum Failure { FAIL_OPEN, FAIL_PASSWORD, FAIL_NO_SHEETS, FAIL_TOO_MANY } Failure;

typedef enum TooMany { MANY_CELLS, MANY_SLOTS, MANY_SHEETS, MANY_VISITS } TooMany;

/* ===== the child: FreeXL ===== */

typedef struct Child {
    int fd;
    StrBuf out;                     /* records not yet written to the pipe */
    const void *h;                  /* the FreeXL handle */
    size_t cells, rows, slots;      /* over the workbook, for the caps */
    size_t visits;                  /* cells FreeXL may still be asked for */
} Child;

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

static void flush(Child *c, bool all)
{
    if (c->out.len < CHUNK && !all)
        return;
    if (!write_all(c->fd, strbuf_cstr(&c->out), c->out.len))
        _exit(3);                   /* the parent stopped reading */
    strbuf_reset(&c->out);
}

static void put_u32(Child *c, size_t v)
{
    uint32_t u = (uint32_t)v;
    strbuf_add(&c->out, (const char *)&u, sizeof u);
}

static void put_bytes(Child *c, char tag, const char *s)
{
    strbuf_addc(&c->out, tag);
    put_u32(c, strlen(s));
    strbuf_adds(&c->out, s);
}

static bool fail(Child *c, Failure f, int arg)
{
    strbuf_addc(&c->out, 'F');
    put_u32(c, (size_t)f);
    put_u32(c, (size_t)(unsigned)arg);
    return false;
}

/* One cell as it shows: text, an integer, a double as General, a date as
 * FreeXL's ISO text. */
static const char *cell_text(Arena *a, const FreeXL_CellValue *v)
{
    switch (v->type) {
    case FREEXL_CELL_INT:
        return arena_sprintf(a, "%d", v->value.int_value);
    case FREEXL_CELL_DOUBLE:
        return grid_number_double(a, v->value.double_value);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
        return v->value.text_value
                   ? grid_clean_text(a, v->value.text_value, strlen(v->value.text_value)) : "";
    default:
        return "";
    }
}

/* Row r (cols cells) as a record, if it has text; false past a cap. */
static bool child_row(Child *c, unsigned r, unsigned short cols, const char **line, size_t *last)
{
    Arena a;
    arena_init(&a);
    size_t width = 0;
    for (unsigned short k = 0; k < cols; k++) {
        FreeXL_CellValue v;
        line[k] = freexl_get_cell_value(c->h, r, k, &v) == FREEXL_OK ? cell_text(&a, &v) : "";
        if (line[k][0]) {
            width = (size_t)k + 1;
            c->cells++;
        }
    }
    c->slots += width;
    if (width) {
        *last = (size_t)r + 1;
        strbuf_addc(&c->out, 'R');
        put_u32(c, *last);
        put_u32(c, width);
        for (size_t k = 0; k < width; k++)
            put_bytes(c, 'C', line[k]);
    }
    arena_free(&a);
    flush(c, false);
    if (c->cells > GRID_MAX_CELLS)
        return fail(c, FAIL_TOO_MANY, MANY_CELLS);
    if (c->slots > GRID_MAX_SLOTS || c->rows + *last > GRID_MAX_ROWS)
        return fail(c, FAIL_TOO_MANY, MANY_SLOTS);
    return true;
}

static bool child_sheet(Child *c, unsigned short index)
{
    const char *name = NULL;
    unsigned rows = 0;
    unsigned short cols = 0;
    if (freexl_get_worksheet_name(c->h, index, &name) != FREEXL_OK || !name)
        name = "";
    Arena a;
    arena_init(&a);
    put_bytes(c, 'S', grid_clean_text(&a, name, strlen(name)));
    arena_free(&a);
    /* a sheet FreeXL cannot select reads as empty */
    if (freexl_select_active_worksheet(c->h, index) != FREEXL_OK
        || freexl_worksheet_dimensions(c->h, &rows, &cols) != FREEXL_OK)
        rows = cols = 0;
    if ((size_t)rows * cols > c->visits)
        return fail(c, FAIL_TOO_MANY, MANY_VISITS);
    c->visits -= (size_t)rows * cols;
    const char **line = xcalloc(cols ? cols : 1, sizeof *line);
    size_t last = 0;
    bool ok = true;
    for (unsigned r = 0; r < rows && ok; r++)
        ok = child_row(c, r, cols, line, &last);
    free(line);
    c->rows += last;
    strbuf_addc(&c->out, 'T');
    put_u32(c, last);
    return ok;
}

static void child_book(Child *c)
{
    unsigned info = 0, count = 0;
    if (freexl_get_info(c->h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK
        && info == FREEXL_BIFF_OBFUSCATED) {
        fail(c, FAIL_PASSWORD, 0);
        return;
    }
    if (freexl_get_info(c->h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0) {
        fail(c, FAIL_NO_SHEETS, 0);
        return;
    }
    if (count > GRID_MAX_SHEETS) {
        fail(c, FAIL_TOO_MANY, MANY_SHEETS);
        return;
    }
    for (unsigned i = 0; i < count; i++)
        if (!child_sheet(c, (unsigned short)i))
            return;
    strbuf_addc(&c->out, 'E');
}

/* CPU seconds, and address space beyond what the child inherits (the
 * current size from /proc, when it is mounted: a sanitizer's shadow
 * memory is already part of it). */
static void limit_child(void)
{
    struct rlimit cpu = {CHILD_CPU_SECONDS, CHILD_CPU_SECONDS + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    long page = sysconf(_SC_PAGESIZE);
    if (f && fscanf(f, "%lu", &pages) == 1 && page > 0) {
        rlim_t as = (rlim_t)pages * (rlim_t)page + ((rlim_t)CHILD_MEMORY_MIB << 20);
        struct rlimit mem = {as, as};
        setrlimit(RLIMIT_AS, &mem);
    }
    if (f)
        fclose(f);
}

static _Noreturn void child_main(int fd, const char *name)
{
    limit_child();
    Child c = {fd, STRBUF_INIT, NULL, 0, 0, 0, CELL_VISITS};
    int rc = freexl_open(name, &c.h);
    unlink(name);
    if (rc != FREEXL_OK)
        fail(&c, FAIL_OPEN, rc);
    else
        child_book(&c);
    /* FreeXL wants its handle closed even when the open failed */
    if (c.h)
        freexl_close(c.h);
    flush(&c, true);
    strbuf_release(&c.out);
    close(fd);
    _exit(0);
}

/* ===== the parent: running the child ===== */

/* The bytes in a private temporary file; NULL (reported) when they cannot
 * be written. */
static const char *write_copy(Session *s, const char *path, const char *data, size_t len)
{
    const char *dir = getenv("TMPDIR");
    char *name = arena_sprintf(&s->arena, "%s/ptlc-xls-XXXXXX", dir && dir[0] ? dir : "/tmp");
    int fd = mkstemp(name);
    if (fd >= 0 && write_all(fd, data, len) && close(fd) == 0)
        return name;
    int e = errno;
    if (fd >= 0) {
        close(fd);
        unlink(name);
    }
    notify_report(s, SEV_ERROR, path, "not imported: the .xls workbook cannot be copied to a "
                  "temporary file for FreeXL (%s)", i18n_strerror(s->lang, e));
    return NULL;
}

static void read_stream(int fd, pid_t pid, StrBuf *stream)
{
    char *buf = xmalloc(CHUNK);
    for (;;) {
        ssize_t n = read(fd, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        strbuf_add(stream, buf, (size_t)n);
        if (stream->len > (size_t)STREAM_MAX_MIB << 20) {
            kill(pid, SIGKILL);
            break;
        }
    }
    free(buf);
}

/* Runs FreeXL on the copy in a child: its records into stream, its wait
 * status into *status; false (reported) when no child could be started. */
static bool run_child(Session *s, const char *path, const char *copy, StrBuf *stream, int *status)
{
    int p[2];
    if (pipe(p) != 0) {
        notify_report(s, SEV_ERROR, path, "not imported: FreeXL cannot be started (%s)",
                      i18n_strerror(s->lang, errno));
        return false;
    }
    fflush(NULL);                   /* a child that exits must not write the parent's buffers */
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        child_main(p[1], copy);
    }
    int e = errno;
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        notify_report(s, SEV_ERROR, path, "not imported: FreeXL cannot be started (%s)",
                      i18n_strerror(s->lang, e));
        return false;
    }
    read_stream(p[0], pid, stream);
    close(p[0]);
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
    return true;
}

/* ===== the parent: the records as a Grid ===== */

typedef struct Decode {
    Session *s;
    const char *path;
    const char *p, *end;
    bool bad;                       /* the stream is not what the child writes */
    size_t rows, slots;             /* laid out so far, against the caps */
    GridSheet *sheets;
    size_t nsheets, capsheets;
    GridRow *pending;               /* the current sheet's rows with text, in order */
    size_t npending, cappending;
} Decode;

static uint32_t get_u32(Decode *d)
{
    uint32_t v = 0;
    if (d->end - d->p < (ptrdiff_t)sizeof v) {
        d->bad = true;
        return 0;
    }
    memcpy(&v, d->p, sizeof v);
    d->p += sizeof v;
    return v;
}

static const char *get_text(Decode *d, char tag)
{
    if (d->p >= d->end || *d->p != tag) {
        d->bad = true;
        return "";
    }
    d->p++;
    uint32_t n = get_u32(d);
    if (d->bad || (size_t)(d->end - d->p) < n) {
        d->bad = true;
        return "";
    }
    const char *text = grid_clean_text(&d->s->arena, d->p, n);
    d->p += n;
    return text;
}

static void *grow(void *items, size_t *cap, size_t len, size_t size)
{
    if (len < *cap)
        return items;
    *cap = *cap ? *cap * 2 : 16;
    return xrealloc(items, *cap * size);
}

static void decode_row(Decode *d)
{
    uint32_t line = get_u32(d), n = get_u32(d);
    size_t prev = d->npending ? d->pending[d->npending - 1].line : 0;
    d->slots += n;
    if (d->bad || d->nsheets == 0 || line <= prev || line > GRID_MAX_ROW || n == 0
        || n > GRID_MAX_COL || d->slots > GRID_MAX_SLOTS) {
        d->bad = true;
        return;
    }
    GridRow row = {line, n, NULL, NULL};
    row.cell = arena_alloc(&d->s->arena, n * sizeof *row.cell);
    row.col = arena_alloc(&d->s->arena, n * sizeof *row.col);
    for (size_t k = 0; k < n && !d->bad; k++) {
        row.cell[k] = get_text(d, 'C');
        row.col[k] = k + 1;
    }
    d->pending = grow(d->pending, &d->cappending, d->npending, sizeof *d->pending);
    d->pending[d->npending++] = row;
}

static void decode_sheet_end(Decode *d)
{
    uint32_t nrows = get_u32(d);
    size_t last = d->npending ? d->pending[d->npending - 1].line : 0;
    d->rows += nrows;
    if (d->bad || d->nsheets == 0 || nrows != last || d->rows > GRID_MAX_ROWS) {
        d->bad = true;
        return;
    }
    GridSheet *sh = &d->sheets[d->nsheets - 1];
    sh->nrows = nrows;
    sh->rows = nrows ? arena_alloc(&d->s->arena, nrows * sizeof *sh->rows) : NULL;
    for (size_t i = 0; i < nrows; i++)
        sh->rows[i].line = i + 1;
    for (size_t i = 0; i < d->npending; i++)
        sh->rows[d->pending[i].line - 1] = d->pending[i];
    d->npending = 0;
}

static const char *freexl_reason(int rc)
{
    switch (rc) {
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
        return N_("not an OLE2 compound file");
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
        return N_("it has no Workbook stream");
    case FREEXL_INSUFFICIENT_MEMORY:
        return N_("it declares sheets too large to read");
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
        return N_("its text is in a code page FreeXL cannot convert");
    default:
        return N_("damaged: FreeXL cannot read it");
    }
}

static void report_failure(Decode *d)
{
    uint32_t f = get_u32(d), arg = get_u32(d);
    Session *s = d->s;
    if (f == FAIL_OPEN)
        notify_report(s, SEV_ERROR, d->path, "not imported: not an .xls workbook (%s)",
                      i18n_tr(s, freexl_reason((int)arg)));
    else if (f == FAIL_PASSWORD)
        notify_report(s, SEV_ERROR, d->path, "not imported: the .xls workbook is "
                                             "password-protected");
    else if (f == FAIL_NO_SHEETS)
        notify_report(s, SEV_ERROR, d->path, "not imported: the workbook has no sheets");
    else if (arg == MANY_SHEETS)
        notify_report(s, SEV_ERROR, d->path, "not imported: the workbook has more than %d "
                                             "sheets", GRID_MAX_SHEETS);
    else if (arg == MANY_VISITS)
        notify_report(s, SEV_ERROR, d->path, "not imported: the workbook's sheets declare more "
                      "than %zu cells", CELL_VISITS);
    else if (arg == MANY_CELLS)
        notify_report(s, SEV_ERROR, d->path, "not imported: the workbook has more than %d "
                                             "cells", GRID_MAX_CELLS);
    else
        notify_report(s, SEV_ERROR, d->path, "not imported: the workbook lays out as more "
                      "than %d rows or %d cells", GRID_MAX_ROWS, GRID_MAX_SLOTS);
}

/* The records into d; true at a whole stream's 'E', false (reported)
 * when the child could not read the workbook, false (unreported) when
 * the stream is broken off. */
static bool decode(Decode *d)
{
    bool in_sheet = false;
    while (!d->bad && d->p < d->end) {
        char tag = *d->p++;
        if (tag == 'S' && !in_sheet && d->nsheets < GRID_MAX_SHEETS) {
            d->p--;
            d->sheets = grow(d->sheets, &d->capsheets, d->nsheets, sizeof *d->sheets);
            d->sheets[d->nsheets++] = (GridSheet){get_text(d, 'S'), 0, NULL};
            in_sheet = true;
        } else if (tag == 'R' && in_sheet) {
            decode_row(d);
        } else if (tag == 'T' && in_sheet) {
            decode_sheet_end(d);
            in_sheet = false;
        } else if (tag == 'F') {
            report_failure(d);
            return false;
        } else if (tag == 'E' && !in_sheet && d->p == d->end && d->nsheets > 0) {
            return true;
        } else {
            d->bad = true;
        }
    }
    d->bad = true;
    return false;
}

static void report_stopped(Session *s, const char *path, int status)
{
    if (WIFSIGNALED(status))
        notify_report(s, SEV_ERROR, path, "not imported: FreeXL stopped reading the .xls "
                      "workbook (signal %d; it may use %d s of CPU and %d MiB)",
                      WTERMSIG(status), CHILD_CPU_SECONDS, CHILD_MEMORY_MIB);
    else
        notify_report(s, SEV_ERROR, path, "not imported: FreeXL stopped reading the .xls "
                      "workbook (exit status %d)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

bool grid_read_xls(Session *s, const char *path, const char *data, size_t len, Grid *out)
{
    memset(out, 0, sizeof *out);
    out->workbook = true;
    const char *copy = write_copy(s, path, data, len);
    if (!copy)
        return false;
    StrBuf stream = STRBUF_INIT;
    int status = 0;
    bool ran = run_child(s, path, copy, &stream, &status);
    unlink(copy);
    const char *bytes = strbuf_cstr(&stream);
    Decode d = {s, path, bytes, bytes + stream.len, false, 0, 0, NULL, 0, 0, NULL, 0, 0};
    bool ok = ran && decode(&d);
    if (ran && d.bad)
        report_stopped(s, path, status);
    if (ok) {
        out->nsheets = d.nsheets;
        out->sheets = d.sheets ? arena_alloc(&s->arena, d.nsheets * sizeof *out->sheets) : NULL;
        if (d.nsheets)
            memcpy(out->sheets, d.sheets, d.nsheets * sizeof *out->sheets);
    }
    free(d.sheets);
    free(d.pending);
    strbuf_release(&stream);
    return ok;
}
