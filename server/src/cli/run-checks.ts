// Running the per-file checks, serially or across worker threads. Outcomes come back in task
// order whatever the order files finish in, so output is byte-identical either way.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkFile, CheckOptions, FileOutcome } from './check-file';

export interface FileTask {
  file: string;
  options: CheckOptions;
}

/** Below this many files worker start-up costs more than it saves. */
export const PARALLEL_THRESHOLD = 8;

/** Checks a file; an internal error becomes that file's error instead of ending the run. */
export function checkFileSafely(task: FileTask): FileOutcome {
  try {
    return checkFile(task.file, task.options);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { report: { file: task.file, findings: [], notes: [], error: `internal error: ${detail}` } };
  }
}

/** The number of workers for a run: 1 (serial) for few files, else up to one per core. */
export function defaultJobs(fileCount: number): number {
  if (fileCount <= PARALLEL_THRESHOLD) return 1;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, Math.ceil(fileCount / PARALLEL_THRESHOLD)));
}

export async function runChecks(tasks: FileTask[], jobs: number, onDone: (done: number) => void = () => undefined): Promise<FileOutcome[]> {
  if (jobs <= 1 || tasks.length <= 1) {
    const outcomes: FileOutcome[] = [];
    for (let i = 0; i < tasks.length; i++) {
      // Let the event loop turn between files: tree-sitter's native trees are freed by
      // finalizers that run there (a synchronous loop kept every file's tree, ~1 GB for 1,000).
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      outcomes.push(checkFileSafely(tasks[i]));
      onDone(i + 1);
    }
    return outcomes;
  }
  const outcomes: FileOutcome[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const script = path.join(__dirname, 'check-worker.js');
  const workers = Array.from({ length: Math.min(jobs, tasks.length) }, () => new Worker(script));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= tasks.length) return resolve();
              const index = next++;
              worker.postMessage({ index, task: tasks[index] });
            };
            worker.on('message', (message: { index: number; outcome: FileOutcome }) => {
              outcomes[message.index] = message.outcome;
              onDone(++done);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (next < tasks.length || done < tasks.length) reject(new Error(`worker stopped (exit code ${code})`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
