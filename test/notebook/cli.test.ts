// `holdout check` on notebooks, through the binary: text and JSON output by cell, per-file
// errors for bad notebooks, and --fix / --diff changing only the fixed cells' sources.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseIpynb, ParsedIpynb } from '../../server/src/notebook/ipynb';
import { EXAMPLES, FIXTURES, HOLDOUT_BIN, REPO_ROOT } from '../helpers/paths';

const NOTEBOOKS = path.join(FIXTURES, 'notebooks');

function holdout(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [HOLDOUT_BIN, 'check', '--isolated', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempCopies(...names: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-nb-'));
  for (const name of names) fs.copyFileSync(path.join(NOTEBOOKS, name), path.join(dir, name));
  return dir;
}

function parsed(text: string): ParsedIpynb {
  const result = parseIpynb(text);
  if (!result.ok) assert.fail(result.message);
  return result.notebook;
}

/** The file with every code cell's source value cut out: what must not change. */
function withoutSources(text: string): string[] {
  const nb = parsed(text);
  const out: string[] = [];
  let cursor = 0;
  for (const c of nb.cells) {
    out.push(text.slice(cursor, c.sourceNode.start));
    cursor = c.sourceNode.end;
  }
  out.push(text.slice(cursor));
  return out;
}

test('text output names the cell; related places may be in other cells', () => {
  const file = path.join('test', 'fixtures', 'notebooks', 'leaky_cross_cell.ipynb');
  const { status, stdout } = holdout(file);
  assert.equal(status, 1);
  const lines = stdout.split('\n');
  assert.match(lines[0], new RegExp(`^${file.replace(/[.\\]/g, '\\$&')}:cell 3:5:12: error fit-before-split \\[\\*\\] StandardScaler is fitted before the train/test split: fit it on the training part only\\.$`));
  assert.equal(lines[1], '5 | X_scaled = scaler.fit_transform(X)');
  assert.equal(lines[2], '  |            ^^^^^^^^^^^^^^^^^^^^^^^');
  assert.equal(lines[3], `  = ${file}:cell 5:1:36: split here`);
});

test('JSON output: cell plus cell-relative line and column', () => {
  const { status, stdout } = holdout('--format', 'json', path.join(NOTEBOOKS, 'magics.ipynb'));
  assert.equal(status, 1);
  const { diagnostics } = JSON.parse(stdout);
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0];
  assert.deepEqual(
    { rule: d.rule, cell: d.cell, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, fixable: d.fixable, related: d.related },
    { rule: 'fit-before-split', cell: 4, line: 3, column: 12, endLine: 3, endColumn: 36, fixable: true, related: [{ cell: 5, line: 1, column: 42, message: 'split here' }] },
  );
  assert.deepEqual(Object.keys(d).slice(0, 8), ['file', 'rule', 'severity', 'message', 'cell', 'line', 'column', 'endLine']);
});

test('a bad notebook is a per-file error: exit 2, the other files are still checked', () => {
  const dir = tempCopies('broken.ipynb', 'python_file.ipynb', 'leaky_cross_cell.ipynb', 'not_a_notebook.ipynb');
  const { status, stdout, stderr } = holdout('--format', 'json', dir);
  assert.equal(status, 2);
  assert.deepEqual(JSON.parse(stdout).diagnostics.map((d: { file: string; cell: number }) => [path.basename(d.file), d.cell]), [['leaky_cross_cell.ipynb', 3]]);
  assert.match(stderr, /broken\.ipynb: not a valid notebook: invalid JSON \(expected a string key, found end of file at line 45, column 4\)/);
  assert.match(stderr, /python_file\.ipynb: not a valid notebook: invalid JSON/);
  assert.match(stderr, /not_a_notebook\.ipynb: not a valid notebook: no "cells" list/);
  assert.doesNotMatch(stderr, /internal error/);
});

test('clean, markdown-only and empty notebooks have nothing to report', () => {
  const { status, stdout } = holdout(path.join(NOTEBOOKS, 'clean.ipynb'), path.join(NOTEBOOKS, 'markdown_only.ipynb'), path.join(NOTEBOOKS, 'no_cells.ipynb'));
  assert.equal(status, 0);
  assert.match(stdout, /No leakage found\./);
});

const FIXED: Record<string, number[]> = {
  'leaky_cross_cell.ipynb': [3, 5],
  'magics.ipynb': [4, 5],
  'empty_and_markdown.ipynb': [7, 10],
  'crlf.ipynb': [3, 4],
  'string_source.ipynb': [3, 4],
  'ascii_escaped.ipynb': [2, 3],
};

test('--fix changes only the fixed cells\' sources, byte for byte elsewhere', () => {
  const dir = tempCopies(...Object.keys(FIXED), 'clean.ipynb');
  const before = new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  const run = holdout('--fix', dir);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stderr, /applied 6 fixes/);
  for (const [name, cells] of Object.entries(FIXED)) {
    const old = before.get(name)!;
    const now = fs.readFileSync(path.join(dir, name), 'utf8');
    assert.deepEqual(withoutSources(now), withoutSources(old), `${name}: outside the sources`);
    const changed = parsed(now).cells.filter((c, k) => c.source !== parsed(old).cells[k].source).map((c) => c.cell);
    assert.deepEqual(changed, cells, name);
    // The form of each source value is kept.
    const oldJson = JSON.parse(old);
    const newJson = JSON.parse(now);
    for (const cell of cells) assert.equal(Array.isArray(newJson.cells[cell - 1].source), Array.isArray(oldJson.cells[cell - 1].source), `${name} cell ${cell}`);
  }
  assert.equal(fs.readFileSync(path.join(dir, 'clean.ipynb'), 'utf8'), before.get('clean.ipynb'));
  assert.doesNotMatch(fs.readFileSync(path.join(dir, 'crlf.ipynb'), 'utf8'), /(?<!\\r)\\n"/, 'CRLF sources stay CRLF');
  assert.doesNotMatch(fs.readFileSync(path.join(dir, 'ascii_escaped.ipynb'), 'utf8'), /[^\x00-\x7f]/);
  assert.equal(holdout(dir).status, 0, 'nothing left to report');
});

test('--fix keeps a byte order mark and the outputs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-nb-'));
  const file = path.join(dir, 'churn.ipynb');
  const original = fs.readFileSync(path.join(EXAMPLES, 'notebooks', 'churn_leaky.ipynb'));
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), original]));
  holdout('--fix', '--unsafe-fixes', file);
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const fixed = JSON.parse(bytes.subarray(3).toString('utf8'));
  const before = JSON.parse(original.toString('utf8'));
  assert.deepEqual(fixed.cells[2].outputs, [{ name: 'stdout', output_type: 'stream', text: ['(7043, 12)\n'] }]);
  assert.deepEqual(fixed.metadata, before.metadata);
  assert.notDeepEqual(fixed.cells.map((c: { source: string[] }) => c.source), before.cells.map((c: { source: string[] }) => c.source));
});

