// The interpreter's state: variables, path facts, loops, frames, and what library semantics
// (library.ts) may ask of it. Expressions (expressions.ts) and statements (interpreter.ts) build on it.
import { PyNode, SourceText } from '../parser/syntax';
import { AnalysisEvent } from './events';
import { Scope, PathState } from './scope';
import { DataFacts, dataIn, join, options, Origin, Part, SplitInfo, UNKNOWN, unknownAt, Value, withVary } from './values';
import { CallArgs, callArgs, iterateSplitter, LibraryContext } from './library';
import { LineIndex } from '../engine/text';
import { ModuleHost, ModuleUnit, rootOf } from './modules';
import { Journal, setIn, UndoneWrites } from './journal';

export interface ImportBinding {
  /** The local name bound by the import. */
  local: string;
  /** The qualified name it stands for. */
  qname: string;
  statement: PyNode;
}

export interface InterpreterOptions {
  /** Record the value of every identifier occurrence (for hover). */
  recordValues?: boolean;
  /** Finds the project's own modules, so imports of them are followed (none: every import is a library). */
  modules?: ModuleHost;
  /** Keep what resuming the next analysis of an edit of the module needs (Interpreter.resume). */
  resumable?: boolean;
}

/** The interpreter's state at the start of a top-level statement, for resuming there. */
export interface Checkpoint extends Counters, Marks {}

/** Positions in the journal, the value history, the events and the imports. */
export interface Marks {
  readonly journal: number;
  readonly values: number;
  readonly events: number;
  readonly imports: number;
}

const NO_MARKS: Marks = { journal: 0, values: 0, events: 0, imports: 0 };

/** The positions just past everything rewind() took away (relative to where it went back to). */
export function endOf(undone: Undone): Marks {
  return { journal: undone.writes.entries.length, values: undone.values.length, events: undone.events.length, imports: undone.imports.length };
}

/** What a checkpoint restores besides the journal and the lists. */
export interface Counters {
  readonly ids: number;
  readonly loopCounter: number;
  readonly steps: number;
  readonly importsTorch: boolean;
  readonly standalone: boolean;
  readonly facts: Set<string>;
}

/** What a rewind took away: the writes, the hover values, events and imports, and the counters it ended with. */
export interface Undone {
  readonly writes: UndoneWrites;
  /** The value history's entries (offset, value before), and the value each offset had after its entry. */
  readonly values: (number | Value | undefined)[];
  readonly valuesAfter: (Value | undefined)[];
  readonly events: AnalysisEvent[];
  readonly imports: ImportBinding[];
  readonly end: Counters;
}

export const MAX_CALL_DEPTH = 8;
/** Instances of a class whose uncalled methods are run (a train and a validation dataset). */
export const MAX_INSTANCES_RUN = 2;
export const MAX_EXPRESSION_DEPTH = 400;
export const MAX_BLOCK_DEPTH = 200;
/** Statements executed before the analysis gives up on a file (it keeps what it found). */
export const MAX_STEPS = 400_000;
export const LOOP_PASSES = 2;
/** Loops nested deeper than this run one pass (keeps nested-loop analysis linear). */
export const MAX_REPEATED_LOOP_DEPTH = 6;

export const BUILTINS = new Set([
  'max', 'min', 'sorted', 'next', 'iter', 'len', 'print', 'zip', 'enumerate', 'range', 'list', 'dict', 'tuple', 'set',
  'float', 'int', 'round', 'abs', 'sum', 'any', 'all', 'isinstance', 'getattr', 'open', 'str', 'map', 'filter', 'reversed', 'super',
]);

export interface Frame {
  fn: PyNode;
  returns: Value | undefined;
}

export abstract class InterpreterState implements LibraryContext {
  readonly events: AnalysisEvent[] = [];
  readonly imports: ImportBinding[] = [];
  readonly values = new Map<number, Value>();
  /** With `resumable`: each offset recorded in `values` and its value before (undefined: none), for rewind. */
  private readonly valueHistory: (number | Value | undefined)[] = [];
  /** Function and method definitions seen, and whether anything called them. */
  readonly functions = new Map<PyNode, { called: boolean; closure: Scope; selfClass?: PyNode }>();
  importsTorch = false;
  /** Project modules run so far, by path (the entry module too, so a cycle back to it stops). */
  readonly moduleValues = new Map<string, Extract<Value, { kind: 'module' }>>();
  /** Roots of the other modules' trees: which module a node belongs to. */
  readonly foreignRoots = new Map<PyNode, ModuleUnit>();
  /** Nodes of other modules → the node of the analysed file that first reached them. */
  readonly anchors = new Map<PyNode, PyNode>();
  /** The module whose code runs now (undefined: the analysed file). */
  protected currentUnit: ModuleUnit | undefined;
  /** While another module's code runs: the analysed file's call or import that reached it. */
  protected anchor: PyNode | undefined;

