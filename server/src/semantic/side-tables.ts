// Tables that attach state to objects without changing them (WeakMap/WeakSet at module level in
// the library semantics). They are registered here so that resuming an edit (reach.ts) can treat
// a write to one as a change of its key object, and follow them from a key to what it holds.

const tables: (WeakMap<object, unknown> | WeakSet<object>)[] = [];

/** A module-level WeakMap, known to reach.ts. */
export function sideTable<K extends object, V>(): WeakMap<K, V> {
  const table = new WeakMap<K, V>();
  tables.push(table as unknown as WeakMap<object, unknown>);
  return table;
}

/** A module-level WeakSet, known to reach.ts. */
export function sideSet<T extends object>(): WeakSet<T> {
  const set = new WeakSet<T>();
  tables.push(set as unknown as WeakSet<object>);
  return set;
}

export function isSideTable(target: unknown): boolean {
  return tables.includes(target as WeakMap<object, unknown>);
}

/** What the side tables hold for `key`. */
export function attachedTo(key: object, visit: (value: unknown) => void): void {
  for (const table of tables) if (table instanceof WeakMap && table.has(key)) visit(table.get(key));
}
