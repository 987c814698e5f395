// Fixes for group-split (unsafe: they change which rows are held out):
//   X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
// → splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
//   train_idx, test_idx = next(splitter.split(X, y, groups=df["patient_id"]))
//   X_tr, X_te = X.take(train_idx, axis=0), X.take(test_idx, axis=0)
//   y_tr, y_te = y.take(train_idx, axis=0), y.take(test_idx, axis=0)
// and KFold(…) → GroupKFold(n_splits=…), StratifiedKFold(…) → StratifiedGroupKFold(…), with
// groups= added where the splitter is used.
import { RuleContext } from '../../server/src/engine/rule';
import { expressionStatementOf } from '../../server/src/engine/edit-helpers';
import { Fix, TextEdit } from '../../server/src/engine/types';
import { EventOf } from '../../server/src/semantic/events';
import { field, namedChildren, PyNode } from '../../server/src/parser/syntax';
import { addKeywordArgument } from './call-arguments';
import { callParts, importName, lineIndent, unusedName } from './split-rewrite';
import type { GroupColumn } from '../group-split';

const GROUP_SPLITTERS: Readonly<Record<string, { name: string; keep: readonly string[] }>> = {
  KFold: { name: 'GroupKFold', keep: ['n_splits'] },
  StratifiedKFold: { name: 'StratifiedGroupKFold', keep: ['n_splits', 'shuffle', 'random_state'] },
  ShuffleSplit: { name: 'GroupShuffleSplit', keep: ['n_splits', 'test_size', 'train_size', 'random_state'] },
};

export function groupSplitFixes(context: RuleContext, event: EventOf<'split'>, group: GroupColumn): Fix[] {
  const method = event.split.method;
  if (!method || !group.frame || group.frame.type !== 'identifier') return [];
  const groups = `${context.source.of(group.frame)}[${JSON.stringify(group.name)}]`;
  const edits = method.api === 'train_test_split' ? trainTestSplitEdits(context, method.call, groups) : method.splitter ? splitterEdits(context, method.splitter.site, event.site, groups) : undefined;
  if (!edits) return [];
  const title = method.api === 'train_test_split' ? `Split by ${group.name} with GroupShuffleSplit` : `Split by ${group.name} with a group-aware splitter`;
  return [{ title, applicability: 'unsafe', edits }];
}

function trainTestSplitEdits(context: RuleContext, call: PyNode, groups: string): TextEdit[] | undefined {
  const text = context.source.text;
  const statement = expressionStatementOf(call);
  const assignment = statement && namedChildren(statement)[0];
  if (!statement || assignment?.type !== 'assignment' || field(assignment, 'right') !== call) return undefined;
  const left = field(assignment, 'left');
  const targets = left && ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(left.type) ? namedChildren(left) : [];
  const parts = callParts(context, call, ['test_size', 'train_size', 'random_state', 'shuffle', 'stratify']);
  if (!parts || parts.arrays.length === 0 || parts.arrays.length > 2 || targets.length !== parts.arrays.length * 2) return undefined;
  if (targets.some((t) => t.type !== 'identifier')) return undefined;
  const imported = importName(context, 'sklearn.model_selection', 'GroupShuffleSplit');
  const splitter = unusedName(text, 'splitter');
  const [trainIdx, testIdx] = [unusedName(text, 'train_idx'), unusedName(text, 'test_idx')];
  const options = ['n_splits=1', ...['test_size', 'train_size'].flatMap((k) => (parts.keywords.has(k) ? [`${k}=${parts.keywords.get(k)}`] : []))];
  options.push(`random_state=${parts.keywords.get('random_state') ?? context.seed}`);
  const indent = lineIndent(context, statement);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = [
    `${splitter} = ${imported.local}(${options.join(', ')})`,
    `${trainIdx}, ${testIdx} = next(${splitter}.split(${parts.arrays.join(', ')}, groups=${groups}))`,
    ...parts.arrays.map((array, i) => {
      const [a, b] = [context.source.of(targets[2 * i]), context.source.of(targets[2 * i + 1])];
      return `${a}, ${b} = ${array}.take(${trainIdx}, axis=0), ${array}.take(${testIdx}, axis=0)`;
    }),
  ];
  return [...imported.edits, { start: statement.start, end: statement.end, newText: lines.join(eol + indent) }];
}

function splitterEdits(context: RuleContext, constructor: PyNode, use: PyNode, groups: string): TextEdit[] | undefined {
  const fn = field(constructor, 'function');
  const short = fn ? context.source.of(fn).split('.').pop()! : '';
  const target = GROUP_SPLITTERS[short];
  if (!target || constructor === use) return undefined;
  const parts = callParts(context, constructor, ['n_splits', 'shuffle', 'random_state', 'test_size', 'train_size']);
  if (!parts || parts.arrays.length > 1) return undefined;
  if (parts.arrays.length === 1) parts.keywords.set('n_splits', parts.arrays[0]);
  const options = target.keep.flatMap((k) => (parts.keywords.has(k) ? [`${k}=${parts.keywords.get(k)}`] : []));
  const imported = importName(context, 'sklearn.model_selection', target.name);
  const groupsEdit = addKeywordArgument(use, 'groups', groups, context.source.text);
  if (!groupsEdit) return undefined;
  return [...imported.edits, { start: constructor.start, end: constructor.end, newText: `${imported.local}(${options.join(', ')})` }, ...groupsEdit];
}
