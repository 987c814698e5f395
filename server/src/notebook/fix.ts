// Applying fixes to notebook cells: the engine's rounds (fix, relint, repeat) with every edit
// kept inside one cell, then the changed sources written back into the notebook JSON.
import { allowed, applyEdits, heldBackCount } from '../engine/fixes';
import { parsePython } from '../parser/parser';
import { parseIpynb, replaceSources } from './ipynb';
import { lintCells, NotebookFix, NotebookLintOptions } from './lint';
import { CellEdit, isPythonLanguage, NotebookCellInput, notebookProgram } from './program';

export interface NotebookFixOptions extends NotebookLintOptions {
  /** Apply unsafe fixes too. */
  unsafe: boolean;
  maxRounds?: number;
  /** Only fixes whose every edit lies in this cell (1-based): an editor's per-cell fix-all. */
  onlyCell?: number;
}

export interface CellsFixRun {
  /** Every cell's source after fixing, in the order given (unchanged cells as they were). */
  sources: string[];
  /** The cells whose source changed (1-based). */
  changed: number[];
  /** Fixes applied, by rule id. */
  applied: Map<string, number>;
  /** Unsafe fixes available but not applied. */
  heldBack: number;
  /** Findings left in the fixed cells (those held back among them). */
  remaining: number;
}

export function fixCells(cells: readonly NotebookCellInput[], options: NotebookFixOptions): CellsFixRun {
  const current = cells.map((c) => ({ ...c }));
  const applied = new Map<string, number>();
  const rejected = new Set<string>();
  const baseErrors = errorCount(notebookProgram(current).text);
  for (let round = 0; round < (options.maxRounds ?? 10); round++) {
    const { findings } = lintCells(current, options);
    const chosen: { rule: string; fix: NotebookFix }[] = [];
    for (const finding of findings) {
      const fix = finding.fixes.find((f) => allowed(f, options.unsafe) && !rejected.has(key(f)) && inCell(f, options.onlyCell));
      if (!fix || chosen.some((c) => overlaps(c.fix.edits, fix.edits))) continue;
      chosen.push({ rule: finding.rule, fix });
    }
    if (!chosen.length) break;
    const next = applyCellEdits(current, chosen.flatMap((c) => c.fix.edits));
    if (!next || errorCount(notebookProgram(next).text) > baseErrors) {
      chosen.forEach((c) => rejected.add(key(c.fix)));
      continue;
    }
    if (next.every((c, k) => c.source === current[k].source)) break;
    for (const c of chosen) applied.set(c.rule, (applied.get(c.rule) ?? 0) + 1);
    next.forEach((c, k) => (current[k] = c));
  }
  const final = lintCells(current, options);
  const heldBack = options.unsafe ? 0 : heldBackCount(final.result.findings);
  const changed = current.flatMap((c, k) => (c.source !== cells[k].source ? [k + 1] : []));
  return { sources: current.map((c) => c.source), changed, applied, heldBack, remaining: final.result.findings.length };
}

function inCell(fix: NotebookFix, cell: number | undefined): boolean {
  return cell === undefined || fix.edits.every((e) => e.cell === cell);
}

export type NotebookFixRun = ({ ok: true; text: string } & CellsFixRun) | { ok: false; message: string };

/** Fixes the text of an .ipynb file; the result differs only in the fixed cells' `source` values. */
export function fixNotebook(jsonText: string, options: NotebookFixOptions): NotebookFixRun {
  const parsed = parseIpynb(jsonText);
  if (!parsed.ok) return parsed;
  const { language } = parsed.notebook;
  if (language !== undefined && !isPythonLanguage(language)) return { ok: true, text: jsonText, sources: parsed.notebook.cells.map((c) => c.source), changed: [], applied: new Map(), heldBack: 0, remaining: 0 };
  const run = fixCells(parsed.notebook.cells, options);
  const changes = new Map(run.changed.map((cell) => [cell, run.sources[cell - 1]]));
  return { ok: true, text: changes.size ? replaceSources(parsed.notebook, changes) : jsonText, ...run };
}

function overlaps(a: readonly CellEdit[], b: readonly CellEdit[]): boolean {
  // As in the engine: two insertions at one offset would land in an arbitrary order.
  return a.some((x) => b.some((y) => x.cell === y.cell && ((x.start < y.end && y.start < x.end) || x.start === y.start)));
}

/** The cells with the edits applied; undefined when edits of one cell overlap. */
function applyCellEdits<T extends NotebookCellInput>(cells: readonly T[], edits: readonly CellEdit[]): T[] | undefined {
  const out = cells.map((c) => ({ ...c }));
  const byCell = new Map<number, CellEdit[]>();
  for (const e of edits) byCell.set(e.cell, [...(byCell.get(e.cell) ?? []), e]);
  try {
    for (const [cell, cellEdits] of byCell) out[cell - 1].source = applyEdits(out[cell - 1].source, cellEdits);
  } catch {
    return undefined;
  }
  return out;
}

function key(fix: NotebookFix): string {
  return `${fix.title}|${fix.edits.map((e) => `${e.cell}:${e.start}:${e.end}:${e.newText}`).join('|')}`;
}

function errorCount(text: string): number {
  const cursor = parsePython(text).walk();
  let count = 0;
  for (;;) {
    if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) count++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return count;
  }
}
