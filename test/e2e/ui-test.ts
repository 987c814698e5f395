// The UI test: a person's view of Holdout in code-server, driven through headless chromium.
// Open a leaky example, see the squiggles and the Problems panel rows, put the cursor on a
// finding, open the quick-fix menu (Ctrl+.) and pick the fix, see the problem disappear; then
// "Fix all" from the palette, in the file and inside a notebook cell, and its message saying what
// is left. Screenshots go to test-output/e2e/; the one with the quick-fix menu open is also
// copied to docs/images/editor.png for the README when that is missing or HOLDOUT_E2E_UPDATE_DOCS=1.
import { cliFindingCount, writeCliExpectation } from './harness/env';
import { copyToDocs, expandFolder, notification, openFromExplorer, problemBadge, problemRows, quickInput, runCommand, withWorkbench } from './harness/workbench';

const FILE = 'churn_leaky.py';
const FIX_LINE = 23; // GradientBoostingClassifier() — unseeded-rng, fix "Pass random_state=42"
const FIX_COLUMN = 17;
const FIXED_MESSAGE = /GradientBoostingClassifier is unseeded/;
const FIX_ALL = 'Holdout: Fix all leakage problems';

export function runUiTest(): Promise<string[]> {
  return withWorkbench('ui', { prepare: writeCliExpectation }, async ({ sb, page, steps, shot }) => {
    // Open the file from the Explorer (Quick Open's file search is slower and indexes lazily).
    await openFromExplorer(page, FILE);
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ state: 'visible' });
    steps.push(`opened ${FILE} from the Explorer`);

    const squiggles = editor.locator('.squiggly-error, .squiggly-warning');
    await squiggles.first().waitFor({ state: 'attached' });
    steps.push(`squiggles shown (${await squiggles.count()} decorations in view)`);

    await page.keyboard.press('Control+Shift+M');
    const rows = problemRows(page);
    await rows.first().waitFor();
    await page.locator('.markers-panel .monaco-list-row', { hasText: FIXED_MESSAGE }).first().waitFor();
    const badge = problemBadge(page);
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
    copyToDocs(shot('editor-quickfix.png'), 'editor.png', steps);

    // "Fix all" from the palette: the message says what it applied and what is left.
    await editor.click({ position: { x: 300, y: 40 } });
    await runCommand(page, FIX_ALL);
    const fileMessage = notification(page, /^Holdout: Applied \d+ safe fix/);
    await fileMessage.first().waitFor();
    steps.push(`"${FIX_ALL}" in ${FILE}: "${(await fileMessage.first().innerText()).trim()}"`);
    await page.screenshot({ path: shot('fix-all-message.png') });

    // Inside a notebook cell: the palette offers "Fix all" and fixes the whole notebook.
    await expandFolder(page, 'notebooks');
    await openFromExplorer(page, 'churn_leaky.ipynb');
    await page.locator('.markers-panel .monaco-list-row', { hasText: /\(cell 9\)/ }).first().waitFor();
    // Into the first code cell's editor (any cell will do: the whole notebook is fixed).
    await page.locator('.notebook-editor .cell-editor-container .monaco-editor', { hasText: 'import numpy as np' }).first().click();
    await runCommand(page, FIX_ALL);
    const notebookMessage = notification(page, /^Holdout: Applied 2 safe fixes; 1 problem needs review/);
    await notebookMessage.first().waitFor();
    steps.push(`"${FIX_ALL}" from inside a notebook cell: "${(await notebookMessage.first().innerText()).trim()}"`);
    await page.screenshot({ path: shot('fix-all-notebook-message.png') });
  });
}
