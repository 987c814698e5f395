// Jupyter notebooks (notebookDocument/* sync): the code cells are analysed as one program
// (server/src/notebook), so a split in one cell and a fit in another are seen together; findings,
// hovers and edits are mapped back to cells, each cell being its own LSP text document.
import {
  Connection,
  Diagnostic,
  NotebookCell,
  NotebookCellKind,
  NotebookDocument,
  NotebookDocuments,
  Range,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { changedSpan, LineIndex } from '../engine/text';
import { PyNode } from '../parser/syntax';
import { ModelSession } from '../semantic/model';
import { OpenDocument } from './document';
import { Finding, TextEdit } from '../engine/types';
import { CellsFixRun, CellsLint, fixCells, lintCells, NotebookCellInput, NotebookFinding, ProgramSession } from '../notebook';
import { Log, skipReason } from './analyzer';
import { baseDiagnostic, toRange } from './convert';
import { replacementEdit } from './fix-all';
import { DocLink, HoverInfo, hoverInfo } from './hover';
import { DocumentConfig } from './project-config';
import { RecentlyUsed } from './recently-used';

export interface NotebookAnalysis {
  notebook: NotebookDocument;
  lint: CellsLint;
  /** Cell document URIs, by 0-based cell index (cell numbers in findings are 1-based). */
  cellUris: string[];
  sources: string[];
  config: DocumentConfig;
}

interface CacheEntry {
  signature: string;
  generation: number;
  analysis: NotebookAnalysis | undefined;
  skipped?: string;
}

export class Notebooks {
  readonly sync = new NotebookDocuments(TextDocument);
  private readonly cache = new Map<string, CacheEntry>();
  /** The notebooks whose whole analysis is kept: see recently-used.ts. */
  private readonly recent = new RecentlyUsed();
  /** Per recent notebook, its program's tree and analysis session, and what they were made under. */
  private readonly sessions = new Map<string, { session: ProgramDocument; under: string }>();
  /** Cell URIs diagnostics were last published for, per notebook (to clear deleted cells). */
  private readonly published = new Map<string, Set<string>>();
  /**
   * The notebooks the client shows in an editor tab (holdout/shownNotebooks), or undefined when
   * the client never said: then every open notebook counts as shown. VS Code keeps a notebook
   * document open after its last tab closes, so no notebookDocument/didClose comes then.
   */
  private shownUris: Set<string> | undefined;

  constructor(private readonly log: Log) {}

  listen(connection: Connection): void {
    this.sync.listen(connection);
  }

  notebookOfCell(cellUri: string): NotebookDocument | undefined {
    return this.sync.findNotebookDocumentForCell(cellUri);
  }

  private inputs(notebook: NotebookDocument): { cells: NotebookCellInput[]; cellUris: string[]; signature: string } {
    const cells: NotebookCellInput[] = [];
    const cellUris: string[] = [];
    const versions: string[] = [];
    for (const cell of notebook.cells) {
      const doc = this.sync.getCellTextDocument(cell);
      cells.push({ kind: cell.kind === NotebookCellKind.Code ? 'code' : 'markdown', source: doc?.getText() ?? '', language: doc?.languageId });
      cellUris.push(cell.document);
      versions.push(`${cell.document}@${doc?.version ?? '-'}`);
    }
    return { cells, cellUris, signature: `${notebook.version}|${versions.join('|')}` };
  }

  /** Lints the notebook (cached per cell versions and configuration generation). */
  analyze(notebook: NotebookDocument, generation: number, config: DocumentConfig): NotebookAnalysis | undefined {
    for (const uri of this.recent.use(notebook.uri)) {
      if (this.cache.get(uri)?.analysis) this.cache.delete(uri);
      this.sessions.delete(uri);
    }
    const inputs = this.inputs(notebook);
    const { cells, cellUris } = inputs;
    // An edit of a module the notebook imports makes the cached analysis stale too.
    const signature = `${inputs.signature}|modules@${config.moduleStamp ?? 0}`;
    const cached = this.cache.get(notebook.uri);
    if (cached && cached.signature === signature && cached.generation === generation) return cached.analysis;
    let analysis: NotebookAnalysis | undefined;
    const skip = skipReason(cells.map((c) => c.source).join('\n\n'));
    if (skip) {
      if (cached?.skipped !== skip) this.log.info(`Holdout does not analyse ${notebook.uri}: ${skip}.`);
    } else {
      try {
        const session = this.sessionFor(notebook.uri, `${generation}|${config.modules ? config.otherModulesStamp : 'no modules'}`);
        const lint = lintCells(cells, { config: config.config, extraIgnores: config.extraIgnores, recordValues: true, modules: config.modules, session });
        analysis = { notebook, lint, cellUris, sources: cells.map((c) => c.source), config };
      } catch (error) {
        this.sessions.delete(notebook.uri);
        this.log.error(`Holdout could not analyse ${notebook.uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
    this.cache.set(notebook.uri, { signature, generation, analysis, skipped: skip });
    return analysis;
  }

  /** The notebook's session if it was made `under` the same conditions, else a new one. */
  private sessionFor(uri: string, under: string): ProgramDocument {
    const known = this.sessions.get(uri);
    if (known?.under === under) return known.session;
    const session = new ProgramDocument(uri);
    this.sessions.set(uri, { session, under });
    return session;
  }

  forget(notebookUri: string): void {
    this.cache.delete(notebookUri);
    this.sessions.delete(notebookUri);
    this.recent.delete(notebookUri);
  }

  /** Diagnostics per cell URI; every cell of the notebook gets an entry (maybe empty). */
  diagnostics(notebook: NotebookDocument, analysis: NotebookAnalysis | undefined, relatedInformation: boolean): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>(notebook.cells.map((c) => [c.document, []]));
    if (!analysis) return out;
    for (const f of analysis.lint.findings) {
      const uri = analysis.cellUris[f.range.cell - 1];
      out.get(uri)?.push(this.toDiagnostic(analysis, f, relatedInformation));
    }
    return out;
  }

  /** The cell URIs to publish for now, plus those published before that no longer exist (cleared). */
  publishTargets(notebook: NotebookDocument): string[] {
    const now = new Set(notebook.cells.map((c) => c.document));
    const before = this.published.get(notebook.uri) ?? new Set<string>();
    this.published.set(notebook.uri, now);
    return [...now, ...[...before].filter((u) => !now.has(u))];
  }

  isShown(notebookUri: string): boolean {
    return this.shownUris === undefined || this.shownUris.has(notebookUri);
  }

  /**
   * The client's shown notebooks changed. Returns the open notebooks that became hidden (their
   * published cells, to clear) and those shown again (to analyse).
   */
  setShown(uris: readonly string[], openNotebooks: Iterable<string>): { hidden: { notebookUri: string; cellUris: string[] }[]; reshown: string[] } {
    const before = this.shownUris;
    const now = new Set(uris);
    this.shownUris = now;
    const wasShown = (uri: string): boolean => before === undefined || before.has(uri);
    const hidden: { notebookUri: string; cellUris: string[] }[] = [];
    const reshown: string[] = [];
    for (const uri of openNotebooks) {
      if (wasShown(uri) && !now.has(uri)) hidden.push({ notebookUri: uri, cellUris: this.unpublish(uri) });
      else if (!wasShown(uri) && now.has(uri)) reshown.push(uri);
    }
    return { hidden, reshown };
  }

  /** Forgets what was published for a notebook; returns those cell URIs (to clear). */
  private unpublish(notebookUri: string): string[] {
    const before = this.published.get(notebookUri);
    this.published.delete(notebookUri);
    return before ? [...before] : [];
  }

  closed(notebookUri: string): string[] {
    this.forget(notebookUri);
    return this.unpublish(notebookUri);
  }

  private cellLines(analysis: NotebookAnalysis, cell: number): LineIndex {
    return analysis.lint.program.cellLines(cell) ?? new LineIndex(analysis.sources[cell - 1] ?? '');
  }

  private cellRange(analysis: NotebookAnalysis, range: { cell: number; start: number; end: number }): Range {
    return toRange(range, this.cellLines(analysis, range.cell));
  }

  /**
   * The Problems panel gives a cell's row as line:col only (of the cell), so the message and
   * each related location say which cell.
   */
  private toDiagnostic(analysis: NotebookAnalysis, f: NotebookFinding, relatedInformation: boolean): Diagnostic {
    const diagnostic = baseDiagnostic({ ...f, message: `${f.message} (cell ${f.range.cell})` }, this.cellRange(analysis, f.range), analysis.config.config.docsUrl);
    if (f.related.length) {
      if (relatedInformation) {
        diagnostic.relatedInformation = f.related.map((r) => ({
          location: { uri: analysis.cellUris[r.range.cell - 1], range: this.cellRange(analysis, r.range) },
          message: `${r.message} (cell ${r.range.cell})`,
        }));
      } else {
        diagnostic.message += f.related.map((r) => `\n  cell ${r.range.cell}, line ${this.cellRange(analysis, r.range).start.line + 1}: ${r.message}`).join('');
      }
    }
    return diagnostic;
  }

  /** 1-based cell number of a cell URI in the analysis. */
  cellNumber(analysis: NotebookAnalysis, cellUri: string): number {
    return analysis.cellUris.indexOf(cellUri) + 1;
  }

  /** The findings shown in a cell, in program offsets, with their diagnostic ranges. */
  shownIn(analysis: NotebookAnalysis, cell: number): { finding: Finding; range: Range }[] {
    return analysis.lint.findings.filter((f) => f.range.cell === cell).map((f) => ({ finding: f.programFinding, range: this.cellRange(analysis, f.range) }));
  }

  /** Program edits as cell edits, grouped by cell URI; undefined if one cannot be placed in a cell. */
  workspaceEdit(analysis: NotebookAnalysis, edits: readonly TextEdit[]): WorkspaceEdit | undefined {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const edit of edits) {
      const cellEdit = analysis.lint.program.toCellEdit(edit);
      if (!cellEdit) return undefined;
      const uri = analysis.cellUris[cellEdit.cell - 1];
      (changes[uri] ??= []).push({ range: this.cellRange(analysis, cellEdit), newText: cellEdit.newText });
    }
    return { changes };
  }

  hover(analysis: NotebookAnalysis, cell: number, position: { line: number; character: number }, docLink: DocLink): { info: HoverInfo; range: Range } | undefined {
    const { program, result } = analysis.lint;
    const offset = program.toProgram(cell, this.cellLines(analysis, cell).offsetAt(position));
    if (offset === undefined) return undefined;
    const lineOf = (o: number): string => {
      const at = program.toCell(o);
      return at ? `${this.cellLines(analysis, at.cell).lineOf(at.offset) + 1} of cell ${at.cell}` : '?';
    };
    const info = hoverInfo(result, analysis.lint.findings.map((f) => f.programFinding), offset, lineOf, docLink);
    const span = info && program.toCellSpan(info.span);
    return info && span && span.cell === cell ? { info, range: this.cellRange(analysis, span) } : undefined;
  }

  /**
   * Every safe fix, as edits of the changed cells, and what the run left. With `onlyCell`, only
   * the fixes that stay inside that cell (VS Code drops a cell's save action that edits others).
   */
  fixAll(analysis: NotebookAnalysis, onlyCell?: number): { edit: WorkspaceEdit | undefined; run: CellsFixRun } {
    const cells: NotebookCellInput[] = analysis.notebook.cells.map((cell: NotebookCell, k) => {
      const doc = this.sync.getCellTextDocument(cell);
      return { kind: cell.kind === NotebookCellKind.Code ? 'code' : 'markdown', source: analysis.sources[k], language: doc?.languageId };
    });
    const { config, extraIgnores, modules } = analysis.config;
    const run = fixCells(cells, { config, extraIgnores, modules, unsafe: false, onlyCell });
    const changes: Record<string, LspTextEdit[]> = {};
    for (const cell of run.changed) {
      const edit = replacementEdit(analysis.sources[cell - 1], run.sources[cell - 1]);
      if (edit) changes[analysis.cellUris[cell - 1]] = [{ range: toRange(edit, new LineIndex(analysis.sources[cell - 1])), newText: edit.newText }];
    }
    return { edit: Object.keys(changes).length ? { changes } : undefined, run };
  }
}

/**
 * A notebook's program text as an open document: each new text is applied to the last as one
 * change (where the two differ), so its tree is reparsed incrementally or has the edited
 * statement spliced in, and the analysis session resumes at the first changed statement.
 */
export class ProgramDocument implements ProgramSession {
  readonly model = new ModelSession();
  private doc: OpenDocument | undefined;

  constructor(private readonly uri: string) {}

  syntaxOf(text: string): { root: PyNode; lines: LineIndex } {
    const doc = this.doc;
    if (!doc) this.doc = new OpenDocument(this.uri, 'python', 1, text);
    else if (doc.text !== text) {
      const { start, end, endBefore } = changedSpan(doc.text, text);
      const range = { start: doc.lineIndex.position(start), end: doc.lineIndex.position(endBefore) };
      doc.update([{ range, text: text.slice(start, end) }], doc.version + 1);
    }
    return { root: this.doc!.currentSyntax(), lines: this.doc!.lineIndex };
  }
}
