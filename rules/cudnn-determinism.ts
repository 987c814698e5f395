// cudnn-determinism: PyTorch work on CUDA with nondeterministic cuDNN kernels.
import { Rule, RuleContext, withinRelated } from '../server/src/engine/rule';
import { CUDNN_DETERMINISTIC } from '../server/src/semantic/events';
import { benchmarkOffFix, deterministicFlagsFix } from './fixes/cudnn-determinism-fix';

const rule: Rule = {
  id: 'cudnn-determinism',
  defaultSeverity: 'warning',
  fix: 'safe',
  docs: {
    summary: 'PyTorch runs on CUDA without deterministic cuDNN, or with `cudnn.benchmark = True`.',
    whatItDoes:
      'Reports, once, the first place PyTorch work moves to CUDA (`.cuda()`, `.to("cuda")`, `.to(device)` with a CUDA device, `device="cuda"`) when `torch.backends.cudnn.deterministic = True` (or `torch.use_deterministic_algorithms(True)`) has not run before it on every path; and every `torch.backends.cudnn.benchmark = True`. Aliases (`from torch.backends import cudnn`) and helpers count. CPU-only code is not reported. Lightning `Trainer(accelerator="gpu"|"cuda")` counts as CUDA use and `Trainer(deterministic=True)` as the switch; `transformers.enable_full_determinism()` sets the flags too. TensorFlow is deliberately not covered: it uses a GPU implicitly, without a call to attach a finding to, and `tf.config.experimental.enable_op_determinism()` is its equivalent switch - call it (with `tf.random.set_seed`) for repeatable GPU runs.',
    whyBad:
      'Nondeterministic kernels make two runs with the same seed differ, so a reported result cannot be reproduced and small improvements cannot be told from noise. `cudnn.benchmark = True` picks kernels by timing each run, which changes the arithmetic from run to run. For stronger determinism set `torch.backends.cudnn.deterministic = True` and `torch.backends.cudnn.benchmark = False` (full determinism can cost speed; record the choice).',
    example: ['import torch', 'model = Net().to("cuda")'].join('\n'),
    useInstead: ['import torch', 'torch.backends.cudnn.deterministic = True', 'torch.backends.cudnn.benchmark = False', 'model = Net().to("cuda")'].join('\n'),
    fixSafety:
      'Safe: the fix inserts `torch.backends.cudnn.deterministic = True` and `torch.backends.cudnn.benchmark = False` once, after the torch imports (or after the seeding block), and turns an explicit `benchmark = True` into `False`. Results stay the same up to floating-point nondeterminism; training may run slower.',
  },
  check(context: RuleContext): void {
    const { model } = context;
    const flags = model.eventsOf('flag');
    for (const flag of flags) {
      if (flag.name === 'torch.backends.cudnn.benchmark' && flag.value === true) {
        context.report({
          node: flag.site,
          message: 'cudnn.benchmark = True picks kernels by timing them, so results differ between runs: set it to False.',
          related: withinRelated(flag, 'set here'),
          fixes: benchmarkOffFix(context, flag.site),
        });
      }
    }
    const deterministicAnywhere = flags.some((f) => f.value === true && f.name !== 'torch.backends.cudnn.benchmark');
    const uses = model.eventsOf('cuda');
    const first = uses.find((u) => !u.standalone) ?? uses[0];
    if (!first || first.facts.has(CUDNN_DETERMINISTIC) || (first.standalone && deterministicAnywhere)) return;
    context.report({
      node: first.site,
      message: 'CUDA is used without cudnn.deterministic = True on every path before it: runs with one seed can differ.',
      related: withinRelated(first, 'moved to CUDA here'),
      fixes: deterministicFlagsFix(context, first.site),
    });
  },
};

export default rule;
