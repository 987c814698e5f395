// Analysing one script or notebook for the experiment graph and checklist: the engine's model
// and findings, and the way to place offsets (lines, or cells and lines in them).
import * as fs from 'node:fs';
import { HoldoutConfig } from '../engine/config';
import { enabledRules, lint } from '../engine/lint';
import { decodeSource } from '../engine/source-file';
import { LineIndex } from '../engine/text';
import { lintCells, notebookLocator, parseIpynb } from '../notebook';
import { RULES } from '../../../rules';
import { AnalysedProgram } from './document';

export interface AnalyseOptions {
  config: HoldoutConfig;
  extraIgnores?: readonly string[];
}

/** The analysed program, or why the file could not be analysed. */
export function analyseText(file: string, text: string, options: AnalyseOptions): AnalysedProgram | { error: string } {
  const ran = enabledRules(options.config, options.extraIgnores).map((e) => e.rule.id);
  const registered = RULES.map((r) => r.id);
  if (!file.toLowerCase().endsWith('.ipynb')) {
    const result = lint({ text, config: options.config, extraIgnores: options.extraIgnores });
    const lines = new LineIndex(text);
    return { file, model: result.model, findings: result.findings, ran, registered, locate: (offset) => lines.humanPosition(offset) };
  }
  const parsed = parseIpynb(text);
  if (!parsed.ok) return { error: parsed.message };
  const { program, findings, result } = lintCells(parsed.notebook.cells, { config: options.config, extraIgnores: options.extraIgnores });
  const locator = notebookLocator(program);
  return { file, model: result.model, findings: findings.map((f) => f.programFinding), ran, registered, locate: (offset) => locator.locate(offset) };
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
