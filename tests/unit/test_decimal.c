/* Unit tests for src/decimal: exact parsing, arithmetic, comparison and
 * formatting of budget amounts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "decimal.h"

static Decimal dec(int64_t coef, int32_t scale)
{
    Decimal d = {coef, scale};
    return d;
}

static Decimal parsed(const char *s)
{
    Decimal d = {0, 0};
    assert_int_equal(dec_parse(s, strlen(s), &d), DEC_OK);
    return d;
}

static DecStatus parse_status(const char *s)
{
    Decimal d = {0, 0};
    return dec_parse(s, strlen(s), &d);
}

static void assert_dec(Decimal d, int64_t coef, int32_t scale)
{
    assert_int_equal(d.coef, coef);
    assert_int_equal(d.scale, scale);
}

static void assert_formats(Decimal d, const char *want)
{
    char buf[DEC_BUFSZ];
    size_t len = dec_format(d, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(len, strlen(want));
}

static void assert_formats_min(Decimal d, int min_scale, const char *want)
{
    char buf[DEC_BUFSZ];
    size_t len = dec_format_min_scale(d, min_scale, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(len, strlen(want));
}

static void test_dec_parse_keeps_written_scale(void **state)
{
    (void)state;
    assert_dec(parsed("60.00"), 6000, 2);
    assert_dec(parsed("60"), 60, 0);
    assert_dec(parsed("26.48"), 2648, 2);
    assert_dec(parsed("-12.5"), -125, 1);
    assert_dec(parsed("0.000000000000000001"), 1, 18);
}

static void test_dec_parse_accepts_leading_zeros_and_negative_zero(void **state)
{
    (void)state;
    assert_dec(parsed("007"), 7, 0);
    assert_dec(parsed("-0"), 0, 0);
    assert_dec(parsed("-0.00"), 0, 2);
    assert_dec(parsed("000.50"), 50, 2);
}

static void test_dec_parse_reads_only_len_bytes(void **state)
{
    (void)state;
    Decimal d = {0, 0};
    assert_int_equal(dec_parse("12.345xyz", 5, &d), DEC_OK);
    assert_dec(d, 1234, 2);
}

static void test_dec_parse_rejects_bad_syntax(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "1.", ".5", "+1", "1e5", " 1", "1 ", "-", "--1", "-.5",
        "1.2.3", "1,5", "abc", "0x10", "1_000", "\xd9\xa1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse_status(bad[i]), DEC_SYNTAX);
    }
}

static void test_dec_parse_rejects_null_and_embedded_nul(void **state)
{
    (void)state;
    Decimal d = {0, 0};
    assert_int_equal(dec_parse(NULL, 0, &d), DEC_SYNTAX);
    assert_int_equal(dec_parse("1\0" "2", 3, &d), DEC_SYNTAX);
}

static void test_dec_parse_syntax_error_leaves_output_untouched(void **state)
{
    (void)state;
    Decimal d = {42, 1};
    assert_int_equal(dec_parse("1.", 2, &d), DEC_SYNTAX);
    assert_dec(d, 42, 1);
}

static void test_dec_parse_accepts_int64_limits(void **state)
{
    (void)state;
    assert_dec(parsed("9223372036854775807"), INT64_MAX, 0);
    assert_dec(parsed("-9223372036854775807"), -INT64_MAX, 0);
    assert_dec(parsed("9.223372036854775807"), INT64_MAX, 18);
}

static void test_dec_parse_beyond_int64_overflows(void **state)
{
    (void)state;
    assert_int_equal(parse_status("9223372036854775808"), DEC_OVERFLOW);
    /* INT64_MIN is rejected on purpose so negation stays safe. */
    assert_int_equal(parse_status("-9223372036854775808"), DEC_OVERFLOW);
    assert_int_equal(parse_status("99999999999999999999"), DEC_OVERFLOW);
}

