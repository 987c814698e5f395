// `npm run ecosystem -- --corpus DIR`: runs `holdout check` on the real public files of the
// manifest (read from DIR/<owner>/<name>/<path>) and prints per-rule precision and recall against
// the hand labels, every false alarm and every miss; `--baseline OLD.json` prints what changed
// since an earlier run (`--json` writes one); `--fixes` checks `--fix --unsafe-fixes` on a copy.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusPath, ManifestEntry, readManifest } from './manifest';
import { diffRuns, fileKey, formatMismatch, formatScoreTable, RunResult, score, Score } from './score';
import { checkFixes } from './fix-check';
import { runHoldout } from './holdout-runner';
import { download } from './download';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const USAGE = `Usage: npm run ecosystem -- --corpus DIR [options]

Options:
  --corpus DIR         Folder holding the manifest's files as DIR/<owner>/<name>/<path>
  --manifest FILE      Labelled manifest (default test/ecosystem/manifest.jsonl)
  --download           Fetch missing files into DIR with git (needs a network, or a local --remote)
  --remote TEMPLATE    Where --download reads a repository: a clone URL or a local bare git dir,
                       with {repo}, {owner}, {name} (default https://github.com/{repo}.git)
  --holdout FILE       The holdout binary to run (default this checkout's server/bin/holdout.js)
  --json FILE          Write this run's findings and scores to FILE (a later --baseline)
  --baseline FILE      Compare with an earlier --json run: score changes, new and vanished findings
  --fixes              Also apply --fix --unsafe-fixes on a copy and check the result
  --only RULES         Score only these rules (comma-separated)
  -h, --help           Show this help`;

interface Options {
  corpus: string;
  manifest: string;
  download: boolean;
  remote: string;
  holdout: string;
  json?: string;
  baseline?: string;
  fixes: boolean;
  only?: string[];
}

function options(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string' },
      manifest: { type: 'string' },
      download: { type: 'boolean', default: false },
      remote: { type: 'string' },
      holdout: { type: 'string' },
      json: { type: 'string' },
      baseline: { type: 'string' },
      fixes: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.corpus) return undefined;
  return {
    corpus: path.resolve(values.corpus),
    manifest: path.resolve(values.manifest ?? path.join(REPO_ROOT, 'test', 'ecosystem', 'manifest.jsonl')),
    download: values.download!,
    remote: values.remote ?? 'https://github.com/{repo}.git',
    holdout: path.resolve(values.holdout ?? path.join(REPO_ROOT, 'server', 'bin', 'holdout.js')),
    json: values.json,
    baseline: values.baseline,
    fixes: values.fixes!,
    only: values.only?.split(',').map((s) => s.trim()),
  };
}

function restrict(entries: ManifestEntry[], only: string[] | undefined): ManifestEntry[] {
  if (!only) return entries;
  return entries.map((e) => ({ ...e, labels: e.labels.filter((l) => only.includes(l.rule)), clean: e.clean.filter((r) => only.includes(r)) }));
}

function print(title: string, lines: string[]): void {
  process.stdout.write(`\n## ${title} (${lines.length})\n${lines.map((l) => `- ${l}`).join('\n')}${lines.length ? '\n' : ''}`);
}

export function main(argv: string[]): number {
  const opts = options(argv);
  if (!opts) {
    process.stdout.write(USAGE + '\n');
    return argv.includes('-h') || argv.includes('--help') ? 0 : 2;
  }
  const manifest = restrict(readManifest(opts.manifest), opts.only);
  const present: ManifestEntry[] = [];
  const run: RunResult = { version: 1, files: {} };
  const manifestFiles = new Set(manifest.map((e) => path.resolve(corpusPath(opts.corpus, e))));
  for (const entry of manifest) {
    const file = corpusPath(opts.corpus, entry);
    if (!fs.existsSync(file) && opts.download) {
      const problem = download(entry, file, opts.remote, manifestFiles);
      if (problem) process.stderr.write(`ecosystem: ${fileKey(entry)}: ${problem}\n`);
    }
    if (fs.existsSync(file)) present.push(entry);
  }
  const results = runHoldout(opts.holdout, present.map((e) => corpusPath(opts.corpus, e)));
  for (const entry of present) run.files[fileKey(entry)] = results.get(corpusPath(opts.corpus, entry))!;

  const now = score(manifest, run);
  let before: Score | undefined;
  let baseline: RunResult | undefined;
  if (opts.baseline) {
    baseline = JSON.parse(fs.readFileSync(opts.baseline, 'utf8')).run as RunResult;
    before = score(manifest, baseline);
  }
  const labels = manifest.reduce((n, e) => n + e.labels.length, 0);
  process.stdout.write(`# Ecosystem check: ${present.length} of ${manifest.length} files, ${labels} labels\n\n${formatScoreTable(now, before)}\n`);
  print('False alarms', now.falseAlarms.map(formatMismatch));
  print('Misses', now.misses.map(formatMismatch));
  if (now.unavailable.length) print('Not checked (missing from the corpus or unreadable)', now.unavailable);
  if (baseline) {
    const change = diffRuns(baseline, run);
    print('New findings since the baseline', change.added.map(formatMismatch));
    print('Vanished findings since the baseline', change.removed.map(formatMismatch));
  }
  let fixProblems = 0;
  if (opts.fixes) {
    const report = checkFixes(opts.holdout, present.map((e) => ({ key: fileKey(e), file: corpusPath(opts.corpus, e) })));
    process.stdout.write(`\n## Fixes (--fix --unsafe-fixes on a copy)\n${report.summary}\n`);
    for (const line of report.problems) process.stdout.write(`- ${line}\n`);
    fixProblems = report.problems.length;
  }
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ run, score: now }, null, 1) + '\n');
  return fixProblems ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
