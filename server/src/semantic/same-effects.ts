// Whether two runs of one statement, from the same state, did the same thing: what they wrote,
// emitted and recorded. Objects made by the runs are matched by structure, one to one (a value
// made by one run answers to exactly one value of the other); objects from before the runs and
// syntax nodes must be the very same. Used by Interpreter.resume to stop re-running a module
// when an edited statement left the state as it was (early cut-off).

import type { Checkpoint, Undone } from './interpreter-state';
import { isSyntaxNode } from '../parser/syntax';

/** Fields that differ between equal objects made in two runs: a Scope's journal segment. */
const RUN_FIELDS = new Set(['made']);

/** More objects than this to compare: answer "not the same" (the full re-run is the safe side). */
const BUDGET = 100_000;

class Correspondence {
  private readonly pairs = new Map<object, object>();
  private readonly paired = new Set<object>();
  private budget = BUDGET;

  same(a: unknown, b: unknown): boolean {
    if (a === b) return typeof a !== 'object' || a === null || this.pairSelf(a);
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
    const known = this.pairs.get(a);
    if (known !== undefined) return known === b;
    if (this.paired.has(b) || --this.budget < 0) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || isSyntaxNode(a) || isSyntaxNode(b)) return false;
    this.pairs.set(a, b);
    this.paired.add(b);
    if (Array.isArray(a)) return this.sameItems(a, b as unknown[]);
    if (a instanceof Map) return a.size === (b as Map<unknown, unknown>).size && this.sameItems([...a], [...(b as Map<unknown, unknown>)]);
    if (a instanceof Set) return a.size === (b as Set<unknown>).size && this.sameItems([...a], [...(b as Set<unknown>)]);
    if (a instanceof WeakMap || a instanceof WeakSet) return false;
    const keysA = Object.keys(a).filter((k) => !RUN_FIELDS.has(k));
    const keysB = Object.keys(b).filter((k) => !RUN_FIELDS.has(k));
    if (!this.sameItems(keysA, keysB)) return false;
    for (const key of keysA) if (!this.same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    return true;
  }

  sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!this.same(a[i], b[i])) return false;
    return true;
  }

  /** An object both runs refer to: it may not also answer to another object. */
  private pairSelf(a: object): boolean {
    const known = this.pairs.get(a);
    if (known !== undefined) return known === a;
    if (this.paired.has(a)) return false;
    this.pairs.set(a, a);
    this.paired.add(a);
    return true;
  }
}

/**
 * Whether `now` (a rewind of one statement's new run, from checkpoint `at`) did what `last` (a
 * rewind of the last run from the same checkpoint) did up to checkpoint `next`: the same writes
 * in the same order, hover values (at the offsets the last run's have `moved` to), events,
 * imports and counters.
 */
export function sameRun(now: Undone, last: Undone, at: Checkpoint, next: Checkpoint, moved: (lastOffset: number) => number): boolean {
  const slots = next.journal - at.journal;
  const values = next.values - at.values;
  const events = next.events - at.events;
  const imports = next.imports - at.imports;
  if (now.writes.entries.length !== slots || now.values.length !== values || now.events.length !== events || now.imports.length !== imports) return false;
  const end = now.end;
  if (end.ids !== next.ids || end.loopCounter !== next.loopCounter || end.steps !== next.steps || end.importsTorch !== next.importsTorch || end.standalone !== next.standalone) return false;
  const c = new Correspondence();
  const a = now.writes;
  const b = last.writes;
  for (let i = 0; i < slots; i++) if (!c.same(a.entries[i], b.entries[i])) return false;
  for (let i = 0; i < slots / 4; i++) if (!c.same(a.after[i], b.after[i])) return false;
  for (let i = 0; i < values; i += 2) if (now.values[i] !== moved(last.values[i] as number) || !c.same(now.values[i + 1], last.values[i + 1])) return false;
  for (let i = 0; i < values / 2; i++) if (!c.same(now.valuesAfter[i], last.valuesAfter[i])) return false;
  for (let i = 0; i < events; i++) if (!c.same(now.events[i], last.events[i])) return false;
  for (let i = 0; i < imports; i++) if (!c.same(now.imports[i], last.imports[i])) return false;
  return c.same(end.facts, next.facts);
}
