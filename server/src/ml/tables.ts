// What the ML libraries' functions and classes do, as far as leakage is concerned.
// Plain data in one place: qualified name (or a `*` pattern in the last segment) → role.
// The interpreter reads these tables; rules never see library names.

export type RandomFamily = 'python' | 'numpy' | 'torch' | 'tensorflow' | 'sklearn' | 'generator';

export type EstimatorKind =
  | 'transformer' // learns statistics of its input: scalers, imputers, PCA, vectorizers…
  | 'stateless' // fit learns nothing about the rows' values: encoders of category names, Normalizer…
  | 'model'
  | 'pipeline'
  | 'search' // GridSearchCV & co: cross-validates internally and keeps the best settings
  | 'resampler' // learns from the rows which to drop (TomekLinks, NearMiss…): preprocessing
  | 'oversampler' // copies or synthesises rows (SMOTE, RandomOverSampler, SMOTEENN…)
  | 'augmenter' // makes altered copies of samples (ImageDataGenerator.flow)
  | 'splitter' // KFold & co
  | 'select-callback' // Keras callbacks that pick an epoch by the validation data
  | 'tokenizer'; // Keras Tokenizer: fit_on_texts / texts_to_sequences

/** When a constructor or function draws random numbers and which argument seeds it. */
export interface RandomSpec {
  readonly param: string;
  /** Random only when this keyword is given and true (`KFold(shuffle=True)`). */
  readonly onlyIfTrue?: string;
  /** Not random when this keyword is false (`train_test_split(shuffle=False)`). */
  readonly unlessFalse?: string;
  /** Positional index of the seed parameter, when it can be passed positionally. */
  readonly position?: number;
  /**
   * The seed also seeds the estimators passed in (scikit-learn's BaseEnsemble sets each member's
   * `random_state` from its own: `BaggingClassifier(DecisionTreeClassifier(), random_state=0)`).
   */
  readonly seedsMembers?: boolean;
}

export type ApiEntry =
  /** `datedIndex`: the loader returns a frame indexed by date (market data: one row per trading day). */
  | { role: 'load'; datedIndex?: boolean }
  | { role: 'generate'; random: RandomSpec }
  | { role: 'predefined-split' }
  /** A dataset class whose `train=` argument picks the published train or test part. */
  | { role: 'dataset-part' }
  | { role: 'split'; random: RandomSpec }
  | { role: 'cross-validate' }
  | { role: 'estimator'; kind: EstimatorKind; random?: RandomSpec }
  | { role: 'fit-transform-function' }
  | { role: 'statistic-function' }
  | { role: 'quantile-bins' }
  | { role: 'metric' }
  | { role: 'combine'; stacksRows?: boolean }
  /** Draws rows with replacement unless `replace=False` (`sklearn.utils.resample`). */
  | { role: 'resample-rows'; random: RandomSpec }
  /** Creates new values from sizes or bounds only (`np.arange(lo, hi)`): nothing of the rows flows in. */
  | { role: 'fresh' }
  | { role: 'seed'; families: readonly RandomFamily[] }
  | { role: 'random'; family: RandomFamily; random?: RandomSpec }
  | { role: 'rng'; random: RandomSpec }
  | { role: 'select' }
  | { role: 'device' }
  /** `torch.accelerator.current_accelerator()`: the machine's accelerator, CUDA where training runs on a GPU. */
  | { role: 'accelerator' }
  /** `argparse.ArgumentParser()`: options whose defaults `parse_args()` returns as attributes. */
  | { role: 'argument-parser' }
  | { role: 'deterministic-algorithms' };

const RS: RandomSpec = { param: 'random_state' };
const T = (kind: EstimatorKind, random?: RandomSpec): ApiEntry => ({ role: 'estimator', kind, random });
const random = (family: RandomFamily, spec?: RandomSpec): ApiEntry => ({ role: 'random', family, random: spec });

type Table = ReadonlyArray<readonly [patterns: string, entry: ApiEntry]>;

