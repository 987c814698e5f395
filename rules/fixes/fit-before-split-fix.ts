// Fix for fit-before-split, canonical scikit-learn shape:
//     Xs = T.fit_transform(X)            (or: T.fit(X) + Xs = T.transform(X))
//     a, b, c, d = train_test_split(Xs, y, …)
// becomes
//     a, b, c, d = train_test_split(X, y, …)
//     a = T.fit_transform(a)
//     b = T.transform(b)
// Offered only when the rewrite keeps every other use of the names intact.
import { RuleContext } from '../../server/src/engine/rule';
import { deleteStatementLines, identifiersNamed, indentationOf } from '../../server/src/engine/edit-helpers';
import { LineIndex } from '../../server/src/engine/text';
import { Fix, TextEdit } from '../../server/src/engine/types';
import { field, namedChildren, PyNode } from '../../server/src/parser/syntax';
import { Learned } from '../../server/src/semantic/values';

interface CallShape {
  receiver: string;
  method: string;
  args: PyNode[];
}

function callShape(node: PyNode | undefined, text: string): CallShape | undefined {
  if (!node || node.type !== 'call') return undefined;
  const fn = field(node, 'function');
  const args = field(node, 'arguments');
  if (!fn || fn.type !== 'attribute' || !args || args.type !== 'argument_list') return undefined;
  const object = field(fn, 'object');
  const attr = field(fn, 'attribute');
  if (!object || object.type !== 'identifier' || !attr) return undefined;
  return { receiver: text.slice(object.start, object.end), method: text.slice(attr.start, attr.end), args: namedChildren(args) };
}

/** `name = <call>` as an expression statement: the name and the call. */
function simpleAssignment(statement: PyNode | undefined, text: string): { name: string; call: PyNode } | undefined {
  if (!statement || statement.type !== 'expression_statement') return undefined;
  const assignment = namedChildren(statement)[0];
  if (assignment?.type !== 'assignment') return undefined;
  const left = field(assignment, 'left');
  const right = field(assignment, 'right');
  if (left?.type !== 'identifier' || right?.type !== 'call') return undefined;
  return { name: text.slice(left.start, left.end), call: right };
}

function statementOf(node: PyNode): PyNode | undefined {
  let current: PyNode | null = node;
  while (current && current.type !== 'expression_statement') current = current.parent;
  return current ?? undefined;
}

export function fitBeforeSplitFixes(context: RuleContext, learned: Learned, splitCall: PyNode): Fix[] {
  const text = context.source.text;
  if (learned.kind !== 'fit') return [];
  const fitStatement = statementOf(learned.site);
  const splitStatement = statementOf(splitCall);
  if (!fitStatement || !splitStatement || fitStatement.parent !== splitStatement.parent) return [];
  if (fitStatement.start >= splitStatement.start) return [];

  // Shape 1: Xs = T.fit_transform(X). Shape 2: T.fit(X) then Xs = T.transform(X).
  let removed: PyNode[];
  let transformer: string;
  let rawInput: string;
  let scaled: string;
  const single = simpleAssignment(fitStatement, text);
  const singleShape = single && single.call === learned.site ? callShape(single.call, text) : undefined;
  if (single && singleShape?.method === 'fit_transform' && singleShape.args.length === 1 && singleShape.args[0].type === 'identifier') {
    removed = [fitStatement];
    transformer = singleShape.receiver;
    rawInput = text.slice(singleShape.args[0].start, singleShape.args[0].end);
    scaled = single.name;
  } else {
    const fitShape = callShape(learned.site, text);
    const siblings = fitStatement.parent!.children;
    const next = siblings[siblings.indexOf(fitStatement) + 1];
    const second = simpleAssignment(next, text);
    const secondShape = second ? callShape(second.call, text) : undefined;
    if (!fitShape || fitShape.method !== 'fit' || fitShape.args.length !== 1 || fitShape.args[0].type !== 'identifier') return [];
    if (namedChildren(fitStatement)[0] !== learned.site) return [];
    if (!second || secondShape?.method !== 'transform' || secondShape.receiver !== fitShape.receiver || secondShape.args.length !== 1) return [];
    const input = text.slice(fitShape.args[0].start, fitShape.args[0].end);
    if (text.slice(secondShape.args[0].start, secondShape.args[0].end) !== input) return [];
    removed = [fitStatement, next];
    transformer = fitShape.receiver;
    rawInput = input;
    scaled = second.name;
  }

  // The split: `a, b, … = train_test_split(scaled, …)` with plain names on the left.
  const assignment = namedChildren(splitStatement)[0];
  const left = assignment?.type === 'assignment' ? field(assignment, 'left') : undefined;
  const splitArgs = field(splitCall, 'arguments');
  const firstArg = splitArgs ? namedChildren(splitArgs)[0] : undefined;
  if (!left || !firstArg || firstArg.type !== 'identifier' || text.slice(firstArg.start, firstArg.end) !== scaled) return [];
  const targets = namedChildren(left);
  if (targets.length < 2 || targets.some((t) => t.type !== 'identifier')) return [];
  const [trainName, testName] = targets.slice(0, 2).map((t) => text.slice(t.start, t.end));

  // Every other use of the scaled name, of the raw name between the statements, or of the
  // transformer before the split would change meaning: then offer nothing.
  const lastRemoved = removed[removed.length - 1];
  const usesOfScaled = identifiersNamed(context.model.root, scaled, text).filter((n) => !removed.some((r) => n.start >= r.start && n.end <= r.end) && n !== firstArg);
  if (usesOfScaled.length) return [];
  const between = (n: PyNode): boolean => n.start > lastRemoved.end && n.start < splitStatement.start;
  if (identifiersNamed(context.model.root, rawInput, text).some(between)) return [];
  if (identifiersNamed(context.model.root, transformer, text).some(between)) return [];

  const lines = new LineIndex(text);
  const indent = indentationOf(splitStatement, lines);
  const eol = lines.eol;
  const edits: TextEdit[] = removed.map((r) => deleteStatementLines(r, lines));
  edits.push({ start: firstArg.start, end: firstArg.end, newText: rawInput });
  const splitEnd = lines.lineEnd(lines.lineOf(splitStatement.end - 1));
  edits.push({
    start: splitEnd,
    end: splitEnd,
    newText: `${eol}${indent}${trainName} = ${transformer}.fit_transform(${trainName})${eol}${indent}${testName} = ${transformer}.transform(${testName})`,
  });
  return [{ title: `Split first, then fit ${transformer} on ${trainName} only`, applicability: 'safe', edits }];
}
