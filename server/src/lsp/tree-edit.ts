// The tree-sitter edit for one text change, so the document's tree can be reparsed
// incrementally. In node tree-sitter 0.22 indices and columns are UTF-16 code units (the
// binding parses JavaScript strings as UTF-16), like LSP positions and engine offsets.
import type { Edit, Point } from '../parser/parser';

/** Tree-sitter's point for an offset: rows count '\n' only (a lone '\r' is not a row break). */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point reached after inserting `inserted` at `from`. */
function advance(from: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak === -1) return { row: from.row, column: from.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: from.row + rows, column: inserted.length - lastBreak - 1 };
}

/** The edit replacing `oldText[start, end)` with `newText`. */
export function editFor(oldText: string, start: number, end: number, newText: string): Edit {
  const startPosition = pointAt(oldText, start);
  return {
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + newText.length,
    startPosition,
    oldEndPosition: advance(startPosition, oldText.slice(start, end)),
    newEndPosition: advance(startPosition, newText),
  };
}
