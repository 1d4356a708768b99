#!/bin/sh
# run-golden.sh: golden-file tests, cproc style. The expectation's extension
# picks the mode:
#   NAME.err   stderr of `ptlc check INPUT`, then a line "exit: N"
#   NAME.json  stdout of `ptlc build --format json -o - INPUT` (exit must be 0)
#   NAME.out   stdout of the command in NAME.args, then a line "exit: N"
# INPUT is NAME.ptl, else the directory NAME/ (multi-file programs); a file
# NAME.args replaces the whole command line (for usage and I/O tests).
# UPDATE=1 rewrites the expectations instead; review the diff in git.
# Runs from the repository root so paths in messages are stable.
PTLC=${PTLC:-build/ptlc}   # may carry a wrapper: "valgrind -q build/ptlc"
LC_ALL=C
NO_COLOR=1
export LC_ALL NO_COLOR
unset COLOR
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
failed=""

run_case() {
    exp=$1
    base=${exp%.*}
    mode=${exp##*.}
    if [ -f "$base.args" ]; then
        set -- $(cat "$base.args")
    elif [ -f "$base.ptl" ]; then
        set -- "$base.ptl"
    else
        set -- "$base"
    fi
    case $mode in
    err)
        if [ -f "$base.args" ]; then
            $PTLC "$@" >/dev/null 2>"$tmp/actual"
        else
            $PTLC check "$@" >/dev/null 2>"$tmp/actual"
        fi
        echo "exit: $?" >>"$tmp/actual"
        ;;
    out)
        $PTLC "$@" >"$tmp/actual" 2>/dev/null
        echo "exit: $?" >>"$tmp/actual"
        ;;
    json)
        if [ -f "$base.args" ]; then
            $PTLC "$@" >"$tmp/actual" 2>"$tmp/stderr"
        else
            $PTLC build --format json -o - "$@" >"$tmp/actual" 2>"$tmp/stderr"
        fi
        rc=$?
        if [ $rc -ne 0 ]; then
            echo "[FAIL] $exp: exit $rc"
            cat "$tmp/stderr"
            return 1
        fi
        ;;
    esac
    if [ -n "$UPDATE" ]; then
        cp "$tmp/actual" "$exp"
        return 0
    fi
    if diff -u "$exp" "$tmp/actual" >"$tmp/diff"; then
        return 0
    fi
    echo "[FAIL] $exp"
    cat "$tmp/diff"
    return 1
}

for exp in $(find tests/golden -type f \( -name '*.err' -o -name '*.json' -o -name '*.out' \) | sort); do
    if run_case "$exp"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        failed="$failed $exp"
    fi
done

echo "golden: $pass passed, $fail failed"
if [ $fail -ne 0 ]; then
    for f in $failed; do echo "  failed: $f"; done
    exit 1
fi
