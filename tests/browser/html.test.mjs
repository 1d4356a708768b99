// html.test.mjs: ptlc's HTML output in a real browser, Debian's chromium
// driven by playwright-core (which never downloads a browser of its own).
// Run by tests/check-html.sh, which builds the pages first:
//   node tests/browser/html.test.mjs BUILT_DIR SHOTS_DIR [SEED_TSV]
// BUILT_DIR holds seed-department.html, seed.html (all three seed tables
// and the two 自评表 of examples/xinfang-zipingbiao.ptl), site/ (a directory
// build of examples/), hostile.html and hostile-site/, layout.html,
// real-constructs.html, evaluation.html, and, built with --allow-errors,
// broken.html, bidi.html and evaluation-broken.html.
// Screenshots go to SHOTS_DIR. Prints one line per failure and a last line
// "html: N passed, M failed".
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [built, shots, seedTsv] = process.argv.slice(2).map((p) => p && resolve(p));
if (!built || !shots) {
    console.error('usage: node html.test.mjs BUILT_DIR SHOTS_DIR [SEED_TSV]');
    process.exit(2);
}

// A4 landscape is 297 mm wide; at 96 px per inch that is 1123 px, and the
// printable width inside the 10 mm side margins of @page is 277 mm = 1047 px.
const A4_WIDE = 1123;
const A4_PRINTABLE = 1047;

let passed = 0;
let failed = 0;
let skipped = 0;

async function check(name, fn) {
    try {
        await fn();
        passed++;
    } catch (e) {
        failed++;
        console.log(`[FAIL] ${name}: ${e && e.message ? e.message : e}`);
    }
}

function expectEqual(actual, expected, what) {
    const a = JSON.stringify(actual);
    const b = JSON.stringify(expected);
    if (a !== b) throw new Error(`${what}: expected ${b}, got ${a}`);
}

function expectTrue(cond, what) {
    if (!cond) throw new Error(what);
}

const url = (name) => pathToFileURL(join(built, name)).href;

// ===== the seed's own layout =====

// The seed's first table (the department) as a spreadsheet shows it: the
// TSV cells in a plain grid with column letters and row numbers, nothing
// merged, so the README can set it beside ptlc's rendering.
function seedRows(tsv) {
    const lines = readFileSync(tsv, 'utf8').split('\n');
    const end = lines.findIndex((l, i) => i > 5 && l.includes('项目支出绩效目标表'));
    const rows = lines.slice(0, end).map((l) => l.split('\t'));
    while (rows.length && rows[rows.length - 1].every((c) => c.trim() === '')) rows.pop();
    return rows;
}

