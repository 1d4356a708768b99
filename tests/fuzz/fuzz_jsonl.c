/* fuzz_jsonl: the JSON Lines of any input (first byte: options, fuzz.h),
 * with and without errors. Oracles: valid UTF-8; every line a JSON object
 * (parsed by jansson, not ptlc's writer) ended by a line feed, with no raw
 * tab or carriage return (the SQLite loading of README.md takes a line
 * whole because of that); the same keys in the same order on every line;
 * one line per indicator of every tree and per result of every evaluation;
 * a value_number only where it is exactly the value's decimal; every
 * amount in 万元 an exact decimal string. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static size_t expected_lines(const Program *p)
{
    size_t n = 0;
    const Field *f;
    for (size_t i = 0; i < emit_table_count(p); i++)
        for (size_t k = 0; (f = emit_next(emit_table(p, i), FIELD_INDICATORS, &k));)
            n += emit_indicator_count(f->root);
    for (size_t i = 0; i < emit_evaluation_count(p); i++) {
        const Field *res = emit_evaluation(p, i)->field[FIELD_RESULTS];
        n += res ? res->lines.len : 0;
    }
    return n;
}

/* key holds null or a decimal string dec_parse reads. */
static void assert_decimal(json_t *line, const char *key, const char *text, size_t len)
{
    json_t *v = json_object_get(line, key);
    Decimal d;
    FUZZ_CHECK(v, "a JSON Lines key is missing", text, len);
    FUZZ_CHECK(json_is_null(v) || (json_is_string(v) &&
               dec_parse(json_string_value(v), json_string_length(v), &d) == DEC_OK),
               "a JSON Lines amount is not an exact decimal string", text, len);
}

/* value_number, when given, is the number the value string writes; a value
 * that is not plain decimal text (１００ in full-width digits, read as 100)
 * is an error, so only a line written with --allow-errors has one. */
static void assert_exact_number(json_t *line, const char *number, const char *value,
                                const char *text, size_t len)
{
    json_t *n = json_object_get(line, number), *v = json_object_get(line, value);
    FUZZ_CHECK(n && v, "a JSON Lines key is missing", text, len);
    if (json_is_null(n))
        return;
    FUZZ_CHECK(json_is_number(n) && json_is_string(v), "a JSON Lines number without its value",
               text, len);
    Decimal d;
    if (dec_parse(json_string_value(v), json_string_length(v), &d) != DEC_OK) {
        FUZZ_CHECK(json_object_get(line, "errors"), "a number of a checked table is not decimal text",
                   text, len);
        return;
    }
    FUZZ_CHECK(json_number_value(n) == strtod(json_string_value(v), NULL),
               "a JSON Lines number is not exactly its value", text, len);
}

/* The keys of line, joined, for comparing the order of two lines. */
static void keys_of(json_t *line, StrBuf *out)
{
    const char *key;
    json_t *v;
    strbuf_reset(out);
    json_object_foreach(line, key, v) {
        (void)v;
        strbuf_adds(out, key);
        strbuf_addc(out, ',');
    }
}

static void check_line(const char *text, size_t len, StrBuf *first, StrBuf *keys)
{
    FUZZ_CHECK(!memchr(text, '\t', len) && !memchr(text, '\r', len),
               "a raw tab or carriage return in a JSON Lines line", text, len);
    json_error_t e;
    json_t *line = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
    FUZZ_CHECK(line && json_is_object(line), "a JSON Lines line is not a JSON object", text, len);
    keys_of(line, keys);
    if (!first->len)
        strbuf_add(first, keys->buf, keys->len);
    FUZZ_CHECK(strcmp(strbuf_cstr(first), strbuf_cstr(keys)) == 0,
               "JSON Lines lines with other keys or another order", text, len);
    assert_decimal(line, "money_wanyuan", text, len);
    assert_decimal(line, "actual_money_wanyuan", text, len);
    assert_decimal(line, "base_value", text, len);
    assert_exact_number(line, "value_number", "value", text, len);
    assert_exact_number(line, "actual_number", "actual", text, len);
    json_decref(line);
}

static void emit(const Program *p, const FuzzInput *in)
{
    StrBuf out = STRBUF_INIT, first = STRBUF_INIT, keys = STRBUF_INIT;
    emit_jsonl(p, &in->emit, &out);
    const char *s = strbuf_cstr(&out);
    fuzz_assert_utf8("JSON Lines", s, out.len);
    FUZZ_CHECK(out.len == 0 || s[out.len - 1] == '\n', "JSON Lines without a final line feed", s,
               out.len);
    size_t lines = 0;
    for (const char *at = s; at < s + out.len; lines++) {
        const char *nl = memchr(at, '\n', (size_t)(s + out.len - at));
        check_line(at, (size_t)(nl - at), &first, &keys);
        at = nl + 1;
    }
    FUZZ_CHECK(lines == expected_lines(p), "JSON Lines: not one line per indicator and result", s,
               out.len);
    strbuf_release(&keys);
    strbuf_release(&first);
    strbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_emit(data, size, emit);
    return 0;
}
