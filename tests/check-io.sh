#!/bin/sh
# check-io.sh: ptlc at the file system edge. Tables come from pull requests
# anyone can open and are checked on CI machines, so a table's author must
# not be able to make ptlc read outside the checked directory, hang, or
# print a file's secrets; and a build must not destroy what its -o names
# (a device, an input, a link, a file's permissions, a user's own pages),
# even when it is killed. Each case builds its own file tree under $tmp and
# asserts on what ptlc printed, what it exited with and what is on disk.
PTLC=${PTLC:-build/ptlc}
. tests/lib.sh
# every FIFO reader and writer below is under timeout: a broken ptlc fails
# the case instead of hanging the suite
# some cases run in another directory: a plain binary path is made absolute
if [ -x "$PTLC" ]; then
    case $PTLC in /*) ;; *) PTLC=$(pwd)/$PTLC ;; esac
fi
chmod 755 "$tmp"     # the unreadable-file case runs ptlc as nobody
# nobody runs a copy inside $tmp: the checkout's own build/ptlc may sit in
# a directory only root can enter (a clone under mktemp -d's 0700)
NOBODY_PTLC=$PTLC
if [ -f "$PTLC" ]; then
    install -m 755 "$PTLC" "$tmp/ptlc-for-nobody" && NOBODY_PTLC=$tmp/ptlc-for-nobody
fi
root=$(pwd)
EX=$root/examples
# a table whose only error is budget-nature-sum (line 5): the golden's budget
# example, which lists no indicators, allowing that on the year's line
BNS=$tmp/budget-nature-sum.ptl
sed 's/^    year 2026$/    year 2026; allow no-indicators "预算示例不列指标"/' \
    "$root/tests/golden/check/budget-nature-sum.ptl" >"$BNS"
LC_ALL=C
NO_COLOR=1
export LC_ALL NO_COLOR

# ptlc NAME ARGS...: runs ptlc; NAME.out and NAME.err in $tmp, status in $rc
ptlc() {
    last=$1
    shift
    $PTLC "$@" >"$tmp/$last.out" 2>"$tmp/$last.err"
    rc=$?
}
status() { # status WANTED: the last ptlc's exit status
    [ "$rc" = "$1" ] || { echo "exit status $rc, wanted $1"; cat "$tmp/$last.err"; return 1; }
}
has() { grep -qF -- "$2" "$tmp/$1" || { echo "$1 lacks: $2"; cat "$tmp/$1"; return 1; }; }
lacks() { ! grep -qF -- "$2" "$tmp/$1" || { echo "$1 has: $2"; cat "$tmp/$1"; return 1; }; }
count() { # count FILE TEXT N: TEXT is on exactly N lines of FILE
    n=$(grep -cF -- "$2" "$tmp/$1")
    [ "$n" = "$3" ] || { echo "$1: '$2' on $n lines, wanted $3"; cat "$tmp/$1"; return 1; }
}
no_temp() { # no_temp DIR...: no temporary file (NAME.XXXXXX, ptlc-XXXXXX) is left in any DIR
    left=$(find "$@" -maxdepth 1 \( -name '*.??????' -o -name 'ptlc-??????' \) | head -5)
    [ -z "$left" ] || { echo "temporary files left: $left"; return 1; }
}
same() { cmp "$1" "$2"; }
is_root() { [ "$(id -u)" = 0 ]; }
note() { echo "note: $*"; }

# the reference outputs every build below must reproduce
$PTLC build --format json -o "$tmp/ref.json" "$EX" 2>/dev/null
$PTLC build --format xlsx -o "$tmp/ref.xlsx" "$EX" 2>/dev/null

# ===== A. outputs that cannot destroy =====

ptlc devnull build --format json -o /dev/null "$EX"
check "build -o /dev/null succeeds" status 0
check "/dev/null is still a character device" test -c /dev/null
# a broken build would have left the machine without /dev/null: put it back
restore_devnull() {
    if ! test -c /dev/null && is_root; then
        rm -f /dev/null && mknod -m 666 /dev/null c 1 3
        echo "note: /dev/null was replaced by a regular file; restored"
    fi
}
restore_devnull
mkdir "$tmp/tmpdir"
TMPDIR=$tmp/tmpdir $PTLC build --format xlsx -o /dev/null "$EX" 2>/dev/null
check "xlsx -o /dev/null: still a device, no temp file left in TMPDIR" \
    sh -c "test -c /dev/null && [ -z \"\$(ls '$tmp/tmpdir')\" ]"
restore_devnull

mkfifo "$tmp/fifo"
timeout 10 cat "$tmp/fifo" >"$tmp/fifo.got" &
reader=$!
timeout 10 $PTLC build --format json -o "$tmp/fifo" "$EX" 2>/dev/null
rc=$?
wait $reader
check "build into a FIFO: the reader gets the report" sh -c \
    "[ $rc = 0 ] && test -p '$tmp/fifo' && cmp '$tmp/fifo.got' '$tmp/ref.json'"
timeout 10 cat "$tmp/fifo" >"$tmp/fifo.xlsx" &
reader=$!
TMPDIR=$tmp/tmpdir timeout 10 $PTLC build --format xlsx -o "$tmp/fifo" "$EX" 2>/dev/null
rc=$?
wait $reader
check "xlsx into a FIFO: the reader gets the workbook, no temp file left" sh -c \
    "[ $rc = 0 ] && test -p '$tmp/fifo' && cmp '$tmp/fifo.xlsx' '$tmp/ref.xlsx' &&
     [ -z \"\$(ls '$tmp/tmpdir')\" ]"

$PTLC build --format json -o /dev/stdout "$EX" >"$tmp/stdout.json" 2>/dev/null
check "-o /dev/stdout writes the report to standard output" same "$tmp/stdout.json" "$tmp/ref.json"
echo "earlier log line" >"$tmp/app.log"
$PTLC build --format json -o /dev/stdout "$EX" >>"$tmp/app.log" 2>/dev/null
check "-o /dev/stdout appended to a log keeps the log" sh -c \
    "head -1 '$tmp/app.log' | grep -q 'earlier log line' &&
     tail -n +2 '$tmp/app.log' | cmp - '$tmp/ref.json'"

mkdir "$tmp/adir"
ptlc dirout build --format json -o "$tmp/adir" "$EX"
check "-o DIR for json is a usage error" status 2
check "-o DIR: the message says it is a directory" has dirout.err "is a directory"
check "-o DIR: nothing was written into it" sh -c "[ -z \"\$(ls -A '$tmp/adir')\" ]"
ptlc dirslash build --format csv -o "$tmp/newdir/" "$EX"
check "-o NEWDIR/ for csv is a usage error, nothing created" sh -c \
    "[ $rc = 2 ] && ! test -e '$tmp/newdir'"

mkdir "$tmp/in"
cp "$EX"/*.ptl "$tmp/in/"
cp "$tmp/in/xinfang-department.ptl" "$tmp/dept.orig"
ptlc isinput build --format json -o "$tmp/in/xinfang-department.ptl" "$tmp/in"
check "-o an input file: exit 2" status 2
check "-o an input file: the input is unchanged" same "$tmp/in/xinfang-department.ptl" "$tmp/dept.orig"
check "-o an input file: the message names the output and the input" \
    has isinput.err "refusing to write '$tmp/in/xinfang-department.ptl': it is the input '$tmp/in/xinfang-department.ptl'"
ln "$tmp/in/xinfang-department.ptl" "$tmp/hard.json"
ptlc hardlink build --format json -o "$tmp/hard.json" "$tmp/in"
check "-o a hard link to an input: refused, input unchanged" sh -c \
    "[ $rc = 2 ] && cmp '$tmp/in/xinfang-department.ptl' '$tmp/dept.orig'"
ln -s "in/xinfang-department.ptl" "$tmp/soft.json"
ptlc softlink build --format csv -o "$tmp/soft.json" "$tmp/in"
check "-o a symbolic link to an input: refused, input unchanged" sh -c \
    "[ $rc = 2 ] && cmp '$tmp/in/xinfang-department.ptl' '$tmp/dept.orig'"
ptlc xlsxinput build --format xlsx -o "$tmp/in/xinfang-projects.ptl" "$tmp/in"
check "xlsx -o an input: refused, input unchanged, no temp file" sh -c \
    "[ $rc = 2 ] && cmp '$tmp/in/xinfang-projects.ptl' '$EX/xinfang-projects.ptl' && [ -z \"\$(ls '$tmp/in' | grep -v '\.ptl$')\" ]"
printf 'settings {\n    allow empty-category\n}\n' >"$tmp/my.settings"
cp "$tmp/my.settings" "$tmp/my.settings.orig"
ptlc settingsout build --format json --settings "$tmp/my.settings" -o "$tmp/my.settings" "$EX"
check "-o the settings file: refused, settings unchanged" sh -c \
    "[ $rc = 2 ] && cmp '$tmp/my.settings' '$tmp/my.settings.orig'"
mkdir "$tmp/site0"
cp "$EX/xinfang-department.ptl" "$tmp/site0/01-department.html"
cp "$tmp/site0/01-department.html" "$tmp/page.orig"
ptlc pageinput build --format html -o "$tmp/site0/" "$tmp/site0/01-department.html"
check "html -o DIR/ whose page path is an input: refused, nothing written" sh -c \
    "[ $rc = 2 ] && cmp '$tmp/site0/01-department.html' '$tmp/page.orig' &&
     ! test -e '$tmp/site0/index.html'"
check "html page that is an input: the message names it" has pageinput.err "it is the input"

mkdir "$tmp/links" "$tmp/elsewhere"
echo old >"$tmp/links/real.json"
ln -s real.json "$tmp/links/link.json"
# links are written through only inside the working directory: these run in $tmp
(cd "$tmp" && $PTLC build --format json -o "$tmp/links/link.json" "$EX" 2>/dev/null)
check "symlinked target stays a symlink, to the same file" sh -c \
    "test -L '$tmp/links/link.json' && [ \"\$(readlink '$tmp/links/link.json')\" = real.json ]"
check "symlinked target: the file it leads to gets the report" same "$tmp/links/real.json" "$tmp/ref.json"
ln -s ../elsewhere/new.json "$tmp/links/dangling.json"
(cd "$tmp" && $PTLC build --format json -o "$tmp/links/dangling.json" "$EX" 2>/dev/null)
check "a link to a file not there yet: created where it leads, the link stays" sh -c \
    "test -L '$tmp/links/dangling.json' && cmp '$tmp/elsewhere/new.json' '$tmp/ref.json'"
ln -s ../elsewhere/book.xlsx "$tmp/links/book.xlsx"
(cd "$tmp" && $PTLC build --format xlsx -o "$tmp/links/book.xlsx" "$EX" 2>/dev/null)
check "xlsx through a symlink: the link stays, its target is the workbook" sh -c \
    "test -L '$tmp/links/book.xlsx' && cmp '$tmp/elsewhere/book.xlsx' '$tmp/ref.xlsx'"
check "no temp file beside a link or its target" no_temp "$tmp/links" "$tmp/elsewhere"
mkdir "$tmp/checkout"
echo keep >"$tmp/victim.rc"
ln -s "$tmp/victim.rc" "$tmp/checkout/report.json"
(cd "$tmp/checkout" && $PTLC build --format json -o report.json "$EX" 2>"$tmp/outlink.err"; echo $? >"$tmp/outlink.rc")
check "a link out of the working directory is refused (exit 2), its target untouched" sh -c \
    "[ \$(cat '$tmp/outlink.rc') = 2 ] && [ \"\$(cat '$tmp/victim.rc')\" = keep ] && test -L '$tmp/checkout/report.json'"
check "the refusal says where the link leads" has outlink.err "leads out of the working directory (to '$tmp/victim.rc')"

echo old >"$tmp/perm.json"
chmod 0640 "$tmp/perm.json"
$PTLC build --format json -o "$tmp/perm.json" "$EX" 2>/dev/null
check "a rebuilt report keeps mode 0640" sh -c "[ \$(stat -c %a '$tmp/perm.json') = 640 ] && cmp '$tmp/perm.json' '$tmp/ref.json'"
echo old >"$tmp/perm.xlsx"
chmod 0604 "$tmp/perm.xlsx"
$PTLC build --format xlsx -o "$tmp/perm.xlsx" "$EX" 2>/dev/null
check "a rebuilt workbook keeps mode 0604" sh -c "[ \$(stat -c %a '$tmp/perm.xlsx') = 604 ]"
(umask 027 && $PTLC build --format json -o "$tmp/new027.json" "$EX" 2>/dev/null)
(umask 022 && $PTLC build --format json -o "$tmp/new022.json" "$EX" 2>/dev/null)
check "a new report gets 0666 & ~umask" sh -c \
    "[ \$(stat -c %a '$tmp/new027.json') = 640 ] && [ \$(stat -c %a '$tmp/new022.json') = 644 ]"
if is_root; then
    echo old >"$tmp/owned.json"
    chown nobody:nogroup "$tmp/owned.json"
    chmod 0600 "$tmp/owned.json"
    $PTLC build --format json -o "$tmp/owned.json" "$EX" 2>/dev/null
    check "as root, a rebuilt report keeps its owner, group and mode" sh -c \
        "[ \"\$(stat -c '%U:%G %a' '$tmp/owned.json')\" = 'nobody:nogroup 600' ]"
    cp -r "$EX" "$tmp/ro-input"    # nobody reads the tables from $tmp, not the checkout
    chmod -R a+rX "$tmp/ro-input"
    mkdir "$tmp/ro"
    echo old >"$tmp/ro/book.xlsx"
    chmod 0444 "$tmp/ro/book.xlsx"
    chown -R nobody:nogroup "$tmp/ro"
    setpriv --reuid=nobody --regid=nogroup --clear-groups \
        $NOBODY_PTLC build --format xlsx -o "$tmp/ro/book.xlsx" "$tmp/ro-input" 2>/dev/null
    check "a read-only workbook is rebuilt by its owner and stays 0444" sh -c \
        "[ \$(stat -c %a '$tmp/ro/book.xlsx') = 444 ] && cmp '$tmp/ro/book.xlsx' '$tmp/ref.xlsx'"
else
    note "not root: owner and group of a rebuilt report not tested"
fi

$PTLC build --format html -o "$tmp/site/" "$EX" 2>/dev/null
check "html directory: a page per table, then per evaluation, all in the index" sh -c \
    "test -s '$tmp/site/03-project.html' && grep -q 项目支出绩效自评表 '$tmp/site/05-evaluation.html' &&
     grep -q 部门整体支出绩效自评表 '$tmp/site/04-evaluation.html' &&
     [ \$(grep -o 'href=\"0[1-5]-[a-z]*.html\"' '$tmp/site/index.html' | wc -l) = 5 ]"
echo "my notes" >"$tmp/site/notes.html"
for f in 07-project.html 123-department.html 7-project.html 04-project.html.bak 05-projects.html; do
    echo stale >"$tmp/site/$f"
done
mkdir "$tmp/site/09-project.html"
$PTLC build --format html -o "$tmp/site/" "$EX/xinfang-department.ptl" 2>/dev/null
check "html rebuild with one table: its page and index are there" sh -c \
    "test -s '$tmp/site/01-department.html' && grep -q 01-department.html '$tmp/site/index.html'"
check "html rebuild: stale NN-project.html pages of this build's pattern are removed" sh -c \
    "! test -e '$tmp/site/02-project.html' && ! test -e '$tmp/site/03-project.html' &&
     ! test -e '$tmp/site/07-project.html' && ! test -e '$tmp/site/123-department.html' &&
     ! test -e '$tmp/site/04-evaluation.html' && ! test -e '$tmp/site/05-evaluation.html'"
check "html rebuild: the user's files and near-misses are kept" sh -c \
    "grep -q 'my notes' '$tmp/site/notes.html' && test -e '$tmp/site/7-project.html' &&
     test -e '$tmp/site/04-project.html.bak' && test -e '$tmp/site/05-projects.html' &&
     test -d '$tmp/site/09-project.html'"

# --- an interrupted build leaves no temporary file ---
# Tables enough that writing takes a while: 500 departments with two
# projects each (4.7 MB), each with its own names so the build is clean.
big=$tmp/big.ptl
k=0
while [ $k -lt 500 ]; do
    k=$((k + 1))
    sed -e "s/株洲市渌口区信访局/株洲市渌口区信访局$k/g" \
        -e "s/project \"安保信访维稳专项（含特护期京、郑、长、株等地）\"/project \"安保信访维稳专项$k\"/" \
        -e "s/project \"驻京维稳工作组专项\"/project \"驻京维稳工作组专项$k\"/" \
        "$EX/xinfang-department.ptl" "$EX/xinfang-projects.ptl"
done >"$big"
BIG="--allow empty-category --allow cost-equals-budget $big"
$PTLC build --format xlsx -o "$tmp/bigref.xlsx" $BIG 2>/dev/null
check "the large input builds cleanly" test -s "$tmp/bigref.xlsx"
can_reset=no
if env --default-signal=INT true 2>/dev/null; then can_reset=yes; fi

# kill_mid_write SIG FORMAT OUT: starts a build into OUT (with an old OUT
# in place), waits until its temporary file exists, sends SIG. Sets $landed
# to yes when the build was still running and died of the signal.
kill_mid_write() {
    sig=$1 fmt=$2 out=$3
    echo old >"$out"
    cp "$out" "$out.old"
    # a non-interactive shell starts background jobs with SIGINT ignored
    env --default-signal=INT,TERM,HUP $PTLC build --format "$fmt" -o "$out" $BIG 2>/dev/null &
    pid=$!
    i=0
    while [ $i -lt 3000 ] && kill -0 $pid 2>/dev/null; do
        set -- "$out".??????
        [ -e "$1" ] && break
        i=$((i + 1))
        sleep 0.005
    done
    kill -s "$sig" $pid 2>/dev/null
    wait $pid 2>/dev/null
    rc=$?
    case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
    landed=no
    [ $rc = $want ] && landed=yes
}

if [ $can_reset = yes ]; then
    for sig in TERM INT HUP; do
        tries=0
        landed=no
        while [ $landed = no ] && [ $tries -lt 5 ]; do
            tries=$((tries + 1))
            kill_mid_write $sig xlsx "$tmp/killed.xlsx"
            check "SIG$sig mid-write: no temporary file left" no_temp "$tmp"
            check "SIG$sig mid-write: the old workbook is untouched or the new one complete" sh -c \
                "cmp -s '$tmp/killed.xlsx' '$tmp/killed.xlsx.old' || cmp -s '$tmp/killed.xlsx' '$tmp/bigref.xlsx'"
        done
        check "SIG$sig landed while the temporary file existed (the run died of it)" [ $landed = yes ]
    done
    # the same at fixed delays, into a directory of 1501 pages
    for delay in 0.3 0.5 0.7 0.9; do
        for sig in TERM INT; do
            env --default-signal=INT,TERM $PTLC build --format html -o "$tmp/bigsite/" $BIG 2>/dev/null &
            pid=$!
            sleep $delay
            kill -s $sig $pid 2>/dev/null
            wait $pid 2>/dev/null
            check "html killed by SIG$sig after ${delay}s: no temporary page left" no_temp "$tmp/bigsite"
        done
    done
    env --default-signal=INT,TERM $PTLC build --format json -o "$tmp/killed.json" $BIG 2>/dev/null &
    pid=$!
    sleep 0.2
    kill -s TERM $pid 2>/dev/null
    wait $pid 2>/dev/null
    check "json killed by SIGTERM: no temporary file left" no_temp "$tmp"
else
    note "env --default-signal missing: the interrupted-build cases are not run"
fi
rm -rf "$tmp/bigsite" "$big" "$tmp"/killed* "$tmp/bigref.xlsx"

# ===== B. inputs that cannot escape =====

mkdir -p "$tmp/w/sub" "$tmp/outside"
cp "$EX/xinfang-department.ptl" "$tmp/w/good.ptl"
echo "SECRET_TOKEN_4711 = do-not-print" >"$tmp/outside/secret.txt"
cp "$BNS" "$tmp/outside/secret.ptl"
echo "SECRET_TOKEN_4711" >>"$tmp/outside/secret.ptl"
ln -s "$tmp/outside/secret.txt" "$tmp/w/evil.ptl"
ln -s ../../outside "$tmp/w/sub/out"
cp "$BNS" "$tmp/w/table.txt"
ln -s table.txt "$tmp/w/inside.ptl"
# --max-errors 0: a read secret would be shown however many errors come first
ptlc escape check --max-errors 0 "$tmp/w"
check "symlink escape: the files outside are not read" lacks escape.err SECRET_TOKEN_4711
check "symlink escape: an error names the link" \
    has escape.err "$tmp/w/evil.ptl: error: not read: a symbolic link that leads outside '$tmp/w'"
check "a link to a file inside the tree is read" has escape.err "$tmp/w/inside.ptl:5:29: error[budget-nature-sum]"
check "symlink escape: the other tables are still checked, and the run fails (exit 2)" status 2
mkdir "$tmp/wenv"
cp "$EX/xinfang-department.ptl" "$tmp/wenv/good.ptl"
ln -s /proc/self/environ "$tmp/wenv/environ.ptl"
last=environ
# the secret is the only variable: read, it would be the first token shown
env -i SECRET_TOKEN_4711=ci-secret $PTLC check --max-errors 0 "$tmp/wenv" >/dev/null 2>"$tmp/environ.err"
rc=$?
check "symlink to /proc/self/environ: the environment is not printed" lacks environ.err SECRET_TOKEN_4711
check "symlink to /proc/self/environ: not read, an error, the rest checked (exit 2)" sh -c \
    "[ $rc = 2 ] && grep -qF '$tmp/wenv/environ.ptl: error: not read: a symbolic link that leads outside' '$tmp/environ.err'"
check "a directory link out of the tree: not read, an error" \
    has escape.err "$tmp/w/sub/out: error: not read: a symbolic link that leads outside"
ptlc escapejson check --max-errors 0 --diagnostics=json "$tmp/w"
check "symlink escape in JSON: no secret, an error notification" sh -c \
    "! grep -q SECRET_TOKEN '$tmp/escapejson.err' &&
     jq -e '[.notifications[] | select(.severity == \"error\" and (.path | endswith(\"/evil.ptl\")))] | length == 1' '$tmp/escapejson.err'"
ln -s "$tmp/outside/secret.ptl" "$tmp/named.ptl"
ptlc namedlink check "$tmp/named.ptl"
check "a symbolic link named on the command line is followed" has namedlink.err "$tmp/named.ptl:5:29: error[budget-nature-sum]"

mkdir -p "$tmp/loop/sub"
cp "$EX/xinfang-department.ptl" "$tmp/loop/t.ptl"
ln -s . "$tmp/loop/a"
ln -s . "$tmp/loop/b"
ln -s .. "$tmp/loop/sub/up"
last=loop
timeout 10 $PTLC check "$tmp/loop" >"$tmp/loop.out" 2>"$tmp/loop.err"
rc=$?
check "two links to '.': the check finishes (exit 0)" status 0
check "link loop: each loop reported once" sh -c \
    "[ \$(grep -c 'a symbolic link back into a directory that contains it' '$tmp/loop.err') = 3 ] &&
     [ \$(grep -c '^$tmp/loop/a:' '$tmp/loop.err') = 1 ] && [ \$(grep -c '^$tmp/loop/sub/up:' '$tmp/loop.err') = 1 ]"
check "link loop: the table is read once" sh -c "$PTLC check --verbose '$tmp/loop' 2>&1 | grep -q 'read 1 file$'"

mkdir "$tmp/special"
cp "$EX/xinfang-department.ptl" "$tmp/special/t.ptl"
mkfifo "$tmp/special/x.ptl"
mkdir "$tmp/special/d.ptl"
ln -s nowhere "$tmp/special/dangling.ptl"
/usr/bin/python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$tmp/special/s.ptl" 2>/dev/null
last=special
timeout 10 $PTLC check "$tmp/special" >"$tmp/special.out" 2>"$tmp/special.err"
rc=$?
check "a FIFO named x.ptl in a directory: no hang, the rest checked (exit 0)" status 0
check "the FIFO is skipped with a warning" has special.err "$tmp/special/x.ptl: warning: skipped: a FIFO, not a regular file"
check "a directory named d.ptl is skipped with a warning" has special.err "$tmp/special/d.ptl: warning: skipped: a directory, not a table"
check "a dangling .ptl link is skipped with a warning" has special.err "$tmp/special/dangling.ptl: warning: skipped: a symbolic link to nothing"
if test -S "$tmp/special/s.ptl"; then
    check "a socket named s.ptl is skipped with a warning" has special.err "$tmp/special/s.ptl: warning: skipped: a socket"
fi

ptlc device check /dev/zero "$BNS"
check "a named device is refused (exit 2), the other file still checked" sh -c \
    "[ $rc = 2 ] && grep -qF '/dev/zero: error: not read: a character device is not a table' '$tmp/device.err' &&
     grep -qF 'error[budget-nature-sum]' '$tmp/device.err'"
mkfifo "$tmp/named.fifo"
timeout 10 sh -c 'cat "$1" >"$2"' sh "$EX/xinfang-department.ptl" "$tmp/named.fifo" &
writer=$!
last=namedfifo
timeout 10 $PTLC check "$tmp/named.fifo" >/dev/null 2>"$tmp/namedfifo.err"
rc=$?
wait $writer
check "a named FIFO is read (the writer's table is checked, exit 0)" sh -c \
    "[ $rc = 0 ] && grep -qF '$tmp/named.fifo:' '$tmp/namedfifo.err'"
if command -v bash >/dev/null 2>&1; then
    bash -c "$PTLC check <(cat '$BNS')" >/dev/null 2>"$tmp/procsub.err"
    check "bash process substitution <(cat x.ptl) is read" grep -qE '^/dev/fd/[0-9]+:5:29: error\[budget-nature-sum\]' "$tmp/procsub.err"
fi

mkdir "$tmp/twice"
cp "$BNS" "$tmp/twice/bns.ptl"
ln "$tmp/twice/bns.ptl" "$tmp/twice/hard.ptl"
ptlc twice check "$tmp/twice/bns.ptl" "$tmp/twice/./bns.ptl" "$tmp/twice"
check "the same file named twice, in its directory and by a hard link: diagnostics once" \
    count twice.err "error[budget-nature-sum]" 1
check "the first naming wins" has twice.err "$tmp/twice/bns.ptl:5:29: error"

mkdir "$tmp/unread"
cp "$BNS" "$tmp/unread/a.ptl"
cp "$EX/xinfang-department.ptl" "$tmp/unread/b.ptl"
chmod 000 "$tmp/unread/b.ptl"
if is_root; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups $NOBODY_PTLC check "$tmp/unread" >/dev/null 2>"$tmp/unread.err"
    rc=$?
    last=unread
    check "an unreadable file: exit 2" status 2
    check "an unreadable file is reported" has unread.err "$tmp/unread/b.ptl: error: cannot read: Permission denied"
    check "an unreadable file: the other file is still checked" has unread.err "$tmp/unread/a.ptl:5:29: error[budget-nature-sum]"
    check "the notification comes before the diagnostics" sh -c \
        "head -1 '$tmp/unread.err' | grep -q 'cannot read'"
    setpriv --reuid=nobody --regid=nogroup --clear-groups $NOBODY_PTLC build --format json \
        --allow budget-nature-sum -o "$tmp/unread-out.json" "$tmp/unread" >/dev/null 2>"$tmp/unreadbuild.err"
    rc=$?
    check "build with an unreadable input: exit 2 and nothing written" sh -c \
        "[ $rc = 2 ] && ! test -e '$tmp/unread-out.json' && grep -q 'nothing written' '$tmp/unreadbuild.err'"
else
    note "not root: the unreadable-file case needs setpriv to drop to nobody; not run"
fi
ptlc missing check "$tmp/does-not-exist.ptl" "$BNS"
check "a missing path: exit 2, reported, the rest checked" sh -c \
    "[ $rc = 2 ] && grep -qF '$tmp/does-not-exist.ptl: error: cannot read: No such file or directory' '$tmp/missing.err' &&
     grep -qF 'error[budget-nature-sum]' '$tmp/missing.err'"
truncate -s 1100M "$tmp/huge.ptl"
ptlc huge check "$tmp/huge.ptl" "$BNS"
check "a file larger than 1 GiB: exit 2, reported, the rest checked" sh -c \
    "[ $rc = 2 ] && grep -qF '$tmp/huge.ptl: error: cannot read: larger than 1 GiB' '$tmp/huge.err' &&
     grep -qF 'error[budget-nature-sum]' '$tmp/huge.err'"
rm -f "$tmp/huge.ptl"

# file names that would recolour a terminal or are not UTF-8
mkdir "$tmp/names"
esc=$(printf 'a\033[31m.ptl')
bad=$(printf 'b\377.ptl')
mkfifo "$tmp/names/$esc" "$tmp/names/$bad"
cp "$EX/xinfang-department.ptl" "$tmp/names/ok.ptl"
# (shown as safetext writes them: <U+001B> for a control, <FF> for a byte)
clean_text() { # clean_text FILE: valid UTF-8 without a raw ESC
    iconv -f UTF-8 -t UTF-8 "$1" >/dev/null && ! grep -q "$(printf '\033')" "$1"
}
ptlc names check "$tmp/names"
check "hostile names in notifications: neutralised" sh -c \
    "grep -qF '$tmp/names/a<U+001B>[31m.ptl: warning: skipped' '$tmp/names.err' &&
     grep -qF '$tmp/names/b<FF>.ptl: warning: skipped' '$tmp/names.err'"
check "hostile names in notifications: no ESC, valid UTF-8" clean_text "$tmp/names.err"
rm "$tmp/names/$esc" "$tmp/names/$bad"
cp "$BNS" "$tmp/names/$esc"
cp "$BNS" "$tmp/names/$bad"
mkfifo "$tmp/names/c$esc"
ptlc nameshuman check "$tmp/names"
check "hostile names in diagnostics and notifications: neutralised" sh -c \
    "grep -qF '$tmp/names/a<U+001B>[31m.ptl:5:29: error[budget-nature-sum]' '$tmp/nameshuman.err' &&
     grep -qF '$tmp/names/b<FF>.ptl:5:29: error[budget-nature-sum]' '$tmp/nameshuman.err' &&
     grep -qF '$tmp/names/ca<U+001B>[31m.ptl: warning: skipped' '$tmp/nameshuman.err'"
check "hostile names in diagnostics: no ESC, valid UTF-8" clean_text "$tmp/nameshuman.err"
ptlc namesjson check --diagnostics=json "$tmp/names"
check "hostile names in JSON: valid UTF-8 and JSON" sh -c \
    "iconv -f UTF-8 -t UTF-8 '$tmp/namesjson.err' >/dev/null && jq -e . '$tmp/namesjson.err' >/dev/null"
check "hostile names in JSON: the neutralised text, for files and notifications" jq -e \
    '([.diagnostics[].file] | index("'"$tmp"'/names/a<U+001B>[31m.ptl") != null)
     and ([.diagnostics[].file] | index("'"$tmp"'/names/b<FF>.ptl") != null)
     and ([.notifications[].path] | index("'"$tmp"'/names/ca<U+001B>[31m.ptl") != null)
     and ([.. | strings | select(test("\u001b"))] | length == 0)' "$tmp/namesjson.err"
ptlc namessarif check --diagnostics=sarif "$tmp/names"
check "hostile names in SARIF: validates against the SARIF 2.1.0 schema" \
    /usr/bin/python3 tests/validate-json.py tests/schemas/sarif-2.1.0.json "$tmp/namessarif.err"
check "hostile names in SARIF: every uri is percent-encoded ASCII, the bytes kept" jq -e \
    '[.. | objects | select(has("uri")) | .uri] as $u
     | ($u | length) > 3 and all($u[]; test("^[A-Za-z0-9._~/%-]+$"))
     and ($u | index("'"$tmp"'/names/a%1B%5B31m.ptl") != null)
     and ($u | index("'"$tmp"'/names/b%FF.ptl") != null)
     and ($u | index("'"$tmp"'/names/ca%1B%5B31m.ptl") != null)' "$tmp/namessarif.err"
ptlc sarifio check --diagnostics=sarif "$tmp/does-not-exist.ptl" "$BNS"
check "SARIF after an I/O error: executionSuccessful false, the notification located" jq -e \
    '.runs[0].invocations[0] | .executionSuccessful == false
     and (.toolExecutionNotifications | length) == 1
     and .toolExecutionNotifications[0].level == "error"
     and (.toolExecutionNotifications[0].message.text | contains("No such file"))
     and .toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri == "'"$tmp"'/does-not-exist.ptl"' \
    "$tmp/sarifio.err"
check "SARIF after an I/O error validates" \
    /usr/bin/python3 tests/validate-json.py tests/schemas/sarif-2.1.0.json "$tmp/sarifio.err"
ptlc sarifok check --diagnostics=sarif "$BNS"
check "SARIF of a run without I/O errors: executionSuccessful true" jq -e \
    '.runs[0].invocations[0].executionSuccessful == true' "$tmp/sarifok.err"

# ===== C. settings with limits =====

allow_bns='settings {
    allow budget-nature-sum
}'
warn_bns='settings {
    warn budget-nature-sum
}'
mkdir -p "$tmp/s1/repo/.git" "$tmp/s1/repo/tables"
echo "$allow_bns" >"$tmp/s1/ptlc.settings"
cp "$BNS" "$tmp/s1/repo/tables/t.ptl"
(cd "$tmp/s1/repo" && $PTLC check --verbose tables) >/dev/null 2>"$tmp/above.err"
rc=$?
last=above
check "a ptlc.settings above the repository root is ignored (the error stays)" status 1
check "--verbose: no settings file, searched up to the repository root" \
    has above.err "ptlc: no settings file (searched up to $tmp/s1/repo)"
echo "$warn_bns" >"$tmp/s1/repo/ptlc.settings"
(cd "$tmp/s1/repo" && $PTLC check --verbose tables) >/dev/null 2>"$tmp/atroot.err"
rc=$?
last=atroot
check "a ptlc.settings at the repository root is used (error made a warning)" sh -c \
    "[ $rc = 0 ] && grep -qF 'warning[budget-nature-sum]' '$tmp/atroot.err'"
check "--verbose names the settings file and the files read" sh -c \
    "head -2 '$tmp/atroot.err' | tr '\\n' '|' | grep -qxF 'ptlc: using settings from ptlc.settings|ptlc: read 1 file|'"
(cd "$tmp/s1/repo" && $PTLC check --diagnostics=json tables) >/dev/null 2>"$tmp/atroot.json"
check "JSON names the settings file" jq -e '.settings == "ptlc.settings"' "$tmp/atroot.json"
(cd "$tmp/s1/repo" && $PTLC check --diagnostics=sarif tables) >/dev/null 2>"$tmp/atroot.sarif"
check "SARIF lists the settings file as a userSpecifiedConfiguration artifact" jq -e \
    '.runs[0].artifacts == [{"location": {"uri": "ptlc.settings"}, "roles": ["userSpecifiedConfiguration"]}]' \
    "$tmp/atroot.sarif"
check "SARIF with a settings artifact validates" \
    /usr/bin/python3 tests/validate-json.py tests/schemas/sarif-2.1.0.json "$tmp/atroot.sarif"
ptlc nosettingsjson check --diagnostics=json --no-settings "$tmp/s1/repo/tables"
check "JSON without settings: \"settings\": null" jq -e '.settings == null and (.notifications | length) == 0' \
    "$tmp/nosettingsjson.err"

mkdir -p "$tmp/s2/repo/tables"
echo "gitdir: /nowhere/worktrees/x" >"$tmp/s2/repo/.git"
echo "$allow_bns" >"$tmp/s2/ptlc.settings"
cp "$BNS" "$tmp/s2/repo/tables/t.ptl"
ptlc worktree check --verbose "$tmp/s2/repo/tables/t.ptl"
check "a .git file (a worktree) is a root too: the settings above it are ignored" sh -c \
    "[ $rc = 1 ] && grep -qF 'searched up to $tmp/s2/repo)' '$tmp/worktree.err'"

mkdir -p "$tmp/s3/tables"
echo "$allow_bns" >"$tmp/s3/ptlc.settings"
cp "$BNS" "$tmp/s3/tables/t.ptl"
ptlc nogit check "$tmp/s3/tables"
check "without .git, a ptlc.settings above the start directory is ignored" status 1
ptlc nogitfile check --verbose "$tmp/s3/tables/t.ptl"
check "without .git, the search is the file's own directory only" sh -c \
    "[ $rc = 1 ] && grep -qF 'searched up to $tmp/s3/tables)' '$tmp/nogitfile.err'"
echo "$allow_bns" >"$tmp/s3/tables/ptlc.settings"
ptlc nogitstart check --verbose "$tmp/s3/tables"
check "without .git, a ptlc.settings in the start directory is used" sh -c \
    "[ $rc = 0 ] && grep -qF 'ptlc: using settings from $tmp/s3/tables/ptlc.settings' '$tmp/nogitstart.err'"

mkdir -p "$tmp/s4/repo/.git"
echo "$allow_bns" >"$tmp/s4/outside.settings"
ln -s ../outside.settings "$tmp/s4/repo/ptlc.settings"
cp "$BNS" "$tmp/s4/repo/t.ptl"
ptlc settingslink check "$tmp/s4/repo/t.ptl"
check "a ptlc.settings link out of the repository is not used: an error (exit 2)" sh -c \
    "[ $rc = 2 ] && grep -qF '$tmp/s4/repo/ptlc.settings: error: not read: a symbolic link that leads outside' '$tmp/settingslink.err'"
rm "$tmp/s4/repo/ptlc.settings"
mkfifo "$tmp/s4/repo/ptlc.settings"
last=settingsfifo
timeout 10 $PTLC check "$tmp/s4/repo/t.ptl" >/dev/null 2>"$tmp/settingsfifo.err"
rc=$?
check "a FIFO named ptlc.settings: no hang, skipped with a warning" sh -c \
    "[ $rc = 1 ] && grep -qF 'ptlc.settings: warning: skipped: a FIFO' '$tmp/settingsfifo.err'"

# '-' reads the table from standard input (an editor's unsaved buffer),
# named by --stdin-filename, with the settings searched from its directory
mkdir -p "$tmp/stdin/.git"
echo "$allow_bns" >"$tmp/stdin/ptlc.settings"
last=stdin
$PTLC check - --stdin-filename "$tmp/stdin/unsaved.ptl" <"$BNS" >/dev/null 2>"$tmp/stdin.err"
rc=$?
check "check - reads standard input under --stdin-filename, with that directory's settings" sh -c \
    "[ $rc = 0 ] && ! grep -q 'budget-nature-sum' '$tmp/stdin.err'"
$PTLC check --no-settings - <"$BNS" >/dev/null 2>"$tmp/stdin2.err"
rc=$?
check "check - without a name reports as <stdin>" sh -c \
    "[ $rc = 1 ] && grep -q '^<stdin>:[0-9]*:[0-9]*: error' '$tmp/stdin2.err'"

echo "io: $pass passed, $fail failed"
[ $fail -eq 0 ]
