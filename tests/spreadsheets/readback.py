#!/usr/bin/python3
"""readback.py MODE FILE...: reads ptlc's spreadsheets back with Debian's
python3-openpyxl (run with /usr/bin/python3) and checks what a reader sees.
Prints one line per check, "PASS name" or "FAIL name: detail"; the caller
(tests/check-spreadsheets.sh) counts them. Modes:

  seed-xlsx FILE      the seed workbook as ptlc wrote it
  seed-lo FILE        the same after a LibreOffice round trip (xlsx -> xlsx)
  seed-lo-csv FILE    LibreOffice's CSV export of the seed's first sheet
  hostile-xlsx FILE   tests/golden/csv/hostile.ptl as a workbook (also after LO)
  bidi-xlsx FILE      tests/golden/csv/bidi.ptl, built with --allow-errors
  long-xlsx FILE      a table whose name is longer than a cell holds
  values-xlsx FILE    tests/golden/emit/values.ptl: the layouts the seed lacks
  real-xlsx FILE      tests/golden/json/real-constructs.ptl: what real tables add
  eval-xlsx FILE      tests/golden/emit/evaluation.ptl: the 绩效自评表 sheets
  csv-seed FILE       the seed CSV (--bom) opened by LibreOffice, saved as xlsx
  csv-hostile FILE    tests/golden/csv/hostile.ptl as CSV, opened by LibreOffice
  csv-control FILE    an unguarded CSV opened by LibreOffice: proves the
                      formula check can fail (LibreOffice does make formulas)
"""
import csv
import sys
import zipfile

import openpyxl
from openpyxl.cell.cell import MergedCell

RESULTS = []

DUTY = ("负责处理群众来信，网上信访办理，接待群众来访，保证信访渠道畅通；做好区级领导接待上访"
        "群众的组织服务工作；及时、准确地向区委、区政府领导反映来信来访中提出的重要建议、意见和"
        "问题；协调处理群众集体上访和异常、突发信访事件及其它重要信访问题；组织安排到市、赴省、"
        "进京接访劝返工作。")
SHEETS = ["1 部门整体 株洲市渌口区信访局", "2 项目 安保信访维稳专项（含特护期京、郑、长、株等地）",
          "3 项目 驻京维稳工作组专项", "4 自评 株洲市渌口区信访局", "5 自评 驻京维稳工作组专项"]
HYPERLINK = '=HYPERLINK("http://x","y")'


def check(name, ok, detail=""):
    RESULTS.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)))


def find(ws, value):
    """The cells holding exactly value, in reading order."""
    return [c for row in ws.iter_rows() for c in row if c.value == value]


def one(ws, value):
    cells = find(ws, value)
    if len(cells) != 1:
        raise AssertionError("%r is in %d cells of %s" % (value, len(cells), ws.title))
    return cells[0]


def merged_at(ws, cell):
    """The merged range whose top-left cell is cell, or None."""
    for r in ws.merged_cells.ranges:
        if r.min_row == cell.row and r.min_col == cell.column:
            return r
    return None


def rows_spanned(ws, value, index=0):
    cell = find(ws, value)[index]
    r = merged_at(ws, cell)
    return (r.max_row - r.min_row + 1) if r else 1


def beside(ws, label, dc=0, dr=1):
    """The cell dr rows below and dc columns right of the cell labelled label."""
    c = one(ws, label)
    return ws.cell(row=c.row + dr, column=c.column + dc)


def row_of(ws, name):
    c = one(ws, name)
    return {ws.cell(row=c.row, column=k).value: k for k in range(1, ws.max_column + 1)}, c


def value_beside(ws, indicator, head):
    """The cell in indicator's row under the grid column headed head."""
    h = one(ws, head)
    r = one(ws, indicator)
    return ws.cell(row=r.row, column=h.column)


def is_number(cell, value, fmt=None):
    ok = cell.data_type == "n" and isinstance(cell.value, (int, float)) and cell.value == value
    return ok and (fmt is None or cell.number_format == fmt)


def indicator_rows(ws):
    """Rows below the grid head whose 三级指标 cell holds a name."""
    head = one(ws, "三级指标")
    return [ws.cell(row=r, column=head.column).value for r in range(head.row + 1, ws.max_row + 1)
            if ws.cell(row=r, column=head.column).value is not None]


