// The ptl extension's language client: runs `ptlc lsp` (the setting
// ptl.server.path, "ptlc" by default) and talks to it over stdio, for the
// .ptl files and ptlc.settings of the ptl language. Colours and snippets
// come from the grammar and snippets of package.json and work without it.
'use strict';
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;        // the running LanguageClient, or undefined
let output;        // the "ptl" output channel, kept across restarts

// ptl.server.path as a program to run: a command looked up on PATH, an
// absolute path, or a path relative to the first workspace folder
// (build/ptlc), with a leading ~ for the home directory. Empty: none.
function serverCommand() {
    const setting = (vscode.workspace.getConfiguration('ptl').get('server.path') || '').trim();
    if (setting === '') return undefined;
    let p = setting;
    if (p === '~' || p.startsWith('~/')) p = path.join(require('os').homedir(), p.slice(1));
    if (!path.isAbsolute(p) && /[\\/]/.test(p)) {
        const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
        if (folder && folder.uri.scheme === 'file') p = path.join(folder.uri.fsPath, p);
    }
    return p;
}

async function start() {
    const command = serverCommand();
    if (!command) return;
    const serverOptions = { command, args: ['lsp'] };   // stdio, the default transport
    const clientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'ptl' },
            { scheme: 'untitled', language: 'ptl' },
        ],
        // a ptlc.settings changed on disk changes what the tables below it report
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.ptl,ptlc.settings}') },
        outputChannel: output,
    };
    const c = new LanguageClient('ptl', 'ptl (ptlc lsp)', serverOptions, clientOptions);
    client = c;
    try {
        await c.start();
    } catch (err) {
        if (client === c) client = undefined;
        const choice = await vscode.window.showErrorMessage(
            `ptl: could not start "${command} lsp" (${err && err.message ? err.message : err}). ` +
            'Install ptlc, or set ptl.server.path to the ptlc program; colours and snippets work without it.',
            'Open Settings');
        if (choice === 'Open Settings')
            vscode.commands.executeCommand('workbench.action.openSettings', 'ptl.server.path');
    }
}

async function stop() {
    const c = client;
    client = undefined;
    if (c) {
        try { await c.stop(); } catch (_) { /* it had not started, or died */ }
    }
}

// One restart at a time: settings changed twice in a row start one server.
let restarting = Promise.resolve();
function restart() {
    restarting = restarting.then(stop).then(start);
    return restarting;
}

function activate(context) {
    output = vscode.window.createOutputChannel('ptl');
    context.subscriptions.push(
        output,
        vscode.commands.registerCommand('ptl.restartServer', restart),
        vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration('ptl.server')) return restart();
            return undefined;
        }),
        vscode.workspace.onDidGrantWorkspaceTrust(() => restart()),
    );
    return start();
}

function deactivate() {
    return stop();
}

module.exports = { activate, deactivate };
