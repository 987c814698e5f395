// The experiment graph and checklist of one file, placed for output: stable node ids, locations
// (file, 1-based line and column, notebook cell) and the findings whose path each node is on.
// This is the JSON contract of `holdout graph --format json`, `holdout checklist --format json`
// and the editor's `holdout/experimentGraph` request (docs/experiment-graph.md).
import { Finding, OtherFileLocation, Severity, Span } from '../engine/types';
import { otherFileLocation } from '../engine/other-modules';
import { experimentGraph, ExperimentNode, ExperimentNodeKind } from '../semantic/experiment-graph';
import { ProgramModel } from '../semantic/model';
import { answerChecklist, Answer } from './checklist';
import { edgeKey, findingPaths } from './paths';

export interface Location {
  /** The analysed file as given; for a node in another project module, that module's absolute path. */
  file: string;
  /** For a node in another project module: its path relative to the project root, `/`-separated. */
  module?: string;
  /** 1-based; for notebooks relative to the cell. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  endLine: number;
  endColumn: number;
  /** 1-based index among all cells (notebooks only). */
  cell?: number;
}

export interface GraphNode {
  id: string;
  kind: ExperimentNodeKind;
  label: string;
  code: string;
  part?: 'full' | 'train' | 'validation' | 'test' | 'unknown';
  location: Location;
  /** Indexes into `findings` of the findings whose path runs through this node. */
  findings: number[];
  /** The highest severity among those findings. */
  severity?: Severity;
}

export interface GraphEdge {
  from: string;
  to: string;
  findings: number[];
  severity?: Severity;
}

export interface GraphFinding {
  rule: string;
  severity: Severity;
  message: string;
  location: Location;
  /** Ids of the nodes on the finding's path (empty when none of its lines is drawn). */
  nodes: string[];
}

export interface GraphDocument {
  file: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  findings: GraphFinding[];
}

export interface ChecklistDocument {
  file: string;
  items: {
    id: string;
    question: string;
    why: string;
    answer: Answer;
    reason: string;
    rules: readonly string[];
    evidence: { location: Location; message: string }[];
  }[];
}

/** A program analysed by the engine, with the way to place its offsets. */
export interface AnalysedProgram {
  file: string;
  model: ProgramModel;
  /** The findings after suppressions (notebooks: messages naming cells, program offsets). */
  findings: readonly Finding[];
  /** Rule ids that ran. */
  ran: readonly string[];
  /** Rule ids registered. */
  registered: readonly string[];
  locate(offset: number): { line: number; column: number; cell?: number };
}

const ID_PREFIX: Record<ExperimentNodeKind, string> = {
  source: 'data',
  split: 'split',
  part: 'split',
  fitted: 'fit',
  statistic: 'stat',
  model: 'model',
  evaluation: 'eval',
  choice: 'choice',
};

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Places a span of the analysed file, or of another project module when `file` is given. */
export function placeSpan(program: AnalysedProgram, span: Span, file?: OtherFileLocation): Location {
  if (file) {
    return { file: file.path, module: file.display, line: file.human.line, column: file.human.column, endLine: file.humanEnd.line, endColumn: file.humanEnd.column };
  }
  const start = program.locate(span.start);
  const end = program.locate(span.end);
  return { file: program.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, ...(start.cell !== undefined ? { cell: start.cell } : {}) };
}

function placeNode(program: AnalysedProgram, node: ExperimentNode): Location {
  return placeSpan(program, node.site, node.module && otherFileLocation(node.module, node.site));
}

/** The placed graph; `onlyFindings` keeps only the nodes and edges on some finding's path. */
export function graphDocument(program: AnalysedProgram, options: { onlyFindings?: boolean } = {}): GraphDocument {
  const graph = experimentGraph(program.model);
  const drawn = program.findings.filter((f) => f.rule !== 'unused-suppression' && f.rule !== 'invalid-suppression');
  const paths = findingPaths(graph, drawn);
  const ids = displayIds(program, graph.nodes);
  const onNode = new Map<string, number[]>();
  const onEdge = new Map<string, number[]>();
  paths.forEach((path, i) => {
    for (const k of path.nodes) (onNode.get(k) ?? onNode.set(k, []).get(k)!).push(i);
    for (const k of path.edges) (onEdge.get(k) ?? onEdge.set(k, []).get(k)!).push(i);
  });
  const severity = (indexes: number[]): { severity?: Severity } => {
    if (!indexes.length) return {};
    return { severity: indexes.map((i) => drawn[i].severity).reduce((a, b) => (RANK[b] > RANK[a] ? b : a)) };
  };
  const keep = (indexes: number[] | undefined): boolean => !options.onlyFindings || !!indexes?.length;
  const nodes: GraphNode[] = graph.nodes
    .filter((n) => keep(onNode.get(n.key)))
    .map((n) => {
      const findings = onNode.get(n.key) ?? [];
      return { id: ids.get(n.key)!, kind: n.kind, label: n.label, code: n.code, ...(n.part ? { part: n.part } : {}), location: placeNode(program, n), findings, ...severity(findings) };
    });
  const edges: GraphEdge[] = graph.edges
    .filter((e) => keep(onEdge.get(edgeKey(e.from, e.to))))
    .map((e) => {
      const findings = onEdge.get(edgeKey(e.from, e.to)) ?? [];
      return { from: ids.get(e.from)!, to: ids.get(e.to)!, findings, ...severity(findings) };
    });
  const findings: GraphFinding[] = drawn.map((f, i) => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    location: placeSpan(program, f.span),
    nodes: paths[i].nodes.map((k) => ids.get(k)!),
  }));
  return { file: program.file, nodes, edges, findings };
}

export function checklistDocument(program: AnalysedProgram): ChecklistDocument {
  const items = answerChecklist({ model: program.model, findings: program.findings, registered: program.registered, ran: program.ran });
  return {
    file: program.file,
    items: items.map((item) => ({ ...item, evidence: item.evidence.map((e) => ({ location: placeSpan(program, e.span, e.file), message: e.message })) })),
  };
}

/** `fit_L17`, `split_L18_test`, `eval_c5_L3` (cell 5, line 3); `_2`… when a line has two. */
function displayIds(program: AnalysedProgram, nodes: readonly ExperimentNode[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const n of nodes) {
    const at: { line: number; cell?: number } = n.module ? n.module.lines.humanPosition(n.site.start) : program.locate(n.site.start);
    const where = n.module ? `${moduleSlug(n.module.display)}_` : at.cell !== undefined ? `c${at.cell}_` : '';
    const base = `${ID_PREFIX[n.kind]}_${where}L${at.line}${n.part ? `_${n.part}` : ''}`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    out.set(n.key, id);
  }
  return out;
}

/** `models/net.py` → `models_net` (ids are Mermaid and DOT identifiers). */
function moduleSlug(display: string): string {
  return display.replace(/\.py$/, '').replace(/[^A-Za-z0-9]+/g, '_');
}
