// The V8 code cache the bundled CLI starts with (server/src/cli/code-cache.ts), in real
// processes: written at exit when missing, used next time, never used for other bytes, rewritten
// when V8 refuses it, and a cache that cannot be written changes nothing else.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheKey, cachePath } from '../../server/src/cli/code-cache';

const LOADER = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'code-cache.js');

/** A bundle-like CommonJS file: a few functions, so the cache has something in it. */
function bundleSource(value: string): string {
  const functions = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${JSON.stringify(value)}.length; }`).join('\n');
  return `${functions}\nexports.value = ${JSON.stringify(value)} + f3(2) + require('node:path').basename(__filename);\n`;
}

/** Loads `bundle` in a fresh node; prints what it exported and how the cache was used. */
function load(bundle: string): { value: string; cache: string; stderr: string } {
  const code = `const r = require(${JSON.stringify(LOADER)}).requireWithCodeCache(${JSON.stringify(bundle)}); process.stdout.write(JSON.stringify({ value: r.exports.value, cache: r.cache }));`;
  const run = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return { ...JSON.parse(run.stdout), stderr: run.stderr };
}

function withFolder(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-code-cache-'));
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the cache is written at exit, keyed by the bundle bytes, and used by the next run', () => {
  withFolder((dir) => {
    const bundle = path.join(dir, 'b.js');
    fs.writeFileSync(bundle, bundleSource('AAAA'));
    assert.deepEqual(load(bundle), { value: 'AAAA10b.js', cache: 'missing', stderr: '' });
    const written = fs.readFileSync(cachePath(bundle));
    assert.equal(written.toString('latin1', 0, 64), cacheKey(fs.readFileSync(bundle)));
    assert.ok(written.length > 64);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['b.js', 'b.js.cache'], 'no temporary file is left');
    assert.deepEqual(load(bundle), { value: 'AAAA10b.js', cache: 'used', stderr: '' });
  });
});

test('a cache of other bytes of the same length is not used, and is replaced', () => {
  withFolder((dir) => {
    const bundle = path.join(dir, 'b.js');
    fs.writeFileSync(bundle, bundleSource('AAAA'));
    load(bundle);
    fs.writeFileSync(bundle, bundleSource('BBBB')); // same length: V8's own check would pass
    assert.deepEqual(load(bundle), { value: 'BBBB10b.js', cache: 'missing', stderr: '' });
    assert.equal(fs.readFileSync(cachePath(bundle)).toString('latin1', 0, 64), cacheKey(fs.readFileSync(bundle)));
    assert.equal(load(bundle).cache, 'used');
  });
});

test('a cache V8 refuses (damaged data under the right key) is rewritten', () => {
  withFolder((dir) => {
    const bundle = path.join(dir, 'b.js');
    fs.writeFileSync(bundle, bundleSource('AAAA'));
    fs.writeFileSync(cachePath(bundle), Buffer.concat([Buffer.from(cacheKey(fs.readFileSync(bundle)), 'latin1'), Buffer.alloc(4096, 7)]));
    assert.deepEqual(load(bundle), { value: 'AAAA10b.js', cache: 'rejected', stderr: '' });
    assert.equal(load(bundle).cache, 'used');
  });
});

test('a cache that cannot be written is silently skipped and leaves no temporary file', () => {
  withFolder((dir) => {
    const bundle = path.join(dir, 'b.js');
    fs.writeFileSync(bundle, bundleSource('AAAA'));
    // A non-empty folder where the cache would go: the rename fails (as root, permissions would not).
    fs.mkdirSync(cachePath(bundle));
    fs.writeFileSync(path.join(cachePath(bundle), 'x'), '');
    assert.deepEqual(load(bundle), { value: 'AAAA10b.js', cache: 'missing', stderr: '' });
    assert.deepEqual(fs.readdirSync(dir).sort(), ['b.js', 'b.js.cache']);
    assert.deepEqual(fs.readdirSync(cachePath(bundle)), ['x']);
  });
});
