// Choices that today's training frameworks make for the user: early stopping and best-model
// checkpoints on the data a model, trainer or tuner is given for validation (boosting, Keras,
// Lightning, Hugging Face, keras-tuner), objectives that a search calls once per trial (Optuna,
// Hyperopt, Ray Tune), PyTorch modules and losses called like functions, Hugging Face dataset
// dicts, and the data methods that draw a random order. Driven by the rows in ml/tables.ts.
import { sideTable } from './side-tables';
import { field, fields, namedChildren, PyNode } from '../parser/syntax';
import {
  ApiEntry, FIT_VALIDATION, LIGHTNING_VALIDATION, lookupApi, RANDOM_ORDER_METHODS, SelectsSpec, STATISTIC_METHODS, TrainerSwitches, ValidationSpec,
} from '../ml/tables';
import {
  allArgs, applyStatistics, arg, CallArgs, callArgs, checkRandom, fallback, fit, isConst, LibraryContext, metric, partOf, selectScores, setDeterministic, shortName, statisticOf, transform,
} from './library';
import { partFromName } from './naming';
import { setIn } from './journal';
import {
  constStrings, DataFacts, dataIn, Estimator, estimatorsIn, learnedIn, Part, ScoreInfo, Selection, SplitInfo, UNKNOWN, unknownAt, uniq, Value,
  varies, withVary,
} from './values';

type EstimatorValue = Extract<Value, { kind: 'estimator' }>;

// ---- Who makes the choice ----------------------------------------------------------------

function keywordSite(args: CallArgs, keyword: string): PyNode {
  return args.keywordNodes.get(keyword) ?? args.node;
}

function given(value: Value | undefined): boolean {
  return !!value && !isConst(value, null) && !isConst(value, false);
}

function bySpec(spec: SelectsSpec, qname: string, args: CallArgs): Selection | undefined {
  if ('always' in spec) return { site: args.node, how: shortName(qname) };
  // `how` goes into a message of at most 120 characters: the setting's name only.
  if ('ifTrue' in spec) {
    if (!isConst(args.keywords.get(spec.ifTrue), true)) return undefined;
    return spec.atCall ? { site: args.node, how: shortName(qname) } : { site: keywordSite(args, spec.ifTrue), how: spec.ifTrue };
  }
  if ('ifGiven' in spec) {
    const keyword = spec.ifGiven.find((k) => given(args.keywords.get(k)));
    return keyword ? { site: keywordSite(args, keyword), how: keyword } : undefined;
  }
  if (isConst(args.keywords.get(spec.unlessFalse), false)) return undefined;
  return { site: keywordSite(args, spec.unlessFalse), how: `${spec.unlessFalse} default` };
}

/** The selecting callbacks (or training configurations) among some values. */
function selectingIn(values: readonly Value[]): Selection[] {
  return values.flatMap((v) => estimatorsIn(v)).filter((e) => e.selects).map((e) => e.selection ?? { site: e.site, how: shortName(e.qname) });
}

/**
 * The choice a constructed object makes by its validation data: its own setting
 * (`early_stopping_rounds=`, `load_best_model_at_end=True`), or for trainers a selecting
 * callback or configuration passed to it.
 */
export function selectionOfConstructor(ctx: LibraryContext, qname: string, entry: Extract<ApiEntry, { role: 'estimator' }>, args: CallArgs): Selection | undefined {
  if (entry.switches) trainerSwitches(ctx, qname, entry.switches, args);
  const own = entry.selects ? bySpec(entry.selects, qname, args) : undefined;
  if (own) return own;
  const passed = entry.kind === 'trainer' ? allArgs(args) : [args.keywords.get('callbacks') ?? UNKNOWN];
  return entry.kind === 'model' || entry.kind === 'trainer' ? selectingIn(passed)[0] : undefined;
}

/** Lightning `Trainer(accelerator="gpu", deterministic=True)`: CUDA use and the determinism switch. */
function trainerSwitches(ctx: LibraryContext, qname: string, switches: TrainerSwitches, args: CallArgs): void {
  const { deterministic, accelerator, devices } = switches;
  if (isConst(args.keywords.get(deterministic), true)) {
    setDeterministic(ctx, keywordSite(args, deterministic), `${qname}(${deterministic}=True)`, true);
  }
  const named = constStrings(args.keywords.get(accelerator.keyword) ?? UNKNOWN);
  const count = args.keywords.get(devices);
  if (named.some((a) => accelerator.values.includes(a)) || (count?.kind === 'const' && typeof count.value === 'number' && count.value !== 0)) {
    ctx.emit({ type: 'cuda', site: args.node, how: 'Trainer(accelerator=gpu)' });
  }
}

