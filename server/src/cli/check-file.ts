// Checking one file: read, decode, lint (fixing if asked), place findings for output.
import * as fs from 'node:fs';
import { HoldoutConfig } from '../engine/config';
import { fixText, FixRun } from '../engine/fixes';
import { lint } from '../engine/lint';
import { decodeSource, encodeSource } from '../engine/source-file';
import { FileReport, placeFinding, textLocator } from './report';
import { fixNotebook, lintNotebook, notebookLocator } from '../notebook';
import { ProjectSettings } from '../project/module-store';
import { projectContext, projectSyntax } from './project-context';

export interface CheckOptions {
  config: HoldoutConfig;
  extraIgnores?: string[];
  fix: boolean;
  unsafeFixes: boolean;
  /** Print the diff instead of writing. */
  diff: boolean;
  /** Follow imports of the project's own modules (absent: each file is a program of its own). */
  project?: ProjectSettings;
}

export interface FileOutcome {
  report: FileReport;
  /** Unified diff of the fixes (with --diff). */
  diff?: string;
  applied?: Map<string, number>;
  heldBack?: number;
  writeError?: string;
}

/** `diff` is loaded only when a diff is printed (--diff): it is a large part of start-up. */
function createTwoFilesPatch(...args: Parameters<typeof import('diff').createTwoFilesPatch>): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('diff') as typeof import('diff')).createTwoFilesPatch(...args);
}

export function checkFile(file: string, options: CheckOptions): FileOutcome {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { report: { file, findings: [], notes: [], error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` } };
  }
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return { report: { file, findings: [], notes: [], error: decoded.message } };
  const notes: string[] = [];
  if (decoded.replaced) notes.push('invalid UTF-8 bytes were replaced before analysis');
  if (file.toLowerCase().endsWith('.ipynb')) return checkNotebookText(file, decoded.text, decoded.bom, notes, options);
  return checkPythonText(file, decoded.text, decoded.bom, notes, options);
}

function checkPythonText(file: string, text: string, bom: boolean, notes: string[], options: CheckOptions): FileOutcome {
  const project = projectContext(file, options.project);
  const lintOnce = (t: string) =>
    lint({ text: t, root: project && projectSyntax(file, t, project), config: options.config, extraIgnores: options.extraIgnores, modules: project?.modules, library: project?.library });
  let outcome: Pick<FileOutcome, 'diff' | 'applied' | 'heldBack' | 'writeError'> = {};
  let current = text;
  if (options.fix || options.diff) {
    const run: FixRun = fixText(text, (t) => lintOnce(t).findings, { unsafe: options.unsafeFixes });
    outcome = { applied: run.applied, heldBack: run.heldBack };
    if (run.text !== text) {
      if (options.diff) {
        outcome.diff = createTwoFilesPatch(file, file, text, run.text, '', '', { context: 3 });
      } else {
        try {
          fs.writeFileSync(file, encodeSource(run.text, bom));
          current = run.text;
        } catch (e) {
          outcome.writeError = `cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; left untouched`;
        }
      }
    }
  }
  const result = lintOnce(current);
  if (result.hasSyntaxErrors) notes.push('syntax errors: analysed the code around them');
  const locator = textLocator(result.lines);
  return {
    ...outcome,
    report: { file, findings: result.findings.map((f) => placeFinding(file, f, locator)), notes, ...(outcome.writeError ? { error: outcome.writeError } : {}) },
  };
}

// Notebooks: the code cells are one program; findings are placed by cell, fixes rewrite only
// the fixed cells' `source` in the JSON. A file that is not a notebook is a per-file error.
function checkNotebookText(file: string, text: string, bom: boolean, notes: string[], options: CheckOptions): FileOutcome {
  const lintOptions = { config: options.config, extraIgnores: options.extraIgnores, modules: projectContext(file, options.project)?.modules };
  let outcome: Pick<FileOutcome, 'diff' | 'applied' | 'heldBack' | 'writeError'> = {};
  let current = text;
  if (options.fix || options.diff) {
    const run = fixNotebook(text, { ...lintOptions, unsafe: options.unsafeFixes });
    if (run.ok) {
      outcome = { applied: run.applied, heldBack: run.heldBack };
      if (run.text !== text && options.diff) outcome.diff = createTwoFilesPatch(file, file, text, run.text, '', '', { context: 3 });
      else if (run.text !== text) {
        try {
          fs.writeFileSync(file, encodeSource(run.text, bom));
          current = run.text;
        } catch (e) {
          outcome.writeError = `cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; left untouched`;
        }
      }
    }
  }
  const result = lintNotebook(current, lintOptions);
  if (result.error !== undefined) return { report: { file, findings: [], notes, error: result.error } };
  if (!result.program) return { report: { file, findings: [], notes: [...notes, ...result.notes] } }; // not Python
  const locator = notebookLocator(result.program);
  const findings = result.findings.map((f) => placeFinding(file, f.programFinding, locator));
  return { ...outcome, report: { file, findings, notes: [...notes, ...result.notes], ...(outcome.writeError ? { error: outcome.writeError } : {}) } };
}
