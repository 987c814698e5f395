// Findings that carry their own severity (target-derived-feature's name hint is `info`), the
// configuration that switches the hint off, and a configured severity winning over both.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, HoldoutConfig } from '../../server/src/engine/config';
import { ConfigError, parseConfigText } from '../../server/src/engine/config-loader';
import { lint } from '../../server/src/engine/lint';

const PROGRAM = [
  'import pandas as pd',
  'from sklearn.model_selection import train_test_split',
  'subs = pd.read_csv("subscriptions.csv")',
  'subs["churn_rate"] = subs.groupby("plan")["cancelled"].transform("mean")',
  'X = subs[["plan", "monthly_fee", "churn_rate", "cancellation_date"]]',
  'y = subs["cancelled"]',
  'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
  '',
].join('\n');

function severities(config: HoldoutConfig): string[] {
  const { findings, lines } = lint({ text: PROGRAM, config: { ...config, select: ['target-derived-feature'] } });
  return findings.map((f) => `${lines.lineOf(f.span.start) + 1}:${f.severity}`);
}

test('the derived feature is an error and the name hint is info by default', () => {
  assert.deepEqual(severities(DEFAULT_CONFIG), ['4:error', '5:info']);
});

test('an empty outcome-suffixes list switches the hint off', () => {
  assert.deepEqual(severities({ ...DEFAULT_CONFIG, outcomeSuffixes: [] }), ['4:error']);
});

test('a configured severity applies to every finding of the rule, the hint included', () => {
  assert.deepEqual(severities({ ...DEFAULT_CONFIG, severity: { 'target-derived-feature': 'warning' } }), ['4:warning', '5:warning']);
});

test('outcome-suffixes is read from pyproject.toml and validated', () => {
  const config = parseConfigText('[tool.holdout]\noutcome-suffixes = ["_date"]\n', '/p/pyproject.toml');
  assert.deepEqual(config?.outcomeSuffixes, ['_date']);
  assert.throws(() => parseConfigText('outcome-suffixes = "_date"\n', '/p/holdout.toml'), ConfigError);
});
