// Comparing output with a stored snapshot file; UPDATE_SNAPSHOTS=1 rewrites it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

/** Compares `actual` with `dir/name` (dir relative to the repository root). */
export function matchSnapshotIn(dir: string, name: string, actual: string): void {
  const folder = path.join(REPO_ROOT, dir);
  const file = path.join(folder, name);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(file)) {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(file, actual);
    if (process.env.UPDATE_SNAPSHOTS !== '1') assert.fail(`snapshot ${name} was missing and has been written; check it and run again`);
    return;
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `output differs from ${dir}/${name} (UPDATE_SNAPSHOTS=1 to accept)`);
}
