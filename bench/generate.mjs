// Deterministic benchmark corpus: realistic Python training code (sklearn, pandas, PyTorch,
// Keras), leaky and clean, as scripts and notebooks, from 50 to 20,000 lines.
//
//   node bench/generate.mjs [--out bench/corpus] [--seed 20261127]
//
// The same seed always writes byte-identical files (mulberry32 PRNG, no Date, no Math.random).
// Layout (see bench/README.md):
//   corpus/throughput/   1,000 files (≈10 % notebooks), 50–2,000 lines, log-uniform sizes
//   corpus/scaling/      one script each of 500, 2,000, 5,000 and 20,000 lines
//   corpus/editor/       the 5,000-line script the editor-latency run edits
//   corpus/examples/     a copy of the project's examples/
//   corpus/manifest.json what was written: files, lines, bytes, leaky or clean
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SEED = 20261127;
export const THROUGHPUT_FILES = 1000;
export const SCALING_LINES = [500, 2000, 5000, 20000];
export const EDITOR_LINES = 5000;

// ---------------------------------------------------------------- PRNG

export function mulberry32(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
    sample: (xs, n) => {
      const copy = xs.slice();
      const out = [];
      while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
}

// ---------------------------------------------------------------- vocabulary

const DATASETS = ['customers', 'transactions', 'patients', 'sensors', 'claims', 'listings', 'sessions', 'orders', 'loans', 'reviews', 'flights', 'devices'];
const COLUMNS = ['age', 'tenure', 'income', 'balance', 'visits', 'duration', 'amount', 'score', 'price', 'rooms', 'distance', 'latency', 'clicks', 'rating', 'weight', 'height', 'temperature', 'pressure', 'humidity', 'region_code'];
const TARGETS = ['churned', 'defaulted', 'fraud', 'readmitted', 'converted', 'failed', 'label', 'target', 'is_positive', 'cancelled'];
const SCALERS = ['StandardScaler', 'MinMaxScaler', 'RobustScaler', 'QuantileTransformer', 'PowerTransformer'];
const CLASSIFIERS = [
  ['RandomForestClassifier', 'sklearn.ensemble', 'n_estimators'],
  ['GradientBoostingClassifier', 'sklearn.ensemble', 'n_estimators'],
  ['ExtraTreesClassifier', 'sklearn.ensemble', 'n_estimators'],
  ['LogisticRegression', 'sklearn.linear_model', 'max_iter'],
  ['DecisionTreeClassifier', 'sklearn.tree', 'max_depth'],
  ['KNeighborsClassifier', 'sklearn.neighbors', 'n_neighbors'],
];
const METRICS = ['accuracy_score', 'f1_score', 'roc_auc_score', 'precision_score', 'recall_score'];
const SEEDS = [0, 1, 7, 13, 42, 123, 2024, 31337];

function cols(rng, n) {
  return rng.sample(COLUMNS, n);
}

function quoteList(xs) {
  return '[' + xs.map((x) => JSON.stringify(x)).join(', ') + ']';
}

// ---------------------------------------------------------------- blocks
// Each block returns lines of top-level Python. `s` is a unique suffix so repeated blocks in one
// long file define distinct names; `leaky` asks for the leaky variant where a block has one.

const IMPORTS = {
  sklearn: [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.ensemble import ExtraTreesClassifier, GradientBoostingClassifier, RandomForestClassifier',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.tree import DecisionTreeClassifier',
    'from sklearn.neighbors import KNeighborsClassifier',
    'from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score',
    'from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_val_score, train_test_split',
    'from sklearn.pipeline import Pipeline, make_pipeline',
    'from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, PowerTransformer, QuantileTransformer, RobustScaler, StandardScaler',
    'from sklearn.impute import SimpleImputer',
    'from sklearn.decomposition import PCA',
    'from sklearn.feature_selection import SelectKBest, f_classif',
  ],
  torch: [
    'import random',
    'import numpy as np',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'from torch.utils.data import DataLoader, TensorDataset, random_split',
  ],
  keras: [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.model_selection import train_test_split',
    'from tensorflow import keras',
    'from tensorflow.keras.preprocessing.sequence import pad_sequences',
    'from tensorflow.keras.preprocessing.text import Tokenizer',
  ],
  util: ['import json', 'import logging', 'import os', 'from pathlib import Path', 'import matplotlib.pyplot as plt'],
};

function docstring(rng, topic) {
  const lines = [`"""${topic}.`, ''];
  const sentences = [
    'Loads the raw extract, builds features and trains a baseline.',
    'Numbers reported at the end are meant for the weekly review.',
    'Run from the repository root; paths are relative to it.',
    'See the wiki page for the column dictionary.',
    'The evaluation protocol follows the team guidelines.',
  ];
  for (const s of rng.sample(sentences, rng.int(1, 3))) lines.push(s);
  lines.push('"""');
  return lines;
}

function blockConfig(rng, s) {
  const seed = rng.pick(SEEDS);
  return [
    `CONFIG${s} = {`,
    `    "data_dir": "data/raw",`,
    `    "output_dir": "artifacts/run${s}",`,
    `    "test_size": ${rng.pick(['0.2', '0.25', '0.3'])},`,
    `    "seed": ${seed},`,
    `    "n_jobs": ${rng.int(1, 8)},`,
    `    "learning_rate": ${rng.pick(['1e-3', '3e-4', '0.01', '0.05'])},`,
    '}',
    `logger${s} = logging.getLogger("train${s}")`,
    '',
  ];
}

function blockLoadTabular(rng, s, leaky) {
  const ds = rng.pick(DATASETS);
  const [a, b, c, d] = cols(rng, 4);
  const target = rng.pick(TARGETS);
  const lines = [
    `# ---- load ${ds}`,
    `raw${s} = pd.read_csv("data/${ds}.csv", parse_dates=["created_at"])`,
    `raw${s} = raw${s}.drop_duplicates(subset=["id"]).reset_index(drop=True)`,
    `raw${s}["${a}_log"] = np.log1p(raw${s}["${a}"])`,
    `raw${s}["${b}_ratio"] = raw${s}["${b}"] / (raw${s}["${c}"] + 1)`,
  ];
  if (leaky) {
    lines.push(`raw${s}["${d}"] = raw${s}["${d}"].fillna(raw${s}["${d}"].mean())`);
    lines.push(`raw${s}["${c}_z"] = (raw${s}["${c}"] - raw${s}["${c}"].mean()) / raw${s}["${c}"].std()`);
  } else {
    lines.push(`raw${s}["${d}_missing"] = raw${s}["${d}"].isna().astype(int)`);
  }
  lines.push(
    `features${s} = raw${s}.drop(columns=["id", "${target}", "created_at"])`,
    `target${s} = raw${s}["${target}"]`,
    `print("${ds}:", features${s}.shape, target${s}.mean())`,
    '',
  );
  return lines;
}

function blockSklearnModel(rng, s, leaky) {
  const scaler = rng.pick(SCALERS);
  const [clf, , param] = rng.pick(CLASSIFIERS);
  const metric = rng.pick(METRICS);
  const seed = rng.pick(SEEDS);
  const ts = rng.pick(['0.2', '0.25', '0.3']);
  const value = param === 'max_iter' ? 1000 : param === 'n_neighbors' ? rng.int(3, 15) : rng.int(50, 500);
  const randomState = clf === 'KNeighborsClassifier' ? '' : `, random_state=${seed}`;
  if (leaky) {
    const lines = [
      `scaler${s} = ${scaler}()`,
      `scaled${s} = scaler${s}.fit_transform(features${s})`,
      `X_train${s}, X_test${s}, y_train${s}, y_test${s} = train_test_split(scaled${s}, target${s}, test_size=${ts})`,
      `model${s} = ${clf}(${param}=${value})`,
      `model${s}.fit(X_train${s}, y_train${s})`,
      `predictions${s} = model${s}.predict(X_test${s})`,
      `print("${metric}", ${metric}(y_test${s}, predictions${s}))`,
      '',
    ];
    return lines;
  }
  return [
    `X_train${s}, X_test${s}, y_train${s}, y_test${s} = train_test_split(`,
    `    features${s}, target${s}, test_size=${ts}, stratify=target${s}, random_state=${seed}`,
    ')',
    `pipeline${s} = make_pipeline(SimpleImputer(strategy="median"), ${scaler}(), ${clf}(${param}=${value}${randomState}))`,
    `pipeline${s}.fit(X_train${s}, y_train${s})`,
    `predictions${s} = pipeline${s}.predict(X_test${s})`,
    `print("${metric}", ${metric}(y_test${s}, predictions${s}))`,
    '',
  ];
}

function blockModelSelection(rng, s, leaky) {
  const chosen = rng.sample(CLASSIFIERS, 3);
  const seed = rng.pick(SEEDS);
  const metric = rng.pick(['accuracy_score', 'f1_score']);
  const lines = [`candidates${s} = {`];
  for (const [name, , param] of chosen) {
    const v = param === 'max_iter' ? 1000 : param === 'n_neighbors' ? 5 : 200;
    const rs = name === 'KNeighborsClassifier' ? '' : `, random_state=${seed}`;
    lines.push(`    "${name.replace('Classifier', '').toLowerCase()}": ${name}(${param}=${v}${rs}),`);
  }
  lines.push('}');
  if (leaky) {
    lines.push(
      `scores${s} = {}`,
      `for name, candidate in candidates${s}.items():`,
      `    candidate.fit(X_train${s}, y_train${s})`,
      `    scores${s}[name] = ${metric}(y_test${s}, candidate.predict(X_test${s}))`,
      `best_name${s} = max(scores${s}, key=scores${s}.get)`,
      `print("best:", best_name${s}, scores${s}[best_name${s}])`,
      '',
    );
  } else {
    lines.push(
      `X_fit${s}, X_val${s}, y_fit${s}, y_val${s} = train_test_split(X_train${s}, y_train${s}, test_size=0.25, random_state=${seed})`,
      `val_scores${s} = {}`,
      `for name, candidate in candidates${s}.items():`,
      `    candidate.fit(X_fit${s}, y_fit${s})`,
      `    val_scores${s}[name] = ${metric}(y_val${s}, candidate.predict(X_val${s}))`,
      `best_name${s} = max(val_scores${s}, key=val_scores${s}.get)`,
      `final${s} = candidates${s}[best_name${s}]`,
      `final${s}.fit(X_train${s}, y_train${s})`,
      `print("test:", ${metric}(y_test${s}, final${s}.predict(X_test${s})))`,
      '',
    );
  }
  return lines;
}

function blockCrossValidation(rng, s, leaky) {
  const seed = rng.pick(SEEDS);
  const k = rng.int(3, 10);
  if (leaky) {
    return [
      `selector${s} = SelectKBest(f_classif, k=${rng.int(5, 20)})`,
      `selected${s} = selector${s}.fit_transform(features${s}, target${s})`,
      `folds${s} = KFold(n_splits=${k}, shuffle=True)`,
      `cv_scores${s} = cross_val_score(LogisticRegression(max_iter=500), selected${s}, target${s}, cv=folds${s})`,
      `print("cv mean", cv_scores${s}.mean(), "+/-", cv_scores${s}.std())`,
      '',
    ];
  }
  return [
    `folds${s} = StratifiedKFold(n_splits=${k}, shuffle=True, random_state=${seed})`,
    `cv_pipeline${s} = Pipeline([("select", SelectKBest(f_classif, k=${rng.int(5, 20)})), ("model", LogisticRegression(max_iter=500))])`,
    `cv_scores${s} = cross_val_score(cv_pipeline${s}, features${s}, target${s}, cv=folds${s})`,
    `print("cv mean", cv_scores${s}.mean(), "+/-", cv_scores${s}.std())`,
    '',
  ];
}

function blockGridSearch(rng, s, leaky) {
  const seed = rng.pick(SEEDS);
  return [
    `grid${s} = GridSearchCV(`,
    `    RandomForestClassifier(random_state=${seed}),`,
    `    param_grid={"n_estimators": [100, 200, 400], "max_depth": [None, 8, 16]},`,
    `    cv=${rng.int(3, 5)},`,
    `    scoring="roc_auc",`,
    ')',
    leaky ? `grid${s}.fit(features${s}, target${s})` : `grid${s}.fit(X_train${s}, y_train${s})`,
    `print(grid${s}.best_params_, grid${s}.best_score_)`,
    '',
  ];
}

function blockHelpers(rng, s) {
  const [a, b] = cols(rng, 2);
  return [
    `def clean_frame${s}(frame, columns):`,
    `    """Drops constant columns and clips outliers to the 1st/99th percentile."""`,
    `    frame = frame.copy()`,
    `    for column in columns:`,
    `        low, high = frame[column].quantile(0.01), frame[column].quantile(0.99)`,
    `        frame[column] = frame[column].clip(low, high)`,
    `    constant = [c for c in frame.columns if frame[c].nunique() <= 1]`,
    `    return frame.drop(columns=constant)`,
    '',
    '',
    `def summarize${s}(y_true, y_pred, name="model"):`,
    `    report = {`,
    `        "accuracy": float(accuracy_score(y_true, y_pred)),`,
    `        "f1": float(f1_score(y_true, y_pred, average="macro")),`,
    `    }`,
    `    logging.info("%s: %s", name, json.dumps(report))`,
    `    return report`,
    '',
    '',
    `def plot_${a}_vs_${b}${s}(frame, path):`,
    `    fig, ax = plt.subplots(figsize=(6, 4))`,
    `    ax.scatter(frame["${a}"], frame["${b}"], s=4, alpha=0.5)`,
    `    ax.set_xlabel("${a}")`,
    `    ax.set_ylabel("${b}")`,
    `    fig.tight_layout()`,
    `    fig.savefig(path)`,
    `    plt.close(fig)`,
    '',
    '',
  ];
}

function blockHelperPipeline(rng, s, leaky) {
  const scaler = rng.pick(SCALERS);
  const seed = rng.pick(SEEDS);
  const lines = [
    `def prepare${s}(frame, target_column):`,
    `    X = frame.drop(columns=[target_column])`,
    `    y = frame[target_column]`,
  ];
  if (leaky) {
    lines.push(`    X = ${scaler}().fit_transform(X)`, `    return train_test_split(X, y, test_size=0.2, random_state=${seed})`);
  } else {
    lines.push(
      `    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=${seed})`,
      `    scaler = ${scaler}().fit(X_tr)`,
      `    return scaler.transform(X_tr), scaler.transform(X_te), y_tr, y_te`,
    );
  }
  lines.push(
    '',
    '',
    `def train_and_score${s}(X_tr, X_te, y_tr, y_te, n_estimators=200):`,
    `    forest = RandomForestClassifier(n_estimators=n_estimators, random_state=${seed})`,
    `    forest.fit(X_tr, y_tr)`,
    `    return roc_auc_score(y_te, forest.predict_proba(X_te)[:, 1])`,
    '',
    '',
    `frame${s} = clean_frame${s}(pd.read_parquet("data/${rng.pick(DATASETS)}.parquet"), ${quoteList(cols(rng, 3))})`,
    `split${s} = prepare${s}(frame${s}, "${rng.pick(TARGETS)}")`,
    `auc${s} = train_and_score${s}(*split${s})`,
    `print("auc", round(auc${s}, 4))`,
    '',
  );
  return lines;
}

function blockTorchSeed(rng, s, leaky) {
  const seed = rng.pick(SEEDS);
  if (leaky) return [`torch.backends.cudnn.benchmark = True`, `device${s} = torch.device("cuda" if torch.cuda.is_available() else "cpu")`, ''];
  return [
    `def seed_everything${s}(seed=${seed}):`,
    `    random.seed(seed)`,
    `    np.random.seed(seed)`,
    `    torch.manual_seed(seed)`,
    `    torch.cuda.manual_seed_all(seed)`,
    `    torch.backends.cudnn.deterministic = True`,
    `    torch.backends.cudnn.benchmark = False`,
    '',
    '',
    `seed_everything${s}()`,
    `device${s} = torch.device("cuda" if torch.cuda.is_available() else "cpu")`,
    '',
  ];
}

function blockTorchModel(rng, s) {
  const hidden = rng.pick([64, 128, 256, 512]);
  const inputs = rng.int(8, 64);
  const classes = rng.int(2, 10);
  return [
    `class Net${s}(nn.Module):`,
    `    def __init__(self, n_inputs=${inputs}, n_hidden=${hidden}, n_classes=${classes}, dropout=${rng.pick(['0.1', '0.2', '0.5'])}):`,
    `        super().__init__()`,
    `        self.body = nn.Sequential(`,
    `            nn.Linear(n_inputs, n_hidden),`,
    `            nn.BatchNorm1d(n_hidden),`,
    `            nn.ReLU(),`,
    `            nn.Dropout(dropout),`,
    `            nn.Linear(n_hidden, n_hidden // 2),`,
    `            nn.ReLU(),`,
    `        )`,
    `        self.head = nn.Linear(n_hidden // 2, n_classes)`,
    '',
    `    def forward(self, x):`,
    `        return self.head(self.body(x))`,
    '',
    '',
  ];
}

function blockTorchTrain(rng, s, leaky) {
  const epochs = rng.int(5, 50);
  const bs = rng.pick([32, 64, 128, 256]);
  const lines = [
    `inputs${s} = torch.tensor(np.load("data/features${s}.npy"), dtype=torch.float32)`,
    `labels${s} = torch.tensor(np.load("data/labels${s}.npy"), dtype=torch.long)`,
    `dataset${s} = TensorDataset(inputs${s}, labels${s})`,
  ];
  if (leaky) {
    lines.push(`train_set${s}, test_set${s} = random_split(dataset${s}, [0.8, 0.2])`);
  } else {
    lines.push(`train_set${s}, test_set${s} = random_split(dataset${s}, [0.8, 0.2], generator=torch.Generator().manual_seed(${rng.pick(SEEDS)}))`);
  }
  lines.push(
    `train_loader${s} = DataLoader(train_set${s}, batch_size=${bs}, shuffle=True)`,
    `test_loader${s} = DataLoader(test_set${s}, batch_size=${bs})`,
    `net${s} = Net${s}().to(device${s})`,
    `optimizer${s} = torch.optim.AdamW(net${s}.parameters(), lr=${rng.pick(['1e-3', '3e-4', '5e-4'])}, weight_decay=1e-2)`,
    `best_loss${s} = float("inf")`,
    `for epoch in range(${epochs}):`,
    `    net${s}.train()`,
    `    running = 0.0`,
    `    for xb, yb in train_loader${s}:`,
    `        xb, yb = xb.to(device${s}), yb.to(device${s})`,
    `        optimizer${s}.zero_grad()`,
    `        loss = F.cross_entropy(net${s}(xb), yb)`,
    `        loss.backward()`,
    `        optimizer${s}.step()`,
    `        running += loss.item() * xb.size(0)`,
    `    net${s}.eval()`,
    `    with torch.no_grad():`,
    `        test_loss = sum(F.cross_entropy(net${s}(xb.to(device${s})), yb.to(device${s}), reduction="sum").item() for xb, yb in test_loader${s})`,
  );
  if (leaky) {
    lines.push(
      `    if test_loss < best_loss${s}:`,
      `        best_loss${s} = test_loss`,
      `        torch.save(net${s}.state_dict(), "best${s}.pt")`,
    );
  } else {
    lines.push(`    print(f"epoch {epoch}: train {running:.3f} test {test_loss:.3f}")`);
  }
  lines.push('');
  return lines;
}

function blockKeras(rng, s, leaky) {
  const words = rng.pick([5000, 10000, 20000]);
  const seed = rng.pick(SEEDS);
  const lines = [];
  if (!leaky) lines.push(`keras.utils.set_random_seed(${seed})`);
  lines.push(`texts${s} = pd.read_csv("data/${rng.pick(DATASETS)}_text.csv")`, `tokenizer${s} = Tokenizer(num_words=${words}, oov_token="<unk>")`);
  if (leaky) {
    lines.push(
      `tokenizer${s}.fit_on_texts(texts${s}["text"])`,
      `padded${s} = pad_sequences(tokenizer${s}.texts_to_sequences(texts${s}["text"]), maxlen=${rng.pick([100, 200, 400])})`,
      `x_train${s}, x_test${s}, y_train_k${s}, y_test_k${s} = train_test_split(padded${s}, texts${s}["label"].values, test_size=0.2, random_state=${seed})`,
    );
  } else {
    lines.push(
      `text_train${s}, text_test${s}, y_train_k${s}, y_test_k${s} = train_test_split(texts${s}["text"], texts${s}["label"].values, test_size=0.2, random_state=${seed})`,
      `tokenizer${s}.fit_on_texts(text_train${s})`,
      `x_train${s} = pad_sequences(tokenizer${s}.texts_to_sequences(text_train${s}), maxlen=200)`,
      `x_test${s} = pad_sequences(tokenizer${s}.texts_to_sequences(text_test${s}), maxlen=200)`,
    );
  }
  lines.push(
    `keras_model${s} = keras.Sequential([`,
    `    keras.layers.Embedding(${words}, ${rng.pick([32, 64, 128])}),`,
    `    keras.layers.GlobalAveragePooling1D(),`,
    `    keras.layers.Dense(${rng.pick([16, 32, 64])}, activation="relu"),`,
    `    keras.layers.Dense(1, activation="sigmoid"),`,
    `])`,
    `keras_model${s}.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])`,
  );
  if (leaky) {
    lines.push(
      `stopper${s} = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)`,
      `keras_model${s}.fit(x_train${s}, y_train_k${s}, epochs=${rng.int(5, 30)}, validation_data=(x_test${s}, y_test_k${s}), callbacks=[stopper${s}])`,
    );
  } else {
    lines.push(`keras_model${s}.fit(x_train${s}, y_train_k${s}, epochs=${rng.int(5, 30)}, validation_split=0.1)`);
  }
  lines.push(`print(keras_model${s}.evaluate(x_test${s}, y_test_k${s}))`, '');
  return lines;
}

function blockReporting(rng, s) {
  return [
    `results${s} = []`,
    `for run in range(${rng.int(2, 6)}):`,
    `    row = {"run": run, "config": CONFIG${s}["output_dir"]}`,
    `    if run % 2 == 0:`,
    `        row["note"] = "even"`,
    `    else:`,
    `        row["note"] = "odd"`,
    `    results${s}.append(row)`,
    `out_dir${s} = Path(CONFIG${s}["output_dir"])`,
    `out_dir${s}.mkdir(parents=True, exist_ok=True)`,
    `with open(out_dir${s} / "results.json", "w") as handle:`,
    `    json.dump(results${s}, handle, indent=2)`,
    `try:`,
    `    summary${s} = pd.DataFrame(results${s}).describe()`,
    `except ValueError as error:`,
    `    logger${s}.warning("no summary: %s", error)`,
    `    summary${s} = None`,
    '',
  ];
}

// ---------------------------------------------------------------- files

const KINDS = ['sklearn', 'torch', 'keras', 'mixed'];

/** One program as a list of cells (a script is one cell). */
function program(rng, targetLines, kind, leakRate) {
  const cells = [];
  const header = [...docstring(rng, `${kind} experiment`), ...IMPORTS.util];
  if (kind === 'sklearn' || kind === 'mixed') header.push(...IMPORTS.sklearn);
  if (kind === 'torch' || kind === 'mixed') header.push(...IMPORTS.torch);
  if (kind === 'keras' || kind === 'mixed') header.push(...IMPORTS.keras);
  cells.push([...new Set(header), '']);
  let lines = cells[0].length;
  let n = 0;
  let leaky = false;
  while (lines < targetLines) {
    n++;
    const s = n === 1 ? '' : `_${n}`;
    const leak = () => {
      const l = rng.chance(leakRate);
      leaky ||= l;
      return l;
    };
    const group = [];
    const k = kind === 'mixed' ? rng.pick(['sklearn', 'torch', 'keras']) : kind;
    group.push(blockConfig(rng, s));
    if (k === 'sklearn') {
      group.push(blockHelpers(rng, s));
      group.push(blockLoadTabular(rng, s, leak()));
      group.push(blockSklearnModel(rng, s, leak()));
      if (rng.chance(0.6)) group.push(blockModelSelection(rng, s, leak()));
      if (rng.chance(0.5)) group.push(blockCrossValidation(rng, s, leak()));
      if (rng.chance(0.4)) group.push(blockGridSearch(rng, s, leak()));
      if (rng.chance(0.5)) group.push(blockHelperPipeline(rng, s, leak()));
    } else if (k === 'torch') {
      group.push(blockTorchSeed(rng, s, leak()));
      group.push(blockTorchModel(rng, s));
      group.push(blockTorchTrain(rng, s, leak()));
    } else {
      group.push(blockKeras(rng, s, leak()));
    }
    if (rng.chance(0.5)) group.push(blockReporting(rng, s));
    for (const block of group) {
      cells.push(block);
      lines += block.length;
    }
  }
  return { cells, leaky };
}

function toScript(cells) {
  return cells.flat().join('\n').replace(/\n+$/, '') + '\n';
}

function toNotebook(cells, rng) {
  const nbCells = [];
  let count = 0;
  for (const cell of cells) {
    while (cell.length && cell[cell.length - 1] === '') cell.pop();
    if (!cell.length) continue;
    if (rng.chance(0.3)) nbCells.push({ cell_type: 'markdown', metadata: {}, source: [`## Step ${nbCells.length + 1}\n`, '\n', 'Notes for this step.'] });
    const source = cell.map((line, i) => (i < cell.length - 1 ? line + '\n' : line));
    nbCells.push({ cell_type: 'code', execution_count: ++count, metadata: {}, outputs: [], source });
  }
  const nb = {
    cells: nbCells,
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python', version: '3.11.6' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, 1) + '\n';
}

function writeFile(out, rel, text, manifest, extra) {
  const full = path.join(out, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  manifest.push({ path: rel, bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1, ...extra });
}

export function generate({ out = path.join(HERE, 'corpus'), seed = DEFAULT_SEED } = {}) {
  fs.rmSync(out, { recursive: true, force: true });
  const rng = mulberry32(seed);
  const manifest = [];

  // 1,000 files: log-uniform 50–2,000 lines; about one in ten a notebook; about half leaky.
  for (let i = 0; i < THROUGHPUT_FILES; i++) {
    const target = Math.round(Math.exp(Math.log(50) + rng.next() * (Math.log(2000) - Math.log(50))));
    const kind = rng.pick(KINDS);
    const notebook = rng.chance(0.1);
    const { cells, leaky } = program(rng, target, kind, rng.chance(0.5) ? 0.35 : 0);
    const name = `throughput/${String(i).padStart(4, '0')}_${kind}${notebook ? '.ipynb' : '.py'}`;
    writeFile(out, name, notebook ? toNotebook(cells, rng) : toScript(cells), manifest, { set: 'throughput', kind, leaky, notebook });
  }
  for (const lines of SCALING_LINES) {
    const { cells, leaky } = program(rng, lines, 'mixed', 0.3);
    writeFile(out, `scaling/lines_${lines}.py`, toScript(cells), manifest, { set: 'scaling', kind: 'mixed', leaky, notebook: false });
  }
  {
    const { cells, leaky } = program(rng, EDITOR_LINES, 'mixed', 0.3);
    writeFile(out, `editor/edit_${EDITOR_LINES}.py`, toScript(cells), manifest, { set: 'editor', kind: 'mixed', leaky, notebook: false });
  }
  const examples = path.join(HERE, '..', 'examples');
  for (const rel of listFiles(examples)) {
    writeFile(out, path.join('examples', rel), fs.readFileSync(path.join(examples, rel), 'utf8'), manifest, { set: 'examples', notebook: rel.endsWith('.ipynb') });
  }
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ seed, files: manifest }, null, 1) + '\n');
  return { out, seed, files: manifest };
}

function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else if (/\.(py|ipynb)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const result = generate({ out: path.resolve(opt('--out', path.join(HERE, 'corpus'))), seed: Number(opt('--seed', DEFAULT_SEED)) });
  const total = result.files.reduce((a, f) => ({ lines: a.lines + f.lines, bytes: a.bytes + f.bytes }), { lines: 0, bytes: 0 });
  process.stdout.write(`wrote ${result.files.length} files (${total.lines} lines, ${(total.bytes / 1e6).toFixed(1)} MB) to ${result.out} (seed ${result.seed})\n`);
}
