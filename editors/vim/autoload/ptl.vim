" Functions for ftplugin/ptl.vim.

" 'formatexpr': the lines v:lnum .. v:lnum + v:count - 1 through
" 'formatprg' (ptlc fmt -). With a syntax error ptlc prints nothing and
" exits 1: the lines are then left as they are and its first error is
" shown (a filter through 'formatprg' alone would put the error text in
" their place). In Insert mode (automatic wrapping) Vim formats itself.
function! ptl#formatexpr() abort
  if mode() =~# '[iR]' || empty(&formatprg)
    return 1
  endif
  let first = v:lnum
  let last = v:lnum + v:count - 1
  let lines = getline(first, last)
  let errfile = tempname()
  let out = systemlist(&formatprg . ' 2>' . shellescape(errfile), lines)
  let err = filereadable(errfile) ? readfile(errfile) : []
  call delete(errfile)
  if v:shell_error
    let msg = get(filter(copy(err), 'v:val =~# ": error"'), 0, get(err, 0, 'failed'))
    " <stdin>:2:12: …: line 2 of the lines formatted
    let msg = substitute(msg, '^<stdin>:\(\d\+\):', '\=bufname("%") . ":" . (submatch(1) + first - 1) . ":"', '')
    echohl ErrorMsg
    echomsg 'ptlc fmt: ' . msg
    echohl None
    return 0
  endif
  if out !=# lines
    let view = winsaveview()
    let n = len(lines)
    let m = len(out)
    if m > 0
      call setline(first, out[: min([n, m]) - 1])
    endif
    if m < n
      silent execute (first + m) . ',' . last . 'delete _'
    elseif m > n
      call append(last, out[n :])
    endif
    call winrestview(view)
  endif
  return 0
endfunction
