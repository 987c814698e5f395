// What a seed fix writes: the program's own seed when it has one (a `seed` parameter of the
// enclosing function, a module constant `SEED = 1`, an argparse option `--seed` with a number
// as default), a module name that is bound where the line goes, and the seeding API of the
// library version the program uses (TF1 `tf.set_random_seed`, old standalone Keras).
import { RuleContext } from '../../server/src/engine/rule';
import { StatementIndexes, StatementIndexState } from '../../server/src/engine/statement-index';
import { identifiersNamed } from '../../server/src/engine/edit-helpers';
import { OLD_KERAS_IMPORT_PREFIXES, SEED_NAME, TF1_ONLY_ATTRIBUTES } from '../../server/src/ml/seeding-apis';
import { field, namedChildren, PyNode } from '../../server/src/parser/syntax';
import { buildModel, ProgramModel } from '../../server/src/semantic/model';

/** The offset an `insertionPoint` result stands for (negative values mean "at a line start"). */
export function pointOffset(point: number): number {
  return point < 0 ? -1 - point : point;
}

/** The local name of a module imported at the top level by a statement that ends before `offset`. */
export function boundAlias(model: ProgramModel, module: string, offset: number): string | undefined {
  return model.imports.find((i) => i.qname === module && i.statement.parent === model.root && i.statement.end <= offset)?.local;
}

/** A seed expression and the end of the top-level statement that binds it (0: always bound). */
export interface ProgramSeed {
  expression: string;
  boundAt: number;
}

function parameterNames(fn: PyNode, text: string): string[] {
  const params = field(fn, 'parameters');
  if (!params) return [];
  return namedChildren(params).flatMap((p) => {
    const name = p.type === 'identifier' ? p : field(p, 'name') ?? namedChildren(p).find((c) => c.type === 'identifier');
    return name && name.type === 'identifier' ? [text.slice(name.start, name.end)] : [];
  });
}

/** A `seed` parameter of the function a call is in (the caller chose the seed). */
export function parameterSeed(context: RuleContext, site: PyNode): string | undefined {
  const text = context.source.text;
  for (let n: PyNode | null = site.parent; n; n = n.parent) {
    if (n.type !== 'function_definition') continue;
    return parameterNames(n, text).find((name) => SEED_NAME.test(name) && name.toLowerCase() !== 'random_state') ??
      parameterNames(n, text).find((name) => name === 'random_state');
  }
  return undefined;
}

/** A top-level assignment `NAME = <value>`, and what the seed search asks of it. */
interface TopAssignment {
  statement: PyNode;
  target: PyNode;
  value: PyNode;
  /** `SEED = 7`: a seed-like name bound to an integer. */
  constantSeed: boolean;
  /** `args = parser.parse_args()`. */
  parsesArguments: boolean;
}

function topLevelAssignment(statement: PyNode, text: string): TopAssignment | undefined {
  const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
  const target = assignment?.type === 'assignment' ? field(assignment, 'left') : null;
  const value = target?.type === 'identifier' ? field(assignment!, 'right') : null;
  if (!target || !value) return undefined;
  const callee = value.type === 'call' ? field(value, 'function') : undefined;
  const method = callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
  return {
    statement,
    target,
    value,
    constantSeed: value.type === 'integer' && SEED_NAME.test(text.slice(target.start, target.end)),
    parsesArguments: !!method && text.slice(method.start, method.end) === 'parse_args',
  };
}

/**
 * The module's top-level assignments that bind a seed or parse arguments (following the tree
 * from edit to edit: a reused statement keeps its nodes and its text, offsets shifted in place).
 */
interface SeedStatementIndex extends StatementIndexState {
  binding: Map<PyNode, TopAssignment>;
}

const seedStatementIndexes = new StatementIndexes<SeedStatementIndex>(
  (root) => ({ root, statements: [], binding: new Map() }),
  (index, statement, text) => {
    const assignment = topLevelAssignment(statement, text);
    if (assignment && (assignment.constantSeed || assignment.parsesArguments)) index.binding.set(statement, assignment);
  },
  (index, statement) => index.binding.delete(statement),
);

/** Top-level assignments `NAME = <value>` that bind a seed-like name to an integer or parse arguments, in source order. */
function seedAssignments(model: ProgramModel, text: string): TopAssignment[] {
  const { binding } = seedStatementIndexes.of(model.root, text);
  return [...binding.keys()].sort((a, b) => a.start - b.start).map((statement) => binding.get(statement)!);
}

