// The only module that loads tree-sitter. The rest of Holdout sees plain `PyNode` objects
// (see syntax.ts) and, for incremental editing, the opaque `Tree`.
// Versions and the reason for them: parser.info next to this file.
import Parser = require('tree-sitter');
import { NodeKind, nodeKind, tokenEnd } from './node-kinds';
import { PyNode } from './syntax';
// tree-sitter-python exports the native language object.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Python = require('tree-sitter-python') as Parser.Language;

export type Tree = Parser.Tree;
export type Edit = Parser.Edit;
export type Point = Parser.Point;

let sharedParser: Parser | undefined;

function parser(): Parser {
  if (!sharedParser) {
    sharedParser = new Parser();
    sharedParser.setLanguage(Python);
  }
  return sharedParser;
}

/** The tree each incremental reparse started from, until the new tree is converted. */
const reparsedFrom = new WeakMap<Tree, Tree>();

/** Parses Python source. Pass the previous tree (already `edit`ed) to reparse incrementally. */
export function parsePython(text: string, oldTree?: Tree): Tree {
  const tree = parser().parse(text, oldTree);
  if (oldTree) {
    reparsedFrom.set(tree, oldTree);
    reparsedFrom.delete(oldTree); // only one step back is ever needed: no chain of old trees
  }
  return tree;
}

// Per-id caches: reading a type or field name through the binding costs a native call,
// while ids are cheap numbers.
const typeNames: string[] = [];
const typeNamed: boolean[] = [];
const fieldNames: (string | null)[] = [];

type MutableNode = { -readonly [K in keyof PyNode]: PyNode[K] };

/**
 * Memory: the converted trees of open documents are most of what the language server keeps.
 * Leaves (over half the nodes) share one frozen empty `children` array, and every other node
 * gets an array of exactly its children's length, copied from `pending` when the node is
 * complete: an array grown by push keeps room for 17 elements, mostly unused.
 */
const NO_CHILDREN: PyNode[] = Object.freeze([]) as unknown as PyNode[];

/**
 * The children of the nodes being converted, innermost last, up to `pendingTop` (each node's
 * from its level's base on). Entries above the top are stale until the tree's conversion ends
 * (emptied then, so that no converted tree is kept alive from here).
 */
const pending: PyNode[] = [];
let pendingTop = 0;

/** Gives `node` the children collected in `pending` from `base` on, and drops them from `pending`. */
function takeChildren(node: MutableNode, base: number): void {
  node.children = pending.slice(base, pendingTop);
  pendingTop = base;
}

function endConversion(): void {
  pending.length = 0;
  pendingTop = 0;
  shiftStack.length = 0;
}

/** A converted tree, kept so the conversion of a tree reparsed from it can reuse statements. */
interface Converted {
  root: PyNode;
  text: string;
  /** Top-level statements that contain an ERROR or missing node (never reused). */
  withErrors: Set<PyNode>;
}

const converted = new WeakMap<Tree, Converted>();

/**
 * Converts a tree-sitter tree into plain JavaScript nodes in one cursor walk. Node property
 * getters in the native binding cost a native call each; the analysis reads nodes many times,
 * so it works on this copy. Offsets are UTF-16 code units into the parsed string.
 *
 * After an incremental reparse (`parsePython(text, oldTree)`) with `oldTree` converted before,
 * top-level statements whose text and syntax did not change are taken over from the old
 * conversion (offsets shifted in place) instead of being read from the native tree again. The
 * old conversion is then no longer valid: a converted tree is valid until the next conversion
 * of a tree reparsed from its tree (the language server analyses only the newest tree).
 */
export function toSyntax(tree: Tree): PyNode {
  const old = reparsedFrom.get(tree);
  reparsedFrom.delete(tree);
  const previous = old ? converted.get(old) : undefined;
  if (old) converted.delete(old);
  const text = (tree as unknown as { input?: unknown }).input;
  const source = typeof text === 'string' ? text : null;
  let result: Omit<Converted, 'text'>;
  try {
    result = previous && old && source !== null ? convertReusing(tree, source, old, previous) : convertAll(tree, source);
  } finally {
    endConversion();
  }
  if (typeof text === 'string') converted.set(tree, { ...result, text });
  syntaxErrors.set(result.root, result.root.type === 'ERROR' || result.root.missing || result.withErrors.size > 0);
  return result.root;
}

