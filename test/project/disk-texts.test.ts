// Memory: the language server reads every project file once to build the import index, and
// keeps afterwards only the disk texts of modules some project file imports (the rest are read
// again only when they change). Roles and re-reads stay what they were.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceModules } from '../../server/src/lsp/workspace-modules';

test('after the import index is built, only imported modules keep their disk texts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-disk-texts-'));
  try {
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '');
    const train = path.join(dir, 'train.py');
    const helpers = path.join(dir, 'helpers.py');
    const notes = path.join(dir, 'notes.py');
    fs.writeFileSync(train, 'from helpers import setup\n\nsetup()\n');
    fs.writeFileSync(helpers, 'def setup():\n    return 1\n');
    fs.writeFileSync(notes, 'print("unrelated")\n');
    fs.writeFileSync(path.join(dir, 'explore.ipynb'), JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    const modules = new WorkspaceModules();
    // Nothing names `train`: its first context needs no index, but reads every other file.
    modules.contextFor(train);
    assert.equal(modules.hasDeferred, true);
    assert.equal(modules.diskTexts, 4);
    modules.buildDeferred();
    assert.equal(modules.diskTexts, 1, 'helpers.py, imported by train.py, is the only text kept');
    assert.equal(modules.contextFor(helpers).library, true);
    assert.equal(modules.contextFor(notes).library, false);
    // A released file that changes on disk is read again: its new import joins the index.
    fs.writeFileSync(notes, 'import helpers\n');
    assert.deepEqual([...modules.changed(helpers)], [train]);
    assert.deepEqual([...modules.changed(notes)], []);
    assert.deepEqual([...modules.changed(helpers)].sort(), [notes, train].sort());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
