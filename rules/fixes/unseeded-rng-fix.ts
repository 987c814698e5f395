// Fixes for unseeded-rng: a seed argument on the call, or the global seeding calls once after
// the imports. The seed is the program's own when it has one (rules/fixes/seed-choice.ts).
import { RuleContext } from '../../server/src/engine/rule';
import { insertionPoint, insertLines, topLevelStatement } from '../../server/src/engine/edit-helpers';
import { addKeywordArgument, setSeedArgument } from './call-arguments';
import { boundAlias, isOldKeras, isTf1, pointOffset, seedAt, seedBoundBetween } from './seed-choice';
import { LineIndex } from '../../server/src/engine/text';
import { Fix } from '../../server/src/engine/types';
import { EventOf } from '../../server/src/semantic/events';
import { lookupApi, RandomFamily } from '../../server/src/ml/tables';
import { PyNode } from '../../server/src/parser/syntax';
import { ProgramModel } from '../../server/src/semantic/model';

const unseededByApi = new WeakMap<ProgramModel, Map<string, EventOf<'random'>[]>>();

/** The unseeded calls of the same API in the program, in source order (grouped once per model). */
function sameApiCalls(context: RuleContext, event: EventOf<'random'>): EventOf<'random'>[] {
  let byApi = unseededByApi.get(context.model);
  if (!byApi) {
    byApi = new Map();
    const seen = new Map<string, Set<PyNode>>();
    for (const e of context.model.eventsOf('random')) {
      const sites = seen.get(e.api) ?? new Set<PyNode>();
      if (e.seededBy || !e.seedParam || sites.has(e.site)) continue;
      seen.set(e.api, sites.add(e.site));
      byApi.set(e.api, [...(byApi.get(e.api) ?? []), e]);
    }
    unseededByApi.set(context.model, byApi);
  }
  return byApi.get(event.api) ?? [];
}

export function seedArgumentFix(context: RuleContext, event: EventOf<'random'>): Fix[] {
  const param = event.seedParam;
  if (!param) return [];
  const text = context.source.text;
  const same = sameApiCalls(context, event);
  if (same.length > 1 && lookupApi(event.api)?.role === 'generate') {
    // `make_classification(...)` twice with one constant seed draws the same rows twice (train
    // and test become copies): one global NumPy seed gives each call its own draws.
    return seedGlobalFix(context, 'numpy', same[0].site);
  }
  const statement = topLevelStatement(context.model, event.site) ?? event.site;
  let seed = seedAt(context, statement.start, event.site);
  if (event.family === 'generator' && same.length > 1 && seed === String(context.seed)) {
    // Two generators from one seed give the same stream: one seed each.
    seed = String(context.seed + same.findIndex((e) => e.site === event.site));
  }
  const edits = event.family === 'generator' ? setSeedArgument(param.call, seed, param.name, text) : addKeywordArgument(param.call, param.name, seed, text);
  return edits ? [{ title: `Pass ${param.name}=${seed}`, applicability: 'safe', edits }] : [];
}

export function seedValueFix(context: RuleContext, event: EventOf<'seed'>): Fix[] {
  const statement = topLevelStatement(context.model, event.site) ?? event.site;
  const seed = seedAt(context, statement.start, event.site);
  const edits = setSeedArgument(event.site, seed, 'seed', context.source.text);
  return edits ? [{ title: `Seed with ${seed}`, applicability: 'safe', edits }] : [];
}

/** The lines that seed a family at an offset, with the imports they need there. */
function seedingLines(context: RuleContext, family: RandomFamily, offset: number, seed: string): string[] | undefined {
  const { model } = context;
  const use = (module: string, preferred: string, importLine: string): { alias: string; imports: string[] } => {
    const alias = boundAlias(model, module, offset);
    return alias ? { alias, imports: [] } : { alias: preferred, imports: [importLine] };
  };
  switch (family) {
    case 'python': {
      const m = use('random', 'random', 'import random');
      return [...m.imports, `${m.alias}.seed(${seed})`];
    }
    case 'numpy': {
      const m = use('numpy', 'np', 'import numpy as np');
      return [...m.imports, `${m.alias}.random.seed(${seed})`];
    }
    case 'torch': {
      const m = use('torch', 'torch', 'import torch');
      return [...m.imports, `${m.alias}.manual_seed(${seed})`, `${m.alias}.cuda.manual_seed_all(${seed})`];
    }
    case 'tensorflow': {
      const anyTf = model.imports.find((i) => i.qname === 'tensorflow')?.local;
      if (isOldKeras(context)) {
        // Standalone Keras of the TF1 era: no keras.utils.set_random_seed; NumPy drives its
        // shuffling and initialisers' defaults, the TensorFlow backend its graph-level seed.
        const np = use('numpy', 'np', 'import numpy as np');
        const tf = use('tensorflow', 'tf', 'import tensorflow as tf');
        const tf2 = anyTf && !isTf1(context, anyTf) && hasTf2Seed(context, anyTf);
        return [...np.imports, ...tf.imports, `${np.alias}.random.seed(${seed})`, `${tf.alias}.${tf2 ? 'random.set_seed' : 'set_random_seed'}(${seed})`];
      }
      const keras = boundAlias(model, 'keras', offset) ?? boundAlias(model, 'tensorflow.keras', offset);
      if (!anyTf && keras) return [`${keras}.utils.set_random_seed(${seed})`];
      const tf = use('tensorflow', 'tf', 'import tensorflow as tf');
      const tf1 = anyTf !== undefined && isTf1(context, anyTf);
      return [...tf.imports, `${tf.alias}.${tf1 ? 'set_random_seed' : 'random.set_seed'}(${seed})`];
    }
    default:
      return undefined;
  }
}

/** TF2 code seeds with `tf.random.set_seed` (it already calls it, or uses tf.keras / tf.function). */
function hasTf2Seed(context: RuleContext, tf: string): boolean {
  return context.model.imports.some((i) => i.qname.startsWith('tensorflow.keras')) || context.source.text.includes(`${tf}.keras`) || context.source.text.includes(`${tf}.function`);
}

export function seedGlobalFix(context: RuleContext, family: RandomFamily, firstUse?: PyNode): Fix[] {
  // A `seed()` without a value before the first use would undo the inserted seed; the fix that
  // gives that call a value repairs both findings.
  const reseeds = context.model.eventsOf('seed').filter((s) => !s.explicit && s.families.includes(family));
  if (reseeds.some((s) => !firstUse || s.site.start < firstUse.start)) return [];
  const index = LineIndex.of(context.source.text);
  let point = insertionPoint(context.model, index, firstUse);
  let seed = seedAt(context, pointOffset(point));
  if (seed === String(context.seed) && firstUse) {
    // The program's seed (`args = parser.parse_args()` with `--seed`) is bound after the
    // imports but before the first draw: seed right after it.
    const limit = topLevelStatement(context.model, firstUse)?.start ?? firstUse.start;
    const later = seedBoundBetween(context, pointOffset(point), limit);
    if (later) {
      point = index.lineEnd(index.lineOf(later.boundAt));
      seed = later.expression;
    }
  }
  const lines = seedingLines(context, family, pointOffset(point), seed);
  if (!lines) return [];
  return [
    {
      title: `Seed ${family === 'python' ? 'random' : family} with ${seed} after the imports`,
      applicability: 'safe',
      edits: [insertLines(point, lines, index.eol)],
    },
  ];
}