/** Each row: space-separated qualified names or patterns, and their role. */
const TABLE: Table = [
  // Loading data
  ['pandas.read_* numpy.load numpy.loadtxt numpy.genfromtxt numpy.fromfile polars.read_* scipy.io.loadmat sklearn.datasets.load_* sklearn.datasets.fetch_* datasets.load_dataset torch.load', { role: 'load' }],
  ['quandl.get yfinance.download pandas_datareader.DataReader pandas_datareader.data.DataReader pandas_datareader.data.get_data_yahoo', { role: 'load', datedIndex: true }],
  ['sklearn.datasets.make_*', { role: 'generate', random: RS }],
  ['keras.datasets.*.load_data', { role: 'predefined-split' }],
  ['torchvision.datasets.*', { role: 'dataset-part' }],

  // Splitting and cross-validation
  ['sklearn.model_selection.train_test_split', { role: 'split', random: { ...RS, unlessFalse: 'shuffle' } }],
  ['sklearn.model_selection.cross_val_score sklearn.model_selection.cross_validate sklearn.model_selection.cross_val_predict sklearn.model_selection.learning_curve sklearn.model_selection.validation_curve sklearn.model_selection.permutation_test_score', { role: 'cross-validate' }],
  ['sklearn.model_selection.KFold sklearn.model_selection.StratifiedKFold sklearn.model_selection.StratifiedGroupKFold', T('splitter', { ...RS, onlyIfTrue: 'shuffle' })],
  ['sklearn.model_selection.RepeatedKFold sklearn.model_selection.RepeatedStratifiedKFold sklearn.model_selection.ShuffleSplit sklearn.model_selection.StratifiedShuffleSplit sklearn.model_selection.GroupShuffleSplit', T('splitter', RS)],
  ['sklearn.model_selection.GroupKFold sklearn.model_selection.TimeSeriesSplit sklearn.model_selection.LeaveOneOut sklearn.model_selection.LeavePOut sklearn.model_selection.LeaveOneGroupOut sklearn.model_selection.LeavePGroupsOut sklearn.model_selection.PredefinedSplit', T('splitter')],

  // Preprocessing that learns from its input
  ['sklearn.preprocessing.StandardScaler sklearn.preprocessing.MinMaxScaler sklearn.preprocessing.MaxAbsScaler sklearn.preprocessing.RobustScaler sklearn.preprocessing.PowerTransformer sklearn.preprocessing.KBinsDiscretizer sklearn.preprocessing.SplineTransformer sklearn.preprocessing.TargetEncoder', T('transformer')],
  ['sklearn.preprocessing.QuantileTransformer', T('transformer', RS)],
  ['sklearn.impute.SimpleImputer sklearn.impute.KNNImputer', T('transformer')],
  ['sklearn.impute.IterativeImputer', T('transformer', RS)],
  ['sklearn.decomposition.PCA sklearn.decomposition.KernelPCA sklearn.decomposition.IncrementalPCA sklearn.decomposition.SparsePCA sklearn.decomposition.FactorAnalysis', T('transformer')],
  ['sklearn.decomposition.TruncatedSVD sklearn.decomposition.FastICA sklearn.decomposition.NMF sklearn.decomposition.LatentDirichletAllocation', T('transformer', RS)],
  ['sklearn.feature_selection.*', T('transformer')],
  ['sklearn.feature_extraction.text.CountVectorizer sklearn.feature_extraction.text.TfidfVectorizer sklearn.feature_extraction.text.TfidfTransformer sklearn.feature_extraction.DictVectorizer', T('transformer')],
  ['sklearn.compose.ColumnTransformer sklearn.compose.make_column_transformer', T('transformer')],
  ['keras.layers.TextVectorization keras.layers.Normalization keras.layers.StringLookup keras.layers.IntegerLookup keras.layers.Discretization keras.layers.experimental.preprocessing.*', T('transformer')],
  ['keras.preprocessing.text.Tokenizer', T('tokenizer')],
  ['sklearn_pandas.DataFrameMapper', T('transformer')],
  ['torchtext.data.Field torchtext.legacy.data.Field', T('tokenizer')],
  ['torchtext.vocab.build_vocab_from_iterator', { role: 'fit-transform-function' }],
  // Fitting these learns only names of categories or nothing at all
  ['sklearn.preprocessing.Normalizer sklearn.preprocessing.Binarizer sklearn.preprocessing.FunctionTransformer sklearn.preprocessing.PolynomialFeatures sklearn.preprocessing.LabelEncoder sklearn.preprocessing.LabelBinarizer sklearn.preprocessing.MultiLabelBinarizer sklearn.preprocessing.OneHotEncoder sklearn.preprocessing.OrdinalEncoder sklearn.feature_extraction.text.HashingVectorizer sklearn.feature_extraction.FeatureHasher sklearn.impute.MissingIndicator', T('stateless')],
  ['sklearn.preprocessing.scale sklearn.preprocessing.minmax_scale sklearn.preprocessing.maxabs_scale sklearn.preprocessing.robust_scale sklearn.preprocessing.quantile_transform sklearn.preprocessing.power_transform scipy.stats.zscore', { role: 'fit-transform-function' }],

  // Models
  ['sklearn.linear_model.* sklearn.neighbors.* sklearn.naive_bayes.* sklearn.gaussian_process.* sklearn.kernel_ridge.* sklearn.discriminant_analysis.* sklearn.svm.* sklearn.dummy.* sklearn.isotonic.* sklearn.cross_decomposition.* sklearn.semi_supervised.*', T('model')],
  ['sklearn.linear_model.SGDClassifier sklearn.linear_model.SGDRegressor sklearn.linear_model.SGDOneClassSVM sklearn.linear_model.Perceptron sklearn.linear_model.PassiveAggressiveClassifier sklearn.linear_model.PassiveAggressiveRegressor sklearn.linear_model.RANSACRegressor sklearn.svm.LinearSVC sklearn.svm.LinearSVR', T('model', RS)],
  ['sklearn.svm.SVC sklearn.svm.NuSVC', T('model', { ...RS, onlyIfTrue: 'probability' })],
  ['sklearn.ensemble.*', T('model', RS)],
  ['sklearn.ensemble.VotingClassifier sklearn.ensemble.VotingRegressor sklearn.ensemble.StackingClassifier sklearn.ensemble.StackingRegressor', T('model')],
  ['sklearn.ensemble.BaggingClassifier sklearn.ensemble.BaggingRegressor sklearn.ensemble.AdaBoostClassifier sklearn.ensemble.AdaBoostRegressor imblearn.ensemble.BalancedBaggingClassifier imblearn.ensemble.EasyEnsembleClassifier imblearn.ensemble.RUSBoostClassifier', T('model', { ...RS, seedsMembers: true })],
  ['imblearn.ensemble.*', T('model', RS)],
  ['sklearn.tree.DecisionTreeClassifier sklearn.tree.DecisionTreeRegressor sklearn.tree.ExtraTreeClassifier sklearn.tree.ExtraTreeRegressor sklearn.neural_network.MLPClassifier sklearn.neural_network.MLPRegressor sklearn.cluster.KMeans sklearn.cluster.MiniBatchKMeans sklearn.cluster.SpectralClustering sklearn.mixture.GaussianMixture sklearn.mixture.BayesianGaussianMixture sklearn.manifold.TSNE', T('model', RS)],
  ['sklearn.cluster.* sklearn.manifold.*', T('model')],
  ['xgboost.XGBClassifier xgboost.XGBRegressor lightgbm.LGBMClassifier lightgbm.LGBMRegressor catboost.CatBoostClassifier catboost.CatBoostRegressor', T('model')],
  ['keras.Sequential keras.Model keras.models.Sequential keras.models.Model', T('model')],
  ['sklearn.pipeline.Pipeline sklearn.pipeline.make_pipeline imblearn.pipeline.Pipeline imblearn.pipeline.make_pipeline', T('pipeline')],
  ['sklearn.model_selection.GridSearchCV sklearn.model_selection.HalvingGridSearchCV', T('search')],
  ['sklearn.model_selection.RandomizedSearchCV sklearn.model_selection.HalvingRandomSearchCV', T('search', RS)],
  ['imblearn.under_sampling.*', T('resampler', RS)],
  ['imblearn.over_sampling.* imblearn.combine.*', T('oversampler', RS)],
  ['imblearn.under_sampling.NearMiss imblearn.under_sampling.AllKNN imblearn.under_sampling.EditedNearestNeighbours imblearn.under_sampling.RepeatedEditedNearestNeighbours imblearn.under_sampling.TomekLinks imblearn.under_sampling.CondensedNearestNeighbour imblearn.under_sampling.OneSidedSelection imblearn.under_sampling.NeighbourhoodCleaningRule', T('resampler')],
  // Drops random rows by class counts only: it learns nothing about the rows' values
  ['imblearn.under_sampling.RandomUnderSampler', T('stateless', RS)],
  ['keras.preprocessing.image.ImageDataGenerator', T('augmenter')],
  ['imblearn.datasets.make_imbalance', random('sklearn', RS)],
  ['keras.callbacks.EarlyStopping keras.callbacks.ModelCheckpoint', T('select-callback')],

  // Statistics and combinations of data
  ['numpy.mean numpy.std numpy.var numpy.median numpy.quantile numpy.percentile numpy.nanmean numpy.nanstd numpy.nanvar numpy.nanmedian numpy.nanpercentile numpy.nanquantile numpy.average numpy.min numpy.max numpy.amin numpy.amax numpy.nanmin numpy.nanmax', { role: 'statistic-function' }],
  ['pandas.qcut', { role: 'quantile-bins' }],
  // Univariate feature scores learned from the rows (a mask built from them selects features).
  ['sklearn.feature_selection.f_classif sklearn.feature_selection.f_regression sklearn.feature_selection.chi2 sklearn.feature_selection.mutual_info_classif sklearn.feature_selection.mutual_info_regression sklearn.feature_selection.r_regression', { role: 'statistic-function' }],
  // Fresh arrays of evenly spaced values (plot grids): whatever bounds they get, no rows flow in.
  ['numpy.arange numpy.linspace numpy.logspace numpy.meshgrid numpy.zeros numpy.ones numpy.full numpy.eye numpy.empty', { role: 'fresh' }],
  ['pandas.DataFrame pandas.Series pandas.merge numpy.hstack numpy.column_stack numpy.array numpy.asarray torch.stack torch.tensor torch.from_numpy tensorflow.constant tensorflow.convert_to_tensor', { role: 'combine' }],
  // Stack their arguments' rows (unless `axis=1`): repeated rows in the arguments repeat in the result
  ['pandas.concat numpy.concatenate numpy.vstack numpy.row_stack numpy.append torch.cat tensorflow.concat', { role: 'combine', stacksRows: true }],

  // Evaluation
  ['sklearn.metrics.*_score sklearn.metrics.*_error sklearn.metrics.*_loss sklearn.metrics.matthews_corrcoef sklearn.metrics.confusion_matrix sklearn.metrics.classification_report', { role: 'metric' }],

  // Choosing the best of several results
  ['builtins.max builtins.min builtins.sorted numpy.argmax numpy.argmin numpy.argsort numpy.nanargmax numpy.nanargmin numpy.sort', { role: 'select' }],

  // Seeds
  ['random.seed', { role: 'seed', families: ['python'] }],
  ['numpy.random.seed', { role: 'seed', families: ['numpy'] }],
  ['torch.manual_seed torch.random.manual_seed', { role: 'seed', families: ['torch'] }],
  ['torch.cuda.manual_seed torch.cuda.manual_seed_all', { role: 'seed', families: [] }],
  ['tensorflow.random.set_seed tensorflow.set_random_seed tensorflow.compat.v1.set_random_seed', { role: 'seed', families: ['tensorflow'] }],
  ['keras.utils.set_random_seed', { role: 'seed', families: ['python', 'numpy', 'tensorflow'] }],
  ['lightning.seed_everything lightning.pytorch.seed_everything lightning.fabric.seed_everything accelerate.utils.set_seed', { role: 'seed', families: ['python', 'numpy', 'torch'] }],
  ['transformers.set_seed', { role: 'seed', families: ['python', 'numpy', 'torch', 'tensorflow'] }],

  // Draws from a global random generator
  ['random.random random.randint random.randrange random.choice random.choices random.shuffle random.sample random.uniform random.gauss random.normalvariate random.betavariate random.expovariate random.triangular random.getrandbits', random('python')],
  ['numpy.random.*', random('numpy')],
  ['numpy.random.default_rng', { role: 'rng', random: { param: 'seed', position: 0 } }],
  ['numpy.random.RandomState', { role: 'rng', random: { param: 'seed', position: 0 } }],
  ['random.Random', { role: 'rng', random: { param: 'x', position: 0 } }],
  ['numpy.random.Generator numpy.random.SeedSequence numpy.random.PCG64 numpy.random.MT19937 numpy.random.get_state numpy.random.set_state numpy.random.BitGenerator', { role: 'load' }],
  ['sklearn.utils.shuffle', random('sklearn', RS)],
  ['sklearn.utils.resample', { role: 'resample-rows', random: RS }],
  // `generator=` draws from a generator the program seeded itself (`g = torch.Generator(); g.manual_seed(0)`).
  ['torch.rand torch.randn torch.randint torch.randperm torch.bernoulli torch.multinomial torch.normal torch.poisson', random('torch', { param: 'generator' })],
  ['torch.rand_like torch.randn_like torch.randint_like torch.nn.init.*', random('torch')],
  // Building a torchvision model initialises its layers at random (also the new head of a pretrained one).
  ['torchvision.models.*', random('torch')],
  ['torch.nn.Linear torch.nn.Bilinear torch.nn.Conv1d torch.nn.Conv2d torch.nn.Conv3d torch.nn.ConvTranspose1d torch.nn.ConvTranspose2d torch.nn.ConvTranspose3d torch.nn.LSTM torch.nn.GRU torch.nn.RNN torch.nn.Embedding torch.nn.MultiheadAttention torch.nn.Transformer torch.nn.TransformerEncoderLayer torch.nn.TransformerDecoderLayer torch.nn.Dropout', random('torch')],
  ['torch.utils.data.random_split', random('torch', { param: 'generator' })],
  ['torch.utils.data.DataLoader', random('torch', { param: 'generator', onlyIfTrue: 'shuffle' })],
  // TensorFlow 1.x spellings (graph-mode code, `tf.set_random_seed` seeds them).
  ['tensorflow.random_normal tensorflow.random_uniform tensorflow.truncated_normal tensorflow.random_shuffle tensorflow.random_crop tensorflow.multinomial tensorflow.random_gamma tensorflow.random_poisson', random('tensorflow', { param: 'seed' })],
  ['tensorflow.random.normal tensorflow.random.uniform tensorflow.random.shuffle tensorflow.random.truncated_normal tensorflow.random.categorical tensorflow.random.gamma tensorflow.random.poisson', random('tensorflow', { param: 'seed' })],
  ['keras.layers.Dense keras.layers.Conv1D keras.layers.Conv2D keras.layers.Conv3D keras.layers.LSTM keras.layers.GRU keras.layers.SimpleRNN keras.layers.Embedding keras.layers.Dropout', random('tensorflow')],

  // Devices and determinism switches
  ['torch.device', { role: 'device' }],
  ['torch.accelerator.current_accelerator', { role: 'accelerator' }],
  ['argparse.ArgumentParser', { role: 'argument-parser' }],
  ['torch.use_deterministic_algorithms', { role: 'deterministic-algorithms' }],
];

