/* grid_number: a workbook stores a number as the shortest text that reads
 * back as its double ("11.375999999999999"), and a cell shows it through
 * its number format. Excel first takes the value to 15 significant digits
 * (so the cell shows 11.376), then rounds half away from zero to what the
 * format shows. Both steps are done here on the decimal digits of the
 * stored text: a double printed with printf would round 0.125 to 0.12
 * (half to even, and 0.125 is exact) where Excel shows 0.13.
 *
 * A format code has up to four sections (positive; negative; zero; text),
 * each a run of literal text, digit placeholders (0 # ?), a decimal point,
 * ',' (thousands, or ÷1000 when trailing), '%' (×100), or date and time
 * letters (y m d h s). A date is shown as ISO YYYY-MM-DD [HH:MM[:SS]]
 * whatever order the code puts it in: the importer reads the date, not
 * the layout. */
#include "grid_number.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "source.h"
#include "strbuf.h"

/* ===== decimal digits ===== */

enum {
    DEC_KEEP = 40,      /* digits kept from the stored text: only the 16th decides rounding */
    SIG = 15,           /* significant digits a cell holds */
    EXP_LIMIT = 330,    /* beyond double's range: not a number a cell holds */
    CODE_MAX = 255      /* Excel's longest format code */
};

typedef struct Dec {
    bool neg;
    int nd;             /* significant digits in d; 0: the value is zero */
    long exp;           /* the value is 0.d[0]d[1]... × 10^exp */
    char d[DEC_KEEP];
} Dec;

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void dec_push(Dec *v, char c)
{
    if (v->nd < DEC_KEEP)
        v->d[v->nd++] = c;
}

static void dec_strip(Dec *v)
{
    while (v->nd > 0 && v->d[v->nd - 1] == '0')
        v->nd--;
    if (v->nd == 0) {
        v->neg = false;
        v->exp = 0;
    }
}

/* Reads [+-]digits[.digits][(e|E)[+-]digits] and nothing else. */
static bool dec_parse(const char *s, size_t n, Dec *v)
{
    memset(v, 0, sizeof *v);
    while (n && is_blank(s[n - 1]))
        n--;
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        v->neg = s[i++] == '-';
    bool digits = false;
    long exp = 0;
    for (; i < n && is_digit(s[i]); i++, digits = true) {
        if (v->nd == 0 && s[i] == '0')
            continue;
        dec_push(v, s[i]);
        exp++;
    }
    if (i < n && s[i] == '.') {
        for (i++; i < n && is_digit(s[i]); i++, digits = true) {
            if (v->nd == 0 && s[i] == '0')
                exp--;
            else
                dec_push(v, s[i]);
        }
    }
    if (!digits)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = i < n && s[i] == '-';
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        if (i >= n || !is_digit(s[i]))
            return false;
        long e = 0;
        for (; i < n && is_digit(s[i]); i++)
            if (e < 1000000)
                e = e * 10 + (s[i] - '0');
        exp += eneg ? -e : e;
    }
    v->exp = exp;
    dec_strip(v);
    return i == n;
}

/* Keeps keep significant digits, rounding half away from zero. */
static void dec_round(Dec *v, int keep)
{
    if (v->nd <= keep)
        return;
    bool up = v->d[keep] >= '5';
    v->nd = keep;
    int i = keep - 1;
    for (; up && i >= 0 && v->d[i] == '9'; i--)
        v->d[i] = '0';
    if (up && i >= 0) {
        v->d[i]++;
    } else if (up) {
        v->d[0] = '1';
        v->nd = 1;
        v->exp++;
    }
    bool neg = v->neg;
    dec_strip(v);
    if (v->nd)
        v->neg = neg;
}

/* round(|v| × 10^n) as decimal digits, "0" for zero. */
static void scaled_digits(StrBuf *o, const Dec *v, int n)
{
    long k = v->exp + n;
    if (v->nd == 0 || k < 0 || (k == 0 && v->d[0] < '5')) {
        strbuf_addc(o, '0');
        return;
    }
    if (k == 0) {
        strbuf_addc(o, '1');
        return;
    }
    size_t start = o->len;
    for (long i = 0; i < k; i++)
        strbuf_addc(o, i < v->nd ? v->d[i] : '0');
    if (k >= v->nd || v->d[k] < '5')
        return;
    size_t i = o->len;
    while (i > start && o->buf[i - 1] == '9')
        o->buf[--i] = '0';
    if (i > start) {
        o->buf[i - 1]++;
    } else {                        /* 999.5 -> 1000: a digit more */
        o->buf[start] = '1';
        strbuf_addc(o, '0');
    }
}

