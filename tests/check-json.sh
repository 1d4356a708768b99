#!/bin/sh
# check-json.sh: the JSON model against its published schema
# (docs/ptl.schema.json, JSON Schema 2020-12) with a real validator
# (Debian's python3-jsonschema), mutated models that the schema must
# reject, and the jq queries docs/json.md promises work.
PTLC=${PTLC:-build/ptlc}
V="/usr/bin/python3 tests/validate-json.py docs/ptl.schema.json"
. tests/lib.sh

rejects() { # rejects NAME JQ-FILTER: the mutated seed model must not validate
    jq "$2" "$tmp/seed.json" >"$tmp/bad.json"
    check "schema rejects: $1" sh -c "! $V '$tmp/bad.json'"
}

$PTLC build --format json -o "$tmp/seed.json" examples/ 2>/dev/null
$PTLC build --format json -o "$tmp/values.json" tests/golden/emit/values.ptl 2>/dev/null
$PTLC build --format json --allow-errors -o "$tmp/errors.json" \
    tests/golden/check/budget-nature-sum.ptl 2>/dev/null
check "the schema itself is valid 2020-12 and the models validate" \
    $V "$tmp/seed.json" "$tmp/values.json" "$tmp/errors.json" tests/golden/emit/*.json

rejects "an unknown table key" '.tables[0].colour = "red"'
rejects "a value as a JSON number" '.tables[0].indicators[0].value = 264'
rejects "a binary-float amount" '.tables[0].budget.total.value = "2.5905e2"'
rejects "a missing indicator name" 'del(.tables[0].indicators[0].name)'
rejects "an unknown operator" '.tables[0].indicators[0].operator = "≈"'
rejects "column 0" '.tables[0].line = 0'
rejects "a project without a goal key" 'del(.tables[1].goal)'

check "jq: 34 indicators" sh -c "[ \$(jq '[.tables[].indicators[]] | length' '$tmp/seed.json') = 34 ]"
check "jq: values exactly as written" sh -c "[ \"\$(jq -r '[.tables[].indicators[] |
    select(.name == \"公用经费成本\" or .name == \"人员经费成本\" or .name == \"调解协议率\") | .value] | join(\" \")' \
    '$tmp/seed.json')\" = '高于市平均值 26.48 112.57' ]"
check "jq: the budget split" sh -c "[ \"\$(jq -r '.tables[0].budget | [.total.value, (.natures[] | .value)] | join(\" \")' \
    '$tmp/seed.json')\" = '259.05 139.05 120' ]"
check "jq: a model built with errors says so" sh -c "[ \$(jq '.errors' '$tmp/errors.json') = 1 ]"

echo "json: $pass passed, $fail failed"
[ $fail -eq 0 ]
