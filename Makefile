# ptlc: a plain GNU Makefile. `make demo` and `make test` work on a fresh
# Debian machine: the deps step installs missing build packages with apt-get
# (as root) or names them and stops.

CC      ?= cc
BISON   ?= bison
FLEX    ?= flex
PREFIX  ?= /usr/local
DESTDIR ?=
B       ?= build

VERSION := 0.1.0
CFLAGS  ?= -g -O2
WARN    := -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wwrite-strings -Wundef -Wconversion
CPPFLAGS_ALL := -Isrc -I$(B)/gen -DPTLC_VERSION='"$(VERSION)"' $(CPPFLAGS)
ALL_CFLAGS := -std=c11 $(WARN) $(CFLAGS) -MMD -MP
LDLIBS  := -lutf8proc -lfreexl -lexpat -ljansson -ldl -pthread
# libzip and libxlsxwriter are opened when a workbook is read or written
# (src/libs.h); the tests that make workbooks of their own link them.
TEST_LIBS := -lzip -lxlsxwriter
# flex's skeleton converts between int and size_t freely; only the generated
# scanner gets these two warnings relaxed, never project code.
GEN_CFLAGS := -Wno-conversion -Wno-sign-conversion -Wno-unused-function

DEB_PKGS := flex bison libcmocka-dev libutf8proc-dev libxlsxwriter-dev jq python3-jsonschema \
            libjansson-dev libzip-dev libexpat1-dev libfreexl-dev gettext
