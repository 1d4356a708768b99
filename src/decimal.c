/* Exact decimal arithmetic for budget amounts.
 *
 * A Decimal is an int64 coefficient with a power-of-ten scale. 18 significant
 * digits cover any budget in 万元 down to a small fraction of a fen, and a
 * fixed-size integer keeps values allocation-free and trivially copyable.
 * Intermediate results are computed in 128-bit integers: aligning any
 * coefficient to any legal scale (< 2^63 * 10^18 < 2^127) or multiplying two
 * coefficients (< 2^126) cannot overflow there, so the only place a result can
 * be lost is the final narrowing to int64, which is checked. Nothing is ever
 * rounded: a result that does not fit is reported as DEC_OVERFLOW, and the
 * caller turns that into a located diagnostic.
 */
#include "decimal.h"

#include <assert.h>
#include <string.h>

typedef dec_wide i128;
__extension__ typedef unsigned __int128 u128;

static const int64_t POW10[DEC_MAX_SCALE + 1] = {
    1LL,
    10LL,
    100LL,
    1000LL,
    10000LL,
    100000LL,
    1000000LL,
    10000000LL,
    100000000LL,
    1000000000LL,
    10000000000LL,
    100000000000LL,
    1000000000000LL,
    10000000000000LL,
    100000000000000LL,
    1000000000000000LL,
    10000000000000000LL,
    100000000000000000LL,
    1000000000000000000LL,
};

static int64_t pow10_i64(int32_t n)
{
    /* Every scale reaching here comes from a Decimal, so this is its invariant. */
    assert(n >= 0 && n <= DEC_MAX_SCALE);
    return POW10[n];
}

static int32_t max_scale(Decimal a, Decimal b)
{
    return a.scale > b.scale ? a.scale : b.scale;
}

/* Coefficient of a re-expressed at a larger scale; exact in 128 bits. */
static i128 align(Decimal a, int32_t scale)
{
    return (i128)a.coef * pow10_i64(scale - a.scale);
}

/* INT64_MIN is excluded so that negating any coefficient stays defined. */
static bool fits_coef(i128 v)
{
    return v >= -(i128)INT64_MAX && v <= (i128)INT64_MAX;
}

