/* lex: the C side of the scanner: classifying identifier characters by
 * their Unicode category (from utf8proc), keywords, numbers and dates. Kept
 * out of grammar/ptl.l so it can be unit tested and the .l stays a token
 * list. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "check.h"
#include "parse.h"
#include "parse_internal.h"
#include "safetext.h"

/* ===== scanner helpers ===== */

/* Every keyword has an English and a Chinese spelling, the same token; a
 * file may use either (ptlc fmt --keywords converts). A Chinese one is a
 * keyword only where a keyword may stand: where the grammar wants a name
 * (budget 年度 { ... }, a vocabulary's items) it is that name (parse.c). */
static const struct { const char *en, *zh; int tok; } keywords[] = {
    {"department", "部门", TOK_DEPARTMENT}, {"project", "项目", TOK_PROJECT},
    {"year", "年度", TOK_YEAR}, {"filed", "填报日期", TOK_FILED},
    {"filer", "填报人", TOK_FILER}, {"attachment", "附件", TOK_ATTACHMENT},
    {"duty", "履职目标", TOK_DUTY}, {"task", "任务", TOK_TASK}, {"budget", "预算", TOK_BUDGET},
    {"total", "资金总额", TOK_TOTAL}, {"source", "收入", TOK_SOURCE}, {"nature", "支出", TOK_NATURE},
    {"indicators", "绩效指标", TOK_INDICATORS}, {"amount", "项目金额", TOK_AMOUNT},
    {"category", "项目类别", TOK_CATEGORY}, {"period", "实施期", TOK_PERIOD},
    {"goal", "绩效目标", TOK_GOAL}, {"framework", "指标体系", TOK_FRAMEWORK},
    {"note", "备注", TOK_NOTE}, {"unit", "计量单位", TOK_UNIT}, {"dimension", "量纲", TOK_DIMENSION},
    {"vocabulary", "词表", TOK_VOCABULARY}, {"alias", "别名", TOK_ALIAS},
    {"default", "默认", TOK_DEFAULT}, {"qual", "定性", TOK_QUAL}, {"weight", "权重", TOK_WEIGHT},
    {"standard", "评价标准", TOK_STANDARD}, {"allow", "豁免", TOK_ALLOW},
    {"funding", "资金来源", TOK_FUNDING}, {"settings", "设置", TOK_SETTINGS},
    {"warn", "警告", TOK_WARN}, {"deny", "禁止", TOK_DENY}, {"set", "设定", TOK_SET},
    {"org", "机构", TOK_ORG}, {"person", "人员", TOK_PERSON}, {"attribute", "属性", TOK_ATTRIBUTE},
    {"text", "文字", TOK_TEXT}, {"code", "编码", TOK_CODE}, {"phone", "电话", TOK_PHONE},
    {"share", "占比", TOK_SHARE}, {"breakdown", "明细", TOK_BREAKDOWN}, {"part", "分项", TOK_PART},
    {"score", "分值", TOK_SCORE}, {"scoring", "评分标准", TOK_SCORING}, {"quant", "定量", TOK_QUANT},
    {"evaluation", "自评", TOK_EVALUATION}, {"execution", "预算执行", TOK_EXECUTION},
    {"outcome", "完成情况", TOK_OUTCOME}, {"results", "实际完成值", TOK_RESULTS},
    {"scored", "得分", TOK_SCORED}, {"grade", "等级", TOK_GRADE}, {"rate", "执行率", TOK_RATE},
    {"reason", "偏差原因", TOK_REASON},
};

/* Keyword values carry (token + 1) * 2, plus 1 for the Chinese spelling. */
void lex_init_keywords(Session *s)
{
    if (s->keywords.count)
        return;
    for (size_t i = 0; i < ARRAY_LEN(keywords); i++) {
        ptrmap_put(&s->keywords, intern_cstr(&s->names, keywords[i].en),
                   (void *)(intptr_t)((keywords[i].tok + 1) * 2));
        ptrmap_put(&s->keywords, intern_cstr(&s->names, keywords[i].zh),
                   (void *)(intptr_t)((keywords[i].tok + 1) * 2 + 1));
    }
}

const char *lex_keyword_spelling(int tok, bool zh)
{
    for (size_t i = 0; i < ARRAY_LEN(keywords); i++)
        if (keywords[i].tok == tok)
            return zh ? keywords[i].zh : keywords[i].en;
    return NULL;
}

