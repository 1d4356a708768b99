/* Unit tests for `check` freeing its trees (check_release.c): the same
 * program checked with its trees kept, file by file and table by table
 * must give the same report byte for byte, in the human format and in
 * JSON; the trees must really be freed where they can be (the program says
 * so), and not where they cannot: a declaration or a self-evaluation among
 * the files, or an error limit reached. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "diag_out.h"
#include "driver.h"
#include "program.h"
#include "session.h"
#include "strbuf.h"

static const char department[] =
    "department \"株洲市渌口区信访局\" {\n"
    "    year 2026\n"
    "    budget {\n"
    "        total           259.05 万元\n"
    "        nature 基本支出 139.05 万元\n"
    "        nature 项目支出 120    万元\n"
    "    }\n"
    "    allow budget-source-sum \"the reviewer said so\"\n"
    "}\n";

/* two projects over their department's 项目支出 (project-sum, across the
 * files), one of a department with no table, one with a unit it lacks */
static const char projects[] =
    "project \"驻京维稳工作组专项\" {\n"
    "    department \"株洲市渌口区信访局\"\n"
    "    year 2026\n"
    "    amount 60 万元\n"
    "    goal \"目标\"\n"
    "}\n"
    "project \"安保信访维稳专项\" {\n"
    "    department \"株洲市渌口区信访局\"\n"
    "    year 2026\n"
    "    amount 60.01 万元\n"
    "    goal \"目标\"\n"
    "}\n"
    "project \"别的\" {\n"
    "    department \"株洲市渌口区信仿局\"\n"
    "    year 2026\n"
    "    amount 5 万园\n"
    "    goal \"目标\"\n"
    "}\n";

static const char broken[] =
    "project \"坏的\" {\n"
    "    year 2026\n"
    "    amount 60 万元 万元\n"
    "}\n";

static const char empty[] = "// nothing yet\n";

/* the department and its projects in one file */
static char both[sizeof department + sizeof projects];

typedef struct Run {
    Session s;
    Program prog;
    StrBuf human, json;
} Run;

static void run(Run *r, const char *const *texts, size_t n, size_t batch, size_t max_errors)
{
    session_init(&r->s);
    r->s.release_batch = batch;
    r->s.jobs = 2;      /* two threads take the files */
    if (max_errors)
        r->s.max_errors = max_errors;
    for (size_t i = 0; i < n; i++) {
        char path[32];
        snprintf(path, sizeof path, "f%zu.ptl", i);
        uint32_t at = session_add_source(&r->s, path, texts[i], strlen(texts[i]));
        /* as the file reader marks a valid file: one larger than the batch
           is then shared out in parts, from a table's first line on */
        ((SourceFile *)r->s.files.items[at])->utf8_valid = true;
    }
    const char *err = NULL;
    assert_true(driver_check_loaded(&r->s, &r->prog, NULL, &err));
    r->human = (StrBuf)STRBUF_INIT;
    r->json = (StrBuf)STRBUF_INIT;
    diag_render_human(&r->s, &r->human, (RenderOptions){false, COLUMN_CODEPOINT});
    diag_render_summary(&r->s, &r->human, (RenderOptions){false, COLUMN_CODEPOINT});
    diag_render_json(&r->s, &r->json);
}

static void done(Run *r)
{
    strbuf_release(&r->human);
    strbuf_release(&r->json);
    program_free(&r->prog);
    session_free(&r->s);
}

/* Checks texts with their trees kept, then with a release_batch of 1 byte
 * (every file larger: each one read a table at a time) and of 400 bytes
 * (each file parsed whole, then freed); returns whether each freed its
 * trees (bit 0: table by table, bit 1: file by file), after asserting that
 * every report is the same. */
enum { STREAMED = 1, BATCHED = 2 };

