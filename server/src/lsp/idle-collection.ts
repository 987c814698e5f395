// Full garbage collections once the server has been idle for a while. After a burst of work
// (opening 50 files) V8 keeps the heap at the size it grew to, a young generation of its
// largest size included, and its own memory reducer had not given anything back 20 s later:
// 144-152 MB RSS for 50 real files. Measured (memory-driver, 50 files of the ecosystem corpus):
// one collection gives back 20-25 MB; a second one some seconds later lets V8 shrink the rest
// of the heap it no longer uses, to 92-93 MB; two a second apart do not.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Quiet time before each collection: after the last message, then after the first collection. */
export const QUIET_STEPS_MS = [2000, 6000];

export class IdleCollection {
  private lastActivity = 0;
  /** The collection the next timer is for (an index into the steps). */
  private step = 0;
  private timer: NodeJS.Timeout | undefined;

  /** `collect` undefined: never collects (no gc() could be had). */
  constructor(
    private readonly collect: (() => void) | undefined,
    private readonly steps: readonly number[] = QUIET_STEPS_MS,
  ) {}

  /** The server did something (handled a message): collect after the next quiet periods. */
  activity(): void {
    if (!this.collect) return;
    this.lastActivity = performance.now();
    this.step = 0;
    if (!this.timer) this.arm(this.steps[0]);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    // unref: a pending collection never keeps the process alive.
    this.timer = setTimeout(() => this.fire(), ms).unref();
  }

  private fire(): void {
    const quietFor = performance.now() - this.lastActivity;
    // Since the last activity: the first step's quiet, or the later steps' after the collections before.
    const due = this.steps.slice(0, this.step + 1).reduce((a, b) => a + b, 0);
    if (quietFor < due) {
      this.arm(due - quietFor);
      return;
    }
    this.collect!();
    this.step++;
    this.timer = undefined;
    if (this.step < this.steps.length) this.arm(this.steps[this.step]);
  }
}

/**
 * V8's `gc()` without starting Node with --expose-gc: with the flag set, a new vm context gets
 * it (the flag is cleared again at once). Undefined if that fails.
 */
export function fullCollection(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    v8.setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
