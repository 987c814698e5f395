// A notebook's problems leave with it: on notebookDocument/didClose, when a cell is removed, and
// when the client reports that no editor tab shows the notebook any more (holdout/shownNotebooks:
// VS Code keeps the notebook document open after its last tab closes). Against the real binary.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspSession, PUSH_CLIENT, withSession } from './session';

const NOTEBOOK = 'file:///tmp/holdout-lsp-test/lifecycle.ipynb';
const cell = (n: number): string => `vscode-notebook-cell:/tmp/holdout-lsp-test/lifecycle.ipynb#cell${n}`;

const CELLS = [
  'import numpy as np\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.ensemble import RandomForestClassifier\nX = np.load("x.npy")\ny = np.load("y.npy")',
  'X = StandardScaler().fit_transform(X)\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
  'model = RandomForestClassifier()\nmodel.fit(X_train, y_train)',
];

function openNotebook(s: LspSession): Promise<void> {
  return s.connection.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri: NOTEBOOK, notebookType: 'jupyter-notebook', version: 1, cells: CELLS.map((_, k) => ({ kind: 2, document: cell(k + 1) })) },
    cellTextDocuments: CELLS.map((text, k) => ({ uri: cell(k + 1), languageId: 'python', version: 1, text })),
  });
}

/** The latest diagnostics per cell URI among the notifications after the `after`-th. */
function latest(s: LspSession, after: number): Map<string, PublishDiagnosticsParams> {
  const out = new Map<string, PublishDiagnosticsParams>();
  for (const p of s.diagnostics.slice(after)) out.set(p.uri, p);
  return out;
}

/** Waits until every listed cell's latest diagnostics (after `after`) have the given rules. */
function cellsShow(s: LspSession, after: number, expected: Record<string, string[]>): Promise<true> {
  return s.waitFor(`cells showing ${JSON.stringify(expected)}`, () => {
    const now = latest(s, after);
    const ok = Object.entries(expected).every(([uri, rules]) => {
      const p = now.get(uri);
      return p !== undefined && JSON.stringify(p.diagnostics.map((d) => d.code).sort()) === JSON.stringify([...rules].sort());
    });
    return ok ? true : undefined;
  });
}

const SHOWN = { [cell(1)]: [], [cell(2)]: ['fit-before-split'], [cell(3)]: ['unseeded-rng'] };
const CLEARED = { [cell(1)]: [], [cell(2)]: [], [cell(3)]: [] };

test('closing a notebook clears every cell it published problems for', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await openNotebook(s);
    await cellsShow(s, 0, SHOWN);
    const before = s.diagnostics.length;
    await s.connection.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: NOTEBOOK }, cellTextDocuments: CELLS.map((_, k) => ({ uri: cell(k + 1) })) });
    await cellsShow(s, before, CLEARED);
  });
});

test('removing a cell clears its problems and the rest is analysed without it', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await openNotebook(s);
    await cellsShow(s, 0, SHOWN);
    const before = s.diagnostics.length;
    // What vscode-languageclient sends when a cell is deleted.
    await s.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: NOTEBOOK, version: 2 },
      change: { cells: { structure: { array: { start: 2, deleteCount: 1 }, didClose: [{ uri: cell(3) }] } } },
    });
    await cellsShow(s, before, { [cell(1)]: [], [cell(2)]: ['fit-before-split'], [cell(3)]: [] });
  });
});

test('a notebook no editor tab shows loses its problems and gets them back when shown again', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await s.connection.sendNotification('holdout/shownNotebooks', { uris: [NOTEBOOK] });
    await openNotebook(s);
    await cellsShow(s, 0, SHOWN);
    // The tab closed; the document stays open (no didClose).
    const hidden = s.diagnostics.length;
    await s.connection.sendNotification('holdout/shownNotebooks', { uris: [] });
    await cellsShow(s, hidden, CLEARED);
    // An edit of the hidden notebook publishes nothing.
    const edited = s.diagnostics.length;
    await s.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: NOTEBOOK, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(3), version: 2 }, changes: [{ range: { start: { line: 0, character: 31 }, end: { line: 0, character: 31 } }, text: 'n_estimators=10' }] }] } },
    });
    const hover = await s.request('textDocument/hover', { textDocument: { uri: cell(3) }, position: { line: 0, character: 2 } });
    assert.equal(s.diagnostics.length, edited, `a hidden notebook published diagnostics: ${JSON.stringify(s.diagnostics.slice(edited))} (hover ${JSON.stringify(hover)})`);
    // Shown again: analysed and published.
    await s.connection.sendNotification('holdout/shownNotebooks', { uris: [NOTEBOOK] });
    await cellsShow(s, edited, SHOWN);
  });
});

test('a client that never reports its tabs gets every open notebook analysed', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await openNotebook(s);
    await cellsShow(s, 0, SHOWN);
  });
});
