// The placed experiment graph as Mermaid flowchart source (GitHub renders it in Markdown; the
// editor's graph view renders it with the bundled mermaid library). Pure: no Node APIs, so the
// webview bundles it too.
import type { Severity } from '../engine/types';
import type { ExperimentNodeKind } from '../semantic/experiment-graph';
import type { GraphDocument, GraphNode, Location } from './document';

/** Colours of the paths of findings, by severity: fill, stroke, text. */
export type Palette = Record<Severity, { fill: string; stroke: string; color: string }>;

export const DEFAULT_PALETTE: Palette = {
  error: { fill: '#ffebe9', stroke: '#cf222e', color: '#82071e' },
  warning: { fill: '#fff8c5', stroke: '#9a6700', color: '#4d2d00' },
  info: { fill: '#ddf4ff', stroke: '#0969da', color: '#0a3069' },
};

const SHAPES: Record<ExperimentNodeKind, [string, string]> = {
  source: ['[(', ')]'],
  split: ['{{', '}}'],
  part: ['([', '])'],
  fitted: ['[', ']'],
  statistic: ['[', ']'],
  model: ['[[', ']]'],
  evaluation: ['[/', '/]'],
  choice: ['{', '}'],
};

export interface MermaidOptions {
  palette?: Palette;
  /** `TD` (default) or `LR`. */
  direction?: 'TD' | 'LR';
}

export function renderMermaid(doc: GraphDocument, options: MermaidOptions = {}): string {
  const palette = options.palette ?? DEFAULT_PALETTE;
  const lines = [`flowchart ${options.direction ?? 'TD'}`];
  if (!doc.nodes.length) {
    lines.push('  empty["no data flow found: no loads, splits, fits or evaluations"]');
    return lines.join('\n') + '\n';
  }
  for (const node of doc.nodes) {
    const [open, close] = SHAPES[node.kind];
    lines.push(`  ${node.id}${open}"${nodeLabel(node)}"${close}`);
  }
  for (const edge of doc.edges) lines.push(`  ${edge.from} --> ${edge.to}`);
  for (const severity of ['error', 'warning', 'info'] as const) {
    const nodes = doc.nodes.filter((n) => n.severity === severity).map((n) => n.id);
    if (!nodes.length) continue;
    const c = palette[severity];
    lines.push(`  classDef ${severity} fill:${c.fill},stroke:${c.stroke},stroke-width:2px,color:${c.color}`);
    lines.push(`  class ${nodes.join(',')} ${severity}`);
  }
  for (const severity of ['error', 'warning', 'info'] as const) {
    const indexes = doc.edges.flatMap((e, i) => (e.severity === severity ? [i] : []));
    if (indexes.length) lines.push(`  linkStyle ${indexes.join(',')} stroke:${palette[severity].stroke},stroke-width:3px`);
  }
  return lines.join('\n') + '\n';
}

/** "StandardScaler fitted" + where: "line 17" or "cell 3, line 2". */
export function nodeLabel(node: GraphNode): string {
  return `${escapeLabel(node.label)}<br/><small>${where(node.location)}</small>`;
}

export function where(location: Location): string {
  if (location.module !== undefined) return `${location.module}, line ${location.line}`;
  return location.cell !== undefined ? `cell ${location.cell}, line ${location.line}` : `line ${location.line}`;
}

/** Mermaid's entity escapes for text inside a quoted label. */
function escapeLabel(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
