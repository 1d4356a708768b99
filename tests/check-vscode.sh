#!/bin/sh
# check-vscode.sh: the VS Code extension of editors/vscode, in VS Code's own
# machinery.
#
#   tests/check-vscode.sh            check
#   UPDATE=1 tests/check-vscode.sh   also rewrite the token snapshots of
#                                    editors/vscode/test/snapshots/ (read
#                                    them, judge them, then commit)
#
# 1. The grammar, run by VS Code's tokenizer (vscode-textmate and
#    vscode-oniguruma, at the versions editors/vscode/test/package-lock.json
#    pins, installed under build/vscode/test/ with npm ci, again only when
#    the lock changes): every example (examples/*.ptl, tests/fmt/zh/*.ptl)
#    and editors/vscode/test/constructs.ptl and lexical-errors.txt give the
#    tokens of their snapshot, byte for byte, and no snapshot is left over;
#    chosen tokens have their scope (a unit, a category, a budget line,
#    定性, a date, a period, a keyword in either language and not inside a
#    name, what ptlc rejects); every keyword of src/lex.c's table is a
#    keyword, and never the unit of the number before it.
# 2. The snippets: each, as VS Code inserts it with its defaults and a
#    name, is a table `ptlc check` reports nothing on ($PTLC, build/ptlc;
#    skipped without it), and shows nothing the grammar calls invalid.
# 3. The language client: editors/vscode/test/extension.test.js runs
#    extension.js against recorders of VS Code and vscode-languageclient
#    (it starts `ptlc lsp` over stdio, and so on); package.json has what
#    VS Code and vsce need.
# 4. `make vsix`: build/ptl.vsix is a zip holding package.json, the grammar,
#    the language configuration, the snippets, extension.js and the language
#    client, byte for byte as in editors/vscode where they are ours, and no
#    test, lock file or packaging tool; its extension.js loads its client
#    from the packaged node_modules.
# Prints one line per failure, then "vscode: N passed, M failed"; exits 1
# on any failure.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
PTLC=${PTLC:-build/ptlc}
VS=editors/vscode
TOOLS=build/vscode/test
SNAP=$VS/test/snapshots
LC_ALL=C.UTF-8
export LC_ALL

setup_failed() {
    echo "[FAIL] set-up: $1"
    echo "vscode: $pass passed, $((fail + 1)) failed"
    exit 1
}

command -v node >/dev/null && command -v npm >/dev/null || sh tools/deps.sh nodejs npm ||
    setup_failed "Node.js and npm (Debian packages nodejs npm)"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] ||
    setup_failed "Node.js 20 or later (this is $(node --version))"

# ----- 1. the grammar in VS Code's tokenizer -------------------------------
mkdir -p "$TOOLS"
if ! cmp -s "$VS/test/package-lock.json" "$TOOLS/package-lock.json" ||
   [ ! -f "$TOOLS/node_modules/vscode-textmate/package.json" ] ||
   [ ! -f "$TOOLS/node_modules/vscode-oniguruma/package.json" ]; then
    cp "$VS/test/package.json" "$VS/test/package-lock.json" "$TOOLS/" &&
        npm ci --prefix "$TOOLS" --ignore-scripts --no-audit --no-fund --loglevel=error >"$tmp/npm.log" 2>&1 ||
        { cat "$tmp/npm.log"; setup_failed "npm ci --prefix $TOOLS"; }
fi
tok() { node "$VS/test/tokenize.js" "$TOOLS/node_modules" "$@"; }