const valueModels = new WeakMap<ProgramModel, ProgramModel>();

/** The model with identifier values, built only for programs that declare a seed option. */
function valueModel(model: ProgramModel): ProgramModel {
  let built = valueModels.get(model);
  if (!built) valueModels.set(model, (built = buildModel(model.root, model.source, { recordValues: true })));
  return built;
}

const SEED_OPTION = /add_argument\s*\(\s*['"]--?\w*seed/i;

const seedsOfModel = new WeakMap<ProgramModel, readonly ProgramSeed[]>();

/** Seeds the program defines at the top level, found once per model (every seed fix asks). */
function moduleSeeds(context: RuleContext): readonly ProgramSeed[] {
  let seeds = seedsOfModel.get(context.model);
  if (!seeds) seedsOfModel.set(context.model, (seeds = findModuleSeeds(context)));
  return seeds;
}

/** Seeds the program defines at the top level: `SEED = 7`, or `args.seed` of a parsed argparse namespace. */
function findModuleSeeds(context: RuleContext): ProgramSeed[] {
  const { model } = context;
  const text = context.source.text;
  const seeds: ProgramSeed[] = [];
  const assignments = seedAssignments(model, text);
  for (const { statement, target, constantSeed } of assignments) {
    if (constantSeed) seeds.push({ expression: text.slice(target.start, target.end), boundAt: statement.end });
  }
  if (SEED_OPTION.test(text)) {
    const values = valueModel(model).values;
    for (const { statement, target, parsesArguments } of assignments) {
      // `args = parser.parse_args()` (the parser itself is a namespace of the same defaults).
      if (!parsesArguments) continue;
      const v = values.get(target.start);
      if (v?.kind !== 'namespace') continue;
      for (const [option, dflt] of v.attrs) {
        if (SEED_NAME.test(option) && dflt.kind === 'const' && typeof dflt.value === 'number' && Number.isInteger(dflt.value)) {
          seeds.push({ expression: `${text.slice(target.start, target.end)}.${option}`, boundAt: statement.end });
        }
      }
    }
  }
  return seeds.sort((a, b) => a.boundAt - b.boundAt);
}

/** The program's seed bound before `offset`, if any; else the configured seed. */
export function seedAt(context: RuleContext, offset: number, site?: PyNode): string {
  const own = site ? parameterSeed(context, site) : undefined;
  if (own) return own;
  const bound = moduleSeeds(context).filter((s) => s.boundAt <= offset);
  return bound.length ? bound[bound.length - 1].expression : String(context.seed);
}

/** The first program seed bound after `from` and before `limit` (a global seed can move down to it). */
export function seedBoundBetween(context: RuleContext, from: number, limit: number): ProgramSeed | undefined {
  return moduleSeeds(context).find((s) => s.boundAt > from && s.boundAt <= limit);
}

/** Whether attribute uses of a module alias include one of the given names (`tf.Session`). */
function usesAttribute(context: RuleContext, alias: string, names: ReadonlySet<string>): boolean {
  const text = context.source.text;
  return identifiersNamed(context.model.root, alias, text).some((id) => {
    const parent = id.parent;
    if (parent?.type !== 'attribute' || field(parent, 'object') !== id) return false;
    const attr = field(parent, 'attribute');
    return !!attr && names.has(text.slice(attr.start, attr.end));
  });
}

/** TensorFlow 1.x code: `tf.Session`, `tf.placeholder`, `tf.random_normal`… */
export function isTf1(context: RuleContext, tfAlias: string): boolean {
  return usesAttribute(context, tfAlias, TF1_ONLY_ATTRIBUTES);
}

/** Standalone Keras of the TF1 era (`from keras import backend as K`, `keras.layers.core`), no tf.keras. */
export function isOldKeras(context: RuleContext): boolean {
  const imports = context.model.imports;
  if (imports.some((i) => i.qname.startsWith('tensorflow.keras') || i.qname === 'keras.utils.set_random_seed')) return false;
  const tf = imports.find((i) => i.qname === 'tensorflow')?.local;
  if (tf && usesAttribute(context, tf, new Set(['keras']))) return false;
  const kerasAlias = imports.find((i) => i.qname === 'keras')?.local;
  if (kerasAlias && usesAttribute(context, kerasAlias, new Set(['backend']))) return true;
  return imports.some((i) => OLD_KERAS_IMPORT_PREFIXES.some((p) => i.qname === p || i.qname.startsWith(`${p}.`)));
}
