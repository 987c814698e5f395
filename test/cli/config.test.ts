// Configuration through the CLI: discovery per file, precedence of flags, exclude,
// per-file-ignores, --config, --isolated, and configuration errors (exit 2).
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { LEAKY, makeProject, rulesIn, runHoldout, WARNING_ONLY } from './cli-helpers';

const project = makeProject({
  'pyproject.toml': ['[project]', 'name = "demo"', '', '[tool.holdout]', 'ignore = ["unseeded-rng"]', 'exclude = ["legacy"]', '', '[tool.holdout.per-file-ignores]', '"scripts/**" = ["fit-before-split"]', ''].join('\n'),
  'train.py': LEAKY,
  'scripts/explore.py': LEAKY,
  'legacy/old.py': LEAKY,
  'lab/holdout.toml': '[severity]\nunseeded-rng = "info"\n',
  'lab/exp.py': LEAKY,
  'alt.toml': 'select = ["unseeded-rng"]\n',
  'bad/holdout.toml': 'selct = ["unseeded-rng"]\n',
  'bad/a.py': WARNING_ONLY,
  'syntax/pyproject.toml': '[tool.holdout]\nseed = \n',
  'syntax/a.py': WARNING_ONLY,
});
after(project.cleanup);
const cwd = project.dir;

function check(args: string[]): { status: number | null; found: string[]; stderr: string } {
  const run = runHoldout(['check', '--format', 'json', ...args], { cwd });
  return { status: run.status, found: run.stdout ? rulesIn(run.stdout) : [], stderr: run.stderr };
}

function diagnostics(args: string[]): { file: string; rule: string; severity: string }[] {
  return JSON.parse(runHoldout(['check', '--format', 'json', ...args], { cwd }).stdout).diagnostics;
}

describe('configuration in the CLI', () => {
  it('uses [tool.holdout] of the nearest pyproject.toml', () => {
    assert.deepEqual(check(['train.py']).found, ['fit-before-split@6']);
  });

  it('per-file-ignores apply to matching files only', () => {
    const found = diagnostics(['train.py', 'scripts']).map((d) => `${d.file}:${d.rule}`);
    assert.deepEqual(found, ['train.py:fit-before-split']);
  });

  it('exclude skips folders when searching and files named on the command line', () => {
    const files = diagnostics(['train.py', 'legacy', 'scripts', 'lab', '--select', 'fit-before-split']).map((d) => d.file.split('\\').join('/'));
    assert.deepEqual(files, ['train.py', 'lab/exp.py']); // scripts/: per-file-ignores hold under --select
    assert.deepEqual(diagnostics(['legacy/old.py']), []);
  });

  it('a nearer holdout.toml replaces the outer configuration', () => {
    const found = diagnostics(['lab/exp.py']).map((d) => `${d.rule}:${d.severity}`);
    assert.deepEqual(found, ['unseeded-rng:info', 'fit-before-split:error']);
  });

  it('command-line --select overrides the file (including its ignore)', () => {
    assert.deepEqual(check(['--select', 'unseeded-rng', 'train.py']).found, ['unseeded-rng@3']);
  });

  it('command-line --ignore adds to the file', () => {
    assert.deepEqual(check(['--ignore', 'fit-before-split', 'train.py']), { status: 0, found: [], stderr: '' });
  });

  it('--config uses one file for every path', () => {
    assert.deepEqual(check(['--config', 'alt.toml', 'train.py', 'lab/exp.py']).found, ['unseeded-rng@3', 'unseeded-rng@3']);
  });

  it('--isolated ignores every config file', () => {
    assert.deepEqual(check(['--isolated', 'train.py', 'legacy/old.py']).found, ['unseeded-rng@3', 'fit-before-split@6', 'unseeded-rng@3', 'fit-before-split@6']);
  });

  it('an unknown key is an error naming the file and key (exit 2)', () => {
    const run = check(['bad/a.py']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^holdout: .*bad[/\\]holdout\.toml: selct: unknown key; known keys: select, ignore, severity, exclude, seed, per-file-ignores(, [a-z-]+)*\n$/);
  });

  it('a TOML syntax error is an error naming the file and line (exit 2)', () => {
    const run = check(['syntax/a.py']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^holdout: .*syntax[/\\]pyproject\.toml: TOML syntax error at line 2, column \d+: .*\n$/);
  });

  it('a missing --config file is an error (exit 2)', () => {
    const run = check(['--config', 'missing.toml', 'train.py']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /missing\.toml: cannot read config file: ENOENT/);
  });
});
