// Mutation fuzzer over the fixtures and examples (seeded, so a failure reproduces).
// `npm test` runs a small fixed budget; `npm run fuzz` sets HOLDOUT_FUZZ_ITERATIONS higher
// (HOLDOUT_FUZZ_SEED picks another sequence). Failing inputs are saved in test-output/fuzz/.
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpus, readText } from '../fixes/fix-support';
import { REPO_ROOT } from '../helpers/paths';
import { checkInvariants } from './invariants';
import { mutate, seeded } from './mutate';

const ITERATIONS = Number(process.env.HOLDOUT_FUZZ_ITERATIONS ?? 60);
const SEED = Number(process.env.HOLDOUT_FUZZ_SEED ?? 20261127);

test(`fuzz: ${ITERATIONS} mutated inputs (seed ${SEED})`, { timeout: Math.max(120_000, ITERATIONS * 2_000) }, (t) => {
  const sources = corpus().map((file) => ({ file, text: readText(file) }));
  const rnd = seeded(SEED);
  let findings = 0;
  let fixes = 0;
  let slowest = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const source = sources[Math.floor(rnd() * sources.length)];
    const input = mutate(source.text, rnd);
    try {
      const checked = checkInvariants(input, { fixAll: i % 4 === 0, applyEach: i % 2 === 0, timeLimitMs: 10_000 });
      findings += checked.findings;
      fixes += checked.fixes;
      slowest = Math.max(slowest, checked.ms);
    } catch (e) {
      const dir = path.join(REPO_ROOT, 'test-output', 'fuzz');
      fs.mkdirSync(dir, { recursive: true });
      const saved = path.join(dir, `seed-${SEED}-input-${i}.py`);
      fs.writeFileSync(saved, input);
      throw new Error(`input ${i} (a mutation of ${path.relative(REPO_ROOT, source.file)}), saved as ${saved}: ${(e as Error).stack}`);
    }
  }
  t.diagnostic(`${ITERATIONS} inputs, ${findings} findings, ${fixes} fixes checked, slowest analysis ${slowest} ms`);
});
