// Shared by the fix tests: applying every fix to a text, and finding the Python fixtures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixText, FixRun } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';
import { Finding } from '../../server/src/engine/types';
import { EXAMPLES, FIXTURES } from '../helpers/paths';

export const FIX_FIXTURES = path.join(FIXTURES, 'fixes');

export function findings(text: string): Finding[] {
  return lint({ text }).findings;
}

/** Every fix, safe and unsafe, applied until stable (what `--fix --unsafe-fixes` does). */
export function fixAll(text: string, unsafe = true): FixRun {
  return fixText(text, findings, { unsafe });
}

/** `.py` files below a folder (sorted, recursively), skipping expected outputs. */
export function pythonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pythonFiles(full));
    else if (entry.name.endsWith('.py') && !entry.name.endsWith('.fixed.py')) out.push(full);
  }
  return out.sort();
}

/** All Python inputs the property and robustness tests run over. */
export function corpus(): string[] {
  return [...pythonFiles(FIXTURES), ...pythonFiles(EXAMPLES)];
}

export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** Parse errors tree-sitter reports for a text (ERROR and MISSING nodes). */
export { countParseErrors } from './parse-errors';
