// The test set used many times: test-in-selection's warning case (several models scored and
// compared on one test split), its related locations and its `test-reuse` setting; the shared
// query the experiment checklist counts with; and no-held-out-data's severity and locations.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG, HoldoutConfig } from '../../server/src/engine/config';
import { ConfigError, parseConfigText } from '../../server/src/engine/config-loader';
import { LineIndex } from '../../server/src/engine/text';
import { answerChecklist } from '../../server/src/experiment/checklist';
import { testEvaluations, testReuses } from '../../server/src/semantic/test-use';
import { RULES } from '../../rules';
import { FIXTURES } from '../helpers/paths';

const fixture = (rule: string, name: string): string => fs.readFileSync(path.join(FIXTURES, 'rules', rule, name), 'utf8');

function findings(text: string, rule: string, config: HoldoutConfig = DEFAULT_CONFIG): { line: number; severity: string; related: number[] }[] {
  const result = lint({ text, config: { ...config, select: [rule] } });
  const lines = new LineIndex(text);
  return result.findings.map((f) => ({ line: lines.lineOf(f.span.start) + 1, severity: f.severity, related: f.related.map((r) => lines.lineOf(r.span.start) + 1) }));
}

const ONE_BY_ONE = fixture('test-in-selection', 'reuse_models_written_one_by_one.py');
const LOOP = fixture('test-in-selection', 'reuse_models_dict_loop_printed.py');
const EXPLICIT = fixture('test-in-selection', 'two_variants_compared_without_loop.py');

test('models compared on one test split are a warning at the second evaluation, with every evaluation and the split related', () => {
  assert.deepEqual(findings(ONE_BY_ONE, 'test-in-selection'), [{ line: 14, severity: 'warning', related: [11, 8] }]);
});

test('a loop that changes the model is reported at its evaluation, with the loop as a related location', () => {
  assert.deepEqual(findings(LOOP, 'test-in-selection'), [{ line: 19, severity: 'warning', related: [16, 10] }]);
});

test('an explicit choice on the same scores stays one error and adds no warning', () => {
  assert.deepEqual(findings(EXPLICIT, 'test-in-selection').map((f) => f.severity), ['error']);
});

test('test-reuse sets the warning\'s severity or turns it off; the rule\'s own severity wins', () => {
  assert.deepEqual(findings(ONE_BY_ONE, 'test-in-selection', { ...DEFAULT_CONFIG, testReuse: 'info' }).map((f) => f.severity), ['info']);
  assert.deepEqual(findings(ONE_BY_ONE, 'test-in-selection', { ...DEFAULT_CONFIG, testReuse: 'off' }), []);
  assert.deepEqual(findings(EXPLICIT, 'test-in-selection', { ...DEFAULT_CONFIG, testReuse: 'off' }).map((f) => f.severity), ['error']);
  assert.deepEqual(findings(ONE_BY_ONE, 'test-in-selection', { ...DEFAULT_CONFIG, severity: { 'test-in-selection': 'error' } }).map((f) => f.severity), ['error']);
});

test('test-reuse is read from pyproject.toml and validated', () => {
  assert.equal(parseConfigText('[tool.holdout]\ntest-reuse = "off"\n', '/p/pyproject.toml')?.testReuse, 'off');
  assert.throws(() => parseConfigText('test-reuse = false\n', '/p/holdout.toml'), ConfigError);
});

test('the query counts evaluations per site and names one test split per reuse', () => {
  const { model } = lint({ text: ONE_BY_ONE });
  assert.equal(testEvaluations(model).length, 2);
  const reuses = testReuses(model);
  assert.equal(reuses.length, 1);
  assert.equal(reuses[0].evaluations.length, 2);
  const single = lint({ text: fixture('test-in-selection', 'clean_reuse_one_model_many_metrics.py') }).model;
  assert.equal(testReuses(single).length, 0);
  assert.ok(testEvaluations(single).length >= 4);
});

test('the checklist answers "are test scores used only once?" with no for a reuse, yes for one model', () => {
  const answer = (text: string): string => {
    const result = lint({ text });
    const ids = RULES.map((r) => r.id);
    return answerChecklist({ model: result.model, findings: result.findings, registered: ids, ran: ids }).find((q) => q.id === 'test-used-once')!.answer;
  };
  assert.equal(answer(ONE_BY_ONE), 'no');
  assert.equal(answer(fixture('test-in-selection', 'clean_reuse_one_model_many_metrics.py')), 'yes');
});

test('no-held-out-data is information, at the evaluation, with the fit and the source related', () => {
  assert.deepEqual(findings(fixture('no-held-out-data', 'forest_scored_on_training_rows.py'), 'no-held-out-data'), [{ line: 9, severity: 'info', related: [8, 6] }]);
});

test('no-held-out-data is silent once a split appears anywhere in the program', () => {
  const text = fixture('no-held-out-data', 'forest_scored_on_training_rows.py');
  const withSplit = text.replace('model = RandomForestClassifier', 'from sklearn.model_selection import train_test_split\nparts = train_test_split(X, y, random_state=0)\nmodel = RandomForestClassifier');
  assert.deepEqual(findings(withSplit, 'no-held-out-data'), []);
});
