// Renders client/assets/icon.svg to client/assets/icon.png (128 x 128, the extension's icon:
// vsce wants a PNG) with the chromium the real-editor tests use. Run after editing the SVG;
// the PNG is tracked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'client', 'assets', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.HOLDOUT_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'client', 'assets', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
