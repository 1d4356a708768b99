#!/bin/sh
# check-readme.sh: the README's examples do what the README says. Marked
# blocks (an HTML comment on the line before the fence) are run:
#   <!-- test: file NAME -->          the block is written to NAME in a
#                                     scratch directory
#   <!-- test: stderr of ARGS -->     `ptlc ARGS --no-settings` run there
#                                     prints the block on stderr, whose last
#                                     line is "exit N" for its status
#   <!-- test: commands -->           each "$ " line is run with sh in a
#                                     directory with examples/ and an empty
#                                     out/, as after `make demo` (build/ptlc
#                                     meaning $PTLC), and prints on stdout
#                                     exactly the lines that follow it
# Prints one line per failure, then "readme: N passed, M failed".
PTLC=${PTLC:-build/ptlc}
case $PTLC in /*) ;; *) PTLC=$(pwd)/$PTLC ;; esac
doc=README.md
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work" "$tmp/blocks" "$tmp/root" "$tmp/root/out"
ln -s "$(pwd)/examples" "$tmp/root/examples"
LC_ALL=C
NO_COLOR=1
export LC_ALL NO_COLOR

# Each marked block to $tmp/blocks/N.body, its marker to N.mark.
awk -v out="$tmp/blocks" '
    /^<!-- test: .* -->$/ { mark = $0; sub(/^<!-- test: /, "", mark); sub(/ -->$/, "", mark);
                            pending = 1; next }
    pending && /^```/ { n++; inb = 1; pending = 0; printf "%s\n", mark > (out "/" n ".mark");
                        printf "" > (out "/" n ".body"); next }
    inb && /^```/ { inb = 0; next }
    inb { print > (out "/" n ".body") }
    pending && !/^$/ { pending = 0 }' "$doc"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[FAIL] $doc: $1"; }

for m in "$tmp"/blocks/*.mark; do
    [ -e "$m" ] || continue
    n=$(basename "$m" .mark)
    body="$tmp/blocks/$n.body"
    mark=$(cat "$m")
    case $mark in
    "file "*)
        cp "$body" "$tmp/work/${mark#file }"
        ok
        ;;
    "stderr of "*)
        args=${mark#stderr of }
        (cd "$tmp/work" && $PTLC $args --no-settings >/dev/null 2>"$tmp/$n.got"; echo "exit $?" >>"$tmp/$n.got")
        if cmp -s "$body" "$tmp/$n.got"; then ok; else
            bad "'ptlc $args' prints otherwise than the README shows:"
            diff "$body" "$tmp/$n.got" | head -10
        fi
        ;;
    commands)
        # split into $tmp/$n.cmd.K and $tmp/$n.want.K
        awk -v out="$tmp/$n" '
            /^\$ / { k++; sub(/^\$ /, ""); print > (out ".cmd." k); printf "" > (out ".want." k); next }
            k { print > (out ".want." k) }' "$body"
        for c in "$tmp/$n".cmd.*; do
            k=${c##*.}
            cmd=$(sed "s|build/ptlc|$PTLC|g" "$c")
            (cd "$tmp/root" && sh -c "$cmd") >"$tmp/$n.got.$k" 2>/dev/null
            if cmp -s "$tmp/$n.want.$k" "$tmp/$n.got.$k"; then ok; else
                bad "'$(cat "$c")' prints otherwise than the README shows:"
                diff "$tmp/$n.want.$k" "$tmp/$n.got.$k" | head -5
            fi
        done
        ;;
    *)
        bad "unknown marker '$mark'"
        ;;
    esac
done
echo "readme: $pass passed, $fail failed"
[ $fail -eq 0 ]
