// The progress line: only on a terminal, only once the run is long, erased at the end.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createProgress } from '../../server/src/cli/progress';

function fakeStream(isTTY: boolean): { isTTY: boolean; written: string[]; write(s: string): void } {
  const written: string[] = [];
  return { isTTY, written, write: (s: string) => void written.push(s) };
}

describe('progress', () => {
  it('stays silent when stderr is not a terminal', () => {
    const stream = fakeStream(false);
    let t = 0;
    const p = createProgress(100, stream, { enabled: true, now: () => t });
    t = 5000;
    p.update(50);
    p.finish();
    assert.deepEqual(stream.written, []);
  });

  it('stays silent for a short run, and when disabled (--quiet)', () => {
    const stream = fakeStream(true);
    let t = 0;
    const p = createProgress(100, stream, { enabled: true, now: () => t });
    t = 200;
    p.update(100);
    p.finish();
    const q = createProgress(100, stream, { enabled: false, now: () => t });
    t = 5000;
    q.update(10);
    q.finish();
    assert.deepEqual(stream.written, []);
  });

  it('shows the count on one rewritten line after a second, then erases it', () => {
    const stream = fakeStream(true);
    let t = 0;
    const p = createProgress(10, stream, { enabled: true, now: () => t });
    t = 1500;
    p.update(3);
    t = 1520;
    p.update(4); // throttled
    t = 1700;
    p.update(10);
    p.finish();
    assert.deepEqual(stream.written, ['\r\x1b[Kholdout: checked 3/10 files', '\r\x1b[Kholdout: checked 10/10 files', '\r\x1b[K']);
  });
});
