// Abstract values: what a Python expression can evaluate to, as far as leakage is concerned.
import { PyNode } from '../parser/syntax';
import { FRAME_ATTRIBUTES, type EstimatorKind } from '../ml/tables';

/**
 * Which rows of a dataset a value holds. `full` = not (yet) divided by any split. `unknown` =
 * some rows of the split's parts, which ones the analysis cannot tell (what a call it does not
 * know makes of several parts): never "contains the test rows".
 */
export type Part = 'full' | 'train' | 'validation' | 'test' | 'unknown';

/** Where a dataset entered the program: a load, a generator, or an opaque call. */
export interface Origin {
  readonly id: number;
  readonly site: PyNode;
  readonly what: string;
  /** The data is a function's parameter (its rows are whatever the caller passes). */
  readonly parameter?: boolean;
}

/** A division of rows into parts: `train_test_split`, a slice, a CV splitter… */
export interface SplitInfo {
  readonly id: number;
  readonly site: PyNode;
  readonly kind: 'holdout' | 'cv';
  readonly origins: readonly Origin[];
  /** The parts were published with the data (MNIST `train=False`, `load_dataset(...)["test"]`, `load_data()`). */
  readonly published?: boolean;
  /** How rows are assigned to parts, when the library tables say (group-split, temporal-split). */
  readonly method?: SplitMethod;
}

/** How a split assigns rows to parts. */
export interface SplitMethod {
  /** `train_test_split`, `KFold`, `cross_val_score`, `sample`… (the call or splitter's short name). */
  readonly api: string;
  /** Divides individual rows (not groups, not by time). */
  readonly rowLevel: boolean;
  /** Keeps each group on one side: a group-aware splitter or `groups=`. */
  readonly grouped: boolean;
  /** Respects time order (`TimeSeriesSplit`). */
  readonly time: boolean;
  /** Rows are shuffled before they are divided. */
  readonly shuffled: boolean;
  /** The splitter object, when the split is made by one (`KFold(…)`), for fixes. */
  readonly splitter?: Estimator;
  /** The call whose arguments choose the rows (`train_test_split(…)`, `cross_val_score(…)`). */
  readonly call: PyNode;
}

/**
 * A fitted state or statistic: something learned from data. `oversample`: rows copied or
 * synthesised from the rows of `from` (SMOTE, a bootstrap, augmentation, repeated rows).
 */
export interface Learned {
  readonly kind: 'fit' | 'statistic' | 'resample' | 'oversample';
  readonly site: PyNode;
  /** Human label: "StandardScaler", "median of df['age']". */
  readonly label: string;
  readonly from: DataFacts;
  /** For fits: what kind of estimator learned it (a model's fit is training, not preprocessing). */
  readonly estimatorKind?: EstimatorKind;
}

