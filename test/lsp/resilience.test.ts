// Server resilience (issues show 8, item 4): malformed frames, unknown methods, unopened
// documents, edit storms, many documents, cancellation, a vanishing client and memory over
// many open/close cycles. Every test drives the real `holdout lsp --stdio` binary.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CancellationTokenSource, ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import { DidChangeTextDocumentNotification, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../server/src/engine/lint';
import { LEAKY } from './leaky';
import { LspSession, PULL_CLIENT, PUSH_CLIENT, withSession, withTimeout } from './session';

const DIR = 'file:///tmp/holdout-lsp-resilience';

/** The server still works: a fresh leaky document gets its diagnostic. */
async function stillAnswers(s: LspSession, name: string, pull = false): Promise<void> {
  const uri = `${DIR}/after-${name}.py`;
  const after = s.diagnostics.length;
  await s.open(uri, LEAKY);
  const diagnostics = pull
    ? (await s.request<{ items: { code?: unknown }[] }>('textDocument/diagnostic', { textDocument: { uri } })).items
    : (await s.nextDiagnostics(uri, (p) => p.diagnostics.length > 0, after)).diagnostics;
  assert.deepEqual(diagnostics.map((d) => d.code), ['fit-before-split']);
  assert.equal(s.child.exitCode, null, 'server exited');
}

/** Writes raw bytes to the server's stdin, bypassing the JSON-RPC writer. */
function writeRaw(s: LspSession, bytes: string): Promise<void> {
  return new Promise((resolve, reject) => s.child.stdin!.write(bytes, (error) => (error ? reject(error) : resolve())));
}

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    return { resolved: await promise };
  } catch (error) {
    return error;
  }
}

test('malformed JSON-RPC frames do not stop the server answering', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    await writeRaw(s, frame('{"jsonrpc": "2.0", "id": 99, "method": '));
    await writeRaw(s, frame('this is not json at all'));
    await writeRaw(s, frame('[1, 2, 3]'));
    await writeRaw(s, frame('{"jsonrpc": "2.0", "id": {"weird": true}, "method": "textDocument/hover", "params": 42}'));
    await stillAnswers(s, 'bad-json');
    // A header without a number, then one without a Content-Length at all.
    // vscode-jsonrpc's reader drops a bad header and then stops reading the current chunk until
    // more data arrives, so a bad header can hold back the messages behind it (in the same chunk)
    // until the next chunk: harmless `$/` notifications keep the stream moving meanwhile.
    await writeRaw(s, 'Content-Length: lots\r\n\r\n');
    await writeRaw(s, 'X-Something: 1\r\n\r\n');
    const nudge = setInterval(() => void s.connection.sendNotification('$/holdoutNudge', {}), 100);
    try {
      await stillAnswers(s, 'bad-header');
    } finally {
      clearInterval(nudge);
    }
    assert.equal(await s.request('textDocument/hover', { textDocument: { uri: `${DIR}/after-bad-header.py` }, position: { line: 0, character: 0 } }), null);
    assert.doesNotMatch(s.stderr, /\n\s+at /, s.stderr);
  });
});

test('an unknown request method gets MethodNotFound and the server lives on', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    const error = await rejection(s.request('holdout/noSuchMethod', { x: 1 }));
    assert.ok(error instanceof ResponseError, String(error));
    assert.equal(error.code, ErrorCodes.MethodNotFound);
    // An unknown notification is ignored.
    await s.connection.sendNotification('holdout/noSuchNotification', { x: 1 });
    await stillAnswers(s, 'unknown-method');
  });
});

test('requests about a document never opened get an error or an empty answer', async () => {
  await withSession(PULL_CLIENT, async (s) => {
    const uri = `${DIR}/never-opened.py`;
    const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    const answers = [
      await rejection(s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 4 } })),
      await rejection(s.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })),
      await rejection(s.request('textDocument/diagnostic', { textDocument: { uri } })),
    ];
    for (const answer of answers) {
      if (answer instanceof ResponseError) continue;
      const { resolved } = answer as { resolved: unknown };
      const empty =
        resolved === null ||
        (Array.isArray(resolved) && resolved.length === 0) ||
        (typeof resolved === 'object' && Array.isArray((resolved as { items?: unknown[] }).items) && (resolved as { items: unknown[] }).items.length === 0);
      assert.ok(empty, JSON.stringify(resolved));
    }
    await stillAnswers(s, 'never-opened', true);
  });
});

