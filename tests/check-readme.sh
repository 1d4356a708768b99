#!/bin/sh
# check-readme.sh [DOC]: the examples of a document (README.md unless DOC is
# given; docs/教程.md too) do what it says. Marked blocks (an HTML comment
# on the line before the fence) are run, in the order they come:
#   <!-- test: file NAME -->          the block is written to NAME in a
#                                     scratch directory (work/)
#   <!-- test: contents of NAME -->   the file NAME in work/ (as a command
#                                     left it) is exactly the block
#   <!-- test: stderr of ARGS -->     `ptlc ARGS --no-settings` run in work/
#                                     prints the block on stderr, whose last
#                                     line is "exit N" for its status
#   <!-- test: commands -->           each "$ " line is run with sh in a
#                                     directory with examples/ and an empty
#                                     out/, as after `make demo` (build/ptlc
#                                     meaning $PTLC), and prints on stdout
#                                     exactly the lines that follow it
#   <!-- test: session -->            each "$ " line is run with sh in work/,
#                                     where `ptlc` is $PTLC, and prints
#                                     exactly the lines that follow it, its
#                                     standard output and error together as
#                                     a terminal shows them
# and, on a line of its own before the first block,
#   <!-- test: locale NAME -->        run everything with LC_ALL=NAME (C by
#                                     default), so a document in Chinese can
#                                     show ptlc's Chinese messages
# Everything runs with NO_COLOR and SOURCE_DATE_EPOCH in 2026. UPDATE=1
# writes what each command prints (and each file shown) into the document
# instead: review the change with git diff.
# Prints one line per failure, then "NAME: N passed, M failed".
PTLC=${PTLC:-build/ptlc}
case $PTLC in /*) ;; *) PTLC=$(pwd)/$PTLC ;; esac
doc=${1:-README.md}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work" "$tmp/blocks" "$tmp/root" "$tmp/root/out" "$tmp/bin"
ln -s "$(pwd)/examples" "$tmp/root/examples"
# `ptlc` as the document's reader types it, after `make install`
printf '#!/bin/sh\nexec %s "$@"\n' "$PTLC" >"$tmp/bin/ptlc"
chmod +x "$tmp/bin/ptlc"
LC_ALL=$(sed -n 's/^<!-- test: locale \(.*\) -->$/\1/p' "$doc" | head -1)
LC_ALL=${LC_ALL:-C}
NO_COLOR=1
# the year `ptlc new` writes (2026), whatever day the test runs
SOURCE_DATE_EPOCH=1780000000
export LC_ALL NO_COLOR SOURCE_DATE_EPOCH

# Each marked block to $tmp/blocks/N.body, its marker to N.mark.
# A block that shows backticks is fenced with more of them (````): it ends
# at a fence at least as long, as Markdown reads it.
awk -v out="$tmp/blocks" '
    /^<!-- test: locale .* -->$/ { next }
    /^<!-- test: .* -->$/ { mark = $0; sub(/^<!-- test: /, "", mark); sub(/ -->$/, "", mark);
                            pending = 1; next }
    pending && /^```/ { n++; inb = 1; pending = 0; fence = $0; sub(/[^`].*$/, "", fence);
                        printf "%s\n", mark > (out "/" n ".mark"); printf "%d\n", NR > (out "/" n ".at");
                        printf "" > (out "/" n ".body"); next }
    inb && index($0, fence) == 1 && $0 ~ /^`+[ \t]*$/ { inb = 0; next }
    inb { print > (out "/" n ".body") }
    pending && !/^$/ { pending = 0 }' "$doc"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[FAIL] $doc: $1"; }

# run_lines N DIR WHAT: the "$ " lines of block N, each run with sh in DIR
# and compared with the lines after it (WHAT: stdout, or both streams)
run_lines() {
    n=$1 dir=$2 what=$3
    awk -v out="$tmp/$n" '
        /^\$ / { k++; sub(/^\$ /, ""); print > (out ".cmd." k); printf "" > (out ".want." k); next }
        k { print > (out ".want." k) }' "$tmp/blocks/$n.body"
    k=1
    : >"$tmp/blocks/$n.new"
    while [ -e "$tmp/$n.cmd.$k" ]; do
        c="$tmp/$n.cmd.$k"
        cmd=$(sed "s|build/ptlc|$PTLC|g" "$c")
        if [ "$what" = both ]; then
            (cd "$dir" && PATH="$tmp/bin:$PATH" sh -c "$cmd") >"$tmp/$n.got.$k" 2>&1
        else
            (cd "$dir" && sh -c "$cmd") >"$tmp/$n.got.$k" 2>/dev/null
        fi
        { printf '$ '; cat "$c" "$tmp/$n.got.$k"; } >>"$tmp/blocks/$n.new"
        if cmp -s "$tmp/$n.want.$k" "$tmp/$n.got.$k"; then ok; else
            bad "'$(cat "$c")' prints otherwise than $doc shows:"
            diff "$tmp/$n.want.$k" "$tmp/$n.got.$k" | head -10
        fi
        k=$((k + 1))
    done
}

# in the document's order: a later block may use a file an earlier one wrote
n=1
while [ -e "$tmp/blocks/$n.mark" ]; do
    body="$tmp/blocks/$n.body"
    mark=$(cat "$tmp/blocks/$n.mark")
    case $mark in
    "file "*)
        cp "$body" "$tmp/work/${mark#file }"
        cp "$body" "$tmp/blocks/$n.new"
        ok
        ;;
    "contents of "*)
        name=${mark#contents of }
        cp "$tmp/work/$name" "$tmp/blocks/$n.new" 2>/dev/null
        if cmp -s "$body" "$tmp/work/$name"; then ok; else
            bad "$name is otherwise than $doc shows:"
            diff "$body" "$tmp/work/$name" 2>&1 | head -10
        fi
        ;;
    "stderr of "*)
        args=${mark#stderr of }
        (cd "$tmp/work" && $PTLC $args --no-settings >/dev/null 2>"$tmp/$n.got"; echo "exit $?" >>"$tmp/$n.got")
        cp "$tmp/$n.got" "$tmp/blocks/$n.new"
        if cmp -s "$body" "$tmp/$n.got"; then ok; else
            bad "'ptlc $args' prints otherwise than $doc shows:"
            diff "$body" "$tmp/$n.got" | head -10
        fi
        ;;
    commands)
        run_lines "$n" "$tmp/root" stdout
        ;;
    session)
        run_lines "$n" "$tmp/work" both
        ;;
    *)
        bad "unknown marker '$mark'"
        ;;
    esac
    n=$((n + 1))
done
if [ -n "$UPDATE" ]; then
    # each block's lines replaced by its .new, from the last block up, so
    # the line numbers of the ones above stay right
    n=$((n - 1))
    cp "$doc" "$tmp/doc"
    while [ $n -ge 1 ]; do
        if [ -e "$tmp/blocks/$n.new" ]; then
            at=$(cat "$tmp/blocks/$n.at")
            len=$(wc -l <"$tmp/blocks/$n.body")
            awk -v at="$at" -v len="$len" -v new="$tmp/blocks/$n.new" '
                NR == at + 1 { while ((getline l < new) > 0) print l }
                NR > at && NR <= at + len { next }
                { print }' "$tmp/doc" >"$tmp/doc.new" && mv "$tmp/doc.new" "$tmp/doc"
        fi
        n=$((n - 1))
    done
    cmp -s "$tmp/doc" "$doc" || { cp "$tmp/doc" "$doc"; echo "updated $doc: review it with git diff"; }
    exit 0
fi
case $doc in README.md) label=readme ;; *) label=$(basename "$doc" .md) ;; esac
echo "$label: $pass passed, $fail failed"
[ $fail -eq 0 ]
