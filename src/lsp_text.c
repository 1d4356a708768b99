/* lsp_text: the language server's own words, English beside Chinese. The
 * diagnostics themselves come translated from the catalog (po/zh_CN.po);
 * these few labels are the editor's, not the checker's. */
#include "lsp_internal.h"

static const struct {
    const char *en, *zh;
} texts[LT_COUNT] = {
    [LT_REPLACE] = {"Replace '%s' with '%s'", "将“%s”改为“%s”"},
    [LT_DELETE] = {"Delete '%s'", "删除“%s”"},
    [LT_INSERT] = {"Insert '%s'", "插入“%s”"},
    [LT_APPLY_FIXES] = {"Apply ptlc's fixes", "应用 ptlc 的修正"},
    [LT_FIX_ALL] = {"Apply every fix ptlc is sure of in this file", "应用 ptlc 对本文件的全部修正"},
    [LT_LEVEL1] = {"一级指标 (level 1)", "一级指标"},
    [LT_LEVEL2] = {"二级指标 (level 2) under %s", "%s下的二级指标"},
    [LT_OF_FRAMEWORK] = {"framework %s", "指标体系 %s"},
    [LT_NOT_IN_FRAMEWORK] = {"not a category of framework %s", "不是指标体系 %s 的指标类别"},
    [LT_ALIAS_OF] = {"written for %s", "即“%s”"},
    [LT_PART_OF] = {"part of %s", "属于%s"},
    [LT_ITS_LEVEL2] = {"its 二级: %s", "其二级指标：%s"},
    [LT_UNIT_OF] = {"a unit of %s", "%s单位"},
    [LT_COMPOUND_UNIT] = {"%s per %s", "每%2$s的%1$s"},
    [LT_WHOLE_NUMBERS] = {"whole numbers only", "只能是整数"},
    [LT_COST_SUM] = {"the 成本指标 of this tree add up to %s; the table's amount is %s",
                     "本表成本指标合计 %s，资金总额 %s"},
    [LT_WEIGHT_SUM] = {"the weights of this tree add up to %s (%zu of its %zu indicators weighted); "
                       "weights-total is %s",
                       "本表指标权重合计 %1$s（%2$zu/%3$zu 个指标有权重），应为 %4$s"},
    [LT_SCORE_SUM] = {"the weights of this tree add up to %s (%zu of its %zu indicators weighted); "
                      "its 一级 print their 分值, so they must make score-total, %s",
                      "本表指标权重合计 %1$s（%2$zu/%3$zu 个指标有权重）；一级指标标有分值，应为 %4$s"},
    [LT_DIMENSION] = {"measures %s", "计量：%s"},
    [LT_QUALITATIVE] = {"定性 (a judgement, no unit)", "定性（无计量单位）"},
    [LT_CATEGORY] = {"category", "指标类别"},
    [LT_TABLE] = {"table", "表"},
    [LT_UNIT] = {"unit", "单位"},
    [LT_KEYWORD] = {"keyword", "关键字"},
    [LT_SOURCE] = {"income source (按收入性质分)", "收入（按收入性质分）"},
    [LT_NATURE] = {"spending nature (按支出性质分)", "支出（按支出性质分）"},
    [LT_RULE] = {"rule", "规则"},
    [LT_FRAMEWORK] = {"framework", "指标体系"},
};

const char *lsp_text(Lang lang, LspText t)
{
    if ((unsigned)t >= LT_COUNT)
        return "";
    return lang == LANG_ZH ? texts[t].zh : texts[t].en;
}
