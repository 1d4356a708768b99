#!/bin/sh
# check-diagnostics.sh: the machine-readable diagnostics, read by the programs
# that consume them. SARIF output of several programs is validated against
# the SARIF 2.1.0 schema (tests/schemas, from the OASIS standard) with a real
# JSON Schema validator; the JSON output is queried with jq for every
# documented field (the budget example has no indicators, which is not what
# these tests are about: --allow no-indicators).
PTLC=${PTLC:-build/ptlc}
. tests/lib.sh

n=0
for lang in en zh; do          # the rules' texts and the messages in either language
    for input in examples tests/golden/check/project-sum tests/golden/check/budget-nature-sum.ptl \
                 tests/golden/input/invalid-utf8.ptl tests/golden/syntax/three-errors.ptl \
                 tests/golden/input/does-not-exist.ptl tests/golden/fix/ime-slips.ptl; do
        n=$((n + 1))
        $PTLC check --lang $lang --no-settings --diagnostics=sarif "$input" 2>"$tmp/$n.sarif" >/dev/null
        check "sarif ($lang) is valid JSON: $input" jq -e . "$tmp/$n.sarif"
    done
done
check "sarif in Chinese says its language" jq -e '.runs[0].language == "zh-CN"' "$tmp/$n.sarif"
check "sarif validates against the SARIF 2.1.0 schema" \
    /usr/bin/python3 tests/validate-json.py tests/schemas/sarif-2.1.0.json "$tmp"/*.sarif
check "a broken sarif is rejected (the validator can fail)" sh -c \
    "sed 's/\"level\": \"error\"/\"level\": \"fatal\"/' '$tmp/3.sarif' >'$tmp/bad.json' &&
     ! /usr/bin/python3 tests/validate-json.py tests/schemas/sarif-2.1.0.json '$tmp/bad.json'"

check "sarif: the input method's slips carry their fixes" jq -e '
    ([.runs[0].results[] | select(.fixes)] | length >= 8)
    and ([.runs[0].results[].fixes[]?.artifactChanges[0].replacements[0].insertedContent.text]
         | index("≥") != null)' "$tmp/$n.sarif"
$PTLC check --no-settings --diagnostics=json tests/golden/fix/ime-slips.ptl 2>"$tmp/f.json" >/dev/null
check "json: a fix replaces the span it names (≧ by ≥)" jq -e '
    [.diagnostics[] | select(.message | contains("≧")) | .fixes[0]]
    | length == 1 and .[0].text == "≥" and .[0].start.line == 12
    and .[0].end.offset - .[0].start.offset == 3' "$tmp/f.json"
cp tests/golden/fix/ime-slips.ptl "$tmp/slips.ptl"
check "fix -w leaves a table that checks clean" sh -c \
    "$PTLC fix -w --no-settings '$tmp/slips.ptl' 2>/dev/null && $PTLC check --no-settings '$tmp/slips.ptl'"
$PTLC check --no-settings --allow no-indicators --diagnostics=json tests/golden/check/budget-nature-sum.ptl 2>"$tmp/d.json" >/dev/null
check "json: one error with the documented fields" jq -e '
    .version == 1 and .errors == 1 and .warnings == 0 and .truncated == false
    and .settings == null and .notifications == []
    and (.diagnostics | length) == 1
    and (.diagnostics[0] | .rule == "budget-nature-sum" and .severity == "error"
         and .file == "tests/golden/check/budget-nature-sum.ptl"
         and .start.line == 5 and .start.column == 29 and .end.column == 35
         and (.message | contains("259.06")) and (.notes | length) == 2
         and .notes[0].start.line == 7)' "$tmp/d.json"
check "json: the error's offsets slice the source to the total's number" sh -c "
    s=\$(jq '.diagnostics[0].start.offset' '$tmp/d.json');
    e=\$(jq '.diagnostics[0].end.offset' '$tmp/d.json');
    [ \"\$(head -c \$e tests/golden/check/budget-nature-sum.ptl | tail -c \$((e - s)))\" = 259.05 ]"

$PTLC check --allow no-indicators --diagnostics=json tests/golden/input/does-not-exist.ptl tests/golden/check/budget-nature-sum.ptl \
    2>"$tmp/n.json" >/dev/null
check "json: an unreadable path is a notification, the settings file is named" jq -e '
    .settings == "tests/golden/ptlc.settings" and .errors == 1
    and .notifications == [{"severity": "error", "path": "tests/golden/input/does-not-exist.ptl",
                            "message": "cannot read: No such file or directory"}]' "$tmp/n.json"

echo "diagnostics: $pass passed, $fail failed"
[ $fail -eq 0 ]
