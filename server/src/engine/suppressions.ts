// Suppression comments: `# holdout: ignore[rule-a, rule-b]` (on the finding's line, any line of
// its statement, or alone on the line before the statement), `# holdout: ignore` (all rules, same
// places), `# holdout: ignore-file[rule]` / `# holdout: ignore-file` (anywhere in the file).
//
// Problems with the comments themselves are findings of two pseudo-rules, like Ruff's RUF100:
// `invalid-suppression` (unknown rule name, unknown directive, unclosed or empty list; on by
// default) and `unused-suppression` (suppresses nothing; with --report-unused-ignores). Both
// are selected, ignored and given a severity like any rule.
import { PyNode } from '../parser/syntax';
import { commentsIn } from '../parser/node-lists';
import { LineIndex } from './text';
import { StatementIndexes, StatementIndexState } from './statement-index';
import { RuleDocs } from './rule';
import { Finding, Severity, SeveritySetting, Span, TextEdit } from './types';

export const INVALID_SUPPRESSION = 'invalid-suppression';
export const UNUSED_SUPPRESSION = 'unused-suppression';
export const META_RULE_IDS: readonly string[] = [INVALID_SUPPRESSION, UNUSED_SUPPRESSION];
export const META_RULE_SEVERITY: Severity = 'warning';
export const META_RULE_SUMMARY: Record<string, string> = {
  [INVALID_SUPPRESSION]: 'A `# holdout:` suppression comment names an unknown rule or is malformed.',
  [UNUSED_SUPPRESSION]: 'A `# holdout: ignore` comment that suppresses nothing (reported with --report-unused-ignores).',
};

export interface SuppressionName {
  id: string;
  span: Span;
}

export interface Suppression {
  /** The directive (`# holdout: ignore[...]`), not any comment text after it. */
  span: Span;
  /** 0-based line of the comment. */
  line: number;
  fileWide: boolean;
  /** Rule ids named; undefined = all rules. */
  rules: string[] | undefined;
  /** Where each named rule is written. */
  names: SuppressionName[];
  /** The comment has no code before it on its line. */
  ownLine: boolean;
  /** Why the comment is malformed (it then suppresses nothing). */
  problem?: string;
  used: Set<string>;
}

const PREFIX = /#\s*holdout\s*:\s*/g;
const KEYWORD = /[A-Za-z_-]*/y;

/**
 * Parses the directive in a comment at offset `commentStart`, or undefined when it has none.
 * The directive may follow other comment text (`# type: ignore  # holdout: ignore`).
 */
function parseDirective(text: string, commentStart: number): Omit<Suppression, 'line' | 'ownLine' | 'used'> | undefined {
  PREFIX.lastIndex = 0;
  const found = PREFIX.exec(text);
  if (!found) return undefined;
  // From here on, offsets are relative to the directive.
  const start = commentStart + found.index;
  const comment = text.slice(found.index);
  KEYWORD.lastIndex = found[0].length;
  const keyword = KEYWORD.exec(comment)![0];
  let end = KEYWORD.lastIndex;
  const base = { fileWide: keyword === 'ignore-file', rules: undefined as string[] | undefined, names: [] as SuppressionName[] };
  if (keyword !== 'ignore' && keyword !== 'ignore-file') {
    return { ...base, span: { start, end: start + end }, problem: `unknown directive '${keyword}' (use 'ignore' or 'ignore-file')` };
  }
  const bracket = /\s*\[/y;
  bracket.lastIndex = end;
  if (bracket.exec(comment)) {
    end = bracket.lastIndex - 1;
    const close = comment.indexOf(']', end);
    if (close < 0) return { ...base, span: { start, end: start + comment.length }, problem: "unclosed '[' in the rule list" };
    const names: SuppressionName[] = [];
    const re = /[^,\s\]]+/g;
    re.lastIndex = end + 1;
    for (let m = re.exec(comment); m && m.index < close; m = re.exec(comment)) {
      names.push({ id: m[0], span: { start: start + m.index, end: start + m.index + m[0].length } });
    }
    end = close + 1;
    const span = { start, end: start + end };
    if (!names.length) return { ...base, span, problem: 'empty rule list (write the rules to ignore, or drop the brackets to ignore all)' };
    return { ...base, span, rules: names.map((n) => n.id), names };
  }
  return { ...base, span: { start, end: start + end } };
}

const HAS_PREFIX = new RegExp(PREFIX.source);

/** The statements of a module with directive comments, and those comments (following the tree from edit to edit). */
interface DirectiveIndex extends StatementIndexState {
  directives: Map<PyNode, readonly PyNode[]>;
}

