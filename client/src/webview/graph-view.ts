// The graph view's page (runs inside the webview, bundled with mermaid into dist/graph-view.js):
// renders the checklist and the experiment graph the extension posts, in the theme's colours,
// and asks the extension to reveal a node's line when it is clicked.
import mermaid from 'mermaid';
import type { ChecklistDocument, GraphDocument, Location } from '../../../server/src/experiment/document';
import { Palette, renderMermaid, where } from '../../../server/src/experiment/mermaid';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Incoming =
  | { type: 'graph'; graph: GraphDocument; checklist: ChecklistDocument; title: string }
  | { type: 'empty'; message: string }
  | { type: 'theme' };

const vscode = acquireVsCodeApi();
const checklistElement = document.getElementById('checklist')!;
const graphElement = document.getElementById('graph')!;
const statusElement = document.getElementById('status')!;
let current: Extract<Incoming, { type: 'graph' }> | undefined;
let renders = 0;

window.addEventListener('message', (event: MessageEvent<Incoming>) => {
  const message = event.data;
  if (message.type === 'graph') current = message;
  if (message.type === 'empty') {
    current = undefined;
    checklistElement.replaceChildren();
    graphElement.replaceChildren();
    statusElement.textContent = message.message;
    return;
  }
  void render();
});
vscode.postMessage({ type: 'ready' });

function isDark(): boolean {
  const c = document.body.classList;
  return c.contains('vscode-dark') || (c.contains('vscode-high-contrast') && !c.contains('vscode-high-contrast-light'));
}

/** A theme colour as #rrggbb (Mermaid's classDef cannot take rgba(…, …): commas separate styles). */
function themeColor(variable: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${variable}, ${fallback})`;
  document.body.appendChild(probe);
  const rgb = getComputedStyle(probe).color.match(/[\d.]+/g)?.map(Number) ?? [];
  probe.remove();
  if (rgb.length < 3) return fallback;
  return `#${rgb.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

function palette(): Palette {
  const text = themeColor('--vscode-editor-foreground', isDark() ? '#cccccc' : '#333333');
  const fill = themeColor('--vscode-editor-background', isDark() ? '#1e1e1e' : '#ffffff');
  return {
    error: { fill, stroke: themeColor('--vscode-editorError-foreground', '#e51400'), color: text },
    warning: { fill, stroke: themeColor('--vscode-editorWarning-foreground', '#bf8803'), color: text },
    info: { fill, stroke: themeColor('--vscode-editorInfo-foreground', '#1a85ff'), color: text },
  };
}

async function render(): Promise<void> {
  if (!current) return;
  const { graph, checklist, title } = current;
  statusElement.textContent = title;
  renderChecklist(checklist);
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: isDark() ? 'dark' : 'default', flowchart: { htmlLabels: true } });
  const source = renderMermaid(graph, { palette: palette() });
  try {
    const { svg } = await mermaid.render(`holdout-graph-${++renders}`, source);
    if (current?.graph !== graph) return; // a newer graph arrived while this one rendered
    graphElement.innerHTML = svg;
  } catch (error) {
    graphElement.textContent = `The graph could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  for (const element of graphElement.querySelectorAll<SVGGElement>('g.node')) {
    const node = graph.nodes.find((n) => element.id === n.id || new RegExp(`(^|-)flowchart-${n.id}-\\d+$`).test(element.id));
    if (!node) continue;
    element.dataset.holdoutNode = node.id;
    element.setAttribute('tabindex', '0');
    element.setAttribute('role', 'button');
    element.setAttribute('aria-label', `${node.label}, ${where(node.location)}: go to the code`);
    element.style.cursor = 'pointer';
    const reveal = (): void => vscode.postMessage({ type: 'reveal', location: node.location });
    element.addEventListener('click', reveal);
    element.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') reveal();
    });
  }
}

const MARK: Record<string, string> = { yes: '✓', no: '✗', 'not detected': '?', 'not checked': '–' };

function renderChecklist(checklist: ChecklistDocument): void {
  const rows = checklist.items.map((item) => {
    const row = document.createElement('tr');
    row.className = `answer-${item.answer.replace(' ', '-')}`;
    const question = document.createElement('td');
    question.textContent = item.question;
    const answer = document.createElement('td');
    answer.className = 'answer';
    answer.textContent = `${MARK[item.answer]} ${item.answer}`;
    const evidence = document.createElement('td');
    const reason = document.createElement('div');
    reason.textContent = item.reason;
    evidence.append(reason);
    for (const e of item.evidence) evidence.append(evidenceLink(e.location, e.message));
    row.append(question, answer, evidence);
    return row;
  });
  const table = document.createElement('table');
  const head = document.createElement('tr');
  for (const h of ['Question', 'Answer', 'Evidence']) {
    const th = document.createElement('th');
    th.textContent = h;
    head.append(th);
  }
  table.append(head, ...rows);
  // Collapsible, open at first; the reader's choice is kept across re-renders.
  const previous = checklistElement.querySelector('details');
  const details = document.createElement('details');
  details.open = previous ? previous.open : true;
  const summary = document.createElement('summary');
  const count = (a: string): number => checklist.items.filter((i) => i.answer === a).length;
  summary.textContent = `Checklist for clean experiments: ${count('no')} no, ${count('yes')} yes, ${count('not detected')} not detected, ${count('not checked')} not checked`;
  details.append(summary, table);
  checklistElement.replaceChildren(details);
}

function evidenceLink(location: Location, message: string): HTMLElement {
  const link = document.createElement('a');
  link.href = '#';
  link.className = 'evidence';
  link.textContent = `${where(location)}: ${message}`;
  link.addEventListener('click', (e) => {
    e.preventDefault();
    vscode.postMessage({ type: 'reveal', location });
  });
  return link;
}
