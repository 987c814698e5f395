// The same in-extension-host suite under desktop VS Code, via @vscode/test-electron. It has to
// download VS Code from the internet, which this project's machines cannot reach, so it runs
// only when HOLDOUT_E2E_ELECTRON=1 (e.g. on a developer laptop). On a headless Linux box run it
// under xvfb-run. VS Code is cached in .cache/vscode-test.
// Env: HOLDOUT_E2E_VSCODE_VERSION (default "stable"; "1.82.0" tests the engines floor).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { EXTENSION, OUTPUT, ROOT, makeSandbox, removeSandbox, writeCliExpectation } from './harness/env';
import type { SuiteReport } from './suite/index';

export async function runElectronTests(): Promise<SuiteReport> {
  const sb = makeSandbox('electron');
  try {
    writeCliExpectation(sb);
    let exitError: unknown;
    try {
      await runTests({
        version: process.env.HOLDOUT_E2E_VSCODE_VERSION ?? 'stable',
        cachePath: path.join(ROOT, '.cache', 'vscode-test'),
        extensionDevelopmentPath: EXTENSION,
        extensionTestsPath: path.join(ROOT, 'out', 'e2e', 'suite', 'index.js'),
        extensionTestsEnv: { HOLDOUT_E2E_RESULT: sb.result, HOLDOUT_E2E_EXPECTED: sb.expected },
        launchArgs: [
          sb.workspace,
          '--user-data-dir', sb.userData,
          '--extensions-dir', sb.extensions,
          '--disable-extensions', // other extensions; the one under development still loads
          '--disable-workspace-trust',
          '--disable-gpu',
          '--no-sandbox',
          '--skip-welcome',
          '--skip-release-notes',
        ],
      });
    } catch (err) {
      exitError = err; // a failing suite exits non-zero; the report says why
    }
    if (!fs.existsSync(sb.result)) throw exitError ?? new Error('the suite wrote no report under @vscode/test-electron');
    const report = JSON.parse(fs.readFileSync(sb.result, 'utf8')) as SuiteReport;
    fs.mkdirSync(OUTPUT, { recursive: true });
    fs.writeFileSync(path.join(OUTPUT, 'electron-report.json'), JSON.stringify(report, null, 2));
    return report;
  } finally {
    removeSandbox(sb);
  }
}
