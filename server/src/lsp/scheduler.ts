// When documents are analysed. No debounce: a change is analysed as soon as the messages that
// already arrived are handled, so a lone keystroke is analysed at once and a burst that queued
// up while the previous analysis ran (the analysis blocks the event loop) becomes one analysis
// of the latest text. Per key (a document or notebook URI) at most one analysis runs; changes
// during it make one more run afterwards, of whatever version is current then.
//
// One exception: when a document's analysis is slow (a long file) and keys arrive in a stream,
// an analysis started between two keys would be outdated before it ends and delay the one that
// matters, of the text after the last key. Then the scheduler waits for a gap in the stream
// (as long as the last analysis took, at most MAX_QUIET_MS). A single key after a pause, and
// every key in a fast file, is analysed at once.
import { Message, MessageStrategy } from 'vscode-languageserver';

/** Analyses faster than this never wait for a gap in typing. */
const SLOW_ANALYSIS_MS = 50;
const MAX_QUIET_MS = 150;

/**
 * Counts the messages the connection handles (its messageStrategy), so the scheduler can wait
 * until the input that queued up is handled: vscode-jsonrpc handles one message per
 * setImmediate turn, so a turn in which none was handled means the queue is empty.
 */
export class InputActivity {
  private handled = 0;

  /** `onMessage` is told of every message before it is handled. */
  constructor(private readonly onMessage?: () => void) {}

  readonly strategy: MessageStrategy = {
    handleMessage: (message: Message, next: (message: Message) => void): void => {
      this.handled++;
      this.onMessage?.();
      next(message);
    },
  };

  /** Resolves after a setImmediate turn in which no message was handled. */
  async drained(): Promise<void> {
    for (;;) {
      const before = this.handled;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.handled === before) return;
    }
  }
}

interface KeyState {
  running: boolean;
  /** Changed while running: analyse again afterwards. */
  again: boolean;
  /** Resolved when the key has no analysis scheduled or running. */
  idle: Promise<void>;
  release: () => void;
}

interface Pace {
  lastTouch: number;
  previousTouch: number;
  analysisMs: number;
}

export class AnalysisScheduler {
  private readonly keys = new Map<string, KeyState>();
  private readonly pace = new Map<string, Pace>();
  private disposed = false;

  constructor(
    private readonly input: Pick<InputActivity, 'drained'>,
    /** Analyses the key's current content and shows the result (never rejects). */
    private readonly analyse: (key: string) => Promise<void>,
    /** Resolves when the key may be analysed (after the queued input is handled). */
    private readonly ready: (key: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** The key's content changed (or was opened): analyse it soon, without waiting for a pause. */
  touch(key: string): void {
    if (this.disposed) return;
    const pace = this.pace.get(key) ?? { lastTouch: -Infinity, previousTouch: -Infinity, analysisMs: 0 };
    pace.previousTouch = pace.lastTouch;
    pace.lastTouch = performance.now();
    this.pace.set(key, pace);
    const state = this.keys.get(key);
    if (state) {
      state.again = true;
      return;
    }
    let release!: () => void;
    const idle = new Promise<void>((resolve) => (release = resolve));
    const fresh: KeyState = { running: false, again: true, idle, release };
    this.keys.set(key, fresh);
    void this.loop(key, fresh);
  }

  /** Analysis scheduled or running for the key. */
  busy(key: string): boolean {
    return this.keys.has(key);
  }

  /** Resolves when the key's scheduled and running analyses are done (at once when there are none). */
  idle(key: string): Promise<void> {
    return this.keys.get(key)?.idle ?? Promise.resolve();
  }

  /** Resolves when no key has an analysis scheduled or running. */
  async idleAll(): Promise<void> {
    while (this.keys.size > 0) await Promise.all([...this.keys.values()].map((state) => state.idle));
  }

  /** Forgets the key (closed): a running analysis finishes, nothing more is scheduled. */
  cancel(key: string): void {
    const state = this.keys.get(key);
    if (state) state.again = false;
    this.pace.delete(key);
  }

  dispose(): void {
    this.disposed = true;
    for (const key of this.keys.keys()) this.cancel(key);
  }

  /** Waits while keys arrive in a stream faster than the key's last analysis took (see the top). */
  private async gapInTyping(key: string): Promise<void> {
    for (;;) {
      const pace = this.pace.get(key);
      if (!pace || pace.analysisMs < SLOW_ANALYSIS_MS || this.disposed) return;
      const quiet = Math.min(pace.analysisMs, MAX_QUIET_MS);
      const streaming = pace.lastTouch - pace.previousTouch < quiet;
      const wait = quiet - (performance.now() - pace.lastTouch);
      if (!streaming || wait <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async loop(key: string, state: KeyState): Promise<void> {
    try {
      while (state.again && !this.disposed) {
        // Let the changes and requests that already arrived be handled first: one analysis of
        // the newest text instead of one per queued keystroke.
        await this.input.drained();
        await this.ready(key);
        await this.gapInTyping(key);
        if (this.disposed) break;
        // Changes so far are in the text this analysis reads.
        state.again = false;
        state.running = true;
        const started = performance.now();
        try {
          await this.analyse(key);
        } finally {
          state.running = false;
          const pace = this.pace.get(key);
          if (pace) pace.analysisMs = performance.now() - started;
        }
      }
    } finally {
      this.keys.delete(key);
      state.release();
    }
  }
}
