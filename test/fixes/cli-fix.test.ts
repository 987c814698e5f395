// `holdout check --fix / --unsafe-fixes / --diff` on real files in a temporary folder.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOLDOUT_BIN } from '../helpers/paths';
import { FIX_FIXTURES, fixAll, readText } from './fix-support';

// Safe fixes (fit-before-split, unseeded-rng) and an unsafe one (test-in-selection).
const SOURCE = readText(path.join(FIX_FIXTURES, 'test-in-selection', 'tabs.py')).replace('random_state=0', 'test_size=0.25');

function holdout(args: string[], cwd: string, extra: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [HOLDOUT_BIN, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...extra });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function workspace(text = SOURCE): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-cli-fix-'));
  const file = path.join(dir, 'train.py');
  fs.writeFileSync(file, text);
  return { dir, file };
}

test('--fix writes the safe fixes and reports applied and held-back counts', () => {
  const { dir, file } = workspace();
  const r = holdout(['--fix', 'train.py'], dir);
  assert.equal(fs.readFileSync(file, 'utf8'), fixAll(SOURCE, false).text);
  assert.notEqual(fs.readFileSync(file, 'utf8'), SOURCE);
  assert.match(r.stderr, /applied 2 fixes; 1 unsafe fix held back \(use --unsafe-fixes\)/);
  assert.match(r.stdout, /test-in-selection/); // still reported: its fix is unsafe
  assert.equal(r.status, 1);
  fs.rmSync(dir, { recursive: true });
});

test('--fix --unsafe-fixes applies every fix', () => {
  const { dir, file } = workspace();
  const r = holdout(['--fix', '--unsafe-fixes', 'train.py'], dir);
  assert.equal(fs.readFileSync(file, 'utf8'), fixAll(SOURCE, true).text);
  assert.match(r.stderr, /applied 3 fixes\./);
  assert.doesNotMatch(r.stderr, /held back/);
  assert.equal(r.status, 0, r.stdout);
  fs.rmSync(dir, { recursive: true });
});

test('--diff prints a unified diff and writes nothing', () => {
  const { dir, file } = workspace();
  const before = fs.statSync(file).mtimeMs;
  const r = holdout(['--diff', '--unsafe-fixes', 'train.py'], dir);
  assert.equal(fs.readFileSync(file, 'utf8'), SOURCE);
  assert.equal(fs.statSync(file).mtimeMs, before);
  assert.match(r.stdout, /^--- train\.py/m);
  assert.match(r.stdout, /^\+\tX_tr, X_val, y_tr, y_val = train_test_split\(X_train, y_train, test_size=0\.2, random_state=42\)$/m);
  assert.match(r.stdout, /^-\tX_scaled = scaler\.fit_transform\(X\)$/m);
  assert.match(r.stderr, /would apply 3 fixes/);
  fs.rmSync(dir, { recursive: true });
});

test('--fix keeps CRLF line endings and a UTF-8 BOM', () => {
  const crlf = '\ufeff' + readText(path.join(FIX_FIXTURES, 'unseeded-rng', 'crlf.py'));
  const { dir, file } = workspace();
  fs.writeFileSync(file, Buffer.from(crlf, 'utf8'));
  holdout(['--fix', 'train.py'], dir);
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  assert.equal(text, readText(path.join(FIX_FIXTURES, 'unseeded-rng', 'crlf.fixed.py')));
  fs.rmSync(dir, { recursive: true });
});

test('a file that cannot be written is reported and left untouched', () => {
  const { dir, file } = workspace();
  let extra: SpawnSyncOptions = {};
  if (process.getuid?.() === 0) {
    // root writes read-only files: run the CLI as an unprivileged user instead.
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(file, 0o644);
    extra = { uid: 65534, gid: 65534 };
  } else {
    fs.chmodSync(file, 0o444);
  }
  const r = holdout(['--fix', 'train.py'], dir, extra);
  assert.equal(fs.readFileSync(file, 'utf8'), SOURCE);
  assert.match(r.stderr, /train\.py: cannot write: E(ACCES|PERM).*left untouched/);
  assert.equal(r.status, 2);
  fs.rmSync(dir, { recursive: true, force: true });
});
