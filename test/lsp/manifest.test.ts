// The extension manifest (the root package.json) agrees with the server: every rule has a
// severity setting, the commands the client contributes exist, restricted settings are declared.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../rules';
import { SERVER_COMMANDS } from '../../server/src/lsp/commands';
import { REPO_ROOT } from '../helpers/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

test('settings: every rule has a severity entry; all holdout.* settings have descriptions and scopes', () => {
  const properties = manifest.contributes.configuration.properties;
  const ruleSettings = properties['holdout.rules'].properties;
  for (const rule of RULES) assert.deepEqual(ruleSettings[rule.id]?.enum, ['error', 'warning', 'info', 'off'], rule.id);
  for (const [key, setting] of Object.entries<Record<string, unknown>>(properties)) {
    assert.ok(setting.description || setting.markdownDescription, `${key} has a description`);
    assert.ok(setting.scope, `${key} has a scope`);
  }
  assert.deepEqual(Object.keys(properties).sort(), ['holdout.enable', 'holdout.rules', 'holdout.seed', 'holdout.trace.server']);
});

test('commands, activation, untrusted workspaces, entry point', () => {
  const commands = manifest.contributes.commands.map((c: { command: string; category: string }) => [c.command, c.category]);
  assert.deepEqual(commands, [
    ['holdout.fixAll', 'Holdout'],
    ['holdout.showOutput', 'Holdout'],
    ['holdout.restartServer', 'Holdout'],
    ['holdout.showExperimentGraph', 'Holdout'],
    ['holdout.showDocumentation', 'Holdout'],
  ]);
  // holdout.fixAll and holdout.showDocumentation are server commands (vscode-languageclient
  // registers them; the extension's middleware runs the documentation one itself).
  assert.ok(SERVER_COMMANDS.includes('holdout.fixAll'));
  assert.ok(SERVER_COMMANDS.includes('holdout.showDocumentation'));
  assert.deepEqual(manifest.activationEvents, ['onLanguage:python', 'onNotebook:jupyter-notebook']);
  assert.equal(manifest.main, './dist/client.js');
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.deepEqual(untrusted.restrictedConfigurations, ['holdout.enable', 'holdout.rules', 'holdout.seed']);
});
