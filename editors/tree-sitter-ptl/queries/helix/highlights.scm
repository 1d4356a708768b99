; Syntax colours for .ptl in Helix: queries/highlights.scm with the capture
; names of Helix themes. Made by tests/check-tree-sitter.sh (UPDATE=1): edit
; queries/highlights.scm, not this file.
;
; Each token gets one capture, so the result does not depend on whether an
; editor lets the first or the last matching pattern win.

; ----- keywords, in both spellings (src/lex.c) -----

[
  "department" "部门" "project" "项目" "evaluation" "自评"
  "year" "年度" "filed" "填报日期" "filer" "填报人" "attachment" "附件"
  "duty" "履职目标" "task" "任务" "budget" "预算" "total" "资金总额"
  "source" "收入" "nature" "支出" "indicators" "绩效指标" "amount" "项目金额"
  "category" "项目类别" "period" "实施期" "goal" "绩效目标" "framework" "指标体系"
  "note" "备注" "unit" "计量单位" "dimension" "量纲" "vocabulary" "词表"
  "alias" "别名" "default" "默认" "weight" "权重" "standard" "评价标准"
  "allow" "豁免" "funding" "资金来源" "settings" "设置" "warn" "警告"
  "deny" "禁止" "set" "设定" "org" "机构" "person" "人员" "attribute" "属性"
  "text" "文字" "code" "编码" "phone" "电话" "share" "占比" "breakdown" "明细"
  "part" "分项" "score" "分值" "scoring" "评分标准" "execution" "预算执行"
  "outcome" "完成情况" "results" "实际完成值" "scored" "得分" "grade" "等级"
  "rate" "执行率" "reason" "偏差原因"
] @keyword

; ----- operators: the comparisons, and 定性/qual, 定量/quant -----

(operator) @operator
(alias_item "=" @operator)
(unit_declaration "=" @operator)

; ----- values -----

(string) @string
(escape_sequence) @constant.character.escape
(number) @constant.numeric
(number_range ".." @punctuation.delimiter)

; dates and periods: 2026-01-28, 2025年12月, 2023-07..2024-01
(date) @string.special
(date_range) @string.special

; units: 万元, %, 人, 元/人·月 (a compound unit is one capture)
(unit) @type

; ----- names -----

; the categories of an indicator tree: 产出指标 { 数量指标 { … } }, and of
; a framework declaration
(category_name) @label
(framework_body (alias_item name: (identifier) @label))
(framework_body (alias_item target: (identifier) @label))

; the lines of a budget, funding or execution block: source 一般公共预算 …
(budget_line name: (identifier) @variable.other.member)
(execution_line name: (identifier) @variable.other.member)
; the labels of printed fields: org 主管部门 "…"
(org_statement label: (identifier) @variable.other.member)
(person_statement label: (identifier) @variable.other.member)
(attribute_statement label: (identifier) @variable.other.member)
(text_statement label: (identifier) @variable.other.member)

; other bare names: vocabulary words, rule names, frameworks, figures
(category_statement name: (identifier) @constant)
(framework_statement name: (identifier) @constant)
(grade_statement grade: (identifier) @constant)
(standard_attribute name: (identifier) @constant)
(goal_statement period: (identifier) @constant)
(budget_block figure: (identifier) @constant)
(indicators_block period: (identifier) @constant)
(indicator value: (identifier) @constant)
(result value: (identifier) @constant)
(allow_statement rule: (identifier) @constant)
(allow_attribute rule: (identifier) @constant)
(setting rule: (identifier) @constant)
(setting name: (identifier) @constant)
(unit_declaration dimension: (identifier) @constant)
(dimension_declaration name: (identifier) @constant)
(dimension_property name: (identifier) @constant)
(framework_declaration name: (identifier) @constant)
(vocabulary_declaration name: (identifier) @constant)
(vocabulary_item name: (identifier) @constant)
(vocabulary_body (alias_item name: (identifier) @constant))
(vocabulary_body (alias_item target: (identifier) @constant))

; ----- comments and punctuation -----

(comment) @comment

["{" "}"] @punctuation.bracket
";" @punctuation.delimiter
