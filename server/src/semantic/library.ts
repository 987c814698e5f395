// What calls into ML libraries do to abstract values, driven by the tables in ml/tables.ts:
// loads create data, splits divide it, fits learn from it, transforms carry what was learned,
// evaluations produce scores, seeds and devices change the path facts.
import { sideTable } from './side-tables';
import { PyNode } from '../parser/syntax';
import {
  ApiEntry, ESTIMATOR_METHODS, EstimatorKind, lookupApi, METADATA_ATTRIBUTES, RandomFamily, RandomSpec,
  canonicalName, CONTAINER_ADDERS, SELECT_METHODS, STATISTIC_METHODS, RANDOM_DATA_METHODS, SIZE_KEYWORDS, DATAFRAME_SAMPLE_KEYWORDS,
  PER_GROUP_METRICS, CONFIGURATION_METHODS, DEFAULT_CV_TRAITS, splitterTraits, SplitterTraits, GROUP_FUNCTION_METHODS, ROW_FUNCTION_METHODS, MISSINGNESS_METHODS,
} from '../ml/tables';
import { partitionCurves, pickPoint, usePoint } from './operating-points';
import { callEstimator, datasetDict, dataSelectionMethod, objectiveSearch, selectionOfConstructor, trainFunction, validationSelection } from './training-stacks';
import { columnAttribute, columnFunction, columnMethod, distinctValues, noteLoadColumns, periodSign } from './column-library';
import { columnNames as columnNameList, columnView, FRAME, noteColumn, withColumnFacts } from './column-book';
import { AnalysisEvent, CUDNN_DETERMINISTIC, EventOf, seededFact } from './events';
import {
  constStrings, containsRows, sharesOrigin, DataFacts, dataIn, Estimator, estimatorsIn, join, Learned, learnedIn, learnedWithin, mergeFacts, Origin, Part, rowSubset,
  options, ScoreInfo, scoresIn, SplitInfo, SplitMethod, UNKNOWN, unknownAt, uniq, Value, varies, withVary,
} from './values';
import { partFromName } from './naming';
import { assign, pushTo, setIn } from './journal';
import { columnNames, dropColumns } from './columns';

export interface CallArgs {
  node: PyNode;
  positional: Value[];
  keywords: ReadonlyMap<string, Value>;
  keywordNodes: ReadonlyMap<string, PyNode>;
  positionalNodes: PyNode[];
  /** `*args` or `**kwargs` at the call: arguments we cannot see. */
  hasSplat: boolean;
}

type EventInput = AnalysisEvent extends infer E ? (E extends unknown ? Omit<E, 'standalone' | 'facts'> : never) : never;

/** What library semantics need from the interpreter. */
export interface LibraryContext {
  readonly activeLoops: readonly number[];
  /** No branch or loop is open around the current statement. */
  readonly unconditional: boolean;
  /** The `for`/`while` statement or comprehension of a loop id. */
  loopSite(id: number): PyNode | undefined;
  readonly pathFacts: ReadonlySet<string>;
  readonly importsTorch: boolean;
  /** Whether the module imports this top-level package (`tensorflow`, `datasets`). */
  importsModule(root: string): boolean;
  /** Evaluates an expression of the program (an entry of a literal list passed to a call). */
  evaluate(node: PyNode): Value;
  /**
   * Calls `callee` (a function, or the lambda written at `calleeNode`) as a search framework
   * does: once per trial, as the body of a loop; `argument` makes the value passed for a loop id.
   */
  callPerTrial(site: PyNode, callee: Value, calleeNode: PyNode | undefined, argument: (loopId: number) => Value): Value;
  setFact(fact: string, on: boolean): void;
  emit(event: EventInput): AnalysisEvent;
  nextId(): number;
  text(node: PyNode): string;
  originAt(site: PyNode, what: string): Origin;
  newData(site: PyNode, what: string): DataFacts;
  materialize(value: Value): DataFacts | undefined;
  targetNamesFor(node: PyNode): string[] | undefined;
  lineOf(node: PyNode): number;
  elementOf(iterable: Value): Value;
  callValue(callee: Value, args: CallArgs): Value;
}

const MODULE_SELF_METHODS = new Set(['to', 'cuda', 'cpu', 'train', 'eval', 'float', 'double', 'half', 'requires_grad_', 'apply']);

/** Keyword arguments that change a model's randomness, not its settings. */
const NOT_SETTINGS = new Set(['random_state', 'seed', 'random_seed', 'verbose', 'n_jobs']);

export function shortName(qname: string): string {
  // `AutoTokenizer.from_pretrained` is named by its class.
  if (qname.endsWith('.from_pretrained')) qname = qname.slice(0, -'.from_pretrained'.length);
  return qname.slice(qname.lastIndexOf('.') + 1);
}

/** The arguments of a call written without any (`obj.val_dataloader()`), or with these positional values only. */
/** Shared by calls without keyword arguments (most calls): never written to. */
const NO_KEYWORDS: ReadonlyMap<string, never> = new Map<string, never>();

export function callArgs(node: PyNode, positional: Value[] = [], hasSplat = false): CallArgs {
  return { node, positional, keywords: NO_KEYWORDS, keywordNodes: NO_KEYWORDS, positionalNodes: [], hasSplat };
}

/** Deterministic kernels switched on or off (`torch.use_deterministic_algorithms(True)`), at a call. */
export function setDeterministic(ctx: LibraryContext, site: PyNode, name: string, on: boolean): void {
  ctx.setFact(CUDNN_DETERMINISTIC, on);
  ctx.emit({ type: 'flag', site, name, value: on });
}

/** A choice among the scores held by some values (the best reported trial, a sorted list of scores), when there are any. */
export function selectScores(ctx: LibraryContext, values: readonly Value[], site: PyNode, how: string): void {
  const scores = values.flatMap((v) => scoresIn(v));
  if (scores.length) ctx.emit({ type: 'select', site, scores, how });
}

export function arg(args: CallArgs, position: number, keyword: string): Value | undefined {
  return args.keywords.get(keyword) ?? args.positional[position];
}

export function isConst(value: Value | undefined, expected: unknown): boolean {
  return !!value && value.kind === 'const' && value.value === expected;
}

// ---- Calls of qualified names ------------------------------------------------------------

export function callLibrary(ctx: LibraryContext, qname: string | undefined, args: CallArgs): Value {
  if (qname === undefined) return fallback(ctx, args);
  const name = canonicalName(qname);
  if (name.startsWith('builtins.')) return callBuiltin(ctx, name.slice('builtins.'.length), args);
  if (name.startsWith('torch.')) checkDeviceKeyword(ctx, args, name);
  const columns = columnFunction(ctx, name, args);
  if (columns) return columns;
  const entry = lookupApi(name);
  if (!entry) return fallback(ctx, args);
  return callEntry(ctx, name, entry, args);
}

