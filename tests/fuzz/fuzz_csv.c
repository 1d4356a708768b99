/* fuzz_csv: the CSV of any input, each of its tables (first byte:
 * options, fuzz.h). Oracles: valid UTF-8 (after an optional BOM); RFC 4180
 * quoting that reads back into rows of one width; no control character in
 * a cell but a line feed; and every text cell that a spreadsheet would run
 * as a formula (= + - @ or their full-width forms, after blanks; a leading
 * tab or CR) guarded with an apostrophe, unless it is a plain number. */
#include "fuzz.h"

#include <string.h>

#include "safetext.h"
#include "source.h"

static bool plain_number(const char *s, size_t n)
{
    size_t i = s[0] == '-' ? 1 : 0, digits = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < n && s[i] == '.') {
        i++;
        size_t frac = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            frac++;
        if (!frac)
            return false;
    }
    return digits && i == n;
}

static void check_cell(const char *cell, size_t n, const char *all, size_t total)
{
    static const uint32_t trigger[] = {'=', '+', '-', '@', 0xFF1D, 0xFF0B, 0xFF0D, 0xFF20};
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(cell + i, n - i, &cp);
        FUZZ_CHECK(k && (cp == '\n' || cp == '\t' || !safe_unsafe_cp(cp)),
                   "a control or bidi character in a CSV cell", all, total);
        i += k;
    }
    if (n == 0 || cell[0] == '\'' || plain_number(cell, n))
        return;
    FUZZ_CHECK(cell[0] != '\t' && cell[0] != '\r', "an unguarded cell starting with tab or CR",
               all, total);
    size_t i = 0;
    uint32_t cp = 0;
    for (size_t k; i < n && (k = utf8_decode(cell + i, n - i, &cp)) != 0; i += k)
        if (cp != ' ' && cp != 0x3000 && cp != 0xA0 && cp != '\n' && cp != '\t')
            break;
    for (size_t t = 0; i < n && t < sizeof trigger / sizeof trigger[0]; t++)
        FUZZ_CHECK(cp != trigger[t], "a formula-like CSV cell without its guard", all, total);
}

/* Reads the CSV back (RFC 4180) and checks each cell and the row widths. */
static void check_csv(const char *s, size_t n, bool crlf)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t width = 0, cols = 0, rows = 0;
    StrBuf cell = STRBUF_INIT;
    while (i < n) {
        strbuf_reset(&cell);
        if (s[i] == '"') {
            for (i++;; i++) {
                FUZZ_CHECK(i < n, "an unterminated quoted CSV cell", s, n);
                if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
                    strbuf_addc(&cell, s[i++]);
                else if (s[i] == '"')
                    break;
                else
                    strbuf_addc(&cell, s[i]);
            }
            i++;
        } else {
            for (; i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r'; i++) {
                FUZZ_CHECK(s[i] != '"', "a quote inside an unquoted CSV cell", s, n);
                strbuf_addc(&cell, s[i]);
            }
        }
        check_cell(strbuf_cstr(&cell), cell.len, s, n);
        cols++;
        FUZZ_CHECK(i < n, "the CSV does not end with a line end", s, n);
        if (s[i] == ',') {
            i++;
            continue;
        }
        if (crlf) {
            FUZZ_CHECK(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n', "a row not ended by CR LF", s, n);
            i++;
        }
        FUZZ_CHECK(s[i] == '\n', "a row not ended by a line end", s, n);
        i++;
        FUZZ_CHECK(rows == 0 || cols == width, "CSV rows of different widths", s, n);
        width = cols;
        cols = 0;
        rows++;
    }
    FUZZ_CHECK(rows > 0, "a CSV without even its header row", s, n);
    strbuf_release(&cell);
}

static void emit(const Program *p, const FuzzInput *in)
{
    StrBuf out = STRBUF_INIT;
    emit_csv(p, &in->emit, &out);
    fuzz_assert_utf8("CSV", strbuf_cstr(&out), out.len);
    check_csv(strbuf_cstr(&out), out.len, in->emit.crlf);
    strbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_emit(data, size, emit);
    return 0;
}