def no_formulas(wb):
    return [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"]


def safe(name, fn):
    try:
        fn()
    except Exception as e:      # a missing cell is a failed check, not a crash
        check(name, False, "%s: %s" % (type(e).__name__, e))


# ===== the seed workbook =====

def seed_sheets(wb):
    check("three tables and two 自评表, named and numbered", wb.sheetnames == SHEETS,
          wb.sheetnames)
    check("sheet names fit Excel's 31 characters",
          all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in wb.sheetnames))


def seed_budget(ws):
    total = beside(ws, "资金总额")
    check("资金总额 259.05 is a number with format 0.00", is_number(total, 259.05, "0.00"),
          (total.value, total.data_type, total.number_format))
    check("资金总额 merged over two rows", rows_spanned(ws, "资金总额", 0) == 1
          and merged_at(ws, total) is not None and merged_at(ws, total).max_row == total.row + 1)
    for label, value in [("一般公共预算", 259.05), ("基本支出", 139.05), ("项目支出", 120)]:
        c = beside(ws, label)
        check("%s %s is a number with format 0.00" % (label, value), is_number(c, value, "0.00"),
              (c.value, c.data_type, c.number_format))
    for label in ["政府性基金拨款", "财政专户管理资金", "其他资金"]:
        check("%s is blank, as in the seed" % label, beside(ws, label).value is None)


def seed_department_grid(ws):
    for name, span in [("产出指标", 8), ("数量指标", 4), ("质量指标", 3), ("效益指标", 3),
                       ("成本指标", 5), ("经济成本指标", 3), ("预算情况", 3), ("年度主要任务", 2)]:
        got = rows_spanned(ws, name)
        check("department: %s merged over %d rows" % (name, span), got == span, got)
    top = one(ws, "产出指标")
    check("department: 一级指标 in column A", top.column == 1, top.coordinate)
    for name, value, fmt in [("公用经费成本", 26.48, "0.00"), ("项目经费成本", 120, "0.00"),
                             ("人员经费成本", 112.57, "0.00"), ("区领导坐班接访", 264, "0"),
                             ("信访事项按期办结率", 100, "0")]:
        c = value_beside(ws, name, "指标值")
        check("department: %s = %s, a number shown %s" % (name, value, fmt),
              is_number(c, value, fmt), (c.value, c.data_type, c.number_format))
    q = value_beside(ws, "调解协议率", "指标值")
    check("department: 调解协议率 is the text 高于市平均值", q.value == "高于市平均值"
          and q.data_type == "s", (q.value, q.data_type))
    op = value_beside(ws, "信访事项按期办结率", "指标值类型")
    check("department: the operator = is text, not a formula", op.value == "="
          and op.data_type == "s", (op.value, op.data_type))
    empty = one(ws, "经济效益")
    check("department: the empty category 经济效益 keeps its row",
          ws.cell(row=empty.row, column=3).value is None)


def seed_department(ws):
    title = one(ws, "2026年部门整体支出绩效目标表")
    r = merged_at(ws, title)
    check("department: title merged across A:H", r is not None and (r.min_col, r.max_col) == (1, 8),
          r)
    check("department: 单位：万元", len(find(ws, "单位：万元")) == 1)
    check("department: the filing date as on the form", len(find(ws, "2026.1.28")) == 1)
    check("department: 填报单位（盖章） left blank for the stamp",
          len(find(ws, "填报单位（盖章）：")) == 1)
    check("department: 附件3-1 above the title", one(ws, "附件3-1").row < title.row)
    check("department: name", beside(ws, "部门（单位）名称", 1, 0).value == "株洲市渌口区信访局")
    duty = beside(ws, "年度履职目标", 1, 0)
    check("department: 年度履职目标, the whole Chinese text", duty.value == DUTY, duty.value)
    check("department: long text wraps", duty.alignment.wrap_text is True)
    task = beside(ws, "任务名称")
    check("department: task 信访工作", task.value == "信访工作", task.value)
    seed_budget(ws)
    seed_department_grid(ws)


