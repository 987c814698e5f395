// The ecosystem check's own tests: scoring against labels (true/false positives, misses, doubtful
// labels, unchecked rules, notebook cells), run diffs, the manifest's validation, --download from a
// local bare repository, and an end-to-end run of `npm run ecosystem` on a two-file corpus written
// for this test.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManifestEntry, readManifest } from './manifest';
import { diffRuns, RunResult, score } from './score';
import { download, expandRemote } from './download';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const MINI = path.join(FIXTURES, 'ecosystem');
const RUNNER = path.join(REPO_ROOT, 'out', 'test', 'ecosystem', 'run.js');
const entry = (labels: ManifestEntry['labels'], clean: string[] = []): ManifestEntry => ({ repo: 'o/r', commit: '0'.repeat(40), path: 'a.py', labels, clean });

test('scoring: a matching finding is a true positive, an unmatched one a false alarm, an unmatched label a miss', () => {
  const manifest = [entry([{ rule: 'fit-before-split', line: 3, note: 'scaler' }, { rule: 'fit-before-split', line: 9, note: 'imputer' }], ['unseeded-rng'])];
  const run: RunResult = { version: 1, files: { 'o/r/a.py': { findings: [
    { rule: 'fit-before-split', line: 3, message: 'm' },
    { rule: 'unseeded-rng', line: 5, message: 'm' },
    { rule: 'cudnn-determinism', line: 6, message: 'not checked on this file' },
  ] } } };
  const s = score(manifest, run);
  const fbs = s.rules.find((r) => r.rule === 'fit-before-split')!;
  assert.deepEqual([fbs.truePositives, fbs.falsePositives, fbs.falseNegatives, fbs.precision, fbs.recall], [1, 0, 1, 1, 0.5]);
  const rng = s.rules.find((r) => r.rule === 'unseeded-rng')!;
  assert.deepEqual([rng.truePositives, rng.falsePositives, rng.precision, rng.recall], [0, 1, 0, undefined]);
  assert.equal(s.rules.some((r) => r.rule === 'cudnn-determinism'), false, 'a rule the file was not checked for is not scored');
  assert.deepEqual(s.misses.map((m) => m.line), [9]);
  assert.deepEqual(s.falseAlarms.map((m) => `${m.rule}:${m.line}`), ['unseeded-rng:5']);
});

test('scoring: doubtful labels are neither required nor false alarms; cells must match', () => {
  const manifest = [entry([{ rule: 'unseeded-rng', line: 2, cell: 4, note: 'n', doubt: 'maybe seeded elsewhere' }, { rule: 'unseeded-rng', line: 2, cell: 5, note: 'n', doubt: 'd' }])];
  const run: RunResult = { version: 1, files: { 'o/r/a.py': { findings: [{ rule: 'unseeded-rng', line: 2, cell: 4, message: 'm' }, { rule: 'unseeded-rng', line: 2, cell: 6, message: 'm' }] } } };
  const rng = score(manifest, run).rules[0];
  assert.deepEqual([rng.truePositives, rng.doubtful, rng.falsePositives, rng.falseNegatives], [0, 1, 1, 0]);
});

test('scoring: files without a result are listed as unavailable, not scored', () => {
  const s = score([entry([{ rule: 'fit-before-split', line: 1, note: 'n' }])], { version: 1, files: {} });
  assert.deepEqual(s.unavailable, ['o/r/a.py']);
  assert.deepEqual(s.misses, []);
});

test('run diffs list new and vanished findings of files both runs checked', () => {
  const before: RunResult = { version: 1, files: { a: { findings: [{ rule: 'r', line: 1, message: 'x' }, { rule: 'r', line: 2, message: 'y' }] }, gone: { findings: [{ rule: 'r', line: 1, message: 'z' }] } } };
  const now: RunResult = { version: 1, files: { a: { findings: [{ rule: 'r', line: 2, message: 'y' }, { rule: 'q', line: 3, message: 'w' }] } } };
  const d = diffRuns(before, now);
  assert.deepEqual(d.added.map((m) => `${m.file}:${m.rule}:${m.line}`), ['a:q:3']);
  assert.deepEqual(d.removed.map((m) => `${m.file}:${m.rule}:${m.line}`), ['a:r:1']);
});

test('the manifest is validated line by line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-manifest-'));
  const bad = path.join(dir, 'm.jsonl');
  fs.writeFileSync(bad, JSON.stringify({ ...entry([]), commit: 'abc' }) + '\n');
  assert.throws(() => readManifest(bad), /m\.jsonl:1: commit must be 40 hex digits/);
  fs.writeFileSync(bad, JSON.stringify(entry([{ rule: 'x', line: 1, note: '' }], ['x'])) + '\n');
  assert.throws(() => readManifest(bad), /both labelled and clean/);
  fs.rmSync(dir, { recursive: true });
});

test('the shipped manifest is valid and large enough', () => {
  const manifest = readManifest(path.join(REPO_ROOT, 'test', 'ecosystem', 'manifest.jsonl'));
  assert.ok(manifest.length >= 60, `${manifest.length} files`);
  const keys = manifest.map((e) => `${e.repo}/${e.path}`);
  assert.equal(new Set(keys).size, keys.length, 'each file once');
});