function escapeHtml(s) {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function spreadsheetHtml(rows) {
    const width = Math.max(...rows.map((r) => r.length));
    const letters = Array.from({ length: width }, (_, i) => String.fromCharCode(65 + i));
    const head = `<tr><th></th>${letters.map((l) => `<th>${l}</th>`).join('')}</tr>`;
    const body = rows.map((r, i) => {
        const cells = letters.map((_, k) => `<td>${escapeHtml(r[k] || '')}</td>`).join('');
        return `<tr><th>${i + 1}</th>${cells}</tr>`;
    });
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body { margin: 8px; font: 13px "Noto Sans CJK SC", sans-serif; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; }
td, th { border: 1px solid #d0d0d0; padding: 2px 4px; height: 20px; white-space: nowrap;
  overflow: hidden; text-overflow: clip; }
th { background: #f1f1f1; color: #555; font-weight: normal; width: 30px; }
th:not(:first-child) { width: auto; }
</style></head><body><table>${head}${body.join('')}</table></body></html>`;
}

// ===== grid helpers (run in the page) =====

// The width in columns of every row of each table, with rowspans carried
// down: a well-formed form has one width for all its rows.
function rowWidths() {
    return [...document.querySelectorAll('table')].map((table) => {
        const carry = [];
        return [...table.rows].map((row, r) => {
            let width = carry[r] || 0;
            for (const cell of row.cells) {
                width += cell.colSpan;
                for (let k = 1; k < cell.rowSpan; k++) carry[r + k] = (carry[r + k] || 0) + cell.colSpan;
            }
            return width;
        });
    });
}

async function noOverflow(page, width) {
    await page.setViewportSize({ width, height: 900 });
    const m = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        widest: Math.max(...[...document.querySelectorAll('table, p, h1, div')]
            .map((e) => e.getBoundingClientRect().right)),
    }));
    expectTrue(m.scroll <= m.client, `scrollWidth ${m.scroll} > clientWidth ${m.client} at ${width} px`);
    expectTrue(m.widest <= m.client, `an element ends at ${m.widest} px, past ${m.client} px`);
}

async function platformFonts(page, selector) {
    const cdp = await page.context().newCDPSession(page);
    try {
        await cdp.send('DOM.enable');
        await cdp.send('CSS.enable');
        const { root } = await cdp.send('DOM.getDocument');
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
        return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
    } finally {
        await cdp.detach();
    }
}

function pngSize(path) {
    const b = readFileSync(path);
    expectTrue(b.subarray(1, 4).toString() === 'PNG', `${path} is not a PNG`);
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

// ===== the tests =====

async function seedDepartment(page) {
    await page.setViewportSize({ width: A4_WIDE, height: 900 });
    await page.goto(url('seed-department.html'));
    await check('seed department: indicator grid rows', async () => {
        // 14 indicators + 3 empty categories (经济效益, 社会成本指标,
        // 生态环境成本指标) + the header row = 18, the seed's lines 21-38.
        expectEqual(await page.locator('tbody.indicators tr').count(), 18, 'rows');
    });
    await check('seed department: rowspans of the 一级/二级 cells', async () => {
        const spans = await page.evaluate(() => Object.fromEntries(
            [...document.querySelectorAll('tbody.indicators td.cat')].map((td) => [td.textContent, td.rowSpan])));
        expectEqual(spans['产出指标'], 8, '产出指标 rowspan');
        expectEqual(spans['数量指标'], 4, '数量指标 rowspan');
        expectEqual(spans['质量指标'], 3, '质量指标 rowspan');
        expectEqual(spans['效益指标'], 3, '效益指标 rowspan');
        expectEqual(spans['成本指标'], 5, '成本指标 rowspan');
        expectEqual(spans['经济效益'], 1, '经济效益 (empty) rowspan');
    });
    await check('seed department: the budget amounts', async () => {
        const cells = await page.evaluate(() =>
            [...document.querySelectorAll('tbody.head td')].map((td) => td.textContent));
        expectEqual(cells.filter((t) => t === '259.05').length, 2, 'cells 259.05 (资金总额, 一般公共预算)');
        expectEqual(cells.filter((t) => t === '139.05').length, 1, 'cells 139.05');
        const p120 = cells.filter((t) => t === '120.00');
        expectEqual(p120.length, 1, 'cells 120.00');
        expectEqual(Number(p120[0]), 120, 'the numeric value of 项目支出');
    });
    await check('seed department: every row is 8 columns wide', async () => {
        const widths = (await page.evaluate(rowWidths))[0];
        expectEqual([...new Set(widths)], [8], 'row widths');
        expectEqual(widths.length, 25, 'rows in the form (7 header block + 18 grid)');
    });
    await check('seed department: the heading above the grid', async () => {
        const text = await page.evaluate(() => document.body.innerText);
        for (const s of ['附件3-1', '2026年部门整体支出绩效目标表', '填报单位（盖章）：', '2026.1.28', '单位：万元'])
            expectTrue(text.includes(s), `missing '${s}'`);
        const h1 = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).textAlign);
        expectEqual(h1, 'center', 'title alignment');
    });
    await check('seed department: no horizontal overflow at A4 landscape', async () => {
        await noOverflow(page, A4_PRINTABLE);
        await noOverflow(page, A4_WIDE);
    });
    await check('seed department: the CJK text is drawn with a CJK font of the stack', async () => {
        // What chromium really used (not what CSS asked for): without
        // fonts-noto-cjk the glyphs would come from some other fallback.
        const used = await platformFonts(page, 'tbody.head td.t');
        expectTrue(used.some((f) => /Noto (Serif|Sans) CJK SC/.test(f.familyName)),
            `fonts used: ${JSON.stringify(used)}`);
    });
    await check('seed department: screenshot', async () => {
        await page.setViewportSize({ width: A4_WIDE, height: 900 });
        const path = join(shots, 'seed-department.png');
        await page.screenshot({ path, fullPage: true });
        const size = pngSize(path);
        expectTrue(size.width > 1000 && size.height > 600, `screenshot is ${size.width}x${size.height}`);
    });
}

// The seed's cells, all of them, are the cells of ptlc's table: same text,
// same count (amounts compared as numbers: 120 is shown 120.00).
async function seedCellsMatch(page, rows) {
    const norm = (s) => (/^\d+(\.\d+)?$/.test(s) ? String(Number(s)) : s);
    const seed = rows.slice(13).flat().map((c) => c.trim()).filter(Boolean).map(norm).sort();
    await page.goto(url('seed-department.html'));
    const ours = (await page.evaluate(() =>
        [...document.querySelectorAll('table.form th, table.form td')].map((c) => c.textContent.trim())))
        .filter(Boolean).map(norm).sort();
    expectEqual(ours, seed, 'cells of the seed vs ptlc');
}

async function seedOriginal(page) {
    if (!seedTsv || !existsSync(seedTsv)) {
        skipped += 3;
        console.log(`[SKIP] the seed's own layout: ${seedTsv || 'no seed path'} not found`);
        return;
    }
    const rows = seedRows(seedTsv);
    await check('seed original: its first table is lines 1-38', async () => {
        expectEqual(rows.length, 38, 'rows');
        expectEqual(rows[4][0], '2026年部门整体支出绩效目标表', 'line 5');
    });
    await check('seed original: screenshot', async () => {
        await page.setViewportSize({ width: A4_WIDE, height: 900 });
        await page.setContent(spreadsheetHtml(rows));
        const path = join(shots, 'seed-original.png');
        await page.screenshot({ path, fullPage: true });
        expectTrue(pngSize(path).width > 1000, 'screenshot too narrow');
    });
    await check('seed original: every seed cell is in ptlc\'s table', () => seedCellsMatch(page, rows));
}

async function hostile(page) {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url('hostile.html'));
    await check('hostile: a control page does run scripts (the probe works)', async () => {
        const probe = await page.context().newPage();
        await probe.setContent('<script>window.pwned = 1</script>');
        expectEqual(await probe.evaluate(() => window.pwned), 1, 'window.pwned on the control page');
        await probe.close();
    });
    await check('hostile: no injected script or handler ran', async () => {
        expectEqual(await page.evaluate(() => typeof window.pwned), 'undefined', 'typeof window.pwned');
        expectEqual(await page.evaluate(() => document.querySelectorAll('script, img, b, i').length), 0,
            'elements made from the text');
        expectEqual(errors, [], 'page errors');
    });
    await check('hostile: the markup is shown as text', async () => {
        const text = await page.evaluate(() => document.body.innerText);
        for (const s of ['<script>window.pwned=1</script>信访局 "引号" & Co',
            '<img src=x onerror="window.pwned=2">', '=HYPERLINK("http://x","y")',
            '项目 </td></tr></table><script>window.pwned=4</script>', "O'Brien & <b>张三</b>",
            '=1+1', '<b>007</b>', '<i>主管部门</i>编码', '<script>window.pwned=5</script>', '&amp; <b>8</b>',
            '</td></tr><script>window.pwned=6</script>', '<script>window.pwned=7</script>构成',
            '<img src=x onerror="window.pwned=8">'])
            expectTrue(text.includes(s), `missing '${s}'`);
    });
    await check('hostile: \\n in a string is a line break', async () => {
        const duty = await page.evaluate(() => document.querySelectorAll('tbody.head tr')[1].cells[1].innerHTML);
        expectTrue(duty.includes('<br>第二行'), `duty cell: ${duty.slice(0, 80)}`);
    });
    await check('hostile: the 2000-character goal wraps inside A4 landscape', async () => {
        await noOverflow(page, A4_PRINTABLE);
        const goal = await page.evaluate(() => {
            const row = [...document.querySelectorAll('section.project tbody.head tr')]
                .find((r) => r.cells[0].textContent === '本年度绩效目标');
            return { chars: [...row.cells[1].textContent].length, height: row.cells[1].offsetHeight };
        });
        expectEqual(goal.chars, 2000, 'goal length');
        expectTrue(goal.height > 300, `the goal is ${goal.height} px tall: not wrapped?`);
    });
}

