#!/bin/sh
# check-language.sh: the examples of docs/language.md check as the document
# says. A ```ptl block right after a marker line is run:
#   <!-- check: ok -->                  no error (warnings allowed)
#   <!-- check: errors R1 R2 -->        exactly these error rules (as a set)
#   <!-- check: warnings R1 R2 -->      no error, exactly these warning rules
#   <!-- check: leaves ok -->           the lines are indicators: they are put
#   <!-- check: leaves errors R1 … -->  in the 数量指标 of an otherwise clean
#                                       project first (category-unit-mismatch
#                                       is allowed there: the lines are about
#                                       values, not about their category)
# Examples of a single statement leave out the indicator tree, so every
# block is checked with --allow no-indicators and --no-settings.
# The table of dimensions and units must be what tests/units-table.py makes
# of stdlib/units.ptl, and the table of diagnostic rules name every rule. Prints one line per failure and
# "language: N passed, M failed".
PTLC=${PTLC:-build/ptlc}
doc=docs/language.md
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
command -v jq >/dev/null 2>&1 || { echo "language: jq is needed" >&2; exit 2; }

# Splits the marked blocks into $tmp/N.ptl and $tmp/N.want ("MODE RULES...").
awk -v out="$tmp" '
    /^<!-- check: .* -->$/ { want = $0; sub(/^<!-- check: /, "", want); sub(/ -->$/, "", want);
                             pending = 1; line = NR; next }
    pending && /^```ptl/ { n++; inb = 1; pending = 0;
                           printf "%s\n", want > (out "/" n ".want");
                           printf "%d\n", line > (out "/" n ".line"); next }
    inb && /^```/ { inb = 0; next }
    inb { print > (out "/" n ".ptl") }
    pending && !/^$/ && !/^```/ { pending = 0 }' "$doc"

wrap() {    # wrap FILE: indicator lines into a clean project
    {
        printf 'project "示例项目" {\n    year 2026\n    amount 100 万元\n    goal "示例"\n'
        printf '    indicators {\n        产出指标 {\n            数量指标 {\n'
        sed 's/^/                /' "$1"
        printf '            }\n        }\n        效益指标 { 社会效益指标 { "示例受益人口" ≥ 100 人 } }\n'
        printf '        满意度指标 { 服务对象满意度指标 { "示例服务对象满意度" ≥ 90 %% } }\n'
        printf '        成本指标 { 经济成本指标 { "示例项目成本" ≤ 90 万元 } }\n    }\n}\n'
    }
}

pass=0
fail=0
for w in "$tmp"/*.want; do
    [ -e "$w" ] || continue
    n=$(basename "$w" .want)
    set -- $(cat "$w")
    mode=$1
    shift
    src="$tmp/$n.ptl"
    extra=
    if [ "$mode" = leaves ]; then
        wrap "$src" >"$tmp/$n.wrapped.ptl"
        src="$tmp/$n.wrapped.ptl"
        extra="--allow category-unit-mismatch"
        mode=$1
        shift
    fi
    $PTLC check --no-settings --allow no-indicators $extra --diagnostics=json "$src" \
        >/dev/null 2>"$tmp/$n.json"
    errs=$(jq -r '[.diagnostics[] | select(.severity == "error") | .rule] | unique | join(" ")' "$tmp/$n.json")
    warns=$(jq -r '[.diagnostics[] | select(.severity == "warning") | .rule] | unique | join(" ")' "$tmp/$n.json")
    want=$(printf '%s\n' "$@" | sort -u | tr '\n' ' ' | sed 's/ $//')
    ok=true
    case $mode in
    ok) [ -z "$errs" ] || ok=false ;;
    errors) [ "$errs" = "$want" ] || ok=false ;;
    warnings) [ -z "$errs" ] && [ "$warns" = "$want" ] || ok=false ;;
    *) ok=false ;;
    esac
    if $ok; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "[FAIL] $doc:$(cat "$tmp/$n.line"): '$mode $*': errors [$errs] warnings [$warns]"
        jq -r '.diagnostics[] | "    \(.severity)[\(.rule)] \(.message)"' "$tmp/$n.json" | head -5
    fi
done
# same WHAT: $tmp/WHAT.want and $tmp/WHAT.got agree, else a failure named MSG
same() {
    if cmp -s "$tmp/$1.want" "$tmp/$1.got"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "[FAIL] $doc: $2:"
        diff "$tmp/$1.want" "$tmp/$1.got" | head -5
    fi
}
# The table of dimensions and units lists what stdlib/units.ptl declares.
python3 tests/units-table.py >"$tmp/units.want" || exit 2
awk '/^<!-- units table: generated/ { on = 1; next } on && /^$/ { exit } on' "$doc" >"$tmp/units.got"
same units "the units table differs from stdlib/units.ptl (python3 tests/units-table.py prints it)"
# The table of diagnostic rules names every rule ptlc has.
$PTLC explain --list | awk '{ print $1 }' | sort >"$tmp/rules.want"
awk '/^## Diagnostic rules/ { on = 1 } /^## Departures/ { on = 0 }
     on && /^\| `[a-z0-9-]+` \|/ { sub(/^\| `/, ""); sub(/`.*/, ""); print }' "$doc" |
    sort >"$tmp/rules.got"
same rules "the table of diagnostic rules differs from ptlc explain --list"
# The keywords table lists every keyword of src/lex.c with both spellings.
grep -o '{"[a-z]*", "[^"]*", TOK_' src/lex.c | sed 's/{"\([a-z]*\)", "\([^"]*\)", TOK_/\1 \2/' | sort >"$tmp/keywords.want"
awk '/^### Keywords/ { on = 1 } /^### Symbols/ { on = 0 }
     on && /^\| `[a-z]+` \| `/ { gsub(/[|`]/, " "); print $1, $2 }' "$doc" | sort >"$tmp/keywords.got"
same keywords "the keywords table differs from src/lex.c"
# The thresholds of docs/settings.md are the ones src/params.def declares.
sed -n 's/^PARAM([A-Z_]*, *"\([a-z-]*\)".*/\1/p' src/params.def | sort >"$tmp/params.want"
awk '/^Thresholds:/ { on = 1 } on && /^\| `[a-z-]+` \|/ { sub(/^\| `/, ""); sub(/`.*/, ""); print }
     on && /^A `settings` block/ { exit }' docs/settings.md | sort >"$tmp/params.got"
same params "the thresholds of docs/settings.md differ from src/params.def"
echo "language: $pass passed, $fail failed"
[ $fail -eq 0 ]
