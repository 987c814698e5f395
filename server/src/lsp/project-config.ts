// The configuration a document is linted with: the project's holdout.toml / pyproject.toml
// (the same discovery as the CLI, so editor and CI agree) with the editor settings on top.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HoldoutConfig } from '../engine/config';
import { applyOverrides, ConfigError, defaultConfig, isExcluded, LoadedConfig, loadConfigForFile, rulesIgnoredFor } from '../engine/config-loader';
import { HoldoutSettings } from './settings';
import { ModuleHost } from '../semantic/modules';

export interface DocumentConfig {
  config: HoldoutConfig;
  extraIgnores: string[];
  /** Excluded by the project's `exclude` globs: not linted. */
  excluded: boolean;
  /** The project's own modules (the workspace index), so imports of them are followed. */
  modules?: ModuleHost;
  /** A library module: judged where entry points call it, no findings of its own. */
  library?: boolean;
  /** The workspace index's stamp when this was resolved: an analysis made under another is stale. */
  moduleStamp?: number;
  /** The stamp of the last change to a module other than this document (an analysis of an edit may resume under the same). */
  otherModulesStamp?: number;
}

/** The file a document URI stands for; a notebook cell stands for its notebook. */
export function fileOf(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    if (url.protocol === 'file:') return fileURLToPath(url);
    if (url.protocol === 'vscode-notebook-cell:') return fileURLToPath(`file://${url.pathname}`);
  } catch {
    // Not a URL we can map to a file: no project configuration.
  }
  return undefined;
}

export class ProjectConfigs {
  private cache = new Map<string, LoadedConfig>();
  private readonly reported = new Set<string>();
  /** The folders whose configuration source was logged (once per folder until invalidated). */
  private readonly described = new Set<string>();

  constructor(
    private readonly reportError: (message: string) => void,
    /** Says which configuration a folder's documents use (the output channel, at info). */
    private readonly describe: (message: string) => void = () => undefined,
  ) {}

  /** Config files changed (or the settings did): read them again. */
  invalidate(): void {
    this.cache = new Map();
    this.reported.clear();
    this.described.clear();
  }

  resolve(uri: string, settings: HoldoutSettings): DocumentConfig {
    const file = fileOf(uri);
    let loaded = defaultConfig();
    let invalid = false;
    if (file) {
      try {
        loaded = loadConfigForFile(file, { cache: this.cache });
      } catch (error) {
        // A broken config file must not silence the editor: report once, lint with defaults.
        invalid = true;
        const message = error instanceof ConfigError ? error.message : String(error);
        if (!this.reported.has(message)) {
          this.reported.add(message);
          this.reportError(`Holdout: invalid configuration, using the defaults. ${message}`);
        }
      }
    }
    if (file) this.describeSource(path.dirname(file), loaded, settings, invalid);
    const config = applyOverrides(loaded.config, { severity: settings.rules, seed: settings.seed });
    return {
      config,
      extraIgnores: file ? rulesIgnoredFor(loaded, file) : [],
      excluded: file ? isExcluded(loaded, file) : false,
    };
  }

  private describeSource(dir: string, loaded: LoadedConfig, settings: HoldoutSettings, invalid: boolean): void {
    if (this.described.has(dir)) return;
    this.described.add(dir);
    const overrides = [
      Object.keys(settings.rules ?? {}).length ? `holdout.rules ${JSON.stringify(settings.rules)}` : '',
      settings.seed !== undefined ? `holdout.seed ${settings.seed}` : '',
    ].filter(Boolean);
    const source = loaded.file ?? (invalid ? 'defaults (the configuration file is invalid)' : 'defaults (no holdout.toml or pyproject.toml with [tool.holdout] found)');
    this.describe(`Configuration for ${dir}: ${source}${overrides.length ? `, with the editor settings ${overrides.join(', ')}` : ''}`);
  }
}
