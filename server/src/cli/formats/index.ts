// Choosing and producing an output format.
import { FileReport } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStatisticsJson, formatStatisticsText } from './statistics';
import { formatText } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputContext {
  format: Format;
  color: boolean;
  /** No summary line or notes, only the findings. */
  quiet: boolean;
  statistics: boolean;
  cwd: string;
  toolVersion: string;
  /** The working folder's `docs-url` (SARIF's helpUri). */
  docsUrl?: string;
}

/**
 * Colours only when writing to a terminal; NO_COLOR (any non-empty value, see no-color.org)
 * turns them off, FORCE_COLOR (non-empty, not "0") turns them on.
 */
export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY;
}

export function formatReports(reports: FileReport[], context: OutputContext): string {
  if (context.statistics) return context.format === 'json' ? formatStatisticsJson(reports) : formatStatisticsText(reports);
  switch (context.format) {
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return formatSarif(reports, { cwd: context.cwd, toolVersion: context.toolVersion, docsUrl: context.docsUrl });
    case 'github':
      return formatGithub(reports);
    case 'text': {
      // Per-file errors go to stderr; the text output keeps the findings and notes.
      const text = formatText(
        reports.map((r) => ({ ...r, error: undefined, notes: context.quiet ? [] : r.notes })),
        { color: context.color },
      );
      if (!context.quiet) return text;
      // Quiet: drop the closing summary line (and the blank line before it when there are findings).
      return text.replace(/(^|\n)[^\n]*\n$/, '$1');
    }
  }
}
