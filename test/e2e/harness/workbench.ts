// A code-server workbench in headless chromium, set up the same way for every UI test: a fresh
// sandbox with examples/, the extension installed from its .vsix (or loaded from the work tree),
// the Explorer showing the folder. Failure screenshots, logs and cleanup are handled here too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { EXTENSION, OUTPUT, ROOT, collectLogs, installVsix, log, makeSandbox, removeSandbox, startCodeServer, workbenchUrl, type CodeServer, type Sandbox } from './env';

export const UI_WAIT_MS = Number(process.env.HOLDOUT_E2E_UI_WAIT_MS ?? 90_000);

export interface Workbench {
  sb: Sandbox;
  page: Page;
  /** What the test did, in order (printed by run.ts; the last ones are logged on failure). */
  steps: string[];
  /** A path in test-output/e2e/. */
  shot(name: string): string;
}

export interface WorkbenchOptions {
  viewport?: { width: number; height: number };
  /** Runs on the sandbox before code-server starts (e.g. writes the CLI's expectation). */
  prepare?: (sb: Sandbox) => void;
}

/**
 * Runs `body` in a fresh workbench and returns its steps. Default: the way users get it, `vsce
 * package` + `code-server --install-extension`; HOLDOUT_E2E_UI_FROM=dev (or another
 * HOLDOUT_E2E_EXTENSION_PATH) loads the work tree as a development extension instead.
 */
export async function withWorkbench(label: string, options: WorkbenchOptions, body: (w: Workbench) => Promise<void>): Promise<string[]> {
  const steps: string[] = [];
  let sb: Sandbox | undefined;
  let cs: CodeServer | undefined;
  let br: BrowserSession | undefined;
  const shot = (name: string): string => path.join(OUTPUT, name);
  try {
    sb = makeSandbox(label);
    options.prepare?.(sb);
    const fromVsix = (process.env.HOLDOUT_E2E_UI_FROM ?? (EXTENSION === ROOT ? 'vsix' : 'dev')) === 'vsix';
    if (fromVsix) {
      installVsix(sb);
      steps.push('packaged the extension with vsce and installed the .vsix into code-server');
    }
    cs = await startCodeServer(sb, label);
    br = await openBrowser(label, options.viewport);
    const { page } = br;
    page.setDefaultTimeout(UI_WAIT_MS);
    await page.goto(workbenchUrl(cs, sb.workspace, { dev: !fromVsix }));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'attached' });
    steps.push('workbench loaded with the examples folder');
    fs.mkdirSync(OUTPUT, { recursive: true });
    await body({ sb, page, steps, shot });
    return steps;
  } catch (err) {
    await br?.page.screenshot({ path: shot(`${label}-failure.png`) }).catch(() => undefined);
    const html = await br?.page.content().catch(() => undefined);
    if (html) fs.writeFileSync(shot(`${label}-failure.html`), html);
    log(`${label} UI test failed after: ${steps.join('; ')}`);
    throw err;
  } finally {
    await br?.close();
    await cs?.stop();
    if (sb) collectLogs(sb, label);
    removeSandbox(sb);
  }
}

/** Opens a file of the Explorer's open folder by double-clicking it; waits for its tab. */
export async function openFromExplorer(page: Page, name: string): Promise<void> {
  const entry = page.locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) });
  await entry.first().dblclick();
  await page.locator('.tab.active', { hasText: name }).waitFor();
}

/** Expands a folder of the Explorer. */
export async function expandFolder(page: Page, name: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: new RegExp(`^${name}$`) }).first().click();
}

/** Presses `shortcut`, types `text` into the quick input that opens, and accepts it. */
export async function quickInput(page: Page, shortcut: string, text: string): Promise<void> {
  await page.keyboard.press(shortcut);
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  await input.fill(text);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 20_000 });
}

/** Runs a command from the palette (F1); fails if the palette does not list it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 20_000 });
}

/** A notification toast whose message matches. */
export function notification(page: Page, message: RegExp): Locator {
  return page.locator('.notifications-toasts .notification-list-item-message', { hasText: message });
}

/**
 * Marker rows of the Problems tree: "<message> holdout(<rule>) [Ln l, Col c]", where the
 * parentheses are CSS. The file's row and the related-information rows have no .marker-source.
 */
export function problemRows(page: Page): Locator {
  return page.locator('.markers-panel .monaco-list-row', { has: page.locator('.marker-source', { hasText: /^holdout$/ }) });
}

/** The count on the Problems tab (the tree is virtualized: not every row need be rendered). */
export function problemBadge(page: Page): Locator {
  return page.locator('.part.panel .composite-bar .action-item', { hasText: 'Problems' }).locator('.badge-content');
}

/** Copies a screenshot into docs/images/ when missing or HOLDOUT_E2E_UPDATE_DOCS=1 (tracked binaries). */
export function copyToDocs(shot: string, name: string, steps: string[]): void {
  const docImage = path.join(ROOT, 'docs', 'images', name);
  if (fs.existsSync(docImage) && process.env.HOLDOUT_E2E_UPDATE_DOCS !== '1') return;
  fs.mkdirSync(path.dirname(docImage), { recursive: true });
  fs.copyFileSync(shot, docImage);
  steps.push(`README image written to ${path.relative(ROOT, docImage)}`);
}