const EXCLUDED_FROM_PATTERNS = new Set([
  'numpy.random.seed',
  'numpy.random.default_rng',
  'numpy.random.RandomState',
  'sklearn.metrics.make_scorer',
  'sklearn.metrics.get_scorer',
]);

const exact = new Map<string, ApiEntry>();
const patterns: { prefix: string; suffix: string; entry: ApiEntry }[] = [];

for (const [names, entry] of TABLE) {
  for (const name of names.split(' ')) {
    const star = name.indexOf('*');
    if (star < 0) exact.set(name, entry);
    else patterns.push({ prefix: name.slice(0, star), suffix: name.slice(star + 1), entry });
  }
}

// Later, more specific rows override earlier patterns: look up exact names first, then the
// longest matching pattern.
patterns.sort((a, b) => b.prefix.length + b.suffix.length - (a.prefix.length + a.suffix.length));

const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['tensorflow.keras.', 'keras.'],
  ['tensorflow.compat.v2.', 'tensorflow.'],
  ['pytorch_lightning.', 'lightning.pytorch.'],
  ['keras.src.', 'keras.'],
  ['sklearn.model_selection._split.', 'sklearn.model_selection.'],
  ['keras.preprocessing.text.Tokenizer', 'keras.preprocessing.text.Tokenizer'],
  ['keras.layers.preprocessing.', 'keras.layers.'],
  // scikit-learn before 0.20 (still everywhere in notebooks): the same roles under old modules.
  ['sklearn.cross_validation.', 'sklearn.model_selection.'],
  ['sklearn.grid_search.', 'sklearn.model_selection.'],
  ['sklearn.learning_curve.', 'sklearn.model_selection.'],
  ['sklearn.preprocessing.Imputer', 'sklearn.impute.SimpleImputer'],
  ['sklearn.ensemble.gradient_boosting.', 'sklearn.ensemble.'],
  ['sklearn.ensemble.forest.', 'sklearn.ensemble.'],
  ['sklearn.ensemble.weight_boosting.', 'sklearn.ensemble.'],
  ['sklearn.ensemble.bagging.', 'sklearn.ensemble.'],
  ['sklearn.preprocessing.imputation.Imputer', 'sklearn.impute.SimpleImputer'],
];

