// The experiment graph: a query over the semantic model's events and values that draws the
// program as data flow — where data comes from, where it is split, what is fitted on which
// part, which model is evaluated on which part, and which choice the scores feed. Front ends
// only place (lines, cells) and render it.
import { PyNode, SourceText } from '../parser/syntax';
import type { EstimatorKind } from '../ml/tables';
import { EventOf } from './events';
import { ProgramModel } from './model';
import type { ModuleUnit } from './modules';
import { DataFacts, Estimator, Learned, Origin, Part, ScoreInfo, SplitInfo } from './values';

export type ExperimentNodeKind = 'source' | 'split' | 'part' | 'fitted' | 'statistic' | 'model' | 'evaluation' | 'choice';

export interface ExperimentNode {
  /** Unique within the graph; front ends derive display ids from kind and location. */
  readonly key: string;
  readonly kind: ExperimentNodeKind;
  /** What it is, readable without the code: "StandardScaler", "train_test_split", "test part". */
  readonly label: string;
  /** The code at the site, shortened. */
  readonly code: string;
  readonly site: PyNode;
  /** The project module the site is in (whole-project analysis); absent: the analysed file. */
  readonly module?: ModuleUnit;
  /** Where the analysed file reaches the site (the call into its module); the site itself when local. */
  readonly anchor: PyNode;
  /** For parts: which rows. */
  readonly part?: Part;
  /** Emitted while analysing a function nothing in the file calls. */
  readonly standalone: boolean;
}

/** Data or a learned state flowing from one node into another. */
export interface ExperimentEdge {
  readonly from: string;
  readonly to: string;
}

export interface ExperimentGraph {
  /** Ordered by position in the program (then by kind). */
  readonly nodes: readonly ExperimentNode[];
  /** Ordered by their nodes' order. */
  readonly edges: readonly ExperimentEdge[];
}

const KIND_ORDER: readonly ExperimentNodeKind[] = ['source', 'statistic', 'fitted', 'split', 'part', 'model', 'evaluation', 'choice'];
const PART_ORDER: readonly Part[] = ['full', 'train', 'validation', 'test'];
const MAX_CODE = 48;

/** Builds the experiment graph of a program. */
export function experimentGraph(model: ProgramModel): ExperimentGraph {
  return new GraphBuilder(model).build();
}

class GraphBuilder {
  private readonly nodes = new Map<string, ExperimentNode>();
  private readonly edges = new Map<string, ExperimentEdge>();
  /** What kind of estimator fitted at a site (models and searches are not preprocessing). */
  private readonly fitKinds = new Map<number, { kind: EstimatorKind; names: string[] }>();
  /** Influences the inputs of each split already had (they reach the parts through the split). */
  private readonly splitInputs = new Map<SplitInfo, DataFacts[]>();
  /** Splits a search runs internally: drawn as the search itself. */
  private readonly searchSites = new Set<number>();
  constructor(private readonly model: ProgramModel) {}

  /** The source text a node belongs to (the analysed file's or another module's). */
  private sourceOf(site: PyNode): SourceText {
    return this.model.moduleOf(site)?.source ?? this.model.source;
  }

  build(): ExperimentGraph {
    const { model } = this;
    for (const fit of model.eventsOf('fit')) this.noteFit(fit);
    for (const search of model.eventsOf('search')) this.searchSites.add(search.site.start);
    for (const split of model.eventsOf('split')) {
      const list = this.splitInputs.get(split.split) ?? [];
      list.push(...split.inputs);
      this.splitInputs.set(split.split, list);
    }
    for (const split of model.eventsOf('split')) {
      if (this.searchSites.has(split.site.start)) continue;
      const node = this.splitNode(split.split, split.standalone);
      for (const input of split.inputs) this.flowInto(input, node);
    }
    for (const fit of model.eventsOf('fit')) {
      const node = this.learnedNode(fit.learned, fit.standalone);
      if (node) this.flowInto(fit.learned.from, node);
    }
    for (const apply of model.eventsOf('apply')) {
      const node = this.learnedNode(apply.learned, apply.standalone);
      if (node) this.flowInto(apply.learned.from, node);
    }
    for (const search of model.eventsOf('search')) this.flowInto(search.data, this.searchNode(search));
    for (const evaluate of model.eventsOf('evaluate')) this.scoreNode(evaluate.score, evaluate.standalone, evaluate.api);
    for (const select of model.eventsOf('select')) {
      const choice = this.add('choice', select.site, `choice: ${select.how}`, select.standalone);
      for (const score of select.scores) this.edge(this.scoreNode(score, select.standalone), choice);
    }
    return this.ordered();
  }

