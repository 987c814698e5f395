// Unsafe fix for fit-before-split when the learned state is a pandas statistic:
//     df["age"] = df["age"].fillna(df["age"].median())
//     train, test = train_test_split(df, …)
// becomes
//     train, test = train_test_split(df, …)
//     age_median = train["age"].median()
//     train["age"] = train["age"].fillna(age_median)
//     test["age"] = test["age"].fillna(age_median)
// and likewise `X = (X - X.mean()) / X.std()`. Unsafe: the numbers change (training-part
// statistics). Offered only when the statement is a function of the split variable alone and
// nothing else reads that variable afterwards; otherwise no fix.
import { RuleContext } from '../../server/src/engine/rule';
import { deleteStatementLines, identifierNames, identifiersNamed, indentationOf, expressionStatementOf } from '../../server/src/engine/edit-helpers';
import { LineIndex } from '../../server/src/engine/text';
import { Fix, TextEdit } from '../../server/src/engine/types';
import { field, forEachDescendant, namedChildren, PyNode } from '../../server/src/parser/syntax';
import { Learned } from '../../server/src/semantic/values';
import { trailingComment } from './statement-lines';

/** Column statistics the fix can hoist (computed down the rows, one value per column). */
const STATISTICS = new Set(['mean', 'median', 'std', 'var', 'min', 'max', 'mode', 'quantile', 'sum']);
/** Element-wise methods that may use a statistic without learning anything themselves. */
const ELEMENTWISE = new Set(['fillna', 'clip', 'astype', 'round', 'abs', 'replace', 'where', 'mask', 'isna', 'isnull', 'notna', 'notnull']);
/** NumPy functions applied element by element. */
const NUMPY_ELEMENTWISE = new Set(['log', 'log1p', 'sqrt', 'exp', 'abs', 'clip', 'where']);

/** The variable at the root of `d`, `d["a"]`, `d.loc[:, "a"]`. */
function rootName(node: PyNode | undefined, text: string): string | undefined {
  let n = node;
  while (n && (n.type === 'subscript' || n.type === 'attribute')) n = field(n, n.type === 'subscript' ? 'value' : 'object');
  return n?.type === 'identifier' ? text.slice(n.start, n.end) : undefined;
}

function methodOf(call: PyNode, text: string): { name: string; receiver: PyNode } | undefined {
  const fn = field(call, 'function');
  const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
  const attr = fn?.type === 'attribute' ? field(fn, 'attribute') : undefined;
  return object && attr ? { name: text.slice(attr.start, attr.end), receiver: object } : undefined;
}

/** A statistic down the rows: no axis other than 0, positional arguments only for quantile. */
function columnStatistic(call: PyNode, name: string, text: string): boolean {
  const args = field(call, 'arguments');
  const items = args ? namedChildren(args) : [];
  for (const item of items) {
    if (item.type === 'keyword_argument') {
      const key = field(item, 'name');
      const value = field(item, 'value');
      if (key && text.slice(key.start, key.end) === 'axis' && (!value || !['0', '"index"', "'index'"].includes(text.slice(value.start, value.end)))) return false;
    } else if (name !== 'quantile') {
      return false;
    }
  }
  return true;
}

