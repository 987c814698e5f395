// Placing program offsets for CLI output: a cell, and a line and column inside that cell.
import type { Locator } from '../cli/report';
import { textLocator } from '../cli/report';
import { NotebookProgram } from './program';

export function notebookLocator(program: NotebookProgram): Locator {
  return {
    locate: (offset) => {
      const at = program.toCell(offset);
      const lines = at && program.cellLines(at.cell);
      if (!at || !lines) return { line: 1, column: 1 };
      return { cell: at.cell, ...lines.humanPosition(at.offset) };
    },
    frame: (start, end) => {
      const span = program.toCellSpan({ start, end });
      const lines = span && program.cellLines(span.cell);
      if (!span || !lines) return { firstLine: 1, lines: [] };
      // The frame shows the cell as written (magics included), not the masked program.
      return textLocator(lines).frame(span.start, span.end);
    },
  };
}
