/* ptl.y: the shape of .ptl files, and nothing else. Each action is one ast_*
 * call; every check lives in src/check_*.c. Statements end at a newline or
 * ';' (the token stream in parse.c inserts ';' where a line ends a statement,
 * as Go does), which gives natural line-oriented text and line-level error
 * recovery: a mistake costs the rest of its line, not the rest of the file. */
%require "3.8"

%code requires {
#include "ast.h"
#include "source.h"
}

%code provides {
int yylex(YYSTYPE *lval, Span *lloc, void *scanner, Parser *p);
void yyerror(Span *lloc, void *scanner, Parser *p, const char *msg);
}

%code {
#include <string.h>

#include "parse_internal.h"

/* A nonterminal spans its first to its last symbol; an empty one is a
 * zero-width span where the previous symbol ended. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                         \
    do {                                                     \
        if (N) {                                             \
            (Cur).file = YYRHSLOC(Rhs, 1).file;              \
            (Cur).start = YYRHSLOC(Rhs, 1).start;            \
            (Cur).end = YYRHSLOC(Rhs, N).end;                \
        } else {                                             \
            (Cur).file = YYRHSLOC(Rhs, 0).file;              \
            (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;  \
        }                                                    \
    } while (0)
#define YYLOCATION_PRINT(F, L) fprintf((F), "%u-%u", (L)->start, (L)->end)

/* Values bigger than a few words travel through the stack as pointers:
 * bison copies a semantic value at every shift and reduction, and with an
 * indicator's value (288 bytes) in the union the copying was half of
 * yyparse. The parts of an indicator, a result and a task are kept in the
 * parser (one is read at a time: none holds another); a category's score,
 * which waits on the stack while the categories inside it are read, in
 * the arena. */
#define EMPTY(slot) (memset(&(slot), 0, sizeof(slot)), &(slot))
#define KEEP(slot, v) ((slot) = (v), &(slot))
}

%define api.pure full
%define api.location.type {Span}
%define api.value.type union
%define api.token.prefix {TOK_}
%define parse.error custom
%define parse.lac full
%define parse.trace
%locations
%header
%param {void *scanner} {Parser *p}
%initial-action { @$.file = p->file; @$.start = @$.end = p->src->body; }

/* Resolve conflicts by changing the grammar, never by raising this number. */
%expect 0

%token END 0 "end of file"
%token <Text> STRING "string"
%token <Number> NUMBER "number"
%token <Date> DATE "date"
%token <Name> IDENT "name"
%token LBRACE "'{'" RBRACE "'}'" SEMI "end of line" SLASH "'/'" DOTDOT "'..'"
%token PERCENT "'%'" PERMILLE "'‰'"
%token GE "'>='" LE "'<='" GT "'>'" LT "'<'" EQ "'='"
%token QUAL "'qual'"
%token DEPARTMENT "'department'" PROJECT "'project'" YEAR "'year'" FILED "'filed'"
%token FILER "'filer'" ATTACHMENT "'attachment'" DUTY "'duty'" TASK "'task'"
%token BUDGET "'budget'" TOTAL "'total'" SOURCE "'source'" NATURE "'nature'"
%token INDICATORS "'indicators'" AMOUNT "'amount'" CATEGORY "'category'"
%token PERIOD "'period'" GOAL "'goal'" FRAMEWORK "'framework'" NOTE "'note'"
%token UNIT "'unit'" DIMENSION "'dimension'" VOCABULARY "'vocabulary'"
%token ALIAS "'alias'" DEFAULT "'default'"
%token WEIGHT "'weight'" STANDARD "'standard'" ALLOW "'allow'" FUNDING "'funding'"
%token SETTINGS "'settings'" WARN "'warn'" DENY "'deny'" SET "'set'"
%token ORG "'org'" PERSON "'person'" ATTRIBUTE "'attribute'" TEXT "'text'" CODE "'code'"
%token PHONE "'phone'" SHARE "'share'" BREAKDOWN "'breakdown'" PART "'part'" SCORE "'score'"
%token SCORING "'scoring'" QUANT "'quant'" STAR "'*'"
%token EVALUATION "'evaluation'" EXECUTION "'execution'" OUTCOME "'outcome'"
%token RESULTS "'results'" SCORED "'scored'" GRADE "'grade'" RATE "'rate'" REASON "'reason'"

