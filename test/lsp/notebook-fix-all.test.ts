// "Fix all" in notebooks: `notebook.source.fixAll.holdout` (asked once, on the first cell, by
// VS Code's notebook.codeActionsOnSave) fixes every cell; `source.fixAll.holdout` in a cell fixes
// that cell only (VS Code drops a cell's save action that edits other cells); the holdout.fixAll
// command takes a cell or the notebook and says what it left. Against the real binary.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodeAction } from 'vscode-languageserver-protocol';
import { lintCells } from '../../server/src/notebook';
import { applyTextEdits, editsFor } from './edits';
import { LspSession, PUSH_CLIENT, withSession } from './session';

const NOTEBOOK = 'file:///tmp/holdout-lsp-test/fix-all.ipynb';
const cell = (n: number): string => `vscode-notebook-cell:/tmp/holdout-lsp-test/fix-all.ipynb#cell${n}`;

const CELLS = [
  'import numpy as np\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.ensemble import RandomForestClassifier\nX = np.load("x.npy")\ny = np.load("y.npy")',
  'X = StandardScaler().fit_transform(X)',
  'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
  'model = RandomForestClassifier()\nmodel.fit(X_train, y_train)',
];

async function openNotebook(s: LspSession): Promise<void> {
  await s.connection.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri: NOTEBOOK, notebookType: 'jupyter-notebook', version: 1, cells: CELLS.map((_, k) => ({ kind: 2, document: cell(k + 1) })) },
    cellTextDocuments: CELLS.map((text, k) => ({ uri: cell(k + 1), languageId: 'python', version: 1, text })),
  });
  await s.nextDiagnostics(cell(4), (p) => p.diagnostics.length > 0, 0);
}

function sourceActions(s: LspSession, cellNumber: number, only: string[]): Promise<CodeAction[]> {
  return s.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: cell(cellNumber) },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only, triggerKind: 2 },
  });
}

/** The cells after applying a workspace edit of cell URIs. */
function applied(edit: CodeAction['edit']): string[] {
  return CELLS.map((text, k) => (edit?.changes?.[cell(k + 1)] ? applyTextEdits(text, editsFor(edit, cell(k + 1))) : text));
}

const rules = (cells: string[]): string[] => lintCells(cells.map((source) => ({ kind: 'code' as const, source }))).findings.map((f) => `${f.rule}@${f.range.cell}`).sort();

test('the server offers notebook.source.fixAll.holdout', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    const kinds = (s.initializeResult.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.ok(kinds.includes('notebook.source.fixAll.holdout'), JSON.stringify(kinds));
    assert.ok(kinds.includes('source.fixAll.holdout'), JSON.stringify(kinds));
  });
});

test('notebook.source.fixAll.holdout on the first cell fixes every cell, the cross-cell fix included', async () => {
  assert.deepEqual(rules(CELLS), ['fit-before-split@2', 'unseeded-rng@4']);
  await withSession(PUSH_CLIENT, async (s) => {
    await openNotebook(s);
    const actions = await sourceActions(s, 1, ['notebook.source.fixAll']);
    assert.deepEqual(actions.map((a) => [a.kind, a.title]), [['notebook.source.fixAll.holdout', 'Holdout: Fix all safe leakage problems in the notebook']]);
    const after = applied(actions[0].edit);
    assert.deepEqual(Object.keys(actions[0].edit?.changes ?? {}).sort(), [cell(2), cell(3), cell(4)]);
    assert.deepEqual(rules(after), []);
    // Only a notebook cell gets the notebook kind; `source` alone does not bring it.
    assert.ok(!(await sourceActions(s, 1, ['source'])).some((a) => a.kind?.startsWith('notebook')));
  });
});

test('source.fixAll.holdout in a cell edits that cell only', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await openNotebook(s);
    const [inCell4] = await sourceActions(s, 4, ['source.fixAll']);
    assert.equal(inCell4.kind, 'source.fixAll.holdout');
    assert.equal(inCell4.title, 'Holdout: Fix all safe leakage problems in this cell');
    assert.deepEqual(Object.keys(inCell4.edit?.changes ?? {}), [cell(4)]);
    assert.deepEqual(rules(applied(inCell4.edit)), ['fit-before-split@2']);
    // Cell 2's fit is fixed by moving it after the split in cell 3: nothing to do inside cell 2 alone.
    assert.deepEqual(await sourceActions(s, 2, ['source.fixAll']), []);
  });
});

test('the holdout.fixAll command fixes the whole notebook from a cell or the notebook, and says what is left', async () => {
  for (const target of [cell(4), NOTEBOOK]) {
    await withSession(PUSH_CLIENT, async (s) => {
      await openNotebook(s);
      const result = await s.request<{ applied: boolean; summary?: string }>('workspace/executeCommand', { command: 'holdout.fixAll', arguments: [target] });
      assert.equal(result.applied, true, target);
      assert.deepEqual(rules(applied(s.appliedEdits[0].edit)), []);
      assert.equal(await s.waitFor('the fix-all message', () => s.messages[0]), 'Holdout: Applied 2 safe fixes; no problems left.');
    });
  }
});

test('source.fixAll.holdout in a cell that replaced another (new cell URI) edits that cell', async () => {
  // What VS Code sends when a revert or an undone deletion replaces cells: the old cell closed,
  // a new one (a new URI) opened in its place.
  await withSession(PUSH_CLIENT, async (s) => {
    await openNotebook(s);
    const replacement = `${cell(4)}-new`;
    await s.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: NOTEBOOK, version: 2 },
      change: {
        cells: {
          structure: {
            array: { start: 3, deleteCount: 1, cells: [{ kind: 2, document: replacement }] },
            didOpen: [{ uri: replacement, languageId: 'python', version: 1, text: CELLS[3] }],
            didClose: [{ uri: cell(4) }],
          },
        },
      },
    });
    await s.nextDiagnostics(replacement, (p) => p.diagnostics.length > 0, 0);
    const [action] = await s.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: replacement },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 },
    });
    assert.equal(action?.kind, 'source.fixAll.holdout');
    assert.deepEqual(Object.keys(action.edit?.changes ?? {}), [replacement]);
    assert.match(applyTextEdits(CELLS[3], editsFor(action.edit!, replacement)), /RandomForestClassifier\(random_state=42\)/);
  });
});
