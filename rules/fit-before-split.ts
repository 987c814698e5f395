// fit-before-split: learned state or statistics computed on rows that end up in the test set.
import { Rule, RuleContext, RuleReport } from '../server/src/engine/rule';
import { PyNode } from '../server/src/parser/syntax';
import { DataFacts, isFullOnly, Learned, sharesOrigin, SplitInfo } from '../server/src/semantic/values';
import { fitBeforeSplitFixes } from './fixes/fit-before-split-fix';
import { Fix } from '../server/src/engine/types';
import { targetDerivedFeatures } from './target-derived-feature';

const rule: Rule = {
  id: 'fit-before-split',
  defaultSeverity: 'error',
  fix: 'safe-and-unsafe',
  docs: {
    summary: 'Preprocessing fitted, or a statistic computed, on data that includes the test rows.',
    whatItDoes:
      'Reports a `fit`, `fit_transform`, `fit_resample` of an under-sampler that learns from the rows (`TomekLinks`, `NearMiss`), `partial_fit`, `adapt`, `fit_on_texts`, a stateful function such as `sklearn.preprocessing.scale`, a column statistic (`mean`, `median`, `std`, `quantile`, `qcut`…) that feeds a transform, a group statistic computed by a function (`groupby(k)[c].apply(lambda g: g.fillna(g.median()))`) or read by a function run on the rows (`df.apply(fill_age, axis=1)`), a transformer class the program defines (`fit`/`transform`), or `SelectFromModel(model, prefit=True)` on a model fitted on those rows, when the rows it learned from are later split into train and test (or cross-validated), or already include test rows. Stateless transforms (`/ 255`, `np.log1p`, a fixed `preprocess_input`), encoders that only learn category names, fits on the training part, fits inside a `Pipeline` handed to cross-validation, and fits on data that is never split are not reported. Oversampling and augmentation before the split are reported by `resample-before-split`. Preprocessing fitted on the training part and then cross-validated on those same rows is reported too (each fold\'s held-out rows shaped it). A training table and a separately loaded test table preprocessed together (Kaggle\'s `concat(train, test)` then impute) is transductive: reported as `info` (setting `transductive`). Libraries covered: scikit-learn transformers and their configuration chains (`set_output`, `set_params`); `category_encoders` supervised encoders (`TargetEncoder`, `CatBoostEncoder`, `WOEEncoder`, `JamesSteinEncoder`, `LeaveOneOutEncoder`, `MEstimateEncoder`, `GLMMEncoder`; its one-hot/ordinal/binary/hashing encoders only learn names); `feature_engine` imputers, encoders, discretisers, outlier cappers, scalers and selectors (its arbitrary-value imputers and cappers are stateless); pandas statistics, including per-group statistics mapped back onto the rows (`groupby(...)[col].transform("mean")`, `.agg` merged or mapped back); `scipy.stats.zscore`; Keras preprocessing layers (`Normalization`, `TextVectorization`, `StringLookup`, `IntegerLookup`, `Discretization`) and `Tokenizer`; Hugging Face tokenizers trained with `train_new_from_iterator` / `train_from_iterator`; imbalanced-learn resamplers.',
    whyBad:
      'Preprocessing must be fit only on the training set. A scaler, imputer, vocabulary, feature selector or PCA fitted before the split has seen the test rows: the test set has influenced preprocessing, and the model has received information about the test distribution before evaluation. Ask: at the moment of prediction, would this statistic actually be known? For the test rows it would not, so the reported score is better than the model really is.',
    example: [
      'scaler = StandardScaler()',
      'X_scaled = scaler.fit_transform(X)',
      'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)',
    ].join('\n'),
    useInstead: [
      'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
      'scaler = StandardScaler()',
      'X_train = scaler.fit_transform(X_train)',
      'X_test = scaler.transform(X_test)',
    ].join('\n'),
    fixSafety:
      'For the canonical scikit-learn shape (`Xs = T.fit_transform(X)` followed by `train_test_split(Xs, …)`) the fix moves the split first and fits on the training part only, transforming the other parts; it is marked safe because it only removes the leak. For pandas statistics (`fillna(df.x.median())`, manual standardisation) it offers an unsafe fix that computes the statistic on the training part. Where no rewrite is reliable, no fix is offered.',
  },
  check(context: RuleContext): void {
    const { model } = context;
    // Statistics on one statement (`(x - x.mean()) / x.std()`) make one finding, not one each.
    const byStatement = new Map<PyNode, { report: RuleReport; learned: Learned; others: Learned[]; rest: Rest }>();
    // A node reported once is not reported again (lint keeps a rule's first finding at a node):
    // its later reports, and their fixes, are not made.
    const reported = new Set<PyNode>();
    const report = (learned: Learned, rest: Rest, extra: Omit<RuleReport, 'node' | 'message'>, fixes?: () => Fix[]): void => {
      if (learned.kind !== 'statistic' && reported.has(learned.site)) return;
      if (isTransductive(learned, context)) {
        // The reference's transductive case: the test table's features are known when predicting.
        extra = { ...extra, severity: context.config.transductive ?? 'info' };
        rest = (s) => `${s.who} on train and test tables together (transductive): ${s.redo} on training rows.`;
      }
      const statement = enclosingStatement(learned.site);
      const pending = learned.kind === 'statistic' ? byStatement.get(statement) : undefined;
      if (pending) {
        if (!pending.others.includes(learned) && pending.learned !== learned) pending.others.push(learned);
        return;
      }
      if (fixes) extra = { ...extra, fixes: fixes() };
      const entry = { report: { node: learned.site, message: '', ...extra }, learned, others: [] as Learned[], rest };
      if (learned.kind === 'statistic') byStatement.set(statement, entry);
      else {
        reported.add(learned.site);
        context.report({ ...entry.report, message: rest(subject(learned)) });
      }
    };

    // Target statistics in a feature column are target-derived-feature's (the same leak, named once).
    const targetEncodings = new Set(targetDerivedFeatures(model).flatMap(({ derived }) => derived.flatMap((c) => c.statistics)));
    // A: the learned state shaped data that is divided afterwards.
    for (const split of model.eventsOf('split')) {
      for (const input of split.inputs) {
        for (const learned of input.influences) {
          // Copies of rows (oversampling, augmentation) are resample-before-split's.
          if (learned.kind === 'oversample') continue;
          if (targetEncodings.has(learned)) continue;
          const cv = split.split.kind === 'cv';
          if (!isPreprocessing(learned) || !sharesOrigin(learned.from, input)) continue;
          // Undivided rows split afterwards; or the rows cross-validated are the very rows it was
          // fitted on (`scaler.fit_transform(X_train)`, then `cross_val_score(…, X_train_scaled)`):
          // each fold's held-out rows shaped it.
          if (!isFullOnly(learned.from) && !(cv && !learned.from.parts.includes('test') && input.parts.every((p) => learned.from.parts.includes(p)))) continue;
          report(
            learned,
            (s) => (cv ? `${s.who} before cross-validation: ${s.redo} inside each fold (a Pipeline).` : `${s.who} before the train/test split: ${s.redo} on the training part only.`),
            { related: [{ node: split.site, message: split.split.kind === 'cv' ? 'cross-validated here' : 'split here' }] },
            () => fitBeforeSplitFixes(context, learned, split.site),
          );
        }
      }
    }

    // B and C: a learned state applied to a split part, learned from rows that include that part's test rows.
    for (const apply of model.eventsOf('apply')) {
      const learned = apply.learned;
      if (learned.kind === 'oversample') continue;
      const target = apply.target;
      if (!isPreprocessing(learned)) continue;
      if (isFullOnly(learned.from)) {
        const split = splitDividing(target, learned.from);
        if (!split) continue;
        report(learned, (s) => `${s.who} on all rows, including those the split holds out: ${s.redo} on the training part only.`, {
          related: [
            { node: split.site, message: 'split here' },
            { node: apply.site, message: 'applied to a split part here' },
          ],
        });
      } else if (includesTestRows(learned)) {
        const onlyTest = learned.from.parts.every((p) => p === 'test');
        report(learned, (s) => (onlyTest
            ? `${s.who} on the test part: ${s.redo} on the training part, then only apply it to the test part.`
            : `${s.who} on rows that include the test rows: ${s.redo} on the training part only.`), {
          related: learned.from.splits.map((s: SplitInfo) => ({ node: s.site, message: 'the test part comes from this split' })),
        });
      }
    }

    for (const { report: r, learned, others, rest } of byStatement.values()) {
      const related = [...(r.related ?? []), ...others.map((o) => ({ node: o.site, message: `the ${clip(o.label)} is computed here` }))];
      context.report({ ...r, related, message: rest(subject(learned, others)) });
    }
  },
};

