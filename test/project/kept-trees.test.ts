// Which checked files' syntax trees the module store keeps for the run: only those of modules
// other project files import (shared with the importers); an entry point's tree is not kept.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiskTexts } from '../../server/src/project/module-store';
import { Projects } from '../../server/src/project/project';
import { FIXTURES } from '../helpers/paths';

const ROOT = path.join(FIXTURES, 'projects', 'fit-helper');
const file = (name: string) => path.join(ROOT, name);
const read = (name: string) => fs.readFileSync(file(name), 'utf8');

test('an imported module checked as a file shares its tree with its importers', () => {
  const projects = new Projects(new DiskTexts());
  const context = projects.contextFor(file('prep.py'), { fallbackRoot: ROOT });
  assert.equal(context.imported, true);
  const checked = projects.store.syntaxOf(file('prep.py'), read('prep.py'), context.imported);
  const host = projects.store.hostFor(file('train_leaky.py'), { fallbackRoot: ROOT });
  assert.equal(host.resolve(file('train_leaky.py'), 'prep', 0)?.root, checked);
});

test('an entry point that nothing imports is parsed afresh for each analysis, and parsed the same', () => {
  const projects = new Projects(new DiskTexts());
  const context = projects.contextFor(file('train_leaky.py'), { fallbackRoot: ROOT });
  assert.equal(context.imported, false);
  const first = projects.store.syntaxOf(file('train_leaky.py'), read('train_leaky.py'), context.imported);
  const second = projects.store.syntaxOf(file('train_leaky.py'), read('train_leaky.py'), context.imported);
  assert.notEqual(second, first);
  assert.deepEqual([second.end, second.children.map((c) => c.type)], [first.end, first.children.map((c) => c.type)]);
});
