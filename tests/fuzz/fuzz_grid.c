/* fuzz_grid: any bytes as a workbook through the readers of ptlc import:
 * grid_read_xlsx always, and grid_read_xls too when the first byte is odd
 * or the bytes begin as an OLE2 compound file does (D0 CF 11 E0, whose
 * first byte is even: so a real .xls seed reaches FreeXL). Bytes that
 * begin with '<' are XML rather than a zip: a sheet, then after each NUL
 * the shared strings and the styles, stored (not deflated) in a workbook
 * of fixed relationships, so that mutations reach the XML readers instead
 * of failing the inflater's CRC. FreeXL runs in
 * a child process (src/grid_xls.c), whose coverage libFuzzer does not see:
 * what is fuzzed there is the parent's side, the records it is sent.
 * Oracles: no crash; a reader that fails says why (an error notification)
 * and returns no sheet; one that succeeds reports no error; every sheet
 * name and cell is UTF-8 without a control character (a cell is one line
 * of text); rows are numbered 1, 2, 3 …, cells sit in columns 1, 2, 3 …,
 * and a row's last cell has text.
 *
 * Seeds: tests/fuzz/seeds.sh has no per-harness seed directory, so the
 * workbooks come from tests/unit/test_grid.c, which writes each one it
 * builds where PTL_GRID_SEEDS says (make fuzz adds its own seeds to the
 * corpus directory without emptying it):
 *     make build/tests/test_grid && mkdir -p build/fuzz/corpus/grid
 *     PTL_GRID_SEEDS=build/fuzz/corpus/grid build/tests/test_grid
 *     cp tests/import/grid.xls build/fuzz/corpus/grid/
 *     make fuzz FUZZERS=grid FUZZ_SECONDS=120 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "grid.h"
#include "notify.h"

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_ASAN 1
#endif
#endif
#ifdef FUZZ_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

/* FreeXL's child process inherits libFuzzer's death callback, which would
 * save every input FreeXL itself fails on as a crash of ptlc; and FreeXL
 * does fail, under ASan: an iconv over-read of a crafted string's length,
 * an allocation past the child's memory limit (tests/fuzz/regressions/grid/
 * keeps one of each). The child is there to contain exactly that; what is
 * a finding is the parent failing. So the child forgets the callback and
 * its reports go to /dev/null. */
static void quiet_child(void)
{
#ifdef FUZZ_ASAN
    __sanitizer_set_death_callback(NULL);
#endif
    int fd = open("/dev/null", O_WRONLY);
    if (fd >= 0) {
        dup2(fd, 2);
        close(fd);
    }
}

static void check_text(const char *what, const char *s)
{
    size_t n = strlen(s);
    fuzz_assert_utf8(what, s, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool c1 = c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0;
        FUZZ_CHECK(c >= 0x20 && c != 0x7F && !c1, what, s, n);
    }
    FUZZ_CHECK(n == 0 || (s[0] != ' ' && s[n - 1] != ' '), "a cell not trimmed", s, n);
}

static void check_grid(Session *s, const Grid *g, bool ok)
{
    size_t errors = notify_count(s, SEV_ERROR);
    FUZZ_CHECK(ok ? errors == 0 : errors > 0, ok ? "an error, but the workbook was read"
                                                 : "a workbook refused without an error", NULL, 0);
    FUZZ_CHECK(ok || g->nsheets == 0, "a refused workbook with sheets", NULL, 0);
    FUZZ_CHECK(g->workbook, "a workbook's grid not marked as one", NULL, 0);
    for (size_t i = 0; i < g->nsheets; i++) {
        const GridSheet *sh = &g->sheets[i];
        FUZZ_CHECK(sh->name != NULL, "a sheet without a name", NULL, 0);
        check_text("a sheet name with a control character or bad UTF-8", sh->name);
        for (size_t r = 0; r < sh->nrows; r++) {
            const GridRow *row = &sh->rows[r];
            FUZZ_CHECK(row->line == r + 1, "rows out of order", NULL, 0);
            FUZZ_CHECK(row->n == 0 || row->cell[row->n - 1][0], "a row ends in a blank", NULL, 0);
            for (size_t k = 0; k < row->n; k++) {
                FUZZ_CHECK(row->col[k] == k + 1, "a cell out of its column", NULL, 0);
                check_text("a cell with a control character or bad UTF-8", row->cell[k]);
            }
        }
        FUZZ_CHECK(sh->nrows == 0 || sh->rows[sh->nrows - 1].n > 0, "a sheet ends in a blank row",
                   NULL, 0);
    }
}