export interface DataFacts {
  readonly origins: readonly Origin[];
  readonly parts: readonly Part[];
  /** The splits that produced the non-full parts. */
  readonly splits: readonly SplitInfo[];
  /** Learned states applied to (transformed) this data. */
  readonly influences: readonly Learned[];
  /** Set when the data are a model's predictions. */
  readonly predictionOf: readonly Estimator[];
  /** Where the model was run on the data (`net(inputs)`): the evaluation site of a score computed from them. */
  readonly predictedAt?: PyNode;
  /** Loops in which the predicting model (or its settings) changes from pass to pass. */
  readonly modelVary?: readonly number[];
  /** Predictions cut at an operating point picked on test curves (`probs >= best_threshold`). */
  readonly cutAt?: PointChoice;
  /** The value is one column of a frame (`df['patient_id']`, `df.date`). */
  readonly column?: string;
  /** Which columns a frame selection keeps: only these (`df[['a', 'b']]`) or all but these (`drop`). */
  readonly selection?: { readonly only: boolean; readonly names: readonly string[] };
  /** A pandas GroupBy by these columns (`df.groupby('patient_id')`). */
  readonly groupedBy?: readonly string[];
  /** At most one row per value of these columns (`groupby(id).agg(…)`, `drop_duplicates(id)`, `unique()`). */
  readonly uniqueBy?: readonly string[];
  /**
   * A window over the rows (`rolling(7)`, `ewm(…)`): statistics over it are per row.
   * `ownRow`: the window holds the row itself (pandas' default; not `closed="left"`).
   */
  readonly window?: { readonly site: PyNode; readonly centered: boolean; readonly ownRow: boolean };
  /** How this series was computed from other rows: lags, leads, centred windows, back-fills, datetimes. */
  readonly series?: readonly SeriesNote[];
  /**
   * Row identity: the data these rows were selected from by a row mask or row method
   * (`df[df.y == 1]`, `df.query(…)`), innermost first. Absent: not known to be a row subset.
   */
  readonly rowSubsetOf?: readonly DataFacts[];
  /** `drop_duplicates()` ran on these rows (or on rows they were later divided from). */
  readonly deduplicated?: boolean;
  /** Column roles (columns.ts): the frame columns a Series/array was computed from (`df["t"]` → t). */
  readonly columnSources?: readonly string[];
  /** Column roles: columns the program wrote into this frame, and what each was computed from. */
  readonly derivedColumns?: ReadonlyMap<string, DerivedColumn>;
  /** Column roles: the frame holds exactly these columns (`df[["a", "b"]]`), where it was selected. */
  readonly selectedColumns?: { readonly names: readonly string[]; readonly site: PyNode };
}

/** A column written by the program (`df["x"] = f(df["t"])`). */
export interface DerivedColumn {
  readonly site: PyNode;
  /** Columns of the same rows it was computed from, row by row (`df["t"] * 2`, a group transform). */
  readonly sources: readonly string[];
  /** Statistics of columns mapped onto the rows (`df.k.map(df.groupby("k")["t"].mean())`). */
  readonly statistics: readonly Learned[];
  /** The statement where each source or statistic first came into the column (later rewrites keep it). */
  readonly since: ReadonlyMap<string | Learned, PyNode>;
}

/** A fact about how a derived series relates to time (see semantic/columns.ts). */
export interface SeriesNote {
  readonly role: 'datetime' | 'lag' | 'lead' | 'centered' | 'backfilled';
  readonly site: PyNode;
  /** `shift(-1)`, `rolling(3, center=True)`, `bfill()`: how it was written, for messages. */
  readonly how: string;
}

export interface Estimator {
  readonly id: number;
  readonly site: PyNode;
  /** Qualified class name, e.g. `sklearn.preprocessing.StandardScaler`. */
  readonly qname: string;
  readonly kind: EstimatorKind;
  /** What it was fitted on so far (one entry per fit site). */
  learned: Learned[];
  /** A callback that picks the best epoch by its validation data (EarlyStopping…). */
  readonly selects?: boolean;
  /** Where and how it makes that choice (a callback, a trainer option, `early_stopping_rounds=`). */
  readonly selection?: Selection;
  /** The constructor's keyword arguments (`KFold(shuffle=True)`, `GridSearchCV(cv=…)`). */
  readonly keywords?: ReadonlyMap<string, Value>;
  /** The unseeded-randomness event of its construction, if any (a seeded ensemble may cover it). */
  readonly randomEvent?: { seededBy?: PyNode };
}

export interface Selection {
  readonly site: PyNode;
  readonly how: string;
}

export interface ScoreInfo {
  readonly id: number;
  readonly site: PyNode;
  readonly data: DataFacts;
  readonly estimators: readonly Estimator[];
  /** Where the program calls this score a test score: a `test_acc = …` variable, a "Test accuracy" print. */
  reportedAsTest?: PyNode;
  /** One score per threshold (`roc_curve`): a point picked on it chooses only once it is applied. */
  readonly curve?: boolean;
}

/**
 * An operating point picked on threshold curves (`thresholds[np.argmax(tpr - fpr)]`): a choice
 * by those scores once predictions are cut at it and the result is used.
 */
