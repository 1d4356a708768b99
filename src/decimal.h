/* decimal: exact fixed-point decimal numbers for money (万元) and factors.
 * Ownership: values are plain structs passed by value; nothing is allocated.
 * Invariants: 0 <= scale <= DEC_MAX_SCALE and coef != INT64_MIN; every
 * operation that cannot produce an exact result reports it instead of rounding.
 */
#ifndef PTLC_DECIMAL_H
#define PTLC_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEC_MAX_SCALE 18
#define DEC_BUFSZ 48 /* enough for any formatted Decimal incl. sign, point and NUL */

/* value = coef * 10^-scale, 0 <= scale <= DEC_MAX_SCALE */
typedef struct Decimal {
    int64_t coef;
    int32_t scale;
} Decimal;

typedef enum DecStatus { DEC_OK = 0, DEC_OVERFLOW, DEC_SYNTAX } DecStatus;

/* Parses exactly "[-]digits[.digits]" from s[0..len), keeping the written
 * scale ("60.00" -> coef 6000, scale 2). Leading zeros and "-0" are fine;
 * anything else (empty, "1.", ".5", "+1", "1e5", spaces) is DEC_SYNTAX.
 * Too many significant digits for int64, or more than 18 decimals, is
 * DEC_OVERFLOW. *out is written only on DEC_OK. */
DecStatus dec_parse(const char *s, size_t len, Decimal *out);

/* Integer v with scale 0. v == INT64_MIN breaks the invariant: it still
 * formats and compares correctly, but arithmetic on it reports overflow. */
Decimal dec_from_int(int64_t v);

/* Exact a + b with scale max(a.scale, b.scale); DEC_OVERFLOW if the result
 * does not fit. *out is written only on DEC_OK. */
DecStatus dec_add(Decimal a, Decimal b, Decimal *out);

/* Exact a - b with scale max(a.scale, b.scale); as dec_add otherwise. */
DecStatus dec_sub(Decimal a, Decimal b, Decimal *out);

/* Exact a * b with scale a.scale + b.scale; trailing zeros are dropped only
 * as far as needed to fit scale <= 18 and int64, else DEC_OVERFLOW. */
DecStatus dec_mul(Decimal a, Decimal b, Decimal *out);

/* a / b rounded half away from zero to `scale` decimals (0..18), the one
 * rounding ptlc does (a share or a rate for display); DEC_OVERFLOW when b
 * is zero or the result does not fit. */
DecStatus dec_div_round(Decimal a, Decimal b, int32_t scale, Decimal *out);

/* -1, 0 or 1 as a <, ==, > b by value (1 == 1.00); exact, never overflows. */
int dec_cmp(Decimal a, Decimal b);

/* -1, 0 or 1 by the sign of a. */
int dec_sign(Decimal a);

/* True when a has no non-zero fractional digits (3.00 is an integer). */
bool dec_is_integer(Decimal a);

/* Same value with trailing fractional zeros stripped: 3.500 -> 3.5,
 * 3.00 -> 3; integer zeros stay (100 stays 100). */
Decimal dec_normalize(Decimal a);

/* Writes the exact text keeping the scale (60.00 -> "60.00", -0.5 -> "-0.5",
 * 0 -> "0"). snprintf-like: returns the full length, truncates to cap - 1
 * characters and always NUL-terminates when cap > 0 (buf may be NULL if
 * cap == 0). DEC_BUFSZ is always enough. */
size_t dec_format(Decimal a, char *buf, size_t cap);

/* As dec_format, but pads with zeros to at least min_scale decimals
 * ((120, 2) -> "120.00", (26.485, 2) -> "26.485"); never rounds.
 * min_scale is clamped to [0, DEC_MAX_SCALE] so DEC_BUFSZ stays enough. */
size_t dec_format_min_scale(Decimal a, int min_scale, char *buf, size_t cap);

/* A running sum of Decimals that cannot overflow falsely: the coefficient
 * is kept in 128 bits at scale 18, so adding parts of different scales (1
 * 亿元 in 元 beside 0.000001 元) costs no range, and only a sum beyond
 * about 1.7e20 in magnitude overflows. `scale` is the largest scale added,
 * at which the sum is exact. */
__extension__ typedef __int128 dec_wide;

typedef struct DecSum {
    dec_wide coef;              /* the value times 10^18 */
    int32_t scale;
    bool overflow;              /* sticky */
} DecSum;

#define DEC_SUM_ZERO ((DecSum){0, 0, false})

/* Adds a; false (and the sum stays overflowed) when it leaves the range. */
bool dec_sum_add(DecSum *s, Decimal a);

/* -1, 0 or 1 as the sum is <, ==, > a. */
int dec_sum_cmp(const DecSum *s, Decimal a);

/* As dec_format, at the sum's scale. DEC_BUFSZ is always enough. */
size_t dec_sum_format(const DecSum *s, char *buf, size_t cap);

/* As dec_sum_format with trailing fractional zeros dropped (3.50 -> 3.5). */
size_t dec_sum_format_normal(const DecSum *s, char *buf, size_t cap);

#endif /* PTLC_DECIMAL_H */
