// A converted syntax tree as one string, for comparing conversions node for node.
import * as assert from 'node:assert/strict';
import { PyNode } from '../../server/src/parser/syntax';

/** Every node's type, offsets, field, named and missing flags and child count, in pre-order; checks parent links. */
export function syntaxShape(root: PyNode): string {
  const out: string[] = [];
  const stack: [PyNode, PyNode | null][] = [[root, null]];
  while (stack.length) {
    const [node, parent] = stack.pop()!;
    assert.equal(node.parent, parent, `parent of ${node.type} at ${node.start}`);
    out.push(`${node.type}[${node.start},${node.end}]${node.field ?? ''}${node.named ? '' : '~'}${node.missing ? '!' : ''}/${node.children.length}`);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], node]);
  }
  return out.join(' ');
}

/** Offsets (`start,end`) of every node of a type, in source order, found by walking the tree. */
export function spansOfType(root: PyNode, type: string): string {
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === type) out.push(`${node.start},${node.end}`);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out.join(' ');
}
