// Running `holdout check --format json` over many files and collecting findings by file.
import { spawnSync } from 'node:child_process';
import { FoundItem } from './score';

interface JsonDiagnostic extends FoundItem {
  file: string;
}

/** Runs `holdout check --format json` on files (in batches) and returns findings by file. */
export function runHoldout(holdout: string, files: string[], extra: string[] = []): Map<string, { findings: FoundItem[]; error?: string }> {
  const out = new Map<string, { findings: FoundItem[]; error?: string }>();
  for (const f of files) out.set(f, { findings: [] });
  for (let i = 0; i < files.length; i += 40) {
    const batch = files.slice(i, i + 40);
    const run = spawnSync(process.execPath, [holdout, 'check', '--format', 'json', '--exit-zero', '--isolated', '--quiet', ...extra, ...batch], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    let parsed: { diagnostics: JsonDiagnostic[]; errors?: { file: string; message: string }[] };
    try {
      parsed = JSON.parse(run.stdout);
    } catch {
      for (const f of batch) out.get(f)!.error = `holdout failed: ${run.stderr.trim().split('\n').pop() ?? `exit ${run.status}`}`;
      continue;
    }
    for (const d of parsed.diagnostics) out.get(d.file)?.findings.push({ rule: d.rule, line: d.line, ...(d.cell !== undefined ? { cell: d.cell } : {}), message: d.message });
    for (const e of parsed.errors ?? []) if (out.has(e.file)) out.get(e.file)!.error = e.message;
  }
  return out;
}
