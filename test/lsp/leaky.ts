// The documents the protocol tests open.

/** fit-before-split at line 9 (1-based), the split it leaks into at line 10. */
export const LEAKY = [
  'import pandas as pd',
  'from sklearn.preprocessing import StandardScaler',
  'from sklearn.model_selection import train_test_split',
  '',
  'df = pd.read_csv("data.csv")',
  'X = df.drop(columns=["label"])',
  'y = df["label"]',
  'scaler = StandardScaler()',
  'X_scaled = scaler.fit_transform(X)',
  'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2, random_state=0)',
  '',
].join('\n');

/** test-in-selection (unsafe fix only) and unseeded-rng (safe fixes). */
export const SELECTION = [
  'import numpy as np',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.neighbors import KNeighborsClassifier',
  '',
  'X = np.load("x.npy")',
  'y = np.load("y.npy")',
  'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)',
  'top_score, top_neighbours = 0, None',
  'for neighbours in (3, 5, 9):',
  '    model = KNeighborsClassifier(n_neighbors=neighbours).fit(X_train, y_train)',
  '    score = model.score(X_test, y_test)',
  '    if score > top_score:',
  '        top_score, top_neighbours = score, neighbours',
  '',
].join('\n');

/** 0-based line and character of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' not found`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
