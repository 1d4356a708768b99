/**
 * Tree-sitter grammar for .ptl, the language of budget performance target
 * tables (绩效目标表) that ptlc checks and compiles.
 *
 * This is grammar/ptl.y (the bison grammar ptlc really uses) and
 * grammar/ptl.l (its flex scanner) written for tree-sitter, for editors:
 * syntax colours and structure. ptlc stays the judge of what is valid;
 * this grammar accepts everything ptlc parses without a syntax error (and
 * somewhat more: see "Known differences" in README.md).
 * tests/check-tree-sitter.sh parses every .ptl file of the repository with
 * it and fails on any file ptlc accepts that this grammar does not.
 *
 * The language reference is docs/language.md; its "Grammar (EBNF)" section
 * is the same grammar as ptl.y, and the rule names below follow ptl.y's.
 */

/* global grammar, seq, choice, repeat, optional, field, alias, token, prec */

// Every keyword has an English and a Chinese spelling; they are the same
// keyword (src/lex.c, keywords[]). This table must list the same pairs;
// tests/check-tree-sitter.sh compares the two.
//
// Chinese keywords need no special treatment where the grammar wants a name
// (`budget 年度 { }`, `source 支出 …`): ptlc's driver (src/parse.c,
// wants_name) turns a Chinese keyword into a name there, and tree-sitter does
// the same by itself, because a word is only taken for a keyword where that
// keyword can stand (keyword extraction with `word`, below).
const KEYWORDS = {
  department: '部门',
  project: '项目',
  year: '年度',
  filed: '填报日期',
  filer: '填报人',
  attachment: '附件',
  duty: '履职目标',
  task: '任务',
  budget: '预算',
  total: '资金总额',
  source: '收入',
  nature: '支出',
  indicators: '绩效指标',
  amount: '项目金额',
  category: '项目类别',
  period: '实施期',
  goal: '绩效目标',
  framework: '指标体系',
  note: '备注',
  unit: '计量单位',
  dimension: '量纲',
  vocabulary: '词表',
  alias: '别名',
  default: '默认',
  qual: '定性',
  weight: '权重',
  standard: '评价标准',
  allow: '豁免',
  funding: '资金来源',
  settings: '设置',
  warn: '警告',
  deny: '禁止',
  set: '设定',
  org: '机构',
  person: '人员',
  attribute: '属性',
  text: '文字',
  code: '编码',
  phone: '电话',
  share: '占比',
  breakdown: '明细',
  part: '分项',
  score: '分值',
  scoring: '评分标准',
  quant: '定量',
  evaluation: '自评',
  execution: '预算执行',
  outcome: '完成情况',
  results: '实际完成值',
  scored: '得分',
  grade: '等级',
  rate: '执行率',
  reason: '偏差原因',
};

/** A keyword, in either spelling. */
function kw(en) {
  if (!(en in KEYWORDS)) throw new Error(`not a keyword: ${en}`);
  return choice(en, KEYWORDS[en]);
}

// Names (docs/language.md, "Names"): a letter or '_' first (Unicode L* and
// Nl, so every CJK character), then also digits, other numbers, combining
// marks, connector punctuation and the middle dots · and ・ of compound units
// (人·月); the squared unit signs U+3380..U+33DF (㎡ ㎥ ㎞ ㎏) anywhere.
// The same classes as ident_char() in src/lex.c.
//
// The blocks of ideographs and syllables are also listed by range: the
// Unicode tables of tree-sitter 0.22 give \p{L} only the first and the last
// character of a block that UnicodeData.txt lists as a range (一 and 鿿 but
// not 万元), so without them no CJK name but 一 would be one.
const IDEOGRAPHS = [
  '\\u3400-\\u4DBF', // CJK extension A
  '\\u4E00-\\u9FFF', // CJK unified ideographs
  '\\uAC00-\\uD7AF', // Hangul syllables
  '\\u{17000}-\\u{187FF}\\u{18D00}-\\u{18D7F}', // Tangut
  '\\u{20000}-\\u{2A6DF}\\u{2A700}-\\u{2EE5F}\\u{30000}-\\u{323AF}', // CJK extensions B-I
].join('');
const LETTER = `A-Za-z_\\p{L}\\p{Nl}${IDEOGRAPHS}\\u3380-\\u33DF`;
const NAME_START = `[${LETTER}]`;
const NAME_CHAR = `[${LETTER}0-9\\p{Nd}\\p{No}\\p{Mn}\\p{Mc}\\p{Pc}\\u00B7\\u30FB]`;
// kebab-case ASCII, so rule names can be written bare (cost-equals-budget)
const KEBAB = '[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)+';
// runs of template placeholder signs (** ×× ……) are names too, so ptlc can
// report them as placeholders (a single '*' is the unit operator)
const PLACEHOLDER = '\\*\\*+|\\u00D7+|\\u2026+';

