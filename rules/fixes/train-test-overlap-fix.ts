// Fix for train-test-overlap, a training score reported as a test score:
//     X_train, X_test, y_train, y_test = train_test_split(X, y, …)
//     test_acc = model.score(X_train, y_train)
// becomes
//     test_acc = model.score(X_test, y_test)
import { RuleContext } from '../../server/src/engine/rule';
import { expressionStatementOf, identifiersNamed } from '../../server/src/engine/edit-helpers';
import { Fix, TextEdit } from '../../server/src/engine/types';
import { PyNode } from '../../server/src/parser/syntax';
import { SplitInfo } from '../../server/src/semantic/values';
import { pairAssignment } from './assignments';

export function trainScoreAsTestFixes(context: RuleContext, evaluation: PyNode, splits: readonly SplitInfo[]): Fix[] {
  const text = context.source.text;
  const split = splits.find((s) => s.kind === 'holdout');
  const statement = split ? expressionStatementOf(split.site) : undefined;
  const assigned = statement ? pairAssignment(statement, text) : undefined;
  if (!assigned || assigned.right !== split!.site || (assigned.names.length !== 2 && assigned.names.length !== 4)) return [];
  // Pairs (train name → test name) in the order train_test_split returns them.
  const pairs: [string, string][] = [];
  for (let i = 0; i < assigned.names.length; i += 2) pairs.push([assigned.names[i], assigned.names[i + 1]]);
  const edits: TextEdit[] = [];
  for (const [train, test] of pairs) {
    for (const n of identifiersNamed(evaluation, train, text)) edits.push({ start: n.start, end: n.end, newText: test });
  }
  if (!edits.length) return [];
  return [{ title: 'Score the held-out part instead of the training part', applicability: 'unsafe', edits }];
}
