#!/usr/bin/env node
// tokenize.js: the grammar of editors/vscode run by VS Code's own TextMate
// engine (vscode-textmate with vscode-oniguruma, the regular expression
// library VS Code uses), for tests/check-vscode.sh.
//
//   node tokenize.js MODULES snapshot FILE
//       prints FILE's tokens: each source line as "N: TEXT", then one line
//       per token, its text (as a JSON string) and its scopes, innermost
//       last, without the root source.ptl. Blanks between tokens are left
//       out (spaces and tabs with no scope but meta ones).
//   node tokenize.js MODULES assert < LINES
//       each line of standard input is FILE<TAB>LINE<TAB>TEXT<TAB>SCOPE: the
//       first token on line LINE whose text is TEXT has the scope SCOPE
//       (one of its scopes; ~REGEX: its innermost scope matches REGEX).
//       Prints "ok" or "not ok: WHY" for each, in order.
//   node tokenize.js MODULES snippets SNIPPETS OUTDIR
//       writes each snippet's body, as VS Code inserts it when every
//       placeholder keeps its default but $1 (the table's name) is filled in
//       as "测试单位", to OUTDIR/KEY.ptl, for ptlc check.
//
// MODULES is the node_modules directory the test tools were installed in
// (npm ci from test/package-lock.json). The grammar is ../syntaxes/.
'use strict';
const fs = require('fs');
const path = require('path');

const [modulesArg, command, ...args] = process.argv.slice(2);
const modules = modulesArg && path.resolve(modulesArg);
if (!modules || !command) {
    process.stderr.write('usage: tokenize.js MODULES snapshot FILE | assert | snippets SNIPPETS OUTDIR\n');
    process.exit(2);
}
const grammarPath = path.join(__dirname, '..', 'syntaxes', 'ptl.tmLanguage.json');

async function loadGrammar() {
    const vsctm = require(path.join(modules, 'vscode-textmate'));
    const onig = require(path.join(modules, 'vscode-oniguruma'));
    const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma', 'release', 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
            createOnigString: (s) => new onig.OnigString(s),
        }),
        loadGrammar: async (scopeName) => scopeName === 'source.ptl'
            ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    const grammar = await registry.loadGrammar('source.ptl');
    if (!grammar) throw new Error('no grammar for source.ptl in ' + grammarPath);
    return { grammar, INITIAL: vsctm.INITIAL };
}

// The tokens of every line of FILE: [{line, text, tokens: [{text, scopes}]}].
// Lines are split as VS Code splits them (LF, CRLF, CR).
function tokenizeFile(tm, file) {
    const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    let stack = tm.INITIAL;
    return lines.map((text, i) => {
        const r = tm.grammar.tokenizeLine(text, stack);
        if (r.stoppedEarly) throw new Error(`${file}:${i + 1}: tokenization stopped early`);
        stack = r.ruleStack;
        const tokens = r.tokens.map((t) => ({
            text: text.slice(t.startIndex, t.endIndex),
            scopes: t.scopes.slice(1),   // without source.ptl
        }));
        return { line: i + 1, text, tokens };
    });
}

function snapshot(tm, file) {
    let out = '';
    for (const l of tokenizeFile(tm, file)) {
        out += `${l.line}:${l.text === '' ? '' : ' ' + l.text}\n`;
        for (const t of l.tokens) {
            // blanks between tokens: ' ' and tabs with no scope but a meta one
            if (/^[ \t]*$/.test(t.text) && t.scopes.every((s) => s.startsWith('meta.'))) continue;
            out += `    ${[JSON.stringify(t.text), ...t.scopes].join(' ')}\n`;
        }
    }
    return out;
}

function assertScopes(tm, input) {
    const cache = new Map();
    const results = [];
    for (const row of input.split('\n').filter((s) => s !== '')) {
        const [file, lineNo, text, scope] = row.split('\t');
        if (scope === undefined) { results.push(`not ok: malformed assertion: ${row}`); continue; }
        if (!cache.has(file)) cache.set(file, tokenizeFile(tm, file));
        const line = cache.get(file)[Number(lineNo) - 1];
        if (!line) { results.push(`not ok: ${file} has no line ${lineNo}`); continue; }
        const tok = line.tokens.find((t) => t.text === text);
        const got = () => line.tokens.filter((t) => t.text.trim() !== '')
            .map((t) => `${JSON.stringify(t.text)} ${t.scopes.join(' ')}`).join('\n    ');
        if (!tok) { results.push(`not ok: no token ${JSON.stringify(text)} on ${file}:${lineNo}; its tokens:\n    ${got()}`); continue; }
        const ok = scope.startsWith('~')
            ? new RegExp(scope.slice(1)).test(tok.scopes[tok.scopes.length - 1] || '')
            : tok.scopes.includes(scope);
        results.push(ok ? 'ok' : `not ok: ${JSON.stringify(text)} on ${file}:${lineNo} has ${tok.scopes.join(' ') || '(no scope)'}, not ${scope}`);
    }
    return results.join('\n') + '\n';
}

// VS Code's snippet syntax, as far as the snippets use it: $N, ${N},
// ${N:default}, ${N|a,b|} (the first choice), $VAR/${VAR} and escapes.
function expandSnippet(body, fill) {
    const vars = { CURRENT_YEAR: String(new Date().getFullYear()) };
    let s = Array.isArray(body) ? body.join('\n') : body;
    let prev;
    do {   // innermost placeholders first, so defaults may hold variables
        prev = s;
        s = s.replace(/\$\{(\d+):((?:[^{}$\\]|\\.)*)\}/g, (m, n, d) => fill[n] !== undefined ? fill[n] : d)
             .replace(/\$\{(\d+)\|([^|]*)\|\}/g, (m, n, c) => c.split(',')[0])
             .replace(/\$\{([A-Z_]+)\}|\$([A-Z_]+)/g, (m, a, b) => {
                 const v = vars[a || b];
                 if (v === undefined) throw new Error(`unknown snippet variable ${m}`);
                 return v;
             })
             .replace(/\$\{(\d+)\}|\$(\d+)/g, '');
    } while (s !== prev);
    if (/(^|[^\\])\$/.test(s)) throw new Error('snippet syntax left after expansion: ' + s.match(/.{0,20}\$.{0,20}/)[0]);
    return s.replace(/\\([$}\\])/g, '$1').replace(/\t/g, '    ') + '\n';
}

async function main() {
    if (command === 'snippets') {
        const [file, outdir] = args;
        const snippets = JSON.parse(fs.readFileSync(file, 'utf8'));
        for (const [key, sn] of Object.entries(snippets)) {
            if (!sn.prefix || !sn.body || !sn.description) throw new Error(`snippet ${key}: prefix, body and description`);
            const name = key.replace(/[\s/\\]+/g, '-');
            fs.writeFileSync(path.join(outdir, name + '.ptl'), expandSnippet(sn.body, { 1: '测试单位' }));
            process.stdout.write(name + '\n');
        }
        return;
    }
    const tm = await loadGrammar();
    if (command === 'snapshot') process.stdout.write(snapshot(tm, args[0]));
    else if (command === 'assert') process.stdout.write(assertScopes(tm, fs.readFileSync(0, 'utf8')));
    else throw new Error('unknown command ' + command);
}

main().catch((e) => { process.stderr.write(`tokenize.js: ${e.stack || e}\n`); process.exit(2); });
