// Fixes for unseeded-rng: a seed argument on the call, or the global seeding calls once after
// the imports.
import { RuleContext } from '../../server/src/engine/rule';
import { insertionPoint, insertLines, moduleAlias } from '../../server/src/engine/edit-helpers';
import { addKeywordArgument, setSeedArgument } from './call-arguments';
import { LineIndex } from '../../server/src/engine/text';
import { Fix } from '../../server/src/engine/types';
import { EventOf } from '../../server/src/semantic/events';
import { RandomFamily } from '../../server/src/ml/tables';
import { PyNode } from '../../server/src/parser/syntax';

export function seedArgumentFix(context: RuleContext, event: EventOf<'random'>): Fix[] {
  const param = event.seedParam;
  if (!param) return [];
  const text = context.source.text;
  const seed = String(context.seed);
  const edits = event.family === 'generator' ? setSeedArgument(param.call, seed, param.name, text) : addKeywordArgument(param.call, param.name, seed, text);
  return edits ? [{ title: `Pass ${param.name}=${seed}`, applicability: 'safe', edits }] : [];
}

export function seedValueFix(context: RuleContext, event: EventOf<'seed'>): Fix[] {
  const edits = setSeedArgument(event.site, String(context.seed), 'seed', context.source.text);
  return edits ? [{ title: `Seed with ${context.seed}`, applicability: 'safe', edits }] : [];
}

/** The lines that seed a family, with the import they need if the module is not imported. */
function seedingLines(context: RuleContext, family: RandomFamily): { imports: string[]; calls: string[] } | undefined {
  const { model } = context;
  const seed = context.seed;
  const use = (module: string, preferred: string, importLine: string): { alias: string; imports: string[] } => {
    const alias = moduleAlias(model, module);
    return alias ? { alias, imports: [] } : { alias: preferred, imports: [importLine] };
  };
  switch (family) {
    case 'python': {
      const m = use('random', 'random', 'import random');
      return { imports: m.imports, calls: [`${m.alias}.seed(${seed})`] };
    }
    case 'numpy': {
      const m = use('numpy', 'np', 'import numpy as np');
      return { imports: m.imports, calls: [`${m.alias}.random.seed(${seed})`] };
    }
    case 'torch': {
      const m = use('torch', 'torch', 'import torch');
      return { imports: m.imports, calls: [`${m.alias}.manual_seed(${seed})`, `${m.alias}.cuda.manual_seed_all(${seed})`] };
    }
    case 'tensorflow': {
      const tf = moduleAlias(model, 'tensorflow');
      if (tf) return { imports: [], calls: [`${tf}.random.set_seed(${seed})`] };
      const keras = moduleAlias(model, 'keras') ?? moduleAlias(model, 'tensorflow.keras');
      if (keras) return { imports: [], calls: [`${keras}.utils.set_random_seed(${seed})`] };
      return { imports: ['import tensorflow as tf'], calls: [`tf.random.set_seed(${seed})`] };
    }
    default:
      return undefined;
  }
}

export function seedGlobalFix(context: RuleContext, family: RandomFamily, firstUse?: PyNode): Fix[] {
  // A `seed()` without a value before the first use would undo the inserted seed; the fix that
  // gives that call a value repairs both findings.
  const reseeds = context.model.eventsOf('seed').filter((s) => !s.explicit && s.families.includes(family));
  if (reseeds.some((s) => !firstUse || s.site.start < firstUse.start)) return [];
  const lines = seedingLines(context, family);
  if (!lines) return [];
  const index = LineIndex.of(context.source.text);
  const point = insertionPoint(context.model, index, firstUse);
  return [
    {
      title: `Seed ${family === 'python' ? 'random' : family} with ${context.seed} after the imports`,
      applicability: 'safe',
      edits: [insertLines(point, [...lines.imports, ...lines.calls], index.eol)],
    },
  ];
}