bool lex_is_keyword(const char *word)
{
    for (size_t i = 0; i < ARRAY_LEN(keywords); i++)
        if (strcmp(word, keywords[i].en) == 0 || strcmp(word, keywords[i].zh) == 0)
            return true;
    return false;
}

/* True when a and b (UTF-8) are one code point apart: one substituted,
 * inserted or deleted. */
static bool one_edit_apart(const char *a, const char *b)
{
    uint32_t x[16], y[16];
    size_t n = 0, m = 0, k;
    for (size_t i = 0, la = strlen(a); i < la && n < 16; i += k)
        if ((k = utf8_decode(a + i, la - i, &x[n++])) == 0)
            return false;
    for (size_t i = 0, lb = strlen(b); i < lb && m < 16; i += k)
        if ((k = utf8_decode(b + i, lb - i, &y[m++])) == 0)
            return false;
    if (n > m + 1 || m > n + 1)
        return false;
    size_t i = 0, j = 0;
    while (i < n && j < m && x[i] == y[j])
        i++, j++;
    if (n == m)
        i++, j++;       /* the one substitution */
    else if (n > m)
        i++;
    else
        j++;
    for (; i < n && j < m; i++, j++)
        if (x[i] != y[j])
            return false;
    return i >= n && j >= m;
}

/* An English word is matched against the English spellings as any name is;
 * a Chinese one only against the Chinese ones, and only one character off
 * (年份 for 年度): two-character words are close to everything, and a
 * category name (产出指标) must not be "corrected" into a keyword (绩效指标). */
const char *lex_suggest_keyword(const char *word)
{
    bool ascii = true;
    for (const char *c = word; *c; c++)
        ascii = ascii && (unsigned char)*c < 0x80;
    void *names[ARRAY_LEN(keywords)];
    for (size_t i = 0; i < ARRAY_LEN(keywords); i++)
        names[i] = (void *)(ascii ? keywords[i].en : keywords[i].zh);
    PtrVec v = {names, ARRAY_LEN(keywords), ARRAY_LEN(keywords)};
    const char *s = suggest(&v, word);
    if (!ascii && s && !one_edit_apart(word, s))
        return NULL;
    return s;
}

int lex_word(Parser *p, const char *s, size_t n, Span span, Name *out)
{
    const char *name = intern(&p->s->names, s, n);
    intptr_t kw = (intptr_t)ptrmap_get(&p->s->keywords, name);
    *out = (Name){name, span};  /* kept for a Chinese keyword read as a name */
    p->zh_keyword = kw && (kw & 1);
    if (kw)
        return (int)(kw / 2 - 1);
    return TOK_IDENT;
}

Number lex_number(Parser *p, const char *s, size_t n, Span span)
{
    Number num = {0};
    num.span = span;
    num.text = arena_strndup(p->arena, s, n);
    DecStatus st = dec_parse(s, n, &num.dec);
    num.ok = st == DEC_OK;
    if (st == DEC_OVERFLOW)
        diag_report(p->s, RULE_NUMBER_TOO_LARGE, span,
                    "number '%.20s%s' has more digits than ptlc computes exactly "
                    "(18 significant digits, 18 after the point)", num.text, n > 20 ? "…" : "");
    return num;
}

/* The ASCII digits a cell meant: full-width digits (EF BC 90..99) made
 * ASCII, thousands separators (',' and '，' EF BC 8C) dropped. */
static const char *plain_digits(Parser *p, const char *s, size_t n)
{
    StrBuf out = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xEF && i + 2 < n) {
            unsigned char last = (unsigned char)s[i + 2];
            if (last >= 0x90 && last <= 0x99)
                strbuf_addc(&out, (char)('0' + (last - 0x90)));
            i += 2;
        } else if (c != ',') {
            strbuf_addc(&out, (char)c);
        }
    }
    const char *plain = arena_strndup(&p->s->arena, out.buf, out.len);
    strbuf_release(&out);
    return plain;
}

/* The number read from its plain digits, shown as written. */
static Number meant_number(Parser *p, const char *s, size_t n, Span span, const char *plain)
{
    Number num = lex_number(p, plain, strlen(plain), span);
    num.text = arena_strndup(p->arena, s, n);
    return num;
}

Number lex_fullwidth_digits(Parser *p, const char *s, size_t n, Span span)
{
    const char *plain = plain_digits(p, s, n);
    diag_offer_fix(p->s, span, plain);
    parse_error(p, span, "full-width digits '%.*s': write %s", (int)n, s, plain);
    return meant_number(p, s, n, span, plain);
}

