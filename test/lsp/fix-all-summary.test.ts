// The message after "Fix all": what it applied, and what it left for review and why.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixAllSummary } from '../../server/src/lsp/fix-all';

const run = (applied: number[], heldBack: number, remaining: number) => ({ applied: new Map(applied.map((n, k) => [`rule-${k}`, n])), heldBack, remaining });

test('the fix-all message counts the applied fixes and explains what is left', () => {
  assert.equal(fixAllSummary(run([3, 2], 1, 2)), 'Applied 5 safe fixes; 2 problems need review: 1 has an unsafe fix, 1 has none.');
  assert.equal(fixAllSummary(run([1], 0, 0)), 'Applied 1 safe fix; no problems left.');
  assert.equal(fixAllSummary(run([], 0, 0)), 'No problems to fix.');
  assert.equal(fixAllSummary(run([], 2, 2)), 'No safe fix to apply; 2 problems need review: their fixes are unsafe (see their quick fixes).');
  assert.equal(fixAllSummary(run([2], 0, 1)), 'Applied 2 safe fixes; 1 problem needs review: it has no fix.');
  assert.equal(fixAllSummary(run([2], 2, 5)), 'Applied 2 safe fixes; 5 problems need review: 2 have an unsafe fix, 3 have none.');
});
