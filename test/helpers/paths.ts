// Paths tests use: the repository root (tests run from out/test/…), fixtures, the binary.
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
export const HOLDOUT_BIN = path.join(REPO_ROOT, 'server', 'bin', 'holdout.js');
