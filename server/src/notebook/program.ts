// The code cells of a notebook as one Python program, with the map between program offsets and
// (cell, offset in the cell). Cells are joined by a blank line, so a comment at the end of one
// cell is never "the line above" a statement in the next (suppressions stay cell-local).
import { LineIndex } from '../engine/text';
import { Span, TextEdit } from '../engine/types';
import { maskIPython } from './magics';

export interface NotebookCellInput {
  /** `code` cells are analysed; `markdown`, `raw` (or anything else) are skipped. */
  kind: string;
  source: string;
  /** The cell's language when known (VS Code `languageId`); code cells in another language are skipped. */
  language?: string;
}

/** A position in a cell: `cell` is 1-based among all cells given; `offset` is UTF-16 into its source. */
export interface CellOffset {
  cell: number;
  offset: number;
}

/** A range in one cell's source (UTF-16 offsets). */
export interface CellSpan {
  cell: number;
  start: number;
  end: number;
}

export interface CellEdit extends CellSpan {
  newText: string;
}

export interface ProgramCell {
  /** 1-based index among all cells. */
  cell: number;
  /** The source as written. */
  source: string;
  /** The source with IPython syntax masked (same length). */
  masked: string;
  /** Masked ranges, in cell offsets. */
  masks: Span[];
  /** Where the cell starts in the program. */
  start: number;
}

export interface NotebookProgram {
  /** The program handed to the engine. */
  readonly text: string;
  /** The analysed (code) cells, in order. */
  readonly cells: readonly ProgramCell[];
  /** The analysed cell holding a program offset (an offset between cells belongs to the cell before). */
  cellAt(offset: number): ProgramCell | undefined;
  toCell(offset: number): CellOffset | undefined;
  toProgram(cell: number, offset: number): number | undefined;
  /** A program span as a range in the cell where it starts (its end clipped to that cell). */
  toCellSpan(span: Span): CellSpan | undefined;
  /** A program edit as an edit of one cell; undefined when it crosses cells or touches masked IPython syntax. */
  toCellEdit(edit: TextEdit): CellEdit | undefined;
  /** Line index of an analysed cell's source (for cell-relative lines). */
  cellLines(cell: number): LineIndex | undefined;
}

/** `python`, `python3`, `ipython3`… (kernel languages and VS Code language ids). */
export function isPythonLanguage(language: string): boolean {
  return /^i?python\d*$/i.test(language);
}

export function isAnalysedCell(cell: NotebookCellInput): boolean {
  return cell.kind === 'code' && (cell.language === undefined || isPythonLanguage(cell.language));
}

/** The line break the cells mostly use (CRLF sources get CRLF separators). */
function dominantEol(sources: string[]): string {
  let crlf = 0;
  let lf = 0;
  for (const s of sources) {
    crlf += (s.match(/\r\n/g) ?? []).length;
    lf += (s.match(/(?<!\r)\n/g) ?? []).length;
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function notebookProgram(cells: readonly NotebookCellInput[]): NotebookProgram {
  const code = cells.map((c, k) => ({ input: c, cell: k + 1 })).filter((c) => isAnalysedCell(c.input));
  const eol = dominantEol(code.map((c) => c.input.source));
  const separator = eol + eol;
  const programCells: ProgramCell[] = [];
  let text = '';
  for (const { input, cell } of code) {
    if (programCells.length) text += separator;
    const masked = maskIPython(input.source);
    programCells.push({ cell, source: input.source, masked: masked.text, masks: masked.masks, start: text.length });
    text += masked.text;
  }
  const byCell = new Map(programCells.map((c) => [c.cell, c]));
  const lineIndexes = new Map<number, LineIndex>();

  const cellAt = (offset: number): ProgramCell | undefined => {
    let lo = 0;
    let hi = programCells.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (programCells[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return programCells[lo];
  };
  const toCell = (offset: number): CellOffset | undefined => {
    const c = cellAt(offset);
    return c && { cell: c.cell, offset: Math.max(0, Math.min(offset - c.start, c.source.length)) };
  };
  const toCellSpan = (span: Span): CellSpan | undefined => {
    const c = cellAt(span.start);
    if (!c) return undefined;
    const start = Math.max(0, Math.min(span.start - c.start, c.source.length));
    return { cell: c.cell, start, end: Math.max(start, Math.min(span.end - c.start, c.source.length)) };
  };
  const toCellEdit = (edit: TextEdit): CellEdit | undefined => {
    const c = cellAt(edit.start);
    if (!c) return undefined;
    const cellEnd = c.start + c.source.length;
    if (edit.start > cellEnd) return undefined; // starts in a separator
    let start = edit.start - c.start;
    let end = edit.end - c.start;
    let newText = edit.newText;
    if (edit.end > cellEnd) {
      // Deleting a cell's last line takes the line break after it, which is the separator:
      // keep the separator and take the line break before the line instead.
      if (edit.end > cellEnd + separator.length - eol.length) return undefined;
      end = c.source.length;
      if (newText.endsWith(eol)) newText = newText.slice(0, -eol.length);
      else if (newText === '') start = startOfPrecedingBreak(c.source, start);
    }
    const touchesMask = c.masks.some((m) => (start < m.end && m.start < end && !(start <= m.start && m.end <= end)) || (start === end && m.start < start && start < m.end));
    return touchesMask ? undefined : { cell: c.cell, start, end, newText };
  };
  return {
    text,
    cells: programCells,
    cellAt,
    toCell,
    toProgram: (cell, offset) => {
      const c = byCell.get(cell);
      return c && c.start + Math.max(0, Math.min(offset, c.source.length));
    },
    toCellSpan,
    toCellEdit,
    cellLines: (cell) => {
      const c = byCell.get(cell);
      if (!c) return undefined;
      let index = lineIndexes.get(cell);
      if (!index) lineIndexes.set(cell, (index = new LineIndex(c.source)));
      return index;
    },
  };
}

/** `start` moved back over the line break before it, when it is at the start of a line. */
function startOfPrecedingBreak(source: string, start: number): number {
  if (start > 0 && source[start - 1] === '\n') return source[start - 2] === '\r' ? start - 2 : start - 1;
  if (start > 0 && source[start - 1] === '\r') return start - 1;
  return start;
}
