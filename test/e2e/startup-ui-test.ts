// Start-up in a real editor (code-server + headless chromium, the extension installed from its
// .vsix): the first squiggle after opening a Python file (the extension activates then), a
// window reload with background tabs, a file and a notebook (their problems must show without
// clicking them, and follow a configuration change), "Restart server" (no error in the output),
// and what the "Holdout" output channel says at the default level. The times are measurements, written to test-output/e2e/startup-measurements.json and
// printed; nothing fails on a number.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { cliFindingCount, OUTPUT, writeCliExpectation, type Sandbox } from './harness/env';
import { expandFolder, openFromExplorer, problemBadge, runCommand, withWorkbench } from './harness/workbench';

const ACTIVE = 'readmission_leaky.py';
const BACKGROUND = 'churn_leaky.py';
/** A notebook in a background tab at the reload (examples/notebooks/). */
const NOTEBOOK = 'churn_leaky.ipynb';
const SQUIGGLES = '.editor-instance .monaco-editor .squiggly-error, .editor-instance .monaco-editor .squiggly-warning';

/** The "Holdout" output channel as VS Code writes it to the window's log folder (newest session). */
function outputChannelLog(sb: Sandbox): string {
  const found: { file: string; mtime: number }[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^\d+-Holdout\.log$/.test(entry.name)) found.push({ file: full, mtime: fs.statSync(full).mtimeMs });
    }
  };
  const logs = path.join(sb.userData, 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return found.sort((a, b) => a.mtime - b.mtime).map((f) => fs.readFileSync(f.file, 'utf8')).join('\n');
}

