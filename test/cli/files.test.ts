// Finding files: .gitignore (also the repository's, above the folder given), skipped folders,
// virtual environments, explicit files, sorted output.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { discoverFiles } from '../../server/src/cli/files';
import { makeProject } from './cli-helpers';

const project = makeProject({
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.gitignore': 'generated/\n*_tmp.py\n',
  'src/b.py': '',
  'src/a.py': '',
  'src/x_tmp.py': '',
  'src/generated/g.py': '',
  'src/sub/.gitignore': 'local.py\n',
  'src/sub/local.py': '',
  'src/sub/kept.py': '',
  'src/notes.txt': '',
  'src/nb.ipynb': '{}',
  'src/.venv/lib/site.py': '',
  'src/node_modules/m.py': '',
  'src/env2/pyvenv.cfg': '',
  'src/env2/lib/v.py': '',
  'generated/top.py': '',
});
after(project.cleanup);

const rel = (files: string[]): string[] => files.map((f) => path.relative(project.dir, f).split(path.sep).join('/'));

describe('file discovery', () => {
  it('searches folders in sorted order, honouring .gitignore files and skipping environments', () => {
    const { files, errors } = discoverFiles([path.join(project.dir, 'src')]);
    assert.deepEqual(errors, []);
    assert.deepEqual(rel(files), ['src/a.py', 'src/b.py', 'src/nb.ipynb', 'src/sub/kept.py']);
  });

  it('a folder the repository .gitignore ignores is still searched when named', () => {
    assert.deepEqual(rel(discoverFiles([path.join(project.dir, 'generated')]).files), ['generated/top.py']);
  });

  it('files named explicitly are kept as given', () => {
    const given = path.join(project.dir, 'src/x_tmp.py');
    assert.deepEqual(discoverFiles([given]).files, [given]);
  });

  it('a missing path is an error naming it', () => {
    assert.deepEqual(discoverFiles(['no/such.py']).errors, [{ path: 'no/such.py', message: 'no such file or directory' }]);
  });

  it('the exclude callback removes files and folders', () => {
    const { files } = discoverFiles([path.join(project.dir, 'src')], (f) => f.endsWith('sub') || f.endsWith('b.py'));
    assert.deepEqual(rel(files), ['src/a.py', 'src/nb.ipynb']);
  });
});
