/* Unit tests for the memory helpers: src/strbuf (growable, always
 * NUL-terminated byte buffer), src/arena (zeroed, max-aligned bump
 * allocation, PtrVec) and src/intern (string interning, pointer map). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdalign.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "intern.h"
#include "strbuf.h"

static void assert_sb(const StrBuf *sb, const char *want, size_t want_len)
{
    assert_int_equal(sb->len, want_len);
    assert_memory_equal(sb->buf, want, want_len);
    assert_int_equal(sb->buf[sb->len], '\0');
    assert_true(sb->cap > sb->len);
}

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static bool is_max_aligned(const void *p)
{
    return (uintptr_t)p % alignof(max_align_t) == 0;
}

/* ===== strbuf ===== */

static void test_strbuf_init_is_empty_and_cstr_is_never_null(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    assert_null(sb.buf);
    assert_int_equal(sb.len, 0);
    assert_string_equal(strbuf_cstr(&sb), "");
    strbuf_release(&sb);
}

static void test_strbuf_add_appends_bytes_and_keeps_nul(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_add(&sb, "abcdef", 3);
    assert_sb(&sb, "abc", 3);
    strbuf_adds(&sb, "区");
    assert_sb(&sb, "abc区", 6);
    strbuf_addc(&sb, '!');
    assert_sb(&sb, "abc区!", 7);
    strbuf_add(&sb, "", 0);
    assert_sb(&sb, "abc区!", 7);
    assert_string_equal(strbuf_cstr(&sb), "abc区!");
    strbuf_release(&sb);
}

static void test_strbuf_add_keeps_embedded_nul(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_add(&sb, "a\0b", 3);
    strbuf_addc(&sb, '\0');
    assert_sb(&sb, "a\0b\0", 4);
    strbuf_release(&sb);
}

static void test_strbuf_add_of_nothing_still_allocates_a_terminated_buffer(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_add(&sb, NULL, 0);
    assert_non_null(sb.buf);
    assert_sb(&sb, "", 0);
    strbuf_release(&sb);
}

static void test_strbuf_addf_formats_and_appends(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%s:%u:%u: ", "t.ptl", 2u, 14u);
    strbuf_addf(&sb, "%5u | %zu%%", 7u, (size_t)3);
    assert_string_equal(sb.buf, "t.ptl:2:14:     7 | 3%");
    assert_int_equal(sb.len, strlen("t.ptl:2:14:     7 | 3%"));
    strbuf_addf(&sb, "%s", "");
    assert_int_equal(sb.len, strlen("t.ptl:2:14:     7 | 3%"));
    strbuf_release(&sb);
}

static void test_strbuf_addf_grows_for_long_output(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "x");
    strbuf_addf(&sb, "%0500d|%s", 7, "end");
    assert_int_equal(sb.len, 1 + 500 + 4);
    assert_int_equal(sb.buf[1], '0');
    assert_int_equal(sb.buf[500], '7');
    assert_string_equal(sb.buf + 501, "|end");
    assert_int_equal(sb.buf[sb.len], '\0');
    strbuf_release(&sb);
}

static void test_strbuf_repeat_appends_n_copies(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "[");
    strbuf_repeat(&sb, '~', 5);
    strbuf_repeat(&sb, ' ', 0);
    strbuf_adds(&sb, "]");
    assert_sb(&sb, "[~~~~~]", 7);
    strbuf_repeat(&sb, '-', 1000);
    assert_int_equal(sb.len, 1007);
    assert_int_equal(sb.buf[1006], '-');
    assert_int_equal(sb.buf[1007], '\0');
    strbuf_release(&sb);
}

static void test_strbuf_grow_reserves_room_without_changing_contents(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "ab");
    strbuf_grow(&sb, 300);
    assert_true(sb.cap >= 2 + 300 + 1);
    assert_sb(&sb, "ab", 2);
    char *before = sb.buf;
    strbuf_add(&sb, "0123456789", 10);
    assert_ptr_equal(sb.buf, before);
    strbuf_release(&sb);
}