static void test_dec_parse_scale_above_18_overflows(void **state)
{
    (void)state;
    assert_int_equal(parse_status("0.0000000000000000001"), DEC_OVERFLOW);
    assert_int_equal(parse_status("1.0000000000000000000"), DEC_OVERFLOW);
}

static void test_dec_parse_400_digits_overflows(void **state)
{
    (void)state;
    char buf[403];
    memset(buf, '9', 400);
    buf[400] = '\0';
    assert_int_equal(parse_status(buf), DEC_OVERFLOW);
    buf[0] = '-';
    assert_int_equal(parse_status(buf), DEC_OVERFLOW);
    memset(buf, '0', 400);
    buf[1] = '.';
    assert_int_equal(parse_status(buf), DEC_OVERFLOW);
}

static void test_dec_parse_400_leading_zeros_is_fine(void **state)
{
    (void)state;
    char buf[402];
    memset(buf, '0', 400);
    buf[400] = '7';
    buf[401] = '\0';
    assert_dec(parsed(buf), 7, 0);
}

static void test_dec_parse_syntax_wins_over_overflow(void **state)
{
    (void)state;
    assert_int_equal(parse_status("99999999999999999999x"), DEC_SYNTAX);
}

static void test_dec_from_int_has_scale_zero(void **state)
{
    (void)state;
    assert_dec(dec_from_int(10000), 10000, 0);
    assert_dec(dec_from_int(-3), -3, 0);
    assert_dec(dec_from_int(0), 0, 0);
}

static void test_dec_add_seed_costs_exactly(void **state)
{
    (void)state;
    Decimal sum = {0, 0};
    assert_int_equal(dec_add(parsed("26.48"), parsed("112.57"), &sum), DEC_OK);
    assert_int_equal(dec_cmp(sum, parsed("139.05")), 0);
    assert_dec(sum, 13905, 2);
    assert_formats(sum, "139.05");
}

static void test_dec_add_uses_larger_scale(void **state)
{
    (void)state;
    Decimal sum = {0, 0};
    assert_int_equal(dec_add(parsed("1.5"), parsed("2.25"), &sum), DEC_OK);
    assert_dec(sum, 375, 2);
    assert_int_equal(dec_add(parsed("120"), parsed("0.001"), &sum), DEC_OK);
    assert_formats(sum, "120.001");
    assert_int_equal(dec_add(parsed("0.10"), parsed("-0.1"), &sum), DEC_OK);
    assert_dec(sum, 0, 2);
}

static void test_dec_add_overflow_is_reported(void **state)
{
    (void)state;
    Decimal sum = {5, 0};
    assert_int_equal(dec_add(dec(INT64_MAX, 0), dec(1, 0), &sum), DEC_OVERFLOW);
    assert_int_equal(dec_add(dec(-INT64_MAX, 0), dec(-1, 0), &sum), DEC_OVERFLOW);
    assert_int_equal(dec_add(dec(1000000000000000000, 0), dec(1, 1), &sum), DEC_OVERFLOW);
    assert_dec(sum, 5, 0);
}

static void test_dec_add_is_exact_when_only_alignment_would_overflow(void **state)
{
    (void)state;
    /* 922337203685477581 does not fit at scale 1 on its own, the sum does. */
    Decimal sum = {0, 0};
    Decimal a = dec(922337203685477581, 0);
    Decimal b = dec(-9223372036854775807, 1);
    assert_int_equal(dec_add(a, b, &sum), DEC_OK);
    assert_dec(sum, 3, 1);
}

static void test_dec_sub_subtracts_exactly(void **state)
{
    (void)state;
    Decimal diff = {0, 0};
    assert_int_equal(dec_sub(parsed("139.05"), parsed("26.48"), &diff), DEC_OK);
    assert_formats(diff, "112.57");
    assert_int_equal(dec_sub(parsed("0"), parsed("5.0"), &diff), DEC_OK);
    assert_formats(diff, "-5.0");
}

