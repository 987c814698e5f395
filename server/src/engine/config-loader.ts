// Finding, reading and validating configuration files, shared by the CLI and the language
// server so that the editor and CI always agree.
//
// Sources: `[tool.holdout]` in a pyproject.toml, or the top level of a holdout.toml. For a file,
// the nearest folder (walking up) holding a holdout.toml, or a pyproject.toml with a
// `[tool.holdout]` table, wins; in one folder holdout.toml beats pyproject.toml. Globs
// (`exclude`, `per-file-ignores`) are relative to the folder of the config file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseToml, TomlError } from 'smol-toml';
import { RULES } from '../../../rules';
import { DEFAULT_CONFIG, HoldoutConfig } from './config';
import { META_RULE_IDS } from './suppressions';
import { SeveritySetting } from './types';

/** A configuration problem, naming the file and the key; the CLI prints it and exits with 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    readonly detail: string,
  ) {
    super(`${file}: ${key !== undefined ? `${key}: ` : ''}${detail}`);
    this.name = 'ConfigError';
  }
}

export const CONFIG_FILE_NAMES = ['holdout.toml', 'pyproject.toml'] as const;
const SEVERITY_VALUES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const KNOWN_KEYS = ['select', 'ignore', 'severity', 'exclude', 'seed', 'per-file-ignores', 'src', 'outcome-suffixes', 'transductive', 'test-reuse', 'group-columns', 'extend-group-columns', 'datetime-heuristics', 'docs-url'];

/** A configuration and where it came from. */
export interface LoadedConfig {
  /** The config file; undefined for the built-in defaults. */
  file: string | undefined;
  /** The folder globs are relative to. */
  dir: string;
  config: HoldoutConfig;
}

export function knownRuleIds(): string[] {
  return [...RULES.map((r) => r.id), ...META_RULE_IDS];
}

function ruleIdError(file: string, key: string, id: string): ConfigError {
  return new ConfigError(file, key, `unknown rule '${id}'; known rules: ${knownRuleIds().join(', ')}`);
}

function stringList(value: unknown, file: string, key: string): string[] {
  if (!Array.isArray(value)) throw new ConfigError(file, key, `expected a list of strings, got ${describe(value)}`);
  const bad = value.findIndex((v) => typeof v !== 'string');
  if (bad >= 0) throw new ConfigError(file, `${key}[${bad}]`, `expected a string, got ${describe(value[bad])}`);
  return value as string[];
}

function ruleList(value: unknown, file: string, key: string): string[] {
  const ids = stringList(value, file, key);
  const known = knownRuleIds();
  ids.forEach((id, i) => {
    if (!known.includes(id)) throw ruleIdError(file, `${key}[${i}]`, id);
  });
  return ids;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isTable(value)) return 'a table';
  return `${typeof value === 'string' ? JSON.stringify(value) : String(value)} (${typeof value})`;
}

/** A TOML key, quoted when it is not a bare key. */
function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function checkGlob(glob: string, file: string, key: string): void {
  if (glob.trim() === '') throw new ConfigError(file, key, 'empty glob');
  try {
    picomatch.makeRe(glob);
  } catch (e) {
    throw new ConfigError(file, key, `invalid glob '${glob}': ${(e as Error).message}`);
  }
}

/**
 * Validates a `[tool.holdout]` table (or a holdout.toml document) into a configuration.
 * `prefix` is how keys are named in errors (`tool.holdout.` for pyproject.toml).
 */