static void test_strbuf_growth_preserves_contents(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    for (int i = 0; i < 2000; i++)
        strbuf_addc(&sb, (char)('a' + i % 26));
    assert_int_equal(sb.len, 2000);
    for (int i = 0; i < 2000; i++)
        assert_int_equal(sb.buf[i], 'a' + i % 26);
    assert_int_equal(sb.buf[2000], '\0');
    strbuf_release(&sb);
}

static void test_strbuf_reset_empties_but_keeps_capacity(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "hello");
    size_t cap = sb.cap;
    strbuf_reset(&sb);
    assert_int_equal(sb.len, 0);
    assert_int_equal(sb.cap, cap);
    assert_string_equal(sb.buf, "");
    strbuf_adds(&sb, "区");
    assert_sb(&sb, "区", 3);
    strbuf_release(&sb);
    StrBuf empty = STRBUF_INIT;
    strbuf_reset(&empty);
    assert_null(empty.buf);
    assert_int_equal(empty.len, 0);
}

static void test_strbuf_detach_hands_over_the_buffer(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "budget");
    size_t len = 0;
    char *s = strbuf_detach(&sb, &len);
    assert_string_equal(s, "budget");
    assert_int_equal(len, 6);
    assert_null(sb.buf);
    assert_int_equal(sb.len, 0);
    assert_int_equal(sb.cap, 0);
    assert_string_equal(strbuf_cstr(&sb), "");
    free(s);
    strbuf_adds(&sb, "again");
    assert_sb(&sb, "again", 5);
    strbuf_release(&sb);
}

static void test_strbuf_detach_of_emptied_buffer_returns_empty_string(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "abc");
    strbuf_reset(&sb);
    size_t len = 99;
    char *s = strbuf_detach(&sb, &len);
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    free(s);
    strbuf_adds(&sb, "x");
    s = strbuf_detach(&sb, NULL);
    assert_string_equal(s, "x");
    free(s);
}

static void test_strbuf_release_resets_to_init(void **state)
{
    (void)state;
    StrBuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "x");
    strbuf_release(&sb);
    assert_null(sb.buf);
    assert_int_equal(sb.len, 0);
    assert_int_equal(sb.cap, 0);
    strbuf_release(&sb);
    assert_null(sb.buf);
}

/* ===== arena ===== */

static void test_arena_alloc_is_max_aligned_and_zeroed(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    static const size_t sizes[] = {1, 3, 7, 8, 15, 16, 17, 31, 33, 100, 1000};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *p = arena_alloc(&a, sizes[i]);
        assert_non_null(p);
        assert_true(is_max_aligned(p));
        assert_true(all_zero(p, sizes[i]));
        memset(p, 0xAB, sizes[i]);
    }
    arena_free(&a);
    assert_null(a.head);
}

static void test_arena_allocations_do_not_overlap(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    enum { N = 5000 };
    static unsigned char *ptrs[N];
    for (size_t i = 0; i < N; i++) {
        ptrs[i] = arena_alloc(&a, 24);
        memset(ptrs[i], (int)(i & 0xFF), 24);
    }
    for (size_t i = 0; i < N; i++) {
        for (size_t j = 0; j < 24; j++)
            assert_int_equal(ptrs[i][j], i & 0xFF);
        assert_true(is_max_aligned(ptrs[i]));
    }
    arena_free(&a);
}

static void test_arena_alloc_fresh_memory_is_zero_after_reuse_of_block(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    unsigned char *p = arena_alloc(&a, 64);
    memset(p, 0xFF, 64);
    unsigned char *q = arena_alloc(&a, 64);
    assert_true(q >= p + 64 || q + 64 <= p);
    assert_true(all_zero(q, 64));
    arena_free(&a);
}

