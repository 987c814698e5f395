// test-in-selection: the test split used to choose a model, its settings, or an epoch.
import { Rule, RuleContext, withinRelated } from '../server/src/engine/rule';
import { PyNode } from '../server/src/parser/syntax';
import { ScoreInfo } from '../server/src/semantic/values';
import { testInSelectionFixes } from './fixes/test-in-selection-fix';

const rule: Rule = {
  id: 'test-in-selection',
  defaultSeverity: 'error',
  fix: 'unsafe',
  docs: {
    summary: 'The test set is used to choose a model, hyperparameters or an epoch.',
    whatItDoes:
      'Reports evaluations on the test split that take part in a choice: inside a loop that changes the model or its settings; scores collected and then reduced with `max`/`min`/`argmax`/`sorted` or compared in a best-so-far update (`if score > best:`); Keras `fit(..., validation_data=(X_test, y_test))` with `EarlyStopping` or a best-only `ModelCheckpoint` (and `eval_set` with `early_stopping_rounds`); and a search (`GridSearchCV`…) fitted on data that contains the test rows. One final evaluation, evaluation on a validation split, repeated runs that only change the random seed, and monitoring without a choice are not reported.',
    whyBad:
      'The test set should not guide model choice. If we evaluate ten models on the test set and keep the one with the best test score, the test set has become a validation set and the selected model\'s test score is biased upward. Train candidates on the training set, compare them on a validation set, select one final model, and evaluate it once on the test set.',
    example: [
      'best, best_k = 0, None',
      'for k in range(1, 20):',
      '    knn = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)',
      '    acc = knn.score(X_test, y_test)',
      '    if acc > best:',
      '        best, best_k = acc, k',
    ].join('\n'),
    useInstead: [
      'X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.2, random_state=42)',
      'best, best_k = 0, None',
      'for k in range(1, 20):',
      '    knn = KNeighborsClassifier(n_neighbors=k).fit(X_tr, y_tr)',
      '    acc = knn.score(X_val, y_val)',
      '    if acc > best:',
      '        best, best_k = acc, k',
      'final = KNeighborsClassifier(n_neighbors=best_k).fit(X_train, y_train)',
      'print(final.score(X_test, y_test))',
    ].join('\n'),
    fixSafety:
      'The fix carves a validation split out of the training part right after the original split and makes the selection code use it (for Keras, `validation_data` becomes the validation split). It changes which rows train the candidates and which score picks them, so it is always unsafe: review it before applying.',
  },
  check(context: RuleContext): void {
    const { model } = context;
    const isTest = (score: ScoreInfo): boolean => score.data.parts.includes('test') && !score.data.parts.includes('full');

    for (const select of model.eventsOf('select')) {
      for (const score of select.scores) {
        if (!isTest(score)) continue;
        context.report({
          node: score.site,
          message: `A test-set score is used for a choice (${select.how}): choose on a validation split, test once at the end.`,
          related: [{ node: select.site, message: 'the choice is made here' }, ...splitsOf(score)],
          fixes: testInSelectionFixes(context, score),
        });
      }
    }

    for (const evaluate of model.eventsOf('evaluate')) {
      if (!evaluate.variedIn.length || !isTest(evaluate.score)) continue;
      const loop = evaluate.loop;
      context.report({
        node: evaluate.site,
        message: 'The test set scores a different model or setting on each pass of a loop: compare candidates on a validation split.',
        related: [...withinRelated(evaluate, 'scored here'), ...(loop ? [{ node: loop, message: 'the model or its settings change in this loop' }] : []), ...splitsOf(evaluate.score)],
        fixes: testInSelectionFixes(context, evaluate.score),
      });
    }

    const splits = model.eventsOf('split');
    for (const search of model.eventsOf('search')) {
      const data = search.data;
      const containsTest = data.parts.includes('test');
      const heldOutLater = data.parts.every((p) => p === 'full') && splits.find((s) => s.split.kind === 'holdout' && s.split.origins.some((o) => data.origins.includes(o)) && s.site !== search.site);
      if (!containsTest && !heldOutLater) continue;
      const related = heldOutLater ? [{ node: heldOutLater.site, message: 'the test rows are split off here' }] : [];
      context.report({
        node: search.site,
        message: 'This search picks hyperparameters on data that contains the test rows: fit it on the training part only.',
        related,
      });
    }
  },
};

function splitsOf(score: ScoreInfo): { node: PyNode; message: string }[] {
  return score.data.splits.filter((s) => s.kind === 'holdout').slice(0, 1).map((s) => ({ node: s.site, message: 'the test part comes from this split' }));
}

export default rule;
