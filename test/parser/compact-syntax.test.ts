// The converted trees are most of what the language server keeps per open document, so the
// conversion stores them compactly: leaves share one frozen empty children array (nothing can
// add to it by mistake), and the other nodes' children arrays are complete and their own.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parsePython, toSyntax, Tree } from '../../server/src/parser/parser';
import { PyNode } from '../../server/src/parser/syntax';
import { syntaxShape } from '../helpers/syntax-shape';
import { editFor } from '../../server/src/lsp/tree-edit';

const CLEAN = 'import numpy as np\n\ndef f(x, y=2):\n    # scale\n    return np.mean(x) * y\n\nclass A:\n    z = [1, 2, (3, 4)]\n';
const BROKEN = 'x = (1,\ndef g(:\n    pass\ny = 3\n';

function nodes(root: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    for (const child of node.children) stack.push(child);
  }
  return out;
}

function checkCompact(root: PyNode): void {
  const all = nodes(root);
  const leaves = all.filter((n) => n.children.length === 0);
  assert.ok(leaves.length > 1);
  for (const leaf of leaves) {
    assert.equal(leaf.children, leaves[0].children, `leaf ${leaf.type} at ${leaf.start} has its own empty array`);
  }
  assert.ok(Object.isFrozen(leaves[0].children));
  assert.throws(() => leaves[0].children.push(root), TypeError);
  // No two nodes share a children array, and every child points back to its parent.
  const arrays = new Set(all.filter((n) => n.children.length > 0).map((n) => n.children));
  assert.equal(arrays.size, all.length - leaves.length);
  for (const node of all) for (const child of node.children) assert.equal(child.parent, node);
}

function edited(tree: Tree, text: string, at: number, removed: number, inserted: string): { tree: Tree; text: string } {
  tree.edit(editFor(text, at, at + removed, inserted));
  const next = text.slice(0, at) + inserted + text.slice(at + removed);
  return { tree: parsePython(next, tree), text: next };
}

for (const [name, source] of [
  ['clean source', CLEAN],
  ['source with syntax errors', BROKEN],
] as const) {
  test(`conversion of a ${name}: leaves share one frozen empty array, inner nodes own theirs`, () => {
    checkCompact(toSyntax(parsePython(source)));
  });

  test(`conversion after an incremental reparse of a ${name} stays compact and equals a full conversion`, () => {
    const first = parsePython(source);
    toSyntax(first);
    const at = source.indexOf('2');
    const { tree, text } = edited(first, source, at, 1, '25');
    const root = toSyntax(tree);
    assert.ok(text.includes('25'));
    checkCompact(root);
    // Converting the same tree again (nothing to reuse now) gives the same nodes.
    const reused = syntaxShape(root);
    assert.equal(reused, syntaxShape(toSyntax(tree)));
  });
}