static void test_arena_large_allocations_get_their_own_block(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    unsigned char *small1 = arena_alloc(&a, 32);
    memset(small1, 1, 32);
    size_t big_size = 1u << 20;
    unsigned char *big = arena_alloc(&a, big_size);
    assert_true(is_max_aligned(big));
    assert_true(all_zero(big, big_size));
    memset(big, 2, big_size);
    unsigned char *small2 = arena_alloc(&a, 32);
    assert_true(is_max_aligned(small2));
    assert_true(all_zero(small2, 32));
#ifndef PTL_ARENA_EACH
    /* the small ones still share the head block, right after each other
     * (with -DPTL_ARENA_EACH every object has its own block by design) */
    assert_ptr_equal(small2, small1 + 32);
#endif
    for (size_t i = 0; i < 32; i++)
        assert_int_equal(small1[i], 1);
    assert_int_equal(big[0], 2);
    assert_int_equal(big[big_size - 1], 2);
    arena_free(&a);
}

static void test_arena_large_first_allocation_then_small(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    unsigned char *big = arena_alloc(&a, 100000);
    memset(big, 3, 100000);
    unsigned char *small = arena_alloc(&a, 10);
    assert_true(all_zero(small, 10));
    assert_true(small >= big + 100000 || small + 10 <= big);
    assert_int_equal(big[99999], 3);
    arena_free(&a);
}

static void test_arena_allocations_just_around_quarter_block(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    static const size_t sizes[] = {16383, 16384, 16385, 65536, 65537};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *p = arena_alloc(&a, sizes[i]);
        assert_true(is_max_aligned(p));
        assert_true(all_zero(p, sizes[i]));
        memset(p, 0x5A, sizes[i]);
    }
    arena_free(&a);
}

static void test_arena_strndup_copies_and_terminates(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    char *s = arena_strndup(&a, "万元xyz", 6);
    assert_string_equal(s, "万元");
    char *e = arena_strndup(&a, "abc", 0);
    assert_string_equal(e, "");
    arena_free(&a);
}

static void test_arena_sprintf_formats_into_the_arena(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    char *s = arena_sprintf(&a, "%s = %d %s", "基本支出", 139, "万元");
    assert_string_equal(s, "基本支出 = 139 万元");
    char *e = arena_sprintf(&a, "%s", "");
    assert_string_equal(e, "");
    char *big = arena_sprintf(&a, "%070000d", 5);
    assert_int_equal(strlen(big), 70000);
    assert_int_equal(big[0], '0');
    assert_int_equal(big[69999], '5');
    assert_true(is_max_aligned(big));
    arena_free(&a);
}

static void test_arena_free_twice_is_harmless(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    arena_alloc(&a, 10);
    arena_free(&a);
    arena_free(&a);
    assert_null(a.head);
}

static void test_ptrvec_push_grows_and_keeps_order(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    PtrVec v = {0};
    static int items[1000];
    ptrvec_push(&a, &v, &items[0]);
    assert_int_equal(v.len, 1);
    assert_int_equal(v.cap, 8);
    for (size_t i = 1; i < 1000; i++)
        ptrvec_push(&a, &v, &items[i]);
    assert_int_equal(v.len, 1000);
    assert_int_equal(v.cap, 1024);
    for (size_t i = 0; i < 1000; i++)
        assert_ptr_equal(v.items[i], &items[i]);
    ptrvec_push(&a, &v, NULL);
    assert_int_equal(v.len, 1001);
    assert_null(v.items[1000]);
    arena_free(&a);
}

static void test_ptrvec_doubles_at_each_full_capacity(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    PtrVec v = {0};
    int x = 0;
    for (size_t i = 0; i < 8; i++)
        ptrvec_push(&a, &v, &x);
    assert_int_equal(v.cap, 8);
    ptrvec_push(&a, &v, &x);
    assert_int_equal(v.cap, 16);
    assert_int_equal(v.len, 9);
    arena_free(&a);
}

/* ===== intern ===== */

static void test_intern_returns_same_pointer_for_equal_strings(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    Interner in;
    intern_init(&in, &a);
    char buf1[] = "万元", buf2[] = "万元";
    const char *x = intern_cstr(&in, buf1);
    const char *y = intern_cstr(&in, buf2);
    assert_ptr_equal(x, y);
    assert_ptr_not_equal(x, buf1);
    assert_string_equal(x, "万元");
    assert_ptr_equal(intern(&in, "万元/人", 6), x);
    assert_int_equal(in.count, 1);
    intern_free(&in);
    arena_free(&a);
}