// A directory build of the same: each page, the index too, stays inert.
async function hostileSite(page) {
    for (const name of ['index.html', '01-department.html', '02-project.html']) {
        await page.goto(pathToFileURL(join(built, 'hostile-site', name)).href);
        await check(`hostile site ${name}: inert, names shown as text`, async () => {
            expectEqual(await page.evaluate(() => typeof window.pwned), 'undefined', 'typeof window.pwned');
            expectEqual(await page.evaluate(() => document.querySelectorAll('script, img, b').length), 0,
                'elements made from the text');
            const text = await page.evaluate(() => document.title + '\n' + document.body.innerText);
            expectTrue(text.includes('<script>window.pwned='), 'the injected markup is not shown as text');
        });
    }
    await check('hostile site: a line break in a name is a space in the title', async () => {
        expectEqual(await page.title(),
            '项目 </td></tr></table><script>window.pwned=4</script> 第二行 2026年项目支出绩效目标表', 'title');
    });
}

async function withErrors(page) {
    await page.goto(url('bidi.html'));
    await check('bidi: red banners on the page and the table', async () => {
        const b = await page.evaluate(() => [...document.querySelectorAll('.banner')].map((e) => ({
            text: e.textContent, color: getComputedStyle(e).color, visible: e.offsetHeight > 0 })));
        expectEqual(b.length, 2, 'banners');
        expectTrue(b.every((x) => x.visible && x.color === 'rgb(187, 0, 0)'), JSON.stringify(b));
        expectTrue(b[1].text.startsWith('本表含有错误，未通过 ptlc 检查'), b[1].text);
    });
    await check('bidi: controls are shown, never passed on', async () => {
        const text = await page.evaluate(() => document.body.innerText);
        expectTrue(text.includes('信访局<U+202E>12.052 万元<U+202C>'), 'the name with <U+202E>');
        expectTrue(!/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(text), 'a raw bidi control');
    });
    await page.goto(url('broken.html'));
    await check('broken: every row of each form is as wide as the form', async () => {
        const widths = await page.evaluate(rowWidths);
        expectEqual(widths.map((w) => [...new Set(w)]), [[9], [8]], 'row widths per table');
    });
    await page.goto(url('layout.html'));
    await check('layout: optional columns keep the grid whole', async () => {
        const widths = await page.evaluate(rowWidths);
        expectEqual(widths.map((w) => [...new Set(w)]), [[10], [9]], 'row widths per table');
    });
}