/** First segments of the tabled names (`torch`, `sklearn`…): a bare folder of the project never shadows these libraries. */
export const LIBRARY_TOP_NAMES: ReadonlySet<string> = new Set([
  ...TABLE.flatMap(([names]) => names.split(' ').map((n) => n.split('.')[0])),
  ...ALIASES.map(([from]) => from.split('.')[0]),
]);

/** Canonical spelling of a qualified name (`tensorflow.keras.layers.Dense` → `keras.layers.Dense`). */
export function canonicalName(qname: string): string {
  for (const [from, to] of ALIASES) if (qname.startsWith(from)) return to + qname.slice(from.length);
  return qname;
}

export function lookupApi(qname: string): ApiEntry | undefined {
  const name = canonicalName(qname);
  const hit = exact.get(name);
  if (hit) return hit;
  if (EXCLUDED_FROM_PATTERNS.has(name)) return undefined;
  for (const p of patterns) {
    if (name.length > p.prefix.length + p.suffix.length && name.startsWith(p.prefix) && name.endsWith(p.suffix)) {
      const middle = name.slice(p.prefix.length, name.length - p.suffix.length);
      // `*` stands for one name segment, except in `keras.datasets.*.load_data`-like rows.
      if (!middle.includes('.') || p.suffix.startsWith('.')) return p.entry;
    }
  }
  return undefined;
}

