// Output formats: json and github snapshots, github escaping, SARIF 2.1.0 validated against the
// schema in test/fixtures/sarif/, colour selection.
//
// The schema file is a faithful subset of the OASIS SARIF 2.1.0 JSON schema (the full schema could
// not be fetched in the build environment): it transcribes the definitions of every object Holdout
// emits, closed with additionalProperties: false, so a log valid against it is valid against the
// full schema. Replace it with the official sarif-schema-2.1.0.json when one is available.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import type * as Sarif from 'sarif';
import { RULES } from '../../rules';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/formats/github';
import { shouldColor } from '../../server/src/cli/formats';
import { FileReport } from '../../server/src/cli/report';
import { applyEdits } from '../../server/src/engine/fixes';
import { FIXTURES } from '../helpers/paths';
import { makeProject, runHoldout } from './cli-helpers';
import { matchSnapshotIn } from '../helpers/snapshots';

/** Compares with a stored snapshot; UPDATE_SNAPSHOTS=1 rewrites it. */
const matchSnapshot = (name: string, actual: string): void => matchSnapshotIn('test/cli/snapshots', name, actual);

const SELECTION = [
  'import numpy as np',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.preprocessing import StandardScaler',
  'from sklearn.linear_model import LogisticRegression',
  '',
  'X = np.random.rand(100, 3)',
  'y = (X[:, 0] > 0.5).astype(int)',
  'scaler = StandardScaler()',
  'X_scaled = scaler.fit_transform(X)',
  'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)',
  'best = None',
  'for C in [0.1, 1.0, 10.0]:',
  '    model = LogisticRegression(C=C).fit(X_train, y_train)',
  '    score = model.score(X_test, y_test)',
  '    if best is None or score > best[0]:',
  '        best = (score, C)',
  'label = "naïve 🙂"; z = np.random.rand(2)  # holdout: ignore[unseeded-rng, no-such-rule]',
  '',
].join('\n');

const project = makeProject({ 'src/select.py': SELECTION, 'odd, name:1.py': 'import random\nrandom.shuffle([1, 2])\n', 'clean.py': 'x = 1\n' });
after(project.cleanup);
const cwd = project.dir;
const PATHS = ['src/select.py', 'odd, name:1.py', 'clean.py'];

describe('json format', () => {
  it('matches the snapshot (the contract of issue 2)', () => {
    const run = runHoldout(['check', '--format', 'json', ...PATHS], { cwd });
    assert.equal(run.status, 1, run.stderr);
    matchSnapshot('check.json', run.stdout);
  });

  it('has exactly the contract keys, in order', () => {
    const out = JSON.parse(runHoldout(['check', '--format', 'json', ...PATHS], { cwd }).stdout);
    assert.deepEqual(Object.keys(out), ['version', 'diagnostics']);
    assert.equal(out.version, 1);
    for (const d of out.diagnostics) {
      assert.deepEqual(Object.keys(d), ['file', 'rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable', 'related']);
      for (const r of d.related) assert.deepEqual(Object.keys(r), ['line', 'column', 'message']);
    }
  });
});

