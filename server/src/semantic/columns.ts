// Column roles: which columns of a frame a value was computed from, which columns the program
// wrote into a frame (and from what), and which columns a frame is known to hold. Rules use them
// to tell the target (`y = df["t"]`) from the features (`X = df.drop(columns="t")`).
import { PyNode } from '../parser/syntax';
import { columnNotes } from './column-book';
import { constStrings, DataFacts, dataIn, DerivedColumn, Learned, learnedIn, sharesOrigin, uniq, Value } from './values';

export { selectColumn } from './values';

/**
 * The columns that hold the target's values. A target that looks ahead (`df["close"].shift(-1)`,
 * or a column written from such a lead) is a later row's value: the columns it was read from hold
 * values known at prediction time, so only the lead column itself counts as the target.
 */
export function targetColumnsOf(target: DataFacts): readonly string[] {
  const sources = target.columnSources ?? [];
  if (target.series?.some((n) => n.role === 'lead')) return [];
  const [own] = sources;
  if (own !== undefined && columnNotes(target).get(own)?.some((n) => n.role === 'lead')) return [own];
  return sources;
}

/** `df[["a", "b"]]`: exactly these columns. */
export function selectColumns(frame: DataFacts, names: readonly string[], site: PyNode): DataFacts {
  return { ...frame, columnSources: undefined, derivedColumns: keepOnly(frame.derivedColumns, (n) => names.includes(n)), selectedColumns: { names, site } };
}

/** `df.drop(columns=[…])`. */
export function dropColumns(frame: DataFacts, names: readonly string[]): DataFacts {
  const selected = frame.selectedColumns;
  return {
    ...frame,
    derivedColumns: keepOnly(frame.derivedColumns, (n) => !names.includes(n)),
    selectedColumns: selected && { ...selected, names: selected.names.filter((n) => !names.includes(n)) },
  };
}

/** Columns picked by something we cannot read (`df[cols]`, `X[:, 0]`): what we knew no longer holds. */
export function forgetColumns(frame: DataFacts): DataFacts {
  if (!frame.derivedColumns && !frame.selectedColumns && !frame.columnSources) return frame;
  return { ...frame, columnSources: undefined, derivedColumns: undefined, selectedColumns: undefined };
}

/** `df["x"] = value`: the frame gains (or replaces) column x, computed from what `value` was. */
export function withDerivedColumn(frame: DataFacts, name: string, value: Value, site: PyNode): DataFacts {
  const data = dataIn(value);
  const sources = data && sharesOrigin(data, frame) ? (data.columnSources ?? []) : [];
  // Statistics this value adds, not those the whole frame already carries (`df["p2"] =
  // df["Pclass"] * 2` after a target statistic was written into df is not computed from it),
  // plus those of the derived columns it is computed from (a chain of derived columns).
  const inherited = new Set(frame.influences);
  const fromColumns = sources.flatMap((s) => frame.derivedColumns?.get(s)?.statistics ?? []);
  const statistics: Learned[] = [];
  for (const l of [...learnedIn(value), ...(data?.influences ?? []).filter((i) => !inherited.has(i)), ...fromColumns]) {
    if (l.kind === 'statistic' && l.from.columnSources && sharesOrigin(l.from, frame) && !statistics.includes(l)) statistics.push(l);
  }
  const derivedColumns = new Map(frame.derivedColumns ?? []);
  const own = sources.filter((s) => s !== name);
  // A rewrite (`df["r"] = np.where(df["r"] == np.inf, 0, df["r"])`, `df["r"].fillna(0, inplace=True)`)
  // keeps the statement where each of its inputs came in.
  const before = frame.derivedColumns?.get(name)?.since;
  const since = new Map<string | Learned, PyNode>();
  for (const key of [...own, ...statistics]) since.set(key, before?.get(key) ?? site);
  const column: DerivedColumn = { site, sources: own, statistics, since };
  derivedColumns.set(name, column);
  return { ...frame, derivedColumns, selectedColumns: frame.selectedColumns && { ...frame.selectedColumns, names: uniq(frame.selectedColumns.names, [name]) } };
}

/** The column names an index value spells: `"t"` → [t], `["a", "b"]` → [a, b]; else undefined. */
export function columnNames(index: Value): { names: string[]; single: boolean } | undefined {
  if (index.kind === 'const' && typeof index.value === 'string') return { names: [index.value], single: true };
  if (index.kind === 'box' && index.box.literal) {
    const names = index.box.literal.items.flatMap((v) => constStrings(v));
    if (names.length && names.length === index.box.literal.items.length) return { names, single: false };
  }
  return undefined;
}

function keepOnly(columns: ReadonlyMap<string, DerivedColumn> | undefined, keep: (name: string) => boolean): ReadonlyMap<string, DerivedColumn> | undefined {
  if (!columns) return undefined;
  return new Map([...columns].filter(([n]) => keep(n)));
}