static void test_intern_distinguishes_different_strings(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    Interner in;
    intern_init(&in, &a);
    const char *x = intern_cstr(&in, "元");
    const char *y = intern_cstr(&in, "万元");
    const char *z = intern_cstr(&in, "元 ");
    const char *e = intern_cstr(&in, "");
    assert_ptr_not_equal(x, y);
    assert_ptr_not_equal(x, z);
    assert_ptr_not_equal(x, e);
    assert_string_equal(e, "");
    assert_ptr_equal(intern(&in, "xyz", 0), e);
    assert_int_equal(in.count, 4);
    intern_free(&in);
    arena_free(&a);
}

static void test_intern_keys_on_length_including_nul_bytes(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    Interner in;
    intern_init(&in, &a);
    const char *ab = intern(&in, "a\0b", 3);
    const char *ac = intern(&in, "a\0c", 3);
    const char *a1 = intern(&in, "a", 1);
    assert_ptr_not_equal(ab, ac);
    assert_ptr_not_equal(ab, a1);
    assert_ptr_equal(intern(&in, "a\0b", 3), ab);
    assert_memory_equal(ab, "a\0b", 4);
    intern_free(&in);
    arena_free(&a);
}

static void test_intern_keeps_identity_after_growth_past_1000_strings(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    Interner in;
    intern_init(&in, &a);
    enum { N = 3000 };
    static const char *first[N];
    char buf[32];
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "名称%d", i);
        first[i] = intern_cstr(&in, buf);
        assert_string_equal(first[i], buf);
    }
    assert_int_equal(in.count, N);
    assert_true(in.cap >= 2 * N);
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "名称%d", i);
        assert_ptr_equal(intern_cstr(&in, buf), first[i]);
    }
    for (int i = 1; i < N; i++)
        assert_ptr_not_equal(first[i], first[i - 1]);
    assert_int_equal(in.count, N);
    intern_free(&in);
    assert_null(in.slots);
    assert_int_equal(in.count, 0);
    arena_free(&a);
}

/* ===== ptrmap ===== */

static void test_ptrmap_empty_get_returns_null(void **state)
{
    (void)state;
    PtrMap m = {0};
    static int k;
    assert_null(ptrmap_get(&m, &k));
    ptrmap_free(&m);
}

static void test_ptrmap_put_get_and_overwrite(void **state)
{
    (void)state;
    PtrMap m = {0};
    static int k1, k2, v1, v2, v3;
    ptrmap_put(&m, &k1, &v1);
    ptrmap_put(&m, &k2, &v2);
    assert_ptr_equal(ptrmap_get(&m, &k1), &v1);
    assert_ptr_equal(ptrmap_get(&m, &k2), &v2);
    assert_int_equal(m.count, 2);
    ptrmap_put(&m, &k1, &v3);
    assert_ptr_equal(ptrmap_get(&m, &k1), &v3);
    assert_ptr_equal(ptrmap_get(&m, &k2), &v2);
    assert_int_equal(m.count, 2);
    static int absent;
    assert_null(ptrmap_get(&m, &absent));
    ptrmap_free(&m);
    assert_null(m.keys);
    assert_int_equal(m.cap, 0);
    assert_null(ptrmap_get(&m, &k1));
}

static void test_ptrmap_keeps_entries_through_growth(void **state)
{
    (void)state;
    PtrMap m = {0};
    enum { N = 5000 };
    static char keys[N];
    static int vals[N];
    for (size_t i = 0; i < N; i++)
        ptrmap_put(&m, &keys[i], &vals[i]);
    assert_int_equal(m.count, N);
    assert_true(m.cap >= 2 * N);
    for (size_t i = 0; i < N; i++)
        assert_ptr_equal(ptrmap_get(&m, &keys[i]), &vals[i]);
    /* overwrite every other entry after growth */
    for (size_t i = 0; i < N; i += 2)
        ptrmap_put(&m, &keys[i], &vals[N - 1 - i]);
    assert_int_equal(m.count, N);
    for (size_t i = 0; i < N; i++)
        assert_ptr_equal(ptrmap_get(&m, &keys[i]), i % 2 ? &vals[i] : &vals[N - 1 - i]);
    ptrmap_free(&m);
}