%type <Table *> table
%type <PtrVec> fields budget_lines cat_items vocab_items dim_props parts sub_lines_opt
%type <PtrVec> exec_lines results
%type <ExecLine *> exec_line exec_attrs
%type <Result *> result
%type <ResultAttrs *> result_attrs
%type <Name> name_opt
%type <Text> code_opt phone_opt
%type <Number> share_opt
%type <Quantity> quantity_opt
%type <Score *> score_opt
%type <Part *> part
%type <Attrs *> task_attrs
%type <Field *> field
%type <BudgetLine *> budget_line
%type <void *> cat_item
%type <Indicator *> indicator
%type <IndValue *> ind_value
%type <Op> op
%type <Value *> value
%type <Unit> unit unit_atom unit_opt
%type <Quantity> quantity
%type <Name> name
%type <Text> text_opt
%type <Attrs *> ind_attrs
%type <SettingsDecl *> settings_decl
%type <PtrVec> setting_items
%type <SettingItem *> setting
%type <Number> number
%type <UnitDecl *> unit_decl
%type <DimDecl *> dim_decl
%type <DimProp *> dim_prop
%type <VocabDecl *> vocab_decl
%type <VocabItem *> vocab_item

%printer { fprintf(yyo, "\"%s\"", $$.text ? $$.text : ""); } <Text>
%printer { fprintf(yyo, "%s", $$.text ? $$.text : ""); } <Name> <Number> <Date>

%%

/* ===== files ===== */

/* a file: declarations and tables, one per statement */
file
    : %empty
    | file SEMI
    | file decl SEMI
    | file error SEMI           { yyerrok; }
    | file error skipped_block SEMI
                                { yyerrok; }
    ;

decl
    : table                     { ast_add_decl(p, DECL_TABLE, $1); }
    | unit_decl                 { ast_add_decl(p, DECL_UNIT, $1); }
    | dim_decl                  { ast_add_decl(p, DECL_DIMENSION, $1); }
    | vocab_decl                { ast_add_decl(p, DECL_VOCAB, $1); }
    | settings_decl             { ast_add_decl(p, DECL_SETTINGS, $1); }
    ;

/* ===== tables ===== */

/* a department-whole or project table */
table
    : DEPARTMENT STRING LBRACE fields RBRACE
        { $$ = ast_table(p, @$, TABLE_DEPARTMENT, @1, $2, $4); }
    | PROJECT STRING LBRACE fields RBRACE
        { $$ = ast_table(p, @$, TABLE_PROJECT, @1, $2, $4); }
    | EVALUATION STRING LBRACE fields RBRACE
        { $$ = ast_table(p, @$, TABLE_EVALUATION, @1, $2, $4); }
    ;

/* the statements of a table */
fields
    : %empty                    { $$ = (PtrVec){0}; }
    | fields SEMI               { $$ = $1; }
    | fields field SEMI         { $$ = $1; ast_push(p, &$$, $2); }
    | fields error SEMI         { $$ = $1; yyerrok; }
    | fields error skipped_block SEMI
                                { $$ = $1; yyerrok; }
    ;

