// Adding a seed argument to a call so that the result reads like hand-written code:
//     f()                    → f(random_state=42)
//     f(a, b,)               → f(a, b, random_state=42,)
//     f(                       f(
//         a,                     a,
//         b,                     b,
//     )                          random_state=42,
//                            )
// An explicit `name=None` (or any existing `name=`) has its value replaced.
import { LineIndex } from '../../server/src/engine/text';
import { TextEdit } from '../../server/src/engine/types';
import { field, namedChildren, PyNode } from '../../server/src/parser/syntax';

function argumentList(call: PyNode): PyNode | undefined {
  const args = field(call, 'arguments');
  return args && args.type === 'argument_list' && !args.missing ? args : undefined;
}

export function addKeywordArgument(call: PyNode, name: string, value: string, text: string): TextEdit[] | undefined {
  const args = argumentList(call);
  if (!args || text[args.end - 1] !== ')') return undefined;
  const items = namedChildren(args);
  for (const item of items) {
    const key = item.type === 'keyword_argument' ? field(item, 'name') : undefined;
    if (key && text.slice(key.start, key.end) === name) {
      const v = field(item, 'value');
      return v ? [{ start: v.start, end: v.end, newText: value }] : undefined;
    }
  }
  // `**options` may already hold the argument: adding it could raise a TypeError.
  if (items.some((i) => i.type === 'dictionary_splat' || i.type === 'ERROR')) return undefined;
  const argument = `${name}=${value}`;
  if (items.length === 0) {
    // Keep a comment or line break inside empty parentheses as it is.
    return text.slice(args.start + 1, args.end - 1).trim() ? [{ start: args.start + 1, end: args.start + 1, newText: argument }] : [{ start: args.start + 1, end: args.end - 1, newText: argument }];
  }
  const last = items[items.length - 1];
  const trailingComma = args.children.find((c) => c.type === ',' && c.start >= last.end);
  const anchor = trailingComma ?? last;
  const lines = LineIndex.of(text);
  const anchorLine = lines.lineOf(anchor.end);
  const closeLine = lines.lineOf(args.end - 1);
  const lastLine = lines.lineOf(last.start);
  const previousLine = items.length > 1 ? lines.lineOf(items[items.length - 2].end) : lines.lineOf(args.start);
  if (closeLine > anchorLine && lastLine > previousLine) {
    // One argument per line: a new line, indented like the last argument.
    const indent = /^[ \t]*/.exec(lines.lineText(lastLine))![0];
    const at = lines.lineEnd(anchorLine);
    const line = `${lines.eol}${indent}${argument}${trailingComma ? ',' : ''}`;
    if (trailingComma) return [{ start: at, end: at, newText: line }];
    return at === last.end ? [{ start: at, end: at, newText: `,${line}` }] : [{ start: last.end, end: last.end, newText: ',' }, { start: at, end: at, newText: line }];
  }
  if (trailingComma) return [{ start: trailingComma.end, end: trailingComma.end, newText: ` ${argument},` }];
  return [{ start: last.end, end: last.end, newText: `, ${argument}` }];
}

/** Sets the first positional argument of a call that takes its seed there (`default_rng()`). */
export function setSeedArgument(call: PyNode, value: string, keyword: string, text: string): TextEdit[] | undefined {
  const args = argumentList(call);
  if (!args) return undefined;
  const items = namedChildren(args);
  const first = items[0];
  if (!first) return text.slice(args.start + 1, args.end - 1).trim() ? undefined : [{ start: args.start + 1, end: args.end - 1, newText: value }];
  if (first.type === 'none') return [{ start: first.start, end: first.end, newText: value }];
  if (first.type !== 'keyword_argument') return undefined; // already seeded positionally
  return addKeywordArgument(call, keyword, value, text);
}