def seed_project(ws, name, spans, count):
    amount = beside(ws, "项目金额", 1, 0)
    check("%s: 项目金额 60 is a number with format 0.00" % name, is_number(amount, 60, "0.00"),
          (amount.value, amount.number_format))
    check("%s: 项目类别" % name, beside(ws, "项目类别", 1, 0).value == "特定目标类")
    check("%s: 实施期 2026年" % name, beside(ws, "项目支出实施期", 1, 0).value == "2026年")
    grid = one(ws, "本年度绩效指标")
    got = rows_spanned(ws, "本年度绩效指标")
    check("%s: 本年度绩效指标 merged over the grid" % name, got == count + 1, got)
    check("%s: 一级指标 in column B" % name, one(ws, "产出指标").column == 2 and grid.column == 1)
    for cat, span in spans:
        got = rows_spanned(ws, cat)
        check("%s: %s merged over %d rows" % (name, cat, span), got == span, got)
    cost = ws.cell(row=one(ws, "经济成本指标").row, column=one(ws, "指标值").column)
    check("%s: the cost indicator 60 is a number" % name, is_number(cost, 60, "0.00"),
          (cost.value, cost.number_format))


def thin_all_round(cell):
    sides = ("left", "right", "top", "bottom")
    return all(getattr(cell.border, side).style == "thin" for side in sides)


def borders_everywhere(ws):
    """Every cell from the first labelled row down has four thin sides; a
    merged range is judged by its top-left cell (openpyxl gives the cells
    inside a range only the range's outer edges)."""
    first = min(c.row for c in find(ws, "项目名称") + find(ws, "部门（单位）名称"))
    bad = [c.coordinate for row in ws.iter_rows(min_row=first) for c in row
           if not isinstance(c, MergedCell) and not thin_all_round(c)]
    check("%s: borders on every cell of the form" % ws.title, not bad, bad[:5])


def layout(ws, after_lo, long_text=True):
    """long_text: the sheet has text long enough to widen a column to 24."""
    widths = [ws.column_dimensions[chr(ord("A") + k)].width or 0 for k in range(ws.max_column)]
    check("%s: columns wide enough for Chinese text" % ws.title,
          min(widths) >= 8 and (max(widths) >= 24 or not long_text), widths)
    ps = ws.page_setup
    check("%s: A4 landscape" % ws.title, ps.orientation == "landscape" and int(ps.paperSize) == 9,
          (ps.orientation, ps.paperSize))
    check("%s: fit to one page wide" % ws.title, ws.sheet_properties.pageSetUpPr.fitToPage
          and int(ps.fitToWidth or 1) == 1 and int(ps.fitToHeight or 0) == 0,
          (ps.fitToWidth, ps.fitToHeight))   # fitToWidth="1" is the default, left out
    if not after_lo:
        heights = [ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)]
        check("%s: every row has a height" % ws.title, all(h and h >= 15 for h in heights), heights)


def seed(path, after_lo=False):
    wb = openpyxl.load_workbook(path)
    seed_sheets(wb)
    if len(wb.worksheets) != len(SHEETS):
        return
    d, p1, p2 = wb.worksheets[:3]
    safe("department sheet", lambda: seed_department(d))
    spans1 = [("产出指标", 5), ("数量指标", 3), ("效益指标", 3), ("成本指标", 3)]
    spans2 = [("产出指标", 6), ("质量指标", 3), ("数量指标", 2)]
    safe("project 1 sheet", lambda: seed_project(p1, "project 1", spans1, 12))
    safe("project 2 sheet", lambda: seed_project(p2, "project 2", spans2, 13))
    safe("project 2 filer", lambda: check("project 2: 填报人 and the date",
                                          len(find(p2, "填报人：胡心蕊　2026.1.28")) == 1))
    safe("categories as written", lambda: check(
        "categories as written (满意度 in the projects)",
        len(find(p1, "满意度")) == 1 and len(find(d, "满意度指标")) == 1))
    counts = []
    safe("indicator rows", lambda: counts.extend(len(indicator_rows(ws)) for ws in wb.worksheets))
    check("34 indicator rows across the tables (14 + 10 + 10), each 自评表 its target's",
          counts == [14, 10, 10, 14, 10], counts)
    check("no formula anywhere", not no_formulas(wb), no_formulas(wb)[:5])
    for ws in wb.worksheets:
        safe("borders " + ws.title, lambda: borders_everywhere(ws))
        safe("layout " + ws.title, lambda: layout(ws, after_lo))


