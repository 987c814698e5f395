// `holdout graph` and `holdout checklist`: the experiment graph and the clean-experiment
// checklist of each file, for people (Mermaid, DOT, text) and tools (JSON).
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, LoadedConfig, loadConfigForDirectory, rulesIgnoredFor, isExcluded } from '../engine/config-loader';
import { analyseFile } from '../experiment/analyse';
import { AnalysedProgram, checklistDocument, graphDocument } from '../experiment/document';
import { renderDot } from '../experiment/dot';
import { renderMermaid } from '../experiment/mermaid';
import { renderChecklistMarkdown, renderChecklistText } from '../experiment/checklist-text';
import { discoverFiles } from './files';
import { projectContext, projectSettings, projectSyntax } from './project-context';

export const GRAPH_USAGE = `Usage: holdout graph [options] PATHS...

Prints the experiment graph of each script or notebook: where data is loaded, split, fitted,
evaluated and chosen on, with the paths of findings coloured.

Options:
  --format FORMAT    mermaid (default), dot or json
  --only-findings    Only the nodes and edges on the paths of findings
  --per-file         Analyse each file on its own (do not follow imports of project modules)
  -h, --help         Show this help`;

export const CHECKLIST_USAGE = `Usage: holdout checklist [options] PATHS...

Answers the reference's "Checklist for Clean Experiments" for each script or notebook:
yes / no / not detected (or not checked) with the lines that are the evidence.

Options:
  --format FORMAT    text (default), markdown or json
  --per-file         Analyse each file on its own (do not follow imports of project modules)
  -h, --help         Show this help`;

const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const;
const CHECKLIST_FORMATS = ['text', 'markdown', 'json'] as const;

interface Analysed {
  programs: AnalysedProgram[];
  failed: boolean;
}

function analysePaths(paths: string[], perFile: boolean): Analysed {
  const cache = new Map<string, LoadedConfig>();
  const configFor = (file: string): LoadedConfig => loadConfigForDirectory(path.dirname(path.resolve(file)), cache);
  const discovery = discoverFiles(paths, (f) => isExcluded(configFor(f), f));
  let failed = discovery.errors.length > 0;
  for (const e of discovery.errors) process.stderr.write(`holdout: ${e.path}: ${e.message}\n`);
  const programs: AnalysedProgram[] = [];
  for (const file of discovery.files) {
    const loaded = configFor(file);
    const project = perFile ? undefined : projectContext(file, projectSettings(file, paths, loaded));
    const syntaxOf = project && ((f: string, t: string) => projectSyntax(f, t, project));
    const result = analyseFile(file, { config: loaded.config, extraIgnores: rulesIgnoredFor(loaded, file), ...project, ...(syntaxOf ? { syntaxOf } : {}) });
    if ('error' in result) {
      process.stderr.write(`holdout: ${file}: ${result.error}\n`);
      failed = true;
    } else programs.push(result);
  }
  return { programs, failed };
}

type Parsed = { values: { format?: string; 'only-findings'?: boolean; 'per-file'?: boolean; help?: boolean }; positionals: string[] };

function parse(argv: string[], usage: string, formats: readonly string[], withOnlyFindings: boolean): Parsed | number {
  let parsed: Parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        'per-file': { type: 'boolean', default: false },
        ...(withOnlyFindings ? { 'only-findings': { type: 'boolean', default: false } } : {}),
      },
    }) as Parsed;
  } catch (e) {
    process.stderr.write(`holdout: ${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  const format = parsed.values.format ?? formats[0];
  if (!formats.includes(format)) {
    process.stderr.write(`holdout: unknown format '${format}' (${formats.join(', ')})\n`);
    return 2;
  }
  if (!parsed.positionals.length) {
    process.stderr.write(`holdout: no paths given\n${usage}\n`);
    return 2;
  }
  return { ...parsed, values: { ...parsed.values, format } };
}

function withConfigErrors(run: () => number): number {
  try {
    return run();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`holdout: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export function runGraph(argv: string[]): number {
  const parsed = parse(argv, GRAPH_USAGE, GRAPH_FORMATS, true);
  if (typeof parsed === 'number') return parsed;
  return withConfigErrors(() => {
    const { programs, failed } = analysePaths(parsed.positionals, !!parsed.values['per-file']);
    const docs = programs.map((p) => graphDocument(p, { onlyFindings: parsed.values['only-findings'] }));
    const format = parsed.values.format;
    if (format === 'json') process.stdout.write(JSON.stringify({ version: 1, graphs: docs }, null, 2) + '\n');
    else {
      const render = format === 'dot' ? renderDot : renderMermaid;
      const comment = format === 'dot' ? '//' : '%%';
      process.stdout.write(docs.map((d) => (docs.length > 1 ? `${comment} ${d.file}\n` : '') + render(d)).join('\n'));
    }
    return failed ? 2 : 0;
  });
}

export function runChecklist(argv: string[]): number {
  const parsed = parse(argv, CHECKLIST_USAGE, CHECKLIST_FORMATS, false);
  if (typeof parsed === 'number') return parsed;
  return withConfigErrors(() => {
    const { programs, failed } = analysePaths(parsed.positionals, !!parsed.values['per-file']);
    const docs = programs.map(checklistDocument);
    const format = parsed.values.format;
    if (format === 'json') process.stdout.write(JSON.stringify({ version: 1, checklists: docs }, null, 2) + '\n');
    else process.stdout.write(docs.map(format === 'markdown' ? renderChecklistMarkdown : renderChecklistText).join('\n'));
    return failed ? 2 : 0;
  });
}
