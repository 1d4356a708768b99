#!/bin/sh
# check-tree-sitter.sh: the tree-sitter grammar of editors/tree-sitter-ptl
# reads everything ptlc reads.
#
#   tests/check-tree-sitter.sh            check
#   UPDATE=1 tests/check-tree-sitter.sh   also rewrite the expected outputs
#                                         (test/highlight.golden and the
#                                         Helix query); review with git diff
#
# 1. The tree-sitter CLI, at the version package.json pins: $TREE_SITTER if
#    set, else the one installed before under build/tree-sitter/ (so a second
#    run needs no network), else installed there now with npm; npm's package
#    downloads its binary from the project's release page when it installs,
#    and where that is out of reach the same version is taken from Debian's
#    tree-sitter-cli package (Debian 13 has 0.22.6; it is unpacked with the C
#    library it was built against, which Debian 12 is too old for).
# 2. The grammar is copied to build/tree-sitter/tree-sitter-ptl/ and the
#    parser generated there (the source tree gets no generated file), its
#    keywords compared with src/lex.c's, and `tree-sitter test` runs the
#    corpus (test/corpus/, whose inputs ptlc must read as their expected
#    trees say: with a syntax error only where a tree has an ERROR) and the
#    highlight assertions (test/highlight/).
# 3. Every .ptl file and ptlc.settings of the repository and every ```ptl
#    block of README.md and docs/*.md is checked by ptlc (syntax and encoding
#    errors, --no-settings) and parsed by tree-sitter. A file ptlc reads
#    without one must give no ERROR or MISSING node; a file of the repository
#    with one must give one too, unless it is listed in `unseen` below (a
#    documentation block with one is a fragment, and not asserted). Files
#    ptlc decodes from GB18030 or UTF-16 are parsed as converted to UTF-8.
# 4. The captures of queries/highlights.scm over
#    examples/xinfang-department.ptl are test/highlight.golden, byte for byte,
#    and queries/helix/highlights.scm is that query in Helix's names.
# Prints one line per failure, then "tree-sitter: N files parsed, M failed";
# exits 1 on any failure, 2 when the CLI cannot be had.
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
PTLC=${PTLC:-build/ptlc}
case $PTLC in /*) ;; *) PTLC=$ROOT/$PTLC ;; esac
. tests/lib.sh
NO_COLOR=1
export NO_COLOR
started=$(date +%s)
command -v jq >/dev/null 2>&1 || { echo "tree-sitter: jq is needed" >&2; exit 2; }
if [ ! -x "$PTLC" ]; then
    make --no-print-directory build/ptlc >&2 || exit 2
fi
# a copy, so that a rebuild while this runs does not pull it away
cp "$PTLC" "$tmp/ptlc" || exit 2
PTLC=$tmp/ptlc

SRC=editors/tree-sitter-ptl
WORK=$ROOT/build/tree-sitter
VERSION=$(sed -n 's/.*"tree-sitter-cli": *"\([0-9][0-9.]*\)".*/\1/p' "$SRC/package.json")
[ -n "$VERSION" ] || { echo "tree-sitter: no tree-sitter-cli version in $SRC/package.json" >&2; exit 2; }

# ptlc's syntax errors that a grammar cannot see: they are reported by the
# actions of ptl.y or by the scanner's helpers, on text the grammar accepts.
unseen="
tests/golden/check/evaluation-misplaced.ptl an attribute given twice (rate, score): reported by the parser's actions
tests/golden/rules/quant-not-number.ptl     a bare word as a value: ptl.y accepts one, the checker asks for quotes
tests/golden/input/invalid-utf8.ptl         bytes that are not UTF-8, in a string and a comment
tests/golden/input/nested-10000.ptl         blocks nested deeper than ptlc's limit of 64
"
printf '%s\n' "$unseen" | awk 'NF { print $1 }' | sort >"$tmp/unseen"

# ----- 1. the CLI ------------------------------------------------------------

