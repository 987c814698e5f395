// Expressions and calls: what a Python expression evaluates to, and how calls to functions
// and classes defined in the file are followed with their arguments bound.
import { field, fields, namedChildren, PyNode } from '../parser/syntax';
import { Scope } from './scope';
import { DataFacts, dataIn, Estimator, join, mergeFacts, options, UNKNOWN, unknownAt, Value, varies, withVary, uniq, learnedIn, scoresIn, sharesOrigin, rowSubset } from './values';
import { callLibrary, callMethod, CallArgs, callArgs, attributeOf, applyStatistics } from './library';
import { learnedOn, resiteFit } from './program-estimators';
import { ESTIMATOR_METHODS, LABEL_INDEXERS } from '../ml/tables';
import { callEstimatorValue, datasetDictPart } from './training-stacks';
import { cutAtPoint, partitionCurves, readAtPoint } from './operating-points';
import { columnNames, forgetColumns, selectColumn, selectColumns } from './columns';
import { selectColumns as selectColumnFacts } from './column-book';
import { Frame, InterpreterState, MAX_CALL_DEPTH, MAX_EXPRESSION_DEPTH, MAX_INSTANCES_RUN } from './interpreter-state';
import { assign, setIn } from './journal';

export abstract class ExpressionInterpreter extends InterpreterState {
  protected abstract execBlock(nodes: readonly PyNode[]): void;
  abstract assign(target: PyNode, value: Value, rhs: PyNode | undefined): void;
  protected abstract evaluateStatementExpression(node: PyNode): void;
  /** An in-place pandas operation's result written back to its receiver (`df`, `df["a"]`…). */
  abstract writeInPlace(receiver: PyNode, result: Value, call: PyNode): void;
  /** An attribute of a project module: a top-level binding, else a submodule. */
  protected abstract moduleAttribute(module: Extract<Value, { kind: 'module' }>, name: string, node: PyNode): Value;

  // ---- Calls -----------------------------------------------------------------------------