/** A fresh name for the hoisted statistic: `age_median`, `X_mean`. */
function statisticName(receiver: PyNode, method: string, data: string, text: string, taken: { has(name: string): boolean; add(name: string): void }): string {
  let base = data;
  if (receiver.type === 'subscript') {
    const key = field(receiver, 'subscript');
    const literal = key?.type === 'string' ? /^(['"])([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(text.slice(key.start, key.end)) : null;
    if (literal) base = literal[2];
  }
  let name = `${base}_${method}`;
  for (let i = 2; taken.has(name); i++) name = `${base}_${method}_${i}`;
  taken.add(name);
  return name;
}

/** Text of `node` with some ranges replaced (non-overlapping, inside the node). */
function rewrite(text: string, node: PyNode, replacements: { start: number; end: number; text: string }[]): string {
  let out = '';
  let cursor = node.start;
  for (const r of [...replacements].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (r.start < cursor) continue; // nested in an earlier replacement
    out += text.slice(cursor, r.start) + r.text;
    cursor = r.end;
  }
  return out + text.slice(cursor, node.end);
}

export function statisticAfterSplitFixes(context: RuleContext, learned: Learned, splitCall: PyNode): Fix[] {
  const text = context.source.text;
  const model = context.model;
  if (learned.kind !== 'statistic' || learned.site.type !== 'call') return [];
  const statement = expressionStatementOf(learned.site);
  const splitStatement = expressionStatementOf(splitCall);
  if (!statement || !splitStatement || statement.parent !== splitStatement.parent || statement.end > splitStatement.start) return [];

  // The statement: `D… = <expression of D>` (or `D… op= …`).
  const assignment = namedChildren(statement)[0];
  if (!assignment || (assignment.type !== 'assignment' && assignment.type !== 'augmented_assignment') || namedChildren(statement).length !== 1) return [];
  const data = rootName(field(assignment, 'left'), text);
  if (!data) return [];

  // The split: `a, b, … = split(…, D, …)`, two parts per array.
  const splitAssignment = namedChildren(splitStatement)[0];
  if (splitAssignment?.type !== 'assignment' || field(splitAssignment, 'right') !== splitCall) return [];
  const targets = namedChildren(field(splitAssignment, 'left')!);
  const splitArgs = field(splitCall, 'arguments');
  const arrays = splitArgs ? namedChildren(splitArgs).filter((a) => a.type !== 'keyword_argument') : [];
  const position = arrays.findIndex((a) => a.type === 'identifier' && text.slice(a.start, a.end) === data);
  if (position < 0 || targets.length !== 2 * arrays.length || targets.some((t) => t.type !== 'identifier')) return [];
  const [train, test] = [targets[2 * position], targets[2 * position + 1]].map((t) => text.slice(t.start, t.end));

  // Everything in the statement is computed from D: other names may only be imported modules.
  const modules = new Set(model.imports.filter((i) => i.statement.parent === model.root).map((i) => i.local));
  const names = new Set<string>();
  const calls: PyNode[] = [];
  let unsupported = false;
  forEachDescendant(assignment, (n) => {
    if (n.type === 'identifier' && !(n.parent?.type === 'attribute' && n.field === 'attribute') && !(n.parent?.type === 'keyword_argument' && n.field === 'name')) names.add(text.slice(n.start, n.end));
    if (n.type === 'call') calls.push(n);
    if (n.type === 'lambda' || n.type === 'ERROR' || n.missing || n.type.endsWith('comprehension') || n.type === 'named_expression' || n.type === 'await') unsupported = true;
  });
  if (unsupported || [...names].some((n) => n !== data && !modules.has(n))) return [];
  const statistics: { call: PyNode; method: string; receiver: PyNode }[] = [];
  for (const call of calls) {
    const method = methodOf(call, text);
    if (!method) return [];
    if (modules.has(rootName(method.receiver, text) ?? '')) {
      if (!NUMPY_ELEMENTWISE.has(method.name) || method.receiver.type !== 'identifier') return [];
    } else if (STATISTICS.has(method.name)) {
      if (!columnStatistic(call, method.name, text) || rootName(method.receiver, text) !== data) return [];
      statistics.push({ call, ...method, method: method.name });
    } else if (!ELEMENTWISE.has(method.name)) {
      return [];
    }
  }
  if (!statistics.some((s) => s.call === learned.site)) return [];
  // A statistic of a statistic (`(X - X.mean()).std()`) is not hoisted.
  if (statistics.some((a) => statistics.some((b) => a !== b && b.call.start >= a.call.start && b.call.end <= a.call.end))) return [];

  // D is read nowhere after the statement but in the split: moving the statement is invisible
  // to the rest of the program apart from the statistics it uses.
  const laterUses = identifiersNamed(model.root, data, text).filter((n) => n.start >= statement.end && n !== arrays[position]);
  if (laterUses.length) return [];
  const lines = LineIndex.of(text);
  const comment = trailingComment(statement, lines);
  if (comment === undefined) return [];

  const used = identifierNames(model.root, text);
  const chosen = new Set<string>();
  const taken = { has: (name: string): boolean => chosen.has(name) || used.has(name), add: (name: string): void => void chosen.add(name) };
  const dataNodes = identifiersNamed(assignment, data, text);
  const renamed = (node: PyNode, to: string, extra: { start: number; end: number; text: string }[] = []): string =>
    rewrite(text, node, [...extra, ...dataNodes.filter((d) => d.start >= node.start && d.end <= node.end).map((d) => ({ start: d.start, end: d.end, text: to }))]);
  const hoisted = statistics.map((s) => ({ ...s, name: statisticName(s.receiver, s.method, data, text, taken) }));
  const indent = indentationOf(splitStatement, lines);
  const eol = lines.eol;
  const useNames = hoisted.map((h) => ({ start: h.call.start, end: h.call.end, text: h.name }));
  const newLines = [
    ...hoisted.map((h) => `${h.name} = ${renamed(h.call, train)}`),
    renamed(assignment, train, useNames) + (comment ? `  ${comment}` : ''),
    renamed(assignment, test, useNames),
  ];
  const splitEnd = lines.lineEnd(lines.lineOf(splitStatement.end));
  const edits: TextEdit[] = [
    deleteStatementLines(statement, lines),
    { start: splitEnd, end: splitEnd, newText: newLines.map((l) => `${eol}${indent}${l}`).join('') },
  ];
  return [{ title: `Compute ${hoisted.map((h) => h.name).join(', ')} on ${train} after the split and apply to both parts`, applicability: 'unsafe', edits }];
}
