// `--fixes` of the ecosystem check: applies `--fix --unsafe-fixes` to a copy of the corpus and
// checks what a reviewer would: the fix loop converges (a second run changes nothing), a file
// that compiled before still compiles, no rule reports more after fixing than before, and every
// keyword a fix added is listed with its call for review.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffLines } from 'diff';
import { runHoldout } from './holdout-runner';
import { FoundItem } from './score';

export interface FixReport {
  summary: string;
  problems: string[];
}

/** Python source of a file: a script as is, a notebook's code cells with IPython lines blanked. */
function pythonSource(file: string, text: string): string | undefined {
  if (!file.endsWith('.ipynb')) return text;
  try {
    const nb = JSON.parse(text) as { cells?: { cell_type: string; source: string | string[] }[] };
    return (nb.cells ?? [])
      .filter((c) => c.cell_type === 'code')
      .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source))
      .map((s) => s.replace(/^\s*[%!?].*$/gm, 'pass'))
      .join('\n\n');
  } catch {
    return undefined;
  }
}

/** Which of the files compile under python3 (one interpreter start for all of them). */
function compiles(sources: Map<string, string>): Map<string, boolean> {
  const program = [
    'import json, sys',
    'sources = json.load(sys.stdin)',
    'out = {}',
    'for name, src in sources.items():',
    '    try:',
    '        compile(src, name, "exec"); out[name] = True',
    '    except Exception:',
    '        out[name] = False',
    'print(json.dumps(out))',
  ].join('\n');
  const run = spawnSync('python3', ['-c', program], { input: JSON.stringify(Object.fromEntries(sources)), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`python3 is needed for --fixes: ${run.stderr || run.error?.message}`);
  return new Map(Object.entries(JSON.parse(run.stdout) as Record<string, boolean>));
}

function countByRule(findings: FoundItem[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) out.set(f.rule, (out.get(f.rule) ?? 0) + 1);
  return out;
}

function keywordsIn(text: string): string[] {
  return [...text.matchAll(/([A-Za-z_][\w.]*)\(([^()]*?)\b([A-Za-z_]\w*)=/g)].map((m) => `${m[1]}(${m[3]}=)`);
}

/** `name(…, kw=…)` for each keyword argument a fix added: the keywords of added lines that
 *  removed lines did not have (a keyword already on a changed or moved line is not listed). */
function addedKeywords(before: string, after: string): string[] {
  const parts = diffLines(before, after);
  const removed = parts.filter((p) => p.removed).flatMap((p) => keywordsIn(p.value));
  const out: string[] = [];
  for (const k of parts.filter((p) => p.added).flatMap((p) => keywordsIn(p.value))) {
    const i = removed.indexOf(k);
    if (i >= 0) removed.splice(i, 1);
    else out.push(k);
  }
  return out;
}

export function checkFixes(holdout: string, files: { key: string; file: string }[]): FixReport {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-eco-fix-'));
  const problems: string[] = [];
  try {
    const targets = files.map(({ key, file }) => {
      const target = path.join(copy, key);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(file, target);
      return { key, target, original: fs.readFileSync(file, 'utf8') };
    });
    const paths = targets.map((t) => t.target);
    const before = runHoldout(holdout, paths);
    const fixed = runHoldout(holdout, paths, ['--fix', '--unsafe-fixes']);
    const afterFirst = new Map(targets.map((t) => [t.key, fs.readFileSync(t.target, 'utf8')]));
    runHoldout(holdout, paths, ['--fix', '--unsafe-fixes']);

    const originalSources = new Map<string, string>();
    const fixedSources = new Map<string, string>();
    for (const t of targets) {
      const now = afterFirst.get(t.key)!;
      if (now === t.original) continue;
      const a = pythonSource(t.key, t.original);
      const b = pythonSource(t.key, now);
      if (a !== undefined) originalSources.set(t.key, a);
      if (b !== undefined) fixedSources.set(t.key, b);
      else problems.push(`${t.key}: the fixed notebook is not valid JSON`);
    }
    const compiledBefore = compiles(originalSources);
    const compiledAfter = compiles(fixedSources);

    let changed = 0;
    const keywords = new Map<string, number>();
    for (const t of targets) {
      const now = afterFirst.get(t.key)!;
      if (now !== t.original) changed++;
      if (fs.readFileSync(t.target, 'utf8') !== now) problems.push(`${t.key}: a second --fix run changed the file again (the fix loop does not converge)`);
      if (compiledBefore.get(t.key) && compiledAfter.get(t.key) === false) problems.push(`${t.key}: compiled before fixing, does not compile after`);
      const was = countByRule(before.get(t.target)?.findings ?? []);
      for (const [rule, n] of countByRule(fixed.get(t.target)?.findings ?? [])) {
        if (n > (was.get(rule) ?? 0)) problems.push(`${t.key}: ${rule} reports ${n} after fixing, ${was.get(rule) ?? 0} before`);
      }
      for (const k of addedKeywords(t.original, now)) keywords.set(k, (keywords.get(k) ?? 0) + 1);
    }
    const listed = [...keywords].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ');
    const summary = `${changed} of ${targets.length} files changed; ${problems.length} problems.\nKeywords added by fixes (review each against the callee's signature): ${listed || 'none'}`;
    return { summary, problems };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}
