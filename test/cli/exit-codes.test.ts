// `holdout check` exit status (0 / 1 / 2), unreadable paths, --fail-on, --exit-zero, --output,
// --quiet, --statistics and usage errors.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CLEAN, LEAKY, makeProject, rulesIn, runHoldout, WARNING_ONLY } from './cli-helpers';

const project = makeProject({ 'leaky.py': LEAKY, 'warn.py': WARNING_ONLY, 'clean.py': CLEAN, 'sub/clean2.py': CLEAN });
after(project.cleanup);
const cwd = project.dir;

describe('exit codes', () => {
  it('0 when there are no findings', () => {
    const run = runHoldout(['check', 'clean.py', 'sub'], { cwd });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'No leakage found.\n');
  });

  it('1 when there are findings', () => {
    assert.equal(runHoldout(['check', 'leaky.py'], { cwd }).status, 1);
  });

  it('2 for a missing path, with a one-line message naming it; the other files are still checked', () => {
    const run = runHoldout(['check', 'nope.py', 'leaky.py', '--format', 'json'], { cwd });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'holdout: nope.py: no such file or directory\n');
    assert.deepEqual(rulesIn(run.stdout), ['unseeded-rng@3', 'fit-before-split@6']);
  });

  it('2 for an unreadable file, named in one line', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, () => {
    const file = path.join(cwd, 'locked.py');
    fs.writeFileSync(file, CLEAN);
    fs.chmodSync(file, 0);
    try {
      const run = runHoldout(['check', 'locked.py', 'clean.py'], { cwd });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^holdout: locked\.py: cannot read: EACCES\n$/);
    } finally {
      fs.rmSync(file);
    }
  });

  it('2 for a binary file, named in one line', () => {
    fs.writeFileSync(path.join(cwd, 'bin.py'), Buffer.from([0, 1, 2, 3]));
    try {
      const run = runHoldout(['check', 'bin.py', 'clean.py'], { cwd });
      assert.equal(run.status, 2);
      assert.equal(run.stderr.trim().split('\n').length, 1);
      assert.match(run.stderr, /^holdout: bin\.py: binary file/);
    } finally {
      fs.rmSync(path.join(cwd, 'bin.py'));
    }
  });

  for (const args of [['check'], ['check', '--format', 'xml', 'a.py'], ['check', '--fail-on', 'fatal', 'a.py'], ['check', '--select', 'nope', 'a.py'], ['check', '--bogus', 'a.py'], ['check', '--jobs', '0', 'a.py'], ['check', '--statistics', '--format', 'sarif', 'a.py'], ['check', '--config', 'x.toml', '--isolated', 'a.py']]) {
    it(`2 for a usage error: ${args.slice(1).join(' ')}`, () => {
      const run = runHoldout(args, { cwd });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^holdout: /);
      assert.equal(run.stdout, '');
    });
  }
});

describe('--fail-on and --exit-zero', () => {
  it('--fail-on error ignores warnings', () => {
    assert.equal(runHoldout(['check', '--fail-on', 'error', 'warn.py'], { cwd }).status, 0);
    assert.equal(runHoldout(['check', '--fail-on', 'error', 'leaky.py'], { cwd }).status, 1);
  });

  it('--fail-on warning fails on warnings', () => {
    assert.equal(runHoldout(['check', '--fail-on', 'warning', 'warn.py'], { cwd }).status, 1);
  });

  it('--exit-zero exits 0 with findings, but 2 still reports unreadable paths', () => {
    const run = runHoldout(['check', '--exit-zero', 'leaky.py'], { cwd });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /fit-before-split/);
    assert.equal(runHoldout(['check', '--exit-zero', 'leaky.py', 'missing.py'], { cwd }).status, 2);
  });
});

describe('output options', () => {
  it('--output writes the file and nothing to stdout', () => {
    const run = runHoldout(['check', '--format', 'json', '--output', 'reports/out.json', 'leaky.py'], { cwd });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.deepEqual(rulesIn(fs.readFileSync(path.join(cwd, 'reports/out.json'), 'utf8')), ['unseeded-rng@3', 'fit-before-split@6']);
  });

  it('--quiet prints the findings without the summary', () => {
    const run = runHoldout(['check', '--quiet', 'leaky.py'], { cwd });
    assert.match(run.stdout, /^leaky\.py:3:5: warning unseeded-rng/);
    assert.doesNotMatch(run.stdout, /Found \d+ problem/);
    assert.equal(runHoldout(['check', '-q', 'clean.py'], { cwd }).stdout, '');
  });

  it('--statistics counts findings per rule', () => {
    const run = runHoldout(['check', '--statistics', 'leaky.py', 'warn.py'], { cwd });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '2  unseeded-rng      [*] 2 fixable\n1  fit-before-split  [*] 1 fixable\n');
    const json = runHoldout(['check', '--statistics', '--format', 'json', 'leaky.py', 'warn.py'], { cwd });
    assert.deepEqual(JSON.parse(json.stdout), [
      { rule: 'unseeded-rng', count: 2, fixable: 2 },
      { rule: 'fit-before-split', count: 1, fixable: 1 },
    ]);
  });

  it('no colours when stdout is not a terminal, even with FORCE_COLOR unset', () => {
    const run = runHoldout(['check', 'leaky.py'], { cwd, env: { NO_COLOR: '' } });
    assert.doesNotMatch(run.stdout, /\x1b\[/);
  });

  it('FORCE_COLOR colours, NO_COLOR wins over it', () => {
    assert.match(runHoldout(['check', 'leaky.py'], { cwd, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout, /\x1b\[31m/);
    assert.doesNotMatch(runHoldout(['check', 'leaky.py'], { cwd, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  it('--report-unused-ignores reports unused suppressions', () => {
    fs.writeFileSync(path.join(cwd, 'unused.py'), 'y = 1  # holdout: ignore[unseeded-rng]\n');
    try {
      assert.equal(runHoldout(['check', 'unused.py'], { cwd }).status, 0);
      const run = runHoldout(['check', '--report-unused-ignores', '--format', 'json', 'unused.py'], { cwd });
      assert.equal(run.status, 1);
      assert.deepEqual(rulesIn(run.stdout), ['unused-suppression@1']);
    } finally {
      fs.rmSync(path.join(cwd, 'unused.py'));
    }
  });
});
