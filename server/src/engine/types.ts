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
  span: Span;
  message: string;
}

export interface Finding {
  rule: string;
  message: string;
  span: Span;
  severity: Severity;
  related: RelatedSpan[];
  fixes: Fix[];
}
