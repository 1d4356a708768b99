/* template: the tables `ptlc new` writes for a new user to fill in — a
 * department's or a project's target table, or a project's self-evaluation —
 * in either keyword language, with comments in that language saying what to
 * write where and what `ptlc check` reports on the table as it is. The
 * templates are data (templates/KIND.LANG.ptl.in, embedded at build time
 * like the stdlib), so they are read and edited as tables, not as C strings.
 * Ownership: output is appended to a caller-owned StrBuf; nothing else is
 * allocated. */
#ifndef PTL_TEMPLATE_H
#define PTL_TEMPLATE_H

#include <stdbool.h>

#include "i18n.h"
#include "strbuf.h"

typedef enum TemplateKind {
    TEMPLATE_DEPARTMENT,    /* 部门整体支出绩效目标表 */
    TEMPLATE_PROJECT,       /* 项目支出绩效目标表 */
    TEMPLATE_EVALUATION,    /* 项目支出绩效自评表 */
    TEMPLATE_KIND_COUNT
} TemplateKind;

/* The kind a command-line word names, in English or in Chinese as the
 * keyword is spelt (department or 部门, project or 项目, evaluation or 自评):
 * true and *out set, else false. *chinese tells which spelling was used
 * (NULL: not wanted), since a user who types 项目 reads Chinese. */
bool template_kind_parse(const char *word, TemplateKind *out, bool *chinese);

/* The smallest and largest budget year a template may carry: those that
 * the invalid-year rule accepts. */
enum { TEMPLATE_YEAR_MIN = 1900, TEMPLATE_YEAR_MAX = 2200 };

/* Appends the template of kind with keywords and comments in lang, named
 * name — written as a .ptl string, so any text is safe there — or, with
 * name NULL, the placeholder ××单位 / ××项目 that check reports until it is
 * replaced; year is its budget year. False, and nothing appended, when name
 * is not UTF-8 text. */
bool template_render(TemplateKind kind, Lang lang, const char *name, int year, StrBuf *out);

#endif
