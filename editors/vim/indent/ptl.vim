" Vim indent for .ptl (ptlc): the indentation `ptlc fmt` gives.
"   - one 'shiftwidth' (4, set by ftplugin/ptl.vim, as ptlc fmt) per open
"     brace; a line starting with } one less;
"   - a statement broken after an operator (>= ≥ <= ≤ = > < .. / 定性 定量
"     qual quant), where ptlc reads no end of statement, goes on one level
"     deeper, as do the comments between;
"   - braces in strings and comments do not count; a string ends at its
"     line's end, as ptlc reads it; the lines inside a /* */ comment are
"     kept as written.
" Like Vim's other indent scripts, it trusts the indentation of the lines
" above (as `gg=G` leaves it). tests/check-vim.sh checks that `gg=G` gives
" ptlc fmt's layout for every example.
if exists("b:did_indent")
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetPtlIndent(v:lnum)
setlocal indentkeys=0},0{,!^F,o,O
setlocal nolisp nosmartindent nocindent autoindent
let b:undo_indent = 'setlocal indentexpr< indentkeys< lisp< smartindent< cindent< autoindent<'

if exists("*GetPtlIndent")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

" The next token from byte i: a string (one left open runs to the line's
" end), a comment opener or closer, a brace or `;`, a `/`, or a run of
" anything else.
let s:token = '"\%(\\.\|[^"\\]\)*"\=\|//\|/\*\|\*/\|[{};/]\|[^[:space:]"{};/]\+'
" A last token after which ptlc reads no end of statement.
let s:continues = '^\%([<>]=\=\|=\|≥\|≤\|/\|.*\.\.\|qual\|定性\|quant\|定量\)$'

" Scans line lnum, starting inside a /* */ comment if incomment: its braces
" (code only), the } it starts with, whether it ends inside a comment, and
" its last code token ('' if it has no code). Kept in m.scans: indenting a
" line changes none of this.
function! s:Scan(lnum, incomment, m) abort
  let key = a:lnum * 2 + a:incomment
  if has_key(a:m.scans, key)
    return a:m.scans[key]
  endif
  let s = getline(a:lnum)
  let r = {'opens': 0, 'closes': 0, 'lead': 0, 'incomment': a:incomment, 'last': ''}
  let leading = 1
  let i = 0
  while 1
    if r.incomment
      let e = stridx(s, '*/', i)
      if e < 0
        break
      endif
      let i = e + 2
      let r.incomment = 0
      continue
    endif
    let [t, b, e] = matchstrpos(s, s:token, i)
    if b < 0 || t ==# '//'
      break
    endif
    let i = e
    if t ==# '/*'
      let r.incomment = 1
      continue
    endif
    if t ==# '{'
      let r.opens += 1
    elseif t ==# '}'
      let r.closes += 1
      let r.lead += leading
    endif
    if t !=# '}'
      let leading = 0
    endif
    let r.last = t
  endwhile
  let a:m.scans[key] = r
  return r
endfunction

" How far back a /* */ comment is looked for: one longer than this that is
" still open is not seen.
let s:reach = 1000

" Whether line lnum starts inside a /* */ comment, kept in m.states. Only
" lines holding /* or */ change that (a string never spans lines): it
" follows from the line above when that is known; else the nearest such
" line decides, unless it reads differently from inside and outside a
" comment (a "/*" string, a `// */`), and then the one above it.
function! s:InComment(lnum, m) abort
  if has_key(a:m.states, a:lnum)
    return a:m.states[a:lnum]
  endif
  if has_key(a:m.states, a:lnum - 1)
    let state = s:Scan(a:lnum - 1, a:m.states[a:lnum - 1], a:m).incomment
  else
    let save = getpos('.')
    let undecided = []
    let state = 0
    call cursor(a:lnum, 1)
    while 1
      let l = search('/\*\|\*/', 'bW', max([1, a:lnum - s:reach]))
      if l <= 0
        break
      endif
      call cursor(l, 1)
      let out0 = s:Scan(l, 0, a:m).incomment
      let out1 = s:Scan(l, 1, a:m).incomment
      if out0 == out1
        let state = out0
        break
      endif
      call add(undecided, l)
    endwhile
    for l in reverse(undecided)
      let state = s:Scan(l, state, a:m).incomment
    endfor
    call setpos('.', save)
  endif
  let a:m.states[a:lnum] = state
  return state
endfunction

" Whether the statement before line lnum goes on on it: the last code token
" above (blank lines and comments skipped) lets no statement end.
function! s:Continued(lnum, m) abort
  let l = a:lnum - 1
  while l > 0 && l > a:lnum - s:reach
    if getline(l) !~ '^\s*$'
      let last = s:Scan(l, s:InComment(l, a:m), a:m).last
      if last !=# ''
        return last =~# s:continues
      endif
    endif
    let l -= 1
  endwhile
  return 0
endfunction

" What is known of the lines above: it stays true while only their
" indentation changes, that is when this line comes after the last one
" indented, with only blank lines between (which = skips, and empties), and
" nothing else changed: gg=G, o.
function! s:Known(lnum) abort
  let k = get(b:, 'ptl_indent_known', {})
  if empty(k) || k.lnum >= a:lnum || prevnonblank(a:lnum - 1) > k.lnum
        \ || b:changedtick - k.tick > a:lnum - k.lnum
    let k = {'states': {}, 'scans': {}}
  elseif len(k.scans) > 4 * s:reach
    call filter(k.scans, 'v:key / 2 >= a:lnum - s:reach')
    call filter(k.states, 'v:key + 0 >= a:lnum - s:reach')
  endif
  let k.lnum = a:lnum
  let k.tick = b:changedtick
  let b:ptl_indent_known = k
  return k
endfunction

function! GetPtlIndent(lnum) abort
  let m = s:Known(a:lnum)
  if s:InComment(a:lnum, m)
    return -1
  endif
  let sw = shiftwidth()
  let cur = s:Scan(a:lnum, 0, m)
  let p = prevnonblank(a:lnum - 1)
  let depth = 0
  if p > 0
    " the line the statement or comment that ends on p starts on
    let a = p
    while a > 1 && s:InComment(a, m)
      let a -= 1
    endwhile
    let depth = indent(a) / sw + s:Scan(a, 0, m).lead - s:Continued(a, m)
    let st = 0
    for l in range(a, p)
      let r = s:Scan(l, st, m)
      let depth += r.opens - r.closes
      let st = r.incomment
    endfor
  endif
  let level = max([depth - cur.lead, 0])
  if cur.lead == 0 && s:Continued(a:lnum, m)
    let level += 1
  endif
  return level * sw
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