describe('github format', () => {
  it('matches the snapshot', () => {
    const run = runHoldout(['check', '--format', 'github', ...PATHS], { cwd });
    assert.equal(run.status, 1, run.stderr);
    matchSnapshot('check.github.txt', run.stdout);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('dir:x/a,b%.py'), 'dir%3Ax/a%2Cb%25.py');
  });

  it('writes one command per finding, with severity mapped and the title naming the rule', () => {
    const report: FileReport = {
      file: 'a,b.py',
      notes: [],
      findings: (['error', 'warning', 'info'] as const).map((severity, i) => ({
        file: 'a,b.py',
        rule: 'unseeded-rng',
        severity,
        message: `m${i}: 50%\nsecond line`,
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 9,
        fixable: false,
        related: [],
        frame: { firstLine: 2, lines: [''] },
      })),
    };
    assert.equal(
      formatGithub([report]),
      [
        '::error file=a%2Cb.py,line=2,col=3,endLine=2,endColumn=9,title=holdout unseeded-rng::m0: 50%25%0Asecond line',
        '::warning file=a%2Cb.py,line=2,col=3,endLine=2,endColumn=9,title=holdout unseeded-rng::m1: 50%25%0Asecond line',
        '::notice file=a%2Cb.py,line=2,col=3,endLine=2,endColumn=9,title=holdout unseeded-rng::m2: 50%25%0Asecond line',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when there are no findings', () => {
    const run = runHoldout(['check', '--format', 'github', 'clean.py'], { cwd });
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
  });
});

describe('sarif format', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s\\]/.test(s) && canParse(s, 'file:///base/'));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif', 'sarif-2.1.0-subset.schema.json'), 'utf8')));
  const run = runHoldout(['check', '--format', 'sarif', ...PATHS, 'missing.py'], { cwd });
  const log = JSON.parse(run.stdout) as Sarif.Log;
  const sarifRun = log.runs[0];

  it('is valid SARIF 2.1.0', () => {
    assert.equal(run.status, 2); // missing.py
    assert.ok(validate(log), ajv.errorsText(validate.errors, { separator: '\n' }));
  });

  it('describes every rule in tool.driver', () => {
    const rules = sarifRun.tool.driver.rules!;
    for (const rule of RULES) {
      const d = rules.find((r) => r.id === rule.id);
      assert.ok(d, rule.id);
      assert.equal(d.helpUri, undefined, 'no web address without docs-url');
      assert.equal(d.shortDescription?.text, rule.docs.summary);
      assert.equal(d.fullDescription?.text, rule.docs.whatItDoes);
      assert.equal(d.defaultConfiguration?.level, rule.defaultSeverity === 'info' ? 'note' : rule.defaultSeverity);
      assert.ok(d.name && /^[A-Z][A-Za-z]+$/.test(d.name));
    }
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  });

  it('gives each result its rule index, level, relative URI and 1-based region', () => {
    const rules = sarifRun.tool.driver.rules!;
    const results = sarifRun.results!;
    assert.deepEqual(
      results.map((r) => `${r.ruleId}@${r.locations![0].physicalLocation!.region!.startLine}`),
      ['unseeded-rng@6', 'fit-before-split@9', 'test-in-selection@14', 'invalid-suppression@17', 'unseeded-rng@2'],
    );
    for (const r of results) {
      assert.equal(rules[r.ruleIndex!].id, r.ruleId);
      const loc = r.locations![0].physicalLocation!;
      assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.ok(!path.isAbsolute(loc.artifactLocation!.uri!));
    }
    assert.equal(results[4].locations![0].physicalLocation!.artifactLocation!.uri, 'odd%2C%20name%3A1.py');
    assert.equal(results[0].locations![0].physicalLocation!.artifactLocation!.uri, 'src/select.py');
    assert.equal(results[1].level, 'error');
    assert.equal(results[0].level, 'warning');
    assert.equal(sarifRun.columnKind, 'unicodeCodePoints');
  });

  it('counts columns in code points', () => {
    const invalid = sarifRun.results!.find((r) => r.ruleId === 'invalid-suppression')!;
    const line = SELECTION.split('\n')[16];
    const region = invalid.locations![0].physicalLocation!.region!;
    assert.equal(Array.from(line).slice(region.startColumn! - 1, region.endColumn! - 1).join(''), 'no-such-rule');
  });

  it('carries related locations', () => {
    const selection = sarifRun.results!.find((r) => r.ruleId === 'test-in-selection')!;
    assert.deepEqual(
      selection.relatedLocations!.map((l) => [l.id, l.physicalLocation!.region!.startLine, l.message!.text]),
      [
        [1, 15, 'the choice is made here'],
        [2, 10, 'the test part comes from this split'],
      ],
    );
  });

  it('carries fixes whose replacements give the fixed code', () => {
    const withFix = sarifRun.results!.find((r) => r.ruleId === 'unseeded-rng' && r.fixes)!;
    const fix = withFix.fixes![0];
    assert.match(fix.description!.text!, /\((safe|unsafe) fix\)$/);
    const change = fix.artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'src/select.py');
    // Apply the replacements (regions in lines and code-point columns) to the original text.
    const text = SELECTION;
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
    const offset = (line: number, column: number): number => lineStarts[line - 1] + Array.from(text.slice(lineStarts[line - 1])).slice(0, column - 1).join('').length;
    const edits = change.replacements.map((r) => ({
      start: offset(r.deletedRegion.startLine!, r.deletedRegion.startColumn!),
      end: offset(r.deletedRegion.endLine!, r.deletedRegion.endColumn!),
      newText: r.insertedContent?.text ?? '',
    }));
    const fixed = applyEdits(text, edits);
    assert.match(fixed, /np\.random\.seed\(42\)/);
  });

  it('reports unreadable paths as tool notifications', () => {
    const invocation = sarifRun.invocations![0];
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(
      invocation.toolExecutionNotifications!.map((n) => [n.level, n.message.text, n.locations![0].physicalLocation!.artifactLocation!.uri]),
      [['error', 'missing.py: no such file or directory', 'missing.py']],
    );
  });
});

describe('notebooks in sarif and github', () => {
  const notebook = JSON.stringify({
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# EDA'] },
      { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: ['import numpy as np\n', 'x = np.random.rand(3)\n'] },
    ],
    metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
  const nb = makeProject({ 'eda.ipynb': notebook });
  after(nb.cleanup);

  it('a cell finding has no region (cell lines are not file lines) and names the cell', () => {
    const run = runHoldout(['check', '--format', 'sarif', 'eda.ipynb'], { cwd: nb.dir });
    assert.equal(run.status, 1, run.stderr);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', () => true);
    ajv.addFormat('uri-reference', () => true);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif', 'sarif-2.1.0-subset.schema.json'), 'utf8')));
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    const [result] = log.runs[0].results!;
    assert.equal(result.locations![0].physicalLocation!.region, undefined);
    assert.match(result.message.text!, /^\(cell 2, line 2, column 5\) /);
    const github = runHoldout(['check', '--format', 'github', 'eda.ipynb'], { cwd: nb.dir }).stdout;
    assert.match(github, /^::warning file=eda\.ipynb,title=holdout unseeded-rng::cell 2, line 2, column 5: /);
  });
});

describe('colours', () => {
  it('only on a terminal, NO_COLOR off, FORCE_COLOR on', () => {
    assert.equal(shouldColor({ isTTY: true }, {}), true);
    assert.equal(shouldColor({ isTTY: false }, {}), false);
    assert.equal(shouldColor({}, {}), false);
    assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '' }), true);
    assert.equal(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.equal(shouldColor({ isTTY: false }, { FORCE_COLOR: '0' }), false);
    assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
  });
});

function canParse(s: string, base?: string): boolean {
  try {
    new URL(s, base);
    return true;
  } catch {
    return false;
  }
}
