// The bundled CLI (dist/cli/, scripts/bundle.mjs), which server/bin/holdout.js runs when it is
// there; the rest of the suite runs the compiled sources (HOLDOUT_FROM_SOURCES, set by
// scripts/run-tests.mjs). The bundle is run from a copy laid out like an install with no
// package.json and no compiled sources beside it, so nothing can quietly come from out/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, EXAMPLES, HOLDOUT_BIN, REPO_ROOT } from '../helpers/paths';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'cli');
const skip = !fs.existsSync(path.join(BUNDLE, 'holdout.js')) && 'dist/cli not built';

/** root/{server/bin/holdout.js, dist/cli/*.js, out/server/src/cli/code-cache.js, node_modules →} */
function install(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-cli-bundle-'));
  const copy = (from: string, to: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
    fs.copyFileSync(from, path.join(root, to));
  };
  copy(HOLDOUT_BIN, 'server/bin/holdout.js');
  copy(path.join(BUNDLE, 'holdout.js'), 'dist/cli/holdout.js');
  copy(path.join(BUNDLE, 'check-worker.js'), 'dist/cli/check-worker.js');
  copy(path.join(REPO_ROOT, 'out', 'server', 'src', 'cli', 'code-cache.js'), 'out/server/src/cli/code-cache.js');
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

function run(bin: string, args: string[], fromSources: boolean): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, NO_COLOR: '1', HOLDOUT_FROM_SOURCES: fromSources ? '1' : '' };
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: REPO_ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the bundled CLI: --version, and check output byte-identical to the sources, with --jobs 2 workers', { skip, timeout: 120_000 }, () => {
  const root = install();
  try {
    const bin = path.join(root, 'server', 'bin', 'holdout.js');
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(run(bin, ['--version'], false), { status: 0, stdout: `${version}\n`, stderr: '' });
    assert.ok(fs.existsSync(path.join(root, 'dist', 'cli', 'holdout.js.cache')), 'the bundle ran (it wrote its code cache)');

    for (const folder of [EXAMPLES, FIXTURES]) {
      const sources = run(HOLDOUT_BIN, ['check', folder, '-q', '--format', 'json', '--jobs', '1'], true);
      for (const jobs of ['1', '2']) {
        const bundled = run(bin, ['check', folder, '-q', '--format', 'json', '--jobs', jobs], false);
        assert.equal(bundled.stderr, sources.stderr, `${folder} --jobs ${jobs}: stderr`);
        assert.equal(bundled.status, sources.status, `${folder} --jobs ${jobs}: exit status`);
        assert.ok(bundled.stdout === sources.stdout, `${folder} --jobs ${jobs}: the output differs from the sources'`);
      }
    }
    const sarif = run(bin, ['check', path.join(EXAMPLES, 'churn_clean.py'), '--format', 'sarif'], false);
    assert.equal((JSON.parse(sarif.stdout) as { runs: { tool: { driver: { version: string } } }[] }).runs[0].tool.driver.version, version);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the compiled sources run instead of a bundle older than the last tsc build, or with HOLDOUT_FROM_SOURCES', { skip }, () => {
  const root = install();
  try {
    const bin = path.join(root, 'server', 'bin', 'holdout.js');
    const main = path.join(root, 'out', 'server', 'src', 'cli', 'main.js');
    fs.writeFileSync(main, "exports.main = async () => { process.stdout.write('sources\\n'); return 0; };\n");
    assert.equal(run(bin, ['--version'], true).stdout, 'sources\n');
    assert.match(run(bin, ['--version'], false).stdout, /^\d+\.\d+\.\d+\n$/);
    const later = new Date(fs.statSync(path.join(root, 'dist', 'cli', 'holdout.js')).mtimeMs + 10_000);
    fs.writeFileSync(path.join(root, 'out', '.tsbuildinfo'), '{}');
    fs.utimesSync(path.join(root, 'out', '.tsbuildinfo'), later, later);
    assert.equal(run(bin, ['--version'], false).stdout, 'sources\n');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
