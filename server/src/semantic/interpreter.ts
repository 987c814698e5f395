// Runs a Python module abstractly: statements in order, branches joined, loops to a small
// fixed point, functions nothing calls analysed on their own. Expressions and calls are in
// expressions.ts, the shared state in interpreter-state.ts; together they are the only code
// that knows Python's semantics. What library calls do lives in library.ts, driven by the ML
// API tables.
import { field, fields, namedChildren, PyNode, SourceText } from '../parser/syntax';
import { CUDNN_DETERMINISTIC } from './events';
import { joinStates, Scope } from './scope';
import { DataFacts, dataIn, join, options, Part, SplitInfo, SplitMethod, UNKNOWN, unknownAt, Value, varies, withVary, uniq, learnedIn, scoresIn } from './values';
import { partFromName } from './naming';
import { usePoint } from './operating-points';
import { columnNames, selectColumn, withDerivedColumn } from './columns';
import { ExpressionInterpreter } from './expressions';
import { callArgs } from './library';
import { noteColumnWrite } from './column-library';
import { columnNotes } from './column-book';
import { Checkpoint, ImportBinding, InterpreterOptions, MAX_BLOCK_DEPTH, MAX_STEPS, LOOP_PASSES, MAX_REPEATED_LOOP_DEPTH } from './interpreter-state';
import { ModuleUnit } from './modules';
import { FRAME_ATTRIBUTES, lookupApi } from '../ml/tables';
import { addTo, assign, deleteIn, Journal, recordingInto, setIn } from './journal';
import { attachedTo, isSideTable } from './side-tables';
import { LastRun, PutBackHost, TableRole } from './put-back';
import { sameRun } from './same-effects';
import { changedSpan } from '../engine/text';

export type { ImportBinding, InterpreterOptions };

const LINE_BREAK = /[\r\n]/;

export class Interpreter extends ExpressionInterpreter {
  // ---- Running a module ------------------------------------------------------------------

  /** With `resumable`: every write since the run began, to undo back to a checkpoint. */
  private readonly journal = this.options.resumable ? new Journal() : undefined;
  /** With `resumable`: the state at the start of each top-level statement run, and after the last. */
  private readonly starts: Checkpoint[] = [];
  /** The top-level statements of the module last run (where each began then: topLevelStarts). */
  private statements: readonly PyNode[] = [];
  /** With `resumable`: the module names each top-level statement used (Scope.names), by index. */
  private readonly namesUsed: (Set<string> | undefined)[] = [];
  /** How the last resume() went, for tests and the benchmark. */
  lastResume: 'none' | 'resumed' | 'cut short' | 'put back' = 'none';
  /** Whether the last run of the functions nothing calls was put back (for tests and the benchmark). */
  uncalledPutBack = false;

  run(root: PyNode): void {
    recordingInto(this.journal, () => {
      const host = this.options.modules;
      if (host) setIn(this.moduleValues, host.entryPath, { kind: 'module', path: host.entryPath, scope: this.scope });
      this.runTopLevel(root.children, 0);
      this.runUncalledFunctions();
    });
  }

  /**
   * Runs an edit of the module last run (`root`, whose unchanged top-level statements are the
   * same nodes as before) from its first changed top-level statement on, with the state as it
   * was there; the statements before it are not run again. A statement the edit moved (its node
   * shifted in place) counts as changed: values and labels hold offsets and line numbers; so
   * does one whose text changed under the same nodes (an edited literal, parser.ts adoptOldNodes).
   * False (and nothing done) when that is not possible: the interpreter is not resumable, the
   * first statement changed, or the last run stopped before the changed statement. The result
   * is what run() on a new interpreter gives (test/lsp/incremental-differential.test.ts).
   */
  resume(root: PyNode, source: SourceText): boolean {
    const journal = this.journal;
    if (!journal) return false;
    const statements = root.children;
    const lastText = this.source.text;
    const edit = changedSpan(lastText, source.text);
    const before = this.statements;
    const starts = this.topLevelStarts;
    const unchanged = (i: number): boolean => {
      const statement = statements[i];
      return statement === before[i] && statement.start === starts[i] && !(statement.start < edit.end && statement.end > edit.start);
    };
    let first = 0;
    while (first < statements.length && first < before.length && unchanged(first)) first++;
    if (first === 0 || first >= this.starts.length) return false;
    this.source = source;
    recordingInto(journal, () => {
      // An edit on one line that keeps the line breaks: what the statements after it did stays true of them.
      const oneLine = !LINE_BREAK.test(lastText.slice(edit.start, edit.endBefore)) && !LINE_BREAK.test(source.text.slice(edit.start, edit.end));
      if (oneLine && this.cutShort(journal, statements, first, edit)) return;
      this.rewind(journal, this.starts[first]);
      this.starts.length = first;
      this.namesUsed.length = first;
      this.runTopLevel(statements, first);
      this.runUncalledFunctions();
      this.lastResume = 'resumed';
    });
    return true;
  }

