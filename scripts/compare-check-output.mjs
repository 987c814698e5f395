#!/usr/bin/env node
// "No output changes": runs `holdout check --isolated --format json --jobs 1` of two builds on the
// examples, the rule fixtures and the generated 1,000-file corpus, and compares the outputs byte
// for byte. Usage: node scripts/compare-check-output.mjs <other-checkout> [this-checkout]
// (both built; run `node bench/generate.mjs` first for the corpus). Exit 1 on any difference.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';

const [before, after = process.cwd()] = process.argv.slice(2).map((p) => path.resolve(p));
if (!before) {
  console.error('usage: node scripts/compare-check-output.mjs <other-checkout> [this-checkout]');
  process.exit(2);
}
const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const targets = ['examples', 'test/fixtures', 'bench/corpus/throughput'].map((t) => path.join(here, t));

function check(checkout, target) {
  const run = spawnSync(process.execPath, [path.join(checkout, 'server/bin/holdout.js'), 'check', '--isolated', '--format', 'json', '--jobs', '1', target], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  return { stdout: run.stdout, status: run.status };
}

let different = 0;
for (const target of targets) {
  if (!fs.existsSync(target)) {
    console.log(`skipped ${path.relative(here, target)} (missing)`);
    continue;
  }
  const a = check(before, target);
  const b = check(after, target);
  const same = a.stdout === b.stdout && a.status === b.status;
  if (!same) different++;
  console.log(`${same ? 'same' : 'DIFFERENT'}  ${path.relative(here, target)}  (${b.stdout.length} bytes, exit ${b.status})`);
}
process.exit(different ? 1 : 0);
