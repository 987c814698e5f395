// no-held-out-data: a model scored only on the rows it was fitted on, in a program that holds
// no data out anywhere — the only score it reports is a training score.
import { Rule, RuleContext } from '../server/src/engine/rule';
import { field, PyNode, SourceText } from '../server/src/parser/syntax';
import { INTERNAL_HOLD_OUT } from '../server/src/ml/tables';
import { EventOf } from '../server/src/semantic/events';
import { ProgramModel } from '../server/src/semantic/model';
import { namesAPart } from '../server/src/semantic/naming';
import { DataFacts, Estimator, Origin, Value } from '../server/src/semantic/values';

const rule: Rule = {
  id: 'no-held-out-data',
  defaultSeverity: 'info',
  fix: 'none',
  docs: {
    summary: 'A model is scored only on the rows it was fitted on, and the program holds no data out: the score is a training score.',
    whatItDoes:
      'Reports, once per program and at the first such evaluation, a supervised model (fitted with labels) that is scored (`score`, a metric of its predictions, `evaluate`) only on rows it was fitted on, when nothing in the program holds data out: no split of any kind (`train_test_split`, a slice into named parts, a CV splitter), no cross-validation or search, no data loaded or named as a part (`test.csv`, `df_train`, `train=False`, `split="validation"`), no prediction on other data (rows typed into the code, `predict([[5.1, 3.5, 1.4, 0.2]])`, are examples, not held-out data), and no hold-out the model makes itself (`validation_split`/`validation_data`, `eval_set`, `oob_score`, early stopping on a validation fraction, `LogisticRegressionCV` and other `*CV` models). The fit and the data source are related locations. Models fitted without labels (clustering, density estimates) and functions nothing calls are not reported.',
    whyBad:
      'Training data is used to fit parameters; test data is used only for final evaluation. A score computed on the rows the model was fitted on measures how well it remembers them, not how it does on new examples: a flexible model can score perfectly on its training rows and fail after deployment. With no held-out rows anywhere, the program has no estimate of generalization at all. Hold out a test set before fitting (or cross-validate) and report the score on rows the model never saw.',
    example: [
      'from sklearn.ensemble import RandomForestClassifier',
      'from sklearn.metrics import accuracy_score',
      'df = pd.read_csv("churn.csv")',
      'X, y = df.drop(columns="churn"), df["churn"]',
      'model = RandomForestClassifier(random_state=0).fit(X, y)',
      'print(accuracy_score(y, model.predict(X)))',
    ].join('\n'),
    useInstead: [
      'from sklearn.ensemble import RandomForestClassifier',
      'from sklearn.metrics import accuracy_score',
      'from sklearn.model_selection import train_test_split',
      'df = pd.read_csv("churn.csv")',
      'X, y = df.drop(columns="churn"), df["churn"]',
      'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)',
      'model = RandomForestClassifier(random_state=0).fit(X_train, y_train)',
      'print(accuracy_score(y_test, model.predict(X_test)))',
    ].join('\n'),
    fixSafety: 'No fix: which rows to hold out (at random, by group, by time) is a decision about the deployment the code does not show.',
  },
  check(context: RuleContext): void {
    const { model } = context;
    if (holdsDataOut(context)) return;
    for (const fit of model.eventsOf('fit')) {
      if (fit.standalone || !fit.labels || !isSupervisedModel(fit.estimator)) continue;
      const rows = [...fit.learned.from.origins, ...fit.labels.origins];
      const scored = model.eventsOf('evaluate').filter((e) => !e.standalone && e.score.estimators.includes(fit.estimator));
      if (!scored.length || !scored.every((e) => onlyRowsOf(e.score.data, rows))) continue;
      const [first] = scored.sort((a, b) => a.site.start - b.site.start);
      context.report({
        node: first.site,
        message: 'This score is computed on the rows the model was fitted on, and no data is held out: it is a training score.',
        related: [
          { node: fit.site, message: 'fitted here on the same rows' },
          ...originsOf(fit.learned.from).slice(0, 2).map((o) => ({ node: o.site, message: 'the data comes from here and is never split' })),
        ],
      });
      return;
    }
  },
};