/* General: plain digits from 0.0001 up to 15 integer digits, else Excel's
 * scientific form (1.5E+20, 1E-05). */
static void put_general(StrBuf *o, const Dec *v)
{
    if (v->nd == 0) {
        strbuf_addc(o, '0');
    } else if (v->exp > SIG || v->exp < -3) {
        strbuf_addc(o, v->d[0]);
        if (v->nd > 1) {
            strbuf_addc(o, '.');
            strbuf_add(o, v->d + 1, (size_t)v->nd - 1);
        }
        long e = v->exp - 1;
        strbuf_addf(o, "E%c%02ld", e < 0 ? '-' : '+', e < 0 ? -e : e);
    } else if (v->exp <= 0) {
        strbuf_adds(o, "0.");
        strbuf_repeat(o, '0', (size_t)-v->exp);
        strbuf_add(o, v->d, (size_t)v->nd);
    } else {
        for (long i = 0; i < v->exp; i++)
            strbuf_addc(o, i < v->nd ? v->d[i] : '0');
        if (v->nd > v->exp) {
            strbuf_addc(o, '.');
            strbuf_add(o, v->d + v->exp, (size_t)(v->nd - v->exp));
        }
    }
}

/* ===== format codes ===== */

typedef enum SecKind {
    SEC_GENERAL,        /* "General", or what is not supported */
    SEC_NUMBER,         /* digit placeholders */
    SEC_DATE,           /* date or time letters */
    SEC_TEXT,           /* '@': the text section */
    SEC_LITERAL         /* only literal text: the number is not shown */
} SecKind;

typedef struct Section {
    SecKind kind;
    const char *prefix, *suffix;    /* literal text before and after the number */
    int int_zeros;                  /* '0' placeholders before the point: minimum digits */
    bool group;                     /* ',' between integer placeholders: 1,234 */
    bool point;
    const char *frac;               /* the placeholders after the point ("00", "0#") */
    int shift;                      /* powers of ten: +2 per '%', -3 per trailing ',' */
    bool date, time, seconds;       /* SEC_DATE: what it shows */
    bool elapsed;                   /* [h]: hours past 24 */
} Section;

struct GridFormat {
    int n;                          /* number sections (positive; negative; zero), 1..3 */
    Section sec[3];
};

typedef struct Scan {
    Section *sec;
    StrBuf lit;                     /* literal text since the last placeholder */
    StrBuf frac;
    bool seen;                      /* a digit placeholder or General */
    int commas;                     /* ',' after the last placeholder, not yet known */
    bool general, text, unsupported, condition;
    char runs[CODE_MAX + 1];        /* the date letters' runs in order: y m d h s */
    int nruns;
} Scan;

static size_t utf8_len(const char *p, const char *end)
{
    size_t k = 1;
    while (p + k < end && ((unsigned char)p[k] & 0xC0) == 0x80)
        k++;
    return k;
}

static bool starts_nocase(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - p) < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != word[i])
            return false;
    }
    return true;
}

static void date_letter(Scan *sc, char c)
{
    if (c >= 'A' && c <= 'Z')
        c = (char)(c - 'A' + 'a');
    if (sc->nruns == 0 || sc->runs[sc->nruns - 1] != c)
        if (sc->nruns < CODE_MAX)
            sc->runs[sc->nruns++] = c;
}

static void placeholder(Scan *sc, Arena *a, char c)
{
    if (!sc->seen)
        sc->sec->prefix = arena_strndup(a, strbuf_cstr(&sc->lit), sc->lit.len);
    /* literal text between placeholders (a phone-number layout) is not shown */
    strbuf_reset(&sc->lit);
    sc->seen = true;
    if (sc->sec->point) {
        strbuf_addc(&sc->frac, c);
        return;
    }
    if (sc->commas > 0)
        sc->sec->group = true;
    sc->commas = 0;
    sc->sec->int_zeros += c == '0';
}