function callEntry(ctx: LibraryContext, qname: string, entry: ApiEntry, args: CallArgs): Value {
  const node = args.node;
  switch (entry.role) {
    case 'load': {
      const facts = ctx.newData(node, `the data loaded at line ${ctx.lineOf(node)}`);
      noteLoadColumns(facts, args);
      if (entry.datedIndex) noteColumn(facts, FRAME, 'datetime', node, { how: `${shortName(qname)}(…) (indexed by date)` });
      return { kind: 'data', facts };
    }
    case 'combine': {
      const data = dataArgs(entry.notRows ? withoutKeywords(args, entry.notRows) : args);
      if (data && entry.stacksRows) return applyStatistics(ctx, stackRows(ctx, data, args), statisticArgs(args), node);
      if (data) return applyStatistics(ctx, { kind: 'data', facts: data }, statisticArgs(args), node);
      // `pd.Series([X[c].value_counts().index[0] for c in X])`: a table of statistics.
      const statistics = valueArgs(args).reduce<readonly Learned[]>((acc, v) => uniq(acc, learnedWithin(v)), []);
      if (statistics.length) return { kind: 'statistic', learned: statistics };
      const scores = allArgs(args).flatMap((v) => scoresIn(v));
      if (scores.length) return { kind: 'score', scores };
      return { kind: 'data', facts: ctx.newData(node, `the data created at line ${ctx.lineOf(node)}`) };
    }
    case 'fresh':
      return { kind: 'data', facts: ctx.newData(node, `the values created at line ${ctx.lineOf(node)}`) };
    case 'generate': {
      checkRandom(ctx, entry.random, 'sklearn', qname, args);
      const facts = ctx.newData(node, `the data generated at line ${ctx.lineOf(node)}`);
      return { kind: 'seq', items: [{ kind: 'data', facts }, { kind: 'data', facts }] };
    }
    case 'predefined-split':
      return predefinedSplit(ctx, qname, node);
    case 'dataset-part':
      return datasetPart(ctx, qname, args);
    case 'split': {
      checkRandom(ctx, entry.random, 'sklearn', qname, args);
      const shuffled = !isConst(args.keywords.get('shuffle'), false);
      return splitArrays(ctx, args.positional, node, 'holdout', { api: shortName(qname), rowLevel: true, grouped: false, time: false, shuffled, call: node });
    }
    case 'cross-validate':
      return crossValidate(ctx, args);
    case 'estimator': {
      const made = construct(ctx, qname, entry, args);
      if (entry.prefit && isConst(args.keywords.get(entry.prefit), true) && made.kind === 'estimator') usePrefitted(made.est, args);
      return made;
    }
    case 'module': {
      const wrapped = entry.wraps !== undefined ? args.positional[entry.wraps] : undefined;
      if (wrapped && (wrapped.kind === 'instance' || wrapped.kind === 'estimator')) return wrapped;
      if (entry.family) ctx.emit({ type: 'random', site: node, family: entry.family, api: qname });
      return { kind: 'estimator', est: { id: ctx.nextId(), site: node, qname, kind: 'model', learned: [] } };
    }
    case 'train-function':
      return trainFunction(ctx, qname, entry, args);
    case 'objective-search':
      return objectiveSearch(ctx, qname, entry, args);
    case 'hyperparameter':
      return withVary(unknownAt(node), ctx.activeLoops);
    case 'report-score': {
      selectScores(ctx, allArgs(args), node, shortName(qname));
      return UNKNOWN;
    }
    case 'dataset-dict':
      return datasetDict(ctx, args);
    case 'fit-transform-function': {
      const data = ctx.materialize(args.positional[0] ?? UNKNOWN);
      if (!data) return fallback(ctx, args);
      const learned: Learned = { kind: 'fit', site: node, label: `${shortName(qname)}()`, from: data };
      return applyStatistics(ctx, { kind: 'data', facts: data }, [learned], node);
    }
    case 'statistic-function': {
      const first = args.positional[0] ?? UNKNOWN;
      if (isRowWise(args)) return fallback(ctx, args);
      const scores = scoresIn(first);
      if (scores.length && !dataIn(first)) return { kind: 'score', scores };
      const data = dataIn(first);
      if (!data) return fallback(ctx, args);
      // `np.mean(abs(y_true - y_pred))`, `np.mean(pred == y)`: a hand-written metric, as `.mean()` is.
      if (data.predictionOf.length) return evaluate(ctx, data.predictedAt ?? node, data, [...data.predictionOf], data.modelVary ?? []);
      return statisticOf(ctx, data, node, `${shortName(qname)} of ${argText(ctx, args, 0)}`);
    }
    case 'quantile-bins': {
      const data = ctx.materialize(args.positional[0] ?? UNKNOWN);
      if (!data) return fallback(ctx, args);
      const learned: Learned = { kind: 'statistic', site: node, label: `quantile bins of ${argText(ctx, args, 0)}`, from: data };
      return applyStatistics(ctx, { kind: 'data', facts: data }, [learned], node);
    }
    case 'metric':
      return metric(ctx, qname, args);
    case 'curve':
      return metric(ctx, qname, args, true);
    case 'select':
      return select(ctx, shortName(qname), args);
    case 'seed': {
      const seed = arg(args, 0, 'seed');
      // `random.seed(args.seed)` under `if args.seed is not None:` seeds with the user's value:
      // only a literal `None` (or no argument) is "without a value".
      const written = args.keywordNodes.get('seed') ?? args.positionalNodes[0];
      const explicit = !!entry.deterministic || (!!seed && !(written?.type === 'none' || (written?.type !== 'attribute' && written?.type !== 'identifier' && isConst(seed, null))));
      for (const family of entry.families) ctx.setFact(seededFact(family), explicit);
      ctx.emit({ type: 'seed', site: node, families: entry.families, api: qname, explicit, ...seedLoops(ctx, seed) });
      if (entry.deterministic) setDeterministic(ctx, node, qname, true);
      return UNKNOWN;
    }
    case 'random': {
      if (qname === 'torch.utils.data.random_split') {
        if (!args.keywords.has('generator')) ctx.emit({ type: 'random', site: node, family: 'torch', api: qname });
        return splitArrays(ctx, args.positional.slice(0, 1), node, 'holdout', { api: 'random_split', rowLevel: true, grouped: false, time: false, shuffled: true, call: node });
      }
      if (entry.random) checkRandom(ctx, entry.random, entry.family, qname, args);
      else if (!drawsFromOwnGenerator(entry.family, args)) ctx.emit({ type: 'random', site: node, family: entry.family, api: qname });
      const data = dataArgs(args);
      return data ? { kind: 'data', facts: data } : unknownAt(node);
    }
    case 'resample-rows': {
      checkRandom(ctx, entry.random, 'sklearn', qname, args);
      const data = dataArgs(args);
      if (!data) return fallback(ctx, args);
      if (isConst(args.keywords.get('replace'), false)) return { kind: 'data', facts: data };
      return { kind: 'data', facts: oversampled(data, node, `${shortName(qname)}(replace=True)`) };
    }
    case 'rng':
      checkRandom(ctx, entry.random, 'generator', qname, args);
      return unknownAt(node);
    case 'accelerator':
      return { kind: 'const', value: 'cuda' };
    case 'argument-parser': {
      // `ArgumentParser(parents=[base_parser()])` starts with the parents' options.
      const attrs = new Map<string, Value>();
      for (const parent of options(ctx.elementOf(args.keywords.get('parents') ?? UNKNOWN))) {
        if (parent.kind === 'namespace') for (const [k, v] of parent.attrs) attrs.set(k, v);
      }
      return { kind: 'namespace', attrs };
    }
    case 'device': {
      const device = args.positional[0] ?? args.keywords.get('type');
      return device ?? UNKNOWN;
    }
    case 'deterministic-algorithms': {
      const on = args.positional[0] ?? args.keywords.get('mode');
      if (on?.kind === 'const') setDeterministic(ctx, node, qname, Boolean(on.value));
      return UNKNOWN;
    }
  }
}

function callBuiltin(ctx: LibraryContext, name: string, args: CallArgs): Value {
  const first = args.positional[0] ?? UNKNOWN;
  switch (name) {
    case 'max':
    case 'min':
    case 'sorted':
      return select(ctx, name, args);
    case 'next':
    case 'iter':
      return name === 'next' ? ctx.elementOf(first) : first;
    case 'list':
    case 'tuple':
    case 'set':
      return { kind: 'box', box: { elem: distinctValues(first) ?? ctx.elementOf(first) }, isDict: false };
    case 'reversed':
      return first.kind === 'seq' || first.kind === 'box' ? first : { kind: 'box', box: { elem: ctx.elementOf(first) }, isDict: false };
    case 'dict':
      return { kind: 'box', box: { elem: join(ctx.elementOf(first), [...args.keywords.values()].reduce<Value | undefined>((a, v) => join(a, v), undefined)) }, isDict: true };
    case 'zip':
      return { kind: 'box', box: { elem: { kind: 'seq', items: args.positional.map((v) => ctx.elementOf(v)) } }, isDict: false };
    case 'enumerate':
      return { kind: 'box', box: { elem: { kind: 'seq', items: [UNKNOWN, ctx.elementOf(first)] } }, isDict: false };
    case 'float':
    case 'int':
    case 'round':
    case 'abs':
    case 'sum':
      return first;
    case 'print':
      for (const v of allArgs(args)) usePoint(ctx, dataIn(v));
      markReportedAsTest(args);
      return UNKNOWN;
    case 'len':
    case 'isinstance':
    case 'str':
    case 'range':
    case 'open':
    case 'super':
      return UNKNOWN;
    default:
      return fallback(ctx, args);
  }
}

