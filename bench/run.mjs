// `npm run bench`: generates the corpus, runs every measurement against the built CLI and
// language server (server/bin/holdout.js: the bundle in dist/cli/ when built, else out/), prints
// one table and writes bench/results.json (schema: README.md).
//
//   node bench/run.mjs [--only throughput,scaling,editor,startup,memory,project,peer] [--quick] [--memory-files DIR]
//
// Numbers are figures to read and compare run to run, not assertions.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { generate, THROUGHPUT_FILES, SCALING_LINES, EDITOR_LINES } from './generate.mjs';
import { listSources } from './lib/files.mjs';
import { generateProject } from './lib/project.mjs';
import { ensureRuff, RUFF_PACKAGE, RUFF_VERSION } from './lib/ruff-peer.mjs';
import { LspClient, processCpuMs, processMemory } from './lib/lsp-client.mjs';
import { median, percentile, powerLawExponent, round } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
const CORPUS = path.join(HERE, 'corpus');
const BIN = path.join(ROOT, 'server/bin/holdout.js');
const MEASURE = path.join(HERE, 'lib/measure.cjs');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? new Set(args[onlyArg + 1].split(',')) : undefined;
const want = (section) => !only || only.has(section);

/** The language server's debounce, read from the build: 0 since the server analyses at once when idle (no DEBOUNCE_MS). */
function serverDebounceMs() {
  try {
    const js = fs.readFileSync(path.join(ROOT, 'out/server/src/lsp/server.js'), 'utf8');
    return Number(/const DEBOUNCE_MS = (\d+)/.exec(js)?.[1] ?? 0);
  } catch {
    return NaN;
  }
}

