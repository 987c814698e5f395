// Whether the data a framework was handed for validation (`eval_set`, `val_dataloaders`,
// `eval_dataset`) is evidently the program's test set. A held-out part that chooses an epoch or a
// checkpoint is only a test set if the program treats it as one; otherwise it is the validation
// set, whatever the split called it.
import { AnalysisEvent, EventOf } from './events';
import { DataFacts, ScoreInfo, sharesOrigin } from './values';
import { frameworkChosenScores, isTestScore } from './test-use';

/**
 * The test-set score among those a framework chose by (`select.handedOver`): a held-out test part
 * the program evidently treats as its test set, or a separately loaded test table.
 */
export function testSetHandedOver(events: readonly AnalysisEvent[], select: EventOf<'select'>): ScoreInfo[] {
  return select.scores.filter((s) => (isTestScore(s) ? evidentlyTest(events, select, s) : separateTestTable(events, select, s))).slice(0, 1);
}

/**
 * Evidence that the chosen-on part is the test set, in this order:
 * - against: the same model later predicts or scores a separately loaded table (the real
 *   test set, a Kaggle `test.csv`): the held-out part was its validation set;
 * - for: the part was published as the test split (MNIST `train=False`, `load_dataset(...)["test"]`);
 * - for: the names of the data handed over say test (`eval_set=[(X_test, y_test)]`), the tie-break;
 * - for: the part is scored again after the choice (the score the program reports).
 */
function evidentlyTest(events: readonly AnalysisEvent[], select: EventOf<'select'>, chosen: ScoreInfo): boolean {
  const after = events.slice(events.indexOf(select) + 1);
  if (separateTableUsed(after, chosen)) return false;
  if (chosen.data.splits.some((s) => s.published && s.origins.some((o) => chosen.data.origins.includes(o)))) return true;
  if (select.handedOver?.named === 'test') return true;
  const frameworkScores = frameworkChosenScores(events);
  return after.some((e) => e.type === 'evaluate' && !frameworkScores.has(e.score) && isTestScore(e.score) && samePart(e.score.data, chosen.data));
}

/** The model that made the choice predicts or scores rows of a table the split never saw. */
function separateTableUsed(after: readonly AnalysisEvent[], chosen: ScoreInfo): boolean {
  const fits = new Set(chosen.estimators.flatMap((e) => e.learned));
  const separate = (target: DataFacts): boolean => !sharesOrigin(target, chosen.data) && !target.parts.includes('train');
  return after.some(
    (e) =>
      (e.type === 'apply' && fits.has(e.learned) && separate(e.target)) ||
      (e.type === 'evaluate' && e.score.estimators.some((m) => chosen.estimators.includes(m)) && separate(e.score.data)),
  );
}

/** Rows of the same part of the same split. */
function samePart(a: DataFacts, b: DataFacts): boolean {
  return sharesOrigin(a, b) && a.splits.some((s) => b.splits.includes(s));
}

/**
 * `lgb.train(..., valid_sets=Dataset(X_test, y_test))` where `X_test` is a table loaded on its own
 * (`regression.test`), not rows of the training data: it is the test set when the same model is
 * scored on it afterwards and the program calls that score a test score (`rmse_test = …`), or
 * when the names handed over say test (the tie-break) and the chosen model then predicts that
 * table (the program's own metric may be one the analysis does not know).
 */
function separateTestTable(events: readonly AnalysisEvent[], select: EventOf<'select'>, chosen: ScoreInfo): boolean {
  // Undivided rows (a column picked from it may look like an implicit test part: `df_test[0]`).
  if (!chosen.data.parts.every((p) => p === 'full' || p === 'test')) return false;
  const fits = chosen.estimators.flatMap((e) => e.learned).filter((l) => l.kind === 'fit');
  if (!fits.length || fits.some((l) => sharesOrigin(l.from, chosen.data))) return false;
  const frameworkScores = frameworkChosenScores(events);
  const after = events.slice(events.indexOf(select) + 1);
  const predictsIt = (e: AnalysisEvent): boolean => e.type === 'apply' && fits.includes(e.learned) && sharesOrigin(e.target, chosen.data);
  if (select.handedOver?.named === 'test' && after.some(predictsIt)) return true;
  return after.some(
    (e) =>
      e.type === 'evaluate' &&
      !frameworkScores.has(e.score) &&
      !!e.score.reportedAsTest &&
      e.score.estimators.some((m) => chosen.estimators.includes(m)) &&
      sharesOrigin(e.score.data, chosen.data),
  );
}
