#!/bin/sh
# check-po.sh: every message ptlc shows has its Chinese, and the Chinese
# takes the same arguments.
#   1. the template is current: po/ptlc.pot holds exactly the messages that
#      tools/xgettext.sh extracts from the sources now (regenerated in a
#      temporary directory, compared by msgctxt + msgid);
#   2. po/zh_CN.po translates every one of them: none missing, empty or
#      fuzzy (a message whose English changed is fuzzy until its Chinese is
#      checked again);
#   3. msgfmt --check accepts po/zh_CN.po: each c-format translation
#      converts the same arguments, with the same types, as its English
#      (numbered ones, %2$s, may come in another order);
#   4. the locale chooses the language as POSIX orders LC_ALL, LC_MESSAGES
#      and LANG, and --lang wins over it;
#   5. no diagnostic is left in English: every golden check input is run in
#      both languages, and a Chinese message that is the English one, or
#      that keeps an English sentence, is a message the sources pass by
#      the catalog (a string not marked for xgettext).
# Run from the repository root; `make po` regenerates the template and
# merges it into po/zh_CN.po (new messages then show as untranslated).
# Prints one line per failure, then "po: N passed, M failed".
PTLC=${PTLC:-build/ptlc}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
problem() { echo "[FAIL] $1"; fail=$((fail + 1)); }

for tool in xgettext msgfmt msgmerge msgattrib msgcat jq; do
    command -v $tool >/dev/null 2>&1 || { echo "po: $tool is needed (make deps)" >&2; exit 2; }
done

# keys FILE.po: one line per message, "msgctxt<TAB>msgid" as in the .mo
keys() {
    msgcat --no-wrap --sort-output --force-po "$1" 2>/dev/null | awk '
        function unq(s) { sub(/^"/, "", s); sub(/"$/, "", s); return s }
        /^msgctxt / { ctx = unq(substr($0, 9)); next }
        /^msgid / { id = unq(substr($0, 7)); inid = 1; next }
        /^msgid_plural / || /^msgstr/ { if (inid && id != "") print ctx "\t" id; inid = 0; ctx = ""; next }
        /^"/ && inid { id = id unq($0); next }'
}

# ----- 1. the template is current -----
if ! sh tools/xgettext.sh "$tmp/fresh.pot"; then
    problem "tools/xgettext.sh failed"
else
    keys "$tmp/fresh.pot" | sort >"$tmp/fresh.keys"
    keys po/ptlc.pot | sort >"$tmp/pot.keys"
    comm -23 "$tmp/fresh.keys" "$tmp/pot.keys" >"$tmp/new"
    comm -13 "$tmp/fresh.keys" "$tmp/pot.keys" >"$tmp/gone"
    if [ -s "$tmp/new" ] || [ -s "$tmp/gone" ]; then
        sed 's/^/    not in po\/ptlc.pot: /' "$tmp/new" | head -20
        sed 's/^/    no longer in the sources: /' "$tmp/gone" | head -20
        problem "po/ptlc.pot is out of date ($(wc -l <"$tmp/new") new, $(wc -l <"$tmp/gone") gone): run 'make po'"
    else
        ok
    fi
fi

# ----- 2. every message translated -----
if [ -f "$tmp/fresh.pot" ]; then
    msgmerge --quiet --no-wrap -o "$tmp/merged.po" po/zh_CN.po "$tmp/fresh.pot" 2>"$tmp/merge.err" \
        || problem "msgmerge failed: $(head -n 1 "$tmp/merge.err")"
    msgattrib --no-wrap --no-obsolete --untranslated "$tmp/merged.po" | keys /dev/stdin >"$tmp/untranslated"
    msgattrib --no-wrap --no-obsolete --only-fuzzy "$tmp/merged.po" | keys /dev/stdin >"$tmp/fuzzy"
    if [ -s "$tmp/untranslated" ] || [ -s "$tmp/fuzzy" ]; then
        sed 's/^/    untranslated: /' "$tmp/untranslated" | head -20
        sed 's/^/    fuzzy: /' "$tmp/fuzzy" | head -20
        problem "po/zh_CN.po: $(wc -l <"$tmp/untranslated") untranslated, $(wc -l <"$tmp/fuzzy") fuzzy (run 'make po', translate, drop the fuzzy marks)"
    else
        ok
    fi