/* [Red], [>=100], [$¥-804] (a currency symbol, shown), [h] (elapsed). */
static const char *bracket(Scan *sc, const char *p, const char *end)
{
    const char *close = memchr(p, ']', (size_t)(end - p));
    if (!close)
        close = end;
    const char *in = p + 1;
    if (in < close && *in == '$') {
        const char *dash = memchr(in, '-', (size_t)(close - in));
        strbuf_add(&sc->lit, in + 1, (size_t)((dash ? dash : close) - in - 1));
    } else if (in < close && (*in == '<' || *in == '>' || *in == '=')) {
        sc->condition = true;
    } else if (in < close && strchr("hHmMsS", *in)) {
        for (const char *q = in; q < close; q++)
            date_letter(sc, *q);
        sc->sec->elapsed = sc->sec->elapsed || *in == 'h' || *in == 'H';
    }
    return close < end ? close + 1 : end;
}

static const char *scan_char(Scan *sc, Arena *a, const char *p, const char *end)
{
    char c = *p;
    if (c == '"') {
        const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
        strbuf_add(&sc->lit, p + 1, (size_t)((q ? q : end) - p - 1));
        return q ? q + 1 : end;
    }
    if (c == '\\' || c == '_' || c == '*') {
        size_t k = p + 1 < end ? utf8_len(p + 1, end) : 0;
        if (c == '\\')
            strbuf_add(&sc->lit, p + 1, k);
        else if (c == '_')
            strbuf_addc(&sc->lit, ' ');     /* the width of the next character */
        return p + 1 + k;                   /* '*': a fill, nothing to show */
    }
    if (c == '[')
        return bracket(sc, p, end);
    if (c == '0' || c == '#' || c == '?') {
        placeholder(sc, a, c);
        return p + 1;
    }
    if (c == '.' && !sc->sec->point
        && (sc->seen || (p + 1 < end && strchr("0#?", p[1])))) {
        sc->sec->point = true;
        return p + 1;
    }
    if (c == ',' && sc->seen) {
        sc->commas++;
        return p + 1;
    }
    if (c == '%')
        sc->sec->shift += 2;
    if ((c == 'E' || c == 'e') && sc->seen && p + 1 < end && (p[1] == '+' || p[1] == '-'))
        sc->unsupported = true;             /* scientific */
    else if (c == '/' && sc->seen)
        sc->unsupported = true;             /* a fraction */
    else if (starts_nocase(p, end, "GENERAL")) {
        placeholder(sc, a, 'G');
        sc->general = true;
        return p + 7;
    } else if (starts_nocase(p, end, "AM/PM") || starts_nocase(p, end, "A/P")) {
        return p + (starts_nocase(p, end, "AM/PM") ? 5 : 3);
    } else if (c == '@') {
        sc->text = true;
        return p + 1;
    } else if (strchr("yYmMdDhHsS", c)) {
        date_letter(sc, c);
        return p + 1;
    }
    size_t k = utf8_len(p, end);
    strbuf_add(&sc->lit, p, k);
    return p + k;
}

/* Which of y, month, d, h, minute, s the runs show: an m after h or
 * before s is minutes. */
static void date_parts(Section *sec, const Scan *sc)
{
    for (int i = 0; i < sc->nruns; i++) {
        char c = sc->runs[i];
        bool minutes = c == 'm' && ((i > 0 && sc->runs[i - 1] == 'h')
                                    || (i + 1 < sc->nruns && sc->runs[i + 1] == 's'));
        if (c == 'y' || c == 'd' || (c == 'm' && !minutes))
            sec->date = true;
        else
            sec->time = true;
        sec->seconds = sec->seconds || c == 's';
    }
}