// ---- Calls of methods ------------------------------------------------------------------

export function callMethod(ctx: LibraryContext, self: Value, name: string, args: CallArgs): Value {
  checkCudaMethod(ctx, name, args);
  validationSelection(ctx, self, name, args);
  if (self.kind === 'data') {
    const handled = dataSelectionMethod(ctx, self, name, args);
    if (handled) return handled;
  }
  switch (self.kind) {
    case 'estimator':
      return estimatorMethod(ctx, self, name, args);
    case 'data':
      return dataMethod(ctx, self, name, args);
    case 'box':
      return containerMethod(ctx, self, name, args);
    case 'namespace':
      return parserMethod(self, name, args);
    case 'const':
      // `"cuda:{}".format(rank)`: the formatted string keeps its literal text (placeholders stay).
      return name === 'format' && typeof self.value === 'string' ? self : fallback(ctx, args, self);
    case 'statistic':
      return STATISTIC_METHODS.has(name) || name === 'item' ? self : fallback(ctx, args, self);
    case 'score':
      if (SELECT_METHODS.has(name) || name === 'max' || name === 'min') {
        const { curves, others } = partitionCurves(self.scores);
        if (!others.length) return pickPoint(curves, args.node, `.${name}()`);
        ctx.emit({ type: 'select', site: args.node, scores: others, how: `.${name}()` });
      }
      return self;
    case 'instance':
      // `nn.Module` methods that return the module itself.
      if (MODULE_SELF_METHODS.has(name)) return self;
      return ESTIMATOR_METHODS[name] === 'predict' ? predictionsOfUnknownModel(ctx, args) : fallback(ctx, args);
    case 'method': {
      // `df.values.mean()`, `df.iloc[…].fillna()`: a view of data behaves like the data;
      // `df.patient_id.nunique()`: an attribute that is not pandas' own is a column.
      if (self.self.kind !== 'data') return fallback(ctx, args);
      const column = columnView(self, args.node.children.find((c) => c.field === 'function')?.children.find((c) => c.field === 'object') ?? args.node);
      return dataMethod(ctx, (column ?? self.self) as Extract<Value, { kind: 'data' }>, name, args);
    }
    default: {
      if (ESTIMATOR_METHODS[name] === 'predict' && self.kind === 'unknown') return predictionsOfUnknownModel(ctx, args);
      if (SELECT_METHODS.has(name)) {
        const { curves, others } = partitionCurves(allArgs(args).flatMap((v) => scoresIn(v)));
        if (others.length) ctx.emit({ type: 'select', site: args.node, scores: others, how: `.${name}()` });
        else if (curves.length) return pickPoint(curves, args.node, `.${name}()`);
      }
      return fallback(ctx, args);
    }
  }
}

/**
 * argparse: `add_argument("--device", default="cuda")` records the option's default under its
 * destination; `parse_args()` returns a namespace of those defaults (what a run without flags uses).
 */
const PARSER_METHODS = new Set(['add_argument', 'add_argument_group', 'add_mutually_exclusive_group', 'parse_args', 'parse_known_args', 'set_defaults']);

function parserMethod(self: Extract<Value, { kind: 'namespace' }>, name: string, args: CallArgs): Value {
  switch (name) {
    case 'add_argument': {
      const flags = args.positional.flatMap((v) => (v.kind === 'const' && typeof v.value === 'string' ? [v.value] : []));
      const long = flags.find((f) => f.startsWith('--')) ?? flags.find((f) => !f.startsWith('-'));
      const dest = constStrings(args.keywords.get('dest') ?? UNKNOWN)[0] ?? long?.replace(/^-+/, '').replace(/-/g, '_');
      if (!dest) return UNKNOWN;
      const action = constStrings(args.keywords.get('action') ?? UNKNOWN)[0];
      const fallbackDefault: Value = action === 'store_true' ? { kind: 'const', value: false } : action === 'store_false' ? { kind: 'const', value: true } : { kind: 'const', value: null };
      setIn(self.attrs, dest, args.keywords.get('default') ?? fallbackDefault);
      return UNKNOWN;
    }
    case 'add_argument_group':
    case 'add_mutually_exclusive_group':
      return self;
    case 'set_defaults':
      for (const [k, v] of args.keywords) setIn(self.attrs, k, v);
      return UNKNOWN;
    case 'parse_args':
      return { kind: 'namespace', attrs: self.attrs };
    case 'parse_known_args':
      return { kind: 'seq', items: [{ kind: 'namespace', attrs: self.attrs }, UNKNOWN] };
    default:
      return UNKNOWN;
  }
}

/**
 * `clf.predict_proba(X)` on a model the analysis cannot see (a parameter, a member of a list):
 * the method's name says the result is a model's predictions, not rows of X to learn from.
 */
function predictionsOfUnknownModel(ctx: LibraryContext, args: CallArgs): Value {
  const target = dataIn(args.positional[0] ?? args.keywords.get('X') ?? UNKNOWN);
  if (!target) return unknownAt(args.node);
  const model: Estimator = { id: ctx.nextId(), site: args.node, qname: 'model', kind: 'model', learned: [] };
  return { kind: 'data', facts: { ...target, predictionOf: uniq(target.predictionOf, [model]), predictedAt: args.node } };
}

/** `df.values`, `model.best_estimator_`, `cv.best_score_`: attribute reads on non-module values. */
export function attributeOf(ctx: LibraryContext, value: Value, name: string, node: PyNode): Value {
  if (value.kind === 'namespace') return value.attrs.get(name) ?? (PARSER_METHODS.has(name) ? { kind: 'method', self: value, name } : unknownAt(node));
  // `torch.accelerator.current_accelerator().type`, `device.type`: the device's kind.
  if (name === 'type' && isCudaDevice(value)) return { kind: 'const', value: 'cuda' };
  if (value.kind === 'data' && METADATA_ATTRIBUTES.has(name)) return unknownAt(node);
  // `model(**batch).loss` (Hugging Face model outputs): the loss of the predictions is a score of them.
  if (value.kind === 'data' && name === 'loss' && value.facts.predictionOf.length) {
    return evaluate(ctx, node, value.facts, [...value.facts.predictionOf], value.facts.modelVary ?? []);
  }
  columnAttribute(value, name, node);
  if (value.kind === 'estimator') {
    if (name === 'best_estimator_') return value.est.kind === 'search' ? { ...value, bestOf: true } : value;
    if (name === 'best_score_') {
      const learned = value.est.learned[0];
      const data: DataFacts = learned ? { ...learned.from, parts: ['validation'] } : ctx.newData(node, 'cross-validation');
      return { kind: 'score', scores: [{ id: ctx.nextId(), site: node, data, estimators: [value.est] }] };
    }
  }
  if (value.kind === 'statistic' || value.kind === 'score') return value;
  return { kind: 'method', self: value, name };
}

