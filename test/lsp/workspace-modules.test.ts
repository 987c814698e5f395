// The workspace module index: editing a helper module changes the diagnostics of an open file
// that imports it (directly or through another module) without that file being touched; a
// module changed on disk (workspace/didChangeWatchedFiles) does the same; an open library module
// gets no findings of its own, and related locations name the module's file. The first result
// waits for the index only when the file's role depends on it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol';
import { PUSH_CLIENT, withSession } from './session';

const SEEDING = 'import numpy as np\n\n\ndef set_seed(value):\n    np.random.seed(value)\n';
const NOT_SEEDING = 'import numpy as np\n\n\ndef set_seed(value):\n    print(value)\n';
const TRAIN = 'import numpy as np\n\nfrom helpers import setup\n\nsetup()\nnoise = np.random.rand(3)\n';

test('editing a helper module re-analyses the open files that import it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-lsp-modules-'));
  try {
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '');
    const utils = path.join(dir, 'utils.py');
    fs.writeFileSync(utils, SEEDING);
    // helpers.py imports utils.py: train.py reaches utils.py through it.
    fs.writeFileSync(path.join(dir, 'helpers.py'), 'from utils import set_seed\n\n\ndef setup():\n    set_seed(0)\n');
    const trainUri = pathToFileURL(path.join(dir, 'train.py')).href;
    const utilsUri = pathToFileURL(utils).href;
    await withSession(PUSH_CLIENT, async (s) => {
      await s.open(trainUri, TRAIN);
      const seeded = await s.nextDiagnostics(trainUri, () => true, 0);
      assert.deepEqual(seeded.diagnostics, [], 'the seed in utils.py covers the draw');

      // The helper is opened and edited: the seed goes away, train.py's diagnostics follow.
      await s.open(utilsUri, SEEDING);
      const utilsOwn = await s.nextDiagnostics(utilsUri, () => true, 0);
      assert.deepEqual(utilsOwn.diagnostics, [], 'a library module has no findings of its own');
      let after = s.diagnostics.length;
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: utilsUri, version: 2 }, contentChanges: [{ text: NOT_SEEDING }] });
      const unseeded = await s.nextDiagnostics(trainUri, (p) => p.diagnostics.length > 0, after);
      assert.equal(unseeded.diagnostics[0].code, 'unseeded-rng');
      assert.equal(unseeded.diagnostics[0].range.start.line, 5);

      // The seed comes back: the finding goes away.
      after = s.diagnostics.length;
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: utilsUri, version: 3 }, contentChanges: [{ text: SEEDING }] });
      await s.nextDiagnostics(trainUri, (p) => p.diagnostics.length === 0, after);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a module changed on disk re-analyses its open importers; related locations name the module', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-lsp-modules-'));
  try {
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '');
    const model = path.join(dir, 'model.py');
    fs.writeFileSync(model, 'import torch\n\n\ndef build():\n    return torch.nn.Linear(3, 1)\n');
    const trainUri = pathToFileURL(path.join(dir, 'train.py')).href;
    await withSession(PUSH_CLIENT, async (s) => {
      await s.open(trainUri, 'import torch\n\nfrom model import build\n\nnet = build()\n');
      const first = await s.nextDiagnostics(trainUri, (p) => p.diagnostics.length > 0, 0);
      const finding = first.diagnostics.find((d) => d.code === 'unseeded-rng');
      assert.ok(finding, JSON.stringify(first.diagnostics));
      assert.equal(finding.range.start.line, 4, 'reported at the call in train.py');
      const related = finding.relatedInformation?.find((r) => r.location.uri === pathToFileURL(model).href);
      assert.ok(related, JSON.stringify(finding.relatedInformation));
      assert.equal(related.location.range.start.line, 4, 'the draw inside model.py');

      const after = s.diagnostics.length;
      fs.writeFileSync(model, 'import torch\n\ntorch.manual_seed(0)\n\n\ndef build():\n    return torch.nn.Linear(3, 1)\n');
      await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(model).href, type: 2 }] });
      await s.nextDiagnostics(trainUri, (p) => !p.diagnostics.some((d) => d.code === 'unseeded-rng'), after);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the first result does not wait for the import index unless the file\'s role depends on it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-lsp-modules-'));
  try {
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '');
    // A library module whose own code would be an unseeded draw if it were an entry point.
    const DRAWS = 'import numpy as np\n\nnoise = np.random.rand(3)\n';
    fs.writeFileSync(path.join(dir, 'draws.py'), DRAWS);
    fs.writeFileSync(path.join(dir, 'train.py'), 'import draws\n');
    const scriptUri = pathToFileURL(path.join(dir, 'script.py')).href;
    const drawsUri = pathToFileURL(path.join(dir, 'draws.py')).href;
    await withSession(PUSH_CLIENT, async (s) => {
      // Nobody names script.py: its result comes first, the index is built after it.
      await s.open(scriptUri, DRAWS);
      const first = await s.nextDiagnostics(scriptUri, () => true, 0);
      assert.deepEqual(first.diagnostics.map((d) => d.code), ['unseeded-rng']);
      const indexed = await s.waitFor('the index line', () => s.logs.findIndex((l) => /^Indexed the workspace's imports in \d+ ms \(after the first results\)$/.test(l)) + 1 || undefined);
      const analysed = s.logs.findIndex((l) => l.startsWith('Analysed script.py'));
      assert.ok(analysed >= 0 && analysed < indexed - 1, s.logs.join('\n'));
    });
    await withSession(PUSH_CLIENT, async (s) => {
      // train.py imports draws.py: its very first result is the library's (nothing), never the entry point's.
      await s.open(drawsUri, DRAWS);
      const first = await s.nextDiagnostics(drawsUri, () => true, 0);
      assert.deepEqual(first.diagnostics, []);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