  /**
   * With `resumable`: the top-level statements' starts, the one running (its index, and its start
   * while it runs; Infinity after the last), and each statement whose text was read after it ran
   * → the index of the last statement that read it (the statement count: the functions nothing calls).
   */
  protected topLevelStarts: readonly number[] = [];
  protected readingIndex = 0;
  protected readingFrom = -Infinity;
  protected readonly readLater = new Map<number, number>();

  protected scope: Scope;
  protected facts = new Set<string>();
  /**
   * `facts` is referenced by an event or a path state: it is copied before it next changes
   * (copy on write), so an event need not copy the path facts it was emitted under.
   */
  private factsShared = false;
  protected readonly frames: Frame[] = [];
  protected readonly loops: number[] = [];
  protected loopCounter = 0;
  protected readonly loopSites = new Map<number, PyNode>();
  protected depth = 0;
  protected blockDepth = 0;
  protected steps = 0;
  protected standaloneMode = false;
  protected ids = 0;
  /** Every place data entered the program (loads, generators, opaque values), by site. */
  readonly origins = new Map<PyNode, Origin>();
  protected readonly implicitSplits = new Map<string, SplitInfo>();
  /** Condition filters named for a part, waiting for a filter into another part of the same data. */
  protected readonly pendingFilters = new Map<string, { name: string; part: Part; value: Extract<Value, { kind: 'data' }> }>();
  /** Names of the assignment targets while their right-hand side is evaluated. */
  protected targetHint: { rhs: PyNode; names: string[] } | undefined;

  constructor(
    public source: SourceText,
    protected readonly options: InterpreterOptions = {},
  ) {
    this.scope = new Scope(null);
  }

  /** The state now, between two top-level statements (nothing open: no call, branch or loop). */
  protected checkpoint(journal: Journal): Checkpoint {
    return { journal: journal.mark(), values: this.valueHistory.length, events: this.events.length, imports: this.imports.length, ...this.counters() };
  }

  /** The counters and flags of a checkpoint, as they are now. */
  protected counters(): Counters {
    return { ids: this.ids, loopCounter: this.loopCounter, steps: this.steps, importsTorch: this.importsTorch, standalone: this.standaloneMode, facts: this.sharedFacts() };
  }

  /**
   * Puts the state back as it was at `to` (events and imports after it are dropped). With
   * `keep`, answers what it took away, for replay() or for comparing two runs (sameRun).
   */
  protected rewind(journal: Journal, to: Checkpoint, keep?: false): undefined;
  protected rewind(journal: Journal, to: Checkpoint, keep: true): Undone;
  protected rewind(journal: Journal, to: Checkpoint, keep = false): Undone | undefined {
    const undone: Undone | undefined = keep
      ? { writes: { entries: [], after: [] }, values: this.valueHistory.slice(to.values), valuesAfter: [], events: this.events.slice(to.events), imports: this.imports.slice(to.imports), end: this.counters() }
      : undefined;
    journal.undo(to.journal, undone?.writes);
    const history = this.valueHistory;
    for (let i = history.length - 2; i >= to.values; i -= 2) {
      const offset = history[i] as number;
      if (undone) undone.valuesAfter[(i - to.values) / 2] = this.values.get(offset);
      const old = history[i + 1] as Value | undefined;
      if (old === undefined) this.values.delete(offset);
      else this.values.set(offset, old);
    }
    history.length = to.values;
    this.events.length = to.events;
    this.imports.length = to.imports;
    this.restoreCounters(to);
    return undone;
  }

  /** Does again what rewind() took away (the state must be the one it went back to). */
  protected replay(journal: Journal, undone: Undone): void {
    this.replayPart(journal, undone, NO_MARKS, endOf(undone), undone.end);
  }

  /**
   * Does again the part of what rewind() took away between its positions `from` and `to`
   * (relative to where it went back to), and makes the counters `end`. The hover values and the
   * journal entries it adds keep what is there now, so rewinding undoes to it.
   */
  protected replayPart(journal: Journal, undone: Undone, from: Marks, to: Marks, end: Counters): void {
    journal.redo(undone.writes, from.journal, to.journal);
    const history = this.valueHistory;
    for (let i = from.values; i < to.values; i += 2) {
      const offset = undone.values[i] as number;
      history.push(offset, this.values.get(offset));
      const now = undone.valuesAfter[i / 2];
      if (now === undefined) this.values.delete(offset);
      else this.values.set(offset, now);
    }
    for (let i = from.events; i < to.events; i++) this.events.push(undone.events[i]);
    for (let i = from.imports; i < to.imports; i++) this.imports.push(undone.imports[i]);
    this.restoreCounters(end);
  }

