// Incremental reparsing: after any sequence of LSP changes, the document's edited-and-reparsed
// tree equals a fresh parse of its text (offsets are UTF-16, rows count '\n' only).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePython, toSyntax } from '../../server/src/parser/parser';
import { PyNode } from '../../server/src/parser/syntax';
import { OpenDocument } from '../../server/src/lsp/document';
import { pointAt } from '../../server/src/lsp/tree-edit';
import { LineIndex } from '../../server/src/engine/text';

/** A line index's line starts (through its public interface). */
function lineStarts(lines: LineIndex): number[] {
  return Array.from({ length: lines.lineCount }, (_, line) => lines.offsetOf(line));
}

function shape(node: PyNode): string {
  return `${node.type}[${node.start},${node.end}](${node.children.map(shape).join(' ')})`;
}

const PIECES = ['x = 1', 'def f(a):\n    return a', '"é😀"', '\r\n', '\n', '\r', '    ', 'import numpy as np', '(', ')', '[1, 2]', '# c', '"""doc\nstring"""', 'if x:\n  y', '😀', 'ü'];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(''));

/** A change as an editor sends it: a range (as fractions of the current text) and new text. */
const changeArb = fc.record({ a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }), text: textArb });

test('pointAt counts rows by \\n only, columns in UTF-16 units', () => {
  assert.deepEqual(pointAt('a😀\nb\rc', 7), { row: 1, column: 3 });
  assert.deepEqual(pointAt('', 0), { row: 0, column: 0 });
});

test('edited-and-reparsed trees equal fresh parses', () => {
  fc.assert(
    fc.property(textArb, fc.array(fc.array(changeArb, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), (initial, batches) => {
      const doc = new OpenDocument('file:///t.py', 'python', 1, initial);
      let reference = TextDocument.create('file:///t.py', 'python', 1, initial);
      doc.currentTree();
      let version = 1;
      // The reference is rebuilt from the whole text each time (no incremental bookkeeping).
      for (const batch of batches) {
        version++;
        // Each change's range is in the text left by the previous one, as in LSP.
        const changes = batch.map((c) => {
          const length = reference.getText().length;
          const [from, to] = [Math.floor(c.a * length), Math.floor(c.b * length)].sort((x, y) => x - y);
          const range = { start: reference.positionAt(from), end: reference.positionAt(to) };
          // Positions inside a \r\n resolve to before it: slice where the editor would.
          const [start, end] = [reference.offsetAt(range.start), reference.offsetAt(range.end)];
          reference = TextDocument.create('file:///t.py', 'python', version, reference.getText().slice(0, start) + c.text + reference.getText().slice(end));
          const change = { range, text: c.text };
          return change;
        });
        doc.update(changes, version);
        assert.equal(doc.text, reference.getText());
        // The line index kept edit by edit equals one made from the whole text.
        assert.equal(doc.lineIndex.text, doc.text);
        assert.deepEqual(lineStarts(doc.lineIndex), lineStarts(new LineIndex(doc.text)));
        assert.equal(shape(toSyntax(doc.currentTree())), shape(toSyntax(parsePython(doc.text))));
      }
    }),
    { numRuns: Number(process.env.HOLDOUT_PROPERTY_RUNS ?? 1000) },
  );
});

test('an edited line index equals the index of the edited text (\\r, \\n and \\r\\n split and joined)', () => {
  const piece = fc.constantFrom('\r', '\n', '\r\n', 'a', 'bc', '');
  const textOf = fc.array(piece, { maxLength: 10 }).map((p) => p.join(''));
  fc.assert(
    fc.property(textOf, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), textOf, (text, a, b, inserted) => {
      const [start, end] = [Math.floor(a * text.length), Math.floor(b * text.length)].sort((x, y) => x - y);
      const after = text.slice(0, start) + inserted + text.slice(end);
      const edited = new LineIndex(text).edited(start, end, inserted, after);
      assert.deepEqual(lineStarts(edited), lineStarts(new LineIndex(after)));
      assert.equal(edited.eol, new LineIndex(after).eol);
    }),
    { numRuns: Number(process.env.HOLDOUT_PROPERTY_RUNS ?? 1000) * 5 },
  );
});

test('a full-text change replaces the tree', () => {
  const doc = new OpenDocument('file:///t.py', 'python', 1, 'x = 1\n');
  doc.currentTree();
  doc.update([{ text: 'def f():\n    pass\n' }], 2);
  assert.equal(shape(toSyntax(doc.currentTree())), shape(toSyntax(parsePython('def f():\n    pass\n'))));
});

test('ranges past the end of the text are clamped (and do not corrupt the line table)', () => {
  const doc = new OpenDocument('file:///t.py', 'python', 1, '');
  doc.currentTree();
  doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: 'if x:\n  y' }], 2);
  doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }], 3);
  doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '#' }], 4);
  assert.equal(doc.text, 'f x:\n#  y');
  assert.equal(shape(toSyntax(doc.currentTree())), shape(toSyntax(parsePython(doc.text))));
});

test('an edit joining \\r and \\n into one line break keeps lines in step with the editor', () => {
  const doc = new OpenDocument('file:///t.py', 'python', 1, '\nx = 1');
  doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\r' }], 2);
  doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'y' }], 3);
  assert.equal(doc.text, '\r\ny = 1');
});