Number lex_grouped_number(Parser *p, const char *s, size_t n, Span span)
{
    const char *plain = plain_digits(p, s, n);
    diag_offer_fix(p->s, span, plain);
    parse_error(p, span, "'%.*s' has a thousands separator: write %s", (int)n, s, plain);
    return meant_number(p, s, n, span, plain);
}

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

/* Splits "2026-01-28" (or "2026.1.28" with sep '.') into at most 3 runs of
 * digits; returns how many, or -1 when a run is empty or longer than 4. */
static int split_date(const char *s, size_t n, char sep, int part[3], size_t len[3])
{
    int k = 0;
    size_t i = 0;
    while (i < n && k < 3) {
        size_t j = i;
        int v = 0;
        for (; j < n && s[j] >= '0' && s[j] <= '9' && j - i < 4; j++)
            v = v * 10 + (s[j] - '0');
        if (j == i || (j < n && s[j] != sep))
            return -1;
        part[k] = v;
        len[k++] = j - i;
        i = j + 1;
    }
    return i < n ? -1 : k;
}

bool lex_date_valid(int year, int month, int day)
{
    if (month < 1 || month > 12)
        return false;
    return day == 0 || (day >= 1 && day <= days_in_month(year, month));
}

static bool date_in_range(const Date *d)
{
    return lex_date_valid(d->year, d->month, d->day);
}

Date lex_date(Parser *p, const char *s, size_t n, Span span, bool dotted)
{
    Date d = {0};
    d.span = span;
    d.text = arena_strndup(p->arena, s, n);
    if (dotted && n > 0 && s[n - 1] == '.')
        n--;
    int part[3] = {0, 0, 0};
    size_t len[3] = {0, 0, 0};
    int k = split_date(s, n, dotted ? '.' : '-', part, len);
    d.year = part[0];
    d.month = part[1];
    d.day = k == 3 ? part[2] : 0;
    bool shape_ok = k >= 2 && len[0] == 4 && len[1] == 2 && (k == 2 || len[2] == 2);
    d.ok = k >= 2 && date_in_range(&d);
    if (!d.ok) {
        parse_error(p, span, "'%s' is not a valid date: write YYYY-MM-DD, e.g. 2026-01-28", d.text);
        return d;
    }
    if (dotted || !shape_ok) {
        const char *canon = d.day
            ? arena_sprintf(p->arena, "%04d-%02d-%02d", d.year, d.month, d.day)
            : arena_sprintf(p->arena, "%04d-%02d", d.year, d.month);
        parse_error(p, span, "write the date '%s' as %s", d.text, canon);
        d.text = canon;
    }
    return d;
}

/* 2025年12月, 2021年1月28日: the date as a Chinese table prints it, kept
 * as written (it is a valid spelling, not a mistake). */
Date lex_cn_date(Parser *p, const char *s, size_t n, Span span)
{
    Date d = {0};
    d.span = span;
    d.text = arena_strndup(p->arena, s, n);
    int part[3] = {0, 0, 0}, k = 0;
    for (size_t i = 0; i < n && k < 3;) {
        if (s[i] >= '0' && s[i] <= '9') {
            part[k] = part[k] * 10 + (s[i] - '0');
            i++;
        } else {
            k++;
            i += 3;     /* 年, 月 and 日 are three bytes each */
        }
    }
    d.year = part[0];
    d.month = part[1];
    d.day = part[2];
    d.ok = date_in_range(&d);
    if (!d.ok)
        parse_error(p, span, "'%s' is not a valid date", d.text);
    return d;
}

/* ===== identifiers and symbols ===== */

/* Names are letters, marks, digits and '_' (digits not first), plus the
 * middle dots used in compound units such as 人·月. */
static bool ident_char(uint32_t cp, bool first)
{
    if (cp < 0x80)
        return cp == '_' || (cp | 0x20) - 'a' < 26 || (!first && cp - '0' < 10);
    if (cp == 0xB7 || cp == 0x30FB)
        return !first;
    /* the squared unit symbols ㎡ ㎥ ㎞ ㎏ (U+3380..U+33DF) are symbols (So),
       not letters, yet tables print them as units, alone or as 万㎡ */
    if (cp >= 0x3380 && cp <= 0x33DF)
        return true;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
        return true;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_PC:
        return !first;
    default:
        return false;
    }
}

/* The length of the name character at s[i] (n bytes in all), 0 when none
 * starts there. ASCII and the CJK Unified Ideographs (U+4E00..U+9FFF, all
 * letters, Lo) are taken without decoding or a table look-up: most of every
 * name. */
