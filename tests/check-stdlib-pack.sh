#!/bin/sh
# check-stdlib-pack.sh: the embedded stdlib is read from the trees packed at
# build time (src/prelude_pack.c), not parsed; `--stdlib stdlib` parses the
# same .ptl files. Both must give every table the same findings and the same
# model: the diagnostics (JSON) of each example, real table and check golden,
# and the JSON model of the examples, byte for byte (but for the name of a
# stdlib file: <stdlib>/units.ptl built in, stdlib/units.ptl read).
PTLC=${PTLC:-build/ptlc}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for f in examples/*.ptl tests/real/*.ptl tests/golden/check/*.ptl tests/golden/rules/*.ptl; do
    [ -f "$f" ] || continue
    # a note in the stdlib names its file <stdlib>/NAME.ptl, or stdlib/NAME.ptl
    $PTLC check --no-settings --diagnostics json "$f" 2>&1 >/dev/null | sed 's|<stdlib>/|stdlib/|g' >"$tmp/packed"
    a=$($PTLC check --no-settings "$f" >/dev/null 2>&1; echo $?)
    $PTLC check --no-settings --diagnostics json --stdlib stdlib "$f" >/dev/null 2>"$tmp/parsed"
    b=$?
    if [ "$a" -eq "$b" ] && cmp -s "$tmp/packed" "$tmp/parsed"; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "[FAIL] $f: packed and parsed stdlib differ (exit $a, $b)"
        diff "$tmp/packed" "$tmp/parsed" | head -5; fi
done
$PTLC build --no-settings --format json -o "$tmp/packed.json" examples/ 2>/dev/null
$PTLC build --no-settings --format json --stdlib stdlib -o "$tmp/parsed.json" examples/ 2>/dev/null
if [ -s "$tmp/packed.json" ] && cmp -s "$tmp/packed.json" "$tmp/parsed.json"; then pass=$((pass + 1))
else fail=$((fail + 1)); echo "[FAIL] the JSON model of examples/ differs"; fi
echo "stdlib-pack: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 100 ]
