// What the conversion of an error-free subtree may know about a node from its type alone, so
// that it need not ask the native tree (see parser.info, "Conversion"):
// - terminal types have no children: no gotoFirstChild;
// - a token with fixed text (anonymous tokens, True/False/None/...) ends after that text, and an
//   identifier after its ASCII word characters: no endIndex (checked against the source text;
//   anything else, non-ASCII included, is asked);
// - only types with fields (FIELDED_TYPES, from the language's node-types.json) have children with field names:
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

/**
 * Named types whose children may have field names: the entries with fields in tree-sitter-python
 * 0.23's src/node-types.json (kept here because the .vsix does not ship that file; a test
 * compares the two).
 */
export const FIELDED_TYPES: ReadonlySet<string> = new Set([
  'aliased_import', 'as_pattern', 'assignment', 'attribute', 'augmented_assignment', 'binary_operator', 'block',
  'boolean_operator', 'call', 'case_clause', 'class_definition', 'comparison_operator', 'decorated_definition',
  'default_parameter', 'dict_pattern', 'dictionary_comprehension', 'elif_clause', 'else_clause', 'except_clause',
  'exec_statement', 'for_in_clause', 'for_statement', 'format_expression', 'function_definition',
  'future_import_statement', 'generator_expression', 'if_statement', 'import_from_statement', 'import_statement',
  'interpolation', 'keyword_argument', 'lambda', 'list_comprehension', 'match_statement', 'named_expression',
  'not_operator', 'pair', 'print_statement', 'raise_statement', 'set_comprehension', 'subscript', 'try_statement',
  'type_alias_statement', 'typed_default_parameter', 'typed_parameter', 'unary_operator', 'while_statement',
  'with_item', 'with_statement',
]);

export function nodeKind(type: string, named: boolean): NodeKind {
  if (named) {
    return {
      type,
      named,
      leaf: NAMED_TERMINALS.has(type) || type === 'string',
      fixedText: FIXED_NAMED_TEXT[type] ?? null,
      fielded: FIELDED_TYPES.has(type),
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
