/* fuzz.h: what the libFuzzer harnesses of tests/fuzz/ share: the pipeline
 * run on one input as a library call, exactly as the CLI and the language
 * server run it, and the output oracles. An oracle that fails aborts, which
 * libFuzzer reports as a crash with the input that caused it; built with
 * replay.c instead of libFuzzer, the same harness checks the seed corpus and
 * the regression inputs in `make test`. */
#ifndef PTL_FUZZ_H
#define PTL_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "emit.h"
#include "program.h"
#include "session.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints why and aborts (a finding). */
_Noreturn void fuzz_fail(const char *what, const char *detail, size_t len);

#define FUZZ_CHECK(cond, what, detail, len) \
    do {                                    \
        if (!(cond))                        \
            fuzz_fail((what), (detail), (len)); \
    } while (0)

/* The options byte that emitter harnesses take from the front of the input. */
typedef struct FuzzInput {
    const char *text;
    size_t len;
    EmitOptions emit;
    bool allow_errors;
} FuzzInput;

FuzzInput fuzz_split(const uint8_t *data, size_t size);

/* Checks text as a .ptl file named fuzz.ptl (stdlib in front, as always). */
void fuzz_check_source(Session *s, Program *p, const char *text, size_t len);
/* The same with `check`'s batches (Session.release_batch; 0: none). */
void fuzz_check_source_batched(Session *s, Program *p, const char *text, size_t len, size_t batch);

/* The emitter harnesses' whole run: splits the options byte, checks the
 * source, and calls emit when ptlc would write the output (no errors, or
 * --allow-errors), then frees everything. */
typedef void (*FuzzEmit)(const Program *p, const FuzzInput *in);
void fuzz_emit(const uint8_t *data, size_t size, FuzzEmit emit);

/* Renders every diagnostic in the three formats and checks them: the human
 * text has no control byte but newline (nothing reaches a terminal), the
 * JSON and SARIF parse and are UTF-8 (SARIF for one input in eight). */
void fuzz_check_diagnostics(Session *s);

/* Oracles. */
void fuzz_assert_utf8(const char *what, const char *s, size_t n);
void fuzz_assert_json(const char *what, const char *s, size_t n);
void fuzz_assert_terminal_safe(const char *what, const char *s, size_t n);

#endif
