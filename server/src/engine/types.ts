// The vocabulary shared by the engine, the rules and the front ends.
// Positions are UTF-16 offsets into the analysed text; front ends convert them
// (LSP: UTF-16 line/character; CLI: 1-based line and code-point column).

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Span {
  start: number;
  end: number;
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * safe: keeps what the program computes, apart from the leak it removes or the determinism it
 * adds; applied by `--fix` and "fix all". unsafe: may change results or structure; offered as a
 * suggestion, applied by the CLI only with `--unsafe-fixes`.
 */
export type Applicability = 'safe' | 'unsafe';

export interface Fix {
  title: string;
  applicability: Applicability;
  edits: TextEdit[];
}

export interface RelatedSpan {
  /** Offsets into the analysed text, or into `file`'s text when set. */
  span: Span;
  message: string;
  /** Set when the location is in another file of the project (a module the analysed file imports). */
  file?: OtherFileLocation;
}

/** A place in another file, already in every front end's coordinates (its text is not at hand there). */
export interface OtherFileLocation {
  /** Absolute path. */
  path: string;
  /** Path relative to the project root, `/`-separated (for messages). */
  display: string;
  /** LSP positions: 0-based lines, UTF-16 characters. */
  start: { line: number; character: number };
  end: { line: number; character: number };
  /** CLI position: 1-based line, 1-based column in code points. */
  human: { line: number; column: number };
  /** CLI position of the end (exclusive). */
  humanEnd: { line: number; column: number };
}

export interface Finding {
  rule: string;
  message: string;
  span: Span;
  severity: Severity;
  related: RelatedSpan[];
  fixes: Fix[];
}
