// `holdout check --format github` and the GitHub job summary: a findings table and, per file
// with findings, the Mermaid graph of its leaking paths, appended to $GITHUB_STEP_SUMMARY.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../helpers/paths';
import { CLEAN, LEAKY, makeProject, runHoldout } from './cli-helpers';

describe('GitHub job summary', () => {
  it('--format github appends the findings table and the leaking paths of each file with findings', () => {
    const project = makeProject({ 'train.py': LEAKY, 'clean.py': CLEAN, 'summary.md': '# Earlier step\n' });
    try {
      const summary = path.join(project.dir, 'summary.md');
      const run = runHoldout(['check', '--format', 'github', '.'], { cwd: project.dir, env: { GITHUB_STEP_SUMMARY: summary } });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /^::error file=train\.py,line=6/m, 'the annotations are still printed');
      const text = fs.readFileSync(summary, 'utf8');
      assert.match(text, /^# Earlier step\n## Holdout\n\n2 findings in 1 of 2 files\./, 'appended, not overwritten');
      assert.match(text, /\| `train\.py` \| line 6 \| error \| `fit-before-split` \| StandardScaler is fitted/);
      assert.match(text, /\| `train\.py` \| line 3 \| warning \| `unseeded-rng` \|/);
      assert.match(text, /### `train\.py`: the leaking paths\n\n```mermaid\nflowchart TD\n/);
      assert.match(text, /fit_L6\["fitted: StandardScaler<br\/><small>line 6<\/small>"\]/);
      assert.match(text, /class [^\n]*fit_L6[^\n]* error/);
      assert.doesNotMatch(text, /clean\.py/, 'files without findings get no graph');
    } finally {
      project.cleanup();
    }
  });

  it('nothing without GITHUB_STEP_SUMMARY or with --no-step-summary; --step-summary with other formats', () => {
    const project = makeProject({ 'train.py': LEAKY });
    try {
      const summary = path.join(project.dir, 'summary.md');
      runHoldout(['check', '--format', 'github', '--no-step-summary', 'train.py'], { cwd: project.dir, env: { GITHUB_STEP_SUMMARY: summary } });
      assert.ok(!fs.existsSync(summary));
      runHoldout(['check', '--format', 'json', 'train.py'], { cwd: project.dir, env: { GITHUB_STEP_SUMMARY: summary } });
      assert.ok(!fs.existsSync(summary), 'json alone writes no summary');
      const run = runHoldout(['check', '--format', 'sarif', '--step-summary', '-o', 'out.sarif', 'train.py'], { cwd: project.dir, env: { GITHUB_STEP_SUMMARY: summary } });
      assert.equal(run.status, 1);
      assert.match(fs.readFileSync(summary, 'utf8'), /```mermaid/);
    } finally {
      project.cleanup();
    }
  });

  it('a clean run says so; an unwritable summary is a note and does not change the exit status', () => {
    const project = makeProject({ 'clean.py': CLEAN });
    try {
      const summary = path.join(project.dir, 'summary.md');
      assert.equal(runHoldout(['check', '--format', 'github', '.'], { cwd: project.dir, env: { GITHUB_STEP_SUMMARY: summary } }).status, 0);
      assert.match(fs.readFileSync(summary, 'utf8'), /No leakage or reproducibility problems found in 1 file\./);
      const bad = runHoldout(['check', '--format', 'github', '.'], { cwd: project.dir, env: { GITHUB_STEP_SUMMARY: path.join(project.dir, 'missing', 'dir', 's.md') } });
      assert.equal(bad.status, 0);
      assert.match(bad.stderr, /cannot write the job summary/);
    } finally {
      project.cleanup();
    }
  });
});

describe('action.yml summary input', () => {
  /** The shell script of the action's "Run holdout check" step. */
  function checkStepScript(): string {
    const action = fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
    const step = action.slice(action.indexOf('id: check'));
    const body = step.slice(step.indexOf('run: |\n') + 'run: |\n'.length);
    const lines: string[] = [];
    for (const line of body.split('\n')) {
      if (line.trim() && !line.startsWith('        ')) break;
      lines.push(line.slice(8));
    }
    return lines.join('\n');
  }

  it('defaults to true, and the step writes the summary (true) or not (false)', () => {
    assert.match(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8'), /^ {2}summary:\n(?: {4}.*\n)*? {4}default: 'true'$/m);
    const project = makeProject({ 'train.py': LEAKY });
    try {
      for (const [input, format, expected] of [['true', 'github', true], ['true', 'sarif', true], ['false', 'github', false]] as const) {
        const summary = path.join(project.dir, `summary-${input}-${format}.md`);
        const result = spawnSync('bash', ['-c', checkStepScript()], {
          cwd: project.dir,
          encoding: 'utf8',
          env: { ...process.env, GITHUB_ACTION_PATH: REPO_ROOT, GITHUB_OUTPUT: path.join(project.dir, 'output'), GITHUB_STEP_SUMMARY: summary, HOLDOUT_PATHS: 'train.py', HOLDOUT_ARGS: '', HOLDOUT_SARIF: 'h.sarif', HOLDOUT_FORMAT: format, HOLDOUT_SUMMARY: input },
        });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(fs.existsSync(summary) && /```mermaid/.test(fs.readFileSync(summary, 'utf8')), expected, `summary: ${input}, format: ${format}`);
      }
    } finally {
      project.cleanup();
    }
  });
});
