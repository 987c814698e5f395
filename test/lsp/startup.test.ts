// Start-up and the output channel over the real binary: the start-up line, the configuration
// source of each folder, a broken configuration as a notification (not a request), and pulls for
// files the client has not opened (background tabs after a window reload).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LEAKY } from './leaky';
import { PULL_CLIENT, PUSH_CLIENT, withSession } from './session';

function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-startup-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test('the server logs its start-up and each folder\'s configuration source at info', async () => {
  const withToml = tempProject({ 'holdout.toml': '[severity]\nunseeded-rng = "info"\n', 'train.py': LEAKY });
  const bare = tempProject({ 'train.py': LEAKY });
  try {
    await withSession(PUSH_CLIENT, async (s) => {
      await s.waitFor('the start-up line', () => s.logs.find((l) => /^Holdout server \d+\.\d+\.\d+ started \(Node\.js v\d+.*pushed diagnostics\) in \d+ ms$/.test(l)));
      const uri = pathToFileURL(path.join(withToml, 'train.py')).href;
      await s.open(uri, LEAKY);
      await s.nextDiagnostics(uri);
      const other = pathToFileURL(path.join(bare, 'train.py')).href;
      await s.open(other, LEAKY);
      await s.nextDiagnostics(other);
      await s.waitFor('the analysis timings', () => s.logs.find((l) => /^Analysed train\.py \(version 1\): 1 finding in \d+ ms$/.test(l)));
      assert.ok(s.logs.includes(`Configuration for ${withToml}: ${path.join(withToml, 'holdout.toml')}`), s.logs.join('\n'));
      assert.ok(s.logs.some((l) => l.startsWith(`Configuration for ${bare}: defaults`)), s.logs.join('\n'));
      // Once per folder, not per analysis.
      await s.changeSettings({ rules: { 'fit-before-split': 'warning' } });
      await s.nextDiagnostics(uri, (p) => p.diagnostics[0]?.severity === 2);
      const lines = s.logs.filter((l) => l.startsWith(`Configuration for ${withToml}`));
      assert.equal(lines.length, 2, lines.join('\n'));
      assert.match(lines[1], /with the editor settings holdout\.rules \{"fit-before-split":"warning"\}$/);
    });
  } finally {
    fs.rmSync(withToml, { recursive: true, force: true });
    fs.rmSync(bare, { recursive: true, force: true });
  }
});

test('a broken configuration is a window/showMessage notification, never a request', async () => {
  const dir = tempProject({ 'holdout.toml': '[severity]\nno-such-rule = "error"\n', 'train.py': LEAKY });
  try {
    await withSession(PUSH_CLIENT, async (s) => {
      const uri = pathToFileURL(path.join(dir, 'train.py')).href;
      await s.open(uri, LEAKY);
      await s.nextDiagnostics(uri);
      await s.waitFor('the warning', () => s.messages.find((m) => m.startsWith('Holdout: invalid configuration, using the defaults.')));
      assert.ok(!s.serverRequests.includes('window/showMessageRequest'));
      await s.waitFor('the source line', () => s.logs.find((l) => l === `Configuration for ${dir}: defaults (the configuration file is invalid)`));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a pull for a file that is not open (a background tab) answers its problems from disk', async () => {
  const dir = tempProject({ 'train.py': LEAKY, 'notes.txt': LEAKY });
  try {
    await withSession(PULL_CLIENT, async (s) => {
      const uri = pathToFileURL(path.join(dir, 'train.py')).href;
      const report = await s.request<FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      assert.deepEqual(report.items.map((d) => [d.code, d.range.start.line]), [['fit-before-split', 8]]);
      assert.ok(s.logs.some((l) => /^Analysed train\.py \(not open, read from disk\): 1 finding in \d+ ms$/.test(l)), s.logs.join('\n'));
      // Not Python, or missing: nothing.
      for (const other of [pathToFileURL(path.join(dir, 'notes.txt')).href, pathToFileURL(path.join(dir, 'gone.py')).href]) {
        const none = await s.request<FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: other } });
        assert.deepEqual(none.items, []);
      }
      // The tab is clicked: VS Code opens it without pulling (the client already knows it), so
      // the server asks for a refresh once the open text is analysed; the pull then has its result.
      const edited = LEAKY.replace('X_scaled = scaler.fit_transform(X)', 'X_scaled = X');
      await s.open(uri, edited);
      await s.waitFor('a refresh', () => s.serverRequests.includes('workspace/diagnostic/refresh') || undefined);
      const after = await s.request<FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      assert.deepEqual(after.items, []);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a configuration change that changes no holdout setting analyses nothing again', async () => {
  // VS Code sends one right after the server registers for configuration changes.
  await withSession(PUSH_CLIENT, async (s) => {
    const uri = 'file:///tmp/holdout-startup-settings/train.py';
    await s.open(uri, LEAKY);
    await s.nextDiagnostics(uri);
    const analysed = (): number => s.logs.filter((l) => l.startsWith('Analysed train.py')).length;
    assert.equal(analysed(), 1);
    const asked = s.serverRequests.length;
    await s.changeSettings({});
    // The server asks for the settings again, finds them unchanged, and stops there.
    await s.waitFor('the settings asked again', () => (s.serverRequests.length > asked ? true : undefined));
    // Its answer handled (a request after it is answered after it).
    await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    await s.changeSettings({ rules: { 'fit-before-split': 'info' } });
    await s.nextDiagnostics(uri, (p) => p.diagnostics[0]?.severity === 3);
    assert.equal(analysed(), 2, s.logs.join('\n'));
  });
});