/**
 * The items of a block (or of a file), one per statement. A statement ends
 * at a line break, at ';', or before the '}' that closes the block (and at
 * the end of the file), so the last item needs no terminator; empty
 * statements (blank lines, ';;') are nothing.
 */
function lines($, item) {
  return seq(repeat(choice($._end, seq(item, $._end))), optional(item));
}

/** '{' items '}', the items ending as statements do. */
function block($, item) {
  return seq('{', lines($, item), '}');
}

/**
 * A token after which a line break does not end the statement (ptlc's
 * ends_statement(): an operator, '..', '/', '='); _continuation is never
 * produced, it only tells the scanner where the parser stands.
 */
function carry($, tok) {
  return seq(tok, optional($._continuation));
}

module.exports = grammar({
  name: 'ptl',

  // A line break is not whitespace everywhere: ptlc's rule is "a line break
  // ends the statement unless the last token must be followed by more" (an
  // operator, '..', '/', '=', '{', ';'). The external scanner (src/scanner.c)
  // turns a line break into _newline, the end of a statement, except where
  // the parser stands after one of those tokens; there it is skipped like a
  // space. So a statement cut short by a line break (`year` ⏎ `2026`) is an
  // error here as in ptlc.
  extras: $ => [/[ \t\f\v\r\n\uFEFF]/, $.comment, $._scan],

  externals: $ => [
    // a line break that ends a statement (not one before a '{': Allman style
    // still opens the block, as in ptlc)
    $._newline,
    // a /* block comment */ that spans a line break, where a statement may
    // end: ptlc counts it as a line break
    $._comment_break,
    // never produced: valid where a line break carries the statement on
    $._continuation,
    // never produced either: an extra, so valid everywhere, so that the
    // scanner is asked everywhere (tree-sitter asks it only where one of its
    // tokens is valid), and sees a line break after a keyword too
    $._scan,
    // never produced: valid inside a string, where "/*" is text
    $._in_string,
  ],

  word: $ => $.identifier,

  rules: {
    // ===== files =====

    source_file: $ => lines($, $._declaration),

    _declaration: $ => choice(
      $.table,
      $.unit_declaration,
      $.dimension_declaration,
      $.framework_declaration,
      $.vocabulary_declaration,
      $.settings_declaration,
    ),

    // a statement ends at a line break, at ';', or at a block comment that
    // spans lines (kept as a comment node)
    _end: $ => choice($._newline, ';', alias($._comment_break, $.comment)),

    // ===== tables =====

    table: $ => seq(
      field('kind', choice(kw('department'), kw('project'), kw('evaluation'))),
      field('name', $.string),
      field('body', $.table_body),
    ),

    table_body: $ => block($, $._statement),

    // ptl.y's `field`: every statement of a table; which belong in which kind
    // of table is for the checker (misplaced-field), not the grammar
    _statement: $ => choice(
      $.year_statement,
      $.filed_statement,
      $.filer_statement,
      $.attachment_statement,
      $.duty_statement,
      $.task_statement,
      $.budget_block,
      $.indicators_block,
      $.org_statement,
      $.person_statement,
      $.attribute_statement,
      $.text_statement,
      $.code_statement,
      $.breakdown_block,
      $.department_statement,
      $.amount_statement,
      $.category_statement,
      $.period_statement,
      $.goal_statement,
      $.framework_statement,
      $.funding_block,
      $.allow_statement,
      $.execution_block,
      $.outcome_statement,
      $.results_block,
      $.scored_statement,
      $.grade_statement,
    ),

    year_statement: $ => seq(kw('year'), field('year', $.number)),
    filed_statement: $ => seq(kw('filed'), field('date', $.date)),
    filer_statement: $ => seq(kw('filer'), field('name', $.string)),
    attachment_statement: $ => seq(kw('attachment'), field('label', $.string)),
    duty_statement: $ => seq(kw('duty'), field('text', $.string)),
    code_statement: $ => seq(kw('code'), field('code', $.string)),
    department_statement: $ => seq(kw('department'), field('name', $.string)),
    amount_statement: $ => seq(kw('amount'), $._quantity),
    category_statement: $ => seq(kw('category'), field('name', $._name)),
    framework_statement: $ => seq(kw('framework'), field('name', $._name)),
    outcome_statement: $ => seq(kw('outcome'), field('text', $.string)),
    scored_statement: $ => seq(kw('scored'), field('score', $.number)),
    grade_statement: $ => seq(kw('grade'), field('grade', $._name)),

    // task "信访工作" [259.05 万元] "一是……" [duty "…"]…
    task_statement: $ => seq(
      kw('task'),
      field('name', $.string),
      optional($._quantity),
      field('text', $.string),
      repeat($.duty_attribute),
    ),
    duty_attribute: $ => seq(kw('duty'), field('text', $.string)),

    // org 主管部门 "县民宗委" [code "[077]"]
    org_statement: $ => seq(
      kw('org'),
      field('label', $._name),
      field('name', $.string),
      optional(seq(kw('code'), field('code', $.string))),
    ),
    // person 项目负责人 "徐德迁" [phone "13452649655"]
    person_statement: $ => seq(
      kw('person'),
      field('label', $._name),
      field('name', $.string),
      optional(seq(kw('phone'), field('phone', $.string))),
    ),
    attribute_statement: $ => seq(kw('attribute'), field('label', $._name), field('text', $.string)),
    text_statement: $ => seq(kw('text'), field('label', $._name), field('text', $.string)),

    // period 2026 | 2026..2028 | 3 年 | 2023-04 | 2023-04..2024-02
    period_statement: $ => seq(kw('period'), choice(
      field('years', $.number),
      field('years', $.number_range),
      seq(field('duration', $.number), field('unit', $.unit)),
      field('dates', $.date),
      field('dates', $.date_range),
    )),

    // goal [中期] "…": a goal per period when the table prints several
    goal_statement: $ => seq(
      kw('goal'),
      optional(field('period', $.identifier)),
      field('text', $.string),
    ),

    // allow RULE "reason": a finding accepted for the whole table
    allow_statement: $ => seq(kw('allow'), field('rule', $.identifier), field('reason', $.string)),

    // ===== budget and funding =====

    // budget [年初] { total …  source …  nature … }
    budget_block: $ => seq(
      kw('budget'),
      optional(field('figure', $.identifier)),
      field('body', $.budget_body),
    ),
    funding_block: $ => seq(kw('funding'), field('body', $.budget_body)),

    budget_body: $ => block($, $.budget_line),

    // an amount left blank in the table is written without one; a line may
    // be split into parts ({ source 一般公共预算 60 万元 … })
    budget_line: $ => choice(
      seq(kw('total'), optional($._quantity), optional($.share)),
      seq(
        choice(kw('source'), kw('nature')),
        field('name', $._name),
        optional($._quantity),
        optional($.share),
        optional(field('parts', $.budget_body)),
      ),
    ),

    // 占比 as printed: share 58.4 %
    share: $ => seq(kw('share'), field('value', $.number), field('unit', alias('%', $.unit))),

    // ===== breakdowns =====

    // breakdown "项目预算成本构成" { part "保安服务费" 191 万元 "依据…"  total 814 万元 }
    breakdown_block: $ => seq(kw('breakdown'), field('name', $.string), field('body', $.breakdown_body)),
    breakdown_body: $ => block($, $.part),
    part: $ => choice(
      seq(
        kw('part'),
        field('name', $.string),
        optional($._quantity),
        optional(field('text', $.string)),
        optional(field('parts', $.breakdown_body)),
      ),
      seq(kw('total'), $._quantity),
    ),

    // ===== self-evaluation =====

    // execution { total 89.974 万元 budget 90 万元 score 10 rate 100 % scored 10 }
    execution_block: $ => seq(kw('execution'), field('body', $.execution_body)),
    execution_body: $ => block($, $.execution_line),
    execution_line: $ => seq(
      choice(kw('total'), seq(choice(kw('source'), kw('nature')), field('name', $._name))),
      optional($._quantity),
      repeat(choice(
        $.budget_attribute,
        $.score_attribute,
        $.scored_attribute,
        $.rate_attribute,
      )),
    ),
    budget_attribute: $ => seq(kw('budget'), $._quantity),
    rate_attribute: $ => seq(
      kw('rate'),
      field('value', $.number),
      optional(field('unit', alias('%', $.unit))),
    ),

    // results { "name" ACTUAL [UNIT] [score N] [scored N] [reason "…"] … }
    results_block: $ => seq(kw('results'), field('body', $.results_body)),
    results_body: $ => block($, $.result),
    result: $ => seq(
      field('name', $.string),
      optional(seq(field('value', $._value), optional(field('unit', $.unit)))),
      repeat(choice(
        $.score_attribute,
        $.scored_attribute,
        $.reason_attribute,
        $.note_attribute,
        $.allow_attribute,
      )),
    ),
    score_attribute: $ => seq(kw('score'), field('value', $.number)),
    scored_attribute: $ => seq(kw('scored'), field('value', $.number)),
    reason_attribute: $ => seq(kw('reason'), field('text', $.string)),

    // ===== indicator trees =====

    // indicators [长期] { 产出指标 { 数量指标 { "…" ≥ 264 天 } } }
    indicators_block: $ => seq(
      kw('indicators'),
      optional(field('period', $.identifier)),
      field('body', $.category_body),
    ),

    category_body: $ => block($, choice($.category, $.indicator)),

    // a category (一级, 二级) by its name, bare or quoted, with its 分值
    category: $ => seq(
      field('name', choice(alias($.identifier, $.category_name), alias($.string, $.category_name))),
      optional($.score),
      field('body', $.category_body),
    ),

    // 分值 of a category, or its band: score 50, score 40..50
    score: $ => seq(kw('score'), field('value', choice($.number, $.number_range))),

    // "name" [OP] VALUE [UNIT] ["explanation"] [attributes]: a 三级 indicator;
    // the target may be printed without its operator (100%), or be blank
    indicator: $ => seq(
      field('name', $.string),
      optional(seq(
        optional(field('operator', $.operator)),
        field('value', $._value),
        optional(field('unit', $.unit)),
        optional(field('text', $.string)),
      )),
      repeat(choice(
        $.note_attribute,
        $.weight_attribute,
        $.standard_attribute,
        $.allow_attribute,
        $.unit_attribute,
        $.scoring_attribute,
      )),
    ),

    note_attribute: $ => seq(kw('note'), field('text', $.string)),
    weight_attribute: $ => seq(kw('weight'), field('value', $.number)),
    standard_attribute: $ => seq(kw('standard'), field('name', $._name)),
    allow_attribute: $ => seq(kw('allow'), field('rule', $.identifier), field('reason', $.string)),
    // 计量单位, the table's unit column, when it prints one
    unit_attribute: $ => seq(kw('unit'), field('unit', $.unit)),
    // 评(扣)分标准
    scoring_attribute: $ => seq(kw('scoring'), field('text', $.string)),

    // 定性/qual (a text target) and 定量/quant (a number) stand where the
    // comparison does
    // (a line break after 定量 ends the statement, as in ptlc: it is no
    // comparison)
    operator: $ => choice(
      ...['>=', '≥', '<=', '≤', '=', '>', '<'].map(op => carry($, op)),
      carry($, kw('qual')),
      kw('quant'),
    ),

    _value: $ => choice(
      $.number,
      $.number_range,
      $.date,
      $.date_range,
      $.string,
      // a bare word where a value belongs (a placeholder, 长期): the checker
      // reports it
      $.identifier,
    ),

    number_range: $ => seq(field('from', $.number), carry($, '..'), field('to', $.number)),
    // a period: 2023-07..2024-01
    date_range: $ => seq(field('from', $.date), carry($, '..'), field('to', $.date)),

    // ===== quantities and units =====

    _quantity: $ => seq(field('value', $.number), optional(field('unit', $.unit))),

    // 万元, %, 人·月, 元/人, 元/人·月, 元/人/月, 元/人*月 ('*' read as '·')
    unit: $ => seq(
      optional(carry($, '/')),
      $._unit_atom,
      repeat(seq(choice(carry($, '/'), '*'), $._unit_atom)),
    ),
    _unit_atom: $ => choice($.identifier, '%', '‰'),

    _name: $ => choice($.identifier, $.string),

    // ===== settings (ptlc.settings) =====

    settings_declaration: $ => seq(kw('settings'), field('body', $.settings_body)),
    settings_body: $ => block($, $.setting),
    setting: $ => choice(
      seq(choice(kw('allow'), kw('warn'), kw('deny')), field('rule', $.identifier)),
      seq(kw('set'), field('name', $.identifier), field('value', $.number)),
    ),

    // ===== declarations (the stdlib's, and a program's own) =====

    // unit 万元 money = 10000 元
    unit_declaration: $ => seq(
      kw('unit'),
      field('name', alias($._unit_atom, $.unit)),
      field('dimension', $.identifier),
      optional(seq(carry($, '='), field('factor', $.number), field('base', alias($._unit_atom, $.unit)))),
    ),

    // dimension count "数量" { integer  min 0 }: properties need no line ends
    dimension_declaration: $ => seq(
      kw('dimension'),
      field('name', $.identifier),
      optional(field('title', $.string)),
      field('body', $.dimension_body),
    ),
    dimension_body: $ => seq('{', repeat(choice($._end, $.dimension_property)), '}'),
    dimension_property: $ => seq(field('name', $.identifier), optional(field('value', $.number))),

    // [default] framework new "title" { 产出指标 { 数量指标 … }  alias 满意度 = 满意度指标 }
    // Its items are categories; a vocabulary's are plain words. Items need no
    // line ends between them.
    framework_declaration: $ => seq(
      optional(kw('default')),
      kw('framework'),
      field('name', $.identifier),
      optional(field('title', $.string)),
      field('body', $.framework_body),
    ),
    framework_body: $ => seq('{', repeat(choice($._end, $.framework_item, $.alias_item)), '}'),
    framework_item: $ => seq(
      field('name', choice(alias($.identifier, $.category_name), alias($.string, $.category_name))),
      optional(field('body', $.framework_body)),
    ),

    vocabulary_declaration: $ => seq(
      kw('vocabulary'),
      field('name', $.identifier),
      optional(field('title', $.string)),
      field('body', $.vocabulary_body),
    ),
    vocabulary_body: $ => seq('{', repeat(choice($._end, $.vocabulary_item, $.alias_item)), '}'),
    vocabulary_item: $ => seq(field('name', $._name), optional(field('body', $.vocabulary_body))),

    alias_item: $ => seq(kw('alias'), field('name', $._name), carry($, '='), field('target', $._name)),

    // ===== tokens =====

    // ('u': the classes name code points beyond U+FFFF)
    identifier: _ => token(new RegExp(`${NAME_START}${NAME_CHAR}*|${KEBAB}|${PLACEHOLDER}`, 'u')),

    // exact decimals: 264, 259.05, -3 (no '+', exponent or grouping)
    number: _ => /-?[0-9]+(\.[0-9]+)?/,

    // 2026-01-28, 2026-12, 2025年12月, 2025年12月31日 (ptlc rejects an
    // unpadded 2026-1-28 with a hint; accepting it here colours it as a date)
    date: _ => token(choice(
      /[0-9]{4}-[0-9]{1,2}(-[0-9]{1,2})?/,
      /[0-9]{4}年[0-9]{1,2}月([0-9]{1,2}日)?/,
    )),

    // "…" on one line, with the escapes \" \\ \n \t \u{XXXX}
    string: $ => seq(
      '"',
      repeat(choice($._string_content, $.escape_sequence, $._in_string)),
      token.immediate('"'),
    ),
    // prec(1): inside a string, "//" and "/*" are text, not comments
    _string_content: _ => token.immediate(prec(1, /[^"\\\r\n]+/)),
    escape_sequence: _ => token.immediate(seq('\\', choice(/["\\nt]/, /u\{[0-9A-Fa-f]{1,6}\}/))),

    // comments do not nest: the first */ ends a block comment
    comment: _ => token(choice(
      seq('//', /[^\r\n]*/),
      seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'),
    )),
  },
});
