// Scaling measurement in one fresh process: for each file, the best of N runs of parse alone,
// parse + toSyntax, and the full lint (parse, model, rules, fixes, suppressions), and the time of
// each phase of the lint (parse, convert, interpret, rules, suppressions, output).
//   node bench/lib/scaling-worker.mjs REPEATS FILE...   → JSON on stdout
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { parsePython, toSyntax } = require(path.join(root, 'out/server/src/parser/parser.js'));
const { lint } = require(path.join(root, 'out/server/src/engine/lint.js'));
const { placeFinding, textLocator } = require(path.join(root, 'out/server/src/cli/report.js'));
const { formatJson } = require(path.join(root, 'out/server/src/cli/formats/json.js'));

const [repeatsArg, ...files] = process.argv.slice(2);
const repeats = Number(repeatsArg) || 3;

function time(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function bestOf(n, fn) {
  let best = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < n; i++) {
    const t = time(fn);
    if (t.wall < best.wall) best = { wall: t.wall, cpu: Math.min(best.cpu, t.cpu) };
    else best.cpu = Math.min(best.cpu, t.cpu);
  }
  return best;
}

// Warm up the JIT on the smallest file.
const warm = fs.readFileSync(files[0], 'utf8');
for (let i = 0; i < 3; i++) lint({ text: warm });

const points = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const parse = bestOf(repeats, () => parsePython(text));
  const tree = parsePython(text);
  const convert = bestOf(repeats, () => toSyntax(tree));
  let findings = 0;
  const full = bestOf(repeats, () => {
    findings = lint({ text }).findings.length;
  });
  // Per phase: the medians over the repeats of one more lint with phase timing, plus the JSON
  // output of its findings (what `holdout check --format json` adds per file).
  const phaseRuns = [];
  for (let i = 0; i < repeats; i++) {
    const phases = { parse: 0, convert: 0, interpret: 0, rules: 0, suppressions: 0 };
    const result = lint({ text, phaseMs: phases });
    const t0 = performance.now();
    const locator = textLocator(result.lines);
    formatJson([{ file, findings: result.findings.map((f) => placeFinding(file, f, locator)), notes: [] }]);
    phases.output = performance.now() - t0;
    phaseRuns.push(phases);
  }
  const phaseMs = {};
  for (const phase of Object.keys(phaseRuns[0])) {
    const values = phaseRuns.map((p) => p[phase]).sort((a, b) => a - b);
    phaseMs[phase] = Number(values[values.length >> 1].toFixed(1));
  }
  points.push({
    file: path.basename(file),
    lines: text.split('\n').length - 1,
    bytes: Buffer.byteLength(text),
    findings,
    parseMs: Number(parse.wall.toFixed(1)),
    toSyntaxMs: Number(convert.wall.toFixed(1)),
    lintMs: Number(full.wall.toFixed(1)),
    lintCpuMs: Number(full.cpu.toFixed(1)),
    phaseMs,
  });
}
process.stdout.write(JSON.stringify(points));
