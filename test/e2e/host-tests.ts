// The in-extension-host suite (test/e2e/suite) run inside code-server: code-server serves a
// fresh workspace, headless chromium opens the workbench with extensionDevelopmentPath and
// extensionTestsPath in the URL payload, the suite writes its JSON report, we read it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openBrowser, type BrowserSession } from './harness/browser';
import {
  OUTPUT, ROOT, collectLogs, log, makeSandbox, removeSandbox, startCodeServer, workbenchUrl, writeCliExpectation,
  type CodeServer, type Sandbox,
} from './harness/env';
import type { SuiteReport } from './suite/index';

const TIMEOUT_MS = Number(process.env.HOLDOUT_E2E_TIMEOUT_MS ?? 300_000);

export async function runHostTests(): Promise<SuiteReport> {
  let sb: Sandbox | undefined;
  let cs: CodeServer | undefined;
  let br: BrowserSession | undefined;
  let ok = false;
  try {
    sb = makeSandbox('host');
    writeCliExpectation(sb);
    cs = await startCodeServer(sb, 'host');
    br = await openBrowser('host');
    const suite = path.join(ROOT, 'out', 'e2e', 'suite', 'index.js');
    const url = workbenchUrl(cs, sb.workspace, { dev: true, testsPath: suite });
    log(`opening ${url}`);
    await br.page.goto(url);
    // The suite signals completion by writing the report; poll the file (not the editor).
    const deadline = Date.now() + TIMEOUT_MS;
    while (!fs.existsSync(sb.result)) {
      if (Date.now() > deadline) {
        await br.page.screenshot({ path: path.join(OUTPUT, 'host-timeout.png') }).catch(() => undefined);
        throw new Error(`the in-extension-host suite wrote no report within ${TIMEOUT_MS} ms (see ${OUTPUT})`);
      }
      if (cs.proc.exitCode !== null) throw new Error(`code-server exited early; see ${cs.logFile}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const report = JSON.parse(fs.readFileSync(sb.result, 'utf8')) as SuiteReport;
    fs.writeFileSync(path.join(OUTPUT, 'host-report.json'), JSON.stringify(report, null, 2));
    ok = report.ok;
    return report;
  } finally {
    await br?.close();
    await cs?.stop();
    if (sb) collectLogs(sb, 'host');
    removeSandbox(sb);
    if (!ok) log(`logs in ${OUTPUT}`);
  }
}
