// Findings placed in a file for output: 1-based lines, columns in characters.
import * as path from 'node:path';
import { LineIndex } from '../engine/text';
import { Finding, Fix, Severity } from '../engine/types';

export interface ReportedRelated {
  line: number;
  column: number;
  message: string;
  cell?: number;
  /** Another file of the project (a module the checked file imports); absent: the finding's own file. */
  file?: string;
}

/** A fix placed like its finding (1-based lines, character columns; end exclusive). */
export interface ReportedFix {
  title: string;
  applicability: 'safe' | 'unsafe';
  edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[];
}

export interface ReportedFinding {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  /** 1-based index of the notebook cell (notebooks only); line/column are then cell-relative. */
  cell?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  related: ReportedRelated[];
  /** The fixes, for SARIF output; not for notebook cells (their positions are cell-relative). */
  fixes?: ReportedFix[];
  /** The source lines for code frames. */
  frame: { firstLine: number; lines: string[] };
}

export interface FileReport {
  file: string;
  findings: ReportedFinding[];
  /** A per-file problem (unreadable, binary, broken notebook): reported, not fatal. */
  error?: string;
  /** A note that does not stop the analysis (syntax errors, invalid UTF-8 replaced). */
  notes: string[];
}

/** Maps an offset in the analysed text to a location (for notebooks: a cell and a line in it). */
export interface Locator {
  locate(offset: number): { line: number; column: number; cell?: number };
  frame(startOffset: number, endOffset: number): { firstLine: number; lines: string[] };
}

export function textLocator(lines: LineIndex): Locator {
  return {
    locate: (offset) => lines.humanPosition(offset),
    frame: (start, end) => {
      const first = lines.lineOf(start);
      const last = Math.min(lines.lineOf(Math.max(start, end - 1)), first + 4);
      const out: string[] = [];
      for (let l = first; l <= last; l++) out.push(lines.lineText(l));
      return { firstLine: first + 1, lines: out };
    },
  };
}

export function placeFinding(file: string, finding: Finding, locator: Locator): ReportedFinding {
  const start = locator.locate(finding.span.start);
  const end = locator.locate(finding.span.end);
  return {
    file,
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    ...(start.cell !== undefined ? { cell: start.cell } : {}),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    fixable: finding.fixes.length > 0,
    related: finding.related.map((r) => {
      if (r.file) return { line: r.file.human.line, column: r.file.human.column, message: r.message, file: outputPath(r.file.path, file) };
      const at = locator.locate(r.span.start);
      return { line: at.line, column: at.column, message: r.message, ...(at.cell !== undefined ? { cell: at.cell } : {}) };
    }),
    ...(start.cell === undefined && finding.fixes.length ? { fixes: finding.fixes.map((fix) => placeFix(fix, locator)) } : {}),
    frame: locator.frame(finding.span.start, finding.span.end),
  };
}

/** Another file's path written like the finding's own: relative to the working folder unless that one is absolute. */
function outputPath(absolute: string, findingFile: string): string {
  if (path.isAbsolute(findingFile)) return absolute;
  const rel = path.relative(process.cwd(), absolute);
  return rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel.split(path.sep).join('/');
}

function placeFix(fix: Fix, locator: Locator): ReportedFix {
  return {
    title: fix.title,
    applicability: fix.applicability,
    edits: fix.edits.map((e) => {
      const start = locator.locate(e.start);
      const end = locator.locate(e.end);
      return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, newText: e.newText };
    }),
  };
}
