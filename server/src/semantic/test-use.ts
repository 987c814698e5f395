// How a program uses its test split: every evaluation on a test part, and the test splits on
// which several different models are scored (the test set used many times). A query over the
// semantic model's events, shared by test-in-selection and the experiment checklist.
import { PyNode } from '../parser/syntax';
import { CHANCE_BASELINES } from '../ml/tables';
import { AnalysisEvent, EventOf } from './events';
import { ProgramModel } from './model';
import { DataFacts, Estimator, ScoreInfo, SplitInfo } from './values';

type Evaluation = EventOf<'evaluate'>;

/** A score on rows of a test part (and not on all rows). */
export function isTestScore(score: ScoreInfo): boolean {
  return score.data.parts.includes('test') && !score.data.parts.includes('full');
}

/**
 * The evaluations on a test part, one per scoring site (`score.site`: inside another module
 * when a helper there scores), in program order; functions nothing calls are left out.
 */
export function testEvaluations(model: ProgramModel): Evaluation[] {
  const out: Evaluation[] = [];
  const sites = new Set<PyNode>();
  for (const e of model.eventsOf('evaluate')) {
    if (e.standalone || !isTestScore(e.score) || sites.has(e.score.site)) continue;
    sites.add(e.score.site);
    out.push(e);
  }
  return out;
}

/** One test split on which several different models are scored. */
export interface TestReuse {
  /** The split whose test part is scored. */
  readonly split: SplitInfo;
  /** Every site that scores a model on that test part, in program order. */
  readonly evaluations: readonly Evaluation[];
  /** The second evaluation of a different model: where the test part stops being a final test. */
  readonly second: Evaluation;
  /** The loop that changes the model, when one site scores several models by itself. */
  readonly loop?: PyNode;
}

const MODEL_KINDS: readonly Estimator['kind'][] = ['model', 'pipeline', 'search'];

/**
 * Test splits on which at least two different models are scored. A model is known by its
 * constructor and the rows it was last fitted on (a loop that only changes the seed builds the
 * same model again); one site scores several models when the loop around it changes the model
 * or its settings. Scores of one model
 * with several metrics, of a model the analysis cannot name, of a chance baseline
 * (`DummyClassifier`), of a model trained on the test rows, or on rows of several parts do not count.
 */
export function testReuses(model: ProgramModel): TestReuse[] {
  const identify = modelIdentities(model);
  const bySplit = new Map<number, { split: SplitInfo; evaluations: Evaluation[] }>();
  // Every evaluation event, not one per site: a helper called for three models scores three.
  // Scores a framework chooses by while training (early stopping on an eval set) are not shown
  // to anyone: test-in-selection judges them as choices.
  const monitored = frameworkChosenScores(model.events);
  const events = model.eventsOf('evaluate').filter((e) => !e.standalone && isTestScore(e.score) && !monitored.has(e.score));
  events.sort((a, b) => a.site.start - b.site.start);
  for (const e of events) {
    if (!e.score.data.parts.every((p) => p === 'test')) continue;
    if (!identify(e).length) continue;
    const split = testSplitOf(e.score);
    if (!split) continue;
    const group = bySplit.get(split.site.start) ?? { split, evaluations: [] };
    group.evaluations.push(e);
    bySplit.set(split.site.start, group);
  }
  const out: TestReuse[] = [];
  for (const { split, evaluations } of bySplit.values()) {
    const second = secondModel(evaluations, identify);
    if (!second) continue;
    const seen = new Set<PyNode>();
    const sites = evaluations.filter((e) => !seen.has(e.site) && seen.add(e.site));
    out.push({ split, evaluations: sites, second, ...(second.loop && second.variedIn.length ? { loop: second.loop } : {}) });
  }
  return out.sort((a, b) => a.second.site.start - b.second.site.start);
}

/**
 * Names the models an evaluation scores (chance baselines and models trained on test rows left
 * out): the constructor, and what the latest fit before the evaluation trained it on, so that
 * one object refitted on other features (`lr.fit(X_selected, y)`) is another model while a
 * refit on the same rows (a loop over seeds, a cell run again) is the same one.
 */
function modelIdentities(model: ProgramModel): (e: Evaluation) => string[] {
  // Program order of the fits and evaluations (the only events asked about).
  const order = new Map<AnalysisEvent, number>();
  model.events.forEach((e, i) => {
    if (e.type === 'fit' || e.type === 'evaluate') order.set(e, i);
  });
  const fitsOf = new Map<Estimator, EventOf<'fit'>[]>();
  for (const fit of model.eventsOf('fit')) {
    const fits = fitsOf.get(fit.estimator);
    if (fits) fits.push(fit);
    else fitsOf.set(fit.estimator, [fit]);
  }
  const known = new Map<Evaluation, string[]>();
  return (e) => {
    const done = known.get(e);
    if (done) return done;
    const at = order.get(e) ?? 0;
    const out: string[] = [];
    for (const est of e.score.estimators) {
      if (!MODEL_KINDS.includes(est.kind) || CHANCE_BASELINES.includes(est.qname)) continue;
      // A model trained on the test rows is train-test-overlap's, not a second candidate.
      if (est.learned.some((l) => l.from.parts.includes('test'))) continue;
      let latest: EventOf<'fit'> | undefined;
      // The fit of the same call counts (an eval set is scored while `fit` runs).
      for (const fit of fitsOf.get(est) ?? []) if ((order.get(fit) ?? 0) < at || fit.site === e.site) latest = fit;
      const key = `${est.site.start}|${latest ? rowsSignature(latest.learned.from) : ''}`;
      if (!out.includes(key)) out.push(key);
    }
    known.set(e, out);
    return out;
  };
}

/** What distinguishes one training set from another: its sources, parts, the states that shaped it, its columns. */
function rowsSignature(data: DataFacts): string {
  const influences = data.influences.map((l) => l.site.start).sort((a, b) => a - b);
  const columns = data.selection ? `${data.selection.only ? '=' : '-'}${[...data.selection.names].sort().join(',')}` : '';
  return [data.origins.map((o) => o.id).sort((a, b) => a - b).join(','), [...data.parts].sort().join(','), influences.join(','), columns].join('/');
}

/**
 * The first evaluation at which a second model has been scored: a site inside a loop that
 * changes the model, or a site whose models are none of those scored before it.
 */
function secondModel(evaluations: readonly Evaluation[], identify: (e: Evaluation) => string[]): Evaluation | undefined {
  const seen = new Set<string>();
  for (const e of evaluations) {
    const models = identify(e);
    if (e.variedIn.length) return e;
    if (seen.size && !models.some((m) => seen.has(m))) return e;
    for (const m of models) seen.add(m);
  }
  return undefined;
}

/** The hold-out split that produced the scored test rows (the innermost one, when nested). */
function testSplitOf(score: ScoreInfo): SplitInfo | undefined {
  const holdouts = score.data.splits.filter((s) => s.kind === 'holdout');
  return holdouts[holdouts.length - 1];
}

/** The scores frameworks choose by while training (early stopping, checkpoints): not scores the program shows. */
export function frameworkChosenScores(events: readonly AnalysisEvent[]): Set<ScoreInfo> {
  return new Set(events.flatMap((e) => (e.type === 'select' && e.handedOver ? e.scores : [])));
}
