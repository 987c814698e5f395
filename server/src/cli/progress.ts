// A progress line on stderr for long runs: only on a terminal, only after the run has taken a
// while, erased when done (so it never ends up in logs or redirected output).

export interface ProgressStream {
  isTTY?: boolean;
  write(s: string): unknown;
}

export interface Progress {
  update(done: number): void;
  finish(): void;
}

export function createProgress(total: number, stream: ProgressStream, options: { enabled: boolean; delayMs?: number; now?: () => number }): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const delay = options.delayMs ?? 1000;
  let shown = false;
  let lastDraw = 0;
  if (!options.enabled || !stream.isTTY) return { update: () => undefined, finish: () => undefined };
  return {
    update(done: number): void {
      const t = now();
      if (t - started < delay || (shown && t - lastDraw < 100 && done < total)) return;
      shown = true;
      lastDraw = t;
      stream.write(`\r\x1b[Kholdout: checked ${done}/${total} files`);
    },
    finish(): void {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
