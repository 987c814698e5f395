// Fixed code runs: every fix fixture that only needs scikit-learn, pandas and NumPy is executed
// after fixing (its checked-in NAME.fixed.py), on sklearn's bundled datasets or a CSV written
// here, and must exit 0. Outside CI a missing interpreter skips; in CI (CI=true) it fails.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIX_FIXTURES, fixAll, pythonFiles, readText } from './fix-support';
import { pythonProblem, runPrograms } from './python-runner';

const RUNNABLE_MODULES = new Set(['sklearn', 'pandas', 'numpy', 'random', 'math', 'argparse']);

/** Top-level module names the program imports. */
export function importedModules(text: string): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(/^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w., ]+))/gm)) {
    const names = match[1] ? [match[1]] : match[2].split(',').map((s) => s.trim().split(/\s+/)[0]);
    for (const n of names) out.add(n.split('.')[0]);
  }
  return [...out];
}

/** A small table with a label, numeric features and missing ages (what data.csv fixtures load). */
export function sampleCsv(rows = 80): string {
  const lines = ['age,income,f1,f2,label'];
  for (let i = 0; i < rows; i++) {
    const age = i % 7 === 0 ? '' : String(20 + ((i * 13) % 50));
    const income = 1000 + ((i * 37) % 400) * 10;
    const f1 = ((i * 17) % 23) / 4;
    const f2 = ((i * 29) % 31) / 5;
    lines.push(`${age},${income},${f1},${f2},${(i * 7) % 3 === 0 ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
}

const programs = pythonFiles(FIX_FIXTURES).filter((f) => importedModules(readText(f)).every((m) => RUNNABLE_MODULES.has(m)));

test('fixed sklearn/pandas programs run', { timeout: 600_000 }, async (t) => {
  assert.ok(programs.length >= 10, `${programs.length} runnable fix fixtures`);
  const problem = pythonProblem();
  if (problem) {
    if (process.env.CI) assert.fail(`${problem} (CI needs: apt-get install -y python3-sklearn python3-pandas python3-numpy)`);
    t.skip(problem);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-fixed-runs-'));
  try {
    fs.writeFileSync(path.join(dir, 'data.csv'), sampleCsv());
    const jobs = programs.map((file) => {
      const fixed = fixAll(readText(file)).text;
      assert.equal(fixed, readText(file.replace(/\.py$/, '.fixed.py')), `${file}: expected output is stale`);
      const target = path.join(dir, path.relative(FIX_FIXTURES, file).replace(/[\\/]/g, '__'));
      fs.writeFileSync(target, fixed);
      return target;
    });
    const results = await runPrograms(jobs, dir);
    assert.equal(results.length, jobs.length);
    const failures = results.flatMap((r) => (r.ok ? [] : [`${path.basename(r.file)}: ${r.error}`]));
    assert.deepEqual(failures, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