test('--diff prints the JSON change and writes nothing', () => {
  const dir = tempCopies('leaky_cross_cell.ipynb');
  const file = path.join(dir, 'leaky_cross_cell.ipynb');
  const before = fs.readFileSync(file, 'utf8');
  const { stdout, stderr } = holdout('--diff', file);
  assert.equal(fs.readFileSync(file, 'utf8'), before);
  assert.match(stderr, /would apply 1 fix/);
  const changed = stdout.split('\n').filter((l) => /^[-+](?![-+])/.test(l));
  assert.deepEqual(changed, [
    '-    "scaler = StandardScaler()\\n",',
    '-    "X_scaled = scaler.fit_transform(X)"',
    '+    "scaler = StandardScaler()"',
    '-    "X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2, random_state=0)"',
    '+    "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)\\n",',
    '+    "X_train = scaler.fit_transform(X_train)\\n",',
    '+    "X_test = scaler.transform(X_test)"',
  ]);
});

test('holdout check examples/ reports the notebook example across cells', () => {
  const { stdout } = holdout('--format', 'json', 'examples/');
  const notebook = JSON.parse(stdout).diagnostics.filter((d: { file: string }) => d.file.endsWith('churn_leaky.ipynb'));
  const summary = notebook.map((d: { rule: string; cell: number; line: number; related: { cell: number }[] }) => `${d.rule} ${d.cell}:${d.line} -> ${d.related.map((r) => r.cell).join(',')}`);
  assert.deepEqual(summary, ['fit-before-split 5:5 -> 7', 'unseeded-rng 9:4 -> ', 'test-in-selection 9:6 -> 9,7']);
});

test('configuration applies to notebooks: per-file-ignores, severity, seed', () => {
  const dir = tempCopies('leaky_cross_cell.ipynb', 'magics.ipynb');
  fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.holdout]\nseed = 7\n\n[tool.holdout.per-file-ignores]\n"magics.ipynb" = ["fit-before-split"]\n');
  const spawn = (...args: string[]) => spawnSync(process.execPath, [HOLDOUT_BIN, 'check', ...args], { cwd: dir, encoding: 'utf8' });
  const { stdout } = spawn('--format', 'json', '.');
  assert.deepEqual(JSON.parse(stdout).diagnostics.map((d: { file: string }) => path.basename(d.file)), ['leaky_cross_cell.ipynb']);
  assert.equal(spawn('--ignore', 'fit-before-split', 'leaky_cross_cell.ipynb').status, 0);
});

test('an ignore-file comment in any cell covers the whole notebook', () => {
  const dir = tempCopies('leaky_cross_cell.ipynb');
  const file = path.join(dir, 'leaky_cross_cell.ipynb');
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  nb.cells[5].source.push('\n# holdout: ignore-file[fit-before-split]');
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + '\n');
  const { status, stdout } = holdout(file);
  assert.equal(status, 0, stdout);
});
