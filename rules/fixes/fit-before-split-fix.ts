// Fix for fit-before-split, canonical scikit-learn shape:
//     Xs = T.fit_transform(X)            (or: T.fit(X) + Xs = T.transform(X))
//     a, b, c, d = train_test_split(Xs, y, …)
// becomes
//     a, b, c, d = train_test_split(X, y, …)
//     a = T.fit_transform(a)
//     b = T.transform(b)
// Offered only when the rewrite keeps every other use of the names intact.
import { RuleContext } from '../../server/src/engine/rule';
import { deleteStatementLines, identifierNames, identifiersNamed, indentationOf, expressionStatementOf } from '../../server/src/engine/edit-helpers';
import { LineIndex } from '../../server/src/engine/text';
import { Fix, TextEdit } from '../../server/src/engine/types';
import { field, namedChildren, PyNode } from '../../server/src/parser/syntax';
import { Learned } from '../../server/src/semantic/values';
import { statisticAfterSplitFixes } from './statistic-split-fix';
import { nextStatement, trailingComment } from './statement-lines';

interface CallShape {
  receiver: string;
  /** `SelectKBest(f_classif, k=20).fit_transform(…)`: the constructor call, named by the fix. */
  ctor?: PyNode;
  method: string;
  args: readonly PyNode[];
}

function callShape(node: PyNode | undefined, text: string): CallShape | undefined {
  if (!node || node.type !== 'call') return undefined;
  const fn = field(node, 'function');
  const args = field(node, 'arguments');
  if (!fn || fn.type !== 'attribute' || !args || args.type !== 'argument_list') return undefined;
  const object = field(fn, 'object');
  const attr = field(fn, 'attribute');
  if (!object || !attr) return undefined;
  const method = text.slice(attr.start, attr.end);
  if (object.type === 'identifier') return { receiver: text.slice(object.start, object.end), method, args: namedChildren(args) };
  const ctor = object.type === 'call' ? field(object, 'function') : undefined;
  const className = ctor?.type === 'identifier' ? ctor : ctor?.type === 'attribute' ? field(ctor, 'attribute') : undefined;
  if (!className || !/^[A-Z]\w*$/.test(text.slice(className.start, className.end))) return undefined;
  return { receiver: snakeCase(text.slice(className.start, className.end)), ctor: object, method, args: namedChildren(args) };
}

