// Runs a Python module abstractly: statements in order, branches joined, loops to a small
// fixed point, calls to functions defined in the file followed with their arguments bound.
// Only this module knows Python's statement and expression semantics; what library calls do
// lives in library.ts, driven by the ML API tables.
import { field, fields, namedChildren, PyNode, SourceText } from '../parser/syntax';
import { AnalysisEvent, CUDNN_DETERMINISTIC } from './events';
import { Scope, PathState, joinStates } from './scope';
import {
  DataFacts, dataIn, Estimator, join, mergeFacts, options, Origin, SplitInfo, UNKNOWN, unknownAt, Value, varies, withVary, uniq,
  learnedIn, scoresIn,
} from './values';
import { callLibrary, callMethod, CallArgs, LibraryContext, attributeOf, applyStatistics } from './library';
import { partFromName } from './naming';
import { LineIndex } from '../engine/text';

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
}

const MAX_CALL_DEPTH = 8;
const MAX_EXPRESSION_DEPTH = 400;
const MAX_BLOCK_DEPTH = 200;
/** Statements executed before the analysis gives up on a file (it keeps what it found). */
const MAX_STEPS = 400_000;
const LOOP_PASSES = 2;
/** Loops nested deeper than this run one pass (keeps nested-loop analysis linear). */
const MAX_REPEATED_LOOP_DEPTH = 6;

const BUILTINS = new Set([
  'max', 'min', 'sorted', 'next', 'iter', 'len', 'print', 'zip', 'enumerate', 'range', 'list', 'dict', 'tuple', 'set',
  'float', 'int', 'round', 'abs', 'sum', 'any', 'all', 'isinstance', 'getattr', 'open', 'str', 'map', 'filter', 'reversed', 'super',
]);

interface Frame {
  fn: PyNode;
  returns: Value | undefined;
}

export class Interpreter implements LibraryContext {
  readonly events: AnalysisEvent[] = [];
  readonly imports: ImportBinding[] = [];
  readonly values = new Map<number, Value>();
  /** Function and method definitions seen, and whether anything called them. */
  readonly functions = new Map<PyNode, { called: boolean; closure: Scope; selfClass?: PyNode }>();
  importsTorch = false;

  private scope: Scope;
  private facts = new Set<string>();
  private readonly frames: Frame[] = [];
  private readonly loops: number[] = [];
  private loopCounter = 0;
  private readonly loopSites = new Map<number, PyNode>();
  private depth = 0;
  private blockDepth = 0;
  private steps = 0;
  private standaloneMode = false;
  private ids = 0;
  private readonly origins = new Map<PyNode, Origin>();
  private readonly implicitSplits = new Map<string, SplitInfo>();
  /** Names of the assignment targets while their right-hand side is evaluated. */
  private targetHint: { rhs: PyNode; names: string[] } | undefined;

  constructor(
    readonly source: SourceText,
    private readonly options: InterpreterOptions = {},
  ) {
    this.scope = new Scope(null);
  }

  // ---- LibraryContext ------------------------------------------------------------------

  get standalone(): boolean {
    return this.standaloneMode;
  }

  get activeLoops(): readonly number[] {
    return this.loops;
  }

  loopSite(id: number): PyNode | undefined {
    return this.loopSites.get(id);
  }

  get pathFacts(): ReadonlySet<string> {
    return this.facts;
  }

  setFact(fact: string, on: boolean): void {
    if (on) this.facts.add(fact);
    else this.facts.delete(fact);
  }

  emit(event: DistributiveOmit<AnalysisEvent, 'standalone' | 'facts'>): void {
    this.events.push({ ...event, standalone: this.standaloneMode, facts: new Set(this.facts) } as AnalysisEvent);
  }

  nextId(): number {
    return ++this.ids;
  }

  text(node: PyNode): string {
    return this.source.of(node);
  }

