// Over the real server: after each of a series of edits inside statements (the server splices
// the edited statement in) and some that cross statements or break the syntax (it reparses),
// the diagnostics it publishes equal those it publishes for the same text opened afresh.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/engine/text';
import { EXAMPLES } from '../helpers/paths';
import { PUSH_CLIENT, withSession } from './session';

const EDITED = 'file:///tmp/holdout-lsp-test/splice-edited.py';
const fresh = (index: number): string => `file:///tmp/holdout-lsp-test/splice-fresh-${index}.py`;
const TEXT = readFileSync(path.join(EXAMPLES, 'churn_leaky.py'), 'utf8');

/** [anchor text to find, offset from it, characters to delete, text to insert]. */
const EDITS: [string, number, number, string][] = [
  ['test_size=', 10, 3, '0.3'],
  ['test_size=', 10, 3, '0.25'],
  ['train_test_split(', 17, 0, 'X, '],
  ['train_test_split(', 17, 3, ''],
  ['.fit(', 5, 0, '('],
  ['.fit(', 5, 1, ''],
  ['.fit(', 0, 0, '\n'],
  ['\n.fit(', 0, 1, ''],
  ['import', 0, 0, '# holdout: ignore[fit-before-split]\n'],
  ['# holdout: ignore[fit-before-split]\n', 0, 36, ''],
  ['stratify', 0, 0, '"'],
  ['"stratify', 0, 1, ''],
  ['stratify=target', 9, 6, 'y_test'],
  ['stratify=y_test', 9, 6, 'target'],
  ['test_size=', 0, 0, 'shuffle=False, '],
  ['shuffle=False, ', 0, 15, ''],
];

function diagnosticsJson(p: PublishDiagnosticsParams, uri: string): string {
  return JSON.stringify(p.diagnostics).split(uri).join('<uri>');
}

test('diagnostics after edits inside and across statements equal those of the same text opened afresh', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    let text = TEXT;
    let version = 1;
    await s.open(EDITED, text);
    await s.nextDiagnostics(EDITED, (p) => p.version === 1);
    let withFindings = 0;
    for (const [index, [anchor, offset, deleted, inserted]] of EDITS.entries()) {
      const at = text.indexOf(anchor);
      assert.ok(at >= 0, `edit ${index}: ${JSON.stringify(anchor)} not in the text`);
      const lines = new LineIndex(text);
      const range = { start: lines.position(at + offset), end: lines.position(at + offset + deleted) };
      text = text.slice(0, at + offset) + inserted + text.slice(at + offset + deleted);
      version++;
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: EDITED, version }, contentChanges: [{ range, text: inserted }] });
      const edited = await s.nextDiagnostics(EDITED, (p) => p.version === version);
      await s.open(fresh(index), text);
      const opened = await s.nextDiagnostics(fresh(index), (p) => p.version === 1);
      await s.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: fresh(index) } });
      assert.equal(diagnosticsJson(edited, EDITED), diagnosticsJson(opened, fresh(index)), `after edit ${index}:\n${text}`);
      if (edited.diagnostics.length > 0) withFindings++;
    }
    assert.ok(withFindings > EDITS.length / 2, `only ${withFindings} edits left findings to compare`);
  });
});
