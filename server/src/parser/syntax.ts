// Plain syntax nodes and the small helpers every analysis module uses to read them.

export interface PyNode {
  readonly type: string;
  /** UTF-16 offsets into the source text. */
  readonly start: number;
  readonly end: number;
  /** The field name this node has in its parent (`left`, `function`, …), if any. */
  readonly field: string | null;
  readonly named: boolean;
  /** A zero-width node the parser inserted to recover from a syntax error. */
  readonly missing: boolean;
  readonly children: PyNode[];
  readonly parent: PyNode | null;
}

/** Whether an object the analysis holds (in a value, a table) is a syntax node: nodes are plain objects. */
export function isSyntaxNode(value: object): boolean {
  const node = value as { type?: unknown; start?: unknown; children?: unknown };
  return typeof node.type === 'string' && typeof node.start === 'number' && Array.isArray(node.children) && 'parent' in value;
}

export function field(node: PyNode, name: string): PyNode | undefined {
  for (const child of node.children) if (child.field === name) return child;
  return undefined;
}

export function fields(node: PyNode, name: string): PyNode[] {
  return node.children.filter((child) => child.field === name);
}

/** The named children other than comments; the node's own array when that is all of them (do not change it). */
export function namedChildren(node: PyNode): readonly PyNode[] {
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    if (!children[i].named || children[i].type === 'comment') return children.filter((child) => child.named && child.type !== 'comment');
  }
  return children;
}

export function isError(node: PyNode): boolean {
  return node.type === 'ERROR' || node.missing;
}

/** Source text with the operations the analysis needs on it. */
export class SourceText {
  constructor(readonly text: string) {}

  of(node: PyNode): string {
    return this.text.slice(node.start, node.end);
  }
}

/** Calls `visit` on every node below `root` (pre-order), without recursion. */
export function forEachDescendant(root: PyNode, visit: (node: PyNode) => void): void {
  const stack: PyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}
