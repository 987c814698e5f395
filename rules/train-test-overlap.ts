// train-test-overlap: the evaluated rows are not held out. A model trained on the test rows and
// scored on them, the training part scored as if it were the test part, or duplicates removed
// within each part after the split (copies across it remain).
import { Rule, RuleContext } from '../server/src/engine/rule';
import { PyNode } from '../server/src/parser/syntax';
import { containsRows, DataFacts, isFullOnly, isModelFit, Learned, SplitInfo } from '../server/src/semantic/values';
import { trainScoreAsTestFixes } from './fixes/train-test-overlap-fix';

const rule: Rule = {
  id: 'train-test-overlap',
  defaultSeverity: 'error',
  fix: 'unsafe',
  docs: {
    summary: 'The evaluated rows are not held out: the model was trained on the test rows, or the training part is scored as test.',
    whatItDoes:
      'Reports a model (or pipeline, or a search: its refitted best model) fitted on data that contains the test rows and then evaluated on the test part: `model.fit(X, y)` on all rows followed by `model.score(X_test, y_test)` where `X_test` was split from `X` (likewise a validation part of a later holdout split of `X`), or training on `pd.concat([X_train, X_test])`, `np.vstack` of both parts, or `X_train + X_test`. It also reports a score computed on the training part that the program calls a test score (`test_acc = model.score(X_train, y_train)`, `print("Test accuracy:", …)`), and `drop_duplicates()` applied to the parts after the split instead of to the data before it. A final refit on all data after the test score was reported, and training-set scores labelled as such (`train_acc`), are not reported.',
    whyBad:
      'Duplicate leakage: the same example appears in train and test. A model scored on rows it was fitted on is partly recalling them, so the score says little about how it generalises; a training score reported as a test score is the extreme case. Test data is used only for final evaluation, on rows the model has never seen, and duplicates are removed across splits before splitting.',
    example: [
      'model = LogisticRegression().fit(X, y)',
      'print(model.score(X_test, y_test))',
    ].join('\n'),
    useInstead: [
      'model = LogisticRegression().fit(X_train, y_train)',
      'print(model.score(X_test, y_test))',
    ].join('\n'),
    fixSafety:
      'Where the training part is scored as the test part and the split named both (`X_train, X_test, y_train, y_test = train_test_split(…)`), the fix swaps the evaluation\'s data for the held-out part; it changes the reported number, so it is unsafe. A model trained on the test rows has no mechanical fix: train it on the training part and score it again.',
  },
  check(context: RuleContext): void {
    reportTrainedOnTestRows(context);
    reportTrainingScoresCalledTest(context);
    reportDeduplicationAfterSplit(context);
  },
};

/**
 * Evaluations on a held-out part by a model whose training rows include that part: the test part,
 * or a validation part of rows the model was trained on in full.
 */
function reportTrainedOnTestRows(context: RuleContext): void {
  for (const apply of context.model.eventsOf('apply')) {
    const learned = apply.learned;
    const target = apply.target;
    // A search refits its best model on all the rows it was given (`refit=True`, the default).
    if (!(isModelFit(learned) || (learned.kind === 'fit' && learned.estimatorKind === 'search')) || !target.parts.length) continue;
    const allRows = isFullOnly(learned.from);
    const heldOut = target.parts.every((p) => p === 'test') ? 'test' : allRows && target.parts.every((p) => p === 'validation') ? 'validation' : undefined;
    if (!heldOut) continue;
    const split = splitShared(learned, target);
    // Folds are refitted in the loop that scores them; what the analysis joins there says nothing.
    if (!split || (heldOut === 'validation' && split.kind !== 'holdout')) continue;
    context.report({
      node: learned.site,
      message: allRows
        ? `${learned.label} is trained on all rows, then scored on ${heldOut} rows it has already seen.`
        : `${learned.label} is trained on rows that include the test part, then scored on that test part.`,
      related: [
        { node: apply.site, message: `scored on the ${heldOut} part here` },
        { node: split.site, message: `the ${heldOut} part comes from this split` },
      ],
    });
  }
}

/** The split that carved `target` out of rows the model learned from. */
function splitShared(learned: Learned, target: DataFacts): SplitInfo | undefined {
  const from = learned.from;
  if (isFullOnly(from)) {
    // Some rows only (`X_all = full.iloc[:891]`): unless they evidently hold the test rows, the
    // test part may be the other rows.
    if (from.rowSubsetOf?.length && !containsRows(from, target)) return undefined;
    return target.splits.find((s) => s.origins.some((o) => from.origins.includes(o)));
  }
  if (!from.parts.includes('test') || from.predictionOf.length) return undefined;
  return target.splits.find((s) => from.splits.includes(s));
}

/** `test_acc = model.score(X_train, y_train)`: a training score presented as a test score. */
function reportTrainingScoresCalledTest(context: RuleContext): void {
  for (const evaluate of context.model.eventsOf('evaluate')) {
    const score = evaluate.score;
    const called = score.reportedAsTest;
    if (!called || !score.data.parts.length || !score.data.parts.every((p) => p === 'train')) continue;
    if (!score.data.splits.some((s) => s.kind === 'holdout')) continue;
    context.report({
      node: evaluate.site,
      message: 'This score is computed on the training part but reported as a test score.',
      related: [{ node: called, message: 'called a test score here' }, ...splitSite(score.data.splits)],
      fixes: trainScoreAsTestFixes(context, evaluate.site, score.data.splits),
    });
  }
}

/** `X_train.drop_duplicates()` after the split: duplicates across train and test stay. */
function reportDeduplicationAfterSplit(context: RuleContext): void {
  for (const event of context.model.eventsOf('deduplicate')) {
    const data = event.data;
    if (data.deduplicated || !data.parts.length || data.parts.includes('full')) continue;
    const holdout = data.splits.filter((s) => s.kind === 'holdout');
    if (!holdout.length) continue;
    context.report({
      node: event.site,
      message: 'Duplicates are dropped within a part after the split: copies across train and test remain.',
      related: splitSite(holdout, 'drop duplicates before this split'),
    });
  }
}

function splitSite(splits: readonly SplitInfo[], message = 'the training part comes from this split'): { node: PyNode; message: string }[] {
  const split = splits.find((s) => s.kind === 'holdout');
  return split ? [{ node: split.site, message }] : [];
}

export default rule;
