" Vim filetype plugin for .ptl (ptlc) and ptlc.settings.
"   - comments: // and /* */ (gc, gq and 'formatoptions' know them);
"   - 4 spaces per level, no tabs, as `ptlc fmt` lays a file out;
"   - gq formats with `ptlc fmt -` ('formatprg'): through 'formatexpr', so
"     that a range with a syntax error is left as it is and ptlc's first
"     error is shown, instead of the error replacing the text;
"   - :make runs `ptlc check` on the file (compiler/ptlc.vim), and the
"     quickfix list lands on the offending character, CJK text or not.
" The ptlc to run is g:ptlc_program (or b:ptlc_program), or else `ptlc`.
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1
let s:cpo_save = &cpo
set cpo&vim

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://
setlocal formatoptions-=t formatoptions+=croql
setlocal shiftwidth=4 softtabstop=4 expandtab

let s:ptlc = get(b:, 'ptlc_program', get(g:, 'ptlc_program', 'ptlc'))
let &l:formatprg = (s:ptlc =~# '^[[:alnum:]/._+-]\+$' ? s:ptlc : shellescape(s:ptlc)) . ' fmt -'
setlocal formatexpr=ptl#formatexpr()
unlet s:ptlc

" (formatprg, makeprg and errorformat are global-local: `set opt<` gives
" them back the global value)
let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< shiftwidth<'
      \ . ' softtabstop< expandtab< formatexpr< | set formatprg<'

if !exists('b:current_compiler')
  compiler ptlc
  let b:undo_ftplugin .= ' | set makeprg< errorformat< | unlet! b:current_compiler'
endif

let &cpo = s:cpo_save
unlet s:cpo_save
