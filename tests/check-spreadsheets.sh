#!/bin/sh
# check-spreadsheets.sh: the XLSX and CSV outputs in the programs that read
# them. Installs Debian's LibreOffice (headless Calc) and python3-openpyxl,
# then:
#  - builds the seed to XLSX and reads it back with openpyxl: sheets, merged
#    ranges, numeric cells and their formats, the Chinese text, 34 indicator
#    rows, borders, page set-up (tests/spreadsheets/readback.py);
#  - round-trips it through LibreOffice (xlsx -> xlsx, and the first sheet
#    to CSV) and checks the same things survived;
#  - opens the seed CSV (--bom) and a hostile CSV in LibreOffice: numbers
#    are numeric cells, text starting with = + - @ never becomes a formula
#    (and, as a control, an unguarded =1+2 does);
#  - hostile, bidi (--allow-errors) and over-long text in XLSX;
#  - what real tables add (tests/golden/json/real-constructs.ptl): a 中期
#    budget and 占比, a breakdown's 合计, 定量, blank cells, the 长期 grid;
#  - the 绩效自评表 sheets (tests/golden/emit/evaluation*.ptl): cell by cell
#    against tests/golden/xlsx/*.cells (tests/spreadsheets/dump.py; UPDATE=1
#    rewrites them), and read back before and after LibreOffice: computed
#    scores are numbers, the written ones beside them in the display;
#  - every format built twice is byte-identical, and a failed XLSX write
#    leaves the old file alone.
# Last line: "spreadsheets: N passed, M failed"; exit 1 on any failure.
PTLC=${PTLC:-build/ptlc}
PY=/usr/bin/python3   # Debian's python3-openpyxl is not in other Pythons
READ="$PY tests/spreadsheets/readback.py"
. tests/lib.sh

setup_failed() {
    echo "[FAIL] set-up: $1"
    echo "spreadsheets: 0 passed, 1 failed"
    exit 1
}

sh tools/deps.sh libreoffice-calc-nogui python3-openpyxl ||
    setup_failed "Debian packages libreoffice-calc-nogui python3-openpyxl"

# tally NAME: counts the PASS/FAIL lines of readback.py (in $tmp/log); a
# helper that printed nothing or failed without saying why is one failure.
tally() {
    p=$(grep -c '^PASS ' "$tmp/log")
    f=$(grep -c '^FAIL ' "$tmp/log")
    grep '^FAIL ' "$tmp/log" | sed "s/^/[FAIL] $1: /"
    if [ "$p" -eq 0 ] || { [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; }; then
        echo "[FAIL] $1: the reader did not run (exit $rc)"
        cat "$tmp/log"
        f=$((f + 1))
    fi
    pass=$((pass + p))
    fail=$((fail + f))
}

read_back() {   # read_back MODE FILE [LABEL]
    if [ -s "$2" ]; then
        $READ "$1" "$2" >"$tmp/log" 2>&1
        rc=$?
    else
        echo "FAIL $1: $2 was not written" >"$tmp/log"
        rc=1
    fi
    tally "${3:-$1}"
}

# LibreOffice with a profile of its own (never the user's), so runs do not
# share state or wait on each other's lock.
soffice_convert() {     # soffice_convert OUTDIR TARGET FILE [INFILTER]
    mkdir -p "$1"
    timeout 180 soffice -env:UserInstallation="file://$tmp/lo-profile" --headless --norestore \
        ${4:+"--infilter=$4"} --convert-to "$2" --outdir "$1" "$3" >>"$tmp/soffice.log" 2>&1
}

build() {       # build FORMAT OUT ARGS...: exit 1 allowed with --allow-errors
    fmt=$1
    out=$2
    shift 2
    $PTLC build --format "$fmt" -o "$out" "$@" 2>/dev/null
}

# ----- XLSX: as written, and after LibreOffice -----
build xlsx "$tmp/seed.xlsx" examples/
read_back seed-xlsx "$tmp/seed.xlsx"
soffice_convert "$tmp/lo" xlsx "$tmp/seed.xlsx"
read_back seed-lo "$tmp/lo/seed.xlsx"
soffice_convert "$tmp/lo-csv" "csv:Text - txt - csv (StarCalc):44,34,76,1" "$tmp/seed.xlsx"
read_back seed-lo-csv "$tmp/lo-csv/seed.csv"

build xlsx "$tmp/hostile.xlsx" tests/golden/csv/hostile.ptl
read_back hostile-xlsx "$tmp/hostile.xlsx"
soffice_convert "$tmp/lo" xlsx "$tmp/hostile.xlsx"
read_back hostile-xlsx "$tmp/lo/hostile.xlsx" hostile-after-libreoffice

build xlsx "$tmp/values.xlsx" tests/golden/emit/values.ptl
read_back values-xlsx "$tmp/values.xlsx"

build xlsx "$tmp/real.xlsx" tests/golden/json/real-constructs.ptl
read_back real-xlsx "$tmp/real.xlsx"
soffice_convert "$tmp/lo" xlsx "$tmp/real.xlsx"
read_back real-xlsx "$tmp/lo/real.xlsx" real-after-libreoffice

# ----- self-evaluations: the golden cells, then what a reader sees -----
for name in evaluation evaluation-broken; do
    build xlsx "$tmp/$name.xlsx" --allow-errors tests/golden/emit/$name.ptl
    $PY tests/spreadsheets/dump.py "$tmp/$name.xlsx" 自评 >"$tmp/$name.cells" 2>&1
    [ -n "$UPDATE" ] && cp "$tmp/$name.cells" tests/golden/xlsx/$name.cells
    check "xlsx: the 自评表 sheets of $name.ptl, cell by cell" \
        diff -u tests/golden/xlsx/$name.cells "$tmp/$name.cells"
done
read_back eval-xlsx "$tmp/evaluation.xlsx"
soffice_convert "$tmp/lo" xlsx "$tmp/evaluation.xlsx"
read_back eval-xlsx "$tmp/lo/evaluation.xlsx" eval-after-libreoffice

build xlsx "$tmp/bidi.xlsx" --allow-errors tests/golden/csv/bidi.ptl
read_back bidi-xlsx "$tmp/bidi.xlsx"

# A name longer than the 32767 characters a cell holds.
$PY -c 'print("department \"D\" {\n year 2026\n budget { total 1 万元 }\n indicators {\n"
             "  产出指标 { 数量指标 { \"" + "长" * 40000 + "\" >= 1 次 } }\n }\n}")' >"$tmp/long.ptl"