function estimatorMethod(ctx: LibraryContext, self: Extract<Value, { kind: 'estimator' }>, name: string, args: CallArgs): Value {
  const est = self.est;
  const node = args.node;
  const special = callEstimator(ctx, self, name, args);
  if (special) return special;
  if (MODULE_SELF_METHODS.has(name) && est.kind === 'model') return self;
  if (CONFIGURATION_METHODS.has(name)) return withVary(self, settingsVary(args));
  const action = ESTIMATOR_METHODS[name];
  switch (action) {
    case 'fit':
      // `fit` starts afresh (what an earlier fit learned is gone); `partial_fit` adds to it.
      if (name !== 'partial_fit' && ctx.unconditional) assign(est, 'learned', []);
      if (self.bestOf) fit(ctx, est, args, 'fit', 'model', false);
      else fit(ctx, est, args);
      return self;
    case 'fit-transform': {
      if (ctx.unconditional) assign(est, 'learned', []);
      // A pipeline whose output is transformed data is preprocessing (`full_pipeline.fit_transform(X)`).
      fit(ctx, est, args, 'fit', est.kind === 'pipeline' && name === 'fit_transform' ? 'transformer' : est.kind);
      return transform(ctx, self, args);
    }
    case 'fit-resample': {
      const learned = fit(ctx, est, args, est.kind === 'oversampler' ? 'oversample' : 'resample');
      const x = ctx.materialize(args.positional[0] ?? UNKNOWN);
      const y = ctx.materialize(args.positional[1] ?? UNKNOWN);
      const resampled = (facts: DataFacts | undefined): Value =>
        facts ? { kind: 'data', facts: { ...facts, influences: learned ? uniq(facts.influences, [learned]) : facts.influences } } : UNKNOWN;
      return { kind: 'seq', items: [resampled(x), resampled(y)] };
    }
    case 'augment': {
      if (est.kind !== 'augmenter') break;
      const data = ctx.materialize(args.positional[0] ?? args.keywords.get('x') ?? UNKNOWN);
      return data ? { kind: 'data', facts: oversampled(data, node, `${shortName(est.qname)}.${name}`) } : unknownAt(node);
    }
    case 'transform':
      return transform(ctx, self, args);
    case 'predict': {
      const target = ctx.materialize(args.positional[0] ?? args.keywords.get('X') ?? UNKNOWN);
      if (!target) return unknownAt(node);
      for (const learned of est.learned) ctx.emit({ type: 'apply', site: node, learned, target });
      const modelVary = uniq(target.modelVary ?? [], varies(self));
      return { kind: 'data', facts: { ...target, predictionOf: uniq(target.predictionOf, [est]), modelVary, predictedAt: node } };
    }
    case 'score': {
      const x = ctx.materialize(args.positional[0] ?? args.keywords.get('X') ?? args.keywords.get('x') ?? UNKNOWN);
      const y = dataIn(args.positional[1] ?? args.keywords.get('y') ?? UNKNOWN);
      // The rows scored are X's rows (y only labels them): X says which rows they are a subset of.
      const data = x && y ? { ...mergeFacts(x, y), ...(x.rowSubsetOf ? { rowSubsetOf: x.rowSubsetOf } : {}) } : x ?? y;
      if (!data) return unknownAt(node);
      for (const learned of est.learned) ctx.emit({ type: 'apply', site: node, learned, target: data });
      return evaluate(ctx, node, data, [est], varies(self), `${shortName(est.qname)}.${name}`);
    }
    case 'split':
      return splitterSplit(ctx, est, args);
  }
  if (name === 'set_params') return withVary(self, settingsVary(args));
  return fallback(ctx, args);
}

function dataMethod(ctx: LibraryContext, self: Extract<Value, { kind: 'data' }>, name: string, args: CallArgs): Value {
  // Groupby, windows, lags and leads, unique values, column drops (column-library.ts): their
  // column facts go on top of what the general semantics make of the call.
  const columns = columnMethod(ctx, self.facts, name, args);
  if (!columns) return rowMethod(ctx, self, name, args);
  const base = rowMethod(ctx, self, name, args);
  return base.kind === 'data' && columns.kind === 'data' ? { ...base, facts: withColumnFacts(base.facts, columns.facts) } : columns;
}

function rowMethod(ctx: LibraryContext, self: Extract<Value, { kind: 'data' }>, name: string, args: CallArgs): Value {
  const node = args.node;
  const facts = self.facts;
  if (STATISTIC_METHODS.has(name) && !isRowWise(args)) {
    if (name === 'idxmax' || name === 'idxmin') return fallback(ctx, args, self);
    // `(pred == y).float().mean()`: a statistic of a model's predictions is a score.
    // Reported where the model ran on the rows (`outputs = net(inputs)`), the statement a reader
    // recognises as the evaluation, rather than at `outputs.max(1)`.
    if (facts.predictionOf.length) return evaluate(ctx, facts.predictedAt ?? node, facts, [...facts.predictionOf], facts.modelVary ?? []);
    return statisticOf(ctx, facts, node, `${name}() of ${receiverText(ctx, node)}`);
  }
  if (name === 'groupby' && facts.predictionOf.length) ctx.emit({ type: 'slice', site: node, data: facts, how: '.groupby()' });
  if (facts.groupedBy && GROUP_FUNCTION_METHODS.has(name)) {
    const perGroup = groupFunction(ctx, facts, name, args);
    if (perGroup) return perGroup;
  } else if (!facts.groupedBy && ROW_FUNCTION_METHODS.has(name)) {
    const mapped = rowFunction(ctx, self, args);
    if (mapped) return mapped;
  }
  const random = RANDOM_DATA_METHODS[name];
  if (random && looksLikeDataFrameSample(args)) checkRandom(ctx, random, 'sklearn', `DataFrame.${name}`, args);
  // `df["sales"].shift(1)`: earlier rows' values, known when predicting (a lag, not the target).
  if (name === 'shift' && facts.columnSources && (periodSign(ctx, args) ?? 1) >= 0) {
    return { ...self, facts: { ...facts, columnSources: undefined } };
  }
  // `df["Age"].isna()`: which rows have a value, not the values (constant on the rows a model of
  // Age is fitted on).
  if (MISSINGNESS_METHODS.has(name) && facts.columnSources) return { ...self, facts: { ...facts, columnSources: undefined } };
  if (name === 'drop_duplicates') {
    ctx.emit({ type: 'deduplicate', site: node, data: facts });
    return { ...self, facts: { ...rowSubset(facts, facts), deduplicated: true } };
  }
  if (name === 'sample' && drawsCopies(args)) return { kind: 'data', facts: oversampled(facts, node, 'sample(replace=True)') };
  // `df.sample(n)`, `df.head(k)`: some of the same rows; a count passed in does not shape them.
  if (ROW_SUBSET_METHODS.has(name) || name === 'sample') return { ...self, facts: rowSubset(facts, facts) };
  if (name === 'drop') {
    const rows = dataIn(args.positional[0] ?? args.keywords.get('index') ?? UNKNOWN);
    const part = rows?.parts.length === 1 ? rows.parts[0] : undefined;
    if (rows && (part === 'train' || part === 'test') && facts.parts.length === 1 && facts.parts[0] === 'full' && rows.origins.some((o) => facts.origins.includes(o))) {
      const complement: Part = part === 'train' ? 'test' : 'train';
      return { kind: 'data', facts: { ...facts, parts: [complement], splits: uniq(facts.splits, rows.splits) } };
    }
    const columns = droppedColumns(args);
    return columns ? { ...self, facts: dropColumns(facts, columns) } : self;
  }
  return fallback(ctx, args, self);
}

/**
 * `features.extend(["lag_7", "lag_14"])`, `cols.append("x")` on a literal list of column names:
 * still a literal list of names, one longer. Any other change leaves the list's items unknown.
 */
function grownNameList(self: Extract<Value, { kind: 'box' }>, name: string, args: CallArgs): { items: readonly Value[]; repeated: boolean } | undefined {
  const literal = self.box.literal;
  if (!literal || self.isDict || literal.repeated || args.positional.length !== 1 || args.keywords.size) return undefined;
  const arg = args.positional[0];
  const added = name === 'append' ? [arg] : name === 'extend' && arg.kind === 'box' && !arg.isDict ? arg.box.literal?.items : undefined;
  const items = added && [...literal.items, ...added];
  return items?.every((v) => constStrings(v).length === 1) ? { items, repeated: false } : undefined;
}