fi

# ----- 3. the same % arguments -----
if msgfmt --check -o /dev/null po/zh_CN.po 2>"$tmp/msgfmt.err"; then
    ok
else
    sed 's/^/    /' "$tmp/msgfmt.err" | head -20
    problem "msgfmt --check rejects po/zh_CN.po"
fi

# ----- 4. the language chosen -----
lang_of() {     # lang_of ENV...: zh or en, as a usage error says it
    if env -u LC_ALL -u LC_MESSAGES -u LANG "$@" $PTLC 2>&1 | grep -q '没有给出命令'; then
        echo zh
    else
        echo en
    fi
}
for case in "zh LANG=zh_CN.UTF-8" "en LANG=C.UTF-8" "en LANG=en_US.UTF-8" \
            "zh LC_MESSAGES=zh_CN.UTF-8 LANG=C" "en LC_MESSAGES=C LANG=zh_CN.UTF-8" \
            "en LC_ALL=C LC_MESSAGES=zh_CN.UTF-8" "zh LC_ALL=zh_TW.UTF-8 LANG=C" \
            "zh LC_ALL= LANG=zh_CN.UTF-8" "en"; do
    want=${case%% *}
    envs=${case#"$want"}
    got=$(lang_of $envs)
    if [ "$got" = "$want" ]; then ok; else problem "with$envs the messages are $got, not $want"; fi
done
if env LANG=zh_CN.UTF-8 $PTLC --lang en 2>&1 | grep -q 'no command given' \
   && env LC_ALL=C $PTLC --lang zh 2>&1 | grep -q '没有给出命令'; then
    ok
else
    problem "--lang does not win over the locale"
fi

# ----- 5. no diagnostic left in English -----
# An English sentence: two English words of three letters or more in a row
# (names in the inputs are Chinese; rule, option and keyword names are
# single words or quoted). Allowed: what is code, quoted in '…' or `…`.
english_left() {
    sed "s/'[^']*'//g; s/\`[^\`]*\`//g" | grep -E '[A-Za-z]{3,}[ ,;:]+[A-Za-z]{3,}'
}
: >"$tmp/left"
for f in $(find tests/golden -name '*.ptl' | sort); do
    [ -f "${f%.ptl}.args" ] && continue
    $PTLC check --lang en --no-settings --diagnostics=json "$f" 2>"$tmp/en.json" >/dev/null
    $PTLC check --lang zh --no-settings --diagnostics=json "$f" 2>"$tmp/zh.json" >/dev/null
    jq -r '.diagnostics[] | (.message, .notes[].message)' "$tmp/en.json" >"$tmp/en.txt" 2>/dev/null || continue
    jq -r '.diagnostics[] | (.message, .notes[].message)' "$tmp/zh.json" >"$tmp/zh.txt" 2>/dev/null || continue
    paste -d '\t' "$tmp/en.txt" "$tmp/zh.txt" | awk -F '\t' -v f="$f" '$1 == $2 && $1 ~ /[A-Za-z]{3,} [A-Za-z]{3,}/ { print f ": " $2 }' >>"$tmp/left"
    english_left <"$tmp/zh.txt" | sed "s|^|$f: |" >>"$tmp/left"
done
if [ -s "$tmp/left" ]; then
    sort -u "$tmp/left" | head -20 | sed 's/^/    /'
    problem "$(sort -u "$tmp/left" | wc -l) Chinese diagnostics are still English (a string the catalog never sees)"
else
    ok
fi

echo "po: $pass passed, $fail failed"
[ $fail -eq 0 ]
