// One entry point from text to findings: parse, build the semantic model, run the enabled
// rules, apply severities and suppression comments.
import { knownSyntaxErrors, parsePython, toSyntax, Tree } from '../parser/parser';
import { PyNode, SourceText } from '../parser/syntax';
import { buildModel, ModelSession, ProgramModel } from '../semantic/model';
import { ModuleHost } from '../semantic/modules';
import { placeReport } from './other-modules';
import { RULES } from '../../../rules';
import { DEFAULT_CONFIG, DEFAULT_OUTCOME_SUFFIXES, HoldoutConfig } from './config';
import { Rule, RuleReport, toFinding } from './rule';
import { applySuppressions, findSuppressions, INVALID_SUPPRESSION, META_RULE_IDS, metaSeverity, Suppression, suppressionFindings, UNUSED_SUPPRESSION } from './suppressions';
import { LineIndex } from './text';
import { DEFAULT_GROUP_COLUMNS } from '../ml/tables';
import { Finding, Severity } from './types';

export interface LintInput {
  text: string;
  /** A tree for `text` (the language server keeps one per document and reparses incrementally). */
  tree?: Tree;
  /** The line index of `text`, when the caller keeps one (the language server's document does). */
  lines?: LineIndex;
  /** The converted syntax tree of `text` (the CLI shares one parse of a module between its own check and its importers'). */
  root?: PyNode;
  config?: HoldoutConfig;
  /** Rules disabled for this file in addition to the configuration (per-file-ignores). */
  extraIgnores?: readonly string[];
  /** Record values for hover. */
  recordValues?: boolean;
  /** When given, milliseconds spent in each phase are added to it (for the benchmark). */
  phaseMs?: PhaseTimes;
  /** The project's own modules, so imports of them are followed. */
  modules?: ModuleHost;
  /**
   * The file is a library module (other files import it, it has no `__main__` block): what its
   * functions do is judged, and reported, where entry points call them; it gets no findings itself.
   */
  library?: boolean;
  /** The document's analysis session: the interpretation resumes at the first changed top-level statement. */
  session?: ModelSession;
}

/** Where lint() spends its time: parse, convert (toSyntax), interpret (buildModel), rules (with their fixes), suppressions. */
export type PhaseTimes = Record<'parse' | 'convert' | 'interpret' | 'rules' | 'suppressions', number>;

export interface LintResult {
  findings: Finding[];
  model: ProgramModel;
  lines: LineIndex;
  suppressions: Suppression[];
  /** The parser had to recover from syntax errors; findings cover what could be analysed. */
  hasSyntaxErrors: boolean;
  /** Undefined when the input gave a converted `root`. */
  tree?: Tree;
  root: PyNode;
}

export function enabledRules(config: HoldoutConfig, extraIgnores: readonly string[] = []): { rule: Rule; severity: Severity }[] {
  const out: { rule: Rule; severity: Severity }[] = [];
  for (const rule of RULES) {
    if (config.select && !config.select.includes(rule.id)) continue;
    if (config.ignore.includes(rule.id) || extraIgnores.includes(rule.id)) continue;
    const setting = config.severity[rule.id] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    out.push({ rule, severity: setting });
  }
  return out;
}

export function lint(input: LintInput): LintResult {
  const config = input.config ?? DEFAULT_CONFIG;
  const phases = input.phaseMs;
  let mark = phases ? performance.now() : 0;
  const lap = (phase: keyof PhaseTimes): void => {
    if (!phases) return;
    const now = performance.now();
    phases[phase] += now - mark;
    mark = now;
  };
  const tree = input.root ? undefined : input.tree ?? parsePython(input.text);
  lap('parse');
  const root = input.root ?? toSyntax(tree!);
  lap('convert');
  const source = new SourceText(input.text);
  // Shared with the fixes (LineIndex.of) and the caller: one index per text, not one each.
  const lines = LineIndex.of(input.text, input.lines);
  // A library module reports nothing itself: its own imports need not be followed.
  const model = buildModel(root, source, { recordValues: input.recordValues, modules: input.library ? undefined : input.modules }, input.session);
  lap('interpret');
  let findings: Finding[] = [];
  const enabled = input.library ? [] : enabledRules(config, input.extraIgnores);
  for (const { rule, severity } of enabled) {
    const seen = new Set<string>();
    // A finding may carry its own severity (a hint, a milder case); a configured severity wins.
    const configured = config.severity[rule.id] !== undefined;
    rule.check({
      model,
      source,
      seed: config.seed,
      groupColumns: [...(config.groupColumns ?? DEFAULT_GROUP_COLUMNS), ...(config.extendGroupColumns ?? [])],
      datetimeHeuristics: config.datetimeHeuristics ?? true,
      config,
      outcomeSuffixes: config.outcomeSuffixes ?? DEFAULT_OUTCOME_SUFFIXES,
      report: (report: RuleReport) => {
        const placed = placeReport(model, report, input.text);
        const key = `${placed.node.start}:${placed.node.end}`;
        if (seen.has(key)) return; // a helper called twice reports its line once
        seen.add(key);
        if (report.severity === 'off') return;
        findings.push(toFinding(rule, report, configured ? severity : report.severity ?? severity, placed));
      },
    });
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  lap('rules');
  const suppressions = findSuppressions(root, input.text, lines);
  findings = applySuppressions(findings, suppressions, root, lines);
  const meta = suppressionFindings(suppressions, lines, {
    knownRules: [...RULES.map((r) => r.id), ...META_RULE_IDS],
    ranRules: enabled.map((e) => e.rule.id),
    invalid: metaSeverity(INVALID_SUPPRESSION, config, input.extraIgnores),
    unused: metaSeverity(UNUSED_SUPPRESSION, config, input.extraIgnores),
  });
  if (meta.length) findings = [...findings, ...meta].sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  lap('suppressions');
  return { findings, model, lines, suppressions, hasSyntaxErrors: root.children.length > 0 && hasError(root), tree, root };
}

function hasError(root: PyNode): boolean {
  const known = knownSyntaxErrors(root); // the conversion saw every node already
  if (known !== undefined) return known;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.missing) return true;
    for (const child of node.children) stack.push(child); // not push(...): 100k children overflow the stack
  }
  return false;
}