async function waitForLog(sb: Sandbox, what: string, probe: (text: string) => boolean, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = outputChannelLog(sb);
    if (probe(text)) return text;
    if (Date.now() > deadline) throw new Error(`the Holdout output channel never showed ${what}; it has:\n${text || '(nothing)'}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The rules and the count of `holdout check`'s findings in a file of the sandbox (path relative to it). */
function cliFindings(sb: Sandbox, relative: string): { rules: string[]; count: number } {
  const report = JSON.parse(fs.readFileSync(sb.expected, 'utf8')) as { diagnostics: { file: string; rule: string }[] };
  const found = report.diagnostics.filter((d) => path.resolve(sb.workspace, d.file) === path.join(sb.workspace, relative));
  return { rules: [...new Set(found.map((d) => d.rule))].sort(), count: found.length };
}

async function waitForProblemCount(page: Page, count: number, what: string): Promise<void> {
  try {
    await problemBadge(page).filter({ hasText: new RegExp(`^\\s*${count}\\s*$`) }).waitFor({ timeout: 60_000 });
  } catch {
    const shown = await problemBadge(page).innerText().catch(() => '(no badge)');
    throw new Error(`${what}: expected ${count} problems in the Problems badge, it shows ${shown.trim()}`);
  }
}

export function runStartupUiTest(): Promise<string[]> {
  const measurements: Record<string, number | string> = {};
  const record = (key: string, value: number | string): void => {
    measurements[key] = value;
    fs.mkdirSync(OUTPUT, { recursive: true });
    fs.writeFileSync(path.join(OUTPUT, 'startup-measurements.json'), JSON.stringify(measurements, null, 2));
  };
  return withWorkbench('startup', { prepare: writeCliExpectation }, async ({ sb, page, steps }) => {
    // Cold: nothing activated the extension yet; opening a Python file does.
    const opened = Date.now();
    await openFromExplorer(page, BACKGROUND);
    await page.locator(SQUIGGLES).first().waitFor({ state: 'attached' });
    record('coldFirstSquiggleMs', Date.now() - opened);
    steps.push(`cold: ${BACKGROUND} opened from the Explorer, first squiggle after ${measurements.coldFirstSquiggleMs} ms (extension activation included)`);

    // A notebook tab too, then the active file.
    await expandFolder(page, 'notebooks');
    await openFromExplorer(page, NOTEBOOK);
    const notebookCount = cliFindings(sb, `notebooks/${NOTEBOOK}`).count;
    if (notebookCount === 0) throw new Error(`holdout check finds nothing in notebooks/${NOTEBOOK}`);
    const warm = Date.now();
    await openFromExplorer(page, ACTIVE);
    await page.locator('.editor-instance .monaco-editor', { has: page.locator('.squiggly-error, .squiggly-warning') }).first().waitFor({ state: 'attached' });
    record('warmFirstSquiggleMs', Date.now() - warm);
    let all = cliFindingCount(sb, BACKGROUND) + cliFindingCount(sb, ACTIVE) + notebookCount;
    await page.keyboard.press('Control+Shift+M');
    await waitForProblemCount(page, all, 'two files and a notebook open');
    steps.push(`${NOTEBOOK} and ${ACTIVE} opened too (first squiggle after ${measurements.warmFirstSquiggleMs} ms): ${all} problems, as holdout check reports for the three`);

    // A window reload restores the three tabs; VS Code loads only the active one's text (and
    // neither the background file's nor the notebook's).
    await runCommand(page, 'Developer: Reload Window');
    const reloaded = Date.now();
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    await page.locator('.tab.active', { hasText: ACTIVE }).waitFor();
    await page.locator(SQUIGGLES).first().waitFor({ state: 'attached' });
    record('reloadFirstSquiggleMs', Date.now() - reloaded);
    await page.keyboard.press('Control+Shift+M');
    await waitForProblemCount(page, all, `after a reload, without clicking the ${BACKGROUND} and ${NOTEBOOK} tabs`);
    record('reloadAllProblemsMs', Date.now() - reloaded);
    steps.push(`window reloaded: first squiggle after ${measurements.reloadFirstSquiggleMs} ms; the background tabs' problems (a file, a notebook) shown without clicking them (${all} problems after ${measurements.reloadAllProblemsMs} ms)`);

    // A configuration change reaches the background tabs too: a holdout.toml that ignores the
    // background file's rules (the count the CLI gives under it differs only if its problems go).
    const ignored = cliFindings(sb, BACKGROUND).rules;
    fs.writeFileSync(path.join(sb.workspace, 'holdout.toml'), `ignore = [${ignored.map((r) => JSON.stringify(r)).join(', ')}]\n`);
    writeCliExpectation(sb);
    if (cliFindingCount(sb, BACKGROUND) !== 0) throw new Error(`holdout.toml ignoring ${ignored.join(', ')} leaves findings in ${BACKGROUND}`);
    all = cliFindingCount(sb, ACTIVE) + cliFindings(sb, `notebooks/${NOTEBOOK}`).count;
    await waitForProblemCount(page, all, `after holdout.toml ignored ${ignored.join(', ')}, without clicking the ${BACKGROUND} tab`);
    steps.push(`holdout.toml written (ignore ${ignored.join(', ')}): ${all} problems, the background tab's gone without clicking it, as holdout check reports`);

    const beforeRestart = outputChannelLog(sb);
    const starts = (text: string): number => text.split('\n').filter((l) => /Holdout server \S+ started/.test(l)).length;
    await runCommand(page, 'Holdout: Restart server');
    const afterRestart = await waitForLog(sb, 'a second server start', (text) => starts(text) > starts(beforeRestart));
    await waitForProblemCount(page, all, 'after "Restart server"');
    steps.push('"Holdout: Restart server": the server started again, the problems are back');

    // The output channel at the default level (no tracing): start-up, configuration, analyses, and no errors.
    const log = await waitForLog(sb, `an analysis of ${ACTIVE} after the restart`, (text) => text.slice(afterRestart.lastIndexOf('started')).includes(`Analysed ${ACTIVE}`));
    for (const [what, pattern] of [
      ['the server start-up', /Holdout server \S+ started .* in \d+ ms/],
      ['the configuration source', /Configuration for .*: (defaults|.*\.toml)/],
      [`the analysis of the background tab ${BACKGROUND}`, new RegExp(`Analysed ${BACKGROUND.replace('.', '\\.')}.* in \\d+ ms`)],
      ['the restart', /Restarting the Holdout server/],
    ] as const) {
      if (!pattern.test(log)) throw new Error(`the Holdout output channel does not show ${what} (${pattern}); it has:\n${log}`);
    }
    const errors = log.split('\n').filter((l) => /\[Error|exited with code/.test(l));
    if (errors.length) throw new Error(`the Holdout output channel shows errors:\n${errors.join('\n')}`);
    fs.writeFileSync(path.join(OUTPUT, 'startup-output-channel.log'), log);
    steps.push(`the Holdout output channel (default level) shows the start-up, the configuration source, the analyses with timings, and no error (${log.split('\n').length} lines)`);
    steps.push(`measurements: ${JSON.stringify(measurements)}`);
  });
}
