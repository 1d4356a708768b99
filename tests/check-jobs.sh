#!/bin/sh
# check-jobs.sh: --jobs N parses files in N threads, and what a user reads
# must not depend on it: every report byte for byte the same as --jobs 1,
# on the repository's tests/ (syntax errors, hostile bytes, encodings) and
# on a directory of 10,000 generated tables with mistakes spread through it,
# in every diagnostics format, with and past --max-errors (where a serial
# run stops parsing, and the threads' work must be cut at the same file).
# The same again when `check`'s threads parse and check a file each,
# freeing its tree (check_release.c; PTLC_TEST_BATCH_BYTES sets the size
# past which it does, 8 MiB by default, here 64 KB so that both directories
# are): the report of a run that keeps every tree, byte for byte.
# And the progress line a long run shows on a terminal.
PTLC=${PTLC:-build/ptlc}
. tests/lib.sh

# 10,000 tables: a department per file and its project in the next, so the
# cross-file sums link files parsed by different threads; every 97th file
# has a syntax error, every 13th an unknown unit, every 29th a project
# larger than its department's 项目支出
mkdir "$tmp/many"
python3 - "$tmp/many" <<'EOF'
import sys
out = sys.argv[1]
for i in range(0, 10000, 2):
    d = "株洲市第%d信访局" % i
    unit = "万园" if i % 13 == 0 else "万元"
    syntax = "    year 2026 {\n" if i % 97 == 0 else ""
    with open("%s/t%05d.ptl" % (out, i), "w") as f:
        f.write('department "%s" {\n    year 2026\n%s    budget {\n'
                '        total 100 万元\n        source 一般公共预算 100 万元\n'
                '        nature 基本支出 40 万元\n        nature 项目支出 60 万元\n    }\n'
                '    indicators {\n'
                '        产出指标 { 数量指标 { "走访群众" ≥ 30 户 } }\n'
                '        效益指标 { 社会效益指标 { "信访秩序" 定性 "达到" } }\n'
                '        满意度指标 { 服务对象满意度指标 { "群众满意率" ≥ 90 %% } }\n'
                '        成本指标 { 经济成本指标 { "成本" ≤ 40 %s } }\n'
                '    }\n}\n' % (d, syntax, unit))
    amount = 80 if i % 29 == 0 else 60
    with open("%s/t%05d.ptl" % (out, i + 1), "w") as f:
        f.write('project "项目%d" {\n    department "%s"\n    year 2026\n'
                '    amount %d 万元\n    category 特定目标类\n    period 2026\n'
                '    goal "做好接访劝返工作"\n    indicators {\n'
                '        产出指标 { 数量指标 { "值守次数" ≥ 3 次 } }\n'
                '        效益指标 { 社会效益指标 { "上访人数下降率" ≥ 60 %% } }\n'
                '        满意度指标 { 服务对象满意度指标 { "上访群众满意率" ≥ 85 %% } }\n'
                '        成本指标 { 经济成本指标 { "专项经费" ≤ 50 万元 } }\n'
                '    }\n}\n' % (i + 1, d, amount))
EOF

# same NAME ARGS...: the report and exit status of --jobs 1 and of --jobs
# 2 and 5 are identical, and not trivially (the run reports something);
# so are those of runs that free each file's tree, with 1 and 2 threads
KEEP=1000000000000
same() {
    name=$1
    shift
    PTLC_TEST_BATCH_BYTES=$KEEP "$PTLC" check --jobs 1 "$@" >"$tmp/one.out" 2>&1
    echo "exit $?" >>"$tmp/one.out"
    for j in 2 5; do
        PTLC_TEST_BATCH_BYTES=$KEEP "$PTLC" check --jobs $j "$@" >"$tmp/many.out" 2>&1
        echo "exit $?" >>"$tmp/many.out"
        check "$name, --jobs $j" cmp "$tmp/one.out" "$tmp/many.out"
    done
    for j in 1 2; do
        PTLC_TEST_BATCH_BYTES=65536 "$PTLC" check --jobs $j "$@" >"$tmp/many.out" 2>&1
        echo "exit $?" >>"$tmp/many.out"
        check "$name, batches, --jobs $j" cmp "$tmp/one.out" "$tmp/many.out"
    done
    check "$name reports something" test "$(wc -l <"$tmp/one.out")" -gt 10
}

# the same tables in one file, less those with a syntax error (a file
# with one is checked whole): shared out in parts of 32 KB, from a table's
# first line on, to 1 and 2 threads
mkdir "$tmp/one"
for f in "$tmp/many"/t*.ptl; do grep -q 'year 2026 {' "$f" || cat "$f"; done >"$tmp/one/all.ptl"
same "one file in parts" --max-errors 0 "$tmp/one"
same "one file in parts, json" --diagnostics json --max-errors 0 "$tmp/one"
same "one file in parts, limit 300" --max-errors 300 "$tmp/one"

