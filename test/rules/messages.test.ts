// Meta-test: what every rule says in the Problems panel. Messages are plain text there (no
// Markdown), the panel cuts long rows, and related locations already say where things are, so
// every message and related message of every rule, on every fixture, example and notebook:
//   - is at most 120 characters (the fact first; the rationale belongs to the hover and docs),
//   - has no backticks,
//   - names no line ("at line 12"): the related locations give it, in the right cell.
// Each rule must be seen at least once, so a new rule cannot slip past.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { META_RULES } from '../../server/src/engine/suppressions';
import { lintNotebook } from '../../server/src/notebook';
import { RULES } from '../../rules';
import { EXAMPLES, FIXTURES } from '../helpers/paths';

export const MAX_MESSAGE_LENGTH = 120;

/** What is wrong with a message, or undefined. */
export function messageProblem(message: string): string | undefined {
  if (message.length > MAX_MESSAGE_LENGTH) return `${message.length} characters (at most ${MAX_MESSAGE_LENGTH})`;
  if (message.includes('`')) return 'backticks (the Problems panel shows them literally)';
  if (/\blines? \d/i.test(message)) return 'a line number (related locations give it)';
  if (message.includes('\n')) return 'a line break';
  return undefined;
}

function filesUnder(dir: string, ext: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, ext, out);
    else if (entry.name.endsWith(ext)) out.push(full);
  }
  return out.sort();
}

// Every rule on, unused suppressions reported too.
const CONFIG = { ...DEFAULT_CONFIG, reportUnusedIgnores: true };

// Suppression comments the fixtures rarely hold: each meta-rule message shape once.
const SUPPRESSION_CASES = [
  'x = 1  # holdout: ignroe[unseeded-rng]\n',
  'x = 1  # holdout: ignore[unseeded-rng\n',
  'x = 1  # holdout: ignore[]\n',
  'x = 1  # holdout: ignore[unseeded-rgn]\n',
  'x = 1  # holdout: ignore[unseeded-rng]\n',
  'import numpy as np\nx = np.random.rand(3)  # holdout: ignore[unseeded-rng, fit-before-split]\n',
];

interface Said {
  rule: string;
  where: string;
  message: string;
}

function collect(): Said[] {
  const out: Said[] = [];
  const add = (where: string, findings: readonly { rule: string; message: string; related: readonly { message: string }[] }[]): void => {
    for (const f of findings) {
      out.push({ rule: f.rule, where, message: f.message });
      for (const r of f.related) out.push({ rule: f.rule, where: `${where} (related)`, message: r.message });
    }
  };
  const pyFiles = [...filesUnder(path.join(FIXTURES, 'rules'), '.py'), ...filesUnder(path.join(FIXTURES, 'fixes'), '.py'), ...filesUnder(EXAMPLES, '.py')];
  for (const file of pyFiles) add(path.relative(FIXTURES, file), lint({ text: fs.readFileSync(file, 'utf8'), config: CONFIG }).findings);
  for (const file of [...filesUnder(path.join(FIXTURES, 'notebooks'), '.ipynb'), ...filesUnder(EXAMPLES, '.ipynb')]) {
    add(path.relative(FIXTURES, file), lintNotebook(fs.readFileSync(file, 'utf8'), { config: CONFIG }).findings);
  }
  for (const rule of [...RULES, ...META_RULES]) add(`docs example of ${rule.id}`, lint({ text: rule.docs.example + '\n', config: CONFIG }).findings);
  SUPPRESSION_CASES.forEach((text, i) => add(`suppression case ${i + 1}`, lint({ text, config: CONFIG }).findings));
  return out;
}

const SAID = collect();

for (const rule of [...RULES, ...META_RULES]) {
  test(`${rule.id}: every message is short plain text that names no line`, () => {
    const own = SAID.filter((s) => s.rule === rule.id);
    assert.ok(own.length > 0, `no fixture, example or docs example makes ${rule.id} report`);
    const bad = own.flatMap((s) => {
      const problem = messageProblem(s.message);
      return problem ? [`${s.where}: ${problem}: ${s.message}`] : [];
    });
    assert.deepEqual(bad, []);
  });
}

test('the checks catch what they are for', () => {
  assert.match(messageProblem('x'.repeat(121)) ?? '', /121 characters/);
  assert.match(messageProblem('Pass `random_state`.') ?? '', /backticks/);
  assert.match(messageProblem('split into train and test (line 10): fit it on the training part') ?? '', /line number/);
  assert.match(messageProblem('the split at line 1 of cell 5') ?? '', /line number/);
  assert.equal(messageProblem('StandardScaler is fitted on data that is later split into train and test: fit it on the training part only.'), undefined);
});
