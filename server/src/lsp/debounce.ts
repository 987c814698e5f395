// Per-document debouncing: a burst of changes leads to one analysis, of the latest text.
export class Debouncer {
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; waiters: (() => void)[] }>();

  constructor(
    private readonly delayMs: number,
    private readonly onSettled: (key: string) => void,
  ) {}

  /** (Re)starts the key's timer: earlier scheduled work for it is dropped. */
  touch(key: string, delayMs = this.delayMs): void {
    const entry = this.pending.get(key);
    if (entry) clearTimeout(entry.timer);
    const timer = setTimeout(() => this.fire(key), delayMs);
    this.pending.set(key, { timer, waiters: entry?.waiters ?? [] });
  }

  /** Resolves once the key has no pending timer (immediately when it has none). */
  idle(key: string): Promise<void> {
    const entry = this.pending.get(key);
    if (!entry) return Promise.resolve();
    return new Promise((resolve) => entry.waiters.push(resolve));
  }

  /** Drops the key's pending work; waiters are released. */
  cancel(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(key);
    entry.waiters.forEach((w) => w());
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  private fire(key: string): void {
    const entry = this.pending.get(key);
    this.pending.delete(key);
    try {
      this.onSettled(key);
    } finally {
      entry?.waiters.forEach((w) => w());
    }
  }
}
