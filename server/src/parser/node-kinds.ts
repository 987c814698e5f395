// What the conversion of an error-free subtree may know about a node from its type alone, so
// that it need not ask the native tree (see parser.info, "Conversion"):
// - terminal types have no children: no gotoFirstChild;
// - a token with fixed text (anonymous tokens, True/False/None/...) ends after that text, and an
//   identifier after its ASCII word characters: no endIndex (checked against the source text;
//   anything else, non-ASCII included, is asked);
// - only types with fields (the language's node-types.json) have children with field names:
//   no currentFieldId under the others.
// A node with children ends where its last child ends (tree-sitter sums a node's size from its
// children and moves trailing extras out of a node when it reduces it).
// None of this holds inside ERROR nodes or for MISSING tokens (zero-width, with a type's text):
// subtrees with syntax errors are converted asking for everything.

export interface NodeKind {
  readonly type: string;
  readonly named: boolean;
  /** Never has children, or (strings) has children that are not converted. */
  readonly leaf: boolean;
  /** The text every token of this type has; null if it varies. */
  readonly fixedText: string | null;
  /** Its children may have field names. */
  readonly fielded: boolean;
}

/** Named terminal symbols of tree-sitter-python 0.23 (symbol ids below TOKEN_COUNT in src/parser.c). */
export const NAMED_TERMINALS: ReadonlySet<string> = new Set([
  'identifier', 'ellipsis', 'escape_sequence', 'type_conversion', 'integer', 'float', 'true', 'false',
  'none', 'comment', 'line_continuation', 'string_start', 'escape_interpolation', 'string_end',
]);
const FIXED_NAMED_TEXT: Readonly<Record<string, string>> = { true: 'True', false: 'False', none: 'None', ellipsis: '...' };
/** The grammar's aliases of hidden non-terminals to anonymous names: the only anonymous nodes with children. */
export const ANONYMOUS_NON_TERMINALS: ReadonlySet<string> = new Set(['not in', 'is not']);

export function nodeKind(type: string, named: boolean, fieldedTypes: ReadonlySet<string>): NodeKind {
  if (named) {
    return {
      type,
      named,
      leaf: NAMED_TERMINALS.has(type) || type === 'string',
      fixedText: FIXED_NAMED_TEXT[type] ?? null,
      fielded: fieldedTypes.has(type),
    };
  }
  const nonTerminal = ANONYMOUS_NON_TERMINALS.has(type);
  return { type, named, leaf: !nonTerminal, fixedText: nonTerminal ? null : type, fielded: false };
}

/** Where a token of this kind starting at `start` ends, if the text shows it; -1 if it must be asked. */
export function tokenEnd(kind: NodeKind, text: string, start: number): number {
  if (kind.fixedText !== null) return text.startsWith(kind.fixedText, start) ? start + kind.fixedText.length : -1;
  if (kind.type !== 'identifier') return -1;
  let end = start;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) end++;
    else if (c >= 128) return -1; // may continue the identifier
    else break;
  }
  return end > start ? end : -1;
}

/** Names of the node types that have fields, from a language's node-types.json entries. */
export function typesWithFields(nodeTypes: readonly { type: string; named: boolean; fields?: object }[]): Set<string> {
  return new Set(nodeTypes.filter((t) => t.named && t.fields && Object.keys(t.fields).length > 0).map((t) => t.type));
}
