// `holdout check`: options, files, per-file checks, output and exit status.
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG, HoldoutConfig } from '../engine/config';
import { RULES } from '../../../rules';
import { checkFile, FileOutcome } from './check-file';
import { discoverFiles } from './files';
import { formatJson } from './formats/json';
import { formatText } from './formats/text';
import { CHECK_USAGE } from './main';

class UsageError extends Error {}

function ruleList(value: string | undefined, option: string): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) {
    if (!RULES.some((r) => r.id === id)) throw new UsageError(`unknown rule '${id}' in ${option}; known rules: ${RULES.map((r) => r.id).join(', ')}`);
  }
  return ids;
}

export function runCheck(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        select: { type: 'string' },
        ignore: { type: 'string' },
        fix: { type: 'boolean', default: false },
        'unsafe-fixes': { type: 'boolean', default: false },
        diff: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`holdout: ${(e as Error).message}\n${CHECK_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(CHECK_USAGE + '\n');
    return 0;
  }
  let config: HoldoutConfig;
  try {
    if (!['text', 'json'].includes(values.format!)) throw new UsageError(`unknown format '${values.format}' (text, json)`);
    if (positionals.length === 0) throw new UsageError('no paths given');
    config = { ...DEFAULT_CONFIG, select: ruleList(values.select, '--select'), ignore: ruleList(values.ignore, '--ignore') ?? [] };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`holdout: ${e.message}\n`);
    return 2;
  }

  const discovery = discoverFiles(positionals);
  for (const error of discovery.errors) process.stderr.write(`holdout: ${error.path}: ${error.message}\n`);
  const outcomes: FileOutcome[] = discovery.files.map((file) =>
    checkFile(file, { config, fix: values.fix!, unsafeFixes: values['unsafe-fixes']!, diff: values.diff! }),
  );
  const reports = outcomes.map((o) => o.report);
  for (const report of reports) if (report.error) process.stderr.write(`holdout: ${report.file}: ${report.error}\n`);

  if (values.diff) {
    for (const o of outcomes) if (o.diff) process.stdout.write(o.diff);
  } else if (values.format === 'json') {
    process.stdout.write(formatJson(reports));
  } else {
    process.stdout.write(formatText(reports.map((r) => ({ ...r, error: undefined })), { color: !!process.stdout.isTTY && !process.env.NO_COLOR }));
  }
  if (values.fix || values.diff) {
    const applied = outcomes.reduce((n, o) => n + [...(o.applied?.values() ?? [])].reduce((a, b) => a + b, 0), 0);
    const heldBack = outcomes.reduce((n, o) => n + (o.heldBack ?? 0), 0);
    const verb = values.diff ? 'would apply' : 'applied';
    process.stderr.write(`holdout: ${verb} ${applied} fix${applied === 1 ? '' : 'es'}${heldBack ? `; ${heldBack} unsafe fix${heldBack === 1 ? '' : 'es'} held back (use --unsafe-fixes)` : ''}.\n`);
  }
  const unreadable = discovery.errors.length > 0 || reports.some((r) => r.error);
  if (unreadable) return 2;
  return reports.some((r) => r.findings.length) ? 1 : 0;
}
