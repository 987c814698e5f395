// The experiment graph view in a real editor (code-server + headless chromium): run "Holdout:
// Show Experiment Graph" on churn_leaky.py, see the checklist and the graph rendered by the
// bundled mermaid, the leaking path drawn in the theme's error colour (and a clean node not),
// click a node and see the cursor move to its line; then the same on a notebook, where the click
// lands in the node's cell. Screenshots into test-output/e2e/ and docs/images/ (when missing or
// HOLDOUT_E2E_UPDATE_DOCS=1).
import type { FrameLocator, Page } from 'playwright-core';
import { copyToDocs, expandFolder, openFromExplorer, runCommand, withWorkbench } from './harness/workbench';

/** The graph view's page: VS Code puts a webview's document in an iframe inside an iframe. */
function graphFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready[src*="extensionId=holdout.holdout"]').frameLocator('#active-frame');
}

/** The computed stroke of a node's shape, and the theme's error colour, both as rgb(…). */
async function strokes(frame: FrameLocator, nodeId: string): Promise<{ stroke: string; error: string }> {
  return frame.locator(`g.node[data-holdout-node="${nodeId}"]`).evaluate((g) => {
    const shape = g.querySelector('rect, path, polygon, circle, ellipse')!;
    const probe = document.createElement('span');
    probe.style.color = 'var(--vscode-editorError-foreground)';
    document.body.appendChild(probe);
    const error = getComputedStyle(probe).color;
    probe.remove();
    return { stroke: getComputedStyle(shape).stroke, error };
  });
}

export function runGraphUiTest(): Promise<string[]> {
  return withWorkbench('graph', { viewport: { width: 1600, height: 1000 } }, async ({ page, steps, shot }) => {
    await openFromExplorer(page, 'churn_leaky.py');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ state: 'attached' });
    steps.push('opened churn_leaky.py; Holdout squiggles shown');

    await runCommand(page, 'Holdout: Show Experiment Graph');
    const frame = graphFrame(page);
    await frame.locator('#graph svg g.node').first().waitFor();
    const nodes = await frame.locator('#graph svg g.node[data-holdout-node]').count();
    if (nodes < 8) throw new Error(`the graph shows ${nodes} clickable nodes, expected at least 8`);
    const checklistRows = await frame.locator('#checklist tr').count();
    if (checklistRows < 10) throw new Error(`the checklist shows ${checklistRows} rows`);
    const preprocessing = await frame.locator('#checklist tr', { hasText: 'Was the split created before preprocessing?' }).innerText();
    if (!/no/.test(preprocessing) || !/line 17/.test(preprocessing)) throw new Error(`checklist row: ${preprocessing}`);
    steps.push(`graph view opened beside the editor: the checklist (${checklistRows - 1} questions; preprocessing: no, line 17 cited) and ${nodes} nodes drawn by the bundled mermaid`);

    const leaky = await strokes(frame, 'fit_L17');
    if (leaky.stroke !== leaky.error) throw new Error(`the fitted scaler on the leaking path is drawn in ${leaky.stroke}, the theme's error colour is ${leaky.error}`);
    const clean = await strokes(frame, 'model_L27');
    if (clean.stroke === clean.error) throw new Error('the model, not on the leaking path, is drawn in the error colour too');
    steps.push(`the leaking path is drawn in the theme's error colour (${leaky.error}); the model off the path is not (${clean.stroke})`);
    await page.screenshot({ path: shot('experiment-checklist.png') });
    copyToDocs(shot('experiment-checklist.png'), 'experiment-checklist.png', steps);
    await frame.locator('#graph').evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: shot('experiment-graph.png') });
    copyToDocs(shot('experiment-graph.png'), 'experiment-graph.png', steps);

    await frame.locator('g.node[data-holdout-node="data_L10"]').click();
    await page.locator('.statusbar-item', { hasText: /Ln 10, Col 13\b/ }).first().waitFor();
    steps.push('clicking "data: read_csv" moved the cursor to line 10, column 13 of churn_leaky.py');

    // A notebook: nodes are placed by cell and a click lands in the cell.
    await expandFolder(page, 'notebooks');
    await openFromExplorer(page, 'churn_leaky.ipynb');
    // The tab appears before the notebook editor is the active editor; until it is, the command
    // would draw the script again.
    await page.locator('.statusbar-item', { hasText: /Cell \d+ of \d+/ }).first().waitFor();
    await runCommand(page, 'Holdout: Show Experiment Graph');
    const nbFrame = graphFrame(page);
    await nbFrame.locator('#status', { hasText: 'churn_leaky.ipynb' }).waitFor({ state: 'attached' });
    const nbNode = nbFrame.locator('g.node[data-holdout-node^="fit_c"]').first();
    await nbNode.waitFor();
    const nbId = (await nbNode.getAttribute('data-holdout-node'))!;
    const [, cell, line] = /_c(\d+)_L(\d+)/.exec(nbId)!;
    const nbLeaky = await strokes(nbFrame, nbId);
    if (nbLeaky.stroke !== nbLeaky.error) throw new Error(`notebook: ${nbId} is drawn in ${nbLeaky.stroke}, not the error colour ${nbLeaky.error}`);
    await nbFrame.locator('#graph').evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: shot('experiment-graph-notebook.png') });
    copyToDocs(shot('experiment-graph-notebook.png'), 'experiment-graph-notebook.png', steps);
    await nbNode.click();
    // The status bar names the focused cell ("Cell 5 of 9", counting markdown cells like Holdout).
    await page.locator('.statusbar-item', { hasText: new RegExp(`^\\s*Cell ${cell} of \\d+`) }).first().waitFor();
    steps.push(`notebook churn_leaky.ipynb: ${nbId} (cell ${cell}, line ${line}) in the error colour; clicking it focused cell ${cell} (status bar "Cell ${cell} of …")`);
  });
}
