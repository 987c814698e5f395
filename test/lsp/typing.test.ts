// Pull diagnostics while typing, as vscode-languageclient does it: every keystroke is a didChange
// followed by a textDocument/diagnostic request. The server must answer each pull from its last
// result (never after the analysis of that keystroke: the next keystroke would cancel the pull
// and the client would show nothing), say `unchanged` when nothing changed, and ask the client to
// pull again (workspace/diagnostic/refresh) when a new result is ready.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { lint } from '../../server/src/engine/lint';
import { LineIndex } from '../../server/src/engine/text';
import { LEAKY } from './leaky';
import { LspSession, PULL_CLIENT, withSession } from './session';

const URI = 'file:///tmp/holdout-lsp-test/typing.py';
// A few hundred lines, so an analysis takes a while; the typed line adds an unseeded-rng finding.
const TEXT = `import random\n${Array.from({ length: 30 }, () => LEAKY).join('')}`;
const TYPED = '\nnoise = random.random()';

interface Typist {
  version: number;
  text: string;
  resultId: string | undefined;
}

function pull(s: LspSession, t: Typist): Promise<DocumentDiagnosticReport> {
  return s.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI }, previousResultId: t.resultId });
}

function key(s: LspSession, t: Typist, ch: string): Promise<void> {
  const lines = new LineIndex(t.text);
  const end = lines.position(t.text.length);
  t.text += ch;
  t.version++;
  return s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: t.version }, contentChanges: [{ range: { start: end, end }, text: ch }] });
}

/** The versions the server analysed and showed, from its info log ("Analysed typing.py (version 7): …"). */
function analysedVersions(s: LspSession): number[] {
  return s.logs.flatMap((m) => /^Analysed typing\.py \(version (\d+)\)/.exec(m)?.[1] ?? []).map(Number);
}

const refreshes = (s: LspSession): number => s.serverRequests.filter((r) => r === 'workspace/diagnostic/refresh').length;

function findingsOf(text: string): string[] {
  const result = lint({ text });
  return result.findings.map((f) => `${f.rule}@${result.lines.lineOf(f.span.start) + 1}`).sort();
}

function shown(report: DocumentDiagnosticReport & { kind: 'full' }): string[] {
  return report.items.map((d) => `${d.code}@${d.range.start.line + 1}`).sort();
}

/** Waits until the final text is analysed, pulls, and checks the editor now shows what the CLI finds. */
async function settlesOnTheFinalText(s: LspSession, t: Typist): Promise<void> {
  await s.waitFor(`the analysis of version ${t.version}`, () => (analysedVersions(s).includes(t.version) ? true : undefined));
  const final = await pull(s, t);
  assert.equal(final.kind, 'full', 'the final text has a new finding, so the result is new');
  assert.deepEqual(shown(final as DocumentDiagnosticReport & { kind: 'full' }), findingsOf(t.text));
  assert.ok(shown(final as DocumentDiagnosticReport & { kind: 'full' }).includes(`unseeded-rng@${t.text.split('\n').length}`));
}

test('a pull per keystroke is answered from the last result before that keystroke is analysed; a refresh brings the new one', async () => {
  await withSession(PULL_CLIENT, async (s) => {
    await s.open(URI, TEXT);
    const t: Typist = { version: 1, text: TEXT, resultId: undefined };
    const first = await pull(s, t);
    assert.equal(first.kind, 'full');
    assert.ok(first.kind === 'full' && first.items.length > 0 && first.resultId);
    t.resultId = first.resultId;
    const refreshesBefore = refreshes(s);
    let unchanged = 0;
    for (const ch of TYPED) {
      // Sent together, as the client sends the pull when the change has been sent.
      void key(s, t, ch);
      const report = await pull(s, t);
      assert.ok(!analysedVersions(s).includes(t.version), `the pull of version ${t.version} waited for its analysis`);
      if (report.kind === 'unchanged') {
        assert.equal(report.resultId, t.resultId, 'unchanged refers to the result the client has');
        unchanged++;
      } else {
        assert.ok(report.items.length > 0, `an empty result while typing (version ${t.version})`);
        assert.notEqual(report.resultId, t.resultId);
        t.resultId = report.resultId;
      }
    }
    assert.ok(unchanged > 0, 'typing that changes no finding answers unchanged');
    await settlesOnTheFinalText(s, t);
    assert.ok(refreshes(s) > refreshesBefore, 'a new result is announced with workspace/diagnostic/refresh');
  });
});

test('keystrokes that queue up while an analysis runs are analysed together, and every pull is answered', async () => {
  await withSession(PULL_CLIENT, async (s) => {
    await s.open(URI, TEXT);
    const t: Typist = { version: 1, text: TEXT, resultId: undefined };
    const first = await pull(s, t);
    t.resultId = first.kind === 'full' ? first.resultId : undefined;
    const before = analysedVersions(s).length;
    // The whole burst is written at once, as when keys arrive during a long analysis.
    const pulls: Promise<DocumentDiagnosticReport>[] = [];
    for (const ch of TYPED) {
      void key(s, t, ch);
      pulls.push(pull(s, t));
    }
    for (const report of await Promise.all(pulls)) {
      assert.ok(report.kind === 'unchanged' || report.items.length > 0, 'no pull is answered with an empty list');
    }
    await settlesOnTheFinalText(s, t);
    const analyses = analysedVersions(s).length - before;
    assert.ok(analyses < TYPED.length / 2, `${TYPED.length} keystrokes were analysed ${analyses} times`);
  });
});
