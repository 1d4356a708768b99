#!/usr/bin/env node
// extension.test.js: extension.js with VS Code and vscode-languageclient
// replaced by recorders (tests/check-vscode.sh). It must start `ptlc lsp`
// (ptl.server.path, "ptlc" by default) over stdio for the ptl language,
// resolve a relative path against the workspace folder, start nothing for
// an empty setting, say what to do when the server cannot start, restart
// when the setting changes, and stop on deactivate.
// Prints "ok NAME" or "not ok NAME: WHY" per check.
'use strict';
const assert = require('assert');
const Module = require('module');
const path = require('path');

let settings;            // ptl.* settings, by key below ptl.
let folders;             // workspace folders
let clients;             // every LanguageClient constructed
let startFails;          // the next client's start() rejects
let errors;              // error messages shown
const listeners = {};    // event name -> handler

const on = (name) => (fn) => { listeners[name] = fn; return { dispose() {} }; };
const vscode = {
    workspace: {
        getConfiguration: (section) => {
            assert.strictEqual(section, 'ptl');
            return { get: (key) => settings[key] };
        },
        get workspaceFolders() { return folders; },
        createFileSystemWatcher: (glob) => ({ glob, dispose() {} }),
        onDidChangeConfiguration: on('configuration'),
        onDidGrantWorkspaceTrust: on('trust'),
    },
    window: {
        createOutputChannel: (name) => ({ name, dispose() {} }),
        showErrorMessage: async (msg) => { errors.push(msg); return undefined; },
    },
    commands: {
        registerCommand: (name, fn) => { listeners['command:' + name] = fn; return { dispose() {} }; },
        executeCommand: async () => undefined,
    },
};
class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
        Object.assign(this, { id, name, serverOptions, clientOptions, started: false, stopped: false });
        this.fail = startFails;
        startFails = false;
        clients.push(this);
    }
    async start() {
        if (this.fail) throw new Error('spawn ptlc ENOENT');
        this.started = true;
    }
    async stop() { this.stopped = true; }
}
const realLoad = Module._load;
Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node') return { LanguageClient };
    return realLoad.call(this, request, parent, isMain);
};
const extension = require(path.join(__dirname, '..', 'extension.js'));

function fresh(s, f) {
    settings = s;
    folders = f;
    clients = [];
    startFails = false;
    errors = [];
    for (const k of Object.keys(listeners)) delete listeners[k];
}
const context = () => ({ subscriptions: [] });
const tests = [];
const test = (name, fn) => tests.push([name, fn]);

test('starts ptlc lsp over stdio for the ptl language', async () => {
    fresh({ 'server.path': 'ptlc' }, undefined);
    const ctx = context();
    await extension.activate(ctx);
    assert.strictEqual(clients.length, 1);
    const c = clients[0];
    assert.deepStrictEqual(c.serverOptions, { command: 'ptlc', args: ['lsp'] });
    assert.strictEqual(c.id, 'ptl');   // so ptl.trace.server is the client's trace setting
    assert.ok(c.started);
    const langs = c.clientOptions.documentSelector.map((d) => `${d.scheme}:${d.language}`);
    assert.deepStrictEqual(langs, ['file:ptl', 'untitled:ptl']);
    assert.ok(/ptlc\.settings/.test(c.clientOptions.synchronize.fileEvents.glob));
    assert.ok(ctx.subscriptions.length >= 3);
    await extension.deactivate();
    assert.ok(c.stopped);
});

test('a relative ptl.server.path is the workspace folder\'s', async () => {
    fresh({ 'server.path': 'build/ptlc' }, [{ uri: { scheme: 'file', fsPath: '/work/ptl' } }]);
    await extension.activate(context());
    assert.strictEqual(clients[0].serverOptions.command, path.join('/work/ptl', 'build/ptlc'));
    await extension.deactivate();
});

test('an absolute ptl.server.path is run as it is', async () => {
    fresh({ 'server.path': '/opt/ptlc/bin/ptlc' }, [{ uri: { scheme: 'file', fsPath: '/work/ptl' } }]);
    await extension.activate(context());
    assert.strictEqual(clients[0].serverOptions.command, '/opt/ptlc/bin/ptlc');
    await extension.deactivate();
});

test('an empty ptl.server.path starts no server', async () => {
    fresh({ 'server.path': '' }, undefined);
    await extension.activate(context());
    assert.strictEqual(clients.length, 0);
    await extension.deactivate();
});

test('a server that cannot start is reported, naming the setting', async () => {
    fresh({ 'server.path': 'ptlc' }, undefined);
    startFails = true;
    await extension.activate(context());
    assert.strictEqual(errors.length, 1);
    assert.ok(/ptl\.server\.path/.test(errors[0]) && /ptlc lsp/.test(errors[0]), errors[0]);
    await extension.deactivate();
});

test('changing ptl.server.path restarts the server with the new path', async () => {
    fresh({ 'server.path': 'ptlc' }, undefined);
    await extension.activate(context());
    settings['server.path'] = '/usr/local/bin/ptlc';
    await listeners.configuration({ affectsConfiguration: (s) => 'ptl.server.path'.startsWith(s) });
    assert.strictEqual(clients.length, 2);
    assert.ok(clients[0].stopped);
    assert.strictEqual(clients[1].serverOptions.command, '/usr/local/bin/ptlc');
    await listeners.configuration({ affectsConfiguration: (s) => s === 'editor.fontSize' });
    assert.strictEqual(clients.length, 2);
    await extension.deactivate();
});

test('the restart command restarts the server', async () => {
    fresh({ 'server.path': 'ptlc' }, undefined);
    await extension.activate(context());
    await listeners['command:ptl.restartServer']();
    assert.strictEqual(clients.length, 2);
    assert.ok(clients[0].stopped && clients[1].started);
    await extension.deactivate();
});

(async () => {
    for (const [name, fn] of tests) {
        try {
            await fn();
            console.log(`ok ${name}`);
        } catch (e) {
            console.log(`not ok ${name}: ${(e && e.message || String(e)).split('\n').join(' ')}`);
        }
    }
})();