// ---- Where the validation data comes from ---------------------------------------------------

interface Given {
  readonly data: DataFacts;
  readonly site: PyNode;
  /** What hands the data over, for display (`eval_set`, `val_dataloaders`). */
  readonly api: string;
  /** The expression written for the data (`[(X_test, y_test)]`), when there is one. */
  readonly written?: PyNode;
}

function valueNodeOf(args: CallArgs, spec: { keyword: string; position?: number }): PyNode | undefined {
  const keyword = args.keywordNodes.get(spec.keyword);
  if (keyword) return field(keyword, 'value');
  return spec.position !== undefined ? args.positionalNodes[spec.position] : undefined;
}

function validationData(ctx: LibraryContext, spec: ValidationSpec, args: CallArgs): Given | undefined {
  const value = args.keywords.get(spec.keyword) ?? (spec.position !== undefined ? args.positional[spec.position] : undefined);
  if (!value) return undefined;
  // Reported at the call that hands over the data (the statement that stops on the test rows).
  const site = args.node;
  const node = valueNodeOf(args, spec);
  if (spec.last && node && (node.type === 'list' || node.type === 'tuple') && namedChildren(node).length > 0 && namedChildren(node)[0].type === 'tuple') {
    // xgboost: "if there's more than one item in eval_set/evals, the last entry is used for early stopping".
    const last = namedChildren(node)[namedChildren(node).length - 1];
    const data = dataIn(ctx.evaluate(last));
    return data ? { data, site, api: spec.keyword, written: last } : undefined;
  }
  const data = dataIn(value);
  return data ? { data, site, api: spec.keyword, written: node } : undefined;
}

/** Lightning `fit(model, datamodule=dm)`: the data its `val_dataloader()` serves. */
function lightningValidation(ctx: LibraryContext, args: CallArgs): Given | undefined {
  const { holders, method } = LIGHTNING_VALIDATION;
  for (const spec of holders) {
    const holder = ('position' in spec ? args.positional[spec.position] : undefined) ?? args.keywords.get(spec.keyword);
    if (holder?.kind !== 'instance') continue;
    const data = dataIn(ctx.callValue({ kind: 'method', self: holder, name: method }, callArgs(args.node)));
    if (data) return { data, site: args.node, api: method };
  }
  return undefined;
}

