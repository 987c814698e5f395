// toSyntax after an incremental reparse takes unchanged top-level statements over from the
// previous conversion: the result must equal a full conversion of the same tree, node for node.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { knownSyntaxErrors, parsePython, toSyntax, Tree } from '../../server/src/parser/parser';
import { PyNode } from '../../server/src/parser/syntax';
import { spansOfType as walked, syntaxShape as shape } from '../helpers/syntax-shape';
import { editFor } from '../../server/src/lsp/tree-edit';
import { commentsIn, statementsWithNodes } from '../../server/src/parser/node-lists';
import { identifierNames, identifiersNamed } from '../../server/src/engine/edit-helpers';

const spans = (nodes: readonly PyNode[]): string => nodes.map((n) => `${n.start},${n.end}`).join(' ');

/** The identifier and comment lists the conversion collected (kept with reused statements) equal a walk. */
function checkNodeLists(root: PyNode, text: string): void {
  assert.equal(spans(statementsWithNodes(root).flatMap(({ nodes }) => nodes.identifiers)), walked(root, 'identifier'));
  assert.equal(spans(commentsIn(root)), walked(root, 'comment'));
  const names = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'identifier') names.add(text.slice(node.start, node.end));
    for (const child of node.children) stack.push(child);
  }
  assert.deepEqual([...identifierNames(root, text)].sort(), [...names].sort());
  for (const name of names) {
    for (const n of identifiersNamed(root, name, text)) assert.equal(text.slice(n.start, n.end), name);
  }
}

function walkHasError(root: PyNode): boolean {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.missing) return true;
    for (const child of node.children) stack.push(child);
  }
  return false;
}

const STATEMENTS = [
  'import numpy as np\n',
  'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\n',
  'scaler = StandardScaler()\n',
  'model.fit(X_train, y_train)\n',
  'for name, m in models.items():\n    scores[name] = m.score(X_test, y_test)\n',
  'def f(a, b=2):\n    """doc"""\n    return a[b, 1]\n',
  'class Net(nn.Module):\n    def forward(self, x):\n        return x\n',
  '# a comment\n',
  'if x:\n    y = 1\nelse:\n    y = 2\n',
  'print(f"{x!r} é😀")\n',
  '\n',
];
const PIECES = ['x', '1', '(', ')', '[', ']', ':', '\n', '\n    ', '# c', '"', "'''", 'é😀', '\\\n', ' ', '', 'def g(a):\n    return a\n', 'if x:\n', '@dec\n', ', '];

const programArb = fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 25 }).map((parts) => parts.join(''));
const editArb = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(12), text: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((p) => p.join('')) });

test('incremental conversion equals a full conversion of the same tree', () => {
  fc.assert(
    fc.property(programArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (initial, edits) => {
      let text = initial;
      let tree: Tree = parsePython(text);
      toSyntax(tree);
      for (const edit of edits) {
        const start = Math.floor(edit.at * text.length);
        const end = Math.min(text.length, start + edit.length);
        tree.edit(editFor(text, start, end, edit.text));
        text = text.slice(0, start) + edit.text + text.slice(end);
        tree = parsePython(text, tree);
        const incremental = toSyntax(tree);
        const incrementalShape = shape(incremental);
        checkNodeLists(incremental, text);
        assert.equal(knownSyntaxErrors(incremental), walkHasError(incremental));
        // Converting the same tree again has no previous conversion to reuse: a full conversion.
        const full = toSyntax(tree);
        assert.equal(incrementalShape, shape(full));
        assert.equal(knownSyntaxErrors(full), walkHasError(full));
        checkNodeLists(full, text);
      }
    }),
    { numRuns: 300, seed: 20261127 },
  );
});

test('statements before and after a one-line edit are taken over, with shifted offsets', () => {
  const lines = Array.from({ length: 50 }, (_, i) => `value_${i} = compute(${i}, scale=${i % 7})\n`);
  let text = lines.join('');
  let tree = parsePython(text);
  const before = toSyntax(tree);
  const first = before.children[0];
  const last = before.children[before.children.length - 1];
  const lastStart = last.start;
  const editedEnd = before.children[24].end;
  // `scale=3` on line 24 becomes `scale=3000`.
  const at = text.indexOf('scale=3', text.indexOf('value_24')) + 'scale=3'.length;
  tree.edit(editFor(text, at, at, '000'));
  text = text.slice(0, at) + '000' + text.slice(at);
  tree = parsePython(text, tree);
  const after = toSyntax(tree);
  assert.equal(after.children[0], first, 'a statement before the edit is reused');
  assert.equal(after.children[after.children.length - 1], last, 'a statement after the edit is reused');
  assert.equal(last.start, lastStart + 3);
  assert.equal(last.parent, after);
  // Only a literal changed: the edited statement keeps its nodes, with the new offsets.
  const edited = before.children[24];
  assert.equal(after.children[24], edited, 'the old nodes stand for a statement whose literals changed');
  assert.equal(edited.end, editedEnd + 3);
  assert.equal(shape(after), shape(toSyntax(parsePython(text))));
  // A name changed: the statement is converted again.
  const name = text.indexOf('compute', text.indexOf('value_24'));
  tree.edit(editFor(text, name, name + 'compute'.length, 'compare'));
  text = text.slice(0, name) + 'compare' + text.slice(name + 'compute'.length);
  tree = parsePython(text, tree);
  const renamed = toSyntax(tree);
  assert.notEqual(renamed.children[24], edited, 'the edited statement is converted again');
  assert.equal(renamed.children[25], after.children[25]);
  assert.equal(shape(renamed), shape(toSyntax(parsePython(text))));
});

test('a line inserted before one like it: an old statement stands for one new statement only', () => {
  for (const [initial, at, inserted] of [
    ['a = 1\nx = 7\nb = 2\n', 6, 'x = 5\n'],
    // The new statement begins where the old one did, with another literal: the old nodes could stand for either.
    ['a = 1\n7\nb = 2\n', 6, '5\n'],
    ['a = 1\nvalue = compute(3)\nb = 2\n', 6, 'value = compute(3)\n'],
    ['a = 1\nx = 7\nb = 2\n', 11, '\nx = 5'],
  ] as const) {
    let text: string = initial;
    let tree = parsePython(text);
    toSyntax(tree);
    tree.edit(editFor(text, at, at, inserted));
    text = text.slice(0, at) + inserted + text.slice(at);
    tree = parsePython(text, tree);
    const after = toSyntax(tree);
    assert.equal(new Set(after.children).size, after.children.length, `no node twice: ${JSON.stringify(text)}`);
    assert.equal(shape(after), shape(toSyntax(parsePython(text))), text);
  }
});
