// The features and the target a program uses together (a model's fit, a split of X and y) and
// the feature columns computed from that target. target-derived-feature reports those columns;
// fit-before-split leaves the target statistics in them to it (one finding per leak).
import { PyNode } from '../parser/syntax';
import { targetColumnsOf } from './columns';
import { ProgramModel } from './model';
import { DataFacts, DerivedColumn, isFullOnly, Learned, sharesOrigin } from './values';

export interface FeaturesAndTarget {
  readonly features: DataFacts;
  readonly target: DataFacts;
  /** Where they are used together. */
  readonly site: PyNode;
  /** The columns that hold the target's values (semantic/columns.ts targetColumnsOf). */
  readonly targetColumns: readonly string[];
}

export interface TargetDerivedColumn {
  readonly name: string;
  readonly column: DerivedColumn;
  /** The target column it was computed from. */
  readonly from: string;
  /** That column as a source, or the statistic of it that was mapped onto the rows. */
  readonly via: string | Learned;
  /** Every statistic of the target in the column (what fit-before-split leaves to this rule). */
  readonly statistics: readonly Learned[];
}

export function featuresAndTargets(model: ProgramModel): FeaturesAndTarget[] {
  const pairs: FeaturesAndTarget[] = [];
  const add = (features: DataFacts, target: DataFacts, site: PyNode): void => {
    const targetColumns = targetColumnsOf(target);
    if (targetColumns.length && sharesOrigin(features, target)) pairs.push({ features, target, site, targetColumns });
  };
  for (const fit of model.eventsOf('fit')) {
    if (fit.labels && (fit.estimator.kind === 'model' || fit.estimator.kind === 'pipeline' || fit.estimator.kind === 'search')) add(fit.learned.from, fit.labels, fit.site);
  }
  for (const split of model.eventsOf('split')) {
    const [features, target] = split.inputs;
    if (features && target) add(features, target, split.site);
  }
  return pairs;
}

/** The feature columns computed from the target: row by row, or by a statistic of the full data. */
export function targetDerivedColumns({ features, targetColumns }: FeaturesAndTarget): TargetDerivedColumn[] {
  const out: TargetDerivedColumn[] = [];
  for (const [name, column] of features.derivedColumns ?? []) {
    if (targetColumns.includes(name)) continue;
    // Target encoding fitted on the training part is fitted correctly.
    const statistics = column.statistics.filter((l) => isFullOnly(l.from) && l.from.columnSources?.some((s) => targetColumns.includes(s)));
    const direct = column.sources.find((s) => targetColumns.includes(s));
    if (direct) out.push({ name, column, from: direct, via: direct, statistics });
    else if (statistics.length) {
      const via = statistics[0];
      out.push({ name, column, from: via.from.columnSources!.find((s) => targetColumns.includes(s))!, via, statistics });
    }
  }
  return out;
}
