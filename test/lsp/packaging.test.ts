// The .vsix as users install it: built with the project's packaging recipe, it holds the icon,
// the extension's own README (not the developer README) and every image that README shows, and
// no file in it points at an image that is missing or was rewritten to a web address.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

function unzip(args: string[]): string {
  const r = spawnSync('unzip', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `unzip ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Image references in Markdown or HTML: ![alt](target "title") and <img src="target">. */
function imageTargets(text: string): string[] {
  const markdown = [...text.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const html = [...text.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]);
  return [...markdown, ...html];
}

test('the packaged extension has its icon, its own README and every image the README shows', { timeout: 300_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-vsix-'));
  try {
    const vsix = path.join(dir, 'holdout.vsix');
    const pack = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package-vsix.mjs'), vsix], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(pack.status, 0, `packaging failed:\n${pack.stdout}\n${pack.stderr}`);
    const files = new Set(unzip(['-Z1', vsix]).split('\n').filter(Boolean));
    const read = (file: string): string => unzip(['-p', vsix, file]);

    const manifest = JSON.parse(read('extension/package.json')) as { icon?: string; galleryBanner?: { color?: string; theme?: string } };
    assert.ok(manifest.icon, 'package.json names an icon');
    const icon = `extension/${manifest.icon}`;
    assert.ok(files.has(icon), `the icon ${icon} is in the package`);
    const png = spawnSync('unzip', ['-p', vsix, icon], { maxBuffer: 1024 * 1024 }).stdout;
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'the icon is a PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'the icon is 128 x 128');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.match(read('extension.vsixmanifest'), /<Icon>extension\/client\/assets\/icon\.png<\/Icon>/);

    // The extension page shows extension/readme.md: the user's README, not the developer's.
    const readme = read('extension/readme.md');
    assert.equal(readme, fs.readFileSync(path.join(REPO_ROOT, 'README.extension.md'), 'utf8'), 'readme.md is README.extension.md, links unchanged');
    assert.doesNotMatch(readme, /npm (install|test|ci)\b/, 'no developer set-up on the extension page');
    assert.ok(!files.has('extension/README.md'), 'the developer README stays out of the package');
    // The CLI bundle and its V8 code cache (made for this machine's Node) are not the extension's.
    assert.deepEqual([...files].filter((f) => f.startsWith('extension/dist/cli/') || f.endsWith('.cache')), []);
    assert.ok(files.has('extension/dist/server.js'));

    // Every image any packaged Markdown file shows is in the package (relative to that file).
    let images = 0;
    for (const file of [...files].filter((f) => f.endsWith('.md'))) {
      for (const target of imageTargets(read(file))) {
        assert.doesNotMatch(target, /^[a-z][a-z0-9+.-]*:/i, `${file} shows ${target}, not an image of the package`);
        const inPackage = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target.split('#')[0])));
        assert.ok(files.has(inPackage), `${file} shows ${target}: ${inPackage} is not in the package`);
        if (file === 'extension/readme.md') images++;
      }
    }
    assert.ok(images >= 1, 'the README shows a screenshot');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
