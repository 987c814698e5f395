// The ecosystem manifest: real public files (by reference: repository, commit, path) and our own
// hand labels of what each rule should report in them. Only references and labels live here.
import * as fs from 'node:fs';

export interface Label {
  rule: string;
  /** 1-based; relative to the cell for notebooks. */
  line: number;
  /** Notebooks: 1-based index among all cells (as `holdout check --format json`). */
  cell?: number;
  note: string;
  /** Why a reviewer could dispute the label: such a label is neither required nor a false alarm. */
  doubt?: string;
}

export interface ManifestEntry {
  repo: string;
  commit: string;
  path: string;
  kind?: 'notebook' | 'script';
  stack?: string;
  source?: string;
  labels: Label[];
  /** Rules checked on this file that should report nothing. */
  clean: string[];
}

/** Where an entry's file lives in a corpus folder: `DIR/<owner>/<name>/<path>`. */
export function corpusPath(dir: string, entry: ManifestEntry): string {
  return `${dir}/${entry.repo}/${entry.path}`;
}

/** The rules scored on a file: those it is labelled clean for and those it has labels of. */
export function checkedRules(entry: ManifestEntry): Set<string> {
  return new Set([...entry.clean, ...entry.labels.map((l) => l.rule)]);
}

/** Reads a JSON-lines manifest; a malformed line is an error naming the line. */
export function readManifest(file: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let entry: ManifestEntry;
      try {
        entry = JSON.parse(line) as ManifestEntry;
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
      }
      const problem = validate(entry);
      if (problem) throw new Error(`${file}:${i + 1}: ${problem}`);
      entries.push(entry);
    });
  return entries;
}

function validate(entry: ManifestEntry): string | undefined {
  if (typeof entry.repo !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(entry.repo)) return 'repo must be "owner/name"';
  if (typeof entry.commit !== 'string' || !/^[0-9a-f]{40}$/.test(entry.commit)) return 'commit must be 40 hex digits';
  if (typeof entry.path !== 'string' || !entry.path || entry.path.startsWith('/') || entry.path.includes('..')) return 'path must be relative';
  if (!Array.isArray(entry.labels) || !Array.isArray(entry.clean)) return 'labels and clean must be arrays';
  for (const label of entry.labels) {
    if (typeof label.rule !== 'string' || !Number.isInteger(label.line) || label.line < 1) return 'each label needs a rule and a 1-based line';
    if (label.cell !== undefined && (!Number.isInteger(label.cell) || label.cell < 1)) return 'a label cell is 1-based';
    if (entry.clean.includes(label.rule)) return `rule ${label.rule} is both labelled and clean`;
  }
  return undefined;
}
