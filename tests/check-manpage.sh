#!/bin/sh
# check-manpage.sh: each man page covers every command and every option the
# program's own help lists, and renders without groff warnings: the English
# docs/ptlc.1 against the English help, the Chinese docs/zh_CN/ptlc.1
# (installed as /usr/share/man/zh_CN/man1/ptlc.1) against the Chinese help;
# and every help text, in either language, fits 80 columns.
PTLC=${PTLC:-build/ptlc}
pass=0
fail=0
check_page() {     # check_page MAN LANG
    man=$1
    lang=$2
    # roff writes '-' as '\-'; compare on the unescaped text
    text=$(sed 's/\\-/-/g' "$man")
    # every command the usage lists, and the options of each one's help
    commands=$($PTLC --lang en help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
    words=$( { $PTLC --lang "$lang" help
               for c in $commands; do $PTLC --lang "$lang" help "$c"; done; } |
             grep -oE -- '(^|[ ,])--?[a-z][a-z-]*' | tr -d ' ,' | sort -u)
    for w in $words $commands; do
        if printf '%s\n' "$text" | grep -q -- "$w"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "[FAIL] $man does not mention $w"
        fi
    done
    if command -v groff >/dev/null 2>&1; then
        warnings=$(groff -k -man -Tutf8 -ww -z "$man" 2>&1)
        if [ -n "$warnings" ]; then
            fail=$((fail + 1))
            echo "[FAIL] groff warns about $man:"
            echo "$warnings"
        else
            pass=$((pass + 1))
        fi
    fi
}
check_page docs/ptlc.1 en
check_page docs/zh_CN/ptlc.1 zh

# Every line of every help text fits an 80-column terminal, a CJK character
# counting two columns, as a terminal shows it.
commands=$($PTLC --lang en help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
for lang in en zh; do
    for c in "" $commands; do
        wide=$($PTLC --lang $lang help $c | python3 -c '
import sys, unicodedata
for n, line in enumerate(sys.stdin, 1):
    w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.rstrip("\n"))
    if w > 80:
        print("line %d is %d columns: %s" % (n, w, line.rstrip()))')
        if [ -z "$wide" ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "[FAIL] ptlc --lang $lang help $c is wider than 80 columns:"
            echo "$wide"
        fi
    done
done
echo "manpage: $pass passed, $fail failed"
[ $fail -eq 0 ]
