// Hover: the rule's explanation on a flagged span, and the provenance of a data variable.
// Works in program offsets (a file's text, or a notebook's cells joined).
import { LintResult } from '../engine/lint';
import { Finding, Span } from '../engine/types';
import { PyNode } from '../parser/syntax';
import { describeValue, LineOf } from '../semantic/describe';
import { ruleById } from '../../../rules';

export interface HoverInfo {
  /** Markdown. */
  text: string;
  /** What the hover is about, in program offsets. */
  span: Span;
}

/** The identifier at an offset (also just after it, where the cursor sits after typing). */
function identifierAt(root: PyNode, offset: number): PyNode | undefined {
  let node: PyNode | undefined = root;
  while (node) {
    const child: PyNode | undefined = node.children.find((c) => c.start <= offset && offset <= c.end && c.end > c.start);
    if (!child) return undefined;
    if (child.type === 'identifier') return child;
    node = child;
  }
  return undefined;
}

/** Where a rule's documentation link in a hover points (undefined: no link). */
export type DocLink = (rule: string) => string | undefined;

/** The finding once (the Problems panel has it too) and one link; the rationale is on the page. */
function ruleExplanation(rule: string, message: string, docLink: DocLink): string {
  const target = ruleById(rule) ? docLink(rule) : undefined;
  return `**${rule}**: ${message}${target ? ` · [${rule} documentation](${target})` : ''}`;
}

/** `findings` are the ones shown (their messages as displayed); `lineOf` labels lines for describe. */
export function hoverInfo(result: LintResult, findings: readonly Finding[], offset: number, lineOf: LineOf, docLink: DocLink = () => undefined): HoverInfo | undefined {
  const sections: string[] = [];
  let span: Span | undefined;
  for (const finding of findings) {
    if (finding.span.start <= offset && offset < finding.span.end) {
      sections.push(ruleExplanation(finding.rule, finding.message, docLink));
      span ??= finding.span;
    }
  }
  const identifier = identifierAt(result.root, offset);
  const value = identifier && result.model.values.get(identifier.start);
  if (identifier && value) {
    const line = describeValue(result.lines.text.slice(identifier.start, identifier.end), value, lineOf);
    if (line) {
      sections.push(line);
      span = identifier;
    }
  }
  if (!sections.length || !span) return undefined;
  return { text: sections.join('\n\n---\n\n'), span };
}

/** Plain text for clients without Markdown. */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*|`/g, '');
}
