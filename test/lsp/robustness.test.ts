// Garbage in, answers out: binary-looking, huge and deeply nested documents must not stop the
// server from serving the next request.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DidChangeTextDocumentNotification, Hover } from 'vscode-languageserver-protocol';
import { LEAKY } from './leaky';
import { LspSession, PUSH_CLIENT, withSession } from './session';

/** The server still works: a fresh leaky document gets its diagnostic. */
async function stillAnswers(s: LspSession, name: string): Promise<void> {
  const uri = `file:///tmp/holdout-lsp-test/after-${name}.py`;
  await s.open(uri, LEAKY);
  const published = await s.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(published.diagnostics.map((d) => d.code), ['fit-before-split']);
}

function pseudoRandomText(length: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(x % 0xd7ff);
  }
  return out;
}

const GARBAGE: [string, string][] = [
  ['binary', Buffer.from(pseudoRandomText(20_000, 1)).toString('latin1').replace(/\u0000/g, '') + '\u0000\u0001\u0002'],
  ['random-unicode', pseudoRandomText(50_000, 7).replace(/\u0000/g, '')],
  ['one-megabyte', LEAKY.repeat(Math.ceil(1_000_000 / LEAKY.length))],
  ['deep-parens', `x = ${'('.repeat(20_000)}1${')'.repeat(20_000)}\n`],
  ['deep-unary', `x = ${'-'.repeat(50_000)}1\n`],
  ['deep-blocks', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(1000)}pass\n`],
  ['unclosed', 'def f(:\n  """\n' + 'x = [\n'.repeat(5000)],
];

test('garbage documents get answers and leave the server working', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    for (const [name, text] of GARBAGE) {
      const uri = `file:///tmp/holdout-lsp-test/${name}.py`;
      await s.open(uri, text);
      await s.nextDiagnostics(uri);
      const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
      assert.ok(hover === null || typeof hover === 'object', name);
      await s.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
      // An edit at a position past the end of the text is clamped, not fatal.
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 999_999, character: 5 }, end: { line: 999_999, character: 9 } }, text: '\nprint(1)\n' }],
      });
      await s.nextDiagnostics(uri, (p) => p.version === 2);
      await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await stillAnswers(s, name);
    }
    assert.ok(s.logs.some((l) => /one-megabyte.*larger than/.test(l)), s.logs.join('\n'));
    assert.ok(s.logs.some((l) => /binary.*looks binary/.test(l)), s.logs.join('\n'));
  });
});

test('unknown commands, unknown documents and malformed parameters get answers', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    assert.equal(await s.request('workspace/executeCommand', { command: 'holdout.nope', arguments: [] }), null);
    assert.equal(await s.request('workspace/executeCommand', { command: 'holdout.fixAll', arguments: [42] }).then((r) => JSON.stringify(r)), '{"applied":false}');
    assert.equal(await s.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.py' }, position: { line: 0, character: 0 } }), null);
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: 'file:///nowhere.py', version: 3 }, contentChanges: [{ text: 'x' }] });
    await stillAnswers(s, 'malformed');
  });
});
