// Rule fixtures: real Python files with the expected finding written on the offending line
// (`# expect: rule-id`). Every file in test/fixtures/rules/<rule>/ is linted; the lines where
// that rule reports must be exactly the lines that expect it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { LineIndex } from '../../server/src/engine/text';
import { RULES } from '../../rules';
import { FIXTURES } from '../helpers/paths';

const EXPECT = /#\s*expect:\s*([\w\-, ]+)/;

export function expectedLines(text: string, rule: string): number[] {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const match = EXPECT.exec(line);
    if (match && match[1].split(',').map((s) => s.trim()).includes(rule)) out.push(i + 1);
  });
  return out;
}

export function reportedLines(text: string, rule: string): number[] {
  const result = lint({ text });
  const lines = new LineIndex(text);
  const out = result.findings.filter((f) => f.rule === rule).map((f) => lines.lineOf(f.span.start) + 1);
  return [...new Set(out)].sort((a, b) => a - b);
}

for (const rule of RULES) {
  const dir = path.join(FIXTURES, 'rules', rule.id);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.py')).sort() : [];
  test(`${rule.id} has at least 15 fixtures, half of them clean look-alikes`, () => {
    assert.ok(files.length >= 15, `${files.length} fixtures`);
    const clean = files.filter((f) => expectedLines(fs.readFileSync(path.join(dir, f), 'utf8'), rule.id).length === 0);
    assert.ok(clean.length * 2 >= files.length - 1, `${clean.length} clean of ${files.length}`);
  });
  for (const file of files) {
    test(`${rule.id}: ${file}`, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.deepEqual(reportedLines(text, rule.id), expectedLines(text, rule.id));
    });
  }
}