const syntaxErrors = new WeakMap<PyNode, boolean>();

/**
 * Whether a converted tree contains an ERROR or missing node, as the conversion saw it
 * (undefined for a root toSyntax did not make): saves a walk over the whole tree.
 */
export function knownSyntaxErrors(root: PyNode): boolean | undefined {
  return syntaxErrors.get(root);
}

function convertAll(tree: Tree, text: string | null): Omit<Converted, 'text'> {
  const cursor = tree.walk();
  const root = makeNode(cursor, null);
  (root as MutableNode).children = [];
  const withErrors = new Set<PyNode>();
  if (!cursor.gotoFirstChild()) return { root, withErrors };
  const treeHasError = text !== null && tree.rootNode.hasError;
  do {
    const statement = convertStatement(cursor, root, text, treeHasError);
    root.children.push(statement);
    if (sawError) withErrors.add(statement);
  } while (cursor.gotoNextSibling());
  return { root, withErrors };
}

function convertReusing(tree: Tree, text: string, oldTree: Tree, previous: Converted): Omit<Converted, 'text'> {
  const oldText = previous.text;
  // The edit lies between the common prefix and the common suffix of the two texts.
  const shorter = Math.min(oldText.length, text.length);
  let prefix = 0;
  while (prefix < shorter && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = shorter - prefix;
  const oldLast = oldText.length - 1;
  const newLast = text.length - 1;
  while (suffix < maxSuffix && oldText.charCodeAt(oldLast - suffix) === text.charCodeAt(newLast - suffix)) suffix++;
  const delta = text.length - oldText.length;
  const suffixStart = text.length - suffix;
  const changed = oldTree.getChangedRanges(tree);
  const oldByStart = new Map<number, PyNode>();
  for (const statement of previous.root.children) oldByStart.set(statement.start, statement);
  // Old statements that stand for an edited one (adoptOldNodes): not also taken over after it.
  const adopted = new Set<PyNode>();

  // With syntax errors in the new tree, a statement is only taken over if it has none itself.
  const treeHasError = tree.rootNode.hasError;
  const cursor = tree.walk();
  const root = makeNode(cursor, null);
  (root as MutableNode).children = [];
  const withErrors = new Set<PyNode>();
  if (!cursor.gotoFirstChild()) return { root, withErrors };
  do {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    let reused: PyNode | undefined;
    const inPrefix = end <= prefix;
    const inSuffix = start >= suffixStart;
    if ((inPrefix || inSuffix) && !changed.some((r) => r.startIndex <= end && r.endIndex >= start)) {
      const shift = inPrefix ? 0 : delta;
      const candidate = oldByStart.get(start - shift);
      if (
        candidate &&
        candidate.named &&
        candidate.end === end - shift &&
        candidate.type === typeNames[cursor.nodeTypeId] &&
        candidate.field === fieldAt(cursor) &&
        !previous.withErrors.has(candidate) &&
        !splicedStatements.has(candidate) &&
        !adopted.has(candidate) &&
        !(treeHasError && cursor.currentNode.hasError)
      ) {
        reused = candidate;
        if (shift !== 0) shiftOffsets(candidate, shift);
        (candidate as MutableNode).parent = root;
      }
    }
    if (reused) {
      root.children.push(reused);
    } else {
      const statement = convertStatement(cursor, root, text, treeHasError);
      // The edited statement itself, when only its literals changed: the old nodes stand for it.
      const prior = !sawError && start <= prefix ? oldByStart.get(start) : undefined;
      if (prior && !previous.withErrors.has(prior) && adoptOldNodes(statement, prior, text, oldText)) {
        adopted.add(prior);
        (prior as MutableNode).parent = root;
        root.children.push(prior);
      } else {
        root.children.push(statement);
        if (sawError) withErrors.add(statement);
      }
    }
  } while (cursor.gotoNextSibling());
  return { root, withErrors };
}

/**
 * Top-level statements spliceStatement made from a parse of their text alone. The document's
 * tree-sitter tree still holds the text from before, so after the next incremental reparse its
 * changed ranges say nothing about them: they are converted again rather than taken over.
 */
const splicedStatements = new WeakSet<PyNode>();

/**
 * Where a text differs from the one last converted: the same before `start`, and the same in
 * its last `unchangedAfter` characters.
 */
export interface ChangedSpan {
  readonly start: number;
  readonly unchangedAfter: number;
}

/**
 * The conversion of `text`, made from the last conversion of `tree` (by toSyntax or by this
 * function) by parsing only the one top-level statement `changed` lies in, or undefined when
 * that is not known to give what a full parse of `text` gives: callers then reparse `tree`
 * (which must have been `edit`ed with every change since, as for any incremental reparse; it is
 * not reparsed here). It is done only when:
 * - the previous conversion and the statement parsed alone have no syntax error;
 * - the changed text lies in the region from a named top-level statement's second character to
 *   where the next top-level node (statement, comment or `;`) begins, or to the end of the text:
 *   so the statement still begins with the same character at the start of a line, the text
 *   before it (and so the parser's state there: top level, nothing open) is unchanged, and the
 *   next node still begins at the start of a line after it;
 * - neither that statement nor the next begins with a clause word (`else`, `elif`, `except`,
 *   `finally`), which would make it part of the statement before it, in one of the two parses;
 * - that region's new text, parsed alone, is exactly one named node from its first character,
 *   followed by nothing but blanks and line breaks and ending in a line break (or at the end of
 *   the text): no comment, line continuation, bracket or string runs on into what follows.
 * The statements after it keep their nodes, offsets shifted in place; the previous conversion
 * is then no longer valid (as after toSyntax).
 */
export function spliceStatement(tree: Tree, text: string, changed: ChangedSpan): PyNode | undefined {
  const previous = converted.get(tree);
  if (!previous || previous.withErrors.size > 0 || syntaxErrors.get(previous.root) !== false) return undefined;
  const oldText = previous.text;
  const oldRoot = previous.root;
  const changeStart = changed.start;
  const oldChangeEnd = oldText.length - changed.unchangedAfter;
  const delta = text.length - oldText.length;
  if (changeStart < 0 || oldChangeEnd < changeStart || text.length - changed.unchangedAfter < changeStart) return undefined;

  // The last top-level node beginning before the change.
  const statements = oldRoot.children;
  let low = 0;
  let high = statements.length - 1;
  let index = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (statements[mid].start < changeStart) {
      index = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  if (index < 0) return undefined;
  const old = statements[index];
  const regionEnd = index + 1 < statements.length ? statements[index + 1].start : oldText.length;
  if (!old.named || oldChangeEnd > regionEnd) return undefined;
  // The statement, its offsets from its start.
  let statement: PyNode;
  if (old.type === 'comment') {
    const comment = editedComment(old, text, oldChangeEnd, delta);
    if (!comment) return undefined;
    statement = comment;
  } else {
    if (!atLineStart(oldText, old.start) || (index + 1 < statements.length && !atLineStart(oldText, regionEnd))) return undefined;
    const newRegionEnd = regionEnd + delta;
    const region = text.slice(old.start, newRegionEnd);
    if (newRegionEnd < text.length && !isLineBreak(region.charCodeAt(region.length - 1))) return undefined;

    // Error recovery may take `else:` alone for a statement; after an `if` it is part of it.
    if (continuesStatement(text, old.start) || (newRegionEnd < text.length && continuesStatement(text, newRegionEnd))) return undefined;
    const alone = parser().parse(region);
    const top = alone.rootNode;
    if (top.hasError || top.childCount !== 1) return undefined;
    try {
      const { root, withErrors } = convertAll(alone, region);
      if (withErrors.size > 0) return undefined;
      statement = root.children[0];
    } finally {
      endConversion();
    }
    if (!statement.named || statement.start !== 0 || statement.field !== null || !onlyBlanks(region, statement.end)) return undefined;
  }

  // The module node spans the whole text or its statements; keep whichever it did (its start
  // stays: the text before the changed statement's second character is unchanged).
  const last = statements[statements.length - 1];
  let rootEnd: number;
  if (oldRoot.end === oldText.length) rootEnd = text.length;
  else if (oldRoot.end === last.end) rootEnd = index === statements.length - 1 ? old.start + statement.end : last.end + delta;
  else return undefined;
  if (oldRoot.start !== 0 && oldRoot.start !== statements[0].start) return undefined;

  const children = statements.slice();
  const root: MutableNode = { ...oldRoot, end: rootEnd, children };
  shiftOffsets(statement, old.start);
  if (adoptOldNodes(statement, old, text, oldText)) statement = old;
  (statement as MutableNode).parent = root;
  children[index] = statement;
  for (let i = 0; i < children.length; i++) {
    if (i > index && delta !== 0) shiftOffsets(children[i], delta);
    if (i !== index) (children[i] as MutableNode).parent = root;
  }
  shiftStack.length = 0;
  splicedStatements.add(statement);
  converted.set(tree, { root, text, withErrors: new Set() });
  syntaxErrors.set(root, false);
  return root;
}

/**
 * Leaves whose text may differ between a statement and the old nodes taken for it (adoptOldNodes):
 * literals, and comments that are not (and were not) `# holdout:` directives. Names may not,
 * nor directives: indexes kept per statement node read them (edit-helpers.ts, suppressions.ts).
 */
const REWRITABLE_LEAVES = new Set(['integer', 'float', 'string_content']);
const DIRECTIVE_WORD = /holdout/i;

function rewritable(leaf: PyNode, old: PyNode, text: string, oldText: string): boolean {
  if (REWRITABLE_LEAVES.has(leaf.type)) return true;
  return leaf.type === 'comment' && !DIRECTIVE_WORD.test(text.slice(leaf.start, leaf.end)) && !DIRECTIVE_WORD.test(oldText.slice(old.start, old.end));
}

/**
 * When `old` (converted from `oldText`) has the shape of `statement` (from `text`) node for
 * node — types, fields, children, and the same text but in literals — gives the old nodes the
 * new offsets and answers true: the old nodes then stand for the statement (nodes hold no
 * text), and what refers to them stays valid, so the interpreter can tell an edit of a literal
 * from a changed statement and cut its re-run short (Interpreter.resume).
 */
function adoptOldNodes(statement: PyNode, old: PyNode, text: string, oldText: string): boolean {
  const pairs: PyNode[] = [statement, old];
  for (let i = 0; i < pairs.length; i += 2) {
    const a = pairs[i];
    const b = pairs[i + 1];
    if (a.type !== b.type || a.field !== b.field || a.named !== b.named || a.missing !== b.missing) return false;
    const count = a.children.length;
    if (count !== b.children.length) return false;
    if (count === 0 && !rewritable(a, b, text, oldText) && (a.end - a.start !== b.end - b.start || !text.startsWith(oldText.slice(b.start, b.end), a.start))) return false;
    for (let c = 0; c < count; c++) pairs.push(a.children[c], b.children[c]);
  }
  for (let i = 0; i < pairs.length; i += 2) {
    const b = pairs[i + 1] as MutableNode;
    b.start = pairs[i].start;
    b.end = pairs[i].end;
  }
  return true;
}

/**
 * A top-level comment edited after its `#` and before its end, without a line break: the new
 * comment runs from the same `#` to the end of its line (the text before it is unchanged, so
 * the tokenizer meets that `#` as before). Offsets from its start, as spliceStatement wants.
 */
function editedComment(old: PyNode, text: string, oldChangeEnd: number, delta: number): PyNode | undefined {
  if (oldChangeEnd > old.end) return undefined;
  const end = old.end + delta;
  if (end <= old.start || text.charCodeAt(old.start) !== 35 /* # */ || (end < text.length && !isLineBreak(text.charCodeAt(end)))) return undefined;
  if (/[\r\n\u2028\u2029]/.test(text.slice(old.start, end))) return undefined;
  const comment: PyNode = { type: 'comment', start: 0, end: end - old.start, field: null, named: true, missing: false, children: NO_CHILDREN, parent: null };
  statementNodes.set(comment, { identifiers: [], comments: [comment] });
  return comment;
}

/** The words that begin a clause of the compound statement before them (`else`, `except`, …). */
const CLAUSE_WORD = /(?:else|elif|except|finally)(?![\p{L}\p{N}_])/uy;

function continuesStatement(text: string, offset: number): boolean {
  CLAUSE_WORD.lastIndex = offset;
  return CLAUSE_WORD.test(text);
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || isLineBreak(text.charCodeAt(offset - 1));
}

/** Whether text from `from` on is only blanks and line breaks, with no line continuation before it. */
function onlyBlanks(text: string, from: number): boolean {
  if (from > 0 && text.charCodeAt(from - 1) === 92) return false; // '\\'
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 12 && !isLineBreak(code)) return false;
  }
  return true;
}

