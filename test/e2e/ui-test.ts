// The UI test: a person's view of Holdout in code-server, driven through headless chromium.
// Open a leaky example, see the squiggles and the Problems panel rows, put the cursor on a
// finding, open the quick-fix menu (Ctrl+.) and pick the fix, see the problem disappear.
// Screenshots go to test-output/e2e/; the one with the quick-fix menu open is also copied to
// docs/images/editor.png for the README when that is missing or HOLDOUT_E2E_UPDATE_DOCS=1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './harness/browser';
import {
  EXTENSION, OUTPUT, ROOT, cliFindingCount, collectLogs, installVsix, writeCliExpectation, log, makeSandbox, removeSandbox, startCodeServer, workbenchUrl,
  type CodeServer, type Sandbox,
} from './harness/env';

const FILE = 'churn_leaky.py';
const FIX_LINE = 23; // GradientBoostingClassifier() — unseeded-rng, fix "Pass random_state=42"
const FIX_COLUMN = 17;
const FIXED_MESSAGE = /GradientBoostingClassifier is unseeded/;
const WAIT = Number(process.env.HOLDOUT_E2E_UI_WAIT_MS ?? 90_000);

async function quickInput(page: Page, shortcut: string, text: string): Promise<void> {
  await page.keyboard.press(shortcut);
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  await input.fill(text);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 20_000 });
}

function problemRows(page: Page): Locator {
  // Marker rows of the Problems tree: "<message> holdout(<rule>) [Ln l, Col c]", where the
  // parentheses are CSS. The file's row and the related-information rows have no .marker-source.
  return page.locator('.markers-panel .monaco-list-row', { has: page.locator('.marker-source', { hasText: /^holdout$/ }) });
}