function containerMethod(ctx: LibraryContext, self: Extract<Value, { kind: 'box' }>, name: string, args: CallArgs): Value {
  if (CONTAINER_ADDERS.has(name)) {
    for (const v of allArgs(args)) assign(self.box, 'elem', join(self.box.elem, name === 'extend' || name === 'update' ? ctx.elementOf(v) : v));
    assign(self.box, 'literal', grownNameList(self, name, args));
    assign(self.box, 'keys', undefined);
    return UNKNOWN;
  }
  switch (name) {
    case 'items':
      return { kind: 'box', box: { elem: { kind: 'seq', items: [UNKNOWN, self.box.elem] } }, isDict: false };
    case 'values':
    case 'copy':
      return name === 'copy' ? self : { kind: 'box', box: self.box, isDict: false };
    case 'keys':
      return { kind: 'box', box: { elem: UNKNOWN }, isDict: false };
    case 'get':
    case 'pop':
      return self.box.elem;
    case 'sort': {
      selectScores(ctx, [self], args.node, '.sort()');
      return UNKNOWN;
    }
  }
  return fallback(ctx, args);
}

// ---- Estimators --------------------------------------------------------------------------

function construct(ctx: LibraryContext, qname: string, entry: Extract<ApiEntry, { role: 'estimator' }>, args: CallArgs): Value {
  const { kind, random } = entry;
  const randomEvent = random ? checkRandom(ctx, random, 'sklearn', qname, args) : undefined;
  if (random?.seedsMembers && !randomEvent) {
    for (const member of allArgs(args).flatMap((v) => estimatorsIn(v))) if (member.randomEvent) member.randomEvent.seededBy = args.node;
  }
  const chosen = selectionOfConstructor(ctx, qname, entry, args);
  const selects = !!chosen;
  const est: Estimator = { id: ctx.nextId(), site: args.node, qname, kind, learned: [], selects, selection: chosen, keywords: args.keywords, ...(randomEvent ? { randomEvent } : {}) };
  const value = withVary({ kind: 'estimator', est }, settingsVary(args)) as Extract<Value, { kind: 'estimator' }>;
  if (entry.validation?.some((v) => v.method === '__init__')) validationSelection(ctx, value, '__init__', args);
  return value;
}

/**
 * `SelectFromModel(clf, prefit=True)`: the selector learned what `clf` was fitted on, at its own
 * construction (preprocessing: it selects features by the model's importances).
 */
function usePrefitted(est: Estimator, args: CallArgs): void {
  const [wrapped] = estimatorsIn(args.positional[0] ?? args.keywords.get('estimator') ?? UNKNOWN);
  for (const l of wrapped?.learned ?? []) {
    pushTo(est.learned, { kind: 'fit', site: args.node, label: shortName(est.qname), from: l.from, estimatorKind: est.kind });
  }
}

function settingsVary(args: CallArgs): number[] {
  const out: number[] = [];
  // A pipeline or search varies when the estimator passed to it does: its value carries the loop.
  const add = (v: Value): void => {
    for (const id of varies(v)) if (!out.includes(id)) out.push(id);
  };
  args.positional.forEach(add);
  for (const [k, v] of args.keywords) if (!NOT_SETTINGS.has(k)) add(v);
  return out;
}

export function fit(ctx: LibraryContext, est: Estimator, args: CallArgs, kind: Learned['kind'] = 'fit', learnedAs: EstimatorKind = est.kind, searches = est.kind === 'search'): Learned | undefined {
  if (est.kind === 'stateless' || est.kind === 'splitter' || est.kind === 'select-callback' || est.kind === 'augmenter') return undefined;
  const data = ctx.materialize(args.positional[0] ?? args.keywords.get('X') ?? args.keywords.get('x') ?? UNKNOWN);
  if (!data) return undefined;
  const learned: Learned = { kind, site: args.node, label: shortName(est.qname), from: data, estimatorKind: learnedAs };
  if (!est.learned.some((l) => l.site === learned.site && l.from === data)) pushTo(est.learned, learned);
  const labels = dataIn(args.positional[1] ?? args.keywords.get('y') ?? UNKNOWN);
  ctx.emit({ type: 'fit', site: args.node, estimator: est, learned, labels });
  if (searches) {
    const method = cvMethod(ctx, est.keywords?.get('cv'), args.keywords.get('groups'), args.node, shortName(est.qname));
    const split: SplitInfo = { id: ctx.nextId(), site: args.node, kind: 'cv', origins: data.origins, method };
    ctx.emit({ type: 'split', site: args.node, split, inputs: [data] });
    ctx.emit({ type: 'search', site: args.node, estimator: est, data });
  }
  return learned;
}

export function transform(ctx: LibraryContext, self: Extract<Value, { kind: 'estimator' }>, args: CallArgs): Value {
  const est = self.est;
  const target = ctx.materialize(args.positional[0] ?? args.keywords.get('X') ?? UNKNOWN);
  if (!target) return unknownAt(args.node);
  const carries = est.kind !== 'stateless' && est.kind !== 'model';
  const learned = carries ? est.learned : [];
  for (const l of learned) ctx.emit({ type: 'apply', site: args.node, learned: l, target });
  return { kind: 'data', facts: { ...target, influences: uniq(target.influences, learned) } };
}

// ---- Splits ------------------------------------------------------------------------------

const DEFAULT_PARTS: Record<Part, [Part, Part]> = {
  full: ['train', 'test'],
  train: ['train', 'validation'],
  test: ['validation', 'test'],
  validation: ['validation', 'validation'],
  unknown: ['train', 'test'],
};

export function partOf(facts: DataFacts, part: Part, split: SplitInfo): DataFacts {
  // A part's rows are rows of the split's input (train-test-overlap: a model fitted on the input).
  return { ...rowSubset(facts, facts), parts: [part], splits: uniq(facts.splits, [split]) };
}

function splitArrays(ctx: LibraryContext, arrays: Value[], node: PyNode, kind: SplitInfo['kind'], method?: SplitMethod): Value {
  const materialized = arrays.map((a) => ctx.materialize(a));
  const inputs = materialized.filter((d): d is DataFacts => !!d);
  if (!inputs.length) return unknownAt(node);
  const origins = inputs.reduce<readonly Origin[]>((acc, d) => uniq(acc, d.origins), []);
  const split: SplitInfo = { id: ctx.nextId(), site: node, kind, origins, method };
  ctx.emit({ type: 'split', site: node, split, inputs });
  // Names are read by position: each array passed gives two targets, in order, even the
  // arrays the analysis cannot follow (`y = opaque.Survived`).
  const names = ctx.targetNamesFor(node);
  const named = names?.length === arrays.length * 2 ? names : undefined;
  const items: Value[] = [];
  materialized.forEach((input, position) => {
    if (!input) {
      items.push(UNKNOWN, UNKNOWN);
      return;
    }
    const from = input.parts.length === 1 ? input.parts[0] : 'full';
    // Evidence before names: a split of the training part (or of a function's own argument,
    // which callers pass their training rows to) holds out validation rows whatever the
    // variables are called; only a split of undivided data lets a name break the tie.
    const ofArgument = from === 'full' && input.origins.length > 0 && input.origins.every((o) => o.parameter);
    const parts = ofArgument ? (['train', 'validation'] as const) : DEFAULT_PARTS[from];
    parts.forEach((part, i) => {
      const hinted = from === 'full' && !ofArgument && named ? partFromName(named[position * 2 + i]) : undefined;
      items.push({ kind: 'data', facts: partOf(input, hinted && hinted !== 'full' ? hinted : part, split) });
    });
  });
  return { kind: 'seq', items };
}

