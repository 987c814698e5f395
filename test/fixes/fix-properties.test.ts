// Properties of every fix over every fixture and example (test/fixtures/**/*.py, examples/**/*.py):
// each fix alone parses no worse, removes its finding and adds none; applying all fixes
// (safe and unsafe) parses no worse and is stable (a second run changes nothing).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/engine/fixes';
import { REPO_ROOT } from '../helpers/paths';
import { mapOffset } from './edit-map';
import { corpus, countParseErrors, findings, fixAll, readText } from './fix-support';

const files = corpus();

test('the property corpus is not empty', () => {
  assert.ok(files.length > 10, `${files.length} files`);
});

for (const file of files) {
  const name = path.relative(REPO_ROOT, file);
  test(`fix properties: ${name}`, () => {
    const text = readText(file);
    const before = findings(text);
    const baseErrors = countParseErrors(text);
    for (const finding of before) {
      for (const fix of finding.fixes) {
        const label = `${name}: ${finding.rule} fix "${fix.title}"`;
        const next = applyEdits(text, fix.edits);
        assert.ok(countParseErrors(next) <= baseErrors, `${label} parses worse`);
        const after = findings(next);
        const at = mapOffset(finding.span.start, fix.edits);
        assert.ok(!after.some((a) => a.rule === finding.rule && a.span.start === at), `${label}: the finding is still reported`);
        for (const a of after) {
          const old = before.some((b) => b.rule === a.rule && mapOffset(b.span.start, fix.edits) === a.span.start);
          assert.ok(old, `${label}: new ${a.rule} finding at offset ${a.span.start}: ${a.message}`);
        }
      }
    }
    const once = fixAll(text);
    assert.ok(countParseErrors(once.text) <= baseErrors, `${name}: all fixes together parse worse`);
    assert.ok(findings(once.text).length <= before.length, `${name}: more findings after fixing`);
    const twice = fixAll(once.text);
    assert.equal(twice.text, once.text, `${name}: a second fix run changed the text`);
    assert.equal([...twice.applied.values()].reduce((a, b) => a + b, 0), 0);
  });
}