  protected invoke(callee: Value, args: CallArgs): Value {
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
        case 'estimator':
          r = callEstimatorValue(this, option, args); // `model(x)`, `criterion(out, y)`, `tokenizer(texts)`
          break;
        default:
          r = callLibrary(this, undefined, args);
      }
      result = join(result, r);
    }
    return result ?? UNKNOWN;
  }

  protected invokeMethod(self: Value, name: string, args: CallArgs): Value {
    const action = ESTIMATOR_METHODS[name];
    if (self.kind === 'instance' && (action === 'fit' || action === 'fit-transform') && !this.fitting.has(self.attrs)) {
      // The program's own estimator: what its fit learns is a fit of the class at this call.
      const before = learnedOn(self);
      for (const a of [...args.positional, ...args.keywords.values()]) for (const l of dataIn(a)?.influences ?? []) before.add(l);
      this.fitting.add(self.attrs);
      let result: Value;
      try {
        result = this.invokeInstanceMethod(self, name, args);
      } finally {
        this.fitting.delete(self.attrs);
      }
      const fitted = dataIn(args.positional[0] ?? args.keywords.get('X') ?? UNKNOWN);
      // A class that predicts and does not transform is a model: its fit is training.
      const kind = !this.findMethod(self.cls, 'transform') && this.findMethod(self.cls, 'predict') ? 'model' : 'transformer';
      const replace = resiteFit(self, before, args.node, this.text(field(self.cls, 'name') ?? self.cls), fitted, kind);
      return replace ? replace(result) : result;
    }
    return this.invokeInstanceMethod(self, name, args);
  }

  /** Instances whose fit is running (a `fit_transform` that calls `self.fit`): re-sited once, at the outer call. */
  private readonly fitting = new Set<Map<string, Value>>();

  private invokeInstanceMethod(self: Value, name: string, args: CallArgs): Value {
    if (self.kind === 'instance') {
      const def = this.findMethod(self.cls, name);
      if (def) {
        const info = this.functions.get(def);
        return this.invokeFunction(def, (info?.closure ?? this.scope) as Scope, { ...args, positional: [self, ...args.positional] });
      }
      const attr = self.attrs.get(name);
      if (attr) return this.invoke(attr, args);
      // scikit-learn's TransformerMixin: `fit_transform(X, y)` is `self.fit(X, y).transform(X)`.
      if (name === 'fit_transform' && this.findMethod(self.cls, 'fit') && this.findMethod(self.cls, 'transform')) {
        this.invokeMethod(self, 'fit', args);
        const x = args.positional[0] ?? args.keywords.get('X');
        return this.invokeMethod(self, 'transform', { ...args, positional: x ? [x] : [], positionalNodes: args.positionalNodes.slice(0, 1), keywords: new Map(), keywordNodes: new Map() });
      }
      // Inherited methods (`nn.Module.to`, `.cuda()`, `BaseEstimator.fit`…) behave like the library's.
    }
    return callMethod(this, self, name, args);
  }

  protected readonly instanceModels = new WeakMap<Map<string, Value>, Estimator>();

  /**
   * `model(x)` on an instance of a class defined in the file (a PyTorch `nn.Module`): the
   * result is the model's prediction for that data.
   */
  protected callInstance(instance: Extract<Value, { kind: 'instance' }>, args: CallArgs): Value {
    const call = this.findMethod(instance.cls, '__call__');
    if (call) return this.invokeMethod(instance, '__call__', args);
    const data = args.positional.map((a) => dataIn(a)).find((d) => d);
    if (!data || !this.findMethod(instance.cls, 'forward')) return callLibrary(this, undefined, args);
    let model = this.instanceModels.get(instance.attrs);
    if (!model) {
      const name = this.text(field(instance.cls, 'name') ?? instance.cls);
      model = { id: this.nextId(), site: instance.cls, qname: name, kind: 'model', learned: [] };
      setIn(this.instanceModels, instance.attrs, model);
    }
    return { kind: 'data', facts: { ...data, predictionOf: uniq(data.predictionOf, [model]), predictedAt: args.node } };
  }

  findMethod(cls: PyNode, name: string): PyNode | undefined {
    for (const statement of this.body(field(cls, 'body'))) {
      const def = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
      if (def?.type === 'function_definition' && this.text(field(def, 'name') ?? def) === name) return def;
    }
    return undefined;
  }

  /** The instances the program made of each of its classes (the first few), for methods nothing calls. */
  protected readonly instancesOf = new Map<PyNode, Value[]>();

  protected instantiate(cls: PyNode, closure: Scope, args: CallArgs): Value {
    const instance: Value = { kind: 'instance', cls, attrs: new Map() };
    const made = this.instancesOf.get(cls) ?? [];
    if (made.length < MAX_INSTANCES_RUN) setIn(this.instancesOf, cls, [...made, instance]);
    const init = this.findMethod(cls, '__init__');
    if (init) this.invokeFunction(init, closure, { ...args, positional: [instance, ...args.positional] });
    return instance;
  }

  protected invokeFunction(def: PyNode, closure: Scope, args: CallArgs): Value {
    const info = this.functions.get(def);
    if (info && !info.called) assign(info, 'called', true);
    if (this.frames.length >= MAX_CALL_DEPTH || this.frames.some((f) => f.fn === def)) return unknownAt(args.node);
    const saved = this.scope;
    const savedUnit = this.currentUnit;
    const savedAnchor = this.anchor;
    // A function of another module runs there; what happens inside is reported at the
    // analysed file's call that reached it (a callback back into the file is the file's own).
    const unit = this.unitOf(def);
    this.anchor = unit ? this.anchor ?? args.node : undefined;
    this.currentUnit = unit;
    this.noteAnchor(def);
    this.scope = new Scope(closure);
    const frame: Frame = { fn: def, returns: undefined };
    try {
      this.bindParameters(def, args);
      this.frames.push(frame);
      try {
        if (def.type === 'lambda') {
          const body = field(def, 'body');
          frame.returns = body ? this.evaluate(body) : UNKNOWN;
        } else this.execBlock(this.body(field(def, 'body')));
      } finally {
        this.frames.pop();
      }
    } finally {
      this.scope = saved;
      this.currentUnit = savedUnit;
      this.anchor = savedAnchor;
    }
    return frame.returns ?? { kind: 'const', value: null };
  }

  protected bindParameters(def: PyNode, args: CallArgs): void {
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

  protected collectArgs(call: PyNode): CallArgs {
    const args = callArgs(call);
    const list = field(call, 'arguments');
    if (!list) return args;
    if (list.type === 'generator_expression') {
      args.positional.push(this.evaluate(list));
      args.positionalNodes.push(list);
      return args;
    }
    let keywords: Map<string, Value> | undefined;
    let keywordNodes: Map<string, PyNode> | undefined;
    for (const arg of namedChildren(list)) {
      if (arg.type === 'keyword_argument') {
        const name = field(arg, 'name');
        const value = field(arg, 'value');
        if (name && value) {
          const key = this.text(name);
          (keywords ??= new Map()).set(key, this.evaluate(value));
          (keywordNodes ??= new Map()).set(key, arg);
        }
      } else if (arg.type === 'dictionary_splat' || arg.type === 'list_splat') {
        args.hasSplat = true;
        const inner = namedChildren(arg)[0];
        const v = inner ? this.evaluate(inner) : UNKNOWN;
        // `**params`: settings that may vary with a loop.
        keywords ??= new Map();
        keywords.set(`**${keywords.size}`, v);
      } else {
        args.positional.push(this.evaluate(arg));
        args.positionalNodes.push(arg);
      }
    }
    if (keywords) args.keywords = keywords;
    if (keywordNodes) args.keywordNodes = keywordNodes;
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

  protected evaluateInner(node: PyNode): Value {
    switch (node.type) {
      case 'identifier': {
        const v = this.lookup(this.text(node), node);
        this.record(node, v);
        return v;
      }
      case 'integer':
      case 'float':
      {
        const digits = this.text(node);
        return { kind: 'const', value: Number(digits.includes('_') ? digits.replace(/_/g, '') : digits) };
      }
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
        if (v.kind === 'const' && node.type === 'not_operator') return { kind: 'const', value: !v.value };
        const negative = node.type === 'unary_operator' && node.children.some((c) => !c.named && c.type === '-');
        return negative && v.kind === 'const' && typeof v.value === 'number' ? { ...v, value: -v.value } : v;
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
        const children = namedChildren(node);
        const items = children.map((c) => this.evaluate(c));
        const elem = items.reduce<Value | undefined>((a, v) => join(a, v), undefined) ?? UNKNOWN;
        const literal = node.type === 'list' && !children.some((c) => c.type === 'list_splat') ? { items, repeated: false } : undefined;
        return { kind: 'box', box: { elem, literal }, isDict: false };
      }
      case 'dictionary': {
        let elem: Value | undefined;
        let keys: string[] | undefined = [];
        for (const pair of namedChildren(node)) {
          if (pair.type === 'pair') {
            const key = field(pair, 'key');
            const name = key ? this.evaluate(key) : UNKNOWN;
            if (keys && name.kind === 'const' && typeof name.value === 'string') keys.push(name.value);
            else keys = undefined;
            const value = field(pair, 'value');
            if (value) elem = join(elem, this.evaluate(value));
          } else if (pair.type === 'dictionary_splat') {
            keys = undefined;
            const inner = namedChildren(pair)[0];
            if (inner) elem = join(elem, this.elementOf(this.evaluate(inner)));
          }
        }
        return { kind: 'box', box: { elem: elem ?? UNKNOWN, ...(keys ? { keys } : {}) }, isDict: true };
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
        // Called where the program or a library runs it (`groupby(…).transform(lambda g: …)`).
        return { kind: 'function', def: node, closure: this.scope };
      case 'yield': {
        // A generator function returns what it yields, one element at a time.
        const inner = namedChildren(node)[0];
        const v = inner ? this.evaluate(inner) : UNKNOWN;
        const frame = this.frames[this.frames.length - 1];
        if (frame) frame.returns = join(frame.returns, { kind: 'box', box: { elem: v }, isDict: false });
        return UNKNOWN;
      }
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

  protected evaluateAttribute(node: PyNode): Value {
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
      } else if (o.kind === 'module') r = this.moduleAttribute(o, name, node);
      else r = attributeOf(this, o, name, node);
      result = join(result, r);
    }
    return result ?? UNKNOWN;
  }

  protected evaluateCall(node: PyNode): Value {
    const fn = field(node, 'function');
    if (!fn) return UNKNOWN;
    this.noteAnchor(node);
    const callee = this.evaluate(fn);
    const args = this.collectArgs(node);
    const result = this.invoke(callee, args);
    // In-place pandas operations: `df.fillna(m, inplace=True)` changes `df` itself.
    const inplace = args.keywords.get('inplace');
    if (inplace?.kind === 'const' && inplace.value === true && fn.type === 'attribute') {
      const receiver = field(fn, 'object');
      if (receiver && result.kind === 'data') this.writeInPlace(receiver, result, node);
    }
    return result;
  }

  protected evaluateSubscript(node: PyNode): Value {
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
      } else if (o.kind === 'score') {
        r = readAtPoint(o, indexes); // `thresholds[ix]`: the threshold at a picked point
      } else if (o.kind === 'statistic') {
        r = o;
      } else {
        r = unknownAt(node);
      }
      result = join(result, r);
    }
    return withVary(result ?? UNKNOWN, indexVary);
  }

  /** The attribute a subscript reads through: `loc` in `df.loc[…]`, `iloc` in `df.iloc[…]`. */
  private indexer(node: PyNode): string | undefined {
    const viewed = node.type === 'subscript' ? field(node, 'value') : undefined;
    return viewed?.type === 'attribute' ? this.text(field(viewed, 'attribute') ?? viewed) : undefined;
  }

  /** Rows picked by an index that is itself part of a split (`X[train_idx]`) belong to that part. */
  protected subscriptData(facts: DataFacts, indexes: Value[], node: PyNode): Value {
    const published = indexes.length === 1 ? datasetDictPart(facts, indexes[0]) : undefined;
    if (published) return published;
    let out = facts;
    // `df['patient_id']`, `df[['a', 'b']]`: a column, or a selection of columns.
    // `df.loc[rows, 'patient_id']`, `df.at[i, 'image_id']`: the second index names the columns.
    const columnIndex = indexes.length === 1 ? indexes[0] : indexes.length === 2 && LABEL_INDEXERS.has(this.indexer(node) ?? '') ? indexes[1] : undefined;
    const columns = columnIndex ? selectColumnFacts(facts, columnIndex, node) : undefined;
    if (columns) out = columns;
    for (const index of indexes) {
      const data = dataIn(index);
      if (!data || data.predictionOf.length) continue;
      const parts = data.parts.filter((p) => p !== 'full');
      if (parts.length && out.parts.length === 1 && out.parts[0] === 'full') {
        // What was learned from these rows before the index divided them reaches that part.
        if (out.influences.length) {
          for (const split of data.splits.filter((s) => !out.splits.includes(s))) this.emit({ type: 'split', site: node, split, inputs: [out], byIndex: true });
        }
        out = { ...out, parts, splits: uniq(out.splits, data.splits) };
        continue;
      } else if (data.influences.length) {
        out = { ...out, influences: uniq(out.influences, data.influences) };
      }
      // A row mask computed from the same rows (`df[df.y == 1]`): a subset of those rows.
      if (sharesOrigin(data, facts)) out = rowSubset(out, facts);
    }
    // `df.iloc[:891]`, `X[n:]`, `df.iloc[range(n)]`: a bounded slice or a list of positions
    // picks a subset of the rows.
    const rows = node.type === 'subscript' ? fields(node, 'subscript')[0] : undefined;
    const byIloc = this.indexer(node) === 'iloc';
    const picksRows = (rows?.type === 'slice' && namedChildren(rows).length > 0) || (rows?.type === 'call' && byIloc);
    if (picksRows && out.parts.length === 1 && out.parts[0] === 'full') out = rowSubset(out, facts);
    out = columnsPicked(out, indexes, node);
    const learned = indexes.flatMap((i) => learnedIn(i));
    return applyStatistics(this, { kind: 'data', facts: out }, learned, node);
  }

  /** Arithmetic: statistics applied to data, data combined, scores carried along. */
  binary(left: Value, right: Value, node: PyNode): Value {
    const listed = listArithmetic(left, right, node);
    if (listed) return listed;
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
    // `"cuda:%d" % rank`: printf-style formatting keeps the literal text.
    if (left.kind === 'const' && typeof left.value === 'string' && field(node, 'operator') && this.text(field(node, 'operator')!) === '%') return left;
    return vary.length ? { kind: 'unknown', vary } : UNKNOWN;
  }

  /** A comparison that consumes a score (`if score > best:`) chooses by that score. */
  protected evaluateComparison(node: PyNode): Value {
    const operands = namedChildren(node);
    const values = operands.map((o) => this.evaluate(o));
    // Predictions cut at a threshold picked on test curves: a choice once they are used.
    const cut = operands.length === 2 ? cutAtPoint(values) : undefined;
    if (cut) return { kind: 'data', facts: cut };
    // Comparing points of threshold curves with each other picks no model.
    const scores = partitionCurves(values.flatMap((v) => scoresIn(v))).others;
    const literalOther = operands.some((o, i) => scoresIn(values[i]).length === 0 && (o.type === 'integer' || o.type === 'float' || o.type === 'none'));
    // `assert score_a >= score_b` in a test checks a result; it chooses nothing.
    if (scores.length && !literalOther && operands.length === 2 && !insideAssert(node)) {
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

  protected evaluateComprehension(node: PyNode): Value {
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
          setIn(this.loopSites, loopId, node);
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
      const facts = this.sharedFacts();
      this.closeBranchPoint(before);
      this.replaceFacts(facts);
    }
    return { kind: 'box', box: { elem }, isDict: node.type === 'dictionary_comprehension' };
  }
}

