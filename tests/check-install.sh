#!/bin/sh
# check-install.sh: `make install` puts the program, the man pages, the
# rule docs, the Vim/Neovim runtime files, the Emacs mode and the bash
# completion where each tool looks for them, and `make uninstall` removes
# every one of them and nothing else; the completion completes commands,
# options, their values and rule names.
PTLC=${PTLC:-build/ptlc}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "[FAIL] $1"; }
root=$tmp/root
mkdir -p "$root/usr/local/share/keep"
echo mine >"$root/usr/local/share/keep/not-ptlc"
make -s --no-print-directory install DESTDIR="$root" PREFIX=/usr/local >"$tmp/install.log" 2>&1 ||
    { no "make install failed"; cat "$tmp/install.log"; }
for f in bin/ptlc share/man/man1/ptlc.1 share/man/zh_CN/man1/ptlc.1 share/doc/ptlc/rules/unknown-unit.md \
         share/vim/vimfiles/ftdetect/ptl.vim share/vim/vimfiles/syntax/ptl.vim \
         share/vim/vimfiles/compiler/ptlc.vim share/nvim/site/ftdetect/ptl.vim \
         share/emacs/site-lisp/ptl-mode.el share/bash-completion/completions/ptlc; do
    [ -f "$root/usr/local/$f" ] && ok || no "not installed: $f"
done
if command -v npm >/dev/null; then
    [ -f "$root/usr/local/share/ptlc/ptl.vsix" ] && ok || no "not installed: the VS Code package (npm is there)"
fi
[ -x "$root/usr/local/bin/ptlc" ] && "$root/usr/local/bin/ptlc" --version >/dev/null && ok || no "the installed ptlc does not run"
n=$(wc -l <"$root/usr/local/share/ptlc/installed")
[ "$n" -gt 90 ] && ok || no "the install list has $n files"
# the completion, as bash-completion would load it
comp() {    # comp WORD... : the candidates for the last word
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ptlc; printf "%s\n" "${COMPREPLY[@]}"' \
        comp "$root/usr/local/share/bash-completion/completions/ptlc" "$@" | sort | tr '\n' ' '
}
PATH=$root/usr/local/bin:$PATH
export PATH
[ "$(comp ptlc ch)" = "check " ] && ok || no "ptlc ch<TAB>: '$(comp ptlc ch)'"
case "$(comp ptlc check --col)" in "--color --column-unit ") ok ;; *) no "check --col<TAB>: '$(comp ptlc check --col)'" ;; esac
[ "$(comp ptlc check --column-unit b)" = "byte " ] && ok || no "--column-unit b<TAB>"
case "$(comp ptlc check --allow unknown-u)" in "unknown-unit "*) ok ;; *) no "--allow unknown-u<TAB>: '$(comp ptlc check --allow unknown-u)'" ;; esac
[ "$(comp ptlc import --keywords z)" = "zh " ] && ok || no "import --keywords z<TAB>"
make -s --no-print-directory uninstall DESTDIR="$root" PREFIX=/usr/local >"$tmp/uninstall.log" 2>&1 ||
    { no "make uninstall failed"; cat "$tmp/uninstall.log"; }
left=$(cd "$root" && find . -type f | sort | tr '\n' ' ')
[ "$left" = "./usr/local/share/keep/not-ptlc " ] && ok || no "after uninstall: $left"
[ ! -d "$root/usr/local/share/vim" ] && [ ! -d "$root/usr/local/bin" ] && ok || no "uninstall left empty directories"
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
