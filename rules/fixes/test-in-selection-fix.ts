// Fix for test-in-selection (always unsafe): carve a validation split out of the training
// part right after the original split, and make the selection code use it.
//     X_train, X_test, y_train, y_test = train_test_split(X, y, …)
//     X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.2, random_state=42)
// Inside the selection (the loop that varies the model, or the Keras `fit` call), X_train/y_train
// become X_tr/y_tr and X_test/y_test become X_val/y_val.
import { seedAt } from './seed-choice';
import { RuleContext } from '../../server/src/engine/rule';
import { identifiersNamed, indentationOf, identifierNames, NameSet } from '../../server/src/engine/edit-helpers';
import { LineIndex } from '../../server/src/engine/text';
import { Fix, TextEdit } from '../../server/src/engine/types';
import { field, namedChildren, PyNode } from '../../server/src/parser/syntax';
import { ScoreInfo } from '../../server/src/semantic/values';

function derivedName(name: string, from: 'train' | 'test', taken: NameSet): string {
  const replacement = from === 'train' ? 'tr' : 'val';
  let candidate = name.includes(from) ? name.replace(from, replacement) : `${name}_${replacement}`;
  while (taken.has(candidate)) candidate += '_sel';
  return candidate;
}

/** The region where the choice is made: the outermost loop around the evaluation, or the call. */
function selectionRegion(site: PyNode): PyNode {
  let region: PyNode | undefined;
  for (let n: PyNode | null = site; n; n = n.parent) {
    if (n.type === 'for_statement' || n.type === 'while_statement' || n.type === 'list_comprehension' || n.type === 'dictionary_comprehension') region = n;
    if (n.type === 'function_definition') break;
  }
  if (region) return region;
  for (let n: PyNode | null = site; n; n = n.parent) if (n.type === 'call') return n;
  return site;
}

/** The names a statement assigns at its top (`a = …`, `a, b = …`, `a += …`). */
function assignedNames(statement: PyNode, text: string): string[] {
  const expression = namedChildren(statement)[0];
  if (!expression || (expression.type !== 'assignment' && expression.type !== 'augmented_assignment')) return [];
  const left = field(expression, 'left');
  if (!left) return [];
  const targets = left.type === 'identifier' ? [left] : namedChildren(left);
  return targets.filter((t) => t.type === 'identifier').map((t) => text.slice(t.start, t.end));
}

/** `a, b, c, d = <call>(xTrain, yTrain, …)`: an existing validation carve (from an earlier fix). */
function existingCarve(statement: PyNode | undefined, xTrain: string, yTrain: string, text: string): string[] | undefined {
  if (!statement || statement.type !== 'expression_statement') return undefined;
  const assignment = namedChildren(statement)[0];
  const right = assignment?.type === 'assignment' ? field(assignment, 'right') : undefined;
  const args = right?.type === 'call' ? field(right, 'arguments') : undefined;
  const positional = args ? namedChildren(args).filter((a) => a.type !== 'keyword_argument') : [];
  const names = assignedNames(statement, text);
  if (names.length !== 4 || positional.length !== 2) return undefined;
  if (positional.map((a) => text.slice(a.start, a.end)).join() !== `${xTrain},${yTrain}`) return undefined;
  return names;
}

/** The index of a child in its parent's children (sorted by offset): binary search. */
function indexOfChild(children: readonly PyNode[], child: PyNode): number {
  let lo = 0;
  let hi = children.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (children[mid].start < child.start) lo = mid + 1;
    else hi = mid;
  }
  while (lo < children.length && children[lo] !== child) lo++;
  return lo;
}

/** A function around the region that binds one of the names as a parameter shadows the split. */
function shadowed(region: PyNode, names: string[], text: string): boolean {
  for (let n: PyNode | null = region.parent; n; n = n.parent) {
    if (n.type !== 'function_definition' && n.type !== 'lambda') continue;
    const params = field(n, 'parameters');
    if (params && names.some((name) => identifiersNamed(params, name, text).length)) return true;
  }
  return false;
}

