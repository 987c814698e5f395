// Jupyter notebooks over notebookDocument/* sync: the cells are analysed together and findings,
// hovers and edits land in the right cells.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodeAction, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { applyTextEdits, editsFor } from './edits';
import { PUSH_CLIENT, withSession } from './session';

const NOTEBOOK = 'file:///tmp/holdout-lsp-test/analysis.ipynb';
const cell = (n: number): string => `vscode-notebook-cell:/tmp/holdout-lsp-test/analysis.ipynb#cell${n}`;

const CELLS: { kind: 1 | 2; languageId: string; text: string }[] = [
  { kind: 2, languageId: 'python', text: 'import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split\ndf = pd.read_csv("d.csv")' },
  { kind: 1, languageId: 'markdown', text: '# Scale, then split' },
  { kind: 2, languageId: 'python', text: '%matplotlib inline\nscaler = StandardScaler()\nX = scaler.fit_transform(df)' },
  { kind: 2, languageId: 'python', text: 'X_train, X_test = train_test_split(X, random_state=0)' },
];

test('notebook cells are analysed together; diagnostics, hover and code actions are per cell', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    assert.ok(s.initializeResult.capabilities.notebookDocumentSync, 'notebook sync advertised');
    await s.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: NOTEBOOK, notebookType: 'jupyter-notebook', version: 1, cells: CELLS.map((c, k) => ({ kind: c.kind, document: cell(k + 1) })) },
      cellTextDocuments: CELLS.map((c, k) => ({ uri: cell(k + 1), languageId: c.languageId, version: 1, text: c.text })),
    });
    const published = await s.nextDiagnostics(cell(3), (p) => p.diagnostics.length > 0);
    const [d] = published.diagnostics;
    assert.equal(d.code, 'fit-before-split');
    assert.deepEqual(d.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 28 } });
    assert.equal(d.relatedInformation?.[0].location.uri, cell(4));
    assert.match(d.message, / \(cell 3\)$/, 'the Problems panel row says which cell');
    assert.equal(d.relatedInformation?.[0].message, 'split here (cell 4)');
    for (const other of [1, 2, 4]) await s.nextDiagnostics(cell(other), (p) => p.diagnostics.length === 0, 0);

    const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: cell(4) }, position: { line: 0, character: 2 } });
    assert.equal(
      (hover?.contents as MarkupContent).value,
      '`X_train`: train part of the split at line 1 of cell 4 of the data loaded at line 4 of cell 1; transformed by a StandardScaler fitted on the full data at line 3 of cell 3',
    );

    const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: cell(3) }, range: d.range, context: { diagnostics: [d] } });
    const disable = actions.find((a) => a.title === 'Disable fit-before-split for this line');
    assert.deepEqual(Object.keys(disable?.edit?.changes ?? {}), [cell(3)]);
    assert.equal(applyTextEdits(CELLS[2].text, editsFor(disable!.edit!, cell(3))), '%matplotlib inline\nscaler = StandardScaler()\nX = scaler.fit_transform(df)  # holdout: ignore[fit-before-split]');
    // The fix moves the fit after the split: edits in cells 3 and 4.
    const fix = actions[0];
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}).sort(), [cell(3), cell(4)]);
    assert.equal(applyTextEdits(CELLS[3].text, editsFor(fix.edit!, cell(4))), 'X_train, X_test = train_test_split(df, random_state=0)\nX_train = scaler.fit_transform(X_train)\nX_test = scaler.transform(X_test)');

    // "Fix all" from a cell fixes the notebook.
    await s.request('workspace/executeCommand', { command: 'holdout.fixAll', arguments: [cell(3)] });
    const applied = await s.waitFor('workspace/applyEdit', () => s.appliedEdits[0]);
    assert.deepEqual(Object.keys(applied.edit.changes ?? {}).sort(), [cell(3), cell(4)]);
    assert.equal(applyTextEdits(CELLS[2].text, editsFor(applied.edit, cell(3))), '%matplotlib inline\nscaler = StandardScaler()');

    // Editing cell 3 to drop the scaling clears its diagnostic.
    const after = s.diagnostics.length;
    await s.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: NOTEBOOK, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(3), version: 2 }, changes: [{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 28 } }, text: 'df' }] }] } },
    });
    await s.nextDiagnostics(cell(3), (p) => p.diagnostics.length === 0, after);

    // Closing the notebook clears every cell.
    const beforeClose = s.diagnostics.length;
    await s.connection.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: NOTEBOOK }, cellTextDocuments: CELLS.map((_, k) => ({ uri: cell(k + 1) })) });
    await s.waitFor('cleared cells', () => (new Set(s.diagnostics.slice(beforeClose).map((p) => p.uri)).size === 4 ? true : undefined));
  });
});