export interface PointChoice {
  readonly scores: readonly ScoreInfo[];
  readonly site: PyNode;
  readonly how: string;
}

/** A mutable list/dict/set: its elements are joined into one abstract element. */
export interface Box {
  elem: Value;
  /**
   * A list literal's items in order, while nothing has changed the list (`[df, df_min]`);
   * `repeated`: the literal was multiplied (`[df_min] * 3`). Cleared on mutation.
   */
  literal?: { items: readonly Value[]; repeated: boolean };
  /** A dict literal's keys, all strings (`{"n_estimators": 50}`), while nothing has changed the dict. */
  keys?: readonly string[];
}

/** Loop ids whose iteration variable this value depends on. */
type Varies = { readonly vary?: readonly number[] };

export type Value =
  | ({ kind: 'unknown'; site?: PyNode } & Varies)
  | ({ kind: 'const'; value: string | number | boolean | null } & Varies)
  | { kind: 'ref'; qname: string }
  | ({ kind: 'data'; facts: DataFacts } & Varies)
  /** `bestOf`: a search's `best_estimator_`: fitting it again trains that one model (no search). */
  | ({ kind: 'estimator'; est: Estimator; bestOf?: true } & Varies)
  | ({ kind: 'statistic'; learned: readonly Learned[] } & Varies)
  | ({ kind: 'score'; scores: readonly ScoreInfo[]; point?: PointChoice } & Varies)
  | ({ kind: 'seq'; items: readonly Value[] } & Varies)
  | ({ kind: 'box'; box: Box; isDict: boolean } & Varies)
  | { kind: 'function'; def: PyNode; closure: unknown }
  | { kind: 'class'; def: PyNode; closure: unknown }
  | { kind: 'instance'; cls: PyNode; attrs: Map<string, Value> }
  | { kind: 'method'; self: Value; name: string }
  /** A project module after its top level ran: attributes are its top-level bindings (scope: a Scope). */
  | { kind: 'module'; path: string; scope: unknown }
  /** An argparse parser or the namespace it parses: option name → default value. */
  | { kind: 'namespace'; attrs: Map<string, Value> }
  | { kind: 'union'; options: readonly Value[] };

export const UNKNOWN: Value = { kind: 'unknown' };

export function unknownAt(site: PyNode | undefined): Value {
  return site ? { kind: 'unknown', site } : UNKNOWN;
}

/** The alternatives a value stands for (a union's options, or the value itself). */
export function options(value: Value): readonly Value[] {
  return value.kind === 'union' ? value.options : [value];
}

function uniq<T>(a: readonly T[], b: readonly T[]): readonly T[] {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  const out = a.slice();
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out;
}

export function mergeFacts(a: DataFacts, b: DataFacts): DataFacts {
  if (a === b) return a;
  return {
    origins: uniq(a.origins, b.origins),
    parts: uniq(a.parts, b.parts),
    splits: uniq(a.splits, b.splits),
    influences: uniq(a.influences, b.influences),
    predictionOf: uniq(a.predictionOf, b.predictionOf),
    ...(a.predictedAt || b.predictedAt ? { predictedAt: a.predictedAt ?? b.predictedAt } : {}),
    modelVary: uniq(a.modelVary ?? [], b.modelVary ?? []),
    ...(a.cutAt || b.cutAt ? { cutAt: a.cutAt ?? b.cutAt } : {}),
    ...mergeColumnFacts(a, b),
    // `pd.concat([df, dummies], axis=1)`, `train.append(test)`: the columns either side wrote.
    ...(a.derivedColumns || b.derivedColumns ? { derivedColumns: new Map([...(b.derivedColumns ?? []), ...(a.derivedColumns ?? [])]) } : {}),
    // `df["a"] * df["t"]`: computed from both columns; `(df["t"] == 0) & (lag > 0)`: at least
    // from t, whatever the other side is (a lag keeps no sources).
    ...(a.columnSources || b.columnSources ? { columnSources: uniq(a.columnSources ?? [], b.columnSources ?? []) } : {}),
  };
}

