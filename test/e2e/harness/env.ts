// Shared pieces of the real-editor harness (runs in plain Node, outside VS Code): paths, fresh
// temp dirs, code-server and chromium lifecycles. Everything started here is killed by PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Repository root: this file compiles to out/e2e/harness/env.js. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const OUTPUT = path.join(ROOT, 'test-output', 'e2e');
export const CODE_SERVER =
  process.env.HOLDOUT_CODE_SERVER ?? path.join(ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
/** The extension under test: the repo itself (its package.json is the manifest), unless overridden. */
export const EXTENSION = path.resolve(process.env.HOLDOUT_E2E_EXTENSION_PATH ?? ROOT);
export const CHROMIUM = process.env.HOLDOUT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Stops for what is running now, so that a SIGINT/SIGTERM of the harness still kills it. */
const running = new Set<() => Promise<void>>();
export function track(stop: () => Promise<void>): () => Promise<void> {
  const tracked = async (): Promise<void> => {
    running.delete(tracked);
    await stop();
  };
  running.add(tracked);
  return tracked;
}
export async function stopAll(): Promise<void> {
  for (const stop of [...running].reverse()) await stop().catch(() => undefined);
}

export function log(msg: string): void {
  process.stderr.write(`[e2e ${new Date().toISOString().slice(11, 23)}] ${msg}\n`);
}

export function checkPrerequisites(needCodeServer = true): void {
  const missing: string[] = [];
  const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8')) as { main?: string };
  if (!manifest.main) missing.push(`"main" in ${path.join(EXTENSION, 'package.json')} (the extension manifest)`);
  else if (!fs.existsSync(path.resolve(EXTENSION, manifest.main)) && !fs.existsSync(path.resolve(EXTENSION, `${manifest.main}.js`))) {
    missing.push(`${manifest.main} (run npm run build)`);
  }
  if (needCodeServer && !fs.existsSync(CODE_SERVER)) missing.push(`${CODE_SERVER} (run scripts/e2e/install-code-server.sh)`);
  if (needCodeServer && !fs.existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install -y chromium)`);
  if (missing.length) throw new Error(`real-editor tests cannot run; missing:\n  ${missing.join('\n  ')}`);
}

export interface Sandbox {
  dir: string;
  home: string;
  userData: string;
  extensions: string;
  workspace: string;
  config: string;
  result: string;
  expected: string;
  tmp: string;
}

/** A fresh temp tree: HOME, user-data dir, extensions dir, and a copy of examples/ as the workspace. */
export function makeSandbox(label: string): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `holdout-e2e-${label}-`));
  const sb: Sandbox = {
    dir,
    home: path.join(dir, 'home'),
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    workspace: path.join(dir, 'examples'),
    config: path.join(dir, 'code-server.yaml'),
    result: path.join(dir, 'result.json'),
    expected: path.join(dir, 'expected.json'),
    tmp: path.join(dir, 'tmp'),
  };
  for (const d of [sb.home, sb.userData, sb.extensions, sb.tmp]) fs.mkdirSync(d, { recursive: true });
  fs.cpSync(path.join(ROOT, 'examples'), sb.workspace, { recursive: true });
  fs.writeFileSync(sb.config, 'auth: none\ncert: false\n');
  fs.mkdirSync(path.join(sb.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(sb.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'files.autoSave': 'off',
        'git.enabled': false,
        'chat.commandCenter.enabled': false,
        'window.zoomLevel': 0,
        'editor.minimap.enabled': false,
        'workbench.colorTheme': 'Default Light Modern',
      },
      null,
      2,
    ),
  );
  return sb;
}

export function removeSandbox(sb: Sandbox | undefined): void {
  if (!sb || process.env.HOLDOUT_E2E_KEEP) return;
  fs.rmSync(sb.dir, { recursive: true, force: true });
}

/** `holdout check --format json` over the workspace copy: what the editor must show too. */
export function writeCliExpectation(sb: Sandbox): void {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'server', 'bin', 'holdout.js'), 'check', '--format', 'json', '--exit-zero', '--quiet', '-o', sb.expected, '.'],
    { cwd: sb.workspace, encoding: 'utf8' },
  );
  if (r.status !== 0 || !fs.existsSync(sb.expected)) {
    throw new Error(`holdout check failed (${r.status}): ${r.stderr}`);
  }
}

export function cliFindingCount(sb: Sandbox, file: string): number {
  const report = JSON.parse(fs.readFileSync(sb.expected, 'utf8')) as { diagnostics: { file: string }[] };
  return report.diagnostics.filter((d) => path.basename(d.file) === file && path.dirname(path.resolve(sb.workspace, d.file)) === sb.workspace).length;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills the process group led by `pid` (started detached), then the process itself. */
export async function killTree(pid: number | undefined, name: string): Promise<void> {
  if (!pid) return;
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, signal);
      } catch {
        /* already gone */
      }
    }
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (isAlive(pid) || isAlive(-pid))) await new Promise((r) => setTimeout(r, 100));
    if (!isAlive(pid) && !isAlive(-pid)) return;
  }
  log(`warning: ${name} (pid ${pid}) survived SIGKILL`);
}

/** The environment of everything code-server runs: HOME, XDG dirs and TMPDIR inside the sandbox. */
export function sandboxEnv(sb: Sandbox, extraEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: sb.home,
    XDG_CONFIG_HOME: path.join(sb.home, '.config'),
    XDG_DATA_HOME: path.join(sb.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(sb.home, '.cache'),
    TMPDIR: sb.tmp, // code-server's IPC sockets and the extension host's temp files
    HOLDOUT_E2E_RESULT: sb.result,
    HOLDOUT_E2E_EXPECTED: sb.expected,
    HOLDOUT_E2E_OUTPUT: OUTPUT, // figures the suite measures (typing-measurements.json)
    ...extraEnv,
  };
  // Not for code-server: a password would switch auth back on, a PORT would override bind-addr.
  for (const k of ['PASSWORD', 'HASHED_PASSWORD', 'PORT', 'VSCODE_IPC_HOOK_CLI', 'ELECTRON_RUN_AS_NODE']) delete env[k];
  return env;
}

/** Packages the extension with vsce into the sandbox and installs it into its extensions dir. */
export function installVsix(sb: Sandbox): string {
  const vsix = path.join(sb.dir, 'holdout.vsix');
  const pack = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package-vsix.mjs'), vsix], { cwd: ROOT, encoding: 'utf8' });
  if (pack.status !== 0 || !fs.existsSync(vsix)) throw new Error(`vsce package failed (${pack.status}):\n${pack.stdout}\n${pack.stderr}`);
  const install = spawnSync(
    CODE_SERVER,
    ['--install-extension', vsix, '--force', '--extensions-dir', sb.extensions, '--user-data-dir', sb.userData],
    { cwd: sb.dir, env: sandboxEnv(sb), encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`code-server --install-extension failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
  return vsix;
}

export interface CodeServer {
  url: string;
  port: number;
  proc: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export async function startCodeServer(sb: Sandbox, label: string, extraEnv: Record<string, string> = {}): Promise<CodeServer> {
  const port = await freePort();
  fs.mkdirSync(OUTPUT, { recursive: true });
  const logFile = path.join(OUTPUT, `code-server-${label}.log`);
  const out = fs.openSync(logFile, 'w');
  const env = sandboxEnv(sb, extraEnv);
  const proc = spawn(
    CODE_SERVER,
    [
      '--config', sb.config,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--user-data-dir', sb.userData,
      '--extensions-dir', sb.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--log', 'debug',
    ],
    { cwd: sb.workspace, env, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  let exited: string | undefined;
  proc.on('exit', (code, signal) => {
    exited = `code-server exited (${code ?? signal})`;
  });
  proc.on('error', (err) => {
    exited = `code-server failed to start (${err.message})`;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = track(async () => killTree(proc.pid, 'code-server'));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`${exited} before listening; see ${logFile}`);
    }
    if ((await get(`${url}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`code-server pid ${proc.pid} listening on ${url}`);
  return { url, port, proc, logFile, stop };
}

/**
 * The workbench URL that opens `folder`; with `dev`, the extension under test is loaded as a
 * development extension (from the work tree), and `testsPath` makes the window run that suite.
 */
export function workbenchUrl(cs: CodeServer, folder: string, opts: { dev: boolean; testsPath?: string }): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${cs.port}${p}`;
  const payload: [string, string][] = [];
  if (opts.dev) payload.push(['extensionDevelopmentPath', remote(EXTENSION)]);
  if (opts.testsPath) payload.push(['extensionTestsPath', remote(opts.testsPath)]);
  if (!payload.length) return `${cs.url}/?folder=${encodeURIComponent(folder)}`;
  return `${cs.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Copies the extension host's logs (and the Holdout output channel) next to the test output. */
export function collectLogs(sb: Sandbox, label: string): void {
  const dest = path.join(OUTPUT, `logs-${label}`);
  fs.rmSync(dest, { recursive: true, force: true });
  const logs = path.join(sb.userData, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, dest, { recursive: true });
}
