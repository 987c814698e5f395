// Fixes for temporal-split (unsafe: they change which rows are held out):
//   train_test_split(X, y, test_size=0.2)  → train_test_split(X, y, test_size=0.2, shuffle=False)
//   KFold(n_splits=5, shuffle=True, …)      → TimeSeriesSplit(n_splits=5)
import { RuleContext } from '../../server/src/engine/rule';
import { Fix } from '../../server/src/engine/types';
import { EventOf } from '../../server/src/semantic/events';
import { field } from '../../server/src/parser/syntax';
import { addKeywordArgument } from './call-arguments';
import { callParts, importName } from './split-rewrite';

const SHUFFLING_SPLITTERS = new Set(['KFold', 'StratifiedKFold', 'ShuffleSplit', 'StratifiedShuffleSplit', 'RepeatedKFold', 'RepeatedStratifiedKFold']);

export function temporalSplitFixes(context: RuleContext, event: EventOf<'split'>): Fix[] {
  const method = event.split.method;
  if (!method) return [];
  const text = context.source.text;
  if (method.api === 'train_test_split') {
    const parts = callParts(context, method.call, ['test_size', 'train_size', 'random_state', 'shuffle']);
    if (!parts) return []; // `stratify=` cannot be combined with shuffle=False
    const edits = addKeywordArgument(method.call, 'shuffle', 'False', text);
    return edits ? [{ title: 'Split in time order (shuffle=False)', applicability: 'unsafe', edits }] : [];
  }
  const splitter = method.splitter;
  const fn = splitter && field(splitter.site, 'function');
  if (!splitter || !fn || !SHUFFLING_SPLITTERS.has(context.source.of(fn).split('.').pop()!)) return [];
  const parts = callParts(context, splitter.site, ['n_splits', 'shuffle', 'random_state', 'n_repeats', 'test_size', 'train_size']);
  if (!parts || parts.arrays.length > 1) return [];
  const folds = parts.arrays[0] ?? parts.keywords.get('n_splits');
  const imported = importName(context, 'sklearn.model_selection', 'TimeSeriesSplit');
  return [
    {
      title: 'Split in time order with TimeSeriesSplit',
      applicability: 'unsafe',
      edits: [...imported.edits, { start: splitter.site.start, end: splitter.site.end, newText: `${imported.local}(${folds ? `n_splits=${folds}` : ''})` }],
    },
  ];
}
