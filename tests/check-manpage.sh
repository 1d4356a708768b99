#!/bin/sh
# check-manpage.sh: the man page covers every command and every option the
# program's own help lists, and renders without groff warnings.
PTLC=${PTLC:-build/ptlc}
MAN=docs/ptlc.1
pass=0
fail=0
# roff writes '-' as '\-'; compare on the unescaped text
text=$(sed 's/\\-/-/g' "$MAN")
words=$( { $PTLC help; $PTLC help check; $PTLC help build; $PTLC help explain; } |
         grep -oE -- '(^|[ ,])--?[a-z][a-z-]*' | tr -d ' ,' | sort -u)
for w in $words check build explain help; do
    if printf '%s\n' "$text" | grep -q -- "$w"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "[FAIL] $MAN does not mention $w"
    fi
done
if command -v groff >/dev/null 2>&1; then
    warnings=$(groff -k -man -Tutf8 -ww -z "$MAN" 2>&1)
    if [ -n "$warnings" ]; then
        fail=$((fail + 1))
        echo "[FAIL] groff warns:"
        echo "$warnings"
    else
        pass=$((pass + 1))
    fi
fi
echo "manpage: $pass passed, $fail failed"
[ $fail -eq 0 ]
