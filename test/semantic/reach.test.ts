// Following values to changed objects (reach.ts), as putting back statements after an edit
// needs it: through fields, maps, sets, arrays and side tables; a changed object reachable from
// the interpreter's tables stops it; what a walk found clean is re-walked once an object it
// reached changes; after writes to objects the tables reach, only those are walked again.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ChangedObjects } from '../../server/src/semantic/reach';
import { sideTable } from '../../server/src/semantic/side-tables';

const attachedTo = sideTable<object, unknown>();

test('a value reaches a changed object through fields, maps, sets, arrays and side tables', () => {
  const box = { elem: 1 };
  const key = {};
  attachedTo.set(key, [box]);
  const walks = new ChangedObjects({}, [], 1000);
  assert.equal(walks.add(new Set([box]), () => []), true);
  assert.equal(walks.reaches({ kind: 'box', box }), true);
  assert.equal(walks.reaches(new Map([['k', { items: [new Set([box])] }]])), true);
  assert.equal(walks.reaches({ via: key }), true, 'through the side table');
  assert.equal(walks.reaches({ other: { elem: 1 } }), false, 'an equal object is not the changed one');
  assert.equal(walks.reaches(undefined), false);
});

test('syntax nodes and the module scope are not followed', () => {
  const box = { elem: 1 };
  const moduleScope = { vars: new Map([['b', box]]) };
  const node = { type: 'identifier', start: 0, children: [], parent: null, held: box };
  const walks = new ChangedObjects(moduleScope, [], 1000);
  walks.add(new Set([box]), () => []);
  assert.equal(walks.reaches({ closure: moduleScope }), false);
  assert.equal(walks.reaches({ site: node }), false);
});

test('a changed object the tables reach cannot be traced to names; running out of allowance is not knowing', () => {
  const box = { elem: 1 };
  const walks = new ChangedObjects({}, [], 1000);
  assert.equal(walks.add(new Set([box]), () => [new Map([['f', { closure: { vars: new Map([['x', box]]) } }]])]), false);
  const small = new ChangedObjects({}, [], 3);
  small.add(new Set([box]), () => []);
  assert.equal(small.reaches({ a: { b: { c: { d: box } } } }), undefined);
});

test('what a walk found clean is walked again once an object it reached changes', () => {
  const first = { elem: 1 };
  const inner = { elem: 2 };
  const holder = { inner };
  const walks = new ChangedObjects({}, [], 1000);
  walks.add(new Set([first]), () => []);
  assert.equal(walks.reaches(holder), false);
  // `inner` was followed (and found clean); now it changes: `holder` reaches a changed object.
  walks.add(new Set([inner]), () => []);
  assert.equal(walks.reaches(holder), true);
  // An object no walk has followed changing leaves what was clean clean (nothing clean reaches it).
  const fresh = { elem: 3 };
  const other = { x: { y: 1 } };
  assert.equal(walks.reaches(other), false);
  walks.add(new Set([fresh]), () => []);
  assert.equal(walks.reaches(other), false);
  assert.equal(walks.reaches({ fresh }), true);
});

test('a write to an object the tables reach makes what it holds now reachable from them; one they do not reach does not', () => {
  const table = new Map<string, object>([['f', { closure: {} }]]);
  const entry = table.get('f') as { closure: object; later?: object };
  const walks = new ChangedObjects({}, [], 1000);
  let walked = 0;
  const tables = () => (walked++, [table]);
  assert.equal(walks.add(new Set([{ elem: 0 }]), tables), true);
  // A statement put back stores `box` in an entry the tables reach; `box` then changes.
  const box = { elem: 1 };
  entry.later = box;
  walks.wrote(entry, 'later');
  const elsewhere = { held: {} };
  walks.wrote(elsewhere, 'held');
  assert.equal(walks.add(new Set([elsewhere.held]), tables), true, 'nothing the tables reach');
  assert.equal(walks.add(new Set([box]), tables), false, 'the tables reach it now');
  assert.equal(walked, 1, 'the tables themselves were walked once');
  // An entry for the interpreter in a side table changes the tables: they are walked again.
  walks.tablesWritten();
  walks.add(new Set([{ elem: 2 }]), tables);
  assert.equal(walked, 2);
});
