// `holdout/experimentGraph` against the real server binary: the graph and checklist of an open
// script, of a notebook (asked by its URI or a cell's), and null for what is not open.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EXPERIMENT_GRAPH_REQUEST, ExperimentGraphResult } from '../../server/src/lsp/experiment-graph-protocol';
import { PUSH_CLIENT, withSession } from './session';

const SCRIPT = 'file:///tmp/holdout-lsp-test/graph.py';
const NOTEBOOK = 'file:///tmp/holdout-lsp-test/graph.ipynb';
const cell = (n: number): string => `vscode-notebook-cell:/tmp/holdout-lsp-test/graph.ipynb#cell${n}`;

const TEXT = [
  'import pandas as pd',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.preprocessing import StandardScaler',
  'df = pd.read_csv("d.csv")',
  'X = StandardScaler().fit_transform(df)',
  'X_train, X_test = train_test_split(X, random_state=0)',
  '',
].join('\n');

test('experimentGraph: a script, edited; a notebook by its URI and by a cell; unknown URIs', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await s.open(SCRIPT, TEXT);
    const first = await s.request<ExperimentGraphResult | null>(EXPERIMENT_GRAPH_REQUEST, { uri: SCRIPT });
    assert.ok(first);
    assert.equal(first.uri, SCRIPT);
    const fit = first.graph.nodes.find((n) => n.kind === 'fitted')!;
    assert.deepEqual([fit.id, fit.location.line, fit.severity], ['fit_L5', 5, 'error']);
    assert.equal(first.checklist.items.find((i) => i.id === 'split-before-preprocessing')!.answer, 'no');

    // Split first, fit on the training part: the path is gone with the next version.
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: SCRIPT, version: 2 },
      contentChanges: [{ text: TEXT.replace('X = StandardScaler().fit_transform(df)\nX_train, X_test = train_test_split(X, random_state=0)', 'X_train, X_test = train_test_split(df, random_state=0)\nX_train = StandardScaler().fit_transform(X_train)') }],
    });
    const second = await s.request<ExperimentGraphResult | null>(EXPERIMENT_GRAPH_REQUEST, { uri: SCRIPT });
    assert.equal(second?.documentVersion, 2);
    assert.ok(second!.graph.nodes.every((n) => !n.severity));

    const cells = [
      { kind: 2, languageId: 'python', text: TEXT.split('\n').slice(0, 4).join('\n') },
      { kind: 1, languageId: 'markdown', text: '# Scale, then split' },
      { kind: 2, languageId: 'python', text: TEXT.split('\n').slice(4).join('\n') },
    ];
    await s.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: NOTEBOOK, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c, k) => ({ kind: c.kind, document: cell(k + 1) })) },
      cellTextDocuments: cells.map((c, k) => ({ uri: cell(k + 1), languageId: c.languageId, version: 1, text: c.text })),
    });
    for (const uri of [NOTEBOOK, cell(3)]) {
      const nb = await s.request<ExperimentGraphResult | null>(EXPERIMENT_GRAPH_REQUEST, { uri });
      assert.ok(nb);
      assert.equal(nb.uri, NOTEBOOK);
      assert.deepEqual(nb.cellUris, [cell(1), cell(2), cell(3)]);
      const nbFit = nb.graph.nodes.find((n) => n.kind === 'fitted')!;
      assert.deepEqual([nbFit.id, nbFit.location.cell, nbFit.location.line], ['fit_c3_L1', 3, 1]);
    }

    assert.equal(await s.request(EXPERIMENT_GRAPH_REQUEST, { uri: 'file:///not/open.py' }), null);
    assert.equal(await s.request(EXPERIMENT_GRAPH_REQUEST, {}), null);
  });
});