/** Anything in the program that keeps rows away from a model: a split, a search, a part-named source, new data. */
function holdsDataOut(context: RuleContext): boolean {
  const { model } = context;
  if (model.eventsOf('split').length || model.eventsOf('search').length) return true;
  if (model.events.some((e) => e.type === 'evaluate' && !e.score.data.parts.every((p) => p === 'full'))) return true;
  if (model.origins.some((o) => o.parameter || namedAsPart(context, o))) return true;
  if (model.eventsOf('fit').some((f) => holdsOutItself(f, context.source))) return true;
  return predictsOnOtherData(model);
}

/** A model applied (predict, score, transform) to rows from a source it was not fitted on. */
function predictsOnOtherData(model: ProgramModel): boolean {
  const fitted = new Map<number, Origin[]>();
  for (const fit of model.eventsOf('fit')) {
    const list = fitted.get(fit.learned.site.start) ?? [];
    list.push(...fit.learned.from.origins, ...(fit.labels?.origins ?? []));
    fitted.set(fit.learned.site.start, list);
  }
  for (const apply of model.eventsOf('apply')) {
    if (apply.learned.kind !== 'fit') continue;
    const rows = fitted.get(apply.learned.site.start) ?? apply.learned.from.origins;
    // A row typed into the code (`predict([[5.1, 3.5, 1.4, 0.2]])`) is an example, not held-out data.
    if (apply.target.origins.length && apply.target.origins.every(typedIn)) continue;
    if (!onlyRowsOf(apply.target, rows)) return true;
  }
  return false;
}

/** Data written out in the code: a list or tuple literal, or an array made from one (`np.array([[…]])`). */
function typedIn(origin: Origin): boolean {
  const literal = (n: PyNode | undefined): boolean => !!n && (n.type === 'list' || n.type === 'tuple');
  if (literal(origin.site)) return true;
  const args = origin.site.type === 'call' ? field(origin.site, 'arguments') : undefined;
  const first = args?.children.find((c) => c.named && c.type !== 'comment');
  return literal(first);
}

function onlyRowsOf(data: DataFacts, rows: readonly Origin[]): boolean {
  return data.origins.length > 0 && data.origins.every((o) => rows.includes(o)) && data.parts.every((p) => p === 'full');
}

/** `test = pd.read_csv("test.csv")`, `datasets.MNIST(root, train=False)`: a source that names a part. */
function namedAsPart(context: RuleContext, origin: Origin): boolean {
  const { source } = context;
  const strings: string[] = [];
  const visit = (node: PyNode, depth: number): void => {
    if (depth > 8) return;
    if (node.type === 'string' || node.type === 'identifier') strings.push(source.of(node));
    for (const child of node.children) visit(child, depth + 1);
  };
  const call = origin.site.type === 'call' ? field(origin.site, 'arguments') : undefined;
  if (call) visit(call, 0);
  const target = assignedName(origin.site);
  if (target) strings.push(source.of(target));
  return strings.some(namesAPart);
}

/** The target of the assignment whose value the node is (`train = pd.read_csv(…)` → `train`). */
function assignedName(node: PyNode): PyNode | undefined {
  let n: PyNode | null = node;
  for (let depth = 0; n && depth < 4; depth++, n = n.parent) {
    if (n.type === 'assignment') return field(n, 'left');
  }
  return undefined;
}

/** A fit that scores the model on rows it holds out by itself (`validation_split=0.2`, `oob_score=True`, a `*CV` model). */
function holdsOutItself(fit: EventOf<'fit'>, source: SourceText): boolean {
  const est = fit.estimator;
  if (est.qname.endsWith(INTERNAL_HOLD_OUT.classSuffix)) return true;
  const keywords: readonly string[] = INTERNAL_HOLD_OUT.keywords;
  for (const [name, value] of est.keywords ?? []) if (keywords.includes(name) && !isOff(value)) return true;
  const args = fit.site.type === 'call' ? field(fit.site, 'arguments') : undefined;
  for (const arg of args?.children ?? []) {
    if (arg.type !== 'keyword_argument') continue;
    const name = field(arg, 'name');
    const value = field(arg, 'value');
    if (name && keywords.includes(source.of(name)) && !(value && ['false', 'none'].includes(value.type))) return true;
  }
  return false;
}

function isOff(value: Value): boolean {
  return value.kind === 'const' && (value.value === false || value.value === null || value.value === 0);
}

function isSupervisedModel(est: Estimator): boolean {
  return est.kind === 'model' || est.kind === 'pipeline';
}

function originsOf(data: DataFacts): Origin[] {
  return data.origins.filter((o) => !o.parameter);
}

export default rule;
