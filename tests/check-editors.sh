#!/bin/sh
# check-editors.sh: the editor grammars know every keyword the scanner
# knows (src/lex.c's keyword table), so the three cannot drift apart, and
# the VS Code files are valid JSON. (tests/check-vscode.sh runs the VS Code
# grammar in VS Code's own tokenizer and packages the extension; it needs
# Node.js and the npm registry.)
. tests/lib.sh
keywords=$(sed -n '/^static const struct { const char \*en, \*zh; int tok; } keywords/,/^};/p' src/lex.c |
           grep -o '{"[^"]*", "[^"]*"' | tr -d '{",')
[ -n "$keywords" ] || { echo "[FAIL] no keywords found in src/lex.c"; fail=1; }
for k in $keywords; do
    check "vim knows '$k'" grep -qw -- "$k" editors/vim/syntax/ptl.vim
    check "vscode knows '$k'" grep -q -- "$k" editors/vscode/syntaxes/ptl.tmLanguage.json
done
for f in editors/vscode/package.json editors/vscode/language-configuration.json \
         editors/vscode/syntaxes/ptl.tmLanguage.json editors/vscode/snippets/ptl.json \
         editors/vscode/package-lock.json editors/vscode/test/package.json \
         editors/vscode/test/package-lock.json; do
    check "$f is JSON" jq -e . "$f"
done
echo "editors: $pass passed, $fail failed"
[ $fail -eq 0 ]
