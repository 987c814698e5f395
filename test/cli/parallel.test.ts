// Many files: worker-thread runs give byte-identical output to serial runs, in every format.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultJobs, PARALLEL_THRESHOLD } from '../../server/src/cli/run-checks';
import { CLEAN, LEAKY, makeProject, runHoldout, WARNING_ONLY } from './cli-helpers';

// 30 files of varied size in nested folders, so workers finish out of order.
const files: Record<string, string> = {};
for (let i = 0; i < 30; i++) {
  const body = [LEAKY, WARNING_ONLY, CLEAN][i % 3];
  const padding = Array.from({ length: (i * 37) % 200 }, (_, k) => `v${k} = ${k}`).join('\n');
  files[`pkg${i % 4}/mod_${String(i).padStart(2, '0')}.py`] = i % 5 === 0 ? `${padding}\n${body}` : `${body}\n${padding}\n`;
}
files['pkg0/broken.py'] = 'def f(:\n    x = np.random.rand(3)\n';
const project = makeProject(files);
after(project.cleanup);

describe('parallel checking', () => {
  it('uses workers only for many files', () => {
    assert.equal(defaultJobs(PARALLEL_THRESHOLD), 1);
    assert.ok(defaultJobs(1000) >= 1);
  });

  for (const format of ['json', 'text', 'sarif', 'github']) {
    it(`--jobs 3 output is byte-identical to --jobs 1 (${format})`, () => {
      const serial = runHoldout(['check', '--format', format, '--jobs', '1', '.'], { cwd: project.dir });
      const parallel = runHoldout(['check', '--format', format, '--jobs', '3', '.'], { cwd: project.dir });
      assert.equal(serial.status, 1, serial.stderr);
      assert.equal(parallel.status, serial.status);
      assert.ok(serial.stdout.length > 1000);
      assert.equal(parallel.stdout, serial.stdout);
      assert.equal(parallel.stderr, serial.stderr);
    });
  }

  it('the default (parallel for this many files) matches serial too, and is sorted', () => {
    const serial = runHoldout(['check', '--format', 'json', '--jobs', '1', '.'], { cwd: project.dir });
    const auto = runHoldout(['check', '--format', 'json', '.'], { cwd: project.dir });
    assert.equal(auto.stdout, serial.stdout);
    const order = (JSON.parse(auto.stdout).diagnostics as { file: string }[]).map((d) => d.file);
    const unique = order.filter((f, i) => order.indexOf(f) === i);
    assert.deepEqual(unique, [...unique].sort());
  });

  it('--fix in parallel gives the same files as serially', () => {
    const a = makeProject(files);
    const b = makeProject(files);
    try {
      runHoldout(['check', '--fix', '--jobs', '1', '.'], { cwd: a.dir });
      runHoldout(['check', '--fix', '--jobs', '3', '.'], { cwd: b.dir });
      let changed = 0;
      for (const rel of Object.keys(files)) {
        const fixed = fs.readFileSync(path.join(a.dir, rel), 'utf8');
        assert.equal(fs.readFileSync(path.join(b.dir, rel), 'utf8'), fixed, rel);
        if (fixed !== files[rel]) changed++;
      }
      assert.ok(changed > 0, 'some files were fixed');
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });
});