static inline size_t ident_at(const char *s, size_t n, size_t i, bool first)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[i] < 0x80)
        return ident_char(u[i], first);
    if (u[i] >= 0xE4 && u[i] <= 0xE9 && utf8_plain3(u, i, n) && (u[i] > 0xE4 || u[i + 1] >= 0xB8))
        return 3;
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    return k && ident_char(cp, first) ? k : 0;
}

size_t lex_ident_len(const char *s, size_t n)
{
    size_t i = 0, k;
    while (i < n && (k = ident_at(s, n, i, i == 0)) > 0)
        i += k;
    return i;
}

/* Punctuation that names contain: 网上来信、来访, 数量指标(或建筑规模指标),
 * 安保（信访）. */
static int glue_kind(uint32_t cp)
{
    switch (cp) {
    case '(': case 0xFF08: return 1;            /* opens */
    case ')': case 0xFF09: return 2;            /* closes */
    case 0x3001: case 0xFF0C: case 0xFF1A: return 3;   /* 、，： */
    default: return 0;
    }
}

size_t lex_glued_len(const Parser *p, uint32_t start, size_t n)
{
    const char *s = p->src->text + start;
    size_t len = p->src->len - start, i = n, end = n;
    int depth = 0;
    bool glued = false;
    while (i < len) {
        size_t k = ident_at(s, len, i, false);
        if (k) {
            i += k;
            if (glued && depth == 0)
                end = i;
            continue;
        }
        uint32_t cp;
        k = utf8_decode(s + i, len - i, &cp);
        int g = k ? glue_kind(cp) : 0;
        if (g == 1)
            depth++;
        else if (g == 2 && --depth < 0)
            break;
        else if (g == 0)
            break;
        glued = true;
        i += k;
        if (depth == 0 && g == 2)
            end = i;    /* a bracket closed: the name may end here */
    }
    /* only a word that would glue is looked up (the scanner's common case
       costs nothing): 年度：2026 is a keyword and a stray '：' */
    if (end > n && ptrmap_get(&p->s->keywords, intern((Interner *)&p->s->names, s, n)))
        return n;
    return end;
}

int lex_glued_word(Parser *p, uint32_t start, size_t n, size_t g, Name *out)
{
    Span sp = {p->file, start, start + (uint32_t)g};
    const char *text = p->src->text + start;
    diag_offer_fix(p->s, sp, arena_sprintf(&p->s->arena, "\"%.*s\"", (int)g, text));
    parse_error(p, sp, "a name that contains punctuation must be quoted: write \"%.*s\"",
                (int)g, text);
    p->glue_start = start;
    p->glue_from = start + (uint32_t)n;
    p->glue_end = start + (uint32_t)g;
    *out = (Name){intern(&p->s->names, text, g), sp};
    return TOK_IDENT;
}

/* Full-width forms typed by a Chinese input method where ASCII is meant. */
static const struct { uint32_t cp; const char *ascii; int tok; } fullwidth[] = {
    {0xFF05, "%", TOK_PERCENT}, {0xFF1D, "=", TOK_EQ}, {0xFF1E, ">", TOK_GT},
    {0xFF1C, "<", TOK_LT}, {0xFF5B, "{", TOK_LBRACE}, {0xFF5D, "}", TOK_RBRACE},
    {0xFF1B, ";", TOK_SEMI}, {0xFF0F, "/", TOK_SLASH},
    {0x201C, "\"", 0}, {0x201D, "\"", 0},
};

/* Separators an input method types between the parts of a statement
 * (年度：2026, ≥ 5 个，): never part of one, so deleting them is the fix.
 * (Inside a name they are glued to it: lex_glued_len.) */
static bool is_stray_punct(uint32_t cp)
{
    return cp == 0xFF0C || cp == 0xFF1A || cp == 0x3001 || cp == 0x3002 || cp == ',';
}

static bool is_cjk_punct(uint32_t cp)
{
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF)
        || (cp >= 0x2010 && cp <= 0x2027);
}

/* “…” on one line, typed by an input method for "…": one error with both
 * fixes, read as the string (no escapes: an input method types none). */