/** `MinMaxScaler` → `min_max_scaler`, `PCA` → `pca`. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

const isName = (n: PyNode | undefined): n is PyNode => n?.type === 'identifier';

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

export function fitBeforeSplitFixes(context: RuleContext, learned: Learned, splitCall: PyNode): Fix[] {
  const text = context.source.text;
  if (learned.kind === 'statistic') return statisticAfterSplitFixes(context, learned, splitCall);
  if (learned.kind !== 'fit') return [];
  const fitStatement = expressionStatementOf(learned.site);
  const splitStatement = expressionStatementOf(splitCall);
  if (!fitStatement || !splitStatement || fitStatement.parent !== splitStatement.parent) return [];
  if (fitStatement.start >= splitStatement.start) return [];

  // Shape 1: Xs = T.fit_transform(X[, y]). Shape 2: T.fit(X[, y]) then Xs = T.transform(X).
  let removed: PyNode[];
  let shape: CallShape;
  let scaled: string;
  const single = simpleAssignment(fitStatement, text);
  const singleShape = single && single.call === learned.site ? callShape(single.call, text) : undefined;
  if (single && singleShape?.method === 'fit_transform') {
    removed = [fitStatement];
    shape = singleShape;
    scaled = single.name;
  } else {
    const fitShape = callShape(learned.site, text);
    const next = nextStatement(fitStatement);
    const second = simpleAssignment(next, text);
    const secondShape = second ? callShape(second.call, text) : undefined;
    if (!fitShape || fitShape.method !== 'fit' || fitShape.ctor || namedChildren(fitStatement)[0] !== learned.site) return [];
    if (!second || secondShape?.method !== 'transform' || secondShape.receiver !== fitShape.receiver || secondShape.args.length !== 1) return [];
    if (!isName(fitShape.args[0]) || text.slice(secondShape.args[0].start, secondShape.args[0].end) !== text.slice(fitShape.args[0].start, fitShape.args[0].end)) return [];
    removed = [fitStatement, next!];
    shape = fitShape;
    scaled = second.name;
  }
  const [xArg, yArg] = shape.args;
  if (!isName(xArg) || shape.args.length > 2 || (shape.args.length === 2 && !isName(yArg))) return [];
  const transformer = shape.receiver;
  const rawInput = text.slice(xArg.start, xArg.end);
  const rawTarget = yArg ? text.slice(yArg.start, yArg.end) : undefined;

  // The split: `a, b, … = train_test_split(scaled, …)` with plain names on the left.
  const assignment = namedChildren(splitStatement)[0];
  const left = assignment?.type === 'assignment' ? field(assignment, 'left') : undefined;
  const splitArgs = field(splitCall, 'arguments');
  const firstArg = splitArgs ? namedChildren(splitArgs)[0] : undefined;
  if (!left || !firstArg || firstArg.type !== 'identifier' || text.slice(firstArg.start, firstArg.end) !== scaled) return [];
  const targets = namedChildren(left);
  if (targets.length < 2 || targets.some((t) => t.type !== 'identifier')) return [];
  const names = targets.map((t) => text.slice(t.start, t.end));
  const [trainName, testName] = names;
  // fit(X, y): y must be the split's second array, so that its training part is names[2].
  const arrays = namedChildren(splitArgs!).filter((a) => a.type !== 'keyword_argument');
  if (rawTarget !== undefined && (names.length !== 4 || arrays.length !== 2 || !isName(arrays[1]) || text.slice(arrays[1].start, arrays[1].end) !== rawTarget)) return [];
  const fitArgs = (part: string, target: string | undefined): string => (target === undefined ? part : `${part}, ${target}`);

  // Every later use of the scaled name, of the inputs between the statements, or of the
  // transformer before the split would change meaning: then offer nothing.
  const firstRemoved = removed[0];
  const lastRemoved = removed[removed.length - 1];
  const inRemoved = (n: PyNode): boolean => removed.some((r) => n.start >= r.start && n.end <= r.end);
  if (identifiersNamed(context.model.root, scaled, text).some((n) => n.start >= firstRemoved.start && !inRemoved(n) && n !== firstArg)) return [];
  const between = (n: PyNode): boolean => n.start > lastRemoved.end && n.start < splitStatement.start;
  if (identifiersNamed(context.model.root, rawInput, text).some(between)) return [];
  if (rawTarget !== undefined && identifiersNamed(context.model.root, rawTarget, text).some(between)) return [];
  let name = transformer;
  if (shape.ctor) {
    const taken = identifierNames(context.model.root, text);
    for (let i = 2; taken.has(name); i++) name = `${transformer}_${i}`;
  } else if (identifiersNamed(context.model.root, transformer, text).some(between)) {
    return [];
  }

  const lines = LineIndex.of(text);
  const comments = removed.map((r) => trailingComment(r, lines));
  if (comments.some((c) => c === undefined)) return [];
  const comment = comments.filter(Boolean).join(' ');
  const indent = indentationOf(splitStatement, lines);
  const eol = lines.eol;
  const edits: TextEdit[] = removed.map((r) => deleteStatementLines(r, lines));
  edits.push({ start: firstArg.start, end: firstArg.end, newText: rawInput });
  const splitEnd = lines.lineEnd(lines.lineOf(splitStatement.end - 1));
  const newLines = [
    ...(shape.ctor ? [`${name} = ${text.slice(shape.ctor.start, shape.ctor.end)}`] : []),
    `${trainName} = ${name}.fit_transform(${fitArgs(trainName, rawTarget === undefined ? undefined : names[2])})${comment ? `  ${comment}` : ''}`,
    `${testName} = ${name}.transform(${testName})`,
  ];
  edits.push({ start: splitEnd, end: splitEnd, newText: newLines.map((l) => `${eol}${indent}${l}`).join('') });
  return [{ title: `Split first, then fit ${name} on ${trainName} only`, applicability: 'safe', edits }];
}
