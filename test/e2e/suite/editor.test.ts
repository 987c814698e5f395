// The Holdout extension inside a real VS Code: diagnostics on a leaky file, the quick fix,
// suppression and documentation actions, hover. Runs in the extension host (see index.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  applyAction, codeActionsFor, describeDiagnostics, expectAt, findAt, holdoutDiagnostics, openPython,
  ruleOf, waitForDiagnostics, waitForDocumentChange, workspaceFile,
} from './helpers';

const LEAKY = 'churn_leaky.py';
const CLEAN = 'churn_clean.py';

interface CliFinding { file: string; rule: string; severity: string; line: number; column: number; endLine: number; endColumn: number }

/** What `holdout check --format json` said about the same workspace (written by the harness). */
function cliFindings(file: string): CliFinding[] | undefined {
  const p = process.env.HOLDOUT_E2E_EXPECTED;
  if (!p || !fs.existsSync(p)) return undefined;
  const report = JSON.parse(fs.readFileSync(p, 'utf8')) as { diagnostics: CliFinding[] };
  return report.diagnostics.filter((d) => d.file === file || d.file.endsWith(`/${file}`));
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

describe('Holdout in a real VS Code', function () {
  let doc: vscode.TextDocument;

  let first: vscode.Diagnostic[] = [];

  // Opening the file activates the extension and starts the server; everything else needs the
  // first diagnostics, so a failure here fails fast instead of timing out test by test.
  before(async function () {
    doc = await openPython(LEAKY);
    first = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'the first Holdout diagnostics on churn_leaky.py', 90_000);
  });

  it('activates on a Python file and publishes diagnostics with source "holdout"', async function () {
    const diags = first;
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'holdout');
    assert.ok(ext, 'the Holdout extension is not loaded');
    assert.ok(ext.isActive, 'the Holdout extension did not activate');
    for (const d of diags) assert.equal(d.source, 'holdout');
  });

  it('reports the leaks of churn_leaky.py on the right lines, with rule codes and doc links', async function () {
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => !!findAt(d, 'fit-before-split', 17) && !!findAt(d, 'test-in-selection', 28) && !!findAt(d, 'unseeded-rng', 23),
      'fit-before-split@17, test-in-selection@28 and unseeded-rng@23',
    );
    const fit = expectAt(diags, 'fit-before-split', 17);
    assert.equal(fit.severity, vscode.DiagnosticSeverity.Error);
    assert.match(fit.message, /StandardScaler/);
    assert.equal(doc.getText(fit.range), 'scaler.fit_transform(features)');
    // No docs-url configured: no web address (the docs ship with the extension).
    assert.equal(fit.code, 'fit-before-split', 'the diagnostic code carries no codeDescription.href');
    assert.ok(fit.relatedInformation?.some((r) => r.location.range.start.line === 17), 'related information should point at the split on line 18');

    const selection = expectAt(diags, 'test-in-selection', 28);
    assert.equal(selection.severity, vscode.DiagnosticSeverity.Error);
    const rng = expectAt(diags, 'unseeded-rng', 23);
    assert.equal(doc.getText(rng.range), 'GradientBoostingClassifier()');

    // The editor shows exactly what the CLI reports for the same file.
    const cli = cliFindings(LEAKY);
    if (cli) {
      const key = (rule: string | undefined, line: number, col: number): string => `${rule}@${line}:${col}`;
      const editor = diags.map((d) => key(ruleOf(d), d.range.start.line + 1, d.range.start.character + 1)).sort();
      const expected = cli.map((f) => key(f.rule, f.line, f.column)).sort();
      assert.deepEqual(editor, expected, `editor vs CLI:\n  ${describeDiagnostics(diags)}`);
      for (const f of cli) {
        const d = diags.find((x) => ruleOf(x) === f.rule && x.range.start.line === f.line - 1 && x.range.start.character === f.column - 1);
        assert.equal(d?.severity, SEVERITY[f.severity], `severity of ${f.rule}@${f.line}`);
      }
    }
  });

  it('hover on a flagged span explains the rule, hover on a data variable shows its provenance', async function () {
    const diags = await waitForDiagnostics(doc.uri, (d) => !!findAt(d, 'fit-before-split', 17), 'fit-before-split@17');
    const fit = expectAt(diags, 'fit-before-split', 17);
    const text = async (pos: vscode.Position): Promise<string> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    const onSpan = await text(fit.range.start.translate(0, 2));
    assert.match(onSpan, /fit-before-split|fitted|split/i, `hover on the flagged span: ${onSpan}`);
    assert.ok(onSpan.includes('(command:holdout.showDocumentation?'), `the hover links to the bundled docs: ${onSpan}`);
    const xTrainLine = 17; // 0-based line 18: X_train, X_test, ... = train_test_split(...)
    const onVar = await text(new vscode.Position(xTrainLine, 2));
    assert.match(onVar, /X_train/, `hover on X_train: ${onVar}`);
    assert.match(onVar, /split/i, `hover on X_train: ${onVar}`);
  });

  it('offers the rule fix as the preferred quick fix, and applying it clears the finding', async function () {
    const diags = await waitForDiagnostics(doc.uri, (d) => !!findAt(d, 'unseeded-rng', 23), 'unseeded-rng@23');
    const target = expectAt(diags, 'unseeded-rng', 23);
    const actions = await codeActionsFor(doc.uri, target.range);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.isPreferred && /random_state/.test(a.title));
    assert.ok(fix, `no preferred "random_state" quick fix among: ${JSON.stringify(titles)}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `the fix's kind is ${fix.kind?.value}`);
    assert.ok(titles.includes('Disable unseeded-rng for this line'), `titles: ${JSON.stringify(titles)}`);
    assert.ok(titles.includes('Disable unseeded-rng for this file'), `titles: ${JSON.stringify(titles)}`);
    assert.ok(titles.includes('Show documentation for unseeded-rng'), `titles: ${JSON.stringify(titles)}`);

    const before = holdoutDiagnostics(doc.uri).length;
    await applyAction(fix);
    assert.match(doc.lineAt(22).text, /GradientBoostingClassifier\(random_state=42\)/);
    const after = await waitForDiagnostics(doc.uri, (d) => !findAt(d, 'unseeded-rng', 23) && d.length > 0, 'unseeded-rng@23 to disappear after the quick fix');
    assert.equal(after.length, before - 1, `only the fixed finding should go:\n  ${describeDiagnostics(after)}`);
    assert.ok(findAt(after, 'fit-before-split', 17), 'the other findings stay');
  });

  it('"Disable <rule> for this line" suppresses the finding with a comment', async function () {
    const diags = await waitForDiagnostics(doc.uri, (d) => !!findAt(d, 'fit-before-split', 11), 'fit-before-split@11');
    const target = expectAt(diags, 'fit-before-split', 11);
    const actions = await codeActionsFor(doc.uri, target.range);
    const disable = actions.find((a) => a.title === 'Disable fit-before-split for this line');
    assert.ok(disable, `titles: ${JSON.stringify(actions.map((a) => a.title))}`);
    await applyAction(disable);
    await waitForDocumentChange(doc, (t) => /holdout:\s*ignore\[fit-before-split\]/.test(t), 'the suppression comment');
    await waitForDiagnostics(doc.uri, (d) => !findAt(d, 'fit-before-split', 11) && d.length > 0, 'fit-before-split@11 to be suppressed');
  });

  it('a clean file gets no Holdout diagnostics', async function () {
    const clean = await openPython(CLEAN);
    // The server publishes (an empty list) for every opened document; wait for that publication.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { sub.dispose(); reject(new Error('no diagnostics publication for churn_clean.py')); }, 30_000);
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === clean.uri.toString())) { clearTimeout(timer); sub.dispose(); resolve(); }
      });
      // Pull diagnostics or an early push may already have happened: edit nothing, but make sure
      // a publication is requested by touching the document's visibility.
      void vscode.window.showTextDocument(clean, { preview: false });
    }).catch((err) => {
      // A server that publishes nothing for a clean file never fires the event: fine if it is empty.
      if (holdoutDiagnostics(clean.uri).length) throw err;
    });
    assert.deepEqual(holdoutDiagnostics(clean.uri).map((d) => `${ruleOf(d)}@${d.range.start.line + 1}`), []);
  });

  it('registers the Holdout commands', async function () {
    const commands = await vscode.commands.getCommands(true);
    const holdout = commands.filter((c) => c.startsWith('holdout.'));
    assert.ok(holdout.length >= 3, `Holdout commands: ${JSON.stringify(holdout)}`);
  });
});

