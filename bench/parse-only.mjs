// The parser floor for the throughput run: reads, decodes and parses every file of a folder
// with the same tree-sitter Holdout uses, and nothing else (notebooks: their code cells).
//   node bench/parse-only.mjs [--convert] FOLDER
// --convert also builds Holdout's plain syntax tree (toSyntax), to show what conversion costs.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listSources, pythonOf } from './lib/files.mjs';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parsePython, toSyntax } = require(path.join(root, 'out/server/src/parser/parser.js'));

const args = process.argv.slice(2);
const convert = args.includes('--convert');
const folder = args.find((a) => !a.startsWith('--'));
let nodes = 0;
const decoder = new TextDecoder('utf-8');
for (const file of listSources(folder)) {
  // As `holdout check` does: the event loop turns between files, so finalizers free old trees.
  await new Promise((resolve) => setImmediate(resolve));
  const text = pythonOf(file, decoder.decode(fs.readFileSync(file)));
  const tree = parsePython(text);
  if (convert) toSyntax(tree);
  nodes += tree.rootNode.endIndex > 0 ? 1 : 0;
}
process.stdout.write(`${nodes}\n`);