field
    : YEAR number               { $$ = ast_field_number(p, @$, FIELD_YEAR, @1, $2); }
    | FILED DATE                { $$ = ast_field_date(p, @$, @1, $2); }
    | FILER STRING              { $$ = ast_field_text(p, @$, FIELD_FILER, @1, $2); }
    | ATTACHMENT STRING         { $$ = ast_field_text(p, @$, FIELD_ATTACHMENT, @1, $2); }
    | DUTY STRING               { $$ = ast_field_text(p, @$, FIELD_DUTY, @1, $2); }
    | TASK STRING STRING task_attrs
                                { $$ = ast_field_task(p, @$, @1, $2, NULL, $3, $4); }
    | TASK STRING quantity STRING task_attrs
                                { $$ = ast_field_task(p, @$, @1, $2, &$3, $4, $5); }
    | BUDGET name_opt LBRACE budget_lines RBRACE
                                { $$ = ast_field_budget(p, @$, @1, $2, $4); }
    | INDICATORS name_opt LBRACE cat_items RBRACE
                                { $$ = ast_field_indicators(p, @$, @1, $2, $4); }
    | ORG name STRING code_opt  { $$ = ast_field_labelled(p, @$, FIELD_ORG, @1, $2, $3, $4); }
    | PERSON name STRING phone_opt
                                { $$ = ast_field_labelled(p, @$, FIELD_PERSON, @1, $2, $3, $4); }
    | ATTRIBUTE name STRING     { $$ = ast_field_labelled(p, @$, FIELD_ATTRIBUTE, @1, $2, $3, (Text){0}); }
    | TEXT name STRING          { $$ = ast_field_labelled(p, @$, FIELD_TEXT, @1, $2, $3, (Text){0}); }
    | CODE STRING               { $$ = ast_field_text(p, @$, FIELD_CODE, @1, $2); }
    | BREAKDOWN STRING LBRACE parts RBRACE
                                { $$ = ast_field_breakdown(p, @$, @1, $2, $4); }
    | DEPARTMENT STRING         { $$ = ast_field_text(p, @$, FIELD_DEPARTMENT, @1, $2); }
    | AMOUNT quantity           { $$ = ast_field_quantity(p, @$, FIELD_AMOUNT, @1, $2); }
    | CATEGORY name             { $$ = ast_field_name(p, @$, FIELD_CATEGORY, @1, $2); }
    | PERIOD number             { $$ = ast_field_period(p, @$, @1, $2, $2); }
    | PERIOD number DOTDOT number
                                { $$ = ast_field_period(p, @$, @1, $2, $4); }
    | PERIOD number unit        { $$ = ast_field_duration(p, @$, @1, ast_quantity(span_join(@2, @3), $2, ast_unit_finish(p, @3, $3))); }
    | PERIOD DATE               { $$ = ast_field_period_dates(p, @$, @1, $2, $2); }
    | PERIOD DATE DOTDOT DATE   { $$ = ast_field_period_dates(p, @$, @1, $2, $4); }
    | GOAL STRING               { $$ = ast_field_goal(p, @$, @1, (Name){0}, $2); }
    | GOAL IDENT STRING         { $$ = ast_field_goal(p, @$, @1, $2, $3); }
    | FRAMEWORK name            { $$ = ast_field_name(p, @$, FIELD_FRAMEWORK, @1, $2); }
    | FUNDING LBRACE budget_lines RBRACE
                                { $$ = ast_field_funding(p, @$, @1, $3); }
    | ALLOW IDENT STRING        { $$ = ast_field_allow(p, @$, @1, $2, $3); }
    | EXECUTION LBRACE exec_lines RBRACE
                                { $$ = ast_field_lines(p, @$, FIELD_EXECUTION, @1, $3); }
    | OUTCOME STRING            { $$ = ast_field_text(p, @$, FIELD_OUTCOME, @1, $2); }
    | RESULTS LBRACE results RBRACE
                                { $$ = ast_field_lines(p, @$, FIELD_RESULTS, @1, $3); }
    | SCORED number             { $$ = ast_field_number(p, @$, FIELD_SCORED, @1, $2); }
    | GRADE name                { $$ = ast_field_name(p, @$, FIELD_GRADE, @1, $2); }
    ;

name_opt
    : %empty                    { $$ = (Name){0}; }
    | IDENT                     { $$ = $1; }
    ;

code_opt
    : %empty                    { $$ = (Text){0}; }
    | CODE STRING               { $$ = $2; }
    ;

phone_opt
    : %empty                    { $$ = (Text){0}; }
    | PHONE STRING              { $$ = $2; }
    ;

/* a task's trailing attributes: the 部门职能 it serves */
task_attrs
    : %empty                    { $$ = EMPTY(p->task_attrs); }
    | task_attrs DUTY STRING    { $$ = $1; ast_attr_duty(p, $$, $3); }
    ;

/* ===== breakdowns: parts that add up to their whole ===== */

/* breakdown "项目预算成本构成" { part "保安服务费" 191 万元 "依据招标文件"  total 814 万元 } */
parts
    : %empty                    { $$ = (PtrVec){0}; }
    | parts SEMI                { $$ = $1; }
    | parts part SEMI           { $$ = $1; ast_push(p, &$$, $2); }
    | parts error SEMI          { $$ = $1; yyerrok; }
    | parts error skipped_block SEMI
                                { $$ = $1; yyerrok; }
    ;

