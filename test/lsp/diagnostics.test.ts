// Push diagnostics over the real binary: codes, ranges, related information; incremental
// changes; bursts of changes; configuration changes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, DidChangeTextDocumentNotification, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { lint } from '../../server/src/engine/lint';
import { LEAKY, positionOf } from './leaky';
import { PUSH_CLIENT, withSession } from './session';

const URI = 'file:///tmp/holdout-lsp-test/leaky.py';

test('didOpen of a leaky file publishes the findings with codes, exact ranges and related information', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await s.open(URI, LEAKY);
    const published = await s.nextDiagnostics(URI, (p) => p.diagnostics.length > 0);
    assert.equal(published.version, 1);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['fit-before-split']);
    const [d] = published.diagnostics;
    assert.equal(d.source, 'holdout');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.codeDescription, undefined, 'no web address without docs-url');
    const start = positionOf(LEAKY, 'scaler.fit_transform(X)');
    assert.deepEqual(d.range, { start, end: { line: start.line, character: start.character + 'scaler.fit_transform(X)'.length } });
    assert.equal(d.range.start.line, 8);
    assert.equal(d.relatedInformation?.length, 1);
    assert.equal(d.relatedInformation![0].location.uri, URI);
    assert.equal(d.relatedInformation![0].location.range.start.line, 9);
  });
});

test('an incremental change that removes the leak clears the diagnostics', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await s.open(URI, LEAKY);
    await s.nextDiagnostics(URI, (p) => p.diagnostics.length > 0);
    const start = positionOf(LEAKY, 'scaler.fit_transform(X)');
    const change: TextDocumentContentChangeEvent = {
      range: { start, end: { line: start.line, character: start.character + 'scaler.fit_transform(X)'.length } },
      text: 'X',
    };
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: 2 }, contentChanges: [change] });
    const cleared = await s.nextDiagnostics(URI, (p) => p.version === 2);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

test('a burst of keystrokes is analysed once settled, on the latest text, matching a fresh lint', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await s.open(URI, LEAKY);
    await s.nextDiagnostics(URI, (p) => p.version === 1);
    // Type a second leaky line character by character at the end of the file, with edits
    // spanning lines and a deletion in between, as separate notifications.
    const typed = 'noise = __import__("numpy").random.rand(3)\nimport numpy as np\nz = np.random.normal(size=2)\n';
    let text = LEAKY;
    let version = 1;
    for (const ch of typed) {
      const pos = positionOf(text + '\u0000', '\u0000');
      text += ch;
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version: ++version },
        contentChanges: [{ range: { start: pos, end: pos }, text: ch }],
      });
    }
    // Delete the first typed line again (a multi-line range).
    const first = positionOf(text, 'noise = ');
    text = text.replace('noise = __import__("numpy").random.rand(3)\n', '');
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: ++version },
      contentChanges: [{ range: { start: first, end: { line: first.line + 1, character: 0 } }, text: '' }],
    });
    const latest = await s.nextDiagnostics(URI, (p) => p.version === version);
    const intermediate = s.diagnostics.filter((p) => p.uri === URI && p.version !== undefined && p.version > 1 && p.version < version);
    assert.ok(intermediate.length < 5, `debounced: ${intermediate.length} intermediate publications`);
    const expected = lint({ text }).findings.map((f) => [f.rule, f.span.start]);
    assert.ok(expected.some(([rule]) => rule === 'unseeded-rng'), 'the typed code is flagged');
    const lines = text.split('\n');
    const offsetOf = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    assert.deepEqual(
      latest.diagnostics.map((d) => [d.code, offsetOf(d.range.start)]),
      expected,
    );
  });
});

test('a severity change in the settings changes the published severity; off removes the rule', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await s.open(URI, LEAKY);
    await s.nextDiagnostics(URI, (p) => p.diagnostics.length > 0);
    const change = async (settings: Record<string, unknown>, accept: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> => {
      const after = s.diagnostics.length;
      await s.changeSettings(settings);
      return s.nextDiagnostics(URI, accept, after);
    };
    const info = await change({ rules: { 'fit-before-split': 'info' } }, (p) => p.diagnostics.some((d) => d.severity === DiagnosticSeverity.Information));
    assert.deepEqual(info.diagnostics.map((d) => [d.code, d.severity]), [['fit-before-split', DiagnosticSeverity.Information]]);
    await change({ rules: { 'fit-before-split': 'off' } }, (p) => p.diagnostics.length === 0);
    await change({}, (p) => p.diagnostics.length === 1 && p.diagnostics[0].severity === DiagnosticSeverity.Error);
    await change({ enable: false }, (p) => p.diagnostics.length === 0);
  });
});

test('closing a document clears its diagnostics', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await s.open(URI, LEAKY);
    await s.nextDiagnostics(URI, (p) => p.diagnostics.length > 0);
    const count = s.diagnostics.length;
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    const cleared = await s.nextDiagnostics(URI, () => true, count);
    assert.deepEqual(cleared.diagnostics, []);
  });
});
