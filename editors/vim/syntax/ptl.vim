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
" the Chinese spellings of the same keywords (src/lex.c)
syn keyword ptlTable      部门 项目 自评
syn keyword ptlStatement  年度 填报日期 填报人 附件 履职目标 任务 预算 资金总额 收入 支出 绩效指标 项目金额 项目类别 实施期 绩效目标 指标体系 资金来源 机构 人员 属性 文字 编码 明细 分项 预算执行 完成情况 实际完成值 得分 等级
syn keyword ptlAttribute  备注 权重 评价标准 豁免 电话 占比 分值 评分标准 执行率 偏差原因
syn keyword ptlDecl       计量单位 量纲 词表 别名 默认 设置 警告 禁止 设定
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