/** Column roles of `df[…]`: a named column, a literal list of columns, or columns we cannot read. */
function columnsPicked(facts: DataFacts, indexes: Value[], node: PyNode): DataFacts {
  let out = facts;
  for (const index of indexes) {
    const columns = columnNames(index);
    if (columns) out = columns.single ? selectColumn(out, columns.names[0]) : selectColumns(out, columns.names, node);
    else if (!dataIn(index) ? index.kind !== 'const' : picksColumns(dataIn(index)!, facts)) out = forgetColumns(out);
  }
  return out;
}

/**
 * `df[feat[feat.importance > 0.02].index]`: an index made from other data, not a mask of these
 * rows nor a split's part, most likely names columns (which ones, we cannot read).
 */
function picksColumns(index: DataFacts, frame: DataFacts): boolean {
  return !sharesOrigin(index, frame) && index.parts.every((p) => p === 'full');
}

/**
 * `[a] + [b]` and `[df_min] * 3` on list literals: a new literal list, marked repeated when
 * multiplied, so that `pd.concat([df] + [df_min] * 3)` is known to repeat rows.
 */
function listArithmetic(left: Value, right: Value, node: PyNode): Value | undefined {
  if (node.type !== 'binary_operator') return undefined;
  const operator = node.children.find((c) => !c.named)?.type;
  const literalOf = (v: Value) => (v.kind === 'box' && !v.isDict ? v.box.literal : undefined);
  const box = (items: readonly Value[], repeated: boolean): Value => ({
    kind: 'box',
    box: { elem: items.reduce<Value | undefined>((a, v) => join(a, v), undefined) ?? UNKNOWN, literal: { items, repeated } },
    isDict: false,
  });
  const a = literalOf(left);
  const b = literalOf(right);
  if (operator === '+' && a && b) return box([...a.items, ...b.items], a.repeated || b.repeated);
  if (operator !== '*') return undefined;
  const times = (v: Value): boolean => v.kind === 'const' && typeof v.value === 'number' && v.value >= 2;
  if (a && times(right)) return box(a.items, true);
  if (b && times(left)) return box(b.items, true);
  return undefined;
}

/** The value of a Python string literal, prefixes and quotes removed (escapes kept as written). */
function stringLiteral(text: string): string {
  const match = /^[a-zA-Z]*("""|'''|"|')([\s\S]*?)\1$/.exec(text);
  return match ? match[2] : text;
}

/** Whether an expression is (part of) the condition of an `assert` statement. */
function insideAssert(node: PyNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'assert_statement') return true;
    if (n.type.endsWith('_statement') || n.type === 'block' || n.type === 'lambda') return false;
  }
  return false;
}
