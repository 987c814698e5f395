// Notebooks in a real VS Code: closing a notebook clears its problems, and removing a cell clears
// that cell's. The figures (ms from the close to no Holdout problem left) go to
// $HOLDOUT_E2E_OUTPUT/notebook-measurements.json for the issue note.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeDiagnostics, ruleOf, SOURCE, workspaceFile } from './helpers';

const NOTEBOOK = 'notebooks/churn_leaky.ipynb';

/** Holdout diagnostics of every cell of the notebook (by cell URI), closed cells included. */
function notebookDiagnostics(notebookUri: vscode.Uri): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.scheme === 'vscode-notebook-cell' && uri.path === notebookUri.path)
    .map(([uri, diags]): [vscode.Uri, vscode.Diagnostic[]] => [uri, diags.filter((d) => d.source === SOURCE)])
    .filter(([, diags]) => diags.length > 0);
}

function describe_(entries: [vscode.Uri, vscode.Diagnostic[]][]): string {
  return entries.map(([uri, d]) => `${uri.fragment}: ${describeDiagnostics(d)}`).join('\n  ') || '(none)';
}

/** Resolves when `predicate` holds for the notebook's diagnostics (checked on every change). */
function waitForNotebook(
  notebookUri: vscode.Uri,
  predicate: (entries: [vscode.Uri, vscode.Diagnostic[]][]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!predicate(notebookDiagnostics(notebookUri))) return;
      cleanup();
      resolve(Date.now() - started);
    };
    const sub = vscode.languages.onDidChangeDiagnostics(() => check());
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; Holdout diagnostics of the notebook now:\n  ${describe_(notebookDiagnostics(notebookUri))}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

const measurements: Record<string, number> = {};

async function openNotebook(measure?: string, name = NOTEBOOK): Promise<vscode.NotebookEditor> {
  const started = Date.now();
  const notebook = await vscode.workspace.openNotebookDocument(workspaceFile(name));
  const editor = await vscode.window.showNotebookDocument(notebook, { preview: false });
  await waitForNotebook(notebook.uri, (e) => e.reduce((n, [, d]) => n + d.length, 0) === 3, 'the 3 Holdout problems of the notebook', 90_000);
  if (measure && measurements[measure] === undefined) measurements[measure] = Date.now() - started;
  return editor;
}

/** The example notebook as shipped (earlier suites edit the workspace copy), written to `name`. */
async function freshCopy(name: string): Promise<void> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'holdout');
  assert.ok(ext, 'the Holdout extension is not loaded');
  const shipped = vscode.Uri.joinPath(ext.extensionUri, 'examples', NOTEBOOK);
  await vscode.workspace.fs.writeFile(workspaceFile(name), await vscode.workspace.fs.readFile(shipped));
}

describe('Notebooks in a real VS Code', function () {
  // An earlier suite may have changed the notebook (a quick fix): start from the example as shipped.
  before(async function () {
    await freshCopy(NOTEBOOK);
    const open = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith(NOTEBOOK));
    if (open) {
      await vscode.window.showNotebookDocument(open, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  after(function () {
    const out = process.env.HOLDOUT_E2E_OUTPUT;
    if (out) fs.writeFileSync(path.join(out, 'notebook-measurements.json'), JSON.stringify(measurements, null, 2));
  });

  // notebook.codeActionsOnSave: `source.fixAll.holdout` runs per cell (VS Code drops a cell's
  // action that edits other cells, so each cell gets only its own fixes); the notebook kind runs
  // once and may edit every cell. Each runs on a fresh copy of the example, opened for the first
  // time. (Seen in code-server 1.100.3: once VS Code has replaced a notebook's cells — a revert,
  // a removed cell put back — the per-cell kind no longer applies on save to the new cells; the
  // notebook kind is not affected. Not understood yet; the notebook kind is the one to use.)
  for (const [kind, left] of [
    ['source.fixAll.holdout', ['fit-before-split', 'test-in-selection']],
    ['notebook.source.fixAll.holdout', ['test-in-selection']],
  ] as const) {
    it(`notebook.codeActionsOnSave { "${kind}": "explicit" } fixes on save`, async function () {
      const name = `notebooks/on_save_${kind.split('.')[0]}.ipynb`;
      await freshCopy(name);
      const settings = vscode.workspace.getConfiguration('notebook');
      await settings.update('codeActionsOnSave', { [kind]: 'explicit' }, vscode.ConfigurationTarget.Global);
      try {
        const editor = await openNotebook('problemsAfterOpenMs', name);
        // A change to save: a blank line at the end of the first (markdown) cell.
        const first = editor.notebook.cellAt(0).document;
        const edit = new vscode.WorkspaceEdit();
        edit.insert(first.uri, first.lineAt(first.lineCount - 1).range.end, '\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
        const started = Date.now();
        await vscode.window.showNotebookDocument(editor.notebook);
        await vscode.commands.executeCommand('workbench.action.files.save');
        const rules = (e: [vscode.Uri, vscode.Diagnostic[]][]): string[] => e.flatMap(([, d]) => d.map((x) => ruleOf(x) ?? '')).sort();
        await waitForNotebook(editor.notebook.uri, (e) => JSON.stringify(rules(e)) === JSON.stringify(left), `only ${left.join(', ')} left after saving`);
        measurements[`${kind} on save, ms to the fixed problems`] = Date.now() - started;
        assert.ok(!editor.notebook.isDirty, 'the notebook was saved');
      } finally {
        await settings.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });
  }

  it('removing a cell clears its problems, the others stay', async function () {
    const editor = await openNotebook();
    const notebook = editor.notebook;
    const withWarning = notebook.getCells().findIndex((c) => vscode.languages.getDiagnostics(c.document.uri).some((d) => ruleOf(d) === 'unseeded-rng'));
    assert.ok(withWarning >= 0, 'no cell shows the unseeded-rng warning');
    const removed = notebook.cellAt(withWarning).document.uri;
    const removedText = notebook.cellAt(withWarning).document.getText();
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.deleteCells(new vscode.NotebookRange(withWarning, withWarning + 1))]);
    const started = Date.now();
    assert.ok(await vscode.workspace.applyEdit(edit), 'deleting the cell failed');
    await waitForNotebook(
      notebook.uri,
      (e) => !e.some(([u]) => u.toString() === removed.toString()) && e.some(([, d]) => d.some((x) => ruleOf(x) === 'fit-before-split')),
      'the removed cell cleared, fit-before-split still shown',
    );
    measurements.clearedAfterCellRemovalMs = Date.now() - started;
    // Putting the cell back brings its problems back.
    const back = new vscode.WorkspaceEdit();
    back.set(notebook.uri, [vscode.NotebookEdit.insertCells(withWarning, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, removedText, 'python')])]);
    assert.ok(await vscode.workspace.applyEdit(back), 'inserting the cell failed');
    await waitForNotebook(notebook.uri, (e) => e.reduce((n, [, d]) => n + d.length, 0) === 3, 'the 3 problems again after putting the cell back');
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('workbench.action.files.save');
  });

  // VS Code keeps the notebook document open after its tab closes (no notebookDocument/didClose):
  // the extension reports the notebook tabs and the server clears a notebook without one.
  it('closing the notebook clears its problems', async function () {
    const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith(NOTEBOOK));
    assert.ok(notebook, 'the notebook is not open');
    await vscode.window.showNotebookDocument(notebook, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    measurements.clearedAfterCloseMs = await waitForNotebook(notebook.uri, (e) => e.length === 0, 'no Holdout problem after closing the notebook', 20_000);
  });
});