part
    : PART STRING quantity_opt text_opt
                                { $$ = ast_part(p, @$, @1, $2, $3, $4, (PtrVec){0}, false); }
    | PART STRING quantity_opt text_opt LBRACE parts RBRACE
                                { $$ = ast_part(p, @$, @1, $2, $3, $4, $6, true); }
    | TOTAL quantity            { $$ = ast_part(p, @$, @1, (Text){0}, $2, (Text){0}, (PtrVec){0}, false); }
    ;

quantity_opt
    : %empty                    { $$ = (Quantity){0}; }
    | quantity                  { $$ = $1; }
    ;

/* ===== budget blocks ===== */

/* 资金总额 and its two splits */
budget_lines
    : %empty                    { $$ = (PtrVec){0}; }
    | budget_lines SEMI         { $$ = $1; }
    | budget_lines budget_line SEMI
                                { $$ = $1; ast_push(p, &$$, $2); }
    | budget_lines error SEMI   { $$ = $1; yyerrok; }
    ;

/* an amount left blank in the table is written without one */
budget_line
    : TOTAL quantity_opt share_opt
                                { $$ = ast_budget_line(p, @$, BUDGET_TOTAL, @1, (Name){0}, $2, $3, (PtrVec){0}); }
    | SOURCE name quantity_opt share_opt sub_lines_opt
                                { $$ = ast_budget_line(p, @$, BUDGET_SOURCE, @1, $2, $3, $4, $5); }
    | NATURE name quantity_opt share_opt sub_lines_opt
                                { $$ = ast_budget_line(p, @$, BUDGET_NATURE, @1, $2, $3, $4, $5); }
    ;

/* 占比: the line's share of the total, as printed */
share_opt
    : %empty                    { $$ = (Number){0}; }
    | SHARE number PERCENT      { $$ = $2; }
    ;

/* the parts of a line: 基本支出 split by 财政拨款 / 专户资金 / 单位资金 */
sub_lines_opt
    : %empty                    { $$ = (PtrVec){0}; }
    | LBRACE budget_lines RBRACE
                                { $$ = $2; if (!$$.len) ast_push(p, &$$, NULL); }
    ;

/* ===== self-evaluation: execution and results ===== */

/* total 89.974 万元 score 10 rate 100 % scored 10: 全年执行数, then what the
   table prints beside it; `budget Q` restates the 全年预算数 */
exec_lines
    : %empty                    { $$ = (PtrVec){0}; }
    | exec_lines SEMI           { $$ = $1; }
    | exec_lines exec_line SEMI { $$ = $1; ast_push(p, &$$, $2); }
    | exec_lines error SEMI     { $$ = $1; yyerrok; }
    ;

exec_line
    : exec_attrs                { $$ = $1; $$->span = @$; }
    ;

exec_attrs
    : TOTAL quantity_opt        { $$ = ast_exec_line(p, @$, BUDGET_TOTAL, @1, (Name){0}, $2); }
    | SOURCE name quantity_opt  { $$ = ast_exec_line(p, @$, BUDGET_SOURCE, @1, $2, $3); }
    | NATURE name quantity_opt  { $$ = ast_exec_line(p, @$, BUDGET_NATURE, @1, $2, $3); }
    | exec_attrs BUDGET quantity
                                { $$ = $1; ast_exec_budget(p, $$, @2, $3); }
    | exec_attrs SCORE number   { $$ = $1; ast_result_number(p, &$$->points, @2, $3, "an execution line takes one 'score'"); }
    | exec_attrs SCORED number  { $$ = $1; ast_result_number(p, &$$->scored, @2, $3, "an execution line takes one 'scored'"); }
    | exec_attrs RATE number PERCENT
                                { $$ = $1; ast_exec_rate(p, $$, @2, $3, true); }
    | exec_attrs RATE number    { $$ = $1; ast_exec_rate(p, $$, @2, $3, false); }
    ;

/* "name" ACTUAL [UNIT] [score N] [scored N] [reason "..."]: an indicator of
   the target table, by name, with its 实际完成值 */
results
    : %empty                    { $$ = (PtrVec){0}; }
    | results SEMI              { $$ = $1; }
    | results result SEMI       { $$ = $1; ast_push(p, &$$, $2); }
    | results error SEMI        { $$ = $1; yyerrok; }
    ;

