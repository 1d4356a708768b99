# lib.sh: what the shell test scripts share; sourced, not run.
# Sets $tmp (a directory removed on exit), $pass and $fail, and check():
#   check NAME COMMAND...   runs COMMAND; counts a pass, or a failure shown
#                           with NAME and the command's output.
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

check() {
    name=$1
    shift
    if "$@" >"$tmp/log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "[FAIL] $name"
        cat "$tmp/log"
    fi
}