static void test_dec_sub_overflow_is_reported(void **state)
{
    (void)state;
    Decimal diff = {0, 0};
    assert_int_equal(dec_sub(dec(-INT64_MAX, 0), dec(1, 0), &diff), DEC_OVERFLOW);
    assert_int_equal(dec_sub(dec(INT64_MAX, 0), dec(-INT64_MAX, 0), &diff), DEC_OVERFLOW);
}

static void test_dec_mul_unit_factor(void **state)
{
    (void)state;
    Decimal prod = {0, 0};
    assert_int_equal(dec_mul(parsed("1.5"), parsed("10000"), &prod), DEC_OK);
    assert_dec(prod, 150000, 1);
    assert_formats(prod, "15000.0");
}

static void test_dec_mul_result_scale_is_sum_of_scales(void **state)
{
    (void)state;
    Decimal prod = {0, 0};
    assert_int_equal(dec_mul(parsed("1.25"), parsed("0.2"), &prod), DEC_OK);
    assert_formats(prod, "0.250");
    assert_int_equal(dec_mul(parsed("-1.5"), parsed("2"), &prod), DEC_OK);
    assert_formats(prod, "-3.0");
    assert_int_equal(dec_mul(parsed("-2"), parsed("-3"), &prod), DEC_OK);
    assert_formats(prod, "6");
}

static void test_dec_mul_drops_zeros_only_to_fit_scale(void **state)
{
    (void)state;
    Decimal prod = {0, 0};
    assert_int_equal(dec_mul(parsed("1.000000000"), parsed("1.0000000000"), &prod), DEC_OK);
    assert_dec(prod, 1000000000000000000, 18);
}

static void test_dec_mul_drops_zeros_only_to_fit_int64(void **state)
{
    (void)state;
    Decimal prod = {0, 0};
    assert_int_equal(dec_mul(parsed("3000000000.00"), parsed("3000000000.00"), &prod), DEC_OK);
    assert_dec(prod, 9000000000000000000, 0);
    assert_int_equal(dec_mul(parsed("300000000.00"), parsed("3000000000.00"), &prod), DEC_OK);
    assert_dec(prod, 9000000000000000000, 1);
}

static void test_dec_mul_overflow_is_reported(void **state)
{
    (void)state;
    Decimal prod = {7, 0};
    assert_int_equal(dec_mul(dec(INT64_MAX, 0), dec(2, 0), &prod), DEC_OVERFLOW);
    assert_int_equal(dec_mul(dec(INT64_MAX, 0), dec(INT64_MAX, 0), &prod), DEC_OVERFLOW);
    assert_int_equal(dec_mul(parsed("5000000000.00"), parsed("4000000000.00"), &prod),
                     DEC_OVERFLOW);
    assert_dec(prod, 7, 0);
}

static void test_dec_mul_unrepresentable_scale_overflows(void **state)
{
    (void)state;
    Decimal prod = {0, 0};
    assert_int_equal(dec_mul(parsed("0.000000001"), parsed("0.0000000001"), &prod),
                     DEC_OVERFLOW);
}

static void test_dec_cmp_across_scales(void **state)
{
    (void)state;
    assert_int_equal(dec_cmp(parsed("1"), parsed("1.00")), 0);
    assert_int_equal(dec_cmp(parsed("1.5"), parsed("1.49")), 1);
    assert_int_equal(dec_cmp(parsed("1.49"), parsed("1.5")), -1);
    assert_int_equal(dec_cmp(parsed("-0.1"), parsed("0")), -1);
    assert_int_equal(dec_cmp(parsed("-0"), parsed("0.000")), 0);
}

static void test_dec_cmp_extremes_do_not_overflow(void **state)
{
    (void)state;
    assert_int_equal(dec_cmp(dec(9000000000000000000, 0), dec(1, 18)), 1);
    assert_int_equal(dec_cmp(dec(1, 18), dec(9000000000000000000, 0)), -1);
    assert_int_equal(dec_cmp(dec(INT64_MAX, 0), dec(INT64_MAX, 18)), 1);
    assert_int_equal(dec_cmp(dec(-INT64_MAX, 0), dec(-1, 18)), -1);
    assert_int_equal(dec_cmp(dec(1000000000000000000, 18), dec(1, 0)), 0);
}

