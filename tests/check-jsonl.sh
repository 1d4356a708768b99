#!/bin/sh
# check-jsonl.sh: the JSON Lines of `ptlc build --format jsonl` loaded into
# SQLite (the sqlite3 shell) and into PostgreSQL (a throwaway server this
# script starts: initdb into its temporary directory, a Unix socket there
# and no TCP, stopped and removed on exit), with the commands README.md's
# "Loading into a database" shows, run as written. Each database's count of
# targets and sum of money targets (in 万元) must equal both the figures
# python3's json module and decimal.Decimal compute from the same file and
# the figures checked by hand against examples/ (below); names with quotes,
# backslashes, tabs, line breaks and a control character come back byte
# for byte; a changed amount gives another sum, so the check can fail.
# As root, the server runs as nobody. Installs sqlite3 and postgresql
# (tools/deps.sh). Prints one line per failure, then "jsonl: N passed, M failed".
PTLC=${PTLC:-build/ptlc}
case $PTLC in /*) ;; *) PTLC=$(pwd)/$PTLC ;; esac
PY=/usr/bin/python3
. tests/lib.sh
sh tools/deps.sh sqlite3 postgresql python3 || exit 2

# ===== the figures, by hand =====
# examples/ holds 34 targets: the department's 14 (数量 4, 质量 3, 时效 1,
# 社会效益 1, 生态效益 1, 满意度 1, 成本 3), each project's 10; and 24
# results (the department's 14, 驻京维稳工作组专项's 10): 58 lines. The
# money targets are the department's 成本指标, 公用 26.48 + 项目 120 + 人员
# 112.57 = 259.05 万元 (its 资金总额, as its budget says), and each
# project's cost ≤ 60 万元: 259.05 + 60 + 60 = 379.05 万元. The results
# spent 25.91 + 119.6 + 112.3 = 257.81 万元 (the department's execution
# total) and 59.6 (the project's): 317.41 万元.
HAND_TARGETS=34
HAND_MONEY=379.05
HAND_LINES=58
HAND_SPENT=317.41

# ===== the same, by python3 over the file =====
# figures FILE: "targets money lines spent". Every line is one JSON object
# with the same keys in the same order; a money amount in 万元 must be its
# value times the unit's factor, computed here from a table of our own.
figures() {
    "$PY" - "$1" <<'EOF'
import json, sys
from decimal import Decimal
wan = {"万元": Decimal(1), "萬元": Decimal(1), "万": Decimal(1), "元": Decimal("0.0001"),
       "亿元": Decimal(10000)}
keys, targets, money, lines, spent = None, 0, Decimal(0), 0, Decimal(0)
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    for text in f:
        assert text.endswith("\n") and "\t" not in text and "\r" not in text, text
        line = json.loads(text, parse_float=Decimal)
        keys = keys or list(line)
        assert list(line) == keys, (list(line), keys)
        lines += 1
        if line["money_wanyuan"] is not None:
            assert Decimal(line["money_wanyuan"]) == Decimal(line["value"]) * wan[line["unit"]], line
        if line["main"] is True:
            targets += 1
            money += Decimal(line["money_wanyuan"] or 0)
        if line["actual_money_wanyuan"] is not None:
            spent += Decimal(line["actual_money_wanyuan"])
print(targets, money, lines, spent)
EOF
}

# same LABEL GOT WANT: two decimals are equal in value (120 == 120.00)
same() {
    "$PY" -c 'import sys; from decimal import Decimal as D
sys.exit(0 if D(sys.argv[2]) == D(sys.argv[3]) else "%s: %s, not %s" % tuple(sys.argv[1:]))' "$@"
}

# ===== README.md's commands =====
# readme_block NAME: the lines of the block after <!-- check-jsonl: NAME -->
readme_block() {
    awk -v want="<!-- check-jsonl: $1 -->" '
        $0 == want { pending = 1; next }
        pending && /^```/ { inb = 1; pending = 0; next }
        inb && /^```/ { exit }
        inb { print }' README.md
}

# run_readme NAME: each "$ " line of the block run with sh in $tmp/root (as
# check-readme.sh runs its commands: examples/ and an empty out/, build/ptlc
# meaning $PTLC); its standard output must be the lines that follow it
run_readme() {
    readme_block "$1" >"$tmp/$1.block"
    check "README.md has the $1 commands" test -s "$tmp/$1.block"
    awk -v out="$tmp/$1" '
        /^\$ / { k++; sub(/^\$ /, ""); print > (out ".cmd." k); printf "" > (out ".want." k); next }
        k { print > (out ".want." k) }' "$tmp/$1.block"
    k=1
    while [ -e "$tmp/$1.cmd.$k" ]; do
        cmd=$(sed "s|build/ptlc|$PTLC|g" "$tmp/$1.cmd.$k")
        (cd "$tmp/root" && sh -c "$cmd") >"$tmp/$1.got.$k" 2>"$tmp/$1.err.$k"
        check "README $1: $(cat "$tmp/$1.cmd.$k")" sh -c \
            "cat '$tmp/$1.err.$k'; diff '$tmp/$1.want.$k' '$tmp/$1.got.$k'"
        k=$((k + 1))
    done
}

mkdir "$tmp/root" "$tmp/root/out"
ln -s "$(pwd)/examples" "$tmp/root/examples"

# ===== SQLite =====
run_readme sqlite
J=$tmp/root/out/ptl.jsonl
set -- $(figures "$J")
PY_TARGETS=$1 PY_MONEY=$2 PY_LINES=$3 PY_SPENT=$4
check "python: $PY_TARGETS targets, as counted by hand" test "$PY_TARGETS" = "$HAND_TARGETS"
check "python: $PY_MONEY 万元 of money targets, as added by hand" same python "$PY_MONEY" "$HAND_MONEY"
check "python: $PY_LINES lines" test "$PY_LINES" = "$HAND_LINES"
check "python: $PY_SPENT 万元 spent, as added by hand" same python "$PY_SPENT" "$HAND_SPENT"
check "docs/jsonl.md's example line is a line of the seed's" \
    grep -qxF "$(grep '^{"file":' docs/jsonl.md)" "$J"

# Reference checks of what a database returned: both the python figures
# and the hand ones.
count_is() { [ "$2" = "$PY_TARGETS" ] && [ "$2" = "$HAND_TARGETS" ] || { echo "$1: $2 targets"; false; }; }
money_is() { same "$1" "$2" "$PY_MONEY" && same "$1" "$2" "$HAND_MONEY"; }

# Names that COPY's text format or a CSV reader would mangle, written by a
# table checked with --allow-errors (a control character in text is an
# error); each DB must give back the bytes python reads from the line.
printf '%s\n' 'project "转义" {' '    department "测试单位"' '    year 2026' '    amount 10 万元' \
    '    category 特定目标类' '    period 2026' '    goal "目标"' '    indicators {' \
    '        产出指标 { 数量指标 { "反斜杠\\n不是换行 \"引号\" \t制表 \\. 逗号,分号;" >= 3 次 } }' \
    "        效益指标 { 社会效益 { \"控制$(printf '\001\002')字符\" >= 90 % } }" \
    '        成本指标 { 经济成本指标 { "\"以引号开头" <= 10 万元 } }' '    }' '}' >"$tmp/hostile.ptl"
"$PTLC" build --format jsonl --allow-errors -o "$tmp/hostile.jsonl" "$tmp/hostile.ptl" 2>/dev/null
"$PY" -c 'import json, sys
for l in open(sys.argv[1], encoding="utf-8"): print(json.loads(l)["name"].encode().hex().upper())' \
    "$tmp/hostile.jsonl" >"$tmp/hostile.want"
check "the hostile table has its 3 names" test "$(wc -l <"$tmp/hostile.want")" -eq 3

# A copy with one amount changed (公用经费成本 26.48 -> 26.49 万元): its sum
# must differ from both references, or the comparison proves nothing.
sed 's/"money_wanyuan":"26.48"/"money_wanyuan":"26.49"/' "$J" >"$tmp/changed.jsonl"
check "the changed copy changes one line" sh -c "! cmp -s '$J' '$tmp/changed.jsonl'"
money_differs() { ! same "$1" "$2" "$PY_MONEY" 2>/dev/null && ! same "$1" "$2" "$HAND_MONEY" 2>/dev/null; }

DB=$tmp/root/out/ptl.db
lite() { sqlite3 "$DB" "$@"; }
lite_load() { sqlite3 -tabs "$DB" "CREATE TABLE $1 (line TEXT)" ".import $2 $1"; }
got=$(lite "SELECT count(*) || ' ' || decimal_sum(json_extract(line, '\$.money_wanyuan'))
            FROM indicator WHERE json_extract(line, '\$.main')")
check "sqlite: ${got% *} targets" count_is sqlite "${got% *}"
check "sqlite: ${got#* } 万元 of money targets" money_is sqlite "${got#* }"
check "sqlite: $HAND_LINES lines, each valid JSON" \
    test "$(lite "SELECT count(*) FROM indicator WHERE json_valid(line)")" = "$HAND_LINES"
check "sqlite: $HAND_SPENT 万元 spent" same sqlite \
    "$(lite "SELECT decimal_sum(json_extract(line, '\$.actual_money_wanyuan')) FROM indicator")" "$HAND_SPENT"
lite_load hostile "$tmp/hostile.jsonl"
lite "SELECT hex(json_extract(line, '\$.name')) FROM hostile ORDER BY rowid" >"$tmp/hostile.sqlite"
check "sqlite: the hostile names byte for byte" diff "$tmp/hostile.want" "$tmp/hostile.sqlite"
lite_load changed "$tmp/changed.jsonl"
got=$(lite "SELECT decimal_sum(json_extract(line, '\$.money_wanyuan')) FROM changed
            WHERE json_extract(line, '\$.main')")
check "sqlite: a changed amount gives another sum ($got)" money_differs sqlite "$got"

# ===== PostgreSQL =====
# The newest server Debian installed; as root it runs as nobody (initdb
# refuses root), in a directory of its own inside $tmp, which nobody must be
# able to enter: the checkout may sit in a 0700 directory, so nothing of it
# is read by the server (psql, run as the caller, feeds it the lines).
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pg=$tmp/pg
mkdir "$pg"
if [ "$(id -u)" = 0 ]; then
    chmod 755 "$tmp"
    chown nobody:nogroup "$pg"
    as_pg() { (cd "$pg" && setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"); }
else
    as_pg() { (cd "$pg" && "$@"); }
fi
# stopped (immediately: the data is thrown away) before $tmp is removed
stop_pg() {
    [ -f "$pg/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$pg/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$tmp"
}
trap stop_pg EXIT
trap 'exit 2' HUP INT TERM
start_pg() {
    [ -x "$pgbin/initdb" ] || { echo "no PostgreSQL server under /usr/lib/postgresql"; return 1; }
    as_pg test -w "$pg" || { echo "$pg: the server's user cannot write here (set TMPDIR)"; return 1; }
    as_pg "$pgbin/initdb" -D "$pg/data" -U ptl --auth=trust -E UTF8 --locale=C.UTF-8 -N \
        >"$pg/initdb.log" 2>&1 || { cat "$pg/initdb.log"; return 1; }
    # a Unix socket in the test's directory, no TCP: nothing else can reach it
    printf "listen_addresses = ''\nunix_socket_directories = '%s'\nfsync = off\n" "$pg" \
        >>"$pg/data/postgresql.conf"
    as_pg "$pgbin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t 60 start >/dev/null ||
        { cat "$pg/server.log"; return 1; }
}
check "postgresql: a throwaway server starts (Unix socket only)" start_pg
PGHOST=$pg PGUSER=ptl PGDATABASE=postgres PSQLRC=/dev/null
unset PGPORT PGSERVICE PGPASSWORD PGOPTIONS
export PGHOST PGUSER PGDATABASE PSQLRC
check "postgresql: listens on its Unix socket only, no TCP" sh -c \
    "grep -q 'listening on Unix socket' '$pg/server.log' && ! grep -q 'listening on IP' '$pg/server.log'"
run_readme postgresql
sql() { psql -X -At -v ON_ERROR_STOP=1 -c "$1"; }
# the README's loading command, into another table
pg_load() {
    sql "CREATE TABLE $1 (line jsonb)" >/dev/null &&
        psql -X -q -v ON_ERROR_STOP=1 \
            -c "COPY $1 (line) FROM STDIN (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" <"$2"
}
got=$(sql "SELECT count(*) || ' ' || sum((line->>'money_wanyuan')::numeric) FROM indicator
           WHERE (line->>'main')::boolean")
check "postgresql: ${got% *} targets" count_is postgresql "${got% *}"
check "postgresql: ${got#* } 万元 of money targets" money_is postgresql "${got#* }"
check "postgresql: $HAND_LINES lines" test "$(sql "SELECT count(*) FROM indicator")" = "$HAND_LINES"
check "postgresql: $HAND_SPENT 万元 spent" same postgresql \
    "$(sql "SELECT sum((line->>'actual_money_wanyuan')::numeric) FROM indicator")" "$HAND_SPENT"
check "postgresql: loads the hostile lines" pg_load hostile "$tmp/hostile.jsonl"
sql "SELECT upper(encode(convert_to(line->>'name', 'UTF8'), 'hex')) FROM hostile
     ORDER BY line->'line'" >"$tmp/hostile.pg"
check "postgresql: the hostile names byte for byte" diff "$tmp/hostile.want" "$tmp/hostile.pg"
check "postgresql: loads the changed copy" pg_load changed "$tmp/changed.jsonl"
got=$(sql "SELECT sum((line->>'money_wanyuan')::numeric) FROM changed WHERE (line->>'main')::boolean")
check "postgresql: a changed amount gives another sum ($got)" money_differs postgresql "$got"
check "postgresql: the server stops" as_pg "$pgbin/pg_ctl" -D "$pg/data" -m fast -w stop

echo "jsonl: $pass passed, $fail failed"
[ $fail -eq 0 ]