static int same_both_ways(const char *const *texts, size_t n, size_t max_errors,
                          const char *expect)
{
    static const size_t batch[] = {1, 400};
    Run kept, freed[2];
    run(&kept, texts, n, 0, max_errors);
    assert_false(kept.prog.released);
    if (expect)
        assert_non_null(strstr(strbuf_cstr(&kept.human), expect));
    for (int i = 0; i < 2; i++) {
        run(&freed[i], texts, n, batch[i], max_errors);
        assert_string_equal(strbuf_cstr(&freed[i].human), strbuf_cstr(&kept.human));
        assert_string_equal(strbuf_cstr(&freed[i].json), strbuf_cstr(&kept.json));
        assert_int_equal(diag_count(&freed[i].s, SEV_ERROR), diag_count(&kept.s, SEV_ERROR));
    }
    int released = (freed[0].prog.released ? STREAMED : 0) | (freed[1].prog.released ? BATCHED : 0);
    done(&kept);
    done(&freed[0]);
    done(&freed[1]);
    return released;
}

static void test_across_files(void **state)
{
    (void)state;
    const char *const texts[] = {department, projects, empty, broken};
    /* the cross-table rule reads the copies the batches keep */
    const char *const expect[] = {"add up to 120.01 万元, more than its 项目支出",
                                  "f2.ptl:2:1: error[empty-file]",
                                  "allow 'budget-source-sum' silences nothing",
                                  "did you mean '株洲市渌口区信访局'?"};
    snprintf(both, sizeof both, "%s%s", department, projects);
    const char *const one[] = {both, empty};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(same_both_ways(texts, 3, 0, expect[i]), STREAMED | BATCHED);
        /* one file in four parts, a table each, by two threads */
        if (i != 1)
            assert_int_equal(same_both_ways(one, 2, 0, expect[i]), STREAMED | BATCHED);
        /* a syntax error anywhere in a file bears on its every table: a
           file that has one is checked whole */
        assert_int_equal(same_both_ways(texts, 4, 0, expect[i]), BATCHED);
    }
}

static void test_one_batch_keeps(void **state)
{
    (void)state;
    const char *const texts[] = {department, projects};
    Run r;
    run(&r, texts, 2, 1 << 20, 0);    /* less than release_batch in all: little to gain */
    assert_false(r.prog.released);
    done(&r);
}

static void test_declaration_keeps(void **state)
{
    (void)state;
    /* indented, so the text alone does not show it: the tree does */
    static const char unit[] = "    unit 万园 money = 10000 元\n";
    const char *const texts[] = {projects, department, unit};
    assert_int_equal(same_both_ways(texts, 3, 0, "add up to 120.01 万元"), 0);
    static const char framework[] = "framework 我的 {\n    产出指标 { 数量指标 }\n}\n";
    const char *const fw[] = {department, framework};
    assert_int_equal(same_both_ways(fw, 2, 0, NULL), 0);
}

static void test_evaluation_keeps(void **state)
{
    (void)state;
    static const char evaluation[] =
        "evaluation \"驻京维稳工作组专项\" {\n"
        "    year 2026\n"
        "}\n";
    const char *const texts[] = {department, projects, evaluation};
    assert_int_equal(same_both_ways(texts, 3, 0, "add up to 120.01 万元"), 0);
}

static void test_error_limit_keeps(void **state)
{
    (void)state;
    /* a serial run counts every file's syntax errors before any table's
       findings: past the limit, the batches would keep other findings */
    const char *const texts[] = {projects, broken, broken, broken};
    assert_int_equal(same_both_ways(texts, 4, 2, "too many errors"), 0);
    /* without one too: a serial run reports every table's field findings
       (unknown-unit) before any tree's (no-indicators) */
    const char *const clean[] = {department, projects, projects};
    assert_int_equal(same_both_ways(clean, 3, 2, "too many errors"), 0);
    assert_int_equal(same_both_ways(clean, 3, 0, "no-indicators"), STREAMED | BATCHED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_across_files),
        cmocka_unit_test(test_one_batch_keeps),
        cmocka_unit_test(test_declaration_keeps),
        cmocka_unit_test(test_evaluation_keeps),
        cmocka_unit_test(test_error_limit_keeps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
