// Only the documents used last keep their whole analysis (recently-used.ts); the others are
// analysed again when they are next used. Over the real binary: a document that fell out
// answers hover, code actions and edits as it did while it was one of the recent ones.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { RECENT_ANALYSES } from '../../server/src/lsp/recently-used';
import { LEAKY, positionOf } from './leaky';
import { LspSession, PUSH_CLIENT, withSession } from './session';

const FIRST = 'file:///tmp/holdout-lsp-test/recent/first.py';
const other = (i: number): string => `file:///tmp/holdout-lsp-test/recent/other_${i}.py`;

async function answers(s: LspSession, diagnostic: Diagnostic): Promise<{ hover: string; actions: string[] }> {
  const at = positionOf(LEAKY, 'X_train');
  const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: FIRST }, position: { ...at, character: at.character + 2 } });
  const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: FIRST }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  return { hover: (hover?.contents as MarkupContent).value, actions: actions.map((a) => JSON.stringify([a.title, a.edit])) };
}

test('a document that is no longer among the recent analyses answers hover, code actions and edits as before', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await s.open(FIRST, LEAKY);
    const [diagnostic] = (await s.nextDiagnostics(FIRST, (p) => p.diagnostics.length > 0)).diagnostics;
    const whileRecent = await answers(s, diagnostic);
    assert.match(whileRecent.hover, /StandardScaler fitted on the full data/);
    assert.ok(whileRecent.actions.length > 0, 'the finding has fixes');

    for (let i = 0; i < RECENT_ANALYSES + 1; i++) {
      await s.open(other(i), LEAKY.replace('X_train', `X_train_${i}`));
      await s.nextDiagnostics(other(i));
    }
    assert.deepEqual(await answers(s, diagnostic), whileRecent);

    // An edit of a released document parses it afresh: the finding moves down one line.
    const after = s.diagnostics.length;
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: FIRST, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment\n' }],
    });
    const moved = (await s.nextDiagnostics(FIRST, () => true, after)).diagnostics;
    assert.deepEqual(moved.map((d) => [d.code, d.range.start.line]), [[diagnostic.code, diagnostic.range.start.line + 1]]);
  });
});
