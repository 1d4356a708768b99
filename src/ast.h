/* ast: the syntax tree of .ptl files. Nodes are built by the grammar actions
 * (one ast_* call each) and never modified by the parser afterwards; the
 * checker only reads them and fills the `resolved` fields. Every node keeps
 * the byte span of its source text, and each file keeps its comments, so a
 * formatter can reproduce the exact source. Ownership: all nodes live in the
 * session arena; names are interned (compare by pointer). */
#ifndef PTL_AST_H
#define PTL_AST_H

#include <stdbool.h>

#include "arena.h"
#include "decimal.h"
#include "source.h"

typedef struct Session Session;

/* ===== leaves ===== */

typedef struct Name {           /* an identifier or a quoted name, interned */
    const char *text;           /* NULL when absent */
    Span span;
} Name;

typedef struct Text {           /* a string literal, escapes decoded */
    const char *text;           /* NULL when absent */
    size_t len;
    Span span;                  /* includes the quotes */
} Text;

typedef struct Number {
    Decimal dec;
    const char *text;           /* as written, for exact output */
    Span span;
    bool ok;                    /* false: too large (already reported) */
} Number;

typedef struct Date {
    int year, month, day;       /* day 0 for month precision (2026-12) */
    const char *text;
    Span span;
    bool ok;
} Date;

typedef struct Unit {           /* "万元", "%", "元/人": interned text */
    const char *text;           /* NULL when no unit was written */
    Span span;
} Unit;

typedef struct Quantity {
    Number num;
    Unit unit;
    Span span;
} Quantity;

/* ===== indicators ===== */

/* OP_NONE: the table prints a value without an operator (100%, 2280次);
 * OP_QUANT: it prints only 定量 (quantitative) in the 指标值类型 column. */
#define OPS(X)            \
    X(OP_GE, ">=", "≥")   \
    X(OP_LE, "<=", "≤")   \
    X(OP_EQ, "=", "=")    \
    X(OP_GT, ">", ">")    \
    X(OP_LT, "<", "<")    \
    X(OP_QUAL, "qual", "定性") \
    X(OP_NONE, "", "")    \
    X(OP_QUANT, "quant", "定量")

typedef enum Op {
#define X(id, ascii, cjk) id,
    OPS(X)
#undef X
} Op;

const char *op_ascii(Op op);
const char *op_symbol(Op op);   /* ≥ ≤ = > < 定性, as printed in tables */

/* VAL_NONE: the value cell is blank. */
typedef enum ValueKind {
    VAL_NONE, VAL_NUMBER, VAL_RANGE, VAL_TEXT, VAL_DATE, VAL_WORD, VAL_DATES
} ValueKind;

typedef struct Value {
    ValueKind kind;
    Number lo, hi;              /* lo alone for VAL_NUMBER */
    Text text;                  /* VAL_TEXT; VAL_WORD holds the bare word here too */
    Date date, date2;           /* VAL_DATE; VAL_DATES: date..date2 */
    Span span;
} Value;

/* An in-file suppression: `allow RULE "reason"` on a table or indicator. */
typedef struct Allow {
    Span span;
    Name rule;
    Text reason;
    Span scope;                 /* what it covers: the table or the indicator */
    int rule_id;                /* RuleId, set by the checker; -1 if unknown */
    bool used;                  /* set when it silenced something */
} Allow;

/* Trailing attributes of an indicator (or a task), collected by the grammar. */
typedef struct Attrs {
    Text note;                  /* 备注 */
    Number weight;              /* 权重 / 分值 */
    bool has_weight;
    Span weight_span;
    Name standard;              /* 历史标准, 行业标准, 计划标准 ... */
    PtrVec allows;              /* Allow * */
    Unit unit_column;           /* 计量单位, when printed apart from the value */
    Text scoring;               /* 评(扣)分标准 */
    Text duty;                  /* a task's 部门职能 */
} Attrs;

/* An indicator's target as the grammar reads it. */
typedef struct IndValue {
    Op op;
    Span op_span;
    Value value;
    Unit unit;
    Text explanation;
} IndValue;

/* A category's 分值, or its band (产出指标(40-50)分). */
typedef struct Score {
    Number lo, hi;
    bool given;
    Span span;
} Score;

typedef enum NodeKind { NODE_CATEGORY, NODE_INDICATOR } NodeKind;