static int curly_string(Parser *p, const char *s, size_t n, uint32_t at, size_t *used,
                        YYSTYPE *lval)
{
    size_t i = 3;
    uint32_t cp = 0;
    for (size_t k; i < n && (k = utf8_decode(s + i, n - i, &cp)) != 0; i += k) {
        if (cp == 0x201D || cp == '\n' || cp == '\r' || cp == '"')
            break;
    }
    if (i >= n || cp != 0x201D)
        return 0;   /* not closed on the line: the quotes are reported one by one */
    *used = i + 3;
    Span sp = {p->file, at, at + (uint32_t)*used};
    Diag *d = parse_error(p, sp, "curly quotes “…” around a text: write straight quotes \"…\"");
    diag_fix(p->s, d, (Span){p->file, at, at + 3}, "\"");
    diag_fix(p->s, d, (Span){p->file, at + (uint32_t)i, at + (uint32_t)i + 3}, "\"");
    lval->TOK_STRING = (Text){arena_strndup(p->arena, s + 3, i - 3), i - 3, sp};
    return TOK_STRING;
}

/* A run of full-width digits (and ．) is read as the number it spells, after
 * one error, so the rest of the statement still checks. */
static int fullwidth_number(Parser *p, const char *s, size_t n, uint32_t at, size_t *used,
                            YYSTYPE *lval)
{
    StrBuf ascii = STRBUF_INIT;
    size_t i = 0;
    uint32_t cp;
    for (size_t k; i < n && (k = utf8_decode(s + i, n - i, &cp)) != 0; i += k) {
        if (cp >= 0xFF10 && cp <= 0xFF19)
            strbuf_addc(&ascii, (char)('0' + (cp - 0xFF10)));
        else if (cp == 0xFF0E)
            strbuf_addc(&ascii, '.');
        else
            break;
    }
    *used = i;
    Span sp = {p->file, at, at + (uint32_t)i};
    diag_offer_fix(p->s, sp, arena_strndup(&p->s->arena, ascii.buf, ascii.len));
    parse_error(p, sp, "full-width digits '%.*s': write %s", (int)i, s, strbuf_cstr(&ascii));
    lval->TOK_NUMBER = lex_number(p, ascii.buf, ascii.len, sp);
    lval->TOK_NUMBER.text = arena_strndup(p->arena, s, i);
    strbuf_release(&ascii);
    return TOK_NUMBER;
}

/* Template placeholders (××, ……) are read as a bare word so the checker can
 * name them as placeholders instead of as stray punctuation. */
static int placeholder_word(Parser *p, const char *s, size_t n, uint32_t at, size_t *used,
                            YYSTYPE *lval, uint32_t mark)
{
    size_t i = 0;
    uint32_t cp;
    for (size_t k; i < n && (k = utf8_decode(s + i, n - i, &cp)) != 0 && cp == mark; i += k)
        ;
    *used = i;
    return lex_word(p, s, i, (Span){p->file, at, at + (uint32_t)i}, &lval->TOK_IDENT);
}

int lex_symbol(Parser *p, const char *s, size_t n, uint32_t at, size_t *used, YYSTYPE *lval)
{
    uint32_t cp = 0;
    size_t k = utf8_decode(s, n, &cp);
    *used = k ? k : 1;
    Span sp = {p->file, at, at + (uint32_t)*used};
    if (cp == 0x2265)
        return TOK_GE;
    if (cp == 0x2264)
        return TOK_LE;
    if (cp == 0x2030)
        return TOK_PERMILLE;
    if (cp == 0x2267 || cp == 0x2266) {     /* ≧ ≦, an input method's look-alikes */
        const char *want = cp == 0x2267 ? "≥" : "≤";
        diag_offer_fix(p->s, sp, want);
        parse_error(p, sp, "'%.*s' is not an operator: write %s", (int)*used, s, want);
        return cp == 0x2267 ? TOK_GE : TOK_LE;
    }
    if (cp == 0xD7 || cp == 0x2026)     /* ×, … */
        return placeholder_word(p, s, n, at, used, lval, cp);
    if (cp == 0x201C) {
        int tok = curly_string(p, s, n, at, used, lval);
        if (tok)
            return tok;
    }
    for (size_t i = 0; i < ARRAY_LEN(fullwidth); i++) {
        if (fullwidth[i].cp != cp)
            continue;
        diag_offer_fix(p->s, sp, fullwidth[i].ascii);
        parse_error(p, sp, "full-width '%.*s' is not valid here; did you mean '%s'?",
                    (int)*used, s, fullwidth[i].ascii);
        return fullwidth[i].tok;
    }
    if (cp >= 0xFF10 && cp <= 0xFF19)
        return fullwidth_number(p, s, n, at, used, lval);
    if (cp == 0x3000) {
        diag_offer_fix(p->s, sp, " ");
        parse_error(p, sp, "full-width space (U+3000): use an ASCII space");
        return 0;
    }
    if (is_stray_punct(cp)) {
        /* 年度：2026 needs a space where the '：' was; 5 个， needs none */
        const char *t = p->src->text;
        bool space = at > 0 && !strchr(" \t\r\n", t[at - 1]) && sp.end < p->src->len
                     && !strchr(" \t\r\n", t[sp.end]);
        diag_offer_fix(p->s, sp, space ? " " : "");
        if (space)
            parse_error(p, sp, "stray '%.*s' between the parts of a statement: write a space "
                        "instead", (int)*used, s);
        else
            parse_error(p, sp, "stray '%.*s' between the parts of a statement: delete it",
                        (int)*used, s);
        return 0;
    }
    if (is_cjk_punct(cp))
        parse_error(p, sp, "unexpected '%.*s': a name that contains punctuation must be quoted",
                    (int)*used, s);
    else
        parse_error(p, sp, "invalid character '%.*s' (U+%04X)", (int)*used, s, (unsigned)cp);
    return 0;
}

