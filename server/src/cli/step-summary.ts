// The GitHub Actions job summary ($GITHUB_STEP_SUMMARY): a table of the findings and, per file
// with findings, its experiment graph restricted to the leaking paths (Mermaid, which GitHub
// renders in Markdown).
import * as fs from 'node:fs';
import { analyseFile, AnalyseOptions } from '../experiment/analyse';
import { graphDocument } from '../experiment/document';
import { renderMermaid } from '../experiment/mermaid';
import { FileReport, ReportedFinding } from './report';

const MAX_ROWS = 200;
const MAX_GRAPHS = 20;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

function where(f: ReportedFinding): string {
  return f.cell !== undefined ? `cell ${f.cell}, line ${f.line}` : `line ${f.line}`;
}

/** The summary's Markdown; `optionsFor` gives each file's configuration (to draw its graph). */
export function stepSummary(reports: readonly FileReport[], optionsFor: (file: string) => AnalyseOptions | undefined): string {
  const findings = reports.flatMap((r) => r.findings);
  const withFindings = reports.filter((r) => r.findings.length && !r.error);
  const out = ['## Holdout', ''];
  if (!findings.length) {
    out.push(`No leakage or reproducibility problems found in ${reports.length} file${reports.length === 1 ? '' : 's'}.`, '');
  } else {
    out.push(`${findings.length} finding${findings.length === 1 ? '' : 's'} in ${withFindings.length} of ${reports.length} file${reports.length === 1 ? '' : 's'}.`, '');
    out.push('| File | Where | Severity | Rule | Message |', '|---|---|---|---|---|');
    for (const f of findings.slice(0, MAX_ROWS)) out.push(`| \`${cell(f.file)}\` | ${where(f)} | ${f.severity} | \`${f.rule}\` | ${cell(f.message)} |`);
    if (findings.length > MAX_ROWS) out.push('', `… and ${findings.length - MAX_ROWS} more (see the annotations or the SARIF report).`);
    out.push('');
  }
  for (const r of reports.filter((x) => x.error)) out.push(`- \`${cell(r.file)}\`: ${cell(r.error!)}`);
  if (reports.some((r) => r.error)) out.push('');
  let drawn = 0;
  for (const report of withFindings) {
    if (drawn >= MAX_GRAPHS) break;
    const options = optionsFor(report.file);
    const program = options && analyseFile(report.file, options);
    if (!program || 'error' in program) continue;
    const graph = graphDocument(program, { onlyFindings: true });
    if (!graph.nodes.length) continue;
    drawn++;
    out.push(`### \`${report.file}\`: the leaking paths`, '', '```mermaid', renderMermaid(graph).trimEnd(), '```', '');
  }
  return out.join('\n') + '\n';
}

/** Appends the summary to the file GitHub names; a failure is a note, not a failed check. */
export function writeStepSummary(file: string, markdown: string): string | undefined {
  try {
    fs.appendFileSync(file, markdown);
    return undefined;
  } catch (e) {
    return `cannot write the job summary to ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
}