# the snapshot of a file: snapshots/constructs.ptl.tokens for the test's own
# files, snapshots/examples/X.ptl.tokens for the others
snapshot_of() {
    case $1 in
    "$VS/test/"*) echo "$SNAP/${1#"$VS/test/"}.tokens" ;;
    *) echo "$SNAP/$1.tokens" ;;
    esac
}
same_tokens() {   # same_tokens FILE SNAPSHOT
    tok snapshot "$1" >"$tmp/tokens" || return 1
    if [ -n "$UPDATE" ] && ! cmp -s "$tmp/tokens" "$2"; then
        mkdir -p "$(dirname "$2")" && cp "$tmp/tokens" "$2" && echo "updated: $2"
    fi
    [ -f "$2" ] || { echo "no snapshot $2 (UPDATE=1 writes it)"; return 1; }
    diff -u "$2" "$tmp/tokens" >"$tmp/diff" || { head -60 "$tmp/diff"; return 1; }
}
inputs=$(ls examples/*.ptl tests/fmt/zh/*.ptl 2>/dev/null; echo "$VS/test/constructs.ptl"; echo "$VS/test/lexical-errors.txt")
: >"$tmp/expected"
for f in $inputs; do
    s=$(snapshot_of "$f")
    echo "$s" >>"$tmp/expected"
    check "the tokens of $f are $s" same_tokens "$f" "$s"
done
# a snapshot whose file is gone
for s in $(find "$SNAP" -name '*.tokens' 2>/dev/null | sort); do
    grep -qxF "$s" "$tmp/expected" && continue
    if [ -n "$UPDATE" ]; then
        rm -f "$s" && echo "removed: $s"
    else
        check "$s belongs to a file that is tokenized" false
    fi
done

# Scopes at chosen tokens: FILE, a fixed string that finds the first line
# holding it, the token's text and a scope it must have (~REGEX: the
# token's innermost scope matches it).
D=examples/xinfang-department.ptl
P=examples/xinfang-projects.ptl
E=examples/xinfang-zipingbiao.ptl
ZD=tests/fmt/zh/xinfang-department.ptl
C=$VS/test/constructs.ptl
X=$VS/test/lexical-errors.txt
KW='~^(storage\.type\.table|keyword\.other\.(statement|attribute)|keyword\.control\.declaration|keyword\.operator\.(qualitative|quantitative))\.ptl$'
: >"$tmp/assert"
at_line() {   # at_line FILE LINE-NUMBER TOKEN SCOPE [WHERE]
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$tmp/assert"
    printf '%s: %s in "%s" is %s\n' "$1" "$3" "${5:-line $2}" "$4" >>"$tmp/assert.names"
}
at() {        # at FILE LINE-TEXT TOKEN SCOPE: on the first line holding LINE-TEXT
    n=$(grep -n -m1 -F -- "$2" "$1" | cut -d: -f1)
    at_line "$1" "${n:-0}" "$3" "$4" "$2"
}
: >"$tmp/assert.names"
at $D 'department "株洲市渌口区信访局"' department storage.type.table.ptl
at $D 'total               259.05' 万元 keyword.other.unit.ptl
at $D 'total               259.05' total keyword.other.budget.ptl
at $D 'total               259.05' total meta.budget-line.ptl
at $D 'source 一般公共预算' source keyword.other.budget.ptl
at $D 'source 一般公共预算' 一般公共预算 variable.other.budget.ptl
at $D 'nature 项目支出' 项目支出 variable.other.budget.ptl
at $D 'nature 项目支出' 120 constant.numeric.decimal.ptl
at $D '产出指标 {' 产出指标 entity.name.type.category.ptl
at $D '数量指标 {' 数量指标 entity.name.type.category.ptl
at $D '"区领导坐班接访"' ≥ keyword.operator.comparison.ptl
at $D '"区领导坐班接访"' 264 constant.numeric.decimal.ptl
at $D '"区领导坐班接访"' 天 keyword.other.unit.ptl
at $D '"信访事项按期办结率"' % keyword.other.unit.ptl
at $D '"调解协议率"' 定性 keyword.operator.qualitative.ptl
at $D '"调解协议率"' 高于市平均值 string.quoted.double.ptl
at $D 'filed 2026-01-28' 2026-01-28 constant.other.date.ptl
at $D '公用经费成本' 万元 keyword.other.unit.ptl
at $D '// Transcribed' '//' comment.line.double-slash.ptl
at $P '    period 2026' 2026 constant.other.period.ptl
at $P 'category 特定目标类' category keyword.other.statement.ptl
at $E 'execution {' execution keyword.other.statement.ptl
at $E 'total               257.81' budget keyword.other.statement.ptl
at $E 'total               257.81' 万元 keyword.other.unit.ptl
at $E 'total               257.81' rate keyword.other.attribute.ptl
at $E '"区领导坐班接访"' score keyword.other.attribute.ptl
at $ZD '部门 "株洲市渌口区信访局"' 部门 storage.type.table.ptl
at $ZD '预算 {' 预算 keyword.other.statement.ptl
at $ZD '资金总额' 资金总额 keyword.other.budget.ptl
at $ZD '一般公共预算 259.05' 收入 keyword.other.budget.ptl
at $ZD '一般公共预算 259.05' 一般公共预算 variable.other.budget.ptl
at $ZD '项目支出     120' 项目支出 variable.other.budget.ptl
at $ZD '项目支出     120' 万元 keyword.other.unit.ptl
at $ZD '绩效指标 {' 绩效指标 keyword.other.statement.ptl
at $ZD '产出指标 {' 产出指标 entity.name.type.category.ptl
at $ZD '"调解协议率"' 定性 keyword.operator.qualitative.ptl
at $ZD '填报日期 2026-01-28' 2026-01-28 constant.other.date.ptl
at $C '"项目完成时限"' 2025年12月 constant.other.date.ptl
at $C '"服务周期"' 2023-07 constant.other.period.ptl
at $C '"服务周期"' 2023-07 constant.other.date.ptl
at $C '"服务周期"' .. keyword.operator.range.ptl
at $C '"服务周期"' 2024-01 constant.other.date.ptl
at $C '"实施时间"' 2021年12月31日 constant.other.date.ptl
at $C 'period 2026..2028' 2028 constant.other.period.ptl
at $C 'period 3 月' 月 keyword.other.unit.ptl
at $C '"人均补助"' 元/人·月 keyword.other.unit.ptl
at $C '"户均补助"' 元/户*年 keyword.other.unit.ptl
at $C '"建设面积"' 万㎡ keyword.other.unit.ptl
at $C '"差错率"' ‰ keyword.other.unit.ptl
at $C '"网上来信" >= 300件' 件 keyword.other.unit.ptl
at $C '"网上来信" >= 300件' weight keyword.other.attribute.ptl
at $C '"业务工作支出到位率" 定量' 定量 keyword.operator.quantitative.ptl
at $C '"外出值守人员" quant' quant keyword.operator.quantitative.ptl
at $C '"培训效果" qual' qual keyword.operator.qualitative.ptl
at $C '"委托业务项目数量" 50 score' score keyword.other.attribute.ptl
at $C '"驻京劝返工作组人员" 3 人 分值 8 得分' 得分 keyword.other.statement.ptl
at $C '产出指标 score 50 {' 产出指标 entity.name.type.category.ptl
at $C '产出指标 score 50 {' 50 constant.numeric.decimal.ptl
at $C '社会公众或服务对象满意度指标（调查）' 社会公众或服务对象满意度指标（调查） entity.name.type.category.ptl
at $C '社会成本指标 { }' 社会成本指标 entity.name.type.category.ptl
at $C 'source "其他资金（自筹）"' 其他资金（自筹） variable.other.budget.ptl
at $C 'nature 预算执行率' 预算执行率 variable.other.budget.ptl
at $C 'budget 年度 {' 年度 variable.other.figure.ptl
at $C 'indicators 长期 {' 长期 variable.other.figure.ptl
at $C 'allow cost-equals-budget' cost-equals-budget support.constant.rule.ptl
at $C 'dimension ratio' max variable.other.property.ptl
at $C 'unit 万㎡ area' 万㎡ keyword.other.unit.ptl
at $C 'unit 万㎡ area' area entity.name.type.dimension.ptl
at $C '    产出指标 { 数量指标 质量指标' 质量指标 entity.name.type.category.ptl
at $C 'person 填报人' 填报人 variable.other.label.ptl
at $C 'text 备注栏' '\"' constant.character.escape.ptl
at $C 'text 备注栏' '\u{4E2D}' constant.character.escape.ptl
at $C '"扶贫人数"' '**' invalid.illegal.placeholder.ptl
at $C '填报日期 2026年1月28日' 2026年1月28日 constant.other.date.ptl
at $C '产出指标 分值 50 {' 分值 keyword.other.attribute.ptl
at $C '/* a block comment' '/*' comment.block.ptl
at $C '   over two lines' '   over two lines ' comment.block.ptl
at $X 'filed 2026.1.28' 2026.1.28 invalid.illegal.date.ptl
at $X 'filed 2026-1-28' 2026-1-28 invalid.illegal.date.ptl
at $X 'period 2026-2028' 2026-2028 invalid.illegal.date.ptl
at $X '"未知转义' '\q' invalid.illegal.escape.ptl
at $X 'year ２０２６' ２０２６ invalid.illegal.full-width.ptl
at $X 'year ２０２６' year "$KW"
at $X '"人数" ＞' ＞ invalid.illegal.full-width.ptl
at $X '“达到预期”' “ invalid.illegal.full-width.ptl
# every keyword of src/lex.c, after a number (never its unit)
keywords=$(sed -n '/^static const struct { const char \*en, \*zh; int tok; } keywords/,/^};/p' src/lex.c |
           grep -o '{"[^"]*", "[^"]*"' | tr -d '{",')
[ -n "$keywords" ] || check "keywords found in src/lex.c" false
: >"$tmp/keywords.ptl"
for k in $keywords; do echo "5 $k" >>"$tmp/keywords.ptl"; done
n=0
for k in $keywords; do n=$((n + 1)); at_line "$tmp/keywords.ptl" $n "$k" "$KW" "5 $k"; done
# a keyword inside a name is none
printf '项目支出 预算执行率 cost-equals-budget 年度计划\n' >"$tmp/names.ptl"
for w in 项目支出 预算执行率 cost-equals-budget 年度计划; do at "$tmp/names.ptl" 项目支出 "$w" '~^$'; done
tok assert <"$tmp/assert" >"$tmp/assert.out" 2>&1
# one answer per assertion, "ok" or "not ok: …" (the tokens of a line on
# lines of their own, indented)
grep -E '^(ok|not ok)' "$tmp/assert.out" >"$tmp/assert.res"
[ "$(wc -l <"$tmp/assert.res")" -eq "$(wc -l <"$tmp/assert")" ] ||
    { cat "$tmp/assert.out"; check "tokenize.js assert answers every assertion" false; }
i=0
while IFS= read -r what; do
    i=$((i + 1))
    r=$(sed -n "${i}p" "$tmp/assert.res")
    if [ "$r" = ok ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "[FAIL] $what"
        awk -v n="$i" '/^(ok|not ok)/ { k++ } k == n && !/^ok/' "$tmp/assert.out"
    fi
done <"$tmp/assert.names"

# ----- 2. the snippets ------------------------------------------------------
mkdir -p "$tmp/snippets"
check "the snippets expand" sh -c 'node "$1/test/tokenize.js" "$2" snippets "$1/snippets/ptl.json" "$3" >"$3/list"' \
    sh "$VS" "$TOOLS/node_modules" "$tmp/snippets"
for p in department project 部门 项目; do
    check "a snippet has the prefix $p" jq -e --arg p "$p" '[.[].prefix] | flatten | index($p)' "$VS/snippets/ptl.json"
done
no_invalid() { tok snapshot "$1" >"$tmp/sn.tokens" && ! grep -n 'invalid\.' "$tmp/sn.tokens"; }
ptlc_clean() { out=$("$PTLC" check --no-settings --color never "$1" 2>&1) && [ -z "$out" ] || { echo "$out"; return 1; }; }
[ -x "$PTLC" ] || echo "vscode: no $PTLC, so the snippets are not checked by ptlc (make build/ptlc)"
while IFS= read -r sn; do   # (not $name: check's own variable)
    check "snippet $sn shows nothing invalid" no_invalid "$tmp/snippets/$sn.ptl"
    [ -x "$PTLC" ] && check "snippet $sn, filled in, checks clean" ptlc_clean "$tmp/snippets/$sn.ptl"
done <"$tmp/snippets/list"

# ----- 3. the language client and its manifest -----------------------------
node "$VS/test/extension.test.js" >"$tmp/ext.out" 2>&1
grep -q '^ok ' "$tmp/ext.out" || { cat "$tmp/ext.out"; check "extension.test.js runs" false; }
while IFS= read -r r; do
    case $r in
    "ok "*) pass=$((pass + 1)) ;;
    "not ok "*) fail=$((fail + 1)); echo "[FAIL] extension.js: ${r#not ok }" ;;
    esac
done <"$tmp/ext.out"
M=$VS/package.json
has() { jq -e "$1" "$M" >/dev/null || { echo "package.json: not $1"; return 1; }; }
check "package.json names the extension for vsce" \
    has '(.name | length > 0) and (.publisher | length > 0) and (.license | length > 0) and (.repository.url | length > 0) and (.displayName | length > 0)'
check "package.json's version is ptlc's (Makefile VERSION)" \
    has ".version == \"$(sed -n 's/^VERSION *:= *//p' Makefile)\""
check "package.json asks for a VS Code version" has '.engines.vscode | test("^\\^1\\.[0-9]+\\.[0-9]+$")'
check "package.json activates on the ptl language" has '.activationEvents | index("onLanguage:ptl")'
check "package.json's main is extension.js" has '.main == "./extension.js"'
check "package.json: ptl is .ptl files and ptlc.settings" \
    has '.contributes.languages[] | select(.id == "ptl") | (.extensions | index(".ptl")) and (.filenames | index("ptlc.settings")) and .configuration == "./language-configuration.json"'
check "package.json: the grammar is source.ptl" \
    has '.contributes.grammars[] | select(.language == "ptl") | .scopeName == "source.ptl" and .path == "./syntaxes/ptl.tmLanguage.json"'
check "package.json: the snippets are snippets/ptl.json" has '.contributes.snippets[] | select(.language == "ptl") | .path == "./snippets/ptl.json"'
check "package.json: ptl.server.path defaults to ptlc" has '.contributes.configuration.properties["ptl.server.path"].default == "ptlc"'
check "package.json: a workspace cannot choose the server when untrusted" \
    has '.capabilities.untrustedWorkspaces.restrictedConfigurations | index("ptl.server.path")'
check "package.json pins its dependencies exactly" \
    has '[(.dependencies, .devDependencies) | to_entries[] | .value | test("^[0-9]+\\.[0-9]+\\.[0-9]+$")] | all'
check "package.json depends on vscode-languageclient and packs with @vscode/vsce" \
    has '.dependencies["vscode-languageclient"] and .devDependencies["@vscode/vsce"]'
check "the test tools are pinned" jq -e '.dependencies | (.["vscode-textmate"] | test("^[0-9.]+$")) and (.["vscode-oniguruma"] | test("^[0-9.]+$"))' "$VS/test/package.json"
for f in "$VS"/package.json "$VS"/language-configuration.json "$VS"/syntaxes/ptl.tmLanguage.json "$VS"/snippets/ptl.json; do
    check "$f is JSON" jq -e . "$f"
done
check "extension.js is JavaScript" node --check "$VS/extension.js"

# ----- 4. make vsix ---------------------------------------------------------
list_zip() {
    if command -v unzip >/dev/null; then unzip -Z1 "$1"
    else python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; fi
}
unpack_zip() {
    if command -v unzip >/dev/null; then unzip -q -o "$1" -d "$2"
    else python3 -m zipfile -e "$1" "$2"; fi
}
if make --no-print-directory vsix >"$tmp/vsix.log" 2>&1 && [ -f build/ptl.vsix ]; then
    pass=$((pass + 1))
    list_zip build/ptl.vsix >"$tmp/vsix.list" || : >"$tmp/vsix.list"
    for f in package.json syntaxes/ptl.tmLanguage.json snippets/ptl.json extension.js \
             language-configuration.json node_modules/vscode-languageclient/package.json; do
        check "build/ptl.vsix holds extension/$f" grep -qxF "extension/$f" "$tmp/vsix.list"
    done
    check "build/ptl.vsix holds no test, lock file or packaging tool" \
        sh -c '! grep -E "^extension/(test/|package-lock\.json|node_modules/(@vscode/vsce|\.bin)/)" "$1"' sh "$tmp/vsix.list"
    unpack_zip build/ptl.vsix "$tmp/vsix"
    for f in package.json syntaxes/ptl.tmLanguage.json snippets/ptl.json extension.js language-configuration.json; do
        check "extension/$f in build/ptl.vsix is $VS/$f" cmp "$tmp/vsix/extension/$f" "$VS/$f"
    done
    # extension.js from the .vsix, with its packaged client and a stand-in for
    # VS Code (any property is a function): it loads and has its entry points
    cat >"$tmp/load.js" <<'EOF'
const Module = require('module');
const stub = { get: (t, k) => (k === '__esModule' ? false : (t[k] = t[k] || new Proxy(function () {}, stub))) };
const vscode = new Proxy({}, stub);
const load = Module._load;
Module._load = function (r, p, m) { return r === 'vscode' ? vscode : load.call(this, r, p, m); };
const ext = require(process.argv[2]);
if (typeof ext.activate !== 'function' || typeof ext.deactivate !== 'function') throw new Error('no activate/deactivate');
const lc = require(require.resolve('vscode-languageclient/node', { paths: [require('path').dirname(process.argv[2])] }));
if (typeof lc.LanguageClient !== 'function') throw new Error('no LanguageClient');
EOF
    check "extension.js in build/ptl.vsix loads its language client" node "$tmp/load.js" "$tmp/vsix/extension/extension.js"
else
    fail=$((fail + 1))
    echo "[FAIL] make vsix"
    tail -30 "$tmp/vsix.log"
fi

echo "vscode: $pass passed, $fail failed"
[ $fail -eq 0 ]
