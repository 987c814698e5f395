// unseeded-rng: randomness used without a fixed seed.
import { Rule, RuleContext, withinRelated } from '../server/src/engine/rule';
import { seededFact, EventOf } from '../server/src/semantic/events';
import { RandomFamily } from '../server/src/ml/tables';
import { seedArgumentFix, seedGlobalFix, seedValueFix } from './fixes/unseeded-rng-fix';

const FAMILY_LABEL: Record<RandomFamily, string> = {
  python: "Python's random module",
  numpy: "NumPy's global random generator",
  torch: "PyTorch's random generator",
  tensorflow: "TensorFlow's random generator",
  sklearn: 'this call',
  generator: 'this generator',
};

const SEED_CALL: Record<RandomFamily, string> = {
  python: 'random.seed(…)',
  numpy: 'np.random.seed(…)',
  torch: 'torch.manual_seed(…)',
  tensorflow: 'tf.random.set_seed(…)',
  sklearn: 'random_state=…',
  generator: 'a seed argument',
};

const rule: Rule = {
  id: 'unseeded-rng',
  defaultSeverity: 'warning',
  fix: 'safe',
  docs: {
    summary: 'Randomness used without a fixed seed, so another run gives another result.',
    whatItDoes:
      "Reports the first use of each global random generator (Python's `random`, NumPy's `np.random`, PyTorch, TensorFlow/Keras) that no explicit seed call precedes on every path; each scikit-learn or pandas call that really draws random numbers (`train_test_split`, shuffled `KFold`, forests, boosting, SGD, MLP, KMeans, `RandomizedSearchCV`, `df.sample`…) without `random_state` when `np.random.seed(n)` has not run before it; `np.random.default_rng()` / `RandomState()` without a seed; and `seed()` called with no value. A seed set inside a helper that runs earlier counts.",
    whyBad:
      'Deep learning experiments are affected by random initialization, data order, augmentation and splits. Without fixed seeds another run, or another researcher, cannot obtain the same result, and a lucky split or initialisation is indistinguishable from a real improvement. Random seeds belong in the experiment\'s record; repeated runs with different recorded seeds show the variation. TensorFlow: `tf.random.*`, `tf.image.random_*`, `tf.data.Dataset.shuffle` without `seed`, and Keras random layers (`RandomFlip`, `RandomRotation`…, `Dropout`, `GaussianNoise`) unless `tf.random.set_seed` / `keras.utils.set_random_seed` ran first. Hugging Face `Dataset.shuffle()` and `train_test_split()` without `seed` draw their seed from NumPy\'s global state. Seeds that count: `random.seed`, `np.random.seed`, `torch.manual_seed`, `tf.random.set_seed`, `keras.utils.set_random_seed`, `lightning.seed_everything`, `accelerate.utils.set_seed`, `transformers.set_seed` / `enable_full_determinism`; seeded generator instances (`random.Random(seed)`, `np.random.Generator(np.random.PCG64(seed))`, `default_rng(seed)`) are fine, unseeded bit generators (`PCG64()`) are reported.',
    example: ['import numpy as np', 'from sklearn.ensemble import RandomForestClassifier', '', 'noise = np.random.normal(size=100)', 'model = RandomForestClassifier(n_estimators=200)'].join('\n'),
    useInstead: ['import numpy as np', 'from sklearn.ensemble import RandomForestClassifier', '', 'np.random.seed(42)', 'noise = np.random.normal(size=100)', 'model = RandomForestClassifier(n_estimators=200, random_state=42)'].join('\n'),
    fixSafety:
      'Safe: the fixes add `random_state=<seed>` to scikit-learn calls, a seed to `default_rng()`, or the seeding calls (`random.seed`, `np.random.seed`, `torch.manual_seed` + `torch.cuda.manual_seed_all`, `tf.random.set_seed`) once after the imports, with any import they need. They change only which random numbers are drawn, making runs repeatable. The seed is the configured `seed` (default 42).',
  },
  check(context: RuleContext): void {
    const { model } = context;
    const seededAnywhere = new Set<RandomFamily>();
    for (const seed of model.eventsOf('seed')) if (seed.explicit) seed.families.forEach((f) => seededAnywhere.add(f));
    const covers = (event: EventOf<'random'>, family: RandomFamily): boolean =>
      event.facts.has(seededFact(family)) || (event.standalone && seededAnywhere.has(family));

    const firstByFamily = new Map<RandomFamily, EventOf<'random'>[]>();
    for (const event of model.eventsOf('random')) {
      if (event.seededBy) continue;
      if (event.family === 'sklearn') {
        if (covers(event, 'numpy')) continue;
        context.report({
          node: event.site,
          message: `${shortApi(event.api)} is unseeded (no random_state or np.random.seed(…) before it): pass random_state=${context.seed}.`,
          related: withinRelated(event, 'drawn here'),
          fixes: seedArgumentFix(context, event),
        });
      } else if (event.family === 'generator') {
        context.report({
          node: event.site,
          message: `${shortApi(event.api)}() without a seed takes a fresh seed from the operating system on every run: pass a seed.`,
          related: withinRelated(event, 'created here'),
          fixes: seedArgumentFix(context, event),
        });
      } else if (!covers(event, event.family)) {
        const list = firstByFamily.get(event.family) ?? [];
        if (!list.some((e) => e.site === event.site)) list.push(event);
        firstByFamily.set(event.family, list);
      }
    }
    for (const [family, events] of firstByFamily) {
      const [first, ...rest] = events;
      context.report({
        node: first.site,
        message: `${FAMILY_LABEL[family]} is used without a fixed seed, so each run differs: call ${SEED_CALL[family]} before it.`,
        related: [...withinRelated(first, `drawn here (${shortApi(first.api)})`), ...rest.slice(0, 5).map((e) => ({ node: e.site, message: `also drawn here (${shortApi(e.api)})` }))],
        fixes: seedGlobalFix(context, family, first.site),
      });
    }
    for (const seed of model.eventsOf('seed')) {
      if (seed.explicit || seed.families.length === 0) continue;
      context.report({
        node: seed.site,
        message: `${shortApi(seed.api)}() without a value seeds from the operating system, so runs still differ: pass a fixed seed.`,
        fixes: seedValueFix(context, seed),
      });
    }
  },
};

function shortApi(api: string): string {
  return api.startsWith('DataFrame.') ? api : api.slice(api.lastIndexOf('.') + 1);
}

export default rule;