# clang's libFuzzer and sanitizer runtimes, for `make fuzz` only
FUZZ_PKGS := clang libclang-rt-14-dev

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/ptl.tab.o $(B)/obj/ptl.lex.o
STDLIB  := $(sort $(wildcard stdlib/*.ptl))
RULEDOCS := $(sort $(wildcard docs/rules/*.md))
TEMPLATES := $(sort $(wildcard templates/*.ptl.in))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all lib deps demo test test-jobs tsan test-hostile test-fuzz fuzz bench bench-scaling coverage test-unit test-golden test-real test-diagnostics test-io test-new test-import test-import-corpus test-install test-json test-docs test-fmt test-html test-spreadsheets screenshots docs update-golden examples \
        sanitize valgrind clean install uninstall test-install test-tree-sitter test-vscode test-vim test-po po
.DELETE_ON_ERROR:

all: $(B)/ptlc

lib: $(B)/libptl.a

# ----- dependencies -------------------------------------------------------
deps:
	@sh tools/deps.sh $(DEB_PKGS)

# ----- generated front end ------------------------------------------------
$(B)/gen/ptl.tab.c $(B)/gen/ptl.tab.h: grammar/ptl.y
	@mkdir -p $(B)/gen
	$(BISON) -Wall -Werror -Wcounterexamples --header=$(B)/gen/ptl.tab.h -o $(B)/gen/ptl.tab.c $<

# -Cf, a full uncompressed table: every (state, byte) index is inside it by
# construction. -CF's packed table is read past its end on 8-bit input after
# a NUL (flex issue #628: the two bytes 00 FF), which the fuzzer found.
$(B)/gen/ptl.lex.c $(B)/gen/ptl.lex.h: grammar/ptl.l
	@mkdir -p $(B)/gen
	$(FLEX) -Cf --header-file=$(B)/gen/ptl.lex.h -o $(B)/gen/ptl.lex.c $<

# The stdlib is embedded as valid UTF-8 (iconv refuses anything else), so
# its parse skips the check every other source has (src/prelude.c).
$(B)/gen/prelude.inc: $(STDLIB) $(B)/embed
	iconv -f UTF-8 -t UTF-8 $(STDLIB) >/dev/null
	$(B)/embed $@ $(STDLIB)

$(B)/gen/explain.inc: $(RULEDOCS) $(B)/embed
	$(B)/embed $@ $(RULEDOCS)

# The tables `ptlc new` writes (src/template.c).
$(B)/gen/templates.inc: $(TEMPLATES) $(B)/embed
	$(B)/embed $@ $(TEMPLATES)

# The Chinese messages: po/zh_CN.po compiled by msgfmt --check (which
# rejects a translation whose % arguments differ from its English), the
# .mo embedded as it is (src/i18n.c searches it).
$(B)/gen/zh_CN.mo: po/zh_CN.po
	@mkdir -p $(B)/gen
	msgfmt --check -o $@ $<

$(B)/gen/catalog.inc: $(B)/gen/zh_CN.mo $(B)/embed
	$(B)/embed $@ $<

$(B)/embed: tools/embed.c
	@mkdir -p $(B)
	$(CC) -std=c11 $(WARN) -O1 -o $@ $<

# ----- objects --------------------------------------------------------------
$(B)/obj/%.o: src/%.c | $(B)/gen/ptl.tab.h $(B)/gen/ptl.lex.h $(B)/gen/prelude.inc $(B)/gen/explain.inc \
                       $(B)/gen/catalog.inc
	@mkdir -p $(B)/obj
	$(CC) $(CPPFLAGS_ALL) $(ALL_CFLAGS) -c -o $@ $<

$(B)/obj/ptl.tab.o: $(B)/gen/ptl.tab.c $(B)/gen/ptl.lex.h
	@mkdir -p $(B)/obj
	$(CC) $(CPPFLAGS_ALL) $(ALL_CFLAGS) $(GEN_CFLAGS) -c -o $@ $<

$(B)/obj/ptl.lex.o: $(B)/gen/ptl.lex.c $(B)/gen/ptl.tab.h
	@mkdir -p $(B)/obj
	$(CC) $(CPPFLAGS_ALL) $(ALL_CFLAGS) $(GEN_CFLAGS) -c -o $@ $<

# The stdlib's trees, packed at build time (src/prelude_pack.c) so that no
# run parses it: by tools/pack.c, linked with a prelude that has no pack.
$(B)/obj/prelude.o: $(B)/gen/prelude.inc $(B)/gen/stdlib_pack.inc
$(B)/obj/prelude-nopack.o: src/prelude.c $(B)/gen/prelude.inc | $(B)/gen/ptl.tab.h $(B)/gen/ptl.lex.h
	@mkdir -p $(B)/obj
	$(CC) $(CPPFLAGS_ALL) $(ALL_CFLAGS) -DPTLC_NO_PACK -c -o $@ $<
$(B)/pack: tools/pack.c $(filter-out $(B)/obj/prelude.o,$(LIB_OBJ)) $(B)/obj/prelude-nopack.o
	$(CC) $(CPPFLAGS_ALL) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)
$(B)/gen/stdlib.pack: $(B)/pack
	$(B)/pack $@
$(B)/gen/stdlib_pack.inc: $(B)/gen/stdlib.pack $(B)/embed
	$(B)/embed $@ $<
$(B)/obj/explain.o: $(B)/gen/explain.inc
$(B)/obj/template.o: $(B)/gen/templates.inc
$(B)/obj/i18n.o: $(B)/gen/catalog.inc

$(B)/libptl.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/ptlc: $(B)/obj/main.o $(B)/libptl.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

-include $(wildcard $(B)/obj/*.d $(B)/tests/*.d)

# ----- tests -----------------------------------------------------------------
$(B)/tests/%: tests/unit/%.c $(B)/libptl.a
	@mkdir -p $(B)/tests
	$(CC) $(CPPFLAGS_ALL) $(ALL_CFLAGS) $(GEN_CFLAGS) -o $@ $< $(B)/libptl.a $(LDFLAGS) -lcmocka $(TEST_LIBS) $(LDLIBS)

# The tests compare English messages, so they run in C.UTF-8 whatever the
# developer's locale (LANG=zh_CN.UTF-8 would make ptlc speak Chinese); a
# test that wants Chinese says so, with --lang or a LC_ALL of its own.
test test-% coverage sanitize valgrind: export LC_ALL := C.UTF-8

test: deps
	@$(MAKE) --no-print-directory test-unit test-po test-golden test-real test-diagnostics test-io test-jobs test-new test-import test-import-corpus test-install test-tree-sitter test-vscode test-vim test-lsp test-json test-jsonl test-docs test-fmt test-html test-spreadsheets test-hostile test-fuzz examples

# Every test binary runs even when an earlier one fails; the target fails
# at the end if any did.
test-unit: $(UNIT_BIN)
	@failed=""; for t in $(UNIT_BIN); do $$t || failed="$$failed $$t"; done; \
	if [ -n "$$failed" ]; then echo "unit tests failed:$$failed"; exit 1; fi

# Then again with \`check\` in batches of one file, each one's tree freed
# once checked (check_release.c): every report must stay the same.
test-golden: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/run-golden.sh
	@PTLC_TEST_BATCH_BYTES=1 PTLC=$(B)/ptlc sh tests/run-golden.sh

# SARIF validated against the standard's schema; the JSON read with jq.
test-diagnostics: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-diagnostics.sh

# The file system edge: symbolic links, loops, FIFOs, devices and hostile
# names in the inputs; devices, links, inputs, permissions, stale pages and
# signals at the outputs; the settings search's limit.
test-io: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-io.sh
	@PTLC=$(B)/ptlc sh tests/check-stdlib-pack.sh

# --jobs: the same report from any number of parsing threads, on tests/
# and on 10,000 generated tables, in every format and around --max-errors.
test-jobs: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-jobs.sh

# The parsing threads, and `check`'s threads that parse and check a file
# each (check_release.c), under ThreadSanitizer (clang): no data race.
tsan: deps
	@sh tools/deps.sh $(FUZZ_PKGS)
	@$(MAKE) -s --no-print-directory B=build/tsan CC=clang \
	    CFLAGS="-g -O1 -fsanitize=thread" LDFLAGS="-fsanitize=thread" build/tsan/ptlc
	@TSAN_OPTIONS=halt_on_error=1:exitcode=66 sh -c 'for j in 2 4; do \
	    build/tsan/ptlc check --jobs $$j --max-errors 0 tests examples >build/tsan/run.log 2>&1; \
	    rc=$$?; test $$rc -ne 66 || { echo "tsan: a data race with --jobs $$j"; exit 1; }; \
	    test $$rc -le 1 || { tail -20 build/tsan/run.log; echo "tsan: exit $$rc with --jobs $$j"; exit 1; }; done'
	@rm -rf build/tsan/many && mkdir -p build/tsan/many && for i in $$(seq 10 49); do \
	    cp examples/xinfang-department.ptl build/tsan/many/d$$i.ptl; \
	    cp examples/xinfang-projects.ptl build/tsan/many/p$$i.ptl; done
	@rm -rf build/tsan/one && mkdir -p build/tsan/one && cat build/tsan/many/*.ptl >build/tsan/one/all.ptl
	@TSAN_OPTIONS=halt_on_error=1:exitcode=66 sh -c 'for b in 1 4000; do for d in many one; do \
	    PTLC_TEST_BATCH_BYTES=$$b build/tsan/ptlc check --jobs 2 --max-errors 0 build/tsan/$$d >build/tsan/run.log 2>&1; \
	    rc=$$?; test $$rc -ne 66 || { echo "tsan: a data race checking files in threads ($$b)"; exit 1; }; \
	    test $$rc -le 1 || { tail -20 build/tsan/run.log; echo "tsan: exit $$rc checking files in threads"; exit 1; }; done; done'
	@echo "tsan: no data race with --jobs 2 and 4, nor checking 80 files, or one file in parts, in 2 threads"

# ptlc new: each template checks with exactly the findings its comments
# name; an existing file is never replaced; keywords, year, same model.
test-new: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-new.sh

# ptlc import: the seed export builds the CSV of its hand transcription.
test-import: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-import.sh

# Each real export imported, with no hand edit, against its hand
# transcription: the same model and the same findings.
test-import-corpus: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-import-real.sh

# Every message has its Chinese in po/zh_CN.po (none missing or fuzzy), with
# the same % arguments (msgfmt --check), po/ptlc.pot holds what the sources
# say now, the locale and --lang choose the language, and no Chinese
# diagnostic of the goldens is left in English.
test-po: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-po.sh

# After adding or changing a message: the template extracted again and
# merged into po/zh_CN.po, where a new message is untranslated and a changed
# one fuzzy (with its old English beside it) until its Chinese is written.
po:
	sh tools/xgettext.sh po/ptlc.pot
	msgmerge --quiet --no-wrap --add-location=file --previous -o po/zh_CN.po.new po/zh_CN.po po/ptlc.pot
	msgattrib --no-wrap --no-obsolete -o po/zh_CN.po po/zh_CN.po.new
	@rm -f po/zh_CN.po.new
	@msgfmt --check --statistics -o /dev/null po/zh_CN.po

# The HTML in Debian's chromium (playwright-core, tests/browser): DOM checks,
# A4 print, no script from hostile names. Installs chromium, fonts-noto-cjk
# and the npm packages it needs.
test-html: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-html.sh

# Rewrites docs/img/seed-department.png, seed-original.png and evaluation.png:
# review, then commit.
screenshots: $(B)/ptlc
	@UPDATE=1 PTLC=$(B)/ptlc sh tests/check-html.sh
	@PTLC=$(B)/ptlc sh tools/nvim-screenshot.sh docs/img/nvim-lsp.png

# XLSX and CSV read back by LibreOffice headless and python3-openpyxl (the
# script installs them as root); every format built twice is byte-identical.
test-spreadsheets: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-spreadsheets.sh

# The JSON model against docs/ptl.schema.json (2020-12), and jq queries.
test-json: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-json.sh

# The JSON Lines loaded into SQLite and into a PostgreSQL server the test
# starts (Unix socket only), with README.md's commands: the count of targets
# and the sum of money targets queried back, against python3's and the
# hand-checked figures. Installs sqlite3 and postgresql.
.PHONY: test-jsonl
test-jsonl: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-jsonl.sh

# The man page covers every command and option; the editor grammars know
# every keyword of the scanner; every rule has its
# explanation, whose examples fire (or not) as they say; the marked examples
# of docs/language.md, README.md and docs/教程.md (the tutorial) check as the
# text says; docs/rules.md is
# what `ptlc explain --markdown` prints (run `make docs` after editing
# docs/rules/*.md or src/rules.def).
# The 23 real tables of ../shared/real, transcribed in tests/real/: ptlc
# reports exactly what tests/real/EXPECTED.md says a reviewer flags, at its
# line, and nothing else; the JSON of each holds every value as printed.
test-real: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-real.sh
	@PTLC=$(B)/ptlc sh tests/check-real-json.sh

test-docs: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-manpage.sh
	@sh tests/check-editors.sh
	@PTLC=$(B)/ptlc sh tests/check-emacs.sh
	@PTLC=$(B)/ptlc sh tests/check-explain.sh
	@PTLC=$(B)/ptlc sh tests/check-language.sh
	@PTLC=$(B)/ptlc sh tests/check-readme.sh
	@PTLC=$(B)/ptlc sh tests/check-readme.sh docs/教程.md
	@$(B)/ptlc explain --markdown | diff -u docs/rules.md - >/dev/null || \
	    { echo "docs/rules.md is out of date: run 'make docs'"; exit 1; }

docs: $(B)/ptlc
	$(B)/ptlc explain --markdown > docs/rules.md

# ptlc fmt over every .ptl of the repository and the documentation's
# examples: idempotent, the same model and diagnostics before and after, a
# file with syntax errors untouched; `fmt --check examples/ tests/` names
# only the files listed in the script; the seed examples in Chinese
# keywords (tests/fmt/zh/) build the same JSON.
test-fmt: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-fmt.sh

# ptlc lsp driven by a scripted client (tests/lsp/client.py): every method,
# both position encodings on CJK lines, a workspace folder, malformed
# messages, a 5,000-line document edited 100 times.
.PHONY: test-lsp
test-lsp: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-lsp.sh

# ----- fuzzing -------------------------------------------------------------
# One harness per entry point that reads outside input (tests/fuzz/fuzz_*.c),
# with output oracles. `make fuzz` runs each under libFuzzer for
# FUZZ_SECONDS (clang, ASan + UBSan, one allocation per arena object);
# `make test-fuzz` runs the same harnesses, built with replay.c by any
# compiler, over the seed corpus and tests/fuzz/regressions/ (every crash
# found is kept there).
FUZZERS := check settings fix json jsonl csv html xlsx fmt import grid lsp
FUZZ_SECONDS ?= 60
FUZZ_LIBS := -ljansson -lzip -lexpat
FUZZ_SRC := tests/fuzz/fuzz.c tests/fuzz/fuzz.h
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

$(B)/replay/%: tests/fuzz/fuzz_%.c $(FUZZ_SRC) tests/fuzz/replay.c $(B)/libptl.a
	@mkdir -p $(B)/replay
	$(CC) $(CPPFLAGS_ALL) -Itests/fuzz -std=c11 $(WARN) $(CFLAGS) -o $@ $< tests/fuzz/fuzz.c \
	    tests/fuzz/replay.c $(B)/libptl.a $(LDFLAGS) $(FUZZ_LIBS) $(LDLIBS)

test-fuzz: $(FUZZERS:%=$(B)/replay/%)
	@for h in $(FUZZERS); do \
	    rm -rf $(B)/replay/seeds-$$h; sh tests/fuzz/seeds.sh $$h $(B)/replay/seeds-$$h; \
	    $(B)/replay/$$h $(B)/replay/seeds-$$h >/dev/null || { echo "fuzz replay failed: $$h"; exit 1; }; \
	done; echo "fuzz replay: $(words $(FUZZERS)) harnesses passed over their seeds and regressions"

fuzz: deps
	@sh tools/deps.sh $(FUZZ_PKGS)
	@$(MAKE) -s --no-print-directory B=build/fuzz CC=clang \
	    CFLAGS="-g -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link -DPTL_ARENA_EACH" build/fuzz/libptl.a
	@mkdir -p build/fuzz/bin build/fuzz/artifacts
	@for h in $(FUZZERS); do \
	    clang $(CPPFLAGS_ALL:$(B)/gen=build/fuzz/gen) -Itests/fuzz -std=c11 $(WARN) -g -O1 $(FUZZ_SAN) \
	        -fsanitize=fuzzer -o build/fuzz/bin/$$h tests/fuzz/fuzz_$$h.c tests/fuzz/fuzz.c \
	        build/fuzz/libptl.a $(FUZZ_LIBS) $(LDLIBS) || exit 1; \
	done
	@for h in $(FUZZERS); do \
	    mkdir -p build/fuzz/corpus/$$h; sh tests/fuzz/seeds.sh $$h build/fuzz/corpus/$$h; \
	    echo "== fuzz $$h for $(FUZZ_SECONDS) s"; \
	    build/fuzz/bin/$$h -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/ptl.dict \
	        -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	        -artifact_prefix=build/fuzz/artifacts/$$h- build/fuzz/corpus/$$h 2>build/fuzz/$$h.log \
	        || { tail -60 build/fuzz/$$h.log; echo "fuzz $$h: a finding, kept in build/fuzz/artifacts/"; exit 1; }; \
	    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|cov: ' build/fuzz/$$h.log | tail -3; \
	done

# Line and branch coverage of src/ (gcovr, from Debian) by the suites that
# assert behaviour: unit, golden, diagnostics, JSON, I/O, the rule
# documents' examples, the man page and the fuzz harnesses' oracles over
# their seeds. Fails below 90 % of lines or 80 % of branches. Branches that
# gcc marks unreachable (its own exception paths) are not counted.
# atomic counters: --jobs parses in threads, and counters updated by two
# threads at once came out negative ("branch taken -1"), which gcovr refuses
COV_FLAGS := CFLAGS="-g -O0 --coverage -fprofile-update=atomic" LDFLAGS="--coverage"
coverage: deps
	@sh tools/deps.sh gcovr
	@find build/cov -name '*.gcda' -delete 2>/dev/null || true
	@$(MAKE) -s --no-print-directory B=build/cov $(COV_FLAGS) all test-unit test-fuzz >/dev/null
	@for t in run-golden check-real check-diagnostics check-json check-io check-explain check-manpage; do \
	    PTLC=build/cov/ptlc sh tests/$$t.sh >/dev/null || { echo "coverage: tests/$$t.sh failed"; exit 1; }; \
	done
	@gcovr -r . --object-directory build/cov --filter 'src/' --exclude-unreachable-branches \
	    --print-summary --fail-under-line 90 --fail-under-branch 80 -o build/cov/coverage.txt
	@echo "per file: build/cov/coverage.txt"

# Inputs made to break ptlc, within the time and memory limits of
# docs/limits.md (tests/hostile/run.py reads them from there).
test-hostile: $(B)/ptlc
	@python3 tests/hostile/run.py --ptlc $(B)/ptlc

# The performance suite (bench/run.py, docs/performance.md): ptlc check of
# a 100 MB corpus beside its scanner alone and a plain flex -CF DFA, jq on
# the same tables as JSON, peak memory, start-up, 10,000 files, a profile.
# Prints one table of measures and goals and writes it into
# docs/performance.md; fails only when a command fails or a corpus does not
# check clean, not when a goal is missed. The corpora (bench/gen.py) go to
# $(B)/bench/corpus, generated when missing or when the generator changed.
bench: $(B)/ptlc $(B)/bench/scan $(B)/bench/dfa
	@sh tools/deps.sh hyperfine || echo "bench: no hyperfine, bench/run.py times with its own loop"
	@python3 bench/run.py --ptlc $(B)/ptlc --bin $(B)/bench --corpus $(B)/bench/corpus

# Every case that once grew faster than its input, at n and 8n: linear
# growth (x8 input, at most x12 time) or the target fails. SCALING=--quick
# runs the smaller sizes (CI).
bench-scaling: $(B)/ptlc
	@python3 bench/scaling.py --ptlc $(B)/ptlc $(SCALING)

# The scanner benchmarks: ptlc's own scanner alone (src/scan_bench.c), and
# the practical limit, a plain DFA of the same tokens (bench/dfa.l) built
# with flex -CF, the fastest table (a fixed corpus, so flex issue #628,
# which made ptl.l use -Cf, does not arise).
$(B)/bench/scan: bench/scan.c bench/slurp.h src/scan_bench.h $(B)/libptl.a
	@mkdir -p $(B)/bench
	$(CC) $(CPPFLAGS_ALL) -Ibench -std=c11 $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ bench/scan.c $(B)/libptl.a $(LDLIBS)

$(B)/bench/dfa.c: bench/dfa.l
	@mkdir -p $(B)/bench
	$(FLEX) -CF -o $@ $<

$(B)/bench/dfa: $(B)/bench/dfa.c bench/slurp.h
	$(CC) -Ibench -std=c11 $(WARN) $(GEN_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

update-golden: $(B)/ptlc
	@UPDATE=1 PTLC=$(B)/ptlc sh tests/run-golden.sh

examples: $(B)/ptlc
	$(B)/ptlc check examples/

demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p out
	$(B)/ptlc check examples/
	$(B)/ptlc build --format json -o out/examples.json examples/ 2>/dev/null
	$(B)/ptlc build --format jsonl -o out/examples.jsonl examples/ 2>/dev/null
	$(B)/ptlc build --format csv --bom -o out/indicators.csv examples/ 2>/dev/null
	$(B)/ptlc build --format csv --bom --table budget -o out/budget.csv examples/ 2>/dev/null
	$(B)/ptlc build --format html -o out/html/ examples/ 2>/dev/null
	$(B)/ptlc build --format xlsx -o out/examples.xlsx examples/ 2>/dev/null
	@echo "wrote out/: examples.json, examples.jsonl, indicators.csv, budget.csv, html/index.html, examples.xlsx"

# Everything again under AddressSanitizer and UndefinedBehaviorSanitizer.
# Then the unit, golden and fuzz-replay suites again with one allocation per
# arena object (-DPTL_ARENA_EACH), so an overflow from one AST node into the
# next is seen too.
sanitize: deps
	@$(MAKE) --no-print-directory B=build/san \
	    CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" test-unit test-golden test-real test-diagnostics test-io test-new test-json test-html test-spreadsheets test-lsp test-vim test-fuzz examples
	@$(MAKE) --no-print-directory B=build/san-each \
	    CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -DPTL_ARENA_EACH" \
	    LDFLAGS="-fsanitize=address,undefined" test-unit test-golden test-real test-fuzz

# The golden suite and the real tables with every ptlc run under valgrind
# (leaks are errors), and each language server session of check-lsp.sh
# replayed under it.
# -gdwarf-4: Debian's valgrind 3.19 cannot read clang 14's default DWARF 5.
valgrind: deps
	@sh tools/deps.sh valgrind
	@$(MAKE) --no-print-directory B=build/vg CFLAGS="-g -O1 -gdwarf-4" all
	@PTLC="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect build/vg/ptlc" \
	    sh tests/run-golden.sh
	@PTLC="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect build/vg/ptlc" \
	    sh tests/check-real.sh
	@VALGRIND=1 PTLC=build/vg/ptlc sh tests/check-lsp.sh
	@$(MAKE) --no-print-directory B=build/vg-each CFLAGS="-g -O1 -gdwarf-4 -DPTL_ARENA_EACH" all
	@PTLC="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect build/vg-each/ptlc" \
	    sh tests/run-golden.sh

clean:
	rm -rf build out

# Where the editor files go: Vim's system-wide runtime directory and
# Neovim's site directory under PREFIX (Debian's vim reads
# /usr/share/vim/vimfiles: make install VIMDIR=/usr/share/vim/vimfiles),
# Emacs' site-lisp, bash-completion's completions, and the rule docs the
# language server links to. Every file installed is listed in
# share/ptlc/installed, so `make uninstall` removes exactly those.
VIMDIR  ?= $(PREFIX)/share/vim/vimfiles
NVIMDIR ?= $(PREFIX)/share/nvim/site
LISPDIR ?= $(PREFIX)/share/emacs/site-lisp
BASHDIR ?= $(PREFIX)/share/bash-completion/completions
VIM_FILES := $(sort $(wildcard editors/vim/*/*.vim))

