// The semantic model: qualified names, provenance through assignments, unpacking, subscripts,
// method chains and calls into functions defined in the file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parsePython, toSyntax } from '../../server/src/parser/parser';
import { SourceText } from '../../server/src/parser/syntax';
import { buildModel, ProgramModel } from '../../server/src/semantic/model';
import { dataIn, Value } from '../../server/src/semantic/values';
import { lookupApi, canonicalName } from '../../server/src/ml/tables';

function model(source: string): ProgramModel {
  return buildModel(toSyntax(parsePython(source)), new SourceText(source), { recordValues: true });
}

/** The value bound by the last `name = …` (or `name, … =`) assignment in the source. */
function valueOf(m: ProgramModel, name: string): Value {
  const text = m.source.text;
  const re = new RegExp(`(^|[\\s,(])${name}\\s*(,|=(?!=))`, 'gm');
  let offset = -1;
  for (let match = re.exec(text); match; match = re.exec(text)) offset = match.index + match[1].length;
  const value = m.values.get(offset);
  assert.ok(value, `no value recorded for ${name}`);
  return value;
}

function parts(m: ProgramModel, name: string): string[] {
  return [...(dataIn(valueOf(m, name))?.parts ?? [])].sort();
}

test('import aliases resolve to qualified names', () => {
  const m = model('import sklearn.model_selection as ms\nfrom sklearn import preprocessing as pp\nimport numpy as np\nfrom torch.backends import cudnn\n');
  assert.deepEqual(
    m.imports.map((i) => [i.local, i.qname]),
    [['ms', 'sklearn.model_selection'], ['pp', 'sklearn.preprocessing'], ['np', 'numpy'], ['cudnn', 'torch.backends.cudnn']],
  );
  const split = model('import sklearn.model_selection as ms\nimport pandas as pd\nd = pd.read_csv("x")\na, b = ms.train_test_split(d)\n');
  assert.equal(split.eventsOf('split').length, 1);
});

test('tensorflow.keras names are canonical keras names', () => {
  assert.equal(canonicalName('tensorflow.keras.layers.Dense'), 'keras.layers.Dense');
  assert.equal(canonicalName('pytorch_lightning.seed_everything'), 'lightning.pytorch.seed_everything');
});

test('train_test_split outputs alternate train/test per input array', () => {
  const m = model('import pandas as pd\nfrom sklearn.model_selection import train_test_split\ndf = pd.read_csv("d")\nX = df.drop(columns=["y"])\ny = df["y"]\nX_train, X_test, y_train, y_test = train_test_split(X, y)\n');
  assert.deepEqual(parts(m, 'X_train'), ['train']);
  assert.deepEqual(parts(m, 'X_test'), ['test']);
  assert.deepEqual(parts(m, 'y_train'), ['train']);
  assert.deepEqual(parts(m, 'y_test'), ['test']);
  assert.deepEqual(parts(m, 'X'), ['full']);
  const origins = dataIn(valueOf(m, 'y_test'))!.origins;
  assert.deepEqual(origins, dataIn(valueOf(m, 'X_train'))!.origins, 'X and y come from the same load');
});

test('a split of the training part yields a validation part; names override defaults', () => {
  const m = model('import numpy as np\nfrom sklearn.model_selection import train_test_split as tts\nX = np.load("x")\nX_train, X_test = tts(X)\nX_tr, X_val = tts(X_train)\nA, B = tts(X)\nfit_part, dev_part = tts(A)\n');
  assert.deepEqual(parts(m, 'X_tr'), ['train']);
  assert.deepEqual(parts(m, 'X_val'), ['validation']);
  assert.deepEqual(parts(m, 'B'), ['test']);
  assert.deepEqual(parts(m, 'dev_part'), ['validation']);
});

