// target-derived-feature: label leakage. A feature computed from the target stays in the model's
// inputs; as a hint, a feature whose name says it is only known after the outcome.
import { Rule, RuleContext } from '../server/src/engine/rule';
import { PyNode } from '../server/src/parser/syntax';
import { FeaturesAndTarget, featuresAndTargets, TargetDerivedColumn, targetDerivedColumns } from '../server/src/semantic/target-features';
import { ProgramModel } from '../server/src/semantic/model';
import { DataFacts } from '../server/src/semantic/values';

const derivedOfModel = new WeakMap<ProgramModel, readonly { pair: FeaturesAndTarget; derived: readonly TargetDerivedColumn[] }[]>();

/** The features and targets used together, each with its target-derived columns; found once per model (fit-before-split asks too). */
export function targetDerivedFeatures(model: ProgramModel): readonly { pair: FeaturesAndTarget; derived: readonly TargetDerivedColumn[] }[] {
  let found = derivedOfModel.get(model);
  if (!found) derivedOfModel.set(model, (found = featuresAndTargets(model).map((pair) => ({ pair, derived: targetDerivedColumns(pair) }))));
  return found;
}

const rule: Rule = {
  id: 'target-derived-feature',
  defaultSeverity: 'error',
  fix: 'none',
  docs: {
    summary: 'A feature computed from the target stays in the model\'s inputs (label leakage).',
    whatItDoes:
      'Finds the target where the program names it (`y = df["target"]`, passed to `fit` or `train_test_split` with the features) and reports a column of the features that the program computed from it: `df["x"] = f(df["target"])`, a copy of the target, target statistics mapped onto the rows of the full data (`df.groupby(k)["target"].transform("mean")`, `df[k].map(df.groupby(k)["target"].mean())`), or a trailing window of the target that holds the row itself (`df["sales"].rolling(7).mean()`, `expanding().mean()`), that is not dropped before `X` is built. A lag or a window that ends before the row (`shift(1)`, `closed="left"`) is known when predicting; when the target is a later row\'s value (`df["close"].shift(-1)`), the columns it was read from are not the target. As an `info` hint it also reports feature columns whose names say they are only known after the outcome: they share a stem with the target and end in `_date`, `_at`, `_time`, `_status`, `_code`, `_reason` or `_amount` (`cancellation_date` when predicting `cancelled`); the endings are configurable (`outcome-suffixes`, an empty list turns the hint off). Target encoding fitted on the training part or inside a pipeline, the target transformed as the target (`np.log1p(y)`), and columns dropped before `X` is built are not reported.',
    whyBad:
      'Label leakage happens when the input contains information derived from the target. A good experimental design asks: at the moment of prediction, would this information actually be known? A column computed from the target, or a group mean of the target that includes the row\'s own label, is not known when the model is used, so the model can solve the task with information that would only exist after the event. The validation score looks high and the result is meaningless. The feature should be removed.',
    example: [
      'df = pd.read_csv("visits.csv")',
      'df["readmit_rate"] = df.groupby("ward")["readmitted"].transform("mean")',
      'X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns="readmitted"), df["readmitted"], random_state=0)',
    ].join('\n'),
    useInstead: [
      'df = pd.read_csv("visits.csv")',
      'X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns="readmitted"), df["readmitted"], random_state=0)',
      'rates = y_tr.groupby(X_tr["ward"]).mean()',
      'X_tr["readmit_rate"] = X_tr["ward"].map(rates)',
      'X_te["readmit_rate"] = X_te["ward"].map(rates)',
    ].join('\n'),
    fixSafety:
      'No fix is offered: whether a feature would be known at prediction time is a question about the data, not the code. Remove the column from the features, or compute the statistic on the training part only (inside a pipeline for cross-validation).',
  },
  check(context: RuleContext): void {
    for (const { pair, derived } of targetDerivedFeatures(context.model)) {
      for (const { name, column, from, via } of derived) {
        context.report({
          node: column.since.get(via) ?? column.site,
          message: `Feature ${clip(name)} is computed from the target ${clip(from)}: it is not known at prediction time.`,
          related: [{ node: pair.site, message: 'the features and the target are used together here' }],
        });
      }
      reportOutcomeNames(context, pair.features, pair.targetColumns[0], pair.site);
    }
  },
};

/** The hint: feature names that share the target's stem and end like an after-the-outcome record. */
function reportOutcomeNames(context: RuleContext, features: DataFacts, target: string, site: PyNode): void {
  const selected = features.selectedColumns;
  if (!selected || !context.outcomeSuffixes.length) return;
  const suspicious = selected.names.filter((name) => {
    const suffix = context.outcomeSuffixes.find((s) => name.toLowerCase().endsWith(s.toLowerCase()) && name.length > s.length);
    return suffix !== undefined && sharesStem(name.slice(0, -suffix.length), target);
  });
  const [name] = suspicious;
  if (name) {
    context.report({
      node: selected.site,
      severity: 'info',
      message: `Feature ${clip(name)}${suspicious.length > 1 ? ` (and ${suspicious.length - 1} more)` : ''} sounds known only after the outcome ${clip(target)}: is it known when predicting?`,
      related: [{ node: site, message: 'used to predict the target here' }],
    });
  }
}

/** `cancellation` ~ `cancelled`, `readmission` ~ `readmitted`: a common prefix of most of the target. */
function sharesStem(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n >= 4 && n >= Math.ceil(0.6 * Math.min(x.length, y.length));
}

function clip(name: string, max = 28): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

export default rule;
