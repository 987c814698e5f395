// The project's holdout.toml / pyproject.toml applies in the editor as in the CLI; editor
// settings override it; a changed config file is picked up; a broken one falls back to defaults.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LEAKY } from './leaky';
import { LspSession, PUSH_CLIENT, withSession } from './session';

async function republished(s: LspSession, uri: string, trigger: () => Promise<void>, accept: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  const after = s.diagnostics.length;
  await trigger();
  return s.nextDiagnostics(uri, accept, after);
}

test('project configuration, editor overrides, config file changes, excluded and broken configs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-lsp-config-'));
  try {
    const config = path.join(dir, 'holdout.toml');
    fs.writeFileSync(config, '[severity]\nfit-before-split = "info"\n');
    fs.mkdirSync(path.join(dir, 'legacy'));
    const uri = pathToFileURL(path.join(dir, 'train.py')).href;
    const excluded = pathToFileURL(path.join(dir, 'legacy', 'old.py')).href;
    await withSession(PUSH_CLIENT, async (s) => {
      await s.open(uri, LEAKY);
      const first = await s.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
      assert.equal(first.diagnostics[0].severity, DiagnosticSeverity.Information);

      // Editor settings win over the project file.
      await republished(s, uri, () => s.changeSettings({ rules: { 'fit-before-split': 'warning' } }), (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Warning);
      await republished(s, uri, () => s.changeSettings({}), (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Information);

      // The config file changes on disk: the client reports it, the server reads it again.
      const changed = async (text: string): Promise<void> => {
        fs.writeFileSync(config, text);
        await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
      };
      await republished(s, uri, () => changed('exclude = ["legacy"]\n'), (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Error);
      await s.open(excluded, LEAKY);
      await s.nextDiagnostics(excluded, (p) => p.diagnostics.length === 0, 0);

      // A broken config file: the defaults apply and the user is told.
      await republished(s, uri, () => changed('[severity]\nfit-before-split = "loud"\n'), (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Error);
      assert.ok(s.logs.some((l) => /invalid configuration.*loud/.test(l)), s.logs.join('\n'));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