/** Column facts of two values joined: what both say stays, series notes accumulate. */
function mergeColumnFacts(a: DataFacts, b: DataFacts): Partial<DataFacts> {
  const out: { column?: string; uniqueBy?: readonly string[]; series?: readonly SeriesNote[] } = {};
  if (a.column !== undefined && a.column === b.column) out.column = a.column;
  if (a.uniqueBy && b.uniqueBy) {
    const both = a.uniqueBy.filter((c) => b.uniqueBy!.includes(c));
    if (both.length) out.uniqueBy = both;
  }
  if (a.series || b.series) out.series = uniq(a.series ?? [], b.series ?? []);
  return out;
}

export function varies(value: Value): readonly number[] {
  if (value.kind === 'union') return value.options.reduce<readonly number[]>((acc, v) => uniq(acc, varies(v)), []);
  return 'vary' in value && value.vary ? value.vary : [];
}

/** The same value, additionally marked as depending on the given loops. */
export function withVary(value: Value, loops: readonly number[]): Value {
  if (loops.length === 0) return value;
  switch (value.kind) {
    case 'ref':
    case 'function':
    case 'class':
    case 'instance':
    case 'method':
    case 'module':
    case 'namespace':
      return value;
    case 'union':
      return { kind: 'union', options: value.options.map((v) => withVary(v, loops)) };
    default:
      return { ...value, vary: uniq(value.vary ?? [], loops) };
  }
}

const MAX_UNION = 8;

function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'const':
      return a.value === (b as typeof a).value;
    case 'ref':
      return a.qname === (b as typeof a).qname;
    case 'estimator':
      return a.est === (b as typeof a).est;
    case 'box':
      return a.box === (b as typeof a).box;
    case 'function':
    case 'class':
      return a.def === (b as typeof a).def;
    case 'instance':
    case 'namespace':
      return a.attrs === (b as typeof a).attrs;
    case 'module':
      return a.path === (b as typeof a).path;
    case 'unknown':
      return a.site === (b as typeof a).site;
    default:
      return false;
  }
}

/** The value of a variable after two control-flow paths meet. */
export function join(a: Value | undefined, b: Value | undefined): Value {
  if (!a) return b ?? UNKNOWN;
  if (!b || a === b) return a;
  if (a.kind === 'data' && b.kind === 'data') {
    return { kind: 'data', facts: mergeFacts(a.facts, b.facts), vary: uniq(varies(a), varies(b)) };
  }
  if (a.kind === 'statistic' && b.kind === 'statistic') {
    return { kind: 'statistic', learned: uniq(a.learned, b.learned), vary: uniq(varies(a), varies(b)) };
  }
  if (a.kind === 'score' && b.kind === 'score') {
    const point = a.point ?? b.point;
    return { kind: 'score', scores: uniq(a.scores, b.scores), vary: uniq(varies(a), varies(b)), ...(point ? { point } : {}) };
  }
  const out: Value[] = [];
  for (const v of [...options(a), ...options(b)]) {
    if (!out.some((o) => sameValue(o, v))) out.push(v);
  }
  if (out.length === 1) return out[0];
  if (out.length > MAX_UNION) return out.find((v) => v.kind === 'data') ?? UNKNOWN;
  return { kind: 'union', options: out };
}

/** All data facts reachable from a value (through unions, tuples and containers). */
export function dataIn(value: Value, depth = 0): DataFacts | undefined {
  if (depth > 6) return undefined;
  switch (value.kind) {
    case 'data':
      return value.facts;
    case 'union':
    case 'seq': {
      const list = value.kind === 'union' ? value.options : value.items;
      let acc: DataFacts | undefined;
      for (const v of list) {
        const d = dataIn(v, depth + 1);
        if (d) acc = acc ? mergeFacts(acc, d) : d;
      }
      return acc;
    }
    case 'box':
      return dataIn(value.box.elem, depth + 1);
    case 'method': {
      // `df.values`, `df.T`: an attribute of data is (a view of) the same rows; `df.Survived`
      // used as data (a bound method is never an operand or a model's input) is that column.
      const rows = dataIn(value.self, depth + 1);
      const column = rows && value.self.kind === 'data' && rows.column === undefined && !FRAME_ATTRIBUTES.has(value.name);
      return column ? selectColumn(rows, value.name) : rows;
    }
    default:
      return undefined;
  }
}

