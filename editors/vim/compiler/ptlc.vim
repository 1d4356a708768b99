" Vim compiler file for ptlc: `:compiler ptlc`, then `:make` checks the
" current file with `ptlc check` and fills the quickfix list.
" ptlc counts columns in code points; Vim's quickfix columns are bytes, so
" ptlc is asked for byte columns (--column-unit byte), and the cursor lands
" on the offending character of a line of Chinese text. The source and caret
" lines under each diagnostic and the summary line are skipped; notes are
" entries of their own (type n). The ptlc to run is g:ptlc_program (or
" b:ptlc_program), or else `ptlc`.
if exists("current_compiler")
  finish
endif
let current_compiler = "ptlc"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif
let s:cpo_save = &cpo
set cpo&vim

let s:ptlc = get(b:, 'ptlc_program', get(g:, 'ptlc_program', 'ptlc'))
let s:ptlc = s:ptlc =~# '^[[:alnum:]/._+-]\+$' ? s:ptlc : shellescape(s:ptlc)
" A ptlc.settings is checked as the settings of an empty table.
let s:args = expand('%:t') ==# 'ptlc.settings'
      \ ? ' --allow empty-file --settings %:S - </dev/null' : ' %:S'
execute 'CompilerSet makeprg=' . escape(s:ptlc . ' check --column-unit byte --color never' . s:args, ' \|"')

" file:line:col: severity[rule]: message, as docs/diagnostics.md gives it
" (in every --lang, the header is ASCII); the text keeps the rule:
" "[unknown-unit]: unknown unit …".
let s:efm = [
      \ '%-G%\s%#%*[0-9] |%.%#',
      \ '%-G%\s%#|%.%#',
      \ '%f:%l:%c: %trror%m',
      \ '%f:%l:%c: %tarning%m',
      \ '%f:%l:%c: %tote: %m',
      \ '%+Gptlc: %.%#',
      \ '%f: %trror: %m',
      \ '%f: %tarning: %m',
      \ '%-G%.%#',
      \ ]
execute 'CompilerSet errorformat=' . escape(join(s:efm, ','), ' \|"')
unlet s:efm s:ptlc s:args

let &cpo = s:cpo_save
unlet s:cpo_save
