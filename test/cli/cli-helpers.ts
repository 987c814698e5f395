// Spawning the `holdout` binary and making throwaway project folders for CLI tests.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOLDOUT_BIN } from '../helpers/paths';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runHoldout(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  Object.assign(env, options.env);
  const result = spawnSync(process.execPath, [HOLDOUT_BIN, ...args], { cwd: options.cwd, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder holding `files` (path → content); removed by the returned cleanup. */
export function makeProject(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Leaky code: an unseeded-rng warning (line 3) and a fit-before-split error (line 6). */
export const LEAKY = [
  'import numpy as np',
  'from sklearn.preprocessing import StandardScaler',
  'X = np.random.rand(100, 3)',
  'from sklearn.model_selection import train_test_split',
  'y = X[:, 0] > 0.5',
  'X_scaled = StandardScaler().fit_transform(X)',
  'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)',
  '',
].join('\n');

/** Code with an unseeded-rng warning only. */
export const WARNING_ONLY = ['import numpy as np', 'x = np.random.rand(3)', ''].join('\n');

export const CLEAN = ['import numpy as np', 'np.random.seed(0)', 'x = np.random.rand(3)', ''].join('\n');

export function rulesIn(jsonOutput: string): string[] {
  return (JSON.parse(jsonOutput) as { diagnostics: { rule: string; line: number }[] }).diagnostics.map((d) => `${d.rule}@${d.line}`);
}