  /** Whether the counters and flags are now as `c` has them. */
  protected countersAre(c: Counters): boolean {
    if (this.ids !== c.ids || this.loopCounter !== c.loopCounter || this.steps !== c.steps || this.importsTorch !== c.importsTorch || this.standaloneMode !== c.standalone) return false;
    if (this.facts === c.facts) return true;
    if (this.facts.size !== c.facts.size) return false;
    for (const fact of this.facts) if (!c.facts.has(fact)) return false;
    return true;
  }

  private restoreCounters(to: Counters): void {
    this.ids = to.ids;
    this.loopCounter = to.loopCounter;
    this.steps = to.steps;
    this.importsTorch = to.importsTorch;
    this.standaloneMode = to.standalone;
    this.replaceFacts(to.facts);
  }

  // ---- LibraryContext ------------------------------------------------------------------

  get standalone(): boolean {
    return this.standaloneMode;
  }

  get activeLoops(): readonly number[] {
    return this.loops;
  }

  /** No branch or loop is open: the statement runs whenever the code before it has. */
  get unconditional(): boolean {
    return this.branchPoints.length === 0;
  }

  loopSite(id: number): PyNode | undefined {
    return this.loopSites.get(id);
  }

  get pathFacts(): ReadonlySet<string> {
    return this.facts;
  }

  setFact(fact: string, on: boolean): void {
    if (on === this.facts.has(fact)) return;
    if (this.factsShared) {
      this.facts = new Set(this.facts);
      this.factsShared = false;
    }
    if (on) this.facts.add(fact);
    else this.facts.delete(fact);
  }

  /** The path facts as they are now, to keep: later changes do not reach it. */
  protected sharedFacts(): Set<string> {
    this.factsShared = true;
    return this.facts;
  }

  /** Makes `facts` (kept elsewhere too) the path facts. */
  protected replaceFacts(facts: Set<string>): void {
    this.facts = facts;
    this.factsShared = true;
  }

  emit(event: DistributiveOmit<AnalysisEvent, 'standalone' | 'facts'>): AnalysisEvent {
    const base = { standalone: this.standaloneMode, facts: this.sharedFacts() };
    if (this.anchor && this.currentUnit) {
      // Inside another module: reported where the analysed file reached it; a seed argument
      // there would be an edit of the other file, so none is offered.
      this.noteAnchor(event.site);
      const within = { module: this.currentUnit, node: event.site };
      const placed = { ...event, ...base, site: this.anchor, within, ...('seedParam' in event ? { seedParam: undefined } : {}) } as AnalysisEvent;
      this.events.push(placed);
      return placed;
    }
    const full = { ...event, ...base } as AnalysisEvent;
    this.events.push(full);
    return full;
  }

  /** Remembers which node of the analysed file reached a node of another module (first wins). */
  protected noteAnchor(node: PyNode): void {
    if (this.anchor && this.currentUnit && !this.anchors.has(node)) setIn(this.anchors, node, this.anchor);
  }

  /** The module a node belongs to (undefined: the analysed file). */
  unitOf(node: PyNode): ModuleUnit | undefined {
    return this.foreignRoots.size ? this.foreignRoots.get(rootOf(node)) : undefined;
  }

  nextId(): number {
    return ++this.ids;
  }

  text(node: PyNode): string {
    const unit = this.unitOf(node);
    if (node.start < this.readingFrom && !unit) this.noteEarlierRead(node);
    return (unit?.source ?? this.source).of(node);
  }