function predefinedSplit(ctx: LibraryContext, qname: string, node: PyNode): Value {
  const facts = ctx.newData(node, `${qname.split('.').slice(-2, -1)[0]} loaded at line ${ctx.lineOf(node)}`);
  const split: SplitInfo = { id: ctx.nextId(), site: node, kind: 'holdout', origins: facts.origins, published: true };
  ctx.emit({ type: 'split', site: node, split, inputs: [facts] });
  const part = (p: Part): Value => ({ kind: 'data', facts: partOf(facts, p, split) });
  return { kind: 'seq', items: [{ kind: 'seq', items: [part('train'), part('train')] }, { kind: 'seq', items: [part('test'), part('test')] }] };
}

/**
 * `datasets.MNIST(root, train=False)`: each call loads one published part of the same dataset,
 * so all calls for a dataset class share one origin and one (predefined) split.
 */
const datasetSplits = sideTable<LibraryContext, Map<string, { facts: DataFacts; split: SplitInfo }>>();

function datasetPart(ctx: LibraryContext, qname: string, args: CallArgs): Value {
  const train = args.keywords.get('train');
  const split = args.keywords.get('split');
  const part: Part = isConst(train, false) || constStrings(split ?? UNKNOWN).some((s) => s === 'test') ? 'test' : 'train';
  let known = datasetSplits.get(ctx);
  if (!known) setIn(datasetSplits, ctx, (known = new Map()));
  let entry = known.get(qname);
  if (!entry) {
    const facts = ctx.newData(args.node, `${shortName(qname)} loaded at line ${ctx.lineOf(args.node)}`);
    const s: SplitInfo = { id: ctx.nextId(), site: args.node, kind: 'holdout', origins: facts.origins, published: true };
    ctx.emit({ type: 'split', site: args.node, split: s, inputs: [facts] });
    setIn(known, qname, (entry = { facts, split: s }));
  }
  return { kind: 'data', facts: partOf(entry.facts, part, entry.split) };
}

const HOLDOUT_SPLITTERS = new Set(['ShuffleSplit', 'StratifiedShuffleSplit', 'GroupShuffleSplit']);

function splitterSplit(ctx: LibraryContext, est: Estimator, args: CallArgs): Value {
  const data = ctx.materialize(args.positional[0] ?? args.keywords.get('X') ?? UNKNOWN);
  if (!data) return unknownAt(args.node);
  return { kind: 'box', box: { elem: foldOf(ctx, est, data, args.node, args.keywords.get('groups') ?? args.positional[2]) }, isDict: false };
}

const oldStyleFolds = sideTable<Estimator, Value>();

/**
 * `for train_index, test_index in KFold(len(y), n_folds=3)`: scikit-learn before 0.18 made
 * splitters iterable over row numbers given at construction. One fold of those numbers; the
 * data they index is divided where it is indexed (`X[train_index]`).
 */
export function iterateSplitter(ctx: LibraryContext, est: Estimator): Value {
  let fold = oldStyleFolds.get(est);
  if (!fold) {
    const rows = ctx.newData(est.site, `the row numbers of ${shortName(est.qname)}`);
    setIn(oldStyleFolds, est, (fold = foldOf(ctx, est, rows, est.site, undefined)));
  }
  return fold;
}

/** The (train, held-out) pair a splitter makes of some data, with the split it emits. */
function foldOf(ctx: LibraryContext, est: Estimator, data: DataFacts, site: PyNode, groups: Value | undefined): Value {
  const holdout = HOLDOUT_SPLITTERS.has(shortName(est.qname));
  const traits = splitterTraits(est.qname);
  const method = traits ? splitMethod(ctx, traits, est, groups, site, shortName(est.qname)) : undefined;
  const split: SplitInfo = { id: ctx.nextId(), site, kind: holdout ? 'holdout' : 'cv', origins: data.origins, method };
  ctx.emit({ type: 'split', site, split, inputs: [data] });
  return {
    kind: 'seq',
    items: [
      { kind: 'data', facts: partOf(data, 'train', split) },
      { kind: 'data', facts: partOf(data, holdout ? 'test' : 'validation', split) },
    ],
  };
}

function crossValidate(ctx: LibraryContext, args: CallArgs): Value {
  const estimator = args.positional[0] ?? args.keywords.get('estimator') ?? UNKNOWN;
  const data = ctx.materialize(args.positional[1] ?? args.keywords.get('X') ?? UNKNOWN);
  if (!data) return unknownAt(args.node);
  const method = cvMethod(ctx, args.keywords.get('cv'), args.keywords.get('groups'), args.node, 'cross-validation');
  const split: SplitInfo = { id: ctx.nextId(), site: args.node, kind: 'cv', origins: data.origins, method };
  ctx.emit({ type: 'split', site: args.node, split, inputs: [data] });
  const score: ScoreInfo = { id: ctx.nextId(), site: args.node, data: partOf(data, 'validation', split), estimators: estimatorsIn(estimator) };
  return withVary({ kind: 'score', scores: [score] }, varies(estimator));
}

/** How a splitter assigns rows, given the `groups=` passed where it is used. */
function splitMethod(ctx: LibraryContext, traits: SplitterTraits, splitter: Estimator | undefined, groups: Value | undefined, call: PyNode, api: string): SplitMethod {
  const shuffle = splitter?.keywords?.get('shuffle');
  const shuffled = traits.shuffles === 'always' || (traits.shuffles === 'if-shuffle' && isConst(shuffle, true));
  const groupColumns = columnNameList(groups);
  // `GroupKFold` used on a column is the code saying the column groups the rows.
  for (const name of groupColumns) for (const v of groups ? [groups] : []) {
    const data = dataIn(v) ?? (v.kind === 'method' && v.self.kind === 'data' ? v.self.facts : undefined);
    if (data) noteColumn(data, name, 'group-split', call);
  }
  return { api, rowLevel: traits.rowLevel, grouped: traits.groups || !!groups, time: traits.time, shuffled, splitter, call };
}

/** `cv=` of a cross-validation or search: a splitter, a number of folds (unshuffled KFold), or something we cannot see. */
function cvMethod(ctx: LibraryContext, cv: Value | undefined, groups: Value | undefined, call: PyNode, api: string): SplitMethod | undefined {
  if (cv === undefined || (cv.kind === 'const' && (typeof cv.value === 'number' || cv.value === null))) {
    return splitMethod(ctx, DEFAULT_CV_TRAITS, undefined, groups, call, api);
  }
  const [splitter] = estimatorsIn(cv);
  const traits = splitter ? splitterTraits(splitter.qname) : undefined;
  return traits && splitter ? splitMethod(ctx, traits, splitter, groups, call, shortName(splitter.qname)) : undefined;
}

// ---- Scores and selection ------------------------------------------------------------------

/** A score of some estimators on some data; `modelVary`: loops that change the model or its settings. */
function evaluate(ctx: LibraryContext, site: PyNode, data: DataFacts, estimators: Estimator[], modelVary: readonly number[], api?: string, curve = false): Value {
  usePoint(ctx, data);
  const score: ScoreInfo = { id: ctx.nextId(), site, data, estimators, ...(curve ? { curve } : {}) };
  const vary = modelVary;
  const variedIn = vary.filter((id) => ctx.activeLoops.includes(id));
  ctx.emit({ type: 'evaluate', site, score, variedIn, loop: variedIn.length ? ctx.loopSite(variedIn[0]) : undefined, ...(api ? { api } : {}) });
  return { kind: 'score', scores: [score], vary };
}

export function metric(ctx: LibraryContext, qname: string, args: CallArgs, curve = false): Value {
  const values = allArgs(args);
  let data: DataFacts | undefined;
  for (const v of values) {
    const d = dataIn(v);
    if (d) data = data ? mergeFacts(data, d) : d;
  }
  if (!data) return fallback(ctx, args);
  // A model passed in the arguments (`scorer(model, X, y)`) varies like its value.
  const modelVary = values.filter((v) => v.kind === 'estimator').reduce<readonly number[]>((acc, v) => uniq(acc, varies(v)), data.modelVary ?? []);
  if (PER_GROUP_METRICS.includes(qname) || isConst(args.keywords.get('average'), null)) ctx.emit({ type: 'slice', site: args.node, data, how: `${shortName(qname)}()` });
  return evaluate(ctx, args.node, data, [...data.predictionOf], modelVary, shortName(qname), curve);
}

