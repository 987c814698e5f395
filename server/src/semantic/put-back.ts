// Putting back statements an edit cannot have reached. After an edit on one line of top-level
// statement `k` whose new run did not do what its last run did (Interpreter.cutShort), the
// statements after it run on; but one that used no module variable a statement run again
// wrote, nor one whose value reaches an object such a statement changed (reach.ts), and that
// starts with the same counters, would do exactly what it did last time: its last run is put
// back instead (journal redo, hover values, events); so is the run of the functions nothing
// calls, after the statements, when no statement run again defined a function or class and the
// instances its methods run on reach no changed object. What a statement run again wrote, in
// either run, is a module variable (a changed name), an object of the program (a changed
// object, unless both runs left the same value in each field or entry they wrote), or an
// interpreter table whose role says how (TableRole). A table read without a name, an import, or
// running out of the walk allowance stops putting back: the rest runs as before (the safe side).
import type { PyNode } from '../parser/syntax';
import { endOf, type Checkpoint, type Counters, type Marks, type Undone } from './interpreter-state';
import { copied, everyWrite, Journal, WriteVisitor } from './journal';
import { ChangedObjects } from './reach';

/**
 * How a table of the interpreter's figures in putting back. `free`: nothing the statements run
 * read (text reads noted for cut-offs, loop sites numbered from a counter that must match);
 * `own nodes`: keyed by syntax nodes, read only where those nodes run, so a write is fine for a
 * key within a statement run again (where data entered the program, functions defined,
 * instances of classes defined); `compared`: fine when both runs left the key with the same
 * value (which node of the file first reached another module's); `attached`: a side table, a
 * write changes its key object; `table`: read without a name, a write stops putting back.
 */
export type TableRole = 'free' | 'own nodes' | 'compared' | 'attached' | 'table';

/** What putting back needs of the interpreter. */
export interface PutBackHost {
  readonly journal: Journal;
  /** The module's variables. */
  readonly vars: Map<string, unknown>;
  /** The interpreter itself, as a side table's key (a table of its own, not an object of the program). */
  readonly context: object;
  /** This run's checkpoint at the start of statement `i`. */
  startOf(i: number): Checkpoint;
  importCount(): number;
  countersAre(counters: Counters): boolean;
  replayPart(undone: Undone, from: Marks, to: Marks, end: Counters): void;
  /** The role of a write target that is one of the interpreter's tables (undefined: an object of the program). */
  roleOf(target: unknown): TableRole | undefined;
  /** The tables whose contents are read without a name (what they reach cannot be traced to names). */
  tables(): readonly unknown[];
  /** The module's own scope, and the interpreter's tables from a key object to what it holds (for ChangedObjects). */
  readonly moduleScope: object;
  readonly attached: readonly WeakMap<object, unknown>[];
  /** The tables of functions and classes defined (keyed by their definitions), and the instances each class has. */
  readonly definitions: readonly unknown[];
  readonly instances: unknown;
}

/** Objects followed at most per edit to tell whether a value reaches a changed one: a few walks over a large module's state. */
const FOLLOWED = 40_000;

/** No write of this side (ranAgain). */
const NOTHING = Symbol('nothing');

export class LastRun {
  /** Module names a statement run again wrote, in this run or the last. */
  private readonly changed = new Set<string>();
  /** The statements run again, as they are now and as they were last time (the edited one's nodes may be new). */
  private readonly reran: PyNode[] = [];
  /** What `own nodes` tables hold for keys of those statements (functions' called flags): not a change of the program's objects. */
  private readonly ownEntries = new Set<object>();
  /** Objects the statements run again changed, and what reaches them. */
  private readonly walks: ChangedObjects;
  /** A statement run again defined a function or a class (the functions nothing calls must run again). */
  private definedAgain = false;
  /** False once it cannot be told what the statements run again changed. */
  private on = true;
  /** Statements put back so far. */
  count = 0;

  constructor(
    private readonly host: PutBackHost,
    /** What rewinding to the edited statement took away, and the checkpoint it went back to. */
    private readonly undone: Undone,
    private readonly at: Checkpoint,
    /** The last run's checkpoints, module names used and statements, by index. */
    private readonly starts: readonly Checkpoint[],
    private readonly names: readonly (Set<string> | undefined)[],
    private readonly statements: readonly PyNode[],
  ) {
    this.walks = new ChangedObjects(host.moduleScope, host.attached, FOLLOWED);
  }

  /**
   * Puts back the last run of statement `i` when nothing it used can have changed (see the
   * file's comment); answers the module names it used, or undefined when it must run.
   */
  putBack(i: number): Set<string> | undefined {
    const names = this.names[i];
    if (!names || !this.unreached(names)) return undefined;
    const to = this.starts[i + 1];
    if (!this.putBackPart(this.starts[i], relative(to, this.at), to)) return undefined;
    this.count++;
    return names;
  }