/* What an indicator prints beside its target only now and then: kept apart
 * so that the indicator itself stays small (a 100 MB file holds 700,000
 * of them, and most print none of this). */
typedef struct IndicatorMore {
    Text note;                  /* 备注 */
    Number weight;
    bool has_weight;
    Name standard;
    PtrVec allows;              /* Allow * */
    Unit unit_column;           /* 计量单位 printed apart from the value (text NULL: none) */
    Text scoring;               /* 评(扣)分标准 */
} IndicatorMore;

typedef struct Indicator {
    NodeKind kind;              /* NODE_INDICATOR */
    Span span;
    Text name;
    Op op;
    Span op_span;
    Value value;
    Unit unit;
    Text explanation;           /* 指标值说明 */
    const IndicatorMore *more;  /* never NULL: all empty when the line prints none */
    struct Result *result;      /* filled by the evaluation pass: its 实际完成值, or NULL */
    bool broken;                /* the line had a syntax error: only the name was read */
    /* filled by the checker: the name and a text value with traditional
       characters folded (program_fold), for matching word lists only */
    const char *key, *value_key;
} Indicator;

typedef struct Category {
    NodeKind kind;              /* NODE_CATEGORY */
    Span span;
    Name name;                  /* as written; NULL text for the root */
    PtrVec items;               /* Category * and Indicator *, in source order */
    const char *canonical;      /* filled by the checker (alias resolved) */
    const char *standard;       /* the 101号 name it stands for (项目完成指标 -> 产出指标),
                                   from <framework>_standard; the rules read this */
    Score score;                /* 分值 or its band, when printed */
    /* filled by the checker: the 二级 a category written at the 一级 level
       names (005: 成本指标 with no 一级 above it), so rules judge its
       indicators by what it is; and whether its name is a template
       placeholder (009's "…" row), reported once as such */
    const char *misplaced_as;
    bool placeholder;
} Category;

/* ===== tables ===== */

#define FIELDS(X)                              \
    X(FIELD_YEAR, "year")                      \
    X(FIELD_FILED, "filed")                    \
    X(FIELD_FILER, "filer")                    \
    X(FIELD_ATTACHMENT, "attachment")          \
    X(FIELD_DUTY, "duty")                      \
    X(FIELD_TASK, "task")                      \
    X(FIELD_BUDGET, "budget")                  \
    X(FIELD_INDICATORS, "indicators")          \
    X(FIELD_DEPARTMENT, "department")          \
    X(FIELD_AMOUNT, "amount")                  \
    X(FIELD_CATEGORY, "category")              \
    X(FIELD_PERIOD, "period")                  \
    X(FIELD_GOAL, "goal")                      \
    X(FIELD_FRAMEWORK, "framework")            \
    X(FIELD_FUNDING, "funding")                \
    X(FIELD_ALLOW, "allow")                    \
    X(FIELD_ORG, "org")                        \
    X(FIELD_PERSON, "person")                  \
    X(FIELD_ATTRIBUTE, "attribute")            \
    X(FIELD_TEXT, "text")                      \
    X(FIELD_CODE, "code")                      \
    X(FIELD_BREAKDOWN, "breakdown")            \
    X(FIELD_EXECUTION, "execution")            \
    X(FIELD_OUTCOME, "outcome")                \
    X(FIELD_RESULTS, "results")                \
    X(FIELD_SCORED, "scored")                  \
    X(FIELD_GRADE, "grade")

typedef enum FieldKind {
#define X(id, name) id,
    FIELDS(X)
#undef X
    FIELD_COUNT
} FieldKind;

const char *field_name(FieldKind k);

typedef enum BudgetLineKind { BUDGET_TOTAL, BUDGET_SOURCE, BUDGET_NATURE } BudgetLineKind;

typedef struct BudgetLine {
    BudgetLineKind kind;
    Span span;
    Span key;
    Name name;                  /* for source and nature */
    Quantity amount;
    bool has_amount;            /* false: the table leaves the amount blank */
    Number share;               /* 占比 in %, when printed (text NULL: none) */
    PtrVec parts;               /* BudgetLine *: the line's own split, when given */
    bool has_parts;             /* a split block was written, even if empty */
    const char *canonical;      /* filled by the checker */
} BudgetLine;

/* One part of a breakdown (项目预算成本构成, 实施计划, a split of the amount):
 * a name, an amount, a text (测算依据), and parts of its own. A part with no
 * name is the breakdown's 合计 (total). */
