#!/bin/sh
# check-import-real.sh: the second acceptance item of issue 11 (`make
# test-import-corpus`, part of `make test`). Each of the 23 real exports
# (../shared/real/NNN-*.txt, raw, never edited) is imported with no hand
# edit, and the .ptl it gives must check to the same model and
# the same findings as its hand transcription tests/real/NNN-*.ptl
# (tests/import/same-model.py: names, values, units, operators, order and
# every finding's rule, severity and message; not lines and columns). A
# failure prints the first DIFF_LINES (12) lines of its differences.
PTLC=${PTLC:-build/ptlc}
REAL=${REAL:-../shared/real}
PY=${PYTHON:-python3}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
failed=""
if [ ! -d "$REAL" ]; then
    echo "import-real: $REAL is missing (the corpus beside the checkout)"
    exit 1
fi
for export in "$REAL"/[0-9]*.txt; do
    name=$(basename "$export" .txt)
    hand=tests/real/$name.ptl
    if ! $PTLC import "$export" -o "$tmp/$name.ptl" 2>"$tmp/$name.err"; then
        fail=$((fail + 1)); failed="$failed $name"
        echo "[FAIL] $name: import failed"; sed 's/^/  /' "$tmp/$name.err"
        continue
    fi
    if $PY tests/import/same-model.py "$PTLC" "$tmp/$name.ptl" "$hand" >"$tmp/$name.diff"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); failed="$failed $name"
        echo "[FAIL] $name: the import and $hand differ"
        sed 's/^/  /' "$tmp/$name.diff" | head -n "${DIFF_LINES:-12}"
    fi
done
echo "import-real: $pass of $((pass + fail)) exports import to their transcription's model and findings"
# all of them: a corpus that lost a file would pass with fewer
[ "$fail" -eq 0 ] && [ "$pass" -eq 23 ]
