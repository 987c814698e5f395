// SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers.
// Columns are counted in Unicode code points, as in every other output (run.columnKind says so);
// URIs are relative to %SRCROOT% (the working folder) so code scanning maps them to the repository.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { RULES } from '../../../../rules';
import { renderRuleDoc, ruleDocUrl } from '../../engine/rule-docs';
import { Rule } from '../../engine/rule';
import { META_RULES } from '../../engine/suppressions';
import { Severity } from '../../engine/types';
import { FileReport, ReportedFinding } from '../report';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

export interface SarifContext {
  /** The folder relative URIs start from (the working folder). */
  cwd: string;
  toolVersion: string;
  /** The project's `docs-url`: rules get a helpUri only when it is set. */
  docsUrl?: string;
}

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

type DescribedRule = Pick<Rule, 'id' | 'defaultSeverity' | 'docs' | 'fix'>;

function allRules(): DescribedRule[] {
  return [...RULES, ...META_RULES];
}

function ruleDescriptor(rule: DescribedRule, docsUrl: string | undefined): Sarif.ReportingDescriptor {
  const helpUri = ruleDocUrl(rule.id, docsUrl);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.docs.summary },
    fullDescription: { text: rule.docs.whatItDoes },
    ...(helpUri ? { helpUri } : {}),
    help: { text: `${rule.docs.summary} ${helpUri ? `See ${helpUri}` : `See holdout rule ${rule.id}`}`, markdown: renderRuleDoc({ ...rule, check: () => undefined }) },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: ['machine-learning', rule.id.includes('suppression') ? 'suppression' : 'correctness'] },
  };
}

/** An artifact location: relative to %SRCROOT% inside the working folder, else an absolute file URI. */
export function artifactLocation(file: string, cwd: string): Sarif.ArtifactLocation {
  const absolute = path.resolve(cwd, file);
  const rel = path.relative(cwd, absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(f: { line: number; column: number; endLine?: number; endColumn?: number }): Sarif.Region {
  return { startLine: f.line, startColumn: f.column, ...(f.endLine !== undefined ? { endLine: f.endLine, endColumn: f.endColumn } : {}) };
}

function physical(f: ReportedFinding, place: { cell?: number; line: number; column: number; endLine?: number; endColumn?: number; file?: string }, cwd: string): Sarif.PhysicalLocation {
  // A notebook cell's lines are not lines of the .ipynb file: no region, the cell goes in the message.
  const artifact = artifactLocation(place.file ?? f.file, cwd);
  return place.cell !== undefined ? { artifactLocation: artifact } : { artifactLocation: artifact, region: region(place) };
}

function result(f: ReportedFinding, ruleIndex: number, cwd: string): Sarif.Result {
  const located = (cell: number | undefined, line: number, column: number): string => (cell !== undefined ? `(cell ${cell}, line ${line}, column ${column}) ` : '');
  const out: Sarif.Result = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: located(f.cell, f.line, f.column) + f.message },
    locations: [{ physicalLocation: physical(f, f, cwd) }],
  };
  if (f.related.length) {
    out.relatedLocations = f.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: physical(f, r, cwd),
      message: { text: located(r.cell, r.line, r.column) + r.message },
    }));
  }
  if (f.fixes?.length) {
    out.fixes = f.fixes.map((fix) => ({
      description: { text: `${fix.title} (${fix.applicability} fix)` },
      artifactChanges: [
        {
          artifactLocation: artifactLocation(f.file, cwd),
          replacements: fix.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })),
        },
      ],
    }));
  }
  return out;
}

export function sarifLog(reports: FileReport[], context: SarifContext): Sarif.Log {
  const rules = allRules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const notifications: Sarif.Notification[] = reports
    .filter((r) => r.error)
    .map((r) => ({ level: 'error', message: { text: `${r.file}: ${r.error}` }, locations: [{ physicalLocation: { artifactLocation: artifactLocation(r.file, context.cwd) } }] }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'holdout',
            informationUri: 'https://github.com/holdout-dev/holdout',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            rules: rules.map((r) => ruleDescriptor(r, context.docsUrl)),
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(context.cwd + path.sep).href } },
        columnKind: 'unicodeCodePoints',
        results: reports.flatMap((r) => r.findings.map((f) => result(f, index.get(f.rule) ?? -1, context.cwd))),
      },
    ],
  };
}

export function formatSarif(reports: FileReport[], context: SarifContext): string {
  return JSON.stringify(sarifLog(reports, context), null, 2) + '\n';
}