test('provenance flows through subscripts, method chains and arithmetic', () => {
  const m = model([
    'import pandas as pd',
    'from sklearn.preprocessing import StandardScaler',
    'df = pd.read_csv("d")',
    'cols = df[["a", "b"]].dropna().values',
    'scaled = StandardScaler().fit_transform(cols) * 2',
    'ratio = df["a"] / df["a"].max()',
    '',
  ].join('\n'));
  const cols = dataIn(valueOf(m, 'cols'))!;
  assert.deepEqual(cols.parts, ['full']);
  const scaled = dataIn(valueOf(m, 'scaled'))!;
  assert.deepEqual(scaled.influences.map((l) => l.label), ['StandardScaler']);
  const ratio = dataIn(valueOf(m, 'ratio'))!;
  assert.equal(ratio.influences.length, 1);
  assert.equal(ratio.influences[0].kind, 'statistic');
});

test('row-wise statistics (axis=1) are not learned state', () => {
  const m = model('import pandas as pd\ndf = pd.read_csv("d")\nrow_mean = df.mean(axis=1)\ncol_mean = df.mean()\n');
  assert.equal(valueOf(m, 'row_mean').kind, 'data');
  assert.equal(valueOf(m, 'col_mean').kind, 'statistic');
});

test('index arrays from a split select the matching part (X[train_idx])', () => {
  const m = model('import numpy as np\nfrom sklearn.model_selection import train_test_split\nX = np.load("x")\nidx_a, idx_b = train_test_split(np.arange(len(X)))\nleft = X[idx_a]\nright = X[idx_b]\n');
  assert.deepEqual(parts(m, 'left'), ['train']);
  assert.deepEqual(parts(m, 'right'), ['test']);
});

test('slices and sample/drop assigned to train/test names are an implicit split', () => {
  const m = model('import pandas as pd\ndf = pd.read_csv("d")\ntrain_df = df.sample(frac=0.8, random_state=0)\ntest_df = df.drop(train_df.index)\nhead = df[:5]\nX_test = df[800:]\n');
  assert.deepEqual(parts(m, 'train_df'), ['train']);
  assert.deepEqual(parts(m, 'test_df'), ['test']);
  assert.deepEqual(parts(m, 'head'), ['full']);
  assert.deepEqual(parts(m, 'X_test'), ['test']);
});

test('calls to functions defined in the file are followed with arguments bound', () => {
  const m = model([
    'import pandas as pd',
    'from sklearn.model_selection import train_test_split',
    'def load():',
    '    return pd.read_csv("d")',
    'def split(frame, seed=0):',
    '    return train_test_split(frame, random_state=seed)',
    'train, test = split(load())',
    '',
  ].join('\n'));
  assert.deepEqual(parts(m, 'train'), ['train']);
  assert.deepEqual(parts(m, 'test'), ['test']);
  assert.equal(m.eventsOf('random').length, 0, 'the seed argument reached the call');
});

test('seeds set in a helper dominate later random use; branches join must-facts', () => {
  const helper = model('import numpy as np\ndef seed_all(s):\n    np.random.seed(s)\nseed_all(1)\nx = np.random.rand(3)\n');
  assert.ok(helper.eventsOf('random')[0].facts.has('seeded:numpy'));
  const branch = model('import sys\nimport numpy as np\nif sys.argv:\n    np.random.seed(1)\nx = np.random.rand(3)\n');
  assert.ok(!branch.eventsOf('random')[0].facts.has('seeded:numpy'));
  const both = model('import sys\nimport numpy as np\nif sys.argv:\n    np.random.seed(1)\nelse:\n    np.random.seed(2)\nx = np.random.rand(3)\n');
  assert.ok(both.eventsOf('random')[0].facts.has('seeded:numpy'));
});