  /**
   * For an edit within one line of the top-level statement `k`, with the statements after `k`
   * the same nodes (shifted in place by the edit's change of length, on the same lines): `k` is
   * run again alone. Early cut-off: when nothing read the text of `k` after it ran and `k` is the
   * same nodes with new literals (parser.ts adoptOldNodes), or new nodes where the last run of
   * `k` did nothing (a comment), and the new run left the state, events and hover values exactly
   * as the last did (same-effects.ts), the rest of the last run is put back, hover values moved
   * with their nodes. Otherwise the statements after `k` run on, but each one the edit cannot
   * have reached is put back from the last run instead (put-back.ts). False when this does not
   * apply; else the module has been run on.
   */
  private cutShort(journal: Journal, statements: readonly PyNode[], k: number, edit: { start: number; end: number; endBefore: number }): boolean {
    const n = statements.length;
    const before = this.statements;
    const starts = this.topLevelStarts;
    const lastStarts = this.starts.slice();
    if (k >= n || n !== before.length || lastStarts.length !== n + 1) return false;
    const at = lastStarts[k];
    const next = lastStarts[k + 1];
    const didNothing = next.journal === at.journal && next.values === at.values && next.events === at.events && next.imports === at.imports;
    const comparable = !this.readLater.has(k) && ((statements[k] === before[k] && statements[k].start === starts[k]) || didNothing);
    const delta = edit.end - edit.endBefore;
    for (let i = k + 1; i < n; i++) if (statements[i] !== before[i] || statements[i].start !== starts[i] + delta || statements[i].start < edit.end) return false;
    const moved = (offset: number): number => (offset >= edit.endBefore ? offset + delta : offset);
    const lastNames = this.namesUsed.slice();
    const last = this.rewind(journal, at, true);
    this.starts.length = k;
    this.namesUsed.length = k;
    this.runTopLevel(statements, k, k + 1);
    const now = this.rewind(journal, this.starts[k], true);
    if (delta !== 0) for (let i = 0; i < last.values.length; i += 2) last.values[i] = moved(last.values[i] as number);
    if (comparable && sameRun(now, last, at, next, (offset) => offset)) {
      this.replay(journal, last);
      this.starts.length = 0;
      for (const checkpoint of lastStarts) this.starts.push(checkpoint);
      for (let i = k; i <= n; i++) this.namesUsed[i] = lastNames[i];
      this.lastResume = 'cut short';
      this.uncalledPutBack = true;
      return true;
    }
    this.replay(journal, now);
    const lastRun = new LastRun(this.putBackHost(journal), last, at, lastStarts, lastNames, before);
    lastRun.ranAgain(statements, k);
    this.runTopLevel(statements, k + 1, n, lastRun);
    this.runUncalledFunctions(lastRun);
    this.lastResume = lastRun.count > 0 ? 'put back' : 'resumed';
    return true;
  }

  /** What putting back statements (put-back.ts) needs of the interpreter. */
  private putBackHost(journal: Journal): PutBackHost {
    const vars = this.scope.vars as Map<string, unknown>;
    return {
      journal,
      vars,
      context: this,
      startOf: (i) => this.starts[i],
      importCount: () => this.imports.length,
      countersAre: (counters) => this.countersAre(counters),
      replayPart: (undone, from, to, end) => this.replayPart(journal, undone, from, to, end),
      roleOf: (target) => this.tableRole(target),
      // Not instancesOf: statements read only how many instances a class has (the functions nothing calls run again anyway).
      tables: () => {
        const tables: unknown[] = [this.functions, this.moduleValues, this.implicitSplits, this.pendingFilters, this.origins];
        attachedTo(this, (value) => tables.push(value));
        return tables;
      },
      moduleScope: this.scope,
      attached: [this.instanceModels],
      definitions: [this.functions, this.instancesOf],
      instances: this.instancesOf,
    };
  }

  /** How a write target figures in putting back, when it is one of the interpreter's tables (put-back.ts TableRole). */
  private tableRole(target: unknown): TableRole | undefined {
    if (target === this.readLater || target === this.loopSites) return 'free';
    if (target === this.origins || target === this.functions || target === this.instancesOf) return 'own nodes';
    if (target === this.anchors) return 'compared';
    if (isSideTable(target) || target === this.instanceModels) return 'attached';
    if (target === this.scope.globals || target === this.moduleValues || target === this.foreignRoots || target === this.implicitSplits || target === this.pendingFilters) return 'table';
    return undefined;
  }

  /**
   * execBlock for the module's statements `from` to `to`, keeping the state at each one's start
   * (and after the last) and the module names each one used. With `last`, a statement the edit
   * cannot have reached is put back from the last run instead of run (put-back.ts).
   */
  private runTopLevel(statements: readonly PyNode[], from: number, to = statements.length, last?: LastRun): void {
    this.statements = statements.slice();
    this.topLevelStarts = statements.map((s) => s.start);
    const module = this.scope;
    this.blockDepth++;
    try {
      for (let i = from; i < to; i++) {
        if (this.journal) {
          this.starts.push(this.checkpoint(this.journal));
          this.readingIndex = i;
          this.readingFrom = statements[i].start;
          const putBack = last?.putBack(i);
          if (putBack) {
            this.namesUsed[i] = putBack;
            continue;
          }
          module.names = this.namesUsed[i] = new Set();
        }
        if (this.steps++ > MAX_STEPS) return;
        this.execStatement(statements[i]);
        last?.ranAgain(statements, i);
      }
      if (this.journal && to === statements.length) this.starts.push(this.checkpoint(this.journal));
    } finally {
      module.names = undefined;
      this.blockDepth--;
      if (this.journal) {
        // What runs next (the functions nothing calls) reads every statement after it ran.
        this.readingIndex = statements.length;
        this.readingFrom = Infinity;
      }
    }
  }

  /**
   * Functions nothing in the file calls (library-style code, methods) are analysed too, with
   * unknown arguments and the module's final state; their events are marked standalone. The
   * module names they use are noted after the statements' (namesUsed); with `last`, their last
   * run is put back when an edit cannot have reached them (put-back.ts).
   */
  protected runUncalledFunctions(last?: LastRun): void {
    const n = this.statements.length;
    this.uncalledPutBack = false;
    if (this.journal) {
      const putBack = last?.putBackUncalled(n);
      this.uncalledPutBack = putBack !== undefined;
      if (putBack) {
        this.namesUsed[n] = putBack;
        return;
      }
      this.scope.names = this.namesUsed[n] = new Set();
    }
    try {
      this.runEveryUncalledFunction();
    } finally {
      this.scope.names = undefined;
    }
  }