build xlsx "$tmp/long.xlsx" --allow missing-category "$tmp/long.ptl"
read_back long-xlsx "$tmp/long.xlsx"

# ----- CSV opened by LibreOffice -----
CSV_IN="CSV:44,34,76,1"     # comma-separated, "-quoted, UTF-8, from line 1
build csv "$tmp/x.csv" --bom examples/
check "csv --bom: the file begins with EF BB BF" \
    sh -c "[ \"\$(head -c 3 '$tmp/x.csv' | od -An -tx1 | tr -d ' ')\" = efbbbf ]"
soffice_convert "$tmp/lo-in" xlsx "$tmp/x.csv" "$CSV_IN"
read_back csv-seed "$tmp/lo-in/x.xlsx"

build csv "$tmp/hostile.csv" tests/golden/csv/hostile.ptl
soffice_convert "$tmp/lo-in" xlsx "$tmp/hostile.csv" "$CSV_IN"
read_back csv-hostile "$tmp/lo-in/hostile.xlsx"

printf 'a,b\n=1+2,x\n' >"$tmp/control.csv"
soffice_convert "$tmp/lo-in" xlsx "$tmp/control.csv" "$CSV_IN"
read_back csv-control "$tmp/lo-in/control.xlsx"

# ----- determinism: every format twice, a second apart -----
for fmt in json csv html xlsx; do
    build $fmt "$tmp/a.$fmt" examples/
    sleep 1
    build $fmt "$tmp/b.$fmt" examples/
    check "$fmt: two builds are byte-identical" cmp "$tmp/a.$fmt" "$tmp/b.$fmt"
done
build xlsx "$tmp/c.xlsx" tests/golden/csv/hostile.ptl
build xlsx "$tmp/d.xlsx" tests/golden/csv/hostile.ptl
check "xlsx: the hostile workbook twice is byte-identical" cmp "$tmp/c.xlsx" "$tmp/d.xlsx"

# ----- a failed write leaves the old workbook alone -----
cp "$tmp/a.xlsx" "$tmp/old.xlsx"
check "xlsx: a table with errors is not written (exit 1)" \
    sh -c "$PTLC build --format xlsx -o '$tmp/old.xlsx' tests/golden/csv/bidi.ptl 2>/dev/null; [ \$? -eq 1 ]"
check "xlsx: ... and the old file is untouched" cmp "$tmp/a.xlsx" "$tmp/old.xlsx"
check "xlsx: an unwritable path is exit 2" \
    sh -c "$PTLC build --format xlsx -o /nonexistent-dir/x.xlsx examples/ 2>/dev/null; [ \$? -eq 2 ]"
mkdir "$tmp/dir.xlsx"
check "xlsx: a directory in the way is exit 2" \
    sh -c "$PTLC build --format xlsx -o '$tmp/dir.xlsx' examples/ 2>/dev/null; [ \$? -eq 2 ] && [ -d '$tmp/dir.xlsx' ]"
check "xlsx: no temporary file is left beside the output" \
    sh -c "! ls '$tmp' | grep -q '\\.xlsx\\.......\$'"

echo "spreadsheets: $pass passed, $fail failed"
[ $fail -eq 0 ]
