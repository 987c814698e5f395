// npm run test:e2e: the real-editor tests. 1) the Mocha suite inside code-server's extension
// host, 2) the UI test in headless chromium. Prints a summary; exit code 0 only if both pass.
// 3) only with HOLDOUT_E2E_ELECTRON=1: the same suite in desktop VS Code via @vscode/test-electron
// (needs to download VS Code, so never on this project's machines or CI).
// Env: HOLDOUT_E2E_ONLY=host|ui|graph|startup|electron, HOLDOUT_E2E_GREP=<mocha grep>, HOLDOUT_E2E_KEEP=1 (keep
// temp dirs), HOLDOUT_E2E_EXTENSION_PATH=<dir> (test another build of the extension).
import * as fs from 'node:fs';
import { runElectronTests } from './electron-tests';
import { runHostTests } from './host-tests';
import type { SuiteReport } from './suite/index';
import { OUTPUT, checkPrerequisites, log, stopAll } from './harness/env';
import { runUiTest } from './ui-test';
import { runGraphUiTest } from './graph-ui-test';
import { runStartupUiTest } from './startup-ui-test';

async function main(): Promise<number> {
  const only = process.env.HOLDOUT_E2E_ONLY;
  checkPrerequisites(only !== 'electron');
  fs.rmSync(OUTPUT, { recursive: true, force: true });
  fs.mkdirSync(OUTPUT, { recursive: true });
  let failed = 0;
  const started = Date.now();

  const suite = async (name: string, run: () => Promise<SuiteReport>): Promise<void> => {
    const t0 = Date.now();
    try {
      const report = await run();
      console.log(`\n${name} (${report.appName} ${report.vscodeVersion}), ${((Date.now() - t0) / 1000).toFixed(1)} s:`);
      for (const t of report.tests) {
        console.log(`  ${t.state === 'passed' ? 'ok  ' : t.state === 'pending' ? 'skip' : 'FAIL'} ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
        if (t.error) console.log(`       ${t.error.split('\n').join('\n       ')}`);
      }
      if (report.fatal) console.log(`  FATAL ${report.fatal}`);
      console.log(`  ${report.passed} passed, ${report.failed} failed, ${report.pending} pending`);
      if (!report.ok) failed++;
    } catch (err) {
      console.log(`\n${name}: ERROR ${(err as Error).stack ?? err}`);
      failed++;
    }
  };

  if (!only || only === 'host') await suite('In-extension-host suite in code-server', runHostTests);
  if (process.env.HOLDOUT_E2E_ELECTRON === '1' && (!only || only === 'electron')) {
    await suite('In-extension-host suite in desktop VS Code (@vscode/test-electron)', runElectronTests);
  }

  if (!only || only === 'ui') {
    const t0 = Date.now();
    try {
      const steps = await runUiTest();
      console.log(`\nUI test (chromium + code-server), ${((Date.now() - t0) / 1000).toFixed(1)} s:`);
      for (const s of steps) console.log(`  ok   ${s}`);
    } catch (err) {
      console.log(`\nUI test: FAIL ${(err as Error).stack ?? err}`);
      failed++;
    }
  }

  if (!only || only === 'graph') {
    const t0 = Date.now();
    try {
      const steps = await runGraphUiTest();
      console.log(`\nExperiment graph view (chromium + code-server), ${((Date.now() - t0) / 1000).toFixed(1)} s:`);
      for (const s of steps) console.log(`  ok   ${s}`);
    } catch (err) {
      console.log(`\nExperiment graph view: FAIL ${(err as Error).stack ?? err}`);
      failed++;
    }
  }

  if (!only || only === 'startup') {
    const t0 = Date.now();
    try {
      const steps = await runStartupUiTest();
      console.log(`\nStart-up, reload and restart (chromium + code-server), ${((Date.now() - t0) / 1000).toFixed(1)} s:`);
      for (const s of steps) console.log(`  ok   ${s}`);
    } catch (err) {
      console.log(`\nStart-up, reload and restart: FAIL ${(err as Error).stack ?? err}`);
      failed++;
    }
  }

  console.log(`\nreal-editor tests ${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s; output in ${OUTPUT}`);
  return failed ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping code-server and chromium`);
    void stopAll().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(String((err as Error).stack ?? err));
    process.exit(2);
  },
);