typedef struct Part {
    Span span;
    Span key;
    Text name;
    Quantity amount;
    bool has_amount;
    Text basis;
    PtrVec parts;               /* Part * */
    bool has_parts;
} Part;

/* ===== self-evaluation (绩效自评表) ===== */

/* A line of an evaluation's execution block (资金情况): the 全年执行数 of
 * 资金总额 or of a source, with what the table prints beside it. The 全年预算数
 * is the target table's unless restated with `budget`. */
typedef struct ExecLine {
    BudgetLineKind kind;        /* total, a source or a nature (基本支出, 项目支出) */
    Span span;
    Span key;
    Name name;                  /* the source or nature */
    Quantity spent;             /* 全年执行数 */
    bool has_spent;
    Quantity budget;            /* 全年预算数, when restated */
    bool has_budget;
    Number points;              /* 分值 (text NULL: not printed) */
    Number rate;                /* 执行率 as printed */
    bool rate_percent;          /* printed with %: 100 %; else a fraction: 1 */
    Number scored;              /* 得分 as printed */
    const char *canonical;      /* filled by the checker */
} ExecLine;

/* Attributes of a result line, collected by the grammar. */
typedef struct ResultAttrs {
    Number points;              /* 分值 */
    Number scored;              /* 得分 written by the department */
    Text reason;                /* 偏差原因分析及改进措施 */
    Text note;
    PtrVec allows;              /* Allow * */
} ResultAttrs;

/* How an indicator's score was found, for the report and the message. */
typedef enum ScoreMethod {
    SCORE_NONE,                 /* not scored: no 分值, or no usable actual */
    SCORE_MET,                  /* the target is met: full points */
    SCORE_RATIO,                /* 分值 × actual / target (≥, >, =) */
    SCORE_INVERSE,              /* 分值 × target / actual (≤, <, = above) */
    SCORE_BAND                  /* 定性: a grade band of the points */
} ScoreMethod;

/* One indicator's 实际完成值 in an evaluation: it names an indicator of
 * the target table and never restates its target. */
typedef struct Result {
    Span span;
    Text name;
    Value actual;               /* VAL_NONE when blank */
    Unit unit;                  /* NULL text: the target's unit */
    Number points, scored;      /* text NULL when not written */
    Text reason, note;
    PtrVec allows;              /* Allow * */
    /* filled by the checker */
    Indicator *target;
    Category *l1, *l2;          /* the target's 一级 and 二级 */
    ScoreMethod method;
    Decimal max;                /* the 分值 in force (written, or the target's weight) */
    Decimal score;              /* computed, rounded once to 2 decimals */
    Decimal band_lo, band_hi;   /* SCORE_BAND: the band the grade allows */
    const char *band;           /* SCORE_BAND: 达成预期指标 ... */
    bool has_max, has_score;
    bool shortfall;             /* scored below its 分值 */
    bool mismatch;              /* the written 得分 disagrees (reported) */
} Result;

typedef struct Field {
    FieldKind kind;
    Span span;                  /* the whole statement */
    Span key;                   /* the keyword */
    Text text;                  /* duty, goal, filer, department; task name; org, person,
                                   attribute and text values; code; breakdown title */
    Text text2;                 /* task content; org code; person phone */
    Text text3;                 /* task duty (部门职能) */
    Name name;                  /* category, framework; the label of org, person,
                                   attribute and text; the figure of a budget (年度,
                                   中期 ...); the period of a goal or indicator tree */
    Date date2;                 /* period: the end date (date: the start) */
    bool ignored;               /* set by the checker: misplaced or a duplicate, not read */
    bool dates;                 /* period given as dates */
    Number num, num2;           /* year; period (num2 for a range) */
    bool is_range;
    Date date;                  /* filed */
    Quantity q;                 /* amount; task amount */
    bool has_q;
    PtrVec lines;               /* budget, funding: BudgetLine *; breakdown: Part *;
                                   execution: ExecLine *; results: Result * */
    Allow *allow;               /* allow */
    Category *root;             /* indicators */
} Field;

typedef enum TableKind { TABLE_DEPARTMENT, TABLE_PROJECT, TABLE_EVALUATION } TableKind;

/* What the evaluation pass computes for an evaluation (all exact, each
 * score rounded once to 2 decimals). */