/** `df["t"]`: one column; a column the program wrote carries what it was computed from. */
export function selectColumn(frame: DataFacts, name: string): DataFacts {
  const derived = frame.derivedColumns?.get(name);
  return { ...frame, columnSources: derived ? uniq([name], derived.sources) : [name], derivedColumns: undefined, selectedColumns: undefined };
}

/** Every score reachable from a value. */
export function scoresIn(value: Value, depth = 0, out: ScoreInfo[] = []): ScoreInfo[] {
  if (depth > 6) return out;
  switch (value.kind) {
    case 'score':
      for (const s of value.scores) if (!out.includes(s)) out.push(s);
      break;
    case 'union':
      for (const v of value.options) scoresIn(v, depth + 1, out);
      break;
    case 'seq':
      for (const v of value.items) scoresIn(v, depth + 1, out);
      break;
    case 'box':
      scoresIn(value.box.elem, depth + 1, out);
      break;
    case 'method':
      scoresIn(value.self, depth + 1, out);
      break;
  }
  return out;
}

export function estimatorsIn(value: Value): Estimator[] {
  const out: Estimator[] = [];
  const visit = (v: Value, depth: number): void => {
    if (depth > 6) return;
    if (v.kind === 'estimator' && !out.includes(v.est)) out.push(v.est);
    else if (v.kind === 'union') v.options.forEach((o) => visit(o, depth + 1));
    else if (v.kind === 'seq') v.items.forEach((o) => visit(o, depth + 1));
    else if (v.kind === 'box') visit(v.box.elem, depth + 1);
  };
  visit(value, 0);
  return out;
}

export function learnedIn(value: Value): readonly Learned[] {
  let out: readonly Learned[] = [];
  for (const v of options(value)) if (v.kind === 'statistic') out = uniq(out, v.learned);
  return out;
}

/** Statistics held anywhere in a value, also inside lists, tuples and dicts (`[X[c].mode() for c in X]`). */
export function learnedWithin(value: Value, depth = 0): readonly Learned[] {
  if (depth > 6) return [];
  switch (value.kind) {
    case 'statistic':
      return value.learned;
    case 'union':
    case 'seq':
      return (value.kind === 'union' ? value.options : value.items).reduce<readonly Learned[]>((acc, v) => uniq(acc, learnedWithin(v, depth + 1)), []);
    case 'box':
      return learnedWithin(value.box.elem, depth + 1);
    default:
      return [];
  }
}

export function constStrings(value: Value): string[] {
  return options(value).flatMap((v) => (v.kind === 'const' && typeof v.value === 'string' ? [v.value] : []));
}

export function isFullOnly(facts: DataFacts): boolean {
  return facts.parts.length === 1 && facts.parts[0] === 'full';
}

/** `facts` narrowed to a subset of the rows of `of` (row identity for duplicate detection). */
export function rowSubset(facts: DataFacts, of: DataFacts): DataFacts {
  return { ...facts, rowSubsetOf: [of, ...(of.rowSubsetOf ?? [])] };
}

/** Whether every row of `part` is also a row of `whole` (as far as row identity shows). */
export function containsRows(whole: DataFacts, part: DataFacts): boolean {
  if (whole === part) return true;
  return !!part.rowSubsetOf?.includes(whole);
}

/** A model's (or a whole pipeline's) training, as opposed to preprocessing. */
export function isModelFit(learned: Learned): boolean {
  return learned.kind === 'fit' && (learned.estimatorKind === 'model' || learned.estimatorKind === 'pipeline');
}

export function sharesOrigin(a: DataFacts, b: DataFacts): boolean {
  return a.origins.some((o) => b.origins.includes(o));
}

export { uniq };