def seed_lo_csv(path):
    """LibreOffice's CSV of the first sheet: the values as a reader sees them."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    cells = [c for row in rows for c in row]
    check("LO csv: the department's name", "株洲市渌口区信访局" in cells)
    check("LO csv: the duty text intact", DUTY in cells)
    budget = [r for r in rows if "139.05" in r]
    check("LO csv: 259.05 139.05 120.00 on one row", budget and budget[0][2] == "259.05"
          and budget[0][6:8] == ["139.05", "120.00"], budget)
    values = {r[2]: r[4] for r in rows if len(r) > 4}
    check("LO csv: 26.48, 112.57 and the text 高于市平均值",
          (values.get("公用经费成本"), values.get("人员经费成本"), values.get("调解协议率"))
          == ("26.48", "112.57", "高于市平均值"), values)
    check("LO csv: 14 indicator rows", sum(1 for r in rows if len(r) > 3 and r[3] in "≥≤=定性"
                                          and r[3] and r[2] != "三级指标") == 14)


# ===== hostile text =====

def texts(wb):
    return {c.value: c for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str)}


def hostile(path):
    wb = openpyxl.load_workbook(path)
    t = texts(wb)
    for s in [HYPERLINK, "@SUM(A1)", "+1", "-2", "-3", "=1+2", "=2*3", "+cmd|' /C calc'!A0",
              "\tTAB", "a, \"b\"\nc", "<script>alert(1)</script>", "<b>bold</b> & more",
              "_x0041_ stays", "@目标", "-较好",
              "<script>alert(1)</script>, \"quoted\"\nsecond line",
              "=主管部门", '+HYPERLINK("http://x")', "=主管部门编码", "-1", "@项目概况",
              "=cmd|' /C calc'!A0", "-依据", "其中：+子项"]:
        c = t.get(s)
        check("text cell, exactly as written: %r" % s, c is not None and c.data_type == "s",
              None if c is None else c.data_type)
    check("no formula anywhere", not no_formulas(wb), no_formulas(wb)[:5])
    with zipfile.ZipFile(path) as z:
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    # Excel decodes _xHHHH_ in stored text (_x0041_ would show as "A");
    # LibreOffice and openpyxl do not, so only the stored form tells.
    check("a literal _x0041_ is stored escaped as _x005F_x0041_ (ECMA-376 ST_Xstring)",
          "_x005F_x0041_ stays" in strings and ">_x0041_ stays" not in strings)
    long_name = "很长的项目名称" * 100
    check("a 700-character name whole in its cell", long_name in t)
    check("sheet names cut to 31 characters, forbidden characters replaced",
          [len(n) for n in wb.sheetnames] == [31, 31] and "/" not in wb.sheetnames[0]
          and wb.sheetnames[1] == ("2 项目 " + long_name)[:31], wb.sheetnames)


def bidi(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    a1 = ws["A1"]
    check("--allow-errors: the first row says so", str(a1.value).startswith(
        "本表含有错误，未通过 ptlc 检查（6 个错误）"), a1.value)
    r = merged_at(ws, a1)
    check("--allow-errors: across the whole form", r is not None and r.max_col == 8, r)
    check("--allow-errors: in red", a1.font.color is not None and a1.font.color.rgb == "FFFF0000",
          a1.font.color)
    t = texts(wb)
    check("bidi controls shown as <U+202E>", "信访局<U+202E>12.052 万元<U+202C>" in t
          and "说明<U+2066>隔离<U+2069>" in t, sorted(t)[:12])
    hidden = [s for s in t if any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069
                                  for ch in s)]
    check("no bidi control passed on", not hidden, hidden)


def long_cell(path):
    wb = openpyxl.load_workbook(path)
    cell = beside(wb.worksheets[0], "三级指标")
    v = cell.value or ""
    check("an over-long name is cut at Excel's 32767 characters, visibly",
          len(v) == 32767 and v.endswith("…（已截断）") and v.startswith("长" * 1000), len(v))


# ===== the other layouts: tests/golden/emit/values.ptl =====

def values(path):
    wb = openpyxl.load_workbook(path)
    d, p = wb.worksheets
    nature = beside(d, "基本支出")
    check("an amount in 元 keeps its unit: 105000.00 元", is_number(nature, 105000, '0.00" 元"'),
          (nature.value, nature.number_format))
    task = beside(d, "预算金额", 0, 1)
    check("a task's 预算金额 10.50 is a number", is_number(task, 10.5, "0.00"), (task.value,))
    check("a range shows 60～80", len(find(d, "60～80")) == 1)
    std = value_beside(d, "比例", "指标值设定依据")
    check("指标值设定依据 appears when used", std.value == "计划标准", std.value)
    head = find(d, "备注")[0]     # the column head; the other is an indicator's note
    check("the grid grows to 9 columns, the budget's last column with it",
          head.column == 9 and merged_at(d, beside(d, "项目支出", 0, 0)).max_col == 9)
    check("a period range shows 2026年—2028年",
          beside(p, "项目支出实施期", 1, 0).value == "2026年—2028年")
    src = beside(p, "资金来源", 1, 0)
    check("资金来源: the line as written, its amount a number", src.value == "一般公共预算拨款"
          and is_number(p.cell(row=src.row, column=5), 0, "0.00"))
    check("a duty's line break and tab survive",
          beside(d, "年度履职目标", 1, 0).value == "第一行\n第二行\t制表")


# ===== what real tables add: tests/golden/json/real-constructs.ptl =====

def under(ws, name, head):
    """The cell in name's row under the nearest column head above it: a sheet
    with several grids repeats the heads."""
    r = one(ws, name)
    h = max((c for c in find(ws, head) if c.row < r.row), key=lambda c: c.row)
    return ws.cell(row=r.row, column=h.column)


def real_project(ws):
    mid = under(ws, "资金总额", "中期")
    check("real: the 中期 资金总额 195 beside the year's", is_number(mid, 195, "0.00")
          and is_number(under(ws, "资金总额", "年度"), 65, "0.00"), (mid.value,))
    share = under(ws, "资金总额", "占比")
    # LibreOffice writes the quoted literal back as an escaped one, 0\%
    check("real: 占比 100 is a number shown 100%", is_number(share, 100)
          and share.number_format in ('0"%"', '0\\%'), (share.value, share.number_format))
    part = under(ws, "其中：一般公共预算", "年度")
    check("real: a line's split 其中：一般公共预算 60", is_number(part, 60, "0.00"), (part.value,))
    total = under(ws, "合计", "金额")
    check("real: the breakdown's 合计 65 is a number", is_number(total, 65, "0.00"), (total.value,))
    check("real: the breakdown titled as written, merged down its rows",
          rows_spanned(ws, "项目预算成本构成") == 7, rows_spanned(ws, "项目预算成本构成"))
    check("real: a blank part is a blank cell", under(ws, "设备", "金额").value is None)
    op = under(ws, "新建厕所", "指标值类型")
    check("real: 定量 in 指标值类型", op.value == "定量" and op.data_type == "s", op.value)
    check("real: 计量单位 in a column of its own", under(ws, "新建厕所", "计量单位").value == "个")
    check("real: no operator is a blank 指标值类型",
          under(ws, "硬化室外晒坝", "指标值类型").value is None
          and is_number(under(ws, "硬化室外晒坝", "指标值"), 420, "0"))
    check("real: a blank value is a blank cell", under(ws, "备用指标", "指标值").value is None)
    check("real: 评(扣)分标准 as a column",
          under(ws, "带动群众务工", "评(扣)分标准").value == "每少1人扣1分")
    check("real: a score band on its 一级, merged over its rows",
          rows_spanned(ws, "产出指标(40-50分)") == 5, rows_spanned(ws, "产出指标(40-50分)"))
    check("real: the 长期 tree as its own grid", rows_spanned(ws, "长期绩效指标") == 5
          and one(ws, "长期绩效指标").row > one(ws, "本年度绩效指标").row)
    check("real: goals side by side", one(ws, "中期目标").row == one(ws, "年度目标").row
          and beside(ws, "中期目标").value == "三年内建成加工园。")
    check("real: codes beside their names", beside(ws, "项目编码", 1, 0).value == "917001"
          and beside(ws, "主管部门编码", 1, 0).value == "[077]")
    check("real: a person's phone", beside(ws, "联系电话", 1, 0).value == "13452649655")
    check("real: 项目金额 from the budget's 资金总额", is_number(beside(ws, "项目金额", 1, 0), 65, "0.00"))


def real_others(p, d):
    src = one(p, "其中：一般公共预算")
    check("real: a funding line's split, its amount a number", is_number(
        p.cell(row=src.row, column=5), 6.3, "0.00") and len(find(p, "财政拨款（占比100%）")) == 1)
    check("real: a duration as 项目支出实施期", beside(p, "项目支出实施期", 1, 0).value == "3年")
    split = value_beside(d, "其中：财政拨款", "金额")
    check("real: a department's nature split by source", is_number(split, 100, "0.00"),
          (split.value,))
    check("real: the task's 部门职能", beside(d, "部门职能").value == "确保日常工作正常运行")


def real(path):
    wb = openpyxl.load_workbook(path)
    check("real: three sheets", len(wb.worksheets) == 3, wb.sheetnames)
    if len(wb.worksheets) != 3:
        return
    p1, p2, d = wb.worksheets
    safe("real project sheet", lambda: real_project(p1))
    safe("real other sheets", lambda: real_others(p2, d))
    check("real: no formula anywhere", not no_formulas(wb), no_formulas(wb)[:5])
    for ws in wb.worksheets:
        safe("borders " + ws.title, lambda: borders_everywhere(ws))
        safe("layout " + ws.title, lambda: layout(ws, False, False))


# ===== self-evaluations: tests/golden/emit/evaluation.ptl =====

def eval_project(ws):
    check("eval: the title of a project's 自评表", one(ws, "项目支出绩效自评表（2022年度）").row == 1)
    head = max(find(ws, "得分"), key=lambda c: c.row)     # the grid's, below 项目资金's
    score = under(ws, "委托单位满意度", "得分")
    # the value is the computed 得分; the display carries the written one
    check("eval: a computed 得分 is a number, the written one in its format",
          is_number(score, 9.78) and "填报 10" in score.number_format,
          (score.value, score.number_format))
    check("eval: a 定性 result's 得分 is a number", is_number(under(ws, "提交报告及时性", "得分"), 6))
    check("eval: 分值 are numbers", is_number(under(ws, "完成审计报告数", "分值"), 8))
    actual = under(ws, "项目总成本", "实际完成值")
    check("eval: a 实际完成值 is a number, shown with its unit", is_number(actual, 89.974)
          and "万元" in actual.number_format, (actual.value, actual.number_format))
    rate = under(ws, "年度资金总额", "执行率")
    check("eval: 执行率 is a number shown in %", is_number(rate, 100) and "%" in rate.number_format,
          (rate.value, rate.number_format))
    check("eval: 年初预算数 beside 全年预算数", is_number(under(ws, "年度资金总额", "年初预算数"), 90)
          and is_number(under(ws, "年度资金总额", "全年预算数"), 89.974))
    total = ws.cell(row=one(ws, "总分（自评得分）").row, column=head.column)
    check("eval: 自评得分 96.05, the written 96.27 in its display", is_number(total, 96.05)
          and "填报 96.27" in total.number_format, (total.value, total.number_format))
    check("eval: the grade", len(find(ws, "评价等级：优")) == 1)
    check("eval: 绩效指标 merged down the grid", rows_spanned(ws, "绩效指标") == 11,
          rows_spanned(ws, "绩效指标"))
    check("eval: an indicator without a result keeps its row",
          under(ws, "经济效益指标", "实际完成值").value is None)


def eval_department(ws):
    check("eval: the title of a department's 自评表",
          one(ws, "部门整体支出绩效自评表（2023年度）").row == 1)
    score = under(ws, "免费开放天数", "得分")
    check("eval: 14.52, written 14.5", is_number(score, 14.52) and "填报 14.5" in score.number_format,
          (score.value, score.number_format))
    check("eval: a row not scored has no 分值 or 得分", under(ws, "其中：送戏下乡场次", "分值").value is None
          and under(ws, "其中：送戏下乡场次", "得分").value is None)
    check("eval: a fraction 0.95 is computed as 95 %", is_number(under(ws, "年度资金总额", "执行率"), 95))


def evaluation(path):
    wb = openpyxl.load_workbook(path)
    names = ["1 项目 委托业务项目", "2 部门整体 示例县文化馆", "3 自评 委托业务项目", "4 自评 示例县文化馆"]
    check("eval: a sheet per table, then per evaluation", wb.sheetnames == names, wb.sheetnames)
    if wb.sheetnames != names:
        return
    safe("eval project sheet", lambda: eval_project(wb.worksheets[2]))
    safe("eval department sheet", lambda: eval_department(wb.worksheets[3]))
    check("eval: no formula anywhere", not no_formulas(wb), no_formulas(wb)[:5])
    for ws in wb.worksheets[2:]:
        safe("borders " + ws.title, lambda: borders_everywhere(ws))
        safe("layout " + ws.title, lambda: layout(ws, False))


# ===== CSV opened by LibreOffice =====

def csv_seed(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=False))
    head = [c.value for c in rows[0]]
    check("csv: the header row", head[:3] == ["文件", "行", "表类型"] and "指标值" in head, head)
    data = rows[1:]
    check("csv: 34 indicator rows", len(data) == 34, len(data))
    col = {h: k for k, h in enumerate(head)}
    by_name = {r[col["三级指标"]].value: r for r in data}
    for name, value in [("公用经费成本", 26.48), ("人员经费成本", 112.57), ("区领导坐班接访", 264)]:
        c = by_name.get(name, [None] * len(head))[col["指标值"]]
        check("csv: %s %s is a numeric cell" % (name, value), c is not None and is_number(c, value),
              None if c is None else (c.value, c.data_type))
    q = by_name.get("调解协议率", [None] * len(head))[col["指标值"]]
    check("csv: 调解协议率 is the text 高于市平均值", q is not None and q.value == "高于市平均值")
    line = data[0][col["行"]]
    check("csv: line numbers are numbers", is_number(line, 36), (line.value, line.data_type))
    check("csv: Chinese text intact", data[-1][col["项目"]].value == "驻京维稳工作组专项"
          and data[0][col["部门"]].value == "株洲市渌口区信访局")
    check("csv: no formula anywhere", not no_formulas(wb), no_formulas(wb)[:5])


def csv_hostile(path):
    wb = openpyxl.load_workbook(path)
    check("csv: no formula anywhere", not no_formulas(wb), no_formulas(wb)[:5])
    t = texts(wb)
    for s in [HYPERLINK, "@SUM(A1)", "=1+2", "-3", "=2*3", "+cmd|' /C calc'!A0", "@note",
              "-1 means none", "-较好"]:
        hit = [c for v, c in t.items() if v in (s, "'" + s)]
        check("csv: %r is a text cell (guarded or literal)" % s,
              hit and all(c.data_type == "s" for c in hit), [(c.value, c.data_type) for c in hit])
    check("csv: the 700-character name intact", "很长的项目名称" * 100 in t)


def csv_control(path):
    wb = openpyxl.load_workbook(path)
    check("control: LibreOffice turns an unguarded =1+2 into a formula",
          wb.worksheets[0]["A2"].data_type == "f", wb.worksheets[0]["A2"].data_type)


MODES = {
    "seed-xlsx": seed, "seed-lo": lambda p: seed(p, True), "seed-lo-csv": seed_lo_csv,
    "hostile-xlsx": hostile, "bidi-xlsx": bidi, "long-xlsx": long_cell, "values-xlsx": values,
    "real-xlsx": real, "eval-xlsx": evaluation,
    "csv-seed": csv_seed, "csv-hostile": csv_hostile, "csv-control": csv_control,
}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in MODES:
        print(__doc__, file=sys.stderr)
        return 2
    safe(sys.argv[1], lambda: MODES[sys.argv[1]](sys.argv[2]))
    return 0 if RESULTS and all(RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
