// The bundled server (dist/server.js, what the extension runs) over Node IPC, the transport
// vscode-languageclient uses. Skipped when the bundle has not been built.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { InitializeRequest, PublishDiagnosticsNotification, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from '../helpers/paths';
import { LEAKY } from './leaky';
import { PUSH_CLIENT, withTimeout } from './session';

const SERVER = path.join(REPO_ROOT, 'dist', 'server.js');

test('dist/server.js serves over --node-ipc and loads tree-sitter from node_modules', { skip: !fs.existsSync(SERVER) && 'dist/server.js not built' }, async () => {
  const child = fork(SERVER, ['lsp', '--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  try {
    const published = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification(PublishDiagnosticsNotification.type, (p) => p.diagnostics.length && resolve(p)),
    );
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    connection.listen();
    const result = await withTimeout(connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: PUSH_CLIENT }), 'initialize');
    assert.equal(result.serverInfo?.name, 'holdout');
    assert.match(result.serverInfo?.version ?? '', /^\d+\.\d+\.\d+/);
    await connection.sendNotification('initialized', {});
    // In a folder of its own: a file directly in /tmp makes /tmp its project, and the import index
    // would scan every Python file there (11,300 on a shared machine: over the 15 s timeout).
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/holdout-lsp-test/ipc.py', languageId: 'python', version: 1, text: LEAKY } });
    const diagnostics = await withTimeout(published, 'diagnostics over IPC');
    assert.deepEqual(diagnostics.diagnostics.map((d) => d.code), ['fit-before-split']);
  } finally {
    connection.dispose();
    child.kill('SIGKILL');
  }
});