function cores() {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

/** Runs `node [--require measure] script args`; answers wall time, CPU time, peak RSS, stdout. */
function timeNode(script, scriptArgs, { stdoutFile, env = {} } = {}) {
  const measureOut = path.join(os.tmpdir(), `holdout-bench-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
    const start = performance.now();
    const child = spawn(process.execPath, ['--require', MEASURE, script, ...scriptArgs], {
      cwd: ROOT,
      stdio: ['ignore', out, 'pipe'],
      env: { ...process.env, ...env, BENCH_MEASURE_OUT: measureOut, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - start;
      if (typeof out === 'number') fs.closeSync(out);
      let measured = { cpuMs: NaN, maxRssKb: NaN };
      try {
        measured = JSON.parse(fs.readFileSync(measureOut, 'utf8'));
        fs.rmSync(measureOut);
      } catch {
        /* the process died before writing */
      }
      if (code !== 0 && code !== 1) return reject(new Error(`${path.basename(script)} ${scriptArgs.join(' ')} exited ${code}\n${stderr.slice(-2000)}`));
      resolve({ wallMs, cpuMs: measured.cpuMs, peakRssMb: measured.maxRssKb / 1024, exitCode: code });
    });
  });
}

async function best(times, run) {
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await run());
  runs.sort((a, b) => a.wallMs - b.wallMs);
  return { ...runs[0], runs: runs.map((r) => round(r.wallMs, 0)) };
}

// ---------------------------------------------------------------- sections

async function throughput(corpusInfo) {
  const folder = path.join(CORPUS, 'throughput');
  const files = corpusInfo.files.filter((f) => f.set === 'throughput');
  const bytes = files.reduce((a, f) => a + f.bytes, 0);
  const repeats = quick ? 1 : 2;
  const rate = (r) => ({ ...r, filesPerSec: round(files.length / (r.wallMs / 1000), 1), mbPerSec: round(bytes / 1e6 / (r.wallMs / 1000), 2) });
  const findingsFile = path.join(os.tmpdir(), `holdout-bench-findings-${process.pid}.json`);

  log(`throughput: parse-only over ${files.length} files`);
  const parseOnly = rate(await best(repeats, () => timeNode(path.join(HERE, 'parse-only.mjs'), [folder])));
  log('throughput: parse + syntax-tree conversion');
  const convert = rate(await best(repeats, () => timeNode(path.join(HERE, 'parse-only.mjs'), ['--convert', folder])));
  log('throughput: holdout check, one thread');
  const single = rate(await best(repeats, () => timeNode(BIN, ['check', '--isolated', '-q', '--format', 'json', '--jobs', '1', folder], { stdoutFile: findingsFile })));
  const report = JSON.parse(fs.readFileSync(findingsFile, 'utf8'));
  fs.rmSync(findingsFile);
  const findings = Array.isArray(report.diagnostics) ? report.diagnostics.length : null;
  const jobs = cores();
  log(`throughput: holdout check, --jobs ${jobs}`);
  const all = rate(await best(repeats, () => timeNode(BIN, ['check', '--isolated', '-q', '--format', 'json', '--jobs', String(jobs), folder])));
  return {
    files: files.length,
    notebooks: files.filter((f) => f.notebook).length,
    lines: files.reduce((a, f) => a + f.lines, 0),
    bytes,
    findings,
    parseOnly: pick(parseOnly),
    parseAndConvert: pick(convert),
    single: pick(single),
    allCores: { ...pick(all), jobs, parallelMode: 'worker threads (holdout check --jobs N)' },
    ratioFullToParse: { wall: round(single.wallMs / parseOnly.wallMs, 2), cpu: round(single.cpuMs / parseOnly.cpuMs, 2) },
    speedupAllCores: round(single.wallMs / all.wallMs, 2),
  };
}

function pick(r) {
  return { wallMs: round(r.wallMs, 0), cpuMs: round(r.cpuMs, 0), peakRssMb: round(r.peakRssMb, 0), filesPerSec: r.filesPerSec, mbPerSec: r.mbPerSec, runs: r.runs };
}

/**
 * The peer row: Ruff's WebAssembly build (installed for the benchmark only) on the same files.
 * Cold: a fresh process over the 1,000 throughput files (WebAssembly compilation included), next
 * to holdout check and the parse floor. Warm: in one process after warming up, best of N per
 * scaling file, next to Holdout's lint() of the same file (the scaling section).
 */
async function peer() {
  const entry = ensureRuff(log);
  if (!entry) return { skipped: `${RUFF_PACKAGE}@${RUFF_VERSION} could not be installed` };
  const script = path.join(HERE, 'ruff-check.mjs');
  const folder = path.join(CORPUS, 'throughput');
  const repeats = quick ? 1 : 2;
  log('peer: ruff (WebAssembly), cold process over the throughput corpus');
  const cold = await best(repeats, () => timeNode(script, [entry, folder]));
  log('peer: ruff (WebAssembly), warm, scaling files');
  const files = SCALING_LINES.map((n) => path.join(CORPUS, 'scaling', `lines_${n}.py`));
  const warm = JSON.parse(execFileSync(process.execPath, [script, entry, '--warm', quick ? '1' : '3', ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 }));
  return { tool: `ruff ${RUFF_VERSION} (${RUFF_PACKAGE}, WebAssembly), default rules`, cold: { wallMs: round(cold.wallMs, 0), cpuMs: round(cold.cpuMs, 0), peakRssMb: round(cold.peakRssMb, 0), runs: cold.runs }, warm };
}

/** Per-file time for growing files, measured in a fresh process (bench/lib/scaling-worker.mjs). */
async function scaling() {
  const files = SCALING_LINES.map((n) => path.join(CORPUS, 'scaling', `lines_${n}.py`));
  log(`scaling: ${SCALING_LINES.join(', ')} lines`);
  const out = execFileSync(process.execPath, [path.join(HERE, 'lib/scaling-worker.mjs'), quick ? '1' : '3', ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const points = JSON.parse(out);
  const lines = points.map((p) => p.lines);
  return {
    points,
    exponent: round(powerLawExponent(lines, points.map((p) => p.lintMs)), 3),
    exponentCpu: round(powerLawExponent(lines, points.map((p) => p.lintCpuMs)), 3),
    parseExponent: round(powerLawExponent(lines, points.map((p) => p.parseMs)), 3),
  };
}

/**
 * Whole-project analysis: generated projects of growing size (a tenth entry scripts importing
 * helpers, models and data modules), checked following imports and file by file (--per-file).
 */
const PROJECT_MODULES = [500, 1000, 2000];

async function project() {
  const points = [];
  for (const modules of PROJECT_MODULES) {
    const dir = path.join(CORPUS, `project_${modules}`);
    const { files } = generateProject(dir, modules);
    log(`project: ${files} modules, whole project and --per-file`);
    const repeats = quick ? 1 : 2;
    const base = ['check', '--isolated', '-q', '--format', 'json', '--jobs', '1', '--exit-zero'];
    const whole = await best(repeats, () => timeNode(BIN, [...base, dir]));
    const perFile = await best(repeats, () => timeNode(BIN, [...base, '--per-file', dir]));
    points.push({
      modules: files,
      wholeMs: round(whole.wallMs, 0),
      perFileMs: round(perFile.wallMs, 0),
      wholeMsPerFile: round(whole.wallMs / files, 2),
      perFileMsPerFile: round(perFile.wallMs / files, 2),
      ratio: round(whole.wallMs / perFile.wallMs, 2),
      wholeCpuMs: round(whole.cpuMs, 0),
      perFileCpuMs: round(perFile.cpuMs, 0),
      cpuRatio: round(whole.cpuMs / perFile.cpuMs, 2),
      peakRssMb: round(whole.peakRssMb, 0),
    });
  }
  const modules = points.map((p) => p.modules);
  return { points, exponent: round(powerLawExponent(modules, points.map((p) => p.wholeMs)), 3), exponentCpu: round(powerLawExponent(modules, points.map((p) => p.wholeCpuMs)), 3) };
}

/** A URI for a file. */
const uriOf = (file) => pathToFileURL(file).href;

async function openAndWait(client, file, text, version = 1) {
  const uri = uriOf(file);
  const done = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
  return done;
}

/** The positions of number literals on distinct lines in the middle half of the file (edit targets). */
function editTargets(text, from = 0.25, to = 0.75) {
  const lines = text.split('\n');
  const targets = [];
  for (let i = Math.floor(lines.length * from); i < Math.floor(lines.length * to); i++) {
    const m = /(?<=[=(, ])\d+(?=[),\s])/.exec(lines[i]);
    if (m && !lines[i].trimStart().startsWith('#')) targets.push({ line: i, character: m.index, length: m[0].length });
  }
  return targets;
}

/** Edits left out of the editor's steady-state figures: V8 is still optimising the analysis then. */
const WARM_EDITS = 20;

async function editor() {
  const file = path.join(CORPUS, 'editor', `edit_${EDITOR_LINES}.py`);
  let text = fs.readFileSync(file, 'utf8');
  const uri = uriOf(file);
  const debounceMs = serverDebounceMs();
  const client = new LspClient(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: ROOT });
  await client.initialize(pathToFileURL(ROOT).href);
  log(`editor: open ${path.basename(file)} (${text.split('\n').length - 1} lines)`);
  await openAndWait(client, file, text);
  let version = 1;

  // One-line edits: a number literal on a line in the middle half becomes another number.
  const targets = editTargets(text);
  const edits = quick ? 40 : 200;
  const latencies = [];
  const published = [];
  client.onNotification((m) => {
    if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri) published.push(m.params.version);
  });
  log(`editor: ${edits} one-line edits`);
  const timeEdit = async (target) => {
    const lineText = text.split('\n')[target.line];
    const old = /\d+/.exec(lineText.slice(target.character))[0];
    const replacement = String(((Number(old) + 1) % 997) + 1);
    version++;
    const v = version;
    const range = { start: { line: target.line, character: target.character }, end: { line: target.line, character: target.character + old.length } };
    text = applyEdit(text, range, replacement);
    const done = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === v);
    const start = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: replacement }] });
    const { at } = await done;
    return at - start;
  };
  for (let i = 0; i < edits; i++) latencies.push(await timeEdit(targets[(i * 7) % targets.length]));

  // Edits near 5 %, 50 % and 95 % of the file (the number literals of the 2 % of lines around each).
  const positions = [];
  for (const at of [5, 50, 95]) {
    const near = editTargets(text, Math.max(0, at / 100 - 0.01), Math.min(1, at / 100 + 0.01));
    const n = quick ? 10 : 40;
    const times = [];
    log(`editor: ${n} edits at ${at} % of the file`);
    for (let i = 0; i < n && near.length > 0; i++) times.push(await timeEdit(near[i % near.length]));
    positions.push({ atPercent: at, times });
  }

  // Bursts of 20 keystrokes, 30 ms apart (faster than the debounce): typing a comment.
  const bursts = quick ? 4 : 10;
  const burstLatencies = [];
  const publishesPerBurst = [];
  log(`editor: ${bursts} bursts of 20 keystrokes`);
  const typed = 'tuned by hand, v2 ok';
  for (let b = 0; b < bursts; b++) {
    const target = targets[(b * 13 + 3) % targets.length];
    const lines = text.split('\n');
    const line = target.line;
    let character = lines[line].length;
    // Start a comment at the end of the line, then type into it.
    version++;
    text = applyEdit(text, { start: { line, character }, end: { line, character } }, '  # ');
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: '  # ' }] });
    const settle = version;
    await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === settle);
    character += 4;
    const before = published.length;
    let start = 0;
    for (let k = 0; k < 20; k++) {
      version++;
      const range = { start: { line, character }, end: { line, character } };
      const ch = typed[k % typed.length];
      text = applyEdit(text, range, ch);
      character++;
      const v = version;
      const done = k === 19 ? client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === v) : undefined;
      start = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: ch }] });
      if (done) {
        const { at } = await done;
        burstLatencies.push(at - start);
      } else {
        await new Promise((r) => setTimeout(r, 30));
      }
    }
    await new Promise((r) => setTimeout(r, (Number.isFinite(debounceMs) ? debounceMs : 100) * 2));
    publishesPerBurst.push(published.length - before);
  }
  await client.stop();
  const minus = (xs) => xs.map((x) => Math.max(0, x - (Number.isFinite(debounceMs) ? debounceMs : 0)));
  return {
    file: path.relative(HERE, file),
    lines: text.split('\n').length - 1,
    debounceMs,
    edit: {
      count: latencies.length,
      p50: round(median(latencies)),
      p95: round(percentile(latencies, 95)),
      afterDebounceP50: round(median(minus(latencies))),
      afterDebounceP95: round(percentile(minus(latencies), 95)),
      max: round(Math.max(...latencies)),
      /** After the first WARM_EDITS edits, while the JIT still compiles the hot code: the steady state. */
      steadyP50: round(median(latencies.slice(WARM_EDITS))),
      steadyP95: round(percentile(latencies.slice(WARM_EDITS), 95)),
      /** Every edit's latency in order, to see whether the slow ones are early (JIT) or spread (GC). */
      samples: latencies.map((x) => round(x)),
    },
    positions: positions.map(({ atPercent, times }) => ({
      atPercent,
      count: times.length,
      p50: round(median(times)),
      p95: round(percentile(times, 95)),
      max: round(Math.max(...times)),
      afterDebounceP50: round(median(minus(times))),
      afterDebounceP95: round(percentile(minus(times), 95)),
      afterDebounceMax: round(Math.max(...minus(times))),
    })),
    burst: {
      bursts: burstLatencies.length,
      keystrokes: 20,
      intervalMs: 30,
      p50: round(median(burstLatencies)),
      p95: round(percentile(burstLatencies, 95)),
      afterDebounceP50: round(median(minus(burstLatencies))),
      afterDebounceP95: round(percentile(minus(burstLatencies), 95)),
      publishesPerBurst: round(median(publishesPerBurst), 1),
    },
  };
}

function applyEdit(text, range, replacement) {
  const offset = (pos) => {
    let o = 0;
    for (let l = 0; l < pos.line; l++) o = text.indexOf('\n', o) + 1;
    return o + pos.character;
  };
  return text.slice(0, offset(range.start)) + replacement + text.slice(offset(range.end));
}

async function startup() {
  const runs = quick ? 3 : 10;
  log(`start-up: server initialize x${runs}`);
  const server = [];
  const serverCpu = [];
  // `holdout lsp` from the compiled sources too (the bundle in dist/cli/ is the default).
  const serverFromSources = [];
  const firstDiagnostics = [];
  // The first diagnostics: the bundled server (what the extension starts) on a copy of an example
  // in a folder of its own (its project is that folder), from spawning to publishDiagnostics.
  const bundle = path.join(ROOT, 'dist', 'server.js');
  const first = path.join(CORPUS, 'examples', 'churn_leaky.py');
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const client = new LspClient(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: ROOT });
    const { at } = await client.initialize(pathToFileURL(ROOT).href);
    server.push(at - start);
    serverCpu.push(processCpuMs(client.pid));
    await client.stop();
    const s0 = performance.now();
    const fromSources = new LspClient(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: ROOT, env: { ...process.env, HOLDOUT_FROM_SOURCES: '1' } });
    serverFromSources.push((await fromSources.initialize(pathToFileURL(ROOT).href)).at - s0);
    await fromSources.stop();
    if (!fs.existsSync(bundle)) continue;
    const t0 = performance.now();
    const cold = new LspClient(process.execPath, [bundle, 'lsp', '--stdio'], { cwd: ROOT });
    await cold.initialize(null);
    const uri = pathToFileURL(first).href;
    const published = cold.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
    cold.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: fs.readFileSync(first, 'utf8') } });
    firstDiagnostics.push((await published).at - t0);
    await cold.stop();
  }
  // The CLI three ways, interleaved: the compiled sources in out/ (what ran before the CLI was
  // bundled), the bundle with no code cache (cold: the cache is deleted first, and this run
  // writes it), and the bundle with the cache the cold run wrote (warm: what users run).
  log(`start-up: CLI on one small file x${runs} (sources, bundle cold, bundle warm)`);
  // In a folder of its own: bench/corpus/ is inside the repository's project, where a check of
  // one file also indexes the imports of every Python file in the corpus (~0.6 s of ~0.9 s here).
  const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-bench-startup-'));
  const small = path.join(alone, 'churn_clean.py');
  fs.copyFileSync(path.join(CORPUS, 'examples', 'churn_clean.py'), small);
  const codeCache = path.join(ROOT, 'dist', 'cli', 'holdout.js.cache');
  const bundled = fs.existsSync(path.join(ROOT, 'dist', 'cli', 'holdout.js'));
  const cli = { sources: { wall: [], cpu: [] }, cold: { wall: [], cpu: [] }, warm: { wall: [], cpu: [] } };
  const timeCli = async (into, env) => {
    const r = await timeNode(BIN, ['check', '--isolated', small], { env });
    into.wall.push(r.wallMs);
    into.cpu.push(r.cpuMs);
  };
  for (let i = 0; i < runs; i++) {
    await timeCli(cli.sources, { HOLDOUT_FROM_SOURCES: '1' });
    if (!bundled) continue;
    fs.rmSync(codeCache, { force: true });
    await timeCli(cli.cold, { HOLDOUT_FROM_SOURCES: '' });
    await timeCli(cli.warm, { HOLDOUT_FROM_SOURCES: '' });
  }
  fs.rmSync(alone, { recursive: true, force: true });
  const cliFigures = ({ wall, cpu }) => ({ p50: round(median(wall)), min: round(Math.min(...wall)), cpuP50: round(median(cpu)), runs: wall.map((x) => round(x, 0)), file: 'corpus/examples/churn_clean.py, copied to a folder of its own' });
  // What any Node.js process costs on this machine right now (`node -e 0`): the floor under both.
  const empty = path.join(os.tmpdir(), `holdout-bench-empty-${process.pid}.js`);
  fs.writeFileSync(empty, '');
  const node = [];
  for (let i = 0; i < runs; i++) node.push((await timeNode(empty, [])).wallMs);
  fs.rmSync(empty);
  return {
    serverInitializeMs: { p50: round(median(server)), min: round(Math.min(...server)), cpuP50: round(median(serverCpu)), runs: server.map((x) => round(x, 0)) },
    serverInitializeFromSourcesMs: { p50: round(median(serverFromSources)), min: round(Math.min(...serverFromSources)) },
    // What `holdout` runs: the bundle with its code cache when it is built, else the sources.
    cliSmallFileMs: cliFigures(bundled ? cli.warm : cli.sources),
    cliSmallFileFromSourcesMs: cliFigures(cli.sources),
    ...(bundled ? { cliSmallFileColdCacheMs: cliFigures(cli.cold) } : {}),
    emptyNodeProcessMs: { p50: round(median(node)), min: round(Math.min(...node)) },
    ...(firstDiagnostics.length ? { firstDiagnosticsMs: { p50: round(median(firstDiagnostics)), min: round(Math.min(...firstDiagnostics)), file: path.relative(HERE, first) } } : {}),
  };
}

/** The server opens `files`; RSS once each has its diagnostics, and again after `settleMs` without messages. */
async function serverRss(files, settleMs) {
  const client = new LspClient(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: ROOT });
  await client.initialize(pathToFileURL(ROOT).href);
  const before = processMemory(client.pid);
  await Promise.all(files.map((file) => openAndWait(client, file, fs.readFileSync(file, 'utf8'))));
  await new Promise((r) => setTimeout(r, 200));
  const after = processMemory(client.pid);
  await new Promise((r) => setTimeout(r, settleMs));
  const settled = processMemory(client.pid);
  await client.stop();
  const lines = files.reduce((a, f) => a + fs.readFileSync(f, 'utf8').split('\n').length, 0);
  return { documents: files.length, lines, idleRssMb: round(before.rssMb, 0), rssMb: round(after.rssMb, 0), settledRssMb: round(settled.rssMb, 0), peakRssMb: round(settled.peakRssMb, 0) };
}

/** The first 50 scripts over 2 kB under --memory-files DIR (real code), else of the generated corpus. */
function fiftyDocuments(corpusInfo) {
  const dirArg = args.indexOf('--memory-files');
  if (dirArg < 0) return { source: 'generated throughput scripts', files: corpusInfo.files.filter((f) => f.set === 'throughput' && !f.notebook).slice(0, 50).map((f) => path.join(CORPUS, f.path)) };
  const dir = path.resolve(args[dirArg + 1]);
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.py') && fs.statSync(p).size > 2048) found.push(p);
    }
  };
  walk(dir);
  // Byte order, as `LC_ALL=C sort`: the same 50 files on every machine.
  found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { source: dir, files: found.slice(0, 50) };
}

async function serverMemory(corpusInfo) {
  const docs = corpusInfo.files.filter((f) => f.set === 'throughput' && !f.notebook).slice(0, 200);
  log(`memory: server with ${docs.length} open documents`);
  const many = await serverRss(docs.map((d) => path.join(CORPUS, d.path)), 0);
  // Issue 16's goal: 50 open files, once the server is idle (it collects its heap then: lsp/idle-collection.ts).
  const fifty = fiftyDocuments(corpusInfo);
  log(`memory: server with 50 open documents (${fifty.source}), then 10 s idle`);
  return { ...many, bytes: docs.reduce((a, d) => a + d.bytes, 0), fifty: { source: fifty.source, ...(await serverRss(fifty.files, 10_000)) } };
}

async function examples() {
  const folder = path.join(CORPUS, 'examples');
  const out = path.join(os.tmpdir(), `holdout-bench-examples-${process.pid}.json`);
  const r = await timeNode(BIN, ['check', '--isolated', '-q', '--format', 'json', folder], { stdoutFile: out });
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out);
  return { files: listSources(folder).length, findings: report.diagnostics?.length ?? null, wallMs: round(r.wallMs, 0) };
}

// ---------------------------------------------------------------- report

// Issue 16's goals first; the stricter rows after them are an earlier issue's.
const TARGETS = [
  { id: 'ratio-16', what: 'issue 16: full check / parse-only (1,000 files, wall)', get: (r) => r.throughput?.ratioFullToParse.wall, max: 2.0, unit: '×' },
  { id: 'edit-p95-16', what: 'issue 16: 5,000-line edit → diagnostics p95', get: (r) => r.editor?.edit.afterDebounceP95, max: 50, unit: 'ms' },
  { id: 'exponent-16', what: 'issue 16: scaling exponent up to 20,000 lines', get: (r) => r.scaling?.exponent, max: 1.0, unit: '' },
  { id: 'server-memory', what: 'issue 16: server, 50 open documents, RSS after 10 s idle', get: (r) => r.memory?.fifty?.settledRssMb, max: 100, unit: 'MB' },
  { id: 'ratio', what: 'full check / parse-only (1,000 files, wall)', get: (r) => r.throughput?.ratioFullToParse.wall, max: 1.5, unit: '×' },
  { id: 'edit-p95', what: '5,000-line edit → diagnostics p95 (after debounce)', get: (r) => r.editor?.edit.afterDebounceP95, max: 25, unit: 'ms' },
  { id: 'exponent', what: 'scaling exponent up to 20,000 lines', get: (r) => r.scaling?.exponent, max: 1.15, unit: '' },
  { id: 'server-start', what: 'server start (initialize answered, p50)', get: (r) => r.startup?.serverInitializeMs.p50, max: 300, unit: 'ms' },
  { id: 'cli-start', what: 'CLI on one small file (p50)', get: (r) => r.startup?.cliSmallFileMs.p50, max: 400, unit: 'ms' },
  { id: 'project-ratio', what: 'whole-project / per-file check (2,000 modules, cpu)', get: (r) => r.project?.points.at(-1)?.cpuRatio, max: 1.5, unit: '×' },
  { id: 'project-exponent', what: 'whole-project time ∝ modules^k', get: (r) => r.project?.exponent, max: 1.15, unit: '' },
  { id: 'speedup', what: 'all cores / single thread (1,000 files)', get: (r) => r.throughput?.speedupAllCores, min: 1.7, unit: '×' },
];

function table(r) {
  const rows = [];
  const add = (section, metric, value) => rows.push([section, metric, value]);
  const ms = (x) => (x === null || x === undefined ? 'n/a' : `${x} ms`);
  if (r.throughput) {
    const t = r.throughput;
    add('throughput', `corpus: ${t.files} files (${t.notebooks} notebooks), ${t.lines} lines, ${(t.bytes / 1e6).toFixed(1)} MB, ${t.findings} findings`, '');
    add('', 'parse only (tree-sitter)', `${t.parseOnly.filesPerSec} files/s  ${t.parseOnly.mbPerSec} MB/s  (${ms(t.parseOnly.wallMs)}, cpu ${ms(t.parseOnly.cpuMs)})`);
    add('', 'parse + syntax tree (toSyntax)', `${t.parseAndConvert.filesPerSec} files/s  ${t.parseAndConvert.mbPerSec} MB/s  (${ms(t.parseAndConvert.wallMs)})`);
    add('', 'holdout check, 1 thread', `${t.single.filesPerSec} files/s  ${t.single.mbPerSec} MB/s  (${ms(t.single.wallMs)}, cpu ${ms(t.single.cpuMs)})`);
    add('', `holdout check, ${t.allCores.jobs} threads`, `${t.allCores.filesPerSec} files/s  ${t.allCores.mbPerSec} MB/s  (${ms(t.allCores.wallMs)})`);
    add('', 'full check / parse only', `${t.ratioFullToParse.wall}× wall, ${t.ratioFullToParse.cpu}× cpu`);
    add('', 'all cores / single thread', `${t.speedupAllCores}×`);
  }
  if (r.scaling) {
    for (const p of r.scaling.points) add('scaling', `${p.lines} lines (${(p.bytes / 1e3).toFixed(0)} KB)`, `${ms(p.lintMs)} check, ${ms(p.parseMs)} parse, ${ms(p.toSyntaxMs)} toSyntax`);
    for (const p of r.scaling.points) {
      if (p.phaseMs) add('', `  phases, ${p.lines} lines`, Object.entries(p.phaseMs).map(([phase, t]) => `${phase} ${ms(t)}`).join(', '));
    }
    add('', 'fitted exponent (time ∝ lines^k)', `k = ${r.scaling.exponent} (cpu ${r.scaling.exponentCpu}; parse alone ${r.scaling.parseExponent})`);
  }
  if (r.editor) {
    const e = r.editor;
    add('editor', `${e.lines}-line file, one-line edit → diagnostics (${e.edit.count} edits)`, `p50 ${ms(e.edit.p50)}  p95 ${ms(e.edit.p95)}  max ${ms(e.edit.max)}  (after the ${e.debounceMs} ms debounce: p50 ${ms(e.edit.afterDebounceP50)}  p95 ${ms(e.edit.afterDebounceP95)})`);
  if (e.edit.steadyP95 !== undefined) add('', `  the same without the first ${WARM_EDITS} edits (JIT warm-up)`, `p50 ${ms(e.edit.steadyP50)}  p95 ${ms(e.edit.steadyP95)}`);
    for (const q of e.positions ?? []) add('', `  edits at ${q.atPercent} % of the file (${q.count})`, `p50 ${ms(q.p50)}  p95 ${ms(q.p95)}  max ${ms(q.max)}  (after the ${e.debounceMs} ms debounce: p50 ${ms(q.afterDebounceP50)}  p95 ${ms(q.afterDebounceP95)}  max ${ms(q.afterDebounceMax)})`);
    add('', `burst of ${e.burst.keystrokes} keystrokes every ${e.burst.intervalMs} ms → diagnostics`, `p50 ${ms(e.burst.p50)}  p95 ${ms(e.burst.p95)}  (after debounce p95 ${ms(e.burst.afterDebounceP95)}); ${e.burst.publishesPerBurst} result(s) published per burst`);
  }
  if (r.startup) {
    add('start-up', 'server: initialize answered', `p50 ${ms(r.startup.serverInitializeMs.p50)}  min ${ms(r.startup.serverInitializeMs.min)}  (cpu ${ms(r.startup.serverInitializeMs.cpuP50)})`);
    if (r.startup.serverInitializeFromSourcesMs) add('', '  from the compiled sources (out/, no bundle)', `p50 ${ms(r.startup.serverInitializeFromSourcesMs.p50)}  min ${ms(r.startup.serverInitializeFromSourcesMs.min)}`);
    if (r.startup.firstDiagnosticsMs) add('', 'bundled server: spawn to first diagnostics', `p50 ${ms(r.startup.firstDiagnosticsMs.p50)}  min ${ms(r.startup.firstDiagnosticsMs.min)}`);
    const cliRow = (metric, m) => m && add('', metric, `p50 ${ms(m.p50)}  min ${ms(m.min)}  (cpu ${ms(m.cpuP50)})`);
    cliRow(r.startup.cliSmallFileColdCacheMs ? 'CLI: one small file (bundle, warm code cache)' : 'CLI: one small file', r.startup.cliSmallFileMs);
    cliRow('  the bundle, cold (no code cache yet)', r.startup.cliSmallFileColdCacheMs);
    cliRow('  the compiled sources (out/, no bundle)', r.startup.cliSmallFileFromSourcesMs);
    add('', 'for scale: an empty node process', `p50 ${ms(r.startup.emptyNodeProcessMs.p50)}  min ${ms(r.startup.emptyNodeProcessMs.min)}`);
  }
  if (r.throughput || r.memory) {
    if (r.throughput) add('memory', 'peak RSS, 1,000-file check (1 thread / all cores)', `${r.throughput.single.peakRssMb} MB / ${r.throughput.allCores.peakRssMb} MB`);
    if (r.memory) add(r.throughput ? '' : 'memory', `server holding ${r.memory.documents} open documents (${r.memory.lines} lines)`, `RSS ${r.memory.rssMb} MB (peak ${r.memory.peakRssMb} MB; idle ${r.memory.idleRssMb} MB)`);
    const f = r.memory?.fifty;
    if (f) add('', `server, 50 open documents (${f.lines} lines; ${f.source})`, `RSS ${f.rssMb} MB when analysed, ${f.settledRssMb} MB after 10 s idle (peak ${f.peakRssMb} MB; before opening ${f.idleRssMb} MB)`);
  }
  if (r.project) {
    for (const p of r.project.points) {
      add(p === r.project.points[0] ? 'project' : '', `${p.modules} modules: whole project / --per-file`, `${ms(p.wholeMs)} / ${ms(p.perFileMs)} (${p.wholeMsPerFile} / ${p.perFileMsPerFile} ms per file, ${p.ratio}× wall, ${p.cpuRatio}× cpu; peak ${p.peakRssMb} MB)`);
    }
    add('', 'fitted exponent (time ∝ modules^k)', `k = ${r.project.exponent} (cpu ${r.project.exponentCpu})`);
  }
  if (r.peer) {
    const p = r.peer;
    if (p.skipped) add('peer', 'ruff (WebAssembly)', `not measured: ${p.skipped}`);
    else {
      const t = r.throughput;
      add('peer', `${p.tool}`, '');
      add('', `  cold process, ${t ? t.files : 1000} throughput files`, `${ms(p.cold.wallMs)} (cpu ${ms(p.cold.cpuMs)})${t ? `; holdout check ${ms(t.single.wallMs)}, parse only ${ms(t.parseOnly.wallMs)}` : ''}`);
      for (const w of p.warm) {
        const h = r.scaling?.points.find((x) => x.file === w.file);
        add('', `  warm, ${w.lines} lines`, `${ms(w.ms)}${h ? `; holdout lint ${ms(h.lintMs)}, parse ${ms(h.parseMs)}` : ''}`);
      }
    }
  }
  if (r.examples) add('examples', `examples/: ${r.examples.files} files`, `${r.examples.findings} findings, ${ms(r.examples.wallMs)}`);
  for (const t of r.targets) add(t === r.targets[0] ? 'targets' : '', `${t.what}: ${t.max !== undefined ? '≤' : '≥'} ${t.limit}${t.unit}`, t.value === null ? 'not measured' : `${t.value}${t.unit}  ${t.met ? 'met' : 'NOT met'}`);
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const line = `${'-'.repeat(w0)}-+-${'-'.repeat(w1)}-+-${'-'.repeat(40)}`;
  const out = [line, ...rows.map(([a, b, c]) => (a && a !== '' ? '' : '') + `${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c}`), line];
  return out.join('\n') + '\n';
}

async function main() {
  const started = new Date();
  log('generating the corpus');
  const corpusInfo = generate({ out: CORPUS });
  const results = {
    schemaVersion: 1,
    date: started.toISOString(),
    command: 'npm run bench',
    git: gitInfo(),
    machine: {
      cpus: cores(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
      loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    },
    corpus: {
      seed: corpusInfo.seed,
      files: corpusInfo.files.length,
      lines: corpusInfo.files.reduce((a, f) => a + f.lines, 0),
      bytes: corpusInfo.files.reduce((a, f) => a + f.bytes, 0),
    },
  };
  if (want('throughput')) results.throughput = await throughput(corpusInfo);
  if (want('scaling')) results.scaling = await scaling();
  if (want('editor')) results.editor = await editor();
  if (want('startup')) results.startup = await startup();
  if (want('memory')) results.memory = await serverMemory(corpusInfo);
  if (want('examples')) results.examples = await examples();
  if (want('project')) results.project = await project();
  if (want('peer')) results.peer = await peer();
  results.machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  results.targets = TARGETS.map((t) => {
    const value = t.get(results) ?? null;
    const limit = t.max ?? t.min;
    return { id: t.id, what: t.what, value, unit: t.unit, [t.max !== undefined ? 'max' : 'min']: limit, limit, met: value === null ? null : t.max !== undefined ? value <= t.max : value >= t.min };
  });
  fs.writeFileSync(path.join(HERE, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`Holdout benchmark — ${results.date} — ${results.machine.cpus} × ${results.machine.cpuModel}, node ${results.machine.node}, load ${results.machine.loadAverageAtStart.join(' ')}\n`);
  process.stdout.write(table(results));
  process.stdout.write(`results: ${path.relative(process.cwd(), path.join(HERE, 'results.json'))}\n`);
}

function gitInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim().length > 0;
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
