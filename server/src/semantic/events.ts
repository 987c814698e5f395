// What the interpreter reports as it runs the program. Rules are queries over these events.
import { PyNode } from '../parser/syntax';
import { DataFacts, Estimator, Learned, Part, ScoreInfo, SplitInfo } from './values';
import type { RandomFamily } from '../ml/tables';
import type { ForeignLocation } from './modules';

/** Facts that hold on every path from the start of the program to an event. */
export type PathFacts = ReadonlySet<string>;

export const seededFact = (family: RandomFamily): string => `seeded:${family}`;
export const CUDNN_DETERMINISTIC = 'cudnn:deterministic';

interface Base {
  readonly site: PyNode;
  /** Emitted while analysing a function that nothing in the file calls. */
  readonly standalone: boolean;
  readonly facts: PathFacts;
  /**
   * Set when the event happened inside another project module: `site` is then the place in the
   * analysed file that reached it (the call or import), and this is where it really happened.
   */
  readonly within?: ForeignLocation;
}

export type AnalysisEvent =
  /**
   * `byIndex`: not the split itself but rows of other data picked by its index arrays
   * (`X[train_idx]` after `KFold(len(y))` or `train_test_split(df.index)`): those rows are divided there.
   */
  | (Base & { type: 'split'; split: SplitInfo; inputs: readonly DataFacts[]; byIndex?: boolean })
  /** `labels`: the targets passed with the data (`fit(X, y)`). */
  | (Base & { type: 'fit'; estimator: Estimator; learned: Learned; labels?: DataFacts })
  /** A learned state (fitted estimator or statistic) applied to data: transform, predict, fillna… */
  | (Base & { type: 'apply'; learned: Learned; target: DataFacts })
  /**
   * `variedIn`: loops (ids) whose iteration changes the evaluated model or its settings.
   * `api`: what scores, for display (`roc_auc_score`, `KNeighborsClassifier.score`, `validation_data`).
   */
  | (Base & { type: 'evaluate'; score: ScoreInfo; variedIn: readonly number[]; loop: PyNode | undefined; api?: string })
  /**
   * `handedOver`: a framework's choice by the data it was handed for validation (early stopping,
   * a best checkpoint); `named`: the part the names of that data say (`eval_set=[(X_test, y_test)]`).
   */
  | (Base & { type: 'select'; scores: readonly ScoreInfo[]; how: string; handedOver?: { readonly named?: Part } })
  /** `drop_duplicates()` on some data (as it was before the call). */
  | (Base & { type: 'deduplicate'; data: DataFacts })
  /** A search (GridSearchCV…) fitted on some data: it picks hyperparameters on that data. */
  | (Base & { type: 'search'; estimator: Estimator; data: DataFacts })
  | (Base & {
      type: 'random';
      family: RandomFamily;
      api: string;
      /** Where `random_state=`/a seed argument could be added, if the call takes one. */
      seedParam?: { name: string; call: PyNode };
      /** A seeded meta-estimator that sets this estimator's seed (`BaggingClassifier(tree, random_state=0)`). */
      seededBy?: PyNode;
    })
  /**
   * A seed set: a seeding call, or a seed argument (`random_state=…`, with no families).
   * `variedIn`: loops whose iteration changes the seed value (repeated runs over seeds).
   */
  | (Base & { type: 'seed'; families: readonly RandomFamily[]; api: string; explicit: boolean; variedIn?: readonly number[] })
  /** Scores or predictions broken down by class or group: a per-class report, `groupby` of predictions. */
  | (Base & { type: 'slice'; data: DataFacts; how: string })
  | (Base & { type: 'cuda'; how: string })
  | (Base & { type: 'flag'; name: string; value: boolean | undefined });

export type EventType = AnalysisEvent['type'];
export type EventOf<T extends EventType> = Extract<AnalysisEvent, { type: T }>;