/** shiftOffsets' work list, kept between calls (a fresh array grown by push was 7 times slower). */
const shiftStack: PyNode[] = [];

function shiftOffsets(top: PyNode, shift: number): void {
  const stack = shiftStack;
  let size = 0;
  stack[size++] = top;
  while (size > 0) {
    const node = stack[--size] as MutableNode;
    node.start += shift;
    node.end += shift;
    const children = node.children;
    for (let i = 0; i < children.length; i++) stack[size++] = children[i];
  }
}

/** Whether the last convertSubtree met an ERROR or missing node. */
let sawError = false;

/**
 * What the conversion of one top-level statement collected on the way, so that nothing needs to
 * walk the whole tree again: its identifier and comment nodes in source order. A reused
 * statement keeps its entry (its nodes are the same objects, offsets shifted in place).
 */
export interface StatementNodes {
  readonly identifiers: readonly PyNode[];
  readonly comments: readonly PyNode[];
}

const statementNodes = new WeakMap<PyNode, StatementNodes>();

/**
 * The identifier and comment nodes of a top-level statement of a tree made by toSyntax, in
 * source order; undefined for any other node (callers then walk it themselves).
 */
export function nodesOfStatement(statement: PyNode): StatementNodes | undefined {
  return statementNodes.get(statement);
}

