#!/bin/sh
# check-json.sh: the JSON model against its published schema
# (docs/ptl.schema.json, JSON Schema 2020-12) with a real validator
# (Debian's python3-jsonschema), mutated models that the schema must
# reject, and the jq queries docs/json.md promises work.
PTLC=${PTLC:-build/ptlc}
V="/usr/bin/python3 tests/validate-json.py docs/ptl.schema.json"
. tests/lib.sh

# rejects NAME JQ-FILTER [MODEL]: the mutated model (the seed's) must not
# validate; the mutation itself must apply (a filter that fails or changes
# nothing would make the check pass for nothing)
rejects() {
    jq "$2" "$tmp/${3:-seed}.json" >"$tmp/bad.json" 2>"$tmp/jq.err"
    check "schema rejects: $1" sh -c "[ -s '$tmp/bad.json' ] &&
        ! jq -e --slurpfile a '$tmp/${3:-seed}.json' '. == \$a[0]' '$tmp/bad.json' >/dev/null &&
        ! $V '$tmp/bad.json'"
}

$PTLC build --format json -o "$tmp/seed.json" examples/ 2>/dev/null
$PTLC build --format json -o "$tmp/values.json" tests/golden/emit/values.ptl 2>/dev/null
$PTLC build --format json --allow-errors -o "$tmp/errors.json" \
    tests/golden/check/budget-nature-sum.ptl 2>"$tmp/errors.txt"
# every construct of the real tables (tests/golden/json/real-constructs.ptl)
$PTLC build --format json -o "$tmp/real.json" tests/golden/json/real-constructs.ptl 2>/dev/null
# self-evaluations (绩效自评表): checked, and with errors (a result naming no
# indicator, one without an actual, an evaluation of no table)
$PTLC build --format json -o "$tmp/eval.json" tests/golden/emit/evaluation.ptl 2>/dev/null
$PTLC build --format json --allow-errors -o "$tmp/eval-errors.json" \
    tests/golden/emit/evaluation-broken.ptl 2>/dev/null
