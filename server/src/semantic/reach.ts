// Which values can reach objects that statements run again changed: for resuming an edit
// (put-back.ts), a statement after it is put back from the last run only if none of the
// module variables it used reaches a changed object. Objects are followed through every field,
// map, set and array, and from a key to what the side tables attach to it; never into syntax
// nodes or the module's own scope (its variables are looked up by name, and noted as used).
import { isSyntaxNode } from '../parser/syntax';
import { attachedTo } from './side-tables';

export class ChangedObjects {
  private readonly changed = new Set<object>();
  /** Objects whose every path was followed without meeting a changed one (since the last add). */
  private clean = new Set<object>();
  /** What the interpreter's own tables reach (read without a name); undefined: to be walked again. */
  private fromTables: Set<object> | undefined;
  /** Objects of `fromTables` written since it was walked: what they reach now is walked at the next add. */
  private readonly written = new Set<object>();

  constructor(
    private readonly moduleScope: object,
    /** The interpreter's own tables from a key object to what it holds (instanceModels). */
    private readonly attached: readonly WeakMap<object, unknown>[],
    /** How many more objects every walk together may follow. */
    private left: number,
  ) {}

  get size(): number {
    return this.changed.size;
  }

  /**
   * Notes objects that changed; false when that cannot be followed: one is reachable from
   * `tables` (what the interpreter reads without a name), or the allowance ran out.
   */
  add(objects: ReadonlySet<object>, tables: () => readonly unknown[]): boolean {
    if (objects.size === 0) return true;
    if (!this.fromTables) {
      const seen = new Set<object>();
      for (const table of tables()) if (!this.walk(table, seen, () => false, false)) return false;
      this.fromTables = seen;
      this.written.clear();
    }
    // A written object's old contents stay in the set: more than the tables reach now, the safe side.
    for (const object of this.written) {
      this.fromTables.delete(object);
      if (!this.walk(object, this.fromTables, () => false, false)) return false;
    }
    this.written.clear();
    // A walk that found an object clean followed everything it reaches and found it all clean:
    // only a changed object among those can make any of them reach one now.
    let walked = false;
    for (const object of objects) {
      if (this.fromTables.has(object)) return false;
      if (this.changed.has(object)) continue;
      this.changed.add(object);
      if (this.clean.has(object)) walked = true;
    }
    if (walked) this.clean = new Set();
    return true;
  }

  /**
   * A write now (a statement run again or put back) to `target`'s entry `key`: when either is an
   * object the tables reach, what it reaches is walked again at the next add.
   */
  wrote(target: unknown, key: unknown): void {
    const from = this.fromTables;
    if (!from) return;
    if (from.has(target as object)) this.written.add(target as object);
    if (from.has(key as object)) this.written.add(key as object);
  }

  /** The tables themselves changed (an entry for the interpreter in a side table): walk them all again at the next add. */
  tablesWritten(): void {
    this.fromTables = undefined;
  }

  /** Whether `value` reaches a changed object (undefined: the allowance ran out). */
  reaches(value: unknown): boolean | undefined {
    if (this.changed.size === 0 || typeof value !== 'object' || value === null || this.clean.has(value)) return false;
    const seen = new Set<object>();
    let found = false;
    const ok = this.walk(value, seen, (v) => (found = this.changed.has(v)), true);
    if (!ok) return found ? true : undefined;
    for (const v of seen) this.clean.add(v);
    return false;
  }

  /** Follows everything from `start` not yet `seen` (nor, with `skipClean`, clean) until `stop` says so; false when stopped or out of allowance. */
  private walk(start: unknown, seen: Set<object>, stop: (v: object) => boolean, skipClean: boolean): boolean {
    const stack: unknown[] = [start];
    const push = (v: unknown): void => {
      if (typeof v === 'object' && v !== null) stack.push(v);
    };
    while (stack.length > 0) {
      const v = stack.pop() as object;
      if (seen.has(v) || (skipClean && this.clean.has(v)) || v === this.moduleScope || isSyntaxNode(v)) continue;
      if (stop(v) || --this.left < 0) return false;
      seen.add(v);
      attachedTo(v, push);
      for (const table of this.attached) if (table.has(v)) push(table.get(v));
      if (v instanceof Map) {
        for (const [key, value] of v) {
          push(key);
          push(value);
        }
      } else if (v instanceof Set || Array.isArray(v)) {
        for (const item of v) push(item);
      } else if (!(v instanceof WeakMap || v instanceof WeakSet)) {
        for (const key in v) push((v as Record<string, unknown>)[key]);
      }
    }
    return true;
  }
}