/** Methods on fitted estimators and what they do. */
export const ESTIMATOR_METHODS: Readonly<Record<string, 'fit' | 'fit-transform' | 'fit-resample' | 'augment' | 'transform' | 'predict' | 'score' | 'split'>> = {
  fit: 'fit',
  partial_fit: 'fit',
  adapt: 'fit',
  fit_on_texts: 'fit',
  fit_on_sequences: 'fit',
  build_vocab: 'fit',
  fit_transform: 'fit-transform',
  fit_predict: 'fit-transform',
  fit_resample: 'fit-resample',
  fit_sample: 'fit-resample',
  flow: 'augment',
  transform: 'transform',
  inverse_transform: 'transform',
  texts_to_sequences: 'transform',
  texts_to_matrix: 'transform',
  sequences_to_matrix: 'transform',
  predict: 'predict',
  predict_proba: 'predict',
  predict_log_proba: 'predict',
  decision_function: 'predict',
  score: 'score',
  evaluate: 'score',
  split: 'split',
};

/** Methods on data that compute a statistic of the rows (unless asked per row: `axis=1`). */
export const STATISTIC_METHODS = new Set([
  'mean', 'std', 'var', 'median', 'quantile', 'min', 'max', 'sum', 'mode', 'describe', 'value_counts', 'nunique', 'cov', 'corr', 'sem', 'skew', 'kurt', 'idxmax', 'idxmin', 'nanmean', 'percentile',
]);