  /**
   * Notes that the top-level statement holding `node` had its text read after it ran (by a later
   * statement calling a function it defined, or by the functions nothing calls): an edit of its
   * literals may then change what the later code did.
   */
  private noteEarlierRead(node: PyNode): void {
    const starts = this.topLevelStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= node.start) low = mid;
      else high = mid - 1;
    }
    if ((this.readLater.get(low) ?? -1) < this.readingIndex) setIn(this.readLater, low, this.readingIndex);
  }

  originAt(site: PyNode, what: string): Origin {
    let origin = this.origins.get(site);
    if (!origin) {
      origin = { id: this.nextId(), site, what, ...(isParameterName(site) ? { parameter: true } : {}) };
      setIn(this.origins, site, origin);
    }
    return origin;
  }

  newData(site: PyNode, what: string): DataFacts {
    return { origins: [this.originAt(site, what)], parts: ['full'], splits: [], influences: [], predictionOf: [] };
  }

  /** The data a value stands for; opaque values become data that came from where they were made. */
  materialize(value: Value): DataFacts | undefined {
    const data = dataIn(value);
    if (data) return data;
    for (const v of options(value)) {
      if (v.kind === 'unknown' && v.site) return this.newData(v.site, `the value from line ${this.lineOf(v.site)}`);
    }
    return undefined;
  }

  targetNamesFor(node: PyNode): string[] | undefined {
    return this.targetHint && this.targetHint.rhs === node ? this.targetHint.names : undefined;
  }

  lineOf(node: PyNode): number {
    return (this.unitOf(node)?.lines ?? LineIndex.of(this.source.text)).lineOf(node.start) + 1;
  }

  callValue(callee: Value, args: CallArgs): Value {
    return this.invoke(callee, args);
  }

  importsModule(root: string): boolean {
    return this.imports.some((i) => i.qname === root || i.qname.startsWith(`${root}.`));
  }

  abstract evaluate(node: PyNode): Value;

  callPerTrial(site: PyNode, callee: Value, calleeNode: PyNode | undefined, argument: (loopId: number) => Value): Value {
    const loopId = ++this.loopCounter;
    setIn(this.loopSites, loopId, site);
    this.loops.push(loopId);
    try {
      // `study.optimize(lambda trial: objective(trial, X, y))`: the lambda is the objective.
      const fn: Value = calleeNode?.type === 'lambda' ? { kind: 'function', def: calleeNode, closure: this.scope } : callee;
      const args = callArgs(site, [argument(loopId)]);
      return this.invoke(fn, args);
    } finally {
      this.loops.pop();
    }
  }

  protected readonly branchPoints: { scope: Scope; mark: number }[] = [];

  /** Opens a branch point on the current scope and answers the state there. */
  protected branchPoint(): PathState {
    this.branchPoints.push({ scope: this.scope, mark: this.scope.mark() });
    return this.snapshot();
  }

  /** Closes the innermost branch point, first restoring `state` when given. */
  protected closeBranchPoint(state?: PathState): void {
    if (state) this.restore(state);
    this.branchPoints.pop()!.scope.unmark();
  }

  /** The current state, relative to the innermost branch point. */
  protected snapshot(): PathState {
    const at = this.branchPoints[this.branchPoints.length - 1];
    return { changes: at.scope.changesSince(at.mark), facts: this.sharedFacts() };
  }

  protected restore(state: PathState): void {
    const at = this.branchPoints[this.branchPoints.length - 1];
    at.scope.reset(at.mark, state.changes);
    this.replaceFacts(state.facts);
  }

  protected body(node: PyNode | undefined): PyNode[] {
    if (!node) return [];
    return node.type === 'block' ? node.children : [node];
  }

  protected record(node: PyNode, value: Value): void {
    if (this.options.recordValues && !this.currentUnit) {
      if (this.options.resumable) this.valueHistory.push(node.start, this.values.get(node.start));
      this.values.set(node.start, value);
    }
  }

  protected lookup(name: string, node: PyNode): Value {
    const v = this.scope.lookup(name);
    if (v !== undefined) return v;
    if (BUILTINS.has(name)) return { kind: 'ref', qname: `builtins.${name}` };
    return unknownAt(node);
  }

  protected currentLoopElement: { loopId: number } | undefined;

  protected withLoopVariable(loopId: number, head: () => void): void {
    const previous = this.currentLoopElement;
    this.currentLoopElement = { loopId };
    try {
      head();
    } finally {
      this.currentLoopElement = previous;
    }
  }

  /** What iterating over a value yields; the element varies with the innermost loop. */
  elementOf(iterable: Value): Value {
    const loopId = this.currentLoopElement?.loopId ?? this.loops[this.loops.length - 1];
    let element: Value | undefined;
    for (const option of options(iterable)) {
      let item: Value;
      if (option.kind === 'box') item = option.box.elem;
      else if (option.kind === 'seq') item = option.items.reduce<Value | undefined>((acc, v) => join(acc, v), undefined) ?? UNKNOWN;
      else if (option.kind === 'data') item = option;
      else if (option.kind === 'estimator' && option.est.kind === 'splitter') item = iterateSplitter(this, option.est);
      else item = UNKNOWN;
      element = join(element, item);
    }
    const result = element ?? UNKNOWN;
    return loopId ? withVary(result, [loopId]) : result;
  }

  /** Calls a value (a library name, a function defined in the file, a class…). */
  protected abstract invoke(callee: Value, args: CallArgs): Value;
}

/** The name of a function parameter (`def f(df)`, `def f(df=None)`, `def f(df: pd.DataFrame)`). */
function isParameterName(node: PyNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'parameters' || parent.type === 'lambda_parameters') return true;
  return ['default_parameter', 'typed_parameter', 'typed_default_parameter'].includes(parent.type) && parent.parent?.type === 'parameters' && parent.children.find((c) => c.type === 'identifier') === node;
}

export type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;