function select(ctx: LibraryContext, name: string, args: CallArgs): Value {
  const values = allArgs(args);
  const { curves, others } = partitionCurves(values.flatMap((v) => scoresIn(v)));
  if (others.length) ctx.emit({ type: 'select', site: args.node, scores: others, how: `${name}()` });
  else if (curves.length) return pickPoint(curves, args.node, `${name}()`);
  const first = args.positional[0] ?? UNKNOWN;
  if (name === 'sorted') return first;
  if (name === 'max' || name === 'min') return args.positional.length > 1 ? values.reduce<Value | undefined>((a, v) => join(a, v), undefined) ?? UNKNOWN : ctx.elementOf(first);
  return UNKNOWN;
}

/** `print("Test accuracy:", acc)`: the program calls these scores test scores. */
function markReportedAsTest(args: CallArgs): void {
  const strings = args.positional.flatMap((v) => constStrings(v));
  if (!strings.some((s) => /\btest\b/i.test(s)) || strings.some((s) => /train/i.test(s))) return;
  for (const v of args.positional) for (const score of scoresIn(v)) score.reportedAsTest ??= args.node;
}

/** `drop(columns=[…])`, `drop("t", axis=1)`: the column names dropped, when they can be read. */
function droppedColumns(args: CallArgs): string[] | undefined {
  const keyword = args.keywords.get('columns');
  if (keyword) return columnNames(keyword)?.names;
  const axis = args.keywords.get('axis') ?? args.positional[1];
  const byColumn = axis?.kind === 'const' && (axis.value === 1 || axis.value === 'columns');
  const labels = args.positional[0] ?? args.keywords.get('labels');
  return byColumn && labels ? columnNames(labels)?.names : undefined;
}

// ---- Copies of rows --------------------------------------------------------------------------

/** Data that now holds copies (or interpolations) of its rows, made at `site`. */
function oversampled(data: DataFacts, site: PyNode, label: string): DataFacts {
  const learned: Learned = { kind: 'oversample', site, label, from: data };
  return { ...data, influences: uniq(data.influences, [learned]) };
}

/** `df.sample(frac=2)`, `df.sample(n, replace=True)`: rows drawn more than once. */
function drawsCopies(args: CallArgs): boolean {
  const frac = args.keywords.get('frac');
  return isConst(args.keywords.get('replace'), true) || (frac?.kind === 'const' && typeof frac.value === 'number' && frac.value > 1);
}

/** Row methods whose result is a subset of the rows (for row identity). */
const ROW_SUBSET_METHODS = new Set(['query', 'head', 'tail', 'nlargest', 'nsmallest', 'dropna']);

/**
 * `pd.concat([df, df[df.y == 1]])`, `pd.concat([df_min] * 3)`: stacking rows that are already
 * there repeats them. The result is marked as holding copies made at the call.
 */
function stackRows(ctx: LibraryContext, data: DataFacts, args: CallArgs): Value {
  const axis = args.keywords.get('axis') ?? args.positional[1];
  if (axis && !(axis.kind === 'const' && (axis.value === 0 || axis.value === 'index'))) return { kind: 'data', facts: data };
  const first = args.positional[0] ?? args.keywords.get('objs') ?? UNKNOWN;
  const items = first.kind === 'box' ? first.box.literal?.items : first.kind === 'seq' ? first.items : undefined;
  if (!items) return { kind: 'data', facts: data };
  const parts = items.map((v) => dataIn(v)).filter((d): d is DataFacts => !!d);
  const repeated = first.kind === 'box' && first.box.literal?.repeated && parts.length > 0;
  const overlapping = parts.some((a, i) => parts.some((b, j) => i !== j && containsRows(a, b)));
  if (!repeated && !overlapping) return { kind: 'data', facts: data };
  return { kind: 'data', facts: oversampled(data, args.node, `${ctx.text(args.node).split('(')[0]} of repeated rows`) };
}

// ---- Statistics --------------------------------------------------------------------------

/**
 * `df.groupby(k)["age"].transform("median")`, `…apply(lambda g: g.fillna(g.median()))`: a
 * statistic of each group's rows, mapped back onto the rows (`transform`) or one per group.
 * Undefined when the function computes nothing from the rows (`transform(lambda g: g - 1)`).
 */
function groupFunction(ctx: LibraryContext, grouped: DataFacts, name: string, args: CallArgs): Value | undefined {
  const fn = args.positional[0] ?? args.keywords.get('func');
  if (!fn) return undefined;
  const rows: DataFacts = { ...grouped, groupedBy: undefined };
  const named = groupStatisticName(fn);
  if (named) {
    const of = grouped.column !== undefined ? `${grouped.column} ` : '';
    const learned: Learned = { kind: 'statistic', site: args.node, label: `${named}() of ${of}per ${grouped.groupedBy!.join(', ')}`, from: rows };
    return name === 'transform' ? applyStatistics(ctx, { kind: 'data', facts: rows }, [learned], args.node) : { kind: 'statistic', learned: [learned] };
  }
  if (fn.kind !== 'function') return undefined;
  const group = callArgs(args.node, [{ kind: 'data', facts: rows }]);
  const result = ctx.callValue(fn, group);
  const returned = dataIn(result);
  const learned = uniq(learnedIn(result), (returned?.influences ?? []).filter((l) => !rows.influences.includes(l) && l.kind === 'statistic'));
  // The result holds the columns as the function read them: `lambda s: s.shift(1)` is a lag of
  // the series, no longer the series itself (target-derived-feature reads columnSources).
  const sources = returned && sharesOrigin(returned, rows) ? { columnSources: returned.columnSources } : {};
  if (!learned.length) return returned && name === 'transform' ? { kind: 'data', facts: { ...rows, ...sources } } : undefined;
  if (returned || name === 'transform') return { kind: 'data', facts: { ...rows, ...sources, influences: uniq(rows.influences, learned) } };
  return { kind: 'statistic', learned };
}

/**
 * `df.apply(lambda row: fill_age(row), axis=1)`, `s.map(f)`: the program's function run on the
 * rows; statistics it uses (`fill_age` reads a table of group medians) shape the result.
 * Undefined when it is not the program's function or uses no statistic.
 */
function rowFunction(ctx: LibraryContext, self: Extract<Value, { kind: 'data' }>, args: CallArgs): Value | undefined {
  const fn = args.positional[0] ?? args.keywords.get('func') ?? args.keywords.get('arg');
  if (fn?.kind !== 'function') return undefined;
  const row = callArgs(args.node, [self]);
  const result = ctx.callValue(fn, row);
  const returned = dataIn(result);
  const learned = uniq(learnedIn(result), (returned?.influences ?? []).filter((l) => !self.facts.influences.includes(l)));
  if (!learned.length) return undefined;
  return applyStatistics(ctx, { kind: 'data', facts: self.facts, vary: varies(self) }, learned, args.node);
}

/** The statistic a group function names: `"median"`, `np.mean`. */
function groupStatisticName(fn: Value): string | undefined {
  const named = constStrings(fn).find((s) => STATISTIC_METHODS.has(s));
  if (named) return named;
  if (fn.kind === 'ref' && lookupApi(fn.qname)?.role === 'statistic-function') return shortName(canonicalName(fn.qname));
  return undefined;
}

export function statisticOf(ctx: LibraryContext, data: DataFacts, site: PyNode, label: string): Value {
  if (data.predictionOf.length) return UNKNOWN; // statistics of predictions are reporting, not preprocessing
  const learned: Learned = { kind: 'statistic', site, label, from: data };
  return { kind: 'statistic', learned: [learned] };
}

/** Data shaped by learned states: record the influence and tell the rules where it happened. */
export function applyStatistics(ctx: LibraryContext, value: Value, learned: readonly Learned[], site: PyNode | undefined): Value {
  const facts = dataIn(value);
  if (!facts || !learned.length) return value;
  if (site) for (const l of learned) ctx.emit({ type: 'apply', site, learned: l, target: facts });
  return { kind: 'data', facts: { ...facts, influences: uniq(facts.influences, learned) }, vary: varies(value) };
}

