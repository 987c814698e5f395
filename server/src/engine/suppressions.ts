// Suppression comments: `# holdout: ignore[rule-a, rule-b]`, `# holdout: ignore`,
// `# holdout: ignore-file[rule]`.
import { forEachDescendant, PyNode } from '../parser/syntax';
import { LineIndex } from './text';
import { Finding, Span } from './types';

export interface Suppression {
  /** The comment (or the part of it that holds the directive). */
  span: Span;
  /** 0-based line of the comment. */
  line: number;
  fileWide: boolean;
  /** Rule ids named; undefined = all rules. */
  rules: string[] | undefined;
  /** The comment has no code before it on its line. */
  ownLine: boolean;
  used: Set<string>;
}

const DIRECTIVE = /#\s*holdout:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/;

export function findSuppressions(root: PyNode, text: string, lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  forEachDescendant(root, (node) => {
    if (node.type !== 'comment') return;
    const comment = text.slice(node.start, node.end);
    const match = DIRECTIVE.exec(comment);
    if (!match) return;
    const line = lines.lineOf(node.start);
    const lineStart = lines.offsetOf(line);
    const rules = match[2] === undefined ? undefined : match[2].split(',').map((r) => r.trim()).filter(Boolean);
    out.push({
      span: { start: node.start + match.index, end: node.start + match.index + match[0].length },
      line,
      fileWide: match[1] === 'ignore-file',
      rules,
      ownLine: text.slice(lineStart, node.start).trim() === '',
      used: new Set(),
    });
  });
  return out;
}

/** The lines a finding can be suppressed from: its statement's lines, and the line above it. */
function statementLines(root: PyNode, offset: number, lines: LineIndex): { first: number; last: number } {
  let node: PyNode | undefined = root;
  let statement: PyNode | undefined;
  while (node) {
    const child: PyNode | undefined = node.children.find((c) => c.start <= offset && offset < Math.max(c.end, c.start + 1));
    if (!child) break;
    if (/statement$|_definition$/.test(child.type)) statement = child;
    node = child;
  }
  const line = lines.lineOf(offset);
  if (!statement) return { first: line, last: line };
  // For compound statements only the header line counts, not the whole block.
  const body = statement.children.find((c) => c.type === 'block');
  const end = body ? body.start : statement.end;
  return { first: lines.lineOf(statement.start), last: Math.max(line, lines.lineOf(Math.max(statement.start, end - 1))) };
}

/** Removes suppressed findings; marks the suppressions that were used. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], root: PyNode, lines: LineIndex): Finding[] {
  if (!suppressions.length) return findings;
  return findings.filter((finding) => {
    const { first, last } = statementLines(root, finding.span.start, lines);
    for (const s of suppressions) {
      const applies = s.fileWide || (s.line >= first && s.line <= last) || (s.ownLine && s.line === first - 1);
      if (!applies) continue;
      if (s.rules === undefined || s.rules.includes(finding.rule)) {
        s.used.add(finding.rule);
        return false;
      }
    }
    return true;
  });
}