typedef struct EvalSummary {
    struct Table *target;       /* the table evaluated, or NULL */
    const Field *budget;        /* the target's budget the 全年预算数 come from */
    bool has_rate;
    Decimal budget_total, spent_total;  /* 全年预算数 and 全年执行数 of 资金总额, in 万元 */
    Decimal rate;               /* 执行率 in %, 2 decimals */
    Decimal exec_max, exec_score;       /* its 分值 and 得分 */
    bool has_exec;
    Decimal indicator_max, indicator_score;
    Decimal total;              /* 自评得分 */
    const char *grade;          /* 优 良 中 差 */
    bool has_total;
} EvalSummary;

typedef struct Table {
    TableKind kind;
    Span span;
    Span key;
    Text name;
    PtrVec fields;              /* Field *, in source order */
    uint32_t file;
    /* filled by the checker: the first field of each kind, or NULL */
    Field *field[FIELD_COUNT];
    const struct Vocabulary *framework;  /* the indicator framework in force */
    EvalSummary *eval;          /* TABLE_EVALUATION: filled by the checker */
} Table;

/* ===== declarations (stdlib and user vocabularies) ===== */

typedef struct UnitDecl {
    Span span;
    Name symbol;
    Name dimension;
    bool has_factor;
    Number factor;              /* symbol = factor * base */
    Name base;
} UnitDecl;

typedef struct DimProp {
    Name key;
    Number value;
    bool has_value;
} DimProp;

typedef struct DimDecl {
    Span span;
    Name name;
    Text label;
    PtrVec props;               /* DimProp * */
} DimDecl;

typedef enum VocabItemKind { VOCAB_NAME, VOCAB_GROUP, VOCAB_ALIAS } VocabItemKind;

typedef struct VocabItem {
    VocabItemKind kind;
    Span span;
    Name name;
    Name target;                /* alias target */
    PtrVec items;               /* group members: VocabItem * */
} VocabItem;

typedef struct VocabDecl {
    Span span;
    bool is_framework;
    bool is_default;
    Name name;
    Text label;
    PtrVec items;               /* VocabItem * */
} VocabDecl;

typedef enum SettingKind { SETTING_ALLOW, SETTING_WARN, SETTING_DENY, SETTING_SET } SettingKind;

typedef struct SettingItem {
    SettingKind kind;
    Span span;
    Name name;                  /* a rule, "warnings", or a threshold */
    Number value;               /* SETTING_SET */
} SettingItem;

typedef struct SettingsDecl {
    Span span;
    PtrVec items;               /* SettingItem * */
} SettingsDecl;

typedef enum DeclKind { DECL_TABLE, DECL_UNIT, DECL_DIMENSION, DECL_VOCAB, DECL_SETTINGS } DeclKind;

typedef struct Decl {
    DeclKind kind;
    union {
        Table *table;
        UnitDecl *unit;
        DimDecl *dim;
        VocabDecl *vocab;
        SettingsDecl *settings;
    } u;
} Decl;

typedef struct AstFile {
    uint32_t file;
    PtrVec decls;               /* Decl * */
    size_t streamed;            /* tables checked as read and freed, not in decls
                                   (parse_source_streaming) */
    PtrVec comments;            /* Span * of every comment, in order */
    bool is_stdlib;
} AstFile;

/* ===== constructors (called from the grammar) ===== */

typedef struct Parser Parser;

AstFile *ast_file(Parser *p);
void ast_add_decl(Parser *p, DeclKind kind, void *node);
Table *ast_table(Parser *p, Span span, TableKind kind, Span key, Text name, PtrVec fields);
Field *ast_field(Parser *p, Span span, FieldKind kind, Span key);
Field *ast_field_text(Parser *p, Span span, FieldKind kind, Span key, Text text);
Field *ast_field_task(Parser *p, Span span, Span key, Text name, const Quantity *q, Text content,
                      const Attrs *attrs);
Field *ast_field_labelled(Parser *p, Span span, FieldKind kind, Span key, Name label, Text value,
                          Text extra);
Field *ast_field_goal(Parser *p, Span span, Span key, Name period, Text goal);
Field *ast_field_duration(Parser *p, Span span, Span key, Quantity q);
Field *ast_field_period_dates(Parser *p, Span span, Span key, Date from, Date to);
Field *ast_field_breakdown(Parser *p, Span span, Span key, Text title, PtrVec parts);
Part *ast_part(Parser *p, Span span, Span key, Text name, Quantity q, Text basis, PtrVec parts,
               bool has_parts);