describe('Holdout on a Jupyter notebook in a real VS Code', function () {
  it('reports a cross-cell leak on the right cell and applies a quick fix inside a cell', async function () {
    const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('notebooks/churn_leaky.ipynb'));
    const editor = await vscode.window.showNotebookDocument(notebook);
    const cellWith = (text: string): vscode.NotebookCell => {
      const cell = notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code && c.document.getText().includes(text));
      assert.ok(cell, `no code cell contains ${text}`);
      return cell;
    };
    const scalerCell = cellWith('scaler.fit_transform');
    const splitCell = cellWith('train_test_split(X_scaled');
    const forestCell = cellWith('RandomForestClassifier(n_estimators=n)');

    // The scaler is fitted in one cell and the split happens in another: one finding, on the scaler's cell.
    const diags = await waitForDiagnostics(scalerCell.document.uri, (d) => d.some((x) => ruleOf(x) === 'fit-before-split'), 'fit-before-split on the scaler cell', 90_000);
    const fit = diags.find((x) => ruleOf(x) === 'fit-before-split')!;
    assert.equal(scalerCell.document.getText(fit.range), 'scaler.fit_transform(X)');
    assert.ok(
      fit.relatedInformation?.some((r) => r.location.uri.toString() === splitCell.document.uri.toString()),
      'the related "split here" location should point into the split cell',
    );

    // The preferred fix of the unseeded forest edits that cell, and the finding goes away.
    const forest = await waitForDiagnostics(forestCell.document.uri, (d) => d.some((x) => ruleOf(x) === 'unseeded-rng'), 'unseeded-rng on the forest cell');
    const rng = forest.find((x) => ruleOf(x) === 'unseeded-rng')!;
    // Code actions need the cell's editor model, which exists once the cell is rendered: reveal it.
    await revealCell(editor, forestCell.index);
    const actions = await codeActionsFor(forestCell.document.uri, rng.range);
    const fix = actions.find((a) => a.isPreferred && /random_state/.test(a.title));
    assert.ok(fix, `no preferred random_state fix among: ${JSON.stringify(actions.map((a) => a.title))}`);
    await applyAction(fix);
    await waitForDocumentChange(forestCell.document, (t) => /RandomForestClassifier\(n_estimators=n, random_state=42\)/.test(t), 'the fixed forest cell');
    await waitForDiagnostics(forestCell.document.uri, (d) => !d.some((x) => ruleOf(x) === 'unseeded-rng'), 'unseeded-rng to disappear from the forest cell');
  });
});

