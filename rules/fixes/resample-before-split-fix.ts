// Fix for resample-before-split, canonical shape:
//     X_res, y_res = S.fit_resample(X, y)
//     a, b, c, d = train_test_split(X_res, y_res, …, stratify=y_res)
// becomes
//     a, b, c, d = train_test_split(X, y, …, stratify=y)
//     a, c = S.fit_resample(a, c)
// Offered only when the resampled names are used nowhere else and X, y do not change between.
import { RuleContext } from '../../server/src/engine/rule';
import { deleteStatementLines, expressionStatementOf, identifiersNamed, indentationOf } from '../../server/src/engine/edit-helpers';
import { LineIndex } from '../../server/src/engine/text';
import { Fix, TextEdit } from '../../server/src/engine/types';
import { field, namedChildren, PyNode } from '../../server/src/parser/syntax';
import { Learned } from '../../server/src/semantic/values';
import { pairAssignment } from './assignments';
import { trailingComment } from './statement-lines';

export function resampleAfterSplitFixes(context: RuleContext, learned: Learned, splitCall: PyNode): Fix[] {
  const text = context.source.text;
  const root = context.model.root;
  const call = learned.site;
  const fn = field(call, 'function');
  if (call.type !== 'call' || fn?.type !== 'attribute' || text.slice(fn.end - 'fit_resample'.length, fn.end) !== 'fit_resample') return [];
  const receiver = field(fn, 'object');
  const resampleStatement = expressionStatementOf(call);
  const splitStatement = expressionStatementOf(splitCall);
  if (!receiver || !resampleStatement || !splitStatement || resampleStatement.parent !== splitStatement.parent) return [];
  if (resampleStatement.start >= splitStatement.start) return [];

  const resampled = pairAssignment(resampleStatement, text);
  const inputs = namedChildren(field(call, 'arguments') ?? call);
  if (!resampled || resampled.right !== call || resampled.names.length !== 2) return [];
  if (inputs.length !== 2 || inputs.some((a) => a.type !== 'identifier')) return [];
  const [xRes, yRes] = resampled.names;
  const [x, y] = inputs.map((a) => text.slice(a.start, a.end));

  const split = pairAssignment(splitStatement, text);
  if (!split || split.right !== splitCall || split.names.length !== 4) return [];
  const arrays = namedChildren(field(splitCall, 'arguments') ?? splitCall).filter((a) => a.type !== 'keyword_argument');
  if (arrays.length !== 2 || arrays.map((a) => text.slice(a.start, a.end)).join() !== `${xRes},${yRes}`) return [];

  // The resampled names may be used only by the split; the inputs must not change in between.
  const insideSplit = (n: PyNode): boolean => n.start >= splitCall.start && n.end <= splitCall.end;
  const afterResample = (n: PyNode): boolean => n.start >= resampleStatement.end;
  for (const name of [xRes, yRes]) {
    if (identifiersNamed(root, name, text).some((n) => afterResample(n) && !insideSplit(n))) return [];
  }
  const between = (n: PyNode): boolean => n.start >= resampleStatement.end && n.start < splitStatement.start;
  if ([x, y, text.slice(receiver.start, receiver.end)].some((name) => identifiersNamed(root, name, text).some(between))) return [];

  const lines = LineIndex.of(text);
  const comment = trailingComment(resampleStatement, lines);
  if (comment === undefined) return [];
  const edits: TextEdit[] = [deleteStatementLines(resampleStatement, lines)];
  for (const [from, to] of [[xRes, x], [yRes, y]]) {
    if (from === to) continue;
    for (const n of identifiersNamed(splitCall, from, text)) edits.push({ start: n.start, end: n.end, newText: to });
  }
  const [trainX, , trainY] = split.names;
  const sampler = text.slice(receiver.start, receiver.end);
  const splitEnd = lines.lineEnd(lines.lineOf(splitStatement.end - 1));
  const line = `${trainX}, ${trainY} = ${sampler}.fit_resample(${trainX}, ${trainY})${comment ? `  ${comment}` : ''}`;
  edits.push({ start: splitEnd, end: splitEnd, newText: `${lines.eol}${indentationOf(splitStatement, lines)}${line}` });
  return [{ title: `Split first, then resample ${trainX} and ${trainY} only`, applicability: 'safe', edits }];
}
