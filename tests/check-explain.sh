#!/bin/sh
# check-explain.sh: the rule documents docs/rules/*.md, which `ptlc explain`,
# the SARIF help and docs/rules.md are made of. For each document:
#   - the markers are there, in order: "# NAME" on the first line, the
#     **Checks:**, **检查 (zh):**, **为什么 (zh):** and **Why (en):**
#     paragraphs, then "## Fails" and "## Passes", each with exactly one
#     ```ptl block;
#   - the **Checks:** and **检查 (zh):** paragraphs (SARIF's fullDescription
#     in each language) fit 511 bytes: a paragraph, not a page;
#   - `ptlc explain --lang en NAME` prints the document without its 检查 (zh)
#     paragraph, and `ptlc explain --lang zh NAME` the Chinese page: the
#     检查 and 为什么 paragraphs under Chinese labels, the examples under
#     Chinese headings, no English paragraph or heading (the binary embeds
#     the current text: after editing a .md, run make);
#   - the Fails example makes `ptlc check` report rule NAME, and the Passes
#     example does not (read from --diagnostics=json with jq).
# Blocks are written to files in a temporary directory and checked with
# --no-settings. Two info strings change that:
#   ```ptl settings   the block is a ptlc.settings file; a minimal valid
#                     department table is put beside it and checked from that
#                     directory, with its settings;
#   ```ptl cut        the block loses its last two bytes (the newline and the
#                     last byte of the character before it), for the
#                     encoding rule: a UTF-8 file with a damaged character.
# Run from the repository root. VERBOSE=1 lists the rules each example reports.
# Prints one line per failure, then "explain: N passed, M failed" (N, M count
# documents); exits 1 if any failed.
PTLC=${PTLC:-build/ptlc}
case $PTLC in
/* | *' '*) ;;                       # absolute, or a wrapper command line
*/*) PTLC=$(pwd)/$PTLC ;;            # usable after cd into a temporary dir
esac
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

command -v jq >/dev/null 2>&1 || { echo "explain: jq is needed" >&2; exit 2; }

MINIMAL_TABLE='department "株洲市渌口区信访局" {
    year 2026
    budget { total 259.05 万元 }
}'

problem() {     # problem DOC MESSAGE: one failure line
    echo "[FAIL] $1: $2"
    ok=false
}

# count_blocks DOC SECTION: how many ```ptl blocks the "## SECTION" holds.
count_blocks() {
    awk -v want="## $2" '
        /^## / { insec = ($0 == want); next }
        /^```/ && !fence { fence = 1; if (insec && $0 ~ /^```ptl( |$)/) n++; next }
        /^```/ && fence { fence = 0; next }
        END { print n + 0 }' "$1"
}

# block DOC SECTION: the first ```ptl block of "## SECTION": its info string
# after "ptl" on the first line (often empty), then its lines.
block() {
    awk -v want="## $2" '
        /^## / { insec = ($0 == want); next }
        insec && !done && !inb && /^```ptl( |$)/ {
            inb = 1; info = substr($0, 7); sub(/^ +/, "", info); print info; next
        }
        inb && /^```/ { inb = 0; done = 1; next }
        inb { print }' "$1"
}

# line_of DOC PATTERN: the number of the first line matching the ERE, or 0.
line_of() {
    awk -v re="$2" '$0 ~ re { print NR; found = 1; exit } END { if (!found) print 0 }' "$1"
}

