// The checklist for people: a terminal listing and a Markdown table.
import type { ChecklistDocument, Location } from './document';
import { where } from './mermaid';

const MARK: Record<string, string> = { yes: '✓', no: '✗', 'not detected': '?', 'not checked': '–' };

function at(location: Location): string {
  return where(location);
}

export function renderChecklistText(doc: ChecklistDocument): string {
  const out = [`${doc.file}: checklist for clean experiments`];
  for (const item of doc.items) {
    out.push(`  ${MARK[item.answer]} ${item.answer.padEnd(12)} ${item.question}`);
    out.push(`${' '.repeat(17)}${item.reason}`);
    for (const e of item.evidence) out.push(`${' '.repeat(19)}${at(e.location)}: ${e.message}`);
  }
  return out.join('\n') + '\n';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderChecklistMarkdown(doc: ChecklistDocument): string {
  const out = [`#### Checklist for clean experiments: \`${doc.file}\``, '', '| Question | Answer | Evidence |', '|---|---|---|'];
  for (const item of doc.items) {
    const evidence = [item.reason, ...item.evidence.map((e) => `${at(e.location)}: ${e.message}`)].map(cell).join('<br>');
    out.push(`| ${cell(item.question)} | ${MARK[item.answer]} ${item.answer} | ${evidence} |`);
  }
  return out.join('\n') + '\n';
}
