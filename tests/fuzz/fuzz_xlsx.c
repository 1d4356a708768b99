/* fuzz_xlsx: the workbook of any input (first byte: options, fuzz.h),
 * written to a temporary file as ptlc writes it. Oracles: the file is a zip
 * archive (read with libzip) whose every XML part is well-formed XML
 * (parsed with expat) — a control character or a broken escape in a cell
 * would make Excel call the workbook corrupt. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

static void check_xml(const char *name, const char *s, size_t n)
{
    XML_Parser x = XML_ParserCreate("UTF-8");
    if (XML_Parse(x, s, (int)n, 1) == XML_STATUS_ERROR) {
        fprintf(stderr, "%s: %s at line %lu\n", name, XML_ErrorString(XML_GetErrorCode(x)),
                (unsigned long)XML_GetCurrentLineNumber(x));
        XML_ParserFree(x);
        fuzz_fail("an XML part of the workbook is not well-formed", s, n);
    }
    XML_ParserFree(x);
}

static void check_workbook(const char *path)
{
    int e = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &e);
    FUZZ_CHECK(z != NULL, "the workbook is not a zip archive", path, strlen(path));
    zip_int64_t n = zip_get_num_entries(z, 0);
    FUZZ_CHECK(n > 0, "an empty workbook archive", NULL, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        FUZZ_CHECK(zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0, "an unreadable zip entry",
                   NULL, 0);
        size_t len = strlen(st.name);
        bool xml = (len > 4 && strcmp(st.name + len - 4, ".xml") == 0)
                   || (len > 5 && strcmp(st.name + len - 5, ".rels") == 0);
        if (!xml)
            continue;
        char *buf = malloc(st.size + 1);
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
        FUZZ_CHECK(f && zip_fread(f, buf, st.size) == (zip_int64_t)st.size,
                   "a zip entry that does not read back", st.name, len);
        zip_fclose(f);
        check_xml(st.name, buf, (size_t)st.size);
        free(buf);
    }
    zip_close(z);
}

static void emit(const Program *p, const FuzzInput *in)
{
    char path[] = "/tmp/ptlc-fuzz-XXXXXX";
    int fd = mkstemp(path);
    FUZZ_CHECK(fd >= 0, "no temporary file", NULL, 0);
    close(fd);
    const char *err = NULL;
    if (emit_xlsx(p, &in->emit, path, &err))
        check_workbook(path);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_emit(data, size, emit);
    return 0;
}
