// Edits that suppress a finding: `# holdout: ignore[rule]` for its statement, or
// `# holdout: ignore-file[rule]` at the top of the file. The lines come from
// engine/suppressions.ts (statementLines), and tests check the edited code really is silent.
import { PyNode } from '../parser/syntax';
import { LintResult } from '../engine/lint';
import { statementLines, Suppression } from '../engine/suppressions';
import { Finding, TextEdit } from '../engine/types';

function usable(s: Suppression): boolean {
  return !s.problem && s.rules !== undefined;
}

/** Adds a rule to an existing `[...]` list (its span ends just after the `]`). */
function extend(s: Suppression, rule: string): TextEdit {
  const at = s.span.end - 1;
  return { start: at, end: at, newText: s.rules!.length ? `, ${rule}` : rule };
}

/** A token (string, not comment) runs across the line's end: a comment there would land inside it. */
function lineEndInsideToken(root: PyNode, offset: number): boolean {
  let node: PyNode | undefined = root;
  while (node) {
    const child: PyNode | undefined = node.children.find((c) => c.start < offset && offset < c.end);
    if (!child) return false;
    if (child.children.length === 0 || child.type === 'string') return child.type !== 'comment';
    node = child;
  }
  return false;
}

function canAppendComment(result: LintResult, line: number): boolean {
  const { lines, root } = result;
  const end = lines.lineEnd(line);
  if (lineEndInsideToken(root, end)) return false;
  // A backslash continuation must stay last on its line (unless it is inside a comment).
  const text = lines.lineText(line).trimEnd();
  if (!text.endsWith('\\')) return true;
  const backslash = lines.offsetOf(line) + text.length - 1;
  return isInComment(root, backslash);
}

/** The comment holding an offset, if any. */
function commentAt(root: PyNode, offset: number): PyNode | undefined {
  let node: PyNode | undefined = root;
  while (node) {
    const child: PyNode | undefined = node.children.find((c) => c.start <= offset && offset < c.end);
    if (!child) return undefined;
    if (child.type === 'comment') return child;
    node = child;
  }
  return undefined;
}

function isInComment(root: PyNode, offset: number): boolean {
  return commentAt(root, offset) !== undefined;
}

/** Suppresses `rule` for the finding's statement: extends a suppression there, or appends one. */
export function lineSuppressionEdit(result: LintResult, finding: Finding, rule: string): TextEdit {
  const { lines, root } = result;
  const { first, last } = statementLines(root, finding.span.start, lines);
  const existing = result.suppressions.find(
    (s) => !s.fileWide && usable(s) && ((s.line >= first && s.line <= last) || (s.ownLine && s.line === first - 1)),
  );
  if (existing) return extend(existing, rule);
  const directive = `# holdout: ignore[${rule}]`;
  for (let line = first; line <= last; line++) {
    if (!canAppendComment(result, line)) continue;
    const end = lines.lineEnd(line);
    // A directive must open its comment: go before a comment already there (`# noqa` stays after).
    const comment = end > lines.offsetOf(line) ? commentAt(root, end - 1) : undefined;
    if (comment && comment.start >= lines.offsetOf(line)) return { start: comment.start, end: comment.start, newText: `${directive}  ` };
    const content = lines.lineText(line);
    const gap = content.trim() === '' ? '' : content.endsWith(' ') || content.endsWith('\t') ? ' ' : '  ';
    return { start: end, end, newText: `${gap}${directive}` };
  }
  // Every line of the statement ends inside a string: a comment alone on the line above.
  const start = lines.offsetOf(first);
  const indent = /^[ \t]*/.exec(lines.lineText(first))![0];
  return { start, end: start, newText: `${indent}${directive}${lines.eol}` };
}

const ENCODING = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/;

/** Suppresses `rule` in the whole file: extends an `ignore-file[...]`, or adds one at the top. */
export function fileSuppressionEdit(result: LintResult, rule: string): TextEdit {
  const { lines } = result;
  const existing = result.suppressions.find((s) => s.fileWide && usable(s));
  if (existing) return extend(existing, rule);
  // After a shebang and a PEP 263 encoding declaration, which must stay on lines 1–2.
  let line = 0;
  if (lines.lineText(0).startsWith('#!')) line = 1;
  if (line < lines.lineCount && line <= 1 && ENCODING.test(lines.lineText(line))) line++;
  else if (line === 0 && lines.lineCount > 1 && ENCODING.test(lines.lineText(1)) && lines.lineText(0).trimStart().startsWith('#')) line = 2;
  const directive = `# holdout: ignore-file[${rule}]`;
  if (line >= lines.lineCount) {
    // The file ends on the line the comment goes after, without a final line break.
    const end = lines.text.length;
    return { start: end, end, newText: `${lines.eol}${directive}` };
  }
  const start = lines.offsetOf(line);
  return { start, end: start, newText: `${directive}${lines.eol}` };
}