static DecStatus narrow(i128 coef, int32_t scale, Decimal *out)
{
    if (!fits_coef(coef) || scale > DEC_MAX_SCALE) {
        return DEC_OVERFLOW;
    }
    out->coef = (int64_t)coef;
    out->scale = scale;
    return DEC_OK;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Advances *pos over a run of digits; false if there was none. */
static bool skip_digits(const char *s, size_t len, size_t *pos)
{
    size_t start = *pos;
    while (*pos < len && is_digit(s[*pos])) {
        (*pos)++;
    }
    return *pos > start;
}

/* Checks the whole grammar before any arithmetic, so junk is DEC_SYNTAX even
 * when the digits before it would also overflow. */
static bool valid_syntax(const char *s, size_t len)
{
    size_t pos = 0;
    if (pos < len && s[pos] == '-') {
        pos++;
    }
    if (!skip_digits(s, len, &pos)) {
        return false;
    }
    if (pos < len && s[pos] == '.') {
        pos++;
        if (!skip_digits(s, len, &pos)) {
            return false;
        }
    }
    return pos == len;
}

/* Accumulates the magnitude digit by digit; stops at the first overflow so a
 * 400-digit input costs one pass and no undefined behaviour. */
static DecStatus accumulate(const char *s, size_t len, int64_t *mag, int32_t *scale)
{
    int64_t acc = 0;
    int32_t frac = 0;
    bool in_frac = false;
    for (size_t i = (s[0] == '-') ? 1 : 0; i < len; i++) {
        if (s[i] == '.') {
            in_frac = true;
            continue;
        }
        if (__builtin_mul_overflow(acc, 10, &acc) ||
            __builtin_add_overflow(acc, s[i] - '0', &acc)) {
            return DEC_OVERFLOW;
        }
        frac += in_frac ? 1 : 0;
        if (frac > DEC_MAX_SCALE) {
            return DEC_OVERFLOW;
        }
    }
    *mag = acc;
    *scale = frac;
    return DEC_OK;
}

DecStatus dec_parse(const char *s, size_t len, Decimal *out)
{
    if (s == NULL || !valid_syntax(s, len)) {
        return DEC_SYNTAX;
    }
    int64_t mag = 0;
    int32_t scale = 0;
    DecStatus st = accumulate(s, len, &mag, &scale);
    if (st != DEC_OK) {
        return st;
    }
    /* mag <= INT64_MAX, so negation cannot overflow. */
    out->coef = (s[0] == '-') ? -mag : mag;
    out->scale = scale;
    return DEC_OK;
}

Decimal dec_from_int(int64_t v)
{
    Decimal d = {v, 0};
    return d;
}

DecStatus dec_add(Decimal a, Decimal b, Decimal *out)
{
    int32_t scale = max_scale(a, b);
    /* Aligning in 128 bits keeps sums exact even when one operand alone
     * would not fit at the common scale but the sum does. */
    return narrow(align(a, scale) + align(b, scale), scale, out);
}

DecStatus dec_sub(Decimal a, Decimal b, Decimal *out)
{
    int32_t scale = max_scale(a, b);
    return narrow(align(a, scale) - align(b, scale), scale, out);
}

DecStatus dec_mul(Decimal a, Decimal b, Decimal *out)
{
    i128 coef = (i128)a.coef * b.coef;
    int32_t scale = a.scale + b.scale;
    /* Dropping a trailing zero is exact; stop as soon as the result fits so
     * the written precision is kept whenever possible. */
    while (scale > 0 && (scale > DEC_MAX_SCALE || !fits_coef(coef)) && coef % 10 == 0) {
        coef /= 10;
        scale--;
    }
    return narrow(coef, scale, out);
}

DecStatus dec_div_round(Decimal a, Decimal b, int32_t scale, Decimal *out)
{
    if (b.coef == 0 || scale < 0 || scale > DEC_MAX_SCALE)
        return DEC_OVERFLOW;
    /* a/b = (a.coef / b.coef) * 10^(b.scale - a.scale); the quotient with
     * `scale` decimals is a.coef * 10^(scale + b.scale - a.scale) / b.coef */
    int32_t shift = scale + b.scale - a.scale;
    i128 num = a.coef, den = b.coef;
    for (; shift > 0; shift--) {
        if (num > (i128)INT64_MAX * 1000000000000000000 || num < -(i128)INT64_MAX * 1000000000000000000)
            return DEC_OVERFLOW;
        num *= 10;
    }
    for (; shift < 0; shift++)
        den *= 10;
    bool neg = (num < 0) != (den < 0);
    if (num < 0)
        num = -num;
    if (den < 0)
        den = -den;
    i128 q = (num + den / 2) / den;
    return narrow(neg ? -q : q, scale, out);
}

int dec_cmp(Decimal a, Decimal b)
{
    int32_t scale = max_scale(a, b);
    i128 x = align(a, scale);
    i128 y = align(b, scale);
    return (x > y) - (x < y);
}

int dec_sign(Decimal a)
{
    return (a.coef > 0) - (a.coef < 0);
}

bool dec_is_integer(Decimal a)
{
    return a.coef % pow10_i64(a.scale) == 0;
}

Decimal dec_normalize(Decimal a)
{
    while (a.scale > 0 && a.coef % 10 == 0) {
        a.coef /= 10;
        a.scale--;
    }
    return a;
}

/* Magnitude as unsigned so that even INT64_MIN formats without overflow. */
static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* Writes the digits of mag least significant first, at least min_digits. */
static size_t reversed_digits(uint64_t mag, size_t min_digits, char *rev)
{
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + (int)(mag % 10));
        mag /= 10;
    } while (mag != 0);
    while (n < min_digits) {
        rev[n++] = '0';
    }
    return n;
}