test('a loop marks what it varies; evaluations of varying models know their loop', () => {
  const m = model([
    'from sklearn.neighbors import KNeighborsClassifier',
    'from sklearn.model_selection import train_test_split',
    'from sklearn.datasets import load_iris',
    'X, y = load_iris(return_X_y=True)',
    'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
    'for k in range(1, 5):',
    '    s = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train).score(X_test, y_test)',
    'fixed = KNeighborsClassifier().fit(X_train, y_train)',
    'for epoch in range(3):',
    '    t = fixed.score(X_test, y_test)',
    '',
  ].join('\n'));
  const evaluations = m.eventsOf('evaluate');
  assert.equal(evaluations.filter((e) => e.variedIn.length > 0).length >= 1, true);
  const fixedEvaluations = evaluations.filter((e) => m.source.of(e.site).startsWith('fixed.'));
  assert.ok(fixedEvaluations.length > 0 && fixedEvaluations.every((e) => e.variedIn.length === 0));
});

test('syntax errors do not stop the analysis of the rest of the file', () => {
  const m = model('import numpy as np\ndef broken(:\n    pass\nx = np.random.rand(3)\ny = (1 +\n');
  assert.equal(m.eventsOf('random').length, 1);
});

test('ML API table: one entry per role resolves', () => {
  const cases: [string, string][] = [
    ['pandas.read_csv', 'load'],
    ['sklearn.datasets.make_classification', 'generate'],
    ['keras.datasets.mnist.load_data', 'predefined-split'],
    ['sklearn.model_selection.train_test_split', 'split'],
    ['sklearn.model_selection.cross_val_score', 'cross-validate'],
    ['sklearn.preprocessing.StandardScaler', 'estimator'],
    ['sklearn.preprocessing.scale', 'fit-transform-function'],
    ['numpy.median', 'statistic-function'],
    ['pandas.qcut', 'quantile-bins'],
    ['sklearn.metrics.roc_auc_score', 'metric'],
    ['pandas.concat', 'combine'],
    ['numpy.random.seed', 'seed'],
    ['numpy.random.normal', 'random'],
    ['numpy.random.default_rng', 'rng'],
    ['builtins.max', 'select'],
    ['torch.device', 'device'],
    ['torch.use_deterministic_algorithms', 'deterministic-algorithms'],
  ];
  for (const [name, role] of cases) assert.equal(lookupApi(name)?.role, role, name);
  const kinds: [string, string][] = [
    ['sklearn.preprocessing.OneHotEncoder', 'stateless'],
    ['sklearn.ensemble.RandomForestClassifier', 'model'],
    ['sklearn.model_selection.GridSearchCV', 'search'],
    ['imblearn.over_sampling.SMOTE', 'oversampler'],
    ['imblearn.under_sampling.TomekLinks', 'resampler'],
    ['imblearn.under_sampling.RandomUnderSampler', 'stateless'],
    ['sklearn.model_selection.KFold', 'splitter'],
    ['tensorflow.keras.callbacks.EarlyStopping', 'select-callback'],
    ['tensorflow.keras.preprocessing.text.Tokenizer', 'tokenizer'],
    ['sklearn.pipeline.make_pipeline', 'pipeline'],
    ['sklearn.feature_selection.SelectKBest', 'transformer'],
  ];
  for (const [name, kind] of kinds) {
    const entry = lookupApi(name);
    assert.ok(entry && entry.role === 'estimator' && entry.kind === kind, name);
  }
  assert.equal(lookupApi('sklearn.metrics.make_scorer'), undefined);
  assert.equal(lookupApi('numpy.random.seed')?.role, 'seed');
});

test('tuple assignments pair targets with their own right-hand sides', () => {
  const m = model('import numpy as np\nX = np.load("x")\nX_train, X_test = X[:800], X[800:]\n');
  assert.deepEqual(parts(m, 'X_train'), ['train']);
  assert.deepEqual(parts(m, 'X_test'), ['test']);
});

test('cross-validation folds stay validation parts whatever their names', () => {
  const m = model('import numpy as np\nfrom sklearn.model_selection import KFold\nX = np.load("x")\nfor train_index, test_index in KFold(5).split(X):\n    X_train, X_test = X[train_index], X[test_index]\n');
  assert.deepEqual(parts(m, 'X_train'), ['train']);
  assert.deepEqual(parts(m, 'X_test'), ['validation']);
});
