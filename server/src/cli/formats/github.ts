// GitHub Actions workflow commands: one `::error|warning|notice …::message` line per finding, so
// findings show as annotations on the pull request.
import { Severity } from '../../engine/types';
import { FileReport, ReportedFinding } from '../report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message (the runner decodes %25, %0D, %0A). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value, where `:` and `,` are separators too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: ReportedFinding): string {
  // A notebook cell's lines are not lines of the .ipynb file: annotate the file, name the cell.
  const props: [string, string | number][] =
    f.cell !== undefined
      ? [['file', f.file]]
      : [['file', f.file], ['line', f.line], ['col', f.column], ['endLine', f.endLine], ['endColumn', f.endColumn]];
  props.push(['title', `holdout ${f.rule}`]);
  const where = (cell: number | undefined, line: number, column: number): string => (cell !== undefined ? `cell ${cell}, line ${line}, column ${column}` : `line ${line}, column ${column}`);
  const lines = [(f.cell !== undefined ? `${where(f.cell, f.line, f.column)}: ` : '') + f.message, ...f.related.map((r) => `  ${r.file !== undefined ? `${r.file}, ` : ''}${where(r.cell, r.line, r.column)}: ${r.message}`)];
  return `::${COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(lines.join('\n'))}`;
}

export function formatGithub(reports: FileReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    if (report.error) out.push(`::error file=${escapeProperty(report.file)},title=holdout::${escapeData(`${report.file}: ${report.error}`)}`);
    for (const f of report.findings) out.push(annotation(f));
  }
  return out.length ? out.join('\n') + '\n' : '';
}
