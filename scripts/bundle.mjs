// Bundles the VS Code extension: dist/client.js (the extension; `vscode` is provided by the
// editor) and dist/server.js (the language server, started as `node dist/server.js lsp
// --node-ipc`). tree-sitter and tree-sitter-python are native: they stay external and ship in
// the .vsix under node_modules/ (see .vscodeignore), where dist/server.js resolves them.
import { build } from 'esbuild';
import { copyFileSync, readFileSync } from 'node:fs';

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
  // The experiment graph view's page, with mermaid bundled in (no CDN: the webview loads nothing else).
  build({ ...common, platform: 'browser', format: 'iife', target: 'chrome114', sourcemap: false, minify: true, entryPoints: ['client/src/webview/graph-view.ts'], outfile: 'dist/graph-view.js' }),
]);
copyFileSync('client/src/webview/graph-view.css', 'dist/graph-view.css');