  private noteFit(fit: EventOf<'fit'>): void {
    const entry = this.fitKinds.get(fit.learned.site.start) ?? { kind: fit.estimator.kind, names: [] };
    const name = shortName(fit.estimator.qname);
    if (!entry.names.includes(name)) entry.names.push(name);
    this.fitKinds.set(fit.learned.site.start, entry);
  }

  // ---- Nodes ---------------------------------------------------------------------------

  private add(kind: ExperimentNodeKind, site: PyNode, label: string, standalone: boolean, part?: Part): string {
    const module = this.model.moduleOf(site);
    // Offsets are per file: a node of another module is keyed by its module too.
    const key = `${kind}:${module ? `${module.display}:` : ''}${site.start}:${site.end}${part ? `:${part}` : ''}`;
    const known = this.nodes.get(key);
    if (!known) {
      const code = shorten(this.sourceOf(site).of(site));
      this.nodes.set(key, { key, kind, label, code, site, anchor: this.model.anchorOf(site), standalone, ...(module ? { module } : {}), ...(part ? { part } : {}) });
    }
    else if (known.standalone && !standalone) this.nodes.set(key, { ...known, standalone: false });
    return key;
  }

  private edge(from: string, to: string): void {
    if (from === to) return;
    const key = `${from}->${to}`;
    if (!this.edges.has(key)) this.edges.set(key, { from, to });
  }

  private sourceNode(origin: Origin): string {
    return this.add('source', origin.site, `data: ${sourceLabel(this.sourceOf(origin.site), origin)}`, false);
  }

  private splitNode(split: SplitInfo, standalone = false): string {
    const label = `${split.kind === 'cv' ? 'cross-validation' : 'split'}: ${calleeName(this.sourceOf(split.site), split.site) ?? 'rows selected'}`;
    return this.add('split', split.site, label, standalone);
  }

  private partNode(split: SplitInfo, part: Part): string {
    const splitKey = this.searchSites.has(split.site.start) ? undefined : this.splitNode(split);
    const label = split.kind === 'cv' ? `${part === 'train' ? 'training' : part} folds` : `${part} part`;
    const key = this.add('part', split.site, label, false, part);
    if (splitKey) this.edge(splitKey, key);
    return key;
  }

  private learnedNode(learned: Learned, standalone: boolean): string | undefined {
    const fitted = this.fitKinds.get(learned.site.start);
    if (learned.kind === 'statistic') return this.add('statistic', learned.site, `statistic: ${learned.label}`, standalone);
    if (learned.kind !== 'fit') return this.add('fitted', learned.site, `resampled by ${learned.label}`, standalone);
    if (fitted?.kind === 'search') return this.add('choice', learned.site, `search: ${fitted.names.join(', ')}`, standalone);
    if (fitted && (fitted.kind === 'model' || fitted.kind === 'pipeline')) return this.add('model', learned.site, `model: ${fitted.names.join(', ')}`, standalone);
    return this.add('fitted', learned.site, `fitted: ${fitted ? fitted.names.join(', ') : learned.label}`, standalone);
  }

  private searchNode(search: EventOf<'search'>): string {
    return this.add('choice', search.site, `search: ${shortName(search.estimator.qname)}`, search.standalone);
  }

  private modelNodes(est: Estimator): string[] {
    const fitted = est.learned.map((l) => this.learnedNode(l, false)).filter((k): k is string => !!k);
    if (fitted.length) return fitted;
    // Fitted where the analysis cannot see it (cross-validation, a framework): the constructor.
    return [this.add('model', est.site, `model: ${shortName(est.qname)}`, false)];
  }

  private scoreNode(score: ScoreInfo, standalone: boolean, api?: string): string {
    const name = api ?? calleeName(this.sourceOf(score.site), score.site) ?? 'score';
    const on = partsLabel(score.data);
    const key = this.add('evaluation', score.site, `evaluation: ${name}${on ? ` on ${on}` : ''}`, standalone);
    this.flowInto(score.data, key);
    for (const est of score.estimators) for (const m of this.modelNodes(est)) this.edge(m, key);
    return key;
  }

  // ---- Edges ---------------------------------------------------------------------------

  /** Draws edges from whatever produced `facts` into `to`. */
  private flowInto(facts: DataFacts, to: string): void {
    for (const from of this.producers(facts)) this.edge(from, to);
  }