version_of() {
    [ -x "$1" ] || return 0
    "$1" --version 2>/dev/null | awk '{ print $2; exit }'
}

install_npm() {
    command -v npm >/dev/null 2>&1 || return 1
    echo "tree-sitter: installing tree-sitter-cli $VERSION with npm" >&2
    rm -rf "$WORK/cli" && mkdir -p "$WORK/cli" || return 1
    npm install --no-save --no-audit --no-fund --prefix "$WORK/cli" "tree-sitter-cli@$VERSION" \
        >"$WORK/npm.log" 2>&1
}

# The Debian archive this machine's apt is set up with.
debian_archive() {
    {
        cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs://p'
        cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            sed -n 's/^deb  *\(\[[^]]*\]  *\)\{0,1\}\([^ ]*\) .*/\2/p'
    } | tr ' \t' '\n\n' | grep -v security | grep '/debian/\{0,1\}$' | head -n 1
}

install_deb() {
    command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 || return 1
    [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ] || return 1
    archive=$(debian_archive)
    [ -n "$archive" ] || return 1
    echo "tree-sitter: npm could not install it (see build/tree-sitter/npm.log); taking" \
         "tree-sitter-cli $VERSION from Debian 13's packages instead" >&2
    d=$WORK/deb
    rm -rf "$d" && mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/root" || return 1
    # a list of its own: the machine's apt set-up is not changed
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $archive trixie main" \
        >"$d/sources.list"
    set -- -o Dir::Etc::SourceList="$d/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
        -o Dir::State::Lists="$d/lists" -o Dir::Cache="$d/cache" -o Debug::NoLocking=1 \
        -o APT::Architectures=amd64 -o APT::Sandbox::User="$(id -un)"
    { apt-get "$@" -q update && (cd "$d" && apt-get "$@" -q download tree-sitter-cli libc6 libgcc-s1)
    } >"$WORK/apt.log" 2>&1 || return 1
    got=$(dpkg-deb -f "$d"/tree-sitter-cli_*.deb Version | sed 's/-[^-]*$//')
    if [ "$got" != "$VERSION" ]; then
        echo "tree-sitter: Debian has tree-sitter-cli $got, not $VERSION" >&2
        return 1
    fi
    for deb in "$d"/*.deb; do dpkg-deb -x "$deb" "$d/root" || return 1; done
    cat >"$d/tree-sitter" <<EOF
#!/bin/sh
# Debian 13's tree-sitter $VERSION, run with the C library it was built for
exec "$d/root/usr/lib64/ld-linux-x86-64.so.2" --library-path "$d/root/usr/lib/x86_64-linux-gnu" \\
    "$d/root/usr/bin/tree-sitter" "\$@"
EOF
    chmod +x "$d/tree-sitter"
}

if [ -n "${TREE_SITTER:-}" ]; then
    cli=$TREE_SITTER
else
    cli=""
    for c in "$WORK/cli/node_modules/.bin/tree-sitter" "$WORK/deb/tree-sitter"; do
        if [ "$(version_of "$c")" = "$VERSION" ]; then cli=$c; break; fi
    done
    if [ -z "$cli" ]; then
        mkdir -p "$WORK"
        if install_npm && [ "$(version_of "$WORK/cli/node_modules/.bin/tree-sitter")" = "$VERSION" ]; then
            cli=$WORK/cli/node_modules/.bin/tree-sitter
        elif install_deb && [ "$(version_of "$WORK/deb/tree-sitter")" = "$VERSION" ]; then
            cli=$WORK/deb/tree-sitter
        else
            echo "tree-sitter: cannot install tree-sitter-cli $VERSION (build/tree-sitter/npm.log," \
                 "apt.log); set TREE_SITTER to a tree-sitter $VERSION" >&2
            exit 2
        fi
    fi
fi
got=$(version_of "$cli")
if [ "$got" != "$VERSION" ]; then
    echo "tree-sitter: warning: $cli is tree-sitter ${got:-(not runnable)}, package.json pins $VERSION" >&2
fi

# ----- 2. generate, keywords, corpus -----------------------------------------

G=$WORK/tree-sitter-ptl
TREE_SITTER_DIR=$WORK/config        # the CLI's config.json
TREE_SITTER_LIBDIR=$WORK/lib        # the parsers it compiles
export TREE_SITTER_DIR TREE_SITTER_LIBDIR
rm -rf "$G" && mkdir -p "$G/src" "$TREE_SITTER_DIR" "$TREE_SITTER_LIBDIR" || exit 2
cp "$SRC/grammar.js" "$SRC/package.json" "$G/" && cp "$SRC/src/scanner.c" "$G/src/" &&
    cp -R "$SRC/queries" "$SRC/test" "$G/" || exit 2
printf '{ "parser-directories": ["%s"] }\n' "$WORK" >"$TREE_SITTER_DIR/config.json"
if ! (cd "$G" && "$cli" generate --no-bindings) >"$tmp/log" 2>&1; then
    echo "[FAIL] tree-sitter generate"; cat "$tmp/log"
    echo "tree-sitter: 0 files parsed, 1 failed"
    exit 1
fi

# the keywords: src/lex.c's table, grammar.js's, and every one coloured
grep -o '{"[a-z]*", "[^"]*", TOK_[A-Z]*}' src/lex.c |
    sed 's/{"\([a-z]*\)", "\([^"]*\)".*/\1 \2/' | sort >"$tmp/kw.lex"
sed -n "/^const KEYWORDS = {/,/^};/s/^  \([a-z]*\): '\([^']*\)',\$/\1 \2/p" "$SRC/grammar.js" |
    sort >"$tmp/kw.grammar"
keywords() {
    [ -s "$tmp/kw.lex" ] || { echo "no keywords found in src/lex.c"; return 1; }
    diff "$tmp/kw.lex" "$tmp/kw.grammar" || { echo "(< src/lex.c, > grammar.js KEYWORDS)"; return 1; }
    missing=""
    for w in $(cat "$tmp/kw.lex"); do
        case $w in qual|定性|quant|定量) continue ;; esac   # the operators
        grep -qF "\"$w\"" "$SRC/queries/highlights.scm" || missing="$missing $w"
    done
    [ -z "$missing" ] || { echo "not in queries/highlights.scm:$missing"; return 1; }
}
check "keywords of grammar.js and queries/highlights.scm are src/lex.c's" keywords

