// One open document: its text, kept up to date from incremental changes, and its syntax tree,
// edited on every change and reparsed incrementally when the text is next analysed. When the
// changes since the last analysis lie inside one top-level statement, only that statement is
// parsed again and spliced into the converted tree (spliceStatement); the tree-sitter tree is
// then only edited, and the next incremental reparse catches up with it.
//
// The text is kept here rather than in vscode-languageserver-textdocument: its 1.0.12 update
// miscounts lines when an edit joins a '\r' and a '\n' into one line break, and positions
// would then drift from the editor's. LineIndex is the engine's line model (\r\n, \r, \n).
import { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex } from '../engine/text';
import { ChangedSpan, parsePython, spliceStatement, toSyntax, Tree } from '../parser/parser';
import { PyNode } from '../parser/syntax';
import { editFor } from './tree-edit';

export class OpenDocument {
  private tree: Tree | undefined;
  /** The tree matches the current text. */
  private treeCurrent = false;
  private lines: LineIndex | undefined;
  /** The converted tree of the current text, once made. */
  private syntax: PyNode | undefined;
  /** Whether `syntax` was spliced (spliceStatement) rather than converted from a reparse. */
  private syntaxSpliced = false;
  /** Where the text changed since `syntax` was last made (nothing changed: both infinite). */
  private changed: { -readonly [K in keyof ChangedSpan]: number } = { start: Infinity, unchangedAfter: Infinity };

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

  /** The line index of the current text (kept up to date edit by edit). */
  get lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.currentText));
  }

  /** Applies changes in order (each range is in the text the previous one left); edits the tree. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (TextDocumentContentChangeEvent.isIncremental(change)) {
        // Positions past a line's end or the text's end are clamped, as editors do.
        const lines = this.lineIndex;
        const start = lines.offsetAt(change.range.start);
        const end = Math.max(start, lines.offsetAt(change.range.end));
        this.tree?.edit(editFor(this.currentText, start, end, change.text));
        this.changed.start = Math.min(this.changed.start, start);
        this.changed.unchangedAfter = Math.min(this.changed.unchangedAfter, this.currentText.length - end);
        this.currentText = this.currentText.slice(0, start) + change.text + this.currentText.slice(end);
        this.lines = lines.edited(start, end, change.text, this.currentText);
      } else {
        this.tree = undefined;
        this.changed = { start: 0, unchangedAfter: 0 };
        this.currentText = change.text;
        this.lines = undefined;
      }
    }
    this.currentVersion = version;
    this.treeCurrent = false;
    this.syntax = undefined;
  }

  /**
   * The converted tree of the current text: spliced from the last one when the changes since
   * lie inside one top-level statement, else converted from the reparsed tree (reusing the
   * unchanged statements). Valid until the next call after a change (nodes are shifted in place).
   */
  currentSyntax(): PyNode {
    if (!this.syntax) {
      const changed: ChangedSpan = this.changed;
      const spliced = this.tree && !this.treeCurrent && changed.start !== Infinity ? spliceStatement(this.tree, this.currentText, changed) : undefined;
      this.syntax = spliced ?? toSyntax(this.currentTree());
      this.syntaxSpliced = spliced !== undefined;
      this.changed = { start: Infinity, unchangedAfter: Infinity };
    }
    return this.syntax;
  }

  /** Whether the last currentSyntax() spliced the edited statement in (for tests and the benchmark). */
  get lastSyntaxSpliced(): boolean {
    return this.syntaxSpliced;
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

  /** Forgets the tree and its conversion (the next analysis starts from a fresh parse). */
  dropTree(): void {
    this.tree = undefined;
    this.syntax = undefined;
    this.treeCurrent = false;
  }
}
