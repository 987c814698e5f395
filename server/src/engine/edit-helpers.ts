// Building blocks for fixes: where to insert a line, how a module is imported, which statement
// holds a node, where names are used. Fixes are text edits; these helpers keep them small and
// predictable. (Call arguments: rules/fixes/call-arguments.ts.)
import { namedChildren, PyNode, forEachDescendant } from '../parser/syntax';
import { statementsWithNodes } from '../parser/node-lists';
import { ProgramModel } from '../semantic/model';
import { LineIndex } from './text';
import { StatementIndexes, StatementIndexState } from './statement-index';
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

/** The identifier names of one top-level statement: all of them, and variable uses by name. */
interface StatementNames {
  all: Set<string>;
  /** Identifier nodes by name in source order, not attribute names (`obj.X_test`) nor keyword names (`f(X_test=…)`). */
  variables: Map<string, PyNode[]>;
}

// Keyed by the top-level statement: an unchanged statement reused by an incremental
// conversion keeps its names (its nodes are the same objects, offsets shifted in place).
const namesOfStatement = new WeakMap<PyNode, StatementNames>();

function statementNames(statement: PyNode, identifiers: readonly PyNode[], text: string): StatementNames {
  let names = namesOfStatement.get(statement);
  if (!names) {
    names = { all: new Set(), variables: new Map() };
    for (const n of identifiers) {
      const name = text.slice(n.start, n.end);
      names.all.add(name);
      if (n.parent?.type === 'attribute' && n.field === 'attribute') continue;
      if (n.parent?.type === 'keyword_argument' && n.field === 'name') continue;
      const list = names.variables.get(name);
      if (list) list.push(n);
      else names.variables.set(name, [n]);
    }
    namesOfStatement.set(statement, names);
  }
  return names;
}

/**
 * The names of a module's statements, indexed by name (following the tree from edit to edit,
 * statement-index.ts). Each name's identifier list is kept until a statement using that name
 * leaves or joins the index (the other statements' nodes keep their order).
 */
interface NameIndex extends StatementIndexState {
  /** Every identifier name (attributes and keyword names too) → the statement using it, or the statements (most names have one). */
  byName: Map<string, PyNode | Set<PyNode>>;
  /** Variable uses by name, in source order; made when first asked for. */
  variables: Map<string, PyNode[]>;
}

const nameIndexes = new StatementIndexes<NameIndex>(
  (root) => ({ root, statements: [], byName: new Map(), variables: new Map() }),
  (index, statement, text) => {
    for (const name of statementNames(statement, statementsWithNodes(statement)[0].nodes.identifiers, text).all) {
      const users = index.byName.get(name);
      if (!users) index.byName.set(name, statement);
      else if (users instanceof Set) users.add(statement);
      else index.byName.set(name, new Set([users, statement]));
      index.variables.delete(name);
    }
  },
  (index, statement) => {
    for (const name of namesOfStatement.get(statement)!.all) {
      const users = index.byName.get(name)!;
      if (!(users instanceof Set)) index.byName.delete(name);
      else {
        users.delete(statement);
        if (users.size === 1) index.byName.set(name, users.values().next().value!);
      }
      index.variables.delete(name);
    }
  },
);

function nameIndex(top: PyNode, text: string): NameIndex {
  return nameIndexes.of(top, text);
}

/** Variable uses of a name in the index's tree, in source order (shared: not to be changed). */
function variablesNamed(index: NameIndex, name: string): readonly PyNode[] {
  let list = index.variables.get(name);
  if (!list) {
    list = [];
    const users = index.byName.get(name);
    if (users) {
      const ordered = users instanceof Set ? [...users].sort((a, b) => a.start - b.start) : [users];
      for (const statement of ordered) {
        const nodes = namesOfStatement.get(statement)!.variables.get(name);
        if (nodes) for (const n of nodes) list.push(n);
      }
    }
    index.variables.set(name, list);
  }
  return list;
}

/** Names that can be asked about (and listed); a tree's names are looked up in its index. */
export interface NameSet {
  has(name: string): boolean;
  [Symbol.iterator](): Iterator<string>;
}

/** Every identifier name used in a tree. */
export function identifierNames(root: PyNode, text: string): NameSet {
  if (!root.parent) {
    nameIndex(root, text);
    return { has: (name) => nameIndex(root, text).byName.has(name), [Symbol.iterator]: () => nameIndex(root, text).byName.keys() };
  }
  const names = new Set<string>();
  forEachDescendant(root, (n) => {
    if (n.type === 'identifier') names.add(text.slice(n.start, n.end));
  });
  return names;
}

/** Every identifier node with the given name inside a subtree (names of variables, not attributes). */
export function identifiersNamed(root: PyNode, name: string, text: string): PyNode[] {
  let top = root;
  while (top.parent) top = top.parent;
  const all = variablesNamed(nameIndex(top, text), name);
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
