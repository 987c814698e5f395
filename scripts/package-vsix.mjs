// Packages the extension: `node scripts/package-vsix.mjs [out.vsix]` (npm run package, the
// real-editor tests and the packaging test use this one recipe). The extension page shows
// README.extension.md (the user's README; README.md at the root is the developer's), with its
// relative image links kept relative: they resolve inside the package, where docs/images/ is.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'holdout.vsix'));
const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
const run = spawnSync(vsce, ['package', '--readme-path', 'README.extension.md', '--no-rewrite-relative-links', '--out', out], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
