#!/bin/sh
# seeds.sh NAME DIR: fills DIR with the seed corpus of harness NAME: every
# .ptl of examples/, tests/golden/, tests/real/ and tests/hostile/, and the harness's
# regression inputs (import's: the text exports of its tests). fmt's seeds come three times, with the keywords
# byte of fuzz_fmt.c first. Emitter harnesses read an options byte first (fuzz.h),
# so each of their seeds is written twice, without and with --allow-errors
# (and, for csv, a file with an evaluation twice more, as the evaluation
# tables: the options byte's bits 3.. pick the table).
# Run from the repository root.
name=$1
dir=$2
mkdir -p "$dir"
i=0
for f in $(find examples tests/golden tests/real tests/hostile -name '*.ptl' -type f | sort); do
    i=$((i + 1))
    case $name in
    check|settings|fix)
        cp "$f" "$dir/seed-$i"
        ;;
    fmt)
        # the keywords as written, in English, in Chinese (fuzz_fmt.c)
        { printf '\000'; cat "$f"; } >"$dir/seed-$i-a"
        { printf '\001'; cat "$f"; } >"$dir/seed-$i-b"
        { printf '\002'; cat "$f"; } >"$dir/seed-$i-c"
        ;;
    *)
        { printf '\000'; cat "$f"; } >"$dir/seed-$i-a"
        { printf '\007'; cat "$f"; } >"$dir/seed-$i-b"
        # a file with an evaluation, for csv also as its two tables
        # (--table evaluations, then evaluation-totals with --allow-errors)
        if [ "$name" = csv ] && grep -q '^evaluation ' "$f"; then
            { printf '\040'; cat "$f"; } >"$dir/seed-$i-c"
            { printf '\051'; cat "$f"; } >"$dir/seed-$i-d"
        fi
        ;;
    esac
done
if [ "$name" = settings ]; then
    for f in $(find tests/golden -name ptlc.settings -type f | sort); do
        i=$((i + 1))
        cp "$f" "$dir/seed-$i"
    done
fi
# import reads text exports, not .ptl: its seeds are the exports of the tests
# and the real corpus beside the checkout, when it is there
if [ "$name" = import ]; then
    rm -f "$dir"/seed-*
    for f in $(find tests/import tests/golden/import -name '*.txt' -type f | sort) \
             $(ls ../shared/real/[0-9]*.txt 2>/dev/null); do
        i=$((i + 1))
        cp "$f" "$dir/seed-$i"
    done
fi
if [ -d "tests/fuzz/regressions/$name" ]; then
    cp tests/fuzz/regressions/"$name"/* "$dir"/ 2>/dev/null
fi
exit 0