  /**
   * After the statements (`n` of them): puts back the last run of the functions nothing calls
   * (Interpreter.runUncalledFunctions) when no statement run again defined a function or class,
   * none of the module names they used can have changed, and the instances methods run on
   * reach no changed object; answers those names, or undefined when they must run.
   */
  putBackUncalled(n: number): Set<string> | undefined {
    const names = this.names[n];
    if (this.definedAgain || !names || !this.unreached(names)) return undefined;
    if (this.walks.reaches(this.host.instances) !== false) return undefined;
    return this.putBackPart(this.starts[n], endOf(this.undone), this.undone.end) ? names : undefined;
  }

  /** Whether no module name of `names` was written by a statement run again, nor reaches an object one changed. */
  private unreached(names: Set<string>): boolean {
    if (!this.on) return false;
    const { host } = this;
    if ((this.changed.size > 0 || this.walks.size > 0) && names.has('*')) return false;
    for (const name of this.changed) if (names.has(name)) return false;
    for (const name of names) {
      const reaches = this.walks.reaches(host.vars.get(name));
      if (reaches === undefined) this.on = false;
      if (reaches !== false) return false;
    }
    return true;
  }

  /** Does again what the last run did from checkpoint `from` to `end` (relative to `at`), ending with counters `endCounters`; false when it cannot. */
  private putBackPart(from: Checkpoint, end: Marks, endCounters: Counters): boolean {
    const { host } = this;
    // Ids, loop numbers or steps that differ now stay different: put nothing more back.
    if (!host.countersAre(from)) {
      this.on = false;
      return false;
    }
    const start = relative(from, this.at);
    // A variable deleted: putting the copy of the variables back would undo other statements' writes.
    if (copied(this.undone.writes.entries, start.journal, end.journal, host.vars)) return false;
    host.replayPart(this.undone, start, end, endCounters);
    // The variables it wrote have their last run's values again.
    everyWrite(this.undone.writes, start.journal, end.journal, (target, key) => {
      if (target === host.vars) this.changed.delete(key as string);
      else if (key === host.context) this.walks.tablesWritten();
      this.walks.wrote(target, key);
      return true;
    });
    return true;
  }

  /** After statement `i` ran again (`statements`: as they are now): notes what it wrote, in this run and its last. */
  ranAgain(statements: readonly PyNode[], i: number): void {
    if (!this.on) return;
    const { host } = this;
    this.reran.push(statements[i], this.statements[i]);
    const from = host.startOf(i);
    const last = relative(this.starts[i], this.at);
    const lastEnd = relative(this.starts[i + 1], this.at);
    const changedObjects = new Set<object>();
    // Fields and map entries that both runs wrote: changed only if they now differ.
    const finals = new Map<object, Map<unknown, unknown[]>>();
    const note =
      (side: number): WriteVisitor =>
      (target, key, one, field, after) => {
        if (side === 0) this.walks.wrote(target, key);
        const role = target === host.vars ? undefined : host.roleOf(target);
        if (role === 'compared' || (!role && target !== host.vars && (field || (one && target instanceof Map)))) {
          let keys = finals.get(target as object);
          if (!keys) finals.set(target as object, (keys = new Map()));
          let values = keys.get(key);
          if (!values) keys.set(key, (values = [NOTHING, NOTHING]));
          values[side] = after;
          return true;
        }
        return this.noteWrite(changedObjects, target, key, one, after, role);
      };
    this.on =
      host.importCount() === from.imports && last.imports === lastEnd.imports &&
      host.journal.everyWriteSince(from.journal, note(0)) &&
      everyWrite(this.undone.writes, last.journal, lastEnd.journal, note(1));
    for (const [target, keys] of finals) {
      if (this.ownEntries.has(target)) continue;
      for (const [now, before] of keys.values()) {
        if (now === before) continue;
        if (host.roleOf(target) === 'compared') this.on = false;
        changedObjects.add(target);
      }
    }
    if (this.on) this.on = this.walks.add(changedObjects, () => host.tables());
  }

  /** ranAgain() for a write that is not compared; false when it stops putting back. */
  private noteWrite(changedObjects: Set<object>, target: unknown, key: unknown, one: boolean, after: unknown, role: TableRole | undefined): boolean {
    switch (role) {
      case undefined:
        if (target === this.host.vars) {
          if (one) this.changed.add(key as string);
          return one;
        }
        // A list grown, a set added to: the object changed.
        changedObjects.add(target as object);
        return true;
      case 'free':
        return true;
      case 'own nodes':
        if (!this.reran.some((s) => isWithin(key as PyNode, s))) return false;
        if (this.host.definitions.includes(target)) this.definedAgain = true;
        if (typeof after === 'object' && after !== null) this.ownEntries.add(after);
        return true;
      case 'attached':
        if (key === this.host.context || typeof key !== 'object' || key === null) return false;
        changedObjects.add(key);
        return true;
      default:
        return false;
    }
  }
}

function isWithin(node: PyNode, statement: PyNode): boolean {
  return node.start >= statement.start && node.end <= statement.end;
}

/** Positions of `mark` from `base`. */
function relative(mark: Marks, base: Marks): Marks {
  return { journal: mark.journal - base.journal, values: mark.values - base.values, events: mark.events - base.events, imports: mark.imports - base.imports };
}
