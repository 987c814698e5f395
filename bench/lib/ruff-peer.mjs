// The peer row: Ruff compiled to WebAssembly (@astral-sh/ruff-wasm-nodejs), installed for the
// benchmark only, into bench/.peer/ (git-ignored; not a dependency of the project, not needed by
// `npm ci`, the tests or CI). Pinned: numbers from run to run compare the same Ruff.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUFF_PACKAGE = '@astral-sh/ruff-wasm-nodejs';
export const RUFF_VERSION = '0.17.4';
const PEER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.peer');
const ENTRY = path.join(PEER_DIR, 'node_modules', RUFF_PACKAGE, 'ruff_wasm.js');

function installedVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(PEER_DIR, 'node_modules', RUFF_PACKAGE, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** The path of Ruff's WebAssembly entry module, installing the pinned version first if needed; undefined when it cannot be had. */
export function ensureRuff(log = () => {}) {
  if (installedVersion() === RUFF_VERSION) return ENTRY;
  log(`peer: npm install --no-save ${RUFF_PACKAGE}@${RUFF_VERSION} into bench/.peer/`);
  try {
    fs.mkdirSync(PEER_DIR, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['install', '--prefix', PEER_DIR, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${RUFF_PACKAGE}@${RUFF_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  } catch (error) {
    log(`peer: could not install ${RUFF_PACKAGE}: ${error.message}`);
    return undefined;
  }
  return installedVersion() === RUFF_VERSION ? ENTRY : undefined;
}
