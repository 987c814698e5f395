// `--statistics`: how many findings each rule produced, instead of the findings.
import { FileReport } from '../report';

export interface RuleCount {
  rule: string;
  count: number;
  /** How many of them have a fix. */
  fixable: number;
}

export function countByRule(reports: FileReport[]): RuleCount[] {
  const counts = new Map<string, RuleCount>();
  for (const f of reports.flatMap((r) => r.findings)) {
    const c = counts.get(f.rule) ?? { rule: f.rule, count: 0, fixable: 0 };
    c.count++;
    if (f.fixable) c.fixable++;
    counts.set(f.rule, c);
  }
  // Most frequent first, then by rule id: stable output.
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

export function formatStatisticsText(reports: FileReport[]): string {
  const counts = countByRule(reports);
  if (!counts.length) return '';
  const width = Math.max(...counts.map((c) => String(c.count).length));
  const ruleWidth = Math.max(...counts.map((c) => c.rule.length));
  return counts.map((c) => `${String(c.count).padStart(width)}  ${c.rule.padEnd(ruleWidth)}${c.fixable ? `  [*] ${c.fixable} fixable` : ''}`.trimEnd()).join('\n') + '\n';
}

export function formatStatisticsJson(reports: FileReport[]): string {
  return JSON.stringify(countByRule(reports), null, 2) + '\n';
}
