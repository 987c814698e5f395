// Jupyter notebooks: the API the CLI and the language server use.
//
//   lintNotebook(jsonText, options)   an .ipynb file's text → findings by cell (or an error)
//   lintCells(cells, options)         cell texts (e.g. VS Code notebook cells) → findings by cell
//   fixNotebook / fixCells            the same with fixes applied
//   notebookProgram(cells)            the cells as one program, with the offset map
//
// Cells are numbered from 1 among all cells, markdown included; offsets are UTF-16 code units
// into a cell's source.
export { lintCells, lintNotebook } from './lint';
export type { CellsLint, NotebookFinding, NotebookFix, NotebookLint, NotebookLintOptions, ProgramSession } from './lint';
export { fixCells, fixNotebook } from './fix';
export type { CellsFixRun, NotebookFixOptions, NotebookFixRun } from './fix';
export { isAnalysedCell, notebookProgram } from './program';
export type { CellEdit, CellOffset, CellSpan, NotebookCellInput, NotebookProgram, ProgramCell } from './program';
export { maskIPython } from './magics';
export { parseIpynb, replaceSources } from './ipynb';
export type { IpynbCell, ParsedIpynb } from './ipynb';
export { notebookLocator } from './locator';
