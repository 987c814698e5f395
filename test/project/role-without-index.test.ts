// A file's role (library module or entry point) decided without the workspace's import index, so
// the editor's first result need not wait for a large workspace to be indexed: it must be the
// role the index gives, for every file of the fixture projects, or no shortcut at all.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskTexts } from '../../server/src/project/module-store';
import { Projects } from '../../server/src/project/project';
import { WorkspaceModules } from '../../server/src/lsp/workspace-modules';
import { FIXTURES } from '../helpers/paths';

const PROJECTS = path.join(FIXTURES, 'projects');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.name.endsWith('.py') || e.name.endsWith('.ipynb') ? [full] : [];
  });
}

function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-role-'));
  fs.writeFileSync(path.join(dir, 'pyproject.toml'), '');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('every fixture project file: a role decided without the index is the index\'s role', () => {
  let shortcuts = 0;
  let libraries = 0;
  for (const name of fs.readdirSync(PROJECTS).sort()) {
    const root = path.join(PROJECTS, name);
    for (const file of filesUnder(root)) {
      const settings = { fallbackRoot: root };
      const withIndex = new Projects(new DiskTexts()).contextFor(file, settings).library;
      if (withIndex) libraries++;
      const without = new Projects(new DiskTexts()).contextWithoutIndex(file, settings);
      if (!without) continue;
      shortcuts++;
      assert.equal(without.library, withIndex, `${name}/${path.relative(root, file)}`);
    }
  }
  // The check means something: both kinds occur.
  assert.ok(shortcuts > 0 && libraries > 0, `shortcuts ${shortcuts}, libraries ${libraries}`);
});

test('the index is skipped for a notebook, an entry point, and a module nobody names; not for the rest', () => {
  const dir = tempProject({
    'prep.py': 'def prepare(X):\n    return X\n',
    'train.py': 'from prep import prepare\nX = prepare([1])\n',
    'run.py': 'import prep\n\nif __name__ == "__main__":\n    prep.prepare([1])\n',
    'said.py': 'x = 1\n',
    'notes.py': '# said.py is not imported, only named\n',
    'pkg/__init__.py': 'x = 1\n',
    'pkg/user.py': 'from . import x\n',
    'analysis.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: ['import prep\n'] }] }),
  });
  try {
    const projects = new Projects(new DiskTexts());
    const skipped = (name: string): boolean => projects.contextWithoutIndex(path.join(dir, name)) !== undefined;
    assert.deepEqual(
      ['analysis.ipynb', 'run.py', 'train.py', 'notes.py', 'prep.py', 'said.py', 'pkg/__init__.py'].map((n) => [n, skipped(n)]),
      [
        ['analysis.ipynb', true],
        ['run.py', true], // a __main__ block, though prep is imported by it and it names prep
        ['train.py', true], // nobody names train
        ['notes.py', true],
        ['prep.py', false], // imported
        ['said.py', false], // named in a comment: the check is textual, so it is not skipped
        ['pkg/__init__.py', false], // `from . import x` reaches it without its name
      ],
    );
    assert.equal(projects.hasIndexFor(path.join(dir, 'train.py')), false);
    assert.equal(projects.contextFor(path.join(dir, 'prep.py')).library, true);
    assert.equal(projects.hasIndexFor(path.join(dir, 'train.py')), true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the language server\'s modules: a skipped index is built before importers are asked for', () => {
  const dir = tempProject({
    'prep.py': 'def prepare(X):\n    return X\n',
    'train.py': 'from prep import prepare\nX = prepare([1])\n',
  });
  try {
    const modules = new WorkspaceModules();
    const train = path.join(dir, 'train.py');
    const trainText = fs.readFileSync(train, 'utf8');
    modules.opened(train, () => trainText);
    assert.equal(modules.contextFor(train).library, false);
    assert.equal(modules.hasDeferred, true);
    // prep.py edited: train.py imports it, which only the index knows.
    assert.deepEqual([...modules.changed(path.join(dir, 'prep.py'))], [train]);
    assert.equal(modules.hasDeferred, false);
    // An open document that exists only in the editor joins the deferred index with its text.
    const later = new WorkspaceModules();
    const draft = path.join(dir, 'draft.py');
    const draftText = 'import prep\n';
    later.opened(draft, () => draftText);
    assert.equal(later.contextFor(train).library, false);
    later.buildDeferred();
    assert.deepEqual([...later.changed(path.join(dir, 'prep.py'))].sort(), [draft, train].sort());
    // A module an open document names is not decided without the index.
    const named = new WorkspaceModules();
    named.opened(draft, () => 'import train\n');
    named.contextFor(train);
    assert.equal(named.hasDeferred, false);
    // A document only in the editor, analysed without the index, imports prep.py: prep.py's role
    // comes from an index that holds that text.
    fs.writeFileSync(path.join(dir, 'train.py'), 'X = 1\n');
    const editorOnly = new WorkspaceModules();
    editorOnly.opened(draft, () => draftText);
    assert.equal(editorOnly.contextFor(draft).library, false);
    assert.equal(editorOnly.hasDeferred, true);
    assert.equal(editorOnly.contextFor(path.join(dir, 'prep.py')).library, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
