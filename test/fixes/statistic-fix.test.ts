// The pandas-statistic fix for fit-before-split is offered only where moving the statement
// after the split cannot change anything but the statistics.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findings } from './fix-support';

const HEAD = ['import pandas as pd', 'from sklearn.model_selection import train_test_split', '', 'df = pd.read_csv("data.csv")'];
const SPLIT = 'train, test = train_test_split(df, test_size=0.25, random_state=0)';

function statisticFixes(lines: string[]): string[] {
  return findings([...HEAD, ...lines, ''].join('\n'))
    .filter((f) => f.rule === 'fit-before-split')
    .flatMap((f) => f.fixes.map((x) => `${x.applicability}: ${x.title}`));
}

test('offered for fillna with a column median', () => {
  assert.deepEqual(statisticFixes(['df["age"] = df["age"].fillna(df["age"].median())', SPLIT]), ['unsafe: Compute age_median on train after the split and apply to both parts']);
});

test('offered with a trailing comment, which moves along', () => {
  assert.equal(statisticFixes(['df["age"] = df["age"].fillna(df["age"].median())  # impute', SPLIT]).length, 1);
});

const refused: [string, string[]][] = [
  ['the frame is read after the split', ['df["age"] = df["age"].fillna(df["age"].median())', SPLIT, 'print(df.shape)']],
  ['the frame is read between the statement and the split', ['df["age"] = df["age"].fillna(df["age"].median())', 'y = df["label"]', SPLIT]],
  ['another variable takes part', ['other = pd.read_csv("other.csv")', 'df["age"] = df["age"].fillna(other["age"].median())', SPLIT]],
  ['other code shares the line', ['n = 1; df["age"] = df["age"].fillna(df["age"].median())', SPLIT]],
  ['a row-wise statistic is used', ['df["age"] = df["age"].fillna(df.mean(axis=1))', SPLIT]],
  ['an arbitrary function is applied', ['df["age"] = df["age"].apply(lambda v: v - df["age"].mean())', SPLIT]],
  ['two statements on one line', ['df["age"] = df["age"].fillna(df["age"].median()); n = 1', SPLIT]],
];

for (const [why, lines] of refused) {
  test(`not offered when ${why}`, () => {
    assert.deepEqual(statisticFixes(lines).filter((t) => t.startsWith('unsafe: Compute')), []);
  });
}
