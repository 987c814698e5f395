// Loads the bundled CLI (dist/cli/holdout.js) with a V8 code cache beside it, so a start-up skips
// compiling the functions the last run compiled. Node 20 has no `module.enableCompileCache`
// (Node 22.1+), so this uses what it does have: `vm.Script` with `cachedData` and
// `createCachedData()`. The bundle is one file, which is what makes one cache enough.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createRequire, wrap } from 'node:module';

/** Hex SHA-256: the key at the start of the cache file. */
const KEY_LENGTH = 64;

/** Where the cache of a bundle lives. */
export function cachePath(bundle: string): string {
  return `${bundle}.cache`;
}

/**
 * V8 accepts cached data for any source of the same length (its check is the length, its own
 * version and its flags), so the key adds what V8 does not check: the bundle's bytes, and the
 * Node version and architecture for good measure. A cache written for other bytes is never used.
 */
export function cacheKey(source: Buffer): string {
  return crypto.createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(source).digest('hex');
}

/** The cached data stored for `key`, or undefined when there is none, or it is for another key. */
export function readCache(file: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.length <= KEY_LENGTH || data.toString('latin1', 0, KEY_LENGTH) !== key) return undefined;
  return data.subarray(KEY_LENGTH);
}

/**
 * Writes key and data to a temporary file and renames it into place, so a reader (another
 * `holdout` running at the same time) sees the old cache or the new one, never half of one.
 * A folder it cannot write (a system-wide install) only means no cache: nothing is reported.
 */
export function writeCache(file: string, key: string, data: Buffer): boolean {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(key, 'latin1'), data]), { flag: 'wx' });
    fs.renameSync(temporary, file);
    return true;
  } catch {
    fs.rmSync(temporary, { force: true });
    return false;
  }
}

/** How a load went: the cache was used, there was none for this bundle, or V8 refused it. */
export type CacheUse = 'used' | 'missing' | 'rejected';

/**
 * Runs a CommonJS bundle as `require(bundle)` would and returns its exports. When the cache was
 * missing, stale or rejected, a new one is written as the process exits: by then it holds the
 * functions this run compiled (V8 compiles lazily), not only the bundle's top level.
 */
export function requireWithCodeCache(bundle: string): { exports: unknown; cache: CacheUse } {
  const source = fs.readFileSync(bundle);
  const key = cacheKey(source);
  const cacheFile = cachePath(bundle);
  const cachedData = readCache(cacheFile, key);
  const script = new vm.Script(wrap(source.toString('utf8')), { filename: bundle, cachedData });
  const cache: CacheUse = !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  if (cache !== 'used') {
    process.once('exit', () => {
      try {
        // Not even made for a folder it could not be written to (a system-wide install).
        fs.accessSync(path.dirname(cacheFile), fs.constants.W_OK);
        writeCache(cacheFile, key, script.createCachedData());
      } catch {
        // No cache this time; the next run tries again.
      }
    });
  }
  const module = { exports: {} as unknown, filename: bundle };
  const compiled = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: unknown, filename: string, dirname: string) => void;
  compiled.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return { exports: module.exports, cache };
}
