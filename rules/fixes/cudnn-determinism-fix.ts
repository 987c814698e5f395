// Fixes for cudnn-determinism: the two determinism flags after the torch imports; an explicit
// `benchmark = True` turned off.
import { RuleContext } from '../../server/src/engine/rule';
import { insertionPoint, insertLines } from '../../server/src/engine/edit-helpers';
import { boundAlias, pointOffset } from './seed-choice';
import { LineIndex } from '../../server/src/engine/text';
import { Fix } from '../../server/src/engine/types';
import { field, PyNode } from '../../server/src/parser/syntax';

export function deterministicFlagsFix(context: RuleContext, firstUse: PyNode): Fix[] {
  const lines = LineIndex.of(context.source.text);
  const point = insertionPoint(context.model, lines, firstUse);
  // `torch` must be bound where the lines go (a notebook may import it only in a later cell).
  const alias = boundAlias(context.model, 'torch', pointOffset(point));
  // An explicit `cudnn.benchmark = …` stays the one place that sets it (its own fix turns True off).
  const setsBenchmark = context.model.eventsOf('flag').some((f) => f.name === 'torch.backends.cudnn.benchmark');
  const newLines = [
    ...(alias ? [] : ['import torch']),
    `${alias ?? 'torch'}.backends.cudnn.deterministic = True`,
    ...(setsBenchmark ? [] : [`${alias ?? 'torch'}.backends.cudnn.benchmark = False`]),
  ];
  return [
    {
      title: 'Make cuDNN deterministic after the imports',
      applicability: 'safe',
      edits: [insertLines(point, newLines, lines.eol)],
    },
  ];
}

export function benchmarkOffFix(context: RuleContext, assignment: PyNode): Fix[] {
  const value = field(assignment, 'right');
  if (!value || value.type !== 'true') return [];
  return [{ title: 'Set cudnn.benchmark = False', applicability: 'safe', edits: [{ start: value.start, end: value.end, newText: 'False' }] }];
}
