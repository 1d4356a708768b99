/* explain: the documents are found by name (docs/rules/NAME.md) in the
 * embedded table; their paragraphs (**Checks:**, **检查 (zh):**, **为什么
 * (zh):**, **Why (en):**) are located by their markers, so authors write
 * plain Markdown and nothing else parses it. A page is shown in one
 * language: the Chinese one is made from the document's Chinese paragraphs
 * under Chinese headings, the English one is the document without its
 * Chinese 检查 paragraph. */
#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "embedded.h"

static const EmbeddedFile docs[] = {
#include "explain.inc"
};

static const EmbeddedFile *doc_of(RuleId r)
{
    char want[96];
    snprintf(want, sizeof want, "%s.md", rule_info[r].name);
    for (size_t i = 0; i < ARRAY_LEN(docs); i++)
        if (strcmp(docs[i].name, want) == 0)
            return &docs[i];
    return NULL;
}

#define CHECKS_MARK "**Checks:**"
#define CHECKS_ZH_MARK "**检查 (zh):**"
#define WHY_ZH_MARK "**为什么 (zh):**"
#define WHY_EN_MARK "**Why (en):**"

/* The paragraph after marker, as one line: [*text, *text + return). */
static size_t paragraph(const EmbeddedFile *d, const char *marker, const char **text)
{
    const char *t = d ? strstr((const char *)d->bytes, marker) : NULL;
    if (!t)
        return 0;
    t += strlen(marker);
    while (*t == ' ')
        t++;
    const char *end = strstr(t, "\n\n");
    *text = t;
    return end ? (size_t)(end - t) : strlen(t);
}

/* Appends text[0..n) with its line breaks made spaces (between two CJK
 * characters a break is no space at all in Chinese; the documents break
 * Chinese lines only after punctuation, where none is wanted either). */
static void add_joined(StrBuf *out, const char *text, size_t n, bool cjk)
{
    for (size_t i = 0; i < n; i++) {
        if (text[i] != '\n')
            strbuf_addc(out, text[i]);
        else if (!cjk || (i > 0 && (unsigned char)text[i - 1] < 0x80))
            strbuf_addc(out, ' ');
    }
}

void explain_checks(StrBuf *out, Lang lang, RuleId r)
{
    const EmbeddedFile *d = doc_of(r);
    const char *text = NULL;
    size_t n = lang == LANG_ZH ? paragraph(d, CHECKS_ZH_MARK, &text) : 0;
    bool cjk = n > 0;
    if (!n)
        n = paragraph(d, CHECKS_MARK, &text);
    if (n)
        add_joined(out, text, n, cjk);
    else
        strbuf_adds(out, i18n_gettext(lang, rule_info[r].summary));
}

const char *explain_summary(Lang lang, RuleId r)
{
    return i18n_gettext(lang, rule_info[r].summary);
}

static bool fixed(RuleId r)
{
    return r == RULE_SYNTAX || r == RULE_ENCODING || r == RULE_NUMBER_TOO_LARGE;
}

/* Rules reported about a whole file or a declaration, never inside a
 * table, cannot be silenced by a table's or an indicator's allow. */
static bool outside_tables(RuleId r)
{
    return r == RULE_EMPTY_FILE || r == RULE_DUPLICATE_DECLARATION || r == RULE_UNKNOWN_DIMENSION
        || r == RULE_UNKNOWN_SETTING;
}

static void silence(StrBuf *out, Lang lang, RuleId r)
{
    const char *n = rule_info[r].name;
    strbuf_addf(out, i18n_format(lang, "Default level: %s\n\n"),
                severity_name(rule_info[r].default_severity));
    if (fixed(r)) {
        strbuf_adds(out, i18n_gettext(lang, "This rule cannot be silenced: nothing can be checked "
                                            "in text that does not parse.\n"));
        return;
    }
    strbuf_adds(out, i18n_gettext(lang, "How to change or silence it:\n\n"));
    strbuf_addf(out, i18n_format(lang, "- one run: `ptlc check --allow %s` (or `--warn`, "
                                       "`--deny`)\n"), n);
    strbuf_addf(out, i18n_format(lang, "- a project: `settings { allow %s }` in ptlc.settings\n"),
                n);
    if (outside_tables(r))
        return;
    strbuf_addf(out, i18n_format(lang, "- one table: the statement `allow %s \"reason\"` in the "
                                       "table\n"), n);
    strbuf_addf(out, i18n_format(lang, "- one indicator: `allow %s \"reason\"` at the end of its "
                                       "line\n"), n);
}

/* The lines of the documents' example sections that are not code: looked
 * up in the catalog, as their Chinese is not in the documents. */
static const char *const example_lines[] __attribute__((unused)) = {
    N_("This table saved in the GBK encoding instead of UTF-8:"),
    N_("The same table saved in UTF-8:"), N_("In ptlc.settings:")};