/* Renders into text (at least DEC_BUFSZ bytes, not NUL-terminated). */
static size_t render(Decimal a, size_t frac_digits, char *text)
{
    char rev[24]; /* 20 digits of UINT64_MAX, or scale + 1 <= 19 */
    size_t scale = (size_t)a.scale;
    size_t n = reversed_digits(magnitude(a.coef), scale + 1, rev);
    size_t len = 0;
    if (a.coef < 0) {
        text[len++] = '-';
    }
    for (size_t i = n; i > scale; i--) {
        text[len++] = rev[i - 1];
    }
    if (frac_digits > 0) {
        text[len++] = '.';
    }
    for (size_t i = scale; i > 0; i--) {
        text[len++] = rev[i - 1];
    }
    for (size_t i = scale; i < frac_digits; i++) {
        text[len++] = '0';
    }
    return len;
}

static size_t copy_out(const char *text, size_t len, char *buf, size_t cap)
{
    if (cap > 0) {
        size_t n = len < cap - 1 ? len : cap - 1;
        memcpy(buf, text, n);
        buf[n] = '\0';
    }
    return len;
}

size_t dec_format(Decimal a, char *buf, size_t cap)
{
    return dec_format_min_scale(a, 0, buf, cap);
}

size_t dec_format_min_scale(Decimal a, int min_scale, char *buf, size_t cap)
{
    char text[DEC_BUFSZ];
    int frac = min_scale > a.scale ? min_scale : a.scale;
    if (frac > DEC_MAX_SCALE) {
        frac = DEC_MAX_SCALE;
    }
    size_t len = render(a, (size_t)frac, text);
    return copy_out(text, len, buf, cap);
}

/* ===== sums ===== */

bool dec_sum_add(DecSum *s, Decimal a)
{
    if (s->overflow)
        return false;
    i128 v = align(a, DEC_MAX_SCALE);
    if (__builtin_add_overflow(s->coef, v, &s->coef)) {
        s->overflow = true;
        return false;
    }
    if (a.scale > s->scale)
        s->scale = a.scale;
    return true;
}

int dec_sum_cmp(const DecSum *s, Decimal a)
{
    i128 v = align(a, DEC_MAX_SCALE);
    return (s->coef > v) - (s->coef < v);
}

/* Renders the sum with `scale` fraction digits (the value is exact there). */
static size_t render_sum(i128 coef, int32_t scale, char *text)
{
    i128 v = coef;
    for (int32_t k = scale; k < DEC_MAX_SCALE; k++)
        v /= 10;
    u128 mag = v < 0 ? (u128)0 - (u128)v : (u128)v;
    char rev[48];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + (int)(mag % 10));
        mag /= 10;
    } while (mag != 0);
    while (n < (size_t)scale + 1)
        rev[n++] = '0';
    size_t len = 0;
    if (v < 0)
        text[len++] = '-';
    for (size_t i = n; i > (size_t)scale; i--)
        text[len++] = rev[i - 1];
    if (scale > 0)
        text[len++] = '.';
    for (size_t i = (size_t)scale; i > 0; i--)
        text[len++] = rev[i - 1];
    return len;
}

size_t dec_sum_format(const DecSum *s, char *buf, size_t cap)
{
    char text[DEC_BUFSZ];
    return copy_out(text, render_sum(s->coef, s->scale, text), buf, cap);
}

size_t dec_sum_format_normal(const DecSum *s, char *buf, size_t cap)
{
    int32_t scale = s->scale;
    i128 unit = 1;
    for (int32_t k = scale; k < DEC_MAX_SCALE; k++)
        unit *= 10;
    while (scale > 0 && s->coef % (unit * 10) == 0) {
        unit *= 10;
        scale--;
    }
    char text[DEC_BUFSZ];
    return copy_out(text, render_sum(s->coef, scale, text), buf, cap);
}