/** Scrolls a notebook cell into view and resolves once the editor shows it. */
function revealCell(editor: vscode.NotebookEditor, index: number): Promise<void> {
  const shown = (): boolean => editor.visibleRanges.some((r) => r.start <= index && index < r.end);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`cell ${index} never became visible`)); }, 30_000);
    const sub = vscode.window.onDidChangeNotebookEditorVisibleRanges((e) => {
      if (e.notebookEditor === editor && shown()) { clearTimeout(timer); sub.dispose(); resolve(); }
    });
    editor.selections = [new vscode.NotebookRange(index, index + 1)];
    editor.revealRange(new vscode.NotebookRange(index, index + 1), vscode.NotebookEditorRevealType.InCenter);
    if (shown()) { clearTimeout(timer); sub.dispose(); resolve(); }
  });
}

describe('Holdout documentation in a real VS Code', function () {
  // "Show documentation" opens the page the extension ships in VS Code's Markdown preview: no
  // website, no "open external website?" prompt.
  it('Show documentation opens the bundled rule page in a Markdown preview', async function () {
    const previewOf = (name: string): vscode.Tab | undefined =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes(name));
    const started = Date.now();
    await vscode.commands.executeCommand('holdout.showDocumentation', 'unseeded-rng');
    while (!previewOf('unseeded-rng.md')) {
      if (Date.now() - started > 20_000) {
        throw new Error(`no Markdown preview of unseeded-rng.md; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'holdout');
    assert.ok(ext, 'the Holdout extension is not loaded');
    const page = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', 'unseeded-rng.md'));
    assert.match(Buffer.from(page).toString('utf8'), /^# unseeded-rng$/m, 'the extension ships the page it previews');
    await vscode.window.tabGroups.close(previewOf('unseeded-rng.md')!);
  });
});
