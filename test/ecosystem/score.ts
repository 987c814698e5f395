// Scoring Holdout's findings against the hand labels, and comparing two runs.
import { checkedRules, Label, ManifestEntry } from './manifest';

/** One finding as `holdout check --format json` prints it (the fields scoring needs). */
export interface FoundItem {
  rule: string;
  line: number;
  cell?: number;
  message: string;
}

/** What one run found in each manifest file (keyed by `repo/path`). */
export interface RunResult {
  version: 1;
  files: Record<string, { findings: FoundItem[]; error?: string }>;
}

export interface RuleScore {
  rule: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Findings on doubtful labels: counted neither way. */
  doubtful: number;
  precision: number | undefined;
  recall: number | undefined;
}

export interface Mismatch {
  file: string;
  rule: string;
  line: number;
  cell?: number;
  text: string;
}

export interface Score {
  rules: RuleScore[];
  falseAlarms: Mismatch[];
  misses: Mismatch[];
  /** Manifest files that the run has no result for (missing from the corpus, unreadable…). */
  unavailable: string[];
}

export const fileKey = (entry: ManifestEntry): string => `${entry.repo}/${entry.path}`;

const sameSpot = (a: { line: number; cell?: number }, b: { line: number; cell?: number }): boolean => a.line === b.line && (a.cell ?? 0) === (b.cell ?? 0);

export function score(manifest: readonly ManifestEntry[], run: RunResult): Score {
  const tallies = new Map<string, RuleScore>();
  const tally = (rule: string): RuleScore => {
    let t = tallies.get(rule);
    if (!t) tallies.set(rule, (t = { rule, truePositives: 0, falsePositives: 0, falseNegatives: 0, doubtful: 0, precision: undefined, recall: undefined }));
    return t;
  };
  const falseAlarms: Mismatch[] = [];
  const misses: Mismatch[] = [];
  const unavailable: string[] = [];
  for (const entry of manifest) {
    const file = fileKey(entry);
    const result = run.files[file];
    if (!result || result.error !== undefined) {
      unavailable.push(result?.error ? `${file} (${result.error})` : file);
      continue;
    }
    const checked = checkedRules(entry);
    for (const rule of checked) tally(rule);
    const matched = new Set<Label>();
    for (const found of result.findings) {
      if (!checked.has(found.rule)) continue;
      const label = entry.labels.find((l) => l.rule === found.rule && sameSpot(l, found));
      if (label) {
        matched.add(label);
        if (label.doubt) tally(found.rule).doubtful++;
        else tally(found.rule).truePositives++;
      } else {
        tally(found.rule).falsePositives++;
        falseAlarms.push({ file, rule: found.rule, line: found.line, cell: found.cell, text: found.message });
      }
    }
    for (const label of entry.labels) {
      if (matched.has(label) || label.doubt) continue;
      tally(label.rule).falseNegatives++;
      misses.push({ file, rule: label.rule, line: label.line, cell: label.cell, text: label.note });
    }
  }
  const rules = [...tallies.values()].sort((a, b) => a.rule.localeCompare(b.rule));
  for (const t of rules) {
    const found = t.truePositives + t.falsePositives;
    const expected = t.truePositives + t.falseNegatives;
    t.precision = found ? t.truePositives / found : undefined;
    t.recall = expected ? t.truePositives / expected : undefined;
  }
  return { rules, falseAlarms, misses, unavailable };
}

export interface RunDiff {
  added: Mismatch[];
  removed: Mismatch[];
}

/** Findings that appear in `now` but not in `before`, and the other way round. */
export function diffRuns(before: RunResult, now: RunResult): RunDiff {
  const key = (f: FoundItem): string => `${f.rule}@${f.cell ?? 0}:${f.line}`;
  const items = (run: RunResult): Map<string, Mismatch> => {
    const out = new Map<string, Mismatch>();
    for (const [file, result] of Object.entries(run.files)) {
      for (const f of result.findings) out.set(`${file}#${key(f)}`, { file, rule: f.rule, line: f.line, cell: f.cell, text: f.message });
    }
    return out;
  };
  const a = items(before);
  const b = items(now);
  const shared = (file: string): boolean => file in before.files && file in now.files;
  return {
    added: [...b].filter(([k, m]) => !a.has(k) && shared(m.file)).map(([, m]) => m),
    removed: [...a].filter(([k, m]) => !b.has(k) && shared(m.file)).map(([, m]) => m),
  };
}

const ratio = (x: number | undefined): string => (x === undefined ? 'n/a' : x.toFixed(2));

export function formatScoreTable(s: Score, previous?: Score): string {
  const rows = ['| rule | precision | recall | TP | FP | FN | doubtful |', '|---|---|---|---|---|---|---|'];
  for (const r of s.rules) {
    const old = previous?.rules.find((p) => p.rule === r.rule);
    const was = (now: number | undefined, then: number | undefined): string => (old && then !== now ? `${ratio(now)} (was ${ratio(then)})` : ratio(now));
    rows.push(`| ${r.rule} | ${was(r.precision, old?.precision)} | ${was(r.recall, old?.recall)} | ${r.truePositives} | ${r.falsePositives} | ${r.falseNegatives} | ${r.doubtful} |`);
  }
  return rows.join('\n');
}

export function formatMismatch(m: Mismatch): string {
  return `${m.file}:${m.cell ? `cell ${m.cell}:` : ''}${m.line}: ${m.rule}: ${m.text}`;
}