result
    : STRING result_attrs       { $$ = ast_result(p, @$, $1, (Value){0}, (Unit){0}, $2); }
    | STRING value unit_opt result_attrs
                                { $$ = ast_result(p, @$, $1, *$2, $3, $4); }
    ;

result_attrs
    : %empty                    { $$ = EMPTY(p->result_attrs); }
    | result_attrs SCORE number { $$ = $1; ast_result_number(p, &$$->points, @2, $3, "a result takes one 'score'"); }
    | result_attrs SCORED number
                                { $$ = $1; ast_result_number(p, &$$->scored, @2, $3, "a result takes one 'scored'"); }
    | result_attrs REASON STRING
                                { $$ = $1; ast_result_text(p, &$$->reason, @2, $3, "a result takes one 'reason'"); }
    | result_attrs NOTE STRING  { $$ = $1; ast_result_text(p, &$$->note, @2, $3, "a result takes one 'note'"); }
    | result_attrs ALLOW IDENT STRING
                                { $$ = $1; ast_result_allow(p, $$, @2, $3, $4); }
    ;

/* ===== indicator trees ===== */

/* categories (一级, 二级) and indicators (三级), in source order */
cat_items
    : %empty                    { $$ = (PtrVec){0}; }
    | cat_items SEMI            { $$ = $1; }
    | cat_items cat_item SEMI   { $$ = $1; ast_push(p, &$$, $2); }
    | cat_items STRING error SEMI
        /* an indicator line with a mistake keeps its name in the tree */
                                { $$ = $1; ast_push(p, &$$, ast_broken_indicator(p, @2, $2)); yyerrok; }
    | cat_items error SEMI      { $$ = $1; yyerrok; }
    | cat_items error skipped_block SEMI
                                { $$ = $1; yyerrok; }
    ;

cat_item
    : name score_opt LBRACE cat_items RBRACE
                                { $$ = ast_category(p, @$, $1, $2, $4); }
    | indicator                 { $$ = $1; }
    ;

/* 分值 of a category, or its band: 产出指标 score 50 { }, score 40..50 */
score_opt
    : %empty                    { $$ = NULL; }
    | SCORE number              { $$ = ast_score(p, @2, $2, $2); }
    | SCORE number DOTDOT number
                                { $$ = ast_score(p, span_join(@2, @4), $2, $4); }
    ;

/* "name" OP VALUE [UNIT] ["explanation"] [note "..."] [weight N] [standard S]
   [allow RULE "reason"] */
indicator
    : STRING ind_value ind_attrs
        { $$ = ast_indicator(p, @$, $1, $2, $3); }
    ;

/* the target: an operator and a value, a value printed without one (100%,
   2280次), 'quant' (定量) before it when the table says only that, or
   nothing at all when the cell is blank */
ind_value
    : %empty                    { $$ = KEEP(p->ind_value, ast_ind_value(OP_NONE, SPAN_NONE, (Value){0}, (Unit){0}, (Text){0})); }
    | op value unit_opt text_opt
                                { $$ = KEEP(p->ind_value, ast_ind_value($1, @1, *$2, $3, $4)); }
    | QUANT value unit_opt text_opt
                                { $$ = KEEP(p->ind_value, ast_ind_value(OP_QUANT, @1, *$2, $3, $4)); }
    | value unit_opt text_opt   { $$ = KEEP(p->ind_value, ast_ind_value(OP_NONE, SPAN_NONE, *$1, $2, $3)); }
    ;

ind_attrs
    : %empty                    { $$ = EMPTY(p->ind_attrs); }
    | ind_attrs NOTE STRING     { $$ = $1; ast_attr_note(p, $$, $3); }
    | ind_attrs WEIGHT number   { $$ = $1; ast_attr_weight(p, $$, @2, $3); }
    | ind_attrs STANDARD name   { $$ = $1; ast_attr_standard(p, $$, @2, $3); }
    | ind_attrs ALLOW IDENT STRING
                                { $$ = $1; ast_attr_allow(p, $$, @2, $3, $4); }
    | ind_attrs UNIT unit       { $$ = $1; ast_attr_unit(p, $$, @2, ast_unit_finish(p, @3, $3)); }
    | ind_attrs SCORING STRING  { $$ = $1; ast_attr_scoring(p, $$, $3); }
    ;

