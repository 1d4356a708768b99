" Vim syntax for .ptl (ptlc). Keywords must match src/lex.c; the test
" tests/check-editors.sh fails when they drift.
if exists("b:current_syntax")
  finish
endif

syn keyword ptlTable      department project evaluation
syn keyword ptlStatement  year filed filer attachment duty task budget total source nature
syn keyword ptlStatement  indicators amount category period goal framework funding
syn keyword ptlStatement  org person attribute text code breakdown part
syn keyword ptlStatement  execution outcome results scored grade
syn keyword ptlAttribute  note weight standard allow phone share score scoring rate reason
syn keyword ptlDecl       unit dimension vocabulary alias default settings warn deny set
syn keyword ptlOperator   qual 定性 quant 定量
syn match   ptlOperator   "[<>]=\?\|=\|≥\|≤\|\.\."
syn match   ptlUnit       "%\|‰"
syn match   ptlDate       "\<\d\{4}-\d\{2}\(-\d\{2}\)\?\>"
syn match   ptlNumber     "-\?\<\d\+\(\.\d\+\)\?\>"
syn region  ptlString     start=+"+ skip=+\\\\\|\\"+ end=+"+ oneline contains=ptlEscape
syn match   ptlEscape     contained "\\[nt\"\\]\|\\u{\x\+}"
syn match   ptlComment    "//.*$" contains=@Spell
syn region  ptlComment    start="/\*" end="\*/" contains=@Spell

hi def link ptlTable      Structure
hi def link ptlStatement  Keyword
hi def link ptlAttribute  Keyword
hi def link ptlDecl       PreProc
hi def link ptlOperator   Operator
hi def link ptlUnit       Type
hi def link ptlDate       Constant
hi def link ptlNumber     Number
hi def link ptlString     String
hi def link ptlEscape     SpecialChar
hi def link ptlComment    Comment

let b:current_syntax = "ptl"
