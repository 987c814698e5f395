// One open document: its text, kept up to date from incremental changes, and its syntax tree,
// edited on every change and reparsed incrementally when the text is next analysed.
//
// The text is kept here rather than in vscode-languageserver-textdocument: its 1.0.12 update
// miscounts lines when an edit joins a '\r' and a '\n' into one line break, and positions
// would then drift from the editor's. LineIndex is the engine's line model (\r\n, \r, \n).
import { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex } from '../engine/text';
import { parsePython, Tree } from '../parser/parser';
import { editFor } from './tree-edit';

export class OpenDocument {
  private tree: Tree | undefined;
  /** The tree matches the current text. */
  private treeCurrent = false;
  private lines: LineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    private currentText: string,
  ) {}

  get version(): number {
    return this.currentVersion;
  }

  get text(): string {
    return this.currentText;
  }

  /** Applies changes in order (each range is in the text the previous one left); edits the tree. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (TextDocumentContentChangeEvent.isIncremental(change)) {
        // Positions past a line's end or the text's end are clamped, as editors do.
        const lines = (this.lines ??= new LineIndex(this.currentText));
        const start = lines.offsetAt(change.range.start);
        const end = Math.max(start, lines.offsetAt(change.range.end));
        this.tree?.edit(editFor(this.currentText, start, end, change.text));
        this.currentText = this.currentText.slice(0, start) + change.text + this.currentText.slice(end);
      } else {
        this.tree = undefined;
        this.currentText = change.text;
      }
      this.lines = undefined;
    }
    this.currentVersion = version;
    this.treeCurrent = false;
  }

  /** The tree of the current text, reparsed from the edited previous tree when there is one. */
  currentTree(): Tree {
    if (!this.tree || !this.treeCurrent) {
      const previous = this.tree;
      this.tree = parsePython(this.currentText, previous);
      // Error recovery can differ between an incremental and a fresh parse of the same text.
      // With syntax errors, parse afresh so the editor reports what `holdout check` reports.
      if (previous && this.tree.rootNode.hasError) this.tree = parsePython(this.currentText);
      this.treeCurrent = true;
    }
    return this.tree;
  }

  /** Forgets the tree (after a failure, so the next analysis starts from a fresh parse). */
  dropTree(): void {
    this.tree = undefined;
    this.treeCurrent = false;
  }
}
