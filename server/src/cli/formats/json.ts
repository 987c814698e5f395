// The JSON output contract: {"version": 1, "diagnostics": [...]}. Other tools depend on it.
import { FileReport } from '../report';

export function formatJson(reports: FileReport[]): string {
  const diagnostics = reports.flatMap((r) =>
    r.findings.map((f) => ({
      file: f.file,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      ...(f.cell !== undefined ? { cell: f.cell } : {}),
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      fixable: f.fixable,
      related: f.related.map((r) => ({ ...(r.file !== undefined ? { file: r.file } : {}), ...(r.cell !== undefined ? { cell: r.cell } : {}), line: r.line, column: r.column, message: r.message })),
    })),
  );
  return JSON.stringify({ version: 1, diagnostics }, null, 2) + '\n';
}
