// The placed experiment graph as Graphviz DOT.
import type { ExperimentNodeKind } from '../semantic/experiment-graph';
import type { GraphDocument } from './document';
import { DEFAULT_PALETTE, where } from './mermaid';

const SHAPES: Record<ExperimentNodeKind, string> = {
  source: 'cylinder',
  split: 'hexagon',
  part: 'box',
  fitted: 'box',
  statistic: 'box',
  model: 'box3d',
  evaluation: 'parallelogram',
  choice: 'diamond',
};

export function renderDot(doc: GraphDocument): string {
  const lines = ['digraph experiment {', '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=11];', '  edge [color="#57606a"];'];
  for (const node of doc.nodes) {
    const attrs = [`label=${quote(`${node.label}\n${where(node.location)}`)}`, `shape=${SHAPES[node.kind]}`];
    const style = [...(node.kind === 'part' ? ['rounded'] : []), ...(node.severity ? ['filled'] : [])];
    if (style.length) attrs.push(`style=${quote(style.join(','))}`);
    if (node.severity) {
      const c = DEFAULT_PALETTE[node.severity];
      attrs.push(`color=${quote(c.stroke)}`, `fillcolor=${quote(c.fill)}`, `fontcolor=${quote(c.color)}`, 'penwidth=2');
    }
    lines.push(`  ${node.id} [${attrs.join(', ')}];`);
  }
  for (const edge of doc.edges) {
    const attrs = edge.severity ? ` [color=${quote(DEFAULT_PALETTE[edge.severity].stroke)}, penwidth=2]` : '';
    lines.push(`  ${edge.from} -> ${edge.to}${attrs};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
