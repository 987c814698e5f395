// Building blocks for fixes: where to insert a line, how a module is imported, which statement
// holds a node, where names are used. Fixes are text edits; these helpers keep them small and
// predictable. (Call arguments: rules/fixes/call-arguments.ts.)
import { namedChildren, PyNode, forEachDescendant } from '../parser/syntax';
import { ProgramModel } from '../semantic/model';
import { LineIndex } from './text';
import { TextEdit } from './types';

/** The local name a module is imported under at the top level (`numpy` → `np`), if any. */
export function moduleAlias(model: ProgramModel, module: string): string | undefined {
  const binding = model.imports.find((i) => i.qname === module && i.statement.parent === model.root);
  return binding?.local;
}

/** The top-level statement that contains a node. */
export function topLevelStatement(model: ProgramModel, node: PyNode): PyNode | undefined {
  let current: PyNode | null = node;
  while (current && current.parent !== model.root) current = current.parent;
  return current ?? undefined;
}

function isImport(node: PyNode): boolean {
  return node.type === 'import_statement' || node.type === 'import_from_statement' || node.type === 'future_import_statement';
}

/**
 * Where new top-level lines go: after the last top-level import that comes before `before`
 * (or before the first statement, after a module docstring, when there is none).
 */
export function insertionPoint(model: ProgramModel, lines: LineIndex, before?: PyNode): number {
  const limit = before ? topLevelStatement(model, before)?.start ?? before.start : Infinity;
  let last: PyNode | undefined;
  for (const statement of model.root.children) {
    if (statement.start >= limit) break;
    if (isImport(statement)) last = statement;
  }
  if (last) return lines.lineEnd(lines.lineOf(last.end));
  const first = model.root.children.find((c) => c.type !== 'comment');
  const docstring = first?.type === 'expression_statement' && namedChildren(first)[0]?.type === 'string' ? first : undefined;
  if (docstring) return lines.lineEnd(lines.lineOf(docstring.end));
  // Before the first statement: its line start, keeping shebang/encoding comments above.
  return first ? -1 - lines.offsetOf(lines.lineOf(first.start)) : 0;
}

/** An edit inserting whole lines at an insertion point from `insertionPoint`. */
export function insertLines(point: number, newLines: string[], eol: string): TextEdit {
  if (point < 0) {
    const at = -1 - point;
    return { start: at, end: at, newText: newLines.map((l) => l + eol).join('') };
  }
  return { start: point, end: point, newText: newLines.map((l) => eol + l).join('') };
}

/** The expression statement (`x = …`, a call on its own line) that contains a node. */
export function expressionStatementOf(node: PyNode): PyNode | undefined {
  let current: PyNode | null = node;
  while (current && current.type !== 'expression_statement') current = current.parent;
  return current ?? undefined;
}

/** The indentation of the line a node starts on. */
export function indentationOf(node: PyNode, lines: LineIndex): string {
  const line = lines.lineText(lines.lineOf(node.start));
  return /^[ \t]*/.exec(line)![0];
}

const namesCache = new WeakMap<PyNode, Set<string>>();

/** Every identifier name used in a tree (computed once per tree). */
export function identifierNames(root: PyNode, text: string): Set<string> {
  let names = namesCache.get(root);
  if (!names) {
    const found = new Set<string>();
    forEachDescendant(root, (n) => {
      if (n.type === 'identifier') found.add(text.slice(n.start, n.end));
    });
    namesCache.set(root, (names = found));
  }
  return names;
}

const identifierIndex = new WeakMap<PyNode, Map<string, PyNode[]>>();

/** Identifier nodes by name for a whole tree, built once per tree. */
function indexOf(top: PyNode, text: string): Map<string, PyNode[]> {
  let index = identifierIndex.get(top);
  if (!index) {
    const built = new Map<string, PyNode[]>();
    forEachDescendant(top, (n) => {
      if (n.type !== 'identifier') return;
      // Not attribute names (`obj.X_test`) nor keyword names (`f(X_test=…)`).
      if (n.parent?.type === 'attribute' && n.field === 'attribute') return;
      if (n.parent?.type === 'keyword_argument' && n.field === 'name') return;
      const name = text.slice(n.start, n.end);
      const list = built.get(name);
      if (list) list.push(n);
      else built.set(name, [n]);
    });
    identifierIndex.set(top, (index = built));
  }
  return index;
}

/** Every identifier node with the given name inside a subtree (names of variables, not attributes). */
export function identifiersNamed(root: PyNode, name: string, text: string): PyNode[] {
  let top = root;
  while (top.parent) top = top.parent;
  const all = indexOf(top, text).get(name) ?? [];
  if (top === root) return all.slice();
  // `all` is in source order: binary-search the subtree's first occurrence (big files repeat names).
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid].start < root.start) lo = mid + 1;
    else hi = mid;
  }
  const out: PyNode[] = [];
  for (let i = lo; i < all.length && all[i].start < root.end; i++) if (all[i].end <= root.end) out.push(all[i]);
  return out;
}

/** An edit deleting the whole lines a statement occupies. */
export function deleteStatementLines(statement: PyNode, lines: LineIndex): TextEdit {
  const first = lines.lineOf(statement.start);
  const last = lines.lineOf(Math.max(statement.start, statement.end - 1));
  const end = last + 1 < lines.lineCount ? lines.offsetOf(last + 1) : lines.text.length;
  return { start: lines.offsetOf(first), end, newText: '' };
}
