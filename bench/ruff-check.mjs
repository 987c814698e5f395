// The peer of `holdout check` in the benchmark: Ruff's WebAssembly build linting the same files
// (its default rule selection; notebooks: their code cells joined, as bench/parse-only.mjs does).
//   node bench/ruff-check.mjs RUFF_ENTRY FOLDER                 → cold: one pass, prints the diagnostics count
//   node bench/ruff-check.mjs RUFF_ENTRY --warm REPEATS FILE...  → warm: JSON [{file, lines, ms}] on stdout
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listSources, pythonOf } from './lib/files.mjs';

const require = createRequire(import.meta.url);
const [entry, ...rest] = process.argv.slice(2);
const { Workspace, PositionEncoding } = require(entry);
const workspace = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf16);
const decoder = new TextDecoder('utf-8');

if (rest[0] === '--warm') {
  const repeats = Number(rest[1]) || 3;
  const files = rest.slice(2);
  // Warm up on the smallest file, as bench/lib/scaling-worker.mjs does for Holdout.
  const warm = fs.readFileSync(files[0], 'utf8');
  for (let i = 0; i < 3; i++) workspace.check(warm);
  const points = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    let best = Infinity;
    let diagnostics = 0;
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      diagnostics = workspace.check(text).length;
      best = Math.min(best, performance.now() - t0);
    }
    points.push({ file: path.basename(file), lines: text.split('\n').length - 1, diagnostics, ms: Number(best.toFixed(1)) });
  }
  process.stdout.write(JSON.stringify(points));
} else {
  let diagnostics = 0;
  for (const file of listSources(rest[0])) {
    const text = pythonOf(file, decoder.decode(fs.readFileSync(file)));
    diagnostics += workspace.check(text).length;
  }
  process.stdout.write(`${diagnostics}\n`);
}