/**
 * Converts the top-level statement the cursor is on: knowing what the node types tell (see
 * node-kinds.ts) when it has no syntax errors, asking the cursor for everything otherwise, and
 * always when the source text is not known.
 */
function convertStatement(cursor: Parser.TreeCursor, root: PyNode, text: string | null, treeHasError: boolean): PyNode {
  if (text === null || (treeHasError && cursor.currentNode.hasError)) return convertSubtree(cursor, root);
  return convertCleanSubtree(cursor, root, text);
}

const kinds: (NodeKind | undefined)[] = [];

function kindAt(cursor: Parser.TreeCursor, typeId: number): NodeKind {
  return (kinds[typeId] = nodeKind(typeNameOf(cursor, typeId), typeNamed[typeId]));
}

/** The type name of the cursor's node (asked once per type id; `typeNamed` filled alongside). */
function typeNameOf(cursor: Parser.TreeCursor, typeId: number): string {
  let type = typeNames[typeId];
  if (type === undefined) {
    type = typeNames[typeId] = cursor.nodeType;
    typeNamed[typeId] = cursor.nodeIsNamed;
  }
  return type;
}

/**
 * convertSubtree for a subtree without ERROR or missing nodes: per node only its type id and
 * start are asked, and its field (under types with fields), its end (where neither its children
 * nor its text give it) and its first child (unless it is a terminal).
 */