/** The finding's sentence around its subject ("StandardScaler is fitted") and its remedy ("fit it"). */
type Rest = (subject: { who: string; redo: string }) => string;

/** Labels quote the user's code: long expressions are cut so the message stays one short row. */
function clip(label: string, max = 32): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/** "StandardScaler is fitted", "mean() and std() of df["x"] are computed" (a shared "of …" said once). */
function subject(l: Learned, others: Learned[] = []): { who: string; redo: string } {
  if (l.kind !== 'statistic') return { who: `${clip(l.label)} is fitted`, redo: 'fit it' };
  const all = [l, ...others];
  const of = / of .*$/.exec(l.label)?.[0];
  const shared = of !== undefined && all.every((x) => x.label.endsWith(of));
  const names = shared ? `${all.map((x) => x.label.slice(0, -of.length)).join(' and ')}${clip(of)}` : all.map((x) => clip(x.label)).join(' and ');
  return { who: `${names} ${others.length ? 'are' : 'is'} computed`, redo: others.length ? 'compute them' : 'compute it' };
}

/**
 * Learned preprocessing and statistics; a model, pipeline or search fitted on rows that include
 * the test rows is training on them (train-test-overlap, test-in-selection), not preprocessing.
 */
function isPreprocessing(learned: Learned): boolean {
  return learned.estimatorKind !== 'model' && learned.estimatorKind !== 'pipeline' && learned.estimatorKind !== 'search';
}

/**
 * Statistics over a training table and a separately loaded test table (`pd.concat([train, test])`
 * of `train.csv` and `test.csv`, then impute): the unlabelled test rows' features are used, no
 * labels. Evidence: two or more loads, one of them a test file by its path.
 */
function isTransductive(learned: Learned, context: RuleContext): boolean {
  const loads = learned.from.origins;
  return loads.length >= 2 && loads.some((o) => /test/i.test(context.source.of(o.site)));
}

function enclosingStatement(node: PyNode): PyNode {
  let current: PyNode = node;
  while (current.parent && !/statement$/.test(current.type)) current = current.parent;
  return current;
}

/** The split that divided `target` out of rows that `from` (full data) covers. */
function splitDividing(target: DataFacts, from: DataFacts): SplitInfo | undefined {
  if (target.parts.every((p) => p === 'full')) return undefined;
  return target.splits.find((s) => s.origins.some((o) => from.origins.includes(o)));
}

function includesTestRows(learned: Learned): boolean {
  const parts = learned.from.parts;
  if (!parts.includes('test') || learned.from.predictionOf.length) return false;
  // Statistics of the test part alone are how results get reported; only mixed rows leak.
  if (learned.kind === 'statistic') return parts.some((p) => p !== 'test');
  return true;
}

export default rule;
