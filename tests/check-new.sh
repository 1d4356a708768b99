#!/bin/sh
# check-new.sh: `ptlc new` as a new user meets it. Each template, in both
# keyword languages, named and unnamed, is written with -o and checked: it
# reports exactly the findings (severity[rule]) its own comments name, and
# nothing its comments do not name; an evaluation is checked alone and with
# the project table of the same name. Writing is printing to a file; an
# existing file is never replaced (typed twice, the command loses nothing);
# the keyword language follows --keywords, the kind's spelling and --lang;
# the year follows --year and SOURCE_DATE_EPOCH; both languages make the
# same model. Prints one line per failure and "new: N passed, M failed".
PTLC=${PTLC:-build/ptlc}
. tests/lib.sh
if [ -x "$PTLC" ]; then
    case $PTLC in /*) ;; *) PTLC=$(pwd)/$PTLC ;; esac
fi
command -v jq >/dev/null 2>&1 || { echo "new: jq is needed" >&2; exit 2; }
LC_ALL=C
NO_COLOR=1
export LC_ALL NO_COLOR
unset SOURCE_DATE_EPOCH LANG LC_MESSAGES
cd "$tmp" || exit 2

# findings FILE...: the severity[rule] of each finding in the first FILE
# when the FILEs are checked together, sorted, one per line
findings() {
    $PTLC check --no-settings "$@" 2>&1 >/dev/null |
        sed -n "s/^$1:[0-9]*:[0-9]*: \\(error\\|warning\\)\\[\\([a-z-]*\\)\\]: .*/\\1[\\2]/p" | sort
}
# documented FILE: the severity[rule] its comment lines name, sorted
documented() {
    grep '^ *//' "$1" | grep -o '\(error\|warning\)\[[a-z-]*\]' | sort -u
}
same() { # same WHAT WANT GOT
    [ "$2" = "$3" ] || { printf '%s: wanted [%s], got [%s]\n' "$1" "$2" "$3"; return 1; }
}

# template_case KIND LANG NAME|"" WANT-ALONE [WANT-WITH-ITS-TABLE]
# (variables t_*: check() keeps its own $name)
template_case() {
    t_kind=$1 t_lang=$2 t_name=$3 alone=$4 with=$5
    f=$t_kind-$t_lang${t_name:+-named}.ptl
    rm -f "$f"
    if [ -n "$t_name" ]; then
        $PTLC new "$t_kind" "$t_name" --keywords "$t_lang" -o "$f" 2>"$f.err" || { cat "$f.err"; return 1; }
    else
        $PTLC new "$t_kind" --keywords "$t_lang" -o "$f" 2>"$f.err" || { cat "$f.err"; return 1; }
    fi
    same "$f alone" "$alone" "$(findings "$f" | tr '\n' ' ')" || return 1
    doc="$alone"
    if [ "$t_kind" = evaluation ]; then
        $PTLC new project ${t_name:+"$t_name"} --keywords "$t_lang" -o "target-$f" 2>/dev/null || return 1
        same "$f with its table" "$with" "$(findings "$f" "target-$f" | tr '\n' ' ')" || return 1
        doc=$(printf '%s\n' $alone $with | sort -u | tr '\n' ' ')
    fi
    same "$f: the findings its comments name" "$doc" "$(documented "$f" | tr '\n' ' ')"
}
for lang in zh en; do
    check "department $lang, named" template_case department $lang 示例单位 ""
    check "department $lang, unnamed" template_case department $lang "" "error[placeholder] "
    check "project $lang, named" template_case project $lang 示例项目 ""
    check "project $lang, unnamed" template_case project $lang "" "error[placeholder] "
    check "evaluation $lang, named" \
        template_case evaluation $lang 示例项目 "error[evaluation-target] " ""
    check "evaluation $lang, unnamed" \
        template_case evaluation $lang "" "error[evaluation-target] " ""
done

# -o writes what the command prints, and says what to do next
printed_is_written() {
    rm -f p.ptl
    $PTLC new 项目 培训项目 -o p.ptl 2>p.err && $PTLC new 项目 培训项目 >p.out &&
        cmp p.ptl p.out && grep -qF 'ptlc: wrote p.ptl; fill it in, then run: ptlc check p.ptl' p.err
}
check "-o writes what is printed" printed_is_written

# typed twice, nothing is lost: the table filled in since stays as it is
twice() {
    rm -f t.ptl
    $PTLC new 项目 培训项目 -o t.ptl 2>/dev/null || return 1
    echo '// 已经填好的内容' >>t.ptl
    cp t.ptl kept
    $PTLC new 项目 培训项目 -o t.ptl 2>t.err
    rc=$?
    [ $rc -eq 2 ] || { echo "exit $rc, wanted 2"; return 1; }
    cmp t.ptl kept || return 1
    grep -qF "not writing 't.ptl': it already exists, and is kept as it is" t.err || { cat t.err; return 1; }
    [ "$(ls -a | grep -c '^t\.ptl\.')" -eq 0 ] || { echo "a temporary file is left:"; ls -a; return 1; }
}
check "an existing file is never replaced" twice

