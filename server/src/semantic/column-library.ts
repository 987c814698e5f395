// What pandas calls say about columns and time: groupby and its aggregations, unique values,
// duplicates dropped, lags and leads (`shift`, `diff`, `pct_change`), windows (`rolling`, `ewm`),
// back-fills and interpolation, datetimes (`parse_dates=`, `pd.to_datetime`, `.dt`, `resample`).
// The results are column facts (semantic/columns.ts) that group-split and temporal-split read.
import { PyNode } from '../parser/syntax';
import { BACKFILL_METHODS, COLUMN_FUNCTIONS, DATETIME_LOAD_KEYWORDS, GROUP_AGGREGATIONS, PERIOD_METHODS, STATISTIC_METHODS, WINDOW_METHODS } from '../ml/tables';
import { asColumn, columnNames, FRAME, frameNode, noteColumn, withSeries } from './column-book';
import { constStrings, DataFacts, dataIn, options, SeriesNote, UNKNOWN, Value } from './values';
import type { CallArgs, LibraryContext } from './library';

function receiverNode(call: PyNode): PyNode | undefined {
  const fn = call.children.find((c) => c.field === 'function');
  return fn?.children.find((c) => c.field === 'object');
}

/** The frame expression under a receiver (`df` in `df['a'].shift()`), for fixes that name the frame. */
function frameOf(call: PyNode): PyNode | undefined {
  const receiver = receiverNode(call);
  if (!receiver) return undefined;
  return receiver.type === 'subscript' || receiver.type === 'attribute' ? frameNode(receiver) : receiver;
}

/**
 * `shift(-1)`, `diff(periods=3)`, `shift(-horizon)`: the period's sign — from its value when the
 * interpreter knows it, else from a minus as written (`-horizon` looks ahead whatever its
 * magnitude); undefined when unknown. 1 when no period is passed (the pandas default).
 */
export function periodSign(ctx: Pick<LibraryContext, 'text'>, args: CallArgs): number | undefined {
  const keyword = args.keywordNodes.get('periods');
  const node = args.positionalNodes[0] ?? (keyword ? keyword.children.find((c) => c.field === 'value') : undefined);
  if (!node) return args.positional.length || args.keywords.has('periods') ? undefined : 1;
  const value = args.positional[0] ?? args.keywords.get('periods');
  if (value?.kind === 'const' && typeof value.value === 'number') return Math.sign(value.value);
  const text = ctx.text(node).replace(/[\s()]/g, '');
  if (/^[+-]?\d+$/.test(text)) return Math.sign(Number(text));
  // A negated name or expression: the sign as written (`-forecast_out`).
  if (node.type === 'unary_operator' && node.children.some((c) => !c.named && c.type === '-')) return -1;
  return undefined;
}

function isTrue(value: Value | undefined): boolean {
  return !!value && value.kind === 'const' && value.value === true;
}