function convertCleanSubtree(cursor: Parser.TreeCursor, parent: PyNode, text: string): PyNode {
  const top = makeNode(cursor, parent);
  const identifiers: PyNode[] = [];
  const comments: PyNode[] = [];
  collect(top, identifiers, comments);
  statementNodes.set(top, { identifiers, comments });
  sawError = false;
  const topId = cursor.nodeTypeId;
  const topKind = kinds[topId] ?? kindAt(cursor, topId);
  if (topKind.leaf || !cursor.gotoFirstChild()) return top;
  const stack: MutableNode[] = [top as MutableNode];
  const bases: number[] = [pendingTop];
  const stackFielded: boolean[] = [topKind.fielded];
  // A first child starts where its parent does, except in a block (it may begin with an indent).
  let firstChild = topKind.type !== 'block';
  /** Where the previous sibling of the next node ends. */
  let siblingEnd = -1;
  for (;;) {
    const current = stack[stack.length - 1];
    const typeId = cursor.nodeTypeId;
    const kind = kinds[typeId] ?? kindAt(cursor, typeId);
    // A block may begin before its first statement (at the line break or indent before it).
    const start = firstChild ? current.start : kind.type === 'block' ? cursor.startIndex : nextTokenStart(cursor, text, siblingEnd);
    const node: MutableNode = {
      type: kind.type,
      start,
      end: start,
      field: stackFielded[stackFielded.length - 1] ? fieldAt(cursor) : null,
      named: kind.named,
      missing: false,
      children: NO_CHILDREN,
      parent: current,
    };
    pending[pendingTop++] = node;
    collect(node, identifiers, comments);
    if (!kind.leaf && cursor.gotoFirstChild()) {
      stack.push(node);
      bases.push(pendingTop);
      stackFielded.push(kind.fielded);
      firstChild = kind.type !== 'block';
      continue;
    }
    firstChild = false;
    const end = kind.leaf ? tokenEnd(kind, text, start) : -1;
    node.end = end >= 0 ? end : cursor.endIndex;
    siblingEnd = node.end;
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      const done = stack.pop()!;
      takeChildren(done, bases.pop()!);
      stackFielded.pop();
      if (stack.length === 0) return top;
      done.end = done.children[done.children.length - 1].end;
      siblingEnd = done.end;
    }
  }
}

