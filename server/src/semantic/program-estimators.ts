// Estimators the program defines itself: a class with `fit` and `transform` (scikit-learn's
// BaseEstimator/TransformerMixin shape). What its `fit` learns from the rows is reported where the
// program fits it (`MedianImputer().fit_transform(X)`), as a fit of that class, not at the
// statistic inside the method body that every use of the class shares.
import { PyNode } from '../parser/syntax';
import { DataFacts, Learned, learnedWithin, options, Value } from './values';
import { assign, setIn } from './journal';

type Instance = Extract<Value, { kind: 'instance' }>;

/** Preprocessing state held by an instance's attributes (statistics, fitted transformers). */
export function learnedOn(instance: Instance): Set<Learned> {
  const out = new Set<Learned>();
  for (const value of instance.attrs.values()) for (const l of heldIn(value)) out.add(l);
  return out;
}

/**
 * After the program's own `fit` ran: what it learned during the call becomes one fit of the
 * class at the call site. Answers the replacement (for the call's result), or undefined when
 * the fit learned nothing from the rows (`def fit(self, X, y=None): return self`).
 */
export function resiteFit(
  instance: Instance, before: ReadonlySet<Learned>, site: PyNode, label: string, fitted: DataFacts | undefined, kind: 'transformer' | 'model',
): ((value: Value) => Value) | undefined {
  const learned = [...learnedOn(instance)].filter((l) => !before.has(l));
  if (!learned.length) return undefined;
  const fit: Learned = { kind: 'fit', site, label, from: fitted ?? learned[0].from, estimatorKind: kind };
  const swap = (list: readonly Learned[]): Learned[] => {
    const out: Learned[] = [];
    for (const l of list) {
      const next = learned.includes(l) ? fit : l;
      if (!out.includes(next)) out.push(next);
    }
    return out;
  };
  const replace = (value: Value, depth = 0): Value => {
    if (depth > 6) return value;
    switch (value.kind) {
      case 'statistic':
        return { ...value, learned: swap(value.learned) };
      case 'data':
        return value.facts.influences.some((l) => learned.includes(l)) ? { ...value, facts: { ...value.facts, influences: swap(value.facts.influences) } } : value;
      case 'estimator':
        assign(value.est, 'learned', swap(value.est.learned));
        return value;
      case 'seq':
        return { ...value, items: value.items.map((v) => replace(v, depth + 1)) };
      case 'union':
        return { ...value, options: value.options.map((v) => replace(v, depth + 1)) };
      case 'box':
        assign(value.box, 'elem', replace(value.box.elem, depth + 1));
        return value;
      default:
        return value;
    }
  };
  for (const [name, value] of instance.attrs) setIn(instance.attrs, name, replace(value));
  return replace;
}

function heldIn(value: Value, depth = 0): readonly Learned[] {
  if (depth > 6) return [];
  const out: Learned[] = [...learnedWithin(value)];
  for (const v of options(value)) {
    if (v.kind === 'data') out.push(...v.facts.influences);
    else if (v.kind === 'estimator') out.push(...v.est.learned.filter(isPreprocessing));
    else if (v.kind === 'seq') for (const item of v.items) out.push(...heldIn(item, depth + 1));
    else if (v.kind === 'box') out.push(...heldIn(v.box.elem, depth + 1));
  }
  return out.filter(isPreprocessing);
}

/** A model trained inside the class stays the model's training (train-test-overlap), not preprocessing. */
function isPreprocessing(l: Learned): boolean {
  return l.kind !== 'oversample' && l.estimatorKind !== 'model' && l.estimatorKind !== 'pipeline' && l.estimatorKind !== 'search';
}
