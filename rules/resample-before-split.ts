// resample-before-split: oversampling or augmentation before the split puts copies of the same
// sample on both sides of it.
import { Rule, RuleContext } from '../server/src/engine/rule';
import { DataFacts, isFullOnly, Learned, sharesOrigin } from '../server/src/semantic/values';
import { resampleAfterSplitFixes } from './fixes/resample-before-split-fix';

const rule: Rule = {
  id: 'resample-before-split',
  defaultSeverity: 'error',
  fix: 'safe',
  docs: {
    summary: 'Oversampling or augmentation before the split, so copies of a sample end up in both train and test.',
    whatItDoes:
      'Reports oversampling done before the data is split or cross-validated (also the training part oversampled and then split again or cross-validated): `fit_resample` of `SMOTE`, `ADASYN`, `BorderlineSMOTE`, `SVMSMOTE`, `KMeansSMOTE`, `SMOTENC`, `RandomOverSampler`, `SMOTEENN` or `SMOTETomek`; `sklearn.utils.resample` with replacement; `df.sample(frac > 1)` or `df.sample(replace=True)`; manual duplication such as `pd.concat([df, df[df.y == 1]])` or `pd.concat([df_min] * 3)`; and `ImageDataGenerator.flow` on the full arrays. Resampling of the training part, an imblearn `Pipeline` or `make_pipeline` handed to cross-validation, and under-sampling (it creates no copies) are not reported; under-samplers that learn from the rows, such as `TomekLinks` or `NearMiss`, are `fit-before-split` findings.',
    whyBad:
      'Augmentation leakage: augmented or synthetic versions of the same sample are split across train and test. SMOTE interpolates between neighbouring minority rows and random oversampling copies them, so after the split the test set holds near-copies of training rows. The model is partly recalling repeated examples, and the test score measures memorisation rather than generalisation. Resample the training part only, after the split.',
    example: [
      'from imblearn.over_sampling import SMOTE',
      'X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)',
      'X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res, random_state=0)',
    ].join('\n'),
    useInstead: [
      'from imblearn.over_sampling import SMOTE',
      'X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)',
      'X_tr, y_tr = SMOTE(random_state=0).fit_resample(X_tr, y_tr)',
    ].join('\n'),
    fixSafety:
      'For the canonical shape (`X_res, y_res = S.fit_resample(X, y)` followed by `train_test_split(X_res, y_res, …)`) the fix splits `X` and `y` first and resamples the training part only; it is safe because it only removes the copies from the test part. Where the resampled names are used elsewhere, or the shape differs (cross-validation, manual duplication), no fix is offered: wrap the sampler and the model in `imblearn.pipeline.make_pipeline` for cross-validation.',
  },
  check(context: RuleContext): void {
    for (const split of context.model.eventsOf('split')) {
      for (const input of split.inputs) {
        for (const learned of input.influences) {
          const cv = split.split.kind === 'cv';
          if (!copiesMadeBefore(learned, input)) continue;
          context.report({
            node: learned.site,
            message: cv
              ? `${learned.label} copies rows before cross-validation: each fold trains on copies of its validation rows.`
              : `${learned.label} copies rows before the split: test rows have copies in training, so the score is optimistic.`,
            related: [{ node: split.site, message: cv ? 'cross-validated here' : 'split here' }],
            // The rewrite knows the canonical shape only: resampling all rows, then one split.
            fixes: cv || !isFullOnly(learned.from) ? [] : resampleAfterSplitFixes(context, learned, split.site),
          });
        }
      }
    }
  },
};

/**
 * Copies made from undivided rows that the split divides; or copies of the very rows a later
 * split or cross-validation divides again (`SMOTE` on `X_train`, then `cross_val_score(…,
 * X_train_res, …)` or `train_test_split(X_train_res, …)`).
 */
function copiesMadeBefore(learned: Learned, input: DataFacts): boolean {
  if (learned.kind !== 'oversample' || !sharesOrigin(learned.from, input)) return false;
  if (isFullOnly(learned.from)) return true;
  return !learned.from.parts.includes('test') && input.parts.every((p) => learned.from.parts.includes(p));
}

export default rule;