check "the schema itself is valid 2020-12 and the models validate" \
    $V "$tmp/seed.json" "$tmp/values.json" "$tmp/errors.json" "$tmp/real.json" \
    "$tmp/eval.json" "$tmp/eval-errors.json" tests/golden/emit/*.json tests/golden/json/*.json

rejects "an unknown table key" '.tables[0].colour = "red"'
rejects "a value as a JSON number" '.tables[0].indicators[0].value = 264'
rejects "a binary-float amount" '.tables[0].budget.total.value = "2.5905e2"'
rejects "a missing indicator name" 'del(.tables[0].indicators[0].name)'
rejects "an unknown operator" '.tables[0].indicators[0].operator = "≈"'
rejects "column 0" '.tables[0].line = 0'
rejects "a project without a goal key" 'del(.tables[1].goal)'

# the real tables' constructs: the model of tests/golden/json/real-constructs.ptl
ind() { # the jq path of the year's indicator named $1 in the first table
    echo ".tables[0].indicators[(.tables[0].indicators | map(.name) | index(\"$1\"))]"
}
rejects "a 占比 as a JSON number" '.tables[0].budgets[1].lines[0].share = 100' real
rejects "a blank line with a value" '.tables[1].funding_lines[1].value = "0"' real
rejects "a line with a value marked blank" '.tables[1].funding_lines[0].blank = true' real
rejects "blank: false" '.tables[1].funding_lines[1].blank = false' real
rejects "a budget without its figure" 'del(.tables[0].budgets[0].figure)' real
rejects "a part without its total key" 'del(.tables[0].breakdowns[0].parts[0].total)' real
rejects "an unknown key in an org" '.tables[0].orgs[0].email = "x"' real
rejects "a person without a phone key" 'del(.tables[0].people[0].phone)' real
rejects "a score band as numbers" '.tables[0].categories[0].score.low = 0' real
rejects "a value of type none" "$(ind 备用指标).value = \"1\"" real
rejects "定量 printed as 定性" "$(ind 新建厕所).symbol = \"定性\"" real
rejects "no operator with a symbol" "$(ind 硬化室外晒坝).symbol = \"≥\"" real
rejects "dates that are not dates" "$(ind 建设周期).low = \"2023年4月\"" real
rejects "a period of years and dates at once" '.tables[0].period.from = 2023' real
rejects "a duration as text" '.tables[1].period.duration = "3 年"' real
rejects "a tree without main" 'del(.tables[0].indicator_trees[0].main)' real

# self-evaluations: tests/golden/emit/evaluation.ptl
res() { # the jq path of the first evaluation's result named $1
    echo ".evaluations[0].results[(.evaluations[0].results | map(.name) | index(\"$1\"))]"
}
rejects "a model without evaluations" 'del(.evaluations)' eval
rejects "an unknown evaluation key" '.evaluations[0].colour = "red"' eval
rejects "a computed score as a JSON number" "$(res 委托单位满意度).score = 9.78" eval
rejects "a score of a result not scored" "$(res 委托单位满意度).method = \"none\"" eval
rejects "an unknown scoring method" "$(res 完成审计报告数).method = \"guess\"" eval
rejects "a 定性 result without its band" "$(res 经费支出合规性).band = null" eval
rejects "a band on a quantitative result" "$(res 完成审计报告数).band = {name: \"达成预期指标\", low: \"6.4\", high: \"8\"}" eval
rejects "an operator on an actual value" "$(res 项目总成本).actual.operator = \">=\"" eval
rejects "a named total line" '.evaluations[0].execution[0].name = "资金总额"' eval
rejects "a computed score on a source line" '.evaluations[0].execution[1].computed_score = "10"' eval
rejects "a rate without rate_percent" '.evaluations[0].execution[0].rate_percent = null' eval
rejects "a grade without a total" '.evaluations[0].summary.total = null' eval
rejects "a grade outside 优良中差" '.evaluations[0].summary.grade = "优秀"' eval
rejects "a target of an unknown kind" '.evaluations[0].target.kind = "evaluation"' eval

check "jq: 34 indicators" sh -c "[ \$(jq '[.tables[].indicators[]] | length' '$tmp/seed.json') = 34 ]"
check "jq: values exactly as written" sh -c "[ \"\$(jq -r '[.tables[].indicators[] |
    select(.name == \"公用经费成本\" or .name == \"人员经费成本\" or .name == \"调解协议率\") | .value] | join(\" \")' \
    '$tmp/seed.json')\" = '高于市平均值 26.48 112.57' ]"
check "jq: the budget split" sh -c "[ \"\$(jq -r '.tables[0].budget | [.total.value, (.natures[] | .value)] | join(\" \")' \
    '$tmp/seed.json')\" = '259.05 139.05 120' ]"
check "jq: the 中期 budget beside the year's" sh -c "[ \"\$(jq -r '.tables[0].budgets |
    map(\"\\(.figure // \"年度\"):\\(.lines[0].value):\\(.main)\") | join(\" \")' '$tmp/real.json')\" \
    = '中期:195:false 年度:65:true' ]"
check "jq: the legacy budget is the year's, without the split" sh -c "[ \"\$(jq -r '.tables[0].budget |
    [.total.value, (.sources[] | .name)] | join(\" \")' '$tmp/real.json')\" = '65 财政拨款 其他资金' ]"
check "jq: blank amounts are in budgets, marked, not in the legacy arrays" sh -c "[ \"\$(jq -r '.tables[0] |
    [(.budgets[] | .lines[] | select(.blank) | .name), (.budget.sources | length)] | join(\" \")' \
    '$tmp/real.json')\" = '其他资金 上年结转 2' ]"
check "jq: a breakdown's 合计 and a part's parts" sh -c "[ \"\$(jq -r '.tables[0].breakdowns[0] |
    [.total.value, (.parts[0].parts[] | .name)] | join(\" \")' '$tmp/real.json')\" = '65 场坪硬化 主体' ]"
check "jq: 定量, no operator and a blank value" sh -c "[ \"\$(jq -r '[.tables[0].indicators[] |
    select(.value_type == \"none\" or .operator == \"quant\" or .operator == null) | .name] | join(\" \")' \
    '$tmp/real.json')\" = '硬化室外晒坝 新建厕所 备用指标 建设周期' ]"
check "jq: the 长期 tree and the year's" sh -c "[ \"\$(jq -r '.tables[0].indicator_trees |
    map(\"\\(.period):\\(.indicators | length)\") | join(\" \")' '$tmp/real.json')\" = '长期:4 null:8' ]"
check "jq: every 得分 of an evaluation, computed, beside the written one" sh -c "[ \"\$(jq -r '.evaluations[0].results[] |
    select(.score != .scored) | \"\\(.name)=\\(.score)/\\(.scored)\"' '$tmp/eval.json')\" = '委托单位满意度=9.78/10' ]"
check "jq: the totals and grades of the evaluations" sh -c "[ \"\$(jq -r '[.evaluations[].summary |
    \"\\(.total) \\(.grade) \\(.written_total)\"] | join(\", \")' '$tmp/eval.json')\" = '96.05 优 96.27, 98.44 优 98.4' ]"
check "jq: the total adds up the rounded scores exactly" sh -c "[ \"\$(jq -r '.evaluations[0] |
    [.summary.execution_score, (.results[] | .score // empty)] | join(\"+\")' '$tmp/eval.json')\" = \
    '10+8+7.27+8+8+6+10+15+14+9.78' ]"
check "jq: a result naming no indicator has no target, and no score" sh -c "[ \"\$(jq -r '.evaluations[0].results[] |
    select(.target == null) | \"\\(.name) \\(.method)\"' '$tmp/eval-errors.json')\" = '桥梁检测座数 none' ]"
check "jq: a model built with errors says so, with the count reported" sh -c "[ \$(jq '.errors' \
    '$tmp/errors.json') = \$(grep -c '^[^ ].*: error\\[' '$tmp/errors.txt') ]"
echo "json: $pass passed, $fail failed"
[ $fail -eq 0 ]