export function validateConfig(table: Record<string, unknown>, file: string, prefix = ''): HoldoutConfig {
  const config: HoldoutConfig = { ...DEFAULT_CONFIG, ignore: [], severity: {}, exclude: [], perFileIgnores: {} };
  for (const [key, value] of Object.entries(table)) {
    const name = prefix + tomlKey(key);
    switch (key) {
      case 'select':
        config.select = ruleList(value, file, name);
        break;
      case 'ignore':
        config.ignore = ruleList(value, file, name);
        break;
      case 'severity': {
        if (!isTable(value)) throw new ConfigError(file, name, `expected a table of rule = "error" | "warning" | "info" | "off", got ${describe(value)}`);
        for (const [rule, level] of Object.entries(value)) {
          const levelKey = `${name}.${tomlKey(rule)}`;
          if (!knownRuleIds().includes(rule)) throw ruleIdError(file, levelKey, rule);
          if (typeof level !== 'string' || !SEVERITY_VALUES.includes(level as SeveritySetting)) {
            throw new ConfigError(file, levelKey, `expected one of ${SEVERITY_VALUES.map((s) => `"${s}"`).join(', ')}, got ${describe(level)}`);
          }
          config.severity[rule] = level as SeveritySetting;
        }
        break;
      }
      case 'exclude':
        config.exclude = stringList(value, file, name);
        config.exclude.forEach((g, i) => checkGlob(g, file, `${name}[${i}]`));
        break;
      case 'transductive':
      case 'test-reuse': {
        if (typeof value !== 'string' || !SEVERITY_VALUES.includes(value as SeveritySetting)) {
          throw new ConfigError(file, name, `expected one of ${SEVERITY_VALUES.map((v) => `"${v}"`).join(', ')}, got ${describe(value)}`);
        }
        if (key === 'transductive') config.transductive = value as SeveritySetting;
        else config.testReuse = value as SeveritySetting;
        break;
      }
      case 'seed':
        // numpy accepts seeds in [0, 2**32 - 1]; a fix must write one every library takes.
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
          throw new ConfigError(file, name, `expected an integer from 0 to 4294967295, got ${describe(value)}`);
        }
        config.seed = value;
        break;
      case 'outcome-suffixes':
        config.outcomeSuffixes = stringList(value, file, name);
        break;
      case 'src':
        // Extra module roots for imports between the project's own files (as Ruff's `src`).
        config.src = stringList(value, file, name);
        break;
      case 'per-file-ignores': {
        if (!isTable(value)) throw new ConfigError(file, name, `expected a table of glob = [rules], got ${describe(value)}`);
        for (const [glob, rules] of Object.entries(value)) {
          const globKey = `${name}.${tomlKey(glob)}`;
          checkGlob(glob, file, globKey);
          config.perFileIgnores[glob] = ruleList(rules, file, globKey);
        }
        break;
      }
      case 'group-columns':
        config.groupColumns = stringList(value, file, name);
        break;
      case 'extend-group-columns':
        config.extendGroupColumns = stringList(value, file, name);
        break;
      case 'docs-url':
        if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+/.test(value)) throw new ConfigError(file, name, `expected an http(s) URL, got ${describe(value)}`);
        config.docsUrl = value;
        break;
      case 'datetime-heuristics':
        if (typeof value !== 'boolean') throw new ConfigError(file, name, `expected true or false, got ${describe(value)}`);
        config.datetimeHeuristics = value;
        break;
      default:
        throw new ConfigError(file, name, `unknown key; known keys: ${KNOWN_KEYS.join(', ')}`);
    }
  }
  return config;
}

function parseTomlFile(text: string, file: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
      throw new ConfigError(file, undefined, `TOML syntax error at line ${e.line}, column ${e.column}: ${first}`);
    }
    throw e;
  }
}

/** The `[tool.holdout]` table of a pyproject.toml text, or undefined when it has none. */
function holdoutTable(doc: Record<string, unknown>, file: string): Record<string, unknown> | undefined {
  const tool = doc.tool;
  if (!isTable(tool) || tool.holdout === undefined) return undefined;
  if (!isTable(tool.holdout)) throw new ConfigError(file, 'tool.holdout', `expected a table, got ${describe(tool.holdout)}`);
  return tool.holdout;
}