check_markers() {   # check_markers DOC NAME
    [ "$(head -n 1 "$1")" = "# $2" ] || problem "$1" "the first line is not '# $2'"
    prev=1
    for m in '^\*\*Checks:\*\* ' '^\*\*检查 \(zh\):\*\* ' '^\*\*为什么 \(zh\):\*\* ' \
             '^\*\*Why \(en\):\*\* ' '^## Fails$' '^## Passes$'; do
        at=$(line_of "$1" "$m")
        label=$(printf '%s' "$m" | sed 's/^\^//; s/\$$//; s/\\//g')
        if [ "$at" -eq 0 ]; then
            problem "$1" "no '$label' marker"
        elif [ "$at" -le "$prev" ]; then
            problem "$1" "'$label' is out of order"
        else
            prev=$at
        fi
    done
    for s in Fails Passes; do
        n=$(count_blocks "$1" $s)
        [ "$n" -eq 1 ] || problem "$1" "'## $s' has $n \`\`\`ptl blocks, not 1"
    done
    for m in 'Checks:' '检查 \(zh\):'; do
        bytes=$(awk -v m="^\\*\\*$m\\*\\* +" '$0 ~ m { p = 1; sub(m, "") }
                     p && /^$/ { exit }
                     p { printf "%s%s", sep, $0; sep = "\n" }' "$1" | LC_ALL=C wc -c)
        [ "$bytes" -le 511 ] || problem "$1" "the $m paragraph is $bytes bytes, more than 511"
    done
}

# contains NEEDLE HAYSTACK: the lines of file NEEDLE appear in file HAYSTACK,
# together and in order
contains() {
    needle=$(tr '\n' '\001' <"$1")
    tr '\n' '\001' <"$2" | grep -qF -- "$needle"
}

# paragraph DOC MARKER: the paragraph after **MARKER**, its first line
# without the marker
paragraph() {
    awk -v m="$2" 'index($0, "**" m "**") == 1 { p = 1; sub(/^\*\*[^*]*\*\* */, "") }
                   p && /^$/ { exit }
                   p { print }' "$1"
}

check_explain_output() {    # check_explain_output DOC NAME
    if ! $PTLC explain --lang en "$2" >"$tmp/explain.out" 2>"$tmp/explain.err"; then
        problem "$1" "'ptlc explain $2' fails: $(head -n 1 "$tmp/explain.err")"
        return
    fi
    # the document without its 检查 (zh) paragraph and the blank line after it
    awk '/^\*\*检查 \(zh\):\*\* / { skip = 1 } skip && /^$/ { skip = 0; next } !skip' "$1" \
        >"$tmp/doc.en"
    n=$(wc -l <"$tmp/doc.en")
    head -n "$n" "$tmp/explain.out" | cmp -s - "$tmp/doc.en" \
        || problem "$1" "'ptlc explain --lang en $2' does not print this text (run make)"
    if ! $PTLC explain --lang zh "$2" >"$tmp/explain.zh" 2>"$tmp/explain.err"; then
        problem "$1" "'ptlc explain --lang zh $2' fails: $(head -n 1 "$tmp/explain.err")"
        return
    fi
    for m in '检查 (zh):' '为什么 (zh):'; do
        paragraph "$1" "$m" >"$tmp/para"
        label="**${m% (zh):}：**"
        { printf '%s' "$label"; head -n 1 "$tmp/para" | sed 's/^/ /'; tail -n +2 "$tmp/para"; } \
            >"$tmp/want"
        contains "$tmp/want" "$tmp/explain.zh" && [ -s "$tmp/para" ] \
            || problem "$1" "the Chinese page does not show the $m paragraph under $label"
    done
    block "$1" Fails | tail -n +2 >"$tmp/want"
    contains "$tmp/want" "$tmp/explain.zh" && grep -qx '## 不通过的例子' "$tmp/explain.zh" \
        && grep -qx '## 通过的例子' "$tmp/explain.zh" \
        || problem "$1" "the Chinese page lacks the examples under Chinese headings"
    if grep -qE '^\*\*(Checks:|Why \(en\):)\*\*|^## (Fails|Passes)$|^Default level|^How to change' \
            "$tmp/explain.zh"; then
        problem "$1" "the Chinese page keeps English: $(grep -E '^\*\*(Checks|Why)|^## (Fails|Passes)|^Default|^How' "$tmp/explain.zh" | head -n 1)"
    fi
}

# run_example DOC NAME SECTION: checks the block, leaves the JSON diagnostics
# in $tmp/diag.json; returns 1 (after reporting) if there is nothing to judge.
run_example() {
    dir=$tmp/$2-$3
    mkdir -p "$dir"
    block "$1" "$3" >"$dir/block"
    [ -s "$dir/block" ] || return 1     # no block: reported by check_markers
    info=$(head -n 1 "$dir/block")
    tail -n +2 "$dir/block" >"$dir/text"
    case $info in
    settings)
        cp "$dir/text" "$dir/ptlc.settings"
        printf '%s\n' "$MINIMAL_TABLE" >"$dir/table.ptl"
        (cd "$dir" && $PTLC check --diagnostics=json table.ptl) 2>"$tmp/diag.json" >/dev/null
        ;;
    cut)
        head -c -2 "$dir/text" >"$dir/$2.ptl"
        $PTLC check --diagnostics=json --no-settings "$dir/$2.ptl" 2>"$tmp/diag.json" >/dev/null
        ;;
    '')
        cp "$dir/text" "$dir/$2.ptl"
        $PTLC check --diagnostics=json --no-settings "$dir/$2.ptl" 2>"$tmp/diag.json" >/dev/null
        ;;
    *)
        problem "$1" "unknown info string '\`\`\`ptl $info' in $3"
        return 1
        ;;
    esac
    rc=$?
    if [ $rc -gt 1 ] || ! jq -e '.diagnostics' "$tmp/diag.json" >/dev/null 2>&1; then
        problem "$1" "ptlc check of the $3 example failed (exit $rc): $(head -c 200 "$tmp/diag.json")"
        return 1
    fi
    if [ -n "$VERBOSE" ]; then
        echo "  $2 $3: $(jq -r '[.diagnostics[] | "\(.severity)[\(.rule)]"] | join(" ")' "$tmp/diag.json")"
    fi
    return 0
}

reported() {    # reported: the rules in $tmp/diag.json, comma-separated
    jq -r '[.diagnostics[].rule] | unique | if length == 0 then "nothing" else join(", ") end' \
        "$tmp/diag.json"
}

for doc in docs/rules/*.md; do
    [ -f "$doc" ] || continue
    name=$(basename "$doc" .md)
    ok=true
    check_markers "$doc" "$name"
    check_explain_output "$doc" "$name"
    if run_example "$doc" "$name" Fails; then
        jq -e --arg r "$name" 'any(.diagnostics[]; .rule == $r)' "$tmp/diag.json" >/dev/null \
            || problem "$doc" "the Fails example does not report $name (reported: $(reported))"
    fi
    if run_example "$doc" "$name" Passes; then
        jq -e --arg r "$name" 'any(.diagnostics[]; .rule == $r) | not' "$tmp/diag.json" >/dev/null \
            || problem "$doc" "the Passes example reports $name: $(jq -r --arg r "$name" \
                   'first(.diagnostics[] | select(.rule == $r)) | .message' "$tmp/diag.json")"
    fi
    if $ok; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
    fi
done

# Every rule of the catalog has its document.
for name in $($PTLC explain --list | awk '{print $1}'); do
    if [ -f "docs/rules/$name.md" ]; then
        continue
    fi
    echo "[FAIL] rule $name has no docs/rules/$name.md"
    fail=$((fail + 1))
done

echo "explain: $pass passed, $fail failed"
[ $fail -eq 0 ]
