// test-in-selection: the test split used to choose a model, its settings, or an epoch.
import { Rule, RuleContext } from '../server/src/engine/rule';
import { PyNode } from '../server/src/parser/syntax';
import { testSetHandedOver } from '../server/src/semantic/evident-test';
import { ScoreInfo } from '../server/src/semantic/values';
import { testInSelectionFixes } from './fixes/test-in-selection-fix';
import { reportTestReuse, TEST_REUSE_DOCS } from './test-reuse';
import { isTestScore } from '../server/src/semantic/test-use';

const rule: Rule = {
  id: 'test-in-selection',
  defaultSeverity: 'error',
  fix: 'unsafe',
  docs: {
    summary: 'The test set is used to choose a model, hyperparameters or an epoch.',
    whatItDoes:
      'Reports, once per choice and at the first test evaluation that feeds it, test-split scores that take part in a choice: scores collected and then reduced with `max`/`min`/`argmax`/`sorted`/`sort_values`/`idxmax`, compared in a best-so-far update (`if score > best:`) or with each other (`if acc_a > acc_b:`); Keras `fit(..., validation_data=(X_test, y_test))` with `EarlyStopping` or a best-only `ModelCheckpoint` (and `eval_set` with `early_stopping_rounds`); and a search (`GridSearchCV`…) fitted on data that contains the test rows, or on rows whose test part is split off and scored afterwards. One final evaluation, evaluation on a validation split, one model scored with several metrics, and monitoring without a choice are not reported. Frameworks covered: scikit-learn (`GridSearchCV` & co, `OptunaSearchCV`, `BayesSearchCV`); Keras (`EarlyStopping`, best-only `ModelCheckpoint`, `ReduceLROnPlateau` with `validation_data`) and keras-tuner (`tuner.search(..., validation_data=…)`); XGBoost (`early_stopping_rounds` in the constructor or `fit`, `xgb.train(evals=…)`: the last entry of `eval_set`/`evals` decides, and `predict` uses `best_iteration` - https://xgboost.readthedocs.io/en/stable/python/python_intro.html#early-stopping); LightGBM (`fit(eval_set=…)` or `fit(eval_X=…, eval_y=…)` with `callbacks=[lgb.early_stopping(n)]`, `lgb.train(valid_sets=…)`: every validation set is checked - https://lightgbm.readthedocs.io/en/stable/pythonapi/lightgbm.early_stopping.html); CatBoost (`fit(eval_set=…)`: `use_best_model` defaults to True when an eval set is given, so the best iteration on it is kept - https://catboost.ai/docs/en/references/training-parameters/common#use_best_model); Hugging Face (`Trainer(eval_dataset=…)` with `TrainingArguments(load_best_model_at_end=True)` or `EarlyStoppingCallback`; `load_dataset` parts and `Dataset.train_test_split` entries); Lightning (`Trainer.fit(..., val_dataloaders=…)` or a DataModule\'s `val_dataloader`, with `ModelCheckpoint(monitor=…)` or `EarlyStopping`); Optuna (`study.optimize(objective)`: the objective is a loop body, `trial.suggest_*` varies the model), Hyperopt `fmin`, Ray Tune (`tune.run`/`Tuner`, `tune.report`); PyTorch loops (`nn.Sequential`, `torchvision.models`, `timm`, `from_pretrained` models, `nn.Module` subclasses, and `nn.DataParallel` wrapping any model; losses such as `F.cross_entropy` or `nn.*Loss()` accumulated over the test loader and compared with a best value or passed to `ReduceLROnPlateau.step`); a threshold picked on `roc_curve`/`precision_recall_curve`/`det_curve` of the test labels (`thresholds[np.argmax(tpr - fpr)]`) once predictions cut at it are scored, printed or returned. Early stopping and best-model choices that a framework makes on the data it is handed count when that data is evidently the test set: a published test split, data whose names say test, a held-out part scored again after the choice, or a separately loaded table on which the same model\'s final score is called a test score; a held-out part is the validation set when the same model then predicts a separately loaded table (a Kaggle `test.csv`). A point marked on a curve plot or a threshold only printed, a held-out part used for early stopping and never scored or named as the test set, a loss on a training batch, an eval set without early stopping or best model (CatBoost with `use_best_model=False`), Lightning\'s default last-epoch checkpoint, a single `trainer.test`, and objectives scored by cross-validation or on a validation split are not reported.' + ' ' + TEST_REUSE_DOCS,
    whyBad:
      'The test set should not guide model choice. If we evaluate ten models on the test set and keep the one with the best test score, the test set has become a validation set and the selected model\'s test score is biased upward. Train candidates on the training set, compare them on a validation set, select one final model, and evaluate it once on the test set. If the test set is used repeatedly, even with no code that picks (several models scored on it and printed side by side for the reader to compare), create a new held-out test set or report that the original test score is no longer a clean final estimate.',
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

    // One finding per choice, at the first test evaluation that feeds it; the other evaluation
    // sites (a helper computing several metrics, the candidates of a loop) and the choice are
    // related locations. Scores only printed or collected choose nothing: several models scored
    // on one test split that way are the warning case (test-reuse.ts), reported after the choices.
    const chosen = new Set<ScoreInfo>();
    for (const select of model.eventsOf('select')) {
      // Early stopping or a best checkpoint counts on data the program treats as its test set;
      // on another held-out part, that part is the validation set.
      const chosenOn = select.handedOver ? testSetHandedOver(model.events, select) : select.scores.filter(isTestScore);
      const tests = chosenOn.sort((a, b) => a.site.start - b.site.start);
      if (!tests.length) continue;
      tests.forEach((s) => chosen.add(s));
      const [first, ...others] = tests;
      const otherSites = others.filter((s, i) => s.site !== first.site && others.findIndex((o) => o.site === s.site) === i);
      context.report({
        node: first.site,
        message: `A test-set score is used for a choice (${select.how}): choose on a validation split, test once at the end.`,
        related: [
          { node: select.site, message: 'the choice is made here' },
          ...otherSites.slice(0, 5).map((s) => ({ node: s.site, message: 'also evaluated on the test set for this choice' })),
          ...splitsOf(first),
        ],
        fixes: testInSelectionFixes(context, first, otherSites.map((o) => o.site)),
      });
    }
    reportTestReuse(context, chosen);

    const events = model.events;
    for (const search of model.eventsOf('search')) {
      const data = search.data;
      if (data.parts.includes('test')) {
        context.report({
          node: search.site,
          message: 'This search picks hyperparameters on data that contains the test rows: fit it on the training part only.',
        });
        continue;
      }
      if (!data.parts.every((p) => p === 'full')) continue;
      // Rows the search saw are held out by a split and scored after the search: the reported
      // test score comes from rows that chose the hyperparameters. A split whose test part is
      // never scored afterwards (an earlier, unrelated one) does not count.
      const after = events.slice(events.indexOf(search) + 1);
      const scored = after.find((e) => e.type === 'evaluate' && isTestScore(e.score) && e.score.data.splits.some((s) => s.kind === 'holdout' && s.origins.some((o) => data.origins.includes(o))));
      if (!scored || scored.type !== 'evaluate') continue;
      const heldOut = scored.score.data.splits.find((s) => s.kind === 'holdout' && s.origins.some((o) => data.origins.includes(o)))!;
      context.report({
        node: search.site,
        message: 'This search picks hyperparameters on data that contains the test rows: fit it on the training part only.',
        related: [{ node: heldOut.site, message: 'the test rows are split off here' }],
      });
    }
  },
};

function splitsOf(score: ScoreInfo): { node: PyNode; message: string }[] {
  return score.data.splits.filter((s) => s.kind === 'holdout').slice(0, 1).map((s) => ({ node: s.site, message: 'the test part comes from this split' }));
}

export default rule;