/** Deterministic pseudo-random numbers. */
function rng(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x % n;
  };
}

test('1,000 rapid incremental edits end in the diagnostics of the final text', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    const uri = `${DIR}/storm.py`;
    let doc = TextDocument.create(uri, 'python', 1, LEAKY);
    await s.open(uri, LEAKY);
    const random = rng(42);
    const typed = 'X_test_scaled = scaler.fit_transform(X_test)\nprint(X_train.shape)\n';
    let typedAt = 0;
    for (let version = 2; version <= 1001; version++) {
      const text = doc.getText();
      let change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
      const kind = random(10);
      if (kind < 6) {
        // Typing at the end of the document, a character at a time.
        const end = doc.positionAt(text.length);
        change = { range: { start: end, end }, text: typed[typedAt++ % typed.length] };
      } else if (kind < 8) {
        // A comment line inserted somewhere.
        const line = random(doc.lineCount);
        const at = { line, character: 0 };
        change = { range: { start: at, end: at }, text: `# note ${version}\n` };
      } else {
        // A one-character deletion inside an earlier comment line (the first character after
        // `# `), or of the last typed character: the syntax breaks and heals along the way.
        const comment = text.indexOf('# note');
        const offset = comment >= 0 ? comment + 2 : text.length - 1;
        change = { range: { start: doc.positionAt(offset), end: doc.positionAt(offset + 1) }, text: '' };
      }
      doc = TextDocument.update(doc, [change], version);
      void s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    }
    const final = await s.nextDiagnostics(uri, (p) => p.version === 1001, 0);
    const result = lint({ text: doc.getText() });
    const expected = result.findings
      .map((f) => ({ code: f.rule, message: f.message, start: result.lines.position(f.span.start), end: result.lines.position(f.span.end) }))
      .sort(byPosition);
    const actual = final.diagnostics.map((d) => ({ code: d.code, message: d.message, start: d.range.start, end: d.range.end })).sort(byPosition);
    assert.deepEqual(actual, expected);
    assert.ok(expected.some((d) => d.code === 'fit-before-split'), JSON.stringify(expected));
    // Nothing with a later version, and nothing published after the final one.
    assert.ok(s.diagnostics.every((p) => p.uri !== uri || (p.version ?? 0) <= 1001));
    console.log(`edit storm: ${s.diagnostics.filter((p) => p.uri === uri).length} publications for 1000 edits; final findings: ${actual.map((d) => d.code).join(', ') || 'none'}`);
    await stillAnswers(s, 'storm');
  });
});

function byPosition(a: { code?: unknown; start: { line: number; character: number } }, b: { code?: unknown; start: { line: number; character: number } }): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || String(a.code).localeCompare(String(b.code));
}

test('200 open documents all get diagnostics and the server answers afterwards', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    const uris = Array.from({ length: 200 }, (_, i) => `${DIR}/many/doc-${i}.py`);
    for (const [i, uri] of uris.entries()) void s.open(uri, i % 2 === 0 ? LEAKY : 'x = 1\n');
    const latest = new Map<string, PublishDiagnosticsParams>();
    await s.waitFor('diagnostics for all 200 documents', () => {
      for (const p of s.diagnostics) latest.set(p.uri, p);
      return uris.every((u) => latest.has(u)) ? true : undefined;
    }, 30_000);
    for (const [i, uri] of uris.entries()) {
      assert.deepEqual(latest.get(uri)!.diagnostics.map((d) => d.code), i % 2 === 0 ? ['fit-before-split'] : [], uri);
    }
    const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: uris[0] }, position: { line: 8, character: 20 } });
    assert.ok(hover === null || typeof hover === 'object');
    await stillAnswers(s, 'many');
  });
});

