// temporal-split: a shuffled split of time-ordered data in a forecasting-like task, and features
// built from the future (leads, centred windows, back-fills) of data that is then split.
import { Rule, RuleContext, RuleReport } from '../server/src/engine/rule';
import { PyNode } from '../server/src/parser/syntax';
import { ColumnNote, columnNotes, FRAME, keepsColumn } from '../server/src/semantic/column-book';
import { EventOf } from '../server/src/semantic/events';
import { isDateLikeColumn } from '../server/src/semantic/naming';
import { DataFacts, SeriesNote } from '../server/src/semantic/values';
import { temporalSplitFixes } from './fixes/temporal-split-fix';

type Note = { column: string | undefined; role: SeriesNote['role']; site: PyNode; how: string };

const rule: Rule = {
  id: 'temporal-split',
  defaultSeverity: 'warning',
  fix: 'unsafe',
  docs: {
    summary: 'A shuffled split of a time series, or features computed from future rows.',
    whatItDoes:
      'Reports a shuffled split — `train_test_split` (it shuffles by default), `KFold(shuffle=True)`, `ShuffleSplit`, `cross_val_score` with a shuffling `cv`, a `df.sample(frac=…)` split — of time-ordered data in a forecasting-like task: lag or rolling features (`shift(k)`, `rolling(…)`, `ewm`, `diff`, `pct_change`) or a target built with `shift(-k)` (also `shift(-horizon)`: a minus as written looks ahead). Also reports features built from the future on data that is then split: `shift(-k)` written into a feature column, `rolling(…, center=True)`, `bfill()` / `fillna(method="bfill")` and `interpolate()` on a time series. Time order is shown by datetimes (`parse_dates=`, `pd.to_datetime`, `.dt`, `resample`, a `DatetimeIndex`, market data indexed by date from `yfinance.download`, `quandl.get` or `pandas_datareader`), by columns named like dates, and by the lags themselves; with `datetime-heuristics = false` a typed datetime is required. Not reported: `shuffle=False`, `TimeSeriesSplit`, slices by position or by a date cut-off, `shift(-k)` that builds the target, `rolling` without `center`, and random splits of data whose date is only an attribute of independent samples (no lags, no forecast target).',
    whyBad:
      'Temporal leakage occurs when training uses information from the future. It is common in forecasting, recommendation systems, finance, logs and user behavior modeling. A shuffled split puts rows from after each test row into the training set, and a feature computed from later rows holds values that would not exist at the moment of prediction, so the score is better than any deployed model can do. For deployment-like evaluation the model should train on past data and predict future data: training on January to August, validating on September, testing on October. The checklist asks "Does the split respect time?"',
    example: [
      'sales = pd.read_csv("sales.csv", parse_dates=["date"])',
      'sales["lag_1"] = sales["units"].shift(1)',
      'sales = sales.dropna()',
      'X_tr, X_te, y_tr, y_te = train_test_split(sales[["lag_1"]], sales["units"], test_size=0.2)',
    ].join('\n'),
    useInstead: [
      'sales = pd.read_csv("sales.csv", parse_dates=["date"]).sort_values("date")',
      'sales["lag_1"] = sales["units"].shift(1)',
      'sales = sales.dropna()',
      'X_tr, X_te, y_tr, y_te = train_test_split(sales[["lag_1"]], sales["units"], test_size=0.2, shuffle=False)',
    ].join('\n'),
    fixSafety:
      'Unsafe: the held-out rows change, so the scores change. `train_test_split(…)` gets `shuffle=False` (the last rows become the test set: the frame must be sorted by time, as lag features already require; a `stratify=` split gets no fix, since it cannot be unshuffled); `KFold(shuffle=True)`, `ShuffleSplit` and the like become `TimeSeriesSplit(n_splits=…)`. Features built from the future have no automatic fix: compute them from past rows only.',
  },
  check(context: RuleContext): void {
    const splits = context.model.eventsOf('split').filter((s) => !s.byIndex);
    const targets = targetColumns(splits);
    const reportedFuture = new Set<PyNode>();
    for (const event of splits) {
      const evidence = timeEvidence(event.inputs, targets);
      const typed = evidence.datetime.length > 0;
      const named = context.datetimeHeuristics && evidence.namedDates.length > 0;
      const forecasting = evidence.lags.length > 0 || evidence.leads.length > 0;
      const timeOrdered = forecasting && (context.datetimeHeuristics || typed);
      const method = event.split.method;
      if (method && method.shuffled && !method.time && timeOrdered) {
        const [first] = [...evidence.leads.filter((n) => n.column !== undefined && targets.has(n.column)), ...evidence.lags, ...evidence.leads];
        const full = first.role === 'lead' ? `target from ${first.how}` : `${first.column ?? 'a feature'} from ${first.how}`;
        const what = full.length > 40 ? `${full.slice(0, 39)}…` : full;
        context.report({
          node: event.site,
          message: `Shuffled split of a time series (${what}): training rows come after test rows.`,
          related: [
            ...[...evidence.lags, ...evidence.leads].slice(0, 3).map((n) => ({ node: n.site, message: n.role === 'lead' ? `looks ahead: ${n.how}` : `built from earlier rows: ${n.how}` })),
            ...evidence.datetime.slice(0, 1).map((n) => ({ node: n.site, message: 'the rows are dated here' })),
            ...(method.splitter ? [{ node: method.splitter.site, message: 'this splitter shuffles the rows' }] : []),
          ],
          fixes: temporalSplitFixes(context, event),
        });
      }
      if (!(forecasting || typed || named)) continue;
      for (const future of futureFeatures(event, targets, evidence)) {
        if (reportedFuture.has(future.site)) continue;
        reportedFuture.add(future.site);
        context.report(futureReport(future, event.site));
      }
    }
  },
};