const directiveIndexes = new StatementIndexes<DirectiveIndex>(
  (root) => ({ root, statements: [], directives: new Map() }),
  (index, statement, text) => {
    const comments = commentsIn(statement).filter((c) => HAS_PREFIX.test(text.slice(c.start, c.end)));
    if (comments.length) index.directives.set(statement, comments);
  },
  (index, statement) => index.directives.delete(statement),
);

/** The comments that may hold a directive, in source order. */
function directiveComments(root: PyNode, text: string): readonly PyNode[] {
  if (root.parent) return commentsIn(root);
  const { directives } = directiveIndexes.of(root, text);
  return [...directives.keys()].sort((a, b) => a.start - b.start).flatMap((statement) => directives.get(statement)!);
}

export function findSuppressions(root: PyNode, text: string, lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  for (const node of directiveComments(root, text)) {
    const directive = parseDirective(text.slice(node.start, node.end), node.start);
    if (!directive) continue;
    const line = lines.lineOf(node.start);
    const lineStart = lines.offsetOf(line);
    out.push({
      ...directive,
      span: { start: directive.span.start, end: directive.span.end },
      line,
      ownLine: text.slice(lineStart, node.start).trim() === '',
      used: new Set(),
    });
  }
  return out;
}

/** The innermost statement holding an offset (a finding's statement). */
export function statementAt(root: PyNode, offset: number): PyNode | undefined {
  let node: PyNode | undefined = root;
  let statement: PyNode | undefined;
  while (node) {
    const child: PyNode | undefined = node.children.find((c) => c.start <= offset && offset < Math.max(c.end, c.start + 1));
    if (!child) break;
    if (/statement$|_definition$/.test(child.type)) statement = child;
    node = child;
  }
  return statement;
}

/**
 * The lines a line suppression counts on for a finding at `offset`: its statement's lines (only
 * the header of a compound statement); an own-line comment also counts on the line above `first`.
 */
export function statementLines(root: PyNode, offset: number, lines: LineIndex): { first: number; last: number } {
  const line = lines.lineOf(offset);
  const statement = statementAt(root, offset);
  if (!statement) return { first: line, last: line };
  const body = statement.children.find((c) => c.type === 'block');
  const end = body ? body.start : statement.end;
  return { first: lines.lineOf(statement.start), last: Math.max(line, lines.lineOf(Math.max(statement.start, end - 1))) };
}

/** Removes suppressed findings; marks the suppressions that were used. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], root: PyNode, lines: LineIndex): Finding[] {
  const active = suppressions.filter((s) => !s.problem);
  if (!active.length) return findings;
  return findings.filter((finding) => {
    const { first, last } = statementLines(root, finding.span.start, lines);
    for (const s of active) {
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

export interface SuppressionCheck {
  /** Every rule id Holdout knows (rules and pseudo-rules). */
  knownRules: readonly string[];
  /** The rules that ran on this file: only those can make a suppression used. */
  ranRules: readonly string[];
  /** The severity of each pseudo-rule, or absent when it is not enabled. */
  invalid?: Severity;
  unused?: Severity;
}

/** Removes the directive; a comment line left empty goes entirely. */
function removalEdit(s: Suppression, lines: LineIndex): TextEdit {
  const text = lines.text;
  const lineStart = lines.offsetOf(s.line);
  const lineEnd = lines.lineEnd(s.line);
  const rest = text.slice(s.span.end, lineEnd).trim();
  if (s.ownLine && rest === '') {
    const next = s.line + 1 < lines.lineCount ? lines.offsetOf(s.line + 1) : lineEnd;
    return { start: lineStart, end: next, newText: '' };
  }
  let start = s.span.start;
  while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  // Keep a following comment (`# holdout: ignore  # noqa`) as a comment.
  return rest === '' ? { start, end: lineEnd, newText: '' } : { start: s.span.start, end: s.span.end, newText: '' };
}

function listEdit(s: Suppression, keep: string[]): TextEdit {
  const open = s.names[0].span.start;
  const close = s.names[s.names.length - 1].span.end;
  return { start: open, end: close, newText: keep.join(', ') };
}

function metaFinding(rule: string, severity: Severity, span: Span, message: string, edit: TextEdit | undefined, title: string): Finding {
  return { rule, severity, span, message, related: [], fixes: edit ? [{ title, applicability: 'safe', edits: [edit] }] : [] };
}

