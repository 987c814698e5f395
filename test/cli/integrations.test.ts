// The pre-commit hook and the GitHub Action point at a binary that the package really ships.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';

const read = (rel: string): string => fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');

describe('integrations', () => {
  it('.pre-commit-hooks.yaml defines the holdout hook', () => {
    const hooks = read('.pre-commit-hooks.yaml');
    assert.match(hooks, /^- id: holdout$/m);
    assert.match(hooks, /^ {2}entry: holdout check$/m);
    assert.match(hooks, /^ {2}language: node$/m);
    assert.match(hooks, /^ {2}types_or: \[python, jupyter\]$/m);
  });

  it('package.json exposes the holdout binary that the hook runs', () => {
    const pkg = JSON.parse(read('package.json')) as { bin?: Record<string, string> };
    assert.ok(pkg.bin?.holdout, 'package.json has bin.holdout');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, pkg.bin.holdout)));
  });

  it('npm pack (what pre-commit installs) ships the compiled CLI', { timeout: 120_000 }, () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const files = (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    for (const needed of ['package.json', 'server/bin/holdout.js', 'out/server/src/cli/main.js', 'out/server/src/cli/check-worker.js', 'out/rules/index.js']) {
      assert.ok(files.includes(needed), `the package lacks ${needed}`);
    }
    assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('out/test/')), 'tests are not shipped');
  });

  it('.npmrc keeps lifecycle output off npm pack stdout (pre-commit reads the tarball name there)', () => {
    assert.match(read('.npmrc'), /^foreground-scripts=false$/m);
  });

  it('action.yml runs holdout check with SARIF output and uploads it', () => {
    const action = read('action.yml');
    assert.match(action, /^ {2}using: composite$/m);
    assert.match(action, /uses: actions\/setup-node@v4/);
    assert.match(action, /holdout check --format sarif --output "\$HOLDOUT_SARIF"/);
    assert.match(action, /uses: github\/codeql-action\/upload-sarif@v3/);
    assert.match(action, /sarif_file: \$\{\{ inputs\.sarif-file \}\}/);
  });
});