/* A run of bytes that are not UTF-8 (C0 80, a sequence cut short) is one
 * mistake, reported once with all its bytes, not once per byte. */
void lex_bad_byte(Parser *p, uint32_t off, const char *where)
{
    const unsigned char *text = (const unsigned char *)p->src->text;
    if (p->bad_run && off == p->bad_run->span.end) {
        Diag *d = p->bad_run;
        d->span.end = off + 1;
        StrBuf sb = STRBUF_INIT;
        for (uint32_t i = d->span.start; i < d->span.end && i - d->span.start < 8; i++)
            strbuf_addf(&sb, "%s0x%02X", i > d->span.start ? " " : "", text[i]);
        if (d->span.end - d->span.start > 8)
            strbuf_adds(&sb, " …");
        d->msg = i18n_sprintf(p->s, "invalid UTF-8 bytes %s%s", strbuf_cstr(&sb),
                              i18n_tr(p->s, p->bad_where));
        strbuf_release(&sb);
        return;
    }
    Span at = {p->file, off, off + 1};
    p->bad_run = diag_report(p->s, RULE_ENCODING, at, "invalid UTF-8 byte 0x%02X%s", text[off],
                             i18n_tr(p->s, where));
    p->bad_where = where;
}

static void report_bidi(Parser *p, uint32_t cp, Span sp)
{
    diag_report(p->s, RULE_BIDI_CONTROL, sp,
                "invisible bidirectional control character U+%04X in text: it can make "
                "the table display differently than it reads; remove it", (unsigned)cp);
}

/* Tab and newline have their escapes and are what they seem; every other
 * control character is invisible in a table and can rewrite a terminal or
 * log line (ESC [ ... ) when the text is printed. */
static bool is_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F);
}

static void report_control(Parser *p, uint32_t cp, Span sp)
{
    diag_report(p->s, RULE_CONTROL_CHARACTER, sp,
                "invisible control character U+%04X in text: remove it (write \\n or \\t "
                "for a line break or a tab)", (unsigned)cp);
}

void lex_check_control(Parser *p, uint32_t cp, Span sp)
{
    report_control(p, cp, sp);
}

void lex_check_escaped(Parser *p, uint32_t cp, Span sp)
{
    if (safe_bidi_cp(cp))
        report_bidi(p, cp, sp);
    else if (is_control(cp))
        report_control(p, cp, sp);
}

void lex_check_text(Parser *p, const char *s, size_t n, uint32_t at)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* no decoding for what cannot be reported: printable ASCII, and a
           well-formed three-byte character (CJK among them) outside U+2000
           to U+2FFF (lead E2: the bidi controls) and lead ED (surrogates) */
        if (u[i] >= 0x20 && u[i] < 0x7F) {
            i++;
            continue;
        }
        if (u[i] != 0xE2 && utf8_plain3(u, i, n)) {
            i += 3;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        Span sp = {p->file, at + (uint32_t)i, at + (uint32_t)(i + (k ? k : 1))};
        if (k == 0)
            lex_bad_byte(p, sp.start, "");
        else if (cp == 0)
            parse_error(p, sp, "NUL byte in comment");
        else if (safe_bidi_cp(cp))
            report_bidi(p, cp, sp);
        else if (is_control(cp))
            report_control(p, cp, sp);
        i += k ? k : 1;
    }
}
