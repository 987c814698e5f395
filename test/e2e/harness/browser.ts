// Headless Debian chromium driven by playwright-core. launchServer (not launch) so that we own
// the browser's PID and can kill it ourselves if playwright's own shutdown does not.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, OUTPUT, killTree, log, track } from './env';

export interface BrowserSession {
  browser: Browser;
  page: Page;
  consoleLog: string[];
  close(): Promise<void>;
}

export async function openBrowser(label: string, viewport = { width: 1440, height: 900 }): Promise<BrowserSession> {
  const server: BrowserServer = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  const pid = server.process().pid;
  log(`chromium pid ${pid}`);
  let browser: Browser | undefined;
  const consoleLog: string[] = [];
  const close = track(async (): Promise<void> => {
    fs.mkdirSync(OUTPUT, { recursive: true });
    fs.writeFileSync(path.join(OUTPUT, `browser-console-${label}.log`), consoleLog.join('\n') + '\n');
    await browser?.close().catch(() => undefined);
    await server.close().catch(() => undefined);
    await killTree(pid, 'chromium');
  });
  try {
    browser = await chromium.connect(server.wsEndpoint());
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${e.stack ?? e.message}`));
    return { browser, page, consoleLog, close };
  } catch (err) {
    await close();
    throw err;
  }
}