static const char fixed_root[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"r\" Type=\"x/officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>";
static const char fixed_book[] =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" r:id=\"a\"/></sheets></workbook>";
static const char fixed_rels[] =
    "<Relationships><Relationship Id=\"a\" Type=\"x/worksheet\" Target=\"worksheets/s.xml\"/>"
    "<Relationship Id=\"b\" Type=\"x/sharedStrings\" Target=\"/xl/sst.xml\"/>"
    "<Relationship Id=\"c\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";

static void add_stored(zip_t *z, const char *name, const char *text, size_t len)
{
    zip_source_t *src = zip_source_buffer(z, text, len, 0);
    zip_int64_t i = src ? zip_file_add(z, name, src, 0) : -1;
    FUZZ_CHECK(i >= 0, "libzip cannot add a part", name, strlen(name));
    zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* The XML parts of data (sheet NUL strings NUL styles) as a workbook. */
static void zip_xml(const uint8_t *data, size_t size, StrBuf *out)
{
    const char *p = (const char *)data, *end = p + size;
    const char *part[3] = {"", "", ""};
    size_t len[3] = {0, 0, 0};
    for (int k = 0; k < 3 && p <= end; k++) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        part[k] = p;
        len[k] = (size_t)((nul ? nul : end) - p);
        p += len[k] + 1;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    FUZZ_CHECK(z != NULL, "libzip cannot write to memory", NULL, 0);
    zip_source_keep(src);
    add_stored(z, "_rels/.rels", fixed_root, strlen(fixed_root));
    add_stored(z, "xl/workbook.xml", fixed_book, strlen(fixed_book));
    add_stored(z, "xl/_rels/workbook.xml.rels", fixed_rels, strlen(fixed_rels));
    add_stored(z, "xl/worksheets/s.xml", part[0], len[0]);
    add_stored(z, "xl/sst.xml", part[1], len[1]);
    add_stored(z, "xl/styles.xml", part[2], len[2]);
    FUZZ_CHECK(zip_close(z) == 0, "libzip cannot close the workbook", NULL, 0);
    zip_stat_t st;
    FUZZ_CHECK(zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0,
               "libzip cannot read the workbook back", NULL, 0);
    strbuf_grow(out, (size_t)st.size);
    zip_int64_t n = zip_source_read(src, out->buf, st.size);
    out->len = n > 0 ? (size_t)n : 0;
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
}

static void run(bool xls, const uint8_t *data, size_t size)
{
    Session s;
    session_init(&s);
    s.lang = size % 2 ? LANG_ZH : LANG_EN;
    Grid g;
    const char *bytes = size ? (const char *)data : "";
    bool ok = xls ? grid_read_xls(&s, "fuzz.xls", bytes, size, &g)
                  : grid_read_xlsx(&s, "fuzz.xlsx", bytes, size, &g);
    check_grid(&s, &g, ok);
    session_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet;              /* the harness's one piece of state */
    if (!quiet)
        quiet = pthread_atfork(NULL, NULL, quiet_child) == 0;
    if (size && data[0] == '<') {
        StrBuf book = STRBUF_INIT;
        zip_xml(data, size, &book);
        run(false, (const uint8_t *)strbuf_cstr(&book), book.len);
        strbuf_release(&book);
        return 0;
    }
    run(false, data, size);
    if ((size && data[0] % 2) || (size >= 4 && memcmp(data, "\xd0\xcf\x11\xe0", 4) == 0))
        run(true, data, size);
    return 0;
}
