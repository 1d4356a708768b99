#!/bin/sh
# check-import.sh: the first acceptance item of issue 11. `ptlc import` of
# the seed export (a spreadsheet's text of three tables) builds, row for
# row, the CSV of its hand transcription (examples/xinfang-*.ptl; the file
# and line columns left out, since they name the .ptl file), and warns once
# for each of the three rows the export shifted (seed lines 29, 38, 66);
# saved as GB18030 or UTF-16 it imports the same.
PTLC=${PTLC:-build/ptlc}
SEED=${SEED:-tests/import/xinfang-export.txt}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "[FAIL] $1"; }

$PTLC import "$SEED" -o "$tmp/imported.ptl" 2>"$tmp/warnings"
[ $? -eq 0 ] && ok || no "import exits non-zero"
$PTLC build --format csv -o - "$tmp/imported.ptl" 2>/dev/null | cut -d, -f3- >"$tmp/imported.csv"
$PTLC build --format csv -o - examples/xinfang-department.ptl examples/xinfang-projects.ptl 2>/dev/null |
    cut -d, -f3- >"$tmp/expected.csv"
rows=$(wc -l <"$tmp/expected.csv")
if [ "$rows" -gt 30 ] && diff -u "$tmp/expected.csv" "$tmp/imported.csv"; then ok; else no "CSV of the import differs from the transcription's ($rows rows)"; fi
for line in 29 38 66; do
    if [ "$(grep -c ":$line:[0-9]*: warning: row shifted" "$tmp/warnings")" -eq 1 ]; then ok
    else no "no single warning for the shifted row at line $line"; fi
done
n=$(grep -c 'warning' "$tmp/warnings")
[ "$n" -eq 3 ] && ok || no "$n warnings, not 3 (one per shifted row)"
$PTLC fmt --check "$tmp/imported.ptl" >/dev/null 2>&1 && ok || no "the import is not in fmt's layout"
# the same export saved as GB18030 and as UTF-16 (with its BOM) imports
# the same tables, with one warning naming the encoding
for enc in GB18030 UTF-16; do
    iconv -f UTF-8 -t "$enc" "$SEED" >"$tmp/seed-$enc.txt" || { no "iconv to $enc"; continue; }
    $PTLC import "$tmp/seed-$enc.txt" -o "$tmp/$enc.ptl" 2>"$tmp/$enc.warnings"
    $PTLC build --format csv -o - "$tmp/$enc.ptl" 2>/dev/null | cut -d, -f3- >"$tmp/$enc.csv"
    if cmp -s "$tmp/expected.csv" "$tmp/$enc.csv" &&
       [ "$(grep -c "warning: read as $enc" "$tmp/$enc.warnings")" -eq 1 ]; then ok
    else no "the $enc export does not import as the UTF-8 one does"; fi
done
# -o never replaces an input
cp "$SEED" "$tmp/seed.txt"
if $PTLC import "$tmp/seed.txt" -o "$tmp/seed.txt" 2>/dev/null; then no "-o replaced its input"
elif cmp -s "$SEED" "$tmp/seed.txt"; then ok; else no "-o changed its input"; fi
echo "import: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