install: $(B)/ptlc
	@if [ ! -f $(B)/ptl.vsix ] && command -v npm >/dev/null; then $(MAKE) --no-print-directory vsix >/dev/null; fi
	@[ -f $(B)/ptl.vsix ] || echo "make install: no npm, so no VS Code package (make vsix where npm is)"
	@set -e; m=$(DESTDIR)$(PREFIX)/share/ptlc/installed; install -d $$(dirname $$m); : >$$m.new; \
	put() { install -d "$(DESTDIR)$$(dirname "$$2")"; install -m "$$3" "$$1" "$(DESTDIR)$$2"; echo "$$2" >>$$m.new; }; \
	put $(B)/ptlc $(PREFIX)/bin/ptlc 755; \
	put docs/ptlc.1 $(PREFIX)/share/man/man1/ptlc.1 644; \
	put docs/zh_CN/ptlc.1 $(PREFIX)/share/man/zh_CN/man1/ptlc.1 644; \
	for f in $(RULEDOCS); do put $$f $(PREFIX)/share/doc/ptlc/rules/$$(basename $$f) 644; done; \
	for f in $(VIM_FILES); do rel=$${f#editors/vim/}; put $$f $(VIMDIR)/$$rel 644; put $$f $(NVIMDIR)/$$rel 644; done; \
	put editors/emacs/ptl-mode.el $(LISPDIR)/ptl-mode.el 644; \
	put editors/bash/ptlc $(BASHDIR)/ptlc 644; \
	if [ -f $(B)/ptl.vsix ]; then put $(B)/ptl.vsix $(PREFIX)/share/ptlc/ptl.vsix 644; fi; \
	echo $(PREFIX)/share/ptlc/installed >>$$m.new; mv $$m.new $$m; \
	echo "installed $$(wc -l <$$m) files under $(DESTDIR)$(PREFIX) (list: $$m)"

# Removes what `make install` listed, then the directories it leaves empty.
uninstall:
	@set -e; m=$(DESTDIR)$(PREFIX)/share/ptlc/installed; \
	[ -f $$m ] || { echo "nothing to uninstall: $$m is missing"; exit 0; }; \
	n=0; while read -r f; do rm -f "$(DESTDIR)$$f"; n=$$((n + 1)); \
	d=$$(dirname "$(DESTDIR)$$f"); while [ "$$d" != "$(DESTDIR)$(PREFIX)" ] && rmdir "$$d" 2>/dev/null; do d=$$(dirname "$$d"); done; \
	done <$$m; echo "removed $$n files from $(DESTDIR)$(PREFIX)"

test-install: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-install.sh

# The tree-sitter grammar parses every .ptl of the repository (and the
# documents' examples) without an error node wherever ptlc finds no syntax
# error; its corpus and highlight tests.
test-tree-sitter: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-tree-sitter.sh

# The VS Code extension: its TextMate grammar in VS Code's own tokenizer
# against token snapshots, its snippets, its client, and the packaged .vsix
# (npm installs the pinned tools under build/).
test-vscode: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-vscode.sh

# Vim 9 and Neovim headless: the filetype over their Python mapping, the
# syntax groups, indentation as ptlc fmt lays out, :compiler ptlc | make
# landing on the character, and Neovim's LSP client with ptlc lsp.
test-vim: $(B)/ptlc
	@PTLC=$(B)/ptlc sh tests/check-vim.sh

# ----- VS Code extension -----------------------------------------------------
# $(B)/ptl.vsix, packaged by the official tool (@vscode/vsce) from a copy of
# editors/vscode in $(B)/vscode/ext: `npm ci` installs there what
# editors/vscode/package-lock.json pins (the language client, packaged with
# the extension, and vsce, which is not), without running install scripts.
# Needs Node.js 20 and the npm registry (or npm's cache).
.PHONY: vsix
vsix:
	@command -v npm >/dev/null || { echo "make vsix needs Node.js 20 and npm (Debian: nodejs npm)" >&2; exit 1; }
	rm -rf $(B)/vscode/ext $(B)/ptl.vsix
	mkdir -p $(B)/vscode/ext
	tar -C editors/vscode --exclude=./node_modules --exclude=./test --exclude='*.vsix' -cf - . | tar -C $(B)/vscode/ext -xf -
	cd $(B)/vscode/ext && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	cd $(B)/vscode/ext && ./node_modules/.bin/vsce package --skip-license --out ../../ptl.vsix
