// Linting a notebook: the code cells analysed as one program, findings mapped back to cells.
import { HoldoutConfig } from '../engine/config';
import { lint, LintResult } from '../engine/lint';
import { Applicability, Finding, Fix, Severity, TextEdit } from '../engine/types';
import { parseIpynb, ParsedIpynb } from './ipynb';
import { CellEdit, CellSpan, isPythonLanguage, NotebookCellInput, notebookProgram, NotebookProgram } from './program';
import { PyNode } from '../parser/syntax';
import { ModuleHost } from '../semantic/modules';
import { ModelSession } from '../semantic/model';
import { LineIndex } from '../engine/text';

export interface NotebookLintOptions {
  config?: HoldoutConfig;
  /** Rules disabled for this notebook in addition to the configuration (per-file-ignores). */
  extraIgnores?: readonly string[];
  /** Record values for hover. */
  recordValues?: boolean;
  /** The project's own modules, so the notebook's imports of them are followed. */
  modules?: ModuleHost;
  /** Keeps the program's tree and interpretation from one lint to the next (the language server's). */
  session?: ProgramSession;
}

/**
 * What a caller that lints the same notebook edit after edit keeps between lints: the program
 * text's syntax tree, made from the last one (reparsed incrementally, an edited statement
 * spliced in), and an analysis session resuming at the first changed top-level statement.
 */
export interface ProgramSession {
  syntaxOf(text: string): { root: PyNode; lines: LineIndex };
  readonly model: ModelSession;
}

export interface NotebookFix {
  title: string;
  applicability: Applicability;
  edits: CellEdit[];
}

export interface NotebookFinding {
  rule: string;
  /** The rule's message (it names no lines: related locations say where, with their cells). */
  message: string;
  severity: Severity;
  /** Where it is: a cell (1-based among all cells) and UTF-16 offsets into that cell's source. */
  range: CellSpan;
  related: { range: CellSpan; message: string }[];
  /** Only fixes whose every edit stays inside one cell and off masked IPython syntax. */
  fixes: NotebookFix[];
  /** The same finding in program offsets (span clipped to its cell). */
  programFinding: Finding;
}

export interface CellsLint {
  program: NotebookProgram;
  findings: NotebookFinding[];
  /** The engine's result for `program.text` (model, suppressions, syntax errors). */
  result: LintResult;
}

/** Lints cells as one program. `cells` are all cells in order, markdown included, so indexes match. */
export function lintCells(cells: readonly NotebookCellInput[], options: NotebookLintOptions = {}): CellsLint {
  const program = notebookProgram(cells);
  const session = options.session;
  const syntax = session?.syntaxOf(program.text);
  const result = lint({ text: program.text, root: syntax?.root, lines: syntax?.lines, config: options.config, extraIgnores: options.extraIgnores, recordValues: options.recordValues, modules: options.modules, session: session?.model });
  const findings: NotebookFinding[] = [];
  for (const f of result.findings) {
    const range = program.toCellSpan(f.span);
    if (!range) continue;
    const fixes: NotebookFix[] = [];
    const programFixes: Fix[] = [];
    for (const fix of f.fixes) {
      const edits = mergeAdjacent(fix.edits).map((e) => program.toCellEdit(e));
      if (!edits.every((e): e is CellEdit => e !== undefined)) continue;
      fixes.push({ title: fix.title, applicability: fix.applicability, edits });
      programFixes.push(fix);
    }
    const related = f.related.flatMap((r) => {
      if (r.file) return []; // in another file: only the program finding (CLI output) names it
      const at = program.toCellSpan(r.span);
      return at ? [{ range: at, message: r.message }] : [];
    });
    const start = program.toProgram(range.cell, range.start)!;
    const clipped: Finding = { ...f, span: { start, end: start + range.end - range.start }, fixes: programFixes };
    findings.push({ rule: f.rule, message: f.message, severity: f.severity, range, related, fixes, programFinding: clipped });
  }
  return { program, findings, result };
}

export interface NotebookLint {
  findings: NotebookFinding[];
  /** The file is not a notebook Holdout can read (invalid JSON, not nbformat 4…): no findings. */
  error?: string;
  /** Things worth saying that did not stop the analysis. */
  notes: string[];
  notebook?: ParsedIpynb;
  program?: NotebookProgram;
  hasSyntaxErrors: boolean;
}

/** Lints the text of an .ipynb file. Never throws on bad input: `error` says what is wrong. */
export function lintNotebook(jsonText: string, options: NotebookLintOptions = {}): NotebookLint {
  const parsed = parseIpynb(jsonText);
  if (!parsed.ok) return { findings: [], error: parsed.message, notes: [], hasSyntaxErrors: false };
  const notebook = parsed.notebook;
  if (notebook.language !== undefined && !isPythonLanguage(notebook.language)) {
    return { findings: [], notes: [`not a Python notebook (kernel language: ${notebook.language}): not checked`], notebook, hasSyntaxErrors: false };
  }
  const { program, findings, result } = lintCells(notebook.cells, options);
  const broken = result.hasSyntaxErrors ? firstSyntaxError(result.root) : undefined;
  const cell = broken === undefined ? undefined : program.toCell(broken)?.cell;
  const notes = result.hasSyntaxErrors ? [`syntax errors${cell !== undefined ? ` (first in cell ${cell})` : ''}: analysed the code around them`] : [];
  return { findings, notes, notebook, program, hasSyntaxErrors: result.hasSyntaxErrors };
}

/** Program offset of the first syntax error, if any. */
function firstSyntaxError(root: PyNode): number | undefined {
  let first: number | undefined;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.missing) first = Math.min(first ?? node.start, node.start);
    else for (const child of node.children) stack.push(child); // not push(...): huge child lists overflow the stack
  }
  return first;
}

/**
 * Joins edits that touch (deleting two neighbouring statements is two edits): a deletion that
 * reaches a cell's end is remapped to take the line break before it, which must not collide
 * with the neighbouring edit.
 */
function mergeAdjacent(edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = out[out.length - 1];
    if (last && last.end === e.start && last.start < last.end && e.start < e.end) out[out.length - 1] = { start: last.start, end: e.end, newText: last.newText + e.newText };
    else out.push(e);
  }
  return out;
}

