// Runs the unit, fixture, CLI and protocol tests (out/test/**/*.test.js) with node's test
// runner. The real-editor tests under test/e2e run separately (npm run test:e2e).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'e2e' && entry.name !== 'fixtures') find(full, out);
    } else if (entry.name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const files = find('out/test').sort();
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
// server/bin/holdout.js runs the compiled sources, not the bundle: the tests test the sources
// (test/cli/bundle.test.ts runs the bundle).
const env = { ...process.env, HOLDOUT_FROM_SOURCES: '1' };
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...selected], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
