// A generated multi-module training project for the whole-project row of the benchmark: entry
// scripts (a tenth of the modules) importing shared helpers, model and data modules, which
// import each other as real packages do. Deterministic for a given size.
import * as fs from 'node:fs';
import * as path from 'node:path';

// Helpers past the first eight build on one of those (shared utilities, not import chains).
const helperBase = (i) =>
  i >= 8 ? `from pkg.helpers.h${i % 8} import describe as describe_next\n` : 'def describe_next(frame, depth):\n    return frame.median()\n';

const helper = (i) => `import random

import numpy as np
from sklearn.preprocessing import StandardScaler

from pkg.data.d${i} import get_loader
from pkg.models.m${i} import Model${i}
${helperBase(i)}

def build(device):
    return Model${i}().to(device), get_loader([])

def set_seed(seed=${i}):
    random.seed(seed)
    np.random.seed(seed)


def scale(frame):
    return StandardScaler().fit_transform(frame)


def describe(frame, depth=0):
    if depth > 2:
        return frame.mean()
    return describe_next(frame, depth + 1)
`;

const model = (i) => `import torch
from torch import nn


class Model${i}(nn.Module):
    def __init__(self, width=${16 + (i % 5) * 8}):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3)
        self.fc = nn.Linear(width, 10)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        return self.fc(self.drop(self.conv(x).mean((2, 3))))
`;

const data = (i) => `import pandas as pd
from torch.utils.data import DataLoader


def load_frame(path="data_${i}.csv"):
    return pd.read_csv(path)


def get_loader(dataset, batch_size=32):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True)
`;

// Entry i uses helpers 3i, 3i+1, 3i+2 (and through them their model and data modules): every module is imported.
const entry = (i, pick) => `import pandas as pd
import torch
from sklearn.model_selection import train_test_split

from pkg.helpers.h${pick(0)} import set_seed
from pkg.helpers.h${pick(1)} import scale
from pkg.helpers.h${pick(2)} import build


def main():
    set_seed(${i})
    frame = pd.read_csv("data.csv")
    X = scale(frame.drop(columns=["y"]))
    X_train, X_test, y_train, y_test = train_test_split(X, frame["y"], random_state=0)
    model, loader = build(torch.device("cuda"))
    return model, loader, X_test, y_test


if __name__ == "__main__":
    main()
`;

/** Writes a project of `modules` Python files under `dir`; answers the entry scripts. */
export function generateProject(dir, modules) {
  fs.rmSync(dir, { recursive: true, force: true });
  const entries = Math.max(1, Math.round(modules / 10));
  const each = 3 * entries;
  const write = (rel, text) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write('pyproject.toml', '[project]\nname = "bench-project"\n');
  for (const sub of ['', 'helpers/', 'models/', 'data/']) write(`pkg/${sub}__init__.py`, '');
  for (let i = 0; i < each; i++) {
    write(`pkg/helpers/h${i}.py`, helper(i));
    write(`pkg/models/m${i}.py`, model(i));
    write(`pkg/data/d${i}.py`, data(i));
  }
  const scripts = [];
  for (let i = 0; i < entries; i++) {
    const pick = (k) => (i * 3 + k) % each;
    const rel = `scripts/train_${i}.py`;
    write(rel, entry(i, pick));
    scripts.push(path.join(dir, rel));
  }
  return { files: entries + each * 3 + 4, entries: scripts };
}