/** Converts the cursor's node and everything below it; leaves the cursor on that node. */
function convertSubtree(cursor: Parser.TreeCursor, parent: PyNode): PyNode {
  const top = makeNode(cursor, parent);
  let error = top.type === 'ERROR' || top.missing;
  const identifiers: PyNode[] = [];
  const comments: PyNode[] = [];
  collect(top, identifiers, comments);
  if (parent && !parent.parent) statementNodes.set(top, { identifiers, comments });
  // String internals are never needed: the analysis reads a string's text by offsets.
  if (top.type === 'string' || !cursor.gotoFirstChild()) {
    sawError = error;
    return top;
  }
  const stack: PyNode[] = [top];
  const bases: number[] = [pendingTop];
  for (;;) {
    const current = stack[stack.length - 1];
    const node = makeNode(cursor, current);
    pending[pendingTop++] = node;
    if (node.type === 'ERROR' || node.missing) error = true;
    collect(node, identifiers, comments);
    if (node.type !== 'string' && cursor.gotoFirstChild()) {
      stack.push(node);
      bases.push(pendingTop);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      takeChildren(stack.pop()! as MutableNode, bases.pop()!);
      if (stack.length === 0) {
        sawError = error;
        return top;
      }
    }
  }
}

/**
 * Where the node after a sibling ending at `from` starts: past the blanks and line breaks there
 * (between the children of an error-free node there is nothing else: comments and line
 * continuations are nodes of their own, and the hidden newline, indent and dedent tokens cover
 * only blanks). Anything unusual there (a backslash, a control or non-ASCII character, which
 * may be Unicode white space) is asked of the cursor.
 */
function nextTokenStart(cursor: Parser.TreeCursor, text: string, from: number): number {
  if (from < 0) return cursor.startIndex;
  let at = from;
  for (;;) {
    const c = text.charCodeAt(at);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 12) at++;
    else if (c > 32 && c < 127 && c !== 92) return at;
    else return cursor.startIndex;
  }
}

function collect(node: PyNode, identifiers: PyNode[], comments: PyNode[]): void {
  if (node.type === 'identifier') identifiers.push(node);
  else if (node.type === 'comment') comments.push(node);
}

function fieldAt(cursor: Parser.TreeCursor): string | null {
  const fieldId = cursor.currentFieldId;
  if (!fieldId) return null;
  let field = fieldNames[fieldId];
  if (field === undefined) field = fieldNames[fieldId] = cursor.currentFieldName;
  return field;
}

function makeNode(cursor: Parser.TreeCursor, parent: PyNode | null): PyNode {
  const typeId = cursor.nodeTypeId;
  const type = typeNameOf(cursor, typeId);
  const start = cursor.startIndex;
  const end = cursor.endIndex;
  let field: string | null = null;
  if (parent) {
    const fieldId = cursor.currentFieldId;
    if (fieldId) {
      field = fieldNames[fieldId];
      if (field === undefined) field = fieldNames[fieldId] = cursor.currentFieldName;
    }
  }
  const missing = start === end && cursor.nodeIsMissing;
  return { type, start, end, field, named: typeNamed[typeId], missing, children: NO_CHILDREN, parent };
}