op
    : GE                        { $$ = OP_GE; }
    | LE                        { $$ = OP_LE; }
    | EQ                        { $$ = OP_EQ; }
    | GT                        { $$ = OP_GT; }
    | LT                        { $$ = OP_LT; }
    | QUAL                      { $$ = OP_QUAL; }
    ;

value
    : number                    { $$ = KEEP(p->value, ast_value_number($1)); }
    | number DOTDOT number      { $$ = KEEP(p->value, ast_value_range(@$, $1, $3)); }
    | DATE                      { $$ = KEEP(p->value, ast_value_date($1)); }
    | DATE DOTDOT DATE          { $$ = KEEP(p->value, ast_value_dates(@$, $1, $3)); }
    | STRING                    { $$ = KEEP(p->value, ast_value_text($1)); }
    | IDENT                     { $$ = KEEP(p->value, ast_value_word(p, $1)); }
    ;

text_opt
    : %empty                    { $$ = (Text){0}; }
    | STRING                    { $$ = $1; }
    ;

/* ===== values and units ===== */

quantity
    : number unit_opt           { $$ = ast_quantity(@$, $1, $2); }
    ;

number
    : NUMBER                    { $$ = $1; }
    ;

unit_opt
    : %empty                    { $$ = (Unit){0}; }
    | unit                      { $$ = ast_unit_finish(p, @1, $1); }
    ;

/* 万元, %, 元/人, 元/人·月: the text of a compound unit is collected in one
   buffer and interned once at the end, so a long one costs linear time */
unit
    : unit_atom                 { $$ = ast_unit_begin(p, $1); }
    | SLASH unit_atom           { $$ = ast_unit_per(p, @1, $2); }
    | unit SLASH unit_atom      { $$ = ast_unit_extend(p, $1, $3, '/'); }
    | unit STAR unit_atom       { $$ = ast_unit_extend(p, $1, $3, '*'); }
    ;

unit_atom
    : IDENT                     { $$ = (Unit){$1.text, @1}; }
    | PERCENT                   { $$ = ast_unit_symbol(p, @1, "%"); }
    | PERMILLE                  { $$ = ast_unit_symbol(p, @1, "‰"); }
    ;

name
    : IDENT                     { $$ = $1; }
    | STRING                    { $$ = ast_name_of_text(p, $1); }
    ;

/* ===== error recovery ===== */

/* After a mistake in a statement that opens a block, the whole block is
   skipped, so its contents do not each report an error of their own. */
skipped_block
    : LBRACE balanced RBRACE
    ;

balanced
    : %empty
    | balanced skipped_token
    | balanced LBRACE balanced RBRACE
    ;

skipped_token
    : STRING | NUMBER | DATE | IDENT | SEMI | SLASH | DOTDOT | PERCENT | PERMILLE
    | GE | LE | GT | LT | EQ | QUAL | DEPARTMENT | PROJECT | YEAR | FILED | FILER
    | ATTACHMENT | DUTY | TASK | BUDGET | TOTAL | SOURCE | NATURE | INDICATORS
    | AMOUNT | CATEGORY | PERIOD | GOAL | FRAMEWORK | NOTE | UNIT | DIMENSION
    | VOCABULARY | ALIAS | DEFAULT | WEIGHT | STANDARD | ALLOW | FUNDING | SETTINGS
    | WARN | DENY | SET | ORG | PERSON | ATTRIBUTE | TEXT | CODE | PHONE | SHARE
    | BREAKDOWN | PART | SCORE | SCORING | QUANT | STAR | EVALUATION | EXECUTION
    | OUTCOME | RESULTS | SCORED | GRADE | RATE | REASON
    ;

/* ===== settings (ptlc.settings, and the stdlib's defaults) ===== */

/* settings { deny cost-equals-budget  allow empty-category  set satisfaction-min 85 } */
settings_decl
    : SETTINGS LBRACE setting_items RBRACE
                                { $$ = ast_settings(p, @$, $3); }
    ;

