#!/bin/sh
# check-vim.sh: editors/vim in Vim 9 (vim-nox) and Neovim (headless), each
# with the directory first in 'runtimepath' and installed by copying it
# into a temporary HOME (~/.vim, ~/.config/nvim):
#   - .ptl files and ptlc.settings open as filetype ptl, not python (which
#     Vim and Neovim map *.ptl to), in Neovim with filetype.vim and with
#     filetype.lua too; the ftplugin's options and b:undo_ftplugin;
#   - syntax: every keyword of src/lex.c, in both spellings, is a keyword
#     group; in examples/xinfang-department.ptl (and its --keywords zh copy)
#     a keyword, a category, a unit, a string, an operator, a number, a date
#     and a comment are the expected groups; so are a period, a 年月 date,
#     a compound unit, escapes, full-width punctuation; an unclosed string
#     ends at its line's end; a budget's figure is no category;
#   - :compiler ptlc | make on a table with two errors on lines of Chinese
#     text, in a directory and file name with a space and CJK: the quickfix
#     list has the two, with the file, line, type, text and the *byte*
#     column of the offending character, and :cfirst / :cnext put the cursor
#     on it; warnings and notes are entries too; a clean file gives none;
#   - indentation: gg=G on every example and on its --keywords zh copy in
#     tests/fmt/zh, its indentation stripped, is `ptlc fmt`'s layout; so is a
#     table with comments, a statement broken after an operator and a block
#     comment (whose lines are kept); o after a { opens a deeper line;
#   - gq (formatprg=ptlc fmt -) lays a buffer out as ptlc fmt does, and
#     leaves a buffer with a syntax error as it is;
#   - Neovim and `ptlc lsp`, with the setup documented in
#     editors/nvim/README.md: a table opened with an unknown unit on a line
#     of CJK text, and a clean table into which the unknown unit is typed in
#     insert mode: each time the diagnostic Neovim received, at the byte
#     column of the unit on that line (and the server's, in UTF-16 units);
#     the code action that replaces the unit, applied, and the diagnostic
#     gone after it; on the first, a completion and a hover.
# Installs vim-nox and neovim (tools/deps.sh). Prints the versions, one line
# per failure (VIM_TEST_SHOW=1: every result), then "vim: N passed, M
# failed".
PTLC=${PTLC:-build/ptlc}
case $PTLC in /*) ;; *) PTLC=$(pwd)/$PTLC ;; esac
. tests/lib.sh
LC_ALL=C.UTF-8
NO_COLOR=1
export LC_ALL NO_COLOR PTLC
sh tools/deps.sh vim-nox neovim || exit 2
[ -x "$PTLC" ] || { echo "vim: no $PTLC (make build/ptlc)" >&2; exit 2; }
root=$(pwd)
rtp=$root/editors/vim
TMPDIR_TEST=$tmp
export TMPDIR_TEST
echo "vim: $(vim --version | head -n 1 | sed 's/ (.*//'), patches $(vim --version | sed -n 's/^Included patches: //p'); $(nvim --version | head -n 1)"

# The fixtures. "qf 目录/两个 错误.ptl": two errors on lines full of CJK text
# (an unknown unit, a full-width ％), so code points and bytes give
# different columns; its directory and file names need quoting in a shell.
mkdir -p "$tmp/open/dir" "$tmp/open/project" "$tmp/qf 目录" "$tmp/lsp/.git"
: >"$tmp/open/a.ptl"
: >"$tmp/open/dir/表.ptl"
: >"$tmp/open/project/ptlc.settings"
cat >"$tmp/qf 目录/两个 错误.ptl" <<'EOF'
project "信访维稳专项" {
    year 2026
    amount 10 万元
    goal "全年实现到京非访零登记。"
    indicators {
        产出指标 { 数量指标 { "信访事项按期办结率" ≥ 100 万人次次 } }
        效益指标 { 社会效益 { "促进社会和谐稳定" ≥ 95 ％ } }
        成本指标 { 经济成本指标 { "公用经费成本" ≤ 5 万元 } }
        满意度指标 { 服务对象满意度 { "信访人满意度" ≥ 80 % } }
    }
}
EOF
# one error, the unknown unit, for the language server
sed 's/ ％ / % /' "$tmp/qf 目录/两个 错误.ptl" >"$tmp/lsp/bad.ptl"
# a clean table of another project, for the unknown unit typed in Neovim
# (人次 counts, where the 率 of bad.ptl's name would want a %)
sed -e "s/信访维稳专项/来访接待专项/" -e "s/信访事项按期办结率/接待来访群众人次/" -e "s/万人次次/万人次/" "$tmp/lsp/bad.ptl" >"$tmp/lsp/typed.ptl"
check "the table the unknown unit is typed into is clean" "$PTLC" check --deny warnings "$tmp/lsp/typed.ptl"
# an unclosed block: an error and its note
printf 'project "x" {\n    year 2026\n' >"$tmp/note.ptl"
check "ptlc reports the two errors of the quickfix fixture" \
    sh -c '"$PTLC" check --color never --column-unit byte "$1" 2>&1 | grep -c "^/.*: error\[" | grep -qx 2' \
    sh "$tmp/qf 目录/两个 错误.ptl"
