// Operating points picked on threshold curves (`roc_curve`, `precision_recall_curve`): picking
// the point is a choice by the curve's scores only once predictions are cut at the threshold and
// the result is used (scored, printed, returned). The point marked on a plot, or a threshold that
// is only printed, chooses nothing.
import { sideSet } from './side-tables';
import { PyNode } from '../parser/syntax';
import type { LibraryContext } from './library';
import { DataFacts, dataIn, options, PointChoice, ScoreInfo, Value } from './values';
import { addTo } from './journal';

/** Scores of a selection that are threshold curves, and the others. */
export function partitionCurves(scores: readonly ScoreInfo[]): { curves: ScoreInfo[]; others: ScoreInfo[] } {
  return { curves: scores.filter((s) => s.curve), others: scores.filter((s) => !s.curve) };
}

/** `np.argmax(tpr - fpr)`: the index of a point on the curves, not yet a choice. */
export function pickPoint(curves: readonly ScoreInfo[], site: PyNode, how: string): Value {
  return { kind: 'score', scores: curves, point: { scores: curves, site, how } };
}

/** The point a value was picked at (`ix`, `thresholds[ix]`), if any. */
function pointIn(value: Value): PointChoice | undefined {
  for (const v of options(value)) {
    if (v.kind === 'score' && v.point) return v.point;
    if (v.kind === 'seq') for (const item of v.items) if (item.kind === 'score' && item.point) return item.point;
  }
  return undefined;
}

/** `curve[ix]`, `thresholds[ix]`: the curve read at a picked point carries the point. */
export function readAtPoint(curve: Value, indexes: readonly Value[]): Value {
  const point = indexes.map(pointIn).find((p) => p);
  return point && curve.kind === 'score' ? { ...curve, point } : curve;
}

/**
 * `probs >= best_threshold`, `model.predict_proba(X)[:, 1] > t`: predictions cut at a picked
 * point. `undefined` when the comparison is not one (no predictions, or no picked point).
 */
export function cutAtPoint(values: readonly Value[]): DataFacts | undefined {
  const point = values.map(pointIn).find((p) => p);
  const predictions = values.map((v) => dataIn(v)).find((d) => d && d.predictionOf.length > 0);
  return point && predictions ? { ...predictions, cutAt: point } : undefined;
}

/** Points already reported as chosen (one choice however often the cut predictions are used). */
const used = sideSet<PointChoice>();

/** Predictions cut at a picked point are used: the point was chosen by the curves' scores. */
export function usePoint(ctx: Pick<LibraryContext, 'emit'>, facts: DataFacts | undefined): void {
  const point = facts?.cutAt;
  if (!point || used.has(point)) return;
  addTo(used, point);
  ctx.emit({ type: 'select', site: point.site, scores: point.scores, how: point.how });
}