setting_items
    : %empty                    { $$ = (PtrVec){0}; }
    | setting_items SEMI        { $$ = $1; }
    | setting_items setting SEMI
                                { $$ = $1; ast_push(p, &$$, $2); }
    | setting_items error SEMI  { $$ = $1; yyerrok; }
    ;

setting
    : ALLOW IDENT               { $$ = ast_setting(p, @$, SETTING_ALLOW, $2, NULL); }
    | WARN IDENT                { $$ = ast_setting(p, @$, SETTING_WARN, $2, NULL); }
    | DENY IDENT                { $$ = ast_setting(p, @$, SETTING_DENY, $2, NULL); }
    | SET IDENT number          { $$ = ast_setting(p, @$, SETTING_SET, $2, &$3); }
    ;

/* ===== vocabularies (stdlib and user declarations) ===== */

/* unit 万元 money = 10000 元 */
unit_decl
    : UNIT unit_atom IDENT      { $$ = ast_unit_decl(p, @$, (Name){$2.text, @2}, $3, NULL, (Name){0}); }
    | UNIT unit_atom IDENT EQ number unit_atom
        { $$ = ast_unit_decl(p, @$, (Name){$2.text, @2}, $3, &$5, (Name){$6.text, @6}); }
    ;

/* dimension count "计数" { integer  min 0 } */
dim_decl
    : DIMENSION IDENT text_opt LBRACE dim_props RBRACE
                                { $$ = ast_dim_decl(p, @$, $2, $3, $5); }
    ;

dim_props
    : %empty                    { $$ = (PtrVec){0}; }
    | dim_props SEMI            { $$ = $1; }
    | dim_props dim_prop        { $$ = $1; ast_push(p, &$$, $2); }
    | dim_props error SEMI      { $$ = $1; yyerrok; }
    ;

dim_prop
    : IDENT                     { $$ = ast_dim_prop(p, $1, NULL); }
    | IDENT number              { $$ = ast_dim_prop(p, $1, &$2); }
    ;

/* [default] framework NAME "title" { 一级 { 二级 ... } alias A = B }
   vocabulary NAME "title" { item ... alias A = B } */
vocab_decl
    : FRAMEWORK IDENT text_opt LBRACE vocab_items RBRACE
                                { $$ = ast_vocab_decl(p, @$, true, false, $2, $3, $5); }
    | DEFAULT FRAMEWORK IDENT text_opt LBRACE vocab_items RBRACE
                                { $$ = ast_vocab_decl(p, @$, true, true, $3, $4, $6); }
    | VOCABULARY IDENT text_opt LBRACE vocab_items RBRACE
                                { $$ = ast_vocab_decl(p, @$, false, false, $2, $3, $5); }
    ;

vocab_items
    : %empty                    { $$ = (PtrVec){0}; }
    | vocab_items SEMI          { $$ = $1; }
    | vocab_items vocab_item    { $$ = $1; ast_push(p, &$$, $2); }
    | vocab_items error SEMI    { $$ = $1; yyerrok; }
    ;

vocab_item
    : name                      { $$ = ast_vocab_item(p, @$, VOCAB_NAME, $1, (Name){0}, (PtrVec){0}); }
    | name LBRACE vocab_items RBRACE
                                { $$ = ast_vocab_item(p, @$, VOCAB_GROUP, $1, (Name){0}, $3); }
    | ALIAS name EQ name        { $$ = ast_vocab_item(p, @$, VOCAB_ALIAS, $2, $4, (PtrVec){0}); }
    ;

%%

/* Syntax errors are worded in parse.c (parse_syntax_error), which knows the
 * token stream; this hook only forwards the expected-token list. */
static int
yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, Parser *p)
{
    (void)scanner;
    enum { MAX_EXPECTED = 8 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    int n = yypcontext_expected_tokens(ctx, expected, MAX_EXPECTED);
    const char *names[MAX_EXPECTED];
    int k = n < 0 ? 0 : n;
    for (int i = 0; i < k; i++)
        names[i] = yysymbol_name(expected[i]);
    yysymbol_kind_t look = yypcontext_token(ctx);
    parse_syntax_error(p, *yypcontext_location(ctx), look == YYSYMBOL_YYEOF, names, n);
    return 0;
}

void yyerror(Span *lloc, void *scanner, Parser *p, const char *msg)
{
    (void)scanner;
    parse_internal_error(p, *lloc, msg);
}
