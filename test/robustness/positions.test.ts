// Positions with line breaks of every kind, a BOM, tabs and non-ASCII text before a finding:
// the editor gets UTF-16 characters (LineIndex.position), the CLI code points (humanPosition).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { LineIndex } from '../../server/src/engine/text';
import { HOLDOUT_BIN } from '../helpers/paths';
import { checkInvariants } from './invariants';

const PROGRAM = ['import numpy as np', '', 'PREFIX = 1', 'noise = np.random.normal(size=3)', ''];

function finding(text: string) {
  const f = lint({ text }).findings.find((x) => x.rule === 'unseeded-rng');
  assert.ok(f, 'unseeded-rng expected');
  return { finding: f, lines: new LineIndex(text) };
}

for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['lone CR', '\r']] as const) {
  test(`${name} line breaks: the finding is on line 4`, () => {
    const text = PROGRAM.join(eol);
    const { finding: f, lines } = finding(text);
    assert.deepEqual(lines.position(f.span.start), { line: 3, character: 8 });
    assert.deepEqual(lines.humanPosition(f.span.start), { line: 4, column: 9 });
    checkInvariants(text, { fixAll: true });
  });
}

test('emoji and CJK before a finding: UTF-16 for the editor, code points for the CLI', () => {
  // '😀' is two UTF-16 units and one code point; '数据' two of each.
  const text = ['import numpy as np', '数据 = "😀"; noise = np.random.normal(size=3)', ''].join('\n');
  const { finding: f, lines } = finding(text);
  const prefix = '数据 = "😀"; noise = ';
  assert.deepEqual(lines.position(f.span.start), { line: 1, character: prefix.length });
  assert.deepEqual(lines.humanPosition(f.span.start), { line: 2, column: [...prefix].length + 1 });
  assert.equal(prefix.length - [...prefix].length, 1);
});

test('tabs count as one column', () => {
  const text = ['import numpy as np', 'if True:', '\tnoise = np.random.normal(size=3)', ''].join('\n');
  const { finding: f, lines } = finding(text);
  assert.deepEqual(lines.humanPosition(f.span.start), { line: 3, column: 10 });
});

test('the CLI reports code-point columns after a BOM and non-ASCII text', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-positions-'));
  const file = path.join(dir, 'emoji.py');
  const source = ['import numpy as np', 'ÿ = "😀😀"; 数 = np.random.normal(size=3)', ''].join('\r\n');
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source, 'utf8')]));
  const r = spawnSync(process.execPath, [HOLDOUT_BIN, 'check', '--format', 'json', file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true });
  const report = JSON.parse(r.stdout) as { diagnostics: { rule: string; line: number; column: number }[] };
  const found = report.diagnostics.find((d) => d.rule === 'unseeded-rng');
  assert.ok(found, r.stdout);
  assert.deepEqual([found.line, found.column], [2, [...'ÿ = "😀😀"; 数 = '].length + 1]);
});
