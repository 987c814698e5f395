// fixText with misbehaving fixes: broken edits are skipped, a fix that parses worse is dropped
// without taking the good fixes of the same round with it, a no-op fix does not stop the loop.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixText } from '../../server/src/engine/fixes';
import { Finding, Fix } from '../../server/src/engine/types';

const TEXT = 'a = 1\nb = 2\nc = 3\n';

function finding(start: number, fix: Fix): Finding {
  return { rule: 'r', message: 'm', span: { start, end: start + 1 }, severity: 'warning', related: [], fixes: [fix] };
}

/** A lint that offers each fix while its `until` text is absent. */
function linter(fixes: { at: number; fix: Fix; until: string }[]) {
  return (text: string): Finding[] => fixes.filter((f) => !text.includes(f.until)).map((f) => finding(f.at, f.fix));
}

test('overlapping or out-of-range edits inside one fix are skipped, not thrown on', () => {
  const broken: Fix = { title: 'broken', applicability: 'safe', edits: [{ start: 0, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }] };
  const outside: Fix = { title: 'outside', applicability: 'safe', edits: [{ start: 5, end: 999, newText: '' }] };
  const good: Fix = { title: 'good', applicability: 'safe', edits: [{ start: 12, end: 13, newText: 'z' }] };
  const run = fixText(TEXT, linter([{ at: 0, fix: broken, until: '\0' }, { at: 5, fix: outside, until: '\0' }, { at: 12, fix: good, until: 'z =' }]), { unsafe: false });
  assert.equal(run.text, 'a = 1\nb = 2\nz = 3\n');
});

test('a fix that breaks the syntax is dropped; the others of its round still apply', () => {
  const breaks: Fix = { title: 'breaks', applicability: 'safe', edits: [{ start: 0, end: 0, newText: '(' }] };
  const good: Fix = { title: 'good', applicability: 'safe', edits: [{ start: 6, end: 7, newText: 'B' }] };
  const run = fixText(TEXT, linter([{ at: 0, fix: breaks, until: '((' }, { at: 6, fix: good, until: 'B =' }]), { unsafe: false });
  assert.equal(run.text, 'a = 1\nB = 2\nc = 3\n');
  assert.equal(run.applied.get('r'), 1);
});

test('a fix that changes nothing does not stop the others', () => {
  const noop: Fix = { title: 'noop', applicability: 'safe', edits: [{ start: 0, end: 1, newText: 'a' }] };
  const good: Fix = { title: 'good', applicability: 'safe', edits: [{ start: 12, end: 13, newText: 'C' }] };
  const run = fixText(TEXT, linter([{ at: 0, fix: noop, until: '\0' }, { at: 12, fix: good, until: 'C =' }]), { unsafe: false });
  assert.equal(run.text, 'a = 1\nb = 2\nC = 3\n');
});

test('unsafe fixes are held back unless asked for', () => {
  const unsafe: Fix = { title: 'unsafe', applicability: 'unsafe', edits: [{ start: 0, end: 1, newText: 'A' }] };
  const held = fixText(TEXT, linter([{ at: 0, fix: unsafe, until: 'A =' }]), { unsafe: false });
  assert.equal(held.text, TEXT);
  assert.equal(held.heldBack, 1);
  assert.equal(fixText(TEXT, linter([{ at: 0, fix: unsafe, until: 'A =' }]), { unsafe: true }).text, 'A = 1\nb = 2\nc = 3\n');
});
