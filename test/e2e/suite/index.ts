// Entry point of the in-extension-host suite: VS Code (code-server's remote extension host, or
// the desktop build started by @vscode/test-electron) requires this file because it is the
// `extensionTestsPath`, and calls run(). It runs the Mocha tests next to it and writes a JSON
// report to $HOLDOUT_E2E_RESULT, which the harness reads: in code-server nobody sees the
// extension host's exit code, so the file is the only channel back.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Mocha = require('mocha');

export interface TestReport {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteReport {
  ok: boolean;
  passed: number;
  failed: number;
  pending: number;
  vscodeVersion: string;
  appName: string;
  startedAt: string;
  finishedAt: string;
  tests: TestReport[];
  fatal?: string;
}

export function resultPath(): string {
  return process.env.HOLDOUT_E2E_RESULT ?? path.join(os.tmpdir(), 'holdout-e2e-result.json');
}

function writeReport(report: SuiteReport): void {
  const file = resultPath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written to a temp name and renamed, so the harness never reads half a file.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export async function run(): Promise<void> {
  // Required lazily so a broken vscode import is reported in the JSON instead of lost.
  const startedAt = new Date().toISOString();
  const tests: TestReport[] = [];
  let vscodeVersion = 'unknown';
  let appName = 'unknown';
  try {
    const vscode = require('vscode') as typeof import('vscode');
    vscodeVersion = vscode.version;
    appName = vscode.env.appName;
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec' });
    const grep = process.env.HOLDOUT_E2E_GREP;
    if (grep) mocha.grep(grep);
    for (const name of fs.readdirSync(__dirname).sort()) {
      if (name.endsWith('.test.js')) mocha.addFile(path.join(__dirname, name));
    }
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((n) => resolve(n));
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
      runner.on('fail', (t, err: Error) =>
        tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err?.stack ?? String(err) }),
      );
      runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
    });
    const passed = tests.filter((t) => t.state === 'passed').length;
    const report: SuiteReport = {
      ok: failures === 0 && passed > 0,
      passed,
      failed: tests.filter((t) => t.state === 'failed').length,
      pending: tests.filter((t) => t.state === 'pending').length,
      vscodeVersion,
      appName,
      startedAt,
      finishedAt: new Date().toISOString(),
      tests,
    };
    writeReport(report);
    if (!report.ok) throw new Error(`${report.failed} Holdout e2e test(s) failed`);
  } catch (err) {
    if (!fs.existsSync(resultPath()) || !tests.length) {
      writeReport({
        ok: false, passed: 0, failed: 0, pending: 0, vscodeVersion, appName, startedAt,
        finishedAt: new Date().toISOString(), tests, fatal: (err as Error)?.stack ?? String(err),
      });
    }
    throw err;
  }
}