  /**
   * The nodes data came from: the parts of the latest split that divided it (or its sources
   * when it was never split), plus the learned states applied to it since — only the last of a
   * chain (`scaler` after `fillna(median)`), whose own inputs lead further back.
   */
  private producers(facts: DataFacts): string[] {
    const out: string[] = [];
    const splits = latestSplits(facts.splits, this.splitInputs);
    const divided = splits.length > 0 && facts.parts.some((p) => p !== 'full');
    let before: readonly Learned[] = [];
    if (divided) {
      for (const split of splits) {
        for (const part of facts.parts) if (part !== 'full') out.push(this.partNode(split, part));
        for (const input of this.splitInputs.get(split) ?? []) before = [...before, ...input.influences];
      }
    }
    const since = facts.influences.filter((l) => !before.includes(l) && (l.kind !== 'fit' || !this.isModel(l)));
    const last = since.filter((l) => !since.some((m) => m !== l && m.from.influences.includes(l)));
    const learnedKeys = last.map((l) => this.learnedNode(l, false)).filter((k): k is string => !!k);
    if (!divided) {
      const covered = (o: Origin): boolean => last.some((l) => l.from.origins.includes(o));
      for (const origin of facts.origins) if (!covered(origin)) out.push(this.sourceNode(origin));
    }
    out.push(...learnedKeys);
    return out;
  }

  private isModel(learned: Learned): boolean {
    const kind = this.fitKinds.get(learned.site.start)?.kind;
    return kind === 'model' || kind === 'pipeline' || kind === 'search';
  }

  private ordered(): ExperimentGraph {
    // Another module's nodes sit where the analysed file reaches them, in their own order.
    const nodes = [...this.nodes.values()].sort(
      (a, b) =>
        a.anchor.start - b.anchor.start ||
        (a.module?.display ?? '').localeCompare(b.module?.display ?? '') ||
        a.site.start - b.site.start ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || PART_ORDER.indexOf(a.part ?? 'full') - PART_ORDER.indexOf(b.part ?? 'full') || a.site.end - b.site.end,
    );
    const index = new Map(nodes.map((n, i) => [n.key, i]));
    const edges = [...this.edges.values()]
      .filter((e) => index.has(e.from) && index.has(e.to))
      .sort((a, b) => index.get(a.from)! - index.get(b.from)! || index.get(a.to)! - index.get(b.to)!);
    return { nodes, edges };
  }
}

/** The splits in a list that no other split in it divided further. */
function latestSplits(splits: readonly SplitInfo[], inputs: ReadonlyMap<SplitInfo, DataFacts[]>): SplitInfo[] {
  const ancestors = new Set<SplitInfo>();
  for (const split of splits) for (const input of inputs.get(split) ?? []) for (const s of input.splits) if (s !== split) ancestors.add(s);
  return splits.filter((s) => !ancestors.has(s));
}

function partsLabel(facts: DataFacts): string | undefined {
  const parts = PART_ORDER.filter((p) => facts.parts.includes(p));
  if (!parts.length) return undefined;
  if (parts.length === 1 && parts[0] === 'full') return 'all rows';
  return parts.map((p) => (p === 'full' ? 'all rows' : `${p} part`)).join(' + ');
}

function shortName(qname: string): string {
  return qname.slice(qname.lastIndexOf('.') + 1);
}

/** `pd.read_csv(…)` → `read_csv`; `scaler.fit_transform(X)` → `scaler.fit_transform`. */
function calleeName(source: SourceText, site: PyNode): string | undefined {
  if (site.type !== 'call') return undefined;
  const callee = site.children.find((c) => c.field === 'function');
  if (!callee) return undefined;
  const parts = source.of(callee).replace(/\s+/g, '').split('.');
  return parts.length > 2 ? parts.slice(-2).join('.') : parts.join('.');
}

function sourceLabel(source: SourceText, origin: Origin): string {
  const callee = calleeName(source, origin.site);
  if (!callee) return shorten(source.of(origin.site));
  const first = origin.site.children.find((c) => c.field === 'arguments')?.children.find((c) => c.named && c.type !== 'comment');
  const argument = first && (first.type === 'string' || first.type === 'identifier') ? shorten(source.of(first), 32) : first ? '…' : '';
  return `${shortName(callee)}(${argument})`;
}

function shorten(text: string, max = MAX_CODE): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