/**
 * Keyword arguments that give sizes, counts or switches, never values: a statistic passed there
 * (`df.sample(n=counts.max())`, `resample(x, n_samples=len_majority)`) sizes the result and does
 * not shape the rows.
 */
export const SIZE_KEYWORDS = new Set(['n', 'n_samples', 'size', 'frac', 'k', 'num', 'replace', 'axis', 'random_state', 'seed', 'shape', 'repeats', 'n_components', 'n_clusters', 'bins', 'figsize', 'steps', 'length']);

/** pandas `DataFrame.sample`/`Series.sample` keywords: a `.sample(…)` with none of them is some other API's `sample`. */
export const DATAFRAME_SAMPLE_KEYWORDS = new Set(['n', 'frac', 'replace', 'weights', 'random_state', 'axis', 'ignore_index']);

/** Methods on data that select rows (a possible split when the result is named `train`/`test`). */
export const ROW_SELECTION_METHODS = new Set(['head', 'tail', 'sample', 'take', 'query', 'nsmallest', 'nlargest']);

/** Data attributes that are metadata, not data. */
export const METADATA_ATTRIBUTES = new Set(['shape', 'columns', 'dtypes', 'dtype', 'ndim', 'size', 'name', 'names']);

/** Methods on containers or data that pick the best of several results. */
export const SELECT_METHODS = new Set(['idxmax', 'idxmin', 'argmax', 'argmin', 'argsort', 'sort_values', 'nlargest', 'nsmallest', 'sort']);