function futureReport(note: Note, split: PyNode): RuleReport {
  const message =
    note.role === 'lead'
      ? `${note.column ?? 'This feature'} is built with ${note.how}: a future value, unknown at prediction time, used as a feature.`
      : note.role === 'centered'
        ? `${note.how} uses a centred window: each value includes future rows, unknown at prediction time.`
        : `${note.how} fills gaps with later values: on a time series the features see the future.`;
  return { node: note.site, message, related: [{ node: split, message: 'the data is split here' }] };
}

/** Columns that are the target of some split (its second array: `y = df['close'].shift(-1)`). */
function targetColumns(splits: readonly EventOf<'split'>[]): Set<string> {
  const out = new Set<string>();
  for (const split of splits) for (const input of split.inputs.slice(1)) if (input.column !== undefined) out.add(input.column);
  return out;
}

interface TimeEvidence {
  lags: Note[];
  leads: Note[];
  centered: Note[];
  backfilled: Note[];
  datetime: ColumnNote[];
  namedDates: string[];
}

function timeEvidence(inputs: readonly DataFacts[], targets: ReadonlySet<string>): TimeEvidence {
  const out: TimeEvidence = { lags: [], leads: [], centered: [], backfilled: [], datetime: [], namedDates: [] };
  const add = (note: Note): void => {
    const list = note.role === 'lag' ? out.lags : note.role === 'lead' ? out.leads : note.role === 'centered' ? out.centered : note.role === 'backfilled' ? out.backfilled : undefined;
    if (list && !list.some((n) => n.site === note.site)) list.push(note);
  };
  inputs.forEach((input, i) => {
    for (const s of input.series ?? []) add({ column: i > 0 ? input.column ?? targetName(targets) : undefined, role: s.role, site: s.site, how: s.how });
    for (const [column, notes] of columnNotes(input)) {
      for (const n of notes) {
        if (n.role === 'datetime') {
          if (!out.datetime.includes(n)) out.datetime.push(n);
        } else if (n.role === 'lag' || n.role === 'lead' || n.role === 'centered' || n.role === 'backfilled') {
          add({ column: column === FRAME ? undefined : column, role: n.role, site: n.site, how: n.how ?? n.role });
        }
      }
      if (column !== FRAME && isDateLikeColumn(column) && !out.namedDates.includes(column)) out.namedDates.push(column);
    }
  });
  return out;
}

function targetName(targets: ReadonlySet<string>): string {
  return [...targets][0] ?? 'the target';
}

/** Features that hold future values: leads in the feature columns, centred windows, back-fills. */
function futureFeatures(event: EventOf<'split'>, targets: ReadonlySet<string>, evidence: TimeEvidence): Note[] {
  const features = event.inputs[0];
  if (!features) return [];
  const out: Note[] = [];
  const inFeatures = (note: Note, strict: boolean): boolean => {
    if (note.column === undefined) return (features.series ?? []).some((s) => s.site === note.site);
    if (targets.has(note.column)) return false;
    const kept = keepsColumn(features, note.column);
    return strict ? kept === true : kept !== false;
  };
  for (const lead of evidence.leads) if (inFeatures(lead, true)) out.push(lead);
  for (const note of [...evidence.centered, ...evidence.backfilled]) if (inFeatures(note, false)) out.push(note);
  return out;
}

export default rule;
