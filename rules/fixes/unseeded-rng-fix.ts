// Fixes for unseeded-rng: a seed argument on the call, or the global seeding calls once after
// the imports.
import { RuleContext } from '../../server/src/engine/rule';
import { insertionPoint, insertLines, moduleAlias, setFirstArgument, setKeywordArgument } from '../../server/src/engine/edit-helpers';
import { LineIndex } from '../../server/src/engine/text';
import { Fix } from '../../server/src/engine/types';
import { EventOf } from '../../server/src/semantic/events';
import { RandomFamily } from '../../server/src/ml/tables';

export function seedArgumentFix(context: RuleContext, event: EventOf<'random'>): Fix[] {
  const param = event.seedParam;
  if (!param) return [];
  const text = context.source.text;
  const seed = String(context.seed);
  const edit = event.family === 'generator' ? setFirstArgument(param.call, seed, param.name, text) : setKeywordArgument(param.call, param.name, seed, text);
  return edit ? [{ title: `Pass ${param.name}=${seed}`, applicability: 'safe', edits: [edit] }] : [];
}

export function seedValueFix(context: RuleContext, event: EventOf<'seed'>): Fix[] {
  const edit = setFirstArgument(event.site, String(context.seed), 'seed', context.source.text);
  return edit ? [{ title: `Seed with ${context.seed}`, applicability: 'safe', edits: [edit] }] : [];
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
      const keras = moduleAlias(model, 'keras');
      if (keras) return { imports: [], calls: [`${keras}.utils.set_random_seed(${seed})`] };
      return { imports: ['import tensorflow as tf'], calls: [`tf.random.set_seed(${seed})`] };
    }
    default:
      return undefined;
  }
}

export function seedGlobalFix(context: RuleContext, family: RandomFamily, firstUse?: import('../../server/src/parser/syntax').PyNode): Fix[] {
  const lines = seedingLines(context, family);
  if (!lines) return [];
  const index = new LineIndex(context.source.text);
  const point = insertionPoint(context.model, index, firstUse);
  return [
    {
      title: `Seed ${family === 'python' ? 'random' : family} with ${context.seed} after the imports`,
      applicability: 'safe',
      edits: [insertLines(point, [...lines.imports, ...lines.calls], index.eol)],
    },
  ];
}
