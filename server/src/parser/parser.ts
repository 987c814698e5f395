// The only module that loads tree-sitter. The rest of Holdout sees plain `PyNode` objects
// (see syntax.ts) and, for incremental editing, the opaque `Tree`.
// Versions and the reason for them: parser.info next to this file.
import Parser = require('tree-sitter');
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

/** Parses Python source. Pass the previous tree (already `edit`ed) to reparse incrementally. */
export function parsePython(text: string, oldTree?: Tree): Tree {
  return parser().parse(text, oldTree);
}

// Per-id caches: reading a type or field name through the binding costs a native call,
// while ids are cheap numbers.
const typeNames: string[] = [];
const typeNamed: boolean[] = [];
const fieldNames: (string | null)[] = [];

/**
 * Converts a tree-sitter tree into plain JavaScript nodes in one cursor walk. Node property
 * getters in the native binding cost a native call each; the analysis reads nodes many times,
 * so it works on this copy. Offsets are UTF-16 code units into the parsed string.
 */
export function toSyntax(tree: Tree): PyNode {
  const cursor = tree.walk();
  const root = makeNode(cursor, null);
  const stack: PyNode[] = [root];
  if (!cursor.gotoFirstChild()) return root;
  for (;;) {
    const parent = stack[stack.length - 1];
    const node = makeNode(cursor, parent);
    parent.children.push(node);
    // String internals are never needed: the analysis reads a string's text by offsets.
    if (node.type !== 'string' && cursor.gotoFirstChild()) {
      stack.push(node);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (stack.length === 1 || !cursor.gotoParent()) return root;
      stack.pop();
    }
  }
}

function makeNode(cursor: Parser.TreeCursor, parent: PyNode | null): PyNode {
  const typeId = cursor.nodeTypeId;
  let type = typeNames[typeId];
  if (type === undefined) {
    type = typeNames[typeId] = cursor.nodeType;
    typeNamed[typeId] = cursor.nodeIsNamed;
  }
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
  return { type, start, end, field, named: typeNamed[typeId], missing, children: [], parent };
}
