// Transductive preprocessing (a train table and a separately loaded test table imputed together)
// is reported as information by default; `[tool.holdout] transductive` sets its severity.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { FIXTURES } from '../helpers/paths';

const text = fs.readFileSync(path.join(FIXTURES, 'rules', 'fit-before-split', 'kaggle_concat_train_and_test_tables.py'), 'utf8');
const severities = (config = DEFAULT_CONFIG): string[] => lint({ text, config: { ...config, select: ['fit-before-split'] } }).findings.map((f) => f.severity);

test('concat of train.csv and test.csv, then impute: info by default, with a message that says so', () => {
  assert.deepEqual(severities(), ['info']);
  const [finding] = lint({ text, config: { ...DEFAULT_CONFIG, select: ['fit-before-split'] } }).findings;
  assert.match(finding.message, /transductive/);
});

test('transductive = "error" raises it, "off" silences it, and it never exceeds the rule severity', () => {
  assert.deepEqual(severities({ ...DEFAULT_CONFIG, transductive: 'error' }), ['error']);
  assert.deepEqual(severities({ ...DEFAULT_CONFIG, transductive: 'off' }), []);
  assert.deepEqual(severities({ ...DEFAULT_CONFIG, transductive: 'error', severity: { 'fit-before-split': 'warning' } }), ['warning']);
});

test('one loaded table split in two is not transductive: an error as before', () => {
  const single = text.replace('test = pd.read_csv("../input/test.csv")', 'test = train.copy()');
  assert.deepEqual(lint({ text: single, config: { ...DEFAULT_CONFIG, select: ['fit-before-split'] } }).findings.map((f) => f.severity), ['error']);
});