# The corpus inputs are .ptl as ptlc reads it: with a syntax error where
# the expected tree has an ERROR or MISSING node, else without one.
corpus_inputs() {
    mkdir -p "$tmp/corpus"
    for t in "$SRC"/test/corpus/*.txt; do
        awk -v out="$tmp/corpus/$(basename "$t" .txt)" '
            /^====*$/ { if (st != 1) { st = 1; next }
                        st = 2; n++; f = out "-" n ".ptl"; printf "" > f; next }
            /^----*$/ && st == 2 { st = 3; close(f); next }
            st == 2 { print > f }
            st == 3 && /\((ERROR|MISSING)/ { print f > (out ".errors") }' "$t"
    done
    cat "$tmp"/corpus/*.errors 2>/dev/null | sort -u >"$tmp/corpus-errors"
    bad=0
    for f in "$tmp"/corpus/*.ptl; do
        n=$("$PTLC" check --no-settings --lang en --color never "$f" 2>&1 |
            grep -c 'error\[\(syntax\|encoding\)\]')
        if grep -qx "$f" "$tmp/corpus-errors"; then
            [ "$n" -gt 0 ] || { echo "$(basename "$f"): ptlc reads it without a syntax error"; bad=1; }
        else
            [ "$n" -eq 0 ] || { echo "$(basename "$f"): ptlc reports a syntax error"; bad=1; }
        fi
    done
    return $bad
}
check "test/corpus/ inputs read by ptlc as their expected trees say" corpus_inputs

# (tree-sitter 0.22 exits 0 when a corpus test marked :error fails; a failed
# test is marked with a cross)
corpus() {
    (cd "$G" && "$cli" test) >"$tmp/test.log" 2>&1
    rc=$?
    cat "$tmp/test.log"
    [ $rc -eq 0 ] && ! grep -q '✗' "$tmp/test.log"
}
check "tree-sitter test (test/corpus/, test/highlight/)" corpus

# ----- 3. every file ---------------------------------------------------------

parsed=0
failed=0
ok_errors=0     # files with ptlc syntax errors that have error nodes too

# The documentation's ```ptl blocks, each as a file of its own.
mkdir "$tmp/docs"
for doc in README.md docs/*.md; do
    awk -v out="$tmp/docs" -v base="$(basename "$doc" .md)" '
        /^```ptl/ { n++; f = out "/" base "-" n ".ptl"; printf "" > f; inb = 1; next }
        inb && /^```/ { inb = 0; close(f); next }
        inb { print > f }' "$doc"
done

# parse_one FILE [AS]: checks FILE (AS names it in messages).
parse_one() {
    f=$1
    name=${2:-$1}
    case $f in
    *ptlc.settings)
        # a settings file is read as the settings of a clean table
        "$PTLC" check --settings "$f" --lang en --diagnostics json --max-errors 0 \
            examples/xinfang-department.ptl >/dev/null 2>"$tmp/diag.json" ;;
    *)
        "$PTLC" check --no-settings --lang en --diagnostics json --max-errors 0 "$f" \
            >/dev/null 2>"$tmp/diag.json" ;;
    esac
    # the number of syntax and encoding errors, and the encoding ptlc read
    # the file in when it is not UTF-8 ("read as GB18030: …")
    set -- $(jq -r '([.diagnostics[] | select(.rule == "syntax" or .rule == "encoding")] | length),
        ([.notifications[].message | select(startswith("read as "))
          | sub("^read as (?<e>[^:]*):.*"; "\(.e)")][0] // "")' "$tmp/diag.json" 2>/dev/null)
    errors=${1:-}
    encoding=${2:-}
    if [ -z "$errors" ]; then
        echo "[FAIL] $name: ptlc check gave no diagnostics"; head -5 "$tmp/diag.json"
        failed=$((failed + 1))
        return
    fi
    # what tree-sitter reads: UTF-8 text, in a file named .ptl
    input=$f
    case $f in *ptlc.settings) cp "$f" "$tmp/input.ptl"; input=$tmp/input.ptl ;; esac
    case $encoding in
    "") ;;
    UTF-16)
        case $(od -An -tx1 -N2 "$f" | tr -d ' \n') in
        fffe|feff) from=UTF-16 ;;
        00*) from=UTF-16BE ;;
        *) from=UTF-16LE ;;
        esac
        iconv -f "$from" -t UTF-8 "$f" >"$tmp/input.ptl"; input=$tmp/input.ptl ;;
    *)
        iconv -f "$encoding" -t UTF-8 "$f" >"$tmp/input.ptl"; input=$tmp/input.ptl ;;
    esac
    case $input in /*) ;; *) input=$ROOT/$input ;; esac
    (cd "$G" && "$cli" parse --quiet "$input") >"$tmp/parse" 2>&1
    rc=$?
    parsed=$((parsed + 1))
    nodes=$(grep -o '(\(ERROR\|MISSING\)[^)]*)' "$tmp/parse" | head -n 3 | tr '\n' ' ')
    listed=no
    [ "$name" = "$f" ] && grep -qx "$f" "$tmp/unseen" && listed=yes
    if [ -z "$nodes" ] && [ $rc -ne 0 ]; then
        echo "[FAIL] $name: tree-sitter parse exited $rc"; head -5 "$tmp/parse"
        failed=$((failed + 1))
    elif [ "$errors" -eq 0 ] && [ -n "$nodes" ]; then
        echo "[FAIL] $name: ptlc reads it without a syntax error, tree-sitter finds" \
             "(rows and columns from 0) $nodes"
        failed=$((failed + 1))
    elif [ "$errors" -eq 0 ] && [ $listed = yes ]; then
        echo "[FAIL] $name: listed under 'unseen', but ptlc reads it without a syntax error"
        failed=$((failed + 1))
    elif [ -n "$nodes" ]; then
        ok_errors=$((ok_errors + 1))
        if [ $listed = yes ]; then
            echo "[FAIL] $name: listed under 'unseen', but tree-sitter sees an error: unlist it"
            failed=$((failed + 1))
        fi
    elif [ "$errors" -gt 0 ] && [ "$name" = "$f" ] && [ $listed = no ]; then
        echo "[FAIL] $name: ptlc reports $errors syntax error(s), tree-sitter none: make the" \
             "grammar see it, or if no grammar can, list the file under 'unseen' in" \
             "tests/check-tree-sitter.sh with why"
        failed=$((failed + 1))
    fi
}

for f in $(git ls-files '*.ptl' '*ptlc.settings'); do
    parse_one "$f"
done
for f in "$tmp"/docs/*.ptl; do
    [ -f "$f" ] && parse_one "$f" "docs: $(basename "$f")"
done

# ----- 4. the highlight snapshot and the Helix query -------------------------

# the captures in file order: row:column-row:column (from 0, columns in
# bytes), capture, text
golden() {
    (cd "$G" && "$cli" query --captures queries/highlights.scm \
        "$ROOT/examples/xinfang-department.ptl") >"$tmp/query" 2>"$tmp/query.err" ||
        { cat "$tmp/query.err"; return 1; }
    {
        echo "# tree-sitter query --captures queries/highlights.scm examples/xinfang-department.ptl"
        echo "# row:column-row:column (from 0; columns count bytes), capture, text"
        sed -e 1d -e 's/^ *pattern: *[0-9]*, capture: [0-9]* - \([^,]*\), start: (\([0-9]*\), \([0-9]*\)), end: (\([0-9]*\), \([0-9]*\)), text: `\(.*\)`$/\2:\3-\4:\5 \1 \6/' \
            "$tmp/query"
    } >"$tmp/highlight.golden"
    compare "$tmp/highlight.golden" "$SRC/test/highlight.golden"
}

# Helix names some captures otherwise (its themes have no "number")
helix() {
    sed -e 's/@number\b/@constant.numeric/' \
        -e 's/@string\.escape\b/@constant.character.escape/' \
        -e 's/@property\b/@variable.other.member/' \
        -e '1,3c\
; Syntax colours for .ptl in Helix: queries/highlights.scm with the capture\
; names of Helix themes. Made by tests/check-tree-sitter.sh (UPDATE=1): edit\
; queries/highlights.scm, not this file.' \
        "$SRC/queries/highlights.scm" >"$tmp/helix.scm"
    compare "$tmp/helix.scm" "$SRC/queries/helix/highlights.scm"
}

# compare NEW EXPECTED: the same bytes, or EXPECTED rewritten under UPDATE=1
compare() {
    cmp -s "$1" "$2" && return 0
    if [ -n "${UPDATE:-}" ]; then
        mkdir -p "$(dirname "$2")" && cp "$1" "$2" && echo "tree-sitter: rewrote $2" >&2
        return 0
    fi
    diff -u "$2" "$1" | head -40
    echo "(UPDATE=1 tests/check-tree-sitter.sh rewrites $2)"
    return 1
}

check "the captures of examples/xinfang-department.ptl are test/highlight.golden" golden
check "queries/helix/highlights.scm is queries/highlights.scm in Helix's names" helix

echo "tree-sitter: $pass checks passed, $fail failed; of the files with ptlc syntax errors," \
     "$ok_errors have error nodes too; $(($(date +%s) - started)) s with tree-sitter $got"
echo "tree-sitter: $parsed files parsed, $failed failed"
[ $fail -eq 0 ] && [ $failed -eq 0 ]
