// Analysing one script or notebook for the experiment graph and checklist: the engine's model
// and findings, and the way to place offsets (lines, or cells and lines in them).
import * as fs from 'node:fs';
import { HoldoutConfig } from '../engine/config';
import { enabledRules, lint, LintResult } from '../engine/lint';
import { decodeSource } from '../engine/source-file';
import { CellsLint, lintCells, notebookLocator, parseIpynb } from '../notebook';
import { RULES } from '../../../rules';
import { AnalysedProgram } from './document';
import { ModuleHost } from '../semantic/modules';
import { PyNode } from '../parser/syntax';

export interface AnalyseOptions {
  config: HoldoutConfig;
  extraIgnores?: readonly string[];
  /** The project's own modules, so imports of them are followed (absent: the file on its own). */
  modules?: ModuleHost;
  /** The file is a library module of its project (judged where entry points call it). */
  library?: boolean;
  /** The parsed tree of a script's text, shared with the project's module store (parsed once per run). */
  syntaxOf?: (file: string, text: string) => PyNode;
}

/** A script the engine linted (the language server keeps these per open document). */
export function scriptProgram(file: string, result: LintResult, options: AnalyseOptions): AnalysedProgram {
  return { file, model: result.model, findings: result.findings, ...ruleIds(options), locate: (offset) => result.lines.humanPosition(offset) };
}

/** Notebook cells the engine linted as one program; offsets are placed by cell. */
export function notebookProgram(file: string, cells: CellsLint, options: AnalyseOptions): AnalysedProgram {
  const locator = notebookLocator(cells.program);
  return { file, model: cells.result.model, findings: cells.findings.map((f) => f.programFinding), ...ruleIds(options), locate: (offset) => locator.locate(offset) };
}

function ruleIds(options: AnalyseOptions): { ran: string[]; registered: string[] } {
  return { ran: enabledRules(options.config, options.extraIgnores).map((e) => e.rule.id), registered: RULES.map((r) => r.id) };
}

/** The analysed program, or why the file could not be analysed. */
export function analyseText(file: string, text: string, options: AnalyseOptions): AnalysedProgram | { error: string } {
  const { config, extraIgnores, modules, library, syntaxOf } = options;
  if (!file.toLowerCase().endsWith('.ipynb')) return scriptProgram(file, lint({ text, root: syntaxOf?.(file, text), config, extraIgnores, modules, library }), options);
  const parsed = parseIpynb(text);
  if (!parsed.ok) return { error: parsed.message };
  return notebookProgram(file, lintCells(parsed.notebook.cells, { config, extraIgnores, modules }), options);
}

export function analyseFile(file: string, options: AnalyseOptions): AnalysedProgram | { error: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return { error: decoded.message };
  return analyseText(file, decoded.text, options);
}