# nor through a symbolic link, nor when it is a directory
through_link() {
    rm -rf l.ptl target.ptl d.ptl
    echo '// mine' >target.ptl
    ln -s target.ptl l.ptl
    $PTLC new 部门 -o l.ptl 2>/dev/null && return 1
    [ "$(cat target.ptl)" = "// mine" ] && [ -L l.ptl ] || return 1
    mkdir d.ptl
    $PTLC new 部门 -o d.ptl 2>/dev/null
    [ $? -eq 2 ] && [ -d d.ptl ] && [ -z "$(ls d.ptl)" ]
}
check "a link's file and a directory are kept" through_link

# a dangling link inside the directory is a new file where it leads
dangling_link() {
    rm -f dl.ptl new-target.ptl
    ln -s new-target.ptl dl.ptl
    $PTLC new 部门 示例单位 -o dl.ptl 2>/dev/null && [ -L dl.ptl ] && grep -q '^部门 "示例单位" {' new-target.ptl
}
check "a dangling link is written through" dangling_link

# the keyword language: --keywords, else the kind's spelling, else --lang
# and the locale
first_table_line() { grep -v '^//' | grep -v '^$' | head -1; }
keywords_follow() {
    same "new 项目" '项目 "X" {' "$($PTLC new 项目 X | first_table_line)" &&
    same "new project" 'project "X" {' "$($PTLC new project X | first_table_line)" &&
    same "new project --lang zh" '项目 "X" {' "$($PTLC new project X --lang zh | first_table_line)" &&
    same "LANG=zh_CN.UTF-8 new project" '项目 "X" {' \
        "$(env -u LC_ALL LANG=zh_CN.UTF-8 $PTLC new project X | first_table_line)" &&
    same "new 项目 --keywords en" 'project "X" {' \
        "$($PTLC new 项目 X --keywords en | first_table_line)" &&
    same "new 自评" '自评 "X" {' "$($PTLC new 自评 X | first_table_line)" &&
    same "new 部门" '部门 "X" {' "$($PTLC new 部门 X | first_table_line)"
}
check "the keyword language" keywords_follow

# the year: --year, else SOURCE_DATE_EPOCH's, else the clock's
year_line() { grep -m1 -o '^    \(年度\|year\) [0-9]*'; }
year_follows() {
    same "--year" "    年度 2031" "$($PTLC new 项目 X --year 2031 | year_line)" &&
    same "SOURCE_DATE_EPOCH" "    年度 2026" \
        "$(SOURCE_DATE_EPOCH=1780000000 $PTLC new 项目 X | year_line)" &&
    same "--year over SOURCE_DATE_EPOCH" "    年度 2030" \
        "$(SOURCE_DATE_EPOCH=1780000000 $PTLC new 项目 X --year 2030 | year_line)" &&
    same "the clock" "    年度 $(date +%Y)" "$($PTLC new 项目 X | year_line)"
}
check "the year" year_follows

# both keyword languages make the same tables and evaluation
same_model() {
    for lang in zh en; do
        $PTLC new project 示例项目 --keywords $lang --year 2026 >p.$lang.ptl &&
        $PTLC new evaluation 示例项目 --keywords $lang --year 2026 >e.$lang.ptl &&
        $PTLC new department 示例单位 --keywords $lang --year 2026 >d.$lang.ptl &&
        $PTLC build --no-settings --format json p.$lang.ptl e.$lang.ptl d.$lang.ptl |
            jq -S 'del(.. | .file?, .line?, .column?, .end_line?, .end_column?)' >model.$lang.json ||
            return 1
    done
    cmp model.zh.json model.en.json || { diff model.zh.json model.en.json | head; return 1; }
}
check "zh and en make the same model" same_model

# the evaluation of the tutorial's arithmetic: 98.77, 优
evaluation_scores() {
    $PTLC new project 示例项目 --year 2026 >p.ptl && $PTLC new evaluation 示例项目 --year 2026 >e.ptl &&
        same "summary" '"98.77 优 98.77 优"' "$($PTLC build --no-settings --format json p.ptl e.ptl |
            jq '.evaluations[0].summary | "\(.total) \(.grade) \(.written_total) \(.written_grade)"')"
}
check "the evaluation template's scores are ptlc's" evaluation_scores

echo "new: $pass passed, $fail failed"
[ $fail -eq 0 ]