static void test_dec_sign_reports_direction(void **state)
{
    (void)state;
    assert_int_equal(dec_sign(parsed("-0.01")), -1);
    assert_int_equal(dec_sign(parsed("0.00")), 0);
    assert_int_equal(dec_sign(parsed("-0")), 0);
    assert_int_equal(dec_sign(parsed("120")), 1);
}

static void test_dec_is_integer_ignores_zero_fraction(void **state)
{
    (void)state;
    assert_true(dec_is_integer(parsed("3.00")));
    assert_true(dec_is_integer(parsed("-7")));
    assert_true(dec_is_integer(parsed("0.000")));
    assert_false(dec_is_integer(parsed("3.01")));
    assert_false(dec_is_integer(parsed("-0.5")));
    assert_false(dec_is_integer(dec(1, 18)));
}

static void test_dec_normalize_strips_only_fractional_zeros(void **state)
{
    (void)state;
    assert_dec(dec_normalize(parsed("3.500")), 35, 1);
    assert_dec(dec_normalize(parsed("3.00")), 3, 0);
    assert_dec(dec_normalize(parsed("-2.50")), -25, 1);
    assert_dec(dec_normalize(parsed("0.000")), 0, 0);
    assert_dec(dec_normalize(parsed("100")), 100, 0);
    assert_dec(dec_normalize(parsed("100.0")), 100, 0);
}

static void test_dec_format_keeps_scale(void **state)
{
    (void)state;
    assert_formats(parsed("60.00"), "60.00");
    assert_formats(parsed("0.001"), "0.001");
    assert_formats(parsed("007"), "7");
    assert_formats(dec(INT64_MAX, 0), "9223372036854775807");
    assert_formats(dec(INT64_MAX, 18), "9.223372036854775807");
    assert_formats(dec(1, 18), "0.000000000000000001");
}

static void test_dec_format_zero(void **state)
{
    (void)state;
    assert_formats(dec_from_int(0), "0");
    assert_formats(parsed("-0"), "0");
    assert_formats(parsed("0.00"), "0.00");
}

static void test_dec_format_negative_numbers(void **state)
{
    (void)state;
    assert_formats(parsed("-0.5"), "-0.5");
    assert_formats(parsed("-12.34"), "-12.34");
    assert_formats(dec(-1, 18), "-0.000000000000000001");
    assert_formats(dec(-INT64_MAX, 18), "-9.223372036854775807");
    /* Outside the invariant, but formatting must still not overflow. */
    assert_formats(dec_from_int(INT64_MIN), "-9223372036854775808");
}

static void test_dec_format_truncates_like_snprintf(void **state)
{
    (void)state;
    char buf[4] = {'x', 'x', 'x', 'x'};
    assert_int_equal(dec_format(parsed("139.05"), buf, sizeof buf), 6);
    assert_string_equal(buf, "139");
    assert_int_equal(dec_format(parsed("139.05"), NULL, 0), 6);
    assert_int_equal(dec_format(parsed("139.05"), buf, 1), 6);
    assert_string_equal(buf, "");
}

static void test_dec_format_worst_case_fits_bufsz(void **state)
{
    (void)state;
    char buf[DEC_BUFSZ];
    assert_true(dec_format_min_scale(dec(INT64_MIN, 0), 18, buf, sizeof buf) < DEC_BUFSZ);
    assert_string_equal(buf, "-9223372036854775808.000000000000000000");
    assert_true(dec_format(dec(-INT64_MAX, 18), buf, sizeof buf) < DEC_BUFSZ);
}

