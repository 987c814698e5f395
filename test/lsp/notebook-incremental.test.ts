// A notebook edited cell by cell is analysed by the language server through a ProgramDocument:
// its program text kept as an open document (reparsed incrementally, an edited statement spliced
// in) and an analysis session resuming at the first changed statement. The result must be what
// a fresh lint of the same cells gives: findings by cell (with fixes and related places) and
// the value shown on hover at every identifier. Every notebook of the examples and fixtures
// gets a series of seeded random edits of its code cells.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CellsLint, lintCells, NotebookCellInput, parseIpynb } from '../../server/src/notebook';
import { ProgramDocument } from '../../server/src/lsp/notebooks';
import { describeValue } from '../../server/src/semantic/describe';
import { FIXTURES, EXAMPLES } from '../helpers/paths';
import { seeded } from '../robustness/mutate';

function notebooks(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ipynb')).map((name) => path.join(dir, name));
}

function observable(lint: CellsLint): string {
  const lineOf = (offset: number) => lint.result.lines.lineOf(offset) + 1;
  const values = [...lint.result.model.values].sort((a, b) => a[0] - b[0]).map(([offset, value]) => `${offset}: ${describeValue('x', value, lineOf)}`);
  return JSON.stringify({ findings: lint.findings.map(({ programFinding, ...rest }) => ({ ...rest, programFinding: { ...programFinding } })), values }, null, 1);
}

/** One random edit of a code cell: a digit changed, a line inserted, deleted or duplicated, a character typed. */
function edit(cells: NotebookCellInput[], random: () => number): void {
  const code = cells.map((c, i) => (c.kind === 'code' ? i : -1)).filter((i) => i >= 0);
  const index = code[Math.floor(random() * code.length)];
  const lines = cells[index].source.split('\n');
  const at = Math.floor(random() * lines.length);
  const kind = random();
  const digits = [...lines[at].matchAll(/(?<![\w.])\d/g)];
  if (kind < 0.4 && digits.length) {
    const digit = digits[Math.floor(random() * digits.length)];
    const column = digit.index!;
    lines[at] = lines[at].slice(0, column) + String((Number(digit[0]) + 1) % 10) + lines[at].slice(column + 1);
  } else if (kind < 0.6) {
    lines.splice(at, 0, random() < 0.5 ? 'print(X_test)' : lines[at]);
  } else if (kind < 0.75 && lines.length > 1) {
    lines.splice(at, 1);
  } else {
    const column = Math.floor(random() * (lines[at].length + 1));
    lines[at] = lines[at].slice(0, column) + ['a', '(', ' ', '1', '#'][Math.floor(random() * 5)] + lines[at].slice(column);
  }
  cells[index] = { ...cells[index], source: lines.join('\n') };
}

const FILES = [...notebooks(EXAMPLES), ...notebooks(FIXTURES)].sort();
const EDITS = 8;

test('a notebook analysed through its ProgramDocument after random cell edits equals a fresh lint of its cells', () => {
  assert.ok(FILES.length >= 10, `only ${FILES.length} notebooks`);
  let compared = 0;
  let resumed = 0;
  for (const [n, file] of FILES.entries()) {
    const parsed = parseIpynb(readFileSync(file, 'utf8'));
    if (!parsed.ok) continue;
    const cells: NotebookCellInput[] = parsed.notebook.cells.map((c) => ({ kind: c.kind === 'code' ? 'code' : 'markdown', source: c.source }));
    if (!cells.some((c) => c.kind === 'code')) continue;
    const random = seeded(20261203 + n);
    const session = new ProgramDocument('file:///t.ipynb');
    for (let i = 0; i <= EDITS; i++) {
      if (i > 0) edit(cells, random);
      const before = session.model.interpreter;
      const incremental = lintCells(cells, { recordValues: true, session });
      if (before && session.model.interpreter === before) resumed++;
      const fresh = lintCells(cells, { recordValues: true });
      compared++;
      assert.equal(observable(incremental), observable(fresh), `${path.relative(FIXTURES, file)} after ${i} edits`);
    }
  }
  assert.ok(compared > 80, `compared ${compared}`);
  assert.ok(resumed > compared / 4, `resumed ${resumed} of ${compared}`);
});
