// The rule registry, sorted by id. Each rule lives in its own file with its docs and logic;
// its fixtures are in test/fixtures/rules/<id>/.
import { Rule } from '../server/src/engine/rule';
import cudnnDeterminism from './cudnn-determinism';
import fitBeforeSplit from './fit-before-split';
import groupSplit from './group-split';
import noHeldOutData from './no-held-out-data';
import resampleBeforeSplit from './resample-before-split';
import temporalSplit from './temporal-split';
import targetDerivedFeature from './target-derived-feature';
import testInSelection from './test-in-selection';
import trainTestOverlap from './train-test-overlap';
import unseededRng from './unseeded-rng';

export const RULES: readonly Rule[] = [cudnnDeterminism, fitBeforeSplit, groupSplit, noHeldOutData, resampleBeforeSplit, targetDerivedFeature, temporalSplit, testInSelection, trainTestOverlap, unseededRng];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
