#!/bin/sh
# check-manpage.sh: each man page covers every command and every option the
# program's own help lists, and renders without groff warnings: the English
# docs/ptlc.1 against the English help, the Chinese docs/zh_CN/ptlc.1
# (installed as /usr/share/man/zh_CN/man1/ptlc.1) against the Chinese help.
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
echo "manpage: $pass passed, $fail failed"
[ $fail -eq 0 ]
