#!/bin/sh
# check-editors.sh: the editor grammars know every keyword the scanner
# knows (src/lex.c's keyword table), so the three cannot drift apart; the
# Vim files are there, and their ftdetect and compiler do what Vim needs;
# and the VS Code files are valid JSON. (tests/check-vscode.sh runs the VS Code
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
# Vim: ftdetect must beat Vim's and Neovim's own *.ptl -> python (a
# `setfiletype` loses to it), and :make must ask for byte columns, Vim's
# (tests/check-vim.sh runs them in Vim and Neovim)
check "vim ftdetect sets the filetype outright" grep -q 'set filetype=ptl' editors/vim/ftdetect/ptl.vim
check "vim ftdetect does not use setfiletype" sh -c '! grep -q "^[^\"]*setf" editors/vim/ftdetect/ptl.vim'
check "vim compiler asks for byte columns" grep -q -- '--column-unit byte' editors/vim/compiler/ptlc.vim
for f in editors/vim/ftdetect/ptl.vim editors/vim/syntax/ptl.vim editors/vim/indent/ptl.vim \
         editors/vim/ftplugin/ptl.vim editors/vim/compiler/ptlc.vim editors/vim/autoload/ptl.vim; do
    check "$f exists" test -s "$f"
done
for f in editors/vscode/package.json editors/vscode/language-configuration.json \
         editors/vscode/syntaxes/ptl.tmLanguage.json editors/vscode/snippets/ptl.json \
         editors/vscode/package-lock.json editors/vscode/test/package.json \
         editors/vscode/test/package-lock.json; do
    check "$f is JSON" jq -e . "$f"
done
echo "editors: $pass passed, $fail failed"
[ $fail -eq 0 ]
