// Expected outputs: test/fixtures/fixes/<rule>/NAME.py with every fix applied must equal
// NAME.fixed.py byte for byte. HOLDOUT_UPDATE_FIXES=1 rewrites the expected files (review the diff).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../rules';
import { findings, FIX_FIXTURES, fixAll, pythonFiles, readText } from './fix-support';

const update = process.env.HOLDOUT_UPDATE_FIXES === '1';

for (const rule of RULES.filter((r) => r.fix !== 'none')) {
  test(`${rule.id}: has fix fixtures`, () => {
    assert.ok(pythonFiles(path.join(FIX_FIXTURES, rule.id)).length > 0, `no fixtures in test/fixtures/fixes/${rule.id}`);
  });
}

for (const file of pythonFiles(FIX_FIXTURES)) {
  const rule = path.basename(path.dirname(file));
  const name = path.relative(FIX_FIXTURES, file);
  test(`fix fixture ${name}`, () => {
    const input = readText(file);
    assert.ok(findings(input).some((f) => f.rule === rule && f.fixes.length), `${name}: no fixable ${rule} finding`);
    const run = fixAll(input);
    const expectedFile = file.replace(/\.py$/, '.fixed.py');
    if (update) fs.writeFileSync(expectedFile, run.text);
    assert.equal(run.text, readText(expectedFile));
    assert.deepEqual(findings(run.text).filter((f) => f.rule === rule), [], `${name}: ${rule} still reported after fixing`);
    // Line endings: a CRLF file gets CRLF lines only.
    if (input.includes('\r\n')) assert.ok(!/[^\r]\n/.test(run.text), `${name}: LF line inserted into a CRLF file`);
  });
}