function isRowWise(args: CallArgs): boolean {
  const axis = args.keywords.get('axis');
  return !!axis && axis.kind === 'const' && (axis.value === 1 || axis.value === 'columns');
}

// ---- Randomness and devices ----------------------------------------------------------------

/** A torch draw given `generator=rng` uses that generator (seeded, or torch's fixed default seed), not the global one. */
function drawsFromOwnGenerator(family: RandomFamily, args: CallArgs): boolean {
  const generator = args.keywords.get('generator');
  return family === 'torch' && !!generator && !isConst(generator, null);
}

/** Emits a `random` event when a call draws random numbers without a seed argument. */
export function checkRandom(ctx: LibraryContext, spec: RandomSpec, family: RandomFamily, api: string, args: CallArgs): EventOf<'random'> | undefined {
  if (spec.onlyIfTrue && !isConst(args.keywords.get(spec.onlyIfTrue), true)) return undefined;
  if (spec.unlessFalse && isConst(args.keywords.get(spec.unlessFalse), false)) return undefined;
  const seed = args.keywords.get(spec.param) ?? (spec.position !== undefined ? args.positional[spec.position] : undefined);
  if (seed && !isConst(seed, null)) {
    ctx.emit({ type: 'seed', site: args.node, families: [], api, explicit: true, ...seedLoops(ctx, seed) });
    return undefined;
  }
  if (args.hasSplat) {
    // `**params` may carry the seed, unless on some path it is a dict whose keys we read and the seed is not one.
    if (!splatLacks(args, spec.param)) return undefined;
    // No fix: on another path the dict may hold the seed (a duplicate keyword).
    return ctx.emit({ type: 'random', site: args.node, family, api }) as EventOf<'random'>;
  }
  return ctx.emit({ type: 'random', site: args.node, family, api, seedParam: { name: spec.param, call: args.node } }) as EventOf<'random'>;
}

/**
 * `RandomForestClassifier(**parameters)` where `parameters = {"n_estimators": 50, …}` on some path:
 * every splat has an alternative whose keys are all known and do not include `param`.
 */
function splatLacks(args: CallArgs, param: string): boolean {
  const splats = [...args.keywords].filter(([k]) => k.startsWith('**')).map(([, v]) => v);
  if (!splats.length) return false;
  return splats.every((v) => options(v).some((o) => o.kind === 'box' && o.isDict && !!o.box.keys && !o.box.keys.includes(param)));
}

/** The active loops whose iteration changes a seed value: the runs are repeated over seeds. */
function seedLoops(ctx: LibraryContext, seed: Value | undefined): { variedIn?: readonly number[] } {
  const loops = seed ? varies(seed).filter((id) => ctx.activeLoops.includes(id)) : [];
  return loops.length ? { variedIn: loops } : {};
}

/** A CUDA device: `"cuda"`, `"cuda:0"`, `f"cuda:{rank}"`, `"cuda:%d" % i`, or a GPU index (`.to(0)`, `device=0`). */
function isCudaDevice(value: Value | undefined): boolean {
  if (!value) return false;
  return options(value).some((v) => v.kind === 'const' && (typeof v.value === 'string' ? v.value === 'cuda' || v.value.startsWith('cuda:') : typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 0));
}

function checkDeviceKeyword(ctx: LibraryContext, args: CallArgs, qname: string): void {
  if (isCudaDevice(args.keywords.get('device'))) ctx.emit({ type: 'cuda', site: args.node, how: `${shortName(qname)}(device=…)` });
  if (qname === 'torch.set_default_device' && isCudaDevice(args.positional[0])) ctx.emit({ type: 'cuda', site: args.node, how: 'set_default_device' });
}

function checkCudaMethod(ctx: LibraryContext, name: string, args: CallArgs): void {
  if (!ctx.importsTorch) return;
  if (name === 'cuda') ctx.emit({ type: 'cuda', site: args.node, how: '.cuda()' });
  else if (name === 'to' && (isCudaDevice(args.positional[0]) || isCudaDevice(args.keywords.get('device')))) {
    ctx.emit({ type: 'cuda', site: args.node, how: '.to(cuda)' });
  }
}

// ---- Everything else -----------------------------------------------------------------------

function withoutKeywords(args: CallArgs, names: readonly string[]): CallArgs {
  const keywords = new Map([...args.keywords].filter(([k]) => !names.includes(k)));
  return { ...args, keywords };
}

export function allArgs(args: CallArgs): Value[] {
  return [...args.positional, ...args.keywords.values()];
}

/** The arguments that may carry values into a result: positional ones and non-size keywords. */
function valueArgs(args: CallArgs): Value[] {
  return [...args.positional, ...[...args.keywords].filter(([k]) => !SIZE_KEYWORDS.has(k)).map(([, v]) => v)];
}

/**
 * `df.sample(frac=0.8)` is pandas; `dist.sample()` / `dist.sample((n,))` (torch.distributions,
 * a categorical sampler) is not: pandas' is recognised by its keywords or a single count.
 */
function looksLikeDataFrameSample(args: CallArgs): boolean {
  if ([...args.keywords.keys()].some((k) => DATAFRAME_SAMPLE_KEYWORDS.has(k))) return true;
  // One count (`df.sample(1000)`, `df.sample(n_minority)`), not a shape (`dist.sample((16,))`).
  const first = args.positionalNodes[0];
  return args.positional.length === 1 && !!first && !['tuple', 'list', 'call', 'parenthesized_expression'].includes(first.type);
}

function dataArgs(args: CallArgs): DataFacts | undefined {
  let acc: DataFacts | undefined;
  for (const v of allArgs(args)) {
    const d = dataIn(v);
    if (d) acc = acc ? mergeFacts(acc, d) : d;
  }
  return acc;
}

function statisticArgs(args: CallArgs): readonly Learned[] {
  return valueArgs(args).reduce<readonly Learned[]>((acc, v) => uniq(acc, learnedIn(v)), []);
}

/**
 * Calls we know nothing about keep provenance: data in → the same data out (with any statistics
 * passed along applied to it); otherwise scores and statistics flow through; else unknown.
 */
export function fallback(ctx: LibraryContext, args: CallArgs, self?: Value): Value {
  const values = self ? [self, ...allArgs(args)] : allArgs(args);
  let data: DataFacts | undefined;
  let dataArguments = 0;
  for (const v of values) {
    const d = dataIn(v);
    if (d) {
      data = data ? mergeFacts(data, d) : d;
      dataArguments++;
    }
  }
  // A function we know nothing about, given different parts of a split (`normalise(train, test)`):
  // which rows its result holds is unknown, not "train and test". One data argument keeps its facts.
  if (data && !self && dataArguments > 1 && data.parts.length > 1) data = { ...data, parts: ['unknown'] };
  const vary = values.reduce<readonly number[]>((acc, v) => uniq(acc, varies(v)), []);
  const learned = statisticArgs(args);
  if (data) return applyStatistics(ctx, { kind: 'data', facts: data, vary }, learned, args.node);
  if (learned.length || self?.kind === 'statistic') return { kind: 'statistic', learned: uniq(learned, self ? learnedIn(self) : []), vary };
  const scores = values.flatMap((v) => scoresIn(v));
  if (scores.length) return { kind: 'score', scores, vary };
  return withVary(unknownAt(args.node), vary);
}

function argText(ctx: LibraryContext, args: CallArgs, position: number): string {
  const node = args.positionalNodes[position];
  return node ? ctx.text(node) : 'the data';
}

function receiverText(ctx: LibraryContext, call: PyNode): string {
  const fn = call.children.find((c) => c.field === 'function');
  const object = fn?.children.find((c) => c.field === 'object');
  return object ? ctx.text(object) : 'the data';
}