/* One section's text [p, end) into sec; false when it is not supported. */
static bool parse_section(Arena *a, const char *p, const char *end, Section *sec)
{
    Scan sc = {sec, STRBUF_INIT, STRBUF_INIT, false, 0, false, false, false, false, {0}, 0};
    sec->prefix = sec->suffix = sec->frac = "";
    while (p < end)
        p = scan_char(&sc, a, p, end);
    sec->shift -= 3 * sc.commas;
    char *lit = arena_strndup(a, strbuf_cstr(&sc.lit), sc.lit.len);
    if (sc.seen)
        sec->suffix = lit;
    else
        sec->prefix = lit;
    sec->frac = arena_strndup(a, strbuf_cstr(&sc.frac), sc.frac.len);
    strbuf_release(&sc.lit);
    strbuf_release(&sc.frac);
    if (sc.nruns > 0) {
        sec->kind = SEC_DATE;
        date_parts(sec, &sc);
    } else if (sc.text) {
        sec->kind = SEC_TEXT;
    } else if (sc.general) {
        sec->kind = SEC_GENERAL;
    } else {
        sec->kind = sc.seen ? SEC_NUMBER : SEC_LITERAL;
    }
    return !sc.unsupported && !sc.condition;
}

/* The end of the section starting at p: the next ';' outside quotes,
 * escapes and brackets. */
static const char *section_end(const char *p, const char *end)
{
    while (p < end && *p != ';') {
        const char *q = NULL;
        if (*p == '"')
            q = memchr(p + 1, '"', (size_t)(end - p - 1));
        else if (*p == '[')
            q = memchr(p + 1, ']', (size_t)(end - p - 1));
        else if (*p == '\\' || *p == '_' || *p == '*')
            q = p + 1 < end ? p + 1 : NULL;
        p = q ? q + 1 : (*p == '"' || *p == '[' ? end : p + 1);
    }
    return p;
}

const GridFormat *grid_format_parse(Arena *a, const char *code)
{
    if (!code || strlen(code) > CODE_MAX)
        return NULL;
    GridFormat *f = arena_alloc(a, sizeof *f);
    const char *p = code, *end = code + strlen(code);
    for (;;) {
        const char *e = section_end(p, end);
        Section sec = {0};
        if (!parse_section(a, p, e, &sec))
            return NULL;
        /* the text section, wherever it stands, is never a number's */
        if (sec.kind == SEC_TEXT && f->n > 0)
            break;
        f->sec[f->n++] = sec;
        if (e >= end || f->n == 3)
            break;
        p = e + 1;
    }
    if (f->n == 1 && (f->sec[0].kind == SEC_GENERAL || f->sec[0].kind == SEC_TEXT)
        && !f->sec[0].prefix[0] && !f->sec[0].suffix[0])
        return NULL;
    return f;
}

/* ===== built-in formats ===== */

static const struct {
    unsigned id;
    const char *code;
} builtins[] = {
    {1, "0"}, {2, "0.00"}, {3, "#,##0"}, {4, "#,##0.00"},
    {9, "0%"}, {10, "0.00%"}, {11, "0.00E+00"}, {12, "# ?/?"}, {13, "# ?" "?/?" "?"},
    {14, "yyyy/m/d"}, {15, "d-mmm-yy"}, {16, "d-mmm"}, {17, "mmm-yy"},
    {18, "h:mm AM/PM"}, {19, "h:mm:ss AM/PM"}, {20, "h:mm"}, {21, "h:mm:ss"},
    {22, "yyyy/m/d h:mm"},
    /* zh-CN's locale-dependent dates and times */
    {27, "yyyy\"年\"m\"月\""}, {28, "m\"月\"d\"日\""}, {29, "m\"月\"d\"日\""},
    {30, "m-d-yy"}, {31, "yyyy\"年\"m\"月\"d\"日\""}, {32, "h\"时\"mm\"分\""},
    {33, "h\"时\"mm\"分\"ss\"秒\""}, {34, "上午/下午h\"时\"mm\"分\""},
    {35, "上午/下午h\"时\"mm\"分\"ss\"秒\""}, {36, "yyyy\"年\"m\"月\""},
    {37, "#,##0 ;(#,##0)"}, {38, "#,##0 ;[Red](#,##0)"},
    {39, "#,##0.00;(#,##0.00)"}, {40, "#,##0.00;[Red](#,##0.00)"},
    {45, "mm:ss"}, {46, "[h]:mm:ss"}, {47, "mmss.0"}, {48, "##0.0E+0"}, {49, "@"},
    {50, "yyyy\"年\"m\"月\""}, {51, "m\"月\"d\"日\""}, {52, "yyyy\"年\"m\"月\""},
    {53, "m\"月\"d\"日\""}, {54, "m\"月\"d\"日\""}, {55, "上午/下午h\"时\"mm\"分\""},
    {56, "上午/下午h\"时\"mm\"分\"ss\"秒\""}, {57, "yyyy\"年\"m\"月\""},
    {58, "m\"月\"d\"日\""},
};

