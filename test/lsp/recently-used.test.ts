// What the server keeps of each open document's analysis, and when it collects its heap.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/lsp/analyzer';
import { OpenDocument } from '../../server/src/lsp/document';
import { fullCollection, IdleCollection } from '../../server/src/lsp/idle-collection';
import { RECENT_ANALYSES, RecentlyUsed } from '../../server/src/lsp/recently-used';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { LEAKY } from './leaky';

test('the keys used least recently fall out beyond the capacity, in that order', () => {
  const recent = new RecentlyUsed(2);
  assert.deepEqual(recent.use('a'), []);
  assert.deepEqual(recent.use('b'), []);
  assert.deepEqual(recent.use('a'), [], 'using a key again makes it the newest');
  assert.deepEqual(recent.use('c'), ['b']);
  recent.delete('a');
  assert.deepEqual(recent.use('d'), []);
  assert.deepEqual(recent.use('e'), ['c']);
});

test('the analyzer keeps whole results only for the recent documents, and analyses a released one again', () => {
  const log = { error: (m: string) => assert.fail(m), info: () => undefined };
  const analyzer = new Analyzer(log);
  const options = { config: DEFAULT_CONFIG, extraIgnores: [], excluded: false };
  const docs = Array.from({ length: RECENT_ANALYSES + 1 }, (_, i) => new OpenDocument(`file:///recent/${i}.py`, 'python', 1, LEAKY));
  const first = analyzer.analyze(docs[0], 0, options)!;
  assert.equal(analyzer.analyze(docs[0], 0, options), first, 'cached while recent');
  const firstTree = docs[0].currentTree();
  for (const doc of docs.slice(1)) analyzer.analyze(doc, 0, options);
  assert.notEqual(docs[0].currentTree(), firstTree, 'the released document parses afresh');
  const again = analyzer.analyze(docs[0], 0, options)!;
  assert.notEqual(again, first, 'analysed again');
  assert.deepEqual(again.findings, first.findings);
  // docs[1] is now the oldest of the recent ones and was released; the last one is still cached.
  const last = docs[docs.length - 1];
  assert.equal(analyzer.analyze(last, 0, options), analyzer.analyze(last, 0, options));
});

test('the heap is collected after each quiet step, and a message starts the steps again', async () => {
  const times: number[] = [];
  const start = performance.now();
  const idle = new IdleCollection(() => times.push(performance.now() - start), [30, 60]);
  const until = async (count: number): Promise<void> => {
    while (times.length < count) await new Promise((r) => setTimeout(r, 5));
  };
  idle.activity();
  await new Promise((r) => setTimeout(r, 15));
  const second = performance.now() - start;
  idle.activity(); // the quiet time counts from here
  await until(2);
  // Node's timers count whole milliseconds of the event loop's clock: allow 2 ms of rounding.
  assert.ok(times[0] >= second + 28, `first collection ${times[0]} ms after start: 30 ms after the second message (${second} ms)`);
  assert.ok(times[1] - times[0] >= 58, `the second one 60 ms after the first (${times[1] - times[0]} ms)`);
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(times.length, 2, 'none without new activity');
  idle.activity();
  await until(3);
  idle.dispose();
});

test('a full collection is available without --expose-gc, and nothing else sees gc()', () => {
  const collect = fullCollection();
  assert.equal(typeof collect, 'function');
  collect!();
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, process.execArgv.includes('--expose-gc') ? 'function' : 'undefined');
  const idle = new IdleCollection(undefined);
  idle.activity(); // without a collection function, activity arms no timer
  assert.equal((idle as unknown as { timer?: unknown }).timer, undefined);
});