// What real tables add (tests/golden/json/real-constructs.ptl): a project
// with a 中期 budget, a breakdown and a 长期 tree, a project with funding
// split and a duration, a department whose budget is a list.
async function realConstructs(page) {
    await page.goto(url('real-constructs.html'));
    const cells = (sel) => page.evaluate((s) =>
        [...document.querySelectorAll(s)].map((c) => c.textContent), sel);
    // the cells of the first row of the given sheet whose first cell is label
    const row = (sheet, label) => page.evaluate(([i, l]) => {
        const rows = [...document.querySelectorAll('section.sheet')[i].querySelectorAll('tr')];
        const r = rows.find((x) => [...x.cells].some((c) => c.textContent === l));
        return r ? [...r.cells].map((c) => c.textContent) : null;
    }, [sheet, label]);
    await check('real constructs: every row of each form is as wide as the form', async () => {
        const widths = await page.evaluate(rowWidths);
        expectEqual(widths.map((w) => [...new Set(w)]), [[10], [8], [8]], 'row widths per table');
    });
    await check('real constructs: the 中期 budget beside the year\'s, with 占比', async () => {
        expectEqual(await row(0, '资金构成'), ['项目资金', '资金构成', '中期', '年度', '占比'], 'heading');
        expectEqual(await row(0, '资金总额'), ['资金总额', '195.00', '65.00', '100%'], '资金总额');
        expectEqual(await row(0, '其中：一般公共预算'), ['其中：一般公共预算', '', '60.00', ''], 'a split line');
    });
    await check('real constructs: the breakdown and its 合计', async () => {
        expectEqual(await row(0, '合计'), ['合计', '65.00', ''], '合计');
        expectEqual(await row(0, '设备'), ['设备', '', '待招标后确定'], 'a part left blank');
        expectEqual((await row(0, '项目预算成本构成')).slice(0, 2), ['项目预算成本构成', '名称'], 'the title');
    });
    await check('real constructs: header pairs, code and goals side by side', async () => {
        expectEqual((await row(0, '项目名称')).slice(2), ['项目编码', '917001'], 'code beside the name');
        expectEqual(await row(0, '主管部门'), ['主管部门', '县民宗委', '主管部门编码', '[077]'], 'org and code');
        expectEqual(await row(0, '中期目标'), ['总体目标', '中期目标', '年度目标'], 'goals');
        expectEqual(await row(2, '联系电话'), ['填报人', '南春锋', '联系电话', '6296906'], 'person and phone');
    });
    await check('real constructs: 定量, no operator, blank values, 计量单位, 评(扣)分标准', async () => {
        const heads = await page.evaluate(() => [...document.querySelector('tbody.indicators tr').cells]
            .map((c) => c.textContent));
        expectEqual(heads, ['本年度绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '度量单位', '计量单位',
            '指标值类型', '评(扣)分标准', '备注'], 'grid heads');
        expectEqual(await row(0, '新建厕所'), ['新建厕所', '1', '个', '个', '定量', '', ''], '定量 with 计量单位');
        expectEqual((await row(0, '硬化室外晒坝')).slice(2), ['硬化室外晒坝', '420', '平方米', '', '', '', ''], 'no operator');
        expectEqual(await row(0, '备用指标'), ['备用指标', '', '', '', '', '', ''], 'a blank value');
        expectEqual((await row(0, '带动群众务工')).slice(-3), ['≥', '每少1人扣1分', ''], 'scoring');
    });
    await check('real constructs: category scores, and the 长期 tree as its own grid', async () => {
        const cats = await cells('section.sheet:first-of-type td.cat');
        for (const c of ['成本指标(0-20分)', '产出指标(40-50分)', '效益指标(20分)', '满意度指标(10分)'])
            expectTrue(cats.includes(c), `missing category cell '${c}'`);
        const grids = await page.evaluate(() => [...document.querySelectorAll('section.sheet')[0]
            .querySelectorAll('tbody.indicators')].map((b) => [b.rows[0].cells[0].textContent, b.rows.length]));
        expectEqual(grids, [['本年度绩效指标', 10], ['长期绩效指标', 5]], 'the grids and their rows');
    });
    await check('real constructs: funding split, a duration, a department budget list', async () => {
        expectEqual(await row(1, '资金来源'), ['资金来源', '财政拨款：6.30（占比100%）（其中：一般公共预算：6.30）；其他资金：'],
            '资金来源');
        expectEqual(await row(1, '项目支出实施期'), ['项目支出实施期', '3年'], 'period');
        expectEqual(await row(2, '其中：财政拨款'), ['其中：财政拨款', '100.00', ''], 'a nature split by source');
        expectEqual((await row(2, '部门职能')).slice(0, 2), ['年度主要任务', '部门职能'], 'the task duty column');
    });
    await check('real constructs: no horizontal overflow at A4 landscape', async () => {
        await noOverflow(page, A4_PRINTABLE);
    });
}