# comments, a statement broken after an operator (and a comment inside it),
# a block comment whose lines ptlc fmt keeps as written
cat >"$tmp/comments.ptl" <<'EOF'
// a table with comments
project "培训项目" {
    /* a block comment
         { its lines are kept
      as written */
    year 2026
    amount 30 万元
    goal "完成培训" // a comment { at the end
    indicators {
        产出指标 {
            数量指标 {
                "培训人次" >= // why so many
                    1200 人次
                // on a line of its own
                "结业人数" =
                    // inside the statement
                    1000 人
                "培训效果" 定性 "达到" /* { */
            }
            质量指标 { "培训合格率" >= 95 % }
        }
        效益指标 { 社会效益 { "持证上岗人数" >= 1000 人 } }
        成本指标 { 经济成本指标 { "讲课费" <= 12 万元 } }
        满意度指标 { 服务对象满意度 { "学员满意度" >= 90 % } }
        /* two
   lines */
    }
}
EOF
check "comments.ptl is ptlc fmt's layout" sh -c '"$PTLC" fmt "$1" | cmp -s - "$1"' sh "$tmp/comments.ptl"
# the "before" of docs/language.md's Formatting section
cat >"$tmp/messy.ptl" <<'EOF'
department "株洲市渌口区信访局"
{
  year 2026 ;  filed 2026-01-28
  budget { total 259.05 万元; source 一般公共预算 259.05 万元 }


    indicators {  // 绩效指标
        产出指标 { 数量指标 { "区领导坐班接访" ≥ 264 天 } }
    }
}
EOF
"$PTLC" fmt "$tmp/messy.ptl" >"$tmp/messy.fmt" || { echo "[FAIL] ptlc fmt messy.ptl"; fail=$((fail + 1)); }
for f in examples/*.ptl; do
    b=$(basename "$f" .ptl)
    "$PTLC" fmt "$f" >"$tmp/$b.fmt" || { echo "[FAIL] ptlc fmt $f"; fail=$((fail + 1)); }
done
for f in tests/fmt/zh/*.ptl; do
    [ -f "$f" ] || continue
    b=$(basename "$f" .ptl)
    "$PTLC" fmt "$f" >"$tmp/$b.zh.fmt" || { echo "[FAIL] ptlc fmt $f"; fail=$((fail + 1)); }
done
"$PTLC" fmt --keywords zh examples/xinfang-department.ptl >"$tmp/department.zh.ptl"
sed -n '/^static const struct { const char \*en, \*zh; int tok; } keywords/,/^};/p' src/lex.c |
    grep -o '{"[^"]*", "[^"]*"' | tr -d '{",' | tr ' ' '\n' >"$tmp/keywords"
[ -s "$tmp/keywords" ] || { echo "[FAIL] no keywords found in src/lex.c"; fail=$((fail + 1)); }

cat >"$tmp/test.vim" <<'EOF'
" the tests of check-vim.sh, in Vim and in Neovim
let s:tmp = $TMPDIR_TEST . '/'
let s:out = []
let g:ptlc_program = $PTLC

function! s:Expect(name, ok, ...) abort
  call add(s:out, (a:ok ? 'ok ' : 'not ok ') . a:name
        \ . (a:ok || a:0 == 0 ? '' : ': ' . string(a:1)))
endfunction

function! s:Eq(name, got, want) abort
  call s:Expect(a:name, a:got ==# a:want, {'got': a:got, 'want': a:want})
endfunction

function! s:Edit(file) abort
  silent! %bwipeout!
  execute 'silent edit ' . fnameescape(a:file)
endfunction

function! s:Group(lnum, col) abort
  return synIDattr(synID(a:lnum, a:col, 1), 'name')
endfunction

"[line, col] of the first match of pat outside comments and strings (or
" outside the groups a:1 matches), or [0, 0]
function! s:Find(pat, ...) abort
  let skip = a:0 ? a:1 : 'ptlComment\|ptlString'
  call cursor(1, 1)
  let flags = 'cW'
  while 1
    let [l, c] = searchpos(a:pat, flags)
    if l == 0 || s:Group(l, c) !~# '^\%(' . skip . '\)$'
      return [l, c]
    endif
    let flags = 'W'
  endwhile
endfunction

function! s:ExpectGroup(what, pat, group, ...) abort
  let [l, c] = a:0 ? s:Find(a:pat, a:1) : s:Find(a:pat)
  call s:Expect(printf('%s (%s) is %s', a:what, a:pat, a:group),
        \ l > 0 && s:Group(l, c) ==# a:group,
        \ {'line': l, 'col': c, 'group': l ? s:Group(l, c) : 'not found'})
endfunction

function! s:TestOpen() abort
  for f in ['a.ptl', 'dir/表.ptl', 'project/ptlc.settings']
    call s:Edit(s:tmp . 'open/' . f)
    call s:Eq(f . ' opens as ptl', &filetype, 'ptl')
    call s:Eq(f . ': syntax', get(b:, 'current_syntax', ''), 'ptl')
  endfor
  call s:Eq('ptlc.settings: makeprg checks it as settings', &l:makeprg,
        \ $PTLC . ' check --column-unit byte --color never --allow empty-file --settings %:S - </dev/null')
  call s:Edit(s:tmp . 'open/a.ptl')
  call s:Eq('indentexpr', &l:indentexpr, 'GetPtlIndent(v:lnum)')
  call s:Eq('commentstring', &l:commentstring, '// %s')
  call s:Expect('comments has //', &l:comments =~# '\%(^\|,\)://\%(,\|$\)', &l:comments)
  call s:Eq('shiftwidth', &l:shiftwidth, 4)
  call s:Eq('expandtab', &l:expandtab, 1)
  call s:Eq('formatprg', &l:formatprg, $PTLC . ' fmt -')
  call s:Eq('compiler', get(b:, 'current_compiler', ''), 'ptlc')
  call s:Eq('makeprg: ptlc check in byte columns', &l:makeprg,
        \ $PTLC . ' check --column-unit byte --color never %:S')
  setlocal filetype=text
  call s:Expect('b:undo_ftplugin undoes the ftplugin and the compiler',
        \ &l:formatprg ==# '' && &l:formatexpr ==# '' && &l:makeprg ==# ''
        \ && &l:commentstring !=# '// %s' && !exists('b:current_compiler'),
        \ [&l:formatprg, &l:formatexpr, &l:makeprg, &l:commentstring])
  call s:Eq('b:undo_indent undoes the indent script', &l:indentexpr, '')
endfunction

function! s:TestKeywords() abort
  let words = readfile(s:tmp . 'keywords')
  call s:Edit(s:tmp . 'keywords.ptl')
  call setline(1, map(copy(words), '"    " . v:val . " x"'))
  syntax sync fromstart
  let bad = []
  for i in range(len(words))
    if s:Group(i + 1, 5) !~# '^ptl\%(Table\|Statement\|Attribute\|Decl\|Operator\)$'
      call add(bad, words[i] . ':' . s:Group(i + 1, 5))
    endif
  endfor
  call s:Expect(len(words) . ' keywords of src/lex.c are keywords', !empty(words) && empty(bad), bad)
  set nomodified
endfunction

function! s:TestSyntax() abort
  call s:Edit('examples/xinfang-department.ptl')
  call s:ExpectGroup('table keyword', '^department', 'ptlTable')
  call s:ExpectGroup('keyword', '\<budget\>', 'ptlStatement')
  call s:ExpectGroup('keyword', '\<total\>', 'ptlStatement')
  call s:ExpectGroup('category', '产出指标', 'ptlCategory')
  call s:ExpectGroup('category after another''s {', '数量指标', 'ptlCategory')
  call s:ExpectGroup('empty category', '经济效益 {', 'ptlCategory')
  call s:ExpectGroup('not a category: a keyword', '^\s*\zsbudget {', 'ptlStatement')
  call s:ExpectGroup('unit', '万元', 'ptlUnit')
  call s:ExpectGroup('unit', '264 \zs天', 'ptlUnit')
  call s:ExpectGroup('unit', '\d \zs%', 'ptlUnit')
  call s:ExpectGroup('string', '"区领导坐班接访"', 'ptlString', 'ptlComment')
  call s:ExpectGroup('string, inside', '"区领\zs导', 'ptlString', 'ptlComment')
  call s:ExpectGroup('operator', '≥', 'ptlOperator')
  call s:ExpectGroup('operator', '≤', 'ptlOperator')
  call s:ExpectGroup('operator', '定性', 'ptlOperator')
  call s:ExpectGroup('number', '259\.05', 'ptlNumber')
  call s:ExpectGroup('number, its decimals', '259\.\zs05', 'ptlNumber')
  call s:ExpectGroup('date', '2026-01-28', 'ptlDate')
  call s:ExpectGroup('date, its day', '2026-01-\zs28', 'ptlDate')
  call s:Eq('comment', s:Group(1, 4), 'ptlComment')
  call s:Edit(s:tmp . 'department.zh.ptl')
  call s:ExpectGroup('Chinese table keyword', '^部门', 'ptlTable')
  call s:ExpectGroup('Chinese keyword', '预算', 'ptlStatement')
  call s:ExpectGroup('Chinese keyword before a name', '^\s*\zs收入 ', 'ptlStatement')
  call s:ExpectGroup('Chinese keyword', '资金总额', 'ptlStatement')
  call s:ExpectGroup('category, Chinese keywords', '产出指标', 'ptlCategory')
  call s:ExpectGroup('not a category: a Chinese keyword', '^\s*\zs绩效指标 {', 'ptlStatement')
  call s:ExpectGroup('unit, Chinese keywords', '万元', 'ptlUnit')
  call s:Edit(s:tmp . 'syntax.ptl')
  call setline(1, [
        \ 'project "x" {',
        \ '    period 2023-07..2024-01',
        \ '    filed 2025年12月',
        \ '    indicators { 产出指标 { 数量指标 { "a" ≥ 5000 元/人·月; "b" = 3 人 } } }',
        \ '    budget 中期 { total 3 万元 }',
        \ '    goal "引号\"与\n换行\q" score 10 rate 95 %',
        \ '    note "未闭合的字符串 { ',
        \ '    indicators 2026..2028 { 效益指标 ｛ } }',
        \ '    unit 万人次 count = 10000 人次',
        \ '    filed 2025年1月5日',
        \ '    /* a {',
        \ '       b } */ year 2026',
        \ '}'])
  syntax sync fromstart
  call s:ExpectGroup('period', '2023-07\.\.2024-01', 'ptlDate')
  call s:ExpectGroup('the whole period', '2023-07\.\.\zs2024-01', 'ptlDate')
  call s:ExpectGroup('the whole period', '2023-07\.\.2024-0\zs1', 'ptlDate')
  call s:ExpectGroup('年月 date', '2025年12月', 'ptlDate')
  call s:ExpectGroup('年月 date, its 月', '2025年12\zs月', 'ptlDate')
  call s:ExpectGroup('年月日 date, its 日', '2025年1月5\zs日', 'ptlDate')
  let [l, c] = s:Find('元/人·月')
  let bad = filter(range(c, c + strlen('元/人·月') - 1), 's:Group(l, v:val) !=# "ptlUnit"')
  call s:Expect('a compound unit, whole', l > 0 && empty(bad), bad)
  call s:ExpectGroup('a unit before ;', '3 \zs人', 'ptlUnit')
  call s:ExpectGroup('one-line categories', '数量指标', 'ptlCategory')
  call s:ExpectGroup('a budget''s figure is no category', '中期', '')
  call s:ExpectGroup('escape', '\\"', 'ptlEscape', 'ptlComment')
  call s:ExpectGroup('escape', '\\n', 'ptlEscape', 'ptlComment')
  call s:ExpectGroup('unknown escape', '\\q', 'ptlEscapeError', 'ptlComment')
  call s:ExpectGroup('the string ends at its closing quote', '" \zsscore', 'ptlAttribute')
  call s:ExpectGroup('a keyword after a number is no unit', '10 \zsrate', 'ptlAttribute')
  call s:ExpectGroup('an unclosed string runs to its line''s end', '未闭合的字符串 \zs{', 'ptlString', 'ptlComment')
  call s:ExpectGroup('and ends there', '^\s*\zsindicators 2026', 'ptlStatement')
  call s:ExpectGroup('a period of years: numbers', '2026\.\.\zs2028', 'ptlNumber')
  call s:ExpectGroup('full-width brace', '｛', 'ptlFullwidth')
  call s:ExpectGroup('a declared unit', 'unit \zs万人次', 'ptlUnit')
  call s:ExpectGroup('a block comment', '/\* a', 'ptlComment', '')
  call s:ExpectGroup('a block comment, its second line', 'b\zs }', 'ptlComment', '')
  call s:ExpectGroup('after a block comment', '\*/ \zsyear', 'ptlStatement')
  set nomodified
