// One-line provenance descriptions of values (hover).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { describeValue } from '../../server/src/semantic/describe';

/** The description of the identifier at the `occurrence`-th `name` in the source. */
function describe(source: string, name: string, occurrence = 0): string | undefined {
  const result = lint({ text: source, recordValues: true });
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = source.indexOf(name, offset + 1);
  const value = result.model.values.get(offset);
  return value && describeValue(name, value, (o) => result.lines.lineOf(o) + 1);
}

const SPLIT = [
  'import pandas as pd',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.preprocessing import StandardScaler',
  'df = pd.read_csv("d.csv")',
  'train, test = train_test_split(df, random_state=0)',
  'scaler = StandardScaler().fit(train)',
  'test_scaled = scaler.transform(test)',
  'med = df["a"].median()',
  'both = pd.concat([train, test])',
  '',
].join('\n');

test('loaded data, split parts, transformed parts', () => {
  assert.equal(describe(SPLIT, 'df'), '`df`: the data loaded at line 4');
  assert.equal(describe(SPLIT, 'test', 1), '`test`: test part of the split at line 5 of the data loaded at line 4');
  assert.equal(
    describe(SPLIT, 'test_scaled'),
    '`test_scaled`: test part of the split at line 5 of the data loaded at line 4; transformed by a StandardScaler fitted on the train part at line 6',
  );
});

test('estimators and statistics', () => {
  assert.equal(describe(SPLIT, 'scaler'), '`scaler`: a StandardScaler fitted on the train part at line 6');
  assert.match(describe(SPLIT, 'med') ?? '', /^`med`: .* computed on the full data at line 8$/);
});

test('data of several parts', () => {
  assert.match(describe(SPLIT, 'both') ?? '', /^`both`: (train or test|test or train) parts of the split at line 5 of the data loaded at line 4$/);
});

test('values that are not data have no description', () => {
  assert.equal(describe('x = 1\n', 'x'), undefined);
});
