// Hover (rule explanation, provenance) and pull diagnostics over the real binary.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DocumentDiagnosticReport, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LEAKY, positionOf } from './leaky';
import { PULL_CLIENT, PUSH_CLIENT, withSession } from './session';

const URI = 'file:///tmp/holdout-lsp-test/hover.py';

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

test('hover on a data variable gives its provenance in one line', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await s.open(URI, LEAKY);
    await s.nextDiagnostics(URI);
    const position = positionOf(LEAKY, 'X_train');
    const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { ...position, character: position.character + 2 } });
    assert.equal(
      hoverText(hover),
      '`X_train`: train part of the split at line 10 of the data loaded at line 5; transformed by a StandardScaler fitted on the full data at line 9',
    );
    assert.deepEqual(hover?.range, { start: position, end: { line: position.line, character: position.character + 'X_train'.length } });
    const scaler = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: positionOf(LEAKY, 'scaler =') });
    assert.equal(hoverText(scaler), '`scaler`: a StandardScaler fitted on the full data at line 9');
    const nothing = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 3, character: 0 } });
    assert.equal(nothing, null);
  });
});

test('hover on a flagged span explains the rule', async () => {
  // As the VS Code extension: its one link opens the docs it ships (docs-links.test.ts: others).
  await withSession(PUSH_CLIENT, async (s) => {
    await s.open(URI, LEAKY);
    await s.nextDiagnostics(URI);
    const position = positionOf(LEAKY, 'fit_transform(X)');
    const text = hoverText(await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position }));
    assert.match(text, /^\*\*fit-before-split\*\*: StandardScaler is fitted before the train\/test split/);
    assert.equal(text.split('StandardScaler is fitted').length, 2, 'the message is shown once');
    assert.doesNotMatch(text, /Why|must be fit only/, 'the rationale is on the documentation page, not in the hover');
    assert.equal(text.match(/\]\(/g)?.length, 1, 'one link');
    assert.match(text, /\[fit-before-split documentation\]\(command:holdout\.showDocumentation\?%5B%22fit-before-split%22%5D\)/);
  }, { documentationCommand: true });
});

test('with a pull-capable client the server answers textDocument/diagnostic instead of pushing', async () => {
  await withSession(PULL_CLIENT, async (s) => {
    assert.deepEqual(s.initializeResult.capabilities.diagnosticProvider, { identifier: 'holdout', interFileDependencies: false, workspaceDiagnostics: false });
    await s.open(URI, LEAKY);
    const report = await s.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.equal(report.kind, 'full');
    assert.ok(report.kind === 'full' && report.resultId);
    assert.deepEqual(report.items.map((d) => [d.code, d.range.start.line, d.relatedInformation?.[0]?.location.range.start.line]), [['fit-before-split', 8, 9]]);
    const again = await s.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI }, previousResultId: report.resultId });
    assert.equal(again.kind, 'unchanged');

    // A settings change asks the client to pull again; the new pull sees the new severity.
    const refreshes = (): number => s.serverRequests.filter((r) => r === 'workspace/diagnostic/refresh').length;
    const before = refreshes();
    await s.changeSettings({ rules: { 'fit-before-split': 'warning' } });
    await s.waitFor('workspace/diagnostic/refresh', () => (refreshes() > before ? true : undefined));
    const refreshed = await s.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI }, previousResultId: report.resultId });
    assert.ok(refreshed.kind === 'full');
    assert.deepEqual(refreshed.items.map((d) => d.severity), [2]);
    assert.deepEqual(s.diagnostics, [], 'nothing pushed');
  });
});
