// Background tabs after a window reload: files the client pulls without opening them (VS Code has
// not loaded their text) are answered from disk. When the configuration changes (editor
// settings, holdout.toml) or a module they import changes on disk, the server asks the client to
// pull again, and the pulls are answered under the new configuration. Over the real binary.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LEAKY } from './leaky';
import { PULL_CLIENT, LspSession, withSession } from './session';

/** A pull-diagnostics session over a temporary project holding these files; removed afterwards. */
async function inProject(files: Record<string, string>, body: (s: LspSession, dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-tabs-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    await withSession(PULL_CLIENT, (s) => body(s, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a file on disk and tells the server, as VS Code's file watcher does (1 created, 2 changed). */
async function writeWatched(s: LspSession, file: string, text: string, type: 1 | 2): Promise<void> {
  fs.writeFileSync(file, text);
  await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type }] });
}

/** [rule, 0-based line, severity] of a pull's answer for a file that is not open. */
async function pulled(s: LspSession, uri: string): Promise<[unknown, number, unknown][]> {
  const report = await s.request<FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  return report.items.map((d) => [d.code, d.range.start.line, d.severity]);
}

function refreshes(s: LspSession): number {
  return s.serverRequests.filter((r) => r === 'workspace/diagnostic/refresh').length;
}

async function nextRefresh(s: LspSession, after: number, what: string): Promise<void> {
  await s.waitFor(`a diagnostic refresh after ${what}`, () => (refreshes(s) > after ? true : undefined));
}

test('an editor settings change asks for a refresh, and a background tab is answered under the new settings', async () => {
  await inProject({ 'train.py': LEAKY }, async (s, dir) => {
    const uri = pathToFileURL(path.join(dir, 'train.py')).href;
    assert.deepEqual(await pulled(s, uri), [['fit-before-split', 8, 1]]);
    let before = refreshes(s);
    await s.changeSettings({ rules: { 'fit-before-split': 'info' } });
    await nextRefresh(s, before, 'holdout.rules changed');
    assert.deepEqual(await pulled(s, uri), [['fit-before-split', 8, 3]]);
    before = refreshes(s);
    await s.changeSettings({ rules: { 'fit-before-split': 'off' } });
    await nextRefresh(s, before, 'the rule was turned off');
    assert.deepEqual(await pulled(s, uri), []);
  });
});

test('a holdout.toml edit asks for a refresh, and a background tab is answered under the new file', async () => {
  await inProject({ 'train.py': LEAKY }, async (s, dir) => {
    const uri = pathToFileURL(path.join(dir, 'train.py')).href;
    assert.deepEqual(await pulled(s, uri), [['fit-before-split', 8, 1]]);
    const before = refreshes(s);
    const config = path.join(dir, 'holdout.toml');
    await writeWatched(s, config, '[severity]\nfit-before-split = "warning"\n', 1);
    await nextRefresh(s, before, 'holdout.toml appeared');
    assert.deepEqual(await pulled(s, uri), [['fit-before-split', 8, 2]]);
  });
});

test('a module edited on disk asks for a refresh when a background tab imports it', async () => {
  const prepare = ['from sklearn.preprocessing import StandardScaler', '', 'def prepare(X):', '    return X', ''].join('\n');
  const train = [
    'import pandas as pd',
    'from sklearn.model_selection import train_test_split',
    'from prep import prepare',
    '',
    'df = pd.read_csv("data.csv")',
    'X = prepare(df.drop(columns=["label"]))',
    'y = df["label"]',
    'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)',
    '',
  ].join('\n');
  await inProject({ 'prep.py': prepare, 'train.py': train }, async (s, dir) => {
    const uri = pathToFileURL(path.join(dir, 'train.py')).href;
    assert.deepEqual(await pulled(s, uri), []);
    const before = refreshes(s);
    const module = path.join(dir, 'prep.py');
    await writeWatched(s, module, prepare.replace('    return X', '    return StandardScaler().fit_transform(X)'), 2);
    await nextRefresh(s, before, 'prep.py changed');
    assert.deepEqual((await pulled(s, uri)).map(([rule]) => rule), ['fit-before-split']);
  });
});

test('a background tab pulled again with nothing changed is answered unchanged, without analysing it again', async () => {
  await inProject({ 'train.py': LEAKY }, async (s, dir) => {
    const file = path.join(dir, 'train.py');
    const uri = pathToFileURL(file).href;
    const analyses = (): number => s.logs.filter((l) => l.startsWith('Analysed train.py (not open, read from disk)')).length;
    const first = await s.request<FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(first.kind, 'full');
    assert.equal(typeof first.resultId, 'string');
    // The refresh that follows every new result while typing in another file pulls it again.
    const again = await s.request<{ kind: string; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    assert.equal(analyses(), 1);
    // Edited on disk (a checkout): the watcher's event brings a refresh, the pull a new result.
    const before = refreshes(s);
    await writeWatched(s, file, LEAKY.replace('X_scaled = scaler.fit_transform(X)', 'X_scaled = X'), 2);
    await nextRefresh(s, before, 'train.py changed on disk');
    const edited = await s.request<FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(edited.kind, 'full');
    assert.deepEqual(edited.items, []);
    assert.notEqual(edited.resultId, first.resultId);
    assert.equal(analyses(), 2);
  });
});
