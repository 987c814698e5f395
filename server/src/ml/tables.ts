// What the ML libraries' functions and classes do, as far as leakage is concerned.
// Plain data in one place: qualified name (or a `*` pattern in the last segment) → role.
// The interpreter reads these tables; rules never see library names.

import { remembered } from './remembered';

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
  | 'tokenizer' // Keras Tokenizer: fit_on_texts / texts_to_sequences
  | 'loss' // a loss module (`nn.CrossEntropyLoss()`): calling it on predictions and targets scores them
  | 'score-watcher' // `ReduceLROnPlateau`: `.step(score)` changes training by the score it is given
  | 'trainer' // Lightning / Hugging Face trainers: they train a model and pick checkpoints by their validation data
  | 'tuner' // keras-tuner: `search(..., validation_data=…)` picks hyperparameters by that data
  | 'study'; // Optuna study: `optimize(objective)` calls the objective once per trial and keeps the best

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

/**
 * When a callback, a training configuration or a model chooses an epoch, a checkpoint or a
 * number of boosting rounds by the validation data it is given.
 */
export type SelectsSpec =
  | { readonly always: true }
  // `TrainingArguments(load_best_model_at_end=True)`; `atCall`: reported at the call, by the class's name (Keras `ModelCheckpoint(save_best_only=True)`)
  | { readonly ifTrue: string; readonly atCall?: true }
  | { readonly ifGiven: readonly string[] } // `XGBClassifier(early_stopping_rounds=…)`, Lightning `ModelCheckpoint(monitor=…)`
  | { readonly unlessFalse: string }; // CatBoost: `use_best_model` is on by default when `eval_set` is given

/**
 * Keywords of a training configuration that switch on deterministic kernels or CUDA
 * (Lightning `Trainer(deterministic=True, accelerator="gpu", gpus=1)`).
 */
export interface TrainerSwitches {
  /** This keyword set to `True` turns on deterministic algorithms (as `cudnn.deterministic = True`). */
  readonly deterministic: string;
  /** This keyword naming one of `values` runs on CUDA. */
  readonly accelerator: { readonly keyword: string; readonly values: readonly string[] };
  /** This keyword giving a non-zero number of devices runs on CUDA. */
  readonly devices: string;
}