/** The part that the variable names in an expression agree on (`(X_test, y_test)` → test). */
function namedPart(ctx: LibraryContext, node: PyNode | undefined): Part | undefined {
  if (!node) return undefined;
  const names: string[] = [];
  const visit = (n: PyNode, depth: number): void => {
    if (depth > 4) return;
    if (n.type === 'identifier') names.push(ctx.text(n));
    else if (n.type === 'attribute') names.push(ctx.text(field(n, 'attribute') ?? n));
    else if (n.type === 'string' && depth > 0) names.push(ctx.text(n).replace(/^[a-z]*['"]+|['"]+$/gi, '')); // `(dtest, "test")`
    else if (n.type === 'subscript') for (const key of fields(n, 'subscript')) visit(key, depth + 1); // `parts["test"]`
    else if (n.type === 'tuple' || n.type === 'list' || n.type === 'parenthesized_expression') for (const c of namedChildren(n)) visit(c, depth + 1);
  };
  visit(node, 0);
  const parts = [...new Set(names.map((n) => partFromName(n)).filter((p): p is Part => !!p))];
  return parts.length === 1 ? parts[0] : undefined;
}

function emitChoice(ctx: LibraryContext, given: Given, estimators: Estimator[], by: Selection): void {
  const score: ScoreInfo = { id: ctx.nextId(), site: given.site, data: given.data, estimators };
  ctx.emit({ type: 'evaluate', site: given.site, score, variedIn: [], loop: undefined, api: given.api });
  const named = namedPart(ctx, given.written);
  ctx.emit({ type: 'select', site: by.site, scores: [score], how: by.how, handedOver: named ? { named } : {} });
}

/**
 * A method call that hands a model validation data (`fit(..., eval_set=…)`, Lightning
 * `fit(..., val_dataloaders=…)`, keras-tuner `search(..., validation_data=…)`, a Hugging Face
 * `Trainer(eval_dataset=…)`): when something picks an epoch, a checkpoint or settings by that
 * data, it is a selection on it. Monitoring only (no early stopping, no best model) is not.
 */
export function validationSelection(ctx: LibraryContext, self: Value, method: string, args: CallArgs): void {
  const est = self.kind === 'estimator' ? self.est : undefined;
  const entry = est ? lookupApi(est.qname) : undefined;
  const specs = entry?.role === 'estimator' ? entry.validation : undefined;
  // LightGBM ≥ 4.6 takes `eval_X=`/`eval_y=` as well as `eval_set=`: the first one given counts.
  let candidates = specs?.filter((v) => v.method === method) ?? [];
  if (!candidates.length && method === 'fit' && !specs) {
    const keyword = FIT_VALIDATION.keywords.find((k) => args.keywords.has(k));
    candidates = keyword ? [{ method, keyword }] : [];
  }
  if (!candidates.length) return;
  const found =
    candidates.map((spec) => validationData(ctx, spec, args)).find((g) => g) ??
    (est?.kind === 'trainer' && method === 'fit' ? lightningValidation(ctx, args) : undefined);
  if (!found) return;
  const deciders = selectingIn([args.keywords.get('callbacks') ?? UNKNOWN]);
  for (const keyword of FIT_VALIDATION.stopping) if (given(args.keywords.get(keyword))) deciders.push({ site: keywordSite(args, keyword), how: keyword });
  const cancelled = entry?.role === 'estimator' && entry.selects && 'unlessFalse' in entry.selects && isConst(args.keywords.get(entry.selects.unlessFalse), false);
  if (est?.selection && !cancelled) deciders.push(est.selection);
  if (!deciders.length) return;
  emitChoice(ctx, found, estimatorsIn(self), deciders[0]);
}

/** `lgb.train(params, train_set, valid_sets=[…], callbacks=[lgb.early_stopping(…)])`, `xgb.train(..., evals=…, early_stopping_rounds=…)`. */
export function trainFunction(ctx: LibraryContext, qname: string, entry: Extract<ApiEntry, { role: 'train-function' }>, args: CallArgs): Value {
  const est: Estimator = { id: ctx.nextId(), site: args.node, qname, kind: 'model', learned: [] };
  const train = args.positional[entry.train.position] ?? args.keywords.get(entry.train.keyword);
  if (train) fit(ctx, est, { ...args, positional: [train], keywords: new Map() });
  const deciders = selectingIn([args.keywords.get('callbacks') ?? UNKNOWN]);
  const stopping = entry.stopping;
  if (stopping && given(arg(args, stopping.position ?? -1, stopping.keyword))) deciders.push({ site: keywordSite(args, stopping.keyword), how: stopping.keyword });
  const params = args.positionalNodes[0];
  // `params = {"early_stopping_round": 50, …}` written at the call.
  const stopsEarly = (name: string): boolean => params?.type === 'dictionary' && new RegExp(`${name}\\b`).test(ctx.text(params));
  if (params && entry.stoppingParams?.some(stopsEarly)) deciders.push({ site: params, how: entry.stoppingParams[0] });
  const found = validationData(ctx, entry.validation, args);
  if (found && deciders.length) emitChoice(ctx, found, [est], deciders[0]);
  return { kind: 'estimator', est };
}

// ---- Searches that call an objective once per trial -----------------------------------------

/** `fmin(objective, space, …)`, `tune.run(trainable, config=…)`, `tune.Tuner(trainable, param_space=…)`. */
export function objectiveSearch(ctx: LibraryContext, qname: string, entry: Extract<ApiEntry, { role: 'objective-search' }>, args: CallArgs): Value {
  const { keyword, position } = entry.objective;
  const objective = arg(args, position, keyword);
  if (!objective) return fallback(ctx, args);
  // Each trial passes a sample of the search space: every setting read from it varies by trial.
  const sample = (loop: number): Value => ({ kind: 'box', box: { elem: withVary(UNKNOWN, [loop]) }, isDict: true });
  const result = ctx.callPerTrial(args.node, objective, valueNodeOf(args, { keyword, position }), sample);
  selectScores(ctx, [result], args.node, shortName(qname));
  return unknownAt(args.node);
}

// ---- Estimators called or asked in ways of their own ---------------------------------------

/** Methods of trainers, studies, schedulers and tuners; `undefined`: the ordinary estimator methods apply. */
export function callEstimator(ctx: LibraryContext, self: EstimatorValue, name: string, args: CallArgs): Value | undefined {
  const est = self.est;
  switch (est.kind) {
    case 'study': {
      if (name !== 'optimize') return undefined;
      const objective = arg(args, 0, 'func');
      if (!objective) return unknownAt(args.node);
      const trial = (): Value => ({ kind: 'ref', qname: 'optuna.trial.Trial' });
      const result = ctx.callPerTrial(args.node, objective, valueNodeOf(args, { keyword: 'func', position: 0 }), trial);
      selectScores(ctx, [result], args.node, 'study.optimize');
      return unknownAt(args.node);
    }
    case 'score-watcher': {
      if (name !== 'step') return undefined;
      selectScores(ctx, allArgs(args), args.node, `${shortName(est.qname)}.step`);
      return unknownAt(args.node);
    }
    case 'trainer':
      // `trainer.fit/train/test/validate/predict`: the validation choice is checked by validationSelection.
      return unknownAt(args.node);
    case 'tuner':
      return name === 'search' ? self : undefined;
    default:
      return undefined;
  }
}

/** `model(x)` on a module, `criterion(out, y)` on a loss, `tokenizer(texts)` on a tokenizer. */
export function callEstimatorValue(ctx: LibraryContext, self: EstimatorValue, args: CallArgs): Value {
  const est = self.est;
  switch (est.kind) {
    case 'model': {
      const data = allArgs(args).map((a) => dataIn(a)).find((d) => d);
      if (!data) return fallback(ctx, args);
      const modelVary = uniq(data.modelVary ?? [], varies(self));
      return { kind: 'data', facts: { ...data, predictionOf: uniq(data.predictionOf, [est]), modelVary, predictedAt: args.node } };
    }
    case 'loss':
      return metric(ctx, est.qname, args);
    case 'tokenizer':
    case 'transformer': // Keras preprocessing layers are called on data: `norm(x)` after `norm.adapt(…)`
      return transform(ctx, self, args);
    default:
      return fallback(ctx, args);
  }
}

// ---- Data methods of the frameworks ---------------------------------------------------------

/** `df.groupby(k)[c].transform(…)`: the receiver is (a column of) a grouping. */
function onGrouping(ctx: LibraryContext, call: PyNode): boolean {
  let node = field(field(call, 'function') ?? call, 'object');
  for (let depth = 0; node && depth < 8; depth++) {
    if (node.type === 'call') {
      const fn = field(node, 'function');
      if (fn?.type === 'attribute' && ctx.text(field(fn, 'attribute') ?? fn) === 'groupby') return true;
      node = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
    } else if (node.type === 'subscript') node = field(node, 'value');
    else if (node.type === 'attribute') node = field(node, 'object');
    else return false;
  }
  return false;
}

function isStatisticFunction(args: CallArgs): boolean {
  const first = args.positional[0];
  if (!first) return false;
  if (args.positionalNodes[0]?.type === 'lambda') return true;
  if (constStrings(first).some((s) => STATISTIC_METHODS.has(s))) return true;
  return first.kind === 'ref' && lookupApi(first.qname)?.role === 'statistic-function';
}

/**
 * Data methods with a meaning of their own: random orders (`tf.data` / Hugging Face
 * `shuffle`), Hugging Face `train_test_split`, statistics named by a function (`agg("mean")`)
 * and per-group statistics mapped back onto the rows (`groupby(…)[c].transform("mean")`). `undefined`: the ordinary data methods apply.
 */
export function dataSelectionMethod(ctx: LibraryContext, self: Extract<Value, { kind: 'data' }>, name: string, args: CallArgs): Value | undefined {
  const candidates = RANDOM_ORDER_METHODS.filter((m) => m.method === name && ctx.importsModule(m.module));
  // Both libraries imported: which `shuffle` this is stays unknown.
  if (candidates.length === 1) checkRandom(ctx, candidates[0].spec, candidates[0].family, `Dataset.${name}`, args);
  if (name === 'train_test_split' && ctx.importsModule('datasets')) return datasetTrainTestSplit(ctx, self.facts, args.node);
  // `df.groupby(k)[c].agg("mean")`, `s.aggregate(np.std)`: the statistic itself, as `.mean()` is.
  if ((name === 'agg' || name === 'aggregate') && isStatisticFunction(args)) {
    const what = constStrings(args.positional[0])[0] ?? 'statistic';
    return statisticOf(ctx, self.facts, args.node, `${self.facts.groupedBy ? 'per-group ' : ''}${what}`);
  }
  // A grouping whose keys are known (`self.facts.groupedBy`) is judged by what its function computes (library.ts).
  if (name === 'transform' && !self.facts.groupedBy && isStatisticFunction(args) && onGrouping(ctx, args.node)) {
    const what = constStrings(args.positional[0])[0] ?? 'statistic';
    const statistic = statisticOf(ctx, self.facts, args.node, `per-group ${what}`);
    return applyStatistics(ctx, { kind: 'data', facts: self.facts }, learnedIn(statistic), args.node);
  }
  return undefined;
}

// ---- Hugging Face dataset dicts -------------------------------------------------------------

/** Dataset dicts (the facts object of the whole dict) and the split their entries belong to. */
const datasetDicts = sideTable<DataFacts, SplitInfo>();
const publishedParts = sideTable<LibraryContext, Map<string, { facts: DataFacts; split: SplitInfo }>>();

function partOfKey(key: string): Part | undefined {
  const base = key.split('[')[0].trim().toLowerCase();
  if (base === 'train') return 'train';
  if (base === 'test') return 'test';
  if (base === 'validation' || base === 'valid' || base === 'val' || base === 'dev') return 'validation';
  return undefined;
}

function registerDict(ctx: LibraryContext, facts: DataFacts, site: PyNode, published: boolean): DataFacts {
  const split: SplitInfo = { id: ctx.nextId(), site, kind: 'holdout', origins: facts.origins, ...(published ? { published } : {}) };
  ctx.emit({ type: 'split', site, split, inputs: [facts] });
  const dict: DataFacts = { ...facts };
  setIn(datasetDicts, dict, split);
  return dict;
}

/** `load_dataset(name)` (a dict of published parts) or `load_dataset(name, split="test")` (one part). */
export function datasetDict(ctx: LibraryContext, args: CallArgs): Value {
  const node = args.node;
  const requested = constStrings(args.keywords.get('split') ?? UNKNOWN)[0];
  if (requested === undefined) return { kind: 'data', facts: registerDict(ctx, ctx.newData(node, `the dataset loaded at line ${ctx.lineOf(node)}`), node, true) };
  const part = partOfKey(requested);
  const name = constStrings(args.positional[0] ?? UNKNOWN)[0];
  if (!part || part === 'train' && requested.includes('[') || name === undefined) return { kind: 'data', facts: ctx.newData(node, `the dataset loaded at line ${ctx.lineOf(node)}`) };
  let known = publishedParts.get(ctx);
  if (!known) setIn(publishedParts, ctx, (known = new Map()));
  let entry = known.get(name);
  if (!entry) {
    const facts = ctx.newData(node, `${name} loaded at line ${ctx.lineOf(node)}`);
    const split: SplitInfo = { id: ctx.nextId(), site: node, kind: 'holdout', origins: facts.origins, published: true };
    ctx.emit({ type: 'split', site: node, split, inputs: [facts] });
    setIn(known, name, (entry = { facts, split }));
  }
  return { kind: 'data', facts: partOf(entry.facts, part, entry.split) };
}

/** `ds.train_test_split(test_size=…)`: a dict with `"train"` and `"test"` entries. */
function datasetTrainTestSplit(ctx: LibraryContext, facts: DataFacts, site: PyNode): Value {
  return { kind: 'data', facts: registerDict(ctx, facts, site, false) };
}

/** `dataset_dict["test"]`: the published (or split-off) part of that name. */
export function datasetDictPart(facts: DataFacts, index: Value): Value | undefined {
  const split = datasetDicts.get(facts);
  if (!split) return undefined;
  const key = constStrings(index)[0];
  const part = key === undefined ? undefined : partOfKey(key);
  if (!part) return undefined;
  const from = facts.parts.length === 1 ? facts.parts[0] : 'full';
  // A split of the training part holds out validation rows, whatever the entry is called.
  const actual: Part = from === 'train' && part === 'test' ? 'validation' : part;
  return { kind: 'data', facts: partOf(facts, actual, split) };
}


