// What a rule is: its id, its documentation, and a query over the semantic model.
import { PyNode, SourceText } from '../parser/syntax';
import { ProgramModel } from '../semantic/model';
import { Finding, Fix, RelatedSpan, Severity, SeveritySetting } from './types';
import { HoldoutConfig } from './config';

/** The sections every rule documents (they feed `holdout rule`, hover and docs/rules/*.md). */
export interface RuleDocs {
  /** One line: what the rule reports. */
  summary: string;
  whatItDoes: string;
  /** Why it is bad, in the terms of the leakage reference. */
  whyBad: string;
  /** Leaky code the rule reports. */
  example: string;
  /** The same code written correctly (the rule is silent on it). */
  useInstead: string;
  fixSafety: string;
}

export interface RuleContext {
  readonly model: ProgramModel;
  readonly source: SourceText;
  /** The seed value fixes write (configuration `seed`, default 42). */
  readonly seed: number;
  readonly config: HoldoutConfig;
  /** Name endings of columns known only after the outcome (`outcome-suffixes`; empty: no hints). */
  readonly outcomeSuffixes: readonly string[];
  report(finding: RuleReport): void;
}

export interface RuleReport {
  node: PyNode;
  message: string;
  related?: { node: PyNode; message: string }[];
  fixes?: Fix[];
  /** This finding's own severity (default: the rule's; `off`: not reported); a severity configured for the rule wins. */
  severity?: SeveritySetting;
}

/** The related location of an event that happened inside another module (none for the file's own). */
export function withinRelated(event: { within?: { node: PyNode } }, message: string): { node: PyNode; message: string }[] {
  return event.within ? [{ node: event.within.node, message }] : [];
}

export interface Rule {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** Which fixes the rule can offer. */
  readonly fix: 'safe' | 'unsafe' | 'safe-and-unsafe' | 'none';
  readonly docs: RuleDocs;
  check(context: RuleContext): void;
}

export function toFinding(rule: Rule, report: RuleReport, severity: Severity, placed?: { node: PyNode; related: RelatedSpan[]; fixes: Fix[] }): Finding {
  const related: RelatedSpan[] = placed?.related ?? (report.related ?? []).map((r) => ({ span: { start: r.node.start, end: r.node.end }, message: r.message }));
  const node = placed?.node ?? report.node;
  return {
    rule: rule.id,
    message: report.message,
    span: { start: node.start, end: node.end },
    severity,
    related,
    fixes: placed?.fixes ?? report.fixes ?? [],
  };
}