Score *ast_score(Parser *p, Span span, Number lo, Number hi);
IndValue ast_ind_value(Op op, Span op_span, Value v, Unit unit, Text expl);
Value ast_value_dates(Span span, Date from, Date to);
void ast_attr_unit(Parser *p, Attrs *a, Span key, Unit u);
void ast_attr_scoring(Parser *p, Attrs *a, Text t);
void ast_attr_duty(Parser *p, Attrs *a, Text t);
Unit ast_unit_per(Parser *p, Span slash, Unit atom);
Field *ast_field_name(Parser *p, Span span, FieldKind kind, Span key, Name name);
Field *ast_field_number(Parser *p, Span span, FieldKind kind, Span key, Number n);
Field *ast_field_period(Parser *p, Span span, Span key, Number from, Number to);
Field *ast_field_date(Parser *p, Span span, Span key, Date d);
Field *ast_field_quantity(Parser *p, Span span, FieldKind kind, Span key, Quantity q);
Field *ast_field_budget(Parser *p, Span span, Span key, Name figure, PtrVec lines);
Field *ast_field_indicators(Parser *p, Span span, Span key, Name period, PtrVec items);
BudgetLine *ast_budget_line(Parser *p, Span span, BudgetLineKind kind, Span key, Name name,
                            Quantity q, Number share, PtrVec parts);
Category *ast_category(Parser *p, Span span, Name name, const Score *score, PtrVec items);
Indicator *ast_indicator(Parser *p, Span span, Text name, const IndValue *v, const Attrs *attrs);
Indicator *ast_broken_indicator(Parser *p, Span span, Text name);
void ast_attr_note(Parser *p, Attrs *a, Text note);
void ast_attr_weight(Parser *p, Attrs *a, Span key, Number w);
void ast_attr_standard(Parser *p, Attrs *a, Span key, Name standard);
void ast_attr_allow(Parser *p, Attrs *a, Span key, Name rule, Text reason);
Field *ast_field_funding(Parser *p, Span span, Span key, PtrVec lines);
Field *ast_field_allow(Parser *p, Span span, Span key, Name rule, Text reason);
Value ast_value_word(Parser *p, Name word);
SettingsDecl *ast_settings(Parser *p, Span span, PtrVec items);
SettingItem *ast_setting(Parser *p, Span span, SettingKind kind, Name name, const Number *value);
Value ast_value_number(Number n);
Value ast_value_range(Span span, Number lo, Number hi);
Value ast_value_text(Text t);
ExecLine *ast_exec_line(Parser *p, Span span, BudgetLineKind kind, Span key, Name name,
                        Quantity spent);
void ast_exec_budget(Parser *p, ExecLine *l, Span key, Quantity q);
void ast_exec_rate(Parser *p, ExecLine *l, Span key, Number n, bool percent);
Result *ast_result(Parser *p, Span span, Text name, Value actual, Unit unit,
                   const ResultAttrs *attrs);
void ast_result_number(Parser *p, Number *slot, Span key, Number n, const char *what);
void ast_result_text(Parser *p, Text *slot, Span key, Text t, const char *what);
void ast_result_allow(Parser *p, ResultAttrs *a, Span key, Name rule, Text reason);
Field *ast_field_lines(Parser *p, Span span, FieldKind kind, Span key, PtrVec lines);
Value ast_value_date(Date d);
Unit ast_unit_symbol(Parser *p, Span span, const char *symbol);
Unit ast_unit_begin(Parser *p, Unit atom);
Unit ast_unit_extend(Parser *p, Unit so_far, Unit atom, char sep);
Unit ast_unit_finish(Parser *p, Span span, Unit u);
Quantity ast_quantity(Span span, Number n, Unit u);
UnitDecl *ast_unit_decl(Parser *p, Span span, Name sym, Name dim, const Number *factor, Name base);
DimDecl *ast_dim_decl(Parser *p, Span span, Name name, Text label, PtrVec props);
DimProp *ast_dim_prop(Parser *p, Name key, const Number *value);
VocabDecl *ast_vocab_decl(Parser *p, Span span, bool framework, bool is_default, Name name,
                          Text label, PtrVec items);
VocabItem *ast_vocab_item(Parser *p, Span span, VocabItemKind kind, Name name, Name target,
                          PtrVec items);
void ast_push(Parser *p, PtrVec *v, void *item);
Name ast_name_of_text(Parser *p, Text t);

#endif