function callText(ctx: LibraryContext, call: PyNode): string {
  const fn = call.children.find((c) => c.field === 'function');
  const attr = fn?.children.find((c) => c.field === 'attribute');
  const args = call.children.find((c) => c.field === 'arguments');
  const text = `${attr ? ctx.text(attr) : 'call'}${args ? ctx.text(args) : '()'}`;
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function series(facts: DataFacts, role: SeriesNote['role'], site: PyNode, how: string, ownRow = false): Value {
  // Values of earlier rows are known when predicting: a lag of the target is not the target
  // (target-derived-feature reads columnSources). A trailing window that holds the row itself
  // (`y.rolling(7).mean()`) still contains the row's own value, so it keeps its sources.
  const sources = role === 'lag' && !ownRow ? { columnSources: undefined } : {};
  return { kind: 'data', facts: withSeries({ ...facts, ...sources, groupedBy: undefined, window: undefined }, { role, site, how }) };
}

function isColumnDrop(args: CallArgs): boolean {
  if (args.keywords.has('columns')) return true;
  const axis = args.keywords.get('axis') ?? args.positional[1];
  return !!axis && axis.kind === 'const' && (axis.value === 1 || axis.value === 'columns');
}

/**
 * A pandas method on data, as far as columns and time are concerned; undefined leaves the call
 * to the general data semantics (statistics, row drops, provenance-keeping fallback).
 */
export function columnMethod(ctx: LibraryContext, facts: DataFacts, name: string, args: CallArgs): Value | undefined {
  const node = args.node;
  const column = facts.column;
  if (facts.groupedBy) {
    if (GROUP_AGGREGATIONS.has(name)) return { kind: 'data', facts: { ...facts, groupedBy: undefined, column: undefined, selection: undefined, uniqueBy: facts.groupedBy } };
    if (!STATISTIC_METHODS.has(name) && !PERIOD_METHODS.has(name) && !WINDOW_METHODS.has(name)) {
      // `transform`, `cumsum`, `rank`…: one value per row again.
      return columnMethod(ctx, { ...facts, groupedBy: undefined }, name, args) ?? { kind: 'data', facts: { ...facts, groupedBy: undefined } };
    }
  }
  if (facts.window) {
    if (STATISTIC_METHODS.has(name) || name === 'apply' || name === 'agg' || name === 'aggregate') {
      const how = `${callText(ctx, facts.window.site)}.${name}()`;
      return series(facts, facts.window.centered ? 'centered' : 'lag', facts.window.site, how, facts.window.ownRow);
    }
  }
  switch (name) {
    case 'groupby': {
      const by = args.positional[0] ?? args.keywords.get('by');
      const names = columnNames(by);
      if (!names.length) return undefined;
      const frame = frameOf(node);
      for (const c of names) noteColumn(facts, c, 'grouped', node, { frame });
      return { kind: 'data', facts: { ...facts, groupedBy: names, column: undefined, selection: undefined } };
    }
    case 'unique':
    case 'drop_duplicates': {
      if (column !== undefined) {
        noteColumn(facts, column, 'counted', node, { frame: frameOf(node) });
        return { kind: 'data', facts: { ...facts, uniqueBy: [column] } };
      }
      if (name === 'unique') return undefined;
      const subset = columnNames(args.keywords.get('subset') ?? args.positional[0]);
      if (!subset.length) return undefined;
      for (const c of subset) noteColumn(facts, c, 'deduplicated', node, { frame: frameOf(node) });
      return { kind: 'data', facts: { ...facts, uniqueBy: subset } };
    }
    case 'nunique':
    case 'value_counts':
      if (column !== undefined) noteColumn(facts, column, 'counted', node, { frame: frameOf(node) });
      return undefined;
    case 'rolling':
    case 'ewm':
    case 'expanding': {
      // `closed="left"` leaves the row out; a `closed` we cannot read might, so it counts as out.
      const closed = args.keywords.get('closed');
      const ends = closed ? constStrings(closed) : ['right'];
      const ownRow = ends.length > 0 && ends.every((c) => c === 'right' || c === 'both');
      return { kind: 'data', facts: { ...facts, groupedBy: undefined, window: { site: node, centered: isTrue(args.keywords.get('center')), ownRow } } };
    }
    case 'shift':
    case 'diff':
    case 'pct_change': {
      const sign = periodSign(ctx, args);
      if (sign === undefined || sign === 0) return undefined;
      return series(facts, sign > 0 ? 'lag' : 'lead', node, callText(ctx, node));
    }
    case 'bfill':
    case 'backfill':
      return series(facts, 'backfilled', node, callText(ctx, node));
    case 'fillna': {
      const method = constStrings(args.keywords.get('method') ?? UNKNOWN);
      return method.some((m) => BACKFILL_METHODS.has(m)) ? series(facts, 'backfilled', node, callText(ctx, node)) : undefined;
    }
    case 'interpolate': {
      const method = constStrings(args.keywords.get('method') ?? args.positional[0] ?? UNKNOWN);
      if (method.some((m) => m === 'pad' || m === 'ffill')) return undefined;
      return series(facts, 'backfilled', node, callText(ctx, node));
    }
    case 'sort_values': {
      const by = columnNames(args.keywords.get('by') ?? args.positional[0]);
      for (const c of column !== undefined ? [column] : by) noteColumn(facts, c, 'sorted', node);
      return undefined;
    }
    case 'set_index': {
      for (const c of columnNames(args.keywords.get('keys') ?? args.positional[0])) noteColumn(facts, c, 'index', node);
      return undefined;
    }
    case 'resample':
      noteColumn(facts, FRAME, 'datetime', node, { how: 'resample(…)' });
      return undefined;
    case 'drop': {
      if (!isColumnDrop(args)) return undefined;
      const names = columnNames(args.keywords.get('columns') ?? args.keywords.get('labels') ?? args.positional[0]);
      if (!names.length) return undefined;
      const frame = frameOf(node);
      for (const c of names) {
        noteColumn(facts, c, 'seen', node, { frame });
        noteColumn(facts, c, 'dropped', node, { frame });
      }
      const before = facts.selection && !facts.selection.only ? facts.selection.names : [];
      return { kind: 'data', facts: { ...facts, column: undefined, selection: { only: false, names: [...new Set([...before, ...names])] } } };
    }
  }
  return undefined;
}

/** `.dt` on a column: the column holds datetimes. */
export function columnAttribute(facts: Value, name: string, site: PyNode): void {
  if (name !== 'dt') return;
  const column = asColumn(facts);
  if (column) noteColumn(column.facts, column.name, 'datetime', site, { how: '.dt' });
}

/** `pd.to_datetime(df['date'])`, `np.unique(df['patient_id'])`, `pd.date_range(…)`. */
export function columnFunction(ctx: LibraryContext, qname: string, args: CallArgs): Value | undefined {
  const kind = COLUMN_FUNCTIONS[qname];
  if (!kind) return undefined;
  const node = args.node;
  if (kind === 'date-range') return series(ctx.newData(node, `the dates created at line ${ctx.lineOf(node)}`), 'datetime', node, 'date_range(…)');
  const first = args.positional[0] ?? UNKNOWN;
  const column = options(first).map(asColumn).find((c) => c);
  const data = dataIn(first) ?? column?.facts;
  if (!data) return undefined;
  if (kind === 'to-datetime') {
    if (column) noteColumn(column.facts, column.name, 'datetime', node, { how: 'to_datetime' });
    return series(column ? { ...column.facts, column: column.name } : data, 'datetime', node, 'to_datetime');
  }
  if (!column) return undefined;
  noteColumn(column.facts, column.name, 'counted', node);
  return { kind: 'data', facts: { ...column.facts, column: column.name, uniqueBy: [column.name] } };
}

/** `pd.read_csv(…, parse_dates=['date'], index_col='date', usecols=[…])`. */
export function noteLoadColumns(facts: DataFacts, args: CallArgs): void {
  const node = args.node;
  const index = columnNames(args.keywords.get('index_col'));
  for (const keyword of DATETIME_LOAD_KEYWORDS) {
    const value = args.keywords.get(keyword);
    if (!value) continue;
    const named = columnNames(value);
    if (isTrue(value)) noteColumn(facts, FRAME, 'datetime', node, { how: `${keyword}=True` });
    for (const c of named) {
      noteColumn(facts, c, 'datetime', node, { how: `${keyword}=` });
      if (index.includes(c)) noteColumn(facts, FRAME, 'datetime', node, { how: `index_col=` });
    }
  }
  for (const c of [...index, ...columnNames(args.keywords.get('usecols'))]) noteColumn(facts, c, 'seen', node);
}

/** `df['lag_1'] = df['sales'].shift(1)`: the column takes the roles of the series written into it. */
export function noteColumnWrite(frame: DataFacts, index: Value, value: Value, site: PyNode): void {
  const names = columnNames(index).filter(() => !dataIn(index));
  if (names.length !== 1) return;
  const written = dataIn(value);
  noteColumn(frame, names[0], 'seen', site);
  for (const note of written?.series ?? []) noteColumn(frame, names[0], note.role, note.site, { how: note.how });
}

/** `set(df['patient_id'])`: the distinct values of a column. */
export function distinctValues(value: Value): Value | undefined {
  const column = options(value).map(asColumn).find((c) => c);
  if (!column) return undefined;
  return { kind: 'data', facts: { ...column.facts, column: column.name, uniqueBy: [column.name] } };
}