export async function runUiTest(): Promise<string[]> {
  const steps: string[] = [];
  let sb: Sandbox | undefined;
  let cs: CodeServer | undefined;
  let br: BrowserSession | undefined;
  const shot = (name: string): string => path.join(OUTPUT, name);
  try {
    sb = makeSandbox('ui');
    writeCliExpectation(sb);
    // Default: the way users get it, `vsce package` + `code-server --install-extension`. With
    // HOLDOUT_E2E_UI_FROM=dev (or another HOLDOUT_E2E_EXTENSION_PATH) it loads the work tree as a
    // development extension instead.
    const fromVsix = (process.env.HOLDOUT_E2E_UI_FROM ?? (EXTENSION === ROOT ? 'vsix' : 'dev')) === 'vsix';
    if (fromVsix) {
      installVsix(sb);
      steps.push('packaged the extension with vsce and installed the .vsix into code-server');
    }
    cs = await startCodeServer(sb, 'ui');
    br = await openBrowser('ui');
    const { page } = br;
    page.setDefaultTimeout(WAIT);
    await page.goto(workbenchUrl(cs, sb.workspace, { dev: !fromVsix }));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'attached' });
    steps.push('workbench loaded with the examples folder');

    // Open the file from the Explorer (Quick Open's file search is slower and indexes lazily).
    const entry = page.locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: new RegExp(`^${FILE.replace('.', '\\.')}$`) });
    await entry.first().dblclick();
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await page.locator('.tab.active', { hasText: FILE }).waitFor();
    await editor.waitFor({ state: 'visible' });
    steps.push(`opened ${FILE} from the Explorer`);

    const squiggles = editor.locator('.squiggly-error, .squiggly-warning');
    await squiggles.first().waitFor({ state: 'attached' });
    steps.push(`squiggles shown (${await squiggles.count()} decorations in view)`);

    await page.keyboard.press('Control+Shift+M');
    const rows = problemRows(page);
    await rows.first().waitFor();
    await page.locator('.markers-panel .monaco-list-row', { hasText: FIXED_MESSAGE }).first().waitFor();
    // The count on the Problems tab (the tree is virtualized: not every row need be rendered).
    const badge = page.locator('.part.panel .composite-bar .action-item', { hasText: 'Problems' }).locator('.badge-content');
    const problemCount = async (): Promise<number> => Number((await badge.innerText()).trim());
    const before = await problemCount();
    const cli = cliFindingCount(sb, FILE);
    if (before !== cli) throw new Error(`the Problems panel shows ${before} problems, holdout check reports ${cli} for ${FILE}`);
    const texts = await rows.allInnerTexts();
    for (const rule of ['fit-before-split', 'test-in-selection', 'unseeded-rng']) {
      if (!texts.some((t) => t.includes(rule))) throw new Error(`no ${rule} row in the Problems panel:\n${texts.join('\n')}`);
    }
    steps.push(`Problems panel lists ${before} problems (as many as holdout check reports), rows for fit-before-split, test-in-selection, unseeded-rng`);

    // Cursor onto the finding, then the quick-fix menu.
    await editor.click({ position: { x: 300, y: 40 } });
    await quickInput(page, 'Control+G', `:${FIX_LINE}:${FIX_COLUMN}`); // ':' = Go to Line
    // The light bulb in the gutter; the "autofix" variant means a preferred fix is on offer.
    const bulb = editor.locator('.codicon-lightbulb-autofix, .lightBulbWidget.codicon-lightbulb-autofix');
    await bulb.first().waitFor({ state: 'visible' });
    steps.push('light bulb (preferred-fix variant) shown on the flagged line');
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    const fixItem = menu.locator('.monaco-list-row.action', { hasText: 'random_state' }).first();
    await fixItem.waitFor({ state: 'visible' });
    const menuItems = await menu.locator('.monaco-list-row.action').allInnerTexts();
    for (const title of ['Disable unseeded-rng for this line', 'Show documentation for unseeded-rng']) {
      if (!menuItems.some((t) => t.includes(title))) throw new Error(`quick-fix menu lacks "${title}": ${JSON.stringify(menuItems)}`);
    }
    // The menu is keyboard-driven (a pointer blocker covers it): move the focus to the fix.
    for (let i = 0; i < menuItems.length && !(await fixItem.evaluate((el) => el.classList.contains('focused'))); i++) {
      await page.keyboard.press('ArrowDown');
    }
    if (!(await fixItem.evaluate((el) => el.classList.contains('focused')))) throw new Error('could not focus the fix in the quick-fix menu');
    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: shot('editor-quickfix.png') });
    steps.push(`quick-fix menu: ${menuItems.map((t) => t.trim()).join(' | ')}`);

    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    await editor.locator('.view-line', { hasText: 'GradientBoostingClassifier(random_state=42)' }).waitFor();
    await page.locator('.markers-panel .monaco-list-row', { hasText: FIXED_MESSAGE }).waitFor({ state: 'detached' });
    await badge.filter({ hasText: new RegExp(`^\\s*${before - 1}\\s*$`) }).waitFor();
    const after = await problemCount();
    if (after !== before - 1) throw new Error(`expected ${before - 1} problems after the fix, found ${after}`);
    steps.push(`applied "Pass random_state=42": the finding left the Problems panel (${before} -> ${after} problems)`);
    await page.screenshot({ path: shot('editor-after-fix.png') });

    // The README's image is tracked: refreshed when missing or asked for, so that every run does
    // not leave a changed binary in the work tree.
    const docImage = path.join(ROOT, 'docs', 'images', 'editor.png');
    if (!fs.existsSync(docImage) || process.env.HOLDOUT_E2E_UPDATE_DOCS === '1') {
      fs.mkdirSync(path.dirname(docImage), { recursive: true });
      fs.copyFileSync(shot('editor-quickfix.png'), docImage);
      steps.push(`screenshots in ${OUTPUT}; README image written to ${path.relative(ROOT, docImage)}`);
    } else {
      steps.push(`screenshots in ${OUTPUT} (HOLDOUT_E2E_UPDATE_DOCS=1 also refreshes ${path.relative(ROOT, docImage)})`);
    }
    return steps;
  } catch (err) {
    await br?.page.screenshot({ path: shot('ui-failure.png') }).catch(() => undefined);
    const html = await br?.page.content().catch(() => undefined);
    if (html) fs.writeFileSync(shot('ui-failure.html'), html);
    log(`UI test failed after: ${steps.join('; ')}`);
    throw err;
  } finally {
    await br?.close();
    await cs?.stop();
    if (sb) collectLogs(sb, 'ui');
    removeSandbox(sb);
  }
}