  originAt(site: PyNode, what: string): Origin {
    let origin = this.origins.get(site);
    if (!origin) {
      origin = { id: this.nextId(), site, what };
      this.origins.set(site, origin);
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
    return LineIndex.of(this.source.text).lineOf(node.start) + 1;
  }

  callValue(callee: Value, args: CallArgs): Value {
    return this.invoke(callee, args);
  }

  // ---- Running a module ------------------------------------------------------------------

  run(root: PyNode): void {
    this.execBlock(root.children);
    this.runUncalledFunctions();
  }

  /**
   * Functions nothing in the file calls (library-style code, methods) are analysed too, with
   * unknown arguments and the module's final state; their events are marked standalone.
   */
  private runUncalledFunctions(): void {
    const moduleState = this.branchPoint();
    this.standaloneMode = true;
    try {
      for (let round = 0; round < 3; round++) {
        const pending = [...this.functions].filter(([, info]) => !info.called);
        if (pending.length === 0) break;
        for (const [def, info] of pending) {
          if (this.steps > MAX_STEPS) return;
          this.restore(moduleState);
          info.called = true;
          const self: Value | undefined = info.selfClass ? { kind: 'instance', cls: info.selfClass, attrs: new Map() } : undefined;
          this.invokeFunction(def, info.closure, { node: def, positional: self ? [self] : [], keywords: new Map(), keywordNodes: new Map(), positionalNodes: [], hasSplat: true });
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
  private readonly branchPoints: { scope: Scope; mark: number }[] = [];

  /** Opens a branch point on the current scope and answers the state there. */
  private branchPoint(): PathState {
    this.branchPoints.push({ scope: this.scope, mark: this.scope.mark() });
    return this.snapshot();
  }

  /** Closes the innermost branch point, first restoring `state` when given. */
  private closeBranchPoint(state?: PathState): void {
    if (state) this.restore(state);
    this.branchPoints.pop()!.scope.unmark();
  }

  /** The current state, relative to the innermost branch point. */
  private snapshot(): PathState {
    const at = this.branchPoints[this.branchPoints.length - 1];
    return { changes: at.scope.changesSince(at.mark), facts: new Set(this.facts) };
  }

  private restore(state: PathState): void {
    const at = this.branchPoints[this.branchPoints.length - 1];
    at.scope.reset(at.mark, state.changes);
    this.facts = new Set(state.facts);
  }

  // ---- Statements ------------------------------------------------------------------------

  private execBlock(nodes: readonly PyNode[]): void {
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

  private body(node: PyNode | undefined): PyNode[] {
    if (!node) return [];
    return node.type === 'block' ? node.children : [node];
  }

  private execStatement(node: PyNode): void {
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
        const frame = this.frames[this.frames.length - 1];
        if (frame) frame.returns = join(frame.returns, result);
        return;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        for (const id of namedChildren(node)) if (id.type === 'identifier') this.scope.globals.add(this.text(id));
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

  private evaluateStatementExpression(node: PyNode): void {
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

  private execAssignment(node: PyNode): void {
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

  private targetNames(target: PyNode): string[] {
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

  private unpack(value: Value, count: number): Value[] {
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

  private assignAttribute(target: PyNode, value: Value): void {
    const objectNode = field(target, 'object');
    const attr = field(target, 'attribute');
    if (!objectNode || !attr) return;
    const object = this.evaluate(objectNode);
    const name = this.text(attr);
    for (const o of options(object)) {
      if (o.kind === 'ref') {
        const qname = `${o.qname}.${name}`;
        if (qname === 'torch.backends.cudnn.deterministic' || qname === 'torch.backends.cudnn.benchmark') {
          const flag = options(value).find((v) => v.kind === 'const');
          const on = flag && flag.kind === 'const' ? Boolean(flag.value) : undefined;
          this.emit({ type: 'flag', site: target.parent ?? target, name: qname, value: on });
          if (qname.endsWith('deterministic') && on !== undefined) this.setFact(CUDNN_DETERMINISTIC, on);
        }
      } else if (o.kind === 'instance') {
        o.attrs.set(name, value);
      }
    }
  }

  private assignSubscript(target: PyNode, value: Value): void {
    const objectNode = field(target, 'value');
    if (!objectNode) return;
    const object = this.evaluate(objectNode);
    for (const o of options(object)) {
      if (o.kind === 'box') o.box.elem = join(o.box.elem, value);
    }
    // A column written into a frame: the frame now carries what shaped that column.
    const incoming = dataIn(value);
    const learned = learnedIn(value);
    const facts = dataIn(object);
    if ((incoming || learned.length) && facts && object.kind !== 'box') {
      const merged: DataFacts = {
        ...facts,
        influences: uniq(uniq(facts.influences, incoming?.influences ?? []), learned),
      };
      for (const l of learned) this.emit({ type: 'apply', site: target.parent ?? target, learned: l, target: facts });
      this.rebind(objectNode, { kind: 'data', facts: merged });
    }
  }

  /** Rebinds the variable at the root of `df`, `df.loc`, `df['a']`… to a new value. */
  rebind(node: PyNode, value: Value): void {
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
  private implicitSplit(name: string, value: Value, rhs: PyNode): Value {
    if (value.kind !== 'data' || !this.selectsRows(rhs)) return value;
    const facts = value.facts;
    if (facts.parts.length !== 1) return value;
    const hinted = partFromName(name);
    if (!hinted || hinted === 'full') return value;
    if (facts.parts[0] !== 'full') {
      // Rows carved out of the training part (`X_val = X_train[-100:]`) take the name's part;
      // other parts keep what their split made them (a CV fold named `test_idx` is validation).
      return facts.parts[0] === 'train' && hinted !== 'train' ? { kind: 'data', facts: { ...facts, parts: [hinted] } } : value;
    }
    const key = facts.origins.map((o) => o.id).join(',');
    let split = this.implicitSplits.get(key);
    if (!split) {
      const statement = rhs.parent ?? rhs;
      split = { id: this.nextId(), site: statement.parent?.type === 'expression_statement' ? statement.parent : statement, kind: 'holdout', origins: facts.origins };
      this.implicitSplits.set(key, split);
      this.emit({ type: 'split', site: split.site, split, inputs: [facts] });
    }
    return { kind: 'data', facts: { ...facts, parts: [hinted], splits: uniq(facts.splits, [split]) } };
  }

  private selectsRows(rhs: PyNode): boolean {
    let node = rhs;
    while (node.type === 'parenthesized_expression') node = namedChildren(node)[0] ?? node;
    if (node.type === 'subscript') {
      const index = fields(node, 'subscript');
      if (index.some((i) => i.type === 'slice' || i.type === 'comparison_operator' || i.type === 'boolean_operator' || i.type === 'unary_operator' || i.type === 'call')) return true;
      const object = field(node, 'value');
      return !!object && object.type === 'attribute' && ['iloc', 'loc'].includes(this.text(field(object, 'attribute') ?? object));
    }
    if (node.type === 'call') {
      const fn = field(node, 'function');
      if (fn?.type === 'attribute') {
        const method = this.text(field(fn, 'attribute') ?? fn);
        if (['head', 'tail', 'sample', 'query', 'take', 'drop', 'reset_index', 'copy'].includes(method)) {
          return method === 'reset_index' || method === 'copy' ? this.selectsRows(field(fn, 'object') ?? fn) : true;
        }
      }
    }
    return false;
  }

  private record(node: PyNode, value: Value): void {
    if (this.options.recordValues) this.values.set(node.start, value);
  }

  private execImport(node: PyNode): void {
    const bind = (local: string, qname: string): void => {
      this.scope.set(local, { kind: 'ref', qname });
      this.imports.push({ local, qname, statement: node });
      if (qname === 'torch' || qname.startsWith('torch.')) this.importsTorch = true;
    };
    if (node.type === 'import_statement') {
      for (const name of fields(node, 'name')) {
        if (name.type === 'aliased_import') {
          const dotted = field(name, 'name');
          const alias = field(name, 'alias');
          if (dotted && alias) bind(this.text(alias), this.text(dotted));
        } else {
          const dotted = this.text(name);
          const head = dotted.split('.')[0];
          bind(head, head);
          if (dotted.startsWith('torch')) this.importsTorch = true;
        }
      }
      return;
    }
    if (node.type === 'import_from_statement') {
      const moduleNode = field(node, 'module_name');
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

  private execIf(node: PyNode): void {
    const condition = field(node, 'condition');
    if (condition) {
      this.evaluate(condition);
      if (this.isMainGuard(condition)) {
        // A script runs its main block: treat it as straight-line code.
        this.execBlock(this.body(field(node, 'consequence')));
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

  private isMainGuard(condition: PyNode): boolean {
    if (condition.type !== 'comparison_operator') return false;
    const text = this.text(condition).replace(/\s+/g, '');
    return text === '__name__=="__main__"' || text === "__name__=='__main__'";
  }

  private execFor(node: PyNode): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const iterable = right ? this.evaluate(right) : UNKNOWN;
    this.runLoop(node, () => {
      if (left) this.assign(left, this.elementOf(iterable), undefined);
    }, this.body(field(node, 'body')));
    const alternative = field(node, 'alternative');
    if (alternative) this.execBlock(this.body(field(alternative, 'body')));
  }

  private execWhile(node: PyNode): void {
    const condition = field(node, 'condition');
    this.runLoop(node, () => {
      if (condition) this.evaluate(condition);
    }, this.body(field(node, 'body')));
    const alternative = field(node, 'alternative');
    if (alternative) this.execBlock(this.body(field(alternative, 'body')));
  }

  /** A loop body runs zero or more times: iterate to a small fixed point and join with "not run". */
  private runLoop(node: PyNode, head: () => void, body: PyNode[]): void {
    const loopId = ++this.loopCounter;
    this.loopSites.set(loopId, node);
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

  private currentLoopElement: { loopId: number } | undefined;

  private withLoopVariable(loopId: number, head: () => void): void {
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
      else item = UNKNOWN;
      element = join(element, item);
    }
    const result = element ?? UNKNOWN;
    return loopId ? withVary(result, [loopId]) : result;
  }

  private execTry(node: PyNode): void {
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

  private execWith(node: PyNode): void {
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

  private execMatch(node: PyNode): void {
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

  private defineFunction(node: PyNode, selfClass?: PyNode): void {
    const name = field(node, 'name');
    if (!name) return;
    this.functions.set(node, { called: false, closure: this.scope, selfClass });
    if (!selfClass) this.scope.set(this.text(name), { kind: 'function', def: node, closure: this.scope });
  }

  private defineClass(node: PyNode): void {
    const name = field(node, 'name');
    if (!name) return;
    this.scope.set(this.text(name), { kind: 'class', def: node, closure: this.scope });
    for (const statement of this.body(field(node, 'body'))) {
      const def = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
      if (def?.type === 'function_definition') this.defineFunction(def, node);
    }
  }

  // ---- Calls -----------------------------------------------------------------------------

  private invoke(callee: Value, args: CallArgs): Value {
    let result: Value | undefined;
    for (const option of options(callee)) {
      let r: Value;
      switch (option.kind) {
        case 'ref':
          r = callLibrary(this, option.qname, args);
          break;
        case 'function': {
          const info = this.functions.get(option.def);
          r = this.invokeFunction(option.def, (info?.closure ?? option.closure) as Scope, args);
          break;
        }
        case 'class':
          r = this.instantiate(option.def, option.closure as Scope, args);
          break;
        case 'method':
          r = this.invokeMethod(option.self, option.name, args);
          break;
        case 'instance':
          r = this.callInstance(option, args);
          break;
        case 'score':
        case 'statistic':
          r = option; // `acc.item()`, `m.squeeze()`: attributeOf kept the value itself
          break;
        default:
          r = callLibrary(this, undefined, args);
      }
      result = join(result, r);
    }
    return result ?? UNKNOWN;
  }

  private invokeMethod(self: Value, name: string, args: CallArgs): Value {
    if (self.kind === 'instance') {
      const def = this.findMethod(self.cls, name);
      if (def) {
        const info = this.functions.get(def);
        return this.invokeFunction(def, (info?.closure ?? this.scope) as Scope, { ...args, positional: [self, ...args.positional] });
      }
      const attr = self.attrs.get(name);
      if (attr) return this.invoke(attr, args);
      // Inherited methods (`nn.Module.to`, `.cuda()`, `BaseEstimator.fit`…) behave like the library's.
    }
    return callMethod(this, self, name, args);
  }

  private readonly instanceModels = new WeakMap<Map<string, Value>, Estimator>();

  /**
   * `model(x)` on an instance of a class defined in the file (a PyTorch `nn.Module`): the
   * result is the model's prediction for that data.
   */
  private callInstance(instance: Extract<Value, { kind: 'instance' }>, args: CallArgs): Value {
    const call = this.findMethod(instance.cls, '__call__');
    if (call) return this.invokeMethod(instance, '__call__', args);
    const data = args.positional.map((a) => dataIn(a)).find((d) => d);
    if (!data || !this.findMethod(instance.cls, 'forward')) return callLibrary(this, undefined, args);
    let model = this.instanceModels.get(instance.attrs);
    if (!model) {
      const name = this.text(field(instance.cls, 'name') ?? instance.cls);
      model = { id: this.nextId(), site: instance.cls, qname: name, kind: 'model', learned: [] };
      this.instanceModels.set(instance.attrs, model);
    }
    return { kind: 'data', facts: { ...data, predictionOf: uniq(data.predictionOf, [model]) } };
  }

  findMethod(cls: PyNode, name: string): PyNode | undefined {
    for (const statement of this.body(field(cls, 'body'))) {
      const def = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
      if (def?.type === 'function_definition' && this.text(field(def, 'name') ?? def) === name) return def;
    }
    return undefined;
  }

  private instantiate(cls: PyNode, closure: Scope, args: CallArgs): Value {
    const instance: Value = { kind: 'instance', cls, attrs: new Map() };
    const init = this.findMethod(cls, '__init__');
    if (init) this.invokeFunction(init, closure, { ...args, positional: [instance, ...args.positional] });
    return instance;
  }

  private invokeFunction(def: PyNode, closure: Scope, args: CallArgs): Value {
    const info = this.functions.get(def);
    if (info) info.called = true;
    if (this.frames.length >= MAX_CALL_DEPTH || this.frames.some((f) => f.fn === def)) return unknownAt(args.node);
    const saved = this.scope;
    this.scope = new Scope(closure);
    this.bindParameters(def, args);
    const frame: Frame = { fn: def, returns: undefined };
    this.frames.push(frame);
    try {
      this.execBlock(this.body(field(def, 'body')));
    } finally {
      this.frames.pop();
      this.scope = saved;
    }
    return frame.returns ?? { kind: 'const', value: null };
  }

  private bindParameters(def: PyNode, args: CallArgs): void {
    const parameters = field(def, 'parameters');
    let position = 0;
    for (const param of parameters ? namedChildren(parameters) : []) {
      let nameNode: PyNode | undefined;
      let defaultNode: PyNode | undefined;
      switch (param.type) {
        case 'identifier':
          nameNode = param;
          break;
        case 'default_parameter':
        case 'typed_default_parameter':
          nameNode = field(param, 'name');
          defaultNode = field(param, 'value');
          break;
        case 'typed_parameter':
          nameNode = namedChildren(param).find((c) => c.type === 'identifier');
          break;
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern': {
          const inner = namedChildren(param)[0];
          if (inner) this.scope.set(this.text(inner), { kind: 'seq', items: args.positional.slice(position) });
          continue;
        }
        default:
          continue;
      }
      if (!nameNode) continue;
      const name = this.text(nameNode);
      let value: Value | undefined = args.keywords.get(name);
      if (value === undefined && position < args.positional.length) value = args.positional[position];
      position++;
      if (value === undefined) value = defaultNode ? this.evaluate(defaultNode) : unknownAt(nameNode);
      this.scope.set(name, value);
      this.record(nameNode, value);
    }
  }

  private collectArgs(call: PyNode): CallArgs {
    const args: CallArgs = { node: call, positional: [], keywords: new Map(), keywordNodes: new Map(), positionalNodes: [], hasSplat: false };
    const list = field(call, 'arguments');
    if (!list) return args;
    if (list.type === 'generator_expression') {
      args.positional.push(this.evaluate(list));
      args.positionalNodes.push(list);
      return args;
    }
    for (const arg of namedChildren(list)) {
      if (arg.type === 'keyword_argument') {
        const name = field(arg, 'name');
        const value = field(arg, 'value');
        if (name && value) {
          args.keywords.set(this.text(name), this.evaluate(value));
          args.keywordNodes.set(this.text(name), arg);
        }
      } else if (arg.type === 'dictionary_splat' || arg.type === 'list_splat') {
        args.hasSplat = true;
        const inner = namedChildren(arg)[0];
        const v = inner ? this.evaluate(inner) : UNKNOWN;
        // `**params`: settings that may vary with a loop.
        args.keywords.set(`**${args.keywords.size}`, v);
      } else {
        args.positional.push(this.evaluate(arg));
        args.positionalNodes.push(arg);
      }
    }
    return args;
  }

  // ---- Expressions -----------------------------------------------------------------------

  evaluate(node: PyNode): Value {
    if (this.depth > MAX_EXPRESSION_DEPTH) return UNKNOWN;
    this.depth++;
    try {
      return this.evaluateInner(node);
    } finally {
      this.depth--;
    }
  }

  private lookup(name: string, node: PyNode): Value {
    const v = this.scope.lookup(name);
    if (v !== undefined) return v;
    if (BUILTINS.has(name)) return { kind: 'ref', qname: `builtins.${name}` };
    return unknownAt(node);
  }

  private evaluateInner(node: PyNode): Value {
    switch (node.type) {
      case 'identifier': {
        const v = this.lookup(this.text(node), node);
        this.record(node, v);
        return v;
      }
      case 'integer':
      case 'float':
        return { kind: 'const', value: Number(this.text(node).replace(/_/g, '')) };
      case 'true':
        return { kind: 'const', value: true };
      case 'false':
        return { kind: 'const', value: false };
      case 'none':
        return { kind: 'const', value: null };
      case 'string':
        return { kind: 'const', value: stringLiteral(this.text(node)) };
      case 'concatenated_string':
        return { kind: 'const', value: namedChildren(node).map((s) => stringLiteral(this.text(s))).join('') };
      case 'parenthesized_expression': {
        const inner = namedChildren(node)[0];
        if (inner && this.targetHint?.rhs === node) this.targetHint = { ...this.targetHint, rhs: inner };
        return inner ? this.evaluate(inner) : UNKNOWN;
      }
      case 'attribute':
        return this.evaluateAttribute(node);
      case 'call':
        return this.evaluateCall(node);
      case 'subscript':
        return this.evaluateSubscript(node);
      case 'binary_operator': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        return this.binary(left ? this.evaluate(left) : UNKNOWN, right ? this.evaluate(right) : UNKNOWN, node);
      }
      case 'unary_operator':
      case 'not_operator': {
        const arg = field(node, 'argument');
        const v = arg ? this.evaluate(arg) : UNKNOWN;
        return v.kind === 'const' && node.type === 'not_operator' ? { kind: 'const', value: !v.value } : v;
      }
      case 'boolean_operator': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        return join(left ? this.evaluate(left) : undefined, right ? this.evaluate(right) : undefined);
      }
      case 'comparison_operator':
        return this.evaluateComparison(node);
      case 'conditional_expression': {
        const [a, condition, b] = namedChildren(node);
        if (condition) this.evaluate(condition);
        return join(a ? this.evaluate(a) : undefined, b ? this.evaluate(b) : undefined);
      }
      case 'tuple':
      case 'expression_list':
        return { kind: 'seq', items: namedChildren(node).map((c) => this.evaluate(c)) };
      case 'list':
      case 'set': {
        const items = namedChildren(node).map((c) => this.evaluate(c));
        return { kind: 'box', box: { elem: items.reduce<Value | undefined>((a, v) => join(a, v), undefined) ?? UNKNOWN }, isDict: false };
      }
      case 'dictionary': {
        let elem: Value | undefined;
        for (const pair of namedChildren(node)) {
          if (pair.type === 'pair') {
            const key = field(pair, 'key');
            if (key) this.evaluate(key);
            const value = field(pair, 'value');
            if (value) elem = join(elem, this.evaluate(value));
          } else if (pair.type === 'dictionary_splat') {
            const inner = namedChildren(pair)[0];
            if (inner) elem = join(elem, this.elementOf(this.evaluate(inner)));
          }
        }
        return { kind: 'box', box: { elem: elem ?? UNKNOWN }, isDict: true };
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension':
        return this.evaluateComprehension(node);
      case 'named_expression': {
        const name = field(node, 'name');
        const value = field(node, 'value');
        const v = value ? this.evaluate(value) : UNKNOWN;
        if (name) this.assign(name, v, undefined);
        return v;
      }
      case 'await':
      case 'list_splat':
      case 'dictionary_splat':
      case 'keyword_argument': {
        const inner = node.type === 'keyword_argument' ? field(node, 'value') : namedChildren(node)[0];
        return inner ? this.evaluate(inner) : UNKNOWN;
      }
      case 'lambda':
        return UNKNOWN;
      case 'slice':
        for (const c of namedChildren(node)) this.evaluate(c);
        return UNKNOWN;
      case 'assignment':
      case 'augmented_assignment':
        this.evaluateStatementExpression(node);
        return UNKNOWN;
      default:
        for (const c of namedChildren(node)) this.evaluate(c);
        return UNKNOWN;
    }
  }

  private evaluateAttribute(node: PyNode): Value {
    const objectNode = field(node, 'object');
    const attr = field(node, 'attribute');
    if (!objectNode || !attr) return UNKNOWN;
    const object = this.evaluate(objectNode);
    const name = this.text(attr);
    let result: Value | undefined;
    for (const o of options(object)) {
      let r: Value;
      if (o.kind === 'ref') r = { kind: 'ref', qname: `${o.qname}.${name}` };
      else if (o.kind === 'instance') {
        const method = this.findMethod(o.cls, name);
        // Unknown attributes may be inherited methods (`.to()`, `.cuda()`): keep them callable.
        r = method ? { kind: 'method', self: o, name } : o.attrs.get(name) ?? { kind: 'method', self: o, name };
      } else r = attributeOf(this, o, name, node);
      result = join(result, r);
    }
    return result ?? UNKNOWN;
  }

  private evaluateCall(node: PyNode): Value {
    const fn = field(node, 'function');
    if (!fn) return UNKNOWN;
    const callee = this.evaluate(fn);
    const args = this.collectArgs(node);
    const result = this.invoke(callee, args);
    // In-place pandas operations: `df.fillna(m, inplace=True)` changes `df` itself.
    const inplace = args.keywords.get('inplace');
    if (inplace?.kind === 'const' && inplace.value === true && fn.type === 'attribute') {
      const receiver = field(fn, 'object');
      if (receiver && result.kind === 'data') this.rebind(receiver, result);
    }
    return result;
  }

  private evaluateSubscript(node: PyNode): Value {
    const objectNode = field(node, 'value');
    const object = objectNode ? this.evaluate(objectNode) : UNKNOWN;
    const indexNodes = fields(node, 'subscript');
    const indexes = indexNodes.map((i) => this.evaluate(i));
    const indexVary = indexes.flatMap((v) => varies(v));
    let result: Value | undefined;
    for (const o of options(object)) {
      let r: Value;
      if (o.kind === 'seq') {
        const i = indexes[0];
        r = i?.kind === 'const' && typeof i.value === 'number' ? o.items[i.value < 0 ? o.items.length + i.value : i.value] ?? UNKNOWN : this.elementOf(o);
        if (indexNodes[0]?.type === 'slice') r = o;
      } else if (o.kind === 'box') {
        r = o.box.elem;
      } else if (o.kind === 'data' || (o.kind === 'method' && o.self.kind === 'data')) {
        // `df[…]`, and `df.iloc[…]` / `df.loc[…]` (an attribute view of the same rows)
        r = this.subscriptData(dataIn(o)!, indexes, node);
      } else if (o.kind === 'statistic' || o.kind === 'score') {
        r = o;
      } else {
        r = unknownAt(node);
      }
      result = join(result, r);
    }
    return withVary(result ?? UNKNOWN, indexVary);
  }

  /** Rows picked by an index that is itself part of a split (`X[train_idx]`) belong to that part. */
  private subscriptData(facts: DataFacts, indexes: Value[], node: PyNode): Value {
    let out = facts;
    for (const index of indexes) {
      const data = dataIn(index);
      if (!data || data.predictionOf.length) continue;
      const parts = data.parts.filter((p) => p !== 'full');
      if (parts.length && out.parts.length === 1 && out.parts[0] === 'full') {
        out = { ...out, parts, splits: uniq(out.splits, data.splits) };
      } else if (data.influences.length) {
        out = { ...out, influences: uniq(out.influences, data.influences) };
      }
    }
    const learned = indexes.flatMap((i) => learnedIn(i));
    return applyStatistics(this, { kind: 'data', facts: out }, learned, node);
  }

  /** Arithmetic: statistics applied to data, data combined, scores carried along. */
  binary(left: Value, right: Value, node: PyNode): Value {
    const vary = uniq(varies(left), varies(right));
    const leftData = dataIn(left);
    const rightData = dataIn(right);
    const learned = uniq(learnedIn(left), learnedIn(right));
    if (leftData || rightData) {
      const facts = leftData && rightData ? mergeFacts(leftData, rightData) : (leftData ?? rightData)!;
      const value: Value = { kind: 'data', facts, vary };
      return learned.length ? applyStatistics(this, value, learned, node) : value;
    }
    if (learned.length) return { kind: 'statistic', learned, vary };
    const scores = uniq(scoresIn(left), scoresIn(right));
    if (scores.length) return { kind: 'score', scores, vary };
    if (left.kind === 'const' && right.kind === 'const' && typeof left.value === 'string' && typeof right.value === 'string') {
      return { kind: 'const', value: left.value + right.value, vary };
    }
    return vary.length ? { kind: 'unknown', vary } : UNKNOWN;
  }

  /** A comparison that consumes a score (`if score > best:`) chooses by that score. */
  private evaluateComparison(node: PyNode): Value {
    const operands = namedChildren(node);
    const values = operands.map((o) => this.evaluate(o));
    const scores = values.flatMap((v) => scoresIn(v));
    const literalOther = operands.some((o, i) => scoresIn(values[i]).length === 0 && (o.type === 'integer' || o.type === 'float' || o.type === 'none'));
    if (scores.length && !literalOther && operands.length === 2) {
      this.emit({ type: 'select', site: node, scores, how: 'comparison' });
    }
    // Element-wise comparisons of arrays and frames (`pred == y`, `df.age > 30`) are data.
    let data: DataFacts | undefined;
    for (const v of values) {
      const d = dataIn(v);
      if (d) data = data ? mergeFacts(data, d) : d;
    }
    return data ? { kind: 'data', facts: data } : UNKNOWN;
  }

  private evaluateComprehension(node: PyNode): Value {
    const before = this.branchPoint();
    const loopIds: number[] = [];
    let elem: Value = UNKNOWN;
    try {
      for (const clause of namedChildren(node)) {
        if (clause.type === 'for_in_clause') {
          const left = field(clause, 'left');
          const right = field(clause, 'right');
          const iterable = right ? this.evaluate(right) : UNKNOWN;
          const loopId = ++this.loopCounter;
          this.loopSites.set(loopId, node);
          this.loops.push(loopId);
          loopIds.push(loopId);
          this.withLoopVariable(loopId, () => {
            if (left) this.assign(left, this.elementOf(iterable), undefined);
          });
        } else if (clause.type === 'if_clause') {
          for (const c of namedChildren(clause)) this.evaluate(c);
        }
      }
      const body = field(node, 'body');
      if (body?.type === 'pair') {
        const value = field(body, 'value');
        const key = field(body, 'key');
        if (key) this.evaluate(key);
        elem = value ? this.evaluate(value) : UNKNOWN;
      } else if (body) {
        elem = this.evaluate(body);
      }
    } finally {
      for (let i = 0; i < loopIds.length; i++) this.loops.pop();
      // Comprehension variables do not leak into the enclosing scope.
      const facts = this.facts;
      this.closeBranchPoint(before);
      this.facts = facts;
    }
    return { kind: 'box', box: { elem }, isDict: node.type === 'dictionary_comprehension' };
  }
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

/** The value of a Python string literal, prefixes and quotes removed (escapes kept as written). */
function stringLiteral(text: string): string {
  const match = /^[a-zA-Z]*("""|'''|"|')([\s\S]*?)\1$/.exec(text);
  return match ? match[2] : text;
}