/** Methods on containers that add elements to them. */
export const CONTAINER_ADDERS = new Set(['append', 'extend', 'add', 'insert', 'update', 'setdefault', 'appendleft']);

/** pandas methods that draw rows at random (seeded by `random_state` or numpy's global seed). */
export const RANDOM_DATA_METHODS: Readonly<Record<string, RandomSpec>> = {
  sample: { param: 'random_state' },
};

/** Metrics that report per class (a breakdown that shows failure slices). */
export const PER_GROUP_METRICS: readonly string[] = [
  'sklearn.metrics.classification_report', 'sklearn.metrics.confusion_matrix', 'sklearn.metrics.multilabel_confusion_matrix', 'sklearn.metrics.precision_recall_fscore_support',
];

/**
 * Models that serve as a baseline when evaluated next to another model (the checklist's "is
 * there a baseline?"): predictors that ignore the features, and simple linear models.
 */
export const BASELINE_MODELS: readonly string[] = [
  'sklearn.dummy.DummyClassifier', 'sklearn.dummy.DummyRegressor',
  'sklearn.linear_model.LogisticRegression', 'sklearn.linear_model.LinearRegression', 'sklearn.linear_model.Ridge', 'sklearn.linear_model.RidgeClassifier', 'sklearn.linear_model.Lasso',
];

/** Predictors that ignore the features: scoring one next to a model on the test set compares nothing that is chosen. */
export const CHANCE_BASELINES: readonly string[] = ['sklearn.dummy.DummyClassifier', 'sklearn.dummy.DummyRegressor'];

/**
 * Ways a model holds rows out by itself: keyword arguments of `fit` or the constructor that
 * score it on data it does not train on (Keras `validation_split`, boosting eval sets, a random
 * forest's out-of-bag rows, early stopping on an internal validation fraction), and the class
 * name ending of models that cross-validate themselves (`LogisticRegressionCV`, `RidgeCV`).
 */
export const INTERNAL_HOLD_OUT = {
  keywords: ['validation_split', 'validation_data', 'validation_fraction', 'eval_set', 'evals', 'valid_sets', 'oob_score', 'early_stopping', 'n_iter_no_change', 'cv'],
  classSuffix: 'CV',
} as const;

// ---- Columns and splits: what group-split and temporal-split read --------------------------

/** How a splitter divides rows: by group, in time order, and whether it shuffles. */
export interface SplitterTraits {
  /** Keeps every group on one side (`GroupKFold`…): `groups=` is required. */
  readonly groups: boolean;
  /** Respects time order (`TimeSeriesSplit`). */
  readonly time: boolean;
  /** Divides individual rows at random or by position without regard to groups. */
  readonly rowLevel: boolean;
  /** Shuffles always, never, or only with `shuffle=True`. */
  readonly shuffles: 'always' | 'never' | 'if-shuffle';
}

