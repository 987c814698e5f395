// Running fixed programs with Debian's Python and its python3-sklearn / python3-pandas packages.
// The machine's `python3` may be another interpreter without them, so the path is explicit.
import { execFile, spawnSync } from 'node:child_process';

export const PYTHON = process.env.HOLDOUT_TEST_PYTHON ?? '/usr/bin/python3';

/** Why the interpreter cannot run the programs, or undefined when it can. */
export function pythonProblem(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, pandas, numpy'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error) return `${PYTHON}: ${probe.error.message}`;
  if (probe.status !== 0) return `${PYTHON} cannot import sklearn, pandas, numpy: ${probe.stderr.trim().split('\n').pop()}`;
  return undefined;
}

export interface RunResult {
  file: string;
  /** The program ran to the end (or exited with status 0). */
  ok: boolean;
  error?: string;
}

// One interpreter runs every program (importing scikit-learn once costs seconds); each program
// gets fresh globals as `__main__`, like `python3 FILE`.
const DRIVER = `
import json, runpy, sys, traceback, warnings
warnings.simplefilter("ignore")
results = []
for path in sys.argv[1:]:
    try:
        runpy.run_path(path, run_name="__main__")
        results.append({"file": path, "ok": True})
    except SystemExit as e:
        ok = e.code in (None, 0)
        results.append({"file": path, "ok": ok, **({} if ok else {"error": "exit status %r" % (e.code,)})})
    except BaseException:
        results.append({"file": path, "ok": False, "error": traceback.format_exc(limit=5)})
sys.stdout.flush()
sys.__stdout__.write("\\n@@RESULTS@@" + json.dumps(results) + "\\n")
`;

export function runPrograms(files: readonly string[], cwd: string): Promise<RunResult[]> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, OMP_NUM_THREADS: '1' };
    execFile(PYTHON, ['-c', DRIVER, ...files], { cwd, env, timeout: 300_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const marker = stdout.lastIndexOf('@@RESULTS@@');
      if (marker < 0) {
        reject(new Error(`the Python driver failed: ${error?.message ?? ''}\n${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(stdout.slice(marker + '@@RESULTS@@'.length)) as RunResult[]);
    });
  });
}
