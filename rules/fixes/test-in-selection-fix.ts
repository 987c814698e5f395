// Fix for test-in-selection (always unsafe): carve a validation split out of the training
// part right after the original split, and make the selection code use it.
//     X_train, X_test, y_train, y_test = train_test_split(X, y, …)
//     X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.2, random_state=42)
// Inside the selection (the loop that varies the model, or the Keras `fit` call), X_train/y_train
// become X_tr/y_tr and X_test/y_test become X_val/y_val.
import { RuleContext } from '../../server/src/engine/rule';
import { identifiersNamed, indentationOf, moduleAlias } from '../../server/src/engine/edit-helpers';
import { LineIndex } from '../../server/src/engine/text';
import { Fix, TextEdit } from '../../server/src/engine/types';
import { field, forEachDescendant, namedChildren, PyNode } from '../../server/src/parser/syntax';
import { ScoreInfo } from '../../server/src/semantic/values';

function derivedName(name: string, from: 'train' | 'test', taken: Set<string>): string {
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

export function testInSelectionFixes(context: RuleContext, score: ScoreInfo): Fix[] {
  const text = context.source.text;
  const split = score.data.splits.find((s) => s.kind === 'holdout');
  if (!split || split.site.type !== 'call') return [];
  const statement = split.site.parent?.type === 'assignment' ? split.site.parent.parent : undefined;
  const left = split.site.parent?.type === 'assignment' ? field(split.site.parent, 'left') : undefined;
  if (!statement || statement.type !== 'expression_statement' || !left) return [];
  const names = namedChildren(left).map((n) => (n.type === 'identifier' ? text.slice(n.start, n.end) : ''));
  if (names.length !== 4 || names.some((n) => !n)) return [];
  const [xTrain, xTest, yTrain, yTest] = names;
  const region = selectionRegion(score.site);
  if (region.start < statement.end) return [];

  const taken = new Set<string>();
  forEachDescendant(context.model.root, (n) => {
    if (n.type === 'identifier') taken.add(text.slice(n.start, n.end));
  });
  const xTr = derivedName(xTrain, 'train', taken);
  const xVal = derivedName(xTest, 'test', taken);
  const yTr = derivedName(yTrain, 'train', taken);
  const yVal = derivedName(yTest, 'test', taken);

  const splitFunction = field(split.site, 'function');
  const splitName = splitFunction ? text.slice(splitFunction.start, splitFunction.end) : 'train_test_split';
  const lines = new LineIndex(text);
  const indent = indentationOf(statement, lines);
  const end = lines.lineEnd(lines.lineOf(statement.end - 1));
  const edits: TextEdit[] = [
    {
      start: end,
      end,
      newText: `${lines.eol}${indent}${xTr}, ${xVal}, ${yTr}, ${yVal} = ${splitName}(${xTrain}, ${yTrain}, test_size=0.2, random_state=${context.seed})`,
    },
  ];
  const renames: [string, string][] = [[xTrain, xTr], [xTest, xVal], [yTrain, yTr], [yTest, yVal]];
  for (const [from, to] of renames) {
    for (const id of identifiersNamed(region, from, text)) edits.push({ start: id.start, end: id.end, newText: to });
  }
  if (edits.length === 1) return [];
  void moduleAlias;
  return [{ title: `Choose on a validation split (${xVal}, ${yVal}) carved from the training part`, applicability: 'unsafe', edits }];
}