test('a cancelled in-flight request is answered and the server stays alive', async () => {
  await withSession(PULL_CLIENT, async (s) => {
    const uri = `${DIR}/cancel.py`;
    const big = LEAKY.repeat(400); // ~4,400 lines: long enough to still be running when cancelled.
    await s.open(uri, big);
    const outcomes: unknown[] = [];
    for (const method of ['textDocument/diagnostic', 'textDocument/codeAction', 'textDocument/hover']) {
      const source = new CancellationTokenSource();
      const params =
        method === 'textDocument/diagnostic'
          ? { textDocument: { uri } }
          : method === 'textDocument/codeAction'
            ? { textDocument: { uri }, range: { start: { line: 8, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } }
            : { textDocument: { uri }, position: { line: 8, character: 20 } };
      const pending = withTimeout(s.connection.sendRequest(method, params, source.token), method);
      source.cancel(); // sends $/cancelRequest right behind the request
      const outcome = await rejection(pending);
      if (outcome instanceof ResponseError) assert.equal(outcome.code, -32800, `${method}: ${outcome.message}`);
      else assert.ok(outcome && typeof outcome === 'object' && 'resolved' in outcome, `${method}: ${String(outcome)}`);
      outcomes.push(outcome instanceof ResponseError ? `${method}: cancelled` : `${method}: answered`);
    }
    console.log(`cancellation: ${outcomes.join('; ')}`);
    // A cancel for a request that does not exist (or finished long ago) is harmless.
    await s.connection.sendNotification('$/cancelRequest', { id: 123_456 });
    await stillAnswers(s, 'cancel', true);
  });
});

test('the server exits by itself when the client vanishes (stdin closed)', async () => {
  const s = await LspSession.start(PUSH_CLIENT);
  try {
    await s.open(`${DIR}/vanish.py`, LEAKY);
    await s.nextDiagnostics(`${DIR}/vanish.py`);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => s.child.once('exit', (code, signal) => resolve({ code, signal })));
    const started = Date.now();
    s.child.stdin!.end();
    const { code, signal } = await withTimeout(exited, 'the server to exit after stdin closed', 5000);
    console.log(`vanishing client: server exited with code ${code} (signal ${signal}) after ${Date.now() - started} ms`);
    assert.equal(signal, null);
    // LSP: exit without a prior shutdown request means exit code 1.
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
    assert.doesNotMatch(s.stderr, /\n\s+at /, s.stderr);
  } finally {
    await s.dispose();
  }
});

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  assert.ok(match, status);
  return Number(match[1]) / 1024;
}

test('1,000 open/close cycles do not leak memory', async () => {
  await withSession(PUSH_CLIENT, async (s) => {
    const lines = LEAKY.split('\n').filter((l) => l !== '');
    const text = Array.from({ length: 200 }, (_, i) => (i < lines.length ? lines[i] : `z_${i} = X_train.mean() + ${i}`)).join('\n') + '\n';
    const pid = s.child.pid!;
    const before = rssMb(pid);
    let after100 = 0;
    const samples: number[] = [];
    const started = Date.now();
    for (let i = 1; i <= 1000; i++) {
      const uri = `${DIR}/memory/doc-${i}.py`;
      const mark = s.diagnostics.length;
      await s.open(uri, text);
      // Every 10th cycle waits for the analysis, so real work is done without taking minutes.
      if (i % 10 === 0) await s.nextDiagnostics(uri, (p) => p.diagnostics.length > 0, mark);
      await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      if (i % 100 === 0) {
        await stillAnswers(s, `memory-${i}`);
        samples.push(Math.round(rssMb(pid)));
        if (i === 100) after100 = rssMb(pid);
      }
    }
    await stillAnswers(s, 'memory-1000');
    const after1000 = rssMb(pid);
    console.log(
      `memory: VmRSS at start ${before.toFixed(1)} MB, after 100 cycles ${after100.toFixed(1)} MB, after 1000 cycles ${after1000.toFixed(1)} MB (${((Date.now() - started) / 1000).toFixed(1)} s); every 100 cycles: ${samples.join(', ')} MB`,
    );
    assert.ok(after1000 < 400, `RSS ${after1000} MB`);
    assert.ok(after1000 - after100 < 100, `RSS grew ${after1000 - after100} MB between 100 and 1000 cycles`);
  });
});
