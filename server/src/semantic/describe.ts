// One-line, human descriptions of abstract values, for hover: where a variable's rows come
// from, which split produced them, and which learned states were applied to them.
import { dataIn, DataFacts, estimatorsIn, Learned, learnedIn, Part, Value } from './values';

/** Names the line of an offset, as written after "line ": `12`, or `3 of cell 2` in a notebook. */
export type LineOf = (offset: number) => number | string;

/** "`X_train`: train part of the split at line 12 of the data loaded at line 6; …", or undefined. */
export function describeValue(name: string, value: Value, lineOf: LineOf): string | undefined {
  const text = describeBody(value, lineOf);
  return text === undefined ? undefined : `\`${name}\`: ${text}`;
}

function describeBody(value: Value, lineOf: LineOf): string | undefined {
  const data = dataIn(value);
  if (data) return describeData(data, lineOf);
  const estimators = estimatorsIn(value);
  if (estimators.length) {
    return estimators
      .map((est) => {
        const name = shortName(est.qname);
        if (!est.learned.length) return `a ${name} created at line ${lineOf(est.site.start)}, not fitted yet`;
        return `a ${name} ${est.learned.map((l) => `fitted on ${partsPhrase(l.from.parts)} at line ${lineOf(l.site.start)}`).join(', then ')}`;
      })
      .join(' or ');
  }
  const learned = learnedIn(value);
  if (learned.length) return learned.map((l) => `${l.label} computed on ${partsPhrase(l.from.parts)} at line ${lineOf(l.site.start)}`).join('; ');
  return undefined;
}

export function describeData(data: DataFacts, lineOf: LineOf): string {
  const clauses: string[] = [];
  // `what` names its site's line as the analysis numbered it; relabel it (cells in a notebook).
  const origins = data.origins.length ? data.origins.map((o) => o.what.replace(/\bline \d+/, `line ${lineOf(o.site.start)}`)).join(' and ') : 'data of unknown origin';
  const split = data.parts.filter((p) => p !== 'full');
  let head: string;
  if (!split.length) head = origins;
  else {
    const splits = data.splits.map((s) => `${s.kind === 'cv' ? 'the cross-validation' : 'the split'} at line ${lineOf(s.site.start)}`);
    const where = splits.length ? ` of ${splits.join(' and ')}` : '';
    const full = data.parts.includes('full') ? ' (or all rows)' : '';
    head = `${joinOr(split)} part${split.length > 1 ? 's' : ''}${where}${full} of ${origins}`;
  }
  if (data.predictionOf.length) head = `predictions of ${data.predictionOf.map((e) => shortName(e.qname)).join(' or ')} on ${head}`;
  clauses.push(head);
  for (const learned of data.influences) clauses.push(influencePhrase(learned, lineOf));
  return clauses.join('; ');
}

function influencePhrase(learned: Learned, lineOf: LineOf): string {
  const on = `${partsPhrase(learned.from.parts)} at line ${lineOf(learned.site.start)}`;
  switch (learned.kind) {
    case 'fit':
      return `transformed by a ${learned.label} fitted on ${on}`;
    case 'resample':
      return `resampled by a ${learned.label} fitted on ${on}`;
    case 'oversample':
      return `holds copies of rows made by ${learned.label} from ${on}`;
    case 'statistic':
      return `uses the ${learned.label} computed on ${on}`;
  }
}

function partsPhrase(parts: readonly Part[]): string {
  const split = parts.filter((p) => p !== 'full');
  const splitPhrase = split.length ? `the ${joinAnd(split)} part${split.length > 1 ? 's' : ''}` : '';
  if (!parts.includes('full')) return splitPhrase || 'the full data';
  return split.length ? `the full data or ${splitPhrase}` : 'the full data';
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function shortName(qname: string): string {
  return qname.slice(qname.lastIndexOf('.') + 1);
}
