// Fixture notebooks with the findings expected in them, by cell and cell-relative line, through
// the API the CLI and the language server use.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixCells, fixNotebook, lintCells, lintNotebook, NotebookFinding, NotebookLint } from '../../server/src/notebook';
import { LineIndex } from '../../server/src/engine/text';
import { FIXTURES } from '../helpers/paths';

const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, 'notebooks', name), 'utf8');

/** `rule cell:line:column` with the related places as `cell:line`, columns 1-based in characters. */
function describe(lintResult: NotebookLint): string[] {
  const nb = lintResult.notebook!;
  const where = (cell: number, offset: number): string => {
    const { line, column } = new LineIndex(nb.cells[cell - 1].source).humanPosition(offset);
    return `${cell}:${line}:${column}`;
  };
  return lintResult.findings.map((f: NotebookFinding) => {
    const related = f.related.map((r) => where(r.range.cell, r.range.start).replace(/:\d+$/, '')).join(' ');
    return `${f.rule} ${where(f.range.cell, f.range.start)}${related ? ` -> ${related}` : ''}`;
  });
}

const EXPECTED: Record<string, string[]> = {
  'leaky_cross_cell.ipynb': ['fit-before-split 3:5:12 -> 5:1'],
  'clean.ipynb': [],
  'magics.ipynb': ['fit-before-split 4:3:12 -> 5:1'],
  'empty_and_markdown.ipynb': ['fit-before-split 7:5:1 -> 10:1'],
  'markdown_only.ipynb': [],
  'no_cells.ipynb': [],
  'crlf.ipynb': ['fit-before-split 3:5:12 -> 4:1'],
  'string_source.ipynb': ['fit-before-split 3:5:12 -> 4:1'],
  'ascii_escaped.ipynb': ['fit-before-split 2:6:12 -> 3:1'],
  // The comment at the end of cell 1 is not "the line above" cell 2; the one in cell 4 works.
  'suppressed.ipynb': ['fit-before-split 2:1:12 -> 3:1'],
};

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`findings in ${name}`, () => {
    const result = lintNotebook(read(name));
    assert.equal(result.error, undefined);
    assert.equal(result.hasSyntaxErrors, false, 'IPython syntax is masked, so the program parses');
    assert.deepEqual(describe(result), expected);
  });
}

test('messages name no lines; the related location in another cell carries the cell', () => {
  const [finding] = lintNotebook(read('leaky_cross_cell.ipynb')).findings;
  assert.doesNotMatch(finding.message, /\bline \d/);
  assert.equal(finding.programFinding.message, finding.message);
  assert.deepEqual(finding.related.map((r) => [r.range.cell, r.message]), [[5, 'split here']]);
});

test('ranges are UTF-16 offsets into the cell source, related ones too', () => {
  const result = lintNotebook(read('string_source.ipynb'));
  const [finding] = result.findings;
  const source = result.notebook!.cells[2].source;
  assert.equal(source.slice(finding.range.start, finding.range.end), 'scaler.fit_transform(X)');
  const split = result.notebook!.cells[3].source;
  assert.equal(split.slice(finding.related[0].range.start, finding.related[0].range.end).startsWith('train_test_split('), true);
});

test('fixes come as cell edits', () => {
  const [finding] = lintNotebook(read('leaky_cross_cell.ipynb')).findings;
  assert.equal(finding.fixes.length, 1);
  assert.deepEqual([...new Set(finding.fixes[0].edits.map((e) => e.cell))], [3, 5]);
});

test('a notebook in another language is not checked, with a note', () => {
  const fixed = fixNotebook(read('r_kernel.ipynb'), { unsafe: true });
  assert.equal(fixed.ok && fixed.text, read('r_kernel.ipynb'));
  const result = lintNotebook(read('r_kernel.ipynb'));
  assert.deepEqual([result.error, result.findings.length, result.notes], [undefined, 0, ['not a Python notebook (kernel language: r): not checked']]);
});

test('bad files give an error, not an exception', () => {
  for (const name of ['broken.ipynb', 'python_file.ipynb', 'not_a_notebook.ipynb', 'nbformat3.ipynb']) {
    const result = lintNotebook(read(name));
    assert.match(result.error ?? '', /notebook/, name);
    assert.equal(result.findings.length, 0);
  }
});

test('cell texts from an editor: markdown cells count for numbering, edits re-analyse', () => {
  const cells = [
    { kind: 'markdown', source: '# Notes' },
    { kind: 'code', source: 'import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split' },
    { kind: 'code', source: 'df = pd.read_csv("a.csv")\nXs = StandardScaler().fit_transform(df)' },
    { kind: 'code', source: 'a, b = train_test_split(Xs, random_state=0)', language: 'python' },
  ];
  const first = lintCells(cells);
  assert.deepEqual(first.findings.map((f) => [f.rule, f.range.cell]), [['fit-before-split', 3]]);
  // Moving the split before the fit: the leak is gone.
  const moved = [cells[0], cells[1], { kind: 'code', source: 'df = pd.read_csv("a.csv")\na, b = train_test_split(df, random_state=0)' }, { kind: 'code', source: 'sc = StandardScaler().fit(a)' }];
  assert.deepEqual(lintCells(moved).findings, []);
  // The same cells deleted: nothing to report.
  assert.deepEqual(lintCells([cells[0], cells[1]]).findings, []);
});

test('fixCells fixes across cells and changes only the fixed cells', () => {
  const nb = lintNotebook(read('magics.ipynb')).notebook!;
  const run = fixCells(nb.cells, { unsafe: false });
  assert.deepEqual(run.changed, [4, 5]);
  assert.equal(run.applied.get('fit-before-split'), 1);
  assert.equal(run.sources[3], '%%time\nimputer = SimpleImputer(strategy="median")');
  assert.equal(run.sources[4], '%time X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)\nX_train = imputer.fit_transform(X_train)\nX_test = imputer.transform(X_test)');
  assert.deepEqual(lintCells(nb.cells.map((c, k) => ({ ...c, source: run.sources[k] }))).findings, []);
});