endfunction

function! s:Quickfix(file) abort
  call s:Edit(a:file)
  compiler ptlc
  silent make!
  return getqflist()
endfunction

function! s:TestQuickfix() abort
  let file = s:tmp . 'qf 目录/两个 错误.ptl'
  let qf = s:Quickfix(file)
  call s:Eq('two quickfix entries, no others', len(qf), 2)
  let want = [[6, '万人次次', 'unknown-unit'], [7, '％', 'syntax']]
  for i in range(min([len(qf), 2]))
    let [lnum, what, rule] = want[i]
    let e = qf[i]
    let byte = stridx(getline(lnum), what) + 1
    let name = 'entry ' . (i + 1) . ' (' . what . ')'
    call s:Eq(name . ': the file', fnamemodify(bufname(e.bufnr), ':p'), fnamemodify(file, ':p'))
    call s:Eq(name . ': valid', e.valid, 1)
    call s:Eq(name . ': line', e.lnum, lnum)
    call s:Eq(name . ': the byte column of the character', e.col, byte)
    call s:Expect(name . ': not a code point column', byte != strchars(strpart(getline(lnum), 0, byte - 1)) + 1)
    call s:Eq(name . ': a byte column, not a virtual one', e.vcol, 0)
    call s:Eq(name . ': type', e.type, 'e')
    call s:Expect(name . ': text', e.text =~# '^\[' . rule . '\]: ' && stridx(e.text, what) >= 0, e.text)
  endfor
  cfirst
  call s:Eq(':cfirst: the line', line('.'), 6)
  call s:Expect(':cfirst: the cursor on the unknown unit',
        \ getline('.')[col('.') - 1 :] =~# '^万人次次 ', getline('.')[col('.') - 1 :])
  cnext
  call s:Eq(':cnext: the line', line('.'), 7)
  call s:Expect(':cnext: the cursor on the ％', getline('.')[col('.') - 1 :] =~# '^％ ',
        \ getline('.')[col('.') - 1 :])
  let qf = s:Quickfix(s:tmp . 'note.ptl')
  call s:Eq('an error and its note', map(copy(qf), '[v:val.lnum, v:val.col, v:val.type]'),
        \ [[2, 14, 'e'], [1, 13, 'n']])
  call s:Expect('the note''s text', len(qf) == 2 && qf[1].text ==# 'the block opened here', qf)
  let qf = s:Quickfix('examples/xinfang-department.ptl')
  call s:Expect('warnings', len(qf) == 3 && empty(filter(copy(qf), 'v:val.type !=# "w" || !v:val.valid')),
        \ map(copy(qf), '[v:val.lnum, v:val.col, v:val.type, v:val.text]'))
  let qf = s:Quickfix(s:tmp . 'comments.ptl')
  call s:Eq('a clean table: an empty list', qf, [])
  let file = s:tmp . 'open/project/ptlc.settings'
  call s:Edit(file)
  call setline(1, ['settings {', '    warn unknown-unti', '}'])
  silent write
  compiler ptlc
  silent make!
  let qf = getqflist()
  call s:Eq('a ptlc.settings: its error, where it is',
        \ map(copy(qf), '[fnamemodify(bufname(v:val.bufnr), ":p"), v:val.lnum, v:val.col, v:val.type, v:val.valid]'),
        \ [[fnamemodify(file, ':p'), 2, 10, 'e', 1]])
  call s:Expect('a ptlc.settings: the unknown rule', len(qf) == 1 && qf[0].text =~# '^\[unknown-rule\]: ', qf)
endfunction

function! s:Differ(got, want) abort
  let i = 0
  while i < len(a:got) && i < len(a:want) && a:got[i] ==# a:want[i]
    let i += 1
  endwhile
  return {'line': i + 1, 'got': get(a:got, i, '(end)'), 'want': get(a:want, i, '(end)')}
endfunction

" file reindented (its indentation stripped first, outside block comments)
" is want, ptlc fmt's output
function! s:ReindentEquals(file, want) abort
  call s:Edit(a:file)
  let want = readfile(a:want)
  syntax sync fromstart
  let code = filter(range(1, line('$')), 's:Group(v:val, 1) !=# "ptlComment"')
  for l in code
    call setline(l, substitute(getline(l), '^\s*', '', ''))
  endfor
  normal! gg=G
  call s:Expect('gg=G on ' . fnamemodify(a:file, ':t') . ' (stripped) is ptlc fmt''s layout',
        \ getline(1, '$') ==# want, s:Differ(getline(1, '$'), want))
  for l in code
    call setline(l, "\t  " . getline(l))
  endfor
  normal! gg=G
  call s:Expect('gg=G on ' . fnamemodify(a:file, ':t') . ' (tabs) is ptlc fmt''s layout',
        \ getline(1, '$') ==# want, s:Differ(getline(1, '$'), want))
  set nomodified
endfunction

function! s:TestIndent() abort
  for f in glob('examples/*.ptl', 0, 1)
    call s:ReindentEquals(f, s:tmp . fnamemodify(f, ':t:r') . '.fmt')
  endfor
  for f in glob('tests/fmt/zh/*.ptl', 0, 1)
    call s:ReindentEquals(f, s:tmp . fnamemodify(f, ':t:r') . '.zh.fmt')
  endfor
  call s:ReindentEquals(s:tmp . 'comments.ptl', s:tmp . 'comments.ptl')
  call s:Edit(s:tmp . 'o.ptl')
  call setline(1, ['project "x" {', '    indicators {', '    }', '}'])
  call cursor(2, 1)
  execute "normal! o产出指标 {\<CR>\"x\" >=\<CR>1 个\<CR>}\<Esc>"
  call s:Eq('o and typing indent each line', getline(3, 6),
        \ ['        产出指标 {', '            "x" >=', '                1 个', '        }'])
  set nomodified
endfunction

function! s:TestFormat() abort
  call s:Edit(s:tmp . 'messy.ptl')
  normal! gggqG
  call s:Eq('gq is ptlc fmt', getline(1, '$'), readfile(s:tmp . 'messy.fmt'))
  call setline(1, 'department "株洲市渌口区信访局" {{')
  let before = getline(1, '$')
  let v:errmsg = ''
  redir => msgs
  silent! normal! gggqG
  redir END
  call s:Eq('gq leaves a buffer with a syntax error as it is', getline(1, '$'), before)
  call s:Expect('and says why', msgs =~# 'ptlc fmt: .*messy\.ptl:1:\d\+: error\[syntax\]', msgs)
  set nomodified
endfunction

for s:t in ['Open', 'Keywords', 'Syntax', 'Quickfix', 'Indent', 'Format']
  try
    call call('s:Test' . s:t, [])
  catch
    call s:Expect('Test' . s:t . ' ran', 0, v:exception . ' at ' . v:throwpoint)
  endtry
endfor
call add(s:out, 'done')
call writefile(s:out, $RESULTS)
qa!
EOF

# results FILE NAME: count FILE's "ok"/"not ok" lines, and fail if the run
# did not finish
results() {
    if [ ! -f "$1" ]; then
        fail=$((fail + 1))
        echo "[FAIL] $2: no results"
        return
    fi
    while IFS= read -r line; do
        case $line in
            "ok "*) pass=$((pass + 1)) ;;
            "not ok "*) fail=$((fail + 1)); echo "[FAIL] $2: ${line#not ok }" ;;
        esac
    done <"$1"
    grep -qx done "$1" || { fail=$((fail + 1)); echo "[FAIL] $2: did not finish"; cat "$tmp/log.$2" 2>/dev/null; }
}

# ftype NAME FILETYPE FILE CMD...: CMD opening FILE gives FILETYPE
ftype() {
    name=$1 want=$2 file=$3
    shift 3
    rm -f "$tmp/ft"
    timeout 60 "$@" -c 'call writefile([&filetype], $TMPDIR_TEST . "/ft")' -c 'qa!' "$file" \
        >/dev/null 2>&1 </dev/null
    got=$(cat "$tmp/ft" 2>/dev/null)
    check "$name: $(basename "$file") is $want (got '$got')" test "$got" = "$want"
}

# editors/vim first in 'runtimepath' ($VIMRTP: any path, spaces and all)
VIMRTP=$rtp
export VIMRTP
mkdir -p "$tmp/bin"
cat >"$tmp/bin/vim-rtp" <<'EOF'
#!/bin/sh
exec vim -Nu NONE -i NONE -es --cmd 'let &rtp = $VIMRTP . "," . &rtp' --cmd 'filetype plugin indent on' "$@"
EOF
cat >"$tmp/bin/nvim-rtp" <<'EOF'
#!/bin/sh
exec nvim --headless -u NONE -i NONE --cmd 'let &rtp = $VIMRTP . "," . &rtp' --cmd 'filetype plugin indent on' "$@"
EOF
chmod +x "$tmp/bin/vim-rtp" "$tmp/bin/nvim-rtp"
mkdir -p "$tmp/home/.vim" "$tmp/home/.config/nvim"
cp -R editors/vim/. "$tmp/home/.vim/"
cp -R editors/vim/. "$tmp/home/.config/nvim/"
# without editors/vim, Vim and Neovim say python: what ftdetect must beat
for editor in "vim -es" "nvim --headless"; do
    rm -f "$tmp/ft"
    # shellcheck disable=SC2086
    timeout 60 $editor -u NONE -i NONE --cmd 'filetype on' -c 'call writefile([&filetype], $TMPDIR_TEST . "/ft")' \
        -c 'qa!' "$tmp/open/a.ptl" >/dev/null 2>&1 </dev/null
    echo "vim: without editors/vim, ${editor% *} opens a .ptl as '$(cat "$tmp/ft" 2>/dev/null)'"
done
for f in "$tmp/open/a.ptl" "$tmp/open/dir/表.ptl" "$tmp/open/project/ptlc.settings"; do
    ftype "vim, rtp" ptl "$f" "$tmp/bin/vim-rtp"
    ftype "vim, ~/.vim" ptl "$f" env HOME="$tmp/home" vim -Nu NONE -i NONE -es --cmd 'filetype plugin indent on'
    ftype "nvim, rtp" ptl "$f" "$tmp/bin/nvim-rtp"
    ftype "nvim, ~/.config/nvim" ptl "$f" env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" \
        nvim --headless -u NONE -i NONE --cmd 'filetype plugin indent on'
    ftype "nvim, filetype.lua" ptl "$f" nvim --headless -u NONE -i NONE --cmd 'lua vim.g.do_filetype_lua = 1' \
        --cmd 'let &rtp = $VIMRTP . "," . &rtp' --cmd 'filetype plugin indent on'
    ftype "nvim, filetype.lua only" ptl "$f" nvim --headless -u NONE -i NONE \
        --cmd 'lua vim.g.do_filetype_lua = 1; vim.g.did_load_filetypes = 0' \
        --cmd 'let &rtp = $VIMRTP . "," . &rtp' --cmd 'filetype plugin indent on'
done

for editor in vim nvim; do
    RESULTS=$tmp/results.$editor
    export RESULTS
    timeout 300 "$tmp/bin/$editor-rtp" --cmd 'syntax on' -S "$tmp/test.vim" >"$tmp/log.$editor" 2>&1 </dev/null
    results "$RESULTS" $editor
done

# Neovim and `ptlc lsp`, started as editors/nvim/README.md says (its
# Neovim 0.7 setup, the block after <!-- nvim-0.7 -->)
sed -n '/^<!-- nvim-0.7 -->$/,/^```$/p' editors/nvim/README.md | sed '1,2d;$d' >"$tmp/setup.lua"
check "editors/nvim/README.md has the Neovim 0.7 setup" grep -q 'ptlc' "$tmp/setup.lua"
cat >"$tmp/lsp.lua" <<'EOF'
-- the language server tests of check-vim.sh, in Neovim
local tmp = os.getenv('TMPDIR_TEST') .. '/'
local out = {}
local function expect(name, ok, detail)
  table.insert(out, (ok and 'ok ' or 'not ok ') .. name
    .. ((ok or detail == nil) and '' or (': ' .. vim.inspect(detail):gsub('\n%s*', ' '))))
end

local function text_of(contents)
  if type(contents) == 'string' then return contents end
  if type(contents) ~= 'table' then return '' end
  if contents.value then return contents.value end
  local parts = {}
  for _, c in ipairs(contents) do table.insert(parts, text_of(c)) end
  return table.concat(parts, '\n')
end

-- the diagnostics as the server sent them, for the code action's context
local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then published[vim.uri_to_fname(result.uri)] = result.diagnostics end
  return publish(err, result, ctx, config)
end

local function unit_diagnostic(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.message:find('万人次次', 1, true) then return d end
  end
end

-- the unknown unit's diagnostic, as Neovim shows it and as the server sent
-- it; returns its line (0-based), the line's text, its byte column and the
-- server's diagnostic
local function unit_checks(name, bufnr, file)
  local got = vim.wait(20000, function() return unit_diagnostic(bufnr) ~= nil end, 50)
  expect(name .. ': diagnostics arrive', got, vim.diagnostic.get(bufnr))
  local d = unit_diagnostic(bufnr)
  if not d then return end
  local lnum = vim.fn.search('万人次次', 'nw') - 1
  local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]
  local col = line:find('万人次次', 1, true) - 1
  expect(name .. ': the unknown unit: error', d.severity == vim.diagnostic.severity.ERROR, d.severity)
  expect(name .. ': the unknown unit: on its line', d.lnum == lnum, { got = d.lnum, want = lnum })
  expect(name .. ': the unknown unit: at the byte column of 万', d.col == col, { got = d.col, want = col })
  expect(name .. ': the unknown unit: to its end', d.end_lnum == lnum and d.end_col == col + #'万人次次',
    { got = { d.end_lnum, d.end_col }, want = { lnum, col + #'万人次次' } })
  local raw
  for _, r in ipairs(published[file] or {}) do
    if r.message:find('万人次次', 1, true) then raw = r end
  end
  expect(name .. ': the server names the rule', raw and raw.code == 'unknown-unit', raw)
  if raw then
    expect(name .. ': the server\'s column: UTF-16 units', raw.range.start.character ==
      vim.str_utfindex(line, col), { got = raw.range.start.character, want = vim.str_utfindex(line, col) })
  end
  return lnum, line, col, raw
end

-- the code action that replaces the unit, applied
local function replace_unit(name, bufnr, client, lnum, line, col, raw)
  local params = { textDocument = vim.lsp.util.make_text_document_params(), range = raw and raw.range
    or { start = { line = lnum, character = vim.str_utfindex(line, col) },
         ['end'] = { line = lnum, character = vim.str_utfindex(line, col + #'万人次次') } },
    context = { diagnostics = { raw } } }
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local action, titles = nil, {}
  for _, r in pairs(res) do
    for _, a in ipairs(r.result or {}) do
      table.insert(titles, a.title)
      if not action and a.title:find('万人次', 1, true) then action = a end
    end
  end
  expect(name .. ': a code action replaces the unit with 万人次', action ~= nil, titles)
  if not action then return end
  if not action.edit and not action.command and action.data then
    local resolved = client.request_sync('codeAction/resolve', action, 10000, bufnr)
    if resolved and resolved.result then action = resolved.result end
  end
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  elseif action.command then
    local command = type(action.command) == 'table' and action.command or action
    client.request_sync('workspace/executeCommand', command, 10000, bufnr)
  end
  local fixed = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]
  expect(name .. ': the code action applied: the line', fixed == (line:gsub('万人次次', '万人次')), fixed)
  local got = vim.wait(20000, function() return unit_diagnostic(bufnr) == nil end, 50)
  expect(name .. ': after the edit, the diagnostic goes', got, vim.diagnostic.get(bufnr))
end

local function run()
  local file = tmp .. 'lsp/bad.ptl'
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  expect('the buffer is ptl', vim.bo.filetype == 'ptl', vim.bo.filetype)
  -- the client is listed once it is initialized
  vim.wait(20000, function() return next(vim.lsp.buf_get_clients(bufnr)) ~= nil end, 50)
  local client
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do client = c end
  expect('the README setup attaches a client', client ~= nil)
  if not client then return end
  expect('the client is ptlc lsp', client.name == 'ptlc'
    and vim.deep_equal(client.config.cmd, { os.getenv('PTLC'), 'lsp' }), client.config.cmd)
  expect('its root is the repository', client.config.root_dir == vim.fn.fnamemodify(tmp .. 'lsp', ':p:h'),
    client.config.root_dir)

  local lnum, line, col, raw = unit_checks('opened', bufnr, file)
  if not lnum then return end

  -- completion after the 万 of the unknown unit
  vim.api.nvim_win_set_cursor(0, { lnum + 1, col + #'万' })
  local params = vim.lsp.util.make_position_params()
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 10000) or {}
  local labels = {}
  for _, r in pairs(res) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do labels[item.label] = true end
  end
  expect('completion offers units: 万元, 万人次', labels['万元'] and labels['万人次'], vim.tbl_keys(labels))

  -- hover on the 万元 of `amount 10 万元`
  local alnum = vim.fn.search('amount 10 万元', 'nw')
  local aline = vim.fn.getline(alnum)
  vim.api.nvim_win_set_cursor(0, { alnum, aline:find('万元', 1, true) - 1 })
  res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000) or {}
  local hover = ''
  for _, r in pairs(res) do
    if r.result then hover = hover .. text_of(r.result.contents) end
  end
  expect('hover on a unit tells of it', hover:find('万元', 1, true) ~= nil, hover)

  replace_unit('opened', bufnr, client, lnum, line, col, raw)

  -- a clean table; the unknown unit typed into it, a key at a time in
  -- insert mode, as a user types it (the client sends the changes)
  file = tmp .. 'lsp/typed.ptl'
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  bufnr = vim.api.nvim_get_current_buf()
  local attached = vim.wait(20000, function() return vim.lsp.buf_get_clients(bufnr)[client.id] ~= nil end, 50)
  expect('typed: the same client attaches', attached)
  local checked = vim.wait(20000, function() return published[file] ~= nil end, 50)
  expect('typed: the clean table is checked, and clean', checked and #published[file] == 0, published[file])
  local ulnum = vim.fn.search('万人次 }', 'nw')
  local uline = vim.fn.getline(ulnum)
  local last = uline:find('次 }', 1, true) - 1
  vim.api.nvim_win_set_cursor(0, { ulnum, last })
  vim.api.nvim_feedkeys('a次\27', 'xt', false)
  expect('typed: the line as typed', vim.fn.getline(ulnum) == (uline:gsub('万人次 }', '万人次次 }')),
    vim.fn.getline(ulnum))
  lnum, line, col, raw = unit_checks('typed', bufnr, file)
  if not lnum then return end
  expect('typed: on a line full of Chinese text', select(2, line:gsub('[\228-\233][\128-\191][\128-\191]', '')) >= 20,
    line)
  replace_unit('typed', bufnr, client, lnum, line, col, raw)
  vim.lsp.stop_client(client.id)
end

vim.g.ptlc_program = os.getenv('PTLC')
local ok, err = pcall(dofile, tmp .. 'setup.lua')
expect('the README setup runs', ok, err)
if ok then
  ok, err = pcall(run)
  expect('the tests ran', ok, err)
end
table.insert(out, 'done')
vim.fn.writefile(out, os.getenv('RESULTS'))
vim.cmd('qa!')
EOF
RESULTS=$tmp/results.lsp
export RESULTS
timeout 120 "$tmp/bin/nvim-rtp" -c 'execute "luafile" fnameescape($TMPDIR_TEST . "/lsp.lua")' >"$tmp/log.lsp" 2>&1 </dev/null
results "$RESULTS" lsp

[ -n "$VIM_TEST_SHOW" ] && cat "$tmp"/results.*
echo "vim: $pass passed, $fail failed"
[ $fail -eq 0 ]