const char *grid_format_builtin(unsigned id)
{
    for (size_t i = 0; i < ARRAY_LEN(builtins); i++)
        if (builtins[i].id == id)
            return builtins[i].code;
    return NULL;
}

/* ===== showing a number ===== */

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's
 * algorithms, exact over the whole proleptic Gregorian calendar). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

/* The serial's day and second of the day (rounded to the second); false
 * past 9999-12-31, which Excel shows as ####. */
static bool serial_split(const Dec *v, long *day, long *sec)
{
    if (v->exp > 7)
        return false;
    long days = 0;
    for (long i = 0; i < v->exp; i++)
        days = days * 10 + (i < v->nd ? v->d[i] - '0' : 0);
    uint64_t frac = 0, scale = 1;
    for (long i = v->exp; i < v->nd && scale < 1000000000000ULL; i++) {
        frac = frac * 10 + (uint64_t)(i >= 0 ? v->d[i] - '0' : 0);
        scale *= 10;
    }
    long s = (long)((frac * 172800 + scale) / (2 * scale));
    if (s >= 86400) {
        days++;
        s -= 86400;
    }
    *day = days;
    *sec = s;
    return days <= 2958465;
}

static void put_date(StrBuf *o, const Section *sec, long day, long s, bool date1904)
{
    if (sec->date) {
        long y, m, d;
        if (date1904) {
            civil_from_days(days_from_civil(1904, 1, 1) + day, &y, &m, &d);
        } else if (day == 0 || day == 60) {
            /* 1900-01-00, and Lotus 1-2-3's 29 February 1900 that Excel keeps */
            y = 1900, m = day ? 2 : 1, d = day ? 29 : 0;
        } else {
            civil_from_days(days_from_civil(1899, 12, day < 60 ? 31 : 30) + day, &y, &m, &d);
        }
        strbuf_addf(o, "%04ld-%02ld-%02ld", y, m, d);
    }
    if (sec->time) {
        long h = s / 3600 + (sec->elapsed && !sec->date ? day * 24 : 0);
        strbuf_addf(o, "%s%02ld:%02ld", sec->date ? " " : "", h, s / 60 % 60);
        if (sec->seconds)
            strbuf_addf(o, ":%02ld", s % 60);
    }
}

static void put_grouped(StrBuf *o, const char *digits, size_t n, bool group)
{
    for (size_t i = 0; i < n; i++) {
        if (group && i > 0 && (n - i) % 3 == 0)
            strbuf_addc(o, ',');
        strbuf_addc(o, digits[i]);
    }
}

/* The number part of a SEC_NUMBER section, for |v|. */
static void put_fixed(StrBuf *o, const Section *sec, Dec v)
{
    v.neg = false;
    v.exp += sec->shift;
    size_t nfrac = strlen(sec->frac);
    StrBuf dg = STRBUF_INIT;
    scaled_digits(&dg, &v, (int)nfrac);
    const char *d = strbuf_cstr(&dg);
    size_t nint = dg.len > nfrac ? dg.len - nfrac : 0;
    size_t have = dg.len - nint;    /* the fraction's digits, right-aligned in nfrac */
    const char *fd = d + nint;
    if (nint == 1 && d[0] == '0')
        nint = 0;                   /* a zero integer part shows only its '0' placeholders */
    StrBuf ip = STRBUF_INIT;
    if (nint < (size_t)sec->int_zeros)
        strbuf_repeat(&ip, '0', (size_t)sec->int_zeros - nint);
    strbuf_add(&ip, d, nint);
    put_grouped(o, strbuf_cstr(&ip), ip.len, sec->group);
    strbuf_release(&ip);
    if (sec->point)
        strbuf_addc(o, '.');
    size_t start = o->len;
    strbuf_repeat(o, '0', nfrac - have);
    strbuf_add(o, fd, have);
    /* trailing zeros under '#' are dropped, under '?' become spaces */
    size_t end = nfrac;
    for (size_t i = nfrac; i > 0 && o->buf[start + i - 1] == '0' && sec->frac[i - 1] != '0'; i--) {
        if (sec->frac[i - 1] == '#' && end == i)
            end = i - 1;
        else
            o->buf[start + i - 1] = ' ';
    }
    o->len = start + end;
    o->buf[o->len] = '\0';
    strbuf_release(&dg);
}