static void test_ptrmap_keyed_by_interned_names(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    Interner in;
    intern_init(&in, &a);
    PtrMap m = {0};
    ptrmap_put(&m, intern_cstr(&in, "department"), (void *)(intptr_t)1);
    ptrmap_put(&m, intern_cstr(&in, "定性"), (void *)(intptr_t)2);
    char word[] = "定性";
    assert_int_equal((intptr_t)ptrmap_get(&m, intern_cstr(&in, word)), 2);
    assert_int_equal((intptr_t)ptrmap_get(&m, intern_cstr(&in, "department")), 1);
    assert_null(ptrmap_get(&m, intern_cstr(&in, "project")));
    assert_null(ptrmap_get(&m, word));   /* by pointer, not by content */
    ptrmap_free(&m);
    intern_free(&in);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strbuf_init_is_empty_and_cstr_is_never_null),
        cmocka_unit_test(test_strbuf_add_appends_bytes_and_keeps_nul),
        cmocka_unit_test(test_strbuf_add_keeps_embedded_nul),
        cmocka_unit_test(test_strbuf_add_of_nothing_still_allocates_a_terminated_buffer),
        cmocka_unit_test(test_strbuf_addf_formats_and_appends),
        cmocka_unit_test(test_strbuf_addf_grows_for_long_output),
        cmocka_unit_test(test_strbuf_repeat_appends_n_copies),
        cmocka_unit_test(test_strbuf_grow_reserves_room_without_changing_contents),
        cmocka_unit_test(test_strbuf_growth_preserves_contents),
        cmocka_unit_test(test_strbuf_reset_empties_but_keeps_capacity),
        cmocka_unit_test(test_strbuf_detach_hands_over_the_buffer),
        cmocka_unit_test(test_strbuf_detach_of_emptied_buffer_returns_empty_string),
        cmocka_unit_test(test_strbuf_release_resets_to_init),
        cmocka_unit_test(test_arena_alloc_is_max_aligned_and_zeroed),
        cmocka_unit_test(test_arena_allocations_do_not_overlap),
        cmocka_unit_test(test_arena_alloc_fresh_memory_is_zero_after_reuse_of_block),
        cmocka_unit_test(test_arena_large_allocations_get_their_own_block),
        cmocka_unit_test(test_arena_large_first_allocation_then_small),
        cmocka_unit_test(test_arena_allocations_just_around_quarter_block),
        cmocka_unit_test(test_arena_strndup_copies_and_terminates),
        cmocka_unit_test(test_arena_sprintf_formats_into_the_arena),
        cmocka_unit_test(test_arena_free_twice_is_harmless),
        cmocka_unit_test(test_ptrvec_push_grows_and_keeps_order),
        cmocka_unit_test(test_ptrvec_doubles_at_each_full_capacity),
        cmocka_unit_test(test_intern_returns_same_pointer_for_equal_strings),
        cmocka_unit_test(test_intern_distinguishes_different_strings),
        cmocka_unit_test(test_intern_keys_on_length_including_nul_bytes),
        cmocka_unit_test(test_intern_keeps_identity_after_growth_past_1000_strings),
        cmocka_unit_test(test_ptrmap_empty_get_returns_null),
        cmocka_unit_test(test_ptrmap_put_get_and_overwrite),
        cmocka_unit_test(test_ptrmap_keeps_entries_through_growth),
        cmocka_unit_test(test_ptrmap_keyed_by_interned_names),
    };
    return cmocka_run_group_tests_name("strbuf_arena", tests, NULL, NULL);
}
