#!/bin/sh
# check-real.sh: the 23 real tables of ../shared/real/, transcribed by hand
# into tests/real/NNN-*.ptl, against what a careful reviewer flags in them
# (tests/real/EXPECTED.md, written before ptlc was run on them).
#
# EXPECTED.md has a section per file, "## NNN-name.ptl", whose findings are
# lines "- LINE RULE: why" (LINE in the .ptl, RULE a rule name); a section
# may say "- none". For each file the test checks, with --diagnostics=json
# and --no-settings, that ptlc reports exactly those (line, rule) pairs,
# errors and warnings alike (notes are not findings), no more and no fewer:
# a finding missed is a miss, one not listed is a false finding. Every .ptl
# of tests/real/ needs its section, and no section may name a missing file.
#
# Prints one line per difference, then "real: N passed, M failed" (files);
# exits 1 if any failed. Run from the repository root.
PTLC=${PTLC:-build/ptlc}
dir=tests/real
expected=$dir/EXPECTED.md
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

command -v jq >/dev/null 2>&1 || { echo "real: jq is needed" >&2; exit 2; }
[ -f "$expected" ] || { echo "real: $expected is missing" >&2; exit 1; }

# The (line rule) pairs of each section, sorted, one file per section.
awk -v out="$tmp" '
    /^## / { file = "" }
    /^## [0-9]/ { file = $2; sub(/\r$/, "", file); printf "" > (out "/" file ".want"); next }
    file != "" && /^- [0-9]+ [a-z][a-z0-9-]*:/ {
        line = $2; rule = $3; sub(/:$/, "", rule)
        print line " " rule >> (out "/" file ".want")
    }' "$expected"

for f in "$dir"/*.ptl; do
    name=$(basename "$f")
    if [ ! -f "$tmp/$name.want" ]; then
        echo "[FAIL] $name: no section '## $name' in $expected"
        fail=$((fail + 1))
        continue
    fi
    $PTLC check --no-settings --max-errors 0 --diagnostics=json "$f" 2>"$tmp/$name.json" >/dev/null
    rc=$?
    if [ $rc -gt 1 ]; then
        echo "[FAIL] $name: ptlc exited $rc"
        fail=$((fail + 1))
        continue
    fi
    jq -r '.diagnostics[] | select(.severity == "error" or .severity == "warning")
           | "\(.start.line) \(.rule)"' "$tmp/$name.json" | sort >"$tmp/$name.got"
    sort "$tmp/$name.want" >"$tmp/$name.wants"
    if cmp -s "$tmp/$name.wants" "$tmp/$name.got"; then
        pass=$((pass + 1))
        continue
    fi
    fail=$((fail + 1))
    echo "[FAIL] $name"
    comm -23 "$tmp/$name.wants" "$tmp/$name.got" | sed 's/^/    missed:          /'
    comm -13 "$tmp/$name.wants" "$tmp/$name.got" | while read -r line rule; do
        msg=$(jq -r --argjson l "$line" --arg r "$rule" \
            'first(.diagnostics[] | select(.start.line == $l and .rule == $r) | .message)' \
            "$tmp/$name.json")
        echo "    false finding:   $line $rule: $msg"
    done
done
for w in "$tmp"/*.want; do
    [ -e "$w" ] || continue
    name=$(basename "$w" .want)
    [ -f "$dir/$name" ] || { echo "[FAIL] $expected names $name, which is not in $dir"; fail=$((fail + 1)); }
done

echo "real: $pass passed, $fail failed"
[ $fail -eq 0 ]