static const Section *choose(const GridFormat *f, const Dec *v, bool *sign)
{
    *sign = v->neg;
    if (!f)
        return NULL;
    if (v->neg && f->n >= 2) {
        *sign = false;      /* the section writes its own sign, or none */
        return &f->sec[1];
    }
    return v->nd == 0 && f->n >= 3 ? &f->sec[2] : &f->sec[0];
}

static void show(StrBuf *o, const Section *sec, const Dec *v, bool sign, bool date1904)
{
    long day, s;
    if (sec && sec->kind == SEC_DATE) {
        if (!v->neg && serial_split(v, &day, &s)) {
            put_date(o, sec, day, s, date1904);
            return;
        }
        sec = NULL;                 /* Excel's ####: the number itself */
        sign = v->neg;
    }
    if (sign)
        strbuf_addc(o, '-');
    if (sec)
        strbuf_adds(o, sec->prefix);
    if (sec && sec->kind == SEC_NUMBER) {
        put_fixed(o, sec, *v);
    } else if (!sec || sec->kind != SEC_LITERAL) {
        Dec abs = *v;
        abs.neg = false;
        put_general(o, &abs);
    }
    if (sec)
        strbuf_adds(o, sec->suffix);
}

const char *grid_number_show(Arena *a, const char *stored, size_t len, const GridFormat *f,
                             bool date1904)
{
    Dec v;
    if (!dec_parse(stored, len, &v) || v.exp > EXP_LIMIT || v.exp < -EXP_LIMIT)
        return NULL;
    dec_round(&v, SIG);
    bool sign;
    const Section *sec = choose(f, &v, &sign);
    StrBuf o = STRBUF_INIT;
    show(&o, sec, &v, sign, date1904);
    const char *text = grid_clean_text(a, strbuf_cstr(&o), o.len);
    strbuf_release(&o);
    return text;
}

/* %.17g gives the digits that read back as v exactly; ptlc never calls
 * setlocale, so its decimal point is '.'. */
const char *grid_number_double(Arena *a, double v)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.17g", v);
    const char *text = n > 0 ? grid_number_show(a, buf, (size_t)n, NULL, false) : NULL;
    return text ? text : "#NUM!";
}

/* ===== cell text ===== */

static size_t trim_end(const char *s, size_t n)
{
    for (;;) {
        if (n && s[n - 1] == ' ')
            n--;
        else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
            n -= 3;
        else
            return n;
    }
}

static size_t trim_start(const char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        if (i < n && s[i] == ' ')
            i++;
        else if (n - i >= 3 && memcmp(s + i, "\xe3\x80\x80", 3) == 0)
            i += 3;
        else
            return i;
    }
}

const char *grid_clean_text(Arena *a, const char *text, size_t len)
{
    StrBuf o = STRBUF_INIT;
    bool in_break = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode(text + i, len - i, &cp);
        bool brk = k == 1 && (cp == '\r' || cp == '\n');
        if (k == 0) {
            strbuf_adds(&o, "\xef\xbf\xbd");
            k = 1;
        } else if (brk) {
            if (!in_break)
                strbuf_addc(&o, ' ');
        } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            strbuf_addc(&o, ' ');
        } else {
            strbuf_add(&o, text + i, k);
        }
        in_break = brk;
        i += k;
    }
    const char *s = strbuf_cstr(&o);
    size_t start = trim_start(s, o.len);
    size_t end = trim_end(s, o.len);
    const char *cell = end > start ? arena_strndup(a, s + start, end - start) : "";
    strbuf_release(&o);
    return cell;
}