test('npm run ecosystem end to end: table, false alarms, misses, missing files, baseline diff', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-run-'));
  const json = path.join(dir, 'run.json');
  const args = [RUNNER, '--corpus', path.join(MINI, 'corpus'), '--manifest', path.join(MINI, 'manifest.jsonl'), '--json', json];
  const first = spawnSync(process.execPath, args, { encoding: 'utf8' });
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /Ecosystem check: 2 of 3 files, 3 labels/);
  assert.match(first.stdout, /\| fit-before-split \| 1\.00 \| 1\.00 \| 1 \| 0 \| 0 \| 0 \|/);
  assert.match(first.stdout, /\| test-in-selection \| n\/a \| 0\.00 \| 0 \| 0 \| 1 \| 0 \|/);
  assert.match(first.stdout, /## Misses \(1\)\n- holdout-dev\/mini\/scripts\/train\.py:10: test-in-selection:/);
  assert.match(first.stdout, /## Not checked .*\n- holdout-dev\/mini\/scripts\/absent\.py/);
  // The notebook's doubtful unseeded-rng label is found at cell 2, line 2.
  assert.match(first.stdout, /\| unseeded-rng \| n\/a \| n\/a \| 0 \| 0 \| 0 \| 1 \|/);

  // A baseline with one finding fewer shows it as new.
  const saved = JSON.parse(fs.readFileSync(json, 'utf8'));
  saved.run.files['holdout-dev/mini/scripts/train.py'].findings = saved.run.files['holdout-dev/mini/scripts/train.py'].findings.filter((f: { rule: string }) => f.rule !== 'fit-before-split');
  fs.writeFileSync(json, JSON.stringify(saved));
  const second = spawnSync(process.execPath, [...args.slice(0, -2), '--baseline', json], { encoding: 'utf8' });
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /## New findings since the baseline \(1\)\n- holdout-dev\/mini\/scripts\/train\.py:7: fit-before-split/);
  assert.match(second.stdout, /\| fit-before-split \| 1\.00 \(was n\/a\) \| 1\.00 \(was 0\.00\)/);
  fs.rmSync(dir, { recursive: true });
});

test('--remote templates expand {repo}, {owner} and {name}', () => {
  assert.equal(expandRemote('https://github.com/{repo}.git', 'alice/kaggle-nb'), 'https://github.com/alice/kaggle-nb.git');
  assert.equal(expandRemote('/work/.mirror/{owner}+{name}', 'alice/kaggle-nb'), '/work/.mirror/alice+kaggle-nb');
  assert.equal(expandRemote('/m/{name}/{name}', 'a/b'), '/m/b/b');
});

test('--download reads the pinned commit and its sibling .py modules from a local bare repository', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-bare-'));
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const work = path.join(dir, 'work');
  fs.mkdirSync(path.join(work, 'src', 'util'), { recursive: true });
  git(work, 'init', '-q');
  fs.writeFileSync(path.join(work, 'src', 'train.py'), 'from util import prep\n');
  fs.writeFileSync(path.join(work, 'src', 'util', 'prep.py'), 'X = 1\n');
  fs.writeFileSync(path.join(work, 'data.csv'), 'a,b\n');
  git(work, 'add', '.');
  git(work, 'commit', '-q', '-m', 'one');
  const pinned = git(work, 'rev-parse', 'HEAD');
  fs.writeFileSync(path.join(work, 'src', 'train.py'), 'changed later\n');
  git(work, 'commit', '-q', '-am', 'two');
  git(dir, 'clone', '-q', '--bare', work, path.join(dir, 'mirror', 'holdout-dev+mini'));

  const corpus = path.join(dir, 'corpus');
  const e: ManifestEntry = { repo: 'holdout-dev/mini', commit: pinned, path: 'src/train.py', labels: [], clean: [] };
  const target = path.join(corpus, 'holdout-dev', 'mini', 'src', 'train.py');
  assert.equal(download(e, target, path.join(dir, 'mirror', '{owner}+{name}')), undefined);
  assert.equal(fs.readFileSync(target, 'utf8'), 'from util import prep\n', 'the pinned version, not the newest');
  assert.equal(fs.readFileSync(path.join(corpus, 'holdout-dev', 'mini', 'src', 'util', 'prep.py'), 'utf8'), 'X = 1\n');
  assert.equal(fs.existsSync(path.join(corpus, 'holdout-dev', 'mini', 'data.csv')), false, 'only Python modules besides the file');
  assert.equal(download({ ...e, path: 'nope.py' }, path.join(corpus, 'x.py'), path.join(dir, 'mirror', '{owner}+{name}')), 'not in that commit');
  assert.equal(download({ ...e, commit: 'f'.repeat(40) }, path.join(corpus, 'y.py'), path.join(dir, 'mirror', '{owner}+{name}')), 'commit not found');
  assert.equal(download(e, path.join(corpus, 'z.py'), path.join(dir, 'absent', '{name}')), `no git directory at ${path.join(dir, 'absent', 'mini')}`);
  // Another manifest file's siblings (at the newer commit) never take the place of a pinned file.
  const later: ManifestEntry = { ...e, commit: git(work, 'rev-parse', 'HEAD'), path: 'src/util/prep.py' };
  const corpus3 = path.join(dir, 'corpus3');
  const pinnedTarget = path.join(corpus3, 'src', 'train.py');
  assert.equal(download(later, path.join(corpus3, 'src', 'util', 'prep.py'), work, new Set([pinnedTarget])), undefined);
  assert.equal(fs.existsSync(pinnedTarget), false, 'reserved for its own entry');
  assert.equal(download(e, pinnedTarget, work), undefined);
  assert.equal(fs.readFileSync(pinnedTarget, 'utf8'), 'from util import prep\n');
  // A checkout (not bare) is read through its .git.
  const fromCheckout = path.join(dir, 'corpus2', 'src', 'train.py');
  assert.equal(download(e, fromCheckout, work), undefined);
  assert.equal(fs.readFileSync(fromCheckout, 'utf8'), 'from util import prep\n');
  fs.rmSync(dir, { recursive: true });
});
