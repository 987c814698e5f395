// `holdout check`: options, configuration, files, per-file checks, output and exit status.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { applyOverrides, ConfigError, ConfigOverrides, isExcluded, knownRuleIds, LoadedConfig, loadConfigFile, loadConfigForDirectory, defaultConfig, rulesIgnoredFor } from '../engine/config-loader';
import { Severity } from '../engine/types';
import { VERSION } from '../engine/version';
import { appliedCount, counted } from '../engine/fixes';
import { FileOutcome } from './check-file';
import { FileReport } from './report';
import { discoverFiles } from './files';
import { Format, FORMATS, formatReports, shouldColor } from './formats';
import { CHECK_USAGE } from './main';
import { createProgress } from './progress';
import { defaultJobs, FileTask, runChecks } from './run-checks';
import { stepSummary, writeStepSummary } from './step-summary';
import { projectSettings, projectSyntax, sharedProjects } from './project-context';

class UsageError extends Error {}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function ruleList(value: string | undefined, option: string): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) {
    if (!knownRuleIds().includes(id)) throw new UsageError(`unknown rule '${id}' in ${option}; known rules: ${knownRuleIds().join(', ')}`);
  }
  return ids;
}

const OPTIONS = {
  format: { type: 'string', default: 'text' },
  output: { type: 'string', short: 'o' },
  select: { type: 'string' },
  ignore: { type: 'string' },
  config: { type: 'string' },
  isolated: { type: 'boolean', default: false },
  'per-file': { type: 'boolean', default: false },
  'exit-zero': { type: 'boolean', default: false },
  'fail-on': { type: 'string', default: 'info' },
  quiet: { type: 'boolean', short: 'q', default: false },
  statistics: { type: 'boolean', default: false },
  'report-unused-ignores': { type: 'boolean', default: false },
  jobs: { type: 'string', short: 'j' },
  fix: { type: 'boolean', default: false },
  'unsafe-fixes': { type: 'boolean', default: false },
  diff: { type: 'boolean', default: false },
  'step-summary': { type: 'boolean', default: false },
  'no-step-summary': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

interface Settings {
  format: Format;
  failOn: Severity;
  jobs: number | undefined;
  overrides: ConfigOverrides;
}

function settingsFrom(values: Values, positionals: string[]): Settings {
  if (!(FORMATS as readonly string[]).includes(values.format!)) throw new UsageError(`unknown format '${values.format}' (${FORMATS.join(', ')})`);
  if (!(values['fail-on']! in SEVERITY_RANK)) throw new UsageError(`unknown severity '${values['fail-on']}' in --fail-on (error, warning, info)`);
  if (positionals.length === 0) throw new UsageError('no paths given');
  if (values.statistics && values.format !== 'text' && values.format !== 'json') throw new UsageError('--statistics works with --format text or json');
  if (values.config !== undefined && values.isolated) throw new UsageError('--config and --isolated exclude each other');
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a positive integer, not '${values.jobs}'`);
  }
  return {
    format: values.format as Format,
    failOn: values['fail-on'] as Severity,
    jobs,
    overrides: {
      select: ruleList(values.select, '--select'),
      ignore: ruleList(values.ignore, '--ignore'),
      ...(values['report-unused-ignores'] ? { reportUnusedIgnores: true } : {}),
    },
  };
}

/** The configuration for each file: one file for all (--config, --isolated), else the nearest. */
function configResolver(values: Values): (file: string) => LoadedConfig {
  if (values.isolated) {
    const loaded = defaultConfig();
    return () => loaded;
  }
  if (values.config !== undefined) {
    const loaded = loadConfigFile(values.config);
    return () => loaded;
  }
  const cache = new Map<string, LoadedConfig>();
  return (file) => loadConfigForDirectory(path.dirname(path.resolve(file)), cache);
}

function writeOutput(text: string, output: string | undefined): void {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, text);
  } catch (e) {
    throw new UsageError(`cannot write --output ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function runCheck(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    process.stderr.write(`holdout: ${(e as Error).message}\n${CHECK_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(CHECK_USAGE + '\n');
    return 0;
  }
  try {
    return await check(values, positionals);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`holdout: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function check(values: Values, positionals: string[]): Promise<number> {
  const settings = settingsFrom(values, positionals);
  const configFor = configResolver(values);
  const excluded = (file: string): boolean => isExcluded(configFor(file), file);
  const discovery = discoverFiles(positionals, excluded);
  // Excludes apply to files named on the command line too, so pre-commit (which passes file
  // names) skips what the configuration excludes.
  const files = discovery.files.filter((f) => !excluded(f));

  const tasks: FileTask[] = files.map((file) => {
    const loaded = configFor(file);
    const project = values['per-file'] ? undefined : projectSettings(file, positionals, loaded);
    return {
      file,
      options: {
        config: applyOverrides(loaded.config, settings.overrides),
        extraIgnores: rulesIgnoredFor(loaded, file),
        fix: values.fix!,
        unsafeFixes: values['unsafe-fixes']!,
        diff: values.diff!,
        project,
      },
    };
  });
  const progress = createProgress(tasks.length, process.stderr, { enabled: !values.quiet });
  const outcomes: FileOutcome[] = await runChecks(tasks, settings.jobs ?? defaultJobs(tasks.length), (done) => progress.update(done));
  progress.finish();
  // Paths that could not be searched come first, as reports with an error, so every format
  // can show them (stderr, github ::error, SARIF notifications).
  const missing: FileReport[] = discovery.errors.map((e) => ({ file: e.path, findings: [], notes: [], error: e.message }));
  const reports = [...missing, ...outcomes.map((o) => o.report)];
  for (const report of reports) if (report.error) process.stderr.write(`holdout: ${report.file}: ${report.error}\n`);

  if (values.diff) {
    writeOutput(outcomes.map((o) => o.diff ?? '').join(''), values.output);
  } else {
    const color = values.output === undefined && shouldColor(process.stdout, process.env);
    writeOutput(
      formatReports(reports, { format: settings.format, color, quiet: values.quiet!, statistics: values.statistics!, cwd: process.cwd(), toolVersion: VERSION, docsUrl: settings.format === 'sarif' ? configFor(path.join(process.cwd(), 'pyproject.toml')).config.docsUrl : undefined }),
      values.output,
    );
  }
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile && !values.diff && !values['no-step-summary'] && (values['step-summary'] || settings.format === 'github')) {
    const byFile = new Map(tasks.map((t) => [t.file, t.options]));
    const optionsFor = (file: string) => {
      const options = byFile.get(file);
      if (!options?.project) return options;
      const project = sharedProjects().contextFor(file, options.project);
      return { ...options, ...project, syntaxOf: (f: string, t: string) => projectSyntax(f, t, project) };
    };
    const problem = writeStepSummary(summaryFile, stepSummary(reports, optionsFor));
    if (problem) process.stderr.write(`holdout: ${problem}\n`);
  }
  if ((values.fix || values.diff) && !values.quiet) {
    const applied = outcomes.reduce((n, o) => n + appliedCount(o.applied), 0);
    const heldBack = outcomes.reduce((n, o) => n + (o.heldBack ?? 0), 0);
    const verb = values.diff ? 'would apply' : 'applied';
    const held = heldBack ? `; ${counted(heldBack, 'unsafe fix', 'unsafe fixes')} held back (use --unsafe-fixes)` : '';
    process.stderr.write(`holdout: ${verb} ${counted(applied, 'fix', 'fixes')}${held}.\n`);
  }
  if (reports.some((r) => r.error)) return 2;
  if (values['exit-zero']) return 0;
  const failing = reports.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[settings.failOn]));
  return failing ? 1 : 0;
}
