// A finding's path through the experiment graph: the nodes and edges that tell its story, e.g.
// for fit-before-split "loaded here → fitted here → split here → evaluated there", for
// test-in-selection "test part → evaluation → choice".
import { Finding, Span } from '../engine/types';
import { ExperimentGraph, ExperimentNode } from '../semantic/experiment-graph';

export interface FindingPath {
  /** Node keys on the path (graph order). */
  readonly nodes: readonly string[];
  /** Edges on the path, as `from->to` keys. */
  readonly edges: readonly string[];
}

/** A span in the analysed file, or (with `path`) in another module of the project. */
interface FileSpan {
  span: Span;
  path?: string;
}

export const edgeKey = (from: string, to: string): string => `${from}->${to}`;

/** How a rule's finding extends from the nodes it names (its span and related spans). */
type PathShape = (anchors: readonly ExperimentNode[], walk: GraphWalk) => Set<string>;

/** The default: the named nodes, everything between them, and what fitted states learned from. */
const between: PathShape = (anchors, walk) => {
  const out = new Set(anchors.map((a) => a.key));
  for (const a of anchors) for (const b of anchors) for (const k of walk.between(a.key, b.key)) out.add(k);
  // What a fitted state, statistic or search learned from (a choice fed by scores is not a search).
  const learns = (a: ExperimentNode): boolean => a.kind === 'fitted' || a.kind === 'statistic' || (a.kind === 'choice' && walk.parents(a.key).every((p) => p.kind !== 'evaluation'));
  for (const a of anchors) if (learns(a)) for (const n of walk.ancestors(a.key)) out.add(n.key);
  return out;
};

// Loaded → fitted (or oversampled) → split → the held-out parts → the evaluations on them.
const learnedBeforeSplit: PathShape = (anchors, walk) => {
  const out = between(anchors, walk);
  for (const split of anchors.filter((a) => a.kind === 'split')) {
    for (const part of walk.children(split.key).filter((n) => n.kind === 'part' && n.part !== 'train')) {
      out.add(part.key);
      for (const evaluation of walk.descendants(part.key).filter((n) => n.kind === 'evaluation')) {
        for (const k of walk.between(part.key, evaluation.key)) out.add(k);
      }
    }
  }
  return out;
};

const SHAPES: Readonly<Record<string, PathShape>> = {
  'fit-before-split': learnedBeforeSplit,
  'resample-before-split': learnedBeforeSplit,
  // The test part → the evaluation → the choice (not the training side of the split).
  'test-in-selection': (anchors, walk) => {
    const out = new Set<string>();
    const evaluations = anchors.filter((a) => a.kind === 'evaluation');
    for (const e of evaluations) {
      out.add(e.key);
      for (const part of walk.ancestors(e.key).filter((n) => n.kind === 'part' && n.part === 'test')) for (const k of walk.between(part.key, e.key)) out.add(k);
      for (const c of anchors.filter((a) => a.kind === 'choice')) for (const k of walk.between(e.key, c.key)) out.add(k);
    }
    // A search fitted on data with the test rows: the search and what it was fitted on.
    for (const c of anchors.filter((a) => a.kind === 'choice' && !evaluations.length)) {
      out.add(c.key);
      for (const n of walk.parents(c.key)) out.add(n.key);
    }
    return out;
  },
};

/** The path of each finding (an empty path when none of its lines is a node of the graph). */
export function findingPaths(graph: ExperimentGraph, findings: readonly Finding[]): FindingPath[] {
  const walk = new GraphWalk(graph);
  return findings.map((finding) => {
    const spans: FileSpan[] = [{ span: finding.span }, ...finding.related.map((r) => ({ span: r.span, path: r.file?.path }))];
    const anchors = graph.nodes.filter((n) => n.kind !== 'part' && spans.some((s) => s.path === n.module?.path && overlaps(n, s.span)));
    if (!anchors.length) return { nodes: [], edges: [] };
    const keys = (SHAPES[finding.rule] ?? between)(anchors, walk);
    const nodes = graph.nodes.filter((n) => keys.has(n.key)).map((n) => n.key);
    const edges = graph.edges.filter((e) => keys.has(e.from) && keys.has(e.to)).map((e) => edgeKey(e.from, e.to));
    return { nodes, edges };
  });
}

function overlaps(node: ExperimentNode, span: Span): boolean {
  // The finding's span is the node's site, inside it (a call's argument), or around it (a statement).
  return (span.start >= node.site.start && span.end <= node.site.end) || (node.site.start >= span.start && node.site.end <= span.end);
}

/** Reachability over the graph's edges. */
export class GraphWalk {
  private readonly out = new Map<string, string[]>();
  private readonly in = new Map<string, string[]>();
  private readonly byKey: Map<string, ExperimentNode>;

  constructor(graph: ExperimentGraph) {
    this.byKey = new Map(graph.nodes.map((n) => [n.key, n]));
    for (const e of graph.edges) {
      (this.out.get(e.from) ?? this.out.set(e.from, []).get(e.from)!).push(e.to);
      (this.in.get(e.to) ?? this.in.set(e.to, []).get(e.to)!).push(e.from);
    }
  }

  children(key: string): ExperimentNode[] {
    return (this.out.get(key) ?? []).map((k) => this.byKey.get(k)!);
  }

  parents(key: string): ExperimentNode[] {
    return (this.in.get(key) ?? []).map((k) => this.byKey.get(k)!);
  }

  descendants(key: string): ExperimentNode[] {
    return [...this.reach(key, this.out)].map((k) => this.byKey.get(k)!);
  }

  ancestors(key: string): ExperimentNode[] {
    return [...this.reach(key, this.in)].map((k) => this.byKey.get(k)!);
  }

  /** Nodes on some path from `from` to `to` (both included when such a path exists). */
  between(from: string, to: string): string[] {
    if (from === to) return [];
    const down = this.reach(from, this.out);
    if (!down.has(to)) return [];
    const up = this.reach(to, this.in);
    return [from, ...[...down].filter((k) => up.has(k)), to];
  }

  private reach(start: string, next: ReadonlyMap<string, string[]>): Set<string> {
    const seen = new Set<string>();
    const stack = [...(next.get(start) ?? [])];
    while (stack.length) {
      const k = stack.pop()!;
      if (seen.has(k) || k === start) continue;
      seen.add(k);
      stack.push(...(next.get(k) ?? []));
    }
    return seen;
  }
}
