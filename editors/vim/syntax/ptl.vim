" Vim syntax for .ptl (ptlc) and ptlc.settings.
" Keywords must match src/lex.c; tests/check-editors.sh fails when they
" drift, and tests/check-vim.sh checks the groups below in Vim and Neovim.
"
" Groups: ptlTable ptlStatement ptlAttribute ptlDecl (keywords, in English
" and Chinese), ptlOperator (>= ≥ <= ≤ = > < .. 定性 定量), ptlNumber,
" ptlDate (2026-01-28, 2026-01, 2025年12月, 2025年12月31日, and periods
" 2023-07..2024-01), ptlUnit (the unit after a number: 万元 % ‰ 人 元/人·月,
" and the unit a `unit` declaration declares), ptlCategory (a bare name
" opening a block: 产出指标 {, 数量指标 {, a vocabulary's group), ptlType
" (the name of a dimension, vocabulary or framework), ptlString, ptlEscape,
" ptlComment, ptlFullwidth (input-method punctuation ptlc rejects).
if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match

" A name (docs/language.md, "Names"): letters of any script (CJK included,
" and ㎡ ㎥ …, which Vim counts as letters), digits after the first
" character, `_`, and the middle dots of compound units (人·月).
" s:name is a name that does not start with a digit.
let s:nc = '\%(\k\|[·・]\)'
let s:name = '\%(\d\)\@!' . s:nc . '\+'
let s:iso = '\d\{4}-\d\{2}\%(-\d\{2}\)\='
let s:cn = '\d\{4}年\d\{1,2}月\%(\d\{1,2}日\)\='

" Numbers: not the digits inside a name (指标2) or a date, nor after a lone
" `.`; after `..` (60..80, 2026..2028) they are numbers.
exe 'syn match ptlNumber "\%(' . s:nc . '\|\%(^\|[^.]\)\.\)\@<!-\=\d\+\%(\.\d\+\)\=\%(\d\)\@!"'
      \ . ' nextgroup=@ptlKeywords,ptlUnit skipwhite'
" Dates and periods, defined after numbers so that they win where both
" start: a date is one item, a period (two dates joined by ..) too.
exe 'syn match ptlDate "' . s:nc . '\@<!\%(' . s:iso . '\|' . s:cn . '\)'
      \ . '\%(\.\.\%(' . s:iso . '\|' . s:cn . '\)\)\=\%(\d\)\@!"'

syn keyword ptlTable      department project evaluation
syn keyword ptlStatement  year filed filer attachment duty task budget total source nature
syn keyword ptlStatement  indicators amount category period goal funding
syn keyword ptlStatement  framework nextgroup=ptlType skipwhite
syn keyword ptlStatement  org person attribute text code breakdown part
syn keyword ptlStatement  execution outcome results scored grade
syn keyword ptlAttribute  note weight standard allow phone share score scoring rate reason
syn keyword ptlDecl       unit nextgroup=ptlUnit skipwhite
syn keyword ptlDecl       dimension vocabulary nextgroup=ptlType skipwhite
syn keyword ptlDecl       alias default settings warn deny set
syn keyword ptlOperator   qual 定性 quant 定量
" the Chinese spellings of the same keywords (src/lex.c)
syn keyword ptlTable      部门 项目 自评
syn keyword ptlStatement  年度 填报日期 填报人 附件 履职目标 任务 预算 资金总额 收入 支出 绩效指标 项目金额 项目类别 实施期 绩效目标 资金来源 机构 人员 属性 文字 编码 明细 分项 预算执行 完成情况 实际完成值 得分 等级
syn keyword ptlStatement  指标体系 nextgroup=ptlType skipwhite
syn keyword ptlAttribute  备注 权重 评价标准 豁免 电话 占比 分值 评分标准 执行率 偏差原因
syn keyword ptlDecl       计量单位 nextgroup=ptlUnit skipwhite
syn keyword ptlDecl       量纲 词表 nextgroup=ptlType skipwhite
syn keyword ptlDecl       别名 默认 设置 警告 禁止 设定
syn cluster ptlKeywords   contains=ptlTable,ptlStatement,ptlAttribute,ptlDecl,ptlOperator

syn match   ptlOperator   "[<>]=\=\|=\|≥\|≤\|\.\."

" A unit: the name after a number (ptlNumber's nextgroup; a keyword there,
" as in `score 10 rate`, stays a keyword), a compound of names joined by /
" (元/人, 元/人·月), % and ‰ wherever they are, and the unit a `unit`
" (计量单位) declaration names.
exe 'syn match ptlUnit contained "%\|‰\|' . s:name . '\%(/' . s:name . '\)*"'
syn match   ptlUnit       "%\|‰"
" the name a dimension, vocabulary or framework declaration gives
exe 'syn match ptlType contained "' . s:name . '"'

" A category (产出指标 {, and 数量指标 { after another's {), or a group of a
" vocabulary: a bare name that opens a block, first on its line or after
" `{` or `;`. Keywords there (indicators {, budget {) stay keywords; a
" name after a keyword (budget 中期 {) is no category.
exe 'syn match ptlCategory "\%(^\|[{;]\)\s*\zs' . s:name . '\ze\s*{"'

" Input-method punctuation outside strings and comments: ptlc reports it
" (full-width ％ ＝ ＞ ＜ ｛ ｝ ； ／, curly quotes, the full-width space).
syn match   ptlFullwidth  "[％＝＞＜｛｝；／“”　]"

" A string is on one line: one left open ends at its line's end, as ptlc
" reads it. Escapes: \" \\ \n \t \u{XXXX}; any other is an error.
syn region  ptlString     start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=ptlEscapeError,ptlEscape,@Spell
syn match   ptlEscapeError contained "\\."
syn match   ptlEscape     contained "\\[nt\"\\]\|\\u{\x\{1,6}}"

syn keyword ptlTodo       contained TODO FIXME XXX NOTE
syn match   ptlComment    "//.*$" contains=ptlTodo,@Spell
syn region  ptlComment    start="/\*" end="\*/" contains=ptlTodo,@Spell
syn sync ccomment ptlComment minlines=30

hi def link ptlTable       Structure
hi def link ptlStatement   Keyword
hi def link ptlAttribute   Keyword
hi def link ptlDecl        PreProc
hi def link ptlOperator    Operator
hi def link ptlUnit        Type
hi def link ptlType        Type
hi def link ptlCategory    Function
hi def link ptlDate        Constant
hi def link ptlNumber      Number
hi def link ptlString      String
hi def link ptlEscape      SpecialChar
hi def link ptlEscapeError Error
hi def link ptlFullwidth   Error
hi def link ptlTodo        Todo
hi def link ptlComment     Comment

let b:current_syntax = "ptl"
let &cpo = s:cpo_save
unlet s:cpo_save s:nc s:name s:iso s:cn
