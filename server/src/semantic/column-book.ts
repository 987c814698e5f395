// Column facts (group-split, temporal-split; columns.ts holds the column roles of
// target-derived-feature): which columns of a dataset the program uses, and the roles the code gives them
// (a group id it groups or counts by, a datetime, a lag or a lead, a back-filled series).
//
// Roles are facts about a dataset's columns, not about one selection of its rows: once the code
// groups `df` by `patient_id`, every selection of those rows (`X = df.drop(...)`, its train
// part) has rows that share patients. So they are kept per origin (the load that made the rows),
// and a Data value's column facts are those of its origins; facts about the rows a value holds
// (one row per group, a window, how a series was derived) are fields of DataFacts itself.
import { sideTable } from './side-tables';
import { PyNode } from '../parser/syntax';
import { constStrings, DataFacts, dataIn, options, Origin, selectColumn, SeriesNote, uniq, Value } from './values';
import { FRAME_ATTRIBUTES } from '../ml/tables';
import { pushTo, setIn } from './journal';

export type ColumnRole =
  | 'seen' // named by the code (a subscript, an attribute, a drop, a loader keyword)
  | 'grouped' // `groupby(col)`
  | 'counted' // `col.nunique()`, `col.unique()`, `col.value_counts()`
  | 'deduplicated' // `drop_duplicates(subset=[col])`
  | 'group-split' // passed as `groups=` to a group-aware split
  | 'dropped' // dropped from the features (`drop(columns=[col])`)
  | 'sorted' // `sort_values(col)`
  | 'index' // `set_index(col)`
  | SeriesNote['role'];

export interface ColumnNote {
  readonly role: ColumnRole;
  readonly site: PyNode;
  /** For series roles: how the column was computed (`shift(-1)`). */
  readonly how?: string;
  /** The frame expression the column was read from (`df` in `df['patient_id']`), for fixes. */
  readonly frame?: PyNode;
}

/** Notes about the frame as a whole (its index) are kept under this name. */
export const FRAME = '';

const books = sideTable<Origin, Map<string, ColumnNote[]>>();

/** Records that the code gives a column of these rows a role. */
export function noteColumn(facts: DataFacts, column: string, role: ColumnRole, site: PyNode, extra: { how?: string; frame?: PyNode } = {}): void {
  for (const origin of facts.origins) {
    let book = books.get(origin);
    if (!book) setIn(books, origin, (book = new Map()));
    let list = book.get(column);
    if (!list) setIn(book, column, (list = []));
    if (list.length < 16 && !list.some((n) => n.role === role && n.site === site)) pushTo(list, { role, site, ...extra });
  }
}

/** Everything the code says about the columns of the rows a value holds (all its origins). */
export function columnNotes(facts: DataFacts): ReadonlyMap<string, readonly ColumnNote[]> {
  if (facts.origins.length === 1) return books.get(facts.origins[0]) ?? new Map();
  const out = new Map<string, ColumnNote[]>();
  for (const origin of facts.origins) {
    for (const [column, notes] of books.get(origin) ?? []) out.set(column, [...(out.get(column) ?? []), ...notes]);
  }
  return out;
}

/** Column names a value stands for: `'a'`, `['a', 'b']`, `df['a']`, `df.a`. */
export function columnNames(value: Value | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const v of options(value)) {
    if (v.kind === 'const' && typeof v.value === 'string') out.push(v.value);
    else if (v.kind === 'box' || v.kind === 'seq') {
      // `groupby(["sex", "pclass"])`, `groupby([df["sex"], df["pclass"]])`: names or columns.
      const items = v.kind === 'box' ? v.box.literal?.items ?? [v.box.elem] : v.items;
      for (const item of items) {
        const column = item.kind === 'const' ? undefined : asColumn(item);
        out.push(...(column ? [column.name] : constStrings(item)));
      }
    } else {
      const column = asColumn(v);
      if (column) out.push(column.name);
    }
  }
  return [...new Set(out)];
}

/** `df['a']` (data with a column) or `df.a` (an attribute view of a frame that is not a pandas attribute). */
export function asColumn(value: Value): { facts: DataFacts; name: string } | undefined {
  if (value.kind === 'data' && value.facts.column !== undefined) return { facts: value.facts, name: value.facts.column };
  if (value.kind === 'method' && value.self.kind === 'data' && !FRAME_ATTRIBUTES.has(value.name) && value.self.facts.column === undefined) {
    return { facts: value.self.facts, name: value.name };
  }
  return undefined;
}

/** The data an attribute view stands for when used as a column (`df.patient_id`), noting the column. */
export function columnView(value: Extract<Value, { kind: 'method' }>, site: PyNode): Value | undefined {
  const column = asColumn(value);
  if (!column) return undefined;
  noteColumn(column.facts, column.name, 'seen', site, { frame: frameNode(site) });
  return { kind: 'data', facts: withColumn(selectColumn(column.facts, column.name), column.name) };
}

/** One column of a frame's rows. */
export function withColumn(facts: DataFacts, name: string): DataFacts {
  return { ...facts, column: name, selection: undefined };
}

/** Facts with a series note added (a lag, a lead, a datetime…). */
export function withSeries(facts: DataFacts, note: SeriesNote): DataFacts {
  return { ...facts, series: uniq(facts.series ?? [], [note]) };
}

/** The receiver of `df['a']` / `df.a` (the frame expression), when the node is one of those. */
export function frameNode(node: PyNode): PyNode | undefined {
  const object = node.children.find((c) => c.field === 'value' || c.field === 'object');
  return object;
}

/** `df[...]` with constant column names: the column, or the selection of columns. */
export function selectColumns(facts: DataFacts, index: Value, node: PyNode): DataFacts | undefined {
  if (dataIn(index)) return undefined;
  const single = options(index).every((v) => v.kind === 'const' && typeof v.value === 'string');
  const names = columnNames(index);
  if (!names.length) return undefined;
  const frame = frameNode(node);
  for (const name of names) noteColumn(facts, name, 'seen', node, { frame });
  if (single && names.length === 1) return withColumn(facts, names[0]);
  return { ...facts, column: undefined, selection: { only: true, names } };
}

/** Is a column kept by a selection of a frame's columns? undefined when the code does not say. */
export function keepsColumn(facts: DataFacts, column: string): boolean | undefined {
  if (facts.column !== undefined) return facts.column === column;
  const selection = facts.selection;
  if (!selection) return undefined;
  return selection.only ? selection.names.includes(column) : !selection.names.includes(column);
}

/** `base` with the column facts of `from` (what column-library.ts made of the same call). */
export function withColumnFacts(base: DataFacts, from: DataFacts): DataFacts {
  return { ...base, column: from.column, selection: from.selection, groupedBy: from.groupedBy, uniqueBy: from.uniqueBy, window: from.window, series: from.series };
}