static void test_dec_format_min_scale_pads_but_never_rounds(void **state)
{
    (void)state;
    assert_formats_min(parsed("120"), 2, "120.00");
    assert_formats_min(parsed("26.485"), 2, "26.485");
    assert_formats_min(parsed("-0.5"), 3, "-0.500");
    assert_formats_min(parsed("7"), 0, "7");
    assert_formats_min(parsed("7.0"), 0, "7.0");
    assert_formats_min(parsed("0"), 2, "0.00");
}

static void test_dec_format_min_scale_clamps_out_of_range(void **state)
{
    (void)state;
    assert_formats_min(parsed("1.5"), -3, "1.5");
    assert_formats_min(parsed("1"), 100, "1.000000000000000000");
}

static void test_dec_format_round_trips_through_parse(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "0", "-0.5", "60.00", "139.05", "9223372036854775807",
        "-9.223372036854775807", "0.000000000000000001", "15000.0",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        assert_formats(parsed(texts[i]), texts[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dec_parse_keeps_written_scale),
        cmocka_unit_test(test_dec_parse_accepts_leading_zeros_and_negative_zero),
        cmocka_unit_test(test_dec_parse_reads_only_len_bytes),
        cmocka_unit_test(test_dec_parse_rejects_bad_syntax),
        cmocka_unit_test(test_dec_parse_rejects_null_and_embedded_nul),
        cmocka_unit_test(test_dec_parse_syntax_error_leaves_output_untouched),
        cmocka_unit_test(test_dec_parse_accepts_int64_limits),
        cmocka_unit_test(test_dec_parse_beyond_int64_overflows),
        cmocka_unit_test(test_dec_parse_scale_above_18_overflows),
        cmocka_unit_test(test_dec_parse_400_digits_overflows),
        cmocka_unit_test(test_dec_parse_400_leading_zeros_is_fine),
        cmocka_unit_test(test_dec_parse_syntax_wins_over_overflow),
        cmocka_unit_test(test_dec_from_int_has_scale_zero),
        cmocka_unit_test(test_dec_add_seed_costs_exactly),
        cmocka_unit_test(test_dec_add_uses_larger_scale),
        cmocka_unit_test(test_dec_add_overflow_is_reported),
        cmocka_unit_test(test_dec_add_is_exact_when_only_alignment_would_overflow),
        cmocka_unit_test(test_dec_sub_subtracts_exactly),
        cmocka_unit_test(test_dec_sub_overflow_is_reported),
        cmocka_unit_test(test_dec_mul_unit_factor),
        cmocka_unit_test(test_dec_mul_result_scale_is_sum_of_scales),
        cmocka_unit_test(test_dec_mul_drops_zeros_only_to_fit_scale),
        cmocka_unit_test(test_dec_mul_drops_zeros_only_to_fit_int64),
        cmocka_unit_test(test_dec_mul_overflow_is_reported),
        cmocka_unit_test(test_dec_mul_unrepresentable_scale_overflows),
        cmocka_unit_test(test_dec_cmp_across_scales),
        cmocka_unit_test(test_dec_cmp_extremes_do_not_overflow),
        cmocka_unit_test(test_dec_sign_reports_direction),
        cmocka_unit_test(test_dec_is_integer_ignores_zero_fraction),
        cmocka_unit_test(test_dec_normalize_strips_only_fractional_zeros),
        cmocka_unit_test(test_dec_format_keeps_scale),
        cmocka_unit_test(test_dec_format_zero),
        cmocka_unit_test(test_dec_format_negative_numbers),
        cmocka_unit_test(test_dec_format_truncates_like_snprintf),
        cmocka_unit_test(test_dec_format_worst_case_fits_bufsz),
        cmocka_unit_test(test_dec_format_min_scale_pads_but_never_rounds),
        cmocka_unit_test(test_dec_format_min_scale_clamps_out_of_range),
        cmocka_unit_test(test_dec_format_round_trips_through_parse),
    };
    return cmocka_run_group_tests_name("decimal", tests, NULL, NULL);
}