  private runEveryUncalledFunction(): void {
    const moduleState = this.branchPoint();
    this.standaloneMode = true;
    try {
      for (let round = 0; round < 3; round++) {
        // Other modules' functions count only where the analysed file reaches them.
        const pending = [...this.functions].filter(([def, info]) => !info.called && !this.unitOf(def));
        if (pending.length === 0) break;
        for (const [def, info] of pending) {
          if (this.steps > MAX_STEPS) return;
          if (!info.called) assign(info, 'called', true);
          // A method runs on the instances the program made (`Dataset(df_train).__getitem__`
          // reads the columns of df_train), else on an instance nothing is known about.
          const made = info.selfClass ? this.instancesOf.get(info.selfClass) : undefined;
          const selves: (Value | undefined)[] = made ?? [info.selfClass ? { kind: 'instance', cls: info.selfClass, attrs: new Map() } : undefined];
          for (const self of selves) {
            this.restore(moduleState);
            this.invokeFunction(def, info.closure, callArgs(def, self ? [self] : [], true));
          }
        }
      }
    } finally {
      this.closeBranchPoint();
    }
  }

  /**
   * Open branch points, innermost last. Path states are the variables written since the
   * innermost one (copying every variable at each branch made long modules quadratic).
   */
  // ---- Statements ------------------------------------------------------------------------

  protected execBlock(nodes: readonly PyNode[]): void {
    if (this.blockDepth > MAX_BLOCK_DEPTH) return;
    this.blockDepth++;
    try {
      for (const node of nodes) {
        if (this.steps++ > MAX_STEPS) return;
        this.execStatement(node);
      }
    } finally {
      this.blockDepth--;
    }
  }

  protected execStatement(node: PyNode): void {
    switch (node.type) {
      case 'expression_statement':
        for (const child of namedChildren(node)) this.evaluateStatementExpression(child);
        return;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        this.execImport(node);
        return;
      case 'if_statement':
        this.execIf(node);
        return;
      case 'for_statement':
        this.execFor(node);
        return;
      case 'while_statement':
        this.execWhile(node);
        return;
      case 'try_statement':
        this.execTry(node);
        return;
      case 'with_statement':
        this.execWith(node);
        return;
      case 'function_definition':
        this.defineFunction(node);
        return;
      case 'class_definition':
        this.defineClass(node);
        return;
      case 'decorated_definition': {
        const def = field(node, 'definition');
        if (def) this.execStatement(def);
        return;
      }
      case 'return_statement': {
        const value = namedChildren(node)[0];
        const result = value ? this.evaluate(value) : ({ kind: 'const', value: null } as Value);
        usePoint(this, dataIn(result)); // predictions cut at a picked threshold, handed to the caller
        const frame = this.frames[this.frames.length - 1];
        if (frame) frame.returns = join(frame.returns, result);
        return;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        for (const id of namedChildren(node)) if (id.type === 'identifier') addTo(this.scope.globals, this.text(id));
        return;
      case 'match_statement':
        this.execMatch(node);
        return;
      case 'delete_statement':
      case 'pass_statement':
      case 'break_statement':
      case 'continue_statement':
      case 'comment':
        return;
      case 'raise_statement':
      case 'assert_statement':
      case 'print_statement':
      case 'exec_statement':
        for (const child of namedChildren(node)) this.evaluate(child);
        return;
      case 'block':
      case 'module':
      case 'ERROR':
        // A syntax error: analyse whatever statements the parser recovered inside it.
        this.execBlock(node.children.filter((c) => c.named));
        return;
      default:
        // Stray expressions inside ERROR nodes and the like.
        if (node.named && node.type !== 'identifier') this.evaluate(node);
    }
  }

  protected evaluateStatementExpression(node: PyNode): void {
    switch (node.type) {
      case 'assignment':
        this.execAssignment(node);
        return;
      case 'augmented_assignment': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (!left || !right) return;
        const value = this.binary(this.evaluate(left), this.evaluate(right), node);
        this.assign(left, value, undefined);
        return;
      }
      default:
        this.evaluate(node);
    }
  }

