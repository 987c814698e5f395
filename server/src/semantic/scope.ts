// Variables and path facts, and how they meet where control-flow paths join.
import { join, Value } from './values';
import { deleteAddedIn, segmentNow, setIn } from './journal';

interface LogEntry {
  name: string;
  had: boolean;
  old: Value | undefined;
}

export class Scope {
  readonly vars = new Map<string, Value>();
  /** Names declared `global` in this (function) scope. */
  readonly globals = new Set<string>();
  /**
   * Undo log of writes to `vars` while a branch point is open: a path state is then the few
   * names written since the branch point, not a copy of every variable (which made long
   * modules quadratic).
   */
  private readonly log: LogEntry[] = [];
  private openMarks = 0;

  /** The journal segment the scope was made in (see segmentNow). */
  private readonly made = segmentNow();

  /**
   * While set (the analysed module's scope, during a top-level statement): every name looked up
   * here (found or not) or written under a branch point, for putting back statements an edit
   * cannot have reached (put-back.ts).
   */
  names: Set<string> | undefined;

  constructor(readonly parent: Scope | null) {}

  lookup(name: string): Value | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      scope.names?.add(name);
      const v = scope.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  set(name: string, value: Value): void {
    if (this.globals.has(name)) {
      let root: Scope = this;
      while (root.parent) root = root.parent;
      root.write(name, value);
    } else {
      this.write(name, value);
    }
  }

  private write(name: string, value: Value, logged = true): void {
    // Under a branch point a write counts as a use: the join reads the value it overwrites.
    if (this.openMarks > 0) this.names?.add(name);
    if (logged && this.openMarks > 0) this.log.push({ name, had: this.vars.has(name), old: this.vars.get(name) });
    if (this.made === segmentNow()) this.vars.set(name, value);
    else setIn(this.vars, name, value);
  }

  /** Opens a branch point: the current variables become the base later states are relative to. */
  mark(): number {
    this.openMarks++;
    return this.log.length;
  }

  /** Closes the innermost branch point (the variables stay as they are). */
  unmark(): void {
    if (--this.openMarks === 0) this.log.length = 0;
  }

  /** The variables written since `mark`: their value then (if any) and now. */
  changesSince(mark: number): Map<string, Change> {
    const changes = new Map<string, Change>();
    for (let i = mark; i < this.log.length; i++) {
      const e = this.log[i];
      if (!changes.has(e.name)) changes.set(e.name, { had: e.had, base: e.old, value: e.old as Value });
    }
    for (const [name, change] of changes) change.value = this.vars.get(name) as Value;
    return changes;
  }

  /** Puts the variables back as they were at `mark`, then applies `changes`. */
  reset(mark: number, changes: ReadonlyMap<string, Change>): void {
    for (let i = this.log.length - 1; i >= mark; i--) {
      const e = this.log[i];
      // A name a branch added (it was not there at the branch point, which is after the
      // journal's last mark: no branch is open between top-level statements).
      if (e.had) this.write(e.name, e.old as Value, false);
      else if (this.made === segmentNow()) this.vars.delete(e.name);
      else deleteAddedIn(this.vars, e.name);
    }
    this.log.length = mark;
    for (const [name, change] of changes) this.write(name, change.value);
  }
}

/** A variable written since a branch point: whether it existed there, its value there, and now. */
export interface Change {
  had: boolean;
  base: Value | undefined;
  value: Value;
}

/**
 * What a path has established since a branch point: the variables it wrote (the others are as
 * at the branch point) and its must-facts (seeds, flags).
 */
export interface PathState {
  changes: Map<string, Change>;
  facts: Set<string>;
}

/** Paths from the same branch point meet: each variable is the join of its values on both. */
export function joinStates(a: PathState, b: PathState): PathState {
  const changes = new Map<string, Change>();
  for (const [name, ca] of a.changes) {
    const cb = b.changes.get(name);
    // A variable b did not write has its branch-point value on b (or does not exist there).
    const value = cb ? join(ca.value, cb.value) : ca.had ? join(ca.value, ca.base) : ca.value;
    changes.set(name, { had: ca.had, base: ca.base, value });
  }
  for (const [name, cb] of b.changes) {
    if (changes.has(name)) continue;
    changes.set(name, { had: cb.had, base: cb.base, value: cb.had ? join(cb.base, cb.value) : cb.value });
  }
  return { changes, facts: commonFacts(a.facts, b.facts) };
}

/** The facts both paths have; one of the two sets itself when it is that (path facts are shared, never changed: see InterpreterState.sharedFacts). */
function commonFacts(a: Set<string>, b: Set<string>): Set<string> {
  if (a === b) return a;
  let all = true;
  for (const f of a) if (!b.has(f)) all = false;
  if (all) return a;
  const facts = new Set<string>();
  for (const f of a) if (b.has(f)) facts.add(f);
  return facts;
}