// Self-evaluations (绩效自评表): tests/golden/emit/evaluation.ptl, a project
// evaluated against its 全年 budget beside its 年初 one and a department.
async function evaluations(page) {
    await page.goto(url('evaluation.html'));
    const row = (sheet, label) => page.evaluate(([i, l]) => {
        const rows = [...document.querySelectorAll('section.sheet')[i].querySelectorAll('tr')];
        const r = rows.find((x) => [...x.cells].some((c) => c.textContent === l));
        return r ? [...r.cells].map((c) => c.textContent) : null;
    }, [sheet, label]);
    await check('evaluation: every row of each 自评表 is 9 columns wide', async () => {
        const widths = await page.evaluate(rowWidths);
        expectEqual(widths.slice(2).map((w) => [...new Set(w)]), [[9], [9]], 'row widths per 自评表');
    });
    await check('evaluation: the titles', async () => {
        const h1 = await page.evaluate(() => [...document.querySelectorAll('h1')].map((h) => h.textContent));
        expectEqual(h1.slice(2), ['项目支出绩效自评表（2022年度）', '部门整体支出绩效自评表（2023年度）'], 'titles');
    });
    await check('evaluation: 项目资金 with 年初预算数 beside the 全年预算数', async () => {
        expectEqual(await row(2, '年初预算数'), ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值',
            '执行率', '得分'], 'heads');
        expectEqual(await row(2, '年度资金总额'), ['年度资金总额', '90.00', '89.974', '89.974', '10', '100%', '10'],
            '年度资金总额');
        // a restated 全年预算数 (一般公共预算 100) makes the target's the 年初预算数
        expectEqual(await row(3, '年度资金总额'), ['年度资金总额', '120.00', '120.00', '114.00', '10', '95%', '9.5'],
            'a rate written as the fraction 0.95');
    });
    await check('evaluation: computed 得分, the written one beside it where it differs', async () => {
        expectEqual((await row(2, '委托单位满意度')).slice(2), ['委托单位满意度', '≥90%', '88%', '10', '9.78（填报 10）',
            '满意度<90%：个别报告返工'], 'a shortfall written as full marks');
        expectEqual((await row(2, '提交报告及时性')).slice(2), ['在项目计划完成时间内完成', '部分完成，2份报告延期提交', '8', '6',
            '设计变更，"规划"报告延期；下年度提前委托'], 'a 定性 result in its band');
        expectEqual(await row(2, '总分（自评得分）'), ['总分（自评得分）', '100', '96.05（填报 96.27）', '评价等级：优'],
            '总分');
        expectEqual(await row(3, '总分（自评得分）'), ['总分（自评得分）', '100', '98.44（填报 98.4）', '评价等级：优'],
            '总分, 优秀 read as 优');
    });
    await check('evaluation: the target\'s whole tree, an empty category kept', async () => {
        const grid = await page.evaluate(() => [...document.querySelectorAll('section.sheet')[2]
            .querySelectorAll('tbody.indicators tr')].length);
        expectEqual(grid, 11, 'rows (the heads, 9 indicators, 经济效益指标)');
        expectEqual(await row(2, '经济效益指标'), ['经济效益指标', '', '', '', '', '', ''], 'an empty category');
    });
    await check('evaluation: no horizontal overflow at A4 landscape', async () => {
        await noOverflow(page, A4_PRINTABLE);
    });
    await check('evaluation: screenshot', async () => {
        await page.setViewportSize({ width: A4_WIDE, height: 900 });
        const sheet = page.locator('section.sheet').nth(2);
        const path = join(shots, 'evaluation.png');
        await sheet.screenshot({ path });
        const size = pngSize(path);
        expectTrue(size.width > 1000 && size.height > 500, `screenshot is ${size.width}x${size.height}`);
    });
    await page.goto(url('evaluation-broken.html'));
    await check('evaluation with errors: banners, a result naming no indicator after the tree', async () => {
        const banners = await page.evaluate(() => document.querySelectorAll('section.sheet .banner').length);
        expectEqual(banners, 3, 'a banner on the table and on each 自评表');
        expectEqual(await row(1, '桥梁检测座数'), ['', '', '桥梁检测座数', '', '4座', '10', '（填报 10）',
            '=HYPERLINK("http://x","y")'], 'the unmatched result');
        expectEqual(await page.evaluate(() => document.querySelectorAll('script').length), 0, 'scripts');
        const widths = await page.evaluate(rowWidths);
        expectEqual(widths.slice(1).map((w) => [...new Set(w)]), [[9], [9]], 'row widths per 自评表');
    });
}

