// A worker thread of a parallel `holdout check`: checks the files it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { checkFileSafely, FileTask } from './run-checks';

parentPort?.on('message', (message: { index: number; task: FileTask }) => {
  parentPort!.postMessage({ index: message.index, outcome: checkFileSafely(message.task) });
});