/** Findings about the suppression comments themselves (call after applySuppressions). */
export function suppressionFindings(suppressions: Suppression[], lines: LineIndex, check: SuppressionCheck): Finding[] {
  const out: Finding[] = [];
  for (const s of suppressions) {
    if (s.problem) {
      if (check.invalid) out.push(metaFinding(INVALID_SUPPRESSION, check.invalid, s.span, `Malformed suppression comment: ${s.problem}.`, undefined, ''));
      continue;
    }
    const unknown = s.names.filter((n) => !check.knownRules.includes(n.id));
    const known = s.names.filter((n) => check.knownRules.includes(n.id));
    if (check.invalid) {
      for (const n of unknown) {
        const edit = known.length ? listEdit(s, known.map((k) => k.id)) : removalEdit(s, lines);
        out.push(metaFinding(INVALID_SUPPRESSION, check.invalid, n.span, `Unknown rule '${n.id}' in suppression comment (holdout rules lists the rules).`, edit, `Remove '${n.id}'`));
      }
    }
    if (!check.unused) continue;
    if (s.rules === undefined) {
      if (s.used.size === 0) out.push(metaFinding(UNUSED_SUPPRESSION, check.unused, s.span, 'Unused suppression: no finding here to suppress.', removalEdit(s, lines), 'Remove the unused suppression'));
      continue;
    }
    // Rules that did not run (not selected, off) cannot be judged unused.
    const unused = known.filter((n) => check.ranRules.includes(n.id) && !s.used.has(n.id));
    if (!unused.length) continue;
    const keep = s.names.filter((n) => !unused.includes(n)).map((n) => n.id);
    const edit = keep.length ? listEdit(s, keep) : removalEdit(s, lines);
    const ids = unused.map((n) => `'${n.id}'`).join(', ');
    out.push(metaFinding(UNUSED_SUPPRESSION, check.unused, unused.length === s.names.length ? s.span : unused[0].span, `Unused suppression of ${ids}: no such finding here to suppress.`, edit, `Remove ${ids}`));
  }
  return out;
}

/** A pseudo-rule's severity under a configuration, or undefined when it is off. */
export function metaSeverity(
  id: string,
  config: { select?: string[]; ignore: string[]; severity: Record<string, SeveritySetting>; reportUnusedIgnores?: boolean },
  extraIgnores: readonly string[] = [],
): Severity | undefined {
  if (config.select && !config.select.includes(id)) return undefined;
  if (config.ignore.includes(id) || extraIgnores.includes(id)) return undefined;
  if (id === UNUSED_SUPPRESSION && !config.reportUnusedIgnores && !config.select?.includes(id)) return undefined;
  const setting = config.severity[id] ?? META_RULE_SEVERITY;
  return setting === 'off' ? undefined : setting;
}

/** The pseudo-rules, shaped like rules (without a check) for `holdout rules`, docs and SARIF. */
export const META_RULES: readonly { id: string; defaultSeverity: Severity; fix: 'safe' | 'none'; docs: RuleDocs }[] = [
  {
    id: INVALID_SUPPRESSION,
    defaultSeverity: META_RULE_SEVERITY,
    fix: 'safe',
    docs: {
      summary: META_RULE_SUMMARY[INVALID_SUPPRESSION],
      whatItDoes:
        "Reports a `# holdout:` comment that Holdout cannot use: a rule name it does not know (`# holdout: ignore[fit-befor-split]`), a directive other than `ignore` / `ignore-file`, an unclosed `[` or an empty rule list. A malformed comment suppresses nothing.",
      whyBad:
        'A misspelt suppression silently does nothing today, or hides more than intended tomorrow. Reporting it keeps every suppression meaningful, the way Ruff reports invalid `# noqa` codes (RUF100).',
      example: ['import numpy as np', '', 'x = np.random.rand(3)  # holdout: ignore[unseeded-rgn]'].join('\n'),
      useInstead: ['import numpy as np', '', 'x = np.random.rand(3)  # holdout: ignore[unseeded-rng]'].join('\n'),
      fixSafety: 'Safe: the fix removes the unknown rule name (or the whole comment when no known rule is left). Malformed directives have no fix.',
    },
  },
  {
    id: UNUSED_SUPPRESSION,
    defaultSeverity: META_RULE_SEVERITY,
    fix: 'safe',
    docs: {
      summary: META_RULE_SUMMARY[UNUSED_SUPPRESSION],
      whatItDoes:
        'With `holdout check --report-unused-ignores` (or when selected explicitly), reports `# holdout: ignore` and `# holdout: ignore-file` comments, and rule names in them, that suppress no finding. A rule that did not run (not selected, or turned off) is never reported as unused.',
      whyBad: 'Suppressions outlive the code they were written for. A stale one hides the next real leak on that line.',
      example: ['import numpy as np', '', 'np.random.seed(0)', 'x = np.random.rand(3)  # holdout: ignore[unseeded-rng]'].join('\n'),
      useInstead: ['import numpy as np', '', 'np.random.seed(0)', 'x = np.random.rand(3)'].join('\n'),
      fixSafety: 'Safe: the fix removes the unused rule names, or the whole directive (and its line when nothing else is on it).',
    },
  },
];
