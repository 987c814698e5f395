// Bundles the VS Code extension: dist/client.js (the extension; `vscode` is provided by the
// editor) and dist/server.js (the language server, started as `node dist/server.js lsp
// --node-ipc`). tree-sitter and tree-sitter-python are native: they stay external and ship in
// the .vsix under node_modules/ (see .vscodeignore), where dist/server.js resolves them.
// Also the CLI: dist/cli/holdout.js, which server/bin/holdout.js runs with a V8 code cache, and
// dist/cli/check-worker.js beside it (the worker thread of `check --jobs N`, found next to the
// code that starts it, as in out/). They are not in the .vsix.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // VS Code 1.82 runs extensions on Node 18.
  target: 'node18',
  sourcemap: true,
  logLevel: 'warning',
  define: { HOLDOUT_VERSION: JSON.stringify(version) },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', external: ['tree-sitter', 'tree-sitter-python'] }),
  // The CLI runs on the project's own Node (package.json engines: >=20).
  build({ ...common, target: 'node20', entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli/holdout.js', external: ['tree-sitter', 'tree-sitter-python'] }),
  build({ ...common, target: 'node20', entryPoints: ['server/src/cli/check-worker.ts'], outfile: 'dist/cli/check-worker.js', external: ['tree-sitter', 'tree-sitter-python'] }),
  // The experiment graph view's page, with mermaid bundled in (no CDN: the webview loads nothing else).
  build({ ...common, platform: 'browser', format: 'iife', target: 'chrome114', sourcemap: false, minify: true, entryPoints: ['client/src/webview/graph-view.ts'], outfile: 'dist/graph-view.js' }),
]);
copyFileSync('client/src/webview/graph-view.css', 'dist/graph-view.css');

// The code cache of the new bundle, made by one check of two examples (the functions a check
// compiles): the first `holdout check` a user runs then starts warm. They are checked in a folder
// of their own, a project of two files (in the repository the check would index every Python
// file in it). A cache of the old bundle would never be used (it is keyed by the bundle's bytes);
// it goes all the same.
rmSync('dist/cli/holdout.js.cache', { force: true });
const primeDir = mkdtempSync(path.join(os.tmpdir(), 'holdout-bundle-'));
try {
  for (const example of ['churn_clean.py', 'churn_leaky.py']) copyFileSync(path.join('examples', example), path.join(primeDir, example));
  const env = { ...process.env, HOLDOUT_FROM_SOURCES: '' };
  const prime = spawnSync(process.execPath, ['server/bin/holdout.js', 'check', '--isolated', primeDir], { stdio: 'ignore', env });
  if (prime.status !== 0 && prime.status !== 1) console.warn(`bundle: no code cache for the CLI bundle (holdout check exited ${prime.status})`);
} finally {
  rmSync(primeDir, { recursive: true, force: true });
}