// Printing: A4 landscape pages, each table starting a page of its own.
async function print(page) {
    await page.goto(url('seed.html'));
    await check('print: each table starts a new page', async () => {
        await page.emulateMedia({ media: 'print' });
        const breaks = await page.evaluate(() =>
            [...document.querySelectorAll('section.sheet')].map((s) => getComputedStyle(s).breakBefore));
        expectEqual(breaks, ['auto', 'page', 'page', 'page', 'page'],
            'break-before of the three tables and the two 自评表');
        await page.emulateMedia({ media: null });   // page.pdf() prints with print media
    });
    await check('print: the PDF is A4 landscape, one page per seed table and 自评表', async () => {
        const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
        const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
        const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
        expectTrue(box && Math.round(box[1]) === 842 && Math.round(box[2]) === 595,
            `page size ${box ? box.slice(1).join('x') : 'unknown'} pt, not A4 landscape (842x595)`);
        // The print CSS is compact enough for each seed table to fit one page.
        expectEqual(pages, 5, 'pages for the 3 seed tables and 2 自评表');
    });
}

async function index(page) {
    await page.goto(pathToFileURL(join(built, 'site', 'index.html')).href);
    await check('index: one row per table and 自评表, with counts', async () => {
        const rows = await page.evaluate(() => [...document.querySelectorAll('tbody tr')].map((r) =>
            [...r.cells].map((c) => c.textContent)));
        expectEqual(rows.map((r) => [r[1], r[5], r[6], r[7]]), [
            ['部门整体支出', '259.05', '0', '3'], ['项目支出', '60.00', '0', '3'], ['项目支出', '60.00', '0', '4'],
            ['部门整体支出自评', '257.81', '0', '0'], ['项目支出自评', '59.60', '0', '0']],
        'kind, amount (a 自评表\'s 全年执行数), errors, warnings');
    });
    await check('index: the links open the tables', async () => {
        const hrefs = await page.evaluate(() => [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')));
        expectEqual(hrefs, ['01-department.html', '02-project.html', '03-project.html', '04-evaluation.html',
            '05-evaluation.html'], 'hrefs');
        await page.click('text=驻京维稳工作组专项');
        expectEqual(await page.locator('tbody.head td').first().textContent(), '驻京维稳工作组专项', 'the linked page');
    });
}

const profile = mkdtempSync(join(tmpdir(), 'ptlc-chromium-'));
let context;
try {
    context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: A4_WIDE, height: 900 },
        deviceScaleFactor: 1,
    });
    const page = context.pages()[0] || await context.newPage();
    await seedDepartment(page);
    await seedOriginal(page);
    await hostile(page);
    await hostileSite(page);
    await withErrors(page);
    await realConstructs(page);
    await evaluations(page);
    await print(page);
    await index(page);
} catch (e) {
    failed++;
    console.log(`[FAIL] browser: ${e && e.stack ? e.stack : e}`);
} finally {
    if (context) await context.close();
    rmSync(profile, { recursive: true, force: true });
}
console.log(`html: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
