// Code actions and commands over the real binary: fixes, suppressions that really suppress,
// documentation, source.fixAll.holdout and the holdout.fixAll command.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { lint } from '../../server/src/engine/lint';
import { applyTextEdits, editsFor } from './edits';
import { LEAKY, SELECTION } from './leaky';
import { LspSession, PUSH_CLIENT, withSession } from './session';

const URI = 'file:///tmp/holdout-lsp-test/actions.py';

async function openAndDiagnose(s: LspSession, text: string): Promise<Diagnostic[]> {
  await s.open(URI, text);
  return (await s.nextDiagnostics(URI, (p) => p.diagnostics.length > 0)).diagnostics;
}

function actionsFor(s: LspSession, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return s.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
  });
}

function apply(text: string, action: CodeAction | undefined): string {
  assert.ok(action?.edit, `action ${action?.title} has an edit`);
  return applyTextEdits(text, editsFor(action.edit, URI));
}

const rulesIn = (text: string): string[] => lint({ text }).findings.map((f) => f.rule);

test('a finding offers its fix (preferred), line and file suppressions, and its documentation', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    const [diagnostic] = await openAndDiagnose(s, LEAKY);
    const actions = await actionsFor(s, diagnostic);
    assert.deepEqual(actions.map((a) => a.title), [
      'Split first, then fit scaler on X_train only',
      'Disable fit-before-split for this line',
      'Disable fit-before-split for this file',
      'Show documentation for fit-before-split',
    ]);
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].diagnostics, [diagnostic]);
    // Versioned edits: a stale edit cannot be applied to a newer text.
    assert.equal((actions[0].edit?.documentChanges?.[0] as { textDocument: { version: number } }).textDocument.version, 1);

    const fixed = apply(LEAKY, actions[0]);
    assert.deepEqual(rulesIn(fixed), [], fixed);
    assert.match(fixed, /X_train = scaler\.fit_transform\(X_train\)/);

    const lineDisabled = apply(LEAKY, actions[1]);
    assert.match(lineDisabled, /^X_scaled = scaler\.fit_transform\(X\) {2}# holdout: ignore\[fit-before-split\]$/m);
    assert.deepEqual(rulesIn(lineDisabled), []);

    const fileDisabled = apply(LEAKY, actions[2]);
    assert.ok(fileDisabled.startsWith('# holdout: ignore-file[fit-before-split]\nimport pandas'));
    assert.deepEqual(rulesIn(fileDisabled), []);

    assert.deepEqual(actions[3].command, { title: 'Show documentation for fit-before-split', command: 'holdout.showDocumentation', arguments: ['fit-before-split'] });
    // A client that does not open the docs itself gets the summary as a message and the page as the result.
    const page = await s.request<string>('workspace/executeCommand', actions[3].command);
    assert.match(page, /^# fit-before-split\n/);
    assert.deepEqual(s.shownDocuments, []);
    assert.match(await s.waitFor('the documentation message', () => s.messages[0]), /^Holdout: fit-before-split: .+ The full page: holdout rule fit-before-split$/);
  });
});

test('unsafe fixes are titled as such and never preferred; suppressions extend existing comments', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    const diagnostics = await openAndDiagnose(s, SELECTION);
    const selection = diagnostics.find((d) => d.code === 'test-in-selection');
    assert.ok(selection, JSON.stringify(diagnostics));
    const actions = await actionsFor(s, selection);
    const fix = actions[0];
    assert.match(fix.title, /\(unsafe\)$/);
    assert.notEqual(fix.isPreferred, true);

    // Suppress unseeded-rng on the split line, then test-in-selection elsewhere: the line
    // action for a second rule on an already suppressed line extends the list.
    const rng = diagnostics.find((d) => d.code === 'unseeded-rng' && d.range.start.line === 6)!;
    const rngActions = await actionsFor(s, rng);
    const once = apply(SELECTION, rngActions.find((a) => a.title === 'Disable unseeded-rng for this line'));
    assert.match(once, /test_size=0\.2\) {2}# holdout: ignore\[unseeded-rng\]$/m);
    assert.ok(!lint({ text: once }).findings.some((f) => f.rule === 'unseeded-rng' && f.span.start < once.indexOf('top_score, top_neighbours')));
  });
});