  protected execAssignment(node: PyNode): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!right) {
      if (left) this.evaluate(left); // annotation only: `x: int`
      return;
    }
    if (right.type === 'assignment') {
      // a = b = value
      this.execAssignment(right);
      const inner = field(right, 'left');
      if (left && inner) this.assign(left, this.evaluate(inner), undefined);
      return;
    }
    const previous = this.targetHint;
    this.targetHint = left ? { rhs: right, names: this.targetNames(left) } : undefined;
    let value: Value;
    try {
      value = this.evaluate(right);
    } finally {
      this.targetHint = previous;
    }
    if (left) this.assign(left, value, right);
  }

  protected targetNames(target: PyNode): string[] {
    if (target.type === 'identifier') return [this.text(target)];
    if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list', 'parenthesized_expression'].includes(target.type)) {
      return namedChildren(target).flatMap((c) => this.targetNames(c));
    }
    if (target.type === 'attribute') return [this.text(field(target, 'attribute') ?? target)];
    if (target.type === 'list_splat_pattern') return namedChildren(target).flatMap((c) => this.targetNames(c));
    return [''];
  }

  /** Binds a target (name, tuple pattern, attribute, subscript) to a value. */
  assign(target: PyNode, value: Value, rhs: PyNode | undefined): void {
    switch (target.type) {
      case 'identifier': {
        const name = this.text(target);
        const bound = rhs ? this.implicitSplit(name, value, rhs) : value;
        if (partFromName(name) === 'test') for (const score of scoresIn(value)) score.reportedAsTest ??= target;
        this.scope.set(name, bound);
        this.record(target, bound);
        return;
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        const targets = namedChildren(target);
        const items = this.unpack(value, targets.length);
        // `X_train, X_test = X[:800], X[800:]`: each target keeps its own right-hand side.
        const sources = rhs && ['expression_list', 'tuple'].includes(rhs.type) ? namedChildren(rhs) : [];
        const pairwise = sources.length === targets.length;
        targets.forEach((t, i) => {
          if (t.type === 'list_splat_pattern' || t.type === 'list_splat') {
            const inner = namedChildren(t)[0];
            if (inner) this.assign(inner, { kind: 'seq', items: [] }, undefined);
          } else {
            this.assign(t, items[i], pairwise ? sources[i] : undefined);
          }
        });
        return;
      }
      case 'parenthesized_expression': {
        const inner = namedChildren(target)[0];
        if (inner) this.assign(inner, value, rhs);
        return;
      }
      case 'attribute':
        this.assignAttribute(target, value);
        return;
      case 'subscript':
        this.assignSubscript(target, value);
        return;
      default:
        return;
    }
  }

  protected unpack(value: Value, count: number): Value[] {
    const out: Value[] = [];
    for (let i = 0; i < count; i++) {
      let acc: Value | undefined;
      for (const option of options(value)) {
        let item: Value;
        if (option.kind === 'seq') item = option.items[i] ?? UNKNOWN;
        else if (option.kind === 'box') item = option.box.elem;
        else item = option; // data, unknown…: each part stands for the same rows
        acc = acc ? join(acc, item) : item;
      }
      out.push(withVary(acc ?? UNKNOWN, varies(value)));
    }
    return out;
  }

  protected assignAttribute(target: PyNode, value: Value): void {
    const objectNode = field(target, 'object');
    const attr = field(target, 'attribute');
    if (!objectNode || !attr) return;
    const object = this.evaluate(objectNode);
    const name = this.text(attr);
    // `df.Age = …` on a frame writes the column Age: pandas sets an existing column this way, and
    // a new name (`df.Suvived = …`) becomes a plain attribute, not a column.
    if (object.kind === 'data' && object.facts.column === undefined && !FRAME_ATTRIBUTES.has(name)) {
      if (knownColumn(object.facts, name, value)) this.writeColumn(objectNode, object, { kind: 'const', value: name }, name, value, target.parent ?? target);
      return;
    }
    for (const o of options(object)) {
      if (o.kind === 'ref') {
        const qname = `${o.qname}.${name}`;
        if (qname === 'torch.backends.cudnn.deterministic' || qname === 'torch.backends.cudnn.benchmark') {
          const flag = options(value).find((v) => v.kind === 'const');
          const on = flag && flag.kind === 'const' ? Boolean(flag.value) : undefined;
          this.emit({ type: 'flag', site: target.parent ?? target, name: qname, value: on });
          if (qname.endsWith('deterministic') && on !== undefined) this.setFact(CUDNN_DETERMINISTIC, on);
        }
      } else if (o.kind === 'instance' || o.kind === 'namespace') {
        setIn(o.attrs, name, value);
      }
    }
  }

  protected assignSubscript(target: PyNode, value: Value): void {
    const objectNode = field(target, 'value');
    if (!objectNode) return;
    const object = this.evaluate(objectNode);
    for (const o of options(object)) {
      if (o.kind === 'box') {
        assign(o.box, 'elem', join(o.box.elem, value));
        assign(o.box, 'literal', undefined);
        assign(o.box, 'keys', undefined);
      }
    }
    const index = fields(target, 'subscript');
    // `df["Age"][i] = v`, `df.Age[mask] = v`: rows of the column Age of `df` change, not `df` itself.
    const owner = object.kind === 'data' && object.facts.column !== undefined ? this.columnOwner(objectNode) : undefined;
    if (owner) return this.writeColumn(owner.frameNode, owner.frame, owner.key, owner.name, join(object, value), target.parent ?? target);
    const key = index.length === 1 && (index[0].type === 'string' || index[0].type === 'identifier') ? this.evaluate(index[0]) : undefined;
    const column = index.map((i) => columnNames(this.evaluate(i))).find((c) => c?.single)?.names[0];
    // `df.loc[mask, "rate"] = 0`: some rows of the column change; the others keep what they held.
    const frame = dataIn(object);
    const someRows = column !== undefined && index.length > 1 && !(index[0].type === 'slice' && !namedChildren(index[0]).length);
    const kept = someRows && frame?.derivedColumns?.has(column) ? join({ kind: 'data', facts: selectColumn(frame, column) }, value) : value;
    this.writeColumn(objectNode, object, key, column, kept, target.parent ?? target);
  }

  /** The frame variable and column that `df["a"]` / `df.a` stands for, when `df` is a frame variable. */
  protected columnOwner(node: PyNode): { frameNode: PyNode; frame: Value; key: Value; name: string } | undefined {
    const frameNode = field(node, node.type === 'subscript' ? 'value' : 'object');
    if (!frameNode || frameNode.type !== 'identifier' || (node.type !== 'subscript' && node.type !== 'attribute')) return undefined;
    const frame = this.lookup(this.text(frameNode), frameNode);
    if (frame.kind !== 'data' || frame.facts.column !== undefined) return undefined;
    if (node.type === 'attribute') {
      const attr = field(node, 'attribute');
      const name = attr ? this.text(attr) : undefined;
      return name && !FRAME_ATTRIBUTES.has(name) ? { frameNode, frame, key: { kind: 'const', value: name }, name } : undefined;
    }
    const index = fields(node, 'subscript');
    if (index.length !== 1 || (index[0].type !== 'string' && index[0].type !== 'identifier')) return undefined;
    const key = this.evaluate(index[0]);
    const column = columnNames(key);
    return column?.single ? { frameNode, frame, key, name: column.names[0] } : undefined;
  }

  /**
   * A column written into a frame (`df["x"] = …`, `df.x = …`, `df["x"].fillna(…, inplace=True)`):
   * the frame now carries what shaped that column. `key` is the written name as a value, when
   * written as a name; `column` the one column name it stands for.
   */
  protected writeColumn(objectNode: PyNode, object: Value, key: Value | undefined, column: string | undefined, value: Value, site: PyNode): void {
    const incoming = dataIn(value);
    const learned = learnedIn(value);
    const facts = dataIn(object);
    if (facts && object.kind === 'data' && key) noteColumnWrite(facts, key, value, site);
    if (!facts || object.kind === 'box') return;
    // Column roles: `df["x"] = …` remembers what the new column was computed from.
    const base = column ? withDerivedColumn(facts, column, value, site) : facts;
    if (incoming || learned.length) {
      const merged: DataFacts = {
        ...base,
        influences: uniq(uniq(base.influences, incoming?.influences ?? []), learned),
      };
      for (const l of learned) this.emit({ type: 'apply', site, learned: l, target: facts });
      this.rebind(objectNode, { kind: 'data', facts: merged });
    } else if (column) {
      this.rebind(objectNode, { kind: 'data', facts: base });
    }
  }

  /**
   * `df.fillna(…, inplace=True)` changes `df`; on a column of a frame variable
   * (`df["Age"].fillna(…, inplace=True)`, `df.Age.…`) it changes that column of `df`.
   */
  writeInPlace(receiver: PyNode, result: Value, call: PyNode): void {
    const owner = this.columnOwner(receiver);
    if (!owner) return this.rebind(receiver, result);
    const site = call.parent?.type === 'expression_statement' ? call.parent : call;
    this.writeColumn(owner.frameNode, owner.frame, owner.key, owner.name, result, site);
  }

  /** Rebinds the variable at the root of `df`, `df.loc`, `df['a']`… to a new value. */
  protected rebind(node: PyNode, value: Value): void {
    let base = node;
    while (base.type === 'attribute' || base.type === 'subscript') {
      const inner = field(base, base.type === 'attribute' ? 'object' : 'value');
      if (!inner) return;
      base = inner;
    }
    if (base.type !== 'identifier') return;
    // Only a variable that holds data is rebound (`self.df.fillna(…, inplace=True)` is not).
    const name = this.text(base);
    if (base !== node && !dataIn(this.lookup(name, base))) return;
    this.scope.set(name, value);
  }

  /**
   * `X_test = X[800:]`, `train = df.sample(frac=0.8)`, `test = df.drop(train.index)`: rows of
   * undivided data picked into a variable named for a part of a split.
   */
  protected implicitSplit(name: string, value: Value, rhs: PyNode): Value {
    if (value.kind !== 'data' || !this.selectsRows(rhs)) return value;
    const facts = value.facts;
    if (facts.parts.length !== 1) return value;
    const hinted = partFromName(name);
    if (!hinted || hinted === 'full') return value;
    if (facts.parts[0] === 'full' && this.isRowFilter(rhs) && !this.pairedFilter(name, hinted, value, rhs)) return value;
    if (facts.parts[0] !== 'full') {
      // Rows carved out of the training part (`X_val = X_train[-100:]`) take the name's part;
      // other parts keep what their split made them (a CV fold named `test_idx` is validation).
      return facts.parts[0] === 'train' && hinted !== 'train' ? { kind: 'data', facts: { ...facts, parts: [hinted] } } : value;
    }
    const split = this.implicitSplitOf(facts, rhs);
    return { kind: 'data', facts: { ...facts, parts: [hinted], splits: uniq(facts.splits, [split]) } };
  }

  /** The one implicit split of some undivided data (made, and announced, at its first carve). */
  protected implicitSplitOf(facts: DataFacts, rhs: PyNode): SplitInfo {
    const key = facts.origins.map((o) => o.id).join(',');
    let split = this.implicitSplits.get(key);
    if (!split) {
      const statement = rhs.parent ?? rhs;
      const site = statement.parent?.type === 'expression_statement' ? statement.parent : statement;
      split = { id: this.nextId(), site, kind: 'holdout', origins: facts.origins, method: this.sampleSplit(rhs) };
      setIn(this.implicitSplits, key, split);
      this.emit({ type: 'split', site: split.site, split, inputs: [facts] });
    }
    return split;
  }

  /** Rows picked by a condition (`df[df.y == 1]`, `df.query(…)`) rather than by position or at random. */
  protected isRowFilter(rhs: PyNode): boolean {
    const node = this.rowsExpression(rhs);
    // A mask: a comparison, or a call returning one (`df.loc[np.isnan(df.age)]`, `df[df.age.isnull()]`).
    if (node.type === 'subscript') return fields(node, 'subscript').some((i) => ['comparison_operator', 'boolean_operator', 'unary_operator', 'call'].includes(i.type));
    const fn = node.type === 'call' ? field(node, 'function') : undefined;
    return fn?.type === 'attribute' && this.text(field(fn, 'attribute') ?? fn) === 'query';
  }

  /**
   * A condition filter is a split only when the same data is also filtered into another part
   * (`train = df[df.year < 2020]`, `test = df[df.year >= 2020]`): `X_train_pos = X[y == 1]` alone
   * holds some rows of every part, whatever its name says. The first filter waits for its
   * partner; when that comes, the first variable is rebound to its part.
   */
  protected pairedFilter(name: string, part: Part, value: Extract<Value, { kind: 'data' }>, rhs: PyNode): boolean {
    const key = value.facts.origins.map((o) => o.id).join(',');
    const pending = this.pendingFilters.get(key);
    if (!pending || pending.part === part) {
      setIn(this.pendingFilters, key, { name, part, value });
      return false;
    }
    deleteIn(this.pendingFilters, key);
    const split = this.implicitSplitOf(value.facts, rhs);
    // The first variable may have been rebound meanwhile to the same rows with other columns
    // (`train = full[full.is_train]`, `train = train.drop("is_train", axis=1)`): rebind that.
    const current = this.scope.lookup(pending.name);
    const sameRows = (v: Value | undefined): v is Extract<Value, { kind: 'data' }> =>
      v === pending.value || (v?.kind === 'data' && !!v.facts.rowSubsetOf?.length && v.facts.rowSubsetOf === pending.value.facts.rowSubsetOf && v.facts.parts.length === 1 && v.facts.parts[0] === 'full');
    if (sameRows(current)) this.scope.set(pending.name, { kind: 'data', facts: { ...current.facts, parts: [pending.part], splits: uniq(current.facts.splits, [split]) } });
    return true;
  }

  /** `train = df.sample(frac=0.8)`: rows drawn at random (group-split, temporal-split read this). */
  protected sampleSplit(rhs: PyNode): SplitMethod | undefined {
    const node = this.rowsExpression(rhs);
    const fn = node.type === 'call' ? field(node, 'function') : undefined;
    if (fn?.type !== 'attribute' || this.text(field(fn, 'attribute') ?? fn) !== 'sample') return undefined;
    return { api: 'sample', rowLevel: true, grouped: false, time: false, shuffled: true, call: node };
  }

  /**
   * The expression that picks the rows: parentheses and calls that keep the same rows removed
   * (`df[:n].drop(cols, axis=1)`, `df.loc[mask].reset_index()`, `.copy()`). `df.drop(rows)` on
   * its own is an edit of one table (outliers removed), not a part of a split.
   */
  protected rowsExpression(rhs: PyNode): PyNode {
    let node = rhs;
    for (;;) {
      while (node.type === 'parenthesized_expression') node = namedChildren(node)[0] ?? node;
      const fn = node.type === 'call' ? field(node, 'function') : undefined;
      const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
      if (!object || !['reset_index', 'copy', 'drop'].includes(this.text(field(fn!, 'attribute') ?? fn!))) return node;
      node = object;
    }
  }

  protected selectsRows(rhs: PyNode): boolean {
    const node = this.rowsExpression(rhs);
    if (node.type === 'subscript') {
      const index = fields(node, 'subscript');
      // `X[:, :-1]`, `df.iloc[:, 1:]`: every row, some columns.
      if (index.length > 1 && index[0].type === 'slice' && namedChildren(index[0]).length === 0) return false;
      if (index.some((i) => i.type === 'slice' || i.type === 'comparison_operator' || i.type === 'boolean_operator' || i.type === 'unary_operator' || i.type === 'call')) return true;
      const object = field(node, 'value');
      return !!object && object.type === 'attribute' && ['iloc', 'loc'].includes(this.text(field(object, 'attribute') ?? object));
    }
    if (node.type === 'call') {
      const fn = field(node, 'function');
      if (fn?.type === 'attribute') {
        const method = this.text(field(fn, 'attribute') ?? fn);
        if (['head', 'tail', 'sample', 'query', 'take'].includes(method)) return true;
      }
    }
    return false;
  }

  protected execImport(node: PyNode): void {
    const bind = (local: string, qname: string): void => {
      this.scope.set(local, { kind: 'ref', qname });
      if (!this.currentUnit) this.imports.push({ local, qname, statement: node });
      if (qname === 'torch' || qname.startsWith('torch.')) this.importsTorch = true;
    };
    if (node.type === 'import_statement') {
      for (const name of fields(node, 'name')) {
        if (name.type === 'aliased_import') {
          const dotted = field(name, 'name');
          const alias = field(name, 'alias');
          if (!dotted || !alias) continue;
          const modules = this.importProjectModules(this.text(dotted), 0, node);
          if (modules.length) this.scope.set(this.text(alias), modules[modules.length - 1]);
          else bind(this.text(alias), this.text(dotted));
        } else {
          const dotted = this.text(name);
          const head = dotted.split('.')[0];
          const modules = this.importProjectModules(dotted, 0, node);
          if (modules.length) this.scope.set(head, modules[0]);
          else bind(head, head);
          if (dotted.startsWith('torch')) this.importsTorch = true;
        }
      }
      return;
    }
    if (node.type === 'import_from_statement') {
      const moduleNode = field(node, 'module_name');
      if (moduleNode && this.importFromProject(node, moduleNode)) return;
      if (!moduleNode || moduleNode.type === 'relative_import') {
        for (const name of fields(node, 'name')) {
          const local = name.type === 'aliased_import' ? field(name, 'alias') : name;
          if (local) this.scope.set(this.text(local), UNKNOWN);
        }
        return;
      }
      const module = this.text(moduleNode);
      for (const name of fields(node, 'name')) {
        if (name.type === 'aliased_import') {
          const dotted = field(name, 'name');
          const alias = field(name, 'alias');
          if (dotted && alias) bind(this.text(alias), `${module}.${this.text(dotted)}`);
        } else {
          bind(this.text(name), `${module}.${this.text(name)}`);
        }
      }
    }
  }

  protected execIf(node: PyNode): void {
    const condition = field(node, 'condition');
    if (condition) {
      this.evaluate(condition);
      if (this.isMainGuard(condition)) {
        // A script runs its main block: treat it as straight-line code. An imported module's does not run.
        if (!this.currentUnit) this.execBlock(this.body(field(node, 'consequence')));
        return;
      }
    }
    const before = this.branchPoint();
    this.execBlock(this.body(field(node, 'consequence')));
    let joined = this.snapshot();
    let hasElse = false;
    for (const alternative of fields(node, 'alternative')) {
      this.restore(before);
      if (alternative.type === 'elif_clause') {
        const c = field(alternative, 'condition');
        if (c) this.evaluate(c);
        this.execBlock(this.body(field(alternative, 'consequence')));
        // An elif chain without else still has a path that runs no branch.
        joined = joinStates(joined, this.snapshot());
      } else {
        hasElse = true;
        this.execBlock(this.body(field(alternative, 'body')));
        joined = joinStates(joined, this.snapshot());
      }
    }
    if (!hasElse) joined = joinStates(joined, before);
    this.closeBranchPoint(joined);
  }

  protected isMainGuard(condition: PyNode): boolean {
    if (condition.type !== 'comparison_operator') return false;
    const text = this.text(condition).replace(/\s+/g, '');
    return text === '__name__=="__main__"' || text === "__name__=='__main__'";
  }

  protected execFor(node: PyNode): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const iterable = right ? this.evaluate(right) : UNKNOWN;
    this.runLoop(node, () => {
      if (left) this.assign(left, this.elementOf(iterable), undefined);
    }, this.body(field(node, 'body')));
    const alternative = field(node, 'alternative');
    if (alternative) this.execBlock(this.body(field(alternative, 'body')));
  }

  protected execWhile(node: PyNode): void {
    const condition = field(node, 'condition');
    this.runLoop(node, () => {
      if (condition) this.evaluate(condition);
    }, this.body(field(node, 'body')));
    const alternative = field(node, 'alternative');
    if (alternative) this.execBlock(this.body(field(alternative, 'body')));
  }

  /** A loop body runs zero or more times: iterate to a small fixed point and join with "not run". */
  protected runLoop(node: PyNode, head: () => void, body: PyNode[]): void {
    const loopId = ++this.loopCounter;
    setIn(this.loopSites, loopId, node);
    this.noteAnchor(node);
    this.loops.push(loopId);
    try {
      let state = this.branchPoint();
      // Deeply nested loops run their body once: repeated passes at every level cost 2^depth.
      const passes = this.loops.length > MAX_REPEATED_LOOP_DEPTH ? 1 : LOOP_PASSES;
      for (let pass = 0; pass < passes; pass++) {
        this.withLoopVariable(loopId, head);
        this.execBlock(body);
        state = joinStates(state, this.snapshot());
        this.restore(state);
      }
      this.closeBranchPoint();
    } finally {
      this.loops.pop();
    }
  }

  protected execTry(node: PyNode): void {
    if (this.isImportFallback(node)) {
      // `try: from sklearn.compose import ColumnTransformer` / `except ImportError: from
      // backport import …`: the library is assumed installed, so the try branch is what runs.
      this.execBlock(this.body(field(node, 'body')));
      return;
    }
    const before = this.branchPoint();
    this.execBlock(this.body(field(node, 'body')));
    let joined = this.snapshot();
    let finallyClause: PyNode | undefined;
    for (const clause of namedChildren(node)) {
      if (clause.type === 'except_clause' || clause.type === 'except_group_clause') {
        this.restore(before);
        const block = clause.children.find((c) => c.type === 'block');
        this.execBlock(this.body(block));
        joined = joinStates(joined, this.snapshot());
      } else if (clause.type === 'else_clause') {
        this.restore(joined);
        this.execBlock(this.body(field(clause, 'body')));
        joined = this.snapshot();
      } else if (clause.type === 'finally_clause') {
        finallyClause = clause;
      }
    }
    this.closeBranchPoint(joined);
    if (finallyClause) this.execBlock(this.body(finallyClause.children.find((c) => c.type === 'block')));
  }

  /** A try of imports only, whose handlers all catch ImportError/ModuleNotFoundError. */
  protected isImportFallback(node: PyNode): boolean {
    const body = this.body(field(node, 'body')).filter((n) => n.type !== 'comment');
    if (!body.length || !body.every((n) => n.type === 'import_statement' || n.type === 'import_from_statement')) return false;
    const handlers = namedChildren(node).filter((c) => c.type === 'except_clause');
    if (!handlers.length || namedChildren(node).some((c) => c.type === 'finally_clause' || c.type === 'else_clause')) return false;
    return handlers.every((h) => /^except\s*\(?\s*(ImportError|ModuleNotFoundError)\b/.test(this.text(h)));
  }

  protected execWith(node: PyNode): void {
    const clause = node.children.find((c) => c.type === 'with_clause');
    for (const item of clause ? namedChildren(clause) : []) {
      const value = field(item, 'value');
      if (!value) continue;
      if (value.type === 'as_pattern') {
        const expr = namedChildren(value)[0];
        const alias = field(value, 'alias');
        const v = expr ? this.evaluate(expr) : UNKNOWN;
        const target = alias ? namedChildren(alias)[0] : undefined;
        if (target) this.assign(target, v, undefined);
      } else {
        this.evaluate(value);
      }
    }
    this.execBlock(this.body(field(node, 'body')));
  }

  protected execMatch(node: PyNode): void {
    const subject = field(node, 'subject');
    if (subject) this.evaluate(subject);
    const before = this.branchPoint();
    let joined = before;
    const block = field(node, 'body');
    for (const clause of block ? namedChildren(block) : []) {
      if (clause.type !== 'case_clause') continue;
      this.restore(before);
      this.execBlock(this.body(field(clause, 'consequence')));
      joined = joinStates(joined, this.snapshot());
    }
    this.closeBranchPoint(joined);
  }

  protected defineFunction(node: PyNode, selfClass?: PyNode): void {
    const name = field(node, 'name');
    if (!name) return;
    setIn(this.functions, node, { called: false, closure: this.scope, selfClass });
    if (!selfClass) this.scope.set(this.text(name), { kind: 'function', def: node, closure: this.scope });
  }

  protected defineClass(node: PyNode): void {
    const name = field(node, 'name');
    if (!name) return;
    this.scope.set(this.text(name), { kind: 'class', def: node, closure: this.scope });
    for (const statement of this.body(field(node, 'body'))) {
      const def = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
      if (def?.type === 'function_definition') this.defineFunction(def, node);
    }
  }


  // ---- Project modules -------------------------------------------------------------------

  /** The module an import names, run once per program; for `import a.b.c`, `a`, `a.b` and `a.b.c` in order. */
  protected importProjectModules(dotted: string, level: number, statement: PyNode): Extract<Value, { kind: 'module' }>[] {
    const host = this.options.modules;
    if (!host) return [];
    const from = this.currentUnit?.path ?? host.entryPath;
    if (level > 0) {
      const unit = host.resolve(from, dotted, level);
      return unit ? [this.runModule(unit, statement)] : [];
    }
    const parts = dotted.split('.');
    const out: Extract<Value, { kind: 'module' }>[] = [];
    for (let i = 1; i <= parts.length; i++) {
      const unit = host.resolve(from, parts.slice(0, i).join('.'), 0);
      if (!unit) return i === 1 ? [] : out;
      out.push(this.runModule(unit, statement));
    }
    return out;
  }

  /** `from <project module> import names` (or `*`); false when the module is not the project's. */
  protected importFromProject(node: PyNode, moduleNode: PyNode): boolean {
    const written = this.text(moduleNode).replace(/\s+/g, '');
    const level = moduleNode.type === 'relative_import' ? /^\.*/.exec(written)![0].length : 0;
    const dotted = written.slice(level);
    const modules = this.importProjectModules(dotted, level, node);
    const module = modules[modules.length - 1];
    if (!module || (level === 0 && modules.length < dotted.split('.').length)) return false;
    if (node.children.some((c) => c.type === 'wildcard_import')) {
      const scope = module.scope as Scope;
      scope.names?.add('*');
      for (const [name, value] of scope.vars) if (!name.startsWith('_')) this.scope.set(name, value);
      return true;
    }
    for (const name of fields(node, 'name')) {
      const importedNode = name.type === 'aliased_import' ? field(name, 'name') : name;
      const localNode = name.type === 'aliased_import' ? field(name, 'alias') : name;
      if (!importedNode || !localNode) continue;
      const imported = this.text(importedNode);
      let value = this.moduleAttribute(module, imported, importedNode);
      // A local module named like a library (`datasets.py` next to `from datasets import load_dataset`):
      // a name it does not define that the tables know is the library's.
      if (value.kind === 'unknown' && level === 0 && lookupApi(`${dotted}.${imported}`)) value = { kind: 'ref', qname: `${dotted}.${imported}` };
      this.scope.set(this.text(localNode), value);
      this.record(localNode, value);
    }
    return true;
  }

  protected moduleAttribute(module: Extract<Value, { kind: 'module' }>, name: string, node: PyNode): Value {
    const scope = module.scope as Scope;
    scope.names?.add(name);
    const bound = scope.vars.get(name);
    if (bound !== undefined) return bound;
    const unit = this.options.modules?.submodule(module.path, name);
    return unit ? this.runModule(unit, node) : unknownAt(node);
  }

  /** Runs a project module's top level once per program (seeds, flags, constants, definitions). */
  protected runModule(unit: ModuleUnit, reachedBy: PyNode): Extract<Value, { kind: 'module' }> {
    const known = this.moduleValues.get(unit.path);
    if (known) return known;
    const scope = new Scope(null);
    const value: Extract<Value, { kind: 'module' }> = { kind: 'module', path: unit.path, scope };
    // Registered before it runs: an import cycle finds the module (partly run, as in Python) and stops.
    setIn(this.moduleValues, unit.path, value);
    setIn(this.foreignRoots, unit.root, unit);
    const saved = { scope: this.scope, unit: this.currentUnit, anchor: this.anchor };
    this.anchor = this.currentUnit ? this.anchor : reachedBy;
    this.currentUnit = unit;
    this.noteAnchor(unit.root);
    this.scope = scope;
    try {
      this.execBlock(unit.root.children);
    } finally {
      this.scope = saved.scope;
      this.currentUnit = saved.unit;
      this.anchor = saved.anchor;
    }
    return value;
  }
}

/** A column the code has shown the frame to hold: written or named before, or read by the value written into it. */
function knownColumn(frame: DataFacts, name: string, value: Value): boolean {
  return !!frame.derivedColumns?.has(name) || !!frame.selectedColumns?.names.includes(name) || columnNotes(frame).has(name) || !!dataIn(value)?.columnSources?.includes(name);
}
