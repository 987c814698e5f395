// Human output: `path:line:col: rule message`, a code frame with ^^^ under the span.
import { FileReport, ReportedFinding } from '../report';

export interface TextStyle {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function location(f: { file: string; cell?: number; line: number; column: number }): string {
  return f.cell !== undefined ? `${f.file}:cell ${f.cell}:${f.line}:${f.column}` : `${f.file}:${f.line}:${f.column}`;
}

function frame(f: ReportedFinding, style: TextStyle): string {
  const width = String(f.frame.firstLine + f.frame.lines.length - 1).length;
  const out: string[] = [];
  f.frame.lines.forEach((text, i) => {
    const lineNo = f.frame.firstLine + i;
    out.push(`${paint(style.color, '34', String(lineNo).padStart(width))} | ${text}`);
    if (lineNo === f.line) {
      const chars = Array.from(text);
      const startCol = f.column - 1;
      const endCol = f.endLine === f.line ? Math.max(f.endColumn - 1, startCol + 1) : chars.length;
      const pad = chars.slice(0, startCol).map((c) => (c === '\t' ? '\t' : ' ')).join('');
      out.push(`${' '.repeat(width)} | ${pad}${paint(style.color, '31', '^'.repeat(Math.max(1, endCol - startCol)))}`);
    }
  });
  return out.join('\n');
}

export function formatText(reports: FileReport[], style: TextStyle): string {
  const out: string[] = [];
  for (const report of reports) {
    if (report.error) out.push(`${report.file}: error: ${report.error}`);
    for (const note of report.notes) out.push(`${report.file}: note: ${note}`);
    for (const f of report.findings) {
      const fixable = f.fixable ? ` ${paint(style.color, '36', '[*]')}` : '';
      const severity = f.severity === 'error' ? paint(style.color, '31', 'error') : f.severity === 'warning' ? paint(style.color, '33', 'warning') : paint(style.color, '36', 'info');
      out.push(`${paint(style.color, '1', location(f))}: ${severity} ${paint(style.color, '1', f.rule)}${fixable} ${f.message}`);
      out.push(frame(f, style));
      for (const r of f.related) out.push(`  ${paint(style.color, '2', '=')} ${location({ ...r, file: r.file ?? f.file })}: ${r.message}`);
      out.push('');
    }
  }
  const count = reports.reduce((n, r) => n + r.findings.length, 0);
  const fixable = reports.reduce((n, r) => n + r.findings.filter((f) => f.fixable).length, 0);
  out.push(count === 0 ? 'No leakage found.' : `Found ${count} problem${count === 1 ? '' : 's'}${fixable ? ` (${fixable} with a fix: holdout check --fix, see --diff)` : ''}.`);
  return out.join('\n') + '\n';
}