for dir in tests "$tmp/many"; do
    label=$(basename "$dir")
    same "$label" "$dir"
    same "$label, no limit" --max-errors 0 "$dir"
    same "$label, limit 7" --max-errors 7 "$dir"
    same "$label, limit 300" --max-errors 300 "$dir"
    same "$label, json" --diagnostics json --max-errors 0 "$dir"
    same "$label, sarif" --diagnostics sarif --max-errors 0 "$dir"
done
# the findings the generator put in, less those in a file with a syntax
# error (a table that lost text is not checked as if whole): 385 unknown
# units less 4 in broken files (i % 1261 == 0), 173 oversized projects less
# the 2 whose department is broken (i % 2813 == 0), two syntax errors in
# each of the 52 broken files
"$PTLC" check --max-errors 0 --diagnostics json --jobs 2 "$tmp/many" 2>"$tmp/d.json"
jq -r '.diagnostics[].rule' "$tmp/d.json" | sort | uniq -c | awk '{print $2, $1}' >"$tmp/rules"
printf 'project-sum 171\nsyntax 104\nunknown-unit 381\n' >"$tmp/rules.want"
check "10,000 files: the findings put in" diff "$tmp/rules.want" "$tmp/rules"
# The progress line: on a terminal (a pseudo-terminal here), for a run past
# PTLC_PROGRESS_AFTER seconds (1 by default; 0 here, so the test does not
# depend on this machine's speed), through every phase, erased before the
# report; never when standard error is piped, nor in JSON, nor on a run
# shorter than the delay.
cat >"$tmp/ontty.py" <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    if sys.argv[1] != "-":
        os.environ["PTLC_PROGRESS_AFTER"] = sys.argv[1]
    os.execv(sys.argv[2], sys.argv[2:])
out = b""
while True:
    try:
        b = os.read(fd, 65536)
    except OSError:
        break
    if not b:
        break
    out += b
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
PY
PTLC_TEST_BATCH_BYTES=$KEEP python3 "$tmp/ontty.py" 0 "$PTLC" check --jobs 2 "$tmp/many" >"$tmp/tty.out"
for phase in "reading 0/10000 files" "parsing" "checking"; do
    check "progress line: $phase" grep -q "ptlc: $phase" "$tmp/tty.out"
done
PTLC_TEST_BATCH_BYTES=65536 python3 "$tmp/ontty.py" 0 "$PTLC" check --jobs 2 "$tmp/many" >"$tmp/tty-batch.out"
check "progress line: batches" grep -q "ptlc: parsing and checking 0/10000 files" "$tmp/tty-batch.out"
# what the terminal shows at the end: each CR ESC[K erases the line, so the
# piece after the last progress line starts with an erase and the report
tr '\r' '\n' <"$tmp/tty.out" >"$tmp/tty.lines"
last=$(grep -n "ptlc: checking" "$tmp/tty.lines" | tail -1 | cut -d: -f1)
check "progress line erased before the report" sh -c \
    'sed -n "$(($2 + 1))p" "$1" | grep -q "^$(printf "\033")\[K.*error\["' sh "$tmp/tty.lines" "$last"
python3 "$tmp/ontty.py" 0 "$PTLC" check --lang zh --jobs 2 "$tmp/many" >"$tmp/tty-zh.out"
check "progress line in Chinese" grep -q "ptlc: 正在检查表" "$tmp/tty-zh.out"
python3 "$tmp/ontty.py" 0 "$PTLC" check --diagnostics json "$tmp/many" >"$tmp/tty-json.out"
check "no progress line with --diagnostics json" sh -c '! grep -q "ptlc: reading" "$1"' sh "$tmp/tty-json.out"
python3 "$tmp/ontty.py" - "$PTLC" check examples >"$tmp/tty-short.out"
check "no progress line on a run under a second" sh -c '! grep -q "ptlc: reading" "$1"' sh "$tmp/tty-short.out"
PTLC_PROGRESS_AFTER=0 "$PTLC" check "$tmp/many" 2>"$tmp/piped.err"
check "no progress line when piped" sh -c \
    '! grep -q "ptlc: reading" "$1" && ! grep -q "$(printf "\r")" "$1"' sh "$tmp/piped.err"

check "--jobs 0 is refused" sh -c '"$1" check --jobs 0 examples; test $? -eq 2' sh "$PTLC"
check "--jobs x is refused" sh -c '"$1" check --jobs x examples; test $? -eq 2' sh "$PTLC"

echo "jobs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