/**
 * `alsoInside`: the other test evaluations of the choice; the
 * rewrite is offered only when the selection region holds them all, so no test score of the
 * choice is left behind (a finding must not survive its own fix).
 */
export function testInSelectionFixes(context: RuleContext, score: ScoreInfo, alsoInside: readonly PyNode[] = []): Fix[] {
  const text = context.source.text;
  const split = score.data.splits.find((s) => s.kind === 'holdout');
  if (!split || split.site.type !== 'call') return [];
  const statement = split.site.parent?.type === 'assignment' ? split.site.parent.parent : undefined;
  const left = split.site.parent?.type === 'assignment' ? field(split.site.parent, 'left') : undefined;
  if (!statement || statement.type !== 'expression_statement' || !left || !statement.parent) return [];
  const names = namedChildren(left).map((n) => (n.type === 'identifier' ? text.slice(n.start, n.end) : ''));
  if (names.length !== 4 || names.some((n) => !n)) return [];
  const [xTrain, xTest, yTrain, yTest] = names;
  const region = selectionRegion(score.site);
  if (region.start < statement.end || shadowed(region, names, text)) return [];
  if (alsoInside.some((n) => n.start < region.start || n.end > region.end)) return [];

  // The carve goes after the split and after any later statement of the same block that
  // rebinds a part (`X_train = scaler.fit_transform(X_train)`), before the selection.
  // (Only the statements up to the selection are visited: big modules have many findings.)
  const siblings = statement.parent.children;
  let anchor = statement;
  let next: PyNode | undefined;
  for (let i = indexOfChild(siblings, statement) + 1; i < siblings.length; i++) {
    const sibling = siblings[i];
    if (!sibling.named || sibling.type === 'comment') continue;
    if (sibling.end > region.start || existingCarve(sibling, xTrain, yTrain, text)) {
      next ??= sibling;
      break;
    }
    if (assignedNames(sibling, text).some((n) => names.includes(n))) {
      anchor = sibling;
      next = undefined;
    } else {
      next ??= sibling;
    }
  }
  const lines = LineIndex.of(text);
  const edits: TextEdit[] = [];
  let carve = existingCarve(next, xTrain, yTrain, text);
  if (!carve) {
    const taken = identifierNames(context.model.root, text); // cached per tree; only read
    carve = [derivedName(xTrain, 'train', taken), derivedName(xTest, 'test', taken), derivedName(yTrain, 'train', taken), derivedName(yTest, 'test', taken)];
    const splitFunction = field(split.site, 'function');
    const splitName = splitFunction ? text.slice(splitFunction.start, splitFunction.end) : 'train_test_split';
    const end = lines.lineEnd(lines.lineOf(anchor.end - 1));
    edits.push({
      start: end,
      end,
      newText: `${lines.eol}${indentationOf(statement, lines)}${carve.join(', ')} = ${splitName}(${xTrain}, ${yTrain}, test_size=0.2, random_state=${seedAt(context, statement.start, statement)})`,
    });
  }
  // `roc_curve(y_test, probs)` with `probs` predicted from X_test earlier: renaming only the labels
  // would pair validation labels with test predictions.
  const mentions = (name: string): boolean => identifiersNamed(region, name, text).length > 0;
  if (score.data.predictionOf.length && mentions(yTest) && !mentions(xTest)) return [];
  const renames = names.map((from, i) => [from, carve![i]] as const);
  let renamed = 0;
  for (const [from, to] of renames) {
    for (const id of identifiersNamed(region, from, text)) {
      edits.push({ start: id.start, end: id.end, newText: to });
      renamed++;
    }
  }
  if (!renamed) return [];
  return [{ title: `Choose on a validation split (${carve[1]}, ${carve[3]}) carved from the training part`, applicability: 'unsafe', edits }];
}
