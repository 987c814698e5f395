// What a variable's name says about which part of a split it holds.
import { Part } from './values';

const TEST = new Set(['test', 'tst', 'te', 'holdout', 'heldout']);
const VALIDATION = new Set(['val', 'valid', 'validation', 'dev', 'vl', 'va']);
const TRAIN = new Set(['train', 'tr', 'trn', 'training']);

/** `X_train` → train, `x_val` → validation, `test_df` → test, `trainX` → train; otherwise undefined. */
export function partFromName(name: string): Part | undefined {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  let found: Part | undefined;
  for (const word of words) {
    const part = TEST.has(word) ? 'test' : VALIDATION.has(word) ? 'validation' : TRAIN.has(word) ? 'train' : undefined;
    if (part) {
      if (found && found !== part) return undefined; // `train_test_ratio`: ambiguous
      found = part;
    }
  }
  return found;
}