/** Parses a config file's text: pyproject.toml (its `[tool.holdout]`) or holdout.toml (top level). */
export function parseConfigText(text: string, file: string): HoldoutConfig | undefined {
  const doc = parseTomlFile(text, file);
  if (path.basename(file) === 'pyproject.toml') {
    const table = holdoutTable(doc, file);
    return table === undefined ? undefined : validateConfig(table, file, 'tool.holdout.');
  }
  return validateConfig(doc, file);
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, undefined, `cannot read config file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Loads an explicitly named config file (`--config FILE`). A pyproject.toml without `[tool.holdout]` gives the defaults. */
export function loadConfigFile(file: string): LoadedConfig {
  const absolute = path.resolve(file);
  const config = parseConfigText(readText(absolute), absolute) ?? DEFAULT_CONFIG;
  return { file: absolute, dir: path.dirname(absolute), config };
}

/** The defaults, as a loaded configuration rooted at `dir`. */
export function defaultConfig(dir: string = process.cwd()): LoadedConfig {
  return { file: undefined, dir: path.resolve(dir), config: DEFAULT_CONFIG };
}

/**
 * Finds and loads the configuration that applies to files in `dir`: the nearest holdout.toml or
 * pyproject.toml with `[tool.holdout]`, walking up; the defaults when there is none.
 * `cache` (keyed by folder) makes checking many files in one tree cheap.
 */
export function loadConfigForDirectory(dir: string, cache: Map<string, LoadedConfig> = new Map()): LoadedConfig {
  const visited: string[] = [];
  let current = path.resolve(dir);
  let found: LoadedConfig | undefined;
  for (;;) {
    const cached = cache.get(current);
    if (cached) {
      found = cached;
      break;
    }
    visited.push(current);
    found = configIn(current);
    if (found) break;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const result = found ?? defaultConfig(dir);
  for (const d of visited) cache.set(d, result);
  return result;
}

function configIn(dir: string): LoadedConfig | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(dir, name);
    let isFile = false;
    try {
      isFile = fs.statSync(file).isFile();
    } catch {
      continue;
    }
    if (!isFile) continue;
    const config = parseConfigText(readText(file), file);
    if (config) return { file, dir, config };
  }
  return undefined;
}

/** Loads the configuration for a file: `--isolated` gives the defaults, `--config` wins over discovery. */
export function loadConfigForFile(file: string, options: { configFile?: string; isolated?: boolean; cache?: Map<string, LoadedConfig> } = {}): LoadedConfig {
  if (options.isolated) return defaultConfig();
  if (options.configFile) return loadConfigFile(options.configFile);
  return loadConfigForDirectory(path.dirname(path.resolve(file)), options.cache);
}

const matcherCache = new Map<string, (s: string) => boolean>();

function matcher(glob: string): (s: string) => boolean {
  let m = matcherCache.get(glob);
  if (!m) {
    m = picomatch(glob.replace(/\/+$/, ''), { dot: true });
    matcherCache.set(glob, m);
  }
  return m;
}

/**
 * Does a glob match a file? Matched against the path relative to the config folder and every
 * folder above the file within it (so `legacy` and `legacy/**` both exclude legacy/a.py); a
 * glob without a slash also matches the file name alone, wherever it is (like Ruff and .gitignore).
 */
export function globMatches(glob: string, file: string, dir: string): boolean {
  const m = matcher(glob);
  const rel = path.relative(dir, path.resolve(file)).split(path.sep).join('/');
  if (!glob.replace(/\/+$/, '').includes('/') && m(path.basename(file))) return true;
  if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
  const parts = rel.split('/');
  for (let i = parts.length; i >= 1; i--) if (m(parts.slice(0, i).join('/'))) return true;
  return false;
}

/** Is the file excluded by the configuration's `exclude` globs? */
export function isExcluded(loaded: LoadedConfig, file: string): boolean {
  return loaded.config.exclude.some((glob) => globMatches(glob, file, loaded.dir));
}

/** The rules `per-file-ignores` turns off for a file. */
export function rulesIgnoredFor(loaded: LoadedConfig, file: string): string[] {
  const out = new Set<string>();
  for (const [glob, rules] of Object.entries(loaded.config.perFileIgnores)) {
    if (globMatches(glob, file, loaded.dir)) rules.forEach((r) => out.add(r));
  }
  return [...out].sort();
}

/** What the command line (or an editor's settings) says; undefined fields leave the file's value. */
export interface ConfigOverrides {
  select?: string[];
  ignore?: string[];
  severity?: Record<string, SeveritySetting>;
  seed?: number;
  reportUnusedIgnores?: boolean;
}

/**
 * Applies overrides on top of a file's configuration, the way Ruff layers them: a `select`
 * override starts a fresh selection (the file's `ignore` no longer applies, and a rule it names
 * is turned back on even if the file set its severity to off); an `ignore` override adds to the
 * file's ignores.
 */
export function applyOverrides(config: HoldoutConfig, overrides: ConfigOverrides): HoldoutConfig {
  const out: HoldoutConfig = { ...config, severity: { ...config.severity }, ignore: [...config.ignore] };
  if (overrides.select) {
    out.select = [...overrides.select];
    out.ignore = [...(overrides.ignore ?? [])];
    for (const id of overrides.select) if (out.severity[id] === 'off') delete out.severity[id];
  } else if (overrides.ignore) {
    out.ignore = [...new Set([...out.ignore, ...overrides.ignore])];
  }
  if (overrides.severity) Object.assign(out.severity, overrides.severity);
  if (overrides.seed !== undefined) out.seed = overrides.seed;
  if (overrides.reportUnusedIgnores !== undefined) out.reportUnusedIgnores = overrides.reportUnusedIgnores;
  return out;
}