const SPLITTER_ROWS: ReadonlyArray<readonly [string, SplitterTraits]> = [
  ['KFold StratifiedKFold', { groups: false, time: false, rowLevel: true, shuffles: 'if-shuffle' }],
  ['RepeatedKFold RepeatedStratifiedKFold ShuffleSplit StratifiedShuffleSplit', { groups: false, time: false, rowLevel: true, shuffles: 'always' }],
  ['LeaveOneOut LeavePOut', { groups: false, time: false, rowLevel: true, shuffles: 'never' }],
  ['GroupKFold LeaveOneGroupOut LeavePGroupsOut', { groups: true, time: false, rowLevel: false, shuffles: 'never' }],
  ['StratifiedGroupKFold', { groups: true, time: false, rowLevel: false, shuffles: 'if-shuffle' }],
  ['GroupShuffleSplit', { groups: true, time: false, rowLevel: false, shuffles: 'always' }],
  ['TimeSeriesSplit', { groups: false, time: true, rowLevel: false, shuffles: 'never' }],
  ['PredefinedSplit', { groups: false, time: false, rowLevel: false, shuffles: 'never' }],
];

const SPLITTERS = new Map<string, SplitterTraits>();
for (const [names, traits] of SPLITTER_ROWS) for (const n of names.split(' ')) SPLITTERS.set(`sklearn.model_selection.${n}`, traits);

export function splitterTraits(qname: string): SplitterTraits | undefined {
  return SPLITTERS.get(canonicalName(qname));
}

/** What `cv=5` (or no `cv`) means for cross-validation and searches: unshuffled (Stratified)KFold. */
export const DEFAULT_CV_TRAITS: SplitterTraits = { groups: false, time: false, rowLevel: true, shuffles: 'never' };

/** Functions that say something about columns. */
export const COLUMN_FUNCTIONS: Readonly<Record<string, 'to-datetime' | 'unique' | 'date-range'>> = {
  'pandas.to_datetime': 'to-datetime',
  'pandas.DatetimeIndex': 'to-datetime',
  'numpy.unique': 'unique',
  'pandas.unique': 'unique',
  'pandas.date_range': 'date-range',
};

/** Loader keywords that make a column (or the index) a datetime. */
export const DATETIME_LOAD_KEYWORDS = ['parse_dates'];

/** Methods of a pandas GroupBy that give one row per group. */
export const GROUP_AGGREGATIONS = new Set(['agg', 'aggregate', 'size', 'count', 'first', 'last', 'nth', 'apply', 'nunique', 'head', 'tail']);

/** Row-order methods that look back (a positive period) or forward (a negative one). */
export const PERIOD_METHODS = new Set(['shift', 'diff', 'pct_change']);

/** Window methods: statistics over them are per row, not of the whole column. */
export const WINDOW_METHODS = new Set(['rolling', 'ewm', 'expanding']);

/** Methods that fill a gap with a later value. */
export const BACKFILL_METHODS = new Set(['bfill', 'backfill']);

/** pandas attributes of a frame or series that are not columns (`df.values`, `s.dt`…). */
export const FRAME_ATTRIBUTES = new Set([
  'values', 'iloc', 'loc', 'at', 'iat', 'T', 'str', 'dt', 'cat', 'index', 'columns', 'shape', 'dtypes', 'dtype', 'plot', 'sparse',
  'array', 'empty', 'size', 'ndim', 'name', 'names', 'axes', 'style', 'attrs', 'flags',
]);

/**
 * Column names that identify a group of related rows (patient, speaker, user…), compared after
 * lower-casing and removing everything but letters and digits (`PatientID` = `patient_id`).
 * Configurable: `group-columns` / `extend-group-columns` in `[tool.holdout]`.
 */
export const DEFAULT_GROUP_COLUMNS = [
  'patient_id', 'patient', 'patient_nbr', 'subject', 'subject_id', 'participant', 'participant_id', 'user_id', 'customer_id',
  'speaker', 'speaker_id', 'session_id', 'document_id', 'doc_id', 'video_id', 'site', 'site_id', 'hospital', 'hospital_id',
  'domain', 'author', 'author_id', 'household', 'household_id', 'family_id', 'study_id', 'mrn',
];