/** Opens `text`, applies the action titled `title` to its first diagnostic; the result must lint clean. */
async function applyAction(text: string, title: string): Promise<string> {
  let out = '';
  await withSession(PUSH_CLIENT, async (s) => {
    const [diagnostic] = await openAndDiagnose(s, text);
    out = apply(text, (await actionsFor(s, diagnostic)).find((a) => a.title === title));
  });
  assert.deepEqual(rulesIn(out), [], out);
  return out;
}

const DISABLE_LINE = 'Disable fit-before-split for this line';
const DISABLE_FILE = 'Disable fit-before-split for this file';

test('line suppression lands on a line where a comment is valid (not inside a multi-line string)', async () => {
  const text = [
    'import pandas as pd',
    'from sklearn.preprocessing import StandardScaler',
    'from sklearn.model_selection import train_test_split',
    'df = pd.read_csv("data.csv")',
    'X_scaled = StandardScaler().fit_transform(df.drop(columns=["""',
    'label"""]))',
    'X_train, X_test = train_test_split(X_scaled, random_state=0)',
    '',
  ].join('\n');
  assert.match(await applyAction(text, DISABLE_LINE), /^label"""\]\)\) {2}# holdout: ignore\[fit-before-split\]$/m);
  // After a backslash continuation a comment would end the statement: the next line takes it.
  const continued = LEAKY.replace('X_scaled = scaler.fit_transform(X)', 'X_scaled = \\\n    scaler.fit_transform(X)');
  assert.match(await applyAction(continued, DISABLE_LINE), /^X_scaled = \\\n {4}scaler\.fit_transform\(X\) {2}# holdout: ignore\[fit-before-split\]$/m);
});

test('line suppression goes before a comment already on the line, or extends a directive there', async () => {
  const line = 'X_scaled = scaler.fit_transform(X)';
  const commented = await applyAction(LEAKY.replace(line, `${line}  # scale it`), DISABLE_LINE);
  assert.match(commented, /^X_scaled = scaler\.fit_transform\(X\) {2}# holdout: ignore\[fit-before-split\] {2}# scale it$/m);
  const listed = await applyAction(LEAKY.replace(line, `${line}  # holdout: ignore[unseeded-rng]`), DISABLE_LINE);
  assert.match(listed, /^X_scaled = scaler\.fit_transform\(X\) {2}# holdout: ignore\[unseeded-rng, fit-before-split\]$/m);
});

test('file suppression goes after a shebang and an encoding line, and extends an existing one', async () => {
  const header = '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n';
  assert.ok((await applyAction(header + LEAKY, DISABLE_FILE)).startsWith(`${header}# holdout: ignore-file[fit-before-split]\n`));
  const extended = await applyAction('# holdout: ignore-file[unseeded-rng]\n' + LEAKY, DISABLE_FILE);
  assert.ok(extended.startsWith('# holdout: ignore-file[unseeded-rng, fit-before-split]\n'), extended);
});

test('source.fixAll.holdout and the holdout.fixAll command apply every safe fix', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    const diagnostics = await openAndDiagnose(s, SELECTION);
    const quick = await actionsFor(s, diagnostics[0]);
    assert.ok(!quick.some((a) => a.kind === 'source.fixAll.holdout'), 'fix-all only when asked for');
    const [fixAll] = await actionsFor(s, diagnostics[0], ['source.fixAll']);
    assert.equal(fixAll.kind, 'source.fixAll.holdout');
    const fixed = apply(SELECTION, fixAll);
    assert.deepEqual(rulesIn(fixed), ['test-in-selection'], fixed); // its fix is unsafe
    await s.request('workspace/executeCommand', { command: 'holdout.fixAll', arguments: [URI] });
    const applied = await s.waitFor('workspace/applyEdit', () => s.appliedEdits[0]);
    assert.equal(applyTextEdits(SELECTION, editsFor(applied.edit, URI)), fixed);
    // Then it says what it did and what is left.
    const message = await s.waitFor('the fix-all message', () => s.messages.find((m) => m.startsWith('Holdout: ')));
    const appliedFixes = rulesIn(SELECTION).length - rulesIn(fixed).length;
    assert.equal(message, `Holdout: Applied ${appliedFixes} safe fix${appliedFixes === 1 ? '' : 'es'}; 1 problem needs review: its fix is unsafe (see its quick fixes).`);
  });
});