/** Where a model, trainer or tuner receives the data it makes that choice on. */
export interface ValidationSpec {
  /** The method that receives it (`fit`, `search`), or `__init__` for the constructor. */
  readonly method: string;
  readonly keyword: string;
  readonly position?: number;
  /** Only the last entry of a literal list is used for the choice (xgboost's `eval_set`, `evals`). */
  readonly last?: boolean;
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
  /**
   * `prefit`: with this keyword true, the estimator wraps an already fitted one (the first
   * argument) and uses what that one learned without being fitted itself (`SelectFromModel(clf, prefit=True)`).
   */
  | { role: 'estimator'; kind: EstimatorKind; random?: RandomSpec; selects?: SelectsSpec; validation?: readonly ValidationSpec[]; prefit?: string; switches?: TrainerSwitches }
  /** A `torch.nn` module (or a factory of one): a model when called on data; `family` when its construction draws random weights. */
  /** `wraps`: the module passed at that position is the model (`nn.DataParallel(net)`), when it is known. */
  | { role: 'module'; family?: RandomFamily; wraps?: number }
  /** `lgb.train` / `xgb.train`: trains a booster; early stopping picks rounds by `validation`. */
  /** `train`: where the training data is passed; `stoppingParams`: settings in a params dict literal (first argument) that stop early. */
  | { role: 'train-function'; train: { keyword: string; position: number }; validation: ValidationSpec; stopping?: { keyword: string; position?: number }; stoppingParams?: readonly string[] }
  /** Hyperparameter search drivers that call an objective once per trial (`fmin`, `tune.run`, `tune.Tuner`). */
  | { role: 'objective-search'; objective: { keyword: string; position: number }; space?: string }
  /** `trial.suggest_float(...)`: a setting that changes from trial to trial. */
  | { role: 'hyperparameter' }
  /** `tune.report(score=…)`: the search keeps the trial with the best reported score. */
  | { role: 'report-score' }
  | { role: 'fit-transform-function' }
  | { role: 'statistic-function' }
  | { role: 'quantile-bins' }
  | { role: 'metric' }
  /** `roc_curve`, `precision_recall_curve`: one score per threshold; picking a point on it is a choice once it is applied. */
  | { role: 'curve' }
  /** `notRows`: keyword arguments that hold no rows of the result (`lgb.Dataset(X, y, reference=train)`). */
  | { role: 'combine'; stacksRows?: boolean; notRows?: readonly string[] }
  /** Draws rows with replacement unless `replace=False` (`sklearn.utils.resample`). */
  | { role: 'resample-rows'; random: RandomSpec }
  /** Creates new values from sizes or bounds only (`np.arange(lo, hi)`): nothing of the rows flows in. */
  | { role: 'fresh' }
  /** `deterministic`: also switches PyTorch to deterministic algorithms (`transformers.enable_full_determinism`). */
  | { role: 'seed'; families: readonly RandomFamily[]; deterministic?: boolean }
  /** `datasets.load_dataset`: a dataset dict whose `"train"`/`"validation"`/`"test"` entries are published parts. */
  | { role: 'dataset-dict' }
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
const STOPPING_PARAMS = ['early_stopping_round', 'early_stopping_rounds'];
const LIGHTNING_SWITCHES: TrainerSwitches = { deterministic: 'deterministic', accelerator: { keyword: 'accelerator', values: ['gpu', 'cuda'] }, devices: 'gpus' };

const TABLE: Table = [
  // Loading data
  ['pandas.read_* numpy.load numpy.loadtxt numpy.genfromtxt numpy.fromfile polars.read_* scipy.io.loadmat sklearn.datasets.load_* sklearn.datasets.fetch_* torch.load', { role: 'load' }],
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
  ['sklearn.feature_selection.SelectFromModel', { role: 'estimator', kind: 'transformer', prefit: 'prefit' }],
  ['sklearn.feature_extraction.text.CountVectorizer sklearn.feature_extraction.text.TfidfVectorizer sklearn.feature_extraction.text.TfidfTransformer sklearn.feature_extraction.DictVectorizer', T('transformer')],
  ['sklearn.compose.ColumnTransformer sklearn.compose.make_column_transformer sklearn.pipeline.FeatureUnion sklearn.pipeline.make_union', T('transformer')],
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
  ['keras.callbacks.EarlyStopping', { role: 'estimator', kind: 'select-callback', selects: { always: true } }],
  ['keras.callbacks.ModelCheckpoint', { role: 'estimator', kind: 'select-callback', selects: { ifTrue: 'save_best_only', atCall: true } }],
  ['keras.callbacks.ReduceLROnPlateau', { role: 'estimator', kind: 'select-callback', selects: { always: true } }],

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
  ['torchvision.models.*', { role: 'module', family: 'torch' }],
  ['torch.nn.Linear torch.nn.Bilinear torch.nn.Conv1d torch.nn.Conv2d torch.nn.Conv3d torch.nn.ConvTranspose1d torch.nn.ConvTranspose2d torch.nn.ConvTranspose3d torch.nn.LSTM torch.nn.GRU torch.nn.RNN torch.nn.Embedding torch.nn.MultiheadAttention torch.nn.Transformer torch.nn.TransformerEncoderLayer torch.nn.TransformerDecoderLayer torch.nn.Dropout', { role: 'module', family: 'torch' }],
  ['torch.utils.data.random_split', random('torch', { param: 'generator' })],
  ['torch.utils.data.DataLoader', random('torch', { param: 'generator', onlyIfTrue: 'shuffle' })],
  // TensorFlow 1.x spellings (graph-mode code, `tf.set_random_seed` seeds them).
  ['tensorflow.random_normal tensorflow.random_uniform tensorflow.truncated_normal tensorflow.random_shuffle tensorflow.random_crop tensorflow.multinomial tensorflow.random_gamma tensorflow.random_poisson', random('tensorflow', { param: 'seed' })],
  ['tensorflow.random.normal tensorflow.random.uniform tensorflow.random.shuffle tensorflow.random.truncated_normal tensorflow.random.categorical tensorflow.random.gamma tensorflow.random.poisson', random('tensorflow', { param: 'seed' })],
  ['keras.layers.Dense keras.layers.Conv1D keras.layers.Conv2D keras.layers.Conv3D keras.layers.LSTM keras.layers.GRU keras.layers.SimpleRNN keras.layers.Embedding keras.layers.Dropout', random('tensorflow')],

  // Today's training stacks (issue 18): boosting, Hugging Face, Lightning, search frameworks
  // Gradient boosting: early stopping picks the number of rounds on the eval set. XGBoost uses the
  // last entry of `eval_set`/`evals`; LightGBM checks every validation set; CatBoost turns
  // `use_best_model` on by default when `eval_set` is given (and keeps the best iteration).
  ['xgboost.XGBClassifier xgboost.XGBRegressor xgboost.XGBRanker xgboost.XGBRFClassifier xgboost.XGBRFRegressor', { role: 'estimator', kind: 'model', selects: { ifGiven: ['early_stopping_rounds'] }, validation: [{ method: 'fit', keyword: 'eval_set', last: true }] }],
  ['lightgbm.LGBMClassifier lightgbm.LGBMRegressor lightgbm.LGBMRanker', { role: 'estimator', kind: 'model', selects: { ifGiven: ['early_stopping_round', 'early_stopping_rounds', 'n_iter_no_change'] }, validation: [{ method: 'fit', keyword: 'eval_set' }, { method: 'fit', keyword: 'eval_X' }] }],
  ['catboost.CatBoostClassifier catboost.CatBoostRegressor catboost.CatBoostRanker catboost.CatBoost', { role: 'estimator', kind: 'model', selects: { unlessFalse: 'use_best_model' }, validation: [{ method: 'fit', keyword: 'eval_set' }] }],
  ['lightgbm.early_stopping xgboost.callback.EarlyStopping', { role: 'estimator', kind: 'select-callback', selects: { always: true } }],
  ['lightgbm.train', { role: 'train-function', train: { keyword: 'train_set', position: 1 }, validation: { method: 'train', keyword: 'valid_sets', position: 3 }, stopping: { keyword: 'early_stopping_rounds' }, stoppingParams: STOPPING_PARAMS }],
  ['xgboost.train', { role: 'train-function', train: { keyword: 'dtrain', position: 1 }, validation: { method: 'train', keyword: 'evals', position: 3, last: true }, stopping: { keyword: 'early_stopping_rounds', position: 6 }, stoppingParams: STOPPING_PARAMS }],
  ['xgboost.DMatrix xgboost.QuantileDMatrix catboost.Pool', { role: 'combine' }],
  ['lightgbm.Dataset', { role: 'combine', notRows: ['reference'] }],
  ['lightgbm.cv xgboost.cv catboost.cv', { role: 'cross-validate' }],

  // PyTorch modules are models when called on data; losses score predictions
  ['torch.nn.Sequential torch.nn.ModuleList torch.nn.ModuleDict timm.create_model transformers.AutoModel*.from_pretrained transformers.*Model.from_pretrained transformers.*ForSequenceClassification.from_pretrained transformers.*ForTokenClassification.from_pretrained transformers.*ForCausalLM.from_pretrained transformers.*ForMaskedLM.from_pretrained transformers.*ForQuestionAnswering.from_pretrained transformers.*ForImageClassification.from_pretrained transformers.*ForConditionalGeneration.from_pretrained', { role: 'module' }],
  ['torch.nn.*Loss', T('loss')],
  ['torch.nn.functional.cross_entropy torch.nn.functional.nll_loss torch.nn.functional.mse_loss torch.nn.functional.l1_loss torch.nn.functional.smooth_l1_loss torch.nn.functional.huber_loss torch.nn.functional.binary_cross_entropy torch.nn.functional.binary_cross_entropy_with_logits torch.nn.functional.kl_div', { role: 'metric' }],
  ['torch.optim.lr_scheduler.ReduceLROnPlateau', T('score-watcher')],
  ['torch.nn.DataParallel torch.nn.parallel.DataParallel torch.nn.parallel.DistributedDataParallel', { role: 'module', wraps: 0 }],

  // Threshold / operating-point curves: what they return are scores on the data they are given,
  // one per threshold
  ['sklearn.metrics.roc_curve sklearn.metrics.precision_recall_curve sklearn.metrics.det_curve', { role: 'curve' }],

  // Hugging Face: trainers choose checkpoints by `eval_dataset` when told to keep the best model
  ['datasets.load_dataset', { role: 'dataset-dict' }],
  ['transformers.Trainer transformers.Seq2SeqTrainer trl.SFTTrainer', { role: 'estimator', kind: 'trainer', validation: [{ method: '__init__', keyword: 'eval_dataset', position: 4 }] }],
  ['transformers.TrainingArguments transformers.Seq2SeqTrainingArguments trl.SFTConfig', { role: 'estimator', kind: 'select-callback', selects: { ifTrue: 'load_best_model_at_end' } }],
  ['transformers.EarlyStoppingCallback', { role: 'estimator', kind: 'select-callback', selects: { always: true } }],
  ['transformers.AutoTokenizer.from_pretrained transformers.*Tokenizer.from_pretrained transformers.*TokenizerFast.from_pretrained tokenizers.Tokenizer', T('tokenizer')],
  ['transformers.enable_full_determinism', { role: 'seed', families: ['python', 'numpy', 'torch', 'tensorflow'], deterministic: true }],

  // Lightning: `fit(model, train, val_dataloaders=…)` with a monitoring checkpoint or early stopping
  ['lightning.Trainer lightning.pytorch.Trainer', { role: 'estimator', kind: 'trainer', validation: [{ method: 'fit', keyword: 'val_dataloaders', position: 2 }], switches: LIGHTNING_SWITCHES }],
  ['lightning.pytorch.callbacks.EarlyStopping lightning.pytorch.callbacks.early_stopping.EarlyStopping', { role: 'estimator', kind: 'select-callback', selects: { always: true } }],
  ['lightning.pytorch.callbacks.ModelCheckpoint lightning.pytorch.callbacks.model_checkpoint.ModelCheckpoint', { role: 'estimator', kind: 'select-callback', selects: { ifGiven: ['monitor'] } }],
  ['lightning.pytorch.utilities.seed.seed_everything lightning.fabric.utilities.seed.seed_everything', { role: 'seed', families: ['python', 'numpy', 'torch'] }],

  // Hyperparameter search frameworks
  ['optuna.create_study', T('study')],
  ['optuna.trial.Trial.suggest_*', { role: 'hyperparameter' }],
  ['optuna.integration.OptunaSearchCV optuna_integration.OptunaSearchCV skopt.BayesSearchCV tune_sklearn.TuneSearchCV tune_sklearn.TuneGridSearchCV', T('search')],
  ['hyperopt.fmin', { role: 'objective-search', objective: { keyword: 'fn', position: 0 }, space: 'space' }],
  ['ray.tune.run', { role: 'objective-search', objective: { keyword: 'run_or_experiment', position: 0 }, space: 'config' }],
  ['ray.tune.Tuner', { role: 'objective-search', objective: { keyword: 'trainable', position: 0 }, space: 'param_space' }],
  ['ray.tune.report ray.train.report ray.air.session.report ray.tune.session.report', { role: 'report-score' }],
  ['keras_tuner.RandomSearch keras_tuner.Hyperband keras_tuner.BayesianOptimization keras_tuner.GridSearch keras_tuner.tuners.*', { role: 'estimator', kind: 'tuner', selects: { always: true }, validation: [{ method: 'search', keyword: 'validation_data' }] }],

  // Fits the older rows miss: supervised category encoders, feature_engine
  ['category_encoders.TargetEncoder category_encoders.CatBoostEncoder category_encoders.WOEEncoder category_encoders.JamesSteinEncoder category_encoders.LeaveOneOutEncoder category_encoders.MEstimateEncoder category_encoders.GLMMEncoder category_encoders.QuantileEncoder category_encoders.SummaryEncoder', T('transformer')],
  ['category_encoders.OneHotEncoder category_encoders.OrdinalEncoder category_encoders.BinaryEncoder category_encoders.BaseNEncoder category_encoders.HashingEncoder', T('stateless')],
  ['feature_engine.imputation.* feature_engine.encoding.* feature_engine.discretisation.* feature_engine.outliers.* feature_engine.scaling.* feature_engine.selection.*', T('transformer')],
  ['feature_engine.imputation.ArbitraryNumberImputer feature_engine.imputation.AddMissingIndicator feature_engine.imputation.DropMissingData feature_engine.imputation.CategoricalImputer feature_engine.encoding.OneHotEncoder feature_engine.discretisation.ArbitraryDiscretiser feature_engine.outliers.ArbitraryOutlierCapper', T('stateless')],

  // TensorFlow randomness
  ['tensorflow.data.Dataset.from_tensor_slices tensorflow.data.Dataset.from_tensors tensorflow.data.Dataset.zip', { role: 'combine' }],
  ['keras.utils.image_dataset_from_directory keras.utils.text_dataset_from_directory keras.utils.timeseries_dataset_from_array keras.preprocessing.image_dataset_from_directory tensorflow_datasets.load', { role: 'load' }],
  ['tensorflow.image.random_*', random('tensorflow', { param: 'seed' })],
  ['keras.layers.Random* keras.layers.GaussianNoise keras.layers.GaussianDropout keras.layers.AlphaDropout keras.layers.SpatialDropout1D keras.layers.SpatialDropout2D keras.layers.SpatialDropout3D', random('tensorflow', { param: 'seed' })],

  // Other seeds and seeded generators
  ['numpy.random.PCG64 numpy.random.PCG64DXSM numpy.random.MT19937 numpy.random.Philox numpy.random.SFC64', { role: 'rng', random: { param: 'seed', position: 0 } }],

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
  ['kerastuner.', 'keras_tuner.'],
  ['optuna.Trial.', 'optuna.trial.Trial.'],
  ['optuna.trial._trial.Trial.', 'optuna.trial.Trial.'],
  ['lightning.pytorch.callbacks.early_stopping.', 'lightning.pytorch.callbacks.'],
  ['lightning.pytorch.callbacks.model_checkpoint.', 'lightning.pytorch.callbacks.'],
  ['lightning.pytorch.utilities.seed.', 'lightning.pytorch.'],
  ['lightning.fabric.utilities.seed.', 'lightning.fabric.'],
  ['transformers.trainer_utils.', 'transformers.'],
  ['transformers.trainer_callback.', 'transformers.'],
  ['transformers.training_args.', 'transformers.'],
  ['xgboost.sklearn.', 'xgboost.'],
  ['lightgbm.sklearn.', 'lightgbm.'],
  ['lightgbm.callback.', 'lightgbm.'],
  ['ray.air.session.', 'ray.train.'],
  ['ray.tune.session.', 'ray.train.'],
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

/** The table entry of a qualified name (answers remembered: the tables are constant). */
export const lookupApi: (qname: string) => ApiEntry | undefined = remembered(findApi);

function findApi(qname: string): ApiEntry | undefined {
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
  train_new_from_iterator: 'fit',
  train_from_iterator: 'fit',
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
/**
 * `fit(…)` of a model the table does not describe: the keywords that hand it validation data,
 * and the fit-time keywords that stop early on that data (`fit(…, early_stopping_rounds=…)`, any model).
 */
export const FIT_VALIDATION = { keywords: ['validation_data', 'eval_set'], stopping: ['early_stopping_rounds'] } as const;

/**
 * Lightning `fit(model, datamodule=dm)`: the arguments that may hold the validation data, and
 * the method of theirs that serves it.
 */
export const LIGHTNING_VALIDATION = { holders: [{ keyword: 'datamodule' }, { keyword: 'model', position: 0 }], method: 'val_dataloader' } as const;

export const STATISTIC_METHODS = new Set([
  'mean', 'std', 'var', 'median', 'quantile', 'min', 'max', 'sum', 'mode', 'describe', 'value_counts', 'nunique', 'cov', 'corr', 'sem', 'skew', 'kurt', 'idxmax', 'idxmin', 'nanmean', 'percentile',
  'agg', 'aggregate',
]);

/** Methods that configure an estimator and return it (`StandardScaler().set_output(transform="pandas")`). */
export const CONFIGURATION_METHODS = new Set(['set_output', 'set_params', 'set_fit_request', 'set_transform_request', 'set_score_request', 'set_predict_request']);

/** Data methods that draw a random order, by the global generator of a family, unless seeded. */
export const RANDOM_ORDER_METHODS: ReadonlyArray<{ method: string; module: string; family: RandomFamily; spec: RandomSpec }> = [
  // `tf.data.Dataset.shuffle(buffer_size, seed=None)`: the first argument is the buffer size.
  { method: 'shuffle', module: 'tensorflow', family: 'tensorflow', spec: { param: 'seed', position: 1 } },
  // Hugging Face `Dataset.shuffle(seed=None)` / `train_test_split(seed=None)` draw their seed from NumPy's global state.
  { method: 'shuffle', module: 'datasets', family: 'numpy', spec: { param: 'seed', position: 0 } },
  { method: 'train_test_split', module: 'datasets', family: 'numpy', spec: { param: 'seed' } },
];
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

/** pandas indexers by label, whose second index names columns (`df.loc[rows, "patient_id"]`). */
export const LABEL_INDEXERS = new Set(['loc', 'at']);

/** pandas methods that say which rows hold a value (`isna()`), not what the values are. */
export const MISSINGNESS_METHODS = new Set(['isna', 'isnull', 'notna', 'notnull']);

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

/**
 * Methods of a pandas GroupBy that run a function over each group's rows (`transform("median")`,
 * `apply(lambda g: g.fillna(g.median()))`): a statistic named there is computed per group.
 */
export const GROUP_FUNCTION_METHODS = new Set(['transform', 'apply']);

/**
 * pandas methods that call a function on each row, value or column of the data (`df.apply(f, axis=1)`,
 * `s.map(f)`): what the function computes from other rows reaches every row of the result.
 */
export const ROW_FUNCTION_METHODS = new Set(['apply', 'map', 'applymap', 'transform', 'pipe']);

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
