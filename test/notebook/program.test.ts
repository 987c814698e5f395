// The notebook program: code cells joined, positions mapped both ways, edits kept in one cell.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { notebookProgram, NotebookCellInput } from '../../server/src/notebook/program';

const cells: NotebookCellInput[] = [
  { kind: 'markdown', source: '# Title' },
  { kind: 'code', source: 'import numpy as np\n%matplotlib inline' },
  { kind: 'raw', source: 'raw' },
  { kind: 'code', source: '' },
  { kind: 'code', source: 'x = np.ones(3)\ny = x * 2' },
];

test('code cells are joined by a blank line; markdown, raw and other languages are left out', () => {
  const program = notebookProgram(cells);
  assert.equal(program.text, 'import numpy as np\npass              \n\n\n\nx = np.ones(3)\ny = x * 2');
  assert.deepEqual(program.cells.map((c) => [c.cell, c.start]), [[2, 0], [4, 39], [5, 41]]);
  const other = notebookProgram([{ kind: 'code', source: 'x <- 1', language: 'r' }, { kind: 'code', source: 'y = 1', language: 'python' }]);
  assert.equal(other.text, 'y = 1');
  assert.equal(notebookProgram([]).text, '');
  assert.equal(notebookProgram([]).toCell(0), undefined);
});

test('offsets map to cells and back', () => {
  const program = notebookProgram(cells);
  const at = program.text.indexOf('y = x');
  assert.deepEqual(program.toCell(at), { cell: 5, offset: 15 });
  assert.equal(program.toProgram(5, 15), at);
  assert.deepEqual(program.toCell(19), { cell: 2, offset: 19 });
  assert.deepEqual(program.toCell(38), { cell: 2, offset: 37 }, 'a separator offset belongs to the cell before, clamped');
  assert.equal(program.toProgram(1, 0), undefined, 'markdown cells are not in the program');
  assert.deepEqual(program.toCellSpan({ start: 0, end: program.text.length }), { cell: 2, start: 0, end: 37 }, 'clipped to the cell');
  assert.deepEqual(program.cellLines(5)!.humanPosition(15), { line: 2, column: 1 });
});

test('CRLF cells are joined with CRLF', () => {
  const program = notebookProgram([{ kind: 'code', source: 'a = 1\r\nb = 2\r\n' }, { kind: 'code', source: 'c = 3' }]);
  assert.equal(program.text, 'a = 1\r\nb = 2\r\n\r\n\r\nc = 3');
});

test('edits are mapped into one cell, or refused', () => {
  const program = notebookProgram(cells);
  const y = program.toProgram(5, 15)!;
  assert.deepEqual(program.toCellEdit({ start: y, end: y + 1, newText: 'z' }), { cell: 5, start: 15, end: 16, newText: 'z' });
  assert.equal(program.toCellEdit({ start: 5, end: y, newText: '' }), undefined, 'crosses cells');
  assert.equal(program.toCellEdit({ start: 20, end: 22, newText: '' }), undefined, 'inside a masked magic');
  assert.deepEqual(program.toCellEdit({ start: 19, end: 37, newText: '' }), { cell: 2, start: 19, end: 37, newText: '' }, 'a whole masked line may go');
  // Deleting the last line of a cell reaches into the separator: the line break before it goes instead.
  assert.deepEqual(program.toCellEdit({ start: 19, end: 38, newText: '' }), { cell: 2, start: 18, end: 37, newText: '' });
  assert.deepEqual(program.toCellEdit({ start: 19, end: 38, newText: 'pass\n' }), { cell: 2, start: 19, end: 37, newText: 'pass' });
  assert.equal(program.toCellEdit({ start: 19, end: 39, newText: '' }), undefined, 'the whole separator');
  assert.deepEqual(program.toCellEdit({ start: 37, end: 37, newText: '\nz = 1' }), { cell: 2, start: 37, end: 37, newText: '\nz = 1' }, 'insertion at a cell end');
  assert.equal(program.toCellEdit({ start: 38, end: 38, newText: 'z = 1\n' }), undefined, 'insertion between cells');
});
