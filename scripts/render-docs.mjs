// Writes docs/rules/<rule>.md (and the index) from each rule's docs in rules/.
// Run after a build: `npm run docs`. With --check, writes nothing and exits 1 when a page is
// out of date (CI and the meta-test use the same rendering).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { rulePages } = require(join(root, 'out', 'server', 'src', 'cli', 'rule-pages.js'));
const dir = join(root, 'docs', 'rules');
const check = process.argv.includes('--check');
const pages = rulePages();

const read = (file) => {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    return undefined;
  }
};
const stale = [...pages].filter(([file, text]) => read(file) !== text).map(([file]) => file);
let existing = [];
try {
  existing = readdirSync(dir).filter((f) => f.endsWith('.md'));
} catch {}
const orphans = existing.filter((f) => !pages.has(f));

if (check) {
  if (stale.length || orphans.length) {
    console.error(`docs/rules is out of date (${[...stale, ...orphans].join(', ')}): run npm run docs`);
    process.exit(1);
  }
  console.log('docs/rules is up to date');
} else {
  mkdirSync(dir, { recursive: true });
  for (const file of stale) writeFileSync(join(dir, file), pages.get(file));
  for (const file of orphans) rmSync(join(dir, file));
  console.log(`docs/rules: ${stale.length} written, ${orphans.length} removed, ${pages.size - stale.length} unchanged`);
}
