// test-in-selection, the warning case: the test set used many times. Several different models
// are each scored on one test split with no explicit choice in the code — printed side by side,
// collected, plotted — and the reader picks. Reported once per test split, at the second
// evaluation, as a warning (an explicit choice stays test-in-selection's error).
import { RuleContext } from '../server/src/engine/rule';
import { testReuses } from '../server/src/semantic/test-use';
import { ScoreInfo } from '../server/src/semantic/values';

/** What the warning reports, for test-in-selection's documentation. */
export const TEST_REUSE_DOCS =
  'As a warning, once per test split and at the second evaluation: several different models (a loop that changes the model or its settings, or models written out one by one) each scored on the same test split and compared without an explicit choice in the code, their scores printed side by side, collected into a list, dict or DataFrame, or plotted; every evaluation site is a related location (setting `test-reuse`: its severity, or `"off"`).';

const MAX_RELATED = 8;

/** Reports test splits scored for several models; `chosen`: the test scores an explicit choice already reports. */
export function reportTestReuse(context: RuleContext, chosen: ReadonlySet<ScoreInfo>): void {
  const severity = context.config.testReuse ?? 'warning';
  if (severity === 'off') return;
  for (const reuse of testReuses(context.model)) {
    // An explicit choice on this test split is reported as an error already.
    if ([...chosen].some((s) => s.data.splits.includes(reuse.split))) continue;
    const { second } = reuse;
    const message = reuse.loop
      ? 'Each model of this loop is scored on the test split: compare them on a validation split and test the chosen one once.'
      : 'A second model is scored on this test split: compare models on a validation split and test the chosen one once.';
    const others = reuse.evaluations.filter((e) => e.site !== second.site);
    context.report({
      node: second.site,
      message,
      severity,
      related: [
        ...(reuse.loop ? [{ node: reuse.loop, message: 'the model changes on each pass of this loop' }] : []),
        ...others.slice(0, MAX_RELATED).map((e) => ({ node: e.site, message: 'also scored on this test split' })),
        { node: reuse.split.site, message: 'the test part comes from this split' },
      ],
    });
  }
}
