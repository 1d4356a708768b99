/* libs: libzip and libxlsxwriter, opened when first needed. Both are large
 * (libzip brings libcrypto): linked into the program, relocating them was
 * 4.4 million of the 10.4 million instructions of `ptlc check` of an empty
 * file, and only `import` of a workbook and `build --format xlsx` use them.
 * The call sites name the function through ZIP() or XLSX(). */
#ifndef PTLC_LIBS_H
#define PTLC_LIBS_H

#include <xlsxwriter.h>
#include <zip.h>

#define ZIP_FUNCTIONS(X)                                                                   \
    X(zip_discard) X(zip_error_fini) X(zip_error_init) X(zip_error_strerror) X(zip_fclose) \
    X(zip_file_strerror) X(zip_fopen_index) X(zip_fread) X(zip_get_num_entries)            \
    X(zip_name_locate) X(zip_open_from_source) X(zip_source_buffer_create)                 \
    X(zip_source_free) X(zip_strerror)

#define XLSX_FUNCTIONS(X)                                                                  \
    X(format_set_align) X(format_set_bold) X(format_set_border) X(format_set_font_color)   \
    X(format_set_font_name) X(format_set_font_size) X(format_set_num_format)               \
    X(format_set_text_wrap) X(lxw_strerror) X(workbook_add_format)                         \
    X(workbook_add_worksheet) X(workbook_close) X(workbook_new) X(workbook_set_properties) \
    X(workbook_validate_sheet_name) X(worksheet_center_horizontally)                       \
    X(worksheet_fit_to_pages) X(worksheet_merge_range) X(worksheet_repeat_rows)            \
    X(worksheet_set_column) X(worksheet_set_landscape) X(worksheet_set_paper)              \
    X(worksheet_set_row) X(worksheet_write_blank) X(worksheet_write_number)                \
    X(worksheet_write_string)

#define LIBS_POINTER(f) __typeof__(f) *f;
typedef struct ZipLib {
    ZIP_FUNCTIONS(LIBS_POINTER)
} ZipLib;
typedef struct XlsxLib {
    XLSX_FUNCTIONS(LIBS_POINTER)
} XlsxLib;
#undef LIBS_POINTER

/* The library's functions, opened on the first call (once per process, by
 * any thread). NULL when it cannot be opened or lacks a function; *why (if
 * why is not NULL) then says so, as the dynamic loader put it. */
const ZipLib *libs_zip(const char **why);
const XlsxLib *libs_xlsx(const char **why);

/* A call through a library a caller has opened: ZIP(zip_fread)(f, buf, n). */
#define ZIP(f) (libs_zip(NULL)->f)
#define XLSX(f) (libs_xlsx(NULL)->f)

#endif
