#!/bin/sh
# check-html.sh: the HTML output in a real browser. Installs what it needs
# (Debian's chromium and CJK fonts; node and npm if missing; playwright-core
# from tests/browser/package-lock.json, which drives the installed chromium
# and never downloads a browser), builds the seed and the hostile tables
# with ptlc, then runs tests/browser/html.test.mjs: DOM assertions on the
# rendered tables, a print to PDF, and screenshots of the seed department
# table and of the seed's own spreadsheet layout.
# Screenshots go to a temporary directory; UPDATE=1 writes them to docs/img/
# (review them, then commit).
# Last line: "html: N passed, M failed".
PTLC=${PTLC:-build/ptlc}
SEED=${SEED:-../shared/seeds/000_f7201bc5afc7ab03.txt}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

setup_failed() {
    echo "[FAIL] set-up: $1"
    echo "html: 0 passed, 1 failed"
    exit 1
}

sh tools/deps.sh chromium fonts-noto-cjk || setup_failed "Debian packages chromium fonts-noto-cjk"
command -v node >/dev/null && command -v npm >/dev/null || sh tools/deps.sh nodejs npm ||
    setup_failed "Debian packages nodejs npm"
# npm ci again only when the installed playwright-core is not the locked one
# (so the suite also runs offline once installed).
version() { sed -n 's/^ *"\(version\|playwright-core\)": "\([^"]*\)".*/\2/p' "$1" | head -1; }
[ -f tests/browser/node_modules/playwright-core/package.json ] &&
    [ "$(version tests/browser/node_modules/playwright-core/package.json)" = \
      "$(version tests/browser/package.json)" ] ||
    npm ci --prefix tests/browser --no-audit --no-fund --silent ||
    setup_failed "npm ci --prefix tests/browser"

build() {   # build OUT ARGS...: the HTML of ARGS into OUT (exit 1 is the
    out=$1  # tables' errors, built anyway with --allow-errors)
    shift
    $PTLC build --format html -o "$out" "$@" 2>/dev/null
    [ $? -le 1 ] && [ -e "$out" ] || setup_failed "ptlc build --format html -o $out $*"
}
mkdir -p "$tmp/html" "$tmp/shots"
build "$tmp/html/seed-department.html" examples/xinfang-department.ptl
build "$tmp/html/seed.html" examples/
build "$tmp/html/site/" examples/
build "$tmp/html/hostile.html" tests/golden/html/hostile.ptl
build "$tmp/html/hostile-site/" tests/golden/html/hostile.ptl
build "$tmp/html/layout.html" tests/golden/html/layout.ptl
build "$tmp/html/real-constructs.html" tests/golden/json/real-constructs.ptl
build "$tmp/html/broken.html" --allow-errors tests/golden/html/broken.ptl
build "$tmp/html/bidi.html" --allow-errors tests/golden/html/bidi.ptl
build "$tmp/html/evaluation.html" tests/golden/emit/evaluation.ptl
build "$tmp/html/evaluation-broken.html" --allow-errors tests/golden/emit/evaluation-broken.ptl

shots="$tmp/shots"
[ -n "$UPDATE" ] && shots=docs/img && mkdir -p docs/img
node tests/browser/html.test.mjs "$tmp/html" "$shots" "$SEED"