/* The document in Chinese: its 检查 and 为什么 paragraphs under Chinese
 * labels, the English ones left out, the example sections under Chinese
 * headings; code blocks as written. */
static void document_zh(StrBuf *out, const EmbeddedFile *d)
{
    const char *t = (const char *)d->bytes, *end = t + d->len;
    bool fence = false, skip = false;
    while (t < end) {
        const char *nl = memchr(t, '\n', (size_t)(end - t));
        size_t n = nl ? (size_t)(nl - t) : (size_t)(end - t);
        const char *next = nl ? nl + 1 : end;
        if (n >= 3 && memcmp(t, "```", 3) == 0)
            fence = !fence;
        if (fence || (n >= 3 && memcmp(t, "```", 3) == 0)) {
            strbuf_add(out, t, n);
        } else if (n == 0) {
            if (!skip)
                strbuf_addc(out, '\n');
            skip = false;
            t = next;
            continue;
        } else if (skip) {
            t = next;
            continue;
        } else if (strncmp(t, CHECKS_MARK, strlen(CHECKS_MARK)) == 0
                   || strncmp(t, WHY_EN_MARK, strlen(WHY_EN_MARK)) == 0) {
            skip = true;
            t = next;
            continue;
        } else if (strncmp(t, CHECKS_ZH_MARK, strlen(CHECKS_ZH_MARK)) == 0) {
            strbuf_adds(out, "**检查：**");
            strbuf_add(out, t + strlen(CHECKS_ZH_MARK), n - strlen(CHECKS_ZH_MARK));
        } else if (strncmp(t, WHY_ZH_MARK, strlen(WHY_ZH_MARK)) == 0) {
            strbuf_adds(out, "**为什么：**");
            strbuf_add(out, t + strlen(WHY_ZH_MARK), n - strlen(WHY_ZH_MARK));
        } else if (n == 8 && memcmp(t, "## Fails", 8) == 0) {
            strbuf_adds(out, "## 不通过的例子");
        } else if (n == 9 && memcmp(t, "## Passes", 9) == 0) {
            strbuf_adds(out, "## 通过的例子");
        } else {
            char line[256];
            if (n < sizeof line) {
                memcpy(line, t, n);
                line[n] = '\0';
                strbuf_adds(out, i18n_gettext(LANG_ZH, line));
            } else {
                strbuf_add(out, t, n);
            }
        }
        strbuf_addc(out, '\n');
        t = next;
    }
}

/* The document in English: as written, without its Chinese 检查 paragraph
 * (its 为什么 stays: the English page has always given both reasons). */
static void document_en(StrBuf *out, const EmbeddedFile *d)
{
    const char *t = (const char *)d->bytes;
    const char *zh = strstr(t, CHECKS_ZH_MARK);
    if (!zh) {
        strbuf_add(out, t, d->len);
        return;
    }
    const char *after = strstr(zh, "\n\n");
    strbuf_add(out, t, (size_t)(zh - t));
    if (after)
        strbuf_adds(out, after + 2);
}

void explain_plain(StrBuf *out, Lang lang, RuleId r)
{
    const EmbeddedFile *d = doc_of(r);
    if (d) {
        if (lang == LANG_ZH)
            document_zh(out, d);
        else
            document_en(out, d);
        if (out->len && out->buf[out->len - 1] != '\n')
            strbuf_addc(out, '\n');
    } else {
        strbuf_addf(out, "# %s\n\n%s\n", rule_info[r].name, explain_summary(lang, r));
    }
    strbuf_addc(out, '\n');
    silence(out, lang, r);
}

void explain_list(StrBuf *out, Lang lang)
{
    for (int r = 0; r < RULE_COUNT; r++)
        strbuf_addf(out, "%-22s %-8s %s\n", rule_info[r].name,
                    severity_name(rule_info[r].default_severity), explain_summary(lang, (RuleId)r));
}

void explain_markdown(StrBuf *out)
{
    strbuf_adds(out, "# ptlc rules\n\n"
                     "<!-- Generated by `ptlc explain --markdown` from docs/rules/*.md and "
                     "src/rules.def; edit those, then run `make docs`. -->\n\n"
                     "| rule | default | checks |\n|---|---|---|\n");
    for (int r = 0; r < RULE_COUNT; r++)
        strbuf_addf(out, "| [%s](#%s) | %s | %s |\n", rule_info[r].name, rule_info[r].name,
                    severity_name(rule_info[r].default_severity), rule_info[r].summary);
    for (int r = 0; r < RULE_COUNT; r++) {
        strbuf_adds(out, "\n---\n\n");
        explain_plain(out, LANG_EN, (RuleId)r);
    }
}
